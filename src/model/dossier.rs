//! The dossier: everything one project file holds about one supervision subject, and the
//! rules that make it consistent (validation) and comparable (NFC text).

use super::area::Area;
use super::figures::{Allocation, FundingSource, Indicator, IndicatorValue};
use super::findings::{
    Conclusion, FollowUpEvent, Phrase, Recommendation, RecommendationKind, RecommendationStatus,
    TextTarget, TextVersion,
};
use super::ids::*;
use super::period::{MAX_YEAR, MIN_YEAR};
use super::program::{Program, Project};
use super::record::RecordKey;
use super::round::Round;
use super::text::{clean_line, nfc};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Formulations common in the Front's supervision documents, written for GiamSat.
pub const DEFAULT_PHRASES: [&str; 8] = [
    "Cấp ủy, chính quyền địa phương đã quan tâm lãnh đạo, chỉ đạo triển khai thực hiện kịp thời, đúng quy định.",
    "Các kế hoạch, văn bản hướng dẫn được ban hành kịp thời, phù hợp với điều kiện thực tế của địa phương.",
    "Công tác tuyên truyền, phổ biến chính sách có lúc, có nơi chưa thường xuyên, chưa sâu rộng.",
    "Việc phân bổ, giải ngân vốn còn chậm so với kế hoạch.",
    "Một số nội dung trong báo cáo chưa đầy đủ, cần bổ sung số liệu cụ thể.",
    "Đề nghị tiếp tục chỉ đạo các phòng, ban chuyên môn tổ chức thực hiện có hiệu quả các nội dung của Chương trình.",
    "Đề nghị tăng cường kiểm tra, giám sát việc sử dụng nguồn vốn đúng mục đích, đúng đối tượng.",
    "Đề nghị báo cáo kết quả thực hiện các kiến nghị bằng văn bản gửi Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh.",
];

/// What the dossier is and who supervises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DossierInfo {
    /// "Giám sát thực hiện Dự án 7 tại Hữu Lũng và Chi Lăng".
    pub name: String,
    /// "Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn".
    pub supervising_body: String,
    /// The place written before the date in documents: "Lạng Sơn".
    pub place: String,
    pub notes: String,
}

/// The whole content of a project file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    pub info: DossierInfo,
    pub programs: Vec<Program>,
    pub projects: Vec<Project>,
    pub areas: Vec<Area>,
    pub funding_sources: Vec<FundingSource>,
    pub allocations: Vec<Allocation>,
    pub indicators: Vec<Indicator>,
    pub indicator_values: Vec<IndicatorValue>,
    pub rounds: Vec<Round>,
    pub conclusions: Vec<Conclusion>,
    pub recommendations: Vec<Recommendation>,
    /// The phrase library.
    #[serde(default)]
    pub phrases: Vec<Phrase>,
    /// The history of the conclusions' and recommendations' texts.
    #[serde(default)]
    pub text_versions: Vec<TextVersion>,
    /// The settings of printed documents, per round and kind (absent: defaults).
    #[serde(default)]
    pub documents: Vec<super::document::DocumentSettings>,
    /// The follow-up history of every recommendation, oldest first (by id).
    #[serde(default)]
    pub events: Vec<super::findings::FollowUpEvent>,
    /// What is known about each attached file; the bytes stay in the project file.
    #[serde(default)]
    pub attachments: Vec<super::findings::Attachment>,
    /// Each round's lock log: when its notice was issued, when and why it was unlocked.
    #[serde(default)]
    pub round_events: Vec<super::round::RoundEvent>,
    /// Where former units went: one line per old unit → new unit, with date and act.
    #[serde(default)]
    pub successions: Vec<super::area::Succession>,
}

/// One thing wrong with a dossier, and where: `allocations[2].area_id`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    /// In Vietnamese.
    pub message: String,
    pub message_en: String,
}

impl Problem {
    pub fn message(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Vi => &self.message,
            crate::i18n::Lang::En => &self.message_en,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// The counts of each kind of record, as `giamsat check` prints them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RecordCounts {
    pub programs: usize,
    pub projects: usize,
    pub areas: usize,
    pub funding_sources: usize,
    pub allocations: usize,
    pub indicators: usize,
    pub indicator_values: usize,
    pub rounds: usize,
    pub conclusions: usize,
    pub recommendations: usize,
    pub responses: usize,
    pub phrases: usize,
    pub text_versions: usize,
    pub events: usize,
    pub attachments: usize,
    pub successions: usize,
}

impl Dossier {
    /// An empty dossier with only a name.
    pub fn new(name: &str) -> Dossier {
        Dossier {
            info: DossierInfo {
                name: clean_line(name),
                supervising_body: String::new(),
                place: String::new(),
                notes: String::new(),
            },
            programs: vec![],
            projects: vec![],
            areas: vec![],
            funding_sources: vec![],
            allocations: vec![],
            indicators: vec![],
            indicator_values: vec![],
            rounds: vec![],
            conclusions: vec![],
            recommendations: vec![],
            phrases: vec![],
            text_versions: vec![],
            documents: vec![],
            events: vec![],
            attachments: vec![],
            round_events: vec![],
            successions: vec![],
        }
    }

    /// Adds the ready-made formulations new projects start with (users edit the library).
    pub fn add_default_phrases(&mut self) {
        let start = self.phrases.iter().map(|p| p.id.0).max().unwrap_or(0);
        for (i, text) in DEFAULT_PHRASES.iter().enumerate() {
            self.phrases.push(Phrase {
                id: PhraseId(start + 1 + i as i64),
                text: (*text).to_string(),
                position: i as i64 + 1,
            });
        }
    }

