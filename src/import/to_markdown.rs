//! The story's HTML → the article's Markdown body, by dom_query's
//! CommonMark serializer (headings, paragraphs, lists, emphasis, links,
//! block quotes, code, tables). First, a line break of the page's source
//! between two Chinese or Japanese characters is dropped with the white
//! space around it ([`crate::line_break`]): a browser that follows CSS
//! Text 3 shows nothing there, and the serializer would write a space.
//! Then the Markdown is tidied:
//! - a first heading that repeats the title is dropped (it is the title);
//! - `&` that would start a character reference (`&amp;` written in the
//!   page's text) is escaped, so that the rendered text is the page's text;
//! - blank lines are collapsed, and the text ends with one newline.
//!
//! The text is not otherwise changed: typographic quotes, no-break spaces
//! and the page's wording stay as they are, so a quote copied from the
//! page in a browser is found in the article.

use crate::line_break;
use dom_query::{Document, NodeRef};

/// A story as Markdown, and as the plain text a reader sees.
#[derive(Debug)]
pub struct Story {
    /// The Markdown body.
    pub markdown: String,
    /// Its text, without markup (nor list numbers).
    pub text: String,
}

/// The story `html`, whose title is `title`, as Markdown.
pub fn to_markdown(html: &str, title: &str) -> Story {
    let doc = Document::fragment(html);
    join_wide_lines(&doc.root());
    let md = doc.root().md(None).to_string();
    Story {
        markdown: tidy(&md, title),
        text: doc.root().text().to_string(),
    }
}

/// Elements inside a line of text: the line runs on across them.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "ins", "kbd", "mark", "nobr", "q", "rb", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// Elements whose white space is kept as it is written.
const PREFORMATTED: &[&str] = &[
    "listing",
    "plaintext",
    "pre",
    "script",
    "style",
    "textarea",
    "xmp",
];

/// A step of the walk of [`join_wide_lines`]: a node to enter, or the end
/// of a block.
enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave,
}

/// Drops each line break of the text under `root` that sits between two
/// Chinese or Japanese characters ([`line_break::vanishes`]), with the
/// white space around it, looking across inline elements (`で、</b>⏎電話`)
/// but not across blocks, and leaving preformatted text alone.
fn join_wide_lines(root: &NodeRef<'_>) {
    let mut line: Vec<NodeRef<'_>> = Vec::new();
    let mut steps = vec![Step::Enter(*root)];
    while let Some(step) = steps.pop() {
        let node = match step {
            Step::Leave => {
                join_line(&mut line);
                continue;
            }
            Step::Enter(node) if node.is_text() => {
                line.push(node);
                continue;
            }
            Step::Enter(node) => node,
        };
        let name = node.node_name();
        let name = name.as_deref().unwrap_or("");
        if !INLINE.contains(&name) {
            // A block (or a line break, an image…) ends the line of text.
            join_line(&mut line);
            steps.push(Step::Leave);
        }
        if !PREFORMATTED.contains(&name) {
            steps.extend(node.children_it(true).map(Step::Enter));
        }
    }
    join_line(&mut line);
}

/// Drops, from the text nodes of one line of text (which it empties),
/// each run of white space that holds a line break and sits between two
/// Chinese or Japanese characters.
fn join_line(line: &mut Vec<NodeRef<'_>>) {
    let nodes = std::mem::take(line);
    let texts: Vec<String> = nodes.iter().map(|n| n.text().to_string()).collect();
    if !texts.iter().any(|t| t.contains('\n')) {
        return;
    }
    let chars: Vec<char> = texts.iter().flat_map(|t| t.chars()).collect();
    let kept = kept(&chars);
    // Each node's characters follow the previous node's.
    let mut start = 0;
    for (node, text) in nodes.iter().zip(&texts) {
        let end = start + text.chars().count();
        if kept[start..end].contains(&false) {
            let joined: String = (start..end)
                .filter(|&i| kept[i])
                .map(|i| chars[i])
                .collect();
            node.set_text(joined);
        }
        start = end;
    }
}

