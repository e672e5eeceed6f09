//! Claims files saved with claims added, deleted or renamed, for `serve`
//! (`edited.rs` takes those saved with the ids they held). In: the last
//! load's dossier (whose load found no problem), its claim id table, and
//! the parses of the files saved; out: the claim id table as a load would
//! define it, the claims in their new order (claims are sorted by id, so
//! an id added moves every claim after it): those of the files saved
//! checked against the new table, every other one as it was with the
//! indices it names moved, and the texts whose citations and judgments
//! name claims, moved the same way. `None` when a load must see the
//! files: a new id invalid or taken, a claim or a text that named a claim
//! deleted, a text that cites a claim of the files saved whose statement
//! or claims page changed (the text shows them), a problem in a claim
//! checked. The unit tests
//! compare the model with a fresh load's.

use super::{Item, RawClaim, check};
use crate::claim_page;
use crate::diagnostic::Diagnostics;
use crate::load::ids::{Known, check_id, define};
use crate::model::{Claim, Dossier, Entity, FrontPage, Judgment, Prose, Topic};
use crate::source::{FileId, Place, Sources};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The claims in their new order (each with its note as written, for
/// those checked), and the texts moved to it.
pub(super) struct Reshaped {
    /// Every claim, by id; `Some(note)` for the claims checked (their
    /// notes are rendered once every claim is known).
    pub(super) claims: Vec<(Arc<Claim>, Option<Option<String>>)>,
    pub(super) front: FrontPage,
    pub(super) topics: Vec<Topic>,
    pub(super) entities: Vec<Entity>,
    /// Where each claim is (file, item), by id: the id table's order.
    pub(super) order: Vec<(FileId, usize)>,
}

/// A file saved, parsed: its id and its claims, item by item.
pub(super) type FileClaims = (FileId, Vec<(usize, RawClaim)>);

/// See the module's documentation. `known` holds the last load's claim
/// id table; it is left holding the new one (or, on `None`, one that is
/// to be thrown away).
pub(super) fn reshape(
    old: &Dossier,
    sources: &Sources,
    known: &mut Known,
    parsed: &[FileClaims],
) -> Option<Reshaped> {
    let files: HashSet<FileId> = parsed.iter().map(|(f, _)| *f).collect();
    let held: Vec<usize> = (0..old.claims.len())
        .filter(|&o| files.contains(&old.claims[o].at.0))
        .collect();
    let (old_to_new, slots) = retable(old, sources, known, parsed, &held)?;
    // The claims of the files saved, checked against the new table.
    let mut found = Diagnostics::default();
    let mut checked: HashMap<usize, (Claim, Option<String>)> = HashMap::new();
    for (file, items) in parsed {
        let src = sources.get(*file);
        for (i, raw) in items {
            let &n = known.claims.index.get(raw.id.trimmed())?;
            let claim = check(
                raw,
                Item {
                    file: *file,
                    src,
                    i: *i,
                },
                known,
                &mut found,
            )?;
            checked.insert(n, claim);
        }
    }
    if !found.items().is_empty() || !cited_alike(old, &held, &old_to_new, &checked) {
        return None;
    }
    let moved = |o: usize| old_to_new.get(o).copied().flatten();
    let kept: Vec<Option<Arc<Claim>>> = slots
        .par_iter()
        .map(|from| match from {
            Slot::Kept(o) => moved_claim(&old.claims[*o], &moved).map(Some),
            Slot::Saved => Some(None),
        })
        .collect::<Option<_>>()?;
    let mut claims = Vec::with_capacity(slots.len());
    let mut order = Vec::with_capacity(slots.len());
    for (n, (from, kept)) in slots.into_iter().zip(kept).enumerate() {
        match (from, kept) {
            (Slot::Kept(o), Some(claim)) => {
                order.push(place(&old.claims[o])?);
                claims.push((claim, None));
            }
            (_, _) => {
                let (claim, note) = checked.remove(&n)?;
                order.push(place(&claim)?);
                claims.push((Arc::new(claim), Some(note)));
            }
        }
    }
    let front = FrontPage {
        judgments: moved_judgments(&old.front.judgments, &moved)?,
        body: moved_prose(&old.front.body, &moved)?,
        ..old.front.clone()
    };
    let topics = old
        .topics
        .iter()
        .map(|t| {
            Some(Topic {
                judgments: moved_judgments(&t.judgments, &moved)?,
                overview: moved_prose(&t.overview, &moved)?,
                ..t.clone()
            })
        })
        .collect::<Option<_>>()?;
    let entities = old
        .entities
        .iter()
        .map(|e| {
            let description = match &e.description {
                Some(p) => Some(moved_prose(p, &moved)?),
                None => None,
            };
            Some(Entity {
                description,
                ..e.clone()
            })
        })
        .collect::<Option<_>>()?;
    Some(Reshaped {
        claims,
        front,
        topics,
        entities,
        order,
    })
}

/// Where a claim of the new order comes from.
enum Slot {
    /// The claim of the last load at this index.
    Kept(usize),
    /// A claim of a file saved (checked anew).
    Saved,
}

/// The claim table of `known` with the ids of the claims `held` (those of
/// the files saved, indices of `old`) replaced by the ids the files hold
/// now, and every index moved to its id's rank. Returns each old claim's
/// new index (`None`: deleted) and where each claim of the new order
/// comes from; `None` if a new id is invalid or taken.
fn retable(
    old: &Dossier,
    sources: &Sources,
    known: &mut Known,
    parsed: &[FileClaims],
    held: &[usize],
) -> Option<(Vec<Option<usize>>, Vec<Slot>)> {
    let table = &mut known.claims;
    if !table.broken.is_empty() || table.incomplete || table.index.len() != old.claims.len() {
        return None;
    }
    // The ids held before, by their index then.
    let mut was: HashMap<String, usize> = HashMap::with_capacity(held.len());
    for &o in held {
        let id = &old.claims[o].id;
        table.index.remove(id)?;
        table.defs.remove(id);
        was.insert(id.clone(), o);
    }
    let mut found = Diagnostics::default();
    for (file, items) in parsed {
        for (i, raw) in items {
            let id = raw.id.trimmed();
            let at = Place::Field(*i, "id");
            if table.index.contains_key(id)
                || !check_id(
                    id,
                    "claim",
                    *file,
                    || at.span(sources.get(*file)),
                    &mut found,
                )
                || !define(table, "claim", id, *file, at, sources, &mut found)
            {
                return None;
            }
            table.index.insert(id.to_string(), usize::MAX);
        }
    }
    let mut old_to_new = vec![None; old.claims.len()];
    let mut from = Vec::with_capacity(table.index.len());
    for (n, (id, at)) in table.index.iter_mut().enumerate() {
        if *at == usize::MAX {
            if let Some(&o) = was.get(id) {
                old_to_new[o] = Some(n);
            }
            from.push(Slot::Saved);
        } else {
            // A table that does not fit the claims (it cannot, after a
            // load without problems) is no table to move.
            *old_to_new.get_mut(*at)? = Some(n);
            from.push(Slot::Kept(*at));
        }
        *at = n;
    }
    Some((old_to_new, from))
}

/// A claim's file and item.
fn place(c: &Claim) -> Option<(FileId, usize)> {
    match c.at.1 {
        Place::Item(i) => Some((c.at.0, i)),
        _ => None,
    }
}

/// `claim` with the claims it names moved (shared when none moved);
/// `None` if one is deleted.
fn moved_claim(claim: &Arc<Claim>, moved: &dyn Fn(usize) -> Option<usize>) -> Option<Arc<Claim>> {
    let same = |list: &[usize]| list.iter().all(|&c| moved(c) == Some(c));
    let note_same = claim
        .note
        .as_ref()
        .is_none_or(|p| p.cited.iter().all(|&(c, _)| moved(c) == Some(c)));
    if same(&claim.corroborates) && same(&claim.contradicts) && note_same {
        return Some(Arc::clone(claim));
    }
    let list = |l: &[usize]| l.iter().map(|&c| moved(c)).collect::<Option<Vec<_>>>();
    let note = match &claim.note {
        Some(p) => Some(moved_prose(p, moved)?),
        None => None,
    };
    Some(Arc::new(Claim {
        corroborates: list(&claim.corroborates)?,
        contradicts: list(&claim.contradicts)?,
        note,
        ..Claim::clone(claim)
    }))
}

/// `prose` with the claims it cites moved; `None` if one is deleted.
fn moved_prose(prose: &Prose, moved: &dyn Fn(usize) -> Option<usize>) -> Option<Prose> {
    let cited = prose
        .cited
        .iter()
        .map(|&(c, k)| Some((moved(c)?, k)))
        .collect::<Option<_>>()?;
    Some(Prose {
        cited,
        ..prose.clone()
    })
}

/// `judgments` with the claims they rest on moved; `None` if one is
/// deleted.
fn moved_judgments(
    judgments: &[Judgment],
    moved: &dyn Fn(usize) -> Option<usize>,
) -> Option<Vec<Judgment>> {
    judgments
        .iter()
        .map(|j| {
            Some(Judgment {
                based_on: j
                    .based_on
                    .iter()
                    .map(|&c| moved(c))
                    .collect::<Option<_>>()?,
                ..j.clone()
            })
        })
        .collect()
}

/// Whether every claim `held` (of the files saved) that a text cites
/// (the front page's, a topic's, an entity's, a note of a claim not
/// held) is there still with the same statement and claims page, which
/// the text shows as it was rendered (judgments name claims by index
/// alone, and the pages showing them are made again). `checked`: the
/// claims of the files saved, by their new index (`old_to_new`).
fn cited_alike(
    old: &Dossier,
    held: &[usize],
    old_to_new: &[Option<usize>],
    checked: &HashMap<usize, (Claim, Option<String>)>,
) -> bool {
    let held: HashSet<usize> = held.iter().copied().collect();
    let notes = old
        .claims
        .iter()
        .enumerate()
        .filter(|(o, _)| !held.contains(o))
        .filter_map(|(_, c)| c.note.as_ref());
    let cited: HashSet<usize> = old
        .texts()
        .chain(notes)
        .flat_map(|p| p.cited.iter().map(|&(c, _)| c))
        .filter(|c| held.contains(c))
        .collect();
    cited.into_iter().all(|o| {
        let now = old_to_new.get(o).copied().flatten();
        now.and_then(|n| checked.get(&n)).is_some_and(|(now, _)| {
            let was = &old.claims[o];
            was.statement == now.statement
                && claim_page::group(was, &old.articles) == claim_page::group(now, &old.articles)
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::load::testing::{copy, shown};
    use crate::load::{Cache, Loaded, claims_edited, load, load_cached};
    use std::fs;
    use std::path::Path;

    /// Saves `rel` with `from` replaced by `to` and hands it to
    /// `claims_edited`: on `Some` the model must be a fresh load's (and
    /// becomes `loaded`); on `None`, the load `serve` makes then (with
    /// the cache) must be, and takes its place. Returns whether the edit
    /// was taken alone.
    fn save(
        root: &Path,
        loaded: &mut Loaded,
        cache: &mut Cache,
        (rel, from, to): (&str, &str, &str),
    ) -> bool {
        let text = fs::read_to_string(root.join(rel)).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        save_as(root, loaded, cache, rel, text.replacen(from, to, 1))
    }

    /// [`save`], of `rel` saved with `text`.
    fn save_as(
        root: &Path,
        loaded: &mut Loaded,
        cache: &mut Cache,
        rel: &str,
        text: String,
    ) -> bool {
        let path = root.join(rel);
        fs::write(&path, &text).unwrap();
        cache.forget(std::slice::from_ref(&path));
        let files = loaded.sources.len();
        let texts = [(path, std::sync::Arc::new(text.clone()))];
        match claims_edited(loaded, files, cache, root, &texts) {
            Some(new) => {
                assert_eq!(shown(&new), shown(&load(root)), "{rel}: {text}");
                *loaded = new;
                true
            }
            None => {
                // The cache's claim table (reshaped by the edits before)
                // gives a load's model too.
                *loaded = load_cached(root, cache);
                assert_eq!(shown(loaded), shown(&load(root)), "{rel}: {text}: loaded");
                false
            }
        }
    }

    #[test]
    fn claims_added_deleted_or_renamed_give_the_model_a_load_gives() {
        let dir = copy("good/basic");
        let root = dir.path();
        let mut cache = Cache::default();
        let mut loaded = load_cached(root, &mut cache);
        assert_eq!(loaded.diagnostics.items().len(), 0);
        let (evacuation, dam) = ("content/claims/evacuation.yaml", "content/claims/dam.yaml");
        let end = "will start on Friday\"\n";
        // First by id (every claim moves: the judgments naming them too),
        // naming a claim of another file, with a note citing one.
        let claim = "- id: aaa-added\n  statement: \"Residents leave.\"\n  \
                     topics: [evacuation]\n  origin: town-hall\n  corroborates: [three-cracks]\n  \
                     note: \"As [@wall-older] says.\"\n  evidence:\n    \
                     - article: courrier-barrage\n      quote: \"commencera vendredi\"\n";
        let added = format!("{end}{claim}");
        let renamed = claim.replace("aaa-added", "zzz-renamed");
        macro_rules! edit {
            ($rel:expr, $from:expr, $to:expr) => {
                save(root, &mut loaded, &mut cache, ($rel, $from, $to))
            };
        }
        assert!(edit!(evacuation, end, &added), "added");
        assert!(
            edit!(evacuation, "id: aaa-added", "id: zzz-renamed"),
            "renamed, now last"
        );
        // A load with the cache takes the claim table the edits left.
        let again = load_cached(root, &mut cache);
        assert_eq!(shown(&again), shown(&load(root)), "a load after");
        assert!(edit!(evacuation, &renamed, ""), "deleted");
        // An id taken: the load reports it, and the table is defined again.
        assert!(
            !edit!(evacuation, "id: evacuation-800", "id: three-cracks"),
            "duplicate"
        );
        assert!(
            !edit!(evacuation, "id: three-cracks", "id: evacuation-800"),
            "after errors"
        );
        assert!(edit!(evacuation, end, &added), "added after a load");
        // A claim added to the file of a claim a note cites (`wall-older`):
        // alone while the claim cited keeps its statement and page.
        let dam_end = "older than anyone admits\"'\n";
        let dam_claim = "- id: dam-added\n  statement: \"Cracks recorded.\"\n  \
                         topics: [dam-safety]\n  origin: water-agency\n  evidence:\n    \
                         - article: agency-bulletin\n      quote: \"recorded three new cracks\"\n";
        let dam_added = format!("{dam_end}{dam_claim}");
        assert!(edit!(dam, dam_end, &dam_added), "the claim cited kept");
        // Deleted, with the cited claim's statement changed: a load.
        let text = fs::read_to_string(root.join(dam)).unwrap();
        let text =
            text.replace(dam_claim, "")
                .replacen("The engineers' union says", "The union says", 1);
        let changed = save_as(root, &mut loaded, &mut cache, dam, text);
        assert!(!changed, "the claim cited changed");
        // A claim of another file named by one deleted: the load reports it.
        assert!(
            edit!(
                dam,
                "corroborates: [three-cracks]",
                "contradicts: [aaa-added]"
            ),
            "the same ids"
        );
        assert!(
            !edit!(evacuation, claim, ""),
            "a claim named elsewhere deleted"
        );
        assert_eq!(loaded.diagnostics.errors(), 1);
    }
}
