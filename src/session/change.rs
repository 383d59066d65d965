//! One user action and the history of them: what a change is called, the edits it makes,
//! how typing in one field folds into one step, and the bounded undo and redo stacks.
//! Knows nothing of the file: the session commits each change before it is recorded here.

use crate::i18n::{Texts, fill};
use crate::model::*;
use std::collections::{HashSet, VecDeque};

/// How many steps Undo can take back. A day of typing makes thousands of changes; each step
/// keeps its records' before and after, so an unbounded history grows for as long as the
/// window is open. The oldest steps are dropped first.
pub const UNDO_LIMIT: usize = 1000;

/// What an undo step is called in the menu: "sửa số vốn Hữu Lũng 2023".
#[derive(Clone, Debug)]
pub struct ChangeLabel {
    pub verb: fn(&Texts) -> &'static str,
    pub what: fn(&Texts) -> &'static str,
    pub subject: String,
}

impl ChangeLabel {
    pub fn edit(what: fn(&Texts) -> &'static str, subject: impl Into<String>) -> ChangeLabel {
        ChangeLabel {
            verb: |t| t.act_edit,
            what,
            subject: subject.into(),
        }
    }

    pub fn add(what: fn(&Texts) -> &'static str, subject: impl Into<String>) -> ChangeLabel {
        ChangeLabel {
            verb: |t| t.act_add,
            what,
            subject: subject.into(),
        }
    }

    pub fn delete(what: fn(&Texts) -> &'static str, subject: impl Into<String>) -> ChangeLabel {
        ChangeLabel {
            verb: |t| t.act_delete,
            what,
            subject: subject.into(),
        }
    }

    pub fn render(&self, t: &Texts) -> String {
        let action = fill((self.verb)(t), &[("what", (self.what)(t))]);
        if self.subject.is_empty() {
            action
        } else {
            format!("{action} {}", self.subject)
        }
    }
}

/// One user action: its name and the edits it makes. Changes with the same `merge_key`
/// that follow each other (typing in one field) become one undo step until it is sealed.
#[derive(Clone, Debug)]
pub struct Change {
    pub label: ChangeLabel,
    pub edits: Vec<Edit>,
    pub merge_key: Option<String>,
}

impl Change {
    pub fn new(label: ChangeLabel, edits: Vec<Edit>) -> Change {
        Change {
            label,
            edits,
            merge_key: None,
        }
    }

    /// A change that merges with the previous one of the same key (typing in one field).
    pub fn merging(mut self, key: impl Into<String>) -> Change {
        self.merge_key = Some(key.into());
        self
    }

    /// One record updated.
    pub fn update(label: ChangeLabel, before: Record, after: Record) -> Change {
        Change::new(label, vec![Edit::update(before, after)])
    }

    pub(super) fn inverse(&self) -> Change {
        Change {
            label: self.label.clone(),
            edits: self.edits.iter().rev().map(Edit::inverse).collect(),
            merge_key: None,
        }
    }

    /// Folds `next` into this change: each record keeps its first `before` and takes the
    /// last `after`.
    fn absorb(&mut self, next: Change) {
        for e in next.edits {
            match self.edits.iter_mut().find(|x| x.key() == e.key()) {
                Some(existing) => existing.after = e.after,
                None => self.edits.push(e),
            }
        }
        self.edits.retain(|e| !e.is_noop());
    }
}

/// Whether an edit can never be undone: adding to a follow-up history, attaching a file's
/// bytes or removing them.
fn is_permanent(e: &Edit) -> bool {
    matches!(
        e.after,
        Some(Record::Event(_)) | Some(Record::RoundEvent(_)) | Some(Record::IssuedDocument(_))
    ) || matches!(
        (&e.before, &e.after),
        (None, Some(Record::Attachment(_))) | (Some(Record::Attachment(_)), None)
    )
}

/// The records a permanent record belongs to: they cannot be deleted while it stays.
fn anchors(r: &Record) -> Vec<RecordKey> {
    match r {
        Record::Attachment(a) => std::iter::once(RecordKey::Recommendation(a.recommendation_id))
            .chain(a.event_id.map(RecordKey::Event))
            .collect(),
        Record::Event(e) => vec![RecordKey::Recommendation(e.recommendation_id)],
        Record::RoundEvent(e) => vec![RecordKey::Round(e.round_id)],
        Record::IssuedDocument(x) => vec![RecordKey::Round(x.round_id)],
        _ => Vec::new(),
    }
}

/// Which way a step is taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Direction {
    Undo,
    Redo,
}

/// The steps that can be undone and redone, the newest last.
#[derive(Default)]
pub(super) struct UndoStack {
    undo: VecDeque<Change>,
    redo: Vec<Change>,
    sealed: bool,
}

