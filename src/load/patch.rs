//! The analyst's texts edited alone, for `serve`: a topic's overview or
//! the front page's text, or `entities.yaml` with every entity's id, name
//! and aliases as they were (a kind, a description, a Wikidata item
//! edited). A topic saved with another front matter (a title, a summary,
//! judgments, its `order`) or the front page with another one is taken
//! in too, and said to be ([`Patched::fronts`]): every page shows those
//! titles, in the topics' order, so `serve` builds the whole site after
//! showing the texts' own pages. A topic moved among the topics moves
//! the others as a load would place them, and the claims and metrics
//! name their topics' new places ([`Patched::moved`]). In: the
//! loaded dossier of the last good build (its load's cache lends the
//! claim id table) and the new texts; out: the same [`Loaded`] with those
//! texts in its sources, rendered again into the model, and the problems
//! found in them in place of the old ones, as a load would give them; or
//! `None`, with nothing changed, when the edit needs a load.
//!
//! Only the texts' own problems can change (all of a file's when its
//! front matter changed): no other file reads a text or a topic's front
//! matter (claims and metrics name a topic by its id, the file's name),
//! and the entities' names and aliases, which the other files' texts are
//! matched against, are the same. The one thing of a text other pages
//! read is where its citation markers are (`cite-2-1`, `ref-2`), which
//! links elsewhere may name: when their number changes, `None`.

