//! The evidence files of a recommendation: listed, opened, saved, attached.

use super::*;

impl FollowUpScreen {
    /// The files kept as evidence with the recommendation, and attaching another.
    pub(super) fn evidence_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        d: &Dossier,
        r: &Recommendation,
        today: NaiveDate,
    ) -> Option<Action> {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let mut action = None;
        ui.strong(t.fu_evidence);
        let files: Vec<&Attachment> = d
            .attachments
            .iter()
            .filter(|a| a.recommendation_id == r.id)
            .collect();
        if files.is_empty() {
            ui.weak(t.fu_no_evidence);
        }
        for a in files {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(egui::RichText::new(&a.name).strong());
                let mut facts = vec![crate::model::number::format_size(
                    a.size,
                    lang.number_style(),
                )];
                if let Some(x) = a.received_on {
                    facts.push(fill(t.fu_received, &[("date", &format_date(x))]));
                }
                if let Some(x) = a.document_date {
                    facts.push(fill(t.fu_dated, &[("date", &format_date(x))]));
                }
                ui.label(facts.join(" · "));
                if let Some(e) = a
                    .event_id
                    .and_then(|id| d.events.iter().find(|e| e.id == id))
                {
                    ui.weak(format!(
                        "{}: {} · {}",
                        t.fu_attach_to,
                        format_date(e.date),
                        status_label(e.status, t)
                    ));
                }
                if let Some(x) = a
                    .response_id
                    .and_then(|id| r.responses.iter().find(|x| x.id == id))
                {
                    ui.weak(format!(
                        "{}: {} {}",
                        t.fu_attach_to,
                        t.response,
                        format_date(x.date)
                    ));
                }
                ui.weak(format!("SHA-256 {}…", &a.sha256[..a.sha256.len().min(16)]));
                ui.horizontal(|ui| {
                    let b = ui.button(t.fu_open_file);
                    name(ui, &b, format!("{} — {}", t.fu_open_file, a.name));
                    if b.clicked() {
                        action = Some(Action::OpenAttachment(a.clone()));
                    }
                    let b = ui.button(t.fu_save_copy);
                    name(ui, &b, format!("{} — {}", t.fu_save_copy, a.name));
                    if b.clicked() {
                        action = Some(Action::SaveAttachment(a.clone()));
                    }
                });
            });
        }
        if ro {
            return action;
        }
        let form = &mut self.attach;
        if form.received.is_empty() {
            form.received = format_date(today);
        }
        let mut to_options: Vec<(AttachTo, String)> =
            vec![(AttachTo::Whole, t.fu_attach_none.to_string())];
        for e in d.history_of(r.id).into_iter().rev() {
            to_options.push((
                AttachTo::Event(e.id),
                format!("{} · {}", format_date(e.date), status_label(e.status, t)),
            ));
        }
        for x in &r.responses {
            to_options.push((
                AttachTo::Response(x.id),
                format!("{} {}", t.response, format_date(x.date)),
            ));
        }
        if !to_options.iter().any(|(v, _)| *v == form.to) {
            form.to = AttachTo::Whole;
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(t.fu_attach_to);
            if let Some(v) = combo(
                ui,
                Id::unique("fu-attach-to"),
                t.fu_attach_to,
                &form.to,
                &to_options,
                220.0,
                true,
            ) {
                form.to = v;
            }
        });
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(t.fu_received_on);
            ui.add(
                egui::TextEdit::singleline(&mut form.received)
                    .desired_width(100.0)
                    .hint_text(t.date_hint),
            )
            .labelled_by(l.id);
            let l = ui.label(t.fu_document_date);
            ui.add(
                egui::TextEdit::singleline(&mut form.dated)
                    .desired_width(100.0)
                    .hint_text(t.date_hint),
            )
            .labelled_by(l.id);
        });
        ui.weak(t.fu_attach_limit);
        if ui.button(t.fu_attach).clicked() {
            let received =
                parse_date(&form.received, t).map_err(|e| format!("{}: {e}", t.fu_received_on));
            let dated =
                parse_date(&form.dated, t).map_err(|e| format!("{}: {e}", t.fu_document_date));
            match (received, dated) {
                (Ok(received_on), Ok(document_date)) => {
                    form.error = None;
                    let (response_id, event_id) = match form.to {
                        AttachTo::Whole => (None, None),
                        AttachTo::Response(x) => (Some(x), None),
                        AttachTo::Event(x) => (None, Some(x)),
                    };
                    action = Some(Action::Attach(PendingAttach {
                        recommendation_id: r.id,
                        response_id,
                        event_id,
                        received_on,
                        document_date,
                        added_by: crate::model::text::clean_line(&self.form.user),
                    }));
                }
                (Err(e), _) | (_, Err(e)) => form.error = Some(e),
            }
        }
        if let Some(e) = &self.attach.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        action
    }
}
