//! Charts as data: what to draw (groups, bars, stacked segments, lines), computed once from the
//! dossier by the same aggregation the summary uses, and drawn by the window (egui_plot), the
//! SVG/PNG exporter and the printed documents alike. Nothing here knows how it is drawn.
//!
//! Honesty rules: a period total (2022–2023) is one bar labelled with its period, never split;
//! an unknown amount is a placeholder segment, never a zero; carried-over money is its own
//! series, apart from new allocation.

mod context;
mod layout;
mod multiples;
mod pages;
mod ranking;
pub mod svg;
pub mod table;

pub use layout::{
    BarPlace, Layout, Piece, format_axis, layout, nice_step, segment_label, under_bar,
};
pub use multiples::small_multiples;
pub use pages::{ROWS_PER_PAGE, prefers_horizontal, split_for_pages};
pub use ranking::{ranked_areas, ranked_indicator_areas};

use context::{
    Cell, Ctx, SourceIndex, by_area_period, indicator_value, indicator_values, sorted_periods,
    span_notes,
};

use crate::analysis::{self, AllocationFilter};
use crate::i18n::labels::*;
use crate::i18n::{Lang, fill};
use crate::model::number::{NumberStyle, format_money_rounded, format_scaled};
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum ChartKind {
    /// Groups are areas, one bar per period.
    #[default]
    AreaYear,
    /// Groups are periods, one bar per area.
    YearArea,
    /// Allocated and carried over stacked, disbursed beside them.
    ByKind,
    /// Stacked by program project.
    ByProject,
    /// Totals of single years as a line; period totals as spans.
    Totals,
    /// Disbursed ÷ (allocated + carried over), where every figure is known.
    DisbursementRate,
    /// A numeric indicator per area and period.
    Indicator,
    /// The same areas' figures as reported at each supervision round, side by side.
    Rounds,
}

impl ChartKind {
    pub const ALL: [ChartKind; 8] = [
        ChartKind::AreaYear,
        ChartKind::YearArea,
        ChartKind::ByKind,
        ChartKind::ByProject,
        ChartKind::Totals,
        ChartKind::DisbursementRate,
        ChartKind::Indicator,
        ChartKind::Rounds,
    ];

    /// The name on the command line (`--by area-year`).
    pub fn code(self) -> &'static str {
        match self {
            ChartKind::AreaYear => "area-year",
            ChartKind::YearArea => "year-area",
            ChartKind::ByKind => "kind",
            ChartKind::ByProject => "project",
            ChartKind::Totals => "totals",
            ChartKind::DisbursementRate => "rate",
            ChartKind::Indicator => "indicator",
            ChartKind::Rounds => "rounds",
        }
    }

    pub fn from_code(s: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.code() == s)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            ChartKind::AreaYear => t.chart_view_area_year,
            ChartKind::YearArea => t.chart_view_year_area,
            ChartKind::ByKind => t.chart_view_kind,
            ChartKind::ByProject => t.chart_view_project,
            ChartKind::Totals => t.chart_view_totals,
            ChartKind::DisbursementRate => t.chart_view_rate,
            ChartKind::Indicator => t.chart_view_indicator,
            ChartKind::Rounds => t.chart_view_rounds,
        }
    }

    /// Whether the view shows one money kind chosen by the user.
    pub fn uses_money_kind(self) -> bool {
        matches!(
            self,
            ChartKind::AreaYear
                | ChartKind::YearArea
                | ChartKind::ByProject
                | ChartKind::Totals
                | ChartKind::Rounds
        )
    }
}

/// In which order areas are drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AreaOrder {
    /// As the areas screen lists them.
    #[default]
    AsListed,
    /// By the known amount of the chosen money (allocated for the kind and rate views),
    /// largest first; areas with no known amount come last.
    LargestFirst,
    /// Smallest first; areas with no known amount still come last, never as zero.
    SmallestFirst,
}

impl AreaOrder {
    pub const ALL: [AreaOrder; 3] = [
        AreaOrder::AsListed,
        AreaOrder::LargestFirst,
        AreaOrder::SmallestFirst,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AreaOrder::AsListed => "listed",
            AreaOrder::LargestFirst => "largest",
            AreaOrder::SmallestFirst => "smallest",
        }
    }

    pub fn from_code(s: &str) -> Option<AreaOrder> {
        AreaOrder::ALL.into_iter().find(|o| o.code() == s)
    }
}

/// Everything that decides a chart; charts are cached by it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChartSpec {
    pub kind: ChartKind,
    /// Projects, area level, areas and years (the kinds are set by the view).
    pub filter: AllocationFilter,
    pub money_kind: AllocationKind,
    pub indicator: Option<IndicatorId>,
    pub unit: MoneyUnit,
    pub order: AreaOrder,
    /// Only this many areas, the first in `order` ("top 10").
    pub limit: Option<usize>,
}

impl Default for ChartSpec {
    fn default() -> Self {
        ChartSpec {
            kind: ChartKind::AreaYear,
            filter: AllocationFilter::default(),
            money_kind: AllocationKind::Allocated,
            indicator: None,
            unit: MoneyUnit::Trieu,
            order: AreaOrder::AsListed,
            limit: None,
        }
    }
}

/// How raw values are written and scaled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueFormat {
    /// Raw values are đồng, shown in the unit.
    Money(MoneyUnit),
    /// Raw values are tenths of a percent.
    PercentTenths,
    /// Raw values are thousandths (indicator quantities).
    Quantity,
}

impl ValueFormat {
    pub fn format(self, raw: i64, style: NumberStyle) -> String {
        match self {
            ValueFormat::Money(unit) => {
                format_money_rounded(Dong::new(raw.max(0)).unwrap_or_default(), unit, 2, style)
            }
            ValueFormat::PercentTenths => format!("{}%", format_scaled(raw, 1, style)),
            ValueFormat::Quantity => format_scaled(raw, 3, style),
        }
    }

