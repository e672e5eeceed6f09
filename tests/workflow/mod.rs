//! A small stand-in for a GitHub-hosted runner, for `tests/publish.rs`:
//! runs one job of a parsed workflow the way GitHub would, in a folder of
//! its own. Each `run:` script goes, in order, to `bash --noprofile --norc
//! -eo pipefail` (the workflow must say `shell: bash`) with the workflow's,
//! the job's and the step's `env:`, the `GITHUB_*` and `RUNNER_*`
//! variables, and what earlier steps wrote to `GITHUB_ENV`, `GITHUB_PATH`
//! and `GITHUB_OUTPUT`. `${{ … }}` expressions are expanded from those
//! contexts; an expression or an action it does not know is a panic, so
//! the workflow cannot drift past what this file simulates. The actions
//! used are simulated: checkout (the folder is the checkout),
//! configure-pages (gives `base_url`), cache (restores and, after a job
//! that succeeded, saves a folder under its key) and upload-pages-artifact
//! (records the folder). `serve_folder` is the HTTP server for downloads.

pub mod http;

use serde_yaml::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The machine a job runs on.
pub struct Runner {
    /// The checkout (`GITHUB_WORKSPACE`), where steps run.
    pub workspace: PathBuf,
    /// `HOME`.
    pub home: PathBuf,
    /// `RUNNER_TEMP`.
    pub temp: PathBuf,
    /// Where the simulated `actions/cache` keeps what it saved, by key.
    pub cache_store: PathBuf,
    /// `RUNNER_OS` (`Linux`, `macOS`, `Windows`).
    pub os: String,
    /// `RUNNER_ARCH` (`X64`, `ARM64`).
    pub arch: String,
    /// What `actions/configure-pages` answers as `base_url`.
    pub base_url: String,
    /// The runner's own `PATH`, before any `GITHUB_PATH` entry.
    pub path: Vec<PathBuf>,
    /// More variables of the runner's environment (the workflow's `env:`
    /// overrides them).
    pub env: BTreeMap<String, String>,
}

/// What one step did.
#[derive(Debug)]
pub struct StepRun {
    /// Its `name:`, or its `uses:`, or its script's first line.
    pub label: String,
    /// False when its `if:` was false.
    pub ran: bool,
    /// What it printed (stdout, then stderr); empty for actions.
    pub output: String,
}

/// What one job did.
#[derive(Debug, Default)]
pub struct JobRun {
    /// Every step, up to the one that failed.
    pub steps: Vec<StepRun>,
    /// The label of the step that failed, if one did.
    pub failed: Option<String>,
    /// The folder given to `actions/upload-pages-artifact`.
    pub artifact: Option<PathBuf>,
    /// The `actions/cache` key and whether it was a hit.
    pub cache: Option<(String, bool)>,
}

impl JobRun {
    /// The step labelled `label`.
    pub fn step(&self, label: &str) -> &StepRun {
        self.steps
            .iter()
            .find(|s| s.label == label)
            .unwrap_or_else(|| panic!("no step {label:?} in {:#?}", self.steps))
    }
}

/// The contexts `${{ … }}` reads.
struct Contexts {
    env: BTreeMap<String, String>,
    steps: BTreeMap<String, BTreeMap<String, String>>,
    runner: BTreeMap<&'static str, String>,
    github: BTreeMap<&'static str, String>,
}

impl Contexts {
    /// The value of one expression (a context path, or a comparison of one
    /// with a quoted string).
    fn eval(&self, expr: &str) -> String {
        let expr = expr.trim();
        for (op, equal) in [("!=", false), ("==", true)] {
            if let Some((left, right)) = expr.split_once(op) {
                let right = right.trim();
                let literal = right
                    .strip_prefix('\'')
                    .and_then(|r| r.strip_suffix('\''))
                    .unwrap_or_else(|| panic!("unsupported comparison `{expr}`"));
                return ((self.eval(left) == literal) == equal).to_string();
            }
        }
        let parts: Vec<&str> = expr.split('.').collect();
        let found = match parts.as_slice() {
            ["env", name] => self.env.get(*name).cloned(),
            ["runner", name] => self.runner.get(name).cloned(),
            ["github", name] => self.github.get(name).cloned(),
            ["steps", id, "outputs", name] => Some(
                self.steps
                    .get(*id)
                    .and_then(|o| o.get(*name))
                    .cloned()
                    .unwrap_or_default(),
            ),
            _ => None,
        };
        found.unwrap_or_else(|| panic!("the simulated runner cannot evaluate `{expr}`"))
    }

