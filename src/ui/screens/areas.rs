//! Areas as a tree by parent: province, its districts, their communes. Identity is the record,
//! so two areas may share a name (the commune "Chi Lăng" and the former district "Chi Lăng").

use super::{
    Ctx, apply_from_field, area_kind_label, area_label, combo, delete_button, parse_year, required,
    year_text,
};
use crate::model::*;
use crate::session::{Change, ChangeLabel};
use crate::ui::fields::FieldOpts;
use egui::Id;

/// Areas in tree order with their depth.
pub fn tree_order(areas: &[Area]) -> Vec<(usize, Area)> {
    let ids: std::collections::HashSet<AreaId> = areas.iter().map(|a| a.id).collect();
    fn walk(all: &[Area], parent: Option<AreaId>, depth: usize, out: &mut Vec<(usize, Area)>) {
        for a in all.iter().filter(|a| a.parent_id == parent) {
            out.push((depth, a.clone()));
            if depth < 6 {
                walk(all, Some(a.id), depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(areas, None, 0, &mut out);
    // Areas whose parent is missing still show, at the top level.
    for a in areas
        .iter()
        .filter(|a| a.parent_id.is_some_and(|p| !ids.contains(&p)))
    {
        out.push((0, a.clone()));
    }
    out
}

fn child_kind(parent: AreaKind) -> AreaKind {
    match parent.level() {
        AreaLevel::Province => AreaKind::Huyen,
        _ => AreaKind::Xa,
    }
}

pub fn ui(ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
    let t = ctx.t();
    let lang = ctx.lang;
    let ro = ctx.read_only();
    ui.heading(t.section_areas);
    if ui
        .add_enabled(!ro, egui::Button::new(t.add_top_area))
        .clicked()
    {
        add_area(ctx, None, AreaKind::Tinh);
    }
    ui.add_space(6.0);
    let dossier = ctx.session.dossier_arc();
    if dossier.areas.is_empty() {
        ui.weak(t.areas_empty);
        return;
    }
    let kinds: Vec<(AreaKind, String)> = AreaKind::ALL
        .iter()
        .map(|k| (*k, area_kind_label(*k, lang).to_string()))
        .collect();
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            egui::Grid::new("areas-grid")
                .num_columns(6)
                .striped(true)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    ui.strong(t.f_area_kind);
                    ui.strong(t.f_area_name);
                    ui.strong(t.f_valid_from);
                    ui.strong(t.f_valid_to);
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
                        let used = dossier
                            .allocations
                            .iter()
                            .filter(|a| a.area_id == id)
                            .count()
                            + dossier
                                .indicator_values
                                .iter()
                                .filter(|v| v.area_id == id)
                                .count()
                            + dossier
                                .areas
                                .iter()
                                .filter(|a| a.parent_id == Some(id))
                                .count()
                            + dossier
                                .conclusions
                                .iter()
                                .filter(|c| c.area_id == Some(id))
                                .count()
                            + dossier
                                .recommendations
                                .iter()
                                .filter(|r| r.area_ids.contains(&id))
                                .count()
                            + dossier
                                .rounds
                                .iter()
                                .flat_map(|r| &r.subjects)
                                .filter(|s| s.area_id == Some(id))
                                .count();
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
