//! Checking a pulled copy back in: its new records, numbered offline from what the copy held,
//! move to ids the server reserves for them now, so that records someone else added meanwhile
//! — or will add from a block of ids their window holds — never share their numbers.

use super::{Server, ServerError};
use crate::i18n::{Lang, Said};
use crate::model::renumber::{self, Renumbering};
use crate::model::{AttachmentId, Dossier, Record, Table};
use crate::store::ProjectFile;
use std::collections::{BTreeMap, HashMap};

/// The most ids the server reserves in one call.
const MOST_AT_ONCE: usize = 1000;

impl Server {
    /// Ids reserved on the server for `new` (records numbered in a copy), each table's above
    /// every id the server's project (`now`) and the copy (`mine`) hold: old id → new id.
    pub fn reserve_for(
        &mut self,
        project: i64,
        new: &[(Table, i64)],
        now: &Dossier,
        mine: &Dossier,
    ) -> Result<Renumbering, ServerError> {
        let mut by_table: BTreeMap<String, (Table, Vec<i64>)> = BTreeMap::new();
        for &(t, id) in new {
            by_table
                .entry(format!("{t:?}"))
                .or_insert_with(|| (t, Vec::new()))
                .1
                .push(id);
        }
        let mut map = Renumbering::new();
        for (kind, (table, mut ids)) in by_table {
            ids.sort_unstable();
            ids.dedup();
            let floor = now.next_id(table).max(mine.next_id(table));
            for chunk in ids.chunks(MOST_AT_ONCE) {
                let n = i32::try_from(chunk.len()).unwrap_or(i32::MAX);
                let first = self.reserve_ids(project, &kind, n, floor)?;
                for (at, &id) in (first..).zip(chunk) {
                    map.insert((table, id), at);
                }
            }
        }
        Ok(map)
    }
}

/// A pulled copy (`file`, holding `mine`) with its new records beyond `base` (what it holds of
/// the server's, as of `since` and later) moved to ids the server reserved for them, every
/// reference moved along; the file is written again when any moved. Records an earlier
/// check-in of this copy already put on the server (it could not finish, and the copy's mark
/// stayed behind) are found in the server's log, added exactly as the copy holds them: they
/// count as the server's — neither new nor sent again. Returns the copy, what it now holds,
/// and the base to send its differences from.
pub fn renumber_copy(
    server: &mut Server,
    project: i64,
    file: ProjectFile,
    mine: Dossier,
    base: Dossier,
    now: &Dossier,
    since: i64,
) -> Result<(ProjectFile, Dossier, Dossier), Said> {
    let is_new = |base: &Dossier| {
        let edits = base.edits_to(&mine);
        renumber::new_ids(&edits)
    };
    if is_new(&base).is_empty() {
        return Ok((file, mine, base));
    }
    let mut base = base;
    let log = server.changes_since(project, since).map_err(|e| e.said())?;
    for change in &log {
        for e in &change.edits {
            if let (None, Some(after)) = (&e.before, &e.after)
                && mine.record(after.key()).as_ref() == Some(after)
            {
                base.put(after.clone());
            }
        }
    }
    // What the server holds now exactly as the copy does is not new either.
    let mut edits = base.edits_to(&mine);
    edits.retain(|e| match (e.key(), &e.after) {
        (Some(key), Some(after)) => now.record(key).as_ref() != Some(after),
        _ => true,
    });
    let new = renumber::new_ids(&edits);
    if new.is_empty() {
        return Ok((file, mine, base));
    }
    let map = server.reserve_for(project, &new, now, &mine).map_err(|e| {
        Said::new(
            format!("không giữ được mã cho các bản ghi mới của bản sao: {e}"),
            format!(
                "ids for the copy's new records could not be reserved: {}",
                e.message(Lang::En)
            ),
        )
    })?;
    let moved = Dossier::from_records(mine.records().map(|r| renumber::renumbered(&r, &map)));
    let was: HashMap<AttachmentId, AttachmentId> = mine
        .records()
        .filter_map(|r| match r {
            Record::Attachment(a) => map
                .get(&(Table::Attachments, a.id.0))
                .map(|n| (AttachmentId(*n), a.id)),
            _ => None,
        })
        .collect();
    let path = file.path().to_path_buf();
    let file = file.rewrite_moved(&moved, &was).map_err(|e| {
        Said::new(
            format!(
                "không đổi được mã các bản ghi mới của bản sao: {e} — {}",
                path.display()
            ),
            format!(
                "the copy's new records could not be given their new ids: {e} — {}",
                path.display()
            ),
        )
    })?;
    Ok((file, moved, base))
}
