//! The screens the user guide shows, reached from the Lạng Sơn sample the way a user would.
//!
//! One list serves two programs: the picture generator (`tests/guide_pictures.rs`, built only
//! with `--features guide-pictures`, which renders each scene to assets/guide/img/) and the
//! suite's check that the pictures are not older than the screens (`guide_pictures.rs`), which
//! compares each scene's widgets with what they were when its picture was made.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::{Harness, HarnessBuilder};
use giamsat::i18n::Lang;
use giamsat::sample;
use giamsat::settings::AppPaths;
use giamsat::store::ProjectFile;
use giamsat::ui::{AppConfig, GiamSatApp, View};
use std::path::{Path, PathBuf};

/// The window of the pictures, in points (drawn at one pixel a point): a 1366×768 laptop's
/// window less the task bar and title.
pub const SIZE: [f32; 2] = [1280.0, 700.0];

/// The day the pictures are taken on, so deadlines read the same at every run.
pub fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 3, 15).unwrap()
}

pub struct Scene {
    /// The picture's file under assets/guide/img/LANG/.
    pub file: &'static str,
    /// Brings the app opened on the sample to the screen of the picture.
    pub reach: fn(&mut Harness<'static, GiamSatApp>, Lang, &Path),
    /// The screen to open the sample on.
    pub view: View,
}

pub const SCENES: &[Scene] = &[
    Scene {
        file: "new-project.png",
        reach: new_project,
        view: View::Data,
    },
    Scene {
        file: "data.png",
        reach: nothing,
        view: View::Data,
    },
    Scene {
        file: "import.png",
        reach: import,
        view: View::Data,
    },
    Scene {
        file: "charts.png",
        reach: a_bar,
        view: View::Charts,
    },
    Scene {
        file: "drafting.png",
        reach: figure_check,
        view: View::Drafting,
    },
    Scene {
        file: "follow-up.png",
        reach: first_recommendation,
        view: View::FollowUp,
    },
    Scene {
        file: "print.png",
        reach: preview,
        view: View::Print,
    },
];

/// The app on a copy of the sample in `dir`, on the scene's screen, in `lang`.
pub fn open(
    builder: HarnessBuilder<GiamSatApp>,
    scene: &Scene,
    lang: Lang,
    dir: &Path,
) -> Harness<'static, GiamSatApp> {
    open_sized(builder, scene, lang, dir, SIZE)
}

/// The same in a window of `size` points.
pub fn open_sized(
    builder: HarnessBuilder<GiamSatApp>,
    scene: &Scene,
    lang: Lang,
    dir: &Path,
    size: [f32; 2],
) -> Harness<'static, GiamSatApp> {
    let project = dir.join(match lang {
        Lang::Vi => "Giám sát Dự án 7 Lạng Sơn.giamsat",
        Lang::En => "Project 7 Lang Son.giamsat",
    });
    if !project.exists() {
        ProjectFile::create(&project, &sample::lang_son()).unwrap();
    }
    let home = dir.join(format!("home-{}", scene.file));
    let mut c = AppConfig::new(AppPaths::in_dir(&home));
    c.native_dialogs = None;
    c.file = Some(project);
    c.lang = Some(lang);
    c.view = Some(scene.view);
    c.today = Some(today());
    let mut h = builder
        .with_size(size)
        .with_pixels_per_point(1.0)
        .build_eframe(move |cc| GiamSatApp::new(&cc.egui_ctx, c));
    wait_for(&mut h, |a| a.session().is_some() && !a.is_busy());
    (scene.reach)(&mut h, lang, dir);
    // The pointer leaves the window (no arrow, no hover in the picture); pop-ups and
    // animations settle.
    h.event(egui::Event::PointerGone);
    h.run_steps(8);
    h
}

/// A folder for a scene's project: its name shows in the status bar of the pictures.
pub fn scene_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("giamsat-")
        .tempdir()
        .unwrap()
}

