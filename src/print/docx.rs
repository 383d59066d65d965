//! Word copies of the notice and the report, for offices that finish documents in Word: the same
//! blocks as the PDF, Times New Roman, A4 with the State's margins.

use super::{Block, PrintDoc, PrintError};
use crate::model::text::clean_text;
use docx_rs::*;

const TWIPS_PER_MM: f64 = 56.692_9;

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

/// A run of text. Cleaned again here ([`clean_text`]): a file made before GiamSat cleaned
/// what was pasted may still hold a character XML cannot, and Word refuses such a file.
fn run(text: &str, size_pt: usize, bold: bool, italic: bool) -> Run {
    let mut r = Run::new()
        .add_text(clean_text(text))
        .size(size_pt * 2)
        .fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman"),
        );
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

fn centered(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, size, bold, italic))
        .align(AlignmentType::Center)
}

fn body(text: &str, bold: bool) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, 14, bold, false))
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(mm(10.0))),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().after(120))
}

/// A text as the PDF shows it: one paragraph per line the user typed (a run of text in Word
/// does not break at a newline), blank lines dropped, `lead` before the first.
fn body_paragraphs(lead: Option<&str>, text: &str) -> Vec<Paragraph> {
    let mut lines: Vec<String> = clean_text(text)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    if lines.is_empty() {
        lines.push(String::new());
    }
    if let Some(lead) = lead {
        lines[0] = format!("{lead} {}", lines[0]).trim().to_string();
    }
    lines.iter().map(|l| body(l, false)).collect()
}

/// The page number, centred in the top margin of every page but the first (Nghị định
/// 30/2020); above it on every page, the mark of a copy that is not the issued one.
fn page_number_header(mark: Option<&str>) -> Header {
    mark_header(mark, Header::new()).add_paragraph(
        Paragraph::new()
            .add_page_num(PageNum::new())
            .align(AlignmentType::Center),
    )
}

/// "KHÔNG PHẢI BẢN ĐÃ BAN HÀNH" in red at the top of a page, when the document carries it.
fn mark_header(mark: Option<&str>, header: Header) -> Header {
    match mark {
        Some(m) => header.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(m).bold().color("C81E1E").size(22))
                .align(AlignmentType::Center),
        ),
        None => header,
    }
}

