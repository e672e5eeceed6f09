//! The writer: pages put into the working tree as they come (a file whose
//! bytes are already there is left alone), then the tree completed (what
//! the new site does not have removed, its manifest written) and swapped
//! in.

use super::archive::ArchiveStats;
use super::manifest::{
    Entry, Manifest, folder_id, hash, manifest_path, mtime_ns, read_manifest, write_manifest,
};
use super::target::safe_relative;
use super::tree::{
    Listing, Survey, clean_stale, list_tree, live_manifest, parent_and_name, prune, remove_tree,
    swap,
};
use super::{OutputError, Page, io_err};
use crate::page::Archive;
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `pages` as the new content of `out`, atomically replacing it.
pub fn write_site(out: &Path, pages: &[Page]) -> Result<(), OutputError> {
    let writer = Writer::begin(out)?;
    let result = pages
        .par_iter()
        .try_for_each(|page| writer.put(&page.path, &page.bytes));
    match result {
        Ok(()) => writer.finish(),
        Err(e) => {
            writer.abort();
            Err(e)
        }
    }
}

/// What [`Writer::finish`] did.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    /// Files written.
    pub written: usize,
    /// Files already right in the reused tree, left as they were.
    pub kept: usize,
    /// Files of the reused tree that the new site does not have, removed.
    pub removed: usize,
    /// The archive's entries, when one was made.
    pub archive: Option<ArchiveStats>,
}

/// Fills a working tree beside the output and swaps it in.
///
/// The working tree is the previous build's output, kept as
/// `.<name>.prev` after each swap: a page whose bytes are already there is
/// left alone, so a rebuild writes only what changed instead of creating
/// every file anew (creating a file costs tens of microseconds on ext4;
/// reading one to compare costs a few). Without a `.prev` (first build, or
/// after it was deleted) the tree starts empty. While a build runs the tree
/// is named `.<name>.tmp-<pid>`; a build killed before the swap leaves it
/// there, and the next build adopts it as its `.prev`, since every file is
/// compared anyway. The live output is never written in place.
#[derive(Debug)]
pub struct Writer {
    pub(super) out: PathBuf,
    parent: PathBuf,
    name: String,
    pub(super) tree: PathBuf,
    pub(super) reused: bool,
    /// What the reused tree held when it was written, if known.
    pub(super) known: Manifest,
    /// What the reused tree holds, if listed before the build began.
    listing: Option<Listing>,
    /// The output's manifest and the record its build left
    /// (`super::previous`).
    pub(super) live: (Manifest, std::sync::Mutex<Option<String>>),
    /// Whether `live` is what the survey found (else read again when the
    /// writer began: another build finished in between).
    pub(super) live_surveyed: bool,
    /// The output is not the one whose record the build took (see
    /// `LazyWriter::writer`): none of its files is vouched for.
    pub(super) distrusted: bool,
    emitted: std::sync::Mutex<Vec<(String, Entry)>>,
    written: std::sync::atomic::AtomicUsize,
    /// Files that were already right in the reused tree (for the archive,
    /// which copies their entries from the tree's archive).
    unchanged: std::sync::Mutex<Vec<String>>,
    /// Held until the writer is dropped or aborted: one build at a time
    /// per output.
    lock: std::sync::Mutex<Option<fs::File>>,
}

/// Takes `.<name>.lock` beside the output, waiting (and saying so) while
/// another build or `serve` of the same output holds it: two builds
/// sharing the working tree would each remove the other's files.
fn lock_output(parent: &Path, name: &str, out: &Path) -> Result<fs::File, OutputError> {
    let path = parent.join(format!(".{name}.lock"));
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io_err(&path))?;
    match file.try_lock() {
        Ok(()) => return Ok(file),
        Err(fs::TryLockError::WouldBlock) => {
            eprintln!(
                "Waiting for another build of {} to finish (it holds {})…",
                out.display(),
                path.display()
            );
        }
        // A file system without locks: build as before.
        Err(fs::TryLockError::Error(_)) => return Ok(file),
    }
    file.lock().map_err(io_err(&path))?;
    Ok(file)
}

