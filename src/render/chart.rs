//! Small inline SVG drawings made at build time, no JavaScript: one chart
//! per metric (each figure a point, range or open-ended bar on one axis,
//! one row per figure labelled with its origin). The relay chain of a
//! claim is HTML (`super::relay`).
//! Colours come from CSS classes, so light and dark schemes both work.
//! Their words and numbers are in the dossier's language ([`Messages`]).

use crate::format::{format_figure, format_number};
use crate::i18n::{Arg, Messages, Msg};
use crate::markdown::escape;
use crate::model::{Figure, PartialDate, Precision};
use std::collections::HashMap;
use std::fmt::{self, Write as _};

/// A coordinate, written as `{:.1}` writes an `f64` (the same text), but
/// without the exact decimal expansion when the value has at most one
/// decimal, as the coordinates of these drawings nearly always do.
#[derive(Clone, Copy)]
struct Px(f64);

impl fmt::Display for Px {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = self.0 * 10.0;
        // A whole number of tenths in floating point is within half a unit
        // in the last place of the exact value, far from a rounding tie.
        if f.precision() == Some(1)
            && self.0.is_sign_positive()
            && tenths < 1e15
            && tenths.fract() == 0.0
        {
            // In range and whole: the conversion is exact.
            let t = tenths as u64;
            write!(f, "{}.{}", t / 10, t % 10)
        } else {
            fmt::Display::fmt(&self.0, f)
        }
    }
}

/// One row of a metric chart.
pub struct Row<'a> {
    /// Label at the left (the origin).
    pub label: &'a str,
    /// The figure.
    pub figure: &'a Figure,
    /// Whether this figure conflicts with another origin's.
    pub contested: bool,
    /// Link to the claim.
    pub href: String,
    /// The date the figure is for (its `as_of`, else the claim's), which
    /// tells apart two rows of the same origin.
    pub date: Option<&'a PartialDate>,
}

