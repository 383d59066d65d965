//! The server store: a province's projects in one PostgreSQL database, for a team working on
//! them at once. Each project is its records (one JSON body each, as the model writes them),
//! its append-only history, its attached files' bytes and a numbered log of its changes. A
//! change is applied in one transaction only if every record it touches still holds what the
//! change was made against; otherwise nothing is written and the conflicts come back, with
//! whose record stands there now. The schema, the roles, row-level security and the audit
//! trail are in `sql/`. Knows nothing of egui; uses the synchronous `postgres` client.

mod address;
mod admin;
mod checkin;
mod presence;
mod project;
mod records;
mod tls;

pub use address::{Address, is_address, redact};
pub use checkin::renumber_copy;
pub use presence::Editing;
pub use project::ServerProject;
pub use records::{FieldConflict, field_conflicts, key_parts, merge_fields, rebase_edit};

use crate::model::{AttachmentId, Dossier, Edit, Record, RecordKey};
use crate::store::ContentSource;
use chrono::{DateTime, Utc};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::time::Duration;

/// The server schema's steps, numbered like the project file's.
const STEPS: &[(i32, &str)] = &[
    (1, include_str!("sql/0001_server.sql")),
    (2, include_str!("sql/0002_presence.sql")),
];

/// The newest server schema step this build knows.
pub const SERVER_SCHEMA: i32 = 2;

/// The advisory lock every schema change takes, so two `server init` never run at once.
const SCHEMA_LOCK: i64 = 0x0067_6961_6d73_6174; // "giamsat"

/// The notification channel changes are announced on.
const CHANNEL: &str = "giamsat";

/// How many records go to the server in one statement when a project is pushed.
const BATCH: usize = 2000;

/// What a person may do on the server: read, change, or also manage who belongs where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Reader,
    Editor,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "reader" => Some(Role::Reader),
            "editor" => Some(Role::Editor),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }

    fn group(self) -> &'static str {
        match self {
            Role::Reader => "giamsat_reader",
            Role::Editor => "giamsat_editor",
            Role::Admin => "giamsat_admin",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Reader => "reader",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }
}

/// A record a change expected to find as it was, and what stands there now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub key: RecordKey,
    /// What the change was made against.
    pub expected: Option<Record>,
    /// What the server holds now (`None`: someone deleted it).
    pub theirs: Option<Record>,
    /// What the change would have written.
    pub mine: Option<Record>,
    /// Who wrote the server's record last, and when (`None` when it is gone).
    pub by: Option<String>,
    pub at: Option<DateTime<Utc>>,
    /// The number of the change that wrote the server's record.
    pub version: i64,
}

/// Why the server could not do what was asked; worded for the person who asked.
#[derive(Clone, Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    Address(String),
    #[error("không kết nối được máy chủ {address}: {reason}")]
    Connect { address: String, reason: String },
    #[error(
        "cơ sở dữ liệu của {0} chưa được chuẩn bị cho GiamSat: người quản trị hãy chạy “giamsat server init”"
    )]
    NotInitialised(String),
    #[error(
        "máy chủ {server} dùng lược đồ bước {found}, bản GiamSat này chỉ biết đến bước {known}: hãy cập nhật GiamSat"
    )]
    TooNew {
        server: String,
        found: i32,
        known: i32,
    },
    #[error(
        "dự án {project} không có trên máy chủ {server}, hoặc người dùng {user} chưa được cấp quyền với dự án này"
    )]
    NoAccess {
        project: i64,
        user: String,
        server: String,
    },
    #[error("người dùng {user} không có quyền {what} trên máy chủ {server}")]
    Denied {
        user: String,
        what: String,
        server: String,
    },
    #[error("{}", conflict_message(.0, crate::i18n::Lang::Vi))]
    Conflicts(Vec<Conflict>),
    #[error("mất kết nối với máy chủ {server}: {reason}")]
    Lost { server: String, reason: String },
    #[error("máy chủ {server} báo lỗi: {reason}")]
    Db { server: String, reason: String },
    /// The server could not do it now (a lock waited for too long, a deadlock, a statement
    /// cancelled): trying again is the answer.
    #[error("máy chủ {server} đang bận ({reason}); hãy thử lại")]
    Busy { server: String, reason: String },
    #[error("{0}")]
    BadData(String),
}

