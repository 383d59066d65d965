//! Issuing a round (ban hành): its documents rendered once, from the data as it stands, and
//! kept in the project as issued — PDF and Word bytes, SHA-256, number, date, signer and every
//! figure they quote — then, later, what has changed in the data those figures came from.
//! Knows nothing of egui; the window and the command line both call it.

use super::figures::counter;
use super::{PrintError, area_name, build};
use crate::analysis::count::Query;
use crate::model::number::{NumberStyle, format_money};
use crate::model::*;
use chrono::{NaiveDate, NaiveDateTime};

/// What a round's issuing stores unless told otherwise: the notice and the report.
pub const DEFAULT_KINDS: [DocKind; 2] = [DocKind::ThongBao, DocKind::BaoCao];

/// Ids taken from the session on the window's thread before the work leaves it, one of each
/// per kind issued (a settings id is used only when the kind has no stored settings yet).
#[derive(Clone, Debug)]
pub struct IssueIds {
    pub event: RoundEventId,
    pub settings: Vec<DocumentId>,
    pub issued: Vec<IssuedDocumentId>,
}

/// What to issue, and as whom.
#[derive(Clone, Debug)]
pub struct IssueRequest {
    pub round: RoundId,
    /// The documents to store.
    pub kinds: Vec<DocKind>,
    /// The notice's number ("15"), or the first document's when the notice is not among
    /// them; the others keep the numbers set for them.
    pub number: String,
    /// The date the documents bear.
    pub date: NaiveDate,
    /// Who signs; `None` keeps the name set for each document.
    pub signer: Option<String>,
    /// Who issues (the user's name) and when (the computer's clock).
    pub by: String,
    pub at: NaiveDateTime,
    pub unit: MoneyUnit,
    pub ids: IssueIds,
    /// What the number check still listed when the user chose to issue anyway: kept in the
    /// round's lock log with the issuing (empty when it listed nothing).
    pub check_note: String,
}

/// Why a round could not be issued.
#[derive(Debug, thiserror::Error)]
pub enum IssueError {
    #[error("không có đợt giám sát này")]
    NoRound,
    #[error("đợt giám sát đã ban hành; muốn ban hành lại thì mở khóa (ghi lý do) trước")]
    AlreadyIssued,
    #[error("chưa chọn văn bản nào để ban hành")]
    NoDocument,
    #[error("chưa có số của {0}: văn bản ban hành phải có số")]
    NoNumber(&'static str),
    #[error("thiếu mã cho bản ghi mới")]
    NoIds,
    #[error("số {0} đã dùng cho văn bản đã ban hành trước; văn bản đính chính phải có số mới")]
    SameNumber(String),
    #[error("{0}")]
    Print(#[from] PrintError),
}

impl IssueError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::Vi {
            return self.to_string();
        }
        match self {
            IssueError::NoRound => "there is no such supervision round".into(),
            IssueError::AlreadyIssued => {
                "the round is already issued; unlock it (with a reason) to issue again".into()
            }
            IssueError::NoDocument => "no document was chosen to issue".into(),
            IssueError::NoNumber(_) => {
                "the document has no number yet: an issued document must have one".into()
            }
            IssueError::NoIds => "no ids for the new records".into(),
            IssueError::SameNumber(n) => format!(
                "number {n} was used by the document issued before; a correction needs a new number"
            ),
            IssueError::Print(e) => e.message(lang),
        }
    }
}

fn doc_name_vi(kind: DocKind) -> &'static str {
    match kind {
        DocKind::ThongBao => "thông báo",
        DocKind::BaoCao => "báo cáo",
        DocKind::KetQuaTheoDoi => "báo cáo kết quả theo dõi",
        DocKind::TomTat => "tóm tắt số liệu",
        DocKind::TheoDoi => "danh sách theo dõi",
    }
}

