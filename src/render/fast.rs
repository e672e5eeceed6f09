//! `claim.html` and `article.html` (with `base.html` and the macros they
//! call) compiled by hand. A dossier of 100,000 claims has 100,000 claim pages, and Tera
//! spends most of its time there looking up variables; writing the same
//! bytes directly is several times faster. It is used only while the
//! theme keeps the default `claim.html`, `base.html` and `macros.html`
//! (a theme that overrides any of them gets Tera), and a test renders every
//! claim page of the fixtures both ways and requires identical bytes.

use super::{ArticleCtx, ArticleRow, ClaimCtx, ClaimRow, Common, DateView, FigureRow, Grade, Link};
use crate::markdown::escape_into;

/// `{{ value }}` with autoescape.
fn text(out: &mut String, value: &str) {
    escape_into(out, value);
}

/// Tera's truthiness of an optional string: absent or empty is false.
fn present(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

/// Tera's `truncate(length=n)`: the first `n` grapheme clusters and "…".
fn truncated(value: &str, length: usize) -> std::borrow::Cow<'_, str> {
    match super::grapheme_cut(value, length) {
        None => value.into(),
        Some(at) => format!("{}…", &value[..at]).into(),
    }
}

fn head(out: &mut String, c: &Common<'_>) {
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
        out.push_str("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Claims by date\" href=\"");
        text(out, feed);
        out.push_str("\">\n");
    }
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'\">\n<meta name=\"color-scheme\" content=\"light dark\">\n<link rel=\"icon\" href=\"data:,\">\n<link rel=\"stylesheet\" href=\"");
    text(out, &c.style);
    out.push_str("\">\n<link rel=\"stylesheet\" href=\"");
    text(out, &c.syntax);
    out.push_str("\">\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n<header class=\"site-header\"><div class=\"site-header__inner\">\n  <a class=\"site-title\" href=\"");
    text(out, &c.home);
    out.push_str("\">");
    text(out, c.site_title);
    out.push_str("</a>\n  <form class=\"site-search\" role=\"search\" action=\"");
    text(out, &c.search);
    out.push_str("\" method=\"get\">\n    <label class=\"visually-hidden\" for=\"site-search-q\">Search the dossier</label>\n    <input id=\"site-search-q\" name=\"q\" type=\"search\" placeholder=\"Search the dossier\">\n    <button type=\"submit\">Search</button>\n  </form>\n  <nav class=\"site-nav\" aria-label=\"Site\"><ul>\n");
    for n in c.nav.iter() {
        out.push_str("    <li><a href=\"");
        text(out, &n.href);
        out.push('"');
        if n.current {
            out.push_str(" aria-current=\"page\"");
        }
        out.push('>');
        text(out, &n.text);
        out.push_str("</a></li>\n");
    }
    out.push_str("  </ul></nav>\n</div></header>\n<main id=\"main\" class=\"page page--");
    text(out, c.kind);
    out.push_str("\">\n");
}

fn foot(out: &mut String, c: &Common<'_>) {
    out.push_str(
        "\n</main>\n<footer class=\"site-footer\"><div class=\"site-footer__inner\">\n  <p>",
    );
    if let Some(footer) = present(c.footer) {
        text(out, footer);
        out.push_str(" · ");
    }
    out.push_str("Built with dossier. Grades: source reliability (A–F) then information credibility (1–6), Admiralty scale. Every claim links to the passage it rests on.</p>\n</div></footer>\n</body>\n</html>\n");
}

/// `<a href="…">…</a>`.
fn link(out: &mut String, href: &str, label: &str) {
    out.push_str("<a href=\"");
    text(out, href);
    out.push_str("\">");
    text(out, label);
    out.push_str("</a>");
}

/// Links separated by `sep`, as the templates' `{% if not loop.last %}`.
fn links<'a>(out: &mut String, items: impl Iterator<Item = (&'a str, &'a str)>, sep: &str) {
    for (n, (href, label)) in items.enumerate() {
        if n > 0 {
            out.push_str(sep);
        }
        link(out, href, label);
    }
}

/// `m::tag(status, words)`.
fn tag(out: &mut String, status: &str, words: &str) {
    out.push_str("<strong class=\"tag tag--");
    text(out, status);
    out.push_str("\">");
    text(out, words);
    out.push_str("</strong>");
}

/// `m::date(d)`.
fn date(out: &mut String, d: &DateView) {
    out.push_str("<time datetime=\"");
    text(out, &d.iso);
    out.push_str("\">");
    text(out, &d.human);
    out.push_str("</time>");
}

