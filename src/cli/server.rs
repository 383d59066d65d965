//! `giamsat server …`: prepare a PostgreSQL database for a team, add people and say which
//! projects they work on, put a project file on the server and take a copy back, and watch
//! the changes as they happen.

use super::{commands::ServerCommand, io, open::connect_project};
use crate::store::server::{Address, Role, Server, ServerError};
use crate::store::{Access, ProjectFile};
use std::io::{BufRead, Write};
use std::path::Path;
use std::time::Duration;

fn connect(url: &str) -> Result<Server, String> {
    let address = Address::parse(url)?;
    Server::connect(&address).map_err(|e| e.to_string())
}

pub(super) fn server(cmd: ServerCommand, out: &mut dyn Write) -> Result<(), String> {
    match cmd {
        ServerCommand::Init { url } => {
            let mut s = connect(&url)?;
            let (from, to) = s.init().map_err(|e| e.to_string())?;
            if from == to {
                writeln!(
                    out,
                    "Máy chủ {} đã có lược đồ GiamSat bước {to}; không cần làm gì.",
                    s.address()
                )
            } else if from == 0 {
                writeln!(
                    out,
                    "Đã tạo lược đồ GiamSat (bước {to}) trên {}.",
                    s.address()
                )
            } else {
                writeln!(
                    out,
                    "Đã nâng cấp lược đồ GiamSat từ bước {from} lên {to} trên {}.",
                    s.address()
                )
            }
            .map_err(io)
        }
        ServerCommand::User(UserCommand::Add {
            url,
            name,
            role,
            password_stdin,
        }) => {
            let role = Role::parse(&role).ok_or_else(|| {
                format!(
                    "--role {role}: chỉ có reader (chỉ đọc), editor (sửa) hoặc admin (quản trị)"
                )
            })?;
            if !password_stdin {
                return Err(
                    "cần --password-stdin: mật khẩu được đọc từ dòng đầu của đầu vào chuẩn, không bao giờ ghi trên dòng lệnh"
                        .into(),
                );
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| format!("không đọc được mật khẩu từ đầu vào chuẩn: {e}"))?;
            let password = line.trim_end_matches(['\r', '\n']);
            let mut s = connect(&url)?;
            s.add_user(&name, role, password)
                .map_err(|e| e.to_string())?;
            writeln!(
                out,
                "Đã thêm người dùng {name} ({}) trên {}.",
                role.name(),
                s.address()
            )
            .map_err(io)
        }
        ServerCommand::Grant { url, project, name } => {
            let mut s = connect(&url)?;
            let added = s.grant(project, &name).map_err(|e| e.to_string())?;
            if added {
                writeln!(out, "{name} đã được cấp quyền với dự án {project}.")
            } else {
                writeln!(out, "{name} đã có quyền với dự án {project} từ trước.")
            }
            .map_err(io)
        }
        ServerCommand::Revoke { url, project, name } => {
            let mut s = connect(&url)?;
            let had = s.revoke(project, &name).map_err(|e| e.to_string())?;
            if had {
                writeln!(out, "Đã thu hồi quyền của {name} với dự án {project}.")
            } else {
                writeln!(
                    out,
                    "{name} không có quyền với dự án {project}; không có gì để thu hồi."
                )
            }
            .map_err(io)
        }
        ServerCommand::List { url, format } => {
            let mut s = connect(&url)?;
            let (projects, users) = s.list().map_err(|e| e.to_string())?;
            if format == "json" {
                let v = serde_json::json!({ "projects": projects, "users": users });
                let mut text = serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?;
                text.push('\n');
                return out.write_all(text.as_bytes()).map_err(io);
            }
            let mut t = String::new();
            t.push_str(&format!(
                "Máy chủ: {} (người dùng {})\n",
                s.address(),
                s.user()
            ));
            t.push_str("Dự án:\n");
            if projects.is_empty() {
                t.push_str("  (không có dự án nào người dùng này được xem)\n");
            }
            for p in &projects {
                t.push_str(&format!(
                    "  {}  {}  — {} bản ghi, {} thay đổi; tạo bởi {} ngày {}; thành viên: {}\n",
                    p.id,
                    p.name,
                    p.records,
                    p.last_seq,
                    p.created_by,
                    p.created_at
                        .with_timezone(&chrono::Local)
                        .format("%d/%m/%Y"),
                    match &p.members {
                        None => "(chỉ quản trị viên xem được)".to_string(),
                        Some(m) if m.is_empty() => "(chưa có)".to_string(),
                        Some(m) => m.join(", "),
                    }
                ));
            }
            t.push_str("Người dùng:\n");
            if users.is_empty() {
                t.push_str("  (chưa có; thêm bằng “giamsat server user add”)\n");
            }
            for u in &users {
                t.push_str(&format!("  {}  ({})\n", u.name, u.role));
            }
            out.write_all(t.as_bytes()).map_err(io)
        }
        ServerCommand::Push { file, url } => push(&file, &url, out),
        ServerCommand::Pull { address, out: dest } => pull(&address, &dest, out),
        ServerCommand::Watch { address, limit } => watch(&address, limit, out),
    }
}

