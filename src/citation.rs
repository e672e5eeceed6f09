//! Citation syntax in Markdown text, as Pandoc and Quarto write it:
//! `[@key]`, or several keys at once, `[@a; @b]`. In CommonMark this is
//! not a link but plain text in brackets, so it is found in the text of a
//! run of inline events (see `load/prose.rs`), never in code, and only
//! where its brackets, `@` and `;` were written as such: an escaped `\[@`
//! or an entity is text.
//!
//! A key starts with a letter, a digit or `_` and may hold internal
//! punctuation (`:.#$%&-+?<>~/`), as Pandoc's citation keys do; the caller
//! says what a key names. Prefixes, locators and bare `@key` are not
//! citations here. Text in, byte ranges out; it imports nothing.

use std::ops::Range;

/// One bracketed group of citations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The group, brackets included, in the text.
    pub range: Range<usize>,
    /// Each key (without its `@`), in the text, in order.
    pub keys: Vec<Range<usize>>,
}

/// Punctuation allowed inside a key, between letters or digits.
fn internal_punct(c: u8) -> bool {
    b":.#$%&-+?<>~/".contains(&c)
}

fn key_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// The citation groups in `text`. `literal(i)` tells whether byte `i` of
/// the text was written as it stands in the source (not escaped, not an
/// entity): only such bytes can be syntax.
pub fn groups(text: &str, literal: impl Fn(usize) -> bool) -> Vec<Group> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = memchr::memchr(b'[', &b[from..]).map(|k| from + k) {
        match group_at(b, at, &literal) {
            Some(g) => {
                from = g.range.end;
                out.push(g);
            }
            None => from = at + 1,
        }
    }
    out
}

/// The group that starts with the `[` at `at`, if one does.
fn group_at(b: &[u8], at: usize, literal: &impl Fn(usize) -> bool) -> Option<Group> {
    let syntax = |i: usize, c: u8| b.get(i) == Some(&c) && literal(i);
    if !syntax(at, b'[') {
        return None;
    }
    let space = |i: &mut usize| {
        while matches!(b.get(*i), Some(b' ' | b'\t' | b'\n')) {
            *i += 1;
        }
    };
    let mut keys = Vec::new();
    let mut i = at + 1;
    loop {
        space(&mut i);
        if !syntax(i, b'@') {
            return None;
        }
        i += 1;
        let start = i;
        while i < b.len() && literal(i) {
            let c = b[i];
            let inner =
                internal_punct(c) && i > start && b.get(i + 1).is_some_and(|&n| key_char(n));
            if key_char(c) || inner {
                i += 1;
            } else {
                break;
            }
        }
        if i == start {
            return None;
        }
        keys.push(start..i);
        space(&mut i);
        if syntax(i, b';') {
            i += 1;
        } else if syntax(i, b']') {
            return Some(Group {
                range: at..i + 1,
                keys,
            });
        } else {
            return None;
        }
    }
}

/// Markdown with its citation groups taken out, with the spaces before
/// them (for a plain-text description): `workers [@a].` → `workers.`.
pub fn without_citations(md: &str) -> String {
    let b = md.as_bytes();
    let unescaped = |i: usize| b[..i].iter().rev().take_while(|&&c| c == b'\\').count() % 2 == 0;
    let mut out = String::with_capacity(md.len());
    let mut from = 0;
    for g in groups(md, unescaped) {
        out.push_str(md[from..g.range.start].trim_end_matches([' ', '\t']));
        from = g.range.end;
    }
    out.push_str(&md[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_taken_out_of_plain_text() {
        assert_eq!(
            without_citations("About 15,000 [@a; @b]. Then [@c]"),
            "About 15,000. Then"
        );
        assert_eq!(without_citations("No \\[@a] here"), "No \\[@a] here");
        assert_eq!(without_citations("plain"), "plain");
    }

    fn keys(text: &str) -> Vec<Vec<&str>> {
        groups(text, |_| true)
            .iter()
            .map(|g| g.keys.iter().map(|k| &text[k.clone()]).collect())
            .collect()
    }

    #[test]
    fn one_or_several_keys_in_brackets() {
        assert_eq!(
            keys("See [@a] and [@b-2; @c]."),
            [vec!["a"], vec!["b-2", "c"]]
        );
        assert_eq!(keys("[ @a ;\n@b ]"), [vec!["a", "b"]]);
        assert_eq!(keys("[@a;@b]"), [vec!["a", "b"]]);
        // Internal punctuation, not trailing.
        assert_eq!(keys("[@doe.2020:12]"), [vec!["doe.2020:12"]]);
        let g = groups("x [@a.] y", |_| true);
        assert!(g.is_empty(), "{g:?}");
    }

    #[test]
    fn what_is_not_a_citation() {
        for text in [
            "[see @a]",
            "[@a, p. 3]",
            "@a alone",
            "[@]",
            "[@ a]",
            "[@a",
            "[@a; ]",
            "[@a; b]",
            "mail me [at] x@y.org",
            "[]",
        ] {
            assert!(groups(text, |_| true).is_empty(), "{text}");
        }
    }

    #[test]
    fn escaped_syntax_is_text() {
        // The `[` at 0 was written `\[`: not literal.
        assert!(groups("[@a]", |i| i != 0).is_empty());
        assert!(groups("[@a; @b]", |i| i != 3).is_empty());
        assert_eq!(groups("[@a] [@b]", |i| i != 0).len(), 1);
    }

    #[test]
    fn ranges_cover_the_brackets() {
        let g = &groups("ab [@x; @y] cd", |_| true)[0];
        assert_eq!(g.range, 3..11);
        assert_eq!(g.keys, [5..6, 9..10]);
    }
}
