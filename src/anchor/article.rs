//! An article's Markdown body, parsed once for anchoring: its sanitised
//! events (see [`markdown`]) with the text events numbered as *segments*
//! and fed to [`NormText`], so that quotes can be located across inline
//! markup; then [`Article::render`] wraps each located passage in `<mark>`
//! pieces (one per text event, nested where quotes overlap) and puts the
//! back-link marker after the passage's last piece.

use super::normalise::NormText;
use crate::markdown::{self, escape_into, is_inline};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// Part of a passage inside one segment: (byte range in the segment, mark
/// index, first piece of the passage?, last piece?).
type Piece = (Range<usize>, usize, bool, bool);

/// A highlighted passage to inject into an article.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Range in the article's normalised text.
    pub range: Range<usize>,
    /// Anchor id of the passage (`q-<claim>-<n>`).
    pub anchor: String,
    /// HTML of the back-link marker put after the passage.
    pub marker: String,
}

/// An article body parsed once: its sanitised events and its normalised text.
#[derive(Debug)]
pub struct Article<'a> {
    events: Vec<Event<'a>>,
    /// Event index of each segment.
    segments: Vec<usize>,
    /// Normalised rendered text, for quote location.
    pub text: NormText,
}

impl<'a> Article<'a> {
    /// Parses an article body.
    pub fn parse(md: &'a str) -> Self {
        let mut events = markdown::events(md);
        // The text sits under the page's `h1` and its "Full text" `h2`.
        markdown::nest_headings(&mut events, 3);
        let mut text = NormText::new();
        let mut segments = Vec::new();
        for (i, event) in events.iter().enumerate() {
            match event {
                Event::Text(t) | Event::Code(t) => {
                    text.push_segment(segments.len() as u32, t);
                    segments.push(i);
                }
                Event::SoftBreak | Event::HardBreak | Event::Html(_) | Event::Rule => {
                    text.push_break()
                }
                Event::Start(tag) if !is_inline(&tag.to_end()) => text.push_break(),
                Event::End(tag) if !is_inline(tag) => text.push_break(),
                _ => {}
            }
        }
        Article {
            events,
            segments,
            text: text.finish(),
        }
    }

    /// Renders the article with its passages marked. Marks must have been
    /// located in this article's [`Article::text`].
    pub fn render(self, marks: &[Mark]) -> String {
        // Per segment: (range in segment, mark index, first piece?, last piece?)
        let mut per_segment: BTreeMap<u32, Vec<Piece>> = BTreeMap::new();
        for (m, mark) in marks.iter().enumerate() {
            let pieces = self.text.pieces(mark.range.clone());
            let n = pieces.len();
            for (k, (seg, range)) in pieces.into_iter().enumerate() {
                per_segment
                    .entry(seg)
                    .or_default()
                    .push((range, m, k == 0, k + 1 == n));
            }
        }
        let mut events = self.events;
        let mut html = String::new();
        let mut out_events: Vec<Event<'a>> = Vec::with_capacity(events.len());
        let mut link_depth = 0usize;
        let mut pending_markers = String::new();
        let mut next_segment = 0usize;
        for (i, event) in events.drain(..).enumerate() {
            let is_segment = self.segments.get(next_segment) == Some(&i);
            if is_segment {
                let seg = next_segment as u32;
                next_segment += 1;
                if let Some(entries) = per_segment.get(&seg) {
                    let (text, is_code) = match &event {
                        Event::Code(t) => (t.as_ref(), true),
                        Event::Text(t) => (t.as_ref(), false),
                        _ => unreachable!("segments are text or code events"),
                    };
                    html.clear();
                    if is_code {
                        html.push_str("<code>");
                    }
                    let markers =
                        mark_segment(&mut html, text, entries, marks, link_depth > 0 || is_code);
                    if is_code {
                        html.push_str("</code>");
                    }
                    if link_depth > 0 {
                        pending_markers.push_str(&markers);
                    } else {
                        html.push_str(&markers);
                    }
                    out_events.push(Event::Html(html.clone().into()));
                    continue;
                }
            }
            match &event {
                Event::Start(Tag::Link { .. }) => link_depth += 1,
                Event::End(TagEnd::Link) => {
                    link_depth = link_depth.saturating_sub(1);
                    if link_depth == 0 && !pending_markers.is_empty() {
                        out_events.push(event);
                        out_events.push(Event::Html(std::mem::take(&mut pending_markers).into()));
                        continue;
                    }
                }
                _ => {}
            }
            out_events.push(event);
        }
        if !pending_markers.is_empty() {
            out_events.push(Event::Html(pending_markers.into()));
        }
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, out_events.into_iter());
        out
    }
}

