//! Errors of the project file, worded for the person who picked the file: what is wrong, what
//! to do, and the file's path last.

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

impl fmt::Display for OpenErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use OpenErrorKind::*;
        match self {
            NotFound => write!(f, "không tìm thấy tệp. Hãy kiểm tra lại đường dẫn"),
            NotAFile => write!(f, "đây là một thư mục, không phải tệp dự án"),
            Io(e) => write!(f, "không đọc được tệp ({e}). Hãy kiểm tra quyền truy cập"),
            Empty => write!(
                f,
                "tệp rỗng (0 byte), không phải tệp dự án GiamSat. Có thể tệp chưa được sao chép xong"
            ),
            NotSqlite => write!(
                f,
                "đây không phải tệp dự án GiamSat (không phải cơ sở dữ liệu SQLite). Hãy chọn tệp có đuôi .giamsat"
            ),
            Truncated {
                expected_bytes,
                actual_bytes,
            } => write!(
                f,
                "tệp bị cắt cụt: chỉ có {actual_bytes} trên {expected_bytes} byte. Có thể tệp chưa được sao chép hoặc tải xuống hết; hãy lấy lại bản đầy đủ"
            ),
            ForeignApplication { application_id } => write!(
                f,
                "đây là cơ sở dữ liệu SQLite của một ứng dụng khác (application_id {application_id:#010x}), không phải tệp dự án GiamSat"
            ),
            TooNew { found, supported } => write!(
                f,
                "tệp được lưu bằng phiên bản GiamSat mới hơn (lược đồ số {found}); phiên bản này chỉ đọc được đến lược đồ số {supported}. Hãy cập nhật GiamSat để mở tệp"
            ),
            Corrupt(detail) => write!(
                f,
                "tệp bị hỏng ({detail}). Hãy mở bản sao lưu gần nhất của tệp"
            ),
            UnexpectedSchema(detail) => write!(
                f,
                "cấu trúc bên trong tệp không đúng của GiamSat ({detail}); có thể tệp đã bị sửa bằng công cụ khác"
            ),
            BadData(detail) => write!(f, "tệp chứa dữ liệu không hợp lệ: {detail}"),
            Inconsistent(problems) => {
                write!(f, "dữ liệu trong tệp không nhất quán: ")?;
                if let Some(p) = problems.first() {
                    write!(f, "{p}")?;
                }
                if problems.len() > 1 {
                    write!(f, " (và {} lỗi khác)", problems.len() - 1)?;
                }
                Ok(())
            }
            Locked => write!(f, "tệp đang được một chương trình khác ghi"),
            Upgrade { to_version, detail } => write!(
                f,
                "không nâng cấp được tệp lên lược đồ số {to_version} ({detail}); tệp gốc không bị thay đổi"
            ),
            Sqlite(e) => write!(f, "lỗi cơ sở dữ liệu: {e}"),
        }
    }
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Không mở được tệp: {} — {}",
            self.kind,
            self.path.display()
        )
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
}

fn first_problems(problems: &[Problem]) -> String {
    let mut s = problems
        .iter()
        .take(3)
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    if problems.len() > 3 {
        s.push_str(&format!(" (và {} lỗi khác)", problems.len() - 3));
    }
    s
}
