//! A new dossier publishes: `dossier init` into a folder of its own (no
//! `Cargo.toml`, nothing of this repository), then the build job of the
//! workflow it wrote runs step by step on the simulated runner of
//! `tests/workflow/`, with the download pointed (by `DOSSIER_DOWNLOAD`) at
//! a local copy of a release: the binary just built, packaged by the
//! release's own `.github/scripts/package.sh` and listed in a `SHA256SUMS`
//! by `checksums.sh`, served over HTTP on 127.0.0.1. The README's install
//! commands run against the same copy.

mod workflow;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use workflow::Runner;
use workflow::http::{Server, serve_folder};

const VERSION: &str = env!("CARGO_PKG_VERSION");
const BASE_URL: &str = "https://example.github.io/river";

/// The runner's OS and architecture as GitHub names them, and the release
/// target the workflow downloads for them.
fn host() -> (&'static str, &'static str, &'static str) {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => ("Linux", "X64", "x86_64-unknown-linux-musl"),
        ("linux", "aarch64") => ("Linux", "ARM64", "aarch64-unknown-linux-musl"),
        ("macos", "x86_64") => ("macOS", "X64", "x86_64-apple-darwin"),
        ("macos", "aarch64") => ("macOS", "ARM64", "aarch64-apple-darwin"),
        other => panic!("no release target for a test host {other:?}"),
    }
}

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// The binary just built, packaged and listed in `SHA256SUMS` by the
/// release's scripts, once per test run (under the target folder).
fn packaged_release() -> &'static Path {
    static RELEASE: OnceLock<PathBuf> = OnceLock::new();
    RELEASE.get_or_init(|| {
        let release = Path::new(env!("CARGO_TARGET_TMPDIR")).join("publish-release");
        let _ = fs::remove_dir_all(&release);
        let package = Command::new(repo_file(".github/scripts/package.sh"))
            .args([host().2, env!("CARGO_BIN_EXE_dossier")])
            .arg(&release)
            .output()
            .unwrap();
        assert!(package.status.success(), "{package:?}");
        let sums = Command::new(repo_file(".github/scripts/checksums.sh"))
            .arg(&release)
            .output()
            .unwrap();
        assert!(sums.status.success(), "{sums:?}");
        release
    })
}

