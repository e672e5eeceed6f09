//! A claim's fingerprint: a hash of everything about it that a page can
//! show. In: the dossier, its analysis, what changed since the baseline
//! edition, a claim's index. Out: the hash, equal for two claims that
//! every page shows alike (other claims named by id, so that claims
//! added or deleted elsewhere do not change it). `serve` compares them
//! to know which claims an edit redraws; `build` keys article pages on
//! those of the claims they quote (`crate::reuse`).

use crate::analyse::{Analysis, Conflict};
use crate::edition::Changes;
use crate::model::Dossier;

/// A hash of everything about claim `i` that a page can show: its fields
/// (not where they are written), its analysis, its entities and its
/// change since the baseline edition.
pub fn claim_fingerprint(d: &Dossier, a: &Analysis, changes: Option<&Changes>, i: usize) -> u128 {
    let c = &d.claims[i];
    let evidence: Vec<_> = c
        .evidence
        .iter()
        .map(|e| {
            (
                e.article,
                &e.quote,
                &e.prefix,
                &e.suffix,
                &e.translation,
                &e.translation_language,
                e.number,
                &e.anchor,
            )
        })
        .collect();
    let change = changes.map(|x| {
        (
            x.tag(i),
            x.diff.revised.iter().find(|r| r.after == i),
            x.diff.status.iter().find(|s| s.1 == i),
        )
    });
    // Other claims by id: claims added or deleted move the indices.
    let ids = |list: &[usize]| list.iter().map(|&j| &d.claims[j].id).collect::<Vec<_>>();
    let note = c.note.as_ref().map(|n| {
        let cited: Vec<_> = n.cited.iter().map(|&(j, k)| (&d.claims[j].id, k)).collect();
        (&n.html, cited)
    });
    let facts = &a.claims[i];
    let conflicts: Vec<_> = facts
        .conflicts
        .iter()
        .map(|x| match x {
            Conflict::Contradiction { other } => (None, &d.claims[*other].id, None),
            Conflict::Figure {
                figure,
                other,
                other_figure,
            } => (Some(figure), &d.claims[*other].id, Some(other_figure)),
        })
        .collect();
    let facts = (
        (&facts.origins, &facts.articles, ids(&facts.support)),
        (conflicts, facts.conflicts_total, &facts.contested_figures),
        facts.status,
    );
    let mut hash = Hashing(xxhash_rust::xxh3::Xxh3::new());
    let _ = std::fmt::Write::write_fmt(
        &mut hash,
        format_args!(
            "{:?}",
            (
                (&c.id, &c.statement, &c.topics, c.origin, &c.via, c.date),
                (c.credibility, c.credibility_given, &c.figures, evidence),
                (ids(&c.corroborates), ids(&c.contradicts), &c.entities, note),
                (facts, &a.claim_entities[i], change),
            )
        ),
    );
    hash.0.digest128()
}

/// Text hashed as it is written (no string made of it).
struct Hashing(xxhash_rust::xxh3::Xxh3);

impl std::fmt::Write for Hashing {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}
