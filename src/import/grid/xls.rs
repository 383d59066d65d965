//! A look at an Excel 97–2003 workbook (.xls) before it is read: where its cells are. The
//! general reader lays every sheet out as a full grid from its first cell to its last, and
//! reserves room for the size a sheet's DIMENSIONS record claims, as soon as the file is
//! opened — so a small file with a cell at row 60 000, or a record claiming a billion rows,
//! would take gigabytes. Here the compound file is followed to its workbook stream and every
//! record that places a cell is checked against the limits first, in the file's own bytes.

use super::{MAX_COLS, MAX_GRID_CELLS, MAX_ROWS, ReadError};

const FREE: u32 = 0xFFFF_FFFF;
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

fn unreadable(what: &str) -> ReadError {
    ReadError::Unreadable(format!("tệp Excel 97–2003 hỏng: {what}"))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// A compound file (OLE2), read from memory.
struct Compound<'a> {
    bytes: &'a [u8],
    sector: usize,
    fat: Vec<u32>,
}

impl<'a> Compound<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Compound<'a>, ReadError> {
        let header = |at| u32_at(bytes, at).ok_or_else(|| unreadable("thiếu phần đầu"));
        let shift = u16_at(bytes, 0x1E).ok_or_else(|| unreadable("thiếu phần đầu"))?;
        if shift != 9 && shift != 12 {
            return Err(unreadable("cỡ khối lạ"));
        }
        let sector = 1usize << shift;
        let mut c = Compound {
            bytes,
            sector,
            fat: Vec::new(),
        };
        // The sectors that hold the allocation table: 109 listed in the header, the rest in
        // a chain of its own (DIFAT).
        let fat_sectors = header(0x2C)? as usize;
        let most_sectors = bytes.len() / sector + 1;
        if fat_sectors > most_sectors {
            return Err(unreadable("bảng cấp phát lớn hơn tệp"));
        }
        let mut list: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + 4 * i))
            .filter(|s| *s != FREE)
            .collect();
        let mut next = header(0x44)?;
        let mut hops = 0;
        while next != END_OF_CHAIN && next != FREE && list.len() < fat_sectors {
            hops += 1;
            if hops > most_sectors {
                return Err(unreadable("chuỗi khối lặp vòng"));
            }
            let s = c.sector_bytes(next)?;
            let per = sector / 4 - 1;
            list.extend(
                (0..per)
                    .filter_map(|i| u32_at(s, 4 * i))
                    .filter(|x| *x != FREE),
            );
            next = u32_at(s, 4 * per).unwrap_or(END_OF_CHAIN);
        }
        list.truncate(fat_sectors);
        let mut fat = Vec::with_capacity(fat_sectors * sector / 4);
        for s in list {
            let b = c.sector_bytes(s)?;
            fat.extend((0..sector / 4).filter_map(|i| u32_at(b, 4 * i)));
        }
        c.fat = fat;
        Ok(c)
    }

    fn sector_bytes(&self, n: u32) -> Result<&'a [u8], ReadError> {
        let start = (n as usize + 1)
            .checked_mul(self.sector)
            .ok_or_else(|| unreadable("khối ngoài tệp"))?;
        self.bytes
            .get(start..start + self.sector)
            .or_else(|| self.bytes.get(start..))
            .filter(|b| !b.is_empty())
            .ok_or_else(|| unreadable("khối ngoài tệp"))
    }

    /// The bytes of a chain of sectors, at most `size`. A chain longer than the file has
    /// sectors loops, and is refused.
    fn chain(&self, first: u32, size: usize) -> Result<Vec<u8>, ReadError> {
        let most = self.bytes.len() / self.sector + 1;
        let mut out = Vec::with_capacity(size.min(self.bytes.len()));
        let mut next = first;
        let mut hops = 0usize;
        while next != END_OF_CHAIN && out.len() < size {
            hops += 1;
            if hops > most {
                return Err(unreadable("chuỗi khối lặp vòng"));
            }
            out.extend_from_slice(self.sector_bytes(next)?);
            next = *self
                .fat
                .get(next as usize)
                .ok_or_else(|| unreadable("chuỗi khối đứt"))?;
        }
        out.truncate(size);
        Ok(out)
    }

    /// The stream named `name` (the workbook: "Workbook", or "Book" before Excel 97).
    fn stream(&self, names: &[&str]) -> Result<Vec<u8>, ReadError> {
        let header = |at| u32_at(self.bytes, at).ok_or_else(|| unreadable("thiếu phần đầu"));
        let dir = self.chain(header(0x30)?, usize::MAX)?;
        let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
        let name_of = |e: &[u8]| -> String {
            let len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
            let units: Vec<u16> = (0..len / 2)
                .filter_map(|i| u16_at(e, 2 * i))
                .take_while(|u| *u != 0)
                .collect();
            String::from_utf16_lossy(&units)
        };
        let root = entries
            .first()
            .ok_or_else(|| unreadable("không có thư mục"))?;
        // As the reader looks: the first entry named so, in any case, "Workbook" before "Book".
        let entry = names
            .iter()
            .find_map(|n| entries.iter().find(|e| name_of(e).eq_ignore_ascii_case(n)))
            .ok_or_else(|| unreadable("không có luồng Workbook"))?;
        let start = u32_at(entry, 116).unwrap_or(END_OF_CHAIN);
        let size = u32_at(entry, 120).unwrap_or(0) as usize;
        if size > self.bytes.len() {
            return Err(unreadable("luồng lớn hơn tệp"));
        }
        // The reader puts every stream under 4 096 bytes in the mini stream, whatever the
        // header says.
        if size >= 4096 {
            return self.chain(start, size);
        }
        // A small stream lives in the mini stream, in 64-byte pieces.
        let mini_fat_bytes = self.chain(header(0x3C)?, usize::MAX)?;
        let mini_fat: Vec<u32> = mini_fat_bytes
            .chunks_exact(4)
            .filter_map(|c| u32_at(c, 0))
            .collect();
        let root_start = u32_at(root, 116).unwrap_or(END_OF_CHAIN);
        let root_size = (u32_at(root, 120).unwrap_or(0) as usize).min(self.bytes.len());
        let mini = self.chain(root_start, root_size)?;
        let mut out = Vec::with_capacity(size);
        let mut next = start;
        let mut hops = 0usize;
        while next != END_OF_CHAIN && out.len() < size {
            hops += 1;
            if hops > mini.len() / 64 + 1 {
                return Err(unreadable("chuỗi khối lặp vòng"));
            }
            let at = next as usize * 64;
            let piece = mini
                .get(at..at + 64)
                .ok_or_else(|| unreadable("khối nhỏ ngoài luồng"))?;
            out.extend_from_slice(piece);
            next = *mini_fat
                .get(next as usize)
                .ok_or_else(|| unreadable("chuỗi khối đứt"))?;
        }
        out.truncate(size);
        Ok(out)
    }
}

