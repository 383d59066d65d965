//! The bytes of attached files: written into the project file and read back in pieces with
//! SQLite's incremental blob I/O, so a 50 MB scan is never held whole in memory, and checked
//! against the size and SHA-256 recorded with it on the way in and on the way out.

use super::StoreError;
use crate::model::{Attachment, AttachmentId, MAX_ATTACHMENT_BYTES};
use rusqlite::{Connection, MAIN_DB};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The size of the pieces files are copied in.
const PIECE: usize = 64 * 1024;

/// Where the bytes of newly written attachments come from.
pub trait ContentSource {
    /// The bytes of attachment `id`; `None` when this source does not have them.
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>>;
}

/// No bytes at all: for writing a dossier that has no attachments.
pub struct NoContent;

impl ContentSource for NoContent {
    fn open(&self, _: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        None
    }
}

/// Files on disk, each holding one attachment's bytes (copies staged off the UI thread).
pub struct Files<'a>(pub &'a [(AttachmentId, PathBuf)]);

impl ContentSource for Files<'_> {
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        let (_, path) = self.0.iter().find(|(x, _)| *x == id)?;
        Some(std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read>))
    }
}

/// The first of several sources that has the bytes.
pub struct FirstOf<'a>(pub &'a [&'a dyn ContentSource]);

impl ContentSource for FirstOf<'_> {
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        self.0.iter().find_map(|s| s.open(id))
    }
}

/// Bytes in memory (decoded from a JSON file).
impl ContentSource for HashMap<AttachmentId, Vec<u8>> {
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        self.get(&id)
            .map(|b| Ok(Box::new(b.as_slice()) as Box<dyn Read>))
    }
}

/// The bytes of attachments some of which moved to other ids (see
/// [`crate::model::renumber`]): each moved one is read under the id it had.
pub struct Moved<'a> {
    pub inner: &'a dyn ContentSource,
    /// New id → the id its bytes are under in `inner`.
    pub was: &'a HashMap<AttachmentId, AttachmentId>,
}

impl ContentSource for Moved<'_> {
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        self.inner.open(self.was.get(&id).copied().unwrap_or(id))
    }
}

/// The bytes stored in another project file (a copy written from memory takes them from the
/// file it replaces).
impl ContentSource for super::ProjectFile {
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        match self
            .conn
            .blob_open(MAIN_DB, "attachments", "content", id.0, true)
        {
            Ok(blob) => Some(Ok(Box::new(blob))),
            Err(_) => None,
        }
    }
}

/// The attached files' bytes of a project file whose disk may hang (a share gone quiet): read
/// by a thread of its own, each file copied to a private folder as it is asked for, waited
/// for at most [`Rescue::PATIENCE`] each. Once the disk fails to answer, nothing more is asked
/// of it: the files not yet read are left out (and named) rather than the rescue hanging.
pub struct Rescue {
    requests: std::sync::mpsc::Sender<(AttachmentId, PathBuf, std::sync::mpsc::Sender<bool>)>,
    dir: Option<tempfile::TempDir>,
    fetched: std::cell::RefCell<HashMap<AttachmentId, Option<PathBuf>>>,
    gave_up: std::cell::Cell<bool>,
}

impl Rescue {
    /// How long one file's bytes are waited for.
    pub const PATIENCE: std::time::Duration = std::time::Duration::from_secs(20);
    /// What is left of the patience when the reader stops trying again.
    const RETRY_FOR: std::time::Duration = std::time::Duration::from_secs(2);

    /// Starts reading `path` (opened read-only, on the reader's thread).
    pub fn start(path: &Path) -> Rescue {
        let (tx, rx) =
            std::sync::mpsc::channel::<(AttachmentId, PathBuf, std::sync::mpsc::Sender<bool>)>();
        let path = path.to_path_buf();
        let _ = std::thread::Builder::new()
            .name("giamsat-rescue".into())
            .spawn(move || {
                let mut file: Option<super::ProjectFile> = None;
                for (id, dest, reply) in rx {
                    // A disk that is only slow, or a writer still finishing a change there
                    // (the file busy), is given time: tried again until nearly out of patience.
                    let started = std::time::Instant::now();
                    let copied = loop {
                        if file.is_none() {
                            file = super::ProjectFile::open_read_only(&path).ok();
                        }
                        let copied = file.as_ref().and_then(|f| {
                            let mut from = f.open(id)?.ok()?;
                            let mut to = std::fs::File::create(&dest).ok()?;
                            io::copy(&mut from, &mut to).ok()?;
                            to.flush().ok()
                        });
                        if copied.is_some() || started.elapsed() + Self::RETRY_FOR > Self::PATIENCE
                        {
                            break copied.is_some();
                        }
                        std::thread::sleep(std::time::Duration::from_millis(250));
                    };
                    let _ = reply.send(copied);
                }
            });
        Rescue {
            requests: tx,
            // A folder of this user's own (created 0700 on Unix); without one, every file is
            // left out.
            dir: tempfile::Builder::new()
                .prefix("giamsat-cuu-")
                .tempdir()
                .ok(),
            fetched: Default::default(),
            gave_up: Default::default(),
        }
    }

