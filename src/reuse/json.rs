//! `data/claims.json` as pieces, from one build to the next: where the
//! last build's file holds each piece (by its key, from the record), that
//! file read a run of pieces at a time, and this build's pieces for its
//! record. In: the record, the output's file (vouched for by its
//! manifest); out: pieces' places and bytes.

use super::record::{Pieces, Record};
use crate::page::{OutputError, Previous};
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::sync::{Mutex, OnceLock, PoisonError};

/// The file's path in the output.
const PATH: &str = "data/claims.json";

/// `data/claims.json`'s pieces (see the module's documentation).
pub(super) struct Json<'a> {
    previous: &'a dyn Previous,
    /// Each piece of the last file by key: its offset and length.
    places: OnceLock<HashMap<u128, (u64, u32)>>,
    /// The last file, once opened (`None` inside when it cannot be).
    file: Mutex<Option<Option<std::fs::File>>>,
    /// This build's pieces, once its file is made.
    made: Mutex<Option<Pieces>>,
    /// Whether this build took the last file as it is.
    whole: std::sync::atomic::AtomicBool,
    /// Pieces read from the last file, of this build's.
    counts: Mutex<(usize, usize)>,
}

impl<'a> Json<'a> {
    pub(super) fn new(previous: &'a dyn Previous) -> Self {
        Json {
            previous,
            places: OnceLock::new(),
            file: Mutex::new(None),
            made: Mutex::new(None),
            whole: false.into(),
            counts: Mutex::new((0, 0)),
        }
    }

    /// Where the last file holds the piece of key `key`, as `last`
    /// records it.
    pub(super) fn find(&self, last: &Record, key: u128) -> Option<(u64, u32)> {
        let places = self.places.get_or_init(|| {
            let Some((head, pieces)) = &last.json else {
                return HashMap::new();
            };
            let mut at = *head;
            let mut places = HashMap::with_capacity(pieces.len());
            for &(key, len) in pieces {
                places.insert(key, (at, len));
                at += u64::from(len) + 1;
            }
            places
        });
        places.get(&key).copied()
    }

    /// Appends the `len` bytes at `at` of the last file to `out`; `false`
    /// (nothing appended) when the file is not as the last build wrote it
    /// or cannot be read there.
    pub(super) fn read(&self, at: u64, len: usize, out: &mut Vec<u8>) -> Result<bool, OutputError> {
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        if file.is_none() {
            *file = Some(self.previous.open(PATH)?);
        }
        let Some(Some(file)) = file.as_mut() else {
            return Ok(false);
        };
        let start = out.len();
        // Read into the room `out` has, not zeroed first.
        let read = (file.seek(SeekFrom::Start(at)))
            .and_then(|_| Read::by_ref(file).take(len as u64).read_to_end(out));
        if read.is_err() || out.len() != start + len {
            out.truncate(start);
            return Ok(false);
        }
        Ok(true)
    }

    /// Notes this build's pieces, `read` of which from the last file.
    pub(super) fn note(&self, pieces: Pieces, read: usize) {
        let counts = (read, pieces.1.len());
        *self.made.lock().unwrap_or_else(PoisonError::into_inner) = Some(pieces);
        *self.counts.lock().unwrap_or_else(PoisonError::into_inner) = counts;
    }

    /// How many pieces this build read from the last file, of how many
    /// (for `DOSSIER_TIMINGS`).
    pub(super) fn counts(&self) -> (usize, usize) {
        *self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Notes that this build took the last file as it is.
    pub(super) fn kept_whole(&self) {
        self.whole.store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// This build's pieces, for its record: those made, or the last
    /// file's when it was taken as it is.
    pub(super) fn made(&self, last: &Record) -> Option<Pieces> {
        if self.whole.load(std::sync::atomic::Ordering::Relaxed) {
            return last.json.clone();
        }
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}
