//! Reading the files of a dossier: bytes from disk, decoded as UTF-8
//! (an invalid byte is reported where it is), registered in [`Sources`]
//! so that diagnostics can quote them; and `dossier.toml` read into a
//! [`Config`].

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::{FileId, SourceFile, Sources};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Reads and registers `dossier.toml`; its problems are reported and the
/// defaults stand in for what is missing.
pub fn config(root: &Path, sources: &mut Sources, diags: &mut Diagnostics) -> Config {
    let config_path = root.join("dossier.toml");
    if config_path.is_file() {
        let read = read_file(root, config_path);
        match register(read, sources, diags) {
            Some(id) => Config::parse(id, sources.get(id), diags).unwrap_or_else(Config::fallback),
            None => Config::fallback(),
        }
    } else {
        diags.push(
            Diagnostic::global(format!("no dossier.toml in {}", root.display()))
                .help("run `dossier build` in a dossier folder, pass `--root DIR`, or create one with `dossier init DIR`"),
        );
        Config::fallback()
    }
}

/// A file read from disk, before it is registered.
pub struct ReadFile {
    /// Path relative to the dossier root, with `/` separators.
    pub rel: String,
    /// Path on disk.
    pub path: PathBuf,
    /// The text, or why there is none.
    pub result: Result<Arc<String>, ReadError>,
}

/// Why a file has no text.
pub enum ReadError {
    /// It could not be read.
    Io(String),
    /// It is not UTF-8: the text with replacement characters, and the
    /// offset of the first bad byte.
    Utf8 {
        /// The text, bad bytes replaced.
        lossy: String,
        /// Offset of the first bad byte.
        at: usize,
        /// It starts with a UTF-16 byte order mark.
        utf16: bool,
    },
}

/// Reads the file at `path` (under `root`).
pub fn read_file(root: &Path, path: PathBuf) -> ReadFile {
    let rel = rel_path(root, &path);
    // Looked at before opening: opening a FIFO waits for a writer, and
    // reading a device may never end.
    let result = match std::fs::metadata(&path) {
        Ok(meta) if !meta.is_file() => Err(ReadError::Io(
            "it is not a regular file (a folder, pipe, socket or device)".into(),
        )),
        _ => match std::fs::read(&path) {
            Err(e) => Err(ReadError::Io(e.to_string())),
            Ok(bytes) => decode(bytes).map(Arc::new),
        },
    };
    ReadFile { rel, path, result }
}

/// The file at `path` (under `root`) as if it held `text`.
pub fn with_text(root: &Path, path: PathBuf, text: Arc<String>) -> ReadFile {
    ReadFile {
        rel: rel_path(root, &path),
        path,
        result: Ok(text),
    }
}

/// `path` relative to `root`, with `/` separators.
fn rel_path(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Decodes a file's bytes as UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: `bytes` was just found to be UTF-8 (simdutf8 checks what
        // `std::str::from_utf8` checks, several times faster).
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    // Not UTF-8: std's error says where.
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let utf16 = matches!(e.as_bytes(), [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..]);
            Err(ReadError::Utf8 {
                lossy: String::from_utf8_lossy(e.as_bytes()).into_owned(),
                at,
                utf16,
            })
        }
    }
}

/// Registers a read file; reports I/O and encoding errors.
pub fn register(file: ReadFile, sources: &mut Sources, diags: &mut Diagnostics) -> Option<FileId> {
    match file.result {
        Ok(text) => Some(sources.add(SourceFile::shared(file.rel, file.path, text))),
        Err(ReadError::Io(e)) => {
            diags.push(
                Diagnostic::at_path(&file.rel, format!("cannot read {}: {e}", file.rel))
                    .help("check that the file exists and can be read"),
            );
            None
        }
        Err(ReadError::Utf8 { lossy, at, utf16 }) => {
            // Line and column from the raw text before the bad byte, so BOM
            // removal and CRLF folding in SourceFile do not shift them.
            let before = &lossy[..at];
            let line = before.matches('\n').count() + 1;
            let last = before.rfind('\n').map_or(0, |i| i + 1);
            let col = before[last..]
                .trim_start_matches('\u{feff}')
                .chars()
                .filter(|&c| c != '\r')
                .count()
                + 1;
            let id = sources.add(SourceFile::new(file.rel, file.path, lossy));
            let text = &sources.get(id).text;
            let start = sources.get(id).offset_of(line, col);
            let end = start + text[start..].chars().next().map_or(0, char::len_utf8);
            diags.push(if utf16 {
                Diagnostic::error(id, start..end, "file is UTF-16, not UTF-8")
                    .label("UTF-16 byte order mark")
                    .help("save the file as UTF-8 (e.g. `iconv -f utf-16 -t utf-8`)")
            } else {
                Diagnostic::error(id, start..end, "file is not valid UTF-8")
                    .label("invalid byte here")
                    .help("save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)")
            });
            None
        }
    }
}

