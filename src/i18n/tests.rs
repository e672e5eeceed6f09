//! The built-in catalogues agree (every English message is in French and
//! the reverse, with the same variables), [`Msg`] names exactly the English
//! messages, and messages come out as pages need them in both languages.

use super::*;
use fluent_bundle::FluentResource;

/// (id, variables) of every message of a built-in catalogue, and its
/// syntax errors.
fn messages(lang: &str) -> (Vec<(String, Vec<String>)>, usize) {
    let text = catalogue::builtin(lang).unwrap_or_else(|| panic!("no {lang}.ftl"));
    let (resource, errors) = match FluentResource::try_new(text.to_string()) {
        Ok(r) => (r, 0),
        Err((r, e)) => (r, e.len()),
    };
    let list = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some((
                m.id.name.to_string(),
                m.value
                    .as_ref()
                    .map(|v| catalogue::variables(v).0)
                    .unwrap_or_default(),
            )),
            _ => None,
        })
        .collect();
    (list, errors)
}

#[test]
fn french_and_english_catalogues_have_the_same_messages_and_variables() {
    let (en, en_errors) = messages("en");
    let (fr, fr_errors) = messages("fr");
    assert_eq!((en_errors, fr_errors), (0, 0), "syntax errors");
    let en_ids: Vec<&str> = en.iter().map(|(i, _)| i.as_str()).collect();
    let fr_ids: Vec<&str> = fr.iter().map(|(i, _)| i.as_str()).collect();
    let missing: Vec<&&str> = en_ids.iter().filter(|i| !fr_ids.contains(i)).collect();
    let extra: Vec<&&str> = fr_ids.iter().filter(|i| !en_ids.contains(i)).collect();
    assert!(missing.is_empty(), "missing from fr.ftl: {missing:?}");
    assert!(extra.is_empty(), "in fr.ftl, not en.ftl: {extra:?}");
    for (id, vars) in &en {
        let (_, fr_vars) = fr.iter().find(|(i, _)| i == id).unwrap();
        assert_eq!(vars, fr_vars, "variables of `{id}`");
    }
    let mut sorted = en_ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), en_ids.len(), "an id is defined twice");
}

#[test]
fn msg_names_exactly_the_english_messages() {
    let (en, _) = messages("en");
    let ids: Vec<&str> = en.iter().map(|(i, _)| i.as_str()).collect();
    let keys: Vec<&str> = Msg::ALL.iter().map(|m| m.id()).collect();
    assert_eq!(keys, ids);
}

#[test]
fn no_message_resolves_to_nothing() {
    for lang in ["en", "fr"] {
        let (m, diags) = Messages::load(&Theme::default(), lang, &mut Sources::default());
        assert!(diags.is_empty(), "{lang}: {diags:?}");
        for &k in Msg::ALL {
            assert!(!m.text(k).trim().is_empty(), "{lang}: {} is empty", k.id());
        }
    }
}

fn load(lang: &str) -> Messages {
    Messages::load(&Theme::default(), lang, &mut Sources::default()).0
}

#[test]
fn counts_choose_plural_forms_and_write_numbers_the_languages_way() {
    let en = load("en");
    let fr = load("fr");
    let support = |m: &Messages, o: i64, a: i64| {
        m.count(Msg::Support, &[("origins", o), ("articles", a)])
            .to_string()
    };
    assert_eq!(support(&en, 1, 1), "1 origin · 1 article");
    assert_eq!(support(&en, 2, 4), "2 independent origins · 4 articles");
    assert_eq!(support(&fr, 1, 1), "1 origine · 1 article");
    assert_eq!(support(&fr, 2, 4), "2 origines indépendantes · 4 articles");
    // The value is kept: asked again, the same text.
    assert_eq!(support(&fr, 2, 4), "2 origines indépendantes · 4 articles");
    let count = |m: &Messages, n: i64| m.count(Msg::ClaimsCount, &[("count", n)]).to_string();
    assert_eq!(count(&en, 0), "0 claims");
    assert_eq!(count(&fr, 0), "0 affirmation");
    assert_eq!(count(&fr, 15000), "15\u{202f}000 affirmations");
    assert_eq!(count(&en, 15000), "15,000 claims");
}

