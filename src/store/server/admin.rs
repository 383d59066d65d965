//! Preparing a database for GiamSat and saying who may do what: `server init`, `user add`,
//! `grant`, `revoke`, `list`.

use super::*;

impl Server {
    /// Creates or upgrades the GiamSat schema in this database, as a superuser (it makes the
    /// server-wide roles and hands the tables to `giamsat_owner`). Safe to run again. Returns
    /// the steps before and after.
    pub fn init(&mut self) -> Result<(i32, i32), ServerError> {
        let superuser: bool = self
            .client
            .query_one(
                "SELECT rolsuper FROM pg_roles WHERE rolname = current_user",
                &[],
            )
            .map_err(|e| self.err(e))?
            .get(0);
        if !superuser {
            return Err(ServerError::Denied {
                user: self.user.clone(),
                what: "chuẩn bị lược đồ (cần tài khoản siêu người dùng của PostgreSQL, thường là postgres)".into(),
                server: self.address.to_string(),
            });
        }
        self.client
            .batch_execute(include_str!("sql/roles.sql"))
            .map_err(|e| self.err(e))?;
        let server = self.address.to_string();
        let mut tx = self.client.transaction().map_err(|e| wrap(&server, e))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&SCHEMA_LOCK])
            .map_err(|e| wrap(&server, e))?;
        let exists: bool = tx
            .query_one("SELECT to_regclass('giamsat.schema_info') IS NOT NULL", &[])
            .map_err(|e| wrap(&server, e))?
            .get(0);
        let from: i32 = if exists {
            tx.query_one("SELECT step FROM giamsat.schema_info", &[])
                .map_err(|e| wrap(&server, e))?
                .get(0)
        } else {
            0
        };
        if from > SERVER_SCHEMA {
            return Err(ServerError::TooNew {
                server,
                found: from,
                known: SERVER_SCHEMA,
            });
        }
        for (n, sql) in STEPS.iter().filter(|(n, _)| *n > from) {
            tx.batch_execute(sql).map_err(|e| ServerError::Db {
                server: server.clone(),
                reason: format!("bước lược đồ {n}: {}", reason(&e)),
            })?;
            tx.execute("UPDATE giamsat.schema_info SET step = $1", &[n])
                .map_err(|e| wrap(&server, e))?;
        }
        tx.commit().map_err(|e| wrap(&server, e))?;
        Ok((from, SERVER_SCHEMA))
    }

    /// Adds a person who logs in with `password` (sent to the server only as a SCRAM-SHA-256
    /// verifier, never as the password itself).
    pub fn add_user(&mut self, name: &str, role: Role, password: &str) -> Result<(), ServerError> {
        check_user_name(name)?;
        if password.chars().count() < 8 {
            return Err(ServerError::BadData(
                "mật khẩu phải có ít nhất 8 ký tự".to_string(),
            ));
        }
        self.schema_step()?;
        let exists: bool = self
            .client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                &[&name],
            )
            .map_err(|e| self.err(e))?
            .get(0);
        if exists {
            return Err(ServerError::BadData(format!(
                "người dùng “{name}” đã có trên máy chủ {}",
                self.address
            )));
        }
        // A login of the same name that was removed may have left memberships behind: the new
        // person must not inherit them.
        self.client
            .execute("DELETE FROM giamsat.members WHERE role_name = $1", &[&name])
            .map_err(|e| self.permission(e, "tạo người dùng"))?;
        let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
        let sql = format!(
            "CREATE ROLE \"{name}\" LOGIN PASSWORD '{}'; GRANT {} TO \"{name}\";",
            verifier.replace('\'', "''"),
            role.group()
        );
        let server = self.address.to_string();
        let user = self.user.clone();
        let mut tx = self.client.transaction().map_err(|e| wrap(&server, e))?;
        tx.batch_execute(&sql).map_err(|e| {
            if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
                ServerError::Denied {
                    user: user.clone(),
                    what: "tạo người dùng (cần quyền CREATEROLE hoặc siêu người dùng)".into(),
                    server: server.clone(),
                }
            } else {
                wrap(&server, e)
            }
        })?;
        tx.commit().map_err(|e| wrap(&server, e))?;
        Ok(())
    }

    /// Lets `name` see (and, as an editor, change) `project`.
    pub fn grant(&mut self, project: i64, name: &str) -> Result<bool, ServerError> {
        self.schema_step()?;
        self.check_person(name)?;
        self.check_project(project)?;
        let n = self
            .client
            .execute(
                "INSERT INTO giamsat.members (project_id, role_name) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&project, &name],
            )
            .map_err(|e| self.permission(e, "cấp quyền dự án"))?;
        Ok(n == 1)
    }

    /// Takes `project` away from `name`. Returns whether they had it.
    pub fn revoke(&mut self, project: i64, name: &str) -> Result<bool, ServerError> {
        self.schema_step()?;
        self.check_project(project)?;
        let n = self
            .client
            .execute(
                "DELETE FROM giamsat.members WHERE project_id = $1 AND role_name = $2",
                &[&project, &name],
            )
            .map_err(|e| self.permission(e, "thu hồi quyền dự án"))?;
        Ok(n == 1)
    }

    fn permission(&self, e: postgres::Error, what: &str) -> ServerError {
        if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
            self.denied(what)
        } else {
            self.err(e)
        }
    }

    fn check_person(&mut self, name: &str) -> Result<(), ServerError> {
        let known: bool = self
            .client
            .query_one(
                "SELECT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = $1 AND r.rolcanlogin
                 AND (pg_has_role(r.oid, 'giamsat_reader', 'MEMBER')))",
                &[&name],
            )
            .map_err(|e| self.err(e))?
            .get(0);
        if known {
            Ok(())
        } else {
            Err(ServerError::BadData(format!(
                "máy chủ {} không có người dùng GiamSat “{name}” (thêm bằng “giamsat server user add”)",
                self.address
            )))
        }
    }

    /// The projects this user may see, and the people who may log in.
    pub fn list(&mut self) -> Result<(Vec<ProjectRow>, Vec<UserRow>), ServerError> {
        self.schema_step()?;
        let rows = self
            .client
            .query(
                "SELECT p.id, COALESCE(r.body ->> 'name', ''), p.created_by, p.created_at, p.last_seq,
                        (SELECT count(*) FROM giamsat.records x WHERE x.project_id = p.id)
                          + (SELECT count(*) FROM giamsat.entries x WHERE x.project_id = p.id),
                        CASE WHEN giamsat.is_admin() THEN
                            ARRAY(SELECT m.role_name FROM giamsat.members m WHERE m.project_id = p.id ORDER BY 1)
                        END
                 FROM giamsat.projects p
                 LEFT JOIN giamsat.records r ON r.project_id = p.id AND r.kind = 'Info' AND r.id = 0
                 ORDER BY p.id",
                &[],
            )
            .map_err(|e| self.err(e))?;
        let projects = rows
            .iter()
            .map(|r| ProjectRow {
                id: r.get(0),
                name: r.get(1),
                created_by: r.get(2),
                created_at: r.get(3),
                last_seq: r.get(4),
                records: r.get(5),
                members: r.get(6),
            })
            .collect();
        let rows = self
            .client
            .query(
                "SELECT r.rolname::text,
                        CASE WHEN pg_has_role(r.oid, 'giamsat_admin', 'MEMBER') THEN 'admin'
                             WHEN pg_has_role(r.oid, 'giamsat_editor', 'MEMBER') THEN 'editor'
                             ELSE 'reader' END
                 FROM pg_roles r
                 WHERE r.rolcanlogin AND pg_has_role(r.oid, 'giamsat_reader', 'MEMBER')
                   AND NOT r.rolsuper
                 ORDER BY 1",
                &[],
            )
            .map_err(|e| self.err(e))?;
        let users = rows
            .iter()
            .map(|r| UserRow {
                name: r.get(0),
                role: r.get(1),
            })
            .collect();
        Ok((projects, users))
    }
}

/// A login name staff can type and the server keeps as written.
fn check_user_name(name: &str) -> Result<(), ServerError> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
        && !name.starts_with("pg_")
        && !name.starts_with("giamsat_");
    if ok {
        Ok(())
    } else {
        Err(ServerError::BadData(format!(
            "tên đăng nhập “{name}” không dùng được: chỉ chữ thường không dấu, chữ số và . _ -, bắt đầu bằng một chữ (ví dụ nguyen.van.a)"
        )))
    }
}
