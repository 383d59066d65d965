//! General information of the dossier, and the programs with their projects and sub-projects.

use super::{
    Action, Ctx, Screen, apply_from_field, delete_button, parse_year, required, year_text,
};
use crate::i18n::labels::*;
use crate::model::*;
use crate::session::{Change, ChangeLabel};
use crate::ui::fields::{FieldOpts, form_row};
use egui::Id;

/// The project's general information.
pub struct InfoScreen;

impl Screen for InfoScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| info_ui(ui, ctx));
        None
    }
}

fn info_ui(ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
    let t = ctx.t();
    let lang = ctx.lang;
    let ro = ctx.read_only();
    let info = ctx.session.dossier().info.clone();
    ui.heading(t.section_general);
    ui.add_space(4.0);
    type Setter = fn(&mut DossierInfo, String);
    let rows: [(&str, &str, String, Setter, bool, bool); 4] = [
        (
            "name",
            t.f_dossier_name,
            info.name.clone(),
            |i, v| i.name = v,
            true,
            false,
        ),
        (
            "body",
            t.f_supervising_body,
            info.supervising_body.clone(),
            |i, v| i.supervising_body = v,
            false,
            false,
        ),
        (
            "place",
            t.f_place,
            info.place.clone(),
            |i, v| i.place = v,
            false,
            false,
        ),
        (
            "notes",
            t.f_notes,
            info.notes.clone(),
            |i, v| i.notes = v,
            false,
            true,
        ),
    ];
    for (key, label, stored, set, must, multiline) in rows {
        let opts = if multiline {
            FieldOpts::multiline(4)
        } else {
            FieldOpts::default()
        }
        .read_only(ro);
        let session = &mut *ctx.session;
        form_row(
            ui,
            ctx.fields,
            Id::unique(("info", key)),
            label,
            &stored,
            opts,
            |s, done| {
                let value = if must { required(s, t)? } else { s.to_string() };
                let before = session.dossier().info.clone();
                let mut after = before.clone();
                set(&mut after, value);
                let change = Change::update(
                    ChangeLabel::edit(|t| t.what_dossier, ""),
                    Record::Info(before),
                    Record::Info(after),
                )
                .merging(format!("info:{key}"));
                apply_from_field(session, lang, change, done)
            },
        );
        ui.add_space(6.0);
    }
}

/// The programs and projects supervised.
pub struct ProgramsScreen;

impl Screen for ProgramsScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| programs_ui(ui, ctx));
        None
    }
}

fn programs_ui(ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
    let t = ctx.t();
    let lang = ctx.lang;
    let ro = ctx.read_only();
    ui.heading(t.section_programs);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!ro, egui::Button::new(t.add_program))
            .clicked()
        {
            let id = ProgramId(ctx.session.new_id(Table::Programs));
            let p = Program {
                id,
                name: t.new_program_name.to_string(),
                decision: String::new(),
                from_year: None,
                to_year: None,
            };
            ctx.apply(Change::new(
                ChangeLabel::add(|t| t.what_program, ""),
                vec![Edit::insert(Record::Program(p))],
            ));
        }
        let has_catalogue = ctx
            .session
            .dossier()
            .programs
            .iter()
            .any(|p| p.name == program::GIAM_NGHEO_NAME);
        if !has_catalogue
            && ui
                .add_enabled(!ro, egui::Button::new(t.add_catalogue))
                .clicked()
        {
            let program_id = ProgramId(ctx.session.new_id(Table::Programs));
            let mut edits = vec![Edit::insert(Record::Program(Program {
                id: program_id,
                name: program::GIAM_NGHEO_NAME.to_string(),
                decision: program::GIAM_NGHEO_DECISION.to_string(),
                from_year: Some(2021),
                to_year: Some(2025),
            }))];
            for (code, name) in program::GIAM_NGHEO_PROJECTS {
                let id = ProjectId(ctx.session.new_id(Table::Projects));
                edits.push(Edit::insert(Record::Project(Project {
                    id,
                    program_id,
                    parent_id: None,
                    code: code.to_string(),
                    name: name.to_string(),
                })));
            }
            ctx.apply(Change::new(ChangeLabel::add(|t| t.what_program, ""), edits));
        }
    });
    ui.add_space(6.0);

    let dossier = ctx.session.dossier_arc();
    for program in &dossier.programs {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            let pid = program.id;
            egui::Grid::new(("program-grid", pid.0))
                .num_columns(2)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    type Setter = fn(&mut Program, &str, &crate::i18n::Texts) -> Result<(), String>;
                    let rows: [(&str, &str, String, Setter, f32); 4] = [
                        (
                            "name",
                            t.f_program_name,
                            program.name.clone(),
                            |p, s, t| {
                                p.name = required(s, t)?;
                                Ok(())
                            },
                            520.0,
                        ),
                        (
                            "decision",
                            t.f_decision,
                            program.decision.clone(),
                            |p, s, _| {
                                p.decision = s.to_string();
                                Ok(())
                            },
                            520.0,
                        ),
                        (
                            "from",
                            t.f_from_year,
                            year_text(program.from_year),
                            |p, s, t| {
                                p.from_year = parse_year(s, t)?;
                                Ok(())
                            },
                            70.0,
                        ),
                        (
                            "to",
                            t.f_to_year,
                            year_text(program.to_year),
                            |p, s, t| {
                                p.to_year = parse_year(s, t)?;
                                Ok(())
                            },
                            70.0,
                        ),
                    ];
                    for (key, label, stored, set, width) in rows {
                        ui.label(label);
                        let session = &mut *ctx.session;
                        let r = ctx.fields.text(
                            ui,
                            Id::unique(("program", pid.0, key)),
                            &stored,
                            &format!("{label} — {}", program.name),
                            FieldOpts::width(width).read_only(ro),
                            |s, done| {
                                let Some(before) = session.dossier().program(pid).cloned() else {
                                    return Ok(());
                                };
                                let mut after = before.clone();
                                set(&mut after, s, t)?;
                                let change = Change::update(
                                    ChangeLabel::edit(|t| t.what_program, after.name.clone()),
                                    Record::Program(before),
                                    Record::Program(after),
                                )
                                .merging(format!("program:{}:{key}", pid.0));
                                apply_from_field(session, lang, change, done)
                            },
                        );
                        if let Some(e) = r.error {
                            ui.colored_label(ui.visuals().error_fg_color, e);
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(4.0);
            projects_ui(ui, ctx, &dossier, pid);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!ro, egui::Button::new(t.add_project))
                    .clicked()
                {
                    add_project(ctx, pid, None);
                }
                let used = dossier
                    .projects
                    .iter()
                    .filter(|p| p.program_id == pid)
                    .count();
                if delete_button(ui, t, &program.name, used, ro) {
                    ctx.apply(Change::new(
                        ChangeLabel::delete(|t| t.what_program, program.name.clone()),
                        vec![Edit::delete(Record::Program(program.clone()))],
                    ));
                }
            });
        });
        ui.add_space(8.0);
    }
}

