//! Normalisation of article text and quotes, so that a quote matches
//! whatever its typography: NFC, typographic quotes and apostrophes
//! folded to ASCII, no-break and thin spaces folded to a space,
//! zero-width characters dropped, white space collapsed, and white space
//! between two Chinese or Japanese characters ([`is_wide`]) dropped: those
//! languages put no space between words, so a line break inside their
//! paragraphs is nothing (see [`crate::line_break`]), and a quote matches
//! whether or not it has a space there. The article's
//! rendered text is normalised into one string while remembering, for
//! every normalised byte, which piece of the rendered text (a Markdown
//! text event, a *segment*) and which bytes of it it came from, so a
//! passage found in the normalised text can be marked in the original.

use crate::line_break::is_wide;
use std::ops::Range;
use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Segment number of text that comes from no source piece (block breaks).
pub const NO_SEGMENT: u32 = u32::MAX;

/// Where a normalised byte comes from: a segment and a byte range in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    /// Segment (text event) number, or [`NO_SEGMENT`].
    pub segment: u32,
    /// Start of the source bytes within the segment.
    pub start: u32,
    /// End of the source bytes within the segment.
    pub end: u32,
}

/// Normalised text with its origin map.
#[derive(Debug, Default)]
pub struct NormText {
    /// The normalised text.
    pub text: String,
    /// Where each byte of `text` comes from, run-length encoded (see
    /// [`Run`]): ASCII text, most of any article, is copied byte for byte,
    /// so one run covers a whole stretch of it.
    runs: Vec<Run>,
    last_space: bool,
}

/// The origins of the text bytes from `at` up to the next run's `at` (or
/// the end of the text). In a `step` run, byte `at + i` comes from source
/// bytes `start + i .. end + i`; otherwise every byte has the run's origin
/// (the bytes of one character, or of characters composed together).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    at: u32,
    origin: Origin,
    step: bool,
}

/// Folds one character: `None` drops it.
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
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// Whether the next kept character (if any) leaves the one before it
/// alone: it is not a combining mark to compose with it.
fn composes_with_nothing(next: Option<(usize, char)>) -> bool {
    next.is_none_or(|(_, n)| n.is_ascii() || !is_combining_mark(n))
}

impl NormText {
    /// An empty text; leading white space will be dropped.
    pub fn new() -> Self {
        NormText {
            text: String::new(),
            runs: Vec::new(),
            last_space: true,
        }
    }

    /// Records that the `len` bytes just added at the end of the text come
    /// from `origin` (`step`: ASCII bytes copied one for one, `origin`
    /// being the first's).
    fn note_origin(&mut self, origin: Origin, len: usize, step: bool) {
        let at = self.text.len() - len;
        if let Some(last) = self.runs.last() {
            let gone = (at as u32).wrapping_sub(last.at);
            let continued = if step {
                last.step
                    && last.origin.segment == origin.segment
                    && last.origin.start.wrapping_add(gone) == origin.start
                    && last.origin.end.wrapping_add(gone) == origin.end
            } else {
                !last.step && last.origin == origin
            };
            if continued {
                return;
            }
        }
        self.runs.push(Run {
            at: at as u32,
            origin,
            step,
        });
    }

    /// The origin of text byte `at` (which must exist).
    fn origin_at(&self, at: usize) -> Origin {
        let k = self.runs.partition_point(|r| r.at as usize <= at) - 1;
        let run = self.runs[k];
        if run.step {
            let d = at as u32 - run.at;
            Origin {
                segment: run.origin.segment,
                start: run.origin.start + d,
                end: run.origin.end + d,
            }
        } else {
            run.origin
        }
    }

    /// The origin of every byte of the text, in order (for tests).
    pub fn origins(&self) -> Vec<Origin> {
        (0..self.text.len()).map(|at| self.origin_at(at)).collect()
    }

