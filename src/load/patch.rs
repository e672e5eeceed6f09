//! The analyst's texts edited alone, for `serve`: a topic's overview or
//! the front page's text saved with its front matter byte for byte as it
//! was. In: the loaded dossier of the last good build (its load's cache
//! lends the claim id table) and the new texts; out: the same [`Loaded`]
//! with those texts in its sources, rendered again into the model, and
//! the problems found in them in place of the old ones, as a load would
//! give them; or `None`, with nothing changed, when the edit needs a
//! load.
//!
//! Only the texts' own problems can change: the front matter (title,
//! judgments) reads and is read as before, and no other file reads a
//! text. The one thing of a text other pages read is where its citation
//! markers are (`cite-2-1`, `ref-2`), which links elsewhere may name:
//! when their number changes, `None`.

use super::cache::Cache;
use super::ids::{Ids, Known};
use super::kind::Kind;
use super::prose::{Context, Found};
use super::{Loaded, front, index, kind_of_shown, links, topics};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Dossier, Prose};
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
}

/// A file whose text is edited: its id, kind, text before and now, and
/// where its body starts (the same in both).
struct Edit {
    file: FileId,
    kind: Kind,
    before: Arc<String>,
    now: Arc<String>,
    body: usize,
}

/// Takes in the texts `changed` (each file's path on disk and what it
/// holds now) when each is a topic's or `_index.md` with its front matter
/// as it was: see the module's documentation. `root` is the dossier's
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
    let Some(((topics, front), found)) = rendered else {
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
    let mut patched = Patched::default();
    for (t, overview) in topics {
        d.topics[t].overview = overview;
        patched.topics.push(t);
    }
    if let Some(body) = front {
        d.front.body = body;
        patched.front = true;
    }
    patched.topics.sort_unstable();
    patched.topics.dedup();
    Some(patched)
}

/// The files of `changed`, if each is a topic's or the front page's with
/// its front matter as it was.
fn edits(loaded: &Loaded, changed: &[(PathBuf, String)]) -> Option<Vec<Edit>> {
    let mut edits: Vec<Edit> = Vec::new();
    for (path, text) in changed {
        let files = loaded.sources.files();
        let i = files.iter().position(|f| f.path == *path)?;
        let (file, old) = (FileId(u32::try_from(i).ok()?), &files[i]);
        let kind =
            kind_of_shown(&old.display).filter(|k| matches!(k, Kind::Topic | Kind::Index))?;
        // Folded as a load folds it (byte order mark, carriage returns).
        let now = SourceFile::new(old.display.clone(), old.path.clone(), text.clone()).text;
        let (Ok((_, _, a)), Ok((_, _, b))) = (
            front::split_front_matter(&old.text),
            front::split_front_matter(&now),
        ) else {
            return None;
        };
        if old.text.get(..a) != now.get(..b) {
            return None;
        }
        edits.retain(|e| e.file != file);
        edits.push(Edit {
            file,
            kind,
            before: Arc::clone(&old.text),
            now,
            body: b,
        });
    }
    Some(edits)
}

/// The id tables of the dossier `d` (of a load without errors), with the
/// claims' table its load kept.
fn known(d: &Dossier, claims: Ids) -> Known {
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

/// Topic overviews (by topic index) and the front page's text.
type Texts = (Vec<(usize, Prose)>, Option<Prose>);

/// The texts of `edits` rendered as a load renders them (the sources hold
/// the new texts), with the problems found in them and in their links;
/// `None` if what the front matter gives differs (it cannot, unless the
/// rest of the dossier did) or the citation markers changed in number.
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
    // The front matters' own problems are known already.
    let (mut ids, mut again) = (Ids::default(), Diagnostics::default());
    let pending = topics::read(&files, sources, &mut ids, &mut again);
    let mut texts: Texts = (Vec::new(), None);
    for topic in topics::finish(pending, sources, &cx, &mut found) {
        let t = d.topics.iter().position(|x| x.id == topic.id)?;
        let was = &d.topics[t];
        let fields = |x: &crate::model::Topic| dbg(&(&x.title, x.order, &x.summary, &x.judgments));
        if fields(was) != fields(&topic) || markers(&was.overview) != markers(&topic.overview) {
            return None;
        }
        texts.0.push((t, topic.overview));
    }
    if texts.0.len() != files.len() {
        return None;
    }
    if let Some(file) = of_kind(Kind::Index).next() {
        let now = index::load(Some(file), &loaded.config, sources, &cx, &mut found);
        let fields = |x: &crate::model::FrontPage| {
            dbg(&(&x.title, &x.summary, &x.summary_html, &x.judgments))
        };
        if fields(&d.front) != fields(&now) || markers(&d.front.body) != markers(&now.body) {
            return None;
        }
        texts.1 = Some(now.body);
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// Everything a load gives, as text: the model and the diagnostics.
    fn shown(loaded: &Loaded) -> String {
        format!(
            "{:?}\n{}",
            loaded.dossier,
            loaded.diagnostics.render(&loaded.sources)
        )
    }

    /// A copy of the fixture `name` in a temporary folder.
    fn copy(name: &str) -> tempfile::TempDir {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let dir = tempfile::tempdir().unwrap();
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let to = dir.path().join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&to).unwrap();
            } else {
                fs::copy(entry.path(), &to).unwrap();
            }
        }
        dir
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
        let dir = copy("good/basic");
        let root = dir.path();
        let mut cache = Cache::default();
        let mut loaded = crate::load::load_cached(root, &mut cache);
        assert_eq!(loaded.diagnostics.errors(), 0);
        let topic = |t: usize| {
            Some(Patched {
                topics: vec![t],
                front: false,
            })
        };
        let front = Some(Patched {
            topics: vec![],
            front: true,
        });
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
            (
                (
                    "content/_index.md",
                    "lower valley.",
                    "lower valley [@no-such-claim].",
                ),
                front,
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
    }

    #[test]
    fn other_edits_leave_the_model_for_a_load() {
        let dir = copy("good/basic");
        let root = dir.path();
        let mut cache = Cache::default();
        let mut loaded = crate::load::load_cached(root, &mut cache);
        for case in [
            // A citation added: the markers other pages' links may name.
            (
                "content/topics/evacuation.md",
                "from when.",
                "from when [@evacuation-800].",
            ),
            // The front matter.
            (
                "content/topics/evacuation.md",
                "title: Evacuation",
                "title: Leaving",
            ),
            (
                "content/_index.md",
                "summary: \"A fictional",
                "summary: \"An invented",
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
