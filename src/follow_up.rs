//! The follow-up arithmetic: how much of what was recommended has been carried out, by
//! addressee, round, year and kind — the numbers the board, its chart, the printed report and
//! `giamsat follow-up` all show — and what falls due soon. Pure functions over a dossier.
//!
//! The rules, as a State Audit Office report counts them:
//! - Every recommendation counts once in its group's total, a refused one (not accepted)
//!   included: refusing is not carrying out, so it lowers the rate.
//! - Done means verified by the Front (done or closed). What the addressee reports as done
//!   counts as in progress until the Front has verified it.
//! - Partly done counts as the part done: the share recorded in percent, or for a financial
//!   recommendation the amount done over the amount recommended. A part of unknown size counts
//!   nothing until it is known.
//! - By amount, only financial recommendations with a stated amount count: done ones with their
//!   whole amount, partly done ones with the amount done. One without an amount is counted
//!   apart (unknown, never zero).
//! - A recommendation addressed to two bodies counts in both bodies' rows, and once in the total.

use crate::analysis::count::MoneyTally;
use crate::i18n::labels::recommendation_kind_label;
use crate::model::number::{format_int, format_money_rounded, format_scaled};
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// How the rates are grouped (a notion of the model, named by `i18n::labels`).
pub use crate::model::Grouping;

/// One group's counts and amounts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RateRow {
    /// The addressee's name, the round's title, the year or the kind's name.
    pub group: String,
    pub total: usize,
    /// Verified done or closed.
    pub done: usize,
    pub partly: usize,
    /// In progress, reported done but not yet verified included.
    pub in_progress: usize,
    /// Of `in_progress`: reported done by the addressee, waiting for the Front's verification.
    pub reported: usize,
    pub open: usize,
    pub not_accepted: usize,
    /// Unfinished past their deadline.
    pub overdue: usize,
    /// Repeating an earlier round's recommendation.
    pub repeated: usize,
    /// Recommendations carried out, partly done ones as their part, in thousandths.
    pub done_milli: u64,
    /// The amounts of the financial recommendations that state one.
    pub amount_dong: i64,
    /// Of `amount_dong`: what has been carried out.
    pub amount_done_dong: i64,
    /// Financial recommendations without a stated amount: left out of the amounts.
    pub amount_unknown: usize,
    /// The amounts as added (by `analysis::count`): a sum too large to hold leaves the amounts
    /// out rather than capped to a wrong figure.
    #[serde(skip)]
    amounts: (MoneyTally, MoneyTally),
}

impl RateRow {
    /// Carried out over total, in percent; `None` for an empty group.
    pub fn rate_count(&self) -> Option<f64> {
        (self.total > 0).then(|| self.done_milli as f64 / 10.0 / self.total as f64)
    }

    /// Amount carried out over amount recommended, in percent; `None` without amounts (or
    /// with amounts too large to add up).
    pub fn rate_amount(&self) -> Option<f64> {
        (self.amount_dong > 0 && self.amounts.0.get().is_some() && self.amounts.1.get().is_some())
            .then(|| self.amount_done_dong as f64 * 100.0 / self.amount_dong as f64)
    }

    /// The recommendations carried out, partly done ones as their part: "7", "6,5".
    pub fn done_count(&self) -> f64 {
        self.done_milli as f64 / 1000.0
    }
}

/// What one recommendation contributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Contribution {
    done_milli: u64,
    /// (amount, amount done) for a financial recommendation with a stated amount.
    amount: Option<(i64, i64)>,
    amount_unknown: bool,
}

