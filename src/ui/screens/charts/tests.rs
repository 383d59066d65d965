//! The screen's own tests: the chart cache, and a large project's chart built apart.

use super::*;

#[test]
fn the_chart_is_built_once_per_data_and_filter() {
    let d = crate::sample::lang_son();
    let mut screen = ChartsScreen::default();
    let at = |document, revision| Stamp { document, revision };
    let (a, _) = screen.chart(&d, at(1, 1), MoneyUnit::Trieu, Lang::Vi);
    let (b, _) = screen.chart(&d, at(1, 1), MoneyUnit::Trieu, Lang::Vi);
    assert!(
        Arc::ptr_eq(&a, &b),
        "same data and filter: the cached chart"
    );
    let (c, _) = screen.chart(&d, at(1, 2), MoneyUnit::Trieu, Lang::Vi);
    assert!(!Arc::ptr_eq(&a, &c), "a new revision rebuilds");
    let (other, _) = screen.chart(&d, at(2, 2), MoneyUnit::Trieu, Lang::Vi);
    assert!(
        !Arc::ptr_eq(&c, &other),
        "another document at the same revision rebuilds"
    );
    screen.kind = ChartKind::ByKind;
    let (e, _) = screen.chart(&d, at(2, 2), MoneyUnit::Trieu, Lang::Vi);
    assert_ne!(e.title, c.title);
}

/// A large project's chart comes from another thread: the window meanwhile shows that it
/// is coming, then the same chart a direct build gives; a choice made while one build runs
/// waits for it and then gets its own.
#[test]
fn a_large_projects_chart_is_built_apart_and_arrives_whole() {
    let d = Arc::new(crate::sample::reformed_province(20, 460));
    assert!(d.allocations.len() >= BUILD_APART_FROM);
    let jobs = crate::ui::jobs::Jobs::new(&egui::Context::default());
    let stamp = Stamp {
        document: 1,
        revision: 1,
    };
    let mut screen = ChartsScreen::default();
    let mut get = |screen: &mut ChartsScreen| {
        screen.chart_for_screen(&jobs, &d, stamp, MoneyUnit::Trieu, Lang::Vi)
    };
    let (waiting, _, building) = get(&mut screen);
    assert!(building);
    assert_eq!(waiting.empty_message.as_deref(), Some("Đang vẽ biểu đồ…"));
    let wait_for = |screen: &mut ChartsScreen, get: &mut dyn FnMut(&mut ChartsScreen) -> _| {
        for _ in 0..6000 {
            let (chart, _, building): (Arc<Chart>, Arc<Layout>, bool) = get(screen);
            if !building {
                return chart;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the chart never arrived");
    };
    let chart = wait_for(&mut screen, &mut get);
    let direct = charts::build(&d, &screen.spec(MoneyUnit::Trieu), Lang::Vi).unwrap();
    assert_eq!(*chart, direct);

    // Two changes in a row: the first build runs, the second waits, the last one wins.
    screen.set_years("2026", "2027");
    let (shown, _, building) = get(&mut screen);
    assert!(building);
    assert!(
        Arc::ptr_eq(&shown, &chart),
        "the last chart stays meanwhile"
    );
    screen.set_years("2021", "2022");
    let _ = get(&mut screen);
    let chart = wait_for(&mut screen, &mut get);
    let direct = charts::build(&d, &screen.spec(MoneyUnit::Trieu), Lang::Vi).unwrap();
    assert_eq!(*chart, direct);
    assert!(!screen.is_building());
}
