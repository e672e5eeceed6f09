//! The site as one `.zip`, made by the writer once every file is in the
//! working tree, for readers who download it (every page's footer links
//! to it).
//!
//! In: the working tree, the files of the build (sorted), which of them
//! were already right in the tree, and the [`Archive`] rendering planned.
//! Out: the archive, in the tree, under the name planned. Its entries are
//! the site's files under one folder, sorted by path, dated 1980-01-01
//! (the earliest a zip can say), mode 0644, without extra fields, deflated
//! (PNG and other packed files stored), so the same site gives
//! the same bytes. It leaves out itself, and in each page the link to
//! itself (an unzipped copy has no archive to download). The service
//! worker stays: it is of no use from disk, but a copy served over http
//! without it would log a failed registration on every page.
//!
//! Compressing is most of the cost: files are deflated at level 3 (on
//! the 1,000-article corpus, 35.1 MB in about 1.3 s of CPU; level 6 gives
//! 34.3 MB in 1.7 s, level 1 46.0 MB in 0.9 s), in parallel (rayon, in
//! batches, so memory stays bounded; each batch is written while the next
//! is compressed, and files of 1 MiB or more, compressed first, side by
//! side, wait compressed for their turn), and a file a previous archive
//! holds as it is now is copied compressed from it, without being read:
//! the archive of the working tree (when the tree and its archive are as
//! the build that finished them left them) or, when that one lacks some
//! files, the output's, one build newer, when its manifest vouches for it
//! (see `Writer::previous_archive`). A rebuild compresses only what
//! changed; when nothing did, the tree's archive is kept as it is.

use super::io_err;
use crate::page::{Archive, OutputError};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufReader, BufWriter};
use std::ops::Range;
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Files compressed at a time.
const BATCH: usize = 256;

/// Files this large (bytes) are compressed before the others.
const BIG: u64 = 1 << 20;

/// What becomes of one file.
enum Entry {
    /// Copied compressed from the previous archive (its index there).
    Copy(usize),
    /// Compressed now.
    New(zip::write::PreparedZipFile),
}

/// What [`write`] did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ArchiveStats {
    /// Entries copied compressed from the previous archive.
    pub copied: usize,
    /// Entries compressed.
    pub compressed: usize,
}

/// An archive a build made before, and the files it holds as they are
/// now (which the caller vouches for).
pub(super) struct Previous<'a> {
    pub(super) path: std::path::PathBuf,
    pub(super) unchanged: HashSet<&'a str>,
}