impl Writer {
    /// Prepares the working tree. Nothing visible at `out` changes until
    /// [`Writer::finish`].
    pub fn begin(out: &Path) -> Result<Writer, OutputError> {
        Writer::begin_surveyed(out, None)
    }

    /// [`Writer::begin`], with what a [`Survey`] found in the kept tree
    /// (used if the tree is still the one surveyed).
    pub(super) fn begin_surveyed(
        out: &Path,
        survey: Option<Survey>,
    ) -> Result<Writer, OutputError> {
        let (parent, name) = parent_and_name(out);
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let lock = lock_output(&parent, &name, out)?;
        clean_stale(&parent, &name);
        let pid = std::process::id();
        let tree = parent.join(format!(".{name}.tmp-{pid}"));
        if tree.exists() {
            remove_tree(&tree);
        }
        let prev = parent.join(format!(".{name}.prev"));
        let reused = prev.is_dir() && fs::rename(&prev, &tree).is_ok();
        let mut known = Manifest::new();
        let mut listing = None;
        let mut live = None;
        if reused {
            let id = folder_id(&tree);
            match survey {
                Some(survey) if survey.id.is_some() && survey.id == id => {
                    known = survey.known;
                    listing = survey.listing;
                    live = Some(survey.live);
                }
                _ => {
                    if let Some(path) = manifest_path(&parent, &name, &tree) {
                        known = read_manifest(&path);
                    }
                }
            }
            // The tree is about to change: its manifest no longer holds.
            if let Some(path) = manifest_path(&parent, &name, &tree) {
                let _ = fs::remove_file(&path);
            }
        } else {
            fs::create_dir(&tree).map_err(io_err(&tree))?;
        }
        let live_surveyed = live.is_some();
        let live = live.unwrap_or_else(|| live_manifest(&parent, &name, out));
        Ok(Writer {
            out: out.to_path_buf(),
            parent,
            name,
            tree,
            reused,
            known,
            listing,
            live: (live.0, std::sync::Mutex::new(live.1)),
            live_surveyed,
            distrusted: false,
            emitted: std::sync::Mutex::new(Vec::new()),
            written: std::sync::atomic::AtomicUsize::new(0),
            unchanged: std::sync::Mutex::new(Vec::new()),
            lock: std::sync::Mutex::new(Some(lock)),
        })
    }

