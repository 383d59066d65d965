//! The printed documents: their content built from the dossier as a list of blocks (headings,
//! paragraphs, numbered items, tables, charts), then typeset by typst (PDF, preview pages) or
//! written as Word. One content, every output. Knows nothing of egui.

pub mod docx;
pub mod placement;
pub mod printer;
pub mod typeset;
#[cfg(windows)]
mod win_print;

use crate::analysis::{AllocationFilter, group_allocations};
use crate::charts::{self, Chart, ChartKind, ChartSpec};
use crate::i18n::Lang;
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Header {
    pub parent_body: String,
    pub issuer: String,
    pub issuer_sub: String,
    pub number_line: Option<String>,
    pub date_line: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Signature {
    pub authority: String,
    pub title: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub cells: Vec<String>,
    pub bold: bool,
}

/// One piece of a document, in reading order.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    Heading {
        text: String,
    },
    Subheading {
        text: String,
    },
    Para {
        text: String,
    },
    Item {
        label: String,
        text: String,
    },
    Note {
        text: String,
    },
    Table {
        unit: Option<String>,
        header: Vec<String>,
        widths: Vec<f64>,
        align: Vec<String>,
        rows: Vec<Row>,
    },
    Chart {
        svg: String,
        caption: String,
    },
}

/// A whole document, ready to typeset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PrintDoc {
    pub kind: DocKind,
    pub title: String,
    pub summary: String,
    pub landscape: bool,
    pub header: Header,
    pub blocks: Vec<Block>,
    pub signature: Option<Signature>,
    pub recipients: Vec<String>,
    /// What follows the signature on pages of its own (phụ lục).
    pub appendix: Vec<Block>,
}

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("chưa có đợt giám sát nào để in")]
    NoRound,
    #[error("lỗi dàn trang: {0}")]
    Typeset(String),
    #[error("không tạo được PDF: {0}")]
    Pdf(String),
    #[error("không tạo được tệp Word: {0}")]
    Docx(String),
    #[error("loại văn bản này không có bản Word")]
    NoDocx,
    #[error("số tiền quá lớn")]
    Money(#[from] MoneyError),
}

impl PrintError {
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::Vi {
            return self.to_string();
        }
        match self {
            PrintError::NoRound => "there is no supervision round to print".into(),
            PrintError::Typeset(e) => format!("layout error: {e}"),
            PrintError::Pdf(e) => format!("the PDF could not be made: {e}"),
            PrintError::Docx(e) => format!("the Word file could not be made: {e}"),
            PrintError::NoDocx => "this kind of document has no Word copy".into(),
            PrintError::Money(_) => "an amount is too large".into(),
        }
    }
}

/// The settings of a round's document: stored ones, or the defaults.
pub fn settings_for(d: &Dossier, round: &Round, kind: DocKind) -> DocumentSettings {
    d.documents
        .iter()
        .find(|x| x.round_id == round.id && x.kind == kind)
        .cloned()
        .unwrap_or_else(|| {
            DocumentSettings::default_for(d, round, kind, DocumentId(d.next_id(Table::Documents)))
        })
}

const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
const LETTERS: [&str; 26] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y", "z", "aa", "bb",
];

