//! Text as GiamSat stores it: Unicode NFC, so that text pasted from PDFs or typed with
//! decomposed marks compares, searches and prints like text typed with Unikey.

use unicode_normalization::{UnicodeNormalization, is_nfc_quick};

/// `s` in NFC. Cheap when `s` is already NFC (the common case).
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// A text as GiamSat keeps it: NFC, every line break a `\n`, and nothing a document cannot
/// hold. Text pasted from Word carries U+000B (Shift+Enter, a line break) and U+000C (a page
/// or section break, which ends a paragraph); both become `\n`, as do `\r\n`, a lone `\r`,
/// U+2028 and U+2029 — a line is a paragraph in GiamSat's documents. Other control characters
/// (C0 but the tab, DEL, C1) and the non-characters U+FFFE and U+FFFF are dropped: XML 1.0
/// cannot hold them, so a Word copy carrying one is a file Word refuses to open.
pub fn clean_text(s: &str) -> String {
    if !s.chars().any(needs_cleaning) {
        return nfc(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    nfc(&out)
}

/// Whether [`clean_text`] changes `c`.
fn needs_cleaning(c: char) -> bool {
    matches!(c, '\r' | '\u{0B}' | '\u{0C}' | '\u{2028}' | '\u{2029}') || is_dropped(c)
}

fn is_dropped(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || matches!(c, '\u{FFFE}' | '\u{FFFF}')
}

/// A name or title: as [`clean_text`], on one line (a line break or tab pasted into it is a
/// space), surrounding whitespace removed, inner runs of whitespace kept as typed.
pub fn clean_line(s: &str) -> String {
    let text = clean_text(s);
    let line = if text.contains(['\n', '\t']) {
        text.replace(['\n', '\t'], " ")
    } else {
        text
    };
    line.trim().to_string()
}

/// Lower-case and, when asked, without Vietnamese marks, for search: "Hữu Lũng" → "huu lung".
pub fn search_key(s: &str, ignore_marks: bool) -> String {
    let lower = s.nfc().collect::<String>().to_lowercase();
    if !ignore_marks {
        return lower;
    }
    lower
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == 'đ' { 'd' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decomposed_text_is_composed() {
        let nfd: String = "Hữu Lũng".nfd().collect();
        assert_ne!(nfd, "Hữu Lũng");
        assert_eq!(nfc(&nfd), "Hữu Lũng");
        assert_eq!(clean_line(&format!("  {nfd}\n")), "Hữu Lũng");
    }

    #[test]
    fn text_pasted_from_word_keeps_its_breaks_and_loses_what_xml_cannot_hold() {
        assert_eq!(
            clean_text("Một\u{0B}hai\u{0C}ba\r\nbốn\rnăm\u{2028}sáu"),
            "Một\nhai\nba\nbốn\nnăm\nsáu"
        );
        assert_eq!(
            clean_text("a\u{0}b\u{7}c\u{1B}d\u{7F}e\u{85}f\u{FFFF}g\u{FFFE}"),
            "abcdefg"
        );
        assert_eq!(clean_text("cột\tcột"), "cột\tcột", "a tab stays");
        let nfd: String = "Hữu Lũng".nfd().collect();
        assert_eq!(clean_text(&format!("{nfd}\u{0B}")), "Hữu Lũng\n");
        assert_eq!(
            clean_line(" Hội\u{0B}Cựu chiến binh\ttỉnh\u{1} "),
            "Hội Cựu chiến binh tỉnh"
        );
    }

    #[test]
    fn search_keys_fold_case_and_marks() {
        assert_eq!(search_key("Hữu Lũng", true), "huu lung");
        assert_eq!(search_key("ĐOÀN giám sát", true), "doan giam sat");
        assert_eq!(search_key("Hữu Lũng", false), "hữu lũng");
    }
}

/// What a piece of a compared text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffPart {
    Same,
    /// Only in the older text.
    Removed,
    /// Only in the newer text.
    Added,
}

/// Compares two texts word by word, for showing two versions side by side.
pub fn word_diff(old: &str, new: &str) -> Vec<(DiffPart, String)> {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<(DiffPart, String)> = Vec::new();
    for change in diff.iter_all_changes() {
        let part = match change.tag() {
            ChangeTag::Equal => DiffPart::Same,
            ChangeTag::Delete => DiffPart::Removed,
            ChangeTag::Insert => DiffPart::Added,
        };
        match out.last_mut() {
            Some((p, s)) if *p == part => s.push_str(change.value()),
            _ => out.push((part, change.value().to_string())),
        }
    }
    out
}

#[cfg(test)]
mod diff_tests {
    use super::*;

    #[test]
    fn word_diff_marks_changed_words() {
        let d = word_diff(
            "Đề nghị UBND huyện tiếp tục chỉ đạo",
            "Đề nghị UBND hai huyện tiếp tục chỉ đạo quyết liệt",
        );
        let removed: Vec<_> = d.iter().filter(|(p, _)| *p == DiffPart::Removed).collect();
        let added: String = d
            .iter()
            .filter(|(p, _)| *p == DiffPart::Added)
            .map(|(_, s)| s.as_str())
            .collect();
        assert!(removed.is_empty());
        assert!(
            added.contains("hai") && added.contains("quyết liệt"),
            "{d:?}"
        );
        let rebuilt_new: String = d
            .iter()
            .filter(|(p, _)| *p != DiffPart::Removed)
            .map(|(_, s)| s.as_str())
            .collect();
        assert_eq!(
            rebuilt_new,
            "Đề nghị UBND hai huyện tiếp tục chỉ đạo quyết liệt"
        );
        let rebuilt_old: String = d
            .iter()
            .filter(|(p, _)| *p != DiffPart::Added)
            .map(|(_, s)| s.as_str())
            .collect();
        assert_eq!(rebuilt_old, "Đề nghị UBND huyện tiếp tục chỉ đạo");
    }
}
