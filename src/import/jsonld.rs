//! JSON-LD (`<script type="application/ld+json">`) → the fields of the
//! article it describes: headline, datePublished, inLanguage, author and
//! publisher names.
//!
//! A page may hold several scripts, each an object, an array, or a graph
//! (`@graph`) whose nodes point at each other by `@id` (WordPress writes
//! the publisher and authors so). The article is the first node whose
//! `@type` ends in `Article` or `Posting`, or is `Report`; a `WebPage` node
//! fills what the article leaves out. Scripts that are not valid JSON are
//! skipped.

use serde_json::Value;
use std::collections::HashMap;

/// What the page's JSON-LD says about its article.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ld {
    /// `headline` (or the article's `name`).
    pub headline: Option<String>,
    /// `datePublished`, as written.
    pub date_published: Option<String>,
    /// `inLanguage`.
    pub in_language: Option<String>,
    /// Names of the `author`s.
    pub authors: Vec<String>,
    /// Name of the `publisher`.
    pub publisher: Option<String>,
}

/// Reads the JSON-LD scripts of `doc`.
pub fn read(doc: &dom_query::Document) -> Ld {
    let scripts: Vec<String> = doc
        .select(r#"script[type="application/ld+json" i]"#)
        .nodes()
        .iter()
        .map(|n| n.text().to_string())
        .collect();
    from_scripts(scripts.iter().map(String::as_str))
}

/// Reads JSON-LD from the texts of the scripts.
pub fn from_scripts<'a>(scripts: impl Iterator<Item = &'a str>) -> Ld {
    let mut article: Option<Ld> = None;
    let mut page: Option<Ld> = None;
    for script in scripts {
        let Ok(root) = serde_json::from_str::<Value>(script.trim()) else {
            continue;
        };
        let mut nodes = Vec::new();
        flatten(&root, &mut nodes, 0);
        let ids: HashMap<&str, &Value> = nodes
            .iter()
            .filter_map(|n| Some((n.get("@id")?.as_str()?, *n)))
            .collect();
        for node in &nodes {
            let slot = match kind(node) {
                Kind::Article => &mut article,
                Kind::Page => &mut page,
                Kind::Other => continue,
            };
            if slot.is_none() {
                *slot = Some(fields(node, &ids));
            }
        }
    }
    match (article, page) {
        (Some(a), Some(p)) => Ld {
            headline: a.headline.or(p.headline),
            date_published: a.date_published.or(p.date_published),
            in_language: a.in_language.or(p.in_language),
            authors: if a.authors.is_empty() {
                p.authors
            } else {
                a.authors
            },
            publisher: a.publisher.or(p.publisher),
        },
        (Some(a), None) => a,
        (None, Some(p)) => Ld {
            // A page's `name` is the page's, not a headline.
            headline: None,
            ..p
        },
        (None, None) => Ld::default(),
    }
}

