//! A selection on an article page → the quote the build will match, by
//! the build's own code: the article's text as anchoring reads it
//! ([`Article::parse`], normalised by [`normalise`](crate::anchor::normalise)),
//! the selection normalised the same way, and every answer checked with
//! [`locate_all`], the function that checks quotes and their `prefix` or
//! `suffix` in a build.
//!
//! The page sends the selected text and some text on either side of it;
//! when the quote occurs more than once, that context tells which
//! occurrence was selected, and the shortest `prefix` (whole words just
//! before) or `suffix` (just after) that singles it out is proposed.

use crate::anchor::article::Article;
use crate::anchor::locate::{Located, Query, locate_all};
use crate::anchor::normalise::normalize;
use crate::load::split_front_matter;
use crate::source::SourceFile;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What the page sends: the selected text, and text before and after it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selection {
    /// The article's slug.
    pub article: String,
    /// The selected text.
    pub text: String,
    /// Text of the page just before the selection.
    #[serde(default)]
    pub before: String,
    /// Text of the page just after it.
    #[serde(default)]
    pub after: String,
}

/// The quote the selection makes.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Quote {
    /// The selection, normalised as quotes are matched.
    pub quote: String,
    /// `unique`; `singled-out` (by `prefix` or `suffix`); `ambiguous`
    /// (nothing within reach singles it out); `not-found`; `empty`.
    pub status: &'static str,
    /// Occurrences of the quote in the article.
    pub count: usize,
    /// Text just before, when needed.
    pub prefix: Option<String>,
    /// Text just after, when needed (and shorter than any prefix).
    pub suffix: Option<String>,
    /// For a quote not found: the closest passage, as the build's hint.
    pub closest: Option<String>,
    /// For a quote not found: it matches if case is ignored.
    pub case_differs: bool,
}

/// Most words a proposed prefix or suffix has.
const MAX_WORDS: usize = 40;

/// The body of the article `slug` of the dossier at `root`, as anchoring
/// reads it (newlines folded, front matter cut off).
pub fn article_body(root: &Path, slug: &str) -> Result<String, String> {
    if !crate::model::is_id(slug) {
        return Err(format!("`{slug}` is not an article slug"));
    }
    let path = root.join("content/articles").join(format!("{slug}.md"));
    let bytes =
        std::fs::read(&path).map_err(|e| format!("cannot read content/articles/{slug}.md: {e}"))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("content/articles/{slug}.md is not valid UTF-8"))?;
    let file = SourceFile::new(String::new(), path, text);
    let (_, _, body) =
        split_front_matter(&file.text).map_err(|e| format!("content/articles/{slug}.md: {e}"))?;
    Ok(file.text[body..].to_string())
}

/// The quote `sel` makes in an article whose Markdown body is `body`.
pub fn quote_of(body: &str, sel: &Selection) -> Quote {
    let article = Article::parse(body);
    let text = &article.text;
    let quote = normalize(&sel.text);
    let mut answer = Quote {
        quote: quote.clone(),
        status: "empty",
        count: 0,
        prefix: None,
        suffix: None,
        closest: None,
        case_differs: false,
    };
    let bare = Query {
        quote: &quote,
        prefix: None,
        suffix: None,
    };
    match locate_all(text, &[bare]).remove(0) {
        Located::Empty => answer,
        Located::Found(_) => Quote {
            status: "unique",
            count: 1,
            ..answer
        },
        Located::NotFound {
            closest,
            case_differs,
        } => Quote {
            status: "not-found",
            closest,
            case_differs,
            ..answer
        },
        Located::Ambiguous { count, .. } => {
            answer.count = count;
            let at = selected(&text.text, &quote, sel);
            let before = cuts(&text.text[..at], Side::Before);
            let after = cuts(&text.text[at + quote.len()..], Side::After);
            let alone = |p: Option<&str>, s: Option<&str>| singles_out(text, &quote, at, p, s);
            let prefix = before.iter().find(|c| alone(Some(c), None));
            let suffix = after.iter().find(|c| alone(None, Some(c)));
            let chars = |c: Option<&&str>| c.map_or(usize::MAX, |c| c.chars().count());
            let (prefix, suffix) = match (prefix, suffix) {
                (None, None) => both(&before, &after, alone),
                (p, s) if chars(p) <= chars(s) => (p.copied(), None),
                (_, s) => (None, s.copied()),
            };
            answer.status = if prefix.is_none() && suffix.is_none() {
                "ambiguous"
            } else {
                "singled-out"
            };
            answer.prefix = prefix.map(str::to_string);
            answer.suffix = suffix.map(str::to_string);
            answer
        }
    }
}

