//! Areas as a tree by parent: province, its districts, their communes. Identity is the record,
//! so two areas may share a name (the commune "Chi Lăng" and the former district "Chi Lăng").

use super::{
    Action, Ctx, Screen, apply_from_field, combo, delete_button, parse_year, required, year_text,
};
use crate::i18n::fill;
use crate::i18n::labels::*;
use crate::model::*;
use crate::session::Memo;
use crate::session::{Change, ChangeLabel};
use crate::ui::fields::FieldOpts;
use egui::Id;
use std::collections::HashMap;
use std::sync::Arc;

pub use crate::model::area::tree_order;

fn child_kind(parent: AreaKind) -> AreaKind {
    match parent.level() {
        AreaLevel::Province => AreaKind::Huyen,
        _ => AreaKind::Xa,
    }
}

/// The areas: today's units and their former ones, and the table of successions.
#[derive(Default)]
pub struct AreasScreen {
    /// What refers to each area, counted once per change rather than every frame.
    uses: Memo<(), Arc<HashMap<AreaId, usize>>>,
}

impl Screen for AreasScreen {
    /// Asks for a table of successor units to import when the user pressed its button (the
    /// app opens the file dialog).
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        show(ui, ctx, &mut self.uses)
    }
}

fn show(
    ui: &mut egui::Ui,
    ctx: &mut Ctx<'_>,
    uses: &mut Memo<(), Arc<HashMap<AreaId, usize>>>,
) -> Option<Action> {
    let mut import = false;
    let t = ctx.t();
    let ro = ctx.read_only();
    ui.horizontal(|ui| {
        ui.heading(t.section_areas);
        ui.add_space(12.0);
        import = ui
            .add_enabled(!ro, egui::Button::new(t.cmd_import_successions))
            .clicked();
    });
    let dossier = ctx.session.dossier_arc();
    let n = dossier.successions.len();
    egui::CollapsingHeader::new(fill(t.succ_heading_count, &[("count", &n.to_string())]))
        .id_salt("succession-section")
        .default_open(n <= 12)
        .show(ui, |ui| successions_ui(ui, ctx, &dossier));
    ui.add_space(6.0);
    let guide = tree_ui(ui, ctx, uses);
    import
        .then_some(Action::Run(crate::ui::commands::Command::ImportSuccessions))
        .or(guide)
}

/// What refers to each area (a used area cannot be deleted), counted in one pass over the
/// records rather than once per row.
fn area_uses(d: &Dossier) -> HashMap<AreaId, usize> {
    let mut uses: HashMap<AreaId, usize> = HashMap::new();
    let refs = d
        .allocations
        .iter()
        .map(|a| a.area_id)
        .chain(d.indicator_values.iter().map(|v| v.area_id))
        .chain(d.areas.iter().filter_map(|a| a.parent_id))
        .chain(d.conclusions.iter().filter_map(|c| c.area_id))
        .chain(
            d.recommendations
                .iter()
                .flat_map(|r| r.area_ids.iter().copied()),
        )
        .chain(
            d.rounds
                .iter()
                .flat_map(|r| &r.subjects)
                .filter_map(|s| s.area_id),
        )
        .chain(
            d.successions
                .iter()
                .flat_map(|x| [x.from_area_id, x.to_area_id]),
        );
    for id in refs {
        *uses.entry(id).or_default() += 1;
    }
    uses
}

