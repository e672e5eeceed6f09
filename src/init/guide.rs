//! What `dossier init` prints once the files are written: a one-line
//! summary, then the commands to build, serve and publish the new dossier,
//! written for the folder the user ran `init` from (a `cd` only when the
//! dossier is elsewhere; `git init` only when it is not in a repository).

use super::Written;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// "Created a dossier in DIR (N files)." and the files replaced, if any.
pub(super) fn summary(dir: &Path, written: &Written) -> String {
    let total = written.created.len() + written.replaced.len();
    let mut text = format!("Created a dossier in {} ({total} files).\n", dir.display());
    if !written.replaced.is_empty() {
        let _ = writeln!(
            text,
            "Replaced {} file{} that existed: {}.",
            written.replaced.len(),
            if written.replaced.len() == 1 { "" } else { "s" },
            some_of(&written.replaced, 5)
        );
    }
    text
}

/// Adding the GitHub repository as the remote.
const REMOTE: &str =
    "  git remote add origin https://github.com/USER/REPO.git   # a new, empty repository\n";

/// The next steps, for a user whose current folder is `cwd`.
pub(super) fn next_steps(dir: &Path, cwd: &Path) -> String {
    let absolute = canonical(&cwd.join(dir));
    let mut text = String::from("\nNext steps:\n");
    if absolute != canonical(cwd) {
        let _ = writeln!(text, "  cd {}", shell_quote(&dir.to_string_lossy()));
    }
    text.push_str(
        "  dossier build    # writes the site to public/: open public/index.html\n\
         \x20 dossier serve    # serves it on http://127.0.0.1:1111/ and rebuilds on every save\n\
         \nPublish it with GitHub Pages (.github/workflows/pages.yml builds and deploys\n\
         every push to main):\n",
    );
    match git_top(&absolute) {
        Some(top) if top != absolute => {
            let _ = writeln!(
                text,
                "  note: this folder is inside the git repository {}; GitHub runs only the\n  \
                 workflows at the top of a repository, so give the dossier a repository of\n  \
                 its own (or move .github/workflows/pages.yml up and add `--root` to its commands).",
                top.display()
            );
        }
        Some(top) => {
            let git = top.join(".git");
            let head = std::fs::read_to_string(git.join("HEAD")).unwrap_or_default();
            let branch = head.trim().strip_prefix("ref: refs/heads/");
            if branch.is_some_and(|b| b != "main") {
                text.push_str("  git branch -m main   # the workflow publishes the main branch\n");
            }
            text.push_str("  git add -A\n  git commit -m \"A new dossier\"\n");
            let config = std::fs::read_to_string(git.join("config")).unwrap_or_default();
            if !config.contains("[remote \"origin\"]") {
                text.push_str(REMOTE);
            }
            text.push_str("  git push -u origin main\n");
        }
        None => {
            text.push_str("  git init -b main\n  git add -A\n  git commit -m \"A new dossier\"\n");
            text.push_str(REMOTE);
            text.push_str("  git push -u origin main\n");
        }
    }
    text.push_str(
        "  then on GitHub, in the repository's Settings → Pages, set Source to \"GitHub Actions\".\n",
    );
    text
}

/// "a, b, c and 2 more".
pub(super) fn some_of(names: &[String], shown: usize) -> String {
    let mut text = names
        .iter()
        .take(shown)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > shown {
        let _ = write!(text, " and {} more", names.len() - shown);
    }
    text
}

/// `path` as one word for a POSIX shell.
fn shell_quote(path: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./:@+,".contains(c);
    if !path.is_empty() && path.chars().all(plain) {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The nearest folder at or above `dir` holding `.git`.
fn git_top(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_only_what_a_shell_would_split() {
        assert_eq!(shell_quote("my-dossier/v2"), "my-dossier/v2");
        assert_eq!(shell_quote("My Dossier"), "'My Dossier'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
    }

    #[test]
    fn lists_a_few_names_and_counts_the_rest() {
        let names: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        assert_eq!(some_of(&names, 5), "a, b, c, d");
        assert_eq!(some_of(&names, 2), "a, b and 2 more");
    }
}
