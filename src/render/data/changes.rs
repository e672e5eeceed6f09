//! The feed's entries for what changed since the baseline edition: one
//! for the whole (the "What changed" page), then one per claim added,
//! revised (its status included) and removed, and one per key judgment
//! that changed. Each is dated with the changes ([`Changes::date`]) and
//! has an id that names the baseline, so a reader's feed shows the same
//! change once, and a change since a later edition anew.

use super::atom_date;
use crate::edition::{Changes, JudgmentChange};
use crate::i18n::{Messages, Msg};
use crate::markdown::escape;
use crate::model::Dossier;
use crate::render::pages::changes::words::{headline, what_changed};
use crate::render::view::status_msg;
use std::fmt::Write;

/// The `<entry>` elements of `changes`, for a site at `base`, their
/// titles and summaries in the dossier's language (`m`).
pub fn entries(d: &Dossier, changes: &Changes, base: &str, m: &Messages) -> String {
    let Some(baseline) = &changes.baseline else {
        return String::new();
    };
    let since = baseline.name.as_str();
    let updated = atom_date(changes.date);
    let page = format!("{base}changes.html");
    let id = |what: &str| format!("{page}#since-{since}-{what}");
    let mut s = String::new();
    let mut entry = |title: &str, id: &str, link: &str, summary: &str| {
        let _ = write!(
            s,
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link href=\"{}\"/>\n    <updated>{updated}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            escape(title),
            escape(id),
            escape(link),
            escape(summary)
        );
    };
    let head = headline(changes, m);
    let whole = match &changes.recorded {
        Some(r) => id(&format!("edition-{}", r.name)),
        None => id("dossier"),
    };
    entry(&head.text, &whole, &page, &head.lede);
    let claim_page =
        |i: usize| [base, &crate::claim_page::href(&d.claims[i], &d.articles)].concat();
    let diff = &changes.diff;
    let edition = [("edition", since)];
    for &i in &diff.added {
        let c = &d.claims[i];
        entry(
            &m.fill(Msg::FeedChangeNew, &[("statement", &c.statement)]),
            &id(&format!("c-{}", c.id)),
            &claim_page(i),
            &m.fill(Msg::ChangeNoteNew, &edition),
        );
    }
    // Revised claims and those whose status alone changed, in claim order.
    let mut revised: Vec<(usize, &[crate::edition::Field])> = diff
        .revised
        .iter()
        .map(|r| (r.after, r.fields.as_slice()))
        .collect();
    for &(_, i) in &diff.status {
        if let Err(k) = revised.binary_search_by_key(&i, |(a, _)| *a) {
            revised.insert(k, (i, &[]));
        }
    }
    for (i, fields) in revised {
        let c = &d.claims[i];
        let status = diff.status.iter().find(|&&(_, a)| a == i);
        let mut summary = m.fill(
            Msg::ChangeNoteRevised,
            &[
                ("edition", since),
                ("fields", &what_changed(m, fields, status.is_some())),
            ],
        );
        if let Some(&(j, _)) = status {
            summary.push(' ');
            summary.push_str(&m.fill(
                Msg::FeedChangeStatus,
                &[
                    (
                        "before",
                        m.text(status_msg(baseline.snapshot.claims[j].status)),
                    ),
                    ("after", m.text(status_msg(changes.after.claims[i].status))),
                ],
            ));
        }
        entry(
            &m.fill(Msg::FeedChangeRevised, &[("statement", &c.statement)]),
            &id(&format!("change-{}", c.id)),
            &claim_page(i),
            &summary,
        );
    }
    for &j in &diff.removed {
        let c = &baseline.snapshot.claims[j];
        entry(
            &m.fill(Msg::FeedChangeRemoved, &[("statement", &c.statement)]),
            &id(&format!("change-{}", c.id)),
            &format!("{page}#change-{}", c.id),
            &m.fill(Msg::FeedChangeRemovedSummary, &edition),
        );
    }
    for change in &diff.judgments {
        let (title, summary, j) = match *change {
            JudgmentChange::Moved { after, .. } => (
                Msg::FeedJudgmentMoved,
                Msg::FeedJudgmentMovedSummary,
                &changes.after.judgments[after],
            ),
            JudgmentChange::Added(after) => (
                Msg::FeedJudgmentAdded,
                Msg::FeedJudgmentAddedSummary,
                &changes.after.judgments[after],
            ),
            JudgmentChange::Withdrawn(before) => (
                Msg::FeedJudgmentWithdrawn,
                Msg::FeedJudgmentWithdrawnSummary,
                &baseline.snapshot.judgments[before],
            ),
        };
        // A judgment has no id: its place and text name it.
        let key =
            xxhash_rust::xxh3::xxh3_64(format!("{}\n{}", j.place.as_str(), j.text).as_bytes());
        entry(
            &m.fill(title, &[("text", &j.text)]),
            &id(&format!("judgment-{key:016x}")),
            &format!("{page}#judgments"),
            &m.fill(summary, &edition),
        );
    }
    s
}
