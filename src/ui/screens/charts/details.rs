//! The panel beside the chart: the records behind the selected bar, point or span (each
//! opens for editing), the area's conclusions and recommendations, and the words that name
//! a bar and its value.

use super::{ChartsScreen, Selection};
use crate::analysis::count::Tally;
use crate::charts::{self, Chart, ChartKind, SegmentValue, segment_label};
use crate::i18n::labels::*;
use crate::i18n::{Lang, fill};
use crate::model::*;
use crate::ui::screens::{Action, Ctx, DataSection};

impl ChartsScreen {
    pub(super) fn records_ui(
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
        let line_ids: Option<(String, SegmentValue, &Tally)> = match self.selected {
            Some(Selection::Point(year)) => chart
                .line
                .iter()
                .find(|p| p.year == year)
                .map(|p| (year.to_string(), p.value, &p.tally)),
            Some(Selection::Span(period)) => chart
                .spans
                .iter()
                .find(|s| s.period == period)
                .map(|s| (period.to_string(), s.value, &s.tally)),
            _ => None,
        };
        if let Some((label, value, tally)) = line_ids {
            ui.strong(format!("{label}: {}", value_with_unit(value, chart, lang)));
            return allocation_rows(ui, ctx, &tally.ids, tally.ids_left);
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
            if let Some(a) = allocation_rows(ui, ctx, &s.tally.ids, s.tally.ids_left) {
                action = Some(a);
            }
            if let Some(a) = allocation_rows(ui, ctx, &s.base_ids, 0) {
                action = Some(a);
            }
            // The records inside a total counted here, and those a later round replaced: listed
            // apart, so nobody adds them to the figure above.
            let more = s.tally.more.as_deref();
            for (heading, ids, left) in [
                (
                    t.chart_records_parts,
                    s.tally.part_ids(),
                    more.map_or(0, |m| m.parts_left),
                ),
                (
                    t.chart_records_replaced,
                    s.tally.replaced_ids(),
                    more.map_or(0, |m| m.replaced_left),
                ),
            ] {
                if !ids.is_empty() || left > 0 {
                    ui.add_space(2.0);
                    ui.label(egui::RichText::new(heading).italics());
                    if let Some(a) = allocation_rows(ui, ctx, ids, left) {
                        action = Some(a);
                    }
                }
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

/// How many records a list behind a bar shows (a province's bar stands on thousands: the rest
/// are counted, and the table or `giamsat explain` lists them all).
const SHOWN: usize = 200;

/// The allocations behind a bar or point, each a button that opens it for editing.
/// `left`: how many more there are than `ids` lists.
fn allocation_rows(
    ui: &mut egui::Ui,
    ctx: &Ctx<'_>,
    ids: &[AllocationId],
    left: usize,
) -> Option<Action> {
    let t = ctx.t();
    let lang = ctx.lang;
    let d = ctx.session.dossier();
    let mut action = None;
    for id in ids.iter().take(SHOWN) {
        let Some(a) = crate::analysis::count::explain::allocation(d, *id) else {
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
    let more = ids.len().saturating_sub(SHOWN) + left;
    if more > 0 {
        ui.weak(fill(t.count_more, &[("n", &more.to_string())]));
    }
    action
}

pub(super) fn value_with_unit(v: SegmentValue, chart: &Chart, lang: Lang) -> String {
    let label = segment_label(v, chart.format, lang);
    if v.is_placeholder() || matches!(chart.format, charts::ValueFormat::PercentTenths) {
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
