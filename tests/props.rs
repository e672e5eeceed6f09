//! Properties of quote normalisation and location (`src/anchor/normalise.rs`,
//! `src/anchor/locate.rs`), on text rich in what articles collected from
//! the web contain: combining marks, no-break and thin spaces, zero-width
//! characters and soft hyphens, typographic quotes and apostrophes,
//! right-to-left scripts and controls, emoji sequences, Chinese and
//! Japanese (whose white space counts as nothing).

use dossier::anchor::locate::{Located, Query, closest_passage, ellipsize, locate_all};
use dossier::anchor::normalise::{NormText, normalize};
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeSet;

/// Characters that normalisation drops (`anchor/normalise.rs`, `fold`).
const DROPPED: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
];

fn tricky_char() -> impl Strategy<Value = char> {
    let chars = vec![
        // ASCII letters, digits, punctuation and white space
        'a',
        'e',
        'o',
        'E',
        'x',
        '1',
        '0',
        '.',
        ',',
        ':',
        ' ',
        ' ',
        ' ',
        '\t',
        '\n',
        '\r',
        '\'',
        '"', // Latin, precomposed and combining marks (acute, cedilla, diaeresis, stacked)
        'é',
        'è',
        'ç',
        'É',
        'ß',
        '\u{301}',
        '\u{300}',
        '\u{327}',
        '\u{308}',
        '\u{344}',
        '\u{340}',
        '\u{F73}',
        '\u{20DD}', // spaces that fold to a space
        '\u{A0}',
        '\u{202F}',
        '\u{2009}',
        '\u{2000}',
        '\u{3000}',
        '\u{2028}',
        '\u{85}',
        // dropped characters
        '\u{200B}',
        '\u{200C}',
        '\u{200D}',
        '\u{2060}',
        '\u{FEFF}',
        '\u{AD}',
        // typographic quotes and apostrophes
        '\u{2019}',
        '\u{2018}',
        '\u{201C}',
        '\u{201D}',
        '\u{AB}',
        '\u{BB}',
        '\u{2032}',
        '\u{FF07}', // right to left: Hebrew, Arabic, marks and embeddings
        'ש',
        'ל',
        'ם',
        '\u{5B4}',
        '\u{FB1D}',
        'م',
        'ر',
        'ح',
        '\u{64E}',
        '\u{200F}',
        '\u{202B}',
        '\u{202C}',
        '\u{2067}',
        '\u{2069}', // emoji: ZWJ sequences, skin tones, flags
        '\u{1F468}',
        '\u{1F469}',
        '\u{1F3FB}',
        '\u{1F1EB}',
        '\u{1F1F7}',
        '\u{FE0F}',
        '\u{2764}',
        // Hangul jamo and syllables, Devanagari with virama, Ω compatibility
        '\u{1100}',
        '\u{1161}',
        '\u{11A8}',
        '\u{AC00}',
        'क',
        '\u{94D}',
        'ष',
        '\u{2126}',
        // Chinese and Japanese, whose white space counts as nothing: Han,
        // kana and a voicing mark, punctuation, full-width forms
        '漢',
        '字',
        'か',
        '\u{3099}',
        '。',
        '「',
        '１',
        '\u{FF02}',
    ];
    prop_oneof![
        6 => prop::sample::select(chars),
        1 => any::<char>(),
    ]
}

fn tricky_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// Pieces of rendered text (Markdown text events) and block breaks.
fn pieces() -> impl Strategy<Value = Vec<Option<String>>> {
    prop::collection::vec(
        prop_oneof![6 => tricky_string(12).prop_map(Some), 1 => Just(None)],
        0..8,
    )
}

/// Pieces with long stretches of ASCII (words, runs of white space) between
/// tricky characters, as article text has.
fn pieces_with_ascii() -> impl Strategy<Value = Vec<Option<String>>> {
    let part = prop_oneof![
        3 => "[a-z]{1,9}( |  |\t|\n| \n )?",
        1 => tricky_string(3),
    ];
    let piece = prop::collection::vec(part, 0..6).prop_map(|v| v.concat());
    prop::collection::vec(
        prop_oneof![6 => piece.prop_map(Some), 1 => Just(None)],
        0..6,
    )
}

fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

fn norm_text(pieces: &[Option<String>]) -> NormText {
    let mut text = NormText::new();
    let mut segment = 0;
    for p in pieces {
        match p {
            Some(s) => {
                text.push_segment(segment, s);
                segment += 1;
            }
            None => text.push_break(),
        }
    }
    text.finish()
}

