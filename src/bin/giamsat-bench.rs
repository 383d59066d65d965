//! Measures the work behind the chart screen and the exports at province scale (65 communes ×
//! 10 years × 7 projects × 3 kinds = 13 650 figures) and prints the figures. It asserts nothing:
//! run it on a quiet machine with `cargo run --release --bin giamsat-bench`.
//! `giamsat-bench --write FILE.giamsat` writes the province-scale project instead;
//! `--write-reformed FILE.giamsat` a made-up province of 11 former districts (2021–2025) and
//! 65 communes (2026–2030) with its succession lines, to try the reform views in the app.

use giamsat::analysis::AllocationFilter;
use giamsat::analysis::count::{Counter, Query};
use giamsat::charts::{self, ChartKind, ChartSpec};
use giamsat::i18n::Lang;
use std::time::Instant;

#[path = "giamsat-bench/hostile.rs"]
mod hostile;
#[path = "giamsat-bench/server.rs"]
mod server;

fn time<T>(label: &str, runs: u32, mut f: impl FnMut() -> T) -> T {
    let mut out = f();
    let start = Instant::now();
    for _ in 0..runs {
        out = f();
    }
    let per = start.elapsed() / runs.max(1);
    println!("{label:<44} {:>10.3} ms", per.as_secs_f64() * 1000.0);
    out
}

