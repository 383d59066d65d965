//! The reported figures: a sortable, filterable table edited in place. Money is typed the
//! Vietnamese way in the chosen unit ("1.234,5" triệu đồng); an empty amount means the source
//! gave none ("chưa có số liệu"); a period is one year or a span ("2022–2023").

use super::{Action, Ctx, Screen, apply_from_field, combo, name};
use crate::i18n::labels::*;
use crate::i18n::{Lang, fill};
use crate::model::number::{format_money, parse_money};
use crate::model::*;
use crate::session::{Change, ChangeLabel, Memo, Session, Stamp};
use crate::ui::fields::FieldOpts;
use egui::Id;
use egui_extras::{Column, TableBuilder};
use std::collections::HashMap;
use std::sync::Arc;

mod rows;

pub use rows::SortBy;
use rows::{RowsKey, filtered_sorted};

pub struct AllocationsScreen {
    search: String,
    area: Option<AreaId>,
    kind: Option<AllocationKind>,
    year: String,
    sort: SortBy,
    ascending: bool,
    /// Rows to show, cached until the data, the filter or the sort changes: nothing is
    /// filtered or sorted per frame.
    rows: Memo<RowsKey, Arc<Vec<AllocationId>>>,
    /// Where each record is in the dossier's list, rebuilt only when the data changes.
    index: Memo<(), Arc<HashMap<AllocationId, usize>>>,
    /// The data warnings, and the figures a later round gave again or inside a total that is
    /// counted (marked as such in their row): one counting of the figures per change.
    checked: Memo<Lang, Arc<Checked>>,
    scroll_to: Option<AllocationId>,
    /// The user asked for the tables as an Excel workbook (the app asks where to save it).
    /// The export button was pressed this frame.
    export_requested: bool,
    /// The guide's chapter an empty state's link asked for.
    guide_requested: Option<Action>,
}

impl Default for AllocationsScreen {
    fn default() -> Self {
        AllocationsScreen {
            search: String::new(),
            area: None,
            kind: None,
            year: String::new(),
            sort: SortBy::Area,
            ascending: true,
            rows: Memo::default(),
            index: Memo::default(),
            checked: Memo::default(),
            scroll_to: None,
            export_requested: false,
            guide_requested: None,
        }
    }
}

/// A short name for a row, used in undo labels and accessible names: "Hữu Lũng 2023".
pub fn row_subject(d: &Dossier, a: &Allocation) -> String {
    let area = d
        .area(a.area_id)
        .map(|x| x.name.clone())
        .unwrap_or_default();
    format!("{area} {}", a.period)
}

/// The accessible name of a row's cell: "Số tiền (triệu đồng) — huyện Hữu Lũng, 2023, Vốn phân bổ".
pub fn cell_label(column: &str, d: &Dossier, a: &Allocation, lang: Lang) -> String {
    let area = d
        .area(a.area_id)
        .map(|x| area_label(x, lang))
        .unwrap_or_default();
    let mut label = format!(
        "{column} — {area}, {}, {}",
        a.period,
        allocation_kind_label(a.kind, lang)
    );
    // An area's own part beside its total: what it covers tells the two rows apart.
    if a.covers == Covers::Own {
        label.push_str(", ");
        label.push_str(lang.texts().covers_own);
    }
    // The same figure as reported at two rounds: the round tells the two rows apart.
    if d.rounds.len() > 1
        && let Some(round) = a
            .round_id
            .and_then(|r| crate::analysis::round_labels(d, lang).remove(&r))
    {
        label.push_str(", ");
        label.push_str(&round);
    }
    label
}

/// A data warning as the screen shows it, with the record to take the user to.
pub struct Warning {
    text: String,
    area: AreaId,
    first: Option<AllocationId>,
}

impl AllocationsScreen {
    /// Shows one record: the filter narrows to its area and the table scrolls to it.
    pub fn focus(&mut self, area: AreaId, id: AllocationId) {
        self.search.clear();
        self.kind = None;
        self.year.clear();
        self.area = Some(area);
        self.scroll_to = Some(id);
    }

    /// The data warnings (totals withheld or beside parts that differ, figures reported again,
    /// more disbursed than available, a thousandfold year, a figure entered twice) and each
    /// figure's role in the totals, worked out once per change.
    fn checked(&mut self, d: &Dossier, stamp: Stamp, lang: Lang) -> Arc<Checked> {
        self.checked
            .get(stamp, lang, |&lang| Arc::new(checked(d, lang)))
    }

