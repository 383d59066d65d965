//! The number check: every text of a round read for what needs a look before it is submitted
//! or issued — figures inserted from the data that the data now gives otherwise; amounts typed
//! by hand that match no figure or total of the round in the unit written (with the nearest,
//! "486 — gần với vốn phân bổ 2022 huyện Hữu Lũng: 468"); percentages and sums that do not
//! follow from the amounts beside them; years outside the round's periods. Numbers are read
//! the Vietnamese way: 1.234,5; "468 triệu đồng"; "4,68 tỷ".

use super::count::{Counter, Query};
use super::{AllocationFilter, RoundView};
use crate::i18n::Lang;
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;
use read::{Read, Unit, numbers, sentences};
use serde::Serialize;

mod read;
use std::collections::BTreeSet;

/// What kind of thing needs a look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A figure inserted from the data that the data now gives otherwise.
    Changed,
    /// An amount typed by hand that is no figure or total of the round.
    Unmatched,
    /// A percentage that follows from no two amounts of its sentence.
    Percent,
    /// A total that is not the sum of the amounts beside it.
    Sum,
    /// A year outside the round's periods.
    Year,
}

/// One thing to look at, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    #[serde(skip)]
    pub target: TextTarget,
    /// "Nguyên nhân 1", "Kiến nghị 2".
    pub text: String,
    /// The paragraph of the text, from 1.
    pub paragraph: usize,
    pub kind: FindingKind,
    /// The words as written: "486 triệu đồng".
    pub written: String,
    /// What is wrong, and the likely source.
    pub message: String,
}

/// A figure or total of the round, to match amounts against.
struct Candidate {
    dong: i128,
    what: String,
}

/// Every figure and total the round's documents can state: each area of the round (and the
/// units right under it) and all of them, each kind, each period and all of them — counted
/// by the one counting module in the round's view — and the amounts its recommendations name.
fn candidates(d: &Dossier, round: &Round, lang: Lang) -> Vec<Candidate> {
    let vi = lang == Lang::Vi;
    let Ok(counter) = Counter::new(
        d,
        &AllocationFilter {
            round: RoundView::AsOf(round.id),
            ..Default::default()
        },
    ) else {
        return Vec::new();
    };
    let mut areas: BTreeSet<AreaId> = round.subjects.iter().filter_map(|s| s.area_id).collect();
    areas.extend(
        d.conclusions
            .iter()
            .filter(|c| c.round_id == round.id)
            .filter_map(|c| c.area_id),
    );
    let children: Vec<AreaId> = d
        .areas
        .iter()
        .filter(|a| a.parent_id.is_some_and(|p| areas.contains(&p)))
        .map(|a| a.id)
        .collect();
    areas.extend(children);
    let periods: BTreeSet<Period> = d.allocations.iter().map(|a| a.period).collect();
    let mut out = Vec::new();
    // The most particular first: an area's figure for a year before the totals over them,
    // so a value both are gets named by the figure.
    let area_list: Vec<Option<AreaId>> = areas
        .iter()
        .copied()
        .map(Some)
        .chain(std::iter::once(None))
        .collect();
    let period_list: Vec<Option<Period>> = periods
        .iter()
        .copied()
        .map(Some)
        .chain(std::iter::once(None))
        .collect();
    for kind in AllocationKind::ALL {
        for area in &area_list {
            for period in &period_list {
                let a = area.map(|a| [a]);
                let p = period.map(|p| [p]);
                let Ok(c) = counter.count(&Query {
                    areas: a.as_ref().map(|a| a.as_slice()),
                    projects: None,
                    kind,
                    periods: p.as_ref().map(|p| p.as_slice()),
                }) else {
                    continue;
                };
                let Some(total) = c.total.and_then(|t| t.total()) else {
                    continue;
                };
                let place = match area {
                    Some(a) => d.area(*a).map(|x| x.full_name_vi()).unwrap_or_default(),
                    None if vi => "các địa bàn của đợt".into(),
                    None => "all areas of the round".into(),
                };
                let when = match period {
                    Some(p) => p.to_string(),
                    None if vi => "cả các kỳ".into(),
                    None => "all periods".into(),
                };
                out.push(Candidate {
                    dong: i128::from(total.get()),
                    what: format!(
                        "{} {when} {place}",
                        crate::i18n::labels::allocation_kind_label(kind, lang).to_lowercase()
                    ),
                });
            }
        }
    }
    for r in d.recommendations.iter().filter(|r| r.round_id == round.id) {
        if let Some(a) = r.amount_dong {
            out.push(Candidate {
                dong: i128::from(a.get()),
                what: if vi {
                    "số tiền một kiến nghị nêu".into()
                } else {
                    "the amount a recommendation names".into()
                },
            });
        }
    }
    out
}

