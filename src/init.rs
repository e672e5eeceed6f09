//! `dossier init DIR`: writes a small working dossier (two articles, two
//! topics, a few claims, sources, metrics), `dossier.toml`, a `.gitignore`
//! and the GitHub Pages workflow of `init/pages.yml` (which installs this
//! very version of dossier), so that `dossier build` works at once and the
//! first push publishes. The JSON Schemas of `dossier schema` go into
//! `schemas/`, and each YAML file and `dossier.toml` gets the first line
//! that ties it to its schema, for editors. With `--theme`, also copies
//! the embedded default theme into `themes/default/` for customising.
//! `--language fr` writes the French example (`init/content-fr/`: French
//! topics, claims and judgments; the articles keep their languages); any
//! other tag, the English example with that `language`.
//!
//! DIR must be new or empty (a `.git` alone does not count); `--force`
//! writes into any folder, replacing the files of the same name and leaving
//! every other file alone. Prints what to do next, from where the user
//! stands (`guide`).

mod guide;

use crate::schemas;
use std::fs;
use std::io::{self, Write};
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
    (".gitignore", "public/\n/.public.*\n"),
];

/// The French example (`--language fr`): the same story, told in French.
const EXAMPLE_FR: &[(&str, &str)] = &[
    ("dossier.toml", include_str!("init/dossier-fr.toml")),
    (
        "content/_index.md",
        include_str!("init/content-fr/_index.md"),
    ),
    (
        "content/topics/pollution.md",
        include_str!("init/content-fr/topics/pollution.md"),
    ),
    (
        "content/topics/faune.md",
        include_str!("init/content-fr/topics/faune.md"),
    ),
    (
        "content/articles/la-voix-spill.md",
        include_str!("init/content-fr/articles/la-voix-spill.md"),
    ),
    (
        "content/articles/river-watch-report.md",
        include_str!("init/content-fr/articles/river-watch-report.md"),
    ),
    (
        "content/sources.yaml",
        include_str!("init/content-fr/sources.yaml"),
    ),
    (
        "content/metrics.yaml",
        include_str!("init/content-fr/metrics.yaml"),
    ),
    (
        "content/claims/pollution.yaml",
        include_str!("init/content-fr/claims/pollution.yaml"),
    ),
    (
        "content/claims/faune.yaml",
        include_str!("init/content-fr/claims/faune.yaml"),
    ),
    (".gitignore", "public/\n/.public.*\n"),
];

/// The example for `language`: French for `fr` (and `fr-CA`…), else the
/// English one, its `dossier.toml` set to `language`.
fn example(language: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let language = language.unwrap_or("en");
    let primary = language.split(['-', '_']).next().unwrap_or("");
    let (files, default) = if primary.eq_ignore_ascii_case("fr") {
        (EXAMPLE_FR, "fr")
    } else {
        (EXAMPLE, "en")
    };
    files
        .iter()
        .map(|(p, c)| {
            let text = if *p == "dossier.toml" && language != default {
                c.replace(
                    &format!("language = \"{default}\""),
                    &format!("language = \"{language}\""),
                )
            } else {
                (*c).to_string()
            };
            ((*p).to_string(), schemas::headed(p, &text).into_bytes())
        })
        .collect()
}

/// Where the Pages workflow goes, relative to DIR.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The Pages workflow, with this build's version, repository and package
/// name put in: the version of dossier that writes it is the one it
/// installs, from the repository named once in `Cargo.toml`.
pub fn workflow() -> String {
    include_str!("init/pages.yml")
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@REPOSITORY@", env!("CARGO_PKG_REPOSITORY"))
        .replace("@PACKAGE@", env!("CARGO_PKG_NAME"))
}

/// What `init` may do.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Also copy the built-in theme into `themes/default/`.
    pub theme: bool,
    /// Write into a folder that is not empty, replacing files of the same
    /// name.
    pub force: bool,
    /// The dossier's language (BCP 47; English when absent).
    pub language: Option<String>,
}

/// The files `init` wrote, relative to DIR.
#[derive(Debug, Default)]
pub struct Written {
    /// Files that did not exist.
    pub created: Vec<String>,
    /// Files that existed and were replaced (only with `--force`).
    pub replaced: Vec<String>,
}

