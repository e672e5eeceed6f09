//! The pass before extraction: removes from a parsed page what is not the
//! story, where Readability would leave it in (share bars, "read also"
//! links, bylines, date lines, cookie banners, newsletter forms, sponsored
//! and spam blocks, comments), and makes the page safe to walk.
//!
//! In: the parsed page. Out: the same page, changed in place:
//! - elements deeper than [`MAX_DEPTH`] are replaced by their text (pages
//!   never nest that deep; hostile ones do, and every later stage walks the
//!   tree);
//! - media, scripts and form controls are removed, and attribute values
//!   over [`MAX_ATTR`] bytes;
//! - page chrome is removed, recognised by its element (`nav`, `aside`,
//!   `footer`, a `header` outside the article), its ARIA role, its being
//!   hidden (`hidden`, `aria-hidden`, `display:none`, off-screen), the
//!   words of its class and id ([`CHROME_WORDS`], [`CHROME_PARTS`]), or, for
//!   a short block, the words it starts with ([`CHROME_STARTS`]); `main`
//!   and `article` never are, and an element holding half the page's text
//!   or more is not removed for its hiding, classes, first words or for
//!   being a `form` (the rules that could mistake the story for chrome);
//! - links that lead nowhere outside the page (`javascript:`, `#top`, or
//!   relative ones when the page's address is unknown) become plain text;
//!   figure captions and definition lists become paragraphs.

use dom_query::{Document, NodeId, NodeRef};
use std::collections::HashMap;

/// Deepest element kept as it is (browsers' parsers stop nesting at 512).
pub const MAX_DEPTH: usize = 256;

/// Longest attribute value kept (in bytes): no attribute the story needs
/// is longer, and a hostile one of megabytes would slow every later check.
pub const MAX_ATTR: usize = 4096;

/// Elements that are never text.
const MEDIA: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "object", "embed", "svg", "math",
    "canvas", "video", "audio", "picture", "img", "source", "track", "map", "link", "meta",
    "button", "input", "select", "textarea", "option", "datalist", "output", "progress",
];

/// Elements that are page chrome.
const CHROME_ELEMENTS: &[&str] = &["nav", "aside", "footer", "dialog", "menu"];

/// ARIA roles of page chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Words of a class or id (split at anything not a letter or digit) that
/// mark page chrome.
pub const CHROME_WORDS: &[&str] = &[
    // Advertising, sponsored and spam blocks.
    "ad",
    "ads",
    "adv",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "adunit",
    "dfp",
    "gpt",
    "pub",
    "publicite",
    "sponsor",
    "sponsored",
    "promo",
    "promoted",
    "outbrain",
    "taboola",
    "trc",
    "spam",
    "seo",
    // Sharing.
    "share",
    "shares",
    "sharing",
    "social",
    "socials",
    // Related content.
    "related",
    "relatedposts",
    "recirculation",
    "recirc",
    "siblings",
    "readalso",
    "interstitial",
    "trending",
    "popular",
    "mostread",
    // Comments.
    "comment",
    "comments",
    "reaction",
    "reactions",
    "respond",
    "disqus",
    // Newsletters, consent.
    "newsletter",
    "newsletters",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "didomi",
    "onetrust",
    "cmp",
    // Navigation.
    "breadcrumb",
    "breadcrumbs",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "pagination",
    "pager",
    "skip",
    "toolbar",
    "sidebar",
    "widget",
    "popup",
    "modal",
    // Bylines, dates, tags: the front matter has them.
    "byline",
    "author",
    "authors",
    "signature",
    "dateline",
    "date",
    "dates",
    "timestamp",
    "posted",
    "meta",
    "tag",
    "tags",
    "keywords",
];

/// Parts of a class or id that mark page chrome wherever they occur
/// (`jp-relatedposts`, `commentlist`, `sr-only`).
pub const CHROME_PARTS: &[&str] = &[
    "cookie",
    "consent",
    "newsletter",
    "taboola",
    "outbrain",
    "sponsor",
    "advert",
    "breadcrumb",
    "relatedpost",
    "related-post",
    "sharedaddy",
    "share-bar",
    "sharebar",
    "social-share",
    "socialshare",
    "read-also",
    "readalso",
    "lire-aussi",
    "comment",
    "disqus",
    "sr-only",
    "visually-hidden",
    "screen-reader",
    "subscribe",
];

