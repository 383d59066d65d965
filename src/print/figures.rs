//! The figures as printed blocks, shared by the report and the summary: what the figures
//! cover, the allocation table, the notes on totals the counting module withholds or gives
//! beside their parts, and the charts — all as the figures stood at the round, of what it
//! supervised (`analysis::count`, rule 1). Each amount printed is recorded as a [`Quoted`].

use super::{Block, PrintDoc, PrintError, Quoted, Row, area_name, money};
use crate::analysis::count::{Count, Counter, Query, Tally, Whole, explain};
use crate::analysis::{AllocationFilter, RoundView};
use crate::charts::{self, Chart, ChartKind, ChartSpec};
use crate::i18n::Lang;
use crate::model::*;
use std::collections::BTreeSet;

/// The figures a round's documents rest on: as they stood at that round, of the projects and
/// areas it supervised, so a later round's report never changes what an earlier round
/// printed and no other money enters it.
pub(super) fn as_of(round: &Round) -> AllocationFilter {
    AllocationFilter {
        round: RoundView::AsOf(round.id),
        ..AllocationFilter::default()
    }
}

/// The round's view of the figures, counted.
pub(super) fn counter(d: &Dossier, round: &Round) -> Result<Counter, PrintError> {
    Ok(Counter::new(d, &as_of(round))?)
}

/// What a total prints: its sum, or that it is not added.
pub(super) fn total_text(t: &Tally, unit: MoneyUnit) -> String {
    match &t.total {
        Some(sum) => money(sum, unit),
        None => Lang::Vi.texts().withheld_short.to_string(),
    }
}

/// Records what a printed amount is of.
pub(super) fn quote(
    doc: &mut PrintDoc,
    (area, project, kind, period): (
        Option<AreaId>,
        Option<ProjectId>,
        AllocationKind,
        Option<Period>,
    ),
    value: Option<AmountSum>,
) {
    doc.quoted.push(Quoted {
        area,
        project,
        kind,
        period,
        value,
    });
}

/// What the figures of a round's document are of, in a sentence: its projects in its areas
/// (and the units under them), as they stood at the round — or, where the round names none,
/// every project or area of the dossier.
pub(super) fn scope_note(d: &Dossier, round: &Round) -> Block {
    let projects: Vec<String> = round
        .project_ids
        .iter()
        .filter_map(|p| d.project(*p))
        .map(Project::short_label_vi)
        .collect();
    let areas: Vec<String> = round
        .subjects
        .iter()
        .filter_map(|s| s.area_id)
        .map(|a| area_name(d, a))
        .collect::<Vec<_>>();
    let projects = if projects.is_empty() {
        "mọi dự án trong hồ sơ".to_string()
    } else {
        format!("{} (gồm các tiểu dự án)", projects.join(", "))
    };
    let areas = if areas.is_empty() {
        "mọi địa bàn trong hồ sơ".to_string()
    } else {
        format!("{} (gồm các đơn vị trực thuộc)", areas.join(", "))
    };
    let label = crate::analysis::round_labels(d, Lang::Vi)
        .get(&round.id)
        .cloned()
        .unwrap_or_default();
    Block::Note {
        text: format!(
            "Số liệu của {projects} tại {areas}, như tại {label}; số liệu các đợt sau không làm đổi văn bản này."
        ),
    }
}

/// The areas of a table in the order of the tree — each unit under the one above it — with
/// the shown area above each (when it is in the table too): a commune's row comes right
/// after its district's and says it is a part of it.
pub(super) fn tree_order(d: &Dossier, areas: &[AreaId]) -> Vec<(AreaId, Option<AreaId>)> {
    let set: BTreeSet<AreaId> = areas.iter().copied().collect();
    let parents: std::collections::HashMap<AreaId, AreaId> = d
        .areas
        .iter()
        .filter_map(|a| Some((a.id, a.parent_id?)))
        .collect();
    // The nearest area above each that is in the table.
    let above = |a: AreaId| {
        let mut at = parents.get(&a).copied();
        for _ in 0..16 {
            match at {
                Some(p) if set.contains(&p) => return Some(p),
                Some(p) => at = parents.get(&p).copied(),
                None => return None,
            }
        }
        None
    };
    let ups: Vec<(AreaId, Option<AreaId>)> = areas.iter().map(|a| (*a, above(*a))).collect();
    let mut children: std::collections::HashMap<AreaId, Vec<AreaId>> = Default::default();
    for (a, up) in &ups {
        if let Some(p) = up {
            children.entry(*p).or_default().push(*a);
        }
    }
    let mut out: Vec<(AreaId, Option<AreaId>)> = Vec::with_capacity(areas.len());
    let mut seen: BTreeSet<AreaId> = BTreeSet::new();
    let mut stack: Vec<(AreaId, Option<AreaId>)> = Vec::new();
    for (a, up) in ups.iter().filter(|(_, up)| up.is_none()) {
        stack.push((*a, *up));
        while let Some((x, up)) = stack.pop() {
            if !seen.insert(x) {
                continue;
            }
            out.push((x, up));
            // Children in the table's order: pushed last first.
            for c in children.get(&x).into_iter().flatten().rev() {
                stack.push((*c, Some(x)));
            }
        }
    }
    // Any left by a loop in the parents: as they come.
    for (a, _) in ups {
        if seen.insert(a) {
            out.push((a, None));
        }
    }
    out
}

