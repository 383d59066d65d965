//! `giamsat import-table`: a district's report into a project file, from the command line —
//! detected as the wizard detects it, shown as a plan, and written as one change (or, with
//! `--dry-run`, not at all).

use super::grid;
use super::layout::{self, ColumnRole, key};
use super::plan::{self, Change, Mapping, Options, Plan, RowOutcome, Target, column_name};
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;
use crate::session::{ChangeLabel, Session};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What the command line asked for.
#[derive(Clone, Debug)]
pub struct Args {
    pub project_file: PathBuf,
    pub report: PathBuf,
    /// "Dự án 7", "7" or a project's name.
    pub project: String,
    /// "huyện Hữu Lũng": the area whose sub-areas the rows are.
    pub parent: Option<String>,
    pub sheet: Option<String>,
    pub template: Option<PathBuf>,
    pub save_template: Option<PathBuf>,
    pub unit: Option<MoneyUnit>,
    /// The round the report was given at, counted from 1 in the file's order.
    pub round: Option<u32>,
    pub dry_run: bool,
    pub json: bool,
}

/// The project a name or code means: "Dự án 7", "7", "DA7" or (part of) its name.
pub fn find_project<'a>(d: &'a Dossier, wanted: &str) -> Result<&'a Project, String> {
    let k = key(wanted);
    let code = k
        .trim_start_matches("du an")
        .trim_start_matches("da")
        .trim()
        .to_string();
    let by_code: Vec<&Project> = d.projects.iter().filter(|p| key(&p.code) == code).collect();
    if let [one] = by_code.as_slice() {
        return Ok(one);
    }
    let by_name: Vec<&Project> = d
        .projects
        .iter()
        .filter(|p| key(&p.name) == k || (k.len() >= 4 && key(&p.name).contains(&k)))
        .collect();
    match by_name.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "--project “{wanted}”: hồ sơ không có dự án này (có: {})",
            d.projects
                .iter()
                .map(|p| format!("Dự án {}", p.code))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        _ => Err(format!(
            "--project “{wanted}”: khớp nhiều dự án; hãy ghi mã, ví dụ “Dự án 7”"
        )),
    }
}

