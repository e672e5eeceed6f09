//! `dossier init DIR`: writes a small working dossier (two articles, two
//! topics, a few claims, sources, metrics), `dossier.toml`, a `.gitignore`
//! and the GitHub Pages workflow, so that `dossier build` works at once.
//! With `--theme`, also copies the embedded default theme into
//! `themes/default/` for customising. Never overwrites an existing file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The example dossier: (path, contents).
const EXAMPLE: &[(&str, &str)] = &[
    ("dossier.toml", include_str!("init/dossier.toml")),
    ("content/_index.md", include_str!("init/content/_index.md")),
    (
        "content/topics/pollution.md",
        include_str!("init/content/topics/pollution.md"),
    ),
    (
        "content/topics/wildlife.md",
        include_str!("init/content/topics/wildlife.md"),
    ),
    (
        "content/articles/la-voix-spill.md",
        include_str!("init/content/articles/la-voix-spill.md"),
    ),
    (
        "content/articles/river-watch-report.md",
        include_str!("init/content/articles/river-watch-report.md"),
    ),
    (
        "content/sources.yaml",
        include_str!("init/content/sources.yaml"),
    ),
    (
        "content/metrics.yaml",
        include_str!("init/content/metrics.yaml"),
    ),
    (
        "content/claims/pollution.yaml",
        include_str!("init/content/claims/pollution.yaml"),
    ),
    (
        "content/claims/wildlife.yaml",
        include_str!("init/content/claims/wildlife.yaml"),
    ),
    (
        ".github/workflows/pages.yml",
        include_str!("../.github/workflows/pages.yml"),
    ),
    (".gitignore", "public/\n/.public.*\n"),
];

/// Problems scaffolding.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// A file to write exists already.
    #[error("{0} already exists; `dossier init` never overwrites files (choose an empty folder)")]
    Exists(PathBuf),
    /// I/O.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Writes the example dossier into `dir`; returns the files written.
pub fn init(dir: &Path, with_theme: bool) -> Result<Vec<PathBuf>, InitError> {
    let mut files: Vec<(String, Vec<u8>)> = EXAMPLE
        .iter()
        .map(|(p, c)| ((*p).to_string(), c.as_bytes().to_vec()))
        .collect();
    if with_theme {
        files.extend(
            crate::theme::default_files()
                .iter()
                .map(|(p, b)| (format!("themes/default/{p}"), b.to_vec())),
        );
    }
    for (rel, _) in &files {
        let path = dir.join(rel);
        if path.exists() {
            return Err(InitError::Exists(path));
        }
    }
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|source| InitError::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        fs::write(&path, bytes).map_err(|source| InitError::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
