//! Printed documents: the text of each PDF in order, A4, fonts embedded, user text printed
//! literally, and the Word copies holding the same paragraphs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use giamsat::model::*;
use giamsat::print::{self, typeset};
use unicode_normalization::UnicodeNormalization;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 15).unwrap()
}

/// The sample with the notice numbered and dated, as staff would set it.
fn dossier() -> Dossier {
    let mut d = giamsat::sample::lang_son();
    for kind in [DocKind::ThongBao, DocKind::BaoCao] {
        let id = DocumentId(d.next_id(Table::Documents));
        let mut s = DocumentSettings::default_for(&d, &d.rounds[0], kind, id);
        s.number = "15".into();
        s.date = NaiveDate::from_ymd_opt(2023, 7, 5);
        s.signer_name = "Nguyễn Văn An".into();
        d.documents.push(s);
    }
    assert_eq!(d.validate(), vec![]);
    d
}

fn pdf_of(d: &Dossier, kind: DocKind) -> Vec<u8> {
    typeset::pdf(&print::build(d, None, kind, MoneyUnit::Trieu, today()).unwrap()).unwrap()
}

/// The text of a PDF, NFC, with runs of whitespace made single spaces.
fn text_of(pdf: &[u8]) -> String {
    let raw = pdf_extract::extract_text_from_mem(pdf).unwrap();
    let nfc: String = raw.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_in_order(text: &str, needles: &[&str]) {
    let mut at = 0;
    for n in needles {
        match text[at..].find(n) {
            Some(i) => at += i + n.len(),
            None => panic!("“{n}” missing (or out of order) after position {at} in:\n{text}"),
        }
    }
}

#[test]
fn the_notice_reads_in_the_official_order() {
    let text = text_of(&pdf_of(&dossier(), DocKind::ThongBao));
    assert_in_order(
        &text,
        &[
            "ỦY BAN MTTQ VIỆT NAM",
            "TỈNH LẠNG SƠN",
            "BAN THƯỜNG TRỰC",
            "Số: 15/TB-MTTQ-BTT",
            "THÔNG BÁO",
            "Kết luận giám sát việc thực hiện Dự án 7",
            "Ngày 21/06/2023",
            "I. KẾT QUẢ GIÁM SÁT",
            "1. Đánh giá chung",
            "2. Ưu điểm",
            "3. Hạn chế",
            "II. KIẾN NGHỊ",
            "1. Đối với UBND huyện Hữu Lũng, UBND huyện Chi Lăng:",
            "a) Tiếp tục tham mưu",
            "b) Chỉ đạo các phòng, ban chuyên môn",
            "c) Phối hợp tổ chức",
            "Nơi nhận:",
            "Lưu: VT.",
        ],
    );
    for s in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lạng Sơn, ngày 05 tháng 7 năm 2023",
        "TM. BAN THƯỜNG TRỰC",
        "CHỦ TỊCH",
        "Nguyễn Văn An",
    ] {
        assert!(text.contains(s), "missing {s}");
    }
}

#[test]
fn the_report_has_its_sections_table_and_chart() {
    let text = text_of(&pdf_of(&dossier(), DocKind::BaoCao));
    assert_in_order(
        &text,
        &[
            "BÁO CÁO",
            "Kết quả giám sát",
            "I. THÔNG TIN CHUNG",
            "Thành phần đoàn giám sát",
            "II. KẾT QUẢ GIÁM SÁT",
            "ĐVT: triệu đồng",
            "468",
            "494",
            "949",
            "Tổng cộng",
            "1.911",
            "Biểu đồ",
            "III. HẠN CHẾ, NGUYÊN NHÂN",
            "IV. KIẾN NGHỊ",
            "Nơi nhận:",
        ],
    );
    assert!(text.contains("Số: 15/BC-MTTQ-BTT"));
}

#[test]
fn the_signature_never_stands_alone_on_the_last_page() {
    // The sample report's signature does not fit below its last recommendation: that
    // recommendation moves over with it, as a clerk would arrange it in Word.
    for kind in [DocKind::ThongBao, DocKind::BaoCao] {
        let pdf = pdf_of(&dossier(), kind);
        let pages = pdf_extract::extract_text_from_mem_by_pages(&pdf).unwrap();
        let last: String = pages.last().unwrap().nfc().collect();
        let last = last.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(last.contains("Nơi nhận:"), "{kind:?}: {last}");
        assert!(
            last.contains("cán bộ làm công tác giảm nghèo"),
            "{kind:?}: the last page holds only the signature: {last}"
        );
    }
}

#[test]
fn the_summary_of_figures_keeps_periods_unknowns_and_the_total() {
    let text = text_of(&pdf_of(&dossier(), DocKind::TomTat));
    assert_in_order(
        &text,
        &[
            "TÓM TẮT SỐ LIỆU",
            "1. Vốn phân bổ",
            "ĐVT: triệu đồng",
            "Địa bàn 2022 2023 2022–2023 Tổng cộng",
            "huyện Hữu Lũng 468 494 – 962",
            "huyện Chi Lăng – – 949 949",
            "Tổng cộng 468 494 949 1.911",
        ],
    );
    assert_in_order(&text, &["2. Vốn năm trước chuyển sang", "chưa có số liệu"]);
    assert!(text.contains("“–”: báo cáo không nêu khoản này"), "{text}");
    assert!(text.contains("949 triệu đồng là tổng của cả giai đoạn 2022–2023"));
}

