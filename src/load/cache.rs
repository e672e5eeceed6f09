//! What one load keeps for the next, for `serve`: each content file's
//! text with the length and modification time it was read at (shared
//! with the load's `SourceFile`, not copied), and the parsed form of the
//! articles' front matters and of the claims files, by a hash of the
//! file's text; and the claims as checked and the claim id table
//! (`claims/kept.rs`). In: the files a load walks and parses; out: the
//! texts of the files not modified since, and the parses of the texts
//! seen before, so a load after an edit reads and parses the changed
//! files alone (and, when every claim id is where it was, defines and
//! checks their claims alone).
//!
//! Only parses that found no problem are kept: a file with one is parsed
//! again, so its diagnostics are made as a load without a cache makes
//! them (same messages, same order). A kept parse is the one the same
//! text gives, so the rest of the load cannot tell the difference.

use super::articles::RawArticle;
use super::front::Front;
use super::read::{self, ReadFile, Text};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// What a load kept for the next one (see the module's documentation).
#[derive(Default)]
pub struct Cache {
    /// Each file read, by path: its length and modification time then,
    /// and its text.
    texts: HashMap<PathBuf, (u64, SystemTime, Arc<String>)>,
    /// Front matters that parsed without a problem, by hash of the
    /// article's text.
    pub(super) articles: HashMap<u128, Front<RawArticle>>,
    /// Claims files that parsed without a problem, by hash of their
    /// text, and the claims checked (`claims/kept.rs`).
    pub(super) claims: super::claims::Kept,
    /// The hash of each text of the articles and claims files above.
    pub(super) hashes: read::TextHashes,
    /// Every link authors wrote, as the last load found them (a claims
    /// edit checks them again: `claims/edited.rs`).
    pub(super) links: Option<Vec<super::prose::AuthorLink>>,
}

impl Cache {
    /// Reads the file at `path` (under `root`), or takes its text as last
    /// read if its length and modification time are still those it was
    /// read at; with the text to keep for the next load.
    pub(super) fn read(&self, root: &Path, path: PathBuf) -> (ReadFile, Option<Text>) {
        let meta = std::fs::metadata(&path).ok();
        let stamp = meta.and_then(|m| Some((m.len(), m.modified().ok()?)));
        if let (Some(stamp), Some((len, modified, text))) = (stamp, self.texts.get(&path))
            && stamp == (*len, *modified)
        {
            let file = read::with_text(root, path.clone(), Arc::clone(text));
            return (file, Some((path, stamp, Arc::clone(text))));
        }
        let file = read::read_file(root, path);
        let kept = match (stamp, &file.result) {
            (Some(stamp), Ok(text)) => Some((file.path.clone(), stamp, Arc::clone(text))),
            _ => None,
        };
        (file, kept)
    }

