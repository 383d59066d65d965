//! A record as the server keeps it: its kind, its id and its JSON body (the model's own serde
//! form, as in the JSON exchange file).

use crate::model::{Record, RecordKey};

macro_rules! kinds {
    ($($kind:ident),* $(,)?) => {
        /// The kind (table) of a record's key and its id (0 for the dossier's one info).
        pub fn key_parts(key: RecordKey) -> (&'static str, i64) {
            match key {
                RecordKey::Info => ("Info", 0),
                $(RecordKey::$kind(id) => (stringify!($kind), id.0),)*
            }
        }

        /// The body of a record, as JSON text.
        pub fn body(r: &Record) -> Result<String, serde_json::Error> {
            match r {
                Record::Info(x) => serde_json::to_string(x),
                $(Record::$kind(x) => serde_json::to_string(x),)*
            }
        }

        /// A record read back from its kind and body.
        pub fn from_body(kind: &str, body: &str) -> Result<Record, String> {
            let bad = |e: serde_json::Error| format!("bản ghi loại {kind} trên máy chủ không đọc được: {e}");
            match kind {
                "Info" => serde_json::from_str(body).map(Record::Info).map_err(bad),
                $(stringify!($kind) => serde_json::from_str(body).map(Record::$kind).map_err(bad),)*
                other => Err(format!(
                    "máy chủ có loại bản ghi “{other}” mà bản GiamSat này không biết: hãy cập nhật GiamSat"
                )),
            }
        }
    };
}

kinds!(
    Program,
    Project,
    Area,
    FundingSource,
    Allocation,
    Indicator,
    IndicatorValue,
    Round,
    Conclusion,
    Recommendation,
    Phrase,
    TextVersion,
    Document,
    Event,
    Attachment,
    RoundEvent,
    Succession,
    IssuedDocument,
);

/// Whether records of this kind are only ever added (kept in `entries`, which refuses updates
/// and deletes).
pub fn append_only(kind: &str) -> bool {
    matches!(kind, "Event" | "RoundEvent" | "IssuedDocument")
}

/// The table a kind is kept in.
pub fn table(kind: &str) -> &'static str {
    if append_only(kind) {
        "giamsat.entries"
    } else {
        "giamsat.records"
    }
}

/// One field two people changed differently: as it was, as the server has it, as mine has it
/// (JSON text; `—` where the record is absent).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldConflict {
    pub field: String,
    pub was: String,
    pub theirs: String,
    pub mine: String,
}

/// The fields in which `theirs` and `mine` differ, with what each was before.
pub fn field_conflicts(
    was: Option<&Record>,
    theirs: Option<&Record>,
    mine: Option<&Record>,
) -> Vec<FieldConflict> {
    fn fields(r: Option<&Record>) -> Option<serde_json::Map<String, serde_json::Value>> {
        let text = body(r?).ok()?;
        match serde_json::from_str(&text).ok()? {
            serde_json::Value::Object(m) => Some(m),
            _ => None,
        }
    }
    fn show(v: Option<&serde_json::Value>) -> String {
        match v {
            None => "—".into(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        }
    }
    let (w, t, m) = (fields(was), fields(theirs), fields(mine));
    let mut names: Vec<&String> = [&w, &t, &m]
        .into_iter()
        .flatten()
        .flat_map(|m| m.keys())
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|n| {
            let get = |x: &Option<serde_json::Map<String, serde_json::Value>>| {
                x.as_ref().and_then(|m| m.get(n)).cloned()
            };
            let (a, b, c) = (get(&w), get(&t), get(&m));
            (b != c).then(|| FieldConflict {
                field: n.clone(),
                was: show(a.as_ref()),
                theirs: show(b.as_ref()),
                mine: show(c.as_ref()),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dossier;

    #[test]
    fn every_record_of_the_sample_comes_back_from_its_body() {
        let d = crate::sample::lang_son();
        let records: Vec<Record> = d.records().collect();
        assert!(records.len() >= 40);
        let mut back = Dossier::new("");
        for r in &records {
            let (kind, id) = key_parts(r.key());
            let again = from_body(kind, &body(r).unwrap()).unwrap();
            assert_eq!(&again, r, "{kind} {id}");
            back.put(again);
            assert_eq!(key_parts(r.key()), (kind, id));
        }
        assert_eq!(back, d);
        let mut shuffled = records.clone();
        shuffled.reverse();
        assert_eq!(Dossier::from_records(shuffled), d);
        assert!(
            from_body("Spaceship", "{}")
                .unwrap_err()
                .contains("Spaceship")
        );
    }
}
