//! The task the window waits for: one at a time, named, under a modal spinner, run by the job
//! system; its result becomes a toast (or a project installed, a wizard opened…).

use super::*;

pub(super) enum TaskResult {
    /// The file, the session or why not, and why its backup could not be made.
    Opened(PathBuf, Result<Session, OpenError>, Option<String>),
    SavedAs(Box<Session>, PathBuf, Result<(), SaveError>),
    Imported(PathBuf, Result<Session, String>),
    /// A table of former units and their successors, read.
    SuccessionsRead(PathBuf, Result<crate::import::grid::Workbook, String>),
    /// A district's report, read for the import wizard.
    ReportRead(Box<Result<crate::ui::import_wizard::ReadReport, String>>),
    Exported(PathBuf, Result<(), String>),
    /// A file measured and staged for attaching, with where it goes.
    AttachPrepared(Box<Result<crate::store::Prepared, String>>, PendingAttach),
    /// A copy of an attached file opened in the system's viewer.
    AttachmentOpened(Result<(), String>),
    ChartExported(PathBuf, Result<(), String>),
    FileWritten(PathBuf, Result<(), String>),
    Printed(Result<PrintOutcome, String>),
    Restored(PathBuf, Result<Session, String>),
    /// An untitled project made (New, the sample) or recovered after a crash.
    Created(Result<Session, String>),
    Reconnected(PathBuf, Box<session::Reopened>),
    /// A round's documents rendered for issuing, from the data as `Stamp` says it was.
    Issued(session::Stamp, Result<Vec<crate::model::Edit>, String>),
    /// A project opened from a team server, or why not.
    OpenedServer(
        Box<crate::store::server::Address>,
        Result<Session, crate::i18n::Said>,
    ),
    /// A pulled copy checked in, or why not.
    CheckedIn(Box<super::team::CheckedIn>),
    /// The task stopped without a result (it panicked); what it said, if anything.
    Failed(String),
}

/// Where files to attach are staged until written (beside the autosaves).
pub(super) const STAGE_DIR: &str = "dinh-kem-tam";

/// What printing did, told to the user as it is: sent to a printer, or only opened in a viewer.
pub(super) enum PrintOutcome {
    Sent {
        doc: String,
        printer: String,
        copies: u32,
    },
    OpenedInViewer {
        doc: String,
    },
}

/// The one task the window waits for, under a modal spinner: opening, saving, exporting,
/// printing…
pub(super) struct Task {
    pub(super) label: String,
    pub(super) job: Job<TaskResult>,
}

