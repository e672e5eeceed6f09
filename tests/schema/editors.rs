//! The schemas in the tools editors run, from `tests/editor/`:
//! yaml-language-server (VS Code's YAML extension, Helix, Neovim's yamlls)
//! flags exactly the YAML files and front matters the `jsonschema` crate
//! flags, reports the YAML it cannot read, completes vocabularies and
//! field names and shows descriptions; Taplo checks `dossier.toml` from
//! its `#:schema` line; remark, with the README's `.remarkrc.mjs`, flags
//! exactly the front matters the schemas flag. Needs `node` and `npm ci`
//! in tests/editor (`.ci/run` does both): without them these tests pass
//! with a message, except under `CI=true`, where they fail.

use super::{Verdict, check_dossier, repo, validators};
use dossier::load::schema::{for_path, header};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/editor`, if its tools are installed.
fn tools() -> Option<PathBuf> {
    let dir = repo().join("tests/editor");
    let node = Command::new("node").arg("--version").output();
    let mut missing = Vec::new();
    if !node.is_ok_and(|o| o.status.success()) {
        missing.push("node");
    }
    if !dir.join("node_modules/yaml-language-server").is_dir() {
        missing.push("tests/editor/node_modules (npm ci in tests/editor)");
    }
    if missing.is_empty() {
        return Some(dir);
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!ci, "the editor tests need: {}", missing.join(", "));
    eprintln!(
        "SKIPPED editor test (not under CI): missing {}",
        missing.join(", ")
    );
    None
}

/// The dossiers the tests open: the shipped one, the good fixtures, a new
/// one from `init`, and every bad case.
fn dossiers(tmp: &Path) -> Vec<(String, PathBuf)> {
    let mut roots = vec![("shipped".to_string(), repo().to_path_buf())];
    for group in ["good", "bad"] {
        let mut cases: Vec<PathBuf> = fs::read_dir(repo().join("tests/fixtures").join(group))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        cases.sort();
        for case in cases {
            let name = case.file_name().unwrap().to_string_lossy().into_owned();
            roots.push((format!("{group}-{name}"), case));
        }
    }
    let example = tmp.join("example");
    let init = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("init")
        .arg(&example)
        .output()
        .unwrap();
    assert!(init.status.success());
    roots.push(("example".to_string(), example));
    roots
}

/// Writes the schemas into `dir/schemas`.
fn write_schemas(dir: &Path) {
    fs::create_dir_all(dir.join("schemas")).unwrap();
    for (name, json) in dossier::schemas::files() {
        fs::write(dir.join("schemas").join(name), json).unwrap();
    }
}

/// The YAML an editor's YAML server would open for file `rel` of `root`,
/// tied to its schema: a YAML file as it is (given the first line if it
/// lacks it), a front matter as a YAML file of its own beside it
/// (`<rel>.yaml`). `None` for what is not UTF-8 YAML or has no front matter.
fn as_yaml(root: &Path, rel: &str) -> Option<(String, String)> {
    if rel.ends_with(".toml") {
        return None;
    }
    let text = String::from_utf8(fs::read(root.join(rel)).unwrap()).ok()?;
    if !rel.ends_with(".md") {
        return Some((rel.to_string(), dossier::schemas::headed(rel, &text)));
    }
    let (start, end, _) = dossier::load::split_front_matter(&text).ok()?;
    let up = "../".repeat(rel.matches('/').count());
    let schema = for_path(rel).unwrap().name;
    let line = format!("# yaml-language-server: $schema={up}schemas/{schema}");
    Some((
        format!("{rel}.yaml"),
        format!("{line}\n{}", &text[start..end]),
    ))
}

/// Runs `tests/editor/lsp.mjs` on `plan`.
fn language_server(tools: &Path, tmp: &Path, plan: &Value) -> Value {
    let plan_file = tmp.join("plan.json");
    fs::write(&plan_file, plan.to_string()).unwrap();
    let run = Command::new("node")
        .arg(tools.join("lsp.mjs"))
        .arg(&plan_file)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).unwrap()
}

/// The line and column (1-based) just after `needle` in the file.
fn after(path: &Path, needle: &str) -> (usize, usize) {
    let text = fs::read_to_string(path).unwrap();
    let (n, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in {}", path.display()));
    (n + 1, line.find(needle).unwrap() + needle.len() + 1)
}

#[test]
fn yaml_language_server_flags_what_the_schemas_flag_and_completes_and_describes() {
    let Some(tools) = tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let validators = validators();
    // What each opened file should get: diagnostics or none.
    let mut expected: BTreeMap<PathBuf, (String, bool)> = BTreeMap::new();
    for (name, root) in dossiers(tmp.path()) {
        let dir = tmp.path().join("open").join(&name);
        write_schemas(&dir);
        for (rel, verdict) in check_dossier(&root, &validators) {
            let Some((opened, text)) = as_yaml(&root, &rel) else {
                continue;
            };
            let flagged = match &verdict {
                Verdict::Valid => false,
                Verdict::Flagged(_) => true,
                // YAML that cannot be read: the server's parser says so.
                Verdict::Unreadable(why) if why.starts_with("YAML") => true,
                Verdict::Unreadable(_) => continue,
            };
            let path = dir.join(&opened);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, text).unwrap();
            expected.insert(path, (format!("{name}: {rel}"), flagged));
        }
    }
    assert!(expected.len() > 300, "{} files", expected.len());
    let example = tmp.path().join("open/example");
    let probe = example.join("content/claims/probe.yaml");
    let line = header("content/claims/probe.yaml", "schemas").unwrap();
    fs::write(&probe, format!("{line}\n- id: probe\n  \n")).unwrap();
    let kind = after(&example.join("content/sources.yaml"), "kind: ");
    let credibility = after(&example.join("content/claims/pollution.yaml"), "  cred");
    let plan = serde_json::json!({
        "files": expected.keys().collect::<Vec<_>>(),
        "completions": [
            [example.join("content/sources.yaml"), kind.0, kind.1],
            [&probe, 3, 3],
        ],
        "hovers": [[example.join("content/claims/pollution.yaml"), credibility.0, credibility.1]],
    });
    let result = language_server(&tools, tmp.path(), &plan);

    let mut wrong = Vec::new();
    for (path, (what, flagged)) in &expected {
        let found = &result["diagnostics"][path.to_str().unwrap()];
        let found: Vec<&str> = match found.as_array() {
            Some(list) => list.iter().filter_map(Value::as_str).collect(),
            None => {
                wrong.push(format!("{what}: no diagnostics published"));
                continue;
            }
        };
        if found.is_empty() == *flagged {
            wrong.push(format!("{what}: expected flagged={flagged}, got {found:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));

    let labels = |i: usize| -> BTreeSet<String> {
        result["completions"][i]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect()
    };
    let kinds: BTreeSet<String> = dossier::model::SourceKind::ALL
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(labels(0), kinds, "completion of `kind: `");
    let fields = labels(1);
    for field in [
        "statement",
        "topics",
        "origin",
        "evidence",
        "credibility",
        "figures",
    ] {
        assert!(fields.contains(field), "no {field} in {fields:?}");
    }
    assert!(!fields.contains("id"), "id is there already: {fields:?}");
    let hover = result["hovers"][0].as_str().unwrap();
    assert!(
        hover.contains("Admiralty credibility of the information"),
        "{hover}"
    );
}

#[test]
fn taplo_checks_dossier_toml_from_its_schema_line() {
    let Some(tools) = tools() else {
        return;
    };
    let taplo = tools.join("node_modules/.bin/taplo");
    let tmp = tempfile::tempdir().unwrap();
    let (_, example) = dossiers(tmp.path()).pop().unwrap();
    let check = |dir: &Path| {
        Command::new(&taplo)
            .args(["check", "dossier.toml"])
            .current_dir(dir)
            .stdin(std::process::Stdio::null())
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    };
    for dir in [example.as_path(), repo()] {
        let run = check(dir);
        assert!(
            run.status.success(),
            "{}: {}",
            dir.display(),
            String::from_utf8_lossy(&run.stderr)
        );
    }
    fs::write(
        example.join("dossier.toml"),
        "#:schema ./schemas/dossier.toml.json\ntitle = \"T\"\ntolerance = 3\nthem = \"x\"\n",
    )
    .unwrap();
    let run = check(&example);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success(), "{err}");
    assert!(err.contains("3 is greater than the maximum of 1"), "{err}");
    assert!(err.contains("'them' was unexpected"), "{err}");
}

/// The `.remarkrc.mjs` of the README.
fn remark_config() -> String {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let marker =
        "<!-- tests/schema.rs checks the front matter of the test dossiers with this very file -->";
    let after = &readme[readme.find(marker).expect("the README's marker") + marker.len()..];
    let start = after.find("```js\n").unwrap() + "```js\n".len();
    after[start..start + after[start..].find("```").unwrap()].to_string()
}

