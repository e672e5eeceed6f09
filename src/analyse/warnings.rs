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
/// (1800–2199) or a day of month ("19 June", "June 19").
pub fn states_a_number(text: &str) -> bool {
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
