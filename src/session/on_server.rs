//! A session on a project on a team server (see [`team`](super::team); opening it is in
//! [`open_server`](super::open_server)): taking in others' changes, holding a change that met
//! a conflict until the person chooses, and saying how the link stands.

use super::conflict::{ConflictRecord, HeldConflict};
use super::team::{Incoming, Link, LinkState, Outgoing};
use super::*;
use crate::i18n::Said;
use crate::store::ServerOrigin;

/// The team server's side of a session.
pub(super) struct Team {
    pub(super) link: Link,
    /// The project's address as shown (no password).
    pub(super) address: String,
    pub(super) user: String,
    /// Sent to the link and not yet known to be on the server, oldest first.
    pub(super) outgoing: VecDeque<Outgoing>,
    pub(super) state: LinkState,
    pub(super) conflict: Option<HeldConflict>,
    pub(super) last_remote: Option<RemoteNote>,
    /// How many of others' changes came in since the project was opened.
    pub(super) received: u64,
    /// Changes the server acknowledged before the window took in that they were written.
    pub(super) acked_early: HashSet<u64>,
    /// The record this window has open in an editor, as last told to the link.
    pub(super) editing_here: Option<RecordKey>,
    /// Who else has which record open in an editor.
    pub(super) others: Vec<crate::store::server::Editing>,
    /// Where the copy's mark points: the database (without password) and the project.
    pub(super) database: String,
    pub(super) project: i64,
    /// The last change the link has brought the copy up to.
    pub(super) through: i64,
    /// Others' changes to records with changes of mine on their way were left out: until mine
    /// are settled with the server (sent, or chosen in a conflict), the copy's mark keeps
    /// each such record before the first of them, so that a copy closed meanwhile sends mine
    /// again against theirs — as a conflict — and never over them.
    pub(super) hold: HashMap<RecordKey, i64>,
    /// What the copy held when opened, beyond the change the link starts from: every record
    /// as of `through` but the `held` ones, each as of its own change. Others' changes the
    /// copy holds already are not taken in again while the link catches up past them.
    pub(super) resumed: Option<Resumed>,
    /// The mark last written to the copy.
    pub(super) marked: Option<ServerOrigin>,
    /// Ids reserved on the server for new records made here, by table: next and end.
    /// Ids reserved on the server for new records made here, by table: blocks of next and
    /// end, the one in use first.
    pub(super) pools: HashMap<Table, VecDeque<(i64, i64)>>,
    /// Ids handed out by this window (a block never hands one out twice).
    pub(super) used: HashSet<(Table, i64)>,
    /// Tables whose next block is asked for and not yet here.
    pub(super) asked: HashSet<Table>,
}

/// What a copy held when it was opened (see `Team::resumed`).
#[derive(Clone, Debug)]
pub(super) struct Resumed {
    pub(super) through: i64,
    pub(super) held: HashMap<RecordKey, i64>,
}

/// Someone else's last change, for the quiet line in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemoteNote {
    pub by: String,
    pub label: String,
    pub at: chrono::DateTime<chrono::Utc>,
}

/// How the project on the server stands, for the status bar and the banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamStatus {
    pub address: String,
    pub user: String,
    pub state: LinkState,
    /// Changes made here and not yet on the server (kept in this computer's copy).
    pub waiting: usize,
    pub last_remote: Option<RemoteNote>,
    pub received: u64,
}

/// The folder of the copies of server projects in the data folder.
pub fn server_copies_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("may-chu")
}

impl Session {
    /// How the project on the server stands; `None` for a file.
    pub fn team_status(&self) -> Option<TeamStatus> {
        let t = self.team.as_ref()?;
        Some(TeamStatus {
            address: t.address.clone(),
            user: t.user.clone(),
            state: t.state.clone(),
            waiting: t.outgoing.len() + self.unwritten.iter().filter(|u| u.label.is_some()).count(),
            last_remote: t.last_remote.clone(),
            received: t.received,
        })
    }

    /// The server project this file was pulled from, when it is a file opened as a file
    /// (File → Check in offers to send what it holds back).
    pub fn pulled_from(&self) -> Option<&ServerOrigin> {
        self.pulled_from.as_ref()
    }

    /// How many records the copy held beyond the server when the project was opened from
    /// it (sent first, through the version checks).
    pub fn differed_at_open(&self) -> usize {
        self.team
            .as_ref()
            .and_then(|t| t.outgoing.iter().find(|o| o.id == 0))
            .map_or(0, |o| o.edits.len())
    }

