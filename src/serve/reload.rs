//! Edits of claims files, for `dossier serve`.
//!
//! In: the kept [`Model`] of the last good build and the paths saved. The
//! dossier is loaded again (the files not changed since are neither read
//! nor parsed again: `load::Cache`) and analysed again;
//! when everything but the claims is as before (settings, front page,
//! articles and their texts, topics, sources, metrics, entities, the same
//! claim ids in the same order), the claims whose rendered facts changed
//! are found by comparing a fingerprint of each (its fields, its analysis,
//! its entities, its change since the baseline edition), and only the
//! pages that can show them are made again: their pages, the claim pages
//! that list them, the articles they quote (anchored again), their
//! entities' pages, and the pages and data files that list claims. Out:
//! [`Outcome::Updated`] with those pages, or [`Outcome::Rebuild`] for any
//! other change, or when the new claims do not build (the full build
//! reports it).

use super::incremental::{Model, Outcome};
use crate::analyse::{Analysis, Conflict};
use crate::edition::Changes;
use crate::model::Dossier;
use crate::{Error, Report, analyse, anchor, edition, load, render};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;

impl Model {
    /// Takes in saved files that are not article bodies alone: see the
    /// module's documentation.
    pub(super) fn reload(&mut self, changed: &[PathBuf]) -> Result<Outcome, Error> {
        let content = self.root.join("content");
        if !self.failing.is_empty()
            || !self.unwritten.is_empty()
            || changed.iter().any(|p| !p.starts_with(&content))
        {
            return Ok(Outcome::Rebuild);
        }
        let timer = crate::pipeline::Timer::new();
        // The files not changed since the last load are neither read nor
        // parsed again.
        self.cache.forget(changed);
        let mut loaded = load::load_cached(&self.root, &mut self.cache);
        let editions = edition::load(
            &self.root,
            &loaded.config,
            &mut loaded.sources,
            &mut loaded.diagnostics,
        );
        loaded
            .config
            .served_at
            .clone_from(&self.loaded.config.served_at);
        let retitled = match same_but_claims(&self.loaded, &loaded) {
            Some(retitled) if loaded.diagnostics.errors() == 0 => retitled,
            _ => {
                crate::pipeline::drop_later((loaded, editions));
                return Ok(Outcome::Rebuild);
            }
        };
        timer.lap("load");
        let (analysis, warnings) =
            analyse::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance);
        let changes = edition::compare(editions, &loaded.dossier, &analysis);
        if changes.is_some() != self.changes.is_some() {
            return Ok(Outcome::Rebuild);
        }
        let (messages, message_diags) =
            crate::i18n::Messages::load(&self.theme, &loaded.config.language, &mut loaded.sources);
        loaded.diagnostics.extend(message_diags);
        let messages = std::sync::Arc::new(messages);

        let (old, new) = (&self.loaded.dossier, &loaded.dossier);
        let kept = self.claims_kept.take();
        let before: Vec<u128> = match &kept {
            Some((prints, _)) => prints.clone(),
            None => (0..old.claims.len())
                .into_par_iter()
                .map(|i| fingerprint(old, &self.analysis, self.changes.as_ref(), i))
                .collect(),
        };
        let after: Vec<u128> = (0..new.claims.len())
            .into_par_iter()
            .map(|i| fingerprint(new, &analysis, changes.as_ref(), i))
            .collect();
        // A claim quoting an article whose front matter changed shows
        // its title, date and outlet: counted as changed.
        let changed_claims: Vec<usize> = (0..new.claims.len())
            .filter(|&i| {
                before[i] != after[i]
                    || new.claims[i]
                        .evidence
                        .iter()
                        .any(|e| retitled.binary_search(&e.article).is_ok())
            })
            .collect();
        let pages = Affected::of(&changed_claims, &retitled, self, new, &analysis);
        // Each claim's piece of claims.json: those of the claims whose
        // pages are made again (the others show nothing that changed).
        let tolerance = loaded.config.tolerance;
        let json = match kept {
            Some((_, mut pieces)) => {
                let redone: Vec<(usize, Vec<u8>)> = pages
                    .claims
                    .par_iter()
                    .map(|&i| (i, render::data::claim_json(new, &analysis, tolerance, i)))
                    .collect();
                for (i, piece) in redone {
                    pieces[i] = piece;
                }
                pieces
            }
            None => (0..new.claims.len())
                .into_par_iter()
                .map(|i| render::data::claim_json(new, &analysis, tolerance, i))
                .collect(),
        };
        timer.lap("analyse+compare");