    /// Puts one file into the working tree (callable from many threads).
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        if !safe_relative(path) {
            return Err(OutputError::BadPath(path.to_string()));
        }
        let full = self.tree.join(path);
        let hash = hash(bytes);
        let len = bytes.len() as u64;
        let kept = if !self.reused {
            None
        } else if let Some(e) = self.known.get(path) {
            // Known: the same bytes and a file untouched since.
            (e.hash == hash && e.len == len)
                .then(|| e.untouched(&full))
                .flatten()
        } else if self.known.is_empty() {
            // No manifest: compare with what is there.
            same_contents(&full, bytes)
        } else {
            None
        };
        self.settle(path, kept, (len, hash), || {
            write_file(&full, bytes, !self.reused)
        })
    }

    /// Notes the file at `path` of the working tree, of `len` and `hash`:
    /// already there (`same`, its metadata), or made by `make`.
    pub(super) fn settle(
        &self,
        path: &str,
        same: Option<fs::Metadata>,
        (len, hash): (u64, u128),
        make: impl FnOnce() -> Result<fs::Metadata, OutputError>,
    ) -> Result<(), OutputError> {
        let meta = match same {
            Some(meta) => {
                self.unchanged
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(path.to_string());
                meta
            }
            None => {
                self.written
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                make()?
            }
        };
        let entry = Entry {
            len,
            mtime_ns: mtime_ns(&meta).unwrap_or_default(),
            hash,
        };
        self.emitted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_string(), entry));
        Ok(())
    }

    /// Removes what the new site does not have, swaps the tree in, and
    /// keeps the old output as the next build's `.prev`.
    pub fn finish(self) -> Result<(), OutputError> {
        self.finish_with_stats().map(|_| ())
    }

    /// [`Writer::finish`], returning what was written.
    pub fn finish_with_stats(self) -> Result<WriteStats, OutputError> {
        self.finish_with(None, None)
    }

    /// [`Writer::finish_with_stats`], having made `archive` of the files
    /// put (see `super::archive`) when there is one, and leaving `record`
    /// with the tree's manifest for the next build (`super::previous`).
    pub fn finish_with(
        self,
        archive: Option<&Archive>,
        record: Option<&str>,
    ) -> Result<WriteStats, OutputError> {
        let mut emitted = std::mem::take(
            &mut *self
                .emitted
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        emitted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut written = self.written.load(std::sync::atomic::Ordering::Relaxed);
        let mut stats = WriteStats {
            written,
            kept: emitted.len().saturating_sub(written),
            removed: 0,
            archive: None,
        };
        if let Some(archive) = archive {
            match self.make_archive(archive, &emitted) {
                Ok((entry, made)) => {
                    let at = emitted.partition_point(|e| e.0 < archive.path);
                    if emitted.get(at).is_some_and(|e| e.0 == archive.path) {
                        emitted[at].1 = entry;
                    } else {
                        emitted.insert(at, (archive.path.clone(), entry));
                    }
                    written += 1;
                    stats.written = written;
                    stats.archive = Some(made);
                }
                Err(e) => {
                    self.abort();
                    return Err(e);
                }
            }
        }
        // The tree is pruned while the manifest is written.
        let manifest = manifest_path(&self.parent, &self.name, &self.tree);
        let (removed, ()) = rayon::join(
            || {
                if self.reused {
                    let listing = match &self.listing {
                        Some(listing) => std::borrow::Cow::Borrowed(listing),
                        None => std::borrow::Cow::Owned(list_tree(&self.tree)),
                    };
                    prune(&self.tree, &listing, &emitted)
                } else {
                    0
                }
            },
            || {
                if let Some(path) = &manifest {
                    write_manifest(path, &emitted, record);
                }
            },
        );
        stats.removed = removed;
        let pid = std::process::id();
        let result = swap(&self.tree, &self.out, &self.parent, &self.name, pid);
        if result.is_err() {
            self.abort();
            return result.map(|()| stats);
        }
        // `tree` now holds the old output (or nothing, on a first build).
        if self.tree.exists() {
            let prev = self.parent.join(format!(".{}.prev", self.name));
            if prev.exists() || fs::rename(&self.tree, &prev).is_err() {
                remove_tree(&self.tree);
            }
        }
        crate::drop_later((self, emitted));
        Ok(stats)
    }

    /// Writes `archive` of the files `emitted` (sorted) into the tree;
    /// gives its manifest entry (its hash is never compared: no page has
    /// its path) and what it copied and compressed.
    fn make_archive(
        &self,
        archive: &Archive,
        emitted: &[(String, Entry)],
    ) -> Result<(Entry, ArchiveStats), OutputError> {
        if !safe_relative(&archive.path) {
            return Err(OutputError::BadPath(archive.path.clone()));
        }
        let unchanged = std::mem::take(
            &mut *self
                .unchanged
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        let unchanged: std::collections::HashSet<&str> =
            unchanged.iter().map(String::as_str).collect();
        let files: Vec<(&str, u64)> = emitted.iter().map(|e| (e.0.as_str(), e.1.len)).collect();
        let scratch = self
            .parent
            .join(format!(".{}.archive-{}", self.name, std::process::id()));
        // The tree's archive holds its files as they are only if the tree
        // is as the build that finished it left it: its manifest was read
        // (a build deletes it before changing the tree) and the archive
        // itself is untouched since.
        let target = self.tree.join(&archive.path);
        let trusted = self.reused
            && self
                .known
                .get(&archive.path)
                .is_some_and(|e| e.untouched(&target).is_some());
        let unchanged = if trusted {
            unchanged
        } else {
            Default::default()
        };
        let previous = self.previous_archive(archive, emitted, target, unchanged);
        let made = super::archive::write(&self.tree, &scratch, archive, &files, &previous);
        if made.is_err() {
            let _ = fs::remove_file(&scratch);
        }
        let (meta, stats) = made?;
        let entry = Entry {
            len: meta.len(),
            mtime_ns: mtime_ns(&meta).unwrap_or_default(),
            hash: 0,
        };
        Ok((entry, stats))
    }

    /// The archive to copy unchanged entries from: the tree's own (`at`,
    /// holding `unchanged` as they are) when it holds every file, kept as
    /// it is; else the output's, one build newer than the tree (a first
    /// rebuild has no tree to reuse), when its manifest vouches for it and
    /// it holds more of the files as they are now.
    fn previous_archive<'a>(
        &self,
        archive: &Archive,
        emitted: &'a [(String, Entry)],
        at: PathBuf,
        unchanged: std::collections::HashSet<&'a str>,
    ) -> super::archive::Previous<'a> {
        let tree = super::archive::Previous {
            path: at,
            unchanged,
        };
        let members = emitted.iter().filter(|e| e.0 != archive.path).count();
        if tree.unchanged.len() >= members {
            return tree;
        }
        let Some(known) =
            manifest_path(&self.parent, &self.name, &self.out).map(|p| read_manifest(&p))
        else {
            return tree;
        };
        let current = self.out.join(&archive.path);
        let vouched = known
            .get(&archive.path)
            .is_some_and(|e| e.untouched(&current).is_some());
        if !vouched {
            return tree;
        }
        let unchanged: std::collections::HashSet<&str> = emitted
            .iter()
            .filter(|(path, e)| {
                *path != archive.path
                    && known
                        .get(path)
                        .is_some_and(|k| k.hash == e.hash && k.len == e.len)
            })
            .map(|(path, _)| path.as_str())
            .collect();
        if unchanged.len() > tree.unchanged.len() {
            super::archive::Previous {
                path: current,
                unchanged,
            }
        } else {
            tree
        }
    }

    /// Gives the working tree back as `.prev` without touching the output.
    pub fn abort(&self) {
        let prev = self.parent.join(format!(".{}.prev", self.name));
        if self.tree.exists() && (prev.exists() || fs::rename(&self.tree, &prev).is_err()) {
            remove_tree(&self.tree);
        }
        // The next build may begin while this writer is still about.
        let lock = self
            .lock
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        drop(lock);
    }
}

