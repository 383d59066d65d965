//! Rules that depend on the state a change starts from, not only on where it ends: issued
//! text is read-only, and a document moves through draft → under review → issued.

use super::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RuleViolation {
    /// The round's documents are issued: their text may not change.
    IssuedText(RoundId),
    /// The document status may not go from one to the other.
    StatusStep(DraftStatus, DraftStatus),
    /// The follow-up history is only ever added to.
    HistoryIsKept,
    /// A document as issued is kept as it is: a correction is issued as a new one.
    IssuedCopyIsKept,
    /// A recommendation with a follow-up history or attached files, or one a later
    /// recommendation repeats, stays.
    RecommendationInUse(RecommendationId),
    /// The round's notice is issued: the figures it rests on are locked.
    LockedFigures(RoundId),
    /// An issued round is unlocked only with a reason on record.
    UnlockNeedsReason(RoundId),
    /// A response that files are attached to stays.
    ResponseHasFiles(ResponseId),
    /// Only a recommendation the Front has verified as done is closed.
    CloseBeforeVerified(RecommendationId),
}

impl RuleViolation {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        let vi = lang == crate::i18n::Lang::Vi;
        match self {
            RuleViolation::IssuedText(_) => if vi {
                "kết luận, kiến nghị của đợt giám sát này đã ban hành nên không sửa được nội dung; hãy tạo phiên bản mới để sửa"
            } else {
                "the conclusions and recommendations of this round are issued and cannot be changed; start a new version to edit them"
            }
            .into(),
            RuleViolation::HistoryIsKept => if vi {
                "lịch sử theo dõi chỉ được ghi thêm, không sửa hay xóa được; muốn đính chính thì ghi thêm một lần cập nhật"
            } else {
                "the follow-up history can only be added to, never changed or removed; to correct it, record a new update"
            }
            .into(),
            RuleViolation::IssuedCopyIsKept => if vi {
                "văn bản đã ban hành được lưu nguyên như đã ban hành, không sửa hay xóa được; muốn đính chính thì mở khóa đợt (ghi lý do) và ban hành văn bản mới có số của nó"
            } else {
                "an issued document is kept exactly as issued and cannot be changed or removed; to correct it, unlock the round (with a reason) and issue a new document with its own number"
            }
            .into(),
            RuleViolation::RecommendationInUse(_) => if vi {
                "kiến nghị này đã có lịch sử theo dõi, tệp minh chứng hoặc được một kiến nghị sau lặp lại nên không xóa được"
            } else {
                "this recommendation has a follow-up history, evidence files or is repeated by a later one, so it cannot be deleted"
            }
            .into(),
            RuleViolation::LockedFigures(_) => if vi {
                "số liệu này thuộc một đợt giám sát đã ban hành thông báo nên đã khóa; muốn sửa, hãy mở khóa đợt ở màn hình Kết luận, kiến nghị (ghi lý do)"
            } else {
                "these figures belong to a supervision round whose notice is issued, so they are locked; to change them, unlock the round on the drafting screen (with a reason)"
            }
            .into(),
            RuleViolation::ResponseHasFiles(_) => if vi {
                "phản hồi này có tệp minh chứng kèm theo nên không xóa được"
            } else {
                "evidence files are attached to this response, so it cannot be deleted"
            }
            .into(),
            RuleViolation::CloseBeforeVerified(_) => if vi {
                "chỉ kết thúc theo dõi kiến nghị đã được Mặt trận xác minh là đã thực hiện"
            } else {
                "only a recommendation the Front has verified as done can be closed"
            }
            .into(),
            RuleViolation::UnlockNeedsReason(_) => if vi {
                "đợt giám sát đã ban hành chỉ mở khóa được khi ghi lý do"
            } else {
                "an issued round can only be unlocked with a reason on record"
            }
            .into(),
            RuleViolation::StatusStep(a, b) => {
                if vi {
                    format!("không chuyển được trạng thái văn bản từ “{}” sang “{}”", a.code(), b.code())
                } else {
                    format!("the document cannot go from “{}” to “{}”", a.code(), b.code())
                }
            }
        }
    }
}

fn issued(d: &Dossier, round: RoundId) -> bool {
    d.rounds
        .iter()
        .any(|r| r.id == round && r.draft_status == DraftStatus::Issued)
}

