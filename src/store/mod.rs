//! The project file: one SQLite file (`.giamsat`) that says what it is (`application_id`),
//! which schema it has (`user_version`), opens defensively, migrates forward, and changes only
//! in whole transactions. Knows nothing of egui.

pub mod attachments;
pub mod error;
mod origin;
mod read;
pub mod schema;
pub mod server;
mod write;

pub use attachments::{AttachError, ContentSource, NoContent, Prepared};
pub use error::{OpenError, OpenErrorKind, StoreError};
pub use origin::ServerOrigin;
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

use crate::fsutil::{
    free_name_beside, remove_file_patiently, rename_durably, sync_file, temp_beside,
};
use crate::model::{Attachment, Dossier, RecordCounts};
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The file name extension of project files, without the dot.
pub const EXTENSION: &str = "giamsat";

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether an open project may be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    ReadOnly,
}

/// What opening did besides opening: an older file is upgraded after a backup copy is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upgraded {
    pub from_version: i32,
    /// The untouched copy of the file as it was; `None` when upgraded only in memory
    /// (read-only access).
    pub backup: Option<PathBuf>,
}

/// Why a change could not be written: the file's reason or the server's (a server's conflict
/// says whose newer records stand in the way).
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    File(#[from] StoreError),
    #[error(transparent)]
    Server(#[from] server::ServerError),
}

/// Where a project is kept: a project file or a project on a server. The same typed changes
/// (lists of edits, each one transaction) are read from and written to either.
pub trait ProjectStore: Send {
    /// The whole project as stored now.
    fn load_dossier(&mut self) -> Result<Dossier, WriteError>;
    /// Writes one change, all of it or nothing; `label` says what it was ("sửa số vốn …").
    fn write_change(
        &mut self,
        label: &str,
        edits: &[crate::model::Edit],
        content: &dyn ContentSource,
    ) -> Result<(), WriteError>;
}

impl ProjectStore for ProjectFile {
    fn load_dossier(&mut self) -> Result<Dossier, WriteError> {
        Ok(self.load()?)
    }

    fn write_change(
        &mut self,
        _label: &str,
        edits: &[crate::model::Edit],
        content: &dyn ContentSource,
    ) -> Result<(), WriteError> {
        Ok(self.apply_edits_with(edits, content)?)
    }
}

/// An open project file.
pub struct ProjectFile {
    conn: Connection,
    path: PathBuf,
    access: Access,
    upgraded: Option<Upgraded>,
}

impl std::fmt::Debug for ProjectFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProjectFile")
            .field("path", &self.path)
            .field("access", &self.access)
            .finish()
    }
}

/// Settings every connection gets before it reads anything: a file from elsewhere is untrusted
/// input (sqlite.org, "Defense Against The Dark Arts").
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    // A file's triggers and views must not run before the schema check has compared them
    // with ours (GiamSat has triggers, no views); `configure` turns triggers back on.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    Ok(())
}

/// Settings for using a checked file. Its triggers are ours (the schema check compared their
/// text), and they keep the follow-up history append-only.
fn configure(conn: &Connection, access: Access) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, true)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    if access == Access::ReadWrite {
        // A rollback journal keeps the file self-contained when copied, emailed or put on a
        // USB stick (no -wal file beside it).
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.busy_timeout(std::time::Duration::from_secs(2))?;
    Ok(())
}

fn classify(e: rusqlite::Error) -> OpenErrorKind {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => OpenErrorKind::NotSqlite,
        Some(ErrorCode::DatabaseCorrupt) => OpenErrorKind::Corrupt(e.to_string()),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => OpenErrorKind::Locked,
        _ => OpenErrorKind::Sqlite(e),
    }
}

