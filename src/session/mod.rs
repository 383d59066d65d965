//! An open project as the app works on it: the file, its dossier in memory, who may write,
//! and the undo history. Every change is checked against the model, shown at once and handed
//! to the file's writer thread, which writes it in one transaction, in order
//! ([`writer`]). The window never waits for the disk; what it shows and the file may differ
//! by the changes still queued, which the status bar counts, closing and Save As write
//! first, and a failed write keeps (see [`ReadOnlyReason::Unreachable`]).
//! Knows nothing of egui.

mod change;
mod conflict;
mod errors;
mod memo;
mod on_server;
mod open_server;
mod origin;
mod reconnect;
mod recover;
mod save_as;
mod team;
mod texts;
mod writer;

pub use change::{Change, ChangeLabel};
use change::{Direction, UndoStack};
pub use conflict::{Choice, ConflictRecord, HeldConflict};
pub use errors::{ChangeError, SaveError};
pub use memo::Memo;
pub use on_server::{RemoteNote, TeamStatus, server_copies_dir};
pub use open_server::PENDING_LABEL;
pub use origin::{Origin, ReadOnlyReason};
pub use reconnect::{ReconnectError, ReconnectJob, Reopened};
pub use recover::{Recoverable, discard_recoverable, find_recoverable};
pub use team::LinkState;
pub use texts::{now, recorder};

pub use writer::Waker;

use crate::i18n::{Lang, fill};
use crate::lock::{FileLock, LockError};
use crate::model::*;
use crate::store::{Access, OpenError, OpenErrorKind, ProjectFile, StoreError, Upgraded};
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which document, at which revision: the key of every cache of what a session shows. Each
/// session has an identity of its own, so a cache keyed by a stamp cannot serve one project's
/// content for another's, even when both are at revision 0 (every opened project starts
/// there).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub document: u64,
    pub revision: u64,
}

/// Whether a record is read by the counting module: texts, versions, settings, history and
/// evidence are not.
fn counts_from(key: RecordKey) -> bool {
    !matches!(
        key,
        RecordKey::Info
            | RecordKey::Conclusion(_)
            | RecordKey::Recommendation(_)
            | RecordKey::Phrase(_)
            | RecordKey::TextVersion(_)
            | RecordKey::Document(_)
            | RecordKey::Event(_)
            | RecordKey::Attachment(_)
            | RecordKey::RoundEvent(_)
            | RecordKey::IssuedDocument(_)
    )
}

/// A new document identity, never handed out before in this process.
fn next_document_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Where the session's changes go.
enum Store {
    /// A writable file, owned by its writer thread.
    Writing(writer::Writer),
    /// A file open read-only, or one whose writer stopped on a failure.
    Idle(ProjectFile),
    /// The writer thread died with the file (a bug); Save As still writes what is shown.
    Lost,
    /// A writer that takes no more changes and is ending — it stopped on a failure, or a
    /// Save As left it behind on a disk that hangs — possibly still running a file job. Its
    /// file comes back once it has ended; nobody waits for it meanwhile.
    Stopping(writer::Writer),
}

/// How long Save As waits for the writer to finish what is queued before it writes the copy
/// from what the window shows instead.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// The file back from a writer that has ended, or the writer, still ending.
fn ended(w: writer::Writer) -> Store {
    match w.try_finish() {
        Ok(Some(f)) => Store::Idle(f),
        Ok(None) => Store::Lost,
        Err(w) => Store::Stopping(w),
    }
}