    fn fetch(&self, id: AttachmentId) -> Option<PathBuf> {
        if let Some(known) = self.fetched.borrow().get(&id) {
            return known.clone();
        }
        if self.gave_up.get() {
            return None;
        }
        let dest = self.dir.as_ref()?.path().join(id.0.to_string());
        let (reply, answer) = std::sync::mpsc::channel();
        let asked = std::time::Instant::now();
        let got = self.requests.send((id, dest.clone(), reply)).is_ok()
            && match answer.recv_timeout(Self::PATIENCE) {
                Ok(true) => true,
                Ok(false) => {
                    // Tried for all that time: the disk is not coming back for the others.
                    if asked.elapsed() > Self::PATIENCE / 2 {
                        self.gave_up.set(true);
                    }
                    false
                }
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    self.gave_up.set(true);
                    false
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => false,
            };
        let known = got.then_some(dest);
        self.fetched.borrow_mut().insert(id, known.clone());
        known
    }
}

impl ContentSource for Rescue {
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        let path = self.fetch(id)?;
        Some(std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn Read>))
    }
}

pub(super) fn fail(a: &Attachment, vi: impl Into<String>, en: impl Into<String>) -> StoreError {
    StoreError::Attachment {
        id: a.id.0,
        name: a.name.clone(),
        detail: vi.into(),
        detail_en: en.into(),
    }
}

/// Fills the (zeroed) content of a just-inserted attachment from `src`, checking that exactly
/// `size` bytes with the recorded SHA-256 arrive. Runs inside the caller's transaction, which
/// a mismatch rolls back.
pub(super) fn write_content(
    conn: &Connection,
    a: &Attachment,
    src: &mut dyn Read,
) -> Result<(), StoreError> {
    let mut blob = conn.blob_open(MAIN_DB, "attachments", "content", a.id.0, false)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; PIECE];
    let mut written: u64 = 0;
    loop {
        let n = src.read(&mut buf).map_err(|e| {
            fail(
                a,
                format!("không đọc được nội dung ({e})"),
                format!("cannot read it ({e})"),
            )
        })?;
        if n == 0 {
            break;
        }
        if written + n as u64 > a.size {
            return Err(fail(
                a,
                "nội dung dài hơn kích thước đã ghi",
                "longer than its recorded size",
            ));
        }
        blob.write_all(&buf[..n]).map_err(|e| {
            fail(
                a,
                format!("không ghi được vào tệp dự án ({e})"),
                format!("cannot write it into the project ({e})"),
            )
        })?;
        hasher.update(&buf[..n]);
        written += n as u64;
    }
    if written != a.size {
        return Err(fail(
            a,
            "nội dung ngắn hơn kích thước đã ghi",
            "shorter than its recorded size",
        ));
    }
    if hex(&hasher.finalize()) != a.sha256 {
        return Err(fail(
            a,
            "mã SHA-256 của nội dung không khớp",
            "its SHA-256 does not match",
        ));
    }
    Ok(())
}

/// Copies attachment `a`'s bytes to `out` in pieces, checking them against its SHA-256; returns
/// the number of bytes. A mismatch is reported after the bytes went out: the caller writes to
/// a temporary file and keeps it only on success.
pub(super) fn read_content(
    conn: &Connection,
    a: &Attachment,
    out: &mut dyn Write,
) -> Result<u64, StoreError> {
    let mut blob = conn.blob_open(MAIN_DB, "attachments", "content", a.id.0, true)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; PIECE];
    let mut total = 0u64;
    loop {
        let n = blob.read(&mut buf).map_err(|e| {
            fail(
                a,
                format!("không đọc được từ tệp dự án ({e})"),
                format!("cannot read it from the project ({e})"),
            )
        })?;
        if n == 0 {
            break;
        }
        out.write_all(&buf[..n]).map_err(|e| {
            fail(
                a,
                format!("không ghi được bản sao ({e})"),
                format!("cannot write the copy ({e})"),
            )
        })?;
        hasher.update(&buf[..n]);
        total += n as u64;
    }
    if total != a.size || hex(&hasher.finalize()) != a.sha256 {
        return Err(fail(
            a,
            "nội dung trong tệp dự án đã bị hỏng (không khớp mã SHA-256)",
            "its bytes in the project are damaged (the SHA-256 does not match)",
        ));
    }
    Ok(total)
}

pub use crate::model::issued::hex;

