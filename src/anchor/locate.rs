//! Quote location. Quotes are normalised the way the article text is
//! ([`normalize`]) and located all at once, with an Aho–Corasick
//! automaton when there are many, so an article quoted 200 times is
//! scanned once; a prefix or suffix singles out one occurrence of a
//! repeated quote. A quote that is not found gets the closest passage
//! (best bag-of-words window, linear time; in Chinese and Japanese, bag
//! of pairs of characters, full-width forms compared as ASCII) for the
//! hint.

use super::normalise::{NormText, normalize};
use crate::fold::{is_cjk, narrow};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// What one quote asks for.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    /// The quote.
    pub quote: &'a str,
    /// Text just before.
    pub prefix: Option<&'a str>,
    /// Text just after.
    pub suffix: Option<&'a str>,
}

/// Result of locating one quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// The single occurrence, as a range of the normalised text.
    Found(Range<usize>),
    /// The quote is empty once normalised.
    Empty,
    /// Not in the text; the closest passage, if any word matched.
    NotFound {
        /// Best matching passage (normalised text).
        closest: Option<String>,
        /// Whether the quote matches when case is ignored.
        case_differs: bool,
    },
    /// More than one occurrence and nothing singles one out.
    Ambiguous {
        /// Occurrences of the bare quote.
        count: usize,
        /// Occurrences left after `prefix`/`suffix` (0 when they rule out all).
        remaining: usize,
    },
}

/// At most this many occurrences of one quote are kept.
const MAX_OCCURRENCES: usize = 1000;

/// Up to this many distinct quotes of one article are each found with
/// their own scan; more share one Aho-Corasick pass, so that the cost stays
/// linear in the text however many times it is quoted.
const FEW_QUOTES: usize = 24;

/// Start of every occurrence of `needle` in `hay`, overlapping ones
/// included, at most [`MAX_OCCURRENCES`].
fn occurrences(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    let finder = memchr::memmem::Finder::new(needle);
    let mut out = Vec::new();
    let mut from = 0;
    while out.len() < MAX_OCCURRENCES
        && let Some(i) = finder.find(&hay[from..])
    {
        out.push(from + i);
        from += i + 1;
    }
    out
}

/// Locates every query in `text`.
pub fn locate_all(text: &NormText, queries: &[Query<'_>]) -> Vec<Located> {
    let norm: Vec<String> = queries.iter().map(|q| normalize(q.quote)).collect();
    let mut patterns: Vec<&str> = norm
        .iter()
        .filter(|s| !s.is_empty())
        .map(String::as_str)
        .collect();
    patterns.sort_unstable();
    patterns.dedup();
    let mut hits: HashMap<&str, Vec<usize>> = HashMap::new();
    if patterns.len() <= FEW_QUOTES {
        // A few quotes: one vectorised scan each costs less than building
        // an automaton (the usual case: an article is quoted a few times).
        // Each quote is looked for again one byte after every occurrence,
        // so overlapping occurrences count, as with the automaton.
        for p in &patterns {
            hits.insert(p, occurrences(text.text.as_bytes(), p.as_bytes()));
        }
    } else {
        // Many quotes: one pass of an automaton, whatever their number. A
        // contiguous NFA is quick to build for the dozens of quotes of one
        // article (a DFA costs more to build than it saves on one pass).
        let built = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns);
        match built {
            Ok(ac) => {
                for m in ac.find_overlapping_iter(&text.text) {
                    let list = hits.entry(patterns[m.pattern().as_usize()]).or_default();
                    if list.len() < MAX_OCCURRENCES {
                        list.push(m.start());
                    }
                }
            }
            // Beyond the automaton's size limits: one scan per quote.
            Err(_) => {
                for p in &patterns {
                    hits.insert(p, occurrences(text.text.as_bytes(), p.as_bytes()));
                }
            }
        }
    }
    queries
        .iter()
        .zip(&norm)
        .map(|(q, n)| {
            if n.is_empty() {
                return Located::Empty;
            }
            let starts = hits.get(n.as_str()).map_or(&[][..], Vec::as_slice);
            if starts.is_empty() {
                return not_found(&text.text, n);
            }
            let prefix = q.prefix.map(normalize).filter(|p| !p.is_empty());
            let suffix = q.suffix.map(normalize).filter(|s| !s.is_empty());
            let fits: Vec<usize> = starts
                .iter()
                .copied()
                .filter(|&s| {
                    let before = text.text[..s].trim_end();
                    let after = text.text[s + n.len()..].trim_start();
                    prefix.as_ref().is_none_or(|p| before.ends_with(p.as_str()))
                        && suffix
                            .as_ref()
                            .is_none_or(|x| after.starts_with(x.as_str()))
                })
                .collect();
            if fits.len() == 1 {
                Located::Found(fits[0]..fits[0] + n.len())
            } else {
                Located::Ambiguous {
                    count: starts.len(),
                    remaining: fits.len(),
                }
            }
        })
        .collect()
}