/// A new dossier, a release of the binary just built, and a runner.
struct Setup {
    _tmp: tempfile::TempDir,
    site: PathBuf,
    release: PathBuf,
    server: Server,
    runner: Runner,
    cargo_log: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().to_path_buf();
        let init = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["init", "site"])
            .current_dir(&root)
            .output()
            .unwrap();
        assert!(init.status.success(), "{init:?}");
        let site = root.join("site");
        assert!(!site.join("Cargo.toml").exists());

        let release = root.join("releases/download").join(format!("v{VERSION}"));
        workflow::copy_tree(packaged_release(), &release);
        let server = serve_folder(&root.join("releases"));

        // `cargo` on the runner's PATH only records how it was called and
        // installs the binary just built where it was asked to.
        let fake_bin = root.join("fake-bin");
        fs::create_dir_all(&fake_bin).unwrap();
        let cargo_log = root.join("cargo.log");
        let fake_cargo = fake_bin.join("cargo");
        fs::write(
            &fake_cargo,
            format!(
                "#!/bin/bash\nprintf '%s\\n' \"$@\" > '{}'\n\
                 while [ \"$1\" != --root ]; do shift; done\n\
                 mkdir -p \"$2/bin\" && cp '{}' \"$2/bin/dossier\"\n",
                cargo_log.display(),
                env!("CARGO_BIN_EXE_dossier")
            ),
        )
        .unwrap();
        make_executable(&fake_cargo);

        let (os, arch, _) = host();
        let runner = Runner {
            workspace: site.clone(),
            home: root.join("home"),
            temp: root.join("runner-temp"),
            cache_store: root.join("cache"),
            os: os.into(),
            arch: arch.into(),
            base_url: BASE_URL.into(),
            path: vec![fake_bin, "/usr/bin".into(), "/bin".into()],
            env: BTreeMap::from([(
                "DOSSIER_DOWNLOAD".to_string(),
                format!("{}/download/v{VERSION}", server.url),
            )]),
        };
        for dir in [&runner.home, &runner.temp] {
            fs::create_dir_all(dir).unwrap();
        }
        let found = Command::new("/bin/bash")
            .args(["-c", "command -v dossier"])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .output()
            .unwrap();
        assert!(
            !found.status.success(),
            "a dossier on /usr/bin:/bin would hide whether the workflow installs one"
        );
        Setup {
            _tmp: tmp,
            site,
            release,
            server,
            runner,
            cargo_log,
        }
    }

    fn workflow(&self) -> serde_yaml::Value {
        let text = fs::read_to_string(self.site.join(".github/workflows/pages.yml")).unwrap();
        serde_yaml::from_str(&text).unwrap()
    }

    fn archive(&self) -> PathBuf {
        self.release
            .join(format!("dossier-{VERSION}-{}.tar.gz", host().2))
    }

    /// A fresh HOME, as on a new runner (the cache store stays).
    fn new_machine(&mut self, name: &str) {
        self.runner.home = self.site.parent().unwrap().join(name);
        fs::create_dir_all(&self.runner.home).unwrap();
        let _ = fs::remove_dir_all(self.site.join("public"));
    }
}

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn assert_published(setup: &Setup, run: &workflow::JobRun) {
    assert_eq!(run.failed, None, "{run:#?}");
    let artifact = run.artifact.as_ref().expect("public/ uploaded");
    assert_eq!(artifact, &setup.site.join("public"));
    let index = fs::read_to_string(artifact.join("index.html")).unwrap();
    assert!(
        index.contains(&format!(
            "<link rel=\"canonical\" href=\"{BASE_URL}/index.html\">"
        )),
        "no canonical link to the Pages URL in index.html"
    );
    let sitemap = fs::read_to_string(artifact.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains(&format!("{BASE_URL}/topics/pollution.html")));
    assert!(run.step("Check the dossier").output.contains("no errors"));
}

#[test]
fn the_init_workflow_installs_the_release_checks_builds_and_caches() {
    let mut setup = Setup::new();
    let workflow = setup.workflow();
    let run = setup.runner.run(&workflow, "build");
    assert_published(&setup, &run);
    let (os, arch, _) = host();
    assert_eq!(
        run.cache,
        Some((format!("dossier-{VERSION}-{os}-{arch}"), false))
    );
    let archive = setup.archive();
    let name = archive.file_name().unwrap().to_string_lossy();
    assert_eq!(
        setup.server.requests(),
        [
            format!("/download/v{VERSION}/{name}"),
            format!("/download/v{VERSION}/SHA256SUMS")
        ]
    );
    assert!(
        !setup.cargo_log.exists(),
        "cargo ran: {:?}",
        fs::read_to_string(&setup.cargo_log)
    );

    // The next run, on a new machine, takes dossier from the cache.
    setup.new_machine("home-2");
    let run = setup.runner.run(&workflow, "build");
    assert_published(&setup, &run);
    assert_eq!(run.cache.as_ref().map(|c| c.1), Some(true));
    assert!(!run.step("Install dossier").ran);
    assert_eq!(setup.server.requests().len(), 2, "downloaded again");
}