/// Whether the file at `path` holds exactly `bytes` (then its metadata).
/// Read in blocks into one small buffer per thread: no allocation the size
/// of the file.
fn same_contents(path: &Path, bytes: &[u8]) -> Option<fs::Metadata> {
    use std::io::Read;
    const BLOCK: usize = 64 * 1024;
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; BLOCK]);
    }
    let mut file = fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    let same = BUFFER.with_borrow_mut(|buffer| {
        let mut rest = bytes;
        loop {
            let want = rest.len().min(BLOCK);
            // One byte more than is left, to see the end of the file.
            let n = match file.read(&mut buffer[..(want + 1).min(BLOCK)]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return false,
            };
            if n == 0 {
                return rest.is_empty();
            }
            if n > rest.len() || buffer[..n] != rest[..n] {
                return false;
            }
            rest = &rest[n..];
        }
    });
    same.then_some(meta)
}

/// Writes a file, creating its folder when missing; a folder or symlink in
/// the way is removed first (unless the tree is `fresh`). Returns the
/// file's metadata once written.
fn write_file(full: &Path, bytes: &[u8], fresh: bool) -> Result<fs::Metadata, OutputError> {
    place_file(full, fresh, |full| {
        use std::io::Write;
        let mut file = fs::File::create(full)?;
        file.write_all(bytes)?;
        file.metadata()
    })
}

