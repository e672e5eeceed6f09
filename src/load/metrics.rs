//! Metrics (`content/metrics.yaml`): the quantities that claims give
//! figures for (a label, a unit, the topic they belong to). Optional.

use super::fields::{Scalar, non_empty};
use super::ids::{Ids, check_id, define, note_broken_ids, resolve};
use super::schema;
use super::yaml::parse_items;
use crate::diagnostic::Diagnostics;
use crate::model::Metric;
use crate::source::ypath;
use crate::source::{FileId, Place, Sources};
use schemars::JsonSchema;
use serde::Deserialize;

/// One metric, as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMetric {
    /// Id of the metric, which figures name in `metric`: a-z, 0-9 and
    /// hyphens.
    #[schemars(with = "schema::Id")]
    id: Scalar,
    /// What is counted, as shown: `North Korean deminers pledged`.
    #[schemars(with = "schema::Words")]
    label: Scalar,
    /// Unit of the figures: `people`, `litres`.
    unit: Option<Scalar>,
    /// Id of the topic the metric belongs to.
    #[schemars(with = "schema::Id")]
    topic: Scalar,
}
pub(super) const METRIC_FIELDS: &[&str] = &["id", "label", "unit", "topic"];

/// Loads the metrics of `metrics.yaml` (`file`), in file order; their ids
/// go into `ids`. Each belongs to one of `topics`.
pub fn load(
    file: Option<FileId>,
    sources: &Sources,
    topics: &Ids,
    ids: &mut Ids,
    diags: &mut Diagnostics,
) -> Vec<Metric> {
    let mut list = Vec::new();
    let Some(file) = file else {
        return list;
    };
    let items: Vec<(usize, RawMetric)> =
        parse_items(file, sources.get(file), "metric", METRIC_FIELDS, diags);
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
        if !check_id(&id, "metric", file, sp("id"), diags)
            || !define(
                ids,
                "metric",
                &id,
                file,
                Place::Span(sp("id")),
                sources,
                diags,
            )
        {
            continue;
        }
        let label = non_empty(&raw.label, "metric label", file, sp("label"), diags);
        let Some(topic) = resolve(
            topics,
            "topic",
            Some("topics"),
            raw.topic.trimmed(),
            file,
            sp("topic"),
            diags,
        ) else {
            ids.broken.insert(id);
            continue;
        };
        ids.index.insert(id.clone(), list.len());
        list.push(Metric {
            id,
            label,
            unit: raw
                .unit
                .map(|u| u.trimmed().to_string())
                .unwrap_or_default(),
            topic,
        });
    }
    list
}
