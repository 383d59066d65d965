//! The JSON form of a whole project, for exchange and version control. Lossless: a project
//! written to JSON, read back and written again gives the same JSON. Reading is strict: an
//! unknown field, a wrong type, a negative amount or a bad period is refused with the JSON path
//! of the problem.

use crate::model::{AllocationId, AttachmentId, Dossier, MAX_ATTACHMENT_BYTES, Problem};
use crate::store::ContentSource;
use serde::Serialize;
use std::fmt;
use std::io::Write;

/// The value of `format` in every GiamSat JSON file.
pub const FORMAT: &str = "giamsat";
/// The version of the JSON layout (independent of the SQLite schema version). Older files are
/// still read: version 1 (before the phrase library, text history, priorities and document
/// status), version 2 (before recommendation kinds, amounts and the follow-up history) and
/// version 3 (before each figure named the round it was reported at) and version 4 (before a
/// figure said whether it is its area's total or its own part: an older file's office rows
/// of imported reports become own parts, as when a project file is upgraded) and version 5
/// (before issued documents were kept and inserted figures tied to the data). The version is
/// read before anything else, so a newer file is refused for its version, not for a field
/// this build does not know.
pub const FORMAT_VERSION: u32 = 6;

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

/// Reads a whole project from JSON (see [`read_json`]); the bytes of attached files, when the
/// JSON has them, are checked and dropped.
pub fn from_json(text: &str) -> Result<Dossier, JsonError> {
    from_json_with_content(text).map(|(d, _)| d)
}

/// As [`read_json`], from a text in memory.
pub fn from_json_with_content(text: &str) -> Result<(Dossier, JsonContent), JsonError> {
    read_json(text.as_bytes()).map_err(|e| newer_instead(e, || Ok(text.as_bytes())))
}

/// As [`read_json`], from a file; the attached files' bytes go to a folder made in `stage_in`
/// (the app's data folder, or where the project will be written: on disk, where the system's
/// temporary folder may be memory).
pub fn read_json_file(
    path: &std::path::Path,
    stage_in: &std::path::Path,
) -> Result<(Dossier, JsonContent), JsonError> {
    let file = std::fs::File::open(path).map_err(|e| JsonError {
        path: String::new(),
        line: None,
        column: None,
        message: format!("không đọc được tệp ({e})"),
    })?;
    read_json_in(file, Some(stage_in)).map_err(|e| newer_instead(e, || std::fs::File::open(path)))
}

/// The longest string a JSON file may hold: the base64 text of the largest attached file,
/// and some room.
const MAX_JSON_STRING: u64 = MAX_ATTACHMENT_BYTES / 3 * 4 + 64 * 1024;

/// A reader that refuses a JSON text holding a string longer than [`MAX_JSON_STRING`] — found
/// as the bytes go by, before the parser would hold the whole string in memory.
struct Strings<R> {
    inner: R,
    in_string: bool,
    escaped: bool,
    length: u64,
}

impl<R: std::io::Read> std::io::Read for Strings<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if !self.in_string {
                if b == b'"' {
                    self.in_string = true;
                    self.length = 0;
                }
                continue;
            }
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
                continue;
            }
            self.length += 1;
            if self.length > MAX_JSON_STRING {
                return Err(std::io::Error::other(format!(
                    "một chuỗi trong tệp dài hơn {} MB (nội dung tệp đính kèm lớn nhất được nhận) — có thể tệp bị hỏng hoặc cố ý làm hại",
                    MAX_JSON_STRING / (1024 * 1024)
                )));
            }
        }
        Ok(n)
    }
}

/// A refusal, or — when the file turns out to be a newer GiamSat's whose version came after
/// what was refused — the refusal for its version, which says what to do.
fn newer_instead<R: std::io::Read>(
    e: JsonError,
    again: impl FnOnce() -> std::io::Result<R>,
) -> JsonError {
    if e.path == "version" {
        return e;
    }
    match again().ok().and_then(newer_version) {
        Some(version) => newer_error(version),
        None => e,
    }
}

fn newer_error(version: u32) -> JsonError {
    JsonError {
        path: "version".into(),
        line: None,
        column: None,
        message: format!(
            "tệp JSON phiên bản {version} do bản GiamSat mới hơn ghi (bản này đọc đến phiên bản {FORMAT_VERSION}) — hãy cập nhật GiamSat"
        ),
    }
}

/// The version of a newer GiamSat's JSON file, read leniently (everything else skipped
/// without being kept); `None` for anything else.
fn newer_version(reader: impl std::io::Read) -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u32>,
    }
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::new(reader));
    let head: Head = serde::Deserialize::deserialize(&mut de).ok()?;
    match head {
        Head {
            format: Some(format),
            version: Some(version),
        } if format == FORMAT && version > FORMAT_VERSION => Some(version),
        _ => None,
    }
}

