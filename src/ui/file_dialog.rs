//! Choosing files. The system dialog (rfd) runs on its own thread so the window keeps drawing.
//! On Linux without a desktop portal or zenity, rfd returns at once as if the user had pressed
//! Cancel; GiamSat notices the instant "cancel" and shows its own dialog instead, so Open and
//! Save always work.

use super::jobs::{Job, Jobs};
use crate::i18n::{Texts, fill};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A "cancel" faster than this cannot have come from a person: no dialog was shown.
const NO_DIALOG_SHOWN: Duration = Duration::from_millis(250);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    /// A backup copy, to open as an untitled project.
    RestoreBackup,
    SaveAs,
    ImportJson,
    /// A district's report (Excel or CSV) for the import wizard.
    ImportTable,
    /// A table of former units and their successors (Excel or CSV).
    ImportSuccessions,
    ExportJson,
    /// The project's tables as an Excel workbook.
    ExportXlsx,
    ExportSvg,
    ExportPng,
    ExportPdf,
    ExportDocx,
    /// A file of any kind to attach as evidence.
    Attach,
    /// A copy of an attached file, under a name of the user's choice.
    SaveAttachment,
}

/// The "extension" of dialogs that take a file of any kind.
pub const ANY: &str = "*";

impl Purpose {
    pub fn is_save(self) -> bool {
        !matches!(
            self,
            Purpose::Open
                | Purpose::ImportJson
                | Purpose::ImportTable
                | Purpose::ImportSuccessions
                | Purpose::RestoreBackup
                | Purpose::Attach
        )
    }

    /// The file name extensions shown; the first is added to a name typed without one.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Purpose::ImportTable | Purpose::ImportSuccessions => &["xlsx", "xls", "ods", "csv"],
            Purpose::Open | Purpose::SaveAs | Purpose::RestoreBackup => &[crate::store::EXTENSION],
            Purpose::ImportJson | Purpose::ExportJson => &["json"],
            Purpose::ExportSvg => &["svg"],
            Purpose::ExportXlsx => &["xlsx"],
            Purpose::ExportPng => &["png"],
            Purpose::ExportPdf => &["pdf"],
            Purpose::ExportDocx => &["docx"],
            Purpose::Attach | Purpose::SaveAttachment => &[ANY],
        }
    }

    pub fn extension(self) -> &'static str {
        self.extensions()[0]
    }

    fn filter_name(self, t: &Texts) -> &'static str {
        match self {
            Purpose::Open | Purpose::SaveAs | Purpose::RestoreBackup => t.filter_project,
            Purpose::ImportJson | Purpose::ExportJson => t.filter_json,
            Purpose::ImportTable | Purpose::ImportSuccessions => t.filter_table,
            Purpose::ExportSvg => t.filter_svg,
            Purpose::ExportXlsx => t.filter_xlsx,
            Purpose::ExportPng => t.filter_png,
            Purpose::ExportPdf => t.filter_pdf,
            Purpose::ExportDocx => t.filter_docx,
            Purpose::Attach | Purpose::SaveAttachment => t.filter_any,
        }
    }

    fn title(self, t: &Texts) -> &'static str {
        match self {
            Purpose::Open => t.fd_open_title,
            Purpose::RestoreBackup => t.cmd_restore_backup,
            Purpose::SaveAs => t.fd_save_title,
            Purpose::ImportJson => t.cmd_import_json,
            Purpose::ImportTable => t.cmd_import_table,
            Purpose::ImportSuccessions => t.cmd_import_successions,
            Purpose::ExportJson => t.cmd_export_json,
            Purpose::ExportSvg => t.chart_export_svg,
            Purpose::ExportXlsx => t.cmd_export_table,
            Purpose::ExportPng => t.chart_export_png,
            Purpose::ExportPdf => t.save_pdf,
            Purpose::ExportDocx => t.save_word,
            Purpose::Attach => t.fu_attach,
            Purpose::SaveAttachment => t.fu_save_copy,
        }
    }
}

/// What the system's file dialog is asked.
#[derive(Clone, Debug)]
pub struct DialogRequest {
    pub purpose: Purpose,
    pub title: String,
    pub filter_name: String,
    pub start_dir: Option<PathBuf>,
    pub file_name: String,
}

/// The system's file dialogs; tests put in one that behaves like a machine without a portal.
pub trait NativeDialogs: Send + Sync {
    fn pick(&self, request: &DialogRequest) -> Option<PathBuf>;
}

/// rfd: the desktop portal or zenity on Linux, the common dialogs on Windows.
pub struct RfdDialogs;

