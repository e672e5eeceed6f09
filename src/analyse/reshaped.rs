//! The analysis of a dossier whose claims were added or deleted in
//! `serve`, from the analysis before: every claim kept moved to a new
//! index, but kept what relates it to others (its id, topics, origin,
//! relays, date, the articles it quotes, its figures, and its links,
//! which name the same claims). In come both dossiers, the analysis
//! before and each claim's index before (`None`: added); out comes the
//! analysis a full run would make, or `None` when a kept claim changed
//! more than its words or entities.
//!
//! The findings of the claims kept are moved to the new indices (the
//! kept claims keep their order, as the loader sorts claims by id); then
//! made again only where the claims added or deleted reach: the support
//! and contradictions of the claims linked to one, the figure conflicts
//! in the classes (metric, planned or not) where one has a figure, and
//! those metrics' facts. The timeline takes the claims added in; the
//! indexes and the entities mentioned are made as a full run makes them.

use super::conflicts::{self, ClassKey};
use super::facts::{Analysis, ClaimFacts, Conflict, MetricFacts, Status};
use super::{FIGURE_EXAMPLES, index, mentions, metric_facts_of};
use crate::model::{Claim, Dossier};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// The analysis of `d` from `before`, the analysis of `old` (with the
/// sources, metrics and articles of `d`, and the tolerance `tolerance`),
/// given each claim's index in `old` (`old_of`); `None` when it cannot
/// be made this way.
pub(super) fn reshaped(
    d: &Dossier,
    tolerance: f64,
    (old, before): (&Dossier, &Analysis),
    old_of: &[Option<usize>],
) -> Option<Analysis> {
    let t = crate::timing::Timer::new();
    let new_of = new_indices(d, old, before, old_of)?;
    let moved = |o: usize| new_of[o];
    let kept_alike = (0..d.claims.len())
        .into_par_iter()
        .all(|i| old_of[i].is_none_or(|o| relates_alike(&d.claims[i], &old.claims[o], &new_of)));
    if !kept_alike {
        return None;
    }
    let added: Vec<usize> = (0..d.claims.len())
        .filter(|&i| old_of[i].is_none())
        .collect();
    let deleted: Vec<usize> = (0..old.claims.len())
        .filter(|&o| new_of[o].is_none())
        .collect();
    // Where the claims added or deleted reach: the claims linked to one
    // (their support or contradictions), and every class of figures one
    // has a figure in.
    let mut linked: Vec<usize> = added.clone();
    for &i in &added {
        let c = &d.claims[i];
        linked.extend(c.corroborates.iter().chain(&c.contradicts));
    }
    for &o in &deleted {
        let facts = &before.claims[o];
        let contradicting = facts.conflicts.iter().filter_map(|c| match c {
            Conflict::Contradiction { other } => Some(*other),
            Conflict::Figure { .. } => None,
        });
        linked.extend(
            facts
                .support
                .iter()
                .copied()
                .chain(contradicting)
                .filter_map(moved),
        );
    }
    let touched: HashSet<ClassKey> = added
        .iter()
        .flat_map(|&i| &d.claims[i].figures)
        .chain(deleted.iter().flat_map(|&o| &old.claims[o].figures))
        .map(conflicts::class_of)
        .collect();
    t.lap("   kept alike, reach");
    let mut claims: Vec<ClaimFacts> = (0..d.claims.len())
        .into_par_iter()
        .map(|i| match old_of[i] {
            Some(o) => moved_facts(&before.claims[o], &new_of),
            None => ClaimFacts {
                origins: Vec::new(),
                articles: Vec::new(),
                support: Vec::new(),
                conflicts: Vec::new(),
                conflicts_total: 0,
                contested_figures: Vec::new(),
                status: Status::SingleSource,
            },
        })
        .collect();
    t.lap("   facts moved");
    for &i in &linked {
        let (support, contra) = links_of(d, i, &claims[i], &added);
        relinked(d, i, (&support, &contra), &mut claims[i]);
    }
    refigure(d, tolerance, &touched, &mut claims);
    t.lap("   figure conflicts");
    let metrics_touched: HashSet<usize> = touched.iter().map(|&(m, _)| m).collect();
    let metrics_before: Vec<MetricFacts> = before
        .metrics
        .iter()
        .enumerate()
        .map(|(m, facts)| match metrics_touched.contains(&m) {
            true => MetricFacts::default(),
            false => MetricFacts {
                figures: facts
                    .figures
                    .iter()
                    .filter_map(|&(c, k)| Some((moved(c)?, k)))
                    .collect(),
                spread: facts.spread,
                contested: facts.contested,
            },
        })
        .collect();
    let metrics = metric_facts_of(d, &metrics_touched, &metrics_before, &claims);
    t.lap("   metrics");
    let (claim_entities, entity_claims) =
        mentions::of_claims(d, Some((old, &before.claim_entities)));
    t.lap("   mentions");
    let mut analysis = Analysis {
        metrics,
        timeline: timeline(d, &before.timeline, &new_of, &added),
        claims,
        claim_entities,
        entity_claims,
        ..Analysis::default()
    };
    t.lap("   timeline");
    index(d, &mut analysis);
    t.lap("   index");
    Some(analysis)
}

