//! The shared view pieces written by hand: the page frame of `base.html`
//! ([`head`], [`foot`]) and the macros of `macros.html` (status tag,
//! grade, date, a claim's row), for the hand-compiled pages. A dossier of
//! 100,000 claims has 100,000 claim pages, and Tera spends most of its time
//! there looking up variables; writing the same bytes directly is several
//! times faster. They are used only while the theme keeps the default
//! templates (a theme that overrides one gets Tera), and
//! `tests/fast_pages.rs` builds dossiers both ways and requires identical
//! bytes. Each page's own hand-compiled part sits beside its Tera context
//! in `pages/`.

use super::{ArticleRow, ChangeView, ClaimRow, Common, DateView, Grade, RefView};
use crate::i18n::{Messages, Msg};
use crate::markdown::escape_into;

/// `{{ value }}` with autoescape.
pub(in crate::render) fn text(out: &mut String, value: &str) {
    escape_into(out, value);
}

/// Tera's truthiness of an optional string: absent or empty is false.
pub(in crate::render) fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// Tera's `truncate(length=n)`: the first `n` grapheme clusters and "…".
pub(in crate::render) fn truncated(value: &str, length: usize) -> std::borrow::Cow<'_, str> {
    match crate::render::templates::grapheme_cut(value, length) {
        None => value.into(),
        Some(at) => format!("{}…", &value[..at]).into(),
    }
}

pub(in crate::render) fn head(out: &mut String, c: &Common<'_>) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"");
    text(out, c.language);
    out.push_str("\" data-root=\"");
    text(out, &c.root);
    out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    if let Some(base) = present(c.base_href.as_deref()) {
        out.push_str("<base href=\"");
        text(out, base);
        out.push_str("\">\n");
    }
    out.push_str("<title>");
    if c.kind != "index" {
        text(out, &truncated(&c.title, 90));
        out.push_str(" · ");
    }
    text(out, c.site_title);
    out.push_str("</title>\n");
    if !c.description.is_empty() {
        out.push_str("<meta name=\"description\" content=\"");
        text(out, &truncated(&c.description, 200));
        out.push_str("\">\n");
    }
    if let Some(canonical) = present(c.canonical.as_deref()) {
        out.push_str("<link rel=\"canonical\" href=\"");
        text(out, canonical);
        out.push_str("\">\n");
    }
    if let Some(feed) = present(c.feed.as_deref()) {
        out.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"");
        text(out, c.m.text(Msg::FeedTitle));
        out.push_str("\" href=\"");
        text(out, feed);
        out.push_str("\">\n");
    }
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; manifest-src 'self'; base-uri 'self'; form-action 'self'");
    if c.zipped.is_some() {
        out.push_str("; connect-src 'self'");
    }
    out.push_str("\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"referrer\" content=\"no-referrer\">\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"");
    text(out, &c.style);
    out.push_str("\">\n");
    for css in [c.syntax.as_deref(), c.changes_css.as_deref()] {
        if let Some(css) = present(css) {
            out.push_str("<link rel=\"stylesheet\" href=\"");
            text(out, css);
            out.push_str("\">\n");
        }
    }
    out.push_str("<link rel=\"manifest\" href=\"");
    text(out, &c.manifest);
    out.push_str("\">\n<script src=\"");
    text(out, &c.offline);
    out.push_str("\" defer></script>\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">");
    text(out, c.m.text(Msg::SkipLink));
    out.push_str("</a>\n<header class=\"site-header\"><div class=\"site-header__inner\">\n<a class=\"site-title\" href=\"");
    text(out, &c.home);
    out.push_str("\">");
    text(out, c.site_title);
    out.push_str("</a>\n<form class=\"site-search\" role=\"search\" action=\"");
    text(out, &c.search);
    let search = c.m.text(Msg::SiteSearchLabel);
    out.push_str("\">\n<label class=\"visually-hidden\" for=\"site-search-q\">");
    text(out, search);
    out.push_str("</label>\n<input id=\"site-search-q\" name=\"q\" type=\"search\" placeholder=\"");
    text(out, search);
    out.push_str("\">\n<button>");
    text(out, c.m.text(Msg::SiteSearchButton));
    out.push_str("</button>\n</form>\n<nav class=\"site-nav\" aria-label=\"");
    text(out, c.m.text(Msg::NavLabel));
    out.push_str("\"><ul>\n");
    for n in c.nav.iter() {
        out.push_str("<li><a href=\"");
        text(out, &n.href);
        out.push('"');
        if n.current {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        text(out, &n.text);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ul></nav>\n</div></header>\n<main id=\"main\" class=\"page page--");
    text(out, c.kind);
    out.push_str("\">\n");
}

/// The start of a page's breadcrumbs, up to the link to the front page
/// (the caller adds its own items and closes `</ol></nav>`).
pub(in crate::render) fn breadcrumbs_home(out: &mut String, c: &Common<'_>) {
    out.push_str("\n<nav class=\"breadcrumbs\" aria-label=\"");
    msg(out, c.m, Msg::BreadcrumbLabel);
    out.push_str("\"><ol><li><a href=\"");
    text(out, &c.home);
    out.push_str("\">");
    msg(out, c.m, Msg::NavOverview);
    out.push_str("</a></li>");
}

pub(in crate::render) fn foot(out: &mut String, c: &Common<'_>) {
    out.push_str(
        "\n</main>\n<footer class=\"site-footer\"><div class=\"site-footer__inner\">\n<p>",
    );
    if let Some(footer) = present(c.footer) {
        text(out, footer);
        out.push_str(" · ");
    }
    // The legend of the grades is on the front page only: the other
    // pages explain each grade where it stands (its title).
    let footer = if c.kind == "index" {
        Msg::Footer
    } else {
        Msg::FooterShort
    };
    text(out, c.m.text(footer));
    out.push_str("</p>\n");
    if let Some(download) = present(c.download.as_deref()) {
        out.push_str("  <p class=\"site-footer__offline\"><a href=\"");
        text(out, download);
        out.push_str("\" download>");
        text(out, c.m.text(Msg::FooterDownload));
        out.push_str("</a></p>\n");
    } else if let Some(zip) = c.zipped {
        out.push_str(
            "  <p class=\"site-footer__offline\" hidden><button type=\"button\" data-zip=\"",
        );
        text(out, zip);
        out.push_str("\" data-failed=\"");
        text(out, c.m.text(Msg::FooterDownloadFailed));
        out.push_str("\">");
        text(out, c.m.text(Msg::FooterDownload));
        out.push_str("</button> <span role=\"status\"></span></p>\n");
    }
    out.push_str("</div></footer>\n</body>\n</html>\n");
}

/// `<a href="…">…</a>`.
pub(in crate::render) fn link(out: &mut String, href: &str, label: &str) {
    out.push_str("<a href=\"");
    text(out, href);
    out.push_str("\">");
    text(out, label);
    out.push_str("</a>");
}

/// Links separated by `sep`, as the templates' `{% if not loop.last %}`.
pub(in crate::render) fn links<'a>(
    out: &mut String,
    items: impl Iterator<Item = (&'a str, &'a str)>,
    sep: &str,
) {
    for (n, (href, label)) in items.enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        link(out, href, label);
    }
}

