//! Redoing only what an edit changes, for `dossier serve`.
//!
//! An article's Markdown body feeds one stage alone: anchoring, which
//! locates the quotes that cite the article in it and marks their passages
//! in its text. Nothing else reads the body: claim pages, topic lists,
//! figures, the timeline, the search index (which holds titles, summaries
//! and quoted passages, never whole texts) and the data files are made
//! from the front matter and the claims. So when the only files changed
//! are articles whose front matter is byte for byte the same, the new site
//! differs from the last one in those articles' pages at most, and in the
//! quote errors their new texts may have; unless an article now mentions
//! other entities than before (entity pages list the articles that
//! mention them), which asks for a full build.
//!
//! [`Model`] keeps what a good build loaded and derived. [`Model::update`]
//! re-reads the changed articles, anchors them again and renders their
//! pages, and the service worker again (its list names every file with a
//! hash of its content); a topic's or the front page's text, or the
//! entities' fields but their names, edited alone are rendered into the
//! kept model (`texts.rs`); any other change under
//! `content/` is handed to `Model::reload` (`reload.rs`: edits of
//! claims, front matters and the fields of sources, metrics and
//! entities, which redo the pages they reach), and the rest (the theme,
//! `dossier.toml`, editions) asks for a full build.
//! `tests/serve.rs` checks that the pages it writes are the ones a full
//! build makes.

use crate::anchor::{self, AnchoredArticle};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::Loaded;
use crate::output::Page;
use crate::pipeline::Kept;
use crate::source::SourceFile;
use crate::{Error, Report, analyse::Analysis, render, theme::Theme};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What a claims edit keeps for the next: each claim's fingerprint (when
/// the edit needed them) and its piece of `data/claims.json`.
pub(super) type ClaimsKept = (Option<Vec<u128>>, Vec<Vec<u8>>);

/// What a good build loaded and derived.
pub struct Model {
    pub(super) root: PathBuf,
    pub(super) loaded: Loaded,
    pub(super) analysis: std::sync::Arc<Analysis>,
    /// The entities each article mentions: entity pages list them, so an
    /// edit that changes them needs a full build.
    pub(super) mentions: Vec<Vec<usize>>,
    pub(super) theme: Theme,
    /// The evidence entries citing each article.
    pub(super) cites: Vec<Vec<(usize, usize)>>,
    /// Article index by path relative to the root (`content/articles/a.md`).
    pub(super) by_path: HashMap<String, usize>,
    /// Quote errors of the articles whose current text has some.
    pub(super) failing: BTreeMap<usize, Vec<Diagnostic>>,
    /// Articles changed while the site had errors, whose pages were not
    /// made (nothing is written then): made with the next good update.
    pub(super) unwritten: BTreeSet<usize>,
    /// Pages of the site.
    pub(super) pages: usize,
    /// What changed since the baseline edition (article pages tag their
    /// claims with it).
    pub(super) changes: Option<crate::edition::Changes>,
    /// The interface's messages of the build it was kept from.
    pub(super) messages: Option<std::sync::Arc<crate::i18n::Messages>>,
    /// Every file the service worker lists, as last written.
    pub(super) offline: Vec<render::offline::Recorded>,
    /// What a claims edit made for the next (`reload.rs`).
    pub(super) claims_kept: Option<ClaimsKept>,
    /// How many files the last load read, when it found no problem at all
    /// and the model is still the one it loaded (but for the claims edits
    /// taken in since): a claims edit then checks the claims of the
    /// files saved alone (`load::claims_edited`).
    pub(super) load_clean: Option<usize>,
    /// Each claim's item on the sources page, as a claims edit last made
    /// them (`reload.rs`).
    pub(super) source_items: Option<render::SourceItems>,
    /// The rows of the figures page's tables, as it was last written by
    /// an edit: kept until an edit makes that page again with other rows
    /// (`lists.rs`), taken as they are when quantities' fields alone
    /// changed (`reload.rs`).
    pub(super) figure_rows: Option<render::FigureRows>,
    /// The texts and parses of the last load, which the next one reuses
    /// for the files not changed since.
    pub(super) cache: crate::load::Cache,
    /// The pages `sitemap.xml` lists (with a `base_url`), sorted.
    pub(super) sitemap: Vec<String>,
    /// The search index's terms, by document (`render::search_index`).
    pub(super) search: render::search_index::Kept,
    /// The later pages of the paged lists (`timeline/page-2.html`), as
    /// last written: those a list no longer fills are removed.
    pub(super) list_pages: Vec<String>,
    /// The theme's templates, compiled by the full build (an edit of the
    /// theme or of `dossier.toml` asks for another).
    pub(super) templates: render::Templates,
    /// What the last edit left for after the pages it shows first (a
    /// claims edit's lists, a text's search index), until made
    /// (`lists.rs`).
    pub(super) lists: Option<Later>,
}

