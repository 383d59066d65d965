//! Work done away from the window, one way for all of it: opening and saving, exports,
//! printing, a large chart, the print preview, the list of printers. A job runs on a thread of
//! its own named after its kind (never after a file: names can hold anything, and a thread's
//! name goes into crash reports); a job that panics still answers (with what it said); the window is
//! woken when a job ends, so an idle window waits without polling. Screens ask for jobs
//! through [`Jobs`] in their context and keep only the [`Job`] handle: no screen starts a
//! thread of its own.

use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Starts jobs and wakes the window when each one ends.
#[derive(Clone)]
pub struct Jobs {
    wake: egui::Context,
}

/// A job under way: its kind and, once it ends, its result.
pub struct Job<T> {
    kind: &'static str,
    rx: Receiver<Result<T, String>>,
}

impl Jobs {
    pub fn new(wake: &egui::Context) -> Jobs {
        Jobs { wake: wake.clone() }
    }

    /// Starts `work` on a thread named `giamsat-{kind}` ("task", "chart", "preview"…). Its
    /// result comes back through the handle; a panic comes back as `Err` with its message.
    pub fn start<T: Send + 'static>(
        &self,
        kind: &'static str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Job<T> {
        let (tx, rx) = channel();
        let wake = self.wake.clone();
        let thread_name = format!("giamsat-{kind}");
        // A thread that cannot start drops the sender: the job then ends with an empty `Err`
        // (see `Job::poll`).
        let _ = std::thread::Builder::new()
            .name(thread_name)
            .spawn(move || {
                let result = crate::crash_report::catching(work)
                    .map_err(|panic| crate::crash_report::panic_text(panic.as_ref()));
                let _ = tx.send(result);
                wake.request_repaint();
            });
        Job { kind, rx }
    }
}

impl<T> Job<T> {
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The result once the job ended, `None` while it runs. A job that ended without a word
    /// (its thread could not start, or died) is `Err` with an empty message.
    pub fn poll(&self) -> Option<Result<T, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(String::new())),
        }
    }
}

/// One job at a time for a choice the user keeps changing (typing a year must not start a
/// job per key on two cores): the newest choice runs next, and a result for an earlier
/// choice is still handed over, to show until the newest arrives.
pub struct Latest<K, T> {
    running: Option<(K, Job<T>)>,
}

impl<K, T> Default for Latest<K, T> {
    fn default() -> Self {
        Latest { running: None }
    }
}

/// What [`Latest::poll`] found.
pub enum Polled<K, T> {
    /// The result for the choice asked about.
    Ready(T),
    /// A result for an earlier choice (worth keeping as the last one shown).
    Earlier(K, T),
    /// Still working.
    Waiting,
    /// The job for this choice ended without a result: it panicked (with what it said) or its
    /// thread could not start. A bug; when the choice is an earlier one, the newest has been
    /// started meanwhile.
    Failed(K, String),
}

