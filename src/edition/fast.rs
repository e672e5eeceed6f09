//! A reader for editions exactly as [`super::write`] writes them: the
//! fields in their order, one per line, text double-quoted with the
//! writer's escapes, ids plain or quoted, numbers, dates and words of the
//! vocabularies as it writes them. An edition of 100,000 claims is some
//! 50 MB; read through YAML values it takes seconds, read here (its claims
//! in parallel) a fraction of that. Anything else (a comment where the
//! writer puts none, another key order, a hand-made escape, an error)
//! gives `None`, and the caller reads the text as YAML with located
//! errors ([`super::read`]), so what is read never depends on this module:
//! a property test writes random snapshots and mangles the text, and
//! whatever this reader accepts must be what the YAML path reads.

use super::{ClaimSnap, EvidenceSnap, FigureSnap, JudgmentSnap, Place, Snapshot};
use crate::analyse::Status;
use crate::model::{Confidence, FigureStatus, Likelihood, PartialDate, Precision, is_id};
use rayon::prelude::*;

/// Claims read per task.
const CHUNK: usize = 2048;

/// The date and snapshot of an edition written by [`super::write`], or
/// `None` for any other text.
pub fn parse(text: &str) -> Option<(PartialDate, Snapshot)> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    // Empty lines at the end (an editor's, or none at all) mean nothing.
    while lines.last() == Some(&"") {
        lines.pop();
    }
    let mut at = lines.iter().take_while(|l| l.starts_with('#')).count();
    // A character YAML takes for a line break would end a comment early.
    if !lines[..at].iter().all(|l| !l.chars().any(escaped)) {
        return None;
    }
    let date = date(lines.get(at)?.strip_prefix("date: ")?)?;
    at += 1;
    let claims_at = at;
    let judgments_at = claims_at
        + lines[claims_at..]
            .iter()
            .position(|l| l.starts_with("judgments:"))?;
    let claims = match lines[claims_at] {
        "claims: []" if judgments_at == claims_at + 1 => Vec::new(),
        "claims:" => claims(&lines[claims_at + 1..judgments_at])?,
        _ => return None,
    };
    let judgments = match lines[judgments_at] {
        "judgments: []" if judgments_at + 1 == lines.len() => Vec::new(),
        "judgments:" => blocks(&lines[judgments_at + 1..], "- where: ")?
            .into_iter()
            .map(judgment)
            .collect::<Option<_>>()?,
        _ => return None,
    };
    Some((date, Snapshot { claims, judgments }))
}

/// The lines split into blocks, each starting with `start`.
fn blocks<'a>(lines: &'a [&'a str], start: &str) -> Option<Vec<&'a [&'a str]>> {
    if !lines.first()?.starts_with(start) {
        return None;
    }
    let mut out = Vec::new();
    let mut from = 0;
    for (i, l) in lines.iter().enumerate().skip(1) {
        if l.starts_with(start) {
            out.push(&lines[from..i]);
            from = i;
        } else if !l.starts_with("  ") {
            return None;
        }
    }
    out.push(&lines[from..]);
    Some(out)
}

/// Every claim, sorted by id without duplicates (else the YAML path
/// reports them).
fn claims(lines: &[&str]) -> Option<Vec<ClaimSnap>> {
    let blocks = blocks(lines, "- id: ")?;
    let claims: Vec<ClaimSnap> = blocks
        .par_chunks(CHUNK)
        .map(|chunk| chunk.iter().map(|b| claim(b)).collect::<Option<Vec<_>>>())
        .collect::<Option<Vec<Vec<_>>>>()?
        .into_iter()
        .flatten()
        .collect();
    claims
        .windows(2)
        .all(|w| w[0].id < w[1].id)
        .then_some(claims)
}

/// The lines of a block, each `key: value` at its indentation, read in
/// order.
struct Fields<'a> {
    lines: &'a [&'a str],
    at: usize,
}

impl<'a> Fields<'a> {
    /// The value of the next line if it is `{indent}{key}: value`.
    fn take(&mut self, indent: &str, key: &str) -> Option<&'a str> {
        let value = self
            .lines
            .get(self.at)?
            .strip_prefix(indent)?
            .strip_prefix(key)?
            .strip_prefix(": ")?;
        self.at += 1;
        Some(value)
    }

    /// The rest of the next line if it starts with `prefix`.
    fn rest(&mut self, prefix: &str) -> Option<&'a str> {
        let rest = self.lines.get(self.at)?.strip_prefix(prefix)?;
        self.at += 1;
        Some(rest)
    }

    /// Whether the next line is exactly `line` (taken if so).
    fn next_is(&mut self, line: &str) -> bool {
        let is = self.lines.get(self.at) == Some(&line);
        if is {
            self.at += 1;
        }
        is
    }

    fn done(&self) -> bool {
        self.at == self.lines.len()
    }
}

