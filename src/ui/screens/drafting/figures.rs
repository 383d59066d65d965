//! Figures inserted from the data, kept tied to it: a figure the data now gives otherwise is
//! marked under its text ("494 triệu đồng → 520 triệu đồng", with what changed) and is written
//! again only when the user asks — one, or all of the round's at once.

use super::*;
use crate::analysis::figure_refs::{stale_in_round, updated};

impl DraftingScreen {
    /// The round's stale figures, counted once per state of the data.
    pub(super) fn stale(&mut self, ctx: &Ctx<'_>, round: RoundId) -> std::sync::Arc<Vec<Stale>> {
        let lang = ctx.lang;
        // Counted from the data as the stamp says it is now (a change made earlier in this
        // frame included), never from an older copy kept under a newer stamp — and again
        // only when the figures or the texts' inserted figures change, not at every word.
        let d = ctx.session.dossier_arc();
        let refs: Vec<(TextTarget, Vec<FigureRef>)> = d
            .conclusions
            .iter()
            .filter(|c| c.round_id == round && !c.figures.is_empty())
            .map(|c| (TextTarget::Conclusion(c.id), c.figures.clone()))
            .chain(
                d.recommendations
                    .iter()
                    .filter(|r| r.round_id == round && !r.figures.is_empty())
                    .map(|r| (TextTarget::Recommendation(r.id), r.figures.clone())),
            )
            .collect();
        if refs.is_empty() {
            return std::sync::Arc::default();
        }
        self.stale_cache.get(
            ctx.session.figures_stamp(),
            (round, lang, refs),
            |(round, lang, _)| std::sync::Arc::new(stale_in_round(&d, *round, *lang)),
        )
    }

    /// Writes figures `which` of a text again from the data now, as one undoable change.
    fn renew(&mut self, ctx: &mut Ctx<'_>, round: RoundId, target: TextTarget, which: &[usize]) {
        // The text as it is now (a change earlier in this frame included).
        let d = ctx.session.dossier_arc();
        let (text, figures) = match target {
            TextTarget::Conclusion(id) => match d.conclusions.iter().find(|c| c.id == id) {
                Some(c) => (c.text.as_str(), c.figures.as_slice()),
                None => return,
            },
            TextTarget::Recommendation(id) => match d.recommendations.iter().find(|r| r.id == id) {
                Some(r) => (r.text.as_str(), r.figures.as_slice()),
                None => return,
            },
        };
        let (text, figures) = updated(&d, text, figures, which);
        let change = ctx.session.figures_renewed(round, target, &text, figures);
        ctx.apply(change);
    }

    /// Under a text: each of its figures the data now gives otherwise, why, and Update.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn stale_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        round: RoundId,
        target: TextTarget,
        field: Id,
        label: &str,
        locked: bool,
    ) {
        let stale = self.stale(ctx, round);
        let mine: Vec<&Stale> = stale.iter().filter(|s| s.target == target).collect();
        if mine.is_empty() {
            return;
        }
        let t = ctx.t();
        let lang = ctx.lang;
        let typing = ctx.fields.is_pending(field);
        let mut renew: Option<usize> = None;
        for s in mine {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    fill(t.figure_changed, &[("arrow", &s.arrow(lang))]),
                );
                if !locked && s.now.is_some() {
                    let b = ui
                        .add_enabled(!typing, egui::Button::new(t.figure_update))
                        .on_disabled_hover_text(t.figure_update_typing);
                    name(ui, &b, format!("{} — {label}", t.figure_update));
                    if b.clicked() {
                        renew = Some(s.index);
                    }
                }
            });
            for w in &s.why {
                ui.weak(format!("    {w}"));
            }
        }
        if let Some(i) = renew {
            self.renew(ctx, round, target, &[i]);
        }
    }

    /// Above the texts: how many figures changed in the data, and Update all.
    pub(super) fn stale_summary_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let stale = self.stale(ctx, round.id);
        if stale.is_empty() {
            return;
        }
        let t = ctx.t();
        let locked = ctx.read_only() || round.draft_status == DraftStatus::Issued;
        let mut all = false;
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                fill(t.figures_stale, &[("n", &stale.len().to_string())]),
            );
            if !locked {
                // Typing still waiting in a field would be written over the update: stored
                // first (leaving the field), then updated.
                let typing = ctx.fields.has_pending();
                all = ui
                    .add_enabled(!typing, egui::Button::new(t.figure_update_all))
                    .on_disabled_hover_text(t.figure_update_typing)
                    .clicked();
            }
        });
        if all {
            let mut targets: Vec<TextTarget> = stale.iter().map(|s| s.target).collect();
            targets.dedup();
            for target in targets {
                let which: Vec<usize> = stale
                    .iter()
                    .filter(|s| s.target == target && s.now.is_some())
                    .map(|s| s.index)
                    .collect();
                self.renew(ctx, round.id, target, &which);
            }
        }
    }
}
