//! Edits of claims files, for `dossier serve`.
//!
//! In: the kept [`Model`] of the last good build and the paths saved. The
//! dossier is loaded again (the files not changed since are neither read
//! nor parsed again; only the claims of the changed files are checked
//! again, and when claim ids were added, deleted or renamed, also the
//! claims naming claims that moved: `load::Cache`; after a load that
//! found no problem, claims files saved are not loaded at all: their
//! claims are checked into the kept dossier (with claims added, deleted
//! or renamed, every claim index moved to the new order),
//! `load::claims_edited`, of articles saved, only the front matters
//! are, `load::articles_edited`, and of `sources.yaml` or `metrics.yaml`
//! saved with the ids they held, only those files,
//! `load::sources_edited`) and analysed again
//! (unless nothing it reads changed: the front page's or topics' texts,
//! articles' front matters,
//! the words of statements that mention the same entities, quotes or
//! notes; the kept analysis stands, its warnings made again). When everything
//! but the claims (added, deleted or edited) is as before (settings,
//! the front page's and topics' titles and judgments, articles' texts),
//! but for the front page's and topics' texts, the articles' front
//! matters and the fields of sources, metrics and entities (the same
//! ids; for entities the same names and aliases, so articles mention the
//! same ones), the claims whose rendered facts changed are found
//! (`redrawn.rs`: field by field, by identity, or by a fingerprint of
//! each: its fields, its analysis, its entities, its change since the
//! baseline edition, other claims named by id; claims are matched by id)
//! and by what they name (an article retitled, a source or metric
//! edited; an entity edited is shown by its own page and the lists
//! alone), and only the pages that can show them are made again: their
//! pages, the claim pages that list them, the articles they quote
//! (anchored again; with the default article template, only for the
//! claims whose statement, status or place changed: a source or metric
//! edited leaves article pages alone), their entities' pages, the pages
//! of the entities and topics of metrics edited, the topic and entity
//! pages listing an article whose count of claims changed, the pages and
//! data files that list claims (when a claim, an article's front matter,
//! a source or a metric changed), the front page when its text changed
//! and a topic's pages when its text did; the pages of deleted claims
//! that no claim keeps are removed. Each claim's piece of
//! `data/claims.json` and its item on the sources page are kept from one
//! edit to the next and made again for the claims changed alone. Out:
//! [`Outcome::Updated`] with the article pages and the claims pages that
//! hold a claim of the files saved (or held one deleted), shown first
//! (the other claims pages, which list the claims edited, and the lists,
//! `lists.rs`, are left in `Model::lists` for the session to make next;
//! of sources' or metrics' fields edited alone, the sources or
//! figures page is shown first, its tables' rows as they were when only
//! metrics changed, and the claims pages naming them, often thousands,
//! found and made with the lists), or [`Outcome::Rebuild`] for any
//! other change, or when the new claims do not build (the full build
//! reports it).

