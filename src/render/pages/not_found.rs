//! `404.html`: served for any missing path at any depth, so it names the
//! site's address (published or served) as its `<base href>` and has no
//! canonical link.

use crate::page::Page;
use crate::render::view::Common;
use crate::render::{RenderError, Site};
use serde::Serialize;

impl Site<'_> {
    /// `404.html`.
    pub(in crate::render) fn not_found(&self) -> Result<Page, RenderError> {
        #[derive(Serialize)]
        struct Ctx<'a> {
            common: Common<'a>,
        }
        let title = self.messages.text(crate::i18n::Msg::NotFoundTitle);
        let mut common = self.common(0, title, String::new(), "404", "404.html");
        common.base_href = self
            .config
            .served_at
            .clone()
            .or_else(|| self.config.base_url.clone());
        common.canonical = None;
        self.render("404.html", "404.html".into(), &Ctx { common })
    }
}
