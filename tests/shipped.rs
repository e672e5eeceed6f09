//! Issue 3: the shipped dossier keeps its size and its rigour. Fails if the
//! claim count drops below 45, a topic below 8 claims, an article is lost,
//! a topic's key judgments leave the 2–4 range, or `check --strict` finds
//! anything.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const TOPICS: [&str; 4] = ["labor-export", "demining", "sanctions", "casualties"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shipped_dossier_is_complete_and_strictly_clean() {
    let check = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--strict", "--root"])
        .arg(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert!(stderr.contains("no errors, 0 warnings"), "{stderr}");

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let build = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(root())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/claims.json")).unwrap()).unwrap();
    let claims = json["claims"].as_array().unwrap();
    assert!(
        claims.len() >= 45,
        "{} claims, want at least 45",
        claims.len()
    );
    let mut per_topic: BTreeMap<&str, usize> = BTreeMap::new();
    for c in claims {
        for t in c["topics"].as_array().unwrap() {
            *per_topic.entry(t.as_str().unwrap()).or_default() += 1;
        }
        assert!(
            !c["evidence"].as_array().unwrap().is_empty(),
            "{} has no evidence",
            c["id"]
        );
    }
    for t in TOPICS {
        let n = per_topic.get(t).copied().unwrap_or(0);
        assert!(n >= 8, "topic {t} has {n} claims, want at least 8");
        let page = std::fs::read_to_string(out.join(format!("topics/{t}.html"))).unwrap();
        let judgments = page.matches("<li class=\"judgment\">").count();
        assert!(
            (2..=4).contains(&judgments),
            "topic {t} has {judgments} key judgments, want 2 to 4"
        );
    }
    let articles = std::fs::read_dir(out.join("articles")).unwrap().count();
    assert_eq!(articles, 5, "the five seed articles");
    // Every figure-bearing metric has a value; the troop figures disagree.
    let csv = std::fs::read_to_string(out.join("data/claims.csv")).unwrap();
    assert!(csv.lines().count() > 12, "{csv}");
    assert!(
        claims.iter().any(|c| c["status"] == "contested"),
        "the dossier shows its contradictions"
    );
}