    /// The versions of one text, oldest first.
    pub fn versions_of(&self, target: TextTarget) -> Vec<&TextVersion> {
        let mut v: Vec<&TextVersion> = self
            .text_versions
            .iter()
            .filter(|t| t.target == target)
            .collect();
        v.sort_by_key(|t| (t.saved_at, t.id));
        v
    }

    /// Adds the national poverty-reduction program and its seven projects (Quyết định
    /// 90/QĐ-TTg) as a ready catalogue, with ids after the existing ones.
    pub fn add_giam_ngheo_catalogue(&mut self) -> ProgramId {
        use super::program::{GIAM_NGHEO_DECISION, GIAM_NGHEO_NAME, GIAM_NGHEO_PROJECTS};
        let program_id = ProgramId(self.programs.iter().map(|p| p.id.0).max().unwrap_or(0) + 1);
        self.programs.push(Program {
            id: program_id,
            name: GIAM_NGHEO_NAME.to_string(),
            decision: GIAM_NGHEO_DECISION.to_string(),
            from_year: Some(2021),
            to_year: Some(2025),
        });
        let mut next = self.projects.iter().map(|p| p.id.0).max().unwrap_or(0);
        for (code, name) in GIAM_NGHEO_PROJECTS {
            next += 1;
            self.projects.push(Project {
                id: ProjectId(next),
                program_id,
                parent_id: None,
                code: code.to_string(),
                name: name.to_string(),
            });
        }
        program_id
    }

    pub fn counts(&self) -> RecordCounts {
        RecordCounts {
            programs: self.programs.len(),
            projects: self.projects.len(),
            areas: self.areas.len(),
            funding_sources: self.funding_sources.len(),
            allocations: self.allocations.len(),
            indicators: self.indicators.len(),
            indicator_values: self.indicator_values.len(),
            rounds: self.rounds.len(),
            conclusions: self.conclusions.len(),
            recommendations: self.recommendations.len(),
            responses: self.recommendations.iter().map(|r| r.responses.len()).sum(),
            phrases: self.phrases.len(),
            text_versions: self.text_versions.len(),
            events: self.events.len(),
            attachments: self.attachments.len(),
            successions: self.successions.len(),
        }
    }

    pub fn area(&self, id: AreaId) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    pub fn program(&self, id: ProgramId) -> Option<&Program> {
        self.programs.iter().find(|p| p.id == id)
    }

    pub fn funding_source(&self, id: FundingSourceId) -> Option<&FundingSource> {
        self.funding_sources.iter().find(|f| f.id == id)
    }

    pub fn indicator(&self, id: IndicatorId) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// Puts every text in Unicode NFC (names and one-line fields also lose surrounding
    /// whitespace), so pasted decomposed text is stored like typed text.
    pub fn normalize_text(&mut self) {
        let line = |s: &mut String| *s = clean_line(s);
        let para = |s: &mut String| *s = nfc(s);
        let i = &mut self.info;
        line(&mut i.name);
        line(&mut i.supervising_body);
        line(&mut i.place);
        para(&mut i.notes);
        for p in &mut self.programs {
            line(&mut p.name);
            line(&mut p.decision);
        }
        for p in &mut self.projects {
            line(&mut p.code);
            line(&mut p.name);
        }
        for a in &mut self.areas {
            line(&mut a.name);
        }
        for f in &mut self.funding_sources {
            line(&mut f.name);
        }
        for a in &mut self.allocations {
            para(&mut a.note);
            line(&mut a.source_doc);
        }
        for ind in &mut self.indicators {
            line(&mut ind.name);
            line(&mut ind.unit);
        }
        for v in &mut self.indicator_values {
            para(&mut v.note);
            line(&mut v.source_doc);
        }
        for r in &mut self.rounds {
            line(&mut r.title);
            line(&mut r.plan_ref);
            line(&mut r.supervising_body);
            para(&mut r.notes);
            for s in &mut r.subjects {
                line(&mut s.body);
            }
            for m in &mut r.members {
                line(&mut m.person);
                line(&mut m.organisation);
                line(&mut m.role);
            }
            for s in &mut r.sessions {
                para(&mut s.topics);
                para(&mut s.documents);
            }
        }
        for c in &mut self.conclusions {
            para(&mut c.text);
        }
        for p in &mut self.phrases {
            para(&mut p.text);
        }
        for v in &mut self.text_versions {
            line(&mut v.name);
            para(&mut v.text);
        }
        for doc in &mut self.documents {
            for f in [
                &mut doc.parent_body,
                &mut doc.issuer,
                &mut doc.issuer_sub,
                &mut doc.number,
                &mut doc.symbol,
                &mut doc.place,
                &mut doc.summary,
                &mut doc.signer_authority,
                &mut doc.signer_title,
                &mut doc.signer_name,
            ] {
                line(f);
            }
            para(&mut doc.closing);
            for r in &mut doc.recipients {
                line(r);
            }
        }
        for r in &mut self.recommendations {
            para(&mut r.text);
            for a in &mut r.addressees {
                line(a);
            }
            for resp in &mut r.responses {
                para(&mut resp.text);
                line(&mut resp.evidence);
            }
        }
        for x in &mut self.successions {
            line(&mut x.act);
        }
        for e in &mut self.round_events {
            line(&mut e.recorded_by);
            para(&mut e.reason);
        }
        for a in &mut self.attachments {
            line(&mut a.name);
            line(&mut a.added_by);
            para(&mut a.note);
        }
        for e in &mut self.events {
            line(&mut e.recorded_by);
            line(&mut e.verifier);
            para(&mut e.note);
            para(&mut e.explanation);
        }
    }