/// The area a name means ("huyện Hữu Lũng"), which must exist.
pub fn find_existing_area(d: &Dossier, wanted: &str) -> Result<AreaId, String> {
    match find_parent(d, wanted)? {
        Parent::Existing(id) => Ok(id),
        Parent::New(_) => Err(format!(
            "--parent “{wanted}”: hồ sơ không có địa bàn này (có: {})",
            d.areas
                .iter()
                .map(Area::full_name_vi)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// The parent area a name means ("huyện Hữu Lũng"), or the area to create under the province.
enum Parent {
    Existing(AreaId),
    New(Area),
}

fn find_parent(d: &Dossier, wanted: &str) -> Result<Parent, String> {
    let (found, kind, name) = layout::areas_named(d, wanted);
    match found.as_slice() {
        [one] => Ok(Parent::Existing(one.id)),
        [_, _, ..] => Err(format!(
            "--parent “{wanted}”: có nhiều địa bàn tên này; hãy ghi cả loại, ví dụ “huyện {name}”"
        )),
        [] => {
            let provinces: Vec<&Area> = d
                .areas
                .iter()
                .filter(|a| a.level() == AreaLevel::Province)
                .collect();
            let [province] = provinces.as_slice() else {
                return Err(format!(
                    "--parent “{wanted}”: hồ sơ không có địa bàn này, và không rõ tỉnh nào để tạo nó trong đó"
                ));
            };
            let Some(kind) = kind else {
                return Err(format!(
                    "--parent “{wanted}”: hồ sơ không có địa bàn này; để tạo mới hãy ghi cả loại, ví dụ “huyện {name}”"
                ));
            };
            Ok(Parent::New(Area {
                id: AreaId(0),
                name,
                kind,
                parent_id: Some(province.id),
                valid_from: None,
                valid_to: None,
            }))
        }
    }
}

fn unit_name(u: MoneyUnit) -> &'static str {
    u.label_vi()
}

fn money(a: Amount, unit: MoneyUnit) -> String {
    match a {
        Amount::Known(d) => format_money(d, unit, NumberStyle::Vi),
        Amount::Unknown => "chưa có số liệu".into(),
    }
}

fn role_text(role: &ColumnRole) -> String {
    match role {
        ColumnRole::Name => "tên đơn vị".into(),
        ColumnRole::Number => "số thứ tự".into(),
        ColumnRole::Note => "ghi chú".into(),
        ColumnRole::Figure {
            from_year,
            to_year,
            kind,
        } => {
            let period = Period::new(*from_year, *to_year)
                .map(|p| p.to_string())
                .unwrap_or_default();
            format!("{} {period}", kind.label_vi().to_lowercase())
        }
        ColumnRole::Skipped { reason } => {
            format!("bỏ qua: {}", reason.message(crate::i18n::Lang::Vi))
        }
    }
}

/// The plan as a person reads it.
pub fn plan_text(p: &Plan) -> String {
    let unit = p.unit.unwrap_or_default();
    let mut s = String::new();
    let _ = write!(
        s,
        "Trang tính: {} (dòng tiêu đề {}–{}",
        p.sheet, p.header_rows.0, p.header_rows.1
    );
    match (&p.unit, &p.unit_place) {
        (Some(u), Some(at)) => {
            let _ = write!(
                s,
                "; đơn vị: {}, ghi ở ô {}{}",
                unit_name(*u),
                at.column,
                at.row
            );
        }
        (Some(u), None) => {
            let _ = write!(s, "; đơn vị: {} (do người dùng chọn)", unit_name(*u));
        }
        (None, _) => s.push_str("; chưa rõ đơn vị"),
    }
    s.push_str(")\n");
    if let Some(l) = p.legacy {
        let _ = writeln!(s, "Chữ trong tệp dùng bảng mã {l}; đã chuyển sang Unicode.");
    }
    s.push_str("Cột:\n");
    for c in &p.columns {
        if c.heading.is_empty() && matches!(c.role, ColumnRole::Skipped { .. }) {
            continue;
        }
        let _ = writeln!(
            s,
            "  {:<3} {} → {}",
            column_name(c.index),
            c.heading,
            role_text(&c.role)
        );
    }
    s.push_str("Dòng:\n");
    for r in &p.rows {
        match &r.outcome {
            RowOutcome::Skipped { reason } => {
                let _ = writeln!(s, "  {:>4}  {} — bỏ qua: {reason}", r.row, r.text);
            }
            RowOutcome::Imported {
                target,
                office,
                figures,
            } => {
                let what = match target {
                    Target::Existing { name, .. } if *office => {
                        format!("{name} (cơ quan của địa bàn)")
                    }
                    Target::Existing { name, .. } => name.clone(),
                    Target::New { name, .. } => format!("{name} (mới)"),
                };
                let values = figures
                    .iter()
                    .map(|f| {
                        format!(
                            "{} {} {}",
                            f.kind.label_vi().to_lowercase(),
                            f.period,
                            money(f.amount, unit)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                let _ = writeln!(s, "  {:>4}  {} → {what}: {values}", r.row, r.text.trim());
            }
        }
    }
    if !p.totals.is_empty() {
        s.push_str("Đối chiếu dòng tổng cộng:\n");
        for t in &p.totals {
            let reported = t.reported.map(|d| format_money(d, unit, NumberStyle::Vi));
            let sum = t
                .sum_of_rows
                .map(|d| format_money(d, unit, NumberStyle::Vi));
            let verdict = match t.agrees() {
                Some(true) => "khớp".to_string(),
                Some(false) => "KHÔNG KHỚP".to_string(),
                None => "không đối chiếu được (có ô chưa có số liệu)".to_string(),
            };
            let _ = writeln!(
                s,
                "  dòng {}, cột {}: báo cáo {}, cộng các dòng {} — {verdict}",
                t.place.row,
                t.place.column,
                reported.as_deref().unwrap_or("—"),
                sum.as_deref().unwrap_or("—"),
            );
        }
    }
    if !p.beside.is_empty() {
        s.push_str("Số liệu hồ sơ đã có cho địa bàn cấp trên (không cộng dồn):\n");
        for b in &p.beside {
            let diff = match b.difference {
                Some(x) => format!(
                    ", chênh lệch {}",
                    crate::model::number::format_scaled(x, unit.exact_decimals(), NumberStyle::Vi)
                ),
                None => String::new(),
            };
            let _ = writeln!(
                s,
                "  {} — {} {}: {}; các phần nhập ({} số liệu): {}{diff}",
                b.area,
                b.kind.label_vi().to_lowercase(),
                b.period,
                money(b.amount, unit),
                b.parts,
                b.parts_sum
                    .map_or("chưa đủ số liệu".into(), |d| format_money(
                        d,
                        unit,
                        NumberStyle::Vi
                    )),
            );
        }
    }
    let updates: Vec<&Change> = p
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Update { .. }))
        .collect();
    if !updates.is_empty() {
        s.push_str("Cập nhật số liệu báo cáo này đã nhập lần trước (số cũ → số mới):\n");
        for c in updates {
            if let Change::Update {
                row,
                before,
                figure,
            } = c
            {
                let _ = writeln!(
                    s,
                    "  dòng {row}: {} {} — {} → {}",
                    figure.kind.label_vi().to_lowercase(),
                    figure.period,
                    money(before.amount_dong, unit),
                    money(figure.amount, unit),
                );
            }
        }
    }
    for c in &p.changes {
        if let Change::KeptOverBlank { row, existing } = c {
            let _ = writeln!(
                s,
                "Dòng {row}: {} {} để trống lần này — giữ số đã nhập trước ({}); nếu số này đã chuyển sang dòng khác, hãy xóa số cũ",
                existing.kind.label_vi().to_lowercase(),
                existing.period,
                money(existing.amount_dong, unit),
            );
        }
    }
    let conflicts: Vec<&Change> = p
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Conflict { .. }))
        .collect();
    if !conflicts.is_empty() {
        s.push_str("Trùng với số liệu đã có từ nguồn khác (giữ số liệu cũ, không nhập):\n");
        for c in conflicts {
            if let Change::Conflict {
                row,
                existing,
                figure,
            } = c
            {
                let _ = writeln!(
                    s,
                    "  dòng {row}: {} {} — hồ sơ: {} ({}); báo cáo: {}",
                    figure.kind.label_vi().to_lowercase(),
                    figure.period,
                    money(existing.amount_dong, unit),
                    existing.source_doc,
                    money(figure.amount, unit),
                );
            }
        }
    }
    if !p.new_areas.is_empty() {
        let names: Vec<String> = p.new_areas.iter().map(Area::full_name_vi).collect();
        let _ = writeln!(s, "Địa bàn mới sẽ tạo: {}", names.join(", "));
    }
    let (new, updated, unchanged, conflicts) = p.counts();
    let _ = writeln!(
        s,
        "Số liệu: {new} mới, {updated} cập nhật, {unchanged} không đổi, {conflicts} trùng nguồn khác"
    );
    s
}

/// The errors that stop an import, one a line.
fn blocking(p: &Plan) -> String {
    // A wrongly read report can have thousands; the first hundred say what is wrong.
    const SHOWN: usize = 100;
    let mut lines: Vec<String> = p.problems.iter().map(ToString::to_string).collect();
    lines.extend(p.errors.iter().map(ToString::to_string));
    let total = lines.len();
    if total > SHOWN {
        lines.truncate(SHOWN);
        lines.push(format!("… và {} lỗi khác", total - SHOWN));
    }
    format!(
        "không nhập được ({total} lỗi), tệp dự án không bị thay đổi:\n  {}",
        lines.join("\n  ")
    )
}

/// Runs `giamsat import-table`. `Err` is the message to print (exit 1): nothing was written.
pub fn run(args: &Args, out: &mut dyn std::io::Write) -> Result<(), String> {
    let shown = |p: &Path| p.display().to_string();
    let workbook =
        grid::read(&args.report).map_err(|e| format!("{e} — {}", shown(&args.report)))?;
    let sheet = match &args.sheet {
        Some(name) => workbook
            .sheets
            .iter()
            .find(|s| &s.name == name)
            .ok_or_else(|| {
                format!(
                    "--sheet “{name}”: tệp không có trang tính này (có: {}) — {}",
                    workbook
                        .sheets
                        .iter()
                        .map(|s| format!("“{}”", s.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                    shown(&args.report)
                )
            })?,
        // The first sheet with a table in it.
        None => workbook
            .sheets
            .iter()
            .find(|s| layout::detect(s).is_ok())
            .unwrap_or(&workbook.sheets[0]),
    };
    let layout = layout::detect(sheet).map_err(|e| format!("{e} — {}", shown(&args.report)))?;
    let mapping = match &args.template {
        Some(t) => {
            let text = std::fs::read_to_string(t)
                .map_err(|e| format!("không đọc được mẫu ({e}) — {}", shown(t)))?;
            Some(
                serde_json::from_str::<Mapping>(&text)
                    .map_err(|e| format!("mẫu không hợp lệ ({e}) — {}", shown(t)))?,
            )
        }
        None => None,
    };

    let mut session = if args.dry_run {
        None
    } else {
        let s = Session::open(&args.project_file).map_err(|e| e.to_string())?;
        if s.read_only().is_some() {
            return Err(format!(
                "tệp dự án đang được mở để sửa ở nơi khác hoặc chỉ đọc; không nhập được — {}",
                shown(&args.project_file)
            ));
        }
        Some(s)
    };
    let mut d = match &session {
        Some(s) => s.dossier().clone(),
        None => {
            crate::store::ProjectFile::open_and_load(
                &args.project_file,
                crate::store::Access::ReadOnly,
            )
            .map_err(|e| e.to_string())?
            .1
        }
    };
    let project_id = find_project(&d, &args.project)?.id;
    let round_id = match args.round {
        None => None,
        Some(n) => Some(crate::analysis::round_numbered(&d, n).ok_or_else(|| {
            format!(
                "--round {n}: tệp chỉ có {} đợt giám sát — {}",
                d.rounds.len(),
                args.project_file.display()
            )
        })?),
    };
    let mut edits = Vec::new();
    let parent_id = match args
        .parent
        .as_deref()
        .map(|p| find_parent(&d, p))
        .transpose()?
    {
        None => None,
        Some(Parent::Existing(id)) => Some(id),
        Some(Parent::New(mut area)) => {
            area.id = AreaId(match session.as_mut() {
                Some(s) => s.new_id(Table::Areas),
                None => d.next_id(Table::Areas),
            });
            let _ = writeln!(
                out,
                "Địa bàn cấp trên “{}” chưa có: sẽ tạo trong {}.",
                area.full_name_vi(),
                area.parent_id
                    .and_then(|p| d.area(p))
                    .map(Area::full_name_vi)
                    .unwrap_or_default()
            );
            let id = area.id;
            let e = Edit::insert(Record::Area(area));
            d.apply_edit(&e).map_err(|e| e.to_string())?;
            edits.push(e);
            Some(id)
        }
    };
    let source = args
        .report
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = Options {
        project_id,
        parent_id,
        unit: args.unit,
        source,
        mapping,
        round_id,
    };
    let p = plan::plan(&d, &layout, &options);
    let new_warnings = plan::warnings_after(&d, &p, &options, crate::i18n::Lang::Vi);
    if args.json {
        let json = serde_json::to_string_pretty(&p).map_err(|e| e.to_string())?;
        writeln!(out, "{json}").map_err(|e| e.to_string())?;
    } else {
        out.write_all(plan_text(&p).as_bytes())
            .map_err(|e| e.to_string())?;
        if !new_warnings.is_empty() {
            let _ = writeln!(out, "Cảnh báo số liệu sau khi nhập:");
            for w in &new_warnings {
                let _ = writeln!(out, "  - {w}");
            }
        }
    }
    if !p.can_import() {
        return Err(blocking(&p));
    }
    if let Some(t) = &args.save_template {
        let changes = options
            .mapping
            .as_ref()
            .map(|m| m.columns.clone())
            .unwrap_or_default();
        let json = serde_json::to_string_pretty(&Mapping::template(&p, &changes))
            .map_err(|e| e.to_string())?;
        crate::fsutil::write_atomically(t, json.as_bytes())
            .map_err(|e| format!("không ghi được mẫu ({e}) — {}", shown(t)))?;
    }
    let Some(session) = session.as_mut() else {
        if !args.json {
            let _ = writeln!(out, "Chạy thử (--dry-run): tệp dự án không bị thay đổi.");
        }
        return Ok(());
    };
    edits.extend(p.edits(&options, |t| session.new_id(t)));
    if edits.is_empty() {
        if !args.json {
            let _ = writeln!(out, "Không có gì mới để nhập.");
        }
        return Ok(());
    }
    let change = crate::session::Change::new(
        ChangeLabel::add(|t| t.what_import, options.source.clone()),
        edits,
    );
    session
        .apply(change)
        .map_err(|e| e.message(crate::i18n::Lang::Vi))?;
    session
        .flush()
        .map_err(|e| e.message(crate::i18n::Lang::Vi))?;
    if !args.json {
        let (new, updated, ..) = p.counts();
        let _ = writeln!(
            out,
            "Đã nhập vào {}: {new} số liệu mới, {updated} cập nhật, {} địa bàn mới.",
            shown(&args.project_file),
            p.new_areas.len()
        );
    }
    Ok(())
}
