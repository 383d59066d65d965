//! The table view: the chart's figures as a grid (egui_extras' TableBuilder), sorted by a
//! click on a column's heading and copied whole for Excel or Word.

use super::ChartsScreen;
use crate::analysis::count::Tally;
use crate::charts::table::{ChartTable, RowOrder, chart_table, totals_note};
use crate::charts::{Chart, SegmentValue};
use crate::i18n::{Lang, fill};
use crate::ui::screens::{Ctx, name};
use egui_extras::{Column, TableBuilder};
use std::sync::Arc;

/// A total in the table's short form, "—" where it is not added.
fn short_total(table: &ChartTable, v: Option<SegmentValue>, lang: Lang) -> String {
    match v {
        None => table.total_text(None, lang),
        v => table.cell_text_short(v, lang),
    }
}

impl ChartsScreen {
    /// The table of `chart`, made once per chart.
    pub fn table(&mut self, chart: &Arc<Chart>, lang: Lang) -> Arc<ChartTable> {
        if let Some((c, t)) = &self.table_cache
            && Arc::ptr_eq(c, chart)
        {
            return Arc::clone(t);
        }
        let t = Arc::new(chart_table(chart, lang));
        self.table_cache = Some((Arc::clone(chart), Arc::clone(&t)));
        t
    }

    /// The chart's figures as a grid: click a column's heading to sort by it (again to turn
    /// the order round), copy the whole table to paste into Excel or Word.
    pub(super) fn table_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, chart: &Arc<Chart>) {
        let lang = ctx.lang;
        let t = ctx.t();
        let table = self.table(chart, lang);
        let d = ctx.session.dossier_arc();
        let on = super::plot::Hover {
            d: &d,
            unit: ctx.unit,
            lang,
        };
        // A total says, when pointed at, what it is made of (and why it is not given).
        let total_cell = |ui: &mut egui::Ui, v: Option<SegmentValue>, tally: Option<&Tally>| {
            let r = ui.strong(short_total(&table, v, lang));
            if let Some(tally) = tally {
                r.on_hover_ui(|ui| on.made_of(ui, tally));
            }
        };
        ui.horizontal(|ui| {
            if ui.button(t.chart_copy_table).clicked() {
                ui.ctx()
                    .copy_text(table.to_delimited('\t', self.table_order, lang));
                ctx.toasts.info(fill(
                    t.chart_table_copied,
                    &[("rows", &table.rows.len().to_string())],
                ));
            }
            ui.weak(format!("({})", table.unit));
        });
        if let Some(note) = totals_note(&table, lang) {
            ui.label(egui::RichText::new(note).italics());
        }
        if table.has_partial() {
            ui.label(egui::RichText::new(t.table_partial_mark).italics());
        }
        let order = self.table_order;
        let mut clicked: Option<RowOrder> = None;
        let arrow = |is: bool, desc: bool| {
            if !is {
                ""
            } else if desc {
                " ↓"
            } else {
                " ↑"
            }
        };
        // Only the rows in sight are laid out: a province of a thousand communes costs a
        // frame what ten do.
        let rows = table.order(order);
        let extra = usize::from(table.has_totals);
        let height = ui.available_height().max(120.0);
        let left = egui::Layout::left_to_right(egui::Align::Center);
        egui::ScrollArea::horizontal()
            .id_salt("chart-table-hscroll")
            .show(ui, |ui| {
                TableBuilder::new(ui)
                    .id_salt("chart-table")
                    .striped(true)
                    .max_scroll_height(height)
                    .cell_layout(egui::Layout::right_to_left(egui::Align::Center))
                    .column(Column::auto().at_least(140.0))
                    .columns(Column::auto().at_least(60.0), table.columns.len() + extra)
                    .header(26.0, |mut h| {
                        h.col(|ui| {
                            ui.with_layout(left, |ui| {
                                if ui
                                    .button(egui::RichText::new(&table.corner).strong())
                                    .on_hover_text(t.chart_order_listed)
                                    .clicked()
                                {
                                    clicked = Some(RowOrder::AsDrawn);
                                }
                            });
                        });
                        for (i, col) in table.columns.iter().enumerate() {
                            let (is, desc) = match order {
                                RowOrder::Column { index, descending } => (index == i, descending),
                                _ => (false, false),
                            };
                            h.col(|ui| {
                                let b = ui
                                    .button(
                                        egui::RichText::new(format!("{col}{}", arrow(is, desc)))
                                            .strong(),
                                    )
                                    .on_hover_text(t.chart_sort_by);
                                name(ui, &b, format!("{col} — {}", t.chart_sort_by));
                                if b.clicked() {
                                    clicked = Some(RowOrder::Column {
                                        index: i,
                                        descending: !(is && desc),
                                    });
                                }
                            });
                        }
                        if table.has_totals {
                            let (is, desc) = match order {
                                RowOrder::Total { descending } => (true, descending),
                                _ => (false, false),
                            };
                            h.col(|ui| {
                                let b = ui
                                    .button(
                                        egui::RichText::new(format!(
                                            "{}{}",
                                            t.total,
                                            arrow(is, desc)
                                        ))
                                        .strong(),
                                    )
                                    .on_hover_text(t.chart_sort_by);
                                name(ui, &b, format!("{} — {}", t.total, t.chart_sort_by));
                                if b.clicked() {
                                    clicked = Some(RowOrder::Total {
                                        descending: !(is && desc),
                                    });
                                }
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(22.0, rows.len() + extra, |mut row| {
                            match rows.get(row.index()) {
                                Some(&i) => {
                                    let r = &table.rows[i];
                                    row.col(|ui| {
                                        ui.with_layout(left, |ui| ui.label(&r.label));
                                    });
                                    for c in &r.cells {
                                        row.col(|ui| {
                                            ui.label(table.cell_text_short(*c, lang));
                                        });
                                    }
                                    if table.has_totals {
                                        row.col(|ui| {
                                            total_cell(ui, r.total, r.tally.as_ref());
                                        });
                                    }
                                }
                                // The totals row, last.
                                None => {
                                    row.col(|ui| {
                                        ui.with_layout(left, |ui| ui.strong(t.total));
                                    });
                                    for (c, tally) in
                                        table.column_totals.iter().zip(&table.column_tallies)
                                    {
                                        row.col(|ui| {
                                            total_cell(ui, *c, tally.as_ref());
                                        });
                                    }
                                    row.col(|ui| {
                                        total_cell(
                                            ui,
                                            table.grand_total,
                                            table.grand_tally.as_ref(),
                                        );
                                    });
                                }
                            }
                        });
                    });
            });
        if let Some(o) = clicked {
            self.table_order = o;
        }
    }
}
