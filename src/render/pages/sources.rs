//! The sources page (`sources.html`): every originating source with the
//! claims it originated and relayed, and the table of source articles.
//! With the default template those lists are written by hand.

use crate::i18n::Msg;
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::{article_link, change_tag, date, text};
use crate::render::view::{ArticleRow, ChangeView, Common, Legend, href};
use crate::render::{RenderError, Site};
use serde::Serialize;

/// A claim a source originates or relays, linked, with its change tag.
#[derive(Serialize)]
struct ClaimLink<'a> {
    href: String,
    text: String,
    change: Option<&'a ChangeView>,
}

impl Site<'_> {
    /// The sources page.
    pub(in crate::render) fn sources_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct SourceRow<'a> {
            id: String,
            name: String,
            kind: &'a str,
            country: Option<String>,
            reliability: char,
            reliability_words: &'a str,
            note: Option<String>,
            originated: Vec<ClaimLink<'a>>,
            originated_count: usize,
            originated_html: Option<String>,
            relayed: Vec<ClaimLink<'a>>,
            relayed_count: usize,
            relayed_html: Option<String>,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            sources: Vec<SourceRow<'a>>,
            articles: Vec<ArticleRow>,
            articles_html: Option<String>,
            legend: Legend<'a>,
        }
        let d = self.dossier;
        // The default template lists claims and articles from their HTML.
        let fast = self.fast_sources && self.fast_rows;
        let link = |c: &usize| ClaimLink {
            href: href(0, &crate::claim_page::href(&d.claims[*c], &d.articles)),
            text: d.claims[*c].statement.clone(),
            change: self.change_of(*c),
        };
        let links = |claims: &[usize], slots: &Slots| -> (Vec<ClaimLink>, Option<String>) {
            if fast {
                let mut html = String::with_capacity(claims.len() * 150);
                match self.source_items {
                    Some(items) => claims.iter().for_each(|&c| html.push_str(&items.0[c])),
                    None => claims
                        .iter()
                        .for_each(|&c| self.source_claim_item(&mut html, c)),
                }
                (Vec::new(), slots.put_opt(Some(html)))
            } else {
                (claims.iter().map(link).collect(), None)
            }
        };
        let mut articles: Vec<usize> = (0..d.articles.len()).collect();
        articles.sort_by(|&a, &b| {
            (d.articles[a].published, &d.articles[a].slug)
                .cmp(&(d.articles[b].published, &d.articles[b].slug))
        });
        let ctx = |slots: &Slots| {
            let (article_rows, articles_html) =
                self.article_rows(0, &articles, fast, slots, source_article_row);
            Ctx {
                common: self.common(
                    0,
                    self.messages.text(Msg::SourcesTitle),
                    self.messages.text(Msg::SourcesDescription),
                    "sources",
                    "sources.html",
                ),
                sources: d
                    .sources
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let (originated, originated_html) =
                            links(&self.analysis.originated[i], slots);
                        let (relayed, relayed_html) = links(&self.analysis.relayed[i], slots);
                        SourceRow {
                            id: s.id.clone(),
                            name: s.name.clone(),
                            kind: self.messages.source_kind(s.kind),
                            country: s.country.clone(),
                            reliability: s.reliability.letter(),
                            reliability_words: self.messages.reliability(s.reliability),
                            note: s.note.clone(),
                            originated,
                            originated_count: self.analysis.originated[i].len(),
                            originated_html,
                            relayed,
                            relayed_count: self.analysis.relayed[i].len(),
                            relayed_html,
                        }
                    })
                    .collect(),
                articles: article_rows,
                articles_html,
                legend: self.legend(),
            }
        };
        self.render_slotted("sources.html", "sources.html".into(), fast, ctx)
    }
}

/// A row of `sources.html`'s table of source articles.
fn source_article_row(out: &mut String, a: &ArticleRow) {
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

/// Each claim's item on `sources.html` (by claim index), which `serve`
/// keeps from one claims edit to the next and makes again for the claims
/// changed alone: the page lists every claim once or more, and an item
/// written from the model reads the claim, its first evidence's article
/// and its change (at 100,000 claims, 70 ms of each edit).
pub struct SourceItems(Vec<Box<str>>);

impl Site<'_> {
    /// The items of every claim, made again for those of `changed` (sorted)
    /// and those new (`old_of`: each claim's index in the dossier `kept`
    /// was made for), taken from `kept` for the others; `None` when the
    /// theme's own template writes the page.
    #[must_use]
    pub fn source_items(
        &self,
        kept: Option<SourceItems>,
        old_of: &[Option<usize>],
        changed: &[usize],
    ) -> Option<SourceItems> {
        use rayon::prelude::*;
        if !(self.fast_sources && self.fast_rows) {
            return None;
        }
        let mut kept = kept.map(|k| k.0);
        let mut taken: Vec<Option<Box<str>>> = (0..self.dossier.claims.len())
            .map(|i| {
                let o = old_of.get(i).copied().flatten()?;
                if changed.binary_search(&i).is_ok() {
                    return None;
                }
                kept.as_mut().and_then(|k| k.get_mut(o)).map(std::mem::take)
            })
            .collect();
        let items = taken
            .par_iter_mut()
            .enumerate()
            .map(|(c, item)| {
                item.take().unwrap_or_else(|| {
                    let mut html = String::new();
                    self.source_claim_item(&mut html, c);
                    html.into_boxed_str()
                })
            })
            .collect();
        Some(SourceItems(items))
    }

    /// An item of a source's claims on `sources.html`: the claim's
    /// statement linked to its section, and its change tag. Written
    /// straight into `out` (a big dossier's sources page lists every
    /// claim once or more).
    fn source_claim_item(&self, out: &mut String, c: usize) {
        let claim = &self.dossier.claims[c];
        out.push_str("<li><a href=\"claims/");
        text(out, crate::claim_page::group(claim, &self.dossier.articles));
        out.push_str(".html#");
        text(out, &claim.id);
        out.push_str("\">");
        text(out, &claim.statement);
        out.push_str("</a>");
        change_tag(out, self.change_of(c));
        out.push_str("</li>");
    }
}
