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
