//! Rendering: builds a small view model per page (only what that page
//! shows, never the whole site) and renders it with the theme's Tera
//! templates, which autoescape. Every internal link is computed here, by
//! [`href`], relative to the page and naming a file, so the same output works
//! from `file://`, at a domain root and under a project path.

use crate::analysis::{Analysis, ClaimFacts, Conflict, Status, support_of};
use crate::anchor::AnchoredArticle;
use crate::config::Config;
use crate::format::{format_figure, format_number, text_fragment_url};
use crate::markdown::{self, CLASS_STYLE};
use crate::model::*;
use crate::output::{OutputError, Page};
use crate::theme::Theme;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use tera::{Context, Tera};

pub mod chart;
pub mod data;
mod fast;
pub mod search_index;
mod slots;

use slots::Slots;

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

fn tera_err(e: tera::Error) -> RenderError {
    use std::error::Error as _;
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    RenderError::Tera(msg)
}

/// Tera's `truncate` filter (`length`, default 255 graphemes; `end`,
/// default "…"), giving the same result without splitting the whole string
/// into graphemes first: titles and statements are truncated on every page.
fn truncate(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("filter `truncate` expects a string"))?;
    let length = match args.get("length") {
        Some(v) => v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| tera::Error::msg("filter `truncate`: `length` must be a number"))?,
        None => 255,
    };
    let end = match args.get("end") {
        Some(v) => v
            .as_str()
            .ok_or_else(|| tera::Error::msg("filter `truncate`: `end` must be a string"))?,
        None => "…",
    };
    Ok(tera::Value::String(match grapheme_cut(text, length) {
        None => text.to_string(),
        Some(at) => format!("{}{end}", &text[..at]),
    }))
}

/// Where `truncate(length)` cuts `text`: the byte offset after its first
/// `length` grapheme clusters, or `None` when it has no more than that.
fn grapheme_cut(text: &str, length: usize) -> Option<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    // No more characters than `length`: no more graphemes either.
    if text.len() <= length || text.chars().count() <= length {
        return None;
    }
    text.grapheme_indices(true).nth(length).map(|(at, _)| at)
}

/// Link from a page at `depth` folders below the root to `target` (a path
/// from the root, naming a file, optionally with `#fragment`).
pub fn href(depth: usize, target: &str) -> String {
    let mut s = "../".repeat(depth);
    s.push_str(target);
    s
}

#[derive(Serialize)]
struct Link {
    href: String,
    text: String,
}

#[derive(Serialize)]
struct DateView {
    iso: String,
    human: String,
}

fn date(d: &PartialDate) -> DateView {
    DateView {
        iso: d.iso(),
        human: d.human(),
    }
}

#[derive(Serialize, Clone)]
struct Grade {
    code: String,
    title: String,
}

/// Every grade of the Admiralty scale (A–F × 1–6), made once.
static GRADES: std::sync::OnceLock<Vec<Grade>> = std::sync::OnceLock::new();

fn grade_table() -> Vec<Grade> {
    (b'A'..=b'F')
        .flat_map(|r| (1..=6).map(move |c| grade(Reliability(r), Credibility(c))))
        .collect()
}

/// The grade of a source and a claim, from the table when it is on the
/// scale (as every loaded one is).
fn grade_of(r: Reliability, c: Credibility) -> std::borrow::Cow<'static, Grade> {
    if (b'A'..=b'F').contains(&r.0) && (1..=6).contains(&c.0) {
        let table = GRADES.get_or_init(grade_table);
        std::borrow::Cow::Borrowed(&table[usize::from(r.0 - b'A') * 6 + usize::from(c.0 - 1)])
    } else {
        std::borrow::Cow::Owned(grade(r, c))
    }
}

fn grade(r: Reliability, c: Credibility) -> Grade {
    Grade {
        code: format!("{}{}", r.letter(), c.0),
        title: format!("{}: {} · {}: {}", r.letter(), r.words(), c.0, c.words()),
    }
}

fn support_words(origins: usize, articles: usize) -> String {
    let o = if origins == 1 {
        "1 origin"
    } else {
        &format!("{origins} independent origins")
    };
    let a = if articles == 1 {
        "1 article"
    } else {
        &format!("{articles} articles")
    };
    [o, " · ", a].concat()
}

/// A claim in a list: borrowed from the model where it can be (a big
/// dossier lists each claim on several pages).
#[derive(Serialize)]
struct ClaimRow<'a> {
    id: &'a str,
    href: String,
    statement: &'a str,
    status: &'static str,
    status_words: &'static str,
    grade: std::borrow::Cow<'a, Grade>,
    support: &'a str,
    origin: &'a str,
    date: Option<&'a DateView>,
}

#[derive(Serialize)]
struct JudgmentView {
    text: String,
    likelihood: Option<&'static str>,
    likelihood_band: Option<&'static str>,
    confidence: &'static str,
    confidence_words: String,
    support: String,
    claims: Vec<Link>,
}

#[derive(Serialize, Clone)]
struct Nav {
    href: String,
    text: String,
    current: bool,
}

#[derive(Serialize)]
struct Common<'a> {
    site_title: &'a str,
    language: &'a str,
    title: Cow<'a, str>,
    description: Cow<'a, str>,
    kind: &'static str,
    home: String,
    style: String,
    syntax: String,
    nav: Cow<'a, [Nav]>,
    canonical: Option<String>,
    feed: Option<String>,
    root: String,
    search: String,
    base_href: Option<String>,
    footer: Option<&'a str>,
}

