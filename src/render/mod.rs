//! Rendering: the model and its analysis in, pages in memory out, each
//! handed to the writer as soon as it is made.
//!
//! Every page gets a small view model (only what that page shows, never
//! the whole site), rendered with the theme's Tera templates, which
//! autoescape, or, while the theme keeps the default templates, written by
//! hand to the same bytes. Every internal link is computed here, by
//! [`href`], relative to the page and naming a file, so the same output
//! works from `file://`, at a domain root and under a project path.
//! Rendering never opens a file itself and never changes the model; what
//! a build takes back from its last output comes through [`Taken`].
//!
//! - `pages/`: one module per page kind, its template's context beside
//!   its hand-compiled writer;
//! - `view/`: the pieces every page shares (links, dates, grades, claim
//!   rows, navigation), and `view/html.rs`, the same written by hand;
//! - `emit.rs`: the parallel pass over every page and file;
//! - `templates.rs`: the theme's templates in Tera; `slots.rs`: big lists
//!   spliced into Tera's output rather than passed through it;
//! - [`chart`], `relay.rs`, [`data`], [`search_index`], [`assets`]: the SVG
//!   charts, the relay chain of a claim (HTML), the data files, the search
//!   index and the stylesheet of code;
//! - [`offline`]: the service worker, the web app manifest and its icons,
//!   and the plan of the archive;
//! - `taken.rs`: what a build takes back from its last output (later
//!   pages of the paged lists, pieces of `data/claims.json`).

use crate::analyse::Analysis;
use crate::config::Config;
use crate::i18n::{Messages, Msg};
use crate::model::Dossier;
use crate::page::{OutputError, Page};
use crate::theme::Theme;
use serde::Serialize;
use tera::{Context, Tera};

pub mod assets;
pub mod chart;
pub mod data;
mod emit;
mod fingerprint;
pub mod french;
pub mod offline;
mod pages;
mod relay;
pub mod search_index;
mod slots;
mod taken;
mod templates;
mod view;

pub use assets::{CHANGES_STYLESHEET, syntax_css};
pub use emit::{KeptGroup, Lists};
pub use fingerprint::claim_fingerprint;
pub use pages::article_path;
pub use pages::figures::FigureRows;
pub use pages::parts::Parts;
pub use pages::sources::SourceItems;
use slots::Slots;
pub use taken::Taken;
use templates::tera_err;
pub use view::href;

/// Whether the theme's article pages are the default ones, whose rows of
/// the claims drawn from the article show each claim's statement, status
/// and change tag and link to its claims page, but not its origin, grade,
/// date or figures (`serve` then leaves them alone when a source or a
/// metric is edited).
pub fn article_rows_plain(theme: &Theme) -> bool {
    templates::is_default(theme, "article.html") && templates::is_default(theme, "base.html")
}

/// The pages `sitemap.xml` lists, of the files of a site at `paths`
/// (sorted): the HTML pages but `404.html`.
pub fn sitemap_pages(paths: &[String]) -> Vec<String> {
    paths
        .iter()
        .filter(|p| p.ends_with(".html") && *p != "404.html")
        .cloned()
        .collect()
}

/// The later pages (`timeline/page-3.html`) of the paged lists among
/// `paths` (a list's first page, `timeline.html`, among them too).
pub fn later_list_pages<'a>(paths: impl Iterator<Item = &'a str> + Clone) -> Vec<String> {
    let all: std::collections::BTreeSet<&str> = paths.clone().collect();
    paths
        .filter(|p| {
            p.rsplit_once('/').is_some_and(|(folder, _)| {
                let first = format!("{folder}.html");
                all.contains(first.as_str()) && pages::pager::is_later_page(&first, p)
            })
        })
        .map(str::to_string)
        .collect()
}

/// Of `old` (the later pages of paged lists before an update), those a
/// partial update that made the pages at `made` no longer makes: a list
/// whose first page it made was made whole, so its pages it did not make
/// are gone (the list grew shorter).
pub fn unmade_list_pages(old: &[String], made: &std::collections::BTreeSet<&str>) -> Vec<String> {
    old.iter()
        .filter(|p| !made.contains(p.as_str()))
        .filter(|p| {
            p.rsplit_once('/')
                .is_some_and(|(folder, _)| made.contains(format!("{folder}.html").as_str()))
        })
        .cloned()
        .collect()
}
use view::{DateView, Grade, Nav};

/// Template problems (a broken theme).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// Tera failed to parse or render.
    #[error("template error: {0}")]
    Tera(String),
    /// A rendered page could not be written.
    #[error(transparent)]
    Output(#[from] OutputError),
}