/// The cells of one sheet, as far as their places go.
#[derive(Default)]
struct Extent {
    rows: Option<(u32, u32)>,
    cols: Option<(u32, u32)>,
}

impl Extent {
    fn add(&mut self, row: u32, col: u32) {
        let widen = |r: &mut Option<(u32, u32)>, v: u32| {
            *r = Some(r.map_or((v, v), |(a, b)| (a.min(v), b.max(v))));
        };
        widen(&mut self.rows, row);
        widen(&mut self.cols, col);
    }

    /// The cells of the grid from the first cell to the last.
    fn area(&self) -> u64 {
        match (self.rows, self.cols) {
            (Some((r0, r1)), Some((c0, c1))) => {
                u64::from(r1 - r0 + 1).saturating_mul(u64::from(c1 - c0 + 1))
            }
            _ => 0,
        }
    }
}

/// The records of a workbook stream from `at`: type and data.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let len = u16_at(stream, at + 2)? as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// A sheet's name from its BOUNDSHEET record (for messages).
fn sheet_name(data: &[u8]) -> String {
    let Some(&count) = data.get(6) else {
        return String::new();
    };
    let count = count as usize;
    match data.get(7) {
        Some(flags) if flags & 1 == 1 => {
            let units: Vec<u16> = (0..count).filter_map(|i| u16_at(data, 8 + 2 * i)).collect();
            String::from_utf16_lossy(&units)
        }
        _ => data
            .get(8..8 + count)
            .map(|b| b.iter().map(|&c| char::from(c)).collect())
            .unwrap_or_default(),
    }
}