#[test]
fn a_binary_that_does_not_match_sha256sums_is_refused() {
    let mut setup = Setup::new();
    let workflow = setup.workflow();
    let sums_file = setup.release.join("SHA256SUMS");
    let sums = fs::read_to_string(&sums_file).unwrap();
    let name = setup
        .archive()
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    // A checksum one digit off, then an archive one byte longer.
    let flipped: String = sums
        .lines()
        .map(|l| {
            if l.ends_with(&name) {
                let first = if l.starts_with('0') { '1' } else { '0' };
                format!("{first}{}\n", &l[1..])
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    fs::write(&sums_file, &flipped).unwrap();
    let run = setup.runner.run(&workflow, "build");
    assert_refused(&setup, &run);

    fs::write(&sums_file, &sums).unwrap();
    let mut bytes = fs::read(setup.archive()).unwrap();
    bytes.push(0);
    fs::write(setup.archive(), bytes).unwrap();
    setup.new_machine("home-2");
    let run = setup.runner.run(&workflow, "build");
    assert_refused(&setup, &run);
}

fn assert_refused(setup: &Setup, run: &workflow::JobRun) {
    assert_eq!(run.failed.as_deref(), Some("Install dossier"), "{run:#?}");
    let output = &run.step("Install dossier").output;
    assert!(
        output.contains("does not match its checksum in SHA256SUMS; refusing to install it"),
        "{output}"
    );
    assert!(!setup.runner.home.join(".dossier/bin/dossier").exists());
    assert!(!setup.cargo_log.exists(), "fell back to cargo");
    assert!(!setup.site.join("public").exists());
}

fn cargo_args(setup: &Setup) -> Vec<String> {
    fs::read_to_string(&setup.cargo_log)
        .expect("cargo ran")
        .lines()
        .map(String::from)
        .collect()
}

fn expected_cargo_args(setup: &Setup) -> Vec<String> {
    let root = setup.runner.home.join(".dossier").display().to_string();
    let tag = format!("v{VERSION}");
    [
        "install",
        "--locked",
        "--root",
        &root,
        "--bin",
        "dossier",
        "--git",
        env!("CARGO_PKG_REPOSITORY"),
        "--tag",
        &tag,
        env!("CARGO_PKG_NAME"),
    ]
    .map(String::from)
    .to_vec()
}

#[test]
fn without_a_release_archive_it_builds_the_tag_with_cargo() {
    let setup = Setup::new();
    fs::remove_file(setup.archive()).unwrap();
    let run = setup.runner.run(&setup.workflow(), "build");
    assert_published(&setup, &run);
    assert!(
        run.step("Install dossier")
            .output
            .contains(&format!("building dossier {VERSION} from source")),
        "{run:#?}"
    );
    assert_eq!(cargo_args(&setup), expected_cargo_args(&setup));
}

#[test]
fn a_runner_without_a_prebuilt_binary_builds_from_source() {
    let mut setup = Setup::new();
    setup.runner.os = "Windows".into();
    let run = setup.runner.run(&setup.workflow(), "build");
    assert_published(&setup, &run);
    assert_eq!(cargo_args(&setup), expected_cargo_args(&setup));
    assert_eq!(setup.server.requests(), Vec::<String>::new());
}

#[test]
fn the_readme_install_commands_download_verify_and_install() {
    let setup = Setup::new();
    let readme = fs::read_to_string(repo_file("README.md")).unwrap();
    let marker = "<!-- tests/publish.rs runs this block";
    let after = &readme[readme.find(marker).expect("marker in README")..];
    let start = after.find("```sh\n").unwrap() + 6;
    let block = &after[start..start + after[start..].find("```").unwrap()];
    assert!(block.contains(&format!("version={VERSION}\n")));
    let default_target = "target=x86_64-unknown-linux-musl ";
    assert!(block.contains(default_target));
    let releases = format!("{}/releases/download", env!("CARGO_PKG_REPOSITORY"));
    assert!(block.contains(&releases));
    let script = block
        .replace(&releases, &format!("{}/download", setup.server.url))
        .replace(default_target, &format!("target={} ", host().2));
    let work = setup.runner.temp.join("readme");
    fs::create_dir_all(&work).unwrap();
    let home = &setup.runner.home;
    let run = Command::new("/bin/bash")
        .args(["-eo", "pipefail", "-c", &script])
        .current_dir(&work)
        .env_clear()
        .env("HOME", home)
        .env(
            "PATH",
            format!("{}/.local/bin:/usr/bin:/bin", home.display()),
        )
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{run:?}");
    assert!(stdout.contains(": OK"), "{stdout}");
    assert!(
        stdout.ends_with(&format!("dossier {VERSION}\n")),
        "{stdout}"
    );
    assert!(home.join(".local/bin/dossier").is_file());
}
