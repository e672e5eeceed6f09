//! Entities (`content/entities.yaml`, optional): the people,
//! organisations and places the dossier's texts name, each with an id, a
//! name, a kind, its aliases in any language (the name counts as one), a
//! description in Markdown and a Wikidata item. Read in two steps: the
//! ids and aliases first, which claims refer to and which the mention
//! [`Matcher`] is built from; then, once claims are known, the
//! descriptions (which may cite claims).
//!
//! Aliases are compared folded ([`mention::folded`]): one that folds like
//! an alias of another entity is an error showing both; one that folds to
//! a common word (`UN` → `un`) is a warning, since it would be found in
//! almost any text.

use super::fields::{Scalar, non_empty, parse_vocab};
use super::ids::{Ids, check_id, define, note_broken_ids};
use super::markers;
use super::prose::{self, Context, Found, Text, Within};
use super::yaml::parse_items;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::fold;
use crate::mention::{self, Matcher};
use crate::model::{Entity, EntityKind};
use crate::source::ypath;
use crate::source::{FileId, Place, Sources, Span};
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::HashMap;

/// One entity, as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEntity {
    /// Id of the entity, which claims name in `entities` and texts link to
    /// as `entity:id`: a-z, 0-9 and hyphens.
    #[schemars(with = "markers::Id")]
    id: Scalar,
    /// Name of the entity, as pages show it (also found in texts, as
    /// aliases are).
    #[schemars(with = "markers::Words")]
    name: Scalar,
    /// Kind of entity: person, organisation, place or other.
    #[schemars(with = "markers::OneOf<EntityKind>")]
    kind: Scalar,
    /// Other spellings, in any language and script (`Choïgou`, `Koursk`):
    /// each is found in texts as whole words, case and accents ignored,
    /// and must not be another entity's.
    #[serde(default)]
    #[schemars(with = "Vec<markers::Words>")]
    aliases: Vec<Scalar>,
    /// Description (Markdown; may cite claims, `[@id]`, and link to pages
    /// by id, `[text](claim:id)`).
    description: Option<Scalar>,
    /// Wikidata item id, as in its address: `Q7747` for
    /// https://www.wikidata.org/wiki/Q7747.
    #[schemars(with = "Option<markers::WikidataItem>")]
    wikidata: Option<Scalar>,
}
pub(super) const ENTITY_FIELDS: &[&str] =
    &["id", "name", "kind", "aliases", "description", "wikidata"];

/// Whether `w` is a Wikidata item id (`Q7747`).
pub fn is_wikidata_item(w: &str) -> bool {
    w.strip_prefix('Q').is_some_and(|n| {
        n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() && !n.starts_with('0')
    })
}

/// The entities read, in page order, whose descriptions wait for the
/// claims: each with its item in the file and its description as written.
pub struct Pending {
    file: Option<FileId>,
    entities: Vec<(Entity, usize, Option<String>)>,
}

/// Where an alias (or the name) was first given.
struct FirstUse {
    entity: String,
    span: Span,
}

