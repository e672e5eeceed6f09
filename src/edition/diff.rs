//! What changed between two snapshots: claims added, removed and revised
//! (which recorded fields changed), claims whose status changed, and key
//! judgments moved, added or withdrawn. Claims are matched by id through a
//! map of the earlier snapshot's ids, judgments by where they are made and
//! their text: linear in the number of claims. Lists (topics, figures,
//! evidence, links) compare as sets: putting them in another order
//! changes nothing.

use super::{ClaimSnap, Counts, JudgmentSnap, Snapshot};
use std::collections::HashMap;

/// A recorded field of a claim (its status apart).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// The statement.
    Statement,
    /// The figures.
    Figures,
    /// The credibility.
    Credibility,
    /// The grade (the origin's reliability and the credibility).
    Grade,
    /// The evidence quotes.
    Evidence,
    /// The date.
    Date,
    /// The origin.
    Origin,
    /// The relays.
    Via,
    /// The topics.
    Topics,
    /// The claims it corroborates.
    Corroborates,
    /// The claims it contradicts.
    Contradicts,
}

impl Field {
    /// Every field, in the order pages list them.
    pub const ALL: [Field; 11] = [
        Field::Statement,
        Field::Figures,
        Field::Credibility,
        Field::Grade,
        Field::Evidence,
        Field::Date,
        Field::Origin,
        Field::Via,
        Field::Topics,
        Field::Corroborates,
        Field::Contradicts,
    ];

    /// Whether the field differs between `a` and `b`.
    pub fn differs(self, a: &ClaimSnap, b: &ClaimSnap) -> bool {
        match self {
            Field::Statement => a.statement != b.statement,
            Field::Figures => !same_set(&a.figures, &b.figures),
            Field::Credibility => a.credibility != b.credibility,
            Field::Grade => a.grade != b.grade,
            Field::Evidence => !same_set(&a.evidence, &b.evidence),
            Field::Date => a.date != b.date,
            Field::Origin => a.origin != b.origin,
            Field::Via => !same_set(&a.via, &b.via),
            Field::Topics => !same_set(&a.topics, &b.topics),
            Field::Corroborates => !same_set(&a.corroborates, &b.corroborates),
            Field::Contradicts => !same_set(&a.contradicts, &b.contradicts),
        }
    }
}

/// Whether two lists hold the same items, in any order (they are short:
/// a claim's figures, quotes, topics).
pub fn same_set<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    a == b
        || (a.len() == b.len()
            && a.iter().all(|x| b.contains(x))
            && b.iter().all(|x| a.contains(x)))
}

/// A claim in both snapshots whose recorded fields differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Index in the earlier snapshot.
    pub before: usize,
    /// Index in the later one.
    pub after: usize,
    /// The fields that changed, in [`Field::ALL`] order.
    pub fields: Vec<Field>,
}

/// A key judgment that changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JudgmentChange {
    /// The same judgment (place and text) with another likelihood,
    /// confidence or basis.
    Moved {
        /// Index in the earlier snapshot's judgments.
        before: usize,
        /// Index in the later one's.
        after: usize,
    },
    /// A judgment the earlier snapshot did not make (index in the later).
    Added(usize),
    /// A judgment the later snapshot no longer makes (index in the earlier).
    Withdrawn(usize),
}

/// The differences between two snapshots, as indices into them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// Claims of the later snapshot not in the earlier, in its order.
    pub added: Vec<usize>,
    /// Claims of the earlier snapshot not in the later, in its order.
    pub removed: Vec<usize>,
    /// Claims in both whose recorded fields differ, in the later's order.
    pub revised: Vec<Revision>,
    /// Claims in both whose status differs: (earlier, later), in the
    /// later's order.
    pub status: Vec<(usize, usize)>,
    /// Key judgments moved and added (in the later's order), then
    /// withdrawn (in the earlier's).
    pub judgments: Vec<JudgmentChange>,
}

