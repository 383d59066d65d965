//! Sending a PDF to a printer. Linux goes through CUPS (`lpstat` lists the queues, `lp`
//! prints); Windows hands the PDF to the system's print handler, or opens it in the default
//! viewer when no handler is registered.

use std::path::Path;
use std::process::Command;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
}

/// Reads `lpstat -p -d` output: "printer NAME is idle…" lines and "system default destination: NAME".
pub fn parse_lpstat(out: &str) -> Vec<Printer> {
    let default = out.lines().find_map(|l| {
        l.split_once("default destination:")
            .map(|(_, n)| n.trim().to_string())
    });
    out.lines()
        .filter_map(|l| l.strip_prefix("printer "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(|name| Printer {
            is_default: default.as_deref() == Some(name),
            name: name.to_string(),
        })
        .collect()
}

/// The printers this machine knows (empty when none or when it cannot tell).
pub fn printers() -> Vec<Printer> {
    if cfg!(windows) {
        return vec![];
    }
    // lpstat translates its words; the parser reads the C locale's.
    match Command::new("lpstat")
        .args(["-p", "-d"])
        .env("LC_ALL", "C")
        .output()
    {
        Ok(o) => parse_lpstat(&String::from_utf8_lossy(&o.stdout)),
        Err(_) => vec![],
    }
}

/// Why printing failed.
#[derive(Debug, thiserror::Error)]
pub enum PrintJobError {
    #[error("không tìm thấy lệnh in của hệ thống ({0}); hãy lưu PDF rồi in từ trình xem PDF")]
    NoCommand(String),
    #[error("máy in báo lỗi: {0}")]
    Failed(String),
}

impl PrintJobError {
    /// The message in the user's language (Vietnamese is the Display text).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match (lang, self) {
            (crate::i18n::Lang::Vi, _) => self.to_string(),
            (_, PrintJobError::NoCommand(c)) => format!(
                "the system's print command was not found ({c}); save the PDF and print it from a PDF viewer"
            ),
            (_, PrintJobError::Failed(e)) => format!("the printer reported an error: {e}"),
        }
    }
}

/// Prints `pdf` on `printer` (the default when `None`), A4.
pub fn print_pdf(pdf: &Path, printer: Option<&str>, title: &str) -> Result<(), PrintJobError> {
    #[cfg(windows)]
    {
        let _ = (printer, title);
        print_windows(pdf)
    }
    #[cfg(not(windows))]
    {
        let mut cmd = Command::new("lp");
        if let Some(p) = printer {
            cmd.args(["-d", p]);
        }
        cmd.args(["-t", title, "-o", "media=A4"]).arg(pdf);
        match cmd.output() {
            Ok(o) if o.status.success() => Ok(()),
            Ok(o) => Err(PrintJobError::Failed(
                String::from_utf8_lossy(&o.stderr).trim().to_string(),
            )),
            Err(e) => Err(PrintJobError::NoCommand(format!("lp: {e}"))),
        }
    }
}

/// Windows: the "print" verb of the PDF's handler through PowerShell; when there is none, the
/// PDF opens in the default viewer, where the user prints it.
#[cfg(windows)]
fn print_windows(pdf: &Path) -> Result<(), PrintJobError> {
    // The path goes in as a single-quoted PowerShell literal: double any single quote.
    let literal = pdf.display().to_string().replace('\'', "''");
    use std::os::windows::process::CommandExt;
    // No console window flashes up behind the app.
    const CREATE_NO_WINDOW: u32 = 0x0800_0000;
    let printed = Command::new("powershell")
        .creation_flags(CREATE_NO_WINDOW)
        .args([
            "-NoProfile",
            "-NonInteractive",
            "-Command",
            &format!("Start-Process -FilePath '{literal}' -Verb Print"),
        ])
        .output();
    match printed {
        Ok(o) if o.status.success() => Ok(()),
        _ => open_in_viewer(pdf),
    }
}

/// Opens a file in the system's default application.
pub fn open_in_viewer(path: &Path) -> Result<(), PrintJobError> {
    #[cfg(windows)]
    let result = Command::new("explorer").arg(path).spawn();
    #[cfg(target_os = "macos")]
    let result = Command::new("open").arg(path).spawn();
    #[cfg(all(not(windows), not(target_os = "macos")))]
    let result = Command::new("xdg-open").arg(path).spawn();
    result
        .map(|_| ())
        .map_err(|e| PrintJobError::NoCommand(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lpstat_output_is_read() {
        let out = "printer PDF is idle.  enabled since Tue 25 Nov 2026\nprinter HP_LaserJet disabled since …\nsystem default destination: HP_LaserJet\n";
        assert_eq!(
            parse_lpstat(out),
            vec![
                Printer {
                    name: "PDF".into(),
                    is_default: false
                },
                Printer {
                    name: "HP_LaserJet".into(),
                    is_default: true
                }
            ]
        );
        assert!(parse_lpstat("lpstat: No destinations added.\n").is_empty());
    }
}
