//! GiamSat: the supervision work of the Vietnam Fatherland Front's provincial committees —
//! reported figures, conclusions, recommendations and their follow-up — in one project file.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod analysis;
pub mod backup;
pub mod charts;
pub mod checks;
pub mod cli;
pub mod crash_report;
pub mod exchange;
pub mod fsutil;
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
