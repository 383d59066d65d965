//! Errors of the project file, worded for the person who picked the file: what is wrong, what
//! to do, and the file's path last.

use crate::i18n::Lang;
use crate::model::Problem;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why a file could not be opened as a GiamSat project.
#[derive(Debug)]
pub enum OpenErrorKind {
    NotFound,
    NotAFile,
    Io(std::io::Error),
    Empty,
    NotSqlite,
    Truncated {
        expected_bytes: u64,
        actual_bytes: u64,
    },
    ForeignApplication {
        application_id: i32,
    },
    TooNew {
        found: i32,
        supported: i32,
    },
    Corrupt(String),
    UnexpectedSchema(String),
    BadData(String),
    Inconsistent(Vec<Problem>),
    Locked,
    Upgrade {
        to_version: i32,
        detail: String,
    },
    Sqlite(rusqlite::Error),
}

#[derive(Debug)]
pub struct OpenError {
    pub path: PathBuf,
    pub kind: OpenErrorKind,
}

impl OpenError {
    pub fn new(path: &Path, kind: OpenErrorKind) -> OpenError {
        OpenError {
            path: path.to_path_buf(),
            kind,
        }
    }
}

impl OpenErrorKind {
    /// What is wrong and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        use OpenErrorKind::*;
        let vi = lang == Lang::Vi;
        match self {
            NotFound => if vi { "không tìm thấy tệp. Hãy kiểm tra lại đường dẫn" } else { "the file was not found. Check the path" }.into(),
            NotAFile => if vi { "đây là một thư mục, không phải tệp dự án" } else { "this is a folder, not a project file" }.into(),
            Io(e) => if vi {
                format!("không đọc được tệp ({e}). Hãy kiểm tra quyền truy cập")
            } else {
                format!("the file cannot be read ({e}). Check the permissions")
            },
            Empty => if vi {
                "tệp rỗng (0 byte), không phải tệp dự án GiamSat. Có thể tệp chưa được sao chép xong"
            } else {
                "the file is empty (0 bytes), not a GiamSat project. It may not have finished copying"
            }
            .into(),
            NotSqlite => if vi {
                "đây không phải tệp dự án GiamSat (không phải cơ sở dữ liệu SQLite). Hãy chọn tệp có đuôi .giamsat"
            } else {
                "this is not a GiamSat project file (not an SQLite database). Choose a .giamsat file"
            }
            .into(),
            Truncated { expected_bytes, actual_bytes } => if vi {
                format!(
                    "tệp bị cắt cụt: chỉ có {actual_bytes} trên {expected_bytes} byte. Có thể tệp chưa được sao chép hoặc tải xuống hết; hãy lấy lại bản đầy đủ"
                )
            } else {
                format!(
                    "the file is truncated: only {actual_bytes} of {expected_bytes} bytes. It may not have finished copying or downloading; get the whole file again"
                )
            },
            ForeignApplication { application_id } => if vi {
                format!(
                    "đây là cơ sở dữ liệu SQLite của một ứng dụng khác (application_id {application_id:#010x}), không phải tệp dự án GiamSat"
                )
            } else {
                format!(
                    "this is another application's SQLite database (application_id {application_id:#010x}), not a GiamSat project"
                )
            },
            TooNew { found, supported } => if vi {
                format!(
                    "tệp được lưu bằng phiên bản GiamSat mới hơn (lược đồ số {found}); phiên bản này chỉ đọc được đến lược đồ số {supported}. Hãy cập nhật GiamSat để mở tệp"
                )
            } else {
                format!(
                    "the file was saved by a newer GiamSat (schema {found}); this version reads up to schema {supported}. Update GiamSat to open it"
                )
            },
            Corrupt(detail) => if vi {
                format!("tệp bị hỏng ({detail}). Hãy mở bản sao lưu gần nhất của tệp")
            } else {
                format!("the file is damaged ({detail}). Open the latest backup copy of it")
            },
            UnexpectedSchema(detail) => if vi {
                format!("cấu trúc bên trong tệp không đúng của GiamSat ({detail}); có thể tệp đã bị sửa bằng công cụ khác")
            } else {
                format!("the file's inner structure is not GiamSat's ({detail}); it may have been changed by another tool")
            },
            BadData(detail) => if vi {
                format!("tệp chứa dữ liệu không hợp lệ: {detail}")
            } else {
                format!("the file holds invalid data: {detail}")
            },
            Inconsistent(problems) => {
                let mut s = String::from(if vi { "dữ liệu trong tệp không nhất quán: " } else { "the file's data is inconsistent: " });
                if let Some(p) = problems.first() {
                    s.push_str(&format!("{}: {}", p.path, p.message(lang)));
                }
                if problems.len() > 1 {
                    let n = problems.len() - 1;
                    s.push_str(&if vi { format!(" (và {n} lỗi khác)") } else { format!(" (and {n} more)") });
                }
                s
            }
            Locked => if vi { "tệp đang được một chương trình khác ghi" } else { "another program is writing the file" }.into(),
            Upgrade { to_version, detail } => if vi {
                format!("không nâng cấp được tệp lên lược đồ số {to_version} ({detail}); tệp gốc không bị thay đổi")
            } else {
                format!("the file could not be upgraded to schema {to_version} ({detail}); the original is unchanged")
            },
            Sqlite(e) => if vi { format!("lỗi cơ sở dữ liệu: {e}") } else { format!("database error: {e}") },
        }
    }
}

