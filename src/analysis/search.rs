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

/// The most hits shown: past this, the query wants more words.
pub const MAX_HITS: usize = 300;

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
        let key = RecordKey::Round(r.id);
        for text in [&r.title, &r.plan_ref, &r.supervising_body, &r.notes] {
            check(t.what_round.to_string(), text, key);
        }
        for s in &r.subjects {
            check(format!("{} · {}", t.what_round, t.subjects), &s.body, key);
        }
        for m in &r.members {
            for text in [&m.person, &m.organisation, &m.role] {
                check(format!("{} · {}", t.what_round, t.members), text, key);
            }
        }
        for s in &r.sessions {
            let place = format!(
                "{} · {} {}",
                t.what_round,
                t.sessions,
                s.date.format("%d/%m/%Y")
            );
            check(place.clone(), &s.topics, key);
            check(place, &s.documents, key);
        }
    }
    // The follow-up history and the evidence, under their recommendation.
    let rec_place = |id: RecommendationId| {
        d.recommendations
            .iter()
            .position(|r| r.id == id)
            .map(|i| format!("{} {}", t.what_recommendation, i + 1))
            .unwrap_or_else(|| t.what_recommendation.to_string())
    };
    for e in &d.events {
        let place = format!(
            "{} · {} {}",
            rec_place(e.recommendation_id),
            t.what_event,
            e.date.format("%d/%m/%Y")
        );
        for text in [&e.note, &e.verifier, &e.explanation] {
            check(
                place.clone(),
                text,
                RecordKey::Recommendation(e.recommendation_id),
            );
        }
    }
    for a in &d.attachments {
        let place = format!("{} · {}", rec_place(a.recommendation_id), t.what_attachment);
        for text in [&a.name, &a.note] {
            check(
                place.clone(),
                text,
                RecordKey::Recommendation(a.recommendation_id),
            );
        }
    }
    // A text kept unchanged through many versions is found once, in the text itself.
    let mut seen_versions: std::collections::HashSet<(TextTarget, &str)> = d
        .conclusions
        .iter()
        .map(|c| (TextTarget::Conclusion(c.id), c.text.as_str()))
        .chain(
            d.recommendations
                .iter()
                .map(|r| (TextTarget::Recommendation(r.id), r.text.as_str())),
        )
        .collect();
    for v in &d.text_versions {
        // Versions kept automatically as one types are many: only named ones are searched
        // (the text itself is, and History shows the rest).
        if v.name.is_empty() || !seen_versions.insert((v.target, v.text.as_str())) {
            continue;
        }
        let place = if v.name.is_empty() {
            t.what_version.to_string()
        } else {
            format!("{} “{}”", t.what_version, v.name)
        };
        check(place.clone(), &v.name, RecordKey::TextVersion(v.id));
        check(place, &v.text, RecordKey::TextVersion(v.id));
    }
    for p in &d.phrases {
        check(t.what_phrase.to_string(), &p.text, RecordKey::Phrase(p.id));
    }
    for p in &d.programs {
        check(
            t.what_program.to_string(),
            &p.name,
            RecordKey::Program(p.id),
        );
        check(
            t.what_program.to_string(),
            &p.decision,
            RecordKey::Program(p.id),
        );
    }
    for p in &d.projects {
        check(
            t.what_project.to_string(),
            &p.name,
            RecordKey::Project(p.id),
        );
        check(
            t.what_project.to_string(),
            &p.code,
            RecordKey::Project(p.id),
        );
    }
    for f in &d.funding_sources {
        check(
            t.what_funding_source.to_string(),
            &f.name,
            RecordKey::FundingSource(f.id),
        );
    }
    for i in &d.indicators {
        check(
            t.what_indicator.to_string(),
            &i.name,
            RecordKey::Indicator(i.id),
        );
    }
    for v in &d.indicator_values {
        let place = format!(
            "{} · {} {}",
            t.what_indicator_value,
            area(Some(v.area_id)).unwrap_or_default(),
            v.period
        );
        check(place.clone(), &v.note, RecordKey::IndicatorValue(v.id));
        check(place, &v.source_doc, RecordKey::IndicatorValue(v.id));
    }
    for s in &d.successions {
        check(
            t.what_succession.to_string(),
            &s.act,
            RecordKey::Succession(s.id),
        );
    }
    for x in &d.issued_documents {
        for text in [&x.number_line, &x.signer] {
            check(
                t.what_issued_document.to_string(),
                text,
                RecordKey::IssuedDocument(x.id),
            );
        }
    }
    for doc in &d.documents {
        for text in [&doc.summary, &doc.place, &doc.signer_name, &doc.closing] {
            check(
                t.what_document.to_string(),
                text,
                RecordKey::Document(doc.id),
            );
        }
    }
    // One hit per record and place is enough.
    hits.dedup_by(|a, b| a.key == b.key && a.place == b.place && a.text == b.text);
    hits.truncate(MAX_HITS);
    for h in &mut hits {
        h.place = capitalize_first(&h.place);
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn found(d: &Dossier, q: &str) -> Vec<SearchHit> {
        search(d, q, true, Lang::Vi)
    }

    /// Every text staff type is found: the delegation's members and subjects, the follow-up
    /// history, evidence, phrases, named versions, programs — not only drafts and figures.
    #[test]
    fn search_finds_every_text_of_the_project() {
        let mut d = crate::sample::lang_son();
        // The delegation, from the sample as the article has it.
        let hits = found(&d, "cuu chien binh");
        assert!(
            hits.iter().any(|h| h.text == "Hội Cựu chiến binh tỉnh"
                && h.key == RecordKey::Round(d.rounds[0].id)),
            "{hits:?}"
        );
        assert!(!found(&d, d.rounds[0].subjects[0].body.as_str()).is_empty());
        let rec = d.recommendations[0].id;
        let at = chrono::NaiveDate::from_ymd_opt(2024, 1, 12)
            .and_then(|x| x.and_hms_opt(8, 0, 0))
            .unwrap_or_default();
        let mut e = FollowUpEvent::new(
            EventId(1),
            rec,
            RecommendationStatus::InProgress,
            at.date(),
            at,
            "lan",
        );
        e.note = "Công văn số 77/UBND-LĐTBXH".into();
        e.explanation = "chờ vốn trung ương".into();
        d.events.push(e);
        d.attachments.push(Attachment {
            id: AttachmentId(1),
            recommendation_id: rec,
            response_id: None,
            event_id: None,
            name: "bien-ban-kiem-tra.pdf".into(),
            size: 1,
            sha256: "ab".repeat(32),
            received_on: None,
            document_date: None,
            added_at: at,
            added_by: String::new(),
            note: "ảnh chụp tại xã Minh Sơn".into(),
        });
        d.text_versions.push(TextVersion {
            id: TextVersionId(1),
            round_id: d.rounds[0].id,
            target: TextTarget::Recommendation(rec),
            saved_at: at,
            name: "bản trình Ban Thường trực".into(),
            text: "Đề nghị UBND huyện rà soát đối tượng".into(),
            figures: Vec::new(),
        });
        for (q, key) in [
            ("77/UBND", RecordKey::Recommendation(rec)),
            ("cho von trung uong", RecordKey::Recommendation(rec)),
            ("bien-ban-kiem-tra", RecordKey::Recommendation(rec)),
            ("xa minh son", RecordKey::Recommendation(rec)),
            (
                "ban trinh ban thuong truc",
                RecordKey::TextVersion(TextVersionId(1)),
            ),
            (
                "ra soat doi tuong",
                RecordKey::TextVersion(TextVersionId(1)),
            ),
        ] {
            assert!(found(&d, q).iter().any(|h| h.key == key), "{q}");
        }
        let phrase = d.phrases[0].clone();
        assert!(
            found(&d, &phrase.text)
                .iter()
                .any(|h| h.key == RecordKey::Phrase(phrase.id))
        );
        assert!(
            found(&d, "giam ngheo ben vung")
                .iter()
                .any(|h| matches!(h.key, RecordKey::Program(_)))
        );
    }

    /// A text unchanged through its automatic versions is found once, in the text itself.
    #[test]
    fn a_text_is_found_once_not_once_per_version() {
        let mut d = crate::sample::lang_son();
        let c = d.conclusions[0].clone();
        for i in 1..=3 {
            d.text_versions.push(TextVersion {
                id: TextVersionId(i),
                round_id: c.round_id,
                target: TextTarget::Conclusion(c.id),
                saved_at: chrono::NaiveDateTime::default(),
                name: String::new(),
                text: c.text.clone(),
                figures: Vec::new(),
            });
        }
        let words: String = c
            .text
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        let hits = found(&d, &words);
        assert_eq!(
            hits.iter()
                .filter(|h| matches!(h.key, RecordKey::TextVersion(_)))
                .count(),
            0,
            "{hits:?}"
        );
        assert!(hits.iter().any(|h| h.key == RecordKey::Conclusion(c.id)));
    }
}