    /// The copy an earlier run left that could not be resumed, set aside, and why (taken).
    pub fn take_set_aside(&mut self) -> Option<(PathBuf, Said)> {
        self.set_aside.take()
    }

    /// A change of mine held by a conflict, until resolved.
    pub fn held_conflict(&self) -> Option<&HeldConflict> {
        self.team.as_ref()?.conflict.as_ref()
    }

    /// Says which record this window has open in an editor (text being typed in), so that
    /// others see it; the app calls it every frame, the link hears only of a difference.
    pub fn set_editing(&mut self, key: Option<RecordKey>) {
        let key = key.filter(|_| self.read_only.is_none());
        let Some(t) = self.team.as_mut() else {
            return;
        };
        if t.editing_here == key {
            return;
        }
        t.editing_here = key;
        t.link.editing(key.map(|k| {
            let (kind, id) = crate::store::server::key_parts(k);
            (kind.to_string(), id)
        }));
    }

    /// Who else has `key` open in an editor now (their login), if anyone.
    pub fn edited_by_other(&self, key: RecordKey) -> Option<&str> {
        let t = self.team.as_ref()?;
        let (kind, id) = crate::store::server::key_parts(key);
        t.others
            .iter()
            .find(|e| e.kind == kind && e.id == id)
            .map(|e| e.person.as_str())
    }

    /// Asks the link to try the server again now (the banner's Retry).
    pub fn retry_server(&self) {
        if let Some(t) = &self.team {
            t.link.poke();
        }
    }

    /// Tests cut the link to the server (`true`) and let it come back (`false`).
    #[doc(hidden)]
    pub fn cut_server_for_tests(&self, cut: bool) {
        if let Some(t) = &self.team {
            t.link.cut_for_tests(cut);
        }
    }

    /// A change now in the copy, which the writer handed on to the link: counted as on its
    /// way until the server has it (it may have already).
    pub(super) fn forward(&mut self, u: &Unwritten) {
        let (Some(t), Some(label)) = (self.team.as_mut(), &u.label) else {
            return;
        };
        if t.acked_early.remove(&u.seq) {
            return;
        }
        t.outgoing.push_back(Outgoing {
            id: u.seq,
            label: label.clone(),
            edits: Arc::clone(&u.edits),
        });
    }

    /// Asks the server for blocks of ids for these tables, above every id this window knows.
    pub(super) fn ask_for_ids(&mut self, tables: &[Table]) {
        let floors: Vec<(Table, i64)> = tables
            .iter()
            .map(|&table| {
                let issued = self.issued_ids.get(&table).copied().unwrap_or(0);
                (table, self.dossier.next_id(table).max(issued + 1))
            })
            .collect();
        let Some(t) = self.team.as_mut() else {
            return;
        };
        let asked: Vec<(String, i64)> = floors
            .into_iter()
            .filter(|(table, _)| t.asked.insert(*table))
            .map(|(table, floor)| (format!("{table:?}"), floor))
            .collect();
        if !asked.is_empty() {
            t.link.reserve(asked);
        }
    }

    /// An id for a new record from the blocks the server reserved for this window, when one
    /// is left; the next block is asked for well before these run out (an import numbers
    /// many records in one go, before the next block can arrive).
    pub(super) fn reserved_id(&mut self, table: Table) -> Option<i64> {
        let t = self.team.as_mut()?;
        let blocks = t.pools.get_mut(&table)?;
        let mut id = None;
        while let Some((next, end)) = blocks.front_mut() {
            while *next < *end && t.used.contains(&(table, *next)) {
                *next += 1;
            }
            if *next < *end {
                id = Some(*next);
                *next += 1;
                break;
            }
            blocks.pop_front();
        }
        let left: i64 = blocks.iter().map(|(n, e)| e - n).sum();
        if let Some(id) = id {
            t.used.insert((table, id));
        }
        if left < super::team::ID_BLOCK / 2 && !t.asked.contains(&table) {
            self.ask_for_ids(&[table]);
        }
        id
    }

    /// An id numbered here: a block that arrives later does not hand it out again.
    pub(super) fn note_used(&mut self, table: Table, id: i64) {
        if let Some(t) = self.team.as_mut() {
            t.used.insert((table, id));
        }
    }

    /// The server change the copy's mark is at, as last written (tests wait for it).
    #[doc(hidden)]
    pub fn copy_mark(&self) -> Option<i64> {
        self.team
            .as_ref()
            .and_then(|t| t.marked.as_ref())
            .map(|m| m.through)
    }

    /// Whether blocks of ids for new records have come from the server (tests wait for it).
    #[doc(hidden)]
    pub fn has_reserved_ids(&self) -> bool {
        self.team.as_ref().is_some_and(|t| !t.pools.is_empty())
    }