    /// The value in display units, for placing it on an axis.
    pub fn to_axis(self, raw: i64) -> f64 {
        match self {
            ValueFormat::Money(unit) => raw as f64 / unit.dong_per_unit() as f64,
            ValueFormat::PercentTenths => raw as f64 / 10.0,
            ValueFormat::Quantity => raw as f64 / 1000.0,
        }
    }
}

/// A segment's amount: known, unknown, or known only in part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentValue {
    Known(i64),
    Unknown,
    /// The known part; at least one part is unknown.
    Partial(i64),
}

impl SegmentValue {
    fn from_sum(sum: &AmountSum) -> SegmentValue {
        if sum.is_wholly_unknown() {
            SegmentValue::Unknown
        } else if sum.is_partly_unknown() {
            SegmentValue::Partial(sum.known.get())
        } else {
            SegmentValue::Known(sum.known.get())
        }
    }

    pub fn known_part(self) -> i64 {
        match self {
            SegmentValue::Known(v) | SegmentValue::Partial(v) => v,
            SegmentValue::Unknown => 0,
        }
    }

    pub fn has_unknown(self) -> bool {
        !matches!(self, SegmentValue::Known(_))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub label: String,
    /// Index into the palette.
    pub color: usize,
    /// Drawn hatched (carried-over money), so it is told apart without colour too.
    pub hatched: bool,
}

/// Part of a stacked bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub series: usize,
    pub value: SegmentValue,
    pub kind: Option<AllocationKind>,
    pub project_id: Option<ProjectId>,
    /// The records behind it.
    pub allocation_ids: Vec<AllocationId>,
    pub indicator_value_ids: Vec<IndicatorValueId>,
    /// Their source documents, for tooltips.
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// Its position among the group's slots.
    pub slot: usize,
    /// Written under the bar: its period (or its area in the year–area view).
    pub label: String,
    pub area_id: Option<AreaId>,
    pub period: Option<Period>,
    pub segments: Vec<Segment>,
}

impl Bar {
    /// The total written above a bar of several segments, when every part is known; `None`
    /// for a single segment or an unknown part. A total too large to hold is an error, as
    /// for every other sum of money.
    pub fn stack_total(&self) -> Result<Option<i64>, MoneyError> {
        if self.segments.len() < 2 || self.segments.iter().any(|x| x.value.has_unknown()) {
            return Ok(None);
        }
        self.segments
            .iter()
            .try_fold(0i64, |sum, x| sum.checked_add(x.value.known_part()))
            .map(Some)
            .ok_or(MoneyError::Overflow)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub label: String,
    pub bars: Vec<Bar>,
}

/// A point of the totals line.
#[derive(Clone, Debug, PartialEq)]
pub struct LinePoint {
    pub year: i32,
    pub value: SegmentValue,
    pub allocation_ids: Vec<AllocationId>,
}

/// A reorganisation of units, drawn as a vertical line after the year it took effect in (the
/// last year reported by the former units) and labelled with its date.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeMarker {
    pub date: chrono::NaiveDate,
    /// Where it goes on a year axis: between its year and the next.
    pub x: f64,
    pub label: String,
}

/// The reorganisations in the succession lines that fall between the years `from` and `to`
/// shown, oldest first.
pub fn time_markers(d: &Dossier, from: i32, to: i32, lang: Lang) -> Vec<TimeMarker> {
    use chrono::Datelike;
    // A change on 1 January falls before its year; any other day, after it (the former units
    // reported that year).
    let place = |date: chrono::NaiveDate| {
        if date.ordinal() == 1 {
            f64::from(date.year()) - 0.5
        } else {
            f64::from(date.year()) + 0.5
        }
    };
    let dates: BTreeSet<chrono::NaiveDate> = d
        .successions
        .iter()
        .map(|x| x.date)
        .filter(|x| place(*x) > f64::from(from) && place(*x) < f64::from(to))
        .collect();
    dates
        .into_iter()
        .map(|date| TimeMarker {
            date,
            x: place(date),
            label: fill(
                lang.texts().reform_marker,
                &[("date", &date.format("%d/%m/%Y").to_string())],
            ),
        })
        .collect()
}

/// A total for a span of years, drawn across those years and labelled with its period.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanTotal {
    pub period: Period,
    pub value: SegmentValue,
    pub allocation_ids: Vec<AllocationId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub kind: ChartKind,
    pub title: String,
    /// The value axis's unit: "triệu đồng", "%", "lớp".
    pub value_label: String,
    pub format: ValueFormat,
    pub series: Vec<Series>,
    pub slots: usize,
    pub groups: Vec<Group>,
    pub line: Vec<LinePoint>,
    pub spans: Vec<SpanTotal>,
    pub notes: Vec<String>,
    /// Reorganisations of units within the years shown, marked on time axes.
    pub markers: Vec<TimeMarker>,
    /// Shown instead of a chart when there is nothing to draw.
    pub empty_message: Option<String>,
}

