//! Drafting the round's conclusions (strengths, shortcomings, causes, overall; per area or
//! general) and recommendations (addressees, areas, deadline, priority, status), with figures
//! inserted from the data, a phrase library, and the history of every text.

mod check;
mod figures;
mod header;
mod side;
mod texts;

use super::{Action, Ctx, Screen, combo, name};
use crate::analysis::figure_refs::Stale;
use crate::analysis::{Phrased, phrased};
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

/// What the number check's facts depend on besides the figures: the round, the language, and
/// what of its texts and settings they read — the amounts its recommendations name, the areas
/// its conclusions are about, the dates set for its documents.
type FactsKey = (
    RoundId,
    Lang,
    Vec<Option<Dong>>,
    Vec<Option<AreaId>>,
    Vec<Option<chrono::NaiveDate>>,
);

/// What a round's stale figures depend on besides the figures: the round, the language, and
/// the figures inserted in its texts.
type StaleKey = (RoundId, Lang, Vec<(TextTarget, Vec<FigureRef>)>);

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
    phrase_cache: crate::session::Memo<PhraseKey, Phrased>,
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
    /// The issuing form (number, date, signer, documents), while it is open.
    issue_form: Option<IssueForm>,
    /// What to ask of the app after this frame.
    action: Option<Action>,
    /// The figures the round's issued documents quote that changed since, counted once per
    /// state of the data.
    drift_cache: crate::session::Memo<RoundId, std::sync::Arc<Vec<crate::print::issue::Drift>>>,
    /// The inserted figures of the round's texts the data now gives otherwise, once per state
    /// of the data and language.
    stale_cache: crate::session::Memo<StaleKey, std::sync::Arc<Vec<Stale>>>,
    /// What the round's texts are checked against, once per state of the figures.
    facts_cache:
        crate::session::Memo<FactsKey, std::sync::Arc<crate::analysis::number_check::Facts>>,
    /// The number check of the round's texts, once per state of the data and language.
    check_cache: crate::session::Memo<
        (RoundId, Lang),
        std::sync::Arc<Vec<crate::analysis::number_check::Finding>>,
    >,
    /// The round whose number check is shown (on demand).
    show_check: Option<RoundId>,
    /// The round being submitted for review while the check lists items: asked once.
    review_confirm: Option<RoundId>,
}

/// What the user fills in to issue a round.
#[derive(Clone, Debug)]
struct IssueForm {
    round: RoundId,
    number: String,
    date: String,
    signer: String,
    kinds: Vec<(DocKind, bool)>,
    /// Issue although the number check lists items (then kept in the lock log).
    despite_check: bool,
    error: Option<String>,
}

use crate::session::recorder;

impl DraftingScreen {
    /// The record whose text has the keyboard now, if any (others on a team server see it).
    pub fn editing_record(&self, ctx: &egui::Context) -> Option<RecordKey> {
        let (id, target) = self.target?;
        if !ctx.memory(|m| m.has_focus(id)) {
            return None;
        }
        Some(match target {
            TextTarget::Conclusion(c) => RecordKey::Conclusion(c),
            TextTarget::Recommendation(r) => RecordKey::Recommendation(r),
        })
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
    crate::ui::screens::apply_from_field(session, lang, change, done)
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
        let Some(round) = crate::ui::screens::round_or_first(&d, self.round) else {
            self.action =
                crate::ui::screens::empty_state(ui, ctx.lang, t.round_none_drafting, "drafting");
            ui.add_space(6.0);
            if ui
                .add_enabled(!ctx.read_only(), egui::Button::new(t.add_round))
                .clicked()
            {
                self.round = Some(crate::ui::screens::round::add_round(ctx, &d));
            }
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
}

impl Screen for DraftingScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        self.show(ui, ctx);
        self.action.take()
    }
}