use super::affected::{Affected, Edited};
use super::incremental::{Later, Lists, Model, Outcome};
use crate::load::Kind;
use crate::model::Dossier;
use crate::{Error, Report, analyse, anchor, claim_page, edition, load, render};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

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
        let load_clean = self.load_clean.take();
        // A topic's or the front page's text, or the entities' fields,
        // alone (`texts.rs`).
        if let Some(outcome) = self.texts_only(changed)? {
            return Ok(outcome);
        }
        let timer = crate::timing::Timer::new();
        // The files not changed since the last load are neither read nor
        // parsed again; claims files edited with the same ids after a
        // load without a problem, only their claims are checked again,
        // and of articles, only their front matters.
        self.cache.forget(changed);
        let mut loaded = match load_clean.and_then(|files| self.edited_alone(files, changed)) {
            Some(loaded) => loaded,
            None => load::load_cached(&self.root, &mut self.cache),
        };
        let files = loaded
            .diagnostics
            .items()
            .is_empty()
            .then(|| loaded.sources.len());
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
        // Claims added past `[offline] archive = "auto"`'s bound, or
        // deleted below it, change who makes the zip, which every page's
        // footer shows: the full build.
        let zipped = |l: &load::Loaded| render::offline::download(&l.config, &l.dossier);
        let mut edited = match same_but_claims(&self.loaded, &loaded) {
            Some(edited)
                if loaded.diagnostics.errors() == 0 && zipped(&self.loaded) == zipped(&loaded) =>
            {
                edited
            }
            _ => {
                crate::pipeline::drop_later((loaded, editions));
                return Ok(Outcome::Rebuild);
            }
        };
        timer.lap("load");
        let before = (&self.loaded.dossier, &*self.analysis);
        // Nothing the analysis reads changed (the front page's or a
        // topic's text, an article's front matter, a statement that
        // mentions the same entities, a quote, a note): it stands. Its
        // warnings are made after the pages shown first (`lists.rs`).
        let fields = fields_alone(&edited, before.0, &loaded.dossier);
        // Claims added or deleted: the findings of the others are moved
        // to their new indices, made again where those reach.
        let reshaped = !edited.deleted.is_empty() || edited.old_of.iter().any(Option::is_none);
        let tolerance = loaded.config.tolerance;
        let analysis =
            if fields || (read_alike(&edited) && analyse::reads_alike(&loaded.dossier, before)) {
                Arc::clone(&self.analysis)
            } else if reshaped {
                let old_of = &edited.old_of;
                Arc::new(analyse::analysis_reshaped(
                    &loaded.dossier,
                    tolerance,
                    before,
                    old_of,
                ))
            } else {
                Arc::new(analyse::analysis_after(
                    &loaded.dossier,
                    tolerance,
                    Some(before),
                ))
            };
        let changes = edition::compare(editions, &loaded.dossier, &analysis);
        timer.lap("analyse");
        if changes.is_some() != self.changes.is_some() {
            return Ok(Outcome::Rebuild);
        }
        let (messages, message_diags) =
            crate::i18n::Messages::load(&self.theme, &loaded.config.language, &mut loaded.sources);
        loaded.diagnostics.extend(message_diags);
        let messages = std::sync::Arc::new(messages);

        let (old, new) = (&self.loaded.dossier, &loaded.dossier);
        let kept = self.claims_kept.take();
        let (redrawn, after) =
            self.redrawn(new, &analysis, changes.as_ref(), &edited, kept.as_ref());
        timer.lap("fingerprints");
        // A claim quoting an article whose front matter changed shows
        // its title, date and outlet, and one naming a source or metric
        // that changed shows it: counted as changed. Of an entity, claim
        // and article pages show the name and the link alone, which an
        // edit kept here leaves as they were.
        let has = |list: &[usize], i: &usize| list.binary_search(i).is_ok();
        let changed_claims: Vec<usize> = (0..new.claims.len())
            .filter(|&i| {
                let c = &new.claims[i];
                redrawn[i]
                    || c.evidence.iter().any(|e| has(&edited.retitled, &e.article))
                    || has(&edited.sources, &c.origin)
                    || c.via.iter().any(|s| has(&edited.sources, s))
                    || c.figures.iter().any(|f| has(&edited.metrics, &f.metric))
            })
            .collect();
        // A claim now drawn first from another article moves to another
        // claims page, and may leave its old one empty (a file to remove):
        // the full build does that.
        if changed_claims.iter().any(|&i| {
            edited.old_of[i].is_some_and(|o| {
                claim_page::group(&old.claims[o], &old.articles)
                    != claim_page::group(&new.claims[i], &new.articles)
            })
        }) {
            return Ok(Outcome::Rebuild);
        }
        // Article pages show a claim's statement, status and place, not
        // its origin, grade or figures (with the default templates): of
        // the claims changed, those redrawn alone reach them.
        let plain_rows = render::article_rows_plain(&self.theme);
        let on_articles: Vec<usize> = changed_claims
            .iter()
            .copied()
            .filter(|&i| !plain_rows || redrawn[i])
            .collect();
        let changed_claims = with_deleted_groups(changed_claims, &edited.deleted, old, new);
        // The front page's and the topics' texts are shown on their own
        // pages alone (and topics' in the search index, made anyway).
        let claim_lists = !changed_claims.is_empty()
            || !edited.deleted.is_empty()
            || !edited.retitled.is_empty()
            || !edited.sources.is_empty()
            || !edited.metrics.is_empty();
        let mut lists = render::Lists {
            claims: claim_lists,
            figures: claim_lists && figures_reached(&edited, &changed_claims, old, new),
            index: !same_front(old, new),
            ..render::Lists::default()
        };
        // Of sources' or metrics' fields edited alone, which reach no
        // article page (`on_articles` is empty), the pages are found with
        // the lists (`lists.rs`), after the page listing them is shown.
        let later = fields && on_articles.is_empty();
        let pages = match later {
            true => Affected::default(),
            false => Affected::of(
                (&changed_claims, &on_articles),
                (&edited, &edited.old_of),
                (old, &self.analysis),
                &self.mentions,
                (new, &analysis),
            ),
        };
        if pages.most_of(new) {
            return Ok(Outcome::Rebuild);
        }
        timer.lap("affected");

        // Which articles each claim quotes: as they were when every claim
        // was kept.
        let cites = match fields {
            true => std::mem::take(&mut self.cites),
            false => anchor::cites(new),
        };
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
        timer.lap("anchor");
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
        // The claims pages of the files saved and the articles quoting the
        // claims changed are made first, and shown; the other claims pages
        // and the lists after (`lists.rs`).
        let site = render::Site::with_templates(
            &loaded.config,
            new,
            &analysis,
            &self.theme,
            self.templates.clone(),
        )
        .with_changes(changes.as_ref());
        // Of sources' or metrics' fields edited alone, the page listing
        // them is made first, and the claims pages naming them (thousands,
        // for a source most claims come from) with the lists. The sources
        // page's items show a claim's statement and change alone: kept.
        let pages_later = fields && pages.articles.is_empty();
        let (mut items, mut rows) = (None, None);
        if pages_later {
            items = site.source_items(self.source_items.take(), &edited.old_of, &[]);
            lists.sources_shown = !edited.sources.is_empty();
            lists.figures_shown = !edited.metrics.is_empty();
        }
        // The figures page's rows show sources, not quantities' fields.
        if lists.figures_shown {
            rows = match (edited.sources.is_empty(), self.figure_rows.take()) {
                (true, Some(kept)) => Some(kept),
                _ => site.figure_rows(),
            };
        }
        let site = site
            .with_source_items(items.as_ref())
            .with_figure_rows(rows.as_ref());
        // Of the claims pages, those showing the claims of the files saved
        // (or that held a claim deleted) first, the rest with the lists.
        let (first, claims_later) = match pages_later {
            true => (Vec::new(), Vec::new()),
            false => shown_first(&pages.claims, changed, &edited.deleted, old, &loaded),
        };
        let mut out = if pages_later {
            site.fields_pages(lists.sources_shown, lists.figures_shown)?
        } else {
            site.claim_group_pages(&first)?
        };
        timer.lap("claim pages");
        let articles = pages
            .articles
            .par_iter()
            .zip(&anchored)
            .map(|(&a, (article, _))| site.article(a, article))
            .collect::<Result<Vec<_>, _>>()?;
        out.extend(articles);
        timer.lap("articles");
        drop(site);
        if pages_later {
            self.source_items = items;
        }
        if lists.figures_shown {
            self.figure_rows = rows;
        }
        let removed = self.unmade(&edited.deleted, &out);

        let old = std::mem::replace(&mut self.loaded, loaded);
        let old_analysis = std::mem::replace(&mut self.analysis, analysis);
        let old_changes = std::mem::replace(&mut self.changes, changes);
        crate::pipeline::drop_later(old_changes);
        self.cites = cites;
        self.load_clean = files;
        let old_of = std::mem::take(&mut edited.old_of);
        self.lists = Some(Later::Claims(Box::new(Lists {
            before: (old, old_analysis),
            added: old_of.contains(&None),
            old_of,
            changed: changed_claims,
            claims: pages.claims,
            claims_later,
            topics: pages.topics,
            entities: pages.entities,
            affected_later: later.then(|| Box::new(edited)),
            lists,
            pages_later,
            removed: removed.clone(),
            messages,
            kept: (after, kept.map(|(_, json)| json)),
        })));
        Ok(Outcome::Updated(report, out, removed))
    }

    /// The dossier with the claims files `changed` checked again alone
    /// (`load::claims_edited`), or the articles' front matters
    /// (`load::articles_edited`), or `sources.yaml` and `metrics.yaml`
    /// (`load::sources_edited`), the last load having read `files` files.
    fn edited_alone(&mut self, files: usize, changed: &[PathBuf]) -> Option<load::Loaded> {
        // Each takes files of its kinds alone: the one the files' kinds
        // call for is tried (the others would refuse them).
        let content = self.root.join("content");
        let kinds: Vec<Option<Kind>> = changed
            .iter()
            .map(|p| Kind::of(p.strip_prefix(&content).ok()?))
            .collect();
        let all = |of: &[Kind]| kinds.iter().all(|k| k.is_some_and(|k| of.contains(&k)));
        let partial = [
            &[Kind::Claims][..],
            &[Kind::Article],
            &[Kind::Sources, Kind::Metrics],
        ]
        .into_iter()
        .position(all)?;
        let mut texts = Vec::with_capacity(changed.len());
        for path in changed {
            // Read as a load reads (never a pipe or a device).
            let read = load::read_file(&self.root, path.clone());
            texts.push((path.clone(), read.result.ok()?));
        }
        match partial {
            0 => load::claims_edited(&self.loaded, files, &mut self.cache, &self.root, &texts),
            1 => load::articles_edited(&self.loaded, files, &texts),
            _ => load::sources_edited(&self.loaded, files, &self.root, &texts),
        }
    }

    /// The files the pages of the `deleted` claims (indices in the kept
    /// model) were that `made` does not make again: to be removed.
    fn unmade(&self, deleted: &[usize], made: &[crate::page::Page]) -> Vec<String> {
        let old = &self.loaded.dossier;
        let made: BTreeSet<&str> = made.iter().map(|p| p.path.as_str()).collect();
        let gone: BTreeSet<String> = deleted
            .iter()
            .map(|&o| claim_page::page(claim_page::group(&old.claims[o], &old.articles)))
            .filter(|p| !made.contains(p.as_str()))
            .collect();
        gone.into_iter().collect()
    }
}

