//! Editions: what the dossier said at a date, and what changed since.
//!
//! An edition is a snapshot the author records with `dossier edition NAME`
//! and commits as `editions/NAME.yaml`: every claim (statement, topics,
//! origin and relays, date, credibility, grade, status and its reason,
//! figures, evidence, links) and every key judgment, in a deterministic
//! YAML that reads well in a diff ([`mod@write`]).
//!
//! In: the dossier folder (its `editions/*.yaml`, read by [`read`] with
//! located errors like every content file) and, once the dossier is
//! analysed, its model and analysis. Out: the [`Changes`] between a
//! baseline edition and the dossier ([`diff`], linear in the number of
//! claims), which rendering shows as the "What changed" page, tags on
//! claim rows and pages, and feed entries. This stage never renders and
//! never writes, except through [`command`], the `dossier edition` command.
//!
//! The baseline is the edition `compare_with` in `dossier.toml` names, or
//! else the latest by date. When the dossier is exactly its latest
//! edition (the author just recorded it) and `compare_with` is not set,
//! the changes shown are those of that edition since the one before it.

pub mod command;
pub mod diff;
mod fast;
pub mod read;
pub mod snapshot;
pub mod write;

use crate::analyse::{Analysis, Status};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Confidence, Dossier, FigureStatus, Likelihood, PartialDate, Precision};
use crate::source::Sources;
pub use diff::{Diff, Field, JudgmentChange, Revision};
use std::path::Path;

/// The folder of editions under the dossier root.
pub const FOLDER: &str = "editions";

/// Where a key judgment is made.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Place {
    /// The front page (`content/_index.md`), written `_index`.
    Front,
    /// A topic, by id.
    Topic(String),
}

impl Place {
    /// As an edition writes it: `_index` or the topic's id.
    pub fn as_str(&self) -> &str {
        match self {
            Place::Front => "_index",
            Place::Topic(id) => id,
        }
    }
}

/// A figure as an edition records it (the metric by id).
#[derive(Debug, Clone, PartialEq)]
pub struct FigureSnap {
    /// Metric id.
    pub metric: String,
    /// The single value given, if any.
    pub value: Option<f64>,
    /// Lower bound (the value for a single value).
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// Precision.
    pub precision: Precision,
    /// Status.
    pub status: FigureStatus,
    /// Date the number refers to.
    pub as_of: Option<PartialDate>,
}

/// A quote backing a claim, as an edition records it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EvidenceSnap {
    /// Article slug.
    pub article: String,
    /// The quote, trimmed.
    pub quote: String,
}

/// A claim as an edition records it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimSnap {
    /// Id.
    pub id: String,
    /// Statement.
    pub statement: String,
    /// Topic ids.
    pub topics: Vec<String>,
    /// Originating source id.
    pub origin: String,
    /// Relaying source ids.
    pub via: Vec<String>,
    /// Date of the event.
    pub date: Option<PartialDate>,
    /// Credibility 1–6.
    pub credibility: u8,
    /// Grade: the origin's reliability and the credibility (`B2`).
    pub grade: String,
    /// Status.
    pub status: Status,
    /// Why it has its status, in words.
    pub reason: String,
    /// Figures.
    pub figures: Vec<FigureSnap>,
    /// Evidence.
    pub evidence: Vec<EvidenceSnap>,
    /// Claims it corroborates.
    pub corroborates: Vec<String>,
    /// Claims it contradicts.
    pub contradicts: Vec<String>,
}

/// A key judgment as an edition records it.
#[derive(Debug, Clone, PartialEq)]
pub struct JudgmentSnap {
    /// Where it is made.
    pub place: Place,
    /// The judgment.
    pub text: String,
    /// Likelihood, if given.
    pub likelihood: Option<Likelihood>,
    /// Confidence.
    pub confidence: Confidence,
    /// Claim ids it rests on.
    pub based_on: Vec<String>,
}