// What an edit leaves for `lists.rs`, which makes it.

/// What an edit leaves for after the pages it shows first.
pub(super) enum Later {
    /// A claims edit's lists.
    Claims(Box<Lists>),
    /// The search index alone (a topic's or an entity's text edited,
    /// `texts.rs`).
    Search,
    /// The whole site, built by the session (a topic's or the front
    /// page's front matter edited, `texts.rs`: every page shows the
    /// titles).
    Build,
}

/// What a claims edit leaves for its lists.
pub(super) struct Lists {
    /// The dossier and analysis before the edit (the timeline's and the
    /// topics' pages are compared with them).
    pub(super) before: (Loaded, std::sync::Arc<Analysis>),
    /// For each claim now, its index before (`None`: added).
    pub(super) old_of: Vec<Option<usize>>,
    /// Whether claims were added (the sitemap may list new pages).
    pub(super) added: bool,
    /// The claims whose items on the lists may differ.
    pub(super) changed: Vec<usize>,
    /// The claims whose claims pages were made again.
    pub(super) claims: Vec<usize>,
    /// Of those, the claims whose pages are made with the lists (they
    /// list the claims edited, and show no claim of the files saved).
    pub(super) claims_later: Vec<usize>,
    /// The topics and entities whose pages are made again.
    pub(super) topics: Vec<usize>,
    pub(super) entities: Vec<usize>,
    /// What the edit changed besides the claims (`old_of` apart), when
    /// the pages above are found with the lists (sources' or metrics'
    /// fields edited alone): they are empty until then.
    pub(super) affected_later: Option<Box<super::affected::Edited>>,
    /// Which lists.
    pub(super) lists: render::Lists,
    /// Whether the claims pages (`claims`) are made with the lists: the
    /// edit showed first the page listing the sources or metrics edited
    /// (with the sources page's items as they were).
    pub(super) pages_later: bool,
    /// The files the edit removed first.
    pub(super) removed: Vec<String>,
    /// The interface's messages of the edit's report.
    pub(super) messages: std::sync::Arc<crate::i18n::Messages>,
    /// Each claim's fingerprint (when the edit needed them), and the
    /// pieces of `data/claims.json` before the edit (by old index; `None`
    /// after a build): the lists make the pieces again and keep both for
    /// the next edit ([`ClaimsKept`]).
    pub(super) kept: (Option<Vec<u128>>, Option<Vec<Vec<u8>>>),
}

/// What [`Model::update`] could do.
#[derive(Debug)]
pub enum Outcome {
    /// The change reaches beyond the changed articles' pages: build the
    /// whole site.
    Rebuild,
    /// The report of the site as it now stands, and (when it has no error)
    /// the pages of the changed articles, made again.
    Updated(Report, Vec<Page>, Vec<String>),
}

