//! Edits of the analyst's texts alone, for `dossier serve`: a topic's
//! overview or the front page's text saved with the same front matter,
//! or `entities.yaml` with the same ids, names and aliases; or a topic's
//! or the front page's front matter (a title, a topic's `order`), whose
//! own page is shown first, before the whole site is built again (every
//! page shows the titles, in the topics' order).
//!
//! In: the kept [`Model`] and the paths saved. Nothing is loaded or
//! analysed again: `load::patch` renders the new texts into the kept
//! model and puts their problems in place of the old ones; the pages that
//! show them are made again (a topic's first page, the front page, the
//! pages of the entities that changed and the entities index), then the
//! search index when it holds them (topics' texts, entities: `lists.rs`,
//! once those pages are shown), and the service worker's list; after a
//! front matter edited, the whole site (`Session::finish_lists`). Out:
//! `None` when the edit is of another kind
//! (then `reload.rs` takes it), or [`Outcome::Updated`] with those pages
//! ([`Outcome::Rebuild`] when a text now has an error: the full build
//! reports it). `tests/incremental.rs` checks the pages against a full
//! build's.

use super::incremental::{Model, Outcome};
use crate::{Error, load, render};
use std::path::PathBuf;

impl Model {
    /// Takes in saved files that are topics', the front page's or the
    /// entities' texts alone: see the module's documentation.
    pub(super) fn texts_only(&mut self, changed: &[PathBuf]) -> Result<Option<Outcome>, Error> {
        if !self.failing.is_empty() || !self.unwritten.is_empty() {
            return Ok(None);
        }
        let rel = |p: &PathBuf| p.strip_prefix(&self.root).ok().map(|r| r.to_path_buf());
        if !changed
            .iter()
            .all(|p| rel(p).is_some_and(|r| load::patch::may_take(&r)))
        {
            return Ok(None);
        }
        let mut texts = Vec::with_capacity(changed.len());
        for path in changed {
            let Ok(text) = std::fs::read_to_string(path) else {
                return Ok(None);
            };
            texts.push((path.clone(), text));
        }
        let timer = crate::timing::Timer::new();
        let Some(patched) =
            load::patch::texts_only(&mut self.loaded, &mut self.cache, &self.root, &texts)
        else {
            return Ok(None);
        };
        // The next load reads these files again.
        self.cache.forget(changed);
        if self.loaded.diagnostics.errors() > 0 {
            return Ok(Some(Outcome::Rebuild));
        }
        if let Some(was) = &patched.moved {
            // The topics' claims by their places now; the full build
            // that follows makes the rest of the analysis again.
            let Some(analysis) = std::sync::Arc::get_mut(&mut self.analysis) else {
                return Ok(Some(Outcome::Rebuild));
            };
            let mut before = std::mem::take(&mut analysis.topic_claims);
            analysis.topic_claims = was
                .iter()
                .map(|&t| std::mem::take(&mut before[t]))
                .collect();
        }
        timer.lap("texts");
        let d = &self.loaded.dossier;
        let parts = render::Parts::first_pages(d, &self.analysis, &patched.topics);
        let site = render::Site::with_templates(
            &self.loaded.config,
            d,
            &self.analysis,
            &self.theme,
            self.templates.clone(),
        )
        .with_changes(self.changes.as_ref())
        .with_search_terms(Some(&self.search))
        .with_parts(Some(&parts));
        // The search index, when it holds the texts, after the pages
        // (`lists.rs`).
        let search = !(patched.topics.is_empty() && patched.entities.is_empty());
        let lists = render::Lists {
            claims: false,
            figures: false,
            index: patched.front,
            search_unchanged: true,
            ..render::Lists::default()
        };
        let mut pages =
            site.list_pages(&patched.topics, &patched.entities, &self.mentions, lists)?;
        drop(site);
        timer.lap("pages");
        if patched.fronts {
            // Every page shows the titles: the session builds the whole
            // site next (the service worker's list with it).
            self.lists = Some(super::incremental::Later::Build);
        } else if search {
            self.lists = Some(super::incremental::Later::Search);
        } else {
            self.relist(&mut pages, &[]);
        }
        let report = self.report(&self.loaded.diagnostics);
        Ok(Some(Outcome::Updated(report, pages, Vec::new())))
    }
}
