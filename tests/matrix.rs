//! Issue 6, part 1: the bad-input matrix, through the real binary.
//!
//! Each case of `tests/fixtures/bad/` not already run by `tests/cli.rs` is
//! a minimal dossier with one problem (`multiple-kinds` has many) and an
//! `expected.txt` of substrings stderr must contain: the `path:line:column`,
//! the message, the offending line and the hint. Every case is built into
//! an output that already holds a good build, which must stay byte for
//! byte as it was; `check` must fail the same way. Every error printed must
//! carry a location, the very line of the file it names, and a `help:`.
//!
//! Inputs that would be unwise to commit (a 20 MB article, symbolic links,
//! megabyte lines, deep nesting) are generated in temporary folders; the
//! legitimate ones (CRLF with byte order marks, a 20 MB article, a linked
//! folder) must build, the others fail fast with a clear message.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};
use support::{Run, Sandbox};

/// A folder's files and their bytes, as `support::snapshot` returns them.
type Tree = std::collections::BTreeMap<String, Option<Vec<u8>>>;

/// One diagnostic as printed: its headline, the `--> ` locations under it
/// (primary first), the `N | text` lines shown, and its hint.
#[derive(Debug, Default)]
struct Block {
    headline: String,
    locations: Vec<String>,
    shown: Vec<(u32, String)>,
    help: Option<String>,
}

/// Splits stderr into diagnostics (the final summary line is left out).
fn blocks(stderr: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("error: ") || line.starts_with("warning: ") {
            out.push(Block {
                headline: line.to_string(),
                ..Block::default()
            });
            continue;
        }
        let Some(block) = out.last_mut() else {
            continue;
        };
        let trimmed = line.trim_start();
        if let Some(loc) = trimmed.strip_prefix("--> ") {
            block.locations.push(loc.to_string());
        } else if let Some(help) = trimmed.strip_prefix("= help: ") {
            block.help = Some(help.to_string());
        } else if let Some((n, text)) = trimmed.split_once(" | ")
            && let Ok(n) = n.trim().parse::<u32>()
        {
            block.shown.push((n, text.to_string()));
        }
    }
    // The summary (`error: could not build: …`, `error: check failed: …`).
    if out
        .last()
        .is_some_and(|b| b.locations.is_empty() && stderr.trim_end().ends_with(b.headline.as_str()))
    {
        out.pop();
    }
    out
}