fn not_found(text: &str, quote: &str) -> Located {
    let case_differs = text.to_lowercase().contains(&quote.to_lowercase());
    Located::NotFound {
        closest: closest_passage(text, quote),
        case_differs,
    }
}

/// One thing the closest passage is compared by: a word, or in Chinese
/// and Japanese a pair of characters. Its bytes in the text, and its key.
struct Unit {
    at: Range<usize>,
    key: String,
}

/// The units of `text`: its words (split at spaces; case and the
/// punctuation around them left out: `«Мы` is the word `мы` of a quote
/// written `"Мы`), and in a word that holds Chinese or Japanese, which
/// are written without spaces, the overlapping pairs of its letters and
/// digits (one alone is a unit of its own). Full-width forms are compared
/// as ASCII (`３` is `3`, `Ｊ` is `j`).
fn units(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut pos = 0;
    for w in text.split(' ') {
        if w.chars().any(is_cjk) {
            pairs(w, pos, &mut units);
        } else {
            let key = w.chars().map(narrow).collect::<String>();
            let key = key.trim_matches(|c: char| !c.is_alphanumeric());
            units.push(Unit {
                at: pos..pos + w.len(),
                key: key.to_lowercase(),
            });
        }
        pos += w.len() + 1;
    }
    units
}

/// Adds the units of a word `w` (at byte `pos` of the text) that holds
/// Chinese or Japanese: the pairs of its letters and digits, the
/// punctuation between them left out.
fn pairs(w: &str, pos: usize, units: &mut Vec<Unit>) {
    let letters: Vec<(Range<usize>, String)> = w
        .char_indices()
        .map(|(i, c)| (pos + i..pos + i + c.len_utf8(), narrow(c)))
        .filter(|(_, c)| c.is_alphanumeric())
        .map(|(at, c)| (at, c.to_lowercase().collect()))
        .collect();
    if let [(at, key)] = letters.as_slice() {
        units.push(Unit {
            at: at.clone(),
            key: key.clone(),
        });
    }
    units.extend(letters.windows(2).map(|pair| Unit {
        at: pair[0].0.start..pair[1].0.end,
        key: format!("{}{}", pair[0].1, pair[1].1),
    }));
}

/// The window of the text, as many units long as the quote, that shares
/// the most units with it, moved on to start at a shared unit. Units are
/// words (case and the punctuation around them left out), or in Chinese
/// and Japanese pairs of characters, full-width forms compared as ASCII;
/// the passage is shown as the text has it. Linear in the text's length.
pub fn closest_passage(text: &str, quote: &str) -> Option<String> {
    let qunits = units(quote);
    let k = qunits.len();
    let mut need: HashMap<&str, i32> = HashMap::new();
    for u in qunits.iter().filter(|u| !u.key.is_empty()) {
        *need.entry(u.key.as_str()).or_default() += 1;
    }
    let units = units(text);
    let mut have: HashMap<&str, i32> = HashMap::new();
    let (mut score, mut best, mut best_at) = (0i32, 0i32, 0usize);
    for i in 0..units.len() {
        let w = units[i].key.as_str();
        if let Some(&n) = need.get(w) {
            let h = have.entry(w).or_default();
            if *h < n {
                score += 1;
            }
            *h += 1;
        }
        if i >= k {
            let old = units[i - k].key.as_str();
            if let Some(&n) = need.get(old) {
                let h = have.entry(old).or_default();
                *h -= 1;
                if *h < n {
                    score -= 1;
                }
            }
        }
        if score > best {
            best = score;
            best_at = (i + 1).saturating_sub(k);
        }
    }
    if best == 0 {
        return None;
    }
    // Units before the first shared one give nothing: the passage starts
    // there and runs as long as the quote.
    while !need.contains_key(units[best_at].key.as_str()) && best_at + 1 < units.len() {
        best_at += 1;
    }
    let last = (best_at + k).min(units.len()) - 1;
    let passage = &text[units[best_at].at.start..units[last].at.end];
    Some(ellipsize(passage, 200).into_owned())
}

