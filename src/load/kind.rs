//! The kinds of content file, told apart by where they sit under
//! `content/`, and the registered files of each kind. A new kind of file
//! (say `entities.yaml`, a list like `sources.yaml`) is a variant here, a
//! line of [`Kind::of`], a module that loads it and a step in
//! `load::assemble`; the compiler then asks for its id table in
//! `ids::Known`, and the hint of `walk.rs` that lists the files read
//! should name it.

use crate::source::FileId;
use std::collections::BTreeMap;
use std::path::Path;

/// What kind of content file a path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `_index.md`: the front page.
    Index,
    /// `articles/*.md`: one source article.
    Article,
    /// `topics/*.md`: one topic.
    Topic,
    /// `sources.yaml`: the list of originating sources.
    Sources,
    /// `metrics.yaml`: the list of metrics.
    Metrics,
    /// `claims/*.yaml`: a list of claims.
    Claims,
    /// `entities.yaml`: the list of people, organisations and places.
    Entities,
}

impl Kind {
    /// The kind of the file at `rel` (a path under `content/`), if it is
    /// part of the content format.
    pub fn of(rel: &Path) -> Option<Kind> {
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        match (parts.as_slice(), ext) {
            (["_index.md"], _) => Some(Kind::Index),
            (["sources.yaml" | "sources.yml"], _) => Some(Kind::Sources),
            (["metrics.yaml" | "metrics.yml"], _) => Some(Kind::Metrics),
            (["entities.yaml" | "entities.yml"], _) => Some(Kind::Entities),
            (["articles", _], "md") => Some(Kind::Article),
            (["topics", _], "md") => Some(Kind::Topic),
            (["claims", _], "yaml" | "yml") => Some(Kind::Claims),
            _ => None,
        }
    }

    /// Whether one file of this kind defines one thing, named by the
    /// file (an article, a topic), rather than a list of things with ids.
    pub fn one_per_file(self) -> bool {
        matches!(self, Kind::Article | Kind::Topic)
    }
}

/// The registered content files, by kind, in the order they were walked.
#[derive(Debug, Default)]
pub struct Files(BTreeMap<Kind, Vec<FileId>>);

impl Files {
    /// Adds a file.
    pub fn add(&mut self, kind: Kind, file: FileId) {
        self.0.entry(kind).or_default().push(file);
    }

    /// Every file of a kind.
    pub fn all(&self, kind: Kind) -> &[FileId] {
        self.0.get(&kind).map_or(&[], Vec::as_slice)
    }

    /// The file of a kind there is one of (`sources.yaml`): when both
    /// spellings exist (`sources.yaml`, `sources.yml`), the last walked.
    pub fn one(&self, kind: Kind) -> Option<FileId> {
        self.all(kind).last().copied()
    }
}
