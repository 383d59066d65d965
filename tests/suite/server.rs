//! The server store against a real PostgreSQL: the same changes as a file, several clients at
//! once, conflicts, notifications, row-level security, kept history, schema steps, a cut
//! connection, and the command line on addresses.
//!
//! The server comes from the usual PG* variables (PGHOST, PGPORT, PGUSER as a superuser,
//! PGPASSWORD); `.ci/run` starts one and sets GIAMSAT_SERVER_TESTS=required, so there a missing
//! server fails every test here. Without PGHOST and without that setting (a laptop with no
//! PostgreSQL) each test says it did not run and passes. Each test works in a database of its
//! own, dropped at the end.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::model::{Dossier, Edit, Record, RecordKey};
use giamsat::store::server::{Address, Role, Server, ServerError, ServerProject};
use giamsat::store::{NoContent, ProjectFile, ProjectStore};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::Duration;

pub(crate) const PASSWORD: &str = "mat-khau-thu-nghiem";

/// One test's own database on the test server.
pub(crate) struct TestDb {
    name: String,
    host: String,
    port: String,
    users: Mutex<Vec<String>>,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);
/// Roles belong to the whole server: tests make them one at a time.
static ROLES: Mutex<()> = Mutex::new(());

fn admin_client(host: &str, port: &str, db: &str) -> postgres::Client {
    let mut c = postgres::Config::new();
    c.host(host)
        .port(port.parse().unwrap())
        .user(&std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into()))
        .dbname(db)
        .connect_timeout(Duration::from_secs(10));
    if let Ok(p) = std::env::var("PGPASSWORD") {
        c.password(p);
    }
    c.connect(postgres::NoTls).unwrap()
}

