//! The follow-up list (danh sách theo dõi kiến nghị): every recommendation with its deadline,
//! status, verification and progress.

use super::{Block, PrintDoc, Row, capitalize, date_vi, lower_first};
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;
use chrono::NaiveDate;

/// A recommendation's kind, with its amount for a financial one: "Tài chính: 500 triệu đồng".
pub(super) fn kind_amount(r: &Recommendation) -> String {
    let kind = r.kind.label_vi().to_string();
    match (r.kind, r.amount_dong) {
        (RecommendationKind::Financial, Some(a)) => format!(
            "{kind}: {} triệu đồng",
            format_money(a, MoneyUnit::Trieu, NumberStyle::Vi)
        ),
        (RecommendationKind::Financial, None) => format!("{kind}: chưa có số tiền"),
        _ => kind,
    }
}

/// How the Front knows, from the latest verification in the history: "Kiểm tra thực tế
/// ngày 20/02/2024 (Nguyễn Văn Bình)"; what the addressee reported otherwise.
pub(super) fn verification(d: &Dossier, r: &Recommendation) -> String {
    let history = d.history_of(r.id);
    if let Some(e) = history.iter().rev().find(|e| e.method.is_some()) {
        let who = if e.verifier.is_empty() {
            &e.recorded_by
        } else {
            &e.verifier
        };
        let how = e.method.map(|m| m.label_vi()).unwrap_or_default();
        return format!("{how} ngày {} ({who})", date_vi(e.date));
    }
    match history.last() {
        Some(e) if e.status == RecommendationStatus::Reported => {
            format!(
                "Cơ quan báo cáo đã thực hiện ngày {}; chưa xác minh",
                date_vi(e.date)
            )
        }
        Some(_) | None if r.status.is_done() => "Đã thực hiện (chưa ghi cách xác minh)".into(),
        _ => "Chưa xác minh".into(),
    }
}

/// The part done and why not all of it, from the latest entry of the history.
pub(super) fn progress_note(d: &Dossier, r: &Recommendation) -> String {
    let history = d.history_of(r.id);
    let Some(e) = history.last() else {
        return String::new();
    };
    let mut parts = vec![];
    if let Some(a) = e.amount_done_dong {
        parts.push(format!(
            "đã thực hiện {} triệu đồng",
            format_money(a, MoneyUnit::Trieu, NumberStyle::Vi)
        ));
    }
    if let Some(p) = e.share_percent {
        parts.push(format!("đã thực hiện khoảng {p}%"));
    }
    if let Some(reason) = e.reason {
        parts.push(lower_first(reason.label_vi()));
    }
    // The computed facts make one sentence; what people wrote follows as it was written.
    let mut sentences = vec![];
    if !parts.is_empty() {
        sentences.push(capitalize(&parts.join(", ")));
    }
    for said in [&e.explanation, &e.note] {
        let said = said.trim().trim_end_matches('.');
        if !said.is_empty() {
            sentences.push(capitalize(said));
        }
    }
    sentences.join(". ")
}

pub(super) fn theo_doi(d: &Dossier, today: NaiveDate, doc: &mut PrintDoc) {
    doc.summary = "Tình hình thực hiện các kiến nghị sau giám sát".into();
    doc.blocks.push(Block::Para {
        text: format!("Số liệu đến ngày {}.", date_vi(today)),
    });
    let mut rows = vec![];
    for (i, r) in d.recommendations.iter().enumerate() {
        let deadline = match r.deadline {
            Some(dl) if r.is_overdue(today) => format!("{} (quá hạn)", date_vi(dl)),
            Some(dl) => date_vi(dl),
            None => "Không có".into(),
        };
        let last = r
            .last_response()
            .map(|x| {
                let evidence = if x.evidence.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", x.evidence)
                };
                format!("{}: {}{evidence}", date_vi(x.date), x.text)
            })
            .unwrap_or_else(|| "Chưa có".into());
        rows.push(Row {
            cells: vec![
                (i + 1).to_string(),
                r.addressees.join("; "),
                r.text.clone(),
                kind_amount(r),
                deadline,
                r.status.label_vi().to_string(),
                verification(d, r),
                last,
            ],
            bold: false,
        });
    }
    if rows.is_empty() {
        doc.blocks.push(Block::Para {
            text: "Chưa có kiến nghị.".into(),
        });
        return;
    }
    doc.blocks.push(Block::Table {
        unit: None,
        header: [
            "TT",
            "Cơ quan nhận",
            "Kiến nghị",
            "Loại, số tiền",
            "Thời hạn",
            "Trạng thái",
            "Xác minh",
            "Phản hồi gần nhất",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![0.35, 1.2, 2.8, 1.0, 0.9, 1.0, 1.3, 1.9],
        align: [
            "center", "left", "left", "left", "center", "left", "left", "left",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    });
}
