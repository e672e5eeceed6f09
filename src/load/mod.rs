//! Loading and validation: walk `content/`, decode every file, split front
//! matter, deserialise YAML into raw structs (unknown fields rejected), then
//! resolve every reference into the index-linked [`Dossier`]. Problems are
//! pushed as diagnostics and loading carries on, so one run reports all of
//! them. Only the files that parsed take part in later checks; ids of items
//! that failed to parse are still known, so they cause no follow-on errors.

pub mod yaml;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::markdown;
use crate::model::*;
use crate::source::yaml_spans::{Seg, SpanMap};
use crate::source::{FileId, Place, SourceFile, Sources, Span, span_map};
use crate::ypath;
use rayon::prelude::*;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use yaml::{parse_items, typed};

/// Any YAML scalar read as text (so `title: 1984` or `id: 2025` work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Scalar {
    fn trimmed(&self) -> &str {
        self.0.trim()
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArticle {
    title: Scalar,
    published: Scalar,
    language: Scalar,
    outlet: Option<Scalar>,
    author: Option<Scalar>,
    url: Option<Scalar>,
    reliability: Option<Scalar>,
    summary: Option<Scalar>,
}
const ARTICLE_FIELDS: &[&str] = &[
    "title",
    "published",
    "language",
    "outlet",
    "author",
    "url",
    "reliability",
    "summary",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJudgment {
    text: Scalar,
    likelihood: Option<Scalar>,
    confidence: Scalar,
    based_on: Vec<Scalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    title: Scalar,
    order: Option<i64>,
    summary: Option<Scalar>,
    #[serde(default)]
    judgments: Vec<RawJudgment>,
}
const TOPIC_FIELDS: &[&str] = &["title", "order", "summary", "judgments"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndex {
    title: Scalar,
    summary: Option<Scalar>,
    #[serde(default)]
    judgments: Vec<RawJudgment>,
}
const INDEX_FIELDS: &[&str] = &["title", "summary", "judgments"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: Scalar,
    name: Scalar,
    kind: Scalar,
    country: Option<Scalar>,
    reliability: Option<Scalar>,
    note: Option<Scalar>,
}
const SOURCE_FIELDS: &[&str] = &["id", "name", "kind", "country", "reliability", "note"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMetric {
    id: Scalar,
    label: Scalar,
    unit: Option<Scalar>,
    topic: Scalar,
}
const METRIC_FIELDS: &[&str] = &["id", "label", "unit", "topic"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    metric: Scalar,
    value: Option<f64>,
    low: Option<f64>,
    high: Option<f64>,
    precision: Option<Scalar>,
    status: Option<Scalar>,
    as_of: Option<Scalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    article: Scalar,
    quote: Scalar,
    prefix: Option<Scalar>,
    suffix: Option<Scalar>,
    translation: Option<Scalar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    id: Scalar,
    statement: Scalar,
    topics: Vec<Scalar>,
    origin: Scalar,
    #[serde(default)]
    via: Vec<Scalar>,
    date: Option<Scalar>,
    credibility: Option<Scalar>,
    #[serde(default)]
    figures: Vec<RawFigure>,
    evidence: Vec<RawEvidence>,
    #[serde(default)]
    corroborates: Vec<Scalar>,
    #[serde(default)]
    contradicts: Vec<Scalar>,
    note: Option<Scalar>,
}
const CLAIM_FIELDS: &[&str] = &[
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
    "note",
];

/// Everything loaded from a dossier folder.
#[derive(Debug)]
pub struct Loaded {
    /// Settings.
    pub config: Config,
    /// The validated model (only what parsed).
    pub dossier: Dossier,
    /// Every file read.
    pub sources: Sources,
    /// Problems found.
    pub diagnostics: Diagnostics,
}

/// A file read from disk, before it is registered.
struct ReadFile {
    rel: String,
    path: PathBuf,
    result: Result<String, ReadError>,
}

enum ReadError {
    Io(String),
    Utf8 { lossy: String, at: usize },
}

fn read_file(root: &Path, path: PathBuf) -> ReadFile {
    let rel = path
        .strip_prefix(root)
        .unwrap_or(&path)
        .to_string_lossy()
        .replace('\\', "/");
    let result = match std::fs::read(&path) {
        Err(e) => Err(ReadError::Io(e.to_string())),
        Ok(bytes) => decode(bytes),
    };
    ReadFile { rel, path, result }
}

fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(ReadError::Utf8 {
                lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                at,
            })
        }
    }
}

/// Registers a read file; reports I/O and encoding errors.
fn register(file: ReadFile, sources: &mut Sources, diags: &mut Diagnostics) -> Option<FileId> {
    match file.result {
        Ok(text) => Some(sources.add(SourceFile::new(file.rel, file.path, text))),
        Err(ReadError::Io(e)) => {
            diags.push(
                Diagnostic::at_path(&file.rel, format!("cannot read {}: {e}", file.rel))
                    .help("check that the file exists and can be read"),
            );
            None
        }
        Err(ReadError::Utf8 { lossy, at }) => {
            // Line and column from the raw text before the bad byte, so BOM
            // removal and CRLF folding in SourceFile do not shift them.
            let before = &lossy[..at];
            let line = before.matches('\n').count() + 1;
            let last = before.rfind('\n').map_or(0, |i| i + 1);
            let col = before[last..]
                .trim_start_matches('\u{feff}')
                .chars()
                .filter(|&c| c != '\r')
                .count()
                + 1;
            let id = sources.add(SourceFile::new(file.rel, file.path, lossy));
            let text = &sources.get(id).text;
            let start = sources.get(id).offset_of(line, col);
            let end = start + text[start..].chars().next().map_or(0, char::len_utf8);
            diags.push(
                Diagnostic::error(id, start..end, "file is not valid UTF-8")
                    .label("invalid byte here")
                    .help("save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)"),
            );
            None
        }
    }
}

/// Splits `---` front matter. Returns (yaml start, yaml end, body start).
pub fn split_front_matter(text: &str) -> Result<(usize, usize, usize), &'static str> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err("missing front matter");
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return Ok((start, pos, pos + line.len()));
        }
        pos += line.len();
    }
    Err("front matter not closed")
}

