//! The site as one `.zip`, made by the writer once every file is in the
//! working tree, for readers who download it (every page's footer links
//! to it).
//!
//! In: the working tree, the files of the build (sorted), which of them
//! were already right in the tree, and the [`Archive`] rendering planned.
//! Out: the archive, in the tree, under the name planned. Its entries are
//! the site's files under one folder, sorted by path, dated 1980-01-01
//! (the earliest a zip can say), mode 0644, without extra fields, deflated
//! (level 6; PNG and other packed files stored), so the same site gives
//! the same bytes. It leaves out itself, and in each page the link to
//! itself (an unzipped copy has no archive to download). The service
//! worker stays: it is of no use from disk, but a copy served over http
//! without it would log a failed registration on every page.
//!
//! Compressing is most of the cost: files are compressed in parallel
//! (rayon, in batches, so memory stays bounded), and a file that was
//! already right in the working tree is copied compressed, as it is, from
//! the archive the tree holds (made by the build that wrote the tree), if
//! that entry's CRC-32 and size match the file's: a rebuild compresses
//! only what changed.

use super::io_err;
use crate::page::{Archive, OutputError};
use rayon::prelude::*;
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufReader, BufWriter};
use std::path::Path;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Files compressed at a time.
const BATCH: usize = 256;

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

/// Writes the archive of the files `paths` of `tree` into `tree` (through
/// `scratch`, a file name beside the tree), copying from the archive
/// already there the entries of the files in `unchanged`. Returns its
/// metadata once in place.
pub(super) fn write(
    tree: &Path,
    scratch: &Path,
    archive: &Archive,
    paths: &[&str],
    unchanged: &HashSet<&str>,
) -> Result<(fs::Metadata, ArchiveStats), OutputError> {
    let target = tree.join(&archive.path);
    let mut previous = fs::File::open(&target)
        .ok()
        .and_then(|f| ZipArchive::new(BufReader::new(f)).ok());
    let file = fs::File::create(scratch).map_err(io_err(scratch))?;
    let mut zip = ZipWriter::new(BufWriter::new(file));
    let members: Vec<&str> = paths
        .iter()
        .copied()
        .filter(|p| *p != archive.path)
        .collect();
    let zip_err = |e: zip::result::ZipError| io_err(scratch)(io::Error::other(e));
    let mut stats = ArchiveStats::default();
    for batch in members.chunks(BATCH) {
        let entries = batch
            .par_iter()
            .map(|path| {
                let name = format!("{}/{path}", archive.folder);
                let full = tree.join(path);
                let bytes = fs::read(&full).map_err(io_err(&full))?;
                let bytes = without_link_to(&bytes, path, &archive.path);
                let reuse = if unchanged.contains(path) {
                    previous
                        .as_ref()
                        .and_then(|old| same_entry(old, &name, &bytes))
                } else {
                    None
                };
                match reuse {
                    Some(index) => Ok(Entry::Copy(index)),
                    None => zip::write::PreparedZipFile::from_data(&name, options(path), &bytes)
                        .map(Entry::New)
                        .map_err(zip_err),
                }
            })
            .collect::<Result<Vec<Entry>, OutputError>>()?;
        for entry in entries {
            match entry {
                Entry::Copy(index) => {
                    let old = previous.as_mut().ok_or_else(|| {
                        io_err(&target)(io::Error::other("previous archive gone"))
                    })?;
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

/// The entry of the previous archive named `name` holding `bytes` (same
/// size and CRC-32), if any.
fn same_entry<R: io::Read + io::Seek>(
    old: &ZipArchive<R>,
    name: &str,
    bytes: &[u8],
) -> Option<usize> {
    let index = old.index_for_name(name)?;
    let meta = old.by_index_data(index).ok()?;
    (meta.size() == bytes.len() as u64 && meta.crc32() == crc32fast::hash(bytes)).then_some(index)
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
            .compression_level(Some(6))
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
}
