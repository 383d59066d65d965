//! A recommendation's status changes: the form that records one (with its date, who, how it
//! was checked and why not done), and the history of them.

use super::*;

impl StatusForm {
    /// The entry the form describes, or what is missing, in the user's language. The id is
    /// given by the caller.
    fn build(
        &self,
        r: &Recommendation,
        status: RecommendationStatus,
        financial_amount: Option<Dong>,
        lang: Lang,
    ) -> Result<FollowUpEvent, String> {
        let t = lang.texts();
        let date = match parse_date(&self.date, t) {
            Ok(Some(d)) => d,
            Ok(None) => return Err(format!("{}: {}", t.fu_event_date, t.err_required)),
            Err(e) => return Err(format!("{}: {e}", t.fu_event_date)),
        };
        let user = crate::model::text::clean_line(&self.user);
        if user.is_empty() {
            return Err(format!("{}: {}", t.fu_user, t.err_required));
        }
        let mut e =
            FollowUpEvent::new(EventId(0), r.id, status, date, crate::session::now(), &user);
        e.note = self.note.trim().to_string();
        match status {
            RecommendationStatus::Done => {
                e.method = Some(
                    self.method
                        .ok_or_else(|| format!("{}: {}", t.fu_method, t.err_required))?,
                );
                e.verifier = crate::model::text::clean_line(&self.verifier);
            }
            RecommendationStatus::PartlyDone | RecommendationStatus::NotAccepted => {
                e.reason = Some(
                    self.reason
                        .ok_or_else(|| format!("{}: {}", t.fu_reason, t.err_required))?,
                );
                e.explanation = self.explanation.trim().to_string();
            }
            _ => {}
        }
        if status == RecommendationStatus::PartlyDone {
            let style = lang.number_style();
            match financial_amount {
                Some(total) => {
                    let label = t.fu_part_amount;
                    let done =
                        crate::model::number::parse_money(&self.part, MoneyUnit::Trieu, style)
                            .map_err(|err| format!("{label}: {}", err.message(lang)))?;
                    if done.get() == 0 || done >= total {
                        return Err(format!("{label}: {}", t.fu_part_range));
                    }
                    e.amount_done_dong = Some(done);
                }
                None => {
                    let label = t.fu_part_percent;
                    let p: u8 = self
                        .part
                        .trim()
                        .trim_end_matches('%')
                        .trim()
                        .parse()
                        .map_err(|_| format!("{label}: {}", t.fu_percent_range))?;
                    if !(1..=99).contains(&p) {
                        return Err(format!("{label}: {}", t.fu_percent_range));
                    }
                    e.share_percent = Some(p);
                }
            }
        }
        Ok(e)
    }
}