/// The label of each row: its origin, cut to fit; where several rows share
/// an origin, followed by the date (and, if that is shared too, the
/// figure's value), the origin cut shorter to make room.
fn row_labels(m: &Messages, rows: &[Row<'_>]) -> Vec<String> {
    // Rows by origin, and by origin and date, counted once (a quantity of
    // a big dossier has tens of thousands of rows).
    let mut by_label: HashMap<&str, usize> = HashMap::new();
    let mut by_date: HashMap<(&str, Option<&PartialDate>), usize> = HashMap::new();
    for r in rows {
        *by_label.entry(r.label).or_default() += 1;
        *by_date.entry((r.label, r.date)).or_default() += 1;
    }
    rows.iter()
        .map(|r| {
            if by_label[r.label] == 1 {
                return fit(r.label, LABEL_ROOM).into_owned();
            }
            let mut suffix = String::new();
            if let Some(d) = r.date {
                suffix = format!(" · {}", m.short_date(d));
            }
            if suffix.is_empty() || by_date[&(r.label, r.date)] > 1 {
                suffix.push_str(" · ");
                suffix.push_str(&format_figure(m, r.figure));
            }
            let room = (LABEL_ROOM - width(&suffix)).max(3.0);
            let label = format!("{}{suffix}", fit(r.label, room));
            // A long date and value leave the origin 3 ems and still
            // overflow: the end is cut (the mark's title has it all).
            fit(&label, LABEL_ROOM).into_owned()
        })
        .collect()
}

/// Room for a row's label, in ems of the chart's 13px type: the labels
/// end 10 units left of the plot, which starts at `LEFT`.
const LABEL_ROOM: f64 = (LEFT - 10.0) / 13.0 - 0.3;

/// Advance widths, in thousandths of an em, of DejaVu Sans (the widest of
/// the common sans-serifs: labels that fit in it fit in the others), as
/// Chromium lays out the chart's labels: ASCII from U+0020 …
const ASCII: [u16; 95] = [
    318, 400, 459, 837, 635, 949, 779, 275, 390, 390, 499, 837, 317, 360, 316, 336, 635, 635, 635,
    635, 635, 635, 635, 635, 635, 635, 336, 336, 837, 837, 837, 530, 999, 708, 685, 697, 769, 631,
    574, 774, 751, 294, 294, 655, 556, 862, 747, 786, 602, 786, 694, 634, 594, 731, 683, 987, 684,
    610, 684, 390, 336, 390, 837, 499, 499, 612, 634, 549, 634, 614, 344, 634, 633, 277, 277, 578,
    277, 973, 633, 611, 634, 634, 395, 520, 392, 633, 591, 817, 591, 591, 524, 635, 336, 635, 837,
];

/// … and Cyrillic from U+0410 to U+044F.
const CYRILLIC: [u16; 64] = [
    683, 685, 685, 609, 780, 631, 1076, 640, 747, 747, 709, 751, 862, 751, 786, 751, 602, 697, 610,
    609, 860, 684, 775, 685, 1068, 1092, 831, 881, 685, 697, 1078, 694, 612, 616, 589, 525, 690,
    614, 900, 531, 649, 649, 603, 638, 753, 653, 611, 653, 634, 549, 582, 591, 854, 591, 680, 590,
    914, 941, 706, 789, 589, 548, 841, 601,
];

/// About how wide `c` is, in ems of the chart's sans-serif, erring wide
/// ([`ASCII`], [`CYRILLIC`]; Chinese, Japanese and Korean a full em).
/// Labels are cut by this rather than by a count of characters, which let
/// a Cyrillic or Chinese name run off the left of the chart.
fn em(c: char) -> f64 {
    let thousandths = match c {
        ' '..='~' => ASCII[c as usize - 0x20],
        'А'..='я' => CYRILLIC[c as usize - 0x410],
        'ё' => 614,
        'Ё' => 631,
        '\u{300}'..='\u{36f}' | '\u{591}'..='\u{5c7}' | '\u{64b}'..='\u{65f}' => 0,
        '\u{200b}'..='\u{200f}' | '\u{3099}' | '\u{309a}' => 0,
        '\u{1100}'..='\u{11ff}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}'
        | '\u{20000}'..='\u{3fffd}'
        | '…'
        | '—' => 1000,
        '·' => 318,
        c if c.is_lowercase() => 660,
        _ => 780,
    };
    f64::from(thousandths) / 1000.0
}

/// How wide `s` is, in ems ([`em`]).
fn width(s: &str) -> f64 {
    s.chars().map(em).sum()
}

/// `s` as it fits in `room` ems: whole when it does, else cut, at a space
/// when one falls in the second half of what fits, and ended with `…`.
fn fit(s: &str, room: f64) -> std::borrow::Cow<'_, str> {
    if width(s) <= room {
        return s.into();
    }
    let budget = room - em('…');
    let (mut used, mut end) = (0.0, 0);
    for (i, c) in s.char_indices() {
        used += em(c);
        if used > budget {
            break;
        }
        end = i + c.len_utf8();
    }
    let cut = &s[..end];
    let cut = match cut.rsplit_once(' ') {
        Some((head, _)) if head.trim_end().len() * 2 >= cut.len() => head,
        _ => cut,
    };
    format!("{}…", cut.trim_end()).into()
}

const WIDTH: f64 = 640.0;
const LEFT: f64 = 200.0;
const RIGHT: f64 = 24.0;
const ROW: f64 = 28.0;
const TOP: f64 = 8.0;

/// A round upper bound for the axis: 1, 2, 2.5 or 5 times a power of ten.
pub fn nice_max(v: f64) -> f64 {
    if v <= 0.0 || !v.is_finite() {
        return 1.0;
    }
    let p = 10f64.powf(v.log10().floor());
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * p >= v {
            return m * p;
        }
    }
    10.0 * p
}

/// The chart's vertical grid lines and their values, 0 to `axis_max`.
fn grid(s: &mut String, m: &Messages, axis_max: f64, x: &dyn Fn(f64) -> f64, axis_y: f64) {
    for i in 0..=4 {
        let v = axis_max * f64::from(i) / 4.0;
        let (gx, axis_y) = (Px(x(v)), Px(axis_y));
        let _ = write!(
            s,
            "<line class=\"chart__grid\" x1=\"{gx:.1}\" y1=\"{TOP}\" x2=\"{gx:.1}\" y2=\"{axis_y:.1}\"/><text class=\"chart__tick\" x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"{}\">{}</text>",
            Px(axis_y.0 + 18.0),
            if i == 0 {
                "start"
            } else if i == 4 {
                "end"
            } else {
                "middle"
            },
            format_number(m, v)
        );
    }
}

