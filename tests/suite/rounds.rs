//! Compare rounds: the same areas' figures as reported at different supervisions. A figure
//! reported again at a later round is counted once, as last reported; the compare view shows
//! what each round was told, never adds rounds together, and names what changed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use giamsat::analysis::{self, AllocationFilter, RoundView, summary};
use giamsat::charts::{self, ChartKind, ChartSpec, SegmentValue};
use giamsat::i18n::Lang;
use giamsat::model::rules::{RuleViolation, check_edit};
use giamsat::model::*;
use giamsat::sample::{self, CHI_LANG, HUU_LUNG};
use giamsat::store::ProjectFile;
use std::path::Path;
use std::process::Command;

const FIRST: RoundId = RoundId(1);
const SECOND: RoundId = RoundId(2);
const REVISED: AllocationId = AllocationId(100);

fn trieu(n: i64) -> Amount {
    Amount::Known(Dong::from_trieu(n).unwrap())
}

/// The Lạng Sơn sample (its figures reported at the June 2023 round) and a second round in
/// March 2026 at which Hữu Lũng gave 2023 again, revised, and 2024 for the first time.
pub fn two_rounds() -> Dossier {
    let mut d = sample::lang_son();
    assert!(d.allocations.iter().all(|a| a.round_id == Some(FIRST)));
    let mut second = d.rounds[0].clone();
    second.id = SECOND;
    second.title = "Giám sát lần hai việc thực hiện Dự án 7".into();
    second.start_date = NaiveDate::from_ymd_opt(2026, 3, 2);
    second.end_date = None;
    second.subjects.clear();
    second.members.clear();
    second.sessions.clear();
    second.draft_status = DraftStatus::Draft;
    second.issued_on = None;
    d.rounds.push(second);
    let mut revised = d.allocations[1].clone();
    assert_eq!(
        (revised.area_id, revised.period, revised.amount_dong),
        (HUU_LUNG, Period::year(2023).unwrap(), trieu(494))
    );
    revised.id = REVISED;
    revised.amount_dong = trieu(520);
    revised.round_id = Some(SECOND);
    revised.source_doc = "Báo cáo số 15/BC-UBND ngày 20/02/2026".into();
    let mut later = revised.clone();
    later.id = AllocationId(101);
    later.period = Period::year(2024).unwrap();
    later.amount_dong = trieu(300);
    d.allocations.extend([revised, later]);
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    d
}

fn allocated(area: AreaId, round: RoundView) -> AllocationFilter {
    AllocationFilter {
        area_ids: Some([area].into()),
        kinds: Some([AllocationKind::Allocated].into()),
        round,
        ..AllocationFilter::default()
    }
}

/// (period, known amount in triệu, records) of an area's allocated money.
fn sums(d: &Dossier, filter: &AllocationFilter) -> Vec<(String, i64, Vec<AllocationId>)> {
    summary(d, filter)
        .unwrap()
        .rows
        .into_iter()
        .map(|g| {
            (
                g.key.period.to_string(),
                g.tally.total.unwrap().known.get() / 1_000_000,
                g.tally.ids,
            )
        })
        .collect()
}

