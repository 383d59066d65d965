//! Charts as SVG (and PNG through resvg), drawn without a window from the same chart data and
//! layout as the screen. Text uses the bundled Noto Sans, so every Vietnamese mark renders in
//! the PNG whatever fonts the machine has.

use super::{Chart, ChartKind, SegmentValue, format_axis, layout, nice_step, segment_label};
use crate::i18n::Lang;
use std::fmt::Write as _;

/// Series colours, shared with the window.
pub const PALETTE: [(u8, u8, u8); 8] = [
    (47, 111, 176),
    (217, 130, 43),
    (58, 154, 91),
    (142, 94, 162),
    (192, 57, 43),
    (23, 162, 184),
    (184, 134, 11),
    (127, 140, 141),
];

pub fn color(i: usize) -> (u8, u8, u8) {
    PALETTE[i % PALETTE.len()]
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A rough text width, for deciding whether a label fits.
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().count() as f64 * size * 0.55
}

/// Breaks a note into lines of at most `max` characters at spaces.
fn wrap(s: &str, max: usize) -> Vec<String> {
    let mut lines = vec![];
    let mut cur = String::new();
    for word in s.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

const WIDTH: f64 = 1200.0;
const FONT: &str = "Noto Sans";

/// How an SVG is drawn: for the screen and files, or for a printed page where it is shrunk.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SvgOptions {
    /// Multiplies every text size (a chart printed 16 cm wide needs larger type).
    pub font_scale: f64,
    /// Writes the chart's notes under it (printed documents write them as text instead).
    pub notes: bool,
    /// Draws the bars lying even when they would stand (the parts of a printed province).
    pub lying: bool,
    /// The value axis runs to at least this (in display units), so the parts of one chart
    /// printed on several pages share one scale.
    pub value_max: Option<f64>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            font_scale: 1.0,
            notes: true,
            lying: false,
            value_max: None,
        }
    }
}

impl SvgOptions {
    /// For a chart printed across an A4 page.
    pub fn print() -> SvgOptions {
        SvgOptions {
            font_scale: 1.75,
            notes: false,
            lying: false,
            value_max: None,
        }
    }
}

/// The chart as a standalone SVG document, 1200 units wide.
pub fn render(chart: &Chart, lang: Lang) -> String {
    render_with(chart, lang, SvgOptions::default())
}

