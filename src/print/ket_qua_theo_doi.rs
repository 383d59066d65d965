//! The report on the follow-up of recommendations (báo cáo kết quả theo dõi thực hiện kiến
//! nghị), with the history of each recommendation as its appendix.

use super::theo_doi::{kind_amount, progress_note, verification};
use super::{Block, LETTERS, PrintDoc, ROMAN, Row, date_vi, lower_first};
use crate::model::*;
use chrono::NaiveDate;

/// Báo cáo kết quả theo dõi việc thực hiện kiến nghị sau giám sát: the rates, a table per
/// addressee, what remains to be done, and the recommendations repeated.
pub(super) fn ket_qua_theo_doi(
    d: &Dossier,
    round: &Round,
    s: &DocumentSettings,
    today: NaiveDate,
    doc: &mut PrintDoc,
) {
    use crate::follow_up::{Grouping, RateScope, rate_sentence, rates};
    let lang = crate::i18n::Lang::Vi;
    let body = if round.supervising_body.is_empty() {
        &d.info.supervising_body
    } else {
        &round.supervising_body
    };
    let recs: Vec<&Recommendation> = d
        .recommendations
        .iter()
        .filter(|r| r.round_id == round.id)
        .collect();
    let what = round.title.trim();
    let what = lower_first(what.strip_prefix("Giám sát ").unwrap_or(what));
    let notice = d
        .documents
        .iter()
        .find(|x| x.round_id == round.id && x.kind == DocKind::ThongBao)
        .and_then(|x| x.number_line())
        .map(|n| format!("Thông báo {}", n.replacen("Số: ", "số ", 1)))
        .unwrap_or_else(|| "Thông báo kết luận giám sát".into());
    let issued = round
        .issued_on
        .map(|x| format!(" ngày {}", date_vi(x)))
        .unwrap_or_default();
    doc.blocks.push(Block::Para {
        text: format!(
            "Sau giám sát {what}, {body} đã ban hành {notice}{issued} với {} kiến nghị. Mặt trận đã theo dõi, đôn đốc và xác minh việc thực hiện; kết quả đến ngày {} như sau:",
            recs.len(),
            date_vi(today)
        ),
    });
    let scope = RateScope {
        rounds: Some(vec![round.id]),
    };
    let (by_kind, total) = rates(d, Grouping::Kind, &scope, today, lang);
    doc.blocks.push(Block::Heading {
        text: format!("{}. KẾT QUẢ CHUNG", ROMAN[0]),
    });
    doc.blocks.push(Block::Para {
        text: format!("Tổng số: {}.", rate_sentence(&total, lang)),
    });
    let mut counts = format!(
        "Trong đó: đã thực hiện {} kiến nghị; thực hiện một phần {}; đang thực hiện {}",
        total.done, total.partly, total.in_progress
    );
    if total.reported > 0 {
        counts.push_str(&format!(
            " (có {} kiến nghị cơ quan báo cáo đã thực hiện nhưng Mặt trận chưa xác minh)",
            total.reported
        ));
    }
    counts.push_str(&format!(
        "; chưa thực hiện {}; không tiếp thu {}.",
        total.open, total.not_accepted
    ));
    if total.overdue > 0 {
        counts.push_str(&format!(" Có {} kiến nghị đã quá hạn.", total.overdue));
    }
    doc.blocks.push(Block::Para { text: counts });
    for k in &by_kind {
        doc.blocks.push(Block::Item {
            label: "-".into(),
            text: format!("{}: {}.", k.group, rate_sentence(k, lang)),
        });
    }
    doc.blocks.push(Block::Note {
        text: "Cách tính: kiến nghị đã thực hiện là kiến nghị Mặt trận đã xác minh; báo cáo đã thực hiện mà chưa xác minh tính là đang thực hiện; thực hiện một phần tính theo phần đã làm; kiến nghị không tiếp thu vẫn tính vào tổng số.".into(),
    });

    doc.blocks.push(Block::Heading {
        text: format!("{}. KẾT QUẢ THEO TỪNG CƠ QUAN", ROMAN[1]),
    });
    let (by_body, _) = rates(d, Grouping::Addressee, &scope, today, lang);
    for (gi, g) in by_body.iter().enumerate() {
        doc.blocks.push(Block::Subheading {
            text: format!("{}. {}: {}.", gi + 1, g.group, rate_sentence(g, lang)),
        });
        let rows: Vec<Row> = recs
            .iter()
            .filter(|r| r.addressees.contains(&g.group))
            .enumerate()
            .map(|(i, r)| Row {
                cells: vec![
                    (i + 1).to_string(),
                    r.text.clone(),
                    kind_amount(r),
                    r.status.label_vi().to_string(),
                    verification(d, r),
                    progress_note(d, r),
                ],
                bold: false,
            })
            .collect();
        doc.blocks.push(Block::Table {
            unit: None,
            header: [
                "TT",
                "Kiến nghị",
                "Loại, số tiền",
                "Kết quả",
                "Xác minh",
                "Ghi chú",
            ]
            .map(String::from)
            .to_vec(),
            widths: vec![0.35, 2.6, 1.1, 1.0, 1.3, 1.5],
            align: ["center", "left", "left", "left", "left", "left"]
                .map(String::from)
                .to_vec(),
            rows,
        });
    }

    doc.blocks.push(Block::Heading {
        text: format!("{}. NHỮNG KIẾN NGHỊ CHƯA THỰC HIỆN XONG", ROMAN[2]),
    });
    let remaining: Vec<&&Recommendation> = recs
        .iter()
        .filter(|r| r.status.is_unfinished() || r.status == RecommendationStatus::Reported)
        .collect();
    if remaining.is_empty() {
        doc.blocks.push(Block::Para {
            text:
                "Các kiến nghị đều đã được thực hiện hoặc đã có ý kiến của cơ quan được kiến nghị."
                    .into(),
        });
    }
    for (i, r) in remaining.iter().enumerate() {
        let mut text = format!(
            "{} — {}: {}",
            r.addressees.join(", "),
            lower_first(r.status.label_vi()),
            r.text.trim()
        );
        if let Some(dl) = r.deadline {
            if r.is_overdue(today) {
                text.push_str(&format!(" Thời hạn {} — đã quá hạn.", date_vi(dl)));
            } else {
                text.push_str(&format!(" Thời hạn {}.", date_vi(dl)));
            }
        }
        let note = progress_note(d, r);
        if !note.is_empty() {
            text.push_str(&format!(" {note}."));
        }
        doc.blocks.push(Block::Item {
            label: format!("{})", LETTERS.get(i).copied().unwrap_or("-")),
            text,
        });
    }

    let repeated: Vec<(&Recommendation, &Recommendation)> = recs
        .iter()
        .filter_map(|r| r.repeats.and_then(|e| d.recommendation(e)).map(|e| (*r, e)))
        .chain(d.recommendations.iter().filter_map(|later| {
            later
                .repeats
                .and_then(|e| recs.iter().find(|r| r.id == e))
                .map(|r| (later, *r))
        }))
        .collect();
    if !repeated.is_empty() {
        doc.blocks.push(Block::Heading {
            text: format!("{}. KIẾN NGHỊ LẶP LẠI", ROMAN[3]),
        });
        for (i, (later, earlier)) in repeated.iter().enumerate() {
            let round_of = |r: &Recommendation| {
                d.rounds
                    .iter()
                    .find(|x| x.id == r.round_id)
                    .map(|x| x.title.clone())
                    .unwrap_or_default()
            };
            doc.blocks.push(Block::Item {
                label: format!("{})", LETTERS.get(i).copied().unwrap_or("-")),
                text: format!(
                    "{} — kiến nghị tại đợt “{}” được nhắc lại tại đợt “{}” ({}).",
                    earlier.text.trim(),
                    round_of(earlier),
                    round_of(later),
                    later.status.label_vi()
                ),
            });
        }
    }
    if !s.closing.trim().is_empty() {
        doc.blocks.push(Block::Para {
            text: s.closing.clone(),
        });
    }
    history_appendix(d, &recs, doc);
}

