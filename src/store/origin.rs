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
    /// The number of the last change the copy holds everything up to (the earliest of the
    /// `held` records' changes, else `through`).
    pub seq: i64,
    /// The last change the copy holds on every record but the `held` ones (≥ `seq`).
    pub through: i64,
    /// Records whose changes by others after the change given with each were left out of the
    /// copy, because changes made here to them were still on their way (see the session's
    /// hold).
    pub held: Vec<(crate::model::RecordKey, i64)>,
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

fn held_json(held: &[(crate::model::RecordKey, i64)]) -> Result<String, StoreError> {
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

impl ProjectFile {
    /// This copy written again holding `dossier` — its own records, some moved to other ids
    /// (see [`crate::model::renumber`]); `was` gives, for each attachment moved, the id its
    /// bytes are under now — with its server origin. Written beside the file and renamed over
    /// it, so the file is whole, before or after, whatever happens. Records that are only ever
    /// added (follow-up entries, the lock log, issued documents) can move only this way.
    pub fn rewrite_moved(
        self,
        dossier: &crate::model::Dossier,
        was: &std::collections::HashMap<crate::model::AttachmentId, crate::model::AttachmentId>,
    ) -> Result<ProjectFile, StoreError> {
        let origin = self.server_origin()?;
        // Ids given out before (deleted records' too) are not given again by the new file.
        let issued: Vec<(crate::model::Table, i64)> = self
            .issued_ids()?
            .into_iter()
            .map(|(t, last)| (t, last.saturating_add(1)))
            .collect();
        let path = self.path().to_path_buf();
        let tmp = crate::fsutil::temp_beside(&path);
        let written = Self::write_new(
            &tmp,
            dossier,
            super::SCHEMA_VERSION,
            &super::attachments::Moved { inner: &self, was },
        )
        .and_then(|()| {
            let mut t = Self::open_written(&tmp)?;
            t.number_from(&issued)?;
            if let Some(o) = &origin {
                t.set_server_origin(o)?;
            }
            Ok(())
        });
        // Let go of the file before replacing it (Windows refuses to rename over an open one).
        drop(self);
        let renamed = written.and_then(|()| {
            crate::fsutil::rename_durably(&tmp, &path).map_err(|e| StoreError::Io(e, path.clone()))
        });
        if let Err(e) = renamed {
            let _ = crate::fsutil::remove_file_patiently(&tmp);
            return Err(e);
        }
        // Opened, never removed on a failure: it is the person's file now.
        ProjectFile::open(&path).map_err(|e| StoreError::BadData(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::renumber::{Renumbering, renumbered};
    use crate::model::{Attachment, AttachmentId, Dossier, Record, Table};
    use sha2::{Digest, Sha256};

    /// A copy whose new file moved to another id is written again whole: the records as
    /// moved, the file's bytes under its new id, and where the copy came from.
    #[test]
    fn a_copy_rewritten_with_moved_records_keeps_their_bytes_and_its_origin() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("ban-sao.giamsat");
        let d = crate::sample::lang_son();
        let mut f = ProjectFile::create(&path, &d).unwrap_or_else(|e| panic!("{e}"));
        let origin = ServerOrigin {
            address: "postgres://may-chu/giamsat".into(),
            project: 3,
            seq: 7,
            through: 9,
            held: vec![(crate::model::RecordKey::Info, 7)],
        };
        f.set_server_origin(&origin)
            .unwrap_or_else(|e| panic!("{e}"));
        let bytes = b"Bien ban lam viec".to_vec();
        let a = Attachment {
            id: AttachmentId(1),
            recommendation_id: d.recommendations[0].id,
            response_id: None,
            event_id: None,
            name: "bien-ban.txt".into(),
            size: bytes.len() as u64,
            sha256: crate::model::issued::hex(&Sha256::digest(&bytes)),
            received_on: None,
            document_date: None,
            added_at: chrono::NaiveDateTime::default(),
            added_by: String::new(),
            note: String::new(),
        };
        let content = std::collections::HashMap::from([(a.id, bytes.clone())]);
        f.apply_edits_with(
            &[crate::model::Edit::insert(Record::Attachment(a))],
            &content,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        // Phrase ids up to 40 were given out once (their records since deleted).
        f.number_from(&[(Table::Phrases, 41)])
            .unwrap_or_else(|e| panic!("{e}"));
        let mine = f.load().unwrap_or_else(|e| panic!("{e}"));
        let map = Renumbering::from([((Table::Attachments, 1), 201)]);
        let moved = Dossier::from_records(mine.records().map(|r| renumbered(&r, &map)));
        let was = std::collections::HashMap::from([(AttachmentId(201), AttachmentId(1))]);
        let f = f
            .rewrite_moved(&moved, &was)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.load().unwrap_or_else(|e| panic!("{e}")), moved);
        assert_eq!(
            f.server_origin().unwrap_or_else(|e| panic!("{e}")),
            Some(origin)
        );
        let out = dir.path().join("ra.txt");
        f.save_attachment(&moved.attachments[0], &out)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(std::fs::read(&out).unwrap_or_default(), bytes);
        assert_eq!(moved.attachments[0].id, AttachmentId(201));
        let issued = f.issued_ids().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            issued.get(&Table::Phrases).copied().unwrap_or(0) >= 40,
            "{issued:?}"
        );
        assert!(issued.get(&Table::Attachments).copied().unwrap_or(0) >= 201);
    }
}
