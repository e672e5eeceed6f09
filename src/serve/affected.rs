//! What an edit reaches, for `serve`: in, what it changed besides the
//! claims ([`Edited`], found by `reload.rs`) and the claims changed, with
//! the dossier and analysis before and after; out, the claims, article,
//! entity and topic pages to make again ([`Affected`]). `reload.rs` asks
//! before it shows the pages, `lists.rs` after, when the edit showed the
//! sources or figures page first.

use crate::analyse::{Analysis, Conflict};
use crate::model::Dossier;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What an edit changed besides the claims, when `reload.rs` finds that
/// the rest of the dossier still fits the kept pages.
#[derive(Default)]
pub(super) struct Edited {
    /// Articles whose front matter changed, in order.
    pub(super) retitled: Vec<usize>,
    /// Sources of `sources.yaml` changed (same ids, in the same order).
    pub(super) sources: Vec<usize>,
    /// Metrics of `metrics.yaml` changed (same ids, in the same order).
    pub(super) metrics: Vec<usize>,
    /// Entities of `entities.yaml` changed (same ids, names and aliases,
    /// in the same order: articles mention the same ones).
    pub(super) entities: Vec<usize>,
    /// For each claim now, its index before (`None`: added).
    pub(super) old_of: Vec<Option<usize>>,
    /// The claims deleted (indices before).
    pub(super) deleted: Vec<usize>,
}

/// What an edit of claims makes again.
#[derive(Default)]
pub(super) struct Affected {
    /// Claim pages: the changed claims and those listing them.
    pub(super) claims: Vec<usize>,
    /// Article pages: those the changed claims quote, before or now, and
    /// those whose front matter changed.
    pub(super) articles: Vec<usize>,
    /// Entity pages: the changed claims' entities, before or now, those
    /// the articles whose front matter changed mention, and those edited.
    pub(super) entities: Vec<usize>,
    /// Topic pages: those the changed claims are in (before or now),
    /// give a figure for (a metric of the topic), or its judgments rest
    /// on or its overview cites; those whose overview changed; and those
    /// of the metrics edited, before or now.
    pub(super) topics: Vec<usize>,
}

impl Affected {
    /// Whether the edit reaches a quarter or more of a big dossier's
    /// articles: the whole build, parallel from end to end, is then
    /// quicker than anchoring them again one list at a time. Claims pages
    /// alone, even most of them (a source most claims come from), are
    /// made here: a full build would make them all and anchor every
    /// article besides. Small dossiers always take the partial path
    /// (either is quick there).
    pub(super) fn most_of(&self, new: &Dossier) -> bool {
        const BIG: usize = 500;
        let articles = new.articles.len();
        articles >= BIG && self.articles.len() * 4 >= articles
    }

    /// `changed`: the claims whose pages are made again, and of them
    /// those whose rows on article pages may have changed; `old_of`: each
    /// claim's index before (`edited`'s, which the lists keep apart);
    /// `old` and `old_analysis`: the dossier and its analysis before the
    /// edit; `mentions`: the entities each article mentions (the same
    /// before and now).
    pub(super) fn of(
        (changed, on_articles): (&[usize], &[usize]),
        (edited, old_of): (&Edited, &[Option<usize>]),
        (old, old_analysis): (&Dossier, &Analysis),
        mentions: &[Vec<usize>],
        (new, analysis): (&Dossier, &Analysis),
    ) -> Affected {
        let mut mask = vec![false; new.claims.len()];
        for &i in changed {
            if let Some(m) = mask.get_mut(i) {
                *m = true;
            }
        }
        let is_changed = |j: &usize| mask.get(*j).copied().unwrap_or(false);
        let claims: Vec<usize> = (0..new.claims.len())
            .into_par_iter()
            .filter(|&j| {
                let facts = &analysis.claims[j];
                is_changed(&j)
                    || facts.support.iter().any(is_changed)
                    || facts.conflicts.iter().any(|x| match x {
                        Conflict::Contradiction { other } | Conflict::Figure { other, .. } => {
                            is_changed(other)
                        }
                    })
                    || new.claims[j]
                        .note
                        .as_ref()
                        .is_some_and(|n| n.cited.iter().any(|(k, _)| is_changed(k)))
            })
            .collect();
        let mut articles: BTreeSet<usize> = edited.retitled.iter().copied().collect();
        let mut entities: BTreeSet<usize> = edited
            .retitled
            .iter()
            .flat_map(|&a| mentions[a].iter().copied())
            .collect();
        // An entity changed (the same id, name and aliases): its page
        // alone (and the lists made again anyway: the entities index, the
        // search index), since article and claim pages show only its name.
        entities.extend(edited.entities.iter().copied());
        // What a changed claim showed before: the claim with its id then,
        // and the claims deleted.
        let before: Vec<usize> = changed
            .iter()
            .filter_map(|&i| old_of[i])
            .chain(edited.deleted.iter().copied())
            .collect();
        for &i in changed {
            entities.extend(analysis.claim_entities[i].iter().copied());
        }
        for &o in &before {
            entities.extend(old_analysis.claim_entities[o].iter().copied());
        }
        for &i in on_articles {
            articles.extend(new.claims[i].evidence.iter().map(|e| e.article));
            let was = old_of[i].map(|o| &old.claims[o]);
            articles.extend(
                was.into_iter()
                    .flat_map(|c| c.evidence.iter().map(|e| e.article)),
            );
        }
        for &o in &edited.deleted {
            articles.extend(old.claims[o].evidence.iter().map(|e| e.article));
        }
        let metric_topics = |d: &Dossier, i: usize| -> Vec<usize> {
            let c = &d.claims[i];
            let figures = c.figures.iter().map(|f| d.metrics[f.metric].topic);
            c.topics.iter().copied().chain(figures).collect()
        };
        // A metric changed: the topic pages that show it, before or now.
        let mut topics: BTreeSet<usize> = edited
            .metrics
            .iter()
            .flat_map(|&m| [old.metrics[m].topic, new.metrics[m].topic])
            .collect();
        for &i in changed {
            topics.extend(metric_topics(new, i));
        }
        for &o in &before {
            topics.extend(metric_topics(old, o));
        }
        // Topic and entity pages list articles with how many claims quote
        // each: those listing an article whose count changed.
        let (was, now) = (&old_analysis.article_claims, &analysis.article_claims);
        for &a in articles.iter().filter(|&&a| was[a].len() != now[a].len()) {
            entities.extend(mentions[a].iter().copied());
            for &c in &now[a] {
                topics.extend(new.claims[c].topics.iter().copied());
                entities.extend(analysis.claim_entities[c].iter().copied());
            }
            for &c in &was[a] {
                topics.extend(old.claims[c].topics.iter().copied());
                entities.extend(old_analysis.claim_entities[c].iter().copied());
            }
        }
        for (t, (x, y)) in old.topics.iter().zip(&new.topics).enumerate() {
            let cites = |c: &usize| changed.binary_search(c).is_ok();
            if x.overview.html != y.overview.html
                || x.overview.cited != y.overview.cited
                || y.overview.cited.iter().any(|(c, _)| cites(c))
                || y.judgments.iter().any(|j| j.based_on.iter().any(cites))
            {
                topics.insert(t);
            }
        }
        Affected {
            claims,
            articles: articles.into_iter().collect(),
            entities: entities.into_iter().collect(),
            topics: topics.into_iter().collect(),
        }
    }
}
