//! A project's records on the server: put a whole project there, read it back, apply a
//! change checked against what it was made from, catch up with others' changes, and be told
//! of them.

use super::*;

impl Server {
    /// Puts a whole project on the server as a new project (one change); returns its id.
    pub fn push(
        &mut self,
        d: &Dossier,
        content: &dyn ContentSource,
        label: &str,
    ) -> Result<i64, ServerError> {
        self.schema_step()?;
        let server = self.address.to_string();
        let user = self.user.clone();
        let mut tx = self.client.transaction().map_err(|e| wrap(&server, e))?;
        let project: i64 = tx
            .query_one("SELECT giamsat.new_project()", &[])
            .map_err(|e| {
                if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
                    ServerError::Denied {
                        user: user.clone(),
                        what: "tạo dự án".into(),
                        server: server.clone(),
                    }
                } else {
                    wrap(&server, e)
                }
            })?
            .get(0);
        tx.execute(
            "INSERT INTO giamsat.changes (project_id, seq, label, edits) VALUES ($1, 0, $2, '[]')",
            &[&project, &label],
        )
        .map_err(|e| wrap(&server, e))?;
        let records: Vec<Record> = d.records().collect();
        for append_only in [false, true] {
            let chosen: Vec<&Record> = records
                .iter()
                .filter(|r| records::append_only(key_parts(r.key()).0) == append_only)
                .collect();
            let table = if append_only {
                "giamsat.entries"
            } else {
                "giamsat.records"
            };
            let sql = format!(
                "INSERT INTO {table} (project_id, kind, id, body)
                 SELECT $1, k, i, b::jsonb FROM unnest($2::text[], $3::bigint[], $4::text[]) AS t(k, i, b)"
            );
            for chunk in chosen.chunks(BATCH) {
                let mut kinds = Vec::with_capacity(chunk.len());
                let mut ids = Vec::with_capacity(chunk.len());
                let mut bodies = Vec::with_capacity(chunk.len());
                for r in chunk {
                    let (k, i) = key_parts(r.key());
                    kinds.push(k);
                    ids.push(i);
                    bodies.push(records::body(r).map_err(|e| ServerError::BadData(e.to_string()))?);
                }
                tx.execute(&sql, &[&project, &kinds, &ids, &bodies])
                    .map_err(|e| wrap(&server, e))?;
            }
        }
        for a in &d.attachments {
            let bytes = read_all(content, a.id)?.ok_or_else(|| missing_bytes(a))?;
            tx.execute(
                "INSERT INTO giamsat.contents (project_id, attachment_id, bytes) VALUES ($1, $2, $3)",
                &[&project, &a.id.0, &bytes],
            )
            .map_err(|e| wrap(&server, e))?;
        }
        tx.commit().map_err(|e| wrap(&server, e))?;
        Ok(project)
    }

    /// Reads a whole project, as it stands at one moment.
    pub fn load(&mut self, project: i64) -> Result<Loaded, ServerError> {
        Ok(self.snapshot(project, false, None)?.0)
    }

    /// The project now, and what a copy with this `origin` holds of the server's (so that
    /// the copy's differences from it are exactly what was changed in the copy): the project
    /// as it stood after `origin.through`, but each `held` record as it stood after the
    /// change given with it (others' later changes to it were left out of the copy), all read
    /// at one moment from the change log.
    pub fn copy_base(
        &mut self,
        project: i64,
        origin: &crate::store::ServerOrigin,
    ) -> Result<(Loaded, Dossier), ServerError> {
        let (now, _, log) = self.snapshot(project, false, Some(origin.seq))?;
        // A mark the server's log does not reach (a database restored from an older backup)
        // cannot be rebuilt: the copy is not of this project as the server has it.
        if origin.through > now.seq
            || origin
                .held
                .iter()
                .any(|(_, s)| *s < origin.seq || *s > origin.through)
        {
            return Err(ServerError::BadData(format!(
                "bản sao ghi đã có đến thay đổi số {} của dự án {project}, máy chủ mới có đến số {}",
                origin.through, now.seq
            )));
        }
        let mut then = now.dossier.clone();
        let mut at_through = None;
        let mut held: Vec<(
            crate::model::RecordKey,
            Option<Option<crate::model::Record>>,
        )> = origin.held.iter().map(|(k, _)| (*k, None)).collect();
        // Walking back from now: before a change is undone, `then` stands after it.
        let mut capture = |then: &Dossier, upto: i64| {
            if at_through.is_none() && upto <= origin.through {
                at_through = Some(then.clone());
            }
            for ((key, got), (_, s)) in held.iter_mut().zip(&origin.held) {
                if got.is_none() && upto <= *s {
                    *got = Some(then.record(*key));
                }
            }
        };
        for change in log.iter().rev() {
            capture(&then, change.seq);
            for edit in change.edits.iter().rev() {
                then.apply_edit(&edit.inverse()).map_err(|e| {
                    ServerError::BadData(format!(
                        "nhật ký thay đổi của dự án {project} không khớp dữ liệu (thay đổi số {}): {e}",
                        change.seq
                    ))
                })?;
            }
        }
        capture(&then, origin.seq);
        let mut base = at_through.unwrap_or_else(|| then.clone());
        for (key, got) in held {
            match got.unwrap_or_else(|| then.record(key)) {
                Some(r) => base.put(r),
                None => base.remove(key),
            }
        }
        Ok((now, base))
    }

    /// Reads a whole project and its attached files' bytes, all as at one moment (for a copy
    /// in a file).
    pub fn load_with_contents(
        &mut self,
        project: i64,
    ) -> Result<(Loaded, HashMap<AttachmentId, Vec<u8>>), ServerError> {
        let (loaded, contents, _) = self.snapshot(project, true, None)?;
        Ok((loaded, contents))
    }

    #[allow(clippy::type_complexity)]
    fn snapshot(
        &mut self,
        project: i64,
        with_contents: bool,
        log_since: Option<i64>,
    ) -> Result<(Loaded, HashMap<AttachmentId, Vec<u8>>, Vec<RemoteChange>), ServerError> {
        self.schema_step()?;
        let server = self.address.to_string();
        let no_access = self.no_access(project);
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(|e| wrap(&server, e))?;
        let seq: i64 = tx
            .query_opt(
                "SELECT last_seq FROM giamsat.projects WHERE id = $1",
                &[&project],
            )
            .map_err(|e| wrap(&server, e))?
            .ok_or(no_access)?
            .get(0);
        let mut all = Vec::new();
        for table in ["giamsat.records", "giamsat.entries"] {
            let rows = tx
                .query(
                    &format!("SELECT kind, body::text FROM {table} WHERE project_id = $1"),
                    &[&project],
                )
                .map_err(|e| wrap(&server, e))?;
            for row in rows {
                let kind: &str = row.get(0);
                let body: &str = row.get(1);
                all.push(records::from_body(kind, body).map_err(ServerError::BadData)?);
            }
        }
        let mut contents = HashMap::new();
        if with_contents {
            for r in tx
                .query(
                    "SELECT attachment_id, bytes FROM giamsat.contents WHERE project_id = $1",
                    &[&project],
                )
                .map_err(|e| wrap(&server, e))?
            {
                contents.insert(AttachmentId(r.get(0)), r.get(1));
            }
        }
        let mut log = Vec::new();
        if let Some(after) = log_since {
            if after > seq {
                return Err(ServerError::BadData(format!(
                    "bản sao ghi đã có đến thay đổi số {after}, nhưng dự án {project} trên máy chủ mới có {seq} thay đổi: đây không phải bản sao của dự án này"
                )));
            }
            for r in tx
                .query(CHANGES_SINCE, &[&project, &after])
                .map_err(|e| wrap(&server, e))?
            {
                log.push(remote_change(project, &r)?);
            }
        }
        tx.commit().map_err(|e| wrap(&server, e))?;
        let dossier = Dossier::from_records(all);
        if let Some(p) = dossier.validate().into_iter().next() {
            return Err(ServerError::BadData(format!(
                "dự án {project} trên máy chủ {server} có dữ liệu không hợp lệ: {p}"
            )));
        }
        Ok((Loaded { dossier, seq }, contents, log))
    }

    /// The bytes of one attached file (`None` when the server has none).
    pub fn content(
        &mut self,
        project: i64,
        id: AttachmentId,
    ) -> Result<Option<Vec<u8>>, ServerError> {
        let row = self
            .client
            .query_opt(
                "SELECT bytes FROM giamsat.contents WHERE project_id = $1 AND attachment_id = $2",
                &[&project, &id.0],
            )
            .map_err(|e| self.err(e))?;
        Ok(row.map(|r| r.get(0)))
    }

    /// Applies one change in one transaction, only if every record it touches is still what
    /// the change was made against (its `before`). Returns the change's number, or `None` when
    /// the server already holds everything it would write (nothing is numbered then). On a
    /// conflict nothing is written and every conflicting record is reported.
    pub fn apply(
        &mut self,
        project: i64,
        label: &str,
        edits: &[Edit],
        content: &dyn ContentSource,
    ) -> Result<Option<i64>, ServerError> {
        let server = self.address.to_string();
        self.check_project(project)?;
        let denied = self.denied("sửa dự án");
        let refused = |e: postgres::Error| {
            if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
                denied.clone()
            } else {
                wrap(&server, e)
            }
        };
        let mut tx = self.client.transaction().map_err(|e| wrap(&server, e))?;
        // The project's row stays locked until this transaction ends: a project's changes are
        // checked and written one at a time, in the order of their numbers.
        tx.execute("SELECT giamsat.lock_project($1)", &[&project])
            .map_err(refused)?;
        // First every record as it stands: what is in the way, what is already done.
        let mut conflicts = Vec::new();
        let mut to_write: Vec<(&Edit, Option<Record>)> = Vec::new();
        for edit in edits {
            let Some(key) = edit.key() else { continue };
            let (kind, id) = key_parts(key);
            let table = records::table(kind);
            let row = tx
                .query_opt(
                    &format!(
                        "SELECT body::text, version, changed_by, changed_at FROM {table}
                         WHERE project_id = $1 AND kind = $2 AND id = $3"
                    ),
                    &[&project, &kind, &id],
                )
                .map_err(|e| wrap(&server, e))?;
            let (current, version, by, at) = match &row {
                Some(r) => (
                    Some(records::from_body(kind, r.get(0)).map_err(ServerError::BadData)?),
                    r.get::<_, i64>(1),
                    Some(r.get::<_, String>(2)),
                    Some(r.get::<_, DateTime<Utc>>(3)),
                ),
                None => (None, 0, None, None),
            };
            if current == edit.after {
                // Already as this change would leave it (the same change made twice, a copy
                // checked in again): nothing to write, nothing in the way.
                continue;
            }
            if current != edit.before {
                conflicts.push(Conflict {
                    key,
                    expected: edit.before.clone(),
                    theirs: current,
                    mine: edit.after.clone(),
                    by,
                    at,
                    version,
                });
                continue;
            }
            to_write.push((edit, current));
        }
        if !conflicts.is_empty() {
            // Dropping the transaction rolls it back: nothing of this change stays.
            drop(tx);
            return Err(ServerError::Conflicts(conflicts));
        }
        if to_write.is_empty() {
            // The server has it all already: no change to number or announce.
            drop(tx);
            return Ok(None);
        }
        // The log names exactly what is written, so the state before any change can be rebuilt.
        let written: Vec<Edit> = to_write.iter().map(|(e, _)| (*e).clone()).collect();
        let log = edits_json(&written)?;
        let seq: i64 = tx
            .query_one(
                "INSERT INTO giamsat.changes (project_id, seq, label, edits)
                 VALUES ($1, 0, $2, $3::text::jsonb) RETURNING seq",
                &[&project, &label, &log],
            )
            .map_err(refused)?
            .get(0);
        for (edit, current) in to_write {
            let Some(key) = edit.key() else { continue };
            let (kind, id) = key_parts(key);
            let table = records::table(kind);
            let result = match (&current, &edit.after) {
                (_, Some(after)) => {
                    let body =
                        records::body(after).map_err(|e| ServerError::BadData(e.to_string()))?;
                    if current.is_some() {
                        tx.execute(
                            &format!(
                                "UPDATE {table} SET body = $4::text::jsonb
                                 WHERE project_id = $1 AND kind = $2 AND id = $3"
                            ),
                            &[&project, &kind, &id, &body],
                        )
                    } else {
                        tx.execute(
                            &format!(
                                "INSERT INTO {table} (project_id, kind, id, body)
                                 VALUES ($1, $2, $3, $4::text::jsonb)"
                            ),
                            &[&project, &kind, &id, &body],
                        )
                    }
                }
                (Some(_), None) => tx.execute(
                    &format!("DELETE FROM {table} WHERE project_id = $1 AND kind = $2 AND id = $3"),
                    &[&project, &kind, &id],
                ),
                (None, None) => Ok(0),
            };
            result.map_err(refused)?;
            match (&edit.before, &edit.after) {
                (None, Some(Record::Attachment(a))) => {
                    // A file's record never goes to the server without its bytes: a copy
                    // made from the project later could not be written.
                    let bytes = read_all(content, a.id)?.ok_or_else(|| missing_bytes(a))?;
                    tx.execute(
                        "INSERT INTO giamsat.contents (project_id, attachment_id, bytes) VALUES ($1, $2, $3)",
                        &[&project, &a.id.0, &bytes],
                    )
                    .map_err(refused)?;
                }
                (Some(Record::Attachment(a)), None) => {
                    tx.execute(
                        "DELETE FROM giamsat.contents WHERE project_id = $1 AND attachment_id = $2",
                        &[&project, &a.id.0],
                    )
                    .map_err(refused)?;
                }
                _ => {}
            }
        }
        tx.commit().map_err(|e| wrap(&server, e))?;
        Ok(Some(seq))
    }

    /// The number of a project's last change.
    pub fn last_seq(&mut self, project: i64) -> Result<i64, ServerError> {
        self.check_project(project)
    }

    /// A project's changes after number `after`, oldest first.
    pub fn changes_since(
        &mut self,
        project: i64,
        after: i64,
    ) -> Result<Vec<RemoteChange>, ServerError> {
        let rows = self
            .client
            .query(CHANGES_SINCE, &[&project, &after])
            .map_err(|e| self.err(e))?;
        rows.iter().map(|r| remote_change(project, r)).collect()
    }

    /// Asks to be told of changes (see [`Server::wait`]).
    pub fn listen(&mut self) -> Result<(), ServerError> {
        self.client
            .batch_execute(&format!("LISTEN {CHANNEL}"))
            .map_err(|e| self.err(e))
    }

    /// Waits up to `timeout` for the server to announce a change; returns the projects
    /// announced (possibly none). Announcements are not replayed after a reconnect: catch up
    /// with [`Server::changes_since`].
    pub fn wait(&mut self, timeout: Duration) -> Result<Vec<i64>, ServerError> {
        let mut out = Vec::new();
        let server = self.address.to_string();
        let payload = |n: &postgres::Notification| {
            n.payload()
                .split_once(':')
                .and_then(|(p, _)| p.parse::<i64>().ok())
        };
        let first = self.client.notifications().timeout_iter(timeout).next();
        match first {
            Ok(Some(n)) => {
                out.extend(payload(&n));
                // Take what else has arrived, without waiting again.
                let mut notes = self.client.notifications();
                let mut pending = notes.iter();
                while let Some(n) = pending.next().map_err(|e| wrap(&server, e))? {
                    out.extend(payload(&n));
                }
            }
            Ok(None) => {}
            Err(e) => return Err(wrap(&server, e)),
        }
        if self.client.is_closed() {
            return Err(ServerError::Lost {
                server,
                reason: "kết nối đã đóng".into(),
            });
        }
        Ok(out)
    }
}