/// `m::tag(status, words)`.
pub(in crate::render) fn tag(out: &mut String, status: &str, words: &str) {
    out.push_str("<strong class=\"tag tag--");
    text(out, status);
    out.push_str("\">");
    text(out, words);
    out.push_str("</strong>");
}

/// A claim's change tag, after a space, when it has one: `new` or
/// `revised`, and since which edition for screen readers (`m::change`).
pub(in crate::render) fn change_tag(out: &mut String, change: Option<&ChangeView>) {
    if let Some(c) = change {
        out.push_str(" <strong class=\"tag tag--");
        text(out, c.kind);
        out.push_str("\">");
        text(out, &c.words);
        out.push_str("<span class=\"visually-hidden\"> ");
        text(out, &c.since_words);
        out.push_str("</span></strong>");
    }
}

/// `m::date(d)`.
pub(in crate::render) fn date(out: &mut String, d: &DateView) {
    out.push_str("<time datetime=\"");
    text(out, &d.iso);
    out.push_str("\">");
    text(out, &d.human);
    out.push_str("</time>");
}

/// An example grade, as the front page's explanation shows it (no focus:
/// it sits in running text).
pub(in crate::render) fn grade_example(out: &mut String, g: &Grade) {
    out.push_str("<abbr class=\"grade\" title=\"");
    text(out, &g.title);
    out.push_str("\">");
    text(out, &g.code);
    out.push_str("</abbr>");
}

/// `t(key="…")` of a message without variables.
pub(in crate::render) fn msg(out: &mut String, m: &Messages, key: Msg) {
    text(out, m.text(key));
}

/// `m::grade(g)`.
pub(in crate::render) fn grade(out: &mut String, g: &Grade) {
    out.push_str("<abbr class=\"grade\" title=\"");
    text(out, &g.title);
    out.push_str("\" tabindex=\"0\">");
    text(out, &g.code);
    out.push_str("</abbr>");
}

/// A grade's code alone, on a page whose legend explains it:
/// `<abbr class="grade">{{ g.code }}</abbr>`.
pub(in crate::render) fn grade_code(out: &mut String, g: &Grade) {
    out.push_str("<abbr class=\"grade\">");
    text(out, &g.code);
    out.push_str("</abbr>");
}

/// How a list writes its claim rows (`m::claim_item`'s arguments).
#[derive(Clone, Copy, Default)]
pub(in crate::render) struct RowStyle {
    /// The page has the legend: a grade is its code alone, not explained
    /// on every row.
    pub compact: bool,
    /// The list is under its status's heading: no status tag.
    pub grouped: bool,
    /// The list is spread over pages, where a row is no place a link can
    /// name: no `id="c-<claim>"`.
    pub paged: bool,
}