impl Chart {
    /// A chart with nothing in it (yet): money in `unit`, no title.
    pub fn empty(kind: ChartKind, unit: MoneyUnit) -> Chart {
        Chart {
            kind,
            title: String::new(),
            value_label: String::new(),
            format: ValueFormat::Money(unit),
            series: vec![],
            slots: 0,
            groups: vec![],
            line: vec![],
            spans: vec![],
            notes: vec![],
            markers: vec![],
            empty_message: None,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.iter().all(|g| g.bars.is_empty())
            && self.line.is_empty()
            && self.spans.is_empty()
    }

    /// Every segment with where it is: (group, bar, segment).
    pub fn segments(&self) -> impl Iterator<Item = (usize, usize, &Segment)> {
        self.groups.iter().enumerate().flat_map(|(g, group)| {
            group
                .bars
                .iter()
                .enumerate()
                .flat_map(move |(b, bar)| bar.segments.iter().map(move |s| (g, b, s)))
        })
    }
}

/// How many figures revised between rounds are named under the chart, at most.
const MAX_REVISION_NOTES: usize = 8;

/// "Compare rounds": groups are areas; within each, one bar per period and round, coloured by
/// round. Each bar is what that round was told — rounds are never added to each other — and
/// the notes name the figures that changed from one round to the next.
fn rounds_chart(
    d: &Dossier,
    spec: &ChartSpec,
    c: &Ctx<'_>,
    chart: &mut Chart,
) -> Result<(), MoneyError> {
    let t = c.lang.texts();
    let style = c.lang.number_style();
    let labels = analysis::round_labels(d, c.lang);
    let mut cells: BTreeMap<(AreaId, Period, usize), Cell> = BTreeMap::new();
    let mut rounds: Vec<RoundId> = Vec::new();
    for round in analysis::rounds_in_time(d) {
        let filter = AllocationFilter {
            kinds: Some([spec.money_kind].into()),
            round: analysis::RoundView::At(round.id),
            ..spec.filter.clone()
        };
        let groups = analysis::group_allocations(d, &filter)?;
        if groups.is_empty() {
            continue;
        }
        let ri = rounds.len();
        rounds.push(round.id);
        for g in &groups {
            let e = cells.entry((g.area_id, g.period, ri)).or_default();
            e.0.merge(&g.sum)?;
            e.1.extend(g.allocation_ids.iter().copied());
        }
    }
    // What each round was told of one figure — its reporting unit, project, period and funding
    // source, as a later report replaces it — so that neither a project or source a round left
    // out nor units added up under today's unit are taken for a change.
    let place: HashMap<AllocationId, usize> = cells
        .iter()
        .flat_map(|((_, _, ri), (_, ids))| ids.iter().map(move |id| (*id, *ri)))
        .collect();
    type Figure = (AreaId, ProjectId, Period, Option<FundingSourceId>);
    let mut told: BTreeMap<Figure, BTreeMap<usize, AmountSum>> = BTreeMap::new();
    for a in &d.allocations {
        if let Some(ri) = place.get(&a.id) {
            told.entry((a.area_id, a.project_id, a.period, a.funding_source_id))
                .or_default()
                .entry(*ri)
                .or_default()
                .add(a.amount_dong)?;
        }
    }
    if rounds.is_empty() {
        chart.empty_message = Some(t.chart_rounds_none.to_string());
        return Ok(());
    }
    let label = |r: RoundId| labels.get(&r).cloned().unwrap_or_default();
    chart.series = rounds
        .iter()
        .enumerate()
        .map(|(i, r)| Series {
            label: label(*r),
            color: i,
            hatched: false,
        })
        .collect();
    let areas = c.sorted_areas(cells.keys().map(|k| k.0));
    let periods = sorted_periods(cells.keys().map(|k| k.1));
    chart.slots = periods.len() * rounds.len();
    for area in areas {
        let mut group = Group {
            label: c.area_name(area),
            bars: vec![],
        };
        for (pi, period) in periods.iter().enumerate() {
            for (ri, round) in rounds.iter().enumerate() {
                if let Some((sum, ids)) = cells.get(&(area, *period, ri)) {
                    group.bars.push(Bar {
                        slot: pi * rounds.len() + ri,
                        label: format!("{period} · {}", label(*round)),
                        area_id: Some(area),
                        period: Some(*period),
                        segments: vec![c.money_segment(
                            ri,
                            sum,
                            ids.clone(),
                            Some(spec.money_kind),
                            None,
                        )],
                    });
                }
            }
        }
        chart.groups.push(group);
    }
    chart.notes.push(t.chart_rounds_note.to_string());
    // What changed from one round to the next that reported the same area, project and period.
    let money = ValueFormat::Money(spec.unit);
    let text = |v: SegmentValue| match v {
        SegmentValue::Known(x) => format!("{} {}", money.format(x, style), chart.value_label),
        SegmentValue::Partial(x) => fill(
            t.partly_unknown,
            &[(
                "known",
                &format!("{} {}", money.format(x, style), chart.value_label),
            )],
        ),
        SegmentValue::Unknown => t.unknown_amount.to_string(),
    };
    let projects: BTreeSet<ProjectId> = told.keys().map(|k| k.1).collect();
    let mut revisions = Vec::new();
    for ((area, project, period, _), by_round) in &told {
        let by_round: Vec<(&usize, &AmountSum)> = by_round.iter().collect();
        for pair in by_round.windows(2) {
            let [(r0, before), (r1, after)] = pair else {
                continue;
            };
            let (before, after) = (
                SegmentValue::from_sum(before),
                SegmentValue::from_sum(after),
            );
            if before == after {
                continue;
            }
            // The project is named only where the chart shows several.
            let what = match d.project(*project).filter(|_| projects.len() > 1) {
                Some(p) => format!("{} ({})", c.area_name(*area), project_label(p, c.lang)),
                None => c.area_name(*area),
            };
            revisions.push(fill(
                t.chart_rounds_changed,
                &[
                    ("area", &what),
                    ("period", &period.to_string()),
                    ("before", &text(before)),
                    ("round_before", &label(rounds[**r0])),
                    ("after", &text(after)),
                    ("round_after", &label(rounds[**r1])),
                ],
            ));
        }
    }
    if revisions.is_empty() && rounds.len() > 1 {
        chart.notes.push(t.chart_rounds_unchanged.to_string());
    }
    let more = revisions.len().saturating_sub(MAX_REVISION_NOTES);
    revisions.truncate(MAX_REVISION_NOTES);
    chart.notes.extend(revisions);
    if more > 0 {
        chart
            .notes
            .push(fill(t.chart_rounds_more, &[("n", &more.to_string())]));
    }
    Ok(())
}

/// Builds the chart `spec` asks for. Every sum it shows is checked here — the totals above
/// stacked bars included — so a renderer never adds money itself.
pub fn build(d: &Dossier, spec: &ChartSpec, lang: Lang) -> Result<Chart, MoneyError> {
    let chart = build_chart(d, spec, lang)?;
    for bar in chart.groups.iter().flat_map(|g| &g.bars) {
        bar.stack_total()?;
    }
    Ok(chart)
}

fn build_chart(d: &Dossier, spec: &ChartSpec, lang: Lang) -> Result<Chart, MoneyError> {
    let t = lang.texts();
    let (ranked, ranked_on) = match ranked_indicator_areas(d, spec)? {
        Some((list, partial, period)) => (Some((list, partial)), Some(period)),
        None => (ranked_areas(d, spec)?, None),
    };
    let ranked_spec;
    // An order alone draws every area (those without the ranking's money after the others);
    // only a limit narrows the areas.
    let spec = match &ranked {
        Some((list, _)) if spec.limit.is_some() => {
            ranked_spec = ChartSpec {
                filter: AllocationFilter {
                    area_ids: Some(list.iter().copied().collect()),
                    ..spec.filter.clone()
                },
                ..spec.clone()
            };
            &ranked_spec
        }
        _ => spec,
    };
    let c = Ctx {
        lang,
        sources: SourceIndex::new(&d.allocations),
        area_order: match &ranked {
            Some((list, _)) => list.iter().enumerate().map(|(i, a)| (*a, i)).collect(),
            None => d.areas.iter().enumerate().map(|(i, a)| (a.id, i)).collect(),
        },
        labels: analysis::area_labels(d, lang),
    };
    let money = ValueFormat::Money(spec.unit);
    let unit = unit_label(spec.unit, lang).to_string();
    let kind_name = allocation_kind_label(spec.money_kind, lang);
    let mut chart = Chart {
        value_label: unit.clone(),
        ..Chart::empty(spec.kind, spec.unit)
    };
    let one_kind = |k: AllocationKind| AllocationFilter {
        kinds: Some([k].into()),
        ..spec.filter.clone()
    };

    match spec.kind {
        ChartKind::AreaYear | ChartKind::YearArea => {
            let groups = analysis::group_allocations(d, &one_kind(spec.money_kind))?;
            let cells = by_area_period(&groups)?;
            let areas = c.sorted_areas(cells.keys().map(|(a, _)| *a));
            let periods = sorted_periods(cells.keys().map(|(_, p)| *p));
            let by_area = spec.kind == ChartKind::AreaYear;
            chart.title = fill(
                if by_area {
                    t.chart_title_area_year
                } else {
                    t.chart_title_year_area
                },
                &[("kind", kind_name)],
            );
            let (outer, inner): (Vec<String>, Vec<String>) = if by_area {
                (
                    areas.iter().map(|a| c.area_name(*a)).collect(),
                    periods.iter().map(Period::to_string).collect(),
                )
            } else {
                (
                    periods.iter().map(Period::to_string).collect(),
                    areas.iter().map(|a| c.area_name(*a)).collect(),
                )
            };
            chart.series = inner
                .iter()
                .enumerate()
                .map(|(i, label)| Series {
                    label: label.clone(),
                    color: i,
                    hatched: false,
                })
                .collect();
            chart.slots = inner.len();
            for (gi, glabel) in outer.iter().enumerate() {
                let mut group = Group {
                    label: glabel.clone(),
                    bars: vec![],
                };
                for (si, slabel) in inner.iter().enumerate() {
                    let (area, period) = if by_area {
                        (areas[gi], periods[si])
                    } else {
                        (areas[si], periods[gi])
                    };
                    if let Some((sum, ids)) = cells.get(&(area, period)) {
                        group.bars.push(Bar {
                            slot: si,
                            label: slabel.clone(),
                            area_id: Some(area),
                            period: Some(period),
                            segments: vec![c.money_segment(
                                si,
                                sum,
                                ids.clone(),
                                Some(spec.money_kind),
                                None,
                            )],
                        });
                    }
                }
                chart.groups.push(group);
            }
            chart.notes = span_notes(&c, &cells, money, &unit);
        }
        ChartKind::ByKind => {
            chart.title = t.chart_title_kind.to_string();
            let groups = analysis::group_allocations(
                d,
                &AllocationFilter {
                    kinds: None,
                    ..spec.filter.clone()
                },
            )?;
            let mut cells: BTreeMap<
                (AreaId, Period, AllocationKind),
                (AmountSum, Vec<AllocationId>),
            > = BTreeMap::new();
            for g in &groups {
                let e = cells.entry((g.area_id, g.period, g.kind)).or_default();
                e.0.merge(&g.sum)?;
                e.1.extend(g.allocation_ids.iter().copied());
            }
            let kinds_present: BTreeSet<AllocationKind> = cells.keys().map(|k| k.2).collect();
            chart.series = AllocationKind::ALL
                .iter()
                .enumerate()
                .map(|(i, k)| Series {
                    label: allocation_kind_label(*k, lang).to_string(),
                    color: i,
                    hatched: *k == AllocationKind::CarriedOver,
                })
                .collect();
            let has_disbursed = kinds_present.contains(&AllocationKind::Disbursed);
            let areas = c.sorted_areas(cells.keys().map(|k| k.0));
            let periods = sorted_periods(cells.keys().map(|k| k.1));
            let per_period = if has_disbursed { 2 } else { 1 };
            chart.slots = periods.len() * per_period;
            for area in areas {
                let mut group = Group {
                    label: c.area_name(area),
                    bars: vec![],
                };
                for (pi, period) in periods.iter().enumerate() {
                    let seg = |k: AllocationKind| {
                        cells.get(&(area, *period, k)).map(|(sum, ids)| {
                            c.money_segment(k as usize, sum, ids.clone(), Some(k), None)
                        })
                    };
                    let stack: Vec<Segment> =
                        [AllocationKind::Allocated, AllocationKind::CarriedOver]
                            .into_iter()
                            .filter_map(seg)
                            .collect();
                    if !stack.is_empty() {
                        group.bars.push(Bar {
                            slot: pi * per_period,
                            label: period.to_string(),
                            area_id: Some(area),
                            period: Some(*period),
                            segments: stack,
                        });
                    }
                    if let Some(s) = seg(AllocationKind::Disbursed) {
                        group.bars.push(Bar {
                            slot: pi * per_period + 1,
                            label: period.to_string(),
                            area_id: Some(area),
                            period: Some(*period),
                            segments: vec![s],
                        });
                    }
                }
                chart.groups.push(group);
            }
            let both = analysis::group_allocations(d, &spec.filter)?;
            chart.notes = span_notes(&c, &by_area_period(&both)?, money, &unit);
        }
        ChartKind::ByProject => {
            chart.title = fill(t.chart_title_project, &[("kind", kind_name)]);
            let groups = analysis::group_allocations(d, &one_kind(spec.money_kind))?;
            let projects: Vec<ProjectId> = {
                let present: BTreeSet<ProjectId> = groups.iter().map(|g| g.project_id).collect();
                d.projects
                    .iter()
                    .map(|p| p.id)
                    .filter(|p| present.contains(p))
                    .collect()
            };
            chart.series = projects
                .iter()
                .enumerate()
                .map(|(i, p)| Series {
                    label: d
                        .project(*p)
                        .map(|x| project_label(x, lang))
                        .unwrap_or_default(),
                    color: i,
                    hatched: false,
                })
                .collect();
            let areas = c.sorted_areas(groups.iter().map(|g| g.area_id));
            let periods = sorted_periods(groups.iter().map(|g| g.period));
            chart.slots = periods.len();
            for area in areas {
                let mut group = Group {
                    label: c.area_name(area),
                    bars: vec![],
                };
                for (pi, period) in periods.iter().enumerate() {
                    let segments: Vec<Segment> = projects
                        .iter()
                        .enumerate()
                        .filter_map(|(si, p)| {
                            groups
                                .iter()
                                .find(|g| {
                                    g.area_id == area && g.period == *period && g.project_id == *p
                                })
                                .map(|g| {
                                    c.money_segment(
                                        si,
                                        &g.sum,
                                        g.allocation_ids.clone(),
                                        Some(spec.money_kind),
                                        Some(*p),
                                    )
                                })
                        })
                        .collect();
                    if !segments.is_empty() {
                        group.bars.push(Bar {
                            slot: pi,
                            label: period.to_string(),
                            area_id: Some(area),
                            period: Some(*period),
                            segments,
                        });
                    }
                }
                chart.groups.push(group);
            }
            chart.notes = span_notes(&c, &by_area_period(&groups)?, money, &unit);
        }
        ChartKind::Totals => {
            chart.title = fill(t.chart_title_totals, &[("kind", &kind_name.to_lowercase())]);
            let groups = analysis::group_allocations(d, &one_kind(spec.money_kind))?;
            let mut per_period: BTreeMap<Period, (AmountSum, Vec<AllocationId>)> = BTreeMap::new();
            for g in &groups {
                let e = per_period.entry(g.period).or_default();
                e.0.merge(&g.sum)?;
                e.1.extend(g.allocation_ids.iter().copied());
            }
            chart.series = vec![Series {
                label: fill(t.chart_total_series, &[("kind", &kind_name.to_lowercase())]),
                color: 0,
                hatched: false,
            }];
            for (period, (sum, ids)) in per_period {
                if period.is_single_year() {
                    chart.line.push(LinePoint {
                        year: period.from_year(),
                        value: SegmentValue::from_sum(&sum),
                        allocation_ids: ids,
                    });
                } else {
                    chart.spans.push(SpanTotal {
                        period,
                        value: SegmentValue::from_sum(&sum),
                        allocation_ids: ids,
                    });
                }
            }
            if !chart.spans.is_empty() {
                chart.notes.push(t.chart_totals_span_note.to_string());
            }
            let years = chart.line.iter().map(|p| (p.year, p.year)).chain(
                chart
                    .spans
                    .iter()
                    .map(|s| (s.period.from_year(), s.period.to_year())),
            );
            if let Some((from, to)) = years.reduce(|a, b| (a.0.min(b.0), a.1.max(b.1))) {
                chart.markers = time_markers(d, from, to, lang);
            }
        }
        ChartKind::Rounds => {
            chart.title = fill(t.chart_title_rounds, &[("kind", kind_name)]);
            rounds_chart(d, spec, &c, &mut chart)?;
        }
        ChartKind::DisbursementRate => {
            chart.title = t.chart_title_rate.to_string();
            chart.value_label = "%".into();
            chart.format = ValueFormat::PercentTenths;
            chart.series = vec![Series {
                label: t.chart_view_rate.to_string(),
                color: 2,
                hatched: false,
            }];
            let groups = analysis::group_allocations(
                d,
                &AllocationFilter {
                    kinds: None,
                    ..spec.filter.clone()
                },
            )?;
            let mut cells: BTreeMap<(AreaId, Period), [Option<Cell>; 3]> = BTreeMap::new();
            for g in &groups {
                let slot = &mut cells.entry((g.area_id, g.period)).or_default()[g.kind as usize];
                let e = slot.get_or_insert_with(Default::default);
                e.0.merge(&g.sum)?;
                e.1.extend(g.allocation_ids.iter().copied());
            }
            let periods = sorted_periods(cells.keys().map(|k| k.1));
            chart.slots = periods.len();
            let mut groups_out: BTreeMap<usize, Group> = BTreeMap::new();
            for ((area, period), [alloc, carried, disbursed]) in &cells {
                let Some((dis, dis_ids)) = disbursed else {
                    continue;
                };
                let base_known = match (alloc, carried) {
                    (Some((a, _)), None) => a.total(),
                    (Some((a, _)), Some((c, _))) => a
                        .total()
                        .zip(c.total())
                        .and_then(|(a, c)| a.checked_add(c).ok()),
                    (None, Some((c, _))) => c.total(),
                    (None, None) => None,
                };
                let rate = match (dis.total(), base_known) {
                    (Some(dv), Some(base)) if base.get() > 0 => {
                        // Tenths of a percent, rounded half up, in integers.
                        let num = i128::from(dv.get()) * 1000;
                        let den = i128::from(base.get());
                        Some(((num * 2 + den) / (den * 2)) as i64)
                    }
                    _ => None,
                };
                let Some(rate) = rate else {
                    chart.notes.push(fill(
                        t.chart_rate_missing,
                        &[
                            ("area", &c.area_name(*area)),
                            ("period", &period.to_string()),
                        ],
                    ));
                    continue;
                };
                let mut ids: Vec<AllocationId> = dis_ids.clone();
                for (_, i) in [alloc, carried].into_iter().flatten() {
                    ids.extend(i.iter().copied());
                }
                ids.sort();
                let pos = c.area_order.get(area).copied().unwrap_or(usize::MAX);
                let group = groups_out.entry(pos).or_insert_with(|| Group {
                    label: c.area_name(*area),
                    bars: vec![],
                });
                group.bars.push(Bar {
                    slot: periods.iter().position(|p| p == period).unwrap_or(0),
                    label: period.to_string(),
                    area_id: Some(*area),
                    period: Some(*period),
                    segments: vec![Segment {
                        series: 0,
                        value: SegmentValue::Known(rate),
                        kind: Some(AllocationKind::Disbursed),
                        project_id: None,
                        sources: c.sources(&ids),
                        allocation_ids: ids,
                        indicator_value_ids: vec![],
                    }],
                });
            }
            chart.groups = groups_out.into_values().collect();
            if chart.is_empty() {
                chart.empty_message = Some(t.chart_rate_empty.to_string());
            }
        }
        ChartKind::Indicator => {
            chart.format = ValueFormat::Quantity;
            let Some((ind, values)) = indicator_values(d, spec) else {
                chart.title = t.chart_view_indicator.to_string();
                chart.empty_message = Some(t.chart_no_indicator.to_string());
                return Ok(chart);
            };
            chart.title = fill(t.chart_title_indicator, &[("indicator", &ind.name)]);
            chart.value_label = ind.unit.clone();
            let periods = sorted_periods(values.iter().map(|v| v.period));
            let areas = c.sorted_areas(values.iter().map(|v| v.area_id));
            chart.series = periods
                .iter()
                .enumerate()
                .map(|(i, p)| Series {
                    label: p.to_string(),
                    color: i,
                    hatched: false,
                })
                .collect();
            chart.slots = periods.len();
            let mut cells: HashMap<(AreaId, Period), Vec<&IndicatorValue>> = HashMap::new();
            for v in &values {
                cells.entry((v.area_id, v.period)).or_default().push(v);
            }
            for area in areas {
                let mut group = Group {
                    label: c.area_name(area),
                    bars: vec![],
                };
                for (si, period) in periods.iter().enumerate() {
                    let Some(vs) = cells.get(&(area, *period)) else {
                        continue;
                    };
                    let value = indicator_value(vs)?;
                    let sources: BTreeSet<String> = vs
                        .iter()
                        .map(|v| v.source_doc.clone())
                        .filter(|s| !s.is_empty())
                        .collect();
                    group.bars.push(Bar {
                        slot: si,
                        label: period.to_string(),
                        area_id: Some(area),
                        period: Some(*period),
                        segments: vec![Segment {
                            series: si,
                            value,
                            kind: None,
                            project_id: None,
                            allocation_ids: vec![],
                            indicator_value_ids: vs.iter().map(|v| v.id).collect(),
                            sources: sources.into_iter().collect(),
                        }],
                    });
                }
                chart.groups.push(group);
            }
        }
    }
    if let Some((list, partial)) = &ranked {
        let kind = match spec.kind {
            ChartKind::ByKind | ChartKind::DisbursementRate => AllocationKind::Allocated,
            _ => spec.money_kind,
        };
        let kind = allocation_kind_label(kind, lang).to_lowercase();
        let count = list.len().to_string();
        // An indicator is ranked by its value in one period, money by its kind.
        let (top, bottom, desc, asc, what) = match ranked_on {
            Some(period) => (
                t.chart_rank_top_value,
                t.chart_rank_bottom_value,
                t.chart_rank_desc_value,
                t.chart_rank_asc_value,
                ("period", period.to_string()),
            ),
            None => (
                t.chart_rank_top,
                t.chart_rank_bottom,
                t.chart_rank_desc,
                t.chart_rank_asc,
                ("kind", kind),
            ),
        };
        let what = (what.0, what.1.as_str());
        let suffix = match (spec.order, spec.limit) {
            (AreaOrder::LargestFirst, Some(_)) => Some(fill(top, &[("count", &count), what])),
            (AreaOrder::SmallestFirst, Some(_)) => Some(fill(bottom, &[("count", &count), what])),
            (AreaOrder::LargestFirst, None) => Some(fill(desc, &[what])),
            (AreaOrder::SmallestFirst, None) => Some(fill(asc, &[what])),
            (AreaOrder::AsListed, _) => None,
        };
        if let Some(suffix) = suffix {
            chart.title = format!("{} — {suffix}", chart.title);
        }
        if *partial > 0 && spec.order != AreaOrder::AsListed {
            chart.notes.insert(
                0,
                fill(
                    t.chart_rank_unknown_note,
                    &[("count", &partial.to_string())],
                ),
            );
        }
    }
    // Figures a later round gave again are left out of the ordinary views: say so, once.
    if spec.filter.round == analysis::RoundView::Latest
        && !matches!(spec.kind, ChartKind::Rounds | ChartKind::Indicator)
    {
        let superseded = analysis::superseded(d);
        if !superseded.is_empty() {
            // The figures this chart would have shown: its money, under the units it shows.
            let filter = AllocationFilter {
                kinds: spec
                    .kind
                    .uses_money_kind()
                    .then(|| [spec.money_kind].into()),
                ..spec.filter.clone()
            };
            let regroup = analysis::area_regrouping(d, spec.filter.basis);
            let level: HashMap<AreaId, AreaLevel> =
                d.areas.iter().map(|a| (a.id, a.level())).collect();
            let n = d
                .allocations
                .iter()
                .filter(|a| superseded.contains(&a.id))
                .filter(|a| {
                    let shown = regroup.get(&a.area_id).copied().unwrap_or(a.area_id);
                    filter.accepts_as(a, shown, level.get(&shown).copied())
                })
                .count();
            if n > 0 {
                let text = if n == 1 {
                    t.chart_superseded_note_one
                } else {
                    t.chart_superseded_note
                };
                chart.notes.push(fill(text, &[("n", &n.to_string())]));
            }
        }
    }
    if chart.empty_message.is_none() && chart.is_empty() {
        chart.empty_message = Some(t.chart_empty.to_string());
    }
    Ok(chart)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::{self, CHI_LANG, HUU_LUNG};

    fn trieu(n: i64) -> i64 {
        n * 1_000_000
    }

    #[test]
    fn bars_sit_under_their_own_label_without_holes() {
        let d = sample::lang_son();
        let c = build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
        let l = layout(&c);
        let xs = |g: usize| -> Vec<f64> {
            l.bars
                .iter()
                .filter(|b| b.group == g)
                .map(|b| b.x)
                .collect()
        };
        // Hữu Lũng: 2022 and 2023 side by side around its label; Chi Lăng: its one
        // period-total bar right under its label, not off in the 2022–2023 slot.
        let hl = xs(0);
        assert_eq!(hl.len(), 2);
        assert!((hl[0] + hl[1]).abs() < 1e-9, "{hl:?}");
        assert!(hl[0] < hl[1]);
        assert_eq!(xs(1), vec![1.0]);
        let w = l.bars[0].width;
        assert!(hl[1] - hl[0] >= w, "bars do not overlap: {hl:?} width {w}");
    }

    #[test]
    fn area_year_keeps_the_span_whole_and_the_unknown_visible() {
        let d = sample::lang_son();
        let c = build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
        assert_eq!(c.title, "Vốn phân bổ theo địa bàn và năm");
        let labels: Vec<_> = c.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["2022", "2023", "2022–2023"]);
        assert_eq!(c.groups.len(), 2);
        assert_eq!(c.groups[0].label, "Hữu Lũng");
        let hl: Vec<_> = c.groups[0]
            .bars
            .iter()
            .map(|b| (b.label.as_str(), b.segments[0].value))
            .collect();
        assert_eq!(
            hl,
            [
                ("2022", SegmentValue::Known(trieu(468))),
                ("2023", SegmentValue::Known(trieu(494)))
            ]
        );
        let cl = &c.groups[1].bars;
        assert_eq!(cl.len(), 1, "one bar for 2022–2023, not two halves");
        assert_eq!(cl[0].label, "2022–2023");
        assert_eq!(cl[0].segments[0].value, SegmentValue::Known(trieu(949)));
        assert!(
            c.notes[0].contains("Chi Lăng") && c.notes[0].contains("2022–2023"),
            "{:?}",
            c.notes
        );
        assert!(c.segments().all(|(_, _, s)| !s.sources.is_empty()));
    }