/// The years a round's texts may speak of: its figures' periods, its dates, its programs'.
fn years(d: &Dossier, round: &Round) -> BTreeSet<i32> {
    use chrono::Datelike;
    let mut out = BTreeSet::new();
    for a in &d.allocations {
        out.extend(a.period.from_year()..=a.period.to_year());
    }
    for v in &d.indicator_values {
        out.extend(v.period.from_year()..=v.period.to_year());
    }
    for day in [round.start_date, round.end_date].into_iter().flatten() {
        out.insert(day.year());
        // The year before: a round in 2023 reviews 2022.
        out.insert(day.year() - 1);
    }
    for p in &d.programs {
        if let (Some(a), Some(b)) = (p.from_year, p.to_year)
            && b >= a
            && b - a < 50
        {
            out.extend(a..=b);
        }
    }
    for x in d.documents.iter().filter(|x| x.round_id == round.id) {
        out.extend(x.date.map(|day| day.year()));
    }
    out
}

fn money_text(dong: i128, unit_per: i128) -> String {
    let unit = MoneyUnit::ALL
        .into_iter()
        .find(|u| i128::from(u.dong_per_unit()) == unit_per)
        .unwrap_or(MoneyUnit::Dong);
    let dong = Dong::new(i64::try_from(dong).unwrap_or(i64::MAX)).unwrap_or_default();
    format_money(dong, unit, NumberStyle::Vi)
}

/// What a round's texts are checked against.
pub struct Facts {
    lang: Lang,
    candidates: Vec<Candidate>,
    years: BTreeSet<i32>,
}

/// What a round's texts are checked against, counted once: it changes with the figures, not
/// with the texts (the window keeps it while staff type).
pub fn facts(d: &Dossier, round: RoundId, lang: Lang) -> Facts {
    match d.rounds.iter().find(|x| x.id == round) {
        Some(r) => Facts {
            lang,
            candidates: candidates(d, r, lang),
            years: years(d, r),
        },
        None => Facts {
            lang,
            candidates: Vec::new(),
            years: BTreeSet::new(),
        },
    }
}

