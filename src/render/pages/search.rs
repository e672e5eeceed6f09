//! The search page (`search.html`): the frame only; results are found in
//! the browser from the index ([`crate::render::search_index`]).

use crate::page::Page;
use crate::render::view::Common;
use crate::render::{RenderError, Site};
use serde::Serialize;

impl Site<'_> {
    /// The search page.
    pub(in crate::render) fn search_page(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
        }
        let common = self.common(0, "Search", "Search the dossier", "search", "search.html");
        self.render("search.html", "search.html".into(), &Ctx { common })
    }
}
