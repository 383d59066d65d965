//! Tests of the dossier's validation and text normalization.

use super::*;
use crate::model::*;
use crate::sample;

fn paths(d: &Dossier) -> Vec<String> {
    d.validate().into_iter().map(|p| p.path).collect()
}

#[test]
fn references_must_exist() {
    let mut d = sample::lang_son();
    d.allocations[1].area_id = AreaId(99);
    d.recommendations[0].area_ids.push(AreaId(98));
    d.conclusions[0].round_id = RoundId(5);
    assert_eq!(
        paths(&d),
        vec![
            "allocations[1].area_id",
            "conclusions[0].round_id",
            "recommendations[0].area_ids[2]"
        ]
    );
}

#[test]
fn a_recommendation_needs_an_addressee() {
    let mut d = sample::lang_son();
    d.recommendations[1].addressees.clear();
    d.recommendations[2].addressees = vec!["  ".into()];
    let problems = d.validate();
    assert_eq!(problems[0].path, "recommendations[1].addressees");
    assert!(problems[0].message.contains("ít nhất một"));
    assert_eq!(problems[1].path, "recommendations[2].addressees[0]");
}

#[test]
fn area_tree_must_go_downwards_and_not_loop() {
    let mut d = sample::lang_son();
    // A province under a district.
    d.areas[0].parent_id = Some(sample::HUU_LUNG);
    let p = d.validate();
    assert!(
        p.iter()
            .any(|p| p.path == "areas[0].parent_id" && p.message.contains("cấp dưới"))
    );
    assert!(p.iter().any(|p| p.message.contains("vòng lặp")));
}

#[test]
fn duplicate_ids_and_bad_years_are_found() {
    let mut d = sample::lang_son();
    d.allocations[3].id = d.allocations[0].id;
    d.areas[1].valid_from = Some(2030);
    d.areas[2].valid_to = Some(1800);
    d.rounds[0].end_date = chrono::NaiveDate::from_ymd_opt(2023, 6, 1);
    let p = paths(&d);
    assert!(p.contains(&"allocations[3].id".to_string()));
    assert!(p.contains(&"areas[1].valid_from".to_string()), "{p:?}");
    assert!(p.contains(&"areas[2].valid_to".to_string()));
    assert!(p.contains(&"rounds[0].start_date".to_string()));
}

#[test]
fn indicator_values_must_fit_their_indicator() {
    let mut d = sample::lang_son();
    d.indicator_values[2].value = Measure::Number(Quantity::from_milli(1000));
    assert_eq!(paths(&d), vec!["indicator_values[2].value"]);
}

#[test]
fn pasted_decomposed_text_is_stored_composed() {
    use unicode_normalization::UnicodeNormalization;
    let mut d = sample::lang_son();
    d.areas[1].name = format!(" {} ", "Hữu Lũng".nfd().collect::<String>());
    d.recommendations[0].text = "Đề nghị".nfd().collect();
    d.normalize();
    assert_eq!(d.areas[1].name, "Hữu Lũng");
    assert_eq!(d.recommendations[0].text, "Đề nghị");
}

