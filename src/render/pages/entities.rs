//! The entities index (`entities.html`: people, organisations and places
//! by kind, each with how many claims and articles mention it) and an
//! entity's page (`entities/<id>.html`: its description, aliases and
//! Wikidata item, the claims and articles that mention it, and the first
//! and last dates among them). Made only when the dossier has entities;
//! with the default `entity.html` the long lists are written by hand and
//! spliced in ([`crate::render::slots`]).

use crate::i18n::{Messages, Msg};
use crate::model::{EntityKind, PartialDate};
use crate::page::Page;
use crate::render::slots::Slots;
use crate::render::view::html::{article_link, claims_count, date, present, text};
use crate::render::view::{ArticleRow, ClaimRow, Common, DateView, Link, RefView, href};
use crate::render::{RenderError, Site};
use serde::Serialize;
use std::borrow::Cow;

/// The articles that mention each entity, from anchoring.
pub(in crate::render) struct ArticleMentions(pub(in crate::render) Vec<Vec<usize>>);

impl ArticleMentions {
    /// Inverts the entities of each article (by article index).
    pub(in crate::render) fn new(per_article: &[Vec<usize>], entities: usize) -> Self {
        let mut per_entity = vec![Vec::new(); entities];
        for (a, list) in per_article.iter().enumerate() {
            for &e in list {
                if let Some(l) = per_entity.get_mut(e) {
                    l.push(a);
                }
            }
        }
        ArticleMentions(per_entity)
    }
}

impl Site<'_> {
    /// The entities index.
    pub(in crate::render) fn entities_page(
        &self,
        mentions: &ArticleMentions,
    ) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Card {
            href: String,
            name: String,
            aliases: String,
            claims: usize,
            articles: usize,
        }
        #[derive(Serialize)]
        struct Group<'a> {
            kind: &'static str,
            title: &'a str,
            /// How many entities, written the language's way.
            count: String,
            entities: Vec<Card>,
        }
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            groups: Vec<Group<'a>>,
        }
        let d = self.dossier;
        let m = &*self.messages;
        let groups = [
            EntityKind::Person,
            EntityKind::Organisation,
            EntityKind::Place,
            EntityKind::Other,
        ]
        .into_iter()
        .filter_map(|kind| {
            let entities: Vec<Card> = d
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == kind)
                .map(|(i, e)| Card {
                    href: href(0, &format!("entities/{}.html", e.id)),
                    name: e.name.clone(),
                    aliases: e.aliases.join(", "),
                    claims: self.analysis.entity_claims[i].len(),
                    articles: mentions.0[i].len(),
                })
                .collect();
            (!entities.is_empty()).then(|| Group {
                kind: kind.as_str(),
                title: m.entity_group(kind),
                count: m.number(entities.len() as f64),
                entities,
            })
        })
        .collect();
        let title = m.text(Msg::EntitiesTitle);
        let ctx = Ctx {
            common: self.common(0, title, title, "entities", "entities.html"),
            groups,
        };
        self.render("entities.html", "entities.html".into(), &ctx)
    }

    /// The page of entity `i`.
    pub(in crate::render) fn entity(
        &self,
        i: usize,
        mentions: &ArticleMentions,
    ) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            group: Link,
            kind: &'a str,
            description_html: Cow<'a, str>,
            references: Vec<RefView<'a>>,
            aliases: &'a [String],
            wikidata: Option<&'a str>,
            claims_count: usize,
            articles_count: usize,
            /// The two counts, written the language's way.
            claims_number: String,
            articles_number: String,
            first: Option<DateView>,
            last: Option<DateView>,
            claims: Vec<ClaimRow<'a>>,
            claims_html: Option<String>,
            articles: Vec<ArticleRow>,
            articles_html: Option<String>,
        }
        let d = self.dossier;
        let e = &d.entities[i];
        // Claims in the order of their dates (undated ones last), then id.
        let mut claims = self.analysis.entity_claims[i].clone();
        claims.sort_by(|&a, &b| {
            let key = |c: usize| {
                (
                    d.claims[c].date.is_none(),
                    d.claims[c].date,
                    &d.claims[c].id,
                )
            };
            key(a).cmp(&key(b))
        });
        let mut articles = mentions.0[i].clone();
        articles.sort_by(|&a, &b| {
            (d.articles[a].published, &d.articles[a].slug)
                .cmp(&(d.articles[b].published, &d.articles[b].slug))
        });
        let dates: Vec<PartialDate> = claims
            .iter()
            .filter_map(|&c| d.claims[c].date)
            .chain(articles.iter().map(|&a| d.articles[a].published))
            .collect();
        let (claims_count, articles_count) = (claims.len(), articles.len());
        let path = format!("entities/{}.html", e.id);
        let fast = self.fast_entity && self.fast_rows;
        let m = &*self.messages;
        let ctx = |slots: &Slots| {
            let rows: Vec<ClaimRow> = claims.iter().map(|&c| self.claim_row(1, c)).collect();
            let claims_html = self.rows_html(&rows).filter(|_| fast);
            let (articles, articles_html) = self.article_rows(1, &articles, fast, slots, |o, a| {
                entity_article_item(o, m, a)
            });
            Ctx {
                common: self.common(
                    1,
                    e.name.as_str(),
                    entity_description(m, e),
                    "entity",
                    &path,
                ),
                group: Link {
                    href: href(1, &format!("entities.html#{}", e.kind.as_str())),
                    text: m.text(Msg::EntitiesTitle).into(),
                },
                kind: m.entity_kind(e.kind),
                description_html: e
                    .description
                    .as_ref()
                    .map_or(Cow::Borrowed(""), |p| self.cited(&p.html, &p.cited)),
                references: e
                    .description
                    .as_ref()
                    .map(|p| self.references(1, p))
                    .unwrap_or_default(),
                aliases: &e.aliases,
                wikidata: e.wikidata.as_deref(),
                claims_count,
                articles_count,
                claims_number: m.number(claims_count as f64),
                articles_number: m.number(articles_count as f64),
                first: dates.iter().min().map(|d| self.date(d)),
                last: dates.iter().max().map(|d| self.date(d)),
                claims: if claims_html.is_some() {
                    Vec::new()
                } else {
                    rows
                },
                claims_html: slots.put_opt(claims_html),
                articles,
                articles_html,
            }
        };
        self.render_slotted("entity.html", path.clone(), fast, ctx)
    }
}

/// An entity page's description for its `<meta>`: its kind and aliases.
fn entity_description(m: &Messages, e: &crate::model::Entity) -> String {
    let kind = m.entity_kind(e.kind);
    if e.aliases.is_empty() {
        m.fill(Msg::EntityDescription, &[("kind", kind), ("name", &e.name)])
    } else {
        m.fill(
            Msg::EntityDescriptionAliases,
            &[
                ("kind", kind),
                ("name", &e.name),
                ("aliases", &e.aliases.join(", ")),
            ],
        )
    }
}

/// An item of `entity.html`'s list of articles.
fn entity_article_item(out: &mut String, m: &Messages, a: &ArticleRow) {
    out.push_str("  <li>");
    article_link(out, a);
    out.push_str(" — ");
    date(out, &a.published);
    if let Some(outlet) = present(a.outlet.as_deref()) {
        out.push_str(", ");
        text(out, outlet);
    }
    out.push_str(" · ");
    claims_count(out, m, a.claims);
    out.push_str("</li>\n");
}
