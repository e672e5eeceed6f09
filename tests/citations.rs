//! Issue 19, cited prose: `[@claim-id]` citations and typed links in the
//! analyst's Markdown (topic overviews, the front page, analyst notes,
//! entity descriptions), through the real binary.
//!
//! `tests/fixtures/good/entities` cites several claims at once, the same
//! claim in several places, in the front page's summary and body (one
//! numbering), in a note and in a description, and has citation syntax in
//! code and escaped. `tests/fixtures/warn/cite-broken-links` links to a
//! page the build does not make and to places pages do not have: warnings
//! (`expected.txt` holds what both runs print), errors under
//! `check --strict`. The unknown claim and
//! the unknown typed link are bad cases of `tests/matrix.rs`.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::path::PathBuf;
use support::{Sandbox, Tag};

fn build_fixture() -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new("good/entities");
    let out = sandbox.outside("public");
    support::build(&sandbox.root, &out)
        .assert_code(0)
        .assert_no_panic();
    (sandbox, out)
}

/// The part of `html` from `from` to the next `to`.
fn between<'h>(html: &'h str, from: &str, to: &str) -> &'h str {
    let start = html
        .find(from)
        .unwrap_or_else(|| panic!("no {from:?} in {html}"));
    let end = start + html[start..].find(to).expect("the end");
    &html[start..end]
}

/// (id, href, text) of each citation marker, in order.
fn markers(html: &str) -> Vec<(String, String, String)> {
    let tags = support::start_tags(html);
    let mut out = Vec::new();
    for (k, t) in tags.iter().enumerate() {
        if t.name == "sup" && t.has_class("cite") {
            let a: &Tag = &tags[k + 1];
            assert_eq!(a.name, "a", "a marker holds a link");
            let label = a.attr("aria-label").expect("an accessible name");
            let number = label
                .strip_prefix("Reference ")
                .and_then(|l| l.split(':').next())
                .expect("Reference N: statement");
            out.push((
                t.attr("id").unwrap().to_string(),
                a.attr("href").unwrap().to_string(),
                number.to_string(),
            ));
        }
    }
    out
}