    #[test]
    fn carried_over_is_its_own_hatched_series_and_unknown_is_a_placeholder() {
        let d = sample::lang_son();
        let spec = ChartSpec {
            kind: ChartKind::ByKind,
            ..Default::default()
        };
        let c = build(&d, &spec, Lang::Vi).unwrap();
        let hl_2023 = c.groups[0].bars.iter().find(|b| b.label == "2023").unwrap();
        assert_eq!(hl_2023.segments.len(), 2);
        assert_eq!(hl_2023.segments[0].kind, Some(AllocationKind::Allocated));
        assert_eq!(hl_2023.segments[1].kind, Some(AllocationKind::CarriedOver));
        assert_eq!(hl_2023.segments[1].value, SegmentValue::Unknown);
        assert!(c.series[hl_2023.segments[1].series].hatched);
        let l = layout(&c);
        let placeholder = l.pieces.iter().find(|p| p.placeholder).unwrap();
        assert!(
            placeholder.y0 >= 494.0,
            "the placeholder sits on the known 494, it is not a zero bar"
        );
        assert!(placeholder.y1 > placeholder.y0);
        assert_eq!(l.pieces.iter().filter(|p| p.placeholder).count(), 1);
    }

    #[test]
    fn year_area_puts_areas_inside_periods() {
        let d = sample::lang_son();
        let spec = ChartSpec {
            kind: ChartKind::YearArea,
            ..Default::default()
        };
        let c = build(&d, &spec, Lang::En).unwrap();
        assert_eq!(c.title, "Allocated by year and area");
        let groups: Vec<_> = c.groups.iter().map(|g| g.label.as_str()).collect();
        // The period total comes after the single years, never between them.
        assert_eq!(groups, ["2022", "2023", "2022–2023"]);
        assert_eq!(c.groups[1].bars[0].area_id, Some(HUU_LUNG));
        assert_eq!(c.groups[2].bars[0].area_id, Some(CHI_LANG));
    }

