//! Reading the supervision rounds with their projects, subjects, members and work sessions.

use super::{bad, code, date, query};
use crate::model::*;
use crate::store::error::StoreError;
use rusqlite::Connection;
use std::collections::HashMap;

pub(super) fn read_rounds(conn: &Connection) -> Result<Vec<Round>, StoreError> {
    let mut rounds = Vec::new();
    for (id, title, plan_ref, body, start, end, notes, status, issued) in query(
        conn,
        "rounds",
        "SELECT id, title, plan_ref, supervising_body, start_date, end_date, notes, draft_status,
                issued_on
         FROM rounds ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        },
    )? {
        rounds.push(Round {
            id: RoundId(id),
            title,
            plan_ref,
            supervising_body: body,
            project_ids: vec![],
            start_date: date("rounds", id, "start_date", start)?,
            end_date: date("rounds", id, "end_date", end)?,
            subjects: vec![],
            members: vec![],
            sessions: vec![],
            notes,
            draft_status: code(
                "rounds",
                id,
                "draft_status",
                &status,
                DraftStatus::from_code,
            )?,
            issued_on: date("rounds", id, "issued_on", issued)?,
        });
    }
    let round_index: HashMap<i64, usize> = rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.0, i))
        .collect();
    let round_of = |table: &str, id: i64, round: i64| {
        round_index.get(&round).copied().ok_or_else(|| {
            bad(
                table,
                id,
                "round_id",
                format!("không có đợt giám sát mã {round}"),
            )
        })
    };

    for (round, project) in query(
        conn,
        "round_projects",
        "SELECT round_id, project_id FROM round_projects ORDER BY round_id, position, project_id",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )? {
        let i = round_of("round_projects", round, round)?;
        rounds[i].project_ids.push(ProjectId(project));
    }
    for (id, round, body, area) in query(
        conn,
        "round_subjects",
        "SELECT id, round_id, body, area_id FROM round_subjects ORDER BY round_id, position, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get(2)?,
                r.get::<_, Option<i64>>(3)?,
            ))
        },
    )? {
        let i = round_of("round_subjects", id, round)?;
        rounds[i].subjects.push(Subject {
            id: SubjectId(id),
            body,
            area_id: area.map(AreaId),
        });
    }
    for (id, round, person, organisation, role) in query(
        conn,
        "round_members",
        "SELECT id, round_id, person, organisation, role FROM round_members
         ORDER BY round_id, position, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        },
    )? {
        let i = round_of("round_members", id, round)?;
        rounds[i].members.push(Member {
            id: MemberId(id),
            person,
            organisation,
            role,
        });
    }
    for (id, round, day, subject, topics, documents) in query(
        conn,
        "work_sessions",
        "SELECT id, round_id, date, subject_id, topics, documents FROM work_sessions
         ORDER BY round_id, position, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )? {
        let i = round_of("work_sessions", id, round)?;
        let day = date("work_sessions", id, "date", Some(day))?
            .ok_or_else(|| bad("work_sessions", id, "date", "thiếu ngày"))?;
        rounds[i].sessions.push(WorkSession {
            id: SessionId(id),
            date: day,
            subject_id: subject.map(SubjectId),
            topics,
            documents,
        });
    }
    Ok(rounds)
}