/// A project's changes after a number, oldest first.
const CHANGES_SINCE: &str = "SELECT seq, at, by, label, edits::text FROM giamsat.changes
     WHERE project_id = $1 AND seq > $2 ORDER BY seq";

fn remote_change(project: i64, r: &postgres::Row) -> Result<RemoteChange, ServerError> {
    Ok(RemoteChange {
        project,
        seq: r.get(0),
        at: r.get(1),
        by: r.get(2),
        label: r.get(3),
        edits: edits_from_json(r.get(4))?,
    })
}

fn missing_bytes(a: &crate::model::Attachment) -> ServerError {
    ServerError::BadData(format!(
        "thiếu nội dung tệp đính kèm [{}] {}: không đưa lên máy chủ một tệp không có nội dung",
        a.id.0, a.name
    ))
}

fn read_all(content: &dyn ContentSource, id: AttachmentId) -> Result<Option<Vec<u8>>, ServerError> {
    match content.open(id) {
        None => Ok(None),
        Some(Err(e)) => Err(ServerError::BadData(format!(
            "không đọc được tệp đính kèm {id}: {e}"
        ))),
        Some(Ok(mut r)) => {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes).map_err(|e| {
                ServerError::BadData(format!("không đọc được tệp đính kèm {id}: {e}"))
            })?;
            Ok(Some(bytes))
        }
    }
}

