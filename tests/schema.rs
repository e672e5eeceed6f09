//! Issue 18, item 4: the JSON Schemas editors use (`dossier schema`).
//!
//! Every file of the shipped dossier, of the good fixtures, of the example
//! `init` writes and of a generated corpus validates against its schema;
//! each case of the bad-input matrix (`tests/fixtures/bad/`) is either
//! flagged by a schema, in a file the build names too, or listed in
//! [`UNSEEN`] with the reason no schema can see it (and then no schema
//! flags it). The committed `schemas/` are what `dossier schema` writes;
//! the shipped YAML files and `dossier.toml` start with the line that ties
//! them to theirs, which changes nothing in the built site.

#[path = "schema/editors.rs"]
mod editors;

use dossier::load::schema::{FILES, for_path, header};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn dossier(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// A compiled schema per schema file name.
fn validators() -> BTreeMap<&'static str, jsonschema::Validator> {
    FILES
        .iter()
        .map(|f| {
            let schema: Value = serde_json::from_str(&f.json()).unwrap();
            let validator = jsonschema::draft7::new(&schema)
                .unwrap_or_else(|e| panic!("{}: not a valid draft-07 schema: {e}", f.name));
            (f.name, validator)
        })
        .collect()
}

/// What became of one file: its schema's complaints, or why no schema
/// could read it.
enum Verdict {
    Valid,
    Flagged(Vec<String>),
    Unreadable(String),
}

/// The verdicts that are not `Valid`, one line each.
fn report(checked: &BTreeMap<String, Verdict>) -> String {
    let mut out = String::new();
    for (rel, verdict) in checked {
        match verdict {
            Verdict::Valid => {}
            Verdict::Flagged(errors) => out += &format!("\n  {rel}: {}", errors.join("; ")),
            Verdict::Unreadable(why) => out += &format!("\n  {rel}: unreadable: {why}"),
        }
    }
    out
}

/// The document of the file at `rel` (from the dossier folder) as an
/// editor's language server sees it: the whole YAML or TOML file, or the
/// YAML between a Markdown file's `---` lines.
fn document(root: &Path, rel: &str) -> Result<Value, String> {
    let bytes = fs::read(root.join(rel)).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())?;
    let text = text.trim_start_matches('\u{feff}');
    if rel.ends_with(".toml") {
        return toml::from_str(text).map_err(|e| format!("TOML: {e}"));
    }
    let yaml = if rel.ends_with(".md") {
        let (start, end, _) = dossier::load::split_front_matter(text).map_err(str::to_string)?;
        &text[start..end]
    } else {
        text
    };
    let value: Value = serde_yaml::from_str(yaml).map_err(|e| format!("YAML: {e}"))?;
    // An empty front matter is read as no fields.
    Ok(match value {
        Value::Null if rel.ends_with(".md") => Value::Object(Default::default()),
        v => v,
    })
}

/// The files of the dossier at `root` that have a schema, from the
/// dossier folder.
fn files_with_a_schema(root: &Path) -> Vec<String> {
    let mut rels = vec!["dossier.toml".to_string()];
    for entry in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(root).unwrap();
            rels.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    rels.retain(|rel| for_path(rel).is_some() && root.join(rel).is_file());
    rels
}

/// Every file of the dossier at `root` that has a schema, checked.
fn check_dossier(
    root: &Path,
    validators: &BTreeMap<&str, jsonschema::Validator>,
) -> BTreeMap<String, Verdict> {
    let mut out = BTreeMap::new();
    for rel in files_with_a_schema(root) {
        let schema = for_path(&rel).unwrap();
        let verdict = match document(root, &rel) {
            Err(why) => Verdict::Unreadable(why),
            Ok(doc) => {
                let errors: Vec<String> = validators[schema.name]
                    .iter_errors(&doc)
                    .map(|e| format!("{}: {e}", e.instance_path()))
                    .collect();
                if errors.is_empty() {
                    Verdict::Valid
                } else {
                    Verdict::Flagged(errors)
                }
            }
        };
        out.insert(rel, verdict);
    }
    out
}