/// Writes one text segment with nested `<mark>` pieces. Markers of passages
/// that end in it follow their last piece, or, with `defer` (inside a link
/// or inline code, where a nested link would be invalid), are returned.
fn mark_segment(
    out: &mut String,
    text: &str,
    entries: &[Piece],
    marks: &[Mark],
    defer: bool,
) -> String {
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for (r, ..) in entries {
        bounds.push(r.start.min(text.len()));
        bounds.push(r.end.min(text.len()));
    }
    bounds.sort_unstable();
    bounds.dedup();
    let mut markers = String::new();
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut covering: Vec<&Piece> = entries
            .iter()
            .filter(|(r, ..)| r.start <= a && b <= r.end)
            .collect();
        covering.sort_by_key(|(r, m, ..)| {
            (
                marks[*m].range.start,
                std::cmp::Reverse(marks[*m].range.end),
                *m,
                r.start,
            )
        });
        for (r, m, first, _) in &covering {
            out.push_str("<mark");
            if *first && r.start == a {
                out.push_str(" id=\"");
                escape_into(out, &marks[*m].anchor);
                out.push('"');
            }
            out.push('>');
        }
        escape_into(out, &text[a..b]);
        for _ in &covering {
            out.push_str("</mark>");
        }
        for (r, m, _, last) in &covering {
            if *last && r.end == b {
                markers.push_str(&marks[*m].marker);
            }
        }
        if !defer {
            out.push_str(&std::mem::take(&mut markers));
        }
    }
    markers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::locate::{Located, Query, locate_all};

    fn marked(md: &str, quotes: &[&str]) -> String {
        let article = Article::parse(md);
        let queries: Vec<Query> = quotes
            .iter()
            .map(|q| Query {
                quote: q,
                prefix: None,
                suffix: None,
            })
            .collect();
        let marks: Vec<Mark> = locate_all(&article.text, &queries)
            .into_iter()
            .enumerate()
            .map(|(i, l)| {
                let Located::Found(range) = l else {
                    panic!("{l:?}")
                };
                Mark {
                    range,
                    anchor: format!("q{i}"),
                    marker: format!("<sup>{i}</sup>"),
                }
            })
            .collect();
        article.render(&marks)
    }

    #[test]
    fn marks_split_across_emphasis_and_links() {
        let html = marked(
            "Il a *bien* dit [ceci](https://e.org) hier.",
            &["a bien dit ceci hier"],
        );
        assert_eq!(
            html,
            "<p>Il <mark id=\"q0\">a </mark><em><mark>bien</mark></em><mark> dit </mark><a href=\"https://e.org\"><mark>ceci</mark></a><mark> hier</mark><sup>0</sup>.</p>\n"
        );
    }

    #[test]
    fn marker_after_a_link_end_when_the_passage_ends_inside_it() {
        let html = marked("Voir [le texte](https://e.org) ici.", &["Voir le"]);
        assert!(
            html.contains("<a href=\"https://e.org\"><mark>le</mark> texte</a><sup>0</sup> ici."),
            "{html}"
        );
    }

    #[test]
    fn japanese_quote_across_a_line_break_with_or_without_a_space() {
        let md = "住民は８，５００人に上った。\n鹿児島市内では倒木により道路が寸断された。\n";
        for quote in ["上った。鹿児島市内", "上った。 鹿児島市内"] {
            let html = marked(md, &[quote]);
            // The line break is gone from the page too: a browser would
            // show it as a space.
            assert!(
                html.contains(
                    "<mark id=\"q0\">上った。</mark>\
                     <mark>鹿児島市内</mark><sup>0</sup>"
                ),
                "{html}"
            );
        }
    }

    #[test]
    fn overlapping_passages_nest() {
        let html = marked(
            "un deux trois quatre",
            &["un deux trois", "deux trois quatre"],
        );
        assert_eq!(
            html,
            "<p><mark id=\"q0\">un </mark><mark><mark id=\"q1\">deux trois</mark></mark><sup>0</sup><mark> quatre</mark><sup>1</sup></p>\n"
        );
    }
}