struct Front<T> {
    file: FileId,
    raw: T,
    spans: FrontSpans,
    body_start: usize,
}

/// The span table of a front matter, built when first needed: a valid
/// article never needs it.
struct FrontSpans {
    map: std::sync::OnceLock<SpanMap>,
    base: usize,
    end: usize,
}

impl FrontSpans {
    fn get(&self, src: &SourceFile) -> &SpanMap {
        self.map.get_or_init(|| span_map(src, self.base, self.end))
    }
}

/// Parses a Markdown file's front matter into `T`.
fn front<T: serde::de::DeserializeOwned>(
    file: FileId,
    src: &SourceFile,
    what: &str,
    fields: &[&str],
) -> Result<Front<T>, Box<Diagnostic>> {
    let (base, end, body_start) = split_front_matter(&src.text).map_err(|e| {
        let label = if e == "front matter not closed" {
            "opened here; no `---` line closes it"
        } else {
            "expected `---` here"
        };
        Box::new(Diagnostic::error(file, 0..src.text.len().min(3), format!("{e} in {what}"))
            .label(label)
            .help(format!(
                "start the file with a `---` line, the {what}'s fields (`title: …`), and another `---` line, then the text"
            )))
    })?;
    let spans = FrontSpans {
        map: std::sync::OnceLock::new(),
        base,
        end,
    };
    let yaml = &src.text[base..end];
    // The plain YAML of most front matters is read quickly (and is never
    // nested too deeply); the rest is checked for depth, then read by
    // serde_yaml.
    let value = match yaml::quick::parse(yaml) {
        Some(v) => v,
        None => {
            if let Some(at) = spans.get(src).too_deep() {
                return Err(Box::new(yaml::too_deep_error(file, at)));
            }
            serde_yaml::from_str::<serde_yaml::Value>(yaml)
                .map_err(|e| Box::new(yaml::syntax_error(file, src, base, &e)))?
        }
    };
    let value = if value.is_null() {
        serde_yaml::Value::Mapping(Default::default())
    } else {
        value
    };
    let raw = typed::<T>(value).map_err(|e| {
        Box::new(yaml::type_error(
            file,
            spans.get(src),
            &[],
            what,
            fields,
            &e,
        ))
    })?;
    Ok(Front {
        file,
        raw,
        spans,
        body_start,
    })
}

/// What kind of content file a path is.
enum Kind {
    Index,
    Article,
    Topic,
    Sources,
    Metrics,
    Claims,
}

fn classify(rel: &Path) -> Option<Kind> {
    let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    match (parts.as_slice(), ext) {
        (["_index.md"], _) => Some(Kind::Index),
        (["sources.yaml" | "sources.yml"], _) => Some(Kind::Sources),
        (["metrics.yaml" | "metrics.yml"], _) => Some(Kind::Metrics),
        (["articles", _], "md") => Some(Kind::Article),
        (["topics", _], "md") => Some(Kind::Topic),
        (["claims", _], "yaml" | "yml") => Some(Kind::Claims),
        _ => None,
    }
}

/// A defined id: where, for duplicate and reference checks.
#[derive(Clone)]
struct Def {
    file: FileId,
    at: Place,
}

/// Where a problem is reported: a span, or a closure that finds it, so that
/// the spans of a claims file are looked up only when a diagnostic needs
/// one (a valid file is then parsed once, not twice).
trait At {
    fn span(self) -> Span;
}

impl At for Span {
    fn span(self) -> Span {
        self
    }
}

impl<F: FnOnce() -> Span> At for F {
    fn span(self) -> Span {
        self()
    }
}

/// Id table of one kind of thing.
#[derive(Default)]
struct Ids {
    index: BTreeMap<String, usize>,
    defs: HashMap<String, Def>,
    /// Ids that exist but whose definition failed to parse.
    broken: HashSet<String>,
    /// A file defining ids of this kind could not be read or parsed at
    /// all, so which ids exist is unknown: unknown references are not
    /// reported (the file's own error is).
    incomplete: bool,
}

