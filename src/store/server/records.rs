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
    fn show(v: Option<&serde_json::Value>) -> String {
        match v {
            None => "—".into(),
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
        }
    }
    let (w, t, m) = (fields_of(was), fields_of(theirs), fields_of(mine));
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

/// A record's fields as a JSON object (`None` for no record, or one that is not an object).
fn fields_of(r: Option<&Record>) -> Option<serde_json::Map<String, serde_json::Value>> {
    let text = body(r?).ok()?;
    match serde_json::from_str(&text).ok()? {
        serde_json::Value::Object(m) => Some(m),
        _ => None,
    }
}

/// `base` with the fields named in `take` as `from` has them: the record a person chose field
/// by field from theirs (`base`) and mine (`from`). Refused when the result is not a valid
/// record of the kind.
pub fn merge_fields(base: &Record, from: &Record, take: &[String]) -> Result<Record, String> {
    let (kind, _) = key_parts(base.key());
    let (mut b, f) = match (fields_of(Some(base)), fields_of(Some(from))) {
        (Some(b), Some(f)) => (b, f),
        _ => return Err(format!("không ghép được bản ghi {kind}")),
    };
    for name in take {
        match f.get(name) {
            Some(v) => {
                b.insert(name.clone(), v.clone());
            }
            None => {
                b.remove(name);
            }
        }
    }
    from_body(kind, &serde_json::Value::Object(b).to_string())
}

/// What an edit made of a record (`before` → `after`), made again on `base` instead: the
/// fields the edit changed take its values, the others stay as `base` has them. A record the
/// edit added or deleted, or one `base` lacks, is taken whole.
pub fn rebase_edit(
    before: Option<&Record>,
    after: Option<&Record>,
    base: Option<&Record>,
) -> Option<Record> {
    let (Some(before), Some(after), Some(base)) = (before, after, base) else {
        return after.cloned();
    };
    let (Some(b), Some(a)) = (fields_of(Some(before)), fields_of(Some(after))) else {
        return Some(after.clone());
    };
    let mut names: Vec<String> = a.keys().chain(b.keys()).cloned().collect();
    names.sort();
    names.dedup();
    let changed: Vec<String> = names.into_iter().filter(|n| a.get(n) != b.get(n)).collect();
    merge_fields(base, after, &changed)
        .ok()
        .or_else(|| Some(after.clone()))
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

    #[test]
    fn fields_chosen_from_each_side_make_one_record_and_an_edit_moves_onto_a_newer_record() {
        let d = crate::sample::lang_son();
        let Some(was) = d.recommendations.first().cloned() else {
            panic!("the sample has recommendations");
        };
        let mut theirs = was.clone();
        theirs.text = "Của họ".into();
        theirs.position = 9;
        let mut mine = was.clone();
        mine.text = "Của tôi".into();
        mine.addressees = vec!["UBND huyện Chi Lăng".into()];
        let (t, m) = (Record::Recommendation(theirs), Record::Recommendation(mine));
        let fields: Vec<String> = field_conflicts(None, Some(&t), Some(&m))
            .into_iter()
            .map(|f| f.field)
            .collect();
        assert_eq!(fields, ["addressees", "position", "text"]);
        // Mine for the text only: their position and addressees stay.
        let Record::Recommendation(merged) = merge_fields(&t, &m, &["text".into()]).unwrap() else {
            panic!("a recommendation stays one");
        };
        assert_eq!((merged.text.as_str(), merged.position), ("Của tôi", 9));
        assert_eq!(merged.addressees, was.addressees);
        // My edit of the addressees alone, made again on their newer record.
        let mut later = m.clone();
        if let Record::Recommendation(r) = &mut later {
            r.addressees.push("Sở Tài chính".into());
        }
        let Some(Record::Recommendation(moved)) = rebase_edit(Some(&m), Some(&later), Some(&t))
        else {
            panic!("an update stays an update");
        };
        assert_eq!(moved.text, "Của họ");
        assert_eq!(moved.position, 9);
        assert_eq!(moved.addressees, ["UBND huyện Chi Lăng", "Sở Tài chính"]);
        // A deletion stays a deletion.
        assert_eq!(rebase_edit(Some(&m), None, Some(&t)), None);
    }
}
