//! Validation of what records a history: the successions of areas, the events of rounds,
//! the attached files and the follow-up of recommendations.

use super::{Known, Validator, W_AREA, W_ROUND};
use crate::model::dossier::Dossier;
use crate::model::findings::RecommendationStatus;
use crate::model::record::RecordKey;
use std::collections::HashSet;

impl Validator {
    /// The map of former units: both ends exist and differ, a pair is written once, the date
    /// is a real one, and no unit ends up succeeding itself. Few lines: all are looked at
    /// when any is.
    pub(super) fn successions(&mut self, d: &Dossier, known: &Known) {
        if !d
            .successions
            .iter()
            .any(|x| self.wants(RecordKey::Succession(x.id)))
        {
            return;
        }
        self.unique("successions", d.successions.iter().map(|x| x.id));
        let mut pairs = HashSet::new();
        for (i, x) in d.successions.iter().enumerate() {
            let base = format!("successions[{i}]");
            self.reference(
                || format!("{base}.from_area_id"),
                &x.from_area_id,
                &known.areas,
                W_AREA,
            );
            self.reference(
                || format!("{base}.to_area_id"),
                &x.to_area_id,
                &known.areas,
                W_AREA,
            );
            self.date(format!("{base}.date"), Some(x.date));
            if x.from_area_id == x.to_area_id {
                self.push(
                    format!("{base}.to_area_id"),
                    "đơn vị không thể kế thừa chính nó",
                    "a unit cannot succeed itself",
                );
            } else if !pairs.insert((x.from_area_id, x.to_area_id)) {
                self.push(
                    format!("{base}.to_area_id"),
                    "cặp đơn vị cũ → mới này đã được ghi",
                    "this former → new pair is already recorded",
                );
            }
        }
        // A loop (A → B → A) would make "today's unit" undefined.
        let map = crate::model::area::SuccessionMap::new(&d.successions);
        for (i, x) in d.successions.iter().enumerate() {
            if x.from_area_id != x.to_area_id && map.reaches(x.to_area_id, x.from_area_id) {
                self.push(
                    format!("successions[{i}].to_area_id"),
                    "các dòng kế thừa tạo thành vòng lặp",
                    "the succession lines form a loop",
                );
            }
        }
    }

