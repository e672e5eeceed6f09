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
///
/// A bound within a hundred-thousandth of a unit of the 12th digit of a
/// whole number below 10^12 (as a whole figure widened is) rounds to that
/// number, which is what the text would parse back to: taken at once,
/// without formatting (a big dossier has tens of thousands of bounds).
fn tidy(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let whole = x.round();
    if (1.0..1e12).contains(&whole.abs()) && (x - whole).abs() <= whole.abs() * 1e-14 {
        return whole;
    }
    tidy_by_text(x)
}

/// [`tidy`] the plain way: 12 significant digits written, then read.
fn tidy_by_text(x: f64) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_is_the_rounding_by_text() {
        let factors = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 1.0 / 3.0, 0.5];
        let mut values = Vec::new();
        for n in (1..30_000_i64).chain([999_999_999_999, 1_000_000_000_000, 123_456_789_012_345]) {
            let n = n as f64;
            for t in factors {
                values.extend([
                    n * (1.0 - t),
                    n * (1.0 + t),
                    n / 7.0 * (1.0 + t),
                    n * 0.01 * (1.0 - t),
                ]);
            }
        }
        values.extend([
            0.1 + 0.2,
            2.5 * 1.1,
            -3030.0 * 1.1,
            1e-300,
            5e15 + 0.5,
            f64::MAX,
            f64::MIN_POSITIVE,
        ]);
        for x in values {
            assert_eq!(tidy(x).to_bits(), tidy_by_text(x).to_bits(), "{x:e}");
        }
    }
}
