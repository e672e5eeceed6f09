//! The front page (`index.html`): the dossier's summary and key
//! judgments, a card per topic, counts, the grading legend and a summary
//! of each quantity.

use super::figures::MetricSummary;
use crate::analyse::Status;
use crate::page::Page;
use crate::render::view::{Common, JudgmentView, Legend, RefView, href};
use crate::render::{RenderError, Site};
use serde::Serialize;
use std::borrow::Cow;

impl Site<'_> {
    /// The front page.
    pub(in crate::render) fn index(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Card {
            href: String,
            title: String,
            summary: Option<String>,
            claims: usize,
            contested: usize,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            summary_html: Option<Cow<'a, str>>,
            body_html: Cow<'a, str>,
            references: Vec<RefView<'a>>,
            judgments: Vec<JudgmentView<'a>>,
            topics: Vec<Card>,
            counts: [usize; 4],
            legend: Legend<'a>,
            figures: Vec<MetricSummary>,
        }
        let d = self.dossier;
        let topics = d
            .topics
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let claims = &self.analysis.topic_claims[i];
                Card {
                    href: href(0, &format!("topics/{}.html", t.id)),
                    title: t.title.clone(),
                    summary: t.summary.clone(),
                    claims: claims.len(),
                    contested: claims
                        .iter()
                        .filter(|&&c| self.analysis.claims[c].status == Status::Contested)
                        .count(),
                }
            })
            .collect();
        let ctx = Ctx {
            common: self.common(
                0,
                d.front.title.clone(),
                d.front.summary.clone().unwrap_or_default(),
                "index",
                "index.html",
            ),
            // The summary's citations are numbered with the body's.
            summary_html: d
                .front
                .summary_html
                .as_deref()
                .map(|h| self.cited(h, &d.front.body.cited)),
            body_html: self.cited(&d.front.body.html, &d.front.body.cited),
            references: self.references(0, &d.front.body),
            judgments: d
                .front
                .judgments
                .iter()
                .map(|j| self.judgment(0, j))
                .collect(),
            topics,
            counts: [
                d.claims.len(),
                d.articles.len(),
                d.sources.len(),
                d.topics.len(),
            ],
            legend: self.legend(),
            figures: (0..d.metrics.len())
                .filter(|&m| !self.analysis.metrics[m].figures.is_empty())
                .map(|m| self.metric_summary(0, m))
                .collect(),
        };
        self.render("index.html", "index.html".into(), &ctx)
    }
}
