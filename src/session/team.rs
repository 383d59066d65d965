//! A project on a team server, as the window works on it: a copy in this computer's data
//! folder is the session's file (so printing, evidence, Save As and a crash work as for any
//! file, and nothing typed waits for the network), and a thread of its own — the link —
//! carries each change written to the copy on to the server, through the server's version
//! checks, and brings everyone else's changes back. A change the server refuses because
//! someone changed the same record first is held, with everything after it, until the person
//! chooses field by field ([`super::Session::resolve_conflict`]); a connection that drops is
//! retried, and the window says how many changes wait meanwhile. Knows nothing of egui.

use crate::model::{AttachmentId, Edit, Record};
use crate::store::server::{Address, Conflict, Editing, RemoteChange, Server, ServerError};
use crate::store::{ContentSource, ProjectFile};
use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

/// A change on its way to the server: the session's number for it, its name, its edits.
#[derive(Clone, Debug)]
pub(super) struct Outgoing {
    pub id: u64,
    pub label: String,
    pub edits: Arc<Vec<Edit>>,
}

/// Someone else's change, with the bytes of the files it attaches staged beside the copy.
#[derive(Debug)]
pub(super) struct Incoming {
    pub change: RemoteChange,
    pub contents: Vec<(AttachmentId, PathBuf)>,
    /// Files the change attached whose bytes the server no longer has: a later change removed
    /// them again, so the record is left out of the copy as that change would leave it.
    pub gone: Vec<AttachmentId>,
}

/// How the link to the server stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkState {
    /// Connecting for the first time.
    Connecting,
    Online,
    /// The connection is gone; retried every few seconds (and at once on Retry). The text is
    /// why, as the server or the network said it.
    Offline(crate::i18n::Said),
}

/// What the link tells the session; taken each frame.
#[derive(Default)]
pub(super) struct Inbox {
    /// Outgoing changes the server now holds.
    pub acked: Vec<u64>,
    pub remote: Vec<Incoming>,
    /// Every change up to this number is in the copy once what is queued before it is
    /// written (the copy's mark moves there).
    pub through: Option<i64>,
    /// The change the server refused for others' newer records.
    pub conflict: Option<(u64, Vec<Conflict>)>,
    /// The change the server refused for good (no right to change the project, bad data).
    pub refused: Option<(u64, ServerError)>,
    pub state: Option<LinkState>,
    /// Who else has which record open in an editor, when that changed.
    pub editing: Option<Vec<Editing>>,
    /// Blocks of ids reserved for this window: table's name, first id, how many.
    pub reserved: Vec<(String, i64, i64)>,
}

enum ToLink {
    Send(Outgoing),
    /// After a conflict is resolved: the changes still to go, the held one first, in place of
    /// those queued.
    Requeue(Vec<Outgoing>),
    /// Something was announced, or the user asked: catch up and try again now.
    Poke,
    /// Reserve a block of ids for each (table's name, lowest id this window could use).
    Reserve(Vec<(String, i64)>),
    /// The record this window has open in an editor (kind, id), or none.
    Editing(Option<(String, i64)>),
    /// Tests: drop the connection and stay away until `Reconnect`.
    Cut,
    Reconnect,
}

struct Shared {
    inbox: Mutex<Inbox>,
    waker: Mutex<Option<super::Waker>>,
    stop: AtomicBool,
}

impl Shared {
    fn inbox(&self) -> MutexGuard<'_, Inbox> {
        self.inbox.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wake(&self) {
        let w = self
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let Some(w) = w {
            w();
        }
    }
}

