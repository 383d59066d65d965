//! The main window: menus, screens, dialogs, background tasks. UI code records what the user
//! asked for; commands run after the frame is drawn.
//!
//! Split by concern, as one type over several files: this file holds the struct, its start,
//! the project it has open and the frame; `tasks` the task the window waits for, `files`
//! and `evidence` the tasks themselves; `dispatch` commands and screen actions;
//! `chrome` menus, tabs, banners and status bar; `routing` which screen shows; `overlays`
//! modals, palette, search, file dialogs and the import wizard. The children share this
//! file's imports (`use super::*`).

mod chrome;
mod dispatch;
mod evidence;
mod files;
mod guide_window;
mod new_project;
mod overlays;
mod routing;
mod tasks;
mod team;

use dispatch::*;
use guide_window::GuideWindow;
use new_project::NewProjectDialog;
use overlays::*;
use tasks::*;
use team::*;

use super::commands::{Command, View, shortcut_table};
use super::fields::Fields;
use super::file_dialog::{Dialogs, NativeDialogs, Picked, Purpose};
use super::jobs::{Job, Jobs};
use super::screens::{
    self, Action, ChartsScreen, Ctx, DataSection, DueLink, PendingAttach, PrintScreen, Screen,
    Screens,
};
use super::toasts::Toasts;
use crate::i18n::labels::*;
use crate::i18n::{Lang, Texts, fill};
use crate::model::{Attachment, AttachmentId, Dossier, MoneyUnit, Table};
use crate::session::{self, Origin, ReadOnlyReason, Recoverable, SaveError, Session};
use crate::settings::{self, AppPaths, Settings, SettingsNotice, ThemePref};
use crate::store::OpenError;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::channel;

/// How the app starts.
pub struct AppConfig {
    pub paths: AppPaths,
    pub file: Option<PathBuf>,
    pub view: Option<View>,
    /// The part of the data screen to show first.
    pub section: Option<DataSection>,
    /// The language for this run only (`--lang`).
    pub lang: Option<Lang>,
    /// The system's file dialogs; `None` uses GiamSat's own.
    pub native_dialogs: Option<Arc<dyn NativeDialogs>>,
    /// Today's date, for deadlines (tests fix it; `None` is the system's date).
    pub today: Option<chrono::NaiveDate>,
    /// Where print jobs go: this computer's printers, or a recorder in tests.
    pub printing: Arc<dyn crate::print::printer::PrintBackend>,
    /// A report to open the import wizard on, once the project is open (`--import`).
    pub import: Option<PathBuf>,
    /// A project on a team server to open (`giamsat postgres://…?project=ID`).
    pub server: Option<String>,
    /// Offer to check the file opened (a pulled copy) back in (`--check-in`).
    pub check_in: bool,
    /// Open the user guide at the start (`--guide`).
    pub guide: bool,
}

impl AppConfig {
    pub fn new(paths: AppPaths) -> AppConfig {
        AppConfig {
            paths,
            file: None,
            view: None,
            section: None,
            lang: None,
            native_dialogs: Some(Arc::new(super::file_dialog::RfdDialogs)),
            today: None,
            printing: Arc::new(crate::print::printer::SystemPrinting),
            import: None,
            server: None,
            check_in: false,
            guide: false,
        }
    }
}

