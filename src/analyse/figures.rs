//! The arithmetic of figures: the bounds a figure stands for (what pages
//! and data files show) and the interval two figures are compared on.

use crate::model::{Figure, FigureStatus, Precision};

/// The (low, best, high) a figure stands for. `low`/`high` are `None`
/// where the figure leaves them open (at least / up to); for `approx`
/// they are the value ± the tolerance.
pub fn bounds(f: &Figure, tolerance: f64) -> (Option<f64>, f64, Option<f64>) {
    let best = best(f);
    match f.precision {
        Precision::Exact | Precision::Range => (Some(f.low), best, Some(f.high)),
        Precision::Approx => (
            Some(tidy(f.low * (1.0 - tolerance))),
            best,
            Some(tidy(f.high * (1.0 + tolerance))),
        ),
        Precision::AtLeast => (Some(f.low), best, None),
        Precision::AtMost => (None, best, Some(f.high)),
    }
}

/// The single value a figure stands for: the one given, else the middle
/// of a range or its one bound (the middle term of [`bounds`], without
/// working out the others).
pub fn best(f: &Figure) -> f64 {
    f.value.unwrap_or(match f.precision {
        Precision::Exact | Precision::Range => (f.low + f.high) / 2.0,
        Precision::Approx | Precision::AtLeast => f.low,
        Precision::AtMost => f.high,
    })
}

/// `x` rounded to 12 significant digits, so that a widened bound reads
/// `3333`, not the `3333.0000000000005` that `3030 × 1.1` gives in binary.
fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    format!("{x:.11e}").parse().unwrap_or(x)
}

/// Interval a figure stands for, widened by `tolerance` where it is loose.
pub fn interval(f: &Figure, tolerance: f64) -> (f64, f64) {
    match f.precision {
        Precision::Exact | Precision::Range => (f.low, f.high),
        Precision::Approx => (f.low * (1.0 - tolerance), f.high * (1.0 + tolerance)),
        Precision::AtLeast => (f.low, f64::INFINITY),
        Precision::AtMost => (0.0, f.high),
    }
}

/// Whether two figures of one metric disagree beyond `tolerance`: their
/// intervals do not meet even when the upper ends are stretched by it.
pub fn disagree(a: &Figure, b: &Figure, tolerance: f64) -> bool {
    if a.metric != b.metric
        || (a.status == FigureStatus::Planned) != (b.status == FigureStatus::Planned)
    {
        return false;
    }
    if let (Some(x), Some(y)) = (a.as_of, b.as_of) {
        let (x, y) = (x.iso(), y.iso());
        if !(x.starts_with(&y) || y.starts_with(&x)) {
            return false;
        }
    }
    let (alo, ahi) = interval(a, tolerance);
    let (blo, bhi) = interval(b, tolerance);
    alo > bhi * (1.0 + tolerance) || blo > ahi * (1.0 + tolerance)
}
