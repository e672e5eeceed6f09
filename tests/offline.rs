//! Reading offline, as a reader would: the service worker under a project
//! path (`tests/browser/offline.mjs worker`), the archive (byte for byte
//! the same across builds, cold or reusing the previous one, and working
//! once unzipped: `sitecheck.py` and `tests/browser/check.mjs` on it), and
//! the single file (`offline.mjs single`). The browser checks need `node`,
//! `/usr/bin/chromium`, `java` and `npm ci` in tests/browser; without them
//! a test says what is missing and passes, except under `CI=true`, where
//! it fails. The unzipped copy also gets the link check
//! `../shared/tools/sitecheck.py` (with `python3`) where that file is, as
//! `.ci/run` does: it lives beside the repository, not in it, so a clone
//! has none, and the test says so.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; only the sandbox is used here"
)]
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use support::Sandbox;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn sitecheck() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/sitecheck.py")
}

/// Whether `tool` runs.
fn runs(tool: &str, arg: &str) -> bool {
    Command::new(tool)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// What is missing to run the browser checks.
fn missing_tools() -> Vec<String> {
    let mut missing = Vec::new();
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        if !runs(tool, arg) {
            missing.push(tool.to_string());
        }
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        missing.push(format!("{chromium} (apt-get install chromium)"));
    }
    if !browser_dir().join("node_modules/playwright-core").exists() {
        missing.push("tests/browser/node_modules (npm ci in tests/browser)".into());
    }
    missing
}

/// Whether the tools are there; if not, fails under CI, else says so.
fn tools_ready() -> bool {
    let missing = missing_tools();
    if missing.is_empty() {
        return true;
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!ci, "offline test needs: {}", missing.join(", "));
    eprintln!(
        "SKIPPED offline browser checks (not under CI): missing {}",
        missing.join(", ")
    );
    false
}

