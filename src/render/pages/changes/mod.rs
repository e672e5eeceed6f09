//! The "What changed" page (`changes.html`), made when the dossier has
//! editions: what changed since the baseline edition (key judgments
//! moved, changes of status, new and revised figures, claims added,
//! revised and removed, each revised field shown before and after, the
//! old words struck and the new ones marked, [`values`]), and the list of
//! editions. Removed claims have no page:
//! they are shown here in full, each with an anchor. Its template is
//! `changes.html`; the new claims are rows written as every list's are.
//! Its sentences are in the dossier's language ([`words`]).

mod values;
pub(in crate::render) mod words;

use crate::edition::{
    Changes, ClaimSnap, EditionRef, EditionRow, Field, FigureSnap, JudgmentChange, JudgmentSnap,
    Place,
};
use crate::format::format_figure;
use crate::i18n::{Arg, Msg};
use crate::model::{Confidence, Credibility, Figure, PartialDate, Reliability};
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::tag;
use crate::render::view::{ClaimRow, Common, DateView, Grade, href};
use crate::render::{RenderError, Site};
use serde::Serialize;
use values::{FieldView, Item, scalar, scalar_opt, set_diff, word_diff};
use words::{counts_words, field_name, headline};

/// Where the stylesheet of the page and of the change tags is.
pub const STYLESHEET: &str = "assets/changes.css";

/// Entries shown in full per list (changes of status, figures, revised
/// and removed claims). A change of thousands of claims (a dossier
/// rewritten, a first edition far behind) would make a page of hundreds
/// of megabytes: past this the page says how many more there are, removed
/// claims are listed by statement alone (they have no other place), and
/// the others are found by their tags.
const DETAILED: usize = 1000;

/// A claim whose status changed.
#[derive(Serialize)]
struct StatusView<'a> {
    claim: ClaimRow<'a>,
    before: &'static str,
    before_words: &'a str,
    after: &'static str,
    after_words: &'a str,
    /// "Was <tag>, now <tag>".
    was_html: String,
    reason_before: String,
    reason_after: String,
}

/// A figure a new claim gives, or a revised claim gives anew.
#[derive(Serialize)]
struct FigureChangeView<'a> {
    metric: String,
    text: String,
    was: Option<String>,
    /// "(was <del>value</del>)".
    was_html: Option<String>,
    status: &'a str,
    as_of: Option<DateView>,
    origin: String,
    claim: ClaimRow<'a>,
}

/// A revised claim and what changed in it.
#[derive(Serialize)]
struct RevisionView<'a> {
    claim: ClaimRow<'a>,
    fields: Vec<FieldView>,
}

/// A quote of a removed claim.
#[derive(Serialize)]
struct QuoteView {
    quote: String,
    lang: Option<String>,
    article: String,
    href: Option<String>,
}

/// A removed claim past those shown in full: its statement and id.
#[derive(Serialize)]
struct RemovedLine {
    id: String,
    statement: String,
}

/// A removed claim, in full.
#[derive(Serialize)]
struct RemovedView<'a> {
    id: String,
    statement: String,
    status: &'static str,
    status_words: &'a str,
    /// "Was <tag>".
    was_html: String,
    grade: std::borrow::Cow<'a, Grade>,
    reason: String,
    /// "status: reason".
    status_line: String,
    origin: String,
    date: Option<DateView>,
    topics: String,
    figures: Vec<String>,
    evidence: Vec<QuoteView>,
}

/// A key judgment moved, new or withdrawn.
#[derive(Serialize)]
struct JudgmentChangeView<'a> {
    kind: &'static str,
    kind_words: &'a str,
    text: String,
    place: String,
    place_href: Option<String>,
    meta: String,
    fields: Vec<FieldView>,
}

/// An edition in the list.
#[derive(Serialize)]
struct EditionRowView<'a> {
    name: Option<String>,
    date: Option<DateView>,
    /// Numbers of claims and judgments, written the language's way.
    claims: String,
    judgments: String,
    changes: String,
    note: Option<&'a str>,
}

/// How many changes of status, figures and revised claims are not shown.
#[derive(Serialize, Default)]
struct More {
    status: usize,
    figures: usize,
    revised: usize,
}

