//! Replays, through the fuzz targets' own bodies (`fuzz/harness/mod.rs`),
//! every input that once crashed a target (`fuzz/regressions/<target>/`)
//! and the seed corpora (`fuzz/corpus/<target>/`), so `cargo test` keeps
//! the findings fixed and the harness in step with the library.

#[path = "../fuzz/harness/mod.rs"]
mod harness;

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut failed = Vec::new();
    let mut count = 0;
    for dir in ["regressions", "corpus"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) else {
            continue;
        };
        let mut paths: Vec<_> = entries.map(|e| e.expect("dir entry").path()).collect();
        paths.sort();
        for path in paths {
            let data = std::fs::read(&path).expect("input");
            count += 1;
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                failed.push(path.display().to_string());
            }
        }
    }
    assert!(count > 0, "no inputs for {target}");
    assert!(failed.is_empty(), "{target} fails on: {failed:#?}");
}

#[test]
fn front_matter() {
    replay("front_matter", harness::front_matter);
}

#[test]
fn claims() {
    replay("claims", harness::claims);
}

#[test]
fn quote() {
    replay("quote", harness::quote);
}

/// The Markdown behind `fuzz/regressions/quote/mark-starts-a-piece`: a
/// combining mark written as an entity is a text event of its own.
#[test]
fn quote_across_a_combining_mark_entity() {
    use dossier::anchor::locate::{Located, Query, locate_all};
    let article = dossier::anchor::article::Article::parse("Il a dit ceci&#769; hier.");
    let query = Query {
        quote: "dit cecí hier",
        prefix: None,
        suffix: None,
    };
    assert!(matches!(
        locate_all(&article.text, &[query])[0],
        Located::Found(_)
    ));
}

#[test]
fn quick_yaml() {
    replay("quick_yaml", harness::quick_yaml);
}