fn assert_all_valid(root: &Path, validators: &BTreeMap<&str, jsonschema::Validator>) -> usize {
    let checked = check_dossier(root, validators);
    let bad = report(&checked);
    assert!(bad.is_empty(), "{}:{bad}", root.display());
    checked.len()
}

#[test]
fn every_shipped_fixture_example_and_generated_file_validates() {
    let validators = validators();
    let mut roots = vec![repo().to_path_buf()];
    for entry in fs::read_dir(repo().join("tests/fixtures/good")).unwrap() {
        roots.push(entry.unwrap().path());
    }
    let tmp = tempfile::tempdir().unwrap();
    let example = tmp.path().join("example");
    assert!(
        dossier(tmp.path(), &["init", "example"]).status.success(),
        "init"
    );
    roots.push(example);
    let corpus = tmp.path().join("corpus");
    let generated = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .arg("--out")
        .arg(&corpus)
        .args([
            "--articles",
            "12",
            "--claims",
            "80",
            "--seed",
            "3",
            "--entities",
            "8",
        ])
        .output()
        .unwrap();
    assert!(generated.status.success(), "gen-corpus");
    roots.push(corpus);
    for root in roots {
        // Each of them builds: what validates here is what the build accepts.
        let check = dossier(&root, &["check"]);
        assert!(check.status.success(), "{}", root.display());
        let n = assert_all_valid(&root, &validators);
        assert!(n >= 6, "{}: only {n} files checked", root.display());
    }
}

/// Why a schema cannot see a bad case.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Unseen {
    /// The problem is beyond the file: the schemas find nothing wrong.
    Beyond,
    /// The file is not the YAML (or TOML) a schema reads; the editor
    /// reports that itself.
    Unread,
}

