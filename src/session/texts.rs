//! The changes that keep a round's texts and documents: a conclusion's or recommendation's
//! text with its history, named versions of all of a round's texts, a follow-up round that
//! repeats what was left unfinished, and a document's settings. Domain rules, so they live
//! beside the session's other changes and the screens only ask for them.

use super::{Change, ChangeLabel, Session};
use crate::i18n::Texts;
use crate::model::*;
use chrono::{NaiveDateTime, Timelike};

/// Now, to the second: the time history entries and versions are recorded at.
pub fn now() -> NaiveDateTime {
    chrono::Local::now()
        .naive_local()
        .with_nanosecond(0)
        .unwrap_or_else(|| chrono::Local::now().naive_local())
}

/// The name a history or lock-log entry is recorded under: the user's, cleaned, or "không rõ"
/// in `t`'s language when none is set.
pub fn recorder(user: &str, t: &Texts) -> String {
    let user = crate::model::text::clean_line(user);
    if user.is_empty() {
        t.unknown_user.to_string()
    } else {
        user
    }
}

impl Session {
    /// The change that sets a text: the record itself, and, when the user has finished with
    /// it (`keep_version`), a history entry if the text differs from the last one kept.
    /// Typing in one field is one undo step.
    pub fn text_change(
        &mut self,
        round: RoundId,
        target: TextTarget,
        text: &str,
        keep_version: bool,
    ) -> Change {
        self.text_change_with(round, target, text, None, keep_version)
    }

    /// The change that sets a text and its figures as given (figures written again from the
    /// data), keeping a version.
    pub fn figures_renewed(
        &mut self,
        round: RoundId,
        target: TextTarget,
        text: &str,
        figures: Vec<FigureRef>,
    ) -> Change {
        let mut change = self.text_change_with(round, target, text, None, true);
        for e in &mut change.edits {
            match &mut e.after {
                Some(Record::Conclusion(c)) => c.figures = figures.clone(),
                Some(Record::Recommendation(r)) => r.figures = figures.clone(),
                Some(Record::TextVersion(v)) => v.figures = figures.clone(),
                _ => {}
            }
        }
        change
    }

    /// The change that sets a text with a figure from the data just inserted into it: the
    /// figure's words are in `text` where the insertion put them.
    pub fn figure_inserted(
        &mut self,
        round: RoundId,
        target: TextTarget,
        text: &str,
        figure: FigureRef,
    ) -> Change {
        self.text_change_with(round, target, text, Some(figure), true)
    }

    fn text_change_with(
        &mut self,
        round: RoundId,
        target: TextTarget,
        text: &str,
        inserted: Option<FigureRef>,
        keep_version: bool,
    ) -> Change {
        let d = self.dossier_arc();
        let mut edits = Vec::new();
        // Compared as it will be stored: a field keeps what the keyboard produced (decomposed
        // marks, CR LF), which would otherwise read as edits all over the text.
        let cleaned = crate::model::text::clean_text(text);
        let text = cleaned.as_str();
        // The figures already in the text follow the edit; one just inserted starts where the
        // edit did.
        let place = |old: &str, figures: &[FigureRef]| {
            let mut carried = crate::model::figure_place::carry(old, text, figures);
            if let Some(mut f) = inserted.clone() {
                if !f.holds_in(text) {
                    f.at = old
                        .char_indices()
                        .zip(text.chars())
                        .find(|((_, x), y)| x != y)
                        .map_or(old.len().min(text.len()), |((i, _), _)| i);
                }
                // Whatever stood where the figure now stands was typed over.
                let end = f.end();
                carried.retain(|g| g.end() <= f.at || g.at >= end);
                carried.push(f);
            }
            crate::model::figure_place::settle(text, carried)
        };
        let mut figures = Vec::new();
        match target {
            TextTarget::Conclusion(id) => {
                if let Some(before) = d.conclusions.iter().find(|c| c.id == id) {
                    let mut after = before.clone();
                    after.text = text.to_string();
                    after.figures = place(&before.text, &before.figures);
                    figures = after.figures.clone();
                    edits.push(Edit::update(
                        Record::Conclusion(before.clone()),
                        Record::Conclusion(after),
                    ));
                }
            }
            TextTarget::Recommendation(id) => {
                if let Some(before) = d.recommendations.iter().find(|r| r.id == id) {
                    let mut after = before.clone();
                    after.text = text.to_string();
                    after.figures = place(&before.text, &before.figures);
                    figures = after.figures.clone();
                    edits.push(Edit::update(
                        Record::Recommendation(before.clone()),
                        Record::Recommendation(after),
                    ));
                }
            }
        }
        let last = d.versions_of(target).last().map(|v| v.text.clone());
        let normalized = crate::model::text::clean_text(text);
        if keep_version && last.as_deref() != Some(normalized.as_str()) {
            edits.push(Edit::insert(Record::TextVersion(TextVersion {
                id: TextVersionId(self.new_id(Table::TextVersions)),
                round_id: round,
                target,
                saved_at: now(),
                name: String::new(),
                text: text.to_string(),
                figures,
            })));
        }
        let (what, key): (fn(&Texts) -> &'static str, String) = match target {
            TextTarget::Conclusion(id) => {
                (|t| t.what_conclusion, format!("conclusion:{}:text", id.0))
            }
            TextTarget::Recommendation(id) => (
                |t| t.what_recommendation,
                format!("recommendation:{}:text", id.0),
            ),
        };
        Change::new(ChangeLabel::edit(what, ""), edits).merging(key)
    }

