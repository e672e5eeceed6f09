//! The dossier as an edition records it: from the validated model and its
//! analysis to a [`Snapshot`] (claims in the model's order, which is by
//! id; judgments of the front page, then of each topic in order). Claims
//! are taken in parallel: a big dossier has 100,000 of them.

use super::{ClaimSnap, EvidenceSnap, FigureSnap, JudgmentSnap, Place, Snapshot};
use crate::analyse::{Analysis, ClaimFacts, Conflict, Status};
use crate::model::{Dossier, Judgment};
use rayon::prelude::*;

/// The snapshot of dossier `d` (without errors) and its analysis `a`.
pub fn of(d: &Dossier, a: &Analysis) -> Snapshot {
    let claims = d
        .claims
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let origin = &d.sources[c.origin];
            let ids = |list: &[usize]| list.iter().map(|&j| d.claims[j].id.clone()).collect();
            ClaimSnap {
                id: c.id.clone(),
                statement: c.statement.clone(),
                topics: c.topics.iter().map(|&t| d.topics[t].id.clone()).collect(),
                origin: origin.id.clone(),
                via: c.via.iter().map(|&s| d.sources[s].id.clone()).collect(),
                date: c.date,
                credibility: c.credibility.0,
                grade: format!("{}{}", origin.reliability.letter(), c.credibility.0),
                status: a.claims[i].status,
                reason: reason(d, &a.claims[i]),
                figures: c
                    .figures
                    .iter()
                    .map(|f| FigureSnap {
                        metric: d.metrics[f.metric].id.clone(),
                        value: f.value,
                        low: f.low,
                        high: f.high,
                        precision: f.precision,
                        status: f.status,
                        as_of: f.as_of,
                    })
                    .collect(),
                evidence: c
                    .evidence
                    .iter()
                    .map(|e| EvidenceSnap {
                        article: d.articles[e.article].slug.clone(),
                        quote: e.quote.trim().to_string(),
                    })
                    .collect(),
                corroborates: ids(&c.corroborates),
                contradicts: ids(&c.contradicts),
            }
        })
        .collect();
    let judgment = |place: Place, j: &Judgment| JudgmentSnap {
        place,
        text: j.text.clone(),
        likelihood: j.likelihood,
        confidence: j.confidence,
        based_on: j.based_on.iter().map(|&c| d.claims[c].id.clone()).collect(),
    };
    let mut judgments: Vec<JudgmentSnap> = d
        .front
        .judgments
        .iter()
        .map(|j| judgment(Place::Front, j))
        .collect();
    for t in &d.topics {
        judgments.extend(
            t.judgments
                .iter()
                .map(|j| judgment(Place::Topic(t.id.clone()), j)),
        );
    }
    Snapshot { claims, judgments }
}

/// Why a claim has its status, in words that name claims and sources by
/// id: "contradicted by a; figure disagrees with b", "independent
/// origins: x, y", "one origin: x".
pub fn reason(d: &Dossier, f: &ClaimFacts) -> String {
    match f.status {
        Status::Contested => {
            let mut parts: Vec<String> = Vec::new();
            for c in &f.conflicts {
                let part = match c {
                    Conflict::Contradiction { other } => {
                        format!("contradicted by {}", d.claims[*other].id)
                    }
                    Conflict::Figure { other, .. } => {
                        format!("figure disagrees with {}", d.claims[*other].id)
                    }
                };
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
            let mut s = parts.join("; ");
            if f.conflicts_total > f.conflicts.len() {
                s.push_str(&format!("; {} conflicts in all", f.conflicts_total));
            }
            s
        }
        Status::Corroborated => {
            let ids: Vec<&str> = f
                .origins
                .iter()
                .map(|&o| d.sources[o].id.as_str())
                .collect();
            format!("independent origins: {}", ids.join(", "))
        }
        Status::SingleSource => {
            let origin = f.origins.first().map_or("", |&o| d.sources[o].id.as_str());
            if f.support.is_empty() {
                format!("one origin: {origin}")
            } else {
                format!("one origin: {origin} (the claims that support it share it)")
            }
        }
    }
}