    /// `text` with every `${{ … }}` replaced by its value.
    fn expand(&self, text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${{") {
            let end = rest[start..].find("}}").expect("closed expression") + start;
            out.push_str(&rest[..start]);
            out.push_str(&self.eval(&rest[start + 3..end]));
            rest = &rest[end + 2..];
        }
        out.push_str(rest);
        out
    }

    /// Whether an `if:` holds (no `if:` means it does).
    fn holds(&self, condition: Option<&Value>) -> bool {
        match condition.and_then(Value::as_str) {
            None => true,
            Some(c) => {
                let c = c.trim();
                let c = c
                    .strip_prefix("${{")
                    .and_then(|c| c.strip_suffix("}}"))
                    .unwrap_or(c);
                self.eval(c) == "true"
            }
        }
    }
}

/// The `env:` mapping of a workflow, job or step, expanded.
fn env_of(node: &Value, ctx: &Contexts) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    if let Some(map) = node.get("env").and_then(Value::as_mapping) {
        for (k, v) in map {
            let value = match v {
                Value::String(s) => ctx.expand(s),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                other => panic!("unsupported env value {other:?}"),
            };
            env.insert(k.as_str().expect("env name").to_string(), value);
        }
    }
    env
}

/// `NAME=value` and `NAME<<DELIMITER` … `DELIMITER` lines, as GitHub reads
/// `GITHUB_ENV` and `GITHUB_OUTPUT`.
fn read_assignments(path: &Path) -> Vec<(String, String)> {
    let text = fs::read_to_string(path).unwrap_or_default();
    let mut lines = text.lines();
    let mut out = Vec::new();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            out.push((name.to_string(), value.join("\n")));
        } else if let Some((name, value)) = line.split_once('=') {
            out.push((name.to_string(), value.to_string()));
        }
    }
    out
}

impl Runner {
    /// Runs `job` of `workflow`; stops at the first step that fails.
    pub fn run(&self, workflow: &Value, job: &str) -> JobRun {
        let shell = workflow["defaults"]["run"]["shell"].as_str();
        assert_eq!(
            shell,
            Some("bash"),
            "the workflow must run its scripts in bash"
        );
        let job_node = &workflow["jobs"][job];
        let files = self.temp.join("_runner_files");
        fs::create_dir_all(&files).unwrap();
        let github_env = files.join("env");
        let github_path = files.join("path");
        for f in [&github_env, &github_path] {
            fs::write(f, "").unwrap();
        }
        let mut ctx = Contexts {
            env: self.env.clone(),
            steps: BTreeMap::new(),
            runner: BTreeMap::from([
                ("os", self.os.clone()),
                ("arch", self.arch.clone()),
                ("temp", self.temp.display().to_string()),
            ]),
            github: BTreeMap::from([
                ("workspace", self.workspace.display().to_string()),
                ("token", "token-of-the-test".to_string()),
            ]),
        };
        let workflow_env = env_of(workflow, &ctx);
        ctx.env.extend(workflow_env);
        let job_env = env_of(job_node, &ctx);
        ctx.env.extend(job_env);
        let mut run = JobRun::default();
        let mut to_save: Option<(String, PathBuf)> = None;
        let steps = job_node["steps"].as_sequence().expect("steps");
        for (i, step) in steps.iter().enumerate() {
            let label = label_of(step);
            let mut step_run = StepRun {
                label: label.clone(),
                ran: false,
                output: String::new(),
            };
            for (name, value) in read_assignments(&github_env) {
                ctx.env.insert(name, value);
            }
            if !ctx.holds(step.get("if")) {
                run.steps.push(step_run);
                continue;
            }
            step_run.ran = true;
            let outputs = if let Some(action) = step["uses"].as_str() {
                self.action(action, step, &ctx, &mut run, &mut to_save)
            } else {
                let script = step["run"].as_str().expect("a step has uses: or run:");
                let output_file = files.join(format!("output-{i}"));
                fs::write(&output_file, "").unwrap();
                let mut env = ctx.env.clone();
                env.extend(env_of(step, &ctx));
                let (ok, output) = self.script(&ctx.expand(script), env, &files, &output_file);
                step_run.output = output;
                if !ok {
                    run.steps.push(step_run);
                    run.failed = Some(label);
                    return run;
                }
                read_assignments(&output_file).into_iter().collect()
            };
            if let Some(id) = step["id"].as_str() {
                ctx.steps.insert(id.to_string(), outputs);
            }
            run.steps.push(step_run);
        }
        // actions/cache saves after a job that succeeded, on a miss.
        if let Some((key, path)) = to_save {
            copy_tree(&path, &self.cache_store.join(&key));
        }
        run
    }