/// Objects of `value`: itself, the items of an array, the nodes of a
/// `@graph` (two levels at most: that is how pages nest them).
fn flatten<'a>(value: &'a Value, out: &mut Vec<&'a Value>, depth: u8) {
    match value {
        Value::Array(items) if depth < 2 => {
            for item in items {
                flatten(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            out.push(value);
            if let (Some(graph), true) = (map.get("@graph"), depth < 2) {
                flatten(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

enum Kind {
    Article,
    Page,
    Other,
}

fn kind(node: &Value) -> Kind {
    let types: Vec<&str> = match node.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => return Kind::Other,
    };
    let short = |t: &&str| t.rsplit(['/', ':']).next().unwrap_or(t).to_string();
    let types: Vec<String> = types.iter().map(short).collect();
    if types
        .iter()
        .any(|t| t.ends_with("Article") || t.ends_with("Posting") || t == "Report")
    {
        Kind::Article
    } else if types.iter().any(|t| t.ends_with("WebPage")) {
        Kind::Page
    } else {
        Kind::Other
    }
}

fn fields(node: &Value, ids: &HashMap<&str, &Value>) -> Ld {
    let text = |key: &str| node.get(key).and_then(Value::as_str).map(str::to_string);
    let mut authors = Vec::new();
    if let Some(author) = node.get("author") {
        names(author, ids, &mut authors);
    }
    let mut publisher = Vec::new();
    if let Some(p) = node.get("publisher") {
        names(p, ids, &mut publisher);
    }
    let in_language = match node.get("inLanguage") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => o
            .get("alternateName")
            .or_else(|| o.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string),
        _ => None,
    };
    Ld {
        headline: text("headline").or_else(|| text("name")),
        date_published: text("datePublished"),
        in_language,
        authors,
        publisher: publisher.into_iter().next(),
    }
}

/// Names of a person or organisation value: a string, an object with a
/// `name`, a reference (`{"@id": …}`) to a node that has one, or an array
/// of those.
fn names(value: &Value, ids: &HashMap<&str, &Value>, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => {
            for item in items.iter().filter(|i| !i.is_array()) {
                names(item, ids, out);
            }
        }
        Value::Object(map) => {
            let name = map.get("name").and_then(Value::as_str).or_else(|| {
                let target = ids.get(map.get("@id")?.as_str()?)?;
                target.get("name")?.as_str()
            });
            out.extend(name.map(str::to_string));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_article() {
        let ld = from_scripts(
            [
                r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"H",
                "datePublished":"2025-06-19T08:30:00+01:00","inLanguage":"en-GB",
                "author":[{"@type":"Person","name":"A"},{"@type":"Person","name":"B"}],
                "publisher":{"@type":"Organization","name":"P"}}"#,
            ]
            .into_iter(),
        );
        assert_eq!(
            ld,
            Ld {
                headline: Some("H".into()),
                date_published: Some("2025-06-19T08:30:00+01:00".into()),
                in_language: Some("en-GB".into()),
                authors: vec!["A".into(), "B".into()],
                publisher: Some("P".into()),
            }
        );
    }

    #[test]
    fn graph_with_references() {
        let ld = from_scripts(
            [
                "{not json",
                r#"{"@context":"https://schema.org","@graph":[
                {"@type":"Organization","@id":"https://x/#org","name":"Org"},
                {"@type":"WebPage","@id":"https://x/a","name":"Page name","inLanguage":"fr-FR",
                 "datePublished":"2024-01-01"},
                {"@type":["BlogPosting"],"@id":"https://x/a#article","headline":"Post",
                 "datePublished":"2025-03-02","author":{"@id":"https://x/#me"},
                 "publisher":{"@id":"https://x/#org"}},
                {"@type":"Person","@id":"https://x/#me","name":"Mira"}]}"#,
            ]
            .into_iter(),
        );
        assert_eq!(ld.headline.as_deref(), Some("Post"));
        assert_eq!(ld.date_published.as_deref(), Some("2025-03-02"));
        assert_eq!(ld.in_language.as_deref(), Some("fr-FR"));
        assert_eq!(ld.authors, vec!["Mira".to_string()]);
        assert_eq!(ld.publisher.as_deref(), Some("Org"));
    }

    #[test]
    fn page_only_and_odd_shapes() {
        let ld = from_scripts(
            [r#"[{"@type":"WebPage","name":"Home","datePublished":"2025","author":"Ann"},
                 {"@type":"http://schema.org/Thing"}, 3, [[{"@type":"Article","headline":"deep"}]]]"#]
            .into_iter(),
        );
        assert_eq!(ld.headline, None);
        assert_eq!(ld.date_published.as_deref(), Some("2025"));
        assert_eq!(ld.authors, vec!["Ann".to_string()]);
        assert_eq!(
            from_scripts(["", "null", "\"x\""].into_iter()),
            Ld::default()
        );
    }
}