/// `m::claim_item(c, compact=…, grouped=…, anchored=not paged)`. The row
/// and its grade are unclassed (the stylesheet finds them in
/// `.claim-list`): a topic has thousands of rows.
pub(in crate::render) fn claim_item(out: &mut String, c: &ClaimRow<'_>, style: RowStyle) {
    let RowStyle {
        compact,
        grouped,
        paged,
    } = style;
    if paged {
        out.push_str("\n<li");
    } else {
        out.push_str("\n<li id=\"c-");
        text(out, c.id);
        out.push('"');
    }
    out.push_str("><p>");
    link(out, &c.href, c.statement);
    out.push_str("</p><p>");
    if !grouped {
        tag(out, c.status, c.status_words);
    }
    change_tag(out, c.change);
    if !grouped || c.change.is_some() {
        out.push(' ');
    }
    if compact {
        row_grade(out, &c.grade);
    } else {
        out.push_str("<abbr title=\"");
        text(out, &c.grade.title);
        out.push_str("\" tabindex=\"0\">");
        text(out, &c.grade.code);
        out.push_str("</abbr>");
    }
    out.push_str(" <span>");
    text(out, c.support);
    out.push_str("</span> <span>");
    text(out, c.origin);
    out.push_str("</span>");
    if let Some(d) = &c.date {
        out.push(' ');
        date(out, d);
    }
    out.push_str("</p></li>\n");
}

/// A grade's code in a row of a list whose page has the legend:
/// `<abbr>{{ g.code }}</abbr>`.
pub(in crate::render) fn row_grade(out: &mut String, g: &Grade) {
    out.push_str("<abbr>");
    text(out, &g.code);
    out.push_str("</abbr>");
}

/// The start of both timelines' rows: date, statement, status.
pub(in crate::render) fn dated_claim(out: &mut String, c: &ClaimRow<'_>) {
    if let Some(d) = &c.date {
        date(out, d);
    }
    out.push(' ');
    undated_claim(out, c);
}

/// [`dated_claim`] without the date (a heading gives it).
pub(in crate::render) fn undated_claim(out: &mut String, c: &ClaimRow<'_>) {
    link(out, &c.href, c.statement);
    out.push(' ');
    tag(out, c.status, c.status_words);
    change_tag(out, c.change);
}

/// `t(key="claims-count", count=n)`.
pub(in crate::render) fn claims_count(out: &mut String, m: &Messages, n: usize) {
    text(out, &m.count(Msg::ClaimsCount, &[("count", n as i64)]));
}

/// An article's title, linked, in its language.
pub(in crate::render) fn article_link(out: &mut String, a: &ArticleRow) {
    out.push_str("<a href=\"");
    text(out, &a.href);
    out.push_str("\" hreflang=\"");
    text(out, &a.language);
    out.push_str("\"><span lang=\"");
    text(out, &a.language);
    out.push_str("\">");
    text(out, &a.title);
    out.push_str("</span></a>");
}

/// `cite::references(refs, level, prefix)`: a text's list of references,
/// its ids and links to the citations starting with `prefix` (a claim's
/// `<id>.` on a claims page, where several notes have references).
pub(in crate::render) fn references(
    out: &mut String,
    m: &Messages,
    refs: &[RefView<'_>],
    level: u8,
    prefix: &str,
) {
    let level = level.to_string();
    out.push_str("<h");
    out.push_str(&level);
    out.push_str(" class=\"references__title\">");
    msg(out, m, Msg::ReferencesTitle);
    out.push_str("</h");
    out.push_str(&level);
    out.push_str(">\n<ol class=\"references\">\n");
    for r in refs {
        let number = r.number.to_string();
        out.push_str("  <li id=\"");
        out.push_str(prefix);
        out.push_str("ref-");
        out.push_str(&number);
        out.push_str("\"><span class=\"references__back\">");
        if r.times == 1 {
            out.push_str("<a href=\"#");
            out.push_str(prefix);
            out.push_str("cite-");
            out.push_str(&number);
            out.push_str("-1\" aria-label=\"");
            text(out, &m.fill(Msg::CiteBack, &[("place", &number)]));
            out.push_str("\">^</a>");
        } else {
            out.push('^');
            for (k, letter) in &r.backlinks {
                out.push_str(" <a href=\"#");
                out.push_str(prefix);
                out.push_str("cite-");
                out.push_str(&number);
                out.push('-');
                out.push_str(&k.to_string());
                out.push_str("\" aria-label=\"");
                text(
                    out,
                    &m.fill(Msg::CiteBack, &[("place", &format!("{number}{letter}"))]),
                );
                out.push_str("\">");
                text(out, letter);
                out.push_str("</a>");
            }
        }
        out.push_str("</span> ");
        link(out, &r.href, r.statement);
        out.push(' ');
        tag(out, r.status, r.status_words);
        out.push(' ');
        grade(out, &r.grade);
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}
