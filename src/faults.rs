//! A failure layer for the file paths: the disk full, an I/O error, the share gone, the lock
//! lost, a slow disk — injected at named points of opening, locking, writing a change, saving
//! as, copying evidence in and out. Tests arm it for one folder and fail the n-th point hit
//! there, at every n in turn, and check that what the window showed as saved is in the file
//! and nothing else changed (tests/suite/faults.rs). Nothing is armed in normal use, and each
//! point then costs one atomic load.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// What goes wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// The disk is full.
    NoSpace,
    /// The system reports an I/O error.
    Io,
    /// The file's share or stick is gone.
    Gone,
    /// The lock could not be kept or taken.
    LockLost,
    /// The disk answers, slowly.
    Slow(Duration),
}

impl Fault {
    fn error(self, point: &str) -> Option<io::Error> {
        let (kind, what) = match self {
            Fault::NoSpace => (io::ErrorKind::StorageFull, "ổ đĩa đầy"),
            Fault::Io => (io::ErrorKind::Other, "lỗi vào/ra"),
            Fault::Gone => (io::ErrorKind::NotFound, "ổ mạng hoặc USB không còn"),
            Fault::LockLost => (io::ErrorKind::PermissionDenied, "mất khóa tệp"),
            Fault::Slow(d) => {
                std::thread::sleep(d);
                return None;
            }
        };
        Some(io::Error::new(
            kind,
            format!("{what} (lỗi giả lập ở bước “{point}”)"),
        ))
    }
}

/// Where failures are planned: the n-th point hit under a folder fails.
struct Plan {
    id: usize,
    folder: PathBuf,
    fail_at: usize,
    fault: Fault,
    hits: Vec<&'static str>,
    fired: bool,
}

static ARMED: AtomicUsize = AtomicUsize::new(0);
static PLANS: Mutex<Vec<Plan>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

fn plans() -> std::sync::MutexGuard<'static, Vec<Plan>> {
    PLANS.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A point of the file paths, about to touch `path`: fails when a plan says so.
pub fn point(name: &'static str, path: &Path) -> io::Result<()> {
    if ARMED.load(Ordering::Relaxed) == 0 {
        return Ok(());
    }
    let fault = {
        let mut plans = plans();
        let Some(plan) = plans.iter_mut().find(|p| path.starts_with(&p.folder)) else {
            return Ok(());
        };
        let n = plan.hits.len();
        plan.hits.push(name);
        if n != plan.fail_at {
            return Ok(());
        }
        plan.fired = true;
        plan.fault
    };
    match fault.error(name) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// A plan in force until dropped.
pub struct Armed {
    id: usize,
}

/// Fails the `fail_at`-th point (from 0) hit under `folder` with `fault`.
pub fn arm(folder: &Path, fail_at: usize, fault: Fault) -> Armed {
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    plans().push(Plan {
        id,
        folder: folder.to_path_buf(),
        fail_at,
        fault,
        hits: Vec::new(),
        fired: false,
    });
    ARMED.fetch_add(1, Ordering::Relaxed);
    Armed { id }
}

impl Armed {
    /// The points hit so far, in order.
    pub fn hits(&self) -> Vec<&'static str> {
        plans()
            .iter()
            .find(|p| p.id == self.id)
            .map(|p| p.hits.clone())
            .unwrap_or_default()
    }

    /// Whether the failure happened.
    pub fn fired(&self) -> bool {
        plans().iter().any(|p| p.id == self.id && p.fired)
    }
}

impl Drop for Armed {
    fn drop(&mut self) {
        plans().retain(|p| p.id != self.id);
        ARMED.fetch_sub(1, Ordering::Relaxed);
    }
}
