//! A claims page (`claims/<article>.html`, see [`crate::claim_page`]):
//! the claims drawn first from one article, each a section with its
//! statement, status and why, origin and relays, figures, evidence quoted
//! from the articles, conflicts, support and the judgments that rest on
//! it; every id in a section starts with the claim's id. [`GroupCtx`] is
//! what `claim.html` is given; [`group_page`] writes the same bytes by
//! hand while the theme keeps the default templates.

use crate::analyse::{ClaimFacts, Conflict, Status};
use crate::claim_page::{self, Group};
use crate::edition::Tag;
use crate::format::{format_figure, text_fragment_url};
use crate::i18n::{Messages, Msg};
use crate::page::Page;
use crate::render::pages::changes::words::what_changed;
use crate::render::view::html::{present, text};
use crate::render::view::{ClaimRow, Common, DateView, Link, RefView, SourceRef, href};
use crate::render::{RenderError, Site, data, relay};
use serde::Serialize;

mod html;
mod json_ld;

use html::group_page;
pub(in crate::render::pages) use html::{key, mentions};

/// A figure of the claim, in words.
#[derive(Serialize)]
struct FigureView<'a> {
    metric: String,
    text: String,
    unit: String,
    status: &'a str,
    as_of: Option<DateView>,
}

/// A quote and where it comes from.
#[derive(Serialize)]
struct EvidenceView<'a> {
    number: usize,
    quote: &'a str,
    language: &'a str,
    translation: Option<&'a str>,
    /// The translation's language, when not the page's.
    translation_language: Option<&'a str>,
    passage: String,
    /// Whether the quote is from the page's own article, whose title,
    /// date and outlet the page's heading already gives: its source is
    /// then a short link to the passage.
    here: bool,
    article: &'a str,
    published: DateView,
    outlet: Option<&'a str>,
    external: Option<String>,
}

/// A claim in conflict, and why.
#[derive(Serialize)]
struct ConflictView<'a> {
    claim: ClaimRow<'a>,
    reason: String,
}

/// An article carrying the claim: its title in its language when that is
/// not the page's.
#[derive(Serialize)]
struct ArticleLink<'a> {
    href: String,
    text: &'a str,
    language: Option<&'a str>,
    /// The page's own article, named "this article".
    here: bool,
}

/// The article a group page draws its claims from, with its date and
/// outlet (said once, in the page's heading, not in every quote).
#[derive(Serialize)]
struct GroupArticle<'a> {
    link: ArticleLink<'a>,
    published: DateView,
    outlet: Option<&'a str>,
}

/// A judgment resting on the claim, and where it is made.
#[derive(Serialize)]
struct JudgmentRef {
    text: String,
    place: Link,
}

/// What changed in the claim since the baseline edition, in a sentence,
/// and where the "What changed" page shows it.
#[derive(Serialize)]
struct ChangeNote<'a> {
    words: String,
    /// "See what changed".
    link: &'a str,
    href: String,
}

/// What `claim.html` is given: the page of a group of claims.
#[derive(Serialize)]
struct GroupCtx<'a> {
    common: Common<'a>,
    /// "Claims from “title”", as the page's `<title>` says it.
    title: String,
    /// The same as HTML: the article's title marked with its language
    /// when that is not the page's.
    title_html: String,
    /// The article the claims are drawn from (none for claims without
    /// evidence, which the build refuses).
    article: Option<GroupArticle<'a>>,
    /// "3 claims".
    count: String,
    claims: Vec<ClaimCtx<'a>>,
    /// One schema.org `Claim` per claim, in an `@graph`.
    json_ld: String,
}