use super::cache::Cache;
use super::ids::{Ids, Known, stem};
use super::kind::Kind;
use super::prose::{Context, Found};
use super::{Loaded, front, index, kind_of_shown, links, topics};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Dossier, Entity, FrontPage, Prose, Topic};
use crate::source::{FileId, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What [`texts_only`] rendered again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Patched {
    /// The topics whose overview, by index, in order.
    pub topics: Vec<usize>,
    /// Whether the front page's text.
    pub front: bool,
    /// The entities whose fields changed, by index, in order.
    pub entities: Vec<usize>,
    /// Whether a topic's or the front page's front matter changed: the
    /// pages of the texts are as a build makes them, the rest of the site
    /// (which shows the titles) is not.
    pub fronts: bool,
    /// When an `order` moved a topic: the place of each topic before, by
    /// its place now (the topics above are by their place now).
    pub moved: Option<Vec<usize>>,
}

/// A file whose text is edited: its id, kind, text before and now, where
/// its body starts (the same in both; 0 for `entities.yaml` and for a
/// front matter that changed, all of whose problems are made again), and
/// whether its front matter changed.
struct Edit {
    file: FileId,
    kind: Kind,
    before: Arc<String>,
    now: Arc<String>,
    body: usize,
    front: bool,
}

/// Whether [`texts_only`] may take in the file at `rel` (a path under the
/// dossier's folder): a topic, `_index.md` or `entities.yaml` (`serve`
/// reads no other file for it).
pub fn may_take(rel: &Path) -> bool {
    let kind = rel.strip_prefix("content").ok().and_then(Kind::of);
    matches!(kind, Some(Kind::Topic | Kind::Index | Kind::Entities))
}

/// Takes in the texts `changed` (each file's path on disk and what it
/// holds now) when each is a topic's, `_index.md` or `entities.yaml`:
/// see the module's documentation. `root` is the dossier's
/// folder (the theme's templates name ids links may target).
pub fn texts_only(
    loaded: &mut Loaded,
    cache: &mut Cache,
    root: &Path,
    changed: &[(PathBuf, String)],
) -> Option<Patched> {
    if loaded.diagnostics.errors() > 0 {
        return None;
    }
    let edits = edits(loaded, changed)?;
    let mut known = known(&loaded.dossier, cache.claims.lend_ids()?);
    for e in &edits {
        loaded.sources.replace_text(e.file, Arc::clone(&e.now));
    }
    let rendered = render(loaded, &known, &edits, root);
    cache
        .claims
        .give_back_ids(std::mem::take(&mut known.claims));
    let Some(((topics, front, entities), found)) = rendered else {
        for e in &edits {
            loaded.sources.replace_text(e.file, Arc::clone(&e.before));
        }
        return None;
    };
    // The problems of the texts' bodies, and those alone, are new.
    let in_body = |d: &Diagnostic| {
        d.location.as_ref().is_some_and(|(file, span)| {
            edits
                .iter()
                .any(|e| e.file == *file && span.start >= e.body)
        })
    };
    loaded.diagnostics.retain(|d| !in_body(d));
    loaded
        .diagnostics
        .extend(found.items().iter().filter(|d| in_body(d)).cloned());
    let d = &mut loaded.dossier;
    let mut patched = Patched {
        fronts: edits.iter().any(|e| e.front),
        ..Patched::default()
    };
    for (t, topic) in topics {
        d.topics[t] = topic;
        patched.topics.push(t);
    }
    if let Some(now) = front {
        d.front = now;
        patched.front = true;
    }
    for (i, entity) in entities {
        d.entities[i] = entity;
        patched.entities.push(i);
    }
    if let Some(was) = reorder(d) {
        cache.claims.forget_checked();
        let now_of = inverse(&was);
        point_at_moved(d, &now_of);
        for t in &mut patched.topics {
            *t = now_of[*t];
        }
        patched.moved = Some(was);
    }
    patched.topics.sort_unstable();
    patched.topics.dedup();
    Some(patched)
}

/// Sorts the topics of `d` as a load does (`order`, then id) and gives
/// the place each had before, by its place now; `None`, with nothing
/// changed, when they are in that order already.
fn reorder(d: &mut Dossier) -> Option<Vec<usize>> {
    let key = |t: &Topic| (t.order, t.id.clone());
    if d.topics.is_sorted_by_key(key) {
        return None;
    }
    let mut topics: Vec<(usize, Topic)> = std::mem::take(&mut d.topics)
        .into_iter()
        .enumerate()
        .collect();
    topics.sort_by_cached_key(|(_, t)| key(t));
    let (was, topics) = topics.into_iter().unzip();
    d.topics = topics;
    Some(was)
}

/// The place now of each topic, by its place before: the inverse of
/// [`reorder`]'s `was`.
fn inverse(was: &[usize]) -> Vec<usize> {
    let mut now_of = vec![0; was.len()];
    for (now, &before) in was.iter().enumerate() {
        now_of[before] = now;
    }
    now_of
}

/// Points the claims' and metrics' topics of `d` at the places the
/// topics moved to (`now_of`: each one's place now, by its place
/// before). A claim lists its topics as its file does, so only the
/// numbers change; the claims the model shares with no one are changed
/// in place.
fn point_at_moved(d: &mut Dossier, now_of: &[usize]) {
    for claim in &mut d.claims {
        if claim.topics.iter().any(|&t| now_of[t] != t) {
            let claim = std::sync::Arc::make_mut(claim);
            for t in &mut claim.topics {
                *t = now_of[*t];
            }
        }
    }
    for metric in &mut d.metrics {
        metric.topic = now_of[metric.topic];
    }
}

/// The files of `changed`, if each is a topic's, the front page's or
/// `entities.yaml`.
fn edits(loaded: &Loaded, changed: &[(PathBuf, String)]) -> Option<Vec<Edit>> {
    let mut edits: Vec<Edit> = Vec::new();
    for (path, text) in changed {
        let files = loaded.sources.files();
        let i = files.iter().position(|f| f.path == *path)?;
        let (file, old) = (FileId(u32::try_from(i).ok()?), &files[i]);
        let kind = kind_of_shown(&old.display)
            .filter(|k| matches!(k, Kind::Topic | Kind::Index | Kind::Entities))?;
        // Folded as a load folds it (byte order mark, carriage returns).
        let now = SourceFile::new(old.display.clone(), old.path.clone(), text.clone()).text;
        let (b, changed) = if kind == Kind::Entities {
            (0, false)
        } else {
            let (Ok((_, _, a)), Ok((_, _, b))) = (
                front::split_front_matter(&old.text),
                front::split_front_matter(&now),
            ) else {
                return None;
            };
            match old.text.get(..a) == now.get(..b) {
                true => (b, false),
                false => (0, true),
            }
        };
        edits.retain(|e| e.file != file);
        edits.push(Edit {
            file,
            kind,
            before: Arc::clone(&old.text),
            now,
            body: b,
            front: changed,
        });
    }
    Some(edits)
}

/// The id tables of the dossier `d` (of a load without errors), with the
/// claims' table its load kept.
pub(super) fn known(d: &Dossier, claims: Ids) -> Known {
    fn table<'a>(ids: impl Iterator<Item = &'a String>) -> Ids {
        Ids {
            index: ids.enumerate().map(|(i, id)| (id.clone(), i)).collect(),
            ..Ids::default()
        }
    }
    Known {
        articles: table(d.articles.iter().map(|a| &a.slug)),
        topics: table(d.topics.iter().map(|t| &t.id)),
        sources: table(d.sources.iter().map(|s| &s.id)),
        metrics: table(d.metrics.iter().map(|m| &m.id)),
        claims,
        entities: table(d.entities.iter().map(|e| &e.id)),
    }
}

