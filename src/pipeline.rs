//! The pipeline every command runs: load → analyse and anchor → render,
//! each page handed to a sink as it is made.
//!
//! In: the dossier folder, a base URL, a [`Mode`]. Out: a [`Report`] (the
//! diagnostics rendered, counts) and the pages given to the sink; for
//! `serve`, the kept model. Writes nothing itself: the sink decides where
//! pages go, and a caller whose report has errors discards them.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Sources;
use crate::timing::Timer;
use crate::{Error, analyse, anchor, edition, load, page, render, reuse, theme};
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// Result of a build or check.
#[derive(Debug)]
pub struct Report {
    /// Rendered diagnostics (empty when clean): every error, and the
    /// warnings capped as [`crate::diagnostic::Diagnostics::render_capped`]
    /// caps a long list.
    pub diagnostics: String,
    /// Every diagnostic, when `diagnostics` leaves warnings out
    /// (`--all-warnings` prints this).
    pub all_diagnostics: Option<String>,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Pages written (0 for check or failure).
    pub pages: usize,
    /// Claims.
    pub claims: usize,
    /// Articles.
    pub articles: usize,
    /// The interface's messages the pages were rendered with (for
    /// `dossier export`, whose own words are in the same language, and
    /// the words `serve` adds to pages); `None` when the build stopped
    /// before rendering.
    pub messages: Option<std::sync::Arc<crate::i18n::Messages>>,
}

impl Report {
    /// The diagnostics to print: capped, or every one with `--all-warnings`.
    pub fn shown(&self, all_warnings: bool) -> &str {
        match (&self.all_diagnostics, all_warnings) {
            (Some(all), true) => all,
            _ => &self.diagnostics,
        }
    }
}

/// What to do after validation.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Validate only.
    Check {
        /// Warnings count as errors.
        strict: bool,
    },
    /// Render into memory.
    Render,
}

/// The site, rendered in memory.
#[derive(Debug, Default)]
pub struct Built {
    /// Pages and static files.
    pub pages: Vec<page::Page>,
}

/// Loads, checks and (in `Render` mode) renders the dossier at `root`
/// into memory, pages sorted by path.
pub fn build_in_memory(
    root: &Path,
    base_url: Option<&str>,
    mode: &Mode,
) -> Result<(Report, Built), Error> {
    let pages = std::sync::Mutex::new(Vec::new());
    let report = build_into(root, base_url, mode, &|page| {
        pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(page);
        Ok(())
    })?;
    let mut pages = pages
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((report, Built { pages }))
}

/// Loads, checks and (in `Render` mode, when there is no error) renders the
/// dossier at `root`, handing every page and static file to `sink` as it
/// is made (from several threads, in no particular order).
pub fn build_into(
    root: &Path,
    base_url: Option<&str>,
    mode: &Mode,
    sink: &page::Sink<'_>,
) -> Result<Report, Error> {
    pipeline(root, base_url, mode, sink, Keeping::Nothing).map(|(report, _, _)| report)
}

/// [`build_into`] in `Render` mode, also giving the archive the writer is
/// to make of the pages once they are written (`[offline] archive`; none
/// when nothing was rendered). With `previous` (the output the pages go
/// to), the pages whose inputs are those it was made from are taken from
/// it ([`crate::reuse`]), and the record to leave with the new output for
/// the next build is given too.
pub fn build_site(
    root: &Path,
    base_url: Option<&str>,
    sink: &page::Sink<'_>,
    previous: Option<&dyn page::Previous>,
) -> Result<Site, Error> {
    let keeping = previous.map_or(Keeping::Nothing, Keeping::Record);
    pipeline(root, base_url, &Mode::Render, sink, keeping).map(|(report, _, archive)| {
        let (archive, record) = archive;
        (report, archive, record)
    })
}

/// What [`build_site`] gives: the report, the archive to make, and the
/// record to leave with the output.
pub type Site = (Report, Option<page::Archive>, Option<String>);

/// What a run of the pipeline keeps for the next.
#[derive(Clone, Copy)]
enum Keeping<'a> {
    /// Nothing (`check`, `export`, a build into memory).
    Nothing,
    /// The model, for `serve`.
    Model,
    /// A record of the pages and their inputs, beside the output that
    /// holds the last one's (`build`).
    Record(&'a dyn page::Previous),
}

