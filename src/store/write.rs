//! Writing records into a project file. Callers run these inside one transaction.

use crate::model::*;
use chrono::NaiveDate;
use rusqlite::{Transaction, params};

/// Tables in an order where every table comes after the ones it refers to.
pub const TABLES_IN_DEPENDENCY_ORDER: [&str; 17] = [
    "dossier_info",
    "programs",
    "projects",
    "areas",
    "funding_sources",
    "allocations",
    "indicators",
    "indicator_values",
    "rounds",
    "round_projects",
    "round_subjects",
    "round_members",
    "work_sessions",
    "conclusions",
    "recommendations",
    "recommendation_addressees",
    "recommendation_areas",
];

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Replaces the whole content of the file with `d`, keeping every id.
pub fn replace_dossier(tx: &Transaction<'_>, d: &Dossier) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM recommendation_responses", [])?;
    for table in TABLES_IN_DEPENDENCY_ORDER.iter().rev() {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }

    let i = &d.info;
    tx.execute(
        "INSERT INTO dossier_info (id, name, supervising_body, place, notes) VALUES (1, ?1, ?2, ?3, ?4)",
        params![i.name, i.supervising_body, i.place, i.notes],
    )?;

    let mut st = tx.prepare_cached(
        "INSERT INTO programs (id, name, decision, from_year, to_year) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for p in &d.programs {
        st.execute(params![p.id.0, p.name, p.decision, p.from_year, p.to_year])?;
    }

    // Projects and areas may refer to parents listed after them: insert without parents first.
    let mut st = tx.prepare_cached(
        "INSERT INTO projects (id, program_id, parent_id, code, name) VALUES (?1, ?2, NULL, ?3, ?4)",
    )?;
    for p in &d.projects {
        st.execute(params![p.id.0, p.program_id.0, p.code, p.name])?;
    }
    let mut st = tx.prepare_cached("UPDATE projects SET parent_id = ?2 WHERE id = ?1")?;
    for p in d.projects.iter().filter(|p| p.parent_id.is_some()) {
        st.execute(params![p.id.0, p.parent_id.map(|x| x.0)])?;
    }

    let mut st = tx.prepare_cached(
        "INSERT INTO areas (id, name, kind, parent_id, valid_from, valid_to)
         VALUES (?1, ?2, ?3, NULL, ?4, ?5)",
    )?;
    for a in &d.areas {
        st.execute(params![
            a.id.0,
            a.name,
            a.kind.code(),
            a.valid_from,
            a.valid_to
        ])?;
    }
    let mut st = tx.prepare_cached("UPDATE areas SET parent_id = ?2 WHERE id = ?1")?;
    for a in d.areas.iter().filter(|a| a.parent_id.is_some()) {
        st.execute(params![a.id.0, a.parent_id.map(|x| x.0)])?;
    }

    let mut st = tx.prepare_cached("INSERT INTO funding_sources (id, name) VALUES (?1, ?2)")?;
    for f in &d.funding_sources {
        st.execute(params![f.id.0, f.name])?;
    }

    for a in &d.allocations {
        insert_allocation(tx, a)?;
    }

    let mut st =
        tx.prepare_cached("INSERT INTO indicators (id, name, unit, kind) VALUES (?1, ?2, ?3, ?4)")?;
    for x in &d.indicators {
        let kind = match x.kind {
            IndicatorKind::Number => "number",
            IndicatorKind::Month => "month",
        };
        st.execute(params![x.id.0, x.name, x.unit, kind])?;
    }

    let mut st = tx.prepare_cached(
        "INSERT INTO indicator_values (id, indicator_id, area_id, from_year, to_year, value_kind,
             value_milli, value_month, note, source_doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for v in &d.indicator_values {
        let (kind, milli, month) = match v.value {
            Measure::Number(q) => ("number", Some(q.milli()), None),
            Measure::Month(m) => ("month", None, Some(m.to_string())),
            Measure::Unknown => ("unknown", None, None),
        };
        st.execute(params![
            v.id.0,
            v.indicator_id.0,
            v.area_id.0,
            v.period.from_year(),
            v.period.to_year(),
            kind,
            milli,
            month,
            v.note,
            v.source_doc
        ])?;
    }

    for r in &d.rounds {
        tx.execute(
            "INSERT INTO rounds (id, title, plan_ref, supervising_body, start_date, end_date, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.id.0,
                r.title,
                r.plan_ref,
                r.supervising_body,
                r.start_date.map(iso),
                r.end_date.map(iso),
                r.notes
            ],
        )?;
        for (pos, p) in r.project_ids.iter().enumerate() {
            tx.execute(
                "INSERT INTO round_projects (round_id, project_id, position) VALUES (?1, ?2, ?3)",
                params![r.id.0, p.0, pos as i64],
            )?;
        }
        for (pos, s) in r.subjects.iter().enumerate() {
            tx.execute(
                "INSERT INTO round_subjects (id, round_id, body, area_id, position) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![s.id.0, r.id.0, s.body, s.area_id.map(|a| a.0), pos as i64],
            )?;
        }
        for (pos, m) in r.members.iter().enumerate() {
            tx.execute(
                "INSERT INTO round_members (id, round_id, person, organisation, role, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![m.id.0, r.id.0, m.person, m.organisation, m.role, pos as i64],
            )?;
        }
        for (pos, s) in r.sessions.iter().enumerate() {
            tx.execute(
                "INSERT INTO work_sessions (id, round_id, date, subject_id, topics, documents, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    s.id.0,
                    r.id.0,
                    iso(s.date),
                    s.subject_id.map(|x| x.0),
                    s.topics,
                    s.documents,
                    pos as i64
                ],
            )?;
        }
    }

    let mut st = tx.prepare_cached(
        "INSERT INTO conclusions (id, round_id, area_id, kind, text, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for c in &d.conclusions {
        st.execute(params![
            c.id.0,
            c.round_id.0,
            c.area_id.map(|a| a.0),
            c.kind.code(),
            c.text,
            c.position
        ])?;
    }

    for r in &d.recommendations {
        tx.execute(
            "INSERT INTO recommendations (id, round_id, text, deadline, status, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                r.id.0,
                r.round_id.0,
                r.text,
                r.deadline.map(iso),
                r.status.code(),
                r.position
            ],
        )?;
        for (pos, a) in r.addressees.iter().enumerate() {
            tx.execute(
                "INSERT INTO recommendation_addressees (recommendation_id, position, addressee) VALUES (?1, ?2, ?3)",
                params![r.id.0, pos as i64, a],
            )?;
        }
        for (pos, a) in r.area_ids.iter().enumerate() {
            tx.execute(
                "INSERT INTO recommendation_areas (recommendation_id, area_id, position) VALUES (?1, ?2, ?3)",
                params![r.id.0, a.0, pos as i64],
            )?;
        }
        for x in &r.responses {
            tx.execute(
                "INSERT INTO recommendation_responses (id, recommendation_id, date, text, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![x.id.0, r.id.0, iso(x.date), x.text, x.evidence],
            )?;
        }
    }
    Ok(())
}

/// Inserts one allocation with its id.
pub fn insert_allocation(tx: &Transaction<'_>, a: &Allocation) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO allocations (id, area_id, project_id, from_year, to_year, kind, funding_source_id,
             amount_dong, note, source_doc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        a.id.0,
        a.area_id.0,
        a.project_id.0,
        a.period.from_year(),
        a.period.to_year(),
        a.kind.code(),
        a.funding_source_id.map(|f| f.0),
        a.amount_dong.known().map(Dong::get),
        a.note,
        a.source_doc
    ])?;
    Ok(())
}