/// Problems scaffolding.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// DIR holds files already and `--force` was not given.
    #[error(
        "{dir} is not empty (it holds {entries}); `dossier init` writes a new dossier into a new or empty folder\n  = help: choose another folder, or pass --force to write the example into this one: {collisions}, every other file is left as it is"
    )]
    NotEmpty {
        /// The folder.
        dir: PathBuf,
        /// Some of what it holds, for the message.
        entries: String,
        /// Which files `--force` would replace, for the message.
        collisions: String,
    },
    /// `--language` is not a BCP 47 tag.
    #[error("invalid language tag `{0}`\n  = help: use a tag such as `fr`, `en`, `pt-BR`")]
    Language(String),
    /// DIR exists and is not a folder.
    #[error("{0} exists and is not a folder")]
    NotAFolder(PathBuf),
    /// A file of the example would be written through a symbolic link
    /// (to wherever it points, perhaps outside DIR).
    #[error(
        "refusing to write through the symbolic link {0}\n  = help: remove the link, or init into another folder"
    )]
    Link(PathBuf),
    /// I/O.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// `dossier init`: writes the example into `dir`, then tells on `out` what
/// was written and what to do next.
pub fn run(dir: &Path, options: Options, out: &mut dyn Write) -> Result<(), InitError> {
    let written = init(dir, options)?;
    let _ = write!(out, "{}", guide::summary(dir, &written));
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let _ = write!(out, "{}", guide::next_steps(dir, &cwd));
    Ok(())
}

/// Writes the example dossier into `dir` (see the module doc for when an
/// existing folder is accepted).
pub fn init(dir: &Path, options: Options) -> Result<Written, InitError> {
    if let Some(l) = &options.language
        && !crate::load::is_language_tag(l)
    {
        return Err(InitError::Language(l.clone()));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(InitError::NotAFolder(dir.to_path_buf()));
    }
    let mut files = example(options.language.as_deref());
    files.extend(
        schemas::files()
            .into_iter()
            .map(|(name, json)| (format!("{}/{name}", schemas::DIR), json.into_bytes())),
    );
    files.push((WORKFLOW_PATH.to_string(), workflow().into_bytes()));
    if options.theme {
        files.extend(
            crate::theme::default_files()
                .iter()
                .map(|(p, b)| (format!("themes/default/{p}"), b.to_vec())),
        );
    }
    let existing: Vec<String> = files
        .iter()
        .filter(|(rel, _)| dir.join(rel).exists())
        .map(|(rel, _)| rel.clone())
        .collect();
    if !options.force {
        refuse_unless_empty(dir, &existing)?;
    }
    // Checked before anything is written: with `--force`, a link in DIR
    // (`content -> ../elsewhere`) would have the example written where it
    // points.
    for (rel, _) in &files {
        if let Some(link) = link_on_the_way(dir, rel) {
            return Err(InitError::Link(link));
        }
    }
    let mut written = Written::default();
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
        if existing.contains(&rel) {
            written.replaced.push(rel);
        } else {
            written.created.push(rel);
        }
    }
    Ok(written)
}

/// The first symbolic link among `rel`'s folders and `rel` itself, under
/// `dir`.
fn link_on_the_way(dir: &Path, rel: &str) -> Option<PathBuf> {
    let mut path = dir.to_path_buf();
    for part in Path::new(rel).components() {
        path.push(part);
        match fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => return Some(path),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Errs unless `dir` is missing or holds nothing but `.git`.
fn refuse_unless_empty(dir: &Path, existing: &[String]) -> Result<(), InitError> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(source) => {
            return Err(InitError::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != ".git")
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                format!("{name}/")
            } else {
                name
            }
        })
        .collect();
    if names.is_empty() {
        return Ok(());
    }
    names.sort();
    Err(InitError::NotEmpty {
        dir: dir.to_path_buf(),
        entries: guide::some_of(&names, 3),
        collisions: if existing.is_empty() {
            "no file there has the name of one it writes".to_string()
        } else {
            format!("it would replace {}", guide::some_of(existing, 5))
        },
    })
}