/// Of the claims `claims` (of `new`, whose pages an edit makes again),
/// those on the pages shown first and the rest: a page is shown first
/// when it holds a claim of a file `saved` or held a claim `deleted` (of
/// `old`). Other pages list those claims (a contradiction, a figure that
/// disagrees: thousands, for a figure in a busy metric) and come with the
/// lists.
fn shown_first(
    claims: &[usize],
    saved: &[PathBuf],
    deleted: &[usize],
    old: &Dossier,
    new: &load::Loaded,
) -> (Vec<usize>, Vec<usize>) {
    let files: BTreeSet<_> = saved
        .iter()
        .filter_map(|p| new.sources.find_path(p))
        .collect();
    let articles = &new.dossier.articles;
    let group = |i: usize| claim_page::group(&new.dossier.claims[i], articles);
    let mut groups: BTreeSet<&str> = deleted
        .iter()
        .map(|&o| claim_page::group(&old.claims[o], &old.articles))
        .collect();
    groups.extend(
        claims
            .iter()
            .filter(|&&i| files.contains(&new.dossier.claims[i].at.0))
            .map(|&i| group(i)),
    );
    claims.iter().partition(|&&i| groups.contains(group(i)))
}

/// `changed` and, for each claims page that held a deleted claim and holds
/// others still, one of those: the page is made again without it (a page
/// left empty is removed, see [`Model::unmade`]).
fn with_deleted_groups(
    mut changed: Vec<usize>,
    deleted: &[usize],
    old: &Dossier,
    new: &Dossier,
) -> Vec<usize> {
    if deleted.is_empty() {
        return changed;
    }
    let gone: BTreeSet<&str> = deleted
        .iter()
        .map(|&o| claim_page::group(&old.claims[o], &old.articles))
        .collect();
    let mut seen = BTreeSet::new();
    for (i, c) in new.claims.iter().enumerate() {
        let g = claim_page::group(c, &new.articles);
        if gone.contains(g) && seen.insert(g) {
            changed.push(i);
        }
    }
    changed.sort_unstable();
    changed.dedup();
    changed
}

