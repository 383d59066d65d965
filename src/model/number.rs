//! Writing and reading numbers the Vietnamese way (1.234.567; 1.234,5) or the English way
//! (1,234,567; 1,234.5). Money is converted between đồng and a display unit exactly.

use super::money::{Dong, MoneyUnit};

/// Which separators a number uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum NumberStyle {
    /// Thousands ".", decimals ",".
    #[default]
    Vi,
    /// Thousands ",", decimals ".".
    En,
}

impl NumberStyle {
    pub fn thousands(self) -> char {
        match self {
            NumberStyle::Vi => '.',
            NumberStyle::En => ',',
        }
    }

    pub fn decimal(self) -> char {
        match self {
            NumberStyle::Vi => ',',
            NumberStyle::En => '.',
        }
    }
}

fn group_digits(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An integer with thousands separators: 1911 → "1.911".
pub fn format_int(value: i64, style: NumberStyle) -> String {
    let digits = value.unsigned_abs().to_string();
    let grouped = group_digits(&digits, style.thousands());
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A fixed-point value `units / 10^scale` written exactly, trailing zeros dropped:
/// (12345, 1) → "1.234,5".
pub fn format_scaled(units: i64, scale: u32, style: NumberStyle) -> String {
    let div = 10i64.pow(scale);
    let neg = units < 0;
    let abs = units.unsigned_abs();
    let whole = abs / div.unsigned_abs();
    let frac = abs % div.unsigned_abs();
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    s.push_str(&group_digits(&whole.to_string(), style.thousands()));
    if frac != 0 {
        let frac_str = format!("{:0width$}", frac, width = scale as usize);
        s.push(style.decimal());
        s.push_str(frac_str.trim_end_matches('0'));
    }
    s
}

/// Money in a display unit, exactly: 1_234_500_000 đồng in triệu → "1.234,5".
pub fn format_money(amount: Dong, unit: MoneyUnit, style: NumberStyle) -> String {
    // dong_per_unit is a power of ten, so this is the exact decimal.
    format_scaled(amount.get(), unit.exact_decimals(), style)
}

/// Money in a display unit rounded half away from zero to at most `decimals` places
/// (for charts and tight tables; the stored amount stays exact).
pub fn format_money_rounded(
    amount: Dong,
    unit: MoneyUnit,
    decimals: u32,
    style: NumberStyle,
) -> String {
    let exact = unit.exact_decimals();
    if decimals >= exact {
        return format_money(amount, unit, style);
    }
    let drop = 10i64.pow(exact - decimals);
    let v = amount.get();
    let rounded = (v / drop) + if (v % drop) * 2 >= drop { 1 } else { 0 };
    format_scaled(rounded, decimals, style)
}

/// A file size as people read it: "820 KB", "12,4 MB".
pub fn format_size(bytes: u64, style: NumberStyle) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", format_int(bytes.div_ceil(1024) as i64, style))
    } else {
        let tenths = (bytes.saturating_mul(10) + 524_288) / 1_048_576;
        format!("{} MB", format_scaled(tenths as i64, 1, style))
    }
}

/// Why a typed number was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParseNumberError {
    #[error("chưa nhập số")]
    Empty,
    #[error("số không được âm")]
    Negative,
    #[error("ký tự không hợp lệ “{0}” trong số")]
    BadChar(char),
    #[error("nhóm hàng nghìn không đúng: dùng “{0}” ngăn cách mỗi 3 chữ số (ví dụ {1})")]
    BadGrouping(char, &'static str),
    #[error("có nhiều hơn một dấu thập phân “{0}”")]
    TwoDecimalMarks(char),
    #[error("quá nhiều chữ số thập phân: {unit} chỉ chính xác đến {max} chữ số sau dấu phẩy")]
    TooPrecise { unit: &'static str, max: u32 },
    #[error("số quá lớn")]
    Overflow,
}

impl ParseNumberError {
    /// What is wrong with the typed number, in `lang`.
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use ParseNumberError::*;
        if lang == crate::i18n::Lang::Vi {
            return self.to_string();
        }
        match self {
            Empty => "no number was typed".into(),
            Negative => "the number must not be negative".into(),
            BadChar(c) => format!("“{c}” is not allowed in a number"),
            BadGrouping(sep, example) => {
                let example = example.replace('.', ",");
                format!(
                    "wrong thousands grouping: use “{sep}” between groups of 3 digits (e.g. {example})"
                )
            }
            TwoDecimalMarks(c) => format!("more than one decimal mark “{c}”"),
            TooPrecise { max, .. } => {
                format!("too many decimals: this unit is exact to {max} decimal places")
            }
            Overflow => "the number is too large".into(),
        }
    }
}

