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

/// A name or title: NFC, surrounding whitespace removed, inner runs of whitespace kept as typed.
pub fn clean_line(s: &str) -> String {
    nfc(s.trim())
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
    fn search_keys_fold_case_and_marks() {
        assert_eq!(search_key("Hữu Lũng", true), "huu lung");
        assert_eq!(search_key("ĐOÀN giám sát", true), "doan giam sat");
        assert_eq!(search_key("Hữu Lũng", false), "hữu lũng");
    }
}
