//! Text folded to words for matching: lower case, accents and other
//! combining marks removed, ligatures split (`Choïgou` → `choigou`,
//! `main-d’œuvre` → `main`, `d`, `oeuvre`); anything that is not a letter
//! or a digit separates words. Chinese and Japanese, written without
//! spaces, are cut into overlapping pairs of characters, as search engines
//! index them (`北朝鮮が` → `北朝`, `朝鮮`, `鮮が`; a character alone stays
//! a word; kana keep their voicing marks): a name of two characters or
//! more is found inside a sentence, a phrase as a run of pairs. The search
//! index folds documents with it (and the browser folds queries the same
//! way, in `search.js`); entity mentions are found in text folded with it,
//! so an alias matches wherever the search would find it.
//!
//! Plain text in, words out. It imports nothing from the crate.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Words too common to help a search (French and English), sorted, each at
/// most four bytes long. The search index leaves them out; an entity alias
/// that is one of them would match almost anywhere.
pub const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "au", "aux", "be", "by", "ce", "ces", "d", "dans", "de",
    "des", "du", "elle", "en", "est", "et", "for", "from", "has", "have", "il", "in", "is", "it",
    "l", "la", "le", "les", "leur", "n", "ne", "of", "on", "or", "ou", "par", "pas", "pour", "qu",
    "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "that", "the", "this", "to", "un",
    "une", "was", "were", "with",
];

/// Whether a folded word is a stop word ([`STOP`] is sorted, and its
/// words are at most four bytes long).
pub fn is_stop(word: &str) -> bool {
    word.len() <= 4 && STOP.binary_search(&word).is_ok()
}

/// Calls `word` with each folded word of `text`, in order. The word is
/// lent from a buffer that is reused: copy it to keep it.
pub fn each_word(text: &str, mut word: impl FnMut(&mut String)) {
    let mut pairs = String::new();
    let mut word = |w: &mut String| {
        if w.is_ascii() || !w.chars().any(is_cjk) {
            word(w);
        } else {
            cjk_pairs(w, &mut pairs, &mut word);
        }
    };
    let mut cur = String::new();
    // Each character decomposed on its own: the same letters as the NFD of
    // the whole text (which only differs in the order of the combining
    // marks, all dropped), without the buffering of `nfd()`; ASCII, most
    // of any text, needs no decomposition.
    for c in text.chars() {
        let c = narrow(c);
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                cur.push(c.to_ascii_lowercase());
            } else if !cur.is_empty() {
                word(&mut cur);
                cur.clear();
            }
        } else if is_cjk(c) {
            // Kept as it is: a kana's voicing mark is not an accent.
            cur.push(c);
        } else {
            decompose_canonical(c, |d| fold(d, &mut cur, &mut word));
        }
    }
    if !cur.is_empty() {
        word(&mut cur);
    }
}

/// The ASCII character a full-width form stands for (`３` → `3`, `Ｊ` →
/// `J`, `，` → `,`), as Chinese and Japanese texts write Latin letters and
/// digits; any other character as it is. (Full-width forms are
/// compatibility characters: canonical decomposition leaves them.)
pub fn narrow(c: char) -> char {
    match u32::from(c) {
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether a character is Chinese or Japanese (Han, kana, and the marks
/// written inside their words: `々` of `人々`, `〆`, `〇` of `二〇三一`), the
/// scripts written without spaces between words (Korean is written with
/// spaces: Hangul is not here). These are kept as they are, not
/// decomposed: a kana's voicing mark is part of the sound, not an accent.
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3005..=0x3007 // 々 〆 〇
        | 0x303B // 〻
        | 0x3040..=0x3098 | 0x309B..=0x30FF // kana, not the combining voicing marks
        | 0x31F0..=0x31FF // katakana phonetic extensions
        | 0x3400..=0x4DBF // Han extension A
        | 0x4E00..=0x9FFF // Han
        | 0xF900..=0xFAFF // Han compatibility
        | 0xFF66..=0xFF9F // half-width katakana
        | 0x20000..=0x3134F // Han extensions B to G
    )
}

/// Calls `word` with the words of a folded word `w` holding Chinese or
/// Japanese: its other runs whole, each run of those characters as its
/// overlapping pairs (one character alone as itself). `buf` is scratch.
fn cjk_pairs(w: &str, buf: &mut String, word: &mut impl FnMut(&mut String)) {
    let chars: Vec<char> = w.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let cjk = is_cjk(chars[i]);
        let end = chars[i..]
            .iter()
            .position(|&c| is_cjk(c) != cjk)
            .map_or(chars.len(), |n| i + n);
        buf.clear();
        if !cjk || end - i == 1 {
            buf.extend(&chars[i..end]);
            word(buf);
        } else {
            for pair in chars[i..end].windows(2) {
                buf.clear();
                buf.extend(pair);
                word(buf);
            }
        }
        i = end;
    }
}

