//! Figure conflicts across origins, without comparing every pair.
//!
//! Two figures of one metric disagree when their intervals (see
//! [`interval`]) do not meet even with the upper end stretched by
//! the tolerance, they come from different origins, both are planned or both
//! are not, and their `as_of` dates are comparable (one is a prefix of the
//! other, or either is missing). A dossier with 100,000 figures on ten
//! metrics would need 500 million pair comparisons; instead each figure
//! queries a few sorted indexes:
//!
//! - *below*: figures sorted by `high × (1 + t)`; those under `a.low` form a
//!   prefix found by binary search;
//! - *above*: figures sorted by `low`, descending; those over
//!   `a.high × (1 + t)` form a prefix.
//!
//! The comparable figures of one with `as_of = X` are the union of disjoint
//! groups: those with no date, those dated exactly at a coarser prefix of
//! `X` (its year, its month) and those dated within `X`. A figure with no
//! date is comparable with all. The count of conflicts is exact (prefix
//! length minus the same-origin entries in it, counted per origin); a few
//! examples are kept for the reader, the most extreme first.
//!
//! Cost: O(n log n) to build and to query, O(n) memory.

use super::facts::Conflict;
use super::figures::interval;
use crate::model::{Dossier, FigureStatus, PartialDate};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Figure conflicts of every claim.
#[derive(Debug, Default)]
pub struct FigureConflicts {
    /// Per claim: examples (at most `examples` per figure), most extreme first.
    pub examples: Vec<Vec<Conflict>>,
    /// Per claim: how many (other claim, figure) pairs disagree with its figures.
    pub totals: Vec<usize>,
    /// Per claim: indices of its figures that disagree with at least one.
    pub contested: Vec<Vec<usize>>,
}

/// One figure in an index.
#[derive(Clone, Copy)]
struct Entry {
    claim: usize,
    figure: usize,
    origin: usize,
    key: f64,
}

/// One ordering of a group of figures, with what the queries need.
#[derive(Default)]
struct Sorted {
    entries: Vec<Entry>,
    /// `next_diff[i]`: first position after `i` whose origin differs from
    /// `entries[i].origin` (or `len`).
    next_diff: Vec<usize>,
    /// Keys of each origin's entries, in the same order.
    by_origin: HashMap<usize, Vec<f64>>,
}

impl Sorted {
    /// Sorts `entries` ascending by `key` (ties by claim, figure) and builds
    /// the skip table. `descending` flips the key order.
    fn new(mut entries: Vec<Entry>, descending: bool) -> Self {
        entries.sort_by(|a, b| {
            let k = a.key.total_cmp(&b.key);
            let k = if descending { k.reverse() } else { k };
            k.then(a.claim.cmp(&b.claim)).then(a.figure.cmp(&b.figure))
        });
        let mut next_diff = vec![entries.len(); entries.len()];
        for i in (0..entries.len().saturating_sub(1)).rev() {
            next_diff[i] = if entries[i + 1].origin != entries[i].origin {
                i + 1
            } else {
                next_diff[i + 1]
            };
        }
        let mut by_origin: HashMap<usize, Vec<f64>> = HashMap::new();
        for e in &entries {
            by_origin.entry(e.origin).or_default().push(e.key);
        }
        Sorted {
            entries,
            next_diff,
            by_origin,
        }
    }

    /// Entries in the prefix where `inside(key)` holds (the order makes it a
    /// prefix): how many are not from `origin`; up to `want` of them are
    /// pushed to `out`, in order.
    fn query(
        &self,
        inside: impl Fn(f64) -> bool,
        origin: usize,
        want: usize,
        out: &mut Vec<Entry>,
    ) -> usize {
        let len = self.entries.partition_point(|e| inside(e.key));
        if len == 0 {
            return 0;
        }
        let same = self
            .by_origin
            .get(&origin)
            .map_or(0, |keys| keys.partition_point(|&k| inside(k)));
        let mut taken = 0;
        let mut p = 0;
        while p < len && taken < want {
            let e = &self.entries[p];
            if e.origin != origin {
                out.push(*e);
                taken += 1;
                p += 1;
            } else {
                p = self.next_diff[p];
            }
        }
        len - same
    }
}