/// Checks what can be checked before SQLite sees the file: it exists, is not empty, starts like
/// a SQLite file and is as long as its header says.
fn preflight(path: &Path) -> Result<(), OpenErrorKind> {
    let meta = fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => OpenErrorKind::NotFound,
        _ => OpenErrorKind::Io(e),
    })?;
    if meta.is_dir() {
        return Err(OpenErrorKind::NotAFile);
    }
    let len = meta.len();
    if len == 0 {
        return Err(OpenErrorKind::Empty);
    }
    let mut header = Vec::with_capacity(100);
    fs::File::open(path)
        .and_then(|f| f.take(100).read_to_end(&mut header))
        .map_err(OpenErrorKind::Io)?;
    if header.len() < SQLITE_MAGIC.len() || &header[..16] != SQLITE_MAGIC {
        return Err(OpenErrorKind::NotSqlite);
    }
    if header.len() < 100 {
        return Err(OpenErrorKind::Truncated {
            expected_bytes: 512,
            actual_bytes: len,
        });
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536u64,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => {
            return Err(OpenErrorKind::Corrupt(
                "kích thước trang không hợp lệ".into(),
            ));
        }
    };
    // The page count in the header is valid only when the change counter matches
    // "version-valid-for" (SQLite file format §1.3.7) — and not while a commit a crash left
    // half done waits to be rolled back from its journal, which SQLite does on opening.
    let pages = u64::from(be32(28));
    if pages > 0 && be32(24) == be32(92) && !has_journal(path) {
        let expected = pages * page_size;
        if len < expected {
            return Err(OpenErrorKind::Truncated {
                expected_bytes: expected,
                actual_bytes: len,
            });
        }
    }
    Ok(())
}

/// Whether a rollback journal lies beside the file: a commit in progress, or one a crash cut
/// short (a "hot" journal), which SQLite rolls back when the file is next opened for writing.
fn has_journal(path: &Path) -> bool {
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    fs::metadata(&journal).is_ok_and(|m| m.len() > 0)
}

/// A read-only connection cannot roll back a commit a crash cut short, and would refuse the
/// file. Any SQLite reader allowed to write rolls it back on its first read; do that, with a
/// hardened connection of its own, before opening read-only — but only while holding the
/// project's lock: then no GiamSat is writing the file, whatever SQLite's own locks are worth
/// on a network share. When another GiamSat holds it, its journal is its own business.
fn roll_back_hot_journal(path: &Path) {
    if !has_journal(path) {
        return;
    }
    let Ok(_lock) = crate::lock::FileLock::acquire(path) else {
        return;
    };
    if let Ok(rw) = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) && harden(&rw).is_ok()
    {
        let _ = rw.busy_timeout(std::time::Duration::from_secs(2));
        let _ = rw.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
            r.get::<_, i64>(0)
        });
    }
}

fn read_version(conn: &Connection) -> rusqlite::Result<(i32, i32)> {
    let app: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let version: i32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    Ok((app, version))
}

fn quick_check(conn: &Connection) -> Result<(), OpenErrorKind> {
    let mut stmt = conn.prepare("PRAGMA quick_check").map_err(classify)?;
    let lines: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .and_then(|rows| rows.collect())
        .map_err(classify)?;
    if lines.len() == 1 && lines[0] == "ok" {
        Ok(())
    } else {
        Err(OpenErrorKind::Corrupt(
            lines.into_iter().take(3).collect::<Vec<_>>().join("; "),
        ))
    }
}

impl ProjectFile {
    /// Creates a new project file holding `dossier`. The file appears whole or not at all; an
    /// existing file is never overwritten.
    pub fn create(path: &Path, dossier: &Dossier) -> Result<ProjectFile, StoreError> {
        Self::create_with_content(path, dossier, &NoContent)
    }

    /// Creates a new project file holding `dossier`, its attachments' bytes taken from
    /// `content` (a JSON file's, decoded).
    pub fn create_with_content(
        path: &Path,
        dossier: &Dossier,
        content: &dyn ContentSource,
    ) -> Result<ProjectFile, StoreError> {
        Self::write_new(path, dossier, SCHEMA_VERSION, content)?;
        ProjectFile::open(path).map_err(|e| StoreError::BadData(e.to_string()))
    }

