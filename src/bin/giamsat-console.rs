//! GiamSat for the command line on Windows: a console program (installed as `giamsat.com`
//! beside `giamsat.exe`, so `giamsat summary …` in cmd or PowerShell finds it first), which the
//! shell waits for — output, then exit status, then the prompt. Without a subcommand it opens
//! the window like `giamsat.exe`. On Linux both are the same program.

fn main() -> std::process::ExitCode {
    giamsat::launch::run()
}