/// Why a file cannot be attached.
#[derive(Debug, thiserror::Error)]
pub enum AttachError {
    #[error("tệp {} nặng {} MB, vượt giới hạn {} MB cho mỗi tệp đính kèm; hãy nén hoặc chia nhỏ tệp", .path.display(), .size / 1_048_576, MAX_ATTACHMENT_BYTES / 1_048_576)]
    TooLarge { path: PathBuf, size: u64 },
    #[error("không đọc được tệp {} ({source})", .path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{} là một thư mục, không phải tệp", .0.display())]
    NotAFile(PathBuf),
    #[error("không ghi được bản tạm để đính kèm ({0})")]
    Stage(io::Error),
}

/// A file measured for attaching: its name, size and SHA-256, and a copy of its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub name: String,
    pub size: u64,
    pub sha256: String,
    /// The staged copy of the bytes.
    pub content: PathBuf,
}

impl Prepared {
    /// What is known about the file once attached to `recommendation` as `id`, added at `at`
    /// by `by`; the caller adds the dates and what it belongs to.
    pub fn attachment(
        &self,
        id: AttachmentId,
        recommendation: crate::model::RecommendationId,
        at: chrono::NaiveDateTime,
        by: &str,
    ) -> Attachment {
        Attachment {
            id,
            recommendation_id: recommendation,
            response_id: None,
            event_id: None,
            name: self.name.clone(),
            size: self.size,
            sha256: self.sha256.clone(),
            received_on: None,
            document_date: None,
            added_at: at,
            added_by: by.to_string(),
            note: String::new(),
        }
    }
}

/// Measures `path` for attaching: refused before a byte is read when it is over the limit,
/// then read once in pieces for its SHA-256 while its bytes are copied into `stage_in`. The
/// copy is what gets stored — the user cannot change it while it waits to be written — and
/// it is removed once written.
pub fn prepare(path: &Path, stage_in: &Path) -> Result<Prepared, AttachError> {
    let read_err = |source| AttachError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(AttachError::NotAFile(path.to_path_buf()));
    }
    if meta.len() > MAX_ATTACHMENT_BYTES {
        return Err(AttachError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
        });
    }
    let mut file = std::fs::File::open(path).map_err(read_err)?;
    crate::faults::point("stage", stage_in).map_err(AttachError::Stage)?;
    std::fs::create_dir_all(stage_in).map_err(AttachError::Stage)?;
    let mut staged = tempfile::Builder::new()
        .prefix("dinh-kem-")
        .tempfile_in(stage_in)
        .map_err(AttachError::Stage)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; PIECE];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buf).map_err(read_err)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        // The file grew while being read.
        if size > MAX_ATTACHMENT_BYTES {
            return Err(AttachError::TooLarge {
                path: path.to_path_buf(),
                size,
            });
        }
        hasher.update(&buf[..n]);
        staged.write_all(&buf[..n]).map_err(AttachError::Stage)?;
    }
    let (_, content) = staged.keep().map_err(|e| AttachError::Stage(e.error))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tep".to_string());
    Ok(Prepared {
        name: crate::model::text::clean_line(&name),
        size,
        sha256: hex(&hasher.finalize()),
        content,
    })
}

/// Removes staged copies left behind a day or more ago (by a window closed before its writes,
/// or a crash); younger ones may still be waiting in another running GiamSat.
pub fn sweep_stale(stage_in: &Path) {
    let Ok(entries) = std::fs::read_dir(stage_in) else {
        return;
    };
    let day = std::time::Duration::from_secs(24 * 3600);
    for e in entries.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > day);
        if old && e.file_name().to_string_lossy().starts_with("dinh-kem-") {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// A name safe to write in any folder on Windows and Linux, keeping Vietnamese letters:
/// "BC 45/UBND?.pdf" → "BC 45_UBND_.pdf".
pub fn safe_file_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_control() || r#"<>:"/\|?*"#.contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    s = s.trim().trim_end_matches(['.', ' ']).to_string();
    // Long names stay well inside Windows' 260-character paths: the start and the extension
    // are kept.
    const MOST: usize = 100;
    if s.chars().count() > MOST {
        let ext: String = match s.rfind('.') {
            Some(i) if s.len() - i <= 10 => s[i..].to_string(),
            _ => String::new(),
        };
        let keep = MOST - ext.chars().count();
        s = s.chars().take(keep).collect::<String>() + &ext;
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if s.is_empty() || reserved {
        s = format!("tep_{s}");
    }
    s
}

/// The folder attached files are copied to for viewing: this user's own, under the app's data
/// folder (and closed to other users on Unix, mode 0700) — never the shared temporary folder,
/// where another user of the machine could put a file of the expected name there first.
pub fn viewing_dir(data_dir: &Path) -> io::Result<PathBuf> {
    let dir = data_dir.join("xem");
    std::fs::create_dir_all(&dir)?;
    #[cfg(unix)]
    {
        // A medium without Unix permissions (a FAT stick carrying a portable copy) refuses
        // this: the folder is still the user's own data folder.
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(dir)
}

/// Where `a` is copied for viewing in `viewing_dir`: a folder named by its content, so a copy
/// a viewer still holds open is opened again rather than written over.
pub fn viewing_path(viewing_dir: &Path, a: &Attachment) -> PathBuf {
    let key: String = a
        .sha256
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(16)
        .collect();
    viewing_dir.join(key).join(safe_file_name(&a.name))
}

/// Marks a copy made for viewing as coming from outside (Windows' "Mark of the Web"), so
/// that Office opens it in Protected View with its macros blocked, and SmartScreen checks a
/// program before it runs — as for a file from the Internet or an e-mail. Nothing elsewhere.
pub fn mark_as_from_outside(path: &Path) {
    #[cfg(windows)]
    {
        let mut stream = path.as_os_str().to_owned();
        stream.push(":Zone.Identifier");
        // A file system without alternate streams (FAT) cannot carry the mark: opened as is.
        let _ = std::fs::write(
            std::path::PathBuf::from(stream),
            "[ZoneTransfer]\r\nZoneId=3\r\n",
        );
    }
    #[cfg(not(windows))]
    let _ = path;
}

/// Whether `path` holds exactly the bytes whose SHA-256 is `sha256` (read through, not judged
/// by its size: a copy changed by a viewer, or planted, is not the attached file).
pub fn holds(path: &Path, sha256: &str) -> bool {
    let Ok(mut f) = std::fs::File::open(path) else {
        return false;
    };
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; PIECE];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(_) => return false,
        }
    }
    hex(&hasher.finalize()).eq_ignore_ascii_case(sha256)
}

