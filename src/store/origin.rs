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
    /// The number of the last change the copy holds (the `held` records are as of it).
    pub seq: i64,
    /// The last change the copy holds on every record but the `held` ones (≥ `seq`).
    pub through: i64,
    /// Records whose changes by others after `seq` were left out of the copy, because changes
    /// made here to them were still on their way (see the session's hold).
    pub held: Vec<crate::model::RecordKey>,
}

impl ServerOrigin {
    /// A copy holding the project exactly as it stood after change `seq`.
    pub fn at(address: String, project: i64, seq: i64) -> ServerOrigin {
        ServerOrigin {
            address,
            project,
            seq,
            through: seq,
            held: Vec::new(),
        }
    }
}

fn held_json(held: &[crate::model::RecordKey]) -> Result<String, StoreError> {
    serde_json::to_string(held).map_err(|e| StoreError::BadData(e.to_string()))
}

impl ProjectFile {
    /// The server project this file is a copy of, if it is one.
    pub fn server_origin(&self) -> Result<Option<ServerOrigin>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT address, project, seq, through, held FROM server_origin WHERE id = 1",
                [],
                |r| {
                    let seq: i64 = r.get(2)?;
                    let held: String = r.get(4)?;
                    let held = serde_json::from_str(&held).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            4,
                            rusqlite::types::Type::Text,
                            Box::new(e),
                        )
                    })?;
                    Ok(ServerOrigin {
                        address: r.get(0)?,
                        project: r.get(1)?,
                        seq,
                        through: r.get::<_, Option<i64>>(3)?.unwrap_or(seq),
                        held,
                    })
                },
            )
            .optional()?)
    }

    /// Records (or replaces) where this copy came from.
    pub fn set_server_origin(&mut self, origin: &ServerOrigin) -> Result<(), StoreError> {
        let held = held_json(&origin.held)?;
        self.write(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO server_origin (id, address, project, seq, through, held) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![origin.address, origin.project, origin.seq, origin.through, held],
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
        let held = held_json(&origin.held)?;
        self.write(|tx| {
            super::write::apply_edits(tx, edits, content)?;
            tx.execute(
                "INSERT OR REPLACE INTO server_origin (id, address, project, seq, through, held) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
                rusqlite::params![origin.address, origin.project, origin.seq, origin.through, held],
            )?;
            Ok(())
        })
    }
}
