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

/// The notice with a conclusion typed as two paragraphs.
fn two_paragraph_notice() -> (Dossier, print::PrintDoc) {
    let mut d = dossier();
    d.conclusions[0].text =
        "Cấp ủy, chính quyền hai huyện đã quan tâm lãnh đạo.\nĐoạn thứ hai: kế hoạch được triển khai kịp thời."
            .into();
    let built = print::build(&d, None, DocKind::ThongBao, MoneyUnit::Trieu, today()).unwrap();
    (d, built)
}

#[test]
fn the_word_copy_keeps_paragraphs_headings_page_numbers_and_the_signature_together() {
    let (_, built) = two_paragraph_notice();
    let bytes = print::docx::docx(&built).unwrap();
    let docx = docx_rs::read_docx(&bytes).unwrap();
    let paragraphs: Vec<&docx_rs::Paragraph> = docx
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Paragraph(p) => Some(&**p),
            _ => None,
        })
        .collect();
    let find = |text: &str| {
        paragraphs
            .iter()
            .find(|p| p.raw_text() == text)
            .unwrap_or_else(|| panic!("no paragraph “{text}”"))
    };
    // Two paragraphs, as in the PDF, not one run "…lãnh đạo.Đoạn thứ hai…".
    find("Cấp ủy, chính quyền hai huyện đã quan tâm lãnh đạo.");
    find("Đoạn thứ hai: kế hoạch được triển khai kịp thời.");
    // A heading stays with what follows it.
    assert_eq!(find("II. KIẾN NGHỊ").property.keep_next, Some(true));
    // Page numbers in the header from page 2: a first-page header of its own, empty.
    let section = &docx.document.section_property;
    assert!(section.title_pg, "the first page has its own header");
    let header = serde_json::to_string(&section.header).unwrap();
    assert!(
        header.contains("PAGE"),
        "the header holds the page number: {header}"
    );
    // The header block and the signature block are tables of fixed widths whose one row
    // cannot split across pages.
    let tables: Vec<String> = docx
        .document
        .children
        .iter()
        .filter_map(|c| match c {
            docx_rs::DocumentChild::Table(t) => Some(serde_json::to_string(t).unwrap()),
            _ => None,
        })
        .collect();
    let national = tables
        .iter()
        .find(|t| t.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        .unwrap();
    // 103 mm for the national title and motto (about 95 mm at 13 pt bold).
    assert!(national.contains("\"width\":5839"), "{national}");
    let xml = document_xml(&bytes);
    assert!(
        xml.contains("<w:tblLayout w:type=\"fixed\""),
        "fixed widths"
    );
    let signature_at = xml.find("Nơi nhận:").unwrap();
    let row_start = xml[..signature_at].rfind("<w:tr").unwrap();
    assert!(
        xml[row_start..signature_at].contains("<w:cantSplit"),
        "the signature block's row never splits across pages"
    );
}

/// The main XML part of a Word file.
fn document_xml(docx: &[u8]) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// LibreOffice, where it is installed (CI installs it): `soffice`.
fn soffice() -> Option<std::path::PathBuf> {
    let names: &[&str] = if cfg!(windows) {
        &["soffice.exe", "soffice.com"]
    } else {
        &["soffice", "libreoffice"]
    };
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
            .find(|p| p.is_file())
    })
}

