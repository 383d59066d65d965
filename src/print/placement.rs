//! Where a page goes on a printer's paper, in the printer's pixels — the arithmetic of the
//! Windows print path (`win_print`), kept apart so it is tested on every platform.

/// A page's place on the paper, relative to the printable area's corner (which is what a
/// printer's coordinates start from), and whether the page must be turned a quarter first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placement {
    pub x: i32,
    pub y: i32,
    pub width: i32,
    pub height: i32,
    /// The page's orientation differs from the paper's (a driver that ignored the orientation
    /// asked for): turn the page a quarter counter-clockwise, as landscape printing does.
    pub rotate: bool,
}

/// What a printer says of its paper, in its own pixels (GetDeviceCaps).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paper {
    pub dpi_x: i32,
    pub dpi_y: i32,
    /// The whole sheet.
    pub width: i32,
    pub height: i32,
    /// Where the printable area starts on the sheet.
    pub offset_x: i32,
    pub offset_y: i32,
}

/// Places a page of `page_mm` (width, height) on `paper`: at its real size from the sheet's top
/// edge, centred across, when the sheet is at least as large; else scaled down to fit and
/// centred (a Letter tray loses nothing of an A4 page). Never stretched: the page keeps its
/// proportions whatever the sheet.
pub fn place(page_mm: (f64, f64), paper: Paper) -> Placement {
    let dpi_x = f64::from(paper.dpi_x.max(72));
    let dpi_y = f64::from(paper.dpi_y.max(72));
    let known = paper.width > 0 && paper.height > 0;
    let rotate = known && (page_mm.0 > page_mm.1) != (paper.width > paper.height);
    let (mm_w, mm_h) = if rotate {
        (page_mm.1, page_mm.0)
    } else {
        page_mm
    };
    let page_w = mm_w / 25.4 * dpi_x;
    let page_h = mm_h / 25.4 * dpi_y;
    let (sheet_w, sheet_h) = (f64::from(paper.width), f64::from(paper.height));
    // A page a pixel wider than the sheet (rounding) is printed as it is: shrinking it for that
    // would blur it all. Only a real difference of size scales the page.
    let fit = (sheet_w / page_w).min(sheet_h / page_h);
    let scale = if known && fit < 0.99 { fit } else { 1.0 };
    let (w, h) = ((page_w * scale).round(), (page_h * scale).round());
    let x = if known {
        ((sheet_w - w) / 2.0).max(0.0).round() as i32
    } else {
        0
    };
    let y = if known && scale < 1.0 {
        ((sheet_h - h) / 2.0).max(0.0).round() as i32
    } else {
        0
    };
    Placement {
        x: x - paper.offset_x,
        y: y - paper.offset_y,
        width: w as i32,
        height: h as i32,
        rotate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A4 portrait at 600 dpi with the usual quarter-inch unprintable edge.
    const A4_600: Paper = Paper {
        dpi_x: 600,
        dpi_y: 600,
        width: 4960,
        height: 7016,
        offset_x: 150,
        offset_y: 150,
    };

    #[test]
    fn an_a4_page_on_a4_paper_is_printed_at_its_real_size() {
        let p = place((210.0, 297.0), A4_600);
        assert_eq!(
            p,
            Placement {
                x: -150,
                y: -150,
                width: 4961,
                height: 7016,
                rotate: false
            }
        );
    }

    #[test]
    fn a_landscape_page_on_portrait_paper_is_turned_not_squeezed() {
        let p = place((297.0, 210.0), A4_600);
        assert!(p.rotate);
        // Turned, it is as tall as the sheet and keeps its proportions.
        assert_eq!((p.width, p.height), (4961, 7016));
        let landscape_paper = Paper {
            width: 7016,
            height: 4960,
            ..A4_600
        };
        let p = place((297.0, 210.0), landscape_paper);
        assert!(!p.rotate, "the driver honoured landscape: nothing to turn");
        assert_eq!((p.width, p.height), (7016, 4961));
    }

    #[test]
    fn a_page_larger_than_the_sheet_is_scaled_down_whole_and_centred() {
        // US Letter, 8.5 × 11 in at 600 dpi.
        let letter = Paper {
            width: 5100,
            height: 6600,
            ..A4_600
        };
        let p = place((210.0, 297.0), letter);
        let ratio = f64::from(p.width) / f64::from(p.height);
        assert!((ratio - 210.0 / 297.0).abs() < 0.001, "proportions kept");
        assert!(p.height <= 6600 && p.width <= 5100);
        assert_eq!(p.y + 150, (6600 - p.height) / 2, "centred down the sheet");
    }
}
