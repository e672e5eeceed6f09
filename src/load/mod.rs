//! Loading: the first stage. In comes a dossier folder (`dossier.toml`,
//! `content/`); out comes a [`Loaded`]: the settings, the validated
//! [`Dossier`] model with every reference resolved to an index, the files
//! read (for diagnostics and for anchoring, which reads article bodies),
//! and the problems found. Each kind of content file has a module that
//! owns its raw struct, its checks and their diagnostics; the steps below
//! run them in the order their references need.
//!
//! Loading never stops at a problem (it is pushed as a diagnostic, and
//! loading carries on, so one run reports them all), never panics on any
//! input, never writes, and never reads an article's body: anchoring does.
//! Only the files that parsed take part in later checks; ids of items that
//! failed to parse are still known, so they cause no follow-on errors.

mod articles;
mod cache;
mod claims;
mod dropped;
mod entities;
mod fields;
mod front;
mod ids;
mod index;
mod judgments;
mod kind;
pub(crate) mod links;
mod markers;
mod metrics;
pub mod patch;
mod prose;
mod read;
pub mod schema;
mod sources;
mod sources_edited;
mod topics;
mod walk;
pub mod yaml;

pub use fields::is_language_tag;
// The edition reader (`crate::edition::read`) reads its files as content
// files are read.
pub use articles::articles_edited;
pub use cache::Cache;
pub use claims::claims_edited;
pub use fields::{Scalar, parse_date, parse_vocab};
pub use front::split_front_matter;
pub use ids::slugify;
pub use read::{read_file, register};
pub use sources_edited::sources_edited;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Dossier;
use crate::source::Sources;
use ids::{Known, stem};
use kind::Files;
pub use kind::Kind;
use rayon::prelude::*;
use read::{ReadFile, decode};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Everything loaded from a dossier folder.
#[derive(Debug)]
pub struct Loaded {
    /// Settings.
    pub config: Config,
    /// The validated model (only what parsed).
    pub dossier: Dossier,
    /// Every file read.
    pub sources: Sources,
    /// Problems found.
    pub diagnostics: Diagnostics,
}

/// The kind of the file shown as `display` (`content/sources.yaml`).
fn kind_of_shown(display: &str) -> Option<kind::Kind> {
    Path::new(display)
        .strip_prefix("content")
        .ok()
        .and_then(kind::Kind::of)
}

/// Whether the file shown as `display` (`content/sources.yaml`) is the
/// list of sources or of metrics.
pub fn is_sources_or_metrics(display: &str) -> bool {
    matches!(
        kind_of_shown(display),
        Some(kind::Kind::Sources | kind::Kind::Metrics)
    )
}

/// What the pages but its own read of the file shown as `display`, of
/// text `text`: of a topic or `_index.md` its front matter (title,
/// summary, judgments…; its text is shown on its own page, the lists and
/// the search index alone), of any other file all of it.
pub fn read_elsewhere<'a>(display: &str, text: &'a str) -> &'a str {
    let own_page = matches!(
        kind_of_shown(display),
        Some(kind::Kind::Topic | kind::Kind::Index)
    );
    match front::split_front_matter(text) {
        Ok((_, _, body)) if own_page => &text[..body],
        _ => text,
    }
}

/// Loads and validates the dossier at `root`.
pub fn load(root: &Path) -> Loaded {
    load_with(root, None)
}

/// [`load`], with the content file at `root/rel` (`rel` like
/// `content/claims/x.yaml`) read as `text` instead of from disk, or added
/// where the walk would find it if it is not there: the dossier as it
/// would be after a write (`serve`'s annotation checks a claim this way
/// before it writes it).
pub fn load_with(root: &Path, replaced: Option<(&str, &str)>) -> Loaded {
    load_keeping(root, replaced, None)
}

/// [`load`], taking the texts of the files not modified since and the
/// parses of the texts seen before from `cache`, and leaving there those
/// of this load (`serve` keeps one from edit to edit). The result is the
/// one [`load`] gives.
pub fn load_cached(root: &Path, cache: &mut Cache) -> Loaded {
    load_keeping(root, None, Some(cache))
}

fn load_keeping(
    root: &Path,
    replaced: Option<(&str, &str)>,
    mut cache: Option<&mut Cache>,
) -> Loaded {
    let timer = crate::timing::Timer::new();
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let config = read::config(root, &mut sources, &mut diags);
    let mut files = walk::content(root, &mut diags);
    let replaced = replaced.and_then(|(rel, text)| {
        let kind = Kind::of(Path::new(rel.strip_prefix("content/")?))?;
        let path = root.join(rel);
        if !files.iter().any(|(_, p)| *p == path) {
            // The walk visits names in order at every level: the files in
            // the order of their paths' components.
            let at = files.partition_point(|(_, p)| p.components().lt(path.components()));
            files.insert(at, (kind, path.clone()));
        }
        Some((path, text))
    });
    // Read every file in parallel, register in walk order.
    let kept = cache.as_deref();
    let read: Vec<(Kind, ReadFile, Option<read::Text>)> = files
        .into_par_iter()
        .map(|(k, p)| match (&replaced, kept) {
            (Some((path, text)), _) if p == *path => (
                k,
                read::with_text(root, p, Arc::new(text.to_string())),
                None,
            ),
            (_, Some(cache)) => {
                let (file, text) = cache.read(root, p);
                (k, file, text)
            }
            _ => (k, read_file(root, p), None),
        })
        .collect();
    let read: Vec<(Kind, ReadFile)> = match cache.as_deref_mut() {
        Some(cache) => {
            let (read, texts): (Vec<_>, Vec<_>) =
                read.into_iter().map(|(k, f, t)| ((k, f), t)).unzip();
            cache.keep_texts(texts.into_iter().flatten().collect());
            read
        }
        None => read.into_iter().map(|(k, f, _)| (k, f)).collect(),
    };
    timer.lap(" read");
    // An empty content folder has its own error: no "no sources.yaml".
    let content_missing = read.is_empty();
    assemble(
        config,
        sources,
        diags,
        read,
        content_missing,
        Some(root),
        cache,
    )
}