/// `m::grade(g)`.
fn grade(out: &mut String, g: &Grade) {
    out.push_str("<abbr class=\"grade\" title=\"");
    text(out, &g.title);
    out.push_str("\" tabindex=\"0\">");
    text(out, &g.code);
    out.push_str("</abbr>");
}

/// `m::claim_item(c)`.
pub(super) fn claim_item(out: &mut String, c: &ClaimRow<'_>) {
    out.push_str("\n<li class=\"claim-item\" id=\"c-");
    text(out, c.id);
    out.push_str("\">\n  <p class=\"claim-item__statement\">");
    link(out, &c.href, c.statement);
    out.push_str("</p>\n  <p class=\"claim-item__meta\">");
    tag(out, c.status, c.status_words);
    out.push(' ');
    grade(out, &c.grade);
    out.push_str(" <span class=\"origins\">");
    text(out, c.support);
    out.push_str("</span> <span class=\"claim-item__origin\">");
    text(out, c.origin);
    out.push_str("</span>");
    if let Some(d) = &c.date {
        out.push_str(" <time class=\"claim-item__date\" datetime=\"");
        text(out, &d.iso);
        out.push_str("\">");
        text(out, &d.human);
        out.push_str("</time>");
    }
    out.push_str("</p>\n</li>\n");
}

