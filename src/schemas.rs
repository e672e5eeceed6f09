//! `dossier schema`: writes the JSON Schemas of the files a dossier is
//! written in ([`crate::load::schema`]) into a folder, `ROOT/schemas/`
//! unless `--out` says otherwise, and prints which files each describes
//! and the first line that ties a file to its schema. Writes nothing
//! else; a schema file whose bytes are already right is left alone.

use crate::load::schema::{FILES, Link, header};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder the schemas go to in a dossier, from its root.
pub const DIR: &str = "schemas";

/// What `dossier schema` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The dossier folder.
    pub root: PathBuf,
    /// Where to write [default: ROOT/schemas].
    pub out: Option<PathBuf>,
}

/// Every schema file: (file name, JSON text).
pub fn files() -> Vec<(&'static str, String)> {
    FILES.iter().map(|f| (f.name, f.json())).collect()
}

/// `text`, the file at `rel` (from the dossier folder, `/`-separated),
/// with the line that ties it to its schema in [`DIR`] first (after a
/// byte order mark), if it has such a line and does not start with it
/// already.
pub fn headed(rel: &str, text: &str) -> String {
    let (bom, rest) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    match header(rel, DIR) {
        Some(line) if !rest.starts_with(&format!("{line}\n")) => format!("{bom}{line}\n{rest}"),
        _ => text.to_string(),
    }
}

/// Writes the schemas and tells `err` what was written and how editors
/// find it; returns the exit status (1, with one line, when the folder
/// cannot be written or, without `--out`, ROOT is not a dossier).
pub fn run(opts: &Options, err: &mut dyn Write) -> i32 {
    match write_all(opts, err) {
        Ok(()) => 0,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            1
        }
    }
}

fn write_all(opts: &Options, err: &mut dyn Write) -> Result<(), String> {
    let out = match &opts.out {
        Some(out) => out.clone(),
        None if opts.root.join("dossier.toml").is_file() => opts.root.join(DIR),
        None => {
            return Err(format!(
                "{} holds no dossier.toml: run `dossier schema` in a dossier folder, \
                 or name one with --root, or choose where to write with --out DIR",
                opts.root.display()
            ));
        }
    };
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut changed = 0;
    for (name, json) in files() {
        let path = out.join(name);
        if fs::read(&path).is_ok_and(|old| old == json.as_bytes()) {
            continue;
        }
        fs::write(&path, json).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        changed += 1;
    }
    let _ = writeln!(
        err,
        "Wrote {} JSON Schemas (draft-07) into {} ({changed} changed):",
        FILES.len(),
        out.display()
    );
    let width = FILES.iter().map(|f| f.name.len()).max().unwrap_or(0);
    for f in FILES {
        let front = if f.link == Link::Settings {
            " (front matter)"
        } else {
            ""
        };
        let _ = writeln!(err, "  {:width$}  {}{front}", f.name, f.files);
    }
    if let Some(dir) = within(&opts.root, &out) {
        let _ = writeln!(err, "Editors find them from the first line of each file:");
        for f in FILES {
            if let Some(line) = header(f.files, &dir) {
                let _ = writeln!(err, "  {:22} {line}", f.files);
            }
        }
    }
    let _ = writeln!(
        err,
        "Front matter in Markdown needs the editor's settings: see \"Editors\" in the README."
    );
    Ok(())
}

/// `out` as a `/`-separated path from `root`, if it is inside it.
fn within(root: &Path, out: &Path) -> Option<String> {
    let rel = match out.strip_prefix(root) {
        Ok(rel) => rel.to_path_buf(),
        Err(_) => {
            let (root, out) = (root.canonicalize().ok()?, out.canonicalize().ok()?);
            out.strip_prefix(&root).ok()?.to_path_buf()
        }
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    (!parts.is_empty() && !parts.iter().any(|p| p == "..")).then(|| parts.join("/"))
}