/// SVG chart of a metric's figures; `id` makes title ids unique.
pub fn metric_chart(
    m: &Messages,
    id: &str,
    title: &str,
    unit: &str,
    rows: &[Row<'_>],
    tolerance: f64,
) -> String {
    if by_origin(rows.len()) {
        return origins_chart(m, id, title, unit, rows, tolerance);
    }
    let max = rows
        .iter()
        .map(|r| match r.figure.precision {
            Precision::Approx => r.figure.high * (1.0 + tolerance),
            _ => r.figure.high,
        })
        .fold(0.0, f64::max);
    let axis_max = nice_max(max * 1.05);
    let plot = WIDTH - LEFT - RIGHT;
    let x = |v: f64| LEFT + (v / axis_max).clamp(0.0, 1.0) * plot;
    let height = TOP + ROW * rows.len() as f64 + 34.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"group\" aria-labelledby=\"chart-{id}-t\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"chart-{id}-t\">{}</title>",
        escape(&m.format(
            if unit.is_empty() {
                Msg::ChartTitle
            } else {
                Msg::ChartTitleUnit
            },
            &[
                ("label", Arg::Text(title)),
                ("count", Arg::Number(rows.len() as f64)),
                ("max", Arg::Text(&format_number(m, axis_max))),
                ("unit", Arg::Text(unit)),
            ]
        ))
    );
    // Grid and ticks.
    let axis_y = TOP + ROW * rows.len() as f64 + 6.0;
    grid(&mut s, m, axis_max, &x, axis_y);
    let labels = row_labels(m, rows);
    for (i, (r, label)) in rows.iter().zip(&labels).enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        let f = r.figure;
        let class = if r.contested {
            "chart__mark chart__mark--contested"
        } else {
            "chart__mark"
        };
        let _ = write!(
            s,
            "<a href=\"{}\"><title>{}</title>",
            escape(&r.href),
            escape(&match r.date {
                Some(d) => m.fill(
                    Msg::ChartRowDated,
                    &[
                        ("origin", r.label),
                        ("date", &m.date(d)),
                        ("figure", &format_figure(m, f)),
                    ]
                ),
                None => m.fill(
                    Msg::ChartRow,
                    &[("origin", r.label), ("figure", &format_figure(m, f))]
                ),
            })
        );
        let _ = write!(
            s,
            "<text class=\"chart__label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            Px(LEFT - 10.0),
            Px(y + 4.0),
            escape(label)
        );
        let py = Px(y);
        match f.precision {
            Precision::Exact if f.low == f.high => {
                let y = py;
                let _ = write!(
                    s,
                    "<circle class=\"{class}\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\"/>",
                    Px(x(f.low))
                );
            }
            Precision::Exact | Precision::Range => {
                let (a, b) = (x(f.low), x(f.high).max(x(f.low) + 2.0));
                let (a, width) = (Px(a), Px(b - a));
                let _ = write!(
                    s,
                    "<rect class=\"{class}\" x=\"{a:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"2\"/>",
                    Px(y - 4.0),
                    width
                );
            }
            Precision::Approx => {
                let (a, b) = (x(f.low * (1.0 - tolerance)), x(f.high * (1.0 + tolerance)));
                let (a, b, y) = (Px(a), Px(b), py);
                let _ = write!(
                    s,
                    "<line class=\"chart__whisker\" x1=\"{a:.1}\" y1=\"{y:.1}\" x2=\"{b:.1}\" y2=\"{y:.1}\"/><circle class=\"{class} chart__mark--open\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\"/>",
                    Px(x(f.value.unwrap_or(f.low)))
                );
            }
            Precision::AtLeast => {
                let a = x(f.low);
                let end = LEFT + plot;
                let (a, end6, end, y) = (Px(a), Px(end - 6.0), Px(end), py);
                let _ = write!(
                    s,
                    "<line class=\"chart__open-end\" x1=\"{a:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/><path class=\"{class}\" d=\"M{end:.1} {y:.1} l-8 -5 v10 z\"/><circle class=\"{class}\" cx=\"{a:.1}\" cy=\"{y:.1}\" r=\"5\"/>",
                    end6
                );
            }
            Precision::AtMost => {
                let (b, y, left) = (Px(x(f.high)), py, Px(LEFT));
                let _ = write!(
                    s,
                    "<line class=\"chart__open-end\" x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{b:.1}\" y2=\"{y:.1}\"/><circle class=\"{class}\" cx=\"{b:.1}\" cy=\"{y:.1}\" r=\"5\"/>"
                );
            }
        }
        s.push_str("</a>");
    }
    s.push_str("</svg>");
    s
}