/// A fresh database with the GiamSat schema, or `None` where no server is configured.
pub(crate) fn db(test: &str) -> Option<TestDb> {
    let required = std::env::var("GIAMSAT_SERVER_TESTS").is_ok_and(|v| v == "required");
    let Ok(host) = std::env::var("PGHOST") else {
        assert!(
            !required,
            "GIAMSAT_SERVER_TESTS=required but PGHOST is not set"
        );
        eprintln!(
            "{test}: not run — no PostgreSQL server (set PGHOST, PGPORT, PGUSER, PGPASSWORD)"
        );
        return None;
    };
    let port = std::env::var("PGPORT").unwrap_or_else(|_| "5432".into());
    let name = format!(
        "giamsat_t_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    );
    admin_client(&host, &port, "postgres")
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let t = TestDb {
        name,
        host,
        port,
        users: Mutex::new(Vec::new()),
    };
    {
        let _g = ROLES.lock().unwrap_or_else(|e| e.into_inner());
        let (from, to) = Server::connect(&t.admin()).unwrap().init().unwrap();
        assert_eq!((from, to), (0, giamsat::store::server::SERVER_SCHEMA));
    }
    Some(t)
}

impl TestDb {
    /// The database, as the superuser the tests run as.
    pub(crate) fn admin(&self) -> Address {
        Address::parse(&format!(
            "postgres://{}@{}:{}/{}",
            std::env::var("PGUSER").unwrap_or_else(|_| "postgres".into()),
            self.host,
            self.port,
            self.name
        ))
        .unwrap()
    }

    /// A new person with `role`; their address (password included, as a test may).
    pub(crate) fn person(&self, name: &str, role: Role) -> Address {
        let login = format!(
            "{name}.{}",
            self.name.trim_start_matches("giamsat_t_").replace('_', ".")
        );
        {
            let _g = ROLES.lock().unwrap_or_else(|e| e.into_inner());
            Server::connect(&self.admin())
                .unwrap()
                .add_user(&login, role, PASSWORD)
                .unwrap();
        }
        self.users.lock().unwrap().push(login.clone());
        self.admin().as_user(&login, Some(PASSWORD))
    }

    pub(crate) fn raw(&self) -> postgres::Client {
        admin_client(&self.host, &self.port, &self.name)
    }

    /// A plain SQL connection as a person (what someone with psql and their password can do).
    fn raw_as(&self, person: &Address) -> postgres::Client {
        let mut c = postgres::Config::new();
        c.host(&self.host)
            .port(self.port.parse().unwrap())
            .user(person.user().as_str())
            .password(PASSWORD)
            .dbname(&self.name);
        c.connect(postgres::NoTls).unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let mut c = admin_client(&self.host, &self.port, "postgres");
        let _ = c.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
        let _g = ROLES.lock().unwrap_or_else(|e| e.into_inner());
        for u in self.users.lock().unwrap().iter() {
            let _ = c.batch_execute(&format!("DROP ROLE IF EXISTS \"{u}\""));
        }
    }
}

pub(crate) fn pushed(as_whom: &Address, d: &Dossier) -> Address {
    let mut s = Server::connect(as_whom).unwrap();
    let id = s.push(d, &NoContent, "đưa lên để thử").unwrap();
    as_whom.with_project(id)
}

fn with_notes(d: &Dossier, notes: &str) -> Edit {
    let mut info = d.info.clone();
    info.notes = notes.to_string();
    Edit::update(Record::Info(d.info.clone()), Record::Info(info))
}

/// The same changes, made through the one store interface, leave a file and a server project
/// holding the same dossier.
#[test]
fn a_file_and_the_server_store_the_same_changes() {
    let Some(t) = db("a_file_and_the_server_store_the_same_changes") else {
        return;
    };
    let start = giamsat::sample::lang_son();
    let dir = tempfile::tempdir().unwrap();
    let mut file = ProjectFile::create(&dir.path().join("a.giamsat"), &start).unwrap();
    let mut server = ServerProject::open(&pushed(&t.admin(), &start)).unwrap();
    let stores: [&mut dyn ProjectStore; 2] = [&mut file, &mut server];
    let mut results = Vec::new();
    for store in stores {
        let mut d = store.load_dossier().unwrap();
        assert_eq!(d, start);
        let mut changes = vec![vec![with_notes(&d, "ghi chú của đoàn")]];
        // A figure changed, a phrase removed and a new one added, in one change.
        let mut a = d.allocations[0].clone();
        a.note = "đã đối chiếu".into();
        let mut p = d.phrases[0].clone();
        p.id = giamsat::model::PhraseId(d.next_id(giamsat::model::Table::Phrases));
        p.text = "Câu mẫu mới có dấu: Hữu Lũng, Chi Lăng".into();
        changes.push(vec![
            Edit::update(
                Record::Allocation(d.allocations[0].clone()),
                Record::Allocation(a),
            ),
            Edit::delete(Record::Phrase(d.phrases[1].clone())),
            Edit::insert(Record::Phrase(p)),
        ]);
        for edits in changes {
            store.write_change("thử", &edits, &NoContent).unwrap();
            for e in &edits {
                d.apply_edit(e).unwrap();
            }
        }
        let back = store.load_dossier().unwrap();
        assert_eq!(back, d);
        results.push(back);
    }
    assert_eq!(results[0], results[1]);
}

/// A change made against a record someone has changed since is not applied, and the report
/// says whose record stands there; made again against theirs, it goes through.
#[test]
fn a_stale_change_is_refused_with_whose_change_stands() {
    let Some(t) = db("a_stale_change_is_refused_with_whose_change_stands") else {
        return;
    };
    let an = t.person("an", Role::Editor);
    let binh = t.person("binh", Role::Editor);
    let project = pushed(&an, &giamsat::sample::lang_son());
    Server::connect(&t.admin())
        .unwrap()
        .grant(project.project.unwrap(), binh.user().as_str())
        .unwrap();
    let mut a = ServerProject::open(&project).unwrap();
    let mut b = ServerProject::open(&project.as_user(&binh.user(), Some(PASSWORD))).unwrap();
    let da = a.load_dossier().unwrap();
    let db_ = b.load_dossier().unwrap();
    a.write_change("ghi chú của An", &[with_notes(&da, "An")], &NoContent)
        .unwrap();
    let seq_before = a.server.last_seq(a.project).unwrap();
    let err = b
        .write_change("ghi chú của Bình", &[with_notes(&db_, "Bình")], &NoContent)
        .unwrap_err();
    let giamsat::store::WriteError::Server(ServerError::Conflicts(c)) = err else {
        panic!("expected a conflict, got {err:?}");
    };
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].key, RecordKey::Info);
    assert_eq!(c[0].by.as_deref(), Some(an.user().as_str()));
    let Some(Record::Info(theirs)) = &c[0].theirs else {
        panic!()
    };
    assert_eq!(theirs.notes, "An");
    let Some(Record::Info(mine)) = &c[0].mine else {
        panic!()
    };
    assert_eq!(mine.notes, "Bình");
    // Nothing of the refused change was kept, not even its number.
    assert_eq!(a.server.last_seq(a.project).unwrap(), seq_before);
    assert_eq!(a.load_dossier().unwrap().info.notes, "An");
    // Bình sees An's record and decides: written against it, the change goes through.
    let now = b.load_dossier().unwrap();
    b.write_change(
        "ghi chú của Bình",
        &[with_notes(&now, "An; Bình")],
        &NoContent,
    )
    .unwrap();
    assert_eq!(a.load_dossier().unwrap().info.notes, "An; Bình");
    // The audit trail, written by the server, has who changed the notes, old and new.
    let rows = t
        .raw()
        .query(
            "SELECT by, old ->> 'notes', new ->> 'notes' FROM giamsat.audit
             WHERE kind = 'Info' AND old IS NOT NULL ORDER BY id",
            &[],
        )
        .unwrap();
    let trail: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2)))
        .collect();
    assert_eq!(
        trail,
        vec![
            (
                an.user(),
                giamsat::sample::lang_son().info.notes,
                "An".to_string()
            ),
            (binh.user(), "An".to_string(), "An; Bình".to_string()),
        ]
    );
}

