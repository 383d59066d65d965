//! Indicators: what is counted (training classes held, communes inspected, the month an
//! inspection was completed) and the values each area reported for a period.

use super::{Action, Ctx, Screen, apply_from_field, combo, delete_button, name, required};
use crate::i18n::Lang;
use crate::i18n::labels::*;
use crate::model::*;
use crate::session::{Change, ChangeLabel, Session};
use crate::ui::fields::FieldOpts;
use egui::Id;

fn measure_text(m: Measure, lang: Lang) -> String {
    match m {
        Measure::Number(q) => q.format(lang.number_style()),
        Measure::Month(ym) => ym.format_vi(),
        Measure::Unknown => String::new(),
    }
}

fn parse_measure(s: &str, kind: IndicatorKind, lang: Lang) -> Result<Measure, String> {
    let t = lang.texts();
    if s.trim().is_empty() {
        return Ok(Measure::Unknown);
    }
    match kind {
        IndicatorKind::Number => Quantity::parse(s, lang.number_style())
            .map(Measure::Number)
            .map_err(|e| e.message(lang)),
        IndicatorKind::Month => YearMonth::parse(s)
            .map(Measure::Month)
            .ok_or_else(|| t.err_month.to_string()),
    }
}

/// The indicators and their values per area and year.
pub struct IndicatorsScreen;

impl Screen for IndicatorsScreen {
    fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut Ctx<'_>) -> Option<Action> {
        egui::ScrollArea::both()
            .auto_shrink([false, false])
            .show(ui, |ui| show(ui, ctx));
        None
    }
}

