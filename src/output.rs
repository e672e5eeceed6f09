//! Writing the site. Pages are rendered in memory; this module writes them
//! into a staging folder beside the output (`.public.tmp-<pid>`) and swaps it
//! in only when everything is written, so a failed or interrupted build
//! leaves the previous output as it was. Paths are checked to stay inside
//! the staging folder.
//!
//! The swap is one atomic exchange of the two folders on Linux
//! (`renameat2(RENAME_EXCHANGE)`), so a build killed at any moment leaves
//! either the old or the new output in place, never neither. After the
//! exchange the staging name holds the old output, which is then deleted;
//! a build killed while deleting it leaves a stray `.public.tmp-<pid>` that
//! the next build removes. Elsewhere (or on a file system without the
//! exchange) the old output is renamed aside first and the staging folder
//! renamed in; a build killed between the two renames leaves
//! `.public.old-<pid>` and no output, and the next build puts it back
//! before anything else.

use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// One output file.
#[derive(Debug)]
pub struct Page {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Problems writing the output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder would hold or replace the dossier itself.
    #[error(
        "refusing to write output to {0}: it contains the dossier (choose a folder such as `public`)"
    )]
    ContainsRoot(PathBuf),
    /// The output folder exists and is not a dossier build.
    #[error(
        "refusing to replace {0}: it exists and is not a previous dossier build (no .nojekyll); remove it or choose another --output"
    )]
    NotOurs(PathBuf),
    /// A page path escapes the output folder (a bug).
    #[error("page path {0:?} is not inside the output folder")]
    BadPath(String),
    /// I/O.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Checks that `out` may be written: not the dossier root or an ancestor of
/// it, and either absent, empty, or a previous build.
pub fn check_target(root: &Path, out: &Path) -> Result<(), OutputError> {
    let abs = |p: &Path| {
        fs::canonicalize(p)
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let root_abs = abs(root);
    let out_abs = abs(out);
    if root_abs.starts_with(&out_abs)
        || out_abs.starts_with(root_abs.join("content"))
        || out_abs.starts_with(root_abs.join("themes"))
    {
        return Err(OutputError::ContainsRoot(out.to_path_buf()));
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

/// Writes `pages` as the new content of `out`, atomically replacing it.
pub fn write_site(out: &Path, pages: &[Page]) -> Result<(), OutputError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent).map_err(io_err(&parent))?;
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    clean_stale(&parent, &name);
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.tmp-{pid}"));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(io_err(&staging))?;
    }
    fs::create_dir(&staging).map_err(io_err(&staging))?;
    let result = write_all(&staging, pages).and_then(|()| swap(&staging, out, &parent, &name, pid));
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

fn write_all(staging: &Path, pages: &[Page]) -> Result<(), OutputError> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    for page in pages {
        if !safe_relative(&page.path) {
            return Err(OutputError::BadPath(page.path.clone()));
        }
        if let Some(dir) = Path::new(&page.path).parent()
            && !dir.as_os_str().is_empty()
            && !dirs.iter().any(|d| d == dir)
        {
            dirs.push(dir.to_path_buf());
        }
    }
    for dir in &dirs {
        let d = staging.join(dir);
        fs::create_dir_all(&d).map_err(io_err(&d))?;
    }
    pages.par_iter().try_for_each(|page| {
        let path = staging.join(&page.path);
        fs::write(&path, &page.bytes).map_err(io_err(&path))
    })
}

fn swap(
    staging: &Path,
    out: &Path,
    parent: &Path,
    name: &str,
    pid: u32,
) -> Result<(), OutputError> {
    if out.exists() && exchange(staging, out).is_ok() {
        // `staging` now holds the old output.
        remove_tree(staging);
        return Ok(());
    }
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{pid}"));
        fs::rename(out, &old).map_err(io_err(out))?;
        if let Err(e) = fs::rename(staging, out) {
            let _ = fs::rename(&old, out);
            return Err(io_err(out)(e));
        }
        remove_tree(&old);
    } else {
        fs::rename(staging, out).map_err(io_err(out))?;
    }
    Ok(())
}

/// Removes a folder tree, unlinking files in parallel (a site of 100,000
/// pages takes seconds to delete one file at a time). Errors are ignored: a
/// leftover is removed by the next build's [`clean_stale`].
fn remove_tree(root: &Path) {
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .flatten()
    {
        if entry.file_type().is_dir() {
            dirs.push(entry.into_path());
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|f| {
        let _ = fs::remove_file(f);
    });
    for dir in dirs.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
    let _ = fs::remove_dir_all(root);
}

/// Atomically exchanges two paths (both must exist).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::{CString, c_char, c_int, c_uint};
    use std::os::unix::ffi::OsStrExt;
    unsafe extern "C" {
        // glibc 2.28+.
        fn renameat2(
            olddirfd: c_int,
            oldpath: *const c_char,
            newdirfd: c_int,
            newpath: *const c_char,
            flags: c_uint,
        ) -> c_int;
    }
    const AT_FDCWD: c_int = -100;
    const RENAME_EXCHANGE: c_uint = 2;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive
    // the call; renameat2 only reads them.
    let status = unsafe { renameat2(AT_FDCWD, a.as_ptr(), AT_FDCWD, b.as_ptr(), RENAME_EXCHANGE) };
    if status == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// No atomic exchange here: the caller falls back to two renames.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Removes staging and old folders left by killed builds. If a build was
/// killed between its two renames, the old output is put back first.
fn clean_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let out = parent.join(name);
    let mut stale: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    stale.sort();
    for path in stale {
        let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
            continue;
        };
        if file.starts_with(&format!(".{name}.old-")) && !out.exists() {
            let _ = fs::rename(&path, &out);
        } else if file.starts_with(&format!(".{name}.tmp-"))
            || file.starts_with(&format!(".{name}.old-"))
        {
            remove_tree(&path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside() {
        assert!(safe_relative("claims/a.html"));
        assert!(!safe_relative("../x"));
        assert!(!safe_relative("/etc/x"));
        assert!(!safe_relative(""));
    }

    #[test]
    fn swap_replaces_and_cleans_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(dir.path().join(".public.tmp-1")).unwrap();
        write_site(
            &out,
            &[Page {
                path: "a/b.html".into(),
                bytes: b"1".to_vec(),
            }],
        )
        .unwrap();
        write_site(
            &out,
            &[Page {
                path: "c.html".into(),
                bytes: b"2".to_vec(),
            }],
        )
        .unwrap();
        assert!(!out.join("a/b.html").exists());
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"2");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("public")]);
    }
}