/// Loads a dossier from in-memory files, each `(path under content/,
/// bytes)`, with default settings: the whole of [`load`] after the files
/// are read (for the fuzz targets).
#[doc(hidden)]
pub fn load_files(files: &[(&str, &[u8])]) -> Loaded {
    let mut read = Vec::new();
    for (rel, bytes) in files {
        if let Some(kind) = Kind::of(Path::new(rel)) {
            let rel = format!("content/{rel}");
            let result = decode(bytes.to_vec()).map(Arc::new);
            read.push((
                kind,
                ReadFile {
                    path: PathBuf::from(&rel),
                    rel,
                    result,
                },
            ));
        }
    }
    let mut diags = Diagnostics::default();
    if read.is_empty() {
        diags.push(Diagnostic::global("the content folder is empty"));
    }
    assemble(
        Config::fallback(),
        Sources::default(),
        diags,
        read,
        false,
        None,
        None,
    )
}

/// Registers the read files, then parses, validates and links them: each
/// kind of file in turn, once the ids it refers to are known; last, the
/// links authors wrote, against the pages the dossier makes (with the
/// theme at `root`, when the dossier is on disk).
fn assemble(
    config: Config,
    mut sources: Sources,
    mut diags: Diagnostics,
    read: Vec<(Kind, ReadFile)>,
    content_missing: bool,
    root: Option<&Path>,
    mut cache: Option<&mut Cache>,
) -> Loaded {
    let timer = crate::timing::Timer::new();
    let mut ids = Known::default();
    let files = register_all(read, &mut sources, &mut ids, &mut diags);
    timer.lap(" register");
    let (src, d) = (&sources, &mut diags);
    let hashes = cache.as_deref_mut().map(|c| std::mem::take(&mut c.hashes));
    let articles = articles::load(
        files.all(Kind::Article),
        src,
        &mut ids.articles,
        d,
        cache
            .as_deref_mut()
            .map(|c| &mut c.articles)
            .zip(hashes.as_ref()),
    );
    timer.lap(" articles");
    let read_topics = topics::read(files.all(Kind::Topic), src, &mut ids.topics, d);
    let origins = sources::load(
        files.one(Kind::Sources),
        content_missing,
        src,
        &mut ids.sources,
        d,
    );
    let metrics = metrics::load(
        files.one(Kind::Metrics),
        src,
        &ids.topics,
        &mut ids.metrics,
        d,
    );
    let (read_entities, mentions) =
        entities::read(files.one(Kind::Entities), src, &mut ids.entities, d);
    timer.lap(" others");
    let mut links = Vec::new();
    let kept = cache
        .as_deref_mut()
        .map(|c| &mut c.claims)
        .zip(hashes.as_ref());
    let claims = claims::load(
        files.all(Kind::Claims),
        src,
        &mut ids,
        &articles,
        &mut links,
        d,
        kept,
    );
    if let (Some(cache), Some(mut hashes)) = (cache.as_deref_mut(), hashes) {
        let texts = [Kind::Article, Kind::Claims]
            .into_iter()
            .flat_map(|kind| files.all(kind))
            .map(|&file| &sources.get(file).text);
        hashes.renew(texts);
        cache.hashes = hashes;
    }
    timer.lap(" claims");
    // Judgments and the analyst's prose refer to claims: topics, the
    // front page and entity descriptions come last.
    let mut found = prose::Found::default();
    let cx = prose::Context {
        ids: &ids,
        claims: &claims,
        articles: &articles,
        page: "",
    };
    let topics = topics::finish(read_topics, src, &cx, &mut found);
    let front = index::load(files.one(Kind::Index), &config, src, &cx, &mut found);
    let entities = entities::finish(read_entities, src, &cx, &mut found);
    d.append(found.diags);
    links.extend(found.links);
    let dossier = Dossier {
        front,
        articles,
        topics,
        sources: origins,
        metrics,
        claims,
        entities,
        mentions,
    };
    timer.lap(" prose");
    links::check(&links, &dossier, &config, root, d);
    timer.lap(" links");
    if let Some(cache) = cache {
        cache.links = Some(links);
        cache.claims.keep_ids(ids.claims);
    }
    Loaded {
        config,
        dossier,
        sources,
        diagnostics: diags,
    }
}

/// Registers the read files, by kind, in walk order. A file that cannot
/// be read is reported, and the ids it would define are noted as unknown.
fn register_all(
    read: Vec<(Kind, ReadFile)>,
    sources: &mut Sources,
    ids: &mut Known,
    diags: &mut Diagnostics,
) -> Files {
    let mut files = Files::default();
    for (kind, file) in read {
        let file_stem = stem(&file.rel);
        match register(file, sources, diags) {
            Some(id) => files.add(kind, id),
            None => ids.unreadable(kind, file_stem),
        }
    }
    files
}

/// What the loader's unit tests share: a fixture copied to a temporary
/// folder, and a load as text.
#[cfg(test)]
pub(crate) mod testing {
    use std::fs;
    use std::path::Path;

    /// Everything a load gives, as text: the model and the diagnostics.
    pub fn shown(loaded: &super::Loaded) -> String {
        format!(
            "{:?}\n{}",
            loaded.dossier,
            loaded.diagnostics.render(&loaded.sources)
        )
    }

    /// A copy of the fixture `name` in a temporary folder.
    pub fn copy(name: &str) -> tempfile::TempDir {
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
}
