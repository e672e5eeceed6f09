//! Walking `content/`: which files are part of the content format and of
//! what kind. Symbolic links are followed as long as they stay inside the
//! dossier's folder (one leading out is an error: a dossier built by CI
//! from someone else's pull request must not publish, or print in its
//! errors, any file of the machine); folders nested too deep, files that
//! are not part of the format, pipes and devices, link loops and
//! unreadable folders are reported.

use super::kind::Kind;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use std::path::{Path, PathBuf};

/// The content files under `root`, with their kinds, in walk order (by
/// file name). Folders and files that are not part of the format are
/// reported (warnings), as are a missing or empty content folder.
pub fn content(root: &Path, diags: &mut Diagnostics) -> Vec<(Kind, PathBuf)> {
    let content = root.join("content");
    let mut files: Vec<(Kind, PathBuf)> = Vec::new();
    if !content.is_dir() {
        diags.push(
            Diagnostic::global(format!("no content folder in {}", root.display()))
                .help("a dossier keeps its articles, topics and claims under content/; `dossier init DIR` writes an example"),
        );
    } else {
        // Symbolic links are followed within the dossier; walkdir reports
        // links that loop back to an ancestor. Content files are at most
        // two levels down, so the walk stops there.
        let fence = Fence::new(root);
        let mut walk = walkdir::WalkDir::new(&content)
            .follow_links(true)
            .max_depth(2)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    diags.push(walk_error(root, &e));
                    continue;
                }
            };
            let rel = entry
                .path()
                .strip_prefix(&content)
                .unwrap_or(entry.path())
                .to_path_buf();
            let hidden = rel.iter().any(|p| p.to_string_lossy().starts_with('.'));
            let shown = format!("content/{}", rel.to_string_lossy().replace('\\', "/"));
            if hidden {
                continue;
            }
            if let Some(problem) = fence.problem(&entry, &shown) {
                diags.push(problem);
                if entry.file_type().is_dir() {
                    walk.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_dir() && entry.depth() < 2 {
                continue;
            }
            if entry.file_type().is_dir() {
                diags.push(Diagnostic {
                    severity: Severity::Warning,
                    ..Diagnostic::at_path(&shown, format!("{shown} is a folder inside a content folder; its files are not read"))
                        .help("articles, topics and claims files sit directly in content/articles/, content/topics/ and content/claims/")
                        .kind("folders inside a content folder")
                });
                continue;
            }
            match Kind::of(&rel) {
                Some(kind) => files.push((kind, entry.into_path())),
                None => {
                    if !shown.ends_with('~') {
                        diags.push(Diagnostic {
                            severity: Severity::Warning,
                            ..Diagnostic::at_path(&shown, format!("{shown} is not part of the content format and is ignored"))
                                .help("articles/*.md, topics/*.md, claims/*.yaml, sources.yaml, metrics.yaml, entities.yaml and _index.md are read")
                                .kind("files that are not part of the content format")
                        });
                    }
                }
            }
        }
        if files.is_empty() {
            diags.push(
                Diagnostic::at_path("content/", "the content folder is empty")
                    .help("add content/articles/*.md, content/topics/*.md, content/claims/*.yaml, content/sources.yaml and content/metrics.yaml"),
            );
        }
    }

    files
}

/// The dossier's folder as the file system resolves it, which every
/// followed link must stay inside.
struct Fence {
    real_root: Option<PathBuf>,
}

impl Fence {
    fn new(root: &Path) -> Fence {
        Fence {
            real_root: root.canonicalize().ok(),
        }
    }

    /// Why `entry` (shown as `shown`) is not read: a symbolic link (or the
    /// content folder itself) leading out of the dossier, or a file that
    /// is not a regular file (reading a pipe waits for a writer).
    fn problem(&self, entry: &walkdir::DirEntry, shown: &str) -> Option<Diagnostic> {
        if entry.path_is_symlink() || entry.depth() == 0 {
            let real = entry.path().canonicalize().ok()?;
            if self
                .real_root
                .as_ref()
                .is_some_and(|r| !real.starts_with(r))
            {
                let shown = if entry.depth() == 0 { "content" } else { shown };
                return Some(
                    Diagnostic::at_path(
                        shown,
                        format!(
                            "{shown} is a symbolic link that leads out of the dossier, to {}",
                            real.display()
                        ),
                    )
                    .help("links are followed only inside the dossier's folder (a dossier built from someone else's changes must not publish the builder's files): copy the files in instead"),
                );
            }
        }
        let kind = entry.file_type();
        (!kind.is_file() && !kind.is_dir()).then(|| {
            Diagnostic::at_path(
                shown,
                format!("{shown} is not a regular file (a pipe, socket or device)"),
            )
            .help("content files are plain files: remove it or replace it with the file's text")
        })
    }
}

/// A problem met while walking `content/`: a symbolic link that loops back
/// to a folder containing it, a link that loops on itself or points to
/// nothing, or a folder that cannot be read.
fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let shown = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    let Some(path) = e.path() else {
        return Diagnostic::global(format!("cannot read the content folder: {e}"));
    };
    let at = shown(path);
    if let Some(ancestor) = e.loop_ancestor() {
        let ancestor = shown(ancestor);
        return Diagnostic::at_path(
            &at,
            format!("symbolic link loop: {at} leads back to {ancestor}/, which contains it"),
        )
        .help("remove the link, or point it at a folder of the dossier outside content/");
    }
    let cause = e
        .io_error()
        .map_or_else(|| e.to_string(), ToString::to_string);
    if path.is_symlink() {
        return Diagnostic::at_path(
            &at,
            format!("{at} is a symbolic link that cannot be followed: {cause}"),
        )
        .help("the link loops or points to nothing; point it at an existing file or remove it");
    }
    Diagnostic::at_path(&at, format!("cannot read {at}: {cause}"))
        .help("check that the file or folder exists and can be read")
}
