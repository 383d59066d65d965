//! Reading the records others refer to: the dossier's general information, programs,
//! projects, areas and funding sources.

use super::{code, query, year};
use crate::model::*;
use crate::store::error::StoreError;
use rusqlite::Connection;

pub(super) fn read_info(conn: &Connection) -> Result<DossierInfo, StoreError> {
    let info = query(
        conn,
        "dossier_info",
        "SELECT name, supervising_body, place, notes FROM dossier_info WHERE id = 1",
        |r| {
            Ok(DossierInfo {
                name: r.get(0)?,
                supervising_body: r.get(1)?,
                place: r.get(2)?,
                notes: r.get(3)?,
            })
        },
    )?
    .into_iter()
    .next()
    .ok_or_else(|| {
        StoreError::BadData("thiếu thông tin chung của hồ sơ (bảng dossier_info)".into())
    })?;
    Ok(info)
}

pub(super) fn read_programs(conn: &Connection) -> Result<Vec<Program>, StoreError> {
    let mut programs = Vec::new();
    for (id, name, decision, from, to) in query(
        conn,
        "programs",
        "SELECT id, name, decision, from_year, to_year FROM programs ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
            ))
        },
    )? {
        programs.push(Program {
            id: ProgramId(id),
            name,
            decision,
            from_year: year("programs", id, "from_year", from)?,
            to_year: year("programs", id, "to_year", to)?,
        });
    }
    Ok(programs)
}

pub(super) fn read_projects(conn: &Connection) -> Result<Vec<Project>, StoreError> {
    let projects = query(
        conn,
        "projects",
        "SELECT id, program_id, parent_id, code, name FROM projects ORDER BY id",
        |r| {
            Ok(Project {
                id: ProjectId(r.get(0)?),
                program_id: ProgramId(r.get(1)?),
                parent_id: r.get::<_, Option<i64>>(2)?.map(ProjectId),
                code: r.get(3)?,
                name: r.get(4)?,
            })
        },
    )?;
    Ok(projects)
}

pub(super) fn read_areas(conn: &Connection) -> Result<Vec<Area>, StoreError> {
    let mut areas = Vec::new();
    for (id, name, kind, parent, from, to) in query(
        conn,
        "areas",
        "SELECT id, name, kind, parent_id, valid_from, valid_to FROM areas ORDER BY id",
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        },
    )? {
        areas.push(Area {
            id: AreaId(id),
            name,
            kind: code("areas", id, "kind", &kind, AreaKind::from_code)?,
            parent_id: parent.map(AreaId),
            valid_from: year("areas", id, "valid_from", from)?,
            valid_to: year("areas", id, "valid_to", to)?,
        });
    }
    Ok(areas)
}

pub(super) fn read_funding_sources(conn: &Connection) -> Result<Vec<FundingSource>, StoreError> {
    let funding_sources = query(
        conn,
        "funding_sources",
        "SELECT id, name FROM funding_sources ORDER BY id",
        |r| {
            Ok(FundingSource {
                id: FundingSourceId(r.get(0)?),
                name: r.get(1)?,
            })
        },
    )?;
    Ok(funding_sources)
}
