//! Reading `editions/*.yaml` back into [`Edition`]s, as content files are
//! read: every problem of every file reported with its `path:line:column`,
//! the line and a hint (YAML syntax, unknown or missing fields, values of
//! the wrong type, invalid ids, dates, grades and vocabulary words,
//! duplicate claims), never a panic. Files are parsed in parallel, and the
//! claims of a file too; the span table of a file is built only when a
//! problem needs a position. Text is kept exactly as written, so that an
//! edition reads back as the snapshot it was written from.

use super::{ClaimSnap, Edition, EvidenceSnap, FigureSnap, JudgmentSnap, Place, Snapshot};
use crate::analyse::Status;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, suggest};
use crate::load::yaml::{parse_value, type_error, typed};
use crate::load::{Scalar, parse_date, parse_vocab, read_file, register};
use crate::model::{Confidence, FigureStatus, Likelihood, Precision, is_id};
use crate::source::yaml_spans::Seg;
use crate::source::{FileId, SourceFile, Sources};
use rayon::prelude::*;
use serde::Deserialize;
use serde_yaml::Value;
use std::path::Path;

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
    credibility: Scalar,
    grade: Scalar,
    status: Scalar,
    reason: Option<Scalar>,
    #[serde(default)]
    figures: Vec<RawFigure>,
    #[serde(default)]
    evidence: Vec<RawEvidence>,
    #[serde(default)]
    corroborates: Vec<Scalar>,
    #[serde(default)]
    contradicts: Vec<Scalar>,
}
const CLAIM_FIELDS: &[&str] = &[
    "id",
    "statement",
    "topics",
    "origin",
    "via",
    "date",
    "credibility",
    "grade",
    "status",
    "reason",
    "figures",
    "evidence",
    "corroborates",
    "contradicts",
];

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJudgment {
    #[serde(rename = "where")]
    place: Scalar,
    text: Scalar,
    likelihood: Option<Scalar>,
    confidence: Scalar,
    based_on: Vec<Scalar>,
}
const JUDGMENT_FIELDS: &[&str] = &["where", "text", "likelihood", "confidence", "based_on"];

const TOP_FIELDS: &[&str] = &["date", "claims", "judgments"];
const STATUSES: &[&str] = &["contested", "corroborated", "single-source"];

/// Reads every edition of `root/editions/` (files `NAME.yaml`, by name),
/// registering each file in `sources`. Returns those without problems.
pub fn all(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Vec<Edition> {
    let dir = root.join(super::FOLDER);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<std::path::PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            !name.starts_with('.') && p.is_file()
        })
        .collect();
    paths.sort();
    let mut files = Vec::new();
    for path in paths {
        let read = read_file(root, path);
        let rel = read.rel.clone();
        let name = rel
            .strip_prefix("editions/")
            .and_then(|n| n.strip_suffix(".yaml"));
        let Some(name) = name.map(str::to_string) else {
            diags.push(Diagnostic {
                severity: Severity::Warning,
                ..Diagnostic::at_path(&rel, format!("{rel} is not an edition and is ignored"))
                    .help("editions/ holds the files `dossier edition NAME` writes, NAME.yaml")
            });
            continue;
        };
        if !is_id(&name) {
            diags.push(
                Diagnostic::at_path(&rel, format!("edition name `{name}` is not a valid name"))
                    .help(format!(
                        "name editions with lower-case letters, digits and hyphens, e.g. `{}.yaml` or a date: `2025-08-15.yaml`",
                        crate::load::slugify(&name)
                    )),
            );
            continue;
        }
        if let Some(id) = register(read, sources, diags) {
            files.push((name, id));
        }
    }
    let sources = &*sources;
    let read: Vec<(Option<Edition>, Diagnostics)> = files
        .into_par_iter()
        .map(|(name, id)| {
            let mut d = Diagnostics::default();
            let edition = parse(name, id, sources.get(id), &mut d);
            (edition, d)
        })
        .collect();
    let mut list = Vec::new();
    for (edition, d) in read {
        let ok = d.errors() == 0;
        diags.append(d);
        if ok {
            list.extend(edition);
        }
    }
    list
}