/// The tree of areas; the guide's chapter when its empty state's link was followed.
fn tree_ui(
    ui: &mut egui::Ui,
    ctx: &mut Ctx<'_>,
    uses: &mut Memo<(), Arc<HashMap<AreaId, usize>>>,
) -> Option<Action> {
    let t = ctx.t();
    let lang = ctx.lang;
    let ro = ctx.read_only();
    if ui
        .add_enabled(!ro, egui::Button::new(t.add_top_area))
        .clicked()
    {
        add_area(ctx, None, AreaKind::Tinh);
    }
    ui.add_space(6.0);
    let dossier = ctx.session.dossier_arc();
    if dossier.areas.is_empty() {
        return super::empty_state(ui, lang, t.areas_empty, "first-project");
    }
    let successions = SuccessionMap::new(&dossier.successions);
    // What refers to each area (a used area cannot be deleted).
    let uses = uses.get(ctx.session.stamp(), (), |_| Arc::new(area_uses(&dossier)));
    let kinds: Vec<(AreaKind, String)> = AreaKind::ALL
        .iter()
        .map(|k| (*k, area_kind_label(*k, lang).to_string()))
        .collect();
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("areas-grid")
                .num_columns(7)
                .striped(true)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    ui.strong(t.f_area_kind);
                    ui.strong(t.f_area_name);
                    ui.strong(t.f_valid_from);
                    ui.strong(t.f_valid_to);
                    ui.strong(t.succ_now_column);
                    ui.label("");
                    ui.label("");
                    ui.end_row();
                    for (depth, area) in tree_order(&dossier.areas) {
                        let id = area.id;
                        let full = area_label(&area, lang);
                        ui.horizontal(|ui| {
                            ui.add_space(depth as f32 * 18.0);
                            if let Some(kind) = combo(
                                ui,
                                Id::unique(("area-kind", id.0)),
                                &format!("{} — {full}", t.f_area_kind),
                                &area.kind,
                                &kinds,
                                130.0,
                                !ro,
                            ) {
                                let mut after = area.clone();
                                after.kind = kind;
                                ctx.apply(Change::update(
                                    ChangeLabel::edit(|t| t.what_area, area.name.clone()),
                                    Record::Area(area.clone()),
                                    Record::Area(after),
                                ));
                            }
                        });
                        type Setter =
                            fn(&mut Area, &str, &crate::i18n::Texts) -> Result<(), String>;
                        let cells: [(&str, &str, String, Setter, f32); 3] = [
                            (
                                "name",
                                t.f_area_name,
                                area.name.clone(),
                                |a, s, t| {
                                    a.name = required(s, t)?;
                                    Ok(())
                                },
                                220.0,
                            ),
                            (
                                "from",
                                t.f_valid_from,
                                year_text(area.valid_from),
                                |a, s, t| {
                                    a.valid_from = parse_year(s, t)?;
                                    Ok(())
                                },
                                60.0,
                            ),
                            (
                                "to",
                                t.f_valid_to,
                                year_text(area.valid_to),
                                |a, s, t| {
                                    a.valid_to = parse_year(s, t)?;
                                    Ok(())
                                },
                                60.0,
                            ),
                        ];
                        for (key, label, stored, set, width) in cells {
                            let session = &mut *ctx.session;
                            let r = ctx.fields.text(
                                ui,
                                Id::unique(("area", id.0, key)),
                                &stored,
                                &format!("{label} — {full}"),
                                FieldOpts::width(width).read_only(ro),
                                |s, done| {
                                    let Some(before) = session.dossier().area(id).cloned() else {
                                        return Ok(());
                                    };
                                    let mut after = before.clone();
                                    set(&mut after, s, t)?;
                                    let change = Change::update(
                                        ChangeLabel::edit(|t| t.what_area, after.name.clone()),
                                        Record::Area(before),
                                        Record::Area(after),
                                    )
                                    .merging(format!("area:{}:{key}", id.0));
                                    apply_from_field(session, lang, change, done)
                                },
                            );
                            if let Some(e) = r.error {
                                r.response.on_hover_text(e);
                            }
                        }
                        now_cell(ui, &dossier, &successions, id, lang);
                        if area.level() != AreaLevel::Commune
                            && ui
                                .add_enabled(!ro, egui::Button::new(t.add_child_area))
                                .clicked()
                        {
                            add_area(ctx, Some(id), child_kind(area.kind));
                        }
                        if area.level() == AreaLevel::Commune {
                            ui.label("");
                        }
                        let used = uses.get(&id).copied().unwrap_or(0);
                        if delete_button(ui, t, &full, used, ro) {
                            ctx.apply(Change::new(
                                ChangeLabel::delete(|t| t.what_area, area.name.clone()),
                                vec![Edit::delete(Record::Area(area.clone()))],
                            ));
                        }
                        ui.end_row();
                    }
                });
        });
    None
}

