//! `dossier export --single-file FILE.html`: the whole dossier as one
//! self-contained HTML file, for a reader who gets it by e-mail.
//!
//! In: the dossier, built in memory as `dossier build` builds it (the
//! pipeline, unchanged). Out: one file, written beside its final name and
//! renamed over it (never half written; untouched when the dossier has
//! errors). Each page is a section (`rewrite`): the front page first
//! (the cover), a contents section, the pages of the site navigation in
//! its order, then claims, entities, articles and the search page. On screen one
//! section shows at a time (`:target`); in print every section follows
//! the other without the navigation. The stylesheets and the search (its
//! index and script) are inline, allowed by a Content-Security-Policy
//! that names their sha256 hashes and nothing else: no request leaves
//! the file. The file's own words (the contents, the bar's links) come
//! from the catalogue the pages were rendered with, in the dossier's
//! language.

use crate::i18n::{Messages, Msg};
use crate::markdown::escape;
use crate::page::{OutputError, Page};
use crate::{Error, Mode, build_in_memory, plural};
use base64::Engine as _;
use sha2::Digest as _;
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

mod rewrite;

/// The file's own styles, after the theme's.
const SINGLE_CSS: &str = include_str!("single.css");

/// Runs `dossier export --single-file FILE`; returns the exit code.
pub fn single_file(root: &Path, file: &Path, stderr: &mut dyn Write) -> Result<i32, Error> {
    let start = Instant::now();
    crate::output::check_export_target(root, file)?;
    let (report, built) = build_in_memory(root, None, &Mode::Render)?;
    let _ = write!(stderr, "{}", report.diagnostics);
    if report.errors > 0 {
        let _ = writeln!(
            stderr,
            "error: could not export: {} error{}, {} warning{}; {} left untouched",
            report.errors,
            plural(report.errors),
            report.warnings,
            plural(report.warnings),
            file.display()
        );
        return Ok(1);
    }
    let m = report.messages.as_deref().unwrap_or(Messages::neutral());
    let html = assemble(&built.pages, m).map_err(Error::Export)?;
    write_atomically(file, html.as_bytes())?;
    let _ = writeln!(
        stderr,
        "Exported {} pages ({} claims, {} articles) into {} ({:.1} MB) in {:.2} s",
        report.pages,
        report.claims,
        report.articles,
        file.display(),
        html.len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(0)
}

/// Writes `bytes` beside `file` and renames it over `file`.
fn write_atomically(file: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |source| {
        Error::Output(OutputError::Io {
            path: file.to_path_buf(),
            source,
        })
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let scratch = file.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&scratch, bytes).map_err(io)?;
    std::fs::rename(&scratch, file).map_err(|e| {
        let _ = std::fs::remove_file(&scratch);
        io(e)
    })
}

/// The `'sha256-…'` source of an inline script or style.
fn csp_hash(text: &str) -> String {
    let digest = sha2::Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The text of file `path` of the site, if it is there.
fn text_of<'a>(pages: &'a [Page], path: &str) -> Option<&'a str> {
    pages
        .iter()
        .find(|p| p.path == path)
        .and_then(|p| std::str::from_utf8(&p.bytes).ok())
}

