//! Validation: everything wrong with a dossier, each problem with the path of the field at
//! fault and its message in both languages; all of it or only what some edits touched.

mod figures;
mod findings;
mod history;
mod structure;

use super::{Dossier, Problem};
use crate::model::ids::*;
use crate::model::period::{MAX_YEAR, MIN_YEAR};
use crate::model::record::RecordKey;
use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};
use std::fmt;

impl Dossier {
    /// Everything wrong with the dossier, each with the path of the field at fault. An empty
    /// list means the dossier may be stored.
    pub fn validate(&self) -> Vec<Problem> {
        let mut v = Validator::default();
        v.run(self);
        v.problems
    }

    /// What [`Dossier::validate`] would find, for a dossier that was valid before `edits`
    /// were applied to it — found by looking at the edited records only, so that one edit in
    /// a province-scale project is checked in microseconds, not by walking every record. An
    /// edit to a record others refer to (a program, project, area, funding source, indicator
    /// or round) can break those others, so it is checked by validating everything, as is a
    /// large batch.
    pub fn validate_edits(&self, edits: &[crate::model::record::Edit]) -> Vec<Problem> {
        const MOST_KEYS: usize = 64;
        let mut keys: HashSet<RecordKey> = edits.iter().filter_map(|e| e.key()).collect();
        // A recommendation's history and files depend on it (its responses, its amount):
        // they are looked at with it.
        let recs: HashSet<RecommendationId> = keys
            .iter()
            .filter_map(|k| match k {
                RecordKey::Recommendation(id) => Some(*id),
                _ => None,
            })
            .collect();
        if !recs.is_empty() {
            keys.extend(
                self.events
                    .iter()
                    .filter(|e| recs.contains(&e.recommendation_id))
                    .map(|e| RecordKey::Event(e.id)),
            );
            keys.extend(
                self.attachments
                    .iter()
                    .filter(|a| recs.contains(&a.recommendation_id))
                    .map(|a| RecordKey::Attachment(a.id)),
            );
        }
        let structural = keys.iter().any(|k| {
            matches!(
                k,
                RecordKey::Program(_)
                    | RecordKey::Project(_)
                    | RecordKey::Area(_)
                    | RecordKey::FundingSource(_)
                    | RecordKey::Indicator(_)
                    | RecordKey::Round(_)
            )
        });
        let mut v = Validator::default();
        if !structural && keys.len() <= MOST_KEYS {
            v.scope = Some(keys);
        }
        v.run(self);
        v.problems
    }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
    /// The records to look at; `None`: all of them. Only records no other record refers to
    /// are ever left out (see [`Dossier::validate_edits`]).
    scope: Option<HashSet<RecordKey>>,
}

fn year_ok(y: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
}

/// A record kind named in both languages, for messages.
type What = (&'static str, &'static str);
const W_PROGRAM: What = ("chương trình", "program");
const W_PROJECT: What = ("dự án", "project");
const W_AREA: What = ("địa bàn", "area");
const W_FUNDING: What = ("nguồn vốn", "funding source");
const W_INDICATOR: What = ("chỉ tiêu", "indicator");
const W_ROUND: What = ("đợt giám sát", "supervision round");
const W_SUBJECT: What = ("đối tượng giám sát trong đợt này", "subject of this round");

impl Validator {
    fn push(&mut self, path: String, vi: impl Into<String>, en: impl Into<String>) {
        self.problems.push(Problem {
            path,
            message: vi.into(),
            message_en: en.into(),
        });
    }

    fn non_empty(&mut self, path: String, value: &str, what: What) {
        if value.trim().is_empty() {
            self.push(
                path,
                format!("{} không được để trống", what.0),
                format!("the {} must not be empty", what.1),
            );
        }
    }

    fn year(&mut self, path: String, year: Option<i32>) {
        if let Some(y) = year
            && !year_ok(y)
        {
            self.push(
                path,
                format!("năm {y} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}"),
                format!("year {y} is outside {MIN_YEAR}–{MAX_YEAR}"),
            );
        }
    }

    fn year_span(
        &mut self,
        base: &str,
        from_field: &str,
        from: Option<i32>,
        to_field: &str,
        to: Option<i32>,
    ) {
        self.year(format!("{base}.{from_field}"), from);
        self.year(format!("{base}.{to_field}"), to);
        if let (Some(a), Some(b)) = (from, to)
            && a > b
        {
            self.push(
                format!("{base}.{from_field}"),
                format!("năm bắt đầu {a} sau năm kết thúc {b}"),
                format!("start year {a} is after end year {b}"),
            );
        }
    }

