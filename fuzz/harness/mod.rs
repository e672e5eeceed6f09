//! The bodies of the fuzz targets, shared by `fuzz_targets/*.rs` and by the
//! crate's regression tests (`tests/fuzz_regressions.rs`), which replay
//! every input that ever crashed one of them.
#![allow(dead_code, reason = "each fuzz target uses one function")]

use dossier::anchor::article::{Article, Mark};
use dossier::anchor::locate::{Located, Query, closest_passage, ellipsize, locate_all};
use dossier::anchor::normalise::{NormText, normalize};
use dossier::fuzzing::{check, split_front_matter};
use std::ops::Range;

/// An article file, from bytes to checked quotes: decoding (UTF-8, BOM,
/// CRLF), front-matter splitting, YAML with spans, field checks, Markdown
/// and the location of a few quotes that cite it.
pub fn front_matter(data: &[u8]) {
    const SOURCES: &str = "- id: agency\n  name: Agency\n  kind: government\n  reliability: B\n";
    const TOPIC: &str = "---\ntitle: Topic\n---\nOverview.\n";
    const CLAIMS: &str = r#"- id: one
  statement: "One."
  topics: [topic]
  origin: agency
  evidence:
    - article: fuzzed
      quote: "the"
- id: two
  statement: "Two."
  topics: [topic]
  origin: agency
  evidence:
    - article: fuzzed
      quote: "l’agence a dit"
      prefix: "Selon"
      suffix: "."
"#;
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok((start, end, body)) = split_front_matter(text)
    {
        assert!(start <= end && end <= body && body <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert!(text.is_char_boundary(body));
    }
    check(&[
        ("sources.yaml", SOURCES.as_bytes()),
        ("topics/topic.md", TOPIC.as_bytes()),
        ("claims/c.yaml", CLAIMS.as_bytes()),
        ("articles/fuzzed.md", data),
    ]);
}

macro_rules! basic {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!("../../tests/fixtures/good/basic/content/", $path)).as_slice(),
        )
    };
}

/// A claims file: YAML parsing with the span map, item-by-item typing,
/// every reference and figure check, quote location and marking in the
/// articles of the `basic` test dossier, analysis, and the rendering of
/// every diagnostic.
pub fn claims(data: &[u8]) {
    // The `basic` test dossier without its claims (and without judgments,
    // which would cite them), so a good claims file yields a clean check;
    // one article loses its code block, slow to highlight and fuzzed by
    // `front_matter`.
    const TOPIC: &str = "---\ntitle: Dam safety\norder: 1\n---\nThe wall.\n";
    const BULLETIN: &str = "---
title: \"Orvenne dam: inspection bulletin\"
published: 2030-04-11
language: en
outlet: \"Orvenne Water Agency\"
reliability: B
---
The April inspection recorded three new cracks in the eastern wall.

Warning: <b onclick=x>do not approach the spillway</b> until further notice.

<script>alert(1)</script>

Readings are published every morning.
";
    check(&[
        ("articles/agency-bulletin.md", BULLETIN.as_bytes()),
        basic!("articles/courrier-barrage.md"),
        basic!("articles/valley-times-dam.md"),
        ("topics/dam-safety.md", TOPIC.as_bytes()),
        basic!("topics/evacuation.md"),
        basic!("sources.yaml"),
        basic!("metrics.yaml"),
        ("claims/fuzzed.yaml", data),
    ]);
}

