//! The sentences of what changed, in the dossier's language: the page's
//! heading (as text, and as HTML with each edition name kept on one line)
//! and first sentence, the counts of claims added, removed and revised,
//! the names of a claim's fields, and why a claim had its status, read
//! back from the words an edition records ([`crate::edition::snapshot::reason`]).
//! Takes the changes and the messages; gives strings. The feed and the
//! claim pages say what changed with the same words.

use crate::edition::{Changes, Counts, EditionRef, Field};
use crate::i18n::{Arg, Messages, Msg};
use crate::markdown::escape_into;

/// The page's heading, as text (the page title, the feed) and as HTML
/// (each edition's name in a `<span class="edition-name">`), and its
/// first sentence.
pub(in crate::render) struct Headline {
    pub(in crate::render) text: String,
    pub(in crate::render) html: String,
    pub(in crate::render) lede: String,
}

/// Stand-ins for the edition names in a heading, replaced by the names
/// in markup once the message is escaped (private-use characters, which
/// no message has).
const MARKS: [&str; 2] = ["\u{F8F0}", "\u{F8F1}"];

/// The heading `m` with the edition names `names` (`edition`, `baseline`).
fn heading(messages: &Messages, m: Msg, names: &[(&str, &str)]) -> (String, String) {
    let text = messages.fill(m, names);
    let marked: Vec<(&str, &str)> = names
        .iter()
        .zip(MARKS)
        .map(|(&(n, _), mark)| (n, mark))
        .collect();
    let mut html = String::new();
    escape_into(&mut html, &messages.fill(m, &marked));
    for (&(_, name), mark) in names.iter().zip(MARKS) {
        let mut span = String::from("<span class=\"edition-name\">");
        escape_into(&mut span, name);
        span.push_str("</span>");
        html = html.replace(mark, &span);
    }
    (text, html)
}

/// The page's heading and first sentence (the feed's entry for the whole
/// says the same).
pub(in crate::render) fn headline(ch: &Changes, m: &Messages) -> Headline {
    let counts = ch.diff.counts();
    let rest = m.format(
        Msg::ChangesSummary,
        &[
            ("counts", Arg::Text(&counts_words(m, counts))),
            ("status", Arg::Number(ch.diff.status.len() as f64)),
            ("judgments", Arg::Number(ch.diff.judgments.len() as f64)),
        ],
    );
    let baseline = ch.baseline.as_ref().map(|b| EditionRef {
        name: b.name.clone(),
        date: b.date,
    });
    let date = |e: &EditionRef| m.date(&e.date).to_string();
    let ((text, html), lede) = match (&ch.recorded, &baseline) {
        (Some(r), Some(b)) => {
            let (from_date, to_date) = (date(b), date(r));
            let args = [
                ("from", b.name.as_str()),
                ("from_date", from_date.as_str()),
                ("to", r.name.as_str()),
                ("to_date", to_date.as_str()),
                ("changes", rest.as_str()),
            ];
            (
                heading(
                    m,
                    Msg::ChangesHeadingEditionSince,
                    &[("edition", &r.name), ("baseline", &b.name)],
                ),
                if ch.diff.is_empty() {
                    m.fill(Msg::ChangesLedeBetweenNothing, &args[..4])
                } else {
                    m.fill(Msg::ChangesLedeBetween, &args)
                },
            )
        }
        (Some(r), None) => (
            heading(m, Msg::ChangesHeadingEdition, &[("edition", &r.name)]),
            m.fill(
                Msg::ChangesLedeFirst,
                &[("edition", &r.name), ("date", &date(r))],
            ),
        ),
        (None, Some(b)) => {
            let from_date = date(b);
            let args = [
                ("from", b.name.as_str()),
                ("from_date", from_date.as_str()),
                ("changes", rest.as_str()),
            ];
            (
                heading(m, Msg::ChangesHeadingSince, &[("baseline", &b.name)]),
                if ch.diff.is_empty() {
                    m.fill(Msg::ChangesLedeSinceNothing, &args[..2])
                } else {
                    m.fill(Msg::ChangesLedeSince, &args)
                },
            )
        }
        (None, None) => {
            let title = m.text(Msg::ChangesTitle);
            let mut html = String::new();
            escape_into(&mut html, title);
            ((title.to_string(), html), String::new())
        }
    };
    Headline { text, html, lede }
}

/// "4 claims added, 1 removed and 6 revised".
pub(in crate::render) fn counts_words(m: &Messages, c: Counts) -> String {
    m.count(
        Msg::ChangesCounts,
        &[
            ("added", c.added as i64),
            ("removed", c.removed as i64),
            ("revised", c.revised as i64),
        ],
    )
    .to_string()
}

/// The name of a field as the page's list of revised fields shows it
/// ("Relayed by").
pub(super) fn field_name(m: &Messages, f: Field) -> &str {
    m.text(match f {
        Field::Statement => Msg::ChangesFieldStatement,
        Field::Figures => Msg::ChangesFieldFigures,
        Field::Credibility => Msg::ChangesFieldCredibility,
        Field::Grade => Msg::ChangesFieldGrade,
        Field::Evidence => Msg::ChangesFieldEvidence,
        Field::Date => Msg::ChangesFieldDate,
        Field::Origin => Msg::ChangesFieldOrigin,
        Field::Via => Msg::ChangesFieldRelays,
        Field::Topics => Msg::ChangesFieldTopics,
        Field::Corroborates => Msg::ChangesFieldCorroborates,
        Field::Contradicts => Msg::ChangesFieldContradicts,
    })
}