    /// One `run:` script; returns whether it succeeded and what it printed.
    fn script(
        &self,
        script: &str,
        mut env: BTreeMap<String, String>,
        files: &Path,
        output_file: &Path,
    ) -> (bool, String) {
        let script_file = files.join("step.sh");
        fs::write(&script_file, script).unwrap();
        let added = fs::read_to_string(files.join("path")).unwrap();
        let mut path: Vec<String> = added.lines().rev().map(String::from).collect();
        path.extend(self.path.iter().map(|p| p.display().to_string()));
        env.insert("PATH".into(), path.join(":"));
        let runner_vars = [
            ("HOME", self.home.display().to_string()),
            ("CI", "true".into()),
            ("GITHUB_ACTIONS", "true".into()),
            ("GITHUB_WORKSPACE", self.workspace.display().to_string()),
            ("GITHUB_ENV", files.join("env").display().to_string()),
            ("GITHUB_PATH", files.join("path").display().to_string()),
            ("GITHUB_OUTPUT", output_file.display().to_string()),
            (
                "GITHUB_STEP_SUMMARY",
                files.join("summary").display().to_string(),
            ),
            ("RUNNER_OS", self.os.clone()),
            ("RUNNER_ARCH", self.arch.clone()),
            ("RUNNER_TEMP", self.temp.display().to_string()),
        ];
        for (name, value) in runner_vars {
            env.insert(name.into(), value);
        }
        let out = Command::new("/bin/bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail"])
            .arg(&script_file)
            .current_dir(&self.workspace)
            .env_clear()
            .envs(&env)
            .output()
            .expect("run bash");
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.success(), text)
    }

    /// A `uses:` step; returns its outputs.
    fn action(
        &self,
        action: &str,
        step: &Value,
        ctx: &Contexts,
        run: &mut JobRun,
        to_save: &mut Option<(String, PathBuf)>,
    ) -> BTreeMap<String, String> {
        let with = |key: &str| {
            let value = step["with"][key].as_str();
            ctx.expand(value.unwrap_or_else(|| panic!("{action} needs `with: {key}`")))
        };
        let (name, _version) = action.split_once('@').expect("a pinned action");
        match name {
            "actions/checkout" => BTreeMap::new(),
            "actions/configure-pages" => {
                BTreeMap::from([("base_url".to_string(), self.base_url.clone())])
            }
            "actions/cache" => {
                let key = with("key");
                let path = with("path");
                let path = match path.strip_prefix("~/") {
                    Some(rest) => self.home.join(rest),
                    None => self.workspace.join(path),
                };
                let saved = self.cache_store.join(&key);
                let hit = saved.is_dir();
                if hit {
                    copy_tree(&saved, &path);
                } else {
                    *to_save = Some((key.clone(), path));
                }
                run.cache = Some((key, hit));
                BTreeMap::from([("cache-hit".to_string(), hit.to_string())])
            }
            "actions/upload-pages-artifact" => {
                let folder = self.workspace.join(with("path"));
                assert!(folder.is_dir(), "no folder {} to upload", folder.display());
                run.artifact = Some(folder);
                BTreeMap::new()
            }
            other => panic!("the simulated runner does not know the action {other}"),
        }
    }
}

fn label_of(step: &Value) -> String {
    let text = step["name"]
        .as_str()
        .or_else(|| step["uses"].as_str())
        .or_else(|| step["run"].as_str())
        .unwrap_or("?");
    text.lines().next().unwrap_or("").to_string()
}

/// Copies the files under `from` into `to` (created as needed).
pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}