/// Checks one id reference and returns its index.
#[allow(
    clippy::too_many_arguments,
    reason = "a reference check needs its whole context"
)]
fn resolve(
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
        None if ids.index.is_empty() => d.help(format!("there are no {what}s yet")),
        None => d.help(format!(
            "known {what}s: {}",
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

fn check_id(id: &str, what: &str, file: FileId, span: impl At, diags: &mut Diagnostics) -> bool {
    if is_id(id) {
        return true;
    }
    diags.push(
        Diagnostic::error(
            file,
            span.span(),
            format!("`{id}` is not a valid {what} id"),
        )
        .label("ids use a-z, 0-9 and hyphens, starting with a letter or digit")
        .help(format!("try `{}`", slugify(id))),
    );
    false
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
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "x".into() } else { out }
}

fn define(
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

fn parse_date(
    s: &Scalar,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> Option<PartialDate> {
    match PartialDate::parse(s.trimmed()) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    file,
                    span.span(),
                    format!("invalid date `{}`: {why}", s.trimmed()),
                )
                .label("not a date")
                .help("write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-06 or 2025-06-17"),
            );
            None
        }
    }
}

fn parse_vocab<T>(
    s: &str,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
    what: &str,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> Option<T> {
    let v = parse(s.trim());
    if v.is_none() {
        let mut d = Diagnostic::error(file, span.span(), format!("invalid {what} `{}`", s.trim()))
            .label(format!("not a {what}"));
        d = match suggest(s.trim(), all.iter().copied()) {
            Some(x) => d.help(format!("did you mean `{x}`? ({})", all.join(", "))),
            None => d.help(format!("expected one of: {}", all.join(", "))),
        };
        diags.push(d);
    }
    v
}

fn parse_reliability(
    s: &Scalar,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> Option<Reliability> {
    let r = Reliability::parse(s.trimmed());
    if r.is_none() {
        diags.push(
            Diagnostic::error(file, span.span(), format!("invalid reliability `{}`", s.trimmed()))
                .label("not an Admiralty reliability grade")
                .help("use a letter A–F: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged"),
        );
    }
    r
}

fn non_empty(
    s: &Scalar,
    what: &str,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> String {
    let t = s.trimmed();
    if t.is_empty() {
        diags.push(
            Diagnostic::error(file, span.span(), format!("{what} is empty"))
                .label("empty")
                .help(format!("write the {what}")),
        );
    }
    t.to_string()
}

/// Loads and validates the dossier at `root`.
pub fn load(root: &Path) -> Loaded {
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();

    // dossier.toml
    let config_path = root.join("dossier.toml");
    let config = if config_path.is_file() {
        let read = read_file(root, config_path);
        match register(read, &mut sources, &mut diags) {
            Some(id) => {
                Config::parse(id, sources.get(id), &mut diags).unwrap_or_else(Config::fallback)
            }
            None => Config::fallback(),
        }
    } else {
        diags.push(
            Diagnostic::global(format!("no dossier.toml in {}", root.display()))
                .help("run `dossier build` in a dossier folder, pass `--root DIR`, or create one with `dossier init DIR`"),
        );
        Config::fallback()
    };

    // Walk content/.
    let content = root.join("content");
    let mut files: Vec<(Kind, PathBuf)> = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::global(format!("no content folder in {}", root.display()))
                .help("a dossier keeps its articles, topics and claims under content/; `dossier init DIR` writes an example"),
        );
    } else {
        // Symbolic links are followed (a shared `articles/` folder may be
        // linked in); walkdir reports links that loop back to an ancestor.
        // Content files are at most two levels down, so the walk stops
        // there: a link to a huge tree costs nothing.
        for entry in walkdir::WalkDir::new(&content)
            .follow_links(true)
            .max_depth(2)
            .sort_by_file_name()
        {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(walk_error(root, &e));
                    continue;
                }
            };
            let rel = entry
                .path()
                .strip_prefix(&content)
                .unwrap_or(entry.path())
                .to_path_buf();
            let hidden = rel.iter().any(|p| p.to_string_lossy().starts_with('.'));
            let shown = format!("content/{}", rel.to_string_lossy().replace('\\', "/"));
            if hidden || (entry.file_type().is_dir() && entry.depth() < 2) {
                continue;
            }
            if entry.file_type().is_dir() {
                diags.push(Diagnostic {
                    severity: crate::diagnostic::Severity::Warning,
                    ..Diagnostic::at_path(&shown, format!("{shown} is a folder inside a content folder; its files are not read"))
                        .help("articles, topics and claims files sit directly in content/articles/, content/topics/ and content/claims/")
                });
                continue;
            }
            match classify(&rel) {
                Some(kind) => files.push((kind, entry.into_path())),
                None => {
                    if !shown.ends_with('~') {
                        diags.push(Diagnostic {
                            severity: crate::diagnostic::Severity::Warning,
                            ..Diagnostic::at_path(&shown, format!("{shown} is not part of the content format and is ignored"))
                                .help("articles/*.md, topics/*.md, claims/*.yaml, sources.yaml, metrics.yaml and _index.md are read")
                        });
                    }
                }
            }
        }
        if files.is_empty() {
            diags.push(
                Diagnostic::at_path("content/", "the content folder is empty")
                    .help("add content/articles/*.md, content/topics/*.md, content/claims/*.yaml, content/sources.yaml and content/metrics.yaml"),
            );
        }
    }

    // Read every file in parallel, register in walk order.
    let read: Vec<(Kind, ReadFile)> = files
        .into_par_iter()
        .map(|(k, p)| (k, read_file(root, p)))
        .collect();
    // An empty content folder has its own error: no "no sources.yaml".
    let content_missing = !content.is_dir() || read.is_empty();
    assemble(config, sources, diags, read, content_missing)
}