/// The chart as SVG, drawn as `opt` says.
pub fn render_with(chart: &Chart, lang: Lang, opt: SvgOptions) -> String {
    let svg = render_inner(chart, lang, opt);
    if opt.font_scale == 1.0 {
        return svg;
    }
    // Scale every font size written by the renderer.
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg.as_str();
    while let Some(i) = rest.find("font-size=\"") {
        let (head, tail) = rest.split_at(i + "font-size=\"".len());
        out.push_str(head);
        let end = tail.find('"').unwrap_or(0);
        let size: f64 = tail[..end].parse().unwrap_or(12.0);
        out.push_str(&format!("{:.1}", size * opt.font_scale));
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

fn render_inner(chart: &Chart, lang: Lang, opt: SvgOptions) -> String {
    let t = lang.texts();
    let style = lang.number_style();
    // Up to six notes are written out; more are counted, so the chart keeps its size.
    let mut shown: Vec<String> = chart.notes.iter().take(6).cloned().collect();
    if chart.notes.len() > 6 {
        shown.push(crate::i18n::fill(
            t.chart_notes_more,
            &[("count", &(chart.notes.len() - 6).to_string())],
        ));
    }
    let notes: Vec<String> = if opt.notes {
        shown.iter().flat_map(|n| wrap(n, 120)).collect()
    } else {
        vec![]
    };
    let notes_h = notes.len() as f64 * 18.0 + if notes.is_empty() { 0.0 } else { 10.0 };
    let k = opt.font_scale;
    // Many areas: bars lie down, one row each, the page as tall as they need.
    let horiz = chart.empty_message.is_none()
        && chart.kind != ChartKind::Totals
        && (opt.lying || super::prefers_horizontal(chart));
    let lay = layout(chart);
    let (row, gap) = (17.0 * k.max(1.0), 12.0 * k.max(1.0));
    let rows_h = lay.bars.len() as f64 * row + chart.groups.len() as f64 * gap;
    let label_w = chart
        .groups
        .iter()
        .map(|g| text_width(&g.label, 13.0 * k))
        .fold(60.0, f64::max)
        .min(340.0);
    let height = if horiz {
        40.0 + 36.0 * k + 30.0 * k + rows_h + 50.0 * k + notes_h + 20.0
    } else {
        680.0 + notes_h + 60.0 * (opt.font_scale - 1.0)
    };
    let (px0, px1, py0, py1) = if horiz {
        (
            24.0 + label_w + 12.0,
            WIDTH - 250.0 * k.min(1.6),
            40.0 + 36.0 * k + 30.0 * k,
            40.0 + 36.0 * k + 30.0 * k + rows_h,
        )
    } else {
        (
            30.0 + 70.0 * k,
            WIDTH - 250.0 * k.min(1.6),
            40.0 + 36.0 * k,
            height - 50.0 - 90.0 * k - notes_h,
        )
    };
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT}, Arial, sans-serif">"#
    );
    s.push_str("<defs>");
    for (i, series) in chart.series.iter().enumerate() {
        if series.hatched {
            let c = hex(color(series.color));
            let _ = write!(
                s,
                r#"<pattern id="hatch-{i}" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="{c}" fill-opacity="0.25"/><line x1="0" y1="0" x2="0" y2="8" stroke="{c}" stroke-width="4"/></pattern>"#
            );
        }
    }
    s.push_str("</defs>");
    let _ = write!(
        s,
        r#"<rect width="{WIDTH}" height="{height}" fill="white"/>"#
    );
    let _ = write!(
        s,
        r##"<text x="{}" y="{:.1}" text-anchor="middle" font-size="22" font-weight="bold" fill="#222">{}</text>"##,
        WIDTH / 2.0,
        38.0 * k,
        esc(&chart.title)
    );

    if let Some(msg) = &chart.empty_message {
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="18" fill="#555">{}</text>"##,
            WIDTH / 2.0,
            (py0 + py1) / 2.0,
            esc(msg)
        );
        write_notes(&mut s, &notes, height - notes_h);
        s.push_str("</svg>");
        return s;
    }

    let l = lay;
    let y_max = opt.value_max.map_or(l.y_max, |m| m.max(l.y_max));
    let step = nice_step(y_max);
    let top = ((y_max / step).ceil() * step).max(step);
    let sy = |v: f64| py1 - (v / top) * (py1 - py0);
    if horiz {
        render_lying_bars(
            &mut s,
            chart,
            &l,
            lang,
            (px0, px1),
            (py0, py1),
            (row, gap),
            top,
            step,
            k,
        );
    }

    // Value axis: grid, ticks, unit.
    if !horiz {
        let mut v = 0.0;
        while v <= top + step * 0.01 {
            let y = sy(v);
            let _ = write!(
                s,
                r##"<line x1="{px0}" y1="{y:.1}" x2="{px1}" y2="{y:.1}" stroke="#ddd" stroke-width="1"/><text x="{}" y="{:.1}" text-anchor="end" font-size="13" fill="#333">{}</text>"##,
                px0 - 8.0,
                y + 4.5,
                esc(&format_axis(v, style))
            );
            v += step;
        }
        let _ = write!(
            s,
            r##"<text transform="translate(30 {:.1}) rotate(-90)" text-anchor="middle" font-size="14" fill="#333">{}</text>"##,
            (py0 + py1) / 2.0,
            esc(&chart.value_label)
        );
        let _ = write!(
            s,
            r##"<line x1="{px0}" y1="{py1}" x2="{px1}" y2="{py1}" stroke="#333" stroke-width="1.5"/>"##
        );

        if chart.kind == ChartKind::Totals {
            render_totals(&mut s, chart, lang, (px0, px1), &sy, (py0, py1));
        } else {
            let n = chart.groups.len().max(1) as f64;
            let sx = |x: f64| px0 + (x + 0.5) / n * (px1 - px0);
            let unit_px = (px1 - px0) / n;
            for p in &l.pieces {
                let seg = &chart.groups[p.group].bars[p.bar].segments[p.segment];
                let series = &chart.series[seg.series];
                let c = hex(color(series.color));
                let x = sx(p.x - p.width / 2.0);
                let w = p.width * unit_px;
                let (y_top, y_bot) = (sy(p.y1), sy(p.y0));
                if p.placeholder {
                    let _ = write!(
                        s,
                        r#"<rect x="{x:.1}" y="{y_top:.1}" width="{w:.1}" height="{:.1}" fill="white" stroke="{c}" stroke-width="2" stroke-dasharray="6 4"/>"#,
                        y_bot - y_top
                    );
                } else {
                    let fill = piece_fill(series, seg.series, &c);
                    let _ = write!(
                        s,
                        r#"<rect x="{x:.1}" y="{y_top:.1}" width="{w:.1}" height="{:.1}" fill="{fill}" stroke="{c}" stroke-width="1"/>"#,
                        (y_bot - y_top).max(0.5)
                    );
                }
                // Bars too thin for any text (a whole province at once) leave the numbers to the
                // tables and tooltips.
                if w < 9.0 {
                    continue;
                }
                // Each piece carries its own number (or says it is not known), inside when it fits.
                let label = if p.placeholder {
                    segment_label(seg.value, chart.format, lang)
                } else {
                    segment_label(
                        SegmentValue::Known(seg.value.known_part()),
                        chart.format,
                        lang,
                    )
                };
                let h = y_bot - y_top;
                let cx = x + w / 2.0;
                if text_width(&label, 12.0) + 6.0 <= w && h >= 18.0 {
                    let color = if p.placeholder || series.hatched {
                        "#222"
                    } else {
                        "white"
                    };
                    let _ = write!(
                        s,
                        r#"<text x="{cx:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="{color}">{}</text>"#,
                        (y_top + y_bot) / 2.0 + 4.0,
                        esc(&label)
                    );
                } else if text_width(&label, 12.0) + 6.0 <= h && w >= 14.0 {
                    let color = if p.placeholder || series.hatched {
                        "#222"
                    } else {
                        "white"
                    };
                    let _ = write!(
                        s,
                        r#"<text transform="translate({:.1} {:.1}) rotate(-90)" text-anchor="middle" font-size="12" fill="{color}">{}</text>"#,
                        cx + 4.0,
                        (y_top + y_bot) / 2.0,
                        esc(&label)
                    );
                } else {
                    let _ = write!(
                        s,
                        r##"<text transform="translate({:.1} {:.1}) rotate(-90)" font-size="12" fill="#222">{}</text>"##,
                        cx + 4.0,
                        y_top - 4.0,
                        esc(&label)
                    );
                }
            }
            // Stack totals above bars of more than one segment, when every part is known.
            for b in &l.bars {
                let bar = &chart.groups[b.group].bars[b.bar];
                // `charts::build` checked every total; one that cannot be added is not drawn.
                if let Some(total) = bar.stack_total() {
                    let top_y = l
                        .pieces
                        .iter()
                        .filter(|p| p.group == b.group && p.bar == b.bar)
                        .map(|p| sy(p.y1))
                        .fold(py1, f64::min);
                    let _ = write!(
                        s,
                        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" font-weight="bold" fill="#222">{}</text>"##,
                        sx(b.x),
                        top_y - 6.0,
                        esc(&format!(
                            "{}: {}",
                            t.total,
                            chart.format.format(total, style)
                        ))
                    );
                }
                // The bar's own label (its period) under the axis.
                let w = b.width * unit_px;
                if w < 9.0 {
                    continue;
                }
                let under = super::under_bar(chart, bar);
                let lbl = esc(&under);
                if text_width(&under, 12.0) <= w + 8.0 {
                    let _ = write!(
                        s,
                        r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#333">{lbl}</text>"##,
                        sx(b.x),
                        py1 + 18.0 * k
                    );
                } else {
                    let _ = write!(
                        s,
                        r##"<text transform="translate({:.1} {:.1}) rotate(-40)" text-anchor="end" font-size="12" fill="#333">{lbl}</text>"##,
                        sx(b.x) + 4.0,
                        py1 + 14.0 * k
                    );
                }
            }
            for (g, group) in chart.groups.iter().enumerate() {
                let _ = write!(
                    s,
                    r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="14" font-weight="bold" fill="#222">{}</text>"##,
                    sx(g as f64),
                    py1 + 62.0 * k,
                    esc(&group.label)
                );
            }
        }
    }

    // Legend: the series drawn, then what dashed outlines and spans mean when present.
    let lx = px1 + 24.0;
    let mut ly = py0 + 6.0;
    let used: std::collections::BTreeSet<usize> = if chart.kind == ChartKind::Totals {
        [0].into()
    } else {
        chart.segments().map(|(_, _, seg)| seg.series).collect()
    };
    for (i, series) in chart
        .series
        .iter()
        .enumerate()
        .filter(|(i, _)| used.contains(i))
    {
        let c = hex(color(series.color));
        let fill = piece_fill(series, i, &c);
        let _ = write!(
            s,
            r##"<rect x="{lx}" y="{ly}" width="18" height="14" fill="{fill}" stroke="{c}"/><text x="{}" y="{}" font-size="13" fill="#222">{}</text>"##,
            lx + 26.0,
            ly + 12.0,
            esc(&series.label)
        );
        ly += 24.0 * k;
    }
    if chart.kind == ChartKind::Totals && !chart.spans.is_empty() {
        let c = hex(color(0));
        let _ = write!(
            s,
            r##"<line x1="{lx}" y1="{}" x2="{}" y2="{}" stroke="{c}" stroke-width="3" stroke-dasharray="6 4"/><text x="{}" y="{}" font-size="13" fill="#222">{}</text>"##,
            ly + 7.0,
            lx + 18.0,
            ly + 7.0,
            lx + 26.0,
            ly + 12.0,
            esc(t.chart_span_series)
        );
        ly += 24.0;
    }
    let any_unknown = l.pieces.iter().any(|p| p.placeholder)
        || chart.line.iter().any(|p| p.value.has_unknown())
        || chart.spans.iter().any(|p| p.value.has_unknown());
    if any_unknown {
        let _ = write!(
            s,
            r##"<rect x="{lx}" y="{ly}" width="18" height="14" fill="white" stroke="#555" stroke-dasharray="4 3" stroke-width="1.5"/><text x="{}" y="{}" font-size="13" fill="#222">{}</text>"##,
            lx + 26.0,
            ly + 12.0,
            esc(t.legend_unknown)
        );
    }
    write_notes(&mut s, &notes, height - notes_h);
    s.push_str("</svg>");
    s
}

