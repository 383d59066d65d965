//! Where a command's project comes from: a project file, or a project on a server given by
//! its address (`postgres://…?project=ID`). Commands that only read take either and print the
//! same.

use crate::model::renumber;
use crate::model::{Attachment, AttachmentId, Dossier, Record, Table};
use crate::store::server::{Address, Server, is_address};
use crate::store::{Access, ContentSource, ProjectFile, SCHEMA_VERSION};
use sha2::{Digest, Sha256};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{self, Read};
use std::path::Path;

/// An opened project, read-only.
pub(super) enum Opened {
    File(ProjectFile),
    Server {
        server: Box<RefCell<Server>>,
        project: i64,
        seq: i64,
    },
}

/// Opens `file` (a path or a server address) for reading.
pub(super) fn open_read_only(file: &Path) -> Result<(Opened, Dossier), String> {
    if let Some(text) = file.to_str().filter(|t| is_address(t)) {
        let (server, project) = connect_project(text)?;
        let mut server = server;
        let loaded = server.load(project).map_err(|e| e.to_string())?;
        return Ok((
            Opened::Server {
                server: Box::new(RefCell::new(server)),
                project,
                seq: loaded.seq,
            },
            loaded.dossier,
        ));
    }
    let (f, d) = ProjectFile::open_and_load(file, Access::ReadOnly).map_err(|e| e.to_string())?;
    Ok((Opened::File(f), d))
}

/// Connects to the server of an address that names a project.
pub(super) fn connect_project(text: &str) -> Result<(Server, i64), String> {
    let address = Address::parse(text)?;
    let Some(project) = address.project else {
        return Err(format!(
            "địa chỉ “{address}” không nói dự án nào: thêm ?project=MÃ (xem “giamsat server list”)"
        ));
    };
    let server = Server::connect(&address).map_err(|e| e.to_string())?;
    Ok((server, project))
}

impl Opened {
    /// The line that says where the project is, for `check`.
    pub(super) fn origin_line(&self, file: &Path) -> String {
        match self {
            Opened::File(_) => format!("Tệp: {}", file.display()),
            Opened::Server { server, seq, .. } => {
                format!("Máy chủ: {} (thay đổi số {seq})", server.borrow().address())
            }
        }
    }

    /// The schema the project was stored with, for `check`.
    pub(super) fn schema_line(&self) -> String {
        match self {
            Opened::File(f) => {
                let version = f.upgraded().map_or(SCHEMA_VERSION, |u| u.from_version);
                if version < SCHEMA_VERSION {
                    format!(
                        "Lược đồ: số {version} (cũ; sẽ được nâng cấp lên số {SCHEMA_VERSION} khi mở để sửa, có giữ bản sao lưu)"
                    )
                } else {
                    format!("Lược đồ: số {version} (đúng phiên bản này)")
                }
            }
            Opened::Server { .. } => format!(
                "Lược đồ máy chủ: bước {} (đúng phiên bản này)",
                crate::store::server::SERVER_SCHEMA
            ),
        }
    }

    /// What is damaged: the file's own check, or for a server, attached files whose bytes are
    /// missing or do not match their SHA-256.
    pub(super) fn integrity_problems(&self, d: &Dossier) -> Result<Vec<String>, String> {
        match self {
            Opened::File(f) => f.integrity_problems().map_err(|e| e.to_string()),
            Opened::Server { .. } => {
                let mut problems = Vec::new();
                for a in &d.attachments {
                    match self.bytes(a.id)? {
                        None => problems.push(format!(
                            "tệp minh chứng [{}] {}: máy chủ không có nội dung",
                            a.id.0, a.name
                        )),
                        Some(b) if hex_sha256(&b) != a.sha256 => problems.push(format!(
                            "tệp minh chứng [{}] {}: nội dung không khớp mã SHA-256",
                            a.id.0, a.name
                        )),
                        Some(_) => {}
                    }
                }
                Ok(problems)
            }
        }
    }

    fn bytes(&self, id: AttachmentId) -> Result<Option<Vec<u8>>, String> {
        match self {
            Opened::File(_) => Ok(None),
            Opened::Server {
                server, project, ..
            } => server
                .borrow_mut()
                .content(*project, id)
                .map_err(|e| e.to_string()),
        }
    }

    /// Writes an attachment's bytes to `dest`, checked against its SHA-256.
    pub(super) fn save_attachment(&self, a: &Attachment, dest: &Path) -> Result<(), String> {
        match self {
            Opened::File(f) => f.save_attachment(a, dest).map_err(|e| e.to_string()),
            Opened::Server { .. } => {
                let bytes = self.bytes(a.id)?.ok_or_else(|| {
                    format!(
                        "máy chủ không có nội dung tệp minh chứng [{}] {}",
                        a.id.0, a.name
                    )
                })?;
                if hex_sha256(&bytes) != a.sha256 {
                    return Err(format!(
                        "nội dung tệp minh chứng [{}] {} trên máy chủ không khớp mã SHA-256",
                        a.id.0, a.name
                    ));
                }
                crate::fsutil::write_atomically_with(dest, |w| std::io::Write::write_all(w, &bytes))
                    .map_err(|e| format!("không ghi được tệp ({e}) — {}", dest.display()))
            }
        }
    }
}