/// The session's end of the link.
pub(super) struct Link {
    tx: Sender<ToLink>,
    shared: Arc<Shared>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// Where the link works: the server's address (password in memory only), the project, the
/// copy it reads attached files' bytes from, and where it stages those it brings back.
pub(super) struct Place {
    pub address: Address,
    pub project: i64,
    pub copy: PathBuf,
    pub stage: PathBuf,
}

/// How long the link waits between catch-ups when nothing is announced: a connection gone
/// quietly is noticed by then.
const IDLE: Duration = Duration::from_secs(20);
/// How many ids of one kind a window reserves at a time (the most the server gives in one
/// call): a district's report of several hundred figures typed or imported while offline
/// still numbers from the window's own blocks.
pub(super) const ID_BLOCK: i64 = 1000;
/// How often a window refreshes its word that it edits a record (others forget it after 90 s).
const BEAT: Duration = Duration::from_secs(30);
/// The longest wait between tries to reconnect.
const BACKOFF_MAX: Duration = Duration::from_secs(15);

impl Link {
    /// Starts the link; `seq` is the last server change the copy holds, `pending` what the
    /// copy holds beyond it (left from an earlier run), sent first.
    pub fn start(place: Place, seq: i64, pending: Option<Outgoing>) -> Link {
        let (tx, rx) = channel();
        let shared = Arc::new(Shared {
            inbox: Mutex::new(Inbox::default()),
            waker: Mutex::new(None),
            stop: AtomicBool::new(false),
        });
        let theirs = Arc::clone(&shared);
        let poke = tx.clone();
        let listen_place = (place.address.clone(), place.project);
        let listener_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new()
            .name("giamsat-server".into())
            .spawn(move || {
                let mut engine = Engine {
                    place,
                    shared: theirs,
                    server: None,
                    content: None,
                    queue: pending.into_iter().collect(),
                    held: false,
                    mine: HashSet::new(),
                    seq,
                    cut: false,
                    client: client_id(),
                    editing: None,
                    announced: None,
                    last_beat: Instant::now(),
                    others: Vec::new(),
                    to_reserve: Vec::new(),
                };
                if crate::crash_report::catching(|| engine.run(&rx)).is_err() {
                    // Said, not hidden: the window shows the link as down.
                    engine.shared.inbox().state = Some(LinkState::Offline(crate::i18n::Said::new(
                        "lỗi trong luồng nối máy chủ; hãy mở lại dự án",
                        "the link to the server failed; open the project again",
                    )));
                    engine.shared.wake();
                }
            });
        let thread = match spawned {
            Err(e) => {
                shared.inbox().state = Some(LinkState::Offline(crate::i18n::Said::new(
                    format!("không khởi động được luồng nối máy chủ: {e}"),
                    format!("the link to the server could not start: {e}"),
                )));
                None
            }
            Ok(thread) => {
                let _ = std::thread::Builder::new()
                    .name("giamsat-server-listen".into())
                    .spawn(move || listen(listen_place.0, listen_place.1, &listener_shared, &poke));
                Some(thread)
            }
        };
        Link { tx, shared, thread }
    }

    pub fn set_waker(&self, waker: super::Waker) {
        *self
            .shared
            .waker
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(waker);
    }

    /// What the copy's writer calls with each change it wrote: it goes on to the server.
    pub fn forwarder(&self) -> super::writer::Forward {
        let tx = Mutex::new(self.tx.clone());
        Arc::new(move |id, label: &str, edits: &Arc<Vec<Edit>>| {
            let _ = tx
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .send(ToLink::Send(Outgoing {
                    id,
                    label: label.to_string(),
                    edits: Arc::clone(edits),
                }));
        })
    }

    pub fn requeue(&self, all: Vec<Outgoing>) {
        let _ = self.tx.send(ToLink::Requeue(all));
    }

    pub fn poke(&self) {
        let _ = self.tx.send(ToLink::Poke);
    }

    /// Asks for blocks of ids (table's name, lowest id this window could use).
    pub fn reserve(&self, asked: Vec<(String, i64)>) {
        let _ = self.tx.send(ToLink::Reserve(asked));
    }

    /// Says which record this window has open in an editor (others see it).
    pub fn editing(&self, record: Option<(String, i64)>) {
        let _ = self.tx.send(ToLink::Editing(record));
    }

    pub fn cut_for_tests(&self, cut: bool) {
        let _ = self
            .tx
            .send(if cut { ToLink::Cut } else { ToLink::Reconnect });
    }

