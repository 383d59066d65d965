//! Validation of the findings: conclusions, recommendations, phrases, text versions and
//! document settings.

use super::{Known, Validator, W_AREA, W_ROUND};
use crate::model::dossier::Dossier;
use crate::model::findings::RecommendationKind;
use crate::model::record::RecordKey;
use std::collections::HashSet;

impl Validator {
    /// Conclusions, recommendations, phrases, text versions and document settings.
    pub(super) fn findings(&mut self, d: &Dossier, known: &Known) {
        let items: Vec<_> = d
            .conclusions
            .iter()
            .map(|c| (c.id, self.wants(RecordKey::Conclusion(c.id))))
            .collect();
        self.unique_among("conclusions", &items);
        for (i, c) in d.conclusions.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                || format!("conclusions[{i}].round_id"),
                &c.round_id,
                &known.rounds,
                W_ROUND,
            );
            if let Some(a) = c.area_id {
                self.reference(
                    || format!("conclusions[{i}].area_id"),
                    &a,
                    &known.areas,
                    W_AREA,
                );
            }
        }

        let items: Vec<_> = d
            .recommendations
            .iter()
            .map(|r| (r.id, self.wants(RecordKey::Recommendation(r.id))))
            .collect();
        self.unique_among("recommendations", &items);
        // Response ids are unique across all recommendations.
        let responses: Vec<_> = d
            .recommendations
            .iter()
            .zip(&items)
            .flat_map(|(r, (_, wanted))| r.responses.iter().map(move |x| (x.id, *wanted)))
            .collect();
        self.unique_among("recommendations[].responses", &responses);
        let latest = d.latest_events();
        for (i, r) in d.recommendations.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("recommendations[{i}]");
            self.reference(
                || format!("{base}.round_id"),
                &r.round_id,
                &known.rounds,
                W_ROUND,
            );
            if r.addressees.is_empty() {
                self.push(
                    format!("{base}.addressees"),
                    "kiến nghị phải gửi đến ít nhất một cơ quan",
                    "a recommendation must be addressed to at least one body",
                );
            }
            for (j, a) in r.addressees.iter().enumerate() {
                self.non_empty(
                    format!("{base}.addressees[{j}]"),
                    a,
                    ("Tên cơ quan nhận kiến nghị", "addressee's name"),
                );
            }
            for (j, a) in r.area_ids.iter().enumerate() {
                self.reference(|| format!("{base}.area_ids[{j}]"), a, &known.areas, W_AREA);
            }
            self.date(format!("{base}.deadline"), r.deadline);
            for (j, x) in r.responses.iter().enumerate() {
                self.date(format!("{base}.responses[{j}].date"), Some(x.date));
            }
            if r.amount_dong.is_some() && r.kind != RecommendationKind::Financial {
                self.push(
                    format!("{base}.amount_dong"),
                    "chỉ kiến nghị loại tài chính mới có số tiền",
                    "only a financial recommendation has an amount",
                );
            }
            if let Some(earlier) = r.repeats {
                match d.recommendation(earlier) {
                    Some(e) if e.round_id != r.round_id => {}
                    Some(_) => self.push(
                        format!("{base}.repeats"),
                        "kiến nghị lặp lại phải trỏ tới kiến nghị của một đợt giám sát khác",
                        "a repeated recommendation must point to one of another round",
                    ),
                    None => self.push(
                        format!("{base}.repeats"),
                        format!("không có kiến nghị mã {earlier} để lặp lại"),
                        format!("there is no recommendation {earlier} to repeat"),
                    ),
                }
            }
            if let Some(last) = latest.get(&r.id)
                && last.status != r.status
            {
                self.push(
                    format!("{base}.status"),
                    format!(
                        "trạng thái “{}” khác với lần ghi cuối trong lịch sử theo dõi (“{}”)",
                        r.status.label_vi(),
                        last.status.label_vi()
                    ),
                    format!(
                        "the status “{}” differs from the last entry of the follow-up history (“{}”)",
                        r.status.code(),
                        last.status.code()
                    ),
                );
            }
        }
        self.events(d);
        self.attachments(d);
        self.round_events(d, known);
        self.successions(d, known);
        self.issued_documents(d, known);

        let items: Vec<_> = d
            .phrases
            .iter()
            .map(|p| (p.id, self.wants(RecordKey::Phrase(p.id))))
            .collect();
        self.unique_among("phrases", &items);
        for (i, p) in d.phrases.iter().enumerate() {
            if items[i].1 {
                self.non_empty(format!("phrases[{i}].text"), &p.text, ("Câu mẫu", "phrase"));
            }
        }

        let items: Vec<_> = d
            .text_versions
            .iter()
            .map(|v| (v.id, self.wants(RecordKey::TextVersion(v.id))))
            .collect();
        self.unique_among("text_versions", &items);
        for (i, v) in d.text_versions.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                || format!("text_versions[{i}].round_id"),
                &v.round_id,
                &known.rounds,
                W_ROUND,
            );
            self.date(
                format!("text_versions[{i}].saved_at"),
                Some(v.saved_at.date()),
            );
        }

        // Few, and unique per round and kind: all of them when any one is looked at.
        if !d
            .documents
            .iter()
            .any(|x| self.wants(RecordKey::Document(x.id)))
        {
            return;
        }
        self.unique("documents", d.documents.iter().map(|x| x.id));
        let mut seen = HashSet::new();
        for (i, doc) in d.documents.iter().enumerate() {
            self.reference(
                || format!("documents[{i}].round_id"),
                &doc.round_id,
                &known.rounds,
                W_ROUND,
            );
            self.date(format!("documents[{i}].date"), doc.date);
            if !seen.insert((doc.round_id, doc.kind)) {
                self.push(
                    format!("documents[{i}].kind"),
                    "đợt giám sát đã có thiết lập cho loại văn bản này",
                    "the round already has settings for this kind of document",
                );
            }
        }
    }
}
