//! Links the pages will drop (an unsafe scheme, a relative path, a URL
//! that does not parse or names no host, see
//! [`crate::markdown::link_problem`]), each a warning where it is written:
//! at the URL in an article's body, at the field's value for its summary.
//! In: a file and its Markdown. Out: warnings. (The analyst's own
//! Markdown, whose relative links are kept, gets the same warning from
//! [`super::prose`].)

use crate::diagnostic::Diagnostic;
use crate::markdown::dropped_links;
use crate::source::{FileId, Span};

const HELP: &str = "write an absolute http(s) address (`https://www.example.org/page`), a `mailto:` address or an in-page `#anchor`; the link's text stays, without the link";

/// The dropped links of a Markdown body starting at byte `start` of the
/// file's text.
pub(super) fn in_body(file: FileId, text: &str, start: usize) -> Vec<Diagnostic> {
    dropped_links(&text[start..])
        .into_iter()
        .map(|(at, url, why)| warning(file, start + at.start..start + at.end, &url, why))
        .collect()
}

/// The dropped links of a Markdown field (a summary, a note) whose value
/// is at `span`.
pub(super) fn in_field(file: FileId, md: &str, span: impl FnOnce() -> Span) -> Vec<Diagnostic> {
    let dropped = dropped_links(md);
    if dropped.is_empty() {
        return Vec::new();
    }
    let span = span();
    dropped
        .into_iter()
        .map(|(_, url, why)| warning(file, span.clone(), &url, why))
        .collect()
}

/// The warning for a link to `url` dropped because `why`, at `span`.
pub(super) fn warning(file: FileId, span: Span, url: &str, why: String) -> Diagnostic {
    let shown: String = url.chars().take(80).collect();
    Diagnostic::warning(file, span, format!("link to `{shown}` dropped"))
        .label(why)
        .help(HELP)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_link_is_located_at_its_url() {
        let text = "---\ntitle: x\n---\nSee [the report](https://../) and [ok](https://e.org).\n";
        let start = text.find("See").unwrap();
        let warnings = in_body(FileId(0), text, start);
        assert_eq!(warnings.len(), 1);
        let (_, span) = warnings[0].location.clone().unwrap();
        assert_eq!(&text[span], "https://../");
        assert!(in_body(FileId(0), "no links at all", 0).is_empty());
    }
}
