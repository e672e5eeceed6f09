//! Claims files edited with their claim ids as they were, for `serve`:
//! the last load's dossier with those files' claims checked again, and
//! nothing else read, parsed or checked. In: the loaded dossier of the
//! last good build (whose load found no problem at all), how many files
//! its load read, the load's cache (which lends the claim id table and
//! holds every link authors wrote) and the new texts; out: the
//! [`Loaded`] a load would give, or `None` when the edit needs a load.
//!
//! A claim's check reads its own fields and the id tables, which are as
//! they were when every claims file edited holds the same ids, item by
//! item. What else a claim reaches in other files is taken care of:
//! notes and texts that cite a claim show its statement and link to its
//! claims page (`None` when a claim cited changed either), and every link
//! authors wrote is checked again against the new claims (their places,
//! evidence, topics and dates are link targets). Any problem found sends
//! the edit to a load, which reports it as a load does.

use super::define::parsed_whole;
use super::{CLAIM_FIELDS, Item, RawClaim, check, render_note};
use crate::claim_page;
use crate::diagnostic::Diagnostics;
use crate::load::cache::Cache;
use crate::load::kind::Kind;
use crate::load::prose::{AuthorLink, Context, Found};
use crate::load::yaml::parse_items;
use crate::load::{Loaded, links, patch};
use crate::model::{Claim, Dossier, Prose};
use crate::source::{FileId, Place, Sources};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Takes in the claims files `changed` (each file's path on disk and what
/// it holds now): see the module's documentation. `files` is how many
/// files the last load read (those read after it, editions and
/// catalogues, are left out); `root` is the dossier's folder.
pub fn claims_edited(
    loaded: &Loaded,
    files: usize,
    cache: &mut Cache,
    root: &Path,
    changed: &[(PathBuf, Arc<String>)],
) -> Option<Loaded> {
    let old = &loaded.dossier;
    let mut sources = loaded.sources.first(files);
    let mut edited = Vec::with_capacity(changed.len());
    for (path, text) in changed {
        let file = claims_file(&sources, root, path)?;
        sources.replace_text(file, Arc::clone(text));
        edited.push(file);
    }
    let claims_ids = cache.claims.lend_ids()?;
    let known = patch::known(old, claims_ids);
    let result = recheck(old, &sources, &known, &edited);
    cache.claims.give_back_ids(known.claims);
    let (claims, notes_links, changed) = result?;
    if cited_elsewhere(old, &claims, &changed) {
        return None;
    }
    let dossier = Dossier {
        front: old.front.clone(),
        articles: old.articles.clone(),
        topics: old.topics.clone(),
        sources: old.sources.clone(),
        metrics: old.metrics.clone(),
        claims,
        entities: old.entities.clone(),
        mentions: old.mentions.clone(),
    };
    // Every link authors wrote, against the new claims.
    let kept = cache.links.as_ref()?;
    let mut all: Vec<AuthorLink> = kept
        .iter()
        .filter(|l| !edited.contains(&l.file))
        .cloned()
        .collect();
    all.extend(notes_links);
    let mut diags = Diagnostics::default();
    links::check(&all, &dossier, &loaded.config, Some(root), &mut diags);
    if !diags.items().is_empty() {
        return None;
    }
    cache.links = Some(all);
    Some(Loaded {
        config: loaded.config.clone(),
        dossier,
        sources,
        diagnostics: diags,
    })
}

/// The id of the claims file at `path` among `sources`.
fn claims_file(sources: &Sources, root: &Path, path: &Path) -> Option<FileId> {
    let rel = path.strip_prefix(root.join("content")).ok()?;
    if Kind::of(rel) != Some(Kind::Claims) {
        return None;
    }
    sources.find_path(path)
}

/// The claims, the links their notes make, and the claims changed.
type Rechecked = (Vec<Arc<Claim>>, Vec<AuthorLink>, Vec<usize>);

/// The claims of `old` with those of the files `edited` checked again
/// from their texts in `sources`, the links their notes make, and the
/// claims changed (by index); `None` if a file's ids are not those it
/// held, item by item, or a claim has a problem.
fn recheck(
    old: &Dossier,
    sources: &Sources,
    known: &crate::load::ids::Known,
    edited: &[FileId],
) -> Option<Rechecked> {
    let mut claims = old.claims.clone();
    let mut notes = Vec::new();
    let mut found = Diagnostics::default();
    for &file in edited {
        let src = sources.get(file);
        let items: Vec<(usize, RawClaim)> =
            parse_items(file, src, "claim", CLAIM_FIELDS, &mut found);
        let whole = items.iter().enumerate().all(|(k, (i, _))| k == *i);
        if !found.items().is_empty() || !whole || !parsed_whole(src, items.len()) {
            return None;
        }
        if held_ids(old, file)
            != items
                .iter()
                .map(|(_, r)| r.id.trimmed())
                .collect::<Vec<_>>()
        {
            return None;
        }
        for (i, raw) in &items {
            let &c = known.claims.index.get(raw.id.trimmed())?;
            let (claim, note) = check(raw, Item { file, src, i: *i }, known, &mut found)?;
            claims[c] = Arc::new(claim);
            notes.push((c, note));
        }
    }
    if !found.items().is_empty() {
        return None;
    }
    let mut found = Found::default();
    let mut changed: Vec<usize> = notes.iter().map(|(c, _)| *c).collect();
    changed.sort_unstable();
    let rendered: Vec<(usize, Option<Prose>)> = notes
        .into_iter()
        .map(|(c, note)| {
            let cx = Context {
                ids: known,
                claims: &claims,
                articles: &old.articles,
                page: "",
            };
            let note = note.map(|md| render_note(&claims[c], &md, &cx, sources, &mut found));
            (c, note)
        })
        .collect();
    if !found.diags.items().is_empty() {
        return None;
    }
    for (c, note) in rendered {
        Arc::make_mut(&mut claims[c]).note = note;
    }
    Some((claims, found.links, changed))
}

/// The ids of the claims `old` holds from `file`, in item order.
fn held_ids(old: &Dossier, file: FileId) -> Vec<&str> {
    let mut held: Vec<(usize, &str)> = old
        .claims
        .iter()
        .filter(|c| c.at.0 == file)
        .map(|c| match c.at.1 {
            Place::Item(i) => (i, c.id.as_str()),
            _ => (usize::MAX, c.id.as_str()),
        })
        .collect();
    held.sort_unstable();
    held.into_iter().map(|(_, id)| id).collect()
}

/// Whether a text of `old` cites a claim of `changed` whose statement or
/// claims page is not what it was (a citation shows both).
fn cited_elsewhere(old: &Dossier, claims: &[Arc<Claim>], changed: &[usize]) -> bool {
    let shown_again: BTreeSet<usize> = changed
        .iter()
        .copied()
        .filter(|&c| {
            let (was, now) = (&old.claims[c], &claims[c]);
            was.statement != now.statement
                || claim_page::group(was, &old.articles) != claim_page::group(now, &old.articles)
        })
        .collect();
    if shown_again.is_empty() {
        return false;
    }
    let cites = |p: &Prose| p.cited.iter().any(|(c, _)| shown_again.contains(c));
    cites(&old.front.body)
        || old.topics.iter().any(|t| cites(&t.overview))
        || old
            .entities
            .iter()
            .any(|e| e.description.as_ref().is_some_and(cites))
        || claims.iter().any(|c| c.note.as_ref().is_some_and(cites))
}
