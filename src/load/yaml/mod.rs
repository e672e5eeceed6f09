//! YAML read into typed structs, with located diagnostics. serde_yaml
//! turns text into raw structs (rejecting unknown fields); its syntax and
//! type errors are turned into diagnostics that point at the node they
//! concern, found in the file's span table
//! ([`SourceFile::yaml_spans`]). [`parse_items`] deserialises a YAML list
//! item by item so one bad claim does not hide the problems of the others,
//! and tells every type error of an item, not only its first (`more`).

mod more;
pub mod quick;

use crate::diagnostic::{Diagnostic, Diagnostics, Mask, suggest};
use crate::source::yaml_spans::{MAX_DEPTH, Seg, SpanMap};
use crate::source::{FileId, SourceFile};
use serde::de::DeserializeOwned;
use yaml_rust2::parser::{Event, Parser};

/// The error for a text that nests deeper than [`MAX_DEPTH`].
pub fn too_deep_error(file: FileId, at: usize) -> Diagnostic {
    Diagnostic::error(
        file,
        at..at + 1,
        format!("YAML nested more than {MAX_DEPTH} levels deep"),
    )
    .label("too deep here")
    .help("claims, sources and front matter need only a few levels of nesting; check the indentation and the brackets")
}

/// Reports a serde_yaml syntax error at the position it names. When that
/// position is the end of the text ("unexpected end of stream"), the error
/// points where the unfinished construct (e.g. an unclosed quote) starts.
/// Aliases that expand too far ("billion laughs") point at the first alias.
pub fn syntax_error(
    file: FileId,
    src: &SourceFile,
    base: usize,
    err: &serde_yaml::Error,
) -> Diagnostic {
    // serde_yaml positions: 1-based line and column within the YAML text.
    let to_offset = |line: usize, column: usize| -> usize {
        let first_line = src.line_index(base) + 1;
        let col0 = if line == 1 {
            src.line_col(base).1 - 1
        } else {
            0
        };
        src.clamp(src.offset_of(first_line + line - 1, column + col0))
    };
    let full = err.to_string();
    if full.starts_with("repetition limit exceeded") {
        let at = first_alias(src, base).map_or(base, |(l, c)| to_offset(l, c));
        let end = src.clamp(at + 1);
        return Diagnostic::error(
            file,
            at..end.max(at),
            "YAML aliases expand too far (repetition limit exceeded)",
        )
        .label("aliases start expanding here")
        .help("YAML anchors and aliases (`&a`, `*a`) expand too far here; write the values out");
    }
    let mut at = err
        .location()
        .map_or(src.clamp(base), |loc| to_offset(loc.line(), loc.column()));
    // The problem alone: before its position and its context.
    let problem_end = [" at line ", " at position ", ", "]
        .iter()
        .filter_map(|sep| full.find(sep))
        .min()
        .unwrap_or(full.len());
    let mut msg = full[..problem_end].to_string();
    if let Some((context, mark)) = syntax_context(&full) {
        let blank = src.line_text(src.line_index(at)).trim().is_empty();
        if let Some((line, column)) = mark
            && (blank || msg.contains("end of stream"))
        {
            at = to_offset(line, column);
        }
        msg = format!("{msg}, {context}");
    }
    let end = src.clamp(at + 1);
    let help = if msg.contains("recursion limit") {
        "lists and mappings are nested too deeply here; check the indentation and the brackets"
    } else {
        "check indentation, the `key: value` form and matching quotes; strings containing `: ` or starting with a special character need quotes"
    };
    Diagnostic::error(file, at..end.max(at), format!("YAML syntax error: {msg}"))
        .label("here")
        .help(help)
}

/// The context of a libyaml error (`…, while scanning a quoted scalar at
/// line 2 column 9`): its text and its 1-based line and column.
fn syntax_context(full: &str) -> Option<(&str, Option<(usize, usize)>)> {
    let context = match full.find(" at line ") {
        // After the problem's own position (`… at line 4 column 1, `).
        Some(i) => {
            let after = &full[i..];
            &after[after.find(", ")? + 2..]
        }
        None => full.split_once(", ")?.1,
    };
    let (text, mark) = match context.split_once(" at line ") {
        Some((text, mark)) => {
            let (line, column) = mark.split_once(" column ")?;
            let column = column.split(|c: char| !c.is_ascii_digit()).next()?;
            (text, line.parse().ok().zip(column.parse().ok()))
        }
        None => (context, None),
    };
    Some((text, mark))
}

