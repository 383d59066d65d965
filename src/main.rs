#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use giamsat::cli::{self, Outcome};
use giamsat::settings::AppPaths;
use giamsat::ui::{AppConfig, DataSection, View};
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    attach_console();
    let outcome = {
        let mut out = std::io::stdout().lock();
        let mut err = std::io::stderr().lock();
        cli::run(std::env::args_os(), &mut out, &mut err)
    };
    match outcome {
        Outcome::Exit(code) => ExitCode::from(code),
        Outcome::Gui(args) => {
            let mut config = AppConfig::new(AppPaths::from_env());
            config.file = args.file;
            let view = args.view.as_deref().unwrap_or("data");
            config.view = View::from_code(view);
            if let Some(section) = DataSection::from_code(view) {
                config.view = Some(View::Data);
                config.section = Some(section);
            }
            config.lang = args.lang;
            match giamsat::ui::run(config) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "Lỗi: không mở được cửa sổ ứng dụng: {e}");
                    ExitCode::from(cli::EXIT_BAD_INPUT)
                }
            }
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
