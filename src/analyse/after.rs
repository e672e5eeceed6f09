//! The analysis of a dossier edited in `serve`, from the analysis of the
//! dossier before it, when every claim kept what relates it to others:
//! its id, topics, origin, relays, date, links and the articles it
//! quotes. Its figures, words and entities may differ. In come both
//! dossiers and the analysis before; out comes the analysis a full run
//! would make, or `None` when a claim changed more than that (or claims
//! were added, deleted or moved).
//!
//! Only figures then change the findings: the figure conflicts of the
//! claims with a figure in a class (metric, planned or not) where a
//! figure changed, their status, and those metrics' facts are made
//! again; the rest is taken back. The entities each claim mentions are
//! found again for the claims that changed.

use super::conflicts::{self, ClassKey};
use super::facts::{Analysis, ClaimFacts, Conflict, Status};
use super::{FIGURE_EXAMPLES, mentions, metric_facts_of};
use crate::model::{Claim, Dossier};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// The analysis of `d`, from `before`, the analysis of `old` (whose
/// sources, metrics and articles are those of `d`, and whose tolerance
/// was `tolerance`): `None` when a claim changed more than its figures,
/// words or entities.
pub(super) fn figures_edited(
    d: &Dossier,
    tolerance: f64,
    (old, before): (&Dossier, &Analysis),
) -> Option<Analysis> {
    if d.claims.len() != old.claims.len() || before.claims.len() != d.claims.len() {
        return None;
    }
    let changed: Vec<usize> = (0..d.claims.len())
        .into_par_iter()
        .filter(|&i| !Arc::ptr_eq(&d.claims[i], &old.claims[i]))
        .collect();
    if !changed
        .iter()
        .all(|&i| relates_alike(&d.claims[i], &old.claims[i]))
    {
        return None;
    }
    let refigured_claims: Vec<usize> = changed
        .into_iter()
        .filter(|&i| d.claims[i].figures != old.claims[i].figures)
        .collect();
    // Every class a figure left or joined.
    let touched: HashSet<ClassKey> = refigured_claims
        .iter()
        .flat_map(|&i| d.claims[i].figures.iter().chain(&old.claims[i].figures))
        .map(conflicts::class_of)
        .collect();
    let ((claims, metrics), (claim_entities, entity_claims)) = rayon::join(
        || {
            let claims = refigured(d, tolerance, before, (&touched, &refigured_claims));
            let metrics_touched: HashSet<usize> = touched.iter().map(|&(m, _)| m).collect();
            let metrics = metric_facts_of(d, &metrics_touched, &before.metrics, &claims);
            (claims, metrics)
        },
        || mentions::of_claims(d, Some((old, &before.claim_entities))),
    );
    Some(Analysis {
        metrics,
        timeline: before.timeline.clone(),
        claims,
        article_claims: before.article_claims.clone(),
        topic_claims: before.topic_claims.clone(),
        originated: before.originated.clone(),
        relayed: before.relayed.clone(),
        claim_entities,
        entity_claims,
    })
}

/// Whether `a` and `b` are alike in all the analysis reads of a claim
/// but its figures and the entities its words mention.
fn relates_alike(a: &Claim, b: &Claim) -> bool {
    a.id == b.id
        && a.topics == b.topics
        && a.origin == b.origin
        && a.via == b.via
        && a.date == b.date
        && a.corroborates == b.corroborates
        && a.contradicts == b.contradicts
        && a.evidence.len() == b.evidence.len()
        && a.evidence
            .iter()
            .zip(&b.evidence)
            .all(|(x, y)| x.article == y.article)
}

/// The facts of every claim: those of `before`, with the figure
/// conflicts and status made again for the claims with a figure in a
/// class `touched`, and for those whose figures changed
/// (`refigured_claims`).
fn refigured(
    d: &Dossier,
    tolerance: f64,
    before: &Analysis,
    (touched, refigured_claims): (&HashSet<ClassKey>, &[usize]),
) -> Vec<ClaimFacts> {
    let mut claims: Vec<ClaimFacts> = before.claims.par_iter().cloned().collect();
    if touched.is_empty() {
        return claims;
    }
    let again = conflicts::figure_conflicts_in(d, tolerance, FIGURE_EXAMPLES, touched);
    let mut redone = vec![false; d.claims.len()];
    for (i, found) in again {
        redone[i] = true;
        let facts = &mut claims[i];
        let mut conflicts: Vec<Conflict> = facts
            .conflicts
            .iter()
            .filter(|c| matches!(c, Conflict::Contradiction { .. }))
            .cloned()
            .collect();
        let contradictions = conflicts.len();
        conflicts.extend(found.examples);
        facts.conflicts = conflicts;
        facts.conflicts_total = contradictions + found.total;
        facts.contested_figures = found.contested;
        facts.status = Status::of(&facts.conflicts, facts.origins.len());
    }
    // A claim whose figures changed and left every class has no figure
    // conflict now.
    for &i in refigured_claims {
        if !redone[i] {
            let facts = &mut claims[i];
            facts
                .conflicts
                .retain(|c| matches!(c, Conflict::Contradiction { .. }));
            facts.conflicts_total = facts.conflicts.len();
            facts.contested_figures.clear();
            facts.status = Status::of(&facts.conflicts, facts.origins.len());
        }
    }
    claims
}
