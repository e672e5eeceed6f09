//! The article file: front matter and body → text → `content/articles/
//! <slug>.md` under the dossier's root, and nowhere else.
//!
//! Values are written as YAML scalars by serde_yaml (quoted where YAML
//! needs it: `: `, `#`, a leading `'`, `yes`, `2025`…), one line each; a
//! stand-in value carries a comment saying it was not in the page. A new
//! file is created only if no file of that name exists (checked by the
//! creation itself); with `--force` the article is written beside and
//! renamed over the old one, so it is never left half written.

use super::{Field, ImportError, Origin};
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The article's text: front matter between `---` lines, then `body`.
pub fn render(fields: &[Field], body: &str) -> String {
    let mut out = String::from("---\n");
    for field in fields {
        let Some(value) = &field.value else { continue };
        out.push_str(field.name);
        out.push_str(": ");
        out.push_str(&scalar(value));
        if let Some(Origin::StandIn(what)) = &field.origin {
            out.push_str(&format!("  # not found in the page: {what}; check it"));
        }
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(body);
    if !body.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// `value` as a one-line YAML scalar.
pub fn scalar(value: &str) -> String {
    let one_line: String = value
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    match serde_yaml::to_string(&one_line) {
        Ok(yaml) if !yaml.trim_end_matches('\n').contains('\n') => {
            yaml.trim_end_matches('\n').to_string()
        }
        // serde_yaml writes one line for a string without line breaks; a
        // JSON string is a valid YAML double-quoted scalar otherwise.
        _ => serde_json::to_string(&one_line).unwrap_or_else(|_| "\"\"".into()),
    }
}

/// `rel` (a path under `root`) as the user would type it from here.
pub fn shown(root: &Path, rel: &Path) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        rel.to_path_buf()
    } else {
        root.join(rel)
    }
}

/// Writes `text` as the article `slug` of the dossier at `root`; returns
/// its path relative to `root`. Without `force`, an existing article is an
/// error if the slug was chosen (`chosen`), and is otherwise avoided by a
/// suffix (`-2`, `-3`…).
pub fn write(
    root: &Path,
    slug: &str,
    chosen: bool,
    force: bool,
    text: &str,
) -> Result<PathBuf, ImportError> {
    let dir = root.join("content/articles");
    let rel = |s: &str| PathBuf::from("content/articles").join(format!("{s}.md"));
    let fail = |path: &Path, source| ImportError::Write {
        path: shown(root, path).display().to_string(),
        source,
    };
    std::fs::create_dir_all(&dir).map_err(|e| fail(Path::new("content/articles"), e))?;
    if force {
        let path = rel(slug);
        let tmp = dir.join(format!(".{slug}.md.import"));
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, root.join(&path)))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                fail(&path, e)
            })?;
        return Ok(path);
    }
    let mut slug = slug.to_string();
    loop {
        if !chosen {
            slug = super::slug::unique(&slug, |s| root.join(rel(s)).exists());
        }
        let path = rel(&slug);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(root.join(&path))
        {
            Ok(mut file) => {
                file.write_all(text.as_bytes())
                    .map_err(|e| fail(&path, e))?;
                return Ok(path);
            }
            // Made by someone else since `unique` looked: look again.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && !chosen => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(ImportError::Exists {
                    path: shown(root, &path).display().to_string(),
                });
            }
            Err(e) => return Err(fail(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        for value in [
            "plain title",
            "La Corée : l’accord",
            "Title: with colon",
            "# not a comment",
            "it's",
            "\"quoted\"",
            "- dash",
            "yes",
            "no",
            "null",
            "~",
            "2025",
            "2025-06-17",
            "@at",
            "`tick",
            "*star",
            "&anchor",
            "!tag",
            "%pct",
            "{a: 1}",
            "[1, 2]",
            "| pipe",
            "> gt",
            " leading and trailing ",
            "tab\there",
            "bell\u{7}",
            "line\nbreak\u{2028}sep",
            "back\\slash",
            "",
        ] {
            let yaml = scalar(value);
            assert!(!yaml.contains('\n'), "{value:?} → {yaml:?}");
            let map: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&format!("k: {yaml}  # comment\n"))
                    .unwrap_or_else(|e| panic!("{value:?} → {yaml:?}: {e}"));
            let expected: String = value
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            assert_eq!(map["k"], expected, "{value:?} → {yaml:?}");
        }
    }

    #[test]
    fn front_matter_with_stand_ins() {
        let fields = vec![
            Field {
                name: "title",
                value: Some("T: x".into()),
                origin: Some(Origin::Page("og:title")),
            },
            Field {
                name: "published",
                value: Some("2025-06-17".into()),
                origin: Some(Origin::StandIn("today's date")),
            },
            Field {
                name: "author",
                value: None,
                origin: None,
            },
        ];
        assert_eq!(
            render(&fields, "Body."),
            "---\ntitle: 'T: x'\npublished: 2025-06-17  # not found in the page: today's date; check it\n---\nBody.\n"
        );
    }

    #[test]
    fn never_overwrites_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let w = |slug, chosen, force, text| write(root, slug, chosen, force, text);
        assert_eq!(
            w("a", false, false, "1").unwrap(),
            Path::new("content/articles/a.md")
        );
        assert_eq!(
            w("a", false, false, "2").unwrap(),
            Path::new("content/articles/a-2.md")
        );
        assert!(matches!(
            w("a", true, false, "3"),
            Err(ImportError::Exists { .. })
        ));
        assert_eq!(
            w("a", true, true, "4").unwrap(),
            Path::new("content/articles/a.md")
        );
        let read =
            |s: &str| std::fs::read_to_string(root.join("content/articles").join(s)).unwrap();
        assert_eq!(
            (read("a.md"), read("a-2.md")),
            ("4".to_string(), "2".to_string())
        );
        let names: Vec<_> = std::fs::read_dir(root.join("content/articles"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }
}