/// Figures comparable in kind: one metric, planned or not.
#[derive(Default)]
struct Group {
    below: Vec<Entry>,
    above: Vec<Entry>,
}

struct Index {
    below: Sorted,
    above: Sorted,
}

impl Index {
    fn new(g: Group) -> Self {
        Index {
            below: Sorted::new(g.below, false),
            above: Sorted::new(g.above, true),
        }
    }
}

/// Date key with missing parts as 0, and its coarser prefixes.
type DateKey = (u16, u8, u8);

fn date_key(d: &PartialDate) -> DateKey {
    (d.year, d.month.unwrap_or(0), d.day.unwrap_or(0))
}

/// The key and its strict coarser prefixes.
fn ancestors(k: DateKey) -> Vec<DateKey> {
    match k {
        (_, 0, _) => Vec::new(),
        (y, _, 0) => vec![(y, 0, 0)],
        (y, m, _) => vec![(y, 0, 0), (y, m, 0)],
    }
}

/// The key and its coarser prefixes.
fn with_ancestors(k: DateKey) -> Vec<DateKey> {
    let mut v = ancestors(k);
    v.push(k);
    v
}

#[derive(Default)]
struct Class {
    all: Group,
    undated: Group,
    exact: HashMap<DateKey, Group>,
    within: HashMap<DateKey, Group>,
}

struct ClassIndex {
    all: Index,
    undated: Index,
    exact: HashMap<DateKey, Index>,
    within: HashMap<DateKey, Index>,
}

/// A class of figures: one metric, planned or not.
pub type ClassKey = (usize, bool);

/// The class of a figure.
pub fn class_of(f: &crate::model::Figure) -> ClassKey {
    (f.metric, f.status == FigureStatus::Planned)
}

/// One claim's figure conflicts: examples (at most `examples` per figure,
/// most extreme first), how many in all, and its figures that disagree.
type OfClaim = (Vec<Conflict>, usize, Vec<usize>);

/// Finds every figure's conflicts; keeps `examples` examples per figure.
pub fn figure_conflicts(d: &Dossier, tolerance: f64, examples: usize) -> FigureConflicts {
    let classes = class_indexes(d, tolerance, |_| true);
    // Each claim's figures against the index, claims in parallel.
    let per_claim: Vec<OfClaim> = d
        .claims
        .par_iter()
        .map(|claim| of_claim(claim, &classes, tolerance, examples))
        .collect();
    let n = d.claims.len();
    let mut out = FigureConflicts {
        examples: Vec::with_capacity(n),
        totals: Vec::with_capacity(n),
        contested: Vec::with_capacity(n),
    };
    for (examples_of, total_of, contested_of) in per_claim {
        out.examples.push(examples_of);
        out.totals.push(total_of);
        out.contested.push(contested_of);
    }
    out
}

/// The figure conflicts of the claims with a figure in one of the
/// classes `touched`, by claim index, in claim order: the claims whose
/// conflicts can differ when only figures of those classes changed.
pub fn figure_conflicts_in(
    d: &Dossier,
    tolerance: f64,
    examples: usize,
    touched: &HashSet<ClassKey>,
) -> Vec<(usize, FigureConflictsOf)> {
    let of: Vec<usize> = (0..d.claims.len())
        .into_par_iter()
        .filter(|&i| {
            d.claims[i]
                .figures
                .iter()
                .any(|f| touched.contains(&class_of(f)))
        })
        .collect();
    // Those claims' other figures are queried too: every class they use.
    let needed: HashSet<ClassKey> = of
        .iter()
        .flat_map(|&i| d.claims[i].figures.iter().map(class_of))
        .collect();
    let classes = class_indexes(d, tolerance, |k| needed.contains(&k));
    of.into_par_iter()
        .map(|i| {
            let (examples, total, contested) =
                of_claim(&d.claims[i], &classes, tolerance, examples);
            (
                i,
                FigureConflictsOf {
                    examples,
                    total,
                    contested,
                },
            )
        })
        .collect()
}