    /// Writes a new project file holding `dossier` at `path`, replacing what is there (Save As
    /// onto a file the user chose to overwrite), and opens it. The file appears whole or not
    /// at all.
    /// The attachments' bytes come from `content` (the file being replaced); those it cannot
    /// give are left out of the copy and named in the answer.
    pub fn create_replacing(
        path: &Path,
        dossier: &Dossier,
        content: &dyn ContentSource,
    ) -> Result<(ProjectFile, Vec<Attachment>), StoreError> {
        let mut d = dossier.clone();
        let (kept, mut left_out): (Vec<Attachment>, Vec<Attachment>) = d
            .attachments
            .drain(..)
            .partition(|a| content.open(a.id).is_some_and(|r| r.is_ok()));
        d.attachments = kept;
        let tmp = temp_beside(path);
        // A file whose bytes turn out damaged or unreadable part-way is left out too, and the
        // copy written again without it: the rest of the work is what this copy is for.
        loop {
            match Self::write_new(&tmp, &d, SCHEMA_VERSION, content) {
                Ok(()) => break,
                Err(StoreError::Attachment { id, .. })
                    if d.attachments.iter().any(|a| a.id.0 == id) =>
                {
                    let _ = remove_file_patiently(&tmp);
                    if let Some(i) = d.attachments.iter().position(|a| a.id.0 == id) {
                        left_out.push(d.attachments.remove(i));
                    }
                }
                Err(e) => return Err(e),
            }
        }
        if let Err(e) =
            crate::faults::point("create", path).and_then(|()| rename_durably(&tmp, path))
        {
            let _ = remove_file_patiently(&tmp);
            return Err(StoreError::Io(e, path.to_path_buf()));
        }
        let file = Self::open_written(path)?;
        Ok((file, left_out))
    }

    /// Writes a new file at schema `version` without opening it. Tests of the upgrade path use
    /// it to make old files; an older version holds only the dossier's name.
    #[doc(hidden)]
    pub fn create_with_version(
        path: &Path,
        dossier: &Dossier,
        version: i32,
    ) -> Result<(), StoreError> {
        Self::write_new(path, dossier, version, &NoContent)
    }

