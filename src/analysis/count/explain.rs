//! What a total is made of, in words: the figures counted, the totals counted with their parts
//! beside them, what a later round replaced, and why a total is withheld — for the chart's
//! tooltips, the lines under the summary's totals, `giamsat explain` and `giamsat check`.

use super::{Count, Piece, Tally, Whole, Withheld, WithheldWhy};
use crate::i18n::labels::{allocation_kind_label, unit_label};
use crate::i18n::{Lang, fill};
use crate::model::number::format_money;
use crate::model::*;
use std::collections::HashMap;

/// How many figures a list names before "… và N số liệu khác".
pub const LISTED: usize = 6;

/// An amount sum in words and figures, with its unit: "468 triệu đồng", "chưa có số liệu",
/// "468 triệu đồng + khoản chưa có số liệu".
pub fn sum_text(sum: &AmountSum, unit: MoneyUnit, lang: Lang) -> String {
    let t = lang.texts();
    let known = format!(
        "{} {}",
        format_money(sum.known, unit, lang.number_style()),
        unit_label(unit, lang)
    );
    if sum.is_wholly_unknown() {
        t.unknown_amount.to_string()
    } else if sum.is_partly_unknown() {
        fill(t.partly_unknown, &[("known", &known)])
    } else {
        known
    }
}

/// One amount in words and figures, with its unit.
pub fn amount_text(a: Amount, unit: MoneyUnit, lang: Lang) -> String {
    match a {
        Amount::Known(x) => format!(
            "{} {}",
            format_money(x, unit, lang.number_style()),
            unit_label(unit, lang)
        ),
        Amount::Unknown => lang.texts().unknown_amount.to_string(),
    }
}

/// A difference of money, with its sign and unit: "288 triệu đồng", "-12 triệu đồng".
pub fn difference_text(dong: i64, unit: MoneyUnit, lang: Lang) -> String {
    format!(
        "{}{}",
        if dong < 0 { "-" } else { "" },
        amount_text(
            Amount::Known(
                Dong::new(dong.unsigned_abs().min(i64::MAX as u64) as i64).unwrap_or_default()
            ),
            unit,
            lang
        )
    )
}

/// An allocation by id: the dossier keeps them in id order as read, so most are found by
/// halving; one added out of order is looked for in full.
pub fn allocation(d: &Dossier, id: AllocationId) -> Option<&Allocation> {
    match d.allocations.binary_search_by_key(&id, |a| a.id) {
        Ok(i) => Some(&d.allocations[i]),
        Err(_) => d.allocations.iter().find(|a| a.id == id),
    }
}

/// Names the rounds by their labels ("Đợt 1 (06/2023)").
struct Names<'a> {
    d: &'a Dossier,
    lang: Lang,
    unit: MoneyUnit,
    rounds: HashMap<RoundId, String>,
}