/// Line `n` (1-based) of a file as the generator reads it: lossy UTF-8, no
/// byte order mark, CRLF folded.
fn file_line(root: &Path, rel: &str, n: u32) -> String {
    let bytes = fs::read(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    let text = text.trim_start_matches('\u{feff}');
    text.split('\n')
        .nth(n as usize - 1)
        .unwrap_or("")
        .replace('\t', " ")
}

/// What every error of a failed run must show: a location under the root,
/// the line it names exactly as in the file (or a window of it, for long
/// lines), and a hint. Locations without a line (`--> content/`) are
/// allowed only when `path_only` says so.
fn assert_well_formed(run: &Run, root: &Path, what: &str, path_only: bool) {
    let blocks = blocks(&run.stderr);
    let errors: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.headline.starts_with("error"))
        .collect();
    assert!(
        !errors.is_empty(),
        "{what}: no error printed:\n{}",
        run.stderr
    );
    for b in &errors {
        let Some(primary) = b.locations.first() else {
            panic!("{what}: `{}` has no location:\n{}", b.headline, run.stderr);
        };
        assert!(b.help.is_some(), "{what}: `{}` has no hint", b.headline);
        match support::Location::parse(primary) {
            Some(loc) => {
                assert!(
                    !loc.path.starts_with('/') && loc.line >= 1 && loc.column >= 1,
                    "{what}: {primary}"
                );
                let (n, text) = b
                    .shown
                    .first()
                    .unwrap_or_else(|| panic!("{what}: `{}` shows no line", b.headline));
                assert_eq!(*n, loc.line, "{what}: line shown is not the line named");
                let actual = file_line(root, &loc.path, loc.line);
                if text.contains('…') {
                    for piece in text.split('…').filter(|p| !p.is_empty()) {
                        assert!(actual.contains(piece), "{what}: {piece:?} not in {primary}");
                    }
                } else {
                    assert_eq!(text, &actual, "{what}: the line shown for {primary}");
                }
            }
            None => {
                assert!(path_only, "{what}: location without line: {primary}");
                assert!(
                    root.join(primary.trim_end_matches('/'))
                        .symlink_metadata()
                        .is_ok(),
                    "{what}: {primary} does not exist"
                );
            }
        }
    }
    let primary: Vec<String> = blocks
        .iter()
        .filter_map(|b| b.locations.first().cloned())
        .collect();
    let keys: Vec<(String, u32, u32)> = primary
        .iter()
        .map(|p| match support::Location::parse(p) {
            Some(l) => (l.path, l.line, l.column),
            None => (p.clone(), 0, 0),
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        keys, sorted,
        "{what}: diagnostics not sorted by path and line"
    );
}

/// Builds `tests/fixtures/good/basic` into `<tmp>/public` and returns it
/// with its snapshot.
fn previous_output(sandbox: &Sandbox) -> (std::path::PathBuf, Tree) {
    let good = Sandbox::new("good/basic");
    let out = sandbox.outside("public");
    support::build(&good.root, &out)
        .assert_code(0)
        .assert_no_panic();
    let snap = support::snapshot(&out);
    (out, snap)
}

/// Runs `build` (over a previous good output) and `check` on a dossier
/// that must fail; checks everything a failure must do; returns the build.
fn must_fail(sandbox: &Sandbox, what: &str, path_only: bool) -> Run {
    let (out, before) = previous_output(sandbox);
    let dossier_before = support::snapshot(&sandbox.root);
    // What the good build keeps beside its output (the manifest of its
    // tree); the failed build must add nothing to it.
    let beside = || -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(sandbox.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".public"))
            .collect();
        names.sort();
        names
    };
    let beside_before = beside();
    let started = Instant::now();
    let build = support::build(&sandbox.root, &out);
    let check = support::check(&sandbox.root);
    assert!(
        started.elapsed() < Duration::from_secs(120),
        "{what}: took {:?}",
        started.elapsed()
    );
    for (cmd, run) in [("build", &build), ("check", &check)] {
        let what = format!("{what} ({cmd})");
        run.assert_code(1).assert_no_panic();
        assert_well_formed(run, &sandbox.root, &what, path_only);
        let last = run.stderr.trim_end().lines().last().unwrap_or("");
        assert!(last.starts_with("error: "), "{what}: last line {last:?}");
    }
    support::assert_same_tree(
        &before,
        &support::snapshot(&out),
        &format!("{what}: the failed build changed the previous output"),
    );
    support::assert_same_tree(
        &dossier_before,
        &support::snapshot(&sandbox.root),
        &format!("{what}: build or check wrote into the dossier"),
    );
    assert_eq!(
        beside(),
        beside_before,
        "{what}: the failed build left something beside the output"
    );
    build
}

