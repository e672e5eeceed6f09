//! The site as one `.zip`, made by the writer once every file is in the
//! working tree, for readers who download it (every page's footer links
//! to it).
//!
//! In: the working tree, the files of the build (sorted), which of them
//! were already right in the tree, and the [`Archive`] rendering planned.
//! Out: the archive, in the tree, under the name planned. Its entries are
//! the site's files under one folder, sorted by path, dated 1980-01-01
//! (the earliest a zip can say; also as a UTC timestamp, the one extra
//! field), mode 0644, deflated (PNG and other packed files stored), so
//! the same site gives the same bytes. It leaves out itself, and in each
//! page the link to itself (an unzipped copy has no archive to download).
//! The service worker stays: it is of no use from disk, but a copy served
//! over http without it would log a failed registration on every page.
//!
//! Compressing is most of the cost. Files are deflated by libdeflate
//! (`libdeflater`) at its level 1, whole files in memory: on the
//! 1,000-article site (64 MB) that is 11.75 MB in 0.21 s of CPU, where
//! zlib-rs (flate2's fastest backend) took 0.53 s at level 3 for 11.37 MB
//! and 0.26 s at level 1 for 15.16 MB. The zip format is `rawzip`'s,
//! which takes entries already compressed (the `zip` crate compresses
//! them itself). Files are compressed in parallel (rayon, in batches, so
//! memory stays bounded; each batch is written while the next is
//! compressed, and files of 1 MiB or more, compressed first, side by
//! side, wait compressed for their turn), and a file a previous archive
//! holds as it is now is copied compressed from it, without being read:
//! the archive of the working tree (when the tree and its archive are as
//! the build that finished them left them) or, when that one lacks some
//! files, the output's, one build newer, when its manifest vouches for it
//! (see `Writer::previous_archive`; the manifest's version changes with
//! the compressor, so an entry copied is one this build would make). A
//! rebuild compresses only what changed; when nothing did, the tree's
//! archive is kept as it is.

use super::io_err;
use crate::page::{Archive, OutputError};
use rawzip::{CompressionMethod, Crc32Option, ZipArchiveEntryWayfinder, ZipArchiveWriter};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::Path;

/// Files compressed at a time.
const BATCH: usize = 256;

/// Files this large (bytes) are compressed before the others.
const BIG: u64 = 1 << 20;

/// libdeflate's level: its fastest, about as small as zlib's level 3.
const LEVEL: i32 = 1;

/// What becomes of one file.
enum Entry {
    /// Copied compressed from the previous archive, under its name there.
    Copy(Old, String),
    /// Compressed now.
    New(Packed),
}

/// A file compressed, ready to be written.
struct Packed {
    name: String,
    method: CompressionMethod,
    crc: u32,
    size: u64,
    data: Vec<u8>,
}

/// An entry of the previous archive: where it is and how it is stored.
#[derive(Clone, Copy)]
struct Old {
    index: usize,
    at: ZipArchiveEntryWayfinder,
    method: CompressionMethod,
}

