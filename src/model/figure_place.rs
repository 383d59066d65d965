//! Where the figures inserted into a text stand as the text is edited. The text stays plain;
//! each figure knows the words it was written as and where they start. An edit elsewhere moves
//! it with the text around it; an edit of its own words turns them into plain typed text (the
//! number check then reads them like any number typed by hand).

use super::FigureRef;
use super::text::clean_text;

/// The largest prefix and suffix `a` and `b` share, in bytes, on character boundaries, not
/// overlapping: what an edit left alone on each side.
fn common_ends(a: &str, b: &str) -> (usize, usize) {
    let prefix = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    // The prefix may have stopped inside neither string's char: it is a char boundary of
    // both, since both agree up to it.
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .scan(0usize, |n, l| {
            *n += l;
            Some(*n)
        })
        .take_while(|n| *n <= max_suffix)
        .last()
        .unwrap_or(0);
    (prefix, suffix)
}

/// The figures of `old` placed in `new`, the same text after one edit: each before the edit
/// keeps its place, each after it moves by the edit's length, and each whose words the edit
/// touched is let go. Then [`settle`]d in `new`.
pub fn carry(old: &str, new: &str, figures: &[FigureRef]) -> Vec<FigureRef> {
    if figures.is_empty() {
        return Vec::new();
    }
    let (prefix, suffix) = common_ends(old, new);
    let old_tail = old.len() - suffix;
    let new_tail = new.len() - suffix;
    let moved: Vec<FigureRef> = figures
        .iter()
        .filter_map(|f| {
            let end = f.end();
            if end <= prefix {
                Some(f.clone())
            } else if f.at >= old_tail {
                let mut g = f.clone();
                g.at = f.at - old_tail + new_tail;
                Some(g)
            } else {
                // Inside what changed (two places edited at once): still itself when its
                // words stand there once, untouched.
                let mut from = prefix.saturating_sub(f.shown.len());
                while !new.is_char_boundary(from) {
                    from -= 1;
                }
                let mut to = new_tail.saturating_add(f.shown.len()).min(new.len());
                while !new.is_char_boundary(to) {
                    to += 1;
                }
                let region = new.get(from..to)?;
                let mut found = region.match_indices(f.shown.as_str());
                match (found.next(), found.next()) {
                    (Some((i, _)), None) => {
                        let mut g = f.clone();
                        g.at = from + i;
                        Some(g)
                    }
                    _ => None,
                }
            }
        })
        .collect();
    settle(new, moved)
}

/// Figures as `text` holds them: each whose words stand at its place is kept; one that moved
/// a little (the text was cleaned: decomposed letters composed, line breaks made one kind) is
/// found again nearest its place; one whose words are gone, or that would overlap another, is
/// let go. In the order of the text.
pub fn settle(text: &str, figures: Vec<FigureRef>) -> Vec<FigureRef> {
    let mut out: Vec<FigureRef> = Vec::with_capacity(figures.len());
    for mut f in figures {
        f.shown = clean_text(&f.shown);
        if f.shown.is_empty() {
            continue;
        }
        if !f.holds_in(text) {
            let nearest = text
                .match_indices(f.shown.as_str())
                .map(|(i, _)| i)
                .min_by_key(|i| i.abs_diff(f.at));
            match nearest {
                Some(i) => f.at = i,
                None => continue,
            }
        }
        out.push(f);
    }
    out.sort_by_key(|f| f.at);
    let mut kept: Vec<FigureRef> = Vec::with_capacity(out.len());
    for f in out {
        if kept.last().is_none_or(|last| last.end() <= f.at) {
            kept.push(f);
        }
    }
    kept
}