    #[test]
    fn totals_line_uses_single_years_and_keeps_spans_apart() {
        let d = sample::lang_son();
        let spec = ChartSpec {
            kind: ChartKind::Totals,
            ..Default::default()
        };
        let c = build(&d, &spec, Lang::Vi).unwrap();
        let line: Vec<_> = c.line.iter().map(|p| (p.year, p.value)).collect();
        assert_eq!(
            line,
            [
                (2022, SegmentValue::Known(trieu(468))),
                (2023, SegmentValue::Known(trieu(494)))
            ]
        );
        assert_eq!(c.spans.len(), 1);
        assert_eq!(c.spans[0].period.to_string(), "2022–2023");
        assert_eq!(c.spans[0].value, SegmentValue::Known(trieu(949)));
        let carried = build(
            &d,
            &ChartSpec {
                kind: ChartKind::Totals,
                money_kind: AllocationKind::CarriedOver,
                ..Default::default()
            },
            Lang::Vi,
        )
        .unwrap();
        assert_eq!(carried.line[0].value, SegmentValue::Unknown);
    }

    #[test]
    fn disbursement_rate_only_where_every_figure_is_known() {
        let mut d = sample::lang_son();
        let rate = |d: &Dossier| {
            build(
                d,
                &ChartSpec {
                    kind: ChartKind::DisbursementRate,
                    ..Default::default()
                },
                Lang::Vi,
            )
            .unwrap()
        };
        assert!(
            rate(&d).empty_message.is_some(),
            "the sample reports no disbursement"
        );
        // Hữu Lũng 2022: 468 allocated, 351 disbursed → 75,0 %.
        let mut dis = d.allocations[0].clone();
        dis.id = AllocationId(20);
        dis.kind = AllocationKind::Disbursed;
        dis.amount_dong = Amount::Known(Dong::from_trieu(351).unwrap());
        d.allocations.push(dis.clone());
        // Hữu Lũng 2023: the carried-over amount is unknown, so no rate can be given.
        let mut dis23 = dis.clone();
        dis23.id = AllocationId(21);
        dis23.period = Period::year(2023).unwrap();
        d.allocations.push(dis23);
        let c = rate(&d);
        assert_eq!(c.groups.len(), 1);
        assert_eq!(c.groups[0].bars.len(), 1);
        assert_eq!(
            c.groups[0].bars[0].segments[0].value,
            SegmentValue::Known(750)
        );
        assert_eq!(
            ValueFormat::PercentTenths.format(750, NumberStyle::Vi),
            "75%"
        );
        assert_eq!(
            ValueFormat::PercentTenths.format(753, NumberStyle::Vi),
            "75,3%"
        );
        assert!(
            c.notes
                .iter()
                .any(|n| n.contains("Hữu Lũng") && n.contains("2023")),
            "{:?}",
            c.notes
        );
    }