/// Reads `entities.yaml` (`file`): the entities, sorted by folded name
/// then id, with their ids in `ids`, and the matcher of their aliases.
pub fn read(
    file: Option<FileId>,
    sources: &Sources,
    ids: &mut Ids,
    diags: &mut Diagnostics,
) -> (Pending, Option<Matcher>) {
    let mut list: Vec<(Entity, usize, Option<String>, Vec<String>)> = Vec::new();
    let Some(file) = file else {
        return (
            Pending {
                file,
                entities: Vec::new(),
            },
            None,
        );
    };
    let src = sources.get(file);
    let items: Vec<(usize, RawEntity)> = parse_items(file, src, "entity", ENTITY_FIELDS, diags);
    note_broken_ids(src, &items.iter().map(|(i, _)| *i).collect::<Vec<_>>(), ids);
    // A short file: its spans are looked up for every item.
    let spans = src.yaml_spans();
    let mut first_use: HashMap<String, FirstUse> = HashMap::new();
    for (i, raw) in items {
        let sp = |k: &str| spans.value(ypath![i, k]);
        let id = raw.id.trimmed().to_string();
        if !check_id(&id, "entity", file, sp("id"), diags)
            || !define(
                ids,
                "entity",
                &id,
                file,
                Place::Span(sp("id")),
                sources,
                diags,
            )
        {
            continue;
        }
        let kind = parse_vocab(
            raw.kind.trimmed(),
            EntityKind::parse,
            EntityKind::ALL,
            "entity kind",
            file,
            sp("kind"),
            diags,
        );
        let name = non_empty(&raw.name, "entity name", file, sp("name"), diags);
        let wikidata = raw.wikidata.as_ref().map(|w| w.trimmed().to_string());
        let wikidata_ok = wikidata.as_deref().is_none_or(|w| {
            let ok = is_wikidata_item(w);
            if !ok {
                diags.push(
                    Diagnostic::error(file, sp("wikidata"), format!("invalid Wikidata id `{w}`"))
                        .label("not a Wikidata item id")
                        .help("write the item's id as in its address: `Q7747` for https://www.wikidata.org/wiki/Q7747"),
                );
            }
            ok
        });
        // The name and every alias, folded, each once per entity.
        let mut written = vec![(raw.name.trimmed(), sp("name"))];
        for (k, a) in raw.aliases.iter().enumerate() {
            written.push((a.trimmed(), spans.value(ypath![i, "aliases", k])));
        }
        let (folded, aliases, clash) =
            fold_aliases(&id, &name, written, file, &mut first_use, diags);
        let Some(kind) = kind.filter(|_| wikidata_ok && !clash) else {
            ids.broken.insert(id);
            continue;
        };
        let entity = Entity {
            id,
            name,
            kind,
            aliases,
            description: None,
            wikidata,
        };
        let description = raw
            .description
            .map(|d| d.trimmed().to_string())
            .filter(|d| !d.is_empty());
        list.push((entity, i, description, folded));
    }
    list.sort_by_cached_key(|(e, ..)| (mention::folded(&e.name), e.id.clone()));
    let mut patterns = Vec::new();
    for (n, (e, _, _, folded)) in list.iter_mut().enumerate() {
        ids.index.insert(e.id.clone(), n);
        patterns.extend(folded.drain(..).map(|f| (n, f)));
    }
    let matcher = Matcher::new(&patterns, list.len());
    let entities = list.into_iter().map(|(e, i, d, _)| (e, i, d)).collect();
    (
        Pending {
            file: Some(file),
            entities,
        },
        matcher,
    )
}

/// The aliases of entity `id` (its name first), each with where it is
/// written: their folded forms, each once; the aliases as written, the
/// name and repeats left out; and whether one is another entity's (an
/// error, with both places). `first_use` holds the folded aliases of the
/// entities before.
fn fold_aliases(
    id: &str,
    name: &str,
    written: Vec<(&str, Span)>,
    file: FileId,
    first_use: &mut HashMap<String, FirstUse>,
    diags: &mut Diagnostics,
) -> (Vec<String>, Vec<String>, bool) {
    let mut folded: Vec<String> = Vec::new();
    let mut aliases: Vec<String> = Vec::new();
    let mut clash = false;
    for (k, (alias, span)) in written.into_iter().enumerate() {
        let f = mention::folded(alias);
        if f.is_empty() {
            // An empty name is reported as such.
            if !alias.is_empty() || k > 0 {
                diags.push(
                    Diagnostic::error(
                        file,
                        span,
                        format!("alias `{alias}` has no letter or digit"),
                    )
                    .label("nothing to find in a text")
                    .help(
                        "aliases are found word by word, case and accents aside; remove this one",
                    ),
                );
            }
            continue;
        }
        let new_alias = k > 0 && alias != name && !aliases.iter().any(|a| a == alias);
        if folded.contains(&f) {
            if new_alias {
                aliases.push(alias.to_string());
            }
            continue;
        }
        if let Some(first) = first_use.get(&f) {
            diags.push(
                Diagnostic::error(file, span, format!("alias `{alias}` of entity `{id}` is also an alias of `{}`", first.entity))
                    .label("used again here")
                    .related(file, first.span.clone(), "first used here")
                    .help("a text using it could mean either entity: keep the alias on one of them, or make it longer"),
            );
            clash = true;
            continue;
        }
        first_use.insert(
            f.clone(),
            FirstUse {
                entity: id.to_string(),
                span: span.clone(),
            },
        );
        if fold_is_common(&f) {
            diags.push(
                Diagnostic::warning(file, span, format!("alias `{alias}` is the common word `{}` once folded", f.trim()))
                    .label("found in almost any text")
                    .help("case and accents are ignored when finding mentions; use a longer alias (`UN Security Council`, not `UN`)"),
            );
        }
        folded.push(f);
        if new_alias {
            aliases.push(alias.to_string());
        }
    }
    (folded, aliases, clash)
}

