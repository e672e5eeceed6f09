//! Editions, through the real binary: `dossier edition`, the "What
//! changed" page, the change tags of claims and the feed's entries.
//!
//! `tests/fixtures/good/editions/` has two editions (2030-05-10 and
//! 2030-05-25) and, since the latest, every kind of change: claims added
//! and removed; a statement, figures, credibility, grade, origin, relays,
//! evidence and links revised; statuses from single source to
//! corroborated and to contested; key judgments moved, rebased, made and
//! withdrawn; a claim unchanged. Goldens of `<main>` are in its
//! `expected/`; `DOSSIER_BLESS=1 cargo test --test editions` rewrites them.
//! Malformed editions are `tests/fixtures/bad/edition-*` (and
//! `compare-with-unknown`), each with its `expected.txt`.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use support::{Run, Sandbox};

const FIXTURE: &str = "good/editions";

fn bless() -> bool {
    std::env::var_os("DOSSIER_BLESS").is_some()
}

/// Compares `actual` with the golden `expected/<name>` of the fixture, or
/// writes it when blessing.
fn golden(name: &str, actual: &str) {
    let path = support::fixture(FIXTURE).join("expected").join(name);
    if bless() {
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

/// The `<main>` element of a page.
fn main_of(html: &str) -> String {
    let start = html.find("<main").expect("a <main>");
    let end = html.find("</main>").expect("a </main>") + "</main>".len();
    format!("{}\n", &html[start..end])
}

fn edition(root: &Path, name: &str, force: bool) -> Run {
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "edition".as_ref(),
        name.as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
    ];
    if force {
        args.push("--force".as_ref());
    }
    support::dossier(args)
}

/// Builds the sandbox's dossier (with a base URL when given) into
/// `<tmp>/public`.
fn built(sandbox: &Sandbox, base_url: Option<&str>) -> PathBuf {
    let out = sandbox.outside("public");
    let mut args: Vec<&std::ffi::OsStr> = vec![
        "build".as_ref(),
        "--root".as_ref(),
        sandbox.root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ];
    if let Some(url) = base_url {
        let flag: &std::ffi::OsStr = "--base-url".as_ref();
        let url: &std::ffi::OsStr = url.as_ref();
        args.extend([flag, url]);
    }
    support::dossier(args).assert_code(0).assert_no_panic();
    out
}

#[test]
fn the_changes_page_shows_every_kind_of_change() {
    let sandbox = Sandbox::new(FIXTURE);
    let out = built(&sandbox, None);
    let html = support::read(&out, "changes.html");
    golden("changes.main.html", &main_of(&html));
    let text = support::squash(&support::decode_entities(&html));
    for words in [
        "What changed since edition <span class=\"edition-name\">2030-05-25</span>",
        "Since edition 2030-05-25 (25 May 2030): 2 claims added, 1 removed and 6 revised; 2 changes of status; 4 key judgments changed.",
        // Statement, word by word: the old words struck, the new marked.
        "<dt>Statement</dt>",
        "<del>a metre</del>",
        "<ins>two metres</ins>",
        // Figures, credibility, grade, evidence, origin, relays.
        "<del>Homes flooded: about 250 homes (reported, as of May 2030)</del>",
        "<ins>Homes flooded: 300 homes (reported, as of May 2030)</ins>",
        "<del>3 — possibly true</del>",
        "<ins>2 — probably true</ins>",
        "<del>C2</del>",
        "<ins>B2</ins>",
        "<dt>Evidence</dt>",
        "<dt>Origin</dt>",
        "<dt>Relayed by</dt>",
        // Status changes, in words.
        "Was <strong class=\"tag tag--single-source\">single source</strong>, now <strong class=\"tag tag--corroborated\">corroborated</strong>",
        "Was <strong class=\"tag tag--single-source\">single source</strong>, now <strong class=\"tag tag--contested\">contested</strong>",
        // Judgments moved, rebased, made, withdrawn.
        "<ins>Very likely</ins>",
        "<ins>moderate</ins>",
        "Looting was widespread.",
        "More than 1,000 people were evacuated.",
        // The removed claim in full, with an anchor.
        "id=\"change-looting\"",
        "Looters were seen in the empty streets",
    ] {
        assert!(text.contains(words), "changes.html lacks {words:?}");
    }
    // The unchanged claim is nowhere on the page.
    assert!(!text.contains("river-fell"), "an unchanged claim is listed");
    assert!(
        support::check_links(&out).is_empty(),
        "{:?}",
        support::check_links(&out)
    );
}

#[test]
fn claim_rows_and_pages_carry_new_and_revised_tags() {
    let sandbox = Sandbox::new(FIXTURE);
    let out = built(&sandbox, None);
    let new = " <strong class=\"tag tag--new\">new<span class=\"visually-hidden\"> since edition 2030-05-25</span></strong>";
    let revised = " <strong class=\"tag tag--revised\">revised<span class=\"visually-hidden\"> since edition 2030-05-25</span></strong>";
    // Every list where claims are listed.
    for page in [
        "topics/flood.html",
        "topics/evacuation.html",
        "timeline.html",
        "sources.html",
        "figures.html",
        "articles/le-courrier.html",
        "articles/valley-times.html",
        "changes.html",
    ] {
        let html = support::read(&out, page);
        assert!(
            html.contains(new) || html.contains(revised),
            "{page}: no tag"
        );
    }
    let topic = support::read(&out, "topics/flood.html");
    let row = |id: &str| {
        let at = topic.find(&format!("id=\"c-{id}\"")).unwrap();
        topic[at..at + topic[at..].find("</li>").unwrap()].to_string()
    };
    assert!(row("dam-inspection").contains(new));
    assert!(row("rise").contains(revised));
    assert!(
        row("dam-cracked").contains(revised),
        "a status change alone is a revision"
    );
    assert!(!row("river-fell").contains("tag--new") && !row("river-fell").contains("tag--revised"));
    let figures = support::read(&out, "figures.html");
    assert!(figures.contains(&format!(
        "About 1,200 people were evacuated from the lower town.</a>{revised}"
    )));
    // Claim pages: the tag, and what changed in a sentence with a link.
    golden(
        "claim-evacuated-1200.main.html",
        &support::claim_section(&out, "evacuated-1200"),
    );
    let page = |id: &str| support::claim_section(&out, id);
    assert!(page("dam-inspection").contains("New since edition 2030-05-25. <a href=\"../changes.html#c-dam-inspection\">See what changed</a>."));
    assert!(page("dam-cracked").contains(
        "Revised since edition 2030-05-25: status. <a href=\"../changes.html#status-dam-cracked\">"
    ));
    assert!(page("homes-300").contains("Revised since edition 2030-05-25: statement, figures, evidence, relays. <a href=\"../changes.html#change-homes-300\">"));
    assert!(!page("river-fell").contains("change-note"));
    // Every page links the stylesheet of the tags, and the navigation
    // names the page.
    let index = support::read(&out, "index.html");
    assert!(index.contains("<link rel=\"stylesheet\" href=\"assets/changes.css\">"));
    assert!(index.contains("<li><a href=\"changes.html\">What changed</a></li>"));
    assert!(out.join("assets/changes.css").is_file());
}

#[test]
fn without_editions_there_is_no_page_tag_or_stylesheet() {
    let sandbox = Sandbox::new(FIXTURE);
    fs::remove_dir_all(sandbox.root.join("editions")).unwrap();
    let out = built(&sandbox, Some("https://example.org/repo/"));
    assert!(!out.join("changes.html").exists());
    assert!(!out.join("assets/changes.css").exists());
    for (path, bytes) in support::snapshot(&out) {
        let Some(bytes) = bytes else { continue };
        let text = String::from_utf8_lossy(&bytes);
        for needle in [
            "changes.html",
            "changes.css",
            "tag--new",
            "tag--revised",
            "since edition",
        ] {
            assert!(!text.contains(needle), "{path} mentions {needle}");
        }
    }
}

#[test]
fn the_feed_carries_the_changes() {
    let sandbox = Sandbox::new(FIXTURE);
    let out = built(&sandbox, Some("https://example.org/repo/"));
    let feed = support::read(&out, "feed.xml");
    let titles: Vec<&str> = feed
        .split("<title>")
        .skip(2)
        .map(|t| &t[..t.find("</title>").unwrap()])
        .take(12)
        .collect();
    assert_eq!(
        titles,
        [
            "What changed since edition 2030-05-25",
            "New claim: An inspection confirmed the crack in the old dam.",
            "New claim: The prefecture says 2,000 people were evacuated.",
            "Revised claim: A crack has opened in the old dam.",
            "Revised claim: About 1,200 people were evacuated from the lower town.",
            "Revised claim: 300 homes were flooded.",
            "Revised claim: The water rose two metres in an hour.",
            "Revised claim: The primary school on Hill Street sheltered evacuees.",
            "Revised claim: The agency issued a flood warning on Saturday evening.",
            "Removed claim: Looters were seen in the empty streets.",
            "Key judgment changed: The flood damaged hundreds of homes.",
            "Key judgment changed: The dam is at risk of failing.",
        ]
    );
    // Dated with the newest content (the June article), never the clock.
    assert!(feed.contains("<updated>2030-06-03T00:00:00Z</updated>\n  <author>"));
    assert!(feed.contains("<summary>Revised since edition 2030-05-25: credibility, grade, status. Was single source, now contested.</summary>"));
    assert!(feed.contains(
        "<id>https://example.org/repo/changes.html#since-2030-05-25-c-dam-inspection</id>"
    ));
}

#[test]
fn recording_an_edition_writes_a_deterministic_file_and_refuses_to_overwrite() {
    let sandbox = Sandbox::new(FIXTURE);
    let run = edition(&sandbox.root, "2030-06-10", false);
    run.assert_code(0);
    assert!(
        run.stderr.contains(
            "Recorded edition 2030-06-10: 9 claims, 4 key judgments in editions/2030-06-10.yaml"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("Since edition 2030-05-25: 2 claims added, 1 removed, 6 revised; 4 key judgments changed."), "{}", run.stderr);
    let path = sandbox.root.join("editions/2030-06-10.yaml");
    let first = fs::read_to_string(&path).unwrap();
    golden("2030-06-10.yaml", &first);
    // Again: refused, the file untouched.
    let again = edition(&sandbox.root, "2030-06-10", false);
    again.assert_code(1);
    assert!(
        again
            .stderr
            .contains("error: editions/2030-06-10.yaml already exists; pass --force"),
        "{}",
        again.stderr
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), first);
    // With --force, the same bytes.
    edition(&sandbox.root, "2030-06-10", true).assert_code(0);
    assert_eq!(fs::read_to_string(&path).unwrap(), first);
    // The dossier is now its latest edition: the page shows what that
    // edition changed since the one before, and the tags stay.
    let out = built(&sandbox, None);
    let html = support::read(&out, "changes.html");
    assert!(html.contains("<h1 class=\"page-title\">Edition <span class=\"edition-name\">2030-06-10</span> — what changed since <span class=\"edition-name\">2030-05-25</span></h1>"));
    assert!(html.contains(
        "<title>Edition 2030-06-10 — what changed since 2030-05-25 · River flood, 2030</title>"
    ));
    assert!(html.contains("From edition 2030-05-25 (25 May 2030) to edition 2030-06-10 (10 June 2030): 2 claims added, 1 removed and 6 revised"));
    assert!(html.contains("2030-06-10</span> <span class=\"muted\">(the dossier now)</span>"));
    assert!(support::read(&out, "topics/flood.html").contains("tag--new"));
}

#[test]
fn an_edition_is_refused_when_the_dossier_has_errors() {
    let sandbox = Sandbox::new(FIXTURE);
    let claims = sandbox.root.join("content/claims/flood.yaml");
    let text = fs::read_to_string(&claims).unwrap();
    fs::write(
        &claims,
        text.replace(
            "quote: \"rose two metres in an hour\"",
            "quote: \"rose three metres\"",
        ),
    )
    .unwrap();
    let run = edition(&sandbox.root, "2030-06-10", false);
    run.assert_code(1).assert_no_panic();
    assert!(
        run.stderr.contains("content/claims/flood.yaml:"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: the dossier has 1 error; no edition recorded"),
        "{}",
        run.stderr
    );
    assert!(!sandbox.root.join("editions/2030-06-10.yaml").exists());
    // A name that is no id, or a date that does not exist.
    for (name, why) in [
        ("June Brief", "not a valid edition name"),
        ("2030-02-30", "looks like a date but is not one"),
    ] {
        let run = edition(&sandbox.root, name, false);
        run.assert_code(1);
        assert!(run.stderr.contains(why), "{}", run.stderr);
    }
}

#[test]
fn compare_with_names_the_baseline() {
    let sandbox = Sandbox::new(FIXTURE);
    let toml = sandbox.root.join("dossier.toml");
    let mut text = fs::read_to_string(&toml).unwrap();
    text.push_str("compare_with = \"2030-05-10\"\n");
    fs::write(&toml, text).unwrap();
    let out = built(&sandbox, None);
    let html = support::read(&out, "changes.html");
    assert!(
        html.contains("What changed since edition <span class=\"edition-name\">2030-05-10</span>")
    );
    assert!(
        html.contains(
            "Since edition 2030-05-10 (10 May 2030): 6 claims added, 0 removed and 2 revised"
        ),
        "{}",
        main_of(&html)
    );
    assert!(html.contains("2030-05-10</span> <span class=\"muted\">(compared with here)</span>"));
}

#[test]
fn a_change_of_thousands_of_claims_shows_the_first_thousand_in_full() {
    let dir = tempfile::tempdir().unwrap();
    let (now, then) = (dir.path().join("now"), dir.path().join("then"));
    // The same claim ids with other statements and figures: every claim
    // is revised.
    support::gen_corpus(60, 1200, 1, &now);
    support::gen_corpus(60, 1200, 2, &then);
    edition(&then, "2025-01-01", false).assert_code(0);
    fs::create_dir_all(now.join("editions")).unwrap();
    fs::copy(
        then.join("editions/2025-01-01.yaml"),
        now.join("editions/2025-01-01.yaml"),
    )
    .unwrap();
    let out = dir.path().join("public");
    support::build(&now, &out).assert_code(0);
    let html = support::read(&out, "changes.html");
    assert_eq!(
        html.matches("<li class=\"change\" id=\"change-").count(),
        1000
    );
    assert!(html.contains("<li><a href=\"#revised\">Revised claims</a> (1,200)</li>"));
    assert!(html.contains("And 200 more revised claims, not shown here"));
}

/// A bad case: `build` and `check` fail with every line of `expected.txt`,
/// each error located in the file it names with its line and a hint, and
/// nothing is written.
fn bad_case(case: &str, errors: usize) {
    let sandbox = Sandbox::new(&format!("bad/{case}"));
    let out = sandbox.outside("public");
    let before = support::snapshot(sandbox.dir.path());
    let expected = support::expected_lines(case);
    for run in [
        support::build(&sandbox.root, &out),
        support::check(&sandbox.root),
    ] {
        run.assert_code(1).assert_no_panic();
        for e in &expected {
            assert!(
                run.stderr.contains(e.as_str()),
                "{case}: stderr lacks {e:?}\n{}",
                run.stderr
            );
        }
        assert_eq!(run.errors().len(), errors, "{case}: errors\n{}", run.stderr);
        for loc in run.locations() {
            let text = fs::read_to_string(sandbox.root.join(&loc.path)).unwrap();
            let line = text.lines().nth(loc.line as usize - 1).unwrap();
            assert!(
                run.stderr.contains(&format!("| {line}")),
                "{case}: the line of {loc:?} is not shown"
            );
        }
        assert!(run.stderr.contains("= help: "), "{case}: no hint");
    }
    assert!(!out.exists(), "{case}: a failed build wrote its output");
    support::assert_same_tree(&before, &support::snapshot(sandbox.dir.path()), case);
}

#[test]
fn malformed_editions_are_located_errors() {
    for (case, errors) in [
        ("edition-yaml-syntax", 1),
        ("edition-unknown-field", 1),
        ("edition-bad-values", 4),
        ("edition-duplicate-claim", 1),
        ("edition-missing-date", 1),
        ("edition-file-name", 1),
        ("compare-with-unknown", 1),
    ] {
        bad_case(case, errors);
    }
}

/// Links an author writes to the "What changed" page are checked like
/// links to any page: the page and its sections are known, a fragment it
/// does not make is a warning; without editions, the page itself is.
#[test]
fn author_links_to_what_changed_are_checked() {
    let sandbox = Sandbox::new("good/editions");
    let topic = sandbox.root.join("content/topics/evacuation.md");
    let mut text = fs::read_to_string(&topic).unwrap();
    text.push_str(
        "\nSee [what is new](../changes.html#added), \
         [a revised claim](../changes.html#change-evacuated-1200) and \
         [nothing](../changes.html#no-such-section).\n",
    );
    fs::write(&topic, text).unwrap();
    let check =
        |root: &Path| support::dossier(vec!["check".as_ref(), "--root".as_ref(), root.as_os_str()]);
    let run = check(&sandbox.root);
    run.assert_code(0);
    let warned: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warned.len(), 1, "{}", run.stderr);
    assert!(warned[0].contains("no-such-section"), "{}", run.stderr);
    fs::remove_dir_all(sandbox.root.join("editions")).unwrap();
    let run = check(&sandbox.root);
    assert!(
        run.stderr
            .contains("`changes.html`, a file the build does not make"),
        "{}",
        run.stderr
    );
}