/// Everything rendering needs, borrowed.
pub struct Site<'a> {
    /// Settings.
    pub config: &'a Config,
    /// Model.
    pub dossier: &'a Dossier,
    /// Derived facts.
    pub analysis: &'a Analysis,
    /// The interface's words, dates and numbers.
    messages: std::sync::Arc<Messages>,
    /// Every grade of the scale, in words.
    grades: Vec<Grade>,
    /// The theme's templates, compiled ([`Templates`]).
    tera: Templates,
    /// Claims pages are written by `pages::claim::html::group_page` (the
    /// theme's claim page is the default one).
    fast_claims: bool,
    /// Article pages are written by [`pages::article::article_page`]
    /// (default `article.html`).
    fast_articles: bool,
    /// The default `timeline.html` and `topic.html` get their long lists
    /// as HTML.
    fast_timeline: bool,
    fast_topic: bool,
    fast_figures: bool,
    fast_sources: bool,
    /// The default `entity.html` gets its long lists as HTML.
    fast_entity: bool,
    /// The navigation of pages that are not in it, at depths 0 and 1.
    plain_nav: [Vec<Nav>; 2],
    /// Each claim's date and support, as its rows in every list show them:
    /// made the first time (not for each of the lists a claim is in), and
    /// only for the claims shown (`serve` redoes one article's page).
    claim_dates: Vec<std::sync::OnceLock<Option<DateView>>>,
    claim_support: Vec<std::sync::OnceLock<std::sync::Arc<str>>>,
    /// Lists of claims are written by [`view::html::claim_item`] and
    /// handed to the templates as HTML (the theme's macros are the default
    /// ones).
    fast_rows: bool,
    /// The claims pages: each article's claims (`crate::claim_page`).
    groups: Vec<crate::claim_page::Group>,
    /// How the reader gets the site's archive, which every page's footer
    /// offers.
    download: Option<offline::Download>,
    /// What changed since the baseline edition, when the dossier has
    /// editions: the "What changed" page, and the tags of claims.
    changes: Option<&'a crate::edition::Changes>,
    /// The two tags ("new", "revised") since the baseline edition.
    change_views: Option<[view::ChangeView; 2]>,
    /// The search index's terms kept from one index to the next (`serve`).
    search_terms: Option<&'a search_index::Kept>,
    /// The pages of the paged lists to make, when not all (`serve`).
    parts: Option<&'a Parts>,
    /// Each claim's item on the sources page, made already (`serve`).
    source_items: Option<&'a SourceItems>,
    /// The figures page's tables, made already (`serve`).
    figure_rows: Option<&'a FigureRows>,
    /// The later pages of the paged lists a build takes back from its
    /// last output.
    taken: Option<&'a dyn Taken>,
}

/// A theme's templates, compiled with the messages of the dossier's
/// language, which they keep (about 20 ms: `serve` keeps them from one
/// update to the next, and a build compiles them while it analyses).
#[derive(Clone)]
pub struct Templates {
    tera: std::sync::Arc<Tera>,
    messages: std::sync::Arc<Messages>,
}

impl Templates {
    /// Compiles `theme`'s templates, with `messages` for their `t`.
    pub fn compile(theme: &Theme, messages: std::sync::Arc<Messages>) -> Result<Self, RenderError> {
        let tera = std::sync::Arc::new(templates::load(theme, &messages)?);
        Ok(Templates { tera, messages })
    }

    /// The messages they were compiled with.
    pub fn messages(&self) -> &std::sync::Arc<Messages> {
        &self.messages
    }
}

impl std::ops::Deref for Templates {
    type Target = Tera;
    fn deref(&self) -> &Tera {
        &self.tera
    }
}

impl<'a> Site<'a> {
    /// The claims pages' groups (`claim_page::groups`), in the order
    /// [`Site::emit_keeping`] names them.
    pub fn groups(&self) -> &[crate::claim_page::Group] {
        &self.groups
    }

    /// Prepares the templates, with the messages of the dossier's
    /// language ([`Messages::load`]).
    pub fn new(
        config: &'a Config,
        dossier: &'a Dossier,
        analysis: &'a Analysis,
        theme: &Theme,
        messages: std::sync::Arc<Messages>,
    ) -> Result<Self, RenderError> {
        let tera = Templates::compile(theme, messages)?;
        Ok(Self::with_templates(config, dossier, analysis, theme, tera))
    }

