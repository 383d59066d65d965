//! Writing records into a project file. Callers run these inside one transaction, with
//! foreign keys deferred to the commit so records may arrive in any order.

use super::StoreError;
use super::attachments::ContentSource;
use crate::model::*;
use chrono::NaiveDate;
use rusqlite::{Transaction, params};

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// Tables in an order where every table comes after the ones it refers to.
const TABLES_IN_DEPENDENCY_ORDER: [&str; 26] = [
    "dossier_info",
    "programs",
    "projects",
    "areas",
    "area_successions",
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
    "recommendation_responses",
    "recommendation_events",
    "attachments",
    "round_events",
    "issued_documents",
    "phrases",
    "text_versions",
    "documents",
];

/// The model's table kept in SQL table `name`, for the tables whose records get ids.
pub(super) fn table_of(name: &str) -> Option<Table> {
    Some(match name {
        "programs" => Table::Programs,
        "projects" => Table::Projects,
        "areas" => Table::Areas,
        "funding_sources" => Table::FundingSources,
        "allocations" => Table::Allocations,
        "indicators" => Table::Indicators,
        "indicator_values" => Table::IndicatorValues,
        "rounds" => Table::Rounds,
        "round_subjects" => Table::Subjects,
        "round_members" => Table::Members,
        "work_sessions" => Table::Sessions,
        "conclusions" => Table::Conclusions,
        "recommendations" => Table::Recommendations,
        "recommendation_responses" => Table::Responses,
        "phrases" => Table::Phrases,
        "text_versions" => Table::TextVersions,
        "documents" => Table::Documents,
        "recommendation_events" => Table::Events,
        "attachments" => Table::Attachments,
        "round_events" => Table::RoundEvents,
        "area_successions" => Table::Successions,
        "issued_documents" => Table::IssuedDocuments,
        _ => return None,
    })
}

/// The SQL table a model's table is kept in.
pub(super) fn sql_name(table: Table) -> &'static str {
    match table {
        Table::Programs => "programs",
        Table::Projects => "projects",
        Table::Areas => "areas",
        Table::FundingSources => "funding_sources",
        Table::Allocations => "allocations",
        Table::Indicators => "indicators",
        Table::IndicatorValues => "indicator_values",
        Table::Rounds => "rounds",
        Table::Subjects => "round_subjects",
        Table::Members => "round_members",
        Table::Sessions => "work_sessions",
        Table::Conclusions => "conclusions",
        Table::Recommendations => "recommendations",
        Table::Responses => "recommendation_responses",
        Table::Phrases => "phrases",
        Table::TextVersions => "text_versions",
        Table::Documents => "documents",
        Table::Events => "recommendation_events",
        Table::Attachments => "attachments",
        Table::RoundEvents => "round_events",
        Table::Successions => "area_successions",
        Table::IssuedDocuments => "issued_documents",
    }
}

fn defer_foreign_keys(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.pragma_update(None, "defer_foreign_keys", true)
}

