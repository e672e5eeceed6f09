//! Warnings the analysis finds: a claim graded credibility 1 with a
//! single origin, a statement that gives a number without recording it as
//! a figure of its topic's metrics, an article that no claim quotes.

use crate::diagnostic::Diagnostic;
use crate::model::{Article, Claim, Dossier};
use crate::source::Sources;
use rayon::prelude::*;

/// Credibility 1 (confirmed) needs another origin.
pub fn credibility_warning(c: &Claim, sources: &Sources) -> Diagnostic {
    Diagnostic::warning(
        c.at.0,
        c.at.1.span_in(sources, c.at.0),
        format!(
            "claim `{}` is graded credibility 1 with a single origin",
            c.id
        ),
    )
    .label("credibility 1 means confirmed by independent sources")
    .kind("claims graded credibility 1 with a single origin")
    .help("add a `corroborates` link to a claim from another origin, or lower the credibility to 2")
}

/// Month names (English, French) that make a small number a day of month.
const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "fevrier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "décembre",
];

/// Whether a statement gives a quantity: a number that is not a year
/// (1800–2199) or a day of month ("19 June", "June 19"). Words are split
/// at white space (no-break spaces too) and trimmed of what is not a
/// letter or digit; a number is a word of digits, with `,`, `.` or `'`
/// between them. Every claim's statement goes through this, so it makes
/// no string of its own but for a possible day's neighbours.
pub fn states_a_number(text: &str) -> bool {
    let is_month =
        |w: Option<&str>| w.is_some_and(|w| MONTH_WORDS.contains(&w.to_lowercase().as_str()));
    let mut words = text
        .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let (mut before, mut word) = (None, words.next());
    while let Some(w) = word {
        let after = words.next();
        if let Some((n, len)) = number(w) {
            let year = len == 4 && (1800..2200).contains(&n);
            let day = (1..=31).contains(&n) && (is_month(after) || is_month(before));
            if !year && !day {
                return true;
            }
        }
        (before, word) = (Some(w), after);
    }
    false
}

/// The value of `word` if it is a number (digits, with `,`, `.` and `'`
/// left out; `u64::MAX` when too long), with its count of digits.
fn number(word: &str) -> Option<(u64, usize)> {
    let mut n: Option<u64> = Some(0);
    let mut len = 0;
    for c in word.chars().filter(|c| !matches!(c, ',' | '.' | '\'')) {
        let d = c.to_digit(10)?;
        n = n.and_then(|n| n.checked_mul(10)?.checked_add(u64::from(d)));
        len += 1;
    }
    (len > 0).then(|| (n.unwrap_or(u64::MAX), len))
}

/// A claim of a topic with metrics states a number but records no figure.
fn no_figure_warning(c: &Claim, sources: &Sources) -> Diagnostic {
    Diagnostic::warning(
        c.at.0,
        c.at.1.span_in(sources, c.at.0),
        format!("claim `{}` states a number but records no figure", c.id),
    )
    .kind("claims that state a number but record no figure")
    .label("its topic has metrics")
    .help(
        "add `figures:` with the metric, value and precision, so it is compared with other origins",
    )
}

/// The claims that state a number but record no figure, in topics that
/// have metrics (a claim there that states a number should record it as
/// a figure).
pub fn no_figure_warnings(d: &Dossier, sources: &Sources) -> Vec<Diagnostic> {
    let mut metric_topic = vec![false; d.topics.len()];
    for m in &d.metrics {
        metric_topic[m.topic] = true;
    }
    d.claims
        .par_iter()
        .filter(|c| {
            c.figures.is_empty()
                && c.topics.iter().any(|&t| metric_topic[t])
                && states_a_number(&c.statement)
        })
        .map(|c| no_figure_warning(c, sources))
        .collect()
}

/// An article that no claim quotes.
pub fn unquoted_warning(article: &Article) -> Diagnostic {
    Diagnostic::warning(
        article.file,
        0..0,
        format!("no claim quotes article `{}`", article.slug),
    )
    .kind("articles no claim quotes")
    .label("this article is not quoted as evidence")
    .help("annotate its claims in content/claims/, or remove it from the dossier")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `states_a_number` as first written, one string per word: the
    /// reference the quicker one is held to.
    fn reference(text: &str) -> bool {
        let words: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        let is_month =
            |w: Option<&&str>| w.is_some_and(|w| MONTH_WORDS.contains(&w.to_lowercase().as_str()));
        words.iter().enumerate().any(|(i, w)| {
            let digits: String = w
                .chars()
                .filter(|c| !matches!(c, ',' | '.' | '\''))
                .collect();
            if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
                return false;
            }
            let n: u64 = digits.parse().unwrap_or(u64::MAX);
            let year = digits.len() == 4 && (1800..2200).contains(&n);
            let day = (1..=31).contains(&n)
                && (is_month(words.get(i + 1)) || i > 0 && is_month(words.get(i - 1)));
            !year && !day
        })
    }

    #[test]
    fn states_a_number_agrees_with_its_reference() {
        let pieces = [
            "1",
            "19",
            "31",
            "32",
            "0",
            "600",
            "2025",
            "1799",
            "2199",
            "2200",
            "0019",
            "1,200",
            "1.5",
            "3'000",
            "99999999999999999999999",
            "٣",
            "²",
            ",",
            ".",
            "'",
            "June",
            "JUNE",
            "juin",
            "Décembre",
            "DÉCEMBRE",
            "mai",
            "May",
            "of",
            "le",
            "(12)",
            "«",
            "»",
            "-",
            "12e",
            "x1",
            " ",
            "  ",
            "\u{a0}",
            "\u{202f}",
            "\n",
        ];
        // A xorshift: the same strings every run.
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = next() % 8;
            let mut text = String::new();
            for _ in 0..len {
                text.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                if next() % 3 > 0 {
                    text.push(' ');
                }
            }
            assert_eq!(states_a_number(&text), reference(&text), "{text:?}");
        }
    }
}