/// Whether a folded alias is one common word (a stop word of the search).
fn fold_is_common(folded: &str) -> bool {
    let mut words = 0;
    let mut common = true;
    fold::each_word(folded, |w| {
        words += 1;
        common &= fold::is_stop(w);
    });
    words == 1 && common
}

/// The entities, their descriptions rendered now that claims are known.
pub fn finish(
    pending: Pending,
    sources: &Sources,
    cx: &Context<'_>,
    found: &mut Found,
) -> Vec<Entity> {
    let Some(file) = pending.file else {
        return Vec::new();
    };
    let src = sources.get(file);
    pending
        .entities
        .into_iter()
        .map(|(mut entity, i, description)| {
            if let Some(md) = description {
                let value = || src.yaml_spans().value(ypath![i, "description"]);
                let page = format!("entities/{}.html", entity.id);
                let text = Text {
                    md: &md,
                    file,
                    src,
                    within: Within::Field(&value),
                    top: 2,
                };
                let cx = Context { page: &page, ..*cx };
                entity.description = Some(prose::render_prose(&text, &cx, found));
            }
            entity
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::load::load_files;

    fn load(entities: &str) -> (crate::load::Loaded, String) {
        let loaded = load_files(&[
            (
                "sources.yaml",
                b"- id: s\n  name: S\n  kind: media\n".as_slice(),
            ),
            ("entities.yaml", entities.as_bytes()),
        ]);
        let diags = loaded.diagnostics.render(&loaded.sources);
        (loaded, diags)
    }

    #[test]
    fn entities_are_sorted_by_name_and_their_aliases_found() {
        let (loaded, diags) = load(
            "- id: z\n  name: Élan\n  kind: place\n  aliases: [Elan, elan, Ilan]\n- id: a\n  name: Zorro\n  kind: person\n  wikidata: Q42\n",
        );
        assert_eq!(diags, "");
        let d = &loaded.dossier;
        let names: Vec<&str> = d.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(names, ["Élan", "Zorro"]);
        // Aliases as written, the name and exact repeats left out.
        assert_eq!(d.entities[0].aliases, ["Elan", "elan", "Ilan"]);
        assert_eq!(d.entities[1].wikidata.as_deref(), Some("Q42"));
        let m = d.mentions.as_ref().unwrap();
        assert_eq!(m.find(["ILAN and zorro"], &mut String::new()), [0, 1]);
    }

    #[test]
    fn a_shared_alias_shows_both_places() {
        let (_, diags) = load(
            "- id: a\n  name: Kursk\n  kind: place\n- id: b\n  name: Kursk region\n  kind: place\n  aliases: [KURSK]\n",
        );
        assert!(
            diags.contains("error: alias `KURSK` of entity `b` is also an alias of `a`"),
            "{diags}"
        );
        assert!(diags.contains("content/entities.yaml:7:13"), "{diags}");
        assert!(diags.contains("content/entities.yaml:2:9"), "{diags}");
        assert!(diags.contains("first used here"), "{diags}");
    }

    #[test]
    fn bad_values_are_located_errors_and_common_words_warnings() {
        let (_, diags) = load(
            "- id: a\n  name: United Nations\n  kind: organization\n  aliases: [UN, '...']\n  wikidata: 42\n",
        );
        assert!(
            diags.contains("invalid entity kind `organization`"),
            "{diags}"
        );
        assert!(diags.contains("did you mean `organisation`?"), "{diags}");
        assert!(diags.contains("invalid Wikidata id `42`"), "{diags}");
        assert!(
            diags.contains("alias `...` has no letter or digit"),
            "{diags}"
        );
        assert!(
            diags.contains("warning: alias `UN` is the common word `un` once folded"),
            "{diags}"
        );
    }
}
