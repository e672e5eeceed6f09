//! Finding the entities a text mentions, by their aliases: the text and
//! every alias are folded the same way as the search folds them
//! ([`crate::fold`]), and one Aho-Corasick automaton over all the folded
//! aliases scans the folded text, leftmost-longest, so "Conseil de
//! sécurité de l'ONU" is one mention of the Security Council and not also
//! one of "ONU". Folded words are written with a space on each side
//! ([`fold::spaced_words`]), so a match is always whole words.
//!
//! In: the aliases of each entity (an index per entity). Out: for a text,
//! the entities it mentions. The loader builds the [`Matcher`] (and checks
//! that no folded alias names two entities); analysis and anchoring use it.

use crate::fold;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Up to this many aliases the automaton is a DFA.
const DFA_ALIASES: usize = 5_000;

/// The folded form of an alias: its words, as the matcher looks for them
/// (empty when it has no letter or digit).
pub fn folded(alias: &str) -> String {
    let mut out = String::new();
    fold::spaced_words(alias, &mut out);
    out
}

/// An automaton over the folded aliases of every entity.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// The entity of each pattern.
    entity: Vec<u32>,
    entities: usize,
}

impl Matcher {
    /// A matcher for `aliases`: (entity index, folded alias) pairs, each
    /// folded alias once and not empty. `None` when there is none.
    pub fn new(aliases: &[(usize, String)], entities: usize) -> Option<Matcher> {
        if aliases.is_empty() {
            return None;
        }
        // A DFA reads every article's text several times faster than the
        // default NFA; past a few thousand aliases it would grow large,
        // and the crate's own choice is kept.
        let kind = (aliases.len() <= DFA_ALIASES).then_some(AhoCorasickKind::DFA);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(aliases.iter().map(|(_, a)| a.as_str()))
            .ok()?;
        Some(Matcher {
            automaton,
            entity: aliases.iter().map(|(e, _)| *e as u32).collect(),
            entities,
        })
    }

    /// The entities mentioned in `texts`, each once, in index order.
    /// `scratch` holds the folded text between calls (to reuse its memory).
    pub fn find<'t>(
        &self,
        texts: impl IntoIterator<Item = &'t str>,
        scratch: &mut String,
    ) -> Vec<usize> {
        scratch.clear();
        for text in texts {
            // A character no folded alias holds: no match spans two texts.
            scratch.push('|');
            fold::spaced_words(text, scratch);
        }
        let mut found: Vec<usize> = self
            .automaton
            .find_iter(scratch.as_str())
            .map(|m| self.entity[m.pattern().as_usize()] as usize)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// How many entities there are.
    pub fn entities(&self) -> usize {
        self.entities
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(entities: &[&[&str]]) -> Matcher {
        let mut aliases = Vec::new();
        for (e, list) in entities.iter().enumerate() {
            for a in *list {
                aliases.push((e, folded(a)));
            }
        }
        Matcher::new(&aliases, entities.len()).unwrap()
    }

    fn find(m: &Matcher, text: &str) -> Vec<usize> {
        m.find([text], &mut String::new())
    }

    #[test]
    fn aliases_match_whole_words_across_case_accents_and_punctuation() {
        let m = matcher(&[
            &["Sergei Shoigu", "Shoigu", "Choïgou"],
            &["Kursk", "Koursk"],
            &["Kim Jong-un"],
        ]);
        assert_eq!(find(&m, "Sergeï CHOÏGOU à Koursk"), [0, 1]);
        assert_eq!(find(&m, "le dirigeant Kim Jong Un."), [2]);
        assert_eq!(find(&m, "Shoiguism and Kurskaya"), [] as [usize; 0]);
        assert_eq!(find(&m, "(Shoigu)Kursk"), [0, 1]);
        assert_eq!(find(&m, ""), [] as [usize; 0]);
    }

    #[test]
    fn the_longest_alias_wins_and_neighbours_both_match() {
        let m = matcher(&[
            &["Conseil de sécurité de l'ONU"],
            &["ONU"],
            &["Moscou"],
            &["Pyongyang"],
        ]);
        // The council's alias covers "ONU": one mention, not two.
        assert_eq!(find(&m, "le Conseil de sécurité de l’ONU a dit"), [0]);
        assert_eq!(find(&m, "l'ONU"), [1]);
        // Two aliases side by side are both found.
        assert_eq!(find(&m, "Moscou Pyongyang"), [2, 3]);
        assert_eq!(find(&m, "Moscou-Pyongyang"), [2, 3]);
    }

    #[test]
    fn no_alias_spans_two_texts() {
        let m = matcher(&[&["Kim Jong-un"], &["Kim"]]);
        // "Kim" ends one text and "Jong-un" starts the next: no alias
        // is found across the break.
        assert_eq!(m.find(["Kim", "Jong-un"], &mut String::new()), [1]);
        assert_eq!(m.find(["a Kim", "b"], &mut String::new()), [1]);
    }
}
