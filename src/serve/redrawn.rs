//! Which claims an edit of claims shows otherwise (`serve`): in, the
//! kept model, the new one and its analysis, and what each new claim was
//! (`Edited::old_of`); out, for each claim whether a page shows it
//! otherwise, and its fingerprint when one was computed (kept for the
//! next edit).

use super::affected::Edited;
use super::incremental::{ClaimsKept, Model};
use crate::analyse::{Analysis, ClaimFacts, Conflict};
use crate::edition::Changes;
use crate::model::{Claim, Dossier};
use crate::render::claim_fingerprint as fingerprint;
use rayon::prelude::*;
use std::sync::Arc;

impl Model {
    /// For each claim of `new`, whether a page shows it otherwise than the
    /// kept pages do (its fields, analysis, entities or change since the
    /// baseline edition), and its fingerprint when one was needed. The
    /// same claims in the same order, without editions, compare field by
    /// field. Claims added or deleted, without editions: a claim the
    /// loader took back as it was (the same `Arc`, or a copy naming the
    /// same claims at their new places: [`moved_alike`]) whose facts are
    /// the same, other claims compared by what they were
    /// ([`same_facts`]), is shown as before; any other is compared by
    /// fingerprint. With
    /// editions, every claim by fingerprint (claims by id:
    /// [`fingerprint`]), the kept model's taken from `kept` when it has
    /// them.
    pub(super) fn redrawn(
        &self,
        new: &Dossier,
        analysis: &Analysis,
        changes: Option<&Changes>,
        edited: &Edited,
        kept: Option<&ClaimsKept>,
    ) -> (Vec<bool>, Option<Vec<u128>>) {
        let old = &self.loaded.dossier;
        let in_place = edited.deleted.is_empty()
            && edited.old_of.iter().enumerate().all(|(i, o)| *o == Some(i))
            && changes.is_none()
            && self.changes.is_none();
        if in_place {
            let (a, b) = (&*self.analysis, analysis);
            // The analysis kept (nothing it reads changed) is not compared.
            let same_analysis = std::ptr::eq(a, b);
            let redrawn = (0..new.claims.len())
                .into_par_iter()
                .map(|i| {
                    // The loader takes a claim not edited back as it was
                    // (the same `Arc`): its fields are not compared.
                    (!Arc::ptr_eq(&old.claims[i], &new.claims[i]) && old.claims[i] != new.claims[i])
                        || (!same_analysis
                            && (a.claims[i] != b.claims[i]
                                || a.claim_entities[i] != b.claim_entities[i]))
                })
                .collect();
            return (redrawn, None);
        }
        if changes.is_none() && self.changes.is_none() {
            let (a, b) = (&self.analysis, analysis);
            let redrawn = (0..new.claims.len())
                .into_par_iter()
                .map(|i| match edited.old_of[i] {
                    None => true,
                    Some(o) => {
                        let (was, now) = (&old.claims[o], &new.claims[i]);
                        !((Arc::ptr_eq(was, now) || moved_alike(was, now, &edited.old_of))
                            && same_facts(&a.claims[o], &b.claims[i], &edited.old_of)
                            && a.claim_entities[o] == b.claim_entities[i])
                            && fingerprint(old, a, None, o) != fingerprint(new, b, None, i)
                    }
                })
                .collect();
            return (redrawn, None);
        }
        let before: Vec<u128> = match kept {
            Some((Some(prints), _)) => prints.clone(),
            _ => (0..old.claims.len())
                .into_par_iter()
                .map(|i| fingerprint(old, &self.analysis, self.changes.as_ref(), i))
                .collect(),
        };
        let after: Vec<u128> = (0..new.claims.len())
            .into_par_iter()
            .map(|i| fingerprint(new, analysis, changes, i))
            .collect();
        let redrawn = (0..new.claims.len())
            .map(|i| edited.old_of[i].map(|o| before[o]) != Some(after[i]))
            .collect();
        (redrawn, Some(after))
    }
}

/// Whether claim `b` of the new model is claim `a` it was, but for the
/// indices of the claims it names, which name the same claims (`old_of`:
/// what each claim of the new model was): the copy the loader makes of a
/// claim whose named claims moved (claims added or deleted before them).
fn moved_alike(a: &Claim, b: &Claim, old_of: &[Option<usize>]) -> bool {
    let was = |new: usize, old: usize| old_of.get(new) == Some(&Some(old));
    let same =
        |x: &[usize], y: &[usize]| x.len() == y.len() && x.iter().zip(y).all(|(&p, &q)| was(q, p));
    let same_note = match (&a.note, &b.note) {
        (None, None) => true,
        (Some(crate::model::Prose { html, cited }), Some(y)) => {
            *html == y.html
                && cited.len() == y.cited.len()
                && cited
                    .iter()
                    .zip(&y.cited)
                    .all(|(p, q)| p.1 == q.1 && was(q.0, p.0))
        }
        _ => false,
    };
    // Every field named, so that one added is compared too.
    let Claim {
        id,
        statement,
        topics,
        origin,
        via,
        date,
        credibility,
        credibility_given,
        figures,
        evidence,
        corroborates,
        contradicts,
        entities,
        note: _,
        at,
    } = a;
    *id == b.id
        && *statement == b.statement
        && *topics == b.topics
        && *origin == b.origin
        && *via == b.via
        && *date == b.date
        && *credibility == b.credibility
        && *credibility_given == b.credibility_given
        && *figures == b.figures
        && *evidence == b.evidence
        && same(corroborates, &b.corroborates)
        && same(contradicts, &b.contradicts)
        && *entities == b.entities
        && same_note
        && *at == b.at
}

