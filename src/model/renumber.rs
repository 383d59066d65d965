//! Moving records to other ids, every reference to them moved too. A copy worked on offline
//! numbers its new records from what it holds; someone else may have given the same numbers
//! meanwhile. Before such records go to the server they take ids the server reserved for them,
//! so that two people's new records are never taken for one record changed twice.

use super::*;
use std::collections::{HashMap, HashSet};

/// Old id → new id, by table.
pub type Renumbering = HashMap<(Table, i64), i64>;

/// Calls `f` with every id a record holds, each with its table: its own, those of the records
/// nested in it (a round's subjects, members and sessions; a recommendation's responses) and
/// every id it refers to.
pub fn visit_ids(r: &mut Record, f: &mut dyn FnMut(Table, &mut i64)) {
    fn figures(list: &mut [FigureRef], f: &mut dyn FnMut(Table, &mut i64)) {
        for x in list {
            f(Table::Areas, &mut x.area.0);
            f(Table::Rounds, &mut x.round.0);
            for (id, _) in &mut x.parts {
                f(Table::Allocations, &mut id.0);
            }
        }
    }
    match r {
        Record::Info(_) => {}
        Record::Program(x) => f(Table::Programs, &mut x.id.0),
        Record::Project(x) => {
            f(Table::Projects, &mut x.id.0);
            f(Table::Programs, &mut x.program_id.0);
            if let Some(p) = &mut x.parent_id {
                f(Table::Projects, &mut p.0);
            }
        }
        Record::Area(x) => {
            f(Table::Areas, &mut x.id.0);
            if let Some(p) = &mut x.parent_id {
                f(Table::Areas, &mut p.0);
            }
        }
        Record::FundingSource(x) => f(Table::FundingSources, &mut x.id.0),
        Record::Allocation(x) => {
            f(Table::Allocations, &mut x.id.0);
            f(Table::Areas, &mut x.area_id.0);
            f(Table::Projects, &mut x.project_id.0);
            if let Some(s) = &mut x.funding_source_id {
                f(Table::FundingSources, &mut s.0);
            }
            if let Some(r) = &mut x.round_id {
                f(Table::Rounds, &mut r.0);
            }
        }
        Record::Indicator(x) => f(Table::Indicators, &mut x.id.0),
        Record::IndicatorValue(x) => {
            f(Table::IndicatorValues, &mut x.id.0);
            f(Table::Indicators, &mut x.indicator_id.0);
            f(Table::Areas, &mut x.area_id.0);
        }
        Record::Round(x) => {
            f(Table::Rounds, &mut x.id.0);
            for p in &mut x.project_ids {
                f(Table::Projects, &mut p.0);
            }
            for s in &mut x.subjects {
                f(Table::Subjects, &mut s.id.0);
                if let Some(a) = &mut s.area_id {
                    f(Table::Areas, &mut a.0);
                }
            }
            for m in &mut x.members {
                f(Table::Members, &mut m.id.0);
            }
            for s in &mut x.sessions {
                f(Table::Sessions, &mut s.id.0);
                if let Some(subject) = &mut s.subject_id {
                    f(Table::Subjects, &mut subject.0);
                }
            }
        }
        Record::Conclusion(x) => {
            f(Table::Conclusions, &mut x.id.0);
            f(Table::Rounds, &mut x.round_id.0);
            if let Some(a) = &mut x.area_id {
                f(Table::Areas, &mut a.0);
            }
            figures(&mut x.figures, f);
        }
        Record::Recommendation(x) => {
            f(Table::Recommendations, &mut x.id.0);
            f(Table::Rounds, &mut x.round_id.0);
            for a in &mut x.area_ids {
                f(Table::Areas, &mut a.0);
            }
            for r in &mut x.responses {
                f(Table::Responses, &mut r.id.0);
            }
            if let Some(r) = &mut x.repeats {
                f(Table::Recommendations, &mut r.0);
            }
            figures(&mut x.figures, f);
        }
        Record::Phrase(x) => f(Table::Phrases, &mut x.id.0),
        Record::TextVersion(x) => {
            f(Table::TextVersions, &mut x.id.0);
            f(Table::Rounds, &mut x.round_id.0);
            match &mut x.target {
                TextTarget::Conclusion(c) => f(Table::Conclusions, &mut c.0),
                TextTarget::Recommendation(r) => f(Table::Recommendations, &mut r.0),
            }
            figures(&mut x.figures, f);
        }
        Record::Document(x) => {
            f(Table::Documents, &mut x.id.0);
            f(Table::Rounds, &mut x.round_id.0);
        }
        Record::Event(x) => {
            f(Table::Events, &mut x.id.0);
            f(Table::Recommendations, &mut x.recommendation_id.0);
        }
        Record::Attachment(x) => {
            f(Table::Attachments, &mut x.id.0);
            f(Table::Recommendations, &mut x.recommendation_id.0);
            if let Some(r) = &mut x.response_id {
                f(Table::Responses, &mut r.0);
            }
            if let Some(e) = &mut x.event_id {
                f(Table::Events, &mut e.0);
            }
        }
        Record::RoundEvent(x) => {
            f(Table::RoundEvents, &mut x.id.0);
            f(Table::Rounds, &mut x.round_id.0);
        }
        Record::Succession(x) => {
            f(Table::Successions, &mut x.id.0);
            f(Table::Areas, &mut x.from_area_id.0);
            f(Table::Areas, &mut x.to_area_id.0);
        }
        Record::IssuedDocument(x) => {
            f(Table::IssuedDocuments, &mut x.id.0);
            f(Table::Rounds, &mut x.round_id.0);
            for q in &mut x.quoted {
                if let Some(a) = &mut q.area {
                    f(Table::Areas, &mut a.0);
                }
                if let Some(p) = &mut q.project {
                    f(Table::Projects, &mut p.0);
                }
            }
            if let Some(c) = &mut x.corrects {
                f(Table::IssuedDocuments, &mut c.0);
            }
        }
    }
}

