//! Where every node of a YAML text sits. serde_yaml turns text into typed
//! structs but keeps no positions, so a second pass over the yaml-rust2
//! event stream records where every key and value starts. A [`SpanMap`]
//! answers "where is `evidence[2].article` of item 7" (a path built with
//! `ypath!`) for any later check. It is built only when a
//! problem needs a position ([`SourceFile::yaml_spans`](super::SourceFile::yaml_spans)):
//! a valid file is parsed once.

use super::lines::Lines;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

/// A byte range of the file.
type Span = std::ops::Range<usize>;

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
    /// By hash of the node's path ([`path_hash`]): a claims file of a big
    /// dossier has hundreds of thousands of nodes, and a path of strings
    /// per node cost more than the parse itself.
    nodes: HashMap<u64, NodeSpan, std::hash::BuildHasherDefault<Prehashed>>,
    /// Offset of the YAML text within its file (front matter).
    base: usize,
    /// End of the YAML text in its file.
    end: usize,
    /// Where the text nests deeper than [`MAX_DEPTH`], if it does.
    too_deep: Option<usize>,
}

/// Hashes are already hashes: used as they are.
#[derive(Debug, Default)]
pub struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

const ROOT_HASH: u64 = 0x243f_6a88_85a3_08d3;

/// The hash of a path one segment longer.
fn child_hash(parent: u64, seg: &Seg) -> u64 {
    use xxhash_rust::xxh3::xxh3_64_with_seed;
    match seg {
        Seg::Key(k) => {
            xxh3_64_with_seed(k.as_bytes(), parent.rotate_left(5) ^ 0x9e37_79b9_7f4a_7c15)
        }
        Seg::Index(i) => xxh3_64_with_seed(
            &(*i as u64).to_le_bytes(),
            parent.rotate_left(7) ^ 0xc2b2_ae3d_27d4_eb4f,
        ),
    }
}

/// The hash of a path (64 bits: a collision would only misplace a caret).
pub fn path_hash(path: &[Seg]) -> u64 {
    path.iter().fold(ROOT_HASH, child_hash)
}

/// Deepest nesting of lists and mappings accepted. The content format
/// needs five levels (claims → claim → evidence → entry → value), so a
/// deeper text is wrong anyway; refusing it before serde_yaml reads it
/// matters because serde_yaml reads the whole text before its own limit
/// (128) applies, in quadratic time on thousands of nested `[` or indented
/// `-`, and because every node of the span table stores its whole path.
pub const MAX_DEPTH: usize = 16;

impl SpanMap {
    /// Span of the value at `path`, or of the nearest ancestor that has one.
    pub fn value(&self, path: &[Seg]) -> Span {
        // The hashes of every prefix, longest first.
        let mut prefixes = Vec::with_capacity(path.len() + 1);
        let mut h = ROOT_HASH;
        prefixes.push(h);
        for seg in path {
            h = child_hash(h, seg);
            prefixes.push(h);
        }
        for h in prefixes.iter().rev() {
            if let Some(n) = self.nodes.get(h) {
                return n.value.clone();
            }
        }
        self.base..self.base
    }

    pub fn key(&self, path: &[Seg]) -> Span {
        match self.nodes.get(&path_hash(path)) {
            Some(NodeSpan { key: Some(k), .. }) => k.clone(),
            _ => self.value(path),
        }
    }

    pub fn has(&self, path: &[Seg]) -> bool {
        self.nodes.contains_key(&path_hash(path))
    }

    pub fn end(&self) -> usize {
        self.end
    }

    /// The whole text the table covers.
    pub fn whole(&self) -> Span {
        self.base..self.end
    }

    /// Where the text nests deeper than [`MAX_DEPTH`] levels, if it does:
    /// such a text must not be handed to serde_yaml.
    pub fn too_deep(&self) -> Option<usize> {
        self.too_deep
    }
}

