//! The supervision round: its plan, dates, the projects supervised, the subjects, the
//! delegation and the work sessions.

use super::{Action, Ctx, Screen, apply_from_field, combo, name, required};
use crate::i18n::Lang;
use crate::i18n::labels::*;
use crate::model::*;
use crate::session::{Change, ChangeLabel, Session};
use crate::ui::fields::{FieldOpts, date_field, form_row};
use egui::Id;

#[derive(Default)]
pub struct RoundScreen {
    selected: Option<RoundId>,
}

impl RoundScreen {
    /// Shows round `id` (a search hit in it).
    pub fn select(&mut self, id: RoundId) {
        self.selected = Some(id);
    }
}

fn update_round(
    session: &mut Session,
    lang: Lang,
    id: RoundId,
    key: &str,
    done: bool,
    set: impl FnOnce(&mut Round),
) -> Result<(), String> {
    let Some(before) = session
        .dossier()
        .rounds
        .iter()
        .find(|r| r.id == id)
        .cloned()
    else {
        return Ok(());
    };
    let mut after = before.clone();
    set(&mut after);
    let change = Change::update(
        ChangeLabel::edit(|t| t.what_round, ""),
        Record::Round(before),
        Record::Round(after),
    )
    .merging(format!("round:{}:{key}", id.0));
    apply_from_field(session, lang, change, done)
}