/// How short blocks of page chrome start ("Lire aussi | …", an ad label).
pub const CHROME_STARTS: &[&str] = &[
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lire également",
    "à lire également",
    "voir aussi",
    "read more",
    "read also",
    "also read",
    "related:",
    "related articles",
    "more on this story",
    "see also:",
    "publicité",
    "advertisement",
    "sponsored",
    "contenu sponsorisé",
    "contenus sponsorisés",
    "sign up for",
    "subscribe to our",
    "inscrivez-vous",
    "abonnez-vous à notre",
];

/// A block starting with [`CHROME_STARTS`] is chrome only if it holds
/// fewer characters (white space aside).
const SHORT_BLOCK: usize = 300;

/// Cleans `doc` in place; `has_base` tells whether relative links can be
/// resolved (the page's address is known).
pub fn clean(doc: &Document, has_base: bool) {
    let Some(body) = doc.select("body").nodes().first().cloned() else {
        return;
    };
    let lengths = text_lengths(&body);
    let chars = |node: &NodeRef| lengths.get(&node.id).copied().unwrap_or(0);
    let page_chars = chars(&body);
    let mut stack: Vec<(NodeRef, usize, bool)> = Vec::new();
    push_children(&body, 1, false, &mut stack);
    while let Some((node, depth, in_story)) = stack.pop() {
        let Some(name) = node.node_name().map(|n| n.to_ascii_lowercase()) else {
            continue;
        };
        if depth >= MAX_DEPTH {
            let text = node.text();
            node.set_text(text);
            continue;
        }
        if MEDIA.contains(&name.as_str()) {
            node.remove_from_parent();
            continue;
        }
        drop_long_attributes(&node);
        let story = matches!(name.as_str(), "main" | "article")
            || node
                .attr("itemprop")
                .is_some_and(|v| v.eq_ignore_ascii_case("articleBody"));
        let remove = match chrome(&node, &name, in_story, chars(&node)) {
            _ if story => false,
            Chrome::No => false,
            Chrome::Surely => true,
            // Never the story itself, whatever its classes say.
            Chrome::Likely => page_chars == 0 || chars(&node) * 2 < page_chars,
        };
        if remove {
            node.remove_from_parent();
            continue;
        }
        push_children(&node, depth + 1, in_story || story, &mut stack);
        match name.as_str() {
            "a" if leads_nowhere(&node, has_base) => unwrap(&node),
            "figcaption" | "dt" | "dd" => node.rename("p"),
            "figure" | "dl" => node.rename("div"),
            _ => {}
        }
    }
}

fn push_children<'a>(
    node: &NodeRef<'a>,
    depth: usize,
    in_story: bool,
    stack: &mut Vec<(NodeRef<'a>, usize, bool)>,
) {
    let start = stack.len();
    let mut child = node.first_child();
    while let Some(c) = child {
        child = c.next_sibling();
        if c.is_element() {
            stack.push((c, depth, in_story));
        }
    }
    // Document order: the first child is popped first.
    stack[start..].reverse();
}

fn drop_long_attributes(node: &NodeRef) {
    let long: Vec<String> = node
        .attrs()
        .iter()
        .filter(|a| a.value.len() > MAX_ATTR)
        .map(|a| a.name.local.to_string())
        .collect();
    for name in long {
        node.remove_attr(&name);
    }
}

/// Replaces `node` by its children.
fn unwrap(node: &NodeRef) {
    match node.first_child() {
        // dom_query unwraps a node *from its parent*: here, `node`.
        Some(child) => child.unwrap_node(),
        None => node.remove_from_parent(),
    }
}

