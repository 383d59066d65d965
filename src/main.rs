#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use giamsat::cli::{self, Outcome};
use std::process::ExitCode;

fn main() -> ExitCode {
    attach_console();
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    match cli::run(std::env::args_os(), &mut out, &mut err) {
        Outcome::Exit(code) => ExitCode::from(code),
        Outcome::Gui(_args) => {
            use std::io::Write;
            let _ = writeln!(
                err,
                "Cửa sổ ứng dụng chưa có trong bản dựng này; hãy dùng các lệnh (giamsat --help)."
            );
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}

/// A release build on Windows is a GUI program with no console of its own: when started from a
/// terminal, attach to the terminal's console so the subcommands' output is seen.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: AttachConsole takes a process id by value and has no pointer arguments; it fails
    // harmlessly (returns 0) when there is no parent console or one is already attached.
    unsafe {
        AttachConsole(ATTACH_PARENT_PROCESS);
    }
}

#[cfg(not(windows))]
fn attach_console() {}
