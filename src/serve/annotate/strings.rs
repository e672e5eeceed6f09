//! Every string the annotation panel shows, in one table: the server puts
//! it in the article pages it serves (as JSON in a
//! `<script type="application/json">`), and `panel.js` takes all its text
//! from there. `{name}` marks a value filled in by the panel. The
//! messages of refused requests are the server's (see `guard.rs`,
//! `store.rs`, `edit.rs`), as are the build's diagnostics.

use crate::format::script_safe_json;
use std::collections::BTreeMap;

/// Key and English text of every string of the panel.
pub const STRINGS: &[(&str, &str)] = &[
    ("title", "Annotate this passage"),
    ("close", "Close"),
    ("keys", "Alt+Shift+A: go to this panel · Esc: close it"),
    ("quote", "Quote"),
    ("loading", "Reading the dossier’s topics and sources…"),
    ("checking", "Looking for the quote in the article…"),
    ("unique", "Found once in the article."),
    (
        "singled_prefix",
        "Found {count} times; the words before it, “{prefix}”, single this one out and are saved as its prefix.",
    ),
    (
        "singled_suffix",
        "Found {count} times; the words after it, “{suffix}”, single this one out and are saved as its suffix.",
    ),
    (
        "singled_both",
        "Found {count} times; the words around it, “{prefix}” before and “{suffix}” after, single this one out and are saved as its prefix and suffix.",
    ),
    (
        "ambiguous",
        "Found {count} times, and no nearby words single this one out: select a longer passage.",
    ),
    (
        "not_found",
        "Not in the article’s text as the build reads it: select words of the article itself.",
    ),
    ("closest", "Closest passage: “{text}”"),
    (
        "case_differs",
        "It matches if case is ignored: copy the capitals as in the article.",
    ),
    ("empty", "Nothing to quote: select words of the article."),
    ("mode", "Save as"),
    ("mode_new", "A new claim"),
    ("mode_evidence", "Evidence for an existing claim"),
    ("file", "Claims file"),
    (
        "file_hint",
        "Created if it does not exist; the new claim is added at its end.",
    ),
    ("statement", "Statement"),
    ("id", "Id"),
    (
        "id_hint",
        "Suggested from the statement: lowercase letters, digits and hyphens.",
    ),
    ("topics", "Topics"),
    ("origin", "Origin"),
    ("choose", "Choose…"),
    ("credibility", "Credibility"),
    ("credibility_none", "Not given"),
    ("date", "Date of the event (optional)"),
    ("date_hint", "YYYY, YYYY-MM or YYYY-MM-DD"),
    ("translation", "Translation (optional)"),
    ("figure", "Figure (optional)"),
    ("metric", "Metric"),
    ("no_figure", "No figure"),
    ("value", "Value"),
    ("low", "Low"),
    ("high", "High"),
    ("precision", "Precision"),
    ("status", "Status"),
    ("as_of", "As of"),
    ("default", "Default"),
    ("save_claim", "Save the claim"),
    ("claim", "Claim"),
    (
        "claim_hint",
        "Type words of its id or statement, then pick it.",
    ),
    ("save_evidence", "Add the evidence"),
    ("saving", "Checking with the build and saving…"),
    (
        "saved",
        "Saved in {file}. Rebuilding: the page reloads by itself.",
    ),
    ("refused", "Not saved."),
    (
        "failed",
        "No answer from dossier serve: is it still running?",
    ),
];

/// The table as JSON safe inside `<script>`.
pub fn json() -> String {
    let map: BTreeMap<&str, &str> = STRINGS.iter().copied().collect();
    script_safe_json(&map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the panel asks for (`t('key')`) is in the table, and
    /// every key of the table is used.
    #[test]
    fn the_panel_uses_exactly_the_table() {
        let script = super::super::PANEL_JS;
        let mut used: Vec<&str> = script
            .match_indices("t('")
            .filter(|(at, _)| {
                !script[..*at]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            })
            .filter_map(|(at, _)| script[at + 3..].split('\'').next())
            .collect();
        used.sort_unstable();
        used.dedup();
        let mut keys: Vec<&str> = STRINGS.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "a key twice");
        assert_eq!(used, keys);
    }
}
