//! A topic's page (`topics/<id>.html`): overview, judgments, its claims
//! grouped by status, its timeline, the articles and sources behind it and
//! its quantities. A topic of more than [`pager::PER_PAGE`] claims lists
//! them over several pages (`topics/<id>/page-<n>.html`, its claims only);
//! one of more than [`TIMELINE_HERE`] dated claims leaves its timeline to
//! the timeline page, and a quantity of more than [`TABLE_HERE`] figures its
//! table to the figures page. With the default `topic.html` the long lists
//! are written by hand (here and in [`crate::render::view::html`]) and
//! spliced in through [`crate::render::slots`].

use super::figures::MetricView;
use super::pager::{self, Pager};
use crate::analyse::{Analysis, Status};
use crate::i18n::{Messages, Msg};
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::{
    RowStyle, article_link, claims_count, date, dated_claim, present, text,
};
use crate::render::view::{
    ArticleRow, ClaimRow, Common, JudgmentView, Legend, RefView, SourceRef, href,
};
use crate::render::{RenderError, Site};
use serde::Serialize;
use std::borrow::Cow;

/// The most dated claims a topic's page lists as its own timeline.
pub(in crate::render) const TIMELINE_HERE: usize = 200;
/// The most figures of a quantity whose table a topic's page shows.
pub(in crate::render) const TABLE_HERE: usize = 100;

/// The status groups of a topic's claims, in the order shown.
const GROUPS: [(Status, Msg); 3] = [
    (Status::Contested, Msg::StatusGroupContested),
    (Status::Corroborated, Msg::StatusGroupCorroborated),
    (Status::SingleSource, Msg::StatusGroupSingleSource),
];

#[derive(Serialize)]
struct Group<'r> {
    status: &'static str,
    title: &'r str,
    claims: Vec<ClaimRow<'r>>,
    /// The group's claims on all the topic's pages.
    count: usize,
    claims_html: Option<String>,
    /// Its rows carry their claim's id (`c-<claim>`), a place a link
    /// can name: only when the topic's claims are on one page.
    anchored: bool,
}

#[derive(Serialize)]
struct Ctx<'a> {
    common: Common<'a>,
    id: &'a str,
    /// The first page has everything; the others the claims only.
    first: bool,
    /// Of a page after the first: the topic's title and first page.
    topic: Option<crate::render::view::Link>,
    summary: Option<&'a str>,
    body_html: Cow<'a, str>,
    references: Vec<RefView<'a>>,
    judgments: Vec<JudgmentView<'a>>,
    groups: Vec<Group<'a>>,
    legend: Legend<'a>,
    pager: Option<Pager>,
    timeline: Vec<ClaimRow<'a>>,
    timeline_html: Option<String>,
    /// When the timeline is left to the timeline page: its link, and how
    /// many dated claims the topic has.
    timeline_link: Option<String>,
    timeline_count: usize,
    articles: Vec<ArticleRow>,
    articles_html: Option<String>,
    sources: Vec<SourceRef<'a>>,
    metrics: Vec<MetricView<'a>>,
}

/// A page of a topic's claims: its number `n` (from 1) of `total`, its
/// claims `chunk` (group, claim), and how many claims each group has on
/// all the topic's pages.
#[derive(Clone, Copy)]
struct TopicPage<'c> {
    n: usize,
    total: usize,
    chunk: &'c [(usize, usize)],
    counts: [usize; 3],
}

/// The claims of topic `i` as its pages list them: by status group (the
/// index in [`GROUPS`]), each in the topic's order.
pub(in crate::render) fn items(analysis: &Analysis, i: usize) -> Vec<(usize, usize)> {
    let claims = &analysis.topic_claims[i];
    GROUPS
        .iter()
        .enumerate()
        .flat_map(|(g, &(status, _))| {
            claims
                .iter()
                .filter(move |&&c| analysis.claims[c].status == status)
                .map(move |&c| (g, c))
        })
        .collect()
}