// What claim.html is given.
#[derive(Serialize)]
struct FigureView {
    metric: String,
    text: String,
    unit: String,
    status: &'static str,
    as_of: Option<DateView>,
}
#[derive(Serialize)]
struct EvidenceView<'a> {
    number: usize,
    quote: &'a str,
    language: &'a str,
    translation: Option<&'a str>,
    passage: String,
    article: &'a str,
    published: DateView,
    outlet: Option<&'a str>,
    external: Option<String>,
}
#[derive(Serialize)]
struct ConflictView<'a> {
    claim: ClaimRow<'a>,
    reason: String,
}
#[derive(Serialize)]
struct JudgmentRef {
    text: String,
    place: Link,
}
#[derive(Serialize)]
struct ClaimCtx<'a> {
    common: Common<'a>,
    claim: ClaimRow<'a>,
    topics: Vec<Link>,
    origin: SourceRef,
    via: Vec<SourceRef>,
    credibility: String,
    status_reason: String,
    figures: Vec<FigureView>,
    evidence: Vec<EvidenceView<'a>>,
    conflicts: Vec<ConflictView<'a>>,
    support: Vec<ClaimRow<'a>>,
    judgments: Vec<JudgmentRef>,
    note_html: Option<&'a str>,
    articles: Vec<Link>,
    json_ld: String,
    relay_svg: String,
}

// What article.html is given.
#[derive(Serialize)]
struct CitedClaim<'a> {
    number: usize,
    claim: ClaimRow<'a>,
    passages: Vec<String>,
}

#[derive(Serialize)]
struct ArticleCtx<'a> {
    common: Common<'a>,
    title: &'a str,
    language: &'a str,
    published: DateView,
    outlet: Option<&'a str>,
    author: Option<&'a str>,
    url: Option<&'a str>,
    reliability: Option<String>,
    summary_html: Option<&'a str>,
    text_html: &'a str,
    claims: Vec<CitedClaim<'a>>,
}

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
    Topic(usize),
    Claim(usize),
}

/// Everything rendering needs, borrowed.
pub struct Site<'a> {
    /// Settings.
    pub config: &'a Config,
    /// Model.
    pub dossier: &'a Dossier,
    /// Derived facts.
    pub analysis: &'a Analysis,
    tera: Tera,
    /// Claim pages are written by [`fast`] (the theme's claim page is the
    /// default one).
    fast_claims: bool,
    /// Article pages are written by [`fast`] (default `article.html`).
    fast_articles: bool,
    /// The default `timeline.html` and `topic.html` get their long lists
    /// as HTML.
    fast_timeline: bool,
    fast_topic: bool,
    fast_figures: bool,
    fast_sources: bool,
    /// The navigation of pages that are not in it, at depths 0 and 1.
    plain_nav: [Vec<Nav>; 2],
    /// Each claim's date and support, as its rows in every list show them:
    /// made the first time (not for each of the lists a claim is in), and
    /// only for the claims shown (`serve` redoes one article's page).
    claim_dates: Vec<std::sync::OnceLock<Option<DateView>>>,
    claim_support: Vec<std::sync::OnceLock<String>>,
    /// Lists of claims are written by [`fast::claim_item`] and handed to
    /// the templates as HTML (the theme's macros are the default ones).
    fast_rows: bool,
}

impl<'a> Site<'a> {
    /// Prepares the templates.
    pub fn new(
        config: &'a Config,
        dossier: &'a Dossier,
        analysis: &'a Analysis,
        theme: &Theme,
    ) -> Result<Self, RenderError> {
        let mut tera = Tera::default();
        let mut templates = Vec::new();
        for (name, bytes) in theme.templates() {
            let text = String::from_utf8(bytes.to_vec())
                .map_err(|_| RenderError::Tera(format!("template {name} is not UTF-8")))?;
            templates.push((name.to_string(), text));
        }
        tera.add_raw_templates(templates).map_err(tera_err)?;
        tera.register_filter("truncate", truncate);
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(markdown::escape);
        // The hand-compiled claim page stands in for these templates only
        // while they are the default ones, byte for byte.
        let defaults = crate::theme::default_files();
        let is_default = |name: &str| {
            let path = format!("templates/{name}");
            let default = defaults.iter().find(|(p, _)| *p == path).map(|(_, b)| *b);
            let used = theme.templates().find(|(n, _)| *n == name).map(|(_, b)| b);
            default.is_some() && default == used
        };
        let allowed = std::env::var_os("DOSSIER_NO_FAST_PAGES").is_none();
        let fast_rows = allowed && is_default("macros.html");
        let fast_claims = fast_rows && is_default("claim.html") && is_default("base.html");
        let fast_articles = fast_rows && is_default("article.html") && is_default("base.html");
        let fast_timeline = allowed && is_default("timeline.html");
        let fast_topic = allowed && is_default("topic.html");
        let fast_figures = allowed && is_default("figures.html");
        let fast_sources = allowed && is_default("sources.html");
        let mut site = Site {
            config,
            dossier,
            analysis,
            tera,
            fast_claims,
            fast_articles,
            fast_timeline,
            fast_topic,
            fast_figures,
            fast_sources,
            plain_nav: [Vec::new(), Vec::new()],
            claim_dates: (0..dossier.claims.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            claim_support: (0..dossier.claims.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
            fast_rows,
        };
        site.plain_nav = [site.nav(0, "", ""), site.nav(1, "", "")];
        Ok(site)
    }

    /// The site navigation at `depth`, marking the page of `kind` at
    /// `path` as the current one.
    fn nav(&self, depth: usize, kind: &str, path: &str) -> Vec<Nav> {
        let mut nav = vec![Nav {
            href: href(depth, "index.html"),
            text: "Overview".into(),
            current: kind == "index",
        }];
        for t in &self.dossier.topics {
            let target = format!("topics/{}.html", t.id);
            nav.push(Nav {
                href: href(depth, &target),
                current: path == target,
                text: t.title.clone(),
            });
        }
        for (target, text, k) in [
            ("figures.html", "Figures", "figures"),
            ("timeline.html", "Timeline", "timeline"),
            ("sources.html", "Sources", "sources"),
        ] {
            nav.push(Nav {
                href: href(depth, target),
                text: text.into(),
                current: kind == k,
            });
        }
        nav
    }

    fn common<'s>(
        &'s self,
        depth: usize,
        title: impl Into<Cow<'s, str>>,
        description: impl Into<Cow<'s, str>>,
        kind: &'static str,
        path: &str,
    ) -> Common<'s> {
        let d = self.dossier;
        // A page that is not in the navigation (a claim, an article) at a
        // usual depth shares one list.
        let listed = matches!(kind, "index" | "figures" | "timeline" | "sources")
            || path.starts_with("topics/");
        let nav = match self.plain_nav.get(depth) {
            Some(nav) if !listed => Cow::Borrowed(nav.as_slice()),
            _ => Cow::Owned(self.nav(depth, kind, path)),
        };
        Common {
            site_title: &d.front.title,
            language: &self.config.language,
            title: title.into(),
            description: description.into(),
            kind,
            home: href(depth, "index.html"),
            style: href(depth, "assets/style.css"),
            syntax: href(depth, "assets/syntax.css"),
            nav,
            canonical: self.config.base_url.as_ref().map(|b| format!("{b}{path}")),
            feed: self
                .config
                .base_url
                .as_ref()
                .map(|b| format!("{b}feed.xml")),
            root: href(depth, ""),
            search: href(depth, "search.html"),
            base_href: None,
            footer: self.config.description.as_deref(),
        }
    }

