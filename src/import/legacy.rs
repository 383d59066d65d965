//! Text typed with the Vietnamese fonts of the 1990s–2000s: TCVN3 (ABC, ".VnTime") and VNI
//! ("VNI-Times"). A workbook made with them stores Latin-1 characters that only those fonts
//! draw as Vietnamese: "B¶o Th¾ng" (TCVN3) and "Baûo Thaéng" (VNI) are "Bảo Thắng". GiamSat
//! finds out whether a sheet is written that way and converts it to Unicode.

use unicode_normalization::UnicodeNormalization;

/// A legacy Vietnamese encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 (VN3), the "ABC" fonts: one byte per letter.
    Tcvn3,
    /// VNI Windows: a base letter followed by a byte for its marks.
    Vni,
}

impl Legacy {
    pub fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC)",
            Legacy::Vni => "VNI",
        }
    }
}

/// TCVN3: byte → letter. Capitals with tone marks have no code of their own (they were typed
/// with the ".VnTimeH" capital fonts, using the small letters' codes).
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

fn tcvn3_char(c: char) -> Option<char> {
    let b = u8::try_from(u32::from(c)).ok()?;
    TCVN3.iter().find(|(code, _)| *code == b).map(|(_, ch)| *ch)
}

/// VNI: the byte after a base letter → the combining marks it adds (small letters; the
/// capitals' bytes are these minus 0x20, as in Latin-1).
fn vni_marks(c: char) -> Option<&'static str> {
    // U+0301 acute (sắc), U+0300 grave (huyền), U+0309 hook (hỏi), U+0303 tilde (ngã),
    // U+0323 dot below (nặng), U+0302 circumflex, U+0306 breve.
    Some(match c.to_lowercase().next().unwrap_or(c) {
        'ù' => "\u{301}",
        'ø' => "\u{300}",
        'û' => "\u{309}",
        'õ' => "\u{303}",
        'ï' => "\u{323}",
        'â' => "\u{302}",
        'á' => "\u{302}\u{301}",
        'à' => "\u{302}\u{300}",
        'å' => "\u{302}\u{309}",
        'ã' => "\u{302}\u{303}",
        'ä' => "\u{302}\u{323}",
        'ê' => "\u{306}",
        'é' => "\u{306}\u{301}",
        'è' => "\u{306}\u{300}",
        'ú' => "\u{306}\u{309}",
        'ü' => "\u{306}\u{303}",
        'ë' => "\u{306}\u{323}",
        _ => return None,
    })
}

/// VNI letters that stand alone (no base letter before them).
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'ô' => 'ơ',
        'Ô' => 'Ơ',
        'ö' => 'ư',
        'Ö' => 'Ư',
        'ñ' => 'đ',
        'Ñ' => 'Đ',
        'í' => 'í',
        'Í' => 'Í',
        'ì' => 'ì',
        'Ì' => 'Ì',
        'æ' => 'ỉ',
        'Æ' => 'Ỉ',
        'ó' => 'ĩ',
        'Ó' => 'Ĩ',
        'ò' => 'ị',
        'Ò' => 'Ị',
        'î' => 'ỵ',
        'Î' => 'Ỵ',
        _ => return None,
    })
}

/// Converts TCVN3 text to Unicode NFC. A word written in capitals (".VnTimeH" fonts give
/// capitals the small letters' codes) comes out in capitals.
pub fn from_tcvn3(s: &str) -> String {
    let converted: String = s.chars().map(|c| tcvn3_char(c).unwrap_or(c)).collect();
    capitalise_capital_words(&converted)
}

/// "Hµ NéI" typed with a capital font → "HÀ NỘI": a word whose plain letters are all capitals
/// (and at least two of them) is a capital word.
fn capitalise_capital_words(s: &str) -> String {
    s.split_inclusive(' ')
        .map(|w| {
            let plain: Vec<char> = w.chars().filter(|c| c.is_ascii_alphabetic()).collect();
            let accented = w.chars().any(|c| !c.is_ascii() && c.is_lowercase());
            if plain.len() >= 2 && accented && plain.iter().all(|c| c.is_ascii_uppercase()) {
                w.to_uppercase()
            } else {
                w.to_string()
            }
        })
        .collect()
}

