//! Reading the figures: allocations, indicators and their values.

use super::{bad, code, period, query};
use crate::model::*;
use crate::store::error::StoreError;
use rusqlite::Connection;

pub(super) fn read_allocations(conn: &Connection) -> Result<Vec<Allocation>, StoreError> {
    // A project of a whole province holds a million figures: read straight into a vector of
    // the right size, once.
    let n: i64 = conn.query_row("SELECT count(*) FROM allocations", [], |r| r.get(0))?;
    let mut allocations = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
    let mut stmt = conn.prepare_cached(
        "SELECT id, area_id, project_id, from_year, to_year, kind, funding_source_id, amount_dong,
                note, source_doc, round_id, covers
         FROM allocations ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    let column = |e: rusqlite::Error| match e {
        rusqlite::Error::InvalidColumnType(_, col, ty) => StoreError::BadData(format!(
            "bảng allocations, cột {col}: giá trị kiểu {ty} không hợp lệ"
        )),
        other => StoreError::Sqlite(other),
    };
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0).map_err(column)?;
        let amount = match r.get::<_, Option<i64>>(7).map_err(column)? {
            Some(v) => {
                Amount::Known(Dong::new(v).map_err(|e| bad("allocations", id, "amount_dong", e))?)
            }
            None => Amount::Unknown,
        };
        let kind: String = r.get(5).map_err(column)?;
        let covers: String = r.get(11).map_err(column)?;
        allocations.push(Allocation {
            id: AllocationId(id),
            area_id: AreaId(r.get(1).map_err(column)?),
            project_id: ProjectId(r.get(2).map_err(column)?),
            period: period(
                "allocations",
                id,
                r.get(3).map_err(column)?,
                r.get(4).map_err(column)?,
            )?,
            kind: code("allocations", id, "kind", &kind, AllocationKind::from_code)?,
            funding_source_id: r
                .get::<_, Option<i64>>(6)
                .map_err(column)?
                .map(FundingSourceId),
            amount_dong: amount,
            note: r.get(8).map_err(column)?,
            source_doc: r.get(9).map_err(column)?,
            round_id: r.get::<_, Option<i64>>(10).map_err(column)?.map(RoundId),
            covers: code("allocations", id, "covers", &covers, Covers::from_code)?,
        });
    }
    Ok(allocations)
}

pub(super) fn read_indicators(conn: &Connection) -> Result<Vec<Indicator>, StoreError> {
    let mut indicators = Vec::new();
    for (id, name, unit, kind) in query(
        conn,
        "indicators",
        "SELECT id, name, unit, kind FROM indicators ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get::<_, String>(3)?,
            ))
        },
    )? {
        let kind = match kind.as_str() {
            "number" => IndicatorKind::Number,
            "month" => IndicatorKind::Month,
            other => {
                return Err(bad(
                    "indicators",
                    id,
                    "kind",
                    format!("giá trị “{other}” không hợp lệ"),
                ));
            }
        };
        indicators.push(Indicator {
            id: IndicatorId(id),
            name,
            unit,
            kind,
        });
    }
    Ok(indicators)
}

pub(super) fn read_indicator_values(conn: &Connection) -> Result<Vec<IndicatorValue>, StoreError> {
    let mut indicator_values = Vec::new();
    for row in query(
        conn,
        "indicator_values",
        "SELECT id, indicator_id, area_id, from_year, to_year, value_kind, value_milli, value_month,
                note, source_doc
         FROM indicator_values ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, Option<i64>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        },
    )? {
        let (id, indicator, area, from, to, kind, milli, month, note, source_doc) = row;
        let t = "indicator_values";
        let value = match (kind.as_str(), milli, month) {
            ("number", Some(m), None) => Measure::Number(Quantity::from_milli(m)),
            ("month", None, Some(s)) => Measure::Month(
                s.split_once('-')
                    .and_then(|(y, m)| YearMonth::new(y.parse().ok()?, m.parse().ok()?))
                    .ok_or_else(|| bad(t, id, "value_month", format!("tháng “{s}” không hợp lệ")))?,
            ),
            ("unknown", None, None) => Measure::Unknown,
            _ => return Err(bad(t, id, "value_kind", "giá trị không khớp với loại")),
        };
        indicator_values.push(IndicatorValue {
            id: IndicatorValueId(id),
            indicator_id: IndicatorId(indicator),
            area_id: AreaId(area),
            period: period(t, id, from, to)?,
            value,
            note,
            source_doc,
        });
    }
    Ok(indicator_values)
}