/// Which characters of a line of text stay: all but the runs of white
/// space that hold a line break between two Chinese or Japanese
/// characters.
fn kept(chars: &[char]) -> Vec<bool> {
    let space = |c: &char| matches!(c, ' ' | '\t' | '\n' | '\x0C' | '\r');
    let mut kept = vec![true; chars.len()];
    let mut i = 0;
    while i < chars.len() {
        let end = i + chars[i..].iter().take_while(|c| space(c)).count();
        if chars[i..end].contains(&'\n')
            && i > 0
            && end < chars.len()
            && line_break::vanishes(chars[i - 1], chars[end])
        {
            kept[i..end].fill(false);
        }
        i = end + 1;
    }
    kept
}

/// Tidies serialized Markdown (see the module doc).
pub fn tidy(md: &str, title: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut fence: Option<String> = None;
    let mut blank = 0;
    for line in md.lines() {
        let line = line.trim_end_matches('\r');
        if fence.is_none() && line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() && blank > 0 {
            out.push('\n');
        }
        blank = 0;
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|&c| c == '`' || c == '~')
            .collect();
        match &fence {
            Some(open) => {
                if trimmed.starts_with(open.as_str()) && trimmed[open.len()..].trim().is_empty() {
                    fence = None;
                }
                out.push_str(line);
            }
            None if marker.len() >= 3 => {
                fence = Some(marker);
                out.push_str(line);
            }
            None => out.push_str(&escape_references(line)),
        }
        out.push('\n');
    }
    drop_title_heading(&out, title)
}

/// `out` without a first line that is a heading saying `title`.
fn drop_title_heading(out: &str, title: &str) -> String {
    let (first, rest) = out.split_once('\n').unwrap_or((out, ""));
    let heading = first.trim_start_matches('#');
    let same = |a: &str, b: &str| {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        norm(a) == norm(b)
    };
    if heading.len() < first.len() && heading.starts_with(' ') && same(heading, title) {
        rest.trim_start_matches('\n').to_string()
    } else {
        out.to_string()
    }
}

/// Escapes each `&` that starts something CommonMark would read as a
/// character reference (`&amp;`, `&#39;`, `&#x2019;`), outside code spans
/// and after no backslash.
pub fn escape_references(line: &str) -> String {
    let bytes = line.as_bytes();
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'`' => {
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let ticks = &line[i..i + run];
                // A code span runs to the next run of as many backticks.
                let mut j = i + run;
                let mut close = None;
                while let Some(at) = line[j..].find(ticks) {
                    let start = j + at;
                    let len = bytes[start..].iter().take_while(|&&b| b == b'`').count();
                    if len == run {
                        close = Some(start + run);
                        break;
                    }
                    j = start + len;
                }
                i = close.unwrap_or(i + run);
            }
            b'&' if is_reference(&line[i + 1..]) => {
                out.push_str(&line[copied..i]);
                out.push('\\');
                copied = i;
                i += 1;
            }
            _ => i += 1,
        }
    }
    out.push_str(&line[copied.min(line.len())..]);
    out
}

/// Whether `after` (what follows an `&`) makes it a character reference:
/// `#` digits `;`, `#x` hex digits `;`, or a name `;`.
fn is_reference(after: &str) -> bool {
    let Some(end) = after.find(';') else {
        return false;
    };
    let body = &after[..end];
    if let Some(num) = body.strip_prefix('#') {
        let (digits, hex) = match num.strip_prefix(['x', 'X']) {
            Some(h) => (h, true),
            None => (num, false),
        };
        let ok = |c: char| {
            if hex {
                c.is_ascii_hexdigit()
            } else {
                c.is_ascii_digit()
            }
        };
        (1..=7).contains(&digits.len()) && digits.chars().all(ok)
    } else {
        (1..=32).contains(&body.len())
            && body.starts_with(|c: char| c.is_ascii_alphabetic())
            && body.chars().all(|c| c.is_ascii_alphanumeric())
    }
}