    /// A recommendation's follow-up history, oldest first.
    pub fn history_of(&self, id: RecommendationId) -> Vec<&super::findings::FollowUpEvent> {
        let mut v: Vec<_> = self
            .events
            .iter()
            .filter(|e| e.recommendation_id == id)
            .collect();
        v.sort_by_key(|e| e.order_key());
        v
    }

    /// The latest history entry of each recommendation that has one.
    pub fn latest_events(&self) -> HashMap<RecommendationId, &FollowUpEvent> {
        let mut latest: HashMap<RecommendationId, &FollowUpEvent> = HashMap::new();
        for e in &self.events {
            let slot = latest.entry(e.recommendation_id).or_insert(e);
            if e.order_key() > slot.order_key() {
                *slot = e;
            }
        }
        latest
    }

    pub fn recommendation(&self, id: RecommendationId) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.id == id)
    }

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
    pub fn validate_edits(&self, edits: &[super::record::Edit]) -> Vec<Problem> {
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

    fn reference<I: Eq + std::hash::Hash + fmt::Display>(
        &mut self,
        path: String,
        id: &I,
        known: &HashSet<I>,
        what: What,
    ) {
        if !known.contains(id) {
            self.push(
                path,
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

    /// The records others refer to: programs, projects, areas, funding sources, indicators,
    /// rounds. Checked only when everything is; their ids are always gathered.
    fn structure(&mut self, d: &Dossier, all: bool) -> Known {
        let programs = self.known("programs", d.programs.iter().map(|p| p.id));
        let projects = self.known("projects", d.projects.iter().map(|p| p.id));
        let areas = self.known("areas", d.areas.iter().map(|a| a.id));
        let sources = self.known("funding_sources", d.funding_sources.iter().map(|f| f.id));
        let indicators = self.known("indicators", d.indicators.iter().map(|x| x.id));
        let rounds = self.known("rounds", d.rounds.iter().map(|r| r.id));
        let known = Known {
            programs,
            projects,
            areas,
            sources,
            indicators,
            indicator_kind: d.indicators.iter().map(|x| (x.id, x.kind)).collect(),
            rounds,
        };
        if !all {
            return known;
        }
        for (i, p) in d.programs.iter().enumerate() {
            self.non_empty(
                format!("programs[{i}].name"),
                &p.name,
                ("Tên chương trình", "program name"),
            );
            self.year_span(
                &format!("programs[{i}]"),
                "from_year",
                p.from_year,
                "to_year",
                p.to_year,
            );
        }

        let project_program: HashMap<ProjectId, ProgramId> =
            d.projects.iter().map(|p| (p.id, p.program_id)).collect();
        for (i, p) in d.projects.iter().enumerate() {
            self.non_empty(
                format!("projects[{i}].name"),
                &p.name,
                ("Tên dự án", "project name"),
            );
            self.reference(
                format!("projects[{i}].program_id"),
                &p.program_id,
                &known.programs,
                W_PROGRAM,
            );
            if let Some(parent) = p.parent_id {
                self.reference(
                    format!("projects[{i}].parent_id"),
                    &parent,
                    &known.projects,
                    W_PROJECT,
                );
                if let Some(pp) = project_program.get(&parent)
                    && *pp != p.program_id
                {
                    self.push(
                        format!("projects[{i}].parent_id"),
                        "tiểu dự án phải thuộc cùng chương trình với dự án cha",
                        "a sub-project must belong to its parent's program",
                    );
                }
            }
        }
        let links: Vec<_> = d.projects.iter().map(|p| (p.id, p.parent_id)).collect();
        self.acyclic("projects", &links);

        let area_level: HashMap<AreaId, _> = d.areas.iter().map(|a| (a.id, a.level())).collect();
        for (i, a) in d.areas.iter().enumerate() {
            self.non_empty(
                format!("areas[{i}].name"),
                &a.name,
                ("Tên địa bàn", "area name"),
            );
            self.year_span(
                &format!("areas[{i}]"),
                "valid_from",
                a.valid_from,
                "valid_to",
                a.valid_to,
            );
            if let Some(parent) = a.parent_id {
                self.reference(
                    format!("areas[{i}].parent_id"),
                    &parent,
                    &known.areas,
                    W_AREA,
                );
                if let Some(pl) = area_level.get(&parent)
                    && *pl >= a.level()
                {
                    self.push(
                        format!("areas[{i}].parent_id"),
                        format!(
                            "{} không thể trực thuộc một đơn vị cùng cấp hoặc cấp dưới",
                            a.full_name_vi()
                        ),
                        format!(
                            "{} cannot belong to a unit of the same or a lower level",
                            a.name
                        ),
                    );
                }
            }
        }
        let links: Vec<_> = d.areas.iter().map(|a| (a.id, a.parent_id)).collect();
        self.acyclic("areas", &links);

        for (i, f) in d.funding_sources.iter().enumerate() {
            self.non_empty(
                format!("funding_sources[{i}].name"),
                &f.name,
                ("Tên nguồn vốn", "funding source name"),
            );
        }
        for (i, x) in d.indicators.iter().enumerate() {
            self.non_empty(
                format!("indicators[{i}].name"),
                &x.name,
                ("Tên chỉ tiêu", "indicator name"),
            );
        }

        self.unique(
            "rounds[].subjects",
            d.rounds
                .iter()
                .flat_map(|r| r.subjects.iter().map(|s| s.id)),
        );
        self.unique(
            "rounds[].members",
            d.rounds.iter().flat_map(|r| r.members.iter().map(|s| s.id)),
        );
        self.unique(
            "rounds[].sessions",
            d.rounds
                .iter()
                .flat_map(|r| r.sessions.iter().map(|s| s.id)),
        );
        for (i, r) in d.rounds.iter().enumerate() {
            let base = format!("rounds[{i}]");
            self.non_empty(
                format!("{base}.title"),
                &r.title,
                ("Tên đợt giám sát", "round title"),
            );
            for (j, p) in r.project_ids.iter().enumerate() {
                self.reference(
                    format!("{base}.project_ids[{j}]"),
                    p,
                    &known.projects,
                    W_PROJECT,
                );
            }
            self.date(format!("{base}.start_date"), r.start_date);
            self.date(format!("{base}.end_date"), r.end_date);
            if let (Some(a), Some(b)) = (r.start_date, r.end_date)
                && a > b
            {
                self.push(
                    format!("{base}.start_date"),
                    "ngày bắt đầu sau ngày kết thúc",
                    "the start date is after the end date",
                );
            }
            let subjects: HashSet<SubjectId> = r.subjects.iter().map(|s| s.id).collect();
            for (j, s) in r.subjects.iter().enumerate() {
                self.non_empty(
                    format!("{base}.subjects[{j}].body"),
                    &s.body,
                    ("Tên đối tượng giám sát", "subject's name"),
                );
                if let Some(a) = s.area_id {
                    self.reference(
                        format!("{base}.subjects[{j}].area_id"),
                        &a,
                        &known.areas,
                        W_AREA,
                    );
                }
            }
            for (j, m) in r.members.iter().enumerate() {
                if m.person.trim().is_empty() && m.organisation.trim().is_empty() {
                    self.push(
                        format!("{base}.members[{j}]"),
                        "thành viên đoàn cần có tên người hoặc tên cơ quan",
                        "a delegation member needs a person's or an organisation's name",
                    );
                }
            }
            for (j, s) in r.sessions.iter().enumerate() {
                self.date(format!("{base}.sessions[{j}].date"), Some(s.date));
                if let Some(sid) = s.subject_id {
                    self.reference(
                        format!("{base}.sessions[{j}].subject_id"),
                        &sid,
                        &subjects,
                        W_SUBJECT,
                    );
                }
            }
            self.date(format!("{base}.issued_on"), r.issued_on);
        }
        known
    }

    /// Allocations and indicator values.
    fn figures(&mut self, d: &Dossier, known: &Known) {
        let items: Vec<_> = d
            .allocations
            .iter()
            .map(|a| (a.id, self.wants(RecordKey::Allocation(a.id))))
            .collect();
        self.unique_among("allocations", &items);
        for (i, a) in d.allocations.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                format!("allocations[{i}].area_id"),
                &a.area_id,
                &known.areas,
                W_AREA,
            );
            self.reference(
                format!("allocations[{i}].project_id"),
                &a.project_id,
                &known.projects,
                W_PROJECT,
            );
            if let Some(f) = a.funding_source_id {
                self.reference(
                    format!("allocations[{i}].funding_source_id"),
                    &f,
                    &known.sources,
                    W_FUNDING,
                );
            }
            if let Some(r) = a.round_id {
                self.reference(
                    format!("allocations[{i}].round_id"),
                    &r,
                    &known.rounds,
                    W_ROUND,
                );
            }
        }

        let items: Vec<_> = d
            .indicator_values
            .iter()
            .map(|x| (x.id, self.wants(RecordKey::IndicatorValue(x.id))))
            .collect();
        self.unique_among("indicator_values", &items);
        for (i, x) in d.indicator_values.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                format!("indicator_values[{i}].indicator_id"),
                &x.indicator_id,
                &known.indicators,
                W_INDICATOR,
            );
            self.reference(
                format!("indicator_values[{i}].area_id"),
                &x.area_id,
                &known.areas,
                W_AREA,
            );
            if let Some(kind) = known.indicator_kind.get(&x.indicator_id)
                && !x.value.fits(*kind)
            {
                self.push(
                    format!("indicator_values[{i}].value"),
                    "giá trị không đúng loại của chỉ tiêu (số hoặc tháng)",
                    "the value does not fit the indicator's type (number or month)",
                );
            }
        }
    }

    /// Conclusions, recommendations, phrases, text versions and document settings.
    fn findings(&mut self, d: &Dossier, known: &Known) {
        let items: Vec<_> = d
            .conclusions
            .iter()
            .map(|c| (c.id, self.wants(RecordKey::Conclusion(c.id))))
            .collect();
        self.unique_among("conclusions", &items);
        for (i, c) in d.conclusions.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                format!("conclusions[{i}].round_id"),
                &c.round_id,
                &known.rounds,
                W_ROUND,
            );
            if let Some(a) = c.area_id {
                self.reference(
                    format!("conclusions[{i}].area_id"),
                    &a,
                    &known.areas,
                    W_AREA,
                );
            }
        }

        let items: Vec<_> = d
            .recommendations
            .iter()
            .map(|r| (r.id, self.wants(RecordKey::Recommendation(r.id))))
            .collect();
        self.unique_among("recommendations", &items);
        // Response ids are unique across all recommendations.
        let responses: Vec<_> = d
            .recommendations
            .iter()
            .zip(&items)
            .flat_map(|(r, (_, wanted))| r.responses.iter().map(move |x| (x.id, *wanted)))
            .collect();
        self.unique_among("recommendations[].responses", &responses);
        let latest = d.latest_events();
        for (i, r) in d.recommendations.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("recommendations[{i}]");
            self.reference(
                format!("{base}.round_id"),
                &r.round_id,
                &known.rounds,
                W_ROUND,
            );
            if r.addressees.is_empty() {
                self.push(
                    format!("{base}.addressees"),
                    "kiến nghị phải gửi đến ít nhất một cơ quan",
                    "a recommendation must be addressed to at least one body",
                );
            }
            for (j, a) in r.addressees.iter().enumerate() {
                self.non_empty(
                    format!("{base}.addressees[{j}]"),
                    a,
                    ("Tên cơ quan nhận kiến nghị", "addressee's name"),
                );
            }
            for (j, a) in r.area_ids.iter().enumerate() {
                self.reference(format!("{base}.area_ids[{j}]"), a, &known.areas, W_AREA);
            }
            self.date(format!("{base}.deadline"), r.deadline);
            for (j, x) in r.responses.iter().enumerate() {
                self.date(format!("{base}.responses[{j}].date"), Some(x.date));
            }
            if r.amount_dong.is_some() && r.kind != RecommendationKind::Financial {
                self.push(
                    format!("{base}.amount_dong"),
                    "chỉ kiến nghị loại tài chính mới có số tiền",
                    "only a financial recommendation has an amount",
                );
            }
            if let Some(earlier) = r.repeats {
                match d.recommendation(earlier) {
                    Some(e) if e.round_id != r.round_id => {}
                    Some(_) => self.push(
                        format!("{base}.repeats"),
                        "kiến nghị lặp lại phải trỏ tới kiến nghị của một đợt giám sát khác",
                        "a repeated recommendation must point to one of another round",
                    ),
                    None => self.push(
                        format!("{base}.repeats"),
                        format!("không có kiến nghị mã {earlier} để lặp lại"),
                        format!("there is no recommendation {earlier} to repeat"),
                    ),
                }
            }
            if let Some(last) = latest.get(&r.id)
                && last.status != r.status
            {
                self.push(
                    format!("{base}.status"),
                    format!(
                        "trạng thái “{}” khác với lần ghi cuối trong lịch sử theo dõi (“{}”)",
                        r.status.label_vi(),
                        last.status.label_vi()
                    ),
                    format!(
                        "the status “{}” differs from the last entry of the follow-up history (“{}”)",
                        r.status.code(),
                        last.status.code()
                    ),
                );
            }
        }
        self.events(d);
        self.attachments(d);
        self.round_events(d, known);
        self.successions(d, known);

        let items: Vec<_> = d
            .phrases
            .iter()
            .map(|p| (p.id, self.wants(RecordKey::Phrase(p.id))))
            .collect();
        self.unique_among("phrases", &items);
        for (i, p) in d.phrases.iter().enumerate() {
            if items[i].1 {
                self.non_empty(format!("phrases[{i}].text"), &p.text, ("Câu mẫu", "phrase"));
            }
        }

        let items: Vec<_> = d
            .text_versions
            .iter()
            .map(|v| (v.id, self.wants(RecordKey::TextVersion(v.id))))
            .collect();
        self.unique_among("text_versions", &items);
        for (i, v) in d.text_versions.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            self.reference(
                format!("text_versions[{i}].round_id"),
                &v.round_id,
                &known.rounds,
                W_ROUND,
            );
            self.date(
                format!("text_versions[{i}].saved_at"),
                Some(v.saved_at.date()),
            );
        }

        // Few, and unique per round and kind: all of them when any one is looked at.
        if !d
            .documents
            .iter()
            .any(|x| self.wants(RecordKey::Document(x.id)))
        {
            return;
        }
        self.unique("documents", d.documents.iter().map(|x| x.id));
        let mut seen = HashSet::new();
        for (i, doc) in d.documents.iter().enumerate() {
            self.reference(
                format!("documents[{i}].round_id"),
                &doc.round_id,
                &known.rounds,
                W_ROUND,
            );
            self.date(format!("documents[{i}].date"), doc.date);
            if !seen.insert((doc.round_id, doc.kind)) {
                self.push(
                    format!("documents[{i}].kind"),
                    "đợt giám sát đã có thiết lập cho loại văn bản này",
                    "the round already has settings for this kind of document",
                );
            }
        }
    }
}