impl<'a> Names<'a> {
    fn new(d: &'a Dossier, unit: MoneyUnit, lang: Lang) -> Names<'a> {
        Names {
            d,
            lang,
            unit,
            rounds: crate::analysis::round_labels(d, lang),
        }
    }

    fn area(&self, id: AreaId) -> String {
        self.d
            .area(id)
            .map(|a| a.full_name(self.lang))
            .unwrap_or_else(|| id.to_string())
    }

    fn project(&self, id: ProjectId) -> String {
        self.d
            .project(id)
            .map(|p| p.short_label(self.lang))
            .unwrap_or_else(|| id.to_string())
    }

    fn round(&self, r: Option<RoundId>) -> String {
        match r.and_then(|r| self.rounds.get(&r)) {
            Some(label) => label.clone(),
            None => self.lang.texts().round_none.to_string(),
        }
    }

    /// "huyện Hữu Lũng, Dự án 7, 2022" (and ", phần riêng" for an own part).
    fn place(&self, area: AreaId, project: ProjectId, period: Period, covers: Covers) -> String {
        self.place_of(area, project, None, period, covers)
    }

    /// [`Names::place`] naming the kind of money too, for a sentence read among other kinds'
    /// (a check, a printed note): "huyện Hữu Lũng, Dự án 7, vốn phân bổ 2022".
    fn place_of(
        &self,
        area: AreaId,
        project: ProjectId,
        kind: Option<AllocationKind>,
        period: Period,
        covers: Covers,
    ) -> String {
        let kind = kind.map_or_else(String::new, |k| {
            format!("{} ", kind_name(k, self.lang).to_lowercase())
        });
        let mut s = format!(
            "{}, {}, {kind}{period}",
            self.area(area),
            self.project(project)
        );
        if covers == Covers::Own {
            s.push_str(", ");
            s.push_str(self.lang.texts().covers_own);
        }
        s
    }

    fn piece(&self, p: &Piece) -> String {
        format!(
            "{}: {}",
            self.place(p.area, p.project, p.period, p.covers),
            sum_text(&p.sum, self.unit, self.lang)
        )
    }

    /// [`Names::piece`] naming its kind of money.
    fn piece_of_kind(&self, p: &Piece) -> String {
        format!(
            "{}: {}",
            self.place_of(p.area, p.project, Some(p.kind), p.period, p.covers),
            sum_text(&p.sum, self.unit, self.lang)
        )
    }

    /// A piece with its round and sources, for a list.
    fn piece_line(&self, p: &Piece) -> String {
        let sources: Vec<&str> = p
            .ids
            .iter()
            .filter_map(|id| allocation(self.d, *id))
            .map(|a| a.source_doc.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        let mut s = format!("{} · {}", self.piece(p), self.round(p.round));
        if !sources.is_empty() {
            s.push_str(" · ");
            s.push_str(&sources.join("; "));
        }
        s
    }

    /// A figure by id, for a list: "xã Minh Sơn, Dự án 7, 2022: 50 triệu đồng · Đợt 1".
    fn figure_line(&self, id: AllocationId) -> Option<String> {
        let a = allocation(self.d, id)?;
        let mut s = format!(
            "{}: {} · {}",
            self.place(a.area_id, a.project_id, a.period, a.covers),
            amount_text(a.amount_dong, self.unit, self.lang),
            self.round(a.round_id)
        );
        if !a.source_doc.is_empty() {
            s.push_str(" · ");
            s.push_str(&a.source_doc);
        }
        Some(s)
    }

    fn whole_line(&self, whole: &AmountSum, parts: Option<&AmountSum>, name: &str) -> String {
        let t = self.lang.texts();
        let whole_text = format!("{name} ({})", sum_text(whole, self.unit, self.lang));
        match parts {
            None => fill(t.count_beside_overlap, &[("whole", &whole_text)]),
            Some(parts) => match (whole.total(), parts.total()) {
                (Some(w), Some(p)) => {
                    let diff_text = difference_text(w.get() - p.get(), self.unit, self.lang);
                    fill(
                        t.count_beside,
                        &[
                            ("whole", &whole_text),
                            ("parts", &sum_text(parts, self.unit, self.lang)),
                            ("diff", &diff_text),
                        ],
                    )
                }
                _ => fill(
                    t.count_beside_partial,
                    &[
                        ("whole", &whole_text),
                        ("parts", &sum_text(parts, self.unit, self.lang)),
                    ],
                ),
            },
        }
    }
}

/// A list of `count` figures of which `ids` are known by id, the first [`LISTED`] written
/// out and "… và N số liệu khác" (a province's total is made of a million: only those shown
/// are looked up).
fn listed(out: &mut Vec<String>, ids: &[AllocationId], count: usize, n: &Names<'_>, lang: Lang) {
    out.extend(
        ids.iter()
            .take(LISTED)
            .filter_map(|id| n.figure_line(*id))
            .map(|l| format!("  – {l}")),
    );
    let n = count;
    if n > LISTED {
        out.push(format!(
            "  {}",
            fill(lang.texts().count_more, &[("n", &(n - LISTED).to_string())])
        ));
    }
}

/// Why a total is withheld, in a sentence that says what to do.
pub fn withheld_text(d: &Dossier, w: &Withheld, unit: MoneyUnit, lang: Lang) -> String {
    let t = lang.texts();
    let n = Names::new(d, unit, lang);
    // Named with its kind of money: a reason is read among other kinds' (checks, notes).
    let place = |p: &Piece| n.place_of(p.area, p.project, Some(p.kind), p.period, p.covers);
    match w {
        Withheld::PartsLarger { whole, parts_sum } => fill(
            t.withheld_parts_larger,
            &[
                ("whole", &place(whole)),
                ("parts", &sum_text(parts_sum, unit, lang)),
                ("total", &sum_text(&whole.sum, unit, lang)),
            ],
        ),
        Withheld::PartsLater { whole, part } => fill(
            t.withheld_parts_later,
            &[
                ("part", &n.piece_of_kind(part)),
                ("later", &n.round(part.round)),
                ("whole", &place(whole)),
                ("earlier", &n.round(whole.round)),
            ],
        ),
        Withheld::LevelsOverlap(a, b) => fill(
            t.withheld_levels,
            &[("a", &n.piece_of_kind(a)), ("b", &n.piece_of_kind(b))],
        ),
        Withheld::PeriodsOverlap(a, b) => fill(
            t.withheld_periods,
            &[("a", &n.piece_of_kind(a)), ("b", &n.piece_of_kind(b))],
        ),
    }
}

/// Why a short total is withheld, in a sentence.
pub fn withheld_short(why: WithheldWhy, lang: Lang) -> &'static str {
    let t = lang.texts();
    match why {
        WithheldWhy::PartsLarger => t.withheld_why_parts_larger,
        WithheldWhy::PartsLater => t.withheld_why_parts_later,
        WithheldWhy::LevelsOverlap => t.withheld_why_levels,
        WithheldWhy::PeriodsOverlap => t.withheld_why_periods,
    }
}

/// What a total is made of, in full: every figure counted, every total with its parts beside
/// it, what a later round replaced, why it is withheld.
pub fn count_lines(d: &Dossier, c: &Count, unit: MoneyUnit, lang: Lang) -> Vec<String> {
    lines_of(d, c, unit, lang, usize::MAX)
}

/// [`count_lines`] naming at most the first [`LISTED`] of each list, with how many more there
/// are: for a line under a province's total.
pub fn count_lines_brief(d: &Dossier, c: &Count, unit: MoneyUnit, lang: Lang) -> Vec<String> {
    lines_of(d, c, unit, lang, LISTED)
}

fn lines_of(d: &Dossier, c: &Count, unit: MoneyUnit, lang: Lang, most: usize) -> Vec<String> {
    let t = lang.texts();
    let n = Names::new(d, unit, lang);
    let more = |out: &mut Vec<String>, count: usize| {
        if count > most {
            out.push(format!(
                "  {}",
                fill(t.count_more, &[("n", &(count - most).to_string())])
            ));
        }
    };
    let mut out = Vec::new();
    for w in c.withheld.iter().take(most) {
        out.push(withheld_text(d, w, unit, lang));
    }
    if c.counted.is_empty() && c.withheld.is_empty() {
        out.push(t.count_no_figure.to_string());
    }
    if !c.counted.is_empty() {
        out.push(fill(
            t.count_counted,
            &[("n", &c.counted.len().to_string())],
        ));
        out.extend(
            c.counted
                .iter()
                .take(most)
                .map(|p| format!("  – {}", n.piece_line(p))),
        );
        more(&mut out, c.counted.len());
    }
    for Whole {
        whole,
        parts,
        parts_sum,
    } in c.wholes.iter().take(most)
    {
        let name = n.place(whole.area, whole.project, whole.period, whole.covers);
        out.push(n.whole_line(&whole.sum, parts_sum.as_ref(), &name));
        out.extend(
            parts
                .iter()
                .take(most)
                .map(|p| format!("    · {}", n.piece_line(p))),
        );
        more(&mut out, parts.len());
    }
    more(&mut out, c.wholes.len());
    if !c.replaced.is_empty() {
        out.push(fill(
            t.count_replaced,
            &[("n", &c.replaced.len().to_string())],
        ));
        out.extend(c.replaced.iter().take(most).map(|r| {
            format!(
                "  – {}: {} · {} → {}",
                n.place(r.area, r.project, r.period, r.covers),
                amount_text(r.amount, unit, lang),
                n.round(r.round),
                n.round(r.by)
            )
        }));
        more(&mut out, c.replaced.len());
    }
    out
}

/// What a short total is made of, in a few lines for a tooltip or a line under a table: the
/// figures counted (the first few), the totals counted with their parts beside them, the
/// figures left out and why.
pub fn tally_lines(d: &Dossier, tally: &Tally, unit: MoneyUnit, lang: Lang) -> Vec<String> {
    let t = lang.texts();
    let n = Names::new(d, unit, lang);
    let mut out = Vec::new();
    if tally.total.is_none() {
        out.push(match tally.withheld {
            Some(why) => withheld_short(why, lang).to_string(),
            None => t.withheld_short.to_string(),
        });
    }
    if tally.counted() > 0 {
        out.push(fill(
            t.count_counted,
            &[("n", &tally.counted().to_string())],
        ));
        listed(&mut out, &tally.ids, tally.counted(), &n, lang);
    }
    for w in tally.beside().iter().take(LISTED) {
        let name = n.place(w.area, w.project, w.period, w.covers);
        let line = n.whole_line(&w.whole, w.parts.as_ref(), &name);
        // No list of the parts follows here: the sentence ends.
        out.push(match line.strip_suffix(':') {
            Some(l) => format!("{l}."),
            None => line,
        });
    }
    let beside_more = tally.beside().len().saturating_sub(LISTED)
        + tally.more.as_ref().map_or(0, |m| m.beside_left);
    if beside_more > 0 {
        out.push(format!(
            "  {}",
            fill(t.count_more, &[("n", &beside_more.to_string())])
        ));
    }
    if tally.parts() > 0 {
        out.push(fill(t.count_parts, &[("n", &tally.parts().to_string())]));
        listed(&mut out, tally.part_ids(), tally.parts(), &n, lang);
    }
    if tally.replaced() > 0 {
        out.push(fill(
            t.count_replaced,
            &[("n", &tally.replaced().to_string())],
        ));
        listed(&mut out, tally.replaced_ids(), tally.replaced(), &n, lang);
    }
    out
}

/// The kind's name, for a line that names a total: "Vốn phân bổ".
pub fn kind_name(k: AllocationKind, lang: Lang) -> &'static str {
    allocation_kind_label(k, lang)
}