#[test]
fn citations_are_numbered_markers_with_a_references_list() {
    let (_sandbox, out) = build_fixture();
    let page = support::read(&out, "topics/bridge.html");
    let overview = between(&page, "id=\"overview\"", "</section>");
    let m = markers(overview);
    let expect = [
        ("cite-1-1", "../claims/journal-pont.html#bridge-closed", "1"),
        ("cite-2-1", "../claims/journal-pont.html#cracks-found", "2"),
        (
            "cite-3-1",
            "../claims/herald-bridge.html#repairs-six-months",
            "3",
        ),
        // `[@mayor-doubts; @repairs-six-months]`: 4, then 3 again.
        ("cite-4-1", "../claims/journal-pont.html#mayor-doubts", "4"),
        (
            "cite-3-2",
            "../claims/herald-bridge.html#repairs-six-months",
            "3",
        ),
    ];
    let got: Vec<(&str, &str, &str)> = m
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(got, expect);
    // The marker follows the word, its space taken out.
    assert!(overview.contains("closed the bridge<sup class=\"cite\""));
    // Code and an escaped bracket are not citations.
    assert!(overview.contains("<code>[@bridge-closed]</code>"));
    assert!(overview.contains("nor is [@bridge-closed]."));
    // References: in order, each with its claim, status and grade; `^`
    // back to one place, `^ a b` back to each of several.
    let refs = between(overview, "<ol class=\"references\">", "</ol>");
    let items: Vec<&str> = refs.split("<li id=\"ref-").skip(1).collect();
    assert_eq!(items.len(), 4);
    assert!(items[0].starts_with("1\"><span class=\"references__back\"><a href=\"#cite-1-1\" aria-label=\"Back to citation 1\">^</a></span> <a href=\"../claims/journal-pont.html#bridge-closed\">The Highways Agency closed the Lerne bridge on 3 May 2032.</a> <strong class=\"tag tag--single-source\">single source</strong> <abbr class=\"grade\""), "{}", items[0]);
    assert!(items[2].contains("^ <a href=\"#cite-3-1\" aria-label=\"Back to citation 3a\">a</a> <a href=\"#cite-3-2\" aria-label=\"Back to citation 3b\">b</a>"), "{}", items[2]);
    assert!(items[2].contains("tag--contested"), "{}", items[2]);
    // Typed links and a relative link name files.
    assert!(overview.contains("<a href=\"../entities/anais-kovac.html\">Anaïs Kovač</a>"));
    assert!(overview.contains("href=\"../articles/journal-pont.html#q-bridge-closed-1\""));
    // Every marker, back-link and link resolves.
    let problems = support::check_links(&out);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_front_page_summary_and_body_share_one_numbering() {
    let (_sandbox, out) = build_fixture();
    let page = support::read(&out, "index.html");
    let lede = between(&page, "<p class=\"lede\">", "</p>");
    assert_eq!(
        markers(lede),
        [(
            "cite-1-1".to_string(),
            "claims/journal-pont.html#bridge-closed".to_string(),
            "1".to_string()
        )]
    );
    let body = between(&page, "aria-label=\"Summary\"", "</section>");
    let ids: Vec<String> = markers(body).into_iter().map(|m| m.0).collect();
    assert_eq!(
        ids,
        ["cite-1-2", "cite-2-1", "cite-3-1", "cite-4-1", "cite-1-3"]
    );
    assert!(body.contains("^ <a href=\"#cite-1-1\""), "{body}");
    assert!(body.contains("<a href=\"entities/highways-agency.html\">Highways Agency</a>"));
    // The page's description is the summary without its citations.
    assert!(page.contains("<meta name=\"description\" content=\"A fictional bridge closure, written to test entities and cited prose: the bridge shut on 3 May.\">"), "{page}");
}

#[test]
fn notes_and_descriptions_cite_too() {
    let (_sandbox, out) = build_fixture();
    // On a claims page, the ids of a note's markers and references start
    // with the claim's id: several notes share the page.
    let claim = support::read(&out, "claims/herald-bridge.html");
    let section = &claim[claim
        .find("id=\"repairs-six-months\"")
        .expect("its section")..];
    let note = between(section, "<section class=\"note\"", "</section>");
    assert_eq!(
        markers(note)[0],
        (
            "repairs-six-months.cite-1-1".to_string(),
            "../claims/journal-pont.html#mayor-doubts".to_string(),
            "1".to_string()
        )
    );
    assert!(note.contains("<li id=\"repairs-six-months.ref-1\"><span class=\"references__back\"><a href=\"#repairs-six-months.cite-1-1\""), "{note}");
    let entity = support::read(&out, "entities/anais-kovac.html");
    let description = between(&entity, "entity-description", "</div>");
    assert_eq!(
        markers(description)[0].1,
        "../claims/journal-pont.html#mayor-doubts"
    );
    // A description's typed link, relative link and fragment.
    let agency = support::read(&out, "entities/highways-agency.html");
    assert!(agency.contains("<a href=\"../sources.html#source-highways-agency\">its claims</a>"));
    assert!(agency.contains("<a href=\"../topics/bridge.html#overview\">bridge topic</a>"));
    // claims.json keeps the note's HTML, markers included.
    let json = support::read(&out, "data/claims.json");
    assert!(
        json.contains("id=\\\"cite-1-1\\\""),
        "the note in claims.json"
    );
}

#[test]
fn broken_author_links_are_located_warnings() {
    let sandbox = Sandbox::new("warn/cite-broken-links");
    let out = sandbox.outside("public");
    let expected: Vec<String> =
        std::fs::read_to_string(support::fixture("warn/cite-broken-links/expected.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(String::from)
            .collect();
    let build = support::build(&sandbox.root, &out);
    build.assert_code(0).assert_no_panic();
    let strict = support::dossier([
        "check".as_ref(),
        "--strict".as_ref(),
        "--root".as_ref(),
        sandbox.root.as_os_str(),
    ]);
    strict.assert_code(1).assert_no_panic();
    for (what, run) in [("build", &build), ("check --strict", &strict)] {
        for line in &expected {
            assert!(
                run.stderr.contains(line.as_str()),
                "{what}: stderr lacks {line:?}\n{}",
                run.stderr
            );
        }
    }
    // Warnings when building; errors under `--strict`.
    for headline in [
        "link to `claims/bridge-close.html`",
        "`#evidence-2` is not a place",
        "`#claim-list` is not a place",
    ] {
        assert!(
            build.stderr.contains(&format!("warning: {headline}")),
            "{}",
            build.stderr
        );
        assert!(
            strict.stderr.contains(&format!("error: {headline}")),
            "{}",
            strict.stderr
        );
    }
    assert!(build.stderr.contains("3 warnings"), "{}", build.stderr);
    assert_eq!(
        build.stderr.matches("warning:").count(),
        3,
        "{}",
        build.stderr
    );
}
