//! The chart screen: allocations across areas and years drawn with egui_plot from the shared
//! chart data, cached per filter (no aggregation per frame). Every bar is also an accessible,
//! clickable widget: hovering shows its area, period, kind, amount and sources; clicking lists
//! the records behind it beside the chart.

use super::{Action, DataSection};
use super::{Ctx, Screen, name};
use crate::analysis::{AllocationFilter, AreaBasis};
use crate::charts::svg::color;
use crate::charts::table::{ChartTable, RowOrder};
use crate::charts::{
    self, AreaOrder, Chart, ChartKind, ChartSpec, Layout, SegmentValue, segment_label,
};
use crate::i18n::labels::*;
use crate::i18n::{Lang, fill};
use crate::model::*;
use crate::session::Stamp;
use crate::ui::jobs::{Jobs, Latest, Polled};
use egui::{Color32, Id};
use egui_plot::{Bar, BarChart, GridMark, Legend, Line, LineStyle, Plot, PlotPoint, Polygon, Text};
use std::sync::Arc;

mod controls;
mod table_view;

#[cfg(test)]
mod tests;

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

/// The small multiples for `spec`, each with its layout.
fn build_panels(d: &Dossier, spec: &ChartSpec, lang: Lang) -> Arc<Panels> {
    Arc::new(
        charts::small_multiples(d, spec, lang)
            .unwrap_or_default()
            .into_iter()
            .map(|c| {
                let l = charts::layout(&c);
                (c, l)
            })
            .collect(),
    )
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

/// Ticks of a value axis in the user's number style; none below zero (the room kept there
/// for labels is not a value).
fn value_axis(
    style: crate::model::number::NumberStyle,
) -> impl Fn(GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |m, _| {
        if m.value < -1e-9 {
            String::new()
        } else {
            charts::format_axis(m.value, style)
        }
    }
}

/// One grid line per group, at its index (`direction` -1: groups down the page, lying bars).
fn group_grid(n: usize, direction: f64) -> impl Fn(egui_plot::GridInput) -> Vec<GridMark> {
    move |_| {
        (0..n)
            .map(|i| GridMark {
                value: direction * i as f64,
                step_size: 1.0,
            })
            .collect()
    }
}

/// The group's name at its grid line, nothing between (`direction` as for [`group_grid`]).
fn group_names(
    labels: Vec<String>,
    direction: f64,
) -> impl Fn(GridMark, &std::ops::RangeInclusive<f64>) -> String {
    move |m, _| {
        let i = (direction * m.value).round();
        if (direction * m.value - i).abs() < 1e-6 && i >= 0.0 {
            labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
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
        // A build still running is left to finish (its result is kept if it is the one asked
        // for next), so that at most one runs.
        if d.allocations.len() < BUILD_APART_FROM
            || self.cache.as_ref().is_some_and(|(k, ..)| *k == key)
        {
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
            Polled::Lost => {
                let (c, l) = self.chart(d, stamp, unit, lang);
                return (c, l, false);
            }
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

    /// One small standing chart per former district, two to a row, all on one value scale so
    /// they compare; built once per data and filter.
    fn multiples_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, lang: Lang) {
        let t = lang.texts();
        let d = ctx.session.dossier_arc();
        let key = CacheKey {
            stamp: ctx.session.stamp(),
            spec: self.spec(ctx.unit),
            lang,
        };
        let build = {
            let (d, spec) = (Arc::clone(&d), key.spec.clone());
            move || build_panels(&d, &spec, lang)
        };
        let panels = match &self.multiples_cache {
            Some((k, p)) if *k == key => Arc::clone(p),
            // A large project's panels are built on another thread, like its chart.
            _ if d.allocations.len() >= BUILD_APART_FROM => {
                match self.multiples_building.poll(ctx.jobs, "chart", &key, build) {
                    Polled::Ready(p) => {
                        self.multiples_cache = Some((key, Arc::clone(&p)));
                        p
                    }
                    Polled::Lost => {
                        let p = build_panels(&d, &key.spec, lang);
                        self.multiples_cache = Some((key, Arc::clone(&p)));
                        p
                    }
                    // Meanwhile the panels shown before, if any.
                    waiting => {
                        if let Polled::Earlier(k, p) = waiting {
                            self.multiples_cache = Some((k, p));
                        }
                        ui.horizontal(|ui| {
                            ui.spinner();
                            ui.label(t.chart_building);
                        });
                        match &self.multiples_cache {
                            Some((_, p)) => Arc::clone(p),
                            None => return,
                        }
                    }
                }
            }
            _ => {
                let p = build();
                self.multiples_cache = Some((key, Arc::clone(&p)));
                p
            }
        };
        ui.weak(t.chart_multiples_hint);
        if panels.is_empty() {
            ui.label(t.chart_empty);
            return;
        }
        let y_max = panels.iter().map(|(_, l)| l.y_max).fold(0.0, f64::max);
        let step = charts::nice_step(y_max);
        let top = ((y_max / step).ceil() * step).max(step) * 1.15;
        // One legend for all the panels: the periods' colours.
        let mut used: Vec<(usize, String, usize)> = Vec::new();
        for (chart, _) in panels.iter() {
            for (_, _, seg) in chart.segments() {
                let series = &chart.series[seg.series];
                if !used.iter().any(|(_, l, _)| *l == series.label) {
                    used.push((seg.series, series.label.clone(), series.color));
                }
            }
        }
        used.sort_by_key(|(_, _, c)| *c);
        ui.horizontal_wrapped(|ui| {
            for (_, label, c) in &used {
                ui.label(egui::RichText::new("■").color(c32(color(*c))));
                ui.label(label);
                ui.add_space(6.0);
            }
        });
        let style = lang.number_style();
        egui::ScrollArea::vertical()
            .id_salt("multiples-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for pair in panels.chunks(2) {
                    ui.columns(2, |cols| {
                        for (col, (chart, layout)) in cols.iter_mut().zip(pair) {
                            col.strong(&chart.title);
                            let labels: Vec<String> =
                                chart.groups.iter().map(|g| g.label.clone()).collect();
                            let n = labels.len();
                            let unit = chart.value_label.clone();
                            Plot::new(("multiple", chart.title.as_str()))
                                .height(240.0)
                                .allow_zoom(false)
                                .allow_drag(false)
                                .allow_scroll(false)
                                .allow_boxed_zoom(false)
                                .allow_double_click_reset(false)
                                .show_crosshair(false)
                                .label_formatter(|_| None)
                                .include_y(-top * 0.16)
                                .include_y(top)
                                .include_x(-0.6)
                                .include_x(n as f64 - 0.4)
                                .y_axis_label(unit)
                                .y_axis_formatter(value_axis(style))
                                .x_grid_spacer(group_grid(n, 1.0))
                                .x_axis_formatter(|_, _| String::new())
                                .show(col, |plot_ui| {
                                    // The areas' names under their bars, every other one lower
                                    // so neighbours never overlap.
                                    for (i, label) in labels.iter().enumerate() {
                                        let y = if i % 2 == 0 { -top * 0.03 } else { -top * 0.09 };
                                        plot_ui.text(
                                            Text::new(
                                                String::new(),
                                                PlotPoint::new(i as f64, y),
                                                egui::RichText::new(label).size(11.0),
                                            )
                                            .anchor(egui::Align2::CENTER_TOP)
                                            .allow_hover(false),
                                        );
                                    }
                                    for (si, series) in chart.series.iter().enumerate() {
                                        let c = c32(color(series.color));
                                        let bars: Vec<Bar> = layout
                                            .pieces
                                            .iter()
                                            .filter(|p| {
                                                chart.groups[p.group].bars[p.bar].segments
                                                    [p.segment]
                                                    .series
                                                    == si
                                            })
                                            .map(|p| {
                                                let bar = Bar::new(p.x, p.y1 - p.y0)
                                                    .base_offset(p.y0)
                                                    .width(p.width);
                                                if p.placeholder {
                                                    // An unknown amount: an outline, never a
                                                    // filled bar.
                                                    bar.fill(Color32::TRANSPARENT)
                                                        .stroke(egui::Stroke::new(1.5, c))
                                                } else {
                                                    bar.fill(c).stroke(egui::Stroke::new(1.0, c))
                                                }
                                            })
                                            .collect();
                                        if !bars.is_empty() {
                                            plot_ui.bar_chart(
                                                BarChart::new(series.label.clone(), bars)
                                                    .color(c)
                                                    .allow_hover(false),
                                            );
                                        }
                                    }
                                });
                        }
                    });
                    ui.add_space(10.0);
                }
            });
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

    fn plot_ui(
        &mut self,
        ui: &mut egui::Ui,
        chart: &Chart,
        layout: &Layout,
        selected: Option<(usize, usize)>,
        room: f32,
        lang: Lang,
    ) {
        let t = lang.texts();
        let style = lang.number_style();
        let step = charts::nice_step(layout.y_max);
        let top = ((layout.y_max / step).ceil() * step).max(step);
        let group_labels: Vec<String> = chart.groups.iter().map(|g| g.label.clone()).collect();
        let totals = chart.kind == ChartKind::Totals;
        let horiz = charts::prefers_horizontal(chart);
        // Lying bars: one row of about 14 points per bar, scrolled when taller than the room.
        let rows_height = layout.bars.len() as f32 * 17.0 + chart.groups.len() as f32 * 12.0 + 80.0;
        // Standing bars keep a line below for how to zoom, when the window has room for it.
        // The yearly line does not zoom: zoomed far out it would mark every year of centuries.
        let zooms = !horiz && !totals;
        let hint = zooms && room - 26.0 >= 220.0;
        let plot_height = if horiz {
            rows_height.max(room - 6.0).max(220.0)
        } else if hint {
            room - 26.0
        } else {
            (room - 6.0).max(220.0)
        };
        let value_label = chart.value_label.clone();
        // Standing bars zoom and pan along their row of groups (Ctrl + wheel, drag; a double
        // click shows everything again): names that do not fit are left out, never drawn over
        // each other, and come back as the groups spread. Lying bars already give each area a
        // row of its own and scroll with the page.
        // A zoom belongs to one chart: another choice of areas, years or basis starts whole.
        let spec = self.cache.as_ref().map(|(k, ..)| k.spec.clone());
        let mut plot = Plot::new(("chart-plot", spec, chart.groups.len()))
            .height(plot_height)
            .legend(
                Legend::default()
                    .color_conflict_handling(egui_plot::ColorConflictHandling::PickFirst)
                    // The series' own order (2022, 2023, 2022–2023), as in print.
                    .follow_insertion_order(true),
            )
            .allow_zoom(egui::Vec2b::new(zooms, false))
            .allow_drag(egui::Vec2b::new(zooms, false))
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(zooms)
            .show_crosshair(false)
            .label_formatter(|_| None);
        if !horiz {
            plot = plot
                .show_grid(egui::Vec2b::new(totals, true))
                .include_y(0.0)
                .include_y(top * 1.22)
                .include_y(headroom_for_legend(ui, chart, top, plot_height))
                .y_axis_label(value_label.clone())
                .y_axis_min_width(60.0)
                .y_axis_formatter(value_axis(style));
        }
        if totals {
            plot = plot
                .x_grid_spacer(|input| {
                    let (a, b) = input.bounds;
                    ((a.ceil() as i64)..=(b.floor() as i64))
                        .map(|y| GridMark {
                            value: y as f64,
                            step_size: 1.0,
                        })
                        .collect()
                })
                .x_axis_formatter(|m: GridMark, _| {
                    if (m.value - m.value.round()).abs() < 1e-6 {
                        format!("{}", m.value.round() as i64)
                    } else {
                        String::new()
                    }
                });
        } else if horiz {
            let n = chart.groups.len();
            let longest = group_labels
                .iter()
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(0) as f32;
            let labels = group_labels.clone();
            plot = plot
                // The usual 5 % margin is a screenful on a tall plot of 65 areas.
                .set_margin_fraction(egui::Vec2::new(0.02, 0.0))
                .show_grid(egui::Vec2b::new(true, false))
                .include_x(0.0)
                // Room on the right for the legend and the values written after the bars.
                .include_x(top * 1.35)
                .include_y(0.6)
                .include_y(-(n as f64) + 0.4)
                .x_axis_label(value_label)
                .x_axis_formatter(value_axis(style))
                .y_axis_min_width((longest * 7.5).clamp(60.0, 260.0))
                .y_grid_spacer(group_grid(n, -1.0))
                .y_axis_formatter(group_names(labels, -1.0));
        } else {
            let n = chart.groups.len();
            plot = plot
                .include_x(-0.6)
                .include_x(n as f64 - 0.4)
                .include_y(-top * 0.07)
                .x_grid_spacer(group_grid(n, 1.0))
                .x_axis_formatter(group_names(group_labels, 1.0));
        }
        let dark = ui.visuals().dark_mode;
        // Numbers only where a bar is wide enough to carry one; the tooltip always has it.
        let groups_shown = chart.groups.len().max(1) as f32 + 0.2;
        let bar_px = layout.bars.first().map_or(0.0, |b| b.width as f32)
            * (ui.available_width() - 70.0)
            / groups_shown;
        let show_values = if horiz {
            layout.bars.first().map_or(0.0, |b| b.width as f32) * (plot_height - 80.0)
                / chart.groups.len().max(1) as f32
                >= 11.0
        } else {
            bar_px >= 26.0
        };
        // Where a value goes: standing bars as drawn, lying ones turned (groups down the page).
        let at = move |x: f64, y: f64| {
            if horiz {
                PlotPoint::new(y, -x)
            } else {
                PlotPoint::new(x, y)
            }
        };
        let corner = move |x: f64, y: f64| -> [f64; 2] {
            let p = at(x, y);
            [p.x, p.y]
        };
        let text_color = ui.visuals().strong_text_color();
        // Lying bars of a province run far below the window: only the groups in sight (and a
        // few around them) are drawn and made into widgets, so a frame costs the same for 10
        // areas or 1 000.
        let n_groups = chart.groups.len().max(1);
        let (lo, hi) = if horiz {
            let top = ui.cursor().top();
            let clip = ui.clip_rect();
            let per_group = f64::from((plot_height - 40.0).max(1.0)) / n_groups as f64;
            let lo = (f64::from(clip.top() - top) / per_group).floor() - 3.0;
            let hi = (f64::from(clip.bottom() - top) / per_group).ceil() + 3.0;
            (lo.max(0.0) as usize, hi.max(0.0) as usize)
        } else {
            (0, usize::MAX)
        };
        // Pieces and bars are laid out group by group: those in sight are one run of each.
        let pieces_in_sight = {
            let a = layout.pieces.partition_point(|p| p.group < lo);
            let b = layout.pieces.partition_point(|p| p.group <= hi);
            &layout.pieces[a..b.max(a)]
        };
        let bars_in_sight = {
            let a = layout.bars.partition_point(|p| p.group < lo);
            let b = layout.bars.partition_point(|p| p.group <= hi);
            &layout.bars[a..b.max(a)]
        };
        let mut has_series = vec![false; chart.series.len()];
        for (_, _, seg) in chart.segments() {
            if let Some(x) = has_series.get_mut(seg.series) {
                *x = true;
            }
        }
        let response = plot.show(ui, |plot_ui| {
            if totals {
                totals_items(plot_ui, chart, layout, lang);
                return;
            }
            // One BarChart per series, so the legend hides and shows each.
            for (si, series) in chart.series.iter().enumerate() {
                let col = c32(color(series.color));
                let bars: Vec<Bar> = pieces_in_sight
                    .iter()
                    .filter(|p| {
                        !p.placeholder
                            && chart.groups[p.group].bars[p.bar].segments[p.segment].series == si
                    })
                    .map(|p| {
                        let is_sel = selected == Some((p.group, p.bar));
                        let fill = if series.hatched {
                            col.gamma_multiply(0.45)
                        } else {
                            col
                        };
                        Bar::new(if horiz { -p.x } else { p.x }, p.y1 - p.y0)
                            .base_offset(p.y0)
                            .width(p.width)
                            .fill(fill)
                            .stroke(egui::Stroke::new(
                                if is_sel {
                                    3.0
                                } else if series.hatched {
                                    2.0
                                } else {
                                    1.0
                                },
                                if is_sel { text_color } else { col },
                            ))
                    })
                    .collect();
                let placeholders: Vec<_> = pieces_in_sight
                    .iter()
                    .filter(|p| {
                        p.placeholder
                            && chart.groups[p.group].bars[p.bar].segments[p.segment].series == si
                    })
                    .collect();
                // A series out of sight keeps its place in the legend.
                if !has_series[si] {
                    continue;
                }
                let mut bar_chart = BarChart::new(series.label.clone(), bars)
                    .color(col)
                    .allow_hover(false);
                if horiz {
                    bar_chart = bar_chart.horizontal();
                }
                plot_ui.bar_chart(bar_chart);
                for p in placeholders {
                    let (x0, x1) = (p.x - p.width / 2.0, p.x + p.width / 2.0);
                    plot_ui.polygon(
                        Polygon::new(
                            series.label.clone(),
                            vec![
                                corner(x0, p.y0),
                                corner(x1, p.y0),
                                corner(x1, p.y1),
                                corner(x0, p.y1),
                            ],
                        )
                        .stroke(egui::Stroke::new(2.0, col))
                        .fill_color(Color32::TRANSPARENT)
                        .style(LineStyle::Dashed { length: 6.0 })
                        .allow_hover(false),
                    );
                    if !show_values {
                        continue;
                    }
                    plot_ui.text(
                        Text::new(
                            series.label.clone(),
                            at(p.x, (p.y0 + p.y1) / 2.0),
                            egui::RichText::new(t.unknown_amount).size(11.0),
                        )
                        .color(text_color)
                        .allow_hover(false),
                    );
                }
            }
            // Numbers on the bars (inside a piece that has another on top, above the topmost),
            // and each bar's period under it.
            for p in pieces_in_sight
                .iter()
                .filter(|p| !p.placeholder && show_values)
            {
                let seg = &chart.groups[p.group].bars[p.bar].segments[p.segment];
                let label = segment_label(
                    SegmentValue::Known(seg.value.known_part()),
                    chart.format,
                    lang,
                );
                let name = chart.series[seg.series].label.clone();
                let covered = pieces_in_sight
                    .iter()
                    .any(|q| q.group == p.group && q.bar == p.bar && q.y0 >= p.y1 && q.y1 > p.y1);
                let (y, anchor, color) = if covered {
                    (
                        (p.y0 + p.y1) / 2.0,
                        egui::Align2::CENTER_CENTER,
                        Color32::WHITE,
                    )
                } else if horiz {
                    (p.y1, egui::Align2::LEFT_CENTER, text_color)
                } else {
                    (p.y1, egui::Align2::CENTER_BOTTOM, text_color)
                };
                plot_ui.text(
                    Text::new(
                        name,
                        at(p.x, y),
                        egui::RichText::new(label).size(12.0).strong(),
                    )
                    .anchor(anchor)
                    .color(color)
                    .allow_hover(false),
                );
            }
            // Lying bars name their period in the legend's colours only: a label at the axis
            // would sit on the area names.
            for b in layout.bars.iter().filter(|_| show_values && !horiz) {
                let bar = &chart.groups[b.group].bars[b.bar];
                let under = charts::under_bar(chart, bar);
                plot_ui.text(
                    Text::new(
                        String::new(),
                        PlotPoint::new(b.x, 0.0),
                        egui::RichText::new(under).size(11.0),
                    )
                    .anchor(egui::Align2::CENTER_TOP)
                    .color(if dark {
                        Color32::LIGHT_GRAY
                    } else {
                        Color32::DARK_GRAY
                    })
                    .allow_hover(false),
                );
            }
        });

        if hint {
            // One line whatever the width: the plot above left room for exactly one.
            ui.add(egui::Label::new(egui::RichText::new(t.chart_zoom_hint).weak()).truncate());
        }
        // Each bar becomes a widget: accessible name, hover details, click to select.
        self.bar_rects.clear();
        if totals {
            self.totals_widgets(ui, chart, layout, &response.transform, lang);
            return;
        }
        for b in bars_in_sight {
            let bar = &chart.groups[b.group].bars[b.bar];
            let pieces: Vec<_> = pieces_in_sight
                .iter()
                .filter(|p| p.group == b.group && p.bar == b.bar)
                .collect();
            let y1 = pieces.iter().map(|p| p.y1).fold(0.0, f64::max);
            // A bar panned out of the plot is no target over the widgets beside it.
            let frame = *response.transform.frame();
            let rect = response
                .transform
                .rect_from_values(&at(b.x - b.width / 2.0, 0.0), &at(b.x + b.width / 2.0, y1));
            if !frame.intersects(rect) {
                continue;
            }
            let rect = rect.intersect(frame);
            let label = bar_label(chart, b.group, b.bar, lang);
            let id = Id::unique(("chart-bar", b.group, b.bar));
            let r = ui.interact(rect, id, egui::Sense::click());
            name(ui, &r, label.clone());
            self.bar_rects.push((label, rect));
            let r = r.on_hover_ui(|ui| {
                ui.strong(chart.groups[b.group].label.clone());
                for s in &bar.segments {
                    let series = &chart.series[s.series].label;
                    let period = bar.period.map(|p| p.to_string()).unwrap_or_default();
                    if *series == period || *series == chart.groups[b.group].label {
                        ui.label(format!(
                            "{period} · {}",
                            value_with_unit(s.value, chart, lang)
                        ));
                    } else {
                        ui.label(format!(
                            "{period} · {series} · {}",
                            value_with_unit(s.value, chart, lang)
                        ));
                    }
                    for src in &s.sources {
                        ui.weak(src);
                    }
                }
            });
            if r.clicked() {
                self.selected = Some(Selection::Bar(
                    bar.area_id,
                    bar.period,
                    bar.segments.first().map(|s| s.series),
                ));
            }
        }
    }

    /// Points and spans of the totals view as widgets, like bars.
    fn totals_widgets(
        &mut self,
        ui: &mut egui::Ui,
        chart: &Chart,
        layout: &Layout,
        transform: &egui_plot::PlotTransform,
        lang: Lang,
    ) {
        let t = lang.texts();
        let series = chart
            .series
            .first()
            .map(|s| s.label.clone())
            .unwrap_or_default();
        for p in &chart.line {
            let y = match p.value {
                SegmentValue::Unknown => layout.placeholder_height,
                v => chart.format.to_axis(v.known_part()),
            };
            let at = transform.position_from_point(&PlotPoint::new(f64::from(p.year), y));
            let rect = egui::Rect::from_center_size(at, egui::vec2(18.0, 18.0));
            let label = fill(
                t.chart_bar_name,
                &[
                    ("bar", &p.year.to_string()),
                    (
                        "values",
                        &format!("{series} {}", value_with_unit(p.value, chart, lang)),
                    ),
                ],
            );
            let r = ui.interact(
                rect,
                Id::unique(("chart-point", p.year)),
                egui::Sense::click(),
            );
            name(ui, &r, label.clone());
            self.bar_rects.push((label.clone(), rect));
            if r.on_hover_text(label).clicked() {
                self.selected = Some(Selection::Point(p.year));
            }
        }
        for sp in &chart.spans {
            let y = chart
                .format
                .to_axis(sp.value.known_part())
                .max(layout.placeholder_height);
            let a = transform
                .position_from_point(&PlotPoint::new(f64::from(sp.period.from_year()) - 0.35, y));
            let b = transform
                .position_from_point(&PlotPoint::new(f64::from(sp.period.to_year()) + 0.35, y));
            let rect = egui::Rect::from_two_pos(a, b).expand2(egui::vec2(0.0, 9.0));
            let label = fill(
                t.chart_bar_name,
                &[
                    ("bar", &sp.period.to_string()),
                    ("values", &value_with_unit(sp.value, chart, lang)),
                ],
            );
            let r = ui.interact(
                rect,
                Id::unique(("chart-span", sp.period)),
                egui::Sense::click(),
            );
            name(ui, &r, label.clone());
            self.bar_rects.push((label.clone(), rect));
            if r.on_hover_text(label).clicked() {
                self.selected = Some(Selection::Span(sp.period));
            }
        }
    }

    fn records_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &Ctx<'_>,
        chart: &Chart,
        selected: Option<(usize, usize)>,
    ) -> Option<Action> {
        let t = ctx.t();
        let lang = ctx.lang;
        let d = ctx.session.dossier();
        ui.heading(t.chart_records);
        let line_ids: Option<(String, SegmentValue, Vec<AllocationId>)> = match self.selected {
            Some(Selection::Point(year)) => chart
                .line
                .iter()
                .find(|p| p.year == year)
                .map(|p| (year.to_string(), p.value, p.allocation_ids.clone())),
            Some(Selection::Span(period)) => chart
                .spans
                .iter()
                .find(|s| s.period == period)
                .map(|s| (period.to_string(), s.value, s.allocation_ids.clone())),
            _ => None,
        };
        if let Some((label, value, ids)) = line_ids {
            ui.strong(format!("{label}: {}", value_with_unit(value, chart, lang)));
            return allocation_rows(ui, ctx, &ids);
        }
        let Some((g, b)) = selected else {
            ui.weak(t.chart_click_hint);
            return None;
        };
        let bar = &chart.groups[g].bars[b];
        ui.strong(format!("{} — {}", chart.groups[g].label, bar.label));
        let mut action = None;
        for s in &bar.segments {
            ui.add_space(4.0);
            ui.label(format!(
                "{}: {}",
                chart.series[s.series].label,
                value_with_unit(s.value, chart, lang)
            ));
            if let Some(a) = allocation_rows(ui, ctx, &s.allocation_ids) {
                action = Some(a);
            }
            for id in &s.indicator_value_ids {
                if let Some(v) = d.indicator_values.iter().find(|v| v.id == *id) {
                    let name = d
                        .indicator(v.indicator_id)
                        .map(|i| i.name.clone())
                        .unwrap_or_default();
                    if ui
                        .add(egui::Button::new(format!("{name} · {}", v.period)).wrap())
                        .clicked()
                    {
                        action = Some(Action::OpenSection(DataSection::Indicators));
                    }
                    if !v.source_doc.is_empty() {
                        ui.weak(format!("{}: {}", t.col_source_doc, v.source_doc));
                    }
                }
            }
        }
        if let Some(area) = bar.area_id {
            let conclusions: Vec<&Conclusion> = d
                .conclusions
                .iter()
                .filter(|c| c.area_id == Some(area))
                .collect();
            let recs: Vec<&Recommendation> = d
                .recommendations
                .iter()
                .filter(|r| r.area_ids.contains(&area))
                .collect();
            ui.separator();
            ui.strong(t.chart_related_conclusions);
            if conclusions.is_empty() {
                ui.weak(t.chart_none_related);
            }
            for c in conclusions {
                ui.label(format!(
                    "{}: {}",
                    conclusion_kind_label(c.kind, lang.texts()),
                    c.text
                ));
            }
            ui.add_space(4.0);
            ui.strong(t.chart_related_recommendations);
            if recs.is_empty() {
                ui.weak(t.chart_none_related);
            }
            for r in recs {
                ui.label(format!("{} — {}", r.text, r.addressees.join("; ")));
            }
        }
        action
    }
}

/// The allocations behind a bar or point, each a button that opens it for editing.
fn allocation_rows(ui: &mut egui::Ui, ctx: &Ctx<'_>, ids: &[AllocationId]) -> Option<Action> {
    let t = ctx.t();
    let lang = ctx.lang;
    let d = ctx.session.dossier();
    let mut action = None;
    for id in ids {
        let Some(a) = d.allocations.iter().find(|a| a.id == *id) else {
            continue;
        };
        let amount = match a.amount_dong {
            Amount::Known(v) => format!(
                "{} {}",
                crate::model::number::format_money(v, ctx.unit, lang.number_style()),
                unit_label(ctx.unit, lang)
            ),
            Amount::Unknown => t.unknown_amount.to_string(),
        };
        let area = d
            .area(a.area_id)
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let text = format!(
            "{area} {} · {} · {amount}",
            a.period,
            allocation_kind_label(a.kind, lang)
        );
        let r = ui
            .add(egui::Button::new(text).wrap())
            .on_hover_text(t.chart_open_record);
        if r.clicked() {
            action = Some(Action::OpenAllocation(a.area_id, a.id));
        }
        if !a.source_doc.is_empty() {
            ui.weak(format!("{}: {}", t.col_source_doc, a.source_doc));
        }
        if !a.note.is_empty() {
            ui.weak(&a.note);
        }
    }
    action
}

fn value_with_unit(v: SegmentValue, chart: &Chart, lang: Lang) -> String {
    let label = segment_label(v, chart.format, lang);
    if matches!(v, SegmentValue::Unknown)
        || matches!(chart.format, charts::ValueFormat::PercentTenths)
    {
        label
    } else {
        format!("{label} {}", chart.value_label)
    }
}

/// The accessible name of a bar: "Hữu Lũng, 2023: Vốn phân bổ 494 triệu đồng".
pub fn bar_label(chart: &Chart, group: usize, bar: usize, lang: Lang) -> String {
    let b = &chart.groups[group].bars[bar];
    let group_label = &chart.groups[group].label;
    let parts: Vec<String> = b
        .segments
        .iter()
        .map(|s| {
            let series = &chart.series[s.series].label;
            // The series often is the bar's own period, area or round: do not say it twice.
            if b.label.contains(series.as_str()) || series == group_label {
                value_with_unit(s.value, chart, lang)
            } else {
                format!("{series} {}", value_with_unit(s.value, chart, lang))
            }
        })
        .collect();
    let head = if chart.kind == ChartKind::YearArea {
        format!("{}, {}", b.label, chart.groups[group].label)
    } else {
        format!("{}, {}", chart.groups[group].label, b.label)
    };
    fill(
        lang.texts().chart_bar_name,
        &[("bar", &head), ("values", &parts.join("; "))],
    )
}

fn totals_items(plot_ui: &mut egui_plot::PlotUi<'_>, chart: &Chart, layout: &Layout, lang: Lang) {
    let t = lang.texts();
    let Some(series) = chart.series.first() else {
        return;
    };
    let col = c32(color(series.color));
    let known: Vec<[f64; 2]> = chart
        .line
        .iter()
        .filter(|p| !matches!(p.value, SegmentValue::Unknown))
        .map(|p| {
            [
                f64::from(p.year),
                chart.format.to_axis(p.value.known_part()),
            ]
        })
        .collect();
    plot_ui.line(
        Line::new(series.label.clone(), known.clone())
            .color(col)
            .width(2.5)
            .allow_hover(false),
    );
    plot_ui.points(
        egui_plot::Points::new(series.label.clone(), known)
            .radius(5.0)
            .color(col)
            .allow_hover(false),
    );
    for p in &chart.line {
        let (y, label) = match p.value {
            SegmentValue::Unknown => (layout.placeholder_height, t.unknown_amount.to_string()),
            v => (
                chart.format.to_axis(v.known_part()),
                segment_label(v, chart.format, lang),
            ),
        };
        plot_ui.text(
            Text::new(
                series.label.clone(),
                PlotPoint::new(f64::from(p.year), y),
                egui::RichText::new(label).size(12.0).strong(),
            )
            .anchor(egui::Align2::CENTER_BOTTOM)
            .allow_hover(false),
        );
    }
    for m in &chart.markers {
        let red = Color32::from_rgb(0xb0, 0x30, 0x30);
        plot_ui.vline(
            egui_plot::VLine::new(m.label.clone(), m.x)
                .color(red)
                .width(1.5)
                .style(LineStyle::Dashed { length: 8.0 })
                .allow_hover(false),
        );
        plot_ui.text(
            Text::new(
                m.label.clone(),
                PlotPoint::new(m.x, layout.placeholder_height),
                egui::RichText::new(format!(" {}", m.label))
                    .size(12.0)
                    .color(red),
            )
            .anchor(egui::Align2::LEFT_BOTTOM)
            .allow_hover(false),
        );
    }
    let span_name = t.chart_span_series.to_string();
    for sp in &chart.spans {
        let y = chart
            .format
            .to_axis(sp.value.known_part())
            .max(layout.placeholder_height);
        let (x0, x1) = (
            f64::from(sp.period.from_year()) - 0.35,
            f64::from(sp.period.to_year()) + 0.35,
        );
        plot_ui.line(
            Line::new(span_name.clone(), vec![[x0, y], [x1, y]])
                .color(col)
                .width(3.0)
                .style(LineStyle::Dashed { length: 10.0 })
                .allow_hover(false),
        );
        plot_ui.text(
            Text::new(
                span_name.clone(),
                PlotPoint::new((x0 + x1) / 2.0, y),
                egui::RichText::new(format!(
                    "{} ({})",
                    segment_label(sp.value, chart.format, lang),
                    sp.period
                ))
                .size(12.0)
                .strong(),
            )
            .anchor(egui::Align2::CENTER_BOTTOM)
            .allow_hover(false),
        );
    }
}

/// The top of the value axis that keeps the tallest bar and its value label below the legend
/// drawn in the plot's top-right corner (at large text scales the legend grows).
fn headroom_for_legend(ui: &egui::Ui, chart: &Chart, top: f64, plot_height: f32) -> f64 {
    let entries = chart.series.len().max(1) as f32;
    let row = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // The legend, its margins and the bar's value label, against the plot's inner height
    // (the group labels under the axis take about 50 points).
    let needed = entries * row + 16.0 + 24.0;
    let inner = (plot_height - 50.0).max(100.0);
    let f = f64::from((needed / inner).min(0.6));
    // The axis runs from -0.07·top; solve (y - top) ≥ f·(y + 0.07·top) for y.
    top * (1.0 + 0.07 * f) / (1.0 - f)
}

impl Screen for ChartsScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        let lang = ctx.lang;
        let t = ctx.t();
        let shared = ctx.session.dossier_arc();
        let d = &*shared;
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
                if charts::prefers_horizontal(&chart) {
                    egui::ScrollArea::vertical()
                        .id_salt("chart-scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            self.plot_ui(ui, &chart, &layout, selected_bar, room, lang)
                        });
                } else {
                    self.plot_ui(ui, &chart, &layout, selected_bar, room, lang);
                }
            }
        });
        action
    }
}
