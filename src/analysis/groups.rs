//! The summary every surface lists — one row per area, project, kind and period, each kind's
//! total under them — and a figure written for a sentence, all counted by [`super::count`].
//! Rows say when they are a part of another row's total, so a reader never adds them up.

use super::count::{Count, Counter, Query, RowKey, Tally};
use super::filter::{AllocationFilter, RoundView};
use crate::model::*;

/// One row of the summary: an area's total of one project, kind and period, by the counting
/// rules, with the names a reader needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub key: RowKey,
    /// The area's name without its type: "Hữu Lũng".
    pub area: String,
    pub area_kind: Option<AreaKind>,
    /// "Dự án 7".
    pub project: String,
    pub tally: Tally,
    /// The total this row is a part of (area as shown, project): already counted in it.
    pub part_of: Option<(AreaId, ProjectId)>,
}

/// One kind's total over a whole view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindTotal {
    pub kind: AllocationKind,
    pub count: Count,
}

/// The rows and the kinds' totals of a view.
pub struct Summary {
    pub rows: Vec<SummaryRow>,
    pub totals: Vec<KindTotal>,
}

/// The summary of the figures `filter` takes.
pub fn summary(d: &Dossier, filter: &AllocationFilter) -> Result<Summary, MoneyError> {
    let counter = Counter::new(d, filter)?;
    summary_of(d, &counter)
}

/// The summary of a view already counted.
pub fn summary_of(d: &Dossier, counter: &Counter) -> Result<Summary, MoneyError> {
    let mut rows = Vec::new();
    for key in counter.rows() {
        let area = d.area(key.area);
        rows.push(SummaryRow {
            key,
            area: area.map_or_else(|| key.area.to_string(), |a| a.name.clone()),
            area_kind: area.map(|a| a.kind),
            project: d
                .project(key.project)
                .map_or_else(|| key.project.to_string(), Project::short_label_vi),
            tally: counter.row(&key)?,
            part_of: counter.part_of(&key),
        });
    }
    let mut totals = Vec::new();
    for kind in counter.kinds() {
        totals.push(KindTotal {
            kind,
            count: counter.count(&Query {
                kind,
                ..Default::default()
            })?,
        });
    }
    Ok(Summary { rows, totals })
}

/// A figure written for a sentence: "468 triệu đồng", "chưa có số liệu", or "468 triệu đồng
/// (và một khoản chưa có số liệu)" — an area's total of one kind and period as `round` sees it
/// (a round's text quotes its figures as they stood at that round, of its own projects only,
/// see [`RoundView::AsOf`]). `None` when there is no figure, or it cannot be given (the
/// counting module withholds it: the drafting screen says why).
pub fn figure_phrase(
    d: &Dossier,
    (area, period, kind): (AreaId, Period, AllocationKind),
    round: RoundView,
    unit: MoneyUnit,
    lang: crate::i18n::Lang,
) -> Result<Option<String>, MoneyError> {
    let counter = Counter::new(
        d,
        &AllocationFilter {
            kinds: Some([kind].into()),
            round,
            ..Default::default()
        },
    )?;
    let tally = counter.tally(&Query {
        areas: Some(std::slice::from_ref(&area)),
        projects: None,
        kind,
        periods: Some(std::slice::from_ref(&period)),
    })?;
    let Some(sum) = tally.total.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let t = lang.texts();
    let unit_name = match lang {
        crate::i18n::Lang::Vi => unit.label_vi(),
        crate::i18n::Lang::En => unit.label_en(),
    };
    let known = format!(
        "{} {unit_name}",
        crate::model::number::format_money(sum.known, unit, lang.number_style())
    );
    Ok(Some(if sum.is_wholly_unknown() {
        t.unknown_amount.to_string()
    } else if sum.is_partly_unknown() {
        crate::i18n::fill(t.figure_partly_unknown, &[("known", &known)])
    } else {
        known
    }))
}