impl Site<'_> {
    /// The pages of topic `i`: the topic, then the rest of its claims
    /// (those of [`Site::with_parts`] only, when given).
    pub(in crate::render) fn topic(&self, i: usize) -> Result<Vec<Page>, RenderError> {
        let ordered = items(self.analysis, i);
        let part = self.parts.and_then(|p| p.topics.get(&i));
        let mut counts = [0; 3];
        for &(g, _) in &ordered {
            counts[g] += 1;
        }
        let total = pager::count(ordered.len());
        let mut pages = Vec::with_capacity(total);
        for (n, chunk) in (1..=total).zip(
            ordered
                .chunks(pager::PER_PAGE)
                .chain(std::iter::once(&[][..]))
                .take(total),
        ) {
            let page = TopicPage {
                n,
                total,
                chunk,
                counts,
            };
            if part.is_some_and(|p| !p.makes(n)) || self.taken_page(i, page)? {
                continue;
            }
            pages.push(self.topic_page(i, page)?);
        }
        Ok(pages)
    }

    /// Whether `page` of topic `i`, if after the first, was taken from
    /// the last build's output ([`crate::render::Taken`]).
    fn taken_page(&self, i: usize, page: TopicPage<'_>) -> Result<bool, RenderError> {
        let TopicPage {
            n,
            total,
            chunk,
            counts,
        } = page;
        let Some(taken) = self.taken.filter(|_| n > 1) else {
            return Ok(false);
        };
        let first = format!("topics/{}.html", self.dossier.topics[i].id);
        // Each row's group, then how many claims each group has in all.
        let more: Vec<usize> = chunk.iter().map(|&(g, _)| g).chain(counts).collect();
        let claims: Vec<usize> = chunk.iter().map(|&(_, c)| c).collect();
        let shows = pager::shows(&first, n, total, &more);
        Ok(taken.page(&pager::path(&first, n), shows, &claims)?)
    }

    /// `page` of topic `i`.
    fn topic_page(&self, i: usize, page: TopicPage<'_>) -> Result<Page, RenderError> {
        let TopicPage {
            n,
            total,
            chunk,
            counts,
        } = page;
        let d = self.dossier;
        let t = &d.topics[i];
        let first_path = format!("topics/{}.html", t.id);
        let path = pager::path(&first_path, n);
        let depth = pager::depth(&first_path, n);
        let first = n == 1;
        // The default template lists claims, the timeline and the
        // articles from their HTML, and nothing else from those lists.
        let fast = self.fast_topic && self.fast_rows;
        let ctx = |slots: &Slots| {
            let groups = GROUPS
                .iter()
                .enumerate()
                .filter_map(|(g, &(status, title))| {
                    let rows: Vec<ClaimRow> = chunk
                        .iter()
                        .filter(|&&(k, _)| k == g)
                        .map(|&(_, c)| self.claim_row(depth, c))
                        .collect();
                    if rows.is_empty() {
                        return None;
                    }
                    let claims_html = self.rows_html_as(
                        &rows,
                        RowStyle {
                            compact: true,
                            grouped: true,
                            paged: total > 1,
                        },
                    );
                    Some(Group {
                        status: status.slug(),
                        title: self.messages.text(title),
                        count: counts[g],
                        claims: if claims_html.is_some() && self.fast_topic {
                            Vec::new()
                        } else {
                            rows
                        },
                        claims_html: slots.put_opt(claims_html),
                        anchored: total == 1,
                    })
                })
                .collect();
            let title: Cow<str> = if first {
                t.title.as_str().into()
            } else {
                self.messages
                    .fill(
                        Msg::TopicClaimsPage,
                        &[
                            ("title", &t.title),
                            ("page", &n.to_string()),
                            ("pages", &total.to_string()),
                        ],
                    )
                    .into()
            };
            let mut ctx = Ctx {
                common: self.common(
                    depth,
                    title,
                    t.summary.clone().unwrap_or_default(),
                    "topic",
                    &path,
                ),
                id: &t.id,
                first,
                topic: (!first).then(|| crate::render::view::Link {
                    href: href(depth, &first_path),
                    text: t.title.clone(),
                }),
                summary: None,
                body_html: Cow::Borrowed(""),
                references: Vec::new(),
                judgments: Vec::new(),
                groups,
                legend: self.legend(),
                pager: pager::pager(&first_path, n, total),
                timeline: Vec::new(),
                timeline_html: None,
                timeline_link: None,
                timeline_count: 0,
                articles: Vec::new(),
                articles_html: None,
                sources: Vec::new(),
                metrics: Vec::new(),
            };
            if first {
                self.topic_first_page(i, &mut ctx, fast, slots);
            }
            ctx
        };
        self.render_slotted("topic.html", path.clone(), fast, ctx)
    }

    /// What only the first page of topic `i` has: its text, judgments,
    /// quantities, timeline, articles and sources.
    fn topic_first_page<'s>(&'s self, i: usize, ctx: &mut Ctx<'s>, fast: bool, slots: &Slots) {
        let d = self.dossier;
        let t = &d.topics[i];
        let claims = &self.analysis.topic_claims[i];
        let mut dated: Vec<usize> = claims
            .iter()
            .copied()
            .filter(|&c| d.claims[c].date.is_some())
            .collect();
        // In order only when listed here (a long timeline is linked).
        if dated.len() <= TIMELINE_HERE {
            dated.sort_by(|&a, &b| {
                (d.claims[a].date, &d.claims[a].id).cmp(&(d.claims[b].date, &d.claims[b].id))
            });
        }
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
        let m = &*self.messages;
        let (articles, articles_html) = self.article_rows(1, &articles, fast, slots, |o, a| {
            topic_article_item(o, m, a)
        });
        ctx.summary = t.summary.as_deref();
        ctx.body_html = self.cited(&t.overview.html, &t.overview.cited);
        ctx.references = self.references(1, &t.overview);
        ctx.judgments = t.judgments.iter().map(|j| self.judgment(1, j)).collect();
        if dated.len() > TIMELINE_HERE {
            ctx.timeline_link = Some(href(1, "timeline.html"));
            ctx.timeline_count = dated.len();
        } else if self.fast_topic {
            let mut html = String::with_capacity(dated.len() * 300);
            for &c in &dated {
                topic_timeline_item(&mut html, &self.claim_row(1, c));
            }
            ctx.timeline_html = slots.put_opt(Some(html).filter(|h| !h.is_empty()));
        } else {
            ctx.timeline = dated.iter().map(|&c| self.claim_row(1, c)).collect();
        }
        ctx.articles = articles;
        ctx.articles_html = articles_html;
        ctx.sources = sources.iter().map(|&s| self.source_ref(1, s)).collect();
        ctx.metrics = (0..d.metrics.len())
            .filter(|&m| d.metrics[m].topic == i && !self.analysis.metrics[m].figures.is_empty())
            .map(|m| {
                let table = self.analysis.metrics[m].figures.len() <= TABLE_HERE;
                self.metric_view(1, m, !fast, table, slots)
            })
            .collect();
    }
}

/// A row of a topic's timeline (`topic.html`).
fn topic_timeline_item(out: &mut String, c: &ClaimRow<'_>) {
    out.push_str("  <li>");
    dated_claim(out, c);
    out.push_str("</li>\n");
}

/// An item of `topic.html`'s list of source articles.
fn topic_article_item(out: &mut String, m: &Messages, a: &ArticleRow) {
    out.push_str("  <li>");
    article_link(out, a);
    out.push_str(" — ");
    date(out, &a.published);
    if let Some(outlet) = present(a.outlet.as_deref()) {
        out.push_str(", ");
        text(out, outlet);
    }
    out.push_str(" · ");
    claims_count(out, m, a.claims);
    out.push_str("</li>\n");
}