/// Characters of text (not white space) under each node of `root`, by
/// node id: one pass, so that no check walks a subtree again.
fn text_lengths(root: &NodeRef) -> HashMap<NodeId, usize> {
    let mut order = Vec::new();
    let mut stack = vec![*root];
    while let Some(node) = stack.pop() {
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            stack.push(c);
        }
        order.push(node);
    }
    // Descendants come after their ancestors in `order`.
    let mut lengths: HashMap<NodeId, usize> = HashMap::with_capacity(order.len());
    for node in order.iter().rev() {
        let own = if node.is_text() {
            visible_len(&node.text())
        } else {
            0
        };
        let total = own + lengths.get(&node.id).copied().unwrap_or(0);
        lengths.insert(node.id, total);
        if let Some(parent) = node.parent()
            && node.id != root.id
        {
            *lengths.entry(parent.id).or_default() += total;
        }
    }
    lengths
}

/// Characters of `text` that are not white space.
fn visible_len(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// How sure a rule is that an element is page chrome.
enum Chrome {
    /// Not chrome.
    No,
    /// By what it is: a `nav`, an `aside`, a `role=banner`…
    Surely,
    /// By its classes, its hiding, its first words, or a `form` (which
    /// some sites wrap whole pages in): removed unless it holds half the
    /// page's text.
    Likely,
}

/// Whether `node` (named `name`, holding `chars` characters of text) is
/// page chrome.
fn chrome(node: &NodeRef, name: &str, in_story: bool, chars: usize) -> Chrome {
    let roles = node
        .attr("role")
        .map(|r| r.to_ascii_lowercase())
        .unwrap_or_default();
    let role = |list: &[&str]| roles.split_whitespace().any(|r| list.contains(&r));
    if name == "form" || role(&["form"]) {
        return Chrome::Likely;
    }
    if CHROME_ELEMENTS.contains(&name) || (name == "header" && !in_story) || role(CHROME_ROLES) {
        return Chrome::Surely;
    }
    if is_hidden(node) {
        return Chrome::Likely;
    }
    let mut names = String::new();
    for attr in ["class", "id"] {
        if let Some(v) = node.attr(attr) {
            names.push_str(&v.to_ascii_lowercase());
            names.push(' ');
        }
    }
    if names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| CHROME_WORDS.contains(&word))
        || CHROME_PARTS.iter().any(|part| names.contains(part))
        || (matches!(name, "p" | "div" | "li" | "section" | "span" | "ul")
            && chars < SHORT_BLOCK
            && starts_like_chrome(node))
    {
        return Chrome::Likely;
    }
    Chrome::No
}

/// Hidden by an attribute or an inline style (including the off-screen
/// positions spam is hidden with).
fn is_hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden")
        || node
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    let Some(style) = node.attr("style") else {
        return false;
    };
    let style: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    // left:-9999px, top:-5000px, text-indent:-999em…
    ["left:-", "top:-", "text-indent:-"].iter().any(|prop| {
        style.match_indices(prop).any(|(at, _)| {
            let boundary = at == 0 || style.as_bytes()[at - 1] == b';';
            let digits = style[at + prop.len()..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            boundary && digits >= 3
        })
    })
}

/// A block that starts like a "read also" link or an ad label.
fn starts_like_chrome(node: &NodeRef) -> bool {
    let text = node.text();
    let head: String = text
        .trim_start()
        .chars()
        .take(40)
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .to_lowercase();
    CHROME_STARTS.iter().any(|start| head.starts_with(start))
}

