//! A reader for the plain YAML that content files are written in: block
//! lists and mappings, one-line flow lists and mappings of scalars, plain
//! and quoted one-line scalars, literal and folded block scalars, comments.
//! It gives the same [`serde_yaml::Value`] serde_yaml would, several times
//! faster (a claims file of a big dossier is megabytes), and gives up
//! (`None`) on anything else: anchors, aliases, tags, multi-line plain or
//! quoted scalars, tabs, unusual keys, duplicate keys, numbers serde_yaml
//! cannot hold, and every error. The caller then parses the text with
//! serde_yaml, so what is read and what is reported never depends on this
//! module; a property test compares both readers on generated documents.

use serde_yaml::{Mapping, Number, Value};

/// The document, if it is in the subset read here.
pub fn parse(text: &str) -> Option<Value> {
    if !all_printable(text) {
        return None;
    }
    let mut r = Reader {
        lines: text
            .split('\n')
            .map(|l| {
                let indent = l.len() - l.trim_start_matches(' ').len();
                (indent, &l[indent..])
            })
            .collect(),
        at: 0,
        depth: 0,
    };
    let Some((indent, content)) = r.peek() else {
        return Some(Value::Null);
    };
    if content.starts_with("---") || content.starts_with("...") || content.starts_with('%') {
        return None;
    }
    let value = if is_item(content) {
        if indent != 0 {
            return None;
        }
        Value::Sequence(r.sequence(0)?)
    } else if key_of(content).is_some() {
        if indent != 0 {
            return None;
        }
        Value::Mapping(r.mapping(0, None)?)
    } else {
        return None;
    };
    r.peek().is_none().then_some(value)
}

/// Whether every character is [`printable`] (ASCII, most of any text,
/// checked a byte at a time).
fn all_printable(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !(b == b'\n' || (b' '..=b'~').contains(&b)) {
                return false;
            }
            i += 1;
        } else {
            let Some(c) = text[i..].chars().next() else {
                return false;
            };
            if !printable(c) {
                return false;
            }
            i += c.len_utf8();
        }
    }
    true
}

/// Characters YAML accepts in a document, less those with rules not
/// followed here: tabs, and the line breaks of YAML 1.1 other than `\n`
/// (U+0085, U+2028, U+2029).
fn printable(c: char) -> bool {
    matches!(c,
        '\n' | ' '..='~' | '\u{a0}'..='\u{2027}' | '\u{202a}'..='\u{d7ff}'
        | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}' | '\u{10000}'..)
}

struct Reader<'a> {
    /// Each line: its indentation (spaces) and the rest.
    lines: Vec<(usize, &'a str)>,
    /// The next line to read.
    at: usize,
    /// Collections open: deeper than the content format needs is left to
    /// serde_yaml (and its nesting limit), not recursed into here.
    depth: usize,
}

/// A list item: `- …` or a lone `-`.
fn is_item(content: &str) -> bool {
    content == "-" || content.starts_with("- ")
}

/// The key of a `key: value` or `key:` line, and what follows the colon.
/// Keys are plain words that serde_yaml reads as strings.
fn key_of(content: &str) -> Option<(&str, &str)> {
    let end = content.find(':')?;
    let (key, rest) = (&content[..end], &content[end + 1..]);
    if !(rest.is_empty() || rest.starts_with(' ')) || !plain_key(key) {
        return None;
    }
    Some((key, rest.trim_start_matches(' ')))
}

fn plain_key(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        // What `scalar` reads as a string, for a word starting with a
        // letter or `_` (without making the string).
        && !matches!(
            key,
            "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
        )
}

impl<'a> Reader<'a> {
    /// Skips empty lines and comment lines.
    fn skip_blank(&mut self) {
        while let Some(&(_, content)) = self.lines.get(self.at) {
            if !(content.is_empty() || content.starts_with('#')) {
                break;
            }
            self.at += 1;
        }
    }

    /// The next line that is not blank, without taking it.
    fn peek(&mut self) -> Option<(usize, &'a str)> {
        self.skip_blank();
        self.lines.get(self.at).copied()
    }

