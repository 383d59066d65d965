//! Command dispatch: what a menu item, a shortcut, a dropped file or a screen's action does,
//! the question about unsaved work before a project is let go, and actions put off until the
//! fields have committed their typing.

use super::*;

/// What to do once the user has decided about an unsaved untitled project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Then {
    New,
    Open,
    OpenServer,
    CheckIn,
    RestoreBackup,
    RestorePath(PathBuf),
    OpenPath(PathBuf),
    ImportJson,
    ImportPath(PathBuf),
    Close,
    Quit,
    Recover(PathBuf),
    OpenSample,
}

/// An action that waits one frame for typing to be committed.
pub(super) enum Deferred {
    Command(Command),
    Then(Then),
    Unit(MoneyUnit),
}

impl GiamSatApp {
    /// Asks before throwing away an untitled project with changes; otherwise goes ahead.
    /// Typing still waiting to be committed would be lost by the action about to run (quit,
    /// undo, another project, another unit): the fields commit it in the next frame, and the
    /// action runs after that. True when the action was put off.
    pub(super) fn flush_first(&mut self, ctx: &egui::Context, action: Deferred) -> bool {
        if self.flushed || !self.fields.has_pending() {
            return false;
        }
        self.fields.flush();
        self.after_flush.push(action);
        ctx.request_repaint();
        true
    }

    pub(super) fn run_deferred(&mut self, ctx: &egui::Context, action: Deferred) {
        self.flushed = true;
        match action {
            Deferred::Command(c) => self.run_command(ctx, c),
            Deferred::Then(then) => self.guard_unsaved(ctx, then),
            Deferred::Unit(u) => self.set_money_unit(ctx, u),
        }
        self.flushed = false;
    }

    /// Shows amounts in another unit (typing in the old unit is committed first).
    pub fn set_money_unit(&mut self, ctx: &egui::Context, unit: MoneyUnit) {
        if self.flush_first(ctx, Deferred::Unit(unit)) {
            return;
        }
        self.settings.money_unit = unit;
        self.fields.clear();
        self.save_settings();
    }

    pub(super) fn guard_unsaved(&mut self, ctx: &egui::Context, then: Then) {
        if self.flush_first(ctx, Deferred::Then(then.clone())) {
            return;
        }
        // An untitled project, or changes the file would not take: closing loses them.
        let needs_asking = self.session.as_ref().is_some_and(|s| {
            matches!(s.origin(), Origin::Untitled { .. }) && s.has_changes()
                || s.read_only().is_some() && s.unwritten() > 0
        });
        if needs_asking {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.run_then(ctx, then);
        }
    }