    /// Cuts the text (and its origins) to `len` bytes.
    fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        while self.runs.last().is_some_and(|r| r.at as usize >= len) {
            self.runs.pop();
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
            if self.last_space && is_wide(c) {
                self.drop_space_after_wide();
            }
            self.last_space = false;
        }
        self.text.push(c);
        self.note_origin(origin, c.len_utf8(), c.is_ascii());
    }

    /// Drops the space that ends the text if a wide Chinese or Japanese
    /// character is before it ([`is_wide`]): called when another comes
    /// after it, since white space between two of them counts as nothing.
    /// (ASCII is never wide: [`NormText::push_ascii`] needs no such call.)
    fn drop_space_after_wide(&mut self) {
        let Some(before) = self.text.strip_suffix(' ') else {
            return;
        };
        if before.chars().next_back().is_some_and(is_wide) {
            self.truncate(before.len());
        }
    }

    /// [`NormText::push_char`] for an ASCII character (most of any text):
    /// nothing to fold but white space.
    fn push_ascii(&mut self, b: u8, origin: Origin) {
        // `char::is_whitespace` on ASCII: tab, LF, VT, FF, CR, space.
        if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
            if self.last_space {
                return;
            }
            self.last_space = true;
            self.text.push(' ');
        } else {
            self.last_space = false;
            self.text.push(char::from(b));
        }
        self.note_origin(origin, 1, true);
    }

    /// Pushes `bytes` (ASCII, from byte `from` of segment `segment`), each
    /// as [`NormText::push_ascii`] would: stretches that need no change (no
    /// white space but single spaces) are copied whole, as one run.
    fn push_ascii_run(&mut self, segment: u32, run: &str, from: usize) {
        let bytes = run.as_bytes();
        let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ');
        let mut k = 0;
        while k < bytes.len() {
            let start = (from + k) as u32;
            let origin = Origin {
                segment,
                start,
                end: start + 1,
            };
            if space(bytes[k]) {
                self.push_ascii(bytes[k], origin);
                k += 1;
                continue;
            }
            let mut end = k + 1;
            while end < bytes.len()
                && (!space(bytes[end]) || (bytes[end] == b' ' && !space(bytes[end - 1])))
            {
                end += 1;
            }
            // ASCII, so the cut is at character boundaries.
            let stretch = &run[k..end];
            self.text.push_str(stretch);
            self.last_space = bytes[end - 1] == b' ';
            self.note_origin(origin, stretch.len(), true);
            k = end;
        }
    }

    /// Appends a piece of rendered text.
    pub fn push_segment(&mut self, segment: u32, s: &str) {
        self.push_segment_with(segment, s, true);
    }

    /// [`NormText::push_segment`]; `quick` lets a stretch of ASCII be
    /// copied without looking at each character's neighbours, and a
    /// character that is already composed and has no combining mark after
    /// it skip the composition (off only in the tests that compare both
    /// ways).
    fn push_segment_with(&mut self, segment: u32, s: &str, quick: bool) {
        // Dropped characters are passed over first, so that a combining
        // mark after one still joins its base character (`e`, soft hyphen,
        // acute → `é`).
        let kept = |from: usize| -> Option<(usize, char)> {
            s[from..]
                .char_indices()
                .map(|(k, c)| (from + k, c))
                .find(|&(_, c)| c.is_ascii() || fold(c).is_some())
        };
        let bytes = s.as_bytes();
        self.text.reserve(s.len());
        let mut group = String::new();
        let mut first = true;
        let mut next = kept(0);
        while let Some((start, c)) = next {
            let continues = first && is_combining_mark(c);
            first = false;
            let after = start + c.len_utf8();
            if quick && c.is_ascii() {
                // Every byte of an ASCII stretch but the last is followed by
                // ASCII, so nothing composes with it.
                let stretch = bytes[start..]
                    .iter()
                    .position(|b| !b.is_ascii())
                    .map_or(bytes.len(), |k| start + k);
                self.push_ascii_run(segment, &s[start..stretch - 1], start);
                let last = stretch - 1;
                let following = kept(stretch);
                if composes_with_nothing(following) {
                    self.push_ascii_run(segment, &s[last..stretch], last);
                    next = following;
                } else {
                    // The last one takes the combining marks after it.
                    let c = char::from(bytes[last]);
                    let end = self.compose(segment, last, c, false, &mut group, &kept);
                    next = kept(end);
                }
                continue;
            }
            let peeked = kept(after);
            let origin = Origin {
                segment,
                start: start as u32,
                end: after as u32,
            };
            if c.is_ascii() && composes_with_nothing(peeked) {
                self.push_ascii(c as u8, origin);
                next = peeked;
                continue;
            }
            // An accented letter, a typographic quote…: composed already,
            // and nothing after it to compose with.
            if quick
                && !continues
                && composes_with_nothing(peeked)
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
            {
                self.push_char(c, origin);
                next = peeked;
                continue;
            }
            let end = self.compose(segment, start, c, continues, &mut group, &kept);
            next = kept(end);
        }
    }

    /// Pushes character `c` (at byte `start` of the segment) with the
    /// combining marks that follow it, composed; `continues` when the
    /// marks start the segment and belong to the previous one's last
    /// character. Returns the byte after the last mark taken.
    fn compose(
        &mut self,
        segment: u32,
        start: usize,
        c: char,
        continues: bool,
        group: &mut String,
        kept: &dyn Fn(usize) -> Option<(usize, char)>,
    ) -> usize {
        group.clear();
        group.push(c);
        let mut end = start + c.len_utf8();
        let mut scan = end;
        while let Some((i, n)) = kept(scan) {
            if !is_combining_mark(n) {
                break;
            }
            group.push(n);
            end = i + n.len_utf8();
            scan = end;
        }
        let mut origin = Origin {
            segment,
            start: start as u32,
            end: end as u32,
        };
        // Marks that start a piece (`ceci&#769;` in Markdown) belong to
        // the previous piece's last character: compose them with it, as
        // the same text in one piece would be. The result keeps that
        // character's origin.
        if continues && let Some((tail, from)) = self.pop_cluster() {
            group.insert_str(0, &tail);
            if from.segment != NO_SEGMENT {
                origin = from;
            }
        }
        for n in group.nfc() {
            self.push_char(n, origin);
        }
        scan
    }

    /// Takes the text's last starter (unless a space) and the combining
    /// marks after it off the end (at most a few characters), with their
    /// origin.
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
        // A space composes with nothing: only the marks after it are taken
        // (to be put in canonical order with the new ones).
        let at = at.map(|i| i + usize::from(self.text[i..].starts_with(' ')))?;
        // The starter's origin, grown over its marks from the same piece.
        let mut origin = self.origin_at(at);
        for o in (at..self.text.len()).map(|t| self.origin_at(t)) {
            if origin.segment == NO_SEGMENT {
                origin = o;
            } else if o.segment == origin.segment {
                origin.start = origin.start.min(o.start);
                origin.end = origin.end.max(o.end);
            }
        }
        let tail = self.text[at..].to_string();
        self.truncate(at);
        self.last_space = self.text.is_empty() || self.text.ends_with(' ');
        Some((tail, origin))
    }

    /// A boundary between blocks: behaves as white space.
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

    /// Drops a trailing space.
    pub fn finish(mut self) -> Self {
        if self.text.ends_with(' ') {
            self.truncate(self.text.len() - 1);
        }
        self
    }

    /// The source pieces `(segment, byte range)` behind a normalised range,
    /// in text order, one per segment touched.
    pub fn pieces(&self, range: Range<usize>) -> Vec<(u32, Range<usize>)> {
        let mut out: Vec<(u32, Range<usize>)> = Vec::new();
        if range.is_empty() {
            return out;
        }
        let first = self.runs.partition_point(|r| r.at as usize <= range.start) - 1;
        for (k, run) in self.runs.iter().enumerate().skip(first) {
            let from = (run.at as usize).max(range.start);
            if from >= range.end {
                break;
            }
            if run.origin.segment == NO_SEGMENT {
                continue;
            }
            let to = self
                .runs
                .get(k + 1)
                .map_or(self.text.len(), |n| n.at as usize)
                .min(range.end);
            let (start, end) = if run.step {
                (
                    run.origin.start as usize + (from - run.at as usize),
                    run.origin.end as usize + (to - 1 - run.at as usize),
                )
            } else {
                (run.origin.start as usize, run.origin.end as usize)
            };
            match out.last_mut() {
                Some((seg, r)) if *seg == run.origin.segment => {
                    r.start = r.start.min(start);
                    r.end = r.end.max(end);
                }
                _ => out.push((run.origin.segment, start..end)),
            }
        }
        out
    }
}

