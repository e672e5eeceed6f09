//! YAML with positions. serde_yaml turns text into typed structs (rejecting
//! unknown fields); it does not keep spans, so a second pass over the
//! yaml-rust2 event stream records where every key and value starts. A
//! [`SpanMap`] answers "where is `evidence[2].article` of item 7" for any
//! later check, and [`parse_items`] deserialises a YAML list item by item so
//! one bad claim does not hide the problems of the others.

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::source::{FileId, SourceFile, Span};
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// Mapping key.
    Key(String),
    /// Sequence index.
    Index(usize),
}

/// Where one node sits: its key (for mapping values) and its value.
#[derive(Debug, Clone)]
pub struct NodeSpan {
    /// Span of the key, if the node is a mapping value.
    pub key: Option<Span>,
    /// Span of the value (for collections: their first character).
    pub value: Span,
}

/// Path → span table of one YAML text (offsets are in the enclosing file).
#[derive(Debug, Default)]
pub struct SpanMap {
    nodes: HashMap<Vec<Seg>, NodeSpan>,
    /// Offset of the YAML text within its file (front matter).
    base: usize,
    /// End of the YAML text in its file.
    end: usize,
}

impl SpanMap {
    /// Span of the value at `path`, or of the nearest ancestor that has one.
    pub fn value(&self, path: &[Seg]) -> Span {
        for len in (0..=path.len()).rev() {
            if let Some(n) = self.nodes.get(&path[..len]) {
                return n.value.clone();
            }
        }
        self.base..self.base
    }

    /// Span of the key at `path` (falls back to the value span).
    pub fn key(&self, path: &[Seg]) -> Span {
        match self.nodes.get(path) {
            Some(NodeSpan { key: Some(k), .. }) => k.clone(),
            _ => self.value(path),
        }
    }

    /// Whether `path` exists in the document.
    pub fn has(&self, path: &[Seg]) -> bool {
        self.nodes.contains_key(path)
    }

    /// End of the YAML text.
    pub fn end(&self) -> usize {
        self.end
    }
}

