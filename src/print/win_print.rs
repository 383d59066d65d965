//! Printing on Windows without a PDF viewer: the installed printers come from the spooler
//! (`EnumPrintersW`, the default from `GetDefaultPrinterW`), and a document is drawn page by
//! page through the chosen printer's own driver (GDI: `CreateDCW` … `StretchDIBits`), as
//! pictures rendered by typst at up to 300 dpi. That works with every driver Windows has —
//! no PDF handler, no "print" verb, no viewer left open — and the job is in the printer's
//! queue when this returns, so the app can say "sent to the printer" truthfully.
//!
//! The Win32 calls are confined to this module.
#![allow(unsafe_code)]

use super::printer::{PrintDocumentError, PrintJobError, Printer};
use super::{PrintDoc, typeset};
use windows_sys::Win32::Foundation::GetLastError;
use windows_sys::Win32::Graphics::Gdi::{
    BI_RGB, BITMAPINFO, BITMAPINFOHEADER, CreateDCW, DIB_RGB_COLORS, DeleteDC, GetDeviceCaps,
    HALFTONE, HDC, LOGPIXELSX, LOGPIXELSY, PHYSICALHEIGHT, PHYSICALOFFSETX, PHYSICALOFFSETY,
    PHYSICALWIDTH, SRCCOPY, SetStretchBltMode, StretchDIBits,
};
use windows_sys::Win32::Graphics::Printing::{
    EnumPrintersW, GetDefaultPrinterW, PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL,
    PRINTER_INFO_4W,
};
use windows_sys::Win32::Storage::Xps::{AbortDoc, DOCINFOW, EndDoc, EndPage, StartDocW, StartPage};

/// The highest resolution pages are rendered at; the driver scales up from there. 300 dpi is
/// sharp for text on office printers and keeps one A4 page under 40 MB in memory.
const MAX_DPI: i32 = 300;

/// A4 in millimetres.
const A4_MM: (f64, f64) = (210.0, 297.0);

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(std::iter::once(0)).collect()
}

/// Reads a NUL-terminated UTF-16 string.
///
/// # Safety
/// `p` is null or points to a NUL-terminated UTF-16 string that stays valid during the call.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: the caller promises a NUL-terminated string.
    unsafe {
        while *p.add(len) != 0 {
            len += 1;
        }
        String::from_utf16_lossy(std::slice::from_raw_parts(p, len))
    }
}

fn default_printer() -> Option<String> {
    let mut len: u32 = 0;
    // SAFETY: a null buffer with a length of 0 asks for the needed length.
    unsafe { GetDefaultPrinterW(std::ptr::null_mut(), &mut len) };
    if len == 0 {
        return None;
    }
    let mut buf = vec![0u16; len as usize];
    // SAFETY: `buf` holds `len` UTF-16 units, as the call was told.
    let ok = unsafe { GetDefaultPrinterW(buf.as_mut_ptr(), &mut len) };
    if ok == 0 {
        return None;
    }
    // SAFETY: on success the buffer holds a NUL-terminated name.
    Some(unsafe { from_wide(buf.as_ptr()) })
}

/// The installed printers (local and network connections), the default marked.
pub fn printers() -> Vec<Printer> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut count) = (0u32, 0u32);
    // SAFETY: a null buffer of size 0 asks for the needed size.
    unsafe {
        EnumPrintersW(
            flags,
            std::ptr::null(),
            4,
            std::ptr::null_mut(),
            0,
            &mut needed,
            &mut count,
        )
    };
    if needed == 0 {
        return Vec::new();
    }
    // PRINTER_INFO_4W holds pointers: keep the buffer aligned for them.
    let words = (needed as usize).div_ceil(std::mem::size_of::<u64>());
    let mut buf = vec![0u64; words];
    // SAFETY: `buf` is at least `needed` bytes long and 8-byte aligned.
    let ok = unsafe {
        EnumPrintersW(
            flags,
            std::ptr::null(),
            4,
            buf.as_mut_ptr().cast(),
            needed,
            &mut needed,
            &mut count,
        )
    };
    if ok == 0 {
        return Vec::new();
    }
    let default = default_printer();
    let infos = buf.as_ptr().cast::<PRINTER_INFO_4W>();
    (0..count as usize)
        .map(|i| {
            // SAFETY: the spooler wrote `count` PRINTER_INFO_4W records at the start of the
            // buffer, whose strings point into the same buffer, alive while `buf` is.
            let name = unsafe { from_wide((*infos.add(i)).pPrinterName) };
            Printer {
                is_default: default.as_deref() == Some(name.as_str()),
                name,
            }
        })
        .filter(|p| !p.name.is_empty())
        .collect()
}

fn failed(what: &str) -> PrintDocumentError {
    // SAFETY: GetLastError only reads the thread's last error code.
    let code = unsafe { GetLastError() };
    let text = std::io::Error::from_raw_os_error(code as i32);
    PrintDocumentError::Job(PrintJobError::Failed(format!("{what}: {text}")))
}

/// A printer device context, deleted when dropped.
struct PrinterDc(HDC);

impl Drop for PrinterDc {
    fn drop(&mut self) {
        // SAFETY: the handle came from CreateDCW and is deleted once.
        unsafe { DeleteDC(self.0) };
    }
}

