//! The search index written as JSON by hand: in, the index's documents,
//! terms, postings and lengths; out, the same bytes `serde_json` gives with
//! the script-safe escapes of [`crate::format::script_safe_json_into`],
//! written about three times faster (one pass over each string, integers
//! with `itoa`, no writer calls per token). At 10,000 articles the index is
//! 26 MB, written again at every edit in `serve`.

use super::Index;

/// Which bytes of a string JSON or a `<script>` needs escaped: `"`, `\`,
/// the controls, `<`, `>`, `&`, and 0xE2 (the first byte of U+2028 and
/// U+2029, escaped only when it starts one of them).
static ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[0xE2] = true;
    t
};

/// `s` as a JSON string, escaped as `serde_json` escapes it (controls as
/// `\n`, `\t`… or `\u00XX` in lower case) and script-safe.
pub(super) fn string(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut last = 0;
    for (at, &b) in bytes.iter().enumerate() {
        if !ESCAPED[b as usize] {
            continue;
        }
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            b'&' => b"\\u0026",
            0xE2 => match bytes.get(at + 1..at + 3) {
                Some([0x80, 0xA8]) => b"\\u2028",
                Some([0x80, 0xA9]) => b"\\u2029",
                _ => continue,
            },
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&bytes[last..at]);
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]);
                last = at + 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[last..at]);
        out.extend_from_slice(escape);
        // U+2028 and U+2029 are three bytes, the rest one; the two bytes
        // after 0xE2 are never escaped themselves.
        last = at + if b == 0xE2 { 3 } else { 1 };
    }
    out.extend_from_slice(&bytes[last..]);
    out.push(b'"');
}

/// `items` as a JSON array, each written by `item`.
fn array<T>(out: &mut Vec<u8>, items: &[T], mut item: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(out, x);
    }
    out.push(b']');
}

/// An integer as JSON.
fn integer(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// The index as one JSON object, its fields in the order of [`Index`]'s
/// (as `serde` writes them).
pub(super) fn index(out: &mut Vec<u8>, index: &Index<'_>) {
    let strings = |out: &mut Vec<u8>, s: &[&str]| array(out, s, |out, s| string(out, s));
    let estimate = index.docs.len() * 160 + index.postings.iter().map(Vec::len).sum::<usize>() * 3;
    out.reserve(estimate);
    out.extend_from_slice(b"{\"docs\":");
    array(out, &index.docs, |out, doc| strings(out, doc));
    out.extend_from_slice(b",\"terms\":");
    array(out, &index.terms, |out, t| string(out, t));
    out.extend_from_slice(b",\"postings\":");
    array(out, &index.postings, |out, p| {
        array(out, p, |out, &n| integer(out, n));
    });
    out.extend_from_slice(b",\"lengths\":");
    array(out, &index.lengths, |out, &n| integer(out, n));
    out.extend_from_slice(b",\"stop\":");
    strings(out, index.stop);
    if let Some(stem) = index.stem {
        out.extend_from_slice(b",\"stem\":");
        string(out, stem);
    }
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference: `serde_json` with the script-safe formatter.
    fn serde(v: &impl serde::Serialize) -> Vec<u8> {
        let mut out = Vec::new();
        crate::format::script_safe_json_into(&mut out, v);
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them_for_a_script() {
        let mut all: Vec<String> = (0u32..0x300)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b"))
            .collect();
        all.extend(
            [
                "",
                "plain",
                "\u{2028}",
                "x\u{2029}y",
                "\u{2027}\u{202A}",
                "€ and ‰",
                "</script>",
                "a & b > c",
                "\"quoted\" \\ back",
                "tab\there\nline\r\u{7f}",
                "\u{2028}\u{2028}<",
                "é\u{E2}",
                "Ωmega\u{1F600}",
            ]
            .map(String::from),
        );
        for s in &all {
            let mut mine = Vec::new();
            string(&mut mine, s);
            assert_eq!(
                String::from_utf8(mine).unwrap(),
                String::from_utf8(serde(s)).unwrap(),
                "{s:?}"
            );
        }
    }

    #[test]
    fn an_index_is_written_as_serde_json_writes_it() {
        let docs = vec![
            [
                "claim",
                "Figures <disputed> & \"more\"",
                "claims/a.html#c-1",
                "Source\u{2028}1",
            ],
            ["topic", "Demining", "topics/demining.html", ""],
        ];
        let terms = vec!["demining".to_string(), "disputed".into(), "é\tx".into()];
        for stem in [None, Some("fr")] {
            for postings in [
                vec![],
                vec![vec![1, -2, 5], vec![], vec![i32::MIN, i32::MAX]],
            ] {
                let index = Index {
                    docs: docs.clone(),
                    terms: terms.clone(),
                    postings,
                    lengths: vec![0, 7, u32::MAX],
                    stop: &["a", "the"],
                    stem,
                };
                let mut mine = Vec::new();
                super::index(&mut mine, &index);
                assert_eq!(
                    String::from_utf8(mine).unwrap(),
                    String::from_utf8(serde(&index)).unwrap()
                );
            }
        }
    }
}
