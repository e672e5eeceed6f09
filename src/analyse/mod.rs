//! Analysis: what the generator derives from the validated dossier. In
//! comes a [`Dossier`] without errors; out come an [`Analysis`] (for each
//! claim the distinct origins that support it: its own plus those of
//! claims that corroborate it or that it corroborates, so five articles
//! relaying one origin count once; its status; the reasons it is
//! contested: a contradiction either way, or a figure for the same metric
//! from another origin that disagrees beyond the tolerance) and warnings.
//!
//! Pure functions over `&Dossier`: analysis never reads files, never
//! renders, and runs only on a dossier without errors (every index in the
//! model is valid).

mod after;
mod conflicts;
mod facts;
mod figures;
mod mentions;
mod reshaped;
mod warnings;

pub use facts::{Analysis, ClaimFacts, Conflict, MetricFacts, Status, support_of};
pub use figures::{bounds, disagree, interval};
pub use warnings::states_a_number;

use crate::diagnostic::Diagnostic;
use crate::model::{Claim, Dossier, PartialDate};
use crate::source::Sources;
use conflicts::FigureConflicts;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// Disagreeing figures shown per figure of a claim (the count is exact).
pub const FIGURE_EXAMPLES: usize = 5;

/// Derives the analysis; returns warnings about the content.
pub fn analyse(d: &Dossier, sources: &Sources, tolerance: f64) -> (Analysis, Vec<Diagnostic>) {
    analyse_after(d, sources, tolerance, None)
}

/// [`analyse`], given (`serve`) the dossier analysed before and its
/// analysis, whose findings for the claims not changed since are taken
/// back where they cannot differ (the entities a claim mentions, the
/// timeline when no claim's id or date changed; when every claim kept
/// what relates it to others, all but the figure conflicts in the
/// classes where a figure changed, `after.rs`).
pub fn analyse_after(
    d: &Dossier,
    sources: &Sources,
    tolerance: f64,
    before: Option<(&Dossier, &Analysis)>,
) -> (Analysis, Vec<Diagnostic>) {
    let (analysis, warnings) = analyse_with(d, Some(sources), tolerance, before);
    (analysis, warnings.unwrap_or_default())
}

/// [`analyse_after`] without the warnings (`serve` makes them after the
/// pages it shows first: [`warnings`]).
#[must_use]
pub fn analysis_after(
    d: &Dossier,
    tolerance: f64,
    before: Option<(&Dossier, &Analysis)>,
) -> Analysis {
    analyse_with(d, None, tolerance, before).0
}

/// [`analysis_after`] for claims added or deleted (`serve`): `old_of`
/// gives each claim's index in the dossier before (`None`: added). The
/// findings of the claims kept are moved to their new indices and made
/// again where the claims added or deleted reach (`reshaped.rs`); when a
/// kept claim changed more than its words, the analysis is made whole.
#[must_use]
pub fn analysis_reshaped(
    d: &Dossier,
    tolerance: f64,
    before: (&Dossier, &Analysis),
    old_of: &[Option<usize>],
) -> Analysis {
    let t = crate::timing::Timer::new();
    if let Some(analysis) = reshaped::reshaped(d, tolerance, before, old_of) {
        t.lap("  claims added or deleted");
        return analysis;
    }
    analysis_after(d, tolerance, Some(before))
}

/// The analysis, and its warnings with `sources`.
fn analyse_with(
    d: &Dossier,
    sources: Option<&Sources>,
    tolerance: f64,
    before: Option<(&Dossier, &Analysis)>,
) -> (Analysis, Option<Vec<Diagnostic>>) {
    let t = crate::timing::Timer::new();
    // Claims that kept what relates them: only figure conflicts are
    // found again (`after.rs`).
    if let Some(analysis) = before.and_then(|b| after::figures_edited(d, tolerance, b)) {
        t.lap("  figures edited alone");
        let warnings = sources.map(|s| warnings_of(d, s, &analysis));
        return (analysis, warnings);
    }
    // What reads the claims alone (the timeline, the entities mentioned)
    // beside what relates them.
    let ((support, contra, figure_conflicts), (timeline, mentions)) = rayon::join(
        || {
            let (support, contra) = links(d);
            let conflicts = conflicts::figure_conflicts(d, tolerance, FIGURE_EXAMPLES);
            (support, contra, conflicts)
        },
        || {
            let timeline = match before {
                Some((old, a)) if same_dates(d, old) => a.timeline.clone(),
                _ => timeline(d),
            };
            let mentions =
                mentions::of_claims(d, before.map(|(old, a)| (old, a.claim_entities.as_slice())));
            (timeline, mentions)
        },
    );
    t.lap("  links, figure conflicts, timeline, mentions");
    let claims = claim_facts(d, &support, &contra, &figure_conflicts);
    t.lap("  claim facts");
    let mut analysis = Analysis {
        claims,
        timeline,
        ..Analysis::default()
    };
    (analysis.claim_entities, analysis.entity_claims) = mentions;
    index(d, &mut analysis);
    t.lap("  index");
    let (warnings, metrics) = rayon::join(
        || sources.map(|s| warnings_of(d, s, &analysis)),
        || metric_facts(d, &figure_conflicts),
    );
    analysis.metrics = metrics;
    t.lap("  warnings, metrics");
    (analysis, warnings)
}