/// Topics (by topic index), the front page, and the entities that
/// changed (by index).
type Texts = (Vec<(usize, Topic)>, Option<FrontPage>, Vec<(usize, Entity)>);

/// The texts of `edits` rendered as a load renders them (the sources hold
/// the new texts), with the problems found in them and in their links;
/// `None` if what a front matter not edited gives differs (it cannot,
/// unless the rest of the dossier did) or the citation markers changed
/// in number.
fn render(
    loaded: &Loaded,
    known: &Known,
    edits: &[Edit],
    root: &Path,
) -> Option<(Texts, Diagnostics)> {
    let (d, sources) = (&loaded.dossier, &loaded.sources);
    let dbg = |x: &dyn std::fmt::Debug| format!("{x:?}");
    let markers = |p: &Prose| p.cited.iter().map(|(_, n)| *n).collect::<Vec<_>>();
    let cx = Context {
        ids: known,
        claims: &d.claims,
        articles: &d.articles,
        page: "",
    };
    let mut found = Found::default();
    let of_kind = |kind: Kind| edits.iter().filter(move |e| e.kind == kind).map(|e| e.file);
    let files: Vec<FileId> = of_kind(Kind::Topic).collect();
    // The topics (by id, their files' names) whose front matter changed.
    let fronts: Vec<String> = edits
        .iter()
        .filter(|e| e.kind == Kind::Topic && e.front)
        .map(|e| stem(&sources.get(e.file).display))
        .collect();
    // The front matters' problems (those of a front matter not edited are
    // known already: `texts_only` leaves them).
    let mut ids = Ids::default();
    let pending = topics::read(&files, sources, &mut ids, &mut found.diags);
    let mut texts: Texts = (Vec::new(), None, Vec::new());
    for topic in topics::finish(pending, sources, &cx, &mut found) {
        let t = d.topics.iter().position(|x| x.id == topic.id)?;
        let was = &d.topics[t];
        let fields = |x: &Topic| dbg(&(&x.title, x.order, &x.summary, &x.judgments));
        let same = fronts.contains(&topic.id) || fields(was) == fields(&topic);
        if !same || markers(&was.overview) != markers(&topic.overview) {
            return None;
        }
        texts.0.push((t, topic));
    }
    if texts.0.len() != files.len() {
        return None;
    }
    if let Some(file) = of_kind(Kind::Index).next() {
        let now = index::load(Some(file), &loaded.config, sources, &cx, &mut found);
        let fields = |x: &FrontPage| dbg(&(&x.title, &x.summary, &x.summary_html, &x.judgments));
        let same =
            edits.iter().any(|e| e.file == file && e.front) || fields(&d.front) == fields(&now);
        if !same || markers(&d.front.body) != markers(&now.body) {
            return None;
        }
        texts.1 = Some(now);
    }
    if let Some(file) = of_kind(Kind::Entities).next() {
        texts.2 = entities(d, sources, file, &cx, &mut found)?;
    }
    // Checked against the dossier as it was: the pages' ids are the same.
    links::check(
        &found.links,
        d,
        &loaded.config,
        Some(root),
        &mut found.diags,
    );
    Some((texts, found.diags))
}

