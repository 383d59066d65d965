//! Charts as data: what to draw (groups, bars, stacked segments, lines), computed once from the
//! dossier by the same aggregation the summary uses, and drawn by the window (egui_plot), the
//! SVG/PNG exporter and the printed documents alike. Nothing here knows how it is drawn.
//!
//! Honesty rules: a period total (2022–2023) is one bar labelled with its period, never split;
//! an unknown amount is a placeholder segment, never a zero; carried-over money is its own
//! series, apart from new allocation.

mod context;
mod kinds;
mod layout;
mod multiples;
mod pages;
mod ranking;
pub mod svg;
pub mod table;

pub use kinds::totals::time_markers;
pub use layout::{
    BarPlace, Layout, Piece, format_axis, layout, nice_step, segment_label, under_bar,
};
pub use multiples::small_multiples;
pub use pages::{ROWS_PER_PAGE, prefers_horizontal, split_for_pages};
pub use ranking::{ranked_areas, ranked_indicator_areas};

use context::{Ctx, note_superseded};
use ranking::Ranking;

use crate::analysis::AllocationFilter;
use crate::analysis::count::Tally;
use crate::i18n::Lang;
use crate::model::number::{NumberStyle, format_money_rounded, format_scaled};
use crate::model::*;

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

/// A segment's amount: known, unknown, known only in part, or withheld (no rule decides
/// what to add: see `analysis::count`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentValue {
    Known(i64),
    Unknown,
    /// The known part; at least one part is unknown.
    Partial(i64),
    /// Not given: the figures behind it cannot be added (the tooltip says why).
    Withheld,
}

impl SegmentValue {
    pub fn from_sum(sum: &AmountSum) -> SegmentValue {
        if sum.is_wholly_unknown() {
            SegmentValue::Unknown
        } else if sum.is_partly_unknown() {
            SegmentValue::Partial(sum.known.get())
        } else {
            SegmentValue::Known(sum.known.get())
        }
    }

    /// A total of the counting module as drawn.
    pub fn from_tally(t: &Tally) -> SegmentValue {
        match &t.total {
            Some(sum) => SegmentValue::from_sum(sum),
            None => SegmentValue::Withheld,
        }
    }

    pub fn known_part(self) -> i64 {
        match self {
            SegmentValue::Known(v) | SegmentValue::Partial(v) => v,
            SegmentValue::Unknown | SegmentValue::Withheld => 0,
        }
    }

    /// Drawn as a placeholder, with no height of its own.
    pub fn is_placeholder(self) -> bool {
        matches!(self, SegmentValue::Unknown | SegmentValue::Withheld)
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
    /// What its amount is made of — the records counted, and those left out (for a rate, the
    /// money disbursed; empty for an indicator): the tooltip and the records panel name them.
    pub tally: Tally,
    /// For a rate, the records of what it divides by (allocated and carried over).
    pub base_ids: Vec<AllocationId>,
    pub indicator_value_ids: Vec<IndicatorValueId>,
    /// An indicator's sources, for tooltips (money names its figures through `tally`).
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
    /// The bar's total as the counting module gives it, for a bar of several segments
    /// (projects, or allocated with carried over).
    pub total: Option<Tally>,
}

impl Bar {
    /// The total written above a bar of several segments, when every part is known; `None`
    /// for a single segment, an unknown part or a total withheld.
    pub fn stack_total(&self) -> Option<i64> {
        if self.segments.len() < 2 {
            return None;
        }
        self.total.as_ref()?.total.as_ref()?.total().map(Dong::get)
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
    /// What it is made of, in brief (a province's year is made of many figures).
    pub tally: Tally,
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

/// A total for a span of years, drawn across those years and labelled with its period.
#[derive(Clone, Debug, PartialEq)]
pub struct SpanTotal {
    pub period: Period,
    pub value: SegmentValue,
    /// What it is made of, in brief.
    pub tally: Tally,
}

/// The totals of a chart's table, each from the counting module: per group (a row of the
/// table), per slot (a column), and of everything — so the table never adds money itself.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartTotals {
    /// One per group, in the groups' order; `None` where the chart has no row totals.
    pub rows: Vec<Option<Tally>>,
    /// By slot (the table's columns).
    pub columns: std::collections::BTreeMap<usize, Tally>,
    pub grand: Option<Tally>,
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
    /// The totals of its table, where money of one kind may be added.
    pub totals: ChartTotals,
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
            totals: ChartTotals::default(),
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

/// Builds the chart `spec` asks for. Every sum it shows — bars, the totals above stacked
/// bars, its table's totals — comes from `analysis::count`, so a renderer never adds money.
pub fn build(d: &Dossier, spec: &ChartSpec, lang: Lang) -> Result<Chart, MoneyError> {
    build_chart(d, spec, lang)
}

/// Dispatches on the kind: the ranking and context every kind shares first, then the kind's own
/// chart (in [`kinds`]), then what every chart is told after — its ranking in the title, the
/// figures left out for a later round, that it is empty.
fn build_chart(d: &Dossier, spec: &ChartSpec, lang: Lang) -> Result<Chart, MoneyError> {
    let ranking = Ranking::new(d, spec)?;
    let narrowed = ranking.narrowed(spec);
    let spec = narrowed.as_ref().unwrap_or(spec);
    let c = Ctx::new(d, spec, lang, ranking.area_order(d))?;
    let chart = Chart {
        value_label: c.unit.clone(),
        ..Chart::empty(spec.kind, spec.unit)
    };
    let mut chart = match spec.kind {
        ChartKind::AreaYear | ChartKind::YearArea => kinds::area_year::build(&c, chart)?,
        ChartKind::ByKind => kinds::by_kind::build(&c, chart)?,
        ChartKind::ByProject => kinds::by_project::build(&c, chart)?,
        ChartKind::Totals => kinds::totals::build(&c, chart)?,
        ChartKind::Rounds => kinds::rounds::build(&c, chart)?,
        ChartKind::DisbursementRate => kinds::disbursement::build(&c, chart)?,
        ChartKind::Indicator => kinds::indicator::build(&c, chart)?,
    };
    ranking.name_in_title(spec, lang, &mut chart);
    note_superseded(&c, &mut chart);
    if chart.empty_message.is_none() && chart.is_empty() {
        chart.empty_message = Some(lang.texts().chart_empty.to_string());
    }
    Ok(chart)
}

#[cfg(test)]
mod tests;
