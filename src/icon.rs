//! GiamSat's icon: one SVG drawing (`assets/icon/giamsat.svg` — a white lens over gold bars on
//! the Front's red, recognisable at 16 px, copying no official emblem), drawn at any size with
//! the same resvg that draws the charts. The window takes it at start; `giamsat-icons` writes
//! the PNG sizes and the Windows `.ico` that packages need, so anyone can make them again.

use resvg::{tiny_skia, usvg};

/// The drawing.
pub const SVG: &str = include_str!("../assets/icon/giamsat.svg");

/// The sizes packages ship (hicolor PNGs; the `.ico` holds those up to 256).
pub const SIZES: [u32; 8] = [16, 24, 32, 48, 64, 128, 256, 512];

/// Draws the icon `size` px wide onto `pixmap` with its top left corner at (`x`, `y`).
fn draw(pixmap: &mut tiny_skia::Pixmap, size: f32, x: f32, y: f32) -> Option<()> {
    let tree = usvg::Tree::from_str(SVG, &usvg::Options::default()).ok()?;
    let scale = size / tree.size().width().max(tree.size().height());
    let transform = tiny_skia::Transform::from_scale(scale, scale).post_translate(x, y);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Some(())
}

fn pixmap(size: u32) -> Option<tiny_skia::Pixmap> {
    let mut pixmap = tiny_skia::Pixmap::new(size, size)?;
    draw(&mut pixmap, size as f32, 0.0, 0.0)?;
    Some(pixmap)
}

/// The icon as straight-alpha RGBA pixels, `size` × `size` (for the window).
pub fn rgba(size: u32) -> Option<Vec<u8>> {
    let pixmap = pixmap(size)?;
    Some(
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect(),
    )
}

/// The icon as a PNG file, `size` × `size`.
pub fn png(size: u32) -> Option<Vec<u8>> {
    pixmap(size)?.encode_png().ok()
}

/// A Windows icon file holding the given sizes (≤ 256) as PNG images, as Windows Vista and
/// later read them.
pub fn ico(sizes: &[u32]) -> Option<Vec<u8>> {
    let images: Vec<(u32, Vec<u8>)> = sizes
        .iter()
        .filter(|s| (1..=256).contains(*s))
        .map(|&s| png(s).map(|p| (s, p)))
        .collect::<Option<_>>()?;
    let count = u16::try_from(images.len()).ok()?;
    let mut out = Vec::new();
    // ICONDIR: reserved, type 1 (icon), count.
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    let mut offset = 6 + 16 * images.len();
    for (size, data) in &images {
        // A dimension of 256 is written as 0.
        let d = if *size >= 256 { 0 } else { *size as u8 };
        out.extend_from_slice(&[d, d, 0, 0]);
        out.extend_from_slice(&1u16.to_le_bytes()); // colour planes
        out.extend_from_slice(&32u16.to_le_bytes()); // bits per pixel
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_le_bytes());
        out.extend_from_slice(&u32::try_from(offset).ok()?.to_le_bytes());
        offset += data.len();
    }
    for (_, data) in &images {
        out.extend_from_slice(data);
    }
    Some(out)
}

/// The picture on the Windows installer's first and last pages (NSIS's 164 × 314 wizard
/// bitmap): the icon on white, as an uncompressed 24-bit BMP, the only kind NSIS takes.
pub fn wizard_bmp() -> Option<Vec<u8>> {
    const W: u32 = 164;
    const H: u32 = 314;
    let mut pixmap = tiny_skia::Pixmap::new(W, H)?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let size = 120.0;
    draw(&mut pixmap, size, (W as f32 - size) / 2.0, 48.0)?;
    let row = (W * 3).next_multiple_of(4);
    let image = row * H;
    let mut out = Vec::with_capacity(54 + image as usize);
    // BITMAPFILEHEADER, then BITMAPINFOHEADER: bottom-up rows, 24 bits, no compression.
    out.extend_from_slice(b"BM");
    out.extend_from_slice(&(54 + image).to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&54u32.to_le_bytes());
    out.extend_from_slice(&40u32.to_le_bytes());
    out.extend_from_slice(&(W as i32).to_le_bytes());
    out.extend_from_slice(&(H as i32).to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&24u16.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&image.to_le_bytes());
    out.extend_from_slice(&2835i32.to_le_bytes());
    out.extend_from_slice(&2835i32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    for y in (0..H).rev() {
        let start = out.len();
        for x in 0..W {
            // White underneath: the opaque pixel's premultiplied colour is its colour.
            let p = pixmap.pixel(x, y)?;
            out.extend_from_slice(&[p.blue(), p.green(), p.red()]);
        }
        out.resize(start + row as usize, 0);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_icon_draws_at_every_size_and_is_not_blank() {
        for size in SIZES {
            let px = rgba(size).unwrap();
            assert_eq!(px.len(), (size * size * 4) as usize);
            let opaque = px.chunks(4).filter(|p| p[3] == 255).count();
            assert!(opaque > (size * size / 2) as usize, "{size}: mostly drawn");
            // Red field, gold bars and the white lens are all there, even at 16 px.
            let has = |f: &dyn Fn(&[u8]) -> bool| px.chunks(4).any(f);
            assert!(
                has(&|p| p[0] > 180 && p[1] < 60 && p[2] < 80),
                "{size}: red"
            );
            assert!(
                has(&|p| p[0] > 200 && p[1] > 200 && p[2] > 200),
                "{size}: white"
            );
        }
    }

    #[test]
    fn the_ico_file_lists_its_images_where_they_are() {
        let sizes = [16, 32, 48, 256];
        let ico = ico(&sizes).unwrap();
        let u16_at = |i: usize| u16::from_le_bytes([ico[i], ico[i + 1]]);
        let u32_at = |i: usize| u32::from_le_bytes([ico[i], ico[i + 1], ico[i + 2], ico[i + 3]]);
        assert_eq!((u16_at(0), u16_at(2), u16_at(4)), (0, 1, 4));
        for (n, size) in sizes.iter().enumerate() {
            let entry = 6 + 16 * n;
            assert_eq!(u32::from(ico[entry]), size % 256);
            let (len, at) = (u32_at(entry + 8) as usize, u32_at(entry + 12) as usize);
            assert_eq!(
                &ico[at..at + 8],
                b"\x89PNG\r\n\x1a\n",
                "entry {n} points at a PNG"
            );
            assert!(at + len <= ico.len());
        }
    }

    #[test]
    fn the_installer_picture_is_a_bmp_nsis_takes() {
        let bmp = wizard_bmp().unwrap();
        let u32_at = |i: usize| u32::from_le_bytes([bmp[i], bmp[i + 1], bmp[i + 2], bmp[i + 3]]);
        assert_eq!(&bmp[..2], b"BM");
        assert_eq!(u32_at(2) as usize, bmp.len());
        assert_eq!((u32_at(18), u32_at(22)), (164, 314));
        assert_eq!(u16::from_le_bytes([bmp[28], bmp[29]]), 24);
        // White at the bottom corner, the icon's red in the upper part.
        assert_eq!(&bmp[54..57], &[255, 255, 255]);
        let red = bmp[54..]
            .chunks(3)
            .filter(|p| p[2] > 180 && p[1] < 60 && p[0] < 80)
            .count();
        assert!(red > 2000, "{red} red pixels");
        // The file in assets/ is what the drawing makes now.
        assert_eq!(
            std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/assets/icon/giamsat-wizard.bmp"
            ))
            .unwrap(),
            bmp
        );
    }
}
