//! What both executables do: run a subcommand, or open the window. `giamsat` (`main.rs`) is a
//! windowed program on Windows, so double-clicking it opens no console; `giamsat-console`
//! (`bin/giamsat-console.rs`, installed on Windows as `giamsat.com`) is a console program, so
//! cmd and PowerShell wait for it and print its output before the next prompt.

use crate::cli::{self, Outcome};
use crate::settings::AppPaths;
use crate::ui::{AppConfig, DataSection, View};
use std::io::Write;
use std::process::ExitCode;

/// Runs GiamSat with the process's arguments and returns its exit status.
pub fn run() -> ExitCode {
    // Once: a portable copy probes its folder, and both uses must agree.
    let paths = AppPaths::from_env();
    crate::crash_report::install(&paths.data_dir);
    let outcome = {
        // Not locked: a command's spinner draws on the terminal's stderr from its own thread.
        let mut out = std::io::stdout();
        let mut err = std::io::stderr();
        cli::run(std::env::args_os(), &mut out, &mut err)
    };
    match outcome {
        Outcome::Exit(code) => ExitCode::from(code),
        Outcome::Gui(args) => {
            let mut config = AppConfig::new(paths);
            config.file = args.file;
            config.server = args.server;
            let view = args.view.as_deref().unwrap_or("data");
            config.view = View::from_code(view);
            if let Some(section) = DataSection::from_code(view) {
                config.view = Some(View::Data);
                config.section = Some(section);
            }
            config.lang = args.lang;
            config.import = args.import;
            config.check_in = args.check_in;
            config.guide = args.guide;
            match crate::ui::run(config) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "Lỗi: không mở được cửa sổ ứng dụng: {e}");
                    ExitCode::from(cli::EXIT_BAD_INPUT)
                }
            }
        }
    }
}