impl RoundScreen {
    fn show(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let d = ctx.session.dossier_arc();
        ui.heading(t.section_round);
        ui.horizontal(|ui| {
            if d.rounds.len() > 1 {
                let choices: Vec<(Option<RoundId>, String)> = d
                    .rounds
                    .iter()
                    .map(|r| (Some(r.id), r.title.clone()))
                    .collect();
                let current = self.selected.or(d.rounds.first().map(|r| r.id));
                if let Some(v) = combo(
                    ui,
                    Id::unique("round-select"),
                    t.section_round,
                    &current,
                    &choices,
                    420.0,
                    true,
                ) {
                    self.selected = v;
                }
            }
            if ui
                .add_enabled(!ro, egui::Button::new(t.add_round))
                .clicked()
            {
                let id = add_round(ctx, &d);
                self.selected = Some(id);
            }
        });
        let Some(round) = self
            .selected
            .and_then(|id| d.rounds.iter().find(|r| r.id == id))
            .or(d.rounds.first())
            .cloned()
        else {
            ui.weak(t.rounds_empty);
            return;
        };
        let rid = round.id;
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                type Setter = fn(&mut Round, &str, &crate::i18n::Texts) -> Result<(), String>;
                let rows: [(&str, &str, String, Setter, bool); 4] = [
                    (
                        "title",
                        t.f_round_title,
                        round.title.clone(),
                        |r, s, t| {
                            r.title = required(s, t)?;
                            Ok(())
                        },
                        false,
                    ),
                    (
                        "plan",
                        t.f_plan_ref,
                        round.plan_ref.clone(),
                        |r, s, _| {
                            r.plan_ref = s.to_string();
                            Ok(())
                        },
                        false,
                    ),
                    (
                        "body",
                        t.f_supervising_body,
                        round.supervising_body.clone(),
                        |r, s, _| {
                            r.supervising_body = s.to_string();
                            Ok(())
                        },
                        false,
                    ),
                    (
                        "notes",
                        t.f_notes,
                        round.notes.clone(),
                        |r, s, _| {
                            r.notes = s.to_string();
                            Ok(())
                        },
                        true,
                    ),
                ];
                for (key, label, stored, set, multiline) in rows {
                    let opts = if multiline {
                        FieldOpts::multiline(3)
                    } else {
                        FieldOpts::default()
                    }
                    .read_only(ro);
                    let session = &mut *ctx.session;
                    form_row(
                        ui,
                        ctx.fields,
                        Id::unique(("round", rid.0, key)),
                        label,
                        &stored,
                        opts,
                        |s, done| {
                            let mut result = Ok(());
                            let r = update_round(session, lang, rid, key, done, |r| {
                                result = set(r, s, t)
                            });
                            result.and(r)
                        },
                    );
                    ui.add_space(4.0);
                }
                ui.horizontal(|ui| {
                    for (key, label, stored) in [
                        ("start", t.f_start_date, round.start_date),
                        ("end", t.f_end_date, round.end_date),
                    ] {
                        ui.label(label);
                        let session = &mut *ctx.session;
                        let r = date_field(
                            ui,
                            ctx.fields,
                            Id::unique(("round", rid.0, key)),
                            label,
                            stored,
                            lang,
                            ro,
                            |date| {
                                update_round(session, lang, rid, key, true, |r| {
                                    if key == "start" {
                                        r.start_date = date;
                                    } else {
                                        r.end_date = date;
                                    }
                                })
                            },
                        );
                        if let Some(e) = r.error {
                            ui.colored_label(ui.visuals().error_fg_color, e);
                        }
                        ui.add_space(16.0);
                    }
                });
                ui.add_space(6.0);
                ui.strong(t.f_projects_supervised);
                ui.horizontal_wrapped(|ui| {
                    for p in &d.projects {
                        let mut on = round.project_ids.contains(&p.id);
                        let label = project_label(p, lang);
                        let r = ui
                            .add_enabled(!ro, egui::Checkbox::new(&mut on, &label))
                            .on_hover_text(&p.name);
                        if r.changed() {
                            let mut after = round.clone();
                            if on {
                                after.project_ids.push(p.id);
                            } else {
                                after.project_ids.retain(|x| *x != p.id);
                            }
                            ctx.apply(Change::update(
                                ChangeLabel::edit(|t| t.what_round, ""),
                                Record::Round(round.clone()),
                                Record::Round(after),
                            ));
                        }
                    }
                });
                ui.add_space(8.0);
                self.subjects_ui(ui, ctx, &d, &round);
                ui.add_space(8.0);
                self.members_ui(ui, ctx, &round);
                ui.add_space(8.0);
                self.sessions_ui(ui, ctx, &round);
            });
    }

    fn subjects_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, d: &Dossier, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let rid = round.id;
        ui.strong(t.subjects);
        let area_choices: Vec<(Option<AreaId>, String)> =
            std::iter::once((None, t.none_option.to_string()))
                .chain(
                    super::areas::tree_order(&d.areas)
                        .into_iter()
                        .map(|(_, a)| (Some(a.id), area_label(&a, lang))),
                )
                .collect();
        let mut pending = Vec::new();
        egui::Grid::new(("subjects", rid.0))
            .num_columns(3)
            .striped(true)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                for (i, s) in round.subjects.iter().enumerate() {
                    let session = &mut *ctx.session;
                    ctx.fields.text(
                        ui,
                        Id::unique(("subject", s.id.0)),
                        &s.body,
                        &format!("{} {}", t.f_body, i + 1),
                        FieldOpts::width(300.0).read_only(ro),
                        |v, done| {
                            let v = required(v, t)?;
                            update_round(
                                session,
                                lang,
                                rid,
                                &format!("subject{}", s.id.0),
                                done,
                                |r| {
                                    if let Some(x) = r.subjects.get_mut(i) {
                                        x.body = v;
                                    }
                                },
                            )
                        },
                    );
                    if let Some(a) = combo(
                        ui,
                        Id::unique(("subject-area", s.id.0)),
                        &format!("{} — {}", t.col_area, s.body),
                        &s.area_id,
                        &area_choices,
                        180.0,
                        !ro,
                    ) {
                        let mut after = round.clone();
                        after.subjects[i].area_id = a;
                        pending.push(after);
                    }
                    let in_use = round.sessions.iter().any(|x| x.subject_id == Some(s.id));
                    if super::delete_button(ui, t, &s.body, usize::from(in_use), ro) {
                        let mut after = round.clone();
                        after.subjects.remove(i);
                        pending.push(after);
                    }
                    ui.end_row();
                }
            });
        if ui
            .add_enabled(!ro, egui::Button::new(t.add_subject))
            .clicked()
        {
            let mut after = round.clone();
            after.subjects.push(Subject {
                id: SubjectId(ctx.session.new_id(Table::Subjects)),
                body: t.new_subject_body.to_string(),
                area_id: None,
            });
            pending.push(after);
        }
        for after in pending {
            ctx.apply(Change::update(
                ChangeLabel::edit(|t| t.what_round, ""),
                Record::Round(round.clone()),
                Record::Round(after),
            ));
        }
    }

    fn members_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let rid = round.id;
        ui.strong(t.members);
        let mut pending = Vec::new();
        egui::Grid::new(("members", rid.0))
            .num_columns(4)
            .striped(true)
            .spacing([8.0, 4.0])
            .show(ui, |ui| {
                ui.label(t.f_person);
                ui.label(t.f_organisation);
                ui.label(t.f_role);
                ui.label("");
                ui.end_row();
                for (i, m) in round.members.iter().enumerate() {
                    type Setter = fn(&mut Member, String);
                    let cells: [(&str, &str, &str, Setter, f32); 3] = [
                        ("person", t.f_person, &m.person, |m, v| m.person = v, 170.0),
                        (
                            "org",
                            t.f_organisation,
                            &m.organisation,
                            |m, v| m.organisation = v,
                            300.0,
                        ),
                        ("role", t.f_role, &m.role, |m, v| m.role = v, 120.0),
                    ];
                    for (key, label, stored, set, width) in cells {
                        let session = &mut *ctx.session;
                        let r = ctx.fields.text(
                            ui,
                            Id::unique(("member", m.id.0, key)),
                            stored,
                            &format!("{label} {}", i + 1),
                            FieldOpts::width(width).read_only(ro),
                            |v, done| {
                                update_round(
                                    session,
                                    lang,
                                    rid,
                                    &format!("member{}{key}", m.id.0),
                                    done,
                                    |r| {
                                        if let Some(x) = r.members.get_mut(i) {
                                            set(x, v.trim().to_string());
                                        }
                                    },
                                )
                            },
                        );
                        if let Some(e) = r.error {
                            r.response.on_hover_text(e);
                        }
                    }
                    let r = ui.add_enabled(!ro, egui::Button::new(t.delete));
                    name(
                        ui,
                        &r,
                        format!("{} — {} {}", t.delete, t.f_organisation, i + 1),
                    );
                    if r.clicked() {
                        let mut after = round.clone();
                        after.members.remove(i);
                        pending.push(after);
                    }
                    ui.end_row();
                }
            });
        if ui
            .add_enabled(!ro, egui::Button::new(t.add_member))
            .clicked()
        {
            let mut after = round.clone();
            after.members.push(Member {
                id: MemberId(ctx.session.new_id(Table::Members)),
                person: String::new(),
                organisation: t.new_member_org.to_string(),
                role: String::new(),
            });
            pending.push(after);
        }
        for after in pending {
            ctx.apply(Change::update(
                ChangeLabel::edit(|t| t.what_round, ""),
                Record::Round(round.clone()),
                Record::Round(after),
            ));
        }
    }

    fn sessions_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let rid = round.id;
        ui.strong(t.sessions);
        let subject_choices: Vec<(Option<SubjectId>, String)> =
            std::iter::once((None, t.none_option.to_string()))
                .chain(round.subjects.iter().map(|s| (Some(s.id), s.body.clone())))
                .collect();
        let mut pending = Vec::new();
        for (i, s) in round.sessions.iter().enumerate() {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(t.f_date);
                    let session = &mut *ctx.session;
                    date_field(
                        ui,
                        ctx.fields,
                        Id::unique(("session-date", s.id.0)),
                        &format!("{} {}", t.f_date, i + 1),
                        Some(s.date),
                        lang,
                        ro,
                        |date| {
                            let Some(date) = date else {
                                return Err(t.err_required.to_string());
                            };
                            update_round(
                                session,
                                lang,
                                rid,
                                &format!("session{}date", s.id.0),
                                true,
                                |r| {
                                    if let Some(x) = r.sessions.get_mut(i) {
                                        x.date = date;
                                    }
                                },
                            )
                        },
                    );
                    ui.label(t.f_subject);
                    if let Some(v) = combo(
                        ui,
                        Id::unique(("session-subject", s.id.0)),
                        &format!("{} {}", t.f_subject, i + 1),
                        &s.subject_id,
                        &subject_choices,
                        220.0,
                        !ro,
                    ) {
                        let mut after = round.clone();
                        after.sessions[i].subject_id = v;
                        pending.push(after);
                    }
                    let r = ui.add_enabled(!ro, egui::Button::new(t.delete));
                    name(ui, &r, format!("{} — {} {}", t.delete, t.sessions, i + 1));
                    if r.clicked() {
                        let mut after = round.clone();
                        after.sessions.remove(i);
                        pending.push(after);
                    }
                });
                type Setter = fn(&mut WorkSession, String);
                let cells: [(&str, &str, &str, Setter); 2] = [
                    ("topics", t.f_topics, &s.topics, |x, v| x.topics = v),
                    ("docs", t.f_documents, &s.documents, |x, v| x.documents = v),
                ];
                for (key, label, stored, set) in cells {
                    let session = &mut *ctx.session;
                    form_row(
                        ui,
                        ctx.fields,
                        Id::unique(("session", s.id.0, key)),
                        &format!("{label} ({} {})", t.sessions.to_lowercase(), i + 1),
                        stored,
                        FieldOpts::multiline(2).read_only(ro),
                        |v, done| {
                            update_round(
                                session,
                                lang,
                                rid,
                                &format!("session{}{key}", s.id.0),
                                done,
                                |r| {
                                    if let Some(x) = r.sessions.get_mut(i) {
                                        set(x, v.to_string());
                                    }
                                },
                            )
                        },
                    );
                }
            });
        }
        if ui
            .add_enabled(!ro, egui::Button::new(t.add_session))
            .clicked()
        {
            let date = round
                .start_date
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            let mut after = round.clone();
            after.sessions.push(WorkSession {
                id: SessionId(ctx.session.new_id(Table::Sessions)),
                date,
                subject_id: None,
                topics: String::new(),
                documents: String::new(),
            });
            pending.push(after);
        }
        for after in pending {
            ctx.apply(Change::update(
                ChangeLabel::edit(|t| t.what_round, ""),
                Record::Round(round.clone()),
                Record::Round(after),
            ));
        }
    }
}

impl Screen for RoundScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        self.show(ui, ctx);
        None
    }
}

/// Adds a new supervision round (a draft, its title to be typed) and returns its id.
pub fn add_round(ctx: &mut Ctx<'_>, d: &Dossier) -> RoundId {
    let t = ctx.t();
    let id = RoundId(ctx.session.new_id(Table::Rounds));
    let r = Round {
        id,
        title: t.new_round_title.to_string(),
        plan_ref: String::new(),
        supervising_body: d.info.supervising_body.clone(),
        project_ids: vec![],
        start_date: None,
        end_date: None,
        subjects: vec![],
        members: vec![],
        sessions: vec![],
        notes: String::new(),
        draft_status: DraftStatus::Draft,
        issued_on: None,
    };
    ctx.apply(Change::new(
        ChangeLabel::add(|t| t.what_round, ""),
        vec![Edit::insert(Record::Round(r))],
    ));
    id
}
