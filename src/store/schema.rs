//! The numbered schema steps, and the check that a file's schema is exactly ours.
//!
//! New files run every step from zero, so the upgrade path is exercised from the first day.
//! A step is never edited once released: a change is a new step.

use rusqlite::{Connection, Transaction};

/// `PRAGMA application_id` of every GiamSat project file: the bytes "GSAT".
pub const APPLICATION_ID: i32 = 0x4753_4154;

/// The schema steps, in order. Step n brings a file from `user_version` n-1 to n.
pub const STEPS: &[&str] = &[
    include_str!("sql/0001_core.sql"),
    include_str!("sql/0002_rounds.sql"),
    include_str!("sql/0003_drafting.sql"),
    include_str!("sql/0004_documents.sql"),
    include_str!("sql/0005_follow_up.sql"),
    include_str!("sql/0006_attachments.sql"),
    include_str!("sql/0007_round_locks.sql"),
    include_str!("sql/0008_follow_up_report.sql"),
    include_str!("sql/0009_successions.sql"),
    include_str!("sql/0010_figure_rounds.sql"),
    include_str!("sql/0011_figure_covers.sql"),
    include_str!("sql/0012_issued_documents.sql"),
    include_str!("sql/0013_server_origin.sql"),
    include_str!("sql/0014_server_hold.sql"),
];

/// The step that added what a figure covers: files upgraded through it have their office
/// rows marked as own parts (see [`mark_own_parts`]).
const COVERS_STEP: i32 = 11;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = STEPS.len() as i32;

/// Runs the steps after `from` up to `to` inside `tx`, and records the new version.
pub fn upgrade(tx: &Transaction<'_>, from: i32, to: i32) -> rusqlite::Result<()> {
    for step in from..to {
        tx.execute_batch(STEPS[step as usize])?;
        if step + 1 == COVERS_STEP {
            mark_own_parts(tx)?;
        }
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", to)?;
    Ok(())
}

/// Marks the figures of older data that are an area's own part (the office rows of imported
/// reports), by the rule in [`crate::model::figures::own_parts_in_old_data`].
fn mark_own_parts(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    use crate::model::{AllocationId, AreaId, ProjectId, RoundId};
    let areas: Vec<(AreaId, Option<AreaId>)> = tx
        .prepare("SELECT id, parent_id FROM areas")?
        .query_map([], |r| {
            Ok((AreaId(r.get(0)?), r.get::<_, Option<i64>>(1)?.map(AreaId)))
        })?
        .collect::<Result<_, _>>()?;
    // Only figures that came from a report's row can be an office's.
    struct Row {
        id: AllocationId,
        area: AreaId,
        project: ProjectId,
        source: String,
        from: i32,
        to: i32,
        kind: String,
        amount: Option<i64>,
        round: Option<RoundId>,
    }
    let figures: Vec<Row> = tx
        .prepare(
            "SELECT id, area_id, project_id, source_doc, from_year, to_year, kind, amount_dong,
                    round_id
             FROM allocations WHERE source_doc LIKE '%, dòng %'",
        )?
        .query_map([], |r| {
            Ok(Row {
                id: AllocationId(r.get(0)?),
                area: AreaId(r.get(1)?),
                project: ProjectId(r.get(2)?),
                source: r.get(3)?,
                from: r.get(4)?,
                to: r.get(5)?,
                kind: r.get(6)?,
                amount: r.get(7)?,
                round: r.get::<_, Option<i64>>(8)?.map(RoundId),
            })
        })?
        .collect::<Result<_, _>>()?;
    let own = crate::model::figures::own_parts_in_old_data(
        areas,
        figures.iter().map(|f| crate::model::figures::OldFigure {
            id: f.id,
            area: f.area,
            project: f.project,
            source: f.source.as_str(),
            column: (f.from, f.to, f.kind.as_str()),
            amount: f.amount,
            round: f.round,
        }),
    );
    let mut mark = tx.prepare("UPDATE allocations SET covers = 'own' WHERE id = ?1")?;
    for id in own {
        mark.execute([id.0])?;
    }
    Ok(())
}

/// The shape of a schema — objects, columns, keys, indexes — as lines of text, so two
/// schemas can be compared without trusting the stored SQL text.
pub fn fingerprint(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    let objects: Vec<(String, String, String, Option<String>)> = conn
        .prepare(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema
             WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    for (ty, name, table, sql) in objects {
        out.push(format!("{ty} {name} on {table}"));
        let sql: Option<String> = sql;
        match ty.as_str() {
            // What a trigger or view does is its text: a file whose trigger has our name but
            // another body is not ours.
            "trigger" | "view" => {
                let words: Vec<&str> = sql.as_deref().unwrap_or("").split_whitespace().collect();
                out.push(format!("  sql {}", words.join(" ")));
            }
            "table" => {
                let mut cols = conn.prepare(
                    "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?1)",
                )?;
                let rows = cols.query_map([&name], |r| {
                    Ok(format!(
                        "  column {} {} notnull={} default={:?} pk={}",
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, i64>(4)?
                    ))
                })?;
                for row in rows {
                    out.push(row?);
                }
                let mut fks = conn.prepare(
                    "SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1)
                     ORDER BY id, seq",
                )?;
                let rows = fks.query_map([&name], |r| {
                    Ok(format!(
                        "  foreign key {} -> {}({:?}) on delete {}",
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?
                    ))
                })?;
                for row in rows {
                    out.push(row?);
                }
            }
            "index" => {
                let mut cols = conn.prepare(
                    "SELECT seqno, name, \"desc\", key FROM pragma_index_xinfo(?1) ORDER BY seqno",
                )?;
                let rows = cols.query_map([&name], |r| {
                    Ok(format!(
                        "  key {} {:?} desc={} key={}",
                        r.get::<_, i64>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, i64>(3)?
                    ))
                })?;
                for row in rows {
                    out.push(row?);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The fingerprint a correct file of `version` has, built in memory from the steps.
pub fn reference_fingerprint(version: i32) -> rusqlite::Result<Vec<String>> {
    let mut conn = Connection::open_in_memory()?;
    let tx = conn.transaction()?;
    upgrade(&tx, 0, version)?;
    tx.commit()?;
    fingerprint(&conn)
}

/// Where a file's schema departs from ours, in words; `None` when it matches.
pub fn schema_difference(found: &[String], expected: &[String]) -> Option<String> {
    for line in expected {
        if !found.contains(line) {
            return Some(format!("thiếu: {}", line.trim()));
        }
    }
    for line in found {
        if !expected.contains(line) {
            return Some(format!("thừa: {}", line.trim()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_runs_and_versions_match() {
        let fp = reference_fingerprint(SCHEMA_VERSION).unwrap();
        assert!(fp.iter().any(|l| l == "table allocations on allocations"));
        assert!(
            fp.iter()
                .any(|l| l.contains("column amount_dong INTEGER notnull=0"))
        );
        let v1 = reference_fingerprint(1).unwrap();
        assert!(!v1.iter().any(|l| l.starts_with("table rounds ")));
        assert_eq!(schema_difference(&fp, &fp), None);
        assert!(schema_difference(&v1, &fp).unwrap().starts_with("thiếu"));
    }
}