impl Diff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.revised.is_empty()
            && self.status.is_empty()
            && self.judgments.is_empty()
    }

    /// How many claims were added, removed and revised (a claim whose
    /// status alone changed counts as revised).
    pub fn counts(&self) -> Counts {
        let status_only = self
            .status
            .iter()
            .filter(|(_, a)| self.revised.binary_search_by_key(a, |r| r.after).is_err())
            .count();
        Counts {
            added: self.added.len(),
            removed: self.removed.len(),
            revised: self.revised.len() + status_only,
        }
    }
}

/// The fields of `a` and `b` (the same claim) that differ.
pub fn fields(a: &ClaimSnap, b: &ClaimSnap) -> Vec<Field> {
    Field::ALL.into_iter().filter(|f| f.differs(a, b)).collect()
}

/// Index of each claim id of `s`.
fn by_id(s: &Snapshot) -> HashMap<&str, usize> {
    s.claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect()
}

/// What changed from `before` to `after`.
pub fn diff(before: &Snapshot, after: &Snapshot) -> Diff {
    let index = by_id(before);
    let mut d = Diff::default();
    let mut matched = vec![false; before.claims.len()];
    for (i, c) in after.claims.iter().enumerate() {
        let Some(&j) = index.get(c.id.as_str()) else {
            d.added.push(i);
            continue;
        };
        matched[j] = true;
        let old = &before.claims[j];
        if old == c {
            continue;
        }
        let fields = fields(old, c);
        if !fields.is_empty() {
            d.revised.push(Revision {
                before: j,
                after: i,
                fields,
            });
        }
        if old.status != c.status {
            d.status.push((j, i));
        }
    }
    d.removed = (0..before.claims.len()).filter(|&j| !matched[j]).collect();
    d.judgments = judgments(&before.judgments, &after.judgments);
    d
}

/// How many claims changed from `before` to `after` (for the list of
/// editions).
pub fn counts(before: &Snapshot, after: &Snapshot) -> Counts {
    diff(before, after).counts()
}

