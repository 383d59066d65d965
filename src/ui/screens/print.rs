//! The print screen: choose a document, set its header, number, date, signer and recipients,
//! see its real pages (typeset off the UI thread), then save a PDF, print it or save a Word copy.

use super::{Action, Ctx, Screen, apply_from_field, combo, name};
use crate::i18n::labels::*;
use crate::i18n::{Lang, Texts, fill};
use crate::model::*;
use crate::print::printer::{PrintBackend, Printer};
use crate::print::{self, typeset::PageImage};
use crate::session::{Session, Stamp};
use crate::ui::fields::{FieldOpts, date_field, form_row};
use crate::ui::jobs::{Job, Jobs, Latest, Polled};
use egui::Id;
use std::sync::Arc;

#[derive(Clone, Debug, PartialEq, Eq)]
struct PreviewKey {
    stamp: Stamp,
    kind: DocKind,
    round: Option<RoundId>,
    unit: MoneyUnit,
    /// Rebuilt from today's data although the document was issued.
    current: bool,
}

struct Preview {
    key: PreviewKey,
    pages: Vec<egui::TextureHandle>,
}

/// What the preview job sends back: page images or a message.
type RenderResult = Result<Vec<PageImage>, String>;

pub struct PrintScreen {
    pub kind: DocKind,
    round: Option<RoundId>,
    /// For a document that was issued: show it rebuilt from today's data (marked as not the
    /// issued copy) instead of the issued copy. Back to the issued copy with each new choice.
    current: bool,
    preview: Option<Preview>,
    /// The preview being laid out: one at a time, the document as it is now next (typing
    /// in a field must not start a layout per key).
    rendering: Latest<PreviewKey, RenderResult>,
    /// The document that could not be laid out, and why: said while that document shows,
    /// and not tried again until it changes.
    failed: Option<(PreviewKey, String)>,
    page: usize,
    /// `None` fits the page to the preview's width (never above 100%) until the user zooms.
    zoom: Option<f32>,
    /// The zoom last used for drawing, which the buttons step from.
    shown_zoom: f32,
    printers: Option<Vec<Printer>>,
    printers_job: Option<Job<Vec<Printer>>>,
    pub printer: Option<String>,
    /// Where printers are listed and jobs sent.
    pub backend: Arc<dyn PrintBackend>,
    /// Collated copies to print, 1 to `printer::MAX_COPIES`.
    pub copies: u32,
    confirm_print: bool,
}

impl PrintScreen {
    pub fn new(backend: Arc<dyn PrintBackend>) -> Self {
        PrintScreen {
            backend,
            kind: DocKind::ThongBao,
            round: None,
            current: false,
            preview: None,
            rendering: Latest::default(),
            failed: None,
            page: 0,
            zoom: None,
            shown_zoom: 1.0,
            printers: None,
            printers_job: None,
            printer: None,
            copies: 1,
            confirm_print: false,
        }
    }
}

/// Changes one setting of a document, storing the document's settings on first change.
fn set_document(
    session: &mut Session,
    lang: Lang,
    round: RoundId,
    kind: DocKind,
    key: &str,
    done: bool,
    set: impl FnOnce(&mut DocumentSettings),
) -> Result<(), String> {
    match session.document_change(round, kind, key, set) {
        Some(change) => apply_from_field(session, lang, change, done),
        None => Ok(()),
    }
}

impl PrintScreen {
    /// The round printed (the follow-up list covers all rounds).
    pub fn round(&self) -> Option<RoundId> {
        self.round
    }