/// Replaces the whole content of the file with `d`, keeping every id; the attachments' bytes
/// come from `content`, which must have every one.
pub fn replace_dossier(
    tx: &Transaction<'_>,
    d: &Dossier,
    content: &dyn ContentSource,
) -> Result<(), StoreError> {
    defer_foreign_keys(tx)?;
    for table in TABLES_IN_DEPENDENCY_ORDER.iter().rev() {
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    for r in d.records() {
        upsert(tx, &r)?;
    }
    for a in &d.attachments {
        fill_content(tx, a, content)?;
    }
    Ok(())
}

/// Writes the bytes of a just-inserted attachment from `content`.
fn fill_content(
    tx: &Transaction<'_>,
    a: &Attachment,
    content: &dyn ContentSource,
) -> Result<(), StoreError> {
    use super::attachments::fail;
    let mut src = content
        .open(a.id)
        .ok_or_else(|| fail(a, "thiếu nội dung tệp", "its bytes are missing"))?
        .map_err(|e| {
            fail(
                a,
                format!("không mở được nội dung ({e})"),
                format!("cannot open its bytes ({e})"),
            )
        })?;
    super::attachments::write_content(tx, a, &mut src)
}

/// Applies edits: each `after` is written over its record, each edit without `after` deletes.
/// A newly inserted attachment's bytes come from `content`.
pub fn apply_edits(
    tx: &Transaction<'_>,
    edits: &[Edit],
    content: &dyn ContentSource,
) -> Result<(), StoreError> {
    defer_foreign_keys(tx)?;
    for e in edits {
        match (&e.after, e.key()) {
            (Some(r), _) => upsert(tx, r)?,
            (None, Some(key)) => delete(tx, key)?,
            (None, None) => {}
        }
        if let (None, Some(Record::Attachment(a))) = (&e.before, &e.after) {
            fill_content(tx, a, content)?;
        }
    }
    Ok(())
}

fn delete(tx: &Transaction<'_>, key: RecordKey) -> rusqlite::Result<()> {
    let (table, id) = match key {
        RecordKey::Info => return Ok(()),
        RecordKey::Program(id) => ("programs", id.0),
        RecordKey::Project(id) => ("projects", id.0),
        RecordKey::Area(id) => ("areas", id.0),
        RecordKey::FundingSource(id) => ("funding_sources", id.0),
        RecordKey::Allocation(id) => ("allocations", id.0),
        RecordKey::Indicator(id) => ("indicators", id.0),
        RecordKey::IndicatorValue(id) => ("indicator_values", id.0),
        RecordKey::Round(id) => ("rounds", id.0),
        RecordKey::Conclusion(id) => ("conclusions", id.0),
        RecordKey::Recommendation(id) => ("recommendations", id.0),
        RecordKey::Phrase(id) => ("phrases", id.0),
        RecordKey::TextVersion(id) => ("text_versions", id.0),
        RecordKey::Document(id) => ("documents", id.0),
        // The history's triggers refuse it too; the model never asks.
        RecordKey::Event(id) => ("recommendation_events", id.0),
        RecordKey::Attachment(id) => ("attachments", id.0),
        RecordKey::RoundEvent(id) => ("round_events", id.0),
        RecordKey::Succession(id) => ("area_successions", id.0),
        // The triggers refuse it; the model never asks.
        RecordKey::IssuedDocument(id) => ("issued_documents", id.0),
    };
    tx.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
        .execute([id])?;
    Ok(())
}

/// Writes `r` over the record with its key, or inserts it. An upsert never deletes the row, so
/// rows that cascade from it (a round's conclusions) are untouched.
fn upsert(tx: &Transaction<'_>, r: &Record) -> rusqlite::Result<()> {
    match r {
        Record::Info(i) => {
            tx.prepare_cached(
                "INSERT INTO dossier_info (id, name, supervising_body, place, notes) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name,
                     supervising_body = excluded.supervising_body, place = excluded.place,
                     notes = excluded.notes",
            )?
            .execute(params![i.name, i.supervising_body, i.place, i.notes])?;
        }
        Record::Program(p) => {
            tx.prepare_cached(
                "INSERT INTO programs (id, name, decision, from_year, to_year) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, decision = excluded.decision,
                     from_year = excluded.from_year, to_year = excluded.to_year",
            )?
            .execute(params![p.id.0, p.name, p.decision, p.from_year, p.to_year])?;
        }
        Record::Project(p) => {
            tx.prepare_cached(
                "INSERT INTO projects (id, program_id, parent_id, code, name) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET program_id = excluded.program_id,
                     parent_id = excluded.parent_id, code = excluded.code, name = excluded.name",
            )?
            .execute(params![p.id.0, p.program_id.0, p.parent_id.map(|x| x.0), p.code, p.name])?;
        }
        Record::Area(a) => {
            tx.prepare_cached(
                "INSERT INTO areas (id, name, kind, parent_id, valid_from, valid_to) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                     parent_id = excluded.parent_id, valid_from = excluded.valid_from,
                     valid_to = excluded.valid_to",
            )?
            .execute(params![
                a.id.0,
                a.name,
                a.kind.code(),
                a.parent_id.map(|x| x.0),
                a.valid_from,
                a.valid_to
            ])?;
        }
        Record::FundingSource(f) => {
            tx.prepare_cached(
                "INSERT INTO funding_sources (id, name) VALUES (?1, ?2)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name",
            )?
            .execute(params![f.id.0, f.name])?;
        }
        Record::Allocation(a) => {
            tx.prepare_cached(
                "INSERT INTO allocations (id, area_id, project_id, from_year, to_year, kind,
                     funding_source_id, amount_dong, note, source_doc, round_id, covers)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
                 ON CONFLICT (id) DO UPDATE SET area_id = excluded.area_id,
                     project_id = excluded.project_id, from_year = excluded.from_year,
                     to_year = excluded.to_year, kind = excluded.kind,
                     funding_source_id = excluded.funding_source_id,
                     amount_dong = excluded.amount_dong, note = excluded.note,
                     source_doc = excluded.source_doc, round_id = excluded.round_id,
                     covers = excluded.covers",
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
                a.source_doc,
                a.round_id.map(|r| r.0),
                a.covers.code()
            ])?;
        }
        Record::Indicator(x) => {
            let kind = match x.kind {
                IndicatorKind::Number => "number",
                IndicatorKind::Month => "month",
            };
            tx.prepare_cached(
                "INSERT INTO indicators (id, name, unit, kind) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit = excluded.unit,
                     kind = excluded.kind",
            )?
            .execute(params![x.id.0, x.name, x.unit, kind])?;
        }
        Record::IndicatorValue(v) => {
            let (kind, milli, month) = match v.value {
                Measure::Number(q) => ("number", Some(q.milli()), None),
                Measure::Month(m) => ("month", None, Some(m.to_string())),
                Measure::Unknown => ("unknown", None, None),
            };
            tx.prepare_cached(
                "INSERT INTO indicator_values (id, indicator_id, area_id, from_year, to_year,
                     value_kind, value_milli, value_month, note, source_doc)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (id) DO UPDATE SET indicator_id = excluded.indicator_id,
                     area_id = excluded.area_id, from_year = excluded.from_year,
                     to_year = excluded.to_year, value_kind = excluded.value_kind,
                     value_milli = excluded.value_milli, value_month = excluded.value_month,
                     note = excluded.note, source_doc = excluded.source_doc",
            )?
            .execute(params![
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
        Record::Round(r) => upsert_round(tx, r)?,
        Record::Event(e) => insert_event(tx, e)?,
        Record::Attachment(a) => upsert_attachment(tx, a)?,
        Record::RoundEvent(e) => {
            // Inserted only; an id already stored becomes an update, which the triggers refuse.
            tx.prepare_cached(
                "INSERT INTO round_events (id, round_id, recorded_at, recorded_by, action, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (id) DO UPDATE SET reason = excluded.reason",
            )?
            .execute(params![
                e.id.0,
                e.round_id.0,
                e.recorded_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                e.recorded_by,
                e.action.code(),
                e.reason
            ])?;
        }
        Record::IssuedDocument(x) => insert_issued(tx, x)?,
        Record::Succession(x) => {
            tx.prepare_cached(
                "INSERT INTO area_successions (id, from_area_id, to_area_id, date, act)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET from_area_id = excluded.from_area_id,
                     to_area_id = excluded.to_area_id, date = excluded.date, act = excluded.act",
            )?
            .execute(params![
                x.id.0,
                x.from_area_id.0,
                x.to_area_id.0,
                iso(x.date),
                x.act
            ])?;
        }
        Record::Conclusion(c) => {
            tx.prepare_cached(
                "INSERT INTO conclusions (id, round_id, area_id, kind, text, position, figures)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET round_id = excluded.round_id,
                     area_id = excluded.area_id, kind = excluded.kind, text = excluded.text,
                     position = excluded.position, figures = excluded.figures",
            )?
            .execute(params![
                c.id.0,
                c.round_id.0,
                c.area_id.map(|a| a.0),
                c.kind.code(),
                c.text,
                c.position,
                figures_json(&c.figures)?
            ])?;
        }
        Record::Recommendation(r) => upsert_recommendation(tx, r)?,
        Record::Phrase(p) => {
            tx.prepare_cached(
                "INSERT INTO phrases (id, text, position) VALUES (?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET text = excluded.text, position = excluded.position",
            )?
            .execute(params![p.id.0, p.text, p.position])?;
        }
        Record::Document(x) => {
            tx.prepare_cached(
                "INSERT INTO documents (id, round_id, kind, parent_body, issuer, issuer_sub, number, symbol,
                     place, date, summary, signer_authority, signer_title, signer_name, recipients, closing)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ON CONFLICT (id) DO UPDATE SET round_id = excluded.round_id, kind = excluded.kind,
                     parent_body = excluded.parent_body, issuer = excluded.issuer,
                     issuer_sub = excluded.issuer_sub, number = excluded.number,
                     symbol = excluded.symbol, place = excluded.place, date = excluded.date,
                     summary = excluded.summary, signer_authority = excluded.signer_authority,
                     signer_title = excluded.signer_title, signer_name = excluded.signer_name,
                     recipients = excluded.recipients, closing = excluded.closing",
            )?
            .execute(params![
                x.id.0,
                x.round_id.0,
                x.kind.db_code(),
                x.parent_body,
                x.issuer,
                x.issuer_sub,
                x.number,
                x.symbol,
                x.place,
                x.date.map(iso),
                x.summary,
                x.signer_authority,
                x.signer_title,
                x.signer_name,
                x.recipients.join("\n"),
                x.closing
            ])?;
        }
        Record::TextVersion(v) => {
            let (kind, target) = match v.target {
                TextTarget::Conclusion(id) => ("conclusion", id.0),
                TextTarget::Recommendation(id) => ("recommendation", id.0),
            };
            tx.prepare_cached(
                "INSERT INTO text_versions (id, round_id, target_kind, target_id, saved_at, name, text,
                     figures)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (id) DO UPDATE SET round_id = excluded.round_id,
                     target_kind = excluded.target_kind, target_id = excluded.target_id,
                     saved_at = excluded.saved_at, name = excluded.name, text = excluded.text,
                     figures = excluded.figures",
            )?
            .execute(params![
                v.id.0,
                v.round_id.0,
                kind,
                target,
                v.saved_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                v.name,
                v.text,
                figures_json(&v.figures)?
            ])?;
        }
    }
    Ok(())
}

