//! The round's header on the drafting screen: its draft status, issuing and unlocking (with
//! the lock log), named versions of all its texts, and the follow-up round.

use super::*;

impl DraftingScreen {
    pub(super) fn header_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        d: &Dossier,
        round: &Round,
    ) {
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
}
