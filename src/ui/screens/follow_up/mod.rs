//! Following up every recommendation of every round: filter by status, addressee, area and
//! overdue; record what the addressed bodies reported, with dates and evidence; see the counts
//! by status for each addressee.

use super::Action;
mod evidence;
mod rates;
mod status;

use rates::*;

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
    /// Whether the rates and the status chart are unfolded, as the person last chose; `None`
    /// folds them away when the window is short (a laptop at 150 %), so the list has the room.
    pub summary_open: Option<bool>,
}

/// Below this height the board starts with its rates and chart folded away.
const ROOM_FOR_SUMMARY: f32 = 620.0;

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

/// A deadline as the list shows it: the date, "— overdue" past it, or "none".
fn deadline_text(r: &Recommendation, today: NaiveDate, t: &crate::i18n::Texts) -> String {
    match r.deadline {
        Some(dl) if r.is_overdue(today) => format!("{} — {}", format_date(dl), t.overdue),
        Some(dl) => format_date(dl),
        None => t.no_deadline.to_string(),
    }
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
        if d.recommendations.is_empty() {
            return super::empty_state(ui, lang, t.empty_follow_up, "drafting");
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
            let open = self
                .summary_open
                .unwrap_or(ui.available_height() >= ROOM_FOR_SUMMARY);
            let folded = egui::CollapsingHeader::new(egui::RichText::new(t.fu_summary).strong())
                .id_salt("follow-up-summary")
                .open(Some(open))
                .show(ui, |ui| {
                    self.rates_ui(ui, &d, stamp, lang, today);
                    let figures = self.figures(&d, stamp, lang, today);
                    counts_chart(ui, &figures.counts, lang);
                });
            if folded.header_response.clicked() {
                self.summary_open = Some(!open);
            }
            ui.label(fill(
                t.rows_shown,
                &[
                    ("shown", &rows.len().to_string()),
                    ("total", &d.recommendations.len().to_string()),
                ],
            ));
            // The short columns take what their words need; the two texts share the rest on
            // one line each, cut with "…" (the whole text is in the pane beside, and on
            // hover): the list scrolls down, never sideways (~570 points beside the pane on a
            // laptop at 150 %).
            let body = egui::TextStyle::Body.resolve(ui.style());
            let measure = |text: &str| {
                ui.fonts_mut(|f| {
                    f.layout_no_wrap(text.to_string(), body.clone(), egui::Color32::WHITE)
                        .size()
                        .x
                })
            };
            // What a short column can hold, whatever the rows: its heading, any status, a
            // date, a date past due (no column is narrower than egui's grid allows).
            let widest = |texts: &[&str]| {
                texts
                    .iter()
                    .fold(ui.spacing().interact_size.x, |w, x| w.max(measure(x)))
            };
            let date = format_date(today);
            let overdue = format!("{date} — {}", t.overdue);
            let statuses: Vec<&str> = RecommendationStatus::ALL
                .iter()
                .map(|s| status_label(*s, t))
                .chain([t.status])
                .collect();
            let fixed = widest(&[t.col_round, "99"])
                + widest(&[t.deadline, &overdue, t.no_deadline])
                + widest(&statuses)
                + widest(&[t.col_last_response, &date, t.no_response])
                + 5.0 * 10.0
                + ui.spacing().scroll.bar_width
                + 16.0;
            let free = (ui.available_width() - fixed).max(200.0);
            let text_width = (free * 0.62).floor();
            let addressee_width = (free - text_width).floor();
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
                                let short: String = if r.text.is_empty() {
                                    t.empty_text.to_string()
                                } else {
                                    r.text.split_whitespace().collect::<Vec<_>>().join(" ")
                                };
                                let sel = ui
                                    .scope(|ui| {
                                        ui.set_max_width(text_width);
                                        ui.add(
                                            egui::Button::selectable(
                                                self.selected == Some(r.id),
                                                short,
                                            )
                                            .truncate(),
                                        )
                                    })
                                    .inner
                                    .on_hover_text(&r.text);
                                name(
                                    ui,
                                    &sel,
                                    format!("{} {}: {}", t.what_recommendation_cap, n + 1, r.text),
                                );
                                if sel.clicked() {
                                    self.selected = Some(r.id);
                                    self.response_error = None;
                                }
                                ui.scope(|ui| {
                                    ui.set_max_width(addressee_width);
                                    ui.add(egui::Label::new(r.addressees.join("; ")).truncate());
                                });
                                let due = deadline_text(r, today, t);
                                match r.deadline {
                                    Some(_) if r.is_overdue(today) => {
                                        ui.colored_label(ui.visuals().error_fg_color, due);
                                    }
                                    Some(_) => {
                                        ui.label(due);
                                    }
                                    None => {
                                        ui.weak(due);
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
