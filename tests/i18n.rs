//! The interface in the dossier's language, end to end: the `<main>` of a
//! topic page, a claim page and the "What changed" page (the fixture has an
//! edition) of one dossier built in English and in French against goldens
//! (`tests/golden/i18n/`, rewritten by `DOSSIER_BLESS=1`);
//! the machine-readable outputs the same in both languages; a theme that
//! overrides a message, adds one that French lacks (English with one
//! warning), or breaks a catalogue (an error at its line, the old site
//! kept); a template asking for a message no catalogue has.

#[allow(dead_code, reason = "the harness is shared by every test file")]
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use support::{Sandbox, build, dossier};

/// The French fixture in a sandbox, its `language` set to `language`.
fn sandbox(language: &str) -> Sandbox {
    let sandbox = Sandbox::new("good/french");
    let toml = sandbox.root.join("dossier.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        text.replace("language = \"fr\"", &format!("language = \"{language}\"")),
    )
    .unwrap();
    sandbox
}

/// Builds `sandbox` (with a base URL, so that the feed and sitemap are
/// made) into `<tmp>/public`.
fn built(sandbox: &Sandbox) -> PathBuf {
    let out = sandbox.outside("public");
    let run = dossier([
        "build".as_ref(),
        "--root".as_ref(),
        sandbox.root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
        "--base-url".as_ref(),
        "https://example.org/lys/".as_ref(),
    ]);
    run.assert_code(0);
    out
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<main>` element of a page.
fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    &html[start..end]
}

/// Compares `actual` with the golden `tests/golden/i18n/<name>`, or
/// writes it when blessing.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/i18n")
        .join(name);
    if std::env::var_os("DOSSIER_BLESS").is_some() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (DOSSIER_BLESS=1 writes it)", path.display()));
    assert!(
        expected == actual,
        "{} differs (DOSSIER_BLESS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn topic_and_claim_pages_in_english_and_in_french() {
    for language in ["en", "fr"] {
        let sandbox = sandbox(language);
        let out = built(&sandbox);
        for (page, name) in [
            ("topics/faune.html", "topic"),
            ("claims/nieuwsblad-leie.html", "claim"),
            ("changes.html", "changes"),
        ] {
            let html = read(&out, page);
            assert!(
                html.contains(&format!("<html lang=\"{language}\"")),
                "{page}"
            );
            golden(&format!("{language}-{name}.html"), main_of(&html));
        }
    }
    // What differs is the interface, not the content.
    let fr_sandbox = sandbox("fr");
    let fr = built(&fr_sandbox);
    let claim = read(&fr, "claims/nieuwsblad-leie.html");
    for expected in [
        "<h3 id=\"poissons-frontiere.evidence\">Éléments de preuve</h3>",
        "<h1 class=\"page-title\">Affirmations tirées de «\u{a0}<span lang=\"nl\">Vervuiling op de Leie: duizenden dode vissen</span>\u{a0}»</h1>",
        "<time datetime=\"2031-05-15\">15 mai 2031</time>",
        "au moins 10\u{202f}000 poissons",
        // A translation in English on a French page says so; a quote in
        // Dutch too.
        "<p class=\"quote__translation\" lang=\"en\">At the border",
        "<blockquote lang=\"nl\">",
    ] {
        assert!(claim.contains(expected), "{expected}");
    }
    let changes = read(&fr, "changes.html");
    for expected in [
        "<title>Ce qui a changé depuis l’édition 2031-05-13 · Pollution de la Lys, 2031</title>",
        "<h1 class=\"page-title\">Ce qui a changé depuis l’édition <span class=\"edition-name\">2031-05-13</span></h1>",
        "Depuis l’édition 2031-05-13 (13 mai 2031)\u{a0}: 3 affirmations ajoutées, 1 retirée et 2 révisées\u{202f}; 2 changements de statut\u{202f}; 1 jugement clé modifié.",
        "Était <strong class=\"tag tag--single-source\">source unique</strong>, désormais <strong class=\"tag tag--contested\">contestée</strong>",
        "<span class=\"diff__item\">une seule origine\u{a0}: prefecture</span>",
        "<ins>Poissons morts retrouvés\u{a0}: environ 2\u{202f}000 poissons (rapporté, mai 2031)</ins>",
        "<td class=\"num\">environ 2\u{202f}000 poissons <span class=\"muted\">(au lieu de <del>environ 1\u{202f}500 poissons</del>)</span></td>",
    ] {
        assert!(changes.contains(expected), "changes.html lacks {expected}");
    }
    let feed = read(&fr, "feed.xml");
    for expected in [
        "<title>Affirmation retirée\u{a0}: L’usine Vernay a reconnu les faits dès lundi.</title>",
        "<summary>Révisée depuis l’édition 2031-05-13\u{a0}: statut. Était source unique, désormais contestée.</summary>",
    ] {
        assert!(feed.contains(expected), "feed.xml lacks {expected}");
    }
    let article = read(&fr, "articles/nieuwsblad-leie.html");
    assert!(
        article.contains("<div lang=\"en\"><p>A Belgian daily"),
        "summary in English"
    );
    let en_sandbox = sandbox("en");
    let en = built(&en_sandbox);
    assert!(!read(&en, "claims/nieuwsblad-leie.html").contains("quote__translation\" lang="));
}

/// Every line of `text` with `"language":"…"` (the one field that names
/// the dossier's language) taken out.
fn without_language(text: &str) -> String {
    text.replace("\"language\":\"fr\"", "\"language\":\"en\"")
}

/// The JSON-LD blocks of every claim page.
fn json_ld(out: &Path) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut names: Vec<_> = fs::read_dir(out.join("claims"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for page in names {
        let html = fs::read_to_string(&page).unwrap();
        let start = html.find("<script type=\"application/ld+json\">").unwrap();
        let end = start + html[start..].find("</script>").unwrap();
        blocks.push(html[start..end].to_string());
    }
    blocks
}

#[test]
fn machine_readable_outputs_do_not_depend_on_the_language() {
    let (en_sandbox, fr_sandbox) = (sandbox("en"), sandbox("fr"));
    let (en, fr) = (built(&en_sandbox), built(&fr_sandbox));
    for data in [
        "data/claims.json",
        "data/claims.csv",
        "data/claims.schema.json",
        "sitemap.xml",
    ] {
        assert_eq!(
            without_language(&read(&en, data)),
            without_language(&read(&fr, data)),
            "{data}"
        );
    }
    assert!(read(&fr, "data/claims.json").contains("\"text\":\"at least 10,000\""));
    assert!(read(&fr, "data/claims.csv").contains(",10000,"));
    assert_eq!(json_ld(&en), json_ld(&fr));
    // The feed: ISO dates in both; only the summaries are in the language.
    let dates = |feed: &str| -> Vec<String> {
        feed.split("<updated>")
            .skip(1)
            .map(|s| s.split('<').next().unwrap().to_string())
            .collect()
    };
    let (feed_en, feed_fr) = (read(&en, "feed.xml"), read(&fr, "feed.xml"));
    assert_eq!(dates(&feed_en), dates(&feed_fr));
    assert!(
        dates(&feed_fr)
            .iter()
            .all(|d| d.len() == 20 && d.ends_with('Z'))
    );
    assert!(
        feed_fr.contains("<summary>contestée · origine"),
        "{feed_fr}"
    );
}

/// Writes `text` at `rel` under the sandbox's dossier.
fn write(sandbox: &Sandbox, rel: &str, text: &str) {
    let path = sandbox.root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn a_theme_overrides_a_message_and_a_missing_one_falls_back_to_english() {
    let sandbox = sandbox("fr");
    let toml = sandbox.root.join("dossier.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{text}theme = \"maison\"\n")).unwrap();
    // One message changed in French; one added, in English only, for a
    // template of the theme.
    write(
        &sandbox,
        "themes/maison/i18n/fr.ftl",
        "nav-overview = Accueil\n",
    );
    write(
        &sandbox,
        "themes/maison/i18n/en.ftl",
        "not-found-hint = Try the search box above.\n",
    );
    let page = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html"),
    )
    .unwrap()
    .replace(
        "{% endblock main %}",
        "<p>{{ t(key=\"not-found-hint\") }}</p>\n{% endblock main %}",
    );
    write(&sandbox, "themes/maison/templates/404.html", &page);
    let out = sandbox.outside("public");
    let run = build(&sandbox.root, &out);
    run.assert_code(0);
    // The override, on pages made by hand and by Tera alike; every other
    // message still the built-in French.
    for page in [
        "index.html",
        "claims/nieuwsblad-leie.html",
        "topics/faune.html",
    ] {
        let html = read(&out, page);
        assert!(html.contains(">Accueil</a>"), "{page}");
        assert!(!html.contains("index.html\">Vue d’ensemble</a>"), "{page}");
        assert!(html.contains("Chronologie"), "{page}");
    }
    assert!(read(&out, "404.html").contains("<p>Try the search box above.</p>"));
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        ["warning: message `not-found-hint` is missing from the `fr` catalogue: English is used"],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> themes/maison/i18n/fr.ftl"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_catalogue_is_an_error_at_its_line_and_the_old_site_stays() {
    let sandbox = sandbox("fr");
    let toml = sandbox.root.join("dossier.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{text}theme = \"maison\"\n")).unwrap();
    write(
        &sandbox,
        "themes/maison/i18n/fr.ftl",
        "nav-overview = Accueil\n",
    );
    let out = sandbox.outside("public");
    build(&sandbox.root, &out).assert_code(0);
    let before = support::snapshot(&out);
    write(
        &sandbox,
        "themes/maison/i18n/fr.ftl",
        "nav-overview = Accueil\nnav-figures = { $n\n",
    );
    let run = build(&sandbox.root, &out);
    run.assert_code(1);
    assert!(
        run.stderr.contains("error: invalid message catalogue"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("--> themes/maison/i18n/fr.ftl:2:"),
        "{}",
        run.stderr
    );
    assert_eq!(
        support::snapshot(&out),
        before,
        "the previous site is untouched"
    );
}

#[test]
fn a_template_asking_for_an_unknown_message_fails_the_build() {
    let sandbox = sandbox("fr");
    let toml = sandbox.root.join("dossier.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{text}theme = \"maison\"\n")).unwrap();
    write(
        &sandbox,
        "themes/maison/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}{{ t(key=\"no-such-message\") }}{% endblock main %}",
    );
    let run = build(&sandbox.root, &sandbox.outside("public"));
    assert_ne!(run.code, Some(0));
    assert!(
        run.stderr.contains("no message `no-such-message`"),
        "{}",
        run.stderr
    );
}

/// The markers after an article's quoted passages are named for screen
/// readers in the interface's language ("Affirmation 1"), the claim's
/// statement said once, in the tooltip that is their description.
#[test]
fn passage_markers_are_named_in_the_dossiers_language() {
    for (language, word) in [("fr", "Affirmation 1"), ("en", "Claim 1")] {
        let sandbox = sandbox(language);
        let out = built(&sandbox);
        let page = read(&out, "articles/la-voix-spill.html");
        assert!(
            page.contains("title=\"L’usine Vernay"),
            "{language}: {page}"
        );
        assert!(
            page.contains(&format!("aria-label=\"{word}\">1</a>")),
            "{language}: {page}"
        );
        let other = if language == "fr" {
            "Claim 1"
        } else {
            "Affirmation 1"
        };
        assert!(!page.contains(other), "{language}");
    }
}
