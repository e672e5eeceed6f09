//! The theme: Tera templates and static files. The default theme is
//! embedded in the binary by `build.rs`; a dossier's own `themes/<name>/`
//! folder (chosen by `theme` in `dossier.toml`) is laid over it file by file,
//! so a theme may override one template and inherit the rest.

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
                files.insert(rel, bytes);
            }
        } else if name != "default" {
            return Err(ThemeError::Missing(name.to_string()));
        }
        Ok(Theme { files })
    }

    /// Templates: (name relative to `templates/`, source).
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("templates/").map(|n| (n, b.as_slice())))
    }

    /// Static files: (output path relative to the site, bytes).
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|n| (n, b.as_slice())))
    }
}
