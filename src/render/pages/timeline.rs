//! The timeline page (`timeline.html`): claims by year in order of the
//! events they describe, then the undated ones. With the default template
//! each year's list is written by hand ([`timeline_item`]).

use crate::i18n::Msg;
use crate::model::PartialDate;
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::{dated_claim, grade, text};
use crate::render::view::{ClaimRow, Common};
use crate::render::{RenderError, Site};
use serde::Serialize;

impl Site<'_> {
    /// The timeline page.
    pub(in crate::render) fn timeline_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Year<'r> {
            year: u16,
            claims: Vec<ClaimRow<'r>>,
            claims_html: Option<String>,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            years: Vec<Year<'a>>,
            undated: Vec<ClaimRow<'a>>,
            undated_html: Option<String>,
            /// Two dates the lede gives as examples (June 2025 and
            /// 17 June 2025), in the dossier's language.
            example_dates: [String; 2],
        }
        let d = self.dossier;
        let ctx = |slots: &Slots| {
            let mut years: Vec<Year> = Vec::new();
            for &c in &self.analysis.timeline {
                let y = d.claims[c].date.map_or(0, |x| x.year);
                if years.last().is_none_or(|last| last.year != y) {
                    years.push(Year {
                        year: y,
                        claims: Vec::new(),
                        claims_html: self.fast_timeline.then(String::new),
                    });
                }
                if let Some(last) = years.last_mut() {
                    // The default template lists them from `claims_html`.
                    match &mut last.claims_html {
                        Some(html) => timeline_item(html, &self.claim_row(0, c)),
                        None => last.claims.push(self.claim_row(0, c)),
                    }
                }
            }
            for y in &mut years {
                y.claims_html = slots.put_opt(y.claims_html.take());
            }
            let undated: Vec<ClaimRow> = (0..d.claims.len())
                .filter(|&c| d.claims[c].date.is_none())
                .map(|c| self.claim_row(0, c))
                .collect();
            let undated_html = slots.put_opt(self.rows_html(&undated));
            Ctx {
                common: self.common(
                    0,
                    self.messages.text(Msg::TimelineTitle),
                    self.messages.text(Msg::TimelineDescription),
                    "timeline",
                    "timeline.html",
                ),
                years,
                undated,
                undated_html,
                example_dates: ["2025-06", "2025-06-17"].map(|d| {
                    PartialDate::parse(d)
                        .map(|d| self.messages.date(&d).to_string())
                        .unwrap_or_default()
                }),
            }
        };
        self.render_slotted(
            "timeline.html",
            "timeline.html".into(),
            self.fast_timeline,
            ctx,
        )
    }
}

/// A row of the timeline page (`timeline.html`).
fn timeline_item(out: &mut String, c: &ClaimRow<'_>) {
    out.push_str("  <li class=\"timeline__item\">");
    dated_claim(out, c);
    out.push(' ');
    grade(out, &c.grade);
    out.push_str(" <span class=\"muted\">");
    text(out, c.origin);
    out.push_str("</span></li>\n");
}
