//! What opens over the screens: modal questions (recover, unsaved work, about), the command
//! palette, the search window, file dialogs, the import wizard and the task spinner.

use super::*;

pub(super) enum Modal {
    Recover(Vec<Recoverable>),
    Unsaved(Then),
    About,
    /// An attached file whose kind runs code when opened ("EXE"): asked before it is.
    OpenRunnable(Attachment, String),
}

pub(super) struct Palette {
    pub(super) query: String,
    pub(super) focus_requested: bool,
}

/// The question a search answers, besides the project: its text, the option, the language.
pub(super) type SearchKey = (String, bool, Lang);

pub(super) struct SearchWindow {
    pub(super) query: String,
    pub(super) ignore_marks: bool,
    pub(super) focus_requested: bool,
    /// The last search: it runs again only when the text, the option or the project change,
    /// not every frame.
    pub(super) hits: session::Memo<SearchKey, Arc<Vec<crate::analysis::SearchHit>>>,
}

impl SearchWindow {
    fn hits(&mut self, session: &Session, lang: Lang) -> Arc<Vec<crate::analysis::SearchHit>> {
        let key: SearchKey = (self.query.clone(), self.ignore_marks, lang);
        self.hits
            .get(session.stamp(), key, |(query, ignore_marks, lang)| {
                Arc::new(crate::analysis::search(
                    session.dossier(),
                    query,
                    *ignore_marks,
                    *lang,
                ))
            })
    }
}