/// Whether the facts `b` of a claim of the new model are those `a` of
/// the claim it was, other claims compared by identity (`old_of`: what
/// each claim of the new model was), as [`fingerprint`] compares them.
fn same_facts(a: &ClaimFacts, b: &ClaimFacts, old_of: &[Option<usize>]) -> bool {
    let was = |new: usize, old: usize| old_of[new] == Some(old);
    let same_conflict = |x: &Conflict, y: &Conflict| match (x, y) {
        (Conflict::Contradiction { other: p }, Conflict::Contradiction { other: q }) => was(*q, *p),
        (
            Conflict::Figure {
                figure: f,
                other: p,
                other_figure: g,
            },
            Conflict::Figure {
                figure: f2,
                other: q,
                other_figure: g2,
            },
        ) => f == f2 && g == g2 && was(*q, *p),
        _ => false,
    };
    a.origins == b.origins
        && a.articles == b.articles
        && a.conflicts_total == b.conflicts_total
        && a.contested_figures == b.contested_figures
        && a.status == b.status
        && a.support.len() == b.support.len()
        && a.support.iter().zip(&b.support).all(|(&p, &q)| was(q, p))
        && a.conflicts.len() == b.conflicts.len()
        && a.conflicts
            .iter()
            .zip(&b.conflicts)
            .all(|(x, y)| same_conflict(x, y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::Status;

    fn facts(support: Vec<usize>, conflicts: Vec<Conflict>) -> ClaimFacts {
        ClaimFacts {
            origins: vec![0],
            articles: vec![1],
            support,
            conflicts_total: conflicts.len(),
            conflicts,
            contested_figures: Vec::new(),
            status: Status::Corroborated,
        }
    }

    #[test]
    fn a_claim_moved_alike_names_the_same_claims_at_their_new_places() {
        // A claim added first: new claim j was claim j - 1.
        let old_of = [None, Some(0), Some(1), Some(2)];
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/basic");
        let loaded = crate::load::load(&root);
        let mut before = Claim::clone(&loaded.dossier.claims[0]);
        before.corroborates = vec![1];
        before.note = Some(crate::model::Prose {
            html: "<p>As [1] says.</p>".into(),
            cited: vec![(2, 1)],
        });
        let moved = |f: &dyn Fn(&mut Claim)| {
            let mut now = before.clone();
            now.corroborates = vec![2];
            now.note.as_mut().unwrap().cited = vec![(3, 1)];
            f(&mut now);
            now
        };
        assert!(moved_alike(&before, &moved(&|_| ()), &old_of));
        assert!(
            !moved_alike(&before, &before, &old_of),
            "the same indices: other claims"
        );
        let others: [&dyn Fn(&mut Claim); 4] = [
            &|c| c.statement.push('!'),
            &|c| c.corroborates = vec![1],
            &|c| c.contradicts = vec![2],
            &|c| c.note.as_mut().unwrap().cited = vec![(3, 2)],
        ];
        for (k, change) in others.iter().enumerate() {
            assert!(!moved_alike(&before, &moved(change), &old_of), "case {k}");
        }
    }

    #[test]
    fn facts_compare_other_claims_by_what_they_were() {
        // A claim added first: new claim j was claim j - 1.
        let old_of = [None, Some(0), Some(1), Some(2)];
        let figure = |other| Conflict::Figure {
            figure: 0,
            other,
            other_figure: 1,
        };
        let before = facts(vec![0], vec![figure(1)]);
        let contradiction = Conflict::Contradiction { other: 2 };
        let cases = [
            (facts(vec![1], vec![figure(2)]), true),
            // The same indices now name other claims.
            (facts(vec![0], vec![figure(2)]), false),
            (facts(vec![1], vec![figure(1)]), false),
            // Another claim, one not there before, another kind of conflict.
            (facts(vec![1], vec![figure(3)]), false),
            (facts(vec![1], vec![figure(0)]), false),
            (facts(vec![1], vec![contradiction]), false),
        ];
        for (k, (now, same)) in cases.iter().enumerate() {
            assert_eq!(same_facts(&before, now, &old_of), *same, "case {k}");
        }
        let mut other_status = facts(vec![1], vec![figure(2)]);
        other_status.status = Status::Contested;
        assert!(!same_facts(&before, &other_status, &old_of));
    }
}
