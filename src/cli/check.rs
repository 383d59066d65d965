//! `giamsat check`: a project file's schema version, record counts, data warnings and
//! integrity.

use super::{io, open_read_only};
use std::io::Write;
use std::path::Path;

pub(super) fn check(file: &Path, out: &mut dyn Write) -> Result<(), String> {
    let (project, d) = open_read_only(file)?;
    let mut problems = project
        .integrity_problems(&d)
        .map_err(|e| format!("{e} — {}", file.display()))?;
    // An issued copy whose bytes no longer match the SHA-256 recorded at issuing.
    let labels = crate::analysis::round_labels(&d, crate::i18n::Lang::Vi);
    for x in d.issued_documents.iter().filter(|x| x.altered()) {
        problems.push(format!(
            "{}, {} {}: bản đã ban hành lưu trong tệp không khớp mã SHA-256 ghi lúc ban hành (đã bị thay đổi ngoài GiamSat)",
            labels.get(&x.round_id).cloned().unwrap_or_default(),
            crate::i18n::doc_label(x.kind, crate::i18n::Lang::Vi.texts()),
            x.number_text(crate::i18n::Lang::Vi)
        ));
    }
    let c = d.counts();
    let mut s = String::new();
    s.push_str(&format!("{}\n", project.origin_line(file)));
    s.push_str(&format!("Hồ sơ: {}\n", d.info.name));
    s.push_str(&format!("{}\n", project.schema_line()));
    s.push_str("Số bản ghi:\n");
    for (label, n) in [
        ("Chương trình", c.programs),
        ("Dự án, tiểu dự án", c.projects),
        ("Địa bàn", c.areas),
        ("Nguồn vốn", c.funding_sources),
        ("Số liệu vốn", c.allocations),
        ("Chỉ tiêu", c.indicators),
        ("Giá trị chỉ tiêu", c.indicator_values),
        ("Đợt giám sát", c.rounds),
        ("Kết luận", c.conclusions),
        ("Kiến nghị", c.recommendations),
        ("Phản hồi kiến nghị", c.responses),
        ("Câu mẫu", c.phrases),
        ("Phiên bản văn bản", c.text_versions),
        ("Lần cập nhật theo dõi", c.events),
        ("Tệp minh chứng", c.attachments),
        ("Dòng kế thừa địa bàn", c.successions),
        ("Văn bản đã ban hành", c.issued_documents),
    ] {
        s.push_str(&format!("  {label:<20} {n:>6}\n"));
    }
    // A sum too large to hold is itself a warning about the data, not a reason to stop.
    match crate::checks::warnings(&d) {
        Err(e) => s.push_str(&format!(
            "Cảnh báo số liệu: {e} (không cộng được các số liệu vốn)\n"
        )),
        Ok(w) if w.is_empty() => s.push_str("Cảnh báo số liệu: không có\n"),
        Ok(w) => {
            s.push_str(&format!("Cảnh báo số liệu: {}\n", w.len()));
            for warning in &w {
                s.push_str(&format!(
                    "  - {}\n",
                    warning.message(&d, crate::i18n::Lang::Vi)
                ));
            }
        }
    }
    // What issued documents say that the data now gives otherwise (after an unlock).
    let drift = crate::print::issue::all_drift(&d);
    if !d.issued_documents.is_empty() {
        if drift.is_empty() {
            s.push_str("Văn bản đã ban hành: số liệu nêu trong văn bản khớp số liệu hiện nay\n");
        } else {
            s.push_str(&format!(
                "Văn bản đã ban hành: {} số liệu đã thay đổi (muốn đính chính thì ban hành lại, không sửa bản đã ban hành)\n",
                drift.len()
            ));
            let labels = crate::analysis::round_labels(&d, crate::i18n::Lang::Vi);
            for x in &drift {
                let round = d
                    .issued_documents
                    .iter()
                    .find(|i| i.id == x.document)
                    .and_then(|i| labels.get(&i.round_id))
                    .cloned()
                    .unwrap_or_default();
                let vi = crate::i18n::Lang::Vi;
                s.push_str(&format!(
                    "  - {round}, {}: {} — {}\n",
                    x.document(vi),
                    x.what(&d, vi),
                    x.said_vi()
                ));
            }
        }
    }
    if problems.is_empty() {
        s.push_str("Tính toàn vẹn: tốt\n");
        out.write_all(s.as_bytes()).map_err(io)
    } else {
        s.push_str("Tính toàn vẹn: CÓ LỖI\n");
        for p in &problems {
            s.push_str(&format!("  - {p}\n"));
        }
        out.write_all(s.as_bytes()).map_err(io)?;
        Err(format!(
            "tệp có {} lỗi toàn vẹn — {}",
            problems.len(),
            file.display()
        ))
    }
}
