//! Where a pulled copy came from: the server, the project and the last change it holds, so
//! that its offline changes can be checked back in through the server's version checks.

use super::{ContentSource, ProjectFile, StoreError};
use crate::model::Edit;
use rusqlite::OptionalExtension;

/// The server project a file was pulled from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServerOrigin {
    /// The database's address, without password or project.
    pub address: String,
    pub project: i64,
    /// The number of the last change the copy holds.
    pub seq: i64,
}

impl ProjectFile {
    /// The server project this file is a copy of, if it is one.
    pub fn server_origin(&self) -> Result<Option<ServerOrigin>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT address, project, seq FROM server_origin WHERE id = 1",
                [],
                |r| {
                    Ok(ServerOrigin {
                        address: r.get(0)?,
                        project: r.get(1)?,
                        seq: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records (or replaces) where this copy came from.
    pub fn set_server_origin(&mut self, origin: &ServerOrigin) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO server_origin (id, address, project, seq) VALUES (1, ?1, ?2, ?3)",
                rusqlite::params![origin.address, origin.project, origin.seq],
            )?;
            Ok(())
        })
    }

    /// Applies `edits` (bytes of new attachments from `content`) and records `origin`, in one
    /// transaction: a copy brought up to its server never holds one without the other.
    pub fn apply_edits_and_origin(
        &mut self,
        edits: &[Edit],
        content: &dyn ContentSource,
        origin: &ServerOrigin,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            super::write::apply_edits(tx, edits, content)?;
            tx.execute(
                "INSERT OR REPLACE INTO server_origin (id, address, project, seq) VALUES (1, ?1, ?2, ?3)",
                rusqlite::params![origin.address, origin.project, origin.seq],
            )?;
            Ok(())
        })
    }
}
