//! Every screen fits a 1366×768 laptop at 150 %: 910×490 points once the title bar and the task
//! bar are taken. Nothing a user needs may sit past the window's right edge (where no scroll bar
//! reaches it); long lists scroll down, never sideways.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::guide_scenes::{self, SCENES};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use giamsat::i18n::Lang;
use giamsat::ui::View;

const LAPTOP_150: [f32; 2] = [910.0, 490.0];

#[test]
fn every_screen_fits_a_small_laptop_at_150_percent() {
    let mut past = Vec::new();
    for lang in Lang::ALL {
        for scene in SCENES {
            let dir = guide_scenes::scene_dir();
            let h =
                guide_scenes::open_sized(Harness::builder(), scene, lang, dir.path(), LAPTOP_150);
            for node in h.query_all(By::new().include_labels()) {
                let n = node.accesskit_node();
                // Drawn at one pixel a point: the box is in points.
                let Some(r) = n.bounding_box() else {
                    continue;
                };
                let name = n.label().or(n.value()).unwrap_or_default();
                let scrolled = scene.view == View::Data && in_figures_table(&n, lang);
                if !scrolled
                    && r.x1 > f64::from(LAPTOP_150[0]) + 0.5
                    && r.width() > 0.0
                    && !name.is_empty()
                {
                    past.push(format!(
                        "{} ({}): {:?} {name:?} ends at x = {:.0}",
                        scene.file,
                        lang.code(),
                        n.role(),
                        r.x1
                    ));
                }
            }
        }
    }
    assert!(past.is_empty(), "past the right edge:\n{}", past.join("\n"));
}

/// Whether a node is a cell of the figures table (Data → Figures): eleven columns that scroll
/// sideways by design, as in a spreadsheet — a figure's source and note need their width. Its
/// cells are named "COLUMN — ROW", its headers by their column.
fn in_figures_table(n: &egui_kittest::kittest::AccessKitNode<'_>, lang: Lang) -> bool {
    let t = lang.texts();
    // "Số tiền (triệu đồng)": the amount's column, named with its unit.
    let amount = t.col_amount.split('(').next().unwrap_or_default().trim();
    let columns = [
        t.col_funding,
        t.col_round,
        t.col_source_doc,
        t.col_note,
        t.col_actions,
        t.delete,
    ];
    let named = |x: &egui_kittest::kittest::AccessKitNode<'_>| {
        let name = x.label().or(x.value()).unwrap_or_default();
        columns
            .iter()
            .any(|c| name == *c || name.starts_with(&format!("{c} — ")))
            || name.starts_with(&format!("{amount} ("))
    };
    named(n) || n.parent().is_some_and(|p| named(&p))
}
