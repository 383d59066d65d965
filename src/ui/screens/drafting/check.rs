//! The number check on the drafting screen: on demand, before Trình duyệt (asked once) and in
//! the issuing form (issuing with items open is confirmed and kept in the lock log).

use super::*;
use crate::analysis::number_check::{Finding, check_round_with};

impl DraftingScreen {
    /// What the round's texts hold that needs a look, counted once per state of the data.
    pub(super) fn findings(
        &mut self,
        ctx: &Ctx<'_>,
        round: RoundId,
    ) -> std::sync::Arc<Vec<Finding>> {
        let d = ctx.session.dossier_arc();
        // The figures and totals to match against are counted once per state of the
        // figures; the texts are read again as they change (quick).
        let key = (
            round,
            ctx.lang,
            d.recommendations
                .iter()
                .filter(|r| r.round_id == round)
                .map(|r| r.amount_dong)
                .collect(),
            d.conclusions
                .iter()
                .filter(|c| c.round_id == round)
                .map(|c| c.area_id)
                .collect(),
            d.documents
                .iter()
                .filter(|x| x.round_id == round)
                .map(|x| x.date)
                .collect(),
        );
        let facts = self
            .facts_cache
            .get(ctx.session.figures_stamp(), key, |(round, lang, ..)| {
                std::sync::Arc::new(crate::analysis::number_check::facts(&d, *round, *lang))
            });
        let stale = self.stale(ctx, round);
        self.check_cache
            .get(ctx.session.stamp(), (round, ctx.lang), |(round, _)| {
                std::sync::Arc::new(check_round_with(&d, *round, &facts, &stale))
            })
    }

    /// The list, one line per item with where it is.
    pub(super) fn findings_list(ui: &mut egui::Ui, t: &Texts, findings: &[Finding]) {
        for f in findings {
            ui.label(fill(
                t.check_line,
                &[
                    ("text", &f.text),
                    ("paragraph", &f.paragraph.to_string()),
                    ("written", &f.written),
                    ("message", &f.message),
                ],
            ));
        }
    }

    /// "Kiểm tra số liệu": the check on demand, and the question before Trình duyệt.
    pub(super) fn check_ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>, round: &Round) {
        let t = ctx.t();
        let asking = self.review_confirm == Some(round.id);
        if !(self.show_check == Some(round.id) || asking) {
            return;
        }
        let findings = self.findings(ctx, round.id);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            if findings.is_empty() {
                ui.label(t.check_none);
            } else {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    fill(t.check_title, &[("n", &findings.len().to_string())]),
                );
                Self::findings_list(ui, t, &findings);
            }
            if asking {
                ui.horizontal(|ui| {
                    if ui.button(t.check_review_anyway).clicked() {
                        self.review_confirm = None;
                        let mut after = round.clone();
                        after.draft_status = DraftStatus::Review;
                        ctx.apply(Change::update(
                            ChangeLabel::edit(|t| t.what_draft_status, ""),
                            Record::Round(round.clone()),
                            Record::Round(after),
                        ));
                    }
                    if ui.button(t.check_back).clicked() {
                        self.review_confirm = None;
                        self.show_check = Some(round.id);
                    }
                });
            } else if ui.button(t.check_close).clicked() {
                self.show_check = None;
            }
        });
    }
}
