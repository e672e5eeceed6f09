//! What a load of the claims keeps for the next one (`serve` keeps it
//! from edit to edit, in `load::Cache`): the parse of each claims file
//! that parsed without a problem, by a hash of its text, and each claim
//! as checked, with the problems its check found.
//!
//! A check reads the claim as parsed, its place in its file, the file's
//! text (for positions) and the id tables ([`Known`]) alone. So a claim
//! of a file whose text is the one checked last time, at the same item
//! and under the same file id, checked against id tables that hash the
//! same, is what checking it again would give: it is taken as it was,
//! shared (not copied) with the last load's model. An edit that keeps
//! every id (a statement, a figure, a quote changed) checks the claims of
//! the edited file alone. One that adds, deletes or renames a claim
//! changes the claim table alone, and of that table a claim's check reads
//! only the ids its `corroborates` and `contradicts` name (with the
//! indices they resolve to), unless one is unknown (the hint then names
//! the closest known id): a claim whose named claims resolve as before
//! (most name none) is taken as it was too, found by its place when the
//! claims before it moved.
//!
//! The claim id table is kept too, when defining the ids found no
//! problem (no invalid or duplicate id, every item parsed): a load whose
//! claims files hold the same ids, item by item, under the same file ids,
//! takes it back instead of defining 100,000 ids and sorting them again.

use super::RawClaim;
use crate::diagnostic::Diagnostics;
use crate::load::ids::{Ids, Known};
use crate::model::Claim;
use crate::source::FileId;
use std::collections::HashMap;
use std::sync::Arc;

/// A claim as checked: the claim (none without a known origin) with its
/// note as written, and the problems found.
pub(super) type Checked = (Option<(Arc<Claim>, Option<String>)>, Diagnostics);

/// A claims file: its id and the hash of its text.
pub(super) type File = (FileId, u128);

/// The claims checked, in id order, each with its file and item and the
/// hash of the claims it names ([`claim_refs`]). With the same id tables,
/// a load's claims come in the same order: the claim at a position is the
/// one checked there last time if its file (and text) and item are the
/// same.
pub(super) type InOrder = Vec<(File, usize, Option<u128>, Option<Checked>)>;

/// Hashes of the id tables a check reads, one per kind: articles, topics,
/// sources, metrics, claims, entities.
pub(super) type Context = [u128; 6];

/// The place of the claims' table in a [`Context`].
const CLAIMS: usize = 4;

/// Claims files that parsed without a problem, by hash of their text.
pub(in crate::load) type Parses = HashMap<u128, Arc<Vec<(usize, RawClaim)>>>;

/// What a load keeps for the next (see the module's documentation).
#[derive(Default)]
pub struct Kept {
    /// Claims files that parsed without a problem, by hash of their text.
    pub(in crate::load) parses: Parses,
    /// Hashes of the id tables the claims below were checked against.
    context: Context,
    /// Each claim checked, by where it is.
    checked: InOrder,
    /// The claim id table of the last load, and what it was made of.
    defined: Option<(Ids, Shape)>,
    /// What the claim ids of this load are made of, until the load is done
    /// with the table ([`Kept::keep_ids`]); none when defining them found
    /// a problem.
    pending: Option<Shape>,
}

/// What a claim id table is made of: each claims file (its id, the hash
/// of its text and a hash of its claims' ids in item order), and where
/// each claim is (file, item), in id order.
pub(super) struct Shape {
    pub(super) files: Vec<ShapeFile>,
    pub(super) order: Vec<(FileId, usize)>,
}

/// A claims file of a [`Shape`]: its id, the hash of its text, a hash of
/// its claims' ids in item order.
pub(super) type ShapeFile = (FileId, u128, u128);

impl Kept {
    /// The claims checked last time, to be taken back against id tables
    /// that hash to `context` ([`Before::take`]): none unless every table
    /// but the claims' hashes as it did. The table is left empty either
    /// way: the load fills it again ([`Kept::keep`]).
    pub(super) fn take_checked(&mut self, context: &Context) -> Before {
        let checked = std::mem::take(&mut self.checked);
        let same = |k: usize| self.context[k] == context[k];
        let others = (0..context.len()).all(|k| k == CLAIMS || same(k));
        Before {
            checked: if others { checked } else { Vec::new() },
            claims: same(CLAIMS),
            by_place: None,
        }
    }

    /// The claim id table of the last load and where its claims are, if
    /// its files held the ids `files` hold now; it is taken out (and
    /// given back by [`Kept::keep_ids`]).
    pub(super) fn take_ids(&mut self, files: &[ShapeFile]) -> Option<(Ids, Shape)> {
        let same = |a: &ShapeFile, b: &ShapeFile| a.0 == b.0 && a.2 == b.2;
        match self.defined.take() {
            Some((ids, shape))
                if shape.files.len() == files.len()
                    && shape.files.iter().zip(files).all(|(a, b)| same(a, b)) =>
            {
                Some((ids, shape))
            }
            _ => None,
        }
    }

    /// The claims files of the last load's id table, if one is kept.
    pub(super) fn defined_files(&self) -> Option<&[ShapeFile]> {
        self.defined
            .as_ref()
            .map(|(_, shape)| shape.files.as_slice())
    }

    /// What the claim ids of this load are made of (none when defining
    /// them found a problem).
    pub(super) fn defining(&mut self, shape: Option<Shape>) {
        self.pending = shape;
    }

    /// Forgets the claims checked last time, which the model shares: the
    /// next load checks every claim again. `load::patch` does so before
    /// it points the model's claims at their topics' new places.
    pub(in crate::load) fn forget_checked(&mut self) {
        self.checked = Vec::new();
    }