impl fmt::Display for OpenErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl OpenError {
    /// The whole message, the file's path last.
    pub fn message(&self, lang: Lang) -> String {
        let lead = match lang {
            Lang::Vi => "Không mở được tệp",
            Lang::En => "Could not open the file",
        };
        format!(
            "{lead}: {} — {}",
            self.kind.message(lang),
            self.path.display()
        )
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl std::error::Error for OpenError {}

/// Why reading or writing an open project failed. Nothing is half-written: every write is one
/// transaction.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("lỗi cơ sở dữ liệu: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("dữ liệu không hợp lệ: {}", first_problems(.0))]
    Invalid(Vec<Problem>),
    #[error("tệp chứa dữ liệu không hợp lệ: {0}")]
    BadData(String),
    #[error("lỗi đọc/ghi tệp {1}: {0}")]
    Io(std::io::Error, PathBuf),
    #[error("tệp đã tồn tại; hãy chọn tên khác")]
    AlreadyExists(PathBuf),
    #[error("dự án đang mở ở chế độ chỉ đọc")]
    ReadOnly,
    /// An attached file's bytes are not what was recorded with it (or are missing).
    #[error("tệp đính kèm “{name}” (mã {id}): {detail}")]
    Attachment {
        id: i64,
        name: String,
        detail: String,
        detail_en: String,
    },
}

impl StoreError {
    /// Whether the file itself could not be reached or written — a network share or USB stick
    /// gone, the disk full, the file or folder made read-only — rather than the change being
    /// wrong. SQLite rolled the transaction back: the file holds the last change that succeeded.
    pub fn is_file_unreachable(&self) -> bool {
        use rusqlite::ErrorCode::*;
        match self {
            StoreError::Io(..) => true,
            StoreError::Sqlite(e) => matches!(
                e.sqlite_error_code(),
                Some(
                    SystemIoFailure
                        | CannotOpen
                        | ReadOnly
                        | DiskFull
                        | FileLockingProtocolFailed
                        | PermissionDenied
                )
            ),
            _ => false,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Vi {
            return self.to_string();
        }
        match self {
            StoreError::Sqlite(e) => format!("database error: {e}"),
            StoreError::Invalid(p) => format!("invalid data: {}", first_problems_in(p, lang)),
            StoreError::BadData(d) => format!("the file holds invalid data: {d}"),
            StoreError::Io(e, p) => format!("cannot read or write {}: {e}", p.display()),
            StoreError::AlreadyExists(_) => "the file already exists; choose another name".into(),
            StoreError::ReadOnly => "the project is open read-only".into(),
            StoreError::Attachment {
                id,
                name,
                detail_en,
                ..
            } => format!("attached file “{name}” ({id}): {detail_en}"),
        }
    }
}

fn first_problems(problems: &[Problem]) -> String {
    first_problems_in(problems, Lang::Vi)
}

fn first_problems_in(problems: &[Problem], lang: Lang) -> String {
    let mut s = problems
        .iter()
        .take(3)
        .map(|p| format!("{}: {}", p.path, p.message(lang)))
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > 3 {
        let n = problems.len() - 3;
        s.push_str(&match lang {
            Lang::Vi => format!(" (và {n} lỗi khác)"),
            Lang::En => format!(" (and {n} more)"),
        });
    }
    s
}