/// A fixture case: fails as it must, prints every line of `expected.txt`,
/// and has `errors` error diagnostics.
fn bad_case(case: &str, errors: usize) {
    let sandbox = Sandbox::new(&format!("bad/{case}"));
    let run = must_fail(&sandbox, case, false);
    let missing: Vec<String> = support::expected_lines(case)
        .into_iter()
        .filter(|e| !run.stderr.contains(e.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "{case}: stderr lacks {missing:?}\n--- stderr\n{}",
        run.stderr
    );
    assert_eq!(
        run.errors().len(),
        errors,
        "{case}: number of errors\n{}",
        run.stderr
    );
}

macro_rules! bad {
    ($($name:ident: $case:literal;)*) => {$(
        #[test]
        fn $name() {
            bad_case($case, 1);
        }
    )*};
}

bad! {
    yaml_syntax_in_sources: "yaml-syntax-sources";
    yaml_syntax_in_metrics_unclosed_quote_points_at_the_quote: "yaml-syntax-metrics";
    yaml_syntax_in_topic_front_matter: "yaml-syntax-topic";
    yaml_syntax_in_index_front_matter: "yaml-syntax-index";
    wrong_type_figure_value: "wrong-type-figure-value";
    wrong_type_topic_order: "wrong-type-topic-order";
    wrong_type_claim_topics: "wrong-type-claim-topics";
    unknown_field_in_article: "unknown-field-article";
    unknown_field_in_source: "unknown-field-source";
    unknown_field_in_evidence: "unknown-field-evidence";
    unknown_field_in_judgment: "unknown-field-judgment";
    missing_required_in_article: "missing-required-article";
    missing_required_in_source: "missing-required-source";
    missing_required_in_topic: "missing-required-topic";
    missing_required_in_figure: "missing-required-figure";
    unknown_topic_in_metric: "unknown-topic-in-metric";
    unknown_source_in_via: "unknown-source-in-via";
    unknown_claim_in_corroborates: "unknown-claim-in-corroborates";
    unknown_claim_in_topic_judgment: "unknown-claim-in-topic-judgment";
    duplicate_source_id: "duplicate-source-id";
    duplicate_metric_id: "duplicate-metric-id";
    date_february_30: "date-february-30";
    date_month_13: "date-month-13";
    date_as_of_not_a_leap_year: "date-as-of-leap";
    reliability_g: "grade-reliability-g";
    reliability_in_article: "grade-reliability-article";
    credibility_7: "grade-credibility-7";
    likelihood_out_of_vocabulary: "likelihood-unknown";
    confidence_out_of_vocabulary: "confidence-unknown";
    figure_low_above_high: "figure-low-above-high";
    quote_empty: "quote-empty";
    quote_only_white_space: "quote-whitespace";
    quote_without_value_points_at_its_key: "quote-no-value";
    quote_field_absent: "quote-field-absent";
    quote_twice_with_a_prefix_that_matches_neither: "quote-prefix-matches-none";
    quote_not_found_in_japanese_hints_the_passage_as_written: "quote-not-found-cjk";
    non_utf8_sources_hides_no_ids: "non-utf8-sources";
    non_utf8_topic_hides_no_ids: "non-utf8-topic";
    topic_file_name_not_an_id: "bad-topic-name";
    front_matter_not_closed: "front-matter-unclosed";
    front_matter_missing: "front-matter-missing";
    entity_alias_shared_by_two_entities_shows_both: "entities-shared-alias";
    entity_unknown_field: "entities-unknown-field";
    entity_duplicate_id: "entities-duplicate-id";
    claim_names_an_unknown_entity: "claim-unknown-entity";
    citation_of_an_unknown_claim_points_into_the_body: "cite-unknown-claim";
    typed_link_to_an_unknown_entity: "typed-link-unknown-id";
    index_title_only_white_space: "index-title-blank";
}

#[test]
fn ambiguous_quote_hint_asks_for_prefix_or_suffix() {
    // The case itself is in tests/cli.rs; here the hint's wording.
    let sandbox = Sandbox::new("bad/ambiguous-quote");
    let run = must_fail(&sandbox, "ambiguous-quote", false);
    let b = blocks(&run.stderr);
    let help = b[0].help.as_deref().unwrap();
    assert!(help.contains("prefix") && help.contains("suffix"), "{help}");
}

#[test]
fn alias_bomb_fails_fast_in_bounded_memory() {
    let sandbox = Sandbox::new("bad/alias-bomb");
    // At most 4 GB of address space: expanding the bomb would need far more.
    let started = Instant::now();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 4000000 && exec \"$0\" check --root \"$1\"")
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .arg(&sandbox.root)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("repetition limit"), "{stderr}");
    bad_case("alias-bomb", 1);
}

#[test]
fn several_problems_in_several_files_are_reported_together_in_order() {
    let sandbox = Sandbox::new("bad/multiple-kinds");
    let run = must_fail(&sandbox, "multiple-kinds", false);
    let want = support::expected_lines("multiple-kinds");
    let got: Vec<String> = blocks(&run.stderr)
        .into_iter()
        .filter(|b| b.headline.starts_with("error"))
        .map(|b| b.locations[0].clone())
        .collect();
    assert_eq!(got, want, "\n{}", run.stderr);
    let files: std::collections::BTreeSet<&str> = want
        .iter()
        .map(|l| l.rsplitn(3, ':').nth(2).unwrap())
        .collect();
    assert!(files.len() >= 8, "problems in only {files:?}");
}

// ---------------------------------------------------------------------------
// Generated inputs

/// A value of the wrong type (a list for a text, text for a number) in
/// an article, a claim, a source or a topic no longer hides the problems
/// of the entry's other fields: a bad date, an unknown topic, a grade,
/// a quote not found are told in the same run. And the field taken out
/// causes nothing of its own (no "title is empty", no "invalid language
/// tag"): exactly these sixteen errors.
#[test]
fn a_value_of_the_wrong_type_hides_no_other_problem_of_its_entry() {
    bad_case("wrong-types-hide-nothing", 16);
}