impl ServerError {
    /// The message in the language asked for (the Vietnamese one is the error's own text).
    /// Texts made elsewhere (an address's, a bad record's) stay as they were written.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::Vi {
            return self.to_string();
        }
        match self {
            ServerError::Address(t) => format!("the address is not usable ({t})"),
            ServerError::BadData(t) => format!("the server's data could not be used ({t})"),
            ServerError::Connect { address, reason } => {
                format!("could not connect to the server {address}: {reason}")
            }
            ServerError::NotInitialised(s) => format!(
                "the database of {s} is not set up for GiamSat: the administrator should run “giamsat server init”"
            ),
            ServerError::TooNew {
                server,
                found,
                known,
            } => format!(
                "the server {server} has schema step {found}, this GiamSat knows only up to step {known}: please update GiamSat"
            ),
            ServerError::NoAccess {
                project,
                user,
                server,
            } => format!(
                "project {project} is not on the server {server}, or the user {user} has not been given access to it"
            ),
            ServerError::Denied { user, what, server } => {
                format!(
                    "the user {user} does not have the right needed on the server {server} ({what})"
                )
            }
            ServerError::Conflicts(c) => conflict_message(c, crate::i18n::Lang::En),
            ServerError::Lost { server, reason } => {
                format!("the connection to the server {server} was lost: {reason}")
            }
            ServerError::Db { server, reason } => {
                format!("the server {server} reported an error: {reason}")
            }
            ServerError::Busy { server, reason } => {
                format!("the server {server} is busy ({reason}); try again")
            }
        }
    }

    /// The message in both languages.
    pub fn said(&self) -> crate::i18n::Said {
        crate::i18n::Said::new(
            self.message(crate::i18n::Lang::Vi),
            self.message(crate::i18n::Lang::En),
        )
    }
}

/// The records a refused change met, in words (the first five).
fn conflict_message(c: &[Conflict], lang: crate::i18n::Lang) -> String {
    let vi = lang == crate::i18n::Lang::Vi;
    let mut s = if vi {
        format!(
            "{} bản ghi đã được người khác sửa trước; thay đổi chưa được ghi:",
            c.len()
        )
    } else {
        format!(
            "someone else changed {} records first; the change was not written:",
            c.len()
        )
    };
    for x in c.iter().take(5) {
        let (kind, id) = key_parts(x.key);
        let who = x.by.as_deref().unwrap_or("?");
        let why = match (&x.expected, &x.theirs, vi) {
            (None, Some(_), true) => {
                format!("mã này vừa được {who} dùng cho bản ghi khác: hãy làm lại thay đổi")
            }
            (None, Some(_), false) => {
                format!("{who} just used this number for another record: make the change again")
            }
            (Some(_), None, true) => "đã bị xóa".to_string(),
            (Some(_), None, false) => "deleted".to_string(),
            _ => who.to_string(),
        };
        s.push_str(&format!(" {kind} {id} ({why})"));
    }
    if c.len() > 5 {
        s.push_str(&if vi {
            format!(" và {} bản ghi khác", c.len() - 5)
        } else {
            format!(" and {} more", c.len() - 5)
        });
    }
    s
}

/// A project on the server, as loaded: its records and the number of its last change.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub dossier: Dossier,
    pub seq: i64,
}

/// One change made on the server, for clients catching up and for `server watch`.
#[derive(Clone, Debug)]
pub struct RemoteChange {
    pub project: i64,
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub by: String,
    pub label: String,
    pub edits: Vec<Edit>,
}

/// A project as `server list` shows it.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ProjectRow {
    pub id: i64,
    pub name: String,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub last_seq: i64,
    pub records: i64,
    /// Who may work on it (administrators see this; others only their own membership).
    pub members: Option<Vec<String>>,
}

/// A person who may log in, and their group.
#[derive(Clone, Debug, serde::Serialize)]
pub struct UserRow {
    pub name: String,
    pub role: String,
}

/// A connection to a GiamSat server, as one user.
pub struct Server {
    client: Client,
    address: Address,
    user: String,
}

impl fmt::Debug for Server {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Server({})", self.address)
    }
}

impl Server {
    /// Connects to the database of `address`.
    pub fn connect(address: &Address) -> Result<Server, ServerError> {
        let config = address.config().map_err(ServerError::Address)?;
        let connected = if config.get_ssl_mode() == postgres::config::SslMode::Disable {
            // Asked for in the address: a trusted network without TLS. No certificate is read.
            config.connect(postgres::NoTls)
        } else {
            let connector = tls::connector(address.root_cert().as_deref()).map_err(|reason| {
                ServerError::Connect {
                    address: address.to_string(),
                    reason,
                }
            })?;
            config.connect(connector)
        };
        let client = connected.map_err(|e| ServerError::Connect {
            address: address.to_string(),
            reason: tls::explain(reason(&e)),
        })?;
        Ok(Server {
            client,
            address: address.clone(),
            user: address.user(),
        })
    }

    /// Connects after reading `text` as an address.
    pub fn connect_to(text: &str) -> Result<Server, ServerError> {
        Server::connect(&Address::parse(text).map_err(ServerError::Address)?)
    }

    pub fn address(&self) -> &Address {
        &self.address
    }

    pub fn user(&self) -> &str {
        &self.user
    }

