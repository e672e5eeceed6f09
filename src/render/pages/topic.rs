//! A topic's page (`topics/<id>.html`): overview, judgments, its claims
//! grouped by status, its timeline, the articles and sources behind it and
//! its quantities. With the default `topic.html` the long lists are written
//! by hand (here and in [`crate::render::view::html`]) and spliced in
//! through [`crate::render::slots`].

use super::figures::MetricView;
use crate::analyse::Status;
use crate::i18n::{Messages, Msg};
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::{article_link, claims_count, date, dated_claim, present, text};
use crate::render::view::{ArticleRow, ClaimRow, Common, JudgmentView, RefView, SourceRef};
use crate::render::{RenderError, Site};
use serde::Serialize;
use std::borrow::Cow;

impl Site<'_> {
    /// The page of topic `i`.
    pub(in crate::render) fn topic(&self, i: usize) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Group<'r> {
            status: &'static str,
            title: &'r str,
            claims: Vec<ClaimRow<'r>>,
            count: usize,
            claims_html: Option<String>,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            id: &'a str,
            summary: Option<&'a str>,
            body_html: Cow<'a, str>,
            references: Vec<RefView<'a>>,
            judgments: Vec<JudgmentView<'a>>,
            groups: Vec<Group<'a>>,
            timeline: Vec<ClaimRow<'a>>,
            timeline_html: Option<String>,
            articles: Vec<ArticleRow>,
            articles_html: Option<String>,
            sources: Vec<SourceRef<'a>>,
            metrics: Vec<MetricView<'a>>,
        }
        let d = self.dossier;
        let t = &d.topics[i];
        let claims = &self.analysis.topic_claims[i];
        let mut dated: Vec<usize> = claims
            .iter()
            .copied()
            .filter(|&c| d.claims[c].date.is_some())
            .collect();
        dated.sort_by(|&a, &b| {
            (d.claims[a].date, &d.claims[a].id).cmp(&(d.claims[b].date, &d.claims[b].id))
        });
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
        let path = format!("topics/{}.html", t.id);
        // The default template lists claims, the timeline and the
        // articles from their HTML, and nothing else from those lists.
        let fast = self.fast_topic && self.fast_rows;
        let ctx = |slots: &Slots| {
            let groups = [
                (Status::Contested, Msg::StatusGroupContested),
                (Status::Corroborated, Msg::StatusGroupCorroborated),
                (Status::SingleSource, Msg::StatusGroupSingleSource),
            ]
            .into_iter()
            .map(|(status, title)| {
                let rows: Vec<ClaimRow> = claims
                    .iter()
                    .filter(|&&c| self.analysis.claims[c].status == status)
                    .map(|&c| self.claim_row(1, c))
                    .collect();
                let claims_html = self.rows_html(&rows);
                Group {
                    status: status.slug(),
                    title: self.messages.text(title),
                    count: rows.len(),
                    claims: if claims_html.is_some() && self.fast_topic {
                        Vec::new()
                    } else {
                        rows
                    },
                    claims_html: slots.put_opt(claims_html),
                }
            })
            .filter(|g| g.count > 0)
            .collect();
            let m = &*self.messages;
            let (articles, articles_html) = self.article_rows(1, &articles, fast, slots, |o, a| {
                topic_article_item(o, m, a)
            });
            Ctx {
                common: self.common(
                    1,
                    t.title.clone(),
                    t.summary.clone().unwrap_or_default(),
                    "topic",
                    &path,
                ),
                id: &t.id,
                summary: t.summary.as_deref(),
                body_html: self.cited(&t.overview.html, &t.overview.cited),
                references: self.references(1, &t.overview),
                judgments: t.judgments.iter().map(|j| self.judgment(1, j)).collect(),
                groups,
                timeline_html: slots.put_opt(self.fast_topic.then(|| {
                    let mut html = String::with_capacity(dated.len() * 300);
                    for &c in &dated {
                        topic_timeline_item(&mut html, &self.claim_row(1, c));
                    }
                    html
                })),
                timeline: if self.fast_topic {
                    Vec::new()
                } else {
                    dated.iter().map(|&c| self.claim_row(1, c)).collect()
                },
                articles,
                articles_html,
                sources: sources.iter().map(|&s| self.source_ref(1, s)).collect(),
                metrics: (0..d.metrics.len())
                    .filter(|&m| {
                        d.metrics[m].topic == i && !self.analysis.metrics[m].figures.is_empty()
                    })
                    .map(|m| self.metric_view(1, m, !fast, slots))
                    .collect(),
            }
        };
        self.render_slotted("topic.html", path.clone(), fast, ctx)
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