fn claim(block: &[&str]) -> Option<ClaimSnap> {
    let mut f = Fields {
        lines: block,
        at: 0,
    };
    let id = id(f.take("- ", "id")?)?;
    let statement = quoted(f.take("  ", "statement")?)?;
    let topics = ids(f.take("  ", "topics")?)?;
    let origin = self::id(f.take("  ", "origin")?)?;
    let via = f.take("  ", "via").map_or(Some(Vec::new()), ids)?;
    let date = f.take("  ", "date").map(date);
    let date = match date {
        Some(d) => Some(d?),
        None => None,
    };
    let credibility = match f.take("  ", "credibility")?.as_bytes() {
        [d @ b'1'..=b'6'] => d - b'0',
        _ => return None,
    };
    let grade = f.take("  ", "grade")?;
    if !matches!(grade.as_bytes(), [b'A'..=b'F', b'1'..=b'6']) {
        return None;
    }
    let status = match f.take("  ", "status")? {
        "contested" => Status::Contested,
        "corroborated" => Status::Corroborated,
        "single-source" => Status::SingleSource,
        _ => return None,
    };
    let reason = quoted(f.take("  ", "reason")?)?;
    let mut figures = Vec::new();
    if f.next_is("  figures:") {
        while let Some(v) = f.rest("  - { ") {
            figures.push(figure(v)?);
        }
        if figures.is_empty() {
            return None;
        }
    }
    let mut evidence = Vec::new();
    if f.next_is("  evidence:") {
        while let Some(article) = f.take("  - ", "article") {
            evidence.push(EvidenceSnap {
                article: self::id(article)?,
                quote: quoted(f.take("    ", "quote")?)?,
            });
        }
        if evidence.is_empty() {
            return None;
        }
    }
    let corroborates = f.take("  ", "corroborates").map_or(Some(Vec::new()), ids)?;
    let contradicts = f.take("  ", "contradicts").map_or(Some(Vec::new()), ids)?;
    f.done().then_some(ClaimSnap {
        id,
        statement,
        topics,
        origin,
        via,
        date,
        credibility,
        grade: grade.to_string(),
        status,
        reason,
        figures,
        evidence,
        corroborates,
        contradicts,
    })
}

/// `metric: m, value: 600, precision: approx, status: estimated, as_of: 2025-04 }`
/// (after the opening brace), the keys in the writer's order.
fn figure(v: &str) -> Option<FigureSnap> {
    let v = v.strip_suffix(" }")?;
    let mut parts = v.split(", ").peekable();
    let mut take = |key: &str| -> Option<&str> {
        let value = parts.peek()?.strip_prefix(key)?.strip_prefix(": ")?;
        parts.next();
        Some(value)
    };
    let metric = id(take("metric")?)?;
    let (value, low, high, default) = match take("value") {
        Some(x) => {
            let x = number(x)?;
            (Some(x), x, x, Precision::Exact)
        }
        None => {
            let low = number(take("low")?)?;
            let high = number(take("high")?)?;
            if low > high {
                return None;
            }
            (None, low, high, Precision::Range)
        }
    };
    let precision = match take("precision") {
        Some(p) => Precision::parse(p).filter(|&p| p != default)?,
        None => default,
    };
    let status = match take("status") {
        Some(s) => FigureStatus::parse(s).filter(|&s| s != FigureStatus::Reported)?,
        None => FigureStatus::Reported,
    };
    let as_of = match take("as_of") {
        Some(d) => Some(date(d)?),
        None => None,
    };
    // `take` borrows `parts` no more.
    parts.next().is_none().then_some(FigureSnap {
        metric,
        value,
        low,
        high,
        precision,
        status,
        as_of,
    })
}

fn judgment(block: &[&str]) -> Option<JudgmentSnap> {
    let mut f = Fields {
        lines: block,
        at: 0,
    };
    let place = match f.take("- ", "where")? {
        "_index" => Place::Front,
        t => Place::Topic(id(t)?),
    };
    let text = quoted(f.take("  ", "text")?)?;
    let likelihood = match f.take("  ", "likelihood") {
        Some(l) => Some(Likelihood::parse(l)?),
        None => None,
    };
    let confidence = Confidence::parse(f.take("  ", "confidence")?)?;
    let based_on = ids(f.take("  ", "based_on")?)?;
    f.done().then_some(JudgmentSnap {
        place,
        text,
        likelihood,
        confidence,
        based_on,
    })
}