/// Makes the file `full` with `make` (its folders made as needed; in a
/// tree this build did not create, `fresh` false, a folder or link in the
/// way removed first); gives its metadata.
pub(super) fn place_file(
    full: &Path,
    fresh: bool,
    make: impl Fn(&Path) -> io::Result<fs::Metadata>,
) -> Result<fs::Metadata, OutputError> {
    // In a tree this build created, nothing can be in the way.
    if !fresh {
        match fs::symlink_metadata(full) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(full).map_err(io_err(full))?,
            Ok(m) if m.file_type().is_symlink() => fs::remove_file(full).map_err(io_err(full))?,
            _ => {}
        }
    }
    match make(full) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            if let Some(dir) = full.parent() {
                make_dir(dir)?;
            }
            make(full).map_err(io_err(full))
        }
        other => other.map_err(io_err(full)),
    }
}

/// Creates `dir` and its parents; a file in the way is removed first.
fn make_dir(dir: &Path) -> Result<(), OutputError> {
    let mut missing = Vec::new();
    let mut cur = dir;
    loop {
        match fs::symlink_metadata(cur) {
            Ok(m) if m.is_dir() => break,
            Ok(_) => {
                fs::remove_file(cur).map_err(io_err(cur))?;
                missing.push(cur);
            }
            Err(_) => missing.push(cur),
        }
        match cur.parent() {
            Some(p) => cur = p,
            None => break,
        }
    }
    for d in missing.iter().rev() {
        match fs::create_dir(d) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && d.is_dir() => {}
            Err(e) => return Err(io_err(d)(e)),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::LazyWriter;
    use super::*;

    fn page(path: &str, bytes: &[u8]) -> Page {
        Page {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with(".public.manifest-"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn swap_replaces_and_cleans_stale() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(dir.path().join(".public.tmp-1/x")).unwrap();
        fs::create_dir_all(dir.path().join(".public.tmp-2")).unwrap();
        write_site(&out, &[page("a/b.html", b"1")]).unwrap();
        write_site(&out, &[page("c.html", b"2")]).unwrap();
        assert!(!out.join("a/b.html").exists());
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"2");
        // The first build's output is kept for the next build to reuse;
        // the strays are gone.
        assert_eq!(
            names(dir.path()),
            [".public.lock", ".public.prev", "public"]
        );
        assert_eq!(
            fs::read(dir.path().join(".public.prev/a/b.html")).unwrap(),
            b"1"
        );
    }

    #[test]
    fn rebuild_writes_only_what_changed_and_removes_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let v1 = [
            page("a.html", b"one"),
            page("d/b.html", b"two"),
            page("gone.html", b"x"),
        ];
        let v2 = [
            page("a.html", b"one"),
            page("d/b.html", b"TWO"),
            page("new/c.html", b"3"),
        ];
        for pages in [&v1[..], &v1[..], &v2[..], &v2[..]] {
            write_site(&out, pages).unwrap();
        }
        // The third build reused the first one's tree, the fourth the
        // second one's: each compared every file.
        let writer = Writer::begin(&out).unwrap();
        assert!(writer.reused);
        for p in &v2 {
            writer.put(&p.path, &p.bytes).unwrap();
        }
        let stats = writer.finish_with_stats().unwrap();
        assert_eq!((stats.written, stats.kept, stats.removed), (0, 3, 0));
        let mut files: Vec<String> = walkdir::WalkDir::new(&out)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.path().strip_prefix(&out).unwrap().display().to_string())
            .collect();
        files.sort();
        assert_eq!(files, vec!["a.html", "d/b.html", "new/c.html"]);
        assert_eq!(fs::read(out.join("d/b.html")).unwrap(), b"TWO");

        // Going back to v1 from a tree holding v2: one changed, one
        // removed, one new, and the empty `new/` folder goes.
        let writer = Writer::begin(&out).unwrap();
        for p in &v1 {
            writer.put(&p.path, &p.bytes).unwrap();
        }
        let stats = writer.finish_with_stats().unwrap();
        assert_eq!((stats.written, stats.kept, stats.removed), (2, 1, 1));
        assert!(!out.join("new").exists());
        assert_eq!(fs::read(out.join("gone.html")).unwrap(), b"x");
    }

    #[test]
    fn a_surveyed_rebuild_prunes_what_the_survey_listed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let v1 = [page("a.html", b"one"), page("d/e/b.html", b"two")];
        let v2 = [page("a.html", b"one"), page("c.html", b"3")];
        let build = |pages: &[Page]| {
            let writer = LazyWriter::new(&out);
            for p in pages {
                writer.put(&p.path, &p.bytes).unwrap();
            }
            writer.finish().unwrap()
        };
        build(&v1);
        build(&v1);
        // A file added by hand to the tree the next build reuses goes too.
        fs::write(dir.path().join(".public.prev/d/extra.txt"), "x").unwrap();
        let stats = build(&v2);
        assert_eq!((stats.written, stats.kept, stats.removed), (1, 1, 2));
        assert!(!out.join("d").exists());
        assert_eq!(fs::read(out.join("c.html")).unwrap(), b"3");
        // The survey found the kept tree's manifest: nothing rewritten.
        build(&v2);
        let stats = build(&v2);
        assert_eq!((stats.written, stats.kept, stats.removed), (0, 2, 0));
        // A build that writes nothing still swaps an empty site in.
        let stats = build(&[]);
        assert_eq!((stats.written, stats.kept, stats.removed), (0, 0, 2));
    }

    #[test]
    fn an_aborted_build_leaves_the_output_and_keeps_the_tree() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[page("a.html", b"1")]).unwrap();
        write_site(&out, &[page("a.html", b"2")]).unwrap();
        let writer = Writer::begin(&out).unwrap();
        writer.put("a.html", b"3").unwrap();
        writer.abort();
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"2");
        assert_eq!(
            names(dir.path()),
            [".public.lock", ".public.prev", "public"]
        );
        // The tree holds the aborted write; the next build compares it.
        write_site(&out, &[page("a.html", b"1")]).unwrap();
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"1");
    }

    #[test]
    fn contents_compare_across_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&path, &big).unwrap();
        assert!(same_contents(&path, &big).is_some());
        let mut other = big.clone();
        other[150_000] ^= 1;
        assert!(same_contents(&path, &other).is_none());
        assert!(same_contents(&path, &big[..199_999]).is_none());
        fs::write(&path, &big[..199_999]).unwrap();
        assert!(same_contents(&path, &big).is_none());
        fs::write(&path, b"").unwrap();
        assert!(same_contents(&path, b"").is_some());
        assert!(same_contents(&dir.path().join("missing"), b"").is_none());
    }

    #[test]
    fn the_manifest_skips_unchanged_files_but_not_hand_edited_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let site = [page("a.html", b"one"), page("b.html", b"two")];
        for _ in 0..3 {
            write_site(&out, &site).unwrap();
        }
        // The tree to reuse has a manifest: nothing to write.
        let writer = Writer::begin(&out).unwrap();
        assert_eq!(writer.known.len(), 2);
        for p in &site {
            writer.put(&p.path, &p.bytes).unwrap();
        }
        let stats = writer.finish_with_stats().unwrap();
        assert_eq!((stats.written, stats.kept), (0, 2));
        // Edit a file of the tree the next build reuses, keeping its size:
        // the build rewrites it although its manifest entry matches.
        let prev = dir.path().join(".public.prev");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(prev.join("a.html"), b"ONE").unwrap();
        let writer = Writer::begin(&out).unwrap();
        for p in &site {
            writer.put(&p.path, &p.bytes).unwrap();
        }
        let stats = writer.finish_with_stats().unwrap();
        assert_eq!((stats.written, stats.kept), (1, 1));
        assert_eq!(fs::read(out.join("a.html")).unwrap(), b"one");
        // One manifest per tree, no more.
        let manifests = fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".public.manifest-")
            })
            .count();
        assert_eq!(manifests, 2);
    }

    #[test]
    fn a_file_where_a_folder_goes_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let a = [page("x", b"file")];
        let b = [page("x/y.html", b"nested")];
        // Each twice, so that every build reuses a tree of the other shape.
        for pages in [&a[..], &a[..], &b[..], &b[..], &a[..], &a[..]] {
            write_site(&out, pages).unwrap();
            for p in pages {
                assert_eq!(fs::read(out.join(&p.path)).unwrap(), p.bytes);
            }
        }
    }
}