/// Every recommendation's follow-up history, entry by entry, after the report's body: what a
/// reader checks a year later.
fn history_appendix(d: &Dossier, recs: &[&Recommendation], doc: &mut PrintDoc) {
    let mut rows = vec![];
    for (i, r) in recs.iter().enumerate() {
        for e in d.history_of(r.id) {
            let mut how = vec![];
            if let Some(m) = e.method {
                let who = if e.verifier.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", e.verifier)
                };
                how.push(format!("{}{who}", m.label_vi()));
            }
            if let Some(reason) = e.reason {
                how.push(reason.label_vi().to_string());
            }
            for said in [&e.explanation, &e.note] {
                if !said.is_empty() {
                    how.push(said.clone());
                }
            }
            rows.push(Row {
                cells: vec![
                    (i + 1).to_string(),
                    date_vi(e.date),
                    e.status.label_vi().to_string(),
                    how.join("; "),
                    format!(
                        "{} ({})",
                        e.recorded_by,
                        e.recorded_at.format("%d/%m/%Y %H:%M")
                    ),
                ],
                bold: false,
            });
        }
    }
    if rows.is_empty() {
        return;
    }
    doc.appendix.push(Block::Heading {
        text: "PHỤ LỤC: LỊCH SỬ THEO DÕI TỪNG KIẾN NGHỊ".into(),
    });
    doc.appendix.push(Block::Table {
        unit: None,
        header: [
            "Kiến nghị",
            "Ngày",
            "Trạng thái",
            "Căn cứ, ghi chú",
            "Người ghi",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![0.7, 0.9, 1.2, 2.8, 1.6],
        align: ["center", "center", "left", "left", "left"]
            .map(String::from)
            .to_vec(),
        rows,
    });
}
