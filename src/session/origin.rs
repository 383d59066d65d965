//! Where a session's project lives, and why it may not be changed.

use std::path::PathBuf;

/// Where the project lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file the user chose.
    File(PathBuf),
    /// Not yet saved by the user: kept in an autosave file in the app's data folder.
    Untitled { autosave: PathBuf },
    /// A project on a team server (its address, without password), worked on through a copy
    /// in the app's data folder.
    Server { address: String, copy: PathBuf },
}

/// Why the project cannot be changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// Another GiamSat has the file open for editing; who, when known.
    InUse(Option<String>),
    /// No lock file can be written beside the file (read-only folder or medium).
    CannotLock,
    /// The file itself is marked read-only, or the system will not let it be written.
    FileReadOnly,
    /// Writing the file failed (a network share or USB stick gone, the disk full, the file made
    /// read-only): the file holds every change before the one that failed; that one and any
    /// made after it are kept in the session, shown in the window, and written by
    /// [`Session::reconnect`] or Save As. The text is the system's error.
    Unreachable(String),
    /// Writing the file failed for another reason (the file held by another program past the
    /// wait, or refused by SQLite): as for `Unreachable`, the file holds every change before
    /// the one that failed, the rest is kept, and Retry or Save As writes it.
    WriteFailed(String),
    /// After the file was unreachable, it came back holding something else: it was changed
    /// elsewhere meanwhile. What the window shows can be kept with Save As.
    ChangedElsewhere,
    /// The person (named) has only the reader role on the team server.
    ServerReader(String),
    /// The team server refused a change for good (the person's rights were taken away, or
    /// the data would be broken); the text is the server's reason. The change and those after
    /// it stay in this computer's copy.
    ServerRefused(crate::i18n::Said),
}
