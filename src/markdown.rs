//! Markdown → HTML with pulldown-cmark, made safe and anchorable.
//!
//! Event passes, in order: raw HTML becomes text (escaped, never live);
//! links keep only http(s), mailto and in-page targets (and, in the
//! analyst's own Markdown, relative ones: [`safe_events`]); images become
//! links to the image (no remote request from the page); fenced code is
//! highlighted by syntect into CSS classes. Anchoring reads an article's
//! events ([`events`]) to mark the passages that claims quote; the
//! loader's prose pass (`load/prose.rs`) reads the analyst's with their
//! source ranges ([`offset_events`]) to resolve citations and links.
//!
//! Used by loading (summaries, notes), anchoring and rendering, it sits
//! below them all and imports no other module of the crate.

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
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

/// Whether a link target is a relative reference that names a path (no
/// scheme, not root-absolute, no white space or control character): the
/// links an author writes to other pages of the site.
pub fn relative_url(url: &str) -> bool {
    !url.is_empty()
        && !url.starts_with(['/', '\\', '#'])
        && url.chars().all(|c| !c.is_control() && !c.is_whitespace())
        && url
            .split(['/', '?', '#'])
            .next()
            .is_none_or(|first| !first.contains(':'))
}

/// Makes the event stream safe: see the module docs. Each event carries a
/// value (its place in the source, or nothing), which the events made
/// from it keep. With `relative`, relative links ([`relative_url`]) are
/// kept too (the analyst's own Markdown, whose links are checked).
fn sanitize<'a, T: Clone>(
    events: impl Iterator<Item = (Event<'a>, T)>,
    relative: bool,
) -> Vec<(Event<'a>, T)> {
    let mut out = Vec::new();
    let mut code: Option<(String, String)> = None;
    // For each open link/image: whether its end tag must be dropped.
    let mut dropped_links: Vec<bool> = Vec::new();
    let keep = |url: &str| safe_url(url) || (relative && relative_url(url));
    for (event, at) in events {
        if let Some((lang, text)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    out.push((Event::Html(highlight(text, lang).into()), at));
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
            Event::InlineHtml(h) | Event::Html(h) => out.push((Event::Text(h), at)),
            Event::InlineMath(m) | Event::DisplayMath(m) => out.push((Event::Text(m), at)),
            Event::Start(Tag::HtmlBlock) => out.push((Event::Start(Tag::Paragraph), at)),
            Event::End(TagEnd::HtmlBlock) => out.push((Event::End(TagEnd::Paragraph), at)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if keep(&dest_url) {
                    dropped_links.push(false);
                    out.push((
                        Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }),
                        at,
                    ));
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
                    out.push((
                        Event::Start(Tag::Link {
                            link_type: LinkType::Inline,
                            dest_url,
                            title,
                            id,
                        }),
                        at.clone(),
                    ));
                    out.push((Event::Text(CowStr::Borrowed("[image: ")), at));
                } else {
                    dropped_links.push(true);
                    out.push((Event::Text(CowStr::Borrowed("[image: ")), at));
                }
            }
            Event::End(TagEnd::Link) => {
                if !dropped_links.pop().unwrap_or(true) {
                    out.push((Event::End(TagEnd::Link), at));
                }
            }
            Event::End(TagEnd::Image) => {
                out.push((Event::Text(CowStr::Borrowed("]")), at.clone()));
                if !dropped_links.pop().unwrap_or(true) {
                    out.push((Event::End(TagEnd::Link), at));
                }
            }
            e => out.push((e, at)),
        }
    }
    out
}

/// The events of a Markdown text, made safe (see the module docs).
pub fn events(md: &str) -> Vec<Event<'_>> {
    sanitize(Parser::new_ext(md, options()).map(|e| (e, ())), false)
        .into_iter()
        .map(|(e, ())| e)
        .collect()
}

/// The events of Markdown an analyst wrote, each with its byte range in
/// `md`, before they are made safe: for a pass that rewrites links (see
/// [`safe_events`]).
pub fn offset_events(md: &str) -> Vec<(Event<'_>, Range<usize>)> {
    Parser::new_ext(md, options()).into_offset_iter().collect()
}

/// Makes events with their source ranges safe, relative links kept: the
/// analyst's Markdown after its links were rewritten.
pub fn safe_events<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Vec<(Event<'a>, Range<usize>)> {
    sanitize(events, true)
}

/// Writes events as HTML.
pub fn push_html<'a>(out: &mut String, events: impl Iterator<Item = Event<'a>>) {
    pulldown_cmark::html::push_html(out, events);
}

/// Renders Markdown that carries no quotes (overviews, notes, summaries).
pub fn render(md: &str) -> String {
    let events = events(md);
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Renders one line of Markdown without the enclosing paragraph.
pub fn render_inline(md: &str) -> String {
    unwrap_paragraph(render(md))
}

/// HTML of one paragraph without its `<p>`; other HTML as it is.
pub fn unwrap_paragraph(html: String) -> String {
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