/// Normalises a quote, prefix or suffix the way article text is.
pub fn normalize(s: &str) -> String {
    let mut n = NormText::new();
    n.push_segment(0, s);
    n.finish().text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_folds_like_push_char() {
        let o = Origin {
            segment: 0,
            start: 0,
            end: 1,
        };
        for b in 0u8..=127 {
            for last_space in [false, true] {
                let (mut fast, mut slow) = (NormText::new(), NormText::new());
                fast.last_space = last_space;
                slow.last_space = last_space;
                fast.push_ascii(b, o);
                slow.push_char(char::from(b), o);
                assert_eq!(
                    (fast.origins(), fast.text, fast.last_space),
                    (slow.origins(), slow.text, slow.last_space),
                    "byte {b}"
                );
            }
        }
    }

    #[test]
    fn composed_characters_skip_composition_with_the_same_result() {
        let texts = [
            "l’armée « démineurs » à Koursk\u{a0}: 10\u{202f}000, œuvre",
            "de\u{301}mineurs e\u{301}\u{327} \u{301}start a\u{ad}\u{301}b",
            "Ǆ ǅ İstanbul ΣΊΣΥΦΟΣ 한국어 조선 ﬁ ① ² \u{200b}x",
            "Å Å Ω Ω é é \u{1100}\u{1161} 가",
            "ä\u{308} ö\u{323}\u{302} \u{ff21} \u{2126}",
        ];
        for (i, t) in texts.iter().enumerate() {
            let (mut quick, mut slow) = (NormText::new(), NormText::new());
            for (n, piece) in t.split(' ').enumerate() {
                quick.push_segment_with(n as u32, piece, true);
                slow.push_segment_with(n as u32, piece, false);
                quick.push_segment_with(n as u32, " ", true);
                slow.push_segment_with(n as u32, " ", false);
            }
            assert_eq!(
                (&quick.text, quick.origins(), quick.last_space),
                (&slow.text, slow.origins(), slow.last_space),
                "text {i}"
            );
        }
    }

    #[test]
    fn normalisation_folds_quotes_spaces_and_composes() {
        assert_eq!(
            normalize("  l’armée  «\u{a0}test\u{202f}»\t\n"),
            "l'armée \" test \""
        );
        // e + combining acute composes to é
        assert_eq!(normalize("de\u{301}mineurs"), "démineurs");
        assert_eq!(normalize("a\u{200b}b\u{ad}c"), "abc");
        assert_eq!(normalize("Koursk\u{a0}:"), "Koursk :");
    }

    #[test]
    fn normalisation_is_idempotent() {
        for s in ["l’a  b", " «\u{a0}x\u{a0}» ", "e\u{301}\u{327}", "a\r\nb"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once);
        }
    }

    #[test]
    fn white_space_between_chinese_or_japanese_counts_as_nothing() {
        // A line break inside a Japanese paragraph, or the space a quote
        // has there: nothing, as no space separates words in Japanese.
        let joined = "上った。鹿児島";
        for s in [
            "上った。 鹿児島",
            "上った。\n鹿児島",
            "上った。\u{3000}鹿児島",
            joined,
        ] {
            assert_eq!(normalize(s), joined, "{s:?}");
        }
        assert_eq!(normalize("で、 \n 電話"), "で、電話");
        assert_eq!(normalize("約 ３ 万人"), "約３万人");
        // A kana composed with its voicing mark is wide; a mark alone is not.
        assert_eq!(normalize("あ か\u{3099}"), "あが");
        assert_eq!(normalize("あ \u{3099}"), "あ \u{3099}");
        // Korean, Latin and Chinese beside Latin keep their spaces.
        for s in [
            "한국 사람",
            "漢字 abc",
            "abc 漢字",
            "3 万人",
            "\"北朝鮮\" が",
        ] {
            assert_eq!(normalize(s), s);
        }
        // A block break between two of them is nothing too, and the text
        // still maps back to both pieces.
        let mut n = NormText::new();
        n.push_segment(0, "上った。");
        n.push_break();
        n.push_segment(1, "鹿児島");
        let n = n.finish();
        assert_eq!(n.text, joined);
        assert_eq!(n.pieces(0..n.text.len()), vec![(0, 0..12), (1, 0..9)]);
    }

    #[test]
    fn block_breaks_separate_words() {
        let mut n = NormText::new();
        n.push_segment(0, "fin");
        n.push_break();
        n.push_segment(1, "début");
        let n = n.finish();
        assert_eq!(n.text, "fin début");
        assert_eq!(n.pieces(0..n.text.len()), vec![(0, 0..3), (1, 0..6)]);
    }
}
