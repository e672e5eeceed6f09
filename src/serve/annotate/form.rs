//! What the panel sends to save: a new claim for a claims file, or an
//! evidence entry for an existing claim. Only the shape is checked here
//! (JSON types, no unknown field, finite numbers); whether the claim is
//! good is the loader's to say, on the file as it would be written.
//! Each becomes the [`Map`] the YAML text is written from, in the order
//! of the content format; empty optional fields are left out.

use super::yaml::{Map, Node};
use serde::Deserialize;

/// `POST /__dossier/api/claim`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    /// The claims file, `content/claims/NAME.yaml`.
    pub file: String,
    /// The claim.
    pub claim: NewClaim,
}

/// `POST /__dossier/api/evidence`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceRequest {
    /// Id of the claim to add the entry to.
    pub claim: String,
    /// The entry.
    pub evidence: NewEvidence,
}

/// A claim as typed in the panel.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewClaim {
    /// Id.
    pub id: String,
    /// Statement.
    pub statement: String,
    /// Topic ids.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Origin source id.
    pub origin: String,
    /// Date of the event.
    pub date: Option<String>,
    /// Credibility, 1–6.
    pub credibility: Option<u8>,
    /// One figure.
    pub figure: Option<NewFigure>,
    /// The quote.
    pub evidence: NewEvidence,
}

/// A figure as typed in the panel.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewFigure {
    /// Metric id.
    pub metric: String,
    /// Value.
    pub value: Option<f64>,
    /// Lower bound.
    pub low: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// Precision word.
    pub precision: Option<String>,
    /// Status word.
    pub status: Option<String>,
    /// Date the number holds at.
    pub as_of: Option<String>,
}

/// An evidence entry as the panel sends it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEvidence {
    /// Article slug.
    pub article: String,
    /// The quote.
    pub quote: String,
    /// Text just before.
    pub prefix: Option<String>,
    /// Text just after.
    pub suffix: Option<String>,
    /// Translation.
    pub translation: Option<String>,
}

/// `s` unless it is absent or blank.
fn given(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

impl NewEvidence {
    /// The entry as written.
    pub fn map(&self) -> Map {
        let mut map: Map = vec![
            ("article", Node::Word(self.article.clone())),
            ("quote", Node::Text(self.quote.clone())),
        ];
        for (key, value) in [
            ("prefix", &self.prefix),
            ("suffix", &self.suffix),
            ("translation", &self.translation),
        ] {
            if let Some(v) = given(value) {
                map.push((key, Node::Text(v.to_string())));
            }
        }
        map
    }
}

impl NewFigure {
    /// The figure as written; an error names a number that is not finite.
    fn map(&self) -> Result<Map, String> {
        let mut map: Map = vec![("metric", Node::Word(self.metric.clone()))];
        for (key, value) in [
            ("value", self.value),
            ("low", self.low),
            ("high", self.high),
        ] {
            match value {
                Some(v) if !v.is_finite() => {
                    return Err(format!("the figure's {key} is not a number"));
                }
                Some(v) => map.push((key, Node::Number(v))),
                None => {}
            }
        }
        for (key, value) in [
            ("precision", &self.precision),
            ("status", &self.status),
            ("as_of", &self.as_of),
        ] {
            if let Some(v) = given(value) {
                map.push((key, Node::Word(v.trim().to_string())));
            }
        }
        Ok(map)
    }
}

impl NewClaim {
    /// The claim as written, in the order of the content format.
    pub fn map(&self) -> Result<Map, String> {
        let mut map: Map = vec![
            ("id", Node::Word(self.id.trim().to_string())),
            ("statement", Node::Text(self.statement.clone())),
            (
                "topics",
                Node::Flow(self.topics.iter().map(|t| Node::Word(t.clone())).collect()),
            ),
            ("origin", Node::Word(self.origin.clone())),
        ];
        if let Some(date) = given(&self.date) {
            map.push(("date", Node::Word(date.trim().to_string())));
        }
        if let Some(c) = self.credibility {
            map.push(("credibility", Node::Number(f64::from(c))));
        }
        if let Some(f) = &self.figure {
            map.push(("figures", Node::Items(vec![f.map()?])));
        }
        map.push(("evidence", Node::Items(vec![self.evidence.map()])));
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::annotate::yaml::item;

    #[test]
    fn requests_become_yaml_in_format_order() {
        let req: ClaimRequest = serde_json::from_str(
            r#"{"file":"content/claims/inbox.yaml","claim":{"id":"c-1","statement":"S: x","topics":["t"],
                "origin":"o","date":"","credibility":2,
                "figure":{"metric":"m","value":1200,"precision":"approx","status":null,"as_of":"2025-06"},
                "evidence":{"article":"a","quote":"q","prefix":"p","suffix":" ","translation":"tr"}}}"#,
        )
        .unwrap();
        assert_eq!(
            item(&req.claim.map().unwrap(), 0, 2, "\n"),
            "- id: c-1\n  statement: \"S: x\"\n  topics: [t]\n  origin: o\n  credibility: 2\n  figures:\n    - metric: m\n      value: 1200\n      precision: approx\n      as_of: 2025-06\n  evidence:\n    - article: a\n      quote: \"q\"\n      prefix: \"p\"\n      translation: \"tr\"\n"
        );
    }

    #[test]
    fn shapes_are_checked() {
        for bad in [
            r#"{"file":"x","claim":{"id":"c","statement":"s","origin":"o","evidence":{"article":"a","quote":"q"},"extra":1}}"#,
            r#"{"file":"x","claim":{"id":"c","statement":"s","origin":"o","credibility":700,"evidence":{"article":"a","quote":"q"}}}"#,
            r#"{"file":"x","claim":{"id":"c","statement":7,"origin":"o","evidence":{"article":"a","quote":"q"}}}"#,
            r#"{"file":"x"}"#,
        ] {
            assert!(serde_json::from_str::<ClaimRequest>(bad).is_err(), "{bad}");
        }
    }
}