/// Builds the span table of `file.text[base..end]`. Aliases are not expanded.
pub fn span_map(file: &SourceFile, base: usize, end: usize) -> SpanMap {
    let text = &file.text[base..end];
    let mut map = SpanMap {
        nodes: HashMap::new(),
        base,
        end,
    };
    // Line starts of the sub-text, for marker (line, col) → byte offset.
    let offset = |line: usize, col: usize| -> usize {
        let first_line = file.line_index(base) + 1;
        file.offset_of(
            first_line + line - 1,
            col + if line == 1 {
                file.line_col(base).1 - 1
            } else {
                0
            } + 1,
        )
    };
    enum Frame {
        Seq(usize),
        Map {
            expect_key: bool,
            key: Option<(String, Span)>,
        },
    }
    let mut stack: Vec<(Vec<Seg>, Frame)> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    // Computes the path of the next node in the current container, and
    // advances the container's state.
    while let Ok((event, marker)) = parser.next_token() {
        let start = offset(marker.line(), marker.col());
        let scalar_span = |value: &str, start: usize| -> Span {
            let line_end = file.text[start..]
                .find('\n')
                .map_or(file.text.len(), |i| start + i);
            let rest = &file.text[start..line_end];
            let len = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].find(q).map_or(rest.len(), |i| i + 2),
                _ => value
                    .len()
                    .min(rest.len())
                    .max(rest.find(" #").unwrap_or(0).min(value.len())),
            };
            let mut end = (start + len.max(1))
                .min(line_end.max(start + 1))
                .min(file.text.len());
            while !file.text.is_char_boundary(end) {
                end -= 1;
            }
            start..end
        };
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, ..) => {
                let span = scalar_span(&value, start);
                let is_key = matches!(
                    stack.last(),
                    Some((
                        _,
                        Frame::Map {
                            expect_key: true,
                            ..
                        }
                    ))
                );
                if is_key {
                    if let Some((path, Frame::Map { expect_key, key })) = stack.last_mut() {
                        *expect_key = false;
                        // yaml-rust2 marks a block mapping after its first
                        // key; point the mapping at that key instead.
                        if let Some(node) = map.nodes.get_mut(path.as_slice())
                            && span.start < node.value.start
                        {
                            node.value = span.start..span.start + 1;
                        }
                        *key = Some((value, span));
                    }
                } else {
                    let (path, key) = next_path(&mut stack_view(&mut stack));
                    map.nodes.insert(path, NodeSpan { key, value: span });
                }
            }
            Event::Alias(_) => {
                let is_key = matches!(
                    stack.last(),
                    Some((
                        _,
                        Frame::Map {
                            expect_key: true,
                            ..
                        }
                    ))
                );
                if is_key {
                    if let Some((_, Frame::Map { expect_key, key })) = stack.last_mut() {
                        *expect_key = false;
                        *key = Some(("*".into(), start..start + 1));
                    }
                } else {
                    let (path, key) = next_path(&mut stack_view(&mut stack));
                    map.nodes.insert(
                        path,
                        NodeSpan {
                            key,
                            value: start..start + 1,
                        },
                    );
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let is_key = matches!(
                    stack.last(),
                    Some((
                        _,
                        Frame::Map {
                            expect_key: true,
                            ..
                        }
                    ))
                );
                let (path, key) = if is_key {
                    // A complex key: give it an unreachable path.
                    (vec![Seg::Key("?complex".into())], None)
                } else {
                    next_path(&mut stack_view(&mut stack))
                };
                map.nodes.insert(
                    path.clone(),
                    NodeSpan {
                        key,
                        value: start..start + 1,
                    },
                );
                let frame = if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(0)
                } else {
                    Frame::Map {
                        expect_key: true,
                        key: None,
                    }
                };
                stack.push((path, frame));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                stack.pop();
                if let Some((_, Frame::Map { expect_key, .. })) = stack.last_mut() {
                    *expect_key = true;
                }
            }
            _ => {}
        }
    }
    return map;

    // Small adapter so `next_path` can work on the frames without knowing them.
    struct View<'a> {
        path: Option<&'a Vec<Seg>>,
        seq: Option<&'a mut usize>,
        map: Option<(&'a mut bool, &'a mut Option<(String, Span)>)>,
    }
    fn stack_view(stack: &mut [(Vec<Seg>, Frame)]) -> View<'_> {
        match stack.last_mut() {
            None => View {
                path: None,
                seq: None,
                map: None,
            },
            Some((path, Frame::Seq(i))) => View {
                path: Some(path),
                seq: Some(i),
                map: None,
            },
            Some((path, Frame::Map { expect_key, key })) => View {
                path: Some(path),
                seq: None,
                map: Some((expect_key, key)),
            },
        }
    }
    fn next_path(view: &mut View<'_>) -> (Vec<Seg>, Option<Span>) {
        let mut path = view.path.cloned().unwrap_or_default();
        if let Some(i) = view.seq.as_deref_mut() {
            path.push(Seg::Index(*i));
            *i += 1;
            return (path, None);
        }
        if let Some((expect_key, key)) = view.map.as_mut() {
            **expect_key = true;
            if let Some((k, span)) = key.take() {
                path.push(Seg::Key(k));
                return (path, Some(span));
            }
        }
        (path, None)
    }
}