    /// The issued copy of the document shown, if it was issued.
    pub fn issued_copy<'d>(&self, d: &'d Dossier) -> Option<&'d IssuedDocument> {
        let round = super::round_or_first(d, self.round)?;
        d.issued_copy(round.id, self.kind)
    }

    /// Whether the document shown is rebuilt from today's data although it was issued.
    pub fn shows_current(&self, d: &Dossier) -> bool {
        self.current && self.issued_copy(d).is_some()
    }

    /// Chooses between the issued copy (`false`) and the document rebuilt from today's data.
    pub fn set_current(&mut self, current: bool) {
        self.current = current;
    }

    pub fn pages(&self) -> usize {
        self.preview.as_ref().map_or(0, |p| p.pages.len())
    }

    /// The state of the project the preview shows (tests check it is the open one's).
    pub fn preview_stamp(&self) -> Option<Stamp> {
        self.preview.as_ref().map(|p| p.key.stamp)
    }

    pub fn is_rendering(&self) -> bool {
        self.rendering.is_running()
    }

    /// Lists the printers off the UI thread (a network printer can take seconds to answer).
    fn request_printers(&mut self, jobs: &Jobs) {
        if self.printers_job.is_some() {
            return;
        }
        let backend = Arc::clone(&self.backend);
        self.printers_job = Some(jobs.start("printers", move || backend.printers()));
    }

    fn poll_printers(&mut self) {
        // A printer driver that crashes listing itself leaves an empty list, not a spinner.
        let printers = self
            .printers_job
            .as_ref()
            .and_then(Job::poll)
            .map(Result::unwrap_or_default);
        if let Some(list) = printers {
            // Keep the user's choice while that printer is still there; else the default, or
            // the first one when none is the default.
            let still_there = |name: &String| list.iter().any(|p| &p.name == name);
            if !self.printer.as_ref().is_some_and(still_there) {
                self.printer = list
                    .iter()
                    .find(|p| p.is_default)
                    .or(list.first())
                    .map(|p| p.name.clone());
            }
            self.printers = Some(list);
            self.printers_job = None;
        }
    }

    /// Shows laid-out pages, or why the document could not be laid out.
    fn install(&mut self, ctx: &egui::Context, key: PreviewKey, result: RenderResult) {
        match result {
            Ok(images) => {
                let pages = images
                    .into_iter()
                    .enumerate()
                    .map(|(i, img)| {
                        let color = egui::ColorImage::from_rgba_premultiplied(
                            [img.width as usize, img.height as usize],
                            &img.rgba,
                        );
                        ctx.load_texture(
                            format!("print-page-{i}"),
                            color,
                            egui::TextureOptions::LINEAR,
                        )
                    })
                    .collect::<Vec<_>>();
                self.page = self.page.min(pages.len().saturating_sub(1));
                self.preview = Some(Preview { key, pages });
            }
            // Not again for the same document as it is: it would fail the same way.
            Err(e) => self.failed = Some((key, e)),
        }
    }

    fn request_preview(
        &mut self,
        ctx: &egui::Context,
        jobs: &Jobs,
        d: std::sync::Arc<Dossier>,
        key: PreviewKey,
        today: chrono::NaiveDate,
        lang: Lang,
    ) {
        if self.preview.as_ref().is_some_and(|p| p.key == key)
            || self.failed.as_ref().is_some_and(|(k, _)| *k == key)
        {
            // The document is back as it was shown (an edit undone): a layout still running
            // for the moment between is of no use when it ends.
            let _ = self.rendering.take_finished();
            return;
        }
        let k = key.clone();
        let work = move || {
            print::printable(&d, k.round, k.kind, k.unit, today, k.current)
                .and_then(|doc| doc.page_images(1.6))
                .map_err(|e| e.message(lang))
        };
        match self.rendering.poll(jobs, "preview", &key, work) {
            Polled::Ready(r) => self.install(ctx, key, r),
            // Pages of the document as it was a moment ago, shown until these are laid out;
            // never another project's.
            Polled::Earlier(k, r) if k.stamp.document == key.stamp.document => {
                self.install(ctx, k, r)
            }
            Polled::Earlier(..) | Polled::Waiting => {}
            // A layout that panicked says what it said, for the document it was laying out.
            Polled::Failed(k, e) => self.install(ctx, k, Err(e)),
        }
    }

    /// Asks which printer and how many copies before printing, like a word processor does.
    fn print_dialog(&mut self, ctx: &egui::Context, t: &Texts) -> Option<Action> {
        let mut action = None;
        let mut close = false;
        let doc = doc_label(self.kind, t);
        let pages = self.pages();
        let r = egui::Modal::new(Id::unique("print-confirm")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading(t.print_confirm_title);
            ui.label(fill(
                t.print_confirm_body,
                &[("doc", doc), ("pages", &pages.to_string())],
            ));
            ui.add_space(4.0);
            let has_printers = self.printers.as_ref().is_some_and(|l| !l.is_empty());
            match &self.printers {
                Some(list) if !list.is_empty() => {
                    let choices: Vec<(Option<String>, String)> = list
                        .iter()
                        .map(|p| {
                            let shown = if p.is_default {
                                format!("{} ({})", p.name, t.print_default_printer)
                            } else {
                                p.name.clone()
                            };
                            (Some(p.name.clone()), shown)
                        })
                        .collect();
                    if let Some(p) = combo(
                        ui,
                        Id::unique("print-printer"),
                        t.printer,
                        &self.printer,
                        &choices,
                        300.0,
                        true,
                    ) {
                        self.printer = p;
                    }
                    ui.horizontal(|ui| {
                        let l = ui.label(t.print_copies);
                        ui.add(
                            egui::DragValue::new(&mut self.copies)
                                .range(1..=print::printer::MAX_COPIES)
                                .speed(0.1),
                        )
                        .labelled_by(l.id);
                    });
                }
                Some(_) => {
                    ui.colored_label(ui.visuals().warn_fg_color, t.print_no_printers);
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(t.printer);
                    });
                }
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(has_printers, egui::Button::new(t.print_go))
                    .clicked()
                {
                    action = Some(Action::Print);
                }
                if self.printers.as_ref().is_some_and(Vec::is_empty)
                    && ui.button(t.print_open_viewer).clicked()
                {
                    action = Some(Action::OpenInViewer);
                }
                if ui.button(t.cancel_print).clicked() {
                    close = true;
                }
            });
        });
        if action.is_some() || close || r.should_close() {
            self.confirm_print = false;
        }
        action
    }

    /// What the issued copy is, and the choice between it and the document rebuilt from
    /// today's data (never mistaken for it: marked on every page).
    fn issued_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, copy: &IssuedDocument) {
        let t = ctx.t();
        let label = issued_label(copy, ctx.lang);
        if ui.radio(!self.current, label.as_str()).clicked() {
            self.current = false;
            self.page = 0;
        }
        if ui.radio(self.current, t.issued_rebuild).clicked() {
            self.current = true;
            self.page = 0;
        }
        if copy.altered() {
            ui.colored_label(ui.visuals().error_fg_color, t.issued_altered);
        }
        if self.current {
            ui.colored_label(ui.visuals().warn_fg_color, t.issued_rebuild_note);
        } else {
            egui::Grid::new("issued-copy")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(t.issued_signer);
                    ui.label(&copy.signer);
                    ui.end_row();
                    ui.label(t.issued_by);
                    ui.label(format!(
                        "{} ({})",
                        copy.issued_by,
                        copy.issued_at.format("%d/%m/%Y %H:%M")
                    ));
                    ui.end_row();
                    ui.label(t.issued_pages);
                    ui.label(copy.pages.to_string());
                    ui.end_row();
                    ui.label("SHA-256");
                    ui.label(
                        egui::RichText::new(&copy.pdf_sha256[..16.min(copy.pdf_sha256.len())])
                            .monospace(),
                    )
                    .on_hover_text(&copy.pdf_sha256);
                    ui.end_row();
                });
            ui.weak(t.issued_copy_note);
        }
    }

    fn settings_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, d: &Dossier, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let kind = self.kind;
        let s = print::settings_for(d, round, kind);
        let rid = round.id;
        type Setter = fn(&mut DocumentSettings, String);
        let lines: [(&str, &str, String, Setter); 10] = [
            ("parent", t.ds_parent, s.parent_body.clone(), |x, v| {
                x.parent_body = v
            }),
            ("issuer", t.ds_issuer, s.issuer.clone(), |x, v| x.issuer = v),
            ("sub", t.ds_issuer_sub, s.issuer_sub.clone(), |x, v| {
                x.issuer_sub = v
            }),
            ("number", t.ds_number, s.number.clone(), |x, v| x.number = v),
            ("symbol", t.ds_symbol, s.symbol.clone(), |x, v| x.symbol = v),
            ("place", t.ds_place, s.place.clone(), |x, v| x.place = v),
            ("summary", t.ds_summary, s.summary.clone(), |x, v| {
                x.summary = v
            }),
            (
                "authority",
                t.ds_authority,
                s.signer_authority.clone(),
                |x, v| x.signer_authority = v,
            ),
            (
                "title",
                t.ds_signer_title,
                s.signer_title.clone(),
                |x, v| x.signer_title = v,
            ),
            ("name", t.ds_signer_name, s.signer_name.clone(), |x, v| {
                x.signer_name = v
            }),
        ];
        for (key, label, stored, set) in lines {
            let session = &mut *ctx.session;
            let opts = if key == "summary" {
                FieldOpts::multiline(2)
            } else {
                FieldOpts::default()
            }
            .read_only(ro);
            form_row(
                ui,
                ctx.fields,
                Id::unique(("doc", rid.0, kind.code(), key)),
                label,
                &stored,
                opts,
                |v, done| {
                    set_document(session, lang, rid, kind, key, done, |x| {
                        set(x, v.trim().to_string())
                    })
                },
            );
        }
        ui.label(t.ds_date);
        let session = &mut *ctx.session;
        let r = date_field(
            ui,
            ctx.fields,
            Id::unique(("doc", rid.0, kind.code(), "date")),
            t.ds_date,
            s.date,
            lang,
            ro,
            |date| set_document(session, lang, rid, kind, "date", true, |x| x.date = date),
        );
        if let Some(e) = r.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let session = &mut *ctx.session;
        form_row(
            ui,
            ctx.fields,
            Id::unique(("doc", rid.0, kind.code(), "recipients")),
            t.ds_recipients,
            &s.recipients.join("\n"),
            FieldOpts::multiline(4).read_only(ro),
            |v, done| {
                let list: Vec<String> = v
                    .lines()
                    .map(|l| {
                        l.trim()
                            .trim_start_matches('-')
                            .trim()
                            .trim_end_matches([';', '.'])
                            .to_string()
                    })
                    .filter(|l| !l.is_empty())
                    .collect();
                set_document(session, lang, rid, kind, "recipients", done, |x| {
                    x.recipients = list
                })
            },
        );
        if kind == DocKind::ThongBao {
            let session = &mut *ctx.session;
            form_row(
                ui,
                ctx.fields,
                Id::unique(("doc", rid.0, kind.code(), "closing")),
                t.ds_closing,
                &s.closing,
                FieldOpts::multiline(3).read_only(ro),
                |v, done| {
                    set_document(session, lang, rid, kind, "closing", done, |x| {
                        x.closing = v.to_string()
                    })
                },
            );
        }
    }
}

