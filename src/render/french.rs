//! French search terms: stop words (with the elided articles and pronouns
//! `l'`, `d'`, `qu'`, `j'`, `n'`, `s'`, `c'`, `m'`, `t'`, which folding
//! splits from their word at the apostrophe, ASCII or typographic) and a
//! light stemmer, so that `démineurs` finds `démineur` and `armées`
//! finds `l'armée`. The stemmer is Jacques Savoy's "UniNE" light stemmer
//! for French (as Lucene's `FrenchLightStemmer` implements it), applied
//! to terms already folded (lower case, no accents): its rules for `ième`,
//! `ère` and `ète` read `ieme`, `ere` and `ete`, and its accent folding is
//! then a no-op. `assets/search-terms.js` does the same in the browser;
//! `tests/search_terms.rs` runs both on a word list and requires the same
//! terms. Takes a folded term; gives its stem.

/// French stop words, folded (Lucene's French list and the elided
/// forms), sorted, and the English ones the index always drops (a French
/// dossier quotes English too).
pub const STOP: &[&str] = &[
    "a",
    "ai",
    "aie",
    "aient",
    "aies",
    "ait",
    "an",
    "and",
    "are",
    "as",
    "at",
    "au",
    "aupres",
    "aura",
    "aurai",
    "auraient",
    "aurais",
    "aurait",
    "auras",
    "aurez",
    "auriez",
    "aurions",
    "aurons",
    "auront",
    "aussi",
    "autre",
    "aux",
    "avaient",
    "avais",
    "avait",
    "avant",
    "avec",
    "avez",
    "aviez",
    "avions",
    "avoir",
    "avons",
    "ayant",
    "ayez",
    "ayons",
    "be",
    "by",
    "c",
    "ce",
    "ceci",
    "cela",
    "celle",
    "celles",
    "celui",
    "cependant",
    "certain",
    "certaine",
    "certaines",
    "certains",
    "ces",
    "cet",
    "cette",
    "ceux",
    "chez",
    "ci",
    "comme",
    "comment",
    "d",
    "dans",
    "de",
    "des",
    "deux",
    "devra",
    "doit",
    "donc",
    "dont",
    "du",
    "elle",
    "elles",
    "en",
    "encore",
    "entre",
    "es",
    "est",
    "et",
    "etaient",
    "etais",
    "etait",
    "etant",
    "etc",
    "ete",
    "etes",
    "etiez",
    "etions",
    "etre",
    "eu",
    "eue",
    "eues",
    "eurent",
    "eus",
    "eusse",
    "eussent",
    "eusses",
    "eussiez",
    "eussions",
    "eut",
    "eux",
    "for",
    "from",
    "fumes",
    "furent",
    "fus",
    "fusse",
    "fussent",
    "fusses",
    "fussiez",
    "fussions",
    "fut",
    "has",
    "have",
    "hors",
    "ici",
    "il",
    "ils",
    "in",
    "is",
    "it",
    "j",
    "je",
    "jusqu",
    "jusque",
    "l",
    "la",
    "laquelle",
    "le",
    "lequel",
    "les",
    "lesquelles",
    "lesquels",
    "leur",
    "leurs",
    "lorsqu",
    "lorsque",
    "lui",
    "m",
    "ma",
    "mais",
    "me",
    "meme",
    "memes",
    "mes",
    "moi",
    "mon",
    "n",
    "ne",
    "ni",
    "nos",
    "notre",
    "nous",
    "of",
    "on",
    "ont",
    "or",
    "ou",
    "par",
    "parce",
    "pas",
    "peu",
    "peut",
    "plupart",
    "pour",
    "pourquoi",
    "puisqu",
    "puisque",
    "qu",
    "quand",
    "que",
    "quel",
    "quelle",
    "quelles",
    "quels",
    "qui",
    "quoi",
    "quoiqu",
    "quoique",
    "s",
    "sa",
    "sans",
    "se",
    "sera",
    "serai",
    "seraient",
    "serais",
    "serait",
    "seras",
    "serez",
    "seriez",
    "serions",
    "serons",
    "seront",
    "ses",
    "si",
    "sien",
    "sienne",
    "siennes",
    "siens",
    "sinon",
    "soi",
    "soient",
    "sois",
    "soit",
    "sommes",
    "son",
    "sont",
    "sous",
    "soyez",
    "soyons",
    "suis",
    "sur",
    "t",
    "ta",
    "te",
    "tes",
    "that",
    "the",
    "this",
    "to",
    "toi",
    "ton",
    "tous",
    "tout",
    "toute",
    "toutes",
    "tu",
    "un",
    "une",
    "unes",
    "uns",
    "vos",
    "votre",
    "vous",
    "was",
    "were",
    "with",
    "y",
];