fn show(ui: &mut egui::Ui, ctx: &mut Ctx<'_>) {
    let t = ctx.t();
    let lang = ctx.lang;
    let ro = ctx.read_only();
    let d = ctx.session.dossier_arc();
    ui.heading(t.section_indicators);
    ui.add_space(4.0);
    ui.strong(t.indicator_defs);
    let kinds = [
        (IndicatorKind::Number, t.kind_number.to_string()),
        (IndicatorKind::Month, t.kind_month.to_string()),
    ];
    egui::Grid::new("indicator-defs")
        .num_columns(4)
        .striped(true)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.strong(t.f_indicator_name);
            ui.strong(t.f_unit);
            ui.strong(t.f_indicator_kind);
            ui.label("");
            ui.end_row();
            for ind in &d.indicators {
                let id = ind.id;
                let session = &mut *ctx.session;
                let r = ctx.fields.text(
                    ui,
                    Id::unique(("indicator", id.0, "name")),
                    &ind.name,
                    &format!("{} {}", t.f_indicator_name, id.0),
                    FieldOpts::width(460.0).read_only(ro),
                    |s, done| {
                        let v = required(s, t)?;
                        edit_indicator(session, lang, id, done, |x| x.name = v)
                    },
                );
                if let Some(e) = r.error {
                    r.response.on_hover_text(e);
                }
                let session = &mut *ctx.session;
                ctx.fields.text(
                    ui,
                    Id::unique(("indicator", id.0, "unit")),
                    &ind.unit,
                    &format!("{} — {}", t.f_unit, ind.name),
                    FieldOpts::width(100.0).read_only(ro),
                    |s, done| {
                        edit_indicator(session, lang, id, done, |x| x.unit = s.trim().to_string())
                    },
                );
                let used = d
                    .indicator_values
                    .iter()
                    .filter(|v| v.indicator_id == id)
                    .count();
                // The type can change only while no value uses it.
                if let Some(k) = combo(
                    ui,
                    Id::unique(("indicator-kind", id.0)),
                    &format!("{} — {}", t.f_indicator_kind, ind.name),
                    &ind.kind,
                    &kinds,
                    140.0,
                    !ro && used == 0,
                ) {
                    let mut after = ind.clone();
                    after.kind = k;
                    ctx.apply(Change::update(
                        ChangeLabel::edit(|t| t.what_indicator, ind.name.clone()),
                        Record::Indicator(ind.clone()),
                        Record::Indicator(after),
                    ));
                }
                if delete_button(ui, t, &ind.name, used, ro) {
                    ctx.apply(Change::new(
                        ChangeLabel::delete(|t| t.what_indicator, ind.name.clone()),
                        vec![Edit::delete(Record::Indicator(ind.clone()))],
                    ));
                }
                ui.end_row();
            }
        });
    if ui
        .add_enabled(!ro, egui::Button::new(t.add_indicator))
        .clicked()
    {
        let id = IndicatorId(ctx.session.new_id(Table::Indicators));
        let x = Indicator {
            id,
            name: t.new_indicator_name.to_string(),
            unit: String::new(),
            kind: IndicatorKind::Number,
        };
        ctx.apply(Change::new(
            ChangeLabel::add(|t| t.what_indicator, ""),
            vec![Edit::insert(Record::Indicator(x))],
        ));
    }

    ui.add_space(12.0);
    ui.strong(t.indicator_values);
    if d.indicators.is_empty() || d.areas.is_empty() {
        return;
    }
    let indicator_choices: Vec<(IndicatorId, String)> = d
        .indicators
        .iter()
        .map(|x| (x.id, x.name.clone()))
        .collect();
    let area_choices: Vec<(AreaId, String)> = super::areas::tree_order(&d.areas)
        .into_iter()
        .map(|(_, a)| (a.id, area_label(&a, lang)))
        .collect();
    let mut pending = Vec::new();
    egui::ScrollArea::both()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("indicator-values")
                .num_columns(7)
                .striped(true)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    for h in [
                        t.col_indicator,
                        t.col_area,
                        t.col_period,
                        t.col_value,
                        t.col_source_doc,
                        t.col_note,
                        "",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for v in &d.indicator_values {
                        let id = v.id;
                        // The figures an issued round rests on are locked.
                        let ro = ro
                            || crate::model::rules::locking_round(
                                &d,
                                &Record::IndicatorValue(v.clone()),
                            )
                            .is_some();
                        let Some(ind) = d.indicator(v.indicator_id) else {
                            continue;
                        };
                        let area = d
                            .area(v.area_id)
                            .map(|a| area_label(a, lang))
                            .unwrap_or_default();
                        let row = format!("{} — {area}, {}", ind.name, v.period);
                        let subject = format!("{area} {}", v.period);
                        let update = |after: IndicatorValue| {
                            Change::update(
                                ChangeLabel::edit(|t| t.what_indicator_value, subject.clone()),
                                Record::IndicatorValue(v.clone()),
                                Record::IndicatorValue(after),
                            )
                        };
                        let compatible: Vec<(IndicatorId, String)> = indicator_choices
                            .iter()
                            .filter(|(i, _)| d.indicator(*i).is_some_and(|x| v.value.fits(x.kind)))
                            .cloned()
                            .collect();
                        if let Some(x) = combo(
                            ui,
                            Id::unique(("iv-ind", id.0)),
                            &format!("{} — {row}", t.col_indicator),
                            &v.indicator_id,
                            &compatible,
                            260.0,
                            !ro,
                        ) {
                            let mut after = v.clone();
                            after.indicator_id = x;
                            pending.push(update(after));
                        }
                        if let Some(x) = combo(
                            ui,
                            Id::unique(("iv-area", id.0)),
                            &format!("{} — {row}", t.col_area),
                            &v.area_id,
                            &area_choices,
                            150.0,
                            !ro,
                        ) {
                            let mut after = v.clone();
                            after.area_id = x;
                            pending.push(update(after));
                        }
                        let kind = ind.kind;
                        type Setter<'a> = Box<
                            dyn FnOnce(&str) -> Result<Box<dyn FnOnce(&mut IndicatorValue)>, String>
                                + 'a,
                        >;
                        let cells: [(&str, &str, String, f32, Setter<'_>); 4] = [
                            (
                                "period",
                                t.col_period,
                                v.period.to_string(),
                                80.0,
                                Box::new(move |s: &str| {
                                    let p = Period::parse(s).map_err(|e| e.message(lang))?;
                                    Ok(Box::new(move |x: &mut IndicatorValue| x.period = p)
                                        as Box<dyn FnOnce(&mut IndicatorValue)>)
                                }),
                            ),
                            (
                                "value",
                                t.col_value,
                                measure_text(v.value, lang),
                                90.0,
                                Box::new(move |s: &str| {
                                    let m = parse_measure(s, kind, lang)?;
                                    Ok(Box::new(move |x: &mut IndicatorValue| x.value = m)
                                        as Box<dyn FnOnce(&mut IndicatorValue)>)
                                }),
                            ),
                            (
                                "source",
                                t.col_source_doc,
                                v.source_doc.clone(),
                                220.0,
                                Box::new(|s: &str| {
                                    let s = s.to_string();
                                    Ok(Box::new(move |x: &mut IndicatorValue| x.source_doc = s)
                                        as Box<dyn FnOnce(&mut IndicatorValue)>)
                                }),
                            ),
                            (
                                "note",
                                t.col_note,
                                v.note.clone(),
                                260.0,
                                Box::new(|s: &str| {
                                    let s = s.to_string();
                                    Ok(Box::new(move |x: &mut IndicatorValue| x.note = s)
                                        as Box<dyn FnOnce(&mut IndicatorValue)>)
                                }),
                            ),
                        ];
                        for (key, label, stored, width, parse) in cells {
                            let session = &mut *ctx.session;
                            let hint = if key == "value" {
                                Some(t.value_hint)
                            } else {
                                None
                            };
                            let mut opts = FieldOpts::width(width).read_only(ro);
                            opts.hint = hint;
                            let r = ctx.fields.text(
                                ui,
                                Id::unique(("iv", id.0, key)),
                                &stored,
                                &format!("{label} — {row}"),
                                opts,
                                |s, done| {
                                    let set = parse(s)?;
                                    edit_value(session, lang, id, key, done, set)
                                },
                            );
                            if let Some(e) = r.error {
                                r.response.on_hover_text(e);
                            }
                        }
                        let r = ui.add_enabled(!ro, egui::Button::new(t.delete));
                        name(ui, &r, format!("{} — {row}", t.delete));
                        if r.clicked() {
                            pending.push(Change::new(
                                ChangeLabel::delete(|t| t.what_indicator_value, subject.clone()),
                                vec![Edit::delete(Record::IndicatorValue(v.clone()))],
                            ));
                        }
                        ui.end_row();
                    }
                });
        });
    for c in pending {
        ctx.apply(c);
    }
    if ui
        .add_enabled(!ro, egui::Button::new(t.add_indicator_value))
        .clicked()
    {
        let area_id = d
            .areas
            .iter()
            .find(|a| a.level() != AreaLevel::Province)
            .or(d.areas.first())
            .map(|a| a.id);
        let year = d
            .indicator_values
            .iter()
            .map(|v| v.period.to_year())
            .max()
            .unwrap_or(2023);
        if let (Some(area_id), Some(ind), Ok(period)) =
            (area_id, d.indicators.first(), Period::year(year))
        {
            let id = IndicatorValueId(ctx.session.new_id(Table::IndicatorValues));
            let v = IndicatorValue {
                id,
                indicator_id: ind.id,
                area_id,
                period,
                value: Measure::Unknown,
                note: String::new(),
                source_doc: String::new(),
            };
            ctx.apply(Change::new(
                ChangeLabel::add(|t| t.what_indicator_value, ""),
                vec![Edit::insert(Record::IndicatorValue(v))],
            ));
        }
    }
}

