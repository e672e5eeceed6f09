//! The [`Writer`] started on the first file put: a build that stops on
//! a content error touches nothing on disk. Meanwhile the trees beside
//! the output are surveyed (read only) on a thread of their own, and the
//! record the output's build left can be taken without starting
//! (`super::previous`).

use super::OutputError;
use super::tree::{Survey, survey};
use super::writer::{WriteStats, Writer};
use crate::page::Archive;
use std::path::{Path, PathBuf};

/// What a [`LazyWriter`] has before it starts: the survey running, or
/// done.
#[derive(Debug)]
enum Starting {
    Surveying(Option<std::thread::JoinHandle<Survey>>),
    Surveyed(Option<Survey>),
}

impl Starting {
    /// The survey (waited for), taken.
    fn surveyed(&mut self) -> Option<Survey> {
        match self {
            Starting::Surveying(t) => t.take().and_then(|t| t.join().ok()),
            Starting::Surveyed(s) => s.take(),
        }
    }

    /// The survey (waited for), kept.
    fn survey(&mut self) -> Option<&mut Survey> {
        if let Starting::Surveying(_) = self {
            *self = Starting::Surveyed(self.surveyed());
        }
        match self {
            Starting::Surveyed(s) => s.as_mut(),
            Starting::Surveying(_) => None,
        }
    }
}

/// A [`Writer`] that starts on the first file put, so that a build that
/// stops before rendering (a content error) touches nothing on disk.
#[derive(Debug)]
pub struct LazyWriter {
    out: PathBuf,
    writer: std::sync::OnceLock<Writer>,
    starting: std::sync::Mutex<Starting>,
    /// The hash of the record taken from the survey, before the writer
    /// began (`None` inside: there was none).
    taken: std::sync::Mutex<Option<Option<u128>>>,
}

impl LazyWriter {
    /// Nothing is written until the first [`LazyWriter::put`]; meanwhile
    /// the tree to reuse is surveyed (read only) on a thread of its own.
    pub fn new(out: &Path) -> LazyWriter {
        let target = out.to_path_buf();
        let surveying = std::thread::Builder::new()
            .name("survey".into())
            .spawn(move || survey(&target))
            .ok();
        LazyWriter {
            out: out.to_path_buf(),
            writer: std::sync::OnceLock::new(),
            starting: std::sync::Mutex::new(Starting::Surveying(surveying)),
            taken: std::sync::Mutex::new(None),
        }
    }

    /// The record the output's build left (see `super::previous`), taken
    /// without starting the writer.
    pub(super) fn take_live_record(&self) -> Option<String> {
        let mut starting = self
            .starting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(w) = self.writer.get() {
            return w
                .live
                .1
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take();
        }
        let record = starting.survey().and_then(|s| s.live.1.take());
        let hash = record
            .as_deref()
            .map(|r| xxhash_rust::xxh3::xxh3_128(r.as_bytes()));
        *self
            .taken
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(hash);
        record
    }

    pub(super) fn writer(&self) -> Result<&Writer, OutputError> {
        if let Some(w) = self.writer.get() {
            return Ok(w);
        }
        let mut surveying = self
            .starting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(w) = self.writer.get() {
            return Ok(w);
        }
        let survey = surveying.surveyed();
        let mut w = Writer::begin_surveyed(&self.out, survey)?;
        // The record taken from the survey is the output's only if the
        // output is still the one surveyed: another build may have put its
        // site in place meanwhile (it held the lock). Its files are then
        // not those the record speaks of.
        let taken = *self
            .taken
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let (Some(taken), false) = (taken, w.live_surveyed) {
            let live = w
                .live
                .1
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = live
                .as_deref()
                .map(|r| xxhash_rust::xxh3::xxh3_128(r.as_bytes()));
            w.distrusted = now != taken || taken.is_none();
        }
        Ok(self.writer.get_or_init(|| w))
    }

    /// [`Writer::put`].
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), OutputError> {
        self.writer()?.put(path, bytes)
    }

    /// [`Writer::finish_with_stats`].
    pub fn finish(self) -> Result<WriteStats, OutputError> {
        self.finish_with(None, None)
    }

    /// [`Writer::finish_with`].
    pub fn finish_with(
        self,
        archive: Option<&Archive>,
        record: Option<&str>,
    ) -> Result<WriteStats, OutputError> {
        self.writer()?;
        match self.writer.into_inner() {
            Some(w) => w.finish_with(archive, record),
            None => Writer::begin(&self.out)?.finish_with(archive, record),
        }
    }

    /// [`Writer::abort`], if anything was started.
    pub fn abort(mut self) {
        if let Some(w) = self.writer.take() {
            w.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_taken_before_another_build_finished_vouches_for_nothing() {
        use crate::page::Previous;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let build = |bytes: &[u8], record: &str| {
            let w = LazyWriter::new(&out);
            w.put("a.html", bytes).unwrap();
            w.finish_with(None, Some(record)).unwrap();
        };
        build(b"1", "record one");
        build(b"2", "record two");
        // Its record taken while the output is the second build's...
        let late = LazyWriter::new(&out);
        assert_eq!(late.take_record().unwrap().as_deref(), Some("record two"));
        // ...then another build puts its site in place first.
        build(b"3", "record three");
        assert!(
            !late.intact("a.html").unwrap(),
            "not the file the record speaks of"
        );
        assert!(late.open("a.html").unwrap().is_none());
        late.abort();
        // With no build in between, the output's files are vouched for.
        let on_time = LazyWriter::new(&out);
        assert_eq!(
            on_time.take_record().unwrap().as_deref(),
            Some("record three")
        );
        assert!(on_time.intact("a.html").unwrap());
        assert!(on_time.open("a.html").unwrap().is_some());
        on_time.abort();
    }
}
