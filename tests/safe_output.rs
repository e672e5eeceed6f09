//! Issue 6, part 3: no content value can inject markup or script.
//!
//! `tests/fixtures/good/hostile` is a dossier whose every value a reader
//! sees is hostile (`<script>`, `"><img onerror>`, `</script>`, `<!--`,
//! `javascript:` and `data:` links, raw HTML in Markdown). The test builds
//! it with the real binary, parses every page with an HTML5 parser
//! (`scraper`, i.e. html5ever, which splits the text exactly as a browser
//! does) and checks that the only scripts are the theme's own, that no
//! element carries an event handler or a script URL, and that every page
//! has a Content-Security-Policy without inline script. `javascript:` and
//! `data:` addresses in the `url` fields are refused with a diagnostic.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use scraper::{Html, Selector};
use std::fs;
use std::path::Path;
use support::Sandbox;

/// What an attacker would like to see run.
const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
];

fn build_hostile() -> (Sandbox, std::path::PathBuf) {
    let sandbox = Sandbox::new("good/hostile");
    let out = sandbox.outside("public");
    let run = support::build(&sandbox.root, &out);
    run.assert_code(0).assert_no_panic();
    (sandbox, out)
}

fn selector(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Every `.html` file under `dir`, relative, sorted.
fn pages(dir: &Path) -> Vec<String> {
    let mut pages: Vec<String> = support::snapshot(dir)
        .into_keys()
        .filter(|k| k.ends_with(".html"))
        .collect();
    pages.sort();
    pages
}

/// Whether a URL would run or embed something: `javascript:`, `vbscript:`
/// or `data:` once the characters browsers ignore are taken out.
fn scripted_url(url: &str) -> bool {
    let squashed: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|s| squashed.starts_with(s))
}

