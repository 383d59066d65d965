//! The filter bar above the chart: the kind of chart, money kind or indicator, project,
//! level, basis, the area picker, order and limit, the years and the export buttons.

use super::ChartsScreen;
use crate::analysis::AreaBasis;
use crate::charts::{AreaOrder, ChartKind};
use crate::i18n::labels::*;
use crate::i18n::{Lang, fill};
use crate::model::*;
use crate::ui::commands::Command;
use crate::ui::screens::{Action, combo};
use egui::{Color32, Id};

impl ChartsScreen {
    /// A button naming the areas shown; it opens the tree of areas with a search field. A
    /// unit with units under it, or one replaced by others, picks them all in one click.
    fn area_picker_ui(&mut self, ui: &mut egui::Ui, d: &Dossier, lang: Lang) {
        let t = lang.texts();
        let shown = match &self.areas {
            None => t.picker_all_areas.to_string(),
            Some(set) => fill(t.picker_some_areas, &[("count", &set.len().to_string())]),
        };
        let button = ui.button(format!("{}: {shown}", t.picker_areas));
        super::name(ui, &button, format!("{}: {shown}", t.picker_areas));
        egui::Popup::from_toggle_button_response(&button)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| {
                ui.set_min_width(340.0);
                let l = ui.label(t.picker_search);
                ui.add(
                    egui::TextEdit::singleline(&mut self.area_search)
                        .hint_text(t.picker_search_hint)
                        .desired_width(320.0),
                )
                .labelled_by(l.id);
                ui.horizontal(|ui| {
                    if ui.button(t.picker_all).clicked() {
                        self.areas = None;
                        self.selected = None;
                    }
                    if ui.button(t.picker_none).clicked() {
                        self.areas = Some(Default::default());
                        self.selected = None;
                    }
                });
                ui.separator();
                let key = crate::model::text::search_key(self.area_search.trim(), true);
                let map = SuccessionMap::new(&d.successions);
                let all: Vec<AreaId> = d.areas.iter().map(|a| a.id).collect();
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for (depth, a) in crate::model::area::tree_order(&d.areas) {
                            let label = area_label(&a, lang);
                            if !key.is_empty()
                                && !crate::model::text::search_key(&label, true).contains(&key)
                            {
                                continue;
                            }
                            ui.horizontal(|ui| {
                                ui.add_space(depth as f32 * 14.0);
                                let mut on = self.areas.as_ref().is_none_or(|s| s.contains(&a.id));
                                if ui.checkbox(&mut on, &label).changed() {
                                    let set = self
                                        .areas
                                        .get_or_insert_with(|| all.iter().copied().collect());
                                    if on {
                                        set.insert(a.id);
                                    } else {
                                        set.remove(&a.id);
                                    }
                                    self.selected = None;
                                }
                                // One click for a whole former district: the units under it,
                                // or those that replaced it.
                                let mut group: Vec<AreaId> = d
                                    .areas
                                    .iter()
                                    .filter(|c| c.parent_id == Some(a.id))
                                    .map(|c| c.id)
                                    .collect();
                                group.extend(
                                    map.current_units(a.id).into_iter().filter(|x| *x != a.id),
                                );
                                if !group.is_empty() {
                                    let b = ui.small_button(fill(
                                        t.picker_only_group,
                                        &[("count", &group.len().to_string())],
                                    ));
                                    super::name(
                                        ui,
                                        &b,
                                        format!(
                                            "{} — {label}",
                                            fill(
                                                t.picker_only_group,
                                                &[("count", &group.len().to_string())]
                                            )
                                        ),
                                    );
                                    if b.clicked() {
                                        group.push(a.id);
                                        self.areas = Some(group.into_iter().collect());
                                        self.selected = None;
                                    }
                                }
                            });
                        }
                    });
            });
    }

    pub(super) fn controls(
        &mut self,
        ui: &mut egui::Ui,
        d: &Dossier,
        lang: Lang,
    ) -> Option<Action> {
        let t = lang.texts();
        let mut action = None;
        ui.horizontal_wrapped(|ui| {
            for k in ChartKind::ALL {
                if ui.selectable_label(self.kind == k, k.label(lang)).clicked() && self.kind != k {
                    self.kind = k;
                    self.selected = None;
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            if self.kind.uses_money_kind() {
                let kinds: Vec<(AllocationKind, String)> = AllocationKind::ALL
                    .iter()
                    .map(|k| (*k, allocation_kind_label(*k, lang).to_string()))
                    .collect();
                if let Some(k) = combo(
                    ui,
                    Id::unique("chart-kind"),
                    t.col_kind,
                    &self.money_kind,
                    &kinds,
                    200.0,
                    true,
                ) {
                    self.money_kind = k;
                }
            }
            if self.kind == ChartKind::Indicator {
                let inds: Vec<(Option<IndicatorId>, String)> = d
                    .indicators
                    .iter()
                    .filter(|i| i.kind == IndicatorKind::Number)
                    .map(|i| (Some(i.id), i.name.clone()))
                    .collect();
                let current = self.indicator.or(inds.first().and_then(|x| x.0));
                if let Some(i) = combo(
                    ui,
                    Id::unique("chart-indicator"),
                    t.col_indicator,
                    &current,
                    &inds,
                    320.0,
                    true,
                ) {
                    self.indicator = i;
                }
            }
            let projects: Vec<(Option<ProjectId>, String)> =
                std::iter::once((None, t.chart_all_projects.to_string()))
                    .chain(
                        d.projects
                            .iter()
                            .map(|p| (Some(p.id), project_label(p, lang))),
                    )
                    .collect();
            if self.kind != ChartKind::Indicator
                && let Some(p) = combo(
                    ui,
                    Id::unique("chart-project"),
                    t.col_project,
                    &self.project,
                    &projects,
                    150.0,
                    true,
                )
            {
                self.project = p;
            }
            let levels = [
                (None, t.chart_all_levels.to_string()),
                (Some(AreaLevel::Province), t.level_province.to_string()),
                (Some(AreaLevel::District), t.level_district.to_string()),
                (Some(AreaLevel::Commune), t.level_commune.to_string()),
            ];
            if let Some(l) = combo(
                ui,
                Id::unique("chart-level"),
                t.chart_area_level,
                &self.level,
                &levels,
                150.0,
                true,
            ) {
                self.level = l;
            }
            // Only a project that records where former units went has a choice to make.
            if !d.successions.is_empty() && self.kind != ChartKind::Indicator {
                let bases: Vec<(AreaBasis, String)> = AreaBasis::ALL
                    .iter()
                    .map(|b| (*b, b.label(lang).to_string()))
                    .collect();
                if let Some(b) = combo(
                    ui,
                    Id::unique("chart-basis"),
                    t.basis_label,
                    &self.basis,
                    &bases,
                    230.0,
                    true,
                ) {
                    self.basis = b;
                    self.selected = None;
                }
                ui.weak("(?)").on_hover_text(t.basis_hint);
            }
            self.area_picker_ui(ui, d, lang);
            if self.kind != ChartKind::Totals {
                let orders: Vec<(AreaOrder, String)> = AreaOrder::ALL
                    .iter()
                    .map(|o| {
                        (
                            *o,
                            match o {
                                AreaOrder::AsListed => t.chart_order_listed,
                                AreaOrder::LargestFirst => t.chart_order_largest,
                                AreaOrder::SmallestFirst => t.chart_order_smallest,
                            }
                            .to_string(),
                        )
                    })
                    .collect();
                if let Some(o) = combo(
                    ui,
                    Id::unique("chart-order"),
                    t.chart_order,
                    &self.order,
                    &orders,
                    150.0,
                    true,
                ) {
                    self.order = o;
                    self.selected = None;
                }
                let limits: Vec<(Option<usize>, String)> =
                    std::iter::once((None, t.chart_show_all.to_string()))
                        .chain(
                            [10usize, 20].into_iter().map(|n| {
                                (Some(n), fill(t.chart_show_n, &[("count", &n.to_string())]))
                            }),
                        )
                        .collect();
                if let Some(l) = combo(
                    ui,
                    Id::unique("chart-limit"),
                    t.chart_show,
                    &self.limit,
                    &limits,
                    130.0,
                    true,
                ) {
                    self.limit = l;
                    self.selected = None;
                }
            }
            // Each year stays beside its label when the bar wraps.
            for (label, text) in [
                (t.f_from_year, &mut self.year_from),
                (t.f_to_year, &mut self.year_to),
            ] {
                // A box of the pair's own size, so the wrapping row moves it whole.
                let width =
                    ui.fonts_mut(|f| {
                        f.layout_no_wrap(
                            label.to_string(),
                            egui::TextStyle::Body.resolve(ui.style()),
                            Color32::WHITE,
                        )
                    })
                    .size()
                    .x + 56.0
                        + 3.0 * ui.spacing().item_spacing.x
                        + 8.0;
                ui.allocate_ui_with_layout(
                    egui::vec2(width, ui.spacing().interact_size.y),
                    egui::Layout::left_to_right(egui::Align::Center),
                    |ui| {
                        let l = ui.label(label);
                        ui.add(egui::TextEdit::singleline(text).desired_width(56.0))
                            .labelled_by(l.id);
                    },
                );
            }
            if ui.button(t.chart_export_svg).clicked() {
                action = Some(Action::ExportChart { png: false });
            }
            if ui.button(t.chart_export_png).clicked() {
                action = Some(Action::ExportChart { png: true });
            }
            if ui.button(t.cmd_export_table).clicked() {
                action = Some(Action::Run(Command::ExportTable));
            }
        });
        action
    }
}
