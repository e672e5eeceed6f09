//! The timeline page (`timeline.html`): claims by year in order of the
//! events they describe, then the undated ones. Past [`pager::PER_PAGE`]
//! claims it is several pages (`timeline/page-<n>.html`), the first of
//! which lists each year and month with the page it starts on (and keeps
//! the `#year-<y>` places links name). With the default template each
//! year's list is written by hand ([`timeline_item`]).

use super::pager::{self, Pager};
use crate::analyse::Analysis;
use crate::i18n::Msg;
use crate::model::{Dossier, PartialDate};
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::{RowStyle, dated_claim, row_grade, text, undated_claim};
use crate::render::view::{ClaimRow, Common, Legend, Link, href};
use crate::render::{RenderError, Site};
use serde::Serialize;

/// A year of the timeline on one page, its claims under their months.
#[derive(Serialize)]
struct Year<'r> {
    year: u16,
    /// All its claims, for a theme's own template (the default one lists
    /// `months`); empty when the default template lists them.
    claims: Vec<ClaimRow<'r>>,
    /// Always `None` (a theme's template from before months may ask).
    claims_html: Option<String>,
    months: Vec<Month<'r>>,
}

/// The claims of a year dated to one month (or to the year alone), under
/// the month's heading: a row gives its date only when it has a day.
#[derive(Serialize)]
struct Month<'r> {
    /// `month-<yyyy>-<mm>`, the heading's id; `None` for the claims dated
    /// by their year alone (no heading).
    id: Option<String>,
    /// The month, in words ("June 2025").
    label: String,
    claims: Vec<ClaimRow<'r>>,
    /// The rows, when the default template lists them.
    claims_html: Option<String>,
}

/// A year (or the undated claims) in the index of the first page.
#[derive(Serialize)]
struct YearEntry {
    label: String,
    href: String,
    /// `year-<y>` (or `undated`) when its section is on another page.
    anchor: Option<String>,
    months: Vec<Link>,
}

#[derive(Serialize)]
struct Ctx<'a> {
    common: Common<'a>,
    /// Of a page after the first: the first page.
    timeline: Option<Link>,
    years: Vec<Year<'a>>,
    undated: Vec<ClaimRow<'a>>,
    undated_html: Option<String>,
    /// Two dates the lede gives as examples (June 2025 and
    /// 17 June 2025), in the dossier's language.
    example_dates: [String; 2],
    legend: Legend<'a>,
    pager: Option<Pager>,
    /// On the first of several pages.
    index: Vec<YearEntry>,
}

/// The path of the first page.
pub(in crate::render) const FIRST: &str = "timeline.html";

/// The claims the timeline lists, in its order (the dated ones by date,
/// then the undated ones), each in group 0 (for [`pager::Part`]).
pub(in crate::render) fn items(d: &Dossier, analysis: &Analysis) -> Vec<(usize, usize)> {
    let undated = (0..d.claims.len()).filter(|&c| d.claims[c].date.is_none());
    analysis
        .timeline
        .iter()
        .copied()
        .chain(undated)
        .map(|c| (0, c))
        .collect()
}

