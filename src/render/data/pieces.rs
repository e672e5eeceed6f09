//! `data/claims.json` made with the pieces of the last build's file
//! (`crate::reuse`, through [`Taken`]). In: the dossier and its analysis,
//! each claim's piece key, and where the last file holds the piece of
//! each key. Out: the file, byte for byte what [`super::claims_json`]
//! makes, and its pieces' keys and lengths for the next build.
//!
//! A piece whose key the last file has is read from it: pieces that
//! follow one another there are read at once, commas between them
//! included (the file joins its pieces with a comma). The other pieces
//! are made ([`super::claim_json`]). At 100,000 claims the file is some
//! 70 MB, which a claims edit otherwise writes whole again.

use super::{claim_json, claims_json, claims_json_envelope};
use crate::analyse::Analysis;
use crate::model::Dossier;
use crate::page::OutputError;
use crate::render::Taken;
use rayon::prelude::*;

/// Claims whose pieces are made at a time (in parallel within a batch):
/// the pieces of a whole big dossier are not held at once.
const BATCH: usize = 2048;

/// `data/claims.json` (see [`claims_json`]), its pieces taken from the
/// last build's file where `taken` has them.
pub fn claims_json_taking(
    d: &Dossier,
    a: &Analysis,
    (language, base_url): (&str, Option<&str>),
    tolerance: f64,
    taken: &dyn Taken,
) -> Result<Vec<u8>, OutputError> {
    let keys: Option<Vec<u128>> = (0..d.claims.len()).map(|c| taken.piece_key(c)).collect();
    let Some(keys) = keys else {
        return Ok(claims_json(d, a, language, base_url, tolerance));
    };
    // A piece is never empty (a record saying so is not believed).
    let found: Vec<Option<(u64, u32)>> = (keys.iter())
        .map(|&k| taken.piece(k).filter(|&(_, len)| len > 0))
        .collect();
    let (head, tail) = claims_json_envelope(d, language, base_url);
    let mut out = Vec::new();
    let (lens, read) = match joined(d, a, tolerance, &found, (&head, Some(taken)), &mut out)? {
        Some(lens) => (lens, found.iter().filter(|f| f.is_some()).count()),
        // The last file could not be read as recorded: every piece made.
        None => {
            out.clear();
            let none = vec![None; found.len()];
            let lens = joined(d, a, tolerance, &none, (&head, None), &mut out)?;
            (lens.unwrap_or_default(), 0)
        }
    };
    out.extend_from_slice(&tail);
    out.push(b'\n');
    taken.pieces_made(
        head.len() as u64,
        keys.into_iter().zip(lens).collect(),
        read,
    );
    Ok(out)
}

/// Appends `head` and every claim's piece, joined by commas, to `out`:
/// those `found` in the last file read from it (through `taken`, which
/// must be given when any is found), the others made a batch at a time.
/// Gives each piece's length; `None` when the last file could not be
/// read.
pub(super) fn joined(
    d: &Dossier,
    a: &Analysis,
    tolerance: f64,
    found: &[Option<(u64, u32)>],
    (head, taken): (&[u8], Option<&dyn Taken>),
    out: &mut Vec<u8>,
) -> Result<Option<Vec<u32>>, OutputError> {
    out.extend_from_slice(head);
    let mut lens = Vec::with_capacity(found.len());
    for start in (0..found.len()).step_by(BATCH) {
        let batch = start..(start + BATCH).min(found.len());
        let made: Vec<Option<Vec<u8>>> = batch
            .clone()
            .into_par_iter()
            .map(|c| found[c].is_none().then(|| claim_json(d, a, tolerance, c)))
            .collect();
        if start == 0 {
            // Room for all: the last file's size, or the first batch's.
            let known: u64 = found.iter().flatten().map(|&(_, l)| u64::from(l) + 1).sum();
            let first: usize = made.iter().flatten().map(|m| m.len() + 1).sum();
            let guess = first * found.len() / batch.len().max(1) * 11 / 10;
            out.reserve(usize::try_from(known).unwrap_or(0).max(guess) + 64);
        }
        let mut c = batch.start;
        while c < batch.end {
            if c > 0 {
                out.push(b',');
            }
            match found[c] {
                Some((at, _)) => {
                    let last = run_end(&found[..batch.end], c);
                    let end = found[last].map_or(0, |(at, len)| at + u64::from(len));
                    let whole = usize::try_from(end - at).unwrap_or(usize::MAX);
                    let read = match taken {
                        Some(taken) => taken.read_pieces(at, whole, out)?,
                        None => false,
                    };
                    if !read {
                        return Ok(None);
                    }
                    lens.extend(found[c..=last].iter().flatten().map(|&(_, len)| len));
                    c = last + 1;
                }
                None => {
                    let piece = made[c - batch.start].as_deref().unwrap_or_default();
                    out.extend_from_slice(piece);
                    lens.push(piece.len() as u32);
                    c += 1;
                }
            }
        }
    }
    Ok(Some(lens))
}

/// The last of the pieces found from `c` on that follow one another in
/// the last file (each starting one comma after the one before).
fn run_end(found: &[Option<(u64, u32)>], c: usize) -> usize {
    let mut last = c;
    while let (Some((at, len)), Some(Some((next, _)))) = (found[last], found.get(last + 1)) {
        if *next != at + u64::from(len) + 1 {
            break;
        }
        last += 1;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_ends_where_the_next_piece_is_not_one_comma_further() {
        let found = [
            Some((10, 5)),
            Some((16, 3)),
            Some((20, 1)),
            None,
            Some((30, 2)),
            Some((40, 2)),
        ];
        assert_eq!(run_end(&found, 0), 2);
        assert_eq!(run_end(&found, 1), 2);
        assert_eq!(run_end(&found, 4), 4);
        assert_eq!(run_end(&found, 5), 5);
    }
}
