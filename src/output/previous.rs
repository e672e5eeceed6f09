//! The files of the output taken into the new site as they are
//! ([`crate::page::Previous`]): a file the output's manifest vouches for
//! (untouched since the last build wrote it) is left alone when the
//! working tree already holds the same bytes, and copied into it
//! otherwise, never read into memory. In: the output's manifest and the
//! record its build left (read with the manifest of the tree to reuse).
//! Out: the file in the working tree, with the manifest entry the last
//! build gave it.

use super::lazy::LazyWriter;
use super::manifest::{Entry, mtime_ns};
use super::target::safe_relative;
use super::writer::Writer;
use super::{OutputError, io_err};
use crate::page::Previous;
use std::fs;
use std::path::Path;

impl Writer {
    /// The output's manifest entry for `path`, if the file is as it says.
    fn vouched(&self, path: &str) -> Result<Option<&Entry>, OutputError> {
        if !safe_relative(path) {
            return Err(OutputError::BadPath(path.to_string()));
        }
        Ok(self
            .live
            .0
            .get(path)
            .filter(|e| e.untouched(&self.out.join(path)).is_some()))
    }

    /// See [`Previous::keep`].
    fn keep_live(&self, path: &str) -> Result<bool, OutputError> {
        let Some(live) = self.vouched(path)?.copied() else {
            return Ok(false);
        };
        let full = self.tree.join(path);
        let same = self
            .known
            .get(path)
            .filter(|k| k.hash == live.hash && k.len == live.len)
            .and_then(|k| k.untouched(&full));
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
                copy_file(&self.out.join(path), &full, !self.reused)?
            }
        };
        let entry = Entry {
            mtime_ns: mtime_ns(&meta).unwrap_or_default(),
            ..live
        };
        self.emitted
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_string(), entry));
        Ok(true)
    }
}

/// Copies the file `from` to `to` (its folders made as needed; in a tree
/// this build did not create, a folder or link in the way removed).
fn copy_file(from: &Path, to: &Path, fresh: bool) -> Result<fs::Metadata, OutputError> {
    if !fresh {
        match fs::symlink_metadata(to) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(to).map_err(io_err(to))?,
            Ok(m) if m.file_type().is_symlink() => fs::remove_file(to).map_err(io_err(to))?,
            _ => {}
        }
    }
    if let Err(e) = fs::copy(from, to) {
        let missing_dir = matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        ) && from.is_file();
        if !missing_dir {
            return Err(io_err(to)(e));
        }
        if let Some(dir) = to.parent() {
            super::writer::make_dir(dir)?;
        }
        fs::copy(from, to).map_err(io_err(to))?;
    }
    fs::metadata(to).map_err(io_err(to))
}

impl Previous for LazyWriter {
    fn take_record(&self) -> Result<Option<String>, OutputError> {
        // Read while the dossier loaded; nothing is written until a page
        // is put or kept (a build that stops on a quote error leaves the
        // folders beside the output as they were).
        Ok(self.take_live_record())
    }

    fn intact(&self, path: &str) -> Result<bool, OutputError> {
        Ok(self.writer()?.vouched(path)?.is_some())
    }

    fn keep(&self, path: &str) -> Result<bool, OutputError> {
        self.writer()?.keep_live(path)
    }
}
