//! The structure the README's architecture paragraph describes, checked on the sources: which
//! layer may use which, where egui, SQL and threads may appear, one shape for screens, and no
//! file past ~800 lines without a reason stated at its top. A rule broken here is a design
//! decision to make on purpose (and to write down), not by accident.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

/// Every Rust source under `src/`, with its path relative to `src/` ('/'-separated).
fn sources() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The code of a file as the build sees it outside tests: comments dropped, and each item
/// marked `#[cfg(test)]` left out (unit tests may reach across layers to set things up), but
/// only that item: the code after it is checked.
fn code(text: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| match l.find("//") {
            // A "//" inside a string ("https://…") is rare in this code base; the rules below
            // look for paths, which such strings do not hold.
            Some(i) => &l[..i],
            None => l,
        })
        .collect();
    let mut kept = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() != "#[cfg(test)]" {
            kept.push(lines[i]);
            i += 1;
            continue;
        }
        // Skip the item: one line ending in `;`, or up to the brace that closes it.
        i += 1;
        let mut depth = 0i32;
        let mut opened = false;
        while i < lines.len() {
            let l = lines[i];
            depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
            opened |= l.contains('{');
            i += 1;
            if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                break;
            }
        }
    }
    kept.join("\n")
}

/// The crate's top-level modules `code` names: `crate::m::…`, `crate::m;`, `crate::m as x`,
/// or inside `use crate::{…}`.
fn modules_named(code: &str) -> std::collections::BTreeSet<String> {
    // One space for any run of whitespace, none around punctuation.
    let mut flat = code.split_whitespace().collect::<Vec<_>>().join(" ");
    for p in ["{", "}", ",", "::", ";"] {
        flat = flat
            .replace(&format!(" {p}"), p)
            .replace(&format!("{p} "), p);
    }
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut named = std::collections::BTreeSet::new();
    for (at, found) in flat.match_indices("crate::") {
        let rest = &flat[at + found.len()..];
        let Some(group) = rest.strip_prefix('{') else {
            named.insert(ident(rest));
            continue;
        };
        // The group's items, split at its own commas.
        let mut depth = 0;
        let mut item = String::new();
        for c in group.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    named.insert(ident(&item));
                    item.clear();
                    continue;
                }
                _ => {}
            }
            item.push(c);
        }
        named.insert(ident(&item));
    }
    named.remove("");
    named
}

/// Whether `code` names the crate's module `module`, in any of the forms a path takes.
fn names_module(code: &str, module: &str) -> bool {
    modules_named(code).contains(module)
}

/// The layer a file belongs to: its first path component under `src/`, without `.rs`.
fn layer(rel: &str) -> &str {
    let first = rel.split('/').next().unwrap_or(rel);
    first.strip_suffix(".rs").unwrap_or(first)
}

fn is_test_file(rel: &str) -> bool {
    rel.ends_with("/tests.rs") || rel.ends_with("_tests.rs")
}

#[test]
fn the_rules_see_code_after_a_test_item_and_paths_in_any_form() {
    let text = "#[cfg(test)]\nmod tests;\nuse crate::ui::x;\n#[cfg(test)]\nmod t {\n    use crate::store::y;\n}\nfn f() { crate::session::z(); }\n";
    let c = code(text);
    assert!(names_module(&c, "ui"), "after `mod tests;`");
    assert!(names_module(&c, "session"), "after a test block");
    assert!(!names_module(&c, "store"), "inside the test block");
    assert!(names_module("use crate::{model, ui::App};", "ui"));
    assert!(names_module(
        "use crate::{\n    model::{A, B},\n    ui,\n};",
        "ui"
    ));
    assert!(!names_module("use crate::{model::{ui_name, B}};", "ui"));
    assert!(!names_module("use crate::model::ui_name;", "ui"));
    assert!(names_module("use crate::ui as window;", "ui"));
    assert!(names_module("use crate::{ui as window, model};", "ui"));
    assert_eq!(
        modules_named("crate::model::X; crate::{i18n::Lang, settings};"),
        ["i18n", "model", "settings"].map(String::from).into()
    );
}

