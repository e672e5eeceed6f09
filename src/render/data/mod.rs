//! Machine-readable output: `data/claims.json` (every claim, resolved),
//! described by `data/claims.schema.json` (shipped in the output),
//! `data/claims.csv` (one row per figure), and the schema.org `Claim`
//! JSON-LD of each claim page. They stay the same whatever the dossier's
//! language: ISO dates, plain numbers, and the words of figures' `text`
//! in built-in English ([`Messages::neutral`]).

mod changes;
mod pieces;

pub use pieces::claims_json_taking;

use crate::analyse::{Analysis, Conflict, bounds};
use crate::format::format_figure;
use crate::i18n::{Arg, Messages, Msg};
use crate::model::{Dossier, Source};
use serde::Serialize;

/// The JSON Schema of `claims.json`.
pub const SCHEMA: &str = include_str!("claims.schema.json");

#[derive(Serialize)]
struct SourceOut<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    country: Option<&'a str>,
    reliability: String,
}

fn source(s: &Source) -> SourceOut<'_> {
    SourceOut {
        id: &s.id,
        name: &s.name,
        kind: s.kind.as_str(),
        country: s.country.as_deref(),
        reliability: s.reliability.letter().to_string(),
    }
}

/// A source article, once in the file's `articles` list (the evidence
/// names it by id).
#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    title: &'a str,
    published: String,
    language: &'a str,
    /// The original page; with a quote, it makes the link to the passage
    /// there (a text fragment), which the evidence does not repeat.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A metric, once in the file's `metrics` list (figures name it by id).
#[derive(Serialize)]
struct MetricOut<'a> {
    id: &'a str,
    label: &'a str,
    unit: &'a str,
}

#[derive(Serialize)]
struct FigureOut<'a> {
    metric: &'a str,
    low: Option<f64>,
    best: f64,
    high: Option<f64>,
    precision: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    text: String,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    article: &'a str,
    quote: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    translation: Option<&'a str>,
}

/// A conflict, by what it is made of: the reason a page gives in words
/// ("about 1,010 here vs about 3,000 from …") is derived from the two
/// figures named here, so it is not repeated (a third of the file).
#[derive(Serialize)]
struct ConflictOut<'a> {
    claim: &'a str,
    kind: &'static str,
    /// Of a figure conflict: the index of this claim's figure, and of the
    /// other claim's, in their `figures`.
    #[serde(skip_serializing_if = "Option::is_none")]
    figure: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    other_figure: Option<usize>,
}

/// A claim; a field without a value (no date, no note, an empty list)
/// is left out rather than written `null` or `[]` (100,000 claims carry
/// mostly empty lists).
#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    statement: &'a str,
    topics: Vec<&'a str>,
    origin: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    via: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    credibility: u8,
    grade: String,
    status: &'static str,
    independent_origins: Vec<&'a str>,
    articles: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    figures: Vec<FigureOut<'a>>,
    evidence: Vec<EvidenceOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    corroborates: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contradicts: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    supported_by: Vec<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    conflicts: Vec<ConflictOut<'a>>,
    /// Only when `conflicts` lists fewer than there are.
    #[serde(skip_serializing_if = "Option::is_none")]
    conflicts_total: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    /// Left out when the dossier has no entities.
    #[serde(skip_serializing_if = "Option::is_none")]
    entities: Option<Vec<&'a str>>,
    page: String,
}

#[derive(Serialize)]
struct Root<'a> {
    title: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
    /// Every source, article and metric once; the claims name them by id.
    sources: Vec<SourceOut<'a>>,
    articles: Vec<ArticleOut<'a>>,
    metrics: Vec<MetricOut<'a>>,
    /// Last: the claims are written into the envelope after the rest.
    claims: Vec<ClaimOut<'a>>,
}

/// Why a conflict holds, in words.
pub fn conflict_reason(m: &Messages, d: &Dossier, claim: usize, conflict: &Conflict) -> String {
    match conflict {
        Conflict::Contradiction { other } => m.fill(
            Msg::ConflictContradiction,
            &[("origin", &d.sources[d.claims[*other].origin].name)],
        ),
        Conflict::Figure {
            figure,
            other,
            other_figure,
        } => {
            let mine = &d.claims[claim].figures[*figure];
            let theirs = &d.claims[*other].figures[*other_figure];
            m.fill(
                Msg::ConflictFigure,
                &[
                    ("metric", &d.metrics[mine.metric].label),
                    ("mine", &format_figure(m, mine)),
                    ("theirs", &format_figure(m, theirs)),
                    ("origin", &d.sources[d.claims[*other].origin].name),
                ],
            )
        }
    }
}