/// The bytes of the attached files a JSON file carried: each decoded straight into a file of
/// its own in a private temporary folder (removed with this), never all held in memory.
#[derive(Debug, Default)]
pub struct JsonContent {
    stage_in: Option<std::path::PathBuf>,
    dir: Option<tempfile::TempDir>,
    files: Vec<(AttachmentId, std::path::PathBuf)>,
}

impl JsonContent {
    fn folder(&mut self) -> std::io::Result<&std::path::Path> {
        if self.dir.is_none() {
            let mut b = tempfile::Builder::new();
            b.prefix("giamsat-json-");
            self.dir = Some(match &self.stage_in {
                Some(dir) => {
                    std::fs::create_dir_all(dir)?;
                    b.tempdir_in(dir)?
                }
                None => b.tempdir()?,
            });
        }
        Ok(self
            .dir
            .as_ref()
            .map_or(std::path::Path::new("."), |d| d.path()))
    }

    /// How many attached files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

impl ContentSource for JsonContent {
    fn open(&self, id: AttachmentId) -> Option<std::io::Result<Box<dyn std::io::Read + '_>>> {
        let (_, path) = self.files.iter().find(|(x, _)| *x == id)?;
        Some(std::fs::File::open(path).map(|f| Box::new(f) as Box<dyn std::io::Read>))
    }
}

/// One attached file as it was decoded: its id, size and SHA-256.
struct Decoded {
    id: AttachmentId,
    size: u64,
    sha256: String,
}

/// What the reading found besides the dossier.
#[derive(Default)]
struct Found {
    content: JsonContent,
    decoded: Vec<Decoded>,
    /// A version newer than this build reads: the reading stopped there.
    newer: Option<u32>,
}

mod stream {
    //! The JSON file read as it comes: the top level and the attached files' bytes by hand
    //! (each base64 text decoded piece by piece into a file), the dossier by serde.

    use super::{Decoded, ExchangeFileHead, FORMAT_VERSION, Found};
    use crate::model::{AttachmentId, Dossier, MAX_ATTACHMENT_BYTES};
    use base64::Engine;
    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use sha2::{Digest, Sha256};
    use std::fmt;
    use std::io::Write;

    const FIELDS: &[&str] = &["format", "version", "project", "attachment_content"];

    pub(super) struct FileSeed<'a>(pub &'a mut Found);

    impl<'de> DeserializeSeed<'de> for FileSeed<'_> {
        type Value = ExchangeFileHead;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for FileSeed<'_> {
        type Value = ExchangeFileHead;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("một tệp JSON của GiamSat")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let (mut format, mut version, mut project) = (None, None, None);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "format" => format = Some(map.next_value::<String>()?),
                    "version" => {
                        let v = map.next_value::<u32>()?;
                        // Read before the rest in every file GiamSat writes: a newer file is
                        // refused for its version, not for a field this build does not know.
                        if v > FORMAT_VERSION {
                            self.0.newer = Some(v);
                            return Err(de::Error::custom("newer"));
                        }
                        version = Some(v);
                    }
                    "project" => project = Some(map.next_value::<Dossier>()?),
                    "attachment_content" => map.next_value_seed(ContentSeed(&mut *self.0))?,
                    other => return Err(de::Error::unknown_field(other, FIELDS)),
                }
            }
            Ok(ExchangeFileHead {
                format: format.ok_or_else(|| de::Error::missing_field("format"))?,
                version: version.ok_or_else(|| de::Error::missing_field("version"))?,
                project: project.ok_or_else(|| de::Error::missing_field("project"))?,
            })
        }
    }

    struct ContentSeed<'a>(&'a mut Found);

    impl<'de> DeserializeSeed<'de> for ContentSeed<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }

    impl<'de> Visitor<'de> for ContentSeed<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("một danh sách nội dung tệp đính kèm")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(EntrySeed(&mut *self.0))?.is_some() {}
            Ok(())
        }
    }

    struct EntrySeed<'a>(&'a mut Found);

    impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_map(self)
        }
    }

    impl<'de> Visitor<'de> for EntrySeed<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("{ \"id\", \"base64\" }")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let (mut id, mut bytes) = (None, None);
            while let Some(key) = map.next_key::<String>()? {
                match key.as_str() {
                    "id" => id = Some(map.next_value::<AttachmentId>()?),
                    "base64" => bytes = Some(map.next_value_seed(Base64Seed(&mut *self.0))?),
                    other => return Err(de::Error::unknown_field(other, &["id", "base64"])),
                }
            }
            let id = id.ok_or_else(|| de::Error::missing_field("id"))?;
            let (path, size, sha256) = bytes.ok_or_else(|| de::Error::missing_field("base64"))?;
            self.0.content.files.push((id, path));
            self.0.decoded.push(Decoded { id, size, sha256 });
            Ok(())
        }
    }

    /// A base64 text decoded, a piece at a time, into a file of its own: where, how many
    /// bytes, their SHA-256.
    struct Base64Seed<'a>(&'a mut Found);

    impl<'de> DeserializeSeed<'de> for Base64Seed<'_> {
        type Value = (std::path::PathBuf, u64, String);
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for Base64Seed<'_> {
        type Value = (std::path::PathBuf, u64, String);
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("một chuỗi base64")
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            // The size is known from the text's length: a file over the limit is refused
            // before anything is decoded.
            let most = (text.len() as u64 / 4).saturating_mul(3);
            let padding = text.bytes().rev().take_while(|b| *b == b'=').count() as u64;
            if most.saturating_sub(padding) > MAX_ATTACHMENT_BYTES {
                return Err(E::custom(format!(
                    "tệp đính kèm lớn hơn giới hạn {} MB",
                    MAX_ATTACHMENT_BYTES / (1024 * 1024)
                )));
            }
            let n = self.0.content.files.len();
            let folder = self
                .0
                .content
                .folder()
                .map_err(|e| E::custom(format!("không tạo được thư mục tạm: {e}")))?
                .to_path_buf();
            let path = folder.join(format!("{n}.bin"));
            let mut file = std::fs::File::create(&path)
                .map(std::io::BufWriter::new)
                .map_err(|e| E::custom(format!("không ghi được tệp tạm: {e}")))?;
            let mut hasher = Sha256::new();
            let mut size = 0u64;
            let mut piece = Vec::with_capacity(48 * 1024);
            // Pieces of 64 KiB of text, a multiple of 4: padding can only end the last.
            for chunk in text.as_bytes().chunks(64 * 1024) {
                piece.clear();
                base64::engine::general_purpose::STANDARD
                    .decode_vec(chunk, &mut piece)
                    .map_err(|e| E::custom(format!("base64 không hợp lệ ({e})")))?;
                hasher.update(&piece);
                size += piece.len() as u64;
                file.write_all(&piece)
                    .map_err(|e| E::custom(format!("không ghi được tệp tạm: {e}")))?;
            }
            file.flush()
                .map_err(|e| E::custom(format!("không ghi được tệp tạm: {e}")))?;
            Ok((
                path,
                size,
                crate::store::attachments::hex(&hasher.finalize()),
            ))
        }
    }
}

