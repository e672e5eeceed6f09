//! Anchoring: every quote located in the article it cites. In comes the
//! validated [`Dossier`] with the article texts ([`Sources`]); out come,
//! per article, the quote errors (a quote missing or ambiguous) and, when
//! there is none, the article's text rendered with each quoted passage
//! wrapped in `<mark>` and followed by a marker that links back to its
//! claim, and the citing claims numbered in order of first appearance;
//! and the entities the text mentions (by their aliases).
//!
//! Each article is parsed once ([`article`]), its text normalised
//! ([`normalise`]) and all the quotes that cite it located in one pass
//! ([`locate`]). Articles are independent, so this runs in parallel, and
//! an article's page can be made as soon as it is anchored. Anchoring
//! never changes the model and never reads anything but article bodies.

pub mod article;
pub mod locate;
pub mod normalise;

use crate::diagnostic::Diagnostic;
use crate::markdown::escape;
use crate::model::{Dossier, Evidence};
use crate::source::Sources;
use article::{Article, Mark};
use locate::{Located, Query, ellipsize, locate_all};
use rayon::prelude::*;

/// One article after anchoring.
#[derive(Debug, Default)]
pub struct AnchoredArticle {
    /// Body HTML with passages marked.
    pub html: String,
    /// Citing claims in order of first appearance: (claim index, evidence
    /// numbers of its passages here).
    pub claims: Vec<(usize, Vec<usize>)>,
    /// Entities whose aliases the text holds, in index order.
    pub entities: Vec<usize>,
}

/// Evidence entries citing each article: (claim index, evidence index),
/// in claim order.
pub fn cites(d: &Dossier) -> Vec<Vec<(usize, usize)>> {
    let mut cites: Vec<Vec<(usize, usize)>> = vec![Vec::new(); d.articles.len()];
    for (c, claim) in d.claims.iter().enumerate() {
        for (e, ev) in claim.evidence.iter().enumerate() {
            cites[ev.article].push((c, e));
        }
    }
    cites
}

/// Anchors every article. With `render` false only checks the quotes.
pub fn anchor(
    d: &Dossier,
    sources: &Sources,
    render: bool,
) -> (Vec<AnchoredArticle>, Vec<Diagnostic>) {
    let cites = cites(d);
    let results: Vec<(AnchoredArticle, Vec<Diagnostic>)> = (0..d.articles.len())
        .into_par_iter()
        .zip(cites.par_iter())
        .map(|(i, cites)| anchor_one(d, sources, i, cites, render))
        .collect();
    let mut all = Vec::new();
    let mut diags = Vec::new();
    for (a, d) in results {
        all.push(a);
        diags.extend(d);
    }
    (all, diags)
}

/// Anchors article `i`, cited by `cites` (its entry of [`cites`]): its
/// quote errors, and with `render` and no error its marked-up text.
pub fn anchor_one(
    d: &Dossier,
    sources: &Sources,
    i: usize,
    cites: &[(usize, usize)],
    render: bool,
) -> (AnchoredArticle, Vec<Diagnostic>) {
    let article = &d.articles[i];
    let src = sources.get(article.file);
    let parsed = Article::parse(&src.text[article.body_start..]);
    let queries: Vec<Query<'_>> = cites
        .iter()
        .map(|&(c, e)| {
            let ev = &d.claims[c].evidence[e];
            Query {
                quote: &ev.quote,
                prefix: ev.prefix.as_deref(),
                suffix: ev.suffix.as_deref(),
            }
        })
        .collect();
    let located = locate_all(&parsed.text, &queries);
    let mut diags = Vec::new();
    let mut found: Vec<(usize, usize, std::ops::Range<usize>)> = Vec::new();
    for (&(c, e), loc) in cites.iter().zip(located) {
        match loc {
            Located::Found(r) => found.push((c, e, r)),
            other => diags.extend(quote_error(
                other,
                &d.claims[c].evidence[e],
                article,
                sources,
            )),
        }
    }
    if !render || !diags.is_empty() {
        return (AnchoredArticle::default(), diags);
    }
    // Number claims by first appearance.
    found.sort_by_key(|(c, e, r)| (r.start, *c, *e));
    let mut claims: Vec<(usize, Vec<usize>)> = Vec::new();
    for (c, e, _) in &found {
        let number = d.claims[*c].evidence[*e].number;
        match claims.iter_mut().find(|(x, _)| x == c) {
            Some((_, list)) => list.push(number),
            None => claims.push((*c, vec![number])),
        }
    }
    let marks: Vec<Mark> = found
        .iter()
        .map(|(c, e, r)| {
            let n = claims.iter().position(|(x, _)| x == c).unwrap_or(0) + 1;
            mark(d, *c, *e, r.clone(), n)
        })
        .collect();
    let entities = d.mentions.as_ref().map_or_else(Vec::new, |m| {
        m.find([parsed.text.text.as_str()], &mut String::new())
    });
    let html = parsed.render(&marks);
    (
        AnchoredArticle {
            html,
            claims,
            entities,
        },
        diags,
    )
}

