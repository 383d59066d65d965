//! The main window: menus, screens, dialogs, background tasks. UI code records what the user
//! asked for; commands run after the frame is drawn.

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
        }
    }
}

/// What to do once the user has decided about an unsaved untitled project.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Then {
    New,
    Open,
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
enum Deferred {
    Command(Command),
    Then(Then),
    Unit(MoneyUnit),
}

enum Modal {
    Recover(Vec<Recoverable>),
    Unsaved(Then),
    About,
}

enum TaskResult {
    /// The file, the session or why not, and why its backup could not be made.
    Opened(PathBuf, Result<Session, OpenError>, Option<String>),
    SavedAs(Box<Session>, PathBuf, Result<(), SaveError>),
    Imported(PathBuf, Result<Session, String>),
    /// A table of former units and their successors, read.
    SuccessionsRead(PathBuf, Result<crate::import::grid::Workbook, String>),
    /// A district's report, read for the import wizard.
    ReportRead(Box<Result<super::import_wizard::ReadReport, String>>),
    Exported(PathBuf, Result<(), String>),
    /// A file measured and staged for attaching, with where it goes.
    AttachPrepared(Box<Result<crate::store::Prepared, String>>, PendingAttach),
    /// A copy of an attached file opened in the system's viewer.
    AttachmentOpened(Result<(), String>),
    ChartExported(PathBuf, Result<(), String>),
    FileWritten(PathBuf, Result<(), String>),
    Printed(Result<PrintOutcome, String>),
    Restored(PathBuf, Result<Session, String>),
    Reconnected(
        PathBuf,
        Box<Result<session::Reopened, session::ReconnectError>>,
    ),
    /// The task stopped without a result (it panicked); what it said, if anything.
    Failed(String),
}

/// Where files to attach are staged until written (beside the autosaves).
const STAGE_DIR: &str = "dinh-kem-tam";