fn push(file: &Path, url: &str, out: &mut dyn Write) -> Result<(), String> {
    let address = Address::parse(url)?;
    let (f, d) = ProjectFile::open_and_load(file, Access::ReadOnly).map_err(|e| e.to_string())?;
    let mut s = Server::connect(&address).map_err(|e| e.to_string())?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let label = format!("đưa tệp {name} lên máy chủ");
    let project = s.push(&d, &f, &label).map_err(|e| e.to_string())?;
    writeln!(
        out,
        "Đã đưa “{}” ({} bản ghi) lên máy chủ thành dự án {project}. Địa chỉ:",
        d.info.name,
        crate::store::server::all_records(&d).len()
    )
    .map_err(io)?;
    writeln!(out, "{}", address.with_project(project)).map_err(io)
}

fn pull(text: &str, dest: &Path, out: &mut dyn Write) -> Result<(), String> {
    let (mut s, project) = connect_project(text)?;
    let (loaded, contents) = s.load_with_contents(project).map_err(|e| e.to_string())?;
    ProjectFile::create_with_content(dest, &loaded.dossier, &contents)
        .map_err(|e| format!("{e} — {}", dest.display()))?;
    writeln!(
        out,
        "Đã lấy dự án {project} “{}” (đến thay đổi số {}) về tệp {}",
        loaded.dossier.info.name,
        loaded.seq,
        dest.display()
    )
    .map_err(io)
}

/// One line per change as it happens: time, who, what. Catches up by number after any
/// reconnect, since announcements are not replayed.
fn watch(text: &str, limit: Option<u64>, out: &mut dyn Write) -> Result<(), String> {
    let (mut s, project) = connect_project(text)?;
    s.listen().map_err(|e| e.to_string())?;
    let mut last = s.last_seq(project).map_err(|e| e.to_string())?;
    let mut printed = 0u64;
    let mut stderr = std::io::stderr();
    loop {
        match s.changes_since(project, last) {
            Ok(changes) => {
                for c in changes {
                    last = c.seq;
                    let what: Vec<String> = c
                        .edits
                        .iter()
                        .filter_map(|e| e.key())
                        .take(3)
                        .map(|k| {
                            let (kind, id) = crate::store::server::key_parts(k);
                            format!("{kind} {id}")
                        })
                        .collect();
                    let more = c.edits.len().saturating_sub(3);
                    writeln!(
                        out,
                        "{}  {}  {}{}{}",
                        c.at.with_timezone(&chrono::Local)
                            .format("%d/%m/%Y %H:%M:%S"),
                        c.by,
                        c.label,
                        if what.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", what.join(", "))
                        },
                        if more > 0 {
                            format!(" và {more} bản ghi khác")
                        } else {
                            String::new()
                        }
                    )
                    .map_err(io)?;
                    out.flush().map_err(io)?;
                    printed += 1;
                    if limit.is_some_and(|l| printed >= l) {
                        return Ok(());
                    }
                }
            }
            Err(e @ ServerError::Lost { .. }) => {
                let _ = writeln!(stderr, "{e}; thử kết nối lại…");
                reconnect(&mut s, text, &mut stderr)?;
                continue;
            }
            Err(e) => return Err(e.to_string()),
        }
        match s.wait(Duration::from_secs(5)) {
            Ok(_) => {}
            Err(e @ ServerError::Lost { .. }) => {
                let _ = writeln!(stderr, "{e}; thử kết nối lại…");
                reconnect(&mut s, text, &mut stderr)?;
            }
            Err(e) => return Err(e.to_string()),
        }
    }
}

/// Tries again every two seconds for five minutes (a server restarting, a network coming
/// back), then gives up with the last reason.
fn reconnect(s: &mut Server, text: &str, err: &mut dyn Write) -> Result<(), String> {
    let mut last = String::new();
    for _ in 0..150 {
        std::thread::sleep(Duration::from_secs(2));
        match connect_project(text).and_then(|(mut n, _)| {
            n.listen().map_err(|e| e.to_string())?;
            Ok(n)
        }) {
            Ok(n) => {
                *s = n;
                let _ = writeln!(err, "Đã kết nối lại.");
                return Ok(());
            }
            Err(e) => {
                let _ = writeln!(err, "{e}");
                last = e;
            }
        }
    }
    Err(format!("không kết nối lại được sau 5 phút: {last}"))
}

pub(super) use super::commands::UserCommand;