/// Converts VNI text to Unicode NFC.
pub fn from_vni(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // Marks follow a vowel, or ơ/ư written as ô/ö.
        let base = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'A' | 'E' | 'I' | 'O' | 'U' | 'Y' => Some(c),
            'ô' => Some('ơ'),
            'Ô' => Some('Ơ'),
            'ö' => Some('ư'),
            'Ö' => Some('Ư'),
            _ => None,
        };
        if let (Some(base), Some(n)) = (base, next)
            && let Some(marks) = vni_marks(n)
            && mark_fits(base, marks)
        {
            out.push(base);
            out.push_str(marks);
            i += 2;
            continue;
        }
        out.push(vni_single(c).unwrap_or(c));
        i += 1;
    }
    out.nfc().collect()
}

/// Circumflex goes on a, e, o only; breve on a only.
fn mark_fits(base: char, marks: &str) -> bool {
    let b = base.to_lowercase().next().unwrap_or(base);
    if marks.starts_with('\u{302}') {
        matches!(b, 'a' | 'e' | 'o')
    } else if marks.starts_with('\u{306}') {
        b == 'a'
    } else {
        true
    }
}

/// Whether a character belongs in Unicode Vietnamese text (letters with their marks, ASCII,
/// common punctuation and symbols).
fn is_vietnamese(c: char) -> bool {
    if c.is_ascii() || c.is_whitespace() {
        return true;
    }
    let base: String = c
        .to_lowercase()
        .collect::<String>()
        .nfd()
        .filter(|m| !unicode_normalization::char::is_combining_mark(*m))
        .collect();
    let marks_ok = c.to_lowercase().collect::<String>().nfd().all(|m| {
        !unicode_normalization::char::is_combining_mark(m)
            || matches!(
                m,
                '\u{300}'
                    | '\u{301}'
                    | '\u{303}'
                    | '\u{309}'
                    | '\u{323}'
                    | '\u{302}'
                    | '\u{306}'
                    | '\u{31B}'
            )
    });
    (marks_ok && matches!(base.as_str(), "a" | "e" | "i" | "o" | "u" | "y" | "d"))
        || c == 'đ'
        || c == 'Đ'
        || matches!(c, '–' | '—' | '“' | '”' | '‘' | '’' | '…' | '№' | '°' | '%')
}

/// Words every budget report has; a conversion that makes them is the right one (a VNI text
/// read as TCVN3 also gives Vietnamese letters, but not these words).
const COMMON_WORDS: [&str; 40] = [
    "tổng",
    "cộng",
    "xã",
    "huyện",
    "tỉnh",
    "năm",
    "vốn",
    "giải",
    "ngân",
    "đơn",
    "vị",
    "triệu",
    "đồng",
    "kế",
    "hoạch",
    "thị",
    "trấn",
    "phòng",
    "số",
    "liệu",
    "thực",
    "hiện",
    "chuyển",
    "phân",
    "bổ",
    "chú",
    "tên",
    "cấp",
    "dự",
    "án",
    "phí",
    "báo",
    "cáo",
    "người",
    "lập",
    "biểu",
    "dân",
    "ủy",
    "nhân",
    "thường",
];

/// How much a text looks like Vietnamese: letters with Vietnamese marks count for it, characters
/// no Vietnamese text has count against it, common words count most.
fn score(s: &str) -> i64 {
    let letters: i64 = s
        .chars()
        .filter(|c| !c.is_ascii())
        .map(|c| if is_vietnamese(c) { 1 } else { -4 })
        .sum();
    let lower = s.to_lowercase();
    let words = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_ascii() && COMMON_WORDS.contains(w))
        .count() as i64;
    letters + 5 * words
}

