//! Claims files edited, for `serve`: the last load's dossier with those
//! files' claims checked again, and nothing else read, parsed or checked
//! (when claims were added, deleted or renamed, every claim index moved
//! to the new order: `reshape.rs`). In: the loaded dossier of the
//! last good build (whose load found no problem at all), how many files
//! its load read, the load's cache (which lends the claim id table and
//! holds every link authors wrote) and the new texts; out: the
//! [`Loaded`] a load would give, or `None` when the edit needs a load.
//!
//! A claim's check reads its own fields and the id tables, which are as
//! they were when every claims file edited holds the same ids, item by
//! item (otherwise the claim table is made again from the last one and
//! the cache keeps it for the next load). What else a claim reaches in
//! other files is taken care of: notes and texts that cite a claim show
//! its statement and link to its claims page (`None` when a claim cited
//! changed either), and every link authors wrote is checked again against
//! the new claims (their places, evidence, topics and dates are link
//! targets). Any problem found sends the edit to a load, which reports
//! it as a load does.

use super::define::parsed_whole;
use super::{CLAIM_FIELDS, Item, RawClaim, check, render_note, reshape};
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
    let parsed = parse_whole(&sources, &edited)?;
    let same_ids = parsed.iter().all(|(file, items)| {
        held_ids(old, *file)
            == items
                .iter()
                .map(|(_, r)| r.id.trimmed())
                .collect::<Vec<_>>()
    });
    let claims_ids = cache.claims.lend_ids()?;
    let known = patch::known(old, claims_ids);
    let (dossier, links_of_notes) = if same_ids {
        same_ids_checked(old, &sources, known, &parsed, cache)?
    } else {
        reshaped(old, &sources, known, &parsed, cache)?
    };
    // Every link authors wrote, against the new claims.
    let kept = cache.links.as_ref()?;
    let mut all: Vec<AuthorLink> = kept
        .iter()
        .filter(|l| !edited.contains(&l.file))
        .cloned()
        .collect();
    all.extend(links_of_notes);
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

/// A dossier with its claims and the links their notes make.
type Remade = (Dossier, Vec<AuthorLink>);

/// `old` with the claims of the files `parsed`, which hold the ids they
/// held, checked again against `known` (whose claim table is given back
/// to `cache`); `None` if one has a problem or a text citing one shows
/// it otherwise.
fn same_ids_checked(
    old: &Dossier,
    sources: &Sources,
    known: crate::load::ids::Known,
    parsed: &Parsed,
    cache: &mut Cache,
) -> Option<Remade> {
    let result = recheck(old, sources, &known, parsed);
    cache.claims.give_back_ids(known.claims);
    let (claims, notes_links, changed) = result?;
    if cited_elsewhere(old, &claims, &changed) {
        return None;
    }
    let dossier = Dossier {
        claims,
        ..without_claims(old)
    };
    Some((dossier, notes_links))
}

/// `old` with claims added, deleted or renamed in the files `parsed`
/// (`reshape.rs`): the claim table of `known` made again from the last
/// one and given back to `cache` with where each claim now is; `None`
/// (the table forgotten: a load defines it again) on a problem.
fn reshaped(
    old: &Dossier,
    sources: &Sources,
    mut known: crate::load::ids::Known,
    parsed: &Parsed,
    cache: &mut Cache,
) -> Option<Remade> {
    let remade = reshape::reshape(old, sources, &mut known, parsed).and_then(|shaped| {
        let (claims, links) = render_notes(shaped.claims, &known, old, sources)?;
        let dossier = Dossier {
            front: shaped.front,
            topics: shaped.topics,
            entities: shaped.entities,
            claims,
            ..without_claims(old)
        };
        Some((dossier, links, shaped.order))
    });
    let Some((dossier, links, order)) = remade else {
        cache.claims.forget_ids();
        return None;
    };
    let shape: Vec<_> = parsed
        .iter()
        .map(|(file, items)| {
            let text = crate::load::read::hash(&sources.get(*file).text);
            (*file, text, super::kept::ids_hash(items))
        })
        .collect();
    cache.claims.reshaped(known.claims, &shape, order);
    Some((dossier, links))
}

/// A copy of `old` without its claims.
fn without_claims(old: &Dossier) -> Dossier {
    Dossier {
        front: old.front.clone(),
        articles: old.articles.clone(),
        topics: old.topics.clone(),
        sources: old.sources.clone(),
        metrics: old.metrics.clone(),
        claims: Vec::new(),
        entities: old.entities.clone(),
        mentions: old.mentions.clone(),
    }
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

/// The claims of `old` with those of the files `parsed` (each with the
/// ids it held, item by item) checked again from their texts in
/// `sources`, the links their notes make, and the claims changed (by
/// index); `None` if a claim has a problem.
fn recheck(
    old: &Dossier,
    sources: &Sources,
    known: &crate::load::ids::Known,
    parsed: &Parsed,
) -> Option<Rechecked> {
    let mut claims = old.claims.clone();
    let mut notes = Vec::new();
    let mut found = Diagnostics::default();
    for (file, items) in parsed {
        let (file, src) = (*file, sources.get(*file));
        for (i, raw) in items {
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

/// The parse of each file saved.
type Parsed = Vec<reshape::FileClaims>;

/// The claims of each file of `edited` as parsed from its text in
/// `sources`; `None` if one has a problem or an item did not parse.
fn parse_whole(sources: &Sources, edited: &[FileId]) -> Option<Parsed> {
    let mut found = Diagnostics::default();
    let mut parsed = Vec::with_capacity(edited.len());
    for &file in edited {
        let src = sources.get(file);
        let items: Vec<(usize, RawClaim)> =
            parse_items(file, src, "claim", CLAIM_FIELDS, &mut found);
        let whole = items.iter().enumerate().all(|(k, (i, _))| k == *i);
        if !found.items().is_empty() || !whole || !parsed_whole(src, items.len()) {
            return None;
        }
        parsed.push((file, items));
    }
    Some(parsed)
}

/// The claims of a reshaped dossier (`reshape.rs`) with the notes of
/// those checked rendered against all of them, and the links those notes
/// make; `None` if a note has a problem.
fn render_notes(
    shaped: Vec<(Arc<Claim>, Option<Option<String>>)>,
    known: &crate::load::ids::Known,
    old: &Dossier,
    sources: &Sources,
) -> Option<(Vec<Arc<Claim>>, Vec<AuthorLink>)> {
    let (mut claims, notes): (Vec<Arc<Claim>>, Vec<Option<Option<String>>>) =
        shaped.into_iter().unzip();
    let mut found = Found::default();
    let mut rendered = Vec::new();
    for (c, note) in notes.into_iter().enumerate() {
        if let Some(Some(md)) = note {
            let cx = Context {
                ids: known,
                claims: &claims,
                articles: &old.articles,
                page: "",
            };
            rendered.push((c, render_note(&claims[c], &md, &cx, sources, &mut found)));
        }
    }
    if !found.diags.items().is_empty() {
        return None;
    }
    for (c, note) in rendered {
        Arc::make_mut(&mut claims[c]).note = Some(note);
    }
    Some((claims, found.links))
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
    old.texts().any(cites) || claims.iter().any(|c| c.note.as_ref().is_some_and(cites))
}