/// What printing did, told to the user as it is: sent to a printer, or only opened in a viewer.
enum PrintOutcome {
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
struct Task {
    label: String,
    job: Job<TaskResult>,
}

struct Palette {
    query: String,
    focus_requested: bool,
}

/// What a search found, for the project as it was and the question as it was asked.
type SearchKey = (session::Stamp, String, bool, Lang);

struct SearchWindow {
    query: String,
    ignore_marks: bool,
    focus_requested: bool,
    /// The last search: it runs again only when the text, the option or the project change,
    /// not every frame.
    hits: Option<(SearchKey, Arc<Vec<crate::analysis::SearchHit>>)>,
}

impl SearchWindow {
    fn hits(&mut self, session: &Session, lang: Lang) -> Arc<Vec<crate::analysis::SearchHit>> {
        let key: SearchKey = (session.stamp(), self.query.clone(), self.ignore_marks, lang);
        if let Some((k, hits)) = &self.hits
            && *k == key
        {
            return Arc::clone(hits);
        }
        let hits = Arc::new(crate::analysis::search(
            session.dossier(),
            &self.query,
            self.ignore_marks,
            lang,
        ));
        self.hits = Some((key, Arc::clone(&hits)));
        hits
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
    due: Option<(
        (session::Stamp, chrono::NaiveDate),
        Arc<crate::follow_up::DueSoon>,
    )>,
    /// A file about to be attached: where it goes, until the dialog answers.
    pending_attach: Option<PendingAttach>,
    /// An attached file about to be copied out, until the dialog answers.
    pending_copy: Option<Attachment>,
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
    /// Quit was asked for while changes were still being written: it happens once they are.
    quit_when_written: bool,
    /// The import wizard for a district's report, while it is open.
    import: Option<super::import_wizard::ImportWizard>,
    /// A report given on the command line, read once the project is open.
    pending_import: Option<PathBuf>,
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
        // Scroll bars take their own room: floating ones widen over the last row of a table
        // when the pointer comes near and hide what it shows.
        ctx.all_styles_mut(|s| s.spacing.scroll = egui::style::ScrollStyle::solid());
        let (settings, notice) = settings::load(&config.paths);
        crate::store::attachments::sweep_stale(&config.paths.data_dir.join(STAGE_DIR));
        let lang = config.lang.unwrap_or(settings.lang);
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
            due: None,
            pending_attach: None,
            pending_copy: None,
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
            quit_when_written: false,
            import: None,
            pending_import: config.import,
            after_flush: Vec::new(),
            flushed: false,
            settings,
        };
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
        if let Some(file) = config.file {
            app.start_open(file);
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

    fn open_untitled(&mut self, dossier: Dossier) {
        match Session::create_untitled(&self.paths.autosave_dir(), &dossier) {
            Ok(s) => self.install(s),
            Err(e) => self.toasts.error(self.t().error_open, e.message(self.lang)),
        }
    }

    /// Closes a project the user is done with. A file that became unreachable, or one with
    /// changes still being written, is closed on a thread of its own: closing it talks to a
    /// disk or a network share that may take many seconds, and the window must not wait.
    fn let_go(&mut self, s: Session) {
        self.closing.retain(|c| !c.thread.is_finished());
        if !s.is_unreachable() && s.unwritten() == 0 {
            s.close();
            return;
        }
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
        // Only a session with changes to write is waited for: an unreachable one has
        // nothing left to write and may hang on the share that went away.
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

    fn install(&mut self, s: Session) {
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

    /// One background task at a time: a second one would replace the first and lose its
    /// result. Says so and returns true when busy.
    /// Starts the task the window waits for. A task that panics still answers, so the window
    /// never waits for it for ever.
    fn spawn<F: FnOnce() -> TaskResult + Send + 'static>(&self, label: String, f: F) -> Task {
        let job = self.jobs.start(label.clone(), f);
        Task { label, job }
    }

    fn refuse_if_busy(&mut self) -> bool {
        if self.task.is_some() {
            self.toasts.warning(self.t().busy);
            true
        } else {
            false
        }
    }

    fn start_open(&mut self, path: PathBuf) {
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

    fn start_save_as(&mut self, dest: PathBuf) {
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
            TaskResult::ReportRead(Box::new(super::import_wizard::read_report(&path)))
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
    fn successions_read(&mut self, path: &std::path::Path, book: crate::import::grid::Workbook) {
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

    /// The import wizard's frame: an import is one change, one undo step.
    fn import_ui(&mut self, ctx: &egui::Context) {
        let (Some(wizard), Some(session)) = (self.import.as_mut(), self.session.as_mut()) else {
            return;
        };
        match wizard.ui(ctx, session, self.lang) {
            super::import_wizard::Outcome::Stay => {}
            super::import_wizard::Outcome::Close => self.import = None,
            super::import_wizard::Outcome::Import => {
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

    fn start_import(&mut self, path: PathBuf) {
        if self.refuse_if_busy() {
            return;
        }
        let autosave = self.paths.autosave_dir();
        let lang = self.lang;
        let label = fill(self.t().task_importing, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let r = std::fs::read_to_string(&path)
                .map_err(|e| format!("{e} — {}", path.display()))
                .and_then(|text| {
                    crate::exchange::from_json_with_content(&text)
                        .map_err(|e| format!("{e} — {}", path.display()))
                })
                .and_then(|(d, content)| {
                    Session::create_untitled_with(&autosave, &d, &content)
                        .map_err(|e| e.message(lang))
                });
            TaskResult::Imported(path, r)
        }));
    }

    /// Opens a backup copy as an untitled project: the backup itself is never written to.
    fn start_restore(&mut self, path: PathBuf) {
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
    fn start_table_export(&mut self, path: PathBuf) {
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

    fn start_export(&mut self, path: PathBuf) {
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

    fn start_chart_export(&mut self, path: PathBuf, png: bool) {
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

    fn today(&self) -> chrono::NaiveDate {
        self.today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// What the print screen shows, as a job for a worker thread: it lays out the document.
    fn print_job(
        &self,
    ) -> Option<
        impl FnOnce() -> Result<crate::print::PrintDoc, crate::print::PrintError> + Send + 'static,
    > {
        let d = self.session.as_ref()?.dossier_arc();
        let (round, kind, unit, today) = (
            self.screens.print.round(),
            self.screens.print.kind,
            self.settings.money_unit,
            self.today(),
        );
        Some(move || crate::print::build(&d, round, kind, unit, today))
    }

    /// Builds the print screen's document and writes it (PDF or Word), off the UI thread.
    fn start_document_export(&mut self, path: PathBuf, docx: bool) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(build) = self.print_job() else {
            return;
        };
        let lang = self.lang;
        let label = fill(self.t().task_exporting, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let bytes = build().and_then(|doc| {
                if docx {
                    crate::print::docx::docx(&doc)
                } else {
                    crate::print::typeset::pdf(&doc)
                }
            });
            let r = bytes.map_err(|e| e.message(lang)).and_then(|b| {
                crate::fsutil::write_atomically(&path, &b)
                    .map_err(|e| format!("{e} — {}", path.display()))
            });
            TaskResult::FileWritten(path, r)
        }));
    }

    /// Prints the print screen's document on the printer and in the copies the user chose.
    fn start_printing(&mut self) {
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
    fn start_open_in_viewer(&mut self) {
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
                .and_then(|doc| crate::print::typeset::pdf(&doc))
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

    /// The print screen's state (tests read the preview).
    pub fn print_screen(&self) -> &PrintScreen {
        &self.screens.print
    }

    /// The chart screen's state (tests read where bars were drawn).
    pub fn charts(&self) -> &ChartsScreen {
        &self.screens.charts
    }

    fn poll_task(&mut self, ctx: &egui::Context) {
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
                        self.import = Some(super::import_wizard::ImportWizard::new(
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

    /// Asks before throwing away an untitled project with changes; otherwise goes ahead.
    /// Typing still waiting to be committed would be lost by the action about to run (quit,
    /// undo, another project, another unit): the fields commit it in the next frame, and the
    /// action runs after that. True when the action was put off.
    fn flush_first(&mut self, ctx: &egui::Context, action: Deferred) -> bool {
        if self.flushed || !self.fields.has_pending() {
            return false;
        }
        self.fields.flush();
        self.after_flush.push(action);
        ctx.request_repaint();
        true
    }

    fn run_deferred(&mut self, ctx: &egui::Context, action: Deferred) {
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

    fn guard_unsaved(&mut self, ctx: &egui::Context, then: Then) {
        if self.flush_first(ctx, Deferred::Then(then.clone())) {
            return;
        }
        // An untitled project, or changes the file would not take: closing loses them.
        let needs_asking = self.session.as_ref().is_some_and(|s| {
            matches!(s.origin(), Origin::Untitled { .. }) && s.has_changes()
                || s.is_unreachable() && s.unwritten() > 0
        });
        if needs_asking {
            self.modal = Some(Modal::Unsaved(then));
        } else {
            self.run_then(ctx, then);
        }
    }

    fn run_then(&mut self, ctx: &egui::Context, then: Then) {
        let t = self.t();
        match then {
            Then::New => {
                let mut d = Dossier::new(t.untitled);
                d.add_giam_ngheo_catalogue();
                d.add_default_phrases();
                self.open_untitled(d);
            }
            Then::Open => {
                let dir = self.start_dir();
                self.dialogs
                    .request(ctx, Purpose::Open, dir, String::new(), t);
            }
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
                if self
                    .session
                    .as_ref()
                    .is_some_and(|s| s.unwritten() > 0 && !s.is_unreachable())
                {
                    // "Đang lưu…" shows meanwhile; `watch_writes` quits once all is written.
                    self.quit_when_written = true;
                    return;
                }
                self.quit_confirmed = true;
                if let Some(s) = self.session.take() {
                    // The user chose to discard an untitled project, or there was nothing to ask.
                    if s.user_path().is_none() {
                        s.close();
                    }
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Then::Recover(p) => match Session::recover(&p) {
                Ok(s) => self.install(s),
                Err(e) => self
                    .toasts
                    .error(e.message(self.lang), p.display().to_string()),
            },
            Then::OpenSample => self.open_untitled(crate::sample::lang_son()),
        }
    }

    fn start_dir(&self) -> Option<PathBuf> {
        self.session
            .as_ref()
            .and_then(|s| s.user_path())
            .or(self.settings.recent_files.first().map(PathBuf::as_path))
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
    }

    fn suggested_name(&self, ext: &str) -> String {
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
            Command::ImportJson => self.guard_unsaved(ctx, Then::ImportJson),
            Command::RestoreBackup => self.guard_unsaved(ctx, Then::RestoreBackup),
            Command::Close => self.guard_unsaved(ctx, Then::Close),
            Command::Quit => self.guard_unsaved(ctx, Then::Quit),
            // Everything is written as it is made; Save only matters when writing failed.
            Command::Save if self.session.as_ref().is_some_and(Session::is_unreachable) => {
                self.start_reconnect()
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
                    hits: None,
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

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
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

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
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

    fn handle_close_request(&mut self, ctx: &egui::Context) {
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

    fn update_title(&mut self, ctx: &egui::Context) {
        let t = self.t();
        let title = match &self.session {
            None => t.app_name.to_string(),
            Some(s) => {
                let name = match s.user_path() {
                    Some(p) => file_name(p),
                    None => t.untitled.to_string(),
                };
                let mark = if s.user_path().is_none() || self.fields.has_pending() {
                    " *"
                } else {
                    ""
                };
                let ro = if s.read_only().is_some() {
                    format!(" ({})", t.read_only_suffix)
                } else {
                    String::new()
                };
                format!("{name}{mark}{ro} — {}", t.app_name)
            }
        };
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    pub fn title(&self) -> &str {
        &self.title_sent
    }

    fn menu_item(&mut self, ui: &mut egui::Ui, cmd: Command) {
        let t = self.t();
        let mut label = cmd.label(t).to_string();
        let mut enabled = true;
        if let Some(s) = &self.session {
            if cmd == Command::Undo {
                match s.undo_label() {
                    Some(l) => label = fill(t.undo_named, &[("action", &l.render(t))]),
                    None => enabled = false,
                }
            }
            if cmd == Command::Redo {
                match s.redo_label() {
                    Some(l) => label = fill(t.redo_named, &[("action", &l.render(t))]),
                    None => enabled = false,
                }
            }
        } else if matches!(
            cmd,
            Command::Undo
                | Command::Redo
                | Command::Save
                | Command::SaveAs
                | Command::ExportJson
                | Command::ImportTable
                | Command::ImportSuccessions
                | Command::ExportTable
                | Command::Close
        ) {
            enabled = false;
        }
        let mut button = egui::Button::new(label);
        if let Some(sc) = cmd.shortcuts().first() {
            button = button.shortcut_text(ui.ctx().format_shortcut(sc));
        }
        if ui.add_enabled(enabled, button).clicked() {
            self.queued.push(cmd);
            ui.close();
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.menu_file, |ui| {
                for c in [Command::New, Command::Open] {
                    self.menu_item(ui, c);
                }
                ui.menu_button(t.menu_open_recent, |ui| self.recent_menu(ui));
                ui.separator();
                for c in [Command::Save, Command::SaveAs] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [
                    Command::ImportJson,
                    Command::ImportTable,
                    Command::ImportSuccessions,
                    Command::ExportJson,
                    Command::ExportTable,
                    Command::RestoreBackup,
                ] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                for c in [Command::Close, Command::Quit] {
                    self.menu_item(ui, c);
                }
            });
            ui.menu_button(t.menu_edit, |ui| {
                for c in [Command::Undo, Command::Redo] {
                    self.menu_item(ui, c);
                }
                ui.separator();
                self.menu_item(ui, Command::Search);
                self.menu_item(ui, Command::Palette);
            });
            ui.menu_button(t.menu_view, |ui| {
                for v in View::ALL {
                    self.menu_item(ui, v.command());
                }
                ui.separator();
                ui.menu_button(t.menu_language, |ui| {
                    for (c, l) in [(Command::LangVi, Lang::Vi), (Command::LangEn, Lang::En)] {
                        if ui.radio(self.lang == l, c.label(t)).clicked() {
                            self.queued.push(c);
                            ui.close();
                        }
                    }
                });
                ui.menu_button(t.menu_theme, |ui| {
                    for (c, th) in [
                        (Command::ThemeLight, ThemePref::Light),
                        (Command::ThemeDark, ThemePref::Dark),
                        (Command::ThemeSystem, ThemePref::System),
                    ] {
                        if ui.radio(self.settings.theme == th, c.label(t)).clicked() {
                            self.queued.push(c);
                            ui.close();
                        }
                    }
                });
                ui.menu_button(t.menu_unit, |ui| {
                    for u in MoneyUnit::ALL {
                        if ui
                            .radio(self.settings.money_unit == u, unit_label(u, self.lang))
                            .clicked()
                        {
                            let ctx = ui.ctx().clone();
                            self.set_money_unit(&ctx, u);
                            ui.close();
                        }
                    }
                });
            });
            ui.menu_button(t.menu_help, |ui| self.menu_item(ui, Command::About));
        });
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        if self.settings.recent_files.is_empty() {
            ui.weak(t.recent_none);
            return;
        }
        let mut open = None;
        let mut remove = None;
        for p in &self.settings.recent_files {
            ui.horizontal(|ui| {
                if ui.button(p.display().to_string()).clicked() {
                    open = Some(p.clone());
                    ui.close();
                }
                let r = ui.small_button("×").on_hover_text(t.recent_remove);
                screens::name(ui, &r, format!("{} — {}", t.recent_remove, p.display()));
                if r.clicked() {
                    remove = Some(p.clone());
                }
            });
        }
        ui.separator();
        if ui.button(t.recent_clear).clicked() {
            self.settings.recent_files.clear();
            self.save_settings();
            ui.close();
        }
        if let Some(p) = remove {
            self.settings.remove_recent(&p);
            self.save_settings();
        }
        if let Some(p) = open {
            let ctx = ui.ctx().clone();
            self.guard_unsaved(&ctx, Then::OpenPath(p));
        }
    }

    fn view_tabs(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        ui.horizontal(|ui| {
            for v in View::ALL {
                let label = v.command().label(t);
                if ui.selectable_label(self.view == v, label).clicked() {
                    self.view = v;
                }
            }
        });
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        ui.horizontal(|ui| {
            if let Some(task) = &self.task {
                ui.spinner();
                ui.label(&task.label);
                return;
            }
            match &self.session {
                None => {
                    ui.label(t.no_project);
                }
                Some(s) => {
                    let text = if s.read_only().is_some() {
                        t.status_read_only
                    } else if self.fields.has_pending() || s.unwritten() > 0 {
                        t.status_saving
                    } else if s.user_path().is_none() {
                        t.status_untitled
                    } else {
                        t.status_saved
                    };
                    ui.label(text);
                    if let Some(p) = s.user_path() {
                        ui.separator();
                        ui.add(
                            egui::Label::new(egui::RichText::new(p.display().to_string()).weak())
                                .truncate(),
                        );
                    }
                }
            }
        });
    }

    fn read_only_banner(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let Some(s) = &self.session else {
            return;
        };
        let Some(reason) = s.read_only() else {
            return;
        };
        let text = match reason {
            ReadOnlyReason::InUse(holder) => fill(
                t.read_only_in_use,
                &[("holder", holder.as_deref().unwrap_or(t.holder_unknown))],
            ),
            ReadOnlyReason::CannotLock => t.read_only_cannot_lock.to_string(),
            ReadOnlyReason::FileReadOnly => t.read_only_file.to_string(),
            ReadOnlyReason::Unreachable(detail) => {
                fill(t.read_only_unreachable, &[("detail", detail)])
            }
            ReadOnlyReason::WriteFailed(detail) => {
                fill(t.read_only_write_failed, &[("detail", detail)])
            }
            ReadOnlyReason::ChangedElsewhere => t.read_only_changed_elsewhere.to_string(),
        };
        // Where keeping one's work means writing it elsewhere, Save As sits in the banner.
        let changed_elsewhere = matches!(
            reason,
            ReadOnlyReason::ChangedElsewhere | ReadOnlyReason::FileReadOnly
        );
        let unreachable = s.is_unreachable();
        let path = s.user_path().map(Path::to_path_buf);
        let busy = self.task.is_some();
        egui::Frame::new()
            .fill(ui.visuals().warn_fg_color.gamma_multiply(0.15))
            .inner_margin(6)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(ui.visuals().warn_fg_color, text);
                    if unreachable {
                        if ui.add_enabled(!busy, egui::Button::new(t.retry)).clicked() {
                            self.start_reconnect();
                        }
                        if ui
                            .add_enabled(!busy, egui::Button::new(Command::SaveAs.label(t)))
                            .clicked()
                        {
                            self.queued.push(Command::SaveAs);
                        }
                    } else if let Some(p) = path {
                        if ui.add_enabled(!busy, egui::Button::new(t.reload)).clicked() {
                            self.session = None;
                            self.start_open(p);
                        } else if changed_elsewhere
                            && ui
                                .add_enabled(!busy, egui::Button::new(Command::SaveAs.label(t)))
                                .clicked()
                        {
                            self.queued.push(Command::SaveAs);
                        }
                    }
                });
            });
    }

    /// Acts on what the follow-up board asked about evidence files.
    fn evidence(&mut self, ctx: &egui::Context, a: Action) {
        let t = self.t();
        let dir = self.start_dir();
        match a {
            Action::Attach(target) => {
                self.pending_attach = Some(target);
                self.dialogs
                    .request(ctx, Purpose::Attach, dir, String::new(), t);
            }
            Action::SaveAttachment(a) => {
                let name = crate::store::attachments::safe_file_name(&a.name);
                self.pending_copy = Some(a);
                self.dialogs
                    .request(ctx, Purpose::SaveAttachment, dir, name, t);
            }
            Action::OpenAttachment(a) => {
                // A copy in a folder named by its content: the project file's bytes are never
                // handed out to be changed, and a copy a viewer still holds open is opened
                // again rather than written over.
                let folder = std::env::temp_dir()
                    .join("giamsat-xem")
                    .join(&a.sha256[..a.sha256.len().min(16)]);
                let _ = std::fs::create_dir_all(&folder);
                let dest = folder.join(crate::store::attachments::safe_file_name(&a.name));
                if std::fs::metadata(&dest).is_ok_and(|m| m.len() == a.size) {
                    if let Err(e) = crate::print::printer::open_in_viewer(&dest) {
                        self.toasts.error(t.error_save, e.to_string());
                    }
                } else {
                    self.start_attachment_copy(a, dest, true);
                }
            }
            _ => {}
        }
    }

    /// Measures and stages the chosen file off the UI thread.
    fn start_attach(&mut self, path: PathBuf) {
        let Some(target) = self.pending_attach.take() else {
            return;
        };
        if self.refuse_if_busy() {
            return;
        }
        let stage = self.paths.data_dir.join(STAGE_DIR);
        let label = fill(self.t().task_attaching, &[("path", &file_name(&path))]);
        self.task = Some(self.spawn(label, move || {
            let r = crate::store::attachments::prepare(&path, &stage).map_err(|e| e.to_string());
            TaskResult::AttachPrepared(Box::new(r), target)
        }));
    }

    /// Stores a staged file as the board asked.
    fn finish_attach(
        &mut self,
        prepared: Result<crate::store::Prepared, String>,
        target: PendingAttach,
    ) {
        let t = self.t();
        let lang = self.lang;
        let prepared = match prepared {
            Ok(p) => p,
            Err(e) => {
                self.toasts.error(t.error_change, e);
                return;
            }
        };
        let Some(s) = self.session.as_mut() else {
            let _ = std::fs::remove_file(&prepared.content);
            return;
        };
        let mut a = prepared.attachment(
            AttachmentId(s.new_id(Table::Attachments)),
            target.recommendation_id,
            screens::drafting::now(),
            &target.added_by,
        );
        a.response_id = target.response_id;
        a.event_id = target.event_id;
        a.received_on = target.received_on;
        a.document_date = target.document_date;
        let size_before = s.dossier().attachments.iter().map(|x| x.size).sum::<u64>();
        match s.attach(
            crate::session::ChangeLabel::add(|t| t.what_attachment, prepared.name.clone()),
            a,
            prepared.content.clone(),
        ) {
            Ok(()) => {
                let style = lang.number_style();
                self.toasts.info(fill(
                    t.fu_attached,
                    &[
                        ("name", &prepared.name),
                        (
                            "size",
                            &crate::model::number::format_size(prepared.size, style),
                        ),
                    ],
                ));
                let total = size_before + prepared.size;
                if total > crate::model::LARGE_PROJECT_BYTES
                    && size_before <= crate::model::LARGE_PROJECT_BYTES
                {
                    self.toasts.info(fill(
                        t.fu_project_large,
                        &[("size", &crate::model::number::format_size(total, style))],
                    ));
                }
            }
            Err(e) => {
                let _ = std::fs::remove_file(&prepared.content);
                self.toasts.error(t.error_change, e.message(lang));
            }
        }
    }

    /// Copies an attached file out of the project, checked, off the UI thread; then opens it
    /// in the system's viewer when asked.
    fn start_attachment_copy(&mut self, a: Attachment, dest: PathBuf, open: bool) {
        if self.refuse_if_busy() {
            return;
        }
        let Some(s) = &self.session else {
            return;
        };
        let lang = self.lang;
        let label = fill(self.t().task_copying, &[("path", &a.name)]);
        let written = s.save_attachment(a, dest.clone());
        self.task = Some(self.spawn(label, move || {
            let r = match written.recv() {
                Ok(r) => r.map_err(|e| e.message(lang)),
                Err(_) => Err(lang.texts().error_change.to_string()),
            };
            if open {
                TaskResult::AttachmentOpened(r.and_then(|()| {
                    crate::print::printer::open_in_viewer(&dest).map_err(|e| e.to_string())
                }))
            } else {
                TaskResult::FileWritten(dest, r)
            }
        }));
    }

    /// What is overdue or falls due within 7 and 30 days, each a link to those rows on the
    /// follow-up board; closed for the project until it is opened again.
    fn due_banner(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let Some(s) = &self.session else {
            return;
        };
        let document = s.stamp().document;
        if self.due_dismissed == Some(document) {
            return;
        }
        let today = self
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let key = (s.stamp(), today);
        let due = match &self.due {
            Some((k, due)) if *k == key => Arc::clone(due),
            _ => {
                let due = Arc::new(crate::follow_up::due_soon(s.dossier(), today));
                self.due = Some((key, Arc::clone(&due)));
                due
            }
        };
        if due.is_empty() {
            return;
        }
        let mut go: Option<DueLink> = None;
        let mut close = false;
        egui::Frame::new()
            .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.25))
            .inner_margin(6)
            .show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.strong(t.due_banner_title);
                    let within_30 = due.within_7.len() + due.within_30.len();
                    for (n, text, link) in [
                        (due.overdue.len(), t.due_overdue, DueLink::Overdue),
                        (due.within_7.len(), t.due_7, DueLink::Within(7)),
                        (within_30, t.due_30, DueLink::Within(30)),
                    ] {
                        if n > 0 && ui.link(fill(text, &[("n", &n.to_string())])).clicked() {
                            go = Some(link);
                        }
                    }
                    if ui.small_button(t.due_hide).clicked() {
                        close = true;
                    }
                });
            });
        if let Some(link) = go {
            self.screens.follow_up.show_due(link);
            self.view = View::FollowUp;
        }
        if close {
            self.due_dismissed = Some(document);
        }
    }

    /// Tries writing again after the file was unreachable, reopening it off the UI thread.
    fn start_reconnect(&mut self) {
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

    fn central(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let lang = self.lang;
        let unit = self.settings.money_unit;
        let today = self.today();
        let Some(session) = self.session.as_mut() else {
            if self.task.is_none() {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading(t.no_project);
                    ui.label(t.no_project_hint);
                    ui.add_space(10.0);
                    if ui.button(t.cmd_new).clicked() {
                        self.queued.push(Command::New);
                    }
                    if ui.button(t.cmd_open).clicked() {
                        self.queued.push(Command::Open);
                    }
                    if ui.button(t.open_sample).clicked() {
                        let ctx = ui.ctx().clone();
                        self.run_then(&ctx, Then::OpenSample);
                    }
                });
            }
            return;
        };
        // Field buffers typed against another project would show (and commit) stale text.
        let stamp = session.stamp();
        if self
            .last_stamp
            .is_some_and(|last| last.document != stamp.document || last.revision > stamp.revision)
        {
            self.fields.clear();
        }
        self.last_stamp = Some(stamp);
        let user = Self::user_name(&self.settings);
        let chart_kind = self.screens.charts.kind;
        let mut ctx = Ctx {
            session,
            fields: &mut self.fields,
            toasts: &mut self.toasts,
            lang,
            unit,
            user: &user,
            today,
            jobs: &self.jobs,
        };
        let screens = &mut self.screens;
        let action = match self.view {
            View::Data => {
                let section = &mut self.section;
                egui::Panel::left("data-sections")
                    .resizable(false)
                    .default_size(190.0)
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        for (s, label) in [
                            (DataSection::General, t.section_general),
                            (DataSection::Programs, t.section_programs),
                            (DataSection::Areas, t.section_areas),
                            (DataSection::Allocations, t.section_allocations),
                            (DataSection::Indicators, t.section_indicators),
                            (DataSection::Round, t.section_round),
                        ] {
                            if ui.selectable_label(*section == s, label).clicked() {
                                *section = s;
                            }
                        }
                    });
                show(ui, screens.section(*section), &mut ctx)
            }
            View::Charts => show(ui, &mut screens.charts, &mut ctx),
            View::Drafting => show(ui, &mut screens.drafting, &mut ctx),
            View::FollowUp => show(ui, &mut screens.follow_up, &mut ctx),
            View::Print => show(ui, &mut screens.print, &mut ctx),
        };
        if self.screens.charts.kind != chart_kind {
            self.settings.chart_view = Some(self.screens.charts.kind.code().to_string());
            self.save_settings();
        }
        if let Some(action) = action {
            self.act(ui.ctx(), action);
        }
    }

    /// Does what a screen asked for.
    fn act(&mut self, ctx: &egui::Context, action: Action) {
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
        }
    }

    fn modals(&mut self, ctx: &egui::Context) {
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
                                let _ = std::fs::remove_file(&item.path);
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
                    .filter(|s| s.is_unreachable())
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
        }
        if close || then.is_some() {
            self.modal = None;
        }
        if let Some(then) = then {
            self.run_then(ctx, then);
        }
    }

    fn palette_ui(&mut self, ctx: &egui::Context) {
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

    /// Shows a record where it is edited.
    fn open_record(&mut self, key: crate::model::RecordKey) {
        use crate::model::RecordKey as K;
        let d = self.session.as_ref().map(|s| s.dossier_arc());
        match key {
            K::Conclusion(id) => {
                if let Some(c) = d
                    .as_ref()
                    .and_then(|d| d.conclusions.iter().find(|c| c.id == id))
                {
                    self.screens.drafting.select_round(c.round_id);
                }
                self.view = View::Drafting;
            }
            K::Recommendation(id) => {
                self.screens.follow_up.select(id);
                self.view = View::FollowUp;
            }
            K::Allocation(id) => {
                if let Some(a) = d
                    .as_ref()
                    .and_then(|d| d.allocations.iter().find(|a| a.id == id))
                {
                    self.screens.allocations.focus(a.area_id, id);
                }
                self.view = View::Data;
                self.section = DataSection::Allocations;
            }
            K::Area(_) => {
                self.view = View::Data;
                self.section = DataSection::Areas;
            }
            K::Round(_) => {
                self.view = View::Data;
                self.section = DataSection::Round;
            }
            _ => {
                self.view = View::Data;
                self.section = DataSection::General;
            }
        }
    }

    fn search_ui(&mut self, ctx: &egui::Context) {
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

    fn file_dialogs(&mut self, ctx: &egui::Context) {
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
                        self.start_attachment_copy(a, path, false);
                    }
                }
            }
        } else if !self.dialogs.is_open() && self.after_save.is_some() && self.task.is_none() {
            // The user cancelled the Save As they were asked for: nothing else happens.
            if self
                .session
                .as_ref()
                .is_some_and(|s| s.user_path().is_none())
            {
                self.after_save = None;
            }
        }
    }

