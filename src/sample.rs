//! The built-in sample: the Lạng Sơn provincial Front's supervision of Project 7 of the
//! sustainable poverty-reduction program in Hữu Lũng and Chi Lăng (21/06/2023).
//!
//! Figures are exactly as reported. What the source does not give stays unknown: the money
//! carried over from 2022 into 2023 in Hữu Lũng has no amount, and Chi Lăng's 949 million đồng
//! is one total for 2022–2023, never split by year. Texts are written afresh from the facts.

use crate::model::*;
use chrono::NaiveDate;

pub const LANG_SON: AreaId = AreaId(1);
pub const HUU_LUNG: AreaId = AreaId(2);
pub const CHI_LANG: AreaId = AreaId(3);
pub const DU_AN_7: ProjectId = ProjectId(7);

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn period(from: i32, to: i32) -> Period {
    // The sample's years are constants inside the valid range.
    Period::new(from, to).unwrap_or_else(|_| unreachable!("sample period {from}–{to}"))
}

fn trieu(n: i64) -> Amount {
    Amount::Known(Dong::from_trieu(n).unwrap_or(Dong::ZERO))
}

const SUPERVISING_BODY: &str = "Ủy ban MTTQ Việt Nam tỉnh Lạng Sơn";

/// The sample dossier.
pub fn lang_son() -> Dossier {
    let mut d =
        Dossier::new("Giám sát thực hiện Dự án 7 tại huyện Hữu Lũng và huyện Chi Lăng (2023)");
    d.info.supervising_body = SUPERVISING_BODY.into();
    d.info.place = "Lạng Sơn".into();
    d.info.notes = "Hồ sơ mẫu dựng từ tin của Báo Lạng Sơn về đợt giám sát ngày 21/6/2023. \
        Số liệu giữ đúng như nguồn; khoản nguồn không nêu số tiền được ghi là chưa có số liệu."
        .into();
    d.add_giam_ngheo_catalogue();

    let area = |id, name: &str, kind, parent, valid_to| Area {
        id,
        name: name.into(),
        kind,
        parent_id: parent,
        valid_from: None,
        valid_to,
    };
    // The districts were abolished on 01/7/2025 (two-tier local government).
    d.areas = vec![
        area(LANG_SON, "Lạng Sơn", AreaKind::Tinh, None, None),
        area(
            HUU_LUNG,
            "Hữu Lũng",
            AreaKind::Huyen,
            Some(LANG_SON),
            Some(2025),
        ),
        area(
            CHI_LANG,
            "Chi Lăng",
            AreaKind::Huyen,
            Some(LANG_SON),
            Some(2025),
        ),
    ];
    d.funding_sources = vec![FundingSource {
        id: FundingSourceId(1),
        name: "Ngân sách nhà nước".into(),
    }];

    let report = |district: &str| {
        format!("Báo cáo của UBND huyện {district} phục vụ đoàn giám sát (06/2023)")
    };
    let recipient =
        "Cấp cho Phòng Lao động, Thương binh, Xã hội – Dân tộc huyện để thực hiện Dự án 7.";
    d.allocations = vec![
        Allocation {
            id: AllocationId(1),
            area_id: HUU_LUNG,
            project_id: DU_AN_7,
            period: period(2022, 2022),
            kind: AllocationKind::Allocated,
            funding_source_id: Some(FundingSourceId(1)),
            amount_dong: trieu(468),
            note: recipient.into(),
            source_doc: report("Hữu Lũng"),
            round_id: Some(RoundId(1)),
            covers: Covers::Total,
        },
        Allocation {
            id: AllocationId(2),
            area_id: HUU_LUNG,
            project_id: DU_AN_7,
            period: period(2023, 2023),
            kind: AllocationKind::Allocated,
            funding_source_id: None,
            amount_dong: trieu(494),
            note: recipient.into(),
            source_doc: report("Hữu Lũng"),
            round_id: Some(RoundId(1)),
            covers: Covers::Total,
        },
        Allocation {
            id: AllocationId(3),
            area_id: HUU_LUNG,
            project_id: DU_AN_7,
            period: period(2023, 2023),
            kind: AllocationKind::CarriedOver,
            funding_source_id: None,
            amount_dong: Amount::Unknown,
            note: "Một phần kinh phí năm 2022 chuyển sang năm 2023; nguồn không nêu số tiền.".into(),
            source_doc: report("Hữu Lũng"),
            round_id: Some(RoundId(1)),
            covers: Covers::Total,
        },
        Allocation {
            id: AllocationId(4),
            area_id: CHI_LANG,
            project_id: DU_AN_7,
            period: period(2022, 2023),
            kind: AllocationKind::Allocated,
            funding_source_id: None,
            amount_dong: trieu(949),
            note: "Tổng kinh phí phân bổ từ năm 2022 đến thời điểm giám sát; nguồn không tách theo từng năm."
                .into(),
            source_doc: report("Chi Lăng"),
            round_id: Some(RoundId(1)),
            covers: Covers::Total,
        },
    ];

    d.indicators = vec![
        Indicator {
            id: IndicatorId(1),
            name: "Lớp tập huấn nâng cao năng lực, giám sát, đánh giá thực hiện Chương trình"
                .into(),
            unit: "lớp".into(),
            kind: IndicatorKind::Number,
        },
        Indicator {
            id: IndicatorId(2),
            name: "Xã, thị trấn được kiểm tra, giám sát trực tiếp".into(),
            unit: "xã, thị trấn".into(),
            kind: IndicatorKind::Number,
        },
        Indicator {
            id: IndicatorId(3),
            name: "Hoàn thành kiểm tra, giám sát việc triển khai các dự án của Chương trình".into(),
            unit: String::new(),
            kind: IndicatorKind::Month,
        },
    ];
    let count = |n| Measure::Number(Quantity::whole(n).unwrap_or(Quantity::from_milli(0)));
    let ym = YearMonth::new(2023, 5).map_or(Measure::Unknown, Measure::Month);
    d.indicator_values = vec![
        IndicatorValue {
            id: IndicatorValueId(1),
            indicator_id: IndicatorId(1),
            area_id: CHI_LANG,
            period: period(2022, 2023),
            value: count(9),
            note: "Cho cán bộ làm công tác giảm nghèo các cấp, cộng tác viên giảm nghèo và người có uy tín trong cộng đồng."
                .into(),
            source_doc: report("Chi Lăng"),
        },
        IndicatorValue {
            id: IndicatorValueId(2),
            indicator_id: IndicatorId(2),
            area_id: CHI_LANG,
            period: period(2022, 2023),
            value: count(20),
            note: String::new(),
            source_doc: report("Chi Lăng"),
        },
        IndicatorValue {
            id: IndicatorValueId(3),
            indicator_id: IndicatorId(3),
            area_id: CHI_LANG,
            period: period(2023, 2023),
            value: ym,
            note: String::new(),
            source_doc: report("Chi Lăng"),
        },
    ];

    let member = |id, organisation: &str, role: &str| Member {
        id: MemberId(id),
        person: String::new(),
        organisation: organisation.into(),
        role: role.into(),
    };
    let topics = "Bổ sung, điều chỉnh một số thông tin trong báo cáo gửi đoàn; tập huấn nâng cao năng lực \
        cho cán bộ làm công tác giảm nghèo; phân bổ vốn thực hiện các dự án; cách kiểm tra, phúc tra hộ nghèo; \
        chỉ tiêu giảm nghèo giao hằng năm.";
    d.rounds = vec![Round {
        id: RoundId(1),
        title: "Giám sát việc thực hiện Dự án 7 thuộc Chương trình mục tiêu quốc gia giảm nghèo bền vững \
            tại huyện Hữu Lũng và huyện Chi Lăng"
            .into(),
        plan_ref: String::new(),
        supervising_body: SUPERVISING_BODY.into(),
        project_ids: vec![DU_AN_7],
        start_date: date(2023, 6, 21),
        end_date: date(2023, 6, 21),
        subjects: vec![
            Subject {
                id: SubjectId(1),
                body: "UBND huyện Hữu Lũng".into(),
                area_id: Some(HUU_LUNG),
            },
            Subject {
                id: SubjectId(2),
                body: "UBND huyện Chi Lăng".into(),
                area_id: Some(CHI_LANG),
            },
        ],
        members: vec![
            member(1, SUPERVISING_BODY, "Chủ trì"),
            member(2, "Sở Lao động, Thương binh và Xã hội", "Thành viên"),
            member(3, "Tỉnh đoàn", "Thành viên"),
            member(4, "Hội Cựu chiến binh tỉnh", "Thành viên"),
            member(5, "Liên đoàn Lao động tỉnh", "Thành viên"),
            member(6, "Hội Nông dân tỉnh", "Thành viên"),
            member(7, "Hội Liên hiệp Phụ nữ tỉnh", "Thành viên"),
        ],
        sessions: [(1, "Hữu Lũng"), (2, "Chi Lăng")]
            .into_iter()
            .map(|(i, district)| WorkSession {
                id: SessionId(i),
                date: date(2023, 6, 21).unwrap_or_default(),
                subject_id: Some(SubjectId(i)),
                topics: topics.into(),
                documents: report(district),
            })
            .collect(),
        notes: String::new(),
        draft_status: DraftStatus::Draft,
        issued_on: None,
    }];

    let conclusion = |id, area, kind, text: &str, position| Conclusion {
        figures: vec![],
        id: ConclusionId(id),
        round_id: RoundId(1),
        area_id: area,
        kind,
        text: text.into(),
        position,
    };
    d.conclusions = vec![
        conclusion(
            1,
            None,
            ConclusionKind::Overall,
            "Cấp ủy đảng, chính quyền huyện Hữu Lũng và huyện Chi Lăng đã quan tâm lãnh đạo, chỉ đạo \
             thực hiện Chương trình mục tiêu quốc gia giảm nghèo bền vững một cách quyết liệt, có trách nhiệm.",
            1,
        ),
        conclusion(
            2,
            None,
            ConclusionKind::Strength,
            "Các kế hoạch về công tác giảm nghèo nói chung và thực hiện Chương trình nói riêng được ban hành, \
             triển khai kịp thời; các cơ quan, đơn vị trên địa bàn phối hợp chặt chẽ khi thực hiện các dự án, \
             tiểu dự án.",
            2,
        ),
        conclusion(
            3,
            Some(HUU_LUNG),
            ConclusionKind::Strength,
            "UBND huyện Hữu Lũng đã kiểm tra, giám sát trực tiếp và qua báo cáo đối với đơn vị được giao vốn, \
             qua đó kịp thời nắm bắt khó khăn, vướng mắc trong quá trình thực hiện.",
            3,
        ),
        conclusion(
            4,
            Some(CHI_LANG),
            ConclusionKind::Strength,
            "UBND huyện Chi Lăng đã hoàn thành kiểm tra, giám sát việc triển khai các dự án của Chương trình \
             trong tháng 5/2023, tổ chức 9 lớp tập huấn và kiểm tra, giám sát trực tiếp tại 20 xã, thị trấn.",
            4,
        ),
        conclusion(
            5,
            None,
            ConclusionKind::Shortcoming,
            "Báo cáo của hai huyện phục vụ đoàn giám sát còn phải điều chỉnh, bổ sung một số thông tin.",
            5,
        ),
    ];

    let both = vec![
        "UBND huyện Hữu Lũng".to_string(),
        "UBND huyện Chi Lăng".to_string(),
    ];
    let rec = |id, text: &str| Recommendation {
        figures: vec![],
        id: RecommendationId(id),
        round_id: RoundId(1),
        text: text.into(),
        addressees: both.clone(),
        area_ids: vec![HUU_LUNG, CHI_LANG],
        deadline: None,
        status: RecommendationStatus::Open,
        priority: Priority::Normal,
        position: id,
        responses: vec![],
        kind: RecommendationKind::Other,
        amount_dong: None,
        repeats: None,
    };
    d.add_default_phrases();
    d.recommendations = vec![
        rec(
            1,
            "Tiếp tục tham mưu cho Huyện ủy lãnh đạo, chỉ đạo thực hiện tốt các nội dung, dự án thuộc \
             Chương trình mục tiêu quốc gia giảm nghèo bền vững.",
        ),
        rec(
            2,
            "Chỉ đạo các phòng, ban chuyên môn tuyên truyền sâu rộng chủ trương, chính sách giảm nghèo, \
             mục tiêu, ý nghĩa và giải pháp thực hiện, tạo đồng thuận trong Nhân dân; khơi dậy tinh thần \
             chủ động vươn lên thoát nghèo của người dân, khắc phục tâm lý trông chờ, ỷ lại vào sự hỗ trợ \
             của Nhà nước.",
        ),
        rec(
            3,
            "Phối hợp tổ chức các lớp bồi dưỡng, hoạt động học tập, trao đổi kinh nghiệm cho cán bộ làm \
             công tác giảm nghèo.",
        ),
    ];
    d
}