/// A history entry is inserted, never written over: writing one whose id is stored already
/// becomes an update, which the table's triggers refuse with the reason.
fn insert_event(tx: &Transaction<'_>, e: &FollowUpEvent) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO recommendation_events (id, recommendation_id, recorded_at, recorded_by, date,
             status, note, method, verifier, reason, explanation, amount_done_dong, share_percent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (id) DO UPDATE SET note = excluded.note",
    )?
    .execute(params![
        e.id.0,
        e.recommendation_id.0,
        e.recorded_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        e.recorded_by,
        iso(e.date),
        e.status.code(),
        e.note,
        e.method.map(VerifyMethod::code),
        e.verifier,
        e.reason.map(NotDoneReason::code),
        e.explanation,
        e.amount_done_dong.map(Dong::get),
        e.share_percent.map(i64::from)
    ])?;
    Ok(())
}

/// What is known about a file is written over; its size, SHA-256 and bytes never are. A new
/// row gets zeroed bytes of the right size, which `fill_content` fills in the same transaction.
fn upsert_attachment(tx: &Transaction<'_>, a: &Attachment) -> rusqlite::Result<()> {
    let size = i64::try_from(a.size).unwrap_or(i64::MAX);
    tx.prepare_cached(
        "INSERT INTO attachments (id, recommendation_id, response_id, event_id, name, size, sha256,
             received_on, document_date, added_at, added_by, note, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, zeroblob(?6))
         ON CONFLICT (id) DO UPDATE SET recommendation_id = excluded.recommendation_id,
             response_id = excluded.response_id, event_id = excluded.event_id,
             name = excluded.name, received_on = excluded.received_on,
             document_date = excluded.document_date, added_by = excluded.added_by,
             note = excluded.note",
    )?
    .execute(params![
        a.id.0,
        a.recommendation_id.0,
        a.response_id.map(|x| x.0),
        a.event_id.map(|x| x.0),
        a.name,
        size,
        a.sha256,
        a.received_on.map(iso),
        a.document_date.map(iso),
        a.added_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        a.added_by,
        a.note
    ])?;
    Ok(())
}