/// A response `a` has and `b` no longer has, that files are attached to.
fn removed_response_with_files(
    d: &Dossier,
    a: &Recommendation,
    b: &Recommendation,
) -> Option<ResponseId> {
    a.responses
        .iter()
        .find(|x| {
            !b.responses.iter().any(|y| y.id == x.id)
                && d.attachments.iter().any(|f| f.response_id == Some(x.id))
        })
        .map(|x| x.id)
}

/// The last entry of a round's lock log.
fn last_lock_action(d: &Dossier, round: RoundId) -> Option<LockAction> {
    // By id, which only grows: a PC whose clock is behind cannot reorder the log.
    d.round_events
        .iter()
        .filter(|e| e.round_id == round)
        .max_by_key(|e| e.id)
        .map(|e| e.action)
}

/// The issued round whose figures `r` is among, if any: an allocation of one of the round's
/// projects, or an indicator value, in one of its supervised areas or below them. A figure
/// that names the round it was reported at is its own round's, and is among the figures of
/// the rounds after it (their documents rest on it until they are told otherwise), never of
/// the rounds before: a later round's report of the same areas is no edit of what an earlier
/// round issued.
pub fn locking_round(d: &Dossier, r: &Record) -> Option<RoundId> {
    let (area, project, own) = match r {
        Record::Allocation(a) => (a.area_id, Some(a.project_id), a.round_id),
        Record::IndicatorValue(v) => (v.area_id, None, None),
        _ => return None,
    };
    let in_time = super::round::in_time(&d.rounds);
    let own_place = own.and_then(|o| in_time.iter().position(|x| x.id == o));
    if let Some(p) = own_place
        && in_time[p].draft_status == DraftStatus::Issued
    {
        return Some(in_time[p].id);
    }
    in_time
        .iter()
        .enumerate()
        .filter(|(i, x)| x.draft_status == DraftStatus::Issued && own_place.is_none_or(|p| *i > p))
        .map(|(_, x)| *x)
        .find(|x| {
            project.is_none_or(|p| x.project_ids.contains(&p))
                && x.subjects.iter().filter_map(|s| s.area_id).any(|s| {
                    // The area itself or one of its ancestors (bounded: areas form a tree).
                    let mut at = Some(area);
                    for _ in 0..16 {
                        match at {
                            Some(a) if a == s => return true,
                            Some(a) => at = d.area(a).and_then(|x| x.parent_id),
                            None => return false,
                        }
                    }
                    false
                })
        })
        .map(|x| x.id)
}

/// What follow-up may still change on an issued recommendation: its status and responses (kind,
/// amount and the earlier one it repeats are part of what was issued).
fn drafted_part(r: &Recommendation) -> Recommendation {
    Recommendation {
        status: RecommendationStatus::Open,
        responses: vec![],
        ..r.clone()
    }
}

