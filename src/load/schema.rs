//! JSON Schemas (draft-07) of the files a dossier is written in, so that
//! editors complete field names and vocabularies, show each field's
//! meaning on hover, and flag what the build would refuse while the file
//! is typed. In come the raw structs of this folder; out come one schema
//! per kind of file ([`FILES`]) and the first line that ties a file to
//! its schema ([`header`]).
//!
//! The schemas are derived (schemars) from the very structs the loader
//! deserialises, beside their serde attributes, so they cannot drift: a
//! field added to a raw struct is in its schema, its doc comment is the
//! description editors show; `deny_unknown_fields` becomes
//! `additionalProperties: false`; `Option` and `#[serde(default)]` fields
//! are optional. What serde reads as any scalar (`Scalar`) is narrowed
//! per field by a marker type of the `markers` module (`#[schemars(with =
//! "markers::Date")]`), each built from the constant or rule its check
//! uses: `ID_PATTERN` beside `is_id`, `PartialDate::PATTERN` beside
//! `PartialDate::parse`, `LANGUAGE_PATTERN` beside `is_language_tag`,
//! the `ALL` of each vocabulary and grade. The tests of this module check
//! each pattern against its rule and every field list against the
//! loader's; `tests/schema.rs` checks the schemas against every test
//! dossier, the bad-input matrix and the tools editors run.
//!
//! **A new kind of file** (as `content/entities.yaml` was) is one line of
//! [`FILES`], once its raw struct derives `JsonSchema`; a new field is the
//! field (with `with = "markers::Id"` or the like when it is narrower than
//! text); a new vocabulary declared with `vocabulary!` is
//! `markers::OneOf<ItsType>`.
//!
//! A schema sees one file at a time, so it cannot see references between
//! files (an unknown topic), duplicate ids, quotes missing from their
//! article, comparisons between fields (`low` above `high`), file names,
//! or text that is not YAML at all. It is stricter than the build only on
//! spellings nobody writes on purpose: a value the build trims (`" media
//! "` in quotes), `true` where an id or a language is expected, a
//! credibility written as a quoted digit or with a sign.

use super::claims::RawClaim;
use super::entities::RawEntity;
use super::index::RawIndex;
use super::kind::Kind;
use super::{articles::RawArticle, metrics::RawMetric, sources::RawSource, topics::RawTopic};
use crate::config::Config;
use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator};

/// The schema of one kind of file.
pub struct FileSchema {
    /// File name in the schemas folder: `claims.json`.
    pub name: &'static str,
    /// The files it describes, from the dossier folder: `content/claims/*.yaml`.
    pub files: &'static str,
    /// What they are (the schema's title).
    pub title: &'static str,
    /// How an editor finds the schema of such a file.
    pub link: Link,
    /// The content kind it describes (`None`: `dossier.toml`).
    kind: Option<Kind>,
    /// The schema of the file's YAML (or TOML) document.
    document: fn(&mut SchemaGenerator) -> Schema,
}

/// How an editor ties a file to its schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// A first line `# yaml-language-server: $schema=PATH` (YAML files).
    YamlModeline,
    /// A first line `#:schema PATH` (TOML files, read by Taplo).
    TomlDirective,
    /// None in the file: front matter inside Markdown is given its schema
    /// by the editor's settings (see the README).
    Settings,
}

/// Every kind of file, in the order `dossier schema` lists them.
pub const FILES: &[FileSchema] = &[
    file::<RawClaim>(
        "claims.json",
        "content/claims/*.yaml",
        "Claims file",
        Kind::Claims,
    ),
    file::<RawSource>(
        "sources.json",
        "content/sources.yaml",
        "Sources",
        Kind::Sources,
    ),
    file::<RawMetric>(
        "metrics.json",
        "content/metrics.yaml",
        "Metrics",
        Kind::Metrics,
    ),
    file::<RawEntity>(
        "entities.json",
        "content/entities.yaml",
        "Entities",
        Kind::Entities,
    ),
    front::<RawArticle>(
        "article.json",
        "content/articles/*.md",
        "Article",
        Kind::Article,
    ),
    front::<RawTopic>("topic.json", "content/topics/*.md", "Topic", Kind::Topic),
    front::<RawIndex>("index.json", "content/_index.md", "Front page", Kind::Index),
    FileSchema {
        name: "dossier.toml.json",
        files: "dossier.toml",
        title: "Settings",
        link: Link::TomlDirective,
        kind: None,
        document: root::<Config>,
    },
];