    pub(super) fn run_then(&mut self, ctx: &egui::Context, then: Then) {
        let t = self.t();
        // What lets go of the project waits for its last changes to be in its file: a failure
        // there is shown, and keeps the project open (see `watch_writes`).
        if matches!(
            then,
            Then::New
                | Then::Close
                | Then::Quit
                | Then::Recover(_)
                | Then::OpenSample
                | Then::CheckIn
        ) && self.still_writing()
        {
            // "Đang lưu…" shows meanwhile.
            self.wait_then(AfterWritten::Then(then));
            return;
        }
        match then {
            Then::New => self.open_new_project_dialog(),
            Then::Open => {
                let dir = self.start_dir();
                self.dialogs
                    .request(ctx, Purpose::Open, dir, String::new(), t);
            }
            Then::OpenServer => self.open_server_dialog(None, None),
            Then::CheckIn => self.open_check_in_dialog(),
            Then::OpenPath(p) => self.start_open(p),
            Then::RestoreBackup => {
                // Start among the open project's own backups.
                let dir = self
                    .session
                    .as_ref()
                    .and_then(|s| s.user_path())
                    .map(|p| crate::backup::project_dir(&self.paths.data_dir, p))
                    .filter(|d| d.is_dir())
                    .unwrap_or_else(|| crate::backup::backups_dir(&self.paths.data_dir));
                self.dialogs
                    .request(ctx, Purpose::RestoreBackup, Some(dir), String::new(), t);
            }
            Then::RestorePath(p) => self.start_restore(p),
            Then::ImportJson => {
                let dir = self.start_dir();
                self.dialogs
                    .request(ctx, Purpose::ImportJson, dir, String::new(), t);
            }
            Then::ImportPath(p) => self.start_import(p),
            Then::Close => {
                self.import = None;
                if let Some(s) = self.session.take() {
                    self.let_go(s);
                }
                self.settings.last_project = None;
                self.save_settings();
                self.fields.clear();
            }
            Then::Quit => {
                self.quit_confirmed = true;
                if let Some(s) = self.session.take() {
                    // The user chose to discard an untitled project, or there was nothing to ask.
                    if s.user_path().is_none() {
                        s.close();
                    }
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Then::Recover(p) => {
                if self.refuse_if_busy() {
                    return;
                }
                let lang = self.lang;
                let label = fill(t.task_opening, &[("path", &p.display().to_string())]);
                self.task = Some(self.spawn(label, move || {
                    TaskResult::Created(
                        Session::recover(&p)
                            .map_err(|e| format!("{} — {}", e.message(lang), p.display())),
                    )
                }));
            }
            Then::OpenSample => self.open_untitled(crate::sample::lang_son()),
        }
    }

    pub(super) fn start_dir(&self) -> Option<PathBuf> {
        self.session
            .as_ref()
            .and_then(|s| s.user_path())
            .or(self.settings.recent_files.first().map(PathBuf::as_path))
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    pub(super) fn suggested_name(&self, ext: &str) -> String {
        let base = self
            .session
            .as_ref()
            .map(|s| s.dossier().info.name.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| self.t().untitled.to_string());
        let safe: String = base
            .chars()
            .map(|c| {
                if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                    '-'
                } else {
                    c
                }
            })
            .collect();
        format!("{}.{ext}", safe.trim())
    }

    pub fn run_command(&mut self, ctx: &egui::Context, cmd: Command) {
        crate::crash_report::note_command(&format!("{cmd:?}"));
        let t = self.t();
        // Undo takes back the typing, and numbers typed in one language's format must be read
        // in it: commit first.
        if matches!(
            cmd,
            Command::Undo | Command::Redo | Command::LangVi | Command::LangEn
        ) && self.flush_first(ctx, Deferred::Command(cmd))
        {
            return;
        }
        if self.task.is_some()
            && matches!(
                cmd,
                Command::New
                    | Command::Open
                    | Command::CheckIn
                    | Command::Save
                    | Command::SaveAs
                    | Command::ImportJson
                    | Command::ImportTable
                    | Command::ImportSuccessions
                    | Command::ExportTable
                    | Command::RestoreBackup
                    | Command::ExportJson
                    | Command::Close
            )
        {
            self.toasts.warning(t.busy);
            return;
        }
        match cmd {
            Command::New => self.guard_unsaved(ctx, Then::New),
            Command::Open => self.guard_unsaved(ctx, Then::Open),
            Command::OpenServer => self.guard_unsaved(ctx, Then::OpenServer),
            Command::CheckIn => self.guard_unsaved(ctx, Then::CheckIn),
            // Open already (typing in its search box, say): left as it is.
            Command::Guide if self.guide.is_some() => {}
            Command::Guide => self.open_guide(crate::guide::chapter_of_view(self.view.code())),
            Command::ImportJson => self.guard_unsaved(ctx, Then::ImportJson),
            Command::RestoreBackup => self.guard_unsaved(ctx, Then::RestoreBackup),
            Command::Close => self.guard_unsaved(ctx, Then::Close),
            Command::Quit => self.guard_unsaved(ctx, Then::Quit),
            // Everything is written as it is made; Save only matters when writing failed.
            Command::Save if self.session.as_ref().is_some_and(Session::is_unreachable) => {
                self.start_reconnect()
            }
            // A project on a team server is saved on this computer and sent as it is typed:
            // Save says so (Save As would make it a file of its own, apart from the server).
            Command::Save if self.session.as_ref().is_some_and(Session::is_on_server) => {
                self.retry_server_now();
                self.toasts.info(t.saved_on_server);
            }
            Command::Save => match self
                .session
                .as_ref()
                .map(|s| s.user_path().map(Path::to_path_buf))
            {
                Some(Some(p)) => self
                    .toasts
                    .info(fill(t.already_saved, &[("path", &p.display().to_string())])),
                Some(None) => self.run_command(ctx, Command::SaveAs),
                None => {}
            },
            Command::SaveAs => {
                if self.session.is_some() {
                    let name = self.suggested_name(crate::store::EXTENSION);
                    let dir = self.start_dir();
                    self.dialogs.request(ctx, Purpose::SaveAs, dir, name, t);
                }
            }
            Command::ExportTable => {
                if self.session.is_some() {
                    let name = self.suggested_name("xlsx");
                    let dir = self.start_dir();
                    self.dialogs.request(ctx, Purpose::ExportXlsx, dir, name, t);
                }
            }
            Command::ImportSuccessions => {
                if self.session.is_some() {
                    let dir = self.start_dir();
                    self.dialogs
                        .request(ctx, Purpose::ImportSuccessions, dir, String::new(), t);
                }
            }
            Command::ImportTable => {
                if self.session.is_some() {
                    let dir = self.start_dir();
                    self.dialogs
                        .request(ctx, Purpose::ImportTable, dir, String::new(), t);
                }
            }
            Command::ExportJson => {
                if self.session.is_some() {
                    let name = self.suggested_name("json");
                    let dir = self.start_dir();
                    self.dialogs.request(ctx, Purpose::ExportJson, dir, name, t);
                }
            }
            Command::Undo | Command::Redo => {
                let Some(s) = self.session.as_mut() else {
                    return;
                };
                let r = if cmd == Command::Undo {
                    s.undo()
                } else {
                    s.redo()
                };
                match r {
                    Ok(Some(_)) => self.fields.clear(),
                    Ok(None) => self.toasts.info(if cmd == Command::Undo {
                        t.nothing_to_undo
                    } else {
                        t.nothing_to_redo
                    }),
                    Err(e) => self.toasts.error(t.error_change, e.message(self.lang)),
                }
            }
            Command::Palette => {
                self.palette = Some(Palette {
                    query: String::new(),
                    focus_requested: false,
                })
            }
            Command::Search => {
                self.search = Some(SearchWindow {
                    query: String::new(),
                    ignore_marks: true,
                    focus_requested: false,
                    hits: session::Memo::default(),
                })
            }
            Command::ViewData => self.view = View::Data,
            Command::ViewCharts => self.view = View::Charts,
            Command::ViewDrafting => self.view = View::Drafting,
            Command::ViewFollowUp => self.view = View::FollowUp,
            Command::ViewPrint => self.view = View::Print,
            Command::LangVi | Command::LangEn => {
                self.lang = if cmd == Command::LangVi {
                    Lang::Vi
                } else {
                    Lang::En
                };
                self.settings.lang = self.lang;
                self.save_settings();
            }
            Command::ThemeLight | Command::ThemeDark | Command::ThemeSystem => {
                self.settings.theme = match cmd {
                    Command::ThemeLight => ThemePref::Light,
                    Command::ThemeDark => ThemePref::Dark,
                    _ => ThemePref::System,
                };
                self.apply_theme(ctx);
                self.save_settings();
            }
            Command::About => self.modal = Some(Modal::About),
        }
    }

    /// Does what a screen asked for.
    pub(super) fn act(&mut self, ctx: &egui::Context, action: Action) {
        let t = self.t();
        match action {
            Action::Run(cmd) => self.queued.push(cmd),
            Action::OpenAllocation(area, id) => {
                self.screens.allocations.focus(area, id);
                self.view = View::Data;
                self.section = DataSection::Allocations;
            }
            Action::OpenSection(section) => {
                self.view = View::Data;
                self.section = section;
            }
            Action::OpenGuide(chapter) => self.open_guide(chapter),
            Action::OpenDrafting(round) => {
                self.screens.drafting.select_round(round);
                self.view = View::Drafting;
            }
            Action::ExportChart { png } => {
                let (purpose, ext) = if png {
                    (Purpose::ExportPng, "png")
                } else {
                    (Purpose::ExportSvg, "svg")
                };
                let name = self.suggested_name(ext);
                let dir = self.start_dir();
                self.dialogs.request(ctx, purpose, dir, name, t);
            }
            Action::RememberUser(name) => {
                if self.settings.user_name != name {
                    self.settings.user_name = name;
                    self.save_settings();
                }
            }
            Action::Attach(_) | Action::OpenAttachment(_) | Action::SaveAttachment(_) => {
                self.evidence(ctx, action)
            }
            Action::SaveDocument { docx } => {
                let base = crate::analysis::capitalize_first(crate::i18n::doc_label(
                    self.screens.print.kind,
                    t,
                ));
                let (purpose, ext) = if docx {
                    (Purpose::ExportDocx, "docx")
                } else {
                    (Purpose::ExportPdf, "pdf")
                };
                let dir = self.start_dir();
                self.dialogs
                    .request(ctx, purpose, dir, format!("{base}.{ext}"), t);
            }
            Action::Print => self.start_printing(),
            Action::OpenInViewer => self.start_open_in_viewer(),
            Action::Issue(ask) => self.start_issuing(ask),
        }
    }

    pub(super) fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        for (shortcut, cmd) in shortcut_table() {
            if typing && cmd.yields_to_text_field() {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.queued.push(cmd);
            }
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            let is_json = p
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"));
            let is_report = p.extension().is_some_and(|e| {
                ["xlsx", "xls", "ods", "csv"]
                    .iter()
                    .any(|x| e.eq_ignore_ascii_case(x))
            });
            if is_json {
                self.guard_unsaved(ctx, Then::ImportPath(p));
            } else if is_report && self.session.is_some() {
                // A district's report dropped on the window: into the import wizard.
                self.import_table_path(ctx, p);
            } else {
                self.guard_unsaved(ctx, Then::OpenPath(p));
            }
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.quit_confirmed {
            let untitled_changed = self
                .session
                .as_ref()
                .is_some_and(|s| matches!(s.origin(), Origin::Untitled { .. }) && s.has_changes());
            let unwritten = self.session.as_ref().is_some_and(|s| s.unwritten() > 0);
            if untitled_changed || unwritten || self.fields.has_pending() {
                // Quit the way the menu does: typing committed, then asked if need be.
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.guard_unsaved(ctx, Then::Quit);
            }
        }
    }
}
