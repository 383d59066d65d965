//! Drafting the round's conclusions (strengths, shortcomings, causes, overall; per area or
//! general) and recommendations (addressees, areas, deadline, priority, status), with figures
//! inserted from the data, a phrase library, and the history of every text.

use super::{Action, Ctx, Screen, combo, name};
use crate::analysis::figure_phrase;
use crate::i18n::labels::*;
use crate::i18n::{Lang, Texts, fill};
use crate::model::text::{DiffPart, word_diff};
use crate::model::*;
use crate::session::{Change, ChangeLabel, Session};
use crate::ui::fields::{FieldOpts, date_field};
use egui::{Color32, Id};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SideTab {
    #[default]
    Insert,
    Phrases,
    History,
}

/// What a figure for a sentence depends on, besides the data: (area, period, kind), round,
/// unit, language.
type PhraseKey = ((AreaId, Period, AllocationKind), RoundId, MoneyUnit, Lang);

#[derive(Default)]
pub struct DraftingScreen {
    round: Option<RoundId>,
    tab: SideTab,
    /// The text field last worked in: where figures and phrases go, whose history is shown.
    target: Option<(Id, TextTarget)>,
    insert_area: Option<AreaId>,
    insert_period: String,
    insert_kind: AllocationKind,
    /// The figure last worked out for the insert panel, and for what.
    phrase_cache: crate::session::Memo<PhraseKey, Option<String>>,
    other_addressee: std::collections::HashMap<RecommendationId, String>,
    version_name: String,
    compare: (Option<TextVersionId>, Option<TextVersionId>),
    /// A field just added: scrolled into view once.
    reveal: Option<Id>,
    /// A field to give the keyboard back to next frame (after clicking Insert, whose own click
    /// would otherwise take it away in the same frame).
    refocus: Option<Id>,
    /// The round being unlocked and the reason typed so far; `None` while not unlocking.
    unlock_reason: Option<(RoundId, String)>,
    /// The reason field takes the keyboard once, when it appears.
    unlock_focus: bool,
}

/// The name a lock log entry is recorded under.
fn recorder(user: &str, t: &Texts) -> String {
    let user = crate::model::text::clean_line(user);
    if user.is_empty() {
        t.unknown_user.to_string()
    } else {
        user
    }
}

fn target_text(d: &Dossier, target: TextTarget) -> Option<String> {
    match target {
        TextTarget::Conclusion(id) => d
            .conclusions
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.text.clone()),
        TextTarget::Recommendation(id) => d
            .recommendations
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.text.clone()),
    }
}

/// Sets a text from its field; a history entry is kept once the user leaves the field.
fn commit_text(
    session: &mut Session,
    lang: Lang,
    round: RoundId,
    target: TextTarget,
    text: &str,
    done: bool,
) -> Result<(), String> {
    let change = session.text_change(round, target, text, done);
    super::apply_from_field(session, lang, change, done)
}

impl DraftingScreen {
    /// Which round is shown (tests and navigation set it).
    pub fn select_round(&mut self, round: RoundId) {
        self.round = Some(round);
    }

