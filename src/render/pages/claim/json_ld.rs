//! The schema.org description of a claims page, for search engines: an
//! `@graph` with each article the claims appear in once (a
//! `CreativeWork`: headline, date, language, publisher, URL) and a `Claim`
//! per claim (its statement, its origin as author, its date, the articles
//! it appears in by reference, and its address when the site has a base
//! URL). In: the dossier and the page's claims. Out: the JSON, safe inside
//! `<script>`.
//!
//! The quotes are left out: they are on the page, in `data/claims.json`,
//! and schema.org's `Claim` does not need them to be found.

use crate::format::script_safe_json;
use crate::model::Dossier;
use serde::Serialize;

/// An organisation: a claim's origin, an article's outlet.
#[derive(Serialize)]
struct Org<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// A reference to a node of the graph.
#[derive(Serialize)]
struct Ref {
    #[serde(rename = "@id")]
    id: String,
}

/// One node of the graph.
#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Work(Work<'a>),
    Claim(Claim<'a>),
}

/// An article the page's claims appear in.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Work<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    date_published: String,
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Org<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// A claim of the page.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Claim<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: &'a str,
    author: Org<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_created: Option<String>,
    appearance: Vec<Ref>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// The graph of the page of `claims` (indices into the dossier's), each
/// claim's address under `base_url` when there is one.
#[must_use]
pub(super) fn graph(d: &Dossier, claims: &[usize], base_url: Option<&str>) -> String {
    #[derive(Serialize)]
    struct Graph<'a> {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@graph")]
        graph: Vec<Node<'a>>,
    }
    // The articles, in the order the claims first cite them.
    let mut articles: Vec<usize> = Vec::new();
    for &i in claims {
        for e in &d.claims[i].evidence {
            if !articles.contains(&e.article) {
                articles.push(e.article);
            }
        }
    }
    let id = |a: usize| Ref {
        id: format!(
            "#a{}",
            articles.iter().position(|&x| x == a).unwrap_or(0) + 1
        ),
    };
    let mut graph: Vec<Node<'_>> = articles
        .iter()
        .map(|&a| {
            let x = &d.articles[a];
            Node::Work(Work {
                id: id(a).id,
                kind: "CreativeWork",
                headline: &x.title,
                date_published: x.published.iso(),
                in_language: &x.language,
                publisher: x.outlet.as_deref().map(|name| Org {
                    kind: "Organization",
                    name,
                }),
                url: x.url.as_deref(),
            })
        })
        .collect();
    for &i in claims {
        let c = &d.claims[i];
        let origin = &d.sources[c.origin];
        let mut appearance: Vec<Ref> = Vec::new();
        for e in &c.evidence {
            let r = id(e.article);
            if !appearance.iter().any(|x| x.id == r.id) {
                appearance.push(r);
            }
        }
        graph.push(Node::Claim(Claim {
            kind: "Claim",
            text: &c.statement,
            author: Org {
                kind: match origin.kind.as_str() {
                    "media" | "state-media" => "NewsMediaOrganization",
                    _ => "Organization",
                },
                name: &origin.name,
            },
            date_created: c.date.map(|date| date.iso()),
            appearance,
            url: base_url.map(|b| [b, &crate::claim_page::href(c, &d.articles)].concat()),
        }));
    }
    script_safe_json(&Graph {
        context: "https://schema.org",
        graph,
    })
}
