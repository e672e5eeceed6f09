//! `dossier edition NAME`: records the dossier as it stands as
//! `editions/NAME.yaml`. The dossier is checked first, as `dossier check`
//! does (its editions included): with an error nothing is written. An
//! existing edition is replaced only with `--force`, and the file is
//! written beside its place and renamed over it, never left half written.
//! NAME is an id; when it is a date (`2025-08-15`) it is the edition's
//! date, else today's (UTC) is recorded.

use super::{Editions, diff, snapshot, write};
use crate::model::{PartialDate, is_id};
use crate::{analyse, anchor, load, plural};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `dossier edition` was asked.
#[derive(Debug, Clone)]
pub struct Options {
    /// The edition's name.
    pub name: String,
    /// The dossier folder.
    pub root: PathBuf,
    /// Replace an edition of the same name.
    pub force: bool,
}

/// Runs the command; returns the exit code (0 recorded, 1 refused).
pub fn run(opts: &Options, stderr: &mut dyn Write) -> i32 {
    match record(opts, stderr) {
        Ok(()) => 0,
        Err(message) => {
            let _ = writeln!(stderr, "error: {message}");
            1
        }
    }
}

/// The date an edition named `name` records: the name when it is a date,
/// else `today`. A name shaped like a date that is no date is refused.
pub fn date_of(name: &str, today: PartialDate) -> Result<PartialDate, String> {
    if !is_id(name) {
        return Err(format!(
            "`{name}` is not a valid edition name: use lower-case letters, digits and hyphens, or a date such as 2025-08-15"
        ));
    }
    let dated = name.len() >= 4
        && name.bytes().take(4).all(|b| b.is_ascii_digit())
        && name.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && name.len() <= 10;
    if dated {
        return PartialDate::parse(name)
            .map_err(|why| format!("`{name}` looks like a date but is not one: {why}"));
    }
    Ok(today)
}

fn record(opts: &Options, stderr: &mut dyn Write) -> Result<(), String> {
    let date = date_of(&opts.name, crate::import::dates::today())?;
    let root = &opts.root;
    let rel = format!("{}/{}.yaml", super::FOLDER, opts.name);
    let path = root.join(&rel);
    if path.exists() && !opts.force {
        return Err(format!(
            "{rel} already exists; pass --force to record edition `{}` again",
            opts.name
        ));
    }
    if !root.join("dossier.toml").is_file() {
        return Err(format!(
            "no dossier.toml in {}: pass the dossier folder with --root",
            root.display()
        ));
    }
    let mut loaded = load::load(root);
    let editions = super::load(
        root,
        &loaded.config,
        &mut loaded.sources,
        &mut loaded.diagnostics,
    );
    let (_, quote_errors) = anchor::anchor(&loaded.dossier, &loaded.sources, false);
    loaded.diagnostics.extend(quote_errors);
    if loaded.diagnostics.errors() > 0 {
        let _ = write!(stderr, "{}", loaded.diagnostics.render(&loaded.sources));
        let n = loaded.diagnostics.errors();
        return Err(format!(
            "the dossier has {n} error{}; no edition recorded",
            plural(n)
        ));
    }
    let (analysis, _) = analyse::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance);
    let snap = snapshot::of(&loaded.dossier, &analysis);
    let text = write::edition_text(&opts.name, date, &snap);
    put(root, &path, &text).map_err(|e| format!("cannot write {rel}: {e}"))?;
    let dated = if date.iso() == opts.name {
        String::new()
    } else {
        format!(" (dated {})", date.iso())
    };
    let _ = writeln!(
        stderr,
        "Recorded edition {}{dated}: {} claim{}, {} key judgment{} in {rel}",
        opts.name,
        snap.claims.len(),
        plural(snap.claims.len()),
        snap.judgments.len(),
        plural(snap.judgments.len())
    );
    if let Some(line) = since_line(&editions, &opts.name, date, &snap) {
        let _ = writeln!(stderr, "{line}");
    }
    Ok(())
}

/// "Since edition X: 3 claims added, 1 removed, 5 revised", against the
/// latest other edition no later than this one.
fn since_line(
    editions: &Editions,
    name: &str,
    date: PartialDate,
    snap: &super::Snapshot,
) -> Option<String> {
    let previous = editions
        .list
        .iter()
        .rfind(|e| e.name != name && (e.date, e.name.as_str()) <= (date, name))?;
    let c = diff::diff(&previous.snapshot, snap);
    let n = c.counts();
    if c.is_empty() {
        return Some(format!("No change since edition {}.", previous.name));
    }
    Some(format!(
        "Since edition {}: {} claim{} added, {} removed, {} revised; {} key judgment{} changed.",
        previous.name,
        n.added,
        plural(n.added),
        n.removed,
        n.revised,
        c.judgments.len(),
        plural(c.judgments.len())
    ))
}

/// Writes `text` to `path` (under `root/editions/`, made if need be)
/// through a file beside it renamed over it.
fn put(root: &Path, path: &Path, text: &str) -> std::io::Result<()> {
    let dir = root.join(super::FOLDER);
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.new"));
    std::fs::write(&tmp, text)
        .and_then(|()| std::fs::rename(&tmp, path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_name_is_the_date_and_other_names_take_today() {
        let today = PartialDate::parse("2026-01-02").unwrap();
        assert_eq!(date_of("2025-08-15", today).unwrap().iso(), "2025-08-15");
        assert_eq!(date_of("2025-08", today).unwrap().iso(), "2025-08");
        assert_eq!(date_of("summer-brief", today).unwrap(), today);
        assert_eq!(date_of("2025-report", today).unwrap(), today);
        assert!(
            date_of("2025-02-30", today)
                .unwrap_err()
                .contains("not one")
        );
        assert!(
            date_of("Summer", today)
                .unwrap_err()
                .contains("not a valid")
        );
        assert!(date_of("../x", today).is_err());
    }
}
