//! An edition as text: the YAML `editions/NAME.yaml` holds. Deterministic
//! (claims by id, judgments in the dossier's order, fields in a fixed
//! order, no field left at its default) and made to read well in a diff:
//! one claim per block, one field per line, a figure per line as in the
//! claims files. Text is always double-quoted, with every character a YAML
//! reader could take for a line break or leave out escaped, so that the
//! file reads back as exactly what was written ([`super::read`]; a test
//! checks the round trip with serde_yaml as the reference).
//!
//! ```yaml
//! date: 2025-06-30
//! claims:
//! - id: nis-killed-600
//!   statement: "South Korean intelligence says …"
//!   topics: [casualties]
//!   origin: nis
//!   date: 2025-04-30
//!   credibility: 2
//!   grade: B2
//!   status: corroborated
//!   reason: "independent origins: nis, outlet-drone-factory-workers"
//!   figures:
//!   - { metric: troops-killed, value: 600, precision: approx, status: estimated, as_of: 2025-04 }
//!   evidence:
//!   - article: shoigu-kursk-pledge
//!     quote: "…"
//!   corroborates: [troops-thousands-heavy-toll]
//! judgments:
//! - where: _index
//!   text: "…"
//!   likelihood: likely
//!   confidence: moderate
//!   based_on: [nis-troops-18000, troops-10-12k]
//! ```

use super::{ClaimSnap, FigureSnap, JudgmentSnap, Snapshot};
use crate::model::{FigureStatus, PartialDate, Precision};
use std::fmt::Write;

/// The text of edition `name`, dated `date`, recording `snap`.
pub fn edition_text(name: &str, date: PartialDate, snap: &Snapshot) -> String {
    let mut out = String::with_capacity(64 + snap.claims.len() * 700);
    out.push_str("# Edition ");
    out.push_str(name);
    out.push_str(" of this dossier: its claims and key judgments as they stood, written by\n# `dossier edition`. `dossier build` shows what changed since its latest edition.\n");
    let _ = writeln!(out, "date: {}", date.iso());
    if snap.claims.is_empty() {
        out.push_str("claims: []\n");
    } else {
        out.push_str("claims:\n");
        for c in &snap.claims {
            claim(&mut out, c);
        }
    }
    if snap.judgments.is_empty() {
        out.push_str("judgments: []\n");
    } else {
        out.push_str("judgments:\n");
        for j in &snap.judgments {
            judgment(&mut out, j);
        }
    }
    out
}

fn claim(out: &mut String, c: &ClaimSnap) {
    out.push_str("- id: ");
    id(out, &c.id);
    field_text(out, "  ", "statement", &c.statement);
    ids_field(out, "topics", &c.topics);
    out.push_str("\n  origin: ");
    id(out, &c.origin);
    if !c.via.is_empty() {
        ids_field(out, "via", &c.via);
    }
    if let Some(d) = c.date {
        out.push_str("\n  date: ");
        out.push_str(&d.iso());
    }
    let _ = write!(
        out,
        "\n  credibility: {}\n  grade: {}\n  status: {}",
        c.credibility,
        c.grade,
        c.status.slug()
    );
    field_text(out, "  ", "reason", &c.reason);
    if !c.figures.is_empty() {
        out.push_str("\n  figures:");
        for f in &c.figures {
            out.push_str("\n  - ");
            figure(out, f);
        }
    }
    if !c.evidence.is_empty() {
        out.push_str("\n  evidence:");
        for e in &c.evidence {
            out.push_str("\n  - article: ");
            id(out, &e.article);
            field_text(out, "    ", "quote", &e.quote);
        }
    }
    if !c.corroborates.is_empty() {
        ids_field(out, "corroborates", &c.corroborates);
    }
    if !c.contradicts.is_empty() {
        ids_field(out, "contradicts", &c.contradicts);
    }
    out.push('\n');
}

/// `{ metric: m, value: 600, precision: approx, status: estimated, as_of: 2025-04 }`:
/// the precision and status only when not the defaults a claims file
/// gives them (`exact`, or `range` for a pair of bounds; `reported`).
pub fn figure(out: &mut String, f: &FigureSnap) {
    out.push_str("{ metric: ");
    id(out, &f.metric);
    let range_default = match f.value {
        Some(v) => {
            out.push_str(", value: ");
            number(out, v);
            false
        }
        None => {
            out.push_str(", low: ");
            number(out, f.low);
            out.push_str(", high: ");
            number(out, f.high);
            true
        }
    };
    let default = if range_default {
        Precision::Range
    } else {
        Precision::Exact
    };
    if f.precision != default {
        out.push_str(", precision: ");
        out.push_str(f.precision.as_str());
    }
    if f.status != FigureStatus::Reported {
        out.push_str(", status: ");
        out.push_str(f.status.as_str());
    }
    if let Some(d) = f.as_of {
        out.push_str(", as_of: ");
        out.push_str(&d.iso());
    }
    out.push_str(" }");
}