/// The bad cases no schema can see, and why. Every other case of
/// `tests/fixtures/bad/` must be flagged by a schema.
#[rustfmt::skip]
const UNSEEN: &[(&str, Unseen, &str)] = &[
    ("alias-bomb",                       Unseen::Unread, "YAML aliases expanding too far: the YAML reader's limit, not a schema's"),
    ("ambiguous-quote",                  Unseen::Beyond, "needs the article's text: the quote occurs twice in it"),
    ("bad-slug",                         Unseen::Beyond, "a file name: a schema sees what is inside the file"),
    ("bad-topic-name",                   Unseen::Beyond, "a file name: a schema sees what is inside the file"),
    ("cite-unknown-claim",               Unseen::Beyond, "an unknown claim cited in Markdown: a reference to another file"),
    ("claim-unknown-entity",             Unseen::Beyond, "an unknown entity: a reference to another file"),
    ("compare-with-unknown",             Unseen::Beyond, "an unknown edition: a reference to another file"),
    ("duplicate-id",                     Unseen::Beyond, "an id defined in two files: a schema sees one file"),
    ("duplicate-metric-id",              Unseen::Beyond, "two items with one id: JSON Schema compares whole items only"),
    ("duplicate-source-id",              Unseen::Beyond, "two items with one id: JSON Schema compares whole items only"),
    ("edition-bad-values",               Unseen::Beyond, "an edition: `dossier edition` writes it, and no schema describes it"),
    ("edition-duplicate-claim",          Unseen::Beyond, "an edition: `dossier edition` writes it, and no schema describes it"),
    ("edition-file-name",                Unseen::Beyond, "an edition: `dossier edition` writes it, and no schema describes it"),
    ("edition-missing-date",             Unseen::Beyond, "an edition: `dossier edition` writes it, and no schema describes it"),
    ("edition-unknown-field",            Unseen::Beyond, "an edition: `dossier edition` writes it, and no schema describes it"),
    ("edition-yaml-syntax",              Unseen::Beyond, "an edition: `dossier edition` writes it, and no schema describes it"),
    ("entities-duplicate-id",            Unseen::Beyond, "two items with one id: JSON Schema compares whole items only"),
    ("entities-shared-alias",            Unseen::Beyond, "one alias of two entities, compared folded: JSON Schema compares whole items only"),
    ("figure-low-above-high",            Unseen::Beyond, "one field compared with another: not in JSON Schema draft-07"),
    ("front-matter-missing",             Unseen::Unread, "no front matter: there is nothing for the schema to read"),
    ("front-matter-unclosed",            Unseen::Unread, "no front matter: there is nothing for the schema to read"),
    ("missing-article",                  Unseen::Beyond, "an unknown article: a reference to another file"),
    ("non-utf8",                         Unseen::Unread, "not UTF-8: the editor reports the encoding, not the schema"),
    ("non-utf8-sources",                 Unseen::Unread, "not UTF-8: the editor reports the encoding, not the schema"),
    ("non-utf8-topic",                   Unseen::Unread, "not UTF-8: the editor reports the encoding, not the schema"),
    ("quote-not-found",                  Unseen::Beyond, "needs the article's text"),
    ("quote-not-found-cjk",              Unseen::Beyond, "needs the article's text"),
    ("quote-prefix-matches-none",        Unseen::Beyond, "needs the article's text"),
    ("typed-link-unknown-id",            Unseen::Beyond, "an unknown entity linked from Markdown: a reference to another file"),
    ("unknown-claim",                    Unseen::Beyond, "an unknown claim: a reference to another file"),
    ("unknown-claim-in-corroborates",    Unseen::Beyond, "an unknown claim: a reference to another file"),
    ("unknown-claim-in-topic-judgment",  Unseen::Beyond, "an unknown claim: a reference to another file"),
    ("unknown-claim-judgment",           Unseen::Beyond, "an unknown claim: a reference to another file"),
    ("unknown-metric",                   Unseen::Beyond, "an unknown metric: a reference to another file"),
    ("unknown-source",                   Unseen::Beyond, "an unknown source: a reference to another file"),
    ("unknown-source-in-via",            Unseen::Beyond, "an unknown source: a reference to another file"),
    ("unknown-topic",                    Unseen::Beyond, "an unknown topic: a reference to another file"),
    ("unknown-topic-in-metric",          Unseen::Beyond, "an unknown topic: a reference to another file"),
    ("yaml-syntax",                      Unseen::Unread, "not YAML: the editor's YAML parser reports it before any schema"),
    ("yaml-syntax-front-matter",         Unseen::Unread, "not YAML: the editor's YAML parser reports it before any schema"),
    ("yaml-syntax-index",                Unseen::Unread, "not YAML: the editor's YAML parser reports it before any schema"),
    ("yaml-syntax-metrics",              Unseen::Unread, "not YAML: the editor's YAML parser reports it before any schema"),
    ("yaml-syntax-sources",              Unseen::Unread, "not YAML: the editor's YAML parser reports it before any schema"),
    ("yaml-syntax-topic",                Unseen::Unread, "not YAML: the editor's YAML parser reports it before any schema"),
];

/// The files the build names in a bad case's `expected.txt`.
fn files_named(case: &Path) -> BTreeSet<String> {
    fs::read_to_string(case.join("expected.txt"))
        .unwrap()
        .lines()
        .filter_map(|l| {
            let path = l.split(':').next()?;
            (path.starts_with("content/") || path == "dossier.toml").then(|| path.to_string())
        })
        .collect()
}