/// One claim of a group page.
#[derive(Serialize)]
struct ClaimCtx<'a> {
    claim: ClaimRow<'a>,
    change_note: Option<ChangeNote<'a>>,
    topics: Vec<Link>,
    origin: SourceRef<'a>,
    via: Vec<SourceRef<'a>>,
    credibility: String,
    /// Empty where the status line says it already.
    status_reason: String,
    figures: Vec<FigureView<'a>>,
    evidence: Vec<EvidenceView<'a>>,
    conflicts: Vec<ConflictView<'a>>,
    support: Vec<ClaimRow<'a>>,
    judgments: Vec<JudgmentRef>,
    /// Its citation markers' ids start with the claim's id.
    note_html: Option<String>,
    note_references: Vec<RefView<'a>>,
    entities: Vec<Link>,
    /// The articles carrying it; none when the page's own article alone
    /// does (the page's heading names it).
    articles: Vec<ArticleLink<'a>>,
    relay_svg: String,
}

impl Site<'_> {
    /// The page of `group`.
    pub(in crate::render) fn claim_group(&self, group: &Group) -> Result<Page, RenderError> {
        let d = self.dossier;
        let m = &*self.messages;
        let path = claim_page::page(&group.name);
        let article = group.article.map(|a| &d.articles[a]);
        let title = m.fill(
            Msg::ClaimsGroupTitle,
            &[("title", article.map_or(group.name.as_str(), |a| &a.title))],
        );
        let link = group.article.map(|a| GroupArticle {
            link: self.article_link(a, false),
            published: self.date(&d.articles[a].published),
            outlet: d.articles[a].outlet.as_deref(),
        });
        let title_html = title_html(m, link.as_ref().map(|a| &a.link), &title);
        let claims: Vec<ClaimCtx<'_>> = group
            .claims
            .iter()
            .map(|&i| self.claim(i, group.article))
            .collect();
        let json_ld = json_ld::graph(d, &group.claims, self.config.base_url.as_deref());
        let description = claims.first().map_or("", |c| c.claim.statement);
        let mut ctx = GroupCtx {
            common: self.common(1, title.clone(), description, "claim", &path),
            title,
            title_html,
            article: link,
            count: m
                .count(Msg::ClaimsCount, &[("count", claims.len() as i64)])
                .to_string(),
            claims,
            json_ld,
        };
        if ctx.claims.iter().any(|c| c.note_html.is_some()) {
            ctx.common.syntax = Some(href(1, "assets/syntax.css"));
        }
        if self.fast_claims {
            return Ok(Page {
                path,
                bytes: group_page(&ctx).into_bytes(),
            });
        }
        self.render("claim.html", path, &ctx)
    }

    /// The link to article `a` from a claims page; `here` when it is the
    /// page's own.
    fn article_link(&self, a: usize, here: bool) -> ArticleLink<'_> {
        let a = &self.dossier.articles[a];
        ArticleLink {
            href: href(1, &format!("articles/{}.html", a.slug)),
            text: &a.title,
            language: Some(a.language.as_str())
                .filter(|l| !l.eq_ignore_ascii_case(&self.config.language)),
            here,
        }
    }

    /// Claim `i`, as its section of the page of article `here`'s claims
    /// shows it.
    fn claim(&self, i: usize, here: Option<usize>) -> ClaimCtx<'_> {
        let d = self.dossier;
        let c = &d.claims[i];
        let facts: &ClaimFacts = &self.analysis.claims[i];
        let m = &*self.messages;
        let figures = c
            .figures
            .iter()
            .map(|f| FigureView {
                metric: d.metrics[f.metric].label.clone(),
                text: format_figure(m, f),
                unit: d.metrics[f.metric].unit.clone(),
                status: m.figure_status(f.status),
                as_of: f.as_of.as_ref().map(|x| self.date(x)),
            })
            .collect();
        ClaimCtx {
            // Drawn only when there is a relay (see the page's HTML).
            relay_svg: if c.via.is_empty() {
                String::new()
            } else {
                self.relay_svg(i)
            },
            claim: self.claim_row(1, i),
            change_note: self.change_note(i),
            topics: c
                .topics
                .iter()
                .map(|&t| Link {
                    href: href(1, &format!("topics/{}.html", d.topics[t].id)),
                    text: d.topics[t].title.clone(),
                })
                .collect(),
            origin: self.source_ref(1, c.origin),
            via: c.via.iter().map(|&s| self.source_ref(1, s)).collect(),
            credibility: format!("{} — {}", c.credibility.0, m.credibility(c.credibility)),
            status_reason: status_reason(m, facts)
                .map(|r| r.to_string())
                .unwrap_or_default(),
            figures,
            evidence: self.evidence(i, here),
            conflicts: self.conflicts(i),
            support: facts.support.iter().map(|&s| self.sibling_row(s)).collect(),
            judgments: self.judgments_on(i),
            note_html: c
                .note
                .as_ref()
                .map(|n| prefixed_cites(&self.cited(&n.html, &n.cited), &c.id)),
            note_references: c
                .note
                .as_ref()
                .map(|n| self.references(1, n))
                .unwrap_or_default(),
            entities: self.entity_links(1, &self.analysis.claim_entities[i]),
            articles: if facts.articles.len() == 1 && facts.articles.first() == here.as_ref() {
                Vec::new()
            } else {
                facts
                    .articles
                    .iter()
                    .map(|&a| self.article_link(a, Some(a) == here))
                    .collect()
            },
        }
    }

    /// Claim `i` as a row of a claims page's list: its link from one
    /// claims page to another names the page alone (`<group>.html#<id>`).
    fn sibling_row(&self, i: usize) -> ClaimRow<'_> {
        let mut row = self.claim_row(1, i);
        if let Some(rest) = row.href.strip_prefix("../claims/") {
            row.href = rest.to_string();
        }
        row
    }

    /// What changed in claim `i` since the baseline edition, if anything.
    fn change_note(&self, i: usize) -> Option<ChangeNote<'_>> {
        let changes = self.changes?;
        let since = changes.baseline.as_ref()?.name.as_str();
        let m = &*self.messages;
        let id = &self.dossier.claims[i].id;
        let (words, anchor) = match changes.tag(i)? {
            Tag::New => (m.fill(Msg::ChangeNoteNew, &[("edition", since)]), "c-"),
            Tag::Revised => {
                let revision = changes
                    .diff
                    .revised
                    .binary_search_by_key(&i, |r| r.after)
                    .ok()
                    .map(|k| &changes.diff.revised[k]);
                let status = changes.diff.status.iter().any(|&(_, a)| a == i);
                let fields = revision.map_or(&[][..], |r| r.fields.as_slice());
                let anchor = if revision.is_some() {
                    "change-"
                } else {
                    "status-"
                };
                (
                    m.fill(
                        Msg::ChangeNoteRevised,
                        &[
                            ("edition", since),
                            ("fields", &what_changed(m, fields, status)),
                        ],
                    ),
                    anchor,
                )
            }
        };
        Some(ChangeNote {
            words,
            link: m.text(Msg::ChangeNoteLink),
            href: href(1, &["changes.html#", anchor, id].concat()),
        })
    }

    /// The evidence of claim `i`: each quote with a link to its passage
    /// and, when the article has a URL, to its words on the original page.
    /// Quotes from article `here` (the page's) are told as such.
    fn evidence(&self, i: usize, here: Option<usize>) -> Vec<EvidenceView<'_>> {
        let d = self.dossier;
        d.claims[i]
            .evidence
            .iter()
            .map(|e| {
                let a = &d.articles[e.article];
                EvidenceView {
                    number: e.number,
                    quote: e.quote.trim(),
                    language: &a.language,
                    translation: e.translation.as_deref(),
                    translation_language: e
                        .translation_language
                        .as_deref()
                        .filter(|l| !l.eq_ignore_ascii_case(&self.config.language)),
                    passage: href(1, &["articles/", &a.slug, ".html#", &e.anchor].concat()),
                    here: Some(e.article) == here,
                    article: &a.title,
                    published: self.date(&a.published),
                    outlet: a.outlet.as_deref(),
                    external: a.url.as_ref().map(|u| text_fragment_url(u, &e.quote)),
                }
            })
            .collect()
    }

    /// The conflicts of claim `i` shown on its page, each with its reason.
    fn conflicts(&self, i: usize) -> Vec<ConflictView<'_>> {
        self.analysis.claims[i]
            .conflicts
            .iter()
            .map(|x| ConflictView {
                claim: self.sibling_row(match x {
                    Conflict::Contradiction { other } | Conflict::Figure { other, .. } => *other,
                }),
                reason: data::conflict_reason(&self.messages, self.dossier, i, x),
            })
            .collect()
    }

    /// The key judgments (front page, then topics) that rest on claim `i`.
    fn judgments_on(&self, i: usize) -> Vec<JudgmentRef> {
        let d = self.dossier;
        let mut judgments = Vec::new();
        for j in &d.front.judgments {
            if j.based_on.contains(&i) {
                judgments.push(JudgmentRef {
                    text: j.text.clone(),
                    place: Link {
                        href: href(1, "index.html#judgments"),
                        text: self.messages.text(Msg::NavOverview).into(),
                    },
                });
            }
        }
        for t in &d.topics {
            for j in &t.judgments {
                if j.based_on.contains(&i) {
                    judgments.push(JudgmentRef {
                        text: j.text.clone(),
                        place: Link {
                            href: href(1, &format!("topics/{}.html#judgments", t.id)),
                            text: t.title.clone(),
                        },
                    });
                }
            }
        }
        judgments
    }

    /// The drawing of how claim `i` reached us: origin, relays, articles.
    fn relay_svg(&self, i: usize) -> String {
        let d = self.dossier;
        let c = &d.claims[i];
        let node = |s: usize| relay::Node {
            label: &d.sources[s].name,
            href: href(1, &format!("sources.html#source-{}", d.sources[s].id)),
        };
        relay::relay_chain(
            &self.messages,
            &node(c.origin),
            &c.via.iter().map(|&v| node(v)).collect::<Vec<_>>(),
            &self.analysis.claims[i]
                .articles
                .iter()
                .map(|&a| relay::Node {
                    label: &d.articles[a].title,
                    href: href(1, &format!("articles/{}.html", d.articles[a].slug)),
                })
                .collect::<Vec<_>>(),
        )
    }
}