#[test]
fn hostile_values_reach_the_pages_only_as_text() {
    let (_sandbox, out) = build_hostile();
    let pages = pages(&out);
    for expected in [
        "index.html",
        "articles/hostile-article.html",
        // Both claims are drawn from the one article: one claims page.
        "claims/hostile-article.html",
        "topics/hostile-topic.html",
        "sources.html",
        "figures.html",
        "timeline.html",
        "search.html",
        "404.html",
    ] {
        assert!(
            pages.iter().any(|p| p == expected),
            "{expected} missing: {pages:?}"
        );
    }
    let any = selector("*");
    let scripts = selector("script");
    let csp = selector("meta[http-equiv=\"Content-Security-Policy\"]");
    let mut json_ld_blocks = 0;
    for rel in &pages {
        let text = support::read(&out, rel);
        let doc = Html::parse_document(&text);

        // Scripts: the theme's files, and JSON-LD that is JSON.
        for script in doc.select(&scripts) {
            let el = script.value();
            if let Some(src) = el.attr("src") {
                let file = src.rsplit('/').next().unwrap_or("");
                assert!(
                    (src.starts_with("assets/") || src.starts_with("../assets/"))
                        && file.ends_with(".js")
                        && file
                            .trim_end_matches(".js")
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-'),
                    "{rel}: script from {src:?}"
                );
                assert!(
                    out.join(rel).parent().unwrap().join(src).is_file(),
                    "{rel}: script {src} is not a file of the site"
                );
                assert_eq!(
                    script.text().collect::<String>().trim(),
                    "",
                    "{rel}: script with src and a body"
                );
                continue;
            }
            assert_eq!(
                el.attr("type"),
                Some("application/ld+json"),
                "{rel}: inline script {:?}",
                script.html()
            );
            let body: String = script.text().collect();
            assert!(
                !body.to_ascii_lowercase().contains("</script") && !body.contains("<!--"),
                "{rel}: JSON-LD carries </script or <!--: {body}"
            );
            let value: serde_json::Value = serde_json::from_str(&body)
                .unwrap_or_else(|e| panic!("{rel}: JSON-LD is not JSON ({e}): {body}"));
            assert!(value.is_object(), "{rel}: JSON-LD is not an object");
            // A claims page's JSON-LD holds a `Claim` per claim.
            json_ld_blocks += value["@graph"].as_array().map_or(1, Vec::len);
        }

        // No handler, no script URL, no embedding element, anywhere.
        for el in doc.select(&any) {
            let v = el.value();
            assert!(
                !matches!(
                    v.name(),
                    "iframe" | "object" | "embed" | "frame" | "frameset" | "applet"
                ),
                "{rel}: <{}> element: {}",
                v.name(),
                el.html()
            );
            for (name, value) in v.attrs() {
                assert!(
                    !name.to_ascii_lowercase().starts_with("on"),
                    "{rel}: event handler {name}={value:?} on <{}>",
                    v.name()
                );
                let url_attr = matches!(
                    name,
                    "href" | "src" | "action" | "formaction" | "xlink:href" | "poster" | "srcset"
                );
                if url_attr && scripted_url(value) {
                    let favicon = v.name() == "link" && name == "href" && value == "data:,";
                    assert!(favicon, "{rel}: <{} {name}={value:?}>", v.name());
                }
            }
        }

        // The Content-Security-Policy: present, no inline script.
        let policies: Vec<&str> = doc
            .select(&csp)
            .filter_map(|m| m.value().attr("content"))
            .collect();
        assert_eq!(policies.len(), 1, "{rel}: CSP meta tags: {policies:?}");
        let script_src = policies[0]
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .or_else(|| {
                policies[0]
                    .split(';')
                    .map(str::trim)
                    .find(|d| d.starts_with("default-src"))
            })
            .unwrap_or_else(|| panic!("{rel}: no script-src in {:?}", policies[0]));
        for bad in ["'unsafe-inline'", "'unsafe-eval'", "data:", "*"] {
            assert!(
                !script_src.split_whitespace().any(|s| s == bad),
                "{rel}: {script_src}"
            );
        }

        // The payloads are there as text (so the test tests something).
        let visible: String = doc.root_element().text().collect();
        if rel == "articles/hostile-article.html" {
            for p in PAYLOADS {
                assert!(
                    visible.contains(p),
                    "{rel}: payload {p:?} not shown as text"
                );
            }
        }
    }
    assert!(json_ld_blocks >= 2, "JSON-LD of both claims not checked");
}

