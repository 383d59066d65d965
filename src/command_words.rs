//! The words that make `giamsat` a command rather than the window. Its own file, because the
//! Windows console program (`src/bin/giamsat-console.rs`) includes it without linking the rest
//! of GiamSat; `cli`'s test keeps it equal to the parser's subcommands.

/// The subcommands and the options that print and exit: what `giamsat.com` runs as a command
/// (tied to the console) rather than as the window. A test keeps it equal to the parser's.
pub const COMMAND_WORDS: &[&str] = &[
    "sample",
    "guide",
    "new",
    "check",
    "summary",
    "explain",
    "chart",
    "print",
    "issue",
    "unlock",
    "check-text",
    "recommendations",
    "follow-up",
    "attach",
    "attachments",
    "areas",
    "search",
    "export",
    "import-table",
    "export-table",
    "report-form",
    "import",
    "server",
    "help",
    "-h",
    "--help",
    "-V",
    "--version",
];
