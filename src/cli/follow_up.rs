//! `giamsat follow-up`: how far the recommendations are carried out, per group, as a table,
//! csv or json.

use super::csv_field;
use crate::model::Dossier;

/// The exact csv header of `giamsat follow-up --format csv`.
pub const FOLLOW_UP_CSV_HEADER: &str = "group,total,done,partly,in_progress,open,not_accepted,overdue,rate_count,amount_dong,amount_done_dong";

/// One line per group. `rate_count` is a percentage with one decimal (empty for an empty
/// group); the amounts are whole đồng of the financial recommendations that state one.
pub(super) fn follow_up_csv(rows: &[crate::follow_up::RateRow]) -> String {
    let mut s = String::from(FOLLOW_UP_CSV_HEADER);
    s.push('\n');
    for r in rows {
        s.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\n",
            csv_field(&r.group),
            r.total,
            r.done,
            r.partly,
            r.in_progress,
            r.open,
            r.not_accepted,
            r.overdue,
            r.rate_count()
                .map(|p| format!("{p:.1}"))
                .unwrap_or_default(),
            r.amount_dong,
            r.amount_done_dong
        ));
    }
    s
}

pub(super) fn follow_up_json(
    by: crate::follow_up::Grouping,
    today: chrono::NaiveDate,
    rows: &[crate::follow_up::RateRow],
    total: &crate::follow_up::RateRow,
) -> String {
    let row = |r: &crate::follow_up::RateRow| {
        let mut v = serde_json::to_value(r).unwrap_or_default();
        if let Some(o) = v.as_object_mut() {
            o.insert("rate_count".into(), serde_json::json!(r.rate_count()));
            o.insert("rate_amount".into(), serde_json::json!(r.rate_amount()));
        }
        v
    };
    let v = serde_json::json!({
        "by": by,
        "as_of": today.format("%Y-%m-%d").to_string(),
        "groups": rows.iter().map(row).collect::<Vec<_>>(),
        "total": row(total),
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}

pub(super) fn follow_up_table(
    d: &Dossier,
    by: crate::follow_up::Grouping,
    today: chrono::NaiveDate,
    rows: &[crate::follow_up::RateRow],
    total: &crate::follow_up::RateRow,
) -> String {
    use crate::follow_up::{Grouping, rate_sentence};
    let lang = crate::i18n::Lang::Vi;
    let how = match by {
        Grouping::Addressee => "theo cơ quan được kiến nghị",
        Grouping::Round => "theo đợt giám sát",
        Grouping::Year => "theo năm ban hành",
        Grouping::Kind => "theo loại kiến nghị",
    };
    let mut s = format!(
        "Kết quả thực hiện kiến nghị: {} ({how}), tính đến ngày {}\n\n",
        d.info.name,
        today.format("%d/%m/%Y")
    );
    if total.total == 0 {
        s.push_str("(chưa có kiến nghị nào)\n");
        return s;
    }
    let detail = |r: &crate::follow_up::RateRow| {
        let mut line = format!(
            "     Đã thực hiện {} · một phần {} · đang thực hiện {}",
            r.done, r.partly, r.in_progress
        );
        if r.reported > 0 {
            line.push_str(&format!(" (trong đó {} báo cáo chờ xác minh)", r.reported));
        }
        line.push_str(&format!(
            " · chưa thực hiện {} · không tiếp thu {}",
            r.open, r.not_accepted
        ));
        if r.overdue > 0 {
            line.push_str(&format!(" · QUÁ HẠN {}", r.overdue));
        }
        if r.repeated > 0 {
            line.push_str(&format!(" · lặp lại {}", r.repeated));
        }
        line.push('\n');
        line
    };
    for r in rows {
        s.push_str(&format!("{}: {}\n", r.group, rate_sentence(r, lang)));
        s.push_str(&detail(r));
    }
    s.push_str(&format!(
        "\n{}: {}\n",
        total.group,
        rate_sentence(total, lang)
    ));
    s.push_str(&detail(total));
    s.push_str(
        "\nCách tính: kiến nghị đã thực hiện là kiến nghị Mặt trận đã xác minh; báo cáo đã xong \
         chưa xác minh tính là đang thực hiện; thực hiện một phần tính theo phần đã làm; kiến nghị \
         không tiếp thu vẫn tính vào tổng số.\n",
    );
    s
}
