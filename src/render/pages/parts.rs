//! The pages of the paged lists (the timeline, each topic) an edit of
//! claims makes again in `serve`, when it left every claim at its place
//! in them: in: the dossier and analysis before and after, the claims
//! whose rows may differ; out: [`Parts`], which [`Site::with_parts`]
//! follows and whose kept pages `serve` leaves as they are.
//!
//! [`Site::with_parts`]: crate::render::Site::with_parts

use super::pager::Part;
use super::{timeline, topic};
use crate::analyse::Analysis;
use crate::model::Dossier;
use std::collections::HashMap;

/// The part of each paged list to make again; a list without one is made
/// whole.
#[derive(Debug, Default)]
pub struct Parts {
    pub(in crate::render) timeline: Option<Part>,
    pub(in crate::render) topics: HashMap<usize, Part>,
}

impl Parts {
    /// The parts of the timeline and of `topics` an edit from `old` to
    /// `new` makes again (`old_of`: each new claim's index before;
    /// `changed`: the claims whose rows may differ).
    pub fn of(
        old: (&Dossier, &Analysis),
        new: (&Dossier, &Analysis),
        old_of: &[Option<usize>],
        changed: &[usize],
        topics: &[usize],
    ) -> Parts {
        let timeline = Part::of(
            timeline::FIRST,
            &timeline::items(old.0, old.1),
            &timeline::items(new.0, new.1),
            old_of,
            changed,
        );
        let topics = topics
            .iter()
            .filter_map(|&i| {
                let first = format!("topics/{}.html", new.0.topics[i].id);
                let before = topic::items(old.1, i);
                let after = topic::items(new.1, i);
                Part::of(&first, &before, &after, old_of, changed).map(|p| (i, p))
            })
            .collect();
        Parts { timeline, topics }
    }

    /// The parts of `topics` an edit that changed no claim makes again
    /// (the topic's own text, say): the first page of each, which shows
    /// it. The timeline is not made.
    pub fn first_pages(d: &Dossier, analysis: &Analysis, topics: &[usize]) -> Parts {
        let topics = topics
            .iter()
            .map(|&i| {
                let first = format!("topics/{}.html", d.topics[i].id);
                (i, Part::first(&first, topic::items(analysis, i).len()))
            })
            .collect();
        Parts {
            timeline: None,
            topics,
        }
    }

    /// The pages of the lists not made again, which stay as they are.
    pub fn kept(&self) -> Vec<String> {
        let topics = self.topics.values().flat_map(|p| p.kept.iter());
        self.timeline
            .iter()
            .flat_map(|p| p.kept.iter())
            .chain(topics)
            .cloned()
            .collect()
    }
}
