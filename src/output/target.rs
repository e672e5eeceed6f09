//! What may be written: the output folder must not hold the dossier nor
//! be a folder of someone else's, and a page's path must stay inside it.

use super::{OutputError, io_err};
use std::fs;
use std::path::{Component, Path, PathBuf};

pub(crate) fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// `p` resolved (links followed), or made absolute where it does not
/// exist yet.
fn abs(p: &Path) -> PathBuf {
    fs::canonicalize(p)
        .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
}

/// Checks that `out` may be written: not the dossier root or an ancestor of
/// it, and either absent, empty, or a previous build.
pub fn check_target(root: &Path, out: &Path) -> Result<(), OutputError> {
    let root_abs = abs(root);
    let out_abs = abs(out);
    if root_abs.starts_with(&out_abs)
        || out_abs.starts_with(root_abs.join("content"))
        || out_abs.starts_with(root_abs.join("themes"))
    {
        return Err(OutputError::ContainsRoot(out.to_path_buf()));
    }
    // The build swaps the finished tree in by renaming folders beside the
    // output: a link there would be swapped out for a real folder on one
    // build and back on the next.
    if out.is_symlink() {
        return Err(OutputError::Link(out.to_path_buf()));
    }
    if out.is_dir() {
        let empty = fs::read_dir(out).map_err(io_err(out))?.next().is_none();
        if !empty && !out.join(".nojekyll").exists() {
            return Err(OutputError::NotOurs(out.to_path_buf()));
        }
    } else if out.exists() {
        return Err(OutputError::NotOurs(out.to_path_buf()));
    }
    Ok(())
}

/// Checks that `export --single-file FILE` writes an HTML file and none of
/// the dossier's own: named `.html` (or `.htm`), and outside `content/`,
/// `themes/` and `editions/` (where it would replace an article).
pub fn check_export_target(root: &Path, file: &Path) -> Result<(), OutputError> {
    let html = file
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if !html {
        return Err(OutputError::NotAnExport(
            file.to_path_buf(),
            "its name does not end in .html",
        ));
    }
    let root_abs = abs(root);
    // The file may not exist yet: its folder, resolved, and its name.
    let parent = file.parent().filter(|p| !p.as_os_str().is_empty());
    let file_abs = abs(parent.unwrap_or(Path::new("."))).join(file.file_name().unwrap_or_default());
    if ["content", "themes", "editions"]
        .iter()
        .any(|dir| file_abs.starts_with(root_abs.join(dir)))
    {
        return Err(OutputError::NotAnExport(
            file.to_path_buf(),
            "it is inside the dossier's own folders",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_never_replaces_the_dossiers_own_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("content/articles/a.md"), "x").unwrap();
        assert!(check_export_target(root, &root.join("dossier.html")).is_ok());
        assert!(check_export_target(root, &dir.path().join("out/x.HTML")).is_ok());
        for bad in [
            root.join("content/articles/a.md"),
            root.join("content/articles/a.html"),
            root.join("content/x/../articles/new.html"),
            root.join("themes/default/page.html"),
            root.join("notes.txt"),
        ] {
            assert!(check_export_target(root, &bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn paths_must_stay_inside() {
        assert!(safe_relative("claims/a.html"));
        assert!(!safe_relative("../x"));
        assert!(!safe_relative("/etc/x"));
        assert!(!safe_relative(""));
    }
}
