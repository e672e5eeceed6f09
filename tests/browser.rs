//! Reader flows in a real browser: builds dossiers and runs
//! `tests/browser/check.mjs` (Debian Chromium via playwright-core, axe-core,
//! the Nu HTML Checker) on the output; the French fixture is also searched
//! for French words, with and without accents and after an elision. Needs `node`, `/usr/bin/chromium`,
//! `java` and `npm ci` in tests/browser (`.ci/run` installs them). Without
//! them the test is skipped with a message, except under `CI=true`, where a
//! missing tool is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn missing_tools(dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        if Command::new(tool)
            .arg(arg)
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true)
        {
            missing.push(tool.to_string());
        }
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        missing.push(format!("{chromium} (apt-get install chromium)"));
    }
    if !dir.join("node_modules/playwright-core").exists() {
        missing.push("tests/browser/node_modules (npm ci in tests/browser)".into());
    }
    missing
}

fn check_in_browser(root: &Path) {
    check_in_browser_with(root, &[]);
}

/// [`check_in_browser`] with more arguments for `check.mjs`.
fn check_in_browser_with(root: &Path, extra: &[&str]) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let missing = missing_tools(&dir);
    if !missing.is_empty() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(!ci, "browser test needs: {}", missing.join(", "));
        eprintln!(
            "SKIPPED browser test (not under CI): missing {}",
            missing.join(", ")
        );
        return;
    }
    let out: PathBuf = tempfile::tempdir().unwrap().keep().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let run = Command::new("node")
        .arg(dir.join("check.mjs"))
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let _ = std::fs::remove_dir_all(out.parent().unwrap());
}

#[test]
fn analysis_fixture_reads_well_in_chromium() {
    check_in_browser(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/analysis"));
}

/// Code in YAML and HTML, headings five levels deep, a link that is no
/// address, two figures of one origin, an article in Arabic quoted by a
/// claim: what a dossier we had not seen before showed. Its English is not
/// stemmed: a plural finds the singular by its ending, and the marks
/// cover whole words.
#[test]
fn reading_fixture_reads_well_in_chromium() {
    check_in_browser_with(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/reading"),
        &[
            "--rtl",
            "--search",
            "directorates=directorate",
            "--search",
            "pipelines=Pipeline",
        ],
    );
}

#[test]
fn editions_fixture_reads_well_in_chromium() {
    check_in_browser(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/editions"));
}

#[test]
fn entities_fixture_reads_well_in_chromium() {
    check_in_browser(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/entities"));
}

#[test]
fn shipped_dossier_reads_well_in_chromium() {
    check_in_browser(Path::new(env!("CARGO_MANIFEST_DIR")));
}

#[test]
fn french_fixture_reads_well_in_chromium() {
    check_in_browser_with(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/french"),
        &[
            "--search",
            "demineurs=démineurs",
            "--search",
            "démineurs=démineurs",
            "--search",
            "armee=l’armée",
            "--search",
            "l'armée=l’armée",
            "--search",
            "deversement=déversement",
            "--search-status",
            "résultat",
        ],
    );
}
