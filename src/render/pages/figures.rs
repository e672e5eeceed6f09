//! The figures page (`figures.html`): every quantity with its chart and
//! its table of figures. A quantity's view is shared with the topic page
//! and its summary with the front page. With the default templates a
//! table's rows are written by hand (`Site::figure_row`).

use crate::format::{format_figure, format_number};
use crate::i18n::{Messages, Msg};
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::{change_tag, date, grade_code, msg, text, truncated};
use crate::render::view::{ClaimRow, Common, DateView, Grade, Link, SourceRef, href};
use crate::render::{RenderError, Site, chart};
use rayon::prelude::*;
use serde::Serialize;
use std::sync::Arc;

/// The rows of each quantity's table on the figures page (by metric; none
/// for a quantity without figures), as HTML, which `serve` keeps from an
/// edit to the next: at 100,000 claims they are 18 MB, and an edit of
/// quantities' labels or units alone does not change them.
pub struct FigureRows(Vec<Option<Arc<str>>>);

#[derive(Serialize)]
pub(super) struct MetricSummary {
    href: String,
    label: String,
    unit: String,
    spread: String,
    figures: usize,
    origins: usize,
    contested: bool,
    topic: Link,
}

#[derive(Serialize)]
pub(super) struct FigureRow<'a> {
    text: String,
    low: String,
    best: String,
    high: String,
    status: &'a str,
    as_of: Option<DateView>,
    origin: SourceRef<'a>,
    grade: std::borrow::Cow<'a, Grade>,
    claim: ClaimRow<'a>,
    contested: bool,
    articles: Vec<Link>,
}

#[derive(Serialize)]
pub(super) struct MetricView<'a> {
    summary: MetricSummary,
    id: String,
    chart: String,
    /// What the chart shows: one row per figure, or per origin.
    caption: String,
    rows: Vec<FigureRow<'a>>,
    rows_html: Option<String>,
    /// The table is on the figures page, not here (a topic's page).
    elsewhere: bool,
}

/// The spread of a quantity's figures: "600", "600–1,000" or "—".
fn spread_words(m: &Messages, spread: Option<(f64, f64)>) -> String {
    match spread {
        None => "—".into(),
        Some((a, b)) if a == b => format_number(m, a),
        Some((a, b)) => m.fill(
            Msg::FigureRange,
            &[
                ("low", &format_number(m, a)),
                ("high", &format_number(m, b)),
            ],
        ),
    }
}

