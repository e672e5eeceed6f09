//! What a build takes back from its last output while it renders
//! (`crate::reuse` answers): the later pages of the paged lists
//! ([`crate::render::pages`]: timeline, topics) and the pieces of
//! `data/claims.json` ([`super::data`]). In: paths, keys, claims; out:
//! whether a page was taken, where a piece is in the last file.

use crate::page::OutputError;

/// What a build takes back from its last output (see the module's
/// documentation). A later page (2, 3, …) of a paged list whose rows and
/// all else it shows are those it was made of is taken as it is, not
/// made again; the first page is always made (it shows more than its
/// rows: the timeline's index of years, the topic's text and lists).
/// A claim's piece of `data/claims.json` whose key is the one it had is
/// read from the last file.
pub trait Taken: Sync {
    /// Whether the page at `path`, listing the rows of `claims` and
    /// showing besides what `shows` hashes (its number, the number of
    /// pages, its groups…), was taken from the last build's output.
    fn page(&self, path: &str, shows: u128, claims: &[usize]) -> Result<bool, OutputError>;

    /// The paths of the pages taken so far.
    fn pages(&self) -> Vec<String>;

    /// The key of claim `c`'s piece of `data/claims.json` in this build
    /// (`None`: no piece is taken).
    fn piece_key(&self, c: usize) -> Option<u128>;

    /// Where the last build's `data/claims.json` holds the piece of key
    /// `key`: its offset and length.
    fn piece(&self, key: u128) -> Option<(u64, u32)>;

    /// Appends to `out` the `len` bytes at `at` of the last build's
    /// `data/claims.json`; `false` (and nothing appended) when the file
    /// cannot be read as the last build wrote it.
    fn read_pieces(&self, at: u64, len: usize, out: &mut Vec<u8>) -> Result<bool, OutputError>;

    /// This build's `data/claims.json`: the length of what comes before
    /// its pieces, and each piece's key and length, in order; `read` of
    /// them were read from the last file.
    fn pieces_made(&self, head: u64, pieces: Vec<(u128, u32)>, read: usize);
}