/// The page's heading as HTML: `title` escaped, or, when the article's
/// title is in another language, the message with that title marked.
fn title_html(m: &Messages, article: Option<&ArticleLink<'_>>, title: &str) -> String {
    let mut out = String::new();
    let Some((a, language)) = article.and_then(|a| Some((a, present(a.language)?))) else {
        text(&mut out, title);
        return out;
    };
    const HOLE: &str = "\u{1}";
    let words = m.fill(Msg::ClaimsGroupTitle, &[("title", HOLE)]);
    let (before, after) = words.split_once(HOLE).unwrap_or((&words, ""));
    text(&mut out, before);
    out.push_str("<span lang=\"");
    text(&mut out, language);
    out.push_str("\">");
    text(&mut out, a.text);
    out.push_str("</span>");
    text(&mut out, after);
    out
}

/// A claim's note with the ids of its citation markers
/// (`id="cite-1-2"`) made `<claim-id>.cite-1-2`, unique on the page.
fn prefixed_cites(html: &str, id: &str) -> String {
    html.replace(
        "<sup class=\"cite\" id=\"cite-",
        &["<sup class=\"cite\" id=\"", id, ".cite-"].concat(),
    )
}

/// Why a claim has its status, in a sentence, where the status line
/// (its tag and "N independent origins") does not say it already: the
/// count of a contested claim's conflicts, and a single source whose
/// support is circular.
fn status_reason(m: &Messages, facts: &ClaimFacts) -> Option<std::sync::Arc<str>> {
    let n = |v: usize| v as i64;
    match facts.status {
        Status::Contested if facts.conflicts_total > facts.conflicts.len() => Some(m.count(
            Msg::ReasonContestedMany,
            &[
                ("total", n(facts.conflicts_total)),
                ("shown", n(facts.conflicts.len())),
            ],
        )),
        Status::Contested => {
            Some(m.count(Msg::ReasonContested, &[("count", n(facts.conflicts.len()))]))
        }
        Status::SingleSource if !facts.support.is_empty() => {
            Some(m.text(Msg::ReasonCircular).into())
        }
        Status::Corroborated | Status::SingleSource => None,
    }
}