/// For each claim of `new`, the index of the claim of `old` with its id,
/// and the claims of `old` that `new` has not (both sorted by id).
fn match_ids(
    old: &[std::sync::Arc<crate::model::Claim>],
    new: &[std::sync::Arc<crate::model::Claim>],
) -> (Vec<Option<usize>>, Vec<usize>) {
    let mut old_of = Vec::with_capacity(new.len());
    let mut deleted = Vec::new();
    let mut o = 0;
    for c in new {
        while o < old.len() && old[o].id < c.id {
            deleted.push(o);
            o += 1;
        }
        if o < old.len() && old[o].id == c.id {
            old_of.push(Some(o));
            o += 1;
        } else {
            old_of.push(None);
        }
    }
    deleted.extend(o..old.len());
    (old_of, deleted)
}

/// The indices at which two lists of the same length differ.
fn differing<T: std::fmt::Debug>(a: &[T], b: &[T]) -> Vec<usize> {
    let dbg = |x: &T| format!("{x:?}");
    (0..a.len()).filter(|&i| dbg(&a[i]) != dbg(&b[i])).collect()
}

/// Whether `new` differs from `old` in its claims, its articles' front
/// matters, and the fields of its sources, metrics and entities alone
/// (and in where things are written, which no page shows): the same
/// articles with the same bodies,
/// the same source, metric and entity ids, the same entity names and
/// aliases (articles mention the same entities). Then what changed
/// besides the claims. The front page's and the topics' texts (whose
/// citation markers show the claims they cite) may differ: only their
/// own pages, made again anyway, show them.
fn same_but_claims(old: &load::Loaded, new: &load::Loaded) -> Option<Edited> {
    let (a, b) = (&old.dossier, &new.dossier);
    let dbg = |x: &dyn std::fmt::Debug| format!("{x:?}");
    let ids = |x: &[String], y: &[String]| x == y;
    // Judgments name the claims they rest on by id (claims added or
    // deleted move the indices).
    let judged = |d: &Dossier, js: &[crate::model::Judgment]| {
        let on = |j: &crate::model::Judgment| -> Vec<String> {
            j.based_on.iter().map(|&c| d.claims[c].id.clone()).collect()
        };
        dbg(&js
            .iter()
            .map(|j| (&j.text, j.likelihood, j.confidence, on(j)))
            .collect::<Vec<_>>())
    };
    (dbg(&old.config) == dbg(&new.config)
        && dbg(&(&a.front.title, &a.front.summary)) == dbg(&(&b.front.title, &b.front.summary))
        && judged(a, &a.front.judgments) == judged(b, &b.front.judgments)
        && a.topics.len() == b.topics.len()
        && a.topics.iter().zip(&b.topics).all(|(x, y)| {
            dbg(&(&x.id, &x.title, x.order, &x.summary))
                == dbg(&(&y.id, &y.title, y.order, &y.summary))
                && judged(a, &x.judgments) == judged(b, &y.judgments)
        })
        && ids(
            &a.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
            &b.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>(),
        )
        && ids(
            &a.metrics.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
            &b.metrics.iter().map(|m| m.id.clone()).collect::<Vec<_>>(),
        )
        && a.entities.len() == b.entities.len()
        && a.entities
            .iter()
            .zip(&b.entities)
            .all(|(x, y)| (&x.id, &x.name, &x.aliases) == (&y.id, &y.name, &y.aliases))
        && a.articles.len() == b.articles.len())
    .then_some(())?;
    let (old_of, deleted) = match_ids(&a.claims, &b.claims);
    let mut edited = Edited {
        old_of,
        deleted,
        sources: differing(&a.sources, &b.sources),
        metrics: differing(&a.metrics, &b.metrics),
        entities: differing(&a.entities, &b.entities),
        ..Edited::default()
    };
    for (i, (x, y)) in a.articles.iter().zip(&b.articles).enumerate() {
        let (old_text, new_text) = (&old.sources.get(x.file).text, &new.sources.get(y.file).text);
        // A text the load took from its cache is the one read before.
        let same = std::sync::Arc::ptr_eq(old_text, new_text) && x.body_start == y.body_start;
        if x.slug != y.slug
            || (!same && old_text.get(x.body_start..) != new_text.get(y.body_start..))
        {
            return None;
        }
        if !same && old_text.get(..x.body_start) != new_text.get(..y.body_start) {
            edited.retitled.push(i);
        }
    }
    Some(edited)
}

