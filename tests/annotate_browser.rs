//! Issue 18 item 2 in a real browser: `tests/browser/annotate.mjs` drives
//! the annotation panel of `dossier serve` in Debian's Chromium (through
//! `playwright-core`, with axe-core) on a copy of
//! `tests/fixtures/good/basic`: a passage selected with the mouse becomes
//! a new claim, a passage selected and saved by keyboard becomes evidence
//! for an existing claim, and the files are then checked here, byte for
//! byte around what was added. Needs `node`, `/usr/bin/chromium` and
//! `npm ci` in tests/browser; without them the test says what is missing
//! and passes, except under `CI=true`, where a missing tool is a failure.
//! `ANNOTATE_SCREENSHOTS=DIR` keeps screenshots of the panel (desktop,
//! phone, dark) in DIR.

#[path = "support/server.rs"]
mod server;

use server::{Server, sandbox};
use std::fs;
use std::path::Path;
use std::process::Command;

fn missing_tools(dir: &Path) -> Vec<String> {
    let mut missing = Vec::new();
    if Command::new("node")
        .arg("--version")
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        missing.push("node".to_string());
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        missing.push(format!("{chromium} (apt-get install chromium)"));
    }
    for package in ["playwright-core", "axe-core"] {
        if !dir.join("node_modules").join(package).exists() {
            missing.push(format!(
                "tests/browser/node_modules/{package} (npm ci in tests/browser)"
            ));
        }
    }
    missing
}

#[test]
fn annotate_in_chromium() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let missing = missing_tools(&dir);
    if !missing.is_empty() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(
            !ci,
            "the annotation browser test needs: {}",
            missing.join(", ")
        );
        eprintln!(
            "SKIPPED annotation browser test (not under CI): missing {}",
            missing.join(", ")
        );
        return;
    }
    let (_tmp, root) = sandbox("good/basic");
    let dam = root.join("content/claims/dam.yaml");
    let dam_before = fs::read_to_string(&dam).unwrap();
    let server = Server::start(&root);
    let mut node = Command::new("node");
    node.arg(dir.join("annotate.mjs"))
        .arg(format!("http://{}/", server.host()));
    if let Some(shots) = std::env::var_os("ANNOTATE_SCREENSHOTS") {
        node.arg("--screenshots").arg(shots);
    }
    let run = node.output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "annotation checks failed:\n{stdout}\n{}\nserver log:\n{}",
        String::from_utf8_lossy(&run.stderr),
        server.log()
    );

    // The new claim, in the new default file.
    let inbox = fs::read_to_string(root.join("content/claims/inbox.yaml")).unwrap();
    assert_eq!(
        inbox,
        "- id: the-mayor-said-1-200-residents-would-leave-the-lower-valley\n  \
         statement: \"The mayor said 1,200 residents would leave the lower valley by Friday.\"\n  \
         topics: [evacuation]\n  origin: town-hall\n  date: 2030-04-12\n  credibility: 3\n  \
         figures:\n    - metric: evacuees\n      value: 1200\n      status: planned\n  \
         evidence:\n    - article: valley-times-dam\n      \
         quote: \"mayor said 1,200 residents would leave\"\n      prefix: \"The\"\n      \
         translation: \"Le maire a dit que 1 200 habitants partiraient\"\n"
    );
    // The evidence, after the claim's one entry; every other byte kept.
    let entry = "      quote: \"cubic metres of water on Monday and was lowered by two metres\"\n";
    let at = dam_before.find(entry).unwrap() + entry.len();
    assert_eq!(
        fs::read_to_string(&dam).unwrap(),
        format!(
            "{}    - article: valley-times-dam\n      quote: \"lowered by two metres overnight\"\n{}",
            &dam_before[..at],
            &dam_before[at..]
        )
    );
}