    /// The change that unlocks an issued round for editing: the lock log's entry with the
    /// reason, the round back to draft, and its texts kept as a named version as they were
    /// issued. The issued documents stay as they are.
    pub fn unlock_change(
        &mut self,
        round: &Round,
        reason: &str,
        by: &str,
        snapshot_name: &str,
    ) -> Change {
        let mut edits = vec![Edit::insert(Record::RoundEvent(RoundEvent {
            id: RoundEventId(self.new_id(Table::RoundEvents)),
            round_id: round.id,
            recorded_at: now(),
            recorded_by: crate::model::text::clean_line(by),
            action: LockAction::Unlocked,
            reason: crate::model::text::clean_line(reason),
        }))];
        let mut after = round.clone();
        after.draft_status = DraftStatus::Draft;
        edits.push(Edit::update(
            Record::Round(round.clone()),
            Record::Round(after),
        ));
        edits.extend(self.snapshot_edits(round.id, snapshot_name));
        Change::new(ChangeLabel::edit(|t| t.what_draft_status, ""), edits)
    }

    /// Named versions of every text of a round, kept at once ("bản trình Ban Thường trực").
    pub fn snapshot_edits(&mut self, round: RoundId, name: &str) -> Vec<Edit> {
        let d = self.dossier_arc();
        let at = now();
        let mut edits = Vec::new();
        let texts: Vec<(TextTarget, String, Vec<FigureRef>)> = d
            .conclusions
            .iter()
            .filter(|c| c.round_id == round)
            .map(|c| {
                (
                    TextTarget::Conclusion(c.id),
                    c.text.clone(),
                    c.figures.clone(),
                )
            })
            .chain(
                d.recommendations
                    .iter()
                    .filter(|r| r.round_id == round)
                    .map(|r| {
                        (
                            TextTarget::Recommendation(r.id),
                            r.text.clone(),
                            r.figures.clone(),
                        )
                    }),
            )
            .collect();
        for (target, text, figures) in texts {
            edits.push(Edit::insert(Record::TextVersion(TextVersion {
                id: TextVersionId(self.new_id(Table::TextVersions)),
                round_id: round,
                target,
                saved_at: at,
                name: name.to_string(),
                text,
                figures,
            })));
        }
        edits
    }

    /// A new round, titled `title`, that supervises again what `round` left unfinished: the
    /// same projects and bodies, and each unfinished recommendation repeated (linked to the
    /// earlier one, open again).
    pub fn follow_up_round_edits(
        &mut self,
        round: &Round,
        unfinished: &[&Recommendation],
        title: String,
    ) -> (Vec<Edit>, RoundId) {
        let id = RoundId(self.new_id(Table::Rounds));
        let new_round = Round {
            id,
            title,
            plan_ref: String::new(),
            supervising_body: round.supervising_body.clone(),
            project_ids: round.project_ids.clone(),
            start_date: None,
            end_date: None,
            subjects: round
                .subjects
                .iter()
                .map(|s| Subject {
                    id: SubjectId(self.new_id(Table::Subjects)),
                    ..s.clone()
                })
                .collect(),
            members: vec![],
            sessions: vec![],
            notes: String::new(),
            draft_status: DraftStatus::Draft,
            issued_on: None,
        };
        let mut edits = vec![Edit::insert(Record::Round(new_round))];
        for (i, r) in unfinished.iter().enumerate() {
            edits.push(Edit::insert(Record::Recommendation(Recommendation {
                figures: vec![],
                id: RecommendationId(self.new_id(Table::Recommendations)),
                round_id: id,
                text: r.text.clone(),
                addressees: r.addressees.clone(),
                area_ids: r.area_ids.clone(),
                deadline: None,
                status: RecommendationStatus::Open,
                priority: r.priority,
                position: i as i64 + 1,
                responses: vec![],
                kind: r.kind,
                amount_dong: r.amount_dong,
                repeats: Some(r.id),
            })));
        }
        (edits, id)
    }

