//! Markdown → HTML with pulldown-cmark, made safe and anchorable.
//!
//! Event passes, in order: raw HTML becomes text (escaped, never live);
//! links keep only http(s), mailto and in-page targets (and, in the
//! analyst's own Markdown, relative ones: [`safe_events`]); images become
//! links to the image (no remote request from the page); fenced code is
//! highlighted ([`crate::highlight`]); a line break inside a paragraph
//! between two Chinese or Japanese characters is dropped, since those
//! languages put no space between words and Chromium shows the break as
//! one ([`crate::line_break`]). Anchoring reads an article's
//! events ([`events`]) to mark the passages that claims quote; the
//! loader's prose pass (`load/prose.rs`) reads the analyst's with their
//! source ranges ([`offset_events`]) to resolve citations and links.
//!
//! Used by loading (summaries, notes), anchoring and rendering, it sits
//! below them all and imports no other module of the crate but the
//! highlighter, the HTML escape and [`crate::line_break`] (all below it).

pub use crate::escape::{escape, escape_into};
pub use crate::highlight::highlight;
use crate::line_break;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::ops::Range;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link target is safe to keep in a page.
pub fn safe_url(url: &str) -> bool {
    link_problem(url).is_none()
}

/// Why a link target is dropped from a page, or `None` to keep it: only
/// in-page (`#…`), `mailto:` and valid `http(s)` URLs are kept. An http(s)
/// URL is valid when the WHATWG URL Standard parses it without a syntax
/// violation, it carries no user name or password, and no label of its
/// host is empty but a final one (`https://../` parses in browsers, but
/// is no address, and the Nu HTML Checker rejects it).
pub fn link_problem(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    if lower.starts_with('#') || lower.starts_with("mailto:") {
        return None;
    }
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Some("only http(s), mailto and in-page links are kept".into());
    }
    let violation = std::cell::Cell::new(None);
    let parsed = url::Url::options()
        .syntax_violation_callback(Some(&|v| {
            if violation.get().is_none() {
                violation.set(Some(v));
            }
        }))
        .parse(url);
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(e) => return Some(format!("not a valid URL: {e}")),
    };
    if let Some(v) = violation.get() {
        return Some(format!("not a valid URL: {}", v.description()));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Some("a link must not carry a user name or password".into());
    }
    if let Some(url::Host::Domain(host)) = parsed.host() {
        let labels: Vec<&str> = host.split('.').collect();
        let (_, inner) = labels.split_last().unwrap_or((&"", &[]));
        if host.is_empty() || host == "." || inner.iter().any(|l| l.is_empty()) {
            return Some(format!(
                "invalid host `{host}`: a part of the name is empty"
            ));
        }
    }
    None
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
    drop_wide_breaks(&mut out);
    out
}

/// Whether a tag's element sits inside a line of text (emphasis, links):
/// text runs on across it.
pub fn is_inline(tag_end: &TagEnd) -> bool {
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

/// Drops the soft breaks (line breaks of the source inside a paragraph)
/// between two Chinese or Japanese characters ([`line_break::vanishes`]),
/// looking across emphasis and links: `上った。` + break + `**鹿児島**`
/// becomes `上った。<strong>鹿児島</strong>`, with no space shown between.
fn drop_wide_breaks<T>(events: &mut Vec<(Event<'_>, T)>) {
    let mut dropped = Vec::new();
    let mut before: Option<char> = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Text(t) | Event::Code(t) => before = t.chars().next_back(),
            Event::Start(tag) if is_inline(&tag.to_end()) => {}
            Event::End(tag) if is_inline(tag) => {}
            Event::SoftBreak => {
                let after = || first_char(&events[i + 1..]);
                if before
                    .take()
                    .is_some_and(|b| after().is_some_and(|a| line_break::vanishes(b, a)))
                {
                    dropped.push(i);
                }
            }
            _ => before = None,
        }
    }
    let mut next = dropped.into_iter().peekable();
    let mut i = 0;
    events.retain(|_| {
        let drop = next.next_if_eq(&i).is_some();
        i += 1;
        !drop
    });
}

/// The first character of the text that `events` start with, if a line
/// of text runs on into it (across the tags of emphasis and links).
fn first_char<T>(events: &[(Event<'_>, T)]) -> Option<char> {
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => return t.chars().next(),
            Event::Start(tag) if is_inline(&tag.to_end()) => {}
            Event::End(tag) if is_inline(tag) => {}
            _ => return None,
        }
    }
    None
}

