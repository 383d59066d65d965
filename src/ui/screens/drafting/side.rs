//! The side panel of the drafting screen: a figure from the data inserted into the text being
//! written, the phrase library, and the history of a text with a word-by-word comparison.

use super::*;

/// One side of a comparison: removed words in red (old side), added in green (new side).
pub(super) fn diff_label(ui: &mut egui::Ui, parts: &[(DiffPart, String)], new_side: bool) {
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

impl DraftingScreen {
    pub(super) fn side_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
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
    pub(super) fn insert_target(&self, ctx: &Ctx<'_>, round: &Round) -> Option<(Id, TextTarget)> {
        if ctx.read_only() || round.draft_status == DraftStatus::Issued {
            return None;
        }
        self.target
    }

    pub(super) fn insert_text(
        &mut self,
        ui: &egui::Ui,
        ctx: &mut Ctx<'_>,
        round: &Round,
        text: &str,
    ) {
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

    /// Inserts the figure for `asked` at the cursor, kept tied to the data it came from.
    fn insert_figure(
        &mut self,
        ui: &egui::Ui,
        ctx: &mut Ctx<'_>,
        round: &Round,
        asked: crate::analysis::figure_refs::Asked,
    ) {
        let Some((fid, target)) = self.insert_target(ctx, round) else {
            return;
        };
        let d = ctx.session.dossier_arc();
        let Some(stored) = target_text(&d, target) else {
            return;
        };
        let mut figure =
            // In Vietnamese, as the document is, whatever the window's language.
            match crate::analysis::figure_refs::figure_ref(&d, asked, round.id, ctx.unit, Lang::Vi)
            {
                Ok(Some(f)) => f,
                Ok(None) => return,
                Err(e) => {
                    ctx.toasts.error(ctx.t().error_change, e.to_string());
                    return;
                }
            };
        let (joined, at) =
            ctx.fields
                .insert_at_cursor_placed(ui.ctx(), fid, &stored, &figure.shown);
        figure.at = at;
        let change = ctx
            .session
            .figure_inserted(round.id, target, &joined, figure);
        if let Err(e) = crate::ui::screens::apply_from_field(ctx.session, ctx.lang, change, true) {
            ctx.toasts.error(ctx.t().error_change, e);
        }
        self.refocus = Some(fid);
        ui.ctx().request_repaint();
    }

    pub(super) fn insert_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        let lang = ctx.lang;
        let d = ctx.session.dossier_arc();
        ui.label(t.insert_explain);
        let areas: Vec<(Option<AreaId>, String)> = crate::ui::screens::areas::tree_order(&d.areas)
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
        // The figure as this round saw it; worked out once per state of the figures and
        // choice, not per frame or typed word. The words go into a Vietnamese document, so they
        // are Vietnamese whatever the window's language; why there is none is said in it.
        let phrase = match (self.insert_area, Period::parse(&self.insert_period)) {
            (Some(area), Ok(period)) => {
                let key = ((area, period, self.insert_kind), round.id, ctx.unit, lang);
                self.phrase_cache.get(
                    ctx.session.figures_stamp(),
                    key,
                    |&(figure, round, unit, lang)| {
                        let view = crate::analysis::RoundView::AsOf(round);
                        phrased(&d, figure, view, unit, lang)
                            .and_then(|p| match p {
                                Phrased::Text(_) => phrased(&d, figure, view, unit, Lang::Vi),
                                other => Ok(other),
                            })
                            // A sum too large to hold is no figure to write, and says so.
                            .unwrap_or_else(|e| Phrased::Withheld(e.to_string()))
                    },
                )
            }
            _ => Phrased::NoFigure,
        };
        match &phrase {
            Phrased::Text(p) => {
                ui.label(fill(t.insert_preview, &[("text", p)]));
            }
            Phrased::NoFigure => {
                ui.weak(t.no_figure);
            }
            // Why the figure cannot be given, and what to do: never a guess to insert.
            Phrased::Withheld(why) => {
                ui.colored_label(ui.visuals().warn_fg_color, why);
            }
        }
        let phrase = match phrase {
            Phrased::Text(p) => Some(p),
            Phrased::NoFigure | Phrased::Withheld(_) => None,
        };
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
            && phrase.is_some()
            && let (Some(area), Ok(period)) = (self.insert_area, Period::parse(&self.insert_period))
        {
            self.insert_figure(ui, ctx, round, (area, period, self.insert_kind));
        }
    }

    pub(super) fn phrases_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
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
                        let s = crate::ui::screens::required(s, lang.texts())?;
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
                        crate::ui::screens::apply_from_field(session, lang, change, done)
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

    pub(super) fn history_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
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
        let mut restore: Option<(String, Vec<FigureRef>)> = None;
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
                    restore = Some((v.text.clone(), v.figures.clone()));
                }
            });
        }
        if let Some((text, figures)) = restore {
            // The version's figures come back with its words (and are checked against the
            // data as it is now).
            let change = ctx
                .session
                .figures_renewed(round.id, target, &text, figures);
            if let Err(e) =
                crate::ui::screens::apply_from_field(ctx.session, ctx.lang, change, true)
            {
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