/// Parses edition `name` from its file `src`: as [`super::write`] writes
/// editions, quickly (`fast.rs`), else as YAML.
pub fn parse(
    name: String,
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Edition> {
    if let Some((date, snapshot)) = super::fast::parse(&src.text) {
        return Some(Edition {
            name,
            date,
            snapshot,
        });
    }
    parse_yaml(name, file, src, diags)
}

/// Parses edition `name` from its file `src` as YAML, reporting every
/// problem.
pub fn parse_yaml(
    name: String,
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Edition> {
    let value = parse_value(file, src, diags)?;
    let Value::Mapping(map) = value else {
        diags.push(
            Diagnostic::error(file, src.yaml_spans().value(&[]), "an edition must be a mapping")
                .label("not `date:`, `claims:` and `judgments:`")
                .help("an edition holds `date: YYYY-MM-DD`, `claims:` and `judgments:`, as `dossier edition` writes it"),
        );
        return None;
    };
    let key = |k: &str| [Seg::Key(k.to_string())];
    let mut date = None;
    let mut claims = Vec::new();
    let mut judgments = Vec::new();
    let mut seen_date = false;
    for (k, v) in map {
        let k = match k {
            Value::String(s) => s,
            other => format!("{other:?}"),
        };
        match k.as_str() {
            "date" => {
                seen_date = true;
                date = match typed::<Scalar>(v) {
                    Ok(s) => parse_date(&s, file, || src.yaml_spans().value(&key("date")), diags),
                    Err(e) => {
                        diags.push(type_error(
                            file,
                            src.yaml_spans(),
                            &[],
                            "edition",
                            TOP_FIELDS,
                            &e,
                        ));
                        None
                    }
                };
            }
            "claims" => {
                claims = list(v, "claims", file, src, diags)
                    .map_or_else(Vec::new, |items| read_claims(items, file, src, diags))
            }
            "judgments" => {
                judgments = list(v, "judgments", file, src, diags)
                    .map_or_else(Vec::new, |items| read_judgments(items, file, src, diags))
            }
            _ => {
                let d = Diagnostic::error(
                    file,
                    src.yaml_spans().key(&key(&k)),
                    format!("unknown field `{k}` in edition"),
                )
                .label("not a field of an edition");
                diags.push(match suggest(&k, TOP_FIELDS.iter().copied()) {
                    Some(s) => d.help(format!("did you mean `{s}`?")),
                    None => d.help(format!("expected one of: {}", TOP_FIELDS.join(", "))),
                });
            }
        }
    }
    if !seen_date {
        // At the first field there is.
        let first = ["claims", "judgments"]
            .iter()
            .map(|k| src.yaml_spans().key(&key(k)))
            .filter(|s| !s.is_empty())
            .min_by_key(|s| s.start)
            .unwrap_or(0..0);
        diags.push(
            Diagnostic::error(file, first, "missing field `date` of edition")
                .label("this edition has no `date`")
                .help("add `date: YYYY-MM-DD`, the day the edition was recorded"),
        );
    }
    claims.sort_by(|a: &ClaimSnap, b| a.id.cmp(&b.id));
    duplicates(&claims, file, src, diags);
    if diags.errors() > 0 {
        return None;
    }
    Some(Edition {
        name,
        date: date?,
        snapshot: Snapshot { claims, judgments },
    })
}

/// The items of a list field, or the error that it is not a list.
fn list(
    v: Value,
    key: &str,
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Vec<Value>> {
    match v {
        Value::Sequence(items) => Some(items),
        Value::Null => Some(Vec::new()),
        _ => {
            diags.push(
                Diagnostic::error(
                    file,
                    src.yaml_spans().value(&[Seg::Key(key.to_string())]),
                    format!("`{key}` must be a list"),
                )
                .label("not a list")
                .help(format!(
                    "write `{key}:` followed by one `- …` item per line"
                )),
            );
            None
        }
    }
}

/// Duplicate claim ids (`claims` sorted by id), each reported at its
/// second occurrence with the first.
fn duplicates(claims: &[ClaimSnap], file: FileId, src: &SourceFile, diags: &mut Diagnostics) {
    for pair in claims.windows(2) {
        if pair[0].id == pair[1].id {
            let spans = src.yaml_spans();
            // Where each is: the items whose id it is, in file order.
            let at: Vec<usize> = (0..)
                .map_while(|i| {
                    spans
                        .has(&[Seg::Key("claims".into()), Seg::Index(i)])
                        .then_some(i)
                })
                .filter(|&i| {
                    let s = spans.value(&[
                        Seg::Key("claims".into()),
                        Seg::Index(i),
                        Seg::Key("id".into()),
                    ]);
                    src.text[s].trim_matches(['"', '\'']) == pair[0].id
                })
                .collect();
            let span = |i: usize| {
                spans.value(&[
                    Seg::Key("claims".into()),
                    Seg::Index(i),
                    Seg::Key("id".into()),
                ])
            };
            let (first, second) = match at.as_slice() {
                [a, b, ..] => (span(*a), span(*b)),
                _ => (0..0, 0..0),
            };
            diags.push(
                Diagnostic::error(file, second, format!("claim `{}` is recorded twice", pair[0].id))
                    .label("recorded again here")
                    .related(file, first, "first recorded here")
                    .help("an edition records each claim once; remove one of them, or record the edition again with `dossier edition NAME --force`"),
            );
        }
    }
}

/// Where a problem is: a path under `claims[i]` or `judgments[i]`.
fn path(list: &str, i: usize, rest: &[Seg]) -> Vec<Seg> {
    let mut p = vec![Seg::Key(list.to_string()), Seg::Index(i)];
    p.extend_from_slice(rest);
    p
}

fn k(key: &str) -> Seg {
    Seg::Key(key.to_string())
}

/// The claims of an edition, each checked; those with problems left out.
fn read_claims(
    items: Vec<Value>,
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<ClaimSnap> {
    let done: Vec<(Option<ClaimSnap>, Diagnostics)> = items
        .into_par_iter()
        .enumerate()
        .map(|(i, item)| {
            let mut d = Diagnostics::default();
            let claim = match typed::<RawClaim>(item) {
                Ok(raw) => claim(raw, i, file, src, &mut d),
                Err(e) => {
                    d.push(type_error(
                        file,
                        src.yaml_spans(),
                        &path("claims", i, &[]),
                        "edition claim",
                        CLAIM_FIELDS,
                        &e,
                    ));
                    None
                }
            };
            (claim, d)
        })
        .collect();
    let mut claims = Vec::with_capacity(done.len());
    for (c, d) in done {
        claims.extend(c);
        diags.append(d);
    }
    claims
}

/// An id field: reported unless it is an id.
fn id(
    s: &Scalar,
    what: &str,
    file: FileId,
    at: impl FnOnce() -> crate::source::Span,
    diags: &mut Diagnostics,
) -> String {
    let v = s.trimmed();
    if !is_id(v) {
        diags.push(
            Diagnostic::error(file, at(), format!("invalid {what} `{v}`"))
                .label("not an id")
                .help("ids are lower-case letters, digits and hyphens, as in the content files"),
        );
    }
    v.to_string()
}

/// A list of ids.
fn ids(
    list: &[Scalar],
    key: &str,
    what: &str,
    i: usize,
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<String> {
    list.iter()
        .enumerate()
        .map(|(n, s)| {
            id(
                s,
                what,
                file,
                || {
                    src.yaml_spans()
                        .value(&path("claims", i, &[k(key), Seg::Index(n)]))
                },
                diags,
            )
        })
        .collect()
}

/// One claim of an edition, checked.
fn claim(
    raw: RawClaim,
    i: usize,
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<ClaimSnap> {
    let sp = |rest: &[Seg]| src.yaml_spans().value(&path("claims", i, rest));
    let errors = diags.errors();
    let id_ = id(&raw.id, "claim id", file, || sp(&[k("id")]), diags);
    let date = raw
        .date
        .as_ref()
        .and_then(|d| parse_date(d, file, || sp(&[k("date")]), diags));
    let credibility = match raw.credibility.trimmed().parse::<u8>() {
        Ok(c) if (1..=6).contains(&c) => c,
        _ => {
            diags.push(
                Diagnostic::error(file, sp(&[k("credibility")]), format!("invalid credibility `{}`", raw.credibility.trimmed()))
                    .label("not an Admiralty credibility grade")
                    .help("use a digit 1–6: 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged"),
            );
            0
        }
    };
    let grade = raw.grade.trimmed().to_string();
    let g = grade.as_bytes();
    if !(g.len() == 2 && (b'A'..=b'F').contains(&g[0]) && (b'1'..=b'6').contains(&g[1])) {
        diags.push(
            Diagnostic::error(file, sp(&[k("grade")]), format!("invalid grade `{grade}`"))
                .label("not a grade")
                .help("a grade is the source's reliability A–F and the credibility 1–6: `B2`"),
        );
    }
    let status = parse_vocab(
        raw.status.trimmed(),
        status_of,
        STATUSES,
        "status",
        file,
        || sp(&[k("status")]),
        diags,
    );
    let figures = raw
        .figures
        .iter()
        .enumerate()
        .filter_map(|(n, f)| {
            figure(
                f,
                file,
                &|key: &str| sp(&[k("figures"), Seg::Index(n), k(key)]),
                diags,
            )
        })
        .collect();
    let evidence = raw
        .evidence
        .iter()
        .enumerate()
        .map(|(n, e)| EvidenceSnap {
            article: id(
                &e.article,
                "article",
                file,
                || sp(&[k("evidence"), Seg::Index(n), k("article")]),
                diags,
            ),
            quote: e.quote.0.clone(),
        })
        .collect();
    let claim = ClaimSnap {
        topics: ids(&raw.topics, "topics", "topic", i, file, src, diags),
        origin: id(&raw.origin, "source", file, || sp(&[k("origin")]), diags),
        via: ids(&raw.via, "via", "source", i, file, src, diags),
        corroborates: ids(
            &raw.corroborates,
            "corroborates",
            "claim id",
            i,
            file,
            src,
            diags,
        ),
        contradicts: ids(
            &raw.contradicts,
            "contradicts",
            "claim id",
            i,
            file,
            src,
            diags,
        ),
        id: id_,
        statement: raw.statement.0,
        date,
        credibility,
        grade,
        status: status.unwrap_or(Status::SingleSource),
        reason: raw.reason.map(|r| r.0).unwrap_or_default(),
        figures,
        evidence,
    };
    (diags.errors() == errors).then_some(claim)
}

fn status_of(s: &str) -> Option<Status> {
    match s {
        "contested" => Some(Status::Contested),
        "corroborated" => Some(Status::Corroborated),
        "single-source" => Some(Status::SingleSource),
        _ => None,
    }
}

/// One figure of a claim of an edition, checked as a claims file's.
fn figure(
    f: &RawFigure,
    file: FileId,
    sp: &dyn Fn(&str) -> crate::source::Span,
    diags: &mut Diagnostics,
) -> Option<FigureSnap> {
    let metric = id(&f.metric, "metric", file, || sp("metric"), diags);
    let (low, high, default) = match (f.value, f.low, f.high) {
        (Some(v), None, None) => (v, v, Precision::Exact),
        (None, Some(l), Some(h)) if l <= h => (l, h, Precision::Range),
        (None, Some(l), Some(h)) => {
            diags.push(
                Diagnostic::error(
                    file,
                    sp("low"),
                    format!("figure range is upside down: low {l} > high {h}"),
                )
                .label("low is greater than high")
                .help("swap `low` and `high`"),
            );
            return None;
        }
        _ => {
            diags.push(
                Diagnostic::error(
                    file,
                    sp("metric"),
                    "figure needs `value`, or `low` and `high`",
                )
                .label("in this figure")
                .help("give `value` alone, or `low` and `high`"),
            );
            return None;
        }
    };
    if ![low, high].iter().all(|v| v.is_finite() && *v >= 0.0) {
        diags.push(
            Diagnostic::error(
                file,
                sp(if f.value.is_some() { "value" } else { "low" }),
                "invalid figure number",
            )
            .label("must be a finite number, zero or more")
            .help("write a plain number such as `10000`"),
        );
        return None;
    }
    let precision = match &f.precision {
        Some(p) => parse_vocab(
            p.trimmed(),
            Precision::parse,
            Precision::ALL,
            "precision",
            file,
            || sp("precision"),
            diags,
        )?,
        None => default,
    };
    let status = match &f.status {
        Some(s) => parse_vocab(
            s.trimmed(),
            FigureStatus::parse,
            FigureStatus::ALL,
            "figure status",
            file,
            || sp("status"),
            diags,
        )?,
        None => FigureStatus::Reported,
    };
    let as_of = match &f.as_of {
        Some(d) => Some(parse_date(d, file, || sp("as_of"), diags)?),
        None => None,
    };
    Some(FigureSnap {
        metric,
        value: f.value,
        low,
        high,
        precision,
        status,
        as_of,
    })
}

/// The key judgments of an edition, each checked.
fn read_judgments(
    items: Vec<Value>,
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Vec<JudgmentSnap> {
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let raw = match typed::<RawJudgment>(item) {
            Ok(raw) => raw,
            Err(e) => {
                diags.push(type_error(
                    file,
                    src.yaml_spans(),
                    &path("judgments", i, &[]),
                    "edition judgment",
                    JUDGMENT_FIELDS,
                    &e,
                ));
                continue;
            }
        };
        let sp = |rest: &[Seg]| src.yaml_spans().value(&path("judgments", i, rest));
        let errors = diags.errors();
        let place = match raw.place.trimmed() {
            "_index" => Place::Front,
            _ => Place::Topic(id(
                &raw.place,
                "place (`_index` or a topic id)",
                file,
                || sp(&[k("where")]),
                diags,
            )),
        };
        let likelihood = raw.likelihood.as_ref().and_then(|l| {
            parse_vocab(
                l.trimmed(),
                Likelihood::parse,
                Likelihood::ALL,
                "likelihood",
                file,
                || sp(&[k("likelihood")]),
                diags,
            )
        });
        let confidence = parse_vocab(
            raw.confidence.trimmed(),
            Confidence::parse,
            Confidence::ALL,
            "confidence",
            file,
            || sp(&[k("confidence")]),
            diags,
        );
        let based_on = raw
            .based_on
            .iter()
            .enumerate()
            .map(|(n, s)| {
                id(
                    s,
                    "claim id",
                    file,
                    || sp(&[k("based_on"), Seg::Index(n)]),
                    diags,
                )
            })
            .collect();
        if let (Some(confidence), true) = (confidence, diags.errors() == errors) {
            out.push(JudgmentSnap {
                place,
                text: raw.text.0,
                likelihood,
                confidence,
                based_on,
            });
        }
    }
    out
}
