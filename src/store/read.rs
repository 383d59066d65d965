//! Reading a whole dossier out of a project file. The file is untrusted: every value is checked
//! on the way in, and a bad one is reported with its table, record and column.

use super::error::StoreError;
use crate::model::*;
use chrono::NaiveDate;
use rusqlite::{Connection, Row};
use std::collections::HashMap;

fn bad(table: &str, id: i64, column: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::BadData(format!(
        "bảng {table}, bản ghi {id}, cột {column}: {detail}"
    ))
}

fn query<T>(
    conn: &Connection,
    table: &str,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], map)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(|e| match e {
        rusqlite::Error::InvalidColumnType(_, col, ty) => StoreError::BadData(format!(
            "bảng {table}, cột {col}: giá trị kiểu {ty} không hợp lệ"
        )),
        other => StoreError::Sqlite(other),
    })
}

fn period(table: &str, id: i64, from: i64, to: i64) -> Result<Period, StoreError> {
    let y = |v: i64| i32::try_from(v).map_err(|_| bad(table, id, "from_year", "năm không hợp lệ"));
    Period::new(y(from)?, y(to)?).map_err(|e| bad(table, id, "from_year", e))
}

fn year(table: &str, id: i64, column: &str, v: Option<i64>) -> Result<Option<i32>, StoreError> {
    v.map(|v| i32::try_from(v).map_err(|_| bad(table, id, column, "năm không hợp lệ")))
        .transpose()
}

fn date(
    table: &str,
    id: i64,
    column: &str,
    v: Option<String>,
) -> Result<Option<NaiveDate>, StoreError> {
    v.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| bad(table, id, column, format!("ngày “{s}” không hợp lệ")))
    })
    .transpose()
}

/// A moment stored as 'YYYY-MM-DDTHH:MM:SS'.
fn datetime(
    table: &str,
    id: i64,
    column: &str,
    v: &str,
) -> Result<chrono::NaiveDateTime, StoreError> {
    chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| bad(table, id, column, format!("thời điểm “{v}” không hợp lệ")))
}

fn code<T>(
    table: &str,
    id: i64,
    column: &str,
    v: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(v).ok_or_else(|| bad(table, id, column, format!("giá trị “{v}” không hợp lệ")))
}

