//! Walking `content/`: which files are part of the content format and of
//! what kind. Symbolic links are followed; folders nested too deep, files
//! that are not part of the format, link loops and unreadable folders are
//! reported.

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
        // Symbolic links are followed (a shared `articles/` folder may be
        // linked in); walkdir reports links that loop back to an ancestor.
        // Content files are at most two levels down, so the walk stops
        // there: a link to a huge tree costs nothing.
        for entry in walkdir::WalkDir::new(&content)
            .follow_links(true)
            .max_depth(2)
            .sort_by_file_name()
        {
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
            if hidden || (entry.file_type().is_dir() && entry.depth() < 2) {
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
        .help("remove the link, or point it at a folder outside content/");
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