fn contribution(r: &Recommendation, last: Option<&FollowUpEvent>) -> Contribution {
    let amount = (r.kind == RecommendationKind::Financial)
        .then_some(r.amount_dong)
        .flatten()
        .map(Dong::get);
    let part = last.filter(|e| e.status == RecommendationStatus::PartlyDone);
    let part_amount = part.and_then(|e| e.amount_done_dong).map(Dong::get);
    let done_milli = match r.status {
        s if s.is_done() => 1000,
        RecommendationStatus::PartlyDone => match (part.and_then(|e| e.share_percent), part_amount)
        {
            (Some(p), _) => u64::from(p.min(100)) * 10,
            (None, Some(done)) => match amount {
                Some(total) if total > 0 => {
                    ((i128::from(done.min(total)) * 1000) / i128::from(total)) as u64
                }
                _ => 0,
            },
            (None, None) => 0,
        },
        _ => 0,
    };
    let amount_done = |total: i64| match r.status {
        s if s.is_done() => total,
        RecommendationStatus::PartlyDone => match (part_amount, part.and_then(|e| e.share_percent))
        {
            (Some(done), _) => done.min(total),
            (None, Some(p)) => ((i128::from(total) * i128::from(p)) / 100) as i64,
            (None, None) => 0,
        },
        _ => 0,
    };
    Contribution {
        done_milli,
        amount: amount.map(|total| (total, amount_done(total))),
        amount_unknown: r.kind == RecommendationKind::Financial && r.amount_dong.is_none(),
    }
}

fn add(row: &mut RateRow, r: &Recommendation, c: Contribution, today: NaiveDate) {
    use RecommendationStatus as S;
    row.total += 1;
    match r.status {
        S::Done | S::Closed => row.done += 1,
        S::PartlyDone => row.partly += 1,
        S::InProgress => row.in_progress += 1,
        S::Reported => {
            row.in_progress += 1;
            row.reported += 1;
        }
        S::Open => row.open += 1,
        S::NotAccepted => row.not_accepted += 1,
    }
    if r.is_overdue(today) {
        row.overdue += 1;
    }
    if r.repeats.is_some() {
        row.repeated += 1;
    }
    row.done_milli += c.done_milli;
    if let Some((total, done)) = c.amount {
        row.amounts.0.add(total);
        row.amounts.1.add(done);
        row.amount_dong = row.amounts.0.get().unwrap_or(0);
        row.amount_done_dong = row.amounts.1.get().unwrap_or(0);
    }
    if c.amount_unknown {
        row.amount_unknown += 1;
    }
}

/// The year a round's recommendations belong to: the year it was issued, else the year its
/// work ended or began.
pub fn round_year(round: &Round) -> Option<i32> {
    round
        .issued_on
        .or(round.end_date)
        .or(round.start_date)
        .map(|d| d.year())
}

/// Which recommendations a rate table covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RateScope {
    /// Only these rounds; `None`: every round of the project.
    pub rounds: Option<Vec<RoundId>>,
}

/// The rates per group, in the groups' natural order (addressees as first named, rounds in
/// order, years rising, kinds in their order), and the total over all recommendations.
pub fn rates(
    d: &Dossier,
    by: Grouping,
    scope: &RateScope,
    today: NaiveDate,
    lang: crate::i18n::Lang,
) -> (Vec<RateRow>, RateRow) {
    let latest = d.latest_events();
    let t = lang.texts();
    let mut rows: Vec<RateRow> = Vec::new();
    let mut keys: Vec<(i64, String)> = Vec::new();
    let mut total = RateRow {
        group: t.fu_total.to_string(),
        ..Default::default()
    };
    let round_no: HashMap<RoundId, usize> = d
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i + 1))
        .collect();
    for r in &d.recommendations {
        if let Some(rounds) = &scope.rounds
            && !rounds.contains(&r.round_id)
        {
            continue;
        }
        let c = contribution(r, latest.get(&r.id).copied());
        add(&mut total, r, c, today);
        let round = d.rounds.iter().find(|x| x.id == r.round_id);
        let groups: Vec<(i64, String)> = match by {
            Grouping::Addressee => r.addressees.iter().map(|a| (0, a.clone())).collect(),
            Grouping::Round => vec![(
                round_no.get(&r.round_id).copied().unwrap_or(0) as i64,
                round.map(|x| x.title.clone()).unwrap_or_default(),
            )],
            Grouping::Year => vec![match round.and_then(round_year) {
                Some(y) => (i64::from(y), y.to_string()),
                None => (i64::MAX, t.fu_no_year.to_string()),
            }],
            Grouping::Kind => vec![(
                RecommendationKind::ALL
                    .iter()
                    .position(|k| *k == r.kind)
                    .unwrap_or(0) as i64,
                recommendation_kind_label(r.kind, t).to_string(),
            )],
        };
        for key in groups {
            let i = match keys.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    keys.push(key.clone());
                    rows.push(RateRow {
                        group: key.1.clone(),
                        ..Default::default()
                    });
                    keys.len() - 1
                }
            };
            add(&mut rows[i], r, c, today);
        }
    }
    // Addressees keep the order they are first named in; the others sort by their key.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if by != Grouping::Addressee {
        order.sort_by_key(|i| keys[*i].0);
    }
    let rows = order.into_iter().map(|i| rows[i].clone()).collect();
    (rows, total)
}