/// What a good build keeps for `serve` to redo parts of the site alone
/// (`serve::incremental::Model` is made of it).
pub struct Kept {
    /// The dossier as loaded, with its source texts.
    pub loaded: load::Loaded,
    /// Its analysis.
    pub analysis: analyse::Analysis,
    /// The entities each article mentions.
    pub mentions: Vec<Vec<usize>>,
    /// The theme the pages were rendered with.
    pub theme: theme::Theme,
    /// What changed since the baseline edition.
    pub changes: Option<edition::Changes>,
    /// The files the service worker lists.
    pub recorded: Vec<render::offline::Recorded>,
    /// The texts and parses of the load, for the next one.
    pub cache: load::Cache,
    /// How many files the load read, when it found no problem at all.
    pub load_clean: Option<usize>,
    /// The site's pages that `sitemap.xml` lists (with a `base_url`).
    pub sitemap: Vec<String>,
    /// The later pages of its paged lists (`timeline/page-2.html`).
    pub list_pages: Vec<String>,
    /// The search index's terms, for the next index.
    pub search: render::search_index::Kept,
    /// The theme's templates, compiled.
    pub templates: render::Templates,
}

/// [`build_into`] in `Render` mode that also keeps, after a good build,
/// what `serve` needs to redo parts of the site alone (`Kept`).
/// `served_at` is where `serve` serves the site: only `404.html` names it
/// (its `<base href>`); the other pages are those `build` makes.
pub fn build_keeping(
    root: &Path,
    served_at: Option<&str>,
    sink: &page::Sink<'_>,
) -> Result<(Report, Option<Kept>), Error> {
    pipeline(root, served_at, &Mode::Render, sink, Keeping::Model)
        .map(|(report, model, _)| (report, model))
}

fn pipeline(
    root: &Path,
    base_url: Option<&str>,
    mode: &Mode,
    sink: &page::Sink<'_>,
    keeping: Keeping<'_>,
) -> Result<Outcome, Error> {
    let keep = matches!(keeping, Keeping::Model);
    let previous = match keeping {
        Keeping::Record(previous) => Some(previous),
        _ => None,
    };
    let timer = Timer::new();
    // `serve` keeps the texts and parses for its next load.
    let mut cache = load::Cache::default();
    let mut loaded = if keep {
        load::load_cached(root, &mut cache)
    } else {
        load::load(root)
    };
    timer.lap("load");
    // A load without any problem lets `serve` check a claims file or a
    // front matter edited next alone: how many files it read.
    let load_clean = (keep && loaded.diagnostics.items().is_empty()).then(|| loaded.sources.len());
    crate::memory::reached(crate::memory::Stage::Loaded);
    let editions = edition::load(
        root,
        &loaded.config,
        &mut loaded.sources,
        &mut loaded.diagnostics,
    );
    timer.lap("editions");
    if let Some(url) = base_url {
        let url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        // `serve` (which keeps the model) gives the server's address: the
        // pages stay as `build` makes them, so the two share the kept
        // output and neither rewrites what the other wrote.
        if keep {
            loaded.config.served_at = Some(url);
        } else {
            loaded.config.base_url = Some(url);
        }
    }
    let theme = if matches!(mode, Mode::Render) {
        Some(theme::Theme::load(root, &loaded.config.theme)?)
    } else {
        None
    };
    let mut rendered = Rendered::default();
    // `serve` keeps the search index's terms for the next index.
    let search = render::search_index::Kept::default();
    match &theme {
        Some(theme) if loaded.diagnostics.errors() == 0 => {
            let keeping = Keep {
                search: keep.then_some(&search),
                previous,
            };
            rendered = render_site(&mut loaded, editions, theme, sink, keeping, &timer)?;
        }
        _ => {
            drop_later(editions);
            if let Mode::Check { .. } = mode {
                catalogue_warnings(root, &mut loaded);
            }
            check_only(&mut loaded, mode, &timer);
        }
    }
    let mut report = report_of(&loaded, rendered.diagnostics, rendered.pages);
    report.messages = rendered.messages;
    let archive = (rendered.pages > 0)
        .then(|| render::offline::archive(&loaded.config, &loaded.dossier))
        .flatten();
    let model = match (rendered.analysis, theme, rendered.templates) {
        (Some((analysis, mentions)), Some(theme), Some(templates)) if report.errors == 0 => {
            Some(Kept {
                loaded,
                analysis,
                mentions,
                theme,
                changes: rendered.changes,
                recorded: rendered.recorded.unwrap_or_default(),
                cache,
                load_clean,
                sitemap: rendered.sitemap,
                list_pages: rendered.list_pages,
                search,
                templates,
            })
        }
        _ => {
            drop_later((loaded, cache));
            None
        }
    };
    Ok((report, model, (archive, rendered.record)))
}