/// A problem met while walking `content/`: a symbolic link that loops back
/// to a folder containing it, a link that loops on itself or points to
/// nothing, or a folder that cannot be read.
fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let Some(path) = e.path() else {
        return Diagnostic::global(format!("cannot read the content folder: {e}"));
    };
    let at = shown(path);
    if let Some(ancestor) = e.loop_ancestor() {
        let ancestor = shown(ancestor);
        return Diagnostic::at_path(
            &at,
            format!("symbolic link loop: {at} leads back to {ancestor}/, which contains it"),
        )
        .help("remove the link, or point it at a folder outside content/");
    }
    let cause = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    if path.is_symlink() {
        return Diagnostic::at_path(
            &at,
            format!("{at} is a symbolic link that cannot be followed: {cause}"),
        )
        .help("the link loops or points to nothing; point it at an existing file or remove it");
    }
    Diagnostic::at_path(&at, format!("cannot read {at}: {cause}"))
        .help("check that the file or folder exists and can be read")
}

/// Loads a dossier from in-memory files, each `(path under content/,
/// bytes)`, with default settings: the whole of [`load`] after the files
/// are read (for the fuzz targets).
#[doc(hidden)]
pub fn load_files(files: &[(&str, &[u8])]) -> Loaded {
    let mut read = Vec::new();
    for (rel, bytes) in files {
        if let Some(kind) = classify(Path::new(rel)) {
            let rel = format!("content/{rel}");
            let result = decode(bytes.to_vec());
            read.push((
                kind,
                ReadFile {
                    path: PathBuf::from(&rel),
                    rel,
                    result,
                },
            ));
        }
    }
    let mut diags = Diagnostics::default();
    if read.is_empty() {
        diags.push(Diagnostic::global("the content folder is empty"));
    }
    assemble(Config::fallback(), Sources::default(), diags, read, false)
}

