//! Records and edits: the unit in which a dossier changes. Every change the user makes is a
//! list of edits (before → after of whole records), so that it can be stored in one
//! transaction and undone by swapping before and after.

use super::*;

/// One record of a dossier, whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Info(DossierInfo),
    Program(Program),
    Project(Project),
    Area(Area),
    FundingSource(FundingSource),
    Allocation(Allocation),
    Indicator(Indicator),
    IndicatorValue(IndicatorValue),
    Round(Round),
    Conclusion(Conclusion),
    Recommendation(Recommendation),
    Phrase(Phrase),
    TextVersion(TextVersion),
    Document(DocumentSettings),
    /// An entry of a follow-up history: inserted, never updated or removed.
    Event(FollowUpEvent),
    /// What is known about an attached file (its bytes travel apart).
    Attachment(Attachment),
    /// An entry of a round's lock log: inserted, never updated or removed.
    RoundEvent(RoundEvent),
    /// A line of the map from former units to their successors.
    Succession(Succession),
    /// A document as it was issued: inserted, never updated or removed.
    IssuedDocument(IssuedDocument),
}

/// Which record: its table and id.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum RecordKey {
    Info,
    Program(ProgramId),
    Project(ProjectId),
    Area(AreaId),
    FundingSource(FundingSourceId),
    Allocation(AllocationId),
    Indicator(IndicatorId),
    IndicatorValue(IndicatorValueId),
    Round(RoundId),
    Conclusion(ConclusionId),
    Recommendation(RecommendationId),
    Phrase(PhraseId),
    TextVersion(TextVersionId),
    Document(DocumentId),
    Event(EventId),
    Attachment(AttachmentId),
    RoundEvent(RoundEventId),
    Succession(SuccessionId),
    IssuedDocument(IssuedDocumentId),
}

impl Record {
    pub fn key(&self) -> RecordKey {
        match self {
            Record::Info(_) => RecordKey::Info,
            Record::Program(x) => RecordKey::Program(x.id),
            Record::Project(x) => RecordKey::Project(x.id),
            Record::Area(x) => RecordKey::Area(x.id),
            Record::FundingSource(x) => RecordKey::FundingSource(x.id),
            Record::Allocation(x) => RecordKey::Allocation(x.id),
            Record::Indicator(x) => RecordKey::Indicator(x.id),
            Record::IndicatorValue(x) => RecordKey::IndicatorValue(x.id),
            Record::Round(x) => RecordKey::Round(x.id),
            Record::Conclusion(x) => RecordKey::Conclusion(x.id),
            Record::Recommendation(x) => RecordKey::Recommendation(x.id),
            Record::Phrase(x) => RecordKey::Phrase(x.id),
            Record::TextVersion(x) => RecordKey::TextVersion(x.id),
            Record::Document(x) => RecordKey::Document(x.id),
            Record::Event(x) => RecordKey::Event(x.id),
            Record::Attachment(x) => RecordKey::Attachment(x.id),
            Record::RoundEvent(x) => RecordKey::RoundEvent(x.id),
            Record::Succession(x) => RecordKey::Succession(x.id),
            Record::IssuedDocument(x) => RecordKey::IssuedDocument(x.id),
        }
    }
}

/// One record going from `before` to `after`: an insert (no before), a delete (no after) or
/// an update (both, with the same key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub before: Option<Record>,
    pub after: Option<Record>,
}

impl Edit {
    pub fn insert(r: Record) -> Edit {
        Edit {
            before: None,
            after: Some(r),
        }
    }

    pub fn delete(r: Record) -> Edit {
        Edit {
            before: Some(r),
            after: None,
        }
    }

    pub fn update(before: Record, after: Record) -> Edit {
        Edit {
            before: Some(before),
            after: Some(after),
        }
    }

    pub fn key(&self) -> Option<RecordKey> {
        self.after
            .as_ref()
            .or(self.before.as_ref())
            .map(Record::key)
    }

