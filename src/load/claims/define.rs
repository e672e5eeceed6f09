//! Defining the claim ids: every claims file parsed (each on its own
//! thread, or its parse taken from the cache), then the id of each of its
//! claims checked and defined, in file order, and the claims sorted by
//! id. In: the claims files; out: the id table (`ids.claims`) and the
//! claims whose ids are valid and new, each with its file and item. With
//! a cache, the table of the last load is taken again when the files hold
//! the same ids, item by item (`kept.rs`).

use super::kept::{self, Kept};
use super::{CLAIM_FIELDS, RawClaim};
use crate::diagnostic::Diagnostics;
use crate::load::ids::{Ids, check_id, define, note_broken_ids};
use crate::load::read;
use crate::load::yaml::parse_items;
use crate::source::{FileId, Place, Sources};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// The claims whose ids are valid and new (with their file and item),
/// and the hash of each file's text (with a cache).
pub(super) type Defined = (Vec<(FileId, usize, Raw)>, HashMap<FileId, u128>);

/// Parses every claims file (each on its own thread) and defines the ids
/// of its claims, in file order. Returns the claims whose id is valid and
/// new, with where each is (file, item), sorted by id; `ids.index` gives
/// their positions. With `kept`, a file whose text is there is not parsed
/// again, `kept` is left holding the files of `files`, and the id table
/// of the last load is taken again when the files hold the same ids.
pub(super) fn define_all(
    files: &[FileId],
    sources: &Sources,
    ids: &mut Ids,
    diags: &mut Diagnostics,
    kept: Option<(&mut Kept, &read::TextHashes)>,
) -> Defined {
    let (kept, hashes) = kept.unzip();
    let parsed = parse_all(files, sources, kept.as_ref().map(|k| &k.parses).zip(hashes));
    let hashes = parsed
        .iter()
        .map(|(file, _, _, hash)| (*file, *hash))
        .collect();
    let Some(kept) = kept else {
        return (define_parsed(parsed, sources, ids, diags), hashes);
    };
    kept.parses = parsed
        .iter()
        .filter(|(_, _, found, _)| found.items().is_empty())
        .map(|(_, items, _, hash)| (*hash, Arc::clone(items)))
        .collect();
    // Every file parsed whole, without a problem: the ids it holds (as
    // last time for a file whose text is the same).
    let before = kept.defined_files();
    let shape_files: Option<Vec<kept::ShapeFile>> = parsed
        .par_iter()
        .enumerate()
        .map(|(k, (file, items, found, hash))| {
            if let Some(&same) = before
                .and_then(|b| b.get(k))
                .filter(|(f, h, _)| f == file && h == hash)
            {
                return Some(same);
            }
            let whole = found.items().is_empty()
                && items.iter().enumerate().all(|(k, (i, _))| k == *i)
                && parsed_whole(sources.get(*file), items.len());
            whole.then(|| (*file, *hash, kept::ids_hash(items)))
        })
        .collect();
    let fresh =
        ids.index.is_empty() && ids.defs.is_empty() && ids.broken.is_empty() && !ids.incomplete;
    let again = shape_files
        .as_deref()
        .filter(|_| fresh)
        .and_then(|files| kept.take_ids(files));
    if let Some((table, shape)) = again {
        let of_file: HashMap<FileId, &Arc<Vec<(usize, RawClaim)>>> = parsed
            .iter()
            .map(|(file, items, _, _)| (*file, items))
            .collect();
        let raw_claims = shape
            .order
            .iter()
            .map(|&(file, i)| (file, i, Raw::Shared(Arc::clone(of_file[&file]), i)))
            .collect();
        *ids = table;
        kept.defining(Some(kept::Shape {
            files: shape_files.unwrap_or_default(),
            order: shape.order,
        }));
        return (raw_claims, hashes);
    }
    let problems = diags.items().len();
    let raw_claims = define_parsed(parsed, sources, ids, diags);
    let clean = diags.items().len() == problems && ids.broken.is_empty() && !ids.incomplete;
    kept.defining(
        shape_files
            .filter(|_| clean && fresh)
            .map(|files| kept::Shape {
                files,
                order: raw_claims.iter().map(|(file, i, _)| (*file, *i)).collect(),
            }),
    );
    (raw_claims, hashes)
}

