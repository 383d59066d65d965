//! Following up every recommendation of every round: filter by status, addressee, area and
//! overdue; record what the addressed bodies reported, with dates and evidence; see the counts
//! by status for each addressee.

use super::Action;
use super::{Ctx, Screen, combo, name};
use crate::i18n::labels::*;
use crate::i18n::{Lang, fill};
use crate::model::text::search_key;
use crate::model::*;
use crate::session::{Change, ChangeLabel, Memo, Stamp};
use crate::ui::fields::{format_date, parse_date};
use chrono::NaiveDate;
use egui::{Color32, Id};
use std::sync::Arc;

/// The board's filters; with the data revision and the day they key the cached rows.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Filters {
    status: Option<RecommendationStatus>,
    addressee: Option<String>,
    area: Option<AreaId>,
    overdue_only: bool,
    /// Unfinished and due within this many days (the banner's links).
    due_within: Option<i64>,
    search: String,
    ignore_marks: bool,
}

impl Default for Filters {
    fn default() -> Self {
        Filters {
            status: None,
            addressee: None,
            area: None,
            overdue_only: false,
            due_within: None,
            search: String::new(),
            ignore_marks: true,
        }
    }
}

type Key = (Filters, NaiveDate);

/// Where a file about to be attached goes, and what is said of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingAttach {
    pub recommendation_id: RecommendationId,
    pub response_id: Option<ResponseId>,
    pub event_id: Option<EventId>,
    pub received_on: Option<NaiveDate>,
    pub document_date: Option<NaiveDate>,
    pub added_by: String,
}

/// What the attach form holds between frames.
#[derive(Default)]
struct AttachForm {
    received: String,
    dated: String,
    /// What in the recommendation's follow-up the file belongs to.
    to: AttachTo,
    error: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum AttachTo {
    #[default]
    Whole,
    Response(ResponseId),
    Event(EventId),
}

/// The form that appends an entry to the selected recommendation's history.
#[derive(Default)]
struct StatusForm {
    status: Option<RecommendationStatus>,
    date: String,
    note: String,
    method: Option<VerifyMethod>,
    verifier: String,
    reason: Option<NotDoneReason>,
    explanation: String,
    /// The part done: an amount in triệu đồng for a financial recommendation with an amount,
    /// else a percentage.
    part: String,
    user: String,
    error: Option<String>,
}

/// The board's numbers: the rates by the chosen grouping, their total, and the counts by status
/// for the chart.
struct Figures {
    rows: Vec<crate::follow_up::RateRow>,
    total: crate::follow_up::RateRow,
    counts: Vec<(String, [usize; crate::analysis::STATUSES])>,
}

type FiguresKey = (crate::follow_up::Grouping, Lang, NaiveDate);

/// Which deadlines the banner links to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DueLink {
    Overdue,
    Within(i64),
}

#[derive(Default)]
pub struct FollowUpScreen {
    filters: Filters,
    selected: Option<RecommendationId>,
    form: StatusForm,
    attach: AttachForm,
    /// The recommendation the forms were filled for.
    forms_for: Option<RecommendationId>,
    grouping: crate::follow_up::Grouping,
    /// The rates and counts shown, until the data, grouping, language or day change.
    figures: Memo<FiguresKey, Arc<Figures>>,
    response_date: String,
    response_text: String,
    response_evidence: String,
    response_error: Option<String>,
    cache: Memo<Key, Arc<Vec<RecommendationId>>>,
}

impl FollowUpScreen {
    /// The recommendations the filters let through, cached until data or filters change.
    pub fn rows(
        &mut self,
        d: &Dossier,
        stamp: Stamp,
        today: NaiveDate,
    ) -> Arc<Vec<RecommendationId>> {
        let key: Key = (self.filters.clone(), today);
        self.cache
            .get(stamp, key, |(f, today)| Arc::new(filtered(d, f, *today)))
    }

    pub fn select(&mut self, id: RecommendationId) {
        self.selected = Some(id);
    }