impl Validator {
    /// The map of former units: both ends exist and differ, a pair is written once, the date
    /// is a real one, and no unit ends up succeeding itself. Few lines: all are looked at
    /// when any is.
    fn successions(&mut self, d: &Dossier, known: &Known) {
        if !d
            .successions
            .iter()
            .any(|x| self.wants(RecordKey::Succession(x.id)))
        {
            return;
        }
        self.unique("successions", d.successions.iter().map(|x| x.id));
        let mut pairs = HashSet::new();
        for (i, x) in d.successions.iter().enumerate() {
            let base = format!("successions[{i}]");
            self.reference(
                format!("{base}.from_area_id"),
                &x.from_area_id,
                &known.areas,
                W_AREA,
            );
            self.reference(
                format!("{base}.to_area_id"),
                &x.to_area_id,
                &known.areas,
                W_AREA,
            );
            self.date(format!("{base}.date"), Some(x.date));
            if x.from_area_id == x.to_area_id {
                self.push(
                    format!("{base}.to_area_id"),
                    "đơn vị không thể kế thừa chính nó",
                    "a unit cannot succeed itself",
                );
            } else if !pairs.insert((x.from_area_id, x.to_area_id)) {
                self.push(
                    format!("{base}.to_area_id"),
                    "cặp đơn vị cũ → mới này đã được ghi",
                    "this former → new pair is already recorded",
                );
            }
        }
        // A loop (A → B → A) would make "today's unit" undefined.
        let map = super::area::SuccessionMap::new(&d.successions);
        for (i, x) in d.successions.iter().enumerate() {
            if x.from_area_id != x.to_area_id && map.reaches(x.to_area_id, x.from_area_id) {
                self.push(
                    format!("successions[{i}].to_area_id"),
                    "các dòng kế thừa tạo thành vòng lặp",
                    "the succession lines form a loop",
                );
            }
        }
    }