/// Kinds of file the system "opens" by running what is in them: programs, scripts, shortcuts,
/// installers, system settings, documents that carry macros, web pages and disk images. Lower
/// case, without the dot.
#[rustfmt::skip]
const RUNNABLE: &[&str] = &[
    // Windows programs, libraries and installers.
    "exe", "com", "scr", "pif", "cpl", "dll", "msi", "msp", "mst", "msc", "appx", "msix",
    "appinstaller", "application", "gadget", "sys", "drv", "ocx",
    // Scripts.
    "bat", "cmd", "ps1", "psm1", "psd1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "wsc", "hta",
    "sct", "jar", "py", "pyw", "pl", "rb", "sh", "bash", "zsh", "csh", "ksh", "run", "command",
    "applescript", "scpt",
    // Shortcuts and settings that point at or change programs.
    "lnk", "url", "website", "scf", "inf", "reg", "desktop", "library-ms", "settingcontent-ms",
    "searchconnector-ms", "theme", "themepack",
    // Linux and macOS programs and packages.
    "appimage", "bin", "elf", "deb", "rpm", "flatpakref", "snap", "app", "pkg", "dmg",
    // Office documents with macros (the old formats carry them too), add-ins, and help files
    // and web pages that run script.
    "docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm", "doc", "dot",
    "xls", "xlt", "xla", "xll", "ppt", "pot", "pps", "wll", "chm", "hlp", "mht", "mhtml", "htm",
    "html", "xht", "xhtml", "svg", "jnlp",
    // Disk images, which open as a drive of whatever they hold.
    "iso", "img", "vhd", "vhdx",
];

/// The extension of `name` when opening it may run code ("EXE"), upper case for the question
/// the user is asked; `None` for documents, pictures and the like.
pub fn runnable_kind(name: &str) -> Option<String> {
    let safe = safe_file_name(name);
    let ext = Path::new(&safe)
        .extension()?
        .to_string_lossy()
        .to_lowercase();
    RUNNABLE.contains(&ext.as_str()).then(|| ext.to_uppercase())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn names_are_made_safe_for_windows() {
        assert_eq!(safe_file_name("BC 45/UBND?.pdf"), "BC 45_UBND_.pdf");
        assert_eq!(safe_file_name("Ảnh kiểm tra.jpg"), "Ảnh kiểm tra.jpg");
        assert_eq!(safe_file_name("con.txt"), "tep_con.txt");
        assert_eq!(safe_file_name("báo cáo. "), "báo cáo");
        let long = format!("{}.pdf", "Báo cáo kết quả ".repeat(20));
        let short = safe_file_name(&long);
        assert_eq!(short.chars().count(), 100);
        assert!(short.ends_with(".pdf"));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("lon.bin");
        let f = std::fs::File::create(&big).unwrap();
        f.set_len(MAX_ATTACHMENT_BYTES + 1).unwrap();
        let err = prepare(&big, dir.path()).unwrap_err();
        assert!(matches!(err, AttachError::TooLarge { .. }));
        assert!(err.to_string().contains("vượt giới hạn 50 MB"), "{err}");
        // Nothing was staged.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