/// Reads everything. The result is checked with [`Dossier::validate`] by the caller.
pub fn load_dossier(conn: &Connection) -> Result<Dossier, StoreError> {
    let info = query(
        conn,
        "dossier_info",
        "SELECT name, supervising_body, place, notes FROM dossier_info WHERE id = 1",
        |r| {
            Ok(DossierInfo {
                name: r.get(0)?,
                supervising_body: r.get(1)?,
                place: r.get(2)?,
                notes: r.get(3)?,
            })
        },
    )?
    .into_iter()
    .next()
    .ok_or_else(|| {
        StoreError::BadData("thiếu thông tin chung của hồ sơ (bảng dossier_info)".into())
    })?;

    let mut programs = Vec::new();
    for (id, name, decision, from, to) in query(
        conn,
        "programs",
        "SELECT id, name, decision, from_year, to_year FROM programs ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        },
    )? {
        programs.push(Program {
            id: ProgramId(id),
            name,
            decision,
            from_year: year("programs", id, "from_year", from)?,
            to_year: year("programs", id, "to_year", to)?,
        });
    }

    let projects = query(
        conn,
        "projects",
        "SELECT id, program_id, parent_id, code, name FROM projects ORDER BY id",
        |r| {
            Ok(Project {
                id: ProjectId(r.get(0)?),
                program_id: ProgramId(r.get(1)?),
                parent_id: r.get::<_, Option<i64>>(2)?.map(ProjectId),
                code: r.get(3)?,
                name: r.get(4)?,
            })
        },
    )?;

    let mut areas = Vec::new();
    for (id, name, kind, parent, from, to) in query(
        conn,
        "areas",
        "SELECT id, name, kind, parent_id, valid_from, valid_to FROM areas ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )? {
        areas.push(Area {
            id: AreaId(id),
            name,
            kind: code("areas", id, "kind", &kind, AreaKind::from_code)?,
            parent_id: parent.map(AreaId),
            valid_from: year("areas", id, "valid_from", from)?,
            valid_to: year("areas", id, "valid_to", to)?,
        });
    }

    let funding_sources = query(
        conn,
        "funding_sources",
        "SELECT id, name FROM funding_sources ORDER BY id",
        |r| {
            Ok(FundingSource {
                id: FundingSourceId(r.get(0)?),
                name: r.get(1)?,
            })
        },
    )?;

    let mut allocations = Vec::new();
    for row in query(
        conn,
        "allocations",
        "SELECT id, area_id, project_id, from_year, to_year, kind, funding_source_id, amount_dong,
                note, source_doc, round_id
         FROM allocations ORDER BY id",
        |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, String>(5)?,
                ),
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
                r.get::<_, Option<i64>>(10)?,
            ))
        },
    )? {
        let ((id, area, project, from, to, kind), source, amount, note, source_doc, round) = row;
        let amount = match amount {
            Some(v) => {
                Amount::Known(Dong::new(v).map_err(|e| bad("allocations", id, "amount_dong", e))?)
            }
            None => Amount::Unknown,
        };
        allocations.push(Allocation {
            id: AllocationId(id),
            area_id: AreaId(area),
            project_id: ProjectId(project),
            period: period("allocations", id, from, to)?,
            kind: code("allocations", id, "kind", &kind, AllocationKind::from_code)?,
            funding_source_id: source.map(FundingSourceId),
            amount_dong: amount,
            note,
            source_doc,
            round_id: round.map(RoundId),
        });
    }

    let mut indicators = Vec::new();
    for (id, name, unit, kind) in query(
        conn,
        "indicators",
        "SELECT id, name, unit, kind FROM indicators ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get::<_, String>(3)?,
            ))
        },
    )? {
        let kind = match kind.as_str() {
            "number" => IndicatorKind::Number,
            "month" => IndicatorKind::Month,
            other => {
                return Err(bad(
                    "indicators",
                    id,
                    "kind",
                    format!("giá trị “{other}” không hợp lệ"),
                ));
            }
        };
        indicators.push(Indicator {
            id: IndicatorId(id),
            name,
            unit,
            kind,
        });
    }

    let mut indicator_values = Vec::new();
    for row in query(
        conn,
        "indicator_values",
        "SELECT id, indicator_id, area_id, from_year, to_year, value_kind, value_milli, value_month,
                note, source_doc
         FROM indicator_values ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        },
    )? {
        let (id, indicator, area, from, to, kind, milli, month, note, source_doc) = row;
        let t = "indicator_values";
        let value = match (kind.as_str(), milli, month) {
            ("number", Some(m), None) => Measure::Number(Quantity::from_milli(m)),
            ("month", None, Some(s)) => Measure::Month(
                s.split_once('-')
                    .and_then(|(y, m)| YearMonth::new(y.parse().ok()?, m.parse().ok()?))
                    .ok_or_else(|| bad(t, id, "value_month", format!("tháng “{s}” không hợp lệ")))?,
            ),
            ("unknown", None, None) => Measure::Unknown,
            _ => return Err(bad(t, id, "value_kind", "giá trị không khớp với loại")),
        };
        indicator_values.push(IndicatorValue {
            id: IndicatorValueId(id),
            indicator_id: IndicatorId(indicator),
            area_id: AreaId(area),
            period: period(t, id, from, to)?,
            value,
            note,
            source_doc,
        });
    }

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

    let mut conclusions = Vec::new();
    for (id, round, area, kind, text, position) in query(
        conn,
        "conclusions",
        "SELECT id, round_id, area_id, kind, text, position FROM conclusions
         ORDER BY round_id, position, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )? {
        conclusions.push(Conclusion {
            id: ConclusionId(id),
            round_id: RoundId(round),
            area_id: area.map(AreaId),
            kind: code("conclusions", id, "kind", &kind, ConclusionKind::from_code)?,
            text,
            position,
        });
    }

    let mut recommendations = Vec::new();
    for ((id, round, text, deadline, status, position, priority), (kind, amount, repeats)) in query(
        conn,
        "recommendations",
        "SELECT id, round_id, text, deadline, status, position, priority, kind, amount_dong,
                repeats_id
         FROM recommendations ORDER BY round_id, position, id",
        |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get(5)?,
                    r.get::<_, String>(6)?,
                ),
                (
                    r.get::<_, String>(7)?,
                    r.get::<_, Option<i64>>(8)?,
                    r.get::<_, Option<i64>>(9)?,
                ),
            ))
        },
    )? {
        let t = "recommendations";
        let amount_dong = amount
            .map(|v| Dong::new(v).map_err(|e| bad(t, id, "amount_dong", e)))
            .transpose()?;
        recommendations.push(Recommendation {
            id: RecommendationId(id),
            round_id: RoundId(round),
            text,
            addressees: vec![],
            area_ids: vec![],
            deadline: date(t, id, "deadline", deadline)?,
            status: code(t, id, "status", &status, RecommendationStatus::from_code)?,
            priority: code(t, id, "priority", &priority, Priority::from_code)?,
            position,
            responses: vec![],
            kind: code(t, id, "kind", &kind, RecommendationKind::from_code)?,
            amount_dong,
            repeats: repeats.map(RecommendationId),
        });
    }
    let rec_index: HashMap<i64, usize> = recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.0, i))
        .collect();
    let rec_of = |table: &str, rec: i64| {
        rec_index.get(&rec).copied().ok_or_else(|| {
            bad(
                table,
                rec,
                "recommendation_id",
                format!("không có kiến nghị mã {rec}"),
            )
        })
    };
    for (rec, addressee) in query(
        conn,
        "recommendation_addressees",
        "SELECT recommendation_id, addressee FROM recommendation_addressees
         ORDER BY recommendation_id, position",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
    )? {
        let i = rec_of("recommendation_addressees", rec)?;
        recommendations[i].addressees.push(addressee);
    }
    for (rec, area) in query(
        conn,
        "recommendation_areas",
        "SELECT recommendation_id, area_id FROM recommendation_areas
         ORDER BY recommendation_id, position, area_id",
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )? {
        let i = rec_of("recommendation_areas", rec)?;
        recommendations[i].area_ids.push(AreaId(area));
    }
    for (id, rec, day, text, evidence) in query(
        conn,
        "recommendation_responses",
        "SELECT id, recommendation_id, date, text, evidence FROM recommendation_responses
         ORDER BY recommendation_id, date, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        },
    )? {
        let i = rec_of("recommendation_responses", rec)?;
        let day = date("recommendation_responses", id, "date", Some(day))?
            .ok_or_else(|| bad("recommendation_responses", id, "date", "thiếu ngày"))?;
        recommendations[i].responses.push(Response {
            id: ResponseId(id),
            date: day,
            text,
            evidence,
        });
    }

    let phrases = query(
        conn,
        "phrases",
        "SELECT id, text, position FROM phrases ORDER BY position, id",
        |r| {
            Ok(Phrase {
                id: PhraseId(r.get(0)?),
                text: r.get(1)?,
                position: r.get(2)?,
            })
        },
    )?;

    let mut text_versions = Vec::new();
    for (id, round, kind, target, saved_at, name, text) in query(
        conn,
        "text_versions",
        "SELECT id, round_id, target_kind, target_id, saved_at, name, text FROM text_versions ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        },
    )? {
        let t = "text_versions";
        let target = match kind.as_str() {
            "conclusion" => TextTarget::Conclusion(ConclusionId(target)),
            "recommendation" => TextTarget::Recommendation(RecommendationId(target)),
            other => {
                return Err(bad(
                    t,
                    id,
                    "target_kind",
                    format!("giá trị “{other}” không hợp lệ"),
                ));
            }
        };
        let saved_at = datetime(t, id, "saved_at", &saved_at)?;
        text_versions.push(TextVersion {
            id: TextVersionId(id),
            round_id: RoundId(round),
            target,
            saved_at,
            name,
            text,
        });
    }

    let mut documents = Vec::new();
    for row in query(
        conn,
        "documents",
        "SELECT id, round_id, kind, parent_body, issuer, issuer_sub, number, symbol, place, date, summary,
                signer_authority, signer_title, signer_name, recipients, closing
         FROM documents ORDER BY id",
        |r| {
            Ok((
                (r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?),
                (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?),
                (r.get::<_, Option<String>>(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?),
                (r.get::<_, String>(14)?, r.get(15)?),
            ))
        },
    )? {
        let ((id, round, kind), (parent_body, issuer, issuer_sub, number, symbol, place), (day, summary, authority, title, name), (recipients, closing)) =
            row;
        let t = "documents";
        documents.push(DocumentSettings {
            id: DocumentId(id),
            round_id: RoundId(round),
            kind: code(t, id, "kind", &kind, DocKind::from_code)?,
            parent_body,
            issuer,
            issuer_sub,
            number,
            symbol,
            place,
            date: date(t, id, "date", day)?,
            summary,
            signer_authority: authority,
            signer_title: title,
            signer_name: name,
            recipients: recipients.lines().map(str::to_string).filter(|l| !l.is_empty()).collect(),
            closing,
        });
    }

    let mut events = Vec::new();
    for ((id, rec, recorded_at, recorded_by, day, status, note), rest) in query(
        conn,
        "recommendation_events",
        "SELECT id, recommendation_id, recorded_at, recorded_by, date, status, note, method,
                verifier, reason, explanation, amount_done_dong, share_percent
         FROM recommendation_events ORDER BY id",
        |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ),
                (
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, Option<i64>>(11)?,
                    r.get::<_, Option<i64>>(12)?,
                ),
            ))
        },
    )? {
        let (method, verifier, reason, explanation, amount_done, share) = rest;
        let t = "recommendation_events";
        let recorded_at = datetime(t, id, "recorded_at", &recorded_at)?;
        let Some(date) = date(t, id, "date", Some(day))? else {
            return Err(bad(t, id, "date", "thiếu ngày"));
        };
        events.push(FollowUpEvent {
            id: EventId(id),
            recommendation_id: RecommendationId(rec),
            recorded_at,
            recorded_by,
            date,
            status: code(t, id, "status", &status, RecommendationStatus::from_code)?,
            note,
            method: method
                .map(|m| code(t, id, "method", &m, VerifyMethod::from_code))
                .transpose()?,
            verifier,
            reason: reason
                .map(|m| code(t, id, "reason", &m, NotDoneReason::from_code))
                .transpose()?,
            explanation,
            amount_done_dong: amount_done
                .map(|v| Dong::new(v).map_err(|e| bad(t, id, "amount_done_dong", e)))
                .transpose()?,
            share_percent: share
                .map(|v| {
                    u8::try_from(v).map_err(|_| bad(t, id, "share_percent", "tỷ lệ không hợp lệ"))
                })
                .transpose()?,
        });
    }

    let mut attachments = Vec::new();
    for ((id, rec, response, event, name, size, sha256), rest) in query(
        conn,
        "attachments",
        "SELECT id, recommendation_id, response_id, event_id, name, size, sha256, received_on,
                document_date, added_at, added_by, note
         FROM attachments ORDER BY id",
        |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, String>(6)?,
                ),
                (
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                    r.get::<_, String>(10)?,
                    r.get::<_, String>(11)?,
                ),
            ))
        },
    )? {
        let (received, dated, added_at, added_by, note) = rest;
        let t = "attachments";
        let added_at = datetime(t, id, "added_at", &added_at)?;
        attachments.push(Attachment {
            id: AttachmentId(id),
            recommendation_id: RecommendationId(rec),
            response_id: response.map(ResponseId),
            event_id: event.map(EventId),
            name,
            size: u64::try_from(size).map_err(|_| bad(t, id, "size", "kích thước âm"))?,
            sha256,
            received_on: date(t, id, "received_on", received)?,
            document_date: date(t, id, "document_date", dated)?,
            added_at,
            added_by,
            note,
        });
    }

    let mut round_events = Vec::new();
    for (id, round, recorded_at, recorded_by, action, reason) in query(
        conn,
        "round_events",
        "SELECT id, round_id, recorded_at, recorded_by, action, reason FROM round_events ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        },
    )? {
        let t = "round_events";
        let recorded_at = datetime(t, id, "recorded_at", &recorded_at)?;
        round_events.push(RoundEvent {
            id: RoundEventId(id),
            round_id: RoundId(round),
            recorded_at,
            recorded_by,
            action: code(t, id, "action", &action, LockAction::from_code)?,
            reason,
        });
    }

    let mut successions = Vec::new();
    for (id, from, to, when, act) in query(
        conn,
        "area_successions",
        "SELECT id, from_area_id, to_area_id, date, act FROM area_successions ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        },
    )? {
        let t = "area_successions";
        let Some(when) = date(t, id, "date", Some(when))? else {
            continue;
        };
        successions.push(Succession {
            id: SuccessionId(id),
            from_area_id: AreaId(from),
            to_area_id: AreaId(to),
            date: when,
            act,
        });
    }

    Ok(Dossier {
        successions,
        round_events,
        attachments,
        events,
        info,
        programs,
        projects,
        areas,
        funding_sources,
        allocations,
        indicators,
        indicator_values,
        rounds,
        conclusions,
        recommendations,
        phrases,
        text_versions,
        documents,
    })
}