    fn claim_row(&self, depth: usize, i: usize) -> ClaimRow<'_> {
        let c = &self.dossier.claims[i];
        let f = &self.analysis.claims[i];
        let origin = &self.dossier.sources[c.origin];
        ClaimRow {
            id: &c.id,
            href: href(depth, &["claims/", &c.id, ".html"].concat()),
            statement: &c.statement,
            status: f.status.slug(),
            status_words: f.status.words(),
            grade: grade_of(origin.reliability, c.credibility),
            support: self.claim_support[i]
                .get_or_init(|| support_words(f.origins.len(), f.articles.len())),
            origin: &origin.name,
            date: self.claim_dates[i]
                .get_or_init(|| c.date.as_ref().map(date))
                .as_ref(),
        }
    }

    /// The claim rows as `m::claim_item` would write them, one after the
    /// other, when the theme's macros are the default ones.
    fn rows_html(&self, rows: &[ClaimRow<'_>]) -> Option<String> {
        self.fast_rows.then(|| {
            let mut html = String::with_capacity(rows.len() * 600);
            for row in rows {
                fast::claim_item(&mut html, row);
            }
            html
        })
    }

    fn judgment(&self, depth: usize, j: &Judgment) -> JudgmentView {
        let (origins, articles) = support_of(&j.based_on, &self.analysis.claims);
        JudgmentView {
            text: j.text.clone(),
            likelihood: j.likelihood.map(Likelihood::words),
            likelihood_band: j.likelihood.map(Likelihood::band),
            confidence: j.confidence.as_str(),
            confidence_words: format!("{} confidence", capitalize(j.confidence.as_str())),
            support: support_words(origins, articles),
            claims: j
                .based_on
                .iter()
                .map(|&c| Link {
                    href: href(depth, &format!("claims/{}.html", self.dossier.claims[c].id)),
                    text: self.dossier.claims[c].statement.clone(),
                })
                .collect(),
        }
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

    /// Renders every page but the articles' (made with their anchoring,
    /// [`Site::article`], and named in `articles`) and every static file,
    /// and hands each to `sink` as soon
    /// as it is made, from the rendering threads, so pages are written
    /// while others render and none is kept. Every page is one job in one
    /// parallel pass, so the few big pages (timeline, figures, search index,
    /// claims.json) are made while other threads render claim pages.
    /// Returns the paths emitted, sorted.
    pub fn emit(
        &self,
        sink: &(dyn Fn(Page) -> Result<(), OutputError> + Sync),
        articles: Vec<String>,
    ) -> Result<Vec<String>, RenderError> {
        let d = self.dossier;
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
        if self.config.base_url.is_some() {
            jobs.push(Job::Feed);
        }
        jobs.extend((0..d.topics.len()).map(Job::Topic));
        jobs.extend((0..d.claims.len()).map(Job::Claim));
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
            let start = std::time::Instant::now();
            let kind = match job {
                Job::Claim(_) => Some(0),
                _ => None,
            };
            let pages = self.job(job)?;
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
                .position(|j| matches!(j, Job::Claim(_)))
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
                "timing:   claim pages: render {:.1} ms, write {:.1} ms (summed over threads)",
                ms(0),
                ms(1)
            );
        }
        let mut paths: Vec<String> = paths?.into_iter().flatten().chain(articles).collect();
        paths.sort_unstable();
        if let Some(base) = &self.config.base_url {
            let html: Vec<&str> = paths
                .iter()
                .map(String::as_str)
                .filter(|p| p.ends_with(".html") && *p != "404.html")
                .collect();
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

    fn job(&self, job: Job) -> Result<Vec<Page>, RenderError> {
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
            Job::Timeline => vec![self.timeline_page()?],
            Job::Search => vec![self.search_page()?],
            Job::SearchIndex => vec![file("assets/search-index.js", search_index::index_js(d))],
            Job::ClaimsJson => vec![
                file(
                    "data/claims.json",
                    data::claims_json(
                        d,
                        self.analysis,
                        &self.config.language,
                        self.config.base_url.as_deref(),
                        tolerance,
                    ),
                ),
                file("data/claims.schema.json", data::SCHEMA.as_bytes().to_vec()),
            ],
            Job::ClaimsCsv => vec![file("data/claims.csv", data::claims_csv(d, tolerance))],
            Job::Static => vec![
                file(".nojekyll", Vec::new()),
                file("assets/syntax.css", syntax_css().into_bytes()),
            ],
            Job::Feed => {
                let base = self.config.base_url.as_deref().unwrap_or_default();
                vec![file("feed.xml", data::feed(d, self.analysis, base))]
            }
            Job::Topic(i) => vec![self.topic(i)?],
            Job::Claim(i) => vec![self.claim(i)?],
        })
    }

    fn index(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Card {
            href: String,
            title: String,
            summary: Option<String>,
            claims: usize,
            contested: usize,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            summary_html: Option<String>,
            body_html: &'a str,
            judgments: Vec<JudgmentView>,
            topics: Vec<Card>,
            counts: [usize; 4],
            legend: Legend,
            figures: Vec<MetricSummary>,
        }
        let d = self.dossier;
        let topics = d
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let claims = &self.analysis.topic_claims[i];
                Card {
                    href: href(0, &format!("topics/{}.html", t.id)),
                    title: t.title.clone(),
                    summary: t.summary.clone(),
                    claims: claims.len(),
                    contested: claims
                        .iter()
                        .filter(|&&c| self.analysis.claims[c].status == Status::Contested)
                        .count(),
                }
            })
            .collect();
        let ctx = Ctx {
            common: self.common(
                0,
                d.front.title.clone(),
                d.front.summary.clone().unwrap_or_default(),
                "index",
                "index.html",
            ),
            summary_html: d.front.summary.as_deref().map(markdown::render_inline),
            body_html: &d.front.body_html,
            judgments: d
                .front
                .judgments
                .iter()
                .map(|j| self.judgment(0, j))
                .collect(),
            topics,
            counts: [
                d.claims.len(),
                d.articles.len(),
                d.sources.len(),
                d.topics.len(),
            ],
            legend: legend(),
            figures: (0..d.metrics.len())
                .filter(|&m| !self.analysis.metrics[m].figures.is_empty())
                .map(|m| self.metric_summary(0, m))
                .collect(),
        };
        self.render("index.html", "index.html".into(), &ctx)
    }

    fn topic(&self, i: usize) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Group<'r> {
            status: &'static str,
            title: &'static str,
            claims: Vec<ClaimRow<'r>>,
            count: usize,
            claims_html: Option<String>,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            id: &'a str,
            summary: Option<&'a str>,
            body_html: &'a str,
            judgments: Vec<JudgmentView>,
            groups: Vec<Group<'a>>,
            timeline: Vec<ClaimRow<'a>>,
            timeline_html: Option<String>,
            articles: Vec<ArticleRow>,
            articles_html: Option<String>,
            sources: Vec<SourceRef>,
            metrics: Vec<MetricView<'a>>,
        }
        let d = self.dossier;
        let t = &d.topics[i];
        let claims = &self.analysis.topic_claims[i];
        let mut dated: Vec<usize> = claims
            .iter()
            .copied()
            .filter(|&c| d.claims[c].date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            (d.claims[a].date, &d.claims[a].id).cmp(&(d.claims[b].date, &d.claims[b].id))
        });
        let mut articles: Vec<usize> = claims
            .iter()
            .flat_map(|&c| self.analysis.claims[c].articles.iter().copied())
            .collect();
        articles.sort_unstable();
        articles.dedup();
        let mut sources: Vec<usize> = claims
            .iter()
            .flat_map(|&c| {
                std::iter::once(d.claims[c].origin).chain(d.claims[c].via.iter().copied())
            })
            .collect();
        sources.sort_unstable();
        sources.dedup();
        let path = format!("topics/{}.html", t.id);
        // The default template lists claims, the timeline and the
        // articles from their HTML, and nothing else from those lists.
        let fast = self.fast_topic && self.fast_rows;
        let ctx = |slots: &Slots| {
            let groups = [
                (Status::Contested, "Contested"),
                (Status::Corroborated, "Corroborated"),
                (Status::SingleSource, "Single source"),
            ]
            .into_iter()
            .map(|(status, title)| {
                let rows: Vec<ClaimRow> = claims
                    .iter()
                    .filter(|&&c| self.analysis.claims[c].status == status)
                    .map(|&c| self.claim_row(1, c))
                    .collect();
                let claims_html = self.rows_html(&rows);
                Group {
                    status: status.slug(),
                    title,
                    count: rows.len(),
                    claims: if claims_html.is_some() && self.fast_topic {
                        Vec::new()
                    } else {
                        rows
                    },
                    claims_html: slots.put_opt(claims_html),
                }
            })
            .filter(|g| g.count > 0)
            .collect();
            let (articles, articles_html) =
                self.article_rows(1, &articles, fast, slots, fast::topic_article_item);
            Ctx {
                common: self.common(
                    1,
                    t.title.clone(),
                    t.summary.clone().unwrap_or_default(),
                    "topic",
                    &path,
                ),
                id: &t.id,
                summary: t.summary.as_deref(),
                body_html: &t.body_html,
                judgments: t.judgments.iter().map(|j| self.judgment(1, j)).collect(),
                groups,
                timeline_html: slots.put_opt(self.fast_topic.then(|| {
                    let mut html = String::with_capacity(dated.len() * 300);
                    for &c in &dated {
                        fast::topic_timeline_item(&mut html, &self.claim_row(1, c));
                    }
                    html
                })),
                timeline: if self.fast_topic {
                    Vec::new()
                } else {
                    dated.iter().map(|&c| self.claim_row(1, c)).collect()
                },
                articles,
                articles_html,
                sources: sources.iter().map(|&s| self.source_ref(1, s)).collect(),
                metrics: (0..d.metrics.len())
                    .filter(|&m| {
                        d.metrics[m].topic == i && !self.analysis.metrics[m].figures.is_empty()
                    })
                    .map(|m| self.metric_view(1, m, !fast, slots))
                    .collect(),
            }
        };
        self.render_slotted("topic.html", path.clone(), fast, ctx)
    }

    fn source_ref(&self, depth: usize, s: usize) -> SourceRef {
        let s = &self.dossier.sources[s];
        SourceRef {
            href: href(depth, &format!("sources.html#source-{}", s.id)),
            name: s.name.clone(),
            reliability: s.reliability.letter(),
            reliability_words: s.reliability.words(),
            kind: s.kind.words(),
        }
    }

    fn article_row(&self, depth: usize, a: usize) -> ArticleRow {
        let art = &self.dossier.articles[a];
        ArticleRow {
            href: href(depth, &format!("articles/{}.html", art.slug)),
            title: art.title.clone(),
            language: art.language.clone(),
            published: date(&art.published),
            outlet: art.outlet.clone(),
            claims: self.analysis.article_claims[a].len(),
        }
    }

    /// The rows of a list of articles: as HTML written by `write` (through
    /// `slots`) when `fast`, else as rows for the template.
    fn article_rows(
        &self,
        depth: usize,
        articles: &[usize],
        fast: bool,
        slots: &Slots,
        write: fn(&mut String, &ArticleRow),
    ) -> (Vec<ArticleRow>, Option<String>) {
        if !fast {
            let rows = articles.iter().map(|&a| self.article_row(depth, a));
            return (rows.collect(), None);
        }
        let mut html = String::with_capacity(articles.len() * 250);
        for &a in articles {
            write(&mut html, &self.article_row(depth, a));
        }
        (Vec::new(), slots.put_opt(Some(html)))
    }

    fn claim(&self, i: usize) -> Result<Page, RenderError> {
        let d = self.dossier;
        let c = &d.claims[i];
        let facts: &ClaimFacts = &self.analysis.claims[i];
        let figures = c
            .figures
            .iter()
            .map(|f| FigureView {
                metric: d.metrics[f.metric].label.clone(),
                text: format_figure(f),
                unit: d.metrics[f.metric].unit.clone(),
                status: f.status.as_str(),
                as_of: f.as_of.as_ref().map(date),
            })
            .collect();
        let evidence = c
            .evidence
            .iter()
            .map(|e| {
                let a = &d.articles[e.article];
                EvidenceView {
                    number: e.number,
                    quote: e.quote.trim(),
                    language: &a.language,
                    translation: e.translation.as_deref(),
                    passage: href(1, &["articles/", &a.slug, ".html#", &e.anchor].concat()),
                    article: &a.title,
                    published: date(&a.published),
                    outlet: a.outlet.as_deref(),
                    external: a.url.as_ref().map(|u| text_fragment_url(u, &e.quote)),
                }
            })
            .collect();
        let conflicts = facts
            .conflicts
            .iter()
            .map(|x| ConflictView {
                claim: self.claim_row(
                    1,
                    match x {
                        Conflict::Contradiction { other } | Conflict::Figure { other, .. } => {
                            *other
                        }
                    },
                ),
                reason: data::conflict_reason(d, i, x),
            })
            .collect();
        let status_reason = match facts.status {
            Status::Contested if facts.conflicts_total > facts.conflicts.len() => format!(
                "Contested: {} conflicts; the {} most telling are below.",
                format_number(facts.conflicts_total as f64),
                facts.conflicts.len()
            ),
            Status::Contested => format!(
                "Contested: {} conflict{} below.",
                facts.conflicts.len(),
                if facts.conflicts.len() == 1 { "" } else { "s" }
            ),
            Status::Corroborated => format!(
                "Corroborated: {} independent origins support it.",
                facts.origins.len()
            ),
            Status::SingleSource => {
                if facts.support.is_empty() {
                    "Single source: no claim from another origin supports it.".to_string()
                } else {
                    "Single source: the claims that support it come from the same origin (circular reporting counts once).".to_string()
                }
            }
        };
        let mut judgments = Vec::new();
        for j in &d.front.judgments {
            if j.based_on.contains(&i) {
                judgments.push(JudgmentRef {
                    text: j.text.clone(),
                    place: Link {
                        href: href(1, "index.html#judgments"),
                        text: "Overview".into(),
                    },
                });
            }
        }
        for t in &d.topics {
            for j in &t.judgments {
                if j.based_on.contains(&i) {
                    judgments.push(JudgmentRef {
                        text: j.text.clone(),
                        place: Link {
                            href: href(1, &format!("topics/{}.html#judgments", t.id)),
                            text: t.title.clone(),
                        },
                    });
                }
            }
        }
        let path = format!("claims/{}.html", c.id);
        let node = |s: usize| chart::Node {
            label: &d.sources[s].name,
            href: href(1, &format!("sources.html#source-{}", d.sources[s].id)),
        };
        let relay_svg = chart::relay_chain(
            &c.id,
            &node(c.origin),
            &c.via.iter().map(|&v| node(v)).collect::<Vec<_>>(),
            &facts
                .articles
                .iter()
                .map(|&a| chart::Node {
                    label: &d.articles[a].title,
                    href: href(1, &format!("articles/{}.html", d.articles[a].slug)),
                })
                .collect::<Vec<_>>(),
        );
        let ctx = ClaimCtx {
            json_ld: data::claim_json_ld(d, i, self.config.base_url.as_deref()),
            relay_svg,
            common: self.common(
                1,
                c.statement.as_str(),
                c.statement.as_str(),
                "claim",
                &path,
            ),
            claim: self.claim_row(1, i),
            topics: c
                .topics
                .iter()
                .map(|&t| Link {
                    href: href(1, &format!("topics/{}.html", d.topics[t].id)),
                    text: d.topics[t].title.clone(),
                })
                .collect(),
            origin: self.source_ref(1, c.origin),
            via: c.via.iter().map(|&s| self.source_ref(1, s)).collect(),
            credibility: format!("{} — {}", c.credibility.0, c.credibility.words()),
            status_reason,
            figures,
            evidence,
            conflicts,
            support: facts
                .support
                .iter()
                .map(|&s| self.claim_row(1, s))
                .collect(),
            judgments,
            note_html: c.note_html.as_deref(),
            articles: facts
                .articles
                .iter()
                .map(|&a| Link {
                    href: href(1, &format!("articles/{}.html", d.articles[a].slug)),
                    text: d.articles[a].title.clone(),
                })
                .collect(),
        };
        if self.fast_claims {
            return Ok(Page {
                path,
                bytes: fast::claim_page(&ctx).into_bytes(),
            });
        }
        self.render("claim.html", path, &ctx)
    }

    /// The page of article `i`, from its anchoring.
    pub fn article(&self, i: usize, anchored: &AnchoredArticle) -> Result<Page, RenderError> {
        let d = self.dossier;
        let a = &d.articles[i];
        let claims = anchored
            .claims
            .iter()
            .enumerate()
            .map(|(n, (c, numbers))| CitedClaim {
                number: n + 1,
                claim: self.claim_row(1, *c),
                passages: numbers
                    .iter()
                    .map(|k| format!("#q-{}-{k}", d.claims[*c].id))
                    .collect(),
            })
            .collect();
        let path = format!("articles/{}.html", a.slug);
        let ctx = ArticleCtx {
            common: self.common(1, a.title.as_str(), a.title.as_str(), "article", &path),
            title: &a.title,
            language: &a.language,
            published: date(&a.published),
            outlet: a.outlet.as_deref(),
            author: a.author.as_deref(),
            url: a.url.as_deref(),
            reliability: a
                .reliability
                .map(|r| format!("{} — {}", r.letter(), r.words())),
            summary_html: a.summary_html.as_deref(),
            text_html: &anchored.html,
            claims,
        };
        if self.fast_articles {
            return Ok(Page {
                path,
                bytes: fast::article_page(&ctx).into_bytes(),
            });
        }
        self.render("article.html", path, &ctx)
    }

    fn sources_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct SourceRow {
            id: String,
            name: String,
            kind: &'static str,
            country: Option<String>,
            reliability: char,
            reliability_words: &'static str,
            note: Option<String>,
            originated: Vec<Link>,
            originated_count: usize,
            originated_html: Option<String>,
            relayed: Vec<Link>,
            relayed_count: usize,
            relayed_html: Option<String>,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            sources: Vec<SourceRow>,
            articles: Vec<ArticleRow>,
            articles_html: Option<String>,
            legend: Legend,
        }
        let d = self.dossier;
        // The default template lists claims and articles from their HTML.
        let fast = self.fast_sources && self.fast_rows;
        let link = |c: &usize| Link {
            href: href(0, &["claims/", &d.claims[*c].id, ".html"].concat()),
            text: d.claims[*c].statement.clone(),
        };
        let links = |claims: &[usize], slots: &Slots| -> (Vec<Link>, Option<String>) {
            if fast {
                let mut html = String::with_capacity(claims.len() * 150);
                for c in claims {
                    fast::source_claim_item(&mut html, &link(c));
                }
                (Vec::new(), slots.put_opt(Some(html)))
            } else {
                (claims.iter().map(link).collect(), None)
            }
        };
        let mut articles: Vec<usize> = (0..d.articles.len()).collect();
        articles.sort_by(|&a, &b| {
            (d.articles[a].published, &d.articles[a].slug)
                .cmp(&(d.articles[b].published, &d.articles[b].slug))
        });
        let ctx = |slots: &Slots| {
            let (article_rows, articles_html) =
                self.article_rows(0, &articles, fast, slots, fast::source_article_row);
            Ctx {
                common: self.common(
                    0,
                    "Sources and articles",
                    "Originating sources and source articles",
                    "sources",
                    "sources.html",
                ),
                sources: d
                    .sources
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let (originated, originated_html) =
                            links(&self.analysis.originated[i], slots);
                        let (relayed, relayed_html) = links(&self.analysis.relayed[i], slots);
                        SourceRow {
                            id: s.id.clone(),
                            name: s.name.clone(),
                            kind: s.kind.words(),
                            country: s.country.clone(),
                            reliability: s.reliability.letter(),
                            reliability_words: s.reliability.words(),
                            note: s.note.clone(),
                            originated,
                            originated_count: self.analysis.originated[i].len(),
                            originated_html,
                            relayed,
                            relayed_count: self.analysis.relayed[i].len(),
                            relayed_html,
                        }
                    })
                    .collect(),
                articles: article_rows,
                articles_html,
                legend: legend(),
            }
        };
        self.render_slotted("sources.html", "sources.html".into(), fast, ctx)
    }

    fn metric_summary(&self, depth: usize, m: usize) -> MetricSummary {
        let d = self.dossier;
        let metric = &d.metrics[m];
        let facts = &self.analysis.metrics[m];
        let mut origins: Vec<usize> = facts
            .figures
            .iter()
            .map(|&(c, _)| d.claims[c].origin)
            .collect();
        origins.sort_unstable();
        origins.dedup();
        MetricSummary {
            href: href(depth, &format!("figures.html#metric-{}", metric.id)),
            label: metric.label.clone(),
            unit: metric.unit.clone(),
            spread: spread_words(facts.spread),
            figures: facts.figures.len(),
            origins: origins.len(),
            contested: facts.contested,
            topic: Link {
                href: href(depth, &format!("topics/{}.html", d.topics[metric.topic].id)),
                text: d.topics[metric.topic].title.clone(),
            },
        }
    }

    /// A quantity with its chart and table. With `keep_rows` false the
    /// rows are only given as HTML (`rows_html`): the default templates,
    /// which list them from there, need nothing else, and a table of
    /// 30,000 figures is costly to hand to Tera. The table's HTML and the
    /// chart go through `slots`.
    fn metric_view(
        &self,
        depth: usize,
        m: usize,
        keep_rows: bool,
        slots: &Slots,
    ) -> MetricView<'_> {
        let d = self.dossier;
        let metric = &d.metrics[m];
        let facts = &self.analysis.metrics[m];
        let tolerance = self.config.tolerance;
        let contested_figure =
            |c: usize, k: usize| self.analysis.claims[c].contested_figures.contains(&k);
        let chart_rows: Vec<chart::Row<'_>> = facts
            .figures
            .iter()
            .map(|&(c, k)| chart::Row {
                label: &d.sources[d.claims[c].origin].name,
                figure: &d.claims[c].figures[k],
                contested: contested_figure(c, k),
                href: href(depth, &format!("claims/{}.html", d.claims[c].id)),
            })
            .collect();
        let rows: Vec<FigureRow> = facts
            .figures
            .iter()
            .map(|&(c, k)| {
                let claim = &d.claims[c];
                let f = &claim.figures[k];
                let (low, best, high) = crate::analysis::bounds(f, tolerance);
                let origin = &d.sources[claim.origin];
                FigureRow {
                    text: format_figure(f),
                    low: low.map_or("—".into(), format_number),
                    best: format_number(best),
                    high: high.map_or("—".into(), format_number),
                    status: f.status.as_str(),
                    as_of: f.as_of.as_ref().map(date),
                    origin: self.source_ref(depth, claim.origin),
                    grade: grade_of(origin.reliability, claim.credibility),
                    claim: self.claim_row(depth, c),
                    contested: contested_figure(c, k),
                    articles: self.analysis.claims[c]
                        .articles
                        .iter()
                        .map(|&a| Link {
                            href: href(depth, &format!("articles/{}.html", d.articles[a].slug)),
                            text: d.articles[a].title.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        let rows_html = self.fast_rows.then(|| {
            let mut html = String::with_capacity(rows.len() * 900);
            for row in &rows {
                fast::figure_row(&mut html, row);
            }
            html
        });
        let rows = if keep_rows || rows_html.is_none() {
            rows
        } else {
            Vec::new()
        };
        MetricView {
            rows_html: slots.put_opt(rows_html),
            summary: self.metric_summary(depth, m),
            id: metric.id.clone(),
            chart: slots.put(chart::metric_chart(
                &metric.id,
                &metric.label,
                &metric.unit,
                &chart_rows,
                tolerance,
            )),
            rows,
        }
    }

    fn figures_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            metrics: Vec<MetricView<'a>>,
            tolerance: String,
        }
        let d = self.dossier;
        let mut order: Vec<usize> = (0..d.metrics.len()).collect();
        order.sort_by_key(|&m| (d.topics[d.metrics[m].topic].order, d.metrics[m].topic, m));
        let fast = self.fast_rows && self.fast_figures;
        let ctx = |slots: &Slots| Ctx {
            common: self.common(
                0,
                "Figures",
                "Every figure, by metric, with its origin",
                "figures",
                "figures.html",
            ),
            metrics: order
                .iter()
                .filter(|&&m| !self.analysis.metrics[m].figures.is_empty())
                .map(|&m| self.metric_view(0, m, !fast, slots))
                .collect(),
            tolerance: format!("{}", (self.config.tolerance * 100.0).round()),
        };
        self.render_slotted("figures.html", "figures.html".into(), fast, ctx)
    }

    fn timeline_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Year<'r> {
            year: u16,
            claims: Vec<ClaimRow<'r>>,
            claims_html: Option<String>,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            years: Vec<Year<'a>>,
            undated: Vec<ClaimRow<'a>>,
            undated_html: Option<String>,
        }
        let d = self.dossier;
        let ctx = |slots: &Slots| {
            let mut years: Vec<Year> = Vec::new();
            for &c in &self.analysis.timeline {
                let y = d.claims[c].date.map_or(0, |x| x.year);
                if years.last().is_none_or(|last| last.year != y) {
                    years.push(Year {
                        year: y,
                        claims: Vec::new(),
                        claims_html: self.fast_timeline.then(String::new),
                    });
                }
                if let Some(last) = years.last_mut() {
                    // The default template lists them from `claims_html`.
                    match &mut last.claims_html {
                        Some(html) => fast::timeline_item(html, &self.claim_row(0, c)),
                        None => last.claims.push(self.claim_row(0, c)),
                    }
                }
            }
            for y in &mut years {
                y.claims_html = slots.put_opt(y.claims_html.take());
            }
            let undated: Vec<ClaimRow> = (0..d.claims.len())
                .filter(|&c| d.claims[c].date.is_none())
                .map(|c| self.claim_row(0, c))
                .collect();
            let undated_html = slots.put_opt(self.rows_html(&undated));
            Ctx {
                common: self.common(
                    0,
                    "Timeline",
                    "Claims in order of the events they describe",
                    "timeline",
                    "timeline.html",
                ),
                years,
                undated,
                undated_html,
            }
        };
        self.render_slotted(
            "timeline.html",
            "timeline.html".into(),
            self.fast_timeline,
            ctx,
        )
    }

    fn search_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
        }
        let common = self.common(0, "Search", "Search the dossier", "search", "search.html");
        self.render("search.html", "search.html".into(), &Ctx { common })
    }

    fn not_found(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
        }
        let mut common = self.common(0, "Page not found", String::new(), "404", "404.html");
        common.base_href = self
            .config
            .served_at
            .clone()
            .or_else(|| self.config.base_url.clone());
        common.canonical = None;
        self.render("404.html", "404.html".into(), &Ctx { common })
    }
}