    /// A block list whose `-` are at column `indent`.
    fn sequence(&mut self, indent: usize) -> Option<Vec<Value>> {
        self.enter()?;
        let mut items = Vec::new();
        while let Some((i, content)) = self.peek() {
            if i < indent || (i == indent && !is_item(content)) {
                break;
            }
            if i > indent {
                return None;
            }
            self.at += 1;
            let rest = content[1..].trim_start_matches(' ');
            let column = indent + (content.len() - rest.len());
            if rest.is_empty() || rest.starts_with('#') || is_item(rest) {
                // Nested on the next lines, or a list in a list: not here.
                return None;
            }
            let item = if key_of(rest).is_some() {
                Value::Mapping(self.mapping(column, Some(rest))?)
            } else {
                let v = inline(rest)?;
                self.ends_here(indent)?;
                v
            };
            items.push(item);
        }
        self.depth -= 1;
        Some(items)
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= crate::source::yaml_spans::MAX_DEPTH).then_some(())
    }

    /// Checks that no line continues a one-line value (a more indented
    /// line would be part of a multi-line scalar, or an error).
    fn ends_here(&mut self, indent: usize) -> Option<()> {
        match self.peek() {
            Some((i, _)) if i > indent => None,
            _ => Some(()),
        }
    }

    /// A block mapping whose keys are at column `indent`; `first` is the
    /// rest of a `- key: …` line already taken.
    fn mapping(&mut self, indent: usize, first: Option<&'a str>) -> Option<Mapping> {
        self.enter()?;
        let mut map = Mapping::new();
        let mut pending = first;
        loop {
            let content = match pending.take() {
                Some(c) => c,
                None => match self.peek() {
                    Some((i, c)) if i == indent && !is_item(c) => {
                        self.at += 1;
                        c
                    }
                    Some((i, _)) if i > indent => return None,
                    _ => break,
                },
            };
            let (key, rest) = key_of(content)?;
            let value = self.value(indent, rest)?;
            if map.insert(Value::String(key.to_string()), value).is_some() {
                // serde_yaml reports duplicate keys.
                return None;
            }
        }
        self.depth -= 1;
        Some(map)
    }

    /// The value of a key at column `indent`, `rest` being what follows the
    /// colon on its line.
    fn value(&mut self, indent: usize, rest: &'a str) -> Option<Value> {
        if rest.is_empty() || rest.starts_with('#') {
            return match self.peek() {
                Some((i, c)) if i > indent && is_item(c) => {
                    Some(Value::Sequence(self.sequence(i)?))
                }
                // A list may sit at the key's own column.
                Some((i, c)) if i == indent && is_item(c) => {
                    Some(Value::Sequence(self.sequence(i)?))
                }
                Some((i, c)) if i > indent && key_of(c).is_some() => {
                    Some(Value::Mapping(self.mapping(i, None)?))
                }
                Some((i, _)) if i > indent => None,
                _ => Some(Value::Null),
            };
        }
        if rest.starts_with('|') || rest.starts_with('>') {
            return self.block_scalar(indent, rest);
        }
        let v = inline(rest)?;
        self.ends_here(indent)?;
        Some(v)
    }

    /// A literal (`|`) or folded (`>`) scalar under a key at `indent`.
    fn block_scalar(&mut self, indent: usize, header: &str) -> Option<Value> {
        let (style, strip) = match header.split(" #").next()?.trim_end_matches(' ') {
            "|" => ('|', false),
            "|-" => ('|', true),
            ">" => ('>', false),
            ">-" => ('>', true),
            _ => return None,
        };
        // The lines of the scalar: every following line that is empty or
        // more indented than the key (comments included: they are text).
        let start = self.at;
        let mut end = start;
        while let Some(&(i, c)) = self.lines.get(end) {
            if !(c.is_empty() || i > indent) {
                break;
            }
            end += 1;
        }
        let lines = &self.lines[start..end];
        // Leading empty lines, lines indented more than the first (kept
        // apart when folding) and spaces-only lines deeper than the text:
        // rules not followed here.
        let &(content_indent, first) = lines.first()?;
        if first.is_empty() {
            return None;
        }
        for &(i, c) in lines {
            if (c.is_empty() && i > content_indent) || (!c.is_empty() && i != content_indent) {
                return None;
            }
        }
        self.at = end;
        // Trailing empty lines are dropped (clip and strip keep none of
        // them; clip keeps the last line break).
        let last = lines.iter().rposition(|(_, c)| !c.is_empty())?;
        let body = &lines[..=last];
        let mut out = String::new();
        match style {
            '|' => {
                for (n, (_, c)) in body.iter().enumerate() {
                    if n > 0 {
                        out.push('\n');
                    }
                    out.push_str(c);
                }
            }
            _ => {
                // Folding: a line break between two text lines becomes a
                // space; each empty line between them is one line break.
                let mut empty_run = 0;
                for (n, (_, c)) in body.iter().enumerate() {
                    if c.is_empty() {
                        empty_run += 1;
                        continue;
                    }
                    if n > 0 {
                        if empty_run == 0 {
                            out.push(' ');
                        } else {
                            out.extend(std::iter::repeat_n('\n', empty_run));
                        }
                    }
                    empty_run = 0;
                    out.push_str(c);
                }
            }
        }
        // Clip keeps the line break after the last line, if there is one.
        let at_end_of_text = start + last == self.lines.len() - 1;
        if !strip && !at_end_of_text {
            out.push('\n');
        }
        Some(Value::String(out))
    }
}

