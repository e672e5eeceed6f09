//! Sources (`content/sources.yaml`): the list of originating sources
//! (agencies, outlets, officials), each with an id, a name, a kind and an
//! Admiralty reliability grade (F, cannot be judged, when not given).

use super::fields::{Scalar, non_empty, parse_reliability, parse_vocab};
use super::ids::{Ids, check_id, define, note_broken_ids};
use super::schema;
use super::yaml::parse_items;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Reliability, Source, SourceKind};
use crate::source::ypath;
use crate::source::{FileId, Place, Sources};
use schemars::JsonSchema;
use serde::Deserialize;

/// One source, as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSource {
    /// Id of the source, which claims name in `origin` and `via`: a-z, 0-9
    /// and hyphens.
    #[schemars(with = "schema::Id")]
    id: Scalar,
    /// Name of the source, as shown.
    #[schemars(with = "schema::Words")]
    name: Scalar,
    /// Kind of source: government, intelligence, state-media, media, ngo or
    /// other.
    #[schemars(with = "schema::OneOf<SourceKind>")]
    kind: Scalar,
    /// Country of the source, e.g. `RU`.
    country: Option<Scalar>,
    /// Admiralty reliability of the source (F when not given): A completely
    /// reliable, B usually reliable, C fairly reliable, D not usually
    /// reliable, E unreliable, F cannot be judged.
    #[schemars(with = "Option<schema::ReliabilityGrade>", extend("default" = "F"))]
    reliability: Option<Scalar>,
    /// A note on the source.
    note: Option<Scalar>,
}
pub(super) const SOURCE_FIELDS: &[&str] = &["id", "name", "kind", "country", "reliability", "note"];

/// Loads the sources of `sources.yaml` (`file`), sorted by id; their ids
/// go into `ids`. Without the file (and with content), that is reported.
pub fn load(
    file: Option<FileId>,
    content_missing: bool,
    sources: &Sources,
    ids: &mut Ids,
    diags: &mut Diagnostics,
) -> Vec<Source> {
    let mut list = Vec::new();
    if let Some(file) = file {
        let items: Vec<(usize, RawSource)> =
            parse_items(file, sources.get(file), "source", SOURCE_FIELDS, diags);
        note_broken_ids(
            sources.get(file),
            &items.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            ids,
        );
        // A short file: its spans are looked up for every item.
        let spans = sources.get(file).yaml_spans();
        for (i, raw) in items {
            let sp = |k: &str| spans.value(ypath![i, k]);
            let id = raw.id.trimmed().to_string();
            if !check_id(&id, "source", file, sp("id"), diags)
                || !define(
                    ids,
                    "source",
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
                SourceKind::parse,
                SourceKind::ALL,
                "source kind",
                file,
                sp("kind"),
                diags,
            );
            let reliability = match &raw.reliability {
                Some(r) => parse_reliability(r, file, sp("reliability"), diags),
                None => Some(Reliability(b'F')),
            };
            let name = non_empty(&raw.name, "source name", file, sp("name"), diags);
            let (Some(kind), Some(reliability)) = (kind, reliability) else {
                ids.broken.insert(id);
                continue;
            };
            list.push(Source {
                id,
                name,
                kind,
                country: raw
                    .country
                    .map(|c| c.trimmed().to_string())
                    .filter(|c| !c.is_empty()),
                reliability,
                note: raw
                    .note
                    .map(|n| n.trimmed().to_string())
                    .filter(|n| !n.is_empty()),
            });
        }
    } else if !content_missing && !ids.incomplete {
        diags.push(
            Diagnostic::global("no content/sources.yaml").help(
                "list the originating sources there: `- id: …`, `name`, `kind`, `reliability`",
            ),
        );
    }
    list.sort_by(|a, b| a.id.cmp(&b.id));
    for (i, s) in list.iter().enumerate() {
        ids.index.insert(s.id.clone(), i);
    }
    list
}
