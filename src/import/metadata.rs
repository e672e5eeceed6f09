//! A parsed page → the front matter it states: title, publication date,
//! language, outlet, author and URL, each with the place it was read from
//! (shown in the import's report).
//!
//! Where to look, first match wins:
//! - `title`: JSON-LD `headline`, `og:title`, `citation_title`, the first
//!   `<h1>` (of the `<article>` or `<main>` if any), `<title>` (without a
//!   trailing " | Outlet");
//! - `published`: JSON-LD `datePublished`, `article:published_time`,
//!   `citation_date`, `citation_publication_date`, microdata
//!   `itemprop="datePublished"`, a `<time datetime>` (of the `<article>`
//!   first);
//! - `language`: `<html lang>` (or `xml:lang`), JSON-LD `inLanguage`,
//!   `<meta http-equiv="Content-Language">`, `og:locale`; a value that is
//!   not a BCP 47 tag is skipped and reported;
//! - `outlet`: `og:site_name`, JSON-LD publisher, `citation_journal_title`;
//! - `author`: JSON-LD authors, `<meta name="author">`, `citation_author`,
//!   `article:author` (unless it is a link);
//! - `url`: `<link rel="canonical">`, `og:url` (absolute, or resolved
//!   against the fetched address), else the fetched address.
//!
//! Values have their white space collapsed and are cut at [`MAX_CHARS`];
//! HTML in JSON-LD strings (`&#8217;`, `<em>`) is read as text.

use super::{dates, jsonld};
use crate::load::is_language_tag;
use crate::model::PartialDate;
use dom_query::Document;

/// Longest value kept (a title of a thousand characters is not a title).
pub const MAX_CHARS: usize = 300;

/// A value and the place in the page it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// Where it was found (`og:title`, `<html lang>`, …).
    pub from: &'static str,
}

/// What a page says about itself.
#[derive(Debug, Default)]
pub struct Metadata {
    /// Headline.
    pub title: Option<Found<String>>,
    /// Publication date.
    pub published: Option<Found<PartialDate>>,
    /// BCP 47 language tag.
    pub language: Option<Found<String>>,
    /// Site or publication.
    pub outlet: Option<Found<String>>,
    /// Author(s), joined by ", ".
    pub author: Option<Found<String>>,
    /// Absolute http(s) address of the page.
    pub url: Option<Found<String>>,
    /// Values found but not used, for the report.
    pub ignored: Vec<String>,
}

/// Reads the metadata of `doc`, fetched from `fetched_url` if it was.
pub fn read(doc: &Document, fetched_url: Option<&str>) -> Metadata {
    let ld = jsonld::read(doc);
    let mut meta = Metadata::default();
    let outlet = first([
        (meta_value(doc, "og:site_name"), "og:site_name"),
        (
            ld.publisher.clone().map(|p| as_text(&p)),
            "JSON-LD publisher",
        ),
        (
            meta_value(doc, "citation_journal_title"),
            "citation_journal_title",
        ),
    ]);
    meta.title = first([
        (ld.headline.clone().map(|h| as_text(&h)), "JSON-LD headline"),
        (meta_value(doc, "og:title"), "og:title"),
        (meta_value(doc, "citation_title"), "citation_title"),
        (first_heading(doc), "the first heading"),
        (
            element_text(doc, "title").map(|t| strip_outlet(&t, outlet.as_ref())),
            "<title>",
        ),
    ]);
    meta.outlet = outlet;
    meta.published = published(doc, &ld);
    meta.language = language(doc, &ld, &mut meta.ignored);
    let authors = ld.authors.iter().map(|a| as_text(a)).collect::<Vec<_>>();
    meta.author = first([
        (join(authors), "JSON-LD author"),
        (meta_value(doc, "author"), "<meta name=\"author\">"),
        (join(meta_values(doc, "citation_author")), "citation_author"),
        (
            meta_value(doc, "article:author").filter(|a| !a.contains("://")),
            "article:author",
        ),
    ]);
    meta.url = page_url(doc, fetched_url);
    meta
}