/// The warnings of `analysis`, the analysis of `d` (whose files are
/// `sources`): see `warnings_of`.
#[must_use]
pub fn warnings(d: &Dossier, sources: &Sources, analysis: &Analysis) -> Vec<Diagnostic> {
    warnings_of(d, sources, analysis)
}

/// The analysis's warnings: each claim graded credibility 1 with a single
/// origin, in claim order; the claims that state a number but record no
/// figure; the articles no claim quotes.
fn warnings_of(d: &Dossier, sources: &Sources, analysis: &Analysis) -> Vec<Diagnostic> {
    let mut warnings: Vec<Diagnostic> = d
        .claims
        .par_iter()
        .zip(&analysis.claims)
        .filter(|(c, facts)| c.credibility.0 == 1 && facts.origins.len() < 2)
        .map(|(c, _)| warnings::credibility_warning(c, sources))
        .collect();
    warnings.extend(warnings::no_figure_warnings(d, sources));
    for (a, article) in d.articles.iter().enumerate() {
        if analysis.article_claims[a].is_empty() {
            warnings.push(warnings::unquoted_warning(article));
        }
    }
    warnings
}

/// Whether `before`, the analysis of `old`, is the analysis of `d`:
/// each claim of `d` is the one at its place in `old` (the same `Arc`),
/// or one the analysis reads alike (it reads neither the words of quotes
/// and notes nor where a claim is written, and of the statement and
/// translations only the entities they mention, compared) — with the
/// sources, metrics, entities and articles as they were, which the
/// caller knows. Its warnings are to be made again ([`warnings`]): they
/// point into the files as they are now.
#[must_use]
pub fn reads_alike(d: &Dossier, (old, before): (&Dossier, &Analysis)) -> bool {
    d.claims.len() == old.claims.len()
        && before.claim_entities.len() == d.claims.len()
        && d.claims
            .par_iter()
            .zip(&old.claims)
            .zip(&before.claim_entities)
            .all(|((c, o), entities)| {
                Arc::ptr_eq(c, o) || (read_alike(c, o) && mentions::of_claim(d, c) == *entities)
            })
}

/// Whether the analysis reads claims `a` and `b` alike, but for the
/// entities their words mention.
fn read_alike(a: &Claim, b: &Claim) -> bool {
    a.id == b.id
        && a.topics == b.topics
        && a.origin == b.origin
        && a.via == b.via
        && a.date == b.date
        && a.credibility == b.credibility
        && a.figures == b.figures
        && a.corroborates == b.corroborates
        && a.contradicts == b.contradicts
        && a.entities == b.entities
        && a.evidence.len() == b.evidence.len()
        && a.evidence
            .iter()
            .zip(&b.evidence)
            .all(|(x, y)| x.article == y.article)
}

/// The claims linked to each claim by `corroborates`, and by
/// `contradicts`, either way.
fn links(d: &Dossier) -> (Vec<BTreeSet<usize>>, Vec<BTreeSet<usize>>) {
    let n = d.claims.len();
    let mut support: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    let mut contra: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
    for (i, c) in d.claims.iter().enumerate() {
        for &j in &c.corroborates {
            support[i].insert(j);
            support[j].insert(i);
        }
        for &j in &c.contradicts {
            contra[i].insert(j);
            contra[j].insert(i);
        }
    }
    (support, contra)
}

/// The facts of every claim.
fn claim_facts(
    d: &Dossier,
    support: &[BTreeSet<usize>],
    contra: &[BTreeSet<usize>],
    figure_conflicts: &FigureConflicts,
) -> Vec<ClaimFacts> {
    // Each claim on its own, in parallel.
    d.claims
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let mut origins: BTreeSet<usize> = BTreeSet::from([c.origin]);
            origins.extend(support[i].iter().map(|&j| d.claims[j].origin));
            let articles: BTreeSet<usize> = c.evidence.iter().map(|e| e.article).collect();
            let mut conflicts: Vec<Conflict> = contra[i]
                .iter()
                .map(|&other| Conflict::Contradiction { other })
                .collect();
            conflicts.extend(figure_conflicts.examples[i].iter().cloned());
            let conflicts_total = contra[i].len() + figure_conflicts.totals[i];
            let status = Status::of(&conflicts, origins.len());
            ClaimFacts {
                origins: origins.into_iter().collect(),
                articles: articles.into_iter().collect(),
                support: support[i].iter().copied().collect(),
                conflicts,
                conflicts_total,
                contested_figures: figure_conflicts.contested[i].clone(),
                status,
            }
        })
        .collect()
}

