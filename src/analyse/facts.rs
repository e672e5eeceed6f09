//! What the analysis derives, as the later stages read it: per claim its
//! supporting origins, status and conflicts; per metric its figures and
//! spread; and the claims of each article, topic and source.

use std::collections::BTreeSet;

/// Status of a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Contradicted, or a figure disagrees with another origin's.
    Contested,
    /// Supported by a claim of another origin.
    Corroborated,
    /// One origin only.
    SingleSource,
}

impl Status {
    /// The status of a claim with these `conflicts` (contradictions and
    /// figures that disagree) and this many distinct supporting origins.
    #[must_use]
    pub fn of(conflicts: &[Conflict], origins: usize) -> Status {
        if !conflicts.is_empty() {
            Status::Contested
        } else if origins > 1 {
            Status::Corroborated
        } else {
            Status::SingleSource
        }
    }

    /// CSS/class form.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Contested => "contested",
            Self::Corroborated => "corroborated",
            Self::SingleSource => "single-source",
        }
    }
}

/// Why a claim is contested.
#[derive(Debug, Clone, PartialEq)]
pub enum Conflict {
    /// Contradicted by, or contradicting, another claim.
    Contradiction {
        /// The other claim.
        other: usize,
    },
    /// A figure disagrees with another origin's for the same metric.
    Figure {
        /// Index of this claim's figure.
        figure: usize,
        /// The other claim.
        other: usize,
        /// Index of the other claim's figure.
        other_figure: usize,
    },
}

/// Derived facts about one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimFacts {
    /// Distinct supporting origins (source indices), sorted.
    pub origins: Vec<usize>,
    /// Distinct articles carrying it, sorted.
    pub articles: Vec<usize>,
    /// Claims linked by `corroborates`, either way, sorted.
    pub support: Vec<usize>,
    /// Why it is contested: every contradiction, and for each figure that
    /// disagrees with other origins the most extreme few of them.
    pub conflicts: Vec<Conflict>,
    /// How many conflicts there are in all (contradictions plus every
    /// disagreeing figure of another origin).
    pub conflicts_total: usize,
    /// This claim's figures that disagree with another origin's.
    pub contested_figures: Vec<usize>,
    /// Status.
    pub status: Status,
}

/// Derived facts about one metric.
#[derive(Debug, Clone, Default)]
pub struct MetricFacts {
    /// Figures given for it: (claim, figure index), by value then claim.
    pub figures: Vec<(usize, usize)>,
    /// Smallest and largest best value, if any figure.
    pub spread: Option<(f64, f64)>,
    /// Whether two origins disagree beyond the tolerance.
    pub contested: bool,
}

/// Everything derived.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Per metric.
    pub metrics: Vec<MetricFacts>,
    /// Claims ordered by date (undated ones left out), then id.
    pub timeline: Vec<usize>,
    /// Per claim.
    pub claims: Vec<ClaimFacts>,
    /// Claims quoting each article, sorted by claim index.
    pub article_claims: Vec<Vec<usize>>,
    /// Claims of each topic.
    pub topic_claims: Vec<Vec<usize>>,
    /// Claims each source originates.
    pub originated: Vec<Vec<usize>>,
    /// Claims each source relays.
    pub relayed: Vec<Vec<usize>>,
    /// Entities each claim names or mentions, in index order (empty lists
    /// when the dossier has no entities).
    pub claim_entities: Vec<Vec<usize>>,
    /// Claims that name or mention each entity, in claim order.
    pub entity_claims: Vec<Vec<usize>>,
}

/// Distinct origins and articles behind a set of claims (for judgments).
pub fn support_of(claims: &[usize], facts: &[ClaimFacts]) -> (usize, usize) {
    let mut origins = BTreeSet::new();
    let mut articles = BTreeSet::new();
    for &c in claims {
        origins.extend(facts[c].origins.iter().copied());
        articles.extend(facts[c].articles.iter().copied());
    }
    (origins.len(), articles.len())
}
