//! Ids and references: the id table of each kind of thing, the checks
//! of an id's form and uniqueness, and the resolution of a reference to
//! an index into the model (with "did you mean" when it names nothing).
//! Ids of items that failed to parse are still known, so references to
//! them cause no follow-on errors.

use super::fields::At;
use super::kind::Kind;
use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::model::{MAX_ID_LEN, is_id};
use crate::source::{FileId, Place, SourceFile, Sources};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

/// The id tables of every kind of thing, filled as loading goes.
#[derive(Default)]
pub struct Known {
    /// Article slugs.
    pub articles: Ids,
    /// Topic ids.
    pub topics: Ids,
    /// Source ids.
    pub sources: Ids,
    /// Metric ids.
    pub metrics: Ids,
    /// Claim ids.
    pub claims: Ids,
    /// Entity ids.
    pub entities: Ids,
}

impl Known {
    /// A file of `kind` named `stem` could not be read (I/O, not UTF-8):
    /// its ids are unknown, so references to them raise no second error.
    pub fn unreadable(&mut self, kind: Kind, stem: String) {
        let ids = match kind {
            Kind::Index => return,
            Kind::Article => &mut self.articles,
            Kind::Topic => &mut self.topics,
            Kind::Sources => &mut self.sources,
            Kind::Metrics => &mut self.metrics,
            Kind::Claims => &mut self.claims,
            Kind::Entities => &mut self.entities,
        };
        if kind.one_per_file() {
            ids.broken.insert(stem);
        } else {
            ids.incomplete = true;
        }
    }
}

/// A defined id: where, for duplicate and reference checks.
#[derive(Clone)]
pub struct Def {
    file: FileId,
    at: Place,
}

/// Id table of one kind of thing.
#[derive(Default)]
pub struct Ids {
    /// Index in the model of every valid id.
    pub index: BTreeMap<String, usize>,
    /// Where each id is defined (list kinds).
    pub defs: HashMap<String, Def>,
    /// Ids that exist but whose definition failed to parse.
    pub broken: HashSet<String>,
    /// A file defining ids of this kind could not be read or parsed at
    /// all, so which ids exist is unknown: unknown references are not
    /// reported (the file's own error is).
    pub incomplete: bool,
}

/// Checks one id reference (`value`, to a `what` whose files are in
/// `content/{folder}/` if it has one) and returns its index.
#[allow(
    clippy::too_many_arguments,
    reason = "a reference check needs its whole context"
)]
pub fn resolve(
    ids: &Ids,
    what: &str,
    folder: Option<&str>,
    value: &str,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> Option<usize> {
    if let Some(&i) = ids.index.get(value) {
        return Some(i);
    }
    if ids.broken.contains(value) || ids.incomplete {
        return None;
    }
    let label = match folder {
        Some(f) => format!("no file content/{f}/{value}.md"),
        None => format!("no {what} has this id"),
    };
    let mut d =
        Diagnostic::error(file, span.span(), format!("unknown {what} `{value}`")).label(label);
    d = match suggest(value, ids.index.keys().map(String::as_str)) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None if ids.index.is_empty() => d.help(format!("there are no {} yet", plural(what))),
        None => d.help(format!(
            "known {}: {}",
            plural(what),
            ids.index
                .keys()
                .take(12)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    };
    diags.push(d);
    None
}

/// The plural of the name of a kind of thing (`claim`, `entity`).
fn plural(what: &str) -> String {
    match what.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{what}s"),
    }
}

/// Checks that `id` is a valid id of a `what`.
pub fn check_id(
    id: &str,
    what: &str,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> bool {
    if is_id(id) {
        return true;
    }
    diags.push(
        Diagnostic::error(
            file,
            span.span(),
            format!("`{id}` is not a valid {what} id"),
        )
        .label(
            "ids use a-z, 0-9 and hyphens, starting with a letter or digit, at most 200 characters",
        )
        .help(format!("try `{}`", slugify(id))),
    );
    false
}

/// The id a file defines by its name (`content/topics/demining.md` →
/// `demining`).
pub fn stem(path: &str) -> String {
    Path::new(path)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Suggests a valid id for an invalid one.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out = out.trim_matches('-');
    if out.len() > MAX_ID_LEN {
        out = out[..MAX_ID_LEN].trim_end_matches('-');
    }
    if out.is_empty() {
        "x".into()
    } else {
        out.to_string()
    }
}

/// Defines id `id` of a `what` at `at` of `file`; false (and reported)
/// if it is defined already.
pub fn define(
    ids: &mut Ids,
    what: &str,
    id: &str,
    file: FileId,
    at: Place,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> bool {
    if let Some(prev) = ids.defs.get(id) {
        diags.push(
            Diagnostic::error(
                file,
                at.span_in(sources, file),
                format!("duplicate {what} id `{id}`"),
            )
            .label("defined again here")
            .related(
                prev.file,
                prev.at.span_in(sources, prev.file),
                "first defined here",
            )
            .help(format!(
                "{what} ids must be unique across all files; rename one"
            )),
        );
        return false;
    }
    ids.defs.insert(id.to_string(), Def { file, at });
    true
}

/// Records the ids of list items that failed to parse, so that references
/// to them raise no second error. A file that does not parse at all (or
/// nests too deeply to be parsed) marks the whole id table incomplete.
pub fn note_broken_ids(src: &SourceFile, parsed: &[usize], ids: &mut Ids) {
    if parsed.iter().enumerate().all(|(i, &p)| i == p)
        && !src.text.is_empty()
        && parsed_all(src, parsed.len())
    {
        return;
    }
    if src.yaml_spans().too_deep().is_some() {
        ids.incomplete = true;
        return;
    }
    let items = match serde_yaml::from_str::<serde_yaml::Value>(&src.text) {
        Ok(serde_yaml::Value::Sequence(items)) => items,
        Ok(serde_yaml::Value::Null) => return,
        _ => {
            ids.incomplete = true;
            return;
        }
    };
    for (i, item) in items.iter().enumerate() {
        if parsed.contains(&i) {
            continue;
        }
        if let Some(id) = item.get("id").and_then(|v| match v {
            serde_yaml::Value::String(s) => Some(s.trim().to_string()),
            serde_yaml::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }) {
            ids.broken.insert(id);
        }
    }
}

/// Whether every top-level list item parsed (cheap check: counts the
/// items by their `- ` at column 1, which is how lists are written).
fn parsed_all(src: &SourceFile, parsed: usize) -> bool {
    let items = src
        .text
        .lines()
        .filter(|l| l.starts_with("- ") || *l == "-")
        .count();
    items == parsed
}