    /// Shows what the banner on opening named: overdue, or due within some days.
    pub fn show_due(&mut self, link: DueLink) {
        self.filters = Filters::default();
        match link {
            DueLink::Overdue => self.filters.overdue_only = true,
            DueLink::Within(days) => self.filters.due_within = Some(days),
        }
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, d: &Dossier, lang: Lang) {
        let t = lang.texts();
        ui.horizontal_wrapped(|ui| {
            let statuses: Vec<(Option<RecommendationStatus>, String)> =
                std::iter::once((None, t.all_statuses.to_string()))
                    .chain(
                        RecommendationStatus::ALL
                            .iter()
                            .map(|s| (Some(*s), status_label(*s, t).to_string())),
                    )
                    .collect();
            if let Some(s) = combo(
                ui,
                Id::unique("fu-filter-status"),
                t.status,
                &self.filters.status,
                &statuses,
                160.0,
                true,
            ) {
                self.filters.status = s;
            }
            let mut names: Vec<String> = d
                .recommendations
                .iter()
                .flat_map(|r| r.addressees.iter().cloned())
                .collect();
            names.sort();
            names.dedup();
            let addressees: Vec<(Option<String>, String)> =
                std::iter::once((None, t.all_addressees.to_string()))
                    .chain(names.into_iter().map(|n| (Some(n.clone()), n)))
                    .collect();
            if let Some(a) = combo(
                ui,
                Id::unique("fu-filter-addressee"),
                t.addressees,
                &self.filters.addressee,
                &addressees,
                220.0,
                true,
            ) {
                self.filters.addressee = a;
            }
            let areas: Vec<(Option<AreaId>, String)> =
                std::iter::once((None, t.all_areas.to_string()))
                    .chain(
                        super::areas::tree_order(&d.areas)
                            .into_iter()
                            .map(|(_, a)| (Some(a.id), area_label(&a, lang))),
                    )
                    .collect();
            if let Some(a) = combo(
                ui,
                Id::unique("fu-filter-area"),
                t.col_area,
                &self.filters.area,
                &areas,
                180.0,
                true,
            ) {
                self.filters.area = a;
            }
            ui.checkbox(&mut self.filters.overdue_only, t.overdue_only);
            if let Some(days) = self.filters.due_within {
                let mut on = true;
                ui.checkbox(
                    &mut on,
                    fill(t.fu_due_within, &[("days", &days.to_string())]),
                );
                if !on {
                    self.filters.due_within = None;
                }
            }
            // The search label, its field and its option wrap as one, never apart: a box of
            // their own size, so the wrapping row can move it whole.
            let text_w = |ui: &egui::Ui, s: &str| {
                ui.fonts_mut(|f| {
                    f.layout_no_wrap(
                        s.to_string(),
                        egui::TextStyle::Body.resolve(ui.style()),
                        egui::Color32::WHITE,
                    )
                })
                .size()
                .x
            };
            let width = text_w(ui, t.search)
                + 180.0
                + ui.spacing().icon_width
                + ui.spacing().icon_spacing
                + text_w(ui, t.ignore_marks)
                + 4.0 * ui.spacing().item_spacing.x
                + 12.0;
            ui.allocate_ui_with_layout(
                egui::vec2(width, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    let l = ui.label(t.search);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.filters.search).desired_width(180.0),
                    )
                    .labelled_by(l.id);
                    ui.checkbox(&mut self.filters.ignore_marks, t.ignore_marks);
                },
            );
        });
    }

    fn detail_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        d: &Dossier,
        today: NaiveDate,
    ) -> Option<Action> {
        let t = ctx.t();
        let lang = ctx.lang;
        let ro = ctx.read_only();
        let Some(r) = self
            .selected
            .and_then(|id| d.recommendations.iter().find(|r| r.id == id))
        else {
            ui.weak(t.follow_up_pick);
            return None;
        };
        if self.forms_for != Some(r.id) {
            // What was typed for another recommendation does not carry over; the user's name
            // and the dates typed last do not change meaning, but the rest does.
            let user = std::mem::take(&mut self.form.user);
            self.form = StatusForm {
                user,
                ..StatusForm::default()
            };
            self.attach = AttachForm::default();
            self.response_text.clear();
            self.response_evidence.clear();
            self.response_error = None;
            self.forms_for = Some(r.id);
        }
        let mut action = None;
        ui.heading(t.what_recommendation_cap);
        ui.label(if r.text.is_empty() {
            t.empty_text
        } else {
            r.text.as_str()
        });
        if ui.link(t.open_in_drafting).clicked() {
            action = Some(Action::OpenDrafting(r.round_id));
        }
        ui.label(format!("{}: {}", t.addressees, r.addressees.join("; ")));
        let areas: Vec<String> = r
            .area_ids
            .iter()
            .filter_map(|a| d.area(*a))
            .map(|a| area_label(a, lang))
            .collect();
        if !areas.is_empty() {
            ui.label(format!("{}: {}", t.related_areas, areas.join("; ")));
        }
        for note in crate::follow_up::successor_notes(d, r, lang) {
            ui.colored_label(ui.visuals().warn_fg_color, note);
        }
        match r.deadline {
            Some(dl) if r.is_overdue(today) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("{}: {} — {}", t.deadline, format_date(dl), t.overdue),
                );
            }
            Some(dl) => {
                ui.label(format!("{}: {}", t.deadline, format_date(dl)));
            }
            None => {
                ui.label(format!("{}: {}", t.deadline, t.no_deadline));
            }
        }
        ui.label(format!("{}: {}", t.status, status_label(r.status, t)));
        let mut kind = recommendation_kind_label(r.kind, t).to_string();
        if r.kind == RecommendationKind::Financial {
            kind.push_str(" — ");
            kind.push_str(&match r.amount_dong {
                Some(a) => format!(
                    "{} {}",
                    crate::model::number::format_money(a, MoneyUnit::Trieu, lang.number_style()),
                    t.unit_trieu
                ),
                None => t.no_amount.to_string(),
            });
        }
        ui.label(format!("{}: {kind}", t.rec_kind));
        if let Some(earlier) = r.repeats.and_then(|id| d.recommendation(id)) {
            let round_no = d
                .rounds
                .iter()
                .position(|x| x.id == earlier.round_id)
                .map_or(0, |i| i + 1);
            ui.label(fill(
                t.fu_repeats,
                &[("round", &round_no.to_string()), ("text", &earlier.text)],
            ));
        }
        ui.separator();
        self.history_ui(ui, d, r, lang);
        if let Some(a) = self.status_form_ui(ui, ctx, r) {
            action = Some(a);
        }
        ui.separator();
        if let Some(a) = self.evidence_ui(ui, ctx, d, r, today) {
            action = Some(a);
        }
        ui.separator();
        ui.strong(t.responses);
        if r.responses.is_empty() {
            ui.weak(t.no_response);
        }
        let mut responses = r.responses.clone();
        responses.sort_by_key(|x| (x.date, x.id));
        let mut remove: Option<ResponseId> = None;
        for x in &responses {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.strong(format_date(x.date));
                ui.label(&x.text);
                if !x.evidence.is_empty() {
                    ui.weak(format!("{}: {}", t.evidence, x.evidence));
                }
                let b = ui.add_enabled(!ro, egui::Button::new(t.delete).small());
                name(
                    ui,
                    &b,
                    format!("{} — {} {}", t.delete, t.response, format_date(x.date)),
                );
                if b.clicked() {
                    remove = Some(x.id);
                }
            });
        }
        if let Some(id) = remove {
            let mut after = r.clone();
            after.responses.retain(|x| x.id != id);
            ctx.apply(Change::update(
                ChangeLabel::delete(|t| t.what_response, ""),
                Record::Recommendation(r.clone()),
                Record::Recommendation(after),
            ));
        }
        ui.separator();
        ui.strong(t.add_response);
        let l = ui.label(t.f_date);
        ui.add_enabled(
            !ro,
            egui::TextEdit::singleline(&mut self.response_date)
                .desired_width(110.0)
                .hint_text(t.date_hint),
        )
        .labelled_by(l.id);
        let l = ui.label(t.response_text);
        ui.add_enabled(
            !ro,
            egui::TextEdit::multiline(&mut self.response_text)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        let l = ui.label(t.evidence);
        ui.add_enabled(
            !ro,
            egui::TextEdit::singleline(&mut self.response_evidence)
                .desired_width(f32::INFINITY)
                .hint_text(t.evidence_hint),
        )
        .labelled_by(l.id);
        if ui
            .add_enabled(!ro, egui::Button::new(t.add_response))
            .clicked()
        {
            let date = parse_date(&self.response_date, t);
            match (date, self.response_text.trim().is_empty()) {
                (Ok(Some(date)), false) => {
                    let mut after = r.clone();
                    after.responses.push(Response {
                        id: ResponseId(ctx.session.new_id(Table::Responses)),
                        date,
                        text: self.response_text.trim().to_string(),
                        evidence: self.response_evidence.trim().to_string(),
                    });
                    ctx.apply(Change::update(
                        ChangeLabel::add(|t| t.what_response, format_date(date)),
                        Record::Recommendation(r.clone()),
                        Record::Recommendation(after),
                    ));
                    self.response_text.clear();
                    self.response_evidence.clear();
                    self.response_error = None;
                }
                (Ok(None), _) | (Err(_), _) => self.response_error = Some(t.err_date.to_string()),
                (_, true) => {
                    self.response_error = Some(format!("{}: {}", t.response_text, t.err_required))
                }
            }
        }
        if let Some(e) = &self.response_error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        action
    }
}