#[test]
fn ordinary_views_count_a_revised_figure_once_as_last_reported() {
    let d = two_rounds();
    assert_eq!(
        sums(&d, &allocated(HUU_LUNG, RoundView::Latest)),
        vec![
            ("2022".into(), 468, vec![AllocationId(1)]),
            ("2023".into(), 520, vec![REVISED]),
            ("2024".into(), 300, vec![AllocationId(101)]),
        ],
        "2023 as the second round was told, not 494 + 520"
    );
    // As each round saw it.
    assert_eq!(
        sums(&d, &allocated(HUU_LUNG, RoundView::At(FIRST))),
        vec![
            ("2022".into(), 468, vec![AllocationId(1)]),
            ("2023".into(), 494, vec![AllocationId(2)]),
        ]
    );
    assert_eq!(
        sums(&d, &allocated(HUU_LUNG, RoundView::At(SECOND))),
        vec![
            ("2023".into(), 520, vec![REVISED]),
            ("2024".into(), 300, vec![AllocationId(101)]),
        ]
    );
    assert_eq!(
        analysis::superseded(&d).into_iter().collect::<Vec<_>>(),
        vec![AllocationId(2)]
    );
    // Chi Lăng reported only once: untouched.
    assert_eq!(
        sums(&d, &allocated(CHI_LANG, RoundView::Latest)),
        vec![("2022–2023".into(), 949, vec![AllocationId(4)])]
    );
    // The ordinary chart says it counts the latest round's.
    let chart = charts::build(&d, &ChartSpec::default(), Lang::Vi).unwrap();
    assert!(
        chart
            .notes
            .iter()
            .any(|n| n.starts_with("1 số liệu đã được báo cáo lại")),
        "{:?}",
        chart.notes
    );
    // The Excel export lists both and says which one the summaries count.
    let wb = giamsat::import::grid::read_bytes(
        &giamsat::spreadsheet::export(&d, MoneyUnit::Trieu).unwrap(),
    )
    .unwrap();
    let counted: Vec<String> = (1..=6)
        .map(|r| match wb.sheets[0].cell(r, 10) {
            giamsat::import::grid::Cell::Text(t) => t.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(counted[1], "không: đợt sau đã báo cáo lại", "{counted:?}");
    assert_eq!(counted.iter().filter(|c| *c == "có").count(), 5);
    // A revision is no figure entered twice.
    let warnings = giamsat::checks::warnings(&d).unwrap();
    assert!(
        !warnings
            .iter()
            .any(|w| matches!(w, giamsat::checks::Warning::Duplicate { .. })),
        "{warnings:?}"
    );

    // As the first round stood: its own figures, not the second's revision or new year.
    assert_eq!(
        sums(&d, &allocated(HUU_LUNG, RoundView::AsOf(FIRST))),
        sums(&d, &allocated(HUU_LUNG, RoundView::At(FIRST)))
    );
    assert_eq!(
        sums(&d, &allocated(HUU_LUNG, RoundView::AsOf(SECOND))),
        sums(&d, &allocated(HUU_LUNG, RoundView::Latest))
    );
    // Chi Lăng's figure of the first round still stands at the second.
    assert_eq!(
        sums(&d, &allocated(CHI_LANG, RoundView::AsOf(SECOND)))[0].1,
        949
    );

    // Which round is later is a matter of dates, not of ids: with the second round dated
    // before the first, the first's 494 is the latest.
    let mut earlier = d.clone();
    earlier.rounds[1].start_date = NaiveDate::from_ymd_opt(2021, 1, 4);
    assert_eq!(
        sums(&earlier, &allocated(HUU_LUNG, RoundView::Latest))[1].1,
        494
    );
    // A figure of no round counts as earlier than any round's.
    let mut untagged = d.clone();
    untagged.allocations[1].round_id = None;
    assert_eq!(
        sums(&untagged, &allocated(HUU_LUNG, RoundView::Latest))[1].1,
        520
    );
}

#[test]
fn the_compare_view_shows_each_round_side_by_side_and_names_what_changed() {
    let d = two_rounds();
    let spec = ChartSpec {
        kind: ChartKind::Rounds,
        ..ChartSpec::default()
    };
    let chart = charts::build(&d, &spec, Lang::Vi).unwrap();
    assert_eq!(chart.title, "Vốn phân bổ theo từng đợt giám sát");
    let series: Vec<&str> = chart.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(series, ["Đợt 1 (06/2023)", "Đợt 2 (03/2026)"]);
    let huu_lung = chart
        .groups
        .iter()
        .find(|g| g.label.contains("Hữu Lũng"))
        .unwrap();
    let bars: Vec<(&str, SegmentValue, usize)> = huu_lung
        .bars
        .iter()
        .map(|b| (b.label.as_str(), b.segments[0].value, b.segments[0].series))
        .collect();
    assert_eq!(
        bars,
        [
            (
                "2022 · Đợt 1 (06/2023)",
                SegmentValue::Known(468_000_000),
                0
            ),
            (
                "2023 · Đợt 1 (06/2023)",
                SegmentValue::Known(494_000_000),
                0
            ),
            (
                "2023 · Đợt 2 (03/2026)",
                SegmentValue::Known(520_000_000),
                1
            ),
            (
                "2024 · Đợt 2 (03/2026)",
                SegmentValue::Known(300_000_000),
                1
            ),
        ]
    );
    // A round's bar lists that round's records only.
    assert_eq!(huu_lung.bars[2].segments[0].tally.ids, vec![REVISED]);
    assert!(
        chart
            .notes
            .iter()
            .any(|n| n == "Hữu Lũng 2023: 494 triệu đồng ở Đợt 1 (06/2023), 520 triệu đồng ở Đợt 2 (03/2026)."),
        "{:?}",
        chart.notes
    );
    assert_eq!(
        chart
            .notes
            .iter()
            .filter(|n| n.matches(" ở Đợt ").count() == 2)
            .count(),
        1,
        "2022 and 2024 were reported at one round only: {:?}",
        chart.notes
    );
    // The table never adds the rounds up.
    let table = charts::table::chart_table(&chart, Lang::Vi);
    assert!(!table.has_totals);
    assert!(
        table
            .columns
            .contains(&"2023 · Đợt 2 (03/2026)".to_string())
    );

    // In English, too.
    let en = charts::build(&d, &spec, Lang::En).unwrap();
    assert_eq!(en.series[1].label, "Round 2 (03/2026)");

    // Figures tied to no round: the view says how to tie them instead of drawing nothing.
    let mut untagged = d.clone();
    for a in &mut untagged.allocations {
        a.round_id = None;
    }
    let empty = charts::build(&untagged, &spec, Lang::Vi).unwrap();
    assert!(empty.is_empty());
    assert!(empty.empty_message.unwrap().contains("cột “Đợt”"));
}

#[test]
fn an_issued_round_locks_its_own_figures_not_a_later_rounds_report_of_the_same_areas() {
    let mut d = two_rounds();
    d.rounds[0].draft_status = DraftStatus::Issued;
    let later = d
        .allocations
        .iter()
        .find(|a| a.id == REVISED)
        .unwrap()
        .clone();
    let mut changed = later.clone();
    changed.amount_dong = trieu(521);
    check_edit(
        &d,
        &Edit::update(Record::Allocation(later), Record::Allocation(changed)),
    )
    .unwrap();
    let first = d.allocations[1].clone();
    let mut changed = first.clone();
    changed.amount_dong = trieu(495);
    assert_eq!(
        check_edit(
            &d,
            &Edit::update(
                Record::Allocation(first.clone()),
                Record::Allocation(changed)
            ),
        ),
        Err(RuleViolation::LockedFigures(FIRST))
    );
    // Moving an issued round's figure to another round is changing it.
    let mut moved = first.clone();
    moved.round_id = Some(SECOND);
    assert_eq!(
        check_edit(
            &d,
            &Edit::update(Record::Allocation(first), Record::Allocation(moved)),
        ),
        Err(RuleViolation::LockedFigures(FIRST))
    );
    // A figure of no round in the issued round's areas stays locked, as before.
    let mut untagged = d.allocations[0].clone();
    untagged.id = AllocationId(300);
    untagged.round_id = None;
    assert_eq!(
        check_edit(&d, &Edit::insert(Record::Allocation(untagged))),
        Err(RuleViolation::LockedFigures(FIRST))
    );
}

#[test]
fn the_round_of_each_figure_is_kept_in_the_file_and_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hai đợt.giamsat");
    let d = two_rounds();
    ProjectFile::create(&path, &d).unwrap();
    let back = ProjectFile::open_read_only(&path).unwrap().load().unwrap();
    assert_eq!(back.allocations, d.allocations);

    let mut bad = d.clone();
    bad.allocations[4].round_id = Some(RoundId(9));
    let problems: Vec<String> = bad.validate().into_iter().map(|p| p.path).collect();
    assert_eq!(problems, ["allocations[4].round_id"]);
}

fn giamsat(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_giamsat"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn the_command_line_charts_rounds_and_imports_for_a_round_it_checks() {
    let dir = tempfile::tempdir().unwrap();
    ProjectFile::create(&dir.path().join("hai.giamsat"), &two_rounds()).unwrap();
    let o = giamsat(
        &[
            "chart",
            "hai.giamsat",
            "--by",
            "rounds",
            "--svg",
            "dot.svg",
            "--table",
            "dot.csv",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let svg = std::fs::read_to_string(dir.path().join("dot.svg")).unwrap();
    assert!(svg.contains("Đợt 2 (03/2026)"));
    let csv = std::fs::read_to_string(dir.path().join("dot.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("2023 · Đợt 1 (06/2023)"), "{header}");
    assert!(header.contains("2023 · Đợt 2 (03/2026)"), "{header}");

    std::fs::write(dir.path().join("bc.csv"), super::cli::report_csv(false)).unwrap();
    let import = |round: &str| {
        giamsat(
            &[
                "import-table",
                "hai.giamsat",
                "bc.csv",
                "--project",
                "Dự án 7",
                "--parent",
                "huyện Hữu Lũng",
                "--round",
                round,
            ],
            dir.path(),
        )
    };
    let o = import("3");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--round 3: tệp chỉ có 2 đợt giám sát"),
        "{err}"
    );
    let o = import("2");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let d = ProjectFile::open_read_only(&dir.path().join("hai.giamsat"))
        .unwrap()
        .load()
        .unwrap();
    let imported: Vec<&Allocation> = d
        .allocations
        .iter()
        .filter(|a| a.source_doc.starts_with("bc.csv"))
        .collect();
    assert!(!imported.is_empty());
    assert!(imported.iter().all(|a| a.round_id == Some(SECOND)));
}

/// The figures of a round's report as printed: rows of area, …, kind, period, amount.
fn report_rows(d: &Dossier, round: RoundId) -> Vec<Vec<String>> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let doc =
        giamsat::print::build(d, Some(round), DocKind::BaoCao, MoneyUnit::Trieu, today).unwrap();
    doc.blocks
        .iter()
        .flat_map(|b| match b {
            giamsat::print::Block::Table { rows, .. } => rows.clone(),
            _ => vec![],
        })
        .map(|r| r.cells)
        .filter(|cells| cells.iter().any(|c| c.contains("Hữu Lũng")))
        .collect()
}

#[test]
fn a_rounds_report_rests_on_the_figures_as_they_stood_at_that_round() {
    let d = two_rounds();
    let allocated_2023 = |rows: &[Vec<String>]| -> Vec<String> {
        rows.iter()
            .filter(|r| r.iter().any(|c| c == "2023") && r.iter().any(|c| c == "Vốn phân bổ"))
            .map(|r| r.join(" | "))
            .collect()
    };
    let first = report_rows(&d, FIRST);
    let rows = allocated_2023(&first);
    assert_eq!(rows.len(), 1, "{first:?}");
    assert!(rows[0].contains("494"), "{rows:?}");
    assert!(
        !first.iter().flatten().any(|c| c == "2024"),
        "the second round's new year is not in the first round's report"
    );
    let second = report_rows(&d, SECOND);
    let rows = allocated_2023(&second);
    assert_eq!(rows.len(), 1, "{second:?}");
    assert!(
        rows[0].contains("520") && !rows[0].contains("494"),
        "{rows:?}"
    );
}

/// A file from before figures named their round (schema 9) opens with each figure of no round,
/// and the ordinary views count it as before.
#[test]
fn a_schema_9_file_upgrades_with_its_figures_of_no_round() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v9.giamsat");
    ProjectFile::create_with_version(&path, &Dossier::new("Hồ sơ 2025"), 9).unwrap();
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch(
            "INSERT INTO areas (id, name, kind) VALUES (1, 'Lạng Sơn', 'tinh');
             INSERT INTO programs (id, name, from_year, to_year) VALUES (1, 'Giảm nghèo', 2021, 2025);
             INSERT INTO projects (id, program_id, code, name) VALUES (7, 1, '7', 'Dự án 7');
             INSERT INTO allocations (id, area_id, project_id, from_year, to_year, kind, amount_dong)
                 VALUES (1, 1, 7, 2023, 2023, 'allocated', 494000000);",
        )
        .unwrap();
    let (file, d) = ProjectFile::open_and_load(&path, giamsat::store::Access::ReadWrite).unwrap();
    assert_eq!(file.upgraded().unwrap().from_version, 9);
    assert_eq!(d.allocations.len(), 1);
    assert_eq!(d.allocations[0].round_id, None);
    assert_eq!(
        sums(&d, &allocated(AreaId(1), RoundView::Latest)),
        vec![("2023".into(), 494, vec![AllocationId(1)])]
    );
}

/// Round 1 still a draft, round 2 issued: round 2's documents rest on round 1's figures that
/// it did not revise, so those are locked too; a later round's figures are not.
#[test]
fn a_later_issued_round_locks_the_earlier_figures_its_documents_rest_on() {
    let mut d = two_rounds();
    d.rounds[1].draft_status = DraftStatus::Issued;
    d.rounds[1].subjects = d.rounds[0].subjects.clone();
    for (i, s) in d.rounds[1].subjects.iter_mut().enumerate() {
        s.id = SubjectId(900 + i as i64);
    }
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    let first = d.allocations[0].clone();
    assert_eq!(first.round_id, Some(FIRST));
    let mut changed = first.clone();
    changed.amount_dong = trieu(469);
    assert_eq!(
        check_edit(
            &d,
            &Edit::update(Record::Allocation(first), Record::Allocation(changed)),
        ),
        Err(RuleViolation::LockedFigures(SECOND))
    );
    // A third round's report of the same area is free.
    let mut third = d.rounds[0].clone();
    third.id = RoundId(3);
    third.start_date = NaiveDate::from_ymd_opt(2027, 4, 1);
    third.end_date = None;
    third.subjects.clear();
    third.members.clear();
    third.sessions.clear();
    third.draft_status = DraftStatus::Draft;
    d.rounds.push(third);
    let mut later = d.allocations[0].clone();
    later.id = AllocationId(400);
    later.round_id = Some(RoundId(3));
    check_edit(&d, &Edit::insert(Record::Allocation(later))).unwrap();
}

#[test]
fn a_rounds_text_quotes_its_figures_as_they_stood_and_rounds_are_numbered_in_time() {
    let d = two_rounds();
    let phrase = |view| {
        analysis::figure_phrase(
            &d,
            (
                HUU_LUNG,
                Period::year(2023).unwrap(),
                AllocationKind::Allocated,
            ),
            view,
            MoneyUnit::Trieu,
            Lang::Vi,
        )
        .unwrap()
    };
    assert_eq!(
        phrase(RoundView::AsOf(FIRST)).as_deref(),
        Some("494 triệu đồng")
    );
    assert_eq!(
        phrase(RoundView::AsOf(SECOND)).as_deref(),
        Some("520 triệu đồng")
    );
    // "Đợt 1" is the earliest round, whatever its place in the file.
    assert_eq!(analysis::round_numbered(&d, 1), Some(FIRST));
    let mut swapped = d.clone();
    swapped.rounds[1].start_date = NaiveDate::from_ymd_opt(2021, 1, 4);
    assert_eq!(analysis::round_numbered(&swapped, 1), Some(SECOND));
    assert_eq!(analysis::round_numbered(&swapped, 3), None);
    assert_eq!(analysis::round_numbered(&swapped, 0), None);
}

/// A round that did not report a project is no change of the area's figure: revisions are
/// named per project.
#[test]
fn a_project_one_round_did_not_report_is_not_taken_for_a_change() {
    let mut d = two_rounds();
    let mut project = d.projects[0].clone();
    project.id = ProjectId(8);
    project.code = "8".into();
    project.name = "Dự án khác".into();
    d.projects.push(project);
    let mut other = d.allocations[1].clone();
    other.id = AllocationId(200);
    other.project_id = ProjectId(8);
    other.amount_dong = trieu(10);
    d.allocations.push(other);
    assert!(d.validate().is_empty(), "{:?}", d.validate());
    let chart = charts::build(
        &d,
        &ChartSpec {
            kind: ChartKind::Rounds,
            ..ChartSpec::default()
        },
        Lang::Vi,
    )
    .unwrap();
    let changed: Vec<&String> = chart
        .notes
        .iter()
        .filter(|n| n.matches(" ở Đợt ").count() == 2)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        changed[0],
        "Hữu Lũng (Dự án 7) 2023: 494 triệu đồng ở Đợt 1 (06/2023), 520 triệu đồng ở Đợt 2 (03/2026)."
    );
}

/// The note under an ordinary chart counts the replaced figures of the money it shows.
#[test]
fn the_replaced_figures_note_counts_the_charts_own_money() {
    let mut d = two_rounds();
    let mut carried = d.allocations[2].clone();
    assert_eq!(carried.kind, AllocationKind::CarriedOver);
    carried.id = AllocationId(300);
    carried.round_id = Some(SECOND);
    carried.amount_dong = trieu(26);
    d.allocations.push(carried);
    let note = |spec: ChartSpec| -> Vec<String> {
        charts::build(&d, &spec, Lang::Vi)
            .unwrap()
            .notes
            .into_iter()
            .filter(|n| n.contains("đã được báo cáo lại"))
            .collect()
    };
    let allocated = note(ChartSpec::default());
    assert_eq!(allocated.len(), 1);
    assert!(allocated[0].starts_with("1 số liệu"), "{allocated:?}");
    let by_kind = note(ChartSpec {
        kind: ChartKind::ByKind,
        ..ChartSpec::default()
    });
    assert!(by_kind[0].starts_with("2 số liệu"), "{by_kind:?}");
    let chi_lang_only = note(ChartSpec {
        filter: AllocationFilter {
            area_ids: Some([CHI_LANG].into()),
            ..AllocationFilter::default()
        },
        ..ChartSpec::default()
    });
    assert!(chi_lang_only.is_empty(), "{chi_lang_only:?}");
}
