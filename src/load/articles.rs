//! Articles (`content/articles/<slug>.md`): the front matter of each
//! (title, date, language, outlet, link, reliability) checked into an
//! [`Article`] of the model. The body is left to anchoring, which reads it
//! with the quotes that cite it. [`articles_edited`] checks again the
//! front matters of articles saved in `serve`, alone.

use super::dropped;
use super::fields::{Scalar, is_language_tag, non_empty, parse_date, parse_reliability};
use super::front::{Front, Rejected, front};
use super::ids::{Ids, slugify, stem};
use super::markers;
use super::read;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown;
use crate::model::{Article, Dossier, is_id};
use crate::source::ypath;
use crate::source::{FileId, Sources};
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

/// The front matter of an article, as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArticle {
    /// Headline, in the article's language.
    #[schemars(with = "markers::Words")]
    title: Scalar,
    /// Publication date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the precision
    /// given is kept).
    #[schemars(with = "markers::Date")]
    published: Scalar,
    /// Language of the article's text, a BCP 47 tag: `fr`, `en`, `uk`,
    /// `pt-BR`.
    #[schemars(with = "markers::Language")]
    language: Scalar,
    /// Where it appeared: the newspaper, agency or site.
    outlet: Option<Scalar>,
    /// Who wrote it.
    author: Option<Scalar>,
    /// Address of the original page, an absolute http(s) URL.
    #[schemars(with = "Option<markers::HttpUrl>")]
    url: Option<Scalar>,
    /// Admiralty reliability of the outlet: A completely reliable, B
    /// usually reliable, C fairly reliable, D not usually reliable, E
    /// unreliable, F cannot be judged.
    #[schemars(with = "Option<markers::ReliabilityGrade>")]
    reliability: Option<Scalar>,
    /// Summary in the dossier's language (Markdown).
    summary: Option<Scalar>,
    /// Language of the summary when it is not the dossier's, a BCP 47 tag
    /// (marked as such in pages, for screen readers).
    #[schemars(with = "Option<markers::Language>")]
    summary_language: Option<Scalar>,
}
pub(super) const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "published",
    "language",
    "outlet",
    "author",
    "url",
    "reliability",
    "summary",
    "summary_language",
];

/// Loads the articles of `files` (front matters read in parallel), sorted
/// by slug; their slugs go into `ids`. With `kept` (the front matters
/// that parsed without a problem, by hash of their article's text: see
/// `cache.rs`), an article whose text is there is not parsed again, and
/// `kept` is left holding those of `files`.
pub fn load(
    files: &[FileId],
    sources: &Sources,
    ids: &mut Ids,
    diags: &mut Diagnostics,
    kept: Option<(&mut HashMap<u128, Front<RawArticle>>, &read::TextHashes)>,
) -> Vec<Article> {
    type Parsed = (
        Result<Front<RawArticle>, Box<Rejected<RawArticle>>>,
        Vec<Diagnostic>,
        u128,
    );
    let (kept, hashes) = kept.unzip();
    let old = kept.as_deref();
    let parsed: Vec<Parsed> = files
        .par_iter()
        .map(|&id| {
            let src = sources.get(id);
            let hash = hashes.map_or(0, |h| h.of(&src.text));
            if let Some(fm) = old.and_then(|o| o.get(&hash)) {
                return (Ok(fm.clone_for(id)), Vec::new(), hash);
            }
            let fm = front::<RawArticle>(id, src, "article", ARTICLE_FIELDS);
            let links = match &fm {
                Ok(fm) => dropped::in_body(id, &src.text, fm.body_start),
                Err(_) => Vec::new(),
            };
            (fm, links, hash)
        })
        .collect();
    if let Some(kept) = kept {
        *kept = parsed
            .iter()
            .filter_map(|(fm, links, hash)| match fm {
                Ok(fm) if links.is_empty() => Some((*hash, fm.clone_for(fm.file))),
                _ => None,
            })
            .collect();
    }
    // Each front matter checked on its own (in parallel: the summaries are
    // rendered from Markdown), its problems gathered in file order.
    let checked: Vec<(Diagnostics, Result<Article, Option<String>>)> = parsed
        .into_par_iter()
        .zip(files)
        .map(|((result, links, _), &file)| {
            let mut found = Diagnostics::default();
            found.extend(links);
            let checked = check_file(file, result, sources, &mut found);
            (found, checked)
        })
        .collect();
    let mut articles = Vec::with_capacity(checked.len());
    for (found, checked) in checked {
        diags.append(found);
        match checked {
            Ok(article) => {
                ids.index.insert(article.slug.clone(), 0);
                articles.push(article);
            }
            Err(Some(slug)) => {
                ids.broken.insert(slug);
            }
            Err(None) => {}
        }
    }
    articles.sort_by(|a, b| a.slug.cmp(&b.slug));
    for (i, a) in articles.iter().enumerate() {
        ids.index.insert(a.slug.clone(), i);
    }
    articles
}

