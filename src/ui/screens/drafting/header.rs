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
            if ui
                .selectable_label(self.show_check == Some(round.id), t.check_button)
                .clicked()
            {
                self.show_check = if self.show_check == Some(round.id) {
                    None
                } else {
                    Some(round.id)
                };
            }
            let mut next: Option<(DraftStatus, Option<chrono::NaiveDate>)> = None;
            match round.draft_status {
                DraftStatus::Draft => {
                    if ui
                        .add_enabled(!ro, egui::Button::new(t.to_review))
                        .clicked()
                    {
                        // The number check first: with items to look at, asked once.
                        if self.findings(ctx, round.id).is_empty() {
                            next = Some((DraftStatus::Review, None));
                        } else {
                            self.review_confirm = Some(round.id);
                        }
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
                        .add_enabled(
                            !ro && self.issue_form.as_ref().is_none_or(|f| f.round != round.id),
                            egui::Button::new(t.issue_doc),
                        )
                        .clicked()
                    {
                        self.issue_form = Some(IssueForm::new(d, round, ctx.today));
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
        } else if let Some(copy) = d
            .issued_copy(round.id, DocKind::ThongBao)
            .or_else(|| d.issued_copies(round.id).into_iter().next())
        {
            // Unlocked: what was issued stays; issuing again makes a correction.
            ui.weak(fill(
                t.issued_kept,
                &[(
                    "copy",
                    &crate::ui::screens::print::issued_label(copy, ctx.lang),
                )],
            ));
        }
        if self
            .issue_form
            .as_ref()
            .is_some_and(|f| f.round != round.id || round.draft_status != DraftStatus::Review)
        {
            // Begun for another round, or the round moved on: not this one's to issue.
            self.issue_form = None;
        }
        if self
            .review_confirm
            .is_some_and(|r| r != round.id || round.draft_status != DraftStatus::Draft)
        {
            self.review_confirm = None;
        }
        self.check_ui(ui, ctx, round);
        self.issue_form_ui(ui, ctx);
        self.drift_ui(ui, ctx, d, round);
        self.stale_summary_ui(ui, ctx, round);
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
            let change = ctx
                .session
                .unlock_change(round, &reason, &recorder(ctx.user, t), &name);
            ctx.apply(change);
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
                            // Issued with the number check's items open: what they were.
                            LockAction::Issued if !e.reason.is_empty() => format!(
                                "{} — {}",
                                fill(
                                    t.lock_issued_line,
                                    &[("when", &when), ("who", &e.recorded_by)],
                                ),
                                e.reason
                            ),
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

impl IssueForm {
    fn new(d: &Dossier, round: &Round, today: chrono::NaiveDate) -> IssueForm {
        let main = crate::print::settings_for(d, round, DocKind::ThongBao);
        // Issued before (a correction after an unlock): a new number and date, not the old.
        let again = !d.issued_copies(round.id).is_empty();
        IssueForm {
            round: round.id,
            number: if again {
                String::new()
            } else {
                main.number.clone()
            },
            date: crate::ui::fields::format_date(if again {
                today
            } else {
                main.date.unwrap_or(today)
            }),
            signer: main.signer_name.clone(),
            despite_check: false,
            kinds: DocKind::ALL
                .into_iter()
                .filter(|k| *k != DocKind::TheoDoi)
                .map(|k| (k, crate::print::issue::DEFAULT_KINDS.contains(&k)))
                .collect(),
            error: None,
        }
    }
}

impl DraftingScreen {
    /// The issuing form: the notice's number, the date, the signer and the documents stored
    /// as issued. Issuing itself renders off the window's thread (the app's task).
    fn issue_form_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
        let t = ctx.t();
        let Some(round) = self.issue_form.as_ref().map(|f| f.round) else {
            return;
        };
        let findings = self.findings(ctx, round);
        let Some(form) = self.issue_form.as_mut() else {
            return;
        };
        let mut go = false;
        let mut cancel = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(t.issue_form_title);
            // The notice takes the number; without it, the first document chosen.
            let notice = form
                .kinds
                .iter()
                .any(|(k, on)| *on && *k == DocKind::ThongBao);
            egui::Grid::new("issue-form").num_columns(2).show(ui, |ui| {
                let l = ui.label(if notice {
                    t.issue_number
                } else {
                    t.issue_number_other
                });
                ui.add(egui::TextEdit::singleline(&mut form.number).desired_width(120.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(t.issue_date);
                ui.add(
                    egui::TextEdit::singleline(&mut form.date)
                        .hint_text(t.date_hint)
                        .desired_width(120.0),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(t.issue_signer);
                ui.add(egui::TextEdit::singleline(&mut form.signer).desired_width(240.0))
                    .labelled_by(l.id);
                ui.end_row();
            });
            ui.label(t.issue_docs);
            ui.horizontal_wrapped(|ui| {
                for (k, on) in &mut form.kinds {
                    ui.checkbox(on, crate::i18n::doc_label(*k, t));
                }
            });
            if !findings.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    fill(t.check_title, &[("n", &findings.len().to_string())]),
                );
                Self::findings_list(ui, t, &findings);
                ui.checkbox(&mut form.despite_check, t.check_issue_anyway);
            }
            if let Some(e) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                go = ui
                    .add_enabled(!ctx.read_only(), egui::Button::new(t.issue_go))
                    .clicked();
                cancel = ui.button(t.cancel).clicked();
            });
        });
        if cancel {
            self.issue_form = None;
            return;
        }
        if !go {
            return;
        }
        let date = match crate::ui::fields::parse_date(&form.date, t) {
            Ok(Some(d)) => d,
            Ok(None) => {
                form.error = Some(t.issue_date.to_string() + ": " + t.date_hint);
                return;
            }
            Err(e) => {
                form.error = Some(e);
                return;
            }
        };
        let kinds: Vec<DocKind> = form
            .kinds
            .iter()
            .filter(|(_, on)| *on)
            .map(|(k, _)| *k)
            .collect();
        if form.number.trim().is_empty() && kinds.contains(&DocKind::ThongBao) {
            form.error = Some(t.issue_need_number.to_string());
            return;
        }
        if kinds.is_empty() {
            form.error = Some(t.issue_docs.to_string());
            return;
        }
        if !findings.is_empty() && !form.despite_check {
            form.error = Some(t.check_issue_confirm.to_string());
            return;
        }
        self.action = Some(Action::Issue(crate::ui::screens::IssueAsk {
            round: form.round,
            kinds,
            number: form.number.trim().to_string(),
            date,
            signer: form.signer.trim().to_string(),
            check_note: if findings.is_empty() {
                String::new()
            } else {
                crate::analysis::number_check::lock_note(&findings)
            },
        }));
        self.issue_form = None;
    }

    /// The figures the round's issued documents quote that the data now gives otherwise: what
    /// changed since an unlock, each with what the document said and what the data says now.
    fn drift_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, d: &Dossier, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let key = round.id;
        // Counted from the data as the stamp says it is now, not from the frame's older copy.
        let now = ctx.session.dossier_arc();
        let drift = self.drift_cache.get(ctx.session.stamp(), key, |round| {
            std::sync::Arc::new(crate::print::issue::drift(&now, *round))
        });
        if drift.is_empty() {
            return;
        }
        egui::CollapsingHeader::new(
            egui::RichText::new(fill(t.drift_title, &[("n", &drift.len().to_string())]))
                .color(ui.visuals().warn_fg_color),
        )
        .id_salt(("drift", round.id.0))
        .default_open(true)
        .show(ui, |ui| {
            for x in drift.iter() {
                let said = if lang == crate::i18n::Lang::Vi {
                    x.said_vi()
                } else {
                    x.said_en()
                };
                ui.label(format!(
                    "{} — {}: {said}",
                    x.document(lang),
                    x.what(d, lang)
                ));
            }
            ui.weak(t.drift_note);
        });
    }
}
