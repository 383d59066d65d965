//! The totals view: the yearly line, the spans of several years and the markers, drawn in
//! the plot and made into accessible, clickable widgets like the bars.

use super::details::value_with_unit;
use super::plot::Hover;
use super::{ChartsScreen, Selection, c32};
use crate::charts::svg::color;
use crate::charts::{Chart, Layout, segment_label};
use crate::i18n::{Lang, fill};
use crate::ui::screens::name;
use egui::{Color32, Id};
use egui_plot::{Line, LineStyle, PlotPoint, Text};

impl ChartsScreen {
    /// Points and spans of the totals view as widgets, like bars.
    pub(super) fn totals_widgets(
        &mut self,
        ui: &mut egui::Ui,
        chart: &Chart,
        layout: &Layout,
        transform: &egui_plot::PlotTransform,
        on: &Hover<'_>,
    ) {
        let lang = on.lang;
        let t = lang.texts();
        let series = chart
            .series
            .first()
            .map(|s| s.label.clone())
            .unwrap_or_default();
        for p in &chart.line {
            let y = match p.value {
                v if v.is_placeholder() => layout.placeholder_height,
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
            let r = r.on_hover_ui(|ui| {
                ui.label(&label);
                on.made_of(ui, &p.tally);
            });
            if r.clicked() {
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
            let r = r.on_hover_ui(|ui| {
                ui.label(&label);
                on.made_of(ui, &sp.tally);
            });
            if r.clicked() {
                self.selected = Some(Selection::Span(sp.period));
            }
        }
    }
}

pub(super) fn totals_items(
    plot_ui: &mut egui_plot::PlotUi<'_>,
    chart: &Chart,
    layout: &Layout,
    lang: Lang,
) {
    let t = lang.texts();
    let Some(series) = chart.series.first() else {
        return;
    };
    let col = c32(color(series.color));
    let known: Vec<[f64; 2]> = chart
        .line
        .iter()
        .filter(|p| !p.value.is_placeholder())
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
            v if v.is_placeholder() => (
                layout.placeholder_height,
                segment_label(v, chart.format, lang),
            ),
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