/// Whether every item of the claims file `src` parsed, as `note_broken_ids`
/// tells it (so that it has nothing to note).
pub(super) fn parsed_whole(src: &crate::source::SourceFile, items: usize) -> bool {
    let mut ids = Ids::default();
    note_broken_ids(src, &(0..items).collect::<Vec<_>>(), &mut ids);
    ids.broken.is_empty() && !ids.incomplete
}

/// A claims file parsed: its parse, the problems found, the hash of its
/// text (0 without a cache).
type Parsed = (FileId, Arc<Vec<(usize, RawClaim)>>, Diagnostics, u128);

/// Parses every claims file (each on its own thread), or takes its parse
/// from `kept` when its text is there.
fn parse_all(
    files: &[FileId],
    sources: &Sources,
    kept: Option<(&kept::Parses, &read::TextHashes)>,
) -> Vec<Parsed> {
    let (kept, hashes) = kept.unzip();
    files
        .par_iter()
        .map(|&file| {
            let mut found = Diagnostics::default();
            let src = sources.get(file);
            let hash = hashes.map_or(0, |h| h.of(&src.text));
            if let Some(items) = kept.and_then(|o| o.get(&hash)) {
                return (file, Arc::clone(items), found, hash);
            }
            let items: Vec<(usize, RawClaim)> =
                parse_items(file, src, "claim", CLAIM_FIELDS, &mut found);
            (file, Arc::new(items), found, hash)
        })
        .collect()
}

/// Defines the ids of the claims of `parsed`, in file order (see
/// [`define_all`]).
fn define_parsed(
    parsed: Vec<Parsed>,
    sources: &Sources,
    ids: &mut Ids,
    diags: &mut Diagnostics,
) -> Vec<(FileId, usize, Raw)> {
    // Boxed: the list is sorted, and each claim's parse is freed as soon
    // as it is checked rather than with the whole list.
    let mut raw_claims: Vec<(FileId, usize, Raw)> =
        Vec::with_capacity(parsed.iter().map(|(_, items, _, _)| items.len()).sum());
    for (file, items, found, _) in parsed {
        diags.append(found);
        note_broken_ids(
            sources.get(file),
            &items.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            ids,
        );
        let src = sources.get(file);
        // Each parse is taken apart when this load is its only holder,
        // and shared with the cache's copy (not copied) when it holds one.
        let raws: Vec<(usize, Raw)> = match Arc::try_unwrap(items) {
            Ok(items) => items
                .into_iter()
                .map(|(i, raw)| (i, Raw::Owned(Box::new(raw))))
                .collect(),
            Err(shared) => (0..shared.len())
                .map(|k| (shared[k].0, Raw::Shared(Arc::clone(&shared), k)))
                .collect(),
        };
        for (i, raw) in raws {
            let id = raw.id.trimmed().to_string();
            let at = Place::Field(i, "id");
            if !check_id(&id, "claim", file, || at.span(src), diags)
                || !define(ids, "claim", &id, file, at.clone(), sources, diags)
            {
                ids.broken.insert(id);
                continue;
            }
            raw_claims.push((file, i, raw));
        }
    }
    raw_claims.par_sort_by(|a, b| a.2.id.trimmed().cmp(b.2.id.trimmed()));
    for (n, (_, _, raw)) in raw_claims.iter().enumerate() {
        ids.index.insert(raw.id.trimmed().to_string(), n);
    }
    raw_claims
}

/// A claim as parsed: its own (freed once checked), or one of a claims
/// file's parses that the cache holds too.
pub(super) enum Raw {
    Owned(Box<RawClaim>),
    Shared(Arc<Vec<(usize, RawClaim)>>, usize),
}

impl std::ops::Deref for Raw {
    type Target = RawClaim;

    fn deref(&self) -> &RawClaim {
        match self {
            Raw::Owned(raw) => raw,
            Raw::Shared(items, k) => &items[*k].1,
        }
    }
}