#[test]
fn each_bad_case_a_schema_can_see_is_flagged_where_the_build_flags_it() {
    let validators = validators();
    let bad = repo().join("tests/fixtures/bad");
    let mut cases: Vec<PathBuf> = fs::read_dir(&bad)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    let unseen: BTreeMap<&str, (Unseen, &str)> = UNSEEN
        .iter()
        .map(|&(name, sight, why)| (name, (sight, why)))
        .collect();
    let mut seen = 0;
    let mut problems = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_str().unwrap();
        let checked = check_dossier(case, &validators);
        let flagged: BTreeSet<String> = checked
            .iter()
            .filter(|(_, v)| matches!(v, Verdict::Flagged(_)))
            .map(|(rel, _)| rel.clone())
            .collect();
        let unreadable: BTreeSet<String> = checked
            .iter()
            .filter(|(_, v)| matches!(v, Verdict::Unreadable(_)))
            .map(|(rel, _)| rel.clone())
            .collect();
        let named = files_named(case);
        match unseen.get(name) {
            Some(&(sight, why)) => {
                // True to its reason: no schema flags anything, and the
                // files no schema can read are there only if said so.
                if !flagged.is_empty() || (sight == Unseen::Unread) == unreadable.is_empty() {
                    problems.push(format!(
                        "{name} is listed as unseen ({why}), but:{}",
                        report(&checked)
                    ));
                }
            }
            None => {
                seen += 1;
                if flagged.is_empty() || !flagged.is_subset(&named) || !unreadable.is_empty() {
                    problems.push(format!(
                        "{name}: a schema should flag the files the build names ({named:?}), \
                         and only those:{}",
                        report(&checked)
                    ));
                }
            }
        }
    }
    for (name, _, _) in UNSEEN {
        assert!(bad.join(name).is_dir(), "UNSEEN names no case `{name}`");
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    assert!(seen >= 25, "only {seen} cases seen by a schema");
}

#[test]
fn the_committed_schemas_are_what_dossier_schema_writes() {
    let dir = repo().join("schemas");
    let expected: BTreeMap<String, String> = dossier::schemas::files()
        .into_iter()
        .map(|(name, json)| (name.to_string(), json))
        .collect();
    let committed: BTreeMap<String, String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().into_string().unwrap();
            (name, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    assert!(
        committed == expected,
        "schemas/ differs from what `dossier schema` writes: run `cargo run -- schema` and commit schemas/"
    );
}

#[test]
fn shipped_and_new_dossiers_tie_each_yaml_file_and_dossier_toml_to_its_schema() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(dossier(tmp.path(), &["init", "new"]).status.success());
    let new = tmp.path().join("new");
    for root in [repo(), new.as_path()] {
        let mut tied = 0;
        for rel in files_with_a_schema(root) {
            let first = fs::read_to_string(root.join(&rel)).unwrap();
            let first = first.lines().next().unwrap_or("");
            match header(&rel, "schemas") {
                Some(line) => {
                    assert_eq!(first, line, "{}: {rel}", root.display());
                    let target = root
                        .join(&rel)
                        .parent()
                        .unwrap()
                        .join(line.rsplit_once(['=', ' ']).map(|(_, path)| path).unwrap());
                    assert!(target.is_file(), "{rel}: {} is missing", target.display());
                    tied += 1;
                }
                None => assert!(rel.ends_with(".md"), "{rel} has no schema line"),
            }
        }
        assert!(tied >= 4, "{}: {tied} files tied", root.display());
    }
    for (name, json) in dossier::schemas::files() {
        assert_eq!(
            fs::read_to_string(new.join("schemas").join(name)).unwrap(),
            json
        );
    }
}