#[test]
fn markdown_links_to_scripts_are_dropped_and_raw_html_is_text() {
    let (_sandbox, out) = build_hostile();
    let links = selector("a[href]");
    for rel in [
        "index.html",
        "articles/hostile-article.html",
        "topics/hostile-topic.html",
        "claims/hostile-article.html",
    ] {
        let doc = Html::parse_document(&support::read(&out, rel));
        let text: String = doc.root_element().text().collect();
        for gone in ["markdown link", "js link", "a js link", "data link"] {
            for a in doc.select(&links) {
                let label: String = a.text().collect();
                if label == gone {
                    let href = a.value().attr("href").unwrap();
                    assert!(!scripted_url(href), "{rel}: [{gone}]({href}) kept");
                }
            }
        }
        if rel == "articles/hostile-article.html" {
            assert!(
                text.contains("<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">raw link</a>"),
                "{rel}: raw HTML should be shown as text"
            );
            let good = doc
                .select(&links)
                .find(|a| a.text().collect::<String>() == "good link")
                .expect("the https link is kept");
            assert_eq!(good.value().attr("href"), Some("https://example.org/ok"));
        }
    }
}

#[test]
fn quotes_made_of_markup_anchor_as_text() {
    let (_sandbox, out) = build_hostile();
    let doc = Html::parse_document(&support::read(&out, "articles/hostile-article.html"));
    for (id, quote) in [
        (
            "q-hostile-claim-1",
            "The agency wrote <script>alert(1)</script> in its bulletin",
        ),
        (
            "q-hostile-claim-2",
            "\"><img src=x onerror=alert(1)> to the page",
        ),
        (
            "q-second-claim-1",
            "Finally </script><script>alert(1)</script> closed",
        ),
    ] {
        let mark = doc
            .select(&selector(&format!("mark#{id}")))
            .next()
            .unwrap_or_else(|| panic!("no <mark id={id}>"));
        let text: String = mark.text().collect();
        assert!(
            quote.starts_with(text.trim()) || text.contains(quote),
            "{id}: marked text {text:?} is not the quote {quote:?}"
        );
    }
}

#[test]
fn search_index_is_one_assignment_of_script_safe_json() {
    let (_sandbox, out) = build_hostile();
    let js = support::read(&out, "assets/search-index.js");
    let code: Vec<&str> = js
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with("//"))
        .collect();
    assert_eq!(code.len(), 1, "more than one statement:\n{js}");
    let line = code[0].trim();
    let payload = line
        .strip_prefix("window.DOSSIER_SEARCH = ")
        .and_then(|l| l.strip_suffix(';'))
        .unwrap_or_else(|| panic!("not `window.DOSSIER_SEARCH = {{…}};`: {line:.120}"));
    let value: serde_json::Value =
        serde_json::from_str(payload).unwrap_or_else(|e| panic!("payload is not JSON: {e}"));
    assert!(value.is_object());
    let lower = payload.to_ascii_lowercase();
    for bad in ["</script", "<!--", "<script", "\u{2028}", "\u{2029}"] {
        assert!(!lower.contains(bad), "search index carries {bad:?}");
    }
    // The hostile titles are in it, escaped.
    assert!(
        value.to_string().contains("<script>alert(1)</script>"),
        "the index lost the hostile titles (so the test proves nothing)"
    );
}

#[test]
fn feeds_and_sitemaps_carry_no_markup() {
    let (_sandbox, out) = build_hostile();
    for rel in ["feed.xml", "sitemap.xml"] {
        if !out.join(rel).is_file() {
            continue;
        }
        let xml = support::read(&out, rel).to_ascii_lowercase();
        assert!(!xml.contains("<script"), "{rel} carries a live <script");
        assert!(!xml.contains("<img"), "{rel} carries a live <img");
    }
}

/// A copy of the hostile dossier with one line of one file replaced.
fn with_replaced(file: &str, from: &str, to: &str) -> Sandbox {
    let sandbox = Sandbox::new("good/hostile");
    let path = sandbox.root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} lacks {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    sandbox
}

#[test]
fn script_and_data_urls_are_refused_with_a_diagnostic() {
    let article = "content/articles/hostile-article.md";
    let original = "url: 'https://example.org/a?q=\"><script>alert(1)</script>'";
    for url in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//example.org/protocol-relative",
    ] {
        let sandbox = with_replaced(article, original, &format!("url: '{url}'"));
        let out = sandbox.outside("public");
        let run = support::build(&sandbox.root, &out);
        run.assert_code(1).assert_no_panic();
        assert!(
            run.stderr.contains("invalid url") && run.stderr.contains(&format!("{article}:7:")),
            "{url}: no located diagnostic:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains("= help:"), "{url}: no hint");
        assert!(!out.exists(), "{url}: the failed build wrote output");
    }
    let sandbox = Sandbox::new("good/hostile");
    let toml = sandbox.root.join("dossier.toml");
    let text = fs::read_to_string(&toml).unwrap();
    let line = text.lines().find(|l| l.starts_with("base_url")).unwrap();
    for url in [
        "javascript:alert(1)//",
        "https://example.org/x\\\"><script>alert(1)</script>/",
    ] {
        fs::write(&toml, text.replace(line, &format!("base_url = \"{url}\""))).unwrap();
        let run = support::build(&sandbox.root, &sandbox.outside("public"));
        run.assert_code(1).assert_no_panic();
        assert!(
            run.stderr.contains("dossier.toml:") && run.stderr.contains("base_url"),
            "base_url {url} not refused:\n{}",
            run.stderr
        );
    }
}
