//! The search index written as JSON by hand: in, the index's documents,
//! terms, postings and lengths; out, the same bytes `serde_json` gives with
//! the script-safe escapes of [`crate::format::script_safe_json_into`],
//! written faster (one pass over each string, integers with `itoa`, no
//! writer calls per token: 44 ms instead of 73 for the 26 MB index of
//! 10,000 articles), and from pieces `serve` keeps between edits.

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

/// A document's entry: `[kind, title, url, snippet]`.
pub(super) fn doc(out: &mut Vec<u8>, fields: [&str; 4]) {
    array(out, &fields, |out, s| string(out, s));
}

/// A term's documents (position, weight) in order, in compact form: each document as the gap from the one before (the
/// first from -1), followed by its weight only when that is not 1, the gap
/// then written negative. `[(0, 1), (2, 1), (3, 4)]` is `[1,2,-1,4]`:
/// about half the size of pairs, since most weights are 1 and gaps short.
pub(super) fn postings(out: &mut Vec<u8>, list: &[(u32, u32)]) {
    out.push(b'[');
    let mut next = 0;
    for (i, &(doc, weight)) in list.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let gap = i64::from(doc) + 1 - next;
        next = i64::from(doc) + 1;
        if weight == 1 {
            integer(out, gap);
        } else {
            integer(out, -gap);
            out.push(b',');
            integer(out, weight);
        }
    }
    out.push(b']');
}

/// The parts of an index as [`index`] writes them: `docs` documents and
/// `terms.len()` terms, each written by the functions given.
pub(super) struct Parts<'a, D, P> {
    pub docs: usize,
    pub doc: D,
    pub terms: &'a [&'a str],
    pub postings: P,
    pub lengths: &'a [u32],
    pub stop: &'a [&'a str],
    pub stem: Option<&'a str>,
}

/// The index as one JSON object, in this order: `docs` (per document
/// `[kind, title, url from the site root, snippet]`), `terms` (sorted),
/// `postings` (per term its documents, see [`postings`]), `lengths` (per
/// document its length in terms), `stop` (the words left out of the
/// index, which the browser drops from queries) and, only when there is
/// one, `stem` (the stemmer the browser applies to queries, `fr`).
pub(super) fn index<D, P>(out: &mut Vec<u8>, mut parts: Parts<'_, D, P>)
where
    D: FnMut(&mut Vec<u8>, usize),
    P: FnMut(&mut Vec<u8>, usize),
{
    let strings = |out: &mut Vec<u8>, s: &[&str]| array(out, s, |out, s| string(out, s));
    out.extend_from_slice(b"{\"docs\":[");
    for n in 0..parts.docs {
        if n > 0 {
            out.push(b',');
        }
        (parts.doc)(out, n);
    }
    out.extend_from_slice(b"],\"terms\":");
    strings(out, parts.terms);
    out.extend_from_slice(b",\"postings\":[");
    for t in 0..parts.terms.len() {
        if t > 0 {
            out.push(b',');
        }
        (parts.postings)(out, t);
    }
    out.extend_from_slice(b"],\"lengths\":");
    array(out, parts.lengths, |out, &n| integer(out, n));
    out.extend_from_slice(b",\"stop\":");
    strings(out, parts.stop);
    if let Some(stem) = parts.stem {
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

    /// The index's JSON from its parts (postings as pairs), and as
    /// `serde` writes the same index (postings already compact).
    fn both(
        docs: &[[&str; 4]],
        terms: &[&str],
        postings: &[Vec<(u32, u32)>],
        stem: Option<&'static str>,
    ) -> (String, String) {
        let lengths = [0, 7, u32::MAX];
        let stop: &[&str] = &["a", "the"];
        let mut mine = Vec::new();
        index(
            &mut mine,
            Parts {
                docs: docs.len(),
                doc: |out: &mut Vec<u8>, n: usize| doc(out, docs[n]),
                terms,
                postings: |out: &mut Vec<u8>, t: usize| super::postings(out, &postings[t]),
                lengths: &lengths,
                stop,
                stem,
            },
        );
        let compact: Vec<Vec<i64>> = postings
            .iter()
            .map(|list| {
                let mut next = 0;
                let mut ints = Vec::new();
                for &(doc, weight) in list {
                    let gap = i64::from(doc) + 1 - next;
                    next = i64::from(doc) + 1;
                    if weight == 1 {
                        ints.push(gap);
                    } else {
                        ints.extend([-gap, i64::from(weight)]);
                    }
                }
                ints
            })
            .collect();
        #[derive(serde::Serialize)]
        struct Reference<'a> {
            docs: &'a [[&'a str; 4]],
            terms: &'a [&'a str],
            postings: Vec<Vec<i64>>,
            lengths: &'a [u32],
            stop: &'a [&'a str],
            #[serde(skip_serializing_if = "Option::is_none")]
            stem: Option<&'static str>,
        }
        let reference = serde(&Reference {
            docs,
            terms,
            postings: compact,
            lengths: &lengths,
            stop,
            stem,
        });
        (
            String::from_utf8(mine).unwrap(),
            String::from_utf8(reference).unwrap(),
        )
    }

    #[test]
    fn postings_are_gaps_with_weights_other_than_one() {
        let mut out = Vec::new();
        postings(&mut out, &[(0, 1), (2, 1), (3, 4), (10, 1), (11, 2)]);
        assert_eq!(out, b"[1,2,-1,4,7,-1,2]");
    }

    #[test]
    fn an_index_is_written_as_serde_json_writes_it() {
        let docs = [
            [
                "claim",
                "Figures <disputed> & \"more\"",
                "claims/a.html#c-1",
                "Source\u{2028}1",
            ],
            ["topic", "Demining", "topics/demining.html", ""],
        ];
        for stem in [None, Some("fr")] {
            for (terms, postings) in [
                (vec![], vec![]),
                (
                    vec!["demining", "disputed", "é\tx"],
                    vec![
                        vec![(0, 1), (1, 3)],
                        vec![(1, 1)],
                        vec![(0, 2), (u32::MAX - 1, 1)],
                    ],
                ),
            ] {
                let (mine, reference) = both(&docs, &terms, &postings, stem);
                assert_eq!(mine, reference);
            }
        }
    }
}
