//! Checks on the figures a project holds, for the data screen, `giamsat check` and the import
//! plan: every total the counting module withholds (periods that overlap, parts larger than
//! their total …), every total whose parts add up to something else, every figure a later
//! round replaced, more disbursed than was available, a figure about a thousand times its
//! area's other years (đồng typed as triệu đồng, or the reverse), and the same figure entered
//! twice. Each warning names the records behind it, so the screen can take the user to them.
//! Pure: knows nothing of egui.

use crate::analysis::count::{self, Counter, Query, Replaced, Whole, Withheld};
use crate::analysis::{self, AllocationFilter};
use crate::i18n::Lang;
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;
use std::collections::HashMap;

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A total the counting rules cannot give (two periods of the same money overlap, parts
    /// add up to more than their total …).
    Withheld(Withheld),
    /// A total and the parts it includes add up differently: the total counts, the parts
    /// are shown beside it.
    Parts(Whole),
    /// A figure a later round reported again: left out of every total.
    Replaced(Replaced),
    /// More disbursed in a period than allocated plus carried over into it.
    DisbursedOverAvailable {
        area_id: AreaId,
        project_id: ProjectId,
        period: Period,
        disbursed: Dong,
        available: Dong,
        ids: Vec<AllocationId>,
    },
    /// A figure about a thousand times (or a thousandth of) its area's other years.
    ThousandFold {
        area_id: AreaId,
        id: AllocationId,
        amount: Dong,
        typical: Dong,
    },
    /// The same area, project, period, kind and funding source more than once.
    Duplicate {
        area_id: AreaId,
        ids: Vec<AllocationId>,
    },
}

impl Warning {
    /// The records to show for it.
    pub fn allocation_ids(&self) -> Vec<AllocationId> {
        match self {
            Warning::Withheld(w) => {
                let (a, b) = pieces(w);
                let mut ids: Vec<AllocationId> = a.ids.iter().chain(&b.ids).copied().collect();
                ids.sort();
                ids.dedup();
                ids
            }
            Warning::Parts(w) => {
                let mut ids: Vec<AllocationId> = w
                    .whole
                    .ids
                    .iter()
                    .chain(w.parts.iter().flat_map(|p| &p.ids))
                    .copied()
                    .collect();
                ids.sort();
                ids
            }
            Warning::Replaced(r) => vec![r.id],
            Warning::DisbursedOverAvailable { ids, .. } | Warning::Duplicate { ids, .. } => {
                ids.clone()
            }
            Warning::ThousandFold { id, .. } => vec![*id],
        }
    }

    pub fn area_id(&self) -> AreaId {
        match self {
            Warning::Withheld(w) => pieces(w).0.area,
            Warning::Parts(w) => w.whole.area,
            Warning::Replaced(r) => r.area,
            Warning::DisbursedOverAvailable { area_id, .. }
            | Warning::ThousandFold { area_id, .. }
            | Warning::Duplicate { area_id, .. } => *area_id,
        }
    }

    /// What to tell the user, with the area, and what to do.
    pub fn message(&self, d: &Dossier, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let area = d
            .area(self.area_id())
            .map(|a| a.full_name(lang))
            .unwrap_or_default();
        let money = |x: Dong| {
            let style = if vi { NumberStyle::Vi } else { NumberStyle::En };
            format!(
                "{} {}",
                format_money(x, MoneyUnit::Trieu, style),
                if vi {
                    "triệu đồng"
                } else {
                    "million đồng"
                }
            )
        };
        match self {
            Warning::Withheld(w) => count::withheld_text(d, w, MoneyUnit::Trieu, lang),
            Warning::Parts(w) => parts_text(d, w, lang),
            Warning::Replaced(r) => replaced_text(d, r, lang),
            Warning::DisbursedOverAvailable {
                project_id,
                period,
                disbursed,
                available,
                ..
            } => {
                let project = d
                    .project(*project_id)
                    .map(|p| p.short_label(lang))
                    .unwrap_or_default();
                if vi {
                    format!(
                        "{area}, {project}, {period}: giải ngân {} nhiều hơn vốn có ({} gồm vốn phân bổ và vốn năm trước chuyển sang) — hãy kiểm tra lại số liệu",
                        money(*disbursed),
                        money(*available)
                    )
                } else {
                    format!(
                        "{area}, {project}, {period}: disbursed {} is more than was available ({} allocated plus carried over) — check the figures",
                        money(*disbursed),
                        money(*available)
                    )
                }
            }
            Warning::ThousandFold {
                id,
                amount,
                typical,
                ..
            } => {
                let what = d.allocations.iter().find(|a| a.id == *id).map(|a| {
                    let kind = if vi {
                        a.kind.label_vi()
                    } else {
                        a.kind.label_en()
                    };
                    format!("{} {}", kind.to_lowercase(), a.period)
                });
                let what = what.unwrap_or_default();
                match (vi, amount > typical) {
                    (true, true) => format!(
                        "{area}: {what} là {}, gấp khoảng một nghìn lần các năm khác ({}) — có thể đã nhập số đồng vào ô triệu đồng",
                        money(*amount),
                        money(*typical)
                    ),
                    (true, false) => format!(
                        "{area}: {what} là {}, chỉ bằng khoảng một phần nghìn các năm khác ({}) — có thể đã nhập số triệu đồng vào ô đồng",
                        money(*amount),
                        money(*typical)
                    ),
                    (false, true) => format!(
                        "{area}: {what} is {}, about a thousand times the other years ({}) — đồng may have been typed as million đồng",
                        money(*amount),
                        money(*typical)
                    ),
                    (false, false) => format!(
                        "{area}: {what} is {}, about a thousandth of the other years ({}) — million đồng may have been typed as đồng",
                        money(*amount),
                        money(*typical)
                    ),
                }
            }
            Warning::Duplicate { ids, .. } => {
                if vi {
                    format!(
                        "{area}: {} số liệu trùng địa bàn, dự án, kỳ, loại vốn và nguồn vốn đang được cộng lại — nếu là một khoản ghi hai lần, hãy xóa bớt",
                        ids.len()
                    )
                } else {
                    format!(
                        "{area}: {} figures with the same area, project, period, kind and funding source are being added up — if one amount was entered twice, delete the extra",
                        ids.len()
                    )
                }
            }
        }
    }
}

