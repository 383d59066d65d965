//! The user guide: task-first chapters in Vietnamese and English (assets/guide/{vi,en}.md),
//! read into chapters the window shows (Help → User guide, F1), searches without diacritics,
//! and prints as a PDF. Knows nothing of egui.
//!
//! The text is a small part of Markdown: `# Title {#id}` starts a chapter, `## ` a section;
//! paragraphs, `- ` and `1. ` lists, `**bold**`, `` `code` `` and `![caption](img/NAME.png)`.

use crate::i18n::Lang;
use crate::model::text::search_key;

/// A piece of a line of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Text(String),
    Bold(String),
    Code(String),
}

/// A block of a chapter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    Section(String),
    Paragraph(Vec<Span>),
    Bullets(Vec<Vec<Span>>),
    Steps(Vec<Vec<Span>>),
    /// A picture of a screen: its file under assets/guide and the caption a screen reader
    /// reads.
    Picture {
        file: String,
        caption: String,
    },
}

/// One chapter: its id (for F1 and links), its title and its blocks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chapter {
    pub id: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The chapter of each screen, for F1 (the view's code as `--view` names it).
pub fn chapter_of_view(view: &str) -> &'static str {
    match view {
        "charts" => "charts",
        "drafting" => "drafting",
        "follow-up" => "follow-up",
        "print" => "printing",
        _ => "first-project",
    }
}

/// The guide in `lang`, read once.
pub fn chapters(lang: Lang) -> &'static [Chapter] {
    static VI: std::sync::OnceLock<Vec<Chapter>> = std::sync::OnceLock::new();
    static EN: std::sync::OnceLock<Vec<Chapter>> = std::sync::OnceLock::new();
    match lang {
        Lang::Vi => VI.get_or_init(|| parse(include_str!("../assets/guide/vi.md"))),
        Lang::En => EN.get_or_init(|| parse(include_str!("../assets/guide/en.md"))),
    }
}

/// Reads the guide's text into chapters.
pub fn parse(text: &str) -> Vec<Chapter> {
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut para: Vec<String> = Vec::new();
    // The list being read: whether it is numbered, and its items.
    let mut list: Option<(bool, Vec<String>)> = None;
    fn end_para(chapters: &mut [Chapter], para: &mut Vec<String>) {
        if let Some(ch) = chapters.last_mut()
            && !para.is_empty()
        {
            ch.blocks.push(Block::Paragraph(spans(&para.join(" "))));
        }
        para.clear();
    }
    fn end_list(chapters: &mut [Chapter], list: &mut Option<(bool, Vec<String>)>) {
        if let Some((numbered, items)) = list.take()
            && let Some(ch) = chapters.last_mut()
        {
            let items: Vec<Vec<Span>> = items.iter().map(|i| spans(i)).collect();
            ch.blocks.push(if numbered {
                Block::Steps(items)
            } else {
                Block::Bullets(items)
            });
        }
    }
    for line in text.lines() {
        let trimmed = line.trim();
        let block_starts = trimmed.is_empty()
            || trimmed.starts_with("# ")
            || trimmed.starts_with("## ")
            || trimmed.starts_with("![");
        if block_starts {
            end_para(&mut chapters, &mut para);
            end_list(&mut chapters, &mut list);
        }
        if let Some(title) = trimmed.strip_prefix("# ") {
            let (title, id) = match title.rsplit_once("{#") {
                Some((t, rest)) => (t.trim(), rest.trim_end_matches('}').trim()),
                None => (title.trim(), ""),
            };
            let id = if id.is_empty() {
                format!("chapter-{}", chapters.len() + 1)
            } else {
                id.to_string()
            };
            chapters.push(Chapter {
                id,
                title: title.to_string(),
                blocks: Vec::new(),
            });
        } else if let Some(section) = trimmed.strip_prefix("## ") {
            if let Some(ch) = chapters.last_mut() {
                ch.blocks.push(Block::Section(section.trim().to_string()));
            }
        } else if let Some(rest) = trimmed.strip_prefix("![") {
            if let Some((caption, file)) = rest.split_once("](")
                && let Some(ch) = chapters.last_mut()
            {
                ch.blocks.push(Block::Picture {
                    file: file.trim_end_matches(')').to_string(),
                    caption: caption.to_string(),
                });
            }
        } else if trimmed.is_empty() {
        } else if let Some((numbered, item)) = list_item(trimmed) {
            // A paragraph before a list ends there; a list of the other kind too.
            end_para(&mut chapters, &mut para);
            match &mut list {
                Some((n, items)) if *n == numbered => items.push(item.to_string()),
                _ => {
                    end_list(&mut chapters, &mut list);
                    list = Some((numbered, vec![item.to_string()]));
                }
            }
        } else if line.starts_with("  ")
            && let Some((_, items)) = &mut list
            && let Some(last) = items.last_mut()
        {
            // An item carried on over the next line.
            last.push(' ');
            last.push_str(trimmed);
        } else {
            end_list(&mut chapters, &mut list);
            para.push(trimmed.to_string());
        }
    }
    end_para(&mut chapters, &mut para);
    end_list(&mut chapters, &mut list);
    chapters
}