/// A text a load read, with the length and modification time of its
/// file before it was read (kept by `cache.rs` for the next load).
pub(super) type Text = (PathBuf, (u64, SystemTime), Arc<String>);

/// The hash a kept parse is found by: that of the file's text.
pub(super) fn hash(text: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(text.as_bytes())
}

/// The [`hash`] of each text of the last load's articles and claims
/// files, by the address of the shared text (held here, so that no other
/// text takes that address): a text the cache gave back as it was read
/// is not hashed again (at 10,000 articles, 130 MB at every edit).
#[derive(Default)]
pub struct TextHashes(std::collections::HashMap<usize, (Arc<String>, u128)>);

impl TextHashes {
    /// The hash of `text`: kept, or computed.
    pub(super) fn of(&self, text: &Arc<String>) -> u128 {
        match self.0.get(&(Arc::as_ptr(text) as usize)) {
            Some((kept, h)) if Arc::ptr_eq(kept, text) => *h,
            _ => hash(text),
        }
    }

    /// Keeps the hashes of `texts`, and no others.
    pub(super) fn renew<'a>(&mut self, texts: impl Iterator<Item = &'a Arc<String>>) {
        let renewed = texts
            .map(|t| (Arc::as_ptr(t) as usize, (Arc::clone(t), self.of(t))))
            .collect();
        self.0 = renewed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_hash_is_the_hash_of_its_text_and_no_other() {
        let a = Arc::new("claims: one".to_string());
        let b = Arc::new("claims: two".to_string());
        let mut hashes = TextHashes::default();
        hashes.renew([&a].into_iter());
        assert_eq!(hashes.of(&a), hash(&a));
        assert_eq!(hashes.of(&b), hash(&b), "a text not kept is hashed");
        // A text freed and another made: never the hash of the first,
        // whatever address the second takes (the first is held).
        let c = Arc::new("claims: three".to_string());
        hashes.renew([&c].into_iter());
        drop(a);
        let d = Arc::new("claims: four!".to_string());
        assert_eq!(hashes.of(&d), hash(&d));
        assert_eq!(hashes.of(&c), hash(&c));
    }

    #[test]
    fn utf16_is_told_from_other_bad_bytes() {
        let utf16 = |bytes: &[u8]| match decode(bytes.to_vec()) {
            Err(ReadError::Utf8 { utf16, .. }) => Some(utf16),
            _ => None,
        };
        assert_eq!(utf16(&[0xFF, 0xFE, b'a', 0]), Some(true));
        assert_eq!(utf16(&[0xFE, 0xFF, 0, b'a']), Some(true));
        assert_eq!(utf16(b"caf\xe9"), Some(false));
        assert_eq!(utf16(b"ok"), None);
    }

    /// What `decode` accepts is what std accepts, as std reads it, and a
    /// rejection says where std's does.
    fn agrees_with_std(bytes: &[u8]) {
        match (decode(bytes.to_vec()), std::str::from_utf8(bytes)) {
            (Ok(text), Ok(std)) => assert_eq!(text, std),
            (Err(ReadError::Utf8 { at, .. }), Err(e)) => assert_eq!(at, e.valid_up_to()),
            (ours, std) => panic!("{bytes:x?}: {:?} against {std:?}", ours.is_ok()),
        }
    }

    #[test]
    fn text_is_utf8_exactly_when_std_says_so() {
        for bytes in [
            &b""[..],
            b"d\xc3\xa9mineurs",
            b"\xf0\x9f\x98\x80 emoji",
            b"\xc0\x80 overlong",
            b"\xed\xa0\x80 surrogate",
            b"\xf4\x90\x80\x80 past U+10FFFF",
            b"cut \xe2\x82",
            b"\xff",
        ] {
            agrees_with_std(bytes);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_utf8_exactly_when_std_says_so(
            bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200),
            text in ".{0,60}",
            cut in 0usize..64,
        ) {
            agrees_with_std(&bytes);
            let mut text = text.into_bytes();
            text.truncate(cut.min(text.len()));
            agrees_with_std(&text);
        }
    }
}