/// A YAML file that is a list of `T`s (empty, it is `null`).
const fn file<T: JsonSchema>(
    name: &'static str,
    files: &'static str,
    title: &'static str,
    kind: Kind,
) -> FileSchema {
    FileSchema {
        name,
        files,
        title,
        link: Link::YamlModeline,
        kind: Some(kind),
        document: list_of::<T>,
    }
}

/// The schema of a list of `T`s, or of nothing.
fn list_of<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    let mut list = g.root_schema_for::<Vec<T>>();
    list.insert("type".into(), serde_json::json!(["array", "null"]));
    list
}

/// A Markdown file whose front matter is a `T`.
const fn front<T: JsonSchema>(
    name: &'static str,
    files: &'static str,
    title: &'static str,
    kind: Kind,
) -> FileSchema {
    FileSchema {
        name,
        files,
        title,
        link: Link::Settings,
        kind: Some(kind),
        document: root::<T>,
    }
}

/// The schema of a `T`.
fn root<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.root_schema_for::<T>()
}

impl FileSchema {
    /// The schema, as JSON text (sorted keys, two-space indent, a final
    /// line feed): what `dossier schema` and `dossier init` write.
    pub fn json(&self) -> String {
        let settings = SchemaSettings::draft07()
            .with(|s| s.inline_subschemas = true)
            .with_transform(RecursiveTransform(tidy));
        let mut generator = settings.into_generator();
        let mut schema = (self.document)(&mut generator);
        let what = match self.link {
            Link::Settings => format!("{}: the front matter of {}", self.title, self.files),
            _ => format!("{}: {}", self.title, self.files),
        };
        schema.insert("title".into(), what.into());
        schema.insert(
            "description".into(),
            "Written by `dossier schema` from the fields `dossier build` reads.".into(),
        );
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
        text.push('\n');
        text
    }
}

/// The schema of the file at `rel` (a path from the dossier folder), if
/// it has one.
pub fn for_path(rel: &str) -> Option<&'static FileSchema> {
    let kind = match rel.strip_prefix("content/") {
        Some(under) => Some(Kind::of(std::path::Path::new(under))?),
        None if rel == "dossier.toml" => None,
        None => return None,
    };
    FILES.iter().find(|f| f.kind == kind)
}

/// The line that ties the file at `rel` (a path from the dossier folder,
/// `/`-separated) to its schema in `dir` (a folder, from the dossier
/// folder, `/`-separated), to put first in the file; `None` for files no
/// first line can tie (Markdown) or that have no schema.
pub fn header(rel: &str, dir: &str) -> Option<String> {
    let schema = for_path(rel)?;
    let up = rel.matches('/').count();
    let path = if up == 0 {
        format!("./{dir}/{}", schema.name)
    } else {
        format!("{}{dir}/{}", "../".repeat(up), schema.name)
    };
    match schema.link {
        Link::YamlModeline => Some(format!("# yaml-language-server: $schema={path}")),
        Link::TomlDirective => Some(format!("#:schema {path}")),
        Link::Settings => None,
    }
}

/// Drops `format` (`int64`, `double`: Rust's types, which editors would
/// not know) and `default: null` (which TOML cannot write, and which
/// editors would offer to insert), and unwraps the lines of descriptions
/// (doc comments are wrapped at 80 columns; editors wrap on their own).
fn tidy(schema: &mut Schema) {
    schema.remove("format");
    if schema
        .get("default")
        .is_some_and(serde_json::Value::is_null)
    {
        schema.remove("default");
    }
    if let Some(serde_json::Value::String(d)) = schema.get_mut("description") {
        *d = d
            .split("\n\n")
            .map(|p| p.split('\n').map(str::trim).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
}

/// Declares a marker type whose schema is `$schema` (inlined where used).
#[cfg(test)]
mod tests;