        let cites = anchor::cites(new);
        let anchored: Vec<_> = pages
            .articles
            .par_iter()
            .map(|&a| anchor::anchor_one(new, &loaded.sources, a, &cites[a], true))
            .collect();
        // Entity pages list the articles that mention each entity: kept
        // as they are only if the articles mention the same ones.
        if anchored
            .iter()
            .zip(&pages.articles)
            .any(|((article, errors), &a)| {
                !errors.is_empty() || self.mentions.get(a) != Some(&article.entities)
            })
        {
            return Ok(Outcome::Rebuild);
        }
        loaded.diagnostics.extend(warnings);
        let (shown, all_diagnostics) =
            crate::pipeline::render_diagnostics(&loaded.diagnostics, &loaded.sources);
        let report = Report {
            diagnostics: shown,
            all_diagnostics,
            errors: loaded.diagnostics.errors(),
            warnings: loaded.diagnostics.warnings(),
            pages: self.pages,
            claims: new.claims.len(),
            articles: new.articles.len(),
            messages: Some(std::sync::Arc::clone(&messages)),
        };
        let site = render::Site::new(&loaded.config, new, &analysis, &self.theme, messages)?
            .with_changes(changes.as_ref());
        let mut out = site.claims_pages(
            &pages.claims,
            &pages.topics,
            &pages.entities,
            &self.mentions,
        )?;
        out.push(crate::page::Page {
            path: "data/claims.json".into(),
            bytes: render::data::claims_json_of(
                new,
                &loaded.config.language,
                loaded.config.base_url.as_deref(),
                &json,
            ),
        });
        let articles = pages
            .articles
            .par_iter()
            .zip(&anchored)
            .map(|(&a, (article, _))| site.article(a, article))
            .collect::<Result<Vec<_>, _>>()?;
        out.extend(articles);
        drop(site);
        self.relist(&mut out);
        timer.lap("render");

        let old = std::mem::replace(&mut self.loaded, loaded);
        let old_analysis = std::mem::replace(&mut self.analysis, analysis);
        let old_changes = std::mem::replace(&mut self.changes, changes);
        crate::pipeline::drop_later((old, old_analysis, old_changes));
        self.cites = cites;
        self.claims_kept = Some((after, json));
        Ok(Outcome::Updated(report, out))
    }
}

/// Whether `new` differs from `old` in its claims and its articles' front
/// matters alone (and in where things are written, which no page shows),
/// the same claim ids in the same order, the same articles with the same
/// bodies: then the articles whose front matter changed, in order. The
/// front page's and the topics' texts (whose citation markers show the
/// claims they cite) may differ: only their own pages, made again anyway,
/// show them.
fn same_but_claims(old: &load::Loaded, new: &load::Loaded) -> Option<Vec<usize>> {
    let (a, b) = (&old.dossier, &new.dossier);
    let dbg = |x: &dyn std::fmt::Debug| format!("{x:?}");
    (dbg(&old.config) == dbg(&new.config)
        && dbg(&(&a.front.title, &a.front.summary, &a.front.judgments))
            == dbg(&(&b.front.title, &b.front.summary, &b.front.judgments))
        && a.topics.len() == b.topics.len()
        && a.topics.iter().zip(&b.topics).all(|(x, y)| {
            dbg(&(&x.id, &x.title, x.order, &x.summary, &x.judgments))
                == dbg(&(&y.id, &y.title, y.order, &y.summary, &y.judgments))
        })
        && dbg(&a.sources) == dbg(&b.sources)
        && dbg(&a.metrics) == dbg(&b.metrics)
        && dbg(&a.entities) == dbg(&b.entities)
        && a.claims.len() == b.claims.len()
        && a.claims.iter().zip(&b.claims).all(|(x, y)| x.id == y.id)
        && a.articles.len() == b.articles.len())
    .then_some(())?;
    let mut retitled = Vec::new();
    for (i, (x, y)) in a.articles.iter().zip(&b.articles).enumerate() {
        let (old_text, new_text) = (&old.sources.get(x.file).text, &new.sources.get(y.file).text);
        if x.slug != y.slug || old_text.get(x.body_start..) != new_text.get(y.body_start..) {
            return None;
        }
        if old_text.get(..x.body_start) != new_text.get(..y.body_start) {
            retitled.push(i);
        }
    }
    Some(retitled)
}