pub struct GiamSatApp {
    paths: AppPaths,
    settings: Settings,
    lang: Lang,
    session: Option<Session>,
    view: View,
    section: DataSection,
    screens: Screens,
    jobs: Jobs,
    /// The project (its stamp's document) whose deadline banner the user closed.
    due_dismissed: Option<u64>,
    /// What the deadline banner shows, until the data or the day change.
    due: session::Memo<chrono::NaiveDate, Arc<crate::follow_up::DueSoon>>,
    /// A file about to be attached: where it goes, until the dialog answers.
    pending_attach: Option<PendingAttach>,
    /// An attached file about to be copied out, until the dialog answers.
    pending_copy: Option<Attachment>,
    /// What a question about evidence asked for next (a copy instead of opening).
    queued_evidence: Option<Action>,
    search: Option<SearchWindow>,
    today: Option<chrono::NaiveDate>,
    fields: Fields,
    toasts: Toasts,
    dialogs: Dialogs,
    task: Option<Task>,
    modal: Option<Modal>,
    /// Runs after a Save As that was asked for by the unsaved-project question.
    after_save: Option<Then>,
    palette: Option<Palette>,
    queued: Vec<Command>,
    title_sent: String,
    quit_confirmed: bool,
    /// Actions waiting for the fields to commit what was typed (see `flush_first`).
    after_flush: Vec<Deferred>,
    /// True while such an action runs: the fields had their frame to commit.
    flushed: bool,
    /// What the field buffers were typed against: another document clears them.
    last_stamp: Option<session::Stamp>,
    /// Projects closing on threads of their own (see `let_go`): joined before their file is
    /// opened again and before the app exits, so no queued change is cut off.
    closing: Vec<Closing>,
    /// What lets go of the open project (quit, close, new, another project opened) while its
    /// changes are still being written: it happens once they are, and not at all if writing
    /// fails — the project stays open with its banner and its unwritten changes.
    when_written: Option<AfterWritten>,
    /// The import wizard for a district's report, while it is open.
    import: Option<crate::ui::import_wizard::ImportWizard>,
    /// A report given on the command line, read once the project is open.
    pending_import: Option<PathBuf>,
    /// `--check-in`: the check-in dialog once the file is open.
    pending_check_in: bool,
    /// File → Open from server…, while open.
    server_dialog: Option<ServerDialog>,
    /// File → New, while its dialog is open.
    new_project: Option<NewProjectDialog>,
    /// Help → User guide, while it is open.
    guide: Option<GuideWindow>,
    /// The choices made so far in the conflict view.
    conflict_choices: Option<ConflictChoices>,
}

/// What waits for the open project's changes to be in its file.
enum AfterWritten {
    Then(Then),
    /// A project opened (or restored, or imported) to take the open one's place.
    Install(Box<Session>),
}