/// The claims (sorted by id) and key judgments (front page first, then
/// topics in order) of a dossier at one time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// Claims, sorted by id.
    pub claims: Vec<ClaimSnap>,
    /// Key judgments.
    pub judgments: Vec<JudgmentSnap>,
}

/// One edition read from `editions/NAME.yaml`.
#[derive(Debug, Clone)]
pub struct Edition {
    /// Its name (the file stem).
    pub name: String,
    /// Its date.
    pub date: PartialDate,
    /// What it records.
    pub snapshot: Snapshot,
}

/// The editions of a dossier, oldest first (by date, then name).
#[derive(Debug, Default)]
pub struct Editions {
    /// The editions that read without error.
    pub list: Vec<Edition>,
    /// The edition `compare_with` names, as an index into `list`.
    pub named: Option<usize>,
}

/// Reads `ROOT/editions/*.yaml` into `sources`, reporting every problem
/// (and an unknown `compare_with`) in `diags`.
pub fn load(
    root: &Path,
    config: &Config,
    sources: &mut Sources,
    diags: &mut Diagnostics,
) -> Editions {
    let mut list = read::all(root, sources, diags);
    list.sort_by(|a, b| (a.date, &a.name).cmp(&(b.date, &b.name)));
    let named = config.compare_with.as_ref().and_then(|name| {
        let found = list.iter().position(|e| &e.name == name);
        if found.is_none() {
            diags.push(unknown_baseline(name, &list, sources));
        }
        found
    });
    Editions { list, named }
}

/// The error for a `compare_with` that names no edition.
fn unknown_baseline(name: &str, list: &[Edition], sources: &Sources) -> Diagnostic {
    let message = format!("`compare_with` names no edition `{name}`");
    let help = match crate::diagnostic::suggest(name, list.iter().map(|e| e.name.as_str())) {
        Some(s) => format!("did you mean `{s}`?"),
        None if list.is_empty() => {
            "there is no edition yet: record one with `dossier edition NAME`, or remove `compare_with`"
                .to_string()
        }
        None => format!(
            "the editions are: {}",
            list.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(", ")
        ),
    };
    let Some(file) = sources.find("dossier.toml") else {
        return Diagnostic::global(message).help(help);
    };
    let text = &sources.get(file).text;
    // The quoted value after `compare_with =`.
    let span = text
        .find("compare_with")
        .and_then(|key| {
            let open = key + text[key..].find(['"', '\''])?;
            let close = open + 1 + text[open + 1..].find(['"', '\''])?;
            Some(open..close + 1)
        })
        .unwrap_or(0..0);
    Diagnostic::error(file, span, message)
        .label(format!("no file editions/{name}.yaml"))
        .help(help)
}

/// Which kind of change a claim row is tagged with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// Not in the baseline.
    New,
    /// In the baseline, with a different statement, figures, grade,
    /// status, evidence or links.
    Revised,
}

/// An edition's name and date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionRef {
    /// Name (file stem).
    pub name: String,
    /// Date.
    pub date: PartialDate,
}

/// How much changed between two states: claims added, removed and
/// revised (status changes included).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Claims added.
    pub added: usize,
    /// Claims removed.
    pub removed: usize,
    /// Claims revised or whose status changed.
    pub revised: usize,
}

/// An edition in the list of editions.
#[derive(Debug, Clone)]
pub struct EditionRow {
    /// The edition, or `None` for the dossier as it is now (when it is no
    /// recorded edition).
    pub edition: Option<EditionRef>,
    /// Claims it records.
    pub claims: usize,
    /// Key judgments it records.
    pub judgments: usize,
    /// What changed since the edition before it (none for the first).
    pub since_previous: Option<Counts>,
}

