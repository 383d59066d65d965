//! A report file as a grid of cells: Excel (xlsx, xls), OpenDocument (ods) or CSV, read with
//! limits so that a damaged or hostile file gets a message, never an out-of-memory. Knows
//! nothing of what the cells mean.

use crate::model::text::clean_text;
use std::path::Path;

mod ods;
mod xls;

/// Files larger than this are refused: district reports are a few hundred kilobytes.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// What a workbook's parts may unpack to, counted as they are unpacked, not as the zip
/// declares (a "zip bomb" declares little and unpacks to gigabytes).
pub const MAX_UNPACKED_BYTES: u64 = 100 * 1024 * 1024;
/// The largest sheet read: far beyond a province's report (65 communes × 10 years × kinds).
pub const MAX_ROWS: usize = 20_000;
pub const MAX_COLS: usize = 400;
/// The cells a workbook may lay out, all sheets together — each sheet as a grid as wide as
/// its widest row: some 64 MB, a hundred times a province's report.
pub const MAX_GRID_CELLS: usize = 2_000_000;

/// What is left of [`MAX_GRID_CELLS`] while a workbook is read.
pub(crate) struct Budget {
    left: usize,
}

impl Budget {
    fn new() -> Budget {
        Budget {
            left: MAX_GRID_CELLS,
        }
    }

    fn take(&mut self, cells: usize) -> Result<(), ReadError> {
        self.left = self
            .left
            .checked_sub(cells)
            .ok_or(ReadError::TooManyCells {
                max: MAX_GRID_CELLS,
            })?;
        Ok(())
    }
}

/// One cell as the file holds it.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A formula error (#REF!, #DIV/0! …) or a value GiamSat does not read (a date).
    Other(String),
}

impl Cell {
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }

    /// What the cell shows, for messages and previews.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Other(s) => s.clone(),
            Cell::Number(n) => format!("{n}"),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One sheet: rows of cells, all rows as long as the longest.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Puts a cell, within the limits (the caller checked `row` and `col`); each cell the
    /// grid grows by is taken from `budget`.
    fn put(
        &mut self,
        row: usize,
        col: usize,
        cell: Cell,
        budget: &mut Budget,
    ) -> Result<(), ReadError> {
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            budget.take(col + 1 - r.len())?;
            r.resize(col + 1, Cell::Empty);
        }
        r[col] = cell;
        Ok(())
    }

    /// Drops empty rows at the end and makes every row as wide as the widest, the cells it
    /// adds taken from `budget`.
    fn square(&mut self, budget: &mut Budget) -> Result<(), ReadError> {
        while self
            .rows
            .last()
            .is_some_and(|r| r.iter().all(Cell::is_empty))
        {
            self.rows.pop();
        }
        let w = self.width();
        let adding: usize = self.rows.iter().map(|r| w - r.len()).sum();
        budget.take(adding)?;
        for r in &mut self.rows {
            r.resize(w, Cell::Empty);
        }
        Ok(())
    }
}

/// The kind of file, from its content (never its name alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

/// A whole report file.
#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub format: Format,
    pub sheets: Vec<Sheet>,
    /// For CSV: the text encoding found ("UTF-8", "UTF-16LE", "windows-1258").
    pub text_encoding: Option<&'static str>,
}

/// Why a file could not be read, worded for the person who chose it.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("không đọc được tệp: {0}")]
    Io(#[from] std::io::Error),
    #[error("tệp quá lớn ({size} MB); GiamSat đọc báo cáo đến {max} MB")]
    TooLarge { size: u64, max: u64 },
    #[error("tệp giải nén ra quá lớn (hơn {max} MB) — có thể tệp bị hỏng hoặc cố ý làm hại")]
    UnpacksTooLarge { max: u64 },
    #[error(
        "trang tính “{sheet}” có dữ liệu ở dòng {row}, cột {col} — vượt giới hạn {max_rows} dòng × {max_cols} cột GiamSat đọc"
    )]
    SheetTooLarge {
        sheet: String,
        row: usize,
        col: usize,
        max_rows: usize,
        max_cols: usize,
    },
    #[error(
        "tệp lặp lại một dòng hoặc ô có dữ liệu {count} lần — vượt giới hạn {MAX_ROWS} dòng × {MAX_COLS} cột GiamSat đọc; có thể tệp bị hỏng"
    )]
    Repeated { count: u64 },
    #[error(
        "tệp có quá nhiều ô (hơn {max}, tính cả các ô trống giữa các ô có dữ liệu) — vượt giới hạn GiamSat đọc; có thể tệp bị hỏng hoặc cố ý làm hại"
    )]
    TooManyCells { max: usize },
    #[error("không phải tệp Excel, OpenDocument hay CSV mà GiamSat đọc được: {0}")]
    Unreadable(String),
    #[error("tệp không có trang tính nào")]
    NoSheets,
}

