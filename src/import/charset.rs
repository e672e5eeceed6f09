//! Page bytes → text, decoded as a browser decodes them (the WHATWG
//! Encoding Standard, implemented by encoding_rs).
//!
//! The encoding is, in this order: the one a byte-order mark names; the
//! `charset` of the HTTP Content-Type (fetched pages); the one a
//! `<meta charset>` or `<meta http-equiv="Content-Type">` declares in the
//! first [`META_SCAN`] bytes; UTF-8 if the bytes are valid UTF-8; else the
//! guess of chardetng (Firefox's detector). Bytes that are not valid in the
//! chosen encoding become U+FFFD, and [`Decoded::malformed`] says so.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::fmt;

/// How far into the page a `<meta>` charset is looked for (browsers look at
/// 1,024 bytes first, then again while parsing the head; 64 KiB covers
/// pages whose head starts with long scripts).
pub const META_SCAN: usize = 64 * 1024;

/// Most bytes handed to chardetng for a guess.
const GUESS_SCAN: usize = 1024 * 1024;

/// What decided the encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeclaredBy {
    /// A byte-order mark.
    Bom,
    /// The HTTP Content-Type header.
    Http,
    /// A `<meta>` element of the page.
    Meta,
    /// Nothing: the bytes are valid UTF-8.
    ValidUtf8,
    /// Nothing: chardetng's guess.
    Guess,
}

impl fmt::Display for DeclaredBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DeclaredBy::Bom => "from its byte-order mark",
            DeclaredBy::Http => "from the HTTP Content-Type",
            DeclaredBy::Meta => "declared in a <meta> element",
            DeclaredBy::ValidUtf8 => "not declared; the bytes are valid UTF-8",
            DeclaredBy::Guess => "not declared; guessed from the bytes",
        })
    }
}

/// A page's text and how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// What chose it.
    pub declared_by: DeclaredBy,
    /// Some bytes were not valid in that encoding (replaced by U+FFFD).
    pub malformed: bool,
}

/// Decodes `bytes`, with the HTTP `Content-Type` header if there is one.
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    let (encoding, declared_by, skip) = choose(bytes, content_type);
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes[skip..]);
    Decoded {
        text: text.into_owned(),
        encoding,
        declared_by,
        malformed,
    }
}

/// The encoding, what chose it, and the length of the byte-order mark.
fn choose(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, DeclaredBy, usize) {
    if let Some((encoding, len)) = Encoding::for_bom(bytes) {
        return (encoding, DeclaredBy::Bom, len);
    }
    if let Some(encoding) = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
    {
        return (encoding, DeclaredBy::Http, 0);
    }
    if let Some(encoding) = meta_charset(&bytes[..bytes.len().min(META_SCAN)]) {
        return (encoding, DeclaredBy::Meta, 0);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return (UTF_8, DeclaredBy::ValidUtf8, 0);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes[..bytes.len().min(GUESS_SCAN)], true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    (guess, DeclaredBy::Guess, 0)
}

/// The `charset` parameter of a Content-Type value
/// (`text/html; charset="utf-8"` → `utf-8`).
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        if !key.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then_some(value)
    })
}

/// The encoding declared by the first `<meta>` of `head` (the start of a
/// page) that declares one it knows. The bytes are read as windows-1252,
/// which maps every byte and agrees with ASCII, in which the declaration
/// is written; a declared UTF-16 means UTF-8, as the standard says (the
/// page would not be readable as ASCII otherwise).
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(head);
    let doc = dom_query::Document::from(super::nesting::limit(&text).as_ref());
    doc.select("meta").nodes().iter().find_map(|meta| {
        let label = match meta.attr("charset") {
            Some(charset) => charset.to_string(),
            None => {
                let equiv = meta.attr("http-equiv")?;
                if !equiv.trim().eq_ignore_ascii_case("content-type") {
                    return None;
                }
                charset_param(&meta.attr("content")?)?.to_string()
            }
        };
        Encoding::for_label(label.trim().as_bytes()).map(Encoding::output_encoding)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameter() {
        assert_eq!(charset_param("text/html; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(
            charset_param("text/html;charset=\"windows-1252\""),
            Some("windows-1252")
        );
        assert_eq!(
            charset_param("text/html; Charset = 'koi8-r' ; x=y"),
            Some("koi8-r")
        );
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("text/html; charset="), None);
    }

    #[test]
    fn order_of_declarations() {
        // BOM beats everything.
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(b"<meta charset=windows-1252><p>caf\xC3\xA9");
        let d = decode(&bytes, Some("text/html; charset=iso-8859-2"));
        assert_eq!((d.encoding, d.declared_by), (UTF_8, DeclaredBy::Bom));
        assert!(d.text.starts_with("<meta") && d.text.ends_with("café"));

        // HTTP beats meta.
        let d = decode(
            b"<meta charset=utf-8><p>caf\xE9",
            Some("text/html; charset=windows-1252"),
        );
        assert_eq!(
            (d.encoding, d.declared_by),
            (WINDOWS_1252, DeclaredBy::Http)
        );
        assert!(d.text.ends_with("café") && !d.malformed);

        // An unknown HTTP label is skipped.
        let d = decode(
            b"<meta charset=windows-1252><p>caf\xE9",
            Some("text/html; charset=nope"),
        );
        assert_eq!(d.declared_by, DeclaredBy::Meta);
    }

    #[test]
    fn meta_forms() {
        let d = decode(
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>\x93x\x94</title>",
            None,
        );
        assert_eq!(
            (d.encoding, d.declared_by),
            (WINDOWS_1252, DeclaredBy::Meta)
        );
        assert!(d.text.contains("\u{201c}x\u{201d}"));
        // `latin1` is windows-1252 for the web; UTF-16 in a meta means UTF-8.
        assert_eq!(
            decode(b"<meta charset='latin1'>", None).encoding,
            WINDOWS_1252
        );
        assert_eq!(
            decode(b"<meta charset=utf-16le>\xC3\xA9", None).encoding,
            UTF_8
        );
        // An unknown label, then a good one.
        let d = decode(b"<meta charset=bogus><meta charset=koi8-r>\xC1", None);
        assert_eq!(d.encoding.name(), "KOI8-R");
    }

    #[test]
    fn undeclared_pages() {
        let d = decode("<p>déjà</p>".as_bytes(), None);
        assert_eq!((d.encoding, d.declared_by), (UTF_8, DeclaredBy::ValidUtf8));
        let d = decode(
            b"<p>Le gouvernement nord-cor\xE9en a sign\xE9 un accord avec la Russie, \xE0 Moscou.</p>",
            None,
        );
        assert_eq!(d.declared_by, DeclaredBy::Guess);
        assert!(d.text.contains("nord-coréen a signé"), "{}", d.text);
    }

    #[test]
    fn malformed_bytes_are_replaced() {
        let d = decode(b"<meta charset=utf-8><p>caf\xE9 \xFF", None);
        assert!(d.malformed);
        assert!(d.text.ends_with("caf\u{FFFD} \u{FFFD}"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<p>é</p>".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, None);
        assert_eq!(d.encoding.name(), "UTF-16LE");
        assert_eq!(d.text, "<p>é</p>");
    }
}
