//! Makes the user guide's pictures from the Lạng Sơn sample: each scene of
//! `suite/guide_scenes.rs` rendered to assets/guide/img/LANG/ (with wgpu, on Mesa's software
//! renderer where there is no GPU), and its widgets written beside the suite's fixtures so the
//! suite can tell when a screen has changed since.
//!
//! `cargo test --features guide-pictures --test guide_pictures` — rerun when a screen changes,
//! then look at the pictures and commit them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "suite/guide_scenes.rs"]
mod guide_scenes;

use egui_kittest::Harness;
use giamsat::i18n::Lang;

#[test]
fn make_the_guide_pictures() {
    for lang in Lang::ALL {
        for scene in guide_scenes::SCENES {
            // One folder at every run: its name shows in the status bar, and a picture made
            // again from the same screen is the same file.
            let dir = std::env::temp_dir().join("GiamSat");
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            let mut h = guide_scenes::open(Harness::builder().wgpu(), scene, lang, &dir);
            let image = h.render().expect("the scene renders");
            let png = guide_scenes::picture_file(lang, scene);
            std::fs::create_dir_all(png.parent().unwrap()).unwrap();
            image.save(&png).unwrap();
            let txt = guide_scenes::fingerprint_file(lang, scene);
            std::fs::create_dir_all(txt.parent().unwrap()).unwrap();
            std::fs::write(&txt, guide_scenes::fingerprint(&h, &dir)).unwrap();
            drop(h);
            let _ = std::fs::remove_dir_all(&dir);
            println!("{}", png.display());
        }
    }
}