/// `- item` or `1. item`: whether numbered, and the item's text.
fn list_item(line: &str) -> Option<(bool, &str)> {
    if let Some(rest) = line.strip_prefix("- ") {
        return Some((false, rest));
    }
    let (n, rest) = line.split_once(". ")?;
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit())).then_some((true, rest))
}

/// A line's text, its `**bold**` and `` `code` `` apart.
pub fn spans(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        let bold = rest.find("**");
        let code = rest.find('`');
        let (at, mark) = match (bold, code) {
            (Some(b), Some(c)) if c < b => (c, "`"),
            (Some(b), _) => (b, "**"),
            (None, Some(c)) => (c, "`"),
            (None, None) => {
                out.push(Span::Text(rest.to_string()));
                break;
            }
        };
        let after = &rest[at + mark.len()..];
        let Some(end) = after.find(mark) else {
            out.push(Span::Text(rest.to_string()));
            break;
        };
        if at > 0 {
            out.push(Span::Text(rest[..at].to_string()));
        }
        let inner = after[..end].to_string();
        out.push(if mark == "`" {
            Span::Code(inner)
        } else {
            Span::Bold(inner)
        });
        rest = &after[end + mark.len()..];
    }
    out
}

/// The plain text of spans.
pub fn plain(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) | Span::Bold(t) | Span::Code(t) => t.as_str(),
        })
        .collect()
}

/// The plain text of a block, for search.
fn block_text(b: &Block) -> String {
    match b {
        Block::Section(t) => t.clone(),
        Block::Paragraph(s) => plain(s),
        Block::Bullets(items) | Block::Steps(items) => {
            items.iter().map(|i| plain(i)).collect::<Vec<_>>().join(" ")
        }
        Block::Picture { caption, .. } => caption.clone(),
    }
}

/// A place in the guide where a search matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub chapter: usize,
    /// The words around the match.
    pub snippet: String,
}

/// Every chapter that holds `query`, ignoring case and Vietnamese marks ("so lieu" finds
/// "số liệu"), titles first, with the words around the first match.
pub fn search(chapters: &[Chapter], query: &str) -> Vec<Found> {
    let needle = search_key(query.trim(), true);
    if needle.is_empty() {
        return Vec::new();
    }
    let mut in_title = Vec::new();
    let mut in_text = Vec::new();
    for (i, ch) in chapters.iter().enumerate() {
        if search_key(&ch.title, true).contains(&needle) {
            in_title.push(Found {
                chapter: i,
                snippet: ch.title.clone(),
            });
            continue;
        }
        for b in &ch.blocks {
            let text = block_text(b);
            if search_key(&text, true).contains(&needle) {
                in_text.push(Found {
                    chapter: i,
                    snippet: snippet(&text, &needle),
                });
                break;
            }
        }
    }
    in_title.extend(in_text);
    in_title
}

/// About twelve words around the first word that matches.
fn snippet(text: &str, needle: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let first = needle.split_whitespace().next().unwrap_or(needle);
    let at = words
        .iter()
        .position(|w| search_key(w, true).contains(first))
        .unwrap_or(0);
    let from = at.saturating_sub(5);
    let to = (at + 7).min(words.len());
    let mut s = words[from..to].join(" ");
    if from > 0 {
        s = format!("… {s}");
    }
    if to < words.len() {
        s.push_str(" …");
    }
    s
}