/// A date as the writer writes it: `2025`, `2025-06` or `2025-06-17`.
fn date(v: &str) -> Option<PartialDate> {
    let shape = v.len() == 4 || v.len() == 7 || v.len() == 10;
    (shape && v.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .then(|| PartialDate::parse(v).ok())
        .flatten()
        .filter(|d| d.iso() == v)
}

/// A number as the writer writes it: digits without a leading zero, an
/// optional fraction, and an exponent only after a fraction (`1.0e21`),
/// which YAML reads as the float Rust does.
fn number(v: &str) -> Option<f64> {
    let (mantissa, exponent) = match v.split_once('e') {
        Some((m, e)) => (m, Some(e)),
        None => (v, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let ok = digits(int)
        && (int == "0" || !int.starts_with('0'))
        && frac.is_none_or(digits)
        && exponent.is_none_or(|e| frac.is_some() && digits(e.strip_prefix('-').unwrap_or(e)));
    ok.then(|| v.parse().ok())
        .flatten()
        .filter(|x: &f64| x.is_finite())
}

/// An id, plain as the writer writes one (a letter first, no YAML
/// keyword) or quoted.
fn id(v: &str) -> Option<String> {
    if v.starts_with('"') {
        return quoted(v).filter(|s| is_id(s));
    }
    let plain = v.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        && is_id(v)
        && !matches!(
            v,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    plain.then(|| v.to_string())
}

/// `[a, "2025-b"]`.
fn ids(v: &str) -> Option<Vec<String>> {
    let inner = v.strip_prefix('[')?.strip_suffix(']')?;
    if inner.is_empty() {
        return Some(Vec::new());
    }
    inner.split(", ").map(id).collect()
}

/// `"text"` with the writer's escapes (`\"`, `\\`, `\n`, `\t`, `\uXXXX`)
/// and nothing after the closing quote. Characters the writer escapes are
/// refused raw. Text without an escape (most of it) is copied whole.
fn quoted(v: &str) -> Option<String> {
    let body = v.strip_prefix('"')?.strip_suffix('"')?;
    if !body.bytes().all(|b| b >= 0x20 && b != 0x7f) || needs_escape(body) {
        return None;
    }
    if memchr::memchr2(b'"', b'\\', body.as_bytes()).is_none() {
        return Some(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push(match chars.next()? {
                '"' => '"',
                '\\' => '\\',
                'n' => '\n',
                't' => '\t',
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    if hex.len() != 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                        return None;
                    }
                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?
                }
                _ => return None,
            }),
            '"' => return None,
            c => out.push(c),
        }
    }
    Some(out)
}

/// Whether `s` holds a character beyond ASCII that the writer escapes
/// (U+0080–U+009F, U+2028, U+2029, U+FEFF, U+FFFE, U+FFFF), found by
/// the lead bytes of their UTF-8 forms (0xC2, 0xE2, 0xEF) before decoding.
fn needs_escape(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b).any(|i| {
        s.get(i..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(escaped)
    })
}

/// The characters the writer escapes in text (besides `"` and `\`):
/// control characters, those YAML 1.1 takes for line breaks and those it
/// does not allow.
fn escaped(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{feff}'
        | '\u{fffe}'
        | '\u{ffff}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Diagnostics;
    use crate::edition::read;
    use crate::source::{SourceFile, Sources};
    use proptest::prelude::*;

    /// The edition read from `text`: through [`read::parse`] (this reader
    /// first) and through the YAML path alone.
    fn both(text: &str) -> (Option<Snapshot>, Option<Snapshot>) {
        let mut sources = Sources::default();
        let id = sources.add(SourceFile::new(
            "editions/e.yaml".into(),
            "e".into(),
            text.into(),
        ));
        let src = sources.get(id);
        let read = |f: fn(String, _, _, &mut Diagnostics) -> Option<crate::edition::Edition>| {
            f("e".into(), id, src, &mut Diagnostics::default()).map(|e| e.snapshot)
        };
        (read(read::parse), read(read::parse_yaml))
    }

    fn text() -> impl Strategy<Value = String> {
        "[a-zA-Zé½🙂 \"\\\\\n\t\u{2028}\u{85}\u{feff}\u{1}#:'{},\\[\\]-]{0,12}"
    }

    fn id() -> impl Strategy<Value = String> {
        "[a-z][a-z0-9-]{0,5}|[0-9][a-z0-9-]{0,4}|true|null"
    }

    fn figure() -> impl Strategy<Value = FigureSnap> {
        let numbers = prop::sample::select(vec![0.0, 0.5, 600.0, 10_000.0, 1e21, 1e-7, 12.25]);
        (
            id(),
            numbers.clone(),
            numbers,
            any::<bool>(),
            0..5usize,
            0..4usize,
        )
            .prop_map(|(metric, a, b, single, p, st)| {
                let (low, high) = if a <= b { (a, b) } else { (b, a) };
                FigureSnap {
                    metric,
                    value: single.then_some(low),
                    low,
                    high: if single { low } else { high },
                    precision: Precision::parse(Precision::ALL[p]).unwrap(),
                    status: FigureStatus::parse(FigureStatus::ALL[st]).unwrap(),
                    as_of: single.then(|| PartialDate::parse("2025-04").unwrap()),
                }
            })
    }

    fn claim() -> impl Strategy<Value = ClaimSnap> {
        (
            id(),
            text(),
            prop::collection::vec(id(), 0..3),
            prop::collection::vec(figure(), 0..3),
            prop::collection::vec((id(), text()), 0..3),
            1..=6u8,
            0..3usize,
        )
            .prop_map(|(id, statement, ids, figures, evidence, credibility, s)| {
                ClaimSnap {
                    id,
                    statement: statement.clone(),
                    topics: ids.clone(),
                    origin: "o".into(),
                    via: ids.clone(),
                    date: (s == 1).then(|| PartialDate::parse("2025-06-17").unwrap()),
                    credibility,
                    grade: format!("C{credibility}"),
                    status: [
                        Status::Contested,
                        Status::Corroborated,
                        Status::SingleSource,
                    ][s],
                    reason: statement,
                    figures,
                    evidence: evidence
                        .into_iter()
                        .map(|(article, quote)| EvidenceSnap { article, quote })
                        .collect(),
                    corroborates: ids,
                    contradicts: Vec::new(),
                }
            })
    }

    fn snapshot() -> impl Strategy<Value = Snapshot> {
        (
            prop::collection::vec(claim(), 0..4),
            prop::collection::vec((text(), prop::option::of(0..7usize), id()), 0..3),
        )
            .prop_map(|(mut claims, judgments)| {
                claims.sort_by(|a, b| a.id.cmp(&b.id));
                claims.dedup_by(|a, b| a.id == b.id);
                Snapshot {
                    claims,
                    judgments: judgments
                        .into_iter()
                        .enumerate()
                        .map(|(k, (text, l, on))| JudgmentSnap {
                            place: if k == 0 {
                                Place::Front
                            } else {
                                Place::Topic(on.clone())
                            },
                            text,
                            likelihood: l.map(|l| Likelihood::parse(Likelihood::ALL[l]).unwrap()),
                            confidence: Confidence::Moderate,
                            based_on: vec![on],
                        })
                        .collect(),
                }
            })
    }

    /// A small edit of the text: a character inserted or removed, or a
    /// line removed, repeated or swapped with the next.
    fn mangle(text: &str, kind: usize, at: usize, c: char) -> String {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let i = bounds.get(at % bounds.len().max(1)).copied().unwrap_or(0);
        let mut lines: Vec<&str> = text.split('\n').collect();
        let n = at % lines.len();
        match kind {
            0 => [&text[..i], &c.to_string(), &text[i..]].concat(),
            1 => {
                let end = text[i..].chars().next().map_or(i, |ch| i + ch.len_utf8());
                [&text[..i], &text[end..]].concat()
            }
            2 => {
                lines.remove(n);
                lines.join("\n")
            }
            3 => {
                lines.insert(n, lines[n]);
                lines.join("\n")
            }
            _ => {
                if n + 1 < lines.len() {
                    lines.swap(n, n + 1);
                }
                lines.join("\n")
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// What the writer writes, this reader reads, as the YAML path does.
        #[test]
        fn written_editions_read_back(snap in snapshot()) {
            let text = super::super::write::edition_text("e", PartialDate::parse("2025-08-15").unwrap(), &snap);
            let (fast, yaml) = (parse(&text).map(|(_, s)| s), both(&text).1);
            prop_assert_eq!(fast.as_ref(), Some(&snap), "{}", text);
            prop_assert_eq!(yaml.as_ref(), Some(&snap), "{}", text);
        }

        /// Whatever this reader makes of a mangled edition is what the YAML
        /// path makes of it (or it leaves the text to the YAML path).
        #[test]
        fn never_disagrees_with_the_yaml_path(
            snap in snapshot(),
            edits in prop::collection::vec((0..5usize, any::<usize>(), prop::sample::select(vec!['"', '\\', ' ', '\n', '#', ':', 'x', '1', '-', '[', '\u{2028}'])), 1..3),
        ) {
            let mut text = super::super::write::edition_text("e", PartialDate::parse("2025-08-15").unwrap(), &snap);
            for (kind, at, c) in edits {
                text = mangle(&text, kind, at, c);
            }
            if parse(&text).is_some() {
                let (with_fast, yaml) = both(&text);
                prop_assert_eq!(with_fast, yaml, "{}", text);
            }
        }
    }
}