    #[test]
    fn indicators_chart_per_area() {
        let d = sample::lang_son();
        let spec = ChartSpec {
            kind: ChartKind::Indicator,
            indicator: Some(IndicatorId(1)),
            ..Default::default()
        };
        let c = build(&d, &spec, Lang::Vi).unwrap();
        assert_eq!(c.value_label, "lớp");
        assert_eq!(c.groups[0].label, "Chi Lăng");
        assert_eq!(
            c.groups[0].bars[0].segments[0].value,
            SegmentValue::Known(9000)
        );
        assert_eq!(
            segment_label(SegmentValue::Known(9000), c.format, Lang::Vi),
            "9"
        );
        // A month-type indicator cannot be charted; the first number indicator is used.
        let spec = ChartSpec {
            indicator: Some(IndicatorId(3)),
            ..spec
        };
        assert_eq!(build(&d, &spec, Lang::Vi).unwrap().value_label, "lớp");
    }

    #[test]
    fn by_project_stacks_projects() {
        let mut d = sample::lang_son();
        let mut other = d.allocations[0].clone();
        other.id = AllocationId(30);
        other.project_id = ProjectId(4);
        other.amount_dong = Amount::Known(Dong::from_trieu(100).unwrap());
        d.allocations.push(other);
        let spec = ChartSpec {
            kind: ChartKind::ByProject,
            ..Default::default()
        };
        let c = build(&d, &spec, Lang::Vi).unwrap();
        let labels: Vec<_> = c.series.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Dự án 4", "Dự án 7"]);
        let hl_2022 = &c.groups[0].bars[0];
        assert_eq!(hl_2022.segments.len(), 2);
        let l = layout(&c);
        let tops: Vec<f64> = l
            .pieces
            .iter()
            .filter(|p| p.group == 0 && p.bar == 0)
            .map(|p| p.y1)
            .collect();
        assert_eq!(tops, [100.0, 568.0]);
    }