#[derive(Serialize)]
struct MetricSummary {
    href: String,
    label: String,
    unit: String,
    spread: String,
    figures: usize,
    origins: usize,
    contested: bool,
    topic: Link,
}

#[derive(Serialize)]
struct FigureRow<'a> {
    text: String,
    low: String,
    best: String,
    high: String,
    status: &'static str,
    as_of: Option<DateView>,
    origin: SourceRef,
    grade: std::borrow::Cow<'a, Grade>,
    claim: ClaimRow<'a>,
    contested: bool,
    articles: Vec<Link>,
}

#[derive(Serialize)]
struct MetricView<'a> {
    summary: MetricSummary,
    id: String,
    chart: String,
    rows: Vec<FigureRow<'a>>,
    rows_html: Option<String>,
}

fn spread_words(spread: Option<(f64, f64)>) -> String {
    match spread {
        None => "—".into(),
        Some((a, b)) if a == b => format_number(a),
        Some((a, b)) => format!("{}–{}", format_number(a), format_number(b)),
    }
}

#[derive(Serialize)]
struct SourceRef {
    href: String,
    name: String,
    reliability: char,
    reliability_words: &'static str,
    kind: &'static str,
}

#[derive(Serialize)]
struct ArticleRow {
    href: String,
    title: String,
    language: String,
    published: DateView,
    outlet: Option<String>,
    claims: usize,
}

