//! An open project as the app works on it: the file, its dossier in memory, who may write,
//! and the undo history. Every change is checked against the model, shown at once and handed
//! to the file's writer thread, which writes it in one transaction, in order
//! ([`writer`]). The window never waits for the disk; what it shows and the file may differ
//! by the changes still queued, which the status bar counts, closing and Save As write
//! first, and a failed write keeps (see [`ReadOnlyReason::Unreachable`]).
//! Knows nothing of egui.

mod change;
mod memo;
mod texts;
mod writer;

pub use change::{Change, ChangeLabel};
use change::{Direction, UndoStack};
pub use memo::Memo;
pub use texts::now;

pub use writer::Waker;

use crate::i18n::{Lang, fill};
use crate::lock::{FileLock, LockError};
use crate::model::*;
use crate::store::{Access, OpenError, OpenErrorKind, ProjectFile, StoreError, Upgraded};
use std::collections::{HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the project lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file the user chose.
    File(PathBuf),
    /// Not yet saved by the user: kept in an autosave file in the app's data folder.
    Untitled { autosave: PathBuf },
}

/// Why the project cannot be changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another GiamSat has the file open for editing; who, when known.
    InUse(Option<String>),
    /// No lock file can be written beside the file (read-only folder or medium).
    CannotLock,
    /// The file itself is marked read-only, or the system will not let it be written.
    FileReadOnly,
    /// Writing the file failed (a network share or USB stick gone, the disk full, the file made
    /// read-only): the file holds every change before the one that failed; that one and any
    /// made after it are kept in the session, shown in the window, and written by
    /// [`Session::reconnect`] or Save As. The text is the system's error.
    Unreachable(String),
    /// Writing the file failed for another reason (the file held by another program past the
    /// wait, or refused by SQLite): as for `Unreachable`, the file holds every change before
    /// the one that failed, the rest is kept, and Retry or Save As writes it.
    WriteFailed(String),
    /// After the file was unreachable, it came back holding something else: it was changed
    /// elsewhere meanwhile. What the window shows can be kept with Save As.
    ChangedElsewhere,
}

/// Which document, at which revision: the key of every cache of what a session shows. Each
/// session has an identity of its own, so a cache keyed by a stamp cannot serve one project's
/// content for another's, even when both are at revision 0 (every opened project starts
/// there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub document: u64,
    pub revision: u64,
}

/// A new document identity, never handed out before in this process.
fn next_document_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Why a change was not made. Nothing was written.
#[derive(Debug)]
pub enum ChangeError {
    ReadOnly,
    Rule(crate::model::rules::RuleViolation),
    Invalid(Vec<Problem>),
    Conflict(EditConflict),
    Store(StoreError),
}

impl ChangeError {
    pub fn message(&self, lang: Lang) -> String {
        match self {
            ChangeError::ReadOnly => lang.texts().error_read_only.to_string(),
            ChangeError::Rule(r) => r.message(lang),
            ChangeError::Invalid(p) => p
                .iter()
                .take(3)
                .map(|p| format!("{}: {}", p.path, p.message(lang)))
                .collect::<Vec<_>>()
                .join("; "),
            ChangeError::Conflict(c) => c.to_string(),
            ChangeError::Store(e) => e.message(lang),
        }
    }
}

/// Why Save As failed. The project stays open where it was.
#[derive(Debug)]
pub enum SaveError {
    InUse(Option<String>),
    /// Save As onto the file that is open read-only or unreachable.
    SameFile,
    Store(StoreError),
    /// Saving stopped on an error nobody foresaw (a bug); what it said. The project stays open
    /// where it was.
    Unexpected(String),
}

impl SaveError {
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            SaveError::InUse(h) => fill(
                t.error_file_in_use,
                &[("holder", h.as_deref().unwrap_or(t.holder_unknown))],
            ),
            SaveError::SameFile => t.error_save_same_file.to_string(),
            SaveError::Unexpected(detail) => fill(t.error_save_unexpected, &[("detail", detail)]),
            SaveError::Store(e) => e.message(lang),
        }
    }
}

/// Reopening an unreachable project file, away from the window, and writing the changes that
/// could not be written.
pub struct ReconnectJob {
    path: PathBuf,
    old_lock: Option<FileLock>,
    /// The changes not yet in the file, oldest first, with the staged bytes of the files they
    /// attach.
    unwritten: Vec<(Arc<Vec<Edit>>, Staged)>,
    /// What the window shows: the file plus the unwritten changes must make exactly this.
    shown: Arc<Dossier>,
}

/// The project file opened again, holding everything the window shows.
pub struct Reopened {
    file: ProjectFile,
    lock: FileLock,
}