fn dossier(args: &[&std::ffi::OsStr]) {
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "dossier {args:?}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

fn build(root: &Path, out: &Path) {
    dossier(&[
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ]);
}

fn node(args: &[&std::ffi::OsStr]) {
    let run = Command::new("node").args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    println!("{stdout}");
    assert!(
        run.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The one `.zip` at the top of a built site.
fn archive_of(out: &Path) -> PathBuf {
    let zips: Vec<PathBuf> = fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    assert_eq!(zips.len(), 1, "{zips:?}");
    zips[0].clone()
}

#[test]
fn the_worker_keeps_the_site_readable_offline_and_follows_rebuilds() {
    if !tools_ready() {
        return;
    }
    let sandbox = Sandbox::new("good/reading");
    let out = sandbox.dir.path().join("public");
    build(&sandbox.root, &out);
    let script = browser_dir().join("offline.mjs");
    node(&[
        script.as_os_str(),
        "worker".as_ref(),
        out.as_os_str(),
        "--dossier".as_ref(),
        env!("CARGO_BIN_EXE_dossier").as_ref(),
        "--root".as_ref(),
        sandbox.root.as_os_str(),
    ]);
}

#[test]
fn the_archive_is_the_same_every_build_and_works_unzipped() {
    let sandbox = Sandbox::new("good/reading");
    let (a, b) = (sandbox.dir.path().join("a"), sandbox.dir.path().join("b"));
    build(&sandbox.root, &a);
    build(&sandbox.root, &b);
    let zip_a = fs::read(archive_of(&a)).unwrap();
    assert_eq!(
        archive_of(&a).file_name().unwrap(),
        "pipeline-leaks-2031.zip"
    );
    assert_eq!(
        zip_a,
        fs::read(archive_of(&b)).unwrap(),
        "two cold builds differ"
    );
    // Rebuilds reuse the previous archive's entries: still the same bytes.
    build(&sandbox.root, &a);
    build(&sandbox.root, &a);
    assert_eq!(
        zip_a,
        fs::read(archive_of(&a)).unwrap(),
        "a rebuild differs"
    );
    // A change, then a rebuild reusing the rest: as a cold build of it.
    let claims = sandbox.root.join("content/claims/leaks.yaml");
    let text = fs::read_to_string(&claims).unwrap();
    fs::write(
        &claims,
        text.replace(
            "statement: \"The directorate found 12 leaks",
            "statement: \"The directorate found twelve leaks",
        ),
    )
    .unwrap();
    let c = sandbox.dir.path().join("c");
    build(&sandbox.root, &a);
    build(&sandbox.root, &c);
    let zip_c = fs::read(archive_of(&c)).unwrap();
    assert_ne!(zip_a, zip_c);
    assert_eq!(
        zip_c,
        fs::read(archive_of(&a)).unwrap(),
        "a partial rebuild differs"
    );

    // Its entries: the site's files under one folder, sorted, dated
    // 1980-01-01, without itself, the footer link gone.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&zip_c)).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let mut files: Vec<String> = walkdir::WalkDir::new(&c)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(&c)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| !p.ends_with(".zip"))
        .map(|p| format!("pipeline-leaks-2031/{p}"))
        .collect();
    files.sort();
    let mut in_order = names.clone();
    in_order.sort();
    assert_eq!(names, in_order, "entries not sorted");
    assert_eq!(in_order, files);
    let unzipped = sandbox.dir.path().join("unzipped");
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        assert_eq!(entry.last_modified().map(|t| t.year()), Some(1980));
        // The one extra field: the same date as a UTC timestamp
        // ("UT", 5 bytes: modification time present, 315532800).
        assert_eq!(
            entry.extra_data().unwrap_or_default(),
            b"UT\x05\x00\x01\x00\xa6\xce\x12",
            "{:?}",
            entry.name()
        );
        let path = unzipped.join(entry.enclosed_name().unwrap());
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        fs::write(&path, &bytes).unwrap();
    }
    let site = unzipped.join("pipeline-leaks-2031");
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(
        !index.contains("offline reading"),
        "the copy links to a zip it lacks"
    );
    assert!(
        fs::read_to_string(c.join("index.html"))
            .unwrap()
            .contains("href=\"pipeline-leaks-2031.zip\" download>Download for offline reading</a>")
    );

    if !tools_ready() {
        return;
    }
    if sitecheck().exists() && runs("python3", "--version") {
        let check = Command::new("python3")
            .arg(sitecheck())
            .arg(&site)
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "sitecheck.py on the unzipped copy:\n{}",
            String::from_utf8_lossy(&check.stdout)
        );
    } else {
        eprintln!(
            "no link check of the unzipped copy: {} (with python3) is not there",
            sitecheck().display()
        );
    }
    node(&[
        browser_dir().join("check.mjs").as_os_str(),
        site.as_os_str(),
    ]);
}

#[test]
fn the_single_file_holds_the_whole_dossier_and_asks_for_nothing() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sandbox = Sandbox::new("good/reading");
    let french = Sandbox::new("good/french");
    for (root, name) in [
        (shipped, "shipped"),
        (sandbox.root.as_path(), "reading"),
        (french.root.as_path(), "french"),
    ] {
        let out = sandbox.dir.path().join(format!("{name}-public"));
        let file = sandbox.dir.path().join(format!("{name}.html"));
        build(root, &out);
        dossier(&[
            "export".as_ref(),
            "--single-file".as_ref(),
            file.as_os_str(),
            "--root".as_ref(),
            root.as_os_str(),
        ]);
        let html = fs::read_to_string(&file).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<link rel=\"stylesheet\"") && !html.contains("<script src"));
        // The same dossier, the same file.
        let again = sandbox.dir.path().join(format!("{name}-again.html"));
        dossier(&[
            "export".as_ref(),
            "--single-file".as_ref(),
            again.as_os_str(),
            "--root".as_ref(),
            root.as_os_str(),
        ]);
        assert_eq!(html, fs::read_to_string(&again).unwrap());
        // The file's own words are in the dossier's language, as its pages.
        let (contents, download) = if name == "french" {
            ("Sommaire", "Télécharger pour lire hors ligne")
        } else {
            ("Contents", "Download for offline reading")
        };
        assert!(
            html.contains(&format!(
                "<h1 id=\"contents.h\" class=\"page-title\">{contents}</h1>"
            )) && html.contains(&format!("<a href=\"#contents\">{contents}</a>")),
            "{name}: contents not in its language"
        );
        assert!(
            fs::read_to_string(out.join("index.html"))
                .unwrap()
                .contains(&format!(" download>{download}</a>")),
            "{name}: the footer's link not in its language"
        );
        if name == "french" {
            // Its entities have their part of the contents, and its
            // editions the "What changed" page's styles.
            assert!(html.contains("<h2>Personnes, organisations et lieux</h2>"));
            assert!(html.contains(".tag--new, .tag--added {"));
        }
        if !tools_ready() {
            continue;
        }
        node(&[
            browser_dir().join("offline.mjs").as_os_str(),
            "single".as_ref(),
            file.as_os_str(),
            out.as_os_str(),
        ]);
    }
}

#[test]
fn a_dossier_with_errors_exports_nothing() {
    let sandbox = Sandbox::new("bad/quote-not-found");
    let file = sandbox.dir.path().join("single.html");
    fs::write(&file, "before").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["export", "--single-file"])
        .arg(&file)
        .arg("--root")
        .arg(&sandbox.root)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("error: could not export"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "before");
}