/// Whether the figures page and `claims.csv` (which show the claims with
/// figures alone: their figures, origins, grades, status, articles and
/// change) may differ: claims were added or deleted, a source or a
/// metric changed, or a claim whose page is made again has figures, now
/// or before (a claim whose status or change tag changed is among them,
/// and so is one quoting an article whose front matter changed).
fn figures_reached(edited: &Edited, changed: &[usize], old: &Dossier, new: &Dossier) -> bool {
    !edited.deleted.is_empty()
        || edited.old_of.iter().any(Option::is_none)
        || !edited.sources.is_empty()
        || !edited.metrics.is_empty()
        || changed.iter().any(|&i| {
            !new.claims[i].figures.is_empty()
                || edited.old_of[i].is_some_and(|o| !old.claims[o].figures.is_empty())
        })
}

/// Whether the edit changed the fields of sources or metrics alone (every
/// claim the one kept, articles' front matters and entities as they
/// were): the analysis, which reads of sources and metrics their ids
/// alone, stands.
fn fields_alone(edited: &Edited, old: &Dossier, new: &Dossier) -> bool {
    (!edited.sources.is_empty() || !edited.metrics.is_empty())
        && edited.retitled.is_empty()
        && edited.entities.is_empty()
        && edited.deleted.is_empty()
        && old.claims.len() == new.claims.len()
        && old
            .claims
            .iter()
            .zip(&new.claims)
            .all(|(a, b)| Arc::ptr_eq(a, b))
}

/// Whether the edit may have left every claim where it was and all but
/// the claims as before (no source, metric or entity changed, no claim
/// added or deleted; articles' front matters may have: the analysis reads
/// of articles only which claims quote them): the claims are then
/// compared for what the analysis reads of them
/// (`analyse::reads_alike`).
fn read_alike(edited: &Edited) -> bool {
    edited.sources.is_empty()
        && edited.metrics.is_empty()
        && edited.entities.is_empty()
        && edited.deleted.is_empty()
        && edited.old_of.iter().enumerate().all(|(i, o)| *o == Some(i))
}

/// Whether the front page's texts and judgments are as they were
/// (claims by index, the same claims).
fn same_front(old: &Dossier, new: &Dossier) -> bool {
    let dbg = |x: &dyn std::fmt::Debug| format!("{x:?}");
    dbg(&old.front) == dbg(&new.front)
}