impl FollowUpScreen {
    /// The rates by the chosen grouping: one sentence per group and the total.
    /// The board's numbers, computed again only when what they depend on changed.
    fn figures(&mut self, d: &Dossier, stamp: Stamp, lang: Lang, today: NaiveDate) -> Arc<Figures> {
        let key: FiguresKey = (self.grouping, lang, today);
        self.figures.get(stamp, key, |&(grouping, lang, today)| {
            let (rows, total) = crate::follow_up::rates(
                d,
                grouping,
                &crate::follow_up::RateScope::default(),
                today,
                lang,
            );
            Arc::new(Figures {
                rows,
                total,
                counts: crate::analysis::status_counts(d),
            })
        })
    }

    fn rates_ui(
        &mut self,
        ui: &mut egui::Ui,
        d: &Dossier,
        stamp: Stamp,
        lang: Lang,
        today: NaiveDate,
    ) {
        use crate::follow_up::{Grouping, rate_sentence};
        let t = lang.texts();
        if d.recommendations.is_empty() {
            return;
        }
        ui.horizontal_wrapped(|ui| {
            ui.strong(t.fu_rates_title);
            let options: Vec<(Grouping, String)> = Grouping::ALL
                .iter()
                .map(|g| (*g, grouping_label(*g, t).to_string()))
                .collect();
            if let Some(g) = combo(
                ui,
                Id::unique("fu-grouping"),
                t.fu_group_by,
                &self.grouping,
                &options,
                200.0,
                true,
            ) {
                self.grouping = g;
            }
        });
        let figures = self.figures(d, stamp, lang, today);
        let (rows, total) = (&figures.rows, &figures.total);
        // One wrapped line per group: a narrow window (or a large scale) wraps the sentence
        // instead of widening the panel under the detail pane.
        for r in rows.iter().chain(std::iter::once(total)) {
            let mut line = format!("{}: {}", r.group, rate_sentence(r, lang));
            if r.overdue > 0 {
                line.push_str(&fill(t.fu_overdue_n, &[("n", &r.overdue.to_string())]));
            }
            if r.repeated > 0 {
                line.push_str(&fill(t.fu_repeated_n, &[("n", &r.repeated.to_string())]));
            }
            let text = egui::RichText::new(line);
            let text = if std::ptr::eq(r, total) {
                text.strong()
            } else {
                text
            };
            ui.add(egui::Label::new(text).wrap());
        }
        ui.weak(t.fu_rule);
        ui.add_space(6.0);
    }