/// Adds one decomposed character to the word being read (`cur`), or ends
/// it; combining marks are dropped, ligatures split.
fn fold(c: char, cur: &mut String, word: &mut impl FnMut(&mut String)) {
    if is_combining_mark(c) {
        return;
    }
    if c.is_alphanumeric() {
        for l in c.to_lowercase() {
            match l {
                'œ' => cur.push_str("oe"),
                'æ' => cur.push_str("ae"),
                'ß' => cur.push_str("ss"),
                l => cur.push(l),
            }
        }
    } else if !cur.is_empty() {
        word(cur);
        cur.clear();
    }
}

/// How one character of the Latin blocks folds, standing alone.
#[derive(Clone)]
enum Latin {
    /// It ends a word.
    Separator,
    /// Letters (or digits) of a word; none for a lone combining mark.
    Letters(String),
}

/// First character past the Latin blocks whose folding is kept in a table.
const LATIN_END: u32 = 0x250;

/// How a character of U+0080 to U+024F folds (Latin-1, Latin Extended-A
/// and B: the accented letters of most texts), from a table made once by
/// [`each_word`]'s own folding; `None` for other characters, or one that
/// folds to letters and a break.
fn latin(c: char) -> Option<&'static Latin> {
    static TABLE: std::sync::LazyLock<Vec<Option<Latin>>> = std::sync::LazyLock::new(|| {
        (0x80..LATIN_END)
            .map(|u| {
                let c = char::from_u32(u)?;
                let mut letters = String::new();
                let (mut breaks, mut words) = (false, 0);
                decompose_canonical(c, |d| {
                    fold(d, &mut letters, &mut |_: &mut String| {
                        words += 1;
                    });
                    breaks |= !is_combining_mark(d) && !d.is_alphanumeric();
                });
                match (breaks, words, letters.is_empty()) {
                    (true, 0, true) => Some(Latin::Separator),
                    (false, 0, _) => Some(Latin::Letters(letters)),
                    _ => None,
                }
            })
            .collect()
    });
    let u = u32::from(c);
    if (0x80..LATIN_END).contains(&u) {
        TABLE[(u - 0x80) as usize].as_ref()
    } else {
        None
    }
}

