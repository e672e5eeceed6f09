//! `dossier init`: the dossier it writes checks and builds; a folder that
//! is not empty is refused unless `--force`, which replaces only the files
//! init writes; the next steps it prints work from where the user stands.
//! Also `dossier --version`.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn dossier(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn version_prints_the_package_version() {
    let out = dossier(Path::new("."), &["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("dossier {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn the_new_dossier_checks_and_builds_and_pins_this_version() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(tmp.path(), &["init", "river"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("Created a dossier in river (20 files).\n"));
    let root = tmp.path().join("river");
    let check = dossier(&root, &["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = dossier(&root, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(root.join("public/index.html").is_file());

    let workflow = fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    assert_eq!(workflow, dossier::init::workflow());
    for line in [
        format!("DOSSIER_VERSION: \"{}\"", env!("CARGO_PKG_VERSION")),
        format!("DOSSIER_REPOSITORY: {}", env!("CARGO_PKG_REPOSITORY")),
    ] {
        assert!(workflow.contains(&line), "no `{line}` in the workflow");
    }
    for placeholder in ["@VERSION@", "@REPOSITORY@", "@PACKAGE@"] {
        assert!(!workflow.contains(placeholder), "{placeholder} left in");
    }
    assert!(
        !workflow.contains("cargo run"),
        "the workflow must not need this repository's sources"
    );
    assert!(
        fs::read_to_string(root.join(".gitignore"))
            .unwrap()
            .contains("public/")
    );
}

#[test]
fn a_folder_that_is_not_empty_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("notes");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("todo.txt"), "mine").unwrap();
    fs::write(dir.join("dossier.toml"), "title = \"mine\"\n").unwrap();
    let out = dossier(tmp.path(), &["init", "notes"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: notes is not empty (it holds dossier.toml, todo.txt); "),
        "{err}"
    );
    assert!(err.contains("pass --force"), "{err}");
    assert!(err.contains("it would replace dossier.toml,"), "{err}");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["dossier.toml", "todo.txt"]);
    assert_eq!(
        fs::read_to_string(dir.join("dossier.toml")).unwrap(),
        "title = \"mine\"\n"
    );
}

#[test]
fn force_replaces_the_files_init_writes_and_keeps_the_others() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("notes");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("todo.txt"), "mine").unwrap();
    fs::write(dir.join("dossier.toml"), "title = \"mine\"\n").unwrap();
    let out = dossier(tmp.path(), &["init", "notes", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Replaced 1 file that existed: dossier.toml.\n"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(dir.join("todo.txt")).unwrap(), "mine");
    assert!(
        fs::read_to_string(dir.join("dossier.toml"))
            .unwrap()
            .contains("River Lys")
    );
    assert!(dossier(&dir, &["check"]).status.success());
}

#[test]
fn a_file_is_not_a_folder_to_init() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("taken"), "").unwrap();
    for args in [&["init", "taken"][..], &["init", "taken", "--force"]] {
        let out = dossier(tmp.path(), args);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(stderr(&out), "error: taken exists and is not a folder\n");
    }
}

#[test]
fn next_steps_from_the_parent_folder_cd_into_it_and_start_a_repository() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(tmp.path(), &["init", "river watch"]);
    assert!(out.status.success());
    let err = stderr(&out);
    let steps = &err[err.find("Next steps:\n").expect("next steps")..];
    let commands: Vec<&str> = steps
        .lines()
        .filter_map(|l| l.strip_prefix("  "))
        .map(|l| l.split("  #").next().unwrap().trim_end())
        .collect();
    assert_eq!(
        commands,
        [
            "cd 'river watch'",
            "dossier build",
            "dossier serve",
            "git init -b main",
            "git add -A",
            "git commit -m \"A new dossier\"",
            "git remote add origin https://github.com/USER/REPO.git",
            "git push -u origin main",
            "then on GitHub, in the repository's Settings → Pages, set Source to \"GitHub Actions\".",
        ]
    );
}