impl ReconnectJob {
    pub fn run(self) -> Result<Reopened, ReconnectError> {
        // The old lock lived on the file system that went away; someone may have taken the
        // lock since. Let go of it without deleting anything.
        if let Some(old) = self.old_lock {
            old.abandon();
        }
        let lock = match FileLock::acquire(&self.path) {
            Ok(l) => l,
            Err(LockError::HeldElsewhere(h)) => return Err(ReconnectError::InUse(h)),
            Err(LockError::Io(e)) => {
                return Err(ReconnectError::Open(OpenError::new(
                    &self.path,
                    OpenErrorKind::Io(e),
                )));
            }
        };
        let (mut file, mut dossier) = ProjectFile::open_and_load(&self.path, Access::ReadWrite)
            .map_err(ReconnectError::Open)?;
        // The file must hold what it held when writing stopped: the unwritten changes, made on
        // top of that, then give what the window shows. Anything else means it was changed
        // elsewhere meanwhile, and it is not written over.
        for (edits, _) in &self.unwritten {
            for e in edits.iter() {
                dossier
                    .apply_edit(e)
                    .map_err(|_| ReconnectError::ChangedOnDisk)?;
            }
        }
        if dossier != *self.shown {
            return Err(ReconnectError::ChangedOnDisk);
        }
        // All in one transaction: a Retry that fails again leaves the file as it was, and the
        // next one starts from the same place.
        let all: Vec<Edit> = self
            .unwritten
            .iter()
            .flat_map(|(edits, _)| edits.iter().cloned())
            .collect();
        let contents: Vec<(AttachmentId, PathBuf)> = self
            .unwritten
            .iter()
            .flat_map(|(_, c)| c.iter().cloned())
            .collect();
        file.apply_edits_with(&all, &crate::store::attachments::Files(&contents))
            .map_err(ReconnectError::Write)?;
        Ok(Reopened { file, lock })
    }
}

/// Why writing could not resume after the file was unreachable.
#[derive(Debug)]
pub enum ReconnectError {
    /// The file still cannot be opened.
    Open(OpenError),
    /// Someone else opened it for editing meanwhile.
    InUse(Option<String>),
    /// The file no longer holds what the window shows: it was changed elsewhere.
    ChangedOnDisk,
    /// The file opened, but the changes waiting for it could still not be written.
    Write(StoreError),
}

impl ReconnectError {
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.texts();
        match self {
            ReconnectError::Open(e) => e.message(lang),
            ReconnectError::InUse(h) => fill(
                t.error_project_in_use,
                &[("holder", h.as_deref().unwrap_or(t.holder_unknown))],
            ),
            ReconnectError::ChangedOnDisk => t.error_changed_on_disk.to_string(),
            ReconnectError::Write(e) => e.message(lang),
        }
    }
}

/// Where the session's changes go.
enum Store {
    /// A writable file, owned by its writer thread.
    Writing(writer::Writer),
    /// A file open read-only, or one whose writer stopped on a failure.
    Idle(ProjectFile),
    /// The writer thread died with the file (a bug); Save As still writes what is shown.
    Lost,
}

/// A change made but not yet known to be in the file.
/// The staged copies of the files a change attaches, by attachment.
type Staged = Arc<Vec<(AttachmentId, PathBuf)>>;

struct Unwritten {
    seq: u64,
    edits: Arc<Vec<Edit>>,
    contents: Staged,
}

impl Unwritten {
    /// The change is in the file: the staged copies of the files it attached can go.
    fn written(self) {
        for (_, staged) in self.contents.iter() {
            let _ = std::fs::remove_file(staged);
        }
    }
}

/// An open project.
pub struct Session {
    store: Store,
    /// The project file's path (the autosave file for an untitled project).
    path: PathBuf,
    upgraded: Option<Upgraded>,
    /// Shared with the screens, which keep it for a frame without copying it.
    dossier: Arc<Dossier>,
    origin: Origin,
    read_only: Option<ReadOnlyReason>,
    _lock: Option<FileLock>,
    undo: UndoStack,
    document: u64,
    revision: u64,
    issued_ids: HashMap<Table, i64>,
    changed: bool,
    /// Oldest first; each goes once the writer reports it written.
    unwritten: VecDeque<Unwritten>,
    /// The number the last change was sent with.
    last_seq: u64,
    waker: Option<Waker>,
    /// Attached files a Save As from the window could not bring along (their bytes were in a
    /// file that could no longer be read); taken by the app to tell the user.
    left_out: Vec<Attachment>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("origin", &self.origin)
            .finish()
    }
}

/// An untitled project left behind by a run that ended without closing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recoverable {
    pub path: PathBuf,
    pub name: String,
    pub modified: Option<chrono::DateTime<chrono::Local>>,
}

fn autosave_name() -> String {
    format!(
        "chua-dat-ten-{}-{}.giamsat",
        chrono::Local::now().format("%Y%m%d-%H%M%S"),
        std::process::id()
    )
}

impl Session {
    /// Opens a project file. When another GiamSat has it open for editing, it opens read-only.
    pub fn open(path: &Path) -> Result<Session, OpenError> {
        // A file marked read-only (its Read-only attribute on Windows, no write permission on
        // Unix) is opened for reading: every edit would fail otherwise.
        let marked_read_only = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
        let (mut lock, mut read_only) = if marked_read_only {
            (None, Some(ReadOnlyReason::FileReadOnly))
        } else {
            match FileLock::acquire(path) {
                Ok(lock) => (Some(lock), None),
                Err(LockError::HeldElsewhere(holder)) => {
                    (None, Some(ReadOnlyReason::InUse(holder)))
                }
                Err(LockError::Io(_)) => (None, Some(ReadOnlyReason::CannotLock)),
            }
        };
        let access = if read_only.is_some() {
            Access::ReadOnly
        } else {
            Access::ReadWrite
        };
        let (file, dossier) = ProjectFile::open_and_load(path, access)?;
        if read_only.is_none() && file.is_read_only() {
            // The system would not let SQLite write it (a read-only medium, an ACL).
            read_only = Some(ReadOnlyReason::FileReadOnly);
            lock = None;
        }
        Ok(Session::assemble(
            file,
            dossier,
            Origin::File(path.to_path_buf()),
            read_only,
            lock,
            false,
        ))
    }