/// The first value that is there, cleaned, with where it came from.
fn first<const N: usize>(candidates: [(Option<String>, &'static str); N]) -> Option<Found<String>> {
    candidates.into_iter().find_map(|(value, from)| {
        let value = clean_value(&value?);
        (!value.is_empty()).then_some(Found { value, from })
    })
}

/// White space collapsed, control characters dropped, cut at [`MAX_CHARS`].
pub fn clean_value(s: &str) -> String {
    let collapsed = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(|c: char| c.is_control(), "");
    if collapsed.chars().count() <= MAX_CHARS {
        return collapsed;
    }
    let cut: String = collapsed.chars().take(MAX_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
    format!("{cut}…")
}

/// The text of a string that may hold HTML (entities, tags).
fn as_text(s: &str) -> String {
    if s.contains(['&', '<']) {
        Document::fragment(s).root().text().to_string()
    } else {
        s.to_string()
    }
}

/// `content` of the first `<meta property=key>` or `<meta name=key>` that
/// has one.
fn meta_value(doc: &Document, key: &str) -> Option<String> {
    meta_values(doc, key).into_iter().next()
}

fn meta_values(doc: &Document, key: &str) -> Vec<String> {
    let key = key.replace(['"', '\\'], "");
    doc.select(&format!(
        r#"meta[property="{key}" i], meta[name="{key}" i]"#
    ))
    .nodes()
    .iter()
    .filter_map(|n| n.attr("content"))
    .map(|c| c.trim().to_string())
    .filter(|c| !c.is_empty())
    .collect()
}

fn join(values: Vec<String>) -> Option<String> {
    let mut seen: Vec<String> = Vec::new();
    for v in values {
        let v = clean_value(&v);
        if !v.is_empty() && !seen.contains(&v) {
            seen.push(v);
        }
    }
    (!seen.is_empty()).then(|| seen.join(", "))
}

fn element_text(doc: &Document, selector: &str) -> Option<String> {
    doc.select(selector)
        .nodes()
        .iter()
        .map(|n| clean_value(&n.text()))
        .find(|t| !t.is_empty())
}

fn first_heading(doc: &Document) -> Option<String> {
    element_text(doc, "article h1, main h1")
        .or_else(|| element_text(doc, "h1"))
        .or_else(|| element_text(doc, "h2"))
}

/// `title` without a trailing ` | Outlet` (or `-`, `–`, `—`, `·`, `:`).
fn strip_outlet(title: &str, outlet: Option<&Found<String>>) -> String {
    let title = clean_value(title);
    let Some(outlet) = outlet else {
        return title;
    };
    for sep in [" | ", " - ", " – ", " — ", " · ", " : "] {
        if let Some(head) = title.strip_suffix(&format!("{sep}{}", outlet.value))
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title
}

fn published(doc: &Document, ld: &jsonld::Ld) -> Option<Found<PartialDate>> {
    let attr_of = |selector: &str, attr: &str| -> Vec<String> {
        doc.select(selector)
            .nodes()
            .iter()
            .filter_map(|n| n.attr(attr).map(|v| v.to_string()))
            .collect()
    };
    let mut itemprop = attr_of(r#"[itemprop="datePublished"]"#, "content");
    itemprop.extend(attr_of(r#"[itemprop="datePublished"]"#, "datetime"));
    let mut times = attr_of("article time[datetime]", "datetime");
    times.extend(attr_of("time[datetime]", "datetime"));
    let candidates: [(Vec<String>, &'static str); 6] = [
        (
            ld.date_published.iter().cloned().collect(),
            "JSON-LD datePublished",
        ),
        (
            meta_values(doc, "article:published_time"),
            "article:published_time",
        ),
        (meta_values(doc, "citation_date"), "citation_date"),
        (
            meta_values(doc, "citation_publication_date"),
            "citation_publication_date",
        ),
        (itemprop, "itemprop=\"datePublished\""),
        (times, "<time datetime>"),
    ];
    candidates.into_iter().find_map(|(values, from)| {
        values
            .iter()
            .find_map(|v| dates::date_prefix(v))
            .map(|value| Found { value, from })
    })
}

fn language(doc: &Document, ld: &jsonld::Ld, ignored: &mut Vec<String>) -> Option<Found<String>> {
    let html = doc.select("html");
    let html_lang = html
        .attr("lang")
        .or_else(|| html.attr("xml:lang"))
        .map(|s| s.to_string());
    let candidates = [
        (html_lang, "<html lang>"),
        (ld.in_language.clone(), "JSON-LD inLanguage"),
        (
            doc.select(r#"meta[http-equiv="content-language" i]"#)
                .attr("content")
                .map(|s| s.to_string()),
            "Content-Language",
        ),
        (meta_value(doc, "og:locale"), "og:locale"),
    ];
    for (value, from) in candidates {
        let Some(value) = value else { continue };
        let tag = value.trim().replace('_', "-");
        if tag.is_empty() {
            continue;
        }
        if is_language_tag(&tag) {
            return Some(Found { value: tag, from });
        }
        ignored.push(format!(
            "{from} `{}` is not a BCP 47 language tag; ignored",
            clean_value(&tag)
        ));
    }
    None
}

fn page_url(doc: &Document, fetched: Option<&str>) -> Option<Found<String>> {
    let canonical = doc
        .select(r#"link[rel~="canonical" i]"#)
        .attr("href")
        .map(|s| s.to_string());
    [
        (canonical, "<link rel=\"canonical\">"),
        (meta_value(doc, "og:url"), "og:url"),
        (fetched.map(str::to_string), "the fetched address"),
    ]
    .into_iter()
    .find_map(|(href, from)| {
        let url = absolute(href?.trim(), fetched)?;
        Some(Found { value: url, from })
    })
}

/// `href` as an absolute http(s) URL: as it is if it is one, or resolved
/// against `base` if it is scheme-relative (`//host/…`) or root-relative
/// (`/path`). Anything else (another scheme, a relative path, white space
/// inside, over 2,000 bytes) gives `None`.
pub fn absolute(href: &str, base: Option<&str>) -> Option<String> {
    let ok = |u: String| (u.len() <= 2000 && !u.contains(char::is_whitespace)).then_some(u);
    if super::fetch::is_url(href) {
        return ok(href.to_string());
    }
    let base = base.filter(|b| super::fetch::is_url(b))?;
    let (scheme, rest) = base.split_once("://")?;
    if let Some(rest_of_href) = href.strip_prefix("//") {
        return ok(format!("{scheme}://{rest_of_href}"));
    }
    if href.starts_with('/') {
        let host = rest.split(['/', '?', '#']).next()?;
        return ok(format!("{scheme}://{host}{href}"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_urls() {
        let base = Some("https://news.example/a/b?c");
        assert_eq!(
            absolute("https://x.example/p", None).as_deref(),
            Some("https://x.example/p")
        );
        assert_eq!(
            absolute("/world/1", base).as_deref(),
            Some("https://news.example/world/1")
        );
        assert_eq!(
            absolute("//cdn.example/x", base).as_deref(),
            Some("https://cdn.example/x")
        );
        assert_eq!(absolute("/world/1", None), None);
        assert_eq!(absolute("world/1", base), None);
        assert_eq!(absolute("ftp://x.example/p", base), None);
        assert_eq!(absolute("https://x.example/a b", base), None);
        assert_eq!(
            absolute(&format!("https://x.example/{}", "a".repeat(2000)), None),
            None
        );
    }

    #[test]
    fn values_are_cleaned_and_cut() {
        assert_eq!(clean_value("  a \n\t b\u{7}c "), "a bc");
        let long = "word ".repeat(100);
        let cut = clean_value(&long);
        assert!(
            cut.ends_with("word…") && cut.chars().count() <= MAX_CHARS + 1,
            "{cut}"
        );
    }

    #[test]
    fn title_suffix() {
        let outlet = Found {
            value: "Open Source Notes".to_string(),
            from: "og:site_name",
        };
        assert_eq!(
            strip_outlet("Rason – Open Source Notes", Some(&outlet)),
            "Rason"
        );
        assert_eq!(
            strip_outlet("Russia - North Korea", Some(&outlet)),
            "Russia - North Korea"
        );
        assert_eq!(
            strip_outlet("Russia - North Korea", None),
            "Russia - North Korea"
        );
        assert_eq!(
            strip_outlet(" | Open Source Notes", Some(&outlet)),
            "| Open Source Notes"
        );
    }

    #[test]
    fn order_of_sources() {
        let doc = Document::from(
            r#"<html lang="français"><head>
            <meta property="og:locale" content="fr_FR">
            <meta name="citation_date" content="2024/05/01">
            <meta property="article:published_time" content="not a date">
            <meta name="author" content="Ann &amp; Bob">
            <meta property="og:url" content="/relative">
            <title>T</title></head>
            <body><article><h1>  Head   line </h1><time datetime="2023-01-01">x</time></article></body></html>"#,
        );
        let m = read(&doc, None);
        assert_eq!(
            m.title,
            Some(Found {
                value: "Head line".into(),
                from: "the first heading"
            })
        );
        assert_eq!(
            m.published.map(|p| (p.value.iso(), p.from)),
            Some(("2024-05-01".into(), "citation_date"))
        );
        assert_eq!(
            m.language,
            Some(Found {
                value: "fr-FR".into(),
                from: "og:locale"
            })
        );
        assert_eq!(
            m.ignored,
            vec!["<html lang> `français` is not a BCP 47 language tag; ignored".to_string()]
        );
        assert_eq!(m.author.map(|a| a.value), Some("Ann & Bob".into()));
        assert_eq!(m.url, None);
        let m = read(&doc, Some("https://site.example/x/y"));
        assert_eq!(
            m.url,
            Some(Found {
                value: "https://site.example/relative".into(),
                from: "og:url"
            })
        );
    }
}