    /// The rounds' lock logs: each entry belongs to a round, says who, and an unlocking says
    /// why.
    fn round_events(&mut self, d: &Dossier, known: &Known) {
        let items: Vec<_> = d
            .round_events
            .iter()
            .map(|e| (e.id, self.wants(RecordKey::RoundEvent(e.id))))
            .collect();
        self.unique_among("round_events", &items);
        for (i, e) in d.round_events.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("round_events[{i}]");
            self.reference(
                format!("{base}.round_id"),
                &e.round_id,
                &known.rounds,
                W_ROUND,
            );
            self.non_empty(
                format!("{base}.recorded_by"),
                &e.recorded_by,
                ("Tên người ghi", "name of the one recording"),
            );
            if e.action == super::round::LockAction::Unlocked {
                self.non_empty(
                    format!("{base}.reason"),
                    &e.reason,
                    ("Lý do mở khóa", "reason for unlocking"),
                );
            }
            self.date(format!("{base}.recorded_at"), Some(e.recorded_at.date()));
        }
    }

    /// Attached files: each belongs to a recommendation (and to one of its responses or
    /// history entries, if to any), has a name, a size within the limit and a SHA-256.
    fn attachments(&mut self, d: &Dossier) {
        let items: Vec<_> = d
            .attachments
            .iter()
            .map(|a| (a.id, self.wants(RecordKey::Attachment(a.id))))
            .collect();
        self.unique_among("attachments", &items);
        for (i, a) in d.attachments.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("attachments[{i}]");
            let Some(r) = d.recommendation(a.recommendation_id) else {
                self.push(
                    format!("{base}.recommendation_id"),
                    format!("không có kiến nghị mã {}", a.recommendation_id),
                    format!("there is no recommendation {}", a.recommendation_id),
                );
                continue;
            };
            if let Some(x) = a.response_id
                && !r.responses.iter().any(|resp| resp.id == x)
            {
                self.push(
                    format!("{base}.response_id"),
                    format!("kiến nghị không có phản hồi mã {x}"),
                    format!("the recommendation has no response {x}"),
                );
            }
            if let Some(x) = a.event_id
                && !d
                    .events
                    .iter()
                    .any(|e| e.id == x && e.recommendation_id == r.id)
            {
                self.push(
                    format!("{base}.event_id"),
                    format!("lịch sử của kiến nghị không có lần cập nhật mã {x}"),
                    format!("the recommendation's history has no entry {x}"),
                );
            }
            self.non_empty(format!("{base}.name"), &a.name, ("Tên tệp", "file name"));
            if a.size > super::findings::MAX_ATTACHMENT_BYTES {
                self.push(
                    format!("{base}.size"),
                    "tệp đính kèm vượt giới hạn 50 MB",
                    "the attached file is over the 50 MB limit",
                );
            }
            if a.sha256.len() != 64 || !a.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                self.push(
                    format!("{base}.sha256"),
                    "mã SHA-256 phải gồm 64 chữ số hệ 16",
                    "the SHA-256 must be 64 hexadecimal digits",
                );
            }
            self.date(format!("{base}.received_on"), a.received_on);
            self.date(format!("{base}.document_date"), a.document_date);
        }
    }

    /// The follow-up history: each entry belongs to a recommendation and says what its status
    /// needs (how it was verified, which part was done, why not).
    fn events(&mut self, d: &Dossier) {
        let items: Vec<_> = d
            .events
            .iter()
            .map(|e| (e.id, self.wants(RecordKey::Event(e.id))))
            .collect();
        self.unique_among("events", &items);
        for (i, e) in d.events.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("events[{i}]");
            let Some(r) = d.recommendation(e.recommendation_id) else {
                self.push(
                    format!("{base}.recommendation_id"),
                    format!("không có kiến nghị mã {}", e.recommendation_id),
                    format!("there is no recommendation {}", e.recommendation_id),
                );
                continue;
            };
            self.non_empty(
                format!("{base}.recorded_by"),
                &e.recorded_by,
                ("Tên người ghi", "name of the one recording"),
            );
            self.date(format!("{base}.date"), Some(e.date));
            self.date(format!("{base}.recorded_at"), Some(e.recorded_at.date()));
            use RecommendationStatus as S;
            if e.status == S::Done && e.method.is_none() {
                self.push(
                    format!("{base}.method"),
                    "xác nhận đã thực hiện phải ghi cách Mặt trận xác minh",
                    "a verification must say how the Front verified it",
                );
            }
            if e.method.is_some() && !e.status.is_done() {
                self.push(
                    format!("{base}.method"),
                    "cách xác minh chỉ ghi khi xác nhận đã thực hiện",
                    "a verification method belongs to a verified entry only",
                );
            }
            if e.status == S::NotAccepted && e.reason.is_none() {
                self.push(
                    format!("{base}.reason"),
                    "không tiếp thu phải ghi nguyên nhân",
                    "not accepted needs a reason",
                );
            }
            if e.status == S::PartlyDone {
                if e.amount_done_dong.is_none() && e.share_percent.is_none() {
                    self.push(
                        format!("{base}.share_percent"),
                        "thực hiện một phần phải ghi phần đã làm (số tiền hoặc tỷ lệ %)",
                        "partly done needs the part done (an amount or a percentage)",
                    );
                }
                if let Some(p) = e.share_percent
                    && !(1..=99).contains(&p)
                {
                    self.push(
                        format!("{base}.share_percent"),
                        format!("tỷ lệ đã thực hiện {p}% phải từ 1 đến 99%"),
                        format!("the share done, {p}%, must be from 1 to 99%"),
                    );
                }
                if let (Some(done), Some(total)) = (e.amount_done_dong, r.amount_dong)
                    && done >= total
                {
                    self.push(
                        format!("{base}.amount_done_dong"),
                        "số tiền đã thực hiện một phần phải nhỏ hơn số tiền kiến nghị",
                        "the amount partly done must be less than the amount recommended",
                    );
                }
            } else if e.amount_done_dong.is_some() || e.share_percent.is_some() {
                self.push(
                    format!("{base}.share_percent"),
                    "phần đã làm chỉ ghi khi thực hiện một phần",
                    "the part done belongs to a partly done entry only",
                );
            }
        }
    }
}