/// A value written on one line: quoted, flow list, flow mapping or plain.
fn inline(text: &str) -> Option<Value> {
    let (value, rest) = match text.as_bytes()[0] {
        b'"' => {
            let (s, rest) = double_quoted(text)?;
            (Value::String(s), rest)
        }
        b'\'' => {
            let (s, rest) = single_quoted(text)?;
            (Value::String(s), rest)
        }
        b'[' => flow_list(text)?,
        b'{' => flow_mapping(text)?,
        _ => {
            let plain = plain_block(text)?;
            return scalar(plain);
        }
    };
    comment_only(rest)?;
    Some(value)
}

/// Nothing but spaces and a comment.
fn comment_only(rest: &str) -> Option<()> {
    let trimmed = rest.trim_start_matches(' ');
    (trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len())).then_some(())
}

/// A plain scalar in block context, to the end of the line or a comment.
fn plain_block(text: &str) -> Option<&str> {
    let first = text.as_bytes()[0];
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) {
        // Indicators: only a `-` followed by a non-space starts a scalar.
        if !(first == b'-' && text.len() > 1 && text.as_bytes()[1] != b' ') {
            return None;
        }
    }
    let value = match text.find(" #") {
        Some(i) => &text[..i],
        None => text,
    }
    .trim_end_matches(' ');
    if value.contains(": ") || value.ends_with(':') {
        return None;
    }
    Some(value)
}

/// `"…"` on one line; returns the text and what follows the closing quote.
fn double_quoted(text: &str) -> Option<(String, &str)> {
    let body = &text[1..];
    // Most quoted text has no escape: copied up to the closing quote.
    let first = memchr::memchr2(b'"', b'\\', body.as_bytes())?;
    let mut out = String::with_capacity(first + 8);
    out.push_str(&body[..first]);
    let mut chars = body[first..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, &body[first + i + 1..])),
            '\\' => {
                let (_, e) = chars.next()?;
                let hex = |chars: &mut std::str::CharIndices<'_>, n: usize| -> Option<char> {
                    let mut v = 0u32;
                    for _ in 0..n {
                        v = v * 16 + chars.next()?.1.to_digit(16)?;
                    }
                    char::from_u32(v)
                };
                out.push(match e {
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    't' => '\t',
                    'n' => '\n',
                    'v' => '\u{b}',
                    'f' => '\u{c}',
                    'r' => '\r',
                    'e' => '\u{1b}',
                    ' ' => ' ',
                    '"' => '"',
                    '/' => '/',
                    '\\' => '\\',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    'x' => hex(&mut chars, 2)?,
                    'u' => hex(&mut chars, 4)?,
                    'U' => hex(&mut chars, 8)?,
                    _ => return None,
                });
            }
            c => out.push(c),
        }
    }
    // Not closed on this line: a multi-line scalar, or an error.
    None
}

/// `'…'` on one line (`''` is a quote).
fn single_quoted(text: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let body = &text[1..];
    let mut from = 0;
    loop {
        let i = from + body[from..].find('\'')?;
        out.push_str(&body[from..i]);
        if body[i + 1..].starts_with('\'') {
            out.push('\'');
            from = i + 2;
        } else {
            return Some((out, &body[i + 1..]));
        }
    }
}

