//! The wizard's tabs: the columns and their roles, the rows as read, the cells as they will be
//! stored, and the checks the import would set off.

use super::*;

/// A column's role: what it holds, and for figures the kind and years.
pub(super) fn role_editor(
    ui: &mut egui::Ui,
    salt: &str,
    heading: &str,
    role: &mut ColumnRole,
    lang: Lang,
) {
    let t = lang.texts();
    let kind_label = |k: AllocationKind| match lang {
        Lang::Vi => k.label_vi(),
        Lang::En => k.label_en(),
    };
    #[derive(PartialEq, Clone, Copy)]
    enum Choice {
        Name,
        Number,
        Note,
        Figure,
        Skip,
    }
    let current = match role {
        ColumnRole::Name => Choice::Name,
        ColumnRole::Number => Choice::Number,
        ColumnRole::Note => Choice::Note,
        ColumnRole::Figure { .. } => Choice::Figure,
        ColumnRole::Skipped { .. } => Choice::Skip,
    };
    ui.horizontal(|ui| {
        let mut choice = current;
        let shown = match role {
            ColumnRole::Skipped { reason } => {
                format!("{} ({})", t.imp_role_skip, reason.message(lang))
            }
            ColumnRole::Figure { .. } => t.imp_role_figure.to_string(),
            _ => role_label(role, t).to_string(),
        };
        egui::ComboBox::from_id_salt(("role", salt))
            .selected_text(shown)
            .width(260.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut choice, Choice::Name, t.imp_role_name);
                ui.selectable_value(&mut choice, Choice::Number, t.imp_role_number);
                ui.selectable_value(&mut choice, Choice::Note, t.imp_role_note);
                ui.selectable_value(&mut choice, Choice::Figure, t.imp_role_figure);
                ui.selectable_value(&mut choice, Choice::Skip, t.imp_role_skip);
            });
        if choice != current {
            *role = match choice {
                Choice::Name => ColumnRole::Name,
                Choice::Number => ColumnRole::Number,
                Choice::Note => ColumnRole::Note,
                Choice::Figure => {
                    // What the heading says, if anything; the user checks the years shown.
                    let k = crate::import::layout::key(heading);
                    let kind = crate::import::layout::kind_in(&k).unwrap_or_default();
                    let year = chrono::Datelike::year(&chrono::Local::now());
                    let (from_year, to_year) = crate::import::layout::period_in(&k, Some(kind))
                        .map_or((year, year), |p| (p.from_year(), p.to_year()));
                    ColumnRole::Figure {
                        from_year,
                        to_year,
                        kind,
                    }
                }
                Choice::Skip => ColumnRole::Skipped {
                    reason: SkipReason::ByUser,
                },
            };
        }
        if let ColumnRole::Figure {
            from_year,
            to_year,
            kind,
        } = role
        {
            egui::ComboBox::from_id_salt(("kind", salt))
                .selected_text(kind_label(*kind))
                .show_ui(ui, |ui| {
                    for k in AllocationKind::ALL {
                        ui.selectable_value(kind, k, kind_label(k));
                    }
                });
            ui.add(egui::DragValue::new(from_year).range(1990..=2100));
            ui.label("–");
            ui.add(egui::DragValue::new(to_year).range(*from_year..=2100));
        }
    });
}