/// Registers the read files, then parses, validates and links them.
fn assemble(
    config: Config,
    mut sources: Sources,
    mut diags: Diagnostics,
    read: Vec<(Kind, ReadFile)>,
    content_missing: bool,
) -> Loaded {
    let mut index_file = None;
    let mut article_files = Vec::new();
    let mut topic_files = Vec::new();
    let mut claim_files = Vec::new();
    let mut sources_file = None;
    let mut metrics_file = None;
    // Files that could not be read (I/O, not UTF-8): their ids are unknown,
    // so references to them raise no second error.
    let mut unreadable: Vec<(Kind, String)> = Vec::new();
    for (kind, file) in read {
        let file_stem = Path::new(&file.rel)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(id) = register(file, &mut sources, &mut diags) else {
            unreadable.push((kind, file_stem));
            continue;
        };
        match kind {
            Kind::Index => index_file = Some(id),
            Kind::Article => article_files.push(id),
            Kind::Topic => topic_files.push(id),
            Kind::Claims => claim_files.push(id),
            Kind::Sources => sources_file = Some(id),
            Kind::Metrics => metrics_file = Some(id),
        }
    }

    let stem = |id: FileId| -> String {
        let f = sources.get(id);
        Path::new(&f.display)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    };

    // Articles: front matter in parallel.
    let parsed_articles: Vec<Result<Front<RawArticle>, Box<Diagnostic>>> = article_files
        .par_iter()
        .map(|&id| front::<RawArticle>(id, sources.get(id), "article", ARTICLE_FIELDS))
        .collect();
    let mut articles = Ids::default();
    let mut topics = Ids::default();
    let mut source_ids = Ids::default();
    let mut metric_ids = Ids::default();
    let mut claim_ids = Ids::default();
    for (kind, file_stem) in unreadable {
        match kind {
            Kind::Article => {
                articles.broken.insert(file_stem);
            }
            Kind::Topic => {
                topics.broken.insert(file_stem);
            }
            Kind::Sources => source_ids.incomplete = true,
            Kind::Metrics => metric_ids.incomplete = true,
            Kind::Claims => claim_ids.incomplete = true,
            Kind::Index => {}
        }
    }
    let mut dossier = Dossier::default();
    for (result, &file) in parsed_articles.into_iter().zip(&article_files) {
        let slug = stem(file);
        if !is_id(&slug) {
            diags.push(
                Diagnostic::error(
                    file,
                    0..0,
                    format!("article file name `{slug}` is not a valid slug"),
                )
                .label("the slug is the file name without `.md`")
                .help(format!("rename the file to `{}.md`", slugify(&slug))),
            );
            continue;
        }
        let fm = match result {
            Ok(fm) => fm,
            Err(d) => {
                diags.push(*d);
                articles.broken.insert(slug);
                continue;
            }
        };
        let raw = fm.raw;
        let src = sources.get(file);
        let sp = |k: &str| fm.spans.get(src).value(ypath![k]);
        let published = parse_date(&raw.published, file, || sp("published"), &mut diags);
        let language = raw.language.trimmed().to_string();
        if !is_language_tag(&language) {
            diags.push(
                Diagnostic::error(
                    file,
                    sp("language"),
                    format!("invalid language tag `{language}`"),
                )
                .label("not a BCP 47 tag")
                .help("use a tag such as `fr`, `en`, `uk`, `pt-BR`"),
            );
        }
        let url = raw.url.as_ref().map(|u| u.trimmed().to_string());
        if let Some(u) = &url
            && (!(u.starts_with("https://") || u.starts_with("http://"))
                || u.contains(char::is_whitespace))
        {
            diags.push(
                    Diagnostic::error(file, sp("url"), format!("invalid url `{u}`"))
                        .label("must be an absolute http(s) URL")
                        .help("write the address of the original page, e.g. `https://www.example.org/article`"),
                );
        }
        let reliability = raw
            .reliability
            .as_ref()
            .and_then(|r| parse_reliability(r, file, || sp("reliability"), &mut diags));
        let title = non_empty(&raw.title, "title", file, || sp("title"), &mut diags);
        let Some(published) = published else {
            articles.broken.insert(slug);
            continue;
        };
        articles.index.insert(slug.clone(), 0);
        dossier.articles.push(Article {
            slug,
            title,
            published,
            language,
            outlet: raw
                .outlet
                .map(|s| s.trimmed().to_string())
                .filter(|s| !s.is_empty()),
            author: raw
                .author
                .map(|s| s.trimmed().to_string())
                .filter(|s| !s.is_empty()),
            url,
            reliability,
            summary_html: raw.summary.map(|s| markdown::render(s.trimmed())),
            file,
            body_start: fm.body_start,
        });
    }
    dossier.articles.sort_by(|a, b| a.slug.cmp(&b.slug));
    for (i, a) in dossier.articles.iter().enumerate() {
        articles.index.insert(a.slug.clone(), i);
    }

    // Topics (judgments resolved after claims).
    let mut topic_fronts: Vec<(String, Front<RawTopic>)> = Vec::new();
    for &file in &topic_files {
        let id = stem(file);
        if !is_id(&id) {
            diags.push(
                Diagnostic::error(
                    file,
                    0..0,
                    format!("topic file name `{id}` is not a valid id"),
                )
                .label("the topic id is the file name without `.md`")
                .help(format!("rename the file to `{}.md`", slugify(&id))),
            );
            continue;
        }
        match front::<RawTopic>(file, sources.get(file), "topic", TOPIC_FIELDS) {
            Ok(fm) => topic_fronts.push((id, fm)),
            Err(d) => {
                diags.push(*d);
                topics.broken.insert(id);
            }
        }
    }
    topic_fronts.sort_by(|(a, x), (b, y)| {
        (x.raw.order.unwrap_or(i64::MAX), a).cmp(&(y.raw.order.unwrap_or(i64::MAX), b))
    });
    for (i, (id, _)) in topic_fronts.iter().enumerate() {
        topics.index.insert(id.clone(), i);
    }

    // Sources.
    if let Some(file) = sources_file {
        let items: Vec<(usize, RawSource)> =
            parse_items(file, sources.get(file), "source", SOURCE_FIELDS, &mut diags);
        note_broken_ids(
            sources.get(file),
            &items.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            &mut source_ids,
        );
        // A short file: its spans are looked up for every item.
        let spans = sources.get(file).yaml_spans();
        for (i, raw) in items {
            let sp = |k: &str| spans.value(ypath![i, k]);
            let id = raw.id.trimmed().to_string();
            if !check_id(&id, "source", file, sp("id"), &mut diags)
                || !define(
                    &mut source_ids,
                    "source",
                    &id,
                    file,
                    Place::Span(sp("id")),
                    &sources,
                    &mut diags,
                )
            {
                continue;
            }
            let kind = parse_vocab(
                raw.kind.trimmed(),
                SourceKind::parse,
                SourceKind::ALL,
                "source kind",
                file,
                sp("kind"),
                &mut diags,
            );
            let reliability = match &raw.reliability {
                Some(r) => parse_reliability(r, file, sp("reliability"), &mut diags),
                None => Some(Reliability(b'F')),
            };
            let name = non_empty(&raw.name, "source name", file, sp("name"), &mut diags);
            let (Some(kind), Some(reliability)) = (kind, reliability) else {
                source_ids.broken.insert(id);
                continue;
            };
            dossier.sources.push(Source {
                id,
                name,
                kind,
                country: raw
                    .country
                    .map(|c| c.trimmed().to_string())
                    .filter(|c| !c.is_empty()),
                reliability,
                note: raw
                    .note
                    .map(|n| n.trimmed().to_string())
                    .filter(|n| !n.is_empty()),
            });
        }
    } else if !content_missing && !source_ids.incomplete {
        diags.push(
            Diagnostic::global("no content/sources.yaml").help(
                "list the originating sources there: `- id: …`, `name`, `kind`, `reliability`",
            ),
        );
    }
    dossier.sources.sort_by(|a, b| a.id.cmp(&b.id));
    for (i, s) in dossier.sources.iter().enumerate() {
        source_ids.index.insert(s.id.clone(), i);
    }

    // Metrics.
    if let Some(file) = metrics_file {
        let items: Vec<(usize, RawMetric)> =
            parse_items(file, sources.get(file), "metric", METRIC_FIELDS, &mut diags);
        note_broken_ids(
            sources.get(file),
            &items.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            &mut metric_ids,
        );
        // A short file: its spans are looked up for every item.
        let spans = sources.get(file).yaml_spans();
        for (i, raw) in items {
            let sp = |k: &str| spans.value(ypath![i, k]);
            let id = raw.id.trimmed().to_string();
            if !check_id(&id, "metric", file, sp("id"), &mut diags)
                || !define(
                    &mut metric_ids,
                    "metric",
                    &id,
                    file,
                    Place::Span(sp("id")),
                    &sources,
                    &mut diags,
                )
            {
                continue;
            }
            let label = non_empty(&raw.label, "metric label", file, sp("label"), &mut diags);
            let Some(topic) = resolve(
                &topics,
                "topic",
                Some("topics"),
                raw.topic.trimmed(),
                file,
                sp("topic"),
                &mut diags,
            ) else {
                metric_ids.broken.insert(id);
                continue;
            };
            metric_ids.index.insert(id.clone(), dossier.metrics.len());
            dossier.metrics.push(Metric {
                id,
                label,
                unit: raw
                    .unit
                    .map(|u| u.trimmed().to_string())
                    .unwrap_or_default(),
                topic,
            });
        }
    }

    // Claims: first every id, then every reference.
    let mut raw_claims: Vec<(FileId, usize, RawClaim)> = Vec::new();
    // Each file is parsed on its own thread; ids are defined in file order.
    type ParsedClaims = (FileId, Vec<(usize, RawClaim)>, Diagnostics);
    let parsed: Vec<ParsedClaims> = claim_files
        .par_iter()
        .map(|&file| {
            let mut found = Diagnostics::default();
            let items: Vec<(usize, RawClaim)> =
                parse_items(file, sources.get(file), "claim", CLAIM_FIELDS, &mut found);
            (file, items, found)
        })
        .collect();
    raw_claims.reserve(parsed.iter().map(|(_, items, _)| items.len()).sum());
    for (file, items, found) in parsed {
        diags.append(found);
        note_broken_ids(
            sources.get(file),
            &items.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            &mut claim_ids,
        );
        let src = sources.get(file);
        for (i, raw) in items {
            let id = raw.id.trimmed().to_string();
            let at = Place::Field(i, "id");
            if !check_id(&id, "claim", file, || at.span(src), &mut diags)
                || !define(
                    &mut claim_ids,
                    "claim",
                    &id,
                    file,
                    at.clone(),
                    &sources,
                    &mut diags,
                )
            {
                claim_ids.broken.insert(id);
                continue;
            }
            raw_claims.push((file, i, raw));
        }
    }
    raw_claims.par_sort_by(|a, b| a.2.id.trimmed().cmp(b.2.id.trimmed()));
    for (n, (_, _, raw)) in raw_claims.iter().enumerate() {
        claim_ids.index.insert(raw.id.trimmed().to_string(), n);
    }
    // A claim that fails a check below is still kept (when it has an origin)
    // so the indices above stay right; an error stops the run before
    // analysis and rendering anyway.
    // Each claim is checked on its own (in parallel: a big dossier has
    // 100,000); claims and diagnostics are gathered in id order.
    type Checked = (Option<Claim>, Diagnostics);
    let checked: Vec<Checked> = raw_claims
        .into_par_iter()
        .map(|(file, i, raw)| {
    let mut diags = Diagnostics::default();
    let src = sources.get(file);
    let claim = (|| {
        // Spans only for diagnostics: a valid file is never parsed for them.
        let spans = || src.yaml_spans();
        let sp = |path: &[Seg]| spans().value(path);
        let id = raw.id.trimmed().to_string();
        let statement = non_empty(
            &raw.statement,
            "statement",
            file,
            || sp(ypath![i, "statement"]),
            &mut diags,
        );
        if raw.topics.is_empty() {
            diags.push(
                Diagnostic::error(
                    file,
                    spans().key(ypath![i, "topics"]),
                    format!("claim `{id}` has no topic"),
                )
                .help("list at least one topic id: `topics: [demining]`"),
            );
        }
        let mut claim_topics = Vec::new();
        for (k, t) in raw.topics.iter().enumerate() {
            match resolve(
                &topics,
                "topic",
                Some("topics"),
                t.trimmed(),
                file,
                || sp(ypath![i, "topics", k]),
                &mut diags,
            ) {
                Some(t) if !claim_topics.contains(&t) => claim_topics.push(t),
                Some(_) => {}
                None => {}
            }
        }
        let origin = resolve(
            &source_ids,
            "source",
            None,
            raw.origin.trimmed(),
            file,
            || sp(ypath![i, "origin"]),
            &mut diags,
        );
        let mut via = Vec::new();
        for (k, v) in raw.via.iter().enumerate() {
            if let Some(s) = resolve(
                &source_ids,
                "source",
                None,
                v.trimmed(),
                file,
                || sp(ypath![i, "via", k]),
                &mut diags,
            ) && !via.contains(&s)
                && Some(s) != origin
            {
                via.push(s);
            }
        }
        let date = raw
            .date
            .as_ref()
            .and_then(|d| parse_date(d, file, || sp(ypath![i, "date"]), &mut diags));
        let credibility = match &raw.credibility {
            None => Credibility(6),
            Some(c) => match c.trimmed().parse::<u8>() {
                Ok(v @ 1..=6) => Credibility(v),
                _ => {
                    diags.push(
                        Diagnostic::error(file, sp(ypath![i, "credibility"]), format!("invalid credibility `{}`", c.trimmed()))
                            .label("not an Admiralty credibility grade")
                            .help("use a digit 1–6: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged"),
                    );
                    Credibility(6)
                }
            },
        };
        let mut figures = Vec::new();
        for (k, f) in raw.figures.iter().enumerate() {
            let fsp = |key: &str| sp(ypath![i, "figures", k, key]);
            let metric = resolve(
                &metric_ids,
                "metric",
                None,
                f.metric.trimmed(),
                file,
                || fsp("metric"),
                &mut diags,
            );
            let precision = match &f.precision {
                Some(p) => parse_vocab(
                    p.trimmed(),
                    Precision::parse,
                    Precision::ALL,
                    "precision",
                    file,
                    || fsp("precision"),
                    &mut diags,
                ),
                None if f.value.is_none() && f.low.is_some() && f.high.is_some() => {
                    Some(Precision::Range)
                }
                None => Some(Precision::Exact),
            };
            let status = match &f.status {
                Some(s) => parse_vocab(
                    s.trimmed(),
                    FigureStatus::parse,
                    FigureStatus::ALL,
                    "figure status",
                    file,
                    || fsp("status"),
                    &mut diags,
                ),
                None => Some(FigureStatus::Reported),
            };
            let as_of = f
                .as_of
                .as_ref()
                .and_then(|d| parse_date(d, file, || fsp("as_of"), &mut diags));
            let whole = || sp(ypath![i, "figures", k]);
            let bounds = figure_bounds(f, precision, file, whole, &fsp, &mut diags);
            if let (Some(metric), Some(precision), Some(status), Some((low, high))) =
                (metric, precision, status, bounds)
            {
                figures.push(Figure {
                    metric,
                    low,
                    high,
                    value: f.value,
                    precision,
                    status,
                    as_of,
                });
            }
        }
        if raw.evidence.is_empty() {
            diags.push(
                Diagnostic::error(
                    file,
                    spans().key(ypath![i, "evidence"]),
                    format!("claim `{id}` has no evidence"),
                )
                .help(
                    "add at least one `- article: <slug>` with the `quote` that supports the claim",
                ),
            );
        }
        let mut evidence = Vec::new();
        for (k, e) in raw.evidence.iter().enumerate() {
            let esp = |key: &str| sp(ypath![i, "evidence", k, key]);
            let article = resolve(
                &articles,
                "article",
                Some("articles"),
                e.article.trimmed(),
                file,
                || esp("article"),
                &mut diags,
            );
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
                    at: (file, Place::Entry(i, "evidence", k, "quote")),
                    number: k + 1,
                    anchor: format!("q-{id}-{}", k + 1),
                });
            }
        }
        let refs = |list: &[Scalar], key: &str, diags: &mut Diagnostics| -> Vec<usize> {
            let mut out = Vec::new();
            for (k, c) in list.iter().enumerate() {
                let span = || sp(ypath![i, key, k]);
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
                if let Some(c) = resolve(&claim_ids, "claim", None, c.trimmed(), file, span, diags)
                    && !out.contains(&c)
                {
                    out.push(c);
                }
            }
            out
        };
        let corroborates = refs(&raw.corroborates, "corroborates", &mut diags);
        let contradicts = refs(&raw.contradicts, "contradicts", &mut diags);
        let origin = origin?;
        Some(Claim {
            id,
            statement,
            topics: claim_topics,
            origin,
            via,
            date,
            credibility,
            credibility_given: raw.credibility.is_some(),
            figures,
            evidence,
            corroborates,
            contradicts,
            note_html: raw.note.map(|n| markdown::render(n.trimmed())),
            at: (file, Place::Item(i)),
        })
    })();
    (claim, diags)
        })
        .collect();
    for (claim, found) in checked {
        diags.append(found);
        dossier.claims.extend(claim);
    }

    // Judgments, now that claims are known.
    let judgments = |list: &[RawJudgment],
                     file: FileId,
                     spans: &SpanMap,
                     diags: &mut Diagnostics|
     -> Vec<Judgment> {
        let mut out = Vec::new();
        for (k, j) in list.iter().enumerate() {
            let jsp = |key: &str| spans.value(ypath!["judgments", k, key]);
            let likelihood = j.likelihood.as_ref().and_then(|l| {
                parse_vocab(
                    l.trimmed(),
                    Likelihood::parse,
                    Likelihood::ALL,
                    "likelihood",
                    file,
                    jsp("likelihood"),
                    diags,
                )
            });
            let confidence = parse_vocab(
                j.confidence.trimmed(),
                Confidence::parse,
                Confidence::ALL,
                "confidence",
                file,
                jsp("confidence"),
                diags,
            );
            if j.based_on.is_empty() {
                diags.push(
                    Diagnostic::error(
                        file,
                        spans.key(ypath!["judgments", k, "based_on"]),
                        "judgment rests on no claim",
                    )
                    .help("list the ids of the claims it rests on: `based_on: [claim-id]`"),
                );
            }
            let mut based_on = Vec::new();
            for (m, c) in j.based_on.iter().enumerate() {
                let span = spans.value(ypath!["judgments", k, "based_on", m]);
                if let Some(c) = resolve(&claim_ids, "claim", None, c.trimmed(), file, span, diags)
                    && !based_on.contains(&c)
                {
                    based_on.push(c);
                }
            }
            let text = non_empty(&j.text, "judgment text", file, jsp("text"), diags);
            if let Some(confidence) = confidence {
                out.push(Judgment {
                    text,
                    likelihood,
                    confidence,
                    based_on,
                });
            }
        }
        out
    };
    for (id, fm) in &topic_fronts {
        let raw = &fm.raw;
        let title = non_empty(
            &raw.title,
            "title",
            fm.file,
            fm.spans.get(sources.get(fm.file)).value(ypath!["title"]),
            &mut diags,
        );
        let judgments = judgments(
            &raw.judgments,
            fm.file,
            fm.spans.get(sources.get(fm.file)),
            &mut diags,
        );
        let src = sources.get(fm.file);
        dossier.topics.push(Topic {
            id: id.clone(),
            title,
            order: raw.order.unwrap_or(i64::MAX),
            summary: raw
                .summary
                .as_ref()
                .map(|s| s.trimmed().to_string())
                .filter(|s| !s.is_empty()),
            judgments,
            body_html: markdown::render(&src.text[fm.body_start..]),
        });
    }
    match index_file {
        Some(file) => {
            match front::<RawIndex>(file, sources.get(file), "front page", INDEX_FIELDS) {
                Ok(fm) => {
                    let judgments = judgments(
                        &fm.raw.judgments,
                        file,
                        fm.spans.get(sources.get(file)),
                        &mut diags,
                    );
                    dossier.front = FrontPage {
                        title: fm.raw.title.trimmed().to_string(),
                        summary: fm
                            .raw
                            .summary
                            .as_ref()
                            .map(|s| s.trimmed().to_string())
                            .filter(|s| !s.is_empty()),
                        judgments,
                        body_html: markdown::render(&sources.get(file).text[fm.body_start..]),
                    };
                }
                Err(d) => diags.push(*d),
            }
        }
        None => {
            dossier.front.title = config.title.clone();
        }
    }

    Loaded {
        config,
        dossier,
        sources,
        diagnostics: diags,
    }
}

