//! The guide's pictures are the screens as they are: each scene of `guide_scenes` is reached
//! again and its widgets compared with what they were when its picture was made. A screen
//! changed since (words, widgets, layout) fails here until the pictures are made again:
//! `cargo test --features guide-pictures --test guide_pictures` (see the README).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use giamsat::i18n::Lang;

/// Compared on the platform the pictures are made on: the Windows build lays the same
/// screens out the same way, but its paths and fonts' hinting are not what the pictures show.
#[cfg(not(windows))]
#[test]
fn the_guide_pictures_show_the_screens_as_they_are() {
    use crate::guide_scenes::{self, SCENES};
    use egui_kittest::Harness;
    let mut stale = Vec::new();
    for lang in Lang::ALL {
        for scene in SCENES {
            let dir = guide_scenes::scene_dir();
            let h = guide_scenes::open(Harness::builder(), scene, lang, dir.path());
            let now = guide_scenes::fingerprint(&h, dir.path());
            let file = guide_scenes::fingerprint_file(lang, scene);
            let then = std::fs::read_to_string(&file).unwrap_or_default();
            if now != then {
                stale.push(format!("{} ({})", scene.file, lang.code()));
                if std::env::var_os("GIAMSAT_SHOW_SCREEN_CHANGES").is_some() {
                    eprintln!("--- {}\n{now}", file.display());
                }
            }
            assert!(
                guide_scenes::picture_file(lang, scene).exists(),
                "{} has no picture",
                scene.file
            );
        }
    }
    assert!(
        stale.is_empty(),
        "these screens changed since the guide's pictures were made: {}; make them again with \
         `cargo test --features guide-pictures --test guide_pictures` and look at them",
        stale.join(", ")
    );
}

/// Every picture the guide names is shipped, in both languages, and reads as a PNG.
#[test]
fn every_picture_of_the_guide_is_shipped() {
    for lang in Lang::ALL {
        for ch in giamsat::guide::chapters(lang) {
            for b in &ch.blocks {
                if let giamsat::guide::Block::Picture { file, caption } = b {
                    let bytes = giamsat::guide::picture(lang, file)
                        .unwrap_or_else(|| panic!("{file} ({}) is not shipped", lang.code()));
                    assert!(bytes.starts_with(b"\x89PNG"), "{file} is a PNG");
                    assert!(!caption.trim().is_empty(), "{file} has a caption");
                }
            }
        }
    }
}