/// Twenty clients change one project at once: each change either lands (and is there
/// afterwards) or comes back as a conflict; none is lost and none applied blindly.
#[test]
fn twenty_clients_at_once_lose_nothing() {
    let Some(t) = db("twenty_clients_at_once_lose_nothing") else {
        return;
    };
    let project = pushed(&t.admin(), &giamsat::sample::lang_son());
    const CLIENTS: usize = 20;
    const EACH: usize = 5;
    // Every client connects and reads before any starts (a thread that failed to connect
    // while others wait at a barrier would hang the test).
    let clients: Vec<(ServerProject, Dossier)> = (0..CLIENTS)
        .map(|_| {
            let mut s = ServerProject::open(&project).unwrap();
            let d = s.load_dossier().unwrap();
            (s, d)
        })
        .collect();
    let barrier = Arc::new(Barrier::new(CLIENTS));
    let handles: Vec<_> = clients
        .into_iter()
        .enumerate()
        .map(|(i, (mut s, mut d))| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let (mut acked, mut conflicts) = (Vec::new(), 0);
                for k in 0..EACH {
                    let token = format!("[{i}.{k}]");
                    // A shared record every client changes, and one of the client's own.
                    let mut p = d.phrases[0].clone();
                    p.id = giamsat::model::PhraseId(1_000 + (i * EACH + k) as i64);
                    p.text = token.clone();
                    loop {
                        let notes = format!("{}{token}", d.info.notes);
                        let edits = [
                            with_notes(&d, &notes),
                            Edit::insert(Record::Phrase(p.clone())),
                        ];
                        match s.write_change("thử", &edits, &NoContent) {
                            Ok(()) => {
                                for e in &edits {
                                    d.apply_edit(e).unwrap();
                                }
                                acked.push(token.clone());
                                break;
                            }
                            Err(giamsat::store::WriteError::Server(ServerError::Conflicts(c))) => {
                                assert!(c.iter().all(|c| c.key == RecordKey::Info), "{c:?}");
                                conflicts += 1;
                                d = s.load_dossier().unwrap();
                            }
                            Err(e) => panic!("{e}"),
                        }
                    }
                }
                (acked, conflicts)
            })
        })
        .collect();
    let mut acked = Vec::new();
    let mut conflicts = 0;
    for h in handles {
        let (a, c) = h.join().unwrap();
        acked.extend(a);
        conflicts += c;
    }
    assert_eq!(acked.len(), CLIENTS * EACH);
    let d = ServerProject::open(&project)
        .unwrap()
        .load_dossier()
        .unwrap();
    for token in &acked {
        assert_eq!(d.info.notes.matches(token.as_str()).count(), 1, "{token}");
        assert!(d.phrases.iter().any(|p| &p.text == token), "{token}");
    }
    assert_eq!(d.info.notes.matches('[').count(), acked.len());
    eprintln!(
        "{} changes acknowledged, {conflicts} stale ones refused and retried",
        acked.len()
    );
    // Every change is numbered once, in order, with nothing skipped.
    let mut s = Server::connect(&project).unwrap();
    let log = s.changes_since(project.project.unwrap(), 0).unwrap();
    let seqs: Vec<i64> = log.iter().map(|c| c.seq).collect();
    assert_eq!(seqs, (1..=(1 + CLIENTS * EACH) as i64).collect::<Vec<_>>());
}

/// A change one client makes is announced to another, which catches up by number.
#[test]
fn a_change_reaches_another_client() {
    let Some(t) = db("a_change_reaches_another_client") else {
        return;
    };
    let project = pushed(&t.admin(), &giamsat::sample::lang_son());
    let id = project.project.unwrap();
    let mut watcher = Server::connect(&project).unwrap();
    watcher.listen().unwrap();
    let from = watcher.last_seq(id).unwrap();
    let mut writer = ServerProject::open(&project).unwrap();
    let d = writer.load_dossier().unwrap();
    writer
        .write_change("sửa ghi chú hồ sơ", &[with_notes(&d, "mới")], &NoContent)
        .unwrap();
    let mut announced = Vec::new();
    for _ in 0..20 {
        announced.extend(watcher.wait(Duration::from_millis(500)).unwrap());
        if !announced.is_empty() {
            break;
        }
    }
    assert_eq!(announced, vec![id]);
    let changes = watcher.changes_since(id, from).unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].label, "sửa ghi chú hồ sơ");
    assert_eq!(changes[0].by, project.user());
    let mut caught_up = d.clone();
    for e in &changes[0].edits {
        caught_up.apply_edit(e).unwrap();
    }
    assert_eq!(caught_up.info.notes, "mới");
}