/// Records the ids of list items that failed to parse, so that references
/// to them raise no second error. A file that does not parse at all (or
/// nests too deeply to be parsed) marks the whole id table incomplete.
fn note_broken_ids(src: &SourceFile, parsed: &[usize], ids: &mut Ids) {
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

fn figure_bounds(
    f: &RawFigure,
    precision: Option<Precision>,
    file: FileId,
    whole: impl At,
    fsp: &dyn Fn(&str) -> Span,
    diags: &mut Diagnostics,
) -> Option<(f64, f64)> {
    let finite = |v: Option<f64>, key: &str, diags: &mut Diagnostics| -> Option<Option<f64>> {
        match v {
            Some(x) if !x.is_finite() || x < 0.0 => {
                diags.push(
                    Diagnostic::error(file, fsp(key), format!("invalid figure {key} `{x}`"))
                        .label("must be a finite number, zero or more")
                        .help("write a plain number such as `10000`"),
                );
                None
            }
            v => Some(v),
        }
    };
    let value = finite(f.value, "value", diags)?;
    let low = finite(f.low, "low", diags)?;
    let high = finite(f.high, "high", diags)?;
    match (precision?, value, low, high) {
        (Precision::Range, _, Some(l), Some(h)) | (_, None, Some(l), Some(h)) => {
            if l > h {
                diags.push(
                    Diagnostic::error(
                        file,
                        fsp("low"),
                        format!("figure range is upside down: low {l} > high {h}"),
                    )
                    .label("low is greater than high")
                    .help("swap `low` and `high`"),
                );
                return None;
            }
            if value.is_some() {
                diags.push(
                    Diagnostic::error(
                        file,
                        fsp("value"),
                        "figure has both `value` and `low`/`high`",
                    )
                    .help("give `value` alone, or `low` and `high` with `precision: range`"),
                );
                return None;
            }
            Some((l, h))
        }
        (Precision::Range, _, _, _) => {
            diags.push(
                Diagnostic::error(
                    file,
                    fsp("precision"),
                    "a `range` figure needs `low` and `high`",
                )
                .help("write `low: 10000` and `high: 12000`"),
            );
            None
        }
        (_, Some(v), None, None) => Some((v, v)),
        (_, Some(_), _, _) => {
            diags.push(
                Diagnostic::error(
                    file,
                    fsp("value"),
                    "figure has both `value` and `low`/`high`",
                )
                .help("give `value` alone, or `low` and `high` with `precision: range`"),
            );
            None
        }
        (_, None, _, _) => {
            diags.push(
                Diagnostic::error(file, whole.span(), "figure has no number")
                    .label("no `value`, nor `low` and `high`")
                    .help("add `value: 1000` (or `low` and `high` for a range)"),
            );
            None
        }
    }
}

/// A loose BCP 47 check: `fr`, `pt-BR`, `zh-Hant-TW`.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
