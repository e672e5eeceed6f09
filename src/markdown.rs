//! Markdown → HTML with pulldown-cmark, made safe and anchorable.
//!
//! Event passes, in order: raw HTML becomes text (escaped, never live);
//! links keep only http(s), mailto and in-page targets; images become links
//! to the image (no remote request from the page); fenced code is
//! highlighted by syntect into CSS classes. For articles, the text events are
//! numbered as *segments* and fed to [`NormText`] so that quotes can be
//! located across inline markup; [`Article::render`] then wraps each located
//! passage in `<mark>` pieces (one per text event, nested where quotes
//! overlap) and puts the back-link marker after the passage's last piece.

use crate::quote::NormText;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::LazyLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Class prefix of highlighted tokens.
pub const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// The entity for a byte that must be escaped.
fn entity(b: u8) -> Option<&'static str> {
    Some(match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        _ => return None,
    })
}

/// Whether any of the eight bytes of `w` must be escaped. `&` (0x26) and
/// `'` (0x27) differ in bit 0 only, `<` (0x3C) and `>` (0x3E) in bit 1
/// only, so three comparisons cover the five.
fn has_special(w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Non-zero exactly when some byte of `v` is zero.
    let zero_byte = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let amp_apos = (w & (LO * 0xFE)) ^ (LO * 0x26);
    let lt_gt = (w & (LO * 0xFD)) ^ (LO * 0x3C);
    let quot = w ^ (LO * 0x22);
    zero_byte(amp_apos) | zero_byte(lt_gt) | zero_byte(quot) != 0
}

/// Appends escaped text.
pub fn escape_into(out: &mut String, s: &str) {
    // Runs without a special character are copied whole (the five are
    // ASCII, so every cut is at a character boundary). Text is scanned
    // eight bytes at a time; a word with a special byte is looked at byte
    // by byte.
    let bytes = s.as_bytes();
    out.reserve(s.len());
    let mut last = 0;
    let mut escape_from = |out: &mut String, from: usize, chunk: &[u8]| {
        for (k, &b) in chunk.iter().enumerate() {
            if let Some(entity) = entity(b) {
                let at = from + k;
                out.push_str(&s[last..at]);
                out.push_str(entity);
                last = at + 1;
            }
        }
    };
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (n, word) in words.enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        if has_special(u64::from_le_bytes(w)) {
            escape_from(out, n * 8, word);
        }
    }
    escape_from(out, bytes.len() - tail.len(), tail);
    out.push_str(&s[last..]);
}

/// Whether a link target is safe to keep in a page.
pub fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://")
        || lower.starts_with("http://")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
}

/// Highlights a code block into `<pre class="code">` with class-based spans.
pub fn highlight(code: &str, lang: &str) -> String {
    let lang = lang.split([',', ' ']).next().unwrap_or("").trim();
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    let mut out = String::new();
    let _ = write!(out, "<pre class=\"code\"");
    if !lang.is_empty() {
        out.push_str(" data-lang=\"");
        escape_into(&mut out, lang);
        out.push('"');
    }
    out.push_str("><code>");
    match syntax {
        Some(syntax) => {
            let mut generator =
                ClassedHTMLGenerator::new_with_class_style(syntax, &SYNTAXES, CLASS_STYLE);
            let mut ok = true;
            for line in LinesWithEndings::from(code) {
                if generator
                    .parse_html_for_line_which_includes_newline(line)
                    .is_err()
                {
                    ok = false;
                    break;
                }
            }
            if ok {
                out.push_str(&generator.finalize());
            } else {
                escape_into(&mut out, code);
            }
        }
        None => escape_into(&mut out, code),
    }
    out.push_str("</code></pre>\n");
    out
}

