//! `giamsat server …`: prepare a PostgreSQL database for a team, add people and say which
//! projects they work on, put a project file on the server and take a copy back, and watch
//! the changes as they happen.

use super::{commands::ServerCommand, io, open::connect_project};
use crate::store::server::{Address, Role, Server, ServerError};
use crate::store::{Access, ProjectFile, ServerOrigin};
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
        ServerCommand::Push {
            file,
            url,
            on_conflict,
        } => push(&file, &url, &on_conflict, out),
        ServerCommand::Pull { address, out: dest } => pull(&address, &dest, out),
        ServerCommand::Watch { address, limit } => watch(&address, limit, out),
    }
}

fn push(file: &Path, url: &str, on_conflict: &str, out: &mut dyn Write) -> Result<(), String> {
    let address = Address::parse(url)?;
    if address.project.is_some() {
        return check_in(file, &address, on_conflict, out);
    }
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
        d.records().count()
    )
    .map_err(io)?;
    writeln!(out, "{}", address.with_project(project)).map_err(io)
}

fn pull(text: &str, dest: &Path, out: &mut dyn Write) -> Result<(), String> {
    let (mut s, project) = connect_project(text)?;
    let (loaded, contents) = s.load_with_contents(project).map_err(|e| e.to_string())?;
    let mut f = ProjectFile::create_with_content(dest, &loaded.dossier, &contents)
        .map_err(|e| format!("{e} — {}", dest.display()))?;
    // The copy remembers where it came from and how far, to be checked back in.
    f.set_server_origin(&ServerOrigin::at(
        s.address().database(),
        project,
        loaded.seq,
    ))
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

/// Writes back what was changed in a pulled copy: the edits from the project as it was pulled
/// (rebuilt from the server's change log) to the copy, checked against the server's records
/// like any change, then brings the copy up to the server's state. A record someone else
/// changed meanwhile is a conflict: nothing is written and each differing field is listed,
/// unless `on_conflict` says whose to keep.
fn check_in(
    file: &Path,
    address: &Address,
    on_conflict: &str,
    out: &mut dyn Write,
) -> Result<(), String> {
    let Some(project) = address.project else {
        return Err("địa chỉ không nói dự án nào (?project=MÃ)".into());
    };
    // The copy stays ours from here to its update: an app that has it open would write over it.
    let _lock = crate::lock::FileLock::acquire(file).map_err(|e| match e {
        crate::lock::LockError::HeldElsewhere(_) => format!(
            "{} đang được mở để sửa ở nơi khác; hãy đóng nó rồi đưa lên",
            file.display()
        ),
        crate::lock::LockError::Io(e) => format!("không khóa được tệp ({e}) — {}", file.display()),
    })?;
    let (f, mine) =
        ProjectFile::open_and_load(file, Access::ReadWrite).map_err(|e| e.to_string())?;
    let origin = f
        .server_origin()
        .map_err(|e| format!("{e} — {}", file.display()))?
        .ok_or_else(|| {
            format!(
                "{} không phải bản sao lấy bằng “giamsat server pull”, nên không biết đã sửa gì so với máy chủ; bỏ ?project=… để đưa lên thành dự án mới",
                file.display()
            )
        })?;
    if origin.project != project || origin.address != address.database() {
        return Err(format!(
            "{} là bản sao của dự án {} trên {}, không phải dự án {project} trên {}",
            file.display(),
            origin.project,
            origin.address,
            address.database()
        ));
    }
    let mut s = Server::connect(address).map_err(|e| e.to_string())?;
    let (now, then) = s.copy_base(project, &origin).map_err(|e| e.to_string())?;
    // New records numbered offline move to ids reserved for them on the server.
    let (mut f, mine, then) = crate::store::server::renumber_copy(
        &mut s,
        project,
        f,
        mine,
        then,
        &now.dossier,
        origin.seq,
    )
    .map_err(|e| e.vi)?;
    let mut edits = then.edits_to(&mine);
    if edits.is_empty() {
        writeln!(
            out,
            "Bản sao không có gì khác so với lúc lấy về (thay đổi số {}); không có gì để đưa lên.",
            origin.seq
        )
        .map_err(io)?;
        return refresh(&mut f, &mine, &mut s, project, out);
    }
    // Records both sides added under the same number are two records, not one changed twice:
    // neither side's may replace the other's.
    let clashes: Vec<String> = edits
        .iter()
        .filter(|e| e.before.is_none())
        .filter_map(|e| {
            let key = e.key()?;
            let theirs = now.dossier.record(key)?;
            (Some(&theirs) != e.after.as_ref()).then(|| {
                let (kind, id) = crate::store::server::key_parts(key);
                format!("{kind} {id}")
            })
        })
        .collect();
    if !clashes.is_empty() {
        return Err(format!(
            "bản sao và máy chủ cùng thêm bản ghi mới mang cùng mã ({}); GiamSat chưa tự đổi mã bản ghi của bản sao. Chưa ghi gì: hãy lấy bản mới (“giamsat server pull”) và thêm lại các bản ghi đó",
            clashes.join(", ")
        ));
    }
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let label = format!("đưa bản sao {name} trở lại");
    check_whole(&now.dossier, &edits)?;
    let mut kept_theirs = 0;
    let mut result = s.apply(project, &label, &edits, &f);
    if let Err(ServerError::Conflicts(conflicts)) = &result
        && on_conflict != "ask"
    {
        for c in conflicts {
            let Some(i) = edits.iter().position(|e| e.key() == Some(c.key)) else {
                continue;
            };
            if on_conflict == "theirs" {
                edits.remove(i);
                kept_theirs += 1;
            } else {
                // The person chose: theirs is what is overwritten, knowingly.
                edits[i].before = c.theirs.clone();
            }
        }
        result = if edits.is_empty() {
            Ok(None)
        } else {
            // Once more: someone may have changed something again meanwhile.
            check_whole(&now.dossier, &edits)?;
            s.apply(project, &label, &edits, &f)
        };
    }
    match result {
        Ok(seq) => {
            let written = match seq {
                Some(n) => format!(
                    "Đã đưa {} bản ghi đã sửa trên bản sao lên dự án {project} (thay đổi số {n})",
                    edits.len()
                ),
                None => format!(
                    "Máy chủ đã có mọi điều bản sao sửa; không ghi gì thêm vào dự án {project}"
                ),
            };
            let kept = if kept_theirs > 0 {
                format!("; giữ bản trên máy chủ cho {kept_theirs} bản ghi người khác đã sửa")
            } else {
                String::new()
            };
            writeln!(out, "{written}{kept}.").map_err(io)?;
            refresh(&mut f, &mine, &mut s, project, out)
        }
        Err(ServerError::Conflicts(conflicts)) => {
            let mut t = format!(
                "Người khác đã sửa {} bản ghi mà bản sao cũng sửa. Chưa ghi gì lên máy chủ. Từng trường khác nhau (lúc lấy về | trên máy chủ | bản sao):\n",
                conflicts.len()
            );
            for c in &conflicts {
                let (kind, id) = crate::store::server::key_parts(c.key);
                let who = match (&c.by, &c.at) {
                    (Some(b), Some(a)) => format!(
                        "{b}, {}",
                        a.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M")
                    ),
                    _ => "đã bị xóa".into(),
                };
                t.push_str(&format!("  {kind} {id} (trên máy chủ: {who})\n"));
                for x in crate::store::server::field_conflicts(
                    c.expected.as_ref(),
                    c.theirs.as_ref(),
                    c.mine.as_ref(),
                ) {
                    t.push_str(&format!(
                        "    {}: {} | {} | {}\n",
                        x.field, x.was, x.theirs, x.mine
                    ));
                }
            }
            out.write_all(t.as_bytes()).map_err(io)?;
            Err(if on_conflict == "ask" {
                format!(
                    "bản sao và máy chủ cùng sửa {} bản ghi; chạy lại với --on-conflict theirs (giữ bản trên máy chủ) hoặc --on-conflict mine (ghi đè bằng bản sao)",
                    conflicts.len()
                )
            } else {
                format!(
                    "người khác vừa sửa lại {} bản ghi trong lúc đưa lên; chưa ghi gì, hãy chạy lại",
                    conflicts.len()
                )
            })
        }
        Err(e) => Err(e.to_string()),
    }
}

/// Refuses edits that would leave the project inconsistent once applied to what the server
/// holds (a figure for an area someone deleted meanwhile): nobody could open it afterwards.
fn check_whole(now: &crate::model::Dossier, edits: &[crate::model::Edit]) -> Result<(), String> {
    let mut d = now.clone();
    for e in edits {
        let Some(key) = e.key() else { continue };
        match &e.after {
            Some(r) => d.put(r.clone()),
            None => d.remove(key),
        }
    }
    let problems = d.validate();
    if problems.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = problems.iter().take(5).map(|p| p.to_string()).collect();
    Err(format!(
        "đưa bản sao lên sẽ làm dự án trên máy chủ không hợp lệ ({}); chưa ghi gì: hãy lấy bản mới và sửa lại",
        listed.join("; ")
    ))
}

/// Brings the copy up to the server's state (its own changes, now on the server, and everyone
/// else's) and moves its mark to the server's last change, in one transaction.
fn refresh(
    f: &mut ProjectFile,
    mine: &crate::model::Dossier,
    s: &mut Server,
    project: i64,
    out: &mut dyn Write,
) -> Result<(), String> {
    let loaded = s.load(project).map_err(|e| e.to_string())?;
    let edits = mine.edits_to(&loaded.dossier);
    // Only the files the copy lacks are fetched.
    let mut contents = std::collections::HashMap::new();
    for e in &edits {
        if let (None, Some(crate::model::Record::Attachment(a))) = (&e.before, &e.after) {
            let bytes = s
                .content(project, a.id)
                .map_err(|e| e.to_string())?
                .ok_or_else(|| {
                    format!(
                        "máy chủ không có nội dung tệp đính kèm [{}] {}",
                        a.id.0, a.name
                    )
                })?;
            contents.insert(a.id, bytes);
        }
    }
    let origin = ServerOrigin::at(s.address().database(), project, loaded.seq);
    f.apply_edits_and_origin(&edits, &contents, &origin)
        .map_err(|e| format!("chưa cập nhật được bản sao theo máy chủ: {e}"))?;
    writeln!(
        out,
        "Bản sao đã được cập nhật theo máy chủ (đến thay đổi số {}), kể cả những gì người khác đã sửa.",
        loaded.seq
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
                            let kind = crate::i18n::kind_name(kind, crate::i18n::Lang::Vi.texts());
                            if k == crate::model::RecordKey::Info {
                                kind
                            } else {
                                format!("{kind} {id}")
                            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AllocationId, AreaId, Edit, Record, Table};

    #[test]
    fn a_check_in_that_would_break_the_project_is_refused() {
        let now = crate::sample::lang_son();
        let mut a = now.allocations[0].clone();
        a.id = AllocationId(now.next_id(Table::Allocations));
        // An area someone deleted on the server meanwhile.
        a.area_id = AreaId(9_999);
        let err = check_whole(&now, &[Edit::insert(Record::Allocation(a.clone()))]).unwrap_err();
        assert!(err.contains("không hợp lệ"), "{err}");
        a.area_id = now.areas[0].id;
        assert!(check_whole(&now, &[Edit::insert(Record::Allocation(a))]).is_ok());
    }
}
