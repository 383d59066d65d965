//! File → Nhập số liệu từ Excel/CSV…: the report read off the UI thread, then shown as GiamSat
//! will import it — each column's meaning, each row's area or why it is skipped, every cell's
//! value or error, the report's total against its rows, the project's own figures beside the
//! imported parts — every choice changeable, and imported as one change (one undo step).

mod guesses;
mod tabs;

use guesses::*;
use tabs::*;

use crate::i18n::labels::*;
use crate::i18n::{Lang, Texts, fill};
use crate::import::grid::Workbook;
use crate::import::layout::{ColumnRole, Layout, SkipReason};
use crate::import::plan::{self, Change, MappedColumn, Mapping, Options, Plan, RowOutcome, Target};
use crate::model::number::format_money;
use crate::model::*;
use crate::session::{Session, Stamp};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A report as the reading task hands it over: the workbook and each sheet's table (or why
/// none was found).
pub struct ReadReport {
    pub path: PathBuf,
    pub workbook: Workbook,
    pub layouts: Vec<Result<Arc<Layout>, String>>,
}

/// Reads and lays out a report. Slow on a big workbook: run it off the UI thread.
pub fn read_report(path: &Path) -> Result<ReadReport, String> {
    let workbook =
        crate::import::grid::read(path).map_err(|e| format!("{e} — {}", path.display()))?;
    let layouts = workbook
        .sheets
        .iter()
        .map(|s| {
            crate::import::layout::detect(s)
                .map(Arc::new)
                .map_err(|e| e.to_string())
        })
        .collect();
    Ok(ReadReport {
        path: path.to_path_buf(),
        workbook,
        layouts,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Columns,
    Rows,
    Cells,
    Checks,
}

/// What the wizard asks of the app this frame.
pub enum Outcome {
    Stay,
    Close,
    /// Import the plan as one change (see [`ImportWizard::edits_with_ids`]).
    Import,
}

pub struct ImportWizard {
    report: ReadReport,
    sheet: usize,
    project: Option<ProjectId>,
    parent: Option<AreaId>,
    /// The district the report's title names when the project lacks it, to be created in the
    /// province (see [`title_district`]); chosen as the parent when `parent_new`.
    new_parent: Option<Area>,
    parent_new: bool,
    /// The user chose the parent: another sheet or header keeps it.
    parent_picked: bool,
    /// The header rows were read again: the parent is guessed again at the next frame.
    reguess: bool,
    /// The supervision round the report was given at.
    round: Option<RoundId>,
    /// The rounds figures from this report file were imported for before, oldest first.
    source_rounds: Vec<RoundId>,
    unit: Option<MoneyUnit>,
    /// The user's changes to what each column holds.
    columns: Vec<MappedColumn>,
    /// The unit of a template in use, for a report that states none.
    template_unit: Option<MoneyUnit>,
    /// The header rows being typed (1-based), read when the user asks.
    header_edit: Option<(usize, usize)>,
    /// The new areas the user agreed to create; agreeing holds for exactly these.
    confirmed_new_areas: Option<(Option<AreaId>, Vec<String>)>,
    tab: Tab,
    /// The plan for the session's content and the choices above; `None` once a choice changes.
    plan: Option<(Stamp, Arc<Plan>)>,
    /// With a new parent: the project as the plan saw it (the parent in it, numbered for the
    /// plan only) and that parent.
    planned_with: Option<(Arc<Dossier>, Area)>,
    /// The data warnings the import would add, for the plan above and a language.
    warnings: Option<(Stamp, Lang, Arc<Vec<String>>)>,
    templates_dir: PathBuf,
    notice: Option<String>,
}

impl ImportWizard {
    pub fn new(report: ReadReport, session: &Session, templates_dir: PathBuf) -> ImportWizard {
        let d = session.dossier();
        // The first sheet with a table; the project the dossier's figures are mostly for.
        let sheet = report.layouts.iter().position(Result::is_ok).unwrap_or(0);
        let project = match report.layouts.get(sheet) {
            Some(Ok(layout)) => title_project(d, layout),
            _ => None,
        }
        .or_else(|| most_used_project(d));

        // A report imported before is most likely being corrected for the same round; a new
        // one is most often the current round's: the newest.
        let source_rounds = rounds_of_source(d, &report.path);
        let round = source_rounds
            .last()
            .copied()
            .or_else(|| crate::analysis::rounds_in_time(d).last().map(|r| r.id));
        let mut wizard = ImportWizard {
            report,
            sheet,
            project,
            parent: None,
            parent_new: false,
            new_parent: None,
            parent_picked: false,
            reguess: false,
            round,
            source_rounds,
            unit: None,
            columns: Vec::new(),
            template_unit: None,
            header_edit: None,
            confirmed_new_areas: None,
            tab: Tab::Columns,
            plan: None,
            planned_with: None,
            warnings: None,
            templates_dir,
            notice: None,
        };
        wizard.guess_parent(d);
        wizard
    }

    /// The parent the sheet's title names, unless the user has chosen one: an area of the
    /// project, or a district to make in its province. A title naming both the province and
    /// a district it lacks ("UBND huyện Hữu Lũng, tỉnh Lạng Sơn") means the district.
    fn guess_parent(&mut self, d: &Dossier) {
        if self.parent_picked {
            return;
        }
        let (parent, new_parent) = match self.report.layouts.get(self.sheet) {
            Some(Ok(layout)) => (guess_parent(d, layout), title_district(d, layout)),
            _ => (None, None),
        };
        let province_only = parent
            .and_then(|p| d.area(p))
            .is_some_and(|a| a.level() == AreaLevel::Province);
        self.parent_new = new_parent.is_some() && (parent.is_none() || province_only);
        self.parent = if self.parent_new { None } else { parent };
        self.new_parent = new_parent;
    }

    pub fn path(&self) -> &Path {
        &self.report.path
    }

    fn source(&self) -> String {
        self.report
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn options(&self) -> Option<Options> {
        Some(Options {
            project_id: self.project?,
            parent_id: self.parent,
            unit: self.unit,
            source: self.source(),
            mapping: Some(Mapping {
                unit: self.template_unit,
                columns: self.columns.clone(),
            }),
            round_id: self.round,
        })
    }

    fn layout(&self) -> Result<Arc<Layout>, String> {
        match self.report.layouts.get(self.sheet) {
            Some(Ok(l)) => Ok(Arc::clone(l)),
            Some(Err(e)) => Err(e.clone()),
            None => Err(String::new()),
        }
    }

    /// The new parent, when it is the one chosen.
    fn chosen_new_parent(&self) -> Option<&Area> {
        self.new_parent.as_ref().filter(|_| self.parent_new)
    }

    /// The plan for what the session holds now, made again only when it or a choice changed.
    /// With a new parent chosen, the plan is made on a copy of the project that has it.
    fn plan(&mut self, session: &Session) -> Option<Arc<Plan>> {
        let stamp = session.stamp();
        if self.plan.as_ref().is_none_or(|(s, _)| *s != stamp) {
            let mut options = self.options()?;
            let layout = self.layout().ok()?;
            self.planned_with = None;
            // A district made meanwhile (by hand, or by another import) is no longer new.
            if let Some(area) = self.chosen_new_parent() {
                let wanted = format!("{} {}", area.kind.label_vi(), area.name);
                if let [one] = crate::import::layout::areas_named(session.dossier(), &wanted)
                    .0
                    .as_slice()
                {
                    (self.parent, self.parent_new, self.new_parent) = (Some(one.id), false, None);
                    options.parent_id = self.parent;
                }
            }
            let p = match self.chosen_new_parent().cloned() {
                Some(mut area) => {
                    let mut d = session.dossier().clone();
                    // A number no record has or will have: the real one is taken at import.
                    area.id = AreaId(-1);
                    if d.apply_edit(&Edit::insert(Record::Area(area.clone())))
                        .is_ok()
                    {
                        options.parent_id = Some(area.id);
                        let p = plan::plan(&d, &layout, &options);
                        self.planned_with = Some((Arc::new(d), area));
                        p
                    } else {
                        // Never expected: without it, the user picks the parent.
                        self.parent_new = false;
                        plan::plan(session.dossier(), &layout, &options)
                    }
                }
                None => plan::plan(session.dossier(), &layout, &options),
            };
            self.plan = Some((stamp, Arc::new(p)));
        }
        self.plan.as_ref().map(|(_, p)| Arc::clone(p))
    }

    /// Reads the sheet again with the header rows the user gave (0-based).
    fn set_header(&mut self, top: usize, bottom: usize) {
        self.header_edit = None;
        let Some(sheet) = self.report.workbook.sheets.get(self.sheet) else {
            return;
        };
        let layout = crate::import::layout::detect_with(sheet, Some((top, bottom)))
            .map(Arc::new)
            .map_err(|e| e.to_string());
        if let Some(slot) = self.report.layouts.get_mut(self.sheet) {
            *slot = layout;
        }
        // The columns are another table's now, and the title above them may name another parent.
        self.columns.clear();
        self.reguess = true;
        self.changed();
    }

    fn changed(&mut self) {
        self.plan = None;
        self.warnings = None;
    }

    /// What the checks would say about the project after this import that they do not say now.
    fn warnings_after(&mut self, session: &Session, plan: &Plan, lang: Lang) -> Arc<Vec<String>> {
        let stamp = session.stamp();
        if let Some((s, l, w)) = &self.warnings
            && *s == stamp
            && *l == lang
        {
            return Arc::clone(w);
        }
        let w = Arc::new(match (self.options(), &self.planned_with) {
            (Some(mut o), Some((d, parent))) => {
                o.parent_id = Some(parent.id);
                plan::warnings_after(d, plan, &o, lang)
            }
            (Some(o), None) => plan::warnings_after(session.dossier(), plan, &o, lang),
            (None, _) => Vec::new(),
        });
        self.warnings = Some((stamp, lang, Arc::clone(&w)));
        w
    }

    /// Draws the wizard; says whether to import, close or stay.
    pub fn ui(&mut self, ctx: &egui::Context, session: &Session, lang: Lang) -> Outcome {
        let t = lang.texts();
        let mut outcome = Outcome::Stay;
        let mut open = true;
        egui::Window::new(t.imp_title)
            .id(egui::Id::unique("import-wizard"))
            .open(&mut open)
            .default_size([920.0, 600.0])
            .collapsible(false)
            .show(ctx, |ui| {
                outcome = self.contents(ui, session, lang);
            });
        if !open { Outcome::Close } else { outcome }
    }

    fn contents(&mut self, ui: &mut egui::Ui, session: &Session, lang: Lang) -> Outcome {
        let t = lang.texts();
        let d = session.dossier();
        if std::mem::take(&mut self.reguess) {
            self.guess_parent(d);
            self.changed();
        }
        ui.label(egui::RichText::new(self.source()).strong());
        if self.report.workbook.sheets.len() > 1 {
            let names: Vec<String> = self
                .report
                .workbook
                .sheets
                .iter()
                .map(|s| s.name.clone())
                .collect();
            let mut sheet = self.sheet;
            let label = ui.label(t.imp_sheet);
            egui::ComboBox::from_id_salt("import-sheet")
                .selected_text(names.get(sheet).cloned().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for (i, n) in names.iter().enumerate() {
                        ui.selectable_value(&mut sheet, i, n);
                    }
                })
                .response
                .labelled_by(label.id);
            if sheet != self.sheet {
                self.sheet = sheet;
                self.columns.clear();
                self.unit = None;
                self.guess_parent(d);
                self.changed();
            }
        }
        if let Some(enc) = self.report.workbook.text_encoding
            && enc != "UTF-8"
        {
            ui.label(fill(t.imp_encoding, &[("encoding", enc)]));
        }
        let layout = match self.layout() {
            Ok(l) => l,
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                // The table may still be there, under other header rows than those found.
                let rows = self
                    .report
                    .workbook
                    .sheets
                    .get(self.sheet)
                    .map_or(1, |s| s.rows.len().max(1));
                let mut read_again = None;
                ui.horizontal(|ui| {
                    let (mut from, mut to) = self.header_edit.unwrap_or((1, 1));
                    let l = ui.label(t.imp_header_from);
                    ui.add(egui::DragValue::new(&mut from).range(1..=rows))
                        .labelled_by(l.id);
                    let l = ui.label(t.imp_header_to);
                    ui.add(egui::DragValue::new(&mut to).range(from..=rows))
                        .labelled_by(l.id);
                    self.header_edit = Some((from, to.max(from)));
                    if ui.button(t.imp_read_again).clicked() {
                        read_again = Some((from - 1, to.max(from) - 1));
                    }
                });
                if let Some((top, bottom)) = read_again {
                    self.set_header(top, bottom);
                }
                return if ui.button(t.cancel).clicked() {
                    Outcome::Close
                } else {
                    Outcome::Stay
                };
            }
        };
        if let Some(legacy) = layout.legacy {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                fill(t.imp_legacy, &[("encoding", legacy.name())]),
            );
        }

        // The choices that apply to the whole report.
        ui.horizontal_wrapped(|ui| {
            let mut project = self.project;
            let label = ui.label(t.imp_project);
            egui::ComboBox::from_id_salt("import-project")
                .selected_text(
                    project
                        .and_then(|p| d.project(p))
                        .map(|p| p.short_label(lang))
                        .unwrap_or_default(),
                )
                .show_ui(ui, |ui| {
                    for p in &d.projects {
                        ui.selectable_value(&mut project, Some(p.id), p.short_label(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            // The parent: none, an area of the project, or the district the title names,
            // to be created (`Err(())`).
            let mut parent: Result<Option<AreaId>, ()> = match self.chosen_new_parent() {
                Some(_) => Err(()),
                None => Ok(self.parent),
            };
            let new_parent_text = self.new_parent.as_ref().map(|a| {
                fill(
                    t.imp_new_parent,
                    &[
                        ("area", &a.full_name(lang)),
                        (
                            "province",
                            &a.parent_id
                                .and_then(|p| d.area(p))
                                .map(|p| p.full_name(lang))
                                .unwrap_or_default(),
                        ),
                    ],
                )
            });
            let label = ui.label(t.imp_parent);
            egui::ComboBox::from_id_salt("import-parent")
                .selected_text(match parent {
                    Err(()) => new_parent_text.clone().unwrap_or_default(),
                    Ok(p) => p
                        .and_then(|a| d.area(a))
                        .map(|a| a.full_name(lang))
                        .unwrap_or_else(|| t.imp_no_parent.to_string()),
                })
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut parent, Ok(None), t.imp_no_parent);
                    if let Some(text) = &new_parent_text {
                        ui.selectable_value(&mut parent, Err(()), text);
                    }
                    for (_, a) in crate::ui::screens::areas::tree_order(&d.areas) {
                        ui.selectable_value(&mut parent, Ok(Some(a.id)), a.full_name(lang));
                    }
                })
                .response
                .labelled_by(label.id);
            let parent_new = parent.is_err();
            let parent = parent.unwrap_or(None);
            let mut round = self.round;
            if !d.rounds.is_empty() {
                let labels = crate::analysis::round_labels(d, lang);
                let label = ui.label(t.imp_round);
                egui::ComboBox::from_id_salt("import-round")
                    .selected_text(
                        round
                            .and_then(|r| labels.get(&r).cloned())
                            .unwrap_or_else(|| t.imp_no_round.to_string()),
                    )
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut round, None, t.imp_no_round);
                        for r in crate::analysis::rounds_in_time(d) {
                            let name = labels.get(&r.id).cloned().unwrap_or_default();
                            ui.selectable_value(&mut round, Some(r.id), name)
                                .on_hover_text(&r.title);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                // Figures from this report given for another round stay that round's.
                if let Some(r) = round
                    && !self.source_rounds.is_empty()
                    && !self.source_rounds.contains(&r)
                {
                    let names: Vec<String> = self
                        .source_rounds
                        .iter()
                        .filter_map(|b| labels.get(b).cloned())
                        .collect();
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        fill(
                            t.imp_round_other,
                            &[
                                ("before", &names.join(", ")),
                                ("round", &labels.get(&r).cloned().unwrap_or_default()),
                            ],
                        ),
                    );
                }
            }
            let detected = layout.unit.map(|(u, _)| u);
            let mut unit = self.unit.or(detected);
            let label = ui.label(t.imp_unit);
            egui::ComboBox::from_id_salt("import-unit")
                .selected_text(
                    unit.map(|u| unit_label(u, lang))
                        .unwrap_or(t.imp_unit_unknown),
                )
                .show_ui(ui, |ui| {
                    for u in MoneyUnit::ALL {
                        ui.selectable_value(&mut unit, Some(u), unit_label(u, lang));
                    }
                })
                .response
                .labelled_by(label.id);
            // The unit is the user's only when chosen in its own list: otherwise each sheet's
            // (or header's) own unit line stands.
            if unit != self.unit.or(detected) {
                self.unit = unit;
                self.changed();
            }
            if project != self.project
                || parent != self.parent
                || parent_new != self.parent_new
                || round != self.round
            {
                if parent != self.parent || parent_new != self.parent_new {
                    self.parent_picked = true;
                }
                self.project = project;
                self.parent = parent;
                self.parent_new = parent_new;
                self.round = round;
                self.changed();
            }
        });
        ui.horizontal(|ui| {
            let has_template = self.template_path(d).is_some_and(|p| p.exists());
            if ui
                .add_enabled(has_template, egui::Button::new(t.imp_use_template))
                .clicked()
            {
                self.use_template(d, t);
            }
            if ui
                .add_enabled(
                    self.parent.is_some(),
                    egui::Button::new(t.imp_save_template),
                )
                .clicked()
            {
                self.save_template(d, t);
            }
            if let Some(n) = &self.notice {
                ui.label(egui::RichText::new(n).weak());
            }
        });
        ui.separator();
        ui.horizontal(|ui| {
            for (tab, label) in [
                (Tab::Columns, t.imp_tab_columns),
                (Tab::Rows, t.imp_tab_rows),
                (Tab::Cells, t.imp_tab_cells),
                (Tab::Checks, t.imp_tab_checks),
            ] {
                if ui.selectable_label(self.tab == tab, label).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        if self.project.is_none() {
            ui.label(t.imp_choose_project);
            return Outcome::Stay;
        }
        let Some(plan) = self.plan(session) else {
            return Outcome::Stay;
        };
        let unit = plan.unit.unwrap_or_default();
        let footer_height = 90.0;
        let body_height = (ui.available_height() - footer_height).max(120.0);
        match self.tab {
            Tab::Columns => {
                egui::ScrollArea::both()
                    .id_salt("import-wizard-columns")
                    .max_height(body_height)
                    .auto_shrink([false, true])
                    .show(ui, |ui| self.columns_tab(ui, &layout, &plan, lang));
            }
            // Only the rows in sight are laid out: a province's report has thousands.
            Tab::Rows => rows_tab(ui, &plan, lang, body_height),
            Tab::Cells => cells_tab(ui, &plan, unit, lang, body_height),
            Tab::Checks => {
                let warnings = self.warnings_after(session, &plan, lang);
                egui::ScrollArea::both()
                    .id_salt("import-wizard-checks")
                    .max_height(body_height)
                    .auto_shrink([false, true])
                    .show(ui, |ui| checks_tab(ui, &plan, &warnings, unit, lang));
            }
        }
        ui.separator();
        self.footer(ui, &plan, lang)
    }

    fn footer(&mut self, ui: &mut egui::Ui, plan: &Plan, lang: Lang) -> Outcome {
        let t = lang.texts();
        let (new, updated, unchanged, conflicts) = plan.counts();
        ui.label(fill(
            t.imp_counts,
            &[
                ("new", &new.to_string()),
                ("updated", &updated.to_string()),
                ("unchanged", &unchanged.to_string()),
                ("conflicts", &conflicts.to_string()),
            ],
        ));
        for p in &plan.problems {
            ui.colored_label(ui.visuals().error_fg_color, p.get(lang));
        }
        if !plan.errors.is_empty() {
            let text = if self.parent.is_none() && !self.parent_new {
                t.imp_choose_parent.to_string()
            } else {
                fill(t.imp_errors, &[("count", &plan.errors.len().to_string())])
            };
            ui.colored_label(ui.visuals().error_fg_color, text);
        }
        let mut outcome = Outcome::Stay;
        // A new parent is created with the areas under it, and agreed to with them.
        let names: Vec<String> = self
            .chosen_new_parent()
            .into_iter()
            .chain(&plan.new_areas)
            .map(Area::full_name_vi)
            .collect();
        // Agreeing holds for the areas agreed to: another plan asks again.
        let mut agreed = self
            .confirmed_new_areas
            .as_ref()
            .is_some_and(|(parent, agreed_names)| *parent == self.parent && *agreed_names == names);
        if !names.is_empty() {
            let shown = if names.len() > 12 {
                format!("{}, … ({})", names[..12].join(", "), names.len())
            } else {
                names.join(", ")
            };
            ui.checkbox(
                &mut agreed,
                fill(
                    t.imp_confirm_new_areas,
                    &[("count", &names.len().to_string()), ("names", &shown)],
                ),
            );
            self.confirmed_new_areas = agreed.then(|| (self.parent, names.clone()));
        }
        ui.horizontal(|ui| {
            let ready = plan.can_import() && (names.is_empty() || agreed) && new + updated > 0;
            let label = fill(t.imp_do_import, &[("count", &(new + updated).to_string())]);
            if ui.add_enabled(ready, egui::Button::new(label)).clicked() {
                outcome = Outcome::Import;
            }
            if ui.button(t.cancel).clicked() {
                outcome = Outcome::Close;
            }
        });
        outcome
    }

    /// The edits of the current plan, with ids from the session (never reused), and the
    /// report's name for the undo step.
    pub fn edits_with_ids(&mut self, session: &mut Session) -> Option<(Vec<Edit>, String)> {
        // The plan first: making it may turn a district to make into one made meanwhile.
        let plan = self.plan(session)?;
        let mut options = self.options()?;
        let Some((_, planned)) = self.planned_with.clone() else {
            let edits = plan.edits(&options, |table| session.new_id(table));
            return Some((edits, options.source));
        };
        // The new parent first, with an id of the session's; what the plan put under it (its
        // communes, its own office's figures) moves from the plan's number to that one.
        let mut parent = planned.clone();
        parent.id = AreaId(session.new_id(Table::Areas));
        let moved: crate::model::renumber::Renumbering =
            [((Table::Areas, planned.id.0), parent.id.0)].into();
        options.parent_id = Some(planned.id);
        let mut edits = vec![Edit::insert(Record::Area(parent))];
        for e in plan.edits(&options, |table| session.new_id(table)) {
            edits.push(Edit {
                before: e.before,
                after: e
                    .after
                    .map(|r| crate::model::renumber::renumbered(&r, &moved)),
            });
        }
        Some((edits, options.source))
    }
}