/// A percentage as the documents write it: one decimal at most, "70", "66,7".
pub fn percent(p: f64, style: NumberStyle) -> String {
    format_scaled((p * 10.0).round() as i64, 1, style)
}

/// The row as a sentence: "đã thực hiện 7/10 kiến nghị (70%); 350/500 triệu đồng (70%)".
pub fn rate_sentence(row: &RateRow, lang: crate::i18n::Lang) -> String {
    let t = lang.texts();
    let style = lang.number_style();
    let mut s = crate::i18n::fill(
        t.fu_rate_count,
        &[
            ("done", &format_scaled(row.done_milli as i64, 3, style)),
            ("total", &format_int(row.total as i64, style)),
            (
                "rate",
                &row.rate_count()
                    .map_or_else(|| "—".to_string(), |p| percent(p, style)),
            ),
        ],
    );
    if let Some(p) = row.rate_amount() {
        let money = |v: i64| {
            Dong::new(v).map_or_else(
                |_| "—".to_string(),
                |d| format_money_rounded(d, MoneyUnit::Trieu, 1, style),
            )
        };
        s.push_str("; ");
        s.push_str(&crate::i18n::fill(
            t.fu_rate_amount,
            &[
                ("done", &money(row.amount_done_dong)),
                ("total", &money(row.amount_dong)),
                ("rate", &percent(p, style)),
            ],
        ));
    }
    if row.amount_unknown > 0 {
        s.push_str(&crate::i18n::fill(
            t.fu_amount_unknown,
            &[("n", &row.amount_unknown.to_string())],
        ));
    }
    s
}

/// Which deadlines the banner on opening a project names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DueSoon {
    /// Unfinished and past the deadline.
    pub overdue: Vec<RecommendationId>,
    /// Due today or within 7 days.
    pub within_7: Vec<RecommendationId>,
    /// Due in 8 to 30 days.
    pub within_30: Vec<RecommendationId>,
}

impl DueSoon {
    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty() && self.within_7.is_empty() && self.within_30.is_empty()
    }
}

/// The unfinished recommendations whose deadline has passed or comes within 30 days.
pub fn due_soon(d: &Dossier, today: NaiveDate) -> DueSoon {
    let mut out = DueSoon::default();
    for r in &d.recommendations {
        let Some(deadline) = r.deadline else {
            continue;
        };
        if !r.status.is_unfinished() {
            continue;
        }
        let days = (deadline - today).num_days();
        if days < 0 {
            out.overdue.push(r.id);
        } else if days <= 7 {
            out.within_7.push(r.id);
        } else if days <= 30 {
            out.within_30.push(r.id);
        }
    }
    out
}

/// For a recommendation addressed to units that were since replaced — named among its areas,
/// or by full name in an addressee ("UBND huyện Hữu Lũng") — one line per such unit saying
/// what replaced it: "huyện Hữu Lũng → nay: xã Hữu Lũng, xã Yên Bình (từ 01/07/2025, Nghị
/// quyết …)". Its history stays where it is; this only says where to follow it up now.
pub fn successor_notes(d: &Dossier, r: &Recommendation, lang: crate::i18n::Lang) -> Vec<String> {
    if d.successions.is_empty() {
        return Vec::new();
    }
    let map = SuccessionMap::new(&d.successions);
    let addressed: Vec<String> = r
        .addressees
        .iter()
        .map(|a| crate::model::text::search_key(a, true))
        .collect();
    let mut out = Vec::new();
    for a in &d.areas {
        if !map.is_former(a.id) {
            continue;
        }
        let named = r.area_ids.contains(&a.id) || {
            let full = crate::model::text::search_key(&a.full_name_vi(), true);
            addressed.iter().any(|x| contains_words(x, &full))
        };
        if !named {
            continue;
        }
        let now: Vec<String> = map
            .current_units(a.id)
            .iter()
            .filter_map(|id| d.area(*id))
            .map(|b| b.full_name(lang))
            .collect();
        let line = d.successions.iter().find(|x| x.from_area_id == a.id);
        let when = line
            .map(|x| {
                let date = x.date.format("%d/%m/%Y").to_string();
                match (lang, x.act.is_empty()) {
                    (crate::i18n::Lang::Vi, true) => format!(" (từ {date})"),
                    (crate::i18n::Lang::Vi, false) => format!(" (từ {date}, {})", x.act),
                    (crate::i18n::Lang::En, true) => format!(" (from {date})"),
                    (crate::i18n::Lang::En, false) => format!(" (from {date}, {})", x.act),
                }
            })
            .unwrap_or_default();
        let now_word = match lang {
            crate::i18n::Lang::Vi => "nay",
            crate::i18n::Lang::En => "now",
        };
        out.push(format!(
            "{} → {now_word}: {}{when}",
            a.full_name(lang),
            now.join(", ")
        ));
    }
    out
}

