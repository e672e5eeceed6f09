//! YAML text for what the panel sends, to be spliced into a claims file
//! that is otherwise left byte for byte as it is (the file is never read
//! into values and written back). A new claim or evidence entry is a
//! [`Map`]; [`item`] writes it as an item of a block sequence, every
//! string the user typed as a double-quoted scalar ([`quoted`]), ids and
//! vocabulary words bare when they read back as the same string
//! ([`word`]); [`to_value`] is what that text must read back as, which
//! the editing code checks after every splice.

use serde_yaml::Value;

/// A value of a claim or entry.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Free text: always double-quoted.
    Text(String),
    /// An id, a date or a vocabulary word: bare when that is safe.
    Word(String),
    /// A number.
    Number(f64),
    /// A short list, in flow style: `[a, b]`.
    Flow(Vec<Node>),
    /// A block sequence of mappings (`figures`, `evidence`).
    Items(Vec<Map>),
}

/// A mapping, keys in the order they are written.
pub type Map = Vec<(&'static str, Node)>;

/// `s` as a YAML double-quoted scalar, on one line, that every YAML
/// parser reads back as exactly `s`: `"` and `\` escaped, and every
/// character outside YAML's printable set or that a YAML 1.1 parser takes
/// for a line break (NEL, U+2028, U+2029) or a byte-order mark written as
/// an escape.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            ' '..='~' => out.push(c),
            c if printable(c) => out.push(c),
            c if (c as u32) < 0x100 => out.push_str(&format!("\\x{:02X}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push_str(&format!("\\U{:08X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Whether a non-ASCII character may stand for itself in a quoted scalar.
fn printable(c: char) -> bool {
    let n = c as u32;
    matches!(n, 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        && !matches!(n, 0x2028 | 0x2029 | 0xFEFF)
}

/// Words that YAML reads as something other than a string.
const NOT_STRINGS: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
];

/// `s` bare if it is an id (`^[a-z][a-z0-9-]*$`, not a YAML keyword or
/// number) or a date with a month (`2025-06`, `2025-06-17`), which read
/// back as the same string; otherwise [`quoted`].
pub fn word(s: &str) -> String {
    let b = s.as_bytes();
    let id = crate::model::is_id(s)
        && b[0].is_ascii_lowercase()
        && !NOT_STRINGS.contains(&s)
        && s.parse::<f64>().is_err();
    let date = matches!(b.len(), 7 | 10)
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if id || date { s.to_string() } else { quoted(s) }
}

/// A finite number as YAML reads it back: whole numbers without a
/// fraction (`1200`), others in Rust's shortest round-trip form, with an
/// exponent if need be (`0.25`, `7.1e29`: never a long run of digits
/// that YAML would read as an integer too big for it).
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:?}")
    }
}

/// The text of a scalar or flow value.
fn inline(node: &Node) -> String {
    match node {
        Node::Text(s) => quoted(s),
        Node::Word(s) => word(s),
        Node::Number(v) => number(*v),
        Node::Flow(list) => {
            let parts: Vec<String> = list.iter().map(inline).collect();
            format!("[{}]", parts.join(", "))
        }
        Node::Items(_) => String::new(),
    }
}

/// `map` as an item of a block sequence: `-` at column `dash`, the keys
/// `gap` columns further (the first on the dash's line), nested items two
/// columns in from their key; lines end with `nl`.
pub fn item(map: &Map, dash: usize, gap: usize, nl: &str) -> String {
    let gap = gap.max(2);
    let mut out = String::new();
    for (i, (key, value)) in map.iter().enumerate() {
        if i == 0 {
            out.push_str(&" ".repeat(dash));
            out.push('-');
            out.push_str(&" ".repeat(gap - 1));
        } else {
            out.push_str(&" ".repeat(dash + gap));
        }
        out.push_str(key);
        out.push(':');
        match value {
            Node::Items(list) => {
                out.push_str(nl);
                for m in list {
                    out.push_str(&item(m, dash + gap + 2, 2, nl));
                }
            }
            other => {
                out.push(' ');
                out.push_str(&inline(other));
                out.push_str(nl);
            }
        }
    }
    out
}

/// What the text of `map` reads back as.
pub fn to_value(map: &Map) -> Value {
    let mut m = serde_yaml::Mapping::new();
    for (key, node) in map {
        m.insert(Value::String((*key).to_string()), node_value(node));
    }
    Value::Mapping(m)
}

fn node_value(node: &Node) -> Value {
    match node {
        Node::Text(s) | Node::Word(s) => Value::String(s.clone()),
        Node::Number(v) => Value::Number((*v).into()),
        Node::Flow(list) => Value::Sequence(list.iter().map(node_value).collect()),
        Node::Items(list) => Value::Sequence(list.iter().map(to_value).collect()),
    }
}

/// Whether two values are the same data: numbers by value (`1200` and
/// `1200.0`), mappings whatever their order.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => x == y,
        },
        (Value::Sequence(x), Value::Sequence(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Mapping(x), Value::Mapping(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Tagged(x), Value::Tagged(y)) => x.tag == y.tag && same(&x.value, &y.value),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reads_back(s: &str) {
        let text = format!("- key: {}\n", quoted(s));
        let value: Value = serde_yaml::from_str(&text)
            .unwrap_or_else(|e| panic!("serde_yaml cannot read {text:?}: {e}"));
        assert_eq!(value[0]["key"].as_str(), Some(s), "serde_yaml, {text:?}");
        let docs = yaml_rust2::YamlLoader::load_from_str(&text)
            .unwrap_or_else(|e| panic!("yaml-rust2 cannot read {text:?}: {e}"));
        assert_eq!(docs[0][0]["key"].as_str(), Some(s), "yaml-rust2, {text:?}");
        assert!(!quoted(s).contains(['\n', '\r']), "one line");
    }

    #[test]
    fn hostile_strings_read_back() {
        for s in [
            "",
            "a: #b",
            "key: value # not a comment",
            "\"quoted\" and 'single'",
            "line one\nline two\n",
            "---",
            "...",
            "--- \n...\n",
            "\ttab\tand  spaces ",
            " leading space",
            "- list?",
            "[flow, {map: 1}]",
            "&anchor *alias !tag %directive @ `",
            "back\\slash \\n",
            "nul\0bell\x07esc\x1bdel\x7f",
            "nel\u{85} ls\u{2028} ps\u{2029} bom\u{feff}",
            "c1\u{80}\u{9f} nbsp\u{a0} noncharacter\u{fffe}\u{ffff}",
            "emoji 🇫🇷 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "yes",
            "null",
            "1e3",
            "Corée du Nord : « démineurs »",
        ] {
            reads_back(s);
        }
    }

    proptest! {
        #[test]
        fn any_string_reads_back(s in any::<String>()) {
            reads_back(&s);
        }

        #[test]
        fn any_number_reads_back(v in proptest::num::f64::NORMAL | proptest::num::f64::ZERO) {
            let value: Value = serde_yaml::from_str(&format!("x: {}", number(v))).unwrap();
            prop_assert_eq!(value["x"].as_f64(), Some(v));
        }
    }

    #[test]
    fn words_stay_strings() {
        for s in [
            "a-1",
            "yes",
            "no",
            "on",
            "null",
            "nan",
            "inf",
            "e1",
            "2025",
            "2025-06",
            "2025-06-17",
            "x y",
            "Bad",
            "a:b",
        ] {
            let text = format!("x: {}", word(s));
            let value: Value = serde_yaml::from_str(&text).unwrap();
            assert_eq!(value["x"], Value::String(s.into()), "{text}");
        }
        assert_eq!(word("troops-kursk"), "troops-kursk");
        assert_eq!(word("2025-06-17"), "2025-06-17");
        assert_eq!(word("2025"), "\"2025\"");
        assert_eq!(word("yes"), "\"yes\"");
    }

    #[test]
    fn items_nest_like_the_shipped_files() {
        let map: Map = vec![
            ("id", Node::Word("c-1".into())),
            ("statement", Node::Text("A: b".into())),
            (
                "topics",
                Node::Flow(vec![Node::Word("t".into()), Node::Word("u v".into())]),
            ),
            (
                "figures",
                Node::Items(vec![vec![
                    ("metric", Node::Word("m".into())),
                    ("value", Node::Number(1200.0)),
                    ("low", Node::Number(0.5)),
                ]]),
            ),
            (
                "evidence",
                Node::Items(vec![vec![
                    ("article", Node::Word("a".into())),
                    ("quote", Node::Text("q".into())),
                ]]),
            ),
        ];
        let text = item(&map, 0, 2, "\n");
        assert_eq!(
            text,
            "- id: c-1\n  statement: \"A: b\"\n  topics: [t, \"u v\"]\n  figures:\n    - metric: m\n      value: 1200\n      low: 0.5\n  evidence:\n    - article: a\n      quote: \"q\"\n"
        );
        let read: Value = serde_yaml::from_str(&text).unwrap();
        assert!(same(&read, &Value::Sequence(vec![to_value(&map)])));
        let indented = item(&map[..2].to_vec(), 4, 4, "\r\n");
        assert_eq!(
            indented,
            "    -   id: c-1\r\n        statement: \"A: b\"\r\n"
        );
    }
}