/// Reads a non-negative decimal typed by a person into `units / 10^scale`.
/// Accepts "1234", "1.234", "1.234,5" (Vietnamese) or "1,234.5" (English), surrounding spaces and
/// spaces as thousands separators. Refuses more decimals than `scale` allows rather than rounding.
pub fn parse_scaled(input: &str, scale: u32, style: NumberStyle) -> Result<i64, ParseNumberError> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| *c != ' ' && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if s.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    if s.starts_with('-') || s.starts_with('\u{2212}') {
        return Err(ParseNumberError::Negative);
    }
    let (dec, thou) = (style.decimal(), style.thousands());
    if let Some(c) = s
        .chars()
        .find(|c| !c.is_ascii_digit() && *c != dec && *c != thou)
    {
        return Err(ParseNumberError::BadChar(c));
    }
    let mut parts = s.split(dec);
    let int_part = parts.next().unwrap_or_default();
    let frac_part = parts.next();
    if parts.next().is_some() {
        return Err(ParseNumberError::TwoDecimalMarks(dec));
    }
    let example = match style {
        NumberStyle::Vi => "1.234.567",
        NumberStyle::En => "1,234,567",
    };
    if let Some(f) = frac_part
        && f.contains(thou)
    {
        return Err(ParseNumberError::BadGrouping(thou, example));
    }
    // Thousands groups: the first has 1–3 digits, every later one exactly 3.
    let groups: Vec<&str> = int_part.split(thou).collect();
    if groups.len() > 1
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return Err(ParseNumberError::BadGrouping(thou, example));
    }
    let int_digits: String = groups.concat();
    let frac_digits = frac_part.unwrap_or("");
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    let frac_trimmed = frac_digits.trim_end_matches('0');
    if frac_trimmed.len() > scale as usize {
        return Err(ParseNumberError::TooPrecise {
            unit: "",
            max: scale,
        });
    }
    let mut value: i64 = 0;
    for c in int_digits
        .chars()
        .chain(frac_trimmed.chars().chain(std::iter::repeat_n(
            '0',
            scale as usize - frac_trimmed.len(),
        )))
    {
        let d = i64::from(c as u8 - b'0');
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d))
            .ok_or(ParseNumberError::Overflow)?;
    }
    Ok(value)
}

