//! The rendering pass: every page and data file of the site is one job,
//! run in parallel (rayon), and each page is handed to the writer as soon
//! as it is made. Takes a ready [`Site`]; gives the paths emitted. Never
//! keeps the pages it made.

use super::pages::ArticleMentions;
use super::{RenderError, Site, assets, data, search_index};
use crate::page::{Page, Sink};
use rayon::prelude::*;

/// One unit of rendering work.
#[derive(Debug, Clone, Copy)]
enum Job {
    Index,
    Sources,
    NotFound,
    Figures,
    Timeline,
    Search,
    SearchIndex,
    ClaimsJson,
    ClaimsCsv,
    Static,
    Feed,
    Changes,
    Topic(usize),
    /// A claims page: index into [`Site::groups`].
    ClaimGroup(usize),
    Entities,
    Entity(usize),
}

/// Whether the claims page of a group (its index, its path) was taken
/// from the last build's output ([`Site::emit_keeping`]).
pub type KeptGroup<'a> = dyn Fn(usize, &str) -> Result<bool, crate::page::OutputError> + Sync + 'a;

impl Site<'_> {
    /// Renders every page but the articles' (made with their anchoring,
    /// [`Site::article`], and named in `articles`) and every static file,
    /// and hands each to `sink` as soon
    /// as it is made, from the rendering threads, so pages are written
    /// while others render and none is kept. Every page is one job in one
    /// parallel pass, so the few big pages (timeline, figures, search index,
    /// claims.json) are made while other threads render claim pages.
    /// `mentions` are the entities each article mentions (from anchoring).
    /// Returns the paths emitted, sorted.
    pub fn emit(
        &self,
        sink: &Sink<'_>,
        articles: Vec<String>,
        mentions: &[Vec<usize>],
    ) -> Result<Vec<String>, RenderError> {
        self.emit_keeping(sink, articles, mentions, &|_, _| Ok(false))
    }

    /// [`Site::emit`], but a claims page for which `kept` (given the
    /// group's index and the page's path) answers `true` is not made:
    /// the build took it from its last output (`crate::reuse`).
    pub fn emit_keeping(
        &self,
        sink: &Sink<'_>,
        articles: Vec<String>,
        mentions: &[Vec<usize>],
        kept: &KeptGroup<'_>,
    ) -> Result<Vec<String>, RenderError> {
        let d = self.dossier;
        let mentions = ArticleMentions::new(mentions, d.entities.len());
        let mut jobs = vec![
            Job::Index,
            Job::Sources,
            Job::NotFound,
            Job::Figures,
            Job::Timeline,
            Job::Search,
            Job::SearchIndex,
            Job::ClaimsJson,
            Job::ClaimsCsv,
            Job::Static,
        ];
        self.optional_lists(&mut jobs);
        jobs.extend((0..d.topics.len()).map(Job::Topic));
        jobs.extend((0..d.entities.len()).map(Job::Entity));
        jobs.extend((0..self.groups.len()).map(Job::ClaimGroup));
        // The whole-site jobs are few and big: each is its own task, so
        // they run side by side while the many small pages fill the gaps
        // (in one long list, the splitter would give several of them to
        // the same thread in a row).
        let timings = std::env::var_os("DOSSIER_TIMINGS").is_some();
        // Under DOSSIER_TIMINGS: CPU time summed over claim pages,
        // rendering and writing apart (nanoseconds).
        let spent = [(); 2].map(|()| std::sync::atomic::AtomicU64::new(0));
        let add = |k: usize, since: std::time::Instant| {
            spent[k].fetch_add(
                since.elapsed().as_nanos() as u64,
                std::sync::atomic::Ordering::Relaxed,
            );
        };
        let run = |job: Job| -> Result<Vec<String>, RenderError> {
            if let Job::ClaimGroup(g) = job {
                let path = crate::claim_page::page(&self.groups[g].name);
                if kept(g, &path)? {
                    return Ok(vec![path]);
                }
            }
            let start = std::time::Instant::now();
            let kind = match job {
                Job::ClaimGroup(_) => Some(0),
                _ => None,
            };
            let pages = self.job(job, &mentions)?;
            if timings {
                match kind {
                    Some(k) => add(k, start),
                    None => eprintln!(
                        "timing:   {:<28} {:>8.1} ms",
                        pages.first().map_or("", |p| p.path.as_str()),
                        start.elapsed().as_secs_f64() * 1000.0
                    ),
                }
            }
            let start = std::time::Instant::now();
            let mut paths = Vec::with_capacity(pages.len());
            for page in pages {
                paths.push(page.path.clone());
                sink(page)?;
            }
            if let (true, Some(k)) = (timings, kind) {
                add(k + 1, start);
            }
            Ok(paths)
        };
        let small = jobs.split_off(
            jobs.iter()
                .position(|j| matches!(j, Job::ClaimGroup(_)))
                .unwrap_or(jobs.len()),
        );
        let (big, small) = rayon::join(
            || {
                jobs.into_par_iter()
                    .with_max_len(1)
                    .map(run)
                    .collect::<Result<Vec<Vec<String>>, RenderError>>()
            },
            || {
                small
                    .into_par_iter()
                    .map(run)
                    .collect::<Result<Vec<Vec<String>>, RenderError>>()
            },
        );
        let paths: Result<Vec<Vec<String>>, RenderError> = big.and_then(|mut b| {
            b.extend(small?);
            Ok(b)
        });
        if timings {
            let ms = |k: usize| spent[k].load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e6;
            eprintln!(
                "timing:   claims pages: render {:.1} ms, write {:.1} ms (summed over threads)",
                ms(0),
                ms(1)
            );
        }
        // The later pages of the paged lists taken from the last output.
        let taken = self.taken.map(|t| t.pages()).unwrap_or_default();
        let mut paths: Vec<String> = (paths?.into_iter().flatten())
            .chain(articles)
            .chain(taken)
            .collect();
        paths.sort_unstable();
        if let Some(base) = &self.config.base_url {
            let html = super::sitemap_pages(&paths);
            let html: Vec<&str> = html.iter().map(String::as_str).collect();
            let sitemap = data::sitemap(base, &html);
            sink(Page {
                path: "sitemap.xml".into(),
                bytes: sitemap,
            })?;
            let at = paths.partition_point(|p| p.as_str() < "sitemap.xml");
            paths.insert(at, "sitemap.xml".into());
        }
        Ok(paths)
    }

    /// Adds the whole-site files a dossier may not have: the feed (with a
    /// base URL), What changed (with editions), the entities index.
    fn optional_lists(&self, jobs: &mut Vec<Job>) {
        if self.config.base_url.is_some() {
            jobs.push(Job::Feed);
        }
        if self.changes.is_some() {
            jobs.push(Job::Changes);
        }
        if !self.dossier.entities.is_empty() {
            jobs.push(Job::Entities);
        }
    }

    /// The claims pages holding `claims`, for `serve`: what a claims edit
    /// shows first ([`Site::list_pages`] makes the lists after). Returned
    /// in no particular order.
    pub fn claim_group_pages(&self, claims: &[usize]) -> Result<Vec<Page>, RenderError> {
        let jobs = crate::claim_page::groups_of(self.dossier, &self.groups, claims)
            .into_iter()
            .map(Job::ClaimGroup)
            .collect();
        self.run(jobs, &ArticleMentions::new(&[], 0))
    }

    /// The sources page (with `sources`) and the figures page (with
    /// `figures`) alone, for `serve`: what an edit of sources' or
    /// metrics' fields shows first, before the claims pages naming them.
    pub fn fields_pages(&self, sources: bool, figures: bool) -> Result<Vec<Page>, RenderError> {
        let jobs = [(sources, Job::Sources), (figures, Job::Figures)]
            .into_iter()
            .filter_map(|(on, job)| on.then_some(job))
            .collect();
        self.run(jobs, &ArticleMentions::new(&[], 0))
    }

    /// The lists an edit can change, for `serve` (the claims, topics,
    /// sources, metrics, entities and articles otherwise as before, the
    /// same claims by id; the claims pages are [`Site::claim_group_pages`]):
    /// the pages of `topics` and `entities`, and every other page and
    /// data file that lists claims (front page, sources, figures,
    /// timeline, search index, claims.csv, feed, what changed, entities
    /// index). The navigation, the search page, 404.html, the static
    /// files and the sitemap stay as they were; `serve` makes claims.json
    /// from the pieces it keeps. The figures page and claims.csv only
    /// with `lists.figures`. Without `lists.claims` (no claim, article,
    /// source or metric changed: an entity's fields did, or the front
    /// page's or a topic's text), of the lists only the search index
    /// (unless `lists.search_unchanged`), the entities index and, with
    /// `lists.index`, the front page are made. Returned in no particular
    /// order.
    pub fn list_pages(
        &self,
        topics: &[usize],
        entities: &[usize],
        mentions: &[Vec<usize>],
        lists: Lists,
    ) -> Result<Vec<Page>, RenderError> {
        let d = self.dossier;
        let mentions = ArticleMentions::new(mentions, d.entities.len());
        let mut jobs = Vec::new();
        if !lists.search_unchanged {
            jobs.push(Job::SearchIndex);
        }
        if lists.index || lists.claims {
            jobs.push(Job::Index);
        }
        if lists.claims {
            if !lists.sources_shown {
                jobs.push(Job::Sources);
            }
            jobs.push(Job::Timeline);
            if lists.figures {
                if !lists.figures_shown {
                    jobs.push(Job::Figures);
                }
                jobs.push(Job::ClaimsCsv);
            }
            self.optional_lists(&mut jobs);
        } else if !d.entities.is_empty() {
            jobs.push(Job::Entities);
        }
        jobs.extend(topics.iter().map(|&i| Job::Topic(i)));
        jobs.extend(entities.iter().map(|&i| Job::Entity(i)));
        self.run(jobs, &mentions)
    }

    /// Runs `jobs` side by side, each its own task (with
    /// `DOSSIER_TIMINGS`, each timed).
    fn run(&self, jobs: Vec<Job>, mentions: &ArticleMentions) -> Result<Vec<Page>, RenderError> {
        let timings = std::env::var_os("DOSSIER_TIMINGS").is_some();
        let pages = jobs
            .into_par_iter()
            .with_max_len(1)
            .map(|job| {
                let start = std::time::Instant::now();
                let pages = self.job(job, mentions);
                if let (true, Ok(pages)) = (timings, &pages) {
                    eprintln!(
                        "timing:   {:<28} {:>8.1} ms",
                        pages.first().map_or("", |p| p.path.as_str()),
                        start.elapsed().as_secs_f64() * 1000.0
                    );
                }
                pages
            })
            .collect::<Result<Vec<Vec<Page>>, RenderError>>()?;
        Ok(pages.into_iter().flatten().collect())
    }

    fn job(&self, job: Job, mentions: &ArticleMentions) -> Result<Vec<Page>, RenderError> {
        let d = self.dossier;
        let tolerance = self.config.tolerance;
        let file = |path: &str, bytes: Vec<u8>| Page {
            path: path.into(),
            bytes,
        };
        Ok(match job {
            Job::Index => vec![self.index()?],
            Job::Sources => vec![self.sources_page()?],
            Job::NotFound => vec![self.not_found()?],
            Job::Figures => vec![self.figures_page()?],
            Job::Timeline => self.timeline_pages()?,
            Job::Search => vec![self.search_page()?],
            Job::SearchIndex => vec![file(
                "assets/search-index.js",
                search_index::index_js_kept(d, &self.messages, self.search_terms),
            )],
            Job::ClaimsJson => vec![
                file(
                    "data/claims.json",
                    match self.taken {
                        Some(taken) => data::claims_json_taking(
                            d,
                            self.analysis,
                            (&self.config.language, self.config.base_url.as_deref()),
                            tolerance,
                            taken,
                        )?,
                        None => data::claims_json(
                            d,
                            self.analysis,
                            &self.config.language,
                            self.config.base_url.as_deref(),
                            tolerance,
                        ),
                    },
                ),
                file("data/claims.schema.json", data::SCHEMA.as_bytes().to_vec()),
            ],
            Job::ClaimsCsv => vec![file(
                "data/claims.csv",
                data::claims_csv(d, self.analysis, tolerance),
            )],
            Job::Static => vec![
                file(".nojekyll", Vec::new()),
                file("assets/syntax.css", assets::syntax_css().into_bytes()),
            ],
            Job::Feed => {
                let base = self.config.base_url.as_deref().unwrap_or_default();
                vec![file(
                    "feed.xml",
                    data::feed(d, self.analysis, base, self.changes, &self.messages),
                )]
            }
            Job::Changes => self.changes_page()?.into_iter().collect(),
            Job::Topic(i) => self.topic(i)?,
            Job::ClaimGroup(g) => vec![self.claim_group(&self.groups[g])?],
            Job::Entities => vec![self.entities_page(mentions)?],
            Job::Entity(i) => vec![self.entity(i, mentions)?],
        })
    }
}

/// Which lists an edit in `serve` makes again ([`Site::list_pages`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Lists {
    /// Every page and data file that lists claims (of the figures page
    /// and `claims.csv`, with `figures`).
    pub claims: bool,
    /// The figures page and `claims.csv`, which show the claims with
    /// figures alone.
    pub figures: bool,
    /// The front page (its text changed).
    pub index: bool,
    /// The search index stays as it was: the front page's text alone
    /// changed, of which it holds no word.
    pub search_unchanged: bool,
    /// The sources page and the figures page were made already (`serve`
    /// showed them first, [`Site::fields_pages`]): not made again.
    pub sources_shown: bool,
    pub figures_shown: bool,
}
