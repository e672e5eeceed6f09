//! The manifest of a kept tree: each file's length, modification time and
//! hash as the build that wrote it left them, so that the next build tells
//! an unchanged file by a `stat` instead of reading it back.

use std::fs;
use std::path::{Path, PathBuf};

/// One file as written: its length, modification time and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) len: u64,
    pub(super) mtime_ns: i128,
    pub(super) hash: u128,
}

/// The files of a tree as the build that wrote it left them, so that the
/// next build to reuse the tree can tell an unchanged file by its hash and
/// a `stat` instead of reading it back. It is kept beside the output as
/// `.<name>.manifest-<inode of the tree folder>` (a folder keeps its inode
/// when renamed, so the manifest follows the tree through the swaps), is
/// deleted as soon as a build starts changing the tree, and is written
/// again once the tree is complete. A file whose size or time differs from
/// its entry (edited by hand) is rewritten.
pub(super) type Manifest = std::collections::HashMap<String, Entry>;

pub(super) fn hash(bytes: &[u8]) -> u128 {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

pub(super) fn mtime_ns(meta: &fs::Metadata) -> Option<i128> {
    let t = meta.modified().ok()?;
    Some(match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    })
}

impl Entry {
    /// The metadata of the file at `path` if it is as this entry says
    /// (a file of its length and modification time: untouched since).
    pub(super) fn untouched(&self, path: &Path) -> Option<fs::Metadata> {
        fs::symlink_metadata(path).ok().filter(|m| self.matches(m))
    }

    /// Whether `m` is of a file as this entry says it was written.
    pub(super) fn matches(&self, m: &fs::Metadata) -> bool {
        m.is_file() && m.len() == self.len && mtime_ns(m) == Some(self.mtime_ns)
    }
}

/// The identity of a folder that survives renames.
#[cfg(unix)]
pub(super) fn folder_id(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(dir).ok()?;
    Some(format!("{}-{}", m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub(super) fn folder_id(_dir: &Path) -> Option<String> {
    None
}

pub(super) fn manifest_path(parent: &Path, name: &str, tree: &Path) -> Option<PathBuf> {
    folder_id(tree).map(|id| parent.join(format!(".{name}.manifest-{id}")))
}

pub(super) fn read_manifest(path: &Path) -> Manifest {
    read_manifest_and_record(path).0
}

/// The line after the entries that starts the record a build left for
/// the next (`crate::reuse`), which runs to the end of the file.
const RECORD_LINE: &str = "#record";

/// The manifest at `path`, and the record written after its entries, if
/// any (an empty manifest and no record when the file is missing or not
/// one this version wrote).
pub(super) fn read_manifest_and_record(path: &Path) -> (Manifest, Option<String>) {
    let Ok(text) = fs::read_to_string(path) else {
        return (Manifest::new(), None);
    };
    let (entries, record) = match text.find(&format!("\n{RECORD_LINE}\n")) {
        Some(at) => (&text[..at + 1], Some(&text[at + RECORD_LINE.len() + 2..])),
        None => (text.as_str(), None),
    };
    let mut lines = entries.lines();
    if lines.next() != Some(MANIFEST_HEADER) {
        return (Manifest::new(), None);
    }
    let mut known = Manifest::new();
    for line in lines {
        let mut f = line.splitn(4, '\t');
        let (Some(len), Some(mtime), Some(h), Some(path)) =
            (f.next(), f.next(), f.next(), f.next())
        else {
            return (Manifest::new(), None);
        };
        let (Ok(len), Ok(mtime_ns), Ok(hash)) =
            (len.parse(), mtime.parse(), u128::from_str_radix(h, 16))
        else {
            return (Manifest::new(), None);
        };
        known.insert(
            path.to_string(),
            Entry {
                len,
                mtime_ns,
                hash,
            },
        );
    }
    (known, record.map(str::to_string))
}

/// The manifest's first line. Its number changes whenever a tree it
/// vouches for would differ from the one this version writes (2: the
/// archive's entries are deflated by libdeflate; an archive copying
/// entries from one made before would not be the one a cold build makes).
pub(super) const MANIFEST_HEADER: &str = "dossier manifest 2";

/// Writes the manifest of `entries`, and after them `record` when the
/// build left one for the next.
pub(super) fn write_manifest(path: &Path, entries: &[(String, Entry)], record: Option<&str>) {
    let mut text =
        String::with_capacity(entries.len() * 80 + 32 + record.map_or(0, |r| r.len() + 9));
    text.push_str(MANIFEST_HEADER);
    text.push('\n');
    for (p, e) in entries {
        use std::fmt::Write as _;
        let _ = writeln!(text, "{}\t{}\t{:032x}\t{p}", e.len, e.mtime_ns, e.hash);
    }
    if let Some(record) = record {
        text.push_str(RECORD_LINE);
        text.push('\n');
        text.push_str(record);
    }
    // Written aside and renamed, so that a manifest is whole or absent.
    let tmp = PathBuf::from(format!("{}.part", path.display()));
    if fs::write(&tmp, text).is_ok() {
        let _ = fs::rename(&tmp, path);
    }
}