impl Site<'_> {
    /// The timeline's pages (those of [`Site::with_parts`] only, when
    /// given).
    pub(in crate::render) fn timeline_pages(&self) -> Result<Vec<Page>, RenderError> {
        let items: Vec<usize> = items(self.dossier, self.analysis)
            .into_iter()
            .map(|(_, c)| c)
            .collect();
        let total = pager::count(items.len());
        let chunks = items
            .chunks(pager::PER_PAGE)
            .chain(std::iter::once(&[][..]))
            .take(total);
        let made = |n: &usize| {
            self.parts
                .is_none_or(|p| p.timeline.as_ref().is_none_or(|t| t.makes(*n)))
        };
        let mut pages = Vec::new();
        for (n, chunk) in (1..=total).zip(chunks).filter(|(n, _)| made(n)) {
            if let Some(taken) = self.taken.filter(|_| n > 1) {
                let shows = pager::shows(FIRST, n, total, &[]);
                if taken.page(&pager::path(FIRST, n), shows, chunk)? {
                    continue;
                }
            }
            pages.push(self.timeline_page(n, total, chunk)?);
        }
        Ok(pages)
    }

    /// Page `n` of `total` of the timeline, listing `chunk`.
    fn timeline_page(&self, n: usize, total: usize, chunk: &[usize]) -> Result<Page, RenderError> {
        let d = self.dossier;
        let depth = pager::depth(FIRST, n);
        let path = pager::path(FIRST, n);
        let ctx = |slots: &Slots| {
            let mut years: Vec<Year> = Vec::new();
            let mut undated = Vec::new();
            for &c in chunk {
                let Some(date) = d.claims[c].date else {
                    undated.push(self.claim_row(depth, c));
                    continue;
                };
                self.add_to_year(&mut years, date, self.claim_row(depth, c));
            }
            for m in years.iter_mut().flat_map(|y| &mut y.months) {
                m.claims_html = slots.put_opt(m.claims_html.take());
            }
            let undated_html = slots.put_opt(self.rows_html_as(
                &undated,
                RowStyle {
                    compact: true,
                    ..RowStyle::default()
                },
            ));
            let title = if n == 1 {
                self.messages.text(Msg::TimelineTitle).to_string()
            } else {
                self.messages.fill(
                    Msg::TimelinePage,
                    &[("page", &n.to_string()), ("pages", &total.to_string())],
                )
            };
            Ctx {
                common: self.common(
                    depth,
                    title,
                    self.messages.text(Msg::TimelineDescription),
                    "timeline",
                    &path,
                ),
                timeline: (n > 1).then(|| Link {
                    href: href(depth, FIRST),
                    text: self.messages.text(Msg::TimelineTitle).to_string(),
                }),
                years,
                undated,
                undated_html,
                example_dates: ["2025-06", "2025-06-17"].map(|d| {
                    PartialDate::parse(d)
                        .map(|d| self.messages.date(&d).to_string())
                        .unwrap_or_default()
                }),
                legend: self.legend(),
                pager: pager::pager(FIRST, n, total),
                index: if n == 1 && total > 1 {
                    self.timeline_index()
                } else {
                    Vec::new()
                },
            }
        };
        self.render_slotted("timeline.html", path.clone(), self.fast_timeline, ctx)
    }

    /// Adds a claim dated `date` to the last year of `years`, under its
    /// month, starting a year or a month when it is not the last one's.
    fn add_to_year<'r>(&self, years: &mut Vec<Year<'r>>, date: PartialDate, row: ClaimRow<'r>) {
        if years.last().is_none_or(|last| last.year != date.year) {
            years.push(Year {
                year: date.year,
                claims: Vec::new(),
                claims_html: None,
                months: Vec::new(),
            });
        }
        let Some(year) = years.last_mut() else {
            return;
        };
        let id = date.month.map(|m| format!("month-{}-{m:02}", date.year));
        if year.months.last().is_none_or(|last| last.id != id) {
            let label = date.month.map_or_else(String::new, |m| {
                let month = PartialDate {
                    day: None,
                    month: Some(m),
                    ..date
                };
                self.messages.date(&month).to_string()
            });
            year.months.push(Month {
                id,
                label,
                claims: Vec::new(),
                claims_html: self.fast_timeline.then(String::new),
            });
        }
        let Some(month) = year.months.last_mut() else {
            return;
        };
        // The default template lists them from `claims_html`.
        match &mut month.claims_html {
            Some(html) => timeline_item(html, &row, date.day.is_some()),
            None => {
                year.claims.push(row.clone());
                month.claims.push(row);
            }
        }
    }

    /// The years and months of a timeline of several pages, each with the
    /// page it starts on, from the first page.
    fn timeline_index(&self) -> Vec<YearEntry> {
        let d = self.dossier;
        let on = |k: usize| pager::path(FIRST, k / pager::PER_PAGE + 1);
        let mut entries: Vec<YearEntry> = Vec::new();
        let (mut year, mut month) = (None, None);
        for (k, &c) in self.analysis.timeline.iter().enumerate() {
            let Some(date) = d.claims[c].date else {
                continue;
            };
            if year != Some(date.year) {
                year = Some(date.year);
                month = None;
                entries.push(YearEntry {
                    label: date.year.to_string(),
                    href: format!("{}#year-{}", on(k), date.year),
                    anchor: (k >= pager::PER_PAGE).then(|| format!("year-{}", date.year)),
                    months: Vec::new(),
                });
            }
            if let (Some(m), Some(entry)) = (date.month, entries.last_mut())
                && month != Some(m)
            {
                month = Some(m);
                let first_of_month = PartialDate {
                    year: date.year,
                    month: Some(m),
                    day: None,
                };
                entry.months.push(Link {
                    href: format!("{}#month-{}-{m:02}", on(k), date.year),
                    text: self.messages.date(&first_of_month).to_string(),
                });
            }
        }
        let dated = self.analysis.timeline.len();
        if dated < d.claims.len() {
            entries.push(YearEntry {
                label: self.messages.text(Msg::TimelineUndated).to_string(),
                href: format!("{}#undated", on(dated)),
                anchor: (dated >= pager::PER_PAGE).then(|| "undated".to_string()),
                months: Vec::new(),
            });
        }
        entries
    }
}

/// A row of the timeline page (`timeline.html`), under its month's
/// heading: its date only when it has a day (`day`).
fn timeline_item(out: &mut String, c: &ClaimRow<'_>, day: bool) {
    out.push_str("<li>");
    if day {
        dated_claim(out, c);
    } else {
        undated_claim(out, c);
    }
    out.push(' ');
    row_grade(out, &c.grade);
    out.push_str(" <span>");
    text(out, c.origin);
    out.push_str("</span></li>\n");
}