/// Whether `text` has any text: a letter or a digit.
pub fn has_text(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Blocks of text in `md`: runs of lines between blank lines, counting
/// each list item and heading as one.
pub fn blocks(md: &str) -> usize {
    md.split("\n\n")
        .map(|block| {
            block
                .lines()
                .filter(|l| {
                    let t = l.trim_start();
                    t.starts_with("- ") || t.starts_with("* ") || is_numbered(t)
                })
                .count()
                .max(usize::from(!block.trim().is_empty()))
        })
        .sum()
}

fn is_numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_of_a_story() {
        let html = "<h1>The Title</h1><p>One <em>two</em> <strong>three</strong> \
                    <a href=\"https://x.example/a\">link</a>.</p><h2>Part</h2>\
                    <ul><li>a</li><li>b</li></ul><blockquote><p>Quoted.</p></blockquote>\
                    <p>Cost: 5 &amp;amp; more, 1&nbsp;000 people.</p><p>   </p><p></p>";
        assert_eq!(
            to_markdown(html, "the  title").markdown,
            "One *two* **three** [link](https://x.example/a).\n\n## Part\n\n- a\n- b\n\n\
             > Quoted.\n\nCost: 5 \\&amp; more, 1\u{a0}000 people.\n"
        );
        // Another first heading stays.
        let story = to_markdown("<h1>Other</h1><p>x</p><ol start=7><li></li></ol>", "Title");
        assert!(
            story.markdown.starts_with("# Other\n\nx\n\n7."),
            "{}",
            story.markdown
        );
        assert_eq!(story.text, "Otherx");
    }

    #[test]
    fn line_breaks_between_chinese_or_japanese_characters_are_dropped() {
        let md = |html| to_markdown(html, "").markdown;
        assert_eq!(
            md("<p>山間部の３地区で、\n電話回線も不通。ヘリコプターで\n  食料を運ぶ。</p>"),
            "山間部の３地区で、電話回線も不通。ヘリコプターで食料を運ぶ。\n"
        );
        // Across inline elements, not across blocks.
        assert_eq!(
            md(
                "<p><b>地区で、</b>\n<a href=\"https://e.org/\">電話</a>\n<em>回線</em></p><p>次</p>"
            ),
            "**地区で、**[電話](https://e.org/)*回線*\n\n次\n"
        );
        // Korean, Latin and a space without a line break stay spaces;
        // preformatted text stays as it is.
        assert_eq!(
            md("<p>대피를\n지시했다 漢字\nKanji 漢字 漢字</p><pre>漢字\n漢字</pre>"),
            "대피를 지시했다 漢字 Kanji 漢字 漢字\n\n```\n漢字\n漢字\n```\n"
        );
    }

    #[test]
    fn references_are_escaped_outside_code() {
        assert_eq!(escape_references("a &amp; b"), "a \\&amp; b");
        assert_eq!(
            escape_references("&#39; &#x2019; &copy;"),
            "\\&#39; \\&#x2019; \\&copy;"
        );
        assert_eq!(
            escape_references("A & B, AT&T; R&D;x"),
            "A & B, AT\\&T; R\\&D;x"
        );
        assert_eq!(
            escape_references("&#; &#12345678; &x y;"),
            "&#; &#12345678; &x y;"
        );
        assert_eq!(
            escape_references("`a &amp; b` &amp;"),
            "`a &amp; b` \\&amp;"
        );
        assert_eq!(
            escape_references("``a ` &amp; b`` &lt;"),
            "``a ` &amp; b`` \\&lt;"
        );
        assert_eq!(
            escape_references("\\&amp; \\` &amp;"),
            "\\&amp; \\` \\&amp;"
        );
        assert_eq!(escape_references("` &amp; unclosed"), "` \\&amp; unclosed");
        assert_eq!(escape_references("é&é; &é"), "é&é; &é");
    }

    #[test]
    fn fenced_code_is_left_alone() {
        let md = "x &amp;\n\n```\na &amp; b\n\n\n\nc\n```\n\n\n\ny &lt;\n";
        assert_eq!(
            tidy(md, ""),
            "x \\&amp;\n\n```\na &amp; b\n\n\n\nc\n```\n\ny \\&lt;\n"
        );
    }

    #[test]
    fn counting() {
        assert!(has_text(" 1 ") && !has_text("* - ** \n"));
        assert_eq!(
            blocks("# T\n\nPara one\nstill one.\n\n- a\n- b\n\n1. c\n"),
            5
        );
        assert_eq!(blocks(""), 0);
    }
}
