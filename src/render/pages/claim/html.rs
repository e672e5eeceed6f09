//! A claims page written by hand, byte for byte what the default
//! `claim.html` writes from the same [`GroupCtx`]. In: the page's context.
//! Out: its HTML.

use super::{ArticleLink, ClaimCtx, GroupCtx};
use crate::i18n::{Messages, Msg};
use crate::render::view::Link;
use crate::render::view::html::{
    breadcrumbs_home, change_tag, date, foot, head, link, links, msg, present, references, tag,
    text,
};

/// The page of a group of claims.
pub(super) fn group_page(x: &GroupCtx<'_>) -> String {
    let mut out = String::with_capacity(6144 * x.claims.len() + 2048);
    let o = &mut out;
    let m = x.common.m;
    head(o, &x.common);
    breadcrumbs_home(o, &x.common);
    if let Some(a) = &x.article {
        o.push_str("<li>");
        article_link(o, m, &a.link);
        o.push_str("</li>");
    }
    o.push_str("</ol></nav>\n<p class=\"kicker\">");
    msg(o, m, Msg::ClaimsGroupKicker);
    o.push_str("</p>\n<h1 class=\"page-title\">");
    o.push_str(&x.title_html);
    o.push_str("</h1>\n<p class=\"page-meta\">");
    text(o, &x.count);
    if let Some(a) = &x.article {
        o.push_str(" · ");
        date(o, &a.published);
        if let Some(outlet) = present(a.outlet) {
            o.push_str(", ");
            text(o, outlet);
        }
        o.push_str(" · <a href=\"");
        text(o, &a.link.href);
        o.push_str("\">");
        msg(o, m, Msg::ClaimsGroupArticle);
        o.push_str("</a>");
    }
    o.push_str("</p>\n");
    for c in &x.claims {
        claim_section(o, m, c);
    }
    o.push_str("<script type=\"application/ld+json\">");
    o.push_str(&x.json_ld);
    o.push_str("</script>\n");
    foot(o, &x.common);
    out
}

/// A link to an article, its title marked with its language when that is
/// not the page's; the page's own article is "this article".
fn article_link(o: &mut String, m: &Messages, a: &ArticleLink<'_>) {
    if a.here {
        o.push_str("<a href=\"");
        text(o, &a.href);
        o.push_str("\">");
        msg(o, m, Msg::ClaimThisArticle);
        o.push_str("</a>");
        return;
    }
    match present(a.language) {
        Some(l) => {
            o.push_str("<a href=\"");
            text(o, &a.href);
            o.push_str("\"><span lang=\"");
            text(o, l);
            o.push_str("\">");
            text(o, a.text);
            o.push_str("</span></a>");
        }
        None => link(o, &a.href, a.text),
    }
}

/// `id="<claim-id>.<place>"` (the claim's id is an id: nothing to escape).
fn place_id(o: &mut String, attribute: &str, id: &str, place: &str) {
    o.push(' ');
    o.push_str(attribute);
    o.push_str("=\"");
    o.push_str(id);
    o.push('.');
    o.push_str(place);
    o.push('"');
}

/// One claim's section.
fn claim_section(o: &mut String, m: &Messages, x: &ClaimCtx<'_>) {
    let id = x.claim.id;
    // The section, its statement, status line, summary list and evidence
    // are unclassed (the stylesheet finds them by place): a claims page
    // has thousands of claims.
    o.push_str("<section id=\"");
    o.push_str(id);
    o.push_str("\">\n<h2>");
    text(o, x.claim.statement);
    o.push_str("</h2>\n<p>");
    tag(o, x.claim.status, x.claim.status_words);
    change_tag(o, x.claim.change);
    // The grade's meaning is in the summary list just below (origin's
    // reliability, credibility): no tooltip.
    o.push_str(" <abbr>");
    text(o, &x.claim.grade.code);
    o.push_str("</abbr> <span>");
    text(o, x.claim.support);
    o.push_str("</span></p>\n");
    if !x.status_reason.is_empty() {
        o.push_str("<p class=\"status-reason\">");
        text(o, &x.status_reason);
        o.push_str("</p>\n");
    }
    if let Some(note) = &x.change_note {
        o.push_str("<p class=\"change-note\">");
        text(o, &note.words);
        o.push_str(" <a href=\"");
        text(o, &note.href);
        o.push_str("\">");
        text(o, note.link);
        o.push_str("</a>.</p>\n");
    }
    summary_list(o, m, x);
    // Without a relay the chain (origin, then articles) says no more than
    // the summary list above it.
    if !x.via.is_empty() {
        heading(o, m, id, "relay", Msg::ClaimRelay);
        o.push_str("<figure class=\"relay-figure\">");
        o.push_str(&x.relay_svg);
        o.push_str("</figure>\n");
    }
    if !x.figures.is_empty() {
        figures_table(o, m, x);
    }
    evidence_list(o, m, x);
    relations(o, m, x);
    if let Some(note) = present(x.note_html.as_deref()) {
        o.push_str("<section class=\"note\"><h3>");
        msg(o, m, Msg::ClaimNote);
        o.push_str("</h3>\n");
        o.push_str(note);
        if !x.note_references.is_empty() {
            references(o, m, &x.note_references, 4, &[id, "."].concat());
        }
        o.push_str("</section>\n");
    }
    o.push_str("</section>\n");
}