/// Most words tried on each side together, when neither a prefix nor a
/// suffix alone singles an occurrence out.
const MAX_BOTH: usize = 12;

/// The prefix and suffix with the fewest words between them that single
/// the occurrence out together, if any does within [`MAX_BOTH`] words a
/// side.
fn both<'a>(
    before: &[&'a str],
    after: &[&'a str],
    alone: impl Fn(Option<&str>, Option<&str>) -> bool,
) -> (Option<&'a str>, Option<&'a str>) {
    let (before, after) = (
        &before[..before.len().min(MAX_BOTH)],
        &after[..after.len().min(MAX_BOTH)],
    );
    for total in 2..=before.len() + after.len() {
        for (i, p) in before.iter().enumerate() {
            let Some(s) = total.checked_sub(i + 2).and_then(|j| after.get(j)) else {
                continue;
            };
            if alone(Some(p), Some(s)) {
                return (Some(p), Some(s));
            }
        }
    }
    (None, None)
}

/// Start of every occurrence of `quote` in `text`, overlapping ones
/// included (as the build counts them).
fn starts(text: &str, quote: &str) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(quote.as_bytes());
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = finder.find(&text.as_bytes()[from..]) {
        out.push(from + i);
        from += i + 1;
    }
    out
}

/// The occurrence of `quote` whose surroundings agree best with the text
/// the page sent around the selection (the first, on a tie).
fn selected(text: &str, quote: &str, sel: &Selection) -> usize {
    let before = normalize(&sel.before);
    let after = normalize(&sel.after);
    let mut best = (0, 0);
    for (k, s) in starts(text, quote).into_iter().enumerate() {
        let left = text[..s].trim_end();
        let right = text[s + quote.len()..].trim_start();
        let common_end = left
            .chars()
            .rev()
            .zip(before.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let common_start = right
            .chars()
            .zip(after.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let score = common_end + common_start;
        if k == 0 || score > best.1 {
            best = (s, score);
        }
    }
    best.0
}

#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

/// The candidate prefixes (whole words at the end of `context`, the text
/// before the quote) or suffixes (at its start), shortest first, at most
/// [`MAX_WORDS`] words.
fn cuts(context: &str, side: Side) -> Vec<&str> {
    // Normalised text has single spaces: the cut points are the spaces.
    let cuts: Vec<&str> = match side {
        Side::Before => {
            let context = context.trim_end();
            context
                .match_indices(' ')
                .rev()
                .map(|(i, _)| &context[i + 1..])
                .chain(std::iter::once(context))
                .collect()
        }
        Side::After => {
            let context = context.trim_start();
            context
                .match_indices(' ')
                .map(|(i, _)| &context[..i])
                .chain(std::iter::once(context))
                .collect()
        }
    };
    cuts.into_iter()
        .filter(|c| !c.is_empty())
        .take(MAX_WORDS)
        .collect()
}

/// Whether the build, given `prefix` and `suffix`, finds the occurrence
/// of `quote` at `at` and no other.
fn singles_out(
    text: &crate::anchor::normalise::NormText,
    quote: &str,
    at: usize,
    prefix: Option<&str>,
    suffix: Option<&str>,
) -> bool {
    let query = Query {
        quote,
        prefix,
        suffix,
    };
    matches!(locate_all(text, &[query]).as_slice(), [Located::Found(r)] if r.start == at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(text: &str, before: &str, after: &str) -> Selection {
        Selection {
            article: "a".into(),
            text: text.into(),
            before: before.into(),
            after: after.into(),
        }
    }

    const BODY: &str = "The mayor said the dam held.\n\nLater, *the mayor said* the dam \
                        would hold; the agency said nothing. In the end the mayor said it again.\n";

    #[test]
    fn unique_quotes_are_normalised_as_the_build_does() {
        let q = quote_of(BODY, &sel("  the agency\u{a0}said \n nothing ", "", ""));
        assert_eq!(q.quote, "the agency said nothing");
        assert_eq!(q.status, "unique");
        assert_eq!(q.count, 1);
        let body = "L’accord « signé » hier.\n";
        let typographic = quote_of(body, &sel("L’accord «\u{202f}signé\u{202f}»", "", ""));
        assert_eq!(
            (typographic.quote.as_str(), typographic.status),
            ("L'accord \" signé \"", "unique")
        );
        let typed = quote_of(body, &sel("L'accord \"signé\"", "", ""));
        assert_eq!(typed.status, "not-found", "the spaces inside « » count");
    }

    #[test]
    fn repeated_quotes_get_the_shortest_prefix_or_suffix_for_the_selected_one() {
        // Twice (case matters); the context says the first (inside
        // emphasis): "the" after it is shorter than "Later," before it.
        let q = quote_of(
            BODY,
            &sel("the mayor said", "dam held. Later,", "the dam would hold"),
        );
        assert_eq!(q.count, 2);
        assert_eq!(q.status, "singled-out");
        assert_eq!((q.prefix, q.suffix.as_deref()), (None, Some("the")));
        // The second: "it" after it.
        let q = quote_of(BODY, &sel("the mayor said", "In the end", "it again."));
        assert_eq!((q.prefix, q.suffix.as_deref()), (None, Some("it")));
        let q = quote_of(BODY, &sel("said", "In the end the mayor", "it again."));
        assert_eq!(q.count, 4);
        assert_eq!((q.prefix, q.suffix.as_deref()), (None, Some("it")));
        let q = quote_of(BODY, &sel("said", "Later, the mayor", "the dam would"));
        // `Later, the mayor` (16 characters) or `the dam would` (13; `the
        // dam` fits the first occurrence too): the shorter.
        assert_eq!(
            (q.prefix, q.suffix.as_deref()),
            (None, Some("the dam would"))
        );
        // The first: nothing before it, so a suffix.
        let q = quote_of(BODY, &sel("The mayor said", "", "the dam held."));
        assert_eq!(q.status, "unique", "case matters: `The` occurs once");
        let q = quote_of(BODY, &sel("mayor said", "", "the dam held."));
        assert_eq!(
            (q.prefix.as_deref(), q.suffix.as_deref()),
            (Some("The"), None)
        );
    }

    #[test]
    fn what_the_build_accepts_is_what_is_proposed() {
        let body = "a b a b a b a b\n";
        for (before, after) in [
            ("", "b a b a b a b"),
            ("a b a b", "b a b"),
            ("a b a b a b", "b"),
        ] {
            let q = quote_of(body, &sel("a", before, after));
            let chosen = selected("a b a b a b a b", "a", &sel("a", before, after));
            let article = Article::parse(body);
            let query = Query {
                quote: "a",
                prefix: q.prefix.as_deref(),
                suffix: q.suffix.as_deref(),
            };
            assert_eq!(
                locate_all(&article.text, &[query]),
                vec![Located::Found(chosen..chosen + 1)],
                "{before:?}: {q:?}"
            );
        }
    }

    #[test]
    fn misses_get_the_builds_hint() {
        let q = quote_of(BODY, &sel("the Agency said nothing", "", ""));
        assert_eq!(q.status, "not-found");
        assert!(q.case_differs);
        assert!(q.closest.is_some());
        assert_eq!(quote_of(BODY, &sel(" \u{200b} ", "", "")).status, "empty");
        let q = quote_of("x x\n", &sel("x x x", "", ""));
        assert_eq!(q.status, "not-found");
    }

    #[test]
    fn article_bodies_are_read_as_anchoring_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let articles = dir.path().join("content/articles");
        std::fs::create_dir_all(&articles).unwrap();
        std::fs::write(
            articles.join("a.md"),
            "\u{feff}---\r\ntitle: T\r\n---\r\nBody\r\n",
        )
        .unwrap();
        assert_eq!(article_body(dir.path(), "a").unwrap(), "Body\n");
        assert!(article_body(dir.path(), "../a").is_err());
        assert!(
            article_body(dir.path(), "b")
                .unwrap_err()
                .contains("cannot read")
        );
    }
}
