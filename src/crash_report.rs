//! If GiamSat crashes anyway: a report of what happened — version, system, where it stopped,
//! the backtrace and the last commands the user gave, never any text of their documents — is
//! written to the data folder, and the next start says where it is. Knows nothing of egui.

use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How many of the last commands a report lists.
const REMEMBERED: usize = 20;

static LAST_COMMANDS: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());

/// Remembers a command the user gave (its name only: "Undo", "ViewCharts", "Open"), for the
/// report of a crash that may follow.
pub fn note_command(name: &str) {
    if let Ok(mut last) = LAST_COMMANDS.lock() {
        if last.len() == REMEMBERED {
            last.pop_front();
        }
        last.push_back(name.to_string());
    }
}

/// Where new reports are written: the app shows them at the next start, then files them one
/// folder up.
pub fn new_reports_dir(data_dir: &Path) -> PathBuf {
    reports_dir(data_dir).join("new")
}

/// Where reports are kept once shown, and where reports of panics the app caught (a failed
/// background task, already reported to the user) go straight away.
pub fn reports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("crash-reports")
}

/// The most reports kept in each folder: a fault that repeats must not fill the disk.
const KEEP_REPORTS: usize = 50;

thread_local! {
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic in it (a background task's): its report is filed, not announced
/// at the next start, since the app survived it and has told the user already.
pub fn catching<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let outer = CATCHING.with(|c| c.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    r
}

/// What a panic said, as the program said it.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// A panic message with anything that could be the user's text taken out: quoted parts (Rust
/// quotes the string in a slicing panic, and `unwrap` the error, which may carry input) and
/// every character outside ASCII (Vietnamese text). The program's own words remain.
pub fn redact(message: &str) -> String {
    let mut out = String::new();
    let mut quote: Option<char> = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => {
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None if matches!(c, '`' | '"' | '\'') => {
                out.push(c);
                out.push('…');
                quote = Some(c);
            }
            None if c.is_ascii() => out.push(c),
            None => {
                if !out.ends_with('…') {
                    out.push('…');
                }
            }
        }
    }
    out
}

/// The report of a panic, as text.
pub fn report(message: &str, location: &str, backtrace: &str) -> String {
    let commands: Vec<String> = LAST_COMMANDS
        .lock()
        .map(|l| l.iter().cloned().collect())
        .unwrap_or_default();
    let thread = std::thread::current();
    let mut s = String::new();
    s.push_str("GiamSat — báo cáo lỗi / crash report\n");
    s.push_str(&format!(
        "Phiên bản / version: {}\n",
        env!("CARGO_PKG_VERSION")
    ));
    s.push_str(&format!(
        "Hệ thống / system: {} {} ({})\n",
        std::env::consts::OS,
        std::env::consts::ARCH,
        std::env::consts::FAMILY
    ));
    s.push_str(&format!(
        "Thời điểm / time: {}\n",
        chrono::Local::now().format("%d/%m/%Y %H:%M:%S")
    ));
    s.push_str(&format!(
        "Luồng / thread: {}\n",
        thread.name().unwrap_or("(không tên / unnamed)")
    ));
    s.push_str(&format!("Lỗi / panic: {}\n", redact(message)));
    s.push_str(&format!("Tại / at: {location}\n"));
    s.push_str("Các lệnh gần nhất / last commands:\n");
    if commands.is_empty() {
        s.push_str("  (không có / none)\n");
    }
    for c in commands {
        s.push_str(&format!("  {c}\n"));
    }
    s.push_str("Backtrace:\n");
    s.push_str(backtrace);
    s.push('\n');
    s
}

/// Writes every panic's report to `data_dir` (then lets the usual message print too). The
/// report names no document text: the panic message is the program's own words.
pub fn install(data_dir: &Path) {
    let new_dir = new_reports_dir(data_dir);
    let filed_dir = reports_dir(data_dir);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = panic_text(info.payload());
        let dir = if CATCHING.with(std::cell::Cell::get) {
            &filed_dir
        } else {
            &new_dir
        };
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let backtrace = std::backtrace::Backtrace::force_capture().to_string();
        let _ = write_report(dir, &report(&message, &location, &backtrace));
        previous(info);
    }));
}

fn write_report(dir: &Path, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let stem = format!(
        "giamsat-{}-{}",
        chrono::Local::now().format("%Y%m%d-%H%M%S"),
        std::process::id()
    );
    let path = (1..)
        .map(|n| dir.join(format!("{stem}-{n}.txt")))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(format!("{stem}.txt")));
    let mut f = std::fs::File::create(&path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    drop(f);
    prune(dir);
    Ok(path)
}

/// Keeps the newest `KEEP_REPORTS` reports of a folder (names sort by time).
fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut reports: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    reports.sort();
    let excess = reports.len().saturating_sub(KEEP_REPORTS);
    for p in &reports[..excess] {
        let _ = std::fs::remove_file(p);
    }
}

/// Reports written since the last start, oldest first, each moved to the reports folder:
/// where they can be found, and what to tell the user once.
pub fn take_new_reports(data_dir: &Path) -> Vec<PathBuf> {
    let new_dir = new_reports_dir(data_dir);
    let Ok(entries) = std::fs::read_dir(&new_dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    found.sort();
    let filed_dir = reports_dir(data_dir);
    found
        .into_iter()
        .filter_map(|p| {
            let to = filed_dir.join(p.file_name()?);
            std::fs::rename(&p, &to).ok()?;
            Some(to)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_says_what_and_where_but_no_document_text() {
        note_command("Open");
        note_command("ViewCharts");
        let r = report("index out of bounds", "src/ui/x.rs:12", "0: main");
        assert!(r.contains(env!("CARGO_PKG_VERSION")));
        assert!(r.contains(std::env::consts::OS));
        assert!(r.contains("index out of bounds") && r.contains("src/ui/x.rs:12"));
        assert!(r.contains("  Open\n  ViewCharts\n"));
        assert!(r.contains("Backtrace:\n0: main"));
    }

    #[test]
    fn user_text_in_a_panic_message_is_left_out() {
        assert_eq!(
            redact(
                "byte index 3 is not a char boundary; it is inside 'ữ' (bytes 2..5) of `Hữu Lũng`"
            ),
            "byte index 3 is not a char boundary; it is inside '…' (bytes 2..5) of `…`"
        );
        assert_eq!(
            redact("called `Result::unwrap()` on an `Err` value: Parse(\"Hữu Lũng 2023\")"),
            "called `…` on an `…` value: Parse(\"…\")"
        );
        assert_eq!(redact("lỗi: Hữu Lũng"), "l…i: H…u L…ng");
        assert_eq!(
            redact("index out of bounds: the len is 1 but the index is 1"),
            "index out of bounds: the len is 1 but the index is 1"
        );
    }

    #[test]
    fn reports_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        for _ in 0..(KEEP_REPORTS + 5) {
            write_report(dir.path(), "x").unwrap();
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), KEEP_REPORTS);
    }

    #[test]
    fn new_reports_are_shown_once_then_filed() {
        let dir = tempfile::tempdir().unwrap();
        let written = write_report(&new_reports_dir(dir.path()), "x").unwrap();
        let taken = take_new_reports(dir.path());
        assert_eq!(taken.len(), 1);
        assert!(!written.exists() && taken[0].exists());
        assert!(take_new_reports(dir.path()).is_empty(), "shown once");
    }
}