    /// A change put in the copy by something other than its writer (a Retry): counted and
    /// sent on to the server as the writer would.
    pub(super) fn forward_written_elsewhere(&mut self, u: &Unwritten) {
        self.forward(u);
        if let (Some(t), Some(label)) = (self.team.as_ref(), &u.label) {
            (t.link.forwarder())(u.seq, label, &u.edits);
        }
    }

    /// Takes in what the link said: changes now on the server, others' changes (shown at once
    /// and written to the copy), a conflict, a refusal, how the connection stands. Returns
    /// the message of a refusal, once. Never waits.
    pub fn poll_team(&mut self) -> Option<Said> {
        let inbox = self.team.as_ref()?.link.take();
        let t = self.team.as_mut()?;
        if let Some(state) = inbox.state {
            t.state = state;
        }
        if let Some(others) = inbox.editing {
            t.others = others;
        }
        for (name, first, n) in inbox.reserved {
            if let Some(table) = Table::ALL.into_iter().find(|x| format!("{x:?}") == name) {
                t.asked.remove(&table);
                t.pools
                    .entry(table)
                    .or_default()
                    .push_back((first, first.saturating_add(n)));
            }
        }
        for id in inbox.acked {
            match t.outgoing.iter().position(|o| o.id == id) {
                Some(i) => {
                    t.outgoing.remove(i);
                }
                // On the server before this window took in that it was written.
                None => {
                    t.acked_early.insert(id);
                }
            }
        }
        if let Some((id, conflicts)) = inbox.conflict {
            let label = t
                .outgoing
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.label.clone())
                .unwrap_or_default();
            let records = conflicts
                .into_iter()
                .map(|c| ConflictRecord {
                    fields: crate::store::server::field_conflicts(
                        c.expected.as_ref(),
                        c.theirs.as_ref(),
                        c.mine.as_ref(),
                    ),
                    conflict: c,
                })
                .collect();
            t.conflict = Some(HeldConflict { id, label, records });
        }
        let mut said = None;
        if let Some((_, e)) = inbox.refused {
            let msg = e.said();
            self.read_only = Some(ReadOnlyReason::ServerRefused(msg.clone()));
            said = Some(msg);
        }
        for incoming in inbox.remote {
            self.take_remote(incoming);
        }
        if let Some(seq) = inbox.through
            && let Some(t) = self.team.as_mut()
        {
            t.through = t.through.max(seq);
        }
        self.mark_copy();
        said
    }

    /// Moves the copy's mark to the last change it holds everything up to — or, while others'
    /// changes wait on mine (see `Team::hold`), to just before the first of them.
    fn mark_copy(&mut self) {
        // Called every frame: the keys of my pending changes are gathered only while a hold
        // waits on them.
        let holding = self.team.as_ref().is_some_and(|t| !t.hold.is_empty());
        let pending = if holding {
            self.pending_keys()
        } else {
            HashSet::new()
        };
        let Some(t) = self.team.as_mut() else {
            return;
        };
        if holding && t.conflict.is_none() {
            // A record whose changes of mine are on the server (or were settled there): the
            // copy holds theirs now.
            t.hold.retain(|k, _| pending.contains(k));
        }
        if t.resumed.as_ref().is_some_and(|r| t.through >= r.through) {
            t.resumed = None;
        }
        // Each record as of the last change the copy holds of it: the held ones as of theirs
        // (a record the link has caught up with since counts from there), the rest as of
        // `through` (see `Server::copy_base`).
        let through = t
            .resumed
            .as_ref()
            .map_or(t.through, |r| r.through.max(t.through));
        let mut held: HashMap<RecordKey, i64> = HashMap::new();
        if let Some(r) = &t.resumed {
            for (k, s) in &r.held {
                held.insert(*k, (*s).max(t.through));
            }
        }
        for (k, s) in &t.hold {
            let e = held.entry(*k).or_insert(*s);
            *e = (*e).min(*s);
        }
        held.retain(|_, s| *s < through);
        let mut held: Vec<(RecordKey, i64)> = held.into_iter().collect();
        held.sort();
        let seq = held.iter().map(|(_, s)| *s).min().unwrap_or(through);
        let origin = ServerOrigin {
            address: t.database.clone(),
            project: t.project,
            seq,
            through,
            held,
        };
        if t.marked.as_ref() == Some(&origin) {
            return;
        }
        // After the writes queued before it: the copy's mark never runs ahead of them.
        if let Store::Writing(w) = &self.store {
            t.marked = Some(origin.clone());
            // Never after a write that failed: the mark would claim what the copy lacks.
            w.call_while_writing(move |f| {
                let _ = f.set_server_origin(&origin);
            });
        }
    }

    /// The keys of records with changes of mine not yet on the server (others' changes
    /// queued for the copy are not mine).
    fn pending_keys(&self) -> HashSet<RecordKey> {
        let mut keys = HashSet::new();
        if let Some(t) = &self.team {
            for o in &t.outgoing {
                keys.extend(o.edits.iter().filter_map(Edit::key));
            }
        }
        for u in self.unwritten.iter().filter(|u| u.label.is_some()) {
            keys.extend(u.edits.iter().filter_map(Edit::key));
        }
        keys
    }

    /// Someone else's change: shown at once and written to the copy, except records with
    /// changes of mine on their way (the server checks those against theirs).
    fn take_remote(&mut self, incoming: Incoming) {
        let Incoming {
            change,
            contents,
            gone,
        } = incoming;
        let pending = self.pending_keys();
        let mut next = Dossier::clone(&self.dossier);
        let mut edits = Vec::new();
        let resumed = self.team.as_ref().and_then(|t| t.resumed.clone());
        // A change the copy held already when opened is neither taken in again nor told.
        let known = resumed.as_ref().is_some_and(|r| change.seq <= r.through);
        for e in &change.edits {
            let Some(key) = e.key() else { continue };
            if let Some(r) = &resumed
                && change.seq <= r.held.get(&key).copied().unwrap_or(r.through)
            {
                continue;
            }
            if let Some(Record::Attachment(a)) = &e.after
                && e.before.is_none()
                && gone.contains(&a.id)
            {
                continue;
            }
            if pending.contains(&key) {
                if let Some(t) = self.team.as_mut() {
                    let s = t.hold.entry(key).or_insert(change.seq - 1);
                    *s = (*s).min(change.seq - 1);
                }
                continue;
            }
            let here = next.record(key);
            if here == e.after {
                continue;
            }
            // A file's record never enters the copy without its bytes.
            if here.is_none()
                && let Some(Record::Attachment(a)) = &e.after
                && !contents.iter().any(|(id, _)| *id == a.id)
            {
                continue;
            }
            let local = Edit {
                before: here,
                after: e.after.clone(),
            };
            if next.apply_edit(&local).is_ok() {
                edits.push(local);
            }
        }
        if let Some(t) = self.team.as_mut()
            && !known
        {
            t.received += 1;
            t.last_remote = Some(RemoteNote {
                by: change.by.clone(),
                label: change.label.clone(),
                at: change.at,
            });
        }
        let used: Vec<(AttachmentId, PathBuf)> = contents
            .into_iter()
            .filter(|(id, path)| {
                let wanted = edits
                    .iter()
                    .any(|e| matches!(&e.after, Some(Record::Attachment(a)) if a.id == *id));
                if !wanted {
                    let _ = std::fs::remove_file(path);
                }
                wanted
            })
            .collect();
        if edits.is_empty() {
            return;
        }
        self.queue_local(edits, used, next);
    }

    /// Writes edits to the copy that do not go to the server (they came from it, or settle a
    /// conflict there already): shown at once, not undoable.
    pub(super) fn queue_local(
        &mut self,
        edits: Vec<Edit>,
        contents: Vec<(AttachmentId, PathBuf)>,
        next: Dossier,
    ) {
        let counted = edits.iter().any(|e| e.key().is_some_and(counts_from));
        // A read-only session shows others' changes without writing its copy (the next open
        // brings the copy up to date); the files fetched for it are not kept then.
        let staged: Vec<PathBuf> = contents.iter().map(|(_, p)| p.clone()).collect();
        if !self.queue_write(edits, contents, None) {
            for p in staged {
                let _ = std::fs::remove_file(p);
            }
        }
        self.show(next, counted);
    }
}

impl Session {
    /// The link's waker: the window repaints when the server says something.
    pub(super) fn wake_team(&self, waker: &Waker) {
        if let Some(t) = &self.team {
            t.link.set_waker(Arc::clone(waker));
        }
    }

    /// Whether the project is on a server.
    pub fn is_on_server(&self) -> bool {
        self.team.is_some()
    }

    /// A new writer for the copy hands its changes on to the link too.
    pub(super) fn keep_forwarding(&self, w: &writer::Writer) {
        if let Some(t) = &self.team {
            w.set_forward(t.link.forwarder());
        }
    }

    /// Drops the link (Save As made the project a file of its own).
    pub(super) fn leave_server(&mut self) {
        self.team = None;
    }
}