/// Made-up figures for `area` over `years`: 7 projects × 3 kinds of money a year, about one in
/// 23 amounts unknown and every 50th figure a two-year total (as sources sometimes give), from
/// a deterministic sequence `x`; ids follow `id`.
fn push_made_up_figures(
    d: &mut Dossier,
    area: AreaId,
    years: std::ops::RangeInclusive<i32>,
    id: &mut i64,
    x: &mut u64,
) {
    let last = *years.end();
    for year in years {
        for project in 1..=7 {
            for kind in AllocationKind::ALL {
                *id += 1;
                *x ^= *x << 13;
                *x ^= *x >> 7;
                *x ^= *x << 17;
                let amount = if x.is_multiple_of(23) {
                    Amount::Unknown
                } else {
                    Amount::Known(Dong::new((*x % 900 + 50) as i64 * 1_000_000).unwrap_or_default())
                };
                let period = if *id % 50 == 0 && year < last {
                    period(year, year + 1)
                } else {
                    period(year, year)
                };
                d.allocations.push(Allocation {
                    id: AllocationId(*id),
                    area_id: area,
                    project_id: ProjectId(project),
                    period,
                    kind,
                    funding_source_id: None,
                    amount_dong: amount,
                    note: String::new(),
                    source_doc: format!("Báo cáo số {}/BC-UBND", *id % 400 + 1),
                    round_id: None,
                    covers: Covers::Total,
                });
            }
        }
    }
}

