//! Issue 4: the derived analysis on a fixture dossier, checked through the
//! built output (claims.json against its shipped schema, the CSV, pages).

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/analysis")
}

fn build() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(fixture())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    (dir, out)
}

fn claims(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(out.join("data/claims.json")).unwrap()).unwrap()
}

fn claim<'a>(json: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == id)
        .unwrap()
}

#[test]
fn claims_json_validates_against_the_shipped_schema() {
    let (_dir, out) = build();
    let schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/claims.schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let json = claims(&out);
    let errors: Vec<String> = validator
        .iter_errors(&json)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(json["claims"].as_array().unwrap().len(), 5);
}

#[test]
fn status_follows_origins_not_articles() {
    let (_dir, out) = build();
    let json = claims(&out);
    // Contradicted, and 18,000 vs 10,000 from another origin.
    let union = claim(&json, "union-strikers");
    assert_eq!(union["status"], "contested");
    // The conflict names both figures; they are 18,000 and 10,000.
    let figure = union["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "figure")
        .expect("a figure conflict");
    let other = claim(&json, figure["claim"].as_str().unwrap());
    let f = figure["figure"].as_u64().unwrap() as usize;
    let g = figure["other_figure"].as_u64().unwrap() as usize;
    assert_eq!(union["figures"][f]["best"], 18000.0);
    assert_eq!(other["figures"][g]["best"], 10000.0);
    assert_eq!(union["figures"][f]["metric"], other["figures"][g]["metric"]);
    // Supported only by a claim of the same origin: circular reporting counts once.
    assert_eq!(union["independent_origins"], serde_json::json!(["union"]));
    assert_eq!(union["articles"].as_array().unwrap().len(), 2);
    // The range 10,000–12,000 agrees with 10,000 and is corroborated by it.
    let port = claim(&json, "port-strikers");
    assert_eq!(
        port["independent_origins"],
        serde_json::json!(["ministry", "port-authority"])
    );
    assert_eq!(
        port["status"], "contested",
        "the range still disagrees with the union's 18,000"
    );
    assert_eq!(claim(&json, "ships")["status"], "single-source");
    assert_eq!(claim(&json, "ships")["figures"][0]["text"], "about 600");
}

#[test]
fn csv_has_one_row_per_figure() {
    let (_dir, out) = build();
    let csv = std::fs::read_to_string(out.join("data/claims.csv")).unwrap();
    let expected =
        "claim_id,metric,low,best,high,precision,status,as_of,origin,reliability,credibility
ministry-strikers,strikers,10000,10000,10000,exact,reported,2031-03,ministry,B,3
port-strikers,strikers,10000,11000,12000,range,reported,2031-03,port-authority,B,6
ships,ships-waiting,540,600,660,approx,reported,,port-authority,B,6
union-strikers,strikers,18000,18000,18000,exact,reported,2031-03,union,C,1
";
    assert_eq!(csv, expected);
}

#[test]
fn figures_page_flags_the_contested_metric_and_draws_charts() {
    let (_dir, out) = build();
    let html = std::fs::read_to_string(out.join("figures.html")).unwrap();
    let strikers = &html[html.find("id=\"metric-strikers\"").unwrap()
        ..html.find("id=\"metric-ships-waiting\"").unwrap()];
    assert!(
        strikers.contains("tag--contested"),
        "strikers metric is contested"
    );
    assert!(strikers.contains("Spread <strong>10,000–18,000</strong>"));
    assert!(strikers.contains("<svg class=\"chart\""));
    let ships = &html[html.find("id=\"metric-ships-waiting\"").unwrap()..];
    let ships = &ships[..ships.find("</section>").unwrap()];
    assert!(!ships.contains("tag--contested"));
    // The claim page gives the reason and the relay chain.
    // Its claims page: the page of the article it is drawn from first.
    let page = std::fs::read_to_string(out.join("claims/daily-one.html")).unwrap();
    assert!(page.contains("Workers on strike: 18,000 here vs 10,000 from Ministry of Transport"));
    assert!(page.contains("<ol class=\"relay\"><li><b>Origin</b>"));
    assert!(page.contains("\"@type\":\"Claim\""));
    // Judgments show the independent origins behind them.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(
        index.contains("3 independent origins · 2 articles"),
        "{}",
        &index[index.find("judgment__meta").unwrap()..][..300]
    );
}

#[test]
fn timeline_orders_partial_dates_and_keeps_precision() {
    let (_dir, out) = build();
    let html = std::fs::read_to_string(out.join("timeline.html")).unwrap();
    // Under the month's heading, the claim dated March 2031 (its row
    // gives no date: the heading does) sorts before the one dated 1 March
    // 2031, which gives its day.
    let month = html
        .find("<h3 id=\"month-2031-03\">March 2031</h3>\n<ol class=\"timeline\">\n<li><a href=")
        .unwrap_or_else(|| panic!("no heading for March 2031 over an undated row: {html}"));
    let day = html
        .find("<time datetime=\"2031-03-01\">1 March 2031</time>")
        .unwrap();
    assert!(month < day, "March 2031 sorts before 1 March 2031");
    assert!(
        !html.contains("<time datetime=\"2031-03\">"),
        "a row repeats its month"
    );
}

#[test]
fn credibility_one_with_one_origin_is_a_warning() {
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--root"])
        .arg(fixture())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "warning: claim `union-strikers` is graded credibility 1 with a single origin"
        ),
        "{stderr}"
    );
    let strict = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", "--strict", "--root"])
        .arg(fixture())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn strict_check_flags_unquoted_articles_and_numbers_without_figures() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), dir.path());
    let content = dir.path().join("content");
    std::fs::write(
        content.join("articles/unquoted.md"),
        "---\ntitle: \"Nobody quotes me\"\npublished: 2031-03\nlanguage: en\n---\nText.\n",
    )
    .unwrap();
    std::fs::write(
        content.join("claims/extra.yaml"),
        "- id: cranes-idle\n  statement: \"40 cranes stand idle since 2 March 2031.\"\n  topics: [strike]\n  origin: union\n  evidence:\n    - article: daily-one\n      quote: \"18 000 dockers sont en grève\"\n- id: port-quiet\n  statement: \"The port was quiet on 2 March 2031.\"\n  topics: [strike]\n  origin: union\n  evidence:\n    - article: daily-one\n      quote: \"18 000 dockers sont en grève\"\n",
    )
    .unwrap();
    let check = |strict: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.arg("check");
        if strict {
            cmd.arg("--strict");
        }
        let run = cmd.arg("--root").arg(dir.path()).output().unwrap();
        (
            run.status.code(),
            String::from_utf8_lossy(&run.stderr).into_owned(),
        )
    };
    let (code, stderr) = check(false);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: claim `cranes-idle` states a number but records no figure"),
        "{stderr}"
    );
    assert!(stderr.contains("content/claims/extra.yaml:1:3"), "{stderr}");
    // A date is not a quantity.
    assert!(!stderr.contains("`port-quiet`"), "{stderr}");
    assert!(
        stderr.contains("warning: no claim quotes article `unquoted`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/articles/unquoted.md:1:1"),
        "{stderr}"
    );
    let (code, stderr) = check(true);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("error: claim `cranes-idle` states a number but records no figure"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: no claim quotes article `unquoted`"),
        "{stderr}"
    );
}