    /// Forgets the texts of `paths` (files the watcher saw change: a
    /// save within the clock's granularity may keep the length and the
    /// modification time).
    pub fn forget(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.texts.remove(path);
        }
    }

    /// Keeps the texts of the files read now, and only those.
    pub(super) fn keep_texts(&mut self, read: Vec<Text>) {
        self.texts = read
            .into_iter()
            .map(|(path, (len, modified), text)| (path, (len, modified, text)))
            .collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::testing::{copy, shown};
    use std::fs;

    #[test]
    fn a_cached_load_is_a_load() {
        for fixture in [
            "good/basic",
            "good/entities",
            "bad/duplicate-id",
            "bad/bad-date",
        ] {
            let dir = copy(fixture);
            let root = dir.path();
            let mut cache = Cache::default();
            let first = crate::load::load_cached(root, &mut cache);
            assert_eq!(shown(&first), shown(&crate::load::load(root)), "{fixture}");
            assert!(!cache.texts.is_empty(), "{fixture}: texts kept");
            if fixture.starts_with("good") {
                assert!(
                    !cache.claims.parses.is_empty(),
                    "{fixture}: claims files kept"
                );
                assert!(!cache.articles.is_empty(), "{fixture}: front matters kept");
            }
            // Again with everything kept, then after an edit of every
            // claims file and article (one parse found again, one new).
            let again = crate::load::load_cached(root, &mut cache);
            assert_eq!(shown(&again), shown(&first), "{fixture}: from the cache");
            let mut edited = Vec::new();
            for dir in ["content/claims", "content/articles"] {
                for entry in fs::read_dir(root.join(dir)).unwrap() {
                    let path = entry.unwrap().path();
                    let text = fs::read_to_string(&path).unwrap();
                    fs::write(&path, format!("{text}\n# edited\n")).unwrap();
                    edited.push(path);
                }
            }
            cache.forget(&edited);
            let after = crate::load::load_cached(root, &mut cache);
            assert_eq!(
                shown(&after),
                shown(&crate::load::load(root)),
                "{fixture}: edited"
            );
        }
    }

    /// Writes `text` to `path`, as a save the watcher tells the cache of.
    fn save(cache: &mut Cache, path: &Path, text: &str) {
        fs::write(path, text).unwrap();
        cache.forget(&[path.to_path_buf()]);
    }

    #[test]
    fn claims_are_checked_again_only_when_what_their_check_reads_changed() {
        let dir = copy("good/basic");
        let root = dir.path();
        let (dam, evacuation) = (
            root.join("content/claims/dam.yaml"),
            root.join("content/claims/evacuation.yaml"),
        );
        let edit = |cache: &mut Cache, path: &Path, from: &str, to: &str| {
            let text = fs::read_to_string(path).unwrap();
            assert!(text.contains(from), "{from}");
            save(cache, path, &text.replace(from, to));
        };
        let shared = |a: &crate::load::Loaded, b: &crate::load::Loaded| -> Vec<String> {
            let b = &b.dossier.claims;
            a.dossier
                .claims
                .iter()
                .filter(|c| b.iter().any(|o| Arc::ptr_eq(c, o)))
                .map(|c| c.id.clone())
                .collect()
        };
        let mut cache = Cache::default();
        let first = crate::load::load_cached(root, &mut cache);
        // Every id as it was: the claims of the other file are the ones
        // checked before, and only those.
        edit(
            &mut cache,
            &dam,
            "three new cracks",
            "three new long cracks",
        );
        let after = crate::load::load_cached(root, &mut cache);
        assert_eq!(shown(&after), shown(&crate::load::load(root)));
        assert_eq!(
            shared(&after, &first),
            ["evacuation-1200", "evacuation-800"]
        );
        // A claim of evacuation.yaml now names one of dam.yaml; then that
        // one is renamed in dam.yaml alone: the claim naming it, in a file
        // not changed since, is checked again and its reference reported.
        edit(
            &mut cache,
            &evacuation,
            "starts on Friday.\"",
            "starts on Friday.\"\n  corroborates: [reservoir-lowered]",
        );
        let named = crate::load::load_cached(root, &mut cache);
        assert_eq!(shown(&named), shown(&crate::load::load(root)));
        assert_eq!(named.diagnostics.errors(), 0);
        edit(
            &mut cache,
            &dam,
            "id: reservoir-lowered",
            "id: reservoir-down",
        );
        let renamed = crate::load::load_cached(root, &mut cache);
        assert_eq!(shown(&renamed), shown(&crate::load::load(root)));
        assert!(
            renamed
                .diagnostics
                .render(&renamed.sources)
                .contains("unknown claim `reservoir-lowered`"),
            "{}",
            renamed.diagnostics.render(&renamed.sources)
        );
        // Of the claims of the file not changed, the one naming it is
        // checked again; the other, naming no claim, is taken as it was.
        assert_eq!(shared(&renamed, &named), ["evacuation-1200"]);
        edit(
            &mut cache,
            &dam,
            "id: reservoir-down",
            "id: reservoir-lowered",
        );
        let restored = crate::load::load_cached(root, &mut cache);
        assert_eq!(restored.diagnostics.errors(), 0);
        // A claim added first moves every other claim's index: the claim
        // naming one is checked again (it resolves to another index), the
        // one naming none is not.
        let text = fs::read_to_string(&dam).unwrap();
        let first_item = &text[..text.find("\n- id: cracks-forty-metres").unwrap()];
        let copy = first_item.trim_start_matches('\u{feff}').replacen(
            "id: three-cracks",
            "id: aaa-first",
            1,
        );
        save(&mut cache, &dam, &format!("{text}\n{copy}\n"));
        let added = crate::load::load_cached(root, &mut cache);
        assert_eq!(shown(&added), shown(&crate::load::load(root)));
        assert_eq!(added.dossier.claims[0].id, "aaa-first");
        assert_eq!(added.diagnostics.errors(), 0);
        assert_eq!(shared(&added, &restored), ["evacuation-1200"]);
    }

    #[test]
    fn the_claim_ids_are_defined_again_when_a_file_holds_others_or_in_another_order() {
        let dir = copy("good/basic");
        let root = dir.path();
        let dam = root.join("content/claims/dam.yaml");
        let mut cache = Cache::default();
        let first = crate::load::load_cached(root, &mut cache);
        assert_eq!(first.diagnostics.errors(), 0);
        // The same ids in another order: each claim's item is another.
        let text = fs::read_to_string(&dam).unwrap();
        let mut items: Vec<&str> = text.split("\n- id:").collect();
        assert!(items.len() > 2);
        items.swap(1, 2);
        save(&mut cache, &dam, &items.join("\n- id:"));
        let swapped = crate::load::load_cached(root, &mut cache);
        assert_eq!(shown(&swapped), shown(&crate::load::load(root)));
        assert_ne!(shown(&swapped), shown(&first));
        // Back as it was, then an id defined twice.
        save(&mut cache, &dam, &text);
        let back = crate::load::load_cached(root, &mut cache);
        assert_eq!(shown(&back), shown(&first));
        save(
            &mut cache,
            &dam,
            &text.replace("id: cracks-forty-metres", "id: three-cracks"),
        );
        let twice = crate::load::load_cached(root, &mut cache);
        assert_eq!(shown(&twice), shown(&crate::load::load(root)));
        assert!(twice.diagnostics.errors() > 0);
        save(&mut cache, &dam, &text);
        assert_eq!(
            shown(&crate::load::load_cached(root, &mut cache)),
            shown(&first)
        );
    }

    #[test]
    fn a_file_modified_since_is_read_again() {
        let dir = copy("good/basic");
        let root = dir.path();
        let mut cache = Cache::default();
        let first = crate::load::load_cached(root, &mut cache);
        let path = root.join("content/claims/dam.yaml");
        let text = fs::read_to_string(&path).unwrap();
        // A longer text: seen without being told (`forget`).
        fs::write(
            &path,
            text.replace("three new cracks", "three new long cracks"),
        )
        .unwrap();
        let after = crate::load::load_cached(root, &mut cache);
        assert_ne!(shown(&after), shown(&first));
        assert_eq!(shown(&after), shown(&crate::load::load(root)));
    }
}
