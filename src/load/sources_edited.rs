//! `sources.yaml` or `metrics.yaml` edited with the ids they held, for
//! `serve`: the last load's dossier with those files' items read again,
//! and nothing else read, parsed or checked. In: the loaded dossier of the
//! last good build (whose load found no problem at all), how many files
//! its load read, and the new texts; out: the [`Loaded`] a load would
//! give, or `None` when the edit needs a load.
//!
//! Claims, prose and links name sources and metrics by id alone, and the
//! links to a topic page's metrics by the metric's topic: when each file
//! holds the same ids in the same order (and each metric the same topic),
//! nothing outside the file can check differently. Any problem found in
//! the file sends the edit to a load, which reports it as a load does.

use super::ids::Ids;
use super::kind::Kind;
use super::{Loaded, metrics, sources};
use crate::diagnostic::Diagnostics;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Takes in `sources.yaml` or `metrics.yaml` saved (`changed`: each
/// file's path on disk and what it holds now): see the module's
/// documentation. `files` is how many files the last load read.
pub fn sources_edited(
    loaded: &Loaded,
    files: usize,
    root: &Path,
    changed: &[(PathBuf, Arc<String>)],
) -> Option<Loaded> {
    let old = &loaded.dossier;
    let mut texts = loaded.sources.first(files);
    let mut dossier = old.clone();
    let mut diags = Diagnostics::default();
    for (path, text) in changed {
        let kind = Kind::of(path.strip_prefix(root.join("content")).ok()?)?;
        let file = texts.find_path(path)?;
        texts.replace_text(file, Arc::clone(text));
        match kind {
            Kind::Sources => {
                let mut ids = Ids::default();
                let new = sources::load(Some(file), false, &texts, &mut ids, &mut diags);
                let same = new.len() == old.sources.len()
                    && new.iter().zip(&old.sources).all(|(a, b)| a.id == b.id);
                same.then(|| dossier.sources = new)?;
            }
            Kind::Metrics => {
                let mut topics = Ids::default();
                topics.index = old
                    .topics
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.id.clone(), i))
                    .collect();
                let mut ids = Ids::default();
                let new = metrics::load(Some(file), &texts, &topics, &mut ids, &mut diags);
                let same = new.len() == old.metrics.len()
                    && new
                        .iter()
                        .zip(&old.metrics)
                        .all(|(a, b)| (&a.id, a.topic) == (&b.id, b.topic));
                same.then(|| dossier.metrics = new)?;
            }
            _ => return None,
        }
    }
    if !diags.items().is_empty() {
        return None;
    }
    Some(Loaded {
        config: loaded.config.clone(),
        dossier,
        sources: texts,
        diagnostics: diags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load;
    use crate::load::testing::{copy, shown};

    /// The dossier of `root` after writing `text` to `rel`, by the fast
    /// path (`None` if it refused) and by a whole load; and whether the
    /// write changed what a load gives.
    fn both(root: &Path, rel: &str, text: &str) -> (Option<Loaded>, Loaded, bool) {
        let before = load(root);
        assert!(before.diagnostics.items().is_empty());
        let path = root.join(rel);
        std::fs::write(&path, text).unwrap();
        let files = before.sources.len();
        let fast = sources_edited(&before, files, root, &[(path, Arc::new(text.to_string()))]);
        let full = load(root);
        let changed = shown(&full) != shown(&before);
        (fast, full, changed)
    }

    #[test]
    fn fields_edited_load_as_a_load_does() {
        let dir = copy("good/basic");
        let root = dir.path();
        let rel = "content/sources.yaml";
        let sources = std::fs::read_to_string(root.join(rel)).unwrap();
        let edits = [
            sources.replacen("name: \"", "name: \"Renamed ", 1),
            sources.replacen("kind: ngo", "kind: media", 1),
            sources.replacen("reliability: C", "reliability: A", 1),
            sources.replacen(
                "  note: \"Owns the dam and inspects it twice a year.\"\n",
                "",
                1,
            ),
            sources.replacen("  country: XX\n", "", 1),
        ];
        for edited in edits {
            assert_ne!(edited, sources);
            let (fast, full, changed) = both(root, rel, &edited);
            let fast = fast.expect("a source's fields edited are read alone");
            assert_eq!(shown(&fast), shown(&full));
            assert!(changed, "{edited}");
        }
        let rel = "content/metrics.yaml";
        let metrics = std::fs::read_to_string(root.join(rel)).unwrap();
        let edits = [
            metrics.replacen("label: \"", "label: \"Relabelled ", 1),
            metrics.replacen("unit: people", "unit: households", 1),
        ];
        for edited in edits {
            assert_ne!(edited, metrics);
            let (fast, full, changed) = both(root, rel, &edited);
            let fast = fast.expect("a metric's fields edited are read alone");
            assert_eq!(shown(&fast), shown(&full));
            assert!(changed, "{edited}");
        }
    }

    #[test]
    fn ids_changed_or_problems_need_a_load() {
        let dir = copy("good/basic");
        let root = dir.path();
        let rel = "content/sources.yaml";
        let sources = std::fs::read_to_string(root.join(rel)).unwrap();
        let refused = [
            format!("{sources}\n- id: zz-new\n  name: New\n  kind: media\n"),
            sources.replacen("id: town-hall", "id: zz-renamed", 1),
            sources.replacen("kind: ngo", "kind: oracle", 1),
            sources.replacen("name: \"Orvenne town hall\"", "name: \"\"", 1),
        ];
        for edited in refused {
            assert_ne!(edited, sources);
            assert!(both(root, rel, &edited).0.is_none(), "{edited}");
            std::fs::write(root.join(rel), &sources).unwrap();
        }
        // A metric moved to another topic, or to none known.
        let rel = "content/metrics.yaml";
        let metrics = std::fs::read_to_string(root.join(rel)).unwrap();
        let topics = load(root).dossier.topics;
        assert!(
            topics.len() > 1 && topics[0].id == "dam-safety",
            "{topics:?}"
        );
        let moved = metrics.replacen("topic: dam-safety", &format!("topic: {}", topics[1].id), 1);
        let unknown = metrics.replacen("topic: dam-safety", "topic: nowhere", 1);
        for edited in [moved, unknown] {
            assert_ne!(edited, metrics);
            assert!(both(root, rel, &edited).0.is_none(), "{edited}");
            std::fs::write(root.join(rel), &metrics).unwrap();
        }
        // Another kind of file.
        let article = root.join("content/_index.md");
        let text = Arc::new(std::fs::read_to_string(&article).unwrap());
        let before = load(root);
        assert!(sources_edited(&before, before.sources.len(), root, &[(article, text)]).is_none());
    }
}
