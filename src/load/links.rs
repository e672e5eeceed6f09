//! The links authors wrote in their Markdown to other pages of the site
//! ([`AuthorLink`], noted by [`super::prose`]), checked once the whole
//! dossier is known: a link to a file the build does not make, or to a
//! `#fragment` its target page does not have, is a warning at the link.
//!
//! The files come from the model (a page per topic, article and entity, a
//! claims page per article a claim is drawn from first, the fixed pages,
//! the data files) and the theme's static files.
//! A page's ids are those its template writes as they are (`id="claims"`,
//! read from the theme's templates) and those made from the model: passage
//! anchors of articles (`q-<claim>-<n>`), the claims on a claims page and
//! their places (`<claim>`, `<claim>.evidence-<n>`, `<claim>.relay`…),
//! claim rows (`c-<claim>`), quantities, sources, years, and the citations
//! of the page's own text (`cite-<n>-<k>`, `ref-<n>`).
//! A theme whose templates name their ids otherwise may see warnings for
//! links that work.

use super::prose::AuthorLink;
use crate::claim_page;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::model::{Dossier, Prose};
use crate::theme::{Theme, default_files};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// Checks `links` against the site that `dossier` makes; `root` (when
/// the dossier is on disk) is where the theme is.
pub fn check(
    links: &[AuthorLink],
    dossier: &Dossier,
    config: &Config,
    root: Option<&Path>,
    diags: &mut Diagnostics,
) {
    if links.is_empty() {
        return;
    }
    let site = Site::new(dossier, config, root);
    for link in links {
        let Some(page) = site.page(&link.path) else {
            let mut d = Diagnostic::warning(
                link.file,
                link.span.clone(),
                format!("link to `{}`, a file the build does not make", link.path),
            )
            .label("no such page or file in the site");
            // A claim's page as it was (`claims/<id>.html`) is a link
            // authors may write: offered too.
            let old_claims = dossier
                .claims
                .iter()
                .map(|c| format!("claims/{}.html", c.id));
            let candidates: Vec<String> = site.files.iter().cloned().chain(old_claims).collect();
            d = match suggest(&link.path, candidates.iter().map(String::as_str)) {
                Some(s) => d.help(format!("did you mean `{s}`? (links are relative to the page the text is shown on)")),
                None => d.help("links are relative to the page the text is shown on; `claim:id`, `article:slug`, `topic:id` and `entity:id` link by id"),
            };
            diags.push(d);
            continue;
        };
        let Some(fragment) = &link.fragment else {
            continue;
        };
        let Some((ids, sections)) = site.ids(&page) else {
            continue;
        };
        if ids.contains(fragment.as_str()) {
            continue;
        }
        // A link to a claim is told as written: `claims/<id>.html#place`,
        // its places those of the claim.
        let (path, fragment, ids) = match &link.claim {
            Some(id) => {
                let prefix = format!("{id}.");
                let place = fragment.strip_prefix(&prefix).unwrap_or(fragment);
                let places: BTreeSet<String> = ids
                    .iter()
                    .filter_map(|i| i.strip_prefix(&prefix))
                    .map(String::from)
                    .collect();
                (format!("claims/{id}.html"), place, places)
            }
            None => (link.path.clone(), fragment.as_str(), ids),
        };
        let sections: BTreeSet<String> = match &link.claim {
            Some(_) => ids.iter().filter(|p| !p.contains('-')).cloned().collect(),
            None => sections,
        };
        let mut d = Diagnostic::warning(
            link.file,
            link.span.clone(),
            format!("`#{fragment}` is not a place on {path}"),
        )
        .label("no element has this id");
        d = match suggest(fragment, ids.iter().map(String::as_str)) {
            Some(s) => d.help(format!("did you mean `#{s}`?")),
            None => d.help(format!(
                "its sections: {}",
                sections
                    .iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        diags.push(d);
    }
}

/// A page of the site, by what makes it.
enum Page {
    /// A page with no ids but its template's (`search.html`).
    Fixed(&'static str),
    Index,
    Topic(usize),
    /// A claims page: its claims.
    Claims(Vec<usize>),
    Article(usize),
    Entity(usize),
    Entities,
    Sources,
    Figures,
    Timeline,
    /// What changed (`changes.html`), made when the dossier has editions.
    Changes,
    /// A file that is not a page (data, assets): its fragments are not
    /// checked.
    File,
}

/// The claims a topic's page lists (`render::pages::pager::PER_PAGE`).
pub(crate) const TOPIC_PAGE: usize = 1000;

/// What the build makes.
struct Site<'a> {
    dossier: &'a Dossier,
    /// Every file, from the root.
    files: BTreeSet<String>,
    /// The ids each template writes as they are.
    templates: HashMap<String, BTreeSet<String>>,
}

impl<'a> Site<'a> {
    fn new(dossier: &'a Dossier, config: &Config, root: Option<&Path>) -> Self {
        let d = dossier;
        let mut files: BTreeSet<String> = [
            "index.html",
            "sources.html",
            "figures.html",
            "timeline.html",
            "search.html",
            "404.html",
            "data/claims.json",
            "data/claims.schema.json",
            "data/claims.csv",
            "assets/search-index.js",
            "assets/syntax.css",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        if config.base_url.is_some() {
            files.extend(["feed.xml".to_string(), "sitemap.xml".to_string()]);
        }
        if !d.entities.is_empty() {
            files.insert("entities.html".into());
        }
        if root.is_some_and(has_editions) {
            files.insert("changes.html".into());
        }
        files.extend(d.topics.iter().map(|t| format!("topics/{}.html", t.id)));
        files.extend(
            d.claims
                .iter()
                .map(|c| claim_page::page(claim_page::group(c, &d.articles))),
        );
        files.extend(
            d.articles
                .iter()
                .map(|a| format!("articles/{}.html", a.slug)),
        );
        files.extend(d.entities.iter().map(|e| format!("entities/{}.html", e.id)));
        // The theme: the dossier's own over the default, as rendering loads it.
        let theme = root.and_then(|r| Theme::load(r, &config.theme).ok());
        let theme_files: Vec<(String, Vec<u8>)> = match &theme {
            Some(t) => t
                .statics()
                .map(|(p, b)| (format!("static/{p}"), b.to_vec()))
                .chain(
                    t.templates()
                        .map(|(p, b)| (format!("templates/{p}"), b.to_vec())),
                )
                .collect(),
            None => default_files()
                .iter()
                .map(|(p, b)| ((*p).to_string(), b.to_vec()))
                .collect(),
        };
        let mut templates = HashMap::new();
        for (path, bytes) in &theme_files {
            if let Some(p) = path.strip_prefix("static/") {
                files.insert(p.to_string());
            } else if let Some(name) = path.strip_prefix("templates/") {
                templates.insert(
                    name.to_string(),
                    literal_ids(&String::from_utf8_lossy(bytes)),
                );
            }
        }
        Site {
            dossier,
            files,
            templates,
        }
    }

    /// The page at `path`, if the build makes it.
    fn page(&self, path: &str) -> Option<Page> {
        if !self.files.contains(path) {
            return None;
        }
        let d = self.dossier;
        let named = |folder: &str| {
            path.strip_prefix(folder)
                .and_then(|p| p.strip_suffix(".html"))
                .filter(|p| !p.contains('/'))
        };
        Some(match path {
            "index.html" => Page::Index,
            "sources.html" => Page::Sources,
            "figures.html" => Page::Figures,
            "timeline.html" => Page::Timeline,
            "entities.html" => Page::Entities,
            "changes.html" => Page::Changes,
            "search.html" => Page::Fixed("search.html"),
            "404.html" => Page::Fixed("404.html"),
            _ => {
                if let Some(id) = named("topics/") {
                    Page::Topic(d.topics.iter().position(|t| t.id == id)?)
                } else if let Some(group) = named("claims/") {
                    let claims: Vec<usize> = (0..d.claims.len())
                        .filter(|&c| claim_page::group(&d.claims[c], &d.articles) == group)
                        .collect();
                    if claims.is_empty() {
                        return None;
                    }
                    Page::Claims(claims)
                } else if let Some(id) = named("articles/") {
                    Page::Article(
                        d.articles
                            .binary_search_by(|a| a.slug.as_str().cmp(id))
                            .ok()?,
                    )
                } else if let Some(id) = named("entities/") {
                    Page::Entity(d.entities.iter().position(|e| e.id == id)?)
                } else {
                    Page::File
                }
            }
        })
    }

    /// The ids on `page` (none for a file that is not a page), and those
    /// of its template's own sections (for a hint).
    fn ids(&self, page: &Page) -> Option<(BTreeSet<String>, BTreeSet<String>)> {
        let d = self.dossier;
        let template = match page {
            Page::Fixed(name) => name,
            Page::Index => "index.html",
            Page::Topic(_) => "topic.html",
            Page::Claims(_) => "claim.html",
            Page::Article(_) => "article.html",
            Page::Entity(_) => "entity.html",
            Page::Entities => "entities.html",
            Page::Sources => "sources.html",
            Page::Figures => "figures.html",
            Page::Timeline => "timeline.html",
            Page::Changes => "changes.html",
            Page::File => return None,
        };
        let sections: BTreeSet<String> = self
            .templates
            .get(template)
            .into_iter()
            .flatten()
            .filter(|id| !id.ends_with("-h"))
            .cloned()
            .collect();
        let mut ids = sections.clone();
        ids.extend(
            self.templates
                .get("base.html")
                .into_iter()
                .flatten()
                .cloned(),
        );
        ids.extend(self.templates.get(template).into_iter().flatten().cloned());
        let metric = |ids: &mut BTreeSet<String>, m: &str| {
            ids.insert(format!("metric-{m}"));
            ids.insert(format!("metric-{m}-h"));
        };
        match *page {
            Page::Index => cites(&mut ids, &d.front.body),
            Page::Topic(t) => {
                cites(&mut ids, &d.topics[t].overview);
                for status in ["contested", "corroborated", "single-source"] {
                    ids.insert(format!("claims-{status}"));
                }
                // A topic of more claims than a page holds lists them over
                // several pages, and which page a claim is on depends on the
                // analysis: a row is a place only on a topic of one page.
                let rows: Vec<&str> = d
                    .claims
                    .iter()
                    .filter(|c| c.topics.contains(&t))
                    .map(|c| c.id.as_str())
                    .collect();
                if rows.len() <= TOPIC_PAGE {
                    ids.extend(rows.iter().map(|id| format!("c-{id}")));
                }
                for m in d.metrics.iter().filter(|m| m.topic == t) {
                    metric(&mut ids, &m.id);
                }
            }
            Page::Claims(ref claims) => {
                for &c in claims {
                    claim_places(&mut ids, d, c);
                }
            }
            Page::Article(a) => {
                for claim in &d.claims {
                    for e in claim.evidence.iter().filter(|e| e.article == a) {
                        ids.insert(e.anchor.clone());
                        ids.insert(format!("c-{}", claim.id));
                    }
                }
            }
            Page::Entity(e) => {
                if let Some(p) = &d.entities[e].description {
                    cites(&mut ids, p);
                }
            }
            Page::Entities => {
                ids.extend(d.entities.iter().map(|e| e.kind.as_str().to_string()));
            }
            Page::Sources => {
                for s in &d.sources {
                    ids.insert(format!("source-{}", s.id));
                    ids.insert(format!("source-{}-h", s.id));
                }
            }
            Page::Figures => {
                for m in &d.metrics {
                    metric(&mut ids, &m.id);
                }
            }
            Page::Timeline => {
                // A month's heading is on the first page only while the
                // timeline fits on one (a year has its place in the first
                // page's index).
                let one_page = d.claims.len() <= TOPIC_PAGE;
                for date in d.claims.iter().filter_map(|c| c.date) {
                    ids.insert(format!("year-{}", date.year));
                    ids.insert(format!("year-{}-h", date.year));
                    if let Some(m) = date.month.filter(|_| one_page) {
                        ids.insert(format!("month-{}-{m:02}", date.year));
                    }
                }
            }
            Page::Changes => {
                // Which claims changed is known only once the dossier is
                // compared with its edition, after loading: any claim may
                // have a row there.
                for c in &d.claims {
                    ids.insert(format!("change-{}", c.id));
                    ids.insert(format!("status-{}", c.id));
                }
            }
            Page::Fixed(_) | Page::File => {}
        }
        Some((ids, sections))
    }
}

/// Whether the dossier at `root` has editions (`editions/*.yaml`), so a
/// build makes `changes.html`.
fn has_editions(root: &Path) -> bool {
    std::fs::read_dir(root.join("editions")).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "yaml"))
    })
}