    /// What the link said since last asked.
    pub fn take(&self) -> Inbox {
        std::mem::take(&mut *self.shared.inbox())
    }
}

impl Drop for Link {
    /// The link ends on its own: what is queued and not yet on the server stays in the copy
    /// and goes the next time the project is opened from the server.
    /// It is given a moment to send what it can and to say this window edits nothing any
    /// more (others would see a ghost for a while otherwise), never longer.
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        let _ = self.tx.send(ToLink::Poke);
        let until = Instant::now() + Duration::from_millis(1500);
        while self.thread.as_ref().is_some_and(|t| !t.is_finished()) && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

struct Engine {
    place: Place,
    shared: Arc<Shared>,
    server: Option<Server>,
    /// The copy, read-only, for the bytes of files a change attaches.
    content: Option<ProjectFile>,
    queue: VecDeque<Outgoing>,
    /// The queue's first change met a conflict or was refused: nothing goes until requeued.
    held: bool,
    /// Numbers of the changes this link wrote, skipped when catching up.
    mine: HashSet<i64>,
    seq: i64,
    cut: bool,
    /// This window, for the server's list of who edits what.
    client: String,
    /// The record open in an editor here, and what the server was last told (`None`: nothing
    /// told on this connection yet).
    editing: Option<(String, i64)>,
    announced: Option<Option<(String, i64)>>,
    last_beat: Instant,
    /// Who else edits what, as last told to the session.
    others: Vec<Editing>,
    /// Blocks of ids asked for and not yet reserved (table's name, floor).
    to_reserve: Vec<(String, i64)>,
}

/// A name for this window among all windows on the server.
fn client_id() -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!(
        "{}-{nanos}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl Engine {
    fn run(&mut self, rx: &Receiver<ToLink>) {
        let mut backoff = Duration::from_secs(1);
        let mut next_try = Instant::now();
        loop {
            if self.shared.stop.load(Ordering::Relaxed) {
                // Closing: what can still go, goes now, once; nobody is told this window edits.
                if self.server.is_some() && !self.held {
                    self.send_queue();
                }
                if let Some(s) = self.server.as_mut() {
                    let _ = s.announce(self.place.project, &self.client, None);
                }
                return;
            }
            if self.server.is_none() && !self.cut && Instant::now() >= next_try {
                match self.connect() {
                    Ok(()) => {
                        backoff = Duration::from_secs(1);
                        self.say_state(LinkState::Online);
                    }
                    Err(e) => {
                        self.say_state(LinkState::Offline(e.said()));
                        next_try = Instant::now() + backoff;
                        backoff = (backoff * 2).min(BACKOFF_MAX);
                    }
                }
            }
            if self.server.is_some() {
                self.reserve();
                self.send_queue();
                self.catch_up();
                self.presence();
            }
            let wait = if self.server.is_none() {
                next_try
                    .saturating_duration_since(Instant::now())
                    .max(Duration::from_millis(50))
            } else {
                IDLE
            };
            let first = match rx.recv_timeout(wait) {
                Ok(m) => Some(m),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
            for m in first.into_iter().chain(rx.try_iter()) {
                match m {
                    ToLink::Send(o) => self.queue.push_back(o),
                    ToLink::Requeue(all) => {
                        self.queue = all.into();
                        self.held = false;
                    }
                    ToLink::Poke => next_try = Instant::now(),
                    ToLink::Editing(record) => self.editing = record,
                    ToLink::Reserve(asked) => {
                        for (kind, floor) in asked {
                            match self.to_reserve.iter_mut().find(|(k, _)| *k == kind) {
                                Some(x) => x.1 = x.1.max(floor),
                                None => self.to_reserve.push((kind, floor)),
                            }
                        }
                    }
                    ToLink::Cut => {
                        self.cut = true;
                        self.server = None;
                        self.say_state(LinkState::Offline(crate::i18n::Said::new(
                            "kết nối bị ngắt (thử nghiệm)",
                            "connection cut (test)",
                        )));
                    }
                    ToLink::Reconnect => {
                        self.cut = false;
                        next_try = Instant::now();
                    }
                }
            }
        }
    }

    fn connect(&mut self) -> Result<(), ServerError> {
        let mut s = Server::connect(&self.place.address)?;
        s.schema_step()?;
        s.last_seq(self.place.project)?;
        self.server = Some(s);
        // A new connection: what this window edits is told again.
        self.announced = None;
        Ok(())
    }

    /// Reserves the blocks of ids asked for, so that new records made here are never numbered
    /// like someone else's.
    fn reserve(&mut self) {
        if self.to_reserve.is_empty() {
            return;
        }
        let Some(server) = self.server.as_mut() else {
            return;
        };
        match server.reserve_many(self.place.project, &self.to_reserve, ID_BLOCK as i32) {
            Ok(got) => {
                self.to_reserve.clear();
                let got = got
                    .into_iter()
                    .map(|(kind, first)| (kind, first, ID_BLOCK))
                    .collect::<Vec<_>>();
                self.shared.inbox().reserved.extend(got);
                self.shared.wake();
            }
            Err(e) => {
                if !self.lost(&e) {
                    // Not allowed (a reader adds nothing): nothing more to ask.
                    self.to_reserve.clear();
                }
            }
        }
    }

    /// Tells the server what this window edits (when it changed, and every [`BEAT`] while it
    /// edits), and the session who else edits what (when that changed).
    fn presence(&mut self) {
        let Some(server) = self.server.as_mut() else {
            return;
        };
        let project = self.place.project;
        let due = self.announced.as_ref() != Some(&self.editing)
            || (self.editing.is_some() && self.last_beat.elapsed() >= BEAT);
        if due {
            let record = self.editing.as_ref().map(|(k, i)| (k.as_str(), *i));
            match server.announce(project, &self.client, record) {
                Ok(()) => {
                    self.announced = Some(self.editing.clone());
                    self.last_beat = Instant::now();
                }
                Err(e) => {
                    if self.lost(&e) {
                        return;
                    }
                    // Not allowed (a reader): nothing to tell, and not asked again.
                    self.announced = Some(self.editing.clone());
                }
            }
        }
        let Some(server) = self.server.as_mut() else {
            return;
        };
        match server.others_editing(project, &self.client) {
            Ok(others) if others != self.others => {
                self.others = others.clone();
                self.shared.inbox().editing = Some(others);
                self.shared.wake();
            }
            Ok(_) => {}
            Err(e) => {
                self.lost(&e);
            }
        }
    }

    fn say_state(&self, state: LinkState) {
        self.shared.inbox().state = Some(state);
        self.shared.wake();
    }

    /// A connection error ends the connection; anything else is the server's answer.
    fn lost(&mut self, e: &ServerError) -> bool {
        if matches!(
            e,
            ServerError::Lost { .. } | ServerError::Connect { .. } | ServerError::Busy { .. }
        ) || self.server.as_ref().is_some_and(Server::is_closed)
        {
            self.server = None;
            self.say_state(LinkState::Offline(e.said()));
            return true;
        }
        false
    }

    fn send_queue(&mut self) {
        while !self.held {
            let Some(head) = self.queue.front().cloned() else {
                return;
            };
            let Some(server) = self.server.as_mut() else {
                return;
            };
            if self.content.is_none() {
                self.content = ProjectFile::open_read_only(&self.place.copy).ok();
            }
            let content: &dyn ContentSource = match &self.content {
                Some(f) => f,
                None => &crate::store::NoContent,
            };
            match server.apply(self.place.project, &head.label, &head.edits, content) {
                Ok(n) => {
                    if let Some(n) = n {
                        self.mine.insert(n);
                    }
                    self.queue.pop_front();
                    self.shared.inbox().acked.push(head.id);
                    self.shared.wake();
                }
                Err(ServerError::Conflicts(c)) => {
                    self.held = true;
                    self.shared.inbox().conflict = Some((head.id, c));
                    self.shared.wake();
                }
                Err(e) => {
                    if !self.lost(&e) {
                        self.held = true;
                        self.shared.inbox().refused = Some((head.id, e));
                        self.shared.wake();
                    }
                    return;
                }
            }
        }
    }

    fn catch_up(&mut self) {
        let Some(server) = self.server.as_mut() else {
            return;
        };
        let changes = match server.changes_since(self.place.project, self.seq) {
            Ok(c) => c,
            Err(e) => {
                self.lost(&e);
                return;
            }
        };
        if changes.is_empty() {
            return;
        }
        let mut incoming = Vec::new();
        let mut through = self.seq;
        for change in changes {
            through = change.seq;
            if self.mine.remove(&change.seq) {
                continue;
            }
            match self.stage(&change) {
                Ok((contents, gone)) => incoming.push(Incoming {
                    change,
                    contents,
                    gone,
                }),
                Err(e) => {
                    // Without a file's bytes the change cannot be taken in: try again later.
                    through = change.seq - 1;
                    if !self.lost(&e) {
                        self.say_state(LinkState::Offline(e.said()));
                    }
                    break;
                }
            }
        }
        self.seq = through;
        let mut inbox = self.shared.inbox();
        inbox.remote.extend(incoming);
        inbox.through = Some(through);
        drop(inbox);
        self.shared.wake();
    }

    /// Fetches the bytes of the files a change attaches, into staged copies.
    #[allow(clippy::type_complexity)]
    fn stage(
        &mut self,
        change: &RemoteChange,
    ) -> Result<(Vec<(AttachmentId, PathBuf)>, Vec<AttachmentId>), ServerError> {
        let mut out = Vec::new();
        let mut gone = Vec::new();
        for e in &change.edits {
            let (None, Some(Record::Attachment(a))) = (&e.before, &e.after) else {
                continue;
            };
            let Some(server) = self.server.as_mut() else {
                break;
            };
            // The server keeps a file's bytes as long as its record: none means it was
            // removed again since.
            let Some(bytes) = server.content(self.place.project, a.id)? else {
                gone.push(a.id);
                continue;
            };
            let _ = std::fs::create_dir_all(&self.place.stage);
            let path = crate::fsutil::free_name_beside(
                &self
                    .place
                    .stage
                    .join(format!("may-chu-{}-{}", self.place.project, a.id.0)),
                "",
            );
            std::fs::write(&path, &bytes).map_err(|e| {
                ServerError::BadData(format!(
                    "không ghi được tệp đính kèm [{}] tải từ máy chủ vào {}: {e}",
                    a.id.0,
                    path.display()
                ))
            })?;
            out.push((a.id, path));
        }
        Ok((out, gone))
    }
}

/// Listens for announcements on a connection of its own and pokes the link when this project
/// changed, and after every reconnect (announcements are not replayed).
fn listen(address: Address, project: i64, shared: &Shared, poke: &Sender<ToLink>) {
    let mut backoff = Duration::from_secs(1);
    while !shared.stop.load(Ordering::Relaxed) {
        let mut s = match Server::connect(&address).and_then(|mut s| s.listen().map(|()| s)) {
            Ok(s) => s,
            Err(_) => {
                std::thread::sleep(backoff);
                backoff = (backoff * 2).min(BACKOFF_MAX);
                continue;
            }
        };
        backoff = Duration::from_secs(1);
        if poke.send(ToLink::Poke).is_err() {
            return;
        }
        while !shared.stop.load(Ordering::Relaxed) {
            match s.wait(Duration::from_secs(5)) {
                Ok(projects) => {
                    if projects.contains(&project) && poke.send(ToLink::Poke).is_err() {
                        return;
                    }
                }
                // The connection went: the link finds out at once whether its own did too.
                Err(_) => {
                    let _ = poke.send(ToLink::Poke);
                    break;
                }
            }
        }
    }
}
