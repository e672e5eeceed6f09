//! The lists a claims edit makes again, after the pages it shows first.
//!
//! `reload.rs` makes the claims pages of the files saved and the articles
//! quoting the claims changed, which `serve` writes and reloads at once;
//! the other claims pages that list those claims (a contradiction, a
//! figure that disagrees) and the lists that show them too (topics,
//! entities, the front page, sources, figures,
//! timeline, search index, `claims.csv`, `claims.json`, the sitemap and
//! the service worker) take several times longer at 10,000 articles and
//! come next, while the server holds requests for them
//! (`http::gate`). A topic's or an entity's text edited leaves the search
//! index for after its pages the same way. Of sources' or metrics'
//! fields edited alone, the sources or figures page is shown first and
//! the claims pages naming them are found (`affected.rs`) and made here,
//! before the lists (`Lists::pages_later`). The figures page made here
//! leaves its rows for the next edit (`Model::figure_rows`). In:
//! [`Later`], what the edit
//! left, and the pages written first. Out: the lists' pages and the files
//! to remove.

use super::affected::Affected;
use super::incremental::{Later, Lists, Model};
use crate::analyse::Analysis;
use crate::model::Dossier;
use crate::page::Page;
use crate::{Error, Report, analyse, render};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What the pages made after the first ones give: the pages, the files
/// to remove, and the update's report when it changed (the analysis's
/// warnings, made after the pages shown first).
pub(super) type Finished = (Vec<Page>, Vec<String>, Option<Report>);

impl Model {
    /// Whether the last edit left pages for after those it showed first
    /// (a claims edit's lists, a text's search index: [`Model::finish`]).
    pub(super) fn has_lists(&self) -> bool {
        self.lists.is_some()
    }

    /// Whether the last edit left the whole site to build after the pages
    /// it showed first ([`Later::Build`]).
    pub(super) fn builds_after(&self) -> bool {
        matches!(self.lists, Some(Later::Build))
    }

    /// Makes what the last edit left for after the pages it made first,
    /// `shown`: the lists of a claims edit, or the search index; returns
    /// their pages (and the service worker's) and the files to remove.
    pub(super) fn finish(&mut self, shown: &[Page]) -> Result<Finished, Error> {
        match self.lists.take() {
            // The whole site is the session's to build.
            None | Some(Later::Build) => Ok((Vec::new(), Vec::new(), None)),
            Some(Later::Claims(todo)) => self.finish_claims(*todo, shown),
            Some(Later::Search) => {
                let site = render::Site::with_templates(
                    &self.loaded.config,
                    &self.loaded.dossier,
                    &self.analysis,
                    &self.theme,
                    self.templates.clone(),
                )
                .with_changes(self.changes.as_ref())
                .with_search_terms(Some(&self.search));
                let lists = render::Lists::default();
                let mut out = site.list_pages(&[], &[], &self.mentions, lists)?;
                drop(site);
                self.relist_with(&mut out, shown, &[]);
                Ok((out, Vec::new(), None))
            }
        }
    }

