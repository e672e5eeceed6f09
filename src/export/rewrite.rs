//! One page of the site made a section of the single file, with lol_html
//! (Cloudflare's streaming HTML rewriter: a tokenizer that follows the
//! HTML standard and CSS selectors, so an attribute is found as a browser
//! finds it, whatever its quoting or place, which string search cannot
//! promise).
//!
//! In: the page's path and HTML, the set of pages. Out: its `<main>` as a
//! `<section id="…">` (the page's name), without the page's frame (head,
//! header, footer, skip link, scripts), every id prefixed with the
//! section's name and a dot (ids stay unique across pages: a page's name
//! never holds a dot), every reference to an id changed alike, and every
//! link resolved: to another page, the in-file anchor of its section or
//! of the element it pointed at; to a file that is not a page (data, the
//! archive), no link (its text stays); to another site, as it was.

use lol_html::html_content::ContentType;
use lol_html::{RewriteStrSettings, doctype, element, rewrite_str, text};
use std::cell::RefCell;
use std::collections::HashSet;

/// The section name of a page: its path without `.html`, `/` written `_`
/// (`claims/a-b.html` → `claims_a-b`). Page names hold neither `_` nor
/// `.`, so no two pages share one, and every id is an XML name as SVG
/// requires.
pub(super) fn section_id(path: &str) -> String {
    path.strip_suffix(".html").unwrap_or(path).replace('/', "_")
}

/// An id of page `section` as it is in the file.
fn prefixed(section: &str, id: &str) -> String {
    format!("{section}.{id}")
}

/// Resolves `target` (relative, `/`-separated) against the folder of
/// `page`; `None` if it climbs out of the site.
fn resolve(page: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// What a link of page `page` (section `section`) becomes in the file.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Link {
    /// Left as it is (another site, an e-mail address).
    Keep,
    /// An in-file anchor.
    To(String),
    /// No link: it named a file that is not in the single file.
    Drop,
}

/// The in-file target of `href` on page `page`, given the pages there are.
pub(super) fn link(page: &str, href: &str, pages: &HashSet<String>) -> Link {
    let href = href.trim();
    let has_scheme = href
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && !s.contains(['/', '#', '?']));
    if has_scheme || href.starts_with("//") {
        return Link::Keep;
    }
    let section = section_id(page);
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let path = path.split('?').next().unwrap_or("");
    let fragment = percent_decode(fragment);
    let target = if path.is_empty() {
        section
    } else {
        match resolve(page, path) {
            Some(p) if pages.contains(&p) => section_id(&p),
            _ => return Link::Drop,
        }
    };
    Link::To(match fragment.as_str() {
        "" | "top" => format!("#{target}"),
        f => format!("#{}", prefixed(&target, f)),
    })
}

/// `%XX` escapes of a fragment decoded (as a browser matches it to an id).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).and_then(|&b| hex(b)),
                bytes.get(i + 2).and_then(|&b| hex(b)),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A page as a section of the single file.
#[derive(Debug, Default)]
pub(super) struct Section {
    /// The section's HTML.
    pub(super) html: String,
    /// The text of its first `h1`, as written in the page (escaped).
    pub(super) title: String,
    /// The page's `<html lang>`.
    pub(super) lang: Option<String>,
    /// The page's site navigation, in order: (target page, text as
    /// written, escaped).
    pub(super) nav: Vec<(String, String)>,
}

/// Attributes that hold one id, or a list of them.
const ID_REFS: &[&str] = &[
    "for",
    "list",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-details",
    "aria-activedescendant",
    "aria-errormessage",
    "headers",
];

