//! The JSON form of a whole project, for exchange and version control. Lossless: a project
//! written to JSON, read back and written again gives the same JSON. Reading is strict: an
//! unknown field, a wrong type, a negative amount or a bad period is refused with the JSON path
//! of the problem.

use crate::model::{AllocationId, AttachmentId, Dossier, Problem};
use crate::store::ContentSource;
use base64::Engine;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt;
use std::io::Write;

/// The value of `format` in every GiamSat JSON file.
pub const FORMAT: &str = "giamsat";
/// The version of the JSON layout (independent of the SQLite schema version). Older files are
/// still read: version 1 (before the phrase library, text history, priorities and document
/// status), version 2 (before recommendation kinds, amounts and the follow-up history) and
/// version 3 (before each figure named the round it was reported at) and version 4 (before a
/// figure said whether it is its area's total or its own part: an older file's office rows
/// of imported reports become own parts, as when a project file is upgraded). The version is read
/// before anything else, so a newer file is refused for its version, not for a field this
/// build does not know.
pub const FORMAT_VERSION: u32 = 5;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExchangeFile {
    format: String,
    version: u32,
    project: Dossier,
    /// The bytes of each attached file, in base64 (written by [`write_json`]).
    #[serde(default)]
    attachment_content: Vec<AttachmentContent>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct AttachmentContent {
    id: AttachmentId,
    base64: String,
}

#[derive(Serialize)]
struct ExchangeFileRef<'a> {
    format: &'a str,
    version: u32,
    project: &'a Dossier,
}

/// Why a JSON text was refused: where (JSON path, and line and column when known) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "tại {}",
            if self.path.is_empty() {
                "."
            } else {
                &self.path
            }
        )?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, " (dòng {l}, cột {c})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for JsonError {}

/// The dossier as pretty-printed JSON, without the bytes of attached files (see
/// [`write_json`] for a whole project).
pub fn to_json(d: &Dossier) -> String {
    let file = ExchangeFileRef {
        format: FORMAT,
        version: FORMAT_VERSION,
        project: d,
    };
    // Serialising plain data with string keys cannot fail.
    let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes the whole project as JSON to `out`: the dossier as [`to_json`] writes it, then the
/// bytes of every attached file in base64, streamed from `content` piece by piece.
pub fn write_json(
    d: &Dossier,
    out: &mut dyn Write,
    content: &dyn ContentSource,
) -> std::io::Result<()> {
    let text = to_json(d);
    if d.attachments.is_empty() {
        return out.write_all(text.as_bytes());
    }
    // The pretty text ends with "}\n": the bytes go in before that brace.
    let head = text.trim_end().strip_suffix('}').unwrap_or(&text);
    out.write_all(head.trim_end().as_bytes())?;
    out.write_all(b",\n  \"attachment_content\": [")?;
    for (i, a) in d.attachments.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        write!(
            out,
            "\n    {{\n      \"id\": {},\n      \"base64\": \"",
            a.id.0
        )?;
        let mut src = match content.open(a.id) {
            Some(r) => r?,
            None => {
                return Err(std::io::Error::other(format!(
                    "thiếu nội dung tệp đính kèm “{}” (mã {})",
                    a.name, a.id
                )));
            }
        };
        {
            let mut enc = base64::write::EncoderWriter::new(
                &mut *out,
                &base64::engine::general_purpose::STANDARD,
            );
            std::io::copy(&mut src, &mut enc)?;
            enc.finish()?;
        }
        out.write_all(b"\"\n    }")?;
    }
    out.write_all(b"\n  ]\n}\n")
}

fn translate_serde_message(msg: &str) -> String {
    // serde's messages are English; the common ones get a Vietnamese lead.
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let field = rest.split(',').next().unwrap_or(rest);
        return format!("trường không được biết {field} (kiểm tra chính tả hoặc phiên bản tệp)");
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("thiếu trường {rest}");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        return format!("sai kiểu dữ liệu ({rest})");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant ") {
        return format!("giá trị không hợp lệ {rest}");
    }
    msg.to_string()
}

/// Reads a dossier from JSON: strict parsing, then NFC normalisation, then validation. The
/// bytes of attached files, when the JSON has them, are checked and dropped (see
/// [`from_json_with_content`]).
pub fn from_json(text: &str) -> Result<Dossier, JsonError> {
    from_json_with_content(text).map(|(d, _)| d)
}

