//! Writing again after the file was unreachable (a network share or USB stick gone): the
//! file is opened again off the window's thread, checked to hold what it held when writing
//! stopped, and given the changes kept meanwhile in one transaction.

use super::*;

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

/// What a Retry came to: the project file opened again holding everything the window shows,
/// or why not — and the file's lock whenever it could be taken, which the session keeps
/// either way: it still shows the file, and nobody else may start editing it meanwhile.
pub struct Reopened {
    path: PathBuf,
    file: Result<ProjectFile, ReconnectError>,
    lock: Option<FileLock>,
}

impl ReconnectJob {
    pub fn run(mut self) -> Reopened {
        // The old lock lived on the file system that went away; someone may have taken the
        // lock since. Let go of it without deleting anything.
        if let Some(old) = self.old_lock.take() {
            old.abandon();
        }
        let lock = match FileLock::acquire(&self.path) {
            Ok(l) => l,
            Err(LockError::HeldElsewhere(h)) => {
                return Reopened {
                    path: self.path,
                    file: Err(ReconnectError::InUse(h)),
                    lock: None,
                };
            }
            Err(LockError::Io(e)) => {
                return Reopened {
                    path: self.path.clone(),
                    file: Err(ReconnectError::Open(OpenError::new(
                        &self.path,
                        OpenErrorKind::Io(e),
                    ))),
                    lock: None,
                };
            }
        };
        Reopened {
            path: self.path.clone(),
            file: self.write_again(),
            lock: Some(lock),
        }
    }

    /// With the lock taken: the file opened, checked and given the changes kept meanwhile.
    fn write_again(self) -> Result<ProjectFile, ReconnectError> {
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
        Ok(file)
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

impl Session {
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
    pub fn finish_reconnect(&mut self, reopened: Reopened) -> Result<bool, ReconnectError> {
        if !self.is_unreachable() {
            return Ok(false);
        }
        let Reopened { path, file, lock } = reopened;
        if path != self.path {
            return Ok(false);
        }
        // The file this session shows stays locked by it, whatever came of the Retry.
        if lock.is_some() {
            self._lock = lock;
        }
        match file {
            Ok(file) => {
                // The reopened file holds every change: the queue is written. The old
                // connection, to a file that was unreachable, is closed away from the window.
                let_go_of(std::mem::replace(&mut self.store, Store::Idle(file)));
                for u in std::mem::take(&mut self.unwritten) {
                    // Written by the Retry, not the writer: on to the team server from here.
                    self.forward_written_elsewhere(&u);
                    u.written();
                }
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
}