    /// The recommendation's history, oldest first; nothing in it can be changed.
    fn history_ui(&self, ui: &mut egui::Ui, d: &Dossier, r: &Recommendation, lang: Lang) {
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
    fn status_form_ui(
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

impl FollowUpScreen {
    /// The files kept as evidence with the recommendation, and attaching another.
    fn evidence_ui(
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

/// A colour that says how well it goes: grey not started, amber under way, blue waiting for
/// verification, greens done, red refused.
fn status_color(s: RecommendationStatus) -> Color32 {
    match s {
        RecommendationStatus::Open => Color32::from_rgb(0x8a, 0x8f, 0x98),
        RecommendationStatus::InProgress => Color32::from_rgb(0xe0, 0xa1, 0x2b),
        RecommendationStatus::Reported => Color32::from_rgb(0x4a, 0x90, 0xd9),
        RecommendationStatus::PartlyDone => Color32::from_rgb(0x8c, 0xc0, 0x5a),
        RecommendationStatus::Done => Color32::from_rgb(0x2e, 0x9e, 0x4f),
        RecommendationStatus::Closed => Color32::from_rgb(0x1f, 0x6b, 0x3a),
        RecommendationStatus::NotAccepted => Color32::from_rgb(0xd0, 0x45, 0x3a),
    }
}

/// Counts by status for each addressee, as stacked horizontal bars.
fn counts_chart(
    ui: &mut egui::Ui,
    counts: &[(String, [usize; crate::analysis::STATUSES])],
    lang: Lang,
) {
    let t = lang.texts();
    if counts.is_empty() {
        return;
    }
    ui.strong(t.counts_title);
    let names: Vec<String> = counts.iter().map(|(n, _)| n.clone()).collect();
    let n = names.len();
    let height = (40.0 + 26.0 * n as f32).min(220.0);
    // The bars end before the legend in the right-hand corner: measure its widest label and
    // stretch the count axis so the longest bar stops short of it.
    let font = egui::TextStyle::Body.resolve(ui.style());
    let legend_w = RecommendationStatus::ALL
        .iter()
        .map(|s| {
            ui.painter()
                .layout_no_wrap(
                    status_label(*s, t).to_string(),
                    font.clone(),
                    Color32::WHITE,
                )
                .size()
                .x
        })
        .fold(0.0f32, f32::max)
        + 48.0;
    let plot_w = (ui.available_width() - 140.0).max(200.0);
    let free = f64::from((1.0 - legend_w / plot_w).clamp(0.3, 0.9));
    let longest = counts
        .iter()
        .map(|(_, c)| c.iter().sum::<usize>())
        .max()
        .unwrap_or(1) as f64;
    egui_plot::Plot::new("follow-up-counts")
        .include_x(longest / free)
        .height(height)
        .legend(
            egui_plot::Legend::default()
                .position(egui_plot::Corner::RightBottom)
                .follow_insertion_order(true),
        )
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show_crosshair(false)
        .show_grid(egui::Vec2b::new(true, false))
        .include_x(0.0)
        .y_grid_spacer(move |_| {
            (0..n)
                .map(|i| egui_plot::GridMark {
                    value: i as f64,
                    step_size: 1.0,
                })
                .collect()
        })
        .y_axis_formatter(move |m, _| {
            let i = m.value.round();
            if (m.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .x_axis_formatter(|m, _| {
            if (m.value - m.value.round()).abs() < 1e-6 && m.value >= 0.0 {
                format!("{}", m.value.round() as i64)
            } else {
                String::new()
            }
        })
        .y_axis_min_width(140.0)
        .show(ui, |plot| {
            let mut base = vec![0.0f64; counts.len()];
            for (si, status) in RecommendationStatus::ALL.iter().enumerate() {
                let bars: Vec<egui_plot::Bar> = counts
                    .iter()
                    .enumerate()
                    .filter(|(_, (_, c))| c[si] > 0)
                    .map(|(i, (_, c))| {
                        let bar = egui_plot::Bar::new(i as f64, c[si] as f64)
                            .base_offset(base[i])
                            .width(0.6)
                            .fill(status_color(*status))
                            .horizontal();
                        base[i] += c[si] as f64;
                        bar
                    })
                    .collect();
                plot.bar_chart(
                    egui_plot::BarChart::new(status_label(*status, t), bars)
                        .color(status_color(*status))
                        .allow_hover(false),
                );
            }
        });
}

/// The recommendations the filters let through, in the order of the list.
fn filtered(d: &Dossier, f: &Filters, today: NaiveDate) -> Vec<RecommendationId> {
    let needle = search_key(f.search.trim(), f.ignore_marks);
    d.recommendations
        .iter()
        .filter(|r| f.status.is_none_or(|s| r.status == s))
        .filter(|r| {
            f.addressee
                .as_ref()
                .is_none_or(|a| r.addressees.contains(a))
        })
        .filter(|r| f.area.is_none_or(|a| r.area_ids.contains(&a)))
        .filter(|r| !f.overdue_only || r.is_overdue(today))
        .filter(|r| {
            f.due_within.is_none_or(|days| {
                r.status.is_unfinished()
                    && r.deadline.is_some_and(|dl| {
                        let left = (dl - today).num_days();
                        (0..=days).contains(&left)
                    })
            })
        })
        .filter(|r| {
            needle.is_empty()
                || search_key(&r.text, f.ignore_marks).contains(&needle)
                || r.addressees
                    .iter()
                    .any(|a| search_key(a, f.ignore_marks).contains(&needle))
                || r.responses
                    .iter()
                    .any(|x| search_key(&x.text, f.ignore_marks).contains(&needle))
        })
        .map(|r| r.id)
        .collect()
}

impl Screen for FollowUpScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        let today = ctx.today;
        let user_name = ctx.user.to_string();
        let t = ctx.t();
        let lang = ctx.lang;
        // The data and its stamp together: a change made below must not be cached under the
        // new stamp with the old data.
        let d = ctx.session.dossier_arc();
        let stamp = ctx.session.stamp();
        let mut action = None;
        if self.response_date.is_empty() {
            self.response_date = format_date(today);
        }
        if self.form.date.is_empty() {
            self.form.date = format_date(today);
        }
        if self.form.user.is_empty() {
            self.form.user = user_name;
        }
        self.filters_ui(ui, &d, lang);
        let rows = self.rows(&d, stamp, today);
        egui::Panel::right("follow-up-detail")
            .resizable(true)
            .default_size(340.0)
            .min_size(260.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        if let Some(a) = self.detail_ui(ui, ctx, &d, today) {
                            action = Some(a);
                        }
                    });
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            self.rates_ui(ui, &d, stamp, lang, today);
            let figures = self.figures(&d, stamp, lang, today);
            counts_chart(ui, &figures.counts, lang);
            ui.label(fill(
                t.rows_shown,
                &[
                    ("shown", &rows.len().to_string()),
                    ("total", &d.recommendations.len().to_string()),
                ],
            ));
            egui::ScrollArea::both()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("follow-up-grid")
                        .num_columns(6)
                        .striped(true)
                        .spacing([10.0, 6.0])
                        .show(ui, |ui| {
                            for h in [
                                t.col_round,
                                t.col_recommendation,
                                t.addressees,
                                t.deadline,
                                t.status,
                                t.col_last_response,
                            ] {
                                ui.strong(h);
                            }
                            ui.end_row();
                            for id in rows.iter() {
                                let Some((n, r)) = d
                                    .recommendations
                                    .iter()
                                    .enumerate()
                                    .find(|(_, r)| r.id == *id)
                                else {
                                    continue;
                                };
                                let round_no = d
                                    .rounds
                                    .iter()
                                    .position(|x| x.id == r.round_id)
                                    .map_or(0, |i| i + 1);
                                ui.label(round_no.to_string());
                                let short: String = if r.text.chars().count() > 48 {
                                    format!("{}…", r.text.chars().take(47).collect::<String>())
                                } else if r.text.is_empty() {
                                    t.empty_text.to_string()
                                } else {
                                    r.text.clone()
                                };
                                let sel = ui.selectable_label(self.selected == Some(r.id), short);
                                name(
                                    ui,
                                    &sel,
                                    format!("{} {}: {}", t.what_recommendation_cap, n + 1, r.text),
                                );
                                if sel.clicked() {
                                    self.selected = Some(r.id);
                                    self.response_error = None;
                                }
                                ui.label(r.addressees.join("; "));
                                match r.deadline {
                                    Some(dl) if r.is_overdue(today) => {
                                        ui.colored_label(
                                            ui.visuals().error_fg_color,
                                            format!("{} — {}", format_date(dl), t.overdue),
                                        );
                                    }
                                    Some(dl) => {
                                        ui.label(format_date(dl));
                                    }
                                    None => {
                                        ui.weak(t.no_deadline);
                                    }
                                }
                                ui.label(status_label(r.status, t));
                                match r.last_response() {
                                    Some(x) => ui.label(format_date(x.date)),
                                    None => ui.weak(t.no_response),
                                };
                                ui.end_row();
                            }
                        });
                });
        });
        action
    }
}
