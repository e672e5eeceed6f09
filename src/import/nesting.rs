//! Hostile nesting, before the page is parsed: the text of a page with the
//! start tags that would nest elements deeper than [`LIMIT`] taken out,
//! with as many end tags after them. Their text stays.
//!
//! An HTML parser checks the open elements at each block start tag, so a
//! page of 100,000 nested `<div>`s takes minutes to parse; no page a
//! person reads nests a tenth of [`LIMIT`] deep. The scan is a rough
//! tokenizer: it skips comments, doctypes and the raw text of `<script>`,
//! `<style>` and the like, reads quoted attribute values whole, and counts
//! only elements that need an end tag (not `<br>` nor `<img>`, nor `<p>`,
//! `<li>`, `<td>`… whose end tags pages often leave out). A page within
//! the limit comes back as it was, without a copy.

use std::borrow::Cow;

/// Deepest nesting of counted elements kept.
pub const LIMIT: usize = 512;

/// Elements without content, and elements whose end tag may be left out:
/// neither is counted.
const UNCOUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "image", "html", "head", "body", "p",
    "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "option",
    "optgroup", "rt", "rp", "rb", "rtc",
];

/// Elements whose content is raw text, up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// `html` with the start tags past [`LIMIT`] (and as many end tags) removed.
pub fn limit(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let (mut depth, mut dropped) = (0usize, 0usize);
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &b[i..]) {
        let start = i + at;
        let next = b.get(start + 1).copied().unwrap_or(b' ');
        let (end, drop) = if html[start..].starts_with("<!--") {
            (
                find(html, start + 4, "-->").map_or(b.len(), |e| e + 3),
                false,
            )
        } else if next == b'!' || next == b'?' {
            (find(html, start, ">").map_or(b.len(), |e| e + 1), false)
        } else if next == b'/' && b.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name = name_at(b, start + 2);
            let end = find(html, start, ">").map_or(b.len(), |e| e + 1);
            let counted = !UNCOUNTED.contains(&name.as_str());
            let drop = counted && dropped > 0;
            if drop {
                dropped -= 1;
            } else if counted {
                depth = depth.saturating_sub(1);
            }
            (end, drop)
        } else if next.is_ascii_alphabetic() {
            let name = name_at(b, start + 1);
            let end = tag_end(b, start + 1 + name.len());
            let self_closing = end >= 2 && b[end - 2] == b'/';
            if RAW_TEXT.contains(&name.as_str()) {
                (raw_text_end(html, end, &name), false)
            } else if self_closing || UNCOUNTED.contains(&name.as_str()) {
                (end, false)
            } else if depth >= LIMIT {
                dropped += 1;
                (end, true)
            } else {
                depth += 1;
                (end, false)
            }
        } else {
            (start + 1, false)
        };
        if drop {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied..start]);
            copied = end;
        }
        i = end.max(start + 1);
        if i >= b.len() {
            break;
        }
    }
    match out {
        Some(mut buf) => {
            buf.push_str(&html[copied..]);
            Cow::Owned(buf)
        }
        None => Cow::Borrowed(html),
    }
}

/// The lowercase tag name starting at `from`.
fn name_at(b: &[u8], from: usize) -> String {
    b[from..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
        .map(|c| c.to_ascii_lowercase() as char)
        .collect()
}

/// Just past the `>` ending the start tag whose attributes start at
/// `from` (quoted values read whole), or the end of the text.
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return i + 1,
            b'=' => {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = b.get(i) {
                    i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                }
            }
            _ => i += 1,
        }
    }
    b.len()
}

/// Where the raw text opened by `<name …>` (ending at `from`) ends: just
/// past its end tag, or the end of the text.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while let Some(at) = find(html, i, "</") {
        let tag = at + 2;
        if b.len() >= tag + name.len()
            && b[tag..tag + name.len()].eq_ignore_ascii_case(name.as_bytes())
        {
            return find(html, tag, ">").map_or(b.len(), |e| e + 1);
        }
        i = tag;
    }
    b.len()
}

/// Byte offset of `needle` in `html` at or after `from`.
fn find(html: &str, from: usize, needle: &str) -> Option<usize> {
    memchr::memmem::find(&html.as_bytes()[from.min(html.len())..], needle.as_bytes())
        .map(|e| from + e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_within_the_limit_are_untouched() {
        let page = "<!DOCTYPE html><html><head><script>if (a<b) { x = '<div>'.repeat(9999); }</script>\
                    <style>a>b{}</style></head><body><div class=\"a>b\"><ul><li>one<li>two</ul>\
                    <!-- <div><div> --><p>x<br><img src=a.png/><table><tr><td>1<td>2</table></div></body></html>";
        assert!(matches!(limit(page), Cow::Borrowed(_)));
        let unclosed = format!("<body>{}</body>", "<li>item<p>para<td>cell".repeat(5000));
        assert!(matches!(limit(&unclosed), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut() {
        let n = 2000;
        let page = format!(
            "<body>{}<p>deep <b>text</b></p>{}<p>after</p></body>",
            "<div class='x'>".repeat(n),
            "</div>".repeat(n)
        );
        let cut = limit(&page);
        assert_eq!(cut.matches("<div").count(), LIMIT);
        assert_eq!(cut.matches("</div>").count(), LIMIT);
        // Past the limit, inline elements go too; their text stays.
        assert!(
            cut.contains("<p>deep text</p>") && cut.ends_with("<p>after</p></body>"),
            "{cut}"
        );
    }

    #[test]
    fn odd_endings_do_not_panic() {
        for page in [
            "<",
            "<a",
            "<a href=\"x",
            "</",
            "</a",
            "<!--",
            "<!",
            "<script>",
            "<script>x</scr",
            "é<é>",
        ] {
            let _ = limit(page);
        }
    }
}