/// Reads a report file: xlsx, xls, ods or CSV, told apart by their first bytes.
pub fn read(path: &Path) -> Result<Workbook, ReadError> {
    let size = std::fs::metadata(path)?.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: size / (1024 * 1024),
            max: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let bytes = std::fs::read(path)?;
    read_bytes(&bytes)
}

/// Reads a report from its bytes (see [`read`]). A reader that panics on a damaged file is an
/// error here, not a crash.
pub fn read_bytes(bytes: &[u8]) -> Result<Workbook, ReadError> {
    crate::crash_report::catching(|| read_unguarded(bytes)).unwrap_or_else(|panic| {
        Err(ReadError::Unreadable(crate::crash_report::panic_text(
            panic.as_ref(),
        )))
    })
}

/// As [`read_bytes`], a panic left to unwind: tests of hostile files use it to see one.
#[doc(hidden)]
pub fn read_bytes_unguarded(bytes: &[u8]) -> Result<Workbook, ReadError> {
    read_unguarded(bytes)
}

fn read_unguarded(bytes: &[u8]) -> Result<Workbook, ReadError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64 / (1024 * 1024),
            max: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        if zip_has(bytes, "content.xml") {
            // Read as it unpacks, its bytes and cells counted on the way.
            let sheets = ods::read(bytes, &mut Budget::new())?;
            return workbook(Format::Ods, sheets);
        }
        check_unpacked_size(bytes)?;
        return read_spreadsheet(bytes, Format::Xlsx);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        xls::check(bytes)?;
        return read_spreadsheet(bytes, Format::Xls);
    }
    read_csv(bytes)
}

/// Unpacks the zip's parts that the reader may read (all but pictures and embedded objects,
/// whatever they are named), counting what they really unpack to — a zip's own record of the
/// sizes can lie — and stops at the limit.
/// Nothing is kept: this only measures, before the reader unpacks anything for real.
fn check_unpacked_size(bytes: &[u8]) -> Result<(), ReadError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| ReadError::Unreadable(e.to_string()))?;
    let too_large = || ReadError::UnpacksTooLarge {
        max: MAX_UNPACKED_BYTES / (1024 * 1024),
    };
    let mut left = MAX_UNPACKED_BYTES;
    for i in 0..archive.len() {
        let f = archive
            .by_index(i)
            .map_err(|e| ReadError::Unreadable(e.to_string()))?;
        let name = f.name().map(|n| n.to_string()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        if lower.starts_with("xl/media/") || lower.starts_with("xl/embeddings/") {
            continue;
        }
        let mut counted = ods::Counted::new(f, left);
        let n = std::io::copy(&mut counted, &mut std::io::sink()).map_err(|e| {
            if ods::is_over_limit(&e) {
                too_large()
            } else {
                ReadError::Unreadable(format!(
                    "phần “{name}” của tệp nén hỏng hoặc khai sai kích thước ({e})"
                ))
            }
        })?;
        left = left.checked_sub(n).ok_or_else(too_large)?;
    }
    Ok(())
}

fn zip_has(bytes: &[u8], name: &str) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map(|a| a.file_names().any(|n| n.is_ok_and(|n| n == name)))
        .unwrap_or(false)
}

fn cell_of(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(clean_text(s)),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Other(b.to_string()),
        Data::DateTime(dt) => Cell::Other(dt.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Other(s.clone()),
        Data::Error(e) => Cell::Other(format!("#{e}")),
    }
}