    fn index(&mut self, d: &Dossier, stamp: Stamp) -> Arc<HashMap<AllocationId, usize>> {
        self.index.get(stamp, (), |_| {
            Arc::new(
                d.allocations
                    .iter()
                    .enumerate()
                    .map(|(i, a)| (a.id, i))
                    .collect(),
            )
        })
    }

    fn rows(&mut self, d: &Dossier, stamp: Stamp, lang: Lang) -> Arc<Vec<AllocationId>> {
        let key = RowsKey {
            search: self.search.clone(),
            area: self.area,
            kind: self.kind,
            year: self.year.trim().parse().ok(),
            sort: self.sort,
            ascending: self.ascending,
            lang,
        };
        self.rows
            .get(stamp, key, |key| Arc::new(filtered_sorted(d, key)))
    }

    fn header_button(&mut self, ui: &mut egui::Ui, label: &str, sort: SortBy) {
        let arrow = if self.sort == sort {
            if self.ascending { " ▲" } else { " ▼" }
        } else {
            ""
        };
        let r = ui.add(
            egui::Button::new(egui::RichText::new(format!("{label}{arrow}")).strong()).frame(false),
        );
        if r.clicked() {
            if self.sort == sort {
                self.ascending = !self.ascending;
            } else {
                self.sort = sort;
                self.ascending = true;
            }
        }
    }