    /// A session on an opened file: written by a writer thread unless read-only.
    fn assemble(
        file: ProjectFile,
        dossier: Dossier,
        origin: Origin,
        read_only: Option<ReadOnlyReason>,
        lock: Option<FileLock>,
        changed: bool,
    ) -> Session {
        // Ids the file gave out before, deleted records' included, are not given again.
        let issued_ids = file.issued_ids().unwrap_or_default();
        let path = file.path().to_path_buf();
        let upgraded = file.upgraded().cloned();
        let store = if read_only.is_some() {
            Store::Idle(file)
        } else {
            Store::Writing(writer::Writer::start(file, None, 0))
        };
        Session {
            store,
            path,
            upgraded,
            dossier: Arc::new(dossier),
            origin,
            read_only,
            _lock: lock,
            undo: UndoStack::default(),
            document: next_document_id(),
            revision: 0,
            issued_ids,
            changed,
            unwritten: VecDeque::new(),
            last_seq: 0,
            left_out: Vec::new(),
            waker: None,
        }
    }

    /// Starts an untitled project holding `dossier`, autosaved in `autosave_dir`.
    pub fn create_untitled(autosave_dir: &Path, dossier: &Dossier) -> Result<Session, StoreError> {
        Self::create_untitled_with(autosave_dir, dossier, &crate::store::NoContent)
    }

    /// As [`Session::create_untitled`], the attachments' bytes taken from `content` (a JSON
    /// file's, a backup copy's).
    pub fn create_untitled_with(
        autosave_dir: &Path,
        dossier: &Dossier,
        content: &dyn crate::store::ContentSource,
    ) -> Result<Session, StoreError> {
        std::fs::create_dir_all(autosave_dir)
            .map_err(|e| StoreError::Io(e, autosave_dir.to_path_buf()))?;
        let path = crate::fsutil::free_name_beside(&autosave_dir.join(autosave_name()), "");
        let lock = FileLock::acquire(&path).map_err(|e| match e {
            LockError::Io(e) => StoreError::Io(e, path.clone()),
            LockError::HeldElsewhere(_) => StoreError::AlreadyExists(path.clone()),
        })?;
        let file = ProjectFile::create_with_content(&path, dossier, content)?;
        let dossier = file.load()?;
        Ok(Session::assemble(
            file,
            dossier,
            Origin::Untitled { autosave: path },
            None,
            Some(lock),
            false,
        ))
    }

    /// Reopens an untitled project left behind by a crash.
    pub fn recover(autosave: &Path) -> Result<Session, OpenError> {
        let lock = FileLock::acquire(autosave)
            .map_err(|_| OpenError::new(autosave, OpenErrorKind::Locked))?;
        let (file, dossier) = ProjectFile::open_and_load(autosave, Access::ReadWrite)?;
        Ok(Session::assemble(
            file,
            dossier,
            Origin::Untitled {
                autosave: autosave.to_path_buf(),
            },
            None,
            Some(lock),
            true,
        ))
    }

    /// Called from the writer thread after each write (the app asks for a repaint).
    pub fn set_waker(&mut self, waker: Waker) {
        if let Store::Writing(w) = &self.store {
            w.set_waker(Arc::clone(&waker));
        }
        self.waker = Some(waker);
    }

    pub fn has_waker(&self) -> bool {
        self.waker.is_some()
    }

    /// Hands an idle file to a new writer thread.
    fn resume_writing(&mut self) {
        match std::mem::replace(&mut self.store, Store::Lost) {
            Store::Idle(file) => {
                // Everything before is written or was written elsewhere (Save As, Retry).
                self.store = Store::Writing(writer::Writer::start(
                    file,
                    self.waker.clone(),
                    self.last_seq,
                ));
            }
            Store::Lost if self.read_only.is_none() => {
                // Nothing to write to: say so instead of refusing every change unexplained.
                self.read_only = Some(ReadOnlyReason::Unreachable(
                    "tệp không còn mở được để ghi".into(),
                ));
            }
            other => self.store = other,
        }
    }

    fn note_written(&mut self, written: u64) {
        while self.unwritten.front().is_some_and(|u| u.seq <= written) {
            if let Some(u) = self.unwritten.pop_front() {
                u.written();
            }
        }
    }

    /// The writer stopped at change `seq`: what came before it is in the file, it and what
    /// followed stay queued, and the session stops taking changes until the file is back.
    fn writing_failed(&mut self, seq: u64, e: &StoreError) {
        self.note_written(seq.saturating_sub(1));
        if let Store::Writing(w) = std::mem::replace(&mut self.store, Store::Lost) {
            self.store = match w.finish() {
                Some(f) => Store::Idle(f),
                None => Store::Lost,
            };
        }
        self.read_only = Some(if e.is_file_unreachable() {
            ReadOnlyReason::Unreachable(e.to_string())
        } else {
            ReadOnlyReason::WriteFailed(e.to_string())
        });
    }