/// The ids a record gives (its own and those of the records nested in it), by table — never
/// the ids it only refers to (a file attached to an existing response refers to it).
pub fn own_ids(r: &Record) -> HashSet<(Table, i64)> {
    let mut out = HashSet::new();
    let mut own = r.clone();
    // The record's own id is the first `visit_ids` gives.
    let mut first = true;
    visit_ids(&mut own, &mut |t, id| {
        if std::mem::take(&mut first) {
            out.insert((t, *id));
        }
    });
    match r {
        Record::Round(x) => {
            out.extend(x.subjects.iter().map(|s| (Table::Subjects, s.id.0)));
            out.extend(x.members.iter().map(|m| (Table::Members, m.id.0)));
            out.extend(x.sessions.iter().map(|s| (Table::Sessions, s.id.0)));
        }
        Record::Recommendation(x) => {
            out.extend(x.responses.iter().map(|r| (Table::Responses, r.id.0)));
        }
        _ => {}
    }
    out
}

/// The ids `edits` give that the records they replace did not have: the new records' own
/// ids and those of records newly nested in existing ones (a response added to a
/// recommendation), by table.
pub fn new_ids(edits: &[Edit]) -> Vec<(Table, i64)> {
    let mut out: Vec<(Table, i64)> = Vec::new();
    for e in edits {
        let Some(after) = &e.after else { continue };
        let had = e.before.as_ref().map(own_ids).unwrap_or_default();
        let mut ids: Vec<(Table, i64)> = own_ids(after).difference(&had).copied().collect();
        ids.sort_by_key(|(t, id)| (format!("{t:?}"), *id));
        out.extend(ids);
    }
    out.dedup();
    out
}