/// How far apart a figure and its area's other years must be to be "about a thousand times".
const FOLD_MIN: i64 = 200;
const FOLD_MAX: i64 = 5_000;

/// The two figures a withheld total names: the total and the part, or the overlapping pair.
fn pieces(w: &Withheld) -> (&count::Piece, &count::Piece) {
    match w {
        Withheld::PartsLarger { whole, .. } => (whole, whole),
        Withheld::PartsLater { whole, part } => (whole, part),
        Withheld::LevelsOverlap(a, b) | Withheld::PeriodsOverlap(a, b) => (a, b),
    }
}

fn parts_text(d: &Dossier, w: &Whole, lang: Lang) -> String {
    let t = lang.texts();
    let name = |a: AreaId| d.area(a).map(|x| x.full_name(lang)).unwrap_or_default();
    let project = d
        .project(w.whole.project)
        .map(|p| p.short_label(lang))
        .unwrap_or_default();
    let money = |s: &AmountSum| count::explain::sum_text(s, MoneyUnit::Trieu, lang);
    let parts: Vec<String> = w
        .parts
        .iter()
        .map(|p| {
            let who = if p.covers == Covers::Own {
                crate::i18n::fill(t.covers_own_of, &[("area", &name(p.area))])
            } else {
                name(p.area)
            };
            format!("{who} {}", money(&p.sum))
        })
        .collect();
    let diff = w
        .difference()
        .map(|x| count::explain::difference_text(x, MoneyUnit::Trieu, lang));
    crate::i18n::fill(
        t.warn_parts,
        &[
            ("area", &name(w.whole.area)),
            ("project", &project),
            (
                "kind",
                &crate::i18n::labels::allocation_kind_label(w.whole.kind, lang).to_lowercase(),
            ),
            ("period", &w.whole.period.to_string()),
            ("whole", &money(&w.whole.sum)),
            ("parts", &parts.join(", ")),
            (
                "sum",
                &w.parts_sum
                    .as_ref()
                    .map_or_else(|| t.withheld_short.to_string(), money),
            ),
            ("diff", &diff.unwrap_or_else(|| "?".into())),
        ],
    )
}

fn replaced_text(d: &Dossier, r: &Replaced, lang: Lang) -> String {
    let t = lang.texts();
    let labels = analysis::round_labels(d, lang);
    let round = |r: Option<RoundId>| {
        r.and_then(|r| labels.get(&r).cloned())
            .unwrap_or_else(|| t.round_none.to_string())
    };
    crate::i18n::fill(
        t.warn_replaced,
        &[
            (
                "area",
                &d.area(r.area)
                    .map(|x| x.full_name(lang))
                    .unwrap_or_default(),
            ),
            (
                "project",
                &d.project(r.project)
                    .map(|p| p.short_label(lang))
                    .unwrap_or_default(),
            ),
            (
                "kind",
                &crate::i18n::labels::allocation_kind_label(r.kind, lang).to_lowercase(),
            ),
            ("period", &r.period.to_string()),
            (
                "amount",
                &count::explain::amount_text(r.amount, MoneyUnit::Trieu, lang),
            ),
            ("round", &round(r.round)),
            ("by", &round(r.by)),
        ],
    )
}

