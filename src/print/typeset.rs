//! Typesetting with typst as a library: the bundled template, the bundled fonts only (no system
//! fonts, no packages, no network), the document's content passed as JSON data.

use super::{PrintDoc, PrintError};
use typst::foundations::{Bytes, Dict, IntoValue};
use typst_as_lib::TypstEngine;
use typst_layout::PagedDocument;

const TEMPLATE: &str = include_str!("../../assets/templates/document.typ");
const ISSUED: &str = include_str!("../../assets/templates/issued.typ");

const FONTS: [&[u8]; 6] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
    // Charts are SVG drawn in Noto Sans, as on screen.
    include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
];

fn render_options(pixels_per_pt: f32) -> typst_render::RenderOptions {
    typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(pixels_per_pt)),
        ..Default::default()
    }
}

fn engine() -> TypstEngine<typst_as_lib::TypstTemplateMainFile> {
    TypstEngine::builder()
        .main_file(TEMPLATE)
        .fonts(FONTS)
        .build()
}

/// Lays the document out in pages.
pub fn layout(doc: &PrintDoc) -> Result<PagedDocument, PrintError> {
    let json = serde_json::to_vec(doc).map_err(|e| PrintError::Typeset(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Bytes::new(json).into_value());
    let result = engine().compile_with_input(inputs);
    result
        .output
        .map_err(|e| PrintError::Typeset(e.to_string()))
}

/// The document as PDF (A4, fonts embedded).
pub fn pdf(doc: &PrintDoc) -> Result<Vec<u8>, PrintError> {
    pdf_and_pages(doc).map(|(bytes, _)| bytes)
}

/// The document as PDF, and how many pages it has. The same document gives the same bytes
/// (no creation date is written).
pub fn pdf_and_pages(doc: &PrintDoc) -> Result<(Vec<u8>, u32), PrintError> {
    let paged = layout(doc)?;
    let pages = u32::try_from(paged.pages().len()).unwrap_or(u32::MAX);
    typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default())
        .map(|bytes| (bytes, pages))
        .map_err(|e| PrintError::Pdf(format!("{e:?}")))
}

/// A stored PDF (an issued document) laid out as pages to show and print: each page of the
/// PDF drawn as it is, at its own size — the bytes that were issued, not the data now.
pub fn layout_pdf(pdf: &[u8], pages: u32) -> Result<PagedDocument, PrintError> {
    let mut inputs = Dict::new();
    inputs.insert("pdf".into(), Bytes::new(pdf.to_vec()).into_value());
    let pages = pages.clamp(1, crate::model::issued::MAX_PAGES);
    inputs.insert("pages".into(), i64::from(pages).into_value());
    let engine = TypstEngine::builder()
        .main_file(ISSUED)
        .fonts(FONTS)
        .build();
    engine
        .compile_with_input(inputs)
        .output
        .map_err(|e| PrintError::Typeset(e.to_string()))
}

/// The pages of a stored PDF as images for the preview.
pub fn pdf_page_images(
    pdf: &[u8],
    pages: u32,
    pixels_per_pt: f32,
) -> Result<Vec<PageImage>, PrintError> {
    let paged = layout_pdf(pdf, pages)?;
    Ok(paged
        .pages()
        .iter()
        .map(|page| page_image(page, pixels_per_pt))
        .collect())
}

