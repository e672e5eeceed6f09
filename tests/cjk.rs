//! Chinese and Japanese dossiers, through the real binary.
//!
//! `tests/fixtures/good/cjk` is a small Japanese dossier whose Markdown
//! breaks lines inside sentences, as Japanese authors do (in an article,
//! its summary, the front page, a topic overview and an analyst's note),
//! with a Korean article beside it, whose line break is a space. Its
//! claims quote across those line breaks, with and without a space.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::path::{Path, PathBuf};
use support::Sandbox;

/// Builds a copy of the fixture into `<tmp>/public`; returns the sandbox
/// (keep it alive) and the output folder.
fn build() -> (Sandbox, PathBuf) {
    let sandbox = Sandbox::new("good/cjk");
    let out = sandbox.outside("public");
    let run = support::build(&sandbox.root, &out);
    run.assert_code(0).assert_no_panic();
    assert!(run.errors().is_empty(), "{}", run.stderr);
    (sandbox, out)
}

/// The HTML of evidence 1 of `claim` on the page `page`: from its first
/// `<mark>` to the marker that links back.
fn passage(out: &Path, page: &str, claim: &str) -> String {
    let html = support::read(out, page);
    let at = html
        .find(&format!("id=\"q-{claim}-1\""))
        .unwrap_or_else(|| panic!("no passage of {claim} in {page}"));
    let start = html[..at].rfind("<mark").expect("the id is on a <mark>");
    let end = start
        + html[start..]
            .find("<sup class=\"passage-ref\">")
            .expect("a marker follows the passage");
    html[start..end].to_string()
}

/// The marked text of a passage's HTML, tags left out and character
/// references decoded; nothing but white space may be left unmarked.
fn marked(html: &str) -> String {
    let (inside, outside) = support::marked_text(html, 0, html.len());
    assert_eq!(outside.trim(), "", "unmarked text in a passage: {html}");
    inside
}

/// A quote that runs over a line break between two Japanese characters
/// is found whether it has a space there or not, and its passage is
/// marked on both lines.
#[test]
fn quotes_across_a_japanese_line_break_are_found_with_or_without_a_space() {
    let (_sandbox, out) = build();
    let marked = |claim| marked(&passage(&out, "articles/typhoon.html", claim));
    assert_eq!(
        marked("shelter-8500"),
        "午前９時の時点で８，５００人に上った。鹿児島市内では倒木"
    );
    assert_eq!(
        marked("outage-2000"),
        "少なくとも２０００世帯が停電している"
    );
    assert_eq!(marked("no-estimate"), "復旧の見通しは立っていない");
    let korean = passage(&out, "articles/yonhap.html", "korea-evacuation");
    assert!(korean.contains("대피를</mark>\n<mark"), "{korean}");
}

/// A line break between two Japanese characters is left out of every text
/// rendered from Markdown (Chromium would show it as a space), and the
/// passages marked across one still line up; Korean and Latin line breaks
/// stay.
#[test]
fn japanese_line_breaks_show_no_space_on_any_page() {
    let (_sandbox, out) = build();
    for (page, text) in [
        // An article's text, across a passage and into emphasis.
        (
            "articles/typhoon.html",
            "人に上った。</mark><mark>鹿児島市内では倒木</mark>",
        ),
        (
            "articles/typhoon.html",
            "世帯が</mark><strong><mark>停電</mark></strong>",
        ),
        // Its summary, the front page's summary and text, a topic's
        // overview, an analyst's note.
        (
            "articles/typhoon.html",
            "<p>台風１２号が鹿児島県南部に上陸し、県は約３万人に避難指示を出した。</p>",
        ),
        (
            "index.html",
            "<p class=\"lede\">台風１２号による避難と停電を、報道から主張ごとに整理した。</p>",
        ),
        (
            "index.html",
            "<p>県の発表と電力会社の発表では、停電の規模が大きく異なる。",
        ),
        (
            "topics/evacuation.html",
            "<p>県は避難者を８，５００人と発表したが、停電は少なくとも２０００世帯に及んでいる。",
        ),
        (
            "claims/typhoon.html",
            "<p>県の集計は避難所の人数だけで、車中避難は含まない。</p>",
        ),
        // Beside Latin text, and in Korean, the break stays.
        ("articles/typhoon.html", "（in English: no\nestimate yet）"),
        ("articles/yonhap.html", "대피를</mark>\n<mark>지시했다"),
    ] {
        let html = support::read(&out, page);
        assert!(html.contains(text), "{page} lacks {text:?}");
    }
}
