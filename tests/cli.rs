//! Issue 2: the generator end to end, through the real binary.
//!
//! `tests/fixtures/good/basic` is a small dossier written for these tests (a
//! fictional dam scare, one French article with CRLF line endings, one claims
//! file with a byte order mark); the tests build it and check the pages, the
//! links, the claim ↔ passage anchors and the escaping. Each folder of
//! `tests/fixtures/bad/` is a minimal dossier with one problem (`multiple`
//! has several) and an `expected.txt` listing substrings that stderr must
//! contain, at least the `path:line:column` of the problem.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use support::{Run, Sandbox};

// ---------------------------------------------------------------------------
// The good fixture

/// (claim, 1-based evidence index, article slug) for every evidence entry of
/// the good fixture.
const EVIDENCE: &[(&str, usize, &str)] = &[
    ("three-cracks", 1, "valley-times-dam"),
    ("three-cracks", 2, "courrier-barrage"),
    ("three-cracks", 3, "agency-bulletin"),
    ("cracks-forty-metres", 1, "valley-times-dam"),
    ("reservoir-volume", 1, "valley-times-dam"),
    ("reservoir-lowered", 1, "valley-times-dam"),
    ("wall-older", 1, "valley-times-dam"),
    ("evacuation-1200", 1, "valley-times-dam"),
    ("evacuation-800", 1, "courrier-barrage"),
];

const TOPICS: &[(&str, &[&str])] = &[
    (
        "dam-safety",
        &[
            "three-cracks",
            "cracks-forty-metres",
            "reservoir-volume",
            "reservoir-lowered",
            "wall-older",
        ],
    ),
    ("evacuation", &["evacuation-1200", "evacuation-800"]),
];

const ARTICLES: &[&str] = &["agency-bulletin", "courrier-barrage", "valley-times-dam"];

fn claims() -> Vec<&'static str> {
    let mut claims: Vec<&str> = EVIDENCE.iter().map(|(c, _, _)| *c).collect();
    claims.dedup();
    claims
}

/// Builds a copy of the good fixture into `<tmp>/public`; returns the
/// sandbox (keep it alive), the output folder and the run.
fn build_good() -> (Sandbox, PathBuf, Run) {
    let sandbox = Sandbox::new("good/basic");
    let out = sandbox.outside("public");
    let run = support::build(&sandbox.root, &out);
    run.assert_code(0).assert_no_panic();
    (sandbox, out, run)
}

fn page(out: &Path, rel: &str) -> String {
    support::read(out, rel)
}

#[test]
fn good_fixture_builds_cleanly() {
    let (_sandbox, _out, run) = build_good();
    assert!(
        run.stderr.lines().any(|l| l.starts_with("Built ")),
        "no `Built …` summary line:\n{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("warning:") && !run.stderr.contains("error:"),
        "the good fixture should build without diagnostics:\n{}",
        run.stderr
    );
}