/// Whether `term` (folded) is a French stop word: looked up by its
/// length and first two bytes among the few words that share them,
/// rather than by a binary search of the whole list (a French index asks
/// for every word of every claim and quote).
pub fn is_stop(term: &str) -> bool {
    static BY_START: std::sync::OnceLock<std::collections::HashMap<(usize, u16), Vec<&str>>> =
        std::sync::OnceLock::new();
    let start = |w: &str| {
        let b = w.as_bytes();
        let two = u16::from(b.first().copied().unwrap_or(0)) << 8
            | u16::from(b.get(1).copied().unwrap_or(0));
        (w.len(), two)
    };
    let table = BY_START.get_or_init(|| {
        let mut table: std::collections::HashMap<(usize, u16), Vec<&str>> =
            std::collections::HashMap::new();
        for w in STOP {
            table.entry(start(w)).or_default().push(w);
        }
        table
    });
    table.get(&start(term)).is_some_and(|ws| ws.contains(&term))
}

/// The stem of a folded term (Savoy's light stemmer).
pub fn stem(term: &str) -> String {
    let mut out = String::new();
    stem_into(term, &mut Vec::new(), &mut out);
    out
}

/// [`stem`] into `out` (cleared first), with `chars` as scratch: no
/// allocation once they have grown to the longest term.
pub fn stem_into(term: &str, chars: &mut Vec<char>, out: &mut String) {
    chars.clear();
    chars.extend(term.chars());
    let len = stem_chars(chars);
    out.clear();
    out.extend(&chars[..len]);
}

/// Whether the first `len` characters of `s` end with `suffix`.
fn ends(s: &[char], len: usize, suffix: &str) -> bool {
    let n = suffix.chars().count();
    len >= n && s[len - n..len].iter().copied().eq(suffix.chars())
}