/// The normaliser as it was before its origin map was run-length encoded
/// and ASCII copied by stretches: one origin per byte, every character
/// looked at with its neighbour. The fast one must give the same text, the
/// same origin for every byte and the same source pieces.
mod reference {
    use dossier::anchor::normalise::{NO_SEGMENT, Origin};
    use dossier::line_break::is_wide;
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::{canonical_combining_class, is_combining_mark};

    fn fold(c: char) -> Option<char> {
        Some(match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
            | '\u{FF07}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
            | '\u{2033}' | '\u{FF02}' => '"',
            '\u{00A0}'
            | '\u{202F}'
            | '\u{2000}'..='\u{200A}'
            | '\u{3000}'
            | '\u{205F}'
            | '\u{1680}'
            | '\u{0085}'
            | '\u{2028}'
            | '\u{2029}' => ' ',
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {
                return None;
            }
            c if c.is_whitespace() => ' ',
            c => c,
        })
    }

    #[derive(Default)]
    pub struct Norm {
        pub text: String,
        pub map: Vec<Origin>,
        last_space: bool,
    }

    impl Norm {
        pub fn new() -> Self {
            Norm {
                last_space: true,
                ..Norm::default()
            }
        }

        fn push_char(&mut self, c: char, origin: Origin) {
            let Some(c) = fold(c) else { return };
            if c == ' ' {
                if self.last_space {
                    return;
                }
                self.last_space = true;
            } else {
                // White space between two Chinese or Japanese characters
                // counts as nothing.
                let space_after_wide = self.text.strip_suffix(' ').and_then(|t| t.chars().last());
                if space_after_wide.is_some_and(is_wide) && is_wide(c) {
                    self.text.pop();
                    self.map.pop();
                }
                self.last_space = false;
            }
            let before = self.text.len();
            self.text.push(c);
            self.map
                .extend(std::iter::repeat_n(origin, self.text.len() - before));
        }

        pub fn push_segment(&mut self, segment: u32, s: &str) {
            let mut chars = s
                .char_indices()
                .filter(|&(_, c)| fold(c).is_some())
                .peekable();
            let mut first = true;
            while let Some((start, c)) = chars.next() {
                let continues = first && is_combining_mark(c);
                first = false;
                let mut group = String::from(c);
                let mut end = start + c.len_utf8();
                while let Some(&(i, n)) = chars.peek() {
                    if !is_combining_mark(n) {
                        break;
                    }
                    group.push(n);
                    end = i + n.len_utf8();
                    chars.next();
                }
                let mut origin = Origin {
                    segment,
                    start: start as u32,
                    end: end as u32,
                };
                if continues && let Some((tail, from)) = self.pop_cluster() {
                    group.insert_str(0, &tail);
                    if from.segment != NO_SEGMENT {
                        origin = from;
                    }
                }
                for n in group.nfc() {
                    self.push_char(n, origin);
                }
            }
        }

        fn pop_cluster(&mut self) -> Option<(String, Origin)> {
            if self.text.ends_with(' ') {
                return None;
            }
            let mut at = None;
            for (n, (i, c)) in self.text.char_indices().rev().enumerate() {
                if n == 32 {
                    return None;
                }
                at = Some(i);
                if canonical_combining_class(c) == 0 {
                    break;
                }
            }
            let at = at.map(|i| i + usize::from(self.text[i..].starts_with(' ')))?;
            let mut origin = self.map[at];
            for o in &self.map[at..] {
                if origin.segment == NO_SEGMENT {
                    origin = *o;
                } else if o.segment == origin.segment {
                    origin.start = origin.start.min(o.start);
                    origin.end = origin.end.max(o.end);
                }
            }
            let tail = self.text.split_off(at);
            self.map.truncate(at);
            self.last_space = self.text.is_empty() || self.text.ends_with(' ');
            Some((tail, origin))
        }

        pub fn push_break(&mut self) {
            self.push_char(
                ' ',
                Origin {
                    segment: NO_SEGMENT,
                    start: 0,
                    end: 0,
                },
            );
        }

        pub fn finish(mut self) -> Self {
            if self.text.ends_with(' ') {
                self.text.pop();
                self.map.pop();
            }
            self
        }

        pub fn pieces(&self, range: std::ops::Range<usize>) -> Vec<(u32, std::ops::Range<usize>)> {
            let mut out: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
            for o in &self.map[range] {
                if o.segment == NO_SEGMENT {
                    continue;
                }
                match out.last_mut() {
                    Some((seg, r)) if *seg == o.segment => {
                        r.start = r.start.min(o.start as usize);
                        r.end = r.end.max(o.end as usize);
                    }
                    _ => out.push((o.segment, o.start as usize..o.end as usize)),
                }
            }
            out
        }
    }
}

