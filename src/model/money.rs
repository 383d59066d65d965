//! Money: whole đồng as integers, amounts that may be unknown, units for display.
//!
//! No floating point touches money anywhere in GiamSat. Amounts are stored in whole đồng;
//! conversion to a display unit (nghìn / triệu / tỷ đồng) is exact decimal arithmetic.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A non-negative amount of money in whole Vietnamese đồng.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(transparent)]
pub struct Dong(i64);

/// Why an amount of money was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("số tiền không được âm ({0} đồng)")]
    Negative(i64),
    #[error("số tiền quá lớn")]
    Overflow,
    /// A sum of indicator values too large to hold.
    #[error("giá trị chỉ tiêu quá lớn để cộng")]
    ValueOverflow,
}

impl Dong {
    pub const ZERO: Dong = Dong(0);

    /// An amount in whole đồng; negative amounts are refused.
    pub fn new(dong: i64) -> Result<Dong, MoneyError> {
        if dong < 0 {
            Err(MoneyError::Negative(dong))
        } else {
            Ok(Dong(dong))
        }
    }

    /// Whole millions of đồng (the unit Vietnamese budget tables use).
    pub fn from_trieu(trieu: i64) -> Result<Dong, MoneyError> {
        let dong = trieu.checked_mul(1_000_000).ok_or(MoneyError::Overflow)?;
        Dong::new(dong)
    }

    pub fn get(self) -> i64 {
        self.0
    }

    pub fn checked_add(self, other: Dong) -> Result<Dong, MoneyError> {
        self.0
            .checked_add(other.0)
            .map(Dong)
            .ok_or(MoneyError::Overflow)
    }
}

impl<'de> Deserialize<'de> for Dong {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = i64::deserialize(d)?;
        Dong::new(v).map_err(serde::de::Error::custom)
    }
}

/// An amount a source reports: either a known sum in đồng, or reported to exist with the
/// amount not given ("chưa có số liệu"). Unknown is never treated as zero.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Amount {
    Known(Dong),
    Unknown,
}

impl Amount {
    pub fn known(self) -> Option<Dong> {
        match self {
            Amount::Known(d) => Some(d),
            Amount::Unknown => None,
        }
    }

    pub fn from_option(dong: Option<Dong>) -> Amount {
        dong.map_or(Amount::Unknown, Amount::Known)
    }
}

// In JSON an amount is a whole number of đồng, or null when unknown.
impl Serialize for Amount {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.known().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Amount::from_option(Option::<Dong>::deserialize(d)?))
    }
}

/// The sum of several amounts, some of which may be unknown. The known part is exact; the
/// number of unknown parts is kept so that a total is never shown as complete when it is not.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmountSum {
    pub known: Dong,
    pub known_count: usize,
    pub unknown_count: usize,
}

impl AmountSum {
    pub fn add(&mut self, amount: Amount) -> Result<(), MoneyError> {
        match amount {
            Amount::Known(d) => {
                self.known = self.known.checked_add(d)?;
                self.known_count += 1;
            }
            Amount::Unknown => self.unknown_count += 1,
        }
        Ok(())
    }

    pub fn merge(&mut self, other: &AmountSum) -> Result<(), MoneyError> {
        self.known = self.known.checked_add(other.known)?;
        self.known_count += other.known_count;
        self.unknown_count += other.unknown_count;
        Ok(())
    }

    /// The exact total, when every part is known and there is at least one part.
    pub fn total(&self) -> Option<Dong> {
        (self.unknown_count == 0 && self.known_count > 0).then_some(self.known)
    }

    pub fn is_empty(&self) -> bool {
        self.known_count == 0 && self.unknown_count == 0
    }

    /// Every part is unknown: nothing at all can be said about the amount.
    pub fn is_wholly_unknown(&self) -> bool {
        self.known_count == 0 && self.unknown_count > 0
    }

    pub fn is_partly_unknown(&self) -> bool {
        self.known_count > 0 && self.unknown_count > 0
    }
}

/// Whether two totals say the same: the same sum, as complete or as partly unknown — however
/// many figures make it up (a figure split in two, or a zero added, is no change).
pub fn same_total(a: &Option<AmountSum>, b: &Option<AmountSum>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            x.known == y.known
                && (x.known_count > 0) == (y.known_count > 0)
                && (x.unknown_count > 0) == (y.unknown_count > 0)
        }
        _ => false,
    }
}