    /// Takes in what the writer did since last asked; the failure that stopped it, once.
    /// The app calls it every frame; it never waits.
    pub fn poll_writes(&mut self) -> Option<StoreError> {
        let Store::Writing(w) = &self.store else {
            return None;
        };
        let (written, failed) = w.progress();
        self.note_written(written);
        let (seq, e) = failed?;
        self.writing_failed(seq, &e);
        Some(e)
    }

    /// How many changes are shown but not yet known to be in the file (as of the last
    /// [`Session::poll_writes`]).
    pub fn unwritten(&self) -> usize {
        self.unwritten.len()
    }

    /// Waits until every change made so far is in the file. `Err` when one could not be
    /// written: the failure itself if it happened since last asked, else `ReadOnly`.
    pub fn flush(&mut self) -> Result<(), ChangeError> {
        if let Store::Writing(w) = &self.store {
            w.wait_for(self.last_seq);
        }
        if let Some(e) = self.poll_writes() {
            return Err(ChangeError::Store(e));
        }
        if self.unwritten.is_empty() {
            Ok(())
        } else {
            Err(ChangeError::ReadOnly)
        }
    }

    pub fn dossier(&self) -> &Dossier {
        &self.dossier
    }

    /// The dossier as a shared handle: cheap to keep while the session changes.
    pub fn dossier_arc(&self) -> Arc<Dossier> {
        Arc::clone(&self.dossier)
    }

    pub fn origin(&self) -> &Origin {
        &self.origin
    }

    /// The project file's path (the autosave file for an untitled project).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The user's file, if the project has one.
    pub fn user_path(&self) -> Option<&Path> {
        match &self.origin {
            Origin::File(p) => Some(p),
            Origin::Untitled { .. } => None,
        }
    }

    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// This document as it is now: changes with every change, undo and redo, and differs
    /// between any two sessions. Caches key on it.
    pub fn stamp(&self) -> Stamp {
        Stamp {
            document: self.document,
            revision: self.revision,
        }
    }

    /// Whether anything was changed since the project was created or opened (an untitled
    /// project that was never changed can be closed without asking).
    pub fn has_changes(&self) -> bool {
        self.changed
    }

    pub fn upgraded(&self) -> Option<&Upgraded> {
        self.upgraded.as_ref()
    }

    /// Attached files the last Save As left out, taken (see the field).
    pub fn take_left_out(&mut self) -> Vec<Attachment> {
        std::mem::take(&mut self.left_out)
    }

    /// A fresh id for a new record of `table`, never handed out before in this file.
    pub fn new_id(&mut self, table: Table) -> i64 {
        let from_data = self.dossier.next_id(table);
        let issued = self.issued_ids.entry(table).or_insert(0);
        *issued = issued.saturating_add(1).max(from_data);
        *issued
    }

    fn commit(
        &mut self,
        change: &Change,
        contents: Vec<(AttachmentId, PathBuf)>,
    ) -> Result<(), ChangeError> {
        // A write that failed since the last frame stops this change too.
        if let Some(e) = self.poll_writes() {
            return Err(ChangeError::Store(e));
        }
        if self.read_only.is_some() {
            return Err(ChangeError::ReadOnly);
        }
        let mut next = Dossier::clone(&self.dossier);
        let mut edits = change.edits.clone();
        for e in &mut edits {
            if let (Some(key), Some(after)) = (e.key(), e.after.take()) {
                // Text is stored in NFC whatever the keyboard or clipboard produced.
                let mut one = Dossier::new("");
                one.put(after);
                one.normalize_text();
                e.after = one.record(key);
            }
            crate::model::rules::check_edit(&next, e).map_err(ChangeError::Rule)?;
            next.apply_edit(e).map_err(ChangeError::Conflict)?;
        }
        let problems = next.validate_edits(&edits);
        if !problems.is_empty() {
            return Err(ChangeError::Invalid(problems));
        }
        let Store::Writing(w) = &self.store else {
            return Err(ChangeError::ReadOnly);
        };
        self.last_seq += 1;
        let edits = Arc::new(edits);
        let contents = Arc::new(contents);
        w.send(writer::Job {
            seq: self.last_seq,
            edits: Arc::clone(&edits),
            contents: Arc::clone(&contents),
        });
        self.unwritten.push_back(Unwritten {
            seq: self.last_seq,
            edits,
            contents,
        });
        self.dossier = Arc::new(next);
        self.revision += 1;
        self.changed = true;
        Ok(())
    }

    /// Makes a change: checked, written in one transaction, then recorded for undo.
    pub fn apply(&mut self, change: Change) -> Result<(), ChangeError> {
        self.apply_with(change, Vec::new())
    }

    /// Attaches a file: `a` describes it, `staged` holds its bytes (a copy made by
    /// [`crate::store::attachments::prepare`], removed once written). Like a history entry,
    /// it is not undone; removing it is a change of its own.
    pub fn attach(
        &mut self,
        label: ChangeLabel,
        a: Attachment,
        staged: PathBuf,
    ) -> Result<(), ChangeError> {
        let id = a.id;
        self.apply_with(
            Change::new(label, vec![Edit::insert(Record::Attachment(a))]),
            vec![(id, staged)],
        )
    }