    fn show(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
        let t = ctx.t();
        let lang = ctx.lang;
        let unit = ctx.unit;
        let style = lang.number_style();
        let ro = ctx.read_only();
        let dossier = ctx.session.dossier_arc();
        ui.heading(t.section_allocations);
        if dossier.areas.is_empty() || dossier.projects.is_empty() {
            self.guide_requested =
                super::empty_state(ui, lang, t.need_area_project, "first-project");
            return;
        }
        if dossier.allocations.is_empty() {
            self.guide_requested = super::empty_state(ui, lang, t.empty_allocations, "import");
        }
        if dossier
            .rounds
            .iter()
            .any(|r| r.draft_status == DraftStatus::Issued)
        {
            ui.weak(t.locked_figures_note);
        }

        // Filters.
        let area_options: Vec<(Option<AreaId>, String)> =
            std::iter::once((None, t.all_areas.to_string()))
                .chain(
                    super::areas::tree_order(&dossier.areas)
                        .into_iter()
                        .map(|(depth, a)| {
                            (
                                Some(a.id),
                                format!("{}{}", "  ".repeat(depth), area_label(&a, lang)),
                            )
                        }),
                )
                .collect();
        let kind_options: Vec<(Option<AllocationKind>, String)> =
            std::iter::once((None, t.all_kinds.to_string()))
                .chain(
                    AllocationKind::ALL
                        .iter()
                        .map(|k| (Some(*k), allocation_kind_label(*k, lang).to_string())),
                )
                .collect();
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.search);
            ui.add(egui::TextEdit::singleline(&mut self.search).desired_width(160.0))
                .labelled_by(l.id);
            if let Some(a) = combo(
                ui,
                Id::unique("alloc-filter-area"),
                t.all_areas,
                &self.area,
                &area_options,
                170.0,
                true,
            ) {
                self.area = a;
            }
            if let Some(k) = combo(
                ui,
                Id::unique("alloc-filter-kind"),
                t.all_kinds,
                &self.kind,
                &kind_options,
                190.0,
                true,
            ) {
                self.kind = k;
            }
            let l = ui.label(t.filter_year);
            ui.add(
                egui::TextEdit::singleline(&mut self.year)
                    .desired_width(80.0)
                    .hint_text(t.filter_year_hint),
            )
            .labelled_by(l.id);
            if ui
                .add_enabled(!ro, egui::Button::new(t.add_allocation))
                .clicked()
            {
                self.add_row(ctx, &dossier);
            }
            if ui.button(t.cmd_export_table).clicked() {
                self.export_requested = true;
            }
        });

        let rows = self.rows(&dossier, ctx.session.stamp(), lang);
        ui.label(fill(
            t.rows_shown,
            &[
                ("shown", &rows.len().to_string()),
                ("total", &dossier.allocations.len().to_string()),
            ],
        ));
        let index = self.index(&dossier, ctx.session.stamp());
        let checked = self.checked(&dossier, ctx.session.stamp(), lang);
        let mut focus = None;
        let mut warning_ui = |ui: &mut egui::Ui, warning: &Warning| {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{}: {}", t.data_warning, warning.text),
                );
                // The records behind it, in the table below.
                if let Some(id) = warning.first
                    && ui.small_button(t.show_rows).clicked()
                {
                    focus = Some((warning.area, id));
                }
            });
        };
        // A few warnings stand above the table; many (a province whose communes report beside
        // their districts) fold away so the table keeps its room.
        if checked.warnings.len() <= 3 {
            for w in &checked.warnings {
                warning_ui(ui, w);
            }
        } else {
            egui::CollapsingHeader::new(
                egui::RichText::new(fill(
                    t.data_warnings_header,
                    &[("count", &checked.warnings.len().to_string())],
                ))
                .color(ui.visuals().warn_fg_color),
            )
            .id_salt("data-warnings")
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("data-warnings-scroll")
                    .max_height(180.0)
                    .show_rows(ui, 22.0, checked.warnings.len(), |ui, range| {
                        // One line each, the whole text on hover: thousands stay quick.
                        for w in &checked.warnings[range] {
                            ui.horizontal(|ui| {
                                if let Some(id) = w.first
                                    && ui.small_button(t.show_rows).clicked()
                                {
                                    focus = Some((w.area, id));
                                }
                                ui.add(
                                    egui::Label::new(
                                        egui::RichText::new(&w.text)
                                            .color(ui.visuals().warn_fg_color),
                                    )
                                    .truncate(),
                                );
                            });
                        }
                    });
            });
        }
        if let Some((area, id)) = focus {
            self.focus(area, id);
        }
        let roles = &checked.roles;
        let area_choices: Vec<(AreaId, String)> = super::areas::tree_order(&dossier.areas)
            .into_iter()
            .map(|(_, a)| (a.id, area_label(&a, lang)))
            .collect();
        let project_choices: Vec<(ProjectId, String)> = dossier
            .projects
            .iter()
            .map(|p| (p.id, project_label(p, lang)))
            .collect();
        let kind_choices: Vec<(AllocationKind, String)> = AllocationKind::ALL
            .iter()
            .map(|k| (*k, allocation_kind_label(*k, lang).to_string()))
            .collect();
        let funding_choices: Vec<(Option<FundingSourceId>, String)> =
            std::iter::once((None, t.none_option.to_string()))
                .chain(
                    dossier
                        .funding_sources
                        .iter()
                        .map(|f| (Some(f.id), f.name.clone())),
                )
                .collect();
        // The round each figure was reported at: its place in time and month ("Đợt 2
        // (06/2023)"), so a figure reported again at a later round can be told from the first.
        let round_labels = crate::analysis::round_labels(&dossier, lang);
        let covers_choices: Vec<(Covers, String)> = Covers::ALL
            .iter()
            .map(|c| (*c, covers_label(*c, lang).to_string()))
            .collect();
        let round_choices: Vec<(Option<RoundId>, String)> =
            std::iter::once((None, t.none_option.to_string()))
                .chain(
                    crate::analysis::rounds_in_time(&dossier)
                        .into_iter()
                        .map(|r| {
                            (
                                Some(r.id),
                                round_labels.get(&r.id).cloned().unwrap_or_default(),
                            )
                        }),
                )
                .collect();
        let amount_col = fill(t.col_amount, &[("unit", unit_label(unit, lang))]);

        let mut errors: Vec<String> = Vec::new();
        let mut pending: Vec<Change> = Vec::new();
        let scroll_row = self
            .scroll_to
            .take()
            .and_then(|id| rows.iter().position(|r| *r == id));
        let available = ui.available_height() - 30.0;
        // Wide tables scroll sideways on small screens or at large UI scale.
        egui::ScrollArea::horizontal()
            .id_salt("allocations-hscroll")
            .show(ui, |ui| {
                let mut table = TableBuilder::new(ui)
                    .id_salt("allocations-table")
                    .striped(true)
                    .resizable(true)
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                    .max_scroll_height(available.max(120.0))
                    .column(Column::initial(160.0).at_least(110.0))
                    .column(Column::initial(150.0).at_least(110.0))
                    .column(Column::initial(95.0).at_least(80.0))
                    .column(Column::initial(195.0).at_least(120.0))
                    .column(Column::initial(90.0).at_least(70.0))
                    .column(Column::initial(120.0).at_least(90.0))
                    .column(Column::initial(150.0).at_least(90.0))
                    .column(Column::initial(140.0).at_least(80.0))
                    .column(Column::initial(240.0).at_least(140.0).clip(true))
                    .column(Column::initial(240.0).at_least(120.0).clip(true))
                    .column(Column::auto());
                if let Some(r) = scroll_row {
                    table = table.scroll_to_row(r, Some(egui::Align::Center));
                }
                table
                    .header(26.0, |mut h| {
                        h.col(|ui| self.header_button(ui, t.col_area, SortBy::Area));
                        h.col(|ui| {
                            ui.strong(t.col_covers).on_hover_text(t.covers_hint);
                        });
                        h.col(|ui| self.header_button(ui, t.col_project, SortBy::Project));
                        h.col(|ui| self.header_button(ui, t.col_kind, SortBy::Kind));
                        h.col(|ui| self.header_button(ui, t.col_period, SortBy::Period));
                        h.col(|ui| self.header_button(ui, &amount_col, SortBy::Amount));
                        h.col(|ui| {
                            ui.strong(t.col_funding);
                        });
                        h.col(|ui| {
                            ui.strong(t.col_round);
                        });
                        h.col(|ui| self.header_button(ui, t.col_source_doc, SortBy::Source));
                        h.col(|ui| {
                            ui.strong(t.col_note);
                        });
                        h.col(|ui| {
                            ui.strong(t.col_actions);
                        });
                    })
                    .body(|body| {
                        body.rows(30.0, rows.len(), |mut row| {
                            let n = row.index();
                            let Some(a) = rows
                                .get(n)
                                .and_then(|id| index.get(id))
                                .map(|i| dossier.allocations[*i].clone())
                            else {
                                return;
                            };
                            let id = a.id;
                            // The figures an issued round rests on are locked.
                            let ro = ro
                                || crate::model::rules::locking_round(
                                    &dossier,
                                    &Record::Allocation(a.clone()),
                                )
                                .is_some();
                            let subject = row_subject(&dossier, &a);
                            let with = |a: &Allocation, f: &dyn Fn(&mut Allocation)| {
                                let mut after = a.clone();
                                f(&mut after);
                                Change::update(
                                    ChangeLabel::edit(|t| t.what_allocation, subject.clone()),
                                    Record::Allocation(a.clone()),
                                    Record::Allocation(after),
                                )
                            };
                            row.col(|ui| {
                                if let Some(v) = combo(
                                    ui,
                                    Id::unique(("alloc-area", id.0)),
                                    &cell_label(t.col_area, &dossier, &a, lang),
                                    &a.area_id,
                                    &area_choices,
                                    160.0,
                                    !ro,
                                ) {
                                    pending.push(with(&a, &|x| x.area_id = v));
                                }
                            });
                            row.col(|ui| {
                                // A figure inside a total that is counted: never added to it.
                                let part = roles.parts.contains(&id);
                                if let Some(v) = combo(
                                    ui,
                                    Id::unique(("alloc-covers", id.0)),
                                    &cell_label(t.col_covers, &dossier, &a, lang),
                                    &a.covers,
                                    &covers_choices,
                                    if part { 115.0 } else { 140.0 },
                                    !ro,
                                ) {
                                    pending.push(with(&a, &|x| x.covers = v));
                                }
                                if part {
                                    ui.weak(t.covers_part_mark)
                                        .on_hover_text(t.covers_part_hint);
                                }
                            });
                            row.col(|ui| {
                                if let Some(v) = combo(
                                    ui,
                                    Id::unique(("alloc-project", id.0)),
                                    &cell_label(t.col_project, &dossier, &a, lang),
                                    &a.project_id,
                                    &project_choices,
                                    90.0,
                                    !ro,
                                ) {
                                    pending.push(with(&a, &|x| x.project_id = v));
                                }
                            });
                            row.col(|ui| {
                                if let Some(v) = combo(
                                    ui,
                                    Id::unique(("alloc-kind", id.0)),
                                    &cell_label(t.col_kind, &dossier, &a, lang),
                                    &a.kind,
                                    &kind_choices,
                                    180.0,
                                    !ro,
                                ) {
                                    pending.push(with(&a, &|x| x.kind = v));
                                }
                            });
                            row.col(|ui| {
                                let session = &mut *ctx.session;
                                let r = ctx.fields.text(
                                    ui,
                                    Id::unique(("alloc", id.0, "period")),
                                    &a.period.to_string(),
                                    &cell_label(t.col_period, &dossier, &a, lang),
                                    FieldOpts::width(80.0).read_only(ro),
                                    |s, done| {
                                        let p = Period::parse(s).map_err(|e| e.message(lang))?;
                                        edit(session, lang, id, "period", done, |x| x.period = p)
                                    },
                                );
                                if let Some(e) = r.error {
                                    errors.push(fill(
                                        t.row_field_error,
                                        &[
                                            ("row", &(n + 1).to_string()),
                                            ("column", t.col_period),
                                            ("error", &e),
                                        ],
                                    ));
                                }
                            });
                            row.col(|ui| {
                                let stored = a
                                    .amount_dong
                                    .known()
                                    .map(|d| format_money(d, unit, style))
                                    .unwrap_or_default();
                                let session = &mut *ctx.session;
                                let r = ctx.fields.text(
                                    ui,
                                    Id::unique(("alloc", id.0, "amount")),
                                    &stored,
                                    &cell_label(&amount_col, &dossier, &a, lang),
                                    FieldOpts::width(110.0).hint(t.unknown_amount).read_only(ro),
                                    |s, done| {
                                        let amount = if s.trim().is_empty() {
                                            Amount::Unknown
                                        } else {
                                            Amount::Known(
                                                parse_money(s, unit, style)
                                                    .map_err(|e| e.message(lang))?,
                                            )
                                        };
                                        edit(session, lang, id, "amount", done, |x| {
                                            x.amount_dong = amount
                                        })
                                    },
                                );
                                if r.response.hovered() && a.amount_dong == Amount::Unknown {
                                    r.response.clone().on_hover_text(t.amount_hint);
                                }
                                if let Some(e) = r.error {
                                    errors.push(fill(
                                        t.row_field_error,
                                        &[
                                            ("row", &(n + 1).to_string()),
                                            ("column", &amount_col),
                                            ("error", &e),
                                        ],
                                    ));
                                }
                            });
                            row.col(|ui| {
                                if let Some(v) = combo(
                                    ui,
                                    Id::unique(("alloc-funding", id.0)),
                                    &cell_label(t.col_funding, &dossier, &a, lang),
                                    &a.funding_source_id,
                                    &funding_choices,
                                    140.0,
                                    !ro,
                                ) {
                                    pending.push(with(&a, &|x| x.funding_source_id = v));
                                }
                            });
                            row.col(|ui| {
                                // A figure a later round gave again: kept, not counted.
                                let old = roles.replaced.contains(&id);
                                if let Some(v) = combo(
                                    ui,
                                    Id::unique(("alloc-round", id.0)),
                                    &cell_label(t.col_round, &dossier, &a, lang),
                                    &a.round_id,
                                    &round_choices,
                                    if old { 100.0 } else { 125.0 },
                                    !ro,
                                ) {
                                    pending.push(with(&a, &|x| x.round_id = v));
                                }
                                if old {
                                    ui.weak(t.round_superseded_mark)
                                        .on_hover_text(t.round_superseded_hint);
                                }
                            });
                            row.col(|ui| {
                                let session = &mut *ctx.session;
                                ctx.fields.text(
                                    ui,
                                    Id::unique(("alloc", id.0, "source")),
                                    &a.source_doc,
                                    &cell_label(t.col_source_doc, &dossier, &a, lang),
                                    FieldOpts::default().read_only(ro),
                                    |s, done| {
                                        edit(session, lang, id, "source", done, |x| {
                                            x.source_doc = s.to_string()
                                        })
                                    },
                                );
                            });
                            row.col(|ui| {
                                let session = &mut *ctx.session;
                                ctx.fields.text(
                                    ui,
                                    Id::unique(("alloc", id.0, "note")),
                                    &a.note,
                                    &cell_label(t.col_note, &dossier, &a, lang),
                                    FieldOpts::default().read_only(ro),
                                    |s, done| {
                                        edit(session, lang, id, "note", done, |x| {
                                            x.note = s.to_string()
                                        })
                                    },
                                );
                            });
                            row.col(|ui| {
                                let r = ui.add_enabled(!ro, egui::Button::new(t.delete));
                                name(ui, &r, cell_label(t.delete, &dossier, &a, lang));
                                if r.clicked() {
                                    pending.push(Change::new(
                                        ChangeLabel::delete(|t| t.what_allocation, subject.clone()),
                                        vec![Edit::delete(Record::Allocation(a.clone()))],
                                    ));
                                }
                            });
                        });
                    });
            });
        for change in pending {
            ctx.apply(change);
        }
        for e in errors.iter().take(3) {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
    }

    fn add_row(&mut self, ctx: &mut Ctx<'_>, d: &Dossier) {
        let area_id = self.area.or_else(|| {
            d.areas
                .iter()
                .find(|a| a.level() != AreaLevel::Province)
                .or(d.areas.first())
                .map(|a| a.id)
        });
        let project_id = d
            .rounds
            .first()
            .and_then(|r| r.project_ids.first().copied())
            .or(d.projects.first().map(|p| p.id));
        let (Some(area_id), Some(project_id)) = (area_id, project_id) else {
            return;
        };
        let year = self
            .year
            .trim()
            .parse()
            .ok()
            .or_else(|| d.allocations.iter().map(|a| a.period.to_year()).max())
            .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
        let Ok(period) = Period::year(year) else {
            return;
        };
        let id = AllocationId(ctx.session.new_id(Table::Allocations));
        let mut a = Allocation {
            id,
            area_id,
            project_id,
            period,
            kind: self.kind.unwrap_or(AllocationKind::Allocated),
            funding_source_id: None,
            amount_dong: Amount::Unknown,
            note: String::new(),
            source_doc: String::new(),
            round_id: None,
            covers: Covers::Total,
        };
        // A figure typed now is the current round's: the newest not yet issued (an issued
        // round's figures are locked). A blank row that meets a figure already given (same
        // area, project, year, kind and level: what a later round's report replaces) takes
        // that figure's round instead: as the newer round's it would replace the figure in
        // every total until it is filled in.
        let same = d.allocations.iter().filter(|x| {
            (x.area_id, x.project_id, x.period, x.kind, x.covers)
                == (a.area_id, a.project_id, a.period, a.kind, a.covers)
        });
        let places = crate::analysis::RoundPlaces::new(d);
        a.round_id = match same.max_by_key(|x| places.of(x.round_id)) {
            Some(x) => x.round_id,
            None => crate::analysis::rounds_in_time(d)
                .into_iter()
                .rev()
                .find(|r| r.draft_status != DraftStatus::Issued)
                .map(|r| r.id),
        };
        let subject = row_subject(d, &a);
        ctx.apply(Change::new(
            ChangeLabel::add(|t| t.what_allocation, subject),
            vec![Edit::insert(Record::Allocation(a))],
        ));
        self.scroll_to = Some(id);
    }
}