impl Site<'_> {
    /// Quantity `m` in brief (its spread, figures and origins), linked
    /// from a page at `depth`.
    pub(super) fn metric_summary(&self, depth: usize, m: usize) -> MetricSummary {
        let d = self.dossier;
        let metric = &d.metrics[m];
        let facts = &self.analysis.metrics[m];
        let mut origins: Vec<usize> = facts
            .figures
            .iter()
            .map(|&(c, _)| d.claims[c].origin)
            .collect();
        origins.sort_unstable();
        origins.dedup();
        MetricSummary {
            href: href(depth, &format!("figures.html#metric-{}", metric.id)),
            label: metric.label.clone(),
            unit: metric.unit.clone(),
            spread: spread_words(&self.messages, facts.spread),
            figures: facts.figures.len(),
            origins: origins.len(),
            contested: facts.contested,
            topic: Link {
                href: href(depth, &format!("topics/{}.html", d.topics[metric.topic].id)),
                text: d.topics[metric.topic].title.clone(),
            },
        }
    }

    /// A quantity with its chart and table. With `keep_rows` false the
    /// rows are only given as HTML (`rows_html`): the default templates,
    /// which list them from there, need nothing else, and a table of
    /// 30,000 figures is costly to hand to Tera. The table's HTML and the
    /// chart go through `slots`. With `table` false there is no table
    /// (a topic's page links to the figures page for it).
    pub(super) fn metric_view(
        &self,
        depth: usize,
        m: usize,
        keep_rows: bool,
        table: bool,
        slots: &Slots,
    ) -> MetricView<'_> {
        let d = self.dossier;
        let metric = &d.metrics[m];
        let facts = &self.analysis.metrics[m];
        let tolerance = self.config.tolerance;
        let words = &*self.messages;
        let contested_figure =
            |c: usize, k: usize| self.analysis.claims[c].contested_figures.contains(&k);
        // A chart drawn by origin links to no figure's claim.
        let by_origin = chart::by_origin(facts.figures.len());
        let chart_rows: Vec<chart::Row<'_>> = facts
            .figures
            .iter()
            .map(|&(c, k)| chart::Row {
                label: &d.sources[d.claims[c].origin].name,
                figure: &d.claims[c].figures[k],
                contested: contested_figure(c, k),
                href: match by_origin {
                    true => String::new(),
                    false => href(depth, &crate::claim_page::href(&d.claims[c], &d.articles)),
                },
                date: d.claims[c].figures[k]
                    .as_of
                    .as_ref()
                    .or(d.claims[c].date.as_ref()),
            })
            .collect();
        // The rows as values only for templates that read them; the
        // default ones take the table as HTML, written from the model.
        let as_values = table && (keep_rows || !self.fast_rows);
        let rows: Vec<FigureRow> = facts
            .figures
            .iter()
            .filter(|_| as_values)
            .map(|&(c, k)| self.figure_row_view(depth, c, k, contested_figure(c, k)))
            .collect();
        let rows_html = (self.fast_rows && table).then(|| match self.kept_rows(depth, m) {
            Some(kept) => slots.put_shared(kept),
            None => slots.put(self.table_rows(depth, m)),
        });
        MetricView {
            caption: words
                .text(match (chart::by_origin(chart_rows.len()), table) {
                    (true, true) => Msg::MetricCaptionOrigins,
                    (false, true) => Msg::MetricCaption,
                    (true, false) => Msg::MetricCaptionOriginsElsewhere,
                    (false, false) => Msg::MetricCaptionElsewhere,
                })
                .to_string(),
            elsewhere: !table,
            rows_html,
            summary: self.metric_summary(depth, m),
            id: metric.id.clone(),
            chart: slots.put(chart::metric_chart(
                words,
                &metric.id,
                &metric.label,
                &metric.unit,
                &chart_rows,
                tolerance,
            )),
            rows,
        }
    }

    /// The rows of quantity `m`'s table on a page at `depth`, as HTML.
    fn table_rows(&self, depth: usize, m: usize) -> String {
        let facts = &self.analysis.metrics[m];
        let mut html = String::with_capacity(facts.figures.len() * 900);
        let mut numbers = Numbers::default();
        for &(c, k) in &facts.figures {
            let contested = self.analysis.claims[c].contested_figures.contains(&k);
            self.figure_row(&mut html, &mut numbers, depth, (c, k), contested);
        }
        html
    }

    /// Quantity `m`'s rows on the figures page as [`FigureRows`] kept
    /// them, if they were given ([`Site::with_figure_rows`]).
    fn kept_rows(&self, depth: usize, m: usize) -> Option<&Arc<str>> {
        match depth {
            0 => self.figure_rows?.0.get(m)?.as_ref(),
            _ => None,
        }
    }

    /// The rows of every quantity's table on the figures page, for
    /// `serve` to keep (`None` when the theme's templates write them).
    /// They read the figures, their claims, origins, statuses and
    /// articles, not the quantity's own fields: an edit of a label or a
    /// unit alone leaves them as they are.
    #[must_use]
    pub fn figure_rows(&self) -> Option<FigureRows> {
        if !(self.fast_rows && self.fast_figures) {
            return None;
        }
        let rows = (0..self.dossier.metrics.len())
            .into_par_iter()
            .map(|m| {
                let some = !self.analysis.metrics[m].figures.is_empty();
                some.then(|| Arc::from(self.table_rows(0, m)))
            })
            .collect();
        Some(FigureRows(rows))
    }

    /// Figure `k` of claim `c` as a row of its quantity's table, as a
    /// value for the templates.
    fn figure_row_view(&self, depth: usize, c: usize, k: usize, contested: bool) -> FigureRow<'_> {
        let d = self.dossier;
        let words = &*self.messages;
        let claim = &d.claims[c];
        let f = &claim.figures[k];
        let (low, best, high) = crate::analyse::bounds(f, self.config.tolerance);
        let origin = &d.sources[claim.origin];
        FigureRow {
            text: format_figure(words, f),
            low: low.map_or("—".into(), |v| format_number(words, v)),
            best: format_number(words, best),
            high: high.map_or("—".into(), |v| format_number(words, v)),
            status: words.figure_status(f.status),
            as_of: f.as_of.as_ref().map(|x| self.date(x)),
            origin: self.source_ref(depth, claim.origin),
            grade: self.grade(origin.reliability, claim.credibility),
            claim: self.claim_row(depth, c),
            contested,
            articles: self.analysis.claims[c]
                .articles
                .iter()
                .map(|&a| Link {
                    href: href(depth, &format!("articles/{}.html", d.articles[a].slug)),
                    text: d.articles[a].title.clone(),
                })
                .collect(),
        }
    }

    /// Figure `k` of claim `c` as a row of its quantity's table
    /// (`m::metric`), written from the model without making the row's
    /// values (a quantity of a big dossier has tens of thousands of
    /// figures). Numbers and figures in words are made once per value
    /// (`numbers`).
    fn figure_row(
        &self,
        out: &mut String,
        numbers: &mut Numbers,
        depth: usize,
        (c, k): (usize, usize),
        contested: bool,
    ) {
        let d = self.dossier;
        let words = &*self.messages;
        let claim = &d.claims[c];
        let f = &claim.figures[k];
        let (low, best, high) = crate::analyse::bounds(f, self.config.tolerance);
        let up = "../".repeat(depth);
        out.push_str("<tr");
        if contested {
            out.push_str(" class=\"row--contested\"");
        }
        out.push_str("><td>");
        text(out, numbers.figure(words, f));
        if contested {
            out.push_str(" <strong class=\"tag tag--contested\">");
            msg(out, words, Msg::FigureDisagrees);
            out.push_str("</strong>");
        }
        for v in [low, Some(best), high] {
            out.push_str("</td><td class=\"num\">");
            match v {
                Some(v) => text(out, numbers.number(words, v)),
                None => text(out, "—"),
            }
        }
        out.push_str("</td><td>");
        text(out, words.figure_status(f.status));
        out.push_str("</td><td>");
        match &f.as_of {
            Some(x) => date(out, &self.date(x)),
            None => out.push('—'),
        }
        out.push_str("</td><td>");
        let origin = &d.sources[claim.origin];
        out.push_str("<a href=\"");
        text(out, &up);
        out.push_str("sources.html#source-");
        text(out, &origin.id);
        out.push_str("\">");
        text(out, &origin.name);
        out.push_str("</a> ");
        grade_code(out, &self.grade(origin.reliability, claim.credibility));
        out.push_str("</td><td><a href=\"");
        text(out, &up);
        text(out, &crate::claim_page::href(claim, &d.articles));
        out.push_str("\">");
        text(out, &truncated(&claim.statement, 90));
        out.push_str("</a>");
        change_tag(out, self.change_of(c));
        out.push_str("</td><td>");
        let articles = &self.analysis.claims[c].articles;
        for (n, &a) in articles.iter().enumerate() {
            out.push_str("<a href=\"");
            text(out, &up);
            out.push_str("articles/");
            text(out, &d.articles[a].slug);
            out.push_str(".html\" title=\"");
            text(out, &d.articles[a].title);
            out.push_str("\">");
            out.push_str(itoa::Buffer::new().format(n + 1));
            out.push_str("</a>");
            if n + 1 < articles.len() {
                out.push_str(", ");
            }
        }
        out.push_str("</td></tr>\n");
    }

    /// The figures page.
    pub(in crate::render) fn figures_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            metrics: Vec<MetricView<'a>>,
            tolerance: String,
            legend: crate::render::view::Legend<'a>,
        }
        let d = self.dossier;
        let mut order: Vec<usize> = (0..d.metrics.len()).collect();
        order.sort_by_key(|&m| (d.topics[d.metrics[m].topic].order, d.metrics[m].topic, m));
        let fast = self.fast_rows && self.fast_figures;
        let ctx = |slots: &Slots| Ctx {
            common: self.common(
                0,
                self.messages.text(Msg::FiguresTitle),
                self.messages.text(Msg::FiguresDescription),
                "figures",
                "figures.html",
            ),
            // Side by side: at 100,000 claims the page runs to megabytes.
            metrics: order
                .par_iter()
                .filter(|&&m| !self.analysis.metrics[m].figures.is_empty())
                .map(|&m| self.metric_view(0, m, !fast, true, slots))
                .collect(),
            tolerance: format!("{}", (self.config.tolerance * 100.0).round()),
            legend: self.legend(),
        };
        self.render_slotted("figures.html", "figures.html".into(), fast, ctx)
    }
}

/// Numbers and figures in words, made once per value for a quantity's
/// table (its figures repeat the same few values).
#[derive(Default)]
struct Numbers {
    numbers: std::collections::HashMap<u64, String>,
    figures: std::collections::HashMap<(u8, [u64; 4]), String>,
}

impl Numbers {
    fn number(&mut self, m: &Messages, v: f64) -> &str {
        self.numbers
            .entry(v.to_bits())
            .or_insert_with(|| format_number(m, v))
    }

    fn figure(&mut self, m: &Messages, f: &crate::model::Figure) -> &str {
        let key = (
            f.precision as u8,
            [
                f.value.map_or(u64::MAX, f64::to_bits),
                f.low.to_bits(),
                f.high.to_bits(),
                u64::from(f.value.is_some()),
            ],
        );
        self.figures
            .entry(key)
            .or_insert_with(|| format_figure(m, f))
    }
}