impl NativeDialogs for RfdDialogs {
    fn pick(&self, r: &DialogRequest) -> Option<PathBuf> {
        let mut d = rfd::FileDialog::new().set_title(&r.title);
        if r.purpose.extensions() != [ANY] {
            d = d.add_filter(&r.filter_name, r.purpose.extensions());
        }
        if let Some(dir) = &r.start_dir {
            d = d.set_directory(dir);
        }
        if r.purpose.is_save() {
            d.set_file_name(&r.file_name).save_file()
        } else {
            d.pick_file()
        }
    }
}

pub struct Picked {
    pub purpose: Purpose,
    pub path: PathBuf,
}

struct Waiting {
    purpose: Purpose,
    request: DialogRequest,
    job: Job<(Option<PathBuf>, Duration)>,
}

pub struct Dialogs {
    native: Option<Arc<dyn NativeDialogs>>,
    waiting: Option<Waiting>,
    builtin: Option<BuiltinDialog>,
    /// The purpose of the last dialog closed without a choice, until taken.
    cancelled: Option<Purpose>,
}

fn home_dir() -> PathBuf {
    directories::UserDirs::new()
        .map(|u| u.home_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("."))
}

impl Dialogs {
    /// `native: None` always uses GiamSat's own dialog.
    pub fn new(native: Option<Arc<dyn NativeDialogs>>) -> Dialogs {
        Dialogs {
            native,
            waiting: None,
            builtin: None,
            cancelled: None,
        }
    }

    pub fn is_open(&self) -> bool {
        self.waiting.is_some() || self.builtin.is_some()
    }

    /// What the dialog the user just closed without choosing a file was for, once.
    pub fn take_cancelled(&mut self) -> Option<Purpose> {
        self.cancelled.take()
    }

    pub fn request(
        &mut self,
        ctx: &egui::Context,
        purpose: Purpose,
        start_dir: Option<PathBuf>,
        file_name: String,
        t: &Texts,
    ) {
        self.cancelled = None;
        let request = DialogRequest {
            purpose,
            title: purpose.title(t).to_string(),
            filter_name: purpose.filter_name(t).to_string(),
            start_dir,
            file_name,
        };
        match &self.native {
            Some(native) => {
                let native = Arc::clone(native);
                let r = request.clone();
                let job = Jobs::new(ctx).start("file-dialog", move || {
                    let started = Instant::now();
                    let picked = native.pick(&r);
                    (picked, started.elapsed())
                });
                self.waiting = Some(Waiting {
                    purpose,
                    request,
                    job,
                });
            }
            None => self.builtin = Some(BuiltinDialog::new(request)),
        }
    }

    /// Shows what is open; returns the file chosen, once.
    pub fn ui(&mut self, ctx: &egui::Context, t: &Texts) -> Option<Picked> {
        if let Some(w) = &self.waiting {
            match w.job.poll() {
                Some(Ok((Some(path), _))) => {
                    let purpose = w.purpose;
                    self.waiting = None;
                    return Some(Picked { purpose, path });
                }
                Some(Ok((None, elapsed))) => {
                    let request = w.request.clone();
                    self.waiting = None;
                    if elapsed < NO_DIALOG_SHOWN {
                        // No dialog appeared: use ours from now on.
                        self.native = None;
                        self.builtin = Some(BuiltinDialog::new(request));
                    } else {
                        self.cancelled = Some(request.purpose);
                    }
                }
                None => {}
                // The system's dialog crashed: nothing was chosen.
                Some(Err(_)) => {
                    self.cancelled = Some(w.purpose);
                    self.waiting = None;
                }
            }
        }
        let dialog = self.builtin.as_mut()?;
        match dialog.ui(ctx, t) {
            BuiltinOutcome::Open => None,
            BuiltinOutcome::Cancelled => {
                self.cancelled = Some(dialog.request.purpose);
                self.builtin = None;
                None
            }
            BuiltinOutcome::Chosen(path) => {
                let purpose = dialog.request.purpose;
                self.builtin = None;
                Some(Picked { purpose, path })
            }
        }
    }
}

struct Entry {
    name: String,
    is_dir: bool,
}

struct BuiltinDialog {
    request: DialogRequest,
    dir: PathBuf,
    entries: Vec<Entry>,
    error: Option<String>,
    file_name: String,
}

enum BuiltinOutcome {
    Open,
    Cancelled,
    Chosen(PathBuf),
}

impl BuiltinDialog {
    fn new(request: DialogRequest) -> BuiltinDialog {
        let dir = request
            .start_dir
            .clone()
            .filter(|d| d.is_dir())
            .unwrap_or_else(home_dir);
        let mut d = BuiltinDialog {
            file_name: request.file_name.clone(),
            request,
            dir: PathBuf::new(),
            entries: Vec::new(),
            error: None,
        };
        d.enter(dir);
        d
    }