fn upsert_round(tx: &Transaction<'_>, r: &Round) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO rounds (id, title, plan_ref, supervising_body, start_date, end_date, notes,
             draft_status, issued_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET title = excluded.title, plan_ref = excluded.plan_ref,
             supervising_body = excluded.supervising_body, start_date = excluded.start_date,
             end_date = excluded.end_date, notes = excluded.notes,
             draft_status = excluded.draft_status, issued_on = excluded.issued_on",
    )?
    .execute(params![
        r.id.0,
        r.title,
        r.plan_ref,
        r.supervising_body,
        r.start_date.map(iso),
        r.end_date.map(iso),
        r.notes,
        r.draft_status.code(),
        r.issued_on.map(iso)
    ])?;
    // The round's own lists are rewritten whole.
    for table in [
        "work_sessions",
        "round_subjects",
        "round_members",
        "round_projects",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE round_id = ?1"))?
            .execute([r.id.0])?;
    }
    for (pos, p) in r.project_ids.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO round_projects (round_id, project_id, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![r.id.0, p.0, pos as i64])?;
    }
    for (pos, s) in r.subjects.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO round_subjects (id, round_id, body, area_id, position) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![s.id.0, r.id.0, s.body, s.area_id.map(|a| a.0), pos as i64])?;
    }
    for (pos, m) in r.members.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO round_members (id, round_id, person, organisation, role, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            m.id.0,
            r.id.0,
            m.person,
            m.organisation,
            m.role,
            pos as i64
        ])?;
    }
    for (pos, s) in r.sessions.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO work_sessions (id, round_id, date, subject_id, topics, documents, position)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            s.id.0,
            r.id.0,
            iso(s.date),
            s.subject_id.map(|x| x.0),
            s.topics,
            s.documents,
            pos as i64
        ])?;
    }
    Ok(())
}