/// A change's edits as the change log keeps them: kind, id, before and after bodies.
fn edits_json(edits: &[Edit]) -> Result<String, ServerError> {
    let mut s = String::from("[");
    for (i, e) in edits.iter().filter(|e| e.key().is_some()).enumerate() {
        let Some(key) = e.key() else { continue };
        let (kind, id) = key_parts(key);
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!("{{\"kind\":\"{kind}\",\"id\":{id},\"before\":"));
        for (n, side) in [&e.before, &e.after].into_iter().enumerate() {
            if n == 1 {
                s.push_str(",\"after\":");
            }
            match side {
                Some(r) => {
                    s.push_str(&records::body(r).map_err(|e| ServerError::BadData(e.to_string()))?)
                }
                None => s.push_str("null"),
            }
        }
        s.push('}');
    }
    s.push(']');
    Ok(s)
}

fn edits_from_json(text: &str) -> Result<Vec<Edit>, ServerError> {
    #[derive(serde::Deserialize)]
    struct Logged {
        kind: String,
        before: Option<serde_json::Value>,
        after: Option<serde_json::Value>,
    }
    let logged: Vec<Logged> = serde_json::from_str(text)
        .map_err(|e| ServerError::BadData(format!("nhật ký thay đổi trên máy chủ hỏng: {e}")))?;
    let side = |kind: &str, v: Option<serde_json::Value>| -> Result<Option<Record>, ServerError> {
        v.map(|v| records::from_body(kind, &v.to_string()).map_err(ServerError::BadData))
            .transpose()
    };
    logged
        .into_iter()
        .map(|l| {
            Ok(Edit {
                before: side(&l.kind, l.before)?,
                after: side(&l.kind, l.after)?,
            })
        })
        .collect()
}