/// Writes the archive of the files `files` of `tree` (path and length)
/// into `tree` (through `scratch`, a file name beside the tree), copying
/// from `previous` the entries of its unchanged files. Returns its
/// metadata once in place.
pub(super) fn write(
    tree: &Path,
    scratch: &Path,
    archive: &Archive,
    files: &[(&str, u64)],
    previous: &Previous,
) -> Result<(fs::Metadata, ArchiveStats), OutputError> {
    let target = tree.join(&archive.path);
    let unchanged = &previous.unchanged;
    let in_place = previous.path == target;
    let mut previous = fs::File::open(&previous.path)
        .ok()
        .and_then(|f| ZipArchive::new(BufReader::new(f)).ok());
    let (members, sizes): (Vec<&str>, Vec<u64>) = files
        .iter()
        .copied()
        .filter(|(p, _)| *p != archive.path)
        .unzip();
    let zip_err = |e: zip::result::ZipError| io_err(scratch)(io::Error::other(e));
    // For each member, its entry in the archive there, to copy.
    let copies: Vec<Option<usize>> = members
        .iter()
        .map(|path| {
            let old = previous.as_ref()?;
            unchanged
                .contains(path)
                .then(|| old.index_for_name(&format!("{}/{path}", archive.folder)))
                .flatten()
        })
        .collect();
    // Nothing changed: the archive there is the one this build would write.
    if in_place
        && previous
            .as_ref()
            .is_some_and(|old| old.len() == members.len())
        && copies.iter().enumerate().all(|(i, c)| *c == Some(i))
    {
        let meta = fs::metadata(&target).map_err(io_err(&target))?;
        let stats = ArchiveStats {
            copied: members.len(),
            compressed: 0,
        };
        return Ok((meta, stats));
    }
    let file = fs::File::create(scratch).map_err(io_err(scratch))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let mut stats = ArchiveStats::default();
    let compress = |i: usize| -> Result<Entry, OutputError> {
        if let Some(index) = copies[i] {
            return Ok(Entry::Copy(index));
        }
        let path = members[i];
        let name = format!("{}/{path}", archive.folder);
        let full = tree.join(path);
        let bytes = fs::read(&full).map_err(io_err(&full))?;
        let bytes = without_link_to(&bytes, path, &archive.path);
        zip::write::PreparedZipFile::from_data(&name, options(path), &bytes)
            .map(Entry::New)
            .map_err(zip_err)
    };
    // The large files (the data files, the search index, long lists) are
    // compressed first, side by side, and kept compressed until their turn:
    // in path order each would leave the other threads idle at the end of
    // its batch.
    let big: Vec<usize> = (0..members.len())
        .filter(|&i| copies[i].is_none() && sizes[i] >= BIG)
        .collect();
    let mut early: Vec<Option<Entry>> = (0..members.len()).map(|_| None).collect();
    for (i, entry) in big
        .par_iter()
        .map(|&i| (i, compress(i)))
        .collect::<Vec<_>>()
    {
        early[i] = Some(entry?);
    }
    let batches: Vec<Range<usize>> = (0..members.len())
        .step_by(BATCH)
        .map(|start| start..(start + BATCH).min(members.len()))
        .collect();
    let run = |range: Range<usize>, done: Vec<Option<Entry>>| {
        range
            .into_par_iter()
            .zip(done)
            .map(|(i, done)| done.map_or_else(|| compress(i), Ok))
            .collect::<Result<Vec<Entry>, OutputError>>()
    };
    // Each batch is written while the next one is compressed.
    let mut pending = Vec::new();
    for next in batches.into_iter().map(Some).chain([None]) {
        let done = next.as_ref().map(|range| {
            early[range.clone()]
                .iter_mut()
                .map(Option::take)
                .collect::<Vec<_>>()
        });
        let (written, compressed) = rayon::join(
            || add(&mut zip, &mut previous, pending, &mut stats, &target),
            || next.zip(done).map(|(range, done)| run(range, done)),
        );
        written?;
        pending = compressed.transpose()?.unwrap_or_default();
    }
    let out = zip.finish().map_err(zip_err)?;
    let file = out
        .into_inner()
        .map_err(|e| io_err(scratch)(e.into_error()))?;
    file.sync_all().ok();
    drop(file);
    drop(previous);
    fs::rename(scratch, &target).map_err(io_err(&target))?;
    let meta = fs::metadata(&target).map_err(io_err(&target))?;
    Ok((meta, stats))
}

/// Appends `entries` to `zip`, copying those kept from `previous`.
fn add<W: io::Write + io::Seek>(
    zip: &mut ZipWriter<W>,
    previous: &mut Option<ZipArchive<BufReader<fs::File>>>,
    entries: Vec<Entry>,
    stats: &mut ArchiveStats,
    target: &Path,
) -> Result<(), OutputError> {
    let zip_err = |e: zip::result::ZipError| io_err(target)(io::Error::other(e));
    for entry in entries {
        match entry {
            Entry::Copy(index) => {
                let old = previous
                    .as_mut()
                    .ok_or_else(|| io_err(target)(io::Error::other("previous archive gone")))?;
                let file = old.by_index_raw(index).map_err(zip_err)?;
                zip.raw_copy_file(file).map_err(zip_err)?;
                stats.copied += 1;
            }
            Entry::New(prepared) => {
                zip.add_prepared_file(prepared).map_err(zip_err)?;
                stats.compressed += 1;
            }
        }
    }
    Ok(())
}