/// The top level of a JSON file, its attached files' bytes set aside.
struct ExchangeFileHead {
    format: String,
    version: u32,
    project: Dossier,
}

/// Reads a whole project from JSON as it streams in: the dossier, and the bytes of each
/// attached file decoded straight into a file of its own — checked against the size and
/// SHA-256 recorded with it — so that memory holds the dossier and one file's text at a time,
/// whatever the file's size.
pub fn read_json(reader: impl std::io::Read) -> Result<(Dossier, JsonContent), JsonError> {
    read_json_in(reader, None)
}

/// As [`read_json`], the attached files' bytes put in a folder made in `stage_in` (the
/// system's temporary folder when `None`).
pub fn read_json_in(
    reader: impl std::io::Read,
    stage_in: Option<&std::path::Path>,
) -> Result<(Dossier, JsonContent), JsonError> {
    let mut found = Found::default();
    found.content.stage_in = stage_in.map(std::path::Path::to_path_buf);
    let strings = Strings {
        inner: reader,
        in_string: false,
        escaped: false,
        length: 0,
    };
    let mut de = serde_json::Deserializer::from_reader(std::io::BufReader::with_capacity(
        256 * 1024,
        strings,
    ));
    let mut track = serde_path_to_error::Track::new();
    let parsed = {
        use serde::de::DeserializeSeed;
        stream::FileSeed(&mut found)
            .deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
    };
    if let Some(version) = found.newer {
        return Err(newer_error(version));
    }
    let file = match parsed {
        Ok(f) => f,
        Err(inner) => {
            let path = track.path().to_string();
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
    d.normalize();
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
    let mut seen = std::collections::HashSet::new();
    for (i, c) in found.decoded.iter().enumerate() {
        let path = format!("attachment_content[{i}]");
        let Some(a) = d.attachments.iter().find(|a| a.id == c.id) else {
            return Err(at(
                format!("{path}.id"),
                format!("không có tệp đính kèm mã {}", c.id),
            ));
        };
        if c.size != a.size || c.sha256 != a.sha256 {
            return Err(at(
                format!("{path}.base64"),
                format!(
                    "nội dung tệp “{}” không khớp kích thước hoặc mã SHA-256 đã ghi",
                    a.name
                ),
            ));
        }
        if !seen.insert(c.id) {
            return Err(at(format!("{path}.id"), format!("mã {} bị trùng", c.id)));
        }
    }
    if let Some((i, a)) = d
        .attachments
        .iter()
        .enumerate()
        .find(|(_, a)| !seen.contains(&a.id))
    {
        return Err(at(
            format!("project.attachments[{i}]"),
            format!("thiếu nội dung tệp đính kèm “{}”", a.name),
        ));
    }
    Ok((d, found.content))
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
