//! Searching every text of the dossier, with or without Vietnamese marks.

use super::capitalize_first;
use crate::model::*;

/// One place where a search matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchHit {
    /// Where it is, in words: "Kiến nghị 2 · Đợt …".
    pub place: String,
    /// The whole text that matched.
    pub text: String,
    /// The record, to open it.
    pub key: RecordKey,
}

/// Every text of the dossier that contains `query`, ignoring case and, when asked, Vietnamese
/// marks ("huu lung" finds "Hữu Lũng").
pub fn search(
    d: &Dossier,
    query: &str,
    ignore_marks: bool,
    lang: crate::i18n::Lang,
) -> Vec<SearchHit> {
    use crate::model::text::search_key;
    let needle = search_key(query.trim(), ignore_marks);
    if needle.is_empty() {
        return vec![];
    }
    let t = lang.texts();
    let area = |id: Option<AreaId>| id.and_then(|a| d.area(a)).map(|a| a.name.clone());
    let mut hits = Vec::new();
    let mut check = |place: String, text: &str, key: RecordKey| {
        if !text.is_empty() && search_key(text, ignore_marks).contains(&needle) {
            hits.push(SearchHit {
                place,
                text: text.to_string(),
                key,
            });
        }
    };
    check(t.f_dossier_name.to_string(), &d.info.name, RecordKey::Info);
    check(t.f_notes.to_string(), &d.info.notes, RecordKey::Info);
    for a in &d.areas {
        check(t.what_area.to_string(), &a.name, RecordKey::Area(a.id));
    }
    for c in &d.conclusions {
        let kind = match c.kind {
            ConclusionKind::Strength => t.ck_strength,
            ConclusionKind::Shortcoming => t.ck_shortcoming,
            ConclusionKind::Cause => t.ck_cause,
            ConclusionKind::Overall => t.ck_overall,
        };
        let place = match area(c.area_id) {
            Some(a) => format!("{} · {kind} · {a}", t.what_conclusion),
            None => format!("{} · {kind}", t.what_conclusion),
        };
        check(place, &c.text, RecordKey::Conclusion(c.id));
    }
    for (i, r) in d.recommendations.iter().enumerate() {
        let place = format!(
            "{} {} · {}",
            t.what_recommendation,
            i + 1,
            r.addressees.join("; ")
        );
        check(place.clone(), &r.text, RecordKey::Recommendation(r.id));
        for a in &r.addressees {
            check(place.clone(), a, RecordKey::Recommendation(r.id));
        }
        for x in &r.responses {
            let when = x.date.format("%d/%m/%Y").to_string();
            check(
                format!("{place} · {} {when}", t.response),
                &x.text,
                RecordKey::Recommendation(r.id),
            );
            check(
                format!("{place} · {} {when}", t.response),
                &x.evidence,
                RecordKey::Recommendation(r.id),
            );
        }
    }
    for a in &d.allocations {
        let place = format!(
            "{} · {} {}",
            t.what_allocation,
            area(Some(a.area_id)).unwrap_or_default(),
            a.period
        );
        check(place.clone(), &a.note, RecordKey::Allocation(a.id));
        check(place, &a.source_doc, RecordKey::Allocation(a.id));
    }
    for r in &d.rounds {
        check(t.what_round.to_string(), &r.title, RecordKey::Round(r.id));
        check(t.what_round.to_string(), &r.notes, RecordKey::Round(r.id));
        for s in &r.sessions {
            check(
                format!("{} · {}", t.what_round, t.sessions),
                &s.topics,
                RecordKey::Round(r.id),
            );
        }
    }
    // One hit per record and place is enough.
    hits.dedup_by(|a, b| a.key == b.key && a.place == b.place && a.text == b.text);
    for h in &mut hits {
        h.place = capitalize_first(&h.place);
    }
    hits
}