#[test]
fn each_layer_uses_only_the_layers_below_it() {
    // What each layer must not name. The model and the translations are the bottom; the
    // store keeps the file; the session edits it; the pure aggregation (analysis, checks,
    // follow-up, charts, print) serves the screens, the print-out and the command line alike
    // and never touches the file or the window.
    let pure = ["store", "session", "ui", "cli", "launch"];
    let rules: &[(&str, &[&str])] = &[
        (
            "store",
            &[
                "session", "ui", "cli", "launch", "charts", "print", "analysis", "import",
            ],
        ),
        (
            "session",
            &[
                "ui", "cli", "launch", "charts", "print", "analysis", "import",
            ],
        ),
        ("analysis", &pure),
        ("checks", &pure),
        ("follow_up", &pure),
        ("charts", &pure),
        ("print", &pure),
        ("import", &["ui", "cli", "launch"]),
        ("exchange", &["session", "ui", "cli", "launch"]),
        ("spreadsheet", &["session", "ui", "cli", "launch"]),
    ];
    let mut broken = Vec::new();
    for (rel, text) in sources() {
        if is_test_file(&rel) {
            continue;
        }
        // The model and the translations are the bottom: they name nothing of the crate but
        // each other.
        if ["model", "i18n"].contains(&layer(&rel)) {
            for m in modules_named(&code(&text)) {
                if m != "model" && m != "i18n" {
                    broken.push(format!("{rel} uses crate::{m}"));
                }
            }
            continue;
        }
        let Some((_, forbidden)) = rules.iter().find(|(l, _)| *l == layer(&rel)) else {
            continue;
        };
        let code = code(&text);
        for f in forbidden.iter() {
            if names_module(&code, f) {
                broken.push(format!("{rel} uses crate::{f}"));
            }
        }
    }
    assert!(broken.is_empty(), "layers crossed:\n{}", broken.join("\n"));
}

#[test]
fn only_the_window_knows_egui() {
    let mut broken = Vec::new();
    for (rel, text) in sources() {
        let allowed = rel.starts_with("ui/") || rel == "ui.rs" || rel.starts_with("bin/");
        let code = code(&text);
        if !allowed
            && ["egui::", "eframe::", "egui_plot::", "egui_extras::"]
                .iter()
                .any(|x| code.contains(x))
        {
            broken.push(rel);
        }
    }
    assert!(broken.is_empty(), "egui outside the window: {broken:?}");
}

#[test]
fn only_the_store_speaks_sql() {
    let mut broken = Vec::new();
    for (rel, text) in sources() {
        // A backup is SQLite's own online copy of the file.
        let allowed = rel.starts_with("store/") || rel == "backup.rs";
        if !allowed && !is_test_file(&rel) && code(&text).contains("rusqlite::") {
            broken.push(rel);
        }
    }
    assert!(broken.is_empty(), "SQL outside the store: {broken:?}");
}

#[test]
fn the_window_starts_threads_only_through_its_job_system() {
    let mut broken = Vec::new();
    for (rel, text) in sources() {
        // `app/mod.rs` closes a project on a thread it must join before the file is opened
        // again or the app exits, which a job does not offer.
        let allowed = rel == "ui/jobs.rs" || rel == "ui/app/mod.rs";
        let code = code(&text);
        if rel.starts_with("ui/")
            && !allowed
            && (code.contains("thread::spawn") || code.contains("thread::Builder"))
        {
            broken.push(rel);
        }
    }
    assert!(
        broken.is_empty(),
        "threads started outside ui::jobs: {broken:?}"
    );
}