/// Past this many figures a chart draws one row per origin (the range of
/// its figures) instead of one row per figure: thousands of rows are
/// neither readable nor light. The table beside the chart keeps every
/// figure.
pub const MAX_ROWS: usize = 60;

/// Whether a chart of `rows` figures draws one row per origin.
pub fn by_origin(rows: usize) -> bool {
    rows > MAX_ROWS
}

/// One origin's figures in a chart drawn by origin.
struct Span<'a> {
    label: &'a str,
    low: f64,
    high: f64,
    open_end: bool,
    count: usize,
    contested: bool,
}

/// The figures of `rows` grouped by origin, in the order each origin first
/// appears, each with the lowest and highest value its figures allow.
fn spans<'a>(rows: &[Row<'a>], tolerance: f64) -> Vec<Span<'a>> {
    let mut order: HashMap<&str, usize> = HashMap::new();
    let mut spans: Vec<Span<'a>> = Vec::new();
    for r in rows {
        let f = r.figure;
        let (low, high) = match f.precision {
            Precision::Approx => (f.low * (1.0 - tolerance), f.high * (1.0 + tolerance)),
            _ => (f.low, f.high),
        };
        let i = *order.entry(r.label).or_insert_with(|| {
            spans.push(Span {
                label: r.label,
                low,
                high,
                open_end: false,
                count: 0,
                contested: false,
            });
            spans.len() - 1
        });
        let span = &mut spans[i];
        span.low = span.low.min(low);
        span.high = span.high.max(high);
        span.open_end |= matches!(f.precision, Precision::AtLeast);
        span.count += 1;
        span.contested |= r.contested;
    }
    spans
}

