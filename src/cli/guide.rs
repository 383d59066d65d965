//! `giamsat guide`: the user guide's chapters, or the whole guide as a PDF book.

use super::io;
use std::io::Write;
use std::path::Path;

pub(super) fn run(pdf: Option<&Path>, lang: &str, out: &mut dyn Write) -> Result<(), String> {
    let lang = if lang == "en" {
        crate::i18n::Lang::En
    } else {
        crate::i18n::Lang::Vi
    };
    match pdf {
        Some(path) => {
            let bytes = crate::print::typeset::guide_pdf(lang).map_err(|e| e.to_string())?;
            crate::fsutil::write_atomically(path, &bytes)
                .map_err(|e| format!("không ghi được tệp: {e} — {}", path.display()))?;
            writeln!(out, "Đã ghi hướng dẫn sử dụng ra {}", path.display()).map_err(io)
        }
        None => {
            let mut text = String::new();
            for (i, ch) in crate::guide::chapters(lang).iter().enumerate() {
                text.push_str(&format!("{}. {}\n", i + 1, ch.title));
            }
            out.write_all(text.as_bytes()).map_err(io)
        }
    }
}