/// `text` with figure `i`'s words replaced by `words`, and the figures after it moved.
pub fn replace(
    text: &str,
    figures: &[FigureRef],
    i: usize,
    words: &str,
) -> (String, Vec<FigureRef>) {
    let Some(f) = figures.get(i).filter(|f| f.holds_in(text)) else {
        return (text.to_string(), figures.to_vec());
    };
    let end = f.end();
    let new = format!("{}{words}{}", &text[..f.at], &text[end..]);
    let mut out = figures.to_vec();
    for (j, g) in out.iter_mut().enumerate() {
        if j == i {
            g.shown = words.to_string();
        } else if g.at >= end {
            g.at = g.at + words.len() - f.shown.len();
        }
    }
    (new, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn fig(at: usize, shown: &str) -> FigureRef {
        FigureRef {
            area: AreaId(2),
            period: Period::year(2023).unwrap(),
            kind: AllocationKind::Allocated,
            round: RoundId(1),
            unit: MoneyUnit::Trieu,
            lang: crate::i18n::Lang::Vi,
            at,
            shown: shown.into(),
            value: None,
            parts: vec![],
        }
    }

    const TEXT: &str = "Năm 2023 huyện được phân bổ 494 triệu đồng, đã giải ngân hết.";

    fn at494() -> FigureRef {
        fig(TEXT.find("494").unwrap(), "494 triệu đồng")
    }

    #[test]
    fn a_figure_moves_with_typing_before_it_and_stays_with_typing_after_it() {
        let f = vec![at494()];
        let typed_before = TEXT.replacen("Năm 2023", "Trong năm 2023, ", 1);
        let moved = carry(TEXT, &typed_before, &f);
        assert_eq!(moved.len(), 1);
        assert!(moved[0].holds_in(&typed_before));
        let typed_after = format!("{TEXT} Tốt.");
        assert_eq!(carry(TEXT, &typed_after, &f), f);
        // Typed right against it on either side: still itself.
        let against = TEXT.replacen("494", "là 494", 1);
        assert!(carry(TEXT, &against, &f)[0].holds_in(&against));
    }

    #[test]
    fn two_edits_at_once_around_a_figure_keep_it() {
        let f = vec![at494()];
        let both = TEXT.replacen("Năm 2023", "Trong năm 2023", 1).replacen(
            "đã giải ngân hết",
            "đã giải ngân 90%",
            1,
        );
        let moved = carry(TEXT, &both, &f);
        assert_eq!(moved.len(), 1);
        assert!(moved[0].holds_in(&both));
    }

    #[test]
    fn editing_the_figures_own_words_lets_it_go() {
        let f = vec![at494()];
        let edited = TEXT.replacen("494", "495", 1);
        assert!(carry(TEXT, &edited, &f).is_empty());
        let deleted = TEXT.replacen("494 triệu đồng", "", 1);
        assert!(carry(TEXT, &deleted, &f).is_empty());
    }

    #[test]
    fn two_figures_with_the_same_words_keep_their_own_places() {
        let text = "Năm 2022: 468 triệu đồng; năm 2023: 468 triệu đồng.";
        let first = fig(text.find("468").unwrap(), "468 triệu đồng");
        let mut second = fig(text.rfind("468").unwrap(), "468 triệu đồng");
        second.period = Period::year(2022).unwrap();
        let edited = text.replacen("Năm 2022: ", "Năm 2022 (kế hoạch): ", 1);
        let moved = carry(text, &edited, &[first.clone(), second.clone()]);
        assert_eq!(moved.len(), 2);
        assert_eq!(moved[0].period, first.period);
        assert_eq!(moved[1].period, second.period);
        assert!(moved[1].at > moved[0].at);
        assert!(moved.iter().all(|m| m.holds_in(&edited)));
    }

    #[test]
    fn a_cleaned_text_keeps_its_figures() {
        // Typed as decomposed letters before the figure: composing them moves its place.
        let nfd = "Nam hu\u{31b}u\u{300} 494 triệu đồng";
        let f = vec![fig(nfd.find("494").unwrap(), "494 triệu đồng")];
        let clean = clean_text(nfd);
        let settled = settle(&clean, f);
        assert_eq!(settled.len(), 1);
        assert!(settled[0].holds_in(&clean));
    }

    #[test]
    fn replacing_one_figure_moves_the_ones_after_it() {
        let text = "Năm 2022: 468 triệu đồng; năm 2023: 494 triệu đồng.";
        let a = fig(text.find("468").unwrap(), "468 triệu đồng");
        let b = fig(text.find("494").unwrap(), "494 triệu đồng");
        let (new, figs) = replace(text, &[a, b], 0, "1.470 triệu đồng");
        assert_eq!(new, "Năm 2022: 1.470 triệu đồng; năm 2023: 494 triệu đồng.");
        assert!(figs.iter().all(|f| f.holds_in(&new)));
    }
}
