//! The front page (`content/_index.md`): its title, summary, judgments
//! and introduction. Optional: without it the front page takes the title
//! of `dossier.toml`.

use super::fields::{Scalar, non_empty};
use super::front::front;
use super::judgments::{self, RawJudgment};
use super::markers;
use super::prose::{self, Context, Found, Text, Within};
use crate::config::Config;
use crate::model::{FrontPage, Prose};
use crate::source::ypath;
use crate::source::{FileId, Sources};
use crate::{citation, markdown};
use schemars::JsonSchema;
use serde::Deserialize;

/// The front matter of the front page, as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndex {
    /// Title of the dossier, at the top of the front page.
    #[schemars(with = "markers::Words")]
    title: Scalar,
    /// One-paragraph summary of the dossier (Markdown).
    summary: Option<Scalar>,
    /// Key judgments: the analyst's assessments, each with a likelihood, a
    /// confidence and the claims it rests on.
    #[serde(default)]
    judgments: Vec<RawJudgment>,
}
pub(super) const INDEX_FIELDS: &[&str] = &["title", "summary", "judgments"];

/// The front page from `_index.md` (`file`), its judgments checked
/// against the claims and its summary and body rendered (their citations
/// numbered together); without the file, the title of `dossier.toml`.
pub fn load(
    file: Option<FileId>,
    config: &Config,
    sources: &Sources,
    cx: &Context<'_>,
    found: &mut Found,
) -> FrontPage {
    let Some(file) = file else {
        return FrontPage {
            title: config.title.clone(),
            ..FrontPage::default()
        };
    };
    match front::<RawIndex>(file, sources.get(file), "front page", INDEX_FIELDS)
        .map_err(|r| r.report(&mut found.diags))
    {
        Ok(fm) | Err(Some(fm)) => {
            let src = sources.get(file);
            let judgments = judgments::check(
                &fm.raw.judgments,
                file,
                fm.spans.get(src),
                &cx.ids.claims,
                &mut found.diags,
            );
            let summary = fm
                .raw
                .summary
                .as_ref()
                .map(|s| s.trimmed().to_string())
                .filter(|s| !s.is_empty());
            let cx = Context {
                page: "index.html",
                ..*cx
            };
            let mut cited = Vec::new();
            let summary_html = summary.as_deref().map(|md| {
                let value = || fm.spans.get(src).value(ypath!["summary"]);
                let text = Text {
                    md,
                    file,
                    src,
                    within: Within::Field(&value),
                    top: 2,
                };
                markdown::unwrap_paragraph(prose::render(&text, &cx, &mut cited, found))
            });
            let text = Text {
                md: &src.text[fm.body_start..],
                file,
                src,
                within: Within::Body(fm.body_start),
                top: 2,
            };
            let html = prose::render(&text, &cx, &mut cited, found);
            let title = || fm.spans.get(src).value(ypath!["title"]);
            FrontPage {
                title: non_empty(&fm.raw.title, "title", file, title, &mut found.diags),
                summary: summary.map(|s| citation::without_citations(&s)),
                summary_html,
                judgments,
                body: Prose { html, cited },
            }
        }
        Err(None) => FrontPage::default(),
    }
}
