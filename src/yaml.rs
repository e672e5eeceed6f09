//! YAML with positions. serde_yaml turns text into typed structs (rejecting
//! unknown fields); it does not keep spans, so a second pass over the
//! yaml-rust2 event stream records where every key and value starts. A
//! [`SpanMap`] answers "where is `evidence[2].article` of item 7" for any
//! later check, and [`parse_items`] deserialises a YAML list item by item so
//! one bad claim does not hide the problems of the others. For claims,
//! sources and metrics files the span table is built only when a problem
//! needs a position ([`Place`], [`SourceFile::yaml_spans`]): a valid
//! file is parsed once.

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::source::{FileId, SourceFile, Span};
use crate::ypath;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

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

/// Deepest nesting of lists and mappings accepted. The content format
/// needs five levels (claims → claim → evidence → entry → value), so a
/// deeper text is wrong anyway; refusing it before serde_yaml reads it
/// matters because serde_yaml reads the whole text before its own limit
/// (128) applies, in quadratic time on thousands of nested `[` or indented
/// `-`, and because every node of the span table stores its whole path.
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

    /// Where the text nests deeper than [`MAX_DEPTH`] levels, if it does:
    /// such a text must not be handed to serde_yaml.
    pub fn too_deep(&self) -> Option<usize> {
        self.too_deep
    }
}

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

/// Builds the span table of `file.text[base..end]`. Aliases are not expanded.
pub fn span_map(file: &SourceFile, base: usize, end: usize) -> SpanMap {
    let text = &file.text[base..end];
    let mut map = SpanMap {
        nodes: HashMap::default(),
        base,
        end,
        too_deep: None,
    };
    // Marker (line, col) of the sub-text → byte offset in the file.
    let first_line = file.line_index(base) + 1;
    let first_col = file.line_col(base).1 - 1;
    let mut cursor = MarkerCursor::new(file);
    let mut offset = |line: usize, col: usize| -> usize {
        cursor.offset(
            first_line + line - 1,
            col + if line == 1 { first_col } else { 0 },
        )
    };
    enum Frame {
        Seq(usize),
        Map {
            expect_key: bool,
            key: Option<(String, Span)>,
        },
    }
    let mut stack: Vec<(u64, Frame)> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    // Computes the path of the next node in the current container, and
    // advances the container's state.
    loop {
        let (event, marker) = match parser.next_token() {
            Ok(next) => next,
            Err(e) => {
                if e.info().contains("recursion limit") {
                    map.too_deep = Some(offset(e.marker().line(), e.marker().col()));
                }
                break;
            }
        };
        let start = offset(marker.line(), marker.col());
        let scalar_span = |value: &str, start: usize| -> Span {
            // Look no further than the scalar can reach (escapes make a
            // quoted scalar at most a few times longer than its value), so
            // a long line of many items stays linear.
            let mut reach = (start + value.len() * 10 + 16).min(file.text.len());
            while !file.text.is_char_boundary(reach) {
                reach += 1;
            }
            let line_end = file.text[start..reach]
                .find('\n')
                .map_or(reach, |i| start + i);
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
            Event::Scalar(value, style, ..) => {
                // An empty plain scalar is a value left out (`quote:`):
                // yaml-rust2 marks it at the next token, often on a later
                // line, so it is given the span of its key below.
                let implicit_null = value.is_empty() && style == TScalarStyle::Plain;
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
                        if let Some(node) = map.nodes.get_mut(path)
                            && span.start < node.value.start
                        {
                            node.value = span.start..span.start + 1;
                        }
                        *key = Some((value, span));
                    }
                } else {
                    let (path, key) = next_path(&mut stack_view(&mut stack));
                    let value = match &key {
                        Some(k) if implicit_null => k.clone(),
                        _ => span,
                    };
                    map.nodes.insert(path, NodeSpan { key, value });
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
                if stack.len() >= MAX_DEPTH {
                    map.too_deep = Some(start);
                    break;
                }
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
                    (path_hash(&[Seg::Key("?complex".into())]), None)
                } else {
                    next_path(&mut stack_view(&mut stack))
                };
                map.nodes.insert(
                    path,
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
        path: Option<u64>,
        seq: Option<&'a mut usize>,
        map: Option<(&'a mut bool, &'a mut Option<(String, Span)>)>,
    }
    fn stack_view(stack: &mut [(u64, Frame)]) -> View<'_> {
        match stack.last_mut() {
            None => View {
                path: None,
                seq: None,
                map: None,
            },
            Some((path, Frame::Seq(i))) => View {
                path: Some(*path),
                seq: Some(i),
                map: None,
            },
            Some((path, Frame::Map { expect_key, key })) => View {
                path: Some(*path),
                seq: None,
                map: Some((expect_key, key)),
            },
        }
    }
    fn next_path(view: &mut View<'_>) -> (u64, Option<Span>) {
        let path = view.path.unwrap_or(ROOT_HASH);
        if let Some(i) = view.seq.as_deref_mut() {
            let child = child_hash(path, &Seg::Index(*i));
            *i += 1;
            return (child, None);
        }
        if let Some((expect_key, key)) = view.map.as_mut() {
            **expect_key = true;
            if let Some((k, span)) = key.take() {
                return (child_hash(path, &Seg::Key(k)), Some(span));
            }
        }
        (path, None)
    }
}

