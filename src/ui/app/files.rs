//! Tasks on files: opening, saving as, importing, restoring a backup, exporting the tables,
//! the JSON, a chart or a document, and printing. Each reads what it needs from the window,
//! then works on a job of its own.

use super::*;

impl GiamSatApp {
    pub(super) fn start_open(&mut self, path: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        if self.session.as_ref().and_then(|s| s.user_path()) == Some(path.as_path()) {
            self.toasts.info(fill(
                self.t().already_saved,
                &[("path", &path.display().to_string())],
            ));
            return;
        }
        let label = fill(self.t().task_opening, &[("path", &file_name(&path))]);
        let (data_dir, lang) = (self.paths.data_dir.clone(), self.lang);
        // The same file still closing: its last changes are written before it opens again.
        let (same, others): (Vec<Closing>, Vec<Closing>) = std::mem::take(&mut self.closing)
            .into_iter()
            .partition(|c| c.path == path);
        self.closing = others;
        self.task = Some(self.spawn(label, move || {
            for c in same {
                let _ = c.thread.join();
            }
            let r = Session::open(&path);
            // A backup of the file as it is before this session edits it, made now, while
            // nothing writes to it: part of opening, not a race with the first edits.
            let backup = match &r {
                Ok(s) if s.read_only().is_none() => {
                    let now = chrono::Local::now().naive_local();
                    crate::backup::back_up(&data_dir, &path, now)
                        .err()
                        .map(|e| format!("{} — {}", e.message(lang), path.display()))
                }
                _ => None,
            };
            TaskResult::Opened(path, r, backup)
        }));
    }

    pub(super) fn start_save_as(&mut self, dest: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(mut s) = self.session.take() else {
            return;
        };
        let label = fill(self.t().task_saving, &[("path", &file_name(&dest))]);
        self.task = Some(self.spawn(label, move || {
            // The session travels with the task: whatever happens, it comes back.
            let r = crate::crash_report::catching(|| s.save_as(&dest)).unwrap_or_else(|panic| {
                Err(SaveError::Unexpected(crate::crash_report::panic_text(
                    panic.as_ref(),
                )))
            });
            TaskResult::SavedAs(Box::new(s), dest, r)
        }));
    }