/// What a former unit became, short, with the whole list on hover.
fn now_cell(
    ui: &mut egui::Ui,
    d: &Dossier,
    map: &SuccessionMap,
    id: AreaId,
    lang: crate::i18n::Lang,
) {
    if !map.is_former(id) {
        ui.label("");
        return;
    }
    let names: Vec<String> = map
        .current_units(id)
        .into_iter()
        .filter_map(|x| d.area(x))
        .map(|a| area_label(a, lang))
        .collect();
    let short = match names.as_slice() {
        [one] => format!("→ {one}"),
        [a, b] => format!("→ {a}, {b}"),
        _ => fill(
            lang.texts().succ_now_many,
            &[("count", &names.len().to_string())],
        ),
    };
    ui.label(short)
        .on_hover_text(fill(lang.texts().succ_now, &[("units", &names.join(", "))]));
}

/// The form for a new succession line, kept between frames.
#[derive(Clone, Default)]
struct NewLine {
    from: Option<AreaId>,
    to: Option<AreaId>,
    date: Option<chrono::NaiveDate>,
    act: String,
}

/// The lines "former unit → new unit": each editable (date, act) and removable, and a form
/// to add one.
fn successions_ui(ui: &mut egui::Ui, ctx: &mut Ctx<'_>, dossier: &Dossier) {
    let t = ctx.t();
    let lang = ctx.lang;
    let ro = ctx.read_only();
    ui.weak(t.succ_help);
    ui.add_space(4.0);
    let name = |id: AreaId| {
        dossier
            .area(id)
            .map(|a| area_label(a, lang))
            .unwrap_or_else(|| id.to_string())
    };
    let map = SuccessionMap::new(&dossier.successions);
    if dossier.successions.is_empty() {
        ui.weak(t.succ_empty);
    } else {
        egui::ScrollArea::vertical()
            .id_salt("succession-scroll")
            .max_height(280.0)
            .show(ui, |ui| {
                egui::Grid::new("succession-grid")
                    .num_columns(5)
                    .striped(true)
                    .spacing([8.0, 4.0])
                    .show(ui, |ui| {
                        ui.strong(t.succ_from);
                        ui.strong(t.succ_to);
                        ui.strong(t.succ_date);
                        ui.strong(t.succ_act);
                        ui.label("");
                        ui.end_row();
                        for x in &dossier.successions {
                            let id = x.id;
                            let line = format!("{} → {}", name(x.from_area_id), name(x.to_area_id));
                            let from = ui.label(name(x.from_area_id));
                            let now: Vec<String> = map
                                .current_units(x.from_area_id)
                                .into_iter()
                                .map(name)
                                .collect();
                            from.on_hover_text(fill(t.succ_now, &[("units", &now.join(", "))]));
                            ui.label(format!("→ {}", name(x.to_area_id)));
                            let session = &mut *ctx.session;
                            let r = crate::ui::fields::date_field(
                                ui,
                                ctx.fields,
                                Id::unique(("succ-date", id.0)),
                                &format!("{} — {line}", t.succ_date),
                                Some(x.date),
                                lang,
                                ro,
                                |date| {
                                    let Some(date) = date else {
                                        return Err(t.succ_date.to_string() + ": " + t.date_hint);
                                    };
                                    update_line(session, lang, id, "date", true, |x| x.date = date)
                                },
                            );
                            if let Some(e) = r.error {
                                r.response.on_hover_text(e);
                            }
                            let session = &mut *ctx.session;
                            let r = ctx.fields.text(
                                ui,
                                Id::unique(("succ-act", id.0)),
                                &x.act,
                                &format!("{} — {line}", t.succ_act),
                                FieldOpts::width(300.0).read_only(ro),
                                |s, done| {
                                    update_line(session, lang, id, "act", done, |x| {
                                        x.act = crate::model::text::clean_line(s)
                                    })
                                },
                            );
                            if let Some(e) = r.error {
                                r.response.on_hover_text(e);
                            }
                            if delete_button(ui, t, &line, 0, ro) {
                                ctx.apply(Change::new(
                                    ChangeLabel::delete(|t| t.what_succession, line.clone()),
                                    vec![Edit::delete(Record::Succession(x.clone()))],
                                ));
                            }
                            ui.end_row();
                        }
                    });
            });
    }
    if ro {
        return;
    }
    ui.add_space(8.0);
    // Keyed by the open project: another project's area ids never fill the form.
    let document = ctx.session.stamp().document;
    let form_id = Id::unique(("succession-new-line", document));
    let mut form: NewLine = ui.data_mut(|d| d.get_temp(form_id).unwrap_or_default());
    let areas: Vec<(Option<AreaId>, String)> = std::iter::once((None, t.succ_pick.to_string()))
        .chain(
            tree_order(&dossier.areas)
                .into_iter()
                .map(|(_, a)| (Some(a.id), area_label(&a, lang))),
        )
        .collect();
    ui.horizontal_wrapped(|ui| {
        if let Some(v) = combo(
            ui,
            Id::unique("succ-new-from"),
            t.succ_from,
            &form.from,
            &areas,
            200.0,
            true,
        ) {
            form.from = v;
        }
        ui.label("→");
        if let Some(v) = combo(
            ui,
            Id::unique("succ-new-to"),
            t.succ_to,
            &form.to,
            &areas,
            200.0,
            true,
        ) {
            form.to = v;
        }
        let r = crate::ui::fields::date_field(
            ui,
            ctx.fields,
            Id::unique(("succ-new-date", document)),
            &format!("{} — {}", t.succ_date, t.succ_add),
            form.date,
            lang,
            false,
            |d| {
                form.date = d;
                Ok(())
            },
        );
        if let Some(e) = r.error {
            r.response.on_hover_text(e);
        }
        let l = ui.label(t.succ_act);
        ui.add(egui::TextEdit::singleline(&mut form.act).desired_width(220.0))
            .labelled_by(l.id);
        let ready = form.from.is_some() && form.to.is_some() && form.date.is_some();
        if ui
            .add_enabled(ready, egui::Button::new(t.succ_add))
            .clicked()
            && let (Some(from), Some(to), Some(date)) = (form.from, form.to, form.date)
        {
            let line = Succession {
                id: SuccessionId(ctx.session.new_id(Table::Successions)),
                from_area_id: from,
                to_area_id: to,
                date,
                act: crate::model::text::clean_line(&form.act),
            };
            let before = ctx.session.dossier().successions.len();
            ctx.apply(Change::new(
                ChangeLabel::add(
                    |t| t.what_succession,
                    format!("{} → {}", name(from), name(to)),
                ),
                vec![Edit::insert(Record::Succession(line))],
            ));
            // Kept for the next line of the same former unit; the new unit is chosen again.
            if ctx.session.dossier().successions.len() > before {
                form.to = None;
            }
        }
    });
    ui.data_mut(|d| d.insert_temp(form_id, form));
}