impl ContentSource for Opened {
    fn open(&self, id: AttachmentId) -> Option<io::Result<Box<dyn Read + '_>>> {
        match self {
            Opened::File(f) => f.open(id),
            Opened::Server { .. } => match self.bytes(id) {
                Ok(Some(b)) => Some(Ok(Box::new(io::Cursor::new(b)))),
                Ok(None) => None,
                Err(e) => Some(Err(io::Error::other(e))),
            },
        }
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    crate::model::issued::hex(&Sha256::digest(bytes))
}

/// How many ids of each table a command on a server's project has reserved for it.
const RESERVED: i32 = 1000;

/// Runs a command that changes a project on a server: the project is copied into a file in a
/// temporary folder, `run` works on that copy as on any project file, and what it changed is
/// written back as one change, checked against the server's records (on a conflict nothing
/// is written and the message names whose change stands in the way). The command's output
/// names the address, not the copy.
pub(super) fn on_server_copy(
    text: &str,
    label: &str,
    out: &mut dyn std::io::Write,
    run: impl FnOnce(&Path, &mut dyn std::io::Write) -> Result<(), String>,
) -> Result<(), String> {
    let (mut server, project) = connect_project(text)?;
    let (loaded, contents) = server
        .load_with_contents(project)
        .map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir()
        .map_err(|e| format!("không tạo được thư mục tạm để làm việc với bản sao: {e}"))?;
    let copy = dir.path().join("ban-sao-may-chu.giamsat");
    // New records take ids reserved on the server for this command, never ones a window
    // holds in its block or someone else adds meanwhile (one round trip for every table).
    let asked: Vec<(String, i64)> = Table::ALL
        .iter()
        .map(|t| (format!("{t:?}"), loaded.dossier.next_id(*t)))
        .collect();
    let firsts = server
        .reserve_many(project, &asked, RESERVED)
        .map_err(|e| e.to_string())?;
    let reserved: Vec<(Table, i64)> = Table::ALL
        .iter()
        .filter_map(|t| {
            let kind = format!("{t:?}");
            let first = firsts.iter().find(|(k, _)| *k == kind)?.1;
            Some((*t, first))
        })
        .collect();
    let base = {
        let mut f = ProjectFile::create_with_content(&copy, &loaded.dossier, &contents)
            .map_err(|e| e.to_string())?;
        f.number_from(&reserved).map_err(|e| e.to_string())?;
        f.load().map_err(|e| e.to_string())?
    };
    let mut buf = Vec::new();
    let result = run(&copy, &mut buf);
    let shown = server.address().with_project(project).to_string();
    let path = copy.display().to_string();
    let output = String::from_utf8_lossy(&buf).replace(&path, &shown);
    result.map_err(|e| e.replace(&path, &shown))?;
    let (f, edited) =
        ProjectFile::open_and_load(&copy, Access::ReadOnly).map_err(|e| e.to_string())?;
    // Each edit expects what the server gave, which is what the copy started from.
    let mut edits = base.edits_to(&edited);
    for e in &mut edits {
        if let Some(k) = e.key() {
            e.before = loaded.dossier.record(k);
        }
    }
    edits.retain(|e| !e.is_noop());
    // A command that added more records of a table than were reserved (a large report):
    // those past the block move to ids reserved now.
    let past: Vec<(Table, i64)> = renumber::new_ids(&edits)
        .into_iter()
        .filter(|(t, id)| {
            !reserved
                .iter()
                .any(|(r, first)| r == t && (*first..first + i64::from(RESERVED)).contains(id))
        })
        .collect();
    let mut was = HashMap::new();
    if !past.is_empty() {
        let map = server
            .reserve_for(project, &past, &loaded.dossier, &edited)
            .map_err(|e| e.to_string())?;
        for e in &mut edits {
            if let Some(after) = &e.after {
                let moved = renumber::renumbered(after, &map);
                if let (Record::Attachment(old), Record::Attachment(new)) = (after, &moved) {
                    was.insert(new.id, old.id);
                }
                e.after = Some(moved);
            }
        }
    }
    if !edits.is_empty() {
        let content = crate::store::attachments::Moved {
            inner: &f,
            was: &was,
        };
        server
            .apply(project, label, &edits, &content)
            .map_err(|e| e.to_string())?;
    }
    out.write_all(output.as_bytes()).map_err(super::io)
}