/// The size a DIMENSIONS record claims, in cells, worked out as the reader works it out
/// (which makes room for that many at once); `None` when the reader would get it wrong —
/// a last row or column before the first, which it cannot take.
fn claimed_area(data: &[u8]) -> Option<u64> {
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (
            u32::from(u16_at(data, 0)?),
            u32::from(u16_at(data, 2)?),
            u32::from(u16_at(data, 4)?),
            u32::from(u16_at(data, 6)?),
        ),
        14 | 16 => (
            u32_at(data, 0)?,
            u32_at(data, 4)?,
            u32::from(u16_at(data, 8)?),
            u32::from(u16_at(data, 10)?),
        ),
        // The reader refuses any other length.
        _ => return Some(0),
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let (end_row, end_col) = if last_row >= 1 && last_col >= 1 {
        (last_row - 1, last_col - 1)
    } else {
        (first_row, first_col)
    };
    let rows = end_row.checked_sub(first_row)?;
    let cols = end_col.checked_sub(first_col)?;
    Some((u64::from(rows) + 1).saturating_mul(u64::from(cols) + 1))
}

/// Checks every sheet of an .xls file against the limits before it is read, sheet by sheet
/// as the reader will lay them out: each sheet the workbook lists, from where it says the
/// sheet starts (two entries naming one place are two grids), cells of charts and other
/// nested parts left out, blank cells (formatting only) not counted.
pub(super) fn check(bytes: &[u8]) -> Result<(), ReadError> {
    let compound = Compound::parse(bytes)?;
    let stream = compound.stream(&["Workbook", "Book"])?;
    let sheets: Vec<(usize, String)> = records(&stream, 0)
        .take_while(|(kind, _)| *kind != 0x000A)
        .filter(|(kind, data)| *kind == 0x0085 && data.len() >= 6)
        .filter_map(|(_, data)| Some((u32_at(data, 0)? as usize, sheet_name(data))))
        .collect();
    let too_many = || ReadError::TooManyCells {
        max: MAX_GRID_CELLS,
    };
    let mut total: u64 = 0;
    for (start, name) in sheets {
        let too_large = |row: u32, col: u32| ReadError::SheetTooLarge {
            sheet: name.clone(),
            row: row as usize + 1,
            col: col as usize + 1,
            max_rows: MAX_ROWS,
            max_cols: MAX_COLS,
        };
        // Where its values are, and where its formulas are: each laid out as a grid.
        let (mut values, mut formulas) = (Extent::default(), Extent::default());
        let (mut seen_bof, mut depth) = (false, 0usize);
        for (kind, data) in records(&stream, start) {
            if depth > 0 {
                match kind {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            let place = || -> Option<(u32, u32)> {
                Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)))
            };
            match kind {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // DIMENSIONS: the size the sheet claims, for which room is made at once.
                0x0200 => match claimed_area(data) {
                    Some(area) if area <= MAX_GRID_CELLS as u64 => {}
                    Some(_) => return Err(too_many()),
                    None => return Err(unreadable("bản ghi kích thước trang tính sai")),
                },
                // Records that place one value: NUMBER, LABEL, RSTRING, BOOLERR, RK,
                // LABELSST, and a FORMULA (its value, and its text).
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    let (row, col) = place().ok_or_else(|| unreadable("bản ghi ô cụt"))?;
                    if row as usize >= MAX_ROWS || col as usize >= MAX_COLS {
                        return Err(too_large(row, col));
                    }
                    values.add(row, col);
                    if kind == 0x0006 {
                        formulas.add(row, col);
                    }
                }
                // MULRK: a run of values in one row, the last column at the end.
                0x00BD => {
                    let (row, col) = place().ok_or_else(|| unreadable("bản ghi ô cụt"))?;
                    let last = data
                        .len()
                        .checked_sub(2)
                        .and_then(|i| u16_at(data, i))
                        .ok_or_else(|| unreadable("bản ghi ô cụt"))?;
                    for c in [col, u32::from(last)] {
                        if row as usize >= MAX_ROWS || c as usize >= MAX_COLS {
                            return Err(too_large(row, c));
                        }
                        values.add(row, c);
                    }
                }
                _ => {}
            }
        }
        total = total
            .saturating_add(values.area())
            .saturating_add(formulas.area());
        if total > MAX_GRID_CELLS as u64 {
            return Err(too_many());
        }
    }
    Ok(())
}