/// The ids of claim `c`'s section of its claims page: its id, and
/// `<id>.<place>` for each place in it.
fn claim_places(ids: &mut BTreeSet<String>, d: &Dossier, c: usize) {
    let claim = &d.claims[c];
    let id = &claim.id;
    ids.insert(id.clone());
    let mut places = vec!["evidence".to_string()];
    if !claim.via.is_empty() {
        // The relay chain is drawn only when there is a relay.
        places.push("relay".into());
    }
    if !claim.figures.is_empty() {
        places.push("figures".into());
    }
    // Conflicts, support and judgments are found by analysis: their
    // sections may be on the page.
    places.extend(["conflicts", "support", "judgments"].map(String::from));
    places.extend((1..=claim.evidence.len()).map(|n| format!("evidence-{n}")));
    if let Some(note) = &claim.note {
        let mut cited = BTreeSet::new();
        cites(&mut cited, note);
        places.extend(cited);
    }
    ids.extend(places.iter().map(|p| claim_page::anchor(id, p)));
}

/// The ids of a text's citation markers and references.
fn cites(ids: &mut BTreeSet<String>, prose: &Prose) {
    for (n, (_, times)) in prose.cited.iter().enumerate() {
        ids.insert(format!("ref-{}", n + 1));
        ids.extend((1..=*times).map(|k| format!("cite-{}-{k}", n + 1)));
    }
}