/// What a run of the pipeline gives: the report, the kept model (for
/// `serve`), the archive to make and the record to leave with the output.
type Outcome = (
    Report,
    Option<Kept>,
    (Option<page::Archive>, Option<String>),
);

/// What [`render_site`] keeps for the next run: the search index's terms
/// (`serve`), or a record of the pages (`build` into `previous`).
struct Keep<'a> {
    search: Option<&'a render::search_index::Kept>,
    previous: Option<&'a dyn page::Previous>,
}

/// What rendering leaves for the report and for `serve`.
#[derive(Default)]
struct Rendered {
    /// The diagnostics, rendered before the source texts were freed.
    diagnostics: Option<Rendering>,
    /// HTML pages handed to the sink.
    pages: usize,
    /// The analysis and the entities each article mentions, kept for
    /// `serve`.
    analysis: Option<(analyse::Analysis, Vec<Vec<usize>>)>,
    /// What changed since the baseline edition, kept for `serve`.
    changes: Option<edition::Changes>,
    /// The files the service worker lists, kept for `serve`.
    recorded: Option<Vec<render::offline::Recorded>>,
    /// The pages `sitemap.xml` lists, kept for `serve`.
    sitemap: Vec<String>,
    /// The later pages of paged lists, kept for `serve`.
    list_pages: Vec<String>,
    /// See [`Report::messages`].
    messages: Option<std::sync::Arc<crate::i18n::Messages>>,
    /// The compiled templates, kept for `serve`.
    templates: Option<render::Templates>,
    /// The record of the pages and their inputs (`crate::reuse`).
    record: Option<String>,
}

