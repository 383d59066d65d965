//! Reading numbers the Vietnamese way: 1.234,5; "468 triệu đồng"; "4,68 tỷ"; "95,2%" — and
//! not taking dates, document numbers, codes, "đồng chí" or "tỷ lệ" for amounts.

/// A number read from a text: its value in its unit's smallest step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Read {
    /// Byte range in the paragraph, unit words included.
    pub(super) start: usize,
    pub(super) end: usize,
    /// The digits with their marks, as a value: `mantissa / 10^decimals`.
    pub(super) mantissa: i128,
    pub(super) decimals: u32,
    /// Written as a year is: "năm 2023", "giai đoạn 2021", "(2023)" — four plain digits
    /// after those words or before a stop, never "2000 hộ".
    pub(super) year_like: bool,
    pub(super) unit: Unit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    None,
    Percent,
    /// Money, in đồng per unit.
    Money(i128),
}

impl Read {
    /// In đồng, with the step the writing is precise to; `None` when not money or not whole.
    pub(super) fn dong(&self) -> Option<(i128, i128)> {
        let Unit::Money(per) = self.unit else {
            return None;
        };
        let scale = 10i128.checked_pow(self.decimals)?;
        let value = self.mantissa.checked_mul(per)?;
        if value % scale != 0 {
            return None;
        }
        let step = (per / scale).max(1);
        Some((value / scale, step))
    }

    /// As a number (for percentages).
    pub(super) fn as_f64(&self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.decimals as i32)
    }
}

/// Parses "1.234,5" (thousands with dots, decimals with a comma); `None` when the marks do
/// not make a Vietnamese number ("1,234.5", "1.23").
fn parse_vi(s: &str) -> Option<(i128, u32, bool)> {
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
        || groups[1..].iter().any(|g| g.len() != 3)
        || groups[0].len() > 3 && groups.len() > 1
    {
        return None;
    }
    let frac = match frac {
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => return None,
        Some(f) => f,
        None => "",
    };
    let digits: String = groups.concat() + frac;
    // Up to a billion billion: sums of amounts stay far inside what i128 holds.
    if digits.len() > 18 {
        return None;
    }
    let mantissa = digits.parse::<i128>().ok()?;
    Some((
        mantissa,
        frac.len() as u32,
        groups.len() == 1 && frac.is_empty(),
    ))
}

/// `s` without the word `w` at its start (in any case), when `s` starts with it as a whole
/// word; the rest keeps `s`'s own bytes (so places found in it are places in `s`).
fn strip_word<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let mut it = s.chars();
    for wc in w.chars() {
        let c = it.next()?;
        if !c.to_lowercase().eq(wc.to_lowercase()) {
            return None;
        }
    }
    let rest = it.as_str();
    rest.chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
        .then_some(rest)
}

/// The next word of `s` (after spaces), in lower case.
fn next_word(s: &str) -> String {
    s.trim_start_matches([' ', '\u{a0}'])
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The word before the end of `s`, in lower case.
fn last_word(s: &str) -> String {
    let t = s.trim_end_matches([' ', '\u{a0}']);
    let start = t
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphanumeric())
        .last()
        .map_or(t.len(), |(i, _)| i);
    t[start..].to_lowercase()
}

/// Words after "triệu", "nghìn" … that make the number a count, not money: "5 nghìn người".
const COUNTED: &[&str] = &[
    "người", "lượt", "hộ", "khẩu", "lao", "học", "ha", "héc", "m", "m2", "km", "tấn", "con", "cây",
    "lớp", "xã", "thôn", "bản", "suất", "trẻ", "em", "cháu", "công", "ngày", "giờ", "lần", "tài",
    "đối", "cuốn", "tờ", "bộ", "liều", "lít", "kg",
];

/// Words after "đồng" that make it no currency: "07 đồng chí", "đồng thời", "đồng bào".
const NOT_CURRENCY: &[&str] = &[
    "chí", "bào", "thời", "bộ", "ý", "đều", "loạt", "hành", "tâm", "lòng", "nghĩa", "minh",
    "hương", "thuận", "tình", "khởi", "dạng", "nhất", "sở", "ruộng", "bằng",
];

/// The unit words after a number, if any, and where they end.
fn unit_after(p: &str, from: usize) -> (Unit, usize) {
    let rest = &p[from..];
    let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
    let at = from + (rest.len() - trimmed.len());
    if trimmed.starts_with('%') {
        return (Unit::Percent, at + 1);
    }
    if let Some(r) = strip_word(trimmed, "phần trăm") {
        return (Unit::Percent, at + (trimmed.len() - r.len()));
    }
    for (w, per) in [
        ("tỷ", 1_000_000_000i128),
        ("tỉ", 1_000_000_000),
        ("triệu", 1_000_000),
        ("nghìn", 1_000),
        ("ngàn", 1_000),
    ] {
        let Some(r) = strip_word(trimmed, w) else {
            continue;
        };
        let next = next_word(r);
        // "tỷ lệ", "tỷ trọng": no amount; "5 nghìn người": a count.
        if matches!(next.as_str(), "lệ" | "trọng") || COUNTED.contains(&next.as_str()) {
            return (Unit::None, from);
        }
        let mut end = at + (trimmed.len() - r.len());
        // "triệu đồng": the currency after the multiplier belongs to it.
        let after = r.trim_start_matches([' ', '\u{a0}']);
        if let Some(r2) = strip_word(after, "đồng") {
            end = at + (trimmed.len() - r2.len());
        }
        return (Unit::Money(per), end);
    }
    if let Some(r) = strip_word(trimmed, "đồng")
        && !NOT_CURRENCY.contains(&next_word(r).as_str())
    {
        return (Unit::Money(1), at + (trimmed.len() - r.len()));
    }
    (Unit::None, from)
}

/// The numbers of a paragraph that stand as numbers: not part of a date, a document's number
/// ("12/KH-MTTQ", "30/2020/NĐ-CP") or a code ("A1").
pub(super) fn numbers(p: &str) -> Vec<Read> {
    let bytes = p.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while end < bytes.len()
            && (bytes[end].is_ascii_digit()
                || (matches!(bytes[end], b'.' | b',')
                    && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
        {
            end += 1;
        }
        i = end;
        let before = p[..start].chars().next_back();
        let after = p[end..].chars().next();
        let glued = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | '-' | '_' | '–' | '—'))
        };
        if glued(before) || glued(after) {
            continue;
        }
        let Some((mantissa, decimals, plain)) = parse_vi(&p[start..end]) else {
            continue;
        };
        let (unit, unit_end) = unit_after(p, end);
        let stop = p[end..]
            .trim_start_matches([' ', '\u{a0}'])
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ')' | ',' | '.' | ';' | ':' | '!' | '?'));
        let year_like = plain
            && unit == Unit::None
            && end - start == 4
            && (stop
                || matches!(
                    last_word(&p[..start]).as_str(),
                    "năm" | "đoạn" | "từ" | "đến" | "kỳ"
                ));
        out.push(Read {
            start,
            end: unit_end.max(end),
            mantissa,
            decimals,
            year_like,
            unit,
        });
    }
    out
}

/// The sentences of a paragraph, as byte ranges.
pub(super) fn sentences(p: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = p.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end_here = matches!(c, '.' | ';' | '!' | '?')
            && chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if end_here {
            out.push((start, i + c.len_utf8()));
            start = i + c.len_utf8();
        }
    }
    if start < p.len() {
        out.push((start, p.len()));
    }
    out
}
