//! Sending a document to a printer the user chose, in as many copies as asked. Linux goes
//! through CUPS (`lpstat` lists the queues, `lp` prints the PDF); Windows lists the installed
//! printers and draws the pages through the printer's driver (`win_print`).

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

/// The printers this machine knows, the default first (empty when none or when it cannot tell).
pub fn printers() -> Vec<Printer> {
    let mut list = system_printers();
    list.sort_by_key(|p| !p.is_default);
    list
}

#[cfg(not(windows))]
fn system_printers() -> Vec<Printer> {
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

#[cfg(windows)]
fn system_printers() -> Vec<Printer> {
    super::win_print::printers()
}

/// Why printing failed.
#[derive(Debug, thiserror::Error)]
pub enum PrintJobError {
    #[error("không tìm thấy lệnh in của hệ thống ({0}); hãy lưu PDF rồi in từ trình xem PDF")]
    NoCommand(String),
    #[error("máy in báo lỗi: {0}")]
    Failed(String),
    #[error(
        "chưa chọn máy in và máy này không có máy in mặc định; hãy chọn một máy in hoặc lưu PDF"
    )]
    NoPrinter,
    #[error("đã hủy in")]
    Cancelled,
    #[error("máy in {0} không nhận trang in; hãy kiểm tra máy in (giấy, kết nối) rồi in lại")]
    Refused(String),
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
            (_, PrintJobError::Cancelled) => "printing was cancelled".into(),
            (_, PrintJobError::Refused(p)) => format!(
                "the printer {p} did not accept the page; check the printer (paper, connection) and print again"
            ),
            (_, PrintJobError::NoPrinter) => {
                "no printer was chosen and this computer has no default printer; choose a printer or save a PDF".into()
            }
        }
    }
}

/// What to print where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrintRequest {
    /// The printer's name; `None` is the system's default printer.
    pub printer: Option<String>,
    /// How many copies, collated (1 to [`MAX_COPIES`]).
    pub copies: u32,
    /// The job's name in the printer queue.
    pub title: String,
}

/// The most copies one print job may ask for: a typo ("100" for "10") must not empty the paper
/// tray of a shared office printer.
pub const MAX_COPIES: u32 = 99;

/// Prints a typeset document (A4). Linux hands the PDF to CUPS (`lp`); Windows draws the pages
/// through the printer's own driver (GDI), so no PDF viewer is needed. Returns once the
/// system's print queue has the job.
pub fn print_document(
    doc: &super::Printable,
    request: &PrintRequest,
) -> Result<(), PrintDocumentError> {
    let copies = request.copies.clamp(1, MAX_COPIES);
    #[cfg(windows)]
    {
        super::win_print::print(doc, request.printer.as_deref(), copies, &request.title)
    }
    #[cfg(not(windows))]
    {
        let pdf = doc.pdf()?;
        let path = std::env::temp_dir().join(format!(
            "giamsat-print-{}-{}.pdf",
            std::process::id(),
            chrono::Local::now().format("%H%M%S%3f")
        ));
        std::fs::write(&path, pdf).map_err(|e| {
            PrintDocumentError::Job(PrintJobError::Failed(format!("{e} — {}", path.display())))
        })?;
        let mut cmd = Command::new("lp");
        if let Some(p) = &request.printer {
            cmd.args(["-d", p]);
        }
        cmd.args(["-n", &copies.to_string(), "-o", "collate=true"]);
        cmd.args(["-t", &request.title, "-o", "media=A4"])
            .arg(&path);
        let result = match cmd.output() {
            Ok(o) if o.status.success() => Ok(()),
            Ok(o) => Err(PrintJobError::Failed(
                String::from_utf8_lossy(&o.stderr).trim().to_string(),
            )),
            Err(e) => Err(PrintJobError::NoCommand(format!("lp: {e}"))),
        };
        // CUPS has its own copy once `lp` returns.
        let _ = std::fs::remove_file(&path);
        result.map_err(PrintDocumentError::Job)
    }
}

/// Why a document could not be printed: laying it out, or the printer.
#[derive(Debug, thiserror::Error)]
pub enum PrintDocumentError {
    #[error(transparent)]
    Layout(#[from] super::PrintError),
    #[error(transparent)]
    Job(#[from] PrintJobError),
}

impl PrintDocumentError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match self {
            PrintDocumentError::Layout(e) => e.message(lang),
            PrintDocumentError::Job(e) => e.message(lang),
        }
    }
}

/// Where print jobs go. The app uses [`SystemPrinting`]; tests put a recorder in its place.
pub trait PrintBackend: Send + Sync {
    /// The printers to choose from, the default first.
    fn printers(&self) -> Vec<Printer>;
    /// Prints a laid-out document; returns once the system's queue has it.
    fn print(
        &self,
        doc: &super::Printable,
        request: &PrintRequest,
    ) -> Result<(), PrintDocumentError>;
    /// Opens a file (a PDF) in the system's viewer.
    fn open_in_viewer(&self, path: &Path) -> Result<(), PrintJobError>;
}

/// This computer's printers and viewer.
pub struct SystemPrinting;

impl PrintBackend for SystemPrinting {
    fn printers(&self) -> Vec<Printer> {
        printers()
    }

    fn print(
        &self,
        doc: &super::Printable,
        request: &PrintRequest,
    ) -> Result<(), PrintDocumentError> {
        print_document(doc, request)
    }

    fn open_in_viewer(&self, path: &Path) -> Result<(), PrintJobError> {
        open_in_viewer(path)
    }
}

/// Opens a file in the system's default application (for a PDF: the user's PDF viewer, where
/// they print it themselves).
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