fn judgment(out: &mut String, j: &JudgmentSnap) {
    out.push_str("- where: ");
    match &j.place {
        super::Place::Front => out.push_str("_index"),
        super::Place::Topic(t) => id(out, t),
    }
    field_text(out, "  ", "text", &j.text);
    if let Some(l) = j.likelihood {
        out.push_str("\n  likelihood: ");
        out.push_str(l.as_str());
    }
    out.push_str("\n  confidence: ");
    out.push_str(j.confidence.as_str());
    ids_field(out, "based_on", &j.based_on);
    out.push('\n');
}

/// `\n{indent}{key}: "text"`.
fn field_text(out: &mut String, indent: &str, key: &str, text: &str) {
    out.push('\n');
    out.push_str(indent);
    out.push_str(key);
    out.push_str(": ");
    quoted(out, text);
}

/// `\n  key: [a, b]`.
fn ids_field(out: &mut String, key: &str, ids: &[String]) {
    out.push_str("\n  ");
    out.push_str(key);
    out.push_str(": [");
    for (k, i) in ids.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        id(out, i);
    }
    out.push(']');
}

/// An id, plain when YAML reads it as that text (it starts with a letter
/// and is no YAML keyword), else quoted: `2025-report`, `true`.
pub fn id(out: &mut String, id: &str) {
    let plain = id.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !matches!(
            id,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        out.push_str(id);
    } else {
        quoted(out, id);
    }
}

/// A number as YAML reads it back to the same `f64`: the shortest form
/// that does (`600`, `0.5`), in exponent form with a point beyond 10^15
/// (`1.0e21`), which every YAML reader takes for a float.
pub fn number(out: &mut String, v: f64) {
    if v.abs() < 1e15 {
        let _ = write!(out, "{v}");
    } else {
        let e = format!("{v:e}");
        match e.split_once('e') {
            Some((m, x)) if !m.contains('.') => {
                let _ = write!(out, "{m}.0e{x}");
            }
            _ => out.push_str(&e),
        }
    }
}