    /// The server process serving this connection (for an administrator's
    /// `pg_terminate_backend`, and for tests that cut a connection).
    pub fn backend_pid(&mut self) -> Result<i32, ServerError> {
        let row = self
            .client
            .query_one("SELECT pg_backend_pid()", &[])
            .map_err(|e| self.err(e))?;
        Ok(row.get(0))
    }

    /// Whether this connection is encrypted (TLS).
    pub fn is_encrypted(&mut self) -> Result<bool, ServerError> {
        let row = self
            .client
            .query_opt(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )
            .map_err(|e| self.err(e))?;
        Ok(row.is_some_and(|r| r.get(0)))
    }

    /// Whether this user may change projects (an editor or administrator), not only read them.
    pub fn may_edit(&mut self) -> Result<bool, ServerError> {
        let row = self
            .client
            .query_one(
                "SELECT pg_has_role(current_user, 'giamsat_editor', 'MEMBER')
                     OR pg_has_role(current_user, 'giamsat_admin', 'MEMBER')",
                &[],
            )
            .map_err(|e| self.err(e))?;
        Ok(row.get(0))
    }

    /// Whether the connection is gone.
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }

    fn err(&self, e: postgres::Error) -> ServerError {
        wrap(&self.address.to_string(), e)
    }

    fn denied(&self, what: &str) -> ServerError {
        ServerError::Denied {
            user: self.user.clone(),
            what: what.to_string(),
            server: self.address.to_string(),
        }
    }

    fn no_access(&self, project: i64) -> ServerError {
        ServerError::NoAccess {
            project,
            user: self.user.clone(),
            server: self.address.to_string(),
        }
    }

    /// The server's schema step; refuses one newer than this build knows.
    pub fn schema_step(&mut self) -> Result<i32, ServerError> {
        let exists: bool = self
            .client
            .query_one("SELECT to_regclass('giamsat.schema_info') IS NOT NULL", &[])
            .map_err(|e| self.err(e))?
            .get(0);
        if !exists {
            return Err(ServerError::NotInitialised(self.address.to_string()));
        }
        let step: i32 = self
            .client
            .query_one("SELECT step FROM giamsat.schema_info", &[])
            .map_err(|e| self.err(e))?
            .get(0);
        if step > SERVER_SCHEMA {
            return Err(ServerError::TooNew {
                server: self.address.to_string(),
                found: step,
                known: SERVER_SCHEMA,
            });
        }
        if step < SERVER_SCHEMA {
            return Err(ServerError::BadData(format!(
                "máy chủ {} dùng lược đồ bước {step}, cũ hơn bản GiamSat này (bước {SERVER_SCHEMA}): người quản trị hãy chạy “giamsat server init” để nâng cấp",
                self.address
            )));
        }
        Ok(step)
    }

    /// Refuses a project this user cannot see.
    fn check_project(&mut self, project: i64) -> Result<i64, ServerError> {
        let row = self
            .client
            .query_opt(
                "SELECT last_seq FROM giamsat.projects WHERE id = $1",
                &[&project],
            )
            .map_err(|e| self.err(e))?;
        row.map(|r| r.get(0)).ok_or_else(|| self.no_access(project))
    }
}

/// Whether an error is the connection's (closed, cut, timed out), not the server's answer.
fn is_connection(e: &postgres::Error) -> bool {
    use postgres::error::SqlState;
    if e.is_closed()
        || e.code().is_some_and(|c| {
            c.code().starts_with("08")
                || *c == SqlState::ADMIN_SHUTDOWN
                || *c == SqlState::IDLE_SESSION_TIMEOUT
        })
    {
        return true;
    }
    let mut source = std::error::Error::source(e);
    while let Some(x) = source {
        if x.is::<std::io::Error>() {
            return true;
        }
        source = x.source();
    }
    false
}

fn wrap(server: &str, e: postgres::Error) -> ServerError {
    use postgres::error::SqlState;
    let busy = [
        SqlState::T_R_SERIALIZATION_FAILURE,
        SqlState::T_R_DEADLOCK_DETECTED,
        SqlState::LOCK_NOT_AVAILABLE,
        SqlState::QUERY_CANCELED,
    ];
    if e.code().is_some_and(|c| busy.contains(c)) {
        return ServerError::Busy {
            server: server.to_string(),
            reason: reason(&e),
        };
    }
    if is_connection(&e) {
        ServerError::Lost {
            server: server.to_string(),
            reason: reason(&e),
        }
    } else {
        ServerError::Db {
            server: server.to_string(),
            reason: reason(&e),
        }
    }
}

/// What went wrong, without the client library's prefixes.
fn reason(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return db.message().to_string();
    }
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(x) = source {
        s.push_str(": ");
        s.push_str(&x.to_string());
        source = x.source();
    }
    s
}