impl FollowUpScreen {
    /// The recommendation's history, oldest first; nothing in it can be changed.
    pub(super) fn history_ui(
        &self,
        ui: &mut egui::Ui,
        d: &Dossier,
        r: &Recommendation,
        lang: Lang,
    ) {
        let t = lang.texts();
        ui.strong(t.fu_history);
        let history = d.history_of(r.id);
        if history.is_empty() {
            ui.weak(t.fu_no_history);
        }
        for e in history {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.strong(format!(
                    "{} · {}",
                    format_date(e.date),
                    status_label(e.status, t)
                ));
                let mut facts: Vec<String> = Vec::new();
                if let Some(m) = e.method {
                    let mut s = format!("{}: {}", t.fu_method, method_label(m, t));
                    if !e.verifier.is_empty() {
                        s.push_str(&format!(" ({})", e.verifier));
                    }
                    facts.push(s);
                }
                if let Some(p) = e.share_percent {
                    facts.push(format!("{}: {p}%", t.fu_part));
                }
                if let Some(a) = e.amount_done_dong {
                    facts.push(format!(
                        "{}: {} {}",
                        t.fu_part,
                        crate::model::number::format_money(
                            a,
                            MoneyUnit::Trieu,
                            lang.number_style()
                        ),
                        t.unit_trieu
                    ));
                }
                if let Some(reason) = e.reason {
                    facts.push(format!("{}: {}", t.fu_reason, reason_label(reason, t)));
                }
                for f in facts {
                    ui.label(f);
                }
                if !e.explanation.is_empty() {
                    ui.label(format!("{}: {}", t.fu_explanation, e.explanation));
                }
                if !e.note.is_empty() {
                    ui.label(&e.note);
                }
                ui.weak(fill(
                    t.fu_recorded,
                    &[
                        ("who", &e.recorded_by),
                        ("when", &e.recorded_at.format("%d/%m/%Y %H:%M").to_string()),
                    ],
                ));
            });
        }
    }

    /// Appends an entry: the new status, its date and what it needs.
    pub(super) fn status_form_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        r: &Recommendation,
    ) -> Option<Action> {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        ui.add_space(4.0);
        ui.strong(t.fu_update_status);
        let options: Vec<(Option<RecommendationStatus>, String)> =
            std::iter::once((None, t.fu_pick_status.to_string()))
                .chain(
                    RecommendationStatus::ALL
                        .iter()
                        .filter(|s| **s != r.status)
                        // Closing follows a verification.
                        .filter(|s| {
                            **s != RecommendationStatus::Closed
                                || r.status == RecommendationStatus::Done
                        })
                        .map(|s| (Some(*s), status_label(*s, t).to_string())),
                )
                .collect();
        if self.form.status == Some(r.status) {
            self.form.status = None;
        }
        if let Some(s) = combo(
            ui,
            Id::unique("fu-new-status"),
            t.fu_new_status,
            &self.form.status,
            &options,
            260.0,
            !ro,
        ) {
            self.form.status = s;
            self.form.error = None;
        }
        let status = self.form.status?;
        let form = &mut self.form;
        let line = |ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str| {
            let l = ui.label(label);
            ui.add_enabled(
                !ro,
                egui::TextEdit::singleline(value)
                    .desired_width(f32::INFINITY)
                    .hint_text(hint),
            )
            .labelled_by(l.id);
        };
        line(ui, t.fu_event_date, &mut form.date, t.date_hint);
        let financial_amount = (r.kind == RecommendationKind::Financial)
            .then_some(r.amount_dong)
            .flatten();
        if status == RecommendationStatus::Done {
            let methods: Vec<(Option<VerifyMethod>, String)> =
                std::iter::once((None, t.fu_pick_method.to_string()))
                    .chain(
                        VerifyMethod::ALL
                            .iter()
                            .map(|m| (Some(*m), method_label(*m, t).to_string())),
                    )
                    .collect();
            if let Some(m) = combo(
                ui,
                Id::unique("fu-method"),
                t.fu_method,
                &form.method,
                &methods,
                260.0,
                !ro,
            ) {
                form.method = m;
            }
            line(ui, t.fu_verifier, &mut form.verifier, t.fu_verifier_hint);
        }
        if status == RecommendationStatus::PartlyDone {
            let label = if financial_amount.is_some() {
                t.fu_part_amount
            } else {
                t.fu_part_percent
            };
            line(ui, label, &mut form.part, "");
        }
        if matches!(
            status,
            RecommendationStatus::PartlyDone | RecommendationStatus::NotAccepted
        ) {
            let reasons: Vec<(Option<NotDoneReason>, String)> =
                std::iter::once((None, t.fu_pick_reason.to_string()))
                    .chain(
                        NotDoneReason::ALL
                            .iter()
                            .map(|m| (Some(*m), reason_label(*m, t).to_string())),
                    )
                    .collect();
            if let Some(m) = combo(
                ui,
                Id::unique("fu-reason"),
                t.fu_reason,
                &form.reason,
                &reasons,
                260.0,
                !ro,
            ) {
                form.reason = m;
            }
            let l = ui.label(t.fu_explanation);
            ui.add_enabled(
                !ro,
                egui::TextEdit::multiline(&mut form.explanation)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        }
        let l = ui.label(t.fu_note);
        ui.add_enabled(
            !ro,
            egui::TextEdit::multiline(&mut form.note)
                .desired_rows(2)
                .desired_width(f32::INFINITY)
                .hint_text(t.fu_note_hint),
        )
        .labelled_by(l.id);
        line(ui, t.fu_user, &mut form.user, "");
        ui.weak(t.fu_append_only);
        if !ui
            .add_enabled(!ro, egui::Button::new(t.fu_record))
            .clicked()
        {
            if let Some(e) = &form.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            return None;
        }
        let event = match form.build(r, status, financial_amount, lang) {
            Ok(mut e) => {
                e.id = EventId(ctx.session.new_id(Table::Events));
                e
            }
            Err(msg) => {
                form.error = Some(msg);
                return None;
            }
        };
        let mut after = r.clone();
        after.status = status;
        let user = event.recorded_by.clone();
        let before_count = ctx.session.dossier().events.len();
        ctx.apply(Change::new(
            ChangeLabel::edit(|t| t.what_recommendation, status_label(status, t)),
            vec![
                Edit::insert(Record::Event(event)),
                Edit::update(
                    Record::Recommendation(r.clone()),
                    Record::Recommendation(after),
                ),
            ],
        ));
        if ctx.session.dossier().events.len() > before_count {
            let user_kept = std::mem::take(&mut form.user);
            *form = StatusForm {
                user: user_kept,
                ..StatusForm::default()
            };
            Some(Action::RememberUser(user))
        } else {
            None
        }
    }
}