/// The edits that issue a round: each chosen document's settings given the number, date and
/// signer; each document rendered from the data so set and stored as issued; the lock log's
/// entry; the round marked issued on that date. Rendering takes a while: call it off the
/// window's thread, with a copy of the dossier, and apply the edits only to that same state.
pub fn issue_edits(d: &Dossier, req: &IssueRequest) -> Result<Vec<Edit>, IssueError> {
    let round = d
        .rounds
        .iter()
        .find(|r| r.id == req.round)
        .ok_or(IssueError::NoRound)?;
    if round.draft_status == DraftStatus::Issued {
        return Err(IssueError::AlreadyIssued);
    }
    if req.kinds.is_empty() {
        return Err(IssueError::NoDocument);
    }
    if req.ids.settings.len() < req.kinds.len() || req.ids.issued.len() < req.kinds.len() {
        return Err(IssueError::NoIds);
    }
    let mut edits = Vec::new();
    // The documents are rendered as of the round issued on that date (the follow-up report
    // names the notice's date).
    let mut after = d.clone();
    let mut issued_round = round.clone();
    issued_round.draft_status = DraftStatus::Issued;
    issued_round.issued_on = Some(req.date);
    after.put(Record::Round(issued_round.clone()));
    // The document that takes the number: the notice when it is issued, else the first.
    let numbered = req
        .kinds
        .iter()
        .position(|k| *k == DocKind::ThongBao)
        .unwrap_or(0);
    for (i, kind) in req.kinds.iter().enumerate() {
        let stored = d
            .documents
            .iter()
            .find(|x| x.round_id == round.id && x.kind == *kind)
            .cloned();
        let mut s = stored
            .clone()
            .unwrap_or_else(|| DocumentSettings::default_for(d, round, *kind, req.ids.settings[i]));
        if i == numbered {
            s.number = crate::model::text::clean_line(&req.number);
        }
        s.date = Some(req.date);
        if let Some(name) = &req.signer {
            s.signer_name = crate::model::text::clean_line(name);
        }
        if i == numbered && s.number.trim().is_empty() && !s.symbol.trim().is_empty() {
            return Err(IssueError::NoNumber(doc_name_vi(*kind)));
        }
        // A correction is a new document: it does not take the number of the one it corrects.
        if i == numbered
            && let Some(earlier) = d.issued_copy(round.id, *kind)
            && !s.number.trim().is_empty()
            && earlier.number.trim() == s.number.trim()
            && earlier.number_line == s.number_line().unwrap_or_default()
        {
            return Err(IssueError::SameNumber(
                earlier.number_shown().unwrap_or_default(),
            ));
        }
        let edit = match stored {
            Some(before) => Edit::update(Record::Document(before), Record::Document(s)),
            None => Edit::insert(Record::Document(s)),
        };
        if !edit.is_noop() {
            if let Some(a) = &edit.after {
                after.put(a.clone());
            }
            edits.push(edit);
        }
    }
    for (i, kind) in req.kinds.iter().enumerate() {
        let doc = build(&after, Some(round.id), *kind, req.unit, req.date)?;
        let (pdf, pages) = super::typeset::pdf_and_pages(&doc)?;
        let docx = if kind.has_docx() {
            Some(Blob::new(super::docx::docx(&doc)?))
        } else {
            None
        };
        let pdf = Blob::new(pdf);
        let s = super::settings_for(&after, round, *kind);
        let quoted = doc
            .quoted
            .iter()
            .map(|q| QuotedFigure {
                area: q.area,
                project: q.project,
                kind: q.kind,
                period: q.period,
                value: q.value,
            })
            .collect();
        edits.push(Edit::insert(Record::IssuedDocument(IssuedDocument {
            id: req.ids.issued[i],
            round_id: round.id,
            kind: *kind,
            number: s.number.clone(),
            number_line: s.number_line().unwrap_or_default(),
            date: req.date,
            signer: s.signer_name.clone(),
            issued_at: req.at,
            issued_by: crate::model::text::clean_line(&req.by),
            unit: req.unit,
            pages,
            pdf_sha256: pdf.sha256(),
            pdf,
            docx_sha256: docx.as_ref().map(Blob::sha256).unwrap_or_default(),
            docx,
            quoted,
            corrects: d.issued_copy(round.id, *kind).map(|x| x.id),
        })));
    }
    edits.push(Edit::insert(Record::RoundEvent(RoundEvent {
        id: req.ids.event,
        round_id: round.id,
        recorded_at: req.at,
        recorded_by: crate::model::text::clean_line(&req.by),
        action: LockAction::Issued,
        reason: crate::model::text::clean_text(&req.check_note),
    })));
    edits.push(Edit::update(
        Record::Round(round.clone()),
        Record::Round(issued_round),
    ));
    Ok(edits)
}

