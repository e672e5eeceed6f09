//! The browser makes the same search terms of a query as the build makes
//! of the dossier: `search.js` (run in Node) and `render::search_index`
//! fold, drop stop words and (in French) stem every line of the shipped
//! articles, the fixtures and a list of hard cases to the same terms. Needs
//! `node`; without it the test is skipped with a message, except under
//! `CI=true`, where a missing tool is a failure.

use dossier::render::search_index::{Analyzer, STOP};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Lines of text to compare: every line of the Markdown and YAML of the
/// shipped dossier and the good fixtures, and hard cases.
fn lines() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [root.join("content"), root.join("tests/fixtures/good")] {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.unwrap();
            let ext = entry.path().extension().and_then(|e| e.to_str());
            if matches!(ext, Some("md" | "yaml")) {
                files.push(entry.into_path());
            }
        }
    }
    let mut lines: Vec<String> = files
        .iter()
        .flat_map(|f| {
            std::fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|l| !l.trim().is_empty())
        .collect();
    lines.extend(
        [
            "l'armée d’Ukraine, qu'il s'agisse d'armées ou j'ai n'est c'est m'a t'es",
            "Les démineurs nord-coréens, les travailleuses, les ouvrières et les chevaux",
            "jusqu'à lorsqu’il puisqu'elle aujourd'hui",
            "nationalisation, rationnellement, magnifiquement, vérificatrice, dixième",
            "Œuvre, Ærø, STRAẞE, İstanbul, ﬁn, ① ² 10 000 1 000",
            "folle molle nouvelle personnelle constitutionnellement",
            "e\u{301}te\u{301} cafe\u{327}\u{301} Ǆ ǅ ΣΊΣΥΦΟΣ 한국어 조선 Сеул",
            "x xx xxx xxxx xxxxx xxxxxx chevaux travaux genoux",
            "ロシア政府は17日、北朝鮮が1000人の工兵をクルスク州に派遣すると発表した。",
            "金正恩 DPRK朝鮮 l'armée朝鮮 ガス ｶﾞｽ か\u{3099} 𠀋𡈽 中华人民共和国 조선말",
            "ＪＲ九州の３万人、人々と佐々木、二〇三一年 １，２００ Ｅｔｅ〆切 ａｂｃ－ｄ",
        ]
        .map(str::to_string),
    );
    lines
}

#[test]
fn browser_and_build_make_the_same_terms() {
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(!ci, "search_terms test needs node");
        eprintln!("SKIPPED search_terms test (not under CI): node is missing");
        return;
    }
    let lines = lines();
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets/search.js");
    // search.js stops at once without a search page, after exposing its
    // term functions; each input line gives one output line of terms.
    let driver = r#"
const vm = require("node:vm");
const fs = require("node:fs");
const window = {};
const document = { getElementById: () => null, documentElement: { getAttribute: () => "" } };
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), { window, document });
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const set = (words) => Object.fromEntries(words.map((w) => [w, true]));
const plain = set(input.plain), french = set(input.french);
const out = input.lines.map((l) => ({
  plain: window.DOSSIER_TERMS.terms(l, plain),
  french: window.DOSSIER_TERMS.terms(l, french, "fr"),
}));
process.stdout.write(JSON.stringify(out));
"#;
    let mut child = Command::new("node")
        .args(["-e", driver])
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = serde_json::json!({
        "lines": lines,
        "plain": STOP,
        "french": dossier::render::french::STOP,
    });
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.to_string().as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(browser.len(), lines.len());
    let mut differ = Vec::new();
    let mut stemmed = 0;
    for (line, js) in lines.iter().zip(&browser) {
        for (name, analyzer) in [("plain", Analyzer::Plain), ("french", Analyzer::French)] {
            let rust = analyzer.terms(line);
            let js: Vec<String> = serde_json::from_value(js[name].clone()).unwrap();
            if rust != js {
                differ.push(format!("{name}: {line:?}\n  rust {rust:?}\n  js   {js:?}"));
            }
            if name == "french" {
                stemmed += rust.len();
            }
        }
    }
    assert!(
        stemmed > 1000,
        "the word list is too short: {stemmed} terms"
    );
    assert!(
        differ.is_empty(),
        "{} lines differ:\n{}",
        differ.len(),
        differ[..differ.len().min(10)].join("\n")
    );
    // The cases the search page is known by.
    let fr = |s: &str| Analyzer::French.terms(s);
    assert_eq!(fr("démineurs"), fr("demineurs"));
    assert_eq!(fr("l’armée"), fr("armee"));
    assert_eq!(fr("l'armée"), fr("armées"));
    assert_eq!(fr("qu'il"), Vec::<String>::new());
}