/// Judgments matched by place and text, in order when one is made twice.
fn judgments(before: &[JudgmentSnap], after: &[JudgmentSnap]) -> Vec<JudgmentChange> {
    let mut index: HashMap<(&super::Place, &str), Vec<usize>> = HashMap::new();
    for (j, b) in before.iter().enumerate().rev() {
        index
            .entry((&b.place, b.text.as_str()))
            .or_default()
            .push(j);
    }
    let mut matched = vec![false; before.len()];
    let mut out = Vec::new();
    for (i, a) in after.iter().enumerate() {
        match index
            .get_mut(&(&a.place, a.text.as_str()))
            .and_then(Vec::pop)
        {
            Some(j) => {
                matched[j] = true;
                let b = &before[j];
                if b.likelihood != a.likelihood
                    || b.confidence != a.confidence
                    || !same_set(&b.based_on, &a.based_on)
                {
                    out.push(JudgmentChange::Moved {
                        before: j,
                        after: i,
                    });
                }
            }
            None => out.push(JudgmentChange::Added(i)),
        }
    }
    out.extend(
        (0..before.len())
            .filter(|&j| !matched[j])
            .map(JudgmentChange::Withdrawn),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::Status;
    use crate::edition::{EvidenceSnap, FigureSnap, Place};
    use crate::model::{Confidence, FigureStatus, Likelihood, Precision};

    fn claim(id: &str) -> ClaimSnap {
        ClaimSnap {
            id: id.into(),
            statement: format!("Claim {id}."),
            topics: vec!["t".into()],
            origin: "o".into(),
            via: vec![],
            date: None,
            credibility: 3,
            grade: "B3".into(),
            status: Status::SingleSource,
            reason: "one origin: o".into(),
            figures: vec![FigureSnap {
                metric: "m".into(),
                value: Some(10.0),
                low: 10.0,
                high: 10.0,
                precision: Precision::Exact,
                status: FigureStatus::Reported,
                as_of: None,
            }],
            evidence: vec![
                EvidenceSnap {
                    article: "a".into(),
                    quote: "one".into(),
                },
                EvidenceSnap {
                    article: "a".into(),
                    quote: "two".into(),
                },
            ],
            corroborates: vec![],
            contradicts: vec![],
        }
    }

    fn judgment(text: &str) -> JudgmentSnap {
        JudgmentSnap {
            place: Place::Front,
            text: text.into(),
            likelihood: Some(Likelihood::Likely),
            confidence: Confidence::Moderate,
            based_on: vec!["a".into(), "b".into()],
        }
    }

    fn snapshot(claims: Vec<ClaimSnap>, judgments: Vec<JudgmentSnap>) -> Snapshot {
        Snapshot { claims, judgments }
    }

    #[test]
    fn identical_snapshots_differ_in_nothing() {
        let s = snapshot(vec![claim("a"), claim("b")], vec![judgment("j")]);
        let d = diff(&s, &s.clone());
        assert!(d.is_empty());
        assert_eq!(d.counts(), Counts::default());
    }

    #[test]
    fn claims_added_removed_and_revised_field_by_field() {
        let before = snapshot(vec![claim("a"), claim("b"), claim("c"), claim("d")], vec![]);
        let mut b = claim("b");
        b.statement = "Revised.".into();
        b.credibility = 2;
        b.grade = "B2".into();
        let mut c = claim("c");
        c.figures[0].value = Some(12.0);
        c.figures[0].low = 12.0;
        c.figures[0].high = 12.0;
        c.evidence.pop();
        c.status = Status::Contested;
        let mut d = claim("d");
        d.reason = "one origin: o, worded otherwise".into();
        let after = snapshot(vec![b, c, d, claim("e")], vec![]);
        let x = diff(&before, &after);
        assert_eq!(x.added, [3]);
        assert_eq!(x.removed, [0]);
        assert_eq!(
            x.revised,
            [
                Revision {
                    before: 1,
                    after: 0,
                    fields: vec![Field::Statement, Field::Credibility, Field::Grade],
                },
                Revision {
                    before: 2,
                    after: 1,
                    fields: vec![Field::Figures, Field::Evidence],
                },
            ]
        );
        // A status changes on its own list; a reason alone is no change.
        assert_eq!(x.status, [(2, 1)]);
        assert_eq!(
            x.counts(),
            Counts {
                added: 1,
                removed: 1,
                revised: 2
            }
        );
    }

    #[test]
    fn a_status_change_alone_counts_as_a_revision() {
        let before = snapshot(vec![claim("a")], vec![]);
        let mut a = claim("a");
        a.status = Status::Corroborated;
        a.reason = "independent origins: o, p".into();
        let x = diff(&before, &snapshot(vec![a], vec![]));
        assert!(x.revised.is_empty());
        assert_eq!(x.status, [(0, 0)]);
        assert_eq!(x.counts().revised, 1);
    }

    #[test]
    fn lists_in_another_order_are_the_same() {
        let before = snapshot(vec![claim("a")], vec![judgment("j")]);
        let mut a = claim("a");
        a.evidence.reverse();
        a.topics = vec!["t".into()];
        let mut j = judgment("j");
        j.based_on.reverse();
        assert!(diff(&before, &snapshot(vec![a], vec![j])).is_empty());
        assert!(!same_set(&["x", "x"], &["x", "y"]));
        assert!(same_set(&["x", "y"], &["y", "x"]));
    }

    #[test]
    fn judgments_match_by_place_and_text() {
        let mut moved = judgment("moved");
        let mut rebased = judgment("rebased");
        let before = snapshot(
            vec![],
            vec![
                judgment("same"),
                moved.clone(),
                judgment("gone"),
                rebased.clone(),
            ],
        );
        moved.likelihood = Some(Likelihood::VeryLikely);
        moved.confidence = Confidence::High;
        rebased.based_on.push("c".into());
        let mut elsewhere = judgment("same");
        elsewhere.place = Place::Topic("t".into());
        let after = snapshot(
            vec![],
            vec![judgment("same"), rebased, moved, judgment("new"), elsewhere],
        );
        assert_eq!(
            diff(&before, &after).judgments,
            [
                JudgmentChange::Moved {
                    before: 3,
                    after: 1
                },
                JudgmentChange::Moved {
                    before: 1,
                    after: 2
                },
                JudgmentChange::Added(3),
                JudgmentChange::Added(4),
                JudgmentChange::Withdrawn(2),
            ]
        );
    }
}
