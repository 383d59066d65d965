//! Reading a whole dossier out of a project file. The file is untrusted: every value is checked
//! on the way in, and a bad one is reported with its table, record and column.

mod figures;
mod findings;
mod history;
mod rounds;
mod structure;

use super::error::StoreError;
use crate::model::*;
use chrono::NaiveDate;
use figures::{read_allocations, read_indicator_values, read_indicators};
use findings::{
    read_conclusions, read_documents, read_phrases, read_recommendations, read_text_versions,
};
use history::{
    read_attachments, read_events, read_issued_documents, read_round_events, read_successions,
};
use rounds::read_rounds;
use rusqlite::{Connection, Row};
use structure::{read_areas, read_funding_sources, read_info, read_programs, read_projects};

fn bad(table: &str, id: i64, column: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::BadData(format!(
        "bảng {table}, bản ghi {id}, cột {column}: {detail}"
    ))
}

fn query<T>(
    conn: &Connection,
    table: &str,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], map)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(|e| match e {
        rusqlite::Error::InvalidColumnType(_, col, ty) => StoreError::BadData(format!(
            "bảng {table}, cột {col}: giá trị kiểu {ty} không hợp lệ"
        )),
        other => StoreError::Sqlite(other),
    })
}

fn period(table: &str, id: i64, from: i64, to: i64) -> Result<Period, StoreError> {
    let y = |v: i64| i32::try_from(v).map_err(|_| bad(table, id, "from_year", "năm không hợp lệ"));
    Period::new(y(from)?, y(to)?).map_err(|e| bad(table, id, "from_year", e))
}

fn year(table: &str, id: i64, column: &str, v: Option<i64>) -> Result<Option<i32>, StoreError> {
    v.map(|v| i32::try_from(v).map_err(|_| bad(table, id, column, "năm không hợp lệ")))
        .transpose()
}

fn date(
    table: &str,
    id: i64,
    column: &str,
    v: Option<String>,
) -> Result<Option<NaiveDate>, StoreError> {
    v.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d")
            .map_err(|_| bad(table, id, column, format!("ngày “{s}” không hợp lệ")))
    })
    .transpose()
}

/// A moment stored as 'YYYY-MM-DDTHH:MM:SS'.
fn datetime(
    table: &str,
    id: i64,
    column: &str,
    v: &str,
) -> Result<chrono::NaiveDateTime, StoreError> {
    chrono::NaiveDateTime::parse_from_str(v, "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| bad(table, id, column, format!("thời điểm “{v}” không hợp lệ")))
}

fn code<T>(
    table: &str,
    id: i64,
    column: &str,
    v: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(v).ok_or_else(|| bad(table, id, column, format!("giá trị “{v}” không hợp lệ")))
}

/// Reads everything. The result is checked with [`Dossier::validate`] by the caller.
pub fn load_dossier(conn: &Connection) -> Result<Dossier, StoreError> {
    let info = read_info(conn)?;
    let programs = read_programs(conn)?;
    let projects = read_projects(conn)?;
    let areas = read_areas(conn)?;
    let funding_sources = read_funding_sources(conn)?;
    let allocations = read_allocations(conn)?;
    let indicators = read_indicators(conn)?;
    let indicator_values = read_indicator_values(conn)?;
    let rounds = read_rounds(conn)?;
    let conclusions = read_conclusions(conn)?;
    let recommendations = read_recommendations(conn)?;
    let phrases = read_phrases(conn)?;
    let text_versions = read_text_versions(conn)?;
    let documents = read_documents(conn)?;
    let events = read_events(conn)?;
    let attachments = read_attachments(conn)?;
    let round_events = read_round_events(conn)?;
    let successions = read_successions(conn)?;
    let issued_documents = read_issued_documents(conn)?;
    Ok(Dossier {
        issued_documents,
        successions,
        round_events,
        attachments,
        events,
        info,
        programs,
        projects,
        areas,
        funding_sources,
        allocations,
        indicators,
        indicator_values,
        rounds,
        conclusions,
        recommendations,
        phrases,
        text_versions,
        documents,
    })
}
