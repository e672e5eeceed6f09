//! Every string the annotation panel shows, in one table of messages of
//! the catalogues (in the dossier's language): the server puts them in
//! the article pages it serves (as JSON in a
//! `<script type="application/json">`), and `panel.js` takes all its text
//! from there. `{name}` marks a value filled in by the panel. The
//! messages of refused requests are the server's (see `guard.rs`,
//! `store.rs`, `edit.rs`), as are the build's diagnostics.

use crate::format::script_safe_json;
use crate::i18n::{Messages, Msg};
use std::collections::BTreeMap;

/// The panel's key of every string (as `panel.js` asks for it), its
/// message, and the names of its variables.
pub const STRINGS: &[(&str, Msg, &[&str])] = &[
    ("title", Msg::PanelTitle, &[]),
    ("close", Msg::PanelClose, &[]),
    ("keys", Msg::PanelKeys, &[]),
    ("quote", Msg::PanelQuote, &[]),
    ("loading", Msg::PanelLoading, &[]),
    ("checking", Msg::PanelChecking, &[]),
    ("unique", Msg::PanelUnique, &[]),
    (
        "singled_prefix",
        Msg::PanelSingledPrefix,
        &["count", "prefix"],
    ),
    (
        "singled_suffix",
        Msg::PanelSingledSuffix,
        &["count", "suffix"],
    ),
    (
        "singled_both",
        Msg::PanelSingledBoth,
        &["count", "prefix", "suffix"],
    ),
    ("ambiguous", Msg::PanelAmbiguous, &["count"]),
    ("not_found", Msg::PanelNotFound, &[]),
    ("closest", Msg::PanelClosest, &["text"]),
    ("case_differs", Msg::PanelCaseDiffers, &[]),
    ("empty", Msg::PanelEmpty, &[]),
    ("mode", Msg::PanelMode, &[]),
    ("mode_new", Msg::PanelModeNew, &[]),
    ("mode_evidence", Msg::PanelModeEvidence, &[]),
    ("file", Msg::PanelFile, &[]),
    ("file_hint", Msg::PanelFileHint, &[]),
    ("statement", Msg::PanelStatement, &[]),
    ("id", Msg::PanelId, &[]),
    ("id_hint", Msg::PanelIdHint, &[]),
    ("topics", Msg::PanelTopics, &[]),
    ("origin", Msg::PanelOrigin, &[]),
    ("choose", Msg::PanelChoose, &[]),
    ("credibility", Msg::PanelCredibility, &[]),
    ("credibility_none", Msg::PanelCredibilityNone, &[]),
    ("date", Msg::PanelDate, &[]),
    ("date_hint", Msg::PanelDateHint, &[]),
    ("translation", Msg::PanelTranslation, &[]),
    ("figure", Msg::PanelFigure, &[]),
    ("metric", Msg::PanelMetric, &[]),
    ("no_figure", Msg::PanelNoFigure, &[]),
    ("value", Msg::PanelValue, &[]),
    ("low", Msg::PanelLow, &[]),
    ("high", Msg::PanelHigh, &[]),
    ("precision", Msg::PanelPrecision, &[]),
    ("status", Msg::PanelStatus, &[]),
    ("as_of", Msg::PanelAsOf, &[]),
    ("default", Msg::PanelDefault, &[]),
    ("save_claim", Msg::PanelSaveClaim, &[]),
    ("claim", Msg::PanelClaim, &[]),
    ("claim_hint", Msg::PanelClaimHint, &[]),
    ("save_evidence", Msg::PanelSaveEvidence, &[]),
    ("saving", Msg::PanelSaving, &[]),
    ("saved", Msg::PanelSaved, &["file"]),
    ("refused", Msg::PanelRefused, &[]),
    ("failed", Msg::PanelFailed, &[]),
];

/// The table in the language of `messages`, as JSON safe inside
/// `<script>`: each variable written `{name}`, for the panel to fill in.
pub fn json(messages: &Messages) -> String {
    let map: BTreeMap<&str, String> = STRINGS
        .iter()
        .map(|&(key, m, vars)| {
            let marks: Vec<String> = vars.iter().map(|v| format!("{{{v}}}")).collect();
            let args: Vec<(&str, &str)> = vars
                .iter()
                .copied()
                .zip(marks.iter().map(String::as_str))
                .collect();
            (key, messages.fill(m, &args))
        })
        .collect();
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
        let mut keys: Vec<&str> = STRINGS.iter().map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "a key twice");
        assert_eq!(used, keys);
    }
}