/// The ids a template writes as they are: `id="claims"`, not
/// `id="c-{{ c.id }}"`.
pub fn literal_ids(template: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for (at, _) in template.match_indices(" id=\"") {
        let rest = &template[at + 5..];
        if let Some(end) = rest.find('"') {
            let id = &rest[..end];
            if !id.is_empty() && !id.contains('{') {
                ids.insert(id.to_string());
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every id the default templates make from a value is one this
    /// module knows how to list; a new one must be added to `Site::ids`.
    #[test]
    fn the_default_templates_make_no_other_ids() {
        let known = [
            "c-{{ c.claim.id }}",
            "c-{{ c.id }}",
            "metric-{{ mv.id }}",
            "metric-{{ mv.id }}-h",
            "source-{{ s.id }}",
            "source-{{ s.id }}-h",
            "year-{{ y.year }}",
            "year-{{ y.year }}-h",
            // `month-<yyyy>-<mm>`.
            "{{ mo.id }}",
            // The index of a timeline of several pages: `year-<y>`, `undated`.
            "{{ y.anchor }}",
            "claims-{{ g.status }}",
            "{{ g.kind }}",
            "{{ g.kind }}-h",
            "{{ prefix }}ref-{{ r.number }}",
            "{{ prefix }}cite-{{ r.number }}-{{ b.0 }}",
            "{{ id }}",
            "{{ id }}.relay",
            "{{ id }}.figures",
            "{{ id }}.evidence",
            "{{ id }}.evidence-{{ e.number }}",
            "{{ id }}.conflicts",
            "{{ id }}.support",
            "{{ id }}.judgments",
            "change-{{ c.id }}",
            "change-{{ r.claim.id }}",
            "status-{{ s.claim.id }}",
        ];
        for (path, bytes) in default_files() {
            if !path.starts_with("templates/") {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            for (at, _) in text.match_indices(" id=\"") {
                let rest = &text[at + 5..];
                let id = &rest[..rest.find('"').unwrap()];
                assert!(
                    !id.contains('{') || known.contains(&id),
                    "{path}: id `{id}` is made from a value that links.rs does not list"
                );
            }
        }
    }

    #[test]
    fn literal_ids_leave_out_templated_ones() {
        let ids =
            literal_ids(r#"<a id="x"><b id="c-{{ c.id }}"></b><i class="id" data-id="no"></i>"#);
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["x"]);
    }
}
