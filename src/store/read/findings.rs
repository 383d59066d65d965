//! Reading the findings: conclusions, recommendations with their responses, phrases, text
//! versions and document settings.

use super::{bad, code, date, datetime, query};
use crate::model::*;
use crate::store::error::StoreError;
use rusqlite::Connection;
use std::collections::HashMap;

pub(super) fn read_conclusions(conn: &Connection) -> Result<Vec<Conclusion>, StoreError> {
    let mut conclusions = Vec::new();
    for (id, round, area, kind, text, position, figs) in query(
        conn,
        "conclusions",
        "SELECT id, round_id, area_id, kind, text, position, figures FROM conclusions
         ORDER BY round_id, position, id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get(5)?,
                r.get::<_, String>(6)?,
            ))
        },
    )? {
        let figures = figures("conclusions", id, &figs, &text)?;
        conclusions.push(Conclusion {
            id: ConclusionId(id),
            round_id: RoundId(round),
            area_id: area.map(AreaId),
            kind: code("conclusions", id, "kind", &kind, ConclusionKind::from_code)?,
            text,
            position,
            figures,
        });
    }
    Ok(conclusions)
}

pub(super) fn read_recommendations(conn: &Connection) -> Result<Vec<Recommendation>, StoreError> {
    let mut recommendations = Vec::new();
    for ((id, round, text, deadline, status, position, priority), (kind, amount, repeats, figs)) in
        query(
            conn,
            "recommendations",
            "SELECT id, round_id, text, deadline, status, position, priority, kind, amount_dong,
                repeats_id, figures
         FROM recommendations ORDER BY round_id, position, id",
            |r| {
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get(5)?,
                        r.get::<_, String>(6)?,
                    ),
                    (
                        r.get::<_, String>(7)?,
                        r.get::<_, Option<i64>>(8)?,
                        r.get::<_, Option<i64>>(9)?,
                        r.get::<_, String>(10)?,
                    ),
                ))
            },
        )?
    {
        let t = "recommendations";
        let amount_dong = amount
            .map(|v| Dong::new(v).map_err(|e| bad(t, id, "amount_dong", e)))
            .transpose()?;
        let figures = figures(t, id, &figs, &text)?;
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
            figures,
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
    Ok(recommendations)
}

pub(super) fn read_phrases(conn: &Connection) -> Result<Vec<Phrase>, StoreError> {
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
    Ok(phrases)
}

pub(super) fn read_text_versions(conn: &Connection) -> Result<Vec<TextVersion>, StoreError> {
    let mut text_versions = Vec::new();
    for ((id, round, kind, target, saved_at, name, text), figs) in query(
        conn,
        "text_versions",
        "SELECT id, round_id, target_kind, target_id, saved_at, name, text, figures
         FROM text_versions ORDER BY id",
        |r| {
            Ok((
                (
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, String>(4)?,
                    r.get(5)?,
                    r.get::<_, String>(6)?,
                ),
                r.get::<_, String>(7)?,
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
        let figures = figures(t, id, &figs, &text)?;
        text_versions.push(TextVersion {
            id: TextVersionId(id),
            round_id: RoundId(round),
            target,
            saved_at,
            name,
            text,
            figures,
        });
    }
    Ok(text_versions)
}

pub(super) fn read_documents(conn: &Connection) -> Result<Vec<DocumentSettings>, StoreError> {
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
    Ok(documents)
}

/// The figures inserted into a text, as stored (JSON), found again in the text: a figure
/// whose words are no longer where it says (a file changed by another tool) is let go.
fn figures(table: &str, id: i64, json: &str, text: &str) -> Result<Vec<FigureRef>, StoreError> {
    let figures: Vec<FigureRef> = serde_json::from_str(json)
        .map_err(|e| bad(table, id, "figures", format!("không đọc được ({e})")))?;
    Ok(crate::model::figure_place::settle(text, figures))
}
