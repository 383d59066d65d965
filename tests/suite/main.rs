//! Every integration test of GiamSat in one test binary: one link instead of two dozen, so
//! `cargo test` builds quicker and fills a fraction of the disk (each binary carries the whole
//! app). A file here is a module; run one with `cargo test --test suite <module>::`.

mod architecture;
mod attachments;
mod cli;
mod counting;
mod crash;
mod faults;
mod follow_up;
mod guide_pictures;
mod guide_scenes;
mod hostile;
mod import_table;
mod issued;
mod json_exchange;
mod many_areas;
mod print;
mod project_file;
mod reform;
mod rounds;
mod server;
mod server_check_in;
mod server_window;
mod spreadsheet;
mod trials;
mod ui_app;
mod ui_areas;
mod ui_charts;
mod ui_drafting;
mod ui_fit;
mod ui_follow_up;
mod ui_import;
mod ui_newcomer;
mod ui_print;
mod ui_reliability;
mod windows;
#[cfg(windows)]
mod windows_resources;