/// Reads a whole project from JSON: the dossier, and the bytes of each attached file decoded
/// and checked against the size and SHA-256 recorded with it.
pub fn from_json_with_content(
    text: &str,
) -> Result<(Dossier, HashMap<AttachmentId, Vec<u8>>), JsonError> {
    // What the file says it is, read leniently first: a newer GiamSat's file would otherwise
    // be refused for the first field this build does not know.
    #[derive(Deserialize)]
    struct Header {
        format: Option<String>,
        version: Option<u32>,
    }
    if let Ok(Header {
        format: Some(format),
        version: Some(version),
    }) = serde_json::from_str::<Header>(text)
        && format == FORMAT
        && version > FORMAT_VERSION
    {
        return Err(JsonError {
            path: "version".into(),
            line: None,
            column: None,
            message: format!(
                "tệp JSON phiên bản {version} do bản GiamSat mới hơn ghi (bản này đọc đến phiên bản {FORMAT_VERSION}) — hãy cập nhật GiamSat"
            ),
        });
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let file: ExchangeFile = match serde_path_to_error::deserialize(&mut de) {
        Ok(f) => f,
        Err(e) => {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let (line, column) = if inner.line() > 0 {
                (Some(inner.line()), Some(inner.column()))
            } else {
                (None, None)
            };
            // serde_json appends " at line L column C"; it is reported separately.
            let raw = inner.to_string();
            let raw = raw.split(" at line ").next().unwrap_or(&raw).to_string();
            return Err(JsonError {
                path: if path == "." { String::new() } else { path },
                line,
                column,
                message: translate_serde_message(&raw),
            });
        }
    };
    if let Err(e) = de.end() {
        return Err(JsonError {
            path: String::new(),
            line: Some(e.line()),
            column: Some(e.column()),
            message: "có dữ liệu thừa sau đối tượng JSON".into(),
        });
    }
    if file.format != FORMAT {
        return Err(JsonError {
            path: "format".into(),
            line: None,
            column: None,
            message: format!(
                "không phải tệp JSON của GiamSat (format = “{}”)",
                file.format
            ),
        });
    }
    if !(1..=FORMAT_VERSION).contains(&file.version) {
        return Err(JsonError {
            path: "version".into(),
            line: None,
            column: None,
            message: format!(
                "phiên bản JSON {} không được hỗ trợ (bản này đọc phiên bản {FORMAT_VERSION})",
                file.version
            ),
        });
    }
    let mut d = file.project;
    if file.version < 5 {
        let own: std::collections::HashSet<AllocationId> =
            crate::model::figures::own_parts_in_old_data(
                d.areas.iter().map(|a| (a.id, a.parent_id)),
                d.allocations
                    .iter()
                    .map(|a| crate::model::figures::OldFigure {
                        id: a.id,
                        area: a.area_id,
                        project: a.project_id,
                        source: &a.source_doc,
                        column: (a.period.from_year(), a.period.to_year(), a.kind.code()),
                        amount: a.amount_dong.known().map(|x| x.get()),
                        round: a.round_id,
                    }),
            )
            .into_iter()
            .collect();
        for a in &mut d.allocations {
            if own.contains(&a.id) {
                a.covers = crate::model::Covers::Own;
            }
        }
    }
    d.normalize_text();
    if let Some(Problem { path, message, .. }) = d.validate().into_iter().next() {
        return Err(JsonError {
            path: format!("project.{path}"),
            line: None,
            column: None,
            message,
        });
    }
    let at = |path: String, message: String| JsonError {
        path,
        line: None,
        column: None,
        message,
    };
    let mut content = HashMap::new();
    for (i, c) in file.attachment_content.into_iter().enumerate() {
        let path = format!("attachment_content[{i}]");
        let Some(a) = d.attachments.iter().find(|a| a.id == c.id) else {
            return Err(at(
                format!("{path}.id"),
                format!("không có tệp đính kèm mã {}", c.id),
            ));
        };
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(c.base64.as_bytes())
            .map_err(|e| {
                at(
                    format!("{path}.base64"),
                    format!("base64 không hợp lệ ({e})"),
                )
            })?;
        if bytes.len() as u64 != a.size
            || crate::store::attachments::hex(&Sha256::digest(&bytes)) != a.sha256
        {
            return Err(at(
                format!("{path}.base64"),
                format!(
                    "nội dung tệp “{}” không khớp kích thước hoặc mã SHA-256 đã ghi",
                    a.name
                ),
            ));
        }
        if content.insert(c.id, bytes).is_some() {
            return Err(at(format!("{path}.id"), format!("mã {} bị trùng", c.id)));
        }
    }
    if let Some((i, a)) = d
        .attachments
        .iter()
        .enumerate()
        .find(|(_, a)| !content.contains_key(&a.id))
    {
        return Err(at(
            format!("project.attachments[{i}]"),
            format!("thiếu nội dung tệp đính kèm “{}”", a.name),
        ));
    }
    Ok((d, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_round_trips_through_json() {
        let d = crate::sample::lang_son();
        let json = to_json(&d);
        let back = from_json(&json).unwrap();
        assert_eq!(back, d);
        assert_eq!(to_json(&back), json);
    }
}
