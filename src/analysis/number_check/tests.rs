//! Tests of the number check.

use super::read::*;
use super::*;

fn read(s: &str) -> Vec<(String, Option<(i128, i128)>)> {
    numbers(s)
        .iter()
        .map(|r| (s[r.start..r.end].to_string(), r.dong()))
        .collect()
}

#[test]
fn numbers_are_read_the_vietnamese_way_with_their_units() {
    assert_eq!(
        read("được 468 triệu đồng, rồi 4,68 tỷ và 1.234,5 nghìn đồng; 12.500 đồng"),
        vec![
            ("468 triệu đồng".into(), Some((468_000_000, 1_000_000))),
            ("4,68 tỷ".into(), Some((4_680_000_000, 10_000_000))),
            ("1.234,5 nghìn đồng".into(), Some((1_234_500, 100))),
            ("12.500 đồng".into(), Some((12_500, 1))),
        ]
    );
    // Dates, document numbers and codes are not amounts.
    assert!(
        read("Kế hoạch số 12/KH-MTTQ-BTT ngày 02/6/2023, Nghị định 30/2020/NĐ-CP, mã A1")
            .is_empty()
    );
    // English marks are not read as another number.
    assert!(read("1,234.5 triệu").is_empty());
    let p = numbers("đạt 95,2% kế hoạch");
    assert_eq!(p[0].unit, Unit::Percent);
}

fn with_cause(text: &str) -> Dossier {
    let mut d = crate::sample::lang_son();
    d.conclusions[0].text = text.to_string();
    d
}

#[test]
fn a_mistyped_amount_is_found_with_its_likely_source() {
    let d = with_cause("Năm 2022 huyện Hữu Lũng được phân bổ 486 triệu đồng.");
    let f = check_round(&d, RoundId(1), Lang::Vi);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, FindingKind::Unmatched);
    assert_eq!(f[0].written, "486 triệu đồng");
    assert_eq!(f[0].paragraph, 1);
    assert_eq!(f[0].text, "Đánh giá chung 1");
    assert!(
        f[0].message
            .contains("gần với vốn phân bổ 2022 huyện Hữu Lũng: 468"),
        "{}",
        f[0].message
    );
    // Written right, in any unit the writer chose, nothing to look at.
    for ok in [
        "Năm 2022 huyện Hữu Lũng được phân bổ 468 triệu đồng.",
        "Hai năm được 962 triệu đồng; Chi Lăng 0,949 tỷ đồng.",
        "Tổng cộng 1.911 triệu đồng.",
    ] {
        let f = check_round(&with_cause(ok), RoundId(1), Lang::Vi);
        assert!(f.is_empty(), "{ok}: {f:?}");
    }
}

#[test]
fn percentages_sums_and_years_follow_from_the_text_and_the_round() {
    let d = with_cause(
        "Năm 2023 được 494 triệu đồng, bằng 105,6% năm 2022 (468 triệu đồng).\nTổng hai năm là 972 triệu đồng, gồm 468 triệu đồng và 494 triệu đồng.\nNăm 2019 chưa triển khai.",
    );
    let f = check_round(&d, RoundId(1), Lang::Vi);
    let kinds: Vec<(FindingKind, usize, &str)> = f
        .iter()
        .map(|x| (x.kind, x.paragraph, x.written.as_str()))
        .collect();
    // 494/468 = 105,6%: right. 972 is no total of the round and not the sum beside it;
    // 2019 is outside the round's years.
    assert_eq!(
        kinds,
        vec![
            (FindingKind::Unmatched, 2, "972 triệu đồng"),
            (FindingKind::Sum, 2, "972 triệu đồng"),
            (FindingKind::Year, 3, "2019"),
        ],
        "{f:?}"
    );
    let d = with_cause("Năm 2023 được 494 triệu đồng, bằng 150% năm 2022 (468 triệu đồng).");
    let f = check_round(&d, RoundId(1), Lang::Vi);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].kind, FindingKind::Percent);
    assert!(f[0].message.contains("105,6%"), "{}", f[0].message);
}

#[test]
fn ordinary_vietnamese_is_not_taken_for_amounts_sums_or_years() {
    for ok in [
        "Đoàn giám sát gồm 07 đồng chí, đồng thời làm việc với 2 xã.",
        "Năm 2023 tỷ lệ hộ nghèo giảm 2,1%; tỷ trọng vốn tăng.",
        "Hỗ trợ 5 nghìn người, 1,2 triệu lượt; có 2000 hộ tham gia.",
        "Tổng hợp: năm 2022 được 468 triệu đồng, năm 2023 được 494 TRIỆU ĐỒNG, Chi Lăng 949 triệu đồng; cộng đồng tham gia.",
        "Thực hiện Chương trình giai đoạn 2021–2025 (Quyết định số 90/QĐ-TTg ngày 18/01/2022).",
        "Cộng hòa xã hội chủ nghĩa Việt Nam; 12.500 đồng bào được hỗ trợ.",
    ] {
        let f = check_round(&with_cause(ok), RoundId(1), Lang::Vi);
        assert!(f.is_empty(), "{ok}: {f:?}");
    }
    // Huge numbers are left alone, not overflowed.
    let f = check_round(
        &with_cause("Được 9.999.999.999.999.999.999.999.999 tỷ đồng."),
        RoundId(1),
        Lang::Vi,
    );
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn the_sample_reads_clean() {
    let d = crate::sample::lang_son();
    assert!(
        check_round(&d, RoundId(1), Lang::Vi).is_empty(),
        "{:?}",
        check_round(&d, RoundId(1), Lang::Vi)
    );
}