/// One claim's figure conflicts (see [`FigureConflicts`]).
#[derive(Debug)]
pub struct FigureConflictsOf {
    /// Examples, most extreme first.
    pub examples: Vec<Conflict>,
    /// How many (other claim, figure) pairs disagree with its figures.
    pub total: usize,
    /// Indices of its figures that disagree with at least one.
    pub contested: Vec<usize>,
}

/// The index of each class of figures for which `keep` holds.
fn class_indexes(
    d: &Dossier,
    tolerance: f64,
    keep: impl Fn(ClassKey) -> bool,
) -> HashMap<ClassKey, ClassIndex> {
    let stretch = 1.0 + tolerance;
    let mut classes: HashMap<ClassKey, Class> = HashMap::new();
    for (c, claim) in d.claims.iter().enumerate() {
        for (k, f) in claim.figures.iter().enumerate() {
            let key = class_of(f);
            if !keep(key) {
                continue;
            }
            let (lo, hi) = interval(f, tolerance);
            let below = Entry {
                claim: c,
                figure: k,
                origin: claim.origin,
                key: hi * stretch,
            };
            let above = Entry { key: lo, ..below };
            let class = classes.entry(key).or_default();
            let add = |g: &mut Group| {
                g.below.push(below);
                g.above.push(above);
            };
            add(&mut class.all);
            match &f.as_of {
                None => add(&mut class.undated),
                Some(date) => {
                    let key = date_key(date);
                    add(class.exact.entry(key).or_default());
                    for a in with_ancestors(key) {
                        add(class.within.entry(a).or_default());
                    }
                }
            }
        }
    }
    classes
        .into_iter()
        .map(|(k, c)| {
            let index = ClassIndex {
                all: Index::new(c.all),
                undated: Index::new(c.undated),
                exact: c
                    .exact
                    .into_iter()
                    .map(|(k, g)| (k, Index::new(g)))
                    .collect(),
                within: c
                    .within
                    .into_iter()
                    .map(|(k, g)| (k, Index::new(g)))
                    .collect(),
            };
            (k, index)
        })
        .collect()
}

/// One claim's figures queried against the class indexes.
fn of_claim(
    claim: &crate::model::Claim,
    classes: &HashMap<ClassKey, ClassIndex>,
    tolerance: f64,
    examples: usize,
) -> OfClaim {
    let stretch = 1.0 + tolerance;
    let (mut examples_of, mut total_of, mut contested_of) = (Vec::new(), 0, Vec::new());
    let mut found = Vec::new();
    for (k, f) in claim.figures.iter().enumerate() {
        let Some(class) = classes.get(&class_of(f)) else {
            continue;
        };
        let (lo, hi) = interval(f, tolerance);
        let mut indexes: Vec<&Index> = Vec::new();
        match &f.as_of {
            None => indexes.push(&class.all),
            Some(date) => {
                let key = date_key(date);
                indexes.push(&class.undated);
                indexes.extend(ancestors(key).iter().filter_map(|a| class.exact.get(a)));
                indexes.extend(class.within.get(&key));
            }
        }
        found.clear();
        let mut total = 0;
        // Entries whose stretched high end is under our low end, lowest
        // first; then those whose low end is over our stretched high
        // end, highest first.
        for index in &indexes {
            total += index
                .below
                .query(|key| key < lo, claim.origin, examples, &mut found);
        }
        let limit = hi * stretch;
        for index in &indexes {
            total += index
                .above
                .query(|key| key > limit, claim.origin, examples, &mut found);
        }
        if total > 0 {
            total_of += total;
            contested_of.push(k);
            examples_of.extend(found.iter().take(examples).map(|e| Conflict::Figure {
                figure: k,
                other: e.claim,
                other_figure: e.figure,
            }));
        }
    }
    (examples_of, total_of, contested_of)
}