#[test]
fn every_screen_has_the_one_shape() {
    let sources = sources();
    let mut screens = Vec::new();
    let mut shaped = Vec::new();
    for (rel, text) in &sources {
        if !rel.starts_with("ui/screens/") {
            continue;
        }
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("pub struct ")
                && let Some(name) = name.split([' ', ';', '{', '<']).next()
                && name.ends_with("Screen")
            {
                screens.push(name.to_string());
            }
            if let Some(name) = line.strip_prefix("impl Screen for ") {
                shaped.push(name.trim_end_matches(" {").to_string());
            }
        }
    }
    assert!(screens.len() >= 10, "screens found: {screens:?}");
    let unshaped: Vec<_> = screens.iter().filter(|s| !shaped.contains(s)).collect();
    assert!(
        unshaped.is_empty(),
        "screens without `impl Screen`: {unshaped:?}"
    );
    // No screen hands back an action of its own kind: one enum for all.
    for (rel, text) in &sources {
        if rel.starts_with("ui/screens/") {
            assert!(
                !code(text).contains("Action {") || rel == "ui/screens/mod.rs",
                "{rel} declares an action type of its own"
            );
        }
    }
}

#[test]
fn only_the_counting_module_adds_money() {
    // What adding money across figures looks like: merging sums, starting a sum to add to,
    // adding amounts of money. Only `analysis::count` does it (and `model::money`, which
    // defines the sum); everyone else asks it, so every total follows one set of rules.
    let signs = [
        ".merge(",
        "AmountSum::default",
        "AmountSum {",
        "checked_add(",
        "saturating_add(",
        "wrapping_add(",
    ];
    // Where such words add things that are not money: digits while reading a number, record
    // ids, bytes of a workbook, an indicator's quantities (not money: counts, percents) — and
    // the one sum no one sees: upgrading an old file compares a report's row with the rows
    // under it, to tell a total row from an office's (model/figures.rs, below the counting
    // module, which the store may not name).
    let not_money: &[(&str, &str)] = &[
        ("model/figures.rs", "checked_add("),
        ("model/number.rs", "checked_add("),
        ("model/record.rs", "saturating_add("),
        ("session/mod.rs", "saturating_add("),
        ("import/grid.rs", "saturating_add("),
        // Rows, columns and cells of a report being read, counted against the limits.
        ("import/grid/ods.rs", "saturating_add("),
        ("import/grid/xls.rs", "saturating_add("),
        ("charts/context.rs", "checked_add("),
        // Byte offsets of figures inserted into a text.
        ("model/findings.rs", "checked_add("),
        ("model/findings.rs", "saturating_add("),
        ("model/figure_place.rs", "saturating_add("),
        // The end of a block of record ids reserved on a team server.
        ("session/on_server.rs", "saturating_add("),
        // The next record id after those a copy gave out, kept when it is written again.
        ("store/origin.rs", "saturating_add("),
    ];
    let mut broken = Vec::new();
    for (rel, text) in sources() {
        if rel.starts_with("analysis/count/") || rel == "model/money.rs" || is_test_file(&rel) {
            continue;
        }
        let code = code(&text);
        for sign in signs {
            if code.contains(sign) && !not_money.contains(&(rel.as_str(), sign)) {
                broken.push(format!("{rel}: {sign}"));
            }
        }
    }
    assert!(
        broken.is_empty(),
        "money added outside analysis::count (ask it instead):\n{}",
        broken.join("\n")
    );
}

/// Past this many lines a file says at its top why it is kept whole.
const LONG_FILE: usize = 800;

#[test]
fn no_file_grows_past_800_lines_without_a_reason_at_its_top() {
    let mut long = Vec::new();
    for (rel, text) in sources() {
        let lines = text.lines().count();
        let head: String = text.lines().take(8).collect::<Vec<_>>().join("\n");
        if lines > LONG_FILE && !head.contains("Kept in one file") {
            long.push(format!("{rel}: {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "split these, or say at the top why not:\n{}",
        long.join("\n")
    );
}