pub fn wait_for(h: &mut Harness<'static, GiamSatApp>, done: impl Fn(&GiamSatApp) -> bool) {
    for _ in 0..3000 {
        h.step();
        if done(h.state()) {
            h.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("timed out waiting for the app");
}

fn nothing(_: &mut Harness<'static, GiamSatApp>, _: Lang, _: &Path) {}

fn new_project(h: &mut Harness<'static, GiamSatApp>, lang: Lang, _: &Path) {
    let t = lang.texts();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run_steps(3);
    let name = match lang {
        Lang::Vi => "Giám sát thực hiện Dự án 7 năm 2026",
        Lang::En => "Supervision of Project 7, 2026",
    };
    let role = egui::accesskit::Role::TextInput;
    h.get_by_role_and_label(role, t.new_dossier_name)
        .type_text(name);
    h.run_steps(1);
    h.get_by_role_and_label(role, t.new_project_province)
        .click();
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(role, t.new_project_province)
        .type_text("Lạng Sơn");
    h.run_steps(2);
    // The list of provinces closed, as after picking one.
    h.key_press(egui::Key::Tab);
    h.run_steps(2);
}

/// A district's report, as the sample's Hữu Lũng sends it.
pub const REPORT: &str = "UBND HUYỆN HỮU LŨNG\n\nĐVT: triệu đồng\n\
    STT;Đơn vị;Năm 2022;;Năm 2023;;Vốn năm 2022 chuyển sang năm 2023\n\
    ;;Kế hoạch vốn;Giải ngân;Kế hoạch vốn;Giải ngân;\n\
    A;B;1;2;3;4;5\n\
    1;Phòng Lao động - Thương binh và Xã hội - Dân tộc;100;90;120;-;10\n\
    2;  xã  Minh Sơn ;50;45,5;60;;x\n\
    3;Thị trấn Hữu Lũng;30;30;40;20;chưa xác định số liệu\n\
    ;Tổng cộng;180;165,5;220;20;\n\nNgười lập biểu\n";

fn import(h: &mut Harness<'static, GiamSatApp>, lang: Lang, dir: &Path) {
    let report: PathBuf = dir.join("Báo cáo Hữu Lũng.csv");
    std::fs::write(&report, REPORT).unwrap();
    let ctx = h.ctx.clone();
    h.state_mut().import_table_path(&ctx, report);
    wait_for(h, |a| !a.is_busy());
    h.get_by_label(lang.texts().imp_tab_checks).click();
    h.run_steps(3);
}

/// Hữu Lũng's 2023 bar clicked: its records beside the chart.
fn a_bar(h: &mut Harness<'static, GiamSatApp>, lang: Lang, _: &Path) {
    h.get_by_label(match lang {
        Lang::Vi => "Cột Hữu Lũng, 2023: 494 triệu đồng",
        Lang::En => "Bar Hữu Lũng, 2023: 494 million đồng",
    })
    .click();
    h.run_steps(3);
}

fn figure_check(h: &mut Harness<'static, GiamSatApp>, lang: Lang, _: &Path) {
    h.get_by_label(lang.texts().check_button).click();
    wait_for(h, |a| !a.is_busy());
}

fn first_recommendation(h: &mut Harness<'static, GiamSatApp>, lang: Lang, _: &Path) {
    let first = match lang {
        Lang::Vi => "Kiến nghị 1:",
        Lang::En => "Recommendation 1:",
    };
    h.get_by_label_contains(first).click();
    h.run_steps(3);
}

fn preview(h: &mut Harness<'static, GiamSatApp>, _: Lang, _: &Path) {
    wait_for(h, |a| {
        !a.print_screen().is_rendering() && a.print_screen().pages() > 0
    });
}

/// What the scene's screen shows, widget by widget: role, name, value and where it sits
/// (whole points); the project's path only by its role. Two runs on the same screens give the same
/// text; a screen changed in its words or its layout gives another.
pub fn fingerprint(h: &Harness<'static, GiamSatApp>, dir: &Path) -> String {
    let dir = dir.display().to_string();
    let mut out = String::new();
    for node in h.query_all(egui_kittest::kittest::By::new().include_labels()) {
        let n = node.accesskit_node();
        let (label, value) = (n.label().unwrap_or_default(), n.value().unwrap_or_default());
        if label.is_empty() && value.is_empty() {
            continue;
        }
        // The folder's name differs at each run, and so does its width on the screen.
        if label.contains(&dir) || value.contains(&dir) {
            out.push_str(&format!("{:?} (the project's path)\n", n.role()));
            continue;
        }
        let Some(r) = n.bounding_box() else {
            continue;
        };
        out.push_str(&format!(
            "{:?} {:.0},{:.0} {:.0}×{:.0} {label:?}",
            n.role(),
            r.x0,
            r.y0,
            r.width(),
            r.height()
        ));
        if !value.is_empty() {
            out.push_str(&format!(" = {value:?}"));
        }
        out.push('\n');
    }
    out
}

/// Where the fingerprint of a scene is kept.
pub fn fingerprint_file(lang: Lang, scene: &Scene) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/guide-screens")
        .join(format!(
            "{}-{}.txt",
            lang.code(),
            scene.file.trim_end_matches(".png")
        ))
}

/// Where the picture of a scene is kept.
pub fn picture_file(lang: Lang, scene: &Scene) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/guide/img")
        .join(lang.code())
        .join(scene.file)
}