/// One random edit to a dossier, by the numbers of a proptest case: every kind of record
/// the validator looks at, with references that may point nowhere, blank names and ids
/// that may repeat.
fn random_edit(d: &Dossier, op: u8, a: usize, b: i64) -> Option<Edit> {
    let pick = |n: usize| if n == 0 { None } else { Some(a % n) };
    let area = AreaId([1, 2, 3, 99][(b as usize) % 4]);
    let round = RoundId([1, 1, 7][(b as usize) % 3]);
    let date = chrono::NaiveDate::from_ymd_opt(if b % 5 == 0 { 1700 } else { 2023 }, 1, 1)?;
    Some(match op % 21 {
        0 => {
            let x = d.allocations.get(pick(d.allocations.len())?)?.clone();
            let mut y = x.clone();
            y.area_id = area;
            Edit::update(Record::Allocation(x), Record::Allocation(y))
        }
        1 => {
            let x = d.allocations.get(pick(d.allocations.len())?)?.clone();
            let mut y = x.clone();
            y.project_id = ProjectId(b % 12);
            y.funding_source_id =
                [None, Some(FundingSourceId(1)), Some(FundingSourceId(9))][(b as usize) % 3];
            Edit::update(Record::Allocation(x), Record::Allocation(y))
        }
        2 => {
            let mut y = d.allocations.get(pick(d.allocations.len())?)?.clone();
            y.id = AllocationId(b % 40);
            y.area_id = area;
            Edit::insert(Record::Allocation(y))
        }
        3 => Edit::delete(Record::Allocation(
            d.allocations.get(pick(d.allocations.len())?)?.clone(),
        )),
        4 => {
            let x = d
                .recommendations
                .get(pick(d.recommendations.len())?)?
                .clone();
            let mut y = x.clone();
            match b % 4 {
                0 => y.addressees.clear(),
                1 => y.addressees = vec![" ".into()],
                2 => y.area_ids.push(area),
                _ => y.round_id = round,
            }
            Edit::update(Record::Recommendation(x), Record::Recommendation(y))
        }
        5 => {
            let x = d
                .recommendations
                .get(pick(d.recommendations.len())?)?
                .clone();
            let mut y = x.clone();
            y.responses.push(Response {
                id: ResponseId(b % 4),
                date,
                text: "Đã thực hiện".into(),
                evidence: String::new(),
            });
            y.deadline = Some(date);
            Edit::update(Record::Recommendation(x), Record::Recommendation(y))
        }
        6 => {
            let mut y = d.conclusions.get(pick(d.conclusions.len())?)?.clone();
            y.id = ConclusionId(b % 20);
            y.round_id = round;
            y.area_id = Some(area);
            Edit::insert(Record::Conclusion(y))
        }
        7 => Edit::delete(Record::Conclusion(
            d.conclusions.get(pick(d.conclusions.len())?)?.clone(),
        )),
        8 => Edit::delete(Record::Area(d.areas.get(pick(d.areas.len())?)?.clone())),
        9 => Edit::delete(Record::Round(d.rounds.get(pick(d.rounds.len())?)?.clone())),
        10 => {
            let x = d
                .indicator_values
                .get(pick(d.indicator_values.len())?)?
                .clone();
            let mut y = x.clone();
            y.indicator_id = IndicatorId(b % 5);
            y.area_id = area;
            Edit::update(Record::IndicatorValue(x), Record::IndicatorValue(y))
        }
        11 => {
            let round = d.rounds.first()?;
            let kind = [DocKind::ThongBao, DocKind::BaoCao][(b as usize) % 2];
            let mut doc = DocumentSettings::default_for(d, round, kind, DocumentId(b % 3));
            doc.round_id = if b % 7 == 0 { RoundId(7) } else { round.id };
            doc.date = Some(date);
            Edit::insert(Record::Document(doc))
        }
        12 => {
            let mut info = d.info.clone();
            info.name = if b % 2 == 0 {
                " ".into()
            } else {
                "Tên".into()
            };
            Edit::update(Record::Info(d.info.clone()), Record::Info(info))
        }
        13 => Edit::insert(Record::Phrase(Phrase {
            id: PhraseId(b % 12),
            text: if b % 2 == 0 {
                String::new()
            } else {
                "Câu".into()
            },
            position: b,
        })),
        14 => {
            let x = d.areas.get(pick(d.areas.len())?)?.clone();
            let mut y = x.clone();
            y.parent_id = Some(area);
            Edit::update(Record::Area(x), Record::Area(y))
        }
        16 => Edit::insert(Record::TextVersion(TextVersion {
            figures: vec![],
            id: TextVersionId(b % 6),
            round_id: round,
            target: TextTarget::Conclusion(ConclusionId(b % 9)),
            saved_at: date.and_hms_opt(8, 0, 0)?,
            name: String::new(),
            text: "Bản cũ".into(),
        })),
        17 => {
            let x = d.text_versions.get(pick(d.text_versions.len())?)?.clone();
            let mut y = x.clone();
            y.round_id = round;
            y.saved_at = date.and_hms_opt(9, 0, 0)?;
            Edit::update(Record::TextVersion(x), Record::TextVersion(y))
        }
        18 => {
            let x = d.documents.get(pick(d.documents.len())?)?.clone();
            if b % 2 == 0 {
                Edit::delete(Record::Document(x))
            } else {
                let mut y = x.clone();
                y.kind = [DocKind::ThongBao, DocKind::BaoCao][(b as usize / 2) % 2];
                y.round_id = round;
                Edit::update(Record::Document(x), Record::Document(y))
            }
        }
        19 => {
            let x = d
                .recommendations
                .get(pick(d.recommendations.len())?)?
                .clone();
            if b % 2 == 0 {
                Edit::delete(Record::Recommendation(x))
            } else {
                let mut y = x.clone();
                y.responses.clear();
                Edit::update(Record::Recommendation(x), Record::Recommendation(y))
            }
        }
        _ => {
            let x = d.indicators.get(pick(d.indicators.len())?)?.clone();
            let mut y = x.clone();
            y.kind = if b % 2 == 0 {
                IndicatorKind::Number
            } else {
                IndicatorKind::Month
            };
            Edit::update(Record::Indicator(x), Record::Indicator(y))
        }
    })
}

proptest::proptest! {
    /// Checking only what an edit touched finds a problem exactly when checking everything
    /// does, so a change is refused on the same grounds either way.
    #[test]
    fn checking_the_edited_records_agrees_with_checking_everything(
        steps in proptest::collection::vec(
            proptest::collection::vec((0u8..21, 0usize..64, 0i64..1000), 1..4),
            1..12,
        )
    ) {
        let mut d = sample::lang_son();
        for step in steps {
            let mut next = d.clone();
            let mut edits = Vec::new();
            for (op, a, b) in step {
                if let Some(e) = random_edit(&next, op, a, b)
                    && next.apply_edit(&e).is_ok()
                {
                    edits.push(e);
                }
            }
            let whole = next.validate();
            let scoped = next.validate_edits(&edits);
            proptest::prop_assert_eq!(
                whole.is_empty(),
                scoped.is_empty(),
                "everything: {:?}\nedited records: {:?}",
                whole,
                scoped
            );
            // Problems found in the edited records are problems of the whole (a repeated
            // id may be reported at its other place).
            for p in &scoped {
                proptest::prop_assert!(
                    whole.iter().any(|w| w.message == p.message),
                    "{:?} not in {:?}",
                    p,
                    whole
                );
            }
            if whole.is_empty() {
                d = next;
            }
        }
    }
}