/// Each claim's index in `d` by its index in `old` (`None`: deleted),
/// when `old_of` says where every claim of `d` was, the claims kept in
/// the same order (and `before` is an analysis of `old`).
fn new_indices(
    d: &Dossier,
    old: &Dossier,
    before: &Analysis,
    old_of: &[Option<usize>],
) -> Option<Vec<Option<usize>>> {
    if old_of.len() != d.claims.len()
        || before.claims.len() != old.claims.len()
        || before.metrics.len() != d.metrics.len()
    {
        return None;
    }
    let mut new_of = vec![None; old.claims.len()];
    let mut last = None;
    for (i, o) in old_of.iter().enumerate() {
        if let Some(o) = *o {
            if o >= old.claims.len() || last.is_some_and(|l| l >= o) {
                return None;
            }
            last = Some(o);
            new_of[o] = Some(i);
        }
    }
    Some(new_of)
}

/// Whether claim `a`, now, relates to the others as `b` did (its links
/// naming the same claims, at their new indices `new_of`), the analysis
/// reading them alike but for the entities their words mention.
fn relates_alike(a: &Arc<Claim>, b: &Arc<Claim>, new_of: &[Option<usize>]) -> bool {
    let same_links = |x: &[usize], y: &[usize]| {
        x.len() == y.len() && y.iter().zip(x).all(|(&o, &i)| new_of[o] == Some(i))
    };
    // The claim as it was (no claim it names moved): its links alone.
    if Arc::ptr_eq(a, b) {
        return same_links(&a.corroborates, &b.corroborates)
            && same_links(&a.contradicts, &b.contradicts);
    }
    a.id == b.id
        && a.topics == b.topics
        && a.origin == b.origin
        && a.via == b.via
        && a.date == b.date
        && a.figures == b.figures
        && a.entities == b.entities
        && same_links(&a.corroborates, &b.corroborates)
        && same_links(&a.contradicts, &b.contradicts)
        && a.evidence.len() == b.evidence.len()
        && a.evidence
            .iter()
            .zip(&b.evidence)
            .all(|(x, y)| x.article == y.article)
}

/// A kept claim's facts with the claims they name at their new indices
/// (those deleted left out, a contradiction with one no longer counted:
/// the claims linked to one, or with a figure in a class where one had,
/// are made again).
fn moved_facts(facts: &ClaimFacts, new_of: &[Option<usize>]) -> ClaimFacts {
    let gone = facts
        .conflicts
        .iter()
        .filter(|c| matches!(c, Conflict::Contradiction { other } if new_of[*other].is_none()))
        .count();
    let conflicts = facts
        .conflicts
        .iter()
        .filter_map(|c| match *c {
            Conflict::Contradiction { other } => Some(Conflict::Contradiction {
                other: new_of[other]?,
            }),
            Conflict::Figure {
                figure,
                other,
                other_figure,
            } => Some(Conflict::Figure {
                figure,
                other: new_of[other]?,
                other_figure,
            }),
        })
        .collect();
    ClaimFacts {
        support: facts.support.iter().filter_map(|&s| new_of[s]).collect(),
        conflicts,
        conflicts_total: facts.conflicts_total - gone,
        ..facts.clone()
    }
}