    /// The lists of a claims edit (`todo`), `shown` being the pages it
    /// made first.
    fn finish_claims(&mut self, mut todo: Lists, shown: &[Page]) -> Result<Finished, Error> {
        let timer = crate::timing::Timer::new();
        let new = &self.loaded.dossier;
        if let Some(edited) = todo.affected_later.take() {
            let pages = Affected::of(
                (&todo.changed, &[]),
                (&edited, &todo.old_of),
                (&todo.before.0.dossier, &todo.before.1),
                &self.mentions,
                (new, &self.analysis),
            );
            (todo.claims, todo.topics, todo.entities) =
                (pages.claims, pages.topics, pages.entities);
            timer.lap("affected");
        }
        let (before, analysis_before) = &todo.before;
        // Of the timeline and of each topic whose claims all kept their
        // places, only the pages of the claims shown otherwise are made
        // again.
        let parts = render::Parts::of(
            (&before.dossier, analysis_before),
            (new, &self.analysis),
            &todo.old_of,
            &todo.claims,
            &todo.topics,
        );
        crate::pipeline::drop_later(todo.before);
        let site = render::Site::with_templates(
            &self.loaded.config,
            new,
            &self.analysis,
            &self.theme,
            self.templates.clone(),
        )
        .with_changes(self.changes.as_ref())
        .with_search_terms(Some(&self.search))
        .with_parts(Some(&parts));
        // The sources page's items of the claims unchanged are kept.
        let source_items = match self.source_items.take() {
            kept if todo.lists.claims && !todo.pages_later => {
                site.source_items(kept, &todo.old_of, &todo.changed)
            }
            kept => kept,
        };
        // The figures page made again here: its rows, kept for the next
        // edit. Not made, it stands, and so do the rows kept.
        let figures = todo.lists.claims && todo.lists.figures && !todo.lists.figures_shown;
        let figure_rows = figures.then(|| site.figure_rows()).flatten();
        let site = site
            .with_source_items(source_items.as_ref())
            .with_figure_rows(figure_rows.as_ref());
        timer.lap("site");
        let mut out = match todo.pages_later {
            true => site.claim_group_pages(&todo.claims)?,
            false => site.claim_group_pages(&todo.claims_later)?,
        };
        timer.lap("claim pages");
        out.extend(site.list_pages(&todo.topics, &todo.entities, &self.mentions, todo.lists)?);
        timer.lap("lists");
        drop(site);
        self.source_items = source_items;
        if figures {
            self.figure_rows = figure_rows;
        }
        // Each claim's piece of `claims.json`, kept for the next edit.
        let (fingerprints, json) = todo.kept;
        let json = pieces(
            json,
            &todo.old_of,
            &todo.claims,
            new,
            &self.analysis,
            self.loaded.config.tolerance,
        );
        timer.lap("claims.json pieces");
        if todo.lists.claims {
            let config = &self.loaded.config;
            out.push(Page {
                path: "data/claims.json".into(),
                bytes: render::data::claims_json_of(
                    new,
                    &config.language,
                    config.base_url.as_deref(),
                    &json,
                ),
            });
        }
        self.claims_kept = Some((fingerprints, json));
        timer.lap("claims.json");
        let mut removed = Vec::new();
        let made: BTreeSet<&str> = shown.iter().chain(&out).map(|p| p.path.as_str()).collect();
        let paged = self.relist_pages(&made, &parts.kept(), &mut removed);
        if let Some(base) = &self.loaded.config.base_url
            && (!todo.removed.is_empty() || !removed.is_empty() || paged || todo.added)
        {
            // Pages added or removed: the sitemap lists them.
            let made: Vec<String> = made.iter().map(|p| (*p).to_string()).collect();
            let gone = || todo.removed.iter().chain(&removed);
            self.sitemap.retain(|p| !gone().any(|g| g == p));
            self.sitemap.extend(render::sitemap_pages(&made));
            self.sitemap.sort_unstable();
            self.sitemap.dedup();
            let html: Vec<&str> = self.sitemap.iter().map(String::as_str).collect();
            out.push(Page {
                path: "sitemap.xml".into(),
                bytes: render::data::sitemap(base, &html),
            });
        }
        let gone: Vec<String> = todo.removed.iter().chain(&removed).cloned().collect();
        self.relist_with(&mut out, shown, &gone);
        timer.lap("render");
        let warnings =
            analyse::warnings(&self.loaded.dossier, &self.loaded.sources, &self.analysis);
        self.loaded.diagnostics.extend(warnings);
        let mut report = self.report(&self.loaded.diagnostics);
        report.messages = Some(todo.messages);
        timer.lap("warnings");
        Ok((out, removed, Some(report)))
    }

    /// Adds to `removed` the later pages of the paged lists in `made` (or
    /// `kept` as they were: the pages of the timeline and the topics an
    /// edit left alone) that they no longer fill, and records the later
    /// pages now. Returns whether the later pages changed (the sitemap
    /// lists them).
    fn relist_pages(
        &mut self,
        made: &BTreeSet<&str>,
        kept: &[String],
        removed: &mut Vec<String>,
    ) -> bool {
        let mut paths = made.clone();
        paths.extend(kept.iter().map(String::as_str));
        let gone = render::unmade_list_pages(&self.list_pages, &paths);
        let before = self.list_pages.len() - gone.len();
        self.list_pages.retain(|p| !gone.contains(p));
        self.list_pages
            .extend(render::later_list_pages(paths.iter().copied()));
        self.list_pages.sort_unstable();
        self.list_pages.dedup();
        let changed = !gone.is_empty() || self.list_pages.len() != before;
        removed.extend(gone);
        changed
    }
}

/// Each claim's piece of `claims.json`: those kept (by id: claims added
/// or deleted move the others) but for the claims whose pages are made
/// again (`redo`), made again; all of them without pieces kept.
fn pieces(
    kept: Option<Vec<Vec<u8>>>,
    old_of: &[Option<usize>],
    redo: &[usize],
    new: &Dossier,
    analysis: &Analysis,
    tolerance: f64,
) -> Vec<Vec<u8>> {
    let Some(kept) = kept else {
        return (0..new.claims.len())
            .into_par_iter()
            .map(|i| render::data::claim_json(new, analysis, tolerance, i))
            .collect();
    };
    let mut kept: Vec<Option<Vec<u8>>> = kept.into_iter().map(Some).collect();
    let mut pieces: Vec<Vec<u8>> = old_of
        .iter()
        .map(|o| o.and_then(|o| kept[o].take()).unwrap_or_default())
        .collect();
    let redone: Vec<(usize, Vec<u8>)> = redo
        .par_iter()
        .map(|&i| (i, render::data::claim_json(new, analysis, tolerance, i)))
        .collect();
    for (i, piece) in redone {
        pieces[i] = piece;
    }
    pieces
}
