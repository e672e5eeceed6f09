//! The front page (`content/_index.md`): its title, summary, judgments
//! and introduction. Optional: without it the front page takes the title
//! of `dossier.toml`.

use super::fields::Scalar;
use super::front::front;
use super::ids::Ids;
use super::judgments::{self, RawJudgment};
use super::links;
use crate::config::Config;
use crate::diagnostic::Diagnostics;
use crate::markdown;
use crate::model::FrontPage;
use crate::source::{FileId, Sources};
use schemars::JsonSchema;
use serde::Deserialize;

/// The front matter of the front page, as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndex {
    /// Title of the dossier, at the top of the front page.
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
/// against the claims; without the file, the title of `dossier.toml`.
pub fn load(
    file: Option<FileId>,
    config: &Config,
    sources: &Sources,
    claims: &Ids,
    diags: &mut Diagnostics,
) -> FrontPage {
    let Some(file) = file else {
        return FrontPage {
            title: config.title.clone(),
            ..FrontPage::default()
        };
    };
    match front::<RawIndex>(file, sources.get(file), "front page", INDEX_FIELDS) {
        Ok(fm) => {
            for d in links::in_body(file, &sources.get(file).text, fm.body_start) {
                diags.push(d);
            }
            let judgments = judgments::check(
                &fm.raw.judgments,
                file,
                fm.spans.get(sources.get(file)),
                claims,
                diags,
            );
            FrontPage {
                title: fm.raw.title.trimmed().to_string(),
                summary: fm
                    .raw
                    .summary
                    .as_ref()
                    .map(|s| s.trimmed().to_string())
                    .filter(|s| !s.is_empty()),
                judgments,
                body_html: markdown::render(&sources.get(file).text[fm.body_start..], 2),
            }
        }
        Err(d) => {
            diags.push(*d);
            FrontPage::default()
        }
    }
}
