//! A change of mine the server refused because someone changed the same records first: held,
//! with every change after it, until the person chooses field by field; then made again
//! against the server's records, and the changes after it moved onto the result.

use super::team::Outgoing;
use super::*;
use crate::store::server::{Conflict, FieldConflict};

/// A change of mine the server refused because someone changed the same records first:
/// held, with every change after it, until the person chooses.
#[derive(Clone, Debug)]
pub struct HeldConflict {
    pub id: u64,
    pub label: String,
    pub records: Vec<ConflictRecord>,
}

/// One record both changed: as it was, theirs (who, when), mine, field by field.
#[derive(Clone, Debug)]
pub struct ConflictRecord {
    pub conflict: Conflict,
    pub fields: Vec<FieldConflict>,
}

impl ConflictRecord {
    /// The choice to start from: mine where only I changed a field, theirs where they did
    /// (the person looks at those and decides).
    pub fn suggested(&self) -> Choice {
        Choice {
            mine_fields: self
                .fields
                .iter()
                .filter(|f| f.was == f.theirs)
                .map(|f| f.field.clone())
                .collect(),
            mine_whole: false,
        }
    }

    /// Whether the choice is for the record as a whole: one side deleted it, or both added
    /// a record under the same number.
    pub fn whole(&self) -> bool {
        self.conflict.theirs.is_none()
            || self.conflict.mine.is_none()
            || self.conflict.expected.is_none()
    }
}

/// For each record of a held conflict, in order: the fields to take from mine (the rest stay
/// theirs), or for a whole record, whether mine is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choice {
    pub mine_fields: Vec<String>,
    pub mine_whole: bool,
}

impl Session {
    /// Settles a held conflict with the person's choices (one per record, in order): the
    /// held change is made again against the server's records, the changes after it moved
    /// onto the result, and the window shows it at once. Refused, with nothing changed, when
    /// the result would break the project (a figure for an area they deleted).
    pub fn resolve_conflict(&mut self, choices: &[Choice]) -> Result<(), ChangeError> {
        // Everything made so far goes to the link first, so that it can be moved too.
        if let Store::Writing(w) = &self.store
            && !w.wait_for_within(self.last_seq, WRITER_WAIT)
        {
            return Err(ChangeError::Server(
                "bản sao trên máy này đang bận ghi; hãy chọn lại sau giây lát".into(),
            ));
        }
        if let Some(e) = self.poll_writes() {
            return Err(ChangeError::Store(e));
        }
        let Some(t) = self.team.as_mut() else {
            return Ok(());
        };
        let Some(held) = t.conflict.clone() else {
            return Ok(());
        };
        // What each record becomes on the server.
        let mut settled: HashMap<RecordKey, Option<Record>> = HashMap::new();
        for (i, r) in held.records.iter().enumerate() {
            let choice = choices.get(i).cloned().unwrap_or_default();
            let c = &r.conflict;
            let clash = c.expected.is_none() && c.theirs.is_some();
            let chosen = if clash {
                // Two new records under one number: theirs stays (mine would replace a
                // record that is not the same one); mine is added again by the person.
                c.theirs.clone()
            } else if r.whole() {
                if choice.mine_whole {
                    c.mine.clone()
                } else {
                    c.theirs.clone()
                }
            } else {
                match (&c.theirs, &c.mine) {
                    (Some(theirs), Some(mine)) => Some(
                        crate::store::server::merge_fields(theirs, mine, &choice.mine_fields)
                            .map_err(ChangeError::Server)?,
                    ),
                    _ => c.theirs.clone(),
                }
            };
            settled.insert(c.key, chosen);
        }
        let theirs: HashMap<RecordKey, Option<Record>> = held
            .records
            .iter()
            .map(|r| (r.conflict.key, r.conflict.theirs.clone()))
            .collect();
        let clashed: HashSet<RecordKey> = held
            .records
            .iter()
            .filter(|r| r.conflict.expected.is_none() && r.conflict.theirs.is_some())
            .map(|r| r.conflict.key)
            .collect();
        // The held change against theirs, then each later change moved onto it.
        let mut current: HashMap<RecordKey, Option<Record>> = theirs.clone();
        let mut requeued = Vec::new();
        for o in t.outgoing.iter() {
            let mut edits = Vec::new();
            for e in o.edits.iter() {
                let Some(key) = e.key() else { continue };
                let Some(now) = current.get(&key).cloned() else {
                    edits.push(e.clone());
                    continue;
                };
                let after = if o.id == held.id {
                    settled.get(&key).cloned().flatten()
                } else if clashed.contains(&key) || (now.is_none() && e.before.is_some()) {
                    // Mine was a new record under their number, or they deleted the record
                    // and that stands: a later edit of it has nothing left to change.
                    continue;
                } else {
                    crate::store::server::rebase_edit(
                        e.before.as_ref(),
                        e.after.as_ref(),
                        now.as_ref(),
                    )
                };
                let moved = Edit { before: now, after };
                current.insert(key, moved.after.clone());
                if !moved.is_noop() {
                    edits.push(moved);
                }
            }
            requeued.push(Outgoing {
                id: o.id,
                label: o.label.clone(),
                edits: Arc::new(edits),
            });
        }
        // The window: each record as it will stand once these reach the server.
        let mut next = Dossier::clone(&self.dossier);
        let mut local = Vec::new();
        for (key, after) in &current {
            let here = next.record(*key);
            if &here == after {
                continue;
            }
            let e = Edit {
                before: here,
                after: after.clone(),
            };
            next.apply_edit(&e).map_err(ChangeError::Conflict)?;
            local.push(e);
        }
        let problems = next.validate_edits(&local);
        if !problems.is_empty() {
            return Err(ChangeError::Invalid(problems));
        }
        let Some(t) = self.team.as_mut() else {
            return Ok(());
        };
        t.conflict = None;
        t.outgoing = requeued.iter().cloned().collect();
        t.link.requeue(requeued);
        if !local.is_empty() {
            self.queue_local(local, Vec::new(), next);
        }
        Ok(())
    }
}
