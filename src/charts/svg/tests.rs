//! Unit tests of the SVG drawing, apart from it so that `svg.rs` holds only the drawing.

use super::*;
use crate::charts::{ChartSpec, build};

#[test]
fn the_svg_holds_areas_periods_values_and_the_unknown() {
    let d = crate::sample::lang_son();
    let spec = ChartSpec {
        kind: ChartKind::ByKind,
        ..Default::default()
    };
    let svg = render(&build(&d, &spec, Lang::Vi).unwrap(), Lang::Vi);
    for needle in [
        "Hữu Lũng",
        "Chi Lăng",
        ">2022<",
        ">2023<",
        ">2022–2023<",
        ">468<",
        ">494<",
        ">949<",
        "chưa có số liệu",
        "triệu đồng",
        "hatch-1",
    ] {
        assert!(svg.contains(needle), "missing {needle}");
    }
    assert!(roxml_ok(&svg));
}

fn roxml_ok(svg: &str) -> bool {
    resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default()).is_ok()
}

#[test]
fn markup_in_names_is_escaped() {
    let mut d = crate::sample::lang_son();
    d.areas[1].name = "Hữu <Lũng> & \"X\"".into();
    let svg = render(
        &build(&d, &ChartSpec::default(), Lang::Vi).unwrap(),
        Lang::Vi,
    );
    assert!(svg.contains("Hữu &lt;Lũng&gt; &amp; &quot;X&quot;"));
    assert!(roxml_ok(&svg));
}

#[test]
fn png_is_wide_enough() {
    let d = crate::sample::lang_son();
    let svg = render(
        &build(&d, &ChartSpec::default(), Lang::Vi).unwrap(),
        Lang::Vi,
    );
    let png = to_png(&svg, 1.0).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert!(width >= 1200, "{width}");
}