/// How a file is stored: packed formats as they are, the rest deflated.
fn options(path: &str) -> SimpleFileOptions {
    let packed = [
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".woff2",
    ]
    .iter()
    .any(|ext| path.ends_with(ext));
    let options = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    if packed {
        options.compression_method(CompressionMethod::Stored)
    } else {
        options
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(3))
    }
}

/// A page without its link to the archive, written `<a … href="X">…</a>`
/// where X is the archive's path from the page (the footer's link); if the
/// link was all its paragraph held, the paragraph goes too. Other files
/// are left as they are.
fn without_link_to<'a>(bytes: &'a [u8], path: &str, archive: &str) -> std::borrow::Cow<'a, [u8]> {
    if !path.ends_with(".html") {
        return bytes.into();
    }
    let href = format!(
        "href=\"{}{archive}\"",
        "../".repeat(path.matches('/').count())
    );
    let finder = memchr::memmem::Finder::new(href.as_bytes());
    if finder.find(bytes).is_none() {
        return bytes.into();
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(at) = finder.find(rest) {
        // The `<a` opening the tag the attribute is in.
        let start =
            memchr::memmem::rfind(&rest[..at], b"<a ").filter(|&s| !rest[s..at].contains(&b'>'));
        let end = memchr::memmem::find(&rest[at..], b"</a>").map(|e| at + e + 4);
        let (Some(mut start), Some(mut end)) = (start, end) else {
            out.extend_from_slice(&rest[..at + href.len()]);
            rest = &rest[at + href.len()..];
            continue;
        };
        const OPEN: &[u8] = b"<p class=\"site-footer__offline\">";
        if rest[..start].ends_with(OPEN) && rest[end..].starts_with(b"</p>") {
            start -= OPEN.len();
            end += 4;
            while start > 0 && rest[start - 1] == b' ' {
                start -= 1;
            }
            if rest.get(end) == Some(&b'\n') {
                end += 1;
            }
        }
        out.extend_from_slice(&rest[..start]);
        rest = &rest[end..];
    }
    out.extend_from_slice(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_footer_link_to_the_archive_goes_and_nothing_else() {
        let page = "<p>a</p>\n  <p class=\"site-footer__offline\"><a href=\"../s.zip\" download>Download for offline reading</a></p>\n</div>";
        let out = without_link_to(page.as_bytes(), "claims/x.html", "s.zip");
        assert_eq!(String::from_utf8_lossy(&out), "<p>a</p>\n</div>");
        // Elsewhere only the link goes, its text with it.
        let page = "<p>Take <a class=\"x\" href=\"s.zip\">the zip</a> with you.</p>";
        let out = without_link_to(page.as_bytes(), "index.html", "s.zip");
        assert_eq!(String::from_utf8_lossy(&out), "<p>Take  with you.</p>");
        // At another depth the same href is another file: kept.
        let out = without_link_to(page.as_bytes(), "claims/x.html", "s.zip");
        assert_eq!(&*out, page.as_bytes());
        assert_eq!(
            &*without_link_to(b"href=\"s.zip\"", "a.css", "s.zip"),
            b"href=\"s.zip\""
        );
    }

    /// Builds `pages` into `out` with an archive; what the archive did.
    fn build(out: &Path, pages: &[(&str, &[u8])]) -> ArchiveStats {
        let writer = super::super::Writer::begin(out).unwrap();
        for (path, bytes) in pages {
            writer.put(path, bytes).unwrap();
        }
        let archive = Archive {
            path: "s.zip".into(),
            folder: "s".into(),
        };
        writer.finish_with(Some(&archive)).unwrap().archive.unwrap()
    }

    #[test]
    fn a_rebuild_copies_what_did_not_change_and_only_when_it_can_tell() {
        let dir = tempfile::tempdir().unwrap();
        let (out, cold) = (dir.path().join("public"), dir.path().join("cold"));
        let v1: [(&str, &[u8]); 3] = [("a.html", b"one"), ("b.css", b"two"), ("c.png", b"3")];
        let mut v2 = v1;
        v2[0].1 = b"ONE";
        let stats = |copied, compressed| ArchiveStats { copied, compressed };
        // No tree to reuse for the second build: it copies from the
        // output's archive. The third reuses the first one's tree, as it
        // left it: the archive there is kept.
        assert_eq!(build(&out, &v1), stats(0, 3));
        let zip_v1 = fs::read(out.join("s.zip")).unwrap();
        assert_eq!(build(&out, &v1), stats(3, 0));
        assert_eq!(fs::read(out.join("s.zip")).unwrap(), zip_v1);
        assert_eq!(build(&out, &v1), stats(3, 0));
        assert_eq!(fs::read(out.join("s.zip")).unwrap(), zip_v1);
        // One file changed: it alone is compressed, and the archive is the
        // one a cold build writes.
        assert_eq!(build(&out, &v2), stats(2, 1));
        build(&cold, &v2);
        let zip_v2 = fs::read(cold.join("s.zip")).unwrap();
        assert_eq!(fs::read(out.join("s.zip")).unwrap(), zip_v2);
        // The tree reused now is from before the change; the output's
        // archive, one build newer, has every file as it is.
        assert_eq!(build(&out, &v2), stats(3, 0));
        assert_eq!(fs::read(out.join("s.zip")).unwrap(), zip_v2);
        // An archive touched since its build is not trusted.
        let prev = dir.path().join(".public.prev");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(prev.join("s.zip"), &zip_v1).unwrap();
        fs::write(out.join("s.zip"), &zip_v1).unwrap();
        assert_eq!(build(&out, &v2), stats(0, 3));
        assert_eq!(fs::read(out.join("s.zip")).unwrap(), zip_v2);
        // Nor is a tree without its manifest (a build killed halfway).
        for entry in fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().contains(".public.manifest-") {
                fs::remove_file(path).unwrap();
            }
        }
        assert_eq!(build(&out, &v2), stats(0, 3));
        assert_eq!(fs::read(out.join("s.zip")).unwrap(), zip_v2);
    }

    #[test]
    fn large_files_and_many_batches_keep_path_order_and_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (out, cold) = (dir.path().join("public"), dir.path().join("cold"));
        // Two files over `BIG`, one between batches, one in the middle of
        // the last one; 600 small ones around them.
        let big = |c: u8| -> Vec<u8> {
            (0..(BIG as usize + 10))
                .map(|i| c.wrapping_add((i % 251) as u8))
                .collect()
        };
        let mut files: Vec<(String, Vec<u8>)> = (0..600)
            .map(|i| (format!("p/{i:04}.html"), format!("page {i}").into_bytes()))
            .collect();
        files.push(("p/0255a.json".into(), big(1)));
        files.push(("p/0590a.js".into(), big(2)));
        let build_owned = |out: &Path, files: &[(String, Vec<u8>)]| {
            let refs: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(p, b)| (p.as_str(), b.as_slice()))
                .collect();
            build(out, &refs)
        };
        let v1 = files;
        build_owned(&out, &v1);
        build_owned(&out, &v1);
        // A rebuild with one large file changed copies the rest.
        let mut v2 = v1.clone();
        v2[600].1 = big(3);
        let stats = build_owned(&out, &v2);
        assert_eq!(
            stats,
            ArchiveStats {
                copied: 601,
                compressed: 1
            }
        );
        build_owned(&cold, &v2);
        let bytes = fs::read(out.join("s.zip")).unwrap();
        assert_eq!(bytes, fs::read(cold.join("s.zip")).unwrap());
        let mut zip = ZipArchive::new(io::Cursor::new(bytes)).unwrap();
        let names: Vec<String> = (0..zip.len())
            .map(|i| zip.by_index_raw(i).unwrap().name().unwrap().to_string())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!(names.len(), 602);
        let mut got = Vec::new();
        io::Read::read_to_end(&mut zip.by_name("s/p/0255a.json").unwrap(), &mut got).unwrap();
        assert_eq!(got, big(3));
    }
}