fn main() {
    // `--write PATH` only saves the province-scale project, to look at it in the app.
    let args: Vec<String> = std::env::args().collect();
    // `--write-scale N PATH`: a made-up reformed province of about N figures, for the app.
    if let [_, flag, n, path] = args.as_slice()
        && flag == "--write-scale"
    {
        match n.parse::<usize>() {
            Ok(n) => {
                match giamsat::store::ProjectFile::create(std::path::Path::new(path), &scaled(n)) {
                    Ok(_) => println!("wrote {path}"),
                    Err(e) => eprintln!("could not write {path}: {e}"),
                }
            }
            Err(_) => eprintln!("--write-scale N PATH: N is a number of figures"),
        }
        return;
    }
    // `--measure PATH`: the window's work on a project, in a process of its own so its memory
    // is the app's (run by `--scale`).
    if let [_, flag, path] = args.as_slice()
        && flag == "--measure"
    {
        measure(std::path::Path::new(path));
        return;
    }
    // `--hostile`: hostile report files and a large JSON with evidence, each read in a
    // process of its own, with its time and peak memory against the goals.
    // `--server URL`: a project of 100 000 figures on a PostgreSQL server beside a file.
    if let [_, flag, url] = args.as_slice()
        && flag == "--server"
    {
        server::run(url);
        return;
    }
    if args.get(1).is_some_and(|a| a == "--hostile") {
        hostile::run();
        return;
    }
    if let [_, flag, path] = args.as_slice()
        && flag == "--read-report"
    {
        let start = Instant::now();
        let r = giamsat::import::grid::read(std::path::Path::new(path));
        let secs = start.elapsed().as_secs_f64();
        let said = match r {
            Ok(wb) => format!("read: {} sheets", wb.sheets.len()),
            Err(e) => format!("refused: {e}"),
        };
        println!("{secs} {} {said}", hostile::peak_mb().unwrap_or(f64::NAN));
        return;
    }
    if let [_, flag, path, out] = args.as_slice()
        && flag == "--read-json"
    {
        let start = Instant::now();
        let r = std::fs::File::open(path)
            .map_err(|e| e.to_string())
            .and_then(|f| giamsat::exchange::read_json(f).map_err(|e| e.to_string()))
            .and_then(|(d, content)| {
                giamsat::store::ProjectFile::create_with_content(
                    std::path::Path::new(out),
                    &d,
                    &content,
                )
                .map_err(|e| e.to_string())
            });
        let secs = start.elapsed().as_secs_f64();
        let said = match r {
            Ok(_) => "imported".to_string(),
            Err(e) => format!("refused: {e}"),
        };
        println!("{secs} {} {said}", hostile::peak_mb().unwrap_or(f64::NAN));
        return;
    }
    // `--summary [N]`: the whole `giamsat summary --format csv` process on a province of N
    // figures (1 000 000 by default) against the same GROUP BY in the sqlite3 shell.
    if args.get(1).is_some_and(|a| a == "--summary") {
        let n = args
            .get(2)
            .and_then(|n| n.parse().ok())
            .unwrap_or(1_000_000);
        summary_against_sqlite(n);
        return;
    }
    // `--scale`: only the province-scale goals, at 100 000 figures (and 1 000 000 with
    // `--scale 1000000`).
    if args.get(1).is_some_and(|a| a == "--scale") {
        let sizes: Vec<usize> = match args.get(2).and_then(|n| n.parse().ok()) {
            Some(n) => vec![n],
            None => vec![100_000],
        };
        for n in sizes {
            scale(n);
        }
        return;
    }
    if let [_, flag, path] = args.as_slice()
        && (flag == "--write" || flag == "--write-reformed")
    {
        let d = if flag == "--write" {
            giamsat::sample::province_scale()
        } else {
            giamsat::sample::reformed_province(11, 65)
        };
        match giamsat::store::ProjectFile::create(std::path::Path::new(path), &d) {
            Ok(_) => println!("wrote {path}"),
            Err(e) => eprintln!("could not write {path}: {e}"),
        }
        return;
    }
    let d = time(
        "build the province-scale dossier",
        3,
        giamsat::sample::province_scale,
    );
    println!("figures: {}, areas: {}", d.allocations.len(), d.areas.len());
    let _ = time("count: every figure (no filter) and its total", 20, || {
        Counter::new(&d, &AllocationFilter::default()).and_then(|c| {
            c.tally(&Query {
                kind: giamsat::model::AllocationKind::Allocated,
                ..Default::default()
            })
        })
    });
    for kind in ChartKind::ALL {
        let spec = ChartSpec {
            kind,
            ..Default::default()
        };
        let chart = time(
            &format!("chart build + layout: {}", kind.code()),
            10,
            || {
                let c = charts::build(&d, &spec, Lang::Vi);
                let l = c.as_ref().map(charts::layout).ok();
                (c, l)
            },
        );
        if let (Ok(c), _) = chart {
            let svg = time(&format!("  SVG: {}", kind.code()), 5, || {
                charts::svg::render(&c, Lang::Vi)
            });
            println!("  SVG size: {} KiB", svg.len() / 1024);
        }
    }
    let c = charts::build(&d, &ChartSpec::default(), Lang::Vi);
    if let Ok(c) = c {
        let svg = charts::svg::render(&c, Lang::Vi);
        time("PNG (area-year, 1.5×)", 2, || {
            charts::svg::to_png(&svg, 1.5).map(|p| p.len()).unwrap_or(0)
        });
    }
    let dir = std::env::temp_dir().join(format!("giamsat-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("province.giamsat");
    let start = Instant::now();
    match giamsat::store::ProjectFile::create(&path, &d) {
        Ok(f) => {
            println!(
                "{:<44} {:>10.3} ms",
                "write the project file",
                start.elapsed().as_secs_f64() * 1000.0
            );
            time("load the whole project file", 5, || {
                f.load().map(|d| d.allocations.len()).unwrap_or(0)
            });
        }
        Err(e) => println!("could not write the file: {e}"),
    }
    edits(&d, &dir);
    import_workbook();
    whole_program(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    scale(100_000);
    summary_against_sqlite(1_000_000);
}

/// The counting module's whole-province summary, as a user runs it — `giamsat summary FILE
/// --format csv`, the whole process: opening and checking the file, reading every figure,
/// counting, writing the csv — against the same grouping done by SQLite itself in its own
/// shell (`sqlite3 FILE "SELECT … GROUP BY …"`). Run side by side, alternately, five times
/// each; the medians and their ratio are printed against the goal (1.5×).
fn summary_against_sqlite(figures: usize) {
    use std::process::{Command, Stdio};
    println!();
    println!("— giamsat summary against sqlite3's GROUP BY, about {figures} figures —");
    let Some(exe) = giamsat_beside() else {
        println!("(no giamsat binary beside the bench: build it with the same profile)");
        return;
    };
    let sqlite_found = Command::new("sqlite3")
        .arg("-version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !sqlite_found {
        println!("(the sqlite3 shell is not installed: apt install sqlite3, then run again)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("giamsat-summary-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("province.giamsat");
    let d = scaled(figures);
    let n = d.allocations.len();
    let written = giamsat::store::ProjectFile::create(&path, &d);
    drop(d);
    if let Err(e) = written {
        println!("could not write the project: {e}");
        return;
    }
    // One row per area, project, kind and period with its sum and how many amounts are
    // unknown: what the summary's csv gives, grouped by SQLite without any of the rules.
    let group_by = "SELECT area_id, project_id, kind, from_year, to_year, sum(amount_dong), \
                    count(*) - count(amount_dong) FROM allocations \
                    GROUP BY area_id, project_id, kind, from_year, to_year";
    let timed = |cmd: &mut Command| {
        let start = Instant::now();
        let ok = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        ok.then(|| start.elapsed())
    };
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..5 {
        match timed(
            Command::new(&exe)
                .arg("summary")
                .arg(&path)
                .args(["--format", "csv"]),
        ) {
            Some(t) => ours.push(t),
            None => {
                println!("(giamsat summary failed)");
                break;
            }
        }
        match timed(Command::new("sqlite3").arg(&path).arg(group_by)) {
            Some(t) => theirs.push(t),
            None => {
                println!("(sqlite3 failed)");
                break;
            }
        }
    }
    let median = |v: &mut Vec<std::time::Duration>| {
        v.sort();
        v.get(v.len() / 2).map(|d| d.as_secs_f64() * 1000.0)
    };
    if let (Some(a), Some(b)) = (median(&mut ours), median(&mut theirs)) {
        println!(
            "{:<44} {a:>10.0} ms ({n} figures, median of 5)",
            "giamsat summary --format csv"
        );
        println!("{:<44} {b:>10.0} ms (median of 5)", "sqlite3 … GROUP BY …");
        goal("summary ÷ sqlite3 GROUP BY", a / b, "×", 1.5);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A reformed province of about `figures` figures: a tenth of its units former districts.
fn scaled(figures: usize) -> giamsat::model::Dossier {
    // Each unit reports 5 years × 7 projects × 3 kinds of money.
    let units = figures.div_ceil(105).max(2);
    let districts = (units / 10).max(1);
    giamsat::sample::reformed_province(districts, units - districts)
}

/// Writes a project of `figures` figures and measures the window on it in a child process.
fn scale(figures: usize) {
    println!();
    println!("— a reformed province of about {figures} figures —");
    let dir = std::env::temp_dir().join(format!("giamsat-scale-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("scale.giamsat");
    let start = Instant::now();
    let d = scaled(figures);
    let made = start.elapsed();
    let written = giamsat::store::ProjectFile::create(&path, &d);
    println!(
        "{:<44} {:>10.0} ms (making {:.0} ms; {} figures, {} areas)",
        "write the project (preparation)",
        start.elapsed().as_secs_f64() * 1000.0,
        made.as_secs_f64() * 1000.0,
        d.allocations.len(),
        d.areas.len()
    );
    drop(d);
    if let Err(e) = written {
        println!("could not write the project: {e}");
        return;
    }
    match std::env::current_exe() {
        Ok(exe) => {
            let status = std::process::Command::new(exe)
                .arg("--measure")
                .arg(&path)
                .status();
            if !status.is_ok_and(|s| s.success()) {
                println!("(the measuring process failed)");
            }
        }
        Err(e) => println!("(cannot run the measuring process: {e})"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A figure against its goal.
fn goal(label: &str, value: f64, unit: &str, most: f64) {
    let verdict = if value <= most { "ok" } else { "OVER" };
    println!("{label:<44} {value:>10.1} {unit} (goal ≤ {most} {unit}: {verdict})");
}

/// The resident memory of this process, where the system tells it.
fn resident_mb() -> Option<f64> {
    status_mb("VmRSS:")
}

/// A memory figure of this process from /proc/self/status (Linux), in MB.
fn status_mb(key: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with(key))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Opens `path` as the app does and draws its chart screen headless (layout and
/// tessellation, as the window's CPU does each frame; no GPU), then changes the years shown.
fn measure(path: &std::path::Path) {
    use giamsat::i18n::Lang;
    use giamsat::model::MoneyUnit;
    use giamsat::ui::fields::Fields;
    use giamsat::ui::screens::{Ctx, Screen, charts::ChartsScreen};
    use giamsat::ui::toasts::Toasts;
    let start = Instant::now();
    let mut session = match giamsat::session::Session::open(path) {
        Ok(s) => s,
        Err(e) => {
            println!("could not open: {e}");
            return;
        }
    };
    let opened = start.elapsed();
    // The goals are for 100 000 figures; a million only has to open in 5 s and stay
    // usable, which we take as 30 frames a second and a filter answered within a second.
    let million = session.dossier().allocations.len() > 200_000;
    let (open_goal, frame_goal, change_goal, memory_goal) = if million {
        (5000.0, 33.0, 1000.0, 400.0_f64)
    } else {
        (500.0, 8.0, 50.0, 250.0)
    };
    let egui_ctx = egui::Context::default();
    egui_ctx.set_fonts(giamsat::ui::fonts::definitions());
    let mut screen = ChartsScreen::default();
    let mut fields = Fields::default();
    let mut toasts = Toasts::default();
    let jobs = giamsat::ui::jobs::Jobs::new(&egui_ctx);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1366.0, 768.0),
        )),
        ..Default::default()
    };
    let mut frame = |screen: &mut ChartsScreen| {
        let t = Instant::now();
        let out = egui_ctx.run_ui(input(), |ui| {
            let mut c = Ctx {
                session: &mut session,
                fields: &mut fields,
                toasts: &mut toasts,
                lang: Lang::Vi,
                unit: MoneyUnit::Trieu,
                user: "bench",
                today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default(),
                jobs: &jobs,
            };
            let _ = screen.ui(ui, &mut c);
        });
        let mut out = out;
        let _ = egui_ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point);
        // No GPU to hand the font atlas to: it is dropped knowingly.
        out.textures_delta.clear();
        t.elapsed()
    };
    // Frames until the chart is drawn: a large project's chart is built on another thread
    // while the window goes on (the wait and the worst frame meanwhile).
    let until_drawn =
        |screen: &mut ChartsScreen,
         frame: &mut dyn FnMut(&mut ChartsScreen) -> std::time::Duration| {
            let start = Instant::now();
            let mut worst = frame(screen);
            while screen.is_building() {
                std::thread::sleep(std::time::Duration::from_millis(1));
                worst = worst.max(frame(screen));
            }
            (start.elapsed(), worst)
        };
    // Fonts are laid out on the first frame of any window; the first frames here are those.
    let (first, first_worst) = until_drawn(&mut screen, &mut frame);
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{:<44} {:>10.1} ms (reading {:.1} ms, to the drawn chart {:.1} ms, worst frame {:.1} ms)",
        "  open → drawn chart",
        ms(opened + first),
        ms(opened),
        ms(first),
        ms(first_worst)
    );
    goal("open → drawn chart", ms(opened + first), "ms", open_goal);
    let mut worst = std::time::Duration::ZERO;
    let mut all = std::time::Duration::ZERO;
    let frames = 20;
    for _ in 0..frames {
        let f = frame(&mut screen);
        worst = worst.max(f);
        all += f;
    }
    println!(
        "{:<44} {:>10.1} ms (mean of {frames}; wall time on a quiet machine)",
        "  a frame of the chart screen",
        ms(all / frames)
    );
    goal("a chart frame (worst)", ms(worst), "ms", frame_goal);
    let mut worst_change = std::time::Duration::ZERO;
    let mut worst_frame = std::time::Duration::ZERO;
    for (from, to) in [("2026", "2028"), ("2021", "2025"), ("", "")] {
        screen.set_years(from, to);
        let (wait, worst) = until_drawn(&mut screen, &mut frame);
        worst_change = worst_change.max(wait);
        worst_frame = worst_frame.max(worst);
    }
    println!(
        "{:<44} {:>10.1} ms (the window's worst frame meanwhile)",
        "  a filter change",
        ms(worst_frame)
    );
    goal(
        "a filter change (years) → drawn, worst",
        ms(worst_change),
        "ms",
        change_goal,
    );
    let d = session.dossier_arc();
    let spec = giamsat::charts::ChartSpec::default();
    time("  of which: chart build + layout", 5, || {
        giamsat::charts::build(&d, &spec, Lang::Vi)
            .map(|c| giamsat::charts::layout(&c).bars.len())
            .unwrap_or(0)
    });
    time("  of which: counting every figure", 5, || {
        Counter::new(&d, &spec.filter)
            .map(|c| c.rows().len())
            .unwrap_or(0)
    });
    match resident_mb() {
        Some(mb) if memory_goal.is_finite() => {
            goal("resident memory after drawing", mb, "MB", memory_goal)
        }
        Some(mb) => println!(
            "{:<44} {mb:>10.1} MB (no goal at this size)",
            "resident memory"
        ),
        None => println!("{:<44} (not measured on this system)", "resident memory"),
    }
}

/// The giamsat program built with the same profile as this bench, if it is there.
fn giamsat_beside() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let exe = exe
        .parent()?
        .join(format!("giamsat{}", std::env::consts::EXE_SUFFIX));
    exe.exists().then_some(exe)
}

/// What a user waits for from the packaged program itself, run as a process from beside this
/// bench (so a `dist` build is measured against a `release` one): starting it, and printing the
/// official document and the figures' summary of the sample to PDF (fonts, typesetting, PDF).
fn whole_program(dir: &std::path::Path) {
    use std::process::{Command, Stdio};
    let Some(exe) = giamsat_beside() else {
        println!("(no giamsat binary beside the bench: build it with the same profile)");
        return;
    };
    if let Ok(size) = std::fs::metadata(&exe).map(|m| m.len()) {
        println!(
            "{:<44} {:>10.1} MB",
            "size of the giamsat binary",
            size as f64 / 1e6
        );
    }
    let sample = dir.join("sample.giamsat");
    let run = |args: &[&std::ffi::OsStr]| {
        Command::new(&exe)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if !run(&["sample".as_ref(), sample.as_os_str()]) {
        println!("(giamsat sample failed)");
        return;
    }
    let pdf = dir.join("out.pdf");
    let cases: [(&str, Vec<&std::ffi::OsStr>); 3] = [
        (
            "program start: giamsat --version",
            vec!["--version".as_ref()],
        ),
        (
            "print the official document (thong-bao)",
            vec![
                "print".as_ref(),
                "--doc".as_ref(),
                "thong-bao".as_ref(),
                "--pdf".as_ref(),
                pdf.as_os_str(),
                sample.as_os_str(),
            ],
        ),
        (
            "print the figures' summary (tom-tat)",
            vec![
                "print".as_ref(),
                "--doc".as_ref(),
                "tom-tat".as_ref(),
                "--pdf".as_ref(),
                pdf.as_os_str(),
                sample.as_os_str(),
            ],
        ),
    ];
    for (label, args) in cases {
        let runs = 7;
        let mut times = Vec::new();
        for _ in 0..runs {
            let _ = std::fs::remove_file(&pdf);
            let start = Instant::now();
            if !run(&args) {
                println!("({label}: failed)");
                break;
            }
            times.push(start.elapsed());
        }
        times.sort();
        if let Some(median) = times.get(times.len() / 2) {
            println!(
                "{label:<44} {:>10.3} ms (median of {runs} runs)",
                median.as_secs_f64() * 1000.0
            );
        }
    }
}

/// A province's report: 65 communes × 10 years × 3 kinds of money, as one workbook with a
/// two-row header, read, detected and planned as `giamsat import-table` does (target < 1 s).
fn import_workbook() {
    use giamsat::import::{grid, layout, plan};
    let years: Vec<i32> = (2016..2026).collect();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let built = (|| -> Result<(), rust_xlsxwriter::XlsxError> {
        ws.write_string(0, 0, "ĐVT: triệu đồng")?;
        ws.write_string(2, 0, "STT")?;
        ws.write_string(2, 1, "Đơn vị")?;
        for (i, y) in years.iter().enumerate() {
            let c = 2 + 3 * i as u16;
            ws.write_string(2, c, format!("Năm {y}"))?;
            ws.write_string(3, c, "Kế hoạch vốn")?;
            ws.write_string(3, c + 1, "Giải ngân")?;
            ws.write_string(3, c + 2, format!("Vốn năm {} chuyển sang năm {y}", y - 1))?;
        }
        for n in 0..65u32 {
            let r = 4 + n;
            ws.write_number(r, 0, f64::from(n + 1))?;
            ws.write_string(r, 1, format!("Xã Số {}", n + 1))?;
            for c in 0..30u16 {
                ws.write_number(r, 2 + c, f64::from(n * 7 + u32::from(c)) + 0.5)?;
            }
        }
        Ok(())
    })();
    let bytes = match built.and_then(|()| wb.save_to_buffer()) {
        Ok(b) => b,
        Err(e) => {
            println!("could not write the workbook: {e}");
            return;
        }
    };
    println!("province workbook: {} KiB", bytes.len() / 1024);
    let d = giamsat::sample::lang_son();
    let options = plan::Options {
        project_id: giamsat::sample::DU_AN_7,
        parent_id: Some(giamsat::sample::LANG_SON),
        unit: None,
        source: "Báo cáo tỉnh.xlsx".into(),
        mapping: None,
        round_id: None,
    };
    let figures = time("import: read + detect + plan (65 × 10 × 3)", 5, || {
        let wb = match grid::read_bytes(&bytes) {
            Ok(wb) => wb,
            Err(_) => return 0,
        };
        let Ok(layout) = layout::detect(&wb.sheets[0]) else {
            return 0;
        };
        let p = plan::plan(&d, &layout, &options);
        p.counts().0
    });
    println!("  figures planned: {figures}");
}

/// One edit as the app makes it (`Session::apply`: rule check, the edited records validated,
/// the change queued for the writer thread), at province scale: the time the window waits for
/// it, and the time until the writer has it in the file (one transaction, synced).
fn edits(d: &giamsat::model::Dossier, dir: &std::path::Path) {
    use giamsat::model::*;
    use giamsat::session::{Change, ChangeLabel, Session};
    use std::time::Duration;
    let mut s = match Session::create_untitled(&dir.join("autosave"), d) {
        Ok(s) => s,
        Err(e) => {
            println!("could not create a session: {e}");
            return;
        }
    };
    let edit = |s: &Session, i: i64| {
        let before = s.dossier().allocations[1].clone();
        let mut after = before.clone();
        after.amount_dong = Amount::Known(Dong::new(1_000_000 + i).unwrap_or(Dong::ZERO));
        Change::update(
            ChangeLabel::edit(|t| t.what_amount, ""),
            Record::Allocation(before),
            Record::Allocation(after),
        )
    };
    let runs = 50;
    let (mut ui, mut worst, mut end_to_end) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for i in 0..runs {
        let change = edit(&s, i);
        let start = Instant::now();
        if let Err(e) = s.apply(change) {
            println!("edit failed: {e:?}");
            return;
        }
        let on_ui = start.elapsed();
        if let Err(e) = s.flush() {
            println!("writing failed: {e:?}");
            return;
        }
        ui += on_ui;
        worst = worst.max(on_ui);
        end_to_end += start.elapsed();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{:<44} {:>10.3} ms (worst {:.3} ms; target ≤ 2 ms)",
        "one edit: time on the UI thread",
        ms(ui / runs as u32),
        ms(worst)
    );
    println!(
        "{:<44} {:>10.3} ms",
        "one edit: until it is in the file",
        ms(end_to_end / runs as u32)
    );
    // Typing faster than the disk: the window does not wait, the writer catches up.
    let start = Instant::now();
    for i in 0..runs {
        let change = edit(&s, 1000 + i);
        if s.apply(change).is_err() {
            return;
        }
    }
    let queued = start.elapsed();
    let _ = s.flush();
    println!(
        "{:<44} {:>10.3} ms on the UI thread, {:.3} ms to disk",
        format!("{runs} edits in a burst"),
        ms(queued),
        ms(start.elapsed())
    );
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        let _ = giamsat::model::Dossier::clone(s.dossier());
    }
    println!(
        "{:<44} {:>10.3} ms",
        "  of which: cloning the dossier",
        ms(start.elapsed() / runs)
    );
    let edits = edit(&s, 0).edits;
    let start = Instant::now();
    for _ in 0..runs {
        let _ = s.dossier().validate_edits(&edits);
    }
    println!(
        "{:<44} {:>10.3} ms",
        "  of which: validating the edited records",
        ms(start.elapsed() / runs)
    );
    let start = Instant::now();
    for _ in 0..runs {
        let _ = s.dossier().validate();
    }
    println!(
        "{:<44} {:>10.3} ms",
        "  (validating the whole dossier instead)",
        ms(start.elapsed() / runs)
    );
}