/// The links and images of a Markdown text that pages drop (see
/// [`link_problem`]): where each is in `md` (its URL when written inline,
/// else the whole link), its URL and why. Texts whose links are all
/// plainly kept are skipped without parsing (`plainly_kept`).
pub fn dropped_links(md: &str) -> Vec<(std::ops::Range<usize>, String, String)> {
    if plainly_kept(md.as_bytes()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        let (Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. })) =
            event
        else {
            continue;
        };
        if let Some(why) = link_problem(&dest_url) {
            let written = &md[range.clone()];
            let at = (!dest_url.is_empty())
                .then(|| written.rfind(dest_url.as_ref()))
                .flatten()
                .map_or(range.clone(), |k| {
                    range.start + k..range.start + k + dest_url.len()
                });
            out.push((at, dest_url.to_string(), why));
        }
    }
    out
}

/// Whether every link the Markdown `md` may hold is kept, known without
/// parsing it: it has no `<` (autolinks, HTML) and no `]:` (definitions
/// of links and footnotes), and each `](` is followed by an address that
/// [`link_problem`] keeps, closed by `)` and made of URL characters
/// Markdown reads as they are (no space, bracket, parenthesis, quote or
/// backslash, and no `&` with a `;`, which could make an entity). Every
/// link of such a text is inline and its destination is one of those
/// addresses; a `](` that is no link (in code, escaped) only makes the
/// answer `false` more often, never wrongly `true`.
fn plainly_kept(md: &[u8]) -> bool {
    let url_byte = |b: &u8| b.is_ascii_alphanumeric() || b"-._~:/?#@!$*+,;=%&".contains(b);
    if memchr::memchr(b'<', md).is_some() || memchr::memmem::find(md, b"]:").is_some() {
        return false;
    }
    memchr::memmem::find_iter(md, b"](").all(|at| {
        let rest = &md[at + 2..];
        let end = rest.iter().position(|b| !url_byte(b)).unwrap_or(rest.len());
        let url = &rest[..end];
        let entity = url.contains(&b'&') && url.contains(&b';');
        rest.get(end) == Some(&b')')
            && !entity
            && std::str::from_utf8(url).is_ok_and(|u| link_problem(u).is_none())
    })
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

/// Renders Markdown that carries no quotes (overviews, notes, summaries),
/// its headings nested from level `top` on ([`nest_headings`]).
pub fn render(md: &str, top: u8) -> String {
    let mut events = events(md);
    nest_headings(&mut events, top);
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Moves a text's headings under the page's own, which end at level
/// `top - 1`: the distinct levels the text uses, from the highest, become
/// `top`, `top + 1`, … (level 6 at most), so that their order is kept and
/// no level is skipped (an article whose only headings are `#####` gets
/// `h3` under a page's `h1` and `h2`; `#` and `###` become `h3` and `h4`).
pub fn nest_headings(events: &mut [Event<'_>], top: u8) {
    use pulldown_cmark::HeadingLevel;
    let mut used = [false; 7];
    for e in events.iter() {
        if let Event::Start(Tag::Heading { level, .. }) = e {
            used[*level as usize] = true;
        }
    }
    let mut map = [HeadingLevel::H6; 7];
    let mut next = top.clamp(1, 6);
    for (written, &is_used) in used.iter().enumerate().skip(1) {
        if is_used {
            map[written] = HeadingLevel::try_from(usize::from(next)).unwrap_or(HeadingLevel::H6);
            next = (next + 1).min(6);
        }
    }
    for e in events.iter_mut() {
        match e {
            Event::Start(Tag::Heading { level, .. }) => *level = map[*level as usize],
            Event::End(TagEnd::Heading(level)) => *level = map[*level as usize],
            _ => {}
        }
    }
}

/// Renders one line of Markdown without the enclosing paragraph.
pub fn render_inline(md: &str) -> String {
    unwrap_paragraph(render(md, 2))
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

    /// The links a full parse finds dropped (the reference for
    /// [`plainly_kept`]).
    fn dropped_by_parse(md: &str) -> Vec<String> {
        Parser::new_ext(md, options())
            .filter_map(|e| match e {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    link_problem(&dest_url).map(|_| dest_url.to_string())
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn texts_whose_links_are_plainly_kept_skip_the_parse() {
        for md in [
            "No link at all.",
            "Un [lien](https://example.org/0/10) et [un autre](https://e.org/a?b=1&c=2).",
            "![image](https://e.org/p.png) [ancre](#note) [écrire](mailto:a@e.org)",
        ] {
            assert!(plainly_kept(md.as_bytes()), "{md}");
            assert!(dropped_by_parse(md).is_empty(), "{md}");
        }
        for md in [
            "[x](javascript:alert(1))",
            "[x](https://../)",
            "[x](page.html)",
            "[x]( https://e.org)",
            "[x](https://e.org \"title\")",
            "[x](https://e.org/&#106;;)",
            "[x][r]\n\n[r]: https://e.org",
            "<https://e.org>",
            "[x](https://e.org/a_(b))",
        ] {
            assert!(!plainly_kept(md.as_bytes()), "{md}");
        }
        // An entity the parse decodes into what the address may not hold.
        let md = "[x](https://e.org/&lt;)";
        assert!(!plainly_kept(md.as_bytes()));
        assert_eq!(dropped_by_parse(md), ["https://e.org/<"]);
    }

    proptest::proptest! {
        /// A text said to keep its links plainly drops none when parsed.
        #[test]
        fn plainly_kept_texts_drop_no_link(
            md in "(\\[[a-z `]{0,3}\\]\\((https?://|#|mailto:|javascript:|)[a-z0-9.:/&;#%()\\\\@ ]{0,8}\\)|[ \n`|!\\\\a-z\\[\\]()<:&;#*_]{0,3}){0,6}"
        ) {
            if plainly_kept(md.as_bytes()) {
                proptest::prop_assert!(dropped_by_parse(&md).is_empty(), "{:?}", md);
            }
        }
    }

    #[test]
    fn raw_html_is_escaped_and_scripts_never_live() {
        let html = render(
            "Hi <script>alert(1)</script> <b onclick=x>b</b>\n\n<div onmouseover=y>z</div>\n",
            3,
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
        let html = render(
            "[x](javascript:alert(1)) [y](https://e.org) ![pic](https://e.org/p.png) [z](https://../)",
            3,
        );
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("https://.."), "{html}");
        assert!(html.contains("<a href=\"https://e.org\">y</a>"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<a href=\"https://e.org/p.png\">[image: pic]</a>"),
            "{html}"
        );
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let html = render("```rust\nfn main() {}\n```\n", 3);
        assert!(
            html.contains("<pre class=\"code\" data-lang=\"rust\">"),
            "{html}"
        );
        assert!(html.contains("<span class=\"a"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn line_breaks_between_chinese_or_japanese_characters_are_dropped() {
        for (md, html) in [
            ("上った。\n鹿児島", "<p>上った。鹿児島</p>\n"),
            ("世帯が\n**停電**", "<p>世帯が<strong>停電</strong></p>\n"),
            (
                "*見通しは*\n[立って](https://e.org)",
                "<p><em>見通しは</em><a href=\"https://e.org\">立って</a></p>\n",
            ),
            ("約\n`３`\n万人", "<p>約<code>３</code>万人</p>\n"),
            ("３地区で、\n電話回線", "<p>３地区で、電話回線</p>\n"),
            // Korean and Latin text keep their breaks, which are spaces,
            // and so does a break with only one side Chinese or Japanese.
            ("대피를\n지시했다", "<p>대피를\n지시했다</p>\n"),
            ("no\nestimate", "<p>no\nestimate</p>\n"),
            ("漢字\nKanji\n漢字", "<p>漢字\nKanji\n漢字</p>\n"),
            ("“引用”\n漢字", "<p>“引用”\n漢字</p>\n"),
            // A hard break stays a break.
            ("上った。  \n鹿児島", "<p>上った。<br />\n鹿児島</p>\n"),
        ] {
            assert_eq!(render(md, 3), html, "{md:?}");
        }
    }

    #[test]
    fn headings_nest_under_the_page_without_skipping() {
        let html = render("##### Deep\n\ntext\n\n###### Deeper\n", 3);
        assert!(html.contains("<h3>Deep</h3>"), "{html}");
        assert!(html.contains("<h4>Deeper</h4>"), "{html}");
        // Gaps in the text close up; order is kept.
        let html = render("# A\n\n### B\n\n# C\n\n###### D\n", 2);
        assert_eq!(html.matches("<h").map(|_| ()).count(), 4, "{html}");
        for (tag, text) in [("h2", "A"), ("h3", "B"), ("h2", "C"), ("h4", "D")] {
            assert!(html.contains(&format!("<{tag}>{text}</{tag}>")), "{html}");
        }
        // More levels than are left: the deepest share h6.
        let html = render("# 1\n\n## 2\n\n### 3\n\n#### 4\n\n##### 5\n", 3);
        for (tag, text) in [
            ("h3", "1"),
            ("h4", "2"),
            ("h5", "3"),
            ("h6", "4"),
            ("h6", "5"),
        ] {
            assert!(html.contains(&format!("<{tag}>{text}</{tag}>")), "{html}");
        }
    }

    #[test]
    fn links_the_nu_checker_rejects_are_dropped() {
        for bad in [
            "https://../",
            "https://./x",
            "https://a..b/",
            "https:///x",
            "https://.a.com/",
            "https://x:99999/",
            "https://user@a.com/",
            "http://256.1.1.1/",
            "https://a%20b.com/",
            "https://exa%2Fmple.com/",
            "javascript:alert(1)",
            "ftp://e.org/",
            "other.md",
        ] {
            assert!(link_problem(bad).is_some(), "{bad} kept");
        }
        for good in [
            "https://e.org",
            "https://a.b./",
            "http://[::1]/",
            "https://é.fr/",
            "http://1.2.3.4/x?y#z",
            "HTTPS://E.ORG/A",
            "mailto:a@e.org",
            "#top",
        ] {
            assert_eq!(link_problem(good), None, "{good}");
        }
    }
}
