//! What the panel offers, read from the dossier by the real loader: the
//! topics, sources and metrics to choose from, the claims to add evidence
//! to (searched on the server: a dossier may have 100,000), the claims
//! files to save into, and a free id for a statement. A [`Snapshot`] is
//! taken once and kept until the next rebuild (or write), so typing in the
//! panel does not load the dossier again.

use super::store::CLAIMS_DIR;
use crate::import::slug::{from_title, unique};
use crate::load::Loaded;
use crate::model::{Credibility, FigureStatus, Precision};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// What the panel offers, from one load of the dossier.
pub struct Snapshot {
    /// Topics: (id, title).
    topics: Vec<(String, String)>,
    /// Sources: (id, name).
    sources: Vec<(String, String)>,
    /// Metrics: (id, label, unit).
    metrics: Vec<(String, String, String)>,
    /// Claims: id → (statement, file as the build names it).
    claims: BTreeMap<String, (String, String)>,
    /// Articles: slug → (title, language).
    articles: BTreeMap<String, (String, String)>,
    /// The names of the credibility grades 1 to 6, in the dossier's
    /// language.
    credibility: Vec<String>,
}

/// One claim in search results.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Found {
    /// Id.
    pub id: String,
    /// Statement.
    pub statement: String,
}

/// Most claims a search returns.
const MAX_FOUND: usize = 20;

impl Snapshot {
    /// Takes what the panel needs from a load of the dossier at `root`.
    pub fn of(loaded: &Loaded, root: &Path) -> Snapshot {
        let d = &loaded.dossier;
        let theme = crate::theme::Theme::load(root, &loaded.config.theme).unwrap_or_default();
        let (messages, _) = crate::i18n::Messages::load(
            &theme,
            &loaded.config.language,
            &mut crate::source::Sources::default(),
        );
        Snapshot {
            credibility: (1..=6)
                .map(|n| messages.credibility(Credibility(n)).to_string())
                .collect(),
            topics: d
                .topics
                .iter()
                .map(|t| (t.id.clone(), t.title.clone()))
                .collect(),
            sources: d
                .sources
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect(),
            metrics: d
                .metrics
                .iter()
                .map(|m| (m.id.clone(), m.label.clone(), m.unit.clone()))
                .collect(),
            claims: d
                .claims
                .iter()
                .map(|c| {
                    let file = loaded.sources.get(c.at.0).display.clone();
                    (c.id.clone(), (c.statement.clone(), file))
                })
                .collect(),
            articles: d
                .articles
                .iter()
                .map(|a| (a.slug.clone(), (a.title.clone(), a.language.clone())))
                .collect(),
        }
    }

    /// The claims file claim `id` is in.
    pub fn file_of(&self, id: &str) -> Option<&str> {
        self.claims.get(id).map(|(_, f)| f.as_str())
    }

    /// Everything the panel offers for the article `slug` of the dossier
    /// at `root`; `None` if there is no such article.
    pub fn context(&self, root: &Path, slug: &str, default_file: &str) -> Option<Value> {
        let (title, language) = self.articles.get(slug)?;
        let named = |list: &[(String, String)]| -> Vec<Value> {
            list.iter()
                .map(|(id, name)| json!({"id": id, "name": name}))
                .collect()
        };
        let metrics: Vec<Value> = self
            .metrics
            .iter()
            .map(|(id, label, unit)| json!({"id": id, "name": label, "unit": unit}))
            .collect();
        let credibility: Vec<Value> = (1..=6)
            .zip(&self.credibility)
            .map(|(n, name)| json!({"id": n, "name": name}))
            .collect();
        let mut files = claims_files(root);
        if !files.iter().any(|f| f == default_file) {
            files.push(default_file.to_string());
            files.sort();
        }
        Some(json!({
            "article": {"slug": slug, "title": title, "language": language},
            "topics": named(&self.topics),
            "sources": named(&self.sources),
            "metrics": metrics,
            "credibility": credibility,
            "precision": Precision::ALL,
            "status": FigureStatus::ALL,
            "files": files,
            "file": default_file,
            "claims": self.claims.len(),
        }))
    }

    /// Claims whose id or statement holds `q` (ignoring case): ids that
    /// start with it first, then other ids, then statements.
    pub fn search(&self, q: &str) -> Vec<Found> {
        let q = q.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut ranked: Vec<(u8, &String, &String)> = self
            .claims
            .iter()
            .filter_map(|(id, (statement, _))| {
                let rank = if id.starts_with(&q) {
                    0
                } else if id.contains(&q) {
                    1
                } else if statement.to_lowercase().contains(&q) {
                    2
                } else {
                    return None;
                };
                Some((rank, id, statement))
            })
            .collect();
        ranked.sort();
        ranked
            .into_iter()
            .take(MAX_FOUND)
            .map(|(_, id, statement)| Found {
                id: id.clone(),
                statement: statement.clone(),
            })
            .collect()
    }

    /// An id for a claim stating `statement`: its slug (as `import` makes
    /// them from titles), with `-2`, `-3`… if a claim has it.
    pub fn suggest_id(&self, statement: &str) -> String {
        if !statement.chars().any(char::is_alphanumeric) {
            return String::new();
        }
        let taken: HashSet<&str> = self.claims.keys().map(String::as_str).collect();
        unique(&from_title(statement), |id| taken.contains(id))
    }
}

/// The claims files in `content/claims/` of the dossier at `root`, as the
/// build names them.
fn claims_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(root.join(CLAIMS_DIR))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.') && (n.ends_with(".yaml") || n.ends_with(".yml")))
        .map(|n| format!("{CLAIMS_DIR}/{n}"))
        .collect();
    files.sort();
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_the_fixture_dossier() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/basic");
        let snap = Snapshot::of(&crate::load::load(&root), &root);
        let ctx = snap
            .context(&root, "valley-times-dam", "content/claims/inbox.yaml")
            .unwrap();
        assert_eq!(ctx["article"]["language"], "en");
        assert_eq!(
            ctx["files"],
            json!([
                "content/claims/dam.yaml",
                "content/claims/evacuation.yaml",
                "content/claims/inbox.yaml"
            ])
        );
        assert_eq!(ctx["topics"][0]["id"], "dam-safety");
        assert_eq!(ctx["sources"].as_array().unwrap().len(), 3);
        assert_eq!(ctx["credibility"][5]["id"], 6);
        assert!(snap.context(&root, "no-such-article", "x").is_none());
        assert_eq!(
            snap.file_of("three-cracks"),
            Some("content/claims/dam.yaml")
        );

        let ids: Vec<String> = snap.search("RESERVOIR").into_iter().map(|f| f.id).collect();
        assert_eq!(ids, ["reservoir-lowered", "reservoir-volume"]);
        let ids: Vec<String> = snap.search("cracks").into_iter().map(|f| f.id).collect();
        assert_eq!(
            ids,
            ["cracks-forty-metres", "three-cracks"],
            "ids first, then statements"
        );
        assert!(snap.search("  ").is_empty());

        assert_eq!(
            snap.suggest_id("Three cracks were found."),
            "three-cracks-were-found"
        );
        assert_eq!(snap.suggest_id("Three cracks"), "three-cracks-2");
        assert_eq!(snap.suggest_id(" … "), "");
    }
}
