//! The entities each claim mentions: those it names (`entities:`) and
//! those whose aliases its statement or an evidence translation holds,
//! found by the dossier's [`crate::mention::Matcher`], claims in parallel.
//! Quotes are left out: they are the articles' words, whose mentions
//! anchoring finds in the whole article text.

use crate::model::Dossier;
use rayon::prelude::*;

/// Per claim its entities, and per entity its claims (in claim order).
pub fn of_claims(d: &Dossier) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let Some(matcher) = &d.mentions else {
        let named: Vec<Vec<usize>> = d.claims.iter().map(|c| c.entities.clone()).collect();
        return invert(named, d.entities.len());
    };
    let per_claim: Vec<Vec<usize>> = d
        .claims
        .par_iter()
        .map_init(String::new, |scratch, c| {
            let texts = std::iter::once(c.statement.as_str())
                .chain(c.evidence.iter().filter_map(|e| e.translation.as_deref()));
            let mut found = matcher.find(texts, scratch);
            if !c.entities.is_empty() {
                found.extend(&c.entities);
                found.sort_unstable();
                found.dedup();
            }
            found
        })
        .collect();
    invert(per_claim, d.entities.len())
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