/// The previous archive, open, and its entries by name.
struct Opened {
    zip: rawzip::ZipArchive<rawzip::FileReader>,
    entries: HashMap<String, Old>,
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
    let old = open(&previous.path);
    let (members, sizes): (Vec<&str>, Vec<u64>) = files
        .iter()
        .copied()
        .filter(|(p, _)| *p != archive.path)
        .unzip();
    let zip_err = |e: rawzip::Error| io_err(scratch)(io::Error::other(e));
    // For each member, its entry in the archive there, to copy.
    let copies: Vec<Option<Old>> = members
        .iter()
        .map(|path| {
            let old = old.as_ref()?;
            unchanged
                .contains(path)
                .then(|| old.entries.get(&format!("{}/{path}", archive.folder)))
                .flatten()
                .copied()
        })
        .collect();
    // Nothing changed: the archive there is the one this build would write.
    if in_place
        && old
            .as_ref()
            .is_some_and(|o| o.entries.len() == members.len())
        && copies
            .iter()
            .enumerate()
            .all(|(i, c)| c.is_some_and(|c| c.index == i))
    {
        let meta = fs::metadata(&target).map_err(io_err(&target))?;
        let stats = ArchiveStats {
            copied: members.len(),
            compressed: 0,
        };
        return Ok((meta, stats));
    }
    let file = fs::File::create(scratch).map_err(io_err(scratch))?;
    let mut zip = ZipArchiveWriter::new(BufWriter::with_capacity(1 << 16, file));
    let mut stats = ArchiveStats::default();
    let compress = |i: usize| -> Result<Entry, OutputError> {
        let path = members[i];
        if let Some(old) = copies[i] {
            return Ok(Entry::Copy(old, format!("{}/{path}", archive.folder)));
        }
        let full = tree.join(path);
        let bytes = fs::read(&full).map_err(io_err(&full))?;
        let bytes = without_link_to(&bytes, path, &archive.path);
        Ok(Entry::New(pack(
            format!("{}/{path}", archive.folder),
            &bytes,
        )))
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
            || add(&mut zip, old.as_ref(), pending, &mut stats).map_err(zip_err),
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
    drop(old);
    fs::rename(scratch, &target).map_err(io_err(&target))?;
    let meta = fs::metadata(&target).map_err(io_err(&target))?;
    Ok((meta, stats))
}

/// The archive at `path` and its entries, if it is one.
fn open(path: &Path) -> Option<Opened> {
    let file = fs::File::open(path).ok()?;
    let mut buffer = vec![0; rawzip::RECOMMENDED_BUFFER_SIZE];
    let zip = rawzip::ZipArchive::from_file(file, &mut buffer).ok()?;
    let mut entries = HashMap::new();
    let mut list = zip.entries(&mut buffer);
    while let Some(record) = list.next_entry().ok()? {
        let path = record.file_path();
        let name = std::str::from_utf8(path.as_ref()).ok()?;
        let old = Old {
            index: entries.len(),
            at: record.wayfinder(),
            method: record.compression_method(),
        };
        entries.insert(name.to_string(), old);
    }
    Some(Opened { zip, entries })
}

/// `bytes` deflated (or stored: packed formats, and anything libdeflate
/// would not compress within its bound), with their CRC-32.
fn pack(name: String, bytes: &[u8]) -> Packed {
    let packed = [
        ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".woff2",
    ]
    .iter()
    .any(|ext| name.ends_with(ext));
    let crc = libdeflater::crc32(bytes);
    let size = bytes.len() as u64;
    let deflated = (!packed).then(|| {
        let level = libdeflater::CompressionLvl::new(LEVEL).unwrap_or_default();
        let mut deflater = libdeflater::Compressor::new(level);
        let mut data = vec![0; deflater.deflate_compress_bound(bytes.len())];
        let n = deflater.deflate_compress(bytes, &mut data).ok()?;
        data.truncate(n);
        Some(data)
    });
    let (method, data) = match deflated.flatten() {
        Some(data) => (CompressionMethod::Deflate, data),
        None => (CompressionMethod::Store, bytes.to_vec()),
    };
    Packed {
        name,
        method,
        crc,
        size,
        data,
    }
}

/// Appends `entries` to `zip`, copying those kept from `old`.
fn add<W: Write>(
    zip: &mut ZipArchiveWriter<W>,
    old: Option<&Opened>,
    entries: Vec<Entry>,
    stats: &mut ArchiveStats,
) -> Result<(), rawzip::Error> {
    for entry in entries {
        match entry {
            Entry::Copy(at, name) => {
                let Some(old) = old else {
                    return Err(io::Error::other("previous archive gone").into());
                };
                let entry = old.zip.get_entry(at.at)?;
                let mut raw = entry.reader();
                // The size the archive claims, up to 64 MiB, as a hint only.
                let hint = at.at.compressed_size_hint().min(1 << 26) as usize;
                let mut body = Vec::with_capacity(hint);
                io::Read::read_to_end(&mut raw, &mut body)?;
                let check = raw.claim_verifier()?;
                put(zip, &name, at.method, check.crc(), check.size(), &body)?;
                stats.copied += 1;
            }
            Entry::New(p) => {
                put(zip, &p.name, p.method, p.crc, p.size, &p.data)?;
                stats.compressed += 1;
            }
        }
    }
    Ok(())
}

/// Writes one entry whose bytes `data` are already as stored, of `size`
/// bytes once inflated with the CRC-32 `crc`.
fn put<W: Write>(
    zip: &mut ZipArchiveWriter<W>,
    name: &str,
    method: CompressionMethod,
    crc: u32,
    size: u64,
    data: &[u8],
) -> Result<(), rawzip::Error> {
    let epoch = rawzip::time::UtcDateTime::from_components(1980, 1, 1, 0, 0, 0, 0);
    let mut file = zip
        .new_file(name)
        .compression_method(method)
        .unix_permissions(0o644)
        .crc32(Crc32Option::Custom(crc));
    if let Some(epoch) = epoch {
        file = file.last_modified(epoch);
    }
    let (mut entry, config) = file.start()?;
    entry.write_all(data)?;
    // rawzip counts the inflated size from the bytes written through its
    // data writer (it would compress them): the size is given as that
    // many bytes to a sink, the CRC-32 as computed when compressing.
    let mut sized = config.wrap(io::sink());
    const ZEROS: [u8; 1 << 14] = [0; 1 << 14];
    let mut left = size;
    while left > 0 {
        let n = left.min(ZEROS.len() as u64) as usize;
        sized.write_all(&ZEROS[..n])?;
        left -= n as u64;
    }
    let (_, descriptor) = sized.finish()?;
    entry.finish(descriptor)?;
    Ok(())
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
        writer
            .finish_with(Some(&archive), None)
            .unwrap()
            .archive
            .unwrap()
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
    fn an_archive_vouched_for_by_an_older_manifest_is_made_again() {
        // A manifest of another version vouches for nothing: the archive
        // it lists may hold entries another compressor made.
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let v1: [(&str, &[u8]); 2] = [("a.html", b"one"), ("b.css", b"two")];
        build(&out, &v1);
        let zip_v1 = fs::read(out.join("s.zip")).unwrap();
        assert_eq!(build(&out, &v1).copied, 2);
        for entry in fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            if path.to_string_lossy().contains(".public.manifest-") {
                let text = fs::read_to_string(&path).unwrap();
                let old = text.replacen(
                    super::super::manifest::MANIFEST_HEADER,
                    "dossier manifest 1",
                    1,
                );
                assert_ne!(old, text);
                fs::write(&path, old).unwrap();
            }
        }
        let stats = build(&out, &v1);
        assert_eq!(
            stats,
            ArchiveStats {
                copied: 0,
                compressed: 2
            }
        );
        assert_eq!(fs::read(out.join("s.zip")).unwrap(), zip_v1);
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
        let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).unwrap();
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