#[derive(Serialize)]
struct Ctx<'a> {
    common: Common<'a>,
    recorded: Option<&'a str>,
    baseline: Option<&'a str>,
    /// The heading, each edition name in a `<span class="edition-name">`.
    heading_html: String,
    lede: String,
    judgments: Vec<JudgmentChangeView<'a>>,
    status: Vec<StatusView<'a>>,
    figures: Vec<FigureChangeView<'a>>,
    added: Vec<ClaimRow<'a>>,
    added_count: usize,
    added_html: Option<String>,
    revised: Vec<RevisionView<'a>>,
    removed: Vec<RemovedView<'a>>,
    removed_more: Vec<RemovedLine>,
    /// How many entries past [`DETAILED`] each list leaves out.
    more: More,
    editions: Vec<EditionRowView<'a>>,
}

impl Site<'_> {
    /// The "What changed" page, when the dossier has editions.
    pub(in crate::render) fn changes_page(&self) -> Result<Option<Page>, RenderError> {
        let Some(ch) = self.changes else {
            return Ok(None);
        };
        let head = headline(ch, &self.messages);
        let diff = &ch.diff;
        let fast = self.fast_rows;
        let ctx = |slots: &Slots| {
            let added: Vec<ClaimRow> = diff.added.iter().map(|&i| self.claim_row(0, i)).collect();
            let added_html = slots.put_opt(self.rows_html(&added));
            Ctx {
                common: self.common(
                    0,
                    head.text.clone(),
                    self.messages.text(Msg::ChangesDescription),
                    "changes",
                    "changes.html",
                ),
                recorded: ch.recorded.as_ref().map(|r| r.name.as_str()),
                baseline: ch.baseline.as_ref().map(|b| b.name.as_str()),
                heading_html: head.html.clone(),
                lede: head.lede.clone(),
                judgments: self.judgment_changes(ch),
                status: self.status_changes(ch),
                figures: self.figure_changes(ch),
                more: More {
                    status: diff.status.len().saturating_sub(DETAILED),
                    figures: self.figure_count(ch).saturating_sub(DETAILED),
                    revised: diff.revised.len().saturating_sub(DETAILED),
                },
                added_count: added.len(),
                added: if added_html.is_some() {
                    Vec::new()
                } else {
                    added
                },
                added_html,
                revised: self.revisions(ch),
                removed: self.removed(ch),
                removed_more: ch
                    .baseline
                    .iter()
                    .flat_map(|b| {
                        diff.removed.iter().skip(DETAILED).map(|&j| RemovedLine {
                            id: b.snapshot.claims[j].id.clone(),
                            statement: b.snapshot.claims[j].statement.clone(),
                        })
                    })
                    .collect(),
                editions: ch
                    .editions
                    .iter()
                    .map(|r| self.edition_row(ch, r))
                    .collect(),
            }
        };
        self.render_slotted("changes.html", "changes.html".into(), fast, ctx)
            .map(Some)
    }

    fn status_changes(&self, ch: &Changes) -> Vec<StatusView<'_>> {
        let Some(b) = &ch.baseline else {
            return Vec::new();
        };
        ch.diff
            .status
            .iter()
            .take(DETAILED)
            .map(|&(j, i)| {
                let (old, new) = (&b.snapshot.claims[j], &ch.after.claims[i]);
                let m = &*self.messages;
                let tag_html = |s: crate::analyse::Status| {
                    let mut html = String::new();
                    tag(&mut html, s.slug(), self.status_words(s));
                    html
                };
                StatusView {
                    claim: self.claim_row(0, i),
                    before: old.status.slug(),
                    before_words: self.status_words(old.status),
                    after: new.status.slug(),
                    after_words: self.status_words(new.status),
                    was_html: m
                        .html(
                            Msg::ChangesStatusWasHtml.id(),
                            &[
                                ("before_html", Arg::Text(&tag_html(old.status))),
                                ("after_html", Arg::Text(&tag_html(new.status))),
                            ],
                        )
                        .unwrap_or_default(),
                    reason_before: words::reason(m, &old.reason),
                    reason_after: words::reason(m, &new.reason),
                }
            })
            .collect()
    }

    /// The figures of the new claims and the new figures of revised
    /// ones (with those they replace), by quantity.
    fn figure_changes(&self, ch: &Changes) -> Vec<FigureChangeView<'_>> {
        let Some(b) = &ch.baseline else {
            return Vec::new();
        };
        let mut list: Vec<(usize, usize, &FigureSnap, Option<String>)> = Vec::new();
        for &i in &ch.diff.added {
            for f in &ch.after.claims[i].figures {
                list.push((self.metric_order(&f.metric), i, f, None));
            }
        }
        for r in ch
            .diff
            .revised
            .iter()
            .filter(|r| r.fields.contains(&Field::Figures))
        {
            let (old, new) = (
                &b.snapshot.claims[r.before].figures,
                &ch.after.claims[r.after].figures,
            );
            for f in new.iter().filter(|f| !old.contains(f)) {
                let was: Vec<String> = old
                    .iter()
                    .filter(|o| o.metric == f.metric && !new.contains(o))
                    .map(|o| self.figure_value(o))
                    .collect();
                let was = (!was.is_empty()).then(|| was.join("; "));
                list.push((self.metric_order(&f.metric), r.after, f, was));
            }
        }
        list.sort_by_key(|&(m, i, _, _)| (m, i));
        list.truncate(DETAILED);
        list.into_iter()
            .map(|(_, i, f, was)| FigureChangeView {
                metric: self.metric_label(&f.metric),
                text: self.figure_value(f),
                was_html: was.as_deref().and_then(|w| {
                    let mut struck = String::from("<del>");
                    crate::markdown::escape_into(&mut struck, w);
                    struck.push_str("</del>");
                    self.messages.html(
                        Msg::ChangesFigureWasHtml.id(),
                        &[("value_html", Arg::Text(&struck))],
                    )
                }),
                was,
                status: self.messages.figure_status(f.status),
                as_of: f.as_of.as_ref().map(|d| self.date(d)),
                origin: self.source_name(&ch.after.claims[i].origin),
                claim: self.claim_row(0, i),
            })
            .collect()
    }

    /// How many figures [`Site::figure_changes`] finds, before the cut.
    fn figure_count(&self, ch: &Changes) -> usize {
        let Some(b) = &ch.baseline else {
            return 0;
        };
        let added: usize = ch
            .diff
            .added
            .iter()
            .map(|&i| ch.after.claims[i].figures.len())
            .sum();
        let revised: usize = ch
            .diff
            .revised
            .iter()
            .filter(|r| r.fields.contains(&Field::Figures))
            .map(|r| {
                let old = &b.snapshot.claims[r.before].figures;
                ch.after.claims[r.after]
                    .figures
                    .iter()
                    .filter(|f| !old.contains(f))
                    .count()
            })
            .sum();
        added + revised
    }

    /// Where a metric comes in the dossier's list (unknown ones last).
    fn metric_order(&self, id: &str) -> usize {
        self.dossier
            .metrics
            .iter()
            .position(|m| m.id == id)
            .unwrap_or(usize::MAX)
    }

    fn metric_label(&self, id: &str) -> String {
        self.dossier
            .metrics
            .iter()
            .find(|m| m.id == id)
            .map_or_else(|| id.to_string(), |m| m.label.clone())
    }

    fn revisions(&self, ch: &Changes) -> Vec<RevisionView<'_>> {
        let Some(b) = &ch.baseline else {
            return Vec::new();
        };
        ch.diff
            .revised
            .iter()
            .take(DETAILED)
            .map(|r| {
                let (old, new) = (&b.snapshot.claims[r.before], &ch.after.claims[r.after]);
                RevisionView {
                    claim: self.claim_row(0, r.after),
                    fields: r.fields.iter().map(|&f| self.field(f, old, new)).collect(),
                }
            })
            .collect()
    }

    /// Field `f` of a claim, before (`old`) and after (`new`).
    fn field(&self, f: Field, old: &ClaimSnap, new: &ClaimSnap) -> FieldView {
        let m = &*self.messages;
        let name = field_name(m, f);
        let sides = match f {
            Field::Statement => word_diff(&old.statement, &new.statement),
            Field::Figures => {
                let text = |x: &FigureSnap| self.figure_words(x);
                set_diff(&old.figures, &new.figures, text)
            }
            Field::Credibility => {
                let words = |c: u8| format!("{c} — {}", self.messages.credibility(Credibility(c)));
                scalar(words(old.credibility), words(new.credibility))
            }
            Field::Grade => scalar(old.grade.clone(), new.grade.clone()),
            Field::Evidence => {
                let (mut b, mut a) = set_diff(&old.evidence, &new.evidence, |e| {
                    m.fill(
                        Msg::ChangesEvidence,
                        &[
                            ("quote", &e.quote),
                            ("article", &self.article_title(&e.article)),
                        ],
                    )
                });
                let langs = |list: &[crate::edition::EvidenceSnap], items: &mut Vec<Item>| {
                    for (item, e) in items.iter_mut().zip(list) {
                        item.lang = self.article_language(&e.article);
                    }
                };
                langs(&old.evidence, &mut b);
                langs(&new.evidence, &mut a);
                (b, a)
            }
            Field::Date => {
                let words = |d: Option<PartialDate>| {
                    d.map_or_else(
                        || m.text(Msg::ChangesDateNone).to_string(),
                        |d| m.date(&d).to_string(),
                    )
                };
                scalar(words(old.date), words(new.date))
            }
            Field::Origin => scalar(self.source_name(&old.origin), self.source_name(&new.origin)),
            Field::Via => {
                return FieldView::edits(
                    m,
                    name,
                    set_diff(&old.via, &new.via, |s| self.source_name(s)),
                );
            }
            Field::Topics => {
                return FieldView::edits(
                    m,
                    name,
                    set_diff(&old.topics, &new.topics, |t| self.topic_title(t)),
                );
            }
            Field::Corroborates => {
                return FieldView::edits(
                    m,
                    name,
                    set_diff(&old.corroborates, &new.corroborates, |c| {
                        self.claim_words(c)
                    }),
                );
            }
            Field::Contradicts => {
                return FieldView::edits(
                    m,
                    name,
                    set_diff(&old.contradicts, &new.contradicts, |c| self.claim_words(c)),
                );
            }
        };
        FieldView::sides(m, name, sides)
    }

    fn removed(&self, ch: &Changes) -> Vec<RemovedView<'_>> {
        let Some(b) = &ch.baseline else {
            return Vec::new();
        };
        ch.diff
            .removed
            .iter()
            .take(DETAILED)
            .map(|&j| {
                let c = &b.snapshot.claims[j];
                let m = &*self.messages;
                let mut was = String::new();
                tag(&mut was, c.status.slug(), self.status_words(c.status));
                let reason = words::reason(m, &c.reason);
                RemovedView {
                    id: c.id.clone(),
                    statement: c.statement.clone(),
                    status: c.status.slug(),
                    status_words: self.status_words(c.status),
                    was_html: m
                        .html(
                            Msg::ChangesRemovedWasHtml.id(),
                            &[("status_html", Arg::Text(&was))],
                        )
                        .unwrap_or_default(),
                    grade: self.grade_view(&c.grade),
                    status_line: m.fill(
                        Msg::ChangesRemovedStatus,
                        &[("status", self.status_words(c.status)), ("reason", &reason)],
                    ),
                    reason,
                    origin: self.source_name(&c.origin),
                    date: c.date.as_ref().map(|d| self.date(d)),
                    topics: c
                        .topics
                        .iter()
                        .map(|t| self.topic_title(t))
                        .collect::<Vec<_>>()
                        .join(", "),
                    figures: c.figures.iter().map(|f| self.figure_words(f)).collect(),
                    evidence: c
                        .evidence
                        .iter()
                        .map(|e| QuoteView {
                            quote: e.quote.clone(),
                            lang: self.article_language(&e.article),
                            article: self.article_title(&e.article),
                            href: self.article_index(&e.article).map(|a| {
                                href(
                                    0,
                                    &format!("articles/{}.html", self.dossier.articles[a].slug),
                                )
                            }),
                        })
                        .collect(),
                }
            })
            .collect()
    }

    fn judgment_changes(&self, ch: &Changes) -> Vec<JudgmentChangeView<'_>> {
        let Some(b) = &ch.baseline else {
            return Vec::new();
        };
        let before = &b.snapshot.judgments;
        let after = &ch.after.judgments;
        ch.diff
            .judgments
            .iter()
            .map(|&change| {
                let (kind, kind_words, j, fields) = match change {
                    JudgmentChange::Moved {
                        before: x,
                        after: y,
                    } => (
                        "moved",
                        Msg::ChangesJudgmentMoved,
                        &after[y],
                        self.judgment_fields(&before[x], &after[y]),
                    ),
                    JudgmentChange::Added(y) => {
                        ("added", Msg::ChangesJudgmentAdded, &after[y], Vec::new())
                    }
                    JudgmentChange::Withdrawn(x) => (
                        "withdrawn",
                        Msg::ChangesJudgmentWithdrawn,
                        &before[x],
                        Vec::new(),
                    ),
                };
                let kind_words = self.messages.text(kind_words);
                let (place, place_href) = self.place(&j.place);
                JudgmentChangeView {
                    kind,
                    kind_words,
                    text: j.text.clone(),
                    place,
                    place_href,
                    meta: self.judgment_meta(j),
                    fields,
                }
            })
            .collect()
    }

    /// The likelihood, confidence and basis of a judgment that moved
    /// (those that changed).
    fn judgment_fields(&self, old: &JudgmentSnap, new: &JudgmentSnap) -> Vec<FieldView> {
        let m = &*self.messages;
        let (old, new) = (Some(old), Some(new));
        let likelihood = |j: Option<&JudgmentSnap>| {
            j.map(|j| {
                j.likelihood
                    .map_or(m.text(Msg::ChangesLikelihoodNone), |l| m.likelihood(l).0)
                    .to_string()
            })
        };
        let confidence = |j: Option<&JudgmentSnap>| {
            j.map(|j| {
                m.text(match j.confidence {
                    Confidence::Low => Msg::ChangesConfidenceLow,
                    Confidence::Moderate => Msg::ChangesConfidenceModerate,
                    Confidence::High => Msg::ChangesConfidenceHigh,
                })
                .to_string()
            })
        };
        let mut out = Vec::new();
        for (name, b, a) in [
            (
                Msg::ChangesFieldLikelihood,
                likelihood(old),
                likelihood(new),
            ),
            (
                Msg::ChangesFieldConfidence,
                confidence(old),
                confidence(new),
            ),
        ] {
            if b != a {
                out.push(FieldView::sides(m, m.text(name), scalar_opt(b, a)));
            }
        }
        let none: Vec<String> = Vec::new();
        let basis_b = old.map_or(&none, |j| &j.based_on);
        let basis_a = new.map_or(&none, |j| &j.based_on);
        if !crate::edition::diff::same_set(basis_b, basis_a) {
            out.push(FieldView::edits(
                m,
                m.text(Msg::ChangesFieldRestsOn),
                set_diff(basis_b, basis_a, |c| self.claim_words(c)),
            ));
        }
        out
    }

    /// Where a judgment is made, and the link to it if it is still there.
    fn place(&self, p: &Place) -> (String, Option<String>) {
        match p {
            Place::Front => (
                self.messages.text(Msg::NavOverview).to_string(),
                Some(href(0, "index.html#judgments")),
            ),
            Place::Topic(id) => match self.dossier.topics.iter().find(|t| &t.id == id) {
                Some(t) => (
                    t.title.clone(),
                    Some(href(0, &format!("topics/{id}.html#judgments"))),
                ),
                None => (
                    self.messages
                        .fill(Msg::ChangesJudgmentTopicGone, &[("topic", id)]),
                    None,
                ),
            },
        }
    }

    /// A figure's number and unit: "about 10,000 people".
    fn figure_value(&self, f: &FigureSnap) -> String {
        let metric = self.dossier.metrics.iter().find(|m| m.id == f.metric);
        let as_figure = Figure {
            metric: 0,
            low: f.low,
            high: f.high,
            value: f.value,
            precision: f.precision,
            status: f.status,
            as_of: f.as_of,
        };
        let mut s = format_figure(&self.messages, &as_figure);
        if let Some(unit) = metric.map(|m| m.unit.as_str()).filter(|u| !u.is_empty()) {
            s.push(' ');
            s.push_str(unit);
        }
        s
    }

    /// A figure in words: "Troops deployed: about 10,000 people (reported,
    /// as of August 2025)".
    fn figure_words(&self, f: &FigureSnap) -> String {
        let m = &*self.messages;
        let (metric, value) = (self.metric_label(&f.metric), self.figure_value(f));
        let status = m.figure_status(f.status);
        match f.as_of {
            Some(d) => m.fill(
                Msg::ChangesFigure,
                &[
                    ("metric", &metric),
                    ("value", &value),
                    ("status", status),
                    ("date", &m.date(&d)),
                ],
            ),
            None => m.fill(
                Msg::ChangesFigureUndated,
                &[("metric", &metric), ("value", &value), ("status", status)],
            ),
        }
    }

    /// A judgment's likelihood and confidence: "Likely · Moderate
    /// confidence".
    fn judgment_meta(&self, j: &JudgmentSnap) -> String {
        let m = &*self.messages;
        let confidence = m.confidence(j.confidence);
        match j.likelihood {
            Some(l) => format!("{} · {confidence}", m.likelihood(l).0),
            None => confidence.to_string(),
        }
    }

    /// The chip of a grade as an edition records it (`B2`).
    fn grade_view(&self, code: &str) -> std::borrow::Cow<'_, Grade> {
        let g = code.as_bytes();
        self.grade(
            Reliability(g.first().copied().unwrap_or(b'F')),
            Credibility(g.get(1).map_or(6, |d| d.wrapping_sub(b'0'))),
        )
    }

    /// A row of the list of editions.
    fn edition_row(&self, ch: &Changes, r: &EditionRow) -> EditionRowView<'_> {
        let m = &*self.messages;
        let is = |e: &Option<EditionRef>, name: &str| e.as_ref().is_some_and(|x| x.name == name);
        let note = match &r.edition {
            None => Some(Msg::ChangesNoteUnrecorded),
            Some(e) if is(&ch.recorded, &e.name) => Some(Msg::ChangesNoteNow),
            Some(e) if ch.baseline.as_ref().is_some_and(|b| b.name == e.name) => {
                Some(Msg::ChangesNoteBaseline)
            }
            Some(_) => None,
        };
        EditionRowView {
            name: r.edition.as_ref().map(|e| e.name.clone()),
            date: r.edition.as_ref().map(|e| self.date(&e.date)),
            claims: m.number(r.claims as f64),
            judgments: m.number(r.judgments as f64),
            changes: r.since_previous.map_or_else(
                || m.text(Msg::ChangesFirstEdition).to_string(),
                |c| counts_words(m, c),
            ),
            note: note.map(|n| m.text(n)),
        }
    }

    fn source_name(&self, id: &str) -> String {
        self.dossier
            .sources
            .binary_search_by(|s| s.id.as_str().cmp(id))
            .map_or_else(|_| id.to_string(), |i| self.dossier.sources[i].name.clone())
    }

    fn topic_title(&self, id: &str) -> String {
        self.dossier
            .topics
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| t.title.clone())
    }

    fn article_index(&self, slug: &str) -> Option<usize> {
        self.dossier
            .articles
            .binary_search_by(|a| a.slug.as_str().cmp(slug))
            .ok()
    }

    fn article_title(&self, slug: &str) -> String {
        self.article_index(slug).map_or_else(
            || slug.to_string(),
            |a| self.dossier.articles[a].title.clone(),
        )
    }

    fn article_language(&self, slug: &str) -> Option<String> {
        self.article_index(slug)
            .map(|a| self.dossier.articles[a].language.clone())
    }

    /// A claim named by id: its statement when it is still in the dossier.
    fn claim_words(&self, id: &str) -> String {
        self.dossier
            .claims
            .binary_search_by(|c| c.id.as_str().cmp(id))
            .map_or_else(
                |_| id.to_string(),
                |i| self.dossier.claims[i].statement.clone(),
            )
    }
}
