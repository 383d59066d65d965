//! Reported figures: money allocations and indicator values, each tied to an area, a period
//! and the source document it came from.

use super::ids::{
    AllocationId, AreaId, FundingSourceId, IndicatorId, IndicatorValueId, ProjectId, RoundId,
};
use super::money::Amount;
use super::period::Period;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A funding source (nguồn vốn): "Ngân sách trung ương", "Ngân sách địa phương" …
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    pub id: FundingSourceId,
    pub name: String,
}

/// What an allocation figure measures.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum AllocationKind {
    /// New money allocated for the period (vốn phân bổ).
    #[default]
    Allocated,
    /// Money from the previous year carried over into the period (vốn năm trước chuyển sang).
    CarriedOver,
    /// Money disbursed in the period (giải ngân).
    Disbursed,
}

impl AllocationKind {
    pub const ALL: [AllocationKind; 3] = [
        AllocationKind::Allocated,
        AllocationKind::CarriedOver,
        AllocationKind::Disbursed,
    ];

    /// The ASCII code used in files and csv.
    pub fn code(self) -> &'static str {
        match self {
            AllocationKind::Allocated => "allocated",
            AllocationKind::CarriedOver => "carried_over",
            AllocationKind::Disbursed => "disbursed",
        }
    }

    pub fn from_code(code: &str) -> Option<AllocationKind> {
        AllocationKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label_vi(self) -> &'static str {
        match self {
            AllocationKind::Allocated => "Vốn phân bổ",
            AllocationKind::CarriedOver => "Vốn năm trước chuyển sang",
            AllocationKind::Disbursed => "Giải ngân",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            AllocationKind::Allocated => "Allocated",
            AllocationKind::CarriedOver => "Carried over",
            AllocationKind::Disbursed => "Disbursed",
        }
    }
}

/// What a figure on an area covers: the area's total (its sub-areas included — what a
/// district's report gives as the district's figure) or its own part (the district office's
/// own allocation, beside its communes'). A total and its parts are never added together; see
/// `analysis::count`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Covers {
    /// The area's total, its sub-areas included.
    #[default]
    Total,
    /// The area's own part only, beside its sub-areas' figures.
    Own,
}

impl Covers {
    pub const ALL: [Covers; 2] = [Covers::Total, Covers::Own];

    /// The ASCII code used in files and csv.
    pub fn code(self) -> &'static str {
        match self {
            Covers::Total => "total",
            Covers::Own => "own",
        }
    }

    pub fn from_code(code: &str) -> Option<Covers> {
        Covers::ALL.into_iter().find(|c| c.code() == code)
    }

    pub fn is_total(&self) -> bool {
        *self == Covers::Total
    }
}

/// One figure a subject reported: money of one kind for one area, project and period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    pub id: AllocationId,
    pub area_id: AreaId,
    pub project_id: ProjectId,
    pub period: Period,
    pub kind: AllocationKind,
    pub funding_source_id: Option<FundingSourceId>,
    /// Whole đồng, or unknown (reported to exist, amount not given).
    pub amount_dong: Amount,
    pub note: String,
    /// Where the figure comes from: "Báo cáo số 123/BC-UBND ngày 02/6/2023".
    pub source_doc: String,
    /// The supervision round whose reports gave the figure, when known. The same figure
    /// reported again at a later round is a record of its own: ordinary views count the
    /// latest round's (see `analysis::superseded`), "compare rounds" shows each.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_id: Option<RoundId>,
    /// Whether the figure is its area's total or the area's own part (see [`Covers`]).
    #[serde(default, skip_serializing_if = "Covers::is_total")]
    pub covers: Covers,
}

/// A figure as stored before it said what it covers, for [`own_parts_in_old_data`].
#[derive(Clone, Copy, Debug)]
pub struct OldFigure<'a> {
    pub id: AllocationId,
    pub area: AreaId,
    pub project: ProjectId,
    /// Where it came from: "FILE, trang tính “SHEET”, dòng N" for a report's row.
    pub source: &'a str,
    /// Its column in the report: (from year, to year, kind code).
    pub column: (i32, i32, &'a str),
    /// In đồng; `None` unknown.
    pub amount: Option<i64>,
    /// The round it was imported for (the same report may have been imported at two).
    pub round: Option<RoundId>,
}

