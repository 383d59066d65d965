//! What the wizard proposes before the user chooses: the parent area and project a report is
//! most likely for, the rounds it was imported for before, and the mapping kept from the last
//! report under the same parent.

use super::*;

/// The rounds figures from this report file were imported for, oldest first.
pub(super) fn rounds_of_source(d: &Dossier, path: &Path) -> Vec<RoundId> {
    let Some(file) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return Vec::new();
    };
    // Sources are written "file, trang tính “sheet”, dòng n": "BC.xls" is not "BC.xlsx".
    let prefix = format!("{file}, ");
    let used: std::collections::HashSet<RoundId> = d
        .allocations
        .iter()
        .filter(|a| a.source_doc.starts_with(&prefix))
        .filter_map(|a| a.round_id)
        .collect();
    crate::analysis::rounds_in_time(d)
        .into_iter()
        .map(|r| r.id)
        .filter(|r| used.contains(r))
        .collect()
}

/// The area whose report this is, when its title names exactly one area of the dossier that
/// has areas under it ("UBND HUYỆN HỮU LŨNG" → huyện Hữu Lũng).
pub(super) fn guess_parent(d: &Dossier, layout: &Layout) -> Option<AreaId> {
    use crate::import::layout::key;
    let title: Vec<String> = layout.sheet.rows[..layout.header.0]
        .iter()
        .flatten()
        .filter_map(|c| c.text())
        .map(key)
        .collect();
    let named: Vec<&Area> = d
        .areas
        .iter()
        .filter(|a| a.level() != AreaLevel::Commune)
        .filter(|a| {
            let full = key(&a.full_name_vi());
            title.iter().any(|t| t.contains(&full))
        })
        .collect();
    // "UBND huyện Hữu Lũng, tỉnh Lạng Sơn": the district, not the province it is in.
    let named: Vec<AreaId> = named
        .iter()
        .filter(|a| !named.iter().any(|b| b.parent_id == Some(a.id)))
        .map(|a| a.id)
        .collect();
    match named.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The district a report's title names when the project does not have it yet ("UBND HUYỆN
/// HỮU LŨNG" in a new project of tỉnh Lạng Sơn): proposed as the parent, to be created in the
/// project's province along with the communes. `None` when the title names no district, the
/// project has it already, or has no single province to put it in.
pub(super) fn title_district(d: &Dossier, layout: &Layout) -> Option<Area> {
    use crate::import::layout::areas_named;
    let province = d.province()?;
    let named = layout.sheet.rows[..layout.header.0]
        .iter()
        .flatten()
        .filter_map(|c| c.text())
        .flat_map(str::lines)
        .find_map(district_named)?;
    let (kind, name) = named;
    let wanted = format!("{} {name}", kind.label_vi());
    // "UBND THÀNH PHỐ HÀ NỘI" is the city the project is in, not a district of it.
    if !areas_named(d, &wanted).0.is_empty()
        || crate::import::layout::key(&name) == crate::import::layout::key(&province.name)
    {
        return None;
    }
    Some(Area {
        id: AreaId(0),
        name,
        kind,
        parent_id: Some(province.id),
        valid_from: None,
        valid_to: None,
    })
}

/// The district a line of a title names: "UBND HUYỆN HỮU LŨNG" → (huyện, "Hữu Lũng"). The name
/// ends where the line goes on to something else ("…, tỉnh Lạng Sơn", "… - Phòng LĐTBXH").
fn district_named(line: &str) -> Option<(AreaKind, String)> {
    use crate::import::layout::{key, split_area_name};
    let k = key(line);
    // "UBND huyện …", "Ủy ban nhân dân huyện …": the district's own people's committee.
    let skip = ["ubnd ", "uy ban nhan dan "]
        .iter()
        .find(|p| k.starts_with(**p))
        .map_or(0, |p| p.chars().count());
    let words: String = line
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .skip(skip)
        .collect();
    let first = words
        .split([',', ';', '(', '–', '—'])
        .next()
        .unwrap_or_default()
        .split(" - ")
        .next()
        .unwrap_or_default();
    match split_area_name(first) {
        (
            Some(kind @ (AreaKind::Huyen | AreaKind::Quan | AreaKind::ThiXa | AreaKind::ThanhPho)),
            name,
        ) if !name.is_empty() && name.chars().count() <= 40 => Some((kind, name)),
        _ => None,
    }
}

/// The project a report's title names ("Báo cáo kết quả thực hiện Dự án 7 …"): the longest
/// label found ("Tiểu dự án 1.2" over "Dự án 1"), when only one is that long.
pub(super) fn title_project(d: &Dossier, layout: &Layout) -> Option<ProjectId> {
    let lines: Vec<String> = layout.sheet.rows[..layout.header.0]
        .iter()
        .flatten()
        .filter_map(|c| c.text())
        .flat_map(str::lines)
        .map(crate::import::layout::key)
        .collect();
    project_named(d, &lines)
}

fn project_named(d: &Dossier, lines: &[String]) -> Option<ProjectId> {
    // "dự án 7" stands alone: not the start of "dự án 70" or "dự án 7.1".
    let names = |line: &str, label: &str| {
        line.match_indices(label).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            let mut after = line[at + label.len()..].chars();
            let next = after.next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && match next {
                    None => true,
                    Some('.') => !after.next().is_some_and(|c| c.is_ascii_digit()),
                    Some(c) => !c.is_alphanumeric(),
                }
        })
    };
    let found: Vec<(usize, ProjectId)> = d
        .projects
        .iter()
        .filter(|p| !p.code.is_empty())
        .map(|p| (crate::import::layout::key(&p.short_label_vi()), p.id))
        .filter(|(label, _)| lines.iter().any(|l| names(l, label)))
        .map(|(label, id)| (label.len(), id))
        .collect();
    let longest = found.iter().map(|(n, _)| *n).max()?;
    match found
        .iter()
        .filter(|(n, _)| *n == longest)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [(_, id)] => Some(*id),
        _ => None,
    }
}