/// Turns yaml-rust2 markers (1-based line, 0-based character column) into
/// byte offsets. Markers arrive almost in order, so it walks from the
/// previous one rather than from the start of the line, which would be
/// quadratic on one long line of many items (`[a, a, a, …]`).
struct MarkerCursor<'a> {
    file: &'a SourceFile,
    /// Current line (0 before the first call).
    line: usize,
    /// Byte offset where the current line ends.
    line_end: usize,
    /// Character column and byte offset of the last answer.
    col: usize,
    byte: usize,
}

impl<'a> MarkerCursor<'a> {
    fn new(file: &'a SourceFile) -> Self {
        MarkerCursor {
            file,
            line: 0,
            line_end: 0,
            col: 0,
            byte: 0,
        }
    }

    /// Byte offset of character `col` (0-based) of 1-based `line`, clamped
    /// to the line.
    fn offset(&mut self, line: usize, col: usize) -> usize {
        let text = &self.file.text;
        if line != self.line {
            self.line = line;
            self.col = 0;
            self.byte = self.file.offset_of(line, 1);
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
    // Too deep: the one error for the file, as before any parse.
    let too_deep = |diags: &mut Diagnostics| -> bool {
        match src.yaml_spans().too_deep() {
            Some(at) => {
                diags.push(too_deep_error(file, at));
                true
            }
            None => false,
        }
    };
    if many_flow_openers(&src.text) && too_deep(diags) {
        return Vec::new();
    }
    // The plain YAML content files are written in is read quickly; the
    // rest, and every error, by serde_yaml.
    let value = match crate::quick_yaml::parse(&src.text)
        .map_or_else(|| serde_yaml::from_str::<serde_yaml::Value>(&src.text), Ok)
    {
        Ok(v) => v,
        Err(e) => {
            if !too_deep(diags) {
                diags.push(syntax_error(file, src, 0, &e));
            }
            return Vec::new();
        }
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
        match typed::<T>(item) {
            Ok(v) => out.push((i, v)),
            Err(e) => failed.push((i, e)),
        }
    }
    // Every item of the content format is a few levels deep, so a text
    // nested too deeply always has an item that fails.
    if !failed.is_empty() {
        if too_deep(diags) {
            return Vec::new();
        }
        let spans = src.yaml_spans();
        for (i, e) in failed {
            diags.push(type_error(file, spans, &[Seg::Index(i)], what, fields, &e));
        }
    }
    out
}

/// Where a problem in a claims file is, kept as the YAML node it concerns
/// and turned into a span only when a diagnostic is shown: finding spans
/// means a second parse of the file, which a valid dossier never needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A span already known.
    Span(Span),
    /// List item `i` of a whole-file YAML list.
    Item(usize),
    /// Field `key` of item `i`.
    Field(usize, &'static str),
    /// Field `key` of entry `k` of the list `list` of item `i`
    /// (`evidence[k].quote`).
    Entry(usize, &'static str, usize, &'static str),
}

impl Place {
    /// The span of the place in file `file` of `sources`.
    pub fn span_in(&self, sources: &crate::source::Sources, file: FileId) -> Span {
        match self {
            Place::Span(s) => s.clone(),
            _ => self.span(sources.get(file)),
        }
    }

    /// The span of the place within `src` (whose span table is built on
    /// first use).
    pub fn span(&self, src: &SourceFile) -> Span {
        match self {
            Place::Span(s) => s.clone(),
            Place::Item(i) => src.yaml_spans().value(ypath![*i]),
            Place::Field(i, key) => src.yaml_spans().value(ypath![*i, *key]),
            Place::Entry(i, list, k, key) => src.yaml_spans().value(ypath![*i, *list, *k, *key]),
        }
    }
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