/// `data/claims.json`: each claim serialised on its own, in parallel, a
/// batch at a time, and the pieces joined inside the envelope (no tree of
/// the whole file in memory; `pieces.rs` makes them, none taken).
pub fn claims_json(
    d: &Dossier,
    a: &Analysis,
    language: &str,
    base_url: Option<&str>,
    tolerance: f64,
) -> Vec<u8> {
    let (head, tail) = claims_json_envelope(d, language, base_url);
    let mut out = Vec::new();
    let none = vec![None; d.claims.len()];
    // Nothing is read (no piece found), so nothing can fail.
    let _ = pieces::joined(d, a, tolerance, &none, (&head, None), &mut out);
    out.extend_from_slice(&tail);
    out.push(b'\n');
    out
}

/// `data/claims.json` from the pieces [`claim_json`] made for each claim,
/// in claim order (`serve` keeps them and makes again only those a claims
/// edit changes).
pub fn claims_json_of(
    d: &Dossier,
    language: &str,
    base_url: Option<&str>,
    pieces: &[Vec<u8>],
) -> Vec<u8> {
    let (head, tail) = claims_json_envelope(d, language, base_url);
    let size: usize = pieces.iter().map(|p| p.len() + 1).sum();
    let mut out = Vec::with_capacity(head.len() + size + tail.len() + 1);
    out.extend_from_slice(&head);
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        out.extend_from_slice(piece);
    }
    out.extend_from_slice(&tail);
    out.push(b'\n');
    out
}

/// What goes before and after the claims of `data/claims.json`:
/// `…,"claims":[` and `]}`.
fn claims_json_envelope(d: &Dossier, language: &str, base_url: Option<&str>) -> (Vec<u8>, Vec<u8>) {
    let root = Root {
        title: &d.front.title,
        language,
        base_url,
        sources: d.sources.iter().map(source).collect(),
        articles: d
            .articles
            .iter()
            .map(|x| ArticleOut {
                id: &x.slug,
                title: &x.title,
                published: x.published.iso(),
                language: &x.language,
                url: x.url.as_deref(),
            })
            .collect(),
        metrics: d
            .metrics
            .iter()
            .map(|m| MetricOut {
                id: &m.id,
                label: &m.label,
                unit: &m.unit,
            })
            .collect(),
        claims: Vec::new(),
    };
    let mut head = serde_json::to_vec(&root).expect("claims serialise");
    let tail = head.split_off(head.len() - 2);
    (head, tail)
}

/// Claim `i` as `data/claims.json` holds it.
pub fn claim_json(d: &Dossier, a: &Analysis, tolerance: f64, i: usize) -> Vec<u8> {
    let words = Messages::neutral();
    let c = &d.claims[i];
    {
        serde_json::to_vec(&{
            let facts = &a.claims[i];
            let origin = &d.sources[c.origin];
            ClaimOut {
                id: &c.id,
                statement: &c.statement,
                topics: c.topics.iter().map(|&t| d.topics[t].id.as_str()).collect(),
                origin: &origin.id,
                via: c.via.iter().map(|&v| d.sources[v].id.as_str()).collect(),
                date: c.date.map(|x| x.iso()),
                credibility: c.credibility.0,
                grade: format!("{}{}", origin.reliability.letter(), c.credibility.0),
                status: facts.status.slug(),
                independent_origins: facts
                    .origins
                    .iter()
                    .map(|&o| d.sources[o].id.as_str())
                    .collect(),
                articles: facts
                    .articles
                    .iter()
                    .map(|&x| d.articles[x].slug.as_str())
                    .collect(),
                figures: c
                    .figures
                    .iter()
                    .map(|f| {
                        let (low, best, high) = bounds(f, tolerance);
                        let m = &d.metrics[f.metric];
                        FigureOut {
                            metric: &m.id,
                            low,
                            best,
                            high,
                            precision: f.precision.as_str(),
                            status: f.status.as_str(),
                            as_of: f.as_of.map(|x| x.iso()),
                            text: format_figure(words, f),
                        }
                    })
                    .collect(),
                evidence: c
                    .evidence
                    .iter()
                    .map(|e| {
                        // The passage's link is derived (see the schema).
                        EvidenceOut {
                            article: &d.articles[e.article].slug,
                            quote: e.quote.trim(),
                            translation: e.translation.as_deref(),
                        }
                    })
                    .collect(),
                corroborates: c
                    .corroborates
                    .iter()
                    .map(|&x| d.claims[x].id.as_str())
                    .collect(),
                contradicts: c
                    .contradicts
                    .iter()
                    .map(|&x| d.claims[x].id.as_str())
                    .collect(),
                supported_by: facts
                    .support
                    .iter()
                    .map(|&x| d.claims[x].id.as_str())
                    .collect(),
                conflicts: facts
                    .conflicts
                    .iter()
                    .map(|x| ConflictOut {
                        claim: match x {
                            Conflict::Contradiction { other } | Conflict::Figure { other, .. } => {
                                &d.claims[*other].id
                            }
                        },
                        kind: match x {
                            Conflict::Contradiction { .. } => "contradiction",
                            Conflict::Figure { .. } => "figure",
                        },
                        figure: match x {
                            Conflict::Figure { figure, .. } => Some(*figure),
                            Conflict::Contradiction { .. } => None,
                        },
                        other_figure: match x {
                            Conflict::Figure { other_figure, .. } => Some(*other_figure),
                            Conflict::Contradiction { .. } => None,
                        },
                    })
                    .collect(),
                conflicts_total: (facts.conflicts_total > facts.conflicts.len())
                    .then_some(facts.conflicts_total),
                note: c.note.as_ref().map(|n| n.html.as_str()),
                entities: (!d.entities.is_empty()).then(|| {
                    a.claim_entities[i]
                        .iter()
                        .map(|&e| d.entities[e].id.as_str())
                        .collect()
                }),
                page: crate::claim_page::href(c, &d.articles),
            }
        })
        .expect("a claim serialises")
    }
}