/// The export never replaces one of the dossier's own files: an article
/// given as the file to write is left as it was.
#[test]
fn an_export_over_an_article_is_refused() {
    let sandbox = Sandbox::new("good/basic");
    let article = fs::read_dir(sandbox.root.join("content/articles"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let before = fs::read(&article).unwrap();
    for target in [article.clone(), article.with_extension("html")] {
        let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["export", "--single-file"])
            .arg(&target)
            .arg("--root")
            .arg(&sandbox.root)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_ne!(run.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("refusing to write the export"), "{stderr}");
    }
    assert_eq!(fs::read(&article).unwrap(), before);
    assert!(!article.with_extension("html").exists());
}

#[test]
fn offline_settings_are_checked_and_the_archive_can_be_left_out() {
    let sandbox = Sandbox::new("good/reading");
    let toml = sandbox.root.join("dossier.toml");
    let text = fs::read_to_string(&toml).unwrap();
    let out = sandbox.dir.path().join("public");
    let run = |extra: &str| {
        fs::write(&toml, text.replace("precache_budget = \"1 MB\"", extra)).unwrap();
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--root"])
            .arg(&sandbox.root)
            .arg("--output")
            .arg(&out)
            .output()
            .unwrap()
    };
    for (setting, says) in [
        (
            "precache_budgett = \"1 MB\"",
            "did you mean `precache_budget`?",
        ),
        (
            "budget = 3",
            "known settings of [offline]: precache_budget, archive",
        ),
        (
            "precache_budget = \"lots\"",
            "`precache_budget` must be a size, not `lots`",
        ),
    ] {
        let built = run(setting);
        let stderr = String::from_utf8_lossy(&built.stderr);
        assert_eq!(built.status.code(), Some(1), "{setting}: {stderr}");
        assert!(stderr.contains(says), "{setting}: {stderr}");
        assert!(
            stderr.contains("dossier.toml:"),
            "{setting}: not located: {stderr}"
        );
        assert!(!out.exists());
    }
    let built = run("archive = false\nprecache_budget = \"0 B\"");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        fs::read_dir(&out).unwrap().all(|e| e
            .unwrap()
            .path()
            .extension()
            .is_none_or(|x| x != "zip"))
    );
    assert!(
        !fs::read_to_string(out.join("index.html"))
            .unwrap()
            .contains("offline reading")
    );
    // The shell alone is precached.
    let sw = fs::read_to_string(out.join("sw.js")).unwrap();
    assert!(
        sw.contains("\"topics/leaks.html\"") && !sw.contains("\"claims/"),
        "{sw}"
    );
}

/// Every file under `out`, by its path from there.
fn files_of(out: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// `archive = "browser"` (what `auto` picks for a large dossier): the
/// build writes no zip but the list of every file; pages offer a button
/// (hidden until `offline.js` shows it) and may fetch from their own site
/// alone. In Chromium, the zip a click makes holds every file of the site
/// under one folder, byte for byte, read back by the `zip` crate.
#[test]
fn a_zip_made_by_the_browser_holds_the_site_as_served() {
    let sandbox = Sandbox::new("good/reading");
    let toml = sandbox.root.join("dossier.toml");
    let text = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{text}archive = \"browser\"\n")).unwrap();
    let out = sandbox.dir.path().join("public");
    build(&sandbox.root, &out);
    let files = files_of(&out);
    assert!(files.iter().all(|f| !f.ends_with(".zip")), "{files:?}");
    let listed: Vec<String> =
        serde_json::from_slice(&fs::read(out.join("assets/files.json")).unwrap()).unwrap();
    assert_eq!(listed, files, "the list is every file of the site");
    let sw = fs::read_to_string(out.join("sw.js")).unwrap();
    assert!(!sw.contains("\"assets/files.json\""), "not precached");
    for page in ["index.html", "claims/gazette-leaks.html", "404.html"] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(
            html.contains("<p class=\"site-footer__offline\" hidden><button type=\"button\" data-zip=\"pipeline-leaks-2031.zip\" data-failed=\"")
                && html.contains("form-action 'self'; connect-src 'self'\">")
                && !html.contains(".zip\" download>"),
            "{page}"
        );
    }
    // Written by the build (`true`): no button, no fetching.
    fs::write(&toml, format!("{text}archive = true\n")).unwrap();
    let built = sandbox.dir.path().join("built");
    build(&sandbox.root, &built);
    let index = fs::read_to_string(built.join("index.html")).unwrap();
    assert!(
        index.contains("href=\"pipeline-leaks-2031.zip\" download>")
            && !index.contains("connect-src")
            && !built.join("assets/files.json").exists()
    );

    if !tools_ready() {
        return;
    }
    let zipped = sandbox.dir.path().join("made.zip");
    node(&[
        browser_dir().join("offline.mjs").as_os_str(),
        "zip".as_ref(),
        out.as_os_str(),
        zipped.as_os_str(),
    ]);
    let mut zip = zip::ZipArchive::new(fs::File::open(&zipped).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    let expected: Vec<String> = files
        .iter()
        .map(|f| format!("pipeline-leaks-2031/{f}"))
        .collect();
    assert_eq!(names, expected);
    for (i, file) in files.iter().enumerate() {
        let mut entry = zip.by_index(i).unwrap();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
        assert_eq!(bytes, fs::read(out.join(file)).unwrap(), "{file}");
        if file.ends_with(".html") {
            assert_eq!(
                entry.compression(),
                zip::CompressionMethod::Deflated,
                "{file}"
            );
        }
    }
}
