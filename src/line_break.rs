//! Line breaks in Chinese and Japanese text. Those languages are written
//! without spaces between words, so a line break of the source between
//! two of their characters is nothing, not a space: CSS Text 3 says so
//! (its segment break transformation removes a break between two
//! characters of East Asian width F, W or H, neither of them Hangul), but
//! Chromium shows such a break as a space. So dossier drops these breaks
//! itself from the HTML of every Markdown text it renders
//! ([`crate::markdown`]) and from the Markdown `import` writes
//! ([`crate::import::to_markdown`]), and quote matching
//! ([`crate::anchor::normalise`]) lets white space between two such
//! characters count as nothing.
//!
//! Korean is written with spaces between words: a break next to Hangul
//! stays a space, as it does next to Latin letters, digits and
//! punctuation of any other script.
//!
//! Characters in, yes or no out; it imports nothing from the crate but
//! [`crate::fold`].

use crate::fold::is_cjk;

/// Whether a character is wide Chinese or Japanese text, that no space
/// separates from its neighbours: Han and kana ([`is_cjk`]), bopomofo,
/// radicals and strokes, CJK punctuation and symbols (`、。「」〜`),
/// enclosed and compatibility signs (`㈱`, `㎞`), and full-width and
/// half-width forms (`１`, `Ｊ`, `，`, `｡`). Not Hangul, and not the
/// combining marks of those blocks (the kana voicing marks U+3099 and
/// U+309A, the tone marks U+302A to U+302F), which belong to the
/// character before them.
pub fn is_wide(c: char) -> bool {
    is_cjk(c)
        || matches!(u32::from(c),
            0x2E80..=0x2FFF // radicals, Kangxi radicals, description characters
            | 0x3000..=0x3029 | 0x3030..=0x303F // CJK symbols and punctuation
            | 0x3105..=0x312F // bopomofo
            | 0x3190..=0x31EF // kanbun, bopomofo extended, strokes
            | 0x3220..=0x325F | 0x3280..=0x33FF // enclosed CJK (not Hangul), compatibility
            | 0xFE10..=0xFE19 | 0xFE30..=0xFE6B // vertical, compatibility and small forms
            | 0xFF01..=0xFF65 // full-width forms, half-width punctuation
            | 0xFFE0..=0xFFEE // full-width signs, half-width forms
            | 0x1B000..=0x1B16F // kana supplement and extensions
            | 0x1F200..=0x1F2FF // enclosed ideographic supplement
        )
}

/// Whether a line break (with the white space around it) between `before`
/// and `after` is nothing: both are wide Chinese or Japanese text
/// ([`is_wide`]).
pub fn vanishes(before: char, after: char) -> bool {
    is_wide(before) && is_wide(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_and_japanese_text_and_punctuation_are_wide() {
        for c in "漢字かなカナｶﾅ、。「」『』（）〜・１２ＡＢ，．：；！？｡｢｣々〇ㄅ㈱㎞".chars()
        {
            assert!(is_wide(c), "{c:?} U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn korean_latin_and_combining_marks_are_not_wide() {
        for c in "한국어ᄀ가ㄱ㉠ﾡaZ9 ,.\u{a0}éЖ“”…—\u{3099}\u{302a}\u{301}".chars()
        {
            assert!(!is_wide(c), "{c:?} U+{:04X}", u32::from(c));
        }
        assert!(vanishes('。', '鹿') && vanishes('で', '、') && vanishes('１', '万'));
        assert!(!vanishes('。', 'a') && !vanishes('a', '鹿') && !vanishes('다', '한'));
    }
}