fn cell_of_ref(d: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef;
    match d {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(clean_text(s)),
        DataRef::SharedString(s) => Cell::Text(clean_text(s)),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Other(b.to_string()),
        DataRef::DateTime(dt) => Cell::Other(dt.to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::Other(s.clone()),
        DataRef::Error(e) => Cell::Other(format!("#{e}")),
    }
}

fn too_large(sheet: &str, row: usize, col: usize) -> ReadError {
    ReadError::SheetTooLarge {
        sheet: sheet.to_string(),
        row: row + 1,
        col: col + 1,
        max_rows: MAX_ROWS,
        max_cols: MAX_COLS,
    }
}

fn read_spreadsheet(bytes: &[u8], format: Format) -> Result<Workbook, ReadError> {
    use calamine::Reader;
    let unreadable = |e: &dyn std::fmt::Display| ReadError::Unreadable(e.to_string());
    let cursor = std::io::Cursor::new(bytes);
    let mut sheets = Vec::new();
    let mut budget = Budget::new();
    match format {
        Format::Xlsx => {
            let mut wb: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
            for name in wb.sheet_names() {
                // Cell by cell: a sheet that claims a million columns takes no memory for them.
                let mut sheet = Sheet {
                    name: name.clone(),
                    rows: Vec::new(),
                };
                let mut reader = wb
                    .worksheet_cells_reader(&name)
                    .map_err(|e| unreadable(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| unreadable(&e))? {
                    let value = cell_of_ref(cell.get_value());
                    if value.is_empty() {
                        continue;
                    }
                    let (row, col) = cell.get_position();
                    let (row, col) = (row as usize, col as usize);
                    if row >= MAX_ROWS || col >= MAX_COLS {
                        return Err(too_large(&name, row, col));
                    }
                    sheet.put(row, col, value, &mut budget)?;
                }
                sheet.square(&mut budget)?;
                sheets.push(sheet);
            }
        }
        Format::Xls => {
            let mut wb: calamine::Xls<_> =
                calamine::open_workbook_from_rs(cursor).map_err(|e| unreadable(&e))?;
            for name in wb.sheet_names() {
                let range = wb.worksheet_range(&name).map_err(|e| unreadable(&e))?;
                let (top, left) = range
                    .start()
                    .map_or((0, 0), |(r, c)| (r as usize, c as usize));
                let mut sheet = Sheet {
                    name: name.clone(),
                    rows: Vec::new(),
                };
                for (r, c, v) in range.used_cells() {
                    let value = cell_of(v);
                    if value.is_empty() {
                        continue;
                    }
                    let (row, col) = (top + r, left + c);
                    if row >= MAX_ROWS || col >= MAX_COLS {
                        return Err(too_large(&name, row, col));
                    }
                    sheet.put(row, col, value, &mut budget)?;
                }
                sheet.square(&mut budget)?;
                sheets.push(sheet);
            }
        }
        Format::Ods => return workbook(format, ods::read(bytes, &mut budget)?),
        Format::Csv => return read_csv(bytes),
    }
    workbook(format, sheets)
}

fn workbook(format: Format, sheets: Vec<Sheet>) -> Result<Workbook, ReadError> {
    if sheets.is_empty() {
        return Err(ReadError::NoSheets);
    }
    Ok(Workbook {
        format,
        sheets,
        text_encoding: None,
    })
}

/// Decodes a CSV file's text: UTF-8 with or without BOM, UTF-16 with BOM, or Windows-1258
/// (what Excel writes for "CSV" on a Vietnamese Windows).
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), enc.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1258.decode(bytes);
            (text.into_owned(), "windows-1258")
        }
    }
}

/// The separator that splits the first lines into the same number of fields most often.
fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0usize);
    for d in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.matches(char::from(d)).count())
            .filter(|n| *n > 0)
            .collect();
        let Some(&most) = counts.iter().max() else {
            continue;
        };
        let agreeing = counts.iter().filter(|n| **n == most).count() * most;
        if agreeing > best.1 {
            best = (d, agreeing);
        }
    }
    best.0
}

/// A blank line is a row in Excel, and row numbers in messages must match it; the CSV reader
/// skips blank lines, so each one (outside quotes) gets a lone separator.
fn keep_blank_lines(text: &str, delimiter: char) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_quotes = false;
    let mut line_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if line_start && !in_quotes && (c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'))) {
            out.push(delimiter);
        }
        out.push(c);
        if c == '"' {
            in_quotes = !in_quotes;
        }
        line_start = c == '\n';
    }
    out
}

fn read_csv(bytes: &[u8]) -> Result<Workbook, ReadError> {
    if bytes.contains(&0) && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err(ReadError::Unreadable(
            "tệp có byte 0 — không phải văn bản CSV".into(),
        ));
    }
    let (text, encoding) = decode(bytes);
    let text = clean_text(&text);
    let delimiter = sniff_delimiter(&text);
    let text = keep_blank_lines(&text, char::from(delimiter));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut sheet = Sheet {
        name: "CSV".into(),
        rows: Vec::new(),
    };
    let mut budget = Budget::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ReadError::Unreadable(e.to_string()))?;
        for (col, field) in record.iter().enumerate() {
            if field.trim().is_empty() {
                continue;
            }
            if row >= MAX_ROWS || col >= MAX_COLS {
                return Err(too_large("CSV", row, col));
            }
            sheet.put(row, col, Cell::Text(field.to_string()), &mut budget)?;
        }
    }
    sheet.square(&mut budget)?;
    Ok(Workbook {
        format: Format::Csv,
        sheets: vec![sheet],
        text_encoding: Some(encoding),
    })
}