/// A scalar inside `[…]` or `{…}`: quoted, or plain up to `,`, `]` or
/// `}`. Returns the value and the rest after it.
fn flow_scalar(text: &str) -> Option<(Value, &str)> {
    match text.as_bytes().first()? {
        b'"' => double_quoted(text).map(|(s, r)| (Value::String(s), r)),
        b'\'' => single_quoted(text).map(|(s, r)| (Value::String(s), r)),
        b'-' if text.as_bytes().get(1).is_none_or(|&b| b == b' ') => None,
        b'?' | b':' => None,
        b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%' | b'@' | b'`' | b'[' | b'{' | b','
        | b']' | b'}' => None,
        _ => {
            let end = text.find([',', ']', '}']).unwrap_or(text.len());
            let raw = &text[..end];
            if raw.contains(": ")
                || raw.contains(" #")
                || raw.ends_with(':')
                || raw.contains('[')
                || raw.contains('{')
            {
                return None;
            }
            Some((scalar(raw.trim_end_matches(' '))?, &text[end..]))
        }
    }
}

/// The entries of a one-line flow collection (`text` starts with its
/// opening bracket), separated by commas and ended by `close`; `entry`
/// reads one and returns what follows it. Returns what follows `close`.
fn flow_entries<'t>(
    text: &'t str,
    close: char,
    mut entry: impl FnMut(&'t str) -> Option<&'t str>,
) -> Option<&'t str> {
    let mut rest = text[1..].trim_start_matches(' ');
    if let Some(r) = rest.strip_prefix(close) {
        return Some(r);
    }
    loop {
        let r = entry(rest)?.trim_start_matches(' ');
        if let Some(r) = r.strip_prefix(close) {
            return Some(r);
        }
        rest = r.strip_prefix(',')?.trim_start_matches(' ');
    }
}

/// `[a, b, "c"]` on one line; returns the list and the rest.
fn flow_list(text: &str) -> Option<(Value, &str)> {
    let mut items = Vec::new();
    let rest = flow_entries(text, ']', |t| {
        let (v, r) = flow_scalar(t)?;
        items.push(v);
        Some(r)
    })?;
    Some((Value::Sequence(items), rest))
}

/// `{ k: v, … }` on one line; returns the mapping and the rest.
fn flow_mapping(text: &str) -> Option<(Value, &str)> {
    let mut map = Mapping::new();
    let rest = flow_entries(text, '}', |t| {
        let colon = t.find(": ")?;
        let key = &t[..colon];
        if !plain_key(key) {
            return None;
        }
        let (v, r) = flow_scalar(t[colon + 2..].trim_start_matches(' '))?;
        // serde_yaml reports duplicate keys.
        map.insert(Value::String(key.to_string()), v)
            .is_none()
            .then_some(r)
    })?;
    Some((Value::Mapping(map), rest))
}

/// A plain scalar as serde_yaml resolves it: null, boolean, integer,
/// float or string. `None` for integers it cannot hold.
fn scalar(v: &str) -> Option<Value> {
    if v.is_empty() || matches!(v, "~" | "null" | "Null" | "NULL") {
        return Some(Value::Null);
    }
    match v {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let first = v.as_bytes()[0];
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        // Numbers start with a digit, a sign or a point.
        return Some(Value::String(v.to_string()));
    }
    if let Some(n) = unsigned(v) {
        return Some(Value::Number(Number::from(n)));
    }
    if let Some(n) = negative(v) {
        return Some(Value::Number(Number::from(n)));
    }
    if looks_integral(v) {
        // An integer beyond 64 bits: serde_yaml has its own rules.
        return None;
    }
    if !digits_but_not_number(v)
        && let Some(f) = float(v)
    {
        return Some(Value::Number(Number::from(f)));
    }
    Some(Value::String(v.to_string()))
}

/// Leading zeros followed by digits: a string in YAML 1.2.
fn digits_but_not_number(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    v.len() > 1 && v.starts_with('0') && v[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Whether `v` could be an integer in any base (so that one too large for
/// 64 bits is left to serde_yaml).
fn looks_integral(v: &str) -> bool {
    let v = v.strip_prefix(['-', '+']).unwrap_or(v);
    let digits = ["0x", "0o", "0b"]
        .iter()
        .find_map(|p| v.strip_prefix(p))
        .unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A non-negative integer: decimal (no leading zeros), `0x`, `0o`, `0b`,
/// with an optional `+`.
fn unsigned(v: &str) -> Option<u64> {
    let unsigned = v.strip_prefix('+').unwrap_or(v);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unsigned.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = u64::from_str_radix(rest, radix) {
                return Some(n);
            }
        }
    }
    if unsigned.starts_with(['+', '-']) || digits_but_not_number(v) {
        return None;
    }
    unsigned.parse::<u64>().ok()
}

/// A negative integer: decimal, `-0x`, `-0o`, `-0b`.
fn negative(v: &str) -> Option<i64> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = v.strip_prefix(prefix)
            && let Ok(n) = i64::from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(n);
        }
    }
    if digits_but_not_number(v) {
        return None;
    }
    v.parse::<i64>().ok()
}

/// A finite float, `.inf` or `.nan` in YAML's spellings.
fn float(v: &str) -> Option<f64> {
    let unsigned = match v.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => v,
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(v, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(v, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}