#[test]
fn figures_and_dates_read_naturally_in_french() {
    use crate::format::format_figure;
    use crate::model::{Figure, FigureStatus, PartialDate, Precision};
    let fr = load("fr");
    let f = |precision, low: f64, high: f64, value| Figure {
        metric: 0,
        low,
        high,
        value,
        precision,
        status: FigureStatus::Reported,
        as_of: None,
    };
    assert_eq!(
        format_figure(&fr, &f(Precision::Approx, 600.0, 600.0, Some(600.0))),
        "environ 600"
    );
    assert_eq!(
        format_figure(&fr, &f(Precision::AtLeast, 1e4, 1e4, Some(1e4))),
        "au moins 10\u{202f}000"
    );
    assert_eq!(
        format_figure(&fr, &f(Precision::Range, 1e4, 12e3, None)),
        "10\u{202f}000–12\u{202f}000"
    );
    let d = |s: &str| fr.date(&PartialDate::parse(s).unwrap()).to_string();
    assert_eq!(d("2025-06-17"), "17 juin 2025");
    assert_eq!(d("2025-06"), "juin 2025");
    assert_eq!(d("2025"), "2025");
}

#[test]
fn text_variables_are_put_in_pieces_and_html_messages_escape_them() {
    let en = load("en");
    let origin = "A & B <x>";
    assert_eq!(
        en.fill(Msg::ConflictContradiction, &[("origin", origin)]),
        "contradicts this claim (origin: A & B <x>)"
    );
    // Twice: the second time from the pieces.
    assert_eq!(
        en.fill(Msg::ConflictContradiction, &[("origin", "C")]),
        "contradicts this claim (origin: C)"
    );
    assert_eq!(
        en.html(
            "not-found-links-html",
            &[
                ("home", Arg::Text("a\"b.html")),
                ("sources", Arg::Text("s.html"))
            ]
        )
        .unwrap(),
        "<a href=\"a&quot;b.html\">Go to the overview</a> or <a href=\"s.html\">browse sources and articles</a>."
    );
    assert_eq!(
        en.html(
            "index-how-to-read-text-html",
            &[("grade_html", Arg::Text("<abbr>B2</abbr>"))]
        )
        .unwrap()
        .split(':')
        .next(),
        Some("Each claim carries a grade such as <abbr>B2</abbr>")
    );
}

#[test]
fn a_language_without_catalogue_is_english_with_one_warning() {
    let (m, diags) = Messages::load(&Theme::default(), "de", &mut Sources::default());
    assert_eq!(m.text(Msg::NavOverview), "Overview");
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert!(
        diags[0]
            .message
            .contains("no message catalogue for language `de`")
    );
    // fr-CA: French, with no warning.
    let (m, diags) = Messages::load(&Theme::default(), "fr-CA", &mut Sources::default());
    assert_eq!(m.text(Msg::NavOverview), "Vue d’ensemble");
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn french_messages_never_break_a_line_before_their_punctuation() {
    // French sets a thin space before `: ; ! ? %` and inside guillemets;
    // a plain one lets a line start with the mark ("Notes" / ": …").
    let text = include_str!("../../themes/default/i18n/fr.ftl");
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') {
            continue;
        }
        for bad in [" :", " ;", " !", " ?", " %", " »", "« "] {
            assert!(!line.contains(bad), "fr.ftl:{}: {bad:?} in {line}", n + 1);
        }
    }
    // English writes a percentage without a space.
    let en = include_str!("../../themes/default/i18n/en.ftl");
    assert!(!en.lines().any(|l| !l.starts_with('#') && l.contains("} %")));
}
