//! The summary every surface lists — one row per area, project, kind and period, each kind's
//! total under them — and a figure written for a sentence, all counted by [`super::count`].
//! Rows say when they are a part of another row's total, so a reader never adds them up.

use super::count::{Count, Counter, Query, RowKey, Tally, WholeShort};
use super::filter::{AllocationFilter, RoundView};
use crate::model::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One row of the summary: an area's total of one project, kind and period, by the counting
/// rules, with the names a reader needs (shared among a project's rows: a province has a
/// million).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummaryRow {
    pub key: RowKey,
    /// The area's name without its type: "Hữu Lũng".
    pub area: Arc<str>,
    pub area_kind: Option<AreaKind>,
    /// "Dự án 7".
    pub project: Arc<str>,
    pub tally: Tally,
    /// The total this row is a part of (area as shown, project): already counted in it.
    pub part_of: Option<(AreaId, ProjectId)>,
}

/// One kind's total over a whole view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindTotal {
    pub kind: AllocationKind,
    pub tally: Tally,
}

/// The rows and the kinds' totals of a view, and the view itself to say what each total is
/// made of ([`Summary::count`]).
pub struct Summary {
    pub rows: Vec<SummaryRow>,
    pub totals: Vec<KindTotal>,
    pub counter: Counter,
}

impl Summary {
    /// A row's own reported total with its parts added up beside it, when it has one — not
    /// another area's total counted within the row (a unit the view shows as the row's area
    /// is the row's own).
    pub fn own_whole<'r>(&self, r: &'r SummaryRow) -> Option<&'r WholeShort> {
        r.tally.beside().iter().find(|w| {
            self.counter.shown(w.area) == r.key.area
                && w.project == r.key.project
                && w.period == r.key.period
        })
    }

    /// What a kind's total is made of, in full.
    pub fn count(&self, kind: AllocationKind) -> Result<Count, MoneyError> {
        self.counter.count(&Query {
            kind,
            ..Default::default()
        })
    }
}

/// The summary of the figures `filter` takes.
pub fn summary(d: &Dossier, filter: &AllocationFilter) -> Result<Summary, MoneyError> {
    summary_of(d, Counter::new(d, filter)?)
}

/// The summary of a view already counted.
pub fn summary_of(d: &Dossier, counter: Counter) -> Result<Summary, MoneyError> {
    let areas: FxHashMap<AreaId, (Arc<str>, AreaKind)> = d
        .areas
        .iter()
        .map(|a| (a.id, (Arc::from(a.name.as_str()), a.kind)))
        .collect();
    let projects: FxHashMap<ProjectId, Arc<str>> = d
        .projects
        .iter()
        .map(|p| (p.id, Arc::from(p.short_label_vi())))
        .collect();
    let tallies = counter.row_tallies()?;
    let keys: Vec<RowKey> = tallies.iter().map(|(k, _)| *k).collect();
    let inside = counter.parts_of_rows(&keys);
    let mut rows = Vec::with_capacity(tallies.len());
    for ((key, tally), part_of) in tallies.into_iter().zip(inside) {
        let area = areas.get(&key.area);
        rows.push(SummaryRow {
            key,
            area: area.map_or_else(|| Arc::from(key.area.to_string()), |a| a.0.clone()),
            area_kind: area.map(|a| a.1),
            project: projects
                .get(&key.project)
                .cloned()
                .unwrap_or_else(|| Arc::from(key.project.to_string())),
            tally,
            part_of,
        });
    }
    let mut totals = Vec::new();
    for kind in counter.kinds() {
        totals.push(KindTotal {
            kind,
            tally: counter.tally(&Query {
                kind,
                ..Default::default()
            })?,
        });
    }
    Ok(Summary {
        rows,
        totals,
        counter,
    })
}

/// A figure for a sentence, or why there is none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phrased {
    /// "468 triệu đồng", "chưa có số liệu", "468 triệu đồng (và một khoản chưa có số liệu)".
    Text(String),
    /// No figure for the area, period and kind.
    NoFigure,
    /// The counting module withholds the total, for this reason (in the user's language).
    Withheld(String),
}

/// A figure written for a sentence (see [`phrased`]); `None` when there is no figure or it
/// cannot be given.
pub fn figure_phrase(
    d: &Dossier,
    figure: (AreaId, Period, AllocationKind),
    round: RoundView,
    unit: MoneyUnit,
    lang: crate::i18n::Lang,
) -> Result<Option<String>, MoneyError> {
    Ok(match phrased(d, figure, round, unit, lang)? {
        Phrased::Text(s) => Some(s),
        Phrased::NoFigure | Phrased::Withheld(_) => None,
    })
}

/// A figure written for a sentence: an area's total of one kind and period as `round` sees it
/// (a round's text quotes its figures as they stood at that round, of its own projects only,
/// see [`RoundView::AsOf`]), or why it cannot be given.
pub fn phrased(
    d: &Dossier,
    (area, period, kind): (AreaId, Period, AllocationKind),
    round: RoundView,
    unit: MoneyUnit,
    lang: crate::i18n::Lang,
) -> Result<Phrased, MoneyError> {
    let counter = Counter::new(
        d,
        &AllocationFilter {
            kinds: Some([kind].into()),
            round,
            ..Default::default()
        },
    )?;
    let q = Query {
        areas: Some(std::slice::from_ref(&area)),
        projects: None,
        kind,
        periods: Some(std::slice::from_ref(&period)),
    };
    let tally = counter.tally(&q)?;
    let sum = match tally.total {
        None => {
            let c = counter.count(&q)?;
            let why = c
                .withheld
                .first()
                .map(|w| super::count::withheld_text(d, w, unit, lang))
                .unwrap_or_default();
            return Ok(Phrased::Withheld(why));
        }
        Some(s) if s.is_empty() => return Ok(Phrased::NoFigure),
        Some(s) => s,
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
    Ok(Phrased::Text(if sum.is_wholly_unknown() {
        t.unknown_amount.to_string()
    } else if sum.is_partly_unknown() {
        crate::i18n::fill(t.figure_partly_unknown, &[("known", &known)])
    } else {
        known
    }))
}
