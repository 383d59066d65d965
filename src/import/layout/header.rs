//! Finding the header rows and the unit line, and what each column holds.

use super::rows::{NAME_HEADINGS, looks_numeric};
use super::words::{kind_in, period_in, unit_in, unit_word, years_in};
use super::{Column, ColumnRole, SkipReason, key};
use crate::import::grid::{Cell, Sheet};
use crate::import::legacy::{self, Legacy};
use crate::model::{AllocationKind, MoneyUnit, Period};

/// The sheet with its text in Unicode: legacy font encodings converted, all text NFC.
pub(super) fn unicode(sheet: &Sheet) -> (Sheet, Option<Legacy>) {
    let texts = sheet.rows.iter().flatten().filter_map(Cell::text);
    let legacy = legacy::detect(texts);
    let mut out = sheet.clone();
    for cell in out.rows.iter_mut().flatten() {
        if let Cell::Text(t) = cell {
            let converted = match legacy {
                // A name pasted in Unicode into an old-font sheet stays as it is.
                Some(l) if !legacy::has_unicode_only_letters(t) => legacy::convert(t, l),
                _ => t.clone(),
            };
            *t = crate::model::text::nfc(&converted);
        }
    }
    (out, legacy)
}

/// How much a row looks like the table's header: cells naming a kind of money or a year.
fn header_signs(sheet: &Sheet, r: usize) -> (usize, usize, bool) {
    let mut signs = 0;
    let mut filled = 0;
    let mut names_units = false;
    for c in &sheet.rows[r] {
        let Some(t) = c.text() else {
            if !c.is_empty() {
                filled += 1;
            }
            continue;
        };
        if t.trim().is_empty() {
            continue;
        }
        filled += 1;
        let k = key(t);
        if kind_in(&k).is_some() || !years_in(&k).is_empty() {
            signs += 1;
        }
        if NAME_HEADINGS.iter().any(|h| k.starts_with(h)) || k == "stt" || k == "tt" {
            names_units = true;
        }
    }
    (signs, filled, names_units)
}

/// The header rows: the first row with several cells and a year or a kind of money in them
/// (and a heading for the units, or two such cells), with the rows right under it that are
/// headings too (a merged two-row header).
pub(super) fn find_header(sheet: &Sheet) -> Option<(usize, usize)> {
    let n = sheet.rows.len().min(80);
    let top = (0..n).find(|&r| {
        let (signs, filled, names_units) = header_signs(sheet, r);
        filled >= 3 && (signs >= 2 || (signs >= 1 && names_units))
    })?;
    let mut bottom = top;
    while bottom + 1 < sheet.rows.len() && bottom < top + 2 {
        let next = bottom + 1;
        let row = &sheet.rows[next];
        let (signs, filled, _) = header_signs(sheet, next);
        let numeric = row.iter().any(looks_numeric);
        if filled > 0 && signs > 0 && !numeric {
            bottom = next;
        } else {
            break;
        }
    }
    Some((top, bottom))
}

/// The unit: an "ĐVT: …" line above or beside the table, else a unit named in a heading.
pub(super) fn find_unit(sheet: &Sheet, header_end: usize) -> Option<(MoneyUnit, (usize, usize))> {
    let mut in_heading = None;
    for r in 0..=header_end.min(sheet.rows.len().saturating_sub(1)) {
        for (c, cell) in sheet.rows[r].iter().enumerate() {
            let Some(t) = cell.text() else { continue };
            let k = key(t);
            if let Some(u) = unit_in(&k) {
                return Some((u, (r, c)));
            }
            if in_heading.is_none()
                && let Some(open) = k.find('(')
                && let Some(u) = unit_word(&k[open + 1..])
            {
                in_heading = Some((u, (r, c)));
            }
        }
    }
    in_heading
}