#[test]
fn remark_with_the_readme_config_flags_the_front_matters_the_schemas_flag() {
    let Some(tools) = tools() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join("work");
    fs::create_dir_all(&work).unwrap();
    std::os::unix::fs::symlink(tools.join("node_modules"), work.join("node_modules")).unwrap();
    let validators = validators();
    let config = remark_config();
    // Each dossier with its `.remarkrc.mjs`, and the front matters its
    // schemas flag; only dossiers whose front matters all read as YAML.
    let mut expected: BTreeSet<String> = BTreeSet::new();
    let mut names = Vec::new();
    for (name, root) in dossiers(tmp.path()) {
        let checked = check_dossier(&root, &validators);
        let markdown: Vec<(&String, &Verdict)> = checked
            .iter()
            .filter(|(rel, _)| rel.ends_with(".md"))
            .collect();
        if markdown
            .iter()
            .any(|(_, v)| matches!(v, Verdict::Unreadable(_)))
        {
            continue;
        }
        for (rel, verdict) in markdown {
            if matches!(verdict, Verdict::Flagged(_)) {
                expected.insert(format!("{name}/{rel}"));
            }
        }
        let dir = work.join(&name);
        super::copy(&root.join("content"), &dir.join("content"));
        write_schemas(&dir);
        fs::write(dir.join(".remarkrc.mjs"), &config).unwrap();
        names.push(format!("{name}/content"));
    }
    assert!(
        names.len() > 40 && expected.len() >= 8,
        "{names:?} {expected:?}"
    );
    let run = Command::new(tools.join("node_modules/.bin/remark"))
        .args(["--quiet", "--no-stdout", "--no-color"])
        .args(&names)
        .current_dir(&work)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&run.stderr);
    let reported: BTreeSet<String> = out
        .lines()
        .filter(|l| !l.starts_with(' ') && l.ends_with(".md"))
        .map(str::to_string)
        .collect();
    assert_eq!(reported, expected, "{out}");
}