/// Reports a serde_yaml syntax error at the position it names.
pub fn syntax_error(
    file: FileId,
    src: &SourceFile,
    base: usize,
    err: &serde_yaml::Error,
) -> Diagnostic {
    let at = match err.location() {
        Some(loc) => {
            let first_line = src.line_index(base) + 1;
            let col0 = if loc.line() == 1 {
                src.line_col(base).1 - 1
            } else {
                0
            };
            src.offset_of(first_line + loc.line() - 1, loc.column() + col0)
        }
        None => base,
    };
    let at = src.clamp(at);
    let mut msg = err.to_string();
    if let Some(i) = msg.find(" at line ") {
        msg.truncate(i);
    }
    let end = src.clamp(at + 1);
    let help = if msg.contains("repetition limit") || msg.contains("recursion limit") {
        "YAML anchors and aliases (`&a`, `*a`) expand too far here; write the values out"
    } else {
        "check indentation, the `key: value` form and matching quotes; strings containing `: ` or starting with a special character need quotes"
    };
    Diagnostic::error(file, at..end.max(at), format!("YAML syntax error: {msg}"))
        .label("here")
        .help(help)
}

/// Parses a YAML text that must be a list, each item deserialised as `T`.
/// Returns `(index, item)` for items that parsed; reports the others.
pub fn parse_items<T: DeserializeOwned>(
    file: FileId,
    src: &SourceFile,
    spans: &SpanMap,
    what: &str,
    fields: &[&str],
    diags: &mut Diagnostics,
) -> Vec<(usize, T)> {
    let value: serde_yaml::Value = match serde_yaml::from_str(&src.text) {
        Ok(v) => v,
        Err(e) => {
            diags.push(syntax_error(file, src, 0, &e));
            return Vec::new();
        }
    };
    let items = match value {
        serde_yaml::Value::Sequence(items) => items,
        serde_yaml::Value::Null => return Vec::new(),
        _ => {
            diags.push(
                Diagnostic::error(
                    file,
                    spans.value(&[]),
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
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let prefix = [Seg::Index(i)];
        match typed::<T>(item) {
            Ok(v) => out.push((i, v)),
            Err(e) => diags.push(type_error(file, spans, &prefix, what, fields, &e)),
        }
    }
    out
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

/// Builds a path from an item index and keys/indices.
#[macro_export]
macro_rules! ypath {
    ($($seg:expr),* $(,)?) => {
        &[$($crate::yaml::IntoSeg::into_seg($seg)),*][..]
    };
}

/// Conversion used by [`ypath!`].
pub trait IntoSeg {
    /// The path segment.
    fn into_seg(self) -> Seg;
}
impl IntoSeg for usize {
    fn into_seg(self) -> Seg {
        Seg::Index(self)
    }
}
impl IntoSeg for &str {
    fn into_seg(self) -> Seg {
        Seg::Key(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("c.yaml".into(), "c.yaml".into(), text.into())
    }

    #[test]
    fn spans_of_nested_keys_and_values() {
        let f = file(
            "- id: a\n  evidence:\n    - article: rfi\n      quote: \"x y\"\n- { id: b, topics: [t1, t2] }\n",
        );
        let m = span_map(&f, 0, f.text.len());
        let span = m.value(ypath![0, "evidence", 0, "article"]);
        assert_eq!(&f.text[span.clone()], "rfi");
        assert_eq!(f.line_col(span.start), (3, 16));
        assert_eq!(
            &f.text[m.value(ypath![0, "evidence", 0, "quote"])],
            "\"x y\""
        );
        assert_eq!(&f.text[m.key(ypath![0, "evidence"])], "evidence");
        assert_eq!(&f.text[m.value(ypath![1, "topics", 1])], "t2");
        assert_eq!(&f.text[m.value(ypath![1, "id"])], "b");
    }

    #[test]
    fn spans_in_front_matter_are_file_offsets() {
        let f = file("---\ntitle: x\npublished: 2025-06\n---\nbody\n");
        let base = 4;
        let end = f.text.find("---\nbody").unwrap();
        let m = span_map(&f, base, end);
        let s = m.value(ypath!["published"]);
        assert_eq!(&f.text[s.clone()], "2025-06");
        assert_eq!(f.line_col(s.start), (3, 12));
    }
}
