//! Issue 6, part 4: a build killed at any moment leaves either the old or
//! the new output, never a mix and never none; the next build removes what
//! a killed one left beside the output.
//!
//! The old site is `tests/fixtures/good/basic`; the new one a bigger
//! dossier written by `gen-corpus`, so that its build takes long enough to
//! be killed while it loads, while it renders, and while it writes its
//! working tree (`.public.tmp-<pid>`, watched for by the test).

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};
use support::Sandbox;

type Tree = BTreeMap<String, Option<Vec<u8>>>;

struct Setup {
    sandbox: Sandbox,
    /// The output every build writes to.
    out: PathBuf,
    /// The big dossier.
    big: PathBuf,
    /// The output of the good fixture.
    old: Tree,
    /// The output of the big dossier.
    new: Tree,
}

fn setup() -> Setup {
    let sandbox = Sandbox::new("good/basic");
    let big = sandbox.outside("big");
    // About two files per article (its page and its claims page).
    support::gen_corpus(200, 400, 7, &big);
    let reference = sandbox.outside("reference");
    support::build(&big, &reference)
        .assert_code(0)
        .assert_no_panic();
    let new = support::snapshot(&reference);
    let out = sandbox.outside("public");
    support::build(&sandbox.root, &out)
        .assert_code(0)
        .assert_no_panic();
    let old = support::snapshot(&out);
    assert!(
        new.len() > 300,
        "the big site is small: {} files",
        new.len()
    );
    assert_ne!(old, new);
    Setup {
        sandbox,
        out,
        big,
        old,
        new,
    }
}

/// Folders beside the output left by a killed build (`.public.tmp-*`,
/// `.public.old-*`); not `.public.prev`, the previous output every build
/// keeps for the next one to reuse, the manifests of the two trees, nor
/// `.public.lock`, which builds of the output take turns holding.
fn strays(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<String> = fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| {
            f.starts_with(&format!(".{name}."))
                && *f != format!(".{name}.prev")
                && *f != format!(".{name}.lock")
                && !f.starts_with(&format!(".{name}.manifest-"))
        })
        .collect();
    found.sort();
    found
}

#[derive(Debug, PartialEq, Eq)]
enum State {
    Old,
    New,
}

/// Which site `out` holds; panics on anything else.
fn state(s: &Setup, what: &str) -> State {
    assert!(
        s.out.is_dir(),
        "{what}: no output folder at all (strays: {:?})",
        strays(&s.out)
    );
    let now = support::snapshot(&s.out);
    if now == s.old {
        return State::Old;
    }
    if now == s.new {
        return State::New;
    }
    let (mut from_old, mut from_new, mut other) = (0, 0, 0);
    for (path, bytes) in &now {
        if s.old.get(path) == Some(bytes) {
            from_old += 1;
        } else if s.new.get(path) == Some(bytes) {
            from_new += 1;
        } else {
            other += 1;
        }
    }
    panic!(
        "{what}: the output is a mix: {} entries, {from_old} from the old site, {from_new} from the new, {other} neither",
        now.len()
    );
}

/// Puts the old site back in place (a normal build of the good fixture).
fn reset(s: &Setup) {
    support::build(&s.sandbox.root, &s.out)
        .assert_code(0)
        .assert_no_panic();
    assert_eq!(state(s, "reset"), State::Old);
}

/// Starts `dossier build` of the big dossier into the output.
fn spawn_big(s: &Setup) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("build")
        .arg("--root")
        .arg(&s.big)
        .arg("--output")
        .arg(&s.out)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start dossier")
}

/// SIGKILLs the child and reaps it.
fn kill(child: &mut std::process::Child) {
    let _ = child.kill();
    child.wait().expect("reap the killed build");
}