/// The project most of the dossier's figures are for (the likeliest for a new report).
pub(super) fn most_used_project(d: &Dossier) -> Option<ProjectId> {
    let mut counts: std::collections::HashMap<ProjectId, usize> = Default::default();
    for a in &d.allocations {
        *counts.entry(a.project_id).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(id, n)| (*n, std::cmp::Reverse(id.0)))
        .map(|(id, _)| id)
        .or_else(|| d.projects.first().map(|p| p.id))
}

impl ImportWizard {
    /// Where the mapping for reports under this parent is kept.
    pub(super) fn template_path(&self, d: &Dossier) -> Option<PathBuf> {
        // A district about to be made keeps the name its mapping was saved under elsewhere.
        let parent = match self.chosen_new_parent() {
            Some(new) => new,
            None => d.area(self.parent?)?,
        };
        let name: String = parent
            .full_name_vi()
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == ' ' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Some(self.templates_dir.join(format!("{name}.json")))
    }

    pub(super) fn save_template(&mut self, d: &Dossier, t: &Texts) {
        let (Some(path), Some((_, p))) = (self.template_path(d), &self.plan) else {
            return;
        };
        let json =
            serde_json::to_string_pretty(&Mapping::template(p, &self.columns)).unwrap_or_default();
        let r = std::fs::create_dir_all(&self.templates_dir)
            .and_then(|()| crate::fsutil::write_atomically(&path, json.as_bytes()));
        self.notice = Some(match r {
            Ok(()) => fill(
                t.imp_template_saved,
                &[("path", &path.display().to_string())],
            ),
            Err(e) => format!("{e} — {}", path.display()),
        });
    }

    pub(super) fn use_template(&mut self, d: &Dossier, t: &Texts) {
        let Some(path) = self.template_path(d) else {
            return;
        };
        let read = std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|s| serde_json::from_str::<Mapping>(&s).map_err(|e| e.to_string()));
        match read {
            Ok(m) => {
                self.columns = m.columns;
                // Applied by the plan only where the report states no unit.
                self.template_unit = m.unit;
                self.notice = Some(t.imp_template_used.to_string());
                self.changed();
            }
            Err(e) => self.notice = Some(format!("{e} — {}", path.display())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_line_names_its_district_and_nothing_after_it() {
        let d = |line: &str| district_named(line);
        assert_eq!(
            d("UBND HUYỆN HỮU LŨNG"),
            Some((AreaKind::Huyen, "Hữu Lũng".into()))
        );
        assert_eq!(
            d("Ủy ban nhân dân huyện Chi Lăng, tỉnh Lạng Sơn"),
            Some((AreaKind::Huyen, "Chi Lăng".into()))
        );
        assert_eq!(
            d("UBND THỊ XÃ  Sơn Tây - Phòng LĐTBXH"),
            Some((AreaKind::ThiXa, "Sơn Tây".into()))
        );
        // A commune or a province is not a district; a line about something else names none.
        assert_eq!(d("UBND XÃ MINH SƠN"), None);
        assert_eq!(d("UBND TỈNH LẠNG SƠN"), None);
        assert_eq!(d("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), None);
        assert_eq!(d("PHÒNG LAO ĐỘNG - TB&XH"), None);
    }

    #[test]
    fn a_title_names_its_project_and_not_another_that_starts_the_same() {
        let mut d = crate::sample::lang_son();
        let one = d.projects.iter().find(|p| p.code == "1").unwrap().clone();
        d.projects.push(Project {
            id: ProjectId(900),
            parent_id: Some(one.id),
            code: "1.2".into(),
            name: "Tiểu dự án 2".into(),
            ..one.clone()
        });
        let id = |code: &str| d.projects.iter().find(|p| p.code == code).map(|p| p.id);
        let named = |line: &str| project_named(&d, &[crate::import::layout::key(line)]);
        assert!(id("7").is_some());
        assert_eq!(named("BÁO CÁO kết quả thực hiện Dự án 7 năm 2023"), id("7"));
        assert_eq!(named("Kết quả Dự án 7: giảm nghèo về thông tin"), id("7"));
        assert_eq!(
            named("Kết quả thực hiện Tiểu dự án 1.2"),
            Some(ProjectId(900))
        );
        assert_eq!(
            named("Dự án 1 và Dự án 7"),
            None,
            "two projects: the user picks"
        );
        assert_eq!(named("Dự án 70"), None);
        assert_eq!(named("Đơn vị tính: triệu đồng"), None);
    }
}