    /// The change of one setting of a round's document (`key` names the setting, so typing in
    /// one field is one undo step); the document's settings are stored on their first change.
    /// `None` when the round is gone.
    pub fn document_change(
        &mut self,
        round: RoundId,
        kind: DocKind,
        key: &str,
        set: impl FnOnce(&mut DocumentSettings),
    ) -> Option<Change> {
        let d = self.dossier_arc();
        let r = d.rounds.iter().find(|r| r.id == round)?;
        let stored = d
            .documents
            .iter()
            .find(|x| x.round_id == round && x.kind == kind)
            .cloned();
        let mut after = match &stored {
            Some(s) => s.clone(),
            None => DocumentSettings::default_for(
                &d,
                r,
                kind,
                DocumentId(self.new_id(Table::Documents)),
            ),
        };
        set(&mut after);
        let edit = match stored {
            Some(before) => Edit::update(Record::Document(before), Record::Document(after)),
            None => Edit::insert(Record::Document(after)),
        };
        Some(
            Change::new(ChangeLabel::edit(|t| t.what_document, ""), vec![edit]).merging(format!(
                "document:{}:{}:{key}",
                round.0,
                kind.code()
            )),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_session(dir: &std::path::Path) -> Session {
        Session::create_untitled(dir, &crate::sample::lang_son()).unwrap()
    }

    #[test]
    fn a_text_keeps_a_version_when_the_user_is_done_and_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = sample_session(dir.path());
        let c = s.dossier().conclusions[0].clone();
        let target = TextTarget::Conclusion(c.id);
        let versions = |s: &Session| s.dossier().versions_of(target).len();
        let before = versions(&s);

        let typing = s.text_change(c.round_id, target, "Đang gõ", false);
        s.apply(typing).unwrap();
        assert_eq!(versions(&s), before, "no version while typing");

        let done = s.text_change(c.round_id, target, "Đã xong", true);
        s.apply(done).unwrap();
        s.seal();
        assert_eq!(versions(&s), before + 1);
        assert_eq!(
            s.dossier()
                .versions_of(target)
                .last()
                .map(|v| v.text.as_str()),
            Some("Đã xong")
        );
        let same = s.text_change(c.round_id, target, "Đã xong", true);
        s.apply(same).unwrap();
        assert_eq!(versions(&s), before + 1, "the same text is not kept twice");
        // Typing and leaving the field are one undo step.
        s.undo().unwrap();
        assert_eq!(s.dossier().conclusions[0].text, c.text);
    }

    #[test]
    fn a_document_setting_is_stored_on_its_first_change_and_typing_is_one_step() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = sample_session(dir.path());
        let round = s.dossier().rounds[0].id;
        let stored = |s: &Session| {
            s.dossier()
                .documents
                .iter()
                .find(|x| x.round_id == round && x.kind == DocKind::ThongBao)
                .cloned()
        };
        let had = stored(&s);
        for closing in ["N", "Nơi", "Nơi nhận"] {
            let change = s
                .document_change(round, DocKind::ThongBao, "closing", |x| {
                    x.closing = closing.to_string();
                })
                .unwrap();
            s.apply(change).unwrap();
        }
        assert_eq!(stored(&s).map(|x| x.closing), Some("Nơi nhận".into()));
        s.undo().unwrap();
        assert_eq!(stored(&s), had, "one undo step takes all the typing back");
        assert!(
            s.document_change(RoundId(-1), DocKind::ThongBao, "closing", |_| {})
                .is_none()
        );
    }
}
