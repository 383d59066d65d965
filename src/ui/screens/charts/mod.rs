//! The chart screen: allocations across areas and years drawn with egui_plot from the shared
//! chart data, cached per filter (no aggregation per frame). Every bar is also an accessible,
//! clickable widget: hovering shows its area, period, kind, amount and sources; clicking lists
//! the records behind it beside the chart.

use super::{Action, Ctx, Screen, name};
use crate::analysis::{AllocationFilter, AreaBasis};
use crate::charts::table::{ChartTable, RowOrder};
use crate::charts::{self, AreaOrder, Chart, ChartKind, ChartSpec, Layout};
use crate::i18n::{Lang, fill};
use crate::model::*;
use crate::session::Stamp;
use crate::ui::jobs::{Jobs, Latest, Polled};
use egui::Color32;
use plot::Hover;
use std::sync::Arc;

mod controls;
mod details;
mod multiples;
mod plot;
mod table_view;
mod totals;

#[cfg(test)]
mod tests;

pub use details::bar_label;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Selection {
    /// A bar by its area, period and first series: beside another of the same area and
    /// period, the disbursed bar of the kind view or another round's, it is still itself.
    Bar(Option<AreaId>, Option<Period>, Option<usize>),
    Point(i32),
    Span(Period),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct CacheKey {
    stamp: Stamp,
    spec: ChartSpec,
    lang: Lang,
}

/// The small multiples: one chart per former district, with its layout.
type Panels = Vec<(Chart, Layout)>;

/// A chart and its layout, as built.
type Built = (Arc<Chart>, Arc<Layout>);

/// From how many figures a chart is built on another thread: below it a chart takes a few
/// milliseconds (measured by `giamsat-bench --scale`), above it the window would stall.
const BUILD_APART_FROM: usize = 50_000;

/// A chart and its layout for `spec`; a chart that cannot be built says why instead.
fn build_chart(d: &Dossier, spec: &ChartSpec, unit: MoneyUnit, lang: Lang) -> Built {
    let chart = charts::build(d, spec, lang).unwrap_or_else(|e| Chart {
        empty_message: Some(e.to_string()),
        ..Chart::empty(spec.kind, unit)
    });
    let layout = charts::layout(&chart);
    (Arc::new(chart), Arc::new(layout))
}

pub struct ChartsScreen {
    pub kind: ChartKind,
    money_kind: AllocationKind,
    project: Option<ProjectId>,
    level: Option<AreaLevel>,
    basis: AreaBasis,
    order: AreaOrder,
    limit: Option<usize>,
    /// The areas picked; `None`: all.
    areas: Option<std::collections::BTreeSet<AreaId>>,
    area_search: String,
    year_from: String,
    year_to: String,
    indicator: Option<IndicatorId>,
    cache: Option<(CacheKey, Arc<Chart>, Arc<Layout>)>,
    /// A chart of a large project being built on another thread.
    building: Latest<CacheKey, Built>,
    /// The chart's figures as a table, made once per chart.
    table_cache: Option<(Arc<Chart>, Arc<ChartTable>)>,
    pub show_table: bool,
    /// One small chart per former district instead of the one chart.
    pub multiples: bool,
    multiples_cache: Option<(CacheKey, Arc<Panels>)>,
    multiples_building: Latest<CacheKey, Arc<Panels>>,
    table_order: RowOrder,
    /// What is selected, by what it shows, so it survives a rebuilt chart.
    selected: Option<Selection>,
    /// Where each bar was drawn last frame (for tests and accessibility).
    bar_rects: Vec<(String, egui::Rect)>,
}

impl Default for ChartsScreen {
    fn default() -> Self {
        ChartsScreen {
            kind: ChartKind::AreaYear,
            money_kind: AllocationKind::Allocated,
            project: None,
            level: None,
            basis: AreaBasis::AsReported,
            order: AreaOrder::AsListed,
            limit: None,
            areas: None,
            area_search: String::new(),
            year_from: String::new(),
            year_to: String::new(),
            indicator: None,
            cache: None,
            building: Latest::default(),
            table_cache: None,
            show_table: false,
            multiples: false,
            multiples_cache: None,
            multiples_building: Latest::default(),
            table_order: RowOrder::AsDrawn,
            selected: None,
            bar_rects: Vec::new(),
        }
    }
}

fn c32((r, g, b): (u8, u8, u8)) -> Color32 {
    Color32::from_rgb(r, g, b)
}

impl ChartsScreen {
    pub fn spec(&self, unit: MoneyUnit) -> ChartSpec {
        let from: Option<i32> = self.year_from.trim().parse().ok();
        let to: Option<i32> = self.year_to.trim().parse().ok();
        let years = match (from, to) {
            (None, None) => None,
            (a, b) => Some((a.unwrap_or(period::MIN_YEAR), b.unwrap_or(period::MAX_YEAR))),
        };
        ChartSpec {
            kind: self.kind,
            filter: AllocationFilter {
                project_ids: self.project.map(|p| [p].into()),
                area_level: self.level,
                area_ids: self.areas.clone(),
                years,
                basis: self.basis,
                ..Default::default()
            },
            money_kind: self.money_kind,
            indicator: self.indicator,
            unit,
            order: self.order,
            limit: self.limit,
        }
    }

    /// The chart for the current filter, built once per change of data or filter.
    pub fn chart(
        &mut self,
        d: &Dossier,
        stamp: Stamp,
        unit: MoneyUnit,
        lang: Lang,
    ) -> (Arc<Chart>, Arc<Layout>) {
        let key = CacheKey {
            stamp,
            spec: self.spec(unit),
            lang,
        };
        if let Some((k, c, l)) = &self.cache
            && *k == key
        {
            return (Arc::clone(c), Arc::clone(l));
        }
        let (c, l) = build_chart(d, &key.spec, unit, lang);
        self.cache = Some((key, Arc::clone(&c), Arc::clone(&l)));
        (c, l)
    }

    /// Whether a chart is being built on another thread (the screen shows the last one).
    pub fn is_building(&self) -> bool {
        self.building.is_running()
    }

    /// [`ChartsScreen::chart`] for the screen: a large project's chart is built on another
    /// thread while the window goes on showing the last one (or a word that it is coming);
    /// `true` while it is being built. The window is woken when it is ready.
    fn chart_for_screen(
        &mut self,
        jobs: &Jobs,
        d: &Arc<Dossier>,
        stamp: Stamp,
        unit: MoneyUnit,
        lang: Lang,
    ) -> (Arc<Chart>, Arc<Layout>, bool) {
        let key = CacheKey {
            stamp,
            spec: self.spec(unit),
            lang,
        };
        // A build still running is left to finish, so that at most one runs; its result is
        // kept if it is the one asked for next, and cleared away once the chart asked for is
        // at hand (so the screen does not go on saying it is building).
        if d.allocations.len() < BUILD_APART_FROM
            || self.cache.as_ref().is_some_and(|(k, ..)| *k == key)
        {
            let _ = self.building.take_finished();
            let (c, l) = self.chart(d, stamp, unit, lang);
            return (c, l, false);
        }
        let (shared, spec) = (Arc::clone(d), key.spec.clone());
        match self.building.poll(jobs, "chart", &key, move || {
            build_chart(&shared, &spec, unit, lang)
        }) {
            Polled::Ready((c, l)) => {
                self.cache = Some((key, Arc::clone(&c), Arc::clone(&l)));
                return (c, l, false);
            }
            Polled::Earlier(k, (c, l)) => self.cache = Some((k, c, l)),
            Polled::Waiting => {}
            // The build panicked (a bug): built again here it would take the window down
            // with it. The chart says what went wrong instead, until the data or choice change.
            Polled::Failed(k, e) if k == key => {
                let failed = Chart {
                    empty_message: Some(if e.is_empty() {
                        lang.texts().chart_failed.to_string()
                    } else {
                        format!("{} ({e})", lang.texts().chart_failed)
                    }),
                    ..Chart::empty(self.kind, unit)
                };
                let layout = charts::layout(&failed);
                let (c, l) = (Arc::new(failed), Arc::new(layout));
                self.cache = Some((key, Arc::clone(&c), Arc::clone(&l)));
                return (c, l, false);
            }
            // An earlier choice's build failed; this one is being built meanwhile.
            Polled::Failed(..) => {}
        }
        // Meanwhile: the chart shown before, or an empty one that says what is coming.
        match &self.cache {
            Some((_, c, l)) => (Arc::clone(c), Arc::clone(l), true),
            None => {
                let waiting = Chart {
                    empty_message: Some(lang.texts().chart_building.to_string()),
                    ..Chart::empty(self.kind, unit)
                };
                let layout = charts::layout(&waiting);
                (Arc::new(waiting), Arc::new(layout), true)
            }
        }
    }

    /// Sets the years shown, as typing them in the From/To fields does.
    pub fn set_years(&mut self, from: &str, to: &str) {
        self.year_from = from.to_string();
        self.year_to = to.to_string();
    }

    /// The accessible names of the bars drawn last frame, with where they are.
    pub fn bar_rects(&self) -> &[(String, egui::Rect)] {
        &self.bar_rects
    }
}

impl Screen for ChartsScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        let lang = ctx.lang;
        let t = ctx.t();
        let shared = ctx.session.dossier_arc();
        let d = &*shared;
        if d.allocations.is_empty() && d.indicator_values.is_empty() {
            return super::empty_state(ui, lang, t.empty_charts, "import");
        }
        let mut action = self.controls(ui, d, lang);
        // The small multiples of a large project are built alone: the one chart waits.
        let (chart, layout, building) = match &self.cache {
            Some((_, c, l)) if self.multiples && d.allocations.len() >= BUILD_APART_FROM => {
                (Arc::clone(c), Arc::clone(l), false)
            }
            _ => self.chart_for_screen(ctx.jobs, &shared, ctx.session.stamp(), ctx.unit, lang),
        };
        if building && !self.multiples {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t.chart_building);
            });
        }

        let selected_bar = match self.selected {
            Some(Selection::Bar(area, period, series)) => layout
                .bars
                .iter()
                .find(|b| {
                    let bar = &chart.groups[b.group].bars[b.bar];
                    bar.area_id == area
                        && bar.period == period
                        && bar.segments.first().map(|s| s.series) == series
                })
                .map(|b| (b.group, b.bar)),
            _ => None,
        };
        egui::Panel::right("chart-records")
            .resizable(true)
            .default_size(330.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if let Some(a) = self.records_ui(ui, ctx, &chart, selected_bar) {
                            action = Some(a);
                        }
                    });
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let can_split = !ctx.session.dossier().successions.is_empty();
            ui.horizontal_wrapped(|ui| {
                if ui
                    .selectable_label(!self.show_table && !self.multiples, t.chart_show_chart)
                    .clicked()
                {
                    (self.show_table, self.multiples) = (false, false);
                }
                if ui
                    .selectable_label(self.show_table, t.chart_show_table)
                    .clicked()
                {
                    (self.show_table, self.multiples) = (true, false);
                }
                if can_split
                    && ui
                        .selectable_label(self.multiples, t.chart_show_multiples)
                        .on_hover_text(t.chart_multiples_hint)
                        .clicked()
                {
                    (self.show_table, self.multiples) = (false, true);
                }
                ui.add_space(12.0);
                if !self.multiples {
                    ui.heading(&chart.title);
                }
            });
            if self.show_table && chart.empty_message.is_none() {
                self.table_ui(ui, ctx, &chart);
                return;
            }
            if self.multiples && can_split {
                self.multiples_ui(ui, ctx, lang);
                return;
            }
            // Notes first: they say what a bar is not (a split total), before it is read. Many
            // notes (a whole province) fold away so the chart keeps its room.
            if chart.notes.len() <= 2 {
                for note in &chart.notes {
                    ui.label(egui::RichText::new(note).italics());
                }
            } else {
                egui::CollapsingHeader::new(fill(
                    t.chart_notes_header,
                    &[("count", &chart.notes.len().to_string())],
                ))
                .id_salt("chart-notes")
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(160.0)
                        .show(ui, |ui| {
                            for note in &chart.notes {
                                ui.label(egui::RichText::new(note).italics());
                            }
                        });
                });
            }
            if let Some(msg) = &chart.empty_message {
                ui.add_space(20.0);
                ui.label(msg);
                self.bar_rects.clear();
            } else {
                let room = ui.available_height();
                let d = ctx.session.dossier_arc();
                let on = Hover {
                    d: &d,
                    unit: ctx.unit,
                    lang,
                };
                if charts::prefers_horizontal(&chart) {
                    egui::ScrollArea::vertical()
                        .id_salt("chart-scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            self.plot_ui(ui, &chart, &layout, selected_bar, room, &on)
                        });
                } else {
                    self.plot_ui(ui, &chart, &layout, selected_bar, room, &on);
                }
            }
        });
        action
    }
}