/// A person sees only the projects they are a member of; a reader cannot change one.
#[test]
fn row_level_security_hides_other_projects() {
    let Some(t) = db("row_level_security_hides_other_projects") else {
        return;
    };
    let an = t.person("an", Role::Editor);
    let binh = t.person("binh", Role::Reader);
    let boss = t.person("sep", Role::Admin);
    let project = pushed(&an, &giamsat::sample::lang_son());
    let id = project.project.unwrap();
    let as_binh = project.as_user(&binh.user(), Some(PASSWORD));
    let mut b = Server::connect(&as_binh).unwrap();
    let err = b.load(id).unwrap_err().to_string();
    assert!(
        err.contains(&format!("dự án {id}")) && err.contains(&binh.user()),
        "{err}"
    );
    assert!(b.list().unwrap().0.is_empty());
    // Even a raw query as Bình sees no row of it.
    let n: i64 = t
        .raw_as(&binh)
        .query_one("SELECT count(*) FROM giamsat.records", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 0);
    // An editor of one project can neither read nor write another by plain SQL.
    let chi = t.person("chi", Role::Editor);
    let other = pushed(&chi, &giamsat::sample::lang_son()).project.unwrap();
    let mut raw_an = t.raw_as(&an);
    let seen: i64 = raw_an
        .query_one(
            "SELECT count(*) FROM giamsat.records WHERE project_id = $1",
            &[&other],
        )
        .unwrap()
        .get(0);
    assert_eq!(seen, 0);
    let e = raw_an
        .batch_execute(&format!(
            "INSERT INTO giamsat.changes (project_id, seq, label, edits) VALUES ({other}, 0, 'x', '[]')"
        ))
        .unwrap_err();
    assert_eq!(
        e.code(),
        Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
        "{e:?}"
    );
    // …nor write their own project around the numbered, checked changes.
    for sql in [
        format!("UPDATE giamsat.records SET body = body WHERE project_id = {id}"),
        format!("DELETE FROM giamsat.records WHERE project_id = {id} AND kind = 'Phrase'"),
        format!("UPDATE giamsat.records SET project_id = {other} WHERE project_id = {id}"),
    ] {
        let e = raw_an.batch_execute(&sql).unwrap_err();
        assert_eq!(
            e.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}: {e:?}"
        );
    }
    // An editor may not say who belongs; an administrator may.
    let err = Server::connect(&an)
        .unwrap()
        .grant(id, &binh.user())
        .unwrap_err();
    assert!(matches!(err, ServerError::Denied { .. }), "{err:?}");
    assert!(
        Server::connect(&boss)
            .unwrap()
            .grant(id, &binh.user())
            .unwrap()
    );
    let loaded = b.load(id).unwrap();
    assert_eq!(loaded.dossier, giamsat::sample::lang_son());
    // A reader reads and does not write.
    let err = b
        .apply(id, "thử", &[with_notes(&loaded.dossier, "x")], &NoContent)
        .unwrap_err();
    assert!(matches!(err, ServerError::Denied { .. }), "{err:?}");
    assert!(
        Server::connect(&boss)
            .unwrap()
            .revoke(id, &binh.user())
            .unwrap()
    );
    let err = b.load(id).unwrap_err();
    assert!(matches!(err, ServerError::NoAccess { .. }), "{err:?}");
}