/// A Word file opened in LibreOffice and saved as PDF: the text of its pages.
fn libreoffice_pages(soffice: &std::path::Path, docx_bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("thong-bao.docx");
    std::fs::write(&docx, docx_bytes).unwrap();
    let profile = dir.path().join("profile");
    let o = std::process::Command::new(soffice)
        .arg({
            // A file URL: file:///tmp/… on Unix, file:///C:/… on Windows.
            let p = profile.display().to_string().replace('\\', "/");
            let p = p.trim_start_matches('/');
            format!("-env:UserInstallation=file:///{p}")
        })
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    let pdf = std::fs::read(dir.path().join("thong-bao.pdf")).unwrap_or_else(|e| {
        panic!(
            "LibreOffice made no PDF ({e}): {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    pdf_extract::extract_text_from_mem_by_pages(&pdf)
        .unwrap()
        .into_iter()
        .map(|p| p.nfc().collect())
        .collect()
}

/// Every control character, the two non-characters XML 1.0 forbids, and the line and page
/// breaks Word puts in copied text — between Vietnamese words.
fn pasted_from_word() -> String {
    let mut s = String::from("Cấp ủy\u{0B}quan tâm\u{0C}lãnh đạo.\r\nĐoạn hai\u{2029}");
    for c in (0u32..0x20).chain(0x7F..0xA0).chain([0xFFFE, 0xFFFF]) {
        s.push(char::from_u32(c).unwrap());
        s.push('x');
    }
    s.push_str(" hết.");
    s
}

/// A notice whose conclusion holds `text`, imported from JSON as a colleague's file would be.
fn notice_with_imported(text: &str) -> print::PrintDoc {
    let mut d = dossier();
    d.conclusions[0].text = text.to_string();
    d.recommendations[0].text = text.to_string();
    let d = giamsat::exchange::from_json(&giamsat::exchange::to_json(&d)).unwrap();
    print::build(&d, None, DocKind::ThongBao, MoneyUnit::Trieu, today()).unwrap()
}

/// Text pasted from Word (Shift+Enter is U+000B) reaches a colleague's project, then its
/// Word copy: the copy is well-formed XML, Shift+Enter became a new paragraph, and the rest
/// of the text is all there.
#[test]
fn text_pasted_from_word_makes_a_word_copy_word_can_open() {
    let built = notice_with_imported(&pasted_from_word());
    let xml = document_xml(&print::docx::docx(&built).unwrap());
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("document.xml is not well-formed XML: {e}"));
    let paragraphs: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("p"))
        .map(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name("t"))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect();
    for line in ["Cấp ủy", "quan tâm", "lãnh đạo.", "Đoạn hai"] {
        assert!(
            paragraphs.iter().any(|p| p.ends_with(line)),
            "“{line}” is a paragraph of its own: {paragraphs:?}"
        );
    }
    assert!(
        paragraphs
            .iter()
            .any(|p| p.contains("xxxxxxxx") && p.ends_with("x hết.")),
        "{paragraphs:?}"
    );
}

/// A project made before GiamSat cleaned what was pasted may hold such text already: its Word
/// copy is well-formed too.
#[test]
fn text_stored_before_cleaning_still_makes_a_well_formed_word_copy() {
    let mut d = dossier();
    d.conclusions[0].text = pasted_from_word();
    let built = print::build(&d, None, DocKind::ThongBao, MoneyUnit::Trieu, today()).unwrap();
    let xml = document_xml(&print::docx::docx(&built).unwrap());
    roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("document.xml is not well-formed XML: {e}"));
}

#[test]
fn a_word_copy_of_text_pasted_from_word_opens_in_libreoffice() {
    let Some(soffice) = soffice() else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let pages = libreoffice_pages(
        &soffice,
        &print::docx::docx(&notice_with_imported(&pasted_from_word())).unwrap(),
    );
    let all = pages.join("\n");
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("lãnh đạo."), "{flat}");
    assert!(flat.contains("x hết."), "{flat}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    /// Whatever text a colleague's file brings, in a conclusion, a recommendation or the
    /// document's own fields, the Word copy is well-formed XML.
    #[test]
    fn any_text_makes_a_well_formed_word_copy(
        text in proptest::prop_oneof![
            proptest::prelude::any::<String>(),
            // What arbitrary Unicode seldom holds: control characters, the non-characters and
            // the breaks Word and other programs put in text, among Vietnamese letters.
            "(?s)[\\x00-\\x1F\\x7F-\\x9F\u{FFFE}\u{FFFF}\u{2028}\u{2029}a-zđăâêôơưạếờ .]{0,60}",
        ]
    ) {
        let mut d = dossier();
        d.conclusions[0].text = text.clone();
        d.recommendations[0].text = text.clone();
        d.recommendations[0].addressees = vec![text.clone()];
        d.documents[0].summary = text.clone();
        d.documents[0].recipients = vec![text.clone()];
        d.documents[0].signer_name = text.clone();
        // Imported (cleaned), and as an older file may hold it (not cleaned).
        let imported = giamsat::exchange::from_json(&giamsat::exchange::to_json(&d));
        for d in imported.into_iter().chain([d]) {
            let built = print::build(&d, None, DocKind::ThongBao, MoneyUnit::Trieu, today()).unwrap();
            let xml = document_xml(&print::docx::docx(&built).unwrap());
            if let Err(e) = roxmltree::Document::parse(&xml) {
                return Err(proptest::test_runner::TestCaseError::fail(format!("{e} for {text:?}")));
            }
        }
    }
}

