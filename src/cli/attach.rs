//! `giamsat attach` and `giamsat attachments`: evidence files stored in the project file.

use super::{AttachArgs, io, open_read_only};
use chrono::Timelike;
use std::io::Write;
use std::path::Path;

/// A date typed on the command line: 21/06/2023 or 2023-06-21.
pub(super) fn cli_date(what: &str, s: &str) -> Result<chrono::NaiveDate, String> {
    crate::ui::fields::parse_date(s, crate::i18n::Lang::Vi.texts())
        .ok()
        .flatten()
        .ok_or_else(|| {
            format!("{what} “{s}” không hợp lệ: hãy viết ngày/tháng/năm, ví dụ 21/06/2023")
        })
}

pub(super) fn attach(
    file: &Path,
    path: &Path,
    a: AttachArgs,
    out: &mut dyn Write,
) -> Result<(), String> {
    use crate::model::{AttachmentId, EventId, RecommendationId, ResponseId};
    let shown = |p: &Path| p.display().to_string();
    let received = a
        .received
        .as_deref()
        .map(|s| cli_date("Ngày nhận", s))
        .transpose()?;
    let dated = a
        .dated
        .as_deref()
        .map(|s| cli_date("Ngày văn bản", s))
        .transpose()?;
    let mut session = crate::session::Session::open(file).map_err(|e| e.to_string())?;
    if session.read_only().is_some() {
        return Err(format!(
            "tệp dự án đang được mở để sửa ở nơi khác hoặc chỉ đọc; không đính kèm được — {}",
            shown(file)
        ));
    }
    let rec = RecommendationId(a.recommendation);
    if session.dossier().recommendation(rec).is_none() {
        return Err(format!(
            "không có kiến nghị mã {} (xem `giamsat recommendations {}`) — {}",
            a.recommendation,
            shown(file),
            shown(file)
        ));
    }
    let stage = std::env::temp_dir().join("giamsat-dinh-kem");
    let prepared = crate::store::attachments::prepare(path, &stage).map_err(|e| e.to_string())?;
    let by = a.by.unwrap_or_else(crate::settings::system_user_name);
    let mut meta = prepared.attachment(
        AttachmentId(session.new_id(crate::model::Table::Attachments)),
        rec,
        chrono::Local::now()
            .naive_local()
            .with_nanosecond(0)
            .unwrap_or_default(),
        &by,
    );
    meta.response_id = a.response.map(ResponseId);
    meta.event_id = a.event.map(EventId);
    meta.received_on = received;
    meta.document_date = dated;
    meta.note = a.note;
    let id = meta.id;
    let result = session
        .attach(
            crate::session::ChangeLabel::add(|t| t.what_attachment, prepared.name.clone()),
            meta,
            prepared.content.clone(),
        )
        .and_then(|()| session.flush());
    if let Err(e) = result {
        let _ = std::fs::remove_file(&prepared.content);
        return Err(format!(
            "{} — {}",
            e.message(crate::i18n::Lang::Vi),
            shown(file)
        ));
    }
    writeln!(
        out,
        "Đã đính kèm “{}” ({}) vào kiến nghị {}: mã tệp {}, SHA-256 {}",
        prepared.name,
        size_text(prepared.size),
        a.recommendation,
        id.0,
        prepared.sha256
    )
    .map_err(io)?;
    let total = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    if total > crate::model::LARGE_PROJECT_BYTES {
        writeln!(
            out,
            "Lưu ý: tệp dự án đã nặng {}; gửi qua thư điện tử hoặc chép USB sẽ lâu hơn.",
            size_text(total)
        )
        .map_err(io)?;
    }
    Ok(())
}

fn size_text(bytes: u64) -> String {
    crate::model::number::format_size(bytes, crate::model::NumberStyle::Vi)
}

pub(super) fn attachments(
    file: &Path,
    extract: Option<&Path>,
    out: &mut dyn Write,
) -> Result<(), String> {
    let (project, d) = open_read_only(file)?;
    if d.attachments.is_empty() {
        return writeln!(out, "(chưa có tệp minh chứng nào)").map_err(io);
    }
    if let Some(dir) = extract {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("không tạo được thư mục ({e}) — {}", dir.display()))?;
    }
    for a in &d.attachments {
        let mut line = format!(
            "[{}] kiến nghị {} · {} · {} · SHA-256 {}",
            a.id.0,
            a.recommendation_id.0,
            a.name,
            size_text(a.size),
            a.sha256
        );
        if let Some(x) = a.received_on {
            line.push_str(&format!(" · nhận {}", x.format("%d/%m/%Y")));
        }
        if let Some(x) = a.document_date {
            line.push_str(&format!(" · văn bản ngày {}", x.format("%d/%m/%Y")));
        }
        writeln!(out, "{line}").map_err(io)?;
        if let Some(dir) = extract {
            let dest = dir.join(format!(
                "{}-{}",
                a.id.0,
                crate::store::attachments::safe_file_name(&a.name)
            ));
            if dest.exists() {
                return Err(format!(
                    "đã có tệp {}; không ghi đè — hãy chọn thư mục trống",
                    dest.display()
                ));
            }
            project
                .save_attachment(a, &dest)
                .map_err(|e| format!("{e} — {}", file.display()))?;
            writeln!(out, "     → {}", dest.display()).map_err(io)?;
        }
    }
    Ok(())
}
