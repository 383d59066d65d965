//! Validation of the records others refer to: programs, projects, areas, funding sources,
//! indicators, rounds.

use super::{Known, Validator, W_AREA, W_PROGRAM, W_PROJECT, W_SUBJECT};
use crate::model::dossier::Dossier;
use crate::model::ids::*;
use std::collections::{HashMap, HashSet};

impl Validator {
    /// The records others refer to: programs, projects, areas, funding sources, indicators,
    /// rounds. Checked only when everything is; their ids are always gathered.
    pub(super) fn structure(&mut self, d: &Dossier, all: bool) -> Known {
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
                || format!("projects[{i}].program_id"),
                &p.program_id,
                &known.programs,
                W_PROGRAM,
            );
            if let Some(parent) = p.parent_id {
                self.reference(
                    || format!("projects[{i}].parent_id"),
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
                    || format!("areas[{i}].parent_id"),
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
                    || format!("{base}.project_ids[{j}]"),
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
                        || format!("{base}.subjects[{j}].area_id"),
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
                        || format!("{base}.sessions[{j}].subject_id"),
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
}
