//! A source article's page (`articles/<slug>.html`): its facts, summary,
//! the text with every quoted passage marked, and the claims drawn from
//! it. Made as soon as the article is anchored, with its marked-up text
//! (then freed). [`ArticleCtx`] is what `article.html` is given;
//! [`article_page`] writes the same bytes by hand while the theme keeps the
//! default templates.

use super::claim::key;
use crate::anchor::AnchoredArticle;
use crate::i18n::{Messages, Msg};
use crate::page::Page;
use crate::render::view::html::{
    breadcrumbs_home, change_tag, date, foot, head, link, msg, present, tag, text,
};
use crate::render::view::{ClaimRow, Common, DateView, Link, href};
use crate::render::{RenderError, Site};
use serde::Serialize;

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
    /// The summary's language, when not the page's.
    summary_language: Option<&'a str>,
    text_html: &'a str,
    claims: Vec<CitedClaim<'a>>,
    /// The claims page of the claims drawn first from the article (their
    /// grades, evidence and sources), if any.
    claims_page: Option<String>,
    entities: Vec<Link>,
}

impl Site<'_> {
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
        let path = article_path(a);
        let text = self.passages(&anchored.html, &anchored.claims);
        let ctx = ArticleCtx {
            common: self.common(1, a.title.as_str(), a.title.as_str(), "article", &path),
            title: &a.title,
            language: &a.language,
            published: self.date(&a.published),
            outlet: a.outlet.as_deref(),
            author: a.author.as_deref(),
            url: a.url.as_deref(),
            reliability: a
                .reliability
                .map(|r| format!("{} — {}", r.letter(), self.messages.reliability(r))),
            summary_html: a.summary_html.as_deref(),
            summary_language: a
                .summary_language
                .as_deref()
                .filter(|l| !l.eq_ignore_ascii_case(&self.config.language)),
            text_html: &text,
            claims,
            claims_page: self
                .groups
                .binary_search_by(|g| g.name.as_str().cmp(&a.slug))
                .is_ok()
                .then(|| href(1, &crate::claim_page::page(&a.slug))),
            entities: self.entity_links(1, &anchored.entities),
        };
        if self.fast_articles {
            return Ok(Page {
                path,
                bytes: article_page(&ctx).into_bytes(),
            });
        }
        self.render("article.html", path, &ctx)
    }
}

fn article_page(x: &ArticleCtx<'_>) -> String {
    let mut out = String::with_capacity(x.text_html.len() + 8192);
    let o = &mut out;
    let m = x.common.m;
    head(o, &x.common);
    breadcrumbs_home(o, &x.common);
    o.push_str("<li><a href=\"../sources.html#articles\">");
    msg(o, m, Msg::ArticleBreadcrumb);
    o.push_str("</a></li></ol></nav>\n<p class=\"kicker\">");
    msg(o, m, Msg::ArticleKicker);
    o.push_str("</p>\n<h1 class=\"page-title\" lang=\"");
    text(o, x.language);
    o.push_str("\">");
    text(o, x.title);
    o.push_str("</h1>\n<dl class=\"summary-list\">\n");
    let row = |o: &mut String, k: Msg, value: &str| {
        key(o, m, k);
        text(o, value);
        o.push_str("</dd>\n");
    };
    key(o, m, Msg::ArticlePublished);
    date(o, &x.published);
    o.push_str("</dd>\n");
    if let Some(outlet) = present(x.outlet) {
        row(o, Msg::ArticleOutlet, outlet);
    }
    if let Some(author) = present(x.author) {
        row(o, Msg::ArticleAuthor, author);
    }
    key(o, m, Msg::ArticleLanguage);
    o.push_str("<code>");
    text(o, x.language);
    o.push_str("</code></dd>\n");
    if let Some(reliability) = present(x.reliability.as_deref()) {
        row(o, Msg::ArticleReliability, reliability);
    }
    if let Some(url) = present(x.url) {
        key(o, m, Msg::ArticleOriginal);
        o.push_str("<a href=\"");
        text(o, url);
        o.push_str("\">");
        text(o, url);
        o.push_str("</a></dd>\n");
    }
    key(o, m, Msg::ArticleClaimsDrawn);
    o.push_str("<a href=\"#claims\">");
    o.push_str(&x.claims.len().to_string());
    o.push_str("</a></dd>");
    super::claim::mentions(o, m, &x.entities);
    o.push_str("\n</dl>\n");
    if let Some(summary) = present(x.summary_html) {
        o.push_str("<section class=\"section summary\" aria-labelledby=\"summary-h\"><h2 id=\"summary-h\">");
        msg(o, m, Msg::ArticleSummary);
        o.push_str("</h2>\n");
        match present(x.summary_language) {
            Some(l) => {
                o.push_str("<div lang=\"");
                text(o, l);
                o.push_str("\">");
                o.push_str(summary);
                o.push_str("</div>");
            }
            None => o.push_str(summary),
        }
        o.push_str("</section>");
    }
    o.push_str("\n<section class=\"section\" aria-labelledby=\"text-h\">\n<h2 id=\"text-h\">");
    msg(o, m, Msg::ArticleText);
    o.push_str("</h2>\n<p class=\"muted\">");
    msg(o, m, Msg::ArticleTextNote);
    o.push_str("</p>\n<div class=\"prose article-text\" lang=\"");
    text(o, x.language);
    o.push_str("\">\n");
    o.push_str(x.text_html);
    o.push_str("\n</div>\n</section>\n<section class=\"section\" id=\"claims\" aria-labelledby=\"claims-h\">\n<h2 id=\"claims-h\">");
    msg(o, m, Msg::ArticleClaims);
    o.push_str("</h2>\n");
    if let Some(page) = present(x.claims_page.as_deref()) {
        o.push_str("<p><a href=\"");
        text(o, page);
        o.push_str("\">");
        msg(o, m, Msg::ArticleClaimsPage);
        o.push_str("</a></p>\n");
    }
    o.push_str("<ol class=\"claim-list claim-list--numbered\">\n");
    for c in &x.claims {
        cited_claim(o, m, c);
    }
    if x.claims.is_empty() {
        o.push_str("  <li>");
        msg(o, m, Msg::ArticleNoClaims);
        o.push_str("</li>\n");
    }
    o.push_str("</ol>\n</section>\n");
    foot(o, &x.common);
    out
}

/// A claim drawn from the article, with links to its passages.
fn cited_claim(o: &mut String, m: &Messages, c: &CitedClaim<'_>) {
    o.push_str("<li id=\"c-");
    text(o, c.claim.id);
    // Its number (the passage markers' "Claim N") is the list's own.
    o.push_str("\"><p>");
    link(o, &c.claim.href, c.claim.statement);
    o.push_str("</p><p>");
    tag(o, c.claim.status, c.claim.status_words);
    change_tag(o, c.claim.change);
    o.push_str(" · ");
    text(
        o,
        &m.count(Msg::ArticlePassages, &[("count", c.passages.len() as i64)]),
    );
    o.push(' ');
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
    o.push_str("</p></li>\n");
}

/// The path of an article's page in the site.
pub fn article_path(a: &crate::model::Article) -> String {
    format!("articles/{}.html", a.slug)
}
