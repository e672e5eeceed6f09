//! The story of a cleaned page: its main text as HTML, found by
//! dom_smoothie (a port of Mozilla's Readability, the engine of Firefox's
//! reader view), which scores the page's blocks by their text, commas and
//! links, keeps the best one with its siblings, and resolves relative
//! links against the page's address.
//!
//! In: the page after [`super::clean`], and its address if known. Out: the
//! story's HTML. When Readability finds nothing (a page too short or too
//! odd for its scores), the whole cleaned `<body>` is the story.

use dom_query::Document;

/// The story of `doc` as HTML; `base` is the page's absolute address.
pub fn extract(doc: Document, base: Option<&str>) -> String {
    let whole = doc
        .select("body")
        .nodes()
        .first()
        .map(|body| body.inner_html().to_string())
        .unwrap_or_default();
    let config = dom_smoothie::Config {
        // The metadata has been read already, JSON-LD included.
        disable_json_ld: true,
        ..Default::default()
    };
    let story = dom_smoothie::Readability::with_document(doc, base, Some(config))
        .and_then(|mut readability| readability.parse())
        .map(|article| article.content.to_string());
    match story {
        Ok(html) if !html.trim().is_empty() => html,
        _ => whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_story_and_resolves_links() {
        let para = "<p>North Korea sent workers to Russia, officials said, and the number grew \
                    over the year, according to several reports, which <a href='/src'>we checked</a>.</p>";
        let html = format!(
            "<html><body><div class='menu-links'><a href='/a'>A</a> <a href='/b'>B</a></div>\
             <div class='story'>{}</div></body></html>",
            para.repeat(6)
        );
        let out = extract(Document::from(html), Some("https://news.example/x/y"));
        assert!(out.contains("North Korea sent workers"), "{out}");
        assert!(out.contains("href=\"https://news.example/src\""), "{out}");
        assert!(!out.contains(">A<"), "{out}");
    }

    #[test]
    fn falls_back_to_the_body() {
        let out = extract(
            Document::from("<html><body><table><tr><td>1</td></tr></table></body></html>"),
            None,
        );
        assert!(out.contains("1"), "{out}");
        assert_eq!(extract(Document::from(""), None), "");
    }
}
