//! Text shared by every renderer: numbers and figures in words (in the
//! dossier's language, through [`Messages`]), links to a quote's words on
//! the original page (Text Fragments), and JSON that is safe inside
//! `<script>`. It takes model values and plain text and gives strings; it
//! depends on nothing else in the crate but the model and the messages, so
//! the pages, the charts, the data files and the search index all stand
//! above it and never import one another for these.

use crate::i18n::{Messages, Msg};
use crate::model::{Figure, Precision};
use serde::Serialize;

/// Formats a number for the reader: `10,000`, `2.5` (English), `10 000`,
/// `2,5` (French).
pub fn format_number(m: &Messages, v: f64) -> String {
    m.number(v)
}

/// A figure in words: `about 600`, `at least 10,000`, `10,000–12,000`.
pub fn format_figure(m: &Messages, f: &Figure) -> String {
    let v = f.value.unwrap_or(f.low);
    let n = |v: f64| m.number(v);
    let range =
        |low: f64, high: f64| m.fill(Msg::FigureRange, &[("low", &n(low)), ("high", &n(high))]);
    match f.precision {
        Precision::Exact if f.low != f.high => range(f.low, f.high),
        Precision::Exact => n(v),
        Precision::Approx => m.fill(Msg::FigureApprox, &[("value", &n(v))]),
        Precision::AtLeast => m.fill(Msg::FigureAtLeast, &[("value", &n(v))]),
        Precision::AtMost => m.fill(
            Msg::FigureAtMost,
            &[("value", &n(f.value.unwrap_or(f.high)))],
        ),
        Precision::Range => range(f.low, f.high),
    }
}

/// `url#:~:text=start,end` for a quote (Text Fragments): the whole quote
/// when short, else its first and last few words.
pub fn text_fragment_url(url: &str, quote: &str) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let mut out = String::with_capacity(base.len() + 9 + quote.len() * 2);
    out.push_str(base);
    out.push_str("#:~:text=");
    // Words joined by spaces, encoded as they go.
    let words = |out: &mut String, words: &mut dyn Iterator<Item = &str>| {
        for (k, w) in words.enumerate() {
            if k > 0 {
                out.push_str("%20");
            }
            fragment_encode_into(out, w);
        }
    };
    let all: Vec<&str> = quote.split_whitespace().collect();
    if all.len() <= 8 {
        words(&mut out, &mut all.iter().copied());
    } else {
        words(&mut out, &mut all[..4].iter().copied());
        out.push(',');
        words(&mut out, &mut all[all.len() - 4..].iter().copied());
    }
    out
}