fn edit_indicator(
    session: &mut Session,
    lang: Lang,
    id: IndicatorId,
    done: bool,
    set: impl FnOnce(&mut Indicator),
) -> Result<(), String> {
    let Some(before) = session.dossier().indicator(id).cloned() else {
        return Ok(());
    };
    let mut after = before.clone();
    set(&mut after);
    let change = Change::update(
        ChangeLabel::edit(|t| t.what_indicator, after.name.clone()),
        Record::Indicator(before),
        Record::Indicator(after),
    )
    .merging(format!("indicator:{}", id.0));
    apply_from_field(session, lang, change, done)
}

fn edit_value(
    session: &mut Session,
    lang: Lang,
    id: IndicatorValueId,
    key: &str,
    done: bool,
    set: Box<dyn FnOnce(&mut IndicatorValue)>,
) -> Result<(), String> {
    let Some(before) = session
        .dossier()
        .indicator_values
        .iter()
        .find(|v| v.id == id)
        .cloned()
    else {
        return Ok(());
    };
    let mut after = before.clone();
    set(&mut after);
    let change = Change::update(
        ChangeLabel::edit(|t| t.what_indicator_value, after.period.to_string()),
        Record::IndicatorValue(before),
        Record::IndicatorValue(after),
    )
    .merging(format!("indicator_value:{}:{key}", id.0));
    apply_from_field(session, lang, change, done)
}
