//! The desktop app (egui). Knows nothing of SQL: it works through `session::Session`.

pub mod app;
pub mod commands;
pub mod fields;
pub mod file_dialog;
pub mod fonts;
pub mod import_wizard;
pub mod jobs;
pub mod screens;
pub mod toasts;

pub use app::{AppConfig, GiamSatApp};
pub use commands::{Command, View};
pub use screens::DataSection;

use std::sync::Arc;

/// Opens the main window and runs until it closes.
pub fn run(config: AppConfig) -> Result<(), String> {
    let viewport = egui::ViewportBuilder::default()
        .with_title("GiamSat")
        .with_app_id("giamsat")
        .with_min_inner_size([760.0, 480.0])
        .with_inner_size([1280.0, 760.0])
        .with_drag_and_drop(true);
    // The title bar and the taskbar show GiamSat's own icon.
    let viewport = match crate::icon::rgba(256) {
        Some(rgba) => viewport.with_icon(Arc::new(egui::IconData {
            rgba,
            width: 256,
            height: 256,
        })),
        None => viewport,
    };
    // eframe restores the window where it was, in the monitor's own pixels and scale, and on
    // Windows moves it back onto a monitor that is still there.
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        persistence_path: Some(config.paths.window_state_file()),
        ..Default::default()
    };
    eframe::run_native(
        "GiamSat",
        options,
        Box::new(move |cc| Ok(Box::new(GiamSatApp::new(&cc.egui_ctx, config)))),
    )
    .map_err(|e| e.to_string())
}