/// A figure an issued document quotes whose data now gives another value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drift {
    pub document: IssuedDocumentId,
    pub kind: DocKind,
    /// "15/TB-MTTQ-BTT"; `None` when issued without a number.
    pub number: Option<String>,
    pub figure: QuotedFigure,
    /// The value now (`None`: withheld now); `Err`: it cannot be counted now (a sum too
    /// large to hold).
    pub now: Result<Option<AmountSum>, String>,
    pub unit: MoneyUnit,
}

impl Drift {
    /// Which document: "Báo cáo kết quả giám sát (số 15/BC-MTTQ-BTT)".
    pub fn document(&self, lang: crate::i18n::Lang) -> String {
        let vi = lang == crate::i18n::Lang::Vi;
        let number = match (&self.number, vi) {
            (Some(n), true) => format!("số {n}"),
            (Some(n), false) => format!("no. {n}"),
            (None, true) => "không ghi số".into(),
            (None, false) => "without a number".into(),
        };
        format!(
            "{} ({number})",
            crate::i18n::doc_label(self.kind, lang.texts())
        )
    }

    /// What the figure is: "Vốn phân bổ, huyện Hữu Lũng, Dự án 7, 2022".
    pub fn what(&self, d: &Dossier, lang: crate::i18n::Lang) -> String {
        let vi = lang == crate::i18n::Lang::Vi;
        let mut parts =
            vec![crate::i18n::labels::allocation_kind_label(self.figure.kind, lang).to_string()];
        parts.push(match (self.figure.area, vi) {
            (Some(a), _) => area_name(d, a),
            (None, true) => "mọi địa bàn của đợt".into(),
            (None, false) => "every area of the round".into(),
        });
        if let Some(p) = self.figure.project.and_then(|p| d.project(p)) {
            parts.push(p.short_label_vi());
        }
        parts.push(match (self.figure.period, vi) {
            (Some(p), _) => p.to_string(),
            (None, true) => "mọi kỳ".into(),
            (None, false) => "every period".into(),
        });
        parts.join(", ")
    }

    /// "văn bản đã ban hành nêu 468, số liệu nay là 470 (triệu đồng)".
    pub fn said_vi(&self) -> String {
        let then = shown(self.figure.value.as_ref(), self.unit);
        let now = match &self.now {
            Ok(v) => shown(v.as_ref(), self.unit),
            Err(e) => format!("không tính được ({e})"),
        };
        format!(
            "văn bản đã ban hành nêu {then}, số liệu nay là {now} ({})",
            self.unit.label_vi()
        )
    }

    pub fn said_en(&self) -> String {
        let then = shown(self.figure.value.as_ref(), self.unit);
        let now = match &self.now {
            Ok(v) => shown(v.as_ref(), self.unit),
            Err(e) => format!("cannot be counted ({e})"),
        };
        format!(
            "the issued document says {then}, the data now gives {now} ({})",
            self.unit.label_en()
        )
    }
}

fn shown(v: Option<&AmountSum>, unit: MoneyUnit) -> String {
    match v {
        None => "“không cộng được”".into(),
        Some(s) if s.is_wholly_unknown() => "“chưa có số liệu”".into(),
        Some(s) if s.is_partly_unknown() => format!(
            "{} + chưa có số liệu",
            format_money(s.known, unit, NumberStyle::Vi)
        ),
        Some(s) => format_money(s.known, unit, NumberStyle::Vi),
    }
}