/// The unit money is shown and typed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyUnit {
    Dong,
    Nghin,
    #[default]
    Trieu,
    Ty,
}

impl MoneyUnit {
    pub const ALL: [MoneyUnit; 4] = [
        MoneyUnit::Dong,
        MoneyUnit::Nghin,
        MoneyUnit::Trieu,
        MoneyUnit::Ty,
    ];

    /// How many đồng one unit is.
    pub fn dong_per_unit(self) -> i64 {
        match self {
            MoneyUnit::Dong => 1,
            MoneyUnit::Nghin => 1_000,
            MoneyUnit::Trieu => 1_000_000,
            MoneyUnit::Ty => 1_000_000_000,
        }
    }

    /// Decimal places needed to show any whole-đồng amount exactly in this unit.
    pub fn exact_decimals(self) -> u32 {
        self.dong_per_unit().ilog10()
    }

    /// The unit's name in Vietnamese, as used in "ĐVT: triệu đồng".
    pub fn label_vi(self) -> &'static str {
        match self {
            MoneyUnit::Dong => "đồng",
            MoneyUnit::Nghin => "nghìn đồng",
            MoneyUnit::Trieu => "triệu đồng",
            MoneyUnit::Ty => "tỷ đồng",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            MoneyUnit::Dong => "đồng",
            MoneyUnit::Nghin => "thousand đồng",
            MoneyUnit::Trieu => "million đồng",
            MoneyUnit::Ty => "billion đồng",
        }
    }

    /// The ASCII code used on the command line and in settings.
    pub fn code(self) -> &'static str {
        match self {
            MoneyUnit::Dong => "dong",
            MoneyUnit::Nghin => "nghin",
            MoneyUnit::Trieu => "trieu",
            MoneyUnit::Ty => "ty",
        }
    }
}

impl fmt::Display for Dong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} đồng",
            crate::model::number::format_int(self.0, crate::model::number::NumberStyle::Vi)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_money_is_refused() {
        assert_eq!(Dong::new(-1), Err(MoneyError::Negative(-1)));
        assert!(serde_json::from_str::<Dong>("-5").is_err());
        assert_eq!(serde_json::from_str::<Dong>("5").ok(), Some(Dong(5)));
    }

    #[test]
    fn sums_are_exact_and_keep_unknowns_apart() {
        let mut s = AmountSum::default();
        s.add(Amount::Known(Dong::from_trieu(468).unwrap()))
            .unwrap();
        s.add(Amount::Known(Dong::from_trieu(494).unwrap()))
            .unwrap();
        s.add(Amount::Known(Dong::from_trieu(949).unwrap()))
            .unwrap();
        assert_eq!(s.total(), Some(Dong(1_911_000_000)));
        s.add(Amount::Unknown).unwrap();
        assert_eq!(
            s.total(),
            None,
            "a total with an unknown part is not a total"
        );
        assert_eq!(s.known, Dong(1_911_000_000));
        assert!(s.is_partly_unknown());

        // Amounts that floats would get wrong stay exact.
        let mut t = AmountSum::default();
        for _ in 0..10 {
            t.add(Amount::Known(Dong(100_000_001))).unwrap();
        }
        assert_eq!(t.total(), Some(Dong(1_000_000_010)));
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        let mut s = AmountSum::default();
        s.add(Amount::Known(Dong(i64::MAX))).unwrap();
        assert_eq!(s.add(Amount::Known(Dong(1))), Err(MoneyError::Overflow));
        assert_eq!(Dong::from_trieu(i64::MAX / 10), Err(MoneyError::Overflow));
    }

    #[test]
    fn unknown_amount_is_null_in_json() {
        assert_eq!(serde_json::to_string(&Amount::Unknown).unwrap(), "null");
        assert_eq!(
            serde_json::from_str::<Amount>("494000000").unwrap(),
            Amount::Known(Dong(494_000_000))
        );
        assert_eq!(
            serde_json::from_str::<Amount>("null").unwrap(),
            Amount::Unknown
        );
    }
}