/// Builds the span table of `lines.text[base..end]`. Aliases are not
/// expanded.
pub fn build(lines: Lines<'_>, base: usize, end: usize) -> SpanMap {
    let mut b = Builder {
        text: lines.text,
        map: SpanMap {
            nodes: HashMap::default(),
            base,
            end,
            too_deep: None,
        },
        stack: Vec::new(),
    };
    // Marker (line, col) of the sub-text → byte offset in the file.
    let first_line = lines.line_index(base) + 1;
    let first_col = lines.line_col(base).1 - 1;
    let mut cursor = MarkerCursor::new(lines);
    let mut offset = |line: usize, col: usize| -> usize {
        cursor.offset(
            first_line + line - 1,
            col + if line == 1 { first_col } else { 0 },
        )
    };
    let mut parser = Parser::new_from_str(&lines.text[base..end]);
    loop {
        let (event, marker) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                if e.info().contains("recursion limit") {
                    b.map.too_deep = Some(offset(e.marker().line(), e.marker().col()));
                }
                break;
            }
        };
        let start = offset(marker.line(), marker.col());
        match event {
            Event::StreamEnd => break,
            Event::Scalar(value, style, ..) => b.scalar(value, style, start),
            Event::Alias(_) => b.alias(start),
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if b.stack.len() >= MAX_DEPTH {
                    b.map.too_deep = Some(start);
                    break;
                }
                b.open(matches!(event, Event::SequenceStart(..)), start);
            }
            Event::SequenceEnd | Event::MappingEnd => b.close(),
            _ => {}
        }
    }
    b.map
}

/// An open collection: a sequence and the index of its next item, or a
/// mapping, whether a key comes next, and the key read before its value.
enum Frame {
    Seq(usize),
    Map {
        expect_key: bool,
        key: Option<(String, Span)>,
    },
}

/// The span table being built: the nodes so far and the open collections
/// (each with the hash of its path).
struct Builder<'a> {
    /// The whole text of the file.
    text: &'a str,
    map: SpanMap,
    stack: Vec<(u64, Frame)>,
}

impl Builder<'_> {
    /// Whether the next node is the key of a mapping.
    fn expects_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some((
                _,
                Frame::Map {
                    expect_key: true,
                    ..
                }
            ))
        )
    }

    /// The path of the next node in the current collection (and the span
    /// of its key), advancing the collection's state.
    fn next_path(&mut self) -> (u64, Option<Span>) {
        match self.stack.last_mut() {
            None => (ROOT_HASH, None),
            Some((path, Frame::Seq(i))) => {
                let child = child_hash(*path, &Seg::Index(*i));
                *i += 1;
                (child, None)
            }
            Some((path, Frame::Map { expect_key, key })) => {
                *expect_key = true;
                match key.take() {
                    Some((k, span)) => (child_hash(*path, &Seg::Key(k)), Some(span)),
                    None => (*path, None),
                }
            }
        }
    }

    fn scalar(&mut self, value: String, style: TScalarStyle, start: usize) {
        // An empty plain scalar is a value left out (`quote:`):
        // yaml-rust2 marks it at the next token, often on a later
        // line, so it is given the span of its key below.
        let implicit_null = value.is_empty() && style == TScalarStyle::Plain;
        let span = scalar_span(self.text, &value, start);
        if self.expects_key() {
            if let Some((path, Frame::Map { expect_key, key })) = self.stack.last_mut() {
                *expect_key = false;
                // yaml-rust2 marks a block mapping after its first
                // key; point the mapping at that key instead.
                if let Some(node) = self.map.nodes.get_mut(path)
                    && span.start < node.value.start
                {
                    node.value = span.start..span.start + 1;
                }
                *key = Some((value, span));
            }
        } else {
            let (path, key) = self.next_path();
            let value = match &key {
                Some(k) if implicit_null => k.clone(),
                _ => span,
            };
            self.map.nodes.insert(path, NodeSpan { key, value });
        }
    }

    fn alias(&mut self, start: usize) {
        if self.expects_key() {
            if let Some((_, Frame::Map { expect_key, key })) = self.stack.last_mut() {
                *expect_key = false;
                *key = Some(("*".into(), start..start + 1));
            }
        } else {
            let (path, key) = self.next_path();
            self.map.nodes.insert(
                path,
                NodeSpan {
                    key,
                    value: start..start + 1,
                },
            );
        }
    }

    /// A sequence (`seq`) or a mapping starts at `start`.
    fn open(&mut self, seq: bool, start: usize) {
        let (path, key) = if self.expects_key() {
            // A complex key: give it an unreachable path.
            (path_hash(&[Seg::Key("?complex".into())]), None)
        } else {
            self.next_path()
        };
        self.map.nodes.insert(
            path,
            NodeSpan {
                key,
                value: start..start + 1,
            },
        );
        let frame = if seq {
            Frame::Seq(0)
        } else {
            Frame::Map {
                expect_key: true,
                key: None,
            }
        };
        self.stack.push((path, frame));
    }

    fn close(&mut self) {
        self.stack.pop();
        if let Some((_, Frame::Map { expect_key, .. })) = self.stack.last_mut() {
            *expect_key = true;
        }
    }
}

