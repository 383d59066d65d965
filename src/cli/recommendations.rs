//! `giamsat recommendations`: the recommendations and their follow-up, as a list to read or csv.

use super::csv_field;
use crate::model::number::{NumberStyle, format_money};
use crate::model::{Dossier, MoneyUnit};

/// The exact csv header of `giamsat recommendations --format csv`.
pub const RECOMMENDATIONS_CSV_HEADER: &str =
    "id,addressees,areas,deadline,status,text,last_response_date";

fn area_names(d: &Dossier, ids: &[crate::model::AreaId]) -> String {
    ids.iter()
        .filter_map(|a| d.area(*a))
        .map(|a| a.name.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn recommendations_csv(d: &Dossier) -> String {
    let mut s = String::from(RECOMMENDATIONS_CSV_HEADER);
    s.push('\n');
    for r in &d.recommendations {
        s.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.id.0,
            csv_field(&r.addressees.join("; ")),
            csv_field(&area_names(d, &r.area_ids)),
            r.deadline
                .map(|x| x.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            r.status.code(),
            csv_field(&r.text),
            r.last_response()
                .map(|x| x.date.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        ));
    }
    s
}

fn shorten(s: &str, max: usize) -> String {
    let one_line = s.replace('\n', " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        format!("{}…", one_line.chars().take(max - 1).collect::<String>())
    }
}

pub(super) fn recommendations_table(d: &Dossier) -> String {
    let today = chrono::Local::now().date_naive();
    let mut s = format!("Kiến nghị: {}\n\n", d.info.name);
    if d.recommendations.is_empty() {
        s.push_str("(chưa có kiến nghị nào)\n");
    }
    for r in &d.recommendations {
        let deadline = r
            .deadline
            .map(|x| x.format("%d/%m/%Y").to_string())
            .unwrap_or_else(|| "không có".into());
        let overdue = if r.is_overdue(today) {
            " — QUÁ HẠN"
        } else {
            ""
        };
        s.push_str(&format!("[{}] {}\n", r.id.0, shorten(&r.text, 110)));
        s.push_str(&format!("     Gửi: {}\n", r.addressees.join("; ")));
        if !r.area_ids.is_empty() {
            s.push_str(&format!("     Địa bàn: {}\n", area_names(d, &r.area_ids)));
        }
        for note in crate::follow_up::successor_notes(d, r, crate::i18n::Lang::Vi) {
            s.push_str(&format!("     Đã sắp xếp: {note}\n"));
        }
        s.push_str(&format!(
            "     Thời hạn: {deadline}{overdue} · Trạng thái: {}\n",
            r.status.label_vi()
        ));
        let mut kind = format!("     Loại: {}", r.kind.label_vi());
        if r.kind == crate::model::RecommendationKind::Financial {
            kind.push_str(&match r.amount_dong {
                Some(a) => format!(
                    " · Số tiền: {} triệu đồng",
                    format_money(a, MoneyUnit::Trieu, NumberStyle::Vi)
                ),
                None => " · Số tiền: chưa có".into(),
            });
        }
        s.push_str(&kind);
        s.push('\n');
        match r.last_response() {
            Some(x) => s.push_str(&format!(
                "     Phản hồi gần nhất ({}): {}\n",
                x.date.format("%d/%m/%Y"),
                shorten(&x.text, 90)
            )),
            None => s.push_str("     Chưa có phản hồi\n"),
        }
    }
    s
}
