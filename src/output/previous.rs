//! The files of the output taken into the new site as they are
//! ([`crate::page::Previous`]): a file the output's manifest vouches for
//! (untouched since the last build wrote it) is left alone when the
//! working tree already holds the same bytes, and copied into it
//! otherwise, never read into memory. In: the output's manifest and the
//! record its build left (read with the manifest of the tree to reuse).
//! Out: the file in the working tree, with the manifest entry the last
//! build gave it.

use super::OutputError;
use super::lazy::LazyWriter;
use super::manifest::Entry;
use super::target::safe_relative;
use super::writer::{Writer, place_file};
use crate::page::Previous;
use std::fs;

impl Writer {
    /// The output's manifest entry for `path`, if the file is as it says.
    fn vouched(&self, path: &str) -> Result<Option<&Entry>, OutputError> {
        if !safe_relative(path) {
            return Err(OutputError::BadPath(path.to_string()));
        }
        if self.distrusted {
            return Ok(None);
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
        let from = self.out.join(path);
        self.settle(path, same, (live.len, live.hash), || {
            place_file(&full, !self.reused, |to| {
                fs::copy(&from, to)?;
                fs::metadata(to)
            })
        })?;
        Ok(true)
    }
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

    fn open(&self, path: &str) -> Result<Option<fs::File>, OutputError> {
        let writer = self.writer()?;
        let Some(entry) = writer.vouched(path)?.copied() else {
            return Ok(None);
        };
        // The file opened is the one found untouched (not another put in
        // its place since); gone or unreadable, it is not taken.
        let file = fs::File::open(writer.out.join(path)).ok();
        Ok(file.filter(|f| f.metadata().is_ok_and(|m| entry.matches(&m))))
    }
}
