//! Who has which record open in an editor: each window says so (and refreshes it while the
//! person edits), and reads who else does, so that others see "Anh/Chị X đang sửa mục này".

use super::*;

/// How long a window's word stands without being refreshed (a window that crashed).
const FRESH_SECONDS: f64 = 90.0;

/// Someone editing a record of the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Editing {
    pub person: String,
    pub kind: String,
    pub id: i64,
}

impl Server {
    /// Says (or refreshes) that this window (`client`) has `record` (kind, id) open in an
    /// editor; `None` says it has none.
    pub fn announce(
        &mut self,
        project: i64,
        client: &str,
        record: Option<(&str, i64)>,
    ) -> Result<(), ServerError> {
        let result = match record {
            Some((kind, id)) => self.client.execute(
                "INSERT INTO giamsat.presence (project_id, client, kind, id) VALUES ($1, $2, $3, $4)
                 ON CONFLICT (project_id, client)
                 DO UPDATE SET kind = EXCLUDED.kind, id = EXCLUDED.id, since = now()",
                &[&project, &client, &kind, &id],
            ),
            None => self.client.execute(
                "DELETE FROM giamsat.presence WHERE project_id = $1 AND client = $2",
                &[&project, &client],
            ),
        };
        result.map(|_| ()).map_err(|e| self.err(e))
    }

    /// Reserves `n` ids of `kind` (a table's name) for this window and returns the first:
    /// nobody else is given any of them, and none is below `floor`.
    pub fn reserve_ids(
        &mut self,
        project: i64,
        kind: &str,
        n: i32,
        floor: i64,
    ) -> Result<i64, ServerError> {
        let row = self
            .client
            .query_one(
                "SELECT giamsat.reserve_ids($1, $2, $3, $4)",
                &[&project, &kind, &n, &floor],
            )
            .map_err(|e| self.err(e))?;
        Ok(row.get(0))
    }

    /// Reserves `n` ids of each kind at once (one round trip): each kind with its floor;
    /// returns each kind with its first id.
    pub fn reserve_many(
        &mut self,
        project: i64,
        asked: &[(String, i64)],
        n: i32,
    ) -> Result<Vec<(String, i64)>, ServerError> {
        let kinds: Vec<&str> = asked.iter().map(|(k, _)| k.as_str()).collect();
        let floors: Vec<i64> = asked.iter().map(|(_, f)| *f).collect();
        let rows = self
            .client
            .query(
                "SELECT k, giamsat.reserve_ids($1, k, $3, f)
                 FROM unnest($2::text[], $4::bigint[]) AS t(k, f)",
                &[&project, &kinds, &n, &floors],
            )
            .map_err(|e| self.err(e))?;
        Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Who else (other windows) has a record of the project open in an editor now.
    pub fn others_editing(
        &mut self,
        project: i64,
        client: &str,
    ) -> Result<Vec<Editing>, ServerError> {
        let rows = self
            .client
            .query(
                "SELECT person, kind, id FROM giamsat.presence
                 WHERE project_id = $1 AND client <> $2
                   AND since > now() - make_interval(secs => $3)
                 ORDER BY since",
                &[&project, &client, &FRESH_SECONDS],
            )
            .map_err(|e| self.err(e))?;
        Ok(rows
            .iter()
            .map(|r| Editing {
                person: r.get(0),
                kind: r.get(1),
                id: r.get(2),
            })
            .collect())
    }
}
