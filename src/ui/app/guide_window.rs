//! Help → User guide (F1 opens the chapter of the screen in use): the guide's chapters beside
//! the one read, a search that ignores diacritics, pictures with captions a screen reader reads.

use super::*;
use crate::guide::{Block, Chapter, Span};

/// The guide's window, while it is open.
pub(super) struct GuideWindow {
    pub(super) chapter: usize,
    pub(super) query: String,
    /// The chapter shown changed: its text starts at the top.
    pub(super) to_top: bool,
}

impl GiamSatApp {
    /// Opens the guide on the chapter `id` (the first one when there is none such).
    pub fn open_guide(&mut self, id: &str) {
        let chapter = crate::guide::chapters(self.lang)
            .iter()
            .position(|c| c.id == id)
            .unwrap_or(0);
        self.guide = Some(GuideWindow {
            chapter,
            query: String::new(),
            to_top: true,
        });
    }

    /// The chapter the guide shows, if it is open (tests ask).
    pub fn guide_chapter(&self) -> Option<&'static str> {
        let g = self.guide.as_ref()?;
        crate::guide::chapters(self.lang)
            .get(g.chapter)
            .map(|c| c.id.as_str())
    }

    pub(super) fn guide_ui(&mut self, ctx: &egui::Context) {
        let Some(g) = self.guide.as_mut() else {
            return;
        };
        let t = self.lang.texts();
        let lang = self.lang;
        let chapters = crate::guide::chapters(lang);
        let mut open = true;
        egui::Window::new(t.cmd_guide)
            .id(egui::Id::unique("user-guide"))
            .open(&mut open)
            .default_size([780.0, 540.0])
            .min_size([420.0, 300.0])
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Panel::left("guide-chapters")
                    .resizable(true)
                    .default_size(220.0)
                    .min_size(160.0)
                    .show(ui, |ui| {
                        let r = ui.add(
                            egui::TextEdit::singleline(&mut g.query)
                                .hint_text(t.guide_search)
                                .desired_width(f32::INFINITY),
                        );
                        screens::name(ui, &r, t.guide_search);
                        ui.add_space(4.0);
                        egui::ScrollArea::vertical()
                            .id_salt("guide-toc")
                            .auto_shrink([false, false])
                            .show(ui, |ui| toc_ui(ui, g, chapters, t));
                    });
                egui::CentralPanel::default().show(ui, |ui| {
                    let mut area = egui::ScrollArea::vertical()
                        .id_salt("guide-text")
                        .auto_shrink([false, false]);
                    if std::mem::take(&mut g.to_top) {
                        area = area.vertical_scroll_offset(0.0);
                    }
                    area.show(ui, |ui| {
                        if let Some(ch) = chapters.get(g.chapter) {
                            chapter_ui(ui, ch, lang);
                        }
                    });
                });
            });
        if !open {
            self.guide = None;
        }
    }
}

/// The chapters, or what a search found in them.
fn toc_ui(ui: &mut egui::Ui, g: &mut GuideWindow, chapters: &[Chapter], t: &Texts) {
    if g.query.trim().is_empty() {
        for (i, ch) in chapters.iter().enumerate() {
            if ui
                .selectable_label(g.chapter == i, format!("{}. {}", i + 1, ch.title))
                .clicked()
            {
                g.chapter = i;
                g.to_top = true;
            }
        }
        return;
    }
    let found = crate::guide::search(chapters, &g.query);
    if found.is_empty() {
        ui.weak(fill(t.guide_no_match, &[("query", g.query.trim())]));
    }
    for f in found {
        let Some(ch) = chapters.get(f.chapter) else {
            continue;
        };
        let r = ui.selectable_label(
            g.chapter == f.chapter,
            egui::RichText::new(&ch.title).strong(),
        );
        if r.clicked() {
            g.chapter = f.chapter;
            g.to_top = true;
        }
        if f.snippet != ch.title {
            ui.add(egui::Label::new(egui::RichText::new(&f.snippet).weak().small()).wrap());
        }
        ui.add_space(4.0);
    }
}

/// One chapter, block by block.
fn chapter_ui(ui: &mut egui::Ui, ch: &Chapter, lang: Lang) {
    ui.heading(&ch.title);
    ui.add_space(6.0);
    for b in &ch.blocks {
        match b {
            Block::Section(s) => {
                ui.add_space(6.0);
                ui.label(crate::ui::fonts::bold(s).size(16.0));
            }
            Block::Paragraph(spans) => {
                ui.add(egui::Label::new(job(ui, spans)).wrap());
            }
            Block::Bullets(items) => {
                for item in items {
                    list_item(ui, "•", item);
                }
            }
            Block::Steps(items) => {
                for (i, item) in items.iter().enumerate() {
                    list_item(ui, &format!("{}.", i + 1), item);
                }
            }
            // A picture not made yet is left out rather than shown as an empty place.
            Block::Picture { file, caption } => {
                if let Some(bytes) = crate::guide::picture(lang, file) {
                    ui.add(
                        egui::Image::from_bytes(
                            format!("bytes://guide/{}/{file}", lang.code()),
                            bytes,
                        )
                        // The width of the text, whatever height that takes.
                        // (never wider than the screen it shows: 1280 points).
                        .fit_to_exact_size(egui::vec2(
                            ui.available_width().min(1280.0),
                            f32::INFINITY,
                        ))
                        .alt_text(caption.as_str()),
                    );
                    ui.weak(caption);
                }
            }
        }
        ui.add_space(4.0);
    }
}

fn list_item(ui: &mut egui::Ui, mark: &str, item: &[Span]) {
    ui.horizontal_top(|ui| {
        ui.add_sized([18.0, 0.0], egui::Label::new(mark));
        ui.add(egui::Label::new(job(ui, item)).wrap());
    });
}

/// A line of the guide with its bold and code words.
fn job(ui: &egui::Ui, spans: &[Span]) -> egui::text::LayoutJob {
    let style = ui.style();
    let body = egui::TextStyle::Body.resolve(style);
    let bold = egui::FontId::new(
        body.size,
        egui::FontFamily::Name(crate::ui::fonts::BOLD_FAMILY.into()),
    );
    let mono = egui::TextStyle::Monospace.resolve(style);
    let color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let mut job = egui::text::LayoutJob::default();
    for s in spans {
        let (text, format) = match s {
            Span::Text(x) => (x, egui::TextFormat::simple(body.clone(), color)),
            Span::Bold(x) => (x, egui::TextFormat::simple(bold.clone(), strong)),
            Span::Code(x) => (x, egui::TextFormat::simple(mono.clone(), color)),
        };
        job.append(text, 0.0, format);
    }
    job
}