    /// Reads a district's report off the UI thread, then opens the import wizard on it.
    ///
    /// The window's context is not needed any more (the job system wakes the window); the
    /// parameter stays for callers that drive the app as the menus do.
    pub fn import_table_path(&mut self, _ctx: &egui::Context, path: PathBuf) {
        if self.session.is_none() || self.refuse_if_busy() {
            return;
        }
        let label = fill(self.t().task_reading_report, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            TaskResult::ReportRead(Box::new(crate::ui::import_wizard::read_report(&path)))
        }));
    }

    /// Reads a table of successor units off the UI thread; it is stored when read.
    pub fn import_successions_path(&mut self, path: PathBuf) {
        if self.session.is_none() || self.refuse_if_busy() {
            return;
        }
        let label = fill(
            self.t().task_reading_successions,
            &[("path", &file_name(&path))],
        );
        self.task = Some(self.spawn(label, move || {
            let r = crate::import::grid::read(&path).map_err(|e| e.to_string());
            TaskResult::SuccessionsRead(path, r)
        }));
    }

    /// Stores a read table of successor units as one change, or lists the rows that do not
    /// read and stores nothing.
    pub(super) fn successions_read(
        &mut self,
        path: &std::path::Path,
        book: crate::import::grid::Workbook,
    ) {
        let lang = self.lang;
        let t = lang.texts();
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let name = file_name(path);
        let Some(sheet) = book.sheets.first() else {
            self.toasts.error(t.successions_refused, name);
            return;
        };
        let d = session.dossier_arc();
        match crate::import::successions::plan(&d, sheet, |tb| session.new_id(tb)) {
            Ok(plan) if plan.edits.is_empty() => self
                .toasts
                .info(fill(t.successions_nothing_new, &[("path", &name)])),
            Ok(plan) => {
                let said = fill(
                    t.successions_imported,
                    &[
                        ("lines", &plan.new_lines.to_string()),
                        ("areas", &plan.new_areas.to_string()),
                        ("known", &plan.already_known.to_string()),
                        ("path", &name),
                    ],
                );
                let change = session::Change::new(
                    session::ChangeLabel::add(|t| t.what_successions, name.clone()),
                    plan.edits,
                );
                match session.apply(change) {
                    Ok(()) => {
                        session.seal();
                        self.toasts.info(said);
                        self.view = View::Data;
                        self.section = DataSection::Areas;
                    }
                    Err(e) => self.toasts.error(t.error_change, e.message(lang)),
                }
            }
            Err(problems) => {
                const SHOWN: usize = 8;
                let mut lines: Vec<String> = problems
                    .iter()
                    .take(SHOWN)
                    .map(|p| p.located(&name, lang))
                    .collect();
                if problems.len() > SHOWN {
                    lines.push(fill(
                        t.successions_more,
                        &[("count", &(problems.len() - SHOWN).to_string())],
                    ));
                }
                self.toasts.error(t.successions_refused, lines.join("\n"));
            }
        }
    }

    pub(super) fn start_import(&mut self, path: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        let autosave = self.paths.autosave_dir();
        let stage = self.paths.data_dir.join(STAGE_DIR);
        let lang = self.lang;
        let label = fill(self.t().task_importing, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            // Read as it streams: attached files' bytes go to files of their own, not memory.
            let r = crate::exchange::read_json_file(&path, &stage)
                .map_err(|e| format!("{e} — {}", path.display()))
                .and_then(|(d, content)| {
                    Session::create_untitled_with(&autosave, &d, &content)
                        .map_err(|e| e.message(lang))
                });
            TaskResult::Imported(path, r)
        }));
    }

    /// Opens a backup copy as an untitled project: the backup itself is never written to.
    pub(super) fn start_restore(&mut self, path: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        let autosave = self.paths.autosave_dir();
        let lang = self.lang;
        let label = fill(self.t().task_restoring, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let r = crate::store::ProjectFile::open_and_load(&path, crate::store::Access::ReadOnly)
                .map_err(|e| e.message(lang))
                .and_then(|(backup, d)| {
                    Session::create_untitled_with(&autosave, &d, &backup)
                        .map_err(|e| e.message(lang))
                });
            TaskResult::Restored(path, r)
        }));
    }

    /// The project's tables as an Excel workbook, made and written off the UI thread.
    pub(super) fn start_table_export(&mut self, path: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(s) = &self.session else {
            return;
        };
        let dossier = s.dossier_arc();
        let unit = self.settings.money_unit;
        let label = fill(self.t().task_exporting, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let r = crate::spreadsheet::export(&dossier, unit)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    crate::fsutil::write_atomically(&path, &bytes).map_err(|e| e.to_string())
                })
                .map_err(|e| format!("{e} — {}", path.display()));
            TaskResult::FileWritten(path, r)
        }));
    }

    pub(super) fn start_export(&mut self, path: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(s) = &self.session else {
            return;
        };
        let dossier = s.dossier_arc();
        let lang = self.lang;
        let label = fill(self.t().task_exporting, &[("path", &file_name(&path))]);
        if dossier.attachments.is_empty() {
            // Everything is in the window: written from memory, whatever became of the file.
            self.task = Some(self.spawn(label, move || {
                let r = crate::fsutil::write_atomically_with(&path, |w| {
                    crate::exchange::write_json(&dossier, w, &crate::store::NoContent)
                })
                .map_err(|e| format!("{e} — {}", path.display()));
                TaskResult::Exported(path, r)
            }));
            return;
        }
        // The attached files' bytes are read from the project file after every change made so
        // far is in it (on the writer's thread), or from the staged copies of those that could
        // not be written yet, and streamed into the JSON.
        let dest = path.clone();
        let staged = s.staged_contents();
        let written = s.run_on_file(move |file| {
            let staged = crate::store::attachments::Files(&staged);
            let sources: [&dyn crate::store::ContentSource; 2] = [&staged, file];
            let source = crate::store::attachments::FirstOf(&sources);
            crate::fsutil::write_atomically_with(&dest, |w| {
                crate::exchange::write_json(&dossier, w, &source)
            })
            .map_err(|e| crate::store::StoreError::Io(e, dest.clone()))
        });
        self.task = Some(self.spawn(label, move || {
            let r = match written.recv() {
                Ok(r) => r.map_err(|e| e.message(lang)),
                Err(_) => Err(lang.texts().error_change.to_string()),
            };
            TaskResult::Exported(path, r)
        }));
    }

    pub(super) fn start_chart_export(&mut self, path: PathBuf, png: bool) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(s) = &self.session else {
            return;
        };
        // Built with the export, off the window's thread: a large project's chart takes a while.
        let (d, spec) = (
            s.dossier_arc(),
            self.screens.charts.spec(self.settings.money_unit),
        );
        let lang = self.lang;
        let label = fill(self.t().task_chart, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let chart = match crate::charts::build(&d, &spec, lang) {
                Ok(chart) => chart,
                Err(e) => return TaskResult::ChartExported(path, Err(e.to_string())),
            };
            let svg = crate::charts::svg::render(&chart, lang);
            let bytes = if png {
                crate::charts::svg::to_png(&svg, 1.5).map_err(|e| e.to_string())
            } else {
                Ok(svg.into_bytes())
            };
            let r = bytes.and_then(|b| {
                crate::fsutil::write_atomically(&path, &b)
                    .map_err(|e| format!("{e} — {}", path.display()))
            });
            TaskResult::ChartExported(path, r)
        }));
    }

    /// What the print screen shows, as a job for a worker thread: it lays out the document.
    pub(super) fn print_job(
        &self,
    ) -> Option<
        impl FnOnce() -> Result<crate::print::Printable, crate::print::PrintError> + Send + 'static,
    > {
        let d = self.session.as_ref()?.dossier_arc();
        let (round, kind, unit, today) = (
            self.screens.print.round(),
            self.screens.print.kind,
            self.settings.money_unit,
            self.today(),
        );
        // The issued copy as it was issued, unless the user chose the rebuilt one.
        let current = self.screens.print.shows_current(&d);
        Some(move || crate::print::printable(&d, round, kind, unit, today, current))
    }

    /// Builds the print screen's document and writes it (PDF or Word), off the UI thread.
    pub(super) fn start_document_export(&mut self, path: PathBuf, docx: bool) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(build) = self.print_job() else {
            return;
        };
        let lang = self.lang;
        let label = fill(self.t().task_exporting, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let bytes = build().and_then(|doc| if docx { doc.docx() } else { doc.pdf() });
            let r = bytes.map_err(|e| e.message(lang)).and_then(|b| {
                crate::fsutil::write_atomically(&path, &b)
                    .map_err(|e| format!("{e} — {}", path.display()))
            });
            TaskResult::FileWritten(path, r)
        }));
    }

    /// Issues a round: its documents rendered from the data as it is now, off the window's
    /// thread, then stored as issued in one change — unless the data changed meanwhile.
    pub(super) fn start_issuing(&mut self, ask: crate::ui::screens::IssueAsk) {
        use crate::model::Table;
        if self.refuse_if_busy() {
            return;
        }
        let t = self.t();
        let by = crate::session::recorder(&Self::user_name(&self.settings), t);
        let unit = self.settings.money_unit;
        let lang = self.lang;
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let n = ask.kinds.len();
        let ids = crate::print::issue::IssueIds {
            event: crate::model::RoundEventId(session.new_id(Table::RoundEvents)),
            settings: (0..n)
                .map(|_| crate::model::DocumentId(session.new_id(Table::Documents)))
                .collect(),
            issued: (0..n)
                .map(|_| crate::model::IssuedDocumentId(session.new_id(Table::IssuedDocuments)))
                .collect(),
        };
        let req = crate::print::issue::IssueRequest {
            round: ask.round,
            kinds: ask.kinds,
            number: ask.number,
            date: ask.date,
            signer: (!ask.signer.is_empty()).then_some(ask.signer),
            by,
            at: crate::session::now(),
            unit,
            ids,
            check_note: ask.check_note,
        };
        let d = session.dossier_arc();
        let stamp = session.stamp();
        self.task = Some(self.spawn(t.issuing.to_string(), move || {
            TaskResult::Issued(
                stamp,
                crate::print::issue::issue_edits(&d, &req).map_err(|e| e.message(lang)),
            )
        }));
    }

    /// Stores what issuing rendered, if the data is still what it was rendered from.
    pub(super) fn finish_issuing(
        &mut self,
        stamp: crate::session::Stamp,
        r: Result<Vec<crate::model::Edit>, String>,
    ) {
        let t = self.t();
        let lang = self.lang;
        let Some(session) = self.session.as_mut() else {
            return;
        };
        let edits = match r {
            Ok(e) => e,
            Err(e) => return self.toasts.error(t.error_issue, e),
        };
        if session.stamp() != stamp {
            return self.toasts.error(t.error_issue, t.issue_changed_meanwhile);
        }
        let n = edits
            .iter()
            .filter(|e| matches!(e.after, Some(crate::model::Record::IssuedDocument(_))))
            .count();
        let change = crate::session::Change::new(
            crate::session::ChangeLabel::edit(|t| t.what_draft_status, ""),
            edits,
        );
        let r = session.apply(change);
        session.seal();
        match r {
            Ok(()) => self
                .toasts
                .info(fill(t.issued_done, &[("n", &n.to_string())])),
            Err(e) => self.toasts.error(t.error_issue, e.message(lang)),
        }
    }

    /// Prints the print screen's document on the printer and in the copies the user chose.
    pub(super) fn start_printing(&mut self) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(build) = self.print_job() else {
            return;
        };
        let t = self.t();
        let lang = self.lang;
        let title = doc_label(self.screens.print.kind, t).to_string();
        let request = crate::print::printer::PrintRequest {
            printer: self.screens.print.printer.clone(),
            copies: self.screens.print.copies,
            title: title.clone(),
        };
        let backend = Arc::clone(&self.screens.print.backend);
        let shown_printer = request
            .printer
            .clone()
            .unwrap_or_else(|| t.print_default_printer.to_string());
        self.task = Some(self.spawn(t.task_printing.to_string(), move || {
            let r = build()
                .map_err(crate::print::printer::PrintDocumentError::from)
                .and_then(|doc| backend.print(&doc, &request))
                .map(|()| PrintOutcome::Sent {
                    doc: title,
                    printer: shown_printer,
                    copies: request.copies,
                })
                .map_err(|e| e.message(lang));
            TaskResult::Printed(r)
        }));
    }

    /// With no printer set up: the document as a PDF in the temporary folder, opened in the
    /// system's viewer. The user is told that nothing was printed yet.
    pub(super) fn start_open_in_viewer(&mut self) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(build) = self.print_job() else {
            return;
        };
        let (kind, lang) = (self.screens.print.kind, self.lang);
        let title = doc_label(kind, self.t()).to_string();
        let backend = Arc::clone(&self.screens.print.backend);
        self.task = Some(self.spawn(self.t().task_printing.to_string(), move || {
            let r = build()
                .and_then(|doc| doc.pdf())
                .map_err(|e| e.message(lang))
                .and_then(|pdf| {
                    // The viewer reads the file after this returns, so it stays in the
                    // temporary folder.
                    // A name of its own each time: the viewer may still hold the last one.
                    let path = std::env::temp_dir().join(format!(
                        "giamsat-{}-{}-{}.pdf",
                        kind.code(),
                        std::process::id(),
                        chrono::Local::now().format("%H%M%S%3f")
                    ));
                    crate::fsutil::write_atomically(&path, &pdf)
                        .map_err(|e| format!("{e} — {}", path.display()))?;
                    backend.open_in_viewer(&path).map_err(|e| e.message(lang))?;
                    Ok(PrintOutcome::OpenedInViewer { doc: title })
                });
            TaskResult::Printed(r)
        }));
    }
}
