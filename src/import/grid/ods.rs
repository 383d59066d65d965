//! OpenDocument spreadsheets (.ods) read as they unpack: `content.xml` streamed from the zip,
//! its unpacked bytes counted as they come, and only the cells that hold something kept. A
//! run of repeated rows or cells costs nothing until one holds a value, and then each copy is
//! counted against the limits — so a 1 KB file claiming a cell a million rows down is refused
//! at once, without laying out the grid in between (a general reader lays it out first).

use super::{Budget, Cell, MAX_COLS, MAX_ROWS, MAX_UNPACKED_BYTES, ReadError, Sheet};
use crate::model::text::clean_text;
use quick_xml::events::{BytesStart, Event};
use std::io::{BufReader, Read};

/// The longest text GiamSat keeps in one cell (Excel's own limit).
const MAX_CELL_CHARS: usize = 32_767;
/// The most sheets a workbook may have (Excel's own limit is about as many as memory allows;
/// a district's report has a few).
const MAX_SHEETS: usize = 1_000;

/// A reader that counts what it hands out and fails past `left` bytes.
pub(super) struct Counted<R> {
    inner: R,
    left: u64,
}

impl<R> Counted<R> {
    pub(super) fn new(inner: R, limit: u64) -> Counted<R> {
        Counted { inner, left: limit }
    }
}

/// The error a [`Counted`] reader gives past its limit.
pub(super) fn is_over_limit(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<OverLimit>())
}

#[derive(Debug)]
struct OverLimit;

impl std::fmt::Display for OverLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unpacked past the limit")
    }
}

impl std::error::Error for OverLimit {}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // Anything more is past the limit; an empty read is the honest end.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(OverLimit)),
            };
        }
        let most = buf
            .len()
            .min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..most])?;
        self.left -= n as u64;
        Ok(n)
    }
}

fn unreadable(e: impl std::fmt::Display) -> ReadError {
    ReadError::Unreadable(e.to_string())
}

fn xml_error(e: quick_xml::Error) -> ReadError {
    if let quick_xml::Error::Io(io) = &e
        && is_over_limit(io)
    {
        return ReadError::UnpacksTooLarge {
            max: MAX_UNPACKED_BYTES / (1024 * 1024),
        };
    }
    unreadable(e)
}

/// An attribute's value, unescaped; `None` when absent or unreadable.
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// A repeat count ("number-rows-repeated"): 1 when absent; anything unreadable is taken as
/// the largest count, which the limits then refuse if it matters.
fn repeat(e: &BytesStart<'_>, name: &str) -> u64 {
    match attr(e, name) {
        None => 1,
        Some(v) => v.trim().parse::<u64>().unwrap_or(u64::MAX).max(1),
    }
}

/// What a cell's start tag says of its value, before its text is read.
struct CellStart {
    repeat: u64,
    value_type: Option<String>,
    value: Option<String>,
}

impl CellStart {
    fn of(e: &BytesStart<'_>) -> CellStart {
        let value_type = attr(e, "office:value-type");
        let value = match value_type.as_deref() {
            Some("float" | "percentage" | "currency") => attr(e, "office:value"),
            Some("date") => attr(e, "office:date-value"),
            Some("time") => attr(e, "office:time-value"),
            Some("boolean") => attr(e, "office:boolean-value"),
            Some("string") => attr(e, "office:string-value"),
            _ => None,
        };
        CellStart {
            repeat: repeat(e, "table:number-columns-repeated"),
            value_type,
            value,
        }
    }

