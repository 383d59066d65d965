//! Figures inserted into drafts, tied to the data: made from the counting module (so a phrase
//! says exactly what a chart says), and checked against it again later — a figure the data
//! now gives otherwise is named with what changed, and updated only when the user asks.

use super::count::{Counter, Query};
use super::{AllocationFilter, Phrased, RoundView, phrased, round_labels};
use crate::i18n::Lang;
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;

/// What the insert panel counts: an area's amount of one kind for a period.
pub type Asked = (AreaId, Period, AllocationKind);

/// The figure for `asked` in `round`'s view, as words and as a reference to keep with the
/// text: `Ok(None)` when there is no figure or the counting module withholds it (then there
/// is nothing to insert; the panel says why through [`phrased`]).
pub fn figure_ref(
    d: &Dossier,
    asked: Asked,
    round: RoundId,
    unit: MoneyUnit,
    lang: Lang,
) -> Result<Option<FigureRef>, MoneyError> {
    let words = match phrased(d, asked, RoundView::AsOf(round), unit, lang)? {
        Phrased::Text(w) => w,
        Phrased::NoFigure | Phrased::Withheld(_) => return Ok(None),
    };
    let (area, period, kind) = asked;
    let (value, parts) = counted(d, asked, round)?;
    Ok(Some(FigureRef {
        area,
        period,
        kind,
        round,
        unit,
        lang,
        at: 0,
        shown: crate::model::text::clean_text(&words),
        value,
        parts,
    }))
}

/// The figures counted for a total, with their amounts.
type Parts = Vec<(AllocationId, Amount)>;

/// The counters of a dossier, one per round's view and kind, made when first asked: a text's
/// figures are checked on every change of the data, and one counter serves them all.
#[derive(Default)]
struct Counters(std::collections::HashMap<(RoundId, AllocationKind), Result<Counter, MoneyError>>);

