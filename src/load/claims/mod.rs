//! Claims (`content/claims/*.yaml`): lists of claims, each with a
//! statement, topics, an origin and relays, a date, a credibility grade,
//! figures, the evidence quotes that support it and its links to other
//! claims. Loaded in two passes: every id first (a claim may link to any
//! other), then each claim's fields and references. A big dossier has
//! 100,000 claims: files are parsed, and claims checked, in parallel, and
//! the span table of a file is built only if a problem needs a position.

mod define;
mod edited;
mod figures;
mod kept;
mod reshape;

use super::fields::{Scalar, is_language_tag, non_empty, parse_date};
use super::ids::{Ids, Known, resolve};
use super::markers;
use super::prose::{self, AuthorLink, Context, Found, Text, Within};
use crate::claim_page;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Article, Claim, Credibility, Evidence, Prose};
use crate::source::yaml_spans::Seg;
use crate::source::ypath;
use crate::source::{FileId, Place, SourceFile, Sources, Span};
use define::define_all;
pub use edited::claims_edited;
use figures::RawFigure;
pub(in crate::load) use kept::Kept;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Deserialize;
use std::sync::Arc;

/// One evidence entry of a claim, as written: a quote of an article that
/// supports the claim.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    /// Slug of the article quoted: its file name in content/articles/,
    /// without `.md`.
    #[schemars(with = "markers::Id")]
    article: Scalar,
    /// The article's exact words (case matters; typographic quotes and
    /// apostrophes, no-break spaces and runs of white space are folded).
    #[schemars(with = "markers::Quote")]
    quote: Scalar,
    /// Text just before the quote, when the quote occurs more than once.
    prefix: Option<Scalar>,
    /// Text just after the quote, when the quote occurs more than once.
    suffix: Option<Scalar>,
    /// The quote in the dossier's language, shown beside the original.
    translation: Option<Scalar>,
    /// Language of the translation when it is not the dossier's, a BCP 47
    /// tag (marked as such in pages, for screen readers).
    #[schemars(with = "Option<markers::Language>")]
    translation_language: Option<Scalar>,
}

/// One claim, as written.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(in crate::load) struct RawClaim {
    /// Id of the claim, unique across all claims files: a-z, 0-9 and
    /// hyphens.
    #[schemars(with = "markers::Id")]
    id: Scalar,
    /// The claim, in the dossier's language, in one or two sentences.
    #[schemars(with = "markers::Words")]
    statement: Scalar,
    /// Ids of the topics it belongs to (one at least).
    #[schemars(with = "Vec<markers::Id>", length(min = 1))]
    topics: Vec<Scalar>,
    /// Id of the originating source (who first made the claim), from
    /// sources.yaml.
    #[schemars(with = "markers::Id")]
    origin: Scalar,
    /// Ids of the sources it was relayed through.
    #[serde(default)]
    #[schemars(with = "Vec<markers::Id>")]
    via: Vec<Scalar>,
    /// When the claimed event happened or was announced: `YYYY`, `YYYY-MM`
    /// or `YYYY-MM-DD`.
    #[schemars(with = "Option<markers::Date>")]
    date: Option<Scalar>,
    /// Admiralty credibility of the information (6 when not given): 1
    /// confirmed by other sources, 2 probably true, 3 possibly true, 4
    /// doubtful, 5 improbable, 6 cannot be judged.
    #[schemars(with = "Option<markers::CredibilityGrade>", extend("default" = 6))]
    credibility: Option<Scalar>,
    /// The numbers the claim gives, each for a metric of metrics.yaml.
    #[serde(default)]
    figures: Vec<RawFigure>,
    /// The quotes that support the claim (one at least), each from an
    /// article.
    #[schemars(length(min = 1))]
    evidence: Vec<RawEvidence>,
    /// Ids of the claims this one supports.
    #[serde(default)]
    #[schemars(with = "Vec<markers::Id>")]
    corroborates: Vec<Scalar>,
    /// Ids of the claims this one contradicts.
    #[serde(default)]
    #[schemars(with = "Vec<markers::Id>")]
    contradicts: Vec<Scalar>,
    /// Ids of entities of entities.yaml it names, beside those its text
    /// mentions.
    #[serde(default)]
    #[schemars(with = "Vec<markers::Id>")]
    entities: Vec<Scalar>,
    /// Analyst's note (Markdown; may cite claims, `[@id]`, and link to
    /// pages by id, `[text](claim:id)`).
    note: Option<Scalar>,
}
pub(super) const CLAIM_FIELDS: &[&str] = &[
    "id",
    "statement",
    "topics",
    "origin",
    "via",
    "date",
    "credibility",
    "figures",
    "evidence",
    "corroborates",
    "contradicts",
    "entities",
    "note",
];