/// The figures that, in data stored before a figure said what it covers, are an area's own
/// part rather than its total: the rows of a district office in an imported report. The
/// import wrote every row's source as "FILE, trang tính “SHEET”, dòng N" and put the office's
/// row on the area the report was imported under — every other row of the report on areas
/// under it. So a row is an office's when every other row its report (its source without the
/// row) gave for the same project lies under the row's own area, and there is at least one —
/// unless its figures are the sum of the rows directly under it (those with no other row of
/// the report between: a province's districts, not their communes too) in every column where
/// all of them are known and add up to more than nothing, and there is such a column: a row
/// that adds up the rows under it is their total. A report imported at two rounds is two
/// reports. Every other figure — typed in, a report's row for an area of its
/// own, a province sheet listing districts and communes side by side — is its area's total,
/// as reported.
///
/// `areas` are (area, parent).
pub fn own_parts_in_old_data<'a>(
    areas: impl IntoIterator<Item = (AreaId, Option<AreaId>)>,
    figures: impl IntoIterator<Item = OldFigure<'a>>,
) -> Vec<AllocationId> {
    use std::collections::{BTreeMap, HashMap};
    let parent: HashMap<AreaId, AreaId> = areas
        .into_iter()
        .filter_map(|(a, p)| Some((a, p?)))
        .collect();
    // Whether `area` lies strictly under `top` (a chain longer than any real one is a loop in a
    // damaged file: not under).
    let under = |area: AreaId, top: AreaId| {
        let mut at = area;
        for _ in 0..16 {
            match parent.get(&at) {
                Some(p) if *p == top => return true,
                Some(p) => at = *p,
                None => return false,
            }
        }
        false
    };
    // The report a source names: the text before its last " dòng N".
    let report = |source: &'a str| -> Option<&'a str> {
        let (head, row) = source.rsplit_once(" dòng ")?;
        (head.ends_with(',') && !row.is_empty() && row.bytes().all(|b| b.is_ascii_digit()))
            .then_some(head)
    };
    let mut by_report: BTreeMap<(&str, ProjectId, Option<RoundId>), Vec<OldFigure<'a>>> =
        BTreeMap::new();
    for f in figures {
        if let Some(r) = report(f.source) {
            by_report
                .entry((r, f.project, f.round))
                .or_default()
                .push(f);
        }
    }
    let mut out = Vec::new();
    for rows in by_report.values() {
        let mut areas: Vec<AreaId> = rows.iter().map(|f| f.area).collect();
        areas.sort();
        areas.dedup();
        for top in &areas {
            let others: Vec<&AreaId> = areas.iter().filter(|a| *a != top).collect();
            if others.is_empty() || !others.iter().all(|a| under(**a, *top)) {
                continue;
            }
            // Each column's sum of the rows directly under it (no other row's area between):
            // `None` where one is unknown.
            let direct = |a: AreaId| {
                !areas
                    .iter()
                    .any(|m| m != top && *m != a && under(a, *m) && under(*m, *top))
            };
            let mut below: HashMap<(i32, i32, &str), Option<i64>> = HashMap::new();
            for f in rows.iter().filter(|f| f.area != *top && direct(f.area)) {
                let sum = below.entry(f.column).or_insert(Some(0));
                *sum = sum.zip(f.amount).and_then(|(s, x)| s.checked_add(x));
            }
            // Each row of `top` (its source, the row included) on its own.
            let mut own_rows: BTreeMap<&str, Vec<&OldFigure<'a>>> = BTreeMap::new();
            for f in rows.iter().filter(|f| f.area == *top) {
                own_rows.entry(f.source).or_default().push(f);
            }
            for figures in own_rows.values() {
                let compared: Vec<bool> = figures
                    .iter()
                    .filter_map(|f| {
                        let sum = (*below.get(&f.column)?)?;
                        (sum > 0).then_some(f.amount == Some(sum))
                    })
                    .collect();
                let adds_up = !compared.is_empty() && compared.iter().all(|x| *x);
                if !adds_up {
                    out.extend(figures.iter().map(|f| f.id));
                }
            }
        }
    }
    out.sort();
    out
}

/// What kind of value an indicator takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    /// A count or measure with a unit: 9 classes, 20 communes.
    Number,
    /// The month something was completed: 05/2023.
    Month,
}

/// A named indicator: "Số lớp tập huấn đã tổ chức" in "lớp".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    pub unit: String,
    pub kind: IndicatorKind,
}

/// An exact decimal quantity in thousandths (3,5% is 3500). Written in JSON as a decimal
/// string ("3.5") so that nothing passes through floating point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quantity {
    milli: i64,
}

impl Quantity {
    pub const SCALE: u32 = 3;

    pub fn from_milli(milli: i64) -> Quantity {
        Quantity { milli }
    }

    pub fn whole(n: i64) -> Option<Quantity> {
        n.checked_mul(1000).map(Quantity::from_milli)
    }

    pub fn milli(self) -> i64 {
        self.milli
    }

    /// Written with the given separators, e.g. "3,5" (Vietnamese).
    pub fn format(self, style: super::number::NumberStyle) -> String {
        super::number::format_scaled(self.milli, Self::SCALE, style)
    }

