//! The folders beside the output: the reused tree listed (early, on a
//! thread of its own, by [`survey`]) and pruned of what the new site does
//! not have, the working tree swapped in with one atomic exchange, and
//! what killed builds left put back or removed.

use super::manifest::{
    Entry, Manifest, folder_id, manifest_path, read_manifest, read_manifest_and_record,
};
use super::{OutputError, io_err};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The files and folders of a tree, relative to it (each folder listed
/// once; entry types come with the listing, no `stat`).
#[derive(Debug, Clone, Default)]
pub(super) struct Listing {
    /// Files (and links), by relative path.
    files: Vec<String>,
    /// Folders, relative with a trailing `/`, parents before children.
    dirs: Vec<String>,
    /// Entries whose names are not UTF-8 (never written by a build).
    odd: Vec<(PathBuf, bool)>,
}

pub(super) fn list_tree(tree: &Path) -> Listing {
    let mut listing = Listing::default();
    // Folders to list: the tree itself, then each one found.
    let mut folders = vec![String::new()];
    let mut listed = 0;
    while let Some(prefix) = folders.get(listed).cloned() {
        listed += 1;
        let Ok(entries) = fs::read_dir(tree.join(&prefix)) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let Some(name) = name.to_str() else {
                listing.odd.push((entry.path(), is_dir));
                continue;
            };
            let rel = [prefix.as_str(), name].concat();
            if is_dir {
                folders.push(rel + "/");
            } else {
                listing.files.push(rel);
            }
        }
    }
    folders.remove(0);
    listing.dirs = folders;
    listing
}

/// Removes every file of `listing` (a listing of `tree`) that is not in
/// `keep`, then the folders left empty. Returns how many files were
/// removed. Names are looked up in a set of the kept paths.
pub(super) fn prune(tree: &Path, listing: &Listing, keep: &[(String, Entry)]) -> usize {
    let wanted: std::collections::HashSet<&str> = keep.iter().map(|(p, _)| p.as_str()).collect();
    let extra: Vec<&String> = listing
        .files
        .iter()
        .filter(|f| !wanted.contains(f.as_str()))
        .collect();
    extra.par_iter().for_each(|f| {
        let _ = fs::remove_file(tree.join(f));
    });
    for (path, is_dir) in &listing.odd {
        if *is_dir {
            remove_tree(path);
        } else {
            let _ = fs::remove_file(path);
        }
    }
    for dir in listing.dirs.iter().rev() {
        let _ = fs::remove_dir(tree.join(dir));
    }
    extra.len() + listing.odd.iter().filter(|(_, d)| !d).count()
}

/// What a build can learn about the tree it will reuse before it starts
/// writing: its manifest and its listing, read on a thread of their own
/// while the dossier loads (reading only).
#[derive(Debug)]
pub(super) struct Survey {
    /// The identity of the tree surveyed.
    pub(super) id: Option<String>,
    pub(super) known: Manifest,
    pub(super) listing: Option<Listing>,
    /// The output's manifest and the record its build left.
    pub(super) live: (Manifest, Option<String>),
}

pub(super) fn survey(out: &Path) -> Survey {
    let (parent, name) = parent_and_name(out);
    let live = live_manifest(&parent, &name, out);
    let prev = parent.join(format!(".{name}.prev"));
    let id = folder_id(&prev);
    if id.is_none() || !prev.is_dir() {
        return Survey {
            id: None,
            known: Manifest::new(),
            listing: None,
            live,
        };
    }
    let known = manifest_path(&parent, &name, &prev)
        .map(|path| read_manifest(&path))
        .unwrap_or_default();
    Survey {
        id,
        known,
        listing: Some(list_tree(&prev)),
        live,
    }
}

/// The output's manifest and the record its build left (none when it
/// has no manifest: never built, or changed since by hand).
pub(super) fn live_manifest(parent: &Path, name: &str, out: &Path) -> (Manifest, Option<String>) {
    match manifest_path(parent, name, out) {
        Some(path) if out.is_dir() => read_manifest_and_record(&path),
        _ => (Manifest::new(), None),
    }
}

/// The folder an output folder sits in, and its name.
pub(super) fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

pub(super) fn swap(
    staging: &Path,
    out: &Path,
    parent: &Path,
    name: &str,
    pid: u32,
) -> Result<(), OutputError> {
    if out.exists() && exchange(staging, out).is_ok() {
        return Ok(());
    }
    if out.exists() {
        let old = parent.join(format!(".{name}.old-{pid}"));
        fs::rename(out, &old).map_err(io_err(out))?;
        if let Err(e) = fs::rename(staging, out) {
            let _ = fs::rename(&old, out);
            return Err(io_err(out)(e));
        }
        // The old output becomes what `staging` names, as after an exchange.
        if fs::rename(&old, staging).is_err() {
            remove_tree(&old);
        }
    } else {
        fs::rename(staging, out).map_err(io_err(out))?;
    }
    Ok(())
}

/// Removes a folder tree, unlinking files in parallel (a site of 100,000
/// pages takes seconds to delete one file at a time). Errors are ignored: a
/// leftover is removed by the next build's [`clean_stale`].
pub(super) fn remove_tree(root: &Path) {
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
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
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
pub(super) fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Deals with what killed builds left beside the output. If a build was
/// killed between its two renames, the old output is put back first. A
/// working tree left by a killed build becomes `.prev` when there is none
/// (its files are all compared by the next build anyway); the rest go.
pub(super) fn clean_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let out = parent.join(name);
    let prev = parent.join(format!(".{name}.prev"));
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
            let adopted = path.is_dir() && !prev.exists() && fs::rename(&path, &prev).is_ok();
            if !adopted {
                remove_tree(&path);
            }
        } else if file.starts_with(&format!(".{name}.archive-")) && path.is_file() {
            // An archive a killed build was writing.
            let _ = fs::remove_file(&path);
        }
    }
    // Manifests of trees that are gone.
    let live: Vec<PathBuf> = [&out, &prev]
        .iter()
        .filter_map(|t| manifest_path(parent, name, t))
        .collect();
    if let Ok(entries) = fs::read_dir(parent) {
        let prefix = format!(".{name}.manifest-");
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let ours = path
                .file_name()
                .and_then(|f| f.to_str())
                .is_some_and(|f| f.starts_with(&prefix));
            if ours && !live.contains(&path) {
                let _ = fs::remove_file(&path);
            }
        }
    }
}
