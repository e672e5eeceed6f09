//! A long list of warnings is cut in the terminal (issue 20): past
//! `WARNINGS_CAP` warnings, the first ones are printed in full and the rest
//! counted by kind; `--all-warnings` prints every one; errors are never cut;
//! `check --strict` still fails on any warning.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::fs;
use support::{Sandbox, dossier};

/// The basic fixture plus `n` articles that no claim quotes (one warning
/// each) and two files that are not part of the content format.
fn noisy(n: usize) -> Sandbox {
    let sandbox = Sandbox::new("good/basic");
    let articles = sandbox.root.join("content/articles");
    for i in 0..n {
        fs::write(
            articles.join(format!("extra-{i:03}.md")),
            format!("---\ntitle: Extra {i}\npublished: 2024-01\nlanguage: en\n---\nText {i}.\n"),
        )
        .unwrap();
    }
    fs::write(sandbox.root.join("content/notes.txt"), "x").unwrap();
    fs::write(sandbox.root.join("content/todo.txt"), "x").unwrap();
    sandbox
}

fn run(sandbox: &Sandbox, args: &[&str]) -> support::Run {
    let mut all: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    all.push("--root".into());
    all.push(sandbox.root.clone().into());
    dossier(all)
}

/// Full diagnostics printed (their first lines), by severity word.
fn headers(stderr: &str, word: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with(&format!("{word}: ")) && !l.contains(" not shown "))
        .filter(|l| !l.starts_with("error: check failed"))
        .count()
}

#[test]
fn a_long_list_of_warnings_is_cut_and_counted_by_kind() {
    let sandbox = noisy(60);
    let out = run(&sandbox, &["check"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(headers(&out.stderr, "warning"), 20, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "warning: 42 more warnings not shown (`--all-warnings` prints every one):\n  40  articles no claim quotes\n   2  files that are not part of the content format\n"
        ),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("62 warnings in"), "{}", out.stderr);

    let build = run(&sandbox, &["build"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert_eq!(headers(&build.stderr, "warning"), 20, "{}", build.stderr);
    assert!(build.stderr.contains("warning: 42 more warnings not shown"));
}

#[test]
fn all_warnings_prints_every_one() {
    let sandbox = noisy(60);
    for cmd in ["check", "build"] {
        let out = run(&sandbox, &[cmd, "--all-warnings"]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert_eq!(headers(&out.stderr, "warning"), 62, "{}", out.stderr);
        assert!(!out.stderr.contains("not shown"), "{}", out.stderr);
    }
}

#[test]
fn a_short_list_is_printed_whole() {
    let sandbox = noisy(48);
    let out = run(&sandbox, &["check"]);
    assert_eq!(headers(&out.stderr, "warning"), 50, "{}", out.stderr);
    assert!(!out.stderr.contains("not shown"), "{}", out.stderr);
}

#[test]
fn strict_fails_on_any_warning_and_still_cuts_the_list() {
    let sandbox = noisy(60);
    let out = run(&sandbox, &["check", "--strict"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(headers(&out.stderr, "error"), 20, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("error: 42 more errors not shown (`--all-warnings` prints every one):"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("error: check failed: 62 errors"),
        "{}",
        out.stderr
    );
    let all = run(&sandbox, &["check", "--strict", "--all-warnings"]);
    assert_eq!(all.code, Some(1));
    assert_eq!(headers(&all.stderr, "error"), 62, "{}", all.stderr);
}

#[test]
fn errors_are_never_cut() {
    let sandbox = noisy(60);
    // 30 claims that name an unknown article: 30 errors, all printed, and
    // the warnings still cut after the first 20.
    let mut claims = String::new();
    for i in 0..30 {
        claims.push_str(&format!(
            "- id: broken-{i:02}\n  statement: Broken {i}.\n  topics: [dam-safety]\n  origin: water-agency\n  evidence:\n    - article: missing-{i:02}\n      quote: x\n"
        ));
    }
    fs::write(sandbox.root.join("content/claims/broken.yaml"), claims).unwrap();
    let out = run(&sandbox, &["check"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(
        out.stderr
            .matches("error: unknown article `missing-")
            .count(),
        30,
        "{}",
        out.stderr
    );
}