#[test]
fn next_steps_inside_a_fresh_repository_skip_cd_and_git_init() {
    let tmp = tempfile::tempdir().unwrap();
    let git = Command::new("git")
        .args(["init", "-q", "-b", "trunk", "."])
        .current_dir(tmp.path())
        .status()
        .expect("git");
    assert!(git.success());
    let out = dossier(tmp.path(), &["init", "."]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("  cd "), "{err}");
    assert!(!err.contains("git init"), "{err}");
    assert!(err.contains("  git branch -m main"), "{err}");
    assert!(err.contains("  git remote add origin"), "{err}");
    assert!(err.contains("  dossier build"), "{err}");
}

#[test]
fn next_steps_inside_another_repository_say_where_workflows_run() {
    let tmp = tempfile::tempdir().unwrap();
    fs::create_dir(tmp.path().join(".git")).unwrap();
    let out = dossier(tmp.path(), &["init", "sub"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(err.contains("  cd sub\n"), "{err}");
    assert!(err.contains("inside the git repository"), "{err}");
    assert!(!err.contains("git push"), "{err}");
}

#[test]
fn language_fr_writes_a_french_dossier_that_checks_and_builds_in_french() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(tmp.path(), &["init", "lys", "--language", "fr"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let root = tmp.path().join("lys");
    let toml = fs::read_to_string(root.join("dossier.toml")).unwrap();
    assert!(toml.contains("language = \"fr\""), "{toml}");
    assert!(root.join("content/topics/faune.md").is_file());
    let check = dossier(&root, &["check", "--strict"]);
    assert!(check.status.success(), "{}", stderr(&check));
    let build = dossier(&root, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(stderr(&build).contains("0 warnings"), "{}", stderr(&build));
    let index = fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(index.contains("<html lang=\"fr\""));
    assert!(
        index.contains("3 affirmations · 2 articles sources"),
        "{index}"
    );
    assert!(index.contains("La mortalité des poissons dans la Lys"));
}

#[test]
fn another_language_gets_the_english_example_in_that_language() {
    let tmp = tempfile::tempdir().unwrap();
    let out = dossier(tmp.path(), &["init", "river", "--language", "de"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let root = tmp.path().join("river");
    let toml = fs::read_to_string(root.join("dossier.toml")).unwrap();
    assert!(toml.contains("language = \"de\""), "{toml}");
    assert!(root.join("content/topics/wildlife.md").is_file());
    // No German catalogue: English, with one warning saying so.
    let build = dossier(&root, &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("no message catalogue for language `de`"),
        "{}",
        stderr(&build)
    );
    // `check` warns of it as `build` does, and `--strict` fails on it.
    let check = dossier(&root, &["check"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("no message catalogue for language `de`"),
        "{}",
        stderr(&check)
    );
    let strict = dossier(&root, &["check", "--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    let bad = dossier(tmp.path(), &["init", "other", "--language", "fr fr"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("invalid language tag `fr fr`"));
    assert!(!tmp.path().join("other").exists());
}

/// `--force` never writes through a symbolic link in DIR: the file or
/// folder it points to, perhaps outside DIR, is left as it was, and
/// nothing is written.
#[cfg(unix)]
#[test]
fn force_refuses_to_write_through_a_link() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let victim = tmp.path().join("victim.txt");
    fs::write(&victim, "mine").unwrap();
    let victims = tmp.path().join("victims");
    fs::create_dir(&victims).unwrap();
    for (name, target) in [("dossier.toml", &victim), ("content", &victims)] {
        let dir = tmp.path().join(format!("d-{name}"));
        fs::create_dir(&dir).unwrap();
        symlink(target, dir.join(name)).unwrap();
        let out = dossier(&dir, &["init", ".", "--force"]);
        assert!(!out.status.success(), "{name}");
        assert!(
            stderr(&out).contains("refusing to write through the symbolic link"),
            "{}",
            stderr(&out)
        );
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "{name}: wrote something"
        );
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "mine");
    assert_eq!(fs::read_dir(&victims).unwrap().count(), 0);
}
