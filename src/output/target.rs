//! What may be written: the output folder must not hold the dossier nor
//! be a folder of someone else's, and a page's path must stay inside it.

use super::{OutputError, io_err};
use std::fs;
use std::path::{Component, Path};

pub(crate) fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Checks that `out` may be written: not the dossier root or an ancestor of
/// it, and either absent, empty, or a previous build.
pub fn check_target(root: &Path, out: &Path) -> Result<(), OutputError> {
    let abs = |p: &Path| {
        fs::canonicalize(p)
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let root_abs = abs(root);
    let out_abs = abs(out);
    if root_abs.starts_with(&out_abs)
        || out_abs.starts_with(root_abs.join("content"))
        || out_abs.starts_with(root_abs.join("themes"))
    {
        return Err(OutputError::ContainsRoot(out.to_path_buf()));
    }
    if out.is_dir() {
        let empty = fs::read_dir(out).map_err(io_err(out))?.next().is_none();
        if !empty && !out.join(".nojekyll").exists() {
            return Err(OutputError::NotOurs(out.to_path_buf()));
        }
    } else if out.exists() {
        return Err(OutputError::NotOurs(out.to_path_buf()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_must_stay_inside() {
        assert!(safe_relative("claims/a.html"));
        assert!(!safe_relative("../x"));
        assert!(!safe_relative("/etc/x"));
        assert!(!safe_relative(""));
    }
}