/// The claim page.
pub(super) fn claim_page(x: &ClaimCtx<'_>) -> String {
    let mut out = String::with_capacity(8192);
    let o = &mut out;
    head(o, &x.common);
    o.push_str("\n<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"");
    text(o, &x.common.home);
    o.push_str("\">Overview</a></li>");
    for t in &x.topics {
        o.push_str("<li>");
        link(o, &t.href, &t.text);
        o.push_str("</li>");
    }
    o.push_str("</ol></nav>\n<p class=\"kicker\">Claim</p>\n<h1 class=\"statement\">");
    text(o, x.claim.statement);
    o.push_str("</h1>\n<p class=\"claim-meta\">");
    tag(o, x.claim.status, x.claim.status_words);
    o.push(' ');
    grade(o, &x.claim.grade);
    o.push_str(" <span class=\"origins\">");
    text(o, x.claim.support);
    o.push_str("</span></p>\n<p class=\"status-reason\">");
    text(o, &x.status_reason);
    o.push_str("</p>\n<dl class=\"summary-list\">\n  <div class=\"summary-list__row\"><dt class=\"summary-list__key\">Origin</dt><dd class=\"summary-list__value\">");
    link(o, &x.origin.href, &x.origin.name);
    o.push_str(" <span class=\"muted\">(");
    text(o, x.origin.kind);
    o.push_str("; reliability ");
    text(o, x.origin.reliability.encode_utf8(&mut [0; 4]));
    o.push_str(", ");
    text(o, x.origin.reliability_words);
    o.push_str(")</span></dd></div>\n  ");
    if !x.via.is_empty() {
        o.push_str("<div class=\"summary-list__row\"><dt class=\"summary-list__key\">Relayed by</dt><dd class=\"summary-list__value\">");
        links(
            o,
            x.via.iter().map(|s| (s.href.as_str(), s.name.as_str())),
            ", ",
        );
        o.push_str("</dd></div>");
    }
    o.push_str("\n  <div class=\"summary-list__row\"><dt class=\"summary-list__key\">Carried by</dt><dd class=\"summary-list__value\">");
    links(
        o,
        x.articles
            .iter()
            .map(|a| (a.href.as_str(), a.text.as_str())),
        "; ",
    );
    o.push_str("</dd></div>\n  ");
    if let Some(d) = &x.claim.date {
        o.push_str("<div class=\"summary-list__row\"><dt class=\"summary-list__key\">Date</dt><dd class=\"summary-list__value\">");
        date(o, d);
        o.push_str("</dd></div>");
    }
    o.push_str("\n  <div class=\"summary-list__row\"><dt class=\"summary-list__key\">Credibility</dt><dd class=\"summary-list__value\">");
    text(o, &x.credibility);
    o.push_str("</dd></div>\n  <div class=\"summary-list__row\"><dt class=\"summary-list__key\">Topics</dt><dd class=\"summary-list__value\">");
    links(
        o,
        x.topics.iter().map(|t| (t.href.as_str(), t.text.as_str())),
        ", ",
    );
    o.push_str("</dd></div>\n</dl>\n<section class=\"section\" id=\"relay\" aria-labelledby=\"relay-h\">\n<h2 id=\"relay-h\">How it reached us</h2>\n<figure class=\"relay-figure\">");
    o.push_str(&x.relay_svg);
    o.push_str("</figure>\n</section>\n");
    if !x.figures.is_empty() {
        o.push_str("\n<section class=\"section\" id=\"figures\" aria-labelledby=\"figures-h\">\n<h2 id=\"figures-h\">Figures</h2>\n<div class=\"table-wrap\"><table class=\"data-table\">\n<thead><tr><th scope=\"col\">Quantity</th><th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Status</th><th scope=\"col\">As of</th></tr></thead>\n<tbody>\n");
        for f in &x.figures {
            o.push_str("<tr><td>");
            text(o, &f.metric);
            o.push_str("</td><td class=\"num\">");
            text(o, &f.text);
            if !f.unit.is_empty() {
                o.push(' ');
                text(o, &f.unit);
            }
            o.push_str("</td><td>");
            text(o, f.status);
            o.push_str("</td><td>");
            match &f.as_of {
                Some(d) => date(o, d),
                None => o.push('—'),
            }
            o.push_str("</td></tr>\n");
        }
        o.push_str("</tbody></table></div>\n</section>\n");
    }
    o.push_str("\n<section class=\"section\" id=\"evidence\" aria-labelledby=\"evidence-h\">\n<h2 id=\"evidence-h\">Evidence</h2>\n<ol class=\"evidence\">\n");
    for e in &x.evidence {
        o.push_str("  <li class=\"evidence__item\" id=\"evidence-");
        o.push_str(&e.number.to_string());
        o.push_str("\">\n    <figure class=\"quote\">\n      <blockquote class=\"quote__original\" lang=\"");
        text(o, e.language);
        o.push_str("\"><p>");
        text(o, e.quote);
        o.push_str("</p></blockquote>\n      ");
        if let Some(t) = present(e.translation) {
            o.push_str("<p class=\"quote__translation\">");
            text(o, t);
            o.push_str("</p>");
        }
        o.push_str("\n      <figcaption class=\"quote__source\"><a href=\"");
        text(o, &e.passage);
        o.push_str("\"><span lang=\"");
        text(o, e.language);
        o.push_str("\">");
        text(o, e.article);
        o.push_str("</span></a>, ");
        date(o, &e.published);
        if let Some(outlet) = present(e.outlet) {
            o.push_str(", ");
            text(o, outlet);
        }
        if let Some(external) = present(e.external.as_deref()) {
            o.push_str(" · <a class=\"quote__external\" href=\"");
            text(o, external);
            o.push_str("\" rel=\"noopener noreferrer\">original page</a>");
        }
        o.push_str("</figcaption>\n    </figure>\n  </li>\n");
    }
    o.push_str("</ol>\n</section>\n");
    if !x.conflicts.is_empty() {
        o.push_str("\n<section class=\"section\" id=\"conflicts\" aria-labelledby=\"conflicts-h\">\n<h2 id=\"conflicts-h\">Contradicted by</h2>\n<ul class=\"relations\">\n");
        for c in &x.conflicts {
            o.push_str("  <li><strong class=\"relation relation--contradicts\">Conflict</strong> ");
            link(o, &c.claim.href, c.claim.statement);
            o.push_str(" <span class=\"muted\">— ");
            text(o, &c.reason);
            o.push_str("</span></li>\n");
        }
        o.push_str("</ul>\n</section>\n");
    }
    o.push('\n');
    if !x.support.is_empty() {
        o.push_str("\n<section class=\"section\" id=\"support\" aria-labelledby=\"support-h\">\n<h2 id=\"support-h\">Corroborated by</h2>\n<ul class=\"claim-list\">\n");
        for c in &x.support {
            claim_item(o, c);
        }
        o.push_str("\n</ul>\n</section>\n");
    }
    o.push('\n');
    if !x.judgments.is_empty() {
        o.push_str("\n<section class=\"section\" id=\"judgments\" aria-labelledby=\"judgments-h\">\n<h2 id=\"judgments-h\">Judgments resting on this claim</h2>\n<ul class=\"plain-list\">\n");
        for j in &x.judgments {
            o.push_str("  <li>");
            text(o, &j.text);
            o.push_str(" <span class=\"muted\">(");
            link(o, &j.place.href, &j.place.text);
            o.push_str(")</span></li>\n");
        }
        o.push_str("</ul>\n</section>\n");
    }
    o.push('\n');
    if let Some(note) = present(x.note_html) {
        o.push_str("<section class=\"note\" aria-labelledby=\"note-h\"><h2 id=\"note-h\">Analyst note</h2>\n");
        o.push_str(note);
        o.push_str("</section>");
    }
    o.push_str("\n<script type=\"application/ld+json\">");
    o.push_str(&x.json_ld);
    o.push_str("</script>\n");
    foot(o, &x.common);
    out
}

/// The article page.
pub(super) fn article_page(x: &ArticleCtx<'_>) -> String {
    let mut out = String::with_capacity(x.text_html.len() + 8192);
    let o = &mut out;
    head(o, &x.common);
    o.push_str("\n<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol><li><a href=\"");
    text(o, &x.common.home);
    o.push_str("\">Overview</a></li><li><a href=\"../sources.html#articles\">Source articles</a></li></ol></nav>\n<p class=\"kicker\">Source article</p>\n<h1 class=\"page-title\" lang=\"");
    text(o, x.language);
    o.push_str("\">");
    text(o, x.title);
    o.push_str("</h1>\n<dl class=\"summary-list\">\n  <div class=\"summary-list__row\"><dt class=\"summary-list__key\">Published</dt><dd class=\"summary-list__value\">");
    date(o, &x.published);
    o.push_str("</dd></div>\n  ");
    let row = |o: &mut String, key: &str, value: &str| {
        o.push_str("<div class=\"summary-list__row\"><dt class=\"summary-list__key\">");
        o.push_str(key);
        o.push_str("</dt><dd class=\"summary-list__value\">");
        text(o, value);
        o.push_str("</dd></div>");
    };
    if let Some(outlet) = present(x.outlet) {
        row(o, "Outlet", outlet);
    }
    o.push_str("\n  ");
    if let Some(author) = present(x.author) {
        row(o, "Author", author);
    }
    o.push_str("\n  <div class=\"summary-list__row\"><dt class=\"summary-list__key\">Language</dt><dd class=\"summary-list__value\"><code>");
    text(o, x.language);
    o.push_str("</code></dd></div>\n  ");
    if let Some(reliability) = present(x.reliability.as_deref()) {
        row(o, "Outlet reliability", reliability);
    }
    o.push_str("\n  ");
    if let Some(url) = present(x.url) {
        o.push_str("<div class=\"summary-list__row\"><dt class=\"summary-list__key\">Original</dt><dd class=\"summary-list__value\"><a href=\"");
        text(o, url);
        o.push_str("\" rel=\"noopener noreferrer\">");
        text(o, url);
        o.push_str("</a></dd></div>");
    }
    o.push_str("\n  <div class=\"summary-list__row\"><dt class=\"summary-list__key\">Claims drawn</dt><dd class=\"summary-list__value\"><a href=\"#claims\">");
    o.push_str(&x.claims.len().to_string());
    o.push_str("</a></dd></div>\n</dl>\n");
    if let Some(summary) = present(x.summary_html) {
        o.push_str("<section class=\"section summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">Summary</h2>\n");
        o.push_str(summary);
        o.push_str("</section>");
    }
    o.push_str("\n<section class=\"section\" aria-labelledby=\"text-h\">\n<h2 id=\"text-h\">Full text</h2>\n<p class=\"muted\">Highlighted passages are quoted by claims; the number after each links to the claim.</p>\n<div class=\"prose article-text\" lang=\"");
    text(o, x.language);
    o.push_str("\">\n");
    o.push_str(x.text_html);
    o.push_str("\n</div>\n</section>\n<section class=\"section\" id=\"claims\" aria-labelledby=\"claims-h\">\n<h2 id=\"claims-h\">Claims drawn from this article</h2>\n<ol class=\"claim-list claim-list--numbered\">\n");
    for c in &x.claims {
        o.push_str("  <li class=\"claim-item\" id=\"c-");
        text(o, c.claim.id);
        o.push_str(
            "\">\n    <p class=\"claim-item__statement\"><span class=\"claim-item__number\">",
        );
        o.push_str(&c.number.to_string());
        o.push_str("</span> ");
        link(o, &c.claim.href, c.claim.statement);
        o.push_str("</p>\n    <p class=\"claim-item__meta\">");
        tag(o, c.claim.status, c.claim.status_words);
        o.push(' ');
        grade(o, &c.claim.grade);
        o.push_str(" <span class=\"origins\">");
        text(o, c.claim.support);
        o.push_str("</span> · passage");
        if c.passages.len() != 1 {
            o.push('s');
        }
        o.push_str(": ");
        for (n, p) in c.passages.iter().enumerate() {
            o.push_str("<a href=\"");
            text(o, p);
            o.push_str("\">");
            o.push_str(&(n + 1).to_string());
            o.push_str("</a>");
            if n + 1 < c.passages.len() {
                o.push_str(", ");
            }
        }
        o.push_str("</p>\n  </li>\n");
    }
    if x.claims.is_empty() {
        o.push_str("  <li>No claim quotes this article yet.</li>\n");
    }
    o.push_str("</ol>\n</section>\n");
    foot(o, &x.common);
    out
}

/// A row of the timeline page (`timeline.html`).
pub(super) fn timeline_item(out: &mut String, c: &ClaimRow<'_>) {
    out.push_str("  <li class=\"timeline__item\">");
    dated_claim(out, c);
    out.push(' ');
    grade(out, &c.grade);
    out.push_str(" <span class=\"muted\">");
    text(out, c.origin);
    out.push_str("</span></li>\n");
}

/// A row of a topic's timeline (`topic.html`).
pub(super) fn topic_timeline_item(out: &mut String, c: &ClaimRow<'_>) {
    out.push_str("  <li>");
    dated_claim(out, c);
    out.push_str("</li>\n");
}

/// The start of both timelines' rows: date, statement, status.
fn dated_claim(out: &mut String, c: &ClaimRow<'_>) {
    if let Some(d) = &c.date {
        date(out, d);
    }
    out.push(' ');
    link(out, &c.href, c.statement);
    out.push(' ');
    tag(out, c.status, c.status_words);
}

/// A row of a quantity's table (`m::metric`).
pub(super) fn figure_row(out: &mut String, r: &FigureRow) {
    out.push_str("<tr");
    if r.contested {
        out.push_str(" class=\"row--contested\"");
    }
    out.push_str("><td>");
    text(out, &r.text);
    if r.contested {
        out.push_str(" <strong class=\"tag tag--contested\">disagrees</strong>");
    }
    out.push_str("</td><td class=\"num\">");
    text(out, &r.low);
    out.push_str("</td><td class=\"num\">");
    text(out, &r.best);
    out.push_str("</td><td class=\"num\">");
    text(out, &r.high);
    out.push_str("</td><td>");
    text(out, r.status);
    out.push_str("</td><td>");
    match &r.as_of {
        Some(d) => date(out, d),
        None => out.push('—'),
    }
    out.push_str("</td><td>");
    link(out, &r.origin.href, &r.origin.name);
    out.push(' ');
    grade(out, &r.grade);
    out.push_str("</td><td>");
    link(out, &r.claim.href, &truncated(r.claim.statement, 90));
    out.push_str("</td><td>");
    for (n, a) in r.articles.iter().enumerate() {
        out.push_str("<a href=\"");
        text(out, &a.href);
        out.push_str("\" title=\"");
        text(out, &a.text);
        out.push_str("\">");
        out.push_str(&(n + 1).to_string());
        out.push_str("</a>");
        if n + 1 < r.articles.len() {
            out.push_str(", ");
        }
    }
    out.push_str("</td></tr>\n");
}

/// `{{ n }} claim{{ n | pluralize }}`.
fn claims_count(out: &mut String, n: usize) {
    out.push_str(&n.to_string());
    out.push_str(if n == 1 { " claim" } else { " claims" });
}

/// An article's title, linked, in its language.
fn article_link(out: &mut String, a: &ArticleRow) {
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

/// An item of `topic.html`'s list of source articles.
pub(super) fn topic_article_item(out: &mut String, a: &ArticleRow) {
    out.push_str("  <li>");
    article_link(out, a);
    out.push_str(" — ");
    date(out, &a.published);
    if let Some(outlet) = present(a.outlet.as_deref()) {
        out.push_str(", ");
        text(out, outlet);
    }
    out.push_str(" · ");
    claims_count(out, a.claims);
    out.push_str("</li>\n");
}

/// A row of `sources.html`'s table of source articles.
pub(super) fn source_article_row(out: &mut String, a: &ArticleRow) {
    out.push_str("<tr><td>");
    article_link(out, a);
    out.push_str("</td><td>");
    date(out, &a.published);
    out.push_str("</td><td><code>");
    text(out, &a.language);
    out.push_str("</code></td><td>");
    // `default(value="—")`: only an absent outlet gets the dash.
    text(out, a.outlet.as_deref().unwrap_or("—"));
    out.push_str("</td><td class=\"num\">");
    out.push_str(&a.claims.to_string());
    out.push_str("</td></tr>\n");
}

/// An item of a source's claims on `sources.html`.
pub(super) fn source_claim_item(out: &mut String, c: &Link) {
    out.push_str("<li>");
    link(out, &c.href, &c.text);
    out.push_str("</li>");
}
