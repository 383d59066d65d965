//! Drawing the chart with egui_plot: standing or lying bars with their values and periods,
//! the axes, the room kept for the legend, and every bar made an accessible, clickable widget.

use super::details::{bar_label, value_with_unit};
use super::totals::totals_items;
use super::{ChartsScreen, Selection, c32};
use crate::analysis::count::Tally;
use crate::charts::svg::color;
use crate::charts::{self, Chart, ChartKind, Layout, SegmentValue, segment_label};
use crate::i18n::Lang;
use crate::model::{Dossier, MoneyUnit};
use crate::ui::screens::name;
use egui::{Color32, Id};
use egui_plot::{Bar, BarChart, GridMark, Legend, LineStyle, Plot, PlotPoint, Polygon, Text};

/// Ticks of a value axis in the user's number style; none below zero (the room kept there
/// for labels is not a value).
pub(super) fn value_axis(
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
pub(super) fn group_grid(
    n: usize,
    direction: f64,
) -> impl Fn(egui_plot::GridInput) -> Vec<GridMark> {
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

/// What a tooltip needs to say what an amount is made of.
pub(super) struct Hover<'a> {
    pub(super) d: &'a Dossier,
    pub(super) unit: MoneyUnit,
    pub(super) lang: Lang,
}

impl Hover<'_> {
    /// The lines of `analysis::count` on what a total is made of, small and grey.
    pub(super) fn made_of(&self, ui: &mut egui::Ui, tally: &Tally) {
        if tally.is_empty() {
            return;
        }
        for line in crate::analysis::count::tally_lines(self.d, tally, self.unit, self.lang) {
            ui.label(egui::RichText::new(line).small().weak());
        }
    }
}

impl ChartsScreen {
    pub(super) fn plot_ui(
        &mut self,
        ui: &mut egui::Ui,
        chart: &Chart,
        layout: &Layout,
        selected: Option<(usize, usize)>,
        room: f32,
        on: &Hover<'_>,
    ) {
        let lang = on.lang;
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
                            egui::RichText::new(segment_label(
                                chart.groups[p.group].bars[p.bar].segments[p.segment].value,
                                chart.format,
                                lang,
                            ))
                            .size(11.0),
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
            self.totals_widgets(ui, chart, layout, &response.transform, on);
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
                    // What the amount is made of, and what was left out and why.
                    on.made_of(ui, &s.tally);
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
