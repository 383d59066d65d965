//! What the words of a column heading or of the unit line say: the kind of figure, its years
//! and period, the money unit.

use crate::model::{AllocationKind, MoneyUnit, Period};

const ALLOCATED: [&str; 10] = [
    "ke hoach von",
    "von phan bo",
    "du toan giao",
    "phan bo",
    "kh von",
    "ke hoach",
    "du toan",
    "giao von",
    "von giao",
    "duoc giao",
];
const DISBURSED: [&str; 4] = ["giai ngan", "thuc hien", "da chi", "quyet toan"];
const CARRIED: [&str; 3] = ["chuyen sang", "chuyen nguon", "keo dai"];

/// The kind of money a heading names, if it names one.
pub fn kind_in(heading_key: &str) -> Option<AllocationKind> {
    // "Kế hoạch vốn 2023 (gồm vốn 2022 chuyển sang)": what it includes does not make it
    // carried-over money.
    let main = ["(gom", "gom ca", "bao gom", "trong do"]
        .iter()
        .filter_map(|w| heading_key.find(w))
        .min()
        .map_or(heading_key, |at| &heading_key[..at]);
    if main.len() < heading_key.len() && kind_in(main).is_some() {
        return kind_in(main);
    }
    // What is left, or not yet done, is no kind of money GiamSat stores.
    let not_money = [
        "chua giai ngan",
        "con lai",
        "chua thuc hien",
        "chua phan bo",
    ];
    if not_money.iter().any(|w| main.contains(w)) {
        return None;
    }
    if CARRIED.iter().any(|w| heading_key.contains(w)) {
        Some(AllocationKind::CarriedOver)
    } else if DISBURSED.iter().any(|w| heading_key.contains(w)) {
        Some(AllocationKind::Disbursed)
    } else if ALLOCATED.iter().any(|w| heading_key.contains(w)) {
        Some(AllocationKind::Allocated)
    } else {
        None
    }
}

/// The years written in a text, in order: "Năm 2022 - 2023" → [2022, 2023].
pub(super) fn years_in(s: &str) -> Vec<i32> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let before_ok = start == 0 || !chars[start - 1].is_alphanumeric();
            if i - start == 4 && before_ok {
                let y: i32 = chars[start..i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(0);
                if (1990..=2100).contains(&y) {
                    out.push(y);
                }
            }
        } else {
            i += 1;
        }
    }
    out
}

/// The period a heading names. Money carried over belongs to the year it is carried into:
/// "Vốn năm 2022 chuyển sang năm 2023" → 2023.
pub fn period_in(heading_key: &str, kind: Option<AllocationKind>) -> Option<Period> {
    let years = years_in(heading_key);
    if kind == Some(AllocationKind::CarriedOver) {
        return match (
            heading_key.find("sang"),
            years.first().copied(),
            years.last().copied(),
        ) {
            (_, Some(a), Some(b)) if a != b => Period::year(b).ok(),
            (Some(at), Some(y), _) => {
                // "năm 2022 chuyển sang" (into the next year) or "chuyển sang năm 2023".
                let into = heading_key[at..].contains(&y.to_string());
                Period::year(if into { y } else { y + 1 }).ok()
            }
            (None, Some(y), _) => Period::year(y).ok(),
            _ => None,
        };
    }
    match years.as_slice() {
        [] => None,
        [y] => Period::year(*y).ok(),
        [a, .., b] => Period::new(*a.min(b), *a.max(b)).ok(),
    }
}

/// The unit a text names: "ĐVT: triệu đồng" → triệu đồng.
pub(super) fn unit_in(text_key: &str) -> Option<MoneyUnit> {
    let after = ["dvt", "don vi tinh", "don vi:", "(don vi"]
        .iter()
        .find_map(|m| text_key.find(m).map(|at| &text_key[at + m.len()..]))?;
    unit_word(after)
}

/// The unit that `s` starts with, as whole words: "triệu đồng", "tr.đ", "nghìn đồng", "đồng".
/// "(đồng bào…)" or "(ngân sách…)" name no unit.
pub(super) fn unit_word(s: &str) -> Option<MoneyUnit> {
    let s = s.trim_start_matches([':', ' ', '.']);
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ')' | ',' | ';' | '/'))
        .filter(|w| !w.is_empty())
        .take(2)
        .collect();
    let dong = |w: &str| matches!(w, "dong" | "d" | "vnd" | "d." | "dong.");
    match words.as_slice() {
        ["trieu"] | ["tr.d" | "trd" | "tr.d." | "tr.dong" | "tr" | "tr.", ..] => {
            Some(MoneyUnit::Trieu)
        }
        ["trieu", w] if dong(w) => Some(MoneyUnit::Trieu),
        ["nghin" | "ngan" | "1.000" | "1000", w] if dong(w) => Some(MoneyUnit::Nghin),
        ["ty", w] if dong(w) => Some(MoneyUnit::Ty),
        [w] if dong(w) => Some(MoneyUnit::Dong),
        [w, _] if dong(w) && *w != "d" => {
            // "đồng" followed by another word is a unit only when that word is not part of a
            // phrase such as "đồng bào".
            let second = words[1];
            (!second.chars().next().is_some_and(char::is_alphabetic)).then_some(MoneyUnit::Dong)
        }
        _ => None,
    }
}