    /// [`Site::new`] with the theme's templates compiled already, and
    /// their messages.
    pub fn with_templates(
        config: &'a Config,
        dossier: &'a Dossier,
        analysis: &'a Analysis,
        theme: &Theme,
        tera: Templates,
    ) -> Self {
        let messages = std::sync::Arc::clone(tera.messages());
        // The hand-compiled pages and lists stand in for these templates
        // only while they are the default ones, byte for byte.
        let is_default = |name: &str| templates::is_default(theme, name);
        let allowed = std::env::var_os("DOSSIER_NO_FAST_PAGES").is_none();
        let fast_rows = allowed && is_default("macros.html");
        let fast_claims = fast_rows
            && is_default("claim.html")
            && is_default("base.html")
            && is_default("cite.html");
        let fast_articles = fast_rows && is_default("article.html") && is_default("base.html");
        let fast_timeline = allowed && is_default("timeline.html");
        let fast_topic = allowed && is_default("topic.html");
        let fast_figures = allowed && is_default("figures.html");
        let fast_sources = allowed && is_default("sources.html");
        let fast_entity = allowed && is_default("entity.html");
        let mut site = Site {
            config,
            dossier,
            analysis,
            grades: view::grade_table(&messages),
            messages,
            tera,
            fast_claims,
            fast_articles,
            fast_timeline,
            fast_topic,
            fast_figures,
            fast_sources,
            fast_entity,
            plain_nav: [Vec::new(), Vec::new()],
            claim_dates: (0..dossier.claims.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            claim_support: (0..dossier.claims.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            fast_rows,
            groups: crate::claim_page::groups(dossier),
            download: offline::download(config, dossier),
            changes: None,
            change_views: None,
            search_terms: None,
            parts: None,
            source_items: None,
            figure_rows: None,
            taken: None,
        };
        site.plain_nav = [site.nav(0, "", ""), site.nav(1, "", "")];
        site
    }

    /// The site with what changed since the baseline edition: a "What
    /// changed" page in the navigation, and claims tagged "new" or
    /// "revised".
    #[must_use]
    pub fn with_changes(mut self, changes: Option<&'a crate::edition::Changes>) -> Self {
        self.changes = changes;
        let m = &*self.messages;
        self.change_views = changes.and_then(|c| c.baseline.as_ref()).map(|b| {
            let since_words = m.fill(Msg::ChangeTagSince, &[("edition", &b.name)]);
            [
                ("new", Msg::ChangeTagNew),
                ("revised", Msg::ChangeTagRevised),
            ]
            .map(|(kind, words)| view::ChangeView {
                kind,
                words: m.text(words).to_string(),
                since: b.name.clone(),
                since_words: since_words.clone(),
            })
        });
        self.plain_nav = [self.nav(0, "", ""), self.nav(1, "", "")];
        self
    }

    /// The site with the search index's terms taken from, and kept in,
    /// `kept` (`serve`: an edit analyses the documents it changed alone).
    #[must_use]
    pub fn with_search_terms(mut self, kept: Option<&'a search_index::Kept>) -> Self {
        self.search_terms = kept;
        self
    }

    /// Makes only the pages of the paged lists `parts` names (`serve`,
    /// after an edit that left every claim at its place in them).
    pub fn with_parts(mut self, parts: Option<&'a Parts>) -> Self {
        self.parts = parts;
        self
    }

    /// Takes the later pages of the paged lists and the pieces of
    /// `data/claims.json` that `taken` answers for (a build over its last
    /// output) instead of making them.
    #[must_use]
    pub fn with_taken(mut self, taken: Option<&'a dyn Taken>) -> Self {
        self.taken = taken;
        self
    }

    /// Writes the sources page's lists of claims from `items` (`serve`:
    /// see [`Site::source_items`]).
    #[must_use]
    pub fn with_source_items(mut self, items: Option<&'a SourceItems>) -> Self {
        self.source_items = items;
        self
    }

    /// Writes the figures page's tables from `rows` (`serve`: see
    /// [`Site::figure_rows`]); they must be those of this dossier and
    /// analysis.
    #[must_use]
    pub fn with_figure_rows(mut self, rows: Option<&'a FigureRows>) -> Self {
        self.figure_rows = rows;
        self
    }

    fn render(
        &self,
        template: &str,
        path: String,
        ctx: &impl Serialize,
    ) -> Result<Page, RenderError> {
        let ctx = Context::from_serialize(ctx).map_err(tera_err)?;
        let html = self.tera.render(template, &ctx).map_err(tera_err)?;
        Ok(Page {
            path,
            bytes: html.into_bytes(),
        })
    }

    /// [`Site::render`] for a page with big pre-rendered lists: `ctx`
    /// builds the context, putting the lists in [`Slots`] (on when `on`),
    /// and they are spliced into Tera's output. Should the markers not
    /// come out as they went in, the page is built and rendered again
    /// without slots.
    fn render_slotted<C: Serialize>(
        &self,
        template: &str,
        path: String,
        on: bool,
        ctx: impl Fn(&Slots) -> C,
    ) -> Result<Page, RenderError> {
        let slots = Slots::new(on);
        let built = ctx(&slots);
        if !slots.used() {
            return self.render(template, path, &built);
        }
        let context = Context::from_serialize(&built).map_err(tera_err)?;
        drop(built);
        let html = self.tera.render(template, &context).map_err(tera_err)?;
        drop(context);
        match slots.splice(&html) {
            Some(page) => Ok(Page {
                path,
                bytes: page.into_bytes(),
            }),
            None => self.render(template, path, &ctx(&Slots::new(false))),
        }
    }
}