/// Claim `i` of claims file `file`: where its nodes are, looked up in the
/// file's span table, which is built only when a diagnostic needs a
/// position (a valid file is never parsed for spans).
#[derive(Clone, Copy)]
struct Item<'a> {
    file: FileId,
    src: &'a SourceFile,
    i: usize,
}

impl Item<'_> {
    /// The span of the value at `path`.
    fn value(self, path: &[Seg]) -> Span {
        self.src.yaml_spans().value(path)
    }

    /// The span of the key of the value at `path`.
    fn key(self, path: &[Seg]) -> Span {
        self.src.yaml_spans().key(path)
    }
}

/// Claims checked at a time (in parallel within a batch).
const CHECK_BATCH: usize = 4096;

/// Loads the claims of `files`, sorted by id; their ids go into
/// `ids.claims`, and their references are resolved against the other
/// tables of `ids`. The links their notes make are put in `links`.
pub fn load(
    files: &[FileId],
    sources: &Sources,
    ids: &mut Known,
    articles: &[Article],
    links: &mut Vec<AuthorLink>,
    diags: &mut Diagnostics,
    kept: Option<(&mut Kept, &super::read::TextHashes)>,
) -> Vec<Arc<Claim>> {
    let timer = crate::timing::Timer::new();
    let (mut kept, text_hashes) = kept.unzip();
    let (raw_claims, hashes) = define_all(
        files,
        sources,
        &mut ids.claims,
        diags,
        kept.as_deref_mut().zip(text_hashes),
    );
    timer.lap("  define");
    // A claim that fails a check below is still kept (when it has an origin)
    // so the indices above stay right; an error stops the run before
    // analysis and rendering anyway.
    // Each claim is checked on its own (in parallel: a big dossier has
    // 100,000); claims and diagnostics are gathered in id order, a batch
    // at a time so that the checked claims are not held twice (on the
    // 10,000-article corpus, 40 MB less at the loader's peak). With a
    // cache, a claim the last load checked is taken as it was when
    // nothing its check reads changed (`kept.rs`).
    let ids = &*ids;
    let context = kept.is_some().then(|| kept::context(ids));
    let mut before = match (kept.as_deref_mut(), &context) {
        (Some(kept), Some(context)) => Some(kept.take_checked(context)),
        _ => None,
    };
    let mut now = Vec::with_capacity(if context.is_some() {
        raw_claims.len()
    } else {
        0
    });
    let mut claims = Vec::with_capacity(raw_claims.len());
    let mut notes = Vec::with_capacity(raw_claims.len());
    let mut raw_claims = raw_claims.into_iter();
    // Claims taken from the iterator so far: the position of the next.
    let mut done = 0;
    loop {
        let batch: Vec<_> = raw_claims.by_ref().take(CHECK_BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let places: Vec<Option<(kept::File, usize)>> = batch
            .iter()
            .map(|(file, i, _)| context.map(|_| ((*file, hashes[file]), *i)))
            .collect();
        let start = done;
        done += batch.len();
        let found: Vec<Option<(Option<u128>, kept::Checked)>> = places
            .iter()
            .zip(&batch)
            .enumerate()
            .map(|(k, (place, (_, _, raw)))| {
                let (before, (file, i)) = (before.as_mut()?, (*place)?);
                let refs = || kept::claim_refs(raw, &ids.claims);
                before.take(start + k, file, i, refs)
            })
            .collect();
        let checked: Vec<(Option<u128>, kept::Checked)> = batch
            .into_par_iter()
            .zip(found)
            .map(|((file, i, raw), found)| {
                found.unwrap_or_else(|| {
                    let mut found = Diagnostics::default();
                    let src = sources.get(file);
                    let claim = check(&raw, Item { file, src, i }, ids, &mut found);
                    let refs = context.and_then(|_| kept::claim_refs(&raw, &ids.claims));
                    (refs, (claim.map(|(c, note)| (Arc::new(c), note)), found))
                })
            })
            .collect();
        for (place, (refs, (claim, found))) in places.into_iter().zip(checked) {
            if let Some((file, i)) = place {
                now.push((file, i, refs, Some((claim.clone(), found.clone()))));
            }
            diags.append(found);
            if let Some((claim, note)) = claim {
                claims.push(claim);
                notes.push(note);
            }
        }
    }
    drop(before);
    if let (Some(kept), Some(context)) = (kept, context) {
        kept.keep(context, now);
    }
    timer.lap("  check");
    // Notes may cite any claim: rendered once all are known.
    let rendered: Vec<(Option<Prose>, Found)> = notes
        .into_par_iter()
        .enumerate()
        .map(|(n, note)| {
            let mut found = Found::default();
            let note = note.map(|md| {
                let cx = Context {
                    ids,
                    claims: &claims,
                    articles,
                    page: "",
                };
                render_note(&claims[n], &md, &cx, sources, &mut found)
            });
            (note, found)
        })
        .collect();
    for (claim, (note, found)) in claims.iter_mut().zip(rendered) {
        if note.is_some() {
            // A copy only if the cache shares it (its note left out).
            Arc::make_mut(claim).note = note;
        }
        diags.append(found.diags);
        links.extend(found.links);
    }
    claims
}

/// The analyst note `md` of `claim`, for its section of its group's
/// page (its headings under the section's `h3`).
fn render_note(
    claim: &Claim,
    md: &str,
    cx: &Context<'_>,
    sources: &Sources,
    found: &mut Found,
) -> Prose {
    let (file, place) = &claim.at;
    let src = sources.get(*file);
    let i = match place {
        Place::Item(i) => *i,
        _ => 0,
    };
    let value = || src.yaml_spans().value(ypath![i, "note"]);
    let page = claim_page::page(claim_page::group(claim, cx.articles));
    let text = Text {
        md,
        file: *file,
        src,
        within: Within::Field(&value),
        top: 4,
    };
    prose::render_prose(&text, &Context { page: &page, ..*cx }, found)
}

/// Checks one claim: its fields, and its references against `ids`.
/// Without a known origin it is left out. Its note, as written, comes
/// with it (rendered once every claim is known).
fn check(
    raw: &RawClaim,
    at: Item<'_>,
    ids: &Known,
    diags: &mut Diagnostics,
) -> Option<(Claim, Option<String>)> {
    let (file, i) = (at.file, at.i);
    let id = raw.id.trimmed().to_string();
    let statement = non_empty(
        &raw.statement,
        "statement",
        file,
        || at.value(ypath![i, "statement"]),
        diags,
    );
    let topics = topics(raw, &id, at, &ids.topics, diags);
    let (origin, via) = origin_and_via(raw, at, &ids.sources, diags);
    let date = raw
        .date
        .as_ref()
        .and_then(|d| parse_date(d, file, || at.value(ypath![i, "date"]), diags));
    let credibility = credibility(raw.credibility.as_ref(), at, diags);
    let figures = figures::check(&raw.figures, file, at.src, i, &ids.metrics, diags);
    let evidence = evidence(raw, &id, at, &ids.articles, diags);
    let corroborates = links(
        &raw.corroborates,
        "corroborates",
        &id,
        at,
        &ids.claims,
        diags,
    );
    let contradicts = links(&raw.contradicts, "contradicts", &id, at, &ids.claims, diags);
    let entities = entities(&raw.entities, at, &ids.entities, diags);
    let origin = origin?;
    let note = raw.note.as_ref().map(|n| n.trimmed().to_string());
    // A list grown by pushes holds room for 4 (an evidence entry is 224
    // bytes): 100,000 claims kept tens of megabytes of it.
    fn exact<T>(mut list: Vec<T>) -> Vec<T> {
        list.shrink_to_fit();
        list
    }
    let claim = Claim {
        id,
        statement,
        topics: exact(topics),
        origin,
        via: exact(via),
        date,
        credibility,
        credibility_given: raw.credibility.is_some(),
        figures: exact(figures),
        evidence: exact(evidence),
        corroborates: exact(corroborates),
        contradicts: exact(contradicts),
        entities: exact(entities),
        note: None,
        at: (file, Place::Item(i)),
    };
    Some((claim, note))
}

/// The entities a claim names in `entities:`, each once, in index order.
fn entities(list: &[Scalar], at: Item<'_>, entities: &Ids, diags: &mut Diagnostics) -> Vec<usize> {
    let (file, i) = (at.file, at.i);
    let mut out: Vec<usize> = list
        .iter()
        .enumerate()
        .filter_map(|(k, e)| {
            let span = || at.value(ypath![i, "entities", k]);
            resolve(entities, "entity", None, e.trimmed(), file, span, diags)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The topics of claim `id` (it needs one at least), each once.
fn topics(
    raw: &RawClaim,
    id: &str,
    at: Item<'_>,
    topics: &Ids,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let (file, i) = (at.file, at.i);
    if raw.topics.is_empty() {
        diags.push(
            Diagnostic::error(
                file,
                at.key(ypath![i, "topics"]),
                format!("claim `{id}` has no topic"),
            )
            .help("list at least one topic id: `topics: [demining]`"),
        );
    }
    let mut claim_topics = Vec::new();
    for (k, t) in raw.topics.iter().enumerate() {
        match resolve(
            topics,
            "topic",
            Some("topics"),
            t.trimmed(),
            file,
            || at.value(ypath![i, "topics", k]),
            diags,
        ) {
            Some(t) if !claim_topics.contains(&t) => claim_topics.push(t),
            Some(_) => {}
            None => {}
        }
    }
    claim_topics
}

/// The origin of a claim, and the sources that relayed it (each once,
/// the origin left out).
fn origin_and_via(
    raw: &RawClaim,
    at: Item<'_>,
    sources: &Ids,
    diags: &mut Diagnostics,
) -> (Option<usize>, Vec<usize>) {
    let (file, i) = (at.file, at.i);
    let origin = resolve(
        sources,
        "source",
        None,
        raw.origin.trimmed(),
        file,
        || at.value(ypath![i, "origin"]),
        diags,
    );
    let mut via = Vec::new();
    for (k, v) in raw.via.iter().enumerate() {
        if let Some(s) = resolve(
            sources,
            "source",
            None,
            v.trimmed(),
            file,
            || at.value(ypath![i, "via", k]),
            diags,
        ) && !via.contains(&s)
            && Some(s) != origin
        {
            via.push(s);
        }
    }
    (origin, via)
}

/// The Admiralty credibility grade of a claim, 1 to 6 (6, cannot be
/// judged, when not given or invalid).
fn credibility(given: Option<&Scalar>, at: Item<'_>, diags: &mut Diagnostics) -> Credibility {
    match given {
        None => Credibility(6),
        Some(c) => match c.trimmed().parse::<u8>() {
            Ok(v) if Credibility::ALL.contains(&v) => Credibility(v),
            _ => {
                diags.push(
                    Diagnostic::error(at.file, at.value(ypath![at.i, "credibility"]), format!("invalid credibility `{}`", c.trimmed()))
                        .label("not an Admiralty credibility grade")
                        .help("use a digit 1–6: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged"),
                );
                Credibility(6)
            }
        },
    }
}

/// The evidence of claim `id` (it needs one entry at least): the quotes,
/// each in a known article. The quotes are located later, by anchoring.
fn evidence(
    raw: &RawClaim,
    id: &str,
    at: Item<'_>,
    articles: &Ids,
    diags: &mut Diagnostics,
) -> Vec<Evidence> {
    let (file, i) = (at.file, at.i);
    if raw.evidence.is_empty() {
        diags.push(
            Diagnostic::error(
                file,
                at.key(ypath![i, "evidence"]),
                format!("claim `{id}` has no evidence"),
            )
            .help("add at least one `- article: <slug>` with the `quote` that supports the claim"),
        );
    }
    let mut evidence = Vec::with_capacity(raw.evidence.len());
    for (k, e) in raw.evidence.iter().enumerate() {
        let article = resolve(
            articles,
            "article",
            Some("articles"),
            e.article.trimmed(),
            file,
            || at.value(ypath![i, "evidence", k, "article"]),
            diags,
        );
        let translation_language = e.translation_language.as_ref().map(|l| {
            let l = l.trimmed().to_string();
            if !is_language_tag(&l) {
                diags.push(
                    Diagnostic::error(
                        file,
                        at.value(ypath![i, "evidence", k, "translation_language"]),
                        format!("invalid language tag `{l}`"),
                    )
                    .label("not a BCP 47 tag")
                    .help("the language of `translation` when it is not the dossier's, e.g. `en`"),
                );
            }
            l
        });
        if let Some(article) = article {
            evidence.push(Evidence {
                article,
                quote: e.quote.0.clone(),
                prefix: e.prefix.as_ref().map(|p| p.0.clone()),
                suffix: e.suffix.as_ref().map(|s| s.0.clone()),
                translation: e
                    .translation
                    .as_ref()
                    .map(|t| t.trimmed().to_string())
                    .filter(|t| !t.is_empty()),
                translation_language,
                at: (file, Place::Entry(i, "evidence", k, "quote")),
                number: k + 1,
                anchor: format!("q-{id}-{}", k + 1),
            });
        }
    }
    evidence
}

/// The claims that claim `id` links to in field `key` (`corroborates`,
/// `contradicts`), each once; a link to itself is an error.
fn links(
    list: &[Scalar],
    key: &str,
    id: &str,
    at: Item<'_>,
    claims: &Ids,
    diags: &mut Diagnostics,
) -> Vec<usize> {
    let (file, i) = (at.file, at.i);
    let mut out = Vec::new();
    for (k, c) in list.iter().enumerate() {
        let span = || at.value(ypath![i, key, k]);
        if c.trimmed() == id {
            diags.push(
                Diagnostic::error(
                    file,
                    span(),
                    format!("claim `{id}` refers to itself in `{key}`"),
                )
                .help("remove it"),
            );
            continue;
        }
        if let Some(c) = resolve(claims, "claim", None, c.trimmed(), file, span, diags)
            && !out.contains(&c)
        {
            out.push(c);
        }
    }
    out
}