/// Which legacy encoding the texts are in, if any: the conversion that makes them look most
/// like Vietnamese, when it does better than leaving them as they are.
pub fn detect<'a>(texts: impl Iterator<Item = &'a str> + Clone) -> Option<Legacy> {
    // The old fonts' text is all in Latin-1: letters only Unicode has (ă, ơ, ư, đ, ạ … ỹ) in
    // more than a few texts say the sheet is Unicode, whatever stray symbol sits beside them
    // (a name or two pasted in Unicode into an old-font sheet does not).
    let with_marks = texts.clone().filter(|t| !t.is_ascii()).count();
    let unicode = texts
        .clone()
        .filter(|t| has_unicode_only_letters(t))
        .count();
    if unicode * 5 > with_marks {
        return None;
    }
    let unchanged: i64 = texts.clone().map(score).sum();
    let tcvn3: i64 = texts.clone().map(|t| score(&from_tcvn3(t))).sum();
    let vni: i64 = texts.map(|t| score(&from_vni(t))).sum();
    let best = unchanged.max(tcvn3).max(vni);
    // A clear gain only (each letter made right gains 5): a couple of odd symbols are not a
    // font.
    const MARGIN: i64 = 11;
    if best < unchanged + MARGIN {
        None
    } else if best == vni {
        Some(Legacy::Vni)
    } else {
        Some(Legacy::Tcvn3)
    }
}

/// Whether a text has a letter only Unicode can hold (no old font had a code for it).
pub fn has_unicode_only_letters(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(
            c,
            'ă' | 'Ă' | 'ơ' | 'Ơ' | 'ư' | 'Ư' | 'đ' | 'Đ' | 'ĩ' | 'Ĩ' | 'ũ' | 'Ũ'
        ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
    })
}

pub fn convert(s: &str, legacy: Legacy) -> String {
    match legacy {
        Legacy::Tcvn3 => from_tcvn3(s),
        Legacy::Vni => from_vni(s),
    }
}

/// Writes Unicode text in a legacy encoding (for tests: workbooks as old offices made them).
#[doc(hidden)]
pub fn to_legacy(s: &str, legacy: Legacy) -> String {
    match legacy {
        Legacy::Tcvn3 => s
            .chars()
            .map(|c| {
                let small = c.to_lowercase().next().unwrap_or(c);
                TCVN3
                    .iter()
                    .find(|(_, ch)| *ch == c || (*ch == small && c.is_uppercase()))
                    .map_or(c, |(b, _)| char::from(*b))
            })
            .collect(),
        Legacy::Vni => s
            .nfc()
            .map(|c| {
                if let Some((base, marks)) = split_for_vni(c) {
                    let mut out = String::from(base);
                    out.push_str(&marks);
                    out
                } else {
                    c.to_string()
                }
            })
            .collect(),
    }
}