impl GiamSatApp {
    pub(super) fn modals(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let Some(modal) = &self.modal else {
            return;
        };
        let mut then: Option<Then> = None;
        let mut close = false;
        match modal {
            Modal::Recover(items) => {
                let items = items.clone();
                egui::Modal::new(egui::Id::unique("recover")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading(t.recover_title);
                    ui.label(t.recover_body);
                    ui.add_space(6.0);
                    for item in &items {
                        let when = item
                            .modified
                            .map(|m| m.format("%d/%m/%Y %H:%M").to_string())
                            .unwrap_or_default();
                        ui.label(fill(
                            t.recover_item,
                            &[("name", &item.name), ("time", &when)],
                        ));
                        ui.horizontal(|ui| {
                            if ui.button(t.restore).clicked() {
                                then = Some(Then::Recover(item.path.clone()));
                            }
                            if ui.button(t.discard).clicked() {
                                if let Err(e) = session::discard_recoverable(&item.path) {
                                    let why = match e {
                                        crate::lock::LockError::HeldElsewhere(h) => fill(
                                            t.recover_in_use,
                                            &[("holder", h.as_deref().unwrap_or(t.holder_unknown))],
                                        ),
                                        crate::lock::LockError::Io(e) => e.to_string(),
                                    };
                                    let title =
                                        fill(t.recover_not_discarded, &[("name", &item.name)]);
                                    self.toasts.error(format!("{title}: {why}"), "");
                                }
                                close = true;
                            }
                        });
                        ui.separator();
                    }
                });
                if close {
                    let left = session::find_recoverable(&self.paths.autosave_dir());
                    if left.is_empty() {
                        self.modal = None;
                        if self.session.is_none() {
                            self.open_default();
                        }
                    } else {
                        self.modal = Some(Modal::Recover(left));
                    }
                    return;
                }
            }
            Modal::Unsaved(next) => {
                let next = next.clone();
                let name = self
                    .session
                    .as_ref()
                    .map(|s| s.dossier().info.name.clone())
                    .unwrap_or_default();
                let failed = self
                    .session
                    .as_ref()
                    .filter(|s| s.read_only().is_some())
                    .map(Session::unwritten)
                    .filter(|n| *n > 0);
                let mut cancel = false;
                let r = egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
                    ui.set_max_width(480.0);
                    match failed {
                        Some(n) => {
                            ui.heading(t.unwritten_title);
                            ui.label(fill(
                                t.unwritten_body,
                                &[("name", &name), ("count", &n.to_string())],
                            ));
                        }
                        None => {
                            ui.heading(t.unsaved_title);
                            ui.label(fill(t.unsaved_body, &[("name", &name)]));
                        }
                    }
                    ui.horizontal(|ui| {
                        if ui.button(t.yes_save).clicked() {
                            self.after_save = Some(next.clone());
                            self.queued.push(Command::SaveAs);
                            close = true;
                        }
                        if ui.button(t.discard).clicked() {
                            if let Some(s) = self.session.take() {
                                self.let_go(s);
                            }
                            then = Some(next.clone());
                        }
                        if ui.button(t.cancel).clicked() {
                            cancel = true;
                        }
                    });
                });
                if cancel || r.should_close() {
                    close = true;
                }
            }
            Modal::About => {
                let r = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
                    ui.set_max_width(420.0);
                    ui.heading(t.app_name);
                    ui.label(fill(t.version, &[("version", crate::VERSION_DETAIL)]));
                    ui.label(t.about_body);
                    ui.add_space(6.0);
                    ui.label(
                        egui::RichText::new(fill(
                            t.about_folders,
                            &[
                                ("config", &self.paths.config_dir.display().to_string()),
                                ("data", &self.paths.data_dir.display().to_string()),
                            ],
                        ))
                        .small(),
                    );
                    ui.label(egui::RichText::new(t.about_licences).small());
                    if ui.button(t.close).clicked() {
                        close = true;
                    }
                });
                if r.should_close() {
                    close = true;
                }
            }
            Modal::OpenRunnable(a, kind) => {
                let (a, kind) = (a.clone(), kind.clone());
                let project = self
                    .session
                    .as_ref()
                    .and_then(|s| s.user_path())
                    .map(file_name)
                    .unwrap_or_else(|| t.untitled.to_string());
                let mut open = false;
                let r = egui::Modal::new(egui::Id::unique("open-runnable")).show(ctx, |ui| {
                    ui.set_max_width(520.0);
                    ui.heading(t.fu_runnable_title);
                    ui.label(fill(
                        t.fu_runnable_body,
                        &[("name", &a.name), ("kind", &kind), ("project", &project)],
                    ));
                    ui.horizontal(|ui| {
                        if ui.button(t.cancel).clicked() {
                            close = true;
                        }
                        if ui.button(t.fu_save_copy).clicked() {
                            self.queued_evidence = Some(Action::SaveAttachment(a.clone()));
                            close = true;
                        }
                        if ui
                            .button(fill(t.fu_runnable_open, &[("kind", &kind)]))
                            .clicked()
                        {
                            open = true;
                        }
                    });
                });
                if r.should_close() {
                    close = true;
                }
                if open {
                    self.modal = None;
                    self.start_attachment_open(a);
                    return;
                }
            }
        }
        if close || then.is_some() {
            self.modal = None;
        }
        if let Some(then) = then {
            self.run_then(ctx, then);
        }
        if let Some(a) = self.queued_evidence.take() {
            self.evidence(ctx, a);
        }
    }

    pub(super) fn palette_ui(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let Some(p) = &mut self.palette else {
            return;
        };
        let mut run = None;
        let mut close = false;
        let r = egui::Modal::new(egui::Id::unique("palette")).show(ctx, |ui| {
            ui.set_width(420.0);
            let l = ui.label(t.palette_search);
            let edit = ui
                .add(egui::TextEdit::singleline(&mut p.query).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            if !p.focus_requested {
                edit.request_focus();
                p.focus_requested = true;
            }
            let needle = crate::model::text::search_key(p.query.trim(), true);
            let matches: Vec<Command> = Command::ALL
                .into_iter()
                .filter(|c| *c != Command::Palette)
                .filter(|c| crate::model::text::search_key(c.label(t), true).contains(&needle))
                .collect();
            if matches.is_empty() {
                ui.weak(t.palette_no_match);
            }
            for c in &matches {
                let mut b = egui::Button::new(c.label(t));
                if let Some(sc) = c.shortcuts().first() {
                    b = b.shortcut_text(ui.ctx().format_shortcut(sc));
                }
                if ui.add(b).clicked() {
                    run = Some(*c);
                }
            }
            if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                run = matches.first().copied();
            }
        });
        if r.should_close() {
            close = true;
        }
        if let Some(c) = run {
            self.palette = None;
            self.queued.push(c);
        } else if close {
            self.palette = None;
        }
    }

    pub(super) fn search_ui(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let lang = self.lang;
        let Some(w) = &mut self.search else {
            return;
        };
        let Some(s) = &self.session else {
            return;
        };
        let mut open = true;
        let mut go: Option<crate::model::RecordKey> = None;
        egui::Window::new(t.search_title)
            .open(&mut open)
            .default_width(520.0)
            .default_height(420.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    let l = ui.label(t.search_all_label);
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut w.query).desired_width(300.0))
                        .labelled_by(l.id);
                    if !w.focus_requested {
                        r.request_focus();
                        w.focus_requested = true;
                    }
                    ui.checkbox(&mut w.ignore_marks, t.ignore_marks);
                });
                let hits = w.hits(s, lang);
                if !w.query.trim().is_empty() {
                    ui.label(if hits.is_empty() {
                        t.search_none.to_string()
                    } else {
                        fill(t.search_hits, &[("count", &hits.len().to_string())])
                    });
                }
                egui::ScrollArea::vertical().show(ui, |ui| {
                    for h in hits.iter() {
                        ui.strong(&h.place);
                        let r = ui.add(
                            egui::Button::new(egui::RichText::new(&h.text))
                                .wrap()
                                .frame(false),
                        );
                        if r.clicked() {
                            go = Some(h.key);
                        }
                        ui.separator();
                    }
                });
            });
        if !open {
            self.search = None;
        }
        if let Some(key) = go {
            self.open_record(key);
        }
    }

    pub(super) fn file_dialogs(&mut self, ctx: &egui::Context) {
        let t = self.t();
        if let Some(Picked { purpose, path }) = self.dialogs.ui(ctx, t) {
            match purpose {
                Purpose::Open => {
                    self.start_open(path);
                }
                Purpose::SaveAs => self.start_save_as(path),
                Purpose::ImportJson => self.start_import(path),
                Purpose::ImportTable => self.import_table_path(ctx, path),
                Purpose::ImportSuccessions => self.import_successions_path(path),
                Purpose::ExportXlsx => self.start_table_export(path),
                Purpose::RestoreBackup => self.guard_unsaved(ctx, Then::RestorePath(path)),
                Purpose::ExportJson => self.start_export(path),
                Purpose::ExportSvg => self.start_chart_export(path, false),
                Purpose::ExportPng => self.start_chart_export(path, true),
                Purpose::ExportPdf => self.start_document_export(path, false),
                Purpose::ExportDocx => self.start_document_export(path, true),
                Purpose::Attach => self.start_attach(path),
                Purpose::SaveAttachment => {
                    if let Some(a) = self.pending_copy.take() {
                        self.start_attachment_copy(a, path);
                    }
                }
            }
        } else if self.dialogs.take_cancelled() == Some(Purpose::SaveAs) {
            // The user cancelled the Save As they were asked for: what was to follow it (quit,
            // open, close) is off, and a later Save As of their own does only that.
            self.after_save = None;
        }
    }

    pub(super) fn task_overlay(&mut self, ctx: &egui::Context) {
        if let Some(task) = &self.task {
            egui::Modal::new(egui::Id::unique("task")).show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(&task.label);
                });
            });
        }
    }

    /// The import wizard's frame: an import is one change, one undo step.
    pub(super) fn import_ui(&mut self, ctx: &egui::Context) {
        let (Some(wizard), Some(session)) = (self.import.as_mut(), self.session.as_mut()) else {
            return;
        };
        match wizard.ui(ctx, session, self.lang) {
            crate::ui::import_wizard::Outcome::Stay => {}
            crate::ui::import_wizard::Outcome::Close => self.import = None,
            crate::ui::import_wizard::Outcome::Import => {
                let Some((edits, source)) = wizard.edits_with_ids(session) else {
                    return;
                };
                let figures = edits
                    .iter()
                    .filter(|e| matches!(e.after, Some(crate::model::Record::Allocation(_))))
                    .count();
                let change = session::Change::new(
                    session::ChangeLabel::add(|t| t.what_import, source.clone()),
                    edits,
                );
                match session.apply(change) {
                    Ok(()) => {
                        session.seal();
                        let t = self.lang.texts();
                        self.toasts.info(fill(
                            t.imported_report,
                            &[("count", &figures.to_string()), ("path", &source)],
                        ));
                        self.import = None;
                        self.view = View::Data;
                        self.section = DataSection::Allocations;
                    }
                    Err(e) => self
                        .toasts
                        .error(self.lang.texts().error_change, e.message(self.lang)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_runs_again_only_when_the_question_or_the_project_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::create_untitled(dir.path(), &crate::sample::lang_son()).unwrap();
        let mut w = SearchWindow {
            query: "huu lung".into(),
            ignore_marks: true,
            focus_requested: true,
            hits: session::Memo::default(),
        };
        let first = w.hits(&s, Lang::Vi);
        assert!(!first.is_empty());
        assert!(
            Arc::ptr_eq(&first, &w.hits(&s, Lang::Vi)),
            "the next frame reuses the hits"
        );
        w.query = "chi lang".into();
        let other = w.hits(&s, Lang::Vi);
        assert!(
            !Arc::ptr_eq(&first, &other),
            "another question searches again"
        );
        // A change to the project searches again too.
        let before = s.dossier().info.clone();
        let mut after = before.clone();
        after.name = "Chi Lăng".into();
        s.apply(crate::session::Change::update(
            crate::session::ChangeLabel::edit(|t| t.what_amount, ""),
            crate::model::Record::Info(before),
            crate::model::Record::Info(after),
        ))
        .unwrap();
        assert!(!Arc::ptr_eq(&other, &w.hits(&s, Lang::Vi)));
    }
}