/// `<dt>{{ t(key) }}</dt><dd>`: the start of a row of the summary list,
/// up to its value.
pub(in crate::render::pages) fn key(o: &mut String, m: &Messages, k: Msg) {
    o.push_str("<dt>");
    msg(o, m, k);
    o.push_str("</dt><dd>");
}

/// The summary list: origin, relays, articles, date, credibility, topics.
fn summary_list(o: &mut String, m: &Messages, x: &ClaimCtx<'_>) {
    o.push_str("<dl>\n");
    key(o, m, Msg::ClaimOrigin);
    link(o, &x.origin.href, &x.origin.name);
    o.push_str(" <span>");
    let mut grade = [0; 4];
    let detail = m.fill(
        Msg::ClaimOriginDetail,
        &[
            ("kind", x.origin.kind),
            ("grade", x.origin.reliability.encode_utf8(&mut grade)),
            ("meaning", x.origin.reliability_words),
        ],
    );
    text(o, &detail);
    o.push_str("</span></dd>\n");
    if !x.via.is_empty() {
        key(o, m, Msg::ClaimRelayedBy);
        links(
            o,
            x.via.iter().map(|s| (s.href.as_str(), s.name.as_str())),
            ", ",
        );
        o.push_str("</dd>\n");
    }
    // Empty when the page's own article alone carries it: its heading
    // says so.
    if !x.articles.is_empty() {
        key(o, m, Msg::ClaimCarriedBy);
        for (n, a) in x.articles.iter().enumerate() {
            if n > 0 {
                o.push_str("; ");
            }
            article_link(o, m, a);
        }
        o.push_str("</dd>\n");
    }
    if let Some(d) = &x.claim.date {
        key(o, m, Msg::ClaimDate);
        date(o, d);
        o.push_str("</dd>\n");
    }
    key(o, m, Msg::ClaimCredibility);
    text(o, &x.credibility);
    o.push_str("</dd>\n");
    key(o, m, Msg::ClaimTopics);
    links(
        o,
        x.topics.iter().map(|t| (t.href.as_str(), t.text.as_str())),
        ", ",
    );
    o.push_str("</dd>");
    if !x.entities.is_empty() {
        o.push('\n');
        key(o, m, Msg::MentionsLabel);
        links(
            o,
            x.entities
                .iter()
                .map(|e| (e.href.as_str(), e.text.as_str())),
            ", ",
        );
        o.push_str("</dd>");
    }
    o.push_str("\n</dl>\n");
}

/// `<th scope="col">{{ t(key) }}</th>` for each of `keys` (`num` ones
/// right-aligned).
fn header(o: &mut String, m: &Messages, keys: &[(Msg, bool)]) {
    o.push_str("<thead><tr>");
    for &(k, num) in keys {
        o.push_str(if num {
            "<th scope=\"col\" class=\"num\">"
        } else {
            "<th scope=\"col\">"
        });
        msg(o, m, k);
        o.push_str("</th>");
    }
    o.push_str("</tr></thead>\n");
}

/// The table of the claim's figures.
fn figures_table(o: &mut String, m: &Messages, x: &ClaimCtx<'_>) {
    heading(o, m, x.claim.id, "figures", Msg::ClaimFigures);
    o.push_str("<div class=\"table-wrap\"><table class=\"data-table\">\n");
    header(
        o,
        m,
        &[
            (Msg::TableQuantity, false),
            (Msg::TableValue, true),
            (Msg::TableStatus, false),
            (Msg::TableAsOf, false),
        ],
    );
    o.push_str("<tbody>\n");
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
    o.push_str("</tbody></table></div>\n");
}

