//! Printing on Windows without a PDF viewer: the installed printers come from the spooler
//! (`EnumPrintersW`, the default from `GetDefaultPrinterW`), and a document is drawn page by
//! page through the chosen printer's own driver (GDI: `CreateDCW` … `StretchDIBits`), as
//! pictures rendered by typst at up to 300 dpi, on A4 in the document's orientation, the
//! copies made by the driver where it can. That works with every driver Windows has —
//! no PDF handler, no "print" verb, no viewer left open — and the job is in the printer's
//! queue when this returns, so the app can say "sent to the printer" truthfully.
//!
//! The Win32 calls are confined to this module.
#![allow(unsafe_code)]

use super::placement::{Paper, place};
use super::printer::{PrintDocumentError, PrintJobError, Printer};
use super::{Printable, typeset};
use windows_sys::Win32::Foundation::{ERROR_CANCELLED, ERROR_INSUFFICIENT_BUFFER, GetLastError};
use windows_sys::Win32::Graphics::Gdi::{
    BI_RGB, BITMAPINFO, BITMAPINFOHEADER, CreateDCW, DEVMODEW, DIB_RGB_COLORS, DM_COLLATE,
    DM_COPIES, DM_IN_BUFFER, DM_ORIENTATION, DM_OUT_BUFFER, DM_PAPERSIZE, DMCOLLATE_TRUE,
    DMORIENT_LANDSCAPE, DMORIENT_PORTRAIT, DMPAPER_A4, DeleteDC, GetDeviceCaps, HALFTONE, HDC,
    LOGPIXELSX, LOGPIXELSY, PHYSICALHEIGHT, PHYSICALOFFSETX, PHYSICALOFFSETY, PHYSICALWIDTH,
    SRCCOPY, SetBrushOrgEx, SetStretchBltMode, StretchDIBits,
};
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, DocumentPropertiesW, EnumPrintersW, GetDefaultPrinterW, OpenPrinterW,
    PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_4W,
};
use windows_sys::Win32::Storage::Xps::{AbortDoc, DOCINFOW, EndDoc, EndPage, StartDocW, StartPage};

/// The highest resolution pages are rendered at; the driver scales up from there. 300 dpi is
/// sharp for text on office printers and keeps one A4 page under 40 MB in memory.
const MAX_DPI: i32 = 300;