    /// The claim id table of the last load, lent out (an edit of the
    /// analyst's texts reads it: `load::patch`) until
    /// [`Kept::give_back_ids`]; none when no load kept one.
    pub(in crate::load) fn lend_ids(&mut self) -> Option<Ids> {
        self.defined.as_mut().map(|(ids, _)| std::mem::take(ids))
    }

    /// Puts back the table [`Kept::lend_ids`] lent.
    pub(in crate::load) fn give_back_ids(&mut self, ids: Ids) {
        if let Some((kept, _)) = self.defined.as_mut() {
            *kept = ids;
        }
    }

    /// Forgets the claim id table lent out ([`Kept::lend_ids`]) and not
    /// given back: the next load defines the ids again.
    pub(in crate::load) fn forget_ids(&mut self) {
        self.defined = None;
    }

    /// Takes back, in place of the table lent out, `ids`: the table
    /// after claims files were saved with other ids (`reshape.rs`), each
    /// of `saved` as it is now, every claim's place (file, item) in id
    /// order being `order`.
    pub(super) fn reshaped(&mut self, ids: Ids, saved: &[ShapeFile], order: Vec<(FileId, usize)>) {
        let Some((kept, shape)) = self.defined.as_mut() else {
            return;
        };
        for &now in saved {
            match shape.files.iter_mut().find(|f| f.0 == now.0) {
                Some(f) => *f = now,
                None => {
                    self.defined = None;
                    return;
                }
            }
        }
        *kept = ids;
        shape.order = order;
    }

    /// Keeps this load's claim id table, once the load is done with it.
    pub(in crate::load) fn keep_ids(&mut self, ids: Ids) {
        self.defined = self.pending.take().map(|shape| (ids, shape));
    }

    /// Keeps the claims this load checked, against `context`.
    pub(super) fn keep(&mut self, context: Context, checked: InOrder) {
        self.context = context;
        self.checked = checked;
    }
}

/// The claims a load checked before, as [`Kept::take_checked`] gives
/// them back.
pub(super) struct Before {
    checked: InOrder,
    /// Whether the claims' table hashes as it did.
    claims: bool,
    /// Each claim's position in `checked` by its place, made when a claim
    /// is first not found at its position (the claims before it moved).
    by_place: Option<HashMap<(File, usize), usize>>,
}

impl Before {
    /// The claim at item `i` of `file`, at position `n` when no claim
    /// before it moved, with the hash of the claims it names, if checking
    /// it again would give what it gave: the same claims' table, or the
    /// claims it names resolving as before (`refs`, computed only then).
    pub(super) fn take(
        &mut self,
        n: usize,
        file: File,
        i: usize,
        refs: impl FnOnce() -> Option<u128>,
    ) -> Option<(Option<u128>, Checked)> {
        let at = |e: &(File, usize, Option<u128>, Option<Checked>)| e.0 == file && e.1 == i;
        let n = match self.checked.get(n) {
            Some(e) if at(e) => n,
            _ if self.checked.is_empty() => return None,
            _ => *self
                .by_place
                .get_or_insert_with(|| {
                    let places = self.checked.iter().enumerate();
                    places.map(|(k, e)| ((e.0, e.1), k)).collect()
                })
                .get(&(file, i))?,
        };
        let entry = &mut self.checked[n];
        if self.claims {
            return Some((entry.2, entry.3.take()?));
        }
        let now = refs();
        (now.is_some() && now == entry.2).then(|| entry.3.take().map(|c| (now, c)))?
    }
}

/// A hash of the claims `raw` names (`corroborates`, `contradicts`), each
/// with the index it resolves to in `claims`; none if one is unknown.
pub(super) fn claim_refs(raw: &RawClaim, claims: &Ids) -> Option<u128> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let own = raw.id.trimmed();
    for (list, tag) in [(&raw.corroborates, 0u8), (&raw.contradicts, 1)] {
        h.update(&[tag]);
        for c in list.iter().map(|c| c.trimmed()).filter(|c| *c != own) {
            let &n = claims.index.get(c)?;
            h.update(&(n as u64).to_le_bytes());
        }
    }
    Some(h.digest128())
}

/// A hash of each id table a claim's check reads besides the claim and
/// its file: every id with its index, the ids that failed to parse, and
/// whether the table is incomplete.
pub(super) fn context(ids: &Known) -> Context {
    let tables: [&Ids; 6] = [
        &ids.articles,
        &ids.topics,
        &ids.sources,
        &ids.metrics,
        &ids.claims,
        &ids.entities,
    ];
    tables.map(table_hash)
}

/// A hash of one id table (see [`context`]).
fn table_hash(table: &Ids) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&[u8::from(table.incomplete)]);
    h.update(&(table.index.len() as u64).to_le_bytes());
    for (id, &n) in &table.index {
        text(&mut h, id);
        h.update(&(n as u64).to_le_bytes());
    }
    let mut broken: Vec<&String> = table.broken.iter().collect();
    broken.sort_unstable();
    h.update(&(broken.len() as u64).to_le_bytes());
    for id in broken {
        text(&mut h, id);
    }
    h.digest128()
}

/// Adds `s` to `h` after its length (so that no two lists of texts hash
/// alike by being cut in other places).
fn text(h: &mut xxhash_rust::xxh3::Xxh3, s: &str) {
    h.update(&(s.len() as u64).to_le_bytes());
    h.update(s.as_bytes());
}

/// A hash of the ids of `items` (a claims file's parse), in item order.
pub(super) fn ids_hash(items: &[(usize, RawClaim)]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (i, raw) in items {
        h.update(&(*i as u64).to_le_bytes());
        text(&mut h, raw.id.trimmed());
    }
    h.digest128()
}