    fn show(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
        let t = ctx.t();
        if let Some(id) = self.refocus.take() {
            ui.ctx().memory_mut(|m| m.request_focus(id));
        }
        let d = ctx.session.dossier_arc();
        let Some(round) = super::round_or_first(&d, self.round) else {
            ui.weak(t.round_none_drafting);
            return;
        };
        self.round = Some(round.id);
        egui::Panel::right("drafting-side")
            .resizable(true)
            .default_size(320.0)
            .min_size(240.0)
            .show(ui, |ui| {
                self.side_ui(ui, ctx, &round);
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.header_ui(ui, ctx, &d, &round);
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.conclusions_ui(ui, ctx, &d, &round);
                    ui.add_space(10.0);
                    self.recommendations_ui(ui, ctx, &d, &round);
                });
        });
    }

    fn header_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, d: &Dossier, round: &Round) {
        let t = ctx.t();
        let ro = ctx.read_only();
        ui.horizontal_wrapped(|ui| {
            if d.rounds.len() > 1 {
                let choices: Vec<(RoundId, String)> =
                    d.rounds.iter().map(|r| (r.id, r.title.clone())).collect();
                if let Some(r) = combo(
                    ui,
                    Id::unique("drafting-round"),
                    t.section_round,
                    &round.id,
                    &choices,
                    360.0,
                    true,
                ) {
                    self.round = Some(r);
                    self.target = None;
                }
            } else {
                ui.strong(&round.title);
            }
        });
        let mut new_version_reason: Option<String> = None;
        ui.horizontal_wrapped(|ui| {
            let status = match round.draft_status {
                DraftStatus::Draft => t.ds_draft.to_string(),
                DraftStatus::Review => t.ds_review.to_string(),
                DraftStatus::Issued => fill(
                    t.ds_issued,
                    &[(
                        "date",
                        &round
                            .issued_on
                            .map(crate::ui::fields::format_date)
                            .unwrap_or_default(),
                    )],
                ),
            };
            ui.label(format!("{}:", t.doc_status));
            ui.strong(status);
            let mut next: Option<(DraftStatus, Option<chrono::NaiveDate>)> = None;
            match round.draft_status {
                DraftStatus::Draft => {
                    if ui
                        .add_enabled(!ro, egui::Button::new(t.to_review))
                        .clicked()
                    {
                        next = Some((DraftStatus::Review, None));
                    }
                }
                DraftStatus::Review => {
                    if ui
                        .add_enabled(!ro, egui::Button::new(t.back_to_draft))
                        .clicked()
                    {
                        next = Some((DraftStatus::Draft, None));
                    }
                    if ui
                        .add_enabled(!ro, egui::Button::new(t.issue_doc))
                        .clicked()
                    {
                        next = Some((DraftStatus::Issued, Some(chrono::Local::now().date_naive())));
                    }
                }
                DraftStatus::Issued => {
                    if self
                        .unlock_reason
                        .as_ref()
                        .is_none_or(|(r, _)| *r != round.id)
                        && ui
                            .add_enabled(!ro, egui::Button::new(t.new_version))
                            .clicked()
                    {
                        self.unlock_reason = Some((round.id, String::new()));
                        self.unlock_focus = true;
                    }
                }
            }
            if let Some((status, issued_on)) = next {
                let mut after = round.clone();
                after.draft_status = status;
                after.issued_on = issued_on.or(if status == DraftStatus::Issued {
                    round.issued_on
                } else {
                    None
                });
                let mut edits = Vec::new();
                if status == DraftStatus::Issued {
                    // Issuing locks the round's texts and figures: the lock log says when.
                    edits.push(Edit::insert(Record::RoundEvent(RoundEvent {
                        id: RoundEventId(ctx.session.new_id(Table::RoundEvents)),
                        round_id: round.id,
                        recorded_at: crate::session::now(),
                        recorded_by: recorder(ctx.user, t),
                        action: LockAction::Issued,
                        reason: String::new(),
                    })));
                }
                edits.push(Edit::update(
                    Record::Round(round.clone()),
                    Record::Round(after),
                ));
                ctx.apply(Change::new(
                    ChangeLabel::edit(|t| t.what_draft_status, ""),
                    edits,
                ));
            }
        });
        if round.draft_status == DraftStatus::Issued {
            ui.colored_label(ui.visuals().warn_fg_color, t.issued_readonly);
        }
        if self
            .unlock_reason
            .as_ref()
            .is_some_and(|(r, _)| *r != round.id)
        {
            // Begun for another round: that reason is not this one's.
            self.unlock_reason = None;
        }
        if let Some((_, reason)) = self.unlock_reason.as_mut() {
            let mut go = false;
            let mut cancel = false;
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(t.unlock_reason);
                let r = ui
                    .add(
                        egui::TextEdit::singleline(reason)
                            .hint_text(t.unlock_reason_hint)
                            .desired_width(360.0),
                    )
                    .labelled_by(l.id);
                if std::mem::take(&mut self.unlock_focus) {
                    r.request_focus();
                }
                let can = !reason.trim().is_empty() && !ro;
                go = ui.add_enabled(can, egui::Button::new(t.unlock)).clicked();
                cancel = ui.button(t.cancel).clicked();
            });
            if cancel || round.draft_status != DraftStatus::Issued {
                self.unlock_reason = None;
            } else if go {
                let reason = crate::model::text::clean_line(reason);
                self.unlock_reason = None;
                new_version_reason = Some(reason);
            }
        }
        if let Some(reason) = new_version_reason {
            // Keep what was issued, record why it is reopened, then reopen it for drafting.
            let name = fill(
                t.issued_snapshot_name,
                &[(
                    "date",
                    &round
                        .issued_on
                        .map(crate::ui::fields::format_date)
                        .unwrap_or_default(),
                )],
            );
            let mut edits = vec![Edit::insert(Record::RoundEvent(RoundEvent {
                id: RoundEventId(ctx.session.new_id(Table::RoundEvents)),
                round_id: round.id,
                recorded_at: crate::session::now(),
                recorded_by: recorder(ctx.user, t),
                action: LockAction::Unlocked,
                reason,
            }))];
            let mut after = round.clone();
            after.draft_status = DraftStatus::Draft;
            edits.push(Edit::update(
                Record::Round(round.clone()),
                Record::Round(after),
            ));
            edits.extend(ctx.session.snapshot_edits(round.id, &name));
            ctx.apply(Change::new(
                ChangeLabel::edit(|t| t.what_draft_status, ""),
                edits,
            ));
        }
        // The lock log: when the notice was issued, when and why it was reopened.
        let log: Vec<&RoundEvent> = d
            .round_events
            .iter()
            .filter(|e| e.round_id == round.id)
            .collect();
        if !log.is_empty() {
            egui::CollapsingHeader::new(fill(t.lock_log, &[("n", &log.len().to_string())]))
                .id_salt(("lock-log", round.id.0))
                .show(ui, |ui| {
                    for e in log {
                        let when = e.recorded_at.format("%d/%m/%Y %H:%M").to_string();
                        let line = match e.action {
                            LockAction::Issued => fill(
                                t.lock_issued_line,
                                &[("when", &when), ("who", &e.recorded_by)],
                            ),
                            LockAction::Unlocked => fill(
                                t.lock_unlocked_line,
                                &[
                                    ("when", &when),
                                    ("who", &e.recorded_by),
                                    ("reason", &e.reason),
                                ],
                            ),
                        };
                        ui.label(line);
                    }
                });
        }
        if round.draft_status == DraftStatus::Issued {
            // Those a later round repeats already are followed there.
            let unfinished: Vec<&Recommendation> = d
                .recommendations
                .iter()
                .filter(|r| r.round_id == round.id && r.status.is_unfinished())
                .filter(|r| !d.recommendations.iter().any(|x| x.repeats == Some(r.id)))
                .collect();
            if !unfinished.is_empty() && !ro {
                let b = ui.button(fill(
                    t.follow_up_round,
                    &[("n", &unfinished.len().to_string())],
                ));
                if b.clicked() {
                    let title = fill(t.follow_up_round_title, &[("title", &round.title)]);
                    let (edits, new_round) =
                        ctx.session.follow_up_round_edits(round, &unfinished, title);
                    ctx.apply(Change::new(ChangeLabel::add(|t| t.what_round, ""), edits));
                    if ctx
                        .session
                        .dossier()
                        .rounds
                        .iter()
                        .any(|r| r.id == new_round)
                    {
                        self.round = Some(new_round);
                        self.target = None;
                    }
                }
            }
        }
        ui.horizontal(|ui| {
            let l = ui.label(t.name_version);
            ui.add(
                egui::TextEdit::singleline(&mut self.version_name)
                    .hint_text(t.version_name_hint)
                    .desired_width(280.0),
            )
            .labelled_by(l.id);
            let can = !ro && !self.version_name.trim().is_empty();
            if ui
                .add_enabled(can, egui::Button::new(t.save_name))
                .clicked()
            {
                let name = self.version_name.trim().to_string();
                let edits = ctx.session.snapshot_edits(round.id, &name);
                ctx.apply(Change::new(
                    ChangeLabel::add(|t| t.what_version, name),
                    edits,
                ));
                self.version_name.clear();
            }
        });
    }

    /// Remembers the field the user is working in (for inserting and for history).
    fn track(&mut self, r: &egui::Response, id: Id, target: TextTarget) {
        if self.reveal == Some(id) {
            r.scroll_to_me(Some(egui::Align::Center));
            self.reveal = None;
        }
        if r.has_focus() || r.gained_focus() || r.clicked() {
            self.target = Some((id, target));
        }
    }

    fn conclusions_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, d: &Dossier, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let locked = ctx.read_only() || round.draft_status == DraftStatus::Issued;
        ui.heading(t.section_conclusions);
        let areas: Vec<(Option<AreaId>, String)> =
            std::iter::once((None, t.general_area.to_string()))
                .chain(
                    super::areas::tree_order(&d.areas)
                        .into_iter()
                        .map(|(_, a)| (Some(a.id), area_label(&a, lang))),
                )
                .collect();
        for kind in ConclusionKind::ALL {
            let kind_label = conclusion_kind_label(kind, t);
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.strong(kind_label);
                let r = ui.add_enabled(!locked, egui::Button::new(t.add_item));
                name(ui, &r, format!("{} — {kind_label}", t.add_item));
                if r.clicked() {
                    let id = ConclusionId(ctx.session.new_id(Table::Conclusions));
                    let position = d
                        .conclusions
                        .iter()
                        .filter(|c| c.round_id == round.id)
                        .map(|c| c.position)
                        .max()
                        .unwrap_or(0)
                        + 1;
                    let c = Conclusion {
                        id,
                        round_id: round.id,
                        area_id: None,
                        kind,
                        text: String::new(),
                        position,
                    };
                    ctx.apply(Change::new(
                        ChangeLabel::add(|t| t.what_conclusion, ""),
                        vec![Edit::insert(Record::Conclusion(c))],
                    ));
                    let fid = Id::unique(("conclusion-text", id.0));
                    self.target = Some((fid, TextTarget::Conclusion(id)));
                    self.reveal = Some(fid);
                    ui.ctx().memory_mut(|m| m.request_focus(fid));
                }
            });
            let items: Vec<&Conclusion> = d
                .conclusions
                .iter()
                .filter(|c| c.round_id == round.id && c.kind == kind)
                .collect();
            for (i, c) in items.into_iter().enumerate() {
                let label = format!("{kind_label} {}", i + 1);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        if let Some(a) = combo(
                            ui,
                            Id::unique(("conclusion-area", c.id.0)),
                            &format!("{} — {label}", t.col_area),
                            &c.area_id,
                            &areas,
                            220.0,
                            !locked,
                        ) {
                            let mut after = c.clone();
                            after.area_id = a;
                            ctx.apply(Change::update(
                                ChangeLabel::edit(|t| t.what_conclusion, ""),
                                Record::Conclusion(c.clone()),
                                Record::Conclusion(after),
                            ));
                        }
                        let r = ui.add_enabled(!locked, egui::Button::new(t.delete));
                        name(ui, &r, format!("{} — {label}", t.delete));
                        if r.clicked() {
                            ctx.apply(Change::new(
                                ChangeLabel::delete(|t| t.what_conclusion, ""),
                                vec![Edit::delete(Record::Conclusion(c.clone()))],
                            ));
                        }
                    });
                    let fid = Id::unique(("conclusion-text", c.id.0));
                    let target = TextTarget::Conclusion(c.id);
                    let session = &mut *ctx.session;
                    let rid = round.id;
                    let r = ctx.fields.text(
                        ui,
                        fid,
                        &c.text,
                        &label,
                        FieldOpts::multiline(2).read_only(locked),
                        |s, done| commit_text(session, lang, rid, target, s, done),
                    );
                    if let Some(e) = &r.error {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    self.track(&r.response, fid, target);
                });
            }
        }
    }

    fn recommendations_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        d: &Dossier,
        round: &Round,
    ) {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let locked = ro || round.draft_status == DraftStatus::Issued;
        ui.horizontal(|ui| {
            ui.heading(t.section_recommendations);
            if ui
                .add_enabled(!locked, egui::Button::new(t.add_recommendation))
                .clicked()
            {
                let id = RecommendationId(ctx.session.new_id(Table::Recommendations));
                let position = d
                    .recommendations
                    .iter()
                    .filter(|r| r.round_id == round.id)
                    .map(|r| r.position)
                    .max()
                    .unwrap_or(0)
                    + 1;
                let addressees: Vec<String> = round
                    .subjects
                    .first()
                    .map(|s| vec![s.body.clone()])
                    .unwrap_or_else(|| vec![t.new_subject_body.to_string()]);
                let rec = Recommendation {
                    id,
                    round_id: round.id,
                    text: String::new(),
                    area_ids: round
                        .subjects
                        .first()
                        .and_then(|s| s.area_id)
                        .into_iter()
                        .collect(),
                    addressees,
                    deadline: None,
                    status: RecommendationStatus::Open,
                    priority: Priority::Normal,
                    position,
                    responses: vec![],
                    kind: RecommendationKind::Other,
                    amount_dong: None,
                    repeats: None,
                };
                ctx.apply(Change::new(
                    ChangeLabel::add(|t| t.what_recommendation, ""),
                    vec![Edit::insert(Record::Recommendation(rec))],
                ));
                let fid = Id::unique(("recommendation-text", id.0));
                self.target = Some((fid, TextTarget::Recommendation(id)));
                self.reveal = Some(fid);
                ui.ctx().memory_mut(|m| m.request_focus(fid));
            }
        });
        let recs: Vec<&Recommendation> = d
            .recommendations
            .iter()
            .filter(|r| r.round_id == round.id)
            .collect();
        let subject_bodies: Vec<String> = round.subjects.iter().map(|s| s.body.clone()).collect();
        for (i, rec) in recs.into_iter().enumerate() {
            let heading = format!("{} {}", t.what_recommendation_cap, i + 1);
            let label = fill(t.recommendation_text_label, &[("n", &(i + 1).to_string())]);
            let mut pending: Option<Recommendation> = None;
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let fid = Id::unique(("recommendation-text", rec.id.0));
                let target = TextTarget::Recommendation(rec.id);
                ui.strong(&heading);
                let session = &mut *ctx.session;
                let rid = round.id;
                let r = ctx.fields.text(
                    ui,
                    fid,
                    &rec.text,
                    &label,
                    FieldOpts::multiline(2).read_only(locked),
                    |s, done| commit_text(session, lang, rid, target, s, done),
                );
                if let Some(e) = &r.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
                self.track(&r.response, fid, target);

                // Addressees: chips, a pick from the round's subjects, or a typed body.
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{}:", t.addressees));
                    for (j, a) in rec.addressees.iter().enumerate() {
                        ui.label(egui::RichText::new(a).strong());
                        let only_one = rec.addressees.len() == 1;
                        let b =
                            ui.add_enabled(!locked && !only_one, egui::Button::new("×").small());
                        name(ui, &b, format!("{} — {a} — {label}", t.remove));
                        if b.on_hover_text(t.remove).clicked() {
                            let mut after = rec.clone();
                            after.addressees.remove(j);
                            pending = Some(after);
                        }
                    }
                    let available: Vec<(Option<String>, String)> =
                        std::iter::once((None, t.add_from_subjects.to_string()))
                            .chain(
                                subject_bodies
                                    .iter()
                                    .filter(|b| !rec.addressees.contains(b))
                                    .map(|b| (Some(b.clone()), b.clone())),
                            )
                            .collect();
                    if !locked
                        && available.len() > 1
                        && let Some(Some(body)) = combo(
                            ui,
                            Id::unique(("rec-add-subject", rec.id.0)),
                            &format!("{} — {label}", t.add_from_subjects),
                            &None,
                            &available,
                            220.0,
                            true,
                        )
                    {
                        let mut after = rec.clone();
                        after.addressees.push(body);
                        pending = Some(after);
                    }
                    if !locked {
                        let buf = self.other_addressee.entry(rec.id).or_default();
                        let resp = ui.add(
                            egui::TextEdit::singleline(buf)
                                .hint_text(t.other_addressee)
                                .desired_width(220.0),
                        );
                        name(ui, &resp, format!("{} — {label}", t.other_addressee));
                        if resp.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                            let body = crate::model::text::clean_line(buf);
                            if !body.is_empty() && !rec.addressees.contains(&body) {
                                let mut after = rec.clone();
                                after.addressees.push(body);
                                pending = Some(after);
                            }
                            buf.clear();
                        }
                    }
                });
                // Related areas.
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!("{}:", t.related_areas));
                    for (_, a) in super::areas::tree_order(&d.areas)
                        .into_iter()
                        .filter(|(_, a)| a.level() != AreaLevel::Province)
                    {
                        let mut on = rec.area_ids.contains(&a.id);
                        let r = ui.add_enabled(
                            !locked,
                            egui::Checkbox::new(&mut on, area_label(&a, lang)),
                        );
                        name(ui, &r, format!("{} — {label}", area_label(&a, lang)));
                        if r.changed() {
                            let mut after = rec.clone();
                            if on {
                                after.area_ids.push(a.id);
                            } else {
                                after.area_ids.retain(|x| *x != a.id);
                            }
                            pending = Some(after);
                        }
                    }
                });
                // A recommendation made again at a later supervision: linked to the earlier one,
                // so the follow-up counts it as repeated.
                let earlier: Vec<(Option<RecommendationId>, String)> =
                    std::iter::once((None, t.repeats_none.to_string()))
                        .chain(
                            d.recommendations
                                .iter()
                                .filter(|x| x.round_id != round.id && x.repeats != Some(rec.id))
                                .map(|x| {
                                    let n = d
                                        .rounds
                                        .iter()
                                        .position(|r| r.id == x.round_id)
                                        .map_or(0, |i| i + 1);
                                    let short: String = x.text.chars().take(60).collect();
                                    (Some(x.id), format!("{} {n}: {short}", t.col_round))
                                }),
                        )
                        .collect();
                if earlier.len() > 1 || rec.repeats.is_some() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(t.repeats_label);
                        if let Some(v) = combo(
                            ui,
                            Id::unique(("rec-repeats", rec.id.0)),
                            &format!("{} — {label}", t.repeats_label),
                            &rec.repeats,
                            &earlier,
                            420.0,
                            !locked,
                        ) {
                            let mut after = rec.clone();
                            after.repeats = v;
                            pending = Some(after);
                        }
                    });
                }
                ui.horizontal_wrapped(|ui| {
                    ui.label(t.rec_kind);
                    let kinds: Vec<(RecommendationKind, String)> = RecommendationKind::ALL
                        .iter()
                        .map(|k| (*k, recommendation_kind_label(*k, t).to_string()))
                        .collect();
                    if let Some(k) = combo(
                        ui,
                        Id::unique(("rec-kind", rec.id.0)),
                        &format!("{} — {label}", t.rec_kind),
                        &rec.kind,
                        &kinds,
                        200.0,
                        !locked,
                    ) {
                        let mut after = rec.clone();
                        after.kind = k;
                        if k != RecommendationKind::Financial {
                            after.amount_dong = None;
                        }
                        pending = Some(after);
                    }
                    if rec.kind == RecommendationKind::Financial {
                        let amount_label = format!("{} ({})", t.rec_amount, t.unit_trieu);
                        let l = ui.label(&amount_label);
                        let style = lang.number_style();
                        let stored = rec
                            .amount_dong
                            .map(|a| crate::model::number::format_money(a, MoneyUnit::Trieu, style))
                            .unwrap_or_default();
                        let session = &mut *ctx.session;
                        let rec_for_amount = rec.clone();
                        let r = ctx.fields.text(
                            ui,
                            Id::unique(("rec-amount", rec.id.0)),
                            &stored,
                            &format!("{amount_label} — {label}"),
                            FieldOpts::width(120.0).hint(t.no_amount).read_only(locked),
                            |text, _| {
                                let amount = if text.trim().is_empty() {
                                    None
                                } else {
                                    Some(
                                        crate::model::number::parse_money(
                                            text,
                                            MoneyUnit::Trieu,
                                            style,
                                        )
                                        .map_err(|e| e.message(lang))?,
                                    )
                                };
                                let mut after = rec_for_amount.clone();
                                after.amount_dong = amount;
                                session
                                    .apply(Change::update(
                                        ChangeLabel::edit(|t| t.what_recommendation, ""),
                                        Record::Recommendation(rec_for_amount.clone()),
                                        Record::Recommendation(after),
                                    ))
                                    .map_err(|e| e.message(lang))
                            },
                        );
                        r.response.labelled_by(l.id);
                        if let Some(e) = r.error {
                            ui.colored_label(ui.visuals().error_fg_color, e);
                        }
                    }
                });
                ui.horizontal_wrapped(|ui| {
                    ui.label(t.deadline);
                    let session = &mut *ctx.session;
                    let rec_for_date = rec.clone();
                    let dr = date_field(
                        ui,
                        ctx.fields,
                        Id::unique(("rec-deadline", rec.id.0)),
                        &format!("{} — {label}", t.deadline),
                        rec.deadline,
                        lang,
                        locked,
                        |date| {
                            let mut after = rec_for_date.clone();
                            after.deadline = date;
                            session
                                .apply(Change::update(
                                    ChangeLabel::edit(|t| t.what_recommendation, ""),
                                    Record::Recommendation(rec_for_date.clone()),
                                    Record::Recommendation(after),
                                ))
                                .map_err(|e| e.message(lang))
                        },
                    );
                    if let Some(e) = dr.error {
                        ui.colored_label(ui.visuals().error_fg_color, e);
                    }
                    ui.label(t.priority);
                    let priorities: Vec<(Priority, String)> = Priority::ALL
                        .iter()
                        .map(|p| (*p, priority_label(*p, t).to_string()))
                        .collect();
                    if let Some(p) = combo(
                        ui,
                        Id::unique(("rec-priority", rec.id.0)),
                        &format!("{} — {label}", t.priority),
                        &rec.priority,
                        &priorities,
                        120.0,
                        !locked,
                    ) {
                        let mut after = rec.clone();
                        after.priority = p;
                        pending = Some(after);
                    }
                    // The status moves on the follow-up board, where each change is kept in
                    // the recommendation's history.
                    ui.label(format!("{}: {}", t.status, status_label(rec.status, t)));
                    // One with a follow-up history, or repeated by a later round, stays.
                    let kept = d.events.iter().any(|e| e.recommendation_id == rec.id)
                        || d.recommendations.iter().any(|x| x.repeats == Some(rec.id));
                    let r = ui.add_enabled(!locked && !kept, egui::Button::new(t.delete));
                    name(ui, &r, format!("{} — {label}", t.delete));
                    if r.clicked() {
                        ctx.apply(Change::new(
                            ChangeLabel::delete(|t| t.what_recommendation, ""),
                            vec![Edit::delete(Record::Recommendation(rec.clone()))],
                        ));
                    }
                });
            });
            if let Some(after) = pending {
                ctx.apply(Change::update(
                    ChangeLabel::edit(|t| t.what_recommendation, ""),
                    Record::Recommendation(rec.clone()),
                    Record::Recommendation(after),
                ));
            }
            ui.add_space(4.0);
        }
    }

    fn side_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        ui.horizontal(|ui| {
            for (tab, label) in [
                (SideTab::Insert, t.tab_insert),
                (SideTab::Phrases, t.tab_phrases),
                (SideTab::History, t.tab_history),
            ] {
                if ui.selectable_label(self.tab == tab, label).clicked() {
                    self.tab = tab;
                }
            }
        });
        ui.separator();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match self.tab {
                SideTab::Insert => self.insert_ui(ui, ctx, round),
                SideTab::Phrases => self.phrases_ui(ui, ctx, round),
                SideTab::History => self.history_ui(ui, ctx, round),
            });
    }

    /// Where an insertion would go, if the round may still be edited.
    fn insert_target(&self, ctx: &Ctx<'_>, round: &Round) -> Option<(Id, TextTarget)> {
        if ctx.read_only() || round.draft_status == DraftStatus::Issued {
            return None;
        }
        self.target
    }

    fn insert_text(&mut self, ui: &egui::Ui, ctx: &mut Ctx<'_>, round: &Round, text: &str) {
        let Some((fid, target)) = self.insert_target(ctx, round) else {
            return;
        };
        let d = ctx.session.dossier_arc();
        let Some(stored) = target_text(&d, target) else {
            return;
        };
        let joined = ctx.fields.insert_at_cursor(ui.ctx(), fid, &stored, text);
        if let Err(e) = commit_text(ctx.session, ctx.lang, round.id, target, &joined, true) {
            ctx.toasts.error(ctx.t().error_change, e);
        }
        self.refocus = Some(fid);
        ui.ctx().request_repaint();
    }

    fn insert_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let d = ctx.session.dossier_arc();
        ui.label(t.insert_explain);
        let areas: Vec<(Option<AreaId>, String)> = super::areas::tree_order(&d.areas)
            .into_iter()
            .map(|(_, a)| (Some(a.id), area_label(&a, lang)))
            .collect();
        if self.insert_area.is_none() {
            self.insert_area = round
                .subjects
                .iter()
                .find_map(|s| s.area_id)
                .or(areas.first().and_then(|a| a.0));
        }
        if self.insert_period.is_empty()
            && let Some(p) = d.allocations.iter().map(|a| a.period).max()
        {
            self.insert_period = p.to_string();
        }
        egui::Grid::new("insert-figure")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label(t.col_area);
                if let Some(a) = combo(
                    ui,
                    Id::unique("insert-area"),
                    t.col_area,
                    &self.insert_area,
                    &areas,
                    180.0,
                    true,
                ) {
                    self.insert_area = a;
                }
                ui.end_row();
                let l = ui.label(t.col_period);
                ui.add(egui::TextEdit::singleline(&mut self.insert_period).desired_width(100.0))
                    .labelled_by(l.id);
                ui.end_row();
                ui.label(t.col_kind);
                let kinds: Vec<(AllocationKind, String)> = AllocationKind::ALL
                    .iter()
                    .map(|k| (*k, allocation_kind_label(*k, lang).to_string()))
                    .collect();
                if let Some(k) = combo(
                    ui,
                    Id::unique("insert-kind"),
                    t.col_kind,
                    &self.insert_kind,
                    &kinds,
                    180.0,
                    true,
                ) {
                    self.insert_kind = k;
                }
                ui.end_row();
            });
        // The figure as this round saw it; worked out once per data and choice, not per frame.
        let phrase = match (self.insert_area, Period::parse(&self.insert_period)) {
            (Some(area), Ok(period)) => {
                let key = ((area, period, self.insert_kind), round.id, ctx.unit, lang);
                self.phrase_cache
                    .get(ctx.session.stamp(), key, |&(figure, round, unit, lang)| {
                        figure_phrase(
                            &d,
                            figure,
                            crate::analysis::RoundView::AsOf(round),
                            unit,
                            lang,
                        )
                        .ok()
                        .flatten()
                    })
            }
            _ => None,
        };
        match &phrase {
            Some(p) => {
                ui.label(fill(t.insert_preview, &[("text", p)]));
            }
            None => {
                ui.weak(t.no_figure);
            }
        }
        let target = self.insert_target(ctx, round);
        if target.is_none() {
            ui.weak(t.insert_target_none);
        }
        if ui
            .add_enabled(
                target.is_some() && phrase.is_some(),
                egui::Button::new(t.insert_button),
            )
            .clicked()
            && let Some(p) = phrase
        {
            self.insert_text(ui, ctx, round, &p);
        }
    }

    fn phrases_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let d = ctx.session.dossier_arc();
        let can_insert = self.insert_target(ctx, round).is_some();
        if !can_insert {
            ui.weak(t.insert_target_none);
        }
        if ui
            .add_enabled(!ro, egui::Button::new(t.add_phrase))
            .clicked()
        {
            let id = PhraseId(ctx.session.new_id(Table::Phrases));
            let position = d.phrases.iter().map(|p| p.position).max().unwrap_or(0) + 1;
            ctx.apply(Change::new(
                ChangeLabel::add(|t| t.what_phrase, ""),
                vec![Edit::insert(Record::Phrase(Phrase {
                    id,
                    text: t.new_phrase.to_string(),
                    position,
                }))],
            ));
        }
        let mut insert: Option<String> = None;
        for (i, p) in d.phrases.iter().enumerate() {
            let label = format!("{} {}", t.tab_phrases, i + 1);
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                let session = &mut *ctx.session;
                let pid = p.id;
                ctx.fields.text(
                    ui,
                    Id::unique(("phrase", p.id.0)),
                    &p.text,
                    &label,
                    FieldOpts::multiline(2).read_only(ro),
                    |s, done| {
                        let s = super::required(s, lang.texts())?;
                        let Some(before) = session
                            .dossier()
                            .phrases
                            .iter()
                            .find(|x| x.id == pid)
                            .cloned()
                        else {
                            return Ok(());
                        };
                        let mut after = before.clone();
                        after.text = s;
                        let change = Change::update(
                            ChangeLabel::edit(|t| t.what_phrase, ""),
                            Record::Phrase(before),
                            Record::Phrase(after),
                        )
                        .merging(format!("phrase:{}", pid.0));
                        super::apply_from_field(session, lang, change, done)
                    },
                );
                ui.horizontal(|ui| {
                    let r = ui.add_enabled(can_insert, egui::Button::new(t.insert));
                    name(ui, &r, format!("{} — {label}", t.insert));
                    if r.clicked() {
                        insert = Some(p.text.clone());
                    }
                    let r = ui.add_enabled(!ro, egui::Button::new(t.delete));
                    name(ui, &r, format!("{} — {label}", t.delete));
                    if r.clicked() {
                        ctx.apply(Change::new(
                            ChangeLabel::delete(|t| t.what_phrase, ""),
                            vec![Edit::delete(Record::Phrase(p.clone()))],
                        ));
                    }
                });
            });
        }
        if let Some(text) = insert {
            // A phrase goes in as its own sentence.
            self.insert_text(ui, ctx, round, &format!(" {text}"));
        }
    }

    fn history_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        let d = ctx.session.dossier_arc();
        let Some((_, target)) = self.target else {
            ui.weak(t.history_pick_text);
            return;
        };
        let current = target_text(&d, target).unwrap_or_default();
        let versions = d.versions_of(target);
        if versions.is_empty() {
            ui.weak(t.history_none);
            return;
        }
        ui.weak(t.compare_hint);
        let locked = ctx.read_only() || round.draft_status == DraftStatus::Issued;
        let mut restore: Option<String> = None;
        for v in versions.iter().rev() {
            ui.horizontal_wrapped(|ui| {
                let when = v.saved_at.format("%d/%m/%Y %H:%M").to_string();
                let name_text = if v.name.is_empty() {
                    t.history_auto.to_string()
                } else {
                    v.name.clone()
                };
                let mut a = self.compare.0 == Some(v.id);
                let ra = ui.checkbox(&mut a, "A");
                name(ui, &ra, format!("A — {when} {name_text}"));
                if ra.changed() {
                    self.compare.0 = a.then_some(v.id);
                }
                let mut b = self.compare.1 == Some(v.id);
                let rb = ui.checkbox(&mut b, "B");
                name(ui, &rb, format!("B — {when} {name_text}"));
                if rb.changed() {
                    self.compare.1 = b.then_some(v.id);
                }
                ui.label(format!("{when} · {name_text}"));
                let r = ui.add_enabled(!locked && v.text != current, egui::Button::new(t.restore));
                name(ui, &r, format!("{} — {when} {name_text}", t.restore));
                if r.clicked() {
                    restore = Some(v.text.clone());
                }
            });
        }
        if let Some(text) = restore {
            if let Err(e) = commit_text(ctx.session, ctx.lang, round.id, target, &text, true) {
                ctx.toasts.error(t.error_change, e);
            }
            ctx.fields.clear();
        }
        // Side by side: A on the left, B (or the current text) on the right.
        let pick = |id: Option<TextVersionId>| {
            id.and_then(|id| versions.iter().find(|v| v.id == id))
                .map(|v| v.text.clone())
        };
        if let Some(old) = pick(self.compare.0) {
            let new = pick(self.compare.1).unwrap_or_else(|| current.clone());
            ui.separator();
            ui.strong(t.compare);
            let parts = word_diff(&old, &new);
            ui.columns(2, |cols| {
                cols[0].label(egui::RichText::new("A").strong());
                diff_label(&mut cols[0], &parts, false);
                cols[1].label(
                    egui::RichText::new(if self.compare.1.is_some() {
                        "B"
                    } else {
                        t.current_text
                    })
                    .strong(),
                );
                diff_label(&mut cols[1], &parts, true);
            });
        }
    }
}

/// One side of a comparison: removed words in red (old side), added in green (new side).
fn diff_label(ui: &mut egui::Ui, parts: &[(DiffPart, String)], new_side: bool) {
    let mut job = egui::text::LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let normal = ui.visuals().text_color();
    for (part, text) in parts {
        let (show, bg) = match (part, new_side) {
            (DiffPart::Same, _) => (true, Color32::TRANSPARENT),
            (DiffPart::Removed, false) => (true, Color32::from_rgba_unmultiplied(220, 60, 60, 90)),
            (DiffPart::Added, true) => (true, Color32::from_rgba_unmultiplied(60, 180, 90, 90)),
            _ => (false, Color32::TRANSPARENT),
        };
        if show {
            job.append(
                text,
                0.0,
                egui::TextFormat {
                    font_id: font.clone(),
                    color: normal,
                    background: bg,
                    strikethrough: if *part == DiffPart::Removed {
                        egui::Stroke::new(1.0, normal)
                    } else {
                        egui::Stroke::NONE
                    },
                    ..Default::default()
                },
            );
        }
    }
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

impl Screen for DraftingScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        self.show(ui, ctx);
        None
    }
}