/// Where an A4 page goes on the printer's paper, in device pixels relative to the printable
/// area: at its real size from the paper's corner when the paper is A4 or larger, else scaled
/// down to fit and centred (a Letter tray loses nothing).
fn placement(dc: HDC) -> (i32, i32, i32, i32, i32) {
    // SAFETY: GetDeviceCaps reads properties of a valid device context.
    let cap = |i: u32| unsafe { GetDeviceCaps(dc, i as i32) };
    let (dpi_x, dpi_y) = (cap(LOGPIXELSX).max(72), cap(LOGPIXELSY).max(72));
    let (paper_w, paper_h) = (cap(PHYSICALWIDTH), cap(PHYSICALHEIGHT));
    let (off_x, off_y) = (cap(PHYSICALOFFSETX), cap(PHYSICALOFFSETY));
    let a4_w = A4_MM.0 / 25.4 * f64::from(dpi_x);
    let a4_h = A4_MM.1 / 25.4 * f64::from(dpi_y);
    let scale = if paper_w > 0 && paper_h > 0 {
        (f64::from(paper_w) / a4_w)
            .min(f64::from(paper_h) / a4_h)
            .min(1.0)
    } else {
        1.0
    };
    let (w, h) = ((a4_w * scale).round(), (a4_h * scale).round());
    let x = ((f64::from(paper_w) - w) / 2.0).max(0.0).round() as i32 - off_x;
    let y = if scale < 1.0 {
        ((f64::from(paper_h) - h) / 2.0).max(0.0).round() as i32
    } else {
        0
    } - off_y;
    (x, y, w as i32, h as i32, dpi_x.min(MAX_DPI))
}

/// Prints `doc` on `printer` (the default when `None`), `copies` collated copies in one job.
pub fn print(
    doc: &PrintDoc,
    printer: Option<&str>,
    copies: u32,
    title: &str,
) -> Result<(), PrintDocumentError> {
    let name = match printer.map(str::to_string).or_else(default_printer) {
        Some(n) => n,
        None => return Err(PrintDocumentError::Job(PrintJobError::NoPrinter)),
    };
    let paged = typeset::layout(doc)?;
    let device = wide(&name);
    // SAFETY: the device name is NUL-terminated and outlives the call; the other arguments
    // may be null (the printer's own default settings).
    let dc = unsafe {
        CreateDCW(
            std::ptr::null(),
            device.as_ptr(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    if dc.is_null() {
        return Err(failed(&name));
    }
    let dc = PrinterDc(dc);
    let (x, y, w, h, dpi) = placement(dc.0);
    let doc_name = wide(title);
    let info = DOCINFOW {
        cbSize: std::mem::size_of::<DOCINFOW>() as i32,
        lpszDocName: doc_name.as_ptr(),
        lpszOutput: std::ptr::null(),
        lpszDatatype: std::ptr::null(),
        fwType: 0,
    };
    // SAFETY: `info` and the strings it points to live until the call returns.
    if unsafe { StartDocW(dc.0, &info) } <= 0 {
        return Err(failed(&name));
    }
    let pixels_per_pt = dpi as f32 / 72.0;
    let result = (|| {
        for _ in 0..copies.max(1) {
            for page in paged.pages() {
                let mut image = typeset::page_image(page, pixels_per_pt);
                // RGBA to the BGRA order GDI reads (alpha is ignored: pages are opaque).
                for px in image.rgba.chunks_exact_mut(4) {
                    px.swap(0, 2);
                }
                let header = BITMAPINFOHEADER {
                    biSize: std::mem::size_of::<BITMAPINFOHEADER>() as u32,
                    biWidth: image.width as i32,
                    // Negative: rows run top to bottom, as rendered.
                    biHeight: -(image.height as i32),
                    biPlanes: 1,
                    biBitCount: 32,
                    biCompression: BI_RGB,
                    ..Default::default()
                };
                let bmi = BITMAPINFO {
                    bmiHeader: header,
                    ..Default::default()
                };
                // SAFETY: `dc` is a printer DC inside a started document; `image.rgba` holds
                // width × height × 4 bytes as the header describes, alive during the call.
                unsafe {
                    if StartPage(dc.0) <= 0 {
                        return Err(failed(&name));
                    }
                    SetStretchBltMode(dc.0, HALFTONE);
                    let drawn = StretchDIBits(
                        dc.0,
                        x,
                        y,
                        w,
                        h,
                        0,
                        0,
                        image.width as i32,
                        image.height as i32,
                        image.rgba.as_ptr().cast(),
                        &bmi,
                        DIB_RGB_COLORS,
                        SRCCOPY,
                    );
                    if drawn == 0 {
                        return Err(failed(&name));
                    }
                    if EndPage(dc.0) <= 0 {
                        return Err(failed(&name));
                    }
                }
            }
        }
        Ok(())
    })();
    match result {
        Ok(()) => {
            // SAFETY: ends the document started above.
            if unsafe { EndDoc(dc.0) } <= 0 {
                return Err(failed(&name));
            }
            Ok(())
        }
        Err(e) => {
            // SAFETY: cancels the document started above; nothing reaches the printer.
            unsafe { AbortDoc(dc.0) };
            Err(e)
        }
    }
}
