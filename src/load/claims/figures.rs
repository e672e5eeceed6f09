//! The figures of a claim: a value (or a range) for a metric, with its
//! precision (exact, approximate, at least, at most, range), its status
//! (reported, announced, planned, estimated) and the date it holds at. The analysis
//! compares the figures of different origins.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::fields::{At, Scalar, parse_date, parse_vocab};
use crate::load::ids::{Ids, resolve};
use crate::load::markers;
use crate::model::{Figure, FigureStatus, Precision};
use crate::source::yaml_spans::Seg;
use crate::source::ypath;
use crate::source::{FileId, SourceFile, Span};
use schemars::JsonSchema;
use serde::Deserialize;

/// One figure of a claim, as written: a number (`value`), or a range
/// (`low` and `high`), for a metric.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{ "required": ["value"] }, { "required": ["low", "high"] }]))]
pub struct RawFigure {
    /// Id of the metric, from metrics.yaml.
    #[schemars(with = "markers::Id")]
    metric: Scalar,
    /// The number (a plain number, zero or more).
    #[schemars(range(min = 0))]
    value: Option<f64>,
    /// Low end of a range.
    #[schemars(range(min = 0))]
    low: Option<f64>,
    /// High end of a range.
    #[schemars(range(min = 0))]
    high: Option<f64>,
    /// How the number is bounded: exact (the default), approx, at-least,
    /// at-most, range (needs `low` and `high`; the default when they are
    /// given without `value`).
    #[schemars(with = "Option<markers::OneOf<Precision>>")]
    precision: Option<Scalar>,
    /// What the number counts: reported (the default), announced, planned,
    /// estimated.
    #[schemars(with = "Option<markers::OneOf<FigureStatus>>", extend("default" = "reported"))]
    status: Option<Scalar>,
    /// The date the number refers to: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(with = "Option<markers::Date>")]
    as_of: Option<Scalar>,
}

/// Checks the figures of claim `i` of `file` (`src`): each needs a known
/// metric, a valid precision and status, and a number or a range that
/// fits them. A figure that fails is left out.
pub fn check(
    list: &[RawFigure],
    file: FileId,
    src: &SourceFile,
    i: usize,
    metrics: &Ids,
    diags: &mut Diagnostics,
) -> Vec<Figure> {
    // Spans only for diagnostics: a valid file is never parsed for them.
    let sp = |path: &[Seg]| src.yaml_spans().value(path);
    let mut figures = Vec::new();
    for (k, f) in list.iter().enumerate() {
        let fsp = |key: &str| sp(ypath![i, "figures", k, key]);
        let metric = resolve(
            metrics,
            "metric",
            None,
            f.metric.trimmed(),
            file,
            || fsp("metric"),
            diags,
        );
        let precision = match &f.precision {
            Some(p) => parse_vocab(
                p.trimmed(),
                Precision::parse,
                Precision::ALL,
                "precision",
                file,
                || fsp("precision"),
                diags,
            ),
            None if f.value.is_none() && f.low.is_some() && f.high.is_some() => {
                Some(Precision::Range)
            }
            None => Some(Precision::Exact),
        };
        let status = match &f.status {
            Some(s) => parse_vocab(
                s.trimmed(),
                FigureStatus::parse,
                FigureStatus::ALL,
                "figure status",
                file,
                || fsp("status"),
                diags,
            ),
            None => Some(FigureStatus::Reported),
        };
        let as_of = f
            .as_of
            .as_ref()
            .and_then(|d| parse_date(d, file, || fsp("as_of"), diags));
        let whole = || sp(ypath![i, "figures", k]);
        let bounds = figure_bounds(f, precision, file, whole, &fsp, diags);
        if let (Some(metric), Some(precision), Some(status), Some((low, high))) =
            (metric, precision, status, bounds)
        {
            figures.push(Figure {
                metric,
                low,
                high,
                value: f.value,
                precision,
                status,
                as_of,
            });
        }
    }
    figures
}

/// The (low, high) a figure stands for, checked against its precision.
fn figure_bounds(
    f: &RawFigure,
    precision: Option<Precision>,
    file: FileId,
    whole: impl At,
    fsp: &dyn Fn(&str) -> Span,
    diags: &mut Diagnostics,
) -> Option<(f64, f64)> {
    let finite = |v: Option<f64>, key: &str, diags: &mut Diagnostics| -> Option<Option<f64>> {
        match v {
            Some(x) if !x.is_finite() || x < 0.0 => {
                diags.push(
                    Diagnostic::error(file, fsp(key), format!("invalid figure {key} `{x}`"))
                        .label("must be a finite number, zero or more")
                        .help("write a plain number such as `10000`"),
                );
                None
            }
            v => Some(v),
        }
    };
    let value = finite(f.value, "value", diags)?;
    let low = finite(f.low, "low", diags)?;
    let high = finite(f.high, "high", diags)?;
    match (precision?, value, low, high) {
        (Precision::Range, _, Some(l), Some(h)) | (_, None, Some(l), Some(h)) => {
            if l > h {
                diags.push(
                    Diagnostic::error(
                        file,
                        fsp("low"),
                        format!("figure range is upside down: low {l} > high {h}"),
                    )
                    .label("low is greater than high")
                    .help("swap `low` and `high`"),
                );
                return None;
            }
            if value.is_some() {
                diags.push(
                    Diagnostic::error(
                        file,
                        fsp("value"),
                        "figure has both `value` and `low`/`high`",
                    )
                    .help("give `value` alone, or `low` and `high` with `precision: range`"),
                );
                return None;
            }
            Some((l, h))
        }
        (Precision::Range, _, _, _) => {
            diags.push(
                Diagnostic::error(
                    file,
                    fsp("precision"),
                    "a `range` figure needs `low` and `high`",
                )
                .help("write `low: 10000` and `high: 12000`"),
            );
            None
        }
        (_, Some(v), None, None) => Some((v, v)),
        (_, Some(_), _, _) => {
            diags.push(
                Diagnostic::error(
                    file,
                    fsp("value"),
                    "figure has both `value` and `low`/`high`",
                )
                .help("give `value` alone, or `low` and `high` with `precision: range`"),
            );
            None
        }
        (_, None, _, _) => {
            diags.push(
                Diagnostic::error(file, whole.span(), "figure has no number")
                    .label("no `value`, nor `low` and `high`")
                    .help("add `value: 1000` (or `low` and `high` for a range)"),
            );
            None
        }
    }
}