/// DocumentPropertiesW's answer when all went well.
const IDOK: i32 = 1;

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
    let mut buf: Vec<u64> = Vec::new();
    let mut count = 0u32;
    // A printer added between asking for the size and reading the list makes the buffer too
    // small: ask again a few times.
    let mut filled = false;
    for _ in 0..4 {
        let mut needed = 0u32;
        let bytes = u32::try_from(buf.len() * std::mem::size_of::<u64>()).unwrap_or(u32::MAX);
        let ptr = if buf.is_empty() {
            std::ptr::null_mut()
        } else {
            buf.as_mut_ptr().cast()
        };
        // SAFETY: `ptr` is null with a size of 0, or `buf`, 8-byte aligned and `bytes` long.
        let ok = unsafe {
            EnumPrintersW(
                flags,
                std::ptr::null(),
                4,
                ptr,
                bytes,
                &mut needed,
                &mut count,
            )
        };
        if ok != 0 {
            filled = true;
            break;
        }
        // SAFETY: GetLastError only reads the thread's last error code.
        if unsafe { GetLastError() } != ERROR_INSUFFICIENT_BUFFER || needed == 0 {
            return Vec::new();
        }
        // PRINTER_INFO_4W holds pointers: keep the buffer aligned for them.
        buf = vec![0u64; (needed as usize).div_ceil(std::mem::size_of::<u64>())];
    }
    if !filled || buf.is_empty() {
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

/// What the last Win32 call said went wrong; a call that fails without saying (several GDI
/// printing calls do) is reported as the printer refusing the page.
fn failed(what: &str) -> PrintDocumentError {
    // SAFETY: GetLastError only reads the thread's last error code.
    let code = unsafe { GetLastError() };
    if code == ERROR_CANCELLED {
        return PrintDocumentError::Job(PrintJobError::Cancelled);
    }
    if code == 0 {
        return PrintDocumentError::Job(PrintJobError::Refused(what.to_string()));
    }
    let detail = std::io::Error::from_raw_os_error(code as i32);
    PrintDocumentError::Job(PrintJobError::Failed(format!("{what}: {detail}")))
}

/// A printer device context, deleted when dropped.
struct PrinterDc(HDC);

impl Drop for PrinterDc {
    fn drop(&mut self) {
        // SAFETY: the handle came from CreateDCW and is deleted once.
        unsafe { DeleteDC(self.0) };
    }
}

/// The printer's own settings with A4 paper in the document's orientation and, where the
/// driver makes copies itself, the copies collated: then one copy is sent and the driver
/// repeats it (a 10-page notice in 30 copies stays 10 pages in the spool folder). `None` when
/// the driver gives no settings; the device context then uses its defaults.
struct DriverSettings {
    /// A DEVMODEW with the driver's private part after it, 8-byte aligned.
    buf: Vec<u64>,
    copies_by_driver: bool,
}

fn driver_settings(device: &[u16], landscape: bool, copies: u32) -> Option<DriverSettings> {
    let mut handle = PRINTER_HANDLE::default();
    // SAFETY: `device` is NUL-terminated; `handle` receives the printer handle.
    if unsafe { OpenPrinterW(device.as_ptr(), &mut handle, std::ptr::null()) } == 0 {
        return None;
    }
    let result = (|| {
        // SAFETY: with no buffers and mode 0 the call returns the size the settings need.
        let size = unsafe {
            DocumentPropertiesW(
                std::ptr::null_mut(),
                handle,
                device.as_ptr(),
                std::ptr::null_mut(),
                std::ptr::null(),
                0,
            )
        };
        let size = usize::try_from(size).ok()?;
        if size < std::mem::size_of::<DEVMODEW>() {
            return None;
        }
        let words = size.div_ceil(std::mem::size_of::<u64>());
        let mut defaults = vec![0u64; words];
        // SAFETY: `defaults` holds at least `size` bytes, aligned for DEVMODEW.
        let ok = unsafe {
            DocumentPropertiesW(
                std::ptr::null_mut(),
                handle,
                device.as_ptr(),
                defaults.as_mut_ptr().cast(),
                std::ptr::null(),
                DM_OUT_BUFFER,
            )
        };
        if ok != IDOK {
            return None;
        }
        {
            let dm = defaults.as_mut_ptr().cast::<DEVMODEW>();
            // SAFETY: the driver filled a DEVMODEW at the start of the buffer; the printer
            // fields of its first union are the ones a printer's settings use.
            unsafe {
                (*dm).dmFields |= DM_ORIENTATION | DM_PAPERSIZE;
                let printer = &mut (*dm).Anonymous1.Anonymous1;
                printer.dmOrientation = if landscape {
                    DMORIENT_LANDSCAPE as i16
                } else {
                    DMORIENT_PORTRAIT as i16
                };
                printer.dmPaperSize = DMPAPER_A4 as i16;
                // Always said, one copy included: a driver may keep the last job's count as
                // its default.
                (*dm).dmFields |= DM_COPIES | DM_COLLATE;
                printer.dmCopies = i16::try_from(copies).unwrap_or(i16::MAX);
                (*dm).dmCollate = DMCOLLATE_TRUE;
            }
        }
        let mut merged = vec![0u64; words];
        // SAFETY: both buffers hold `size` bytes; the driver validates our changes into
        // `merged`, dropping what it cannot do.
        let ok = unsafe {
            DocumentPropertiesW(
                std::ptr::null_mut(),
                handle,
                device.as_ptr(),
                merged.as_mut_ptr().cast(),
                defaults.as_ptr().cast(),
                DM_IN_BUFFER | DM_OUT_BUFFER,
            )
        };
        if ok != IDOK {
            return None;
        }
        let dm = merged.as_mut_ptr().cast::<DEVMODEW>();
        // SAFETY: the driver wrote a DEVMODEW at the start of `merged`.
        let copies_by_driver = unsafe {
            (*dm).dmFields & DM_COPIES != 0
                && u32::try_from((*dm).Anonymous1.Anonymous1.dmCopies).ok() == Some(copies)
        };
        if !copies_by_driver {
            // The driver cannot make them all: it makes one, and the pages are sent that many
            // times.
            // SAFETY: as above; one copy is always a valid setting.
            unsafe {
                (*dm).dmFields |= DM_COPIES;
                (*dm).Anonymous1.Anonymous1.dmCopies = 1;
            }
        }
        Some(DriverSettings {
            buf: merged,
            copies_by_driver,
        })
    })();
    // SAFETY: closes the handle opened above.
    unsafe { ClosePrinter(handle) };
    result
}

/// What the printer says of its sheet.
fn paper(dc: HDC) -> Paper {
    // SAFETY: GetDeviceCaps reads properties of a valid device context.
    let cap = |i: u32| unsafe { GetDeviceCaps(dc, i as i32) };
    Paper {
        dpi_x: cap(LOGPIXELSX),
        dpi_y: cap(LOGPIXELSY),
        width: cap(PHYSICALWIDTH),
        height: cap(PHYSICALHEIGHT),
        offset_x: cap(PHYSICALOFFSETX),
        offset_y: cap(PHYSICALOFFSETY),
    }
}

/// Turns an image a quarter counter-clockwise, as a landscape page lies on portrait paper.
fn rotate_quarter(image: &typeset::PageImage) -> typeset::PageImage {
    let (w, h) = (image.width as usize, image.height as usize);
    let mut rgba = vec![0u8; image.rgba.len()];
    for y in 0..h {
        for x in 0..w {
            let from = (y * w + x) * 4;
            // (x, y) in a w×h image goes to (y, w-1-x) in the h×w one.
            let to = ((w - 1 - x) * h + y) * 4;
            rgba[to..to + 4].copy_from_slice(&image.rgba[from..from + 4]);
        }
    }
    typeset::PageImage {
        width: image.height,
        height: image.width,
        rgba,
    }
}

/// Prints `doc` on `printer` (the default when `None`), `copies` collated copies in one job.
pub fn print(
    doc: &Printable,
    printer: Option<&str>,
    copies: u32,
    title: &str,
) -> Result<(), PrintDocumentError> {
    let name = match printer.map(str::to_string).or_else(default_printer) {
        Some(n) => n,
        None => return Err(PrintDocumentError::Job(PrintJobError::NoPrinter)),
    };
    let paged = doc.layout()?;
    let device = wide(&name);
    let landscape = paged
        .pages()
        .first()
        .is_some_and(|p| p.frame.width() > p.frame.height());
    let settings = driver_settings(&device, landscape, copies);
    let devmode = settings
        .as_ref()
        .map_or(std::ptr::null(), |s| s.buf.as_ptr().cast::<DEVMODEW>());
    // SAFETY: the device name is NUL-terminated and the settings (or null: the printer's
    // defaults) outlive the call.
    let dc = unsafe { CreateDCW(std::ptr::null(), device.as_ptr(), std::ptr::null(), devmode) };
    if dc.is_null() {
        return Err(failed(&name));
    }
    let dc = PrinterDc(dc);
    let dpi = {
        // SAFETY: reads a property of the valid device context.
        let d = unsafe { GetDeviceCaps(dc.0, LOGPIXELSX as i32) };
        d.clamp(72, MAX_DPI)
    };
    let sent_copies = if settings.as_ref().is_some_and(|s| s.copies_by_driver) {
        1
    } else {
        copies.max(1)
    };
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
        for _ in 0..sent_copies {
            for page in paged.pages() {
                let mut image = typeset::page_image(page, pixels_per_pt);
                let mm = |px: u32| f64::from(px) / f64::from(pixels_per_pt) / 72.0 * 25.4;
                let place = place((mm(image.width), mm(image.height)), paper(dc.0));
                if place.rotate {
                    image = rotate_quarter(&image);
                }
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
                    // HALFTONE needs the brush origin reset after it is set.
                    SetBrushOrgEx(dc.0, 0, 0, std::ptr::null_mut());
                    let drawn = StretchDIBits(
                        dc.0,
                        place.x,
                        place.y,
                        place.width,
                        place.height,
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