/// Applies a change to one succession line from its field `key`; typing in one field is one
/// undo step until `done`.
fn update_line(
    session: &mut crate::session::Session,
    lang: crate::i18n::Lang,
    id: SuccessionId,
    key: &str,
    done: bool,
    set: impl FnOnce(&mut Succession),
) -> Result<(), String> {
    let Some(before) = session
        .dossier()
        .successions
        .iter()
        .find(|l| l.id == id)
        .cloned()
    else {
        return Ok(());
    };
    let mut after = before.clone();
    set(&mut after);
    let change = Change::update(
        ChangeLabel::edit(|t| t.what_succession, String::new()),
        Record::Succession(before),
        Record::Succession(after),
    )
    .merging(format!("succession:{}:{key}", id.0));
    apply_from_field(session, lang, change, done)
}

fn add_area(ctx: &mut Ctx<'_>, parent: Option<AreaId>, kind: AreaKind) {
    let t = ctx.t();
    let id = AreaId(ctx.session.new_id(Table::Areas));
    let area = Area {
        id,
        name: t.new_area_name.to_string(),
        kind,
        parent_id: parent,
        valid_from: None,
        valid_to: None,
    };
    ctx.apply(Change::new(
        ChangeLabel::add(|t| t.what_area, ""),
        vec![Edit::insert(Record::Area(area))],
    ));
}