/// The allocation table of the report: area, project, kind, period, amount, source — each
/// row its area's total by the counting rules, a part of another row's total said so — then
/// each kind's total, and notes on the totals given beside their parts or withheld. Empty
/// when there are no figures.
pub(super) fn allocation_table(
    d: &Dossier,
    round: &Round,
    unit: MoneyUnit,
    doc: &mut PrintDoc,
) -> Result<Vec<Block>, PrintError> {
    let summary = crate::analysis::summary_of(d, counter(d, round)?)?;
    if summary.rows.is_empty() {
        return Ok(vec![]);
    }
    let names: std::collections::HashMap<AreaId, String> =
        d.areas.iter().map(|a| (a.id, a.full_name_vi())).collect();
    let name = |a: AreaId| names.get(&a).cloned().unwrap_or_default();
    let mut rows = vec![];
    let mut row_notes = Vec::new();
    for (i, r) in summary.rows.iter().enumerate() {
        let sources: BTreeSet<String> = r
            .tally
            .ids
            .iter()
            .filter_map(|id| explain::allocation(d, *id))
            .map(|a| a.source_doc.clone())
            .filter(|s| !s.is_empty())
            .collect();
        let mut area = name(r.key.area);
        if let Some((whole, project)) = r.part_of {
            // The project too, when the row is a sub-project's inside its project's total.
            let of = match d.project(project).filter(|_| project != r.key.project) {
                Some(p) => format!("{}, {}", name(whole), p.short_label_vi()),
                None => name(whole),
            };
            area.push_str(&format!(" (phần của {of})"));
        }
        rows.push(Row {
            cells: vec![
                (i + 1).to_string(),
                area,
                r.project.to_string(),
                r.key.kind.label_vi().to_string(),
                r.key.period.to_string(),
                total_text(&r.tally, unit),
                sources.into_iter().collect::<Vec<_>>().join("; "),
            ],
            bold: false,
        });
        quote(
            doc,
            (
                Some(r.key.area),
                Some(r.key.project),
                r.key.kind,
                Some(r.key.period),
            ),
            r.tally.total,
        );
        // A row printed without its total says why, whether or not the table's total is.
        if r.tally.withheld.is_some() {
            let c = summary.counter.count(&Query {
                areas: Some(std::slice::from_ref(&r.key.area)),
                projects: Some(std::slice::from_ref(&r.key.project)),
                kind: r.key.kind,
                periods: Some(std::slice::from_ref(&r.key.period)),
            })?;
            row_notes.extend(withheld_notes(d, &c, unit));
        }
    }
    let mut notes = Vec::new();
    for t in &summary.totals {
        rows.push(Row {
            cells: vec![
                String::new(),
                "Tổng cộng".into(),
                String::new(),
                t.kind.label_vi().into(),
                String::new(),
                total_text(&t.tally, unit),
                String::new(),
            ],
            bold: true,
        });
        quote(doc, (None, None, t.kind, None), t.tally.total);
        notes.extend(count_notes(d, &summary.count(t.kind)?, unit));
    }
    let table = Block::Table {
        unit: Some(format!("ĐVT: {}", unit.label_vi())),
        header: [
            "TT",
            "Địa bàn",
            "Dự án",
            "Loại vốn",
            "Kỳ",
            "Số tiền",
            "Nguồn số liệu",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![0.35, 1.3, 0.8, 1.3, 0.9, 1.0, 2.0],
        align: ["center", "left", "left", "left", "center", "right", "left"]
            .map(String::from)
            .to_vec(),
        rows,
    };
    notes.extend(row_notes);
    Ok(std::iter::once(scope_note(d, round))
        .chain(std::iter::once(table))
        .chain(once(notes))
        .collect())
}

/// A total given beside parts that add up differently, in a sentence.
fn whole_note(d: &Dossier, w: &Whole, unit: MoneyUnit) -> Option<Block> {
    let diff = w.difference();
    if diff == Some(0) {
        return None;
    }
    let parts = match &w.parts_sum {
        Some(s) => explain::sum_text(s, unit, Lang::Vi),
        None => "không cộng được (chồng lấn nhau)".into(),
    };
    let diff = diff.map_or_else(String::new, |x| {
        format!(
            ", chênh lệch {}",
            explain::difference_text(x, unit, Lang::Vi)
        )
    });
    Some(Block::Note {
        text: format!(
            "Ghi chú: {}, {}, {} {}: tính theo tổng do cấp này báo cáo ({}); các phần bên dưới cộng lại {parts}{diff} — không cộng thêm vào tổng.",
            area_name(d, w.whole.area),
            d.project(w.whole.project)
                .map(Project::short_label_vi)
                .unwrap_or_default(),
            w.whole.kind.label_vi().to_lowercase(),
            w.whole.period,
            explain::sum_text(&w.whole.sum, unit, Lang::Vi),
        ),
    })
}

/// Notes under a table on how its total was made: the totals given beside their parts, and
/// why a total is withheld.
pub(super) fn count_notes(d: &Dossier, c: &Count, unit: MoneyUnit) -> Vec<Block> {
    let mut out: Vec<Block> = c
        .wholes
        .iter()
        .filter_map(|w| whole_note(d, w, unit))
        .collect();
    out.extend(withheld_notes(d, c, unit));
    out
}

/// Why a total is withheld, a note each reason.
pub(super) fn withheld_notes(d: &Dossier, c: &Count, unit: MoneyUnit) -> Vec<Block> {
    c.withheld
        .iter()
        .map(|w| Block::Note {
            text: format!(
                "Cảnh báo số liệu: {}",
                explain::withheld_text(d, w, unit, Lang::Vi)
            ),
        })
        .collect()
}

/// The notes of one table, each once, in the order they came: a reason that withholds a
/// row's total often withholds the table's total too.
pub(super) fn once(notes: Vec<Block>) -> Vec<Block> {
    let mut seen = std::collections::HashSet::new();
    notes
        .into_iter()
        .filter(|b| match b {
            Block::Note { text } => seen.insert(text.clone()),
            _ => true,
        })
        .collect()
}

pub(super) fn chart_of(
    d: &Dossier,
    round: &Round,
    kind: ChartKind,
    unit: MoneyUnit,
) -> Result<Chart, PrintError> {
    Ok(charts::build(
        d,
        &ChartSpec {
            kind,
            unit,
            filter: as_of(round),
            ..Default::default()
        },
        Lang::Vi,
    )?)
}

/// A chart as printed figures with their captions; none when there is nothing to draw. A
/// chart of too many areas for one page (a whole province) is printed in parts of a page each,
/// every area in exactly one part, each part captioned "(phần 2/7)".
pub(super) fn chart_blocks(chart: &Chart, caption: &str) -> Vec<Block> {
    if chart.empty_message.is_some() {
        return vec![];
    }
    let parts = charts::split_for_pages(chart);
    let n = parts.len();
    let options = charts::svg::SvgOptions {
        lying: charts::prefers_horizontal(chart),
        // One scale for every part, so bars on different pages compare.
        value_max: Some(charts::layout(chart).y_max),
        ..charts::svg::SvgOptions::print()
    };
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| Block::Chart {
            svg: charts::svg::render_with(part, Lang::Vi, options),
            caption: if n == 1 {
                caption.to_string()
            } else {
                format!("{caption} (phần {}/{n})", i + 1)
            },
        })
        .collect()
}

/// The chart's notes on period totals, so a reader never takes them for one year's money.
pub(super) fn span_notes(chart: &Chart) -> impl Iterator<Item = Block> + '_ {
    chart
        .notes
        .iter()
        .map(|text| Block::Note { text: text.clone() })
}
