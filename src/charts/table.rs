//! The figures of a chart as a table — rows are the chart's groups (areas, or years), columns
//! its bars (years, or areas) — made from the chart itself, so the table always shows what
//! is drawn. Its totals are the chart's, from the counting module (`analysis::count`): given
//! only for money of one kind, never counting a district and its communes twice nor two
//! periods that overlap (a 2022–2023 total beside a 2023 figure); an unknown part keeps a
//! total "partly unknown", never silently smaller. Nothing here adds money.

use super::{Chart, ChartKind, SegmentValue, ValueFormat};
use crate::analysis::count::Tally;
use crate::i18n::Lang;

/// One row: a group of the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    pub label: String,
    /// One per column; `None` where the chart has no bar.
    pub cells: Vec<Option<SegmentValue>>,
    /// `None` when the row's cells may not be added (see the module's rules).
    pub total: Option<SegmentValue>,
    /// What the total is made of, from the counting module.
    pub tally: Option<Tally>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChartTable {
    /// The heading over the row labels: "Địa bàn", "Năm".
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    /// Whether the table has a total column and a total row at all.
    pub has_totals: bool,
    /// The total of each column, when its cells may be added.
    pub column_totals: Vec<Option<SegmentValue>>,
    /// What each column's total is made of.
    pub column_tallies: Vec<Option<Tally>>,
    pub grand_total: Option<SegmentValue>,
    pub grand_tally: Option<Tally>,
    pub format: ValueFormat,
    /// "triệu đồng", "%".
    pub unit: String,
}

/// How the rows are ordered on screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RowOrder {
    /// As the chart draws them.
    #[default]
    AsDrawn,
    /// By a column's known value; rows without one, or wholly unknown, last.
    Column { index: usize, descending: bool },
    /// By the row total, the same way.
    Total { descending: bool },
}

/// A total of the counting module as a cell: `None` where it is withheld (the table says "—"
/// and why).
fn total_value(t: Option<&Tally>) -> Option<SegmentValue> {
    match SegmentValue::from_tally(t?) {
        SegmentValue::Withheld => None,
        v => Some(v),
    }
}

/// The chart's figures as a table.
pub fn chart_table(chart: &Chart, lang: Lang) -> ChartTable {
    let t = lang.texts();
    let money = matches!(chart.format, ValueFormat::Money(_));
    let grand = chart.totals.grand.clone();
    if chart.kind == ChartKind::Totals {
        let mut columns = Vec::new();
        let mut cells = Vec::new();
        let mut column_tallies = Vec::new();
        for p in &chart.line {
            columns.push(p.year.to_string());
            cells.push(Some(p.value));
            column_tallies.push(Some(p.tally.clone()));
        }
        for s in &chart.spans {
            columns.push(s.period.to_string());
            cells.push(Some(s.value));
            column_tallies.push(Some(s.tally.clone()));
        }
        let total = total_value(grand.as_ref());
        let column_totals = cells.clone();
        return ChartTable {
            corner: String::new(),
            columns,
            rows: vec![TableRow {
                label: chart
                    .series
                    .first()
                    .map(|s| s.label.clone())
                    .unwrap_or_default(),
                cells,
                total,
                tally: grand.clone(),
            }],
            has_totals: true,
            column_totals,
            column_tallies,
            grand_total: total,
            grand_tally: grand,
            format: chart.format,
            unit: chart.value_label.clone(),
        };
    }
    // Columns: the chart's slots in order, each named by its bar's label. In the view by kind
    // a bar stacks different money (allocated and carried over): each kind is its own column,
    // never added to another.
    let per_series = chart.kind == ChartKind::ByKind;
    let mut keys: std::collections::BTreeMap<(usize, Option<usize>), String> =
        std::collections::BTreeMap::new();
    for bar in chart.groups.iter().flat_map(|g| &g.bars) {
        if per_series {
            for seg in &bar.segments {
                keys.entry((bar.slot, Some(seg.series))).or_insert_with(|| {
                    format!("{} · {}", bar.label, chart.series[seg.series].label)
                });
            }
        } else {
            keys.entry((bar.slot, None))
                .or_insert_with(|| bar.label.clone());
        }
    }
    let used: Vec<(usize, Option<usize>)> = keys.keys().copied().collect();
    let columns: Vec<String> = keys.into_values().collect();
    // Money of one kind has totals: areas × periods, periods × areas, projects — each from
    // the counting module, which withholds what cannot be added.
    let has_totals = money
        && matches!(
            chart.kind,
            ChartKind::AreaYear | ChartKind::ByProject | ChartKind::YearArea
        );
    let mut rows = Vec::new();
    for (gi, g) in chart.groups.iter().enumerate() {
        let mut cells = vec![None; used.len()];
        for bar in &g.bars {
            if per_series {
                for seg in &bar.segments {
                    if let Some(c) = used.iter().position(|k| *k == (bar.slot, Some(seg.series))) {
                        cells[c] = Some(seg.value);
                    }
                }
            } else if let Some(c) = used.iter().position(|k| *k == (bar.slot, None)) {
                cells[c] = Some(match (&bar.total, bar.segments.as_slice()) {
                    (Some(total), _) => SegmentValue::from_tally(total),
                    (None, [one]) => one.value,
                    (None, _) => SegmentValue::Withheld,
                });
            }
        }
        let tally = has_totals
            .then(|| chart.totals.rows.get(gi).cloned().flatten())
            .flatten();
        rows.push(TableRow {
            label: g.label.clone(),
            cells,
            total: total_value(tally.as_ref()),
            tally,
        });
    }
    let column_tallies: Vec<Option<Tally>> = used
        .iter()
        .map(|(slot, _)| {
            has_totals
                .then(|| chart.totals.columns.get(slot).cloned())
                .flatten()
        })
        .collect();
    let column_totals = column_tallies
        .iter()
        .map(|t| total_value(t.as_ref()))
        .collect();
    let grand_tally = has_totals.then_some(grand).flatten();
    ChartTable {
        corner: if chart.kind == ChartKind::YearArea {
            t.col_year.to_string()
        } else {
            t.col_area.to_string()
        },
        columns,
        rows,
        has_totals,
        column_totals,
        column_tallies,
        grand_total: total_value(grand_tally.as_ref()),
        grand_tally,
        format: chart.format,
        unit: chart.value_label.clone(),
    }
}

