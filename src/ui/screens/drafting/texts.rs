//! The round's conclusions and recommendations as the user drafts them: kinds, areas,
//! addressees, deadlines, priorities, amounts, and the text fields with their history.

use super::*;

impl DraftingScreen {
    pub(super) fn conclusions_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        d: &Dossier,
        round: &Round,
    ) {
        let t = ctx.t();
        let lang = ctx.lang;
        let locked = ctx.read_only() || round.draft_status == DraftStatus::Issued;
        ui.heading(t.section_conclusions);
        let areas: Vec<(Option<AreaId>, String)> =
            std::iter::once((None, t.general_area.to_string()))
                .chain(
                    crate::ui::screens::areas::tree_order(&d.areas)
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
                        figures: vec![],
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
                    someone_editing(ui, ctx, RecordKey::Conclusion(c.id));
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
                    self.stale_ui(ui, ctx, round.id, target, fid, &label, locked);
                });
            }
        }
    }

    pub(super) fn recommendations_ui(
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
                    figures: vec![],
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
                someone_editing(ui, ctx, RecordKey::Recommendation(rec.id));
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
                self.stale_ui(ui, ctx, round.id, target, fid, &label, locked);

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
                    for (_, a) in crate::ui::screens::areas::tree_order(&d.areas)
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
}

/// "Anh/Chị X đang sửa mục này" above a text someone else has open in an editor on the team
/// server: typing there too would meet their change.
fn someone_editing(ui: &mut egui::Ui, ctx: &Ctx, key: RecordKey) {
    if let Some(who) = ctx.session.edited_by_other(key) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            fill(ctx.t().someone_editing, &[("who", who)]),
        );
    }
}
