//! The theme: Tera templates and static files. The default theme is
//! embedded in the binary by `build.rs`; a dossier's own `themes/<name>/`
//! folder (chosen by `theme` in `dossier.toml`) is laid over it file by file,
//! so a theme may override one template and inherit the rest. Its message
//! catalogues (`i18n/<language>.ftl`) are laid over the built-in ones
//! message by message instead ([`crate::i18n`]).

use std::collections::BTreeMap;
use std::path::Path;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));
}

/// Files of the default theme, as embedded.
pub fn default_files() -> &'static [(&'static str, &'static [u8])] {
    embedded::FILES
}

/// A theme's files, by path relative to the theme folder.
#[derive(Debug, Default)]
pub struct Theme {
    files: BTreeMap<String, Vec<u8>>,
    /// The theme's folder, as shown in messages (`themes/<name>`).
    dir: String,
    /// Files read from that folder that differ from the built-in ones.
    own: std::collections::BTreeSet<String>,
}

/// Problems loading a theme.
#[derive(Debug, thiserror::Error)]
pub enum ThemeError {
    /// `theme = "x"` but there is no `themes/x`.
    #[error("theme `{0}` not found: no folder themes/{0} in the dossier")]
    Missing(String),
    /// Reading an override failed.
    #[error("cannot read theme file {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

impl Theme {
    /// The embedded default overlaid with `root/themes/<name>/`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, ThemeError> {
        let mut files: BTreeMap<String, Vec<u8>> = default_files()
            .iter()
            .map(|(p, b)| ((*p).to_string(), b.to_vec()))
            .collect();
        let dir = root.join("themes").join(name);
        let mut own = std::collections::BTreeSet::new();
        if dir.is_dir() {
            for entry in walkdir::WalkDir::new(&dir)
                .follow_links(false)
                .sort_by_file_name()
            {
                let entry = entry.map_err(|e| ThemeError::Io {
                    path: dir.display().to_string(),
                    source: e.into(),
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry
                    .path()
                    .strip_prefix(&dir)
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                if rel.split('/').any(|p| p.starts_with('.')) {
                    continue;
                }
                let bytes = std::fs::read(entry.path()).map_err(|source| ThemeError::Io {
                    path: entry.path().display().to_string(),
                    source,
                })?;
                if files.get(&rel) != Some(&bytes) {
                    own.insert(rel.clone());
                }
                files.insert(rel, bytes);
            }
        } else if name != "default" {
            return Err(ThemeError::Missing(name.to_string()));
        }
        Ok(Theme {
            files,
            dir: format!("themes/{name}"),
            own,
        })
    }

    /// The theme's folder, as shown in messages (`themes/<name>`).
    pub fn dir(&self) -> &str {
        &self.dir
    }

    /// The theme's own catalogue of `language` (`i18n/<language>.ftl` in
    /// its folder, when not the built-in one): its path as shown in
    /// messages, and its bytes.
    pub fn own_catalogue(&self, language: &str) -> Option<(String, &[u8])> {
        let path = format!("i18n/{language}.ftl");
        let rel = self.own.iter().find(|p| p.eq_ignore_ascii_case(&path))?;
        Some((
            format!("{}/{rel}", self.dir),
            self.files.get(rel)?.as_slice(),
        ))
    }

    /// Templates: (name relative to `templates/`, source).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("templates/").map(|n| (n, b.as_slice())))
    }

    /// A hash of every file of the theme, with its path.
    pub fn fingerprint(&self) -> u128 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for (path, bytes) in &self.files {
            h.update(&(path.len() as u64).to_le_bytes());
            h.update(path.as_bytes());
            h.update(&(bytes.len() as u64).to_le_bytes());
            h.update(bytes);
        }
        h.digest128()
    }

    /// Static files: (output path relative to the site, bytes).
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|n| (n, b.as_slice())))
    }
}