/// Analyses, anchors and renders a dossier that loaded without error,
/// handing every page to `sink`. A quote error stops the pages (the
/// caller discards what was handed to `sink`) and is left in `loaded`.
/// With `keeping.search` (`serve`), what `serve` needs is kept, the search
/// index's terms in it; with `keeping.previous` (`build`), the pages made
/// from the same inputs as its are taken from it, and the record of this
/// build is made.
fn render_site(
    loaded: &mut load::Loaded,
    editions: edition::Editions,
    theme: &theme::Theme,
    sink: &page::Sink<'_>,
    keeping: Keep<'_>,
    timer: &Timer,
) -> Result<Rendered, Error> {
    let search = keeping.search;
    let keep = search.is_some();
    // Analysis needs only the model, so it comes first; each article
    // page is then made as soon as the article is anchored, and its
    // marked-up text freed (all of them would be hundreds of megabytes
    // on a big dossier).
    let (messages, message_diags) =
        crate::i18n::Messages::load(theme, &loaded.config.language, &mut loaded.sources);
    loaded.diagnostics.extend(message_diags);
    let messages = std::sync::Arc::new(messages);
    let (analysis, warnings, templates, keys) =
        analyse_and_compile(loaded, theme, &messages, keeping.previous.is_some());
    timer.lap("analyse");
    crate::memory::reached(crate::memory::Stage::Analysed);
    let changes = edition::compare(editions, &loaded.dossier, &analysis);
    timer.lap("compare");
    let cites = anchor::cites(&loaded.dossier);
    let templates = match templates {
        Ok(templates) => templates,
        Err(e) => {
            // Content errors first: they are what the user can fix.
            let (_, quote_diags) = anchor::anchor(&loaded.dossier, &loaded.sources, false);
            if quote_diags.is_empty() {
                return Err(e.into());
            }
            loaded.diagnostics.extend(quote_diags);
            return Ok(Rendered::default());
        }
    };
    let site = render::Site::with_templates(
        &loaded.config,
        &loaded.dossier,
        &analysis,
        theme,
        templates.clone(),
    )
    .with_changes(changes.as_ref())
    .with_search_terms(search);
    // Every file is noted on its way to the sink, for the service worker's
    // list (made last).
    let recorder = render::offline::Recorder::default();
    let recording = |page: page::Page| {
        recorder.record(&page);
        sink(page)
    };
    let mut reuse = match (keeping.previous, keys) {
        (Some(previous), Some(keys)) => Some(reuse::Reuse::new(previous, keys)?),
        _ => None,
    };
    if let Some(reuse) = &mut reuse {
        let groups = site.groups();
        reuse.with_claims(&loaded.dossier, &analysis, changes.as_ref(), &cites, groups);
        timer.lap("keys");
    }
    let taking = reuse.as_ref().map(|reuse| Taking {
        reuse,
        recorder: &recorder,
    });
    let site = site.with_taken(taking.as_ref().map(|t| t as &dyn render::Taken));
    let kept = reuse.as_ref().map(|r| (r, &recorder));
    let (articles, quote_diags, mentions) =
        anchor_and_write_articles(loaded, &site, &cites, &recording, kept)?;
    loaded.diagnostics.extend(quote_diags);
    timer.lap("anchor+articles");
    if loaded.diagnostics.errors() > 0 {
        return Ok(Rendered::default());
    }
    loaded.diagnostics.extend(warnings);
    // Every diagnostic is known now: render them, and free the source
    // texts before the other pages are made.
    let diagnostics = Some(render_diagnostics(&loaded.diagnostics, &loaded.sources));
    if !keep {
        loaded.sources.release_texts();
    }
    let article_pages = reuse.as_ref().map(|_| articles.clone());
    let (emitted, site_key) = match &reuse {
        Some(reuse) => emit_or_keep(&site, reuse, &recorder, &recording, articles, &mentions)?,
        None => (site.emit(&recording, articles, &mentions)?, 0),
    };
    put_statics(theme, &emitted, changes.is_some(), &recording)?;
    let (files, recorded) = render::offline::files(&loaded.config, &loaded.dossier, &recorder);
    for file in files {
        sink(file)?;
    }
    let record = match (&reuse, article_pages) {
        (Some(reuse), Some(articles)) => {
            reuse.record(site_key, &articles, &mentions, &emitted, &recorded)
        }
        _ => None,
    };
    let pages = emitted.iter().filter(|p| p.ends_with(".html")).count();
    let sitemap = if keep && loaded.config.base_url.is_some() {
        render::sitemap_pages(&emitted)
    } else {
        Vec::new()
    };
    let list_pages = if keep {
        render::later_list_pages(emitted.iter().map(String::as_str))
    } else {
        Vec::new()
    };
    timer.lap("render+write");
    drop(site);
    let (kept, changes, recorded) = if keep {
        (Some((analysis, mentions)), changes, Some(recorded))
    } else {
        drop_later((analysis, mentions, changes, recorded));
        (None, None, None)
    };
    Ok(Rendered {
        diagnostics,
        pages,
        analysis: kept,
        changes,
        recorded,
        sitemap,
        list_pages,
        messages: Some(messages),
        templates: keep.then_some(templates),
        record,
    })
}

/// The analysis (and its warnings) of the dossier, with the templates
/// compiled (about 20 ms) and, for a build that may take pages back from
/// its last output (`reuse`), the inputs hashed, while it is analysed.
fn analyse_and_compile(
    loaded: &load::Loaded,
    theme: &theme::Theme,
    messages: &std::sync::Arc<crate::i18n::Messages>,
    reuse: bool,
) -> (
    analyse::Analysis,
    Vec<Diagnostic>,
    Result<render::Templates, render::RenderError>,
    Option<reuse::Keys>,
) {
    let ((analysis, warnings), (templates, keys)) = rayon::join(
        || analyse::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance),
        || {
            rayon::join(
                || render::Templates::compile(theme, std::sync::Arc::clone(messages)),
                || reuse.then(|| reuse::Keys::of(loaded, theme)).flatten(),
            )
        },
    );
    (analysis, warnings, templates, keys)
}

