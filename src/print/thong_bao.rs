//! The notice of conclusions (thông báo kết luận): the round's conclusions by kind, then the
//! recommendations grouped by the bodies they are addressed to.

use super::{Block, LETTERS, PrintDoc, ROMAN, date_vi, intro};
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;

/// A conclusion's text, with its area in front when the text does not say it.
fn conclusion_text(d: &Dossier, c: &Conclusion) -> String {
    match c.area_id.and_then(|a| d.area(a)) {
        Some(a) if !c.text.contains(&a.name) => format!("Tại {}: {}", a.full_name_vi(), c.text),
        _ => c.text.clone(),
    }
}

pub(super) fn conclusion_sections(
    d: &Dossier,
    round: &Round,
    kinds: &[ConclusionKind],
    numbered_from: usize,
) -> Vec<Block> {
    let mut blocks = vec![];
    let mut n = numbered_from;
    for kind in kinds {
        let items: Vec<&Conclusion> = d
            .conclusions
            .iter()
            .filter(|c| c.round_id == round.id && c.kind == *kind && !c.text.trim().is_empty())
            .collect();
        if items.is_empty() {
            continue;
        }
        blocks.push(Block::Subheading {
            text: format!("{n}. {}", kind.label_vi()),
        });
        n += 1;
        // General findings first, then by area.
        let mut sorted = items;
        sorted.sort_by_key(|c| (c.area_id.is_some(), c.position));
        for c in sorted {
            blocks.push(Block::Para {
                text: conclusion_text(d, c),
            });
        }
    }
    blocks
}

/// Recommendations grouped by the bodies they are addressed to, each group numbered, each
/// recommendation lettered: "1. Đối với UBND huyện …:" then "a) …".
pub(super) fn recommendation_blocks(d: &Dossier, round: &Round) -> Vec<Block> {
    let recs: Vec<&Recommendation> = d
        .recommendations
        .iter()
        .filter(|r| r.round_id == round.id && !r.text.trim().is_empty())
        .collect();
    let mut groups: Vec<(Vec<String>, Vec<&Recommendation>)> = vec![];
    for r in recs {
        match groups.iter_mut().find(|(a, _)| *a == r.addressees) {
            Some((_, list)) => list.push(r),
            None => groups.push((r.addressees.clone(), vec![r])),
        }
    }
    let mut blocks = vec![];
    for (gi, (addressees, list)) in groups.iter().enumerate() {
        blocks.push(Block::Subheading {
            text: format!("{}. Đối với {}:", gi + 1, addressees.join(", ")),
        });
        for (i, r) in list.iter().enumerate() {
            let mut text = r.text.trim().to_string();
            if let (RecommendationKind::Financial, Some(a)) = (r.kind, r.amount_dong) {
                text.push_str(&format!(
                    " Số tiền: {} triệu đồng.",
                    format_money(a, MoneyUnit::Trieu, NumberStyle::Vi)
                ));
            }
            if let Some(dl) = r.deadline {
                text.push_str(&format!(" Thời hạn: trước ngày {}.", date_vi(dl)));
            }
            blocks.push(Block::Item {
                label: format!("{})", LETTERS.get(i).copied().unwrap_or("-")),
                text,
            });
        }
    }
    if blocks.is_empty() {
        blocks.push(Block::Para {
            text: "Chưa có kiến nghị.".into(),
        });
    }
    blocks
}

pub(super) fn thong_bao(d: &Dossier, round: &Round, s: &DocumentSettings, doc: &mut PrintDoc) {
    let body = if round.supervising_body.is_empty() {
        &d.info.supervising_body
    } else {
        &round.supervising_body
    };
    doc.blocks.push(Block::Para {
        text: intro(d, round),
    });
    doc.blocks.push(Block::Para {
        text: format!("Căn cứ báo cáo của các đơn vị được giám sát và kết quả làm việc, Ban Thường trực {body} thông báo kết luận giám sát như sau:"),
    });
    doc.blocks.push(Block::Heading {
        text: format!("{}. KẾT QUẢ GIÁM SÁT", ROMAN[0]),
    });
    doc.blocks.extend(conclusion_sections(
        d,
        round,
        &[
            ConclusionKind::Overall,
            ConclusionKind::Strength,
            ConclusionKind::Shortcoming,
            ConclusionKind::Cause,
        ],
        1,
    ));
    doc.blocks.push(Block::Heading {
        text: format!("{}. KIẾN NGHỊ", ROMAN[1]),
    });
    doc.blocks.extend(recommendation_blocks(d, round));
    if !s.closing.trim().is_empty() {
        doc.blocks.push(Block::Para {
            text: s.closing.clone(),
        });
    }
}