/// A Unicode letter as VNI writes it: base letter and mark byte, or a single byte.
fn split_for_vni(c: char) -> Option<(char, String)> {
    if c.is_ascii() {
        return None;
    }
    for single in [
        'ô', 'Ô', 'ö', 'Ö', 'ñ', 'Ñ', 'í', 'Í', 'ì', 'Ì', 'æ', 'Æ', 'ó', 'Ó', 'ò', 'Ò', 'î', 'Î',
    ] {
        if vni_single(single) == Some(c) {
            return Some((single, String::new()));
        }
    }
    let upper = c.is_uppercase();
    for base in ['a', 'e', 'i', 'o', 'u', 'y', 'ô', 'ö'] {
        let shown = if upper {
            base.to_uppercase().next().unwrap_or(base)
        } else {
            base
        };
        for mark in [
            'ù', 'ø', 'û', 'õ', 'ï', 'â', 'á', 'à', 'å', 'ã', 'ä', 'ê', 'é', 'è', 'ú', 'ü', 'ë',
        ] {
            let mark_shown = if upper {
                mark.to_uppercase().next().unwrap_or(mark)
            } else {
                mark
            };
            let mut two = String::new();
            two.push(shown);
            two.push(mark_shown);
            if from_vni(&two) == c.to_string() {
                return Some((shown, mark_shown.to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tcvn3_place_names_convert() {
        assert_eq!(from_tcvn3("B¶o Th¾ng"), "Bảo Thắng");
        assert_eq!(from_tcvn3("L¹ng S¬n"), "Lạng Sơn");
        assert_eq!(from_tcvn3("H÷u Lòng"), "Hữu Lũng");
        assert_eq!(from_tcvn3("Chi L¨ng"), "Chi Lăng");
        assert_eq!(from_tcvn3("Hµ Néi"), "Hà Nội");
        assert_eq!(from_tcvn3("x· Minh S¬n"), "xã Minh Sơn");
        assert_eq!(from_tcvn3("Tæng céng"), "Tổng cộng");
        assert_eq!(from_tcvn3("§VT: triÖu ®ång"), "ĐVT: triệu đồng");
        assert_eq!(from_tcvn3("ViÖt Nam"), "Việt Nam");
        // Capital fonts reuse the small letters' codes.
        assert_eq!(from_tcvn3("CéNG HßA"), "CỘNG HÒA");
    }

    #[test]
    fn vni_place_names_convert() {
        assert_eq!(from_vni("Baûo Thaéng"), "Bảo Thắng");
        assert_eq!(from_vni("Laïng Sôn"), "Lạng Sơn");
        assert_eq!(from_vni("Höõu Luõng"), "Hữu Lũng");
        assert_eq!(from_vni("Chi Laêng"), "Chi Lăng");
        assert_eq!(from_vni("Vieät Nam"), "Việt Nam");
        assert_eq!(from_vni("xaõ Minh Sôn"), "xã Minh Sơn");
        assert_eq!(from_vni("Toång coäng"), "Tổng cộng");
        assert_eq!(from_vni("ÑVT: trieäu ñoàng"), "ĐVT: triệu đồng");
        assert_eq!(from_vni("Thò traán"), "Thị trấn");
        assert_eq!(from_vni("Giaûi ngaân"), "Giải ngân");
        assert_eq!(from_vni("Ñöôøng"), "Đường");
        assert_eq!(from_vni("CAÛI THIEÄN"), "CẢI THIỆN");
    }

    #[test]
    fn every_vietnamese_letter_goes_there_and_back() {
        let letters = "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ";
        for legacy in [Legacy::Tcvn3, Legacy::Vni] {
            for c in letters.chars() {
                let s = c.to_string();
                assert_eq!(convert(&to_legacy(&s, legacy), legacy), s, "{legacy:?} {c}");
            }
        }
        let capitals = "ÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬÈẺẼÉẸÊỀỂỄẾỆÌỈĨÍỊÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢÙỦŨÚỤƯỪỬỮỨỰỲỶỸÝỴĐ";
        for c in capitals.chars() {
            let s = c.to_string();
            assert_eq!(
                convert(&to_legacy(&s, Legacy::Vni), Legacy::Vni),
                s,
                "VNI {c}"
            );
        }
    }

    #[test]
    fn the_encoding_is_told_apart() {
        let unicode = ["Xã Minh Sơn", "Tổng cộng", "Giải ngân năm 2023"];
        assert_eq!(detect(unicode.iter().copied()), None);
        let tcvn3: Vec<String> = unicode
            .iter()
            .map(|s| to_legacy(s, Legacy::Tcvn3))
            .collect();
        assert_eq!(
            detect(tcvn3.iter().map(String::as_str)),
            Some(Legacy::Tcvn3)
        );
        let vni: Vec<String> = unicode.iter().map(|s| to_legacy(s, Legacy::Vni)).collect();
        assert_eq!(detect(vni.iter().map(String::as_str)), Some(Legacy::Vni));
        // Plain ASCII says nothing either way.
        assert_eq!(detect(["STT", "2023"].iter().copied()), None);
    }

    #[test]
    fn unicode_text_with_a_stray_symbol_is_left_alone() {
        let texts = [
            "Xã Tân Lập",
            "Diện tích 2 × 3 m²",
            "Ghi chú: « tạm tính » ½ năm",
            "Tân An",
        ];
        assert_eq!(detect(texts.iter().copied()), None);
        // Plain-Latin-1 Unicode text (no ă, ơ, ư, đ) with one symbol: still left alone.
        let texts = ["Tân An", "Xã Bình", "2 × 3"];
        assert_eq!(detect(texts.iter().copied()), None);
    }
}