impl ChartTable {
    /// The rows' indexes in `order`. Rows without the value sorted on, or with nothing known,
    /// come last either way: an unknown is not a zero.
    pub fn order(&self, order: RowOrder) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        let key = |i: usize| -> Option<SegmentValue> {
            match order {
                RowOrder::AsDrawn => None,
                RowOrder::Column { index, .. } => self.rows[i].cells.get(index).copied().flatten(),
                RowOrder::Total { .. } => self.rows[i].total,
            }
        };
        let descending = match order {
            RowOrder::AsDrawn => return idx,
            RowOrder::Column { descending, .. } | RowOrder::Total { descending } => descending,
        };
        idx.sort_by(|a, b| {
            let (ka, kb) = (key(*a), key(*b));
            let rank = |k: Option<SegmentValue>| match k {
                None | Some(SegmentValue::Unknown | SegmentValue::Withheld) => None,
                Some(v) => Some(v.known_part()),
            };
            match (rank(ka), rank(kb)) {
                (Some(x), Some(y)) => {
                    if descending {
                        y.cmp(&x)
                    } else {
                        x.cmp(&y)
                    }
                }
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then(a.cmp(b))
        });
        idx
    }

    /// A cell as the screen shows it: the number, "chưa có số liệu", a known part "+ …", or
    /// empty where there is no figure.
    pub fn cell_text(&self, v: Option<SegmentValue>, lang: Lang) -> String {
        let t = lang.texts();
        match v {
            None => String::new(),
            Some(SegmentValue::Known(x)) => self.format.format(x, lang.number_style()),
            Some(SegmentValue::Unknown) => t.unknown_amount.to_string(),
            Some(SegmentValue::Withheld) => t.withheld_short.to_string(),
            Some(SegmentValue::Partial(x)) => crate::i18n::fill(
                t.partly_unknown,
                &[("known", &self.format.format(x, lang.number_style()))],
            ),
        }
    }

    /// As [`ChartTable::cell_text`], with a known part written "2.835 + ?" so a column of a
    /// province stays narrow; the screen explains the mark once under the table.
    pub fn cell_text_short(&self, v: Option<SegmentValue>, lang: Lang) -> String {
        match v {
            Some(SegmentValue::Partial(x)) => {
                format!("{} + ?", self.format.format(x, lang.number_style()))
            }
            v => self.cell_text(v, lang),
        }
    }

    /// Whether any figure of the table is known only in part.
    pub fn has_partial(&self) -> bool {
        let partial = |v: &Option<SegmentValue>| matches!(v, Some(SegmentValue::Partial(_)));
        self.rows
            .iter()
            .any(|r| r.cells.iter().any(partial) || partial(&r.total))
            || self.column_totals.iter().any(partial)
            || partial(&self.grand_total)
    }