#[test]
fn a_killed_build_leaves_the_old_or_the_new_site_and_the_next_build_cleans_up() {
    let s = setup();

    // Killed soon after it starts: loading, quoting, rendering.
    // (`state` panics on a mix; how far a build gets in a given time
    // depends on the machine and the profile, so past the first few
    // milliseconds either site is right.)
    for ms in [5, 20, 60, 150, 600] {
        let mut child = spawn_big(&s);
        sleep(Duration::from_millis(ms));
        kill(&mut child);
        let now = state(&s, &format!("killed after {ms} ms"));
        if ms == 5 {
            assert_eq!(
                now,
                State::Old,
                "nothing may change before the pages are written"
            );
        }
        if now == State::New {
            reset(&s);
        }
    }

    // Killed while it writes, and around the swap: wait for its staging
    // folder, then kill after a growing delay, until a kill comes too late.
    let mut outcomes = Vec::new();
    let mut left_staging = false;
    for ms in [0, 3, 10, 30, 80, 200, 500, 3000] {
        reset(&s);
        let mut child = spawn_big(&s);
        let staging = s.out.with_file_name(format!(".public.tmp-{}", child.id()));
        let started = Instant::now();
        while !staging.exists() {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(300),
                "the build never started writing"
            );
            sleep(Duration::from_micros(500));
        }
        sleep(Duration::from_millis(ms));
        kill(&mut child);
        let got = state(&s, &format!("killed {ms} ms into writing"));
        left_staging |= !strays(&s.out).is_empty();
        outcomes.push((ms, got));
    }
    eprintln!("outcomes: {outcomes:?}; a kill left a staging folder: {left_staging}");
    assert_eq!(
        outcomes.last().map(|(_, st)| st),
        Some(&State::New),
        "a build given three seconds to write should have finished"
    );

    // A kill while writing leaves a staging folder; the next build removes
    // it and writes the right site.
    reset(&s);
    let mut child = spawn_big(&s);
    let staging = s.out.with_file_name(format!(".public.tmp-{}", child.id()));
    let started = Instant::now();
    while !staging.exists() && started.elapsed() < Duration::from_secs(300) {
        sleep(Duration::from_micros(200));
    }
    kill(&mut child);
    assert_eq!(state(&s, "killed at the start of writing"), State::Old);
    let staging_name = staging.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        strays(&s.out).iter().all(|f| *f == staging_name),
        "strays other than the staging folder: {:?}",
        strays(&s.out)
    );
    // A folder that a build killed between its two renames would leave on
    // a system without an atomic exchange.
    let old_copy = s.out.with_file_name(".public.old-999999");
    fs::create_dir_all(old_copy.join("claims")).unwrap();
    fs::write(old_copy.join("claims/x.html"), "half-deleted").unwrap();

    support::build(&s.big, &s.out)
        .assert_code(0)
        .assert_no_panic();
    assert_eq!(state(&s, "the build after the kills"), State::New);
    assert_eq!(
        strays(&s.out),
        Vec::<String>::new(),
        "the next build should remove what killed builds left"
    );
}

#[test]
fn an_output_left_aside_by_a_killed_swap_is_put_back_first() {
    // Without an atomic exchange, a build killed between renaming the old
    // output aside and renaming the new one in leaves no output and a
    // `.public.old-<pid>`; the next build puts it back before it swaps.
    let sandbox = Sandbox::new("good/basic");
    let out = sandbox.outside("public");
    support::build(&sandbox.root, &out)
        .assert_code(0)
        .assert_no_panic();
    let built = support::snapshot(&out);
    let aside = sandbox.outside(".public.old-424242");
    fs::rename(&out, &aside).unwrap();
    fs::create_dir_all(sandbox.outside(".public.tmp-424242/claims")).unwrap();

    support::build(&sandbox.root, &out)
        .assert_code(0)
        .assert_no_panic();
    support::assert_same_tree(&built, &support::snapshot(&out), "rebuilt site");
    assert_eq!(strays(&out), Vec::<String>::new());
}

#[test]
fn builds_of_one_output_take_turns() {
    let sandbox = Sandbox::new("good/basic");
    let out = sandbox.outside("public");
    support::build(&sandbox.root, &out).assert_code(0);
    let built = support::snapshot(&out);

    // While something holds the lock, a build says it waits, and waits.
    let lock = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(sandbox.outside(".public.lock"))
        .unwrap();
    lock.lock().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--root"])
        .arg(&sandbox.root)
        .arg("--output")
        .arg(&out)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (said, heard) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines() {
            let _ = said.send(line.unwrap());
        }
    });
    let first = heard.recv_timeout(Duration::from_secs(60)).unwrap();
    assert!(first.starts_with("Waiting for another build of"), "{first}");
    assert_eq!(child.try_wait().unwrap(), None, "the build waits");
    assert_eq!(strays(&out), Vec::<String>::new(), "and writes nothing");
    drop(lock);
    assert!(child.wait().unwrap().success());
    support::assert_same_tree(&built, &support::snapshot(&out), "after waiting");

    // Two builds started together both finish, one after the other.
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--root"])
            .arg(&sandbox.root)
            .arg("--output")
            .arg(&out)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(), spawn());
    assert!(a.wait().unwrap().success());
    assert!(b.wait().unwrap().success());
    support::assert_same_tree(&built, &support::snapshot(&out), "after both");
    assert_eq!(strays(&out), Vec::<String>::new());
}