/// The theme's static files the pages did not make (`emitted`, sorted),
/// handed to `sink`; the stylesheet of the "What changed" page and the
/// change tags only when the dossier has editions (`changes`).
fn put_statics(
    theme: &theme::Theme,
    emitted: &[String],
    changes: bool,
    sink: &page::Sink<'_>,
) -> Result<(), Error> {
    for (path, bytes) in theme.statics() {
        if path == render::CHANGES_STYLESHEET && !changes {
            continue;
        }
        if emitted.binary_search_by(|p| p.as_str().cmp(path)).is_err() {
            sink(page::Page {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            })?;
        }
    }
    Ok(())
}

/// What a build takes from its last output while it renders: the later
/// pages of the paged lists (`reuse::Reuse::paged`), each noted for the
/// service worker's list, and the pieces of `data/claims.json`.
struct Taking<'r> {
    reuse: &'r reuse::Reuse<'r>,
    recorder: &'r render::offline::Recorder,
}

impl render::Taken for Taking<'_> {
    fn page(&self, path: &str, shows: u128, claims: &[usize]) -> Result<bool, page::OutputError> {
        let taken = self.reuse.paged(path, shows, claims)?;
        let kept = taken.is_some();
        taken.into_iter().for_each(|r| self.recorder.note(r));
        Ok(kept)
    }

    fn pages(&self) -> Vec<String> {
        self.reuse.paged_taken()
    }

    fn piece_key(&self, c: usize) -> Option<u128> {
        self.reuse.piece_key(c)
    }

    fn piece(&self, key: u128) -> Option<(u64, u32)> {
        self.reuse.piece(key)
    }

    fn read_pieces(
        &self,
        at: u64,
        len: usize,
        out: &mut Vec<u8>,
    ) -> Result<bool, page::OutputError> {
        self.reuse.read_pieces(at, len, out)
    }

    fn pieces_made(&self, head: u64, pieces: Vec<(u128, u32)>, read: usize) {
        self.reuse.pieces_made(head, pieces, read);
    }
}

/// The pages other than articles' (`render::Site::emit`), taken from the
/// last build's output when the key of the site is the one they were
/// made from, else made; their paths sorted, articles' included, and the
/// key of the site.
fn emit_or_keep(
    site: &render::Site<'_>,
    reuse: &reuse::Reuse<'_>,
    recorder: &render::offline::Recorder,
    sink: &page::Sink<'_>,
    articles: Vec<String>,
    mentions: &[Vec<usize>],
) -> Result<(Vec<String>, u128), Error> {
    let key = reuse.site_key(mentions);
    let Some(kept) = reuse.lists(key)? else {
        let kept = |g: usize, path: &str| -> Result<bool, page::OutputError> {
            let taken = reuse.group(g, path)?;
            let kept = taken.is_some();
            taken.into_iter().for_each(|r| recorder.note(r));
            Ok(kept)
        };
        let emitted = site.emit_keeping(sink, articles, mentions, &kept)?;
        return Ok((emitted, key));
    };
    let mut paths = articles;
    for r in kept {
        paths.push(r.path.clone());
        recorder.note(r);
    }
    paths.sort_unstable();
    Ok((paths, key))
}

/// What anchoring every article leaves: the paths of the article pages
/// written, the quote errors, and the entities each article mentions.
type Anchored = (Vec<String>, Vec<Diagnostic>, Vec<Vec<usize>>);