pub(super) fn rows_tab(ui: &mut egui::Ui, plan: &Plan, lang: Lang, height: f32) {
    let t = lang.texts();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt("import-wizard-rows")
        .max_height(height)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, plan.rows.len(), |ui, range| {
            egui::Grid::new("import-rows")
                .striped(true)
                .num_columns(3)
                .min_row_height(row_height - 4.0)
                .show(ui, |ui| {
                    for r in &plan.rows[range] {
                        ui.label(r.row.to_string());
                        ui.add(egui::Label::new(r.text.trim()).truncate());
                        match &r.outcome {
                            RowOutcome::Skipped { reason } => {
                                ui.label(
                                    egui::RichText::new(fill(
                                        t.imp_skipped,
                                        &[("reason", reason.get(lang))],
                                    ))
                                    .weak(),
                                );
                            }
                            RowOutcome::Imported { target, office, .. } => {
                                let text = match target {
                                    Target::Existing { name, .. } if *office => {
                                        fill(t.imp_office_of, &[("area", name)])
                                    }
                                    Target::Existing { name, .. } => name.clone(),
                                    Target::New { name, .. } => {
                                        fill(t.imp_new_area, &[("area", name)])
                                    }
                                };
                                ui.label(text);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}

pub(super) fn amount_text(a: Amount, unit: MoneyUnit, lang: Lang) -> String {
    match a {
        Amount::Known(d) => format_money(d, unit, lang.number_style()),
        Amount::Unknown => lang.texts().unknown_amount.to_string(),
    }
}

pub(super) fn cells_tab(ui: &mut egui::Ui, plan: &Plan, unit: MoneyUnit, lang: Lang, height: f32) {
    let t = lang.texts();
    for e in plan.errors.iter().take(50) {
        ui.colored_label(ui.visuals().error_fg_color, e.message(lang));
    }
    if plan.errors.len() > 50 {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("… +{}", plan.errors.len() - 50),
        );
    }
    if !plan.errors.is_empty() {
        ui.separator();
    }
    // Every figure, as (row, figure) positions: only those in sight are laid out.
    let cells: Vec<(&Target, &plan::Figure)> = plan
        .rows
        .iter()
        .filter_map(|r| match &r.outcome {
            RowOutcome::Imported {
                target, figures, ..
            } => Some(figures.iter().map(move |f| (target, f))),
            RowOutcome::Skipped { .. } => None,
        })
        .flatten()
        .collect();
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    ui.horizontal(|ui| {
        ui.strong(t.imp_col_cell);
        ui.strong(t.imp_col_area);
        ui.strong(t.imp_col_figure);
        ui.strong(fill(t.imp_col_value, &[("unit", unit_label(unit, lang))]));
    });
    egui::ScrollArea::vertical()
        .id_salt("import-wizard-cells")
        .max_height((height - ui.min_rect().height()).max(100.0))
        .auto_shrink([false, true])
        .show_rows(ui, row_height, cells.len(), |ui, range| {
            egui::Grid::new("import-cells")
                .striped(true)
                .num_columns(4)
                .min_row_height(row_height - 4.0)
                .show(ui, |ui| {
                    for (target, f) in &cells[range] {
                        ui.label(format!("{}{}", f.place.column, f.place.row));
                        ui.label(target.name());
                        let kind = match lang {
                            Lang::Vi => f.kind.label_vi(),
                            Lang::En => f.kind.label_en(),
                        };
                        ui.label(format!("{kind} {}", f.period));
                        let mut value = amount_text(f.amount, unit, lang);
                        if !f.note.is_empty() {
                            value = format!("{value} — {}", f.note);
                        }
                        ui.label(value);
                        ui.end_row();
                    }
                });
        });
}

pub(super) fn checks_tab(
    ui: &mut egui::Ui,
    plan: &Plan,
    warnings: &[String],
    unit: MoneyUnit,
    lang: Lang,
) {
    let t = lang.texts();
    ui.strong(t.imp_warnings_after);
    if warnings.is_empty() {
        ui.label(t.imp_nothing);
    }
    for w in warnings {
        ui.colored_label(ui.visuals().warn_fg_color, w);
    }
    ui.add_space(8.0);
    ui.strong(t.imp_totals);
    if plan.totals.is_empty() {
        ui.label(t.imp_no_total_row);
    }
    for c in &plan.totals {
        let shown = |x: Option<Dong>| {
            x.map_or_else(
                || "—".to_string(),
                |d| format_money(d, unit, lang.number_style()),
            )
        };
        let text = fill(
            t.imp_total_line,
            &[
                ("cell", &format!("{}{}", c.place.column, c.place.row)),
                ("reported", &shown(c.reported)),
                ("sum", &shown(c.sum_of_rows)),
            ],
        );
        match c.agrees() {
            Some(true) => ui.label(format!("{text} — {}", t.imp_total_ok)),
            Some(false) => ui.colored_label(
                ui.visuals().error_fg_color,
                format!("{text} — {}", t.imp_total_bad),
            ),
            None => ui.label(format!("{text} — {}", t.imp_total_unknown)),
        };
    }
    ui.add_space(8.0);
    ui.strong(t.imp_beside);
    if plan.beside.is_empty() {
        ui.label(t.imp_nothing);
    }
    for b in &plan.beside {
        let kind = match lang {
            Lang::Vi => b.kind.label_vi(),
            Lang::En => b.kind.label_en(),
        };
        ui.label(fill(
            t.imp_beside_line,
            &[
                ("area", &b.area),
                ("kind", kind),
                ("period", &b.period.to_string()),
                ("existing", &amount_text(b.amount, unit, lang)),
                ("count", &b.parts.to_string()),
                (
                    "parts",
                    &b.parts_sum.map_or(t.unknown_amount.to_string(), |x| {
                        format_money(x, unit, lang.number_style())
                    }),
                ),
            ],
        ));
    }
    // This report's own figures whose cells are blank this time: kept, and said.
    ui.add_space(8.0);
    ui.strong(t.imp_kept_blank);
    let mut any = false;
    for c in &plan.changes {
        if let Change::KeptOverBlank { row, existing } = c {
            any = true;
            let kind = match lang {
                Lang::Vi => existing.kind.label_vi(),
                Lang::En => existing.kind.label_en(),
            };
            ui.label(fill(
                t.imp_kept_blank_line,
                &[
                    ("row", &row.to_string()),
                    ("kind", kind),
                    ("period", &existing.period.to_string()),
                    ("before", &amount_text(existing.amount_dong, unit, lang)),
                ],
            ));
        }
    }
    if !any {
        ui.label(t.imp_nothing);
    }
    // Figures the project holds already: this report's own, updated, and other sources', kept.
    for (updates, heading, line) in [
        (true, t.imp_updates, t.imp_update_line),
        (false, t.imp_conflicts, t.imp_conflict_line),
    ] {
        ui.add_space(8.0);
        ui.strong(heading);
        let mut any = false;
        for (row, held, figure, update) in plan.changes.iter().filter_map(Change::against_existing)
        {
            if update != updates {
                continue;
            }
            any = true;
            let kind = match lang {
                Lang::Vi => figure.kind.label_vi(),
                Lang::En => figure.kind.label_en(),
            };
            ui.label(fill(
                line,
                &[
                    ("row", &row.to_string()),
                    ("kind", kind),
                    ("period", &figure.period.to_string()),
                    ("before", &amount_text(held.amount_dong, unit, lang)),
                    ("after", &amount_text(figure.amount, unit, lang)),
                ],
            ));
        }
        if !any {
            ui.label(t.imp_nothing);
        }
    }
}

impl ImportWizard {
    pub(super) fn columns_tab(
        &mut self,
        ui: &mut egui::Ui,
        layout: &Layout,
        plan: &Plan,
        lang: Lang,
    ) {
        let t = lang.texts();
        // The header rows, as Excel numbers them; changing them reads the table again.
        let (mut from, mut to) = self.header_edit.unwrap_or(plan.header_rows);
        let rows = layout.sheet.rows.len().max(1);
        let mut read_again = false;
        ui.horizontal(|ui| {
            let l = ui.label(t.imp_header_from);
            ui.add(egui::DragValue::new(&mut from).range(1..=rows))
                .labelled_by(l.id);
            let l = ui.label(t.imp_header_to);
            ui.add(egui::DragValue::new(&mut to).range(from..=rows))
                .labelled_by(l.id);
            read_again = ui
                .add_enabled(
                    (from, to) != plan.header_rows,
                    egui::Button::new(t.imp_read_again),
                )
                .clicked();
        });
        self.header_edit = Some((from, to.max(from)));
        if read_again {
            self.set_header(from.max(1) - 1, to.max(from).max(1) - 1);
            return;
        }
        let mut changed: Option<(usize, ColumnRole)> = None;
        egui::Grid::new("import-columns")
            .striped(true)
            .num_columns(3)
            .show(ui, |ui| {
                ui.strong(t.imp_col_column);
                ui.strong(t.imp_col_heading);
                ui.strong(t.imp_col_role);
                ui.end_row();
                for c in &plan.columns {
                    let has_heading = !c.heading.trim().is_empty();
                    let has_data = layout
                        .rows
                        .iter()
                        .any(|r| !layout.sheet.cell(r.index, c.index).is_empty());
                    if !has_heading && !has_data {
                        continue;
                    }
                    let letter = plan::column_name(c.index);
                    ui.label(&letter);
                    ui.add(egui::Label::new(&c.heading).wrap());
                    let mut role = c.role.clone();
                    role_editor(ui, &letter, &c.heading, &mut role, lang);
                    if role != c.role {
                        changed = Some((c.index, role));
                    }
                    ui.end_row();
                }
            });
        if let Some((column, role)) = changed {
            // One column holds the names: choosing another leaves the old one out.
            if role == ColumnRole::Name {
                for c in plan.columns.iter().filter(|c| c.role == ColumnRole::Name) {
                    self.columns.retain(|m| m.column != c.index);
                    self.columns.push(MappedColumn {
                        column: c.index,
                        role: ColumnRole::Skipped {
                            reason: SkipReason::ByUser,
                        },
                        years_from_report: false,
                        heading: String::new(),
                    });
                }
            }
            self.columns.retain(|m| m.column != column);
            self.columns.push(MappedColumn {
                column,
                role,
                years_from_report: false,
                heading: String::new(),
            });
            self.changed();
        }
    }
}

/// The role choices a column of an imported table offers.
fn role_label(role: &ColumnRole, t: &Texts) -> &'static str {
    match role {
        ColumnRole::Name => t.imp_role_name,
        ColumnRole::Number => t.imp_role_number,
        ColumnRole::Note => t.imp_role_note,
        ColumnRole::Figure { .. } => t.imp_role_figure,
        ColumnRole::Skipped { .. } => t.imp_role_skip,
    }
}
