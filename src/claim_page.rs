//! Where a claim is shown. Claims are not given a page each (100,000
//! pages, each repeating the site's frame): the claims drawn first from
//! an article share its group page, `claims/<article-slug>.html`, each a
//! section whose id is the claim's id. In: a claim and the articles. Out:
//! its group, the group's page and the claim's link; every page that
//! links to a claim asks here.
//!
//! Inside a group page, the places of a claim's section (its evidence,
//! relay, figures…) are `<claim-id>.<place>`: ids hold no dot, so these
//! never meet another claim's.

use crate::model::{Article, Claim, Dossier};

/// The group of claims without evidence, which the build refuses but
/// which must have a name meanwhile: an article slug never starts with
/// `_`.
pub const UNSOURCED: &str = "_unsourced";

/// The group of `claim`: the slug of the article of its first evidence.
#[must_use]
pub fn group<'a>(claim: &Claim, articles: &'a [Article]) -> &'a str {
    claim
        .evidence
        .first()
        .and_then(|e| articles.get(e.article))
        .map_or(UNSOURCED, |a| a.slug.as_str())
}

/// The page of `group`, from the site's root: `claims/<group>.html`.
#[must_use]
pub fn page(group: &str) -> String {
    ["claims/", group, ".html"].concat()
}

/// The id of `place` in the section of claim `id`: `<id>.<place>`.
#[must_use]
pub fn anchor(id: &str, place: &str) -> String {
    [id, ".", place].concat()
}

/// The link to `claim`, from the site's root: `claims/<group>.html#<id>`.
#[must_use]
pub fn href(claim: &Claim, articles: &[Article]) -> String {
    [
        "claims/",
        group(claim, articles),
        ".html#",
        claim.id.as_str(),
    ]
    .concat()
}

/// The link to `place` in the section of `claim`:
/// `claims/<group>.html#<id>.<place>`.
#[must_use]
pub fn place_href(claim: &Claim, articles: &[Article], place: &str) -> String {
    [&href(claim, articles), ".", place].concat()
}

/// A group page: its name (an article's slug), the article, and its
/// claims in id order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The article's slug, or [`UNSOURCED`].
    pub name: String,
    /// The article, if any.
    pub article: Option<usize>,
    /// Its claims, in id order.
    pub claims: Vec<usize>,
}

/// Every group of the dossier, sorted by name.
#[must_use]
pub fn groups(d: &Dossier) -> Vec<Group> {
    let mut by_article: Vec<Vec<usize>> = vec![Vec::new(); d.articles.len()];
    let mut unsourced = Vec::new();
    for (i, c) in d.claims.iter().enumerate() {
        match c.evidence.first().map(|e| e.article) {
            Some(a) if a < d.articles.len() => by_article[a].push(i),
            _ => unsourced.push(i),
        }
    }
    // Articles are sorted by slug, and `_` sorts before every slug.
    let mut out = Vec::new();
    if !unsourced.is_empty() {
        out.push(Group {
            name: UNSOURCED.into(),
            article: None,
            claims: unsourced,
        });
    }
    out.extend(
        by_article
            .into_iter()
            .enumerate()
            .filter(|(_, c)| !c.is_empty())
            .map(|(a, claims)| Group {
                name: d.articles[a].slug.clone(),
                article: Some(a),
                claims,
            }),
    );
    out
}

/// The groups holding any of `claims` (indices into `groups`, sorted,
/// each once).
#[must_use]
pub fn groups_of(d: &Dossier, groups: &[Group], claims: &[usize]) -> Vec<usize> {
    let mut out: Vec<usize> = claims
        .iter()
        .filter_map(|&i| {
            let name = group(d.claims.get(i)?, &d.articles);
            groups.binary_search_by(|g| g.name.as_str().cmp(name)).ok()
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_files;

    const SOURCES: &str = "- id: s\n  name: S\n  kind: media\n";
    const CLAIMS: &str = "\
- id: x
  statement: X.
  topics: [t]
  origin: s
  evidence:
    - { article: b, quote: Bee }
    - { article: a, quote: Aye }
- id: y
  statement: Y.
  topics: [t]
  origin: s
  evidence:
    - { article: a, quote: Aye }
- id: zz
  statement: Z.
  topics: [t]
  origin: s
  evidence:
    - { article: b, quote: Bee }
";

    #[test]
    fn a_claim_is_shown_on_its_first_articles_page() {
        let article =
            |said: &str| format!("---\ntitle: T\npublished: 2030\nlanguage: en\n---\n{said}.\n");
        let (a, b) = (article("Aye"), article("Bee"));
        let loaded = load_files(&[
            ("sources.yaml", SOURCES.as_bytes()),
            ("articles/a.md", a.as_bytes()),
            ("articles/b.md", b.as_bytes()),
            ("claims/c.yaml", CLAIMS.as_bytes()),
            ("topics/t.md", b"---\ntitle: T\n---\n"),
        ]);
        let mut d = loaded.dossier;
        assert_eq!(href(&d.claims[0], &d.articles), "claims/b.html#x");
        assert_eq!(
            place_href(&d.claims[1], &d.articles, "evidence-1"),
            "claims/a.html#y.evidence-1"
        );
        let groups_now = groups(&d);
        let names: Vec<(&str, &[usize])> = groups_now
            .iter()
            .map(|g| (g.name.as_str(), g.claims.as_slice()))
            .collect();
        assert_eq!(names, [("a", &[1][..]), ("b", &[0, 2])]);
        assert_eq!(groups_of(&d, &groups_now, &[2, 0]), [1]);
        assert_eq!(groups_of(&d, &groups_now, &[1, 2, 0]), [0, 1]);
        // A claim without evidence (the build stops) still has a group,
        // whose name no article can have.
        std::sync::Arc::make_mut(&mut d.claims[2]).evidence.clear();
        assert_eq!(href(&d.claims[2], &d.articles), "claims/_unsourced.html#zz");
        assert!(!crate::model::is_id(UNSOURCED));
        assert_eq!(groups(&d)[0].name, UNSOURCED);
        assert_eq!(page("a"), "claims/a.html");
        assert_eq!(anchor("x", "relay"), "x.relay");
    }
}
