//! Issue 19, entities: `content/entities.yaml`, the mentions found in
//! articles and claims, the entity pages and what else carries them.
//!
//! `tests/fixtures/good/entities` is a small dossier (a bridge closure in a
//! fictional town) whose entities have aliases in French, English, Russian
//! and Korean, with and without accents; one claim names entities
//! explicitly. The `<main>` of its entities index and of each entity page
//! is compared with the goldens in its `expected/` folder (every golden
//! must be used; `DOSSIER_BLESS=1 cargo test --test entities` rewrites
//! them). The bad cases (a shared alias, an unknown field, a duplicate id,
//! an unknown entity in a claim) are in `tests/matrix.rs`. The shipped
//! dossier's entity pages are checked for the spellings its articles use;
//! the French fixture's, for their words in French.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use support::Sandbox;

fn bless() -> bool {
    std::env::var_os("DOSSIER_BLESS").is_some()
}

/// Builds the entities fixture; returns the sandbox (keep it) and the output.
fn build_fixture() -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new("good/entities");
    let out = sandbox.outside("public");
    let run = support::build(&sandbox.root, &out);
    run.assert_code(0).assert_no_panic();
    assert!(
        !run.stderr.contains("warning:") && !run.stderr.contains("error:"),
        "{}",
        run.stderr
    );
    (sandbox, out)
}

/// The `<main>` element of a page, with a newline at the end.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    format!("{}\n", &html[start..end])
}

