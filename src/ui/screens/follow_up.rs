//! Following up every recommendation of every round: filter by status, addressee, area and
//! overdue; record what the addressed bodies reported, with dates and evidence; see the counts
//! by status for each addressee.

use super::drafting::status_label;
use super::{Ctx, area_label, combo, name};
use crate::charts::svg::color;
use crate::i18n::{Lang, fill};
use crate::model::text::search_key;
use crate::model::*;
use crate::session::{Change, ChangeLabel, Stamp};
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
            search: String::new(),
            ignore_marks: true,
        }
    }
}

type Key = (Stamp, Filters, NaiveDate);

/// What the board asks the app to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUpAction {
    OpenDrafting(RoundId),
}

#[derive(Default)]
pub struct FollowUpScreen {
    filters: Filters,
    selected: Option<RecommendationId>,
    response_date: String,
    response_text: String,
    response_evidence: String,
    response_error: Option<String>,
    cache: Option<(Key, Arc<Vec<RecommendationId>>)>,
}

impl FollowUpScreen {
    /// The recommendations the filters let through, cached until data or filters change.
    pub fn rows(
        &mut self,
        d: &Dossier,
        stamp: Stamp,
        today: NaiveDate,
    ) -> Arc<Vec<RecommendationId>> {
        let key: Key = (stamp, self.filters.clone(), today);
        if let Some((k, rows)) = &self.cache
            && *k == key
        {
            return Arc::clone(rows);
        }
        let f = &key.1;
        let needle = search_key(f.search.trim(), f.ignore_marks);
        let rows: Vec<RecommendationId> = d
            .recommendations
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
            .collect();
        let rows = Arc::new(rows);
        self.cache = Some((key, Arc::clone(&rows)));
        rows
    }

    pub fn select(&mut self, id: RecommendationId) {
        self.selected = Some(id);
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        today: NaiveDate,
    ) -> Option<FollowUpAction> {
        let t = ctx.t();
        let lang = ctx.lang;
        let d = ctx.session.dossier_arc();
        let mut action = None;
        if self.response_date.is_empty() {
            self.response_date = format_date(today);
        }
        self.filters_ui(ui, &d, lang);
        let rows = self.rows(&d, ctx.session.stamp(), today);
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
            counts_chart(ui, &d, lang);
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
                                let statuses: Vec<(RecommendationStatus, String)> =
                                    RecommendationStatus::ALL
                                        .iter()
                                        .map(|s| (*s, status_label(*s, t).to_string()))
                                        .collect();
                                if let Some(s) = combo(
                                    ui,
                                    Id::unique(("fu-status", r.id.0)),
                                    &format!(
                                        "{} — {} {}",
                                        t.status,
                                        t.what_recommendation_cap,
                                        n + 1
                                    ),
                                    &r.status,
                                    &statuses,
                                    150.0,
                                    !ctx.read_only(),
                                ) {
                                    let mut after = r.clone();
                                    after.status = s;
                                    ctx.apply(Change::update(
                                        ChangeLabel::edit(|t| t.what_recommendation, ""),
                                        Record::Recommendation(r.clone()),
                                        Record::Recommendation(after),
                                    ));
                                }
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
            // The search label, its field and its option wrap as one, never apart.
            ui.horizontal(|ui| {
                let l = ui.label(t.search);
                ui.add(egui::TextEdit::singleline(&mut self.filters.search).desired_width(180.0))
                    .labelled_by(l.id);
                ui.checkbox(&mut self.filters.ignore_marks, t.ignore_marks);
            });
        });
    }

    fn detail_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &mut Ctx<'_>,
        d: &Dossier,
        today: NaiveDate,
    ) -> Option<FollowUpAction> {
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
        let mut action = None;
        ui.heading(t.what_recommendation_cap);
        ui.label(if r.text.is_empty() {
            t.empty_text
        } else {
            r.text.as_str()
        });
        if ui.link(t.open_in_drafting).clicked() {
            action = Some(FollowUpAction::OpenDrafting(r.round_id));
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

/// Counts by status for each addressee, as stacked horizontal bars.
fn counts_chart(ui: &mut egui::Ui, d: &Dossier, lang: Lang) {
    let t = lang.texts();
    let counts = crate::analysis::status_counts(d);
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
                        let (r, g, b) = color(si);
                        let bar = egui_plot::Bar::new(i as f64, c[si] as f64)
                            .base_offset(base[i])
                            .width(0.6)
                            .fill(Color32::from_rgb(r, g, b))
                            .horizontal();
                        base[i] += c[si] as f64;
                        bar
                    })
                    .collect();
                let (r, g, b) = color(si);
                plot.bar_chart(
                    egui_plot::BarChart::new(status_label(*status, t), bars)
                        .color(Color32::from_rgb(r, g, b))
                        .allow_hover(false),
                );
            }
        });
}