    /// The rounds' lock logs: each entry belongs to a round, says who, and an unlocking says
    /// why.
    pub(super) fn round_events(&mut self, d: &Dossier, known: &Known) {
        let items: Vec<_> = d
            .round_events
            .iter()
            .map(|e| (e.id, self.wants(RecordKey::RoundEvent(e.id))))
            .collect();
        self.unique_among("round_events", &items);
        for (i, e) in d.round_events.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("round_events[{i}]");
            self.reference(
                || format!("{base}.round_id"),
                &e.round_id,
                &known.rounds,
                W_ROUND,
            );
            self.non_empty(
                format!("{base}.recorded_by"),
                &e.recorded_by,
                ("Tên người ghi", "name of the one recording"),
            );
            if e.action == crate::model::round::LockAction::Unlocked {
                self.non_empty(
                    format!("{base}.reason"),
                    &e.reason,
                    ("Lý do mở khóa", "reason for unlocking"),
                );
            }
            self.date(format!("{base}.recorded_at"), Some(e.recorded_at.date()));
        }
    }

    /// Documents as issued: each belongs to a round, has its PDF, its pages and digests in
    /// shape. (Whether the bytes still match their digests is told by `check` and the print
    /// screen: one altered copy must not lock the staff out of the whole project.)
    pub(super) fn issued_documents(&mut self, d: &Dossier, known: &Known) {
        let items: Vec<_> = d
            .issued_documents
            .iter()
            .map(|x| (x.id, self.wants(RecordKey::IssuedDocument(x.id))))
            .collect();
        self.unique_among("issued_documents", &items);
        for (i, x) in d.issued_documents.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("issued_documents[{i}]");
            self.reference(
                || format!("{base}.round_id"),
                &x.round_id,
                &known.rounds,
                W_ROUND,
            );
            self.non_empty(
                format!("{base}.issued_by"),
                &x.issued_by,
                ("Tên người ban hành", "name of the one issuing"),
            );
            if x.pdf.is_empty() {
                self.push(
                    format!("{base}.pdf"),
                    "văn bản đã ban hành thiếu bản PDF",
                    "the issued document has no PDF",
                );
            }
            let hex = |s: &str| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit());
            if !hex(&x.pdf_sha256) || (x.docx.is_some() && !hex(&x.docx_sha256)) {
                self.push(
                    format!("{base}.pdf_sha256"),
                    "mã SHA-256 phải gồm 64 chữ số hệ 16",
                    "the SHA-256 must be 64 hexadecimal digits",
                );
            }
            if x.pages == 0 || x.pages > crate::model::issued::MAX_PAGES {
                self.push(
                    format!("{base}.pages"),
                    format!("số trang phải từ 1 đến {}", crate::model::issued::MAX_PAGES),
                    format!(
                        "the page count must be 1 to {}",
                        crate::model::issued::MAX_PAGES
                    ),
                );
            }
            if let Some(c) = x.corrects
                && !d.issued_documents.iter().any(|o| {
                    o.id == c && o.id < x.id && o.round_id == x.round_id && o.kind == x.kind
                })
            {
                self.push(
                    format!("{base}.corrects"),
                    format!(
                        "không có văn bản đã ban hành mã {c} cùng loại, cùng đợt, trước văn bản này"
                    ),
                    format!("there is no earlier issued document {c} of the same kind and round"),
                );
            }
            self.date(format!("{base}.date"), Some(x.date));
            self.date(format!("{base}.issued_at"), Some(x.issued_at.date()));
        }
    }

    /// Attached files: each belongs to a recommendation (and to one of its responses or
    /// history entries, if to any), has a name, a size within the limit and a SHA-256.
    pub(super) fn attachments(&mut self, d: &Dossier) {
        let items: Vec<_> = d
            .attachments
            .iter()
            .map(|a| (a.id, self.wants(RecordKey::Attachment(a.id))))
            .collect();
        self.unique_among("attachments", &items);
        for (i, a) in d.attachments.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("attachments[{i}]");
            let Some(r) = d.recommendation(a.recommendation_id) else {
                self.push(
                    format!("{base}.recommendation_id"),
                    format!("không có kiến nghị mã {}", a.recommendation_id),
                    format!("there is no recommendation {}", a.recommendation_id),
                );
                continue;
            };
            if let Some(x) = a.response_id
                && !r.responses.iter().any(|resp| resp.id == x)
            {
                self.push(
                    format!("{base}.response_id"),
                    format!("kiến nghị không có phản hồi mã {x}"),
                    format!("the recommendation has no response {x}"),
                );
            }
            if let Some(x) = a.event_id
                && !d
                    .events
                    .iter()
                    .any(|e| e.id == x && e.recommendation_id == r.id)
            {
                self.push(
                    format!("{base}.event_id"),
                    format!("lịch sử của kiến nghị không có lần cập nhật mã {x}"),
                    format!("the recommendation's history has no entry {x}"),
                );
            }
            self.non_empty(format!("{base}.name"), &a.name, ("Tên tệp", "file name"));
            if a.size > crate::model::findings::MAX_ATTACHMENT_BYTES {
                self.push(
                    format!("{base}.size"),
                    "tệp đính kèm vượt giới hạn 50 MB",
                    "the attached file is over the 50 MB limit",
                );
            }
            if a.sha256.len() != 64 || !a.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
                self.push(
                    format!("{base}.sha256"),
                    "mã SHA-256 phải gồm 64 chữ số hệ 16",
                    "the SHA-256 must be 64 hexadecimal digits",
                );
            }
            self.date(format!("{base}.received_on"), a.received_on);
            self.date(format!("{base}.document_date"), a.document_date);
        }
    }

    /// The follow-up history: each entry belongs to a recommendation and says what its status
    /// needs (how it was verified, which part was done, why not).
    pub(super) fn events(&mut self, d: &Dossier) {
        let items: Vec<_> = d
            .events
            .iter()
            .map(|e| (e.id, self.wants(RecordKey::Event(e.id))))
            .collect();
        self.unique_among("events", &items);
        for (i, e) in d.events.iter().enumerate() {
            if !items[i].1 {
                continue;
            }
            let base = format!("events[{i}]");
            let Some(r) = d.recommendation(e.recommendation_id) else {
                self.push(
                    format!("{base}.recommendation_id"),
                    format!("không có kiến nghị mã {}", e.recommendation_id),
                    format!("there is no recommendation {}", e.recommendation_id),
                );
                continue;
            };
            self.non_empty(
                format!("{base}.recorded_by"),
                &e.recorded_by,
                ("Tên người ghi", "name of the one recording"),
            );
            self.date(format!("{base}.date"), Some(e.date));
            self.date(format!("{base}.recorded_at"), Some(e.recorded_at.date()));
            use RecommendationStatus as S;
            if e.status == S::Done && e.method.is_none() {
                self.push(
                    format!("{base}.method"),
                    "xác nhận đã thực hiện phải ghi cách Mặt trận xác minh",
                    "a verification must say how the Front verified it",
                );
            }
            if e.method.is_some() && !e.status.is_done() {
                self.push(
                    format!("{base}.method"),
                    "cách xác minh chỉ ghi khi xác nhận đã thực hiện",
                    "a verification method belongs to a verified entry only",
                );
            }
            if e.status == S::NotAccepted && e.reason.is_none() {
                self.push(
                    format!("{base}.reason"),
                    "không tiếp thu phải ghi nguyên nhân",
                    "not accepted needs a reason",
                );
            }
            if e.status == S::PartlyDone {
                if e.amount_done_dong.is_none() && e.share_percent.is_none() {
                    self.push(
                        format!("{base}.share_percent"),
                        "thực hiện một phần phải ghi phần đã làm (số tiền hoặc tỷ lệ %)",
                        "partly done needs the part done (an amount or a percentage)",
                    );
                }
                if let Some(p) = e.share_percent
                    && !(1..=99).contains(&p)
                {
                    self.push(
                        format!("{base}.share_percent"),
                        format!("tỷ lệ đã thực hiện {p}% phải từ 1 đến 99%"),
                        format!("the share done, {p}%, must be from 1 to 99%"),
                    );
                }
                if let (Some(done), Some(total)) = (e.amount_done_dong, r.amount_dong)
                    && done >= total
                {
                    self.push(
                        format!("{base}.amount_done_dong"),
                        "số tiền đã thực hiện một phần phải nhỏ hơn số tiền kiến nghị",
                        "the amount partly done must be less than the amount recommended",
                    );
                }
            } else if e.amount_done_dong.is_some() || e.share_percent.is_some() {
                self.push(
                    format!("{base}.share_percent"),
                    "phần đã làm chỉ ghi khi thực hiện một phần",
                    "the part done belongs to a partly done entry only",
                );
            }
        }
    }
}