fn reference_text(pieces: &[Option<String>]) -> reference::Norm {
    let mut text = reference::Norm::new();
    let mut segment = 0;
    for p in pieces {
        match p {
            Some(s) => {
                text.push_segment(segment, s);
                segment += 1;
            }
            None => text.push_break(),
        }
    }
    text.finish()
}

fn bare(quote: &str) -> Query<'_> {
    Query {
        quote,
        prefix: None,
        suffix: None,
    }
}

proptest! {
    // Failures are kept as named tests (src/anchor/), not in a file.
    #![proptest_config(ProptestConfig {
        // PROPTEST_CASES=100000 for a longer run.
        cases: ProptestConfig::default().cases.max(2000),
        failure_persistence: None,
        max_global_rejects: 1_000_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn normalisation_is_idempotent(s in tricky_string(40)) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    /// Against the plain normaliser: the same text, the same origin for
    /// every byte, the same source pieces for every range.
    #[test]
    fn normaliser_matches_the_plain_one(pieces in pieces_with_ascii()) {
        let text = norm_text(&pieces);
        let plain = reference_text(&pieces);
        prop_assert_eq!(&text.text, &plain.text);
        prop_assert_eq!(text.origins(), plain.map.clone());
        let n = text.text.len();
        for i in 0..=n {
            for j in i..=n {
                prop_assert_eq!(text.pieces(i..j), plain.pieces(i..j), "{}..{}", i, j);
            }
        }
    }

    #[test]
    fn normalised_text_of_pieces_is_normalised(pieces in pieces()) {
        let text = norm_text(&pieces);
        prop_assert_eq!(text.origins().len(), text.text.len());
        prop_assert_eq!(normalize(&text.text), text.text.clone());
    }

    /// A quote cut from the normalised text, at any character boundaries,
    /// is found exactly there (less the one space normalisation trims at
    /// either end); without prefix/suffix it may be ambiguous, with the text
    /// around the cut as prefix and suffix it never is.
    #[test]
    fn quote_cut_from_normalised_text_is_found_where_cut(
        pieces in pieces(), i in any::<Index>(), j in any::<Index>()
    ) {
        let text = norm_text(&pieces);
        let t = text.text.as_str();
        let bounds: Vec<usize> = (0..=t.len()).filter(|&k| t.is_char_boundary(k)).collect();
        let (x, y) = (bounds[i.index(bounds.len())], bounds[j.index(bounds.len())]);
        let (start, end) = (x.min(y), x.max(y));
        let q = &t[start..end];
        prop_assume!(!q.trim().is_empty());
        let a = start + (q.len() - q.trim_start_matches(' ').len());
        let b = end - (q.len() - q.trim_end_matches(' ').len());
        prop_assert_eq!(normalize(q), &t[a..b]);
        let around = Query { quote: q, prefix: Some(&t[..start]), suffix: Some(&t[end..]) };
        let found = locate_all(&text, &[bare(q), around]);
        match &found[0] {
            Located::Found(r) => prop_assert_eq!(r.clone(), a..b),
            Located::Ambiguous { count, .. } => prop_assert!(*count >= 2),
            other => prop_assert!(false, "{:?}", other),
        }
        prop_assert_eq!(&found[1], &Located::Found(a..b));
    }

    /// A quote cut from the rendered text (the pieces, at boundaries that
    /// do not split a base character from its combining marks) is found
    /// where it was cut: the origin map of the located range covers every
    /// visible character of the cut, and nothing outside it.
    #[test]
    fn quote_cut_from_rendered_text_is_found_where_cut(
        pieces in pieces(), i in any::<Index>(), j in any::<Index>()
    ) {
        // Every character of the rendered text: (segment, byte range, char);
        // a block break is a space from no segment.
        let mut units: Vec<(Option<u32>, usize, usize, char)> = Vec::new();
        let mut segment = 0;
        for p in &pieces {
            match p {
                Some(s) => {
                    for (k, c) in s.char_indices() {
                        units.push((Some(segment), k, k + c.len_utf8(), c));
                    }
                    segment += 1;
                }
                None => units.push((None, 0, 0, ' ')),
            }
        }
        // Cut points: not before a combining mark (dropped characters
        // aside), which belongs to the character before it.
        let cuttable = |k: usize| {
            units[k..]
                .iter()
                .map(|u| u.3)
                .find(|c| !DROPPED.contains(c))
                .is_none_or(|c| !is_mark(c))
        };
        // Marks that start a piece are composed with the previous piece's
        // last character and take its origin.
        let mut leading = BTreeSet::new();
        let mut in_lead = false;
        for (k, u) in units.iter().enumerate() {
            if k == 0 || units[k - 1].0 != u.0 || u.0.is_none() {
                in_lead = u.0.is_some();
            }
            if DROPPED.contains(&u.3) {
                continue;
            }
            if in_lead && is_mark(u.3) {
                leading.insert(k);
            } else {
                in_lead = false;
            }
        }
        let bounds: Vec<usize> = (0..=units.len()).filter(|&k| cuttable(k)).collect();
        let (x, y) = (bounds[i.index(bounds.len())], bounds[j.index(bounds.len())]);
        let (start, end) = (x.min(y), x.max(y));
        let string = |us: &[(Option<u32>, usize, usize, char)]| us.iter().map(|u| u.3).collect::<String>();
        let quote = string(&units[start..end]);
        prop_assume!(!normalize(&quote).is_empty());
        let (prefix, suffix) = (string(&units[..start]), string(&units[end..]));
        let text = norm_text(&pieces);
        let query = Query { quote: &quote, prefix: Some(&prefix), suffix: Some(&suffix) };
        let found = locate_all(&text, &[query]);
        let Located::Found(r) = &found[0] else {
            return Err(TestCaseError::fail(format!("{quote:?} in {:?}: {:?}", text.text, found[0])));
        };
        let covered: BTreeSet<(u32, usize)> = text
            .pieces(r.clone())
            .into_iter()
            .flat_map(|(seg, range)| range.map(move |b| (seg, b)))
            .collect();
        // Every visible character of the cut is covered...
        for (k, &(seg, from, to, c)) in units.iter().enumerate().take(end).skip(start) {
            let visible = !DROPPED.contains(&c)
                && !leading.contains(&k)
                && !normalize(&c.to_string()).trim().is_empty();
            if let (Some(seg), true) = (seg, visible) {
                prop_assert!(
                    (from..to).all(|b| covered.contains(&(seg, b))),
                    "{:?} of {:?} not covered by {:?}", c, quote, covered
                );
            }
        }
        // ...and nothing outside it is.
        let inside: BTreeSet<(u32, usize)> = units[start..end]
            .iter()
            .filter_map(|&(seg, from, to, _)| seg.map(|s| (s, from, to)))
            .flat_map(|(s, from, to)| (from..to).map(move |b| (s, b)))
            .collect();
        prop_assert!(covered.is_subset(&inside), "{:?} outside {:?}", covered, quote);
    }

    #[test]
    fn locating_any_quote_never_panics(
        pieces in pieces(),
        quotes in prop::collection::vec(
            (tricky_string(10), proptest::option::of(tricky_string(6)), proptest::option::of(tricky_string(6))),
            1..4,
        ),
    ) {
        let text = norm_text(&pieces);
        let queries: Vec<Query<'_>> = quotes
            .iter()
            .map(|(q, p, s)| Query { quote: q, prefix: p.as_deref(), suffix: s.as_deref() })
            .collect();
        for (query, located) in queries.iter().zip(locate_all(&text, &queries)) {
            if let Located::Found(r) = located {
                prop_assert_eq!(&text.text[r.clone()], normalize(query.quote));
                text.pieces(r);
            }
        }
    }

    #[test]
    fn closest_passage_and_ellipsize_never_panic(
        text in tricky_string(60), quote in tricky_string(20), max in 0usize..40
    ) {
        for (t, q) in [(text.clone(), quote.clone()), (normalize(&text), normalize(&quote))] {
            if let Some(p) = closest_passage(&t, &q) {
                let p = p.strip_suffix('…').unwrap_or(&p);
                prop_assert!(t.contains(p), "{:?} not in {:?}", p, t);
            }
        }
        for s in [&text, &quote] {
            let e = ellipsize(s, max);
            prop_assert!(e.chars().count() <= max + 1);
            let cut = e.strip_suffix('…').unwrap_or(&e);
            prop_assert!(s.starts_with(cut));
        }
    }
}
