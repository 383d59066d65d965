//! The settings of a printed document: who issues it, its number, place and date, who signs,
//! who receives it. Kept per round and kind of document, with defaults from the dossier so a
//! document can be printed before anything is set. Details the State format leaves to the
//! issuer (Nghị định 30/2020) are settings, not constants.

use super::ids::{DocumentId, RoundId};
use super::{Dossier, Round};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The documents GiamSat prints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// Thông báo kết luận giám sát.
    ThongBao,
    /// Báo cáo kết quả giám sát.
    BaoCao,
    /// Tóm tắt số liệu.
    TomTat,
    /// Danh sách theo dõi kiến nghị.
    TheoDoi,
    /// Báo cáo kết quả theo dõi việc thực hiện kiến nghị sau giám sát.
    KetQuaTheoDoi,
}

impl DocKind {
    pub const ALL: [DocKind; 5] = [
        DocKind::ThongBao,
        DocKind::BaoCao,
        DocKind::KetQuaTheoDoi,
        DocKind::TomTat,
        DocKind::TheoDoi,
    ];

    /// The name on the command line (`--doc thong-bao`).
    pub fn code(self) -> &'static str {
        match self {
            DocKind::ThongBao => "thong-bao",
            DocKind::BaoCao => "bao-cao",
            DocKind::TomTat => "tom-tat",
            DocKind::TheoDoi => "theo-doi",
            DocKind::KetQuaTheoDoi => "ket-qua-theo-doi",
        }
    }

    pub fn from_code(s: &str) -> Option<DocKind> {
        DocKind::ALL
            .into_iter()
            .find(|k| k.code() == s || k.db_code() == s)
    }

    /// The value stored in the file.
    pub fn db_code(self) -> &'static str {
        match self {
            DocKind::ThongBao => "thong_bao",
            DocKind::BaoCao => "bao_cao",
            DocKind::TomTat => "tom_tat",
            DocKind::TheoDoi => "theo_doi",
            DocKind::KetQuaTheoDoi => "ket_qua_theo_doi",
        }
    }

    /// The document type as printed in its title.
    pub fn title(self) -> &'static str {
        match self {
            DocKind::ThongBao => "THÔNG BÁO",
            DocKind::BaoCao | DocKind::KetQuaTheoDoi => "BÁO CÁO",
            DocKind::TomTat => "TÓM TẮT SỐ LIỆU",
            DocKind::TheoDoi => "DANH SÁCH THEO DÕI KIẾN NGHỊ",
        }
    }

    /// The abbreviation in the number line: TB, BC.
    pub fn abbreviation(self) -> &'static str {
        match self {
            DocKind::ThongBao => "TB",
            DocKind::BaoCao | DocKind::KetQuaTheoDoi => "BC",
            DocKind::TomTat | DocKind::TheoDoi => "",
        }
    }

    /// Whether Word copies are made of it.
    pub fn has_docx(self) -> bool {
        matches!(
            self,
            DocKind::ThongBao | DocKind::BaoCao | DocKind::KetQuaTheoDoi
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSettings {
    pub id: DocumentId,
    pub round_id: RoundId,
    pub kind: DocKind,
    /// "ỦY BAN MTTQ VIỆT NAM".
    pub parent_body: String,
    /// "TỈNH LẠNG SƠN".
    pub issuer: String,
    /// "BAN THƯỜNG TRỰC" (may be empty).
    pub issuer_sub: String,
    /// The number, "15"; empty leaves a blank to fill in by hand.
    pub number: String,
    /// "TB-MTTQ-BTT"; empty prints no number line.
    pub symbol: String,
    pub place: String,
    pub date: Option<NaiveDate>,
    /// The summary line under the title (trích yếu).
    pub summary: String,
    /// "TM. BAN THƯỜNG TRỰC" or "KT. CHỦ TỊCH".
    pub signer_authority: String,
    /// "CHỦ TỊCH" or "PHÓ CHỦ TỊCH".
    pub signer_title: String,
    pub signer_name: String,
    /// "Nơi nhận" lines, without the leading "- " and trailing ";".
    pub recipients: Vec<String>,
    /// The closing paragraph.
    pub closing: String,
}

fn upper(s: &str) -> String {
    s.to_uppercase()
}

impl DocumentSettings {
    /// Settings derived from the dossier and round, used until the user changes them.
    pub fn default_for(
        d: &Dossier,
        round: &Round,
        kind: DocKind,
        id: DocumentId,
    ) -> DocumentSettings {
        let body = if round.supervising_body.trim().is_empty() {
            &d.info.supervising_body
        } else {
            &round.supervising_body
        };
        // "Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn" → "ỦY BAN MTTQ VIỆT NAM" over "TỈNH LẠNG SƠN".
        let prefix = "Ủy ban MTTQ Việt Nam";
        let (parent, issuer) = match body.strip_prefix(prefix) {
            Some(rest) if !rest.trim().is_empty() => (upper(prefix), upper(rest.trim())),
            _ => (String::new(), upper(body.trim())),
        };
        let symbol = match kind.abbreviation() {
            "" => String::new(),
            abbr => format!("{abbr}-MTTQ-BTT"),
        };
        let what = round.title.trim();
        let summary = match kind {
            DocKind::ThongBao => format!(
                "Kết luận giám sát {}",
                lower_first(what.strip_prefix("Giám sát ").unwrap_or(what))
            ),
            DocKind::BaoCao => format!(
                "Kết quả giám sát {}",
                lower_first(what.strip_prefix("Giám sát ").unwrap_or(what))
            ),
            DocKind::KetQuaTheoDoi => format!(
                "Kết quả theo dõi việc thực hiện kiến nghị sau giám sát {}",
                lower_first(what.strip_prefix("Giám sát ").unwrap_or(what))
            ),
            DocKind::TomTat => what.to_string(),
            DocKind::TheoDoi => what.to_string(),
        };
        let mut recipients: Vec<String> = round.subjects.iter().map(|s| s.body.clone()).collect();
        if matches!(
            kind,
            DocKind::BaoCao | DocKind::ThongBao | DocKind::KetQuaTheoDoi
        ) {
            recipients.insert(
                0,
                "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam (để báo cáo)".into(),
            );
        }
        recipients.push("Lưu: VT".into());
        DocumentSettings {
            id,
            round_id: round.id,
            kind,
            parent_body: parent,
            issuer,
            issuer_sub: "BAN THƯỜNG TRỰC".into(),
            number: String::new(),
            symbol,
            place: d.info.place.clone(),
            date: None,
            summary,
            signer_authority: "TM. BAN THƯỜNG TRỰC".into(),
            signer_title: "CHỦ TỊCH".into(),
            signer_name: String::new(),
            recipients,
            closing: match kind {
                DocKind::ThongBao => "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh đề nghị các cơ quan, đơn vị quan tâm thực hiện các kiến nghị nêu trên và báo cáo kết quả thực hiện bằng văn bản.".into(),
                DocKind::KetQuaTheoDoi => "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh đề nghị các cơ quan, đơn vị tiếp tục thực hiện các kiến nghị chưa hoàn thành và báo cáo kết quả bằng văn bản; Mặt trận sẽ tiếp tục theo dõi, xác minh.".into(),
                _ => String::new(),
            },
        }
    }

    /// "Số: 15/TB-MTTQ-BTT" (numbers below 10 take a leading 0); `None` when there is no symbol.
    pub fn number_line(&self) -> Option<String> {
        if self.symbol.trim().is_empty() {
            return None;
        }
        let n = self.number.trim();
        let n = match n.parse::<u32>() {
            Ok(v) if v < 10 => format!("{v:02}"),
            _ if n.is_empty() => "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}".to_string(),
            _ => n.to_string(),
        };
        Some(format!("Số: {n}/{}", self.symbol.trim()))
    }

    /// "Lạng Sơn, ngày 05 tháng 7 năm 2023": the day below 10 and months 1–2 take a leading 0.
    pub fn date_line(&self) -> String {
        let place = self.place.trim();
        let date = match self.date {
            Some(d) => {
                use chrono::Datelike;
                let month = if d.month() <= 2 {
                    format!("{:02}", d.month())
                } else {
                    d.month().to_string()
                };
                format!("ngày {:02} tháng {month} năm {}", d.day(), d.year())
            }
            None => "ngày      tháng      năm 20…".to_string(),
        };
        if place.is_empty() {
            date
        } else {
            format!("{place}, {date}")
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_come_from_the_supervising_body() {
        let d = crate::sample::lang_son();
        let s = DocumentSettings::default_for(&d, &d.rounds[0], DocKind::ThongBao, DocumentId(1));
        assert_eq!(s.parent_body, "ỦY BAN MTTQ VIỆT NAM");
        assert_eq!(s.issuer, "TỈNH LẠNG SƠN");
        assert_eq!(s.symbol, "TB-MTTQ-BTT");
        assert!(
            s.summary
                .starts_with("Kết luận giám sát việc thực hiện Dự án 7"),
            "{}",
            s.summary
        );
        assert_eq!(s.recipients.last().map(String::as_str), Some("Lưu: VT"));
        assert!(s.recipients.contains(&"UBND huyện Hữu Lũng".to_string()));
    }

    #[test]
    fn number_and_date_lines_follow_the_state_format() {
        let d = crate::sample::lang_son();
        let mut s =
            DocumentSettings::default_for(&d, &d.rounds[0], DocKind::ThongBao, DocumentId(1));
        s.number = "5".into();
        assert_eq!(s.number_line().as_deref(), Some("Số: 05/TB-MTTQ-BTT"));
        s.number = "15".into();
        assert_eq!(s.number_line().as_deref(), Some("Số: 15/TB-MTTQ-BTT"));
        s.date = NaiveDate::from_ymd_opt(2023, 7, 5);
        assert_eq!(s.date_line(), "Lạng Sơn, ngày 05 tháng 7 năm 2023");
        s.date = NaiveDate::from_ymd_opt(2024, 2, 21);
        assert_eq!(s.date_line(), "Lạng Sơn, ngày 21 tháng 02 năm 2024");
        s.symbol.clear();
        assert_eq!(s.number_line(), None);
    }
}
