//! Bar layout: where each bar and each stacked piece of a chart stands on the axes, and the
//! texts written on and under bars. The window and the SVG exporter both draw from it; the
//! chart kinds never use it, so it lives apart from how charts are built.

use super::{Bar, Chart, ChartKind, SegmentValue, ValueFormat};
use crate::i18n::{Lang, fill};
use crate::model::number::{NumberStyle, format_scaled};

/// Where a bar stands: its group's x, its centre and its width, in axis units (groups at 0, 1, 2…).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BarPlace {
    pub group: usize,
    pub bar: usize,
    pub x: f64,
    pub width: f64,
}

/// One drawn piece of a bar, bottom and top in axis units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    pub group: usize,
    pub bar: usize,
    pub segment: usize,
    pub x: f64,
    pub width: f64,
    pub y0: f64,
    pub y1: f64,
    /// A placeholder for an amount that is not known: drawn outlined, never filled.
    pub placeholder: bool,
}

/// The geometry both renderers share.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub pieces: Vec<Piece>,
    pub bars: Vec<BarPlace>,
    /// The top of the value axis (before "nice" rounding).
    pub y_max: f64,
    /// The height of an unknown placeholder.
    pub placeholder_height: f64,
}

pub fn layout(chart: &Chart) -> Layout {
    // As wide as the fullest group needs: districts that report 2021–2025 and communes that
    // report 2026–2030 share ten slots but never use more than five.
    let slots = chart
        .groups
        .iter()
        .map(|g| {
            let mut used: Vec<usize> = g.bars.iter().map(|b| b.slot).collect();
            used.sort_unstable();
            used.dedup();
            used.len()
        })
        .max()
        .unwrap_or(chart.slots)
        .max(1) as f64;
    let slot_width = 0.84 / slots;
    let mut bars = Vec::new();
    let mut known_max: f64 = 0.0;
    for (g, group) in chart.groups.iter().enumerate() {
        // A group's bars sit side by side, centred under its label, in slot order: a slot
        // the group has no bar for leaves no hole (Chi Lăng reports only 2022–2023).
        let mut used: Vec<usize> = group.bars.iter().map(|b| b.slot).collect();
        used.sort_unstable();
        used.dedup();
        let middle = (used.len() as f64 - 1.0) / 2.0;
        for (b, bar) in group.bars.iter().enumerate() {
            let rank = used.iter().position(|s| *s == bar.slot).unwrap_or(0) as f64;
            let x = g as f64 + slot_width * (rank - middle);
            bars.push(BarPlace {
                group: g,
                bar: b,
                x,
                // A lone bar stays a bar, not a wall.
                width: (slot_width * 0.86).min(0.3),
            });
            let total: f64 = bar
                .segments
                .iter()
                .map(|s| chart.format.to_axis(s.value.known_part()))
                .sum();
            known_max = known_max.max(total);
        }
    }
    for p in &chart.line {
        known_max = known_max.max(chart.format.to_axis(p.value.known_part()));
    }
    for s in &chart.spans {
        known_max = known_max.max(chart.format.to_axis(s.value.known_part()));
    }
    let placeholder_height = if known_max > 0.0 {
        known_max * 0.12
    } else {
        1.0
    };
    let mut pieces = Vec::new();
    let mut y_max = known_max;
    for place in &bars {
        let bar = &chart.groups[place.group].bars[place.bar];
        let mut y = 0.0;
        // Known parts first, then the placeholders on top, so an unknown never hides a known.
        let mut order: Vec<usize> = (0..bar.segments.len()).collect();
        order.sort_by_key(|i| bar.segments[*i].value.is_placeholder());
        for i in order {
            let s = &bar.segments[i];
            let known = chart.format.to_axis(s.value.known_part());
            if known > 0.0 || matches!(s.value, SegmentValue::Known(_)) {
                pieces.push(Piece {
                    group: place.group,
                    bar: place.bar,
                    segment: i,
                    x: place.x,
                    width: place.width,
                    y0: y,
                    y1: y + known,
                    placeholder: false,
                });
                y += known;
            }
            if s.value.has_unknown() {
                pieces.push(Piece {
                    group: place.group,
                    bar: place.bar,
                    segment: i,
                    x: place.x,
                    width: place.width,
                    y0: y,
                    y1: y + placeholder_height,
                    placeholder: true,
                });
                y += placeholder_height;
            }
        }
        y_max = y_max.max(y);
    }
    Layout {
        pieces,
        bars,
        y_max,
        placeholder_height,
    }
}

/// The label written on or above a segment: its value, or that it is not known.
pub fn segment_label(value: SegmentValue, format: ValueFormat, lang: Lang) -> String {
    let t = lang.texts();
    let style = lang.number_style();
    match value {
        SegmentValue::Known(v) => format.format(v, style),
        SegmentValue::Unknown => t.unknown_amount.to_string(),
        SegmentValue::Partial(v) => fill(t.partly_unknown, &[("known", &format.format(v, style))]),
        SegmentValue::Withheld => t.withheld_short.to_string(),
    }
}

/// "Nice" tick step for an axis reaching `max`: 1, 2 or 5 × 10^k, about five ticks.
pub fn nice_step(max: f64) -> f64 {
    if max.is_nan() || max <= 0.0 || !max.is_finite() {
        return 1.0;
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * mag
}

/// An axis value written the user's way: 1.000, 2,5.
pub fn format_axis(v: f64, style: NumberStyle) -> String {
    let scaled = (v * 100.0).round() as i64;
    format_scaled(scaled, 2, style)
}

/// What is written under a bar: its label, or for compared rounds only its period (the round
/// is its colour, named in the legend).
pub fn under_bar(chart: &Chart, bar: &Bar) -> String {
    match (chart.kind, bar.period) {
        (ChartKind::Rounds, Some(p)) => p.to_string(),
        _ => bar.label.clone(),
    }
}