#[test]
fn good_fixture_has_every_page() {
    let (_sandbox, out, _) = build_good();
    let mut expected: Vec<String> = [
        "index.html",
        "sources.html",
        "404.html",
        ".nojekyll",
        "assets/style.css",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    expected.extend(TOPICS.iter().map(|(t, _)| format!("topics/{t}.html")));
    // Claims are shown on the page of the article they are drawn from
    // first: one page per such article.
    expected.extend(
        EVIDENCE
            .iter()
            .filter(|(_, n, _)| *n == 1)
            .map(|(_, _, slug)| format!("claims/{slug}.html")),
    );
    expected.extend(ARTICLES.iter().map(|a| format!("articles/{a}.html")));
    let missing: Vec<&String> = expected
        .iter()
        .filter(|rel| !out.join(rel).is_file())
        .collect();
    assert!(missing.is_empty(), "missing output files: {missing:?}");
    for rel in expected.iter().filter(|r| r.ends_with(".html")) {
        assert!(
            page(&out, rel).contains("<main id=\"main\""),
            "{rel} has no <main id=\"main\">"
        );
    }
}

#[test]
fn good_fixture_links_and_fragments_resolve() {
    let (_sandbox, out, _) = build_good();
    let problems = support::check_links(&out);
    assert!(
        problems.is_empty(),
        "{} link problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn link_checker_catches_broken_links() {
    // The checker itself: a hand-made site with one of each problem.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    fs::create_dir_all(out.join("claims")).unwrap();
    fs::write(
        out.join("index.html"),
        r##"<!doctype html><main id="main"><a href="claims/a.html#x">ok</a>
        <a href="claims/a.html#nope">bad fragment</a> <a href="/claims/a.html">root</a>
        <a href="claims/">folder</a> <a href="claims">folder too</a> <a href="b.html">missing</a>
        <a href="../outside.html">outside</a> <a href="https://example.org/">external, fine</a>
        <script src="https://cdn.example.org/x.js"></script> <a href="#main">self</a>
        <!-- <a href="commented.html"> --></main>"##,
    )
    .unwrap();
    fs::write(
        out.join("claims/a.html"),
        r#"<p id="x"><a href='../index.html#main'>back</a><a href=../index.html>unquoted</a></p>"#,
    )
    .unwrap();
    let problems = support::check_links(out);
    let expect = [
        "#nope",
        "<a /claims/a.html> is root-absolute",
        "<a claims/> names a folder",
        "<a claims> names a folder",
        "<a b.html> target does not exist",
        "<a ../outside.html> points outside",
        "loads from another host",
    ];
    for e in expect {
        assert!(
            problems.iter().any(|p| p.contains(e)),
            "checker missed {e:?}: {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expect.len(), "{problems:#?}");
}

/// Byte range from the first `<mark` of evidence `n` of `claim` to the
/// `<sup class="passage-ref">` that links back to it.
fn passage(html: &str, claim: &str, n: usize) -> (usize, usize) {
    let id = format!("id=\"q-{claim}-{n}\"");
    let at = html
        .find(&id)
        .unwrap_or_else(|| panic!("no passage with {id}"));
    let start = html[..at].rfind("<mark").expect("the id is on a <mark>");
    let back = format!(".html#{claim}.evidence-{n}\"");
    let link = start
        + html[start..]
            .find(&back)
            .unwrap_or_else(|| panic!("no {back} after the passage"));
    let end = html[..link]
        .rfind("<sup")
        .expect("the link back sits in a <sup>");
    assert!(end > start, "back link for q-{claim}-{n} is not after it");
    (start, end)
}

#[test]
fn claims_link_to_their_passages_and_passages_link_back() {
    let (_sandbox, out, _) = build_good();
    for claim in claims() {
        let group = support::claim_page(&out, claim);
        let html = page(&out, &group);
        let tags = support::start_tags(&html);
        let section = tags
            .iter()
            .position(|t| t.attr("id") == Some(claim))
            .unwrap_or_else(|| panic!("{group}: no section {claim}"));
        let after = tags[section + 1..]
            .iter()
            .find(|t| t.name == "section" && t.attr("class").is_none())
            .map_or(html.len(), |t| t.offset);
        let items: Vec<&support::Tag> = tags
            .iter()
            .filter(|t| t.offset < after && t.offset > tags[section].offset)
            .filter(|t| t.name == "li" && t.attr("id").is_some_and(|id| id.contains(".evidence-")))
            .collect();
        let expected: Vec<_> = EVIDENCE.iter().filter(|(c, _, _)| *c == claim).collect();
        assert_eq!(
            items.len(),
            expected.len(),
            "claims/{claim}.html: evidence items"
        );
        for (i, &&(_, n, slug)) in expected.iter().enumerate() {
            let item = items[i];
            assert_eq!(
                item.attr("id"),
                Some(format!("{claim}.evidence-{n}").as_str()),
                "claims/{claim}.html: evidence item {i}"
            );
            let end = items.get(i + 1).map_or(html.len(), |t| t.offset);
            let href = format!("../articles/{slug}.html#q-{claim}-{n}");
            assert!(
                tags.iter().any(|t| t.offset > item.offset
                    && t.offset < end
                    && t.name == "a"
                    && t.attr("href") == Some(href.as_str())),
                "claims/{claim}.html: evidence-{n} does not link to {href}"
            );
        }
    }
    for slug in ARTICLES {
        let html = page(&out, &format!("articles/{slug}.html"));
        let tags = support::start_tags(&html);
        for &(claim, n, _) in EVIDENCE.iter().filter(|(_, _, s)| s == slug) {
            let id = format!("q-{claim}-{n}");
            let mark = tags
                .iter()
                .find(|t| t.attr("id") == Some(id.as_str()))
                .unwrap_or_else(|| panic!("articles/{slug}.html: no element with id {id}"));
            assert_eq!(mark.name, "mark", "{id}");
            assert!(
                mark.attr("class").is_none(),
                "{id}: a passage's mark is unclassed"
            );
            let href = format!("../{}.evidence-{n}", support::claim_href(&out, claim));
            let back = tags
                .iter()
                .position(|t| {
                    t.offset > mark.offset && t.name == "a" && t.attr("href") == Some(&href)
                })
                .unwrap_or_else(|| panic!("articles/{slug}.html: no link {href} after {id}"));
            let sup = &tags[back - 1];
            assert!(
                sup.name == "sup" && sup.has_class("passage-ref"),
                "articles/{slug}.html: the link back to {href} is not in <sup class=\"passage-ref\">"
            );
        }
        // Exactly the expected passages, each id once.
        let mut found: Vec<String> = tags
            .iter()
            .filter_map(|t| t.attr("id"))
            .filter(|id| id.starts_with("q-"))
            .map(String::from)
            .collect();
        found.sort();
        let mut expected: Vec<String> = EVIDENCE
            .iter()
            .filter(|(_, _, s)| s == slug)
            .map(|(c, n, _)| format!("q-{c}-{n}"))
            .collect();
        expected.sort();
        assert_eq!(found, expected, "articles/{slug}.html: passage ids");
    }
}

/// Whether `html` has an `<a>` whose href is exactly `href`.
fn links_to(html: &str, href: &str) -> bool {
    support::start_tags(html)
        .iter()
        .any(|t| t.name == "a" && t.attr("href") == Some(href))
}

#[test]
fn topic_pages_list_their_claims() {
    let (_sandbox, out, _) = build_good();
    for (topic, topic_claims) in TOPICS {
        let html = page(&out, &format!("topics/{topic}.html"));
        for claim in claims() {
            let href = format!("../{}", support::claim_href(&out, claim));
            assert_eq!(
                links_to(&html, &href),
                topic_claims.contains(&claim),
                "topics/{topic}.html and {href}"
            );
        }
    }
}

#[test]
fn article_pages_list_the_claims_drawn_from_them() {
    let (_sandbox, out, _) = build_good();
    for slug in ARTICLES {
        let html = page(&out, &format!("articles/{slug}.html"));
        // The claims drawn first from it are shown in full on its claims
        // page, which its list of claims links to.
        let first = EVIDENCE.iter().any(|(_, n, s)| *n == 1 && s == slug);
        assert_eq!(
            links_to(&html, &format!("../claims/{slug}.html")),
            first,
            "articles/{slug}.html and its claims page"
        );
        for claim in claims() {
            let drawn = EVIDENCE.iter().any(|(c, _, s)| *c == claim && s == slug);
            let href = format!("../{}", support::claim_href(&out, claim));
            let listed = support::start_tags(&html)
                .iter()
                .any(|t| t.name == "a" && t.attr("href") == Some(href.as_str()));
            assert_eq!(
                listed, drawn,
                "articles/{slug}.html lists claim {claim}: {listed}, drawn from it: {drawn}"
            );
        }
    }
}

#[test]
fn quote_across_emphasis_and_link_is_split_into_marks() {
    let (_sandbox, out, _) = build_good();
    let html = page(&out, "articles/valley-times-dam.html");
    for (claim, quote, markup) in [
        (
            "cracks-forty-metres",
            "the cracks were at most forty metres long in total, according to its bulletin",
            &["<em>", "href=\"https://example.org/bulletin\""][..],
        ),
        (
            "three-cracks",
            "found three new cracks in the eastern wall",
            &["<em>"][..],
        ),
    ] {
        let (start, end) = passage(&html, claim, 1);
        let seg = &html[start..end];
        let (inside, outside) = support::marked_text(&html, start, end);
        assert_eq!(support::squash(&inside), quote, "marked text of {claim}");
        assert_eq!(outside.trim(), "", "unmarked text inside {claim}'s passage");
        for m in markup {
            assert!(seg.contains(m), "{claim}: the markup {m} is gone: {seg}");
        }
        assert!(
            seg.matches("<mark").count() >= 2,
            "{claim}: expected several mark pieces: {seg}"
        );
        assert_eq!(
            html.matches(&format!("id=\"q-{claim}-1\"")).count(),
            1,
            "only the first piece carries the id"
        );
    }
}

#[test]
fn overlapping_quotes_both_anchor_with_nested_marks() {
    let (_sandbox, out, _) = build_good();
    let html = page(&out, "articles/valley-times-dam.html");
    for (claim, quote) in [
        ("reservoir-volume", "held 14 million cubic metres of water"),
        (
            "reservoir-lowered",
            "cubic metres of water on Monday and was lowered by two metres",
        ),
    ] {
        let (start, end) = passage(&html, claim, 1);
        let (inside, _) = support::marked_text(&html, start, end);
        assert_eq!(support::squash(&inside), quote, "marked text of {claim}");
    }
    // The shared words sit inside two marks.
    let mark = html.find("id=\"q-reservoir-volume-1\"").unwrap();
    let para = &html[html[..mark].rfind("<p").unwrap()..];
    let para = &para[..para.find("</p>").unwrap()];
    let shared = para.find(">cubic metres").expect("shared words") + 1;
    let depth = para[..shared].matches("<mark").count() - para[..shared].matches("</mark").count();
    assert_eq!(depth, 2, "shared words should be in nested marks: {para}");
}

#[test]
fn prefix_selects_the_second_occurrence() {
    let (_sandbox, out, _) = build_good();
    let html = page(&out, "articles/valley-times-dam.html");
    let (start, _) = passage(&html, "evacuation-1200", 1);
    assert!(
        html[..start].ends_with("A day later, the "),
        "the passage should follow the prefix: {}",
        &html[start.saturating_sub(80)..start + 80]
    );
    assert!(
        html.contains("The mayor said 1,200 residents would leave the lower valley by Friday."),
        "the first occurrence stays unmarked"
    );
}

#[test]
fn typographic_apostrophes_and_no_break_spaces_match_plain_quotes() {
    let (_sandbox, out, _) = build_good();
    let html = page(&out, "articles/valley-times-dam.html");
    let (start, end) = passage(&html, "wall-older", 1);
    let (inside, _) = support::marked_text(&html, start, end);
    assert_eq!(
        support::squash(&inside),
        "engineers\u{2019} union said the wall was \u{201c}older than anyone admits\u{201d}",
        "the article's own typography is kept inside the mark"
    );
    let html = page(&out, "articles/courrier-barrage.html");
    let (start, end) = passage(&html, "evacuation-800", 1);
    let (inside, _) = support::marked_text(&html, start, end);
    assert!(
        inside.contains("clair\u{a0}:"),
        "the no-break space is kept: {inside:?}"
    );
    assert_eq!(
        support::squash(&inside),
        "a \u{e9}t\u{e9} clair : l\u{2019}\u{e9}vacuation de 800 habitants commencera vendredi"
    );
    let claim = page(&out, &support::claim_page(&out, "evacuation-800"));
    assert!(
        claim.contains("was clear: the evacuation of 800 residents will start on Friday"),
        "the translation is shown on the claim page"
    );
}

#[test]
fn raw_html_in_articles_is_escaped() {
    let (_sandbox, out, _) = build_good();
    let html = page(&out, "articles/agency-bulletin.html");
    assert!(
        !html.contains("<script>alert"),
        "live <script> from the article"
    );
    assert!(
        !html.contains("<b onclick"),
        "live <b onclick> from the article"
    );
    for tag in support::start_tags(&html) {
        assert!(
            !tag.attrs.iter().any(|(k, _)| k.starts_with("on")),
            "event handler attribute on <{}>: {:?}",
            tag.name,
            tag.attrs
        );
        if tag.name == "script" {
            assert!(
                tag.attr("src").is_some() || tag.attr("type") == Some("application/ld+json"),
                "inline script in the article page: {:?}",
                tag.attrs
            );
        }
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the raw <script> should appear as text"
    );
    assert!(
        html.contains("&lt;b onclick=x&gt;"),
        "the raw <b onclick=x> should appear as text"
    );
}

#[test]
fn code_blocks_are_highlighted_with_classes_not_inline_colours() {
    let (_sandbox, out, _) = build_good();
    let html = page(&out, "articles/agency-bulletin.html");
    let start = html.find("<pre").expect("a <pre> for the code block");
    let end = start + html[start..].find("</pre>").expect("</pre>");
    let pre = &html[start..end];
    assert!(
        !pre.contains("style="),
        "inline style in highlighted code: {pre}"
    );
    assert!(
        pre.contains("<span class=\""),
        "no highlighting classes: {pre}"
    );
    // A span starts at `fn` (the blank after it may share the span).
    let keyword = pre.find("\">fn").expect("`fn` is highlighted");
    assert!(pre[..keyword].rfind("<span class=\"").is_some());
    let (_, text) = support::marked_text(pre, 0, pre.len());
    assert!(
        text.contains("    println!(\"reservoir level: {level_m} m\");\n"),
        "code text and indentation kept: {text}"
    );
}

#[test]
fn crlf_line_endings_and_byte_order_mark_are_accepted() {
    let fixture = support::fixture("good/basic/content");
    let french = fs::read(fixture.join("articles/courrier-barrage.md")).unwrap();
    assert!(
        french.windows(2).any(|w| w == b"\r\n"),
        "the fixture lost its CRLF line endings (check .gitattributes)"
    );
    let yaml = fs::read(fixture.join("claims/evacuation.yaml")).unwrap();
    assert!(
        yaml.starts_with(b"\xEF\xBB\xBF"),
        "the fixture lost its byte order mark"
    );

    let (_sandbox, out, _) = build_good();
    let french = page(&out, "articles/courrier-barrage.html");
    assert!(french.contains("Barrage de l\u{2019}Orvenne"));
    assert!(french.contains("commencera vendredi"));
    for claim in ["evacuation-1200", "evacuation-800"] {
        assert!(
            out.join(support::claim_page(&out, claim)).is_file(),
            "{claim}"
        );
    }
    for (rel, bytes) in support::snapshot(&out) {
        let Some(bytes) = bytes else { continue };
        if rel.ends_with(".html") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains('\u{feff}'), "{rel} contains a BOM");
            assert!(!text.contains('\r'), "{rel} contains a carriage return");
        }
    }
}

#[test]
fn builds_are_byte_for_byte_deterministic() {
    let sandbox = Sandbox::new("good/basic");
    let one = sandbox.outside("one");
    let two = sandbox.outside("two");
    support::build(&sandbox.root, &one).assert_code(0);
    support::build(&sandbox.root, &two).assert_code(0);
    let (a, b) = (support::snapshot(&one), support::snapshot(&two));
    assert!(a.len() > 10, "suspiciously few files: {:?}", a.keys());
    support::assert_same_tree(&a, &b, "two builds differ");
}

#[test]
fn check_writes_nothing() {
    let sandbox = Sandbox::new("good/basic");
    let before = support::snapshot(sandbox.dir.path());
    let run = support::check(&sandbox.root);
    run.assert_code(0).assert_no_panic();
    assert!(
        run.stderr.lines().any(|l| l.starts_with("Checked ")),
        "no `Checked …` summary line:\n{}",
        run.stderr
    );
    support::assert_same_tree(
        &before,
        &support::snapshot(sandbox.dir.path()),
        "check wrote files",
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let sandbox = Sandbox::new("good/basic");
    let root = &sandbox.root;
    support::build_default(root).assert_code(0);
    let public = root.join("public");
    assert!(
        public.join("index.html").is_file(),
        "default output is ROOT/public"
    );
    let before = support::snapshot(&public);
    let siblings = support::snapshot(root)
        .into_keys()
        .filter(|k| !k.starts_with("public/"))
        .collect::<Vec<_>>();

    // Break one claim: an unknown article.
    let claims = root.join("content/claims/dam.yaml");
    let text = fs::read_to_string(&claims).unwrap();
    let broken = text.replacen("article: agency-bulletin", "article: agency-bulletn", 1);
    assert_ne!(text, broken);
    fs::write(&claims, broken).unwrap();

    let run = support::build_default(root);
    run.assert_code(1).assert_no_panic();
    assert!(
        run.stderr.contains("content/claims/dam.yaml:14:16"),
        "{}",
        run.stderr
    );
    support::assert_same_tree(
        &before,
        &support::snapshot(&public),
        "the failed build changed public/",
    );
    let after = support::snapshot(root)
        .into_keys()
        .filter(|k| !k.starts_with("public/"))
        .collect::<Vec<_>>();
    assert_eq!(
        siblings, after,
        "the failed build left files beside public/"
    );
}

// ---------------------------------------------------------------------------
// Bad input

/// The first `--> path:line:col` after each `error:`/`warning:` headline.
fn primary_locations(stderr: &str) -> Vec<support::Location> {
    let mut out = Vec::new();
    let mut want = false;
    for line in stderr.lines() {
        if line.starts_with("error") || line.starts_with("warning") {
            want = true;
        } else if want && line.trim_start().starts_with("--> ") {
            want = false;
            out.extend(support::Location::parse(
                line.trim_start().trim_start_matches("--> "),
            ));
        }
    }
    out
}

/// Runs `build` and `check` on `tests/fixtures/bad/<case>` and checks what
/// every bad input must do: exit 1 without a panic, every substring of
/// `expected.txt` in stderr, diagnostics sorted, relative paths, no colour,
/// nothing written. `errors` is the number of error diagnostics, if fixed.
fn bad_case(case: &str, errors: Option<usize>) -> Run {
    let sandbox = Sandbox::new(&format!("bad/{case}"));
    let out = sandbox.outside("public");
    let before = support::snapshot(sandbox.dir.path());
    let expected = support::expected_lines(case);
    assert!(!expected.is_empty(), "{case}: empty expected.txt");

    let build = support::build(&sandbox.root, &out);
    let check = support::check(&sandbox.root);
    for (what, run) in [("build", &build), ("check", &check)] {
        run.assert_code(1).assert_no_panic();
        let missing: Vec<&String> = expected
            .iter()
            .filter(|e| !run.stderr.contains(e.as_str()))
            .collect();
        assert!(
            missing.is_empty(),
            "{case} ({what}): stderr lacks {missing:?}\n--- stderr\n{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains('\u{1b}'),
            "{case}: colour codes when stderr is not a terminal"
        );
        let last = run.stderr.trim_end().lines().last().unwrap_or("");
        assert!(
            last.starts_with("error: "),
            "{case} ({what}): last line should be `error: …`, got {last:?}"
        );
        for loc in run.locations() {
            assert!(
                !loc.path.starts_with('/') && !loc.path.contains('\\'),
                "{case}: path not relative to the root with forward slashes: {loc:?}"
            );
            assert!(loc.line >= 1 && loc.column >= 1, "{case}: {loc:?}");
        }
        let primary = primary_locations(&run.stderr);
        let mut sorted = primary.clone();
        sorted.sort();
        assert_eq!(primary, sorted, "{case} ({what}): diagnostics not sorted");
        if let Some(n) = errors {
            assert_eq!(
                run.errors().len(),
                n,
                "{case} ({what}): number of errors\n{}",
                run.stderr
            );
        }
    }
    assert!(!out.exists(), "{case}: a failed build created its output");
    support::assert_same_tree(
        &before,
        &support::snapshot(sandbox.dir.path()),
        &format!("{case}: a failed build or check wrote files"),
    );
    build
}

macro_rules! bad {
    ($($name:ident: $case:literal, $errors:expr;)*) => {$(
        #[test]
        fn $name() {
            bad_case($case, $errors);
        }
    )*};
}

bad! {
    bad_yaml_syntax_in_claims: "yaml-syntax", Some(1);
    bad_yaml_syntax_in_front_matter: "yaml-syntax-front-matter", Some(1);
    bad_missing_article: "missing-article", Some(1);
    bad_unknown_topic: "unknown-topic", Some(1);
    bad_unknown_source: "unknown-source", Some(1);
    bad_unknown_metric: "unknown-metric", Some(1);
    bad_unknown_claim_in_contradicts: "unknown-claim", Some(1);
    bad_unknown_claim_in_judgment: "unknown-claim-judgment", Some(1);
    bad_duplicate_id: "duplicate-id", Some(1);
    bad_date: "bad-date", Some(1);
    bad_credibility_grade: "bad-grade-credibility", Some(1);
    bad_reliability_grade: "bad-grade-reliability", Some(1);
    bad_misspelt_field: "misspelt-field", Some(1);
    // Unknown fields, a wrong date and grade and an unknown topic in one
    // claim: all six in one run (serde stops at the first bad field).
    bad_claim_with_many_problems: "claim-many-problems", Some(6);
    bad_quote_not_found: "quote-not-found", Some(1);
    bad_ambiguous_quote: "ambiguous-quote", Some(1);
    bad_non_utf8_article: "non-utf8", Some(1);
    bad_slug: "bad-slug", Some(1);
    bad_missing_required_field: "missing-required", Some(1);
}

#[test]
fn bad_multiple_problems_are_all_reported_in_order() {
    let run = bad_case("multiple", None);
    let expected = support::expected_lines("multiple");
    let mut last = 0;
    for e in &expected {
        let at = run.stderr.find(e.as_str()).unwrap();
        assert!(
            at >= last,
            "`{e}` is reported out of order (sorted by path, then line):\n{}",
            run.stderr
        );
        last = at;
    }
    assert!(
        run.errors().len() >= expected.len(),
        "{} errors for {} problems:\n{}",
        run.errors().len(),
        expected.len(),
        run.stderr
    );
}

/// `--base-url` is checked as `base_url` in `dossier.toml` is: a
/// `javascript:` URL never reaches `<base href>`, the feed or the sitemap.
#[test]
fn a_base_url_on_the_command_line_must_be_an_http_url() {
    let sandbox = Sandbox::new("good/basic");
    let out = sandbox.outside("public");
    for bad in ["javascript:alert(1)//", "https://example.org/\n<x>"] {
        let run = support::dossier([
            "build".as_ref(),
            "--root".as_ref(),
            sandbox.root.as_os_str(),
            "--output".as_ref(),
            out.as_os_str(),
            "--base-url".as_ref(),
            std::ffi::OsStr::new(bad),
        ]);
        // A usage error, as clap reports any bad argument.
        assert_eq!(run.code, Some(2), "{bad:?}: {}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(run.stderr.contains("the base URL must"), "{}", run.stderr);
        assert!(!out.exists());
    }
}

/// An output folder that is a symbolic link is refused, and what it
/// points to is left as it was: builds swap whole folders in beside the
/// output, which would make it a real folder on one build and the link
/// again on the next.
#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_link_is_refused() {
    let sandbox = Sandbox::new("good/basic");
    let target = sandbox.outside("site");
    support::build(&sandbox.root, &target).assert_code(0);
    let before = support::snapshot(&target);
    let link = sandbox.outside("public");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let run = support::build(&sandbox.root, &link);
    // Exit 2, as for any output folder refused before building.
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("it is a symbolic link") && !run.stderr.contains("panicked"),
        "{}",
        run.stderr
    );
    assert!(link.is_symlink());
    support::assert_same_tree(
        &before,
        &support::snapshot(&target),
        "the link's target changed",
    );
}