/// A table of two borderless columns of fixed widths (the header block, the signature block):
/// without fixed widths, Word and LibreOffice size columns by their content and wrap the
/// national title.
fn two_columns(left: Vec<Paragraph>, left_mm: f64, right: Vec<Paragraph>, right_mm: f64) -> Table {
    let (l, r) = (mm(left_mm) as usize, mm(right_mm) as usize);
    Table::new(vec![
        TableRow::new(vec![
            cell(left).width(l, WidthType::Dxa),
            cell(right).width(r, WidthType::Dxa),
        ])
        .cant_split(),
    ])
    .set_grid(vec![l, r])
    .width(l + r, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
    .clear_all_border()
}

/// A chart's SVG as a PNG picture sized to 16 cm wide.
fn chart_picture(svg: &str) -> Option<Pic> {
    let png = crate::charts::svg::to_png(svg, 2.0).ok()?;
    // The PNG header holds the size: width and height, big-endian, at bytes 16..24.
    let w = u32::from_be_bytes(png.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(png.get(20..24)?.try_into().ok()?);
    if w == 0 || h == 0 {
        return None;
    }
    const EMU_PER_MM: u64 = 36_000;
    let width = 160 * EMU_PER_MM;
    let height = width * u64::from(h) / u64::from(w);
    Some(
        Pic::new_with_dimensions(png, w, h)
            .size(u32::try_from(width).ok()?, u32::try_from(height).ok()?),
    )
}

fn cell(paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new();
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The document as a .docx file.
/// Adds one block; `keep` keeps it on the page of what follows (the signature).
fn add_block(mut d: Docx, b: &Block, keep: bool) -> Docx {
    match b {
        // A heading never ends a page: it stays with what follows.
        Block::Heading { text } | Block::Subheading { text } => {
            d = d.add_paragraph(body(text, true).keep_next(true))
        }
        Block::Para { text } => {
            for p in body_paragraphs(None, text) {
                d = d.add_paragraph(p.keep_next(keep));
            }
        }
        Block::Item { label, text } => {
            for p in body_paragraphs(Some(label), text) {
                d = d.add_paragraph(p.keep_next(keep));
            }
        }
        Block::Note { text } => {
            d = d.add_paragraph(Paragraph::new().add_run(run(text, 12, false, true)))
        }
        Block::Table {
            unit, header, rows, ..
        } => {
            if let Some(u) = unit {
                d = d.add_paragraph(
                    Paragraph::new()
                        .add_run(run(u, 12, false, true))
                        .align(AlignmentType::Right),
                );
            }
            let head = TableRow::new(
                header
                    .iter()
                    .map(|c| cell(vec![Paragraph::new().add_run(run(c, 12, true, false))]))
                    .collect(),
            );
            let mut table_rows = vec![head];
            for r in rows {
                table_rows.push(TableRow::new(
                    r.cells
                        .iter()
                        .map(|c| cell(vec![Paragraph::new().add_run(run(c, 12, r.bold, false))]))
                        .collect(),
                ));
            }
            d = d.add_table(Table::new(table_rows));
        }
        Block::Chart { svg, caption } => {
            // The chart as a picture, 16 cm wide (the text width), with its caption below.
            match chart_picture(svg) {
                Some(pic) => {
                    d = d.add_paragraph(
                        Paragraph::new()
                            .add_run(Run::new().add_image(pic))
                            .align(AlignmentType::Center),
                    );
                    d = d.add_paragraph(
                        Paragraph::new()
                            .add_run(run(caption, 12, false, true))
                            .align(AlignmentType::Center),
                    );
                }
                // Never a silent gap: the reader sees which chart is missing.
                None => {
                    d = d.add_paragraph(
                        Paragraph::new()
                            .add_run(run(&format!("[{caption}]"), 12, false, true))
                            .align(AlignmentType::Center),
                    );
                }
            }
        }
    }
    d
}

pub fn docx(doc: &PrintDoc) -> Result<Vec<u8>, PrintError> {
    if !doc.kind.has_docx() {
        return Err(PrintError::NoDocx);
    }
    let h = &doc.header;
    let mut left = vec![];
    if !h.parent_body.is_empty() {
        left.push(centered(&h.parent_body, 13, false, false));
    }
    left.push(centered(&h.issuer, 13, true, false));
    if !h.issuer_sub.is_empty() {
        left.push(centered(&h.issuer_sub, 13, true, false));
    }
    left.push(centered("———", 11, false, false));
    if let Some(n) = &h.number_line {
        left.push(centered(n, 13, false, false));
    }
    let right = vec![
        centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, true, false),
        centered("Độc lập - Tự do - Hạnh phúc", 14, true, false),
        centered("———————————", 11, false, false),
        centered(&h.date_line, 14, false, true),
    ];
    // The text width is 210 − 30 − 15 = 165 mm; the national title needs about 95 mm at
    // 13 pt bold.
    let header = two_columns(left, 62.0, right, 103.0);

    let mut d = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(20.0))
                .bottom(mm(20.0))
                .left(mm(30.0))
                .right(mm(15.0)),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman"),
        )
        .default_size(28)
        .header(page_number_header(doc.mark.as_deref()))
        .first_header(mark_header(doc.mark.as_deref(), Header::new()))
        .title_pg()
        .add_table(header)
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(&doc.title, 14, true, false));
    if !doc.summary.is_empty() {
        d = d.add_paragraph(centered(&doc.summary, 14, true, false));
    }
    d = d.add_paragraph(centered("————", 11, false, false));
    let last = doc.blocks.len().saturating_sub(1);
    for (i, b) in doc.blocks.iter().enumerate() {
        // The last paragraph stays on the page of the signature, as in the PDF.
        d = add_block(d, b, doc.signature.is_some() && i == last);
    }
    if let Some(s) = &doc.signature {
        let mut recipients = vec![Paragraph::new().add_run(run("Nơi nhận:", 12, true, true))];
        for (i, r) in doc.recipients.iter().enumerate() {
            let end = if i + 1 == doc.recipients.len() {
                "."
            } else {
                ";"
            };
            recipients.push(Paragraph::new().add_run(run(
                &format!("- {r}{end}"),
                11,
                false,
                false,
            )));
        }
        let sign = vec![
            centered(&s.authority, 14, true, false),
            centered(&s.title, 14, true, false),
            Paragraph::new(),
            Paragraph::new(),
            Paragraph::new(),
            centered(&s.name, 14, true, false),
        ];
        // One row that cannot split: the signature block is never cut across pages.
        d = d
            .add_paragraph(Paragraph::new().keep_next(true))
            .add_table(two_columns(recipients, 82.0, sign, 83.0));
    }
    // An appendix (phụ lục) follows the signature, on a page of its own.
    if !doc.appendix.is_empty() {
        d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        for b in &doc.appendix {
            d = add_block(d, b, false);
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| PrintError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}