/// A metric's chart with one row per origin: a bar from the lowest to the
/// highest of its figures (an arrow when one is open-ended), labelled with
/// the origin and how many figures it gave.
fn origins_chart(
    m: &Messages,
    id: &str,
    title: &str,
    unit: &str,
    rows: &[Row<'_>],
    tolerance: f64,
) -> String {
    let spans = spans(rows, tolerance);
    let max = spans.iter().map(|s| s.high).fold(0.0, f64::max);
    let axis_max = nice_max(max * 1.05);
    let plot = WIDTH - LEFT - RIGHT;
    let x = |v: f64| LEFT + (v / axis_max).clamp(0.0, 1.0) * plot;
    let height = TOP + ROW * spans.len() as f64 + 34.0;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"group\" aria-labelledby=\"chart-{id}-t\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"chart-{id}-t\">{}</title>",
        escape(&m.format(
            Msg::ChartTitleOrigins,
            &[
                ("label", Arg::Text(title)),
                ("count", Arg::Number(rows.len() as f64)),
                ("origins", Arg::Number(spans.len() as f64)),
                ("max", Arg::Text(&format_number(m, axis_max))),
                ("unit", Arg::Text(unit)),
            ]
        ))
    );
    let axis_y = TOP + ROW * spans.len() as f64 + 6.0;
    grid(&mut s, m, axis_max, &x, axis_y);
    for (i, span) in spans.iter().enumerate() {
        let y = TOP + ROW * i as f64 + ROW / 2.0;
        let class = if span.contested {
            "chart__mark chart__mark--contested"
        } else {
            "chart__mark"
        };
        let (low, high) = (format_number(m, span.low), format_number(m, span.high));
        let _ = write!(
            s,
            "<g><title>{}</title><text class=\"chart__label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            escape(&m.format(
                Msg::ChartOrigin,
                &[
                    ("origin", Arg::Text(span.label)),
                    ("count", Arg::Number(span.count as f64)),
                    ("low", Arg::Text(&low)),
                    ("high", Arg::Text(&high)),
                ]
            )),
            Px(LEFT - 10.0),
            Px(y + 4.0),
            escape(&{
                let count = format!(" · {}", span.count);
                format!("{}{count}", fit(span.label, LABEL_ROOM - width(&count)))
            })
        );
        let (a, b) = (x(span.low), x(span.high).max(x(span.low) + 2.0));
        let _ = write!(
            s,
            "<rect class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" rx=\"2\"/>",
            Px(a),
            Px(y - 4.0),
            Px(b - a)
        );
        if span.open_end {
            let (end, end6, py) = (Px(LEFT + plot), Px(LEFT + plot - 6.0), Px(y));
            let _ = write!(
                s,
                "<line class=\"chart__open-end\" x1=\"{:.1}\" y1=\"{py:.1}\" x2=\"{end6:.1}\" y2=\"{py:.1}\"/><path class=\"{class}\" d=\"M{end:.1} {py:.1} l-8 -5 v10 z\"/>",
                Px(b)
            );
        }
        s.push_str("</g>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FigureStatus;

    #[test]
    fn axis_maximum_is_round() {
        assert_eq!(nice_max(18_900.0), 20_000.0);
        assert_eq!(nice_max(1_050.0), 2_000.0);
        assert_eq!(nice_max(2_400.0), 2_500.0);
        assert_eq!(nice_max(0.0), 1.0);
    }

    #[test]
    fn chart_escapes_labels_and_draws_one_mark_per_row() {
        let f = Figure {
            metric: 0,
            low: 10_000.0,
            high: 12_000.0,
            value: None,
            precision: Precision::Range,
            status: FigureStatus::Reported,
            as_of: None,
        };
        let rows = [Row {
            label: "<script>",
            figure: &f,
            contested: true,
            href: "../claims/a.html".into(),
            date: None,
        }];
        let svg = metric_chart(Messages::neutral(), "m", "Troops", "people", &rows, 0.1);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("chart__mark--contested"));
        assert_eq!(svg.matches("<rect").count(), 1);
    }

    #[test]
    fn rows_of_one_origin_are_told_apart_by_date_then_value() {
        let figure = |v: f64| Figure {
            metric: 0,
            low: v,
            high: v,
            value: Some(v),
            precision: Precision::Exact,
            status: FigureStatus::Reported,
            as_of: None,
        };
        let (a, b, c) = (figure(600.0), figure(1_000.0), figure(3_000.0));
        let june = PartialDate {
            year: 2025,
            month: Some(6),
            day: None,
        };
        let july = PartialDate {
            year: 2025,
            month: Some(7),
            day: Some(2),
        };
        let row = |label, figure, date| Row {
            label,
            figure,
            contested: false,
            href: String::new(),
            date,
        };
        let name = "National Intelligence Service of the Republic of Korea";
        let rows = [
            row(name, &a, Some(&june)),
            row(name, &b, Some(&july)),
            row(name, &c, Some(&july)),
            row("Kyiv Independent", &a, None),
        ];
        let en = Messages::neutral();
        let labels = row_labels(en, &rows);
        assert!(labels[0].ends_with(" · Jun 2025"), "{labels:?}");
        assert!(labels[1].ends_with(" · 2 Jul 2025 · 1,000"), "{labels:?}");
        assert!(labels[2].ends_with(" · 2 Jul 2025 · 3,000"), "{labels:?}");
        assert_eq!(labels[3], "Kyiv Independent");
        let mut unique = labels.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), labels.len());
        let svg = metric_chart(en, "m", "Troops", "people", &rows, 0.1);
        assert!(svg.contains("June 2025: 600"), "{svg}");
        // In French: its dates, numbers and colon.
        let (fr, _) = Messages::load(
            &crate::theme::Theme::default(),
            "fr",
            &mut crate::source::Sources::default(),
        );
        let labels = row_labels(&fr, &rows);
        assert!(labels[0].ends_with(" · juin 2025"), "{labels:?}");
        assert!(
            labels[1].ends_with(" · 2 juil. 2025 · 1\u{202f}000"),
            "{labels:?}"
        );
        let svg = metric_chart(&fr, "m", "Troops", "people", &rows, 0.1);
        assert!(
            svg.contains("Republic of Korea, juin 2025\u{a0}: 600</title>"),
            "{svg}"
        );
        // A Japanese origin with a date and an approximate value (the
        // interface in English): the whole label still fits.
        let about = Figure {
            precision: Precision::Approx,
            ..figure(30_000.0)
        };
        let origin = "鹿児島県災害対策本部";
        let rows = [
            row(origin, &about, Some(&july)),
            row(origin, &b, Some(&july)),
        ];
        for label in row_labels(en, &rows) {
            assert!(width(&label) <= LABEL_ROOM, "{label}");
            assert!(label.starts_with("鹿児"), "{label}");
        }
    }

    #[test]
    fn coordinates_are_written_as_one_decimal_formatting_writes_them() {
        let mut values = vec![
            0.0,
            -0.0,
            0.05,
            0.25,
            0.75,
            1.25,
            0.1,
            0.15,
            0.35,
            2.45,
            12.5,
            99.95,
            123.456,
            640.0,
            1e14,
            1e15,
            1.5e15,
            1e300,
            -3.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MIN_POSITIVE,
            5e-324,
        ];
        // Every tenth and twentieth up to 2,000, and a spread of others.
        values.extend((0..40_000).map(|i| f64::from(i) / 20.0));
        values.extend((0..10_000).map(|i| f64::from(i) * 0.37 + 1.0 / 3.0));
        for v in values {
            assert_eq!(format!("{:.1}", Px(v)), format!("{v:.1}"), "{v:e}");
            assert_eq!(format!("{}", Px(v)), format!("{v}"), "{v:e}");
        }
    }

    #[test]
    fn past_max_rows_a_chart_has_one_row_per_origin_with_its_range() {
        let figure = |v: f64, precision| Figure {
            metric: 0,
            low: v,
            high: v,
            value: Some(v),
            precision,
            status: FigureStatus::Reported,
            as_of: None,
        };
        let figures: Vec<Figure> = (0..MAX_ROWS + 1)
            .map(|i| figure(100.0 * (i + 1) as f64, Precision::Exact))
            .chain([figure(50.0, Precision::AtLeast)])
            .collect();
        let rows: Vec<Row<'_>> = figures
            .iter()
            .enumerate()
            .map(|(i, f)| Row {
                label: ["Ministry", "Agency", "Daily"][i % 3],
                figure: f,
                contested: i == 3,
                href: format!("../claims/a.html#c{i}"),
                date: None,
            })
            .collect();
        assert!(by_origin(rows.len()) && !by_origin(MAX_ROWS));
        let en = Messages::neutral();
        let svg = metric_chart(en, "m", "Troops", "people", &rows, 0.1);
        // Three rows, no link per figure, each origin's count and range.
        assert_eq!(svg.matches("<rect").count(), 3, "{svg}");
        assert!(!svg.contains("<a href"));
        assert!(svg.contains("62 figures from 3 origins"), "{svg}");
        assert!(
            svg.contains("<title>Ministry: 21 figures, from 100 to 6,100</title>"),
            "{svg}"
        );
        assert!(svg.contains(">Agency · 21<"), "{svg}");
        // The contested figure marks its origin's row; the open bound an arrow.
        assert_eq!(svg.matches("chart__mark--contested").count(), 1);
        assert_eq!(svg.matches("chart__open-end").count(), 1);
    }

    #[test]
    fn labels_are_cut_by_width_in_any_script() {
        // Measured in Chromium (DejaVu Sans, 13px): this name is 206 px
        // wide against the 190 of room; 26 characters, as many as the old
        // count let through.
        let nis = "Разведка Южной Кореи (НИС)";
        let cut = fit(nis, LABEL_ROOM);
        assert!(
            cut.ends_with('…') && cut.starts_with("Разведка Южной"),
            "{cut}"
        );
        // A Latin name of the same length fits as it is.
        assert_eq!(
            fit("Vernay plant (operator)", LABEL_ROOM),
            "Vernay plant (operator)"
        );
        assert_eq!(
            fit("Prefecture of the Nord", LABEL_ROOM),
            "Prefecture of the Nord"
        );
        // Chinese has no spaces: cut anywhere, a full em a character.
        let long = "中华人民共和国国家统计局人口和就业统计司";
        let cut = fit(long, LABEL_ROOM);
        assert_eq!(cut.chars().count(), LABEL_ROOM as usize, "{cut}");
        // Whatever is cut fits, with its ellipsis.
        for s in [
            nis,
            long,
            "Ministère de l'Intérieur et des Outre-mer",
            "x".repeat(99).as_str(),
        ] {
            assert!(width(&fit(s, LABEL_ROOM)) <= LABEL_ROOM, "{s}");
        }
        // A space early in what fits is not where a long word is cut.
        let cut = fit("A Verylongnamewithoutanyspacesinit", 10.0);
        assert!(cut.starts_with("A Verylong") && cut.ends_with('…'), "{cut}");
    }
}