impl<K: Clone + PartialEq, T: Send + 'static> Latest<K, T> {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// The job that ended, if one did, without starting another: for when what was asked
    /// for is already at hand and a late result only needs clearing away.
    pub fn take_finished(&mut self) -> Option<(K, Result<T, String>)> {
        let result = self.running.as_ref()?.1.poll()?;
        let (key, _) = self.running.take()?;
        Some((key, result))
    }

    /// Whether the job for `key` finished; starts `work` as a job of `kind` when nothing runs
    /// and `key` is not being worked on.
    pub fn poll(
        &mut self,
        jobs: &Jobs,
        kind: &'static str,
        key: &K,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Polled<K, T> {
        let mut found = Polled::Waiting;
        if let Some((_, job)) = &self.running {
            let Some(result) = job.poll() else {
                return Polled::Waiting;
            };
            let Some((k, _)) = self.running.take() else {
                return Polled::Waiting;
            };
            match result {
                Ok(v) if k == *key => return Polled::Ready(v),
                Err(e) if k == *key => return Polled::Failed(k, e),
                Ok(v) => found = Polled::Earlier(k, v),
                Err(e) => found = Polled::Failed(k, e),
            }
        }
        self.running = Some((key.clone(), jobs.start(kind, work)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T>(job: &Job<T>) -> Result<T, String> {
        for _ in 0..2000 {
            if let Some(r) = job.poll() {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        panic!("the job never ended");
    }

    #[test]
    fn a_job_answers_with_its_result_or_its_panic() {
        let jobs = Jobs::new(&egui::Context::default());
        let ok = jobs.start("sum", || 2 + 2);
        assert_eq!(ok.kind(), "sum");
        assert_eq!(wait(&ok), Ok(4));
        let failed = jobs.start("crash", || -> i32 { panic!("the driver crashed") });
        let e = wait(&failed).unwrap_err();
        assert!(e.contains("the driver crashed"), "{e}");
    }

    #[test]
    fn a_finished_job_is_cleared_away_without_starting_another() {
        let jobs = Jobs::new(&egui::Context::default());
        let mut latest: Latest<u32, u32> = Latest::default();
        assert!(latest.take_finished().is_none(), "nothing runs");
        let _ = latest.poll(&jobs, "preview", &1, || 10);
        let mut taken = None;
        for _ in 0..2000 {
            taken = latest.take_finished();
            if taken.is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(taken, Some((1, Ok(10))));
        assert!(!latest.is_running(), "nothing new was started");
    }

    #[test]
    fn a_failed_earlier_choice_is_named_and_the_newest_still_runs() {
        let jobs = Jobs::new(&egui::Context::default());
        let mut latest: Latest<u32, u32> = Latest::default();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let _ = latest.poll(&jobs, "chart", &1, move || -> u32 {
            let _ = rx.recv();
            panic!("the build crashed")
        });
        tx.send(()).unwrap();
        let mut failed = None;
        for _ in 0..2000 {
            match latest.poll(&jobs, "chart", &2, || 20) {
                Polled::Failed(k, e) => failed = Some((k, e)),
                Polled::Ready(v) => {
                    assert_eq!(v, 20, "the newest choice was built after all");
                    let (k, e) = failed.expect("the failure was reported");
                    assert_eq!(k, 1, "the failure is the earlier choice's");
                    assert!(e.contains("the build crashed"), "{e}");
                    return;
                }
                Polled::Waiting => std::thread::sleep(std::time::Duration::from_millis(5)),
                Polled::Earlier(..) => panic!("nothing earlier succeeded"),
            }
        }
        panic!("the newest choice never ran");
    }

    #[test]
    fn the_newest_choice_runs_next_and_earlier_results_are_handed_over() {
        let jobs = Jobs::new(&egui::Context::default());
        let mut latest: Latest<u32, u32> = Latest::default();
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        // The first job waits until told to finish.
        let first = latest.poll(&jobs, "chart", &1, move || {
            let _ = rx.recv();
            10
        });
        assert!(matches!(first, Polled::Waiting));
        // Two more choices while it runs: none starts.
        assert!(matches!(
            latest.poll(&jobs, "chart", &2, || 20),
            Polled::Waiting
        ));
        tx.send(()).unwrap();
        let mut earlier = None;
        for _ in 0..2000 {
            match latest.poll(&jobs, "chart", &3, || 30) {
                Polled::Earlier(k, v) => earlier = Some((k, v)),
                Polled::Ready(v) => {
                    assert_eq!(v, 30);
                    assert_eq!(earlier, Some((1, 10)));
                    assert!(!latest.is_running());
                    return;
                }
                Polled::Waiting => std::thread::sleep(std::time::Duration::from_millis(5)),
                Polled::Failed(k, e) => panic!("failed {k}: {e}"),
            }
        }
        panic!("the newest choice never ran");
    }
}
