//! Writing into the served output in place, file by file: each file
//! replaced through a temporary file and a rename, so the server never
//! reads half a page, and files the new site does not have removed.

use crate::output::{OutputError, Page, safe_relative};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// Writes the `changed` pages and removes the files of `old` that are not
/// in `new` (the hashes of the whole new site). Returns (written, removed).
pub(super) fn write_changes(
    out: &Path,
    old: &HashMap<String, u128>,
    new: &HashMap<String, u128>,
    changed: &[Page],
) -> Result<(usize, usize), OutputError> {
    changed
        .par_iter()
        .try_for_each(|p| write_atomic(out, &p.path, &p.bytes))?;
    let mut gone: Vec<String> = old
        .keys()
        .filter(|p| !new.contains_key(*p))
        .cloned()
        .collect();
    gone.sort();
    let removed = remove_files(out, &gone)?;
    Ok((changed.len(), removed))
}

/// Removes the files at `paths` (relative to `out`) and the folders they
/// leave empty. Returns how many were there.
pub(super) fn remove_files(out: &Path, paths: &[String]) -> Result<usize, OutputError> {
    let mut removed = 0;
    for path in paths {
        if !safe_relative(path) {
            continue;
        }
        let file = out.join(path);
        match fs::remove_file(&file) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(OutputError::Io { path: file, source }),
        }
        // Drop folders left empty (`remove_dir` fails on the others).
        let mut dir = file.parent();
        while let Some(d) = dir {
            if d == out || fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(removed)
}

/// Replaces `out/rel` with `bytes` through a temporary file and a rename.
pub(super) fn write_atomic(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
    if !safe_relative(rel) {
        return Err(OutputError::BadPath(rel.to_string()));
    }
    let path = out.join(rel);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, source }
    };
    let dir = path.parent().unwrap_or(out);
    fs::create_dir_all(dir).map_err(io(dir))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.serve-tmp-{}", std::process::id()));
    let result = fs::write(&tmp, bytes)
        .map_err(io(&tmp))
        .and_then(|()| fs::rename(&tmp, &path).map_err(io(&path)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output;

    #[test]
    fn writes_only_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let page = |p: &str, b: &str| Page {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        let first = vec![page("index.html", "1"), page("claims/a.html", "a")];
        output::write_site(&out, &first).unwrap();
        let hashes = |pages: &[Page]| -> HashMap<String, u128> {
            pages
                .iter()
                .map(|p| (p.path.clone(), xxhash_rust::xxh3::xxh3_128(&p.bytes)))
                .collect()
        };
        let old = hashes(&first);
        let second = vec![page("index.html", "2"), page("topics/t.html", "t")];
        let changed = vec![page("index.html", "2"), page("topics/t.html", "t")];
        assert_eq!(
            write_changes(&out, &old, &hashes(&second), &changed).unwrap(),
            (2, 1)
        );
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"2");
        assert_eq!(fs::read(out.join("topics/t.html")).unwrap(), b"t");
        assert!(!out.join("claims").exists(), "empty folder removed");
        let mut names: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["index.html", "topics"], "no temporary file left");
        assert!(matches!(
            write_atomic(&out, "../x", b""),
            Err(OutputError::BadPath(_))
        ));
    }
}