/// The figures the round's issued documents (the latest of each kind) quote that the data
/// now gives otherwise, counted as the documents counted them: by the one counting module,
/// in the round's view.
pub fn drift(d: &Dossier, round: RoundId) -> Vec<Drift> {
    let Some(r) = d.rounds.iter().find(|r| r.id == round) else {
        return Vec::new();
    };
    let copies = d.issued_copies(round);
    if copies.iter().all(|x| x.quoted.is_empty()) {
        return Vec::new();
    }
    let counted = counter(d, r).map_err(|e| e.to_string());
    let mut out = Vec::new();
    for x in copies {
        for q in &x.quoted {
            let area = q.area.map(|a| [a]);
            let project = q.project.map(|p| [p]);
            let period = q.period.map(|p| [p]);
            let now = counted.as_ref().map_err(Clone::clone).and_then(|c| {
                c.count(&Query {
                    areas: area.as_ref().map(|a| a.as_slice()),
                    projects: project.as_ref().map(|p| p.as_slice()),
                    kind: q.kind,
                    periods: period.as_ref().map(|p| p.as_slice()),
                })
                .map(|c| c.total)
                .map_err(|e| e.to_string())
            });
            if !now
                .as_ref()
                .is_ok_and(|v| crate::model::money::same_total(v, &q.value))
            {
                out.push(Drift {
                    document: x.id,
                    kind: x.kind,
                    number: x.number_shown(),
                    figure: q.clone(),
                    now,
                    unit: x.unit,
                });
            }
        }
    }
    out
}