#[test]
fn entity_pages_match_their_goldens() {
    let (_sandbox, out) = build_fixture();
    let expected = support::fixture("good/entities/expected");
    let mut pages = vec!["entities.html".to_string()];
    let mut ids: Vec<String> = fs::read_dir(out.join("entities"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "anais-kovac.html",
            "highways-agency.html",
            "lerne.html",
            "repair-fund.html"
        ]
    );
    pages.extend(ids.iter().map(|p| format!("entities/{p}")));
    let mut used = BTreeSet::new();
    for page in &pages {
        let actual = main_of(&support::read(&out, page));
        let golden = expected.join(page);
        used.insert(golden.clone());
        if bless() {
            fs::create_dir_all(golden.parent().unwrap()).unwrap();
            fs::write(&golden, &actual).unwrap();
            continue;
        }
        let want = fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (DOSSIER_BLESS=1 writes it)", golden.display()));
        assert!(
            want == actual,
            "{page} differs from {} (DOSSIER_BLESS=1 rewrites it)\n--- expected\n{want}\n--- actual\n{actual}",
            golden.display()
        );
    }
    // Every golden is a page the build makes.
    let mut goldens = Vec::new();
    collect(&expected, &mut goldens);
    let unused: Vec<&PathBuf> = goldens.iter().filter(|g| !used.contains(*g)).collect();
    assert!(unused.is_empty(), "goldens no page matches: {unused:?}");
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// The hrefs of the links in the "Mentions" row of a page.
fn mentions_row(html: &str) -> Vec<String> {
    let Some(at) = html.find("<dt>Mentions</dt>") else {
        return Vec::new();
    };
    let row = &html[at..at + html[at..].find("</dd>").unwrap()];
    support::links(row)
        .into_iter()
        .map(|(_, href)| href)
        .collect()
}

#[test]
fn mentions_are_found_across_languages_accents_and_case() {
    let (_sandbox, out) = build_fixture();
    // "Anaïs Kovač" in the French article, "Anais Kovac" in the English one.
    let kovac = support::read(&out, "entities/anais-kovac.html");
    for article in ["journal-pont", "herald-bridge"] {
        assert!(
            kovac.contains(&format!("href=\"../articles/{article}.html\"")),
            "anais-kovac should list {article}"
        );
    }
    // "Agence des routes" (French) and "Highways Agency" (English);
    // entities are listed by name.
    for article in ["journal-pont", "herald-bridge"] {
        assert_eq!(
            mentions_row(&support::read(&out, &format!("articles/{article}.html"))),
            [
                "../entities/anais-kovac.html",
                "../entities/lerne.html",
                "../entities/highways-agency.html"
            ]
        );
    }
    // Named in `entities:` (repair fund, agency) and in the statement
    // ("Lerne" is not matched inside "Lerne Highways Agency"'s alias).
    assert_eq!(
        mentions_row(&support::claim_section(&out, "repairs-six-months")),
        [
            "../entities/repair-fund.html",
            "../entities/highways-agency.html"
        ]
    );
    assert_eq!(
        mentions_row(&support::claim_section(&out, "bridge-closed")),
        ["../entities/lerne.html", "../entities/highways-agency.html"]
    );
    // The navigation has the index; links and fragments all resolve.
    assert!(support::read(&out, "index.html").contains("<a href=\"entities.html\">Entities</a>"));
    let problems = support::check_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn data_files_and_search_carry_the_entities() {
    let (_sandbox, out) = build_fixture();
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/claims.json")).unwrap()).unwrap();
    let schema: serde_json::Value =
        serde_json::from_slice(&fs::read(out.join("data/claims.schema.json")).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let entities_of = |id: &str| -> Vec<String> {
        let claim = json["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap();
        claim["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(entities_of("mayor-doubts"), ["anais-kovac"]);
    assert_eq!(
        entities_of("repairs-six-months"),
        ["repair-fund", "highways-agency"]
    );
    let csv = support::read(&out, "data/claims.csv");
    let mut lines = csv.lines();
    assert!(
        lines.next().unwrap().ends_with(",credibility,entities"),
        "{csv}"
    );
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",repair-fund;highways-agency"),
        "{csv}"
    );
    // Each entity is a search document under its name, its kind the
    // result's (which the search page words), with its aliases as the
    // snippet.
    let index = support::read(&out, "assets/search-index.js");
    assert!(
        index.contains(r#"["person","Anaïs Kovač","entities/anais-kovac.html","Anais Kovac, Kovač, Анаис Ковач"]"#),
        "{index}"
    );
    let search = support::read(&out, "search.html");
    assert!(
        search.contains("&quot;person&quot;:&quot;Person&quot;")
            && search.contains("&quot;place&quot;:&quot;Place&quot;"),
        "{search}"
    );
    for term in ["\"kovac\"", "\"анаис\"", "\"lerna\"", "\"lha\""] {
        assert!(index.contains(term), "{term} not indexed");
    }
}

#[test]
fn a_dossier_without_entities_has_no_trace_of_them() {
    let sandbox = Sandbox::new("good/entities");
    fs::remove_file(sandbox.root.join("content/entities.yaml")).unwrap();
    let text = fs::read_to_string(sandbox.root.join("content/claims/bridge.yaml")).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("entities:"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(sandbox.root.join("content/claims/bridge.yaml"), text).unwrap();
    for file in ["content/_index.md", "content/topics/bridge.md"] {
        let path = sandbox.root.join(file);
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace("(entity:highways-agency)", "(../sources.html)")
            .replace("(entity:anais-kovac)", "(../sources.html)");
        fs::write(path, text).unwrap();
    }
    let out = sandbox.outside("public");
    support::build(&sandbox.root, &out)
        .assert_code(0)
        .assert_no_panic();
    assert!(!out.join("entities.html").exists() && !out.join("entities").exists());
    let index = support::read(&out, "index.html");
    assert!(!index.contains("entities.html"), "no navigation entry");
    assert!(!support::read(&out, "data/claims.json").contains("\"entities\""));
    assert!(!support::read(&out, "data/claims.csv").contains("entities"));
    assert!(!support::claim_section(&out, "bridge-closed").contains(">Mentions<"));
    assert!(!support::read(&out, "search.html").contains("person"));
}

#[test]
fn the_shipped_dossier_names_its_entities_as_the_articles_spell_them() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    support::build(Path::new(env!("CARGO_MANIFEST_DIR")), &out)
        .assert_code(0)
        .assert_no_panic();
    // (entity, aliases its page must show, articles that must mention it)
    let expected: &[(&str, &[&str], &[&str])] = &[
        (
            "kim-jong-un",
            &["Kim Jong Un"],
            &[
                "putin-kim-call-alaska",
                "shoigu-kursk-pledge",
                "washington-alarm-kursk",
            ],
        ),
        (
            "vladimir-putin",
            &["Poutine", "Vladimir Poutine"],
            &["putin-kim-call-alaska", "shoigu-kursk-pledge"],
        ),
        (
            "sergei-shoigu",
            &["Shoigu", "Sergeï Choïgou", "Choïgou"],
            &["shoigu-kursk-pledge", "washington-alarm-kursk"],
        ),
        ("lloyd-austin", &[], &["washington-alarm-kursk"]),
        (
            "nis",
            &[
                "NIS",
                "renseignements sud-coréens",
                "agence de renseignement sud-coréenne",
            ],
            &[
                "putin-kim-call-alaska",
                "shoigu-kursk-pledge",
                "washington-alarm-kursk",
            ],
        ),
        ("ria-novosti", &[], &["shoigu-kursk-pledge"]),
        ("nhk", &[], &["drone-factory-workers"]),
        ("bbc", &[], &["putin-kim-call-alaska"]),
        ("rbc-ukraine", &[], &["drone-factory-workers"]),
        (
            "un-security-council",
            &["Conseil de sécurité de l&#39;ONU"],
            &["washington-alarm-kursk"],
        ),
        (
            "kursk",
            &["Koursk"],
            &[
                "putin-kim-call-alaska",
                "shoigu-kursk-pledge",
                "washington-alarm-kursk",
            ],
        ),
        (
            "yelabuga",
            &["Elabouga", "Lelabouga", "Alabuga", "Yelabuga"],
            &["drone-factory-workers"],
        ),
        (
            "pyongyang",
            &[],
            &[
                "deminers-builders-plan",
                "drone-factory-workers",
                "putin-kim-call-alaska",
                "shoigu-kursk-pledge",
                "washington-alarm-kursk",
            ],
        ),
        (
            "moscow",
            &["Moscou"],
            &[
                "deminers-builders-plan",
                "drone-factory-workers",
                "putin-kim-call-alaska",
                "washington-alarm-kursk",
            ],
        ),
    ];
    for (id, aliases, articles) in expected {
        let page = support::read(&out, &format!("entities/{id}.html"));
        for alias in *aliases {
            assert!(
                page.contains(&format!("<span class=\"alias\">{alias}</span>")),
                "entities/{id}.html lacks the alias {alias}"
            );
        }
        for article in *articles {
            assert!(
                page.contains(&format!("href=\"../articles/{article}.html\"")),
                "entities/{id}.html does not list {article}"
            );
        }
        assert!(
            !page.contains("<a href=\"#claims\">0 claims</a>"),
            "entities/{id}.html: no claim mentions it"
        );
    }
    // Search finds Shoigu by the French spelling, folded.
    let index = support::read(&out, "assets/search-index.js");
    assert!(index.contains("\"choigou\""), "choigou not indexed");
}

#[test]
fn entity_pages_and_citations_speak_the_dossiers_language() {
    // The French fixture has entities (a river named in French and in
    // Dutch, a person no text mentions) and cites claims.
    let sandbox = Sandbox::new("good/french");
    let out = sandbox.outside("public");
    support::build(&sandbox.root, &out)
        .assert_code(0)
        .assert_no_panic();
    let pages = [
        (
            "entities.html",
            &[
                "<h1 class=\"page-title\">Personnes, organisations et lieux</h1>",
                "<a href=\"#place\">Lieux</a>",
                "<p class=\"card__meta\">3 affirmations · 2 articles</p>",
                "<p class=\"card__meta\">0 affirmation · 0 article</p>",
            ][..],
        ),
        (
            "entities/lys.html",
            &[
                "<p class=\"kicker\">Lieu</p>",
                "<dt>Autres graphies</dt>",
                "<dt>Apparaît dans</dt><dd><a href=\"#claims\">3 affirmations</a> · <a href=\"#articles\">2 articles</a>",
                "<dt>Première mention</dt><dd><time datetime=\"2031-05\">mai 2031</time>",
                "qui mentionnent Lys.</p>",
                "aria-label=\"Référence 1\u{a0}: Environ 2 000 poissons morts",
                "<h2 class=\"references__title\">Références</h2>",
            ][..],
        ),
        (
            "entities/jeanne-morel.html",
            &[
                "<meta name=\"description\" content=\"Personne\u{a0}: Jeanne Morel\">",
                "<p>Aucune affirmation ne mentionne Jeanne Morel.</p>",
                "<p>Aucun article ne mentionne Jeanne Morel.</p>",
            ][..],
        ),
        (
            "topics/faune.html",
            &[
                "aria-label=\"Retour à l’appel de référence 1a\">a</a>",
                "aria-label=\"Retour à l’appel de référence 2\">^</a>",
            ][..],
        ),
        (
            "claims/nieuwsblad-leie.html",
            &["<dt>Mentions</dt><dd><a href=\"../entities/lys.html\">Lys</a>"][..],
        ),
        ("search.html", &["&quot;place&quot;:&quot;Lieu&quot;"][..]),
    ];
    for (page, expected) in pages {
        let html = support::read(&out, page);
        for e in expected {
            assert!(html.contains(e), "{page}: {e}\n{html}");
        }
        for english in [
            "People, organisations",
            "Also written",
            "Mentioned in",
            "First mentioned",
            "References",
            "Reference 1",
            "Back to citation",
            "No claim mentions",
        ] {
            assert!(!html.contains(english), "{page}: {english}");
        }
    }
    let index = support::read(&out, "index.html");
    assert!(index.contains("<a href=\"entities.html\">Entités</a>"));
}

/// Chinese and Japanese are written without spaces: a name is found
/// inside a sentence (the text is cut into pairs of characters), by the
/// mentions and by the search index alike.
#[test]
fn chinese_and_japanese_names_are_found_inside_sentences() {
    let sandbox = Sandbox::new("good/entities");
    let content = sandbox.root.join("content");
    fs::write(
        content.join("articles/lerne-shimbun.md"),
        "---\ntitle: \"レルヌの橋、通行止めに\"\npublished: 2032-05-06\nlanguage: ja\n---\n\
         レルヌ市の道路庁は3日、橋脚にひびが見つかったとして橋を通行止めにした。\n\n\
         勒尔讷市政府表示，修复工作需要六个月。\n",
    )
    .unwrap();
    let entities = fs::read_to_string(content.join("entities.yaml")).unwrap();
    let entities = entities
        .replace(
            "aliases: [Lerna, Лерна, 레르네]",
            "aliases: [Lerna, Лерна, 레르네, レルヌ, 勒尔讷]",
        )
        .replace(
            "aliases: [Highways Agency, Agence des routes, LHA]",
            "aliases: [Highways Agency, Agence des routes, LHA, 道路庁]",
        );
    fs::write(content.join("entities.yaml"), entities).unwrap();
    let out = sandbox.outside("public");
    support::build(&sandbox.root, &out)
        .assert_code(0)
        .assert_no_panic();
    for entity in ["lerne", "highways-agency"] {
        let page = support::read(&out, &format!("entities/{entity}.html"));
        assert!(
            page.contains("href=\"../articles/lerne-shimbun.html\""),
            "{entity} should list the Japanese article"
        );
    }
    // The article's title in pairs (article texts are not indexed), the
    // aliases too.
    let index = support::read(&out, "assets/search-index.js");
    for term in [
        "\"レル\"",
        "\"の橋\"",
        "\"通行\"",
        "\"めに\"",
        "\"路庁\"",
        "\"勒尔\"",
    ] {
        assert!(index.contains(term), "the search index should hold {term}");
    }
    assert!(!index.contains("\"レルヌの橋\""));
}