impl GiamSatApp {
    /// Starts the task the window waits for, shown under its label. A task that panics still
    /// answers, so the window never waits for it for ever.
    pub(super) fn spawn<F: FnOnce() -> TaskResult + Send + 'static>(
        &self,
        label: String,
        f: F,
    ) -> Task {
        let job = self.jobs.start("task", f);
        Task { label, job }
    }

    /// One background task at a time: a second one would replace the first and lose its
    /// result. Says so and returns true when busy.
    pub(super) fn refuse_if_busy(&mut self) -> bool {
        if self.task.is_some() {
            self.toasts.warning(self.t().busy);
            true
        } else {
            false
        }
    }

    pub(super) fn poll_task(&mut self, ctx: &egui::Context) {
        let Some(task) = &self.task else {
            return;
        };
        let result = match task.job.poll() {
            None => return,
            Some(Ok(r)) => r,
            // The worker panicked, or is gone without a word: as good as failed.
            Some(Err(detail)) => TaskResult::Failed(detail),
        };
        let label = task.label.clone();
        self.task = None;
        let t = self.t();
        match result {
            TaskResult::Failed(detail) => {
                self.toasts
                    .error(fill(t.task_failed, &[("task", &label)]), detail);
            }
            TaskResult::Opened(_, Ok(s), backup_error) => {
                self.install(s);
                if let Some(e) = backup_error {
                    self.toasts.warning(format!("{}: {e}", t.backup_failed));
                }
            }
            TaskResult::OpenedServer(address, r) => self.finish_open_server(*address, r),
            TaskResult::CheckedIn(c) => self.finish_check_in(*c),
            TaskResult::Opened(path, Err(e), _) => {
                self.toasts
                    .error(e.message(self.lang), path.display().to_string());
                if self.settings.last_project.as_ref() == Some(&path) {
                    self.settings.last_project = None;
                    self.save_settings();
                }
                if self.session.is_none() && self.modal.is_none() {
                    self.open_untitled(crate::sample::lang_son());
                }
            }
            TaskResult::SavedAs(s, dest, r) => {
                let mut s = *s;
                match r {
                    Ok(()) => {
                        self.toasts
                            .info(fill(t.saved_to, &[("path", &dest.display().to_string())]));
                        let left_out = s.take_left_out();
                        if !left_out.is_empty() {
                            let names: Vec<&str> =
                                left_out.iter().map(|a| a.name.as_str()).collect();
                            self.toasts.error(
                                t.error_save,
                                fill(
                                    t.fu_left_out,
                                    &[
                                        ("n", &left_out.len().to_string()),
                                        ("names", &names.join("; ")),
                                    ],
                                ),
                            );
                        }
                        self.settings.add_recent(&dest);
                        self.settings.last_project = Some(dest);
                        self.save_settings();
                        self.session = Some(s);
                        if let Some(then) = self.after_save.take() {
                            self.run_then(ctx, then);
                        }
                    }
                    Err(e) => {
                        self.toasts.error(t.error_save, e.message(self.lang));
                        self.session = Some(s);
                        self.after_save = None;
                    }
                }
            }
            TaskResult::Imported(path, Ok(s)) => {
                self.toasts.info(fill(
                    t.imported_from,
                    &[("path", &path.display().to_string())],
                ));
                self.install(s);
            }
            TaskResult::Imported(_, Err(e)) => self.toasts.error(t.error_import, e),
            TaskResult::SuccessionsRead(path, r) => match r {
                Ok(book) => self.successions_read(&path, book),
                Err(e) => self.toasts.error(
                    self.lang.texts().successions_refused,
                    format!("{e} — {}", path.display()),
                ),
            },
            TaskResult::ReportRead(r) => match *r {
                Ok(report) => {
                    if let Some(s) = &self.session {
                        self.import = Some(crate::ui::import_wizard::ImportWizard::new(
                            report,
                            s,
                            self.paths.data_dir.join("import-templates"),
                        ));
                    }
                }
                Err(e) => self.toasts.error(t.error_import, e),
            },
            TaskResult::Restored(path, Ok(s)) => {
                self.toasts
                    .info(fill(t.restored_backup, &[("name", &file_name(&path))]));
                self.install(s);
            }
            TaskResult::Restored(path, Err(e)) => {
                self.toasts.error(e, path.display().to_string());
            }
            TaskResult::Issued(stamp, r) => self.finish_issuing(stamp, r),
            TaskResult::Created(Ok(s)) => self.install(s),
            TaskResult::Created(Err(e)) => self.toasts.error(t.error_open, e),
            TaskResult::Exported(path, Ok(())) => {
                self.toasts.info(fill(
                    t.exported_to,
                    &[("path", &path.display().to_string())],
                ));
            }
            TaskResult::Exported(_, Err(e)) => self.toasts.error(t.error_export, e),
            TaskResult::ChartExported(path, Ok(())) => {
                self.toasts.info(fill(
                    t.chart_exported,
                    &[("path", &path.display().to_string())],
                ));
            }
            TaskResult::ChartExported(_, Err(e)) => self.toasts.error(t.error_chart_export, e),
            TaskResult::FileWritten(path, Ok(())) => {
                self.toasts
                    .info(fill(t.file_saved, &[("path", &path.display().to_string())]));
            }
            TaskResult::FileWritten(_, Err(e)) => self.toasts.error(t.error_save, e),
            TaskResult::AttachPrepared(prepared, target) => self.finish_attach(*prepared, target),
            TaskResult::AttachmentOpened(Ok(())) => {}
            TaskResult::AttachmentOpened(Err(e)) => self.toasts.error(t.error_save, e),
            TaskResult::Printed(Ok(PrintOutcome::Sent {
                doc,
                printer,
                copies,
            })) => {
                let template = if copies > 1 { t.printed } else { t.printed_one };
                self.toasts.info(fill(
                    template,
                    &[
                        ("doc", &doc),
                        ("printer", &printer),
                        ("copies", &copies.to_string()),
                    ],
                ));
            }
            TaskResult::Reconnected(path, r) => {
                // The job's result belongs to the session that started it: a project opened
                // meanwhile is not unreachable, or not at this path, and ignores it.
                let r = match self.session.as_mut() {
                    Some(s) if s.path() == path => s.finish_reconnect(*r),
                    _ => Ok(false),
                };
                match r {
                    Ok(true) => {
                        self.toasts.info(fill(
                            t.reconnected,
                            &[("path", &path.display().to_string())],
                        ));
                    }
                    Ok(false) => {}
                    Err(e) => self.toasts.error(t.error_reconnect, e.message(self.lang)),
                }
            }
            TaskResult::Printed(Ok(PrintOutcome::OpenedInViewer { doc })) => {
                self.toasts.info(fill(t.opened_in_viewer, &[("doc", &doc)]));
            }
            TaskResult::Printed(Err(e)) => self.toasts.error(t.print_error, e),
        }
    }

    /// Tries writing again after the file was unreachable, reopening it off the UI thread.
    pub(super) fn start_reconnect(&mut self) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(job) = self.session.as_mut().and_then(Session::begin_reconnect) else {
            return;
        };
        let path = self
            .session
            .as_ref()
            .map(|s| s.path().to_path_buf())
            .unwrap_or_default();
        let label = fill(self.t().task_opening, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            TaskResult::Reconnected(path, Box::new(job.run()))
        }));
    }
}