/// Every warning about `d`'s figures, in a stable order: totals withheld, totals beside
/// parts that add up differently, figures replaced, then per area.
pub fn warnings(d: &Dossier) -> Result<Vec<Warning>, MoneyError> {
    warnings_of(d, &Counter::new(d, &AllocationFilter::default())?)
}

/// [`warnings`], the figures already counted (the whole project, as reported).
pub fn warnings_of(d: &Dossier, counter: &Counter) -> Result<Vec<Warning>, MoneyError> {
    let mut out: Vec<Warning> = Vec::new();
    let mut withheld: Vec<Withheld> = Vec::new();
    let mut seen: std::collections::HashSet<(count::WithheldWhy, Vec<AllocationId>)> =
        Default::default();
    let mut note = |c: count::Count| {
        for w in c.withheld {
            let (a, b) = pieces(&w);
            let key = (w.why(), a.ids.iter().chain(&b.ids).copied().collect());
            if seen.insert(key) {
                withheld.push(w);
            }
        }
    };
    let rows = counter.row_tallies()?;
    // Each figure's own total, then each area's and project's over its periods where two of
    // them overlap (or figures nest below), then each kind's over everything.
    let mut periods: HashMap<(AreaId, ProjectId, AllocationKind), Vec<Period>> = HashMap::new();
    let mut series: Vec<(AreaId, ProjectId, AllocationKind)> = Vec::new();
    for (k, t) in &rows {
        if t.total.is_none() {
            note(counter.count(&Query {
                areas: Some(std::slice::from_ref(&k.area)),
                projects: Some(std::slice::from_ref(&k.project)),
                kind: k.kind,
                periods: Some(std::slice::from_ref(&k.period)),
            })?);
        }
        let list = periods.entry((k.area, k.project, k.kind)).or_default();
        if list.is_empty() {
            series.push((k.area, k.project, k.kind));
        }
        list.push(k.period);
    }
    for key @ (area, project, kind) in &series {
        let ps = &periods[key];
        let overlapping = ps
            .iter()
            .enumerate()
            .any(|(i, a)| ps[i + 1..].iter().any(|b| a != b && a.overlaps(*b)));
        if !overlapping && counter.is_flat() {
            continue;
        }
        let q = Query {
            areas: Some(std::slice::from_ref(area)),
            projects: Some(std::slice::from_ref(project)),
            kind: *kind,
            periods: None,
        };
        if counter.tally(&q)?.total.is_none() {
            note(counter.count(&q)?);
        }
    }
    for kind in counter.kinds() {
        let q = Query {
            kind,
            ..Default::default()
        };
        if counter.tally(&q)?.total.is_none() {
            note(counter.count(&q)?);
        }
    }
    out.extend(withheld.into_iter().map(Warning::Withheld));
    out.extend(
        counter
            .wholes()
            .into_iter()
            .filter(|w| matches!(w.difference(), Some(x) if x != 0))
            .map(Warning::Parts),
    );
    out.extend(counter.replaced().iter().cloned().map(Warning::Replaced));

    // Disbursed against allocated plus carried over, per area, project and period.
    let by_key: HashMap<(AreaId, ProjectId, AllocationKind, Period), &count::Tally> = rows
        .iter()
        .map(|(k, t)| ((k.area, k.project, k.kind, k.period), t))
        .collect();
    for (k, disbursed) in rows
        .iter()
        .filter(|(k, _)| k.kind == AllocationKind::Disbursed)
    {
        let of = |kind| by_key.get(&(k.area, k.project, kind, k.period)).copied();
        let (allocated, carried) = (
            of(AllocationKind::Allocated),
            of(AllocationKind::CarriedOver),
        );
        if allocated.is_none() {
            continue;
        }
        let available = count::available_of(allocated, carried)?;
        // Unknown money may cover it: only fully known amounts are compared.
        let Some(d_sum) = disbursed.total else {
            continue;
        };
        let Some(available_sum) = available.total.as_ref().and_then(AmountSum::total) else {
            continue;
        };
        if d_sum.known > available_sum {
            let mut ids = available.ids.clone();
            ids.extend(disbursed.ids.iter().copied());
            ids.sort();
            out.push(Warning::DisbursedOverAvailable {
                area_id: k.area,
                project_id: k.project,
                period: k.period,
                disbursed: d_sum.known,
                available: available_sum,
                ids,
            });
        }
    }

    // A thousandfold figure among an area's single years of one project and kind.
    let mut series: HashMap<(AreaId, ProjectId, AllocationKind), Vec<&Allocation>> = HashMap::new();
    let mut series_order = Vec::new();
    for a in &d.allocations {
        if let Amount::Known(x) = a.amount_dong
            && x > Dong::ZERO
            && a.period.is_single_year()
        {
            let key = (a.area_id, a.project_id, a.kind);
            let list = series.entry(key).or_default();
            if list.is_empty() {
                series_order.push(key);
            }
            list.push(a);
        }
    }
    for key in &series_order {
        let list = &series[key];
        if list.len() < 2 {
            continue;
        }
        for a in list {
            let mut others: Vec<i64> = list
                .iter()
                .filter(|b| b.id != a.id)
                .filter_map(|b| b.amount_dong.known().map(Dong::get))
                .collect();
            others.sort_unstable();
            let typical = others[others.len() / 2];
            let x = a.amount_dong.known().map_or(0, Dong::get);
            let (big, small) = if x >= typical {
                (x, typical)
            } else {
                (typical, x)
            };
            if small > 0 {
                let ratio = big / small;
                if (FOLD_MIN..=FOLD_MAX).contains(&ratio)
                    && let Ok(typical) = Dong::new(typical)
                {
                    out.push(Warning::ThousandFold {
                        area_id: a.area_id,
                        id: a.id,
                        amount: Dong::new(x).unwrap_or(Dong::ZERO),
                        typical,
                    });
                }
            }
        }
    }

    // The same figure twice.
    let mut same: HashMap<_, Vec<&Allocation>> = HashMap::new();
    let mut same_order = Vec::new();
    for a in &d.allocations {
        let key = (
            a.area_id,
            a.project_id,
            a.period,
            a.kind,
            a.funding_source_id,
            // Another round's figure is a later report of it, not a second amount.
            a.round_id,
            // An area's own part beside its total is a part of it, not the same figure.
            a.covers,
        );
        let list = same.entry(key).or_default();
        if list.is_empty() {
            same_order.push(key);
        }
        list.push(a);
    }
    for key in &same_order {
        let list = &same[key];
        if list.len() > 1 {
            out.push(Warning::Duplicate {
                area_id: key.0,
                ids: list.iter().map(|a| a.id).collect(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn add(d: &mut Dossier, year: i32, kind: AllocationKind, trieu: i64) -> AllocationId {
        let id = AllocationId(d.next_id(Table::Allocations));
        d.allocations.push(Allocation {
            id,
            area_id: sample::HUU_LUNG,
            project_id: sample::DU_AN_7,
            period: Period::year(year).unwrap(),
            kind,
            funding_source_id: None,
            amount_dong: Amount::Known(Dong::from_trieu(trieu).unwrap()),
            note: String::new(),
            source_doc: String::new(),
            round_id: None,
            covers: Covers::Total,
        });
        id
    }

    #[test]
    fn the_sample_has_nothing_to_warn_about() {
        assert_eq!(warnings(&sample::lang_son()).unwrap(), vec![]);
    }

    #[test]
    fn more_disbursed_than_available_is_flagged_unless_unknown_money_may_cover_it() {
        let mut d = sample::lang_son();
        // 2022: 468 allocated, nothing carried over; 470 disbursed.
        let id = add(&mut d, 2022, AllocationKind::Disbursed, 470);
        let w = warnings(&d).unwrap();
        assert_eq!(w.len(), 1);
        assert!(matches!(&w[0], Warning::DisbursedOverAvailable { ids, .. } if ids.contains(&id)));
        let text = w[0].message(&d, Lang::Vi);
        assert!(
            text.contains("giải ngân 470 triệu đồng nhiều hơn vốn có (468 triệu đồng"),
            "{text}"
        );
        // 2023: 494 allocated plus an unknown carried-over amount: 600 disbursed may be right.
        add(&mut d, 2023, AllocationKind::Disbursed, 600);
        assert_eq!(warnings(&d).unwrap().len(), 1);
    }

    #[test]
    fn a_thousandfold_year_and_a_figure_entered_twice_are_flagged() {
        let mut d = sample::lang_son();
        // 2024 typed in đồng into a triệu field: 480 000 triệu beside 468 and 494.
        let id = add(&mut d, 2024, AllocationKind::Allocated, 480_000);
        let w = warnings(&d).unwrap();
        assert!(
            w.iter()
                .any(|w| matches!(w, Warning::ThousandFold { id: x, .. } if *x == id)),
            "{w:?}"
        );
        // A tenfold year is a real change, not a typing slip.
        let mut d = sample::lang_son();
        add(&mut d, 2024, AllocationKind::Allocated, 4_800);
        assert!(warnings(&d).unwrap().is_empty());
        // The same figure twice.
        let mut d = sample::lang_son();
        let a = add(&mut d, 2024, AllocationKind::Allocated, 500);
        let b = add(&mut d, 2024, AllocationKind::Allocated, 500);
        let w = warnings(&d).unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].allocation_ids(), vec![a, b]);
        assert!(w[0].message(&d, Lang::Vi).contains("2 số liệu trùng"));
    }
}