/// A hash of everything about claim `i` that a page can show: its fields
/// (not where they are written), its analysis, its entities and its
/// change since the baseline edition.
fn fingerprint(d: &Dossier, a: &Analysis, changes: Option<&Changes>, i: usize) -> u128 {
    let c = &d.claims[i];
    let evidence: Vec<_> = c
        .evidence
        .iter()
        .map(|e| {
            (
                e.article,
                &e.quote,
                &e.prefix,
                &e.suffix,
                &e.translation,
                &e.translation_language,
                e.number,
                &e.anchor,
            )
        })
        .collect();
    let change = changes.map(|x| {
        (
            x.tag(i),
            x.diff.revised.iter().find(|r| r.after == i),
            x.diff.status.iter().find(|s| s.1 == i),
        )
    });
    let text = format!(
        "{:?}",
        (
            (&c.id, &c.statement, &c.topics, c.origin, &c.via, c.date),
            (c.credibility, c.credibility_given, &c.figures, evidence),
            (&c.corroborates, &c.contradicts, &c.entities, &c.note),
            (&a.claims[i], &a.claim_entities[i], change),
        )
    );
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// What an edit of claims makes again.
struct Affected {
    /// Claim pages: the changed claims and those listing them.
    claims: Vec<usize>,
    /// Article pages: those the changed claims quote, before or now, and
    /// those whose front matter changed.
    articles: Vec<usize>,
    /// Entity pages: the changed claims' entities, before or now, and
    /// those the articles whose front matter changed mention.
    entities: Vec<usize>,
    /// Topic pages: those the changed claims are in (before or now),
    /// give a figure for (a metric of the topic), or its judgments rest
    /// on or its overview cites; and those whose overview changed.
    topics: Vec<usize>,
}

impl Affected {
    fn of(
        changed: &[usize],
        retitled: &[usize],
        model: &Model,
        new: &Dossier,
        analysis: &Analysis,
    ) -> Affected {
        let old = &model.loaded.dossier;
        let is_changed = |j: &usize| changed.binary_search(j).is_ok();
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
        let mut articles: BTreeSet<usize> = retitled.iter().copied().collect();
        let mut entities: BTreeSet<usize> = retitled
            .iter()
            .flat_map(|&a| model.mentions[a].iter().copied())
            .collect();
        for &i in changed {
            for d in [old, new] {
                articles.extend(d.claims[i].evidence.iter().map(|e| e.article));
            }
            entities.extend(model.analysis.claim_entities[i].iter().copied());
            entities.extend(analysis.claim_entities[i].iter().copied());
        }
        let metric_topics = |d: &Dossier, i: usize| -> Vec<usize> {
            let c = &d.claims[i];
            let figures = c.figures.iter().map(|f| d.metrics[f.metric].topic);
            c.topics.iter().copied().chain(figures).collect()
        };
        let mut topics = BTreeSet::new();
        for &i in changed {
            topics.extend(metric_topics(old, i));
            topics.extend(metric_topics(new, i));
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