/// Each column's heading: its header cells top to bottom. A heading merged across several
/// columns ("Năm 2022" over "Kế hoạch vốn" and "Giải ngân") is written in the first of them
/// only; it is carried to the columns under it.
pub(super) fn headings(sheet: &Sheet, (top, bottom): (usize, usize)) -> Vec<String> {
    let width = sheet.width();
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); width];
    for r in top..=bottom {
        let mut carried: Option<String> = None;
        for (c, part) in parts.iter_mut().enumerate() {
            let here = sheet.cell(r, c).shown().trim().to_string();
            let below_filled = (r + 1..=bottom).any(|b| !sheet.cell(b, c).is_empty());
            if !here.is_empty() {
                carried = below_filled.then(|| here.clone());
                part.push(here);
            } else if below_filled && let Some(text) = &carried {
                part.push(text.clone());
            } else {
                carried = None;
            }
        }
    }
    parts.into_iter().map(|p| p.join(" ")).collect()
}

pub(super) fn column_role(
    heading: &str,
    title_period: Option<Period>,
    title_kind: Option<AllocationKind>,
) -> ColumnRole {
    let k = key(heading);
    let skipped = |reason| ColumnRole::Skipped { reason };
    if k.is_empty() {
        return skipped(SkipReason::Unrecognised);
    }
    if k == "stt" || k == "tt" || k.starts_with("so tt") || k.starts_with("stt ") {
        return ColumnRole::Number;
    }
    if k.starts_with("ghi chu") {
        return ColumnRole::Note;
    }
    if k.contains("ty le") || k.contains('%') {
        return skipped(SkipReason::Ratio);
    }
    let kind = kind_in(&k);
    let years = years_in(&k);
    if kind.is_none() && years.is_empty() {
        return if NAME_HEADINGS.iter().any(|h| k.starts_with(h)) {
            ColumnRole::Name
        } else {
            skipped(SkipReason::Unrecognised)
        };
    }
    let Some(kind) = kind.or(title_kind) else {
        return skipped(SkipReason::NoKind);
    };
    match period_in(&k, Some(kind)).or(title_period) {
        Some(p) => ColumnRole::Figure {
            from_year: p.from_year(),
            to_year: p.to_year(),
            kind,
        },
        None => skipped(SkipReason::NoPeriod),
    }
}

/// A "Tổng" column whose period covers other columns of the same kind is their sum.
pub(super) fn skip_total_columns(columns: &mut [Column]) {
    let figures: Vec<(usize, Period, AllocationKind)> = columns
        .iter()
        .filter_map(|c| match c.role {
            ColumnRole::Figure { kind, .. } => Some((c.index, c.period()?, kind)),
            _ => None,
        })
        .collect();
    for c in columns.iter_mut() {
        let ColumnRole::Figure { kind, .. } = c.role else {
            continue;
        };
        let Some(p) = c.period() else { continue };
        let named_total = key(&c.heading).contains("tong");
        let covers_others = figures.iter().any(|(i, q, k)| {
            *i != c.index
                && *k == kind
                && q != &p
                && q.from_year() >= p.from_year()
                && q.to_year() <= p.to_year()
        });
        if named_total && covers_others {
            c.role = ColumnRole::Skipped {
                reason: SkipReason::Total,
            };
        }
    }
}

/// Several columns of one year and kind (a total and its funding sources — "Tổng số", "NSTW",
/// "NSĐP"): the total is imported and its parts are not; without a total, none is until the
/// user chooses.
pub(super) fn skip_same_columns(columns: &mut [Column]) {
    let mut groups: std::collections::HashMap<(Period, AllocationKind), Vec<usize>> =
        Default::default();
    for (i, c) in columns.iter().enumerate() {
        if let (ColumnRole::Figure { kind, .. }, Some(p)) = (&c.role, c.period()) {
            groups.entry((p, *kind)).or_default().push(i);
        }
    }
    for list in groups.values().filter(|l| l.len() > 1) {
        let totals: Vec<usize> = list
            .iter()
            .copied()
            .filter(|&i| key(&columns[i].heading).contains("tong"))
            .collect();
        for &i in list {
            let reason = match totals.as_slice() {
                [total] if *total == i => continue,
                [_] => SkipReason::PartOfTotal,
                _ => SkipReason::SameAsOther,
            };
            columns[i].role = ColumnRole::Skipped { reason };
        }
    }
}
