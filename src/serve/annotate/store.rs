//! Which files the panel may write, and writing them. Only a claims file
//! directly in `content/claims/` of the served dossier: the name must be
//! `NAME.yaml` (or `.yml`), not hidden, with no separator, `..` or
//! control character; the folder must be inside the dossier once links
//! are followed; the file, if it exists, must be a regular file (not a
//! symbolic link) holding UTF-8. A write goes to a hidden temporary file
//! beside it (which the build and the watcher ignore), is flushed, takes
//! the old file's permissions and is renamed over it, so the file is
//! never half written; if the file changed since it was read, the write
//! is abandoned.

use std::fs;
use std::path::{Path, PathBuf};

/// Folder of the claims files, under the dossier root.
pub const CLAIMS_DIR: &str = "content/claims";

/// A claims file the panel may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// As the build names it: `content/claims/NAME.yaml`.
    pub rel: String,
    /// On disk.
    pub path: PathBuf,
}

/// The claims file `rel` (`content/claims/NAME.yaml`) of the dossier at
/// `root`, if the panel may write it.
pub fn claims_file(root: &Path, rel: &str) -> Result<Target, String> {
    let refuse = |why: &str| Err(format!("refused: cannot write `{rel}`: {why}"));
    let Some(name) = rel
        .strip_prefix(CLAIMS_DIR)
        .and_then(|r| r.strip_prefix('/'))
    else {
        return refuse("claims files are written in content/claims/ only");
    };
    if name.contains(['/', '\\', ':']) || name.chars().any(char::is_control) {
        return refuse("the name must be a file name, with no folder");
    }
    if name.starts_with('.') {
        return refuse("hidden files are not read by the build");
    }
    let stem = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"));
    if stem.is_none_or(|s| s.trim().is_empty()) || name.len() > 200 {
        return refuse("a claims file is named NAME.yaml");
    }
    let dir = root.join(CLAIMS_DIR);
    inside(root, &dir).map_err(|why| format!("refused: cannot write `{rel}`: {why}"))?;
    let path = dir.join(name);
    match fs::symlink_metadata(&path) {
        Ok(m) if m.file_type().is_symlink() => refuse("it is a symbolic link"),
        Ok(m) if !m.is_file() => refuse("it is not a regular file"),
        _ => Ok(Target {
            rel: format!("{CLAIMS_DIR}/{name}"),
            path,
        }),
    }
}

/// Checks that the folder `dir` (which need not exist yet), with links
/// followed, is inside `root`.
fn inside(root: &Path, dir: &Path) -> Result<(), &'static str> {
    let root = fs::canonicalize(root).map_err(|_| "the dossier folder is gone")?;
    // The deepest part of the path that exists decides where it leads.
    let mut existing = dir;
    while !existing.exists() {
        existing = existing.parent().ok_or("no such folder")?;
    }
    let real = fs::canonicalize(existing).map_err(|_| "the folder cannot be read")?;
    if real.starts_with(&root) {
        Ok(())
    } else {
        Err("content/claims/ leads outside the dossier")
    }
}

/// The text of `target` (empty if it does not exist yet).
pub fn read(target: &Target) -> Result<Option<String>, String> {
    match fs::read(&target.path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{} is not valid UTF-8; fix it first", target.rel)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("cannot read {}: {e}", target.rel)),
    }
}

/// Replaces `target`, read as `old`, by `new`, atomically.
pub fn write(root: &Path, target: &Target, old: Option<&str>, new: &str) -> Result<(), String> {
    let dir = target.path.parent().unwrap_or(root);
    let io = |what: &str, e: std::io::Error| format!("cannot write {}: {what}: {e}", target.rel);
    fs::create_dir_all(dir).map_err(|e| io("creating content/claims/", e))?;
    // The folder may have been replaced meanwhile: check again.
    inside(root, dir).map_err(|why| format!("refused: cannot write `{}`: {why}", target.rel))?;
    let name = target
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.annotate-{}.tmp", std::process::id()));
    let result = (|| {
        fs::write(&tmp, new).map_err(|e| io("temporary file", e))?;
        if let Ok(m) = fs::metadata(&target.path) {
            let _ = fs::set_permissions(&tmp, m.permissions());
        }
        fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| io("flushing", e))?;
        if read(target)?.as_deref() != old {
            return Err(format!(
                "{} changed while the claim was being checked; nothing was written, save again",
                target.rel
            ));
        }
        if fs::symlink_metadata(&target.path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(format!(
                "refused: cannot write `{}`: it is a symbolic link",
                target.rel
            ));
        }
        fs::rename(&tmp, &target.path).map_err(|e| io("renaming", e))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_claims_files_of_the_dossier() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("d");
        fs::create_dir_all(root.join("content/claims")).unwrap();
        fs::write(root.join("dossier.toml"), "").unwrap();
        let ok = claims_file(&root, "content/claims/inbox.yaml").unwrap();
        assert_eq!(ok.rel, "content/claims/inbox.yaml");
        assert!(claims_file(&root, "content/claims/x.yml").is_ok());
        for bad in [
            "../dossier.toml",
            "content/claims/../../dossier.toml",
            "content/claims/../x.yaml",
            "/etc/x.yaml",
            "content/claims//x.yaml",
            "content/claims/a/x.yaml",
            "content/claims/a\\x.yaml",
            "content/claims/.hidden.yaml",
            "content/claims/x.txt",
            "content/claims/x.yaml.txt",
            "content/claims/.yaml",
            "content/claims/x\n.yaml",
            "content/claims/",
            "content/articles/x.yaml",
            "content/claimsx.yaml",
            "dossier.toml",
        ] {
            let e = claims_file(&root, bad).unwrap_err();
            assert!(e.starts_with("refused: "), "{bad}: {e}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), root.join("content/claims/out.yaml")).unwrap();
            assert!(
                claims_file(&root, "content/claims/out.yaml")
                    .unwrap_err()
                    .contains("symbolic link")
            );
            let other = tempfile::tempdir().unwrap();
            let linked = dir.path().join("e");
            fs::create_dir_all(linked.join("content")).unwrap();
            std::os::unix::fs::symlink(other.path(), linked.join("content/claims")).unwrap();
            assert!(
                claims_file(&linked, "content/claims/x.yaml")
                    .unwrap_err()
                    .contains("outside the dossier")
            );
        }
    }

    #[test]
    fn writes_atomically_and_not_over_a_changed_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let target = claims_file(root, "content/claims/inbox.yaml").unwrap();
        assert_eq!(read(&target).unwrap(), None);
        write(root, &target, None, "- a\n").unwrap();
        assert_eq!(read(&target).unwrap().as_deref(), Some("- a\n"));
        let e = write(root, &target, Some("- b\n"), "- c\n").unwrap_err();
        assert!(e.contains("changed while"), "{e}");
        assert_eq!(fs::read_to_string(&target.path).unwrap(), "- a\n");
        let names: Vec<_> = fs::read_dir(root.join("content/claims"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["inbox.yaml"], "no temporary file left");
    }
}