/// `data/claims.csv`: one row per figure; with entities, a last column
/// of the claim's entity ids, separated by `;`.
pub fn claims_csv(d: &Dossier, a: &Analysis, tolerance: f64) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let entities = !d.entities.is_empty();
    let mut header = vec![
        "claim_id",
        "metric",
        "low",
        "best",
        "high",
        "precision",
        "status",
        "as_of",
        "origin",
        "reliability",
        "credibility",
    ];
    if entities {
        header.push("entities");
    }
    w.write_record(header).expect("write to memory");
    let num = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v}"));
    // Only claims with figures have rows: the others are passed over
    // without making anything (most claims of a big dossier).
    for (i, c) in d
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.figures.is_empty())
    {
        let origin = &d.sources[c.origin];
        let named = entities.then(|| {
            a.claim_entities[i]
                .iter()
                .map(|&e| d.entities[e].id.as_str())
                .collect::<Vec<_>>()
                .join(";")
        });
        let reliability = origin.reliability.letter().to_string();
        let credibility = c.credibility.0.to_string();
        for f in &c.figures {
            let (low, best, high) = bounds(f, tolerance);
            let (low, best, high) = (num(low), num(Some(best)), num(high));
            let as_of = f.as_of.map(|x| x.iso()).unwrap_or_default();
            let record = [
                c.id.as_str(),
                d.metrics[f.metric].id.as_str(),
                &low,
                &best,
                &high,
                f.precision.as_str(),
                f.status.as_str(),
                &as_of,
                origin.id.as_str(),
                &reliability,
                &credibility,
                named.as_deref().unwrap_or_default(),
            ];
            let fields = if entities { &record[..] } else { &record[..11] };
            w.write_record(fields).expect("write to memory");
        }
    }
    w.into_inner().expect("flush to memory")
}

/// `sitemap.xml` of the given pages under `base` (which ends in `/`).
pub fn sitemap(base: &str, pages: &[&str]) -> Vec<u8> {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for p in pages {
        s.push_str("  <url><loc>");
        s.push_str(&crate::markdown::escape(&format!("{base}{p}")));
        s.push_str("</loc></url>\n");
    }
    s.push_str("</urlset>\n");
    s.into_bytes()
}

pub(super) fn atom_date(d: crate::model::PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        d.year,
        d.month.unwrap_or(1),
        d.day.unwrap_or(1)
    )
}

/// Atom `feed.xml`: what changed since the baseline edition, when the
/// dossier has editions (`data/changes.rs`), then dated claims, newest
/// first. Dates come from the content and the editions, never from the
/// clock, so the feed is the same at every build; they are ISO dates
/// whatever the language, and only each entry's title and summary are in
/// the dossier's language.
pub fn feed(
    d: &Dossier,
    a: &Analysis,
    base: &str,
    edits: Option<&crate::edition::Changes>,
    m: &Messages,
) -> Vec<u8> {
    use crate::markdown::escape;
    let mut claims: Vec<usize> = a.timeline.clone();
    claims.reverse();
    let newest = claims.first().and_then(|&c| d.claims[c].date);
    let changed = edits.map(|c| c.date);
    let updated = newest
        .max(changed)
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), atom_date);
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n",
    );
    s.push_str(&format!(
        "  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n  <link href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        escape(&d.front.title),
        escape(base),
        escape(base),
        escape(base),
        escape(&d.front.title)
    ));
    if let Some(edits) = edits {
        s.push_str(&changes::entries(d, edits, base, m));
    }
    for c in claims {
        let claim = &d.claims[c];
        let url = [base, &crate::claim_page::href(claim, &d.articles)].concat();
        let date = claim.date.map_or_else(|| updated.clone(), atom_date);
        let facts = &a.claims[c];
        s.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{date}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape(&claim.statement),
            escape(&url),
            escape(&url),
            escape(&m.format(
                Msg::FeedSummary,
                &[
                    ("status", Arg::Text(m.text(super::view::status_msg(facts.status)))),
                    ("origin", Arg::Text(&d.sources[claim.origin].name)),
                    ("date", Arg::Text(&claim.date.map(|x| m.date(&x).to_string()).unwrap_or_default())),
                ]
            ))
        ));
    }
    s.push_str("</feed>\n");
    s.into_bytes()
}
