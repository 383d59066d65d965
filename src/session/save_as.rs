//! Save As: the project copied to a new file and edited there, written from the file or,
//! when it cannot be read any more, from what the window shows.

use super::*;

impl Session {
    /// Copies the project to `dest` and continues there, editable. An untitled project's
    /// autosave file is removed once the copy is safe. Changes still queued are written first;
    /// when the current file cannot be written or read any more (its share or stick is gone),
    /// the copy is written from what the window shows, unwritten changes included. Waits for
    /// the disk: run it off the UI thread.
    pub fn save_as(&mut self, dest: &Path) -> Result<(), SaveError> {
        // What is queued is written first, waited for a few seconds at most: the rescue of a
        // project whose disk hangs must not hang with it. A failure found here leaves the
        // session read-only and the copy written from memory.
        if let Store::Writing(w) = &self.store {
            w.wait_for_within(self.last_seq, WRITER_WAIT);
        }
        let _ = self.poll_writes();
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
        // The old file, once its writer has ended. A writer still busy (its disk hangs) is
        // left behind with the old lock: the copy is written from what the window shows, the
        // attached files' bytes read from the old file only as far as it answers.
        let mut stuck: Option<writer::Writer> = None;
        let mut old = match std::mem::replace(&mut self.store, Store::Lost) {
            Store::Writing(w) | Store::Stopping(w) => match w.finish_within(WRITER_WAIT) {
                Ok(f) => f,
                Err(w) => {
                    stuck = Some(w);
                    None
                }
            },
            Store::Idle(f) => Some(f),
            Store::Lost => None,
        };
        // The file itself is copied when it holds everything shown (its sequence of ids
        // comes along); otherwise what the window shows is written.
        // A reader's copy of a server project is not written as others' changes come in: what
        // the window shows is written then.
        let copy_is_current = !(self.is_on_server() && self.read_only.is_some());
        if self.unwritten.is_empty()
            && !self.is_unreachable()
            && copy_is_current
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
        // The old file's bytes are read through a reader of their own, each file waited for a
        // while at most, when its disk may hang: its writer is stuck, or it became unreachable.
        let unreachable = matches!(self.read_only, Some(ReadOnlyReason::Unreachable(_)));
        let rescue = (old.is_none() && stuck.is_some() || unreachable)
            .then(|| crate::store::attachments::Rescue::start(&self.path));
        // The bytes of attached files: staged copies of those not yet written, the old file's
        // for the others.
        let staged: Vec<(AttachmentId, PathBuf)> = self
            .unwritten
            .iter()
            .flat_map(|u| u.contents.iter().cloned())
            .collect();
        let staged = crate::store::attachments::Files(&staged);
        let old_file: &dyn crate::store::ContentSource = match (rescue.as_ref(), old.as_ref()) {
            (Some(r), _) => r,
            (None, Some(f)) => f,
            (None, None) => &crate::store::NoContent,
        };
        let sources: [&dyn crate::store::ContentSource; 2] = [&staged, old_file];
        let source = crate::store::attachments::FirstOf(&sources);
        let made = ProjectFile::create_replacing(dest, &self.dossier, &source);
        drop(rescue);
        match made {
            Ok((copy, left_out)) => {
                // The old file closes away from here (its share may hang); a writer left
                // behind keeps the old lock until it ends.
                let_go_of(old.map_or(Store::Lost, Store::Idle));
                if let Some(w) = stuck {
                    // The old lock, and an untitled project's autosave file, go once the
                    // writer left behind has ended: it may still be writing to that file.
                    let lock = self._lock.take();
                    let autosave = match &self.origin {
                        Origin::Untitled { autosave } => Some(autosave.clone()),
                        Origin::File(_) | Origin::Server { .. } => None,
                    };
                    if autosave.is_some() {
                        self.origin = Origin::File(self.path.clone());
                    }
                    w.leave_behind(move || {
                        drop(lock);
                        if let Some(p) = autosave {
                            let _ = std::fs::remove_file(p);
                        }
                    });
                }
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
                self.store = match (old, stuck) {
                    (Some(f), _) => Store::Idle(f),
                    (None, Some(w)) => {
                        // Its disk did not answer: say so, as for a write that failed; the
                        // changes stay in the window for Retry or another Save As.
                        if self.read_only.is_none() {
                            self.read_only =
                                Some(ReadOnlyReason::Unreachable("ổ đĩa không trả lời".into()));
                        }
                        Store::Stopping(w)
                    }
                    (None, None) => Store::Lost,
                };
                self.resume_after_failed_save();
                Err(SaveError::Store(e))
            }
        }
    }

    /// Goes on editing `file`, saved as `dest`.
    pub(super) fn continue_at(&mut self, dest: &Path, lock: FileLock, file: Option<ProjectFile>) {
        if let Origin::Untitled { autosave } = &self.origin {
            let _ = std::fs::remove_file(autosave);
        }
        // A project from a team server goes on as a file of its own: the copy keeps what did
        // not reach the server yet, and sends it the next time the project is opened there.
        self.leave_server();
        self.origin = Origin::File(dest.to_path_buf());
        self.path = dest.to_path_buf();
        self.read_only = None;
        // The old lock file lives beside the old file, maybe on a share that went away:
        // removed away from here.
        if let Some(old_lock) = self._lock.replace(lock) {
            let _ = std::thread::Builder::new()
                .name("giamsat-let-go".into())
                .spawn(move || drop(old_lock));
        }
        self.unwritten.drain(..).for_each(Unwritten::written);
        self.store = file.map_or(Store::Lost, Store::Idle);
        self.resume_writing();
    }

    /// After a failed Save As the project goes on where it was: writing again if it could.
    pub(super) fn resume_after_failed_save(&mut self) {
        if self.read_only.is_none() {
            self.resume_writing();
        }
    }
}