/// Makes the event stream safe: see the module docs.
fn sanitize<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut code: Option<(String, String)> = None;
    // For each open link/image: whether its end tag must be dropped.
    let mut dropped_links: Vec<bool> = Vec::new();
    for event in events {
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    out.push(Event::Html(highlight(text, lang).into()));
                    code = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::InlineHtml(h) | Event::Html(h) => out.push(Event::Text(h)),
            Event::InlineMath(m) | Event::DisplayMath(m) => out.push(Event::Text(m)),
            Event::Start(Tag::HtmlBlock) => out.push(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::HtmlBlock) => out.push(Event::End(TagEnd::Paragraph)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if safe_url(&dest_url) {
                    dropped_links.push(false);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    dropped_links.push(true);
                }
            }
            Event::Start(Tag::Image {
                dest_url,
                title,
                id,
                ..
            }) => {
                if safe_url(&dest_url) && !dest_url.starts_with('#') {
                    dropped_links.push(false);
                    out.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id,
                    }));
                    out.push(Event::Text(CowStr::Borrowed("[image: ")));
                } else {
                    dropped_links.push(true);
                    out.push(Event::Text(CowStr::Borrowed("[image: ")));
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(true) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::End(TagEnd::Image) => {
                out.push(Event::Text(CowStr::Borrowed("]")));
                if !dropped_links.pop().unwrap_or(true) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            e => out.push(e),
        }
    }
    out
}

/// Renders Markdown that carries no quotes (overviews, notes, summaries).
pub fn render(md: &str) -> String {
    let events = sanitize(Parser::new_ext(md, options()));
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Renders one line of Markdown without the enclosing paragraph.
pub fn render_inline(md: &str) -> String {
    let html = render(md);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

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

fn is_inline(tag_end: &TagEnd) -> bool {
    matches!(
        tag_end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

impl<'a> Article<'a> {
    /// Parses an article body.
    pub fn parse(md: &'a str) -> Self {
        let events = sanitize(Parser::new_ext(md, options()));
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
            out.push_str("<mark class=\"passage\"");
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
    use crate::quote::{Located, Query, locate_all};

    /// The plain byte-by-byte escape the fast one must match.
    fn escape_slowly(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_eight_bytes_at_a_time_matches_the_plain_escape() {
        // Every byte value next to each special, at every offset in a word.
        for offset in 0..17 {
            for b in 1u8..128 {
                for special in ['&', '<', '>', '"', '\'', '%', '=', '$', 'a'] {
                    let mut s = "x".repeat(offset);
                    s.push(b as char);
                    s.push(special);
                    s.push_str("é 漢 yz");
                    assert_eq!(escape(&s), escape_slowly(&s), "{s:?}");
                }
            }
        }
        proptest::proptest!(|(s in "[&<>\"'=$%;:a-zé\\x00-\\x7f]{0,40}")| {
            proptest::prop_assert_eq!(escape(&s), escape_slowly(&s));
        });
    }

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
    fn raw_html_is_escaped_and_scripts_never_live() {
        let html = render(
            "Hi <script>alert(1)</script> <b onclick=x>b</b>\n\n<div onmouseover=y>z</div>\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{html}"
        );
    }

    #[test]
    fn unsafe_links_are_dropped_and_images_become_links() {
        let html =
            render("[x](javascript:alert(1)) [y](https://e.org) ![pic](https://e.org/p.png)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("<a href=\"https://e.org\">y</a>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://e.org/p.png\">[image: pic]</a>"),
            "{html}"
        );
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = render("```rust\nfn main() {}\n```\n");
        assert!(
            html.contains("<pre class=\"code\" data-lang=\"rust\">"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn marks_split_across_emphasis_and_links() {
        let html = marked(
            "Il a *bien* dit [ceci](https://e.org) hier.",
            &["a bien dit ceci hier"],
        );
        assert_eq!(
            html,
            "<p>Il <mark class=\"passage\" id=\"q0\">a </mark><em><mark class=\"passage\">bien</mark></em><mark class=\"passage\"> dit </mark><a href=\"https://e.org\"><mark class=\"passage\">ceci</mark></a><mark class=\"passage\"> hier</mark><sup>0</sup>.</p>\n"
        );
    }

    #[test]
    fn marker_after_a_link_end_when_the_passage_ends_inside_it() {
        let html = marked("Voir [le texte](https://e.org) ici.", &["Voir le"]);
        assert!(html.contains("<a href=\"https://e.org\"><mark class=\"passage\">le</mark> texte</a><sup>0</sup> ici."), "{html}");
    }

    #[test]
    fn overlapping_passages_nest() {
        let html = marked(
            "un deux trois quatre",
            &["un deux trois", "deux trois quatre"],
        );
        assert_eq!(
            html,
            "<p><mark class=\"passage\" id=\"q0\">un </mark><mark class=\"passage\"><mark class=\"passage\" id=\"q1\">deux trois</mark></mark><sup>0</sup><mark class=\"passage\"> quatre</mark><sup>1</sup></p>\n"
        );
    }
}
