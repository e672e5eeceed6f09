//! The search page (`search.html`): the frame only; results are found in
//! the browser from the index ([`crate::render::search_index`]). The words
//! `search.js` shows are given to it in the form's `data-l10n` attribute,
//! resolved here from the catalogue.

use crate::i18n::{Arg, Messages, Msg};
use crate::model::EntityKind;
use crate::page::Page;
use crate::render::view::Common;
use crate::render::{RenderError, Site};
use serde::Serialize;

/// Most results the page lists (`search.js` shows the first 100).
const MAX_RESULTS: usize = 100;

/// The words of `search.js`: the kind of each result (and of each entity,
/// when `entities`), the prompt, and the
/// "N results for “q”" line, as templates (`{n}`, `{q}`) for every count
/// it can show: `forms` holds each distinct wording, `form[n]` the one of
/// count `n` (so the catalogue's plural rules are the browser's too).
fn search_words(m: &Messages, entities: bool) -> String {
    let mut forms: Vec<String> = Vec::new();
    let mut form = Vec::with_capacity(MAX_RESULTS + 1);
    for n in 0..=MAX_RESULTS {
        let line = m
            .format(
                Msg::SearchResults,
                &[
                    ("count", Arg::Number(n as f64)),
                    ("query", Arg::Text("\u{E000}")),
                ],
            )
            .replacen(&m.number(n as f64), "{n}", 1)
            .replace('\u{E000}', "{q}");
        let at = forms.iter().position(|f| *f == line).unwrap_or_else(|| {
            forms.push(line);
            forms.len() - 1
        });
        form.push(at);
    }
    let mut kinds = serde_json::json!({
        "claim": m.text(Msg::SearchKindClaim),
        "article": m.text(Msg::SearchKindArticle),
        "topic": m.text(Msg::SearchKindTopic),
        "source": m.text(Msg::SearchKindSource),
    });
    if entities {
        for &word in EntityKind::ALL {
            if let Some(k) = EntityKind::parse(word) {
                kinds[word] = m.entity_kind(k).into();
            }
        }
    }
    let words = serde_json::json!({
        "kinds": kinds,
        "prompt": m.text(Msg::SearchPrompt),
        "forms": forms,
        "form": form,
    });
    serde_json::to_string(&words).expect("search words serialise")
}

impl Site<'_> {
    /// The search page.
    pub(in crate::render) fn search_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
            l10n: String,
        }
        let m = &*self.messages;
        let common = self.common(
            0,
            m.text(Msg::SearchTitle),
            m.text(Msg::SearchDescription),
            "search",
            "search.html",
        );
        let l10n = search_words(m, !self.dossier.entities.is_empty());
        self.render("search.html", "search.html".into(), &Ctx { common, l10n })
    }
}