/// Anchors every article in parallel and hands each article page to
/// `sink` as soon as its article is anchored (after the first quote
/// error, no more pages are made). Returns the paths of the pages written
/// and the quote errors, in article order, and the mentions.
/// With `kept`, an article page made from the same inputs as the last
/// build's is taken from it (noted by the recorder) instead.
fn anchor_and_write_articles(
    loaded: &load::Loaded,
    site: &render::Site<'_>,
    cites: &[Vec<(usize, usize)>],
    sink: &page::Sink<'_>,
    kept: Option<(&reuse::Reuse<'_>, &render::offline::Recorder)>,
) -> Result<Anchored, Error> {
    let failed = AtomicBool::new(false);
    let done = (0..loaded.dossier.articles.len())
        .into_par_iter()
        .map(|i| -> Result<_, Error> {
            let going = !failed.load(Ordering::Relaxed);
            if let (true, Some((reuse, recorder))) = (going, kept) {
                let path = render::article_path(&loaded.dossier.articles[i]);
                if let Some((recorded, mentions)) = reuse.article(i, &path)? {
                    recorder.note(recorded);
                    return Ok((Vec::new(), Some(path), mentions));
                }
            }
            let (mut article, diags) =
                anchor::anchor_one(&loaded.dossier, &loaded.sources, i, &cites[i], going);
            if !diags.is_empty() {
                failed.store(true, Ordering::Relaxed);
            }
            if !going || !diags.is_empty() {
                return Ok((diags, None, Vec::new()));
            }
            let page = site.article(i, &article)?;
            let entities = std::mem::take(&mut article.entities);
            drop(article);
            let path = page.path.clone();
            sink(page)?;
            Ok((diags, Some(path), entities))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    let mut articles = Vec::with_capacity(done.len());
    let mut quote_diags = Vec::new();
    let mut mentions = Vec::with_capacity(done.len());
    for (diags, path, entities) in done {
        quote_diags.extend(diags);
        articles.extend(path);
        mentions.push(entities);
    }
    Ok((articles, quote_diags, mentions))
}

/// `check`, or a dossier with errors: every quote located, then the
/// analysis's warnings when there is no error.
/// What the theme's message catalogues say of the dossier's language (no
/// catalogue for it, messages missing from it), as a build reports it, so
/// `check` (`--strict`) warns of what `build` would. A theme that does not
/// load is left to `build` to report.
fn catalogue_warnings(root: &Path, loaded: &mut load::Loaded) {
    if let Ok(theme) = theme::Theme::load(root, &loaded.config.theme) {
        let (_, diags) =
            crate::i18n::Messages::load(&theme, &loaded.config.language, &mut loaded.sources);
        loaded.diagnostics.extend(diags);
    }
}

fn check_only(loaded: &mut load::Loaded, mode: &Mode, timer: &Timer) {
    let (_, quote_diags) = anchor::anchor(&loaded.dossier, &loaded.sources, false);
    loaded.diagnostics.extend(quote_diags);
    timer.lap("anchor");
    if loaded.diagnostics.errors() == 0 {
        let (_, warnings) =
            analyse::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance);
        timer.lap("analyse");
        loaded.diagnostics.extend(warnings);
    }
    if let Mode::Check { strict: true } = mode {
        loaded.diagnostics.promote_warnings();
    }
}

/// Drops `value` on a thread of its own: freeing the model of a big
/// dossier (hundreds of thousands of strings) takes a tenth of a second
/// that the build need not wait for. If no thread can be started it is
/// dropped here.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

/// The report of a run, from what was loaded (and the diagnostics, if
/// already rendered).
fn report_of(loaded: &load::Loaded, rendered: Option<Rendering>, pages: usize) -> Report {
    let (diagnostics, all_diagnostics) =
        rendered.unwrap_or_else(|| render_diagnostics(&loaded.diagnostics, &loaded.sources));
    Report {
        diagnostics,
        all_diagnostics,
        errors: loaded.diagnostics.errors(),
        warnings: loaded.diagnostics.warnings(),
        pages,
        claims: loaded.dossier.claims.len(),
        articles: loaded.dossier.articles.len(),
        messages: None,
    }
}

/// Diagnostics as [`Report::diagnostics`] and [`Report::all_diagnostics`]
/// hold them.
pub(crate) type Rendering = (String, Option<String>);

/// The capped text, and the whole text when the cap left warnings out.
pub(crate) fn render_diagnostics(diagnostics: &Diagnostics, sources: &Sources) -> Rendering {
    let (capped, cut) = diagnostics.render_capped(sources);
    let all = cut.then(|| diagnostics.render(sources));
    (capped, all)
}
