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
    pub despite_check: bool,
}

/// One line of the number check: "Đợt 1 — Nguyên nhân 1, đoạn 2: 486 triệu đồng — …".
fn finding_line(round: &str, f: &crate::analysis::number_check::Finding) -> String {
    format!(
        "{round} — {}, đoạn {}: {} — {}",
        f.text, f.paragraph, f.written, f.message
    )
}

/// `giamsat check-text`: only what needs a look, one item per line; exit 0 either way.
pub(super) fn check_text(
    file: &Path,
    round: Option<u32>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), String> {
    let (_, d) = super::open_read_only(file)?;
    let rounds: Vec<RoundId> = match round {
        Some(n) => vec![crate::analysis::round_numbered(&d, n).ok_or_else(|| {
            format!(
                "--round {n}: tệp chỉ có {} đợt giám sát — {}",
                d.rounds.len(),
                file.display()
            )
        })?],
        None => crate::model::round::in_time(&d.rounds)
            .into_iter()
            .map(|r| r.id)
            .collect(),
    };
    let labels = crate::analysis::round_labels(&d, crate::i18n::Lang::Vi);
    let mut lines = Vec::new();
    let mut items = Vec::new();
    for r in rounds {
        let label = labels.get(&r).cloned().unwrap_or_default();
        for f in crate::analysis::number_check::check_round(&d, r, crate::i18n::Lang::Vi) {
            lines.push(finding_line(&label, &f));
            items.push(serde_json::json!({
                "round": label,
                "text": f.text,
                "paragraph": f.paragraph,
                "kind": f.kind,
                "written": f.written,
                "message": f.message,
            }));
        }
    }
    let text = if json {
        let mut s = serde_json::to_string_pretty(&items).map_err(|e| e.to_string())?;
        s.push('\n');
        s
    } else {
        lines.iter().map(|l| format!("{l}\n")).collect()
    };
    out.write_all(text.as_bytes()).map_err(io)
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
    let by = by
        .map(|b| crate::model::text::clean_line(&b))
        .filter(|b| !b.is_empty())
        .unwrap_or_else(crate::settings::system_user_name);
    crate::session::recorder(&by, crate::i18n::Lang::Vi.texts())
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
    // from the data as it will be once reviewed; an issuing refused takes the step back.
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
    // The number check first: issuing with items still open is said, and kept in the log.
    let findings =
        crate::analysis::number_check::check_round(&reviewed, round.id, crate::i18n::Lang::Vi);
    let label = crate::analysis::round_labels(&reviewed, crate::i18n::Lang::Vi)
        .get(&round.id)
        .cloned()
        .unwrap_or_default();
    if !findings.is_empty() && !a.despite_check {
        let list: Vec<String> = findings
            .iter()
            .map(|f| format!("  - {}", finding_line(&label, f)))
            .collect();
        return Err(at(format!(
            "kiểm tra số liệu còn {} điểm cần xem; chưa ban hành:\n{}\nSửa lại, hoặc thêm --despite-check để vẫn ban hành (ghi vào nhật ký khóa)",
            findings.len(),
            list.join("\n")
        )));
    }
    let check_note = if findings.is_empty() {
        String::new()
    } else {
        crate::analysis::number_check::lock_note(&findings)
    };
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
        check_note,
    };
    let edits = crate::print::issue::issue_edits(&reviewed, &req).map_err(|e| at(e.to_string()))?;
    drop(reviewed);
    let vi = crate::i18n::Lang::Vi;
    let stepped = to_review.is_some();
    if let Some(change) = to_review {
        session.apply(change).map_err(|e| at(e.message(vi)))?;
    }
    if let Err(e) = session.apply(crate::session::Change::new(
        ChangeLabel::edit(|t| t.what_draft_status, ""),
        edits,
    )) {
        // The step to review is taken back: a refused issuing leaves the round as it was.
        if stepped {
            let _ = session.undo();
        }
        let _ = session.flush();
        return Err(at(e.message(vi)));
    }
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