/// The ids records may refer to.
struct Known {
    programs: HashSet<ProgramId>,
    projects: HashSet<ProjectId>,
    areas: HashSet<AreaId>,
    sources: HashSet<FundingSourceId>,
    indicators: HashSet<IndicatorId>,
    indicator_kind: HashMap<IndicatorId, super::figures::IndicatorKind>,
    rounds: HashSet<RoundId>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use crate::sample;

    fn paths(d: &Dossier) -> Vec<String> {
        d.validate().into_iter().map(|p| p.path).collect()
    }

    #[test]
    fn references_must_exist() {
        let mut d = sample::lang_son();
        d.allocations[1].area_id = AreaId(99);
        d.recommendations[0].area_ids.push(AreaId(98));
        d.conclusions[0].round_id = RoundId(5);
        assert_eq!(
            paths(&d),
            vec![
                "allocations[1].area_id",
                "conclusions[0].round_id",
                "recommendations[0].area_ids[2]"
            ]
        );
    }

    #[test]
    fn a_recommendation_needs_an_addressee() {
        let mut d = sample::lang_son();
        d.recommendations[1].addressees.clear();
        d.recommendations[2].addressees = vec!["  ".into()];
        let problems = d.validate();
        assert_eq!(problems[0].path, "recommendations[1].addressees");
        assert!(problems[0].message.contains("ít nhất một"));
        assert_eq!(problems[1].path, "recommendations[2].addressees[0]");
    }