/// One page as an image: width, height and RGBA pixels (premultiplied alpha on white).
pub struct PageImage {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

/// The pages as images for the preview, `pixels_per_pt` (1.0 is 72 dpi).
pub fn page_images(doc: &PrintDoc, pixels_per_pt: f32) -> Result<Vec<PageImage>, PrintError> {
    let paged = layout(doc)?;
    Ok(paged
        .pages()
        .iter()
        .map(|page| page_image(page, pixels_per_pt))
        .collect())
}

/// One laid-out page as an image. Printing renders pages one at a time with it: at printer
/// resolution a whole document at once would hold hundreds of megabytes.
pub fn page_image(page: &typst_layout::Page, pixels_per_pt: f32) -> PageImage {
    let pixmap = typst_render::render(page, &render_options(pixels_per_pt));
    PageImage {
        width: pixmap.width(),
        height: pixmap.height(),
        rgba: pixmap.take(),
    }
}

/// Encodes a page image as PNG (for looking at pages outside the app).
pub fn page_png(doc: &PrintDoc, pixels_per_pt: f32) -> Result<Vec<Vec<u8>>, PrintError> {
    let paged = layout(doc)?;
    paged
        .pages()
        .iter()
        .map(|page| {
            typst_render::render(page, &render_options(pixels_per_pt))
                .encode_png()
                .map_err(|e| PrintError::Pdf(e.to_string()))
        })
        .collect()
}

const GUIDE: &str = include_str!("../../assets/templates/guide.typ");

/// The user guide in `lang` as a PDF book: a title page, the contents, each chapter with its
/// pictures (those GiamSat has), page numbers.
pub fn guide_pdf(lang: crate::i18n::Lang) -> Result<Vec<u8>, PrintError> {
    use crate::guide::{Block, Span};
    use serde_json::{Value, json};
    let t = lang.texts();
    let spans = |list: &[Span]| -> Value {
        Value::Array(
            list.iter()
                .map(|s| match s {
                    Span::Text(x) => json!({"t": "text", "s": x}),
                    Span::Bold(x) => json!({"t": "bold", "s": x}),
                    Span::Code(x) => json!({"t": "code", "s": x}),
                })
                .collect(),
        )
    };
    let chapters: Vec<Value> = crate::guide::chapters(lang)
        .iter()
        .map(|ch| {
            let blocks: Vec<Value> = ch
                .blocks
                .iter()
                .map(|b| match b {
                    Block::Section(text) => json!({"kind": "section", "text": text}),
                    Block::Paragraph(s) => json!({"kind": "para", "spans": spans(s)}),
                    Block::Bullets(items) => json!({
                        "kind": "bullets",
                        "items": items.iter().map(|i| spans(i)).collect::<Vec<_>>()
                    }),
                    Block::Steps(items) => json!({
                        "kind": "steps",
                        "items": items.iter().map(|i| spans(i)).collect::<Vec<_>>()
                    }),
                    Block::Picture { file, caption } => json!({
                        "kind": "picture",
                        "file": file,
                        "caption": caption,
                        "image": crate::guide::picture(lang, file).is_some(),
                    }),
                })
                .collect();
            json!({"id": ch.id, "title": ch.title, "blocks": blocks})
        })
        .collect();
    let data = json!({
        "title": t.guide_title,
        "subtitle": t.guide_subtitle,
        "contents": t.guide_contents,
        "lang": match lang { crate::i18n::Lang::Vi => "vi", crate::i18n::Lang::En => "en" },
        "chapters": chapters,
    });
    let bytes = serde_json::to_vec(&data).map_err(|e| PrintError::Typeset(e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), Bytes::new(bytes).into_value());
    // Each picture's bytes beside the data, under "pic:" and its file.
    for ch in crate::guide::chapters(lang) {
        for b in &ch.blocks {
            if let Block::Picture { file, .. } = b
                && let Some(bytes) = crate::guide::picture(lang, file)
            {
                inputs.insert(
                    format!("pic:{file}").as_str().into(),
                    Bytes::new(bytes.to_vec()).into_value(),
                );
            }
        }
    }
    let engine = TypstEngine::builder().main_file(GUIDE).fonts(FONTS).build();
    let paged: PagedDocument = engine
        .compile_with_input(inputs)
        .output
        .map_err(|e| PrintError::Typeset(e.to_string()))?;
    typst_pdf::pdf(&paged, &typst_pdf::PdfOptions::default())
        .map_err(|e| PrintError::Pdf(format!("{e:?}")))
}
