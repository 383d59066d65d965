//! Bringing in the districts' figures from their Excel and CSV reports: reading the file
//! ([`grid`]), old Vietnamese font encodings ([`legacy`]), finding the table in it
//! ([`layout`]) and turning it into figures of the project ([`plan`]). Knows nothing of egui;
//! the wizard, the command line and the tests share it.

pub mod command;
pub mod grid;
pub mod layout;
pub mod legacy;
pub mod plan;
pub mod successions;