/// The drift of every round that has issued documents, oldest round first.
pub fn all_drift(d: &Dossier) -> Vec<Drift> {
    crate::model::round::in_time(&d.rounds)
        .into_iter()
        .flat_map(|r| drift(d, r.id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::Printable;

    fn request(d: &Dossier, kinds: Vec<DocKind>) -> IssueRequest {
        let n = kinds.len() as i64;
        IssueRequest {
            round: d.rounds[0].id,
            kinds,
            number: "15".into(),
            date: NaiveDate::from_ymd_opt(2023, 7, 5).unwrap(),
            signer: Some("Hoàng Văn Thụ".into()),
            by: "Chị Lan".into(),
            at: NaiveDate::from_ymd_opt(2023, 7, 5)
                .unwrap()
                .and_hms_opt(9, 30, 0)
                .unwrap(),
            unit: MoneyUnit::Trieu,
            check_note: String::new(),
            ids: IssueIds {
                event: RoundEventId(d.next_id(Table::RoundEvents)),
                settings: (0..n)
                    .map(|i| DocumentId(d.next_id(Table::Documents) + i))
                    .collect(),
                issued: (0..n)
                    .map(|i| IssuedDocumentId(d.next_id(Table::IssuedDocuments) + i))
                    .collect(),
            },
        }
    }

    fn issued(kinds: Vec<DocKind>) -> Dossier {
        let mut d = crate::sample::lang_son();
        d.rounds[0].draft_status = DraftStatus::Review;
        let req = request(&d, kinds);
        for e in issue_edits(&d, &req).unwrap() {
            d.apply_edit(&e).unwrap();
        }
        d
    }

    #[test]
    fn every_figure_quoted_counts_again_to_what_was_printed_until_the_data_changes() {
        let kinds = vec![
            DocKind::ThongBao,
            DocKind::BaoCao,
            DocKind::TomTat,
            DocKind::KetQuaTheoDoi,
        ];
        let mut d = issued(kinds.clone());
        assert_eq!(d.issued_documents.len(), 4);
        assert_eq!(d.rounds[0].draft_status, DraftStatus::Issued);
        assert!(d.validate().is_empty(), "{:?}", d.validate());
        // The summary and the report quote their tables: every one of those recounted the
        // same way gives what was printed.
        let quoted: usize = d.issued_documents.iter().map(|x| x.quoted.len()).sum();
        assert!(quoted >= 10, "{quoted}");
        assert!(
            drift(&d, RoundId(1)).is_empty(),
            "{:?}",
            drift(&d, RoundId(1))
        );
        // The notice took the number; every document the date and the signer.
        let notice = d.issued_copy(RoundId(1), DocKind::ThongBao).unwrap();
        assert_eq!(notice.number_line, "Số: 15/TB-MTTQ-BTT");
        for x in &d.issued_documents {
            assert_eq!(x.signer, "Hoàng Văn Thụ");
            assert!(x.pdf.bytes().starts_with(b"%PDF"));
            assert_eq!(x.docx.is_some(), x.kind.has_docx());
        }
        // Hữu Lũng 2022 becomes 470: its row in the report and the summary, the year's column
        // and the totals are flagged; Chi Lăng's period total is not.
        d.allocations[0].amount_dong = Amount::Known(Dong::from_trieu(470).unwrap());
        let changed = drift(&d, RoundId(1));
        let said: Vec<String> = changed.iter().map(|x| x.said_vi()).collect();
        assert!(
            said.iter()
                .any(|s| s.contains("nêu 468, số liệu nay là 470 (triệu đồng)")),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|s| s.contains("nêu 1.911, số liệu nay là 1.913")),
            "{said:?}"
        );
        assert!(
            !changed
                .iter()
                .any(|x| x.what(&d, crate::i18n::Lang::Vi).contains("Chi Lăng")),
            "{changed:?}"
        );
        assert!(changed.iter().all(|x| x.kind != DocKind::ThongBao));
    }

    #[test]
    fn issuing_refuses_what_cannot_be_issued_and_keeps_a_correction_apart() {
        let d = issued(vec![DocKind::ThongBao]);
        let again = request(&d, vec![DocKind::ThongBao]);
        assert!(matches!(
            issue_edits(&d, &again),
            Err(IssueError::AlreadyIssued)
        ));
        let mut fresh = crate::sample::lang_son();
        fresh.rounds[0].draft_status = DraftStatus::Review;
        let mut req = request(&fresh, vec![DocKind::ThongBao]);
        req.number = "  ".into();
        assert!(matches!(
            issue_edits(&fresh, &req),
            Err(IssueError::NoNumber(_))
        ));
        req.kinds.clear();
        assert!(matches!(
            issue_edits(&fresh, &req),
            Err(IssueError::NoDocument)
        ));
        // Reissued after an unlock: a new document that names the one it corrects.
        let mut d = d;
        d.rounds[0].draft_status = DraftStatus::Review;
        let mut req = request(&d, vec![DocKind::ThongBao]);
        req.number = "21".into();
        for e in issue_edits(&d, &req).unwrap() {
            d.apply_edit(&e).unwrap();
        }
        assert_eq!(d.issued_documents.len(), 2);
        assert_eq!(
            d.issued_documents[1].corrects,
            Some(d.issued_documents[0].id)
        );
        assert_eq!(
            d.issued_copy(RoundId(1), DocKind::ThongBao).unwrap().id,
            d.issued_documents[1].id
        );
        assert!(d.validate().is_empty(), "{:?}", d.validate());
    }

    #[test]
    fn a_rebuilt_copy_carries_the_mark_and_the_issued_one_is_its_bytes() {
        let d = issued(vec![DocKind::BaoCao]);
        let today = NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        let stored = crate::print::printable(
            &d,
            Some(RoundId(1)),
            DocKind::BaoCao,
            MoneyUnit::Trieu,
            today,
            false,
        )
        .unwrap();
        assert_eq!(
            stored.pdf().unwrap(),
            d.issued_documents[0].pdf.bytes().to_vec()
        );
        // The stored PDF lays out as its own pages, for the preview and the printer.
        let pages = stored.layout().unwrap();
        assert_eq!(pages.pages().len() as u32, d.issued_documents[0].pages);
        let first = &pages.pages()[0].frame;
        assert!(
            (first.width().to_pt() - 595.3).abs() < 1.0,
            "{}",
            first.width().to_pt()
        );
        assert!((first.height().to_pt() - 841.9).abs() < 1.0);
        let Printable::Built(rebuilt) = crate::print::printable(
            &d,
            Some(RoundId(1)),
            DocKind::BaoCao,
            MoneyUnit::Trieu,
            today,
            true,
        )
        .unwrap() else {
            panic!("--current builds from the data")
        };
        assert_eq!(
            rebuilt.mark.as_deref(),
            Some("KHÔNG PHẢI BẢN ĐÃ BAN HÀNH — dựng lại theo số liệu ngày 01/03/2024")
        );
        // A document never issued is built as before, without a mark.
        let Printable::Built(plain) = crate::print::printable(
            &d,
            Some(RoundId(1)),
            DocKind::TomTat,
            MoneyUnit::Trieu,
            today,
            false,
        )
        .unwrap() else {
            panic!("the summary was not issued")
        };
        assert_eq!(plain.mark, None);
    }
}
