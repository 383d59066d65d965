//! The project file's writer: a thread that owns the open file and writes each change in one
//! transaction, in the order the changes were made, so that the window never waits for a disk
//! (a USB stick or a network share can take a second per fsync). The session sends it changes
//! and reads back how far it got.

use crate::model::{AttachmentId, Edit};
use crate::store::{ProjectFile, StoreError};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;

/// Called from the writer thread after each write: the app asks for a repaint with it, so the
/// "saving…/saved" state and any failure show without the user moving the mouse.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Called on the writer thread with each change written that goes further (to a team
/// server): its number, name and edits.
pub type Forward = Arc<dyn Fn(u64, &str, &Arc<Vec<Edit>>) + Send + Sync>;

/// A change waiting to be written, numbered in the order it was made.
pub(super) struct Job {
    pub seq: u64,
    /// The change's name when it goes on to a team server once written.
    pub label: Option<String>,
    pub edits: Arc<Vec<Edit>>,
    /// Where the bytes of the files this change attaches wait (staged copies, which the
    /// session removes once they are written).
    pub contents: Arc<Vec<(AttachmentId, PathBuf)>>,
}

enum Message {
    Write(Job),
    /// Runs on the writer thread between writes (tests limit the file's growth with it).
    Call(Box<dyn FnOnce(&mut ProjectFile) + Send>),
    /// Runs between writes unless a write failed (it records what the writes before it hold).
    CallWhileWriting(Box<dyn FnOnce(&mut ProjectFile) + Send>),
}

/// How far the writer got.
struct Progress {
    /// The number of the last change written.
    written: u64,
    /// The change that could not be written and why. The writer writes nothing after it.
    failed: Option<(u64, StoreError)>,
    /// Whether a write failed (stays set once the failure is taken).
    stopped: bool,
}

