//! The UI font. egui's own font stops before the Vietnamese letters (ả ầ ệ ự ữ ỹ …), so Noto
//! Sans (OFL, assets/fonts) is installed first in every family.

use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// The family name for bold text (headings).
pub const BOLD_FAMILY: &str = "bold";

pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts
        .font_data
        .insert("noto-sans".into(), Arc::new(FontData::from_static(REGULAR)));
    fonts.font_data.insert(
        "noto-sans-bold".into(),
        Arc::new(FontData::from_static(BOLD)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .insert(0, "noto-sans".into());
    }
    // Arrows and triangles (▲ ▼ ▸) are in egui's monospace font only; keep it as a last
    // fallback so they never turn into boxes.
    let proportional = fonts.families.entry(FontFamily::Proportional).or_default();
    if !proportional.iter().any(|f| f == "Hack") {
        proportional.push("Hack".into());
    }
    let mut bold = vec!["noto-sans-bold".to_string()];
    bold.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts
        .families
        .insert(FontFamily::Name(BOLD_FAMILY.into()), bold);
    fonts
}

pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}

/// Text in the bold face.
pub fn bold(text: impl Into<String>) -> egui::RichText {
    egui::RichText::new(text).family(FontFamily::Name(BOLD_FAMILY.into()))
}