    pub fn inverse(&self) -> Edit {
        Edit {
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }

    pub fn is_noop(&self) -> bool {
        self.before == self.after
    }
}

/// The dossier does not hold what an edit expected to find: the edit was made against
/// another state (a bug, or two writers).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("bản ghi {0:?} không còn như lúc sửa")]
pub struct EditConflict(pub RecordKey);

/// Replaces the element with `id` or inserts it keeping `list` ordered by `order`.
fn put_ordered<T, I: PartialEq, O: Ord>(
    list: &mut Vec<T>,
    item: T,
    id: impl Fn(&T) -> I,
    order: impl Fn(&T) -> O,
) {
    if let Some(slot) = list.iter_mut().find(|x| id(x) == id(&item)) {
        *slot = item;
        return;
    }
    let key = order(&item);
    let at = list.partition_point(|x| order(x) <= key);
    list.insert(at, item);
}

fn remove_by<T, I: PartialEq>(list: &mut Vec<T>, want: I, id: impl Fn(&T) -> I) {
    list.retain(|x| id(x) != want);
}

impl Dossier {
    /// The record with `key`, if the dossier has it.
    pub fn record(&self, key: RecordKey) -> Option<Record> {
        Some(match key {
            RecordKey::Info => Record::Info(self.info.clone()),
            RecordKey::Program(id) => {
                Record::Program(self.programs.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Project(id) => {
                Record::Project(self.projects.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Area(id) => Record::Area(self.areas.iter().find(|x| x.id == id)?.clone()),
            RecordKey::FundingSource(id) => {
                Record::FundingSource(self.funding_sources.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Allocation(id) => {
                Record::Allocation(self.allocations.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Indicator(id) => {
                Record::Indicator(self.indicators.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::IndicatorValue(id) => {
                Record::IndicatorValue(self.indicator_values.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Round(id) => Record::Round(self.rounds.iter().find(|x| x.id == id)?.clone()),
            RecordKey::Conclusion(id) => {
                Record::Conclusion(self.conclusions.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Recommendation(id) => {
                Record::Recommendation(self.recommendations.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Phrase(id) => {
                Record::Phrase(self.phrases.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::TextVersion(id) => {
                Record::TextVersion(self.text_versions.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Document(id) => {
                Record::Document(self.documents.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Event(id) => Record::Event(self.events.iter().find(|x| x.id == id)?.clone()),
            RecordKey::Attachment(id) => {
                Record::Attachment(self.attachments.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::RoundEvent(id) => {
                Record::RoundEvent(self.round_events.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::Succession(id) => {
                Record::Succession(self.successions.iter().find(|x| x.id == id)?.clone())
            }
            RecordKey::IssuedDocument(id) => {
                Record::IssuedDocument(self.issued_documents.iter().find(|x| x.id == id)?.clone())
            }
        })
    }

    /// Stores `record`, replacing the one with its key. New records go where loading the file
    /// would put them, so the in-memory order always matches the file's.
    pub fn put(&mut self, record: Record) {
        match record {
            Record::Info(x) => self.info = x,
            Record::Program(x) => put_ordered(&mut self.programs, x, |x| x.id, |x| x.id),
            Record::Project(x) => put_ordered(&mut self.projects, x, |x| x.id, |x| x.id),
            Record::Area(x) => put_ordered(&mut self.areas, x, |x| x.id, |x| x.id),
            Record::FundingSource(x) => {
                put_ordered(&mut self.funding_sources, x, |x| x.id, |x| x.id)
            }
            Record::Allocation(x) => put_ordered(&mut self.allocations, x, |x| x.id, |x| x.id),
            Record::Indicator(x) => put_ordered(&mut self.indicators, x, |x| x.id, |x| x.id),
            Record::IndicatorValue(x) => {
                put_ordered(&mut self.indicator_values, x, |x| x.id, |x| x.id)
            }
            Record::Round(x) => put_ordered(&mut self.rounds, x, |x| x.id, |x| x.id),
            Record::Conclusion(x) => put_ordered(
                &mut self.conclusions,
                x,
                |x| x.id,
                |x| (x.round_id, x.position, x.id),
            ),
            Record::Recommendation(x) => put_ordered(
                &mut self.recommendations,
                x,
                |x| x.id,
                |x| (x.round_id, x.position, x.id),
            ),
            Record::Phrase(x) => {
                put_ordered(&mut self.phrases, x, |x| x.id, |x| (x.position, x.id))
            }
            Record::TextVersion(x) => put_ordered(&mut self.text_versions, x, |x| x.id, |x| x.id),
            Record::Document(x) => put_ordered(&mut self.documents, x, |x| x.id, |x| x.id),
            Record::Event(x) => put_ordered(&mut self.events, x, |x| x.id, |x| x.id),
            Record::Attachment(x) => put_ordered(&mut self.attachments, x, |x| x.id, |x| x.id),
            Record::RoundEvent(x) => put_ordered(&mut self.round_events, x, |x| x.id, |x| x.id),
            Record::Succession(x) => put_ordered(&mut self.successions, x, |x| x.id, |x| x.id),
            Record::IssuedDocument(x) => {
                put_ordered(&mut self.issued_documents, x, |x| x.id, |x| x.id)
            }
        }
    }

    /// Every record, the info first, each list in its order (the order a file is written in
    /// and loading puts back).
    pub fn records(&self) -> impl Iterator<Item = Record> + '_ {
        let d = self;
        std::iter::once(Record::Info(d.info.clone()))
            .chain(d.programs.iter().cloned().map(Record::Program))
            .chain(d.projects.iter().cloned().map(Record::Project))
            .chain(d.areas.iter().cloned().map(Record::Area))
            .chain(d.funding_sources.iter().cloned().map(Record::FundingSource))
            .chain(d.allocations.iter().cloned().map(Record::Allocation))
            .chain(d.indicators.iter().cloned().map(Record::Indicator))
            .chain(
                d.indicator_values
                    .iter()
                    .cloned()
                    .map(Record::IndicatorValue),
            )
            .chain(d.rounds.iter().cloned().map(Record::Round))
            .chain(d.conclusions.iter().cloned().map(Record::Conclusion))
            .chain(
                d.recommendations
                    .iter()
                    .cloned()
                    .map(Record::Recommendation),
            )
            .chain(d.phrases.iter().cloned().map(Record::Phrase))
            .chain(d.text_versions.iter().cloned().map(Record::TextVersion))
            .chain(d.documents.iter().cloned().map(Record::Document))
            .chain(d.events.iter().cloned().map(Record::Event))
            .chain(d.attachments.iter().cloned().map(Record::Attachment))
            .chain(d.round_events.iter().cloned().map(Record::RoundEvent))
            .chain(d.successions.iter().cloned().map(Record::Succession))
            .chain(
                d.issued_documents
                    .iter()
                    .cloned()
                    .map(Record::IssuedDocument),
            )
    }

    /// The edits that turn `self` into `edited`: one per record added, changed or removed
    /// (how a copy worked on elsewhere is written back). Additions and changes first, removals
    /// last.
    pub fn edits_to(&self, edited: &Dossier) -> Vec<Edit> {
        use std::collections::BTreeMap;
        let before: BTreeMap<RecordKey, Record> = self.records().map(|r| (r.key(), r)).collect();
        let mut after: BTreeMap<RecordKey, Record> =
            edited.records().map(|r| (r.key(), r)).collect();
        let mut edits = Vec::new();
        let mut removed = Vec::new();
        for (key, b) in before {
            match after.remove(&key) {
                Some(a) if a == b => {}
                Some(a) => edits.push(Edit::update(b, a)),
                None => removed.push(Edit::delete(b)),
            }
        }
        edits.extend(after.into_values().map(Edit::insert));
        edits.extend(removed);
        edits
    }

    /// A dossier made of `records` in any order (a server's rows), each list in the order
    /// [`Dossier::put`] keeps; one pass and a sort, where putting them one by one would search
    /// each list for every record.
    pub fn from_records(records: impl IntoIterator<Item = Record>) -> Dossier {
        let mut d = Dossier::new("");
        for r in records {
            match r {
                Record::Info(x) => d.info = x,
                Record::Program(x) => d.programs.push(x),
                Record::Project(x) => d.projects.push(x),
                Record::Area(x) => d.areas.push(x),
                Record::FundingSource(x) => d.funding_sources.push(x),
                Record::Allocation(x) => d.allocations.push(x),
                Record::Indicator(x) => d.indicators.push(x),
                Record::IndicatorValue(x) => d.indicator_values.push(x),
                Record::Round(x) => d.rounds.push(x),
                Record::Conclusion(x) => d.conclusions.push(x),
                Record::Recommendation(x) => d.recommendations.push(x),
                Record::Phrase(x) => d.phrases.push(x),
                Record::TextVersion(x) => d.text_versions.push(x),
                Record::Document(x) => d.documents.push(x),
                Record::Event(x) => d.events.push(x),
                Record::Attachment(x) => d.attachments.push(x),
                Record::RoundEvent(x) => d.round_events.push(x),
                Record::Succession(x) => d.successions.push(x),
                Record::IssuedDocument(x) => d.issued_documents.push(x),
            }
        }
        d.programs.sort_by_key(|x| x.id);
        d.projects.sort_by_key(|x| x.id);
        d.areas.sort_by_key(|x| x.id);
        d.funding_sources.sort_by_key(|x| x.id);
        d.allocations.sort_by_key(|x| x.id);
        d.indicators.sort_by_key(|x| x.id);
        d.indicator_values.sort_by_key(|x| x.id);
        d.rounds.sort_by_key(|x| x.id);
        d.conclusions
            .sort_by_key(|x| (x.round_id, x.position, x.id));
        d.recommendations
            .sort_by_key(|x| (x.round_id, x.position, x.id));
        d.phrases.sort_by_key(|x| (x.position, x.id));
        d.text_versions.sort_by_key(|x| x.id);
        d.documents.sort_by_key(|x| x.id);
        d.events.sort_by_key(|x| x.id);
        d.attachments.sort_by_key(|x| x.id);
        d.round_events.sort_by_key(|x| x.id);
        d.successions.sort_by_key(|x| x.id);
        d.issued_documents.sort_by_key(|x| x.id);
        d
    }

    /// Removes the record with `key` (the dossier's info cannot be removed).
    pub fn remove(&mut self, key: RecordKey) {
        match key {
            RecordKey::Info => {}
            RecordKey::Program(id) => remove_by(&mut self.programs, id, |x| x.id),
            RecordKey::Project(id) => remove_by(&mut self.projects, id, |x| x.id),
            RecordKey::Area(id) => remove_by(&mut self.areas, id, |x| x.id),
            RecordKey::FundingSource(id) => remove_by(&mut self.funding_sources, id, |x| x.id),
            RecordKey::Allocation(id) => remove_by(&mut self.allocations, id, |x| x.id),
            RecordKey::Indicator(id) => remove_by(&mut self.indicators, id, |x| x.id),
            RecordKey::IndicatorValue(id) => remove_by(&mut self.indicator_values, id, |x| x.id),
            RecordKey::Round(id) => remove_by(&mut self.rounds, id, |x| x.id),
            RecordKey::Conclusion(id) => remove_by(&mut self.conclusions, id, |x| x.id),
            RecordKey::Recommendation(id) => remove_by(&mut self.recommendations, id, |x| x.id),
            RecordKey::Phrase(id) => remove_by(&mut self.phrases, id, |x| x.id),
            RecordKey::TextVersion(id) => remove_by(&mut self.text_versions, id, |x| x.id),
            RecordKey::Document(id) => remove_by(&mut self.documents, id, |x| x.id),
            RecordKey::Event(id) => remove_by(&mut self.events, id, |x| x.id),
            RecordKey::Attachment(id) => remove_by(&mut self.attachments, id, |x| x.id),
            RecordKey::RoundEvent(id) => remove_by(&mut self.round_events, id, |x| x.id),
            RecordKey::Succession(id) => remove_by(&mut self.successions, id, |x| x.id),
            RecordKey::IssuedDocument(id) => remove_by(&mut self.issued_documents, id, |x| x.id),
        }
    }

    /// Applies one edit after checking the dossier holds what the edit expected.
    pub fn apply_edit(&mut self, edit: &Edit) -> Result<(), EditConflict> {
        let Some(key) = edit.key() else {
            return Ok(());
        };
        if self.record(key) != edit.before {
            return Err(EditConflict(key));
        }
        match &edit.after {
            Some(r) => self.put(r.clone()),
            None => self.remove(key),
        }
        Ok(())
    }

    /// The next id above every id in the data for a new record of a table. The session also
    /// keeps above every id the file ever gave out (`ProjectFile::issued_ids`).
    pub fn next_id(&self, table: Table) -> i64 {
        let max = match table {
            Table::Programs => self.programs.iter().map(|x| x.id.0).max(),
            Table::Projects => self.projects.iter().map(|x| x.id.0).max(),
            Table::Areas => self.areas.iter().map(|x| x.id.0).max(),
            Table::FundingSources => self.funding_sources.iter().map(|x| x.id.0).max(),
            Table::Allocations => self.allocations.iter().map(|x| x.id.0).max(),
            Table::Indicators => self.indicators.iter().map(|x| x.id.0).max(),
            Table::IndicatorValues => self.indicator_values.iter().map(|x| x.id.0).max(),
            Table::Rounds => self.rounds.iter().map(|x| x.id.0).max(),
            Table::Subjects => self
                .rounds
                .iter()
                .flat_map(|r| r.subjects.iter().map(|x| x.id.0))
                .max(),
            Table::Members => self
                .rounds
                .iter()
                .flat_map(|r| r.members.iter().map(|x| x.id.0))
                .max(),
            Table::Sessions => self
                .rounds
                .iter()
                .flat_map(|r| r.sessions.iter().map(|x| x.id.0))
                .max(),
            // A text's history outlives the text: ids its versions still name are taken, or
            // a new text would inherit a deleted one's history (a project imported from JSON
            // has no other memory of them).
            Table::Conclusions => self
                .conclusions
                .iter()
                .map(|x| x.id.0)
                .chain(self.text_versions.iter().filter_map(|v| match v.target {
                    TextTarget::Conclusion(id) => Some(id.0),
                    TextTarget::Recommendation(_) => None,
                }))
                .max(),
            Table::Recommendations => self
                .recommendations
                .iter()
                .map(|x| x.id.0)
                .chain(self.text_versions.iter().filter_map(|v| match v.target {
                    TextTarget::Recommendation(id) => Some(id.0),
                    TextTarget::Conclusion(_) => None,
                }))
                .max(),
            Table::Responses => self
                .recommendations
                .iter()
                .flat_map(|r| r.responses.iter().map(|x| x.id.0))
                .max(),
            Table::Phrases => self.phrases.iter().map(|x| x.id.0).max(),
            Table::TextVersions => self.text_versions.iter().map(|x| x.id.0).max(),
            Table::Documents => self.documents.iter().map(|x| x.id.0).max(),
            Table::Events => self.events.iter().map(|x| x.id.0).max(),
            Table::Attachments => self.attachments.iter().map(|x| x.id.0).max(),
            Table::RoundEvents => self.round_events.iter().map(|x| x.id.0).max(),
            Table::Successions => self.successions.iter().map(|x| x.id.0).max(),
            Table::IssuedDocuments => self.issued_documents.iter().map(|x| x.id.0).max(),
        };
        max.unwrap_or(0).saturating_add(1)
    }
}

/// The tables whose records get ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    Programs,
    Projects,
    Areas,
    FundingSources,
    Allocations,
    Indicators,
    IndicatorValues,
    Rounds,
    Subjects,
    Members,
    Sessions,
    Conclusions,
    Recommendations,
    Responses,
    Phrases,
    TextVersions,
    Documents,
    Events,
    Attachments,
    RoundEvents,
    Successions,
    IssuedDocuments,
}

impl Table {
    pub const ALL: [Table; 22] = [
        Table::Programs,
        Table::Projects,
        Table::Areas,
        Table::FundingSources,
        Table::Allocations,
        Table::Indicators,
        Table::IndicatorValues,
        Table::Rounds,
        Table::Subjects,
        Table::Members,
        Table::Sessions,
        Table::Conclusions,
        Table::Recommendations,
        Table::Responses,
        Table::Phrases,
        Table::TextVersions,
        Table::Documents,
        Table::Events,
        Table::Attachments,
        Table::RoundEvents,
        Table::Successions,
        Table::IssuedDocuments,
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn edits_apply_and_invert() {
        let original = sample::lang_son();
        let mut d = original.clone();
        let before = Record::Allocation(d.allocations[1].clone());
        let mut changed = d.allocations[1].clone();
        changed.amount_dong = Amount::Unknown;
        let edit = Edit::update(before, Record::Allocation(changed));
        d.apply_edit(&edit).unwrap();
        assert_eq!(d.allocations[1].amount_dong, Amount::Unknown);
        // Applying it again is a conflict: the record is no longer as the edit expected.
        assert!(d.apply_edit(&edit).is_err());
        d.apply_edit(&edit.inverse()).unwrap();
        assert_eq!(d, original);
    }

    #[test]
    fn the_edits_between_two_states_lead_from_one_to_the_other() {
        let base = crate::sample::lang_son();
        let mut edited = base.clone();
        edited.info.notes = "ghi chú mới".into();
        edited.allocations[0].amount_dong =
            crate::model::Amount::Known(crate::model::Dong::from_trieu(470).unwrap());
        let gone = edited.phrases.remove(1).id;
        let mut added = edited.areas[0].clone();
        added.id = AreaId(edited.next_id(Table::Areas));
        edited.put(Record::Area(added.clone()));
        let edits = base.edits_to(&edited);
        assert_eq!(edits.len(), 4, "{edits:#?}");
        assert!(
            edits
                .last()
                .is_some_and(|e| e.key() == Some(RecordKey::Phrase(gone)))
        );
        let mut d = base.clone();
        for e in &edits {
            d.apply_edit(e).unwrap();
        }
        assert_eq!(d, edited);
        assert!(edited.edits_to(&edited).is_empty());
    }

    #[test]
    fn a_deleted_record_comes_back_in_its_place() {
        let original = sample::lang_son();
        let mut d = original.clone();
        let del = Edit::delete(Record::Allocation(d.allocations[1].clone()));
        d.apply_edit(&del).unwrap();
        assert_eq!(d.allocations.len(), 3);
        d.apply_edit(&del.inverse()).unwrap();
        assert_eq!(d, original);
        let del = Edit::delete(Record::Recommendation(d.recommendations[0].clone()));
        d.apply_edit(&del).unwrap();
        d.apply_edit(&del.inverse()).unwrap();
        assert_eq!(d, original);
    }

    #[test]
    fn a_deleted_texts_history_keeps_its_id_taken() {
        let mut d = sample::lang_son();
        let gone = d.next_id(Table::Conclusions) + 3;
        d.text_versions.push(TextVersion {
            figures: vec![],
            id: TextVersionId(d.next_id(Table::TextVersions)),
            round_id: RoundId(1),
            target: TextTarget::Conclusion(ConclusionId(gone)),
            saved_at: chrono::NaiveDate::from_ymd_opt(2023, 6, 22)
                .and_then(|d| d.and_hms_opt(9, 0, 0))
                .unwrap(),
            name: String::new(),
            text: "Bản cũ của một kết luận đã xóa.".into(),
        });
        assert_eq!(d.next_id(Table::Conclusions), gone + 1);
    }

    #[test]
    fn next_ids_follow_the_largest() {
        let d = sample::lang_son();
        assert_eq!(d.next_id(Table::Allocations), 5);
        assert_eq!(d.next_id(Table::Members), 8);
        assert_eq!(d.next_id(Table::Responses), 1);
    }
}