/// A project being closed away from the window, and the file it had.
struct Closing {
    path: PathBuf,
    thread: std::thread::JoinHandle<()>,
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl GiamSatApp {
    pub fn new(ctx: &egui::Context, config: AppConfig) -> GiamSatApp {
        super::fonts::install(ctx);
        // The guide's pictures are PNGs.
        egui_extras::install_image_loaders(ctx);
        // Scroll bars take their own room: floating ones widen over the last row of a table
        // when the pointer comes near and hide what it shows.
        ctx.all_styles_mut(|s| s.spacing.scroll = egui::style::ScrollStyle::solid());
        let (settings, notice) = settings::load(&config.paths);
        crate::store::attachments::sweep_stale(&config.paths.data_dir.join(STAGE_DIR));
        let lang = config.lang.unwrap_or(settings.lang);
        let config_guide = config.guide;
        let native = if settings.builtin_file_dialog {
            None
        } else {
            config.native_dialogs
        };
        let mut app = GiamSatApp {
            paths: config.paths,
            lang,
            session: None,
            view: config.view.unwrap_or_default(),
            section: config.section.unwrap_or_default(),
            screens: Screens::new(config.printing),
            jobs: Jobs::new(ctx),
            due_dismissed: None,
            due: session::Memo::default(),
            pending_attach: None,
            pending_copy: None,
            queued_evidence: None,
            search: None,
            today: config.today,
            fields: Fields::default(),
            toasts: Toasts::default(),
            dialogs: Dialogs::new(native),
            task: None,
            modal: None,
            after_save: None,
            palette: None,
            queued: Vec::new(),
            title_sent: String::new(),
            quit_confirmed: false,
            last_stamp: None,
            closing: Vec::new(),
            when_written: None,
            import: None,
            pending_import: config.import,
            pending_check_in: config.check_in,
            after_flush: Vec::new(),
            flushed: false,
            server_dialog: None,
            new_project: None,
            guide: None,
            conflict_choices: None,
            settings,
        };
        app.screens.follow_up.summary_open = app.settings.follow_up_summary;
        if config_guide {
            app.open_guide("first-project");
        }
        if let Some(kind) = app
            .settings
            .chart_view
            .as_deref()
            .and_then(crate::charts::ChartKind::from_code)
        {
            app.screens.charts.kind = kind;
        }
        app.apply_theme(ctx);
        if let Some(SettingsNotice::Corrupt { kept_at }) = notice {
            let msg = fill(
                app.t().settings_corrupt,
                &[("path", &kept_at.display().to_string())],
            );
            app.toasts.warning(msg);
        }
        if let Some(refused) = app.paths.portable_refused.clone() {
            let msg = fill(
                app.t().portable_unwritable,
                &[
                    ("path", &refused.display().to_string()),
                    ("dir", &app.paths.data_dir.display().to_string()),
                ],
            );
            app.toasts.warning(msg);
        }
        for report in crate::crash_report::take_new_reports(&app.paths.data_dir) {
            let msg = fill(
                app.t().crashed_last_time,
                &[("path", &report.display().to_string())],
            );
            app.toasts.warning(msg);
        }
        let recoverable = session::find_recoverable(&app.paths.autosave_dir());
        if let Some(address) = config.server {
            app.start_open_server(&address, "");
        } else if let Some(file) = config.file {
            app.start_open(file);
        } else if config_guide {
            // Started for the guide (its Start-menu shortcut), most often beside a GiamSat
            // already open on the last project and its recovery: the sample to try things on.
            app.open_untitled(crate::sample::lang_son());
        } else if !recoverable.is_empty() {
            app.modal = Some(Modal::Recover(recoverable));
        } else {
            app.open_default();
        }
        app
    }

    pub fn t(&self) -> &'static Texts {
        self.lang.texts()
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// For tests and tools driving the app: wait for writes, look at what is queued.
    pub fn session_mut(&mut self) -> Option<&mut Session> {
        self.session.as_mut()
    }

    pub fn view(&self) -> View {
        self.view
    }

    /// Opens a project file, as File → Open does once the file is chosen (asking first about
    /// an untitled project with changes).
    pub fn open_path(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.guard_unsaved(ctx, Then::OpenPath(path));
    }

    pub fn set_section(&mut self, section: DataSection) {
        self.section = section;
    }

    pub fn set_view(&mut self, view: View) {
        self.view = view;
    }

    pub fn toast_messages(&self) -> Vec<String> {
        self.toasts.messages().map(str::to_string).collect()
    }

    pub fn is_busy(&self) -> bool {
        self.task.is_some()
    }

    /// The last project, or the built-in sample as an untitled copy.
    fn open_default(&mut self) {
        match self.settings.last_project.clone() {
            Some(p) if p.is_file() => self.start_open(p),
            _ => self.open_untitled(crate::sample::lang_son()),
        }
    }

    /// Starts an untitled project holding `dossier` (its autosave file is in the app's own
    /// data folder, on this computer).
    fn open_untitled(&mut self, dossier: Dossier) {
        match Session::create_untitled(&self.paths.autosave_dir(), &dossier) {
            Ok(s) => self.install(s),
            Err(e) => self.toasts.error(self.t().error_open, e.message(self.lang)),
        }
    }

    /// Closes a project the user is done with, on a thread of its own: closing waits for the
    /// file's writer (which may be finishing a copy or an export) and talks to a disk or a
    /// network share that may take many seconds, and the window must not wait.
    fn let_go(&mut self, s: Session) {
        self.closing.retain(|c| !c.thread.is_finished());
        let path = s.path().to_path_buf();
        // A session moved into a thread that cannot start comes back in the error.
        let (tx, rx) = channel::<Session>();
        let spawned = std::thread::Builder::new()
            .name("giamsat-close".into())
            .spawn(move || {
                if let Ok(s) = rx.recv() {
                    s.close();
                }
            });
        // Waited for before its file opens again and before the app exits — but not one whose
        // file is unreachable: it has nothing left to write and may hang on the share.
        let wait_for_it = !s.is_unreachable();
        match spawned {
            Ok(thread) => {
                let _ = tx.send(s);
                if wait_for_it {
                    self.closing.push(Closing { path, thread });
                }
            }
            Err(_) => s.close(),
        }
    }

    /// Waits for the projects closing in the background (their queued changes written).
    pub fn finish_closing(&mut self) {
        for c in self.closing.drain(..) {
            let _ = c.thread.join();
        }
    }

    /// Whether the open project still has changes on their way to its file: letting go of it
    /// now would leave a failure there unseen.
    pub(super) fn still_writing(&mut self) -> bool {
        let Some(s) = self.session.as_mut() else {
            return false;
        };
        // A failure not yet taken in stops the wait here, and is said as always.
        if let Some(e) = s.poll_writes() {
            self.toasts
                .error(self.lang.texts().error_write_failed, e.message(self.lang));
        }
        // Only a writer still at work is waited for: a file that failed, or was found changed
        // elsewhere or taken by someone else, will not take these changes by waiting.
        s.unwritten() > 0 && s.read_only().is_none()
    }

    /// Puts `next` off until the open project's changes are written; a project that was
    /// waiting to be installed and is now not wanted is let go as any other.
    fn wait_then(&mut self, next: AfterWritten) {
        if let Some(AfterWritten::Install(earlier)) = self.when_written.replace(next) {
            self.let_go(*earlier);
        }
    }

    fn install(&mut self, s: Session) {
        if self.still_writing() {
            // The new project waits for the old one's last changes (see `watch_writes`).
            self.wait_then(AfterWritten::Install(Box::new(s)));
            return;
        }
        if let Some(old) = self.session.take() {
            self.let_go(old);
        }
        let t = self.t();
        if let Some(up) = s.upgraded()
            && let Some(backup) = &up.backup
        {
            self.toasts.info(fill(
                t.opened_upgraded,
                &[
                    ("from", &up.from_version.to_string()),
                    ("backup", &backup.display().to_string()),
                ],
            ));
        }
        if let Some(p) = s.user_path() {
            self.settings.add_recent(p);
            self.settings.last_project = Some(p.to_path_buf());
        } else {
            self.settings.last_project = None;
        }
        self.save_settings();
        self.fields.clear();
        self.forget_document_state();
        self.conflict_choices = None;
        // A report being imported was meant for the project that was open.
        self.import = None;
        self.session = Some(s);
    }

    fn forget_document_state(&mut self) {
        self.screens.forget_document_state();
        self.pending_attach = None;
        self.pending_copy = None;
    }

    /// The name history entries are recorded under: the settings' user name, else the
    /// system's name for the user.
    fn user_name(settings: &Settings) -> String {
        if !settings.user_name.trim().is_empty() {
            return settings.user_name.clone();
        }
        settings::system_user_name()
    }

    fn save_settings(&mut self) {
        if let Err(e) = settings::save(&self.paths, &self.settings) {
            self.toasts
                .error(self.t().settings_save_failed, e.to_string());
        }
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.theme {
            ThemePref::Light => egui::ThemePreference::Light,
            ThemePref::Dark => egui::ThemePreference::Dark,
            ThemePref::System => egui::ThemePreference::System,
        });
    }

