//! The feed's entries for what changed since the baseline edition: one
//! for the whole (the "What changed" page), then one per claim added,
//! revised (its status included) and removed, and one per key judgment
//! that changed. Each is dated with the changes ([`Changes::date`]) and
//! has an id that names the baseline, so a reader's feed shows the same
//! change once, and a change since a later edition anew.

use super::atom_date;
use crate::edition::{Changes, JudgmentChange};
use crate::i18n::Messages;
use crate::markdown::escape;
use crate::model::Dossier;
use crate::render::view::status_msg;
use std::fmt::Write;

/// The `<entry>` elements of `changes`, for a site at `base`.
pub fn entries(d: &Dossier, changes: &Changes, base: &str, m: &Messages) -> String {
    let Some(baseline) = &changes.baseline else {
        return String::new();
    };
    let since = &baseline.name;
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
    let (heading, lede) = crate::render::pages::changes::headline(changes, m);
    let whole = match &changes.recorded {
        Some(r) => id(&format!("edition-{}", r.name)),
        None => id("dossier"),
    };
    entry(&heading, &whole, &page, &lede);
    let claim_page = |i: usize| format!("{base}claims/{}.html", d.claims[i].id);
    let diff = &changes.diff;
    for &i in &diff.added {
        let c = &d.claims[i];
        entry(
            &format!("New claim: {}", c.statement),
            &id(&format!("c-{}", c.id)),
            &claim_page(i),
            &format!("New since edition {since}."),
        );
    }
    // Revised claims and those whose status alone changed, in claim order.
    let mut revised: Vec<(usize, Vec<&str>)> = diff
        .revised
        .iter()
        .map(|r| (r.after, r.fields.iter().map(|f| f.words()).collect()))
        .collect();
    for &(_, i) in &diff.status {
        match revised.binary_search_by_key(&i, |(a, _)| *a) {
            Ok(k) => revised[k].1.push("status"),
            Err(k) => revised.insert(k, (i, vec!["status"])),
        }
    }
    for (i, fields) in revised {
        let c = &d.claims[i];
        let status = diff
            .status
            .iter()
            .find(|&&(_, a)| a == i)
            .map(|&(j, _)| {
                format!(
                    " Was {}, now {}.",
                    m.text(status_msg(baseline.snapshot.claims[j].status)),
                    m.text(status_msg(changes.after.claims[i].status))
                )
            })
            .unwrap_or_default();
        entry(
            &format!("Revised claim: {}", c.statement),
            &id(&format!("change-{}", c.id)),
            &claim_page(i),
            &format!(
                "Revised since edition {since}: {}.{status}",
                fields.join(", ")
            ),
        );
    }
    for &j in &diff.removed {
        let c = &baseline.snapshot.claims[j];
        entry(
            &format!("Removed claim: {}", c.statement),
            &id(&format!("change-{}", c.id)),
            &format!("{page}#change-{}", c.id),
            &format!("Removed since edition {since}."),
        );
    }
    for change in &diff.judgments {
        let (words, j) = match *change {
            JudgmentChange::Moved { after, .. } => {
                ("Key judgment changed", &changes.after.judgments[after])
            }
            JudgmentChange::Added(after) => ("New key judgment", &changes.after.judgments[after]),
            JudgmentChange::Withdrawn(before) => (
                "Key judgment withdrawn",
                &baseline.snapshot.judgments[before],
            ),
        };
        // A judgment has no id: its place and text name it.
        let key =
            xxhash_rust::xxh3::xxh3_64(format!("{}\n{}", j.place.as_str(), j.text).as_bytes());
        entry(
            &format!("{words}: {}", j.text),
            &id(&format!("judgment-{key:016x}")),
            &format!("{page}#judgments"),
            &format!("{words} since edition {since}."),
        );
    }
    s
}