    fn apply_with(
        &mut self,
        change: Change,
        contents: Vec<(AttachmentId, PathBuf)>,
    ) -> Result<(), ChangeError> {
        if change.edits.iter().all(Edit::is_noop) {
            return Ok(());
        }
        self.commit(&change, contents)?;
        self.undo.record(change);
        Ok(())
    }

    /// Runs `f` on the project file off the UI thread, after every change already made: on the
    /// writer's thread, or (read-only, or after writing failed) on a read-only connection of its
    /// own. The answer arrives on the receiver.
    pub fn run_on_file<T: Send + 'static>(
        &self,
        f: impl FnOnce(&ProjectFile) -> Result<T, StoreError> + Send + 'static,
    ) -> std::sync::mpsc::Receiver<Result<T, StoreError>> {
        let (tx, rx) = std::sync::mpsc::channel();
        match &self.store {
            Store::Writing(w) => w.call(move |file| {
                let _ = tx.send(f(file));
            }),
            _ => {
                let path = self.path.clone();
                let tx2 = tx.clone();
                let spawned = std::thread::Builder::new()
                    .name("giamsat-reader".into())
                    .spawn(move || {
                        let result = ProjectFile::open_read_only(&path)
                            .map_err(|e| StoreError::BadData(e.to_string()))
                            .and_then(|file| f(&file));
                        let _ = tx.send(result);
                    });
                if let Err(e) = spawned {
                    let _ = tx2.send(Err(StoreError::BadData(e.to_string())));
                }
            }
        }
        rx
    }

    /// The staged copies of files attached by changes not yet written.
    pub fn staged_contents(&self) -> Vec<(AttachmentId, PathBuf)> {
        self.unwritten
            .iter()
            .flat_map(|u| u.contents.iter().cloned())
            .collect()
    }

    /// Writes a copy of an attached file to `dest` (see [`Session::run_on_file`]).
    pub fn save_attachment(
        &self,
        a: Attachment,
        dest: PathBuf,
    ) -> std::sync::mpsc::Receiver<Result<(), StoreError>> {
        self.run_on_file(move |f| f.save_attachment(&a, &dest))
    }

    /// Ends the current undo step: the next change starts a new one even in the same field.
    pub fn seal(&mut self) {
        self.undo.seal();
    }

    pub fn undo_label(&self) -> Option<&ChangeLabel> {
        self.undo.undo_label()
    }

    pub fn redo_label(&self) -> Option<&ChangeLabel> {
        self.undo.redo_label()
    }

    /// Undoes the last step; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Result<Option<ChangeLabel>, ChangeError> {
        let Some(change) = self.undo.take(Direction::Undo) else {
            return Ok(None);
        };
        if let Err(e) = self.commit(&change.inverse(), Vec::new()) {
            self.undo.put_back(Direction::Undo, change);
            return Err(e);
        }
        Ok(Some(self.undo.done(Direction::Undo, change)))
    }

    pub fn redo(&mut self) -> Result<Option<ChangeLabel>, ChangeError> {
        let Some(change) = self.undo.take(Direction::Redo) else {
            return Ok(None);
        };
        if let Err(e) = self.commit(&change, Vec::new()) {
            self.undo.put_back(Direction::Redo, change);
            return Err(e);
        }
        Ok(Some(self.undo.done(Direction::Redo, change)))
    }

    /// Copies the project to `dest` and continues there, editable. An untitled project's
    /// autosave file is removed once the copy is safe. Changes still queued are written first;
    /// when the current file cannot be written or read any more (its share or stick is gone),
    /// the copy is written from what the window shows, unwritten changes included. Waits for
    /// the disk: run it off the UI thread.
    pub fn save_as(&mut self, dest: &Path) -> Result<(), SaveError> {
        // A failure found here leaves the session read-only and the copy written from memory.
        let _ = self.flush();
        if self.user_path() == Some(dest) && self.read_only.is_none() {
            return Ok(());
        }
        if dest == self.path && self.read_only.is_some() {
            // Writing over the very file that cannot be written (or is someone else's now)
            // would fail or clobber it: another place is needed.
            return Err(SaveError::SameFile);
        }
        let lock = match FileLock::acquire(dest) {
            Ok(l) => l,
            Err(LockError::HeldElsewhere(h)) => return Err(SaveError::InUse(h)),
            Err(LockError::Io(e)) => {
                return Err(SaveError::Store(StoreError::Io(e, dest.to_path_buf())));
            }
        };
        let mut old = match std::mem::replace(&mut self.store, Store::Lost) {
            Store::Writing(w) => w.finish(),
            Store::Idle(f) => Some(f),
            Store::Lost => None,
        };
        // The file itself is copied when it holds everything shown (its sequence of ids
        // comes along); otherwise what the window shows is written.
        if self.unwritten.is_empty()
            && !self.is_unreachable()
            && let Some(f) = old.as_mut()
        {
            match f.save_as(dest) {
                // `f` is the copy now.
                Ok(()) => {
                    self.continue_at(dest, lock, old);
                    return Ok(());
                }
                Err(e) if e.is_file_unreachable() => {}
                Err(e) => {
                    self.store = old.map_or(Store::Lost, Store::Idle);
                    self.resume_after_failed_save();
                    return Err(SaveError::Store(e));
                }
            }
        }
        // The bytes of attached files: staged copies of those not yet written, the old file's
        // for the others.
        let staged: Vec<(AttachmentId, PathBuf)> = self
            .unwritten
            .iter()
            .flat_map(|u| u.contents.iter().cloned())
            .collect();
        let staged = crate::store::attachments::Files(&staged);
        let old_file: &dyn crate::store::ContentSource = match old.as_ref() {
            Some(f) => f,
            None => &crate::store::NoContent,
        };
        let sources: [&dyn crate::store::ContentSource; 2] = [&staged, old_file];
        let source = crate::store::attachments::FirstOf(&sources);
        match ProjectFile::create_replacing(dest, &self.dossier, &source) {
            Ok((copy, left_out)) => {
                // The old file closes here.
                drop(old);
                if !left_out.is_empty() {
                    // What the copy holds is what the window shows from now on.
                    let mut d = Dossier::clone(&self.dossier);
                    d.attachments
                        .retain(|a| !left_out.iter().any(|x| x.id == a.id));
                    self.dossier = Arc::new(d);
                    self.revision += 1;
                    self.left_out = left_out;
                }
                self.continue_at(dest, lock, Some(copy));
                Ok(())
            }
            Err(e) => {
                self.store = old.map_or(Store::Lost, Store::Idle);
                self.resume_after_failed_save();
                Err(SaveError::Store(e))
            }
        }
    }

    /// Goes on editing `file`, saved as `dest`.
    fn continue_at(&mut self, dest: &Path, lock: FileLock, file: Option<ProjectFile>) {
        if let Origin::Untitled { autosave } = &self.origin {
            let _ = std::fs::remove_file(autosave);
        }
        self.origin = Origin::File(dest.to_path_buf());
        self.path = dest.to_path_buf();
        self.read_only = None;
        self._lock = Some(lock);
        self.unwritten.drain(..).for_each(Unwritten::written);
        self.store = file.map_or(Store::Lost, Store::Idle);
        self.resume_writing();
    }

    /// After a failed Save As the project goes on where it was: writing again if it could.
    fn resume_after_failed_save(&mut self) {
        if self.read_only.is_none() {
            self.resume_writing();
        }
    }

    /// Tests simulate a full disk with it (see `ProjectFile::limit_growth_for_tests`): the
    /// writer applies it before the next change.
    #[doc(hidden)]
    pub fn limit_file_growth_for_tests(&mut self) {
        match &mut self.store {
            Store::Writing(w) => w.call(|f| {
                let _ = f.limit_growth_for_tests();
            }),
            Store::Idle(f) => {
                let _ = f.limit_growth_for_tests();
            }
            Store::Lost => {}
        }
    }

    /// Tests hold the writer with it, as a slow disk would: nothing more is written until the
    /// returned sender is dropped (or sent to).
    #[doc(hidden)]
    pub fn hold_writes_for_tests(&mut self) -> std::sync::mpsc::Sender<()> {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        if let Store::Writing(w) = &self.store {
            w.call(move |_| {
                let _ = rx.recv();
            });
        }
        tx
    }

    /// Whether the last write failed (the file could not be reached, or refused it): Retry
    /// ([`Session::reconnect`]) or Save As resumes.
    pub fn is_unreachable(&self) -> bool {
        matches!(
            self.read_only,
            Some(ReadOnlyReason::Unreachable(_) | ReadOnlyReason::WriteFailed(_))
        )
    }

    /// After a write failed because the file was unreachable: opens the file again and, when it
    /// holds exactly what the window shows, continues editing it. Otherwise the session stays
    /// read-only and says why (still unreachable, in use elsewhere, or changed elsewhere).
    pub fn reconnect(&mut self) -> Result<(), ReconnectError> {
        match self.begin_reconnect() {
            Some(job) => self.finish_reconnect(job.run()).map(|_| ()),
            None => Ok(()),
        }
    }

    /// The slow part of [`Session::reconnect`], to run off the UI thread (a dead network share
    /// can take many seconds to answer). `None` when the file is not unreachable.
    pub fn begin_reconnect(&mut self) -> Option<ReconnectJob> {
        if !self.is_unreachable() {
            return None;
        }
        Some(ReconnectJob {
            path: self.path.clone(),
            // This process's old lock must go before it can be taken again.
            old_lock: self._lock.take(),
            unwritten: self
                .unwritten
                .iter()
                .map(|u| (Arc::clone(&u.edits), Arc::clone(&u.contents)))
                .collect(),
            shown: Arc::clone(&self.dossier),
        })
    }

    /// Takes the result of a [`ReconnectJob`]: continues on the reopened file when it holds
    /// what the window shows (`Ok(true)`); `Ok(false)` when there was nothing to resume (the
    /// job was for a file this session no longer has). A failure leaves the session read-only
    /// for the reason found.
    pub fn finish_reconnect(
        &mut self,
        result: Result<Reopened, ReconnectError>,
    ) -> Result<bool, ReconnectError> {
        if !self.is_unreachable() {
            return Ok(false);
        }
        match result {
            Ok(reopened) if reopened.file.path() != self.path => Ok(false),
            Ok(reopened) => {
                // The reopened file holds every change: the queue is written.
                self.store = Store::Idle(reopened.file);
                self.unwritten.drain(..).for_each(Unwritten::written);
                self._lock = Some(reopened.lock);
                self.read_only = None;
                self.resume_writing();
                Ok(true)
            }
            Err(ReconnectError::ChangedOnDisk) => {
                self.read_only = Some(ReadOnlyReason::ChangedElsewhere);
                Err(ReconnectError::ChangedOnDisk)
            }
            Err(ReconnectError::InUse(holder)) => {
                self.read_only = Some(ReadOnlyReason::InUse(holder.clone()));
                Err(ReconnectError::InUse(holder))
            }
            Err(e) => Err(e),
        }
    }

    /// Closes the project. An untitled project is thrown away (the caller asked the user).
    pub fn close(self) {
        if let Origin::Untitled { autosave } = &self.origin {
            let path = autosave.clone();
            drop(self);
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Untitled projects in `autosave_dir` that no running GiamSat holds: left behind by a crash.
pub fn find_recoverable(autosave_dir: &Path) -> Vec<Recoverable> {
    let Ok(entries) = std::fs::read_dir(autosave_dir) else {
        return Vec::new();
    };
    let mut out: Vec<Recoverable> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == crate::store::EXTENSION))
        .filter_map(|path| {
            // Held by no running GiamSat: take the lock for the look, and open for writing, so
            // that a commit a crash left half done (a hot journal beside the file) is rolled
            // back — a read-only look cannot, and would miss the project.
            let _lock = FileLock::acquire(&path).ok()?;
            let (_, d) = ProjectFile::open_and_load(&path, Access::ReadWrite).ok()?;
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .ok()
                .map(chrono::DateTime::<chrono::Local>::from);
            Some(Recoverable {
                path,
                name: d.info.name,
                modified,
            })
        })
        .collect();
    out.sort_by_key(|r| std::cmp::Reverse(r.modified));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn edit_amount(s: &Session, trieu: i64) -> Change {
        let before = s.dossier().allocations[1].clone();
        let mut after = before.clone();
        after.amount_dong = Amount::Known(Dong::from_trieu(trieu).unwrap());
        Change::update(
            ChangeLabel::edit(|t| t.what_amount, "Hữu Lũng 2023"),
            Record::Allocation(before),
            Record::Allocation(after),
        )
        .merging("alloc-2-amount")
    }

    #[test]
    fn changes_reach_the_file_and_undo_redo() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.giamsat");
        ProjectFile::create(&path, &sample::lang_son()).unwrap();
        let mut s = Session::open(&path).unwrap();
        s.apply(edit_amount(&s, 500)).unwrap();
        let on_disk = |s: &mut Session| {
            s.flush().unwrap();
            ProjectFile::open_and_load(s.path(), Access::ReadOnly)
                .unwrap()
                .1
                .allocations[1]
                .amount_dong
        };
        assert_eq!(
            on_disk(&mut s),
            Amount::Known(Dong::from_trieu(500).unwrap())
        );
        assert_eq!(
            s.undo_label().unwrap().render(&crate::i18n::VI),
            "sửa số vốn Hữu Lũng 2023"
        );
        s.undo().unwrap();
        assert_eq!(
            on_disk(&mut s),
            Amount::Known(Dong::from_trieu(494).unwrap())
        );
        s.redo().unwrap();
        assert_eq!(
            on_disk(&mut s),
            Amount::Known(Dong::from_trieu(500).unwrap())
        );
    }

    #[test]
    fn inserts_and_deletes_reach_the_file_and_undo() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::create_untitled(dir.path(), &sample::lang_son()).unwrap();
        let id = ConclusionId(s.new_id(Table::Conclusions));
        let c = Conclusion {
            id,
            round_id: RoundId(1),
            area_id: None,
            kind: ConclusionKind::Cause,
            text: "Nguồn lực còn hạn chế.".into(),
            position: 6,
        };
        s.apply(Change::new(
            ChangeLabel::add(|t| t.what_conclusion, ""),
            vec![Edit::insert(Record::Conclusion(c.clone()))],
        ))
        .unwrap();
        let on_disk = |s: &mut Session| {
            s.flush().unwrap();
            ProjectFile::open_and_load(s.path(), Access::ReadOnly)
                .unwrap()
                .1
        };
        assert_eq!(on_disk(&mut s).conclusions.last(), Some(&c));
        s.apply(Change::new(
            ChangeLabel::delete(|t| t.what_conclusion, ""),
            vec![Edit::delete(Record::Conclusion(c.clone()))],
        ))
        .unwrap();
        assert_eq!(on_disk(&mut s).conclusions.len(), 5);
        s.undo().unwrap();
        assert_eq!(on_disk(&mut s).conclusions.last(), Some(&c));
        s.undo().unwrap();
        assert_eq!(on_disk(&mut s), sample::lang_son());
    }

    #[test]
    fn typing_in_one_field_is_one_undo_step_until_sealed() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::create_untitled(dir.path(), &sample::lang_son()).unwrap();
        s.apply(edit_amount(&s, 5)).unwrap();
        s.apply(edit_amount(&s, 50)).unwrap();
        s.apply(edit_amount(&s, 500)).unwrap();
        s.undo().unwrap();
        assert_eq!(
            s.dossier(),
            &sample::lang_son(),
            "one undo removes all the typing"
        );
        assert!(s.undo().unwrap().is_none());
        s.redo().unwrap();
        s.seal();
        s.apply(edit_amount(&s, 600)).unwrap();
        s.undo().unwrap();
        assert_eq!(
            s.dossier().allocations[1].amount_dong,
            Amount::Known(Dong::from_trieu(500).unwrap())
        );
    }

    #[test]
    fn invalid_changes_are_refused_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::create_untitled(dir.path(), &sample::lang_son()).unwrap();
        let before = s.dossier().recommendations[0].clone();
        let mut after = before.clone();
        after.addressees.clear();
        let r = s.apply(Change::update(
            ChangeLabel::edit(|t| t.what_recommendation, ""),
            Record::Recommendation(before),
            Record::Recommendation(after),
        ));
        assert!(matches!(r, Err(ChangeError::Invalid(_))));
        s.flush().unwrap();
        let (_, d) = ProjectFile::open_and_load(s.path(), Access::ReadOnly).unwrap();
        assert_eq!(d, sample::lang_son());
        assert!(s.undo_label().is_none());
    }

    #[test]
    fn a_second_session_on_the_same_file_is_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.giamsat");
        ProjectFile::create(&path, &sample::lang_son()).unwrap();
        let first = Session::open(&path).unwrap();
        assert!(first.read_only().is_none());
        let mut second = Session::open(&path).unwrap();
        assert!(matches!(second.read_only(), Some(ReadOnlyReason::InUse(_))));
        let change = edit_amount(&second, 1);
        assert!(matches!(second.apply(change), Err(ChangeError::ReadOnly)));
        drop(first);
        assert!(Session::open(&path).unwrap().read_only().is_none());
    }

    #[test]
    fn save_as_turns_untitled_into_a_file_and_drops_the_autosave() {
        let dir = tempfile::tempdir().unwrap();
        let autosave_dir = dir.path().join("autosave");
        let mut s = Session::create_untitled(&autosave_dir, &sample::lang_son()).unwrap();
        let autosave = s.path().to_path_buf();
        s.apply(edit_amount(&s, 321)).unwrap();
        let dest = dir.path().join("Giám sát.giamsat");
        s.save_as(&dest).unwrap();
        assert!(!autosave.exists());
        assert_eq!(s.user_path(), Some(dest.as_path()));
        s.apply(edit_amount(&s, 322)).unwrap();
        s.flush().unwrap();
        let (_, d) = ProjectFile::open_and_load(&dest, Access::ReadOnly).unwrap();
        assert_eq!(
            d.allocations[1].amount_dong,
            Amount::Known(Dong::from_trieu(322).unwrap())
        );
    }

    #[test]
    fn save_as_twice_without_an_edit_between_goes_on_editing() {
        let dir = tempfile::tempdir().unwrap();
        let mut s =
            Session::create_untitled(&dir.path().join("autosave"), &sample::lang_son()).unwrap();
        s.apply(edit_amount(&s, 400)).unwrap();
        let (a, b) = (dir.path().join("a.giamsat"), dir.path().join("b.giamsat"));
        s.save_as(&a).unwrap();
        // A copy of the copy: nothing new to write, and nothing to wait for.
        s.save_as(&b).unwrap();
        s.flush().unwrap();
        s.apply(edit_amount(&s, 401)).unwrap();
        s.flush().unwrap();
        let amount = |p: &Path| {
            ProjectFile::open_and_load(p, Access::ReadOnly)
                .unwrap()
                .1
                .allocations[1]
                .amount_dong
        };
        assert_eq!(amount(&a), Amount::Known(Dong::from_trieu(400).unwrap()));
        assert_eq!(amount(&b), Amount::Known(Dong::from_trieu(401).unwrap()));
    }

    /// Another program holds the file past SQLite's wait (an antivirus, a backup tool): the
    /// change is kept, the session says writing failed (not that the drive is gone), and
    /// Retry writes it once the file is free.
    #[test]
    fn a_file_held_by_another_program_keeps_the_change_until_retry() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.giamsat");
        ProjectFile::create(&path, &sample::lang_son()).unwrap();
        let mut s = Session::open(&path).unwrap();
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN EXCLUSIVE").unwrap();
        s.apply(edit_amount(&s, 402)).unwrap();
        assert!(matches!(s.flush(), Err(ChangeError::Store(_))));
        assert!(
            matches!(s.read_only(), Some(ReadOnlyReason::WriteFailed(_))),
            "{:?}",
            s.read_only()
        );
        assert_eq!(s.unwritten(), 1);
        other.execute_batch("ROLLBACK").unwrap();
        drop(other);
        s.reconnect().unwrap();
        assert!(s.read_only().is_none());
        s.apply(edit_amount(&s, 403)).unwrap();
        s.flush().unwrap();
        drop(s);
        let (_, d) = ProjectFile::open_and_load(&path, Access::ReadOnly).unwrap();
        assert_eq!(
            d.allocations[1].amount_dong,
            Amount::Known(Dong::from_trieu(403).unwrap())
        );
    }
}
