//! The hand-compiled pages (`src/render/pages/`, `src/render/view/html.rs`)
//! write exactly what the default theme's Tera templates write. Every
//! dossier here is built twice, once with them and once with
//! `DOSSIER_NO_FAST_PAGES=1` (Tera for every page), with and without a base
//! URL, and the two outputs must be identical byte for byte.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::path::Path;
use std::process::Command;

fn build(root: &Path, out: &Path, base_url: Option<&str>, tera_only: bool) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
    cmd.args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(out)
        .env_remove("DOSSIER_TIMINGS")
        .env_remove("DOSSIER_NO_FAST_PAGES");
    if let Some(url) = base_url {
        cmd.args(["--base-url", url]);
    }
    if tera_only {
        cmd.env("DOSSIER_NO_FAST_PAGES", "1");
    }
    let run = cmd.output().expect("run dossier");
    assert!(
        run.status.success(),
        "build of {} failed:\n{}",
        root.display(),
        String::from_utf8_lossy(&run.stderr)
    );
}

fn assert_same_both_ways(root: &Path, what: &str) {
    let dir = tempfile::tempdir().unwrap();
    for base_url in [None, Some("https://example.org/repo/")] {
        let fast = dir.path().join("fast");
        let tera = dir.path().join("tera");
        build(root, &fast, base_url, false);
        build(root, &tera, base_url, true);
        let fast_tree = support::snapshot(&fast);
        assert!(
            fast_tree
                .keys()
                .any(|p| p.starts_with("claims/") && p.ends_with(".html")),
            "{what}: no claim pages"
        );
        support::assert_same_tree(
            &support::snapshot(&tera),
            &fast_tree,
            &format!("{what} (base URL {base_url:?}): fast pages differ from the templates'"),
        );
    }
}

#[test]
fn fixtures_and_the_shipped_dossier() {
    assert_same_both_ways(Path::new(env!("CARGO_MANIFEST_DIR")), "shipped dossier");
    for fixture in [
        "good/basic",
        "good/hostile",
        "good/analysis",
        "good/editions",
        "good/french",
        "good/entities",
    ] {
        assert_same_both_ways(&support::fixture(fixture), fixture);
    }
}

#[test]
fn a_generated_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    support::gen_corpus(60, 600, 11, &corpus);
    // With the zip made by the browser (what a large dossier gets): the
    // footer's button and the policy that lets pages fetch.
    let toml = corpus.join("dossier.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    std::fs::write(&toml, format!("{text}\n[offline]\narchive = \"browser\"\n")).unwrap();
    assert_same_both_ways(&corpus, "generated corpus");
}

/// Enough claims that a topic's claims, the timeline and a quantity's
/// table on its topic page are split or moved (`tests/list_pages.rs`).
#[test]
fn a_corpus_with_lists_over_several_pages() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    support::gen_corpus(30, 4400, 5, &corpus);
    assert_same_both_ways(&corpus, "corpus with paged lists");
}