/// How the marker after each quoted passage starts; its link gets its
/// accessible name ("Claim 1") in the page's language when the page is
/// rendered, and its tooltip (the statement) is its description.
pub const PASSAGE_MARKER: &str = "<sup class=\"passage-ref\"><a href=\"../claims/";

/// The mark of evidence `e` of claim `c`, found at `range` of the
/// article's normalised text, the `n`th claim to cite the article: its
/// anchor, and a marker that links back to the claim.
fn mark(d: &Dossier, c: usize, e: usize, range: std::ops::Range<usize>, n: usize) -> Mark {
    let claim = &d.claims[c];
    let ev = &claim.evidence[e];
    Mark {
        range,
        anchor: ev.anchor.clone(),
        marker: format!(
            "{PASSAGE_MARKER}{}.html#{}\" title=\"{}\">{n}</a></sup>",
            crate::claim_page::group(claim, &d.articles),
            crate::claim_page::anchor(&claim.id, &format!("evidence-{}", ev.number)),
            escape(&ellipsize(&claim.statement, 160)),
        ),
    }
}

/// The error for a quote of `ev` that was not found once in `article`
/// (none if it was).
fn quote_error(
    located: Located,
    ev: &Evidence,
    article: &crate::model::Article,
    sources: &Sources,
) -> Option<Diagnostic> {
    if let Located::Found(_) = located {
        return None;
    }
    let file = ev.at.0;
    // Looked up only for an error: finding it parses the claims file.
    let span = ev.at.1.span_in(sources, file);
    let slug = &article.slug;
    Some(match located {
        Located::Found(_) => return None,
        Located::Empty => {
            Diagnostic::error(file, span, format!("empty quote for article `{slug}`"))
                .label("nothing to look for")
                .help("copy the exact words of the article that support the claim")
        }
        Located::NotFound {
            closest,
            case_differs,
        } => {
            let mut help = match closest {
                Some(p) => format!("closest passage in the article: \"{p}\""),
                None => "no passage of the article shares a word with this quote".into(),
            };
            if case_differs {
                help.push_str(
                    "\nthe quote matches if case is ignored: copy the capitals as in the article",
                );
            }
            Diagnostic::error(file, span, format!("quote not found in article `{slug}`"))
                .label("not in the article's text")
                .help(help)
        }
        Located::Ambiguous {
            count,
            remaining: 0,
        } if ev.prefix.is_some() || ev.suffix.is_some() => Diagnostic::error(
            file,
            span,
            format!(
                "quote occurs {count} times in article `{slug}` and its prefix/suffix match none"
            ),
        )
        .label("prefix/suffix do not match")
        .help("`prefix` must be the text just before the quote, `suffix` the text just after"),
        Located::Ambiguous { count, remaining } => {
            let still = if remaining < count {
                format!(" ({remaining} still match with its prefix/suffix)")
            } else {
                String::new()
            };
            Diagnostic::error(file, span, format!("ambiguous quote: it occurs {count} times in article `{slug}`{still}"))
                .label("which occurrence?")
                .help("add `prefix:` (the words just before) or `suffix:` (the words just after) to single one out, or quote more words")
        }
    })
}
