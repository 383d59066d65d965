//! Tests of search, the figures quoted in sentences and the follow-up counts.

use super::*;
use crate::i18n::Lang;
use crate::model::*;
use crate::sample::{self, CHI_LANG, HUU_LUNG};

#[test]
fn search_finds_text_with_and_without_marks() {
    let d = sample::lang_son();
    let exact = search(&d, "Hữu Lũng", false, Lang::Vi);
    assert!(!exact.is_empty());
    assert!(
        search(&d, "huu lung", false, Lang::Vi).is_empty(),
        "with marks required, plain letters do not match"
    );
    let loose = search(&d, "huu lung", true, Lang::Vi);
    assert_eq!(loose.len(), exact.len());
    assert!(
        loose
            .iter()
            .any(|h| h.key == RecordKey::Conclusion(ConclusionId(3)))
    );
    assert!(
        search(&d, "TRÔNG CHỜ", false, Lang::Vi)
            .iter()
            .any(|h| h.key == RecordKey::Recommendation(RecommendationId(2)))
    );
    assert!(search(&d, "  ", true, Lang::Vi).is_empty());
}

#[test]
fn figures_for_sentences() {
    let d = sample::lang_son();
    let p = |area, from, to, kind| {
        figure_phrase(
            &d,
            (area, Period::new(from, to).unwrap(), kind),
            RoundView::Latest,
            MoneyUnit::Trieu,
            Lang::Vi,
        )
        .unwrap()
    };
    assert_eq!(
        p(HUU_LUNG, 2022, 2022, AllocationKind::Allocated).as_deref(),
        Some("468 triệu đồng")
    );
    assert_eq!(
        p(HUU_LUNG, 2023, 2023, AllocationKind::CarriedOver).as_deref(),
        Some("chưa có số liệu")
    );
    assert_eq!(
        p(CHI_LANG, 2022, 2023, AllocationKind::Allocated).as_deref(),
        Some("949 triệu đồng")
    );
    assert_eq!(
        p(CHI_LANG, 2022, 2022, AllocationKind::Allocated),
        None,
        "no invented 2022 share of a 2022–2023 total"
    );
}

#[test]
fn counts_by_addressee_and_status() {
    let mut d = sample::lang_son();
    d.recommendations[0].status = RecommendationStatus::Done;
    let counts = status_counts(&d);
    assert_eq!(counts.len(), 2);
    assert_eq!(
        counts[0],
        ("UBND huyện Hữu Lũng".to_string(), [2, 0, 0, 0, 1, 0, 0])
    );
}