#[derive(Serialize)]
struct Legend {
    reliability: Vec<(char, &'static str)>,
    credibility: Vec<(u8, &'static str)>,
}

fn legend() -> Legend {
    Legend {
        reliability: (b'A'..=b'F')
            .map(|r| (char::from(r), Reliability(r).words()))
            .collect(),
        credibility: (1..=6).map(|c| (c, Credibility(c).words())).collect(),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn syntax_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let light = syntect::html::css_for_theme_with_class_style(
        &themes.themes["InspiredGitHub"],
        CLASS_STYLE,
    )
    .unwrap_or_default();
    let dark = syntect::html::css_for_theme_with_class_style(
        &themes.themes["base16-ocean.dark"],
        CLASS_STYLE,
    )
    .unwrap_or_default();
    format!(
        "/* Code highlighting (syntect). */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_cuts_at_graphemes_like_teras() {
        let run = |text: &str, length: Option<u64>| {
            let mut args = std::collections::HashMap::new();
            if let Some(n) = length {
                args.insert("length".to_string(), tera::Value::from(n));
            }
            truncate(&tera::Value::from(text), &args).unwrap()
        };
        assert_eq!(run("short", Some(10)), "short");
        assert_eq!(run("exactly", Some(7)), "exactly");
        assert_eq!(run("Déminage à Koursk", Some(8)), "Déminage…");
        // "é" written as e + combining accent is one grapheme.
        assert_eq!(run("cafe\u{301}s", Some(4)), "cafe\u{301}…");
        assert_eq!(
            run(&"x".repeat(300), None)
                .as_str()
                .unwrap()
                .chars()
                .count(),
            256
        );
    }

    #[test]
    fn links_are_relative_and_name_files() {
        assert_eq!(href(0, "topics/a.html"), "topics/a.html");
        assert_eq!(href(1, "articles/b.html#q-c-1"), "../articles/b.html#q-c-1");
    }
}