/// Follow-up history, lock logs, issued documents, the change log and the audit trail are
/// only ever added to: the server refuses to update or delete them, to anyone.
#[test]
fn kept_history_refuses_update_and_delete() {
    let Some(t) = db("kept_history_refuses_update_and_delete") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.giamsat");
    ProjectFile::create(&file, &giamsat::sample::lang_son()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args([
            "issue",
            file.to_str().unwrap(),
            "--round",
            "1",
            "--number",
            "15",
        ])
        .args(["--date", "2023-07-01", "--despite-check"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (_, d) = ProjectFile::open_and_load(&file, giamsat::store::Access::ReadOnly).unwrap();
    assert!(!d.issued_documents.is_empty() && !d.round_events.is_empty());
    let editor = t.person("an", Role::Editor);
    pushed(&editor, &d);
    let mut as_editor = t.raw_as(&editor);
    let mut superuser = t.raw();
    for sql in [
        "UPDATE giamsat.entries SET body = '{}'",
        "DELETE FROM giamsat.entries",
        "DELETE FROM giamsat.changes",
        "UPDATE giamsat.audit SET by = 'ai đó'",
        "DELETE FROM giamsat.audit",
        "TRUNCATE giamsat.entries",
        "TRUNCATE giamsat.changes",
        "TRUNCATE giamsat.audit",
    ] {
        for (who, c) in [("editor", &mut as_editor), ("superuser", &mut superuser)] {
            let e = c.batch_execute(sql).unwrap_err();
            assert!(
                e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
                "{who}: {sql}: {e:?}"
            );
        }
    }
    let n: i64 = superuser
        .query_one("SELECT count(*) FROM giamsat.entries", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        n as usize,
        d.issued_documents.len() + d.round_events.len() + d.events.len()
    );
}

/// `server init` again changes nothing; a server schema newer than this build is refused with
/// a message that says to update GiamSat.
#[test]
fn schema_steps_rerun_safely_and_newer_is_refused() {
    let Some(t) = db("schema_steps_rerun_safely_and_newer_is_refused") else {
        return;
    };
    let project = pushed(&t.admin(), &giamsat::sample::lang_son());
    let mut s = Server::connect(&t.admin()).unwrap();
    let known = giamsat::store::server::SERVER_SCHEMA;
    assert_eq!(s.init().unwrap(), (known, known));
    assert_eq!(
        s.load(project.project.unwrap()).unwrap().dossier,
        giamsat::sample::lang_son()
    );
    // A database made at step 1 (before who-edits-what) is refused until upgraded, then works.
    t.raw()
        .batch_execute(
            "DROP TABLE giamsat.presence, giamsat.id_blocks;
             DROP FUNCTION giamsat.notify_presence(), giamsat.reserve_ids(bigint, text, integer, bigint);
             UPDATE giamsat.schema_info SET step = 1",
        )
        .unwrap();
    let err = s.load(project.project.unwrap()).unwrap_err().to_string();
    assert!(err.contains("server init"), "{err}");
    assert_eq!(s.init().unwrap(), (1, known));
    s.announce(
        project.project.unwrap(),
        "cửa-sổ-1",
        Some(("Recommendation", 1)),
    )
    .unwrap();
    t.raw()
        .batch_execute("UPDATE giamsat.schema_info SET step = 99")
        .unwrap();
    let err = s.load(project.project.unwrap()).unwrap_err().to_string();
    assert!(
        err.contains("bước 99") && err.contains("cập nhật GiamSat"),
        "{err}"
    );
    assert!(s.init().unwrap_err().to_string().contains("bước 99"));
}

/// A connection cut in the middle of a change leaves nothing of it and holds nothing up; the
/// client whose connection was cut is told the connection is lost.
#[test]
fn a_connection_cut_mid_change_leaves_nothing() {
    let Some(t) = db("a_connection_cut_mid_change_leaves_nothing") else {
        return;
    };
    let project = pushed(&t.admin(), &giamsat::sample::lang_son());
    let id = project.project.unwrap();
    // A change half made: numbered (the project's row locked), one record written, no commit.
    let mut half = t.raw();
    let pid: i32 = half
        .query_one("SELECT pg_backend_pid()", &[])
        .unwrap()
        .get(0);
    half.batch_execute(&format!(
        "BEGIN;
         INSERT INTO giamsat.changes (project_id, seq, label, edits) VALUES ({id}, 0, 'nửa chừng', '[]');
         UPDATE giamsat.records SET body = jsonb_set(body, '{{notes}}', '\"nửa chừng\"')
           WHERE project_id = {id} AND kind = 'Info';"
    ))
    .unwrap();
    t.raw()
        .query_one("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap();
    assert!(half.batch_execute("COMMIT").is_err());
    let mut other = ServerProject::open(&project).unwrap();
    let d = other.load_dossier().unwrap();
    assert_eq!(d, giamsat::sample::lang_son());
    assert_eq!(other.server.last_seq(id).unwrap(), 1);
    other
        .write_change("sau khi cắt", &[with_notes(&d, "tiếp tục")], &NoContent)
        .unwrap();
    assert_eq!(other.server.last_seq(id).unwrap(), 2);
    // A client whose own connection is cut hears so, in words.
    let mut cut = Server::connect(&project).unwrap();
    let pid = cut.backend_pid().unwrap();
    t.raw()
        .query_one("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    let err = cut.load(id).unwrap_err();
    assert!(
        matches!(err, ServerError::Lost { .. } | ServerError::Db { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("máy chủ"), "{err}");
}

fn giamsat(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args(args)
        .output()
        .unwrap()
}

/// The command line: push prints the address last; file commands take it and print what they
/// print for the file; a change by command is written back; pull gives the project back;
/// someone without access gets exit 1 and a message naming the project and the user.
#[test]
fn the_command_line_works_on_addresses() {
    let Some(t) = db("the_command_line_works_on_addresses") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mau.giamsat");
    let f = file.to_str().unwrap();
    assert!(giamsat(&["sample", f]).status.success());
    let url = format!("{}", t.admin());
    let out = giamsat(&["server", "push", f, &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let address = stdout.lines().last().unwrap().to_string();
    assert!(
        address.starts_with("postgres://") && address.ends_with("?project=1"),
        "{address}"
    );
    for args in [
        vec!["summary"],
        vec!["summary", "--format", "json"],
        vec!["explain", "--area", "huyện Hữu Lũng"],
        vec!["recommendations"],
        vec!["follow-up"],
        vec!["export", "--json", "-"],
    ] {
        let on = |target: &str| {
            let mut a = vec![args[0], target];
            a.extend(&args[1..]);
            giamsat(&a)
        };
        let (a, b) = (on(f), on(&address));
        assert!(
            b.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&b.stderr)
        );
        assert_eq!(a.stdout, b.stdout, "{args:?}");
    }
    // A change by command goes to the server, as one change with its name.
    let proof = dir.path().join("cong-van.txt");
    std::fs::write(&proof, "Công văn số 12/UBND").unwrap();
    let out = giamsat(&[
        "attach",
        &address,
        "--recommendation",
        "1",
        proof.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout).unwrap().contains("mã tệp"));
    let mut s = Server::connect(&Address::parse(&address).unwrap()).unwrap();
    let log = s.changes_since(1, 1).unwrap();
    assert_eq!(log.len(), 1);
    assert!(log[0].label.contains("đính kèm"), "{}", log[0].label);
    // …and comes back with a pulled copy, bytes and all.
    let copy = dir.path().join("ban-sao.giamsat");
    let out = giamsat(&["server", "pull", &address, "--out", copy.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let extract = dir.path().join("ra");
    let out = giamsat(&[
        "attachments",
        copy.to_str().unwrap(),
        "--extract",
        extract.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = std::fs::read_dir(&extract)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert_eq!(std::fs::read_to_string(got).unwrap(), "Công văn số 12/UBND");
    // No access: exit 1, the project and the user named, no data.
    let stranger = t.person("khach", Role::Reader);
    let theirs = stranger.with_project(1).to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args(["summary", &theirs])
        .env("PGPASSWORD", PASSWORD)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("dự án 1") && err.contains(&stranger.user()),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// `server watch` prints a line for a change as it happens.
#[test]
fn watch_prints_each_change_as_it_happens() {
    let Some(t) = db("watch_prints_each_change_as_it_happens") else {
        return;
    };
    let project = pushed(&t.admin(), &giamsat::sample::lang_son());
    /// Stops the watcher whatever happens to the test (it would retry for minutes once the
    /// test's database is gone).
    struct Watcher(Option<std::process::Child>);
    impl Drop for Watcher {
        fn drop(&mut self) {
            if let Some(c) = &mut self.0 {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
    let mut watcher = Watcher(Some(
        Command::new(env!("CARGO_BIN_EXE_giamsat"))
            .args(["server", "watch", &project.to_string(), "--limit", "1"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    ));
    // The watcher is listening once it has read the project's last number; give it a moment,
    // then change until it has seen one (a change made before it listened is not printed).
    let child = watcher.0.as_mut().unwrap();
    let mut s = ServerProject::open(&project).unwrap();
    let mut d = s.load_dossier().unwrap();
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(300));
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "server watch printed nothing in a minute of changes"
        );
        let e = with_notes(&d, &format!("{}x", d.info.notes));
        s.write_change("sửa ghi chú hồ sơ", std::slice::from_ref(&e), &NoContent)
            .unwrap();
        d.apply_edit(&e).unwrap();
    }
    let out = watcher.0.take().unwrap().wait_with_output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("sửa ghi chú hồ sơ") && text.contains(&project.user()),
        "{text}"
    );
    // What changed is named in Vietnamese, like the rest of the line.
    assert!(
        text.contains("(Thông tin chung)") && !text.contains("Info"),
        "{text}"
    );
}

/// With the office's authority (PGSSLROOTCERT or `sslrootcert=` in the address) the connection
/// is encrypted; without it the server's certificate is not trusted and the message says what
/// to add, rather than connecting unchecked.
#[test]
fn the_connection_is_encrypted_and_the_certificate_checked() {
    let Some(t) = db("the_connection_is_encrypted_and_the_certificate_checked") else {
        return;
    };
    let required = std::env::var("GIAMSAT_SERVER_TESTS").is_ok_and(|v| v == "required");
    let Ok(ca) = std::env::var("PGSSLROOTCERT") else {
        assert!(
            !required,
            "the CI server offers TLS: PGSSLROOTCERT must be set"
        );
        eprintln!("not run: the test server has no TLS (PGSSLROOTCERT not set)");
        return;
    };
    assert!(Server::connect(&t.admin()).unwrap().is_encrypted().unwrap());
    let url = format!("{}?sslmode=require", t.admin());
    let list = |url: &str| {
        Command::new(env!("CARGO_BIN_EXE_giamsat"))
            .args(["server", "list", url])
            .env_remove("PGSSLROOTCERT")
            .output()
            .unwrap()
    };
    let out = list(&url);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("chứng chỉ TLS của máy chủ không được tin cậy") && err.contains("sslrootcert"),
        "{err}"
    );
    let encoded: String = ca
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let out = list(&format!("{url}&sslrootcert={encoded}"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An editor (not a superuser: grants and row-level security apply) attaches evidence to a
/// project on the server by command; the bytes are audited and come back in a pulled copy.
#[test]
fn an_editor_attaches_evidence_on_the_server() {
    let Some(t) = db("an_editor_attaches_evidence_on_the_server") else {
        return;
    };
    let an = t.person("an", Role::Editor);
    let project = pushed(&an, &giamsat::sample::lang_son());
    let address = an
        .as_user(&an.user(), None)
        .with_project(project.project.unwrap());
    let dir = tempfile::tempdir().unwrap();
    let proof = dir.path().join("bien-ban.txt");
    std::fs::write(&proof, "Biên bản làm việc với UBND huyện Chi Lăng").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_giamsat"))
            .args(args)
            .env("PGPASSWORD", PASSWORD)
            .output()
            .unwrap()
    };
    let out = run(&[
        "attach",
        &address.to_string(),
        "--recommendation",
        "1",
        proof.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = dir.path().join("ban-sao.giamsat");
    let out = run(&[
        "server",
        "pull",
        &address.to_string(),
        "--out",
        copy.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (f, d) = ProjectFile::open_and_load(&copy, giamsat::store::Access::ReadOnly).unwrap();
    assert_eq!(d.attachments.len(), 1);
    let mut bytes = Vec::new();
    f.read_attachment(&d.attachments[0], &mut bytes).unwrap();
    assert_eq!(
        bytes,
        "Biên bản làm việc với UBND huyện Chi Lăng".as_bytes()
    );
    let row = t
        .raw()
        .query_one(
            "SELECT by, (new ->> 'bytes')::int FROM giamsat.audit WHERE kind = 'Content'",
            &[],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), an.user());
    assert_eq!(row.get::<_, i32>(1) as usize, bytes.len());
}

/// A copy pulled, changed offline and checked back in: its changes land beside the ones others
/// made meanwhile; a record both changed is refused, field by field, until the person says
/// whose to keep. Checking the same copy in again writes nothing twice.
#[test]
fn a_pulled_copy_checks_back_in_without_overwriting() {
    let Some(t) = db("a_pulled_copy_checks_back_in_without_overwriting") else {
        return;
    };
    let project = pushed(&t.admin(), &giamsat::sample::lang_son());
    let id = project.project.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ban-sao.giamsat");
    let c = copy.to_str().unwrap();
    let address = project.to_string();
    let out = giamsat(&["server", "pull", &address, "--out", c]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Offline: the notes and a figure's note change in the copy.
    let (mut f, d) = ProjectFile::open_and_load(&copy, giamsat::store::Access::ReadWrite).unwrap();
    let origin = f.server_origin().unwrap().unwrap();
    assert_eq!((origin.project, origin.seq), (id, 1));
    let mut a = d.allocations[0].clone();
    a.note = "đối chiếu khi đi cơ sở".into();
    f.apply_edits(&[
        with_notes(&d, "ghi ở huyện"),
        Edit::update(
            Record::Allocation(d.allocations[0].clone()),
            Record::Allocation(a),
        ),
    ])
    .unwrap();
    drop(f);
    // Meanwhile on the server: a phrase changed by someone else.
    let mut other = ServerProject::open(&project).unwrap();
    let now = other.load_dossier().unwrap();
    let mut p = now.phrases[0].clone();
    p.text = "Câu mẫu sửa trên máy chủ".into();
    other
        .write_change(
            "sửa câu mẫu",
            &[Edit::update(
                Record::Phrase(now.phrases[0].clone()),
                Record::Phrase(p),
            )],
            &NoContent,
        )
        .unwrap();
    let out = giamsat(&["server", "push", c, &address]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = other.load_dossier().unwrap();
    assert_eq!(d.info.notes, "ghi ở huyện");
    assert_eq!(d.allocations[0].note, "đối chiếu khi đi cơ sở");
    assert_eq!(d.phrases[0].text, "Câu mẫu sửa trên máy chủ");
    let seq = other.server.last_seq(id).unwrap();
    assert_eq!(seq, 3);
    // Again: nothing new is written.
    let out = giamsat(&["server", "push", c, &address]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(other.server.last_seq(id).unwrap(), seq);
    // Someone changes the notes on the server; the copy (still as pulled) disagrees.
    other
        .write_change("sửa ghi chú", &[with_notes(&d, "ghi ở tỉnh")], &NoContent)
        .unwrap();
    let before = other.server.last_seq(id).unwrap();
    let (mut f, d2) = ProjectFile::open_and_load(&copy, giamsat::store::Access::ReadWrite).unwrap();
    f.apply_edits(&[with_notes(&d2, "ghi ở huyện, sửa lại")])
        .unwrap();
    drop(f);
    let out = giamsat(&["server", "push", c, &address]);
    assert_eq!(out.status.code(), Some(1));
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(
        listing.contains("notes: ghi ở huyện | ghi ở tỉnh | ghi ở huyện, sửa lại"),
        "{listing}"
    );
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--on-conflict")
    );
    assert_eq!(other.server.last_seq(id).unwrap(), before);
    // Keeping mine overwrites theirs, knowingly; the copy then holds the server's state.
    let out = giamsat(&["server", "push", c, &address, "--on-conflict", "mine"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        other.load_dossier().unwrap().info.notes,
        "ghi ở huyện, sửa lại"
    );
    // Keeping theirs writes nothing over it, and the copy takes theirs.
    let d = other.load_dossier().unwrap();
    other
        .write_change(
            "sửa ghi chú",
            &[with_notes(&d, "ghi ở tỉnh lần hai")],
            &NoContent,
        )
        .unwrap();
    let (mut f, d3) = ProjectFile::open_and_load(&copy, giamsat::store::Access::ReadWrite).unwrap();
    f.apply_edits(&[with_notes(&d3, "bản sao lần hai")])
        .unwrap();
    drop(f);
    let out = giamsat(&["server", "push", c, &address, "--on-conflict", "theirs"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        other.load_dossier().unwrap().info.notes,
        "ghi ở tỉnh lần hai"
    );
    let (f, d4) = ProjectFile::open_and_load(&copy, giamsat::store::Access::ReadOnly).unwrap();
    assert_eq!(d4, other.load_dossier().unwrap());
    assert_eq!(
        f.server_origin().unwrap().unwrap().seq,
        other.server.last_seq(id).unwrap()
    );
    drop(f);
    // Both add a new phrase under the same number: two records, neither may replace the other.
    let (mut f, d5) = ProjectFile::open_and_load(&copy, giamsat::store::Access::ReadWrite).unwrap();
    let mut mine = d5.phrases[0].clone();
    mine.id = giamsat::model::PhraseId(d5.next_id(giamsat::model::Table::Phrases));
    mine.text = "Câu mẫu thêm ở huyện".into();
    f.apply_edits(&[Edit::insert(Record::Phrase(mine.clone()))])
        .unwrap();
    drop(f);
    let mut theirs = mine.clone();
    theirs.text = "Câu mẫu thêm ở tỉnh".into();
    other
        .write_change(
            "thêm câu mẫu",
            &[Edit::insert(Record::Phrase(theirs))],
            &NoContent,
        )
        .unwrap();
    // The copy's is moved to a number the server reserves for it: both stay, neither is
    // taken for the other changed.
    let out = giamsat(&["server", "push", c, &address]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let now = other.load_dossier().unwrap();
    let texts: Vec<(i64, &str)> = now
        .phrases
        .iter()
        .filter(|p| p.text.starts_with("Câu mẫu thêm"))
        .map(|p| (p.id.0, p.text.as_str()))
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts.contains(&(mine.id.0, "Câu mẫu thêm ở tỉnh")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|(i, t)| *i > mine.id.0 && *t == "Câu mẫu thêm ở huyện"),
        "{texts:?}"
    );
    let (_, d6) = ProjectFile::open_and_load(&copy, giamsat::store::Access::ReadOnly).unwrap();
    assert_eq!(d6, now, "the copy holds both too");
    // A file that was never pulled cannot be checked in as if it had been.
    let plain = dir.path().join("khac.giamsat");
    ProjectFile::create(&plain, &giamsat::sample::lang_son()).unwrap();
    let out = giamsat(&["server", "push", plain.to_str().unwrap(), &address]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("server pull")
    );
}
