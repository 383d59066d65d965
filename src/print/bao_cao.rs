//! The report of results (báo cáo kết quả): the round, its figures, charts and indicators,
//! conclusions and recommendations.

use super::figures::{allocation_table, chart_blocks, chart_of, span_notes};
use super::thong_bao::{conclusion_sections, recommendation_blocks};
use super::{Block, PrintDoc, PrintError, area_name, date_vi, intro, lower_first};
use crate::charts::ChartKind;
use crate::model::number::NumberStyle;
use crate::model::*;

fn indicator_lines(d: &Dossier, area: AreaId) -> Vec<String> {
    d.indicator_values
        .iter()
        .filter(|v| v.area_id == area)
        .filter_map(|v| {
            let ind = d.indicator(v.indicator_id)?;
            let value = match v.value {
                Measure::Number(q) => format!("{} {}", q.format(NumberStyle::Vi), ind.unit)
                    .trim()
                    .to_string(),
                Measure::Month(m) => format!("tháng {}", m.format_vi()),
                Measure::Unknown => "chưa có số liệu".into(),
            };
            Some(format!("{}: {value} (kỳ {}).", ind.name, v.period))
        })
        .collect()
}

pub(super) fn bao_cao(
    d: &Dossier,
    round: &Round,
    unit: MoneyUnit,
    doc: &mut PrintDoc,
) -> Result<(), PrintError> {
    doc.blocks.push(Block::Para {
        text: intro(d, round),
    });
    doc.blocks.push(Block::Heading {
        text: "I. THÔNG TIN CHUNG".into(),
    });
    let projects: Vec<String> = round
        .project_ids
        .iter()
        .filter_map(|p| d.project(*p))
        .map(|p| {
            let program = d
                .program(p.program_id)
                .map(|x| format!(" thuộc {}", x.name))
                .unwrap_or_default();
            format!("{} “{}”{program}", p.short_label_vi(), p.name)
        })
        .collect();
    let mut n = 1;
    let mut info = |label: &str, value: String| {
        let value = value.trim().to_string();
        if !value.is_empty() {
            let end = if value.ends_with(['.', '!', '?', ')']) {
                ""
            } else {
                "."
            };
            doc.blocks.push(Block::Para {
                text: format!("{n}. {label}: {value}{end}"),
            });
            n += 1;
        }
    };
    info("Nội dung giám sát", round.title.clone());
    info("Chương trình, dự án", projects.join("; "));
    info(
        "Đối tượng giám sát",
        round
            .subjects
            .iter()
            .map(|s| s.body.clone())
            .collect::<Vec<_>>()
            .join("; "),
    );
    let when = match (round.start_date, round.end_date) {
        (Some(a), Some(b)) if a == b => date_vi(a),
        (Some(a), Some(b)) => format!("từ {} đến {}", date_vi(a), date_vi(b)),
        (Some(a), None) => date_vi(a),
        _ => String::new(),
    };
    info("Thời gian giám sát", when);
    let members: Vec<String> = round
        .members
        .iter()
        .map(|m| {
            let who = [m.person.as_str(), m.organisation.as_str()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            if m.role.is_empty() {
                who
            } else {
                format!("{who} ({})", lower_first(&m.role))
            }
        })
        .collect();
    info("Thành phần đoàn giám sát", members.join("; "));

    doc.blocks.push(Block::Heading {
        text: "II. KẾT QUẢ GIÁM SÁT".into(),
    });
    doc.blocks.push(Block::Subheading {
        text: "1. Số liệu phân bổ vốn".into(),
    });
    let table = allocation_table(d, round, unit, doc)?;
    if table.is_empty() {
        doc.blocks.push(Block::Para {
            text: "Chưa có số liệu vốn.".into(),
        });
    }
    doc.blocks.extend(table);
    let by_kind = chart_of(d, round, ChartKind::ByKind, unit)?;
    doc.blocks.extend(span_notes(&by_kind));
    doc.blocks.extend(chart_blocks(
        &by_kind,
        "Biểu đồ: vốn theo địa bàn, kỳ và loại vốn",
    ));
    let mut n = 2;
    for subject in &round.subjects {
        let Some(area) = subject.area_id else {
            continue;
        };
        doc.blocks.push(Block::Subheading {
            text: format!("{n}. Tại {}", area_name(d, area)),
        });
        n += 1;
        for line in indicator_lines(d, area) {
            doc.blocks.push(Block::Para { text: line });
        }
        for c in d.conclusions.iter().filter(|c| {
            c.round_id == round.id && c.area_id == Some(area) && !c.text.trim().is_empty()
        }) {
            doc.blocks.push(Block::Para {
                text: c.text.clone(),
            });
        }
    }
    let general: Vec<Block> = conclusion_sections(
        d,
        round,
        &[ConclusionKind::Overall, ConclusionKind::Strength],
        n,
    )
    .into_iter()
    .collect();
    doc.blocks.extend(general);

    doc.blocks.push(Block::Heading {
        text: "III. HẠN CHẾ, NGUYÊN NHÂN".into(),
    });
    let issues = conclusion_sections(
        d,
        round,
        &[ConclusionKind::Shortcoming, ConclusionKind::Cause],
        1,
    );
    if issues.is_empty() {
        doc.blocks.push(Block::Para {
            text: "Chưa ghi nhận.".into(),
        });
    }
    doc.blocks.extend(issues);
    doc.blocks.push(Block::Heading {
        text: "IV. KIẾN NGHỊ".into(),
    });
    doc.blocks.extend(recommendation_blocks(d, round));
    Ok(())
}