/// Encodes a word for a text directive, appending to `out`: letters and
/// digits as they are (a browser percent-encodes a non-ASCII one as it
/// parses the link, to the same URL, and a quote in French or Russian
/// stays readable and a third shorter), everything else percent-encoded,
/// so `-`, `,` and `&` (which have meaning in the directive), spaces,
/// marks and invisible characters cannot change what the link says.
fn fragment_encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for c in s.chars() {
        if c.is_alphanumeric() || c == '.' || c == '_' || c == '~' {
            out.push(c);
        } else {
            for &b in c.encode_utf8(&mut [0; 4]).as_bytes() {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

/// JSON that is safe inside `<script>`: `<`, `>`, `&`, U+2028 and U+2029
/// escaped in strings (where alone they can appear).
pub fn script_safe_json(v: &impl Serialize) -> String {
    let mut out = Vec::new();
    script_safe_json_into(&mut out, v);
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// [`script_safe_json`] appended to `out`, escaped as it is serialised (the
/// index of a big dossier is tens of megabytes: no second copy).
pub fn script_safe_json_into(out: &mut Vec<u8>, v: &impl Serialize) {
    let mut ser = serde_json::Serializer::with_formatter(out, ScriptSafe);
    v.serialize(&mut ser).expect("JSON serialises");
}

/// Compact JSON whose string fragments get the script-safe escapes.
struct ScriptSafe;

impl serde_json::ser::Formatter for ScriptSafe {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut last = 0;
        let mut at = 0;
        while at < bytes.len() {
            let (escaped, len) = match bytes[at] {
                b'<' => ("\\u003c", 1),
                b'>' => ("\\u003e", 1),
                b'&' => ("\\u0026", 1),
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA8) => {
                    ("\\u2028", 3)
                }
                0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA9) => {
                    ("\\u2029", 3)
                }
                _ => {
                    at += 1;
                    continue;
                }
            };
            w.write_all(&bytes[last..at])?;
            w.write_all(escaped.as_bytes())?;
            at += len;
            last = at;
        }
        w.write_all(&bytes[last..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FigureStatus;

    #[test]
    fn numbers_and_figures_read_naturally() {
        let m = Messages::neutral();
        assert_eq!(format_number(m, 10000.0), "10,000");
        assert_eq!(format_number(m, 600.0), "600");
        assert_eq!(format_number(m, 1234567.0), "1,234,567");
        assert_eq!(format_number(m, 2.5), "2.5");
        let f = |precision, low: f64, high: f64, value| Figure {
            metric: 0,
            low,
            high,
            value,
            precision,
            status: FigureStatus::Reported,
            as_of: None,
        };
        assert_eq!(
            format_figure(m, &f(Precision::Approx, 600.0, 600.0, Some(600.0))),
            "about 600"
        );
        assert_eq!(
            format_figure(m, &f(Precision::AtLeast, 1e4, 1e4, Some(1e4))),
            "at least 10,000"
        );
        assert_eq!(
            format_figure(m, &f(Precision::AtMost, 25e3, 25e3, Some(25e3))),
            "up to 25,000"
        );
        assert_eq!(
            format_figure(m, &f(Precision::Range, 1e4, 12e3, None)),
            "10,000–12,000"
        );
    }

    #[test]
    fn text_fragments_encode_directive_characters() {
        assert_eq!(
            text_fragment_url("https://e.org/a#top", "1 000 démineurs, à Koursk"),
            "https://e.org/a#:~:text=1%20000%20démineurs%2C%20à%20Koursk"
        );
        assert_eq!(
            text_fragment_url(
                "https://e.org/a",
                "un deux trois quatre cinq six sept huit neuf dix"
            ),
            "https://e.org/a#:~:text=un%20deux%20trois%20quatre,sept%20huit%20neuf%20dix"
        );
    }

    /// A browser parses the link to the URL it would with every byte
    /// outside unreserved ASCII percent-encoded (the WHATWG parser, as the
    /// `url` crate implements it), and the link is a valid URL (no
    /// validation error).
    #[test]
    fn text_fragments_parse_as_the_percent_encoded_url() {
        let all_encoded = |q: &str| {
            let mut out = String::new();
            for (k, w) in q.split_whitespace().enumerate() {
                if k > 0 {
                    out.push_str("%20");
                }
                for b in w.bytes() {
                    if b.is_ascii_alphanumeric() || b"._~".contains(&b) {
                        out.push(char::from(b));
                    } else {
                        out.push_str(&format!("%{b:02X}"));
                    }
                }
            }
            out
        };
        for q in [
            "1 000 démineurs, à Koursk",
            "Северная Корея отправила войска",
            "朝鲜 向 俄罗斯 派兵",
            "l’été « 2024 » — a\u{200b}b c\u{fdd0}d e&f-g,h",
        ] {
            let ours = text_fragment_url("https://e.org/a", q);
            let errors = std::cell::RefCell::new(Vec::new());
            let parsed = url::Url::options()
                .syntax_violation_callback(Some(&|v| errors.borrow_mut().push(v)))
                .parse(&ours)
                .unwrap();
            assert_eq!(errors.borrow().len(), 0, "{ours}: {:?}", errors.borrow());
            assert_eq!(
                parsed.fragment(),
                Some(format!(":~:text={}", all_encoded(q)).as_str()),
                "{q}"
            );
        }
    }

    #[test]
    fn script_safe_json_cannot_break_out() {
        let s = script_safe_json(&serde_json::json!({ "t": "</script><script>alert(1)</script>" }));
        assert!(!s.contains("</script"));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "</script><script>alert(1)</script>");
        let all = "a<b>c&d\u{2028}e\u{2029}f\u{2027}é\"\\";
        let s = script_safe_json(&serde_json::json!({ "<k>": all }));
        // U+2027 is left alone; quotes and backslashes keep JSON's escapes.
        let expected = r#"{"\u003ck\u003e":"a\u003cb\u003ec\u0026d\u2028e\u2029fX\u00e9\"\\"}"#
            .replace("X", "\u{2027}")
            .replace("\\u00e9", "é");
        assert_eq!(s, expected);
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["<k>"], all);
    }
}
