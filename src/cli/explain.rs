//! `giamsat explain`: why a total is what it is — the figures counted, the totals counted with
//! their parts beside them, the figures a later round replaced, and why a total is withheld —
//! as the counting module (`analysis::count`) gives it to every other surface.

use crate::analysis::count::{self, Count, Counter, Piece, Query};
use crate::analysis::{AllocationFilter, RoundView};
use crate::i18n::Lang;
use crate::import::layout::areas_named;
use crate::model::*;

/// What was asked, as typed.
pub(super) struct Asked<'a> {
    pub area: Option<&'a str>,
    pub year: Option<&'a str>,
    pub kind: &'a str,
    pub project: Option<&'a str>,
    pub round: Option<u32>,
}

/// The area a name means: "huyện Hữu Lũng", or "Hữu Lũng" when only one area has that name.
fn find_area(d: &Dossier, wanted: &str) -> Result<AreaId, String> {
    let (found, _, name) = areas_named(d, wanted);
    match found.as_slice() {
        [one] => Ok(one.id),
        [] => Err(format!(
            "--area “{wanted}”: hồ sơ không có địa bàn này (có: {})",
            d.areas
                .iter()
                .map(Area::full_name_vi)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => Err(format!(
            "--area “{wanted}”: có nhiều địa bàn tên này; hãy ghi cả loại, ví dụ “huyện {name}”"
        )),
    }
}

pub(super) fn explain(
    d: &Dossier,
    asked: &Asked<'_>,
    unit: MoneyUnit,
    json: bool,
) -> Result<String, String> {
    let kind = AllocationKind::from_code(asked.kind)
        .ok_or_else(|| format!("--kind “{}”: không có loại vốn này", asked.kind))?;
    let area = asked.area.map(|a| find_area(d, a)).transpose()?;
    let period = asked
        .year
        .map(|y| Period::parse(y).map_err(|e| format!("--year “{y}”: {}", e.message(Lang::Vi))))
        .transpose()?;
    let project = asked
        .project
        .map(|p| crate::import::command::find_project(d, p).map(|p| p.id))
        .transpose()?;
    let round = asked
        .round
        .map(|n| {
            crate::analysis::round_numbered(d, n)
                .ok_or_else(|| format!("--round {n}: tệp chỉ có {} đợt giám sát", d.rounds.len()))
        })
        .transpose()?;
    let filter = AllocationFilter {
        round: round.map_or(RoundView::Latest, RoundView::AsOf),
        ..Default::default()
    };
    let counter = Counter::new(d, &filter).map_err(|e| e.to_string())?;
    let count = counter
        .count(&Query {
            areas: area.as_ref().map(std::slice::from_ref),
            projects: project.as_ref().map(std::slice::from_ref),
            kind,
            periods: period.as_ref().map(std::slice::from_ref),
        })
        .map_err(|e| e.to_string())?;
    if json {
        return Ok(to_json(d, &count, unit));
    }
    let what = [
        Some(area.map_or("mọi địa bàn".into(), |a| {
            d.area(a).map(Area::full_name_vi).unwrap_or_default()
        })),
        Some(project.map_or("mọi dự án".into(), |p| {
            d.project(p)
                .map(Project::short_label_vi)
                .unwrap_or_default()
        })),
        Some(kind.label_vi().to_string()),
        Some(period.map_or("mọi kỳ".into(), |p| p.to_string())),
        round.and_then(|r| {
            crate::analysis::round_labels(d, Lang::Vi)
                .get(&r)
                .map(|l| format!("như tại {l}"))
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let total = match &count.total {
        Some(sum) => count::explain::sum_text(sum, unit, Lang::Vi),
        None => Lang::Vi.texts().withheld_short.to_string(),
    };
    let mut s = format!("{what}: {total}\n");
    for line in count::count_lines(d, &count, unit, Lang::Vi) {
        s.push_str(&line);
        s.push('\n');
    }
    Ok(s)
}

fn piece_json(p: &Piece) -> serde_json::Value {
    serde_json::json!({
        "area_id": p.area.0,
        "project_id": p.project.0,
        "kind": p.kind.code(),
        "from_year": p.period.from_year(),
        "to_year": p.period.to_year(),
        "covers": p.covers.code(),
        "known_dong": p.sum.known.get(),
        "known_count": p.sum.known_count,
        "unknown_count": p.sum.unknown_count,
        "round_id": p.round.map(|r| r.0),
        "allocation_ids": p.ids.iter().map(|a| a.0).collect::<Vec<_>>(),
    })
}

fn to_json(d: &Dossier, c: &Count, unit: MoneyUnit) -> String {
    let v = serde_json::json!({
        "kind": c.kind.code(),
        "total": c.total.map(|s| serde_json::json!({
            "amount_dong": s.total().map(|d| d.get()),
            "known_dong": s.known.get(),
            "known_count": s.known_count,
            "unknown_count": s.unknown_count,
        })),
        "withheld": c.withheld.iter().map(|w| serde_json::json!({
            "why": w.why().code(),
            "text": count::withheld_text(d, w, unit, Lang::Vi),
        })).collect::<Vec<_>>(),
        "counted": c.counted.iter().map(piece_json).collect::<Vec<_>>(),
        "wholes": c.wholes.iter().map(|w| serde_json::json!({
            "whole": piece_json(&w.whole),
            "parts": w.parts.iter().map(piece_json).collect::<Vec<_>>(),
            "parts_known_dong": w.parts_sum.map(|s| s.known.get()),
            "difference_dong": w.difference(),
        })).collect::<Vec<_>>(),
        "replaced": c.replaced.iter().map(|r| serde_json::json!({
            "allocation_id": r.id.0,
            "area_id": r.area.0,
            "from_year": r.period.from_year(),
            "to_year": r.period.to_year(),
            "amount_dong": r.amount.known().map(|d| d.get()),
            "round_id": r.round.map(|x| x.0),
            "replaced_by_round_id": r.by.map(|x| x.0),
        })).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
