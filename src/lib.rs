//! GiamSat: the supervision work of the Vietnam Fatherland Front's provincial committees —
//! reported figures, conclusions, recommendations and their follow-up — in one project file.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod backup;
pub mod charts;
pub mod checks;
pub mod cli;
pub mod command_words;
pub mod crash_report;
pub mod exchange;
pub mod faults;
pub mod follow_up;
pub mod fsutil;
pub mod guide;
pub mod i18n;
pub mod icon;
pub mod import;
pub mod launch;
pub mod lock;
pub mod model;
pub mod print;
pub mod sample;
pub mod session;
pub mod settings;
pub mod spreadsheet;
pub mod store;
pub mod ui;

/// The version, the commit it was built from and the build date:
/// "0.1.0 (a1b2c3d4e5, 2026-11-26)".
pub const VERSION_DETAIL: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (",
    env!("GIAMSAT_COMMIT"),
    ", ",
    env!("GIAMSAT_BUILD_DATE"),
    ")"
);