#[test]
fn empty_content_folder_is_one_error() {
    let sandbox = Sandbox::new("bad/quote-empty");
    let content = sandbox.root.join("content");
    fs::remove_dir_all(&content).unwrap();
    fs::create_dir_all(content.join("articles")).unwrap();
    let run = must_fail(&sandbox, "empty content", true);
    assert!(
        run.stderr
            .contains("error: the content folder is empty\n --> content/\n"),
        "{}",
        run.stderr
    );
    assert_eq!(run.errors().len(), 1, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_end_with_a_clear_error() {
    use std::os::unix::fs::symlink;
    let sandbox = Sandbox::new("good/basic");
    let articles = sandbox.root.join("content/articles");
    symlink("..", articles.join("loop")).unwrap();
    symlink("self.md", articles.join("self.md")).unwrap();
    symlink("../topics", sandbox.root.join("content/claims/again")).unwrap();
    let run = must_fail(&sandbox, "symlink loop", true);
    for want in [
        "error: symbolic link loop: content/articles/loop leads back to content/, which contains it\n --> content/articles/loop\n",
        "error: content/articles/self.md is a symbolic link that cannot be followed",
        " --> content/articles/self.md\n",
    ] {
        assert!(run.stderr.contains(want), "lacks {want:?}:\n{}", run.stderr);
    }
    // A link to a folder elsewhere in content/ is no loop; its files are
    // simply not where content files go.
    assert!(
        run.stderr
            .contains("warning: content/claims/again is a folder inside a content folder"),
        "{}",
        run.stderr
    );
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_linked_articles_folder_inside_the_dossier_builds_like_a_real_one() {
    use std::os::unix::fs::symlink;
    let plain = Sandbox::new("good/basic");
    let plain_out = plain.outside("public");
    support::build(&plain.root, &plain_out).assert_code(0);

    let linked = Sandbox::new("good/basic");
    let shared = linked.root.join("shared-articles");
    fs::rename(linked.root.join("content/articles"), &shared).unwrap();
    symlink("../shared-articles", linked.root.join("content/articles")).unwrap();
    let out = linked.outside("public");
    let run = support::build(&linked.root, &out);
    run.assert_code(0).assert_no_panic();
    assert!(
        !run.stderr.contains("symbolic link") && !run.stderr.contains("not read"),
        "{}",
        run.stderr
    );
    support::assert_same_tree(
        &support::snapshot(&plain_out),
        &support::snapshot(&out),
        "the linked folder builds another site",
    );
}

/// A dossier built by CI from someone else's pull request must not publish
/// the builder's files, nor print them in its errors: links that lead out
/// of the dossier are refused, files and folders alike, each at its path.
#[cfg(unix)]
#[test]
fn links_leading_out_of_the_dossier_are_refused() {
    use std::os::unix::fs::symlink;
    let sandbox = Sandbox::new("good/basic");
    let secret = sandbox.outside("secret.yaml");
    fs::write(&secret, "- password: hunter2\n").unwrap();
    let elsewhere = sandbox.outside("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::write(elsewhere.join("t.md"), "---\ntitle: T\n---\nhunter2\n").unwrap();
    symlink(&secret, sandbox.root.join("content/claims/leak.yaml")).unwrap();
    symlink(&elsewhere, sandbox.root.join("content/more")).unwrap();
    let run = must_fail(&sandbox, "links leading out", true);
    for want in [
        "error: content/claims/leak.yaml is a symbolic link that leads out of the dossier",
        " --> content/claims/leak.yaml\n",
        "error: content/more is a symbolic link that leads out of the dossier",
    ] {
        assert!(run.stderr.contains(want), "lacks {want:?}:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("hunter2"), "{}", run.stderr);
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
}

/// Ids and slugs name files: one too long for a file name is an error of
/// `check` (with a hint), not a failed write at the end of `build`.
#[test]
fn ids_and_slugs_longer_than_a_file_name_allows_are_errors() {
    let sandbox = Sandbox::new("good/basic");
    let articles = sandbox.root.join("content/articles");
    let long = "a".repeat(251);
    fs::write(
        articles.join(format!("{long}.md")),
        "---\ntitle: T\npublished: 2025-01-01\nlanguage: en\n---\nText.\n",
    )
    .unwrap();
    let run = support::check(&sandbox.root);
    run.assert_code(1).assert_no_panic();
    assert!(
        run.stderr
            .contains(&format!("article file name `{long}` is not a valid slug"))
            && run.stderr.contains("at most 200 characters")
            && run
                .stderr
                .contains(&format!("rename the file to `{}.md`", "a".repeat(200))),
        "{}",
        run.stderr
    );
}

/// Control characters written with YAML escapes (`\e`, `\0`) are errors
/// at their text, not characters a page cannot show (nor terminal
/// escapes); the panel of `serve` saves what the loader accepts, so it
/// refuses them too.
#[test]
fn control_characters_in_text_are_errors() {
    let sandbox = Sandbox::new("good/basic");
    let claims = sandbox.root.join("content/claims/dam.yaml");
    let text = fs::read_to_string(&claims).unwrap();
    let from = "statement: \"Inspectors found";
    assert!(text.contains(from));
    fs::write(
        &claims,
        text.replacen(from, "statement: \"\\e[2J\\0Inspectors found", 1),
    )
    .unwrap();
    let run = must_fail(&sandbox, "control characters", false);
    assert!(
        run.stderr.contains(
            "error: statement holds a control character (U+001B), which a page cannot show\n --> content/claims/dam.yaml:3:14\n"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
}

/// A pipe where a content file goes is reported, not opened: opening it
/// would wait for a writer forever.
#[cfg(unix)]
#[test]
fn a_pipe_in_content_is_an_error_not_a_hang() {
    let sandbox = Sandbox::new("good/basic");
    let fifo = sandbox.root.join("content/articles/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let root = sandbox.root.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send((support::check(&root), support::build_default(&root)));
    });
    let (check, build) = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("check and build end instead of waiting on the pipe");
    for run in [check, build] {
        run.assert_code(1).assert_no_panic();
        assert!(
            run.stderr.contains(
                "error: content/articles/pipe.md is not a regular file (a pipe, socket or device)\n --> content/articles/pipe.md\n"
            ),
            "{}",
            run.stderr
        );
    }
    assert!(!sandbox.root.join("public").exists());
}

#[test]
fn crlf_and_byte_order_marks_everywhere_build_the_same_site() {
    let plain = Sandbox::new("good/basic");
    let plain_out = plain.outside("public");
    support::build(&plain.root, &plain_out).assert_code(0);

    let dos = Sandbox::new("good/basic");
    let mut converted = 0;
    for (rel, bytes) in support::snapshot(&dos.root) {
        let Some(bytes) = bytes else { continue };
        if !(rel.ends_with(".md") || rel.ends_with(".yaml") || rel.ends_with(".toml")) {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let dos_text = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        fs::write(dos.root.join(&rel), dos_text).unwrap();
        converted += 1;
    }
    assert!(converted >= 8, "only {converted} files converted");
    let out = dos.outside("public");
    let run = support::build(&dos.root, &out);
    run.assert_code(0).assert_no_panic();
    support::assert_same_tree(
        &support::snapshot(&plain_out),
        &support::snapshot(&out),
        "CRLF and BOM change the site",
    );
}

#[test]
fn a_20_mb_article_with_a_few_quotes_builds() {
    let sandbox = Sandbox::new("good/basic");
    let mut body = String::with_capacity(21 << 20);
    body.push_str("---\ntitle: \"The long report\"\npublished: 2030-05-04\nlanguage: en\n---\n");
    let filler = "The valley road stayed open while engineers walked the dam, and the river kept its spring level for most of the week. ";
    let mut paragraph = 0;
    while body.len() < 20 << 20 {
        if paragraph == 5 {
            body.push_str("Near the start, inspectors counted eleven sandbags at the gate.\n\n");
        }
        if paragraph == 20_000 {
            body.push_str("Halfway through, the council voted to close the old bridge.\n\n");
        }
        for _ in 0..4 {
            body.push_str(filler);
        }
        body.push_str(&format!("Paragraph {paragraph}.\n\n"));
        paragraph += 1;
    }
    body.push_str("At the very end, the reservoir was declared safe again.\n");
    assert!(body.len() >= 20 << 20);
    fs::write(sandbox.root.join("content/articles/long-report.md"), &body).unwrap();
    fs::write(
        sandbox.root.join("content/claims/long.yaml"),
        "- id: sandbags\n  statement: \"Eleven sandbags were at the gate.\"\n  topics: [dam-safety]\n  origin: water-agency\n  evidence:\n    - article: long-report\n      quote: inspectors counted eleven sandbags at the gate\n- id: bridge\n  statement: \"The old bridge was closed.\"\n  topics: [dam-safety]\n  origin: water-agency\n  evidence:\n    - article: long-report\n      quote: the council voted to close the old bridge\n- id: declared-safe\n  statement: \"The reservoir was declared safe.\"\n  topics: [dam-safety]\n  origin: water-agency\n  evidence:\n    - article: long-report\n      quote: the reservoir was declared safe again\n",
    )
    .unwrap();
    let sources = fs::read_to_string(sandbox.root.join("content/sources.yaml")).unwrap();
    assert!(
        sources.contains("- id: water-agency"),
        "the good fixture lost its agency"
    );
    let out = sandbox.outside("public");
    let started = Instant::now();
    let run = support::build(&sandbox.root, &out);
    run.assert_code(0).assert_no_panic();
    assert!(
        started.elapsed() < Duration::from_secs(300),
        "took {:?}",
        started.elapsed()
    );
    let html = support::read(&out, "articles/long-report.html");
    for id in ["q-sandbags-1", "q-bridge-1", "q-declared-safe-1"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "no passage {id}");
    }
    assert!(html.contains("Paragraph 40000."), "the article was cut");
}

#[test]
fn deep_nesting_fails_fast() {
    for (name, text) in [
        (
            "brackets",
            format!(
                "- id: x\n  note: {}{}\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
        ),
        // Fewer flow collections than the count that has the nesting
        // checked before parsing: serde_yaml reads them (its own limit
        // stops it quickly), and the error is still the nesting one.
        (
            "flow mappings",
            format!(
                "- id: x\n  note: {}1{}\n",
                "{a: ".repeat(1500),
                "}".repeat(1500)
            ),
        ),
        // Deeper than 16 but parsed without complaint by serde_yaml: the
        // item that fails to deserialise reports the nesting.
        (
            "a little too deep",
            format!("- id: x\n  note: {}{}\n", "[".repeat(20), "]".repeat(20)),
        ),
        (
            "indentation",
            format!(
                "- id: x\n  note:\n{}",
                (0..3000)
                    .map(|i| format!("{}- \n", "  ".repeat(i + 2)))
                    .collect::<String>()
            ),
        ),
    ] {
        let sandbox = Sandbox::new("good/basic");
        fs::write(sandbox.root.join("content/claims/deep.yaml"), text).unwrap();
        let run = must_fail(&sandbox, name, false);
        assert!(
            run.stderr.contains("YAML nested more than 16 levels deep")
                && run.stderr.contains("--> content/claims/deep.yaml:"),
            "{name}:\n{:.2000}",
            run.stderr
        );
    }
}

#[test]
fn many_problems_on_one_long_line_stay_fast_and_short() {
    let sandbox = Sandbox::new("good/basic");
    let unknown: Vec<String> = (0..1000).map(|i| format!("nowhere-{i}")).collect();
    let items = vec!["a"; 30_000].join(", ");
    fs::write(
        sandbox.root.join("content/claims/long-lines.yaml"),
        format!(
            "- id: wide\n  statement: \"Wide.\"\n  topics: [{}]\n  origin: water-agency\n  evidence:\n    - article: agency-bulletin\n      quote: x\n- id: flat\n  statement: [{items}]\n",
            unknown.join(", ")
        ),
    )
    .unwrap();
    // Linear in the line's length: walking from the start of the line for
    // every item or problem took minutes here.
    let started = Instant::now();
    let run = must_fail(&sandbox, "long lines", false);
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "took {:?}",
        started.elapsed()
    );
    assert!(run.errors().len() >= 1001, "{} errors", run.errors().len());
    assert!(
        run.stderr.len() < 1_000_000,
        "{} bytes of diagnostics for two lines",
        run.stderr.len()
    );
    assert!(run.stderr.contains("unknown topic `nowhere-999`"));
    assert!(run.stderr.contains("wrong value for `statement` of claim"));
}