/// Rewrites page `path` into its section (see the module docs).
pub(super) fn section(
    path: &str,
    html: &str,
    pages: &HashSet<String>,
) -> Result<Section, lol_html::errors::RewritingError> {
    let id = section_id(path);
    let found = RefCell::new(Section::default());
    let nav_href = RefCell::new(None::<String>);
    // Inside the first `h1` of `main` (till its end tag).
    let in_h1 = std::rc::Rc::new(std::cell::Cell::new(false));
    let settings = RewriteStrSettings::new()
        .append_document_content_handler(doctype!(|d| {
            d.remove();
            Ok(())
        }))
        .append_element_content_handler(element!("html", |el| {
            found.borrow_mut().lang = el.get_attribute("lang");
            el.remove_and_keep_content();
            Ok(())
        }))
        .append_element_content_handler(element!("nav.site-nav a[href]", |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            *nav_href.borrow_mut() = resolve(path, &href);
            Ok(())
        }))
        .append_element_content_handler(text!("nav.site-nav a[href]", |t| {
            if let Some(target) = nav_href.borrow().clone() {
                let mut f = found.borrow_mut();
                match f.nav.last_mut() {
                    Some((t0, text)) if *t0 == target => text.push_str(t.as_str()),
                    _ => f.nav.push((target, t.as_str().to_string())),
                }
            }
            Ok(())
        }))
        .append_element_content_handler(element!(
            "head, header.site-header, footer.site-footer, a.skip-link, script",
            |el| {
                el.remove();
                Ok(())
            }
        ))
        .append_element_content_handler(element!("body", |el| {
            el.remove_and_keep_content();
            Ok(())
        }))
        .append_element_content_handler(element!("main", |el| {
            el.set_tag_name("section")?;
            el.set_attribute("id", &id)?;
            let class = el.get_attribute("class").unwrap_or_default();
            el.set_attribute("class", format!("{class} sf-section").trim())?;
            el.prepend("\n", ContentType::Text);
            Ok(())
        }))
        .append_element_content_handler(element!("main h1", |el| {
            if found.borrow().title.is_empty() {
                in_h1.set(true);
                let in_h1 = std::rc::Rc::clone(&in_h1);
                let end: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                    in_h1.set(false);
                    Ok(())
                });
                el.on_end_tag(end)?;
            }
            Ok(())
        }))
        .append_element_content_handler(text!("main h1", |t| {
            if in_h1.get() {
                found.borrow_mut().title.push_str(t.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(element!("main [id]", |el| {
            if let Some(v) = el.get_attribute("id") {
                el.set_attribute("id", &prefixed(&id, &v))?;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("main *", |el| {
            for name in ID_REFS {
                if let Some(v) = el.get_attribute(name) {
                    let list: Vec<String> =
                        v.split_whitespace().map(|i| prefixed(&id, i)).collect();
                    el.set_attribute(name, &list.join(" "))?;
                }
            }
            Ok(())
        }))
        .append_element_content_handler(element!("main [href]", |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            match link(path, &href, pages) {
                Link::Keep => {}
                Link::To(to) => el.set_attribute("href", &to)?,
                Link::Drop if el.tag_name() == "a" => el.remove_and_keep_content(),
                Link::Drop => el.remove_attribute("href"),
            }
            Ok(())
        }))
        .append_element_content_handler(element!("main form[action]", |el| {
            el.set_attribute("action", "#search")?;
            Ok(())
        }));
    let html = rewrite_str(html, settings)?;
    let mut section = found.into_inner();
    section.title = section
        .title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    section.html = html.trim().to_string();
    Ok(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pages() -> HashSet<String> {
        [
            "index.html",
            "claims/a.html",
            "articles/b.html",
            "sources.html",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn links_land_on_sections_and_prefixed_ids() {
        let p = pages();
        let to = |s: &str| Link::To(s.to_string());
        assert_eq!(
            link("claims/a.html", "../articles/b.html#q-a-1", &p),
            to("#articles_b.q-a-1")
        );
        assert_eq!(link("claims/a.html", "../index.html", &p), to("#index"));
        assert_eq!(
            link("claims/a.html", "#evidence-1", &p),
            to("#claims_a.evidence-1")
        );
        assert_eq!(
            link("index.html", "sources.html#source-x%20y", &p),
            to("#sources.source-x y")
        );
        assert_eq!(link("index.html", "search.html?q=x", &p), Link::Drop);
        assert_eq!(link("index.html", "data/claims.csv", &p), Link::Drop);
        assert_eq!(link("claims/a.html", "../../x.html", &p), Link::Drop);
        assert_eq!(link("index.html", "https://e.org/a.html#x", &p), Link::Keep);
        assert_eq!(link("index.html", "mailto:a@e.org", &p), Link::Keep);
        assert_eq!(link("index.html", "#top", &p), to("#index"));
    }

    #[test]
    fn a_page_becomes_its_main_with_every_id_prefixed() {
        let html = "<!DOCTYPE html>\n<html lang=\"fr\"><head><title>t</title><script src=\"x.js\"></script></head><body><a class=\"skip-link\" href=\"#main\">Skip</a><header class=\"site-header\"><nav class=\"site-nav\"><ul><li><a href=\"../index.html\">Overview</a></li><li><a href=\"../sources.html\">Sources</a></li></ul></nav></header><main id=\"main\" class=\"page page--claim\"><h1 class=\"page-title\">A <em>claim</em></h1><section aria-labelledby=\"e-h\"><h2 id=\"e-h\">Evidence</h2><p><a href=\"../articles/b.html#q-a-1\">quote</a> <a href=\"../data/claims.json\">data</a> <a href=\"https://e.org\">out</a></p><label for=\"q\">Q</label><input id=\"q\"></section><svg><a href=\"#e-h\"><title>t</title></a></svg></main><footer class=\"site-footer\"><a href=\"../site.zip\">zip</a></footer></body></html>\n";
        let s = section("claims/a.html", html, &pages()).unwrap();
        assert_eq!(s.title, "A claim");
        assert_eq!(s.lang.as_deref(), Some("fr"));
        assert_eq!(
            s.nav,
            vec![
                ("index.html".to_string(), "Overview".to_string()),
                ("sources.html".to_string(), "Sources".to_string())
            ]
        );
        let h = &s.html;
        assert!(
            h.starts_with("<section id=\"claims_a\" class=\"page page--claim sf-section\">"),
            "{h}"
        );
        assert!(h.ends_with("</section>"), "{h}");
        for gone in [
            "<head",
            "<title>t</title><script",
            "skip-link",
            "site-header",
            "site-footer",
            "DOCTYPE",
            "claims.json\"",
            "site.zip",
        ] {
            assert!(!h.contains(gone), "{gone} in {h}");
        }
        for kept in [
            "aria-labelledby=\"claims_a.e-h\"",
            "<h2 id=\"claims_a.e-h\">",
            "href=\"#articles_b.q-a-1\"",
            "> data <",
            "href=\"https://e.org\"",
            "for=\"claims_a.q\"",
            "<input id=\"claims_a.q\">",
            "<a href=\"#claims_a.e-h\">",
        ] {
            assert!(h.contains(kept), "{kept} not in {h}");
        }
    }
}