    /// Reads a quantity typed by a person ("1.234,5"); a leading minus is allowed.
    pub fn parse(
        s: &str,
        style: super::number::NumberStyle,
    ) -> Result<Quantity, super::number::ParseNumberError> {
        let t = s.trim();
        let (neg, rest) = match t.strip_prefix(['-', '\u{2212}']) {
            Some(rest) => (true, rest),
            None => (false, t),
        };
        let v = super::number::parse_scaled(rest, Self::SCALE, style)?;
        Ok(Quantity::from_milli(if neg { -v } else { v }))
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The machine form: no thousands separators, "." for decimals.
        let s =
            super::number::format_scaled(self.milli, Self::SCALE, super::number::NumberStyle::En)
                .replace(',', "");
        f.write_str(&s)
    }
}

impl Serialize for Quantity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.contains(',') {
            return Err(serde::de::Error::custom(format!(
                "số “{s}” phải viết dạng máy: dấu chấm thập phân, không ngăn cách hàng nghìn"
            )));
        }
        Quantity::parse(&s, super::number::NumberStyle::En)
            .map_err(|e| serde::de::Error::custom(format!("số “{s}”: {e}")))
    }
}

/// A month, for milestones such as "completed in 05/2023".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u32,
}

impl YearMonth {
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        ((super::period::MIN_YEAR..=super::period::MAX_YEAR).contains(&year)
            && (1..=12).contains(&month))
        .then_some(YearMonth { year, month })
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// "05/2023", as Vietnamese documents write it.
    pub fn format_vi(self) -> String {
        format!("{:02}/{}", self.month, self.year)
    }

    /// Reads "05/2023", "5/2023" or "2023-05".
    pub fn parse(s: &str) -> Option<YearMonth> {
        let t = s.trim();
        let (y, m) = if let Some((m, y)) = t.split_once('/') {
            (y, m)
        } else {
            t.split_once('-')?
        };
        YearMonth::new(y.trim().parse().ok()?, m.trim().parse().ok()?)
    }
}

impl fmt::Display for YearMonth {
    /// The machine form "2023-05".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let ym = s
            .split_once('-')
            .and_then(|(y, m)| YearMonth::new(y.parse().ok()?, m.parse().ok()?));
        ym.ok_or_else(|| {
            serde::de::Error::custom(format!("tháng “{s}” không hợp lệ: viết dạng 2023-05"))
        })
    }
}

/// The value reported for an indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    Number(Quantity),
    Month(YearMonth),
    /// Reported to exist, value not given.
    Unknown,
}

impl Measure {
    /// Whether this value fits an indicator of `kind` (unknown fits any).
    pub fn fits(self, kind: IndicatorKind) -> bool {
        matches!(
            (self, kind),
            (Measure::Unknown, _)
                | (Measure::Number(_), IndicatorKind::Number)
                | (Measure::Month(_), IndicatorKind::Month)
        )
    }
}

/// One reported value of an indicator for an area and period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorValue {
    pub id: IndicatorValueId,
    pub indicator_id: IndicatorId,
    pub area_id: AreaId,
    pub period: Period,
    pub value: Measure,
    pub note: String,
    pub source_doc: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::number::NumberStyle;

    #[test]
    fn quantities_are_exact_decimals() {
        let q = Quantity::parse("3,5", NumberStyle::Vi).unwrap();
        assert_eq!(q.milli(), 3500);
        assert_eq!(q.to_string(), "3.5");
        assert_eq!(q.format(NumberStyle::Vi), "3,5");
        assert_eq!(serde_json::to_string(&q).unwrap(), "\"3.5\"");
        assert_eq!(
            serde_json::from_str::<Quantity>("\"1234.5\"")
                .unwrap()
                .milli(),
            1_234_500
        );
        assert!(serde_json::from_str::<Quantity>("\"1,5\"").is_err());
        assert_eq!(
            Quantity::parse("-2", NumberStyle::Vi).unwrap().milli(),
            -2000
        );
    }

    #[test]
    fn months_read_and_print() {
        let m = YearMonth::parse("05/2023").unwrap();
        assert_eq!(m.format_vi(), "05/2023");
        assert_eq!(m.to_string(), "2023-05");
        assert_eq!(YearMonth::parse("2023-5"), Some(m));
        assert_eq!(YearMonth::parse("13/2023"), None);
        assert!(serde_json::from_str::<YearMonth>("\"2023-13\"").is_err());
    }

    #[test]
    fn measure_must_fit_its_indicator() {
        assert!(Measure::Number(Quantity::from_milli(9000)).fits(IndicatorKind::Number));
        assert!(!Measure::Number(Quantity::from_milli(9000)).fits(IndicatorKind::Month));
        assert!(Measure::Unknown.fits(IndicatorKind::Month));
    }
}