fn date_vi(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn money(sum: &AmountSum, unit: MoneyUnit) -> String {
    let known = format_money(sum.known, unit, NumberStyle::Vi);
    if sum.is_wholly_unknown() {
        "chưa có số liệu".into()
    } else if sum.is_partly_unknown() {
        format!("{known} + chưa có số liệu")
    } else {
        known
    }
}

/// Where a total is withheld because the figures it would add overlap in time.
const NOT_ADDED: &str = crate::analysis::NOT_ADDED_VI;

fn area_name(d: &Dossier, id: AreaId) -> String {
    d.area(id).map(|a| a.full_name_vi()).unwrap_or_default()
}

/// Builds the document `kind` for `round` (the follow-up list covers every round).
pub fn build(
    d: &Dossier,
    round: Option<RoundId>,
    kind: DocKind,
    unit: MoneyUnit,
    today: NaiveDate,
) -> Result<PrintDoc, PrintError> {
    let round = round
        .and_then(|id| d.rounds.iter().find(|r| r.id == id))
        .or(d.rounds.first())
        .ok_or(PrintError::NoRound)?;
    let s = settings_for(d, round, kind);
    let header = Header {
        parent_body: s.parent_body.clone(),
        issuer: s.issuer.clone(),
        issuer_sub: s.issuer_sub.clone(),
        number_line: s.number_line(),
        date_line: s.date_line(),
    };
    let signature = Some(Signature {
        authority: s.signer_authority.clone(),
        title: s.signer_title.clone(),
        name: s.signer_name.clone(),
    });
    let mut doc = PrintDoc {
        kind,
        title: kind.title().to_string(),
        summary: s.summary.clone(),
        landscape: false,
        header,
        blocks: vec![],
        signature,
        recipients: s.recipients.clone(),
        appendix: vec![],
    };
    match kind {
        DocKind::ThongBao => thong_bao(d, round, &s, &mut doc),
        DocKind::BaoCao => bao_cao(d, round, unit, &mut doc)?,
        DocKind::TomTat => {
            doc.signature = None;
            tom_tat(d, round, unit, &mut doc)?;
        }
        DocKind::TheoDoi => {
            doc.signature = None;
            doc.landscape = true;
            theo_doi(d, today, &mut doc);
        }
        DocKind::KetQuaTheoDoi => ket_qua_theo_doi(d, round, &s, today, &mut doc),
    }
    Ok(doc)
}

fn intro(d: &Dossier, round: &Round) -> String {
    let body = if round.supervising_body.is_empty() {
        &d.info.supervising_body
    } else {
        &round.supervising_body
    };
    let when = match (round.start_date, round.end_date) {
        (Some(a), Some(b)) if a == b => format!("Ngày {}", date_vi(a)),
        (Some(a), Some(b)) => format!("Từ ngày {} đến ngày {}", date_vi(a), date_vi(b)),
        (Some(a), None) => format!("Ngày {}", date_vi(a)),
        _ => String::new(),
    };
    let what = round.title.trim();
    let what = lower_first(what.strip_prefix("Giám sát ").unwrap_or(what));
    let subjects: Vec<&str> = round.subjects.iter().map(|s| s.body.as_str()).collect();
    let mut text = String::new();
    if !round.plan_ref.trim().is_empty() {
        text.push_str(&format!(
            "Thực hiện {}, ",
            lower_first(round.plan_ref.trim())
        ));
        text.push_str(&lower_first(&when));
    } else {
        text.push_str(&when);
    }
    if !text.is_empty() {
        text.push_str(", ");
    }
    text.push_str(&format!(
        "đoàn giám sát của {body} đã tiến hành giám sát {what}"
    ));
    if !subjects.is_empty() {
        text.push_str(&format!("; làm việc với {}", subjects.join(", ")));
    }
    text.push('.');
    let others: Vec<&str> = round
        .members
        .iter()
        .map(|m| m.organisation.as_str())
        .filter(|o| !o.is_empty() && *o != body.as_str())
        .collect();
    if !others.is_empty() {
        text.push_str(&format!(
            " Tham gia đoàn giám sát có đại diện {}.",
            others.join("; ")
        ));
    }
    capitalize(&text)
}

fn capitalize(s: &str) -> String {
    crate::analysis::capitalize_first(s)
}

/// A conclusion's text, with its area in front when the text does not say it.
fn conclusion_text(d: &Dossier, c: &Conclusion) -> String {
    match c.area_id.and_then(|a| d.area(a)) {
        Some(a) if !c.text.contains(&a.name) => format!("Tại {}: {}", a.full_name_vi(), c.text),
        _ => c.text.clone(),
    }
}

fn conclusion_sections(
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
fn recommendation_blocks(d: &Dossier, round: &Round) -> Vec<Block> {
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

fn thong_bao(d: &Dossier, round: &Round, s: &DocumentSettings, doc: &mut PrintDoc) {
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

/// The allocation table of the report: area, project, kind, period, amount, source; then the
/// warnings about figures whose periods overlap. Empty when there are no figures.
fn allocation_table(d: &Dossier, round: &Round, unit: MoneyUnit) -> Result<Vec<Block>, PrintError> {
    let groups = group_allocations(d, &as_of(round))?;
    if groups.is_empty() {
        return Ok(vec![]);
    }
    let mut rows = vec![];
    for (i, g) in groups.iter().enumerate() {
        let sources: BTreeSet<String> = g
            .allocation_ids
            .iter()
            .filter_map(|id| d.allocations.iter().find(|a| a.id == *id))
            .map(|a| a.source_doc.clone())
            .filter(|s| !s.is_empty())
            .collect();
        rows.push(Row {
            cells: vec![
                (i + 1).to_string(),
                area_name(d, g.area_id),
                d.project(g.project_id)
                    .map(|p| p.short_label_vi())
                    .unwrap_or_default(),
                g.kind.label_vi().to_string(),
                g.period.to_string(),
                money(&g.sum, unit),
                sources.into_iter().collect::<Vec<_>>().join("; "),
            ],
            bold: false,
        });
    }
    let totals = crate::analysis::totals_by_kind(&groups)?;
    for t in &totals {
        rows.push(Row {
            cells: vec![
                String::new(),
                "Tổng cộng".into(),
                String::new(),
                t.kind.label_vi().into(),
                String::new(),
                match &t.sum {
                    Some(sum) => money(sum, unit),
                    None => NOT_ADDED.into(),
                },
                String::new(),
            ],
            bold: true,
        });
    }
    let table = Block::Table {
        unit: Some(format!("ĐVT: {}", unit.label_vi())),
        header: [
            "TT",
            "Địa bàn",
            "Dự án",
            "Loại vốn",
            "Kỳ",
            "Số tiền",
            "Nguồn số liệu",
        ]
        .map(String::from)
        .to_vec(),
        widths: vec![0.35, 1.3, 0.8, 1.3, 0.9, 1.0, 2.0],
        align: ["center", "left", "left", "left", "center", "right", "left"]
            .map(String::from)
            .to_vec(),
        rows,
    };
    let overlaps: Vec<_> = totals.iter().flat_map(|t| &t.overlaps).cloned().collect();
    Ok(std::iter::once(table)
        .chain(overlap_notes(d, &overlaps))
        .collect())
}

/// A note for each pair of figures whose periods overlap, under the table whose total they
/// kept from being added.
fn overlap_notes<'a>(
    d: &'a Dossier,
    overlaps: &'a [crate::analysis::PeriodOverlap],
) -> impl Iterator<Item = Block> + 'a {
    overlaps.iter().map(move |o| Block::Note {
        text: format!(
            "Cảnh báo số liệu: {}.",
            crate::analysis::overlap_warning(d, o, Lang::Vi)
        ),
    })
}

/// The figures a round's documents rest on: as they stood at that round, so a later round's
/// report never changes what an earlier round printed.
fn as_of(round: &Round) -> AllocationFilter {
    AllocationFilter {
        round: crate::analysis::RoundView::AsOf(round.id),
        ..AllocationFilter::default()
    }
}

fn chart_of(
    d: &Dossier,
    round: &Round,
    kind: ChartKind,
    unit: MoneyUnit,
) -> Result<Chart, PrintError> {
    Ok(charts::build(
        d,
        &ChartSpec {
            kind,
            unit,
            filter: as_of(round),
            ..Default::default()
        },
        Lang::Vi,
    )?)
}

/// A chart as printed figures with their captions; none when there is nothing to draw. A
/// chart of too many areas for one page (a whole province) is printed in parts of a page each,
/// every area in exactly one part, each part captioned "(phần 2/7)".
fn chart_blocks(chart: &Chart, caption: &str) -> Vec<Block> {
    if chart.empty_message.is_some() {
        return vec![];
    }
    let parts = charts::split_for_pages(chart);
    let n = parts.len();
    let options = charts::svg::SvgOptions {
        lying: charts::prefers_horizontal(chart),
        // One scale for every part, so bars on different pages compare.
        value_max: Some(charts::layout(chart).y_max),
        ..charts::svg::SvgOptions::print()
    };
    parts
        .iter()
        .enumerate()
        .map(|(i, part)| Block::Chart {
            svg: charts::svg::render_with(part, Lang::Vi, options),
            caption: if n == 1 {
                caption.to_string()
            } else {
                format!("{caption} (phần {}/{n})", i + 1)
            },
        })
        .collect()
}

/// The chart's notes on period totals, so a reader never takes them for one year's money.
fn span_notes(chart: &Chart) -> impl Iterator<Item = Block> + '_ {
    chart
        .notes
        .iter()
        .map(|text| Block::Note { text: text.clone() })
}

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

fn bao_cao(
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
    let table = allocation_table(d, round, unit)?;
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

fn tom_tat(
    d: &Dossier,
    round: &Round,
    unit: MoneyUnit,
    doc: &mut PrintDoc,
) -> Result<(), PrintError> {
    let groups = group_allocations(d, &as_of(round))?;
    let kinds: Vec<AllocationKind> = AllocationKind::ALL
        .into_iter()
        .filter(|k| groups.iter().any(|g| g.kind == *k))
        .collect();
    if kinds.is_empty() {
        doc.blocks.push(Block::Para {
            text: "Chưa có số liệu vốn.".into(),
        });
    }
    let mut periods: Vec<Period> = groups
        .iter()
        .map(|g| g.period)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    periods.sort_by_key(|p| p.column_key());
    let mut areas: Vec<AreaId> = vec![];
    for a in &d.areas {
        if groups.iter().any(|g| g.area_id == a.id) {
            areas.push(a.id);
        }
    }
    let overlaps = crate::analysis::period_overlaps(&groups);
    for (ki, kind) in kinds.iter().enumerate() {
        doc.blocks.push(Block::Subheading {
            text: format!("{}. {}", ki + 1, kind.label_vi()),
        });
        // An area whose figures of this kind overlap in time gets no row total, and the
        // table no grand total: they would count money twice.
        let overlapping: BTreeSet<AreaId> = overlaps
            .iter()
            .filter(|o| o.kind == *kind)
            .map(|o| o.area_id)
            .collect();
        let mut header = vec!["Địa bàn".to_string()];
        header.extend(periods.iter().map(Period::to_string));
        header.push("Tổng cộng".into());
        let mut rows = vec![];
        let mut col_totals: Vec<AmountSum> = vec![AmountSum::default(); periods.len()];
        let mut grand = AmountSum::default();
        for area in &areas {
            let mut cells = vec![area_name(d, *area)];
            let mut row_total = AmountSum::default();
            for (pi, p) in periods.iter().enumerate() {
                let mut sum = AmountSum::default();
                for g in groups
                    .iter()
                    .filter(|g| g.area_id == *area && g.period == *p && g.kind == *kind)
                {
                    sum.merge(&g.sum)?;
                }
                if sum.is_empty() {
                    cells.push("–".into());
                } else {
                    cells.push(money(&sum, unit));
                    row_total.merge(&sum)?;
                    col_totals[pi].merge(&sum)?;
                    grand.merge(&sum)?;
                }
            }
            cells.push(if row_total.is_empty() {
                "–".into()
            } else if overlapping.contains(area) {
                NOT_ADDED.into()
            } else {
                money(&row_total, unit)
            });
            rows.push(Row { cells, bold: false });
        }
        let mut total_cells = vec!["Tổng cộng".to_string()];
        total_cells.extend(col_totals.iter().map(|s| {
            if s.is_empty() {
                "–".into()
            } else {
                money(s, unit)
            }
        }));
        total_cells.push(if overlapping.is_empty() {
            money(&grand, unit)
        } else {
            NOT_ADDED.into()
        });
        rows.push(Row {
            cells: total_cells,
            bold: true,
        });
        let n = periods.len() + 2;
        let mut widths = vec![1.8];
        widths.extend(std::iter::repeat_n(1.0, n - 1));
        let mut align = vec!["left".to_string()];
        align.extend(std::iter::repeat_n("right".to_string(), n - 1));
        doc.blocks.push(Block::Table {
            unit: Some(format!("ĐVT: {}", unit.label_vi())),
            header,
            widths,
            align,
            rows,
        });
    }
    doc.blocks.extend(overlap_notes(d, &overlaps));
    if !kinds.is_empty() {
        // The two ways a cell can lack a figure mean different things to the reader.
        doc.blocks.push(Block::Note {
            text: "Ghi chú: “–”: báo cáo không nêu khoản này; “chưa có số liệu”: báo cáo có \
                   nêu khoản này nhưng chưa có số tiền."
                .into(),
        });
    }
    let by_kind = chart_of(d, round, ChartKind::ByKind, unit)?;
    doc.blocks.extend(span_notes(&by_kind));
    let mut next = kinds.len() + 1;
    let first = chart_blocks(
        &chart_of(d, round, ChartKind::AreaYear, unit)?,
        "Biểu đồ 1: vốn phân bổ theo địa bàn và năm",
    );
    if !first.is_empty() {
        doc.blocks.push(Block::Subheading {
            text: format!("{next}. Biểu đồ"),
        });
        next += 1;
        doc.blocks.extend(first);
        doc.blocks.extend(chart_blocks(
            &by_kind,
            "Biểu đồ 2: vốn theo loại (phân bổ, năm trước chuyển sang, giải ngân)",
        ));
    }
    if !d.indicator_values.is_empty() {
        doc.blocks.push(Block::Subheading {
            text: format!("{next}. Chỉ tiêu đã báo cáo"),
        });
        let rows = d
            .indicator_values
            .iter()
            .filter_map(|v| {
                let ind = d.indicator(v.indicator_id)?;
                let value = match v.value {
                    Measure::Number(q) => format!("{} {}", q.format(NumberStyle::Vi), ind.unit)
                        .trim()
                        .to_string(),
                    Measure::Month(m) => m.format_vi(),
                    Measure::Unknown => "chưa có số liệu".into(),
                };
                Some(Row {
                    cells: vec![
                        ind.name.clone(),
                        area_name(d, v.area_id),
                        v.period.to_string(),
                        value,
                        v.source_doc.clone(),
                    ],
                    bold: false,
                })
            })
            .collect();
        doc.blocks.push(Block::Table {
            unit: None,
            header: ["Chỉ tiêu", "Địa bàn", "Kỳ", "Giá trị", "Nguồn số liệu"]
                .map(String::from)
                .to_vec(),
            widths: vec![2.4, 1.2, 0.9, 0.9, 1.8],
            align: ["left", "left", "center", "right", "left"]
                .map(String::from)
                .to_vec(),
            rows,
        });
    }
    Ok(())
}

/// A recommendation's kind, with its amount for a financial one: "Tài chính: 500 triệu đồng".
fn kind_amount(r: &Recommendation) -> String {
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
fn verification(d: &Dossier, r: &Recommendation) -> String {
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
fn progress_note(d: &Dossier, r: &Recommendation) -> String {
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

fn theo_doi(d: &Dossier, today: NaiveDate, doc: &mut PrintDoc) {
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

/// Báo cáo kết quả theo dõi việc thực hiện kiến nghị sau giám sát: the rates, a table per
/// addressee, what remains to be done, and the recommendations repeated.
fn ket_qua_theo_doi(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 1, 15).unwrap()
    }

    fn texts(doc: &PrintDoc) -> Vec<String> {
        doc.blocks
            .iter()
            .flat_map(|b| match b {
                Block::Heading { text }
                | Block::Subheading { text }
                | Block::Para { text }
                | Block::Note { text } => vec![text.clone()],
                Block::Item { label, text } => vec![format!("{label} {text}")],
                Block::Table { header, rows, .. } => header
                    .iter()
                    .cloned()
                    .chain(rows.iter().flat_map(|r| r.cells.clone()))
                    .collect(),
                Block::Chart { caption, .. } => vec![caption.clone()],
            })
            .collect()
    }

    #[test]
    fn the_notice_has_conclusions_and_recommendations_grouped_by_addressee() {
        let d = crate::sample::lang_son();
        let doc = build(&d, None, DocKind::ThongBao, MoneyUnit::Trieu, today()).unwrap();
        let t = texts(&doc);
        assert!(
            t[0].starts_with(
                "Ngày 21/06/2023, đoàn giám sát của Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn"
            ),
            "{}",
            t[0]
        );
        assert!(t.contains(&"I. KẾT QUẢ GIÁM SÁT".to_string()));
        assert!(t.contains(&"1. Đánh giá chung".to_string()));
        assert!(t.contains(&"II. KIẾN NGHỊ".to_string()));
        assert!(t.contains(&"1. Đối với UBND huyện Hữu Lũng, UBND huyện Chi Lăng:".to_string()));
        assert!(t.iter().any(|x| x.starts_with("a) Tiếp tục tham mưu")));
        assert!(t.iter().any(|x| x.starts_with("c) Phối hợp tổ chức")));
        assert_eq!(doc.header.issuer, "TỈNH LẠNG SƠN");
        assert_eq!(doc.recipients.last().map(String::as_str), Some("Lưu: VT"));
    }

    #[test]
    fn the_summary_keeps_periods_unknowns_and_totals() {
        let d = crate::sample::lang_son();
        let doc = build(&d, None, DocKind::TomTat, MoneyUnit::Trieu, today()).unwrap();
        let Block::Table {
            header, rows, unit, ..
        } = doc
            .blocks
            .iter()
            .find(|b| matches!(b, Block::Table { .. }))
            .unwrap()
        else {
            unreachable!()
        };
        assert_eq!(unit.as_deref(), Some("ĐVT: triệu đồng"));
        assert_eq!(
            header,
            &["Địa bàn", "2022", "2023", "2022–2023", "Tổng cộng"]
        );
        assert_eq!(rows[0].cells, ["huyện Hữu Lũng", "468", "494", "–", "962"]);
        assert_eq!(rows[1].cells, ["huyện Chi Lăng", "–", "–", "949", "949"]);
        assert_eq!(rows[2].cells, ["Tổng cộng", "468", "494", "949", "1.911"]);
        let t = texts(&doc);
        assert!(
            t.contains(&"chưa có số liệu".to_string()),
            "the carried-over table says the amount is unknown"
        );
        assert!(doc.signature.is_none());
    }

    #[test]
    fn the_follow_up_list_marks_overdue() {
        let mut d = crate::sample::lang_son();
        d.recommendations[0].deadline = NaiveDate::from_ymd_opt(2023, 12, 31);
        let doc = build(&d, None, DocKind::TheoDoi, MoneyUnit::Trieu, today()).unwrap();
        assert!(doc.landscape);
        assert!(texts(&doc).contains(&"31/12/2023 (quá hạn)".to_string()));
    }
}
