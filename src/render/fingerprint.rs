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
    thread_local! {
        static BYTES: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BYTES.with_borrow_mut(|bytes| {
        bytes.clear();
        let mut f = Feed(bytes);
        claim_fields(&mut f, d, i);
        facts(&mut f, d, a, i);
        // Only with editions; rare enough to be written as `Debug` writes it.
        let change = changes.map(|x| {
            (
                x.tag(i),
                x.diff.revised.iter().find(|r| r.after == i),
                x.diff.status.iter().find(|s| s.1 == i),
            )
        });
        f.debug(&change);
        xxhash_rust::xxh3::xxh3_128(f.0)
    })
}

/// The claim's own fields; other claims by id (claims added or deleted
/// move the indices), articles by slug (an article's file renamed keeps
/// its place among the others, and no other key holds the names of the
/// articles' files).
fn claim_fields(f: &mut Feed<'_>, d: &Dossier, i: usize) {
    let c = &d.claims[i];
    f.str(&c.id);
    f.str(&c.statement);
    f.list(&c.topics);
    f.n(c.origin);
    f.list(&c.via);
    f.debug(&c.date);
    f.n(usize::from(c.credibility.0));
    f.n(usize::from(c.credibility_given));
    f.debug(&c.figures);
    f.n(c.evidence.len());
    for e in &c.evidence {
        f.str(&d.articles[e.article].slug);
        f.str(&e.quote);
        for text in [
            &e.prefix,
            &e.suffix,
            &e.translation,
            &e.translation_language,
        ] {
            f.opt(text.as_deref());
        }
        f.n(e.number);
        f.str(&e.anchor);
    }
    f.ids(d, &c.corroborates);
    f.ids(d, &c.contradicts);
    f.list(&c.entities);
    match &c.note {
        None => f.n(0),
        Some(n) => {
            f.n(1);
            f.str(&n.html);
            f.n(n.cited.len());
            for &(j, k) in &n.cited {
                f.str(&d.claims[j].id);
                f.n(k);
            }
        }
    }
}

/// What the analysis says of the claim, and the entities it names.
fn facts(f: &mut Feed<'_>, d: &Dossier, a: &Analysis, i: usize) {
    let facts = &a.claims[i];
    f.list(&facts.origins);
    f.n(facts.articles.len());
    for &x in &facts.articles {
        f.str(&d.articles[x].slug);
    }
    f.ids(d, &facts.support);
    f.n(facts.conflicts.len());
    for x in &facts.conflicts {
        match x {
            Conflict::Contradiction { other } => {
                f.n(0);
                f.str(&d.claims[*other].id);
            }
            Conflict::Figure {
                figure,
                other,
                other_figure,
            } => {
                f.n(1);
                f.n(*figure);
                f.str(&d.claims[*other].id);
                f.n(*other_figure);
            }
        }
    }
    f.n(facts.conflicts_total);
    f.list(&facts.contested_figures);
    f.debug(&facts.status);
    f.list(&a.claim_entities[i]);
}

/// Writes a claim's parts into the bytes hashed, each with its length
/// where it has one, so that no two different claims write the same
/// bytes.
struct Feed<'a>(&'a mut Vec<u8>);

impl Feed<'_> {
    fn n(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        self.n(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            None => self.n(0),
            Some(s) => {
                self.n(1);
                self.str(s);
            }
        }
    }

    fn list(&mut self, list: &[usize]) {
        self.n(list.len());
        for &n in list {
            self.n(n);
        }
    }

    /// Other claims, by id.
    fn ids(&mut self, d: &Dossier, list: &[usize]) {
        self.n(list.len());
        for &j in list {
            self.str(&d.claims[j].id);
        }
    }

    /// A value as `Debug` writes it.
    fn debug(&mut self, value: &impl std::fmt::Debug) {
        use std::io::Write;
        let start = self.0.len();
        self.n(0);
        let _ = write!(self.0, "{value:?}");
        let len = (self.0.len() - start - 8) as u64;
        self.0[start..start + 8].copy_from_slice(&len.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Claim;
    use std::sync::Arc;

    /// An edit of a claim.
    type Edit = fn(&mut Claim);

    #[test]
    fn every_field_a_page_shows_changes_it_and_where_it_is_written_does_not() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut loaded = crate::load::load(root);
        let d = &mut loaded.dossier;
        let (a, _) = crate::analyse::analyse(d, &loaded.sources, loaded.config.tolerance);
        let i = (0..d.claims.len())
            .find(|&i| !d.claims[i].figures.is_empty() && !d.claims[i].evidence.is_empty())
            .expect("a claim with a figure and evidence");
        let prints = |d: &Dossier| -> Vec<u128> {
            (0..d.claims.len())
                .map(|j| claim_fingerprint(d, &a, None, j))
                .collect()
        };
        let before = prints(d);
        assert_eq!(before, prints(d), "the same claims, the same prints");
        let edits: [(&str, Edit); 9] = [
            ("statement", |c| c.statement.push('.')),
            ("a quote", |c| c.evidence[0].quote.push('x')),
            ("a translation", |c| {
                c.evidence[0].translation = Some("t".into());
            }),
            ("a figure", |c| c.figures[0].high += 1.0),
            ("the date", |c| c.date = None),
            ("the credibility", |c| c.credibility.0 = 6),
            ("the topics", |c| c.topics.push(0)),
            ("the origin", |c| c.origin += 1),
            ("the id", |c| c.id.push('x')),
        ];
        let kept = Arc::clone(&d.claims[i]);
        for (what, edit) in edits {
            let mut claim = (*kept).clone();
            edit(&mut claim);
            d.claims[i] = Arc::new(claim);
            let now = prints(d);
            assert_ne!(now[i], before[i], "{what} edited");
            let others = (0..now.len()).filter(|&j| j != i);
            assert!(others.clone().all(|j| now[j] == before[j]), "{what}");
        }
        // An article renamed (its file): the claims quoting it change,
        // though its place among the articles is the same.
        d.claims[i] = Arc::clone(&kept);
        let quoted = kept.evidence[0].article;
        d.articles[quoted].slug.push_str("-2");
        let now = prints(d);
        assert_ne!(now[i], before[i], "an article renamed");
        let quoting = |j: usize| d.claims[j].evidence.iter().any(|e| e.article == quoted);
        let others =
            (0..now.len()).filter(|&j| !quoting(j) && !a.claims[j].articles.contains(&quoted));
        assert!(
            others.clone().all(|j| now[j] == before[j]),
            "an article renamed"
        );
        drop(others);
        let len = d.articles[quoted].slug.len() - 2;
        d.articles[quoted].slug.truncate(len);
        // Where the claim is written is not shown.
        let mut claim = (*kept).clone();
        claim.at.1 = crate::source::Place::Item(9999);
        d.claims[i] = Arc::new(claim);
        assert_eq!(prints(d), before);
    }
}
