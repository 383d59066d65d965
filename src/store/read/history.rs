//! Reading what records a history: follow-up events, attachments, round events and successions.

use super::{bad, code, date, datetime, query};
use crate::model::*;
use crate::store::error::StoreError;
use rusqlite::Connection;

pub(super) fn read_events(conn: &Connection) -> Result<Vec<FollowUpEvent>, StoreError> {
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
    Ok(events)
}

pub(super) fn read_attachments(conn: &Connection) -> Result<Vec<Attachment>, StoreError> {
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
    Ok(attachments)
}

pub(super) fn read_round_events(conn: &Connection) -> Result<Vec<RoundEvent>, StoreError> {
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
    Ok(round_events)
}

pub(super) fn read_successions(conn: &Connection) -> Result<Vec<Succession>, StoreError> {
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
    Ok(successions)
}

pub(super) fn read_issued_documents(conn: &Connection) -> Result<Vec<IssuedDocument>, StoreError> {
    let mut out = Vec::new();
    for ((id, round, kind, number, number_line, day, signer, issued_at, issued_by), rest) in query(
        conn,
        "issued_documents",
        "SELECT id, round_id, kind, number, number_line, date, signer, issued_at, issued_by,
                unit, pages, pdf, pdf_sha256, docx, docx_sha256, quoted, corrects
         FROM issued_documents ORDER BY id",
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
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                ),
                (
                    r.get::<_, String>(9)?,
                    r.get::<_, i64>(10)?,
                    r.get::<_, Vec<u8>>(11)?,
                    r.get::<_, String>(12)?,
                    r.get::<_, Option<Vec<u8>>>(13)?,
                    r.get::<_, String>(14)?,
                    r.get::<_, String>(15)?,
                    r.get::<_, Option<i64>>(16)?,
                ),
            ))
        },
    )? {
        let (unit, pages, pdf, pdf_sha256, docx, docx_sha256, quoted, corrects) = rest;
        let t = "issued_documents";
        out.push(IssuedDocument {
            id: IssuedDocumentId(id),
            round_id: RoundId(round),
            kind: code(t, id, "kind", &kind, DocKind::from_code)?,
            number,
            number_line,
            date: date(t, id, "date", Some(day))?.unwrap_or_default(),
            signer,
            issued_at: datetime(t, id, "issued_at", &issued_at)?,
            issued_by,
            unit: code(t, id, "unit", &unit, |s| {
                MoneyUnit::ALL.into_iter().find(|u| u.code() == s)
            })?,
            pages: u32::try_from(pages)
                .map_err(|_| bad(t, id, "pages", "số trang không hợp lệ"))?,
            pdf: Blob::new(pdf),
            pdf_sha256,
            docx: docx.map(Blob::new),
            docx_sha256,
            quoted: serde_json::from_str(&quoted)
                .map_err(|e| bad(t, id, "quoted", format!("không đọc được ({e})")))?,
            corrects: corrects.map(IssuedDocumentId),
        });
    }
    Ok(out)
}