    #[test]
    fn a_stack_too_large_to_add_is_an_error_not_a_wrapped_number() {
        // Two projects' figures for one bar, each within range, whose sum is not.
        let mut d = sample::lang_son();
        let half = i64::MAX / 2 + 1;
        d.allocations[0].amount_dong = Amount::Known(Dong::new(half).unwrap());
        let mut other = d.allocations[0].clone();
        other.id = AllocationId(30);
        other.project_id = ProjectId(4);
        d.allocations.push(other);
        let spec = ChartSpec {
            kind: ChartKind::ByProject,
            ..Default::default()
        };
        assert_eq!(build(&d, &spec, Lang::Vi), Err(MoneyError::Overflow));
    }

    #[test]
    fn indicator_sums_too_large_are_an_error_not_a_ceiling() {
        let mut d = sample::lang_son();
        let mut big = d.indicator_values[0].clone();
        big.value = Measure::Number(Quantity::from_milli(i64::MAX));
        d.indicator_values[0] = big.clone();
        big.id = IndicatorValueId(99);
        d.indicator_values.push(big);
        let spec = ChartSpec {
            kind: ChartKind::Indicator,
            indicator: Some(d.indicator_values[0].indicator_id),
            ..Default::default()
        };
        assert_eq!(build(&d, &spec, Lang::Vi), Err(MoneyError::ValueOverflow));
    }

    #[test]
    fn filters_narrow_the_chart() {
        let d = sample::lang_son();
        let spec = ChartSpec {
            filter: AllocationFilter {
                years: Some((2022, 2022)),
                ..Default::default()
            },
            ..Default::default()
        };
        let c = build(&d, &spec, Lang::Vi).unwrap();
        // 2022 keeps Hữu Lũng's 2022 and Chi Lăng's whole 2022–2023 total.
        let bars: Vec<_> = c.segments().map(|(_, _, s)| s.value).collect();
        assert_eq!(
            bars,
            [
                SegmentValue::Known(trieu(468)),
                SegmentValue::Known(trieu(949))
            ]
        );
        let none = ChartSpec {
            filter: AllocationFilter {
                area_level: Some(AreaLevel::Commune),
                ..Default::default()
            },
            ..Default::default()
        };
        assert!(build(&d, &none, Lang::Vi).unwrap().empty_message.is_some());
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(949.0), 200.0);
        assert_eq!(nice_step(100.0), 20.0);
        assert_eq!(nice_step(0.0), 1.0);
        assert_eq!(format_axis(1000.0, NumberStyle::Vi), "1.000");
        assert_eq!(format_axis(2.5, NumberStyle::Vi), "2,5");
    }
}