struct Shared {
    progress: Mutex<Progress>,
    moved: Condvar,
    waker: Mutex<Option<Waker>>,
    forward: Mutex<Option<Forward>>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Progress> {
        // Progress is two plain fields, consistent after any panic.
        self.progress.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

pub(super) struct Writer {
    messages: Option<Sender<Message>>,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<ProjectFile>>,
}

impl Writer {
    /// Starts writing to `file`, which the writer owns until [`Writer::finish`]. Changes up to
    /// number `written` are in the file already; the next one sent is `written + 1`.
    pub fn start(file: ProjectFile, waker: Option<Waker>, written: u64) -> Writer {
        let (tx, rx) = channel();
        let shared = Arc::new(Shared {
            progress: Mutex::new(Progress {
                written,
                failed: None,
                stopped: false,
            }),
            moved: Condvar::new(),
            waker: Mutex::new(waker),
            forward: Mutex::new(None),
        });
        let theirs = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("giamsat-writer".into())
            .spawn(move || run(file, rx, &theirs));
        match thread {
            Ok(thread) => Writer {
                messages: Some(tx),
                shared,
                thread: Some(thread),
            },
            // No thread to be had (the system is out of them): the file went with the closure.
            // Every write reports the failure, and the session offers Save As.
            Err(e) => {
                let mut p = shared.lock();
                p.failed = Some((
                    written + 1,
                    StoreError::BadData(format!("không khởi động được luồng ghi tệp: {e}")),
                ));
                p.stopped = true;
                drop(p);
                Writer {
                    messages: None,
                    shared,
                    thread: None,
                }
            }
        }
    }

    pub fn set_waker(&self, waker: Waker) {
        *self
            .shared
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(waker);
    }

    /// From now on, each change written with a label goes on through `f` (a team server's
    /// link): straight from this thread, whether or not the window is drawn.
    pub fn set_forward(&self, f: Forward) {
        *self
            .shared
            .forward
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(f);
    }

    /// Queues a change; never waits.
    pub fn send(&self, job: Job) {
        if let Some(tx) = &self.messages {
            // A writer that is gone has recorded why; the session reads it in `progress`.
            let _ = tx.send(Message::Write(job));
        }
    }

    pub fn call(&self, f: impl FnOnce(&mut ProjectFile) + Send + 'static) {
        if let Some(tx) = &self.messages {
            let _ = tx.send(Message::Call(Box::new(f)));
        }
    }

    /// As [`Writer::call`], skipped once a write has failed: for what says the writes before
    /// it are in the file (a copy's mark of how far it follows its server).
    pub fn call_while_writing(&self, f: impl FnOnce(&mut ProjectFile) + Send + 'static) {
        if let Some(tx) = &self.messages {
            let _ = tx.send(Message::CallWhileWriting(Box::new(f)));
        }
    }

    /// The number of the last change written, and the failure that stopped the writer, taken
    /// (it is reported once).
    pub fn progress(&self) -> (u64, Option<(u64, StoreError)>) {
        let mut p = self.shared.lock();
        (p.written, p.failed.take())
    }

    /// Waits until change `seq` is written or the writer has stopped on a failure.
    pub fn wait_for(&self, seq: u64) {
        let alive = || self.thread.as_ref().is_some_and(|t| !t.is_finished());
        let mut p = self.shared.lock();
        while p.written < seq && !p.stopped && alive() {
            p = self
                .shared
                .moved
                .wait_timeout(p, std::time::Duration::from_millis(200))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    /// As [`Writer::wait_for`], for at most `limit`; whether change `seq` is written (or the
    /// writer stopped) by then.
    pub fn wait_for_within(&self, seq: u64, limit: std::time::Duration) -> bool {
        let until = std::time::Instant::now() + limit;
        let alive = || self.thread.as_ref().is_some_and(|t| !t.is_finished());
        let mut p = self.shared.lock();
        while p.written < seq && !p.stopped && alive() {
            let left = until.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            p = self
                .shared
                .moved
                .wait_timeout(p, left.min(std::time::Duration::from_millis(200)))
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
        true
    }

    /// The file back, if the thread has ended (`None` inside when it died with the file); the
    /// writer itself while it is still busy — the caller never waits.
    pub fn try_finish(mut self) -> Result<Option<ProjectFile>, Writer> {
        self.messages = None;
        if self.thread.as_ref().is_some_and(|t| !t.is_finished()) {
            return Err(self);
        }
        Ok(self.thread.take().and_then(|t| t.join().ok()))
    }

    /// As [`Writer::try_finish`], waiting at most `limit` for the thread to end.
    pub fn finish_within(
        mut self,
        limit: std::time::Duration,
    ) -> Result<Option<ProjectFile>, Writer> {
        self.messages = None;
        let until = std::time::Instant::now() + limit;
        while self.thread.as_ref().is_some_and(|t| !t.is_finished()) {
            if std::time::Instant::now() >= until {
                return Err(self);
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        Ok(self.thread.take().and_then(|t| t.join().ok()))
    }

    /// Lets the thread finish on its own (a disk or share that hangs): what is queued is still
    /// written if the disk comes back, and nobody waits for it. `after` runs once the thread
    /// has ended (the file's lock is let go then, so nobody else starts editing the file
    /// meanwhile).
    pub fn leave_behind(mut self, after: impl FnOnce() + Send + 'static) {
        self.messages = None;
        if let Some(t) = self.thread.take() {
            let _ = std::thread::Builder::new()
                .name("giamsat-left-behind".into())
                .spawn(move || {
                    let _ = t.join();
                    after();
                });
        }
    }

    /// Whether a write failed: nothing more will be written.
    fn has_stopped(&self) -> bool {
        self.shared.lock().stopped
    }
}

impl Drop for Writer {
    /// Nothing queued is lost when the session goes: the thread writes it all first. A writer
    /// that stopped on a failure writes nothing more, and is not waited for: it may still be
    /// running a file job (a copy, an export) on a disk that hangs.
    fn drop(&mut self) {
        self.messages = None;
        if let Some(t) = self.thread.take()
            && !self.has_stopped()
        {
            let _ = t.join();
        }
    }
}

fn run(mut file: ProjectFile, messages: Receiver<Message>, shared: &Shared) -> ProjectFile {
    let mut stopped = false;
    for message in messages {
        match message {
            // After a failure nothing more is written: later changes build on the failed one.
            Message::Write(_) if stopped => {}
            Message::Write(job) => {
                let result = crate::crash_report::catching(|| {
                    file.apply_edits_with(
                        &job.edits,
                        &crate::store::attachments::Files(&job.contents),
                    )
                })
                .unwrap_or_else(|panic| {
                    Err(StoreError::BadData(crate::crash_report::panic_text(
                        panic.as_ref(),
                    )))
                });

                if result.is_ok()
                    && let Some(label) = &job.label
                {
                    let forward = shared
                        .forward
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .clone();
                    if let Some(f) = forward {
                        f(job.seq, label, &job.edits);
                    }
                }
                let mut p = shared.lock();
                match result {
                    Ok(()) => p.written = job.seq,
                    Err(e) => {
                        p.failed = Some((job.seq, e));
                        p.stopped = true;
                        stopped = true;
                    }
                }
                drop(p);
                shared.moved.notify_all();
                let waker = shared
                    .waker
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone();
                if let Some(w) = waker {
                    w();
                }
            }
            Message::Call(f) => {
                let _ = crate::crash_report::catching(|| f(&mut file));
            }
            Message::CallWhileWriting(f) => {
                if !stopped {
                    let _ = crate::crash_report::catching(|| f(&mut file));
                }
            }
        }
    }
    file
}