    fn today(&self) -> chrono::NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// Issues a round as the drafting screen's Issue does (rendered off the window's thread).
    pub fn issue(&mut self, ask: crate::ui::screens::IssueAsk) {
        self.start_issuing(ask);
    }

    /// The print screen's state (tests read the preview).
    pub fn print_screen(&self) -> &PrintScreen {
        &self.screens.print
    }

    /// The chart screen's state (tests read where bars were drawn).
    pub fn charts(&self) -> &ChartsScreen {
        &self.screens.charts
    }

    /// Draws one frame of the whole window.
    /// Takes in what the session's writer did: a write that failed is said at once (the
    /// banner then offers Retry and Save As). The writer wakes the window after each write, so
    /// "saving…" turns into "saved" without the user moving the mouse.
    fn watch_writes(&mut self, ctx: &egui::Context) {
        let Some(s) = self.session.as_mut() else {
            return;
        };
        if !s.has_waker() {
            let ctx = ctx.clone();
            s.set_waker(Arc::new(move || ctx.request_repaint()));
        }
        if let Some(e) = s.poll_writes() {
            self.toasts
                .error(self.lang.texts().error_write_failed, e.message(self.lang));
        }
        self.watch_team();
        let Some(next) = self.when_written.take() else {
            return;
        };
        match &self.session {
            // Writing failed: what was to follow is off. The banner offers Retry and Save As,
            // and the question on the next try offers Save As.
            Some(s) if s.read_only().is_some() => {
                if let AfterWritten::Install(new) = next {
                    let name = new
                        .user_path()
                        .map(file_name)
                        .unwrap_or_else(|| new.dossier().info.name.clone());
                    self.let_go(*new);
                    let t = self.t();
                    self.toasts
                        .error(fill(t.unsaved_not_opened, &[("name", &name)]), "");
                }
            }
            Some(s) if s.unwritten() > 0 => self.when_written = Some(next),
            _ => match next {
                AfterWritten::Then(then) => self.run_then(ctx, then),
                AfterWritten::Install(new) => self.install(*new),
            },
        }
    }

    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // Actions put off last frame run at the end of this one, once the fields drawn in it
        // have committed their typing.
        let ready = std::mem::take(&mut self.after_flush);
        self.fields.begin_frame();
        self.poll_task(&ctx);
        self.watch_writes(&ctx);
        if self.session.is_some()
            && self.task.is_none()
            && let Some(report) = self.pending_import.take()
        {
            self.import_table_path(&ctx, report);
        }
        if self.pending_check_in && self.session.is_some() && self.task.is_none() {
            self.pending_check_in = false;
            self.queued.push(Command::CheckIn);
        }
        self.handle_dropped_files(&ctx);
        let team_window = self.server_dialog.is_some()
            || self.new_project.is_some()
            || self
                .session
                .as_ref()
                .is_some_and(|s| s.held_conflict().is_some());
        if self.modal.is_none() && self.palette.is_none() && !self.dialogs.is_open() && !team_window
        {
            self.handle_shortcuts(&ctx);
        }
        self.handle_close_request(&ctx);

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::top("view-tabs").show(ui, |ui| {
            self.view_tabs(ui);
            self.read_only_banner(ui);
            self.team_banner(ui);
            self.due_banner(ui);
        });
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
        // The screens paint their own panels; the empty state (no project, or one opening)
        // needs the theme's panel colour, or the clear colour shows through (black under the
        // light theme on Windows).
        let panel = if self.session.is_some() {
            egui::CentralPanel::no_frame()
        } else {
            egui::CentralPanel::default()
        };
        panel.show(ui, |ui| self.central(ui));
        // Others on a team server see which text has the keyboard here.
        let editing = (self.view == View::Drafting)
            .then(|| self.screens.drafting.editing_record(&ctx))
            .flatten();
        if let Some(s) = self.session.as_mut() {
            s.set_editing(editing);
        }