/// Every file under `dir`, by path from it, with its bytes.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn the_schema_lines_change_nothing_in_the_built_site() {
    let tmp = tempfile::tempdir().unwrap();
    let mut sites = Vec::new();
    for strip in [false, true] {
        let root = tmp.path().join(format!("dossier-{strip}"));
        for rel in ["dossier.toml", "content"] {
            copy(&repo().join(rel), &root.join(rel));
        }
        if strip {
            for rel in files_with_a_schema(&root) {
                if let Some(line) = header(&rel, "schemas") {
                    let text = fs::read_to_string(root.join(&rel)).unwrap();
                    let rest = text.strip_prefix(&format!("{line}\n")).unwrap();
                    fs::write(root.join(&rel), rest).unwrap();
                }
            }
        }
        let out = tmp.path().join(format!("public-{strip}"));
        let build = dossier(
            &root,
            &[
                "build",
                "--output",
                out.to_str().unwrap(),
                "--base-url",
                "https://example.org/d/",
            ],
        );
        assert!(
            build.status.success(),
            "{}",
            String::from_utf8_lossy(&build.stderr)
        );
        sites.push(tree(&out));
    }
    assert!(sites[0].len() > 20);
    assert!(sites[0] == sites[1], "the schema lines changed the site");
}

/// Copies a file or a folder.
fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = if rel.as_os_str().is_empty() {
            to.to_path_buf()
        } else {
            to.join(rel)
        };
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn dossier_schema_writes_the_schemas_and_says_how_editors_find_them() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("dossier.toml"), "title = \"T\"\n").unwrap();
    let first = dossier(&root, &["schema"]);
    assert!(first.status.success());
    let err = String::from_utf8_lossy(&first.stderr).into_owned();
    assert!(
        err.starts_with("Wrote 8 JSON Schemas (draft-07) into ./schemas (8 changed):\n"),
        "{err}"
    );
    for line in [
        "  content/claims/*.yaml  # yaml-language-server: $schema=../../schemas/claims.json\n",
        "  content/sources.yaml   # yaml-language-server: $schema=../schemas/sources.json\n",
        "  content/metrics.yaml   # yaml-language-server: $schema=../schemas/metrics.json\n",
        "  content/entities.yaml  # yaml-language-server: $schema=../schemas/entities.json\n",
        "  dossier.toml           #:schema ./schemas/dossier.toml.json\n",
        "  article.json       content/articles/*.md (front matter)\n",
    ] {
        assert!(err.contains(line), "no {line:?} in\n{err}");
    }
    for (name, json) in dossier::schemas::files() {
        assert_eq!(
            fs::read_to_string(root.join("schemas").join(name)).unwrap(),
            json
        );
    }
    // Again: nothing to change.
    let again = dossier(&root, &["schema"]);
    assert!(String::from_utf8_lossy(&again.stderr).contains("(0 changed)"));
    // Elsewhere, with --out: no first lines to suggest (the paths would not be relative).
    let elsewhere = dossier(tmp.path(), &["schema", "--out", "editor"]);
    assert!(elsewhere.status.success());
    let err = String::from_utf8_lossy(&elsewhere.stderr);
    assert!(
        err.starts_with("Wrote 8 JSON Schemas (draft-07) into editor (8 changed):"),
        "{err}"
    );
    assert!(tmp.path().join("editor/claims.json").is_file());
    // Not a dossier, and no --out: refused, nothing written.
    let refused = dossier(tmp.path(), &["schema"]);
    assert_eq!(refused.status.code(), Some(1));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.starts_with("error: . holds no dossier.toml"), "{err}");
    assert!(!tmp.path().join("schemas").exists());
}

#[test]
fn headed_puts_the_line_first_once_after_a_byte_order_mark() {
    use dossier::schemas::headed;
    let line = "# yaml-language-server: $schema=../../schemas/claims.json";
    let rel = "content/claims/a.yaml";
    assert_eq!(headed(rel, "- id: a\n"), format!("{line}\n- id: a\n"));
    assert_eq!(
        headed(rel, &headed(rel, "- id: a\n")),
        format!("{line}\n- id: a\n")
    );
    assert_eq!(
        headed(rel, "\u{feff}- id: a\n"),
        format!("\u{feff}{line}\n- id: a\n")
    );
    assert_eq!(headed("content/articles/a.md", "---\n"), "---\n");
    assert_eq!(
        headed("dossier.toml", "title = \"T\"\n"),
        "#:schema ./schemas/dossier.toml.json\ntitle = \"T\"\n"
    );
}