fn add_project(ctx: &mut Ctx<'_>, program_id: ProgramId, parent: Option<&Project>) {
    let t = ctx.t();
    let id = ProjectId(ctx.session.new_id(Table::Projects));
    let code = match parent {
        Some(p) => {
            let n = ctx
                .session
                .dossier()
                .projects
                .iter()
                .filter(|x| x.parent_id == Some(p.id))
                .count()
                + 1;
            format!("{}.{n}", p.code)
        }
        None => String::new(),
    };
    let p = Project {
        id,
        program_id,
        parent_id: parent.map(|p| p.id),
        code,
        name: t.new_project_name.to_string(),
    };
    ctx.apply(Change::new(
        ChangeLabel::add(|t| t.what_project, ""),
        vec![Edit::insert(Record::Project(p))],
    ));
}

/// Projects in tree order: each followed by its sub-projects.
fn tree_order(projects: &[Project], program: ProgramId) -> Vec<(usize, Project)> {
    fn walk(
        all: &[Project],
        parent: Option<ProjectId>,
        program: ProgramId,
        depth: usize,
        out: &mut Vec<(usize, Project)>,
    ) {
        for p in all
            .iter()
            .filter(|p| p.program_id == program && p.parent_id == parent)
        {
            out.push((depth, p.clone()));
            if depth < 8 {
                walk(all, Some(p.id), program, depth + 1, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(projects, None, program, 0, &mut out);
    out
}

fn projects_ui(ui: &mut egui::Ui, ctx: &mut Ctx<'_>, dossier: &Dossier, program_id: ProgramId) {
    let t = ctx.t();
    let lang = ctx.lang;
    let ro = ctx.read_only();
    egui::Grid::new(("projects", program_id.0))
        .num_columns(4)
        .striped(true)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.strong(t.f_code);
            ui.strong(t.f_project_name);
            ui.label("");
            ui.label("");
            ui.end_row();
            for (depth, p) in tree_order(&dossier.projects, program_id) {
                let id = p.id;
                ui.horizontal(|ui| {
                    ui.add_space(depth as f32 * 16.0);
                    let session = &mut *ctx.session;
                    ctx.fields.text(
                        ui,
                        Id::unique(("project", id.0, "code")),
                        &p.code,
                        &format!("{} — {}", t.f_code, p.name),
                        FieldOpts::width(50.0).read_only(ro),
                        |s, done| {
                            edit_project(session, lang, id, done, |p| p.code = s.trim().to_string())
                        },
                    );
                });
                let session = &mut *ctx.session;
                let r = ctx.fields.text(
                    ui,
                    Id::unique(("project", id.0, "name")),
                    &p.name,
                    &format!("{} {}", t.f_project_name, p.code),
                    FieldOpts::width(560.0).read_only(ro),
                    |s, done| {
                        let name = required(s, t)?;
                        edit_project(session, lang, id, done, |p| p.name = name)
                    },
                );
                if let Some(e) = r.error {
                    r.response.on_hover_text(e);
                }
                if ui
                    .add_enabled(!ro, egui::Button::new(t.add_subproject))
                    .clicked()
                {
                    add_project(ctx, program_id, Some(&p));
                }
                let used = dossier
                    .allocations
                    .iter()
                    .filter(|a| a.project_id == id)
                    .count()
                    + dossier
                        .projects
                        .iter()
                        .filter(|x| x.parent_id == Some(id))
                        .count()
                    + dossier
                        .rounds
                        .iter()
                        .filter(|r| r.project_ids.contains(&id))
                        .count();
                let label = project_label(&p, lang);
                if delete_button(ui, t, &label, used, ro) {
                    ctx.apply(Change::new(
                        ChangeLabel::delete(|t| t.what_project, label),
                        vec![Edit::delete(Record::Project(p.clone()))],
                    ));
                }
                ui.end_row();
            }
        });
}

fn edit_project(
    session: &mut crate::session::Session,
    lang: crate::i18n::Lang,
    id: ProjectId,
    done: bool,
    set: impl FnOnce(&mut Project),
) -> Result<(), String> {
    let Some(before) = session.dossier().project(id).cloned() else {
        return Ok(());
    };
    let mut after = before.clone();
    set(&mut after);
    let label = project_label(&after, lang);
    let change = Change::update(
        ChangeLabel::edit(|t| t.what_project, label),
        Record::Project(before),
        Record::Project(after),
    )
    .merging(format!("project:{}", id.0));
    apply_from_field(session, lang, change, done)
}