/// Bars lying down, one row each, grouped by area with the area's name on the left; values
/// after (or inside) each bar; the value axis written above and below so it is in sight at
/// either end of a tall chart.
#[allow(clippy::too_many_arguments)] // the geometry computed once by the caller
fn render_lying_bars(
    s: &mut String,
    chart: &Chart,
    l: &super::Layout,
    lang: Lang,
    (px0, px1): (f64, f64),
    (py0, py1): (f64, f64),
    (row, gap): (f64, f64),
    top: f64,
    step: f64,
    k: f64,
) {
    let style = lang.number_style();
    let sx = |v: f64| px0 + (v / top) * (px1 - px0);
    // Each bar's row: groups in order, bars within a group by their place.
    let mut centre: std::collections::HashMap<(usize, usize), f64> = Default::default();
    let mut bands = Vec::new();
    let mut y = py0;
    for g in 0..chart.groups.len() {
        let mut bars: Vec<&super::BarPlace> = l.bars.iter().filter(|b| b.group == g).collect();
        bars.sort_by(|a, b| a.x.total_cmp(&b.x));
        let start = y;
        y += gap / 2.0;
        for b in bars {
            centre.insert((b.group, b.bar), y + row / 2.0);
            y += row;
        }
        y += gap / 2.0;
        bands.push((start, y));
    }
    for (g, (y0, y1)) in bands.iter().enumerate() {
        if g % 2 == 1 {
            let _ = write!(
                s,
                r##"<rect x="20" y="{y0:.1}" width="{:.1}" height="{:.1}" fill="#f4f4f4"/>"##,
                px1 - 20.0,
                y1 - y0
            );
        }
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="13" font-weight="bold" fill="#222">{}</text>"##,
            px0 - 10.0,
            (y0 + y1) / 2.0 + 4.5,
            esc(&chart.groups[g].label)
        );
    }
    // Grid and the value axis, above and below.
    let mut v = 0.0;
    while v <= top + step * 0.01 {
        let x = sx(v);
        let label = esc(&format_axis(v, style));
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{py0:.1}" x2="{x:.1}" y2="{py1:.1}" stroke="#ddd" stroke-width="1"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#333">{label}</text><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#333">{label}</text>"##,
            py0 - 8.0,
            py1 + 18.0 * k
        );
        v += step;
    }
    for y in [py0 - 26.0 * k, py1 + 38.0 * k] {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{y:.1}" text-anchor="middle" font-size="13" fill="#333">{}</text>"##,
            (px0 + px1) / 2.0,
            esc(&chart.value_label)
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{px0:.1}" y1="{py0:.1}" x2="{px0:.1}" y2="{py1:.1}" stroke="#333" stroke-width="1.5"/>"##
    );
    let h = row * 0.8;
    for p in &l.pieces {
        let Some(cy) = centre.get(&(p.group, p.bar)).copied() else {
            continue;
        };
        let seg = &chart.groups[p.group].bars[p.bar].segments[p.segment];
        let series = &chart.series[seg.series];
        let c = hex(color(series.color));
        let (x0, x1) = (sx(p.y0), sx(p.y1));
        if p.placeholder {
            let _ = write!(
                s,
                r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="white" stroke="{c}" stroke-width="1.5" stroke-dasharray="5 3"/>"#,
                cy - h / 2.0,
                x1 - x0
            );
        } else {
            let fill = piece_fill(series, seg.series, &c);
            let _ = write!(
                s,
                r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{fill}" stroke="{c}" stroke-width="1"/>"#,
                cy - h / 2.0,
                (x1 - x0).max(0.5)
            );
        }
        let label = if p.placeholder {
            segment_label(seg.value, chart.format, lang)
        } else {
            segment_label(
                SegmentValue::Known(seg.value.known_part()),
                chart.format,
                lang,
            )
        };
        let last = !l
            .pieces
            .iter()
            .any(|q| q.group == p.group && q.bar == p.bar && q.y0 >= p.y1 && q.y1 > p.y1);
        // The outermost piece is read after the bar's end; one under it, inside when it fits.
        if last {
            let _ = write!(
                s,
                r##"<text x="{:.1}" y="{:.1}" font-size="11" fill="#222">{}</text>"##,
                x1 + 4.0,
                cy + 4.0,
                esc(&label)
            );
        } else if text_width(&label, 11.0) + 8.0 <= x1 - x0 {
            let dark = p.placeholder || series.hatched;
            let _ = write!(
                s,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{}">{}</text>"#,
                (x0 + x1) / 2.0,
                cy + 4.0,
                if dark { "#222" } else { "white" },
                esc(&label)
            );
        }
    }
}

