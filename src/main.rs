// A windowed program on Windows, debug builds included: double-clicking giamsat.exe must never
// open a console window. Scripts use `giamsat-console` (giamsat.com), which cmd waits for.
#![windows_subsystem = "windows"]

fn main() -> std::process::ExitCode {
    attach_console();
    giamsat::launch::run()
}

/// Started from a terminal, the windowed program shows subcommands' output there (the prompt
/// may come back first; `giamsat.com` avoids that). Handles the caller already redirected —
/// pipes, files — are kept as they are.
#[cfg(windows)]
#[allow(unsafe_code)]
fn attach_console() {
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    // SAFETY: GetStdHandle and AttachConsole take plain values and no pointers; AttachConsole
    // fails harmlessly (returns 0) when there is no parent console.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out as isize == -1 {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
}

#[cfg(not(windows))]
fn attach_console() {}