#[test]
fn the_word_copy_opened_in_libreoffice_lays_out_as_the_pdf_does() {
    let Some(soffice) = soffice() else {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let (_, built) = two_paragraph_notice();
    let pages = libreoffice_pages(&soffice, &print::docx::docx(&built).unwrap());
    assert!(pages.len() >= 2, "the notice takes more than one page");
    let lines = |page: &str| -> Vec<String> {
        page.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect()
    };
    let first = lines(&pages[0]);
    assert!(
        first
            .iter()
            .any(|l| l.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        "the national title on one line: {first:?}"
    );
    assert!(
        !first.iter().any(|l| l.trim() == "1"),
        "no page number on page 1"
    );
    for (i, page) in pages.iter().enumerate().skip(1) {
        let l = lines(page);
        assert_eq!(
            l.first().map(String::as_str),
            Some((i + 1).to_string().as_str()),
            "page {} starts with its number",
            i + 1
        );
    }
    let all: String = pages.join("\n");
    let flat = all.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("lãnh đạo. Đoạn thứ hai"), "{flat}");
    assert!(
        !flat.contains("lãnh đạo.Đoạn"),
        "two paragraphs, not one run"
    );
    for (i, page) in pages.iter().enumerate() {
        let l = lines(page);
        let last = l.last().map(String::as_str).unwrap_or_default();
        for heading in built.blocks.iter().filter_map(|b| match b {
            print::Block::Heading { text } | print::Block::Subheading { text } => Some(text),
            _ => None,
        }) {
            assert_ne!(last, heading, "page {} ends with a heading", i + 1);
        }
    }
    let signature_page = pages
        .iter()
        .position(|p| p.contains("TM. BAN THƯỜNG TRỰC"))
        .unwrap();
    assert!(
        pages[signature_page].contains("Nơi nhận:")
            && pages[signature_page].contains("Nguyễn Văn An"),
        "the signature block stays on one page"
    );
}

/// The sample after a year of follow-up: a financial recommendation of 500 million partly done
/// (350 million), one verified at a site visit, one refused; the second repeated in a later
/// round.
fn followed() -> Dossier {
    let mut d = dossier();
    let day = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    d.rounds[0].draft_status = DraftStatus::Issued;
    d.rounds[0].issued_on = Some(day(2023, 7, 10));
    d.recommendations[0].kind = RecommendationKind::Financial;
    d.recommendations[0].amount_dong = Some(Dong::from_trieu(500).unwrap());
    d.recommendations[0].deadline = Some(day(2023, 12, 31));
    d.recommendations[1].kind = RecommendationKind::Organisation;
    d.recommendations[2].kind = RecommendationKind::Policy;
    let entry = |id: i64, rec: usize, status: RecommendationStatus| {
        FollowUpEvent::new(
            EventId(id),
            d.recommendations[rec].id,
            status,
            day(2024, 1, 9),
            day(2024, 1, 10).and_hms_opt(9, 0, 0).unwrap(),
            "Hoàng Thị Lan",
        )
    };
    let mut partly = entry(1, 0, RecommendationStatus::PartlyDone);
    partly.amount_done_dong = Some(Dong::from_trieu(350).unwrap());
    partly.reason = Some(NotDoneReason::Objective);
    partly.explanation = "Chưa nhận đủ vốn từ Trung ương".into();
    let mut done = entry(2, 1, RecommendationStatus::Done);
    done.method = Some(VerifyMethod::SiteVisit);
    done.verifier = "Nguyễn Văn Bình".into();
    let mut refused = entry(3, 2, RecommendationStatus::NotAccepted);
    refused.reason = Some(NotDoneReason::Addressee);
    d.events = vec![partly, done, refused];
    d.recommendations[0].status = RecommendationStatus::PartlyDone;
    d.recommendations[1].status = RecommendationStatus::Done;
    d.recommendations[2].status = RecommendationStatus::NotAccepted;
    let mut later = d.rounds[0].clone();
    later.id = RoundId(2);
    later.title = "Giám sát lại năm 2024".into();
    later.draft_status = DraftStatus::Draft;
    later.issued_on = None;
    later.subjects.clear();
    later.members.clear();
    later.sessions.clear();
    d.rounds.push(later);
    let mut again = d.recommendations[0].clone();
    again.id = RecommendationId(10);
    again.round_id = RoundId(2);
    again.status = RecommendationStatus::Open;
    again.repeats = Some(d.recommendations[0].id);
    d.recommendations.push(again);
    assert_eq!(d.validate(), vec![]);
    d
}

#[test]
fn the_follow_up_report_gives_rates_bodies_what_remains_and_repeats() {
    let d = followed();
    let pdf = pdf_of(&d, DocKind::KetQuaTheoDoi);
    let text = text_of(&pdf);
    assert_in_order(
        &text,
        &[
            "BÁO CÁO",
            "Kết quả theo dõi việc thực hiện kiến nghị sau giám sát",
            "đã ban hành Thông báo số 15/TB-MTTQ-BTT ngày 10/07/2023 với 3 kiến nghị",
            "I. KẾT QUẢ CHUNG",
            "Tổng số: đã thực hiện 1,7/3 kiến nghị (56,7%); 350/500 triệu đồng (70%).",
            "không tiếp thu 1",
            "Tài chính: đã thực hiện 0,7/1 kiến nghị (70%); 350/500 triệu đồng (70%).",
            "Cách tính:",
            "II. KẾT QUẢ THEO TỪNG CƠ QUAN",
            "1. UBND huyện Hữu Lũng:",
            "Loại, số tiền",
            "Xác minh",
            "Tài chính: 500 triệu đồng",
            "Kiểm tra thực tế ngày 09/01/2024 (Nguyễn Văn Bình)",
            "III. NHỮNG KIẾN NGHỊ CHƯA THỰC HIỆN XONG",
            "thực hiện một phần: Tiếp tục tham mưu",
            "đã quá hạn",
            "Đã thực hiện 350 triệu đồng, do điều kiện khách quan. Chưa nhận đủ vốn từ Trung ương.",
            "IV. KIẾN NGHỊ LẶP LẠI",
            "được nhắc lại tại đợt “Giám sát lại năm 2024”",
            "Nơi nhận:",
            "TM. BAN THƯỜNG TRỰC",
            // The history follows the signature, as an appendix.
            "PHỤ LỤC: LỊCH SỬ THEO DÕI TỪNG KIẾN NGHỊ",
            "09/01/2024",
            "Thực hiện một phần",
            "Chưa nhận đủ vốn từ Trung ương",
            "Hoàng Thị Lan (10/01/2024 09:00)",
        ],
    );
    // The refused one is done with; it is not listed as remaining.
    let remaining = &text[text.find("III. NHỮNG").unwrap()..text.find("IV. KIẾN").unwrap()];
    assert!(!remaining.contains("Phối hợp tổ chức"), "{remaining}");
    // The Word copy holds the same paragraphs.
    let built = print::build(&d, None, DocKind::KetQuaTheoDoi, MoneyUnit::Trieu, today()).unwrap();
    let bytes = print::docx::docx(&built).unwrap();
    let json = serde_json::to_string(&docx_rs::read_docx(&bytes).unwrap().document).unwrap();
    assert!(json.contains("KẾT QUẢ THEO TỪNG CƠ QUAN"));
    assert!(json.contains("Kiểm tra thực tế ngày 09/01/2024 (Nguyễn Văn Bình)"));
    assert!(json.contains("PHỤ LỤC: LỊCH SỬ THEO DÕI TỪNG KIẾN NGHỊ"));
}

#[test]
fn the_follow_up_list_says_kind_amount_and_how_it_was_verified() {
    let text = text_of(&pdf_of(&followed(), DocKind::TheoDoi));
    assert_in_order(
        &text,
        &[
            "Loại, số tiền",
            "Xác minh",
            "Tiếp tục tham mưu",
            "Tài chính: 500 triệu đồng",
            "Thực hiện một phần",
            "Chưa xác minh",
            "Chỉ đạo các phòng",
            "Tổ chức, trách nhiệm",
            "Kiểm tra thực tế ngày 09/01/2024 (Nguyễn Văn Bình)",
        ],
    );
}