/// How a known piece is filled: its colour, or the hatching of carried-over money.
fn piece_fill(series: &super::Series, index: usize, colour: &str) -> String {
    if series.hatched {
        format!("url(#hatch-{index})")
    } else {
        colour.to_string()
    }
}

fn write_notes(s: &mut String, notes: &[String], y0: f64) {
    for (i, line) in notes.iter().enumerate() {
        let _ = write!(
            s,
            r##"<text x="40" y="{:.1}" font-size="13" fill="#444">{}</text>"##,
            y0 + 14.0 + i as f64 * 18.0,
            esc(line)
        );
    }
}

fn render_totals(
    s: &mut String,
    chart: &Chart,
    lang: Lang,
    (px0, px1): (f64, f64),
    sy: &dyn Fn(f64) -> f64,
    (py0, py1): (f64, f64),
) {
    let (min_year, max_year) = chart
        .line
        .iter()
        .map(|p| (p.year, p.year))
        .chain(
            chart
                .spans
                .iter()
                .map(|sp| (sp.period.from_year(), sp.period.to_year())),
        )
        .fold((i32::MAX, i32::MIN), |(a, b), (x, y)| (a.min(x), b.max(y)));
    if min_year > max_year {
        return;
    }
    let span = f64::from(max_year - min_year + 1);
    let sx = |year: f64| px0 + (year - f64::from(min_year) + 0.5) / span * (px1 - px0);
    let c = hex(color(0));
    for m in &chart.markers {
        let x = sx(m.x);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{py0:.1}" x2="{x:.1}" y2="{py1:.1}" stroke="#b03030" stroke-width="1.5" stroke-dasharray="6 4"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#b03030">{}</text>"##,
            x + 4.0,
            py0 + 14.0,
            esc(&m.label)
        );
    }
    for year in min_year..=max_year {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="13" fill="#333">{year}</text>"##,
            sx(f64::from(year)),
            py1 + 20.0
        );
    }
    // An unknown or a withheld total has no height: a dashed ring on the axis, named.
    let placeholder = |s: &mut String, x: f64, v: SegmentValue| {
        let _ = write!(
            s,
            r##"<circle cx="{x:.1}" cy="{:.1}" r="7" fill="white" stroke="{c}" stroke-width="2" stroke-dasharray="3 2"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#222">{}</text>"##,
            py1 - 14.0,
            py1 - 28.0,
            esc(&segment_label(v, chart.format, lang))
        );
    };
    let known: Vec<(f64, f64)> = chart
        .line
        .iter()
        .filter(|p| !p.value.is_placeholder())
        .map(|p| {
            (
                sx(f64::from(p.year)),
                sy(chart.format.to_axis(p.value.known_part())),
            )
        })
        .collect();
    if known.len() > 1 {
        let pts: Vec<String> = known
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{c}" stroke-width="2.5"/>"#,
            pts.join(" ")
        );
    }
    for p in &chart.line {
        let x = sx(f64::from(p.year));
        match p.value {
            v if v.is_placeholder() => placeholder(s, x, v),
            v => {
                let y = sy(chart.format.to_axis(v.known_part()));
                let fill = if v.has_unknown() { "white" } else { c.as_str() };
                let _ = write!(
                    s,
                    r##"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{fill}" stroke="{c}" stroke-width="2"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#222">{}</text>"##,
                    y - 10.0,
                    esc(&segment_label(v, chart.format, lang))
                );
            }
        }
    }
    for sp in &chart.spans {
        let x0 = sx(f64::from(sp.period.from_year()) - 0.35);
        let x1 = sx(f64::from(sp.period.to_year()) + 0.35);
        let label = format!(
            "{} ({})",
            segment_label(sp.value, chart.format, lang),
            sp.period
        );
        match sp.value {
            v if v.is_placeholder() => placeholder(s, (x0 + x1) / 2.0, v),
            v => {
                let y = sy(chart.format.to_axis(v.known_part()));
                let _ = write!(
                    s,
                    r##"<line x1="{x0:.1}" y1="{y:.1}" x2="{x1:.1}" y2="{y:.1}" stroke="{c}" stroke-width="3" stroke-dasharray="10 6"/><text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#222">{}</text>"##,
                    (x0 + x1) / 2.0,
                    y - 8.0,
                    esc(&label)
                );
            }
        }
    }
}

/// Why a PNG could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    #[error("SVG không hợp lệ: {0}")]
    Svg(String),
    #[error("không tạo được ảnh")]
    Pixmap,
    #[error("không mã hóa được PNG: {0}")]
    Encode(String),
}

/// Renders an SVG made by [`render`] to PNG, `scale` times its size (1200 units wide), with the
/// bundled fonts only.
pub fn to_png(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_font_data(include_bytes!("../../assets/fonts/NotoSans-Regular.ttf").to_vec());
    db.load_font_data(include_bytes!("../../assets/fonts/NotoSans-Bold.ttf").to_vec());
    db.set_sans_serif_family(FONT);
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let w = (size.width() * scale).ceil() as u32;
    let h = (size.height() * scale).ceil() as u32;
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(PngError::Pixmap)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests;