/// The claims linked to claim `i` by `corroborates`, and by
/// `contradicts`, either way: those its facts moved name (none for a
/// claim added), those it names, and the claims added that name it (a
/// claim kept names none of them).
fn links_of(
    d: &Dossier,
    i: usize,
    moved: &ClaimFacts,
    added: &[usize],
) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let c = &d.claims[i];
    let mut support: BTreeSet<usize> = moved.support.iter().copied().collect();
    let mut contra: BTreeSet<usize> = moved
        .conflicts
        .iter()
        .filter_map(|x| match x {
            Conflict::Contradiction { other } => Some(*other),
            Conflict::Figure { .. } => None,
        })
        .collect();
    support.extend(&c.corroborates);
    contra.extend(&c.contradicts);
    for &a in added {
        if d.claims[a].corroborates.contains(&i) {
            support.insert(a);
        }
        if d.claims[a].contradicts.contains(&i) {
            contra.insert(a);
        }
    }
    (support, contra)
}

/// Claim `i`'s support, origins, articles and contradictions made again
/// from its links (`support`, `contra`: the claims linked either way),
/// its figure conflicts kept, its status with them.
fn relinked(
    d: &Dossier,
    i: usize,
    (support, contra): (
        &std::collections::BTreeSet<usize>,
        &std::collections::BTreeSet<usize>,
    ),
    facts: &mut ClaimFacts,
) {
    let c = &d.claims[i];
    let mut origins: std::collections::BTreeSet<usize> =
        std::collections::BTreeSet::from([c.origin]);
    origins.extend(support.iter().map(|&j| d.claims[j].origin));
    let figure_conflicts: Vec<Conflict> = facts
        .conflicts
        .iter()
        .filter(|x| matches!(x, Conflict::Figure { .. }))
        .cloned()
        .collect();
    let figure_total = facts.conflicts_total - (facts.conflicts.len() - figure_conflicts.len());
    let mut conflicts: Vec<Conflict> = contra
        .iter()
        .map(|&other| Conflict::Contradiction { other })
        .collect();
    conflicts.extend(figure_conflicts);
    facts.origins = origins.into_iter().collect();
    let articles: std::collections::BTreeSet<usize> =
        c.evidence.iter().map(|e| e.article).collect();
    facts.articles = articles.into_iter().collect();
    facts.support = support.iter().copied().collect();
    facts.conflicts_total = contra.len() + figure_total;
    facts.conflicts = conflicts;
    facts.status = Status::of(&facts.conflicts, facts.origins.len());
}

/// The figure conflicts made again for the claims with a figure in a
/// class `touched` (their contradictions kept), and their status.
fn refigure(d: &Dossier, tolerance: f64, touched: &HashSet<ClassKey>, claims: &mut [ClaimFacts]) {
    if touched.is_empty() {
        return;
    }
    for (i, found) in conflicts::figure_conflicts_in(d, tolerance, FIGURE_EXAMPLES, touched) {
        let facts = &mut claims[i];
        facts
            .conflicts
            .retain(|c| matches!(c, Conflict::Contradiction { .. }));
        let contradictions = facts.conflicts.len();
        facts.conflicts.extend(found.examples);
        facts.conflicts_total = contradictions + found.total;
        facts.contested_figures = found.contested;
        facts.status = Status::of(&facts.conflicts, facts.origins.len());
    }
}

/// The timeline of `d`: the one before (`timeline`, indices of `old`)
/// at the new indices, the dated claims `added` merged in by date, then
/// id.
fn timeline(
    d: &Dossier,
    timeline: &[usize],
    new_of: &[Option<usize>],
    added: &[usize],
) -> Vec<usize> {
    let key = |i: usize| (d.claims[i].date, &d.claims[i].id);
    let mut added: Vec<usize> = added
        .iter()
        .copied()
        .filter(|&i| d.claims[i].date.is_some())
        .collect();
    added.sort_by(|&a, &b| key(a).cmp(&key(b)));
    let kept = timeline.iter().filter_map(|&o| new_of[o]);
    let mut out = Vec::with_capacity(timeline.len() + added.len());
    let mut added = added.into_iter().peekable();
    for i in kept {
        while let Some(&a) = added.peek().filter(|&&a| key(a) < key(i)) {
            out.push(a);
            added.next();
        }
        out.push(i);
    }
    out.extend(added);
    out
}