/// Reads money typed in a display unit into whole đồng: "1.234,5" in triệu → 1_234_500_000.
pub fn parse_money(
    input: &str,
    unit: MoneyUnit,
    style: NumberStyle,
) -> Result<Dong, ParseNumberError> {
    parse_scaled(input, unit.exact_decimals(), style)
        .map_err(|e| match e {
            ParseNumberError::TooPrecise { max, .. } => ParseNumberError::TooPrecise {
                unit: unit.label_vi(),
                max,
            },
            other => other,
        })
        .and_then(|v| Dong::new(v).map_err(|_| ParseNumberError::Negative))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberStyle::{En, Vi};

    #[test]
    fn integers_are_grouped_the_vietnamese_way() {
        assert_eq!(format_int(0, Vi), "0");
        assert_eq!(format_int(468, Vi), "468");
        assert_eq!(format_int(1911, Vi), "1.911");
        assert_eq!(format_int(1_234_567, Vi), "1.234.567");
        assert_eq!(format_int(1_234_567, En), "1,234,567");
        assert_eq!(format_int(-1_234, Vi), "-1.234");
    }

    #[test]
    fn money_in_units_is_exact() {
        let d = Dong::new(1_234_500_000).unwrap();
        assert_eq!(format_money(d, MoneyUnit::Trieu, Vi), "1.234,5");
        assert_eq!(format_money(d, MoneyUnit::Trieu, En), "1,234.5");
        assert_eq!(format_money(d, MoneyUnit::Dong, Vi), "1.234.500.000");
        assert_eq!(format_money(d, MoneyUnit::Nghin, Vi), "1.234.500");
        assert_eq!(format_money(d, MoneyUnit::Ty, Vi), "1,2345");
        let odd = Dong::new(468_000_001).unwrap();
        assert_eq!(format_money(odd, MoneyUnit::Trieu, Vi), "468,000001");
        assert_eq!(format_money_rounded(odd, MoneyUnit::Trieu, 1, Vi), "468");
        let half = Dong::new(1_500_000).unwrap();
        assert_eq!(format_money_rounded(half, MoneyUnit::Trieu, 0, Vi), "2");
        let quarter = Dong::new(1_250_000).unwrap();
        assert_eq!(format_money_rounded(quarter, MoneyUnit::Trieu, 0, Vi), "1");
        assert_eq!(
            format_money_rounded(quarter, MoneyUnit::Trieu, 1, Vi),
            "1,3"
        );
    }

    #[test]
    fn typed_money_is_read_exactly() {
        let p = |s| parse_money(s, MoneyUnit::Trieu, Vi).map(Dong::get);
        assert_eq!(p("468"), Ok(468_000_000));
        assert_eq!(p(" 1.234,5 "), Ok(1_234_500_000));
        assert_eq!(p("1234,5"), Ok(1_234_500_000));
        assert_eq!(p("0,000001"), Ok(1));
        assert_eq!(p("1 234,5"), Ok(1_234_500_000));
        assert_eq!(p(",5"), Ok(500_000));
        assert_eq!(p("1,50"), Ok(1_500_000));
        assert_eq!(
            parse_money("1,234.5", MoneyUnit::Trieu, En).map(Dong::get),
            Ok(1_234_500_000)
        );
    }

    #[test]
    fn bad_typed_money_says_why() {
        let p = |s| parse_money(s, MoneyUnit::Trieu, Vi);
        assert_eq!(p(""), Err(ParseNumberError::Empty));
        assert_eq!(p("   "), Err(ParseNumberError::Empty));
        assert_eq!(p("-5"), Err(ParseNumberError::Negative));
        assert_eq!(p("12a"), Err(ParseNumberError::BadChar('a')));
        assert!(matches!(
            p("1.5"),
            Err(ParseNumberError::BadGrouping('.', _))
        ));
        assert!(matches!(
            p("1.2345"),
            Err(ParseNumberError::BadGrouping(..))
        ));
        assert_eq!(p("1,2,3"), Err(ParseNumberError::TwoDecimalMarks(',')));
        assert!(matches!(
            p("0,0000001"),
            Err(ParseNumberError::TooPrecise { max: 6, .. })
        ));
        assert!(matches!(
            parse_money("1,5", MoneyUnit::Dong, Vi),
            Err(ParseNumberError::TooPrecise { max: 0, .. })
        ));
        assert_eq!(p("99999999999999999999"), Err(ParseNumberError::Overflow));
        let msg = p("1.5").unwrap_err().to_string();
        assert!(msg.contains("1.234.567"), "{msg}");
    }

    #[test]
    fn formatting_and_parsing_round_trip() {
        for v in [
            0i64,
            1,
            999_999,
            1_000_000,
            468_000_000,
            1_911_000_000,
            123_456_789_012,
        ] {
            for unit in MoneyUnit::ALL {
                for style in [Vi, En] {
                    let d = Dong::new(v).unwrap();
                    let s = format_money(d, unit, style);
                    assert_eq!(parse_money(&s, unit, style), Ok(d), "{s} {unit:?}");
                }
            }
        }
    }
}