/// Lets go of a store away from the window's thread: closing a file on a share that went
/// away can take as long as the share does.
fn let_go_of(store: Store) {
    if matches!(store, Store::Lost) {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("giamsat-let-go".into())
        .spawn(move || drop(store));
}

/// A change made but not yet known to be in the file.
/// The staged copies of the files a change attaches, by attachment.
type Staged = Arc<Vec<(AttachmentId, PathBuf)>>;

struct Unwritten {
    seq: u64,
    edits: Arc<Vec<Edit>>,
    contents: Staged,
    /// The change's name, for one that goes on to a team server once in the copy; `None`
    /// for edits that came from it.
    label: Option<String>,
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
    /// The revision of what figures count from (allocations, areas, projects, rounds …): texts
    /// and history leave it alone, so caches of counted figures survive typing.
    figures_revision: u64,
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
    /// The link to the team server, for a project opened from one.
    team: Option<on_server::Team>,
    /// An earlier copy of a server project that could not be resumed, and why.
    set_aside: Option<(PathBuf, crate::i18n::Said)>,
    /// The server project a file opened as a file was pulled from (it can be checked in).
    pulled_from: Option<crate::store::ServerOrigin>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("origin", &self.origin)
            .finish()
    }
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
        let pulled_from = match origin {
            Origin::File(_) => file.server_origin().ok().flatten(),
            Origin::Untitled { .. } | Origin::Server { .. } => None,
        };
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
            figures_revision: 0,
            issued_ids,
            changed,
            unwritten: VecDeque::new(),
            last_seq: 0,
            left_out: Vec::new(),
            waker: None,
            team: None,
            set_aside: None,
            pulled_from,
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
        self.wake_team(&waker);
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
                let w = writer::Writer::start(file, self.waker.clone(), self.last_seq);
                self.keep_forwarding(&w);
                self.store = Store::Writing(w);
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
                // In the copy, and on its way to the team server (for a project from one).
                self.forward(&u);
                u.written();
            }
        }
    }

    /// The writer stopped at change `seq`: what came before it is in the file, it and what
    /// followed stay queued, and the session stops taking changes until the file is back.
    fn writing_failed(&mut self, seq: u64, e: &StoreError) {
        self.note_written(seq.saturating_sub(1));
        // The writer may still be running a file job queued behind the failed change (a copy
        // of an attached file, an export): it finishes on its own, and the window does not
        // wait for it.
        match std::mem::replace(&mut self.store, Store::Lost) {
            Store::Writing(w) | Store::Stopping(w) => self.store = ended(w),
            other => self.store = other,
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
        let (Store::Writing(w) | Store::Stopping(w)) = &self.store else {
            return None;
        };
        let (written, failed) = w.progress();
        self.note_written(written);
        if let Some((seq, e)) = failed {
            self.writing_failed(seq, &e);
            return Some(e);
        }
        if let Store::Stopping(_) = &self.store
            && let Store::Stopping(w) = std::mem::replace(&mut self.store, Store::Lost)
        {
            self.store = ended(w);
            if self.read_only.is_none() {
                self.resume_writing();
            }
        }
        None
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
            Origin::Untitled { .. } | Origin::Server { .. } => None,
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

    /// This document as far as counted figures go: changes when a change touches what the
    /// counting module reads, not when a text is typed. Caches of counts key on it.
    pub fn figures_stamp(&self) -> Stamp {
        Stamp {
            document: self.document,
            revision: self.figures_revision,
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
        let issued = self.issued_ids.get(&table).copied().unwrap_or(0);
        let lowest = issued.saturating_add(1).max(from_data);
        // On a team server: from this window's own block, so nobody else numbers alike
        // (blocks never overlap, so one below others' newest ids is still free).
        let id = match self.reserved_id(table) {
            Some(id) => id,
            None => {
                // No block at hand (offline, or one burst used them all): numbered here, and
                // kept clear of this window's own blocks.
                self.note_used(table, lowest);
                lowest
            }
        };
        self.issued_ids.insert(table, issued.max(id));
        id
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
                one.normalize();
                e.after = one.record(key);
            }
            crate::model::rules::check_edit(&next, e).map_err(ChangeError::Rule)?;
            next.apply_edit(e).map_err(ChangeError::Conflict)?;
        }
        let problems = next.validate_edits(&edits);
        if !problems.is_empty() {
            return Err(ChangeError::Invalid(problems));
        }
        let counted = edits.iter().any(|e| e.key().is_some_and(counts_from));
        let label = change.label.render(Lang::Vi.texts());
        if !self.queue_write(edits, contents, Some(label)) {
            return Err(ChangeError::ReadOnly);
        }
        self.show(next, counted);
        self.changed = true;
        Ok(())
    }

    /// Queues edits for the file's writer, numbered after everything queued before; the
    /// label, for a change that goes on to a team server. False when nothing writes.
    fn queue_write(
        &mut self,
        edits: Vec<Edit>,
        contents: Vec<(AttachmentId, PathBuf)>,
        label: Option<String>,
    ) -> bool {
        let Store::Writing(w) = &self.store else {
            return false;
        };
        self.last_seq += 1;
        let edits = Arc::new(edits);
        let contents = Arc::new(contents);
        w.send(writer::Job {
            seq: self.last_seq,
            label: label.clone(),
            edits: Arc::clone(&edits),
            contents: Arc::clone(&contents),
        });
        self.unwritten.push_back(Unwritten {
            seq: self.last_seq,
            edits,
            contents,
            label,
        });
        true
    }

    /// Shows `next` from now on; what counts changed when `counted`.
    fn show(&mut self, next: Dossier, counted: bool) {
        self.dossier = Arc::new(next);
        self.revision += 1;
        if counted {
            self.figures_revision += 1;
        }
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
            return Err(self.not_taken(Direction::Undo, change, e));
        }
        Ok(Some(self.undo.done(Direction::Undo, change)))
    }

    pub fn redo(&mut self) -> Result<Option<ChangeLabel>, ChangeError> {
        let Some(change) = self.undo.take(Direction::Redo) else {
            return Ok(None);
        };
        if let Err(e) = self.commit(&change, Vec::new()) {
            return Err(self.not_taken(Direction::Redo, change, e));
        }
        Ok(Some(self.undo.done(Direction::Redo, change)))
    }

    /// A step that could not be taken. When the file could not take it (read-only, a write
    /// that failed) it waits where it was for the file to come back. When the data refuses it
    /// (something kept for good — a history entry, an attached file — rests on what it would
    /// take away) it never will be taken: it leaves the history, so the steps before it can
    /// still be undone, and the user is told.
    fn not_taken(&mut self, way: Direction, change: Change, e: ChangeError) -> ChangeError {
        match e {
            ChangeError::ReadOnly | ChangeError::Store(_) | ChangeError::Server(_) => {
                self.undo.put_back(way, change);
                e
            }
            ChangeError::Rule(_) | ChangeError::Invalid(_) | ChangeError::Conflict(_) => {
                ChangeError::StepDropped {
                    step: change.label,
                    redo: way == Direction::Redo,
                    why: Box::new(e),
                }
            }
            ChangeError::StepDropped { .. } => e,
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
            Store::Lost | Store::Stopping(_) => {}
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

    /// Closes the project. An untitled project is thrown away (the caller asked the user).
    pub fn close(self) {
        if let Origin::Untitled { autosave } = &self.origin {
            let path = autosave.clone();
            drop(self);
            let _ = std::fs::remove_file(path);
        }
    }
}

#[cfg(test)]
mod tests;