fn edit(
    session: &mut Session,
    lang: Lang,
    id: AllocationId,
    field: &str,
    done: bool,
    set: impl FnOnce(&mut Allocation),
) -> Result<(), String> {
    let d = session.dossier();
    let Some(before) = d.allocations.iter().find(|a| a.id == id).cloned() else {
        return Ok(());
    };
    let mut after = before.clone();
    set(&mut after);
    let what: fn(&crate::i18n::Texts) -> &'static str = if field == "amount" {
        |t| t.what_amount
    } else {
        |t| t.what_allocation
    };
    let change = Change::update(
        ChangeLabel::edit(what, row_subject(d, &before)),
        Record::Allocation(before),
        Record::Allocation(after),
    )
    .merging(format!("allocation:{}:{field}", id.0));
    apply_from_field(session, lang, change, done)
}

/// What the funds table says of the figures: its warnings and each figure's role in totals.
#[derive(Default)]
pub struct Checked {
    warnings: Vec<Warning>,
    roles: crate::analysis::count::Roles,
}

/// The data warnings of the funds table, in the user's language, and the figures' roles —
/// from one counting of the whole project.
fn checked(d: &Dossier, lang: Lang) -> Checked {
    let Ok(counter) =
        crate::analysis::count::Counter::new(d, &crate::analysis::AllocationFilter::default())
    else {
        return Checked::default();
    };
    Checked {
        warnings: crate::checks::warnings_of(d, &counter)
            .map(|w| {
                w.iter()
                    .map(|w| Warning {
                        text: w.message(d, lang),
                        area: w.area_id(),
                        first: w.allocation_ids().first().copied(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        roles: crate::analysis::count::roles_of(&counter).unwrap_or_default(),
    }
}

impl Screen for AllocationsScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        self.show(ui, ctx);
        if let Some(guide) = self.guide_requested.take() {
            return Some(guide);
        }
        std::mem::take(&mut self.export_requested)
            .then_some(Action::Run(crate::ui::commands::Command::ExportTable))
    }
}