/// The span of a scalar of value `value` that starts at byte `start` of
/// `text`.
fn scalar_span(text: &str, value: &str, start: usize) -> Span {
    // Look no further than the scalar can reach (escapes make a
    // quoted scalar at most a few times longer than its value), so
    // a long line of many items stays linear.
    let mut reach = (start + value.len() * 10 + 16).min(text.len());
    while !text.is_char_boundary(reach) {
        reach += 1;
    }
    let line_end = text[start..reach].find('\n').map_or(reach, |i| start + i);
    let rest = &text[start..line_end];
    let len = match rest.chars().next() {
        Some(q @ ('"' | '\'')) => rest[1..].find(q).map_or(rest.len(), |i| i + 2),
        _ => value
            .len()
            .min(rest.len())
            .max(rest.find(" #").unwrap_or(0).min(value.len())),
    };
    let mut end = (start + len.max(1))
        .min(line_end.max(start + 1))
        .min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

/// Turns yaml-rust2 markers (1-based line, 0-based character column) into
/// byte offsets. Markers arrive almost in order, so it walks from the
/// previous one rather than from the start of the line, which would be
/// quadratic on one long line of many items (`[a, a, a, …]`).
struct MarkerCursor<'a> {
    lines: Lines<'a>,
    /// Current line (0 before the first call).
    line: usize,
    /// Byte offset where the current line ends.
    line_end: usize,
    /// Character column and byte offset of the last answer.
    col: usize,
    byte: usize,
}

impl<'a> MarkerCursor<'a> {
    fn new(lines: Lines<'a>) -> Self {
        MarkerCursor {
            lines,
            line: 0,
            line_end: 0,
            col: 0,
            byte: 0,
        }
    }

    /// Byte offset of character `col` (0-based) of 1-based `line`, clamped
    /// to the line.
    fn offset(&mut self, line: usize, col: usize) -> usize {
        let text = self.lines.text;
        if line != self.line {
            self.line = line;
            self.col = 0;
            self.byte = self.lines.offset_of(line, 1);
            self.line_end = text[self.byte..]
                .find('\n')
                .map_or(text.len(), |i| self.byte + i);
        }
        while self.col < col && self.byte < self.line_end {
            self.byte += text[self.byte..].chars().next().map_or(1, char::len_utf8);
            self.col += 1;
        }
        while self.col > col {
            self.byte -= text[..self.byte]
                .chars()
                .next_back()
                .map_or(1, char::len_utf8);
            self.col -= 1;
        }
        self.byte
    }
}

/// Builds a path from an item index and keys/indices.
macro_rules! ypath {
    ($($seg:expr),* $(,)?) => {
        &[$($crate::source::yaml_spans::IntoSeg::into_seg($seg)),*][..]
    };
}
pub(crate) use ypath;

/// Conversion used by `ypath!`.
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
    use crate::source::{SourceFile, span_map};

    #[test]
    fn a_value_left_out_is_placed_on_its_key() {
        let f = file("- id: a\n  quote:\n  note: x\n");
        let m = span_map(&f, 0, f.text.len());
        assert_eq!(&f.text[m.value(ypath![0, "quote"])], "quote");
    }

    #[test]
    fn deep_nesting_is_flagged_before_parsing() {
        let f = file(&format!(
            "- note: {}{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        ));
        assert!(span_map(&f, 0, f.text.len()).too_deep().is_some());
        let f = file("- id: a\n  evidence:\n    - { article: b, quote: c }\n");
        assert!(span_map(&f, 0, f.text.len()).too_deep().is_none());
    }

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
