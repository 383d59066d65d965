//! The printed documents: their content built from the dossier as a list of blocks (headings,
//! paragraphs, numbered items, tables, charts), then typeset by typst (PDF, preview pages) or
//! written as Word. One content, every output. Knows nothing of egui.

mod bao_cao;
pub mod docx;
mod figures;
pub mod issue;
mod ket_qua_theo_doi;
pub mod placement;
pub mod printer;
mod theo_doi;
mod thong_bao;
mod tom_tat;
pub mod typeset;
#[cfg(windows)]
mod win_print;

use crate::i18n::Lang;
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;
use bao_cao::bao_cao;
use chrono::NaiveDate;
use ket_qua_theo_doi::ket_qua_theo_doi;
use serde::Serialize;
use theo_doi::theo_doi;
use thong_bao::thong_bao;
use tom_tat::tom_tat;

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
    /// Printed across every page when set: "KHÔNG PHẢI BẢN ĐÃ BAN HÀNH" on a document rebuilt
    /// from today's data for a round whose issued copy is kept.
    pub mark: Option<String>,
    /// Every amount of money the document prints, with what it is of — as the counting module
    /// gave it — for checking a document against its data.
    #[serde(skip)]
    pub quoted: Vec<Quoted>,
}

/// An amount a document prints: an area's (or, `None`, every area of the round's), a
/// project's (`None`: every project), of one kind, for a period (`None`: every period), and
/// the total it printed (`None`: withheld, "không cộng được").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quoted {
    pub area: Option<AreaId>,
    pub project: Option<ProjectId>,
    pub kind: AllocationKind,
    pub period: Option<Period>,
    pub value: Option<AmountSum>,
}

/// What is printed or saved: a document built from the data now, or one as it was issued
/// (its stored bytes, never typeset again).
#[derive(Clone, Debug)]
pub enum Printable {
    Built(Box<PrintDoc>),
    Issued {
        pdf: Blob,
        pages: u32,
        docx: Option<Blob>,
    },
}

impl Printable {
    pub fn issued(x: &IssuedDocument) -> Printable {
        Printable::Issued {
            pdf: x.pdf.clone(),
            pages: x.pages,
            docx: x.docx.clone(),
        }
    }

    /// The PDF: typeset, or the stored bytes as they are.
    pub fn pdf(&self) -> Result<Vec<u8>, PrintError> {
        match self {
            Printable::Built(doc) => typeset::pdf(doc),
            Printable::Issued { pdf, .. } => Ok(pdf.bytes().to_vec()),
        }
    }

    /// The Word copy: written, or the stored bytes as they are.
    pub fn docx(&self) -> Result<Vec<u8>, PrintError> {
        match self {
            Printable::Built(doc) => docx::docx(doc),
            Printable::Issued { docx, .. } => docx
                .as_ref()
                .map(|b| b.bytes().to_vec())
                .ok_or(PrintError::NoDocx),
        }
    }

    /// The pages, for printing.
    pub fn layout(&self) -> Result<typst_layout::PagedDocument, PrintError> {
        match self {
            Printable::Built(doc) => typeset::layout(doc),
            Printable::Issued { pdf, pages, .. } => typeset::layout_pdf(pdf.bytes(), *pages),
        }
    }

    /// The pages as images, for the preview.
    pub fn page_images(&self, pixels_per_pt: f32) -> Result<Vec<typeset::PageImage>, PrintError> {
        match self {
            Printable::Built(doc) => typeset::page_images(doc, pixels_per_pt),
            Printable::Issued { pdf, pages, .. } => {
                typeset::pdf_page_images(pdf.bytes(), *pages, pixels_per_pt)
            }
        }
    }
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
        mark: None,
        quoted: vec![],
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
    if matches!(kind, DocKind::ThongBao | DocKind::BaoCao) {
        // The figures inserted into the round's texts are quoted too: the notice carries no
        // table, but its sentences carry numbers from the data.
        let texts = d
            .conclusions
            .iter()
            .filter(|c| c.round_id == round.id)
            .flat_map(|c| &c.figures)
            .chain(
                d.recommendations
                    .iter()
                    .filter(|r| r.round_id == round.id)
                    .flat_map(|r| &r.figures),
            );
        for f in texts {
            doc.quoted.push(Quoted {
                area: Some(f.area),
                project: None,
                kind: f.kind,
                period: Some(f.period),
                value: f.value,
            });
        }
    }
    Ok(doc)
}

/// The mark across every page of a document rebuilt from the data for a round whose issued
/// copy is kept.
pub fn not_issued_mark(today: NaiveDate) -> String {
    format!(
        "KHÔNG PHẢI BẢN ĐÃ BAN HÀNH — dựng lại theo số liệu ngày {}",
        date_vi(today)
    )
}

/// A round's document as the print screen and `giamsat print` give it: the issued copy, byte
/// for byte, when the round's document of this kind was issued — unless `current` asks for
/// it rebuilt from today's data, which then carries [`not_issued_mark`] on every page (a
/// document never issued is built as it is, with no mark).
pub fn printable(
    d: &Dossier,
    round: Option<RoundId>,
    kind: DocKind,
    unit: MoneyUnit,
    today: NaiveDate,
    current: bool,
) -> Result<Printable, PrintError> {
    let round = round
        .and_then(|id| d.rounds.iter().find(|r| r.id == id))
        .or(d.rounds.first())
        .map(|r| r.id);
    let copy = round.and_then(|r| d.issued_copy(r, kind));
    if !current && let Some(copy) = copy {
        return Ok(Printable::issued(copy));
    }
    let mut doc = build(d, round, kind, unit, today)?;
    if current && copy.is_some() {
        doc.mark = Some(not_issued_mark(today));
    }
    Ok(Printable::Built(Box::new(doc)))
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