fn upsert_recommendation(tx: &Transaction<'_>, r: &Recommendation) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO recommendations (id, round_id, text, deadline, status, position, priority,
             kind, amount_dong, repeats_id, figures)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (id) DO UPDATE SET round_id = excluded.round_id, text = excluded.text,
             deadline = excluded.deadline, status = excluded.status, position = excluded.position,
             priority = excluded.priority, kind = excluded.kind,
             amount_dong = excluded.amount_dong, repeats_id = excluded.repeats_id,
             figures = excluded.figures",
    )?
    .execute(params![
        r.id.0,
        r.round_id.0,
        r.text,
        r.deadline.map(iso),
        r.status.code(),
        r.position,
        r.priority.code(),
        r.kind.code(),
        r.amount_dong.map(Dong::get),
        r.repeats.map(|x| x.0),
        figures_json(&r.figures)?
    ])?;
    for table in [
        "recommendation_addressees",
        "recommendation_areas",
        "recommendation_responses",
    ] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE recommendation_id = ?1"))?
            .execute([r.id.0])?;
    }
    for (pos, a) in r.addressees.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO recommendation_addressees (recommendation_id, position, addressee) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![r.id.0, pos as i64, a])?;
    }
    for (pos, a) in r.area_ids.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO recommendation_areas (recommendation_id, area_id, position) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![r.id.0, a.0, pos as i64])?;
    }
    for x in &r.responses {
        tx.prepare_cached(
            "INSERT INTO recommendation_responses (id, recommendation_id, date, text, evidence)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![x.id.0, r.id.0, iso(x.date), x.text, x.evidence])?;
    }
    Ok(())
}

/// Stores an issued document. Inserted only: an id already stored becomes an update, which the
/// triggers refuse.
fn insert_issued(tx: &Transaction<'_>, x: &IssuedDocument) -> rusqlite::Result<()> {
    let quoted = serde_json::to_string(&x.quoted)
        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    tx.prepare_cached(
        "INSERT INTO issued_documents (id, round_id, kind, number, number_line, date, signer,
             issued_at, issued_by, unit, pages, pdf, pdf_sha256, docx, docx_sha256, quoted,
             corrects)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)
         ON CONFLICT (id) DO UPDATE SET number = excluded.number",
    )?
    .execute(params![
        x.id.0,
        x.round_id.0,
        x.kind.db_code(),
        x.number,
        x.number_line,
        iso(x.date),
        x.signer,
        x.issued_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        x.issued_by,
        x.unit.code(),
        i64::from(x.pages),
        x.pdf.bytes(),
        x.pdf_sha256,
        x.docx.as_ref().map(|b| b.bytes()),
        x.docx_sha256,
        quoted,
        x.corrects.map(|c| c.0),
    ])?;
    Ok(())
}

/// The figures inserted into a text, as stored: JSON.
fn figures_json(figures: &[FigureRef]) -> rusqlite::Result<String> {
    serde_json::to_string(figures).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}
