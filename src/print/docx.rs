//! Word copies of the notice and the report, for offices that finish documents in Word: the same
//! blocks as the PDF, Times New Roman, A4 with the State's margins.

use super::{Block, PrintDoc, PrintError};
use docx_rs::*;

const TWIPS_PER_MM: f64 = 56.692_9;

fn mm(v: f64) -> i32 {
    (v * TWIPS_PER_MM).round() as i32
}

fn run(text: &str, size_pt: usize, bold: bool, italic: bool) -> Run {
    let mut r = Run::new().add_text(text).size(size_pt * 2).fonts(
        RunFonts::new()
            .ascii("Times New Roman")
            .hi_ansi("Times New Roman")
            .cs("Times New Roman"),
    );
    if bold {
        r = r.bold();
    }
    if italic {
        r = r.italic();
    }
    r
}

fn centered(text: &str, size: usize, bold: bool, italic: bool) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, size, bold, italic))
        .align(AlignmentType::Center)
}

fn body(text: &str, bold: bool) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, 14, bold, false))
        .align(AlignmentType::Both)
        .indent(
            None,
            Some(SpecialIndentType::FirstLine(mm(10.0))),
            None,
            None,
        )
        .line_spacing(LineSpacing::new().after(120))
}

/// A chart's SVG as a PNG picture sized to 16 cm wide.
fn chart_picture(svg: &str) -> Option<Pic> {
    let png = crate::charts::svg::to_png(svg, 2.0).ok()?;
    // The PNG header holds the size: width and height, big-endian, at bytes 16..24.
    let w = u32::from_be_bytes(png.get(16..20)?.try_into().ok()?);
    let h = u32::from_be_bytes(png.get(20..24)?.try_into().ok()?);
    if w == 0 || h == 0 {
        return None;
    }
    const EMU_PER_MM: u64 = 36_000;
    let width = 160 * EMU_PER_MM;
    let height = width * u64::from(h) / u64::from(w);
    Some(
        Pic::new_with_dimensions(png, w, h)
            .size(u32::try_from(width).ok()?, u32::try_from(height).ok()?),
    )
}

fn cell(paragraphs: Vec<Paragraph>) -> TableCell {
    let mut c = TableCell::new();
    for p in paragraphs {
        c = c.add_paragraph(p);
    }
    c
}

/// The document as a .docx file.
pub fn docx(doc: &PrintDoc) -> Result<Vec<u8>, PrintError> {
    if !doc.kind.has_docx() {
        return Err(PrintError::NoDocx);
    }
    let h = &doc.header;
    let mut left = vec![];
    if !h.parent_body.is_empty() {
        left.push(centered(&h.parent_body, 13, false, false));
    }
    left.push(centered(&h.issuer, 13, true, false));
    if !h.issuer_sub.is_empty() {
        left.push(centered(&h.issuer_sub, 13, true, false));
    }
    left.push(centered("———", 11, false, false));
    if let Some(n) = &h.number_line {
        left.push(centered(n, 13, false, false));
    }
    let right = vec![
        centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, true, false),
        centered("Độc lập - Tự do - Hạnh phúc", 14, true, false),
        centered("———————————", 11, false, false),
        centered(&h.date_line, 14, false, true),
    ];
    let header = Table::new(vec![TableRow::new(vec![cell(left), cell(right)])])
        .set_grid(vec![mm(65.0) as usize, mm(95.0) as usize])
        .clear_all_border();

    let mut d = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(mm(20.0))
                .bottom(mm(20.0))
                .left(mm(30.0))
                .right(mm(15.0)),
        )
        .default_fonts(
            RunFonts::new()
                .ascii("Times New Roman")
                .hi_ansi("Times New Roman")
                .cs("Times New Roman"),
        )
        .default_size(28)
        .add_table(header)
        .add_paragraph(Paragraph::new())
        .add_paragraph(centered(&doc.title, 14, true, false));
    if !doc.summary.is_empty() {
        d = d.add_paragraph(centered(&doc.summary, 14, true, false));
    }
    d = d.add_paragraph(centered("————", 11, false, false));
    for b in &doc.blocks {
        match b {
            Block::Heading { text } | Block::Subheading { text } => {
                d = d.add_paragraph(body(text, true))
            }
            Block::Para { text } => d = d.add_paragraph(body(text, false)),
            Block::Item { label, text } => {
                d = d.add_paragraph(body(&format!("{label} {text}"), false))
            }
            Block::Note { text } => {
                d = d.add_paragraph(Paragraph::new().add_run(run(text, 12, false, true)))
            }
            Block::Table {
                unit, header, rows, ..
            } => {
                if let Some(u) = unit {
                    d = d.add_paragraph(
                        Paragraph::new()
                            .add_run(run(u, 12, false, true))
                            .align(AlignmentType::Right),
                    );
                }
                let head = TableRow::new(
                    header
                        .iter()
                        .map(|c| cell(vec![Paragraph::new().add_run(run(c, 12, true, false))]))
                        .collect(),
                );
                let mut table_rows = vec![head];
                for r in rows {
                    table_rows.push(TableRow::new(
                        r.cells
                            .iter()
                            .map(|c| {
                                cell(vec![Paragraph::new().add_run(run(c, 12, r.bold, false))])
                            })
                            .collect(),
                    ));
                }
                d = d.add_table(Table::new(table_rows));
            }
            Block::Chart { svg, caption } => {
                // The chart as a picture, 16 cm wide (the text width), with its caption below.
                match chart_picture(svg) {
                    Some(pic) => {
                        d = d.add_paragraph(
                            Paragraph::new()
                                .add_run(Run::new().add_image(pic))
                                .align(AlignmentType::Center),
                        );
                        d = d.add_paragraph(
                            Paragraph::new()
                                .add_run(run(caption, 12, false, true))
                                .align(AlignmentType::Center),
                        );
                    }
                    // Never a silent gap: the reader sees which chart is missing.
                    None => {
                        d = d.add_paragraph(
                            Paragraph::new()
                                .add_run(run(&format!("[{caption}]"), 12, false, true))
                                .align(AlignmentType::Center),
                        );
                    }
                }
            }
        }
    }
    if let Some(s) = &doc.signature {
        let mut recipients = vec![Paragraph::new().add_run(run("Nơi nhận:", 12, true, true))];
        for (i, r) in doc.recipients.iter().enumerate() {
            let end = if i + 1 == doc.recipients.len() {
                "."
            } else {
                ";"
            };
            recipients.push(Paragraph::new().add_run(run(
                &format!("- {r}{end}"),
                11,
                false,
                false,
            )));
        }
        let sign = vec![
            centered(&s.authority, 14, true, false),
            centered(&s.title, 14, true, false),
            Paragraph::new(),
            Paragraph::new(),
            Paragraph::new(),
            centered(&s.name, 14, true, false),
        ];
        d = d.add_paragraph(Paragraph::new()).add_table(
            Table::new(vec![TableRow::new(vec![cell(recipients), cell(sign)])])
                .set_grid(vec![mm(80.0) as usize, mm(80.0) as usize])
                .clear_all_border(),
        );
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.build()
        .pack(&mut out)
        .map_err(|e| PrintError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}