/// Cuts text to at most `max` characters at a word boundary, adding `…`.
pub fn ellipsize(s: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let Some((end, _)) = s.char_indices().nth(max) else {
        return s.into();
    };
    let cut = &s[..end];
    let cut = cut.rsplit_once(' ').map_or(cut, |(a, _)| a);
    format!("{cut}…").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(segments: &[&str]) -> NormText {
        let mut n = NormText::new();
        for (i, s) in segments.iter().enumerate() {
            n.push_segment(i as u32, s);
        }
        n.finish()
    }

    fn q(quote: &str) -> Query<'_> {
        Query {
            quote,
            prefix: None,
            suffix: None,
        }
    }

    #[test]
    fn few_quotes_are_found_as_the_automaton_finds_them() {
        // Overlapping occurrences, prefixes and suffixes, a quote found
        // once, one not found: the per-quote scans (few quotes) and the
        // automaton (many) must agree on every result.
        let t = text(&["aaaa baba ba la « ville » de Koursk, la ville de Soudja"]);
        let ctx = |quote, prefix, suffix| Query {
            quote,
            prefix,
            suffix,
        };
        let queries = vec![
            q("aa"),
            q("aba"),
            q("ba"),
            q("Koursk"),
            q("la ville"),
            ctx("la ville", Some("Koursk,"), None),
            ctx("ville", None, Some("de Soudja")),
            q("Belgorod"),
            q(""),
        ];
        let few = locate_all(&t, &queries);
        assert!(queries.len() <= FEW_QUOTES);
        let padding: Vec<String> = (0..FEW_QUOTES).map(|i| format!("absent {i}")).collect();
        let mut many_queries = queries.clone();
        many_queries.extend(padding.iter().map(|p| q(p)));
        let many = locate_all(&t, &many_queries);
        assert_eq!(few, many[..queries.len()]);
        assert_eq!(
            few[0],
            Located::Ambiguous {
                count: 3,
                remaining: 3
            }
        );
        assert!(matches!(few[1], Located::Found(_)));
        assert_eq!(
            few[2],
            Located::Ambiguous {
                count: 3,
                remaining: 3
            }
        );
        assert!(matches!(few[3], Located::Found(_)));
        assert!(matches!(few[5], Located::Found(_)));
        assert!(matches!(few[6], Located::Found(_)));
        assert!(matches!(few[7], Located::NotFound { .. }));
        assert_eq!(few[8], Located::Empty);
    }

    #[test]
    fn finds_quote_across_inline_markup() {
        // "il a *bien* dit [ceci](u) hier" renders as five text pieces
        let t = text(&["il a ", "bien", " dit ", "ceci", " hier"]);
        let found = locate_all(&t, &[q("a bien dit ceci")]);
        let Located::Found(r) = &found[0] else {
            panic!("{found:?}")
        };
        assert_eq!(
            t.pieces(r.clone()),
            vec![(0, 3..5), (1, 0..4), (2, 0..5), (3, 0..4)]
        );
    }

    #[test]
    fn typographic_apostrophe_matches_ascii_and_nbsp_matches_space() {
        let t = text(&["Selon l’agence\u{a0}: «\u{a0}près de 600\u{a0}» morts."]);
        assert!(matches!(
            locate_all(&t, &[q("l'agence : \" près de 600 \"")])[0],
            Located::Found(_)
        ));
        assert!(matches!(
            locate_all(&t, &[q("l’agence\u{202f}:")])[0],
            Located::Found(_)
        ));
    }

    #[test]
    fn overlapping_quotes_are_all_found() {
        let t = text(&["Shoigu a annoncé 1 000 démineurs et 5 000 ouvriers."]);
        let r = locate_all(
            &t,
            &[
                q("annoncé 1 000 démineurs"),
                q("1 000 démineurs et 5 000 ouvriers"),
            ],
        );
        assert!(matches!(r[0], Located::Found(_)));
        assert!(matches!(r[1], Located::Found(_)));
    }

    #[test]
    fn repeated_quote_needs_prefix_or_suffix() {
        let t = text(&["Il a dit oui. Puis elle a dit oui. Fin."]);
        assert_eq!(
            locate_all(&t, &[q("dit oui")])[0],
            Located::Ambiguous {
                count: 2,
                remaining: 2
            }
        );
        let with_prefix = Query {
            quote: "dit oui",
            prefix: Some("elle a"),
            suffix: None,
        };
        assert_eq!(locate_all(&t, &[with_prefix])[0], Located::Found(26..33));
        let with_suffix = Query {
            quote: "dit oui",
            prefix: None,
            suffix: Some(". Puis"),
        };
        assert_eq!(locate_all(&t, &[with_suffix])[0], Located::Found(5..12));
        let wrong = Query {
            quote: "dit oui",
            prefix: Some("personne"),
            suffix: None,
        };
        assert_eq!(
            locate_all(&t, &[wrong])[0],
            Located::Ambiguous {
                count: 2,
                remaining: 0
            }
        );
    }

    #[test]
    fn missing_quote_reports_closest_passage() {
        let t = text(&["La Corée du Nord enverra 1 000 démineurs à Koursk selon Shoigu."]);
        let r = locate_all(&t, &[q("enverra 2 000 démineurs à Koursk")]);
        let Located::NotFound {
            closest: Some(c),
            case_differs: false,
        } = &r[0]
        else {
            panic!("{r:?}")
        };
        assert_eq!(c, "enverra 1 000 démineurs à Koursk");
        // Quotation marks around words do not count: the passage that
        // shares three words wins over one sharing two, and starts at one
        // (in the text as normalised: guillemets are straight quotes).
        let ru = text(&["Он сказал: «Мы не комментируем такие сообщения», — и ушёл."]);
        let r = locate_all(&ru, &[q("\"Мы никогда не комментируем\"")]);
        let Located::NotFound {
            closest: Some(c), ..
        } = &r[0]
        else {
            panic!("{r:?}")
        };
        assert_eq!(c, "\"Мы не комментируем такие");
        assert!(matches!(
            locate_all(&t, &[q("la corée du nord")])[0],
            Located::NotFound {
                case_differs: true,
                ..
            }
        ));
        assert_eq!(locate_all(&t, &[q(" \u{a0} ")])[0], Located::Empty);
    }

    #[test]
    fn missing_japanese_or_chinese_quote_reports_closest_passage_as_written() {
        // Written without spaces, the text is compared by pairs of
        // characters, full-width digits as ASCII ones: the hint shows the
        // passage with the article's full-width digits.
        let ja = text(&[
            "強い台風１２号は３日未明、鹿児島県南部に上陸した。",
            "鹿児島県は同日午前６時までに、県内１２市町の約３万人に避難指示を出した。",
        ]);
        let closest = |t: &NormText, quote| match &locate_all(t, &[q(quote)])[0] {
            Located::NotFound { closest, .. } => closest.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            closest(&ja, "県内12市町の約3万人に避難指示を出した").as_deref(),
            Some("県内１２市町の約３万人に避難指示を出した")
        );
        // Words changed: the window sharing the most pairs, from the
        // first pair it shares.
        assert_eq!(
            closest(&ja, "県内の約3万人に避難勧告を出した").as_deref(),
            Some("の約３万人に避難指示を出した")
        );
        let zh = text(&[
            "受强降雨影响，南宁市出现特大暴雨。截至１２日上午８时，全市已紧急转移安置群众约３万人。",
        ]);
        assert_eq!(
            closest(&zh, "全市共紧急转移安置群众约3万人").as_deref(),
            Some("全市已紧急转移安置群众约３万人")
        );
        // Nothing in common: no hint; Latin words beside Chinese compare
        // as words, full-width letters as ASCII ones.
        assert_eq!(closest(&ja, "ソウル"), None);
        let mixed = text(&["ＪＲ九州は在来線の全線で運転を見合わせた。 JR East ran."]);
        assert_eq!(
            closest(&mixed, "JR九州は全線で").as_deref(),
            Some("ＪＲ九州は在来線")
        );
    }

    #[test]
    fn dropped_character_between_base_and_mark() {
        // Found by tests/props.rs: a zero-width space or soft hyphen kept a
        // letter and its combining mark apart, so normalising twice gave
        // another text and a quote cut from the text was not found there.
        for s in ["é\u{200b}\u{327}", "e\u{ad}\u{301}"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s:?}");
        }
        assert_eq!(normalize("e\u{ad}\u{301}"), "é");
        let t = text(&["é\u{200b}\u{327}'"]);
        let cut = &t.text[..t.text.len() - 1];
        assert_eq!(locate_all(&t, &[q(cut)])[0], Located::Found(0..cut.len()));
        // The origin of the composed letter covers the dropped character.
        assert_eq!(t.pieces(0..cut.len()), vec![(0, 0..7)]);
    }

    #[test]
    fn marks_that_start_a_piece_compose_with_the_previous_one() {
        // Found by the `quote` fuzz target: `ceci&#769;` is two text
        // events, and the quote `cecí` was not found in `ceci` + U+0301.
        let t = text(&["ceci", "\u{301} zw", "\u{327}\u{301}"]);
        assert_eq!(t.text, normalize("ceci\u{301} zw\u{327}\u{301}"));
        assert_eq!(locate_all(&t, &[q("cecí")])[0], Located::Found(0..5));
        assert_eq!(t.pieces(0..5), vec![(0, 0..4)]);
        // After a block break, or at the start, there is nothing to join.
        let mut n = NormText::new();
        n.push_segment(0, "\u{301}a");
        n.push_break();
        n.push_segment(1, "\u{301}b");
        let n = n.finish();
        assert_eq!(n.text, "\u{301}a \u{301}b");
        assert_eq!(n.pieces(0..n.text.len()), vec![(0, 0..3), (1, 0..3)]);
    }
}