#[test]
fn the_follow_up_list_is_landscape_with_every_recommendation() {
    let pdf = pdf_of(&dossier(), DocKind::TheoDoi);
    let text = text_of(&pdf);
    assert_in_order(
        &text,
        &[
            "DANH SÁCH THEO DÕI KIẾN NGHỊ",
            "Cơ quan nhận",
            "Kiến nghị",
            "Thời hạn",
            "Trạng thái",
            "Phản hồi gần nhất",
            "Tiếp tục tham mưu",
            "Phối hợp tổ chức",
        ],
    );
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let (w, h) = page_size(&doc);
    assert!(
        (w - 841.89).abs() < 1.0 && (h - 595.28).abs() < 1.0,
        "{w}×{h}"
    );
}

fn page_size(doc: &lopdf::Document) -> (f64, f64) {
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let dict = doc.get_dictionary(page).unwrap();
    let mb = dict.get(b"MediaBox").unwrap().as_array().unwrap();
    let n = |o: &lopdf::Object| {
        o.as_float()
            .map(f64::from)
            .or_else(|_| o.as_i64().map(|v| v as f64))
            .unwrap()
    };
    (n(&mb[2]) - n(&mb[0]), n(&mb[3]) - n(&mb[1]))
}

#[test]
fn pages_are_a4_and_fonts_are_embedded() {
    for kind in [DocKind::ThongBao, DocKind::BaoCao, DocKind::TomTat] {
        let pdf = pdf_of(&dossier(), kind);
        let doc = lopdf::Document::load_mem(&pdf).unwrap();
        let (w, h) = page_size(&doc);
        assert!(
            (w - 595.28).abs() < 1.0 && (h - 841.89).abs() < 1.0,
            "{kind:?}: {w}×{h}"
        );
        // Every font has its file inside the PDF.
        let mut fonts = 0;
        let mut embedded = 0;
        for obj in doc.objects.values() {
            if let Ok(dict) = obj.as_dict()
                && dict.get(b"Type").ok().and_then(|t| t.as_name().ok())
                    == Some(b"FontDescriptor".as_slice())
            {
                fonts += 1;
                if dict.has(b"FontFile2") || dict.has(b"FontFile3") || dict.has(b"FontFile") {
                    embedded += 1;
                }
            }
        }
        assert!(
            fonts > 0 && fonts == embedded,
            "{kind:?}: {embedded} of {fonts} fonts embedded"
        );
        assert!(doc.get_pages().len() >= if kind == DocKind::ThongBao { 2 } else { 1 });
    }
}

#[test]
fn user_text_with_markup_characters_prints_literally() {
    let mut d = dossier();
    let tricky = r#"Kiểm tra *đậm* _nghiêng_ #set text(red) [ngoặc] $x^2$ \n `mã` <nhãn> @ref // không phải chú thích"#;
    d.conclusions[4].text = tricky.to_string();
    d.recommendations[0].addressees = vec!["UBND #huyện [Hữu Lũng]".into()];
    let text = text_of(&pdf_of(&d, DocKind::ThongBao));
    assert!(text.contains(tricky), "the text changed in print:\n{text}");
    assert!(text.contains("Đối với UBND #huyện [Hữu Lũng]"));
}

#[test]
fn the_word_copies_hold_the_same_paragraphs() {
    let d = dossier();
    for kind in [DocKind::ThongBao, DocKind::BaoCao] {
        let built = print::build(&d, None, kind, MoneyUnit::Trieu, today()).unwrap();
        let bytes = print::docx::docx(&built).unwrap();
        let docx = docx_rs::read_docx(&bytes).unwrap();
        let json = serde_json::to_string(&docx.document).unwrap();
        for b in &built.blocks {
            let expected = match b {
                print::Block::Heading { text }
                | print::Block::Subheading { text }
                | print::Block::Para { text } => text.clone(),
                print::Block::Item { label, text } => format!("{label} {text}"),
                _ => continue,
            };
            let escaped = serde_json::to_string(&expected).unwrap();
            assert!(
                json.contains(escaped.trim_matches('"')),
                "{kind:?}: the Word copy lacks “{expected}”"
            );
        }
        assert!(json.contains("Nơi nhận:") && json.contains("Times New Roman"));
        // The report's chart goes into Word as a picture (the notice has none).
        let has_picture = bytes.windows(11).any(|w| w == b"word/media/");
        assert_eq!(has_picture, kind == DocKind::BaoCao, "{kind:?}");
    }
    let summary = print::build(&d, None, DocKind::TomTat, MoneyUnit::Trieu, today()).unwrap();
    assert!(matches!(
        print::docx::docx(&summary),
        Err(print::PrintError::NoDocx)
    ));
}