/// What changed in a claim, in a sentence: its fields, then its status
/// when it changed ("statement, figures, status").
pub(in crate::render) fn what_changed(m: &Messages, fields: &[Field], status: bool) -> String {
    let mut words: Vec<&str> = fields
        .iter()
        .map(|&f| {
            m.text(match f {
                Field::Statement => Msg::ChangeWordStatement,
                Field::Figures => Msg::ChangeWordFigures,
                Field::Credibility => Msg::ChangeWordCredibility,
                Field::Grade => Msg::ChangeWordGrade,
                Field::Evidence => Msg::ChangeWordEvidence,
                Field::Date => Msg::ChangeWordDate,
                Field::Origin => Msg::ChangeWordOrigin,
                Field::Via => Msg::ChangeWordRelays,
                Field::Topics => Msg::ChangeWordTopics,
                Field::Corroborates => Msg::ChangeWordCorroborates,
                Field::Contradicts => Msg::ChangeWordContradicts,
            })
        })
        .collect();
    if status {
        words.push(m.text(Msg::ChangeWordStatus));
    }
    join(m, Msg::ChangeWordList, &words)
}

/// `items` joined by message `list` (`{ $first }, { $rest }`), from the
/// last: "a, b, c".
fn join(m: &Messages, list: Msg, items: &[&str]) -> String {
    let Some((last, rest)) = items.split_last() else {
        return String::new();
    };
    rest.iter().rev().fold(last.to_string(), |acc, first| {
        m.fill(list, &[("first", first), ("rest", &acc)])
    })
}

/// Why a claim had its status, from the words an edition records
/// ("contradicted by a; figure disagrees with b", "independent origins:
/// x, y", "one origin: x"), in the dossier's language. A part in other
/// words (an edition edited by hand) is kept as it is.
pub(super) fn reason(m: &Messages, recorded: &str) -> String {
    if recorded.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = recorded.split("; ").map(|p| reason_part(m, p)).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    join(m, Msg::ChangesReasonList, &parts)
}

/// One part of a recorded reason (see [`reason`]).
fn reason_part(m: &Messages, part: &str) -> String {
    const CIRCULAR: &str = " (the claims that support it share it)";
    if let Some(id) = part.strip_prefix("contradicted by ") {
        m.fill(Msg::ChangesReasonContradicted, &[("claim", id)])
    } else if let Some(id) = part.strip_prefix("figure disagrees with ") {
        m.fill(Msg::ChangesReasonFigure, &[("claim", id)])
    } else if let Some(ids) = part.strip_prefix("independent origins: ") {
        m.fill(Msg::ChangesReasonCorroborated, &[("origins", ids)])
    } else if let Some(origin) = part.strip_prefix("one origin: ") {
        match origin.strip_suffix(CIRCULAR) {
            Some(origin) => m.fill(Msg::ChangesReasonCircular, &[("origin", origin)]),
            None => m.fill(Msg::ChangesReasonSingle, &[("origin", origin)]),
        }
    } else if let Some(n) = part
        .strip_suffix(" conflicts in all")
        .and_then(|n| n.parse::<i64>().ok())
    {
        m.count(Msg::ChangesReasonTotal, &[("count", n)])
            .to_string()
    } else {
        part.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Sources;
    use crate::theme::Theme;

    fn messages(language: &str) -> Messages {
        Messages::load(&Theme::default(), language, &mut Sources::default()).0
    }

    #[test]
    fn recorded_reasons_are_read_back_in_the_language() {
        let (en, fr) = (messages("en"), messages("fr"));
        for text in [
            "contradicted by a; figure disagrees with b; 12 conflicts in all",
            "independent origins: nis, ria",
            "one origin: nis",
            "one origin: nis (the claims that support it share it)",
        ] {
            assert_eq!(reason(&en, text), text);
        }
        assert_eq!(
            reason(
                &fr,
                "contradicted by a; figure disagrees with b; 1200 conflicts in all"
            ),
            "contredite par a\u{202f}; chiffre en désaccord avec b\u{202f}; 1\u{202f}200 conflits en tout"
        );
        assert_eq!(
            reason(&fr, "one origin: nis (the claims that support it share it)"),
            "une seule origine\u{a0}: nis (les affirmations qui l’appuient la partagent)"
        );
        // Words an edition edited by hand may hold are kept.
        assert_eq!(reason(&fr, "as the editor wrote"), "as the editor wrote");
    }

    #[test]
    fn lists_join_from_the_last_item() {
        let en = messages("en");
        assert_eq!(
            what_changed(&en, &[Field::Statement, Field::Via], true),
            "statement, relays, status"
        );
        assert_eq!(what_changed(&en, &[], true), "status");
        assert_eq!(
            what_changed(&messages("fr"), &[Field::Evidence, Field::Grade], false),
            "éléments de preuve, note"
        );
    }
}