/// `"text"`: YAML double-quoted, escaping `"` and `\`, control characters,
/// the characters YAML 1.1 takes for line breaks (U+0085, U+2028, U+2029)
/// and those it does not allow in a document (U+FEFF, U+FFFE, U+FFFF).
pub fn quoted(out: &mut String, text: &str) {
    out.push('"');
    let mut from = 0;
    for (i, c) in text.char_indices() {
        let escape = match c {
            '"' => Some("\\\"".to_string()),
            '\\' => Some("\\\\".to_string()),
            '\n' => Some("\\n".to_string()),
            '\t' => Some("\\t".to_string()),
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => Some(format!("\\u{:04x}", u32::from(c))),
            _ => None,
        };
        if let Some(e) = escape {
            out.push_str(&text[from..i]);
            out.push_str(&e);
            from = i + c.len_utf8();
        }
    }
    out.push_str(&text[from..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::Status;
    use crate::diagnostic::Diagnostics;
    use crate::edition::{EvidenceSnap, Place, read};
    use crate::model::{Confidence, Likelihood};
    use crate::source::SourceFile;

    /// Text YAML readers are known to get wrong when written carelessly.
    const AWKWARD: &[&str] = &[
        "He said \"no\" \\ and left",
        "two\nlines\tand a tab",
        "line\u{2028}separator\u{2029}and\u{85}next line",
        "\u{feff}byte order mark, \u{1} control, \u{7f} delete",
        "  spaces around  ",
        "# not a comment",
        "- not an item",
        "key: not a mapping",
        "'single quotes'",
        "",
        "no-break\u{a0}space, thin\u{2009}space, 🙂, ½",
        "1e5",
        "true",
    ];

    fn sample() -> Snapshot {
        let mut claims: Vec<ClaimSnap> = AWKWARD
            .iter()
            .enumerate()
            .map(|(i, text)| ClaimSnap {
                id: format!("c-{i:02}"),
                statement: (*text).into(),
                topics: vec!["t".into(), "2025-report".into()],
                origin: "true".into(),
                via: vec!["null".into()],
                date: PartialDate::parse(["2025", "2025-06", "2025-06-17"][i % 3]).ok(),
                credibility: 1 + (i % 6) as u8,
                grade: "B2".into(),
                status: [
                    Status::Contested,
                    Status::Corroborated,
                    Status::SingleSource,
                ][i % 3],
                reason: (*text).into(),
                figures: vec![
                    FigureSnap {
                        metric: "m".into(),
                        value: Some([600.0, 0.1, 1e21, 123_456_789.25, 1e-7, 0.0][i % 6]),
                        low: 0.0,
                        high: 0.0,
                        precision: Precision::Approx,
                        status: FigureStatus::Estimated,
                        as_of: PartialDate::parse("2025-04").ok(),
                    },
                    FigureSnap {
                        metric: "1e5".into(),
                        value: None,
                        low: 10_000.0,
                        high: 12_000.5,
                        precision: Precision::Range,
                        status: FigureStatus::Reported,
                        as_of: None,
                    },
                ],
                evidence: vec![EvidenceSnap {
                    article: "a".into(),
                    quote: (*text).into(),
                }],
                corroborates: vec!["c-00".into()],
                contradicts: vec![],
            })
            .collect();
        for c in &mut claims {
            let v = c.figures[0].value.unwrap_or_default();
            (c.figures[0].low, c.figures[0].high) = (v, v);
        }
        Snapshot {
            claims,
            judgments: vec![
                JudgmentSnap {
                    place: Place::Front,
                    text: AWKWARD[0].into(),
                    likelihood: Some(Likelihood::AlmostCertain),
                    confidence: Confidence::High,
                    based_on: vec!["c-00".into()],
                },
                JudgmentSnap {
                    place: Place::Topic("t".into()),
                    text: AWKWARD[1].into(),
                    likelihood: None,
                    confidence: Confidence::Low,
                    based_on: vec!["c-01".into(), "c-02".into()],
                },
            ],
        }
    }

    fn read_back(text: &str) -> (Option<crate::edition::Edition>, String) {
        let mut sources = crate::source::Sources::default();
        let id = sources.add(SourceFile::new(
            "editions/e.yaml".into(),
            "e".into(),
            text.into(),
        ));
        let mut diags = Diagnostics::default();
        let e = read::parse("e".into(), id, sources.get(id), &mut diags);
        (e, diags.render(&sources))
    }

    #[test]
    fn an_edition_reads_back_as_the_snapshot_it_was_written_from() {
        let snap = sample();
        let date = PartialDate::parse("2025-08-15").unwrap();
        let text = edition_text("e", date, &snap);
        let (edition, diags) = read_back(&text);
        let edition = edition.unwrap_or_else(|| panic!("{diags}\n{text}"));
        assert_eq!(edition.snapshot, snap);
        assert_eq!(edition.date, date);
        // The fast reader reads the whole file, and reads what serde_yaml
        // reads (the reference).
        let quick = crate::load::yaml::quick::parse(&text).expect("the quick reader reads it");
        let reference: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(quick, reference);
        // Written again, the same bytes.
        assert_eq!(edition_text("e", date, &edition.snapshot), text);
    }

    #[test]
    fn one_claim_per_block_one_field_per_line() {
        let snap = Snapshot {
            claims: sample().claims.into_iter().take(1).collect(),
            judgments: vec![],
        };
        let text = edition_text(
            "2025-08-15",
            PartialDate::parse("2025-08-15").unwrap(),
            &snap,
        );
        let body: Vec<&str> = text.lines().skip_while(|l| l.starts_with('#')).collect();
        assert_eq!(
            body,
            [
                "date: 2025-08-15",
                "claims:",
                "- id: c-00",
                "  statement: \"He said \\\"no\\\" \\\\ and left\"",
                "  topics: [t, \"2025-report\"]",
                "  origin: \"true\"",
                "  via: [\"null\"]",
                "  date: 2025",
                "  credibility: 1",
                "  grade: B2",
                "  status: contested",
                "  reason: \"He said \\\"no\\\" \\\\ and left\"",
                "  figures:",
                "  - { metric: m, value: 600, precision: approx, status: estimated, as_of: 2025-04 }",
                "  - { metric: \"1e5\", low: 10000, high: 12000.5 }",
                "  evidence:",
                "  - article: a",
                "    quote: \"He said \\\"no\\\" \\\\ and left\"",
                "  corroborates: [c-00]",
                "judgments: []",
            ]
        );
    }

    #[test]
    fn numbers_read_back_to_the_same_value() {
        for v in [0.0, 0.1, 600.0, 1e15, 1e21, 1.5e300, 123_456_789.25, 1e-7] {
            let mut s = String::new();
            number(&mut s, v);
            let read: f64 = serde_yaml::from_str(&s).unwrap();
            assert_eq!(read, v, "{s}");
            assert!(
                crate::load::yaml::quick::parse(&format!("x: {s}")).is_some(),
                "{s}"
            );
        }
    }

    #[test]
    fn a_malformed_edition_is_reported_where_it_is() {
        let text = "date: 2025-02-30\nclaims:\n- id: a\n  statment: \"x\"\n";
        let (edition, diags) = read_back(text);
        assert!(edition.is_none());
        assert!(diags.contains("editions/e.yaml:1:7"), "{diags}");
        assert!(diags.contains("February 2025 has 28 days"), "{diags}");
        assert!(diags.contains("editions/e.yaml:4:3"), "{diags}");
        assert!(diags.contains("did you mean `statement`?"), "{diags}");
    }
}