    /// The cell, given the text of its paragraphs.
    fn cell(self, text: String) -> Cell {
        match self.value_type.as_deref() {
            Some("float" | "percentage" | "currency") => {
                match self.value.as_deref().map(str::trim).map(str::parse::<f64>) {
                    Some(Ok(n)) if n.is_finite() => Cell::Number(n),
                    _ if text.is_empty() => Cell::Empty,
                    _ => Cell::Other(clean_text(&text)),
                }
            }
            Some("date" | "time" | "boolean") => {
                Cell::Other(clean_text(&self.value.unwrap_or(text)))
            }
            Some("string") => {
                let text = if text.is_empty() {
                    self.value.unwrap_or_default()
                } else {
                    text
                };
                if text.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(clean_text(&text))
                }
            }
            // No value (what is in it is not data: a text box, a picture's title), as the
            // OpenDocument format says and spreadsheet programs read it.
            _ => Cell::Empty,
        }
    }
}

/// The text of a cell, read up to its end tag: its own paragraphs (`text:p` directly under
/// it) joined by line breaks, with their spans, links, spaces (`text:s`), tabs and line
/// breaks. Anything else inside the cell — notes, text boxes and pictures anchored to it — is
/// not the cell's value, and is left out.
fn cell_text<B: std::io::BufRead>(
    reader: &mut quick_xml::Reader<B>,
    buf: &mut Vec<u8>,
) -> Result<String, ReadError> {
    let mut text = String::new();
    let mut paragraphs = 0usize;
    // Elements open inside the cell; where a left-out element opened; whether a paragraph of
    // the cell's own is open.
    let mut depth = 0usize;
    let mut skip_from: Option<usize> = None;
    let mut in_para = false;
    let too_long = || {
        unreadable(format!(
            "một ô dài hơn {MAX_CELL_CHARS} ký tự — có thể tệp bị hỏng"
        ))
    };
    loop {
        buf.clear();
        let event = reader.read_event_into(buf).map_err(xml_error)?;
        let reading = skip_from.is_none() && in_para;
        match event {
            Event::End(e)
                if depth == 0
                    && matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
            {
                return Ok(text);
            }
            Event::Start(ref e) | Event::Empty(ref e) if skip_from.is_none() => {
                let opens = matches!(event, Event::Start(_));
                match e.name().as_ref() {
                    "text:p" if depth == 0 => {
                        if paragraphs > 0 {
                            text.push('\n');
                        }
                        paragraphs += 1;
                        in_para = opens;
                    }
                    "text:span" | "text:a" if in_para => {}
                    "text:s" if in_para => {
                        let n = repeat(e, "text:c");
                        if n > MAX_CELL_CHARS as u64 {
                            return Err(too_long());
                        }
                        text.extend(std::iter::repeat_n(' ', n as usize));
                    }
                    "text:tab" if in_para => text.push('\t'),
                    "text:line-break" if in_para => text.push('\n'),
                    _ if opens => skip_from = Some(depth),
                    _ => {}
                }
                if opens {
                    depth += 1;
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if skip_from == Some(depth) {
                    skip_from = None;
                }
                if depth == 0 {
                    in_para = false;
                }
            }
            Event::Text(t) if reading => text.push_str(&t.xml10_content()),
            Event::CData(t) if reading => text.push_str(&t.into_inner()),
            Event::GeneralRef(r) if reading => match r.resolve_char_ref() {
                Ok(Some(c)) => text.push(c),
                _ => {
                    if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                        text.push_str(s);
                    }
                }
            },
            Event::Eof => return Err(unreadable("content.xml kết thúc giữa một ô")),
            _ => {}
        }
        if text.len() > MAX_CELL_CHARS * 4 {
            return Err(too_long());
        }
    }
}

/// The cells of the row being read that hold something: their column, value and repeats.
type RowCells = Vec<(u64, Cell, u64)>;