    #[test]
    fn area_tree_must_go_downwards_and_not_loop() {
        let mut d = sample::lang_son();
        // A province under a district.
        d.areas[0].parent_id = Some(sample::HUU_LUNG);
        let p = d.validate();
        assert!(
            p.iter()
                .any(|p| p.path == "areas[0].parent_id" && p.message.contains("cấp dưới"))
        );
        assert!(p.iter().any(|p| p.message.contains("vòng lặp")));
    }

    #[test]
    fn duplicate_ids_and_bad_years_are_found() {
        let mut d = sample::lang_son();
        d.allocations[3].id = d.allocations[0].id;
        d.areas[1].valid_from = Some(2030);
        d.areas[2].valid_to = Some(1800);
        d.rounds[0].end_date = chrono::NaiveDate::from_ymd_opt(2023, 6, 1);
        let p = paths(&d);
        assert!(p.contains(&"allocations[3].id".to_string()));
        assert!(p.contains(&"areas[1].valid_from".to_string()), "{p:?}");
        assert!(p.contains(&"areas[2].valid_to".to_string()));
        assert!(p.contains(&"rounds[0].start_date".to_string()));
    }

    #[test]
    fn indicator_values_must_fit_their_indicator() {
        let mut d = sample::lang_son();
        d.indicator_values[2].value = Measure::Number(Quantity::from_milli(1000));
        assert_eq!(paths(&d), vec!["indicator_values[2].value"]);
    }

    #[test]
    fn pasted_decomposed_text_is_stored_composed() {
        use unicode_normalization::UnicodeNormalization;
        let mut d = sample::lang_son();
        d.areas[1].name = format!(" {} ", "Hữu Lũng".nfd().collect::<String>());
        d.recommendations[0].text = "Đề nghị".nfd().collect();
        d.normalize_text();
        assert_eq!(d.areas[1].name, "Hữu Lũng");
        assert_eq!(d.recommendations[0].text, "Đề nghị");
    }