    /// The table as text with `sep` between cells (a tab for pasting into Excel or Word, a
    /// comma for a CSV file), in `order`, with the unit in the corner.
    pub fn to_delimited(&self, sep: char, order: RowOrder, lang: Lang) -> String {
        let t = lang.texts();
        let field = |s: &str| -> String {
            if sep == ',' && (s.contains(',') || s.contains('"') || s.contains('\n')) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.replace(['\t', '\n'], " ")
            }
        };
        let mut out = String::new();
        let mut head = vec![format!("{} ({})", self.corner, self.unit)];
        head.extend(self.columns.iter().cloned());
        if self.has_totals {
            head.push(t.total.to_string());
        }
        out.push_str(
            &head
                .iter()
                .map(|h| field(h))
                .collect::<Vec<_>>()
                .join(&sep.to_string()),
        );
        out.push('\n');
        for i in self.order(order) {
            let r = &self.rows[i];
            let mut line = vec![field(&r.label)];
            line.extend(r.cells.iter().map(|c| field(&self.cell_text(*c, lang))));
            if self.has_totals {
                line.push(field(&self.total_text(r.total, lang)));
            }
            out.push_str(&line.join(&sep.to_string()));
            out.push('\n');
        }
        if self.has_totals {
            let mut line = vec![field(t.total)];
            line.extend(
                self.column_totals
                    .iter()
                    .map(|c| field(&self.total_text(*c, lang))),
            );
            line.push(field(&self.total_text(self.grand_total, lang)));
            out.push_str(&line.join(&sep.to_string()));
            out.push('\n');
        }
        out
    }

    /// The table for a CSV file, for machines as much as people: numbers plain (no thousands
    /// separator, a decimal point) in the table's unit, an unknown amount an empty cell, a
    /// known part "1234+?", a total not added an empty cell — so no spreadsheet reads "1.000"
    /// as one.
    pub fn to_csv(&self, order: RowOrder, lang: Lang) -> String {
        let t = lang.texts();
        let field = |s: &str| -> String {
            if s.contains(',') || s.contains('"') || s.contains('\n') {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        let value = |v: Option<SegmentValue>| match v {
            None | Some(SegmentValue::Unknown | SegmentValue::Withheld) => String::new(),
            Some(SegmentValue::Known(x)) => plain(x, self.format),
            Some(SegmentValue::Partial(x)) => format!("{}+?", plain(x, self.format)),
        };
        let mut head = vec![format!("{} ({})", self.corner, self.unit)];
        head.extend(self.columns.iter().cloned());
        if self.has_totals {
            head.push(t.total.to_string());
        }
        let mut out = head.iter().map(|h| field(h)).collect::<Vec<_>>().join(",");
        out.push('\n');
        for i in self.order(order) {
            let r = &self.rows[i];
            let mut line = vec![field(&r.label)];
            line.extend(r.cells.iter().map(|c| value(*c)));
            if self.has_totals {
                line.push(value(r.total));
            }
            out.push_str(&line.join(","));
            out.push('\n');
        }
        if self.has_totals {
            let mut line = vec![field(t.total)];
            line.extend(self.column_totals.iter().map(|c| value(*c)));
            line.push(value(self.grand_total));
            out.push_str(&line.join(","));
            out.push('\n');
        }
        out
    }

    /// A total, or why there is none ("—": its periods overlap, so it is not added).
    pub fn total_text(&self, v: Option<SegmentValue>, lang: Lang) -> String {
        match v {
            None => "—".to_string(),
            v => self.cell_text(v, lang),
        }
    }
}

/// Written under a table whose totals are missing somewhere.
pub fn totals_note(table: &ChartTable, lang: Lang) -> Option<&'static str> {
    let missing = table.has_totals
        && (table.rows.iter().any(|r| r.total.is_none())
            || table.column_totals.iter().any(Option::is_none)
            || table.grand_total.is_none());
    missing.then_some(lang.texts().table_total_missing)
}

/// A raw value in its display unit, exactly, with a decimal point: 468 500 000 đồng in triệu
/// is "468.5".
fn plain(raw: i64, format: ValueFormat) -> String {
    let per: i64 = match format {
        ValueFormat::Money(unit) => unit.dong_per_unit(),
        ValueFormat::PercentTenths => 10,
        ValueFormat::Quantity => 1000,
    };
    let sign = if raw < 0 { "-" } else { "" };
    let abs = raw.unsigned_abs();
    let per = per.unsigned_abs().max(1);
    let (int, rem) = (abs / per, abs % per);
    if rem == 0 {
        return format!("{sign}{int}");
    }
    let width = per.to_string().len() - 1;
    let frac = format!("{rem:0width$}");
    format!("{sign}{int}.{}", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MoneyUnit;

    #[test]
    fn plain_numbers_are_exact_with_a_decimal_point() {
        let trieu = ValueFormat::Money(MoneyUnit::Trieu);
        assert_eq!(plain(468_500_000, trieu), "468.5");
        assert_eq!(plain(1_000_000_000, trieu), "1000");
        assert_eq!(plain(1_234_567, trieu), "1.234567");
        assert_eq!(plain(-2_500_000, trieu), "-2.5");
        assert_eq!(plain(755, ValueFormat::PercentTenths), "75.5");
        assert_eq!(plain(0, ValueFormat::Quantity), "0");
    }
}