/// Quote normalisation and location. The input is 4 bytes (cut start and
/// length, u16 little-endian) then UTF-8 fields separated by NUL: the
/// article (text pieces separated by U+0001, blocks by U+0002; also parsed
/// as Markdown), a quote, its prefix and its suffix.
///
/// Checks: normalisation is idempotent; a quote cut from the normalised
/// text is found exactly where it was cut (or is ambiguous without
/// prefix/suffix, and found with the text around it as prefix/suffix);
/// nothing panics on any quote, including the closest-passage hint, the
/// origin map and the marking of the passages in the Markdown.
pub fn quote(data: &[u8]) {
    if data.len() < 4 {
        return;
    }
    let (ctl, rest) = data.split_at(4);
    let Ok(rest) = std::str::from_utf8(rest) else {
        return;
    };
    let start = usize::from(u16::from_le_bytes([ctl[0], ctl[1]]));
    let len = usize::from(u16::from_le_bytes([ctl[2], ctl[3]]));
    let mut fields = rest.split('\0');
    let article = fields.next().unwrap_or("");
    let query = Query {
        quote: fields.next().unwrap_or(""),
        prefix: fields.next(),
        suffix: fields.next(),
    };

    for s in [article, query.quote] {
        let once = normalize(s);
        assert_eq!(normalize(&once), once, "normalisation of {s:?}");
    }

    let mut text = NormText::new();
    let mut segment = 0;
    for (i, block) in article.split('\u{2}').enumerate() {
        if i > 0 {
            text.push_break();
        }
        for piece in block.split('\u{1}') {
            text.push_segment(segment, piece);
            segment += 1;
        }
    }
    let text = text.finish();
    assert_eq!(text.origins().len(), text.text.len());
    check_cut(&text, start, len);
    if let Located::Found(r) = &locate_all(&text, &[query])[0] {
        assert_eq!(&text.text[r.clone()], normalize(query.quote));
        text.pieces(r.clone());
    }
    closest_passage(&text.text, query.quote);
    closest_passage(query.quote, &text.text);
    ellipsize(article, start % 256);
    ellipsize(query.quote, len % 64);

    let md = Article::parse(article);
    let mut queries = vec![query];
    let cut = cut(&md.text.text, start, len).map(|r| md.text.text[r].to_string());
    if let Some(c) = &cut {
        queries.push(Query {
            quote: c,
            prefix: None,
            suffix: None,
        });
    }
    let marks: Vec<Mark> = locate_all(&md.text, &queries)
        .into_iter()
        .enumerate()
        .filter_map(|(i, l)| match l {
            Located::Found(range) => Some(Mark {
                range,
                anchor: format!("q-{i}"),
                marker: format!("<sup>{i}</sup>"),
            }),
            _ => None,
        })
        .collect();
    md.render(&marks);
}

/// At most this many occurrences of one quote are kept (`anchor/locate.rs`).
const MAX_OCCURRENCES: usize = 1000;

/// A range of `text` cut at character boundaries, with a non-space
/// character in it.
fn cut(text: &str, start: usize, len: usize) -> Option<Range<usize>> {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let a = floor(start % (text.len() + 1));
    let b = floor(a + len % (text.len() - a + 1));
    (!text[a..b].trim().is_empty()).then_some(a..b)
}

fn check_cut(text: &NormText, start: usize, len: usize) {
    let t = text.text.as_str();
    let Some(r) = cut(t, start, len) else {
        return;
    };
    let q = &t[r.clone()];
    // The text has single spaces and none at its ends: the quote loses at
    // most one space at each end.
    let a = r.start + (q.len() - q.trim_start_matches(' ').len());
    let b = r.end - (q.len() - q.trim_end_matches(' ').len());
    assert_eq!(normalize(q), &t[a..b], "a cut is normalised text already");
    let around = Query {
        quote: q,
        prefix: Some(&t[..r.start]),
        suffix: Some(&t[r.end..]),
    };
    let bare = Query {
        quote: q,
        prefix: None,
        suffix: None,
    };
    match &locate_all(text, &[bare, around])[..] {
        [first, second] => {
            match first {
                Located::Found(found) => assert_eq!(*found, a..b, "cut {q:?}"),
                Located::Ambiguous { count, .. } => assert!(*count >= 2),
                other => panic!("cut {q:?} at {a}..{b}: {other:?}"),
            }
            match second {
                Located::Found(found) => assert_eq!(*found, a..b, "cut {q:?}"),
                Located::Ambiguous { count, .. } if *count == MAX_OCCURRENCES => {}
                other => panic!("cut {q:?} at {a}..{b} with the text around: {other:?}"),
            }
        }
        other => panic!("{other:?}"),
    }
}

/// The quick YAML reader against serde_yaml: when it reads a text at all,
/// it must read what serde_yaml reads.
pub fn quick_yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Some(quick) = dossier::load::yaml::quick::parse(text) else {
        return;
    };
    match serde_yaml::from_str::<serde_yaml::Value>(text) {
        // `Debug`, so that NaN compares equal to NaN.
        Ok(v) => assert_eq!(format!("{v:?}"), format!("{quick:?}"), "{text:?}"),
        Err(e) => panic!("serde_yaml fails ({e}) where the quick reader reads {quick:?}: {text:?}"),
    }
}
