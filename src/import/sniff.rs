//! Is it a web page? Decides from a page's bytes and its decoded text,
//! before anything is parsed, so that an image or a text file is refused
//! with a clear message instead of becoming an article.
//!
//! The rule, adapted from the WHATWG MIME Sniffing Standard's "rules for
//! identifying an unknown MIME type":
//! - a file with no text (no bytes, or only white space) is empty;
//! - a file whose first [`HEADER`] bytes hold a *binary data byte* (a
//!   control character other than tab, line feed, form feed, carriage
//!   return and escape) is binary, unless it starts with a UTF-16
//!   byte-order mark;
//! - otherwise it is HTML if, after white space and an optional XML
//!   declaration (`<?xml …?>`, for XHTML), it starts with `<!DOCTYPE html`,
//!   a comment (`<!--`, as browsers' "saved from" notes are), or the start
//!   tag of an element that opens HTML pages (`<html`, `<head`, `<body`,
//!   `<meta`, `<title`, `<p`, `<div`, … see [`OPENING_TAGS`]); anything
//!   else (plain text, Markdown, JSON, RSS) is not.

use std::fmt;

/// Bytes looked at for binary data (the standard's resource header).
pub const HEADER: usize = 1445;

/// Elements whose start tag may open an HTML page: the standard's list
/// (`html` … `p`), and the elements of HTML5 heads and page skeletons.
pub const OPENING_TAGS: &[&str] = &[
    // WHATWG MIME Sniffing, 7.1.
    "html",
    "head",
    "script",
    "iframe",
    "h1",
    "div",
    "font",
    "table",
    "a",
    "style",
    "title",
    "b",
    "body",
    "br",
    "p", // Heads and skeletons.
    "meta",
    "link",
    "base",
    "noscript",
    "template",
    "main",
    "article",
    "section",
    "header",
    "nav",
    "aside",
    "footer",
    "span",
    "ul",
    "ol",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "blockquote",
    "center",
    "form",
    "frameset",
    "figure",
    "img",
    "hr",
    "i",
    "em",
    "strong",
];

/// Why a file is not an HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotHtml {
    /// No bytes, or only white space.
    Empty,
    /// A binary data byte at `offset`.
    Binary {
        /// The byte.
        byte: u8,
        /// Where.
        offset: usize,
    },
    /// Text that does not start like an HTML page.
    Text {
        /// Its first characters, on one line.
        start: String,
    },
}

impl fmt::Display for NotHtml {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotHtml::Empty => f.write_str("it is empty"),
            NotHtml::Binary { byte, offset } => write!(
                f,
                "it holds binary data (byte 0x{byte:02X} at offset {offset}), as an image or a PDF does"
            ),
            NotHtml::Text { start } => write!(
                f,
                "it starts with `{start}`, not with `<!DOCTYPE html>`, `<html>` or another HTML tag"
            ),
        }
    }
}

/// Checks that `bytes`, decoded as `text`, are an HTML page.
pub fn check(bytes: &[u8], text: &str) -> Result<(), NotHtml> {
    let rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if rest.is_empty() {
        return Err(NotHtml::Empty);
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16
        && let Some(offset) = bytes[..bytes.len().min(HEADER)]
            .iter()
            .position(|&b| is_binary_byte(b))
    {
        return Err(NotHtml::Binary {
            byte: bytes[offset],
            offset,
        });
    }
    if opens_html(rest) {
        Ok(())
    } else {
        Err(NotHtml::Text {
            start: excerpt(rest),
        })
    }
}

/// The standard's binary data bytes: 0x00–0x08, 0x0B, 0x0E–0x1A, 0x1C–0x1F.
fn is_binary_byte(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0B | 0x0E..=0x1A | 0x1C..=0x1F)
}

/// Whether `text` (without leading white space) opens an HTML page.
fn opens_html(text: &str) -> bool {
    let mut rest = text;
    if starts_with_ci(rest, "<?xml") {
        let Some(end) = rest.find("?>") else {
            return false;
        };
        rest = rest[end + 2..].trim_start();
    }
    if rest.starts_with("<!--") {
        return true;
    }
    if starts_with_ci(rest, "<!doctype") {
        let after = &rest["<!doctype".len()..];
        let name = after.trim_start();
        return name.len() < after.len() && starts_with_ci(name, "html");
    }
    let Some(tag) = rest.strip_prefix('<') else {
        return false;
    };
    let end = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let (name, after) = tag.split_at(end);
    let terminated =
        after.is_empty() || after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/');
    terminated && OPENING_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// The first characters of `text`, white space collapsed, for a message.
fn excerpt(text: &str) -> String {
    let words: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(41)
        .collect();
    if words.chars().count() > 40 {
        format!("{}…", words.chars().take(40).collect::<String>())
    } else {
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sniff(s: &str) -> Result<(), NotHtml> {
        check(s.as_bytes(), s)
    }

    #[test]
    fn pages_browsers_save() {
        for page in [
            "<!DOCTYPE html><html><body><p>x",
            "<!doctype HTML>\n<title>x</title>",
            "\u{FEFF}  \n<html lang=fr>",
            "<!-- saved from url=(0042)https://example.org/ -->\n<html>",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\">",
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE html><html>",
            "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">",
            "<HTML>",
            "<meta charset=utf-8><p>fragment",
            "<p>",
            "<div class=x>",
            "<br/>",
            "<h1>Title</h1>",
        ] {
            assert_eq!(sniff(page), Ok(()), "{page:?}");
        }
    }

    #[test]
    fn text_that_is_not_html() {
        for (text, start) in [
            (
                "Hello, this is a plain text note.",
                "Hello, this is a plain text note.",
            ),
            ("# A Markdown title\n\nText.", "# A Markdown title Text."),
            ("{\"a\": 1}", "{\"a\": 1}"),
            (
                "<?xml version=\"1.0\"?><rss version=\"2.0\">",
                "<?xml version=\"1.0\"?><rss version=\"2.0\">",
            ),
            ("<3 you", "<3 you"),
            ("<pa>", "<pa>"),
            ("<!doctypehtml>", "<!doctypehtml>"),
            ("<?xml never closed <html>", "<?xml never closed <html>"),
        ] {
            assert_eq!(
                sniff(text),
                Err(NotHtml::Text {
                    start: start.into()
                }),
                "{text:?}"
            );
        }
        let long = "word ".repeat(30);
        let Err(NotHtml::Text { start }) = sniff(&long) else {
            panic!("not refused");
        };
        assert_eq!(start, format!("{}…", &long[..40]));
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(sniff(""), Err(NotHtml::Empty));
        assert_eq!(sniff(" \n\t\u{FEFF}"), Err(NotHtml::Empty));
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert_eq!(
            check(png, &String::from_utf8_lossy(png)),
            Err(NotHtml::Binary {
                byte: 0x1A,
                offset: 6
            })
        );
        let html_then_nul = b"<html>\x00";
        assert_eq!(
            check(html_then_nul, "<html>\0"),
            Err(NotHtml::Binary { byte: 0, offset: 6 })
        );
        // Escape (0x1B) and form feed are text; UTF-16 has NUL bytes.
        assert_eq!(check(b"<p>\x1b\x0c", "<p>\u{1b}\u{c}"), Ok(()));
        assert_eq!(check(b"\xFF\xFE<\x00p\x00>\x00", "<p>"), Ok(()));
    }
}