/// The rules, in Savoy's order; the stem is the first `len` characters of
/// `s` (a flat sequence of rules: each returns or falls through).
fn stem_chars(s: &mut [char]) -> usize {
    let mut len = s.len();
    if len > 5 && s[len - 1] == 'x' {
        if s[len - 3] == 'a' && s[len - 2] == 'u' && s[len - 4] != 'e' {
            s[len - 2] = 'l';
        }
        len -= 1;
    }
    if len > 3 && s[len - 1] == 'x' {
        len -= 1;
    }
    if len > 3 && s[len - 1] == 's' {
        len -= 1;
    }
    if len > 9 && ends(s, len, "issement") {
        len -= 6;
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 8 && ends(s, len, "issant") {
        len -= 4;
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 6 && ends(s, len, "ement") {
        len -= 4;
        if len > 3 && ends(s, len, "ive") {
            len -= 1;
            s[len - 1] = 'f';
        }
        return norm(s, len);
    }
    if len > 11 && ends(s, len, "ficatrice") {
        len -= 5;
        s[len - 2] = 'e';
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 10 && ends(s, len, "ficateur") {
        len -= 4;
        s[len - 2] = 'e';
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 9 && ends(s, len, "catrice") {
        len -= 3;
        s[len - 4] = 'q';
        s[len - 3] = 'u';
        s[len - 2] = 'e';
        return norm(s, len);
    }
    if len > 8 && ends(s, len, "cateur") {
        len -= 2;
        s[len - 4] = 'q';
        s[len - 3] = 'u';
        s[len - 2] = 'e';
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 8 && ends(s, len, "atrice") {
        len -= 4;
        s[len - 2] = 'e';
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 7 && ends(s, len, "ateur") {
        len -= 3;
        s[len - 2] = 'e';
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 6 && ends(s, len, "trice") {
        len -= 1;
        s[len - 3] = 'e';
        s[len - 2] = 'u';
        s[len - 1] = 'r';
    }
    if len > 5 && ends(s, len, "ieme") {
        return norm(s, len - 4);
    }
    if len > 7 && ends(s, len, "teuse") {
        len -= 2;
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 6 && ends(s, len, "teur") {
        len -= 1;
        s[len - 1] = 'r';
        return norm(s, len);
    }
    if len > 5 && ends(s, len, "euse") {
        return norm(s, len - 2);
    }
    if len > 8 && ends(s, len, "ere") {
        len -= 1;
        s[len - 2] = 'e';
        return norm(s, len);
    }
    if len > 7 && ends(s, len, "ive") {
        len -= 1;
        s[len - 1] = 'f';
        return norm(s, len);
    }
    if len > 4 && (ends(s, len, "folle") || ends(s, len, "molle")) {
        len -= 2;
        s[len - 1] = 'u';
        return norm(s, len);
    }
    if len > 9 && ends(s, len, "nnelle") {
        return norm(s, len - 5);
    }
    if len > 9 && ends(s, len, "nnel") {
        return norm(s, len - 3);
    }
    if len > 4 && ends(s, len, "ete") {
        len -= 1;
        s[len - 2] = 'e';
    }
    if len > 8 && ends(s, len, "ique") {
        len -= 4;
    }
    if len > 8 && ends(s, len, "esse") {
        return norm(s, len - 3);
    }
    if len > 7 && ends(s, len, "inage") {
        return norm(s, len - 3);
    }
    if len > 9 && ends(s, len, "isation") {
        len -= 7;
        if len > 5 && ends(s, len, "ual") {
            s[len - 2] = 'e';
        }
        return norm(s, len);
    }
    if len > 9 && ends(s, len, "isateur") {
        return norm(s, len - 7);
    }
    if len > 8 && ends(s, len, "ation") {
        return norm(s, len - 5);
    }
    if len > 8 && ends(s, len, "ition") {
        return norm(s, len - 5);
    }
    norm(s, len)
}

/// Savoy's normalisation of a stem: doubled letters made single, and a
/// final `ie`, `r`, `e`, `ee` and doubled letter dropped (accents are
/// folded already).
fn norm(s: &mut [char], mut len: usize) -> usize {
    if len > 4 {
        let mut kept = 1;
        for i in 1..len {
            if !(s[i] == s[kept - 1] && s[i].is_alphabetic()) {
                s[kept] = s[i];
                kept += 1;
            }
        }
        len = kept;
    }
    if len > 4 && ends(s, len, "ie") {
        len -= 2;
    }
    if len > 4 {
        if s[len - 1] == 'r' {
            len -= 1;
        }
        if s[len - 1] == 'e' {
            len -= 1;
        }
        if s[len - 1] == 'e' {
            len -= 1;
        }
        if s[len - 1] == s[len - 2] && s[len - 1].is_alphabetic() {
            len -= 1;
        }
    }
    len
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_words_are_told_as_the_sorted_list_tells_them() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]), "sorted, once each");
        let mut words: Vec<String> = vec![String::new(), "é".into(), "zz".into()];
        for w in STOP {
            words.push((*w).to_string());
            words.push(format!("{w}s"));
            words.push(format!("x{w}"));
            let mut shorter = (*w).to_string();
            shorter.pop();
            words.push(shorter);
        }
        for w in &words {
            assert_eq!(is_stop(w), STOP.binary_search(&w.as_str()).is_ok(), "{w:?}");
        }
    }

    #[test]
    fn stemming_into_buffers_gives_the_stem() {
        let (mut chars, mut out) = (Vec::new(), String::from("left over"));
        for w in ["demineurs", "armees", "chevaux", "a", "", "reconstruction"] {
            stem_into(w, &mut chars, &mut out);
            let mut s: Vec<char> = w.chars().collect();
            let len = stem_chars(&mut s);
            assert_eq!(out, s[..len].iter().collect::<String>(), "{w}");
        }
    }

    #[test]
    fn stop_words_are_sorted() {
        assert!(
            STOP.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for w in ["l", "d", "qu", "j", "n", "s", "c", "m", "t", "les", "the"] {
            assert!(is_stop(w), "{w}");
        }
        assert!(!is_stop("armee") && !is_stop("koursk"));
        // Every word the plain index drops, a French one drops too (the
        // browser drops the French list's words from queries).
        for w in crate::render::search_index::STOP {
            assert!(is_stop(w), "{w}");
        }
    }

    #[test]
    fn forms_of_a_word_share_a_stem() {
        let same = |words: &[&str]| {
            let stems: Vec<String> = words.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|p| p[0] == p[1]),
                "{words:?} → {stems:?}"
            );
        };
        same(&["demineur", "demineurs"]);
        same(&["armee", "armees"]);
        same(&["ouvrier", "ouvriers"]);
        same(&["ouvriere", "ouvrieres"]);
        same(&["travailleur", "travailleurs"]);
        same(&["sanction", "sanctions"]);
        same(&["cheval", "chevaux"]);
        assert_eq!(stem("demineurs"), "demineu");
        assert_eq!(stem("deminage"), "demin");
        assert_eq!(stem("koursk"), "koursk");
        // Short words are left as they are.
        assert_eq!(stem("ete"), "ete");
        assert_eq!(stem("x"), "x");
    }
}
