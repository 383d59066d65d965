//! Periods: one calendar (= fiscal) year, or a span of years when a source gives only a total.

use serde::{Deserialize, Serialize};
use std::fmt;

pub const MIN_YEAR: i32 = 1990;
pub const MAX_YEAR: i32 = 2100;

/// A span of whole calendar years, `from_year ..= to_year`. A source's period total stays one
/// period; GiamSat never splits it into years.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawPeriod", deny_unknown_fields)]
pub struct Period {
    from_year: i32,
    to_year: i32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from_year: i32,
    to_year: i32,
}

impl TryFrom<RawPeriod> for Period {
    type Error = PeriodError;
    fn try_from(r: RawPeriod) -> Result<Self, Self::Error> {
        Period::new(r.from_year, r.to_year)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("năm {0} nằm ngoài khoảng {MIN_YEAR}–{MAX_YEAR}")]
    YearOutOfRange(i32),
    #[error("năm bắt đầu {0} sau năm kết thúc {1}")]
    Reversed(i32, i32),
    #[error("không đọc được kỳ “{0}”: viết một năm (2023) hoặc một khoảng (2022–2023)")]
    Unreadable(String),
}

impl PeriodError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::Vi {
            return self.to_string();
        }
        match self {
            PeriodError::YearOutOfRange(y) => format!("year {y} is outside {MIN_YEAR}–{MAX_YEAR}"),
            PeriodError::Reversed(a, b) => format!("start year {a} is after end year {b}"),
            PeriodError::Unreadable(s) => {
                format!("cannot read the period “{s}”: write one year (2023) or a span (2022–2023)")
            }
        }
    }
}

impl Period {
    pub fn new(from_year: i32, to_year: i32) -> Result<Period, PeriodError> {
        for y in [from_year, to_year] {
            if !(MIN_YEAR..=MAX_YEAR).contains(&y) {
                return Err(PeriodError::YearOutOfRange(y));
            }
        }
        if from_year > to_year {
            return Err(PeriodError::Reversed(from_year, to_year));
        }
        Ok(Period { from_year, to_year })
    }

    pub fn year(year: i32) -> Result<Period, PeriodError> {
        Period::new(year, year)
    }

    pub fn from_year(self) -> i32 {
        self.from_year
    }

    pub fn to_year(self) -> i32 {
        self.to_year
    }

    pub fn is_single_year(self) -> bool {
        self.from_year == self.to_year
    }

    /// The order columns, legends and bars follow: single years first, in order, then period
    /// totals (2022, 2023, 2022–2023), so a period total never sits between two years.
    pub fn column_key(self) -> (bool, i32, i32) {
        (!self.is_single_year(), self.from_year, self.to_year)
    }

    pub fn contains_year(self, year: i32) -> bool {
        (self.from_year..=self.to_year).contains(&year)
    }

    pub fn overlaps(self, other: Period) -> bool {
        self.from_year <= other.to_year && other.from_year <= self.to_year
    }

    /// Reads "2023", "2022-2023", "2022–2023" or "2022 - 2023".
    pub fn parse(s: &str) -> Result<Period, PeriodError> {
        let t = s.trim();
        let bad = || PeriodError::Unreadable(t.to_string());
        let mut parts = t.split(['-', '–', '—']);
        let a = parts.next().ok_or_else(bad)?.trim();
        let b = parts.next().map(str::trim);
        if parts.next().is_some() {
            return Err(bad());
        }
        let year = |x: &str| -> Result<i32, PeriodError> {
            if x.len() == 4 && x.chars().all(|c| c.is_ascii_digit()) {
                x.parse::<i32>().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let from = year(a)?;
        let to = match b {
            Some(b) => year(b)?,
            None => from,
        };
        Period::new(from, to)
    }
}

impl fmt::Display for Period {
    /// "2023" or "2022–2023" (with an en dash, as printed).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single_year() {
            write!(f, "{}", self.from_year)
        } else {
            write!(f, "{}–{}", self.from_year, self.to_year)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_validated() {
        assert!(Period::new(2022, 2023).is_ok());
        assert_eq!(
            Period::new(2023, 2022),
            Err(PeriodError::Reversed(2023, 2022))
        );
        assert_eq!(Period::year(1989), Err(PeriodError::YearOutOfRange(1989)));
        assert_eq!(Period::year(2101), Err(PeriodError::YearOutOfRange(2101)));
        assert!(Period::year(1990).is_ok() && Period::year(2100).is_ok());
    }

    #[test]
    fn periods_read_and_print() {
        assert_eq!(Period::parse("2023").unwrap().to_string(), "2023");
        for s in ["2022-2023", "2022–2023", " 2022 - 2023 "] {
            assert_eq!(Period::parse(s).unwrap().to_string(), "2022–2023");
        }
        assert!(matches!(
            Period::parse("22"),
            Err(PeriodError::Unreadable(_))
        ));
        assert!(matches!(
            Period::parse("2022-2023-2024"),
            Err(PeriodError::Unreadable(_))
        ));
        assert_eq!(
            Period::parse("2024-2022"),
            Err(PeriodError::Reversed(2024, 2022))
        );
    }

    #[test]
    fn bad_periods_are_refused_in_json() {
        assert!(serde_json::from_str::<Period>(r#"{"from_year":2023,"to_year":2022}"#).is_err());
        assert!(
            serde_json::from_str::<Period>(r#"{"from_year":2023,"to_year":2023,"x":1}"#).is_err()
        );
        let p: Period = serde_json::from_str(r#"{"from_year":2022,"to_year":2023}"#).unwrap();
        assert!(p.contains_year(2022) && p.contains_year(2023) && !p.contains_year(2024));
    }
}