    /// One random edit to a dossier, by the numbers of a proptest case: every kind of record
    /// the validator looks at, with references that may point nowhere, blank names and ids
    /// that may repeat.
    fn random_edit(d: &Dossier, op: u8, a: usize, b: i64) -> Option<Edit> {
        let pick = |n: usize| if n == 0 { None } else { Some(a % n) };
        let area = AreaId([1, 2, 3, 99][(b as usize) % 4]);
        let round = RoundId([1, 1, 7][(b as usize) % 3]);
        let date = chrono::NaiveDate::from_ymd_opt(if b % 5 == 0 { 1700 } else { 2023 }, 1, 1)?;
        Some(match op % 21 {
            0 => {
                let x = d.allocations.get(pick(d.allocations.len())?)?.clone();
                let mut y = x.clone();
                y.area_id = area;
                Edit::update(Record::Allocation(x), Record::Allocation(y))
            }
            1 => {
                let x = d.allocations.get(pick(d.allocations.len())?)?.clone();
                let mut y = x.clone();
                y.project_id = ProjectId(b % 12);
                y.funding_source_id =
                    [None, Some(FundingSourceId(1)), Some(FundingSourceId(9))][(b as usize) % 3];
                Edit::update(Record::Allocation(x), Record::Allocation(y))
            }
            2 => {
                let mut y = d.allocations.get(pick(d.allocations.len())?)?.clone();
                y.id = AllocationId(b % 40);
                y.area_id = area;
                Edit::insert(Record::Allocation(y))
            }
            3 => Edit::delete(Record::Allocation(
                d.allocations.get(pick(d.allocations.len())?)?.clone(),
            )),
            4 => {
                let x = d
                    .recommendations
                    .get(pick(d.recommendations.len())?)?
                    .clone();
                let mut y = x.clone();
                match b % 4 {
                    0 => y.addressees.clear(),
                    1 => y.addressees = vec![" ".into()],
                    2 => y.area_ids.push(area),
                    _ => y.round_id = round,
                }
                Edit::update(Record::Recommendation(x), Record::Recommendation(y))
            }
            5 => {
                let x = d
                    .recommendations
                    .get(pick(d.recommendations.len())?)?
                    .clone();
                let mut y = x.clone();
                y.responses.push(Response {
                    id: ResponseId(b % 4),
                    date,
                    text: "Đã thực hiện".into(),
                    evidence: String::new(),
                });
                y.deadline = Some(date);
                Edit::update(Record::Recommendation(x), Record::Recommendation(y))
            }
            6 => {
                let mut y = d.conclusions.get(pick(d.conclusions.len())?)?.clone();
                y.id = ConclusionId(b % 20);
                y.round_id = round;
                y.area_id = Some(area);
                Edit::insert(Record::Conclusion(y))
            }
            7 => Edit::delete(Record::Conclusion(
                d.conclusions.get(pick(d.conclusions.len())?)?.clone(),
            )),
            8 => Edit::delete(Record::Area(d.areas.get(pick(d.areas.len())?)?.clone())),
            9 => Edit::delete(Record::Round(d.rounds.get(pick(d.rounds.len())?)?.clone())),
            10 => {
                let x = d
                    .indicator_values
                    .get(pick(d.indicator_values.len())?)?
                    .clone();
                let mut y = x.clone();
                y.indicator_id = IndicatorId(b % 5);
                y.area_id = area;
                Edit::update(Record::IndicatorValue(x), Record::IndicatorValue(y))
            }
            11 => {
                let round = d.rounds.first()?;
                let kind = [DocKind::ThongBao, DocKind::BaoCao][(b as usize) % 2];
                let mut doc = DocumentSettings::default_for(d, round, kind, DocumentId(b % 3));
                doc.round_id = if b % 7 == 0 { RoundId(7) } else { round.id };
                doc.date = Some(date);
                Edit::insert(Record::Document(doc))
            }
            12 => {
                let mut info = d.info.clone();
                info.name = if b % 2 == 0 {
                    " ".into()
                } else {
                    "Tên".into()
                };
                Edit::update(Record::Info(d.info.clone()), Record::Info(info))
            }
            13 => Edit::insert(Record::Phrase(Phrase {
                id: PhraseId(b % 12),
                text: if b % 2 == 0 {
                    String::new()
                } else {
                    "Câu".into()
                },
                position: b,
            })),
            14 => {
                let x = d.areas.get(pick(d.areas.len())?)?.clone();
                let mut y = x.clone();
                y.parent_id = Some(area);
                Edit::update(Record::Area(x), Record::Area(y))
            }
            16 => Edit::insert(Record::TextVersion(TextVersion {
                id: TextVersionId(b % 6),
                round_id: round,
                target: TextTarget::Conclusion(ConclusionId(b % 9)),
                saved_at: date.and_hms_opt(8, 0, 0)?,
                name: String::new(),
                text: "Bản cũ".into(),
            })),
            17 => {
                let x = d.text_versions.get(pick(d.text_versions.len())?)?.clone();
                let mut y = x.clone();
                y.round_id = round;
                y.saved_at = date.and_hms_opt(9, 0, 0)?;
                Edit::update(Record::TextVersion(x), Record::TextVersion(y))
            }
            18 => {
                let x = d.documents.get(pick(d.documents.len())?)?.clone();
                if b % 2 == 0 {
                    Edit::delete(Record::Document(x))
                } else {
                    let mut y = x.clone();
                    y.kind = [DocKind::ThongBao, DocKind::BaoCao][(b as usize / 2) % 2];
                    y.round_id = round;
                    Edit::update(Record::Document(x), Record::Document(y))
                }
            }
            19 => {
                let x = d
                    .recommendations
                    .get(pick(d.recommendations.len())?)?
                    .clone();
                if b % 2 == 0 {
                    Edit::delete(Record::Recommendation(x))
                } else {
                    let mut y = x.clone();
                    y.responses.clear();
                    Edit::update(Record::Recommendation(x), Record::Recommendation(y))
                }
            }
            _ => {
                let x = d.indicators.get(pick(d.indicators.len())?)?.clone();
                let mut y = x.clone();
                y.kind = if b % 2 == 0 {
                    IndicatorKind::Number
                } else {
                    IndicatorKind::Month
                };
                Edit::update(Record::Indicator(x), Record::Indicator(y))
            }
        })
    }

    proptest::proptest! {
        /// Checking only what an edit touched finds a problem exactly when checking everything
        /// does, so a change is refused on the same grounds either way.
        #[test]
        fn checking_the_edited_records_agrees_with_checking_everything(
            steps in proptest::collection::vec(
                proptest::collection::vec((0u8..21, 0usize..64, 0i64..1000), 1..4),
                1..12,
            )
        ) {
            let mut d = sample::lang_son();
            for step in steps {
                let mut next = d.clone();
                let mut edits = Vec::new();
                for (op, a, b) in step {
                    if let Some(e) = random_edit(&next, op, a, b)
                        && next.apply_edit(&e).is_ok()
                    {
                        edits.push(e);
                    }
                }
                let whole = next.validate();
                let scoped = next.validate_edits(&edits);
                proptest::prop_assert_eq!(
                    whole.is_empty(),
                    scoped.is_empty(),
                    "everything: {:?}\nedited records: {:?}",
                    whole,
                    scoped
                );
                // Problems found in the edited records are problems of the whole (a repeated
                // id may be reported at its other place).
                for p in &scoped {
                    proptest::prop_assert!(
                        whole.iter().any(|w| w.message == p.message),
                        "{:?} not in {:?}",
                        p,
                        whole
                    );
                }
                if whole.is_empty() {
                    d = next;
                }
            }
        }
    }
}
