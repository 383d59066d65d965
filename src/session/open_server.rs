//! Opening a project from a team server: through this computer's copy of it (made, or
//! brought up to date, from the server), or through a pulled copy being checked back in.

use super::on_server::{Resumed, Team, server_copies_dir};
use super::team::{Link, LinkState, Outgoing, Place};
use super::*;
use crate::i18n::Said;
use crate::store::ServerOrigin;
use crate::store::server::{Address, Server, ServerError};

fn slug(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Why an earlier copy was not taken up.
enum Resume {
    /// It is not a copy of this project as the server has it: kept aside, a new one pulled.
    NotThis(Said),
    /// Reading it or asking the server failed: the open fails, the copy stays for next time.
    Failed(Said),
}

/// The label a change of mine carries to the server (others read it in the status bar).
pub const PENDING_LABEL: &str = "thay đổi làm trên máy này khi chưa gửi được lên máy chủ";

impl Session {
    /// Opens the project an address names, through this computer's copy of it in
    /// `data_dir` (made, or brought up to date, from the server). What the copy holds beyond
    /// the server (left by a run that ended offline) is sent first, through the same version
    /// checks. A person with only the reader role gets it read-only. Talks to the server: run
    /// it off the UI thread.
    pub fn open_server(address: &Address, data_dir: &Path) -> Result<Session, Said> {
        Self::open_server_at(address, data_dir, None)
    }

    /// Checks a pulled copy back in: the window opens the project `file` was pulled from, on
    /// the server, through `file` itself. What the file holds beyond the change it was pulled
    /// at (or last brought up to) goes through the same version checks as any change — a
    /// record someone else changed meanwhile is held for the person to choose, field by field,
    /// never written over theirs — and the file is then kept up to date with the server as
    /// the window's own copy would be. The file is never set aside or replaced: one that is
    /// not a copy of this project is refused. Talks to the server: run it off the UI thread.
    pub fn check_in(address: &Address, data_dir: &Path, file: &Path) -> Result<Session, Said> {
        Self::open_server_at(address, data_dir, Some(file))
    }

    fn open_server_at(
        address: &Address,
        data_dir: &Path,
        pulled: Option<&Path>,
    ) -> Result<Session, Said> {
        let project = address.project.ok_or_else(|| {
            Said::new(
                format!(
                    "địa chỉ “{address}” không nói dự án nào: thêm ?project=MÃ (xem “giamsat server list”)"
                ),
                format!(
                    "the address “{address}” does not say which project: add ?project=ID (see “giamsat server list”)"
                ),
            )
        })?;
        let said = |e: ServerError| e.said();
        let mut server = Server::connect(address).map_err(said)?;
        server.schema_step().map_err(said)?;
        server.last_seq(project).map_err(said)?;
        let may_edit = server.may_edit().map_err(said)?;
        let user = address.user();
        if pulled.is_some() && !may_edit {
            return Err(Said::new(
                format!(
                    "{user} chỉ có quyền xem dự án {project} nên không đưa bản sao lên được; hãy nhờ người quản trị máy chủ cấp quyền sửa"
                ),
                format!(
                    "{user} may only read project {project}, so the copy cannot be checked in; ask the server's administrator for the right to edit"
                ),
            ));
        }
        let copy = match pulled {
            Some(file) => file.to_path_buf(),
            None => {
                let dir = server_copies_dir(data_dir);
                std::fs::create_dir_all(&dir).map_err(|e| {
                    Said::new(
                        format!("không tạo được thư mục {}: {e}", dir.display()),
                        format!("could not make the folder {}: {e}", dir.display()),
                    )
                })?;
                dir.join(format!(
                    "{}-{}-{project}.{}",
                    slug(&address.database().replace("postgres://", "")),
                    slug(&user),
                    crate::store::EXTENSION
                ))
            }
        };
        let lock = FileLock::acquire(&copy).map_err(|e| match (e, pulled) {
            (LockError::HeldElsewhere(_), None) => Said::new(
                "dự án này đang mở ở một cửa sổ GiamSat khác trên máy này",
                "this project is open in another GiamSat window on this computer",
            ),
            (LockError::HeldElsewhere(_), Some(_)) => Said::new(
                format!(
                    "{} đang được mở để sửa ở nơi khác; hãy đóng nó rồi đưa lên",
                    copy.display()
                ),
                format!(
                    "{} is open for editing elsewhere; close it, then check it in",
                    copy.display()
                ),
            ),
            (LockError::Io(e), _) => Said::new(
                format!("không khóa được {}: {e}", copy.display()),
                format!("could not lock {}: {e}", copy.display()),
            ),
        })?;
        let mut set_aside = None;
        let mut opened = None;
        if pulled.is_some() && !copy.exists() {
            return Err(Said::new(
                format!("không thấy tệp {}", copy.display()),
                format!("the file {} is not there", copy.display()),
            ));
        }
        if copy.exists() {
            match Self::resume_copy(&copy, address, project, &mut server, pulled.is_some()) {
                Ok(x) => opened = Some(x),
                // The server or the network failed: the copy stays as it is for next time.
                Err(Resume::Failed(why)) => return Err(why),
                // A file the person chose is theirs: refused, never moved.
                Err(Resume::NotThis(why)) if pulled.is_some() => return Err(why),
                Err(Resume::NotThis(why)) => {
                    // Kept, never deleted: it may hold work that could not be sent.
                    let aside = crate::fsutil::free_name_beside(
                        &copy.with_extension(format!(
                            "cu-{}.{}",
                            chrono::Local::now().format("%Y%m%d-%H%M%S"),
                            crate::store::EXTENSION
                        )),
                        "",
                    );
                    std::fs::rename(&copy, &aside).map_err(|e| {
                        Said::new(
                            format!(
                                "{}; không để riêng được bản sao cũ {}: {e}",
                                why.vi,
                                copy.display()
                            ),
                            format!(
                                "{}; the earlier copy {} could not be set aside: {e}",
                                why.en,
                                copy.display()
                            ),
                        )
                    })?;
                    set_aside = Some((aside, why));
                }
            }
        }
        let (file, dossier, origin, pending) = match opened {
            Some(x) => x,
            None => {
                let (loaded, contents) = server.load_with_contents(project).map_err(said)?;
                let at_copy = |e: StoreError| {
                    Said::new(
                        format!("{e} — {}", copy.display()),
                        format!(
                            "this computer's copy could not be written ({e}) — {}",
                            copy.display()
                        ),
                    )
                };
                let mut f = ProjectFile::create_with_content(&copy, &loaded.dossier, &contents)
                    .map_err(at_copy)?;
                f.set_server_origin(&ServerOrigin::at(address.database(), project, loaded.seq))
                    .map_err(at_copy)?;
                let d = f.load().map_err(at_copy)?;
                let origin = ServerOrigin::at(address.database(), project, loaded.seq);
                (f, d, origin, Vec::new())
            }
        };
        let seq = origin.seq;
        drop(server);
        let read_only = (!may_edit).then(|| ReadOnlyReason::ServerReader(user.clone()));
        let shown = address.with_project(project).to_string();
        let mut s = Session::assemble(
            file,
            dossier,
            Origin::Server {
                address: shown.clone(),
                copy: copy.clone(),
            },
            read_only,
            Some(lock),
            false,
        );
        let pending = (!pending.is_empty()).then(|| Outgoing {
            id: 0,
            label: PENDING_LABEL.into(),
            edits: Arc::new(pending),
        });
        let link = Link::start(
            Place {
                address: address.clone(),
                project,
                copy,
                stage: server_copies_dir(data_dir).join("tai-ve"),
            },
            seq,
            pending.clone(),
        );
        if let Store::Writing(w) = &s.store {
            w.set_forward(link.forwarder());
        }
        s.team = Some(Team {
            link,
            address: shown,
            user,
            outgoing: pending.into_iter().collect(),
            state: LinkState::Connecting,
            conflict: None,
            last_remote: None,
            received: 0,
            acked_early: HashSet::new(),
            editing_here: None,
            others: Vec::new(),
            database: address.database(),
            project,
            through: seq,
            resumed: (origin.through > origin.seq || !origin.held.is_empty()).then(|| Resumed {
                through: origin.through,
                held: origin.held.iter().copied().collect(),
            }),
            hold: HashMap::new(),
            marked: Some(origin),
            pools: HashMap::new(),
            used: HashSet::new(),
            asked: HashSet::new(),
        });
        if s.read_only.is_none() {
            s.ask_for_ids(&Table::ALL);
        }
        s.set_aside = set_aside;
        Ok(s)
    }

    /// The copy left by an earlier run, and what it holds beyond the server's change it was
    /// last brought up to (rebuilt from the server's change log). A pulled copy checked in
    /// (`renumber`) numbered its new records from what it held, offline: they move to ids
    /// the server reserves for them first (a window's own copy numbered them from its blocks).
    #[allow(clippy::type_complexity)]
    fn resume_copy(
        copy: &Path,
        address: &Address,
        project: i64,
        server: &mut Server,
        renumber: bool,
    ) -> Result<(ProjectFile, Dossier, ServerOrigin, Vec<Edit>), Resume> {
        let (file, mine) = ProjectFile::open_and_load(copy, Access::ReadWrite).map_err(|e| {
            let why = Said::new(
                format!("{} — {}", e.message(Lang::Vi), copy.display()),
                format!("{} — {}", e.message(Lang::En), copy.display()),
            );
            match e.kind {
                // Unreadable as a project: it cannot be taken up, only kept aside.
                OpenErrorKind::Empty
                | OpenErrorKind::NotSqlite
                | OpenErrorKind::Truncated { .. }
                | OpenErrorKind::ForeignApplication { .. }
                | OpenErrorKind::Corrupt(_)
                | OpenErrorKind::UnexpectedSchema(_)
                | OpenErrorKind::BadData(_)
                | OpenErrorKind::Inconsistent(_) => Resume::NotThis(why),
                _ => Resume::Failed(why),
            }
        })?;
        let origin = file
            .server_origin()
            .map_err(|e| {
                Resume::Failed(Said::new(
                    format!("{e} — {}", copy.display()),
                    format!("the copy could not be read ({e}) — {}", copy.display()),
                ))
            })?
            .ok_or_else(|| {
                Resume::NotThis(Said::new(
                    format!(
                        "{} không phải bản sao lấy từ máy chủ (bằng “Mở từ máy chủ” hay “giamsat server pull”), nên không biết đã sửa gì so với máy chủ",
                        copy.display()
                    ),
                    format!(
                        "{} is not a copy pulled from a server (with “Open from server” or “giamsat server pull”), so what was changed in it is not known",
                        copy.display()
                    ),
                ))
            })?;
        if origin.project != project || origin.address != address.database() {
            return Err(Resume::NotThis(Said::new(
                format!(
                    "{} là bản sao của dự án {} trên {}, không phải dự án {project} trên {}",
                    copy.display(),
                    origin.project,
                    origin.address,
                    address.database()
                ),
                format!(
                    "{} is a copy of project {} on {}, not of project {project} on {}",
                    copy.display(),
                    origin.project,
                    origin.address,
                    address.database()
                ),
            )));
        }
        let (now, then) = server.copy_base(project, &origin).map_err(|e| match e {
            // The log does not lead back to the copy: a database made again, say.
            e @ ServerError::BadData(_) => Resume::NotThis(e.said()),
            e => Resume::Failed(e.said()),
        })?;
        let (file, mine, then) = if renumber {
            crate::store::server::renumber_copy(
                server,
                project,
                file,
                mine,
                then,
                &now.dossier,
                origin.seq,
            )
            .map_err(Resume::Failed)?
        } else {
            (file, mine, then)
        };
        let pending = then.edits_to(&mine);
        Ok((file, mine, origin, pending))
    }
}