/// 1-based line and column (within the YAML text at `base`) of the first
/// alias (`*a`), read with yaml-rust2, which does not expand aliases.
fn first_alias(src: &SourceFile, base: usize) -> Option<(usize, usize)> {
    let mut parser = Parser::new_from_str(&src.text[base..]);
    loop {
        match parser.next_token() {
            Ok((Event::Alias(_), marker)) => return Some((marker.line(), marker.col() + 1)),
            Ok((Event::StreamEnd, _)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// More flow collections (`[`, `{`) than this in one file and the nesting
/// is checked before serde_yaml reads it: libyaml takes time quadratic in
/// the depth of nested flow collections (20,000 nested `{a: ` take 3 s),
/// and the depth is at most the number of openers. Below it the worst case
/// costs a few milliseconds, and the span table is built only if a
/// problem needs a position.
const FLOW_OPENERS_CHECKED: usize = 2_000;

/// Whether `text` could nest flow collections deeply enough to be slow.
fn many_flow_openers(text: &str) -> bool {
    memchr::memchr2_iter(b'[', b'{', text.as_bytes())
        .nth(FLOW_OPENERS_CHECKED)
        .is_some()
}

/// Reports the text of `src` as nested too deeply, if it is: the one
/// error for the file.
fn too_deep(file: FileId, src: &SourceFile, diags: &mut Diagnostics) -> bool {
    match src.yaml_spans().too_deep() {
        Some(at) => {
            diags.push(too_deep_error(file, at));
            true
        }
        None => false,
    }
}

/// Parses the whole YAML text of `src` into a value: the plain YAML
/// content files are written in quickly ([`quick`]), the rest, and every
/// error, by serde_yaml. A syntax error (or nesting too deep) is reported
/// and gives `None`.
pub fn parse_value(
    file: FileId,
    src: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<serde_yaml::Value> {
    // Too deep: the one error for the file, as before any parse.
    if many_flow_openers(&src.text) && too_deep(file, src, diags) {
        return None;
    }
    match quick::parse(&src.text)
        .map_or_else(|| serde_yaml::from_str::<serde_yaml::Value>(&src.text), Ok)
    {
        Ok(v) => Some(v),
        Err(e) => {
            if !too_deep(file, src, diags) {
                diags.push(syntax_error(file, src, 0, &e));
            }
            None
        }
    }
}

/// Parses a whole-file YAML text that must be a list, each item
/// deserialised as `T`. Returns `(index, item)` for items that parsed;
/// reports the others. The file's span table ([`SourceFile::yaml_spans`])
/// is built only when a problem is reported: a valid file is parsed once.
pub fn parse_items<T: DeserializeOwned>(
    file: FileId,
    src: &SourceFile,
    what: &str,
    fields: &[&str],
    diags: &mut Diagnostics,
) -> Vec<(usize, T)> {
    let too_deep = |diags: &mut Diagnostics| too_deep(file, src, diags);
    let Some(value) = parse_value(file, src, diags) else {
        return Vec::new();
    };
    let items = match value {
        serde_yaml::Value::Sequence(items) => items,
        serde_yaml::Value::Null => return Vec::new(),
        _ => {
            if too_deep(diags) {
                return Vec::new();
            }
            diags.push(
                Diagnostic::error(
                    file,
                    src.yaml_spans().value(&[]),
                    format!("expected a list of {what}s"),
                )
                .label("this is not a list")
                .help(format!(
                    "write each {what} as a list item starting with `- id: …`"
                )),
            );
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut failed = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match untraced::<T>(item) {
            Ok(v) => out.push((i, v)),
            Err(_) => failed.push(i),
        }
    }
    // Every item of the content format is a few levels deep, so a text
    // nested too deeply always has an item that fails.
    if !failed.is_empty() {
        if too_deep(diags) {
            return Vec::new();
        }
        let spans = src.yaml_spans();
        // The items again (the first ones were used up), for their other
        // failures.
        let again = match parse_value(file, src, &mut Diagnostics::default()) {
            Some(serde_yaml::Value::Sequence(items)) => items,
            _ => Vec::new(),
        };
        for i in failed {
            let at = [Seg::Index(i)];
            let Some(item) = again.get(i) else {
                // Not reached: the same text parses to the same items.
                let d = Diagnostic::error(
                    file,
                    spans.value(&at),
                    format!("this {what} cannot be read"),
                )
                .help(format!(
                    "write each {what} as a list item starting with `- id: …`"
                ));
                diags.push(d);
                continue;
            };
            // Deserialised again, keeping where it fails.
            let e = match typed::<T>(item.clone()) {
                Err(e) => e,
                Ok(v) => {
                    out.push((i, v));
                    continue;
                }
            };
            let (errors, recovered) = recover::<T>(file, spans, &at, (what, fields), item, &e);
            diags.extend(errors);
            if let Some((typed, mask)) = recovered {
                if let Some(mask) = mask {
                    diags.mask(mask);
                }
                out.push((i, typed));
            }
        }
        out.sort_by_key(|(i, _)| *i);
    }
    out
}

/// Every type error of the entry `value` at `path`, whose first is
/// `first` (`what` it is and its `fields`, for the messages), and the
/// entry as read once the fields that failed are taken out, with the
/// [`Mask`] its other problems are to be told through (`None` when only
/// unknown fields were taken out): see `more`.
pub fn recover<T: DeserializeOwned>(
    file: FileId,
    spans: &SpanMap,
    path: &[Seg],
    (what, fields): (&str, &[&str]),
    value: &serde_yaml::Value,
    first: &serde_path_to_error::Error<serde_yaml::Error>,
) -> (Vec<Diagnostic>, Option<(T, Option<Mask>)>) {
    let (more, recovered) = more::failures::<T>(value.clone(), first);
    let errors = std::iter::once(first)
        .chain(&more)
        .map(|e| type_error(file, spans, path, what, fields, e))
        .collect();
    let recovered = recovered.map(|r| {
        let mask = (!r.touched.is_empty()).then(|| mask(file, spans, path, value, &r.touched));
        (r.item, mask)
    });
    (errors, recovered)
}

/// The [`Mask`] of an entry at `path` read without its `touched` fields:
/// the fields left in are those of `value` (the entry as written) but
/// those.
fn mask(
    file: FileId,
    spans: &SpanMap,
    path: &[Seg],
    value: &serde_yaml::Value,
    touched: &[String],
) -> Mask {
    // The entry runs to the next item of its list, or to the end of the
    // text (a list or mapping's own span is its first character alone).
    let end = match path.split_last() {
        Some((Seg::Index(i), parent)) => {
            let next: Vec<Seg> = parent.iter().cloned().chain([Seg::Index(i + 1)]).collect();
            if spans.has(&next) {
                spans.value(&next).start
            } else {
                spans.end()
            }
        }
        _ => spans.end(),
    };
    let start = if path.is_empty() {
        spans.whole().start
    } else {
        spans.value(path).start
    };
    // Each field runs from its key to the next field's key.
    let mut fields: Vec<(usize, bool)> = value
        .as_mapping()
        .into_iter()
        .flat_map(|m| m.keys())
        .filter_map(|k| k.as_str())
        .map(|k| {
            let at: Vec<Seg> = path
                .iter()
                .cloned()
                .chain([Seg::Key(k.to_string())])
                .collect();
            (spans.key(&at).start, !touched.iter().any(|t| t == k))
        })
        .collect();
    fields.sort_unstable();
    let keep = fields
        .iter()
        .enumerate()
        .filter(|(_, (_, kept))| *kept)
        .map(|(n, (from, _))| *from..fields.get(n + 1).map_or(end, |f| f.0))
        .collect();
    Mask {
        file,
        within: start.min(fields.first().map_or(start, |f| f.0))..end,
        keep,
    }
}

/// Deserialises one value, without keeping where it fails: as fast as
/// serde_yaml goes. A caller whose value fails parses its text again (the
/// value is used up) and calls [`typed`] for the path of the failure.
pub fn untraced<T: DeserializeOwned>(value: serde_yaml::Value) -> Result<T, serde_yaml::Error> {
    T::deserialize(value)
}

/// Deserialises one value, keeping the path of the first failure.
pub fn typed<T: DeserializeOwned>(
    value: serde_yaml::Value,
) -> Result<T, serde_path_to_error::Error<serde_yaml::Error>> {
    serde_path_to_error::deserialize(value)
}

/// Turns a typed-deserialisation failure into a located diagnostic.
pub fn type_error(
    file: FileId,
    spans: &SpanMap,
    prefix: &[Seg],
    what: &str,
    fields: &[&str],
    err: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Diagnostic {
    let mut path: Vec<Seg> = prefix.to_vec();
    for seg in err.path().iter() {
        match seg {
            serde_path_to_error::Segment::Seq { index } => path.push(Seg::Index(*index)),
            serde_path_to_error::Segment::Map { key } => path.push(Seg::Key(key.clone())),
            serde_path_to_error::Segment::Enum { variant } => path.push(Seg::Key(variant.clone())),
            serde_path_to_error::Segment::Unknown => {}
        }
    }
    let inner = err.inner().to_string();
    let inner = inner
        .split(" at line ")
        .next()
        .unwrap_or(&inner)
        .to_string();
    let field_path = path_text(&path[prefix.len()..]);
    if let Some(rest) = inner.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or("");
        let mut key_path = path.clone();
        if key_path.last() != Some(&Seg::Key(name.to_string())) {
            key_path.push(Seg::Key(name.to_string()));
        }
        let expected: Vec<&str> = expected_fields(&inner).unwrap_or_else(|| fields.to_vec());
        let mut d = Diagnostic::error(
            file,
            spans.key(&key_path),
            format!("unknown field `{name}` in {what}"),
        )
        .label("not a field of this entry");
        d = match suggest(name, expected.iter().copied()) {
            Some(s) => d.help(format!("did you mean `{s}`?")),
            None => d.help(format!("expected one of: {}", expected.join(", "))),
        };
        return d;
    }
    if let Some(rest) = inner.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        let span = if spans.has(&path) {
            spans.key(&path)
        } else {
            spans.value(&path)
        };
        let place = if field_path.is_empty() {
            String::new()
        } else {
            format!(" in `{field_path}`")
        };
        return Diagnostic::error(
            file,
            span,
            format!("missing field `{name}`{place} of {what}"),
        )
        .label(format!("this entry has no `{name}`"))
        .help(format!(
            "add `{name}: …`; see the content format in the README"
        ));
    }
    let span = spans.value(&path);
    let place = if field_path.is_empty() {
        what.to_string()
    } else {
        format!("`{field_path}` of {what}")
    };
    if inner.starts_with("invalid type: unit value") {
        // `quote:` with nothing after it (the span is the key's).
        return Diagnostic::error(file, span, format!("no value for {place}"))
            .label("nothing after the colon")
            .help("write the value after the colon, or remove the line");
    }
    Diagnostic::error(file, span, format!("wrong value for {place}: {inner}"))
        .label("this value")
        .help(type_hint(&inner))
}

fn expected_fields(msg: &str) -> Option<Vec<&str>> {
    let list = msg.split_once("expected one of ")?.1;
    Some(list.split(", ").map(|s| s.trim_matches('`')).collect())
}

fn type_hint(msg: &str) -> String {
    if msg.contains("expected a sequence") {
        "write a list: `[a, b]` or one `- item` per line".into()
    } else if msg.contains("expected a string") || msg.contains("expected a borrowed string") {
        "write text, in quotes if it looks like a number, date or boolean".into()
    } else if msg.contains("expected f64")
        || msg.contains("expected i64")
        || msg.contains("expected u8")
        || msg.contains("expected a number")
    {
        "write a plain number, without spaces or thousands separators: `10000`".into()
    } else if msg.contains("expected struct") || msg.contains("expected a map") {
        "write a mapping of `key: value` lines".into()
    } else {
        "check the value against the content format in the README".into()
    }
}

/// `evidence[2].article`
pub fn path_text(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_name_their_context() {
        let full = "found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line 2 column 9";
        assert_eq!(
            syntax_context(full),
            Some(("while scanning a quoted scalar", Some((2, 9))))
        );
        assert_eq!(
            syntax_context("mapping values are not allowed in this context at line 2 column 13"),
            None
        );
    }

    #[test]
    fn an_unclosed_quote_points_at_the_quote() {
        let f = file("- id: a\n  name: \"River\n  kind: x\n");
        let err = serde_yaml::from_str::<serde_yaml::Value>(&f.text).unwrap_err();
        let d = syntax_error(FileId(0), &f, 0, &err);
        let (_, span) = d.location.unwrap();
        assert_eq!(f.line_col(span.start), (2, 9));
        assert!(
            d.message.contains("while scanning a quoted scalar"),
            "{}",
            d.message
        );
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::new("c.yaml".into(), "c.yaml".into(), text.into())
    }
}