/// The folded words of `text`, each with a space before and after and
/// two spaces between words (` kim  jong  un `): a folded phrase written
/// the same way matches there only as whole words, and two matches next
/// to each other do not share a space. Appended to `out`.
///
/// The same words as [`each_word`] (a test compares them), read faster:
/// mentions are looked for in every article's whole text. ASCII bytes, most
/// of any text, are folded one by one without decoding characters.
pub fn spaced_words(text: &str, out: &mut String) {
    let start = out.len();
    out.reserve(text.len() + text.len() / 8);
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii() {
            if b.is_ascii_alphanumeric() {
                if !in_word {
                    out.push(' ');
                    in_word = true;
                }
                out.push(char::from(b.to_ascii_lowercase()));
            } else if in_word {
                out.push(' ');
                in_word = false;
            }
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        let c = narrow(c);
        if c.is_ascii() {
            // A full-width letter, digit or mark.
            if c.is_ascii_alphanumeric() {
                if !in_word {
                    out.push(' ');
                    in_word = true;
                }
                out.push(c.to_ascii_lowercase());
            } else if in_word {
                out.push(' ');
                in_word = false;
            }
            continue;
        }
        if is_cjk(c) {
            // Chinese or Japanese: cut into pairs, by the slower way.
            out.truncate(start);
            each_word(text, |w| {
                out.push(' ');
                out.push_str(w);
                out.push(' ');
            });
            return;
        }
        match latin(c) {
            Some(Latin::Separator) => {
                if in_word {
                    out.push(' ');
                    in_word = false;
                }
                continue;
            }
            Some(Latin::Letters(letters)) => {
                if !letters.is_empty() && !in_word {
                    out.push(' ');
                    in_word = true;
                }
                out.push_str(letters);
                continue;
            }
            None => {}
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            if d.is_alphanumeric() {
                if !in_word {
                    out.push(' ');
                    in_word = true;
                }
                for l in d.to_lowercase() {
                    match l {
                        'œ' => out.push_str("oe"),
                        'æ' => out.push_str("ae"),
                        'ß' => out.push_str("ss"),
                        l => out.push(l),
                    }
                }
            } else if in_word {
                out.push(' ');
                in_word = false;
            }
        });
    }
    if in_word {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| out.push(w.clone()));
        out
    }

    #[test]
    fn folding_per_character_matches_nfd_of_the_whole_text() {
        use unicode_normalization::UnicodeNormalization;
        let reference = |text: &str| -> Vec<String> {
            let mut out = Vec::new();
            let mut cur = String::new();
            for c in text.nfd() {
                fold(c, &mut cur, &mut |w: &mut String| out.push(w.clone()));
            }
            if !cur.is_empty() {
                out.push(cur);
            }
            out
        };
        for text in [
            "Les démineurs à Koursk, l’œuvre des Ækers — STRAẞE 10 000",
            "e\u{301}te\u{301} cafe\u{327}\u{301} Ǆ ǅ İstanbul ΣΊΣΥΦΟΣ 한국어 조선",
            "Ünïcödé ñ ÀÉÎÕÜ ﬁ ① ²",
            "",
        ] {
            assert_eq!(words(text), reference(text), "{text}");
        }
    }

    #[test]
    fn stop_words_are_sorted_and_short() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
        assert!(STOP.iter().all(|w| w.len() <= 4));
        assert!(STOP.iter().all(|w| is_stop(w)));
        assert!(!is_stop("koursk") && !is_stop("b") && !is_stop("zzz"));
    }

    /// [`spaced_words`] writes the words of [`each_word`].
    #[test]
    fn spaced_words_are_the_words_of_each_word() {
        let reference = |text: &str| {
            let mut out = String::new();
            each_word(text, |w| {
                out.push(' ');
                out.push_str(w);
                out.push(' ');
            });
            out
        };
        let spaced = |text: &str| {
            let mut out = String::new();
            spaced_words(text, &mut out);
            out
        };
        for text in [
            "Les démineurs à Koursk, l’œuvre des Ækers — STRAẞE 10 000",
            "e\u{301}te\u{301} \u{301}x cafe\u{327}\u{301} Ǆ İstanbul ΣΊΣΥΦΟΣ 한국어",
            "",
            "  a  ",
            "北朝鮮が1000人のガス工兵を、クルスク州に a金b",
            "ＪＲ九州の３万人、人々と佐々木 Ｅｔｅ，１２号",
        ] {
            assert_eq!(spaced(text), reference(text), "{text:?}");
        }
        proptest::proptest!(|(text in "[a-zA-Z0-9 ,.'’\\-éÉœßİ̇\u{301}한Шй①ﬁ\u{a0}北朝鮮がガ々〇３ＪｊＥ，]{0,40}")| {
            proptest::prop_assert_eq!(spaced(&text), reference(&text));
        });
    }

    #[test]
    fn words_are_folded_for_case_accents_and_ligatures() {
        assert_eq!(words("Sergeï Choïgou"), ["sergei", "choigou"]);
        assert_eq!(words("main-d’œuvre"), ["main", "d", "oeuvre"]);
        assert_eq!(words("Шойгу, Курск"), ["шоигу", "курск"]);
    }

    #[test]
    fn full_width_forms_fold_to_ascii_and_iteration_marks_stay_in_words() {
        // Full-width digits and letters are the ASCII ones: `３万人` is
        // found by `3万人`, `ＪＲ` by `jr`.
        assert_eq!(words("３万人"), words("3万人"));
        assert_eq!(words("ＪＲ九州，１，２００"), ["jr", "九州", "1", "200"]);
        // `々` repeats the character before it, `〇` is zero: both are
        // part of the word.
        assert_eq!(words("人々"), ["人々"]);
        assert_eq!(words("佐々木"), ["佐々", "々木"]);
        assert_eq!(words("二〇三一年"), ["二〇", "〇三", "三一", "一年"]);
    }

    #[test]
    fn chinese_and_japanese_are_cut_into_pairs() {
        assert_eq!(
            words("北朝鮮が1000人の工兵を"),
            [
                "北朝", "朝鮮", "鮮が", "1000", "人の", "の工", "工兵", "兵を"
            ]
        );
        assert_eq!(words("クルスク州"), ["クル", "ルス", "スク", "ク州"]);
        // A character alone is a word; Latin letters around a run are
        // words of their own; Korean keeps its words.
        let korean = words("조선").remove(0);
        assert_eq!(words("金 DPRK朝鮮 조선"), ["金", "dprk", "朝鮮", &korean]);
        // Voiced kana stay voiced.
        assert_eq!(words("ガス"), ["ガス"]);
        // A name is found inside a sentence, whole pairs only.
        let mut name = String::new();
        spaced_words("北朝鮮", &mut name);
        let mut text = String::new();
        spaced_words("ロシア政府は、北朝鮮が派遣", &mut text);
        assert!(text.contains(&name), "{text:?} {name:?}");
        let mut other = String::new();
        spaced_words("朝鮮", &mut other);
        assert!(!" 北朝  朝鮮x ".contains(&other));
        let mut s = String::new();
        spaced_words("Kim Jong-un.", &mut s);
        assert_eq!(s, " kim  jong  un ");
    }
}