/// What changed between a baseline edition and the dossier, for the
/// pages. Claim indices of `after` are the dossier's claim indices.
#[derive(Debug)]
pub struct Changes {
    /// The edition compared with; `None` when the dossier is its only
    /// edition (nothing to compare it with).
    pub baseline: Option<Edition>,
    /// The edition the dossier is, when it is exactly its latest edition.
    pub recorded: Option<EditionRef>,
    /// The dossier now, as an edition would record it.
    pub after: Snapshot,
    /// The differences (indices into the baseline's and `after`'s claims).
    pub diff: Diff,
    /// Per claim of the dossier, its tag.
    pub tags: Vec<Option<Tag>>,
    /// Every edition, newest first, after a row for the dossier as it is
    /// now when it is no recorded edition.
    pub editions: Vec<EditionRow>,
    /// The date of the state compared: the recorded edition's, or the
    /// latest date the dossier holds (an article's publication, a claim's
    /// date), never earlier than the baseline's. Never the clock.
    pub date: PartialDate,
}

impl Changes {
    /// The tag of claim `i` of the dossier.
    pub fn tag(&self, i: usize) -> Option<Tag> {
        self.tags.get(i).copied().flatten()
    }
}

/// Compares the dossier with its baseline edition; `None` when it has no
/// edition. `d` and `a` must be a dossier without errors and its analysis.
pub fn compare(editions: Editions, d: &Dossier, a: &Analysis) -> Option<Changes> {
    let latest = editions.list.last()?;
    let after = snapshot::of(d, a);
    let recorded = (editions.named.is_none() && latest.snapshot == after).then(|| EditionRef {
        name: latest.name.clone(),
        date: latest.date,
    });
    let mut rows = edition_rows(&editions.list);
    if recorded.is_none() {
        rows.push(EditionRow {
            edition: None,
            claims: after.claims.len(),
            judgments: after.judgments.len(),
            since_previous: Some(diff::counts(&latest.snapshot, &after)),
        });
    }
    rows.reverse();
    let date = match &recorded {
        Some(r) => r.date,
        None => latest_date(d).max(latest.date),
    };
    let Editions { mut list, named } = editions;
    let baseline = match (named, &recorded) {
        (Some(i), _) => Some(list.swap_remove(i)),
        (None, Some(_)) if list.len() >= 2 => Some(list.swap_remove(list.len() - 2)),
        (None, Some(_)) => None,
        (None, None) => list.pop(),
    };
    crate::drop_later(list);
    let diff = match &baseline {
        Some(b) => diff::diff(&b.snapshot, &after),
        None => Diff::default(),
    };
    let mut tags = vec![None; after.claims.len()];
    for &i in &diff.added {
        tags[i] = Some(Tag::New);
    }
    for r in &diff.revised {
        tags[r.after] = Some(Tag::Revised);
    }
    for &(_, i) in &diff.status {
        tags[i] = Some(Tag::Revised);
    }
    Some(Changes {
        baseline,
        recorded,
        after,
        diff,
        tags,
        editions: rows,
        date,
    })
}

/// The list of editions, oldest first, each with what changed since the
/// one before.
fn edition_rows(list: &[Edition]) -> Vec<EditionRow> {
    list.iter()
        .enumerate()
        .map(|(k, e)| EditionRow {
            edition: Some(EditionRef {
                name: e.name.clone(),
                date: e.date,
            }),
            claims: e.snapshot.claims.len(),
            judgments: e.snapshot.judgments.len(),
            since_previous: k
                .checked_sub(1)
                .map(|p| diff::counts(&list[p].snapshot, &e.snapshot)),
        })
        .collect()
}

/// The latest date the dossier holds: its articles' publication dates and
/// its claims' dates.
fn latest_date(d: &Dossier) -> PartialDate {
    d.articles
        .iter()
        .map(|a| a.published)
        .chain(d.claims.iter().filter_map(|c| c.date))
        .max()
        .unwrap_or(PartialDate {
            year: 1970,
            month: None,
            day: None,
        })
}
