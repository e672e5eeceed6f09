//! Text folded to words for matching: lower case, accents and other
//! combining marks removed, ligatures split (`Choïgou` → `choigou`,
//! `main-d’œuvre` → `main`, `d`, `oeuvre`); anything that is not a letter
//! or a digit separates words. The search index folds documents with it
//! (and the browser folds queries the same way, in `search.js`); entity
//! mentions are found in text folded with it, so an alias matches wherever
//! the search would find it.
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
    let mut cur = String::new();
    // Each character decomposed on its own: the same letters as the NFD of
    // the whole text (which only differs in the order of the combining
    // marks, all dropped), without the buffering of `nfd()`; ASCII, most
    // of any text, needs no decomposition.
    for c in text.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                cur.push(c.to_ascii_lowercase());
            } else if !cur.is_empty() {
                word(&mut cur);
                cur.clear();
            }
        } else {
            decompose_canonical(c, |d| fold(d, &mut cur, &mut word));
        }
    }
    if !cur.is_empty() {
        word(&mut cur);
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

/// The folded words of `text`, each with a space before and after and
/// two spaces between words (` kim  jong  un `): a folded phrase written
/// the same way matches there only as whole words, and two matches next
/// to each other do not share a space. Appended to `out`.
pub fn spaced_words(text: &str, out: &mut String) {
    each_word(text, |w| {
        out.push(' ');
        out.push_str(w);
        out.push(' ');
    });
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

    #[test]
    fn words_are_folded_for_case_accents_and_ligatures() {
        assert_eq!(words("Sergeï Choïgou"), ["sergei", "choigou"]);
        assert_eq!(words("main-d’œuvre"), ["main", "d", "oeuvre"]);
        assert_eq!(words("Шойгу, Курск"), ["шоигу", "курск"]);
        let mut s = String::new();
        spaced_words("Kim Jong-un.", &mut s);
        assert_eq!(s, " kim  jong  un ");
    }
}
