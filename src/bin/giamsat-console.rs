//! GiamSat for the command line on Windows: a console program (installed as `giamsat.com`
//! beside `giamsat.exe`, so `giamsat summary …` in cmd or PowerShell finds it first), which the
//! shell waits for — output, then exit status, then the prompt. It runs the `giamsat.exe`
//! beside it with the same arguments, input and output, and returns its exit status: one copy
//! of GiamSat on disk and in the download, not two. For a command, Ctrl+C or closing the
//! console ends both. Without a subcommand it opens the window like `giamsat.exe` (and the
//! prompt waits until it closes). On Linux it is `giamsat` itself.

// Only the list of command words: the program itself is giamsat.exe.
#[cfg(windows)]
#[path = "../command_words.rs"]
mod command_words;

#[cfg(windows)]
fn main() {
    /// Exit status when giamsat.exe cannot be started (GiamSat's own codes are 0–2).
    const EXIT_NOT_STARTED: i32 = 3;
    let Some(exe) = std::env::current_exe()
        .ok()
        .and_then(|p| Some(p.parent()?.join("giamsat.exe")))
    else {
        eprintln!("Lỗi: không tìm được thư mục của giamsat.com / cannot find giamsat.com's folder");
        std::process::exit(EXIT_NOT_STARTED);
    };
    // Input, output and errors are this console's (inherited), so redirection works too.
    let mut child = match std::process::Command::new(&exe)
        .args(std::env::args_os().skip(1))
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            eprintln!(
                "Lỗi: không chạy được {0}: {e}\nError: cannot run {0}: {e}",
                exe.display()
            );
            std::process::exit(EXIT_NOT_STARTED);
        }
    };
    // giamsat.exe is a windowed program, outside the console's Ctrl+C: tie a command to this
    // one (Ctrl+C, closing the console end both). The window is left alone: closing the
    // console must not close a project without its own questions.
    let is_command = std::env::args_os()
        .nth(1)
        .and_then(|a| a.into_string().ok())
        .is_some_and(|a| command_words::COMMAND_WORDS.contains(&a.as_str()));
    let _job = is_command.then(|| job::end_with_this_process(&child));
    match child.wait() {
        // Any status, Windows' own (0xC0000005 …) included, passes through unchanged.
        Ok(status) => std::process::exit(status.code().unwrap_or(1)),
        Err(e) => {
            eprintln!("Lỗi: {e}\nError: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(windows)]
#[allow(unsafe_code)]
mod job {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
        JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JobObjectExtendedLimitInformation, SetInformationJobObject,
    };

    /// A job that ends the child when this process ends (Ctrl+C, the console closed): Windows
    /// closes the job's handle with the process, and the job kills what it holds.
    pub struct Job(HANDLE);

    impl Drop for Job {
        fn drop(&mut self) {
            // SAFETY: the handle came from CreateJobObjectW and is closed once, here.
            unsafe { CloseHandle(self.0) };
        }
    }

    /// Best effort: without a job (an old Windows, a sandbox refusing nested jobs) the child
    /// runs on as before.
    pub fn end_with_this_process(child: &std::process::Child) -> Option<Job> {
        // SAFETY: plain Win32 calls on handles this process owns; the information block is a
        // zeroed plain-data struct of the size passed.
        unsafe {
            let handle = CreateJobObjectW(std::ptr::null(), std::ptr::null());
            if handle.is_null() {
                return None;
            }
            let job = Job(handle);
            let mut info: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = std::mem::zeroed();
            // Only giamsat.exe: what it starts (a PDF viewer) is not ended with it.
            info.BasicLimitInformation.LimitFlags =
                JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE | JOB_OBJECT_LIMIT_SILENT_BREAKAWAY_OK;
            let set = SetInformationJobObject(
                job.0,
                JobObjectExtendedLimitInformation,
                (&raw const info).cast(),
                size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            );
            if set == 0 || AssignProcessToJobObject(job.0, child.as_raw_handle() as HANDLE) == 0 {
                return None;
            }
            Some(job)
        }
    }
}

#[cfg(not(windows))]
fn main() -> std::process::ExitCode {
    giamsat::launch::run()
}