/// The entities of `entities.yaml` (`file`) that changed, read again, if
/// every one has the id, name and aliases it had, and its description's
/// citation markers are as many; the file's problems go to `found`.
fn entities(
    d: &Dossier,
    sources: &crate::source::Sources,
    file: FileId,
    cx: &Context<'_>,
    found: &mut Found,
) -> Option<Vec<(usize, Entity)>> {
    let mut ids = Ids::default();
    let (pending, _) = super::entities::read(Some(file), sources, &mut ids, &mut found.diags);
    let now = super::entities::finish(pending, sources, cx, found);
    let markers = |e: &Entity| {
        let cited = e.description.as_ref().map(|p| p.cited.as_slice());
        cited
            .unwrap_or_default()
            .iter()
            .map(|(_, n)| *n)
            .collect::<Vec<_>>()
    };
    let same = now.len() == d.entities.len()
        && now.iter().zip(&d.entities).all(|(a, b)| {
            (&a.id, &a.name, &a.aliases) == (&b.id, &b.name, &b.aliases) && markers(a) == markers(b)
        });
    let dbg = |e: &Entity| format!("{e:?}");
    same.then(|| {
        now.into_iter()
            .enumerate()
            .filter(|(i, e)| dbg(e) != dbg(&d.entities[*i]))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::testing::{copy, shown};
    use std::fs;

    /// A copy of the fixture `name` loaded with a cache, as `serve` keeps
    /// it: the folder (kept alive), the cache and the load.
    fn loaded_copy(name: &str) -> (tempfile::TempDir, Cache, Loaded) {
        let dir = copy(name);
        let mut cache = Cache::default();
        let loaded = crate::load::load_cached(dir.path(), &mut cache);
        (dir, cache, loaded)
    }

    /// Saves `rel` with `from` replaced by `to`, and hands it to
    /// [`texts_only`]; on `Some`, the model must be the one a load gives
    /// now, on `None` the one it was.
    fn edit(
        root: &Path,
        loaded: &mut Loaded,
        cache: &mut Cache,
        (rel, from, to): (&str, &str, &str),
    ) -> Option<Patched> {
        let path = root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        let text = text.replacen(from, to, 1);
        fs::write(&path, &text).unwrap();
        let before = shown(loaded);
        let patched = texts_only(loaded, cache, root, &[(path, text)]);
        if patched.is_some() {
            assert_eq!(
                shown(loaded),
                shown(&crate::load::load(root)),
                "{rel}: {to}"
            );
        } else {
            assert_eq!(shown(loaded), before, "{rel}: {to}: left as it was");
        }
        patched
    }

    #[test]
    fn a_text_edited_alone_is_rendered_into_the_model_as_a_load_would() {
        let (dir, mut cache, mut loaded) = loaded_copy("good/basic");
        let root = dir.path();
        assert_eq!(loaded.diagnostics.errors(), 0);
        let topic = |t: usize| {
            Some(Patched {
                topics: vec![t],
                ..Patched::default()
            })
        };
        let front = Some(Patched {
            front: true,
            ..Patched::default()
        });
        let fronts = |topic: Option<usize>, front: bool| {
            Some(Patched {
                topics: topic.into_iter().collect(),
                front,
                fronts: true,
                ..Patched::default()
            })
        };
        // A topic moved: the topics' places before, by their places now.
        let moved = |t: usize, was: Vec<usize>| {
            Some(Patched {
                topics: vec![t],
                fronts: true,
                moved: Some(was),
                ..Patched::default()
            })
        };
        let evacuation = "content/topics/evacuation.md";
        let cases = [
            // Words, a link to a page the site does not make (a warning
            // in the text), the warning gone again, a claim no file
            // defines (an error in the text).
            (
                (
                    evacuation,
                    "How many residents",
                    "How many of the residents",
                ),
                topic(1),
            ),
            (
                (
                    evacuation,
                    "from when.",
                    "from when ([the list](../nowhere.html)).",
                ),
                topic(1),
            ),
            ((evacuation, " ([the list](../nowhere.html))", ""), topic(1)),
            (
                (
                    "content/_index.md",
                    "began to plan",
                    "began to plan **at once**",
                ),
                front.clone(),
            ),
            // Front matters: a title, a summary, a judgment's words, said
            // to be (`fronts`); the problems of the whole file as a
            // load's (the error in the text stays).
            (
                (evacuation, "title: Evacuation", "title: Leaving"),
                fronts(Some(1), false),
            ),
            (
                (evacuation, "title: Leaving", "title: Evacuation"),
                fronts(Some(1), false),
            ),
            // Its place among the topics, there and back: the claims and
            // metrics name the topics' new places, as a load's do.
            ((evacuation, "order: 2", "order: 0"), moved(0, vec![1, 0])),
            ((evacuation, "order: 0", "order: 2"), moved(1, vec![1, 0])),
            (
                (
                    "content/_index.md",
                    "summary: \"A fictional",
                    "summary: \"An invented",
                ),
                fronts(None, true),
            ),
            (
                (
                    "content/_index.md",
                    "The dam wall is damaged",
                    "The dam wall is cracked",
                ),
                fronts(None, true),
            ),
            (
                (
                    "content/_index.md",
                    "lower valley.",
                    "lower valley [@no-such-claim].",
                ),
                front.clone(),
            ),
        ];
        for (case, expected) in cases {
            assert_eq!(
                edit(root, &mut loaded, &mut cache, case),
                expected,
                "{case:?}"
            );
        }
        assert_eq!(loaded.diagnostics.errors(), 1);
        // A title left empty: an error of the front matter, as a load's.
        let (dir, mut cache, mut loaded) = loaded_copy("good/basic");
        let case = (evacuation, "title: Evacuation", "title: \"\"");
        let patched = edit(dir.path(), &mut loaded, &mut cache, case);
        assert_eq!(patched, fronts(Some(1), false));
        assert_eq!(loaded.diagnostics.errors(), 1);
    }

    #[test]
    fn entities_edited_with_the_same_names_are_rendered_into_the_model() {
        let (dir, mut cache, mut loaded) = loaded_copy("good/entities");
        let root = dir.path();
        assert_eq!(loaded.diagnostics.errors(), 0);
        let entities = |list: Vec<usize>| {
            Some(Patched {
                entities: list,
                ..Patched::default()
            })
        };
        let file = "content/entities.yaml";
        let cases = [
            // A kind, a Wikidata item, a description's words and a link
            // to no page (a warning): the entities that changed (in name
            // order), the problems as a load's.
            (
                (file, "kind: place", "kind: organisation"),
                entities(vec![2]),
            ),
            (
                (file, "wikidata: Q4115189", "wikidata: Q4115190"),
                entities(vec![2]),
            ),
            (
                (
                    file,
                    "Runs the bridge.",
                    "Runs the old bridge ([x](../none.html)).",
                ),
                entities(vec![3]),
            ),
            (
                (file, "Mayor of Lerne", "The mayor of Lerne"),
                entities(vec![0]),
            ),
            // A name, an alias, a citation more: a load.
            ((file, "name: Lerne\n", "name: Lerna town\n"), None),
            (
                (file, "aliases: [fonds de réparation]", "aliases: [fonds]"),
                None,
            ),
            (
                (file, "[@mayor-doubts]", "[@mayor-doubts] [@bridge-closed]"),
                None,
            ),
            // A citation of no claim: an error (the description shows
            // what it did).
            (
                (file, "mayor of Lerne", "mayor [@no-such-claim] of Lerne"),
                entities(vec![]),
            ),
        ];
        for (case, expected) in cases {
            let none = expected.is_none();
            assert_eq!(
                edit(root, &mut loaded, &mut cache, case),
                expected,
                "{case:?}"
            );
            if none {
                // Back as it was, and loaded again.
                let path = root.join(case.0);
                let text = fs::read_to_string(&path)
                    .unwrap()
                    .replacen(case.2, case.1, 1);
                fs::write(&path, text).unwrap();
                cache.forget(&[path]);
                loaded = crate::load::load_cached(root, &mut cache);
            }
        }
        assert_eq!(loaded.diagnostics.errors(), 1);
    }

    #[test]
    fn other_edits_leave_the_model_for_a_load() {
        let (dir, mut cache, mut loaded) = loaded_copy("good/basic");
        let root = dir.path();
        for case in [
            // A citation added: the markers other pages' links may name.
            (
                "content/topics/evacuation.md",
                "from when.",
                "from when [@evacuation-800].",
            ),
            // A citation added to the front page's summary.
            (
                "content/_index.md",
                "valley, written for",
                "valley [@three-cracks], written for",
            ),
            // Another kind of file.
            (
                "content/claims/dam.yaml",
                "three new cracks",
                "three new long cracks",
            ),
            (
                "content/articles/agency-bulletin.md",
                "\n---\n",
                "\n---\nA first line.\n",
            ),
        ] {
            assert_eq!(edit(root, &mut loaded, &mut cache, case), None, "{case:?}");
            // The next edit starts from a load of the files as they are.
            cache.forget(&[root.join(case.0)]);
            loaded = crate::load::load_cached(root, &mut cache);
        }
    }
}