    /// Reads a folder once, when entering it (not every frame).
    fn enter(&mut self, dir: PathBuf) {
        let exts = self.request.purpose.extensions();
        match std::fs::read_dir(&dir) {
            Ok(rd) => {
                let mut entries: Vec<Entry> = rd
                    .filter_map(Result::ok)
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        if name.starts_with('.') {
                            return None;
                        }
                        let is_dir = e.path().is_dir();
                        let matches = exts == [ANY]
                            || Path::new(&name)
                                .extension()
                                .is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e)));
                        (is_dir || matches).then_some(Entry { name, is_dir })
                    })
                    .collect();
                entries.sort_by(|a, b| {
                    b.is_dir
                        .cmp(&a.is_dir)
                        .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                });
                self.entries = entries;
                self.error = None;
                self.dir = dir;
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn target(&self) -> Option<PathBuf> {
        let name = self.file_name.trim();
        if name.is_empty() {
            return None;
        }
        let mut path = if Path::new(name).is_absolute() {
            PathBuf::from(name)
        } else {
            self.dir.join(name)
        };
        let ext = self.request.purpose.extension();
        if self.request.purpose.is_save()
            && ext != ANY
            && !path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case(ext))
        {
            let mut s = path.into_os_string();
            s.push(format!(".{ext}"));
            path = PathBuf::from(s);
        }
        Some(path)
    }

    fn ui(&mut self, ctx: &egui::Context, t: &Texts) -> BuiltinOutcome {
        let mut outcome = BuiltinOutcome::Open;
        let mut go_to: Option<PathBuf> = None;
        let modal = egui::Modal::new(egui::Id::unique("builtin-file-dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&self.request.title);
            ui.horizontal(|ui| {
                ui.label(format!("{}:", t.fd_folder));
                ui.add(egui::Label::new(self.dir.display().to_string()).truncate());
            });
            ui.horizontal(|ui| {
                if ui.button(format!("⬆ {}", t.fd_up)).clicked()
                    && let Some(p) = self.dir.parent()
                {
                    go_to = Some(p.to_path_buf());
                }
                if ui.button(t.fd_home).clicked() {
                    go_to = Some(home_dir());
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(280.0)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if let Some(e) = &self.error {
                        ui.colored_label(
                            ui.visuals().error_fg_color,
                            fill(t.fd_cannot_read, &[("error", e)]),
                        );
                    }
                    if self.entries.is_empty() {
                        ui.weak(t.fd_empty);
                    }
                    for entry in &self.entries {
                        let label = if entry.is_dir {
                            format!("▸ {}/", entry.name)
                        } else {
                            entry.name.clone()
                        };
                        let selected = !entry.is_dir && self.file_name == entry.name;
                        let r = ui.selectable_label(selected, label);
                        if r.clicked() {
                            if entry.is_dir {
                                go_to = Some(self.dir.join(&entry.name));
                            } else {
                                self.file_name = entry.name.clone();
                            }
                        }
                        if r.double_clicked() && !entry.is_dir {
                            outcome = BuiltinOutcome::Chosen(self.dir.join(&entry.name));
                        }
                    }
                });
            ui.separator();
            let name_label = ui.label(t.fd_file_name);
            let r = ui
                .add(egui::TextEdit::singleline(&mut self.file_name).desired_width(f32::INFINITY));
            let r = r.labelled_by(name_label.id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let target = self.target();
            if self.request.purpose.is_save() && target.as_ref().is_some_and(|p| p.is_file()) {
                ui.colored_label(ui.visuals().warn_fg_color, t.fd_overwrite);
            }
            ui.horizontal(|ui| {
                let accept = if self.request.purpose.is_save() {
                    t.fd_save
                } else {
                    t.fd_open
                };
                let ok = ui
                    .add_enabled(target.is_some(), egui::Button::new(accept))
                    .clicked();
                if ui.button(t.cancel).clicked() {
                    outcome = BuiltinOutcome::Cancelled;
                }
                if (ok || enter)
                    && let Some(p) = target
                {
                    if p.is_dir() {
                        go_to = Some(p);
                        self.file_name.clear();
                    } else if self.request.purpose.is_save() || p.is_file() {
                        outcome = BuiltinOutcome::Chosen(p);
                    }
                }
            });
        });
        if modal.should_close() && matches!(outcome, BuiltinOutcome::Open) {
            outcome = BuiltinOutcome::Cancelled;
        }
        if let Some(dir) = go_to {
            self.enter(dir);
        }
        outcome
    }
}