        self.modals(&ctx);
        self.server_dialog_ui(&ctx);
        self.new_project_ui(&ctx);
        self.guide_ui(&ctx);
        self.conflict_ui(&ctx);
        self.import_ui(&ctx);
        self.search_ui(&ctx);
        self.palette_ui(&ctx);
        self.file_dialogs(&ctx);
        self.task_overlay(&ctx);
        self.toasts.ui(&ctx, self.lang.texts());
        self.update_title(&ctx);

        if !ready.is_empty() && self.fields.has_pending() {
            // A field with typing in it was not drawn this frame (scrolled out of sight, or on
            // another screen), so it could not commit: say so rather than lose it quietly.
            self.toasts.warning(self.t().typing_not_committed);
        }
        for action in ready {
            self.run_deferred(&ctx, action);
        }
        for cmd in std::mem::take(&mut self.queued) {
            self.run_command(&ctx, cmd);
        }
    }

    /// Called when the window closes: remember settings; an untitled project with changes
    /// stays in the autosave folder so it is offered again.
    pub fn shutdown(&mut self) {
        self.settings.lang = self.lang;
        self.save_settings();
        self.finish_closing();
        if let Some(s) = self.session.take()
            && s.user_path().is_none()
            && !s.has_changes()
        {
            s.close();
        }
    }
}

impl eframe::App for GiamSatApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    /// The window's place is kept by eframe (per monitor, clamped to the monitors present);
    /// widget state is not carried over between runs.
    fn persist_egui_memory(&self) -> bool {
        false
    }

    /// Whatever no panel covers shows the theme's panel colour, never eframe's near-black.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        visuals.panel_fill.to_normalized_gamma_f32()
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.shutdown();
    }
}
