//! The central routing: which screen fills the window, with what context, and where a found
//! record is shown.

use super::*;

/// A screen that fills the window's centre.
pub(super) fn show(
    ui: &mut egui::Ui,
    screen: &mut dyn Screen,
    ctx: &mut Ctx<'_>,
) -> Option<Action> {
    egui::CentralPanel::default()
        .show(ui, |ui| screen.ui(ui, ctx))
        .inner
}

impl GiamSatApp {
    pub(super) fn central(&mut self, ui: &mut egui::Ui) {
        let t = self.t();
        let lang = self.lang;
        let unit = self.settings.money_unit;
        let today = self.today();
        let Some(session) = self.session.as_mut() else {
            if self.task.is_none() {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.heading(t.no_project);
                    ui.label(t.no_project_hint);
                    ui.add_space(10.0);
                    if ui.button(t.cmd_new).clicked() {
                        self.queued.push(Command::New);
                    }
                    if ui.button(t.cmd_open).clicked() {
                        self.queued.push(Command::Open);
                    }
                    if ui.button(t.cmd_open_server).clicked() {
                        self.queued.push(Command::OpenServer);
                    }
                    if ui.button(t.open_sample).clicked() {
                        let ctx = ui.ctx().clone();
                        self.run_then(&ctx, Then::OpenSample);
                    }
                });
            }
            return;
        };
        // Field buffers typed against another project would show (and commit) stale text.
        let stamp = session.stamp();
        if self
            .last_stamp
            .is_some_and(|last| last.document != stamp.document || last.revision > stamp.revision)
        {
            self.fields.clear();
        }
        self.last_stamp = Some(stamp);
        let user = Self::user_name(&self.settings);
        let chart_kind = self.screens.charts.kind;
        let mut ctx = Ctx {
            session,
            fields: &mut self.fields,
            toasts: &mut self.toasts,
            lang,
            unit,
            user: &user,
            today,
            jobs: &self.jobs,
        };
        let screens = &mut self.screens;
        let action = match self.view {
            View::Data => {
                let section = &mut self.section;
                egui::Panel::left("data-sections")
                    .resizable(false)
                    .default_size(190.0)
                    .show(ui, |ui| {
                        ui.add_space(6.0);
                        for (s, label) in [
                            (DataSection::General, t.section_general),
                            (DataSection::Programs, t.section_programs),
                            (DataSection::Areas, t.section_areas),
                            (DataSection::Allocations, t.section_allocations),
                            (DataSection::Indicators, t.section_indicators),
                            (DataSection::Round, t.section_round),
                        ] {
                            if ui.selectable_label(*section == s, label).clicked() {
                                *section = s;
                            }
                        }
                    });
                show(ui, screens.section(*section), &mut ctx)
            }
            View::Charts => show(ui, &mut screens.charts, &mut ctx),
            View::Drafting => show(ui, &mut screens.drafting, &mut ctx),
            View::FollowUp => show(ui, &mut screens.follow_up, &mut ctx),
            View::Print => show(ui, &mut screens.print, &mut ctx),
        };
        if self.screens.follow_up.summary_open != self.settings.follow_up_summary {
            self.settings.follow_up_summary = self.screens.follow_up.summary_open;
            self.save_settings();
        }
        if self.screens.charts.kind != chart_kind {
            self.settings.chart_view = Some(self.screens.charts.kind.code().to_string());
            self.save_settings();
        }
        if let Some(action) = action {
            self.act(ui.ctx(), action);
        }
    }

    /// Shows a record where it is edited.
    pub(super) fn open_record(&mut self, key: crate::model::RecordKey) {
        use crate::model::RecordKey as K;
        let d = self.session.as_ref().map(|s| s.dossier_arc());
        match key {
            K::Conclusion(id) => {
                if let Some(c) = d
                    .as_ref()
                    .and_then(|d| d.conclusions.iter().find(|c| c.id == id))
                {
                    self.screens.drafting.select_round(c.round_id);
                }
                self.view = View::Drafting;
            }
            K::Recommendation(id) => {
                self.screens.follow_up.select(id);
                self.view = View::FollowUp;
            }
            K::Allocation(id) => {
                if let Some(a) = d
                    .as_ref()
                    .and_then(|d| d.allocations.iter().find(|a| a.id == id))
                {
                    self.screens.allocations.focus(a.area_id, id);
                }
                self.view = View::Data;
                self.section = DataSection::Allocations;
            }
            K::Area(_) => {
                self.view = View::Data;
                self.section = DataSection::Areas;
            }
            K::Round(id) => {
                self.screens.round.select(id);
                self.view = View::Data;
                self.section = DataSection::Round;
            }
            K::RoundEvent(_) => {
                self.view = View::Data;
                self.section = DataSection::Round;
            }
            K::Event(_) | K::Attachment(_) => {
                let rec = d.as_ref().and_then(|d| match key {
                    K::Event(id) => d
                        .events
                        .iter()
                        .find(|e| e.id == id)
                        .map(|e| e.recommendation_id),
                    K::Attachment(id) => d
                        .attachments
                        .iter()
                        .find(|a| a.id == id)
                        .map(|a| a.recommendation_id),
                    _ => None,
                });
                if let Some(id) = rec {
                    self.screens.follow_up.select(id);
                }
                self.view = View::FollowUp;
            }
            K::TextVersion(id) => {
                if let Some(v) = d
                    .as_ref()
                    .and_then(|d| d.text_versions.iter().find(|v| v.id == id))
                {
                    self.screens.drafting.select_round(v.round_id);
                }
                self.view = View::Drafting;
            }
            K::Phrase(_) => self.view = View::Drafting,
            K::Program(_) | K::Project(_) | K::FundingSource(_) => {
                self.view = View::Data;
                self.section = DataSection::Programs;
            }
            K::Indicator(_) | K::IndicatorValue(_) => {
                self.view = View::Data;
                self.section = DataSection::Indicators;
            }
            K::Succession(_) => {
                self.view = View::Data;
                self.section = DataSection::Areas;
            }
            K::Document(_) | K::IssuedDocument(_) => self.view = View::Print,
            _ => {
                self.view = View::Data;
                self.section = DataSection::General;
            }
        }
    }
}