impl Screen for PrintScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        let today = ctx.today;
        let t = ctx.t();
        let lang = ctx.lang;
        let egui_ctx = ui.ctx().clone();
        self.poll_printers();
        if self.printers.is_none() && self.printers_job.is_none() {
            self.request_printers(ctx.jobs);
        }
        let d = ctx.session.dossier_arc();
        let Some(round) = super::round_or_first(&d, self.round) else {
            // A layout of the round deleted meanwhile is of no use.
            let _ = self.rendering.take_finished();
            ui.weak(t.round_none_drafting);
            return None;
        };
        self.round = Some(round.id);
        let key = PreviewKey {
            stamp: ctx.session.stamp(),
            kind: self.kind,
            round: self.round,
            unit: ctx.unit,
            current: self.shows_current(&d),
        };
        self.request_preview(&egui_ctx, ctx.jobs, d.clone(), key.clone(), today, lang);

        let mut action = None;
        egui::Panel::left("print-settings")
            .resizable(true)
            .default_size(360.0)
            .min_size(280.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.heading(t.cmd_view_print);
                        for k in DocKind::ALL {
                            if ui.radio(self.kind == k, doc_label(k, t)).clicked() {
                                self.kind = k;
                                self.page = 0;
                                self.current = false;
                            }
                        }
                        if d.rounds.len() > 1 {
                            let choices: Vec<(RoundId, String)> =
                                d.rounds.iter().map(|r| (r.id, r.title.clone())).collect();
                            if let Some(r) = combo(
                                ui,
                                Id::unique("print-round"),
                                t.section_round,
                                &round.id,
                                &choices,
                                300.0,
                                true,
                            ) {
                                self.round = Some(r);
                                self.current = false;
                            }
                        }
                        ui.separator();
                        match d.issued_copy(round.id, self.kind) {
                            Some(copy) => {
                                self.issued_ui(ui, ctx, copy);
                                if self.current {
                                    ui.separator();
                                    self.settings_ui(ui, ctx, &d, &round);
                                }
                            }
                            None => self.settings_ui(ui, ctx, &d, &round),
                        }
                    });
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let pages = self.pages();
                if ui
                    .add_enabled(
                        self.page > 0,
                        egui::Button::new(format!("◀ {}", t.prev_page)),
                    )
                    .clicked()
                {
                    self.page -= 1;
                }
                ui.label(fill(
                    t.page_of,
                    &[
                        ("n", &(self.page + 1).min(pages.max(1)).to_string()),
                        ("total", &pages.max(1).to_string()),
                    ],
                ));
                if ui
                    .add_enabled(
                        self.page + 1 < pages,
                        egui::Button::new(format!("{} ▶", t.next_page)),
                    )
                    .clicked()
                {
                    self.page += 1;
                }
                ui.separator();
                let out = ui.button("−").on_hover_text(t.zoom_out);
                name(ui, &out, t.zoom_out);
                if out.clicked() {
                    self.zoom = Some((self.shown_zoom / 1.25).max(0.4));
                }
                ui.label(format!("{:.0}%", self.shown_zoom * 100.0));
                let zin = ui.button("+").on_hover_text(t.zoom_in);
                name(ui, &zin, t.zoom_in);
                if zin.clicked() {
                    self.zoom = Some((self.shown_zoom * 1.25).min(3.0));
                }
                if ui
                    .selectable_label(self.zoom.is_none(), t.zoom_fit)
                    .clicked()
                {
                    self.zoom = None;
                }
                ui.separator();
                if ui.button(t.save_pdf).clicked() {
                    action = Some(Action::SaveDocument { docx: false });
                }
                if ui
                    .add_enabled(pages > 0, egui::Button::new(t.print_button))
                    .clicked()
                {
                    self.confirm_print = true;
                    // Each print starts at one copy, and the printer list is read afresh: a
                    // printer added since (or one that went away) shows as it is now.
                    self.copies = 1;
                    self.request_printers(ctx.jobs);
                }
                if ui
                    .add_enabled(self.kind.has_docx(), egui::Button::new(t.save_word))
                    .clicked()
                {
                    action = Some(Action::SaveDocument { docx: true });
                }
                if self.rendering.is_running() {
                    ui.spinner();
                    ui.label(t.rendering);
                }
            });
            if let Some((_, e)) = self.failed.as_ref().filter(|(k, _)| *k == key) {
                // An empty reason is a layout that stopped unexpectedly: the heading says it.
                let text = if e.is_empty() {
                    t.preview_error.to_string()
                } else {
                    format!("{}: {e}", t.preview_error)
                };
                ui.colored_label(ui.visuals().error_fg_color, text);
            }
            ui.separator();
            egui::ScrollArea::both()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if let Some(p) = &self.preview
                        && let Some(tex) = p.pages.get(self.page)
                    {
                        // 1.6 px per point: show at 100% as one point per logical pixel × zoom.
                        let full = tex.size_vec2() / 1.6;
                        let zoom = self.zoom.unwrap_or_else(|| {
                            ((ui.available_width() - 16.0) / full.x).clamp(0.4, 1.0)
                        });
                        self.shown_zoom = zoom;
                        let size = full * zoom;
                        ui.vertical_centered(|ui| {
                            let img = ui.add(
                                egui::Image::new(tex)
                                    .fit_to_exact_size(size)
                                    .bg_fill(egui::Color32::WHITE),
                            );
                            name(
                                ui,
                                &img,
                                fill(
                                    t.page_of,
                                    &[
                                        ("n", &(self.page + 1).to_string()),
                                        ("total", &p.pages.len().to_string()),
                                    ],
                                ),
                            );
                        });
                    }
                });
        });
        if self.confirm_print {
            action = self.print_dialog(&egui_ctx, t).or(action);
        }
        action
    }
}

/// "Bản đã ban hành ngày 05/07/2023, số 15/TB-MTTQ-BTT".
pub fn issued_label(copy: &IssuedDocument, lang: Lang) -> String {
    fill(
        lang.texts().issued_copy_label,
        &[
            ("date", &crate::ui::fields::format_date(copy.date)),
            ("number", &copy.number_text(lang)),
        ],
    )
}
