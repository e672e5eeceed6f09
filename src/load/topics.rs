//! Topics (`content/topics/<id>.md`): front matter (title, order,
//! summary, judgments) and an overview in Markdown. Read in two steps: the
//! ids first, which metrics and claims refer to; then, once claims are
//! known, the judgments, which refer to claims.

use super::fields::Scalar;
use super::fields::non_empty;
use super::front::{Front, front};
use super::ids::{Ids, slugify, stem};
use super::judgments::{self, RawJudgment};
use super::markers;
use super::prose::{self, Context, Found, Text, Within};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Topic, is_id};
use crate::source::ypath;
use crate::source::{FileId, Sources};
use schemars::JsonSchema;
use serde::Deserialize;

/// The front matter of a topic, as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    /// Title of the topic.
    #[schemars(with = "markers::Words")]
    title: Scalar,
    /// Place in the list of topics, lowest first (a whole number); topics
    /// without one come last, by id.
    order: Option<i64>,
    /// One-line summary of the topic.
    summary: Option<Scalar>,
    /// Key judgments on the topic: the analyst's assessments, each with a
    /// likelihood, a confidence and the claims it rests on.
    #[serde(default)]
    judgments: Vec<RawJudgment>,
}
pub(super) const TOPIC_FIELDS: &[&str] = &["title", "order", "summary", "judgments"];

/// Topics whose front matter parsed, by id, in page order: their
/// judgments wait for the claims.
pub struct Pending(Vec<(String, Front<RawTopic>)>);

/// Reads the topics of `files` and puts their ids in `ids`, in page order
/// (`order`, then id).
pub fn read(
    files: &[FileId],
    sources: &Sources,
    ids: &mut Ids,
    diags: &mut Diagnostics,
) -> Pending {
    let mut topic_fronts: Vec<(String, Front<RawTopic>)> = Vec::new();
    for &file in files {
        let id = stem(&sources.get(file).display);
        if !is_id(&id) {
            diags.push(
                Diagnostic::error(
                    file,
                    0..0,
                    format!("topic file name `{id}` is not a valid id"),
                )
                .label("the topic id is the file name without `.md`: a-z, 0-9 and hyphens, at most 200 characters")
                .help(format!("rename the file to `{}.md`", slugify(&id))),
            );
            continue;
        }
        match front::<RawTopic>(file, sources.get(file), "topic", TOPIC_FIELDS)
            .map_err(|r| r.report(diags))
        {
            Ok(fm) | Err(Some(fm)) => topic_fronts.push((id, fm)),
            Err(None) => {
                ids.broken.insert(id);
            }
        }
    }
    topic_fronts.sort_by(|(a, x), (b, y)| {
        (x.raw.order.unwrap_or(i64::MAX), a).cmp(&(y.raw.order.unwrap_or(i64::MAX), b))
    });
    for (i, (id, _)) in topic_fronts.iter().enumerate() {
        ids.index.insert(id.clone(), i);
    }
    Pending(topic_fronts)
}

/// Checks the topics read, now that the claims (which their judgments
/// rest on and their overviews cite) are known.
pub fn finish(
    pending: Pending,
    sources: &Sources,
    cx: &Context<'_>,
    found: &mut Found,
) -> Vec<Topic> {
    let claims = &cx.ids.claims;
    let mut topics = Vec::with_capacity(pending.0.len());
    for (id, fm) in &pending.0 {
        let raw = &fm.raw;
        let title = non_empty(
            &raw.title,
            "title",
            fm.file,
            fm.spans.get(sources.get(fm.file)).value(ypath!["title"]),
            &mut found.diags,
        );
        let judgments = judgments::check(
            &raw.judgments,
            fm.file,
            fm.spans.get(sources.get(fm.file)),
            claims,
            &mut found.diags,
        );
        let src = sources.get(fm.file);
        let page = format!("topics/{id}.html");
        let text = Text {
            md: &src.text[fm.body_start..],
            file: fm.file,
            src,
            within: Within::Body(fm.body_start),
            top: 3,
        };
        let overview = prose::render_prose(&text, &Context { page: &page, ..*cx }, found);
        topics.push(Topic {
            id: id.clone(),
            title,
            order: raw.order.unwrap_or(i64::MAX),
            summary: raw
                .summary
                .as_ref()
                .map(|s| s.trimmed().to_string())
                .filter(|s| !s.is_empty()),
            judgments,
            overview,
        });
    }
    topics
}
