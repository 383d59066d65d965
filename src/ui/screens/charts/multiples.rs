//! The small multiples: one standing chart per former district, two to a row, on one value
//! scale, built (on another thread for a large project) once per data and filter.

use super::plot::{group_grid, value_axis};
use super::{BUILD_APART_FROM, CacheKey, ChartsScreen, Panels, c32};
use crate::charts::svg::color;
use crate::charts::{self, ChartSpec};
use crate::i18n::Lang;
use crate::model::*;
use crate::ui::jobs::Polled;
use crate::ui::screens::Ctx;
use egui::Color32;
use egui_plot::{Bar, BarChart, Plot, PlotPoint, Text};
use std::sync::Arc;

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

impl ChartsScreen {
    /// One small standing chart per former district, two to a row, all on one value scale so
    /// they compare; built once per data and filter.
    pub(super) fn multiples_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, lang: Lang) {
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
            Some((k, p)) if *k == key => {
                let p = Arc::clone(p);
                let _ = self.multiples_building.take_finished();
                p
            }
            // A large project's panels are built on another thread, like its chart.
            _ if d.allocations.len() >= BUILD_APART_FROM => {
                match self.multiples_building.poll(ctx.jobs, "chart", &key, build) {
                    Polled::Ready(p) => {
                        self.multiples_cache = Some((key, Arc::clone(&p)));
                        p
                    }
                    // The build panicked (a bug): no panels rather than a second panic on
                    // the window's thread; the one chart still shows.
                    Polled::Failed(k, _) if k == key => {
                        let p: Arc<Panels> = Arc::default();
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
}