/// `r` with every id `map` names moved (its own, nested ones and references alike).
pub fn renumbered(r: &Record, map: &Renumbering) -> Record {
    let mut r = r.clone();
    visit_ids(&mut r, &mut |t, id| {
        if let Some(n) = map.get(&(t, *id)) {
            *id = *n;
        }
    });
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id of every record of the sample, moved by a different amount per table: the
    /// result is a whole project again (no reference left pointing at an old id), and moving
    /// back gives the sample exactly.
    /// The sample with a record of every kind, each referring to what it may refer to.
    fn every_kind() -> Dossier {
        let mut d = crate::sample::lang_son();
        let at = chrono::NaiveDate::from_ymd_opt(2023, 6, 21)
            .and_then(|x| x.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        let day = at.date();
        let (round, area) = (d.rounds[0].id, d.areas[1].id);
        let figure = FigureRef {
            area,
            period: d.allocations[0].period,
            kind: d.allocations[0].kind,
            round,
            unit: MoneyUnit::Trieu,
            lang: crate::i18n::Lang::Vi,
            at: 0,
            shown: "1 triệu đồng".into(),
            value: None,
            parts: vec![(d.allocations[0].id, d.allocations[0].amount_dong)],
        };
        d.conclusions[0].figures = vec![figure.clone()];
        let first = d.recommendations[0].id;
        d.recommendations[0].responses.push(Response {
            id: ResponseId(1),
            date: day,
            text: "Đã thực hiện".into(),
            evidence: "Báo cáo số 45/BC-UBND".into(),
        });
        d.recommendations[0].figures = vec![figure.clone()];
        d.recommendations[1].repeats = Some(first);
        d.put(Record::TextVersion(TextVersion {
            id: TextVersionId(1),
            round_id: round,
            target: TextTarget::Conclusion(d.conclusions[0].id),
            saved_at: at,
            name: String::new(),
            text: d.conclusions[0].text.clone(),
            figures: vec![figure],
        }));
        d.put(Record::TextVersion(TextVersion {
            id: TextVersionId(2),
            round_id: round,
            target: TextTarget::Recommendation(first),
            saved_at: at,
            name: String::new(),
            text: String::new(),
            figures: Vec::new(),
        }));
        let doc = DocumentSettings::default_for(&d, &d.rounds[0], DocKind::ThongBao, DocumentId(1));
        d.put(Record::Document(doc));
        let event = FollowUpEvent::new(
            EventId(1),
            first,
            RecommendationStatus::InProgress,
            day,
            at,
            "lan",
        );
        d.put(Record::Event(event));
        d.put(Record::Attachment(Attachment {
            id: AttachmentId(1),
            recommendation_id: first,
            response_id: Some(ResponseId(1)),
            event_id: Some(EventId(1)),
            name: "BC 45.pdf".into(),
            size: 3,
            sha256: "ab".repeat(32),
            received_on: None,
            document_date: None,
            added_at: at,
            added_by: String::new(),
            note: String::new(),
        }));
        d.put(Record::RoundEvent(RoundEvent {
            id: RoundEventId(1),
            round_id: round,
            recorded_at: at,
            recorded_by: "lan".into(),
            action: LockAction::Issued,
            reason: String::new(),
        }));
        d.put(Record::Succession(Succession {
            id: SuccessionId(1),
            from_area_id: d.areas[1].id,
            to_area_id: d.areas[2].id,
            date: day,
            act: String::new(),
        }));
        let pdf = Blob::new(b"%PDF".to_vec());
        let project = d.projects[0].id;
        let issued = |id: i64, corrects: Option<IssuedDocumentId>| IssuedDocument {
            id: IssuedDocumentId(id),
            round_id: round,
            kind: DocKind::ThongBao,
            number: "15".into(),
            number_line: String::new(),
            date: day,
            signer: String::new(),
            issued_at: at,
            issued_by: String::new(),
            unit: MoneyUnit::Trieu,
            pages: 1,
            pdf_sha256: pdf.sha256(),
            pdf: pdf.clone(),
            docx: None,
            docx_sha256: String::new(),
            quoted: vec![QuotedFigure {
                area: Some(area),
                project: Some(project),
                kind: AllocationKind::Allocated,
                period: None,
                value: None,
            }],
            corrects,
        };
        d.put(Record::IssuedDocument(issued(1, None)));
        d.put(Record::IssuedDocument(issued(2, Some(IssuedDocumentId(1)))));
        d
    }

    #[test]
    fn every_reference_moves_with_the_record_it_names() {
        let d = every_kind();
        let before = d.validate().len();
        let kinds: HashSet<std::mem::Discriminant<Record>> =
            d.records().map(|r| std::mem::discriminant(&r)).collect();
        assert_eq!(kinds.len(), 19, "a record of every kind");
        let offset = |t: Table| {
            let i = Table::ALL.iter().position(|x| *x == t).unwrap_or(0) as i64;
            1_000_000 * (i + 1)
        };
        let mut map = Renumbering::new();
        let mut back = Renumbering::new();
        let mut records: Vec<Record> = d.records().collect();
        for r in &mut records {
            visit_ids(r, &mut |t, id| {
                map.insert((t, *id), *id + offset(t));
                back.insert((t, *id + offset(t)), *id);
            });
        }
        let moved: Vec<Record> = records.iter().map(|r| renumbered(r, &map)).collect();
        let moved_d = Dossier::from_records(moved.clone());
        assert_eq!(
            moved_d.validate().len(),
            before,
            "no reference left behind: {:?}",
            moved_d.validate().iter().take(3).collect::<Vec<_>>()
        );
        // Nothing that looks like an id kept its old value: every `…id`, `…ids`, area,
        // project, round, repeats, corrects and parts field moved.
        for (old, new) in records.iter().zip(&moved) {
            let (a, b) = (json(old), json(new));
            compare(&a, &b, "", &mut Vec::new());
        }
        let again: Vec<Record> = moved.iter().map(|r| renumbered(r, &back)).collect();
        assert_eq!(again, records);
    }

    /// What a change adds: a new record's own id and those nested in it, a response added to
    /// an existing recommendation — never an id it only refers to.
    #[test]
    fn only_what_a_change_adds_counts_as_new() {
        let d = every_kind();
        let rec = d.recommendations[0].clone();
        let att = d.attachments[0].clone();
        assert_eq!(att.response_id, Some(ResponseId(1)));
        // A second file on the existing response 1: only the file is new.
        let mut another = att.clone();
        another.id = AttachmentId(7);
        let edits = vec![Edit::insert(Record::Attachment(another))];
        assert_eq!(new_ids(&edits), vec![(Table::Attachments, 7)]);
        // A response added to an existing recommendation is new; the others are not.
        let mut after = rec.clone();
        after.responses.push(Response {
            id: ResponseId(2),
            ..rec.responses[0].clone()
        });
        let edits = vec![Edit::update(
            Record::Recommendation(rec.clone()),
            Record::Recommendation(after),
        )];
        assert_eq!(new_ids(&edits), vec![(Table::Responses, 2)]);
        // A new round brings its subjects, members and sessions; a session's subject is one
        // of them, not another new id.
        let mut round = d.rounds[0].clone();
        round.id = RoundId(5);
        let edits = vec![Edit::insert(Record::Round(round.clone()))];
        let mut expected: Vec<(Table, i64)> = vec![(Table::Rounds, 5)];
        expected.extend(round.subjects.iter().map(|s| (Table::Subjects, s.id.0)));
        expected.extend(round.members.iter().map(|m| (Table::Members, m.id.0)));
        expected.extend(round.sessions.iter().map(|s| (Table::Sessions, s.id.0)));
        let key = |x: &(Table, i64)| (format!("{:?}", x.0), x.1);
        let mut got = new_ids(&edits);
        got.sort_by_key(key);
        expected.sort_by_key(key);
        assert_eq!(got, expected);
        assert!(!round.sessions.is_empty() && !round.subjects.is_empty());
    }

    fn json(r: &Record) -> serde_json::Value {
        match r {
            Record::Info(x) => serde_json::to_value(x),
            Record::Program(x) => serde_json::to_value(x),
            Record::Project(x) => serde_json::to_value(x),
            Record::Area(x) => serde_json::to_value(x),
            Record::FundingSource(x) => serde_json::to_value(x),
            Record::Allocation(x) => serde_json::to_value(x),
            Record::Indicator(x) => serde_json::to_value(x),
            Record::IndicatorValue(x) => serde_json::to_value(x),
            Record::Round(x) => serde_json::to_value(x),
            Record::Conclusion(x) => serde_json::to_value(x),
            Record::Recommendation(x) => serde_json::to_value(x),
            Record::Phrase(x) => serde_json::to_value(x),
            Record::TextVersion(x) => serde_json::to_value(x),
            Record::Document(x) => serde_json::to_value(x),
            Record::Event(x) => serde_json::to_value(x),
            Record::Attachment(x) => serde_json::to_value(x),
            Record::RoundEvent(x) => serde_json::to_value(x),
            Record::Succession(x) => serde_json::to_value(x),
            Record::IssuedDocument(x) => serde_json::to_value(x),
        }
        .unwrap_or_default()
    }

    fn id_like(key: &str) -> bool {
        key == "id"
            || key.ends_with("_id")
            || key.ends_with("_ids")
            || matches!(
                key,
                "area" | "project" | "round" | "repeats" | "corrects" | "target"
            )
    }

    /// Walks two records' JSON side by side: every number under an id-like key changed.
    fn compare(a: &serde_json::Value, b: &serde_json::Value, key: &str, path: &mut Vec<String>) {
        use serde_json::Value;
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, v) in x {
                    path.push(k.clone());
                    let under = if id_like(key) { key } else { k.as_str() };
                    compare(v, &y[k], under, path);
                    path.pop();
                }
            }
            (Value::Array(x), Value::Array(y)) => {
                for (i, (v, w)) in x.iter().zip(y).enumerate() {
                    path.push(i.to_string());
                    // A figure's parts are (id, amount) pairs: only the first is an id.
                    let under = match key {
                        "parts" => "pair",
                        "pair" if i == 0 => "id",
                        "pair" => "",
                        _ => key,
                    };
                    compare(v, w, under, path);
                    path.pop();
                }
            }
            (Value::Number(x), Value::Number(y)) if id_like(key) => {
                assert_ne!(x, y, "{} kept its id", path.join("."));
            }
            _ => {}
        }
    }
}