    fn write_new(
        path: &Path,
        dossier: &Dossier,
        version: i32,
        content: &dyn ContentSource,
    ) -> Result<(), StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists(path.to_path_buf()));
        }
        let dossier = Self::checked(dossier)?;
        let tmp = temp_beside(path);
        let result = (|| -> Result<(), StoreError> {
            let mut conn = Connection::open_with_flags(
                &tmp,
                OpenFlags::SQLITE_OPEN_READ_WRITE
                    | OpenFlags::SQLITE_OPEN_CREATE
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            harden(&conn)?;
            configure(&conn, Access::ReadWrite)?;
            let tx = conn.transaction()?;
            schema::upgrade(&tx, 0, version)?;
            if version == SCHEMA_VERSION {
                write::replace_dossier(&tx, &dossier, content)?;
            } else {
                tx.execute(
                    "INSERT INTO dossier_info (id, name) VALUES (1, ?1)",
                    [&dossier.info.name],
                )?;
            }
            tx.commit()?;
            conn.close().map_err(|(_, e)| e)?;
            sync_file(&tmp).map_err(|e| StoreError::Io(e, tmp.clone()))?;
            if path.exists() {
                return Err(StoreError::AlreadyExists(path.to_path_buf()));
            }
            rename_durably(&tmp, path).map_err(|e| StoreError::Io(e, path.to_path_buf()))
        })();
        if result.is_err() {
            let _ = remove_file_patiently(&tmp);
        }
        result
    }

    /// Opens a project file for reading and writing. An older schema is upgraded inside one
    /// transaction after an untouched copy is kept beside the file.
    pub fn open(path: &Path) -> Result<ProjectFile, OpenError> {
        Self::open_with(path, Access::ReadWrite)
    }

    /// Opens without ever writing to the file. An older schema is upgraded in memory only.
    pub fn open_read_only(path: &Path) -> Result<ProjectFile, OpenError> {
        Self::open_with(path, Access::ReadOnly)
    }

    pub fn open_with(path: &Path, access: Access) -> Result<ProjectFile, OpenError> {
        let fail = |kind| OpenError::new(path, kind);
        crate::faults::point("open", path).map_err(|e| fail(OpenErrorKind::Io(e)))?;
        preflight(path).map_err(fail)?;
        if access == Access::ReadOnly {
            roll_back_hot_journal(path);
        }
        let flags = match access {
            Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| fail(classify(e)))?;
        harden(&conn).map_err(|e| fail(classify(e)))?;
        let (app, version) = read_version(&conn).map_err(|e| fail(classify(e)))?;
        if app != APPLICATION_ID {
            return Err(fail(OpenErrorKind::ForeignApplication {
                application_id: app,
            }));
        }
        if version > SCHEMA_VERSION {
            return Err(fail(OpenErrorKind::TooNew {
                found: version,
                supported: SCHEMA_VERSION,
            }));
        }
        if version < 1 {
            return Err(fail(OpenErrorKind::UnexpectedSchema(format!(
                "lược đồ số {version}"
            ))));
        }
        quick_check(&conn).map_err(fail)?;
        let found = schema::fingerprint(&conn).map_err(|e| fail(classify(e)))?;
        let expected =
            schema::reference_fingerprint(version).map_err(|e| fail(OpenErrorKind::Sqlite(e)))?;
        if let Some(diff) = schema::schema_difference(&found, &expected) {
            return Err(fail(OpenErrorKind::UnexpectedSchema(diff)));
        }

        let mut file = ProjectFile {
            conn,
            path: path.to_path_buf(),
            access,
            upgraded: None,
        };
        if version < SCHEMA_VERSION {
            file.upgrade_from(version).map_err(fail)?;
        }
        configure(&file.conn, access).map_err(|e| fail(classify(e)))?;
        Ok(file)
    }

    fn upgrade_from(&mut self, version: i32) -> Result<(), OpenErrorKind> {
        let upgrade_err = |detail: String| OpenErrorKind::Upgrade {
            to_version: SCHEMA_VERSION,
            detail,
        };
        let backup = match self.access {
            Access::ReadWrite => {
                let backup = free_name_beside(&self.path, &format!(".v{version}.bak"));
                fs::copy(&self.path, &backup).map_err(|e| {
                    upgrade_err(format!(
                        "không tạo được bản sao lưu {}: {e}",
                        backup.display()
                    ))
                })?;
                Some(backup)
            }
            Access::ReadOnly => {
                let mut mem = Connection::open_in_memory().map_err(OpenErrorKind::Sqlite)?;
                rusqlite::backup::Backup::new(&self.conn, &mut mem)
                    .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
                    .map_err(|e| upgrade_err(e.to_string()))?;
                harden(&mem).map_err(OpenErrorKind::Sqlite)?;
                self.conn = mem;
                None
            }
        };
        // A step may rebuild a table (drop it, rename a new one in its place); with foreign
        // keys on, dropping it would cascade to the rows that refer to it. They are checked
        // before the commit instead (sqlite.org/lang_altertable.html, step 10).
        self.conn
            .pragma_update(None, "foreign_keys", false)
            .map_err(|e| upgrade_err(e.to_string()))?;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| upgrade_err(e.to_string()))?;
        schema::upgrade(&tx, version, SCHEMA_VERSION).map_err(|e| upgrade_err(e.to_string()))?;
        let dangling: i64 = tx
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .map_err(|e| upgrade_err(e.to_string()))?;
        if dangling > 0 {
            return Err(upgrade_err(format!(
                "{dangling} bản ghi trỏ tới bản ghi không tồn tại"
            )));
        }
        tx.commit().map_err(|e| upgrade_err(e.to_string()))?;
        self.upgraded = Some(Upgraded {
            from_version: version,
            backup,
        });
        Ok(())
    }

    /// Opens and reads the whole dossier, checking its consistency.
    pub fn open_and_load(path: &Path, access: Access) -> Result<(ProjectFile, Dossier), OpenError> {
        let file = Self::open_with(path, access)?;
        let dossier = file.load().map_err(|e| {
            OpenError::new(
                path,
                match e {
                    StoreError::Invalid(p) => OpenErrorKind::Inconsistent(p),
                    StoreError::BadData(d) => OpenErrorKind::BadData(d),
                    StoreError::Sqlite(e) => classify(e),
                    other => OpenErrorKind::BadData(other.to_string()),
                },
            )
        })?;
        Ok((file, dossier))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn access(&self) -> Access {
        self.access
    }

    /// Whether SQLite can only read the file, whatever access was asked for (it opens a file
    /// the system will not let it write read-only).
    pub fn is_read_only(&self) -> bool {
        self.access == Access::ReadOnly || self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
    }

    /// Set when opening upgraded an older file.
    pub fn upgraded(&self) -> Option<&Upgraded> {
        self.upgraded.as_ref()
    }

    pub fn schema_version(&self) -> Result<i32, StoreError> {
        Ok(read_version(&self.conn)?.1)
    }

    /// Reads the whole dossier; a value that breaks the model's rules is reported, not loaded.
    pub fn load(&self) -> Result<Dossier, StoreError> {
        let dossier = read::load_dossier(&self.conn)?;
        let problems = dossier.validate();
        if problems.is_empty() {
            Ok(dossier)
        } else {
            Err(StoreError::Invalid(problems))
        }
    }

    /// The highest id ever given to a record of each table in this file, deleted records
    /// included: SQLite keeps it for AUTOINCREMENT tables in `sqlite_sequence`. New ids start
    /// above it, so an id is never reused within a file (a new conclusion never inherits a
    /// deleted one's version history).
    pub fn issued_ids(
        &self,
    ) -> Result<std::collections::HashMap<crate::model::Table, i64>, StoreError> {
        let mut out = std::collections::HashMap::new();
        let mut stmt = self.conn.prepare("SELECT name, seq FROM sqlite_sequence")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?;
        for row in rows {
            let (name, seq) = row?;
            if let Some(table) = write::table_of(&name) {
                out.insert(table, seq.max(0));
            }
        }
        Ok(out)
    }

    /// Makes the file number new records of each table from at least the id given (ids a
    /// server reserved for the work done in this file): the ids it hands out next are those.
    pub fn number_from(&mut self, next: &[(crate::model::Table, i64)]) -> Result<(), StoreError> {
        self.write(|tx| {
            for &(table, id) in next {
                let name = write::sql_name(table);
                let seq = id.saturating_sub(1).max(0);
                let updated = tx.execute(
                    "UPDATE sqlite_sequence SET seq = max(seq, ?2) WHERE name = ?1",
                    rusqlite::params![name, seq],
                )?;
                if updated == 0 {
                    tx.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (?1, ?2)",
                        rusqlite::params![name, seq],
                    )?;
                }
            }
            Ok(())
        })
    }

    /// Tests simulate a full disk with it: the file may not grow by a single page.
    #[doc(hidden)]
    pub fn limit_growth_for_tests(&self) -> Result<(), StoreError> {
        let pages: i64 = self
            .conn
            .pragma_query_value(None, "page_count", |r| r.get(0))?;
        self.conn
            .pragma_update_and_check(None, "max_page_count", pages, |_| Ok(()))?;
        Ok(())
    }

    /// Counts of each kind of record.
    pub fn counts(&self) -> Result<RecordCounts, StoreError> {
        Ok(self.load()?.counts())
    }

    /// The one choke point for changes: `f` runs in a transaction that is committed when it
    /// returns `Ok` and rolled back otherwise, so a change is wholly in the file or not at all.
    pub fn write<T>(
        &mut self,
        f: impl FnOnce(&Transaction<'_>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::ReadOnly);
        }
        let tx = self.conn.transaction()?;
        let value = f(&tx)?;
        crate::faults::point("commit", &self.path)
            .map_err(|e| StoreError::Io(e, self.path.clone()))?;
        tx.commit()?;
        Ok(value)
    }

    /// Replaces the whole content with `dossier` (after NFC normalisation and validation).
    pub fn replace_dossier(&mut self, dossier: &Dossier) -> Result<(), StoreError> {
        let dossier = Self::checked(dossier)?;
        self.write(|tx| write::replace_dossier(tx, &dossier, &NoContent))
    }

    /// Stores the edits of one change in one transaction. The caller has checked them against
    /// the model (see `Dossier::apply_edit` and `Dossier::validate`); the database's own keys and
    /// constraints are checked again at commit.
    pub fn apply_edits(&mut self, edits: &[crate::model::Edit]) -> Result<(), StoreError> {
        self.apply_edits_with(edits, &NoContent)
    }

    /// As [`ProjectFile::apply_edits`], the bytes of newly attached files read from `content`
    /// in the same transaction.
    pub fn apply_edits_with(
        &mut self,
        edits: &[crate::model::Edit],
        content: &dyn ContentSource,
    ) -> Result<(), StoreError> {
        self.write(|tx| write::apply_edits(tx, edits, content))
    }

    /// Copies an attachment's bytes to `out`, checked against its SHA-256 (see
    /// [`ProjectFile::save_attachment`] for a file).
    pub fn read_attachment(
        &self,
        a: &Attachment,
        out: &mut dyn std::io::Write,
    ) -> Result<u64, StoreError> {
        attachments::read_content(&self.conn, a, out)
    }

    /// Writes an attachment's bytes to `dest`: whole and checked, or not at all.
    pub fn save_attachment(&self, a: &Attachment, dest: &Path) -> Result<(), StoreError> {
        let tmp = temp_beside(dest);
        let result = (|| {
            let mut f = fs::File::create(&tmp).map_err(|e| StoreError::Io(e, tmp.clone()))?;
            attachments::read_content(&self.conn, a, &mut f)?;
            f.sync_all().map_err(|e| StoreError::Io(e, tmp.clone()))?;
            drop(f);
            crate::faults::point("copy_out", dest)
                .map_err(|e| StoreError::Io(e, dest.to_path_buf()))?;
            rename_durably(&tmp, dest).map_err(|e| StoreError::Io(e, dest.to_path_buf()))
        })();
        if result.is_err() {
            let _ = remove_file_patiently(&tmp);
        }
        result
    }

    /// The bytes the file takes on disk.
    pub fn file_size(&self) -> u64 {
        fs::metadata(&self.path).map(|m| m.len()).unwrap_or(0)
    }

    fn checked(dossier: &Dossier) -> Result<Dossier, StoreError> {
        let mut d = dossier.clone();
        d.normalize();
        let problems = d.validate();
        if problems.is_empty() {
            Ok(d)
        } else {
            Err(StoreError::Invalid(problems))
        }
    }

    /// Copies the project to `dest` with SQLite's backup API (the copy appears whole or not at
    /// all) and continues on the copy.
    pub fn save_as(&mut self, dest: &Path) -> Result<(), StoreError> {
        let tmp = temp_beside(dest);
        let result = (|| -> Result<(), StoreError> {
            let mut out = Connection::open(&tmp)?;
            rusqlite::backup::Backup::new(&self.conn, &mut out)?.run_to_completion(
                256,
                std::time::Duration::ZERO,
                None,
            )?;
            out.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
            out.close().map_err(|(_, e)| e)?;
            sync_file(&tmp).map_err(|e| StoreError::Io(e, tmp.clone()))?;
            crate::faults::point("save_as", dest)
                .map_err(|e| StoreError::Io(e, dest.to_path_buf()))?;
            rename_durably(&tmp, dest).map_err(|e| StoreError::Io(e, dest.to_path_buf()))
        })();
        if let Err(e) = result {
            let _ = remove_file_patiently(&tmp);
            return Err(e);
        }
        *self = Self::open_written(dest)?;
        Ok(())
    }

    /// Opens a copy just written at `path`. A copy that cannot be opened is removed: the
    /// Save As failed, and a file the window never went on with must not be taken for it.
    fn open_written(path: &Path) -> Result<ProjectFile, StoreError> {
        ProjectFile::open(path).map_err(|e| {
            let _ = remove_file_patiently(path);
            StoreError::BadData(e.to_string())
        })
    }

    /// A full integrity check (slower than the quick check done on opening) plus foreign keys.
    /// Empty when all is well.
    pub fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<Result<_, _>>()?;
        if problems == ["ok"] {
            problems.clear();
        }
        let fk: Vec<String> = self
            .conn
            .prepare("PRAGMA foreign_key_check")?
            .query_map([], |r| {
                Ok(format!(
                    "bảng {} bản ghi {:?} trỏ tới bản ghi không tồn tại trong bảng {}",
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?
                ))
            })?
            .collect::<Result<_, _>>()?;
        problems.extend(fk);
        // Every attached file's bytes, read through against the SHA-256 recorded with them.
        if let Ok(d) = read::load_dossier(&self.conn) {
            for a in &d.attachments {
                if let Err(e) = attachments::read_content(&self.conn, a, &mut std::io::sink()) {
                    problems.push(e.to_string());
                }
            }
        }
        Ok(problems)
    }
}
