//! `giamsat issue` and `giamsat unlock`: a round's documents stored as issued, and an issued
//! round opened again for editing with a reason — the stored copies never change.

use super::attach::cli_date;
use super::io;
use crate::model::*;
use crate::session::{ChangeLabel, Session};
use std::io::Write;
use std::path::Path;

/// What `giamsat issue` was asked.
pub(super) struct IssueArgs {
    pub round: u32,
    pub number: String,
    pub date: String,
    pub signer: Option<String>,
    pub docs: Vec<String>,
    pub unit: MoneyUnit,
    pub by: Option<String>,
}

fn open_for_writing(file: &Path, what: &str) -> Result<Session, String> {
    let session = Session::open(file).map_err(|e| e.to_string())?;
    if session.read_only().is_some() {
        return Err(format!(
            "tệp dự án đang được mở để sửa ở nơi khác hoặc chỉ đọc; không {what} được — {}",
            file.display()
        ));
    }
    Ok(session)
}

fn round_of(session: &Session, n: u32, file: &Path) -> Result<Round, String> {
    let d = session.dossier();
    crate::analysis::round_numbered(d, n)
        .and_then(|id| d.rounds.iter().find(|r| r.id == id))
        .cloned()
        .ok_or_else(|| {
            format!(
                "--round {n}: tệp chỉ có {} đợt giám sát — {}",
                d.rounds.len(),
                file.display()
            )
        })
}

fn user(by: Option<String>) -> String {
    match by.map(|b| crate::model::text::clean_line(&b)) {
        Some(b) if !b.is_empty() => b,
        _ => match crate::model::text::clean_line(&crate::settings::system_user_name()) {
            u if u.is_empty() => crate::i18n::Lang::Vi.texts().unknown_user.to_string(),
            u => u,
        },
    }
}

pub(super) fn issue(file: &Path, a: IssueArgs, out: &mut dyn Write) -> Result<(), String> {
    let at = |e: String| format!("{e} — {}", file.display());
    let date = cli_date("--date", &a.date)?;
    let mut kinds = Vec::new();
    for code in &a.docs {
        let kind = DocKind::from_code(code.trim())
            .filter(|k| *k != DocKind::TheoDoi)
            .ok_or_else(|| {
                format!(
                    "--docs: không có văn bản “{code}”; chọn trong thong-bao, bao-cao, ket-qua-theo-doi, tom-tat"
                )
            })?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if a.number.trim().is_empty() {
        return Err("--number: văn bản ban hành phải có số".into());
    }
    let mut session = open_for_writing(file, "ban hành")?;
    let round = round_of(&session, a.round, file)?;
    if round.draft_status == DraftStatus::Issued {
        return Err(at(format!(
            "đợt {} đã ban hành ngày {}; muốn ban hành lại thì mở khóa trước: giamsat unlock {} --round {} --reason \"…\"",
            a.round,
            round
                .issued_on
                .map(|d| d.format("%d/%m/%Y").to_string())
                .unwrap_or_default(),
            file.display(),
            a.round
        )));
    }
    let by = user(a.by);
    // A draft goes through review on its way, as in the window: the documents are rendered
    // from the data as it will be once reviewed, and nothing is stored unless both steps can.
    let mut review = round.clone();
    review.draft_status = DraftStatus::Review;
    let to_review = (round.draft_status == DraftStatus::Draft).then(|| {
        crate::session::Change::new(
            ChangeLabel::edit(|t| t.what_draft_status, ""),
            vec![Edit::update(
                Record::Round(round.clone()),
                Record::Round(review.clone()),
            )],
        )
    });
    let mut reviewed = session.dossier().clone();
    reviewed.put(Record::Round(review));
    let n = kinds.len();
    let ids = crate::print::issue::IssueIds {
        event: RoundEventId(session.new_id(Table::RoundEvents)),
        settings: (0..n)
            .map(|_| DocumentId(session.new_id(Table::Documents)))
            .collect(),
        issued: (0..n)
            .map(|_| IssuedDocumentId(session.new_id(Table::IssuedDocuments)))
            .collect(),
    };
    let req = crate::print::issue::IssueRequest {
        round: round.id,
        kinds,
        number: a.number,
        date,
        signer: a.signer,
        by,
        at: crate::session::now(),
        unit: a.unit,
        ids: ids.clone(),
    };
    let edits = crate::print::issue::issue_edits(&reviewed, &req).map_err(|e| at(e.to_string()))?;
    drop(reviewed);
    let vi = crate::i18n::Lang::Vi;
    if let Some(change) = to_review {
        session.apply(change).map_err(|e| at(e.message(vi)))?;
    }
    session
        .apply(crate::session::Change::new(
            ChangeLabel::edit(|t| t.what_draft_status, ""),
            edits,
        ))
        .map_err(|e| at(e.message(vi)))?;
    session
        .flush()
        .map_err(|e| at(e.message(crate::i18n::Lang::Vi)))?;
    let d = session.dossier();
    let mut s = format!(
        "Đã ban hành đợt {} ngày {}:\n",
        a.round,
        date.format("%d/%m/%Y")
    );
    for id in &ids.issued {
        if let Some(x) = d.issued_documents.iter().find(|x| x.id == *id) {
            s.push_str(&format!(
                "  {} {}: {} trang, PDF SHA-256 {}{}\n",
                crate::i18n::doc_label(x.kind, crate::i18n::Lang::Vi.texts()),
                x.number_text(crate::i18n::Lang::Vi),
                x.pages,
                x.pdf_sha256,
                if x.docx.is_some() {
                    ", có bản Word"
                } else {
                    ""
                }
            ));
        }
    }
    s.push_str(&format!("Bản đã ban hành lưu trong {}\n", file.display()));
    out.write_all(s.as_bytes()).map_err(io)
}

pub(super) fn unlock(
    file: &Path,
    round: u32,
    reason: &str,
    by: Option<String>,
    out: &mut dyn Write,
) -> Result<(), String> {
    let at = |e: String| format!("{e} — {}", file.display());
    if crate::model::text::clean_line(reason).is_empty() {
        return Err("--reason: mở khóa đợt đã ban hành phải ghi lý do".into());
    }
    let mut session = open_for_writing(file, "mở khóa")?;
    let r = round_of(&session, round, file)?;
    if r.draft_status != DraftStatus::Issued {
        return Err(at(format!(
            "đợt {round} chưa ban hành nên không cần mở khóa"
        )));
    }
    let name = format!(
        "Bản đã ban hành ngày {}",
        r.issued_on
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    );
    let change = session.unlock_change(&r, reason, &user(by), &name);
    session
        .apply(change)
        .map_err(|e| at(e.message(crate::i18n::Lang::Vi)))?;
    session
        .flush()
        .map_err(|e| at(e.message(crate::i18n::Lang::Vi)))?;
    writeln!(
        out,
        "Đã mở khóa đợt {round} để sửa; bản đã ban hành vẫn giữ nguyên trong {}",
        file.display()
    )
    .map_err(io)
}