    fn date(&mut self, path: String, date: Option<NaiveDate>) {
        if let Some(d) = date
            && !year_ok(d.year())
        {
            let shown = d.format("%d/%m/%Y");
            self.push(
                path,
                format!("ngày {shown} nằm ngoài khoảng năm {MIN_YEAR}–{MAX_YEAR}"),
                format!("date {shown} is outside the years {MIN_YEAR}–{MAX_YEAR}"),
            );
        }
    }

    fn unique<I: Eq + std::hash::Hash + fmt::Display>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = I>,
    ) -> HashSet<I> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            let text = id.to_string();
            if !seen.insert(id) {
                self.push(
                    format!("{list}[{i}].id"),
                    format!("mã {text} bị trùng"),
                    format!("id {text} is used twice"),
                );
            }
        }
        seen
    }

    /// That `id` is one of `known`; the path of the field is written only when it is not
    /// (a province's million figures are checked without a million strings).
    fn reference<I: Eq + std::hash::Hash + fmt::Display>(
        &mut self,
        path: impl FnOnce() -> String,
        id: &I,
        known: &HashSet<I>,
        what: What,
    ) {
        if !known.contains(id) {
            self.push(
                path(),
                format!("không có {} mã {id}", what.0),
                format!("there is no {} with id {id}", what.1),
            );
        }
    }

    /// Follows parent links from every node; a node reached twice on one walk is a cycle.
    fn acyclic<I: Copy + Eq + std::hash::Hash + fmt::Display>(
        &mut self,
        list: &str,
        parents: &[(I, Option<I>)],
    ) {
        let map: HashMap<I, Option<I>> = parents.iter().copied().collect();
        for (i, (start, _)) in parents.iter().enumerate() {
            let mut seen = HashSet::from([*start]);
            let mut cur = map.get(start).copied().flatten();
            while let Some(c) = cur {
                if !seen.insert(c) {
                    self.push(
                        format!("{list}[{i}].parent_id"),
                        "các cấp cha tạo thành vòng lặp",
                        "the parents form a loop",
                    );
                    break;
                }
                cur = map.get(&c).copied().flatten();
            }
        }
    }

    /// Whether a record is looked at.
    fn wants(&self, key: RecordKey) -> bool {
        self.scope.as_ref().is_none_or(|s| s.contains(&key))
    }

    /// The ids of a list, checked for repeats when the whole dossier is looked at.
    fn known<I: Eq + std::hash::Hash + fmt::Display>(
        &mut self,
        list: &str,
        ids: impl Iterator<Item = I>,
    ) -> HashSet<I> {
        if self.scope.is_none() {
            self.unique(list, ids)
        } else {
            ids.collect()
        }
    }

    /// Repeated ids among the looked-at items of a list (`item` gives each one's id and
    /// whether it is looked at). Looking at a few records of a long list compares their ids
    /// with the list's instead of hashing all of it.
    fn unique_among<I: Eq + Copy + std::hash::Hash + fmt::Display>(
        &mut self,
        list: &str,
        items: &[(I, bool)],
    ) {
        if self.scope.is_none() {
            self.unique(list, items.iter().map(|(id, _)| *id));
            return;
        }
        for (i, (id, wanted)) in items.iter().enumerate() {
            if *wanted && items.iter().filter(|(other, _)| other == id).count() > 1 {
                let text = id.to_string();
                self.push(
                    format!("{list}[{i}].id"),
                    format!("mã {text} bị trùng"),
                    format!("id {text} is used twice"),
                );
            }
        }
    }

    fn run(&mut self, d: &Dossier) {
        let all = self.scope.is_none();
        if self.wants(RecordKey::Info) {
            self.non_empty(
                "info.name".into(),
                &d.info.name,
                ("Tên hồ sơ", "dossier name"),
            );
        }
        let known = self.structure(d, all);
        self.figures(d, &known);
        self.findings(d, &known);
    }
}

/// The ids records may refer to.
struct Known {
    programs: HashSet<ProgramId>,
    projects: HashSet<ProjectId>,
    areas: HashSet<AreaId>,
    sources: HashSet<FundingSourceId>,
    indicators: HashSet<IndicatorId>,
    indicator_kind: HashMap<IndicatorId, crate::model::figures::IndicatorKind>,
    rounds: HashSet<RoundId>,
}