/// A province-scale dossier for benchmarks and load tests: 65 communes × 10 years × 7 projects ×
/// 3 kinds of money (13 650 figures), with some amounts unknown and some period totals.
/// Deterministic: the same every time.
pub fn province_scale() -> Dossier {
    let mut d = Dossier::new("Tỉnh mẫu — quy mô toàn tỉnh");
    d.info.supervising_body = SUPERVISING_BODY.into();
    d.info.place = "Lạng Sơn".into();
    d.add_giam_ngheo_catalogue();
    d.areas.push(Area {
        id: AreaId(1),
        name: "Lạng Sơn".into(),
        kind: AreaKind::Tinh,
        parent_id: None,
        valid_from: None,
        valid_to: None,
    });
    for i in 0..65 {
        d.areas.push(Area {
            id: AreaId(2 + i),
            name: format!("Xã số {}", i + 1),
            kind: AreaKind::Xa,
            parent_id: Some(AreaId(1)),
            valid_from: Some(2025),
            valid_to: None,
        });
    }
    let mut id: i64 = 0;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for area in 0..65 {
        push_made_up_figures(&mut d, AreaId(2 + area), 2021..=2030, &mut id, &mut x);
    }
    d
}

/// A made-up province shaped like one after the 2025 reform, for benchmarks, load tests and
/// trying the reform views: `districts` former districts ("Huyện số k") report 2021–2025 and
/// end on 30/6/2025; `communes` new communes ("Xã số n", from 2025) report 2026–2030. Each
/// district's land went to a run of communes (succession lines dated 01/7/2025), and the
/// commune at each boundary between two runs came from both districts. The names say they are
/// not real units; no real list of units is shipped without its source. Deterministic.
pub fn reformed_province(districts: usize, communes: usize) -> Dossier {
    let districts = districts.max(1);
    let communes = communes.max(districts);
    let mut d = Dossier::new("Tỉnh mẫu — trước và sau sắp xếp đơn vị hành chính 2025");
    d.info.supervising_body = SUPERVISING_BODY.into();
    d.info.place = "Lạng Sơn".into();
    d.add_giam_ngheo_catalogue();
    let province = AreaId(1);
    d.areas.push(Area {
        id: province,
        name: "Tỉnh mẫu".into(),
        kind: AreaKind::Tinh,
        parent_id: None,
        valid_from: None,
        valid_to: None,
    });
    let district_id = |k: usize| AreaId(2 + k as i64);
    let commune_id = |n: usize| AreaId(2 + districts as i64 + n as i64);
    for k in 0..districts {
        d.areas.push(Area {
            id: district_id(k),
            name: format!("Huyện số {}", k + 1),
            kind: AreaKind::Huyen,
            parent_id: Some(province),
            valid_from: None,
            valid_to: Some(2025),
        });
    }
    for n in 0..communes {
        d.areas.push(Area {
            id: commune_id(n),
            name: format!("Xã số {}", n + 1),
            kind: AreaKind::Xa,
            parent_id: Some(province),
            valid_from: Some(2025),
            valid_to: None,
        });
    }
    let reform = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default();
    let mut line = 0;
    for n in 0..communes {
        // Commune n lies in district n·districts/communes; the first of each run after the
        // first also took land from the district before.
        let k = n * districts / communes;
        let first_of_run = n > 0 && (n - 1) * districts / communes != k;
        let mut from = vec![k];
        if first_of_run {
            from.push(k - 1);
        }
        for k in from {
            line += 1;
            d.successions.push(Succession {
                id: SuccessionId(line),
                from_area_id: district_id(k),
                to_area_id: commune_id(n),
                date: reform,
                act: "Nghị quyết (mẫu) về sắp xếp đơn vị hành chính cấp xã".into(),
            });
        }
    }
    // One round, so the reform views can be printed too.
    d.rounds = vec![Round {
        id: RoundId(1),
        title: "Đợt giám sát mẫu năm 2026 (số liệu dựng sẵn)".into(),
        plan_ref: String::new(),
        supervising_body: SUPERVISING_BODY.into(),
        project_ids: vec![],
        start_date: NaiveDate::from_ymd_opt(2026, 6, 1),
        end_date: None,
        subjects: vec![],
        members: vec![],
        sessions: vec![],
        notes: String::new(),
        draft_status: DraftStatus::Draft,
        issued_on: None,
    }];
    let mut id: i64 = 0;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let reporting = (0..districts)
        .map(|k| (district_id(k), 2021..=2025))
        .chain((0..communes).map(|n| (commune_id(n), 2026..=2030)));
    for (area, years) in reporting {
        push_made_up_figures(&mut d, area, years, &mut id, &mut x);
    }
    // A second round a year later, at which one 2026 figure in twenty was given again and
    // changed by a tenth, so "compare rounds" has something to show (made up like the rest).
    d.rounds.push(Round {
        id: RoundId(2),
        title: "Đợt giám sát mẫu năm 2027 (số liệu dựng sẵn)".into(),
        start_date: NaiveDate::from_ymd_opt(2027, 6, 1),
        ..d.rounds[0].clone()
    });
    for a in &mut d.allocations {
        a.round_id = Some(RoundId(1));
    }
    let again: Vec<Allocation> = d
        .allocations
        .iter()
        .filter(|a| a.id.0 % 20 == 0 && a.period.from_year() == 2026)
        .cloned()
        .collect();
    for mut a in again {
        id += 1;
        a.id = AllocationId(id);
        a.round_id = Some(RoundId(2));
        if let Amount::Known(v) = a.amount_dong {
            a.amount_dong = Amount::Known(Dong::new(v.get() / 10 * 11).unwrap_or(v));
        }
        d.allocations.push(a);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_scale_is_valid_and_as_large_as_announced() {
        let d = province_scale();
        assert_eq!(d.validate(), vec![]);
        assert_eq!(d.allocations.len(), 65 * 10 * 7 * 3);
        assert!(
            d.allocations
                .iter()
                .any(|a| a.amount_dong == Amount::Unknown)
        );
        assert!(d.allocations.iter().any(|a| !a.period.is_single_year()));
    }

    #[test]
    fn reformed_province_is_valid_and_links_every_commune() {
        let d = reformed_province(11, 65);
        assert_eq!(d.validate(), vec![]);
        let at = |r: i64| {
            d.allocations
                .iter()
                .filter(|a| a.round_id == Some(RoundId(r)))
                .count()
        };
        assert_eq!(at(1), (11 + 65) * 5 * 7 * 3);
        // The second round gave some 2026 figures again, each one of the first round's.
        assert!((50..100).contains(&at(2)), "{}", at(2));
        assert_eq!(at(1) + at(2), d.allocations.len());
        assert_eq!(crate::analysis::superseded(&d).len(), at(2));
        let map = SuccessionMap::new(&d.successions);
        let communes: Vec<&Area> = d.areas.iter().filter(|a| a.kind == AreaKind::Xa).collect();
        assert_eq!(communes.len(), 65);
        assert!(communes.iter().all(|c| !map.predecessors(c.id).is_empty()));
        // Ten boundary communes came from two districts.
        let shared = communes
            .iter()
            .filter(|c| map.predecessors(c.id).len() == 2)
            .count();
        assert_eq!(shared, 10);
    }

    #[test]
    fn sample_is_valid_and_nfc() {
        let d = lang_son();
        assert_eq!(d.validate(), vec![]);
        let mut n = d.clone();
        n.normalize();
        assert_eq!(n, d, "sample text is already NFC and trimmed");
    }
}