/// The evidence: each quote, its translation and where it comes from.
fn evidence_list(o: &mut String, m: &Messages, x: &ClaimCtx<'_>) {
    let id = x.claim.id;
    heading(o, m, id, "evidence", Msg::ClaimEvidence);
    o.push_str("<ol>\n");
    for e in &x.evidence {
        o.push_str("<li");
        place_id(o, "id", id, &format!("evidence-{}", e.number));
        o.push_str("><figure><blockquote lang=\"");
        text(o, e.language);
        o.push_str("\"><p>");
        text(o, e.quote);
        o.push_str("</p></blockquote>");
        if let Some(t) = present(e.translation) {
            o.push_str("<p class=\"quote__translation\"");
            if let Some(l) = present(e.translation_language) {
                o.push_str(" lang=\"");
                text(o, l);
                o.push('"');
            }
            o.push('>');
            text(o, t);
            o.push_str("</p>");
        }
        o.push_str("<figcaption><a href=\"");
        text(o, &e.passage);
        if e.here {
            o.push_str("\">");
            text(
                o,
                &m.count(Msg::ClaimPassage, &[("number", e.number as i64)]),
            );
            o.push_str("</a>");
        } else {
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
        }
        if let Some(external) = present(e.external.as_deref()) {
            o.push_str(" · <a href=\"");
            text(o, external);
            o.push_str("\">");
            msg(o, m, Msg::ClaimOriginalPage);
            o.push_str("</a>");
        }
        o.push_str("</figcaption></figure></li>\n");
    }
    o.push_str("</ol>\n");
}

/// A part's heading, the place links name: `<h3 id="{claim}.{place}">
/// {{ t(key) }}</h3>`.
fn heading(o: &mut String, m: &Messages, id: &str, place: &str, k: Msg) {
    o.push_str("<h3");
    place_id(o, "id", id, place);
    o.push('>');
    msg(o, m, k);
    o.push_str("</h3>\n");
}

/// The claims in conflict with it, those that support it (each a link,
/// its origin and date), and the judgments resting on it.
fn relations(o: &mut String, m: &Messages, x: &ClaimCtx<'_>) {
    let id = x.claim.id;
    if !x.conflicts.is_empty() {
        heading(o, m, id, "conflicts", Msg::ClaimContradictedBy);
        o.push_str("<ul class=\"relations\">\n");
        for c in &x.conflicts {
            o.push_str("<li>");
            link(o, &c.claim.href, c.claim.statement);
            change_tag(o, c.claim.change);
            o.push_str(" <span>— ");
            text(o, &c.reason);
            o.push_str("</span></li>\n");
        }
        o.push_str("</ul>\n");
    }
    if !x.support.is_empty() {
        heading(o, m, id, "support", Msg::ClaimCorroboratedBy);
        o.push_str("<ul class=\"relations\">\n");
        for c in &x.support {
            o.push_str("<li>");
            link(o, &c.href, c.statement);
            change_tag(o, c.change);
            o.push_str(" <span>— ");
            text(o, c.origin);
            if let Some(d) = &c.date {
                o.push_str(", ");
                date(o, d);
            }
            o.push_str("</span></li>\n");
        }
        o.push_str("</ul>\n");
    }
    if !x.judgments.is_empty() {
        heading(o, m, id, "judgments", Msg::ClaimJudgments);
        o.push_str("<ul class=\"plain-list\">\n");
        for j in &x.judgments {
            o.push_str("<li>");
            text(o, &j.text);
            o.push_str(" <span class=\"muted\">(");
            link(o, &j.place.href, &j.place.text);
            o.push_str(")</span></li>\n");
        }
        o.push_str("</ul>\n");
    }
}

/// The summary-list row of the entities a page mentions (nothing when
/// none), as `claim.html` and `article.html` write it.
pub(in crate::render::pages) fn mentions(o: &mut String, m: &Messages, entities: &[Link]) {
    if entities.is_empty() {
        return;
    }
    o.push('\n');
    key(o, m, Msg::MentionsLabel);
    links(
        o,
        entities.iter().map(|e| (e.href.as_str(), e.text.as_str())),
        ", ",
    );
    o.push_str("</dd>");
}
