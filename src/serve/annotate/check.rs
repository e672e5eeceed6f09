//! Would the dossier still build with this file? The real loader reads
//! the dossier with the claims file as it would be written (in memory:
//! [`load_with`]), then every quote is located, as `dossier check` does
//! (the analysis that follows only warns). The errors are rendered as the
//! build renders them, so the panel shows what the terminal would.

use crate::anchor;
use crate::diagnostic::{Diagnostics, Severity};
use crate::load::load_with;
use std::path::Path;

/// Checks the dossier at `root` with the file at `rel` holding `text`:
/// `Err` holds the rendered errors (warnings are left to the build).
pub fn check_with(root: &Path, rel: &str, text: &str) -> Result<(), String> {
    let mut loaded = load_with(root, Some((rel, text)));
    let (_, quote_diags) = anchor::anchor(&loaded.dossier, &loaded.sources, false);
    loaded.diagnostics.extend(quote_diags);
    if loaded.diagnostics.errors() == 0 {
        return Ok(());
    }
    let mut errors = Diagnostics::default();
    errors.extend(
        loaded
            .diagnostics
            .items()
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned(),
    );
    Err(errors.render(&loaded.sources))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The errors of the dossier at `root` as the build reports them,
    /// files read from disk.
    fn on_disk(root: &Path) -> String {
        let mut loaded = crate::load::load(root);
        let (_, quote_diags) = anchor::anchor(&loaded.dossier, &loaded.sources, false);
        loaded.diagnostics.extend(quote_diags);
        let mut errors = Diagnostics::default();
        errors.extend(
            loaded
                .diagnostics
                .items()
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .cloned(),
        );
        errors.render(&loaded.sources)
    }

    #[test]
    fn a_file_in_memory_gives_the_diagnostics_it_would_on_disk() {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/basic");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("d");
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let to = root.join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let bad_new = "# new\n- id: three-cracks\n  statement: \"S\"\n  topics: [dam-safty]\n  origin: water-agency\n  evidence:\n    - article: valley-times-dam\n      quote: \"not in it\"\n";
        let dam = std::fs::read_to_string(root.join("content/claims/dam.yaml")).unwrap();
        let bad_old = dam.replace("origin: engineers-union", "origin: engineer-union");
        for (rel, text) in [
            ("content/claims/a-first.yaml", bad_new),
            ("content/claims/zz-last.yaml", bad_new),
            ("content/claims/dam.yaml", bad_old.as_str()),
        ] {
            let in_memory = check_with(&root, rel, text).unwrap_err();
            let path = root.join(rel);
            let before = std::fs::read(&path).ok();
            std::fs::write(&path, text).unwrap();
            assert_eq!(in_memory, on_disk(&root), "{rel}");
            match before {
                Some(b) => std::fs::write(&path, b).unwrap(),
                None => std::fs::remove_file(&path).unwrap(),
            }
        }
        assert_eq!(check_with(&root, "content/claims/dam.yaml", &dam), Ok(()));
    }
}