/// Whether `words` (space-separated) occur in `text` as whole words.
fn contains_words(text: &str, words: &str) -> bool {
    let t: Vec<&str> = text.split_whitespace().collect();
    let w: Vec<&str> = words.split_whitespace().collect();
    !w.is_empty() && t.windows(w.len()).any(|win| win == w.as_slice())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::i18n::Lang;
    use crate::sample;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn event(
        d: &mut Dossier,
        rec: usize,
        status: RecommendationStatus,
        f: impl FnOnce(&mut FollowUpEvent),
    ) {
        let r = &mut d.recommendations[rec];
        r.status = status;
        let mut e = FollowUpEvent::new(
            EventId(d.events.len() as i64 + 1),
            r.id,
            status,
            day(2024, 3, 1),
            day(2024, 3, 1)
                .and_hms_opt(9, 0, d.events.len() as u32)
                .unwrap(),
            "Nguyễn Văn A",
        );
        f(&mut e);
        d.events.push(e);
    }

    /// Ten recommendations to one body: 6 done, 1 partly done at 50 %, 1 reported, 1 refused,
    /// 1 open — 6.5 of 10 carried out, the refused one in the total.
    #[test]
    fn count_rate_takes_the_part_done_and_keeps_refusals_in_the_total() {
        let mut d = sample::lang_son();
        let base = d.recommendations[0].clone();
        d.recommendations.clear();
        for i in 0..10 {
            let mut r = base.clone();
            r.id = RecommendationId(i + 1);
            r.position = i + 1;
            r.addressees = vec!["UBND huyện Hữu Lũng".into()];
            d.recommendations.push(r);
        }
        for i in 0..6 {
            event(&mut d, i, RecommendationStatus::Done, |e| {
                e.method = Some(VerifyMethod::Document)
            });
        }
        event(&mut d, 6, RecommendationStatus::PartlyDone, |e| {
            e.share_percent = Some(50)
        });
        event(&mut d, 7, RecommendationStatus::Reported, |_| {});
        event(&mut d, 8, RecommendationStatus::NotAccepted, |e| {
            e.reason = Some(NotDoneReason::Addressee)
        });
        assert!(d.validate().is_empty(), "{:?}", d.validate());
        let (rows, total) = rates(
            &d,
            Grouping::Addressee,
            &RateScope::default(),
            day(2024, 6, 1),
            Lang::Vi,
        );
        assert_eq!(rows.len(), 1);
        let row = &rows[0];
        assert_eq!(
            (
                row.total,
                row.done,
                row.partly,
                row.in_progress,
                row.reported
            ),
            (10, 6, 1, 1, 1)
        );
        assert_eq!((row.open, row.not_accepted), (1, 1));
        assert_eq!(row.done_milli, 6500);
        assert_eq!(row.rate_count(), Some(65.0));
        assert_eq!(total.total, 10);
        // Verifying the reported one raises the rate; a report alone did not.
        event(&mut d, 7, RecommendationStatus::Done, |e| {
            e.method = Some(VerifyMethod::SiteVisit)
        });
        let (_, total) = rates(
            &d,
            Grouping::Addressee,
            &RateScope::default(),
            day(2024, 6, 1),
            Lang::Vi,
        );
        assert_eq!(total.rate_count(), Some(75.0));
    }

    /// "350/500 triệu đồng (70%)": a done 300, a partly done 50 of 100, an open 100; a financial
    /// one without an amount stays out of the amounts, and a policy one counts by number only.
    #[test]
    fn amount_rate_counts_financial_ones_with_a_stated_amount() {
        let mut d = sample::lang_son();
        let trieu = |n| Some(Dong::from_trieu(n).unwrap());
        let base = d.recommendations[0].clone();
        d.recommendations.clear();
        for (i, amount) in [trieu(300), trieu(100), trieu(100), None, None]
            .into_iter()
            .enumerate()
        {
            let mut r = base.clone();
            r.id = RecommendationId(i as i64 + 1);
            r.position = i as i64 + 1;
            r.kind = if i == 4 {
                RecommendationKind::Policy
            } else {
                RecommendationKind::Financial
            };
            r.amount_dong = amount;
            d.recommendations.push(r);
        }
        event(&mut d, 0, RecommendationStatus::Done, |e| {
            e.method = Some(VerifyMethod::Document)
        });
        event(&mut d, 1, RecommendationStatus::PartlyDone, |e| {
            e.amount_done_dong = trieu(50)
        });
        event(&mut d, 4, RecommendationStatus::Done, |e| {
            e.method = Some(VerifyMethod::NextSupervision)
        });
        assert!(d.validate().is_empty(), "{:?}", d.validate());
        let (rows, total) = rates(
            &d,
            Grouping::Kind,
            &RateScope::default(),
            day(2024, 6, 1),
            Lang::Vi,
        );
        assert_eq!(total.amount_dong, 500_000_000);
        assert_eq!(total.amount_done_dong, 350_000_000);
        assert_eq!(total.rate_amount(), Some(70.0));
        assert_eq!(
            rate_sentence(&total, Lang::Vi),
            "đã thực hiện 2,5/5 kiến nghị (50%); 350/500 triệu đồng (70%) — 1 kiến nghị tài chính chưa có số tiền"
        );
        assert_eq!(total.amount_unknown, 1);
        // By number: 1 + 0.5 (50 of 100) + 1 of 5.
        assert_eq!(total.done_milli, 2500);
        assert_eq!(rows[0].group, "Tài chính");
        assert_eq!(rows[0].total, 4);
        assert_eq!(rows[1].group, "Chính sách, văn bản");
        assert_eq!((rows[1].amount_dong, rows[1].done), (0, 1));
        assert_eq!(rows[1].rate_amount(), None);
    }

    #[test]
    fn two_addressees_count_in_both_rows_and_once_in_the_total() {
        let d = sample::lang_son();
        let (rows, total) = rates(
            &d,
            Grouping::Addressee,
            &RateScope::default(),
            day(2024, 6, 1),
            Lang::Vi,
        );
        let n = d.recommendations.len();
        assert_eq!(total.total, n);
        assert_eq!(rows[0].group, "UBND huyện Hữu Lũng");
        assert!(rows.iter().map(|r| r.total).sum::<usize>() > n);
        assert_eq!(total.rate_count(), Some(0.0));
        let (years, _) = rates(
            &d,
            Grouping::Year,
            &RateScope::default(),
            day(2024, 6, 1),
            Lang::Vi,
        );
        assert_eq!(years.len(), 1);
        assert_eq!(years[0].group, "2023");
    }

    #[test]
    fn deadlines_fall_into_overdue_7_and_30_days() {
        let mut d = sample::lang_son();
        let today = day(2024, 1, 10);
        d.recommendations[0].deadline = Some(day(2024, 1, 9));
        d.recommendations[1].deadline = Some(day(2024, 1, 17));
        d.recommendations[2].deadline = Some(day(2024, 2, 9));
        let due = due_soon(&d, today);
        assert_eq!(due.overdue, vec![d.recommendations[0].id]);
        assert_eq!(due.within_7, vec![d.recommendations[1].id]);
        assert_eq!(due.within_30, vec![d.recommendations[2].id]);
        d.recommendations[2].deadline = Some(day(2024, 2, 10));
        assert!(due_soon(&d, today).within_30.is_empty());
        // A refused or verified one is not due any more.
        d.recommendations[0].status = RecommendationStatus::NotAccepted;
        assert!(due_soon(&d, today).overdue.is_empty());
    }
}