impl Counters {
    fn get(
        &mut self,
        d: &Dossier,
        round: RoundId,
        kind: AllocationKind,
    ) -> Result<&Counter, MoneyError> {
        self.0
            .entry((round, kind))
            .or_insert_with(|| {
                Counter::new(
                    d,
                    &AllocationFilter {
                        kinds: Some([kind].into()),
                        round: RoundView::AsOf(round),
                        ..Default::default()
                    },
                )
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// The total and the figures counted for `asked`, as [`phrased`] counts them.
fn counted(
    d: &Dossier,
    asked: Asked,
    round: RoundId,
) -> Result<(Option<AmountSum>, Parts), MoneyError> {
    counted_with(&mut Counters::default(), d, asked, round)
}

fn counted_with(
    counters: &mut Counters,
    d: &Dossier,
    (area, period, kind): Asked,
    round: RoundId,
) -> Result<(Option<AmountSum>, Parts), MoneyError> {
    let counter = counters.get(d, round, kind)?;
    let tally = counter.tally(&Query {
        areas: Some(std::slice::from_ref(&area)),
        projects: None,
        kind,
        periods: Some(std::slice::from_ref(&period)),
    })?;
    let parts = tally
        .ids
        .iter()
        .filter_map(|id| super::count::explain::allocation(d, *id).map(|a| (a.id, a.amount_dong)))
        .collect();
    Ok((tally.total, parts))
}

/// A figure in a text that the data now gives otherwise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    pub target: TextTarget,
    /// Which of the text's figures.
    pub index: usize,
    /// The words in the text: "494 triệu đồng".
    pub was: String,
    /// The words the data gives now; `None` when it gives none (no figure, or withheld).
    pub now: Option<String>,
    /// What changed, one line per figure counted: added, changed, gone.
    pub why: Vec<String>,
}

impl Stale {
    /// "494 triệu đồng → 520 triệu đồng".
    pub fn arrow(&self, lang: Lang) -> String {
        let now = self.now.clone().unwrap_or_else(|| match lang {
            Lang::Vi => "không còn số liệu để nêu".into(),
            Lang::En => "no figure to state any more".into(),
        });
        format!("{} → {now}", self.was)
    }
}

fn describe(
    d: &Dossier,
    a: &Allocation,
    lang: Lang,
    rounds: &std::collections::HashMap<RoundId, String>,
) -> String {
    let area = d
        .area(a.area_id)
        .map(|x| x.full_name_vi())
        .unwrap_or_default();
    let round = a
        .round_id
        .and_then(|r| rounds.get(&r))
        .map(|r| format!(", {r}"))
        .unwrap_or_default();
    let source = if a.source_doc.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", a.source_doc.trim())
    };
    format!(
        "{} {area} {}{source}{round}",
        crate::i18n::labels::allocation_kind_label(a.kind, lang),
        a.period
    )
}

fn amount_text(a: Amount, unit: MoneyUnit, lang: Lang) -> String {
    match a {
        Amount::Known(x) => format_money(x, unit, NumberStyle::Vi),
        Amount::Unknown => match lang {
            Lang::Vi => "chưa có số liệu".into(),
            Lang::En => "unknown".into(),
        },
    }
}

/// Why `f`'s count changed: each figure added, changed or gone since it was inserted.
fn why(d: &Dossier, f: &FigureRef, now: &[(AllocationId, Amount)], lang: Lang) -> Vec<String> {
    let rounds = round_labels(d, lang);
    let vi = lang == Lang::Vi;
    let mut out = Vec::new();
    for (id, amount) in now {
        let Some(a) = super::count::explain::allocation(d, *id) else {
            continue;
        };
        match f.parts.iter().find(|(x, _)| x == id) {
            Some((_, old)) if old == amount => {}
            Some((_, old)) => out.push(format!(
                "{}: {} → {}",
                describe(d, a, lang, &rounds),
                amount_text(*old, f.unit, lang),
                amount_text(*amount, f.unit, lang)
            )),
            None => out.push(format!(
                "{} {}: {}",
                if vi { "thêm" } else { "added" },
                describe(d, a, lang, &rounds),
                amount_text(*amount, f.unit, lang)
            )),
        }
    }
    for (id, old) in &f.parts {
        if now.iter().any(|(x, _)| x == id) {
            continue;
        }
        let what = match super::count::explain::allocation(d, *id) {
            Some(a) => describe(d, a, lang, &rounds),
            None => {
                if vi {
                    format!("số liệu mã {id} (đã xóa)")
                } else {
                    format!("figure {id} (deleted)")
                }
            }
        };
        out.push(format!(
            "{} {what}: {}",
            if vi {
                "không còn tính"
            } else {
                "no longer counted"
            },
            amount_text(*old, f.unit, lang)
        ));
    }
    out
}

/// The figures of one text that the data now gives otherwise, each with what changed.
pub fn stale_in(d: &Dossier, target: TextTarget, figures: &[FigureRef], lang: Lang) -> Vec<Stale> {
    stale_with(&mut Counters::default(), d, target, figures, lang)
}

fn stale_with(
    counters: &mut Counters,
    d: &Dossier,
    target: TextTarget,
    figures: &[FigureRef],
    lang: Lang,
) -> Vec<Stale> {
    let mut out = Vec::new();
    for (index, f) in figures.iter().enumerate() {
        let asked = (f.area, f.period, f.kind);
        let Ok((value, parts)) = counted_with(counters, d, asked, f.round) else {
            continue;
        };
        if crate::model::money::same_total(&value, &f.value) {
            continue;
        }
        let now = match phrased(d, asked, RoundView::AsOf(f.round), f.unit, f.lang) {
            Ok(Phrased::Text(w)) => Some(crate::model::text::clean_text(&w)),
            _ => None,
        };
        out.push(Stale {
            target,
            index,
            was: f.shown.clone(),
            now,
            why: why(d, f, &parts, lang),
        });
    }
    out
}

/// Every stale figure in the texts of `round`, in the order of the drafting screen.
pub fn stale_in_round(d: &Dossier, round: RoundId, lang: Lang) -> Vec<Stale> {
    let mut counters = Counters::default();
    let mut out = Vec::new();
    for c in d
        .conclusions
        .iter()
        .filter(|c| c.round_id == round && !c.figures.is_empty())
    {
        out.extend(stale_with(
            &mut counters,
            d,
            TextTarget::Conclusion(c.id),
            &c.figures,
            lang,
        ));
    }
    for r in d
        .recommendations
        .iter()
        .filter(|r| r.round_id == round && !r.figures.is_empty())
    {
        out.extend(stale_with(
            &mut counters,
            d,
            TextTarget::Recommendation(r.id),
            &r.figures,
            lang,
        ));
    }
    out
}

/// A text with figures `which` written again from the data now: their words replaced, their
/// references renewed. Figures the data no longer gives are left as they are.
pub fn updated(
    d: &Dossier,
    text: &str,
    figures: &[FigureRef],
    which: &[usize],
) -> (String, Vec<FigureRef>) {
    let mut text = text.to_string();
    let mut figures = figures.to_vec();
    let mut which: Vec<usize> = which.to_vec();
    which.sort_unstable();
    which.dedup();
    // From the last, so the places of those before stay right.
    for i in which.into_iter().rev() {
        let Some(f) = figures.get(i).cloned() else {
            continue;
        };
        let Ok(Some(fresh)) = figure_ref(d, (f.area, f.period, f.kind), f.round, f.unit, f.lang)
        else {
            continue;
        };
        let (t, mut fs) = crate::model::figure_place::replace(&text, &figures, i, &fresh.shown);
        fs[i] = FigureRef {
            at: fs[i].at,
            ..fresh
        };
        text = t;
        figures = fs;
    }
    (text, figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hl_2023() -> Asked {
        (
            crate::sample::HUU_LUNG,
            Period::year(2023).unwrap(),
            AllocationKind::Allocated,
        )
    }

    #[test]
    fn an_inserted_figure_says_what_the_counting_module_says_and_notices_a_change() {
        let mut d = crate::sample::lang_son();
        let mut f = figure_ref(&d, hl_2023(), RoundId(1), MoneyUnit::Trieu, Lang::Vi)
            .unwrap()
            .unwrap();
        assert_eq!(f.shown, "494 triệu đồng");
        assert_eq!(f.parts.len(), 1);
        let text = format!("Năm 2023 huyện được phân bổ {}.", f.shown);
        f.at = text.find("494").unwrap();
        d.conclusions[0].text = text.clone();
        d.conclusions[0].figures = vec![f.clone()];
        assert!(stale_in_round(&d, RoundId(1), Lang::Vi).is_empty());
        // The district reports 520 for 2023 instead.
        let i = d
            .allocations
            .iter()
            .position(|a| a.id == f.parts[0].0)
            .unwrap();
        d.allocations[i].amount_dong = Amount::Known(Dong::from_trieu(520).unwrap());
        let stale = stale_in_round(&d, RoundId(1), Lang::Vi);
        assert_eq!(stale.len(), 1);
        assert_eq!(stale[0].arrow(Lang::Vi), "494 triệu đồng → 520 triệu đồng");
        assert_eq!(stale[0].why.len(), 1);
        assert!(
            stale[0].why[0].contains("huyện Hữu Lũng 2023")
                && stale[0].why[0].ends_with("494 → 520"),
            "{:?}",
            stale[0].why
        );
        // Nothing changes until asked; then the words and the reference are renewed.
        let (new, figs) = updated(&d, &text, &[f], &[0]);
        assert_eq!(new, "Năm 2023 huyện được phân bổ 520 triệu đồng.");
        assert!(figs[0].holds_in(&new));
        d.conclusions[0].text = new;
        d.conclusions[0].figures = figs;
        assert!(stale_in_round(&d, RoundId(1), Lang::Vi).is_empty());
    }
}
