//! `giamsat areas`: the areas as a tree with their successions, and importing a table of
//! successions.

use super::{io, open_read_only};
use std::io::Write;
use std::path::Path;

/// The areas as a tree, each former unit followed by where it went.
pub(super) fn list_areas(file: &Path, out: &mut dyn Write) -> Result<(), String> {
    use crate::model::SuccessionMap;
    let (_, d) = open_read_only(file)?;
    let map = SuccessionMap::new(&d.successions);
    let mut s = String::new();
    for (depth, a) in crate::model::area::tree_order(&d.areas) {
        let years = match (a.valid_from, a.valid_to) {
            (None, None) => String::new(),
            (f, t) => format!(
                " ({}–{})",
                f.map(|y| y.to_string()).unwrap_or_default(),
                t.map(|y| y.to_string()).unwrap_or_default()
            ),
        };
        s.push_str(&format!(
            "{:indent$}[{}] {}{years}\n",
            "",
            a.id,
            a.full_name_vi(),
            indent = depth * 2
        ));
        for x in d.successions.iter().filter(|x| x.from_area_id == a.id) {
            let to = d
                .area(x.to_area_id)
                .map(|b| b.full_name_vi())
                .unwrap_or_else(|| x.to_area_id.to_string());
            let act = if x.act.is_empty() {
                String::new()
            } else {
                format!(", {}", x.act)
            };
            s.push_str(&format!(
                "{:indent$}→ {to} (từ {}{act})\n",
                "",
                x.date.format("%d/%m/%Y"),
                indent = depth * 2 + 4
            ));
        }
        if map.is_former(a.id) {
            let now: Vec<String> = map
                .current_units(a.id)
                .iter()
                .filter_map(|id| d.area(*id))
                .map(|b| b.full_name_vi())
                .collect();
            s.push_str(&format!(
                "{:indent$}nay: {}\n",
                "",
                now.join(", "),
                indent = depth * 2 + 4
            ));
        }
    }
    out.write_all(s.as_bytes()).map_err(io)
}

/// Reads a table of "old unit → new unit" lines into the project in one change, or says every
/// row that does not read and stores nothing.
pub(super) fn import_successions(
    file: &Path,
    table: &Path,
    sheet: Option<&str>,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    use crate::import::successions;
    let book =
        crate::import::grid::read(table).map_err(|e| format!("{e} — {}", table.display()))?;
    let picked = match sheet {
        None => book.sheets.first(),
        Some(s) => match s.parse::<usize>() {
            Ok(n) => book.sheets.get(n.wrapping_sub(1)),
            Err(_) => book.sheets.iter().find(|x| x.name == s),
        },
    };
    let Some(picked) = picked else {
        let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
        return Err(format!(
            "không có trang tính “{}” (có: {}) — {}",
            sheet.unwrap_or("1"),
            names.join(", "),
            table.display()
        ));
    };
    let mut session = crate::session::Session::open(file).map_err(|e| e.to_string())?;
    if session.read_only().is_some() && !dry_run {
        return Err(format!(
            "tệp dự án đang được mở để sửa ở nơi khác hoặc chỉ đọc; không nhập được — {}",
            file.display()
        ));
    }
    let d = session.dossier_arc();
    let plan = successions::plan(&d, picked, |t| session.new_id(t)).map_err(|problems| {
        let name = table.display().to_string();
        problems
            .iter()
            .map(|p| p.located(&name, crate::i18n::Lang::Vi))
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let summary = format!(
        "{} dòng kế thừa mới, {} địa bàn mới, {} dòng đã có từ trước",
        plan.new_lines, plan.new_areas, plan.already_known
    );
    if dry_run || plan.edits.is_empty() {
        return writeln!(
            out,
            "{}{summary} — {}",
            if dry_run {
                "Sẽ nhập: "
            } else {
                "Không có gì mới: "
            },
            table.display()
        )
        .map_err(io);
    }
    let name = table
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    session
        .apply(crate::session::Change::new(
            crate::session::ChangeLabel::add(|t| t.what_successions, name),
            plan.edits,
        ))
        .and_then(|()| session.flush())
        .map_err(|e| format!("{} — {}", e.message(crate::i18n::Lang::Vi), file.display()))?;
    writeln!(out, "Đã nhập {summary} — {}", table.display()).map_err(io)
}