/// A link with nowhere to go once out of the page.
fn leads_nowhere(node: &NodeRef, has_base: bool) -> bool {
    let Some(href) = node.attr("href") else {
        return true;
    };
    let href = href.trim().to_ascii_lowercase();
    if href.is_empty() || href.starts_with('#') {
        return true;
    }
    let scheme = href.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    match scheme {
        Some("http" | "https" | "mailto") => false,
        Some(_) => true,
        None => !has_base && !href.starts_with("//"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(html: &str, has_base: bool) -> String {
        let doc = Document::from(html);
        clean(&doc, has_base);
        doc.select("body").inner_html().to_string()
    }

    const STORY: &str =
        "<p>The story, long enough to be half of the page and more, with words.</p>";

    #[test]
    fn chrome_by_element_role_and_hiding() {
        let html = format!(
            "<body><header>Site</header><nav>Menu</nav><div role=navigation>Nav</div>\
             <main><header><h1>Title</h1></header>{STORY}<aside>Aside</aside>\
             <div hidden>h</div><div aria-hidden=true>a</div>\
             <div style='display: none'>d</div><div style='position:absolute;left:-9999px'>spam</div>\
             <div style='margin-left:-10px'>kept</div></main><footer>F</footer></body>"
        );
        assert_eq!(
            cleaned(&html, false),
            format!(
                "<main><header><h1>Title</h1></header>{STORY}<div style=\"margin-left:-10px\">kept</div></main>"
            )
        );
    }

    #[test]
    fn chrome_by_class_and_id() {
        let html = format!(
            "<body><article class='post tag-rason comments-open'>{STORY}\
             <div class='share-bar'>s</div><div class='ad-slot'>x</div><div class='m-em-social-share'>s</div>\
             <div id='jp-relatedposts'>r</div><section class='article__siblings'>r</section>\
             <div class='meta meta__publisher'>Publié le</div><div class='didomi-popup-notice'>c</div>\
             <div id='commentlist'>c</div><span class='screen-reader-text'>t</span>\
             <div class='header-shadow'>kept: no chrome word</div><div class='download'>kept</div></article></body>"
        );
        assert_eq!(
            cleaned(&html, false),
            format!(
                "<article class=\"post tag-rason comments-open\">{STORY}<div class=\"header-shadow\">kept: no chrome word</div><div class=\"download\">kept</div></article>"
            )
        );
    }

    #[test]
    fn chrome_by_first_words_of_short_blocks() {
        let html = format!(
            "<body>{STORY}<p>Lire aussi | <a href='https://x.example/'>Autre</a></p>\
             <div>Publicité</div><p>À\u{a0}lire aussi\u{a0}: y</p>\
             <p>Read more about the treaty in the text below, which we quote.{}</p></body>",
            " Long.".repeat(60)
        );
        let out = cleaned(&html, false);
        assert!(
            out.starts_with(STORY) && out.contains("<p>Read more about the treaty"),
            "{out}"
        );
        assert!(
            !out.contains("Autre") && !out.contains("Publicité") && !out.contains("lire aussi"),
            "{out}"
        );
    }

    #[test]
    fn a_page_of_chrome_has_no_text_left() {
        assert_eq!(
            cleaned("<body><nav>Home</nav><footer>About</footer></body>", false),
            ""
        );
    }

    #[test]
    fn the_story_is_never_chrome() {
        // A wrapper whose class says "comments" but that holds the story.
        let html = format!(
            "<body><div class='comments-wrapper'>{STORY}</div><div class=comment>c</div></body>"
        );
        assert_eq!(
            cleaned(&html, false),
            format!("<div class=\"comments-wrapper\">{STORY}</div>")
        );
        // A page wrapped in a form (ASP.NET) or hidden until a script runs.
        let html = format!(
            "<body><form id=aspnetForm><div style='display:none'>{STORY}</div></form></body>"
        );
        assert_eq!(
            cleaned(&html, false),
            format!("<form id=\"aspnetForm\"><div style=\"display:none\">{STORY}</div></form>")
        );
    }

    #[test]
    fn media_links_and_renames() {
        let html = "<body><p><img src=x.jpg>Text <a href='javascript:go()'>js</a> <a href='#top'>top</a> \
             <a href='/rel'>rel</a> <a href='https://x.example/'>abs</a> <a href='mailto:a@x.example'>m</a> \
             <a>bare</a></p><script>x()</script><figure><img src=y><figcaption>Caption</figcaption></figure>\
             <dl><dt>T</dt><dd>D</dd></dl></body>";
        assert_eq!(
            cleaned(html, false),
            "<p>Text js top rel <a href=\"https://x.example/\">abs</a> <a href=\"mailto:a@x.example\">m</a> bare</p>\
             <div><p>Caption</p></div><div><p>T</p><p>D</p></div>"
        );
        assert!(cleaned(html, true).contains("<a href=\"/rel\">rel</a>"));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let n = 1_000;
        let html = format!(
            "<body>{}<p>deep <b>text</b></p>{}</body>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let doc = Document::from(html.as_str());
        clean(&doc, false);
        let mut depth = 0;
        let mut node = doc.select("body").nodes().first().cloned();
        while let Some(n) = node {
            depth += 1;
            node = n.first_element_child();
        }
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
        assert_eq!(doc.select("body").text().trim(), "deep text");
    }
}
