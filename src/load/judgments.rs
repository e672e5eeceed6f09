//! Judgments: the analyst's assessments that topics and the front page
//! carry in their front matter (`judgments:`), each with a likelihood, a
//! confidence and the claims it rests on. Checked once every claim id is
//! known.

use super::fields::{Scalar, non_empty, parse_vocab};
use super::ids::{Ids, resolve};
use super::schema;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Confidence, Judgment, Likelihood};
use crate::source::FileId;
use crate::source::yaml_spans::SpanMap;
use crate::source::ypath;
use schemars::JsonSchema;
use serde::Deserialize;

/// One judgment, as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawJudgment {
    /// The judgment, in the dossier's language.
    #[schemars(with = "schema::Words")]
    text: Scalar,
    /// How likely, in ICD 203 words: almost-no-chance (1-5 %),
    /// very-unlikely (5-20 %), unlikely (20-45 %), roughly-even-chance
    /// (45-55 %), likely (55-80 %), very-likely (80-95 %), almost-certain
    /// (95-99 %).
    #[schemars(with = "Option<schema::OneOf<Likelihood>>")]
    likelihood: Option<Scalar>,
    /// Analytic confidence: low, moderate or high.
    #[schemars(with = "schema::OneOf<Confidence>")]
    confidence: Scalar,
    /// Ids of the claims it rests on (one at least).
    #[schemars(with = "Vec<schema::Id>", length(min = 1))]
    based_on: Vec<Scalar>,
}

/// Checks the judgments of a topic or of the front page (in `file`,
/// whose front matter's spans are `spans`); their claims must be in
/// `claims`. A judgment without a valid confidence is left out.
pub fn check(
    list: &[RawJudgment],
    file: FileId,
    spans: &SpanMap,
    claims: &Ids,
    diags: &mut Diagnostics,
) -> Vec<Judgment> {
    let mut out = Vec::new();
    for (k, j) in list.iter().enumerate() {
        let jsp = |key: &str| spans.value(ypath!["judgments", k, key]);
        let likelihood = j.likelihood.as_ref().and_then(|l| {
            parse_vocab(
                l.trimmed(),
                Likelihood::parse,
                Likelihood::ALL,
                "likelihood",
                file,
                jsp("likelihood"),
                diags,
            )
        });
        let confidence = parse_vocab(
            j.confidence.trimmed(),
            Confidence::parse,
            Confidence::ALL,
            "confidence",
            file,
            jsp("confidence"),
            diags,
        );
        if j.based_on.is_empty() {
            diags.push(
                Diagnostic::error(
                    file,
                    spans.key(ypath!["judgments", k, "based_on"]),
                    "judgment rests on no claim",
                )
                .help("list the ids of the claims it rests on: `based_on: [claim-id]`"),
            );
        }
        let mut based_on = Vec::new();
        for (m, c) in j.based_on.iter().enumerate() {
            let span = spans.value(ypath!["judgments", k, "based_on", m]);
            if let Some(c) = resolve(claims, "claim", None, c.trimmed(), file, span, diags)
                && !based_on.contains(&c)
            {
                based_on.push(c);
            }
        }
        let text = non_empty(&j.text, "judgment text", file, jsp("text"), diags);
        if let Some(confidence) = confidence {
            out.push(Judgment {
                text,
                likelihood,
                confidence,
                based_on,
            });
        }
    }
    out
}