impl UndoStack {
    /// Records a change just made: it starts a new step, or folds into the open one when it
    /// continues the same typing. Redo is gone once something new is done.
    pub(super) fn record(&mut self, change: Change) {
        self.redo.clear();
        if change.edits.iter().any(is_permanent) {
            // A follow-up history entry is kept for good, and an attached file's bytes cannot
            // come back once removed: such a change is not undone, nor are earlier steps on
            // the records it touched (their "before" is gone), nor the steps that made the
            // records it belongs to (a recommendation made in this session and then given a
            // file cannot be taken away from under it, and would block every older step).
            let keys: HashSet<RecordKey> = change.edits.iter().filter_map(Edit::key).collect();
            let anchors: HashSet<RecordKey> = change
                .edits
                .iter()
                .filter_map(|e| e.after.as_ref())
                .flat_map(anchors)
                .collect();
            self.undo.retain(|c| {
                !c.edits.iter().any(|e| {
                    e.key().is_some_and(|k| {
                        keys.contains(&k) || e.before.is_none() && anchors.contains(&k)
                    })
                })
            });
            self.sealed = true;
            return;
        }
        match self.undo.back_mut() {
            Some(top)
                if !self.sealed && top.merge_key.is_some() && top.merge_key == change.merge_key =>
            {
                top.absorb(change);
                if top.edits.is_empty() {
                    self.undo.pop_back();
                }
            }
            _ => {
                self.undo.push_back(change);
                while self.undo.len() > UNDO_LIMIT {
                    self.undo.pop_front();
                }
            }
        }
        self.sealed = false;
    }

    /// Ends the open step.
    pub(super) fn seal(&mut self) {
        self.sealed = true;
    }

    pub(super) fn undo_label(&self) -> Option<&ChangeLabel> {
        self.undo.back().map(|c| &c.label)
    }

    pub(super) fn redo_label(&self) -> Option<&ChangeLabel> {
        self.redo.last().map(|c| &c.label)
    }

    /// The step to undo or redo next, taken off its stack.
    pub(super) fn take(&mut self, way: Direction) -> Option<Change> {
        match way {
            Direction::Undo => self.undo.pop_back(),
            Direction::Redo => self.redo.pop(),
        }
    }

    /// A step that could not be taken goes back where it was.
    pub(super) fn put_back(&mut self, way: Direction, change: Change) {
        match way {
            Direction::Undo => self.undo.push_back(change),
            Direction::Redo => self.redo.push(change),
        }
    }

    /// A step taken moves to the other stack; returns its name.
    pub(super) fn done(&mut self, way: Direction, change: Change) -> ChangeLabel {
        let label = change.label.clone();
        match way {
            Direction::Undo => self.redo.push(change),
            Direction::Redo => self.undo.push_back(change),
        }
        self.sealed = true;
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The project's name changed from `from` to `to`: a change of its own each time.
    fn rename(from: &str, to: &str) -> Change {
        let mut before = Dossier::new(from).info;
        before.name = from.into();
        let mut after = before.clone();
        after.name = to.into();
        Change::update(
            ChangeLabel::edit(|t| t.what_amount, to),
            Record::Info(before),
            Record::Info(after),
        )
    }

    #[test]
    fn the_history_keeps_the_last_thousand_steps() {
        let mut u = UndoStack::default();
        for i in 0..UNDO_LIMIT + 5 {
            u.record(rename(&i.to_string(), &(i + 1).to_string()));
            u.seal();
        }
        assert_eq!(u.undo.len(), UNDO_LIMIT);
        // The newest step is undone first; the five oldest are gone.
        assert_eq!(
            u.undo_label().map(|l| l.subject.as_str()),
            Some((UNDO_LIMIT + 5).to_string().as_str())
        );
        let mut taken = 0;
        while let Some(c) = u.take(Direction::Undo) {
            u.done(Direction::Undo, c);
            taken += 1;
        }
        assert_eq!(taken, UNDO_LIMIT);
        assert_eq!(u.redo_label().map(|l| l.subject.as_str()), Some("6"));
    }

    #[test]
    fn typing_in_one_field_stays_one_step_at_the_limit() {
        let mut u = UndoStack::default();
        for i in 0..UNDO_LIMIT {
            u.record(rename(&i.to_string(), &(i + 1).to_string()));
            u.seal();
        }
        for i in 0..50 {
            u.record(rename(&format!("x{i}"), &format!("x{}", i + 1)).merging("name"));
        }
        assert_eq!(u.undo.len(), UNDO_LIMIT);
        assert_eq!(u.undo_label().map(|l| l.subject.as_str()), Some("x1"));
    }
}