/// The single file of a site whose files are `pages`, its own words from
/// `m`.
fn assemble(pages: &[Page], m: &Messages) -> Result<String, String> {
    let html_pages: Vec<(&str, &str)> = pages
        .iter()
        .filter(|p| p.path.ends_with(".html") && p.path != "404.html")
        .filter_map(|p| Some((p.path.as_str(), std::str::from_utf8(&p.bytes).ok()?)))
        .collect();
    let names: HashSet<String> = html_pages.iter().map(|(p, _)| p.to_string()).collect();
    let mut sections = Vec::with_capacity(html_pages.len());
    for (path, html) in &html_pages {
        let section = rewrite::section(path, html, &names)
            .map_err(|e| format!("cannot rewrite {path}: {e}"))?;
        sections.push((*path, section));
    }
    let index = sections
        .iter()
        .position(|(p, _)| *p == "index.html")
        .ok_or("the site has no index.html")?;
    let nav = sections[index].1.nav.clone();
    // The order: the front page, the navigation's pages, claims, entities,
    // articles, the rest (search).
    let rank = |path: &str| -> (usize, usize) {
        if let Some(n) = nav.iter().position(|(t, _)| t == path) {
            return (0, n);
        }
        let group = if path.starts_with("claims/") {
            1
        } else if path.starts_with("entities/") {
            2
        } else if path.starts_with("articles/") {
            3
        } else {
            4
        };
        (group, 0)
    };
    sections.sort_by(|a, b| (rank(a.0), a.0).cmp(&(rank(b.0), b.0)));
    let style = [
        text_of(pages, "assets/style.css").unwrap_or_default(),
        text_of(pages, "assets/syntax.css").unwrap_or_default(),
        // The "What changed" page's, when the dossier has editions.
        text_of(pages, crate::render::CHANGES_STYLESHEET).unwrap_or_default(),
        SINGLE_CSS,
    ]
    .join("\n");
    let scripts = [
        text_of(pages, "assets/search-index.js").unwrap_or_default(),
        text_of(pages, "assets/search.js").unwrap_or_default(),
    ];
    if scripts
        .iter()
        .chain([&style.as_str()])
        .any(|t| has_end_tag(t))
    {
        return Err("a stylesheet or script holds an end tag and cannot be inline".into());
    }
    let (_, cover) = &sections[0];
    let title = cover.title.clone();
    let lang = cover.lang.clone().unwrap_or_else(|| "en".into());
    let mut out = String::with_capacity(pages.iter().map(|p| p.bytes.len()).sum::<usize>());
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    out.push_str(&escape(&lang));
    out.push_str("\" data-root=\"\" data-single-file>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src {} {}; style-src {}; img-src data:; base-uri 'none'; form-action 'none'\">\n",
        csp_hash(scripts[0]),
        csp_hash(scripts[1]),
        csp_hash(&style)
    ));
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<title>");
    out.push_str(&title);
    out.push_str("</title>\n<link rel=\"icon\" href=\"data:,\">\n<style>");
    out.push_str(&style);
    out.push_str("</style>\n</head>\n<body>\n");
    bar(&mut out, &title, &nav, m);
    out.push_str("<main id=\"main\" class=\"sf-main\">\n");
    for (n, (_, s)) in sections.iter().enumerate() {
        out.push_str(&s.html);
        out.push('\n');
        if n == 0 {
            contents(&mut out, &sections, &nav, m);
        }
    }
    out.push_str("</main>\n");
    for script in scripts {
        out.push_str("<script>");
        out.push_str(script);
        out.push_str("</script>\n");
    }
    out.push_str("</body>\n</html>\n");
    Ok(out)
}

/// Whether inline text would end its element early.
fn has_end_tag(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    lower.contains("</script") || lower.contains("</style") || lower.contains("<!--")
}

/// The file's header: its title (to the cover) and the site navigation,
/// with the contents and the search. Titles and texts come escaped, as
/// the pages wrote them.
fn bar(out: &mut String, title: &str, nav: &[(String, String)], m: &Messages) {
    out.push_str("<header class=\"site-header sf-bar\"><div class=\"site-header__inner\">\n  <a class=\"site-title\" href=\"#index\">");
    out.push_str(title);
    out.push_str("</a>\n  <nav class=\"site-nav\" aria-label=\"");
    out.push_str(&escape(m.text(Msg::NavLabel)));
    out.push_str("\"><ul>\n");
    let mut items: Vec<(String, std::borrow::Cow<'_, str>)> = nav
        .iter()
        .map(|(t, text)| (format!("#{}", rewrite::section_id(t)), text.into()))
        .collect();
    items.push((
        "#contents".into(),
        escape(m.text(Msg::SingleContents)).into(),
    ));
    items.push(("#search".into(), escape(m.text(Msg::SearchTitle)).into()));
    for (href, text) in items {
        out.push_str("    <li><a href=\"");
        out.push_str(&escape(&href));
        out.push_str("\">");
        out.push_str(&text);
        out.push_str("</a></li>\n");
    }
    out.push_str("  </ul></nav>\n</div></header>\n");
}

/// The contents: the navigation's pages, then every claim and article.
fn contents(
    out: &mut String,
    sections: &[(&str, rewrite::Section)],
    nav: &[(String, String)],
    m: &Messages,
) {
    out.push_str("<section id=\"contents\" class=\"page sf-section sf-contents\" aria-labelledby=\"contents.h\">\n<h1 id=\"contents.h\" class=\"page-title\">");
    out.push_str(&escape(m.text(Msg::SingleContents)));
    out.push_str("</h1>\n");
    let list = |out: &mut String, heading: &str, keep: &dyn Fn(&str) -> bool| {
        let items: Vec<&(&str, rewrite::Section)> =
            sections.iter().filter(|(p, _)| keep(p)).collect();
        if items.is_empty() {
            return;
        }
        out.push_str("<h2>");
        out.push_str(&escape(heading));
        out.push_str("</h2>\n<ol>\n");
        for (path, s) in items {
            out.push_str("<li><a href=\"#");
            out.push_str(&escape(&rewrite::section_id(path)));
            out.push_str("\">");
            out.push_str(&s.title);
            out.push_str("</a></li>\n");
        }
        out.push_str("</ol>\n");
    };
    list(out, m.text(Msg::SingleContentsDossier), &|p| {
        nav.iter().any(|(t, _)| t == p)
    });
    list(out, m.text(Msg::SingleContentsClaims), &|p| {
        p.starts_with("claims/")
    });
    list(out, m.text(Msg::EntitiesTitle), &|p| {
        p.starts_with("entities/")
    });
    list(out, m.text(Msg::SingleContentsArticles), &|p| {
        p.starts_with("articles/")
    });
    out.push_str("</section>\n");
}