/// Articles edited in `serve` after a load that found no problem (which
/// read `files` files): the last load's dossier (`loaded`) with the front
/// matters of the articles `changed` (each file's path on disk and what
/// it holds now) checked again alone, nothing else read, parsed or
/// checked. Nothing else in a load reads an article's front matter (its
/// slug, the file's name, stays; its body is anchored by the caller).
/// `None` when the edit needs a load: a file is not an article the last
/// load read, or a front matter has any problem.
pub fn articles_edited(
    loaded: &super::Loaded,
    files: usize,
    changed: &[(PathBuf, Arc<String>)],
) -> Option<super::Loaded> {
    let old = &loaded.dossier;
    let mut sources = loaded.sources.first(files);
    let mut articles = old.articles.clone();
    let mut diags = Diagnostics::default();
    for (path, text) in changed {
        let file = sources.find_path(path)?;
        let i = articles.iter().position(|a| a.file == file)?;
        sources.replace_text(file, Arc::clone(text));
        let src = sources.get(file);
        let fm = front::<RawArticle>(file, src, "article", ARTICLE_FIELDS);
        if let Ok(fm) = &fm {
            diags.extend(dropped::in_body(file, &src.text, fm.body_start));
        }
        let article = check_file(file, fm, &sources, &mut diags).ok()?;
        if !diags.items().is_empty() || article.slug != articles[i].slug {
            return None;
        }
        articles[i] = article;
    }
    let dossier = Dossier {
        front: old.front.clone(),
        articles,
        topics: old.topics.clone(),
        sources: old.sources.clone(),
        metrics: old.metrics.clone(),
        claims: old.claims.clone(),
        entities: old.entities.clone(),
        mentions: old.mentions.clone(),
    };
    Some(super::Loaded {
        config: loaded.config.clone(),
        dossier,
        sources,
        diagnostics: diags,
    })
}

/// Checks the front matter of `file` as parsed (`result`) into an
/// [`Article`], or gives the slug to note as broken (`None` when the file
/// name is no slug, which is reported).
fn check_file(
    file: FileId,
    result: Result<Front<RawArticle>, Box<Rejected<RawArticle>>>,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Result<Article, Option<String>> {
    let slug = stem(&sources.get(file).display);
    if !is_id(&slug) {
        diags.push(
            Diagnostic::error(
                file,
                0..0,
                format!("article file name `{slug}` is not a valid slug"),
            )
            .label("the slug is the file name without `.md`: a-z, 0-9 and hyphens, at most 200 characters")
            .help(format!("rename the file to `{}.md`", slugify(&slug))),
        );
        return Err(None);
    }
    let fm = match result.map_err(|r| r.report(diags)) {
        Ok(fm) | Err(Some(fm)) => fm,
        Err(None) => return Err(Some(slug)),
    };
    check(slug, fm, sources, diags).map_err(Some)
}

/// Checks the fields of article `slug`; without a valid date it is
/// left out (`Err(slug)`).
fn check(
    slug: String,
    fm: Front<RawArticle>,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Result<Article, String> {
    let file = fm.file;
    let raw = fm.raw;
    let src = sources.get(file);
    let sp = |k: &str| fm.spans.get(src).value(ypath![k]);
    let published = parse_date(&raw.published, file, || sp("published"), diags);
    let language = raw.language.trimmed().to_string();
    if !is_language_tag(&language) {
        diags.push(
            Diagnostic::error(
                file,
                sp("language"),
                format!("invalid language tag `{language}`"),
            )
            .label("not a BCP 47 tag")
            .help("use a tag such as `fr`, `en`, `uk`, `pt-BR`"),
        );
    }
    let summary_language = raw.summary_language.as_ref().map(|l| {
        let l = l.trimmed().to_string();
        if !is_language_tag(&l) {
            diags.push(
                Diagnostic::error(
                    file,
                    sp("summary_language"),
                    format!("invalid language tag `{l}`"),
                )
                .label("not a BCP 47 tag")
                .help("the language of `summary` when it is not the dossier's, e.g. `en`"),
            );
        }
        l
    });
    let url = raw.url.as_ref().map(|u| u.trimmed().to_string());
    if let Some(u) = &url
        && (!(u.starts_with("https://") || u.starts_with("http://"))
            || u.contains(char::is_whitespace))
    {
        diags.push(
                Diagnostic::error(file, sp("url"), format!("invalid url `{u}`"))
                    .label("must be an absolute http(s) URL")
                    .help("write the address of the original page, e.g. `https://www.example.org/article`"),
            );
    }
    let reliability = raw
        .reliability
        .as_ref()
        .and_then(|r| parse_reliability(r, file, || sp("reliability"), diags));
    let title = non_empty(&raw.title, "title", file, || sp("title"), diags);
    if let Some(summary) = &raw.summary {
        for d in dropped::in_field(file, summary.trimmed(), || sp("summary")) {
            diags.push(d);
        }
    }
    let Some(published) = published else {
        return Err(slug);
    };
    Ok(Article {
        slug,
        title,
        published,
        language,
        outlet: raw
            .outlet
            .map(|s| s.trimmed().to_string())
            .filter(|s| !s.is_empty()),
        author: raw
            .author
            .map(|s| s.trimmed().to_string())
            .filter(|s| !s.is_empty()),
        url,
        reliability,
        summary_html: raw.summary.map(|s| markdown::render(s.trimmed(), 3)),
        summary_language,
        file,
        body_start: fm.body_start,
    })
}