/// Checks one edit against the dossier it applies to.
pub fn check_edit(d: &Dossier, edit: &Edit) -> Result<(), RuleViolation> {
    for r in [&edit.before, &edit.after].into_iter().flatten() {
        if let Some(round) = locking_round(d, r) {
            return Err(RuleViolation::LockedFigures(round));
        }
    }
    match (&edit.before, &edit.after) {
        (Some(Record::Event(_)), _) | (Some(Record::RoundEvent(_)), _) => {
            Err(RuleViolation::HistoryIsKept)
        }
        (Some(Record::IssuedDocument(_)), _) => Err(RuleViolation::IssuedCopyIsKept),
        (Some(Record::Recommendation(a)), Some(Record::Recommendation(b)))
            if b.status == RecommendationStatus::Closed
                && !matches!(
                    a.status,
                    RecommendationStatus::Done | RecommendationStatus::Closed
                ) =>
        {
            Err(RuleViolation::CloseBeforeVerified(b.id))
        }
        (Some(Record::Recommendation(a)), Some(Record::Recommendation(b)))
            if let Some(gone) = removed_response_with_files(d, a, b) =>
        {
            Err(RuleViolation::ResponseHasFiles(gone))
        }
        (Some(Record::Round(a)), Some(Record::Round(b)))
            if a.draft_status == DraftStatus::Issued
                && b.draft_status != DraftStatus::Issued
                && last_lock_action(d, b.id) != Some(LockAction::Unlocked) =>
        {
            Err(RuleViolation::UnlockNeedsReason(b.id))
        }
        (Some(Record::Recommendation(r)), None)
            if d.events.iter().any(|e| e.recommendation_id == r.id)
                || d.attachments.iter().any(|a| a.recommendation_id == r.id)
                || d.recommendations.iter().any(|x| x.repeats == Some(r.id)) =>
        {
            Err(RuleViolation::RecommendationInUse(r.id))
        }
        (Some(Record::Conclusion(c)), _) | (None, Some(Record::Conclusion(c)))
            if issued(d, c.round_id) =>
        {
            Err(RuleViolation::IssuedText(c.round_id))
        }
        (Some(Record::Conclusion(_)), Some(Record::Conclusion(c))) if issued(d, c.round_id) => {
            Err(RuleViolation::IssuedText(c.round_id))
        }
        (Some(Record::Recommendation(a)), Some(Record::Recommendation(b))) => {
            if (issued(d, a.round_id) || issued(d, b.round_id))
                && drafted_part(a) != drafted_part(b)
            {
                Err(RuleViolation::IssuedText(b.round_id))
            } else {
                Ok(())
            }
        }
        (Some(Record::Recommendation(r)), None) | (None, Some(Record::Recommendation(r)))
            if issued(d, r.round_id) =>
        {
            Err(RuleViolation::IssuedText(r.round_id))
        }
        (Some(Record::Round(a)), Some(Record::Round(b)))
            if a.draft_status != b.draft_status && !a.draft_status.can_become(b.draft_status) =>
        {
            Err(RuleViolation::StatusStep(a.draft_status, b.draft_status))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    fn issue(d: &mut Dossier) {
        d.rounds[0].draft_status = DraftStatus::Issued;
    }

    #[test]
    fn issued_text_is_read_only_but_follow_up_goes_on() {
        let mut d = sample::lang_son();
        issue(&mut d);
        let before = d.recommendations[0].clone();
        let mut text = before.clone();
        text.text.push_str(" Thêm.");
        let e = Edit::update(
            Record::Recommendation(before.clone()),
            Record::Recommendation(text),
        );
        assert_eq!(
            check_edit(&d, &e),
            Err(RuleViolation::IssuedText(RoundId(1)))
        );
        let mut followed = before.clone();
        followed.status = RecommendationStatus::InProgress;
        followed.responses.push(Response {
            id: ResponseId(1),
            date: chrono::NaiveDate::from_ymd_opt(2023, 12, 1).unwrap(),
            text: "Đã tổ chức 2 lớp bồi dưỡng".into(),
            evidence: String::new(),
        });
        let e = Edit::update(
            Record::Recommendation(before),
            Record::Recommendation(followed),
        );
        assert_eq!(check_edit(&d, &e), Ok(()));
        let c = Edit::delete(Record::Conclusion(d.conclusions[0].clone()));
        assert!(check_edit(&d, &c).is_err());
    }

    #[test]
    fn status_moves_one_step_at_a_time() {
        let d = sample::lang_son();
        let r = d.rounds[0].clone();
        let step = |from: DraftStatus, to: DraftStatus| {
            let mut a = r.clone();
            a.draft_status = from;
            let mut b = r.clone();
            b.draft_status = to;
            check_edit(&d, &Edit::update(Record::Round(a), Record::Round(b)))
        };
        assert!(step(DraftStatus::Draft, DraftStatus::Review).is_ok());
        assert!(step(DraftStatus::Review, DraftStatus::Issued).is_ok());
        assert!(step(DraftStatus::Draft, DraftStatus::Issued).is_err());
        assert!(step(DraftStatus::Issued, DraftStatus::Review).is_err());
        // Reopening an issued round needs an unlocking, with its reason, on the lock log.
        assert_eq!(
            step(DraftStatus::Issued, DraftStatus::Draft),
            Err(RuleViolation::UnlockNeedsReason(r.id))
        );
        let mut unlocked = d.clone();
        unlocked.round_events.push(RoundEvent {
            id: RoundEventId(1),
            round_id: r.id,
            recorded_at: chrono::NaiveDate::from_ymd_opt(2024, 1, 2)
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .unwrap(),
            recorded_by: "Hoàng Thị Lan".into(),
            action: LockAction::Unlocked,
            reason: "Sửa số liệu".into(),
        });
        let mut a = r.clone();
        a.draft_status = DraftStatus::Issued;
        let b = r.clone();
        assert!(check_edit(&unlocked, &Edit::update(Record::Round(a), Record::Round(b))).is_ok());
    }
}