/// The claims of each article, topic and source (originated, relayed),
/// from the facts of the claims.
fn index(d: &Dossier, analysis: &mut Analysis) {
    let mut article_claims = vec![Vec::new(); d.articles.len()];
    let mut topic_claims = vec![Vec::new(); d.topics.len()];
    let mut originated = vec![Vec::new(); d.sources.len()];
    let mut relayed = vec![Vec::new(); d.sources.len()];
    for (i, c) in d.claims.iter().enumerate() {
        for &a in &analysis.claims[i].articles {
            article_claims[a].push(i);
        }
        for &t in &c.topics {
            topic_claims[t].push(i);
        }
        originated[c.origin].push(i);
        for &v in &c.via {
            relayed[v].push(i);
        }
    }
    analysis.article_claims = article_claims;
    analysis.topic_claims = topic_claims;
    analysis.originated = originated;
    analysis.relayed = relayed;
}

/// The figures of each metric, by best value, with their spread and
/// whether two origins disagree on it.
fn metric_facts(d: &Dossier, figure_conflicts: &FigureConflicts) -> Vec<MetricFacts> {
    metric_facts_where(d, |_| true, |c| &figure_conflicts.contested[c])
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

/// [`metric_facts`] made again for the metrics `touched`, the others
/// taken from `before`; `claims` are the facts of the claims of `d`.
fn metric_facts_of(
    d: &Dossier,
    touched: &HashSet<usize>,
    before: &[MetricFacts],
    claims: &[ClaimFacts],
) -> Vec<MetricFacts> {
    metric_facts_where(
        d,
        |m| touched.contains(&m),
        |c| &claims[c].contested_figures,
    )
    .into_iter()
    .zip(before)
    .map(|(made, kept)| made.unwrap_or_else(|| kept.clone()))
    .collect()
}

/// The facts of each metric for which `keep` holds (`None` for the
/// others), given the figures of each claim that are contested.
fn metric_facts_where<'a>(
    d: &Dossier,
    keep: impl Fn(usize) -> bool + Sync,
    contested: impl Fn(usize) -> &'a [usize] + Sync,
) -> Vec<Option<MetricFacts>> {
    // Figures by metric: (claim, figure index).
    let mut by_metric: Vec<Vec<(usize, usize)>> = vec![Vec::new(); d.metrics.len()];
    for (i, c) in d.claims.iter().enumerate() {
        for (k, f) in c.figures.iter().enumerate() {
            if keep(f.metric) {
                by_metric[f.metric].push((i, k));
            }
        }
    }
    by_metric
        .into_par_iter()
        .enumerate()
        .map(|(m, mut figures)| {
            if !keep(m) {
                return None;
            }
            let best = |&(c, k): &(usize, usize)| figures::best(&d.claims[c].figures[k]);
            figures.sort_by(|a, b| best(a).total_cmp(&best(b)).then(a.cmp(b)));
            let spread = figures
                .first()
                .map(|f| (best(f), best(figures.last().unwrap_or(f))));
            let contested = figures.iter().any(|&(c, k)| contested(c).contains(&k));
            Some(MetricFacts {
                figures,
                spread,
                contested,
            })
        })
        .collect()
}

/// The dated claims, by date then id. Claims are sorted by id (as the
/// loader gives them), so within a date their indices are in id order:
/// the sort compares dates and indices, copied side by side, and ids only
/// when the claims are not in id order.
/// Whether every claim of `d` has the id and date of the claim at its
/// place in `old` (the timeline, which sorts them by date and id, is then
/// the same).
fn same_dates(d: &Dossier, old: &Dossier) -> bool {
    d.claims.len() == old.claims.len()
        && d.claims
            .par_iter()
            .zip(&old.claims)
            .all(|(c, o)| Arc::ptr_eq(c, o) || (c.date == o.date && c.id == o.id))
}

fn timeline(d: &Dossier) -> Vec<usize> {
    let in_id_order = d.claims.windows(2).all(|w| w[0].id <= w[1].id);
    let mut dated: Vec<(PartialDate, usize)> = (0..d.claims.len())
        .filter_map(|i| Some((d.claims[i].date?, i)))
        .collect();
    if in_id_order {
        dated.par_sort_unstable();
    } else {
        dated.par_sort_by(|&(x, a), &(y, b)| (x, &d.claims[a].id).cmp(&(y, &d.claims[b].id)));
    }
    dated.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests;