/// The bytes of a picture of the guide in `lang` (`file` as the guide names it, `img/NAME.png`),
/// made by the guide's picture generator from the sample (see the README).
pub fn picture(lang: Lang, file: &str) -> Option<&'static [u8]> {
    let name = file.strip_prefix("img/")?;
    PICTURES
        .iter()
        .find(|(l, n, _)| *l == lang && *n == name)
        .map(|(_, _, bytes)| *bytes)
}

macro_rules! pictures {
    ($($name:literal),* $(,)?) => {
        &[$(
            (Lang::Vi, $name, include_bytes!(concat!("../assets/guide/img/vi/", $name))),
            (Lang::En, $name, include_bytes!(concat!("../assets/guide/img/en/", $name))),
        )*]
    };
}

/// The pictures shipped with the guide, in each language.
const PICTURES: &[(Lang, &str, &[u8])] = pictures![
    "new-project.png",
    "data.png",
    "import.png",
    "charts.png",
    "drafting.png",
    "follow-up.png",
    "print.png",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_reads_into_the_same_chapters_in_both_languages() {
        let vi = chapters(Lang::Vi);
        let en = chapters(Lang::En);
        assert!(vi.len() >= 11, "{}", vi.len());
        let ids = |c: &[Chapter]| c.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(vi), ids(en), "the same chapters, in the same order");
        for ch in vi.iter().chain(en) {
            assert!(!ch.blocks.is_empty(), "{} is empty", ch.id);
            for b in &ch.blocks {
                // Nothing of the markup shows through.
                let text = block_text(b);
                assert!(
                    !text.contains("**") && !text.starts_with("- "),
                    "{}: {text}",
                    ch.id
                );
            }
        }
        // Every screen's F1 leads to a chapter.
        for view in ["data", "charts", "drafting", "follow-up", "print"] {
            let id = chapter_of_view(view);
            assert!(vi.iter().any(|c| c.id == id), "{view}");
        }
        // The chapters the issue asks for.
        for id in [
            "first-project",
            "import",
            "charts",
            "drafting",
            "issuing",
            "follow-up",
            "printing",
            "team",
            "backups",
            "install",
            "terms",
        ] {
            assert!(vi.iter().any(|c| c.id == id), "{id}");
        }
        // Pictures have captions in both languages, the same files.
        let pictures = |c: &[Chapter]| {
            c.iter()
                .flat_map(|ch| &ch.blocks)
                .filter_map(|b| match b {
                    Block::Picture { file, caption } => {
                        assert!(!caption.trim().is_empty());
                        Some(file.clone())
                    }
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(pictures(vi), pictures(en));
    }

    #[test]
    fn lists_bold_and_steps_are_read_as_written() {
        let c = parse(
            "# Một {#mot}\n\nĐoạn **đậm** và `mã`\nnối dòng.\n\n1. Bước một\n   còn tiếp.\n2. Bước hai\n- Ý một\n\n## Phần\n![Hình](img/a.png)\n",
        );
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].id, "mot");
        assert_eq!(
            c[0].blocks[0],
            Block::Paragraph(vec![
                Span::Text("Đoạn ".into()),
                Span::Bold("đậm".into()),
                Span::Text(" và ".into()),
                Span::Code("mã".into()),
                Span::Text(" nối dòng.".into()),
            ])
        );
        assert_eq!(
            c[0].blocks[1],
            Block::Steps(vec![
                vec![Span::Text("Bước một còn tiếp.".into())],
                vec![Span::Text("Bước hai".into())],
            ])
        );
        assert_eq!(
            c[0].blocks[2],
            Block::Bullets(vec![vec![Span::Text("Ý một".into())]])
        );
        assert_eq!(c[0].blocks[3], Block::Section("Phần".into()));
        assert_eq!(
            c[0].blocks[4],
            Block::Picture {
                file: "img/a.png".into(),
                caption: "Hình".into()
            }
        );
    }

    #[test]
    fn the_guide_is_searched_without_diacritics() {
        let vi = chapters(Lang::Vi);
        let found = search(vi, "tong giai doan");
        assert!(
            found.iter().any(|f| vi[f.chapter].id == "terms"),
            "{found:?}"
        );
        let found = search(vi, "nhap bao cao");
        assert_eq!(vi[found[0].chapter].id, "import", "a title first");
        assert!(search(vi, "   ").is_empty());
        assert!(search(vi, "xyzzy").is_empty());
    }
}