    fn task_overlay(&mut self, ctx: &egui::Context) {
        if let Some(task) = &self.task {
            egui::Modal::new(egui::Id::unique("task")).show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(&task.label);
                });
            });
        }
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
        if self.quit_when_written {
            match &self.session {
                // Writing failed: the quit is off; the banner and the question on the next
                // quit offer Save As.
                Some(s) if s.is_unreachable() => self.quit_when_written = false,
                Some(s) if s.unwritten() > 0 => {}
                _ => {
                    self.quit_when_written = false;
                    self.run_then(ctx, Then::Quit);
                }
            }
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
        self.handle_dropped_files(&ctx);
        if self.modal.is_none() && self.palette.is_none() && !self.dialogs.is_open() {
            self.handle_shortcuts(&ctx);
        }
        self.handle_close_request(&ctx);

        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_bar(ui));
        egui::Panel::top("view-tabs").show(ui, |ui| {
            self.view_tabs(ui);
            self.read_only_banner(ui);
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

        self.modals(&ctx);
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

/// A screen that fills the window's centre.
fn show(ui: &mut egui::Ui, screen: &mut dyn Screen, ctx: &mut Ctx<'_>) -> Option<Action> {
    egui::CentralPanel::default()
        .show(ui, |ui| screen.ui(ui, ctx))
        .inner
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
            hits: None,
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