/// How many typing slips turn `a` into `b`: a digit added, dropped, changed, or two
/// neighbours swapped (optimal string alignment distance).
fn slips(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Reads one text of the round.
fn check_text(
    facts: &Facts,
    target: TextTarget,
    label: &str,
    text: &str,
    figures: &[FigureRef],
    out: &mut Vec<Finding>,
) {
    let (lang, cands, years) = (facts.lang, &facts.candidates, &facts.years);
    let vi = lang == Lang::Vi;
    let mut offset = 0;
    for (pi, para) in text.split('\n').enumerate() {
        let reads = numbers(para);
        // Words inserted from the data are checked as figures, not as typed numbers.
        let inserted = |r: &Read| {
            figures.iter().any(|f| {
                let (a, b) = (f.at, f.end());
                offset + r.start < b && a < offset + r.end
            })
        };
        let finding = |kind, r: &Read, message: String| Finding {
            target,
            text: label.to_string(),
            paragraph: pi + 1,
            kind,
            written: para[r.start..r.end].to_string(),
            message,
        };
        for r in &reads {
            if inserted(r) {
                continue;
            }
            if let Some((dong, step)) = r.dong() {
                let Unit::Money(per) = r.unit else { continue };
                if cands.iter().any(|c| (c.dong - dong).abs() * 2 <= step) {
                    continue;
                }
                // The likeliest source first: a typing slip keeps most digits (486 for 468),
                // then the nearest amount; one line per amount.
                let digits = |v: i128| (v / step).to_string();
                let written = digits(dong);
                let mut near: Vec<&Candidate> = Vec::new();
                for c in cands {
                    if !near.iter().any(|n| n.dong == c.dong) {
                        near.push(c);
                    }
                }
                near.sort_by_key(|c| {
                    (
                        slips(&written, &digits(c.dong + step / 2)),
                        (c.dong - dong).abs(),
                    )
                });
                let near: Vec<String> = near
                    .iter()
                    .take(2)
                    .map(|c| format!("{}: {}", c.what, money_text(c.dong, per)))
                    .collect();
                let message = match (near.is_empty(), vi) {
                    (true, true) => {
                        "không khớp số liệu nào của đợt (đợt chưa có số liệu)".to_string()
                    }
                    (true, false) => "matches no figure of the round (it has none yet)".to_string(),
                    (false, true) => format!(
                        "không khớp số liệu hay tổng nào của đợt; gần với {}",
                        near.join("; ")
                    ),
                    (false, false) => format!(
                        "matches no figure or total of the round; near {}",
                        near.join("; ")
                    ),
                };
                out.push(finding(FindingKind::Unmatched, r, message));
            } else if r.year_like && (1990..=2100).contains(&r.mantissa) {
                let year = r.mantissa as i32;
                if !years.contains(&year) {
                    let (lo, hi) = (years.first(), years.last());
                    let span = match (lo, hi) {
                        (Some(a), Some(b)) if vi => {
                            format!(" (số liệu, thời gian của đợt: {a}–{b})")
                        }
                        (Some(a), Some(b)) => format!(" (the round's figures and dates: {a}–{b})"),
                        _ => String::new(),
                    };
                    out.push(finding(
                        FindingKind::Year,
                        r,
                        if vi {
                            format!("năm {year} nằm ngoài các kỳ của đợt{span}")
                        } else {
                            format!("the year {year} is outside the round's periods{span}")
                        },
                    ));
                }
            }
        }
        // Percentages and totals follow from the amounts of their own sentence.
        for (s, e) in sentences(para) {
            let here: Vec<&Read> = reads
                .iter()
                .filter(|r| r.start >= s && r.end <= e)
                .collect();
            let amounts: Vec<(i128, i128, &Read)> = here
                .iter()
                .filter_map(|r| r.dong().map(|(v, st)| (v, st, *r)))
                .collect();
            for p in here.iter().filter(|r| r.unit == Unit::Percent) {
                if amounts.len() < 2 {
                    continue;
                }
                let written = p.as_f64();
                let half = 0.5 / 10f64.powi(p.decimals as i32);
                let follows = amounts.iter().any(|(a, _, _)| {
                    amounts.iter().any(|(b, _, _)| {
                        *b != 0 && (*a as f64 / *b as f64 * 100.0 - written).abs() <= half + 1e-9
                    })
                });
                if !follows {
                    let (a, b) = (amounts[0].0, amounts[1].0);
                    let ratio = if b == 0 {
                        0.0
                    } else {
                        a as f64 / b as f64 * 100.0
                    };
                    out.push(finding(
                        FindingKind::Percent,
                        p,
                        format!(
                            "{} ({} / {} = {}%)",
                            if vi {
                                "tỷ lệ không suy ra được từ các số trong câu, ví dụ"
                            } else {
                                "the percentage follows from no two amounts of the sentence, e.g."
                            },
                            para[amounts[0].2.start..amounts[0].2.end].trim(),
                            para[amounts[1].2.start..amounts[1].2.end].trim(),
                            crate::model::number::format_scaled(
                                (ratio * 10.0).round() as i64,
                                1,
                                NumberStyle::Vi
                            )
                        ),
                    ));
                }
            }
            // "tổng", "cộng" as a sum; not "tổng hợp", "cộng đồng", "Cộng hòa".
            let words: Vec<String> = para[s..e]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            let summing = words.iter().enumerate().any(|(i, w)| {
                let next = words.get(i + 1).map_or("", String::as_str);
                (w == "tổng" && !matches!(next, "hợp" | "kết" | "thể" | "quan" | "cục" | "biên"))
                    || (w == "cộng"
                        && !matches!(next, "đồng" | "hòa" | "hoà" | "tác" | "sản" | "sự"))
            });
            if amounts.len() >= 3 && summing {
                let total: i128 = amounts.iter().map(|(v, _, _)| v).sum();
                let step = amounts.iter().map(|(_, st, _)| *st).max().unwrap_or(1);
                // One of them is the sum of the others: twice it is the sum of all.
                let adds_up = amounts
                    .iter()
                    .any(|(v, _, _)| (2 * v - total).abs() <= step * amounts.len() as i128);
                if !adds_up {
                    let (v, _, r) = amounts
                        .iter()
                        .max_by_key(|(v, _, _)| *v)
                        .copied()
                        .unwrap_or(amounts[0]);
                    let others = total - v;
                    let Unit::Money(per) = r.unit else { continue };
                    out.push(finding(
                        FindingKind::Sum,
                        r,
                        format!(
                            "{} {}",
                            if vi {
                                "tổng không bằng các số cộng lại bên cạnh; các số còn lại cộng được"
                            } else {
                                "the total is not the sum of the amounts beside it; they add up to"
                            },
                            money_text(others, per)
                        ),
                    ));
                }
            }
        }
        offset += para.len() + 1;
    }
}

/// Everything in the texts of `round` that needs a look, in the order of the drafting screen.
pub fn check_round(d: &Dossier, round: RoundId, lang: Lang) -> Vec<Finding> {
    let facts = facts(d, round, lang);
    let stale = super::figure_refs::stale_in_round(d, round, lang);
    check_round_with(d, round, &facts, &stale)
}

/// As [`check_round`], with the round's [`facts`] and stale figures already counted.
pub fn check_round_with(
    d: &Dossier,
    round: RoundId,
    facts: &Facts,
    stale: &[super::figure_refs::Stale],
) -> Vec<Finding> {
    let lang = facts.lang;
    let t = lang.texts();
    let mut out = Vec::new();
    let mut texts: Vec<(TextTarget, String, &str, &[FigureRef])> = Vec::new();
    for kind in ConclusionKind::ALL {
        for (i, c) in d
            .conclusions
            .iter()
            .filter(|c| c.round_id == round && c.kind == kind)
            .enumerate()
        {
            let label = format!(
                "{} {}",
                crate::i18n::labels::conclusion_kind_label(kind, t),
                i + 1
            );
            texts.push((TextTarget::Conclusion(c.id), label, &c.text, &c.figures));
        }
    }
    for (i, rec) in d
        .recommendations
        .iter()
        .filter(|x| x.round_id == round)
        .enumerate()
    {
        let label = format!("{} {}", t.what_recommendation_cap, i + 1);
        texts.push((
            TextTarget::Recommendation(rec.id),
            label,
            &rec.text,
            &rec.figures,
        ));
    }
    for (target, label, text, figures) in texts {
        for s in stale.iter().filter(|s| s.target == target) {
            let paragraph = figures
                .get(s.index)
                .and_then(|f| text.get(..f.at))
                .map_or(1, |before| before.matches('\n').count() + 1);
            let why = if s.why.is_empty() {
                String::new()
            } else {
                format!(" ({})", s.why.join("; "))
            };
            out.push(Finding {
                target,
                text: label.clone(),
                paragraph,
                kind: FindingKind::Changed,
                written: s.was.clone(),
                message: if lang == Lang::Vi {
                    format!("số liệu đã chèn đã đổi: {}{why}", s.arrow(lang))
                } else {
                    format!("the inserted figure changed: {}{why}", s.arrow(lang))
                },
            });
        }
        check_text(facts, target, &label, text, figures, &mut out);
    }
    out
}

/// What the lock log keeps when a round is issued with the number check's items still open.
pub fn lock_note(findings: &[Finding]) -> String {
    let items: Vec<String> = findings
        .iter()
        .take(20)
        .map(|f| format!("{}, đoạn {}: {}", f.text, f.paragraph, f.written))
        .collect();
    let more = findings.len().saturating_sub(items.len());
    format!(
        "Ban hành khi kiểm tra số liệu còn {} điểm cần xem: {}{}",
        findings.len(),
        items.join("; "),
        if more > 0 {
            format!("; và {more} điểm khác")
        } else {
            String::new()
        }
    )
}

#[cfg(test)]
mod tests;
