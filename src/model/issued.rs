//! Documents as they were issued (bản đã ban hành): the bytes signed and sent, kept in the
//! project file and never changed, with what they said — number, date, signer — and every
//! figure they quote, so that a later change of the data can be noticed instead of silently
//! rewriting a legal record. A correction is a new issued document, never an edit of one.

use super::figures::AllocationKind;
use super::ids::{AreaId, IssuedDocumentId, ProjectId, RoundId};
use super::money::{AmountSum, MoneyUnit};
use super::period::Period;
use super::{DocKind, Dossier};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Bytes kept whole and shared, not copied, when the dossier is (every change copies the
/// dossier's lists; an issued PDF should not be copied with them). Written as base64 in JSON.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Blob(Arc<[u8]>);

impl Blob {
    pub fn new(bytes: Vec<u8>) -> Blob {
        Blob(bytes.into())
    }

    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Lower-case hex SHA-256 of the bytes.
    pub fn sha256(&self) -> String {
        use sha2::Digest;
        hex(&sha2::Sha256::digest(&self.0))
    }
}

/// Bytes as lower-case hex: how GiamSat writes a SHA-256 (attachments, issued documents).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl std::fmt::Debug for Blob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Blob({} bytes)", self.0.len())
    }
}

impl Serialize for Blob {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use base64::Engine;
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use base64::Engine;
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD
            .decode(text.as_bytes())
            .map(Blob::new)
            .map_err(|e| serde::de::Error::custom(format!("base64 không hợp lệ: {e}")))
    }
}

/// One amount an issued document printed: an area's (`None`: every area of the round's), a
/// project's (`None`: every project), of one kind, for a period (`None`: every period), as
/// the round saw the figures; and the total printed (`None`: withheld, "không cộng được").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotedFigure {
    pub area: Option<AreaId>,
    pub project: Option<ProjectId>,
    pub kind: AllocationKind,
    pub period: Option<Period>,
    pub value: Option<AmountSum>,
}

/// The most pages an issued document has (a notice has two or three; a report a dozen).
pub const MAX_PAGES: u32 = 2000;

/// A document of a round as it was issued. Only ever added: the store refuses to change or
/// remove one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuedDocument {
    pub id: IssuedDocumentId,
    pub round_id: RoundId,
    pub kind: DocKind,
    /// The number as issued, "15"; with `number_line` "Số: 15/TB-MTTQ-BTT" (empty when the
    /// document has no number line).
    pub number: String,
    pub number_line: String,
    /// The date the document bears.
    pub date: NaiveDate,
    /// Who signed it.
    pub signer: String,
    /// When it was stored, on the issuing computer's clock, and by whom.
    pub issued_at: NaiveDateTime,
    pub issued_by: String,
    /// The unit its amounts were printed in.
    pub unit: MoneyUnit,
    /// Its pages.
    pub pages: u32,
    pub pdf: Blob,
    /// Lower-case hex SHA-256 of `pdf`.
    pub pdf_sha256: String,
    /// The Word copy, for the kinds that have one.
    #[serde(default)]
    pub docx: Option<Blob>,
    /// Lower-case hex SHA-256 of `docx`; empty without one.
    #[serde(default)]
    pub docx_sha256: String,
    /// Every amount it prints, as the counting module gave it then.
    #[serde(default)]
    pub quoted: Vec<QuotedFigure>,
    /// The issued document of the same round and kind it corrects (reissued after an unlock).
    #[serde(default)]
    pub corrects: Option<IssuedDocumentId>,
}

impl IssuedDocument {
    /// Whether the bytes kept are no longer those issued: they do not match the SHA-256
    /// recorded at issuing (changed by another tool, or damaged).
    pub fn altered(&self) -> bool {
        self.pdf.sha256() != self.pdf_sha256
            || match &self.docx {
                Some(b) => b.sha256() != self.docx_sha256,
                None => !self.docx_sha256.is_empty(),
            }
    }

    /// "15/TB-MTTQ-BTT" (or the bare number when there is no number line); `None` when it
    /// was issued without a number.
    pub fn number_shown(&self) -> Option<String> {
        if self.number.trim().is_empty() {
            return None;
        }
        let line = self.number_line.trim();
        let line = line.strip_prefix("Số:").map(str::trim).unwrap_or(line);
        Some(if line.is_empty() {
            self.number.trim().to_string()
        } else {
            line.to_string()
        })
    }

    /// "số 15/TB-MTTQ-BTT", or "không ghi số".
    pub fn number_text(&self, lang: crate::i18n::Lang) -> String {
        match (self.number_shown(), lang) {
            (Some(n), crate::i18n::Lang::Vi) => format!("số {n}"),
            (Some(n), crate::i18n::Lang::En) => format!("no. {n}"),
            (None, crate::i18n::Lang::Vi) => "không ghi số".into(),
            (None, crate::i18n::Lang::En) => "without a number".into(),
        }
    }
}

impl Dossier {
    /// The copy of a round's document as last issued, if it was ever issued.
    pub fn issued_copy(&self, round: RoundId, kind: DocKind) -> Option<&IssuedDocument> {
        self.issued_documents
            .iter()
            .filter(|x| x.round_id == round && x.kind == kind)
            .max_by_key(|x| x.id)
    }

    /// The latest issued copy of each kind of a round's documents, in the kinds' order.
    pub fn issued_copies(&self, round: RoundId) -> Vec<&IssuedDocument> {
        DocKind::ALL
            .into_iter()
            .filter_map(|k| self.issued_copy(round, k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blob_travels_as_base64_and_is_shared_not_copied() {
        let b = Blob::new(b"%PDF-1.7 \x00\xff".to_vec());
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json, "\"JVBERi0xLjcgAP8=\"");
        let back: Blob = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
        let c = b.clone();
        assert!(std::ptr::eq(b.bytes().as_ptr(), c.bytes().as_ptr()));
        assert!(serde_json::from_str::<Blob>("\"không phải base64\"").is_err());
        assert_eq!(
            Blob::new(b"abc".to_vec()).sha256(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
