//! The entities each claim mentions: those it names (`entities:`) and
//! those whose aliases its statement or an evidence translation holds,
//! found by the dossier's [`crate::mention::Matcher`], claims in parallel.
//! Quotes are left out: they are the articles' words, whose mentions
//! anchoring finds in the whole article text. Given the dossier analysed
//! before (`serve`), a claim whose counterpart (at its place, or by its
//! id when claims were added or deleted) is the same `Arc` or has the
//! same statement, translations and entities named, with the same
//! entities' names and aliases, keeps its list.

use crate::model::{Claim, Dossier};
use rayon::prelude::*;
use std::sync::Arc;

/// Per claim its entities, and per entity its claims (in claim order).
/// `before`: a dossier analysed before, with its claims' entities.
pub fn of_claims(
    d: &Dossier,
    before: Option<(&Dossier, &[Vec<usize>])>,
) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let Some(matcher) = &d.mentions else {
        let named: Vec<Vec<usize>> = d.claims.iter().map(|c| c.entities.clone()).collect();
        return invert(named, d.entities.len());
    };
    // The matcher is made of the entities' names and aliases, in order.
    let before = before.filter(|(old, _)| {
        old.entities.len() == d.entities.len()
            && old
                .entities
                .iter()
                .zip(&d.entities)
                .all(|(x, y)| (&x.id, &x.name, &x.aliases) == (&y.id, &y.name, &y.aliases))
    });
    // Each claim's counterpart before: at its place, or (claims added or
    // deleted move the others) by its id.
    let old_of = before.map(|(old, _)| match old.claims.len() == d.claims.len() {
        true => (0..d.claims.len()).map(Some).collect(),
        false => by_id(&old.claims, &d.claims),
    });
    let per_claim: Vec<Vec<usize>> = d
        .claims
        .par_iter()
        .enumerate()
        .map_init(String::new, |scratch, (i, c)| {
            if let (Some((old, kept)), Some(old_of)) = (before, &old_of)
                && let Some(o) = old_of[i]
                && old
                    .claims
                    .get(o)
                    .is_some_and(|o| Arc::ptr_eq(o, c) || reads_alike(o, c))
                && let Some(list) = kept.get(o)
            {
                return list.clone();
            }
            found_in(matcher, c, scratch)
        })
        .collect();
    invert(per_claim, d.entities.len())
}

/// For each claim of `new`, the index of the claim of `old` with its id
/// (both sorted by id, as loaded; otherwise some are not found).
fn by_id(old: &[Arc<Claim>], new: &[Arc<Claim>]) -> Vec<Option<usize>> {
    let mut o = 0;
    new.iter()
        .map(|c| {
            while o < old.len() && old[o].id < c.id {
                o += 1;
            }
            (o < old.len() && old[o].id == c.id).then_some(o)
        })
        .collect()
}

/// Whether [`found_in`] reads `a` and `b` alike: the statements, the
/// translations and the entities named.
fn reads_alike(a: &Claim, b: &Claim) -> bool {
    a.statement == b.statement
        && a.entities == b.entities
        && a.evidence.len() == b.evidence.len()
        && a.evidence
            .iter()
            .zip(&b.evidence)
            .all(|(x, y)| x.translation == y.translation)
}

/// The entities claim `c` (of `d`) mentions, as [`of_claims`] lists them.
pub fn of_claim(d: &Dossier, c: &Claim) -> Vec<usize> {
    match &d.mentions {
        Some(matcher) => found_in(matcher, c, &mut String::new()),
        None => c.entities.clone(),
    }
}

/// The entities `c` names, and those `matcher` finds in its statement and
/// translations.
fn found_in(matcher: &crate::mention::Matcher, c: &Claim, scratch: &mut String) -> Vec<usize> {
    let texts = std::iter::once(c.statement.as_str())
        .chain(c.evidence.iter().filter_map(|e| e.translation.as_deref()));
    let mut found = matcher.find(texts, scratch);
    if !c.entities.is_empty() {
        found.extend(&c.entities);
        found.sort_unstable();
        found.dedup();
    }
    found
}

/// The lists, and for each of `n` entities the claims listing it.
fn invert(per_claim: Vec<Vec<usize>>, n: usize) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let mut per_entity = vec![Vec::new(); n];
    for (c, list) in per_claim.iter().enumerate() {
        for &e in list {
            per_entity[e].push(c);
        }
    }
    (per_claim, per_entity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_taken_from_before_are_those_found_anew() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/entities");
        let old = crate::load::load(&root).dossier;
        let (found, _) = of_claims(&old, None);
        assert!(
            found.iter().any(|l| !l.is_empty()),
            "the fixture's claims mention entities"
        );
        // Nothing changed: every list taken back, the same.
        assert_eq!(of_claims(&old, Some((&old, &found))).0, found);
        // A statement edited (a new `Arc`): its list found anew.
        let mut new = crate::load::load(&root).dossier;
        new.claims.clone_from(&old.claims);
        let k = (0..old.claims.len())
            .find(|&k| !found[k].is_empty() && old.claims[k].entities.is_empty())
            .expect("a claim whose statement names an entity");
        let edited = Arc::make_mut(&mut new.claims[k]);
        edited.statement = "Nothing named here.".into();
        for e in &mut edited.evidence {
            e.translation = None;
        }
        let fresh = of_claims(&new, None).0;
        assert_ne!(fresh[k], found[k]);
        assert_eq!(of_claims(&new, Some((&old, &found))).0, fresh);
        // Kept lists that would be stale: never taken when the claim is
        // another one, or when the entities' aliases changed.
        let stale: Vec<Vec<usize>> = found.iter().map(|_| vec![0]).collect();
        assert_eq!(
            of_claims(&new, Some((&new, &stale))).0[1],
            vec![0],
            "the same claims: taken"
        );
        // A claim added first by id: the others, copies (as `serve`
        // moves them), are found by their ids and keep their lists.
        let mut shifted = crate::load::load(&root).dossier;
        let mut added = Claim::clone(&old.claims[k]);
        added.id = "0-added".into();
        let copies = old.claims.iter().map(|c| Arc::new(Claim::clone(c)));
        shifted.claims = std::iter::once(Arc::new(added)).chain(copies).collect();
        let distinct: Vec<Vec<usize>> = (0..old.claims.len()).map(|o| vec![o]).collect();
        let taken = of_claims(&shifted, Some((&old, &distinct))).0;
        assert_eq!(taken[0], found[k], "the claim added: found");
        assert_eq!(taken[1..], distinct[..], "the others: taken by id");
        let mut renamed = crate::load::load(&root).dossier;
        renamed.claims.clone_from(&new.claims);
        renamed.entities[0].aliases.push("Somewhere else".into());
        assert_eq!(
            of_claims(&renamed, Some((&new, &stale))).0,
            of_claims(&renamed, None).0
        );
    }
}