impl Model {
    /// Keeps a good build's state (`kept.loaded` with its source texts)
    /// and its `report`.
    pub(crate) fn new(root: &Path, kept: Kept, report: &Report) -> Model {
        let Kept {
            loaded,
            analysis,
            mentions,
            theme,
            changes,
            recorded,
            cache,
            load_clean,
            sitemap,
            list_pages,
            search,
            templates,
        } = kept;
        let cites = anchor::cites(&loaded.dossier);
        let by_path = loaded
            .dossier
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (loaded.sources.get(a.file).display.clone(), i))
            .collect();
        Model {
            root: root.to_path_buf(),
            loaded,
            analysis: std::sync::Arc::new(analysis),
            mentions,
            theme,
            cites,
            by_path,
            failing: BTreeMap::new(),
            unwritten: BTreeSet::new(),
            pages: report.pages,
            changes,
            messages: report.messages.clone(),
            offline: recorded,
            claims_kept: None,
            source_items: None,
            figure_rows: None,
            load_clean,
            cache,
            sitemap,
            search,
            list_pages,
            templates,
            lists: None,
        }
    }

    /// Takes in the files at `changed` (paths under the root). When every
    /// one is a known article, still readable as UTF-8, with the same
    /// front matter, anchors them again; otherwise hands them to
    /// `Model::reload` (`reload.rs`), which asks for a full build, without
    /// changing anything, unless only claims and front matters changed.
    pub fn update(&mut self, changed: &[PathBuf]) -> Result<Outcome, Error> {
        // The lists of the last claims edit are made before the next
        // (`Session` does); a model left without them builds again.
        if self.lists.is_some() {
            return Ok(Outcome::Rebuild);
        }
        let saved = self.saved(changed);
        let changed = saved.as_deref().unwrap_or(changed);
        // Only a claims edit taken in by `reload` keeps the load's state.
        let load_clean = self.load_clean.take();
        let mut targets = Vec::new();
        for path in changed {
            let Ok(rel) = path.strip_prefix(&self.root) else {
                return Ok(Outcome::Rebuild);
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let Some(&i) = self.by_path.get(&rel) else {
                self.load_clean = load_clean;
                return self.reload(changed);
            };
            targets.push(i);
        }
        targets.sort_unstable();
        targets.dedup();
        let d = &self.loaded.dossier;
        let mut texts = Vec::with_capacity(targets.len());
        for &i in &targets {
            let article = &d.articles[i];
            let old = self.loaded.sources.get(article.file);
            let Some(text) = std::fs::read(&old.path)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
            else {
                return Ok(Outcome::Rebuild);
            };
            let new = SourceFile::new(old.display.clone(), old.path.clone(), text);
            let front = ..article.body_start;
            if new.text.get(front) != old.text.get(front) {
                self.load_clean = load_clean;
                return self.reload(changed);
            }
            texts.push((article.file, new.text));
        }
        for (file, text) in texts {
            self.loaded.sources.replace_text(file, text);
        }

        let (loaded, cites) = (&self.loaded, &self.cites);
        let anchor =
            |i: usize| anchor::anchor_one(&loaded.dossier, &loaded.sources, i, &cites[i], true);
        let results: Vec<(AnchoredArticle, Vec<Diagnostic>)> =
            targets.par_iter().map(|&i| anchor(i)).collect();
        // Entity pages list the articles that mention each entity: a text
        // that now mentions others (or no longer does) changes them.
        if targets.iter().zip(&results).any(|(&i, (article, errors))| {
            errors.is_empty() && self.mentions.get(i).is_some_and(|m| *m != article.entities)
        }) {
            return Ok(Outcome::Rebuild);
        }
        let mut anchored: Vec<(usize, AnchoredArticle)> = Vec::with_capacity(targets.len());
        for (&i, (article, errors)) in targets.iter().zip(results) {
            if errors.is_empty() {
                self.failing.remove(&i);
            } else {
                self.failing.insert(i, errors);
            }
            anchored.push((i, article));
        }

        // The build's warnings (none comes from an article's body) and the
        // quote errors of every article that still has some.
        let mut diagnostics = Diagnostics::default();
        diagnostics.extend(self.loaded.diagnostics.items().iter().cloned());
        for errors in self.failing.values() {
            diagnostics.extend(errors.iter().cloned());
        }
        let report = self.report(&diagnostics);
        if report.errors > 0 {
            self.unwritten.extend(targets);
            return Ok(Outcome::Updated(report, Vec::new(), Vec::new()));
        }
        // Articles anchored when the site had errors, whose pages were
        // never made: anchored again (their texts are the current ones).
        let stale: Vec<usize> = std::mem::take(&mut self.unwritten)
            .into_iter()
            .filter(|i| targets.binary_search(i).is_err())
            .collect();
        anchored.par_extend(stale.par_iter().map(|&i| (i, anchor(i).0)));
        // The full build's templates and messages (its catalogues'
        // problems were reported then).
        let site = render::Site::with_templates(
            &self.loaded.config,
            d,
            &self.analysis,
            &self.theme,
            self.templates.clone(),
        )
        .with_changes(self.changes.as_ref());
        let mut pages = anchored
            .par_iter()
            .map(|(i, article)| site.article(*i, article))
            .collect::<Result<Vec<Page>, _>>()?;
        // The worker's list follows the pages (a site without the worker's
        // list, from a build that kept none, has no worker to redo).
        self.relist(&mut pages, &[]);
        Ok(Outcome::Updated(report, pages, Vec::new()))
    }

    /// The paths of `changed` but those of files made and removed within
    /// the burst, which no build read (the temporary file an editor or
    /// `sed -i` writes and renames into place: `name___jb_tmp___`,
    /// `sedX1b2c3`; hidden ones are not watched). `None` when none is
    /// gone, or all are: a folder moved away may be named by its path
    /// alone, which is no file of the last load either, and is left to
    /// the load that sees what it held gone.
    fn saved(&self, changed: &[PathBuf]) -> Option<Vec<PathBuf>> {
        let gone = |p: &PathBuf| !p.exists() && self.loaded.sources.find_path(p).is_none();
        if !changed.iter().any(gone) {
            return None;
        }
        let kept: Vec<PathBuf> = changed.iter().filter(|p| !gone(p)).cloned().collect();
        (!kept.is_empty()).then_some(kept)
    }

    /// The report of the kept site with `diagnostics`.
    pub(super) fn report(&self, diagnostics: &Diagnostics) -> Report {
        let (shown, all_diagnostics) =
            crate::pipeline::render_diagnostics(diagnostics, &self.loaded.sources);
        Report {
            diagnostics: shown,
            all_diagnostics,
            errors: diagnostics.errors(),
            warnings: diagnostics.warnings(),
            pages: self.pages,
            claims: self.loaded.dossier.claims.len(),
            articles: self.loaded.dossier.articles.len(),
            messages: self.messages.clone(),
        }
    }

    /// Records the new `pages` in the service worker's list (those it did
    /// not list added), drops the `removed` files from it, and adds the
    /// worker (`sw.js`) made again, when the site has one.
    pub(super) fn relist(&mut self, pages: &mut Vec<Page>, removed: &[String]) {
        self.relist_with(pages, &[], removed);
    }

    /// [`Model::relist`], `also` written too (before).
    pub(super) fn relist_with(&mut self, pages: &mut Vec<Page>, also: &[Page], removed: &[String]) {
        if self.offline.is_empty() {
            return;
        }
        self.offline.retain(|r| !removed.contains(&r.path));
        // Hashed in parallel: a claims edit remakes 130 MB of lists at
        // 10,000 articles.
        let records: Vec<render::offline::Recorded> = also
            .par_iter()
            .chain(pages.par_iter())
            .map(render::offline::Recorded::of)
            .collect();
        for record in records {
            match self.offline.iter_mut().find(|r| r.path == record.path) {
                Some(r) => *r = record,
                None => self.offline.push(record),
            }
        }
        pages.extend(render::offline::listed(
            &self.loaded.config,
            &self.loaded.dossier,
            &mut self.offline,
        ));
    }
}
