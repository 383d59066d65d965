//! The implementation rates and status counts of the follow-up board, per addressee, round,
//! year or kind, with their chart.

use super::*;

/// A colour that says how well it goes: grey not started, amber under way, blue waiting for
/// verification, greens done, red refused.
pub(super) fn status_color(s: RecommendationStatus) -> Color32 {
    match s {
        RecommendationStatus::Open => Color32::from_rgb(0x8a, 0x8f, 0x98),
        RecommendationStatus::InProgress => Color32::from_rgb(0xe0, 0xa1, 0x2b),
        RecommendationStatus::Reported => Color32::from_rgb(0x4a, 0x90, 0xd9),
        RecommendationStatus::PartlyDone => Color32::from_rgb(0x8c, 0xc0, 0x5a),
        RecommendationStatus::Done => Color32::from_rgb(0x2e, 0x9e, 0x4f),
        RecommendationStatus::Closed => Color32::from_rgb(0x1f, 0x6b, 0x3a),
        RecommendationStatus::NotAccepted => Color32::from_rgb(0xd0, 0x45, 0x3a),
    }
}

/// Counts by status for each addressee, as stacked horizontal bars.
pub(super) fn counts_chart(
    ui: &mut egui::Ui,
    counts: &[(String, [usize; crate::analysis::STATUSES])],
    lang: Lang,
) {
    let t = lang.texts();
    if counts.is_empty() {
        return;
    }
    ui.strong(t.counts_title);
    let names: Vec<String> = counts.iter().map(|(n, _)| n.clone()).collect();
    let n = names.len();
    let height = (40.0 + 26.0 * n as f32).min(220.0);
    // The bars end before the legend in the right-hand corner: measure its widest label and
    // stretch the count axis so the longest bar stops short of it.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let legend_w = RecommendationStatus::ALL
        .iter()
        .map(|s| {
            ui.painter()
                .layout_no_wrap(
                    status_label(*s, t).to_string(),
                    font.clone(),
                    Color32::WHITE,
                )
                .size()
                .x
        })
        .fold(0.0f32, f32::max)
        + 48.0;
    let plot_w = (ui.available_width() - 140.0).max(200.0);
    let free = f64::from((1.0 - legend_w / plot_w).clamp(0.3, 0.9));
    let longest = counts
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1) as f64;
    egui_plot::Plot::new("follow-up-counts")
        .include_x(longest / free)
        .height(height)
        .legend(
            egui_plot::Legend::default()
                .position(egui_plot::Corner::RightBottom)
                .follow_insertion_order(true),
        )
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_crosshair(false)
        .show_grid(egui::Vec2b::new(true, false))
        .include_x(0.0)
        .y_grid_spacer(move |_| {
            (0..n)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        // Whole counts only, a few of them whatever the width: 0, 1, 2 … or 0, 5, 10 ….
        .x_grid_spacer(|input| {
            let (lo, hi) = input.bounds;
            let wanted = ((hi - lo) / 5.0).max(1.0);
            let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0]
                .into_iter()
                .find(|s| *s >= wanted)
                .unwrap_or_else(|| wanted.ceil());
            let mut marks = Vec::new();
            let mut v = (lo.max(0.0) / step).ceil() * step;
            while v <= hi && marks.len() < 50 {
                marks.push(egui_plot::GridMark {
                    value: v,
                    step_size: step,
                });
                v += step;
            }
            marks
        })
        .x_axis_formatter(|m, _| {
            if (m.value - m.value.round()).abs() < 1e-6 && m.value >= 0.0 {
                format!("{}", m.value.round() as i64)
            } else {
                String::new()
            }
        })
        .y_axis_min_width(140.0)
        .show(ui, |plot| {
            let mut base = vec![0.0f64; counts.len()];
            for (si, status) in RecommendationStatus::ALL.iter().enumerate() {
                let bars: Vec<egui_plot::Bar> = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, c))| c[si] > 0)
                    .map(|(i, (_, c))| {
                        let bar = egui_plot::Bar::new(i as f64, c[si] as f64)
                            .base_offset(base[i])
                            .width(0.6)
                            .fill(status_color(*status))
                            .horizontal();
                        base[i] += c[si] as f64;
                        bar
                    })
                    .collect();
                plot.bar_chart(
                    egui_plot::BarChart::new(status_label(*status, t), bars)
                        .color(status_color(*status))
                        .allow_hover(false),
                );
            }
        });
}

impl FollowUpScreen {
    /// The rates by the chosen grouping: one sentence per group and the total.
    /// The board's numbers, computed again only when what they depend on changed.
    pub(super) fn figures(
        &mut self,
        d: &Dossier,
        stamp: Stamp,
        lang: Lang,
        today: NaiveDate,
    ) -> Arc<Figures> {
        let key: FiguresKey = (self.grouping, lang, today);
        self.figures.get(stamp, key, |&(grouping, lang, today)| {
            let (rows, total) = crate::follow_up::rates(
                d,
                grouping,
                &crate::follow_up::RateScope::default(),
                today,
                lang,
            );
            Arc::new(Figures {
                rows,
                total,
                counts: crate::analysis::status_counts(d),
            })
        })
    }

    pub(super) fn rates_ui(
        &mut self,
        ui: &mut egui::Ui,
        d: &Dossier,
        stamp: Stamp,
        lang: Lang,
        today: NaiveDate,
    ) {
        use crate::follow_up::{Grouping, rate_sentence};
        let t = lang.texts();
        if d.recommendations.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.strong(t.fu_rates_title);
            let options: Vec<(Grouping, String)> = Grouping::ALL
                .iter()
                .map(|g| (*g, grouping_label(*g, t).to_string()))
                .collect();
            if let Some(g) = combo(
                ui,
                Id::unique("fu-grouping"),
                t.fu_group_by,
                &self.grouping,
                &options,
                200.0,
                true,
            ) {
                self.grouping = g;
            }
        });
        let figures = self.figures(d, stamp, lang, today);
        let (rows, total) = (&figures.rows, &figures.total);
        // One wrapped line per group: a narrow window (or a large scale) wraps the sentence
        // instead of widening the panel under the detail pane.
        for r in rows.iter().chain(std::iter::once(total)) {
            let mut line = format!("{}: {}", r.group, rate_sentence(r, lang));
            if r.overdue > 0 {
                line.push_str(&fill(t.fu_overdue_n, &[("n", &r.overdue.to_string())]));
            }
            if r.repeated > 0 {
                line.push_str(&fill(t.fu_repeated_n, &[("n", &r.repeated.to_string())]));
            }
            let text = egui::RichText::new(line);
            let text = if std::ptr::eq(r, total) {
                text.strong()
            } else {
                text
            };
            ui.add(egui::Label::new(text).wrap());
        }
        ui.weak(t.fu_rule);
        ui.add_space(6.0);
    }
}