/// One project on a server, as a [`ProjectStore`](crate::store::ProjectStore).
#[derive(Debug)]
pub struct ServerProject {
    pub server: Server,
    pub project: i64,
    /// The number of the last change this client read or wrote.
    pub seq: i64,
}

impl ServerProject {
    /// Connects to the project an address names.
    pub fn open(address: &Address) -> Result<ServerProject, ServerError> {
        let project = address.project.ok_or_else(|| {
            ServerError::Address(format!(
                "địa chỉ “{address}” không nói dự án nào: thêm ?project=MÃ (xem “giamsat server list”)"
            ))
        })?;
        let mut server = Server::connect(address)?;
        server.schema_step()?;
        let seq = server.last_seq(project)?;
        Ok(ServerProject {
            server,
            project,
            seq,
        })
    }
}

impl crate::store::ProjectStore for ServerProject {
    fn load_dossier(&mut self) -> Result<Dossier, crate::store::WriteError> {
        let loaded = self.server.load(self.project)?;
        self.seq = loaded.seq;
        Ok(loaded.dossier)
    }

    fn write_change(
        &mut self,
        label: &str,
        edits: &[Edit],
        content: &dyn ContentSource,
    ) -> Result<(), crate::store::WriteError> {
        // Only the next number leaves nothing unread between: a change others made in between
        // is read by catching up from `seq`.
        if let Some(seq) = self.server.apply(self.project, label, edits, content)?
            && seq == self.seq + 1
        {
            self.seq = seq;
        }
        Ok(())
    }
}