/// Reads every sheet of an OpenDocument spreadsheet.
pub(super) fn read(bytes: &[u8], budget: &mut Budget) -> Result<Vec<Sheet>, ReadError> {
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| unreadable(&e))?;
    let content = archive.by_name("content.xml").map_err(|e| unreadable(&e))?;
    let counted = Counted::new(content, MAX_UNPACKED_BYTES);
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(counted));
    let mut buf = Vec::new();
    let mut sheets = Vec::new();
    let mut sheet: Option<Sheet> = None;
    // The next row's index, the row being read's repeats, its next column, its cells.
    let (mut row, mut row_repeat, mut col) = (0u64, 1u64, 0u64);
    let mut cells: RowCells = Vec::new();
    loop {
        buf.clear();
        let event = reader.read_event_into(&mut buf).map_err(xml_error)?;
        match event {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                sheet = Some(Sheet {
                    name: attr(&e, "table:name").unwrap_or_default(),
                    rows: Vec::new(),
                });
                row = 0;
            }
            Event::Empty(e) if e.name().as_ref() == "table:table" => {
                sheets.push(Sheet {
                    name: attr(&e, "table:name").unwrap_or_default(),
                    rows: Vec::new(),
                });
                if sheets.len() > MAX_SHEETS {
                    return Err(unreadable(format!(
                        "tệp có hơn {MAX_SHEETS} trang tính — có thể tệp bị hỏng"
                    )));
                }
            }
            Event::End(e) if e.name().as_ref() == "table:table" => {
                if let Some(mut s) = sheet.take() {
                    s.square(budget)?;
                    sheets.push(s);
                }
                if sheets.len() > MAX_SHEETS {
                    return Err(unreadable(format!(
                        "tệp có hơn {MAX_SHEETS} trang tính — có thể tệp bị hỏng"
                    )));
                }
            }
            Event::Start(e) if e.name().as_ref() == "table:table-row" && sheet.is_some() => {
                row_repeat = repeat(&e, "table:number-rows-repeated");
                col = 0;
                cells.clear();
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" && sheet.is_some() => {
                // A row with no cells at all: only its place counts.
                row = row.saturating_add(repeat(&e, "table:number-rows-repeated"));
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                if let Some(s) = sheet.as_mut() {
                    put_rows(s, row, row_repeat, &cells, budget)?;
                }
                row = row.saturating_add(row_repeat);
                row_repeat = 1;
            }
            Event::Start(ref e) | Event::Empty(ref e)
                if sheet.is_some()
                    && matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
            {
                let start = CellStart::of(e);
                let repeats = start.repeat;
                let opened = matches!(event, Event::Start(_));
                drop(event);
                let text = if opened {
                    cell_text(&mut reader, &mut buf)?
                } else {
                    String::new()
                };
                let cell = start.cell(text);
                if !cell.is_empty() {
                    if repeats > MAX_COLS as u64 {
                        return Err(ReadError::Repeated { count: repeats });
                    }
                    cells.push((col, cell, repeats));
                }
                col = col.saturating_add(repeats);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(sheets)
}

/// Puts a row's cells, `repeat` times from row `first`, checking each place against the
/// limits before anything is laid out.
fn put_rows(
    s: &mut Sheet,
    first: u64,
    repeat: u64,
    cells: &RowCells,
    budget: &mut Budget,
) -> Result<(), ReadError> {
    if cells.is_empty() {
        return Ok(());
    }
    if repeat > MAX_ROWS as u64 {
        return Err(ReadError::Repeated { count: repeat });
    }
    let too_large = |row: u64, col: u64| ReadError::SheetTooLarge {
        sheet: s.name.clone(),
        row: usize::try_from(row.saturating_add(1)).unwrap_or(usize::MAX),
        col: usize::try_from(col.saturating_add(1)).unwrap_or(usize::MAX),
        max_rows: MAX_ROWS,
        max_cols: MAX_COLS,
    };
    let last_row = first.saturating_add(repeat - 1);
    if last_row >= MAX_ROWS as u64 {
        return Err(too_large(last_row, cells[0].0));
    }
    for (col, _, n) in cells {
        let last_col = col.saturating_add(n - 1);
        if last_col >= MAX_COLS as u64 {
            return Err(too_large(first, last_col));
        }
    }
    // Within the limits: every index below fits.
    for r in first..=last_row {
        for (col, cell, n) in cells {
            for c in *col..col + n {
                s.put(r as usize, c as usize, cell.clone(), budget)?;
            }
        }
    }
    Ok(())
}
