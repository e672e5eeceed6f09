//! What `serve` adds to the HTML pages it serves (never to the files):
//! the live-reload script on every page and, on article pages asked for
//! by the server's own address, the annotation panel (its stylesheet, its
//! strings, and its script carrying the session token). The page's
//! Content Security Policy, if any, is widened just enough for them:
//! same-origin scripts, styles and connections. In: the page's bytes as
//! read; out: the page as the [`Pieces`] it is sent in, which share the
//! page's bytes instead of copying them (a list page is 18 MB at 10,000
//! articles): only its head is read and written again.

use super::{PANEL_CSS_URL, PANEL_JS_URL, SCRIPT_URL};
use hyper::body::{Body, Bytes, Frame, SizeHint};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The annotation panel of an article page.
pub struct Panel<'a> {
    /// The session token (hex).
    pub token: &'a str,
    /// The article's slug.
    pub article: &'a str,
    /// The panel's strings, as JSON safe in `<script>`.
    pub strings: &'a str,
}

/// A response's body in pieces, sent in order; its length is known.
pub struct Pieces(VecDeque<Bytes>);

impl Body for Pieces {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.get_mut().0.pop_front().map(|b| Ok(Frame::data(b))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.0.iter().map(|b| b.len() as u64).sum())
    }
}

impl Pieces {
    /// The whole body, for tests.
    #[cfg(test)]
    pub(crate) fn concat(&self) -> Vec<u8> {
        self.0.iter().flat_map(|b| b.iter().copied()).collect()
    }
}

/// Adds the reload script (given the error overlay's `words`, JSON, in its
/// `data-l10n` when there are any; and the annotation `panel`, if any) to
/// an HTML page, and lets its Content Security Policy load them. A policy
/// is read in the page's head alone, where a browser obeys it (up to
/// `<body`): the rest of the page is sent as it was read.
pub fn inject(html: Bytes, build_id: &str, words: &str, panel: Option<&Panel<'_>>) -> Pieces {
    // Near the end: found from there.
    let at = rfind_ascii_ci(&html, b"</body").unwrap_or(html.len());
    let head = find_ascii_ci(&html[..at], b"<body", 0).unwrap_or(at);
    let policy = allow_in_csp(&html[..head], panel.is_some());
    let clean = |s: &str| s.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "");
    let l10n = if words.is_empty() {
        String::new()
    } else {
        format!(" data-l10n=\"{}\"", crate::markdown::escape(words))
    };
    let mut tags = format!(
        "<script src=\"{SCRIPT_URL}\" data-build=\"{}\"{l10n}></script>\n",
        clean(build_id)
    );
    if let Some(p) = panel {
        tags.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{PANEL_CSS_URL}\">\n\
             <script type=\"application/json\" id=\"dossier-annotate-strings\">{}</script>\n\
             <script src=\"{PANEL_JS_URL}\" data-token=\"{}\" data-article=\"{}\"></script>\n",
            p.strings,
            clean(p.token),
            clean(p.article)
        ));
    }
    let pieces = [
        Bytes::from(policy),
        html.slice(head..at),
        Bytes::from(tags),
        html.slice(at..),
    ];
    Pieces(pieces.into_iter().filter(|b| !b.is_empty()).collect())
}

/// Where `needle` (ASCII) last occurs in `hay`, ignoring ASCII case: the
/// candidates are found by their first byte (`memchr`), then compared.
fn rfind_ascii_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memrchr2_iter(lower, upper, hay).find(|&i| {
        hay.get(i..i + needle.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(needle))
    })
}

/// Where `needle` (ASCII) first occurs in `hay` from `from` on, ignoring
/// ASCII case (as [`rfind_ascii_ci`] finds it).
fn find_ascii_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let (lower, upper) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lower, upper, hay.get(from..)?)
        .map(|i| from + i)
        .find(|&i| {
            hay.get(i..i + needle.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(needle))
        })
}

/// Rewrites the `content` of every `<meta http-equiv="Content-Security-Policy">`
/// ([`relax_csp`]). The page is taken as bytes (a policy that is not
/// UTF-8 is left as it is): pages run to megabytes, and only the tags
/// are read.
fn allow_in_csp(html: &[u8], styles: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len() + 1024);
    let mut done = 0;
    let mut from = 0;
    while let Some(at) = find_ascii_ci(html, b"<meta", from) {
        let (attrs, end) = scan_attrs(html, at + "<meta".len());
        from = end.max(at + 1);
        let is_csp = attrs.iter().any(|(name, range)| {
            name.eq_ignore_ascii_case(b"http-equiv")
                && html[range.clone()]
                    .trim_ascii()
                    .eq_ignore_ascii_case(b"content-security-policy")
        });
        let content = attrs
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(b"content"))
            .and_then(|(_, range)| Some((range, std::str::from_utf8(&html[range.clone()]).ok()?)));
        if let (true, Some((range, policy))) = (is_csp, content) {
            out.extend_from_slice(&html[done..range.start]);
            out.extend_from_slice(relax_csp(policy, styles).as_bytes());
            done = range.end;
        }
    }
    out.extend_from_slice(&html[done..]);
    out
}

/// A start tag's attributes: names and the byte ranges of their values.
type Attrs<'a> = Vec<(&'a [u8], std::ops::Range<usize>)>;

/// The attributes of a start tag from `i` (just after its name), and the
/// offset after the tag's `>`.
fn scan_attrs(b: &[u8], mut i: usize) -> (Attrs<'_>, usize) {
    let mut attrs = Vec::new();
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (attrs, (i + 1).min(b.len()));
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = &b[name_start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = i..i;
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let start = i + 1;
                let end = b[start..]
                    .iter()
                    .position(|&c| c == quote)
                    .map_or(b.len(), |p| start + p);
                value = start..end;
                i = (end + 1).min(b.len());
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = start..i;
            }
        }
        attrs.push((name, value));
    }
}

/// Makes sure a policy allows `'self'` for scripts and connections (the
/// reload script and its event stream) and, with `styles`, stylesheets
/// (the panel's); everything else is kept.
pub fn relax_csp(policy: &str, styles: bool) -> String {
    let mut directives: Vec<Vec<String>> = policy
        .split(';')
        .map(|d| d.split_ascii_whitespace().map(str::to_string).collect())
        .filter(|d: &Vec<String>| !d.is_empty())
        .collect();
    let allows_self = |d: &[String]| {
        d[1..]
            .iter()
            .any(|t| t.eq_ignore_ascii_case("'self'") || t == "*")
    };
    let default_denies = directives
        .iter()
        .find(|d| d[0].eq_ignore_ascii_case("default-src"))
        .is_some_and(|d| !allows_self(d));
    let wanted: &[&str] = if styles {
        &[
            "script-src-elem",
            "script-src",
            "connect-src",
            "style-src-elem",
            "style-src",
        ]
    } else {
        &["script-src-elem", "script-src", "connect-src"]
    };
    for &name in wanted {
        match directives
            .iter_mut()
            .find(|d| d[0].eq_ignore_ascii_case(name))
        {
            Some(d) if !allows_self(d) => {
                d.retain(|t| !t.eq_ignore_ascii_case("'none'"));
                d.push("'self'".into());
            }
            Some(_) => {}
            None if default_denies && !name.ends_with("-elem") => {
                directives.push(vec![name.into(), "'self'".into()]);
            }
            None => {}
        }
    }
    directives
        .iter()
        .map(|d| d.join(" "))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The searches against a plain scan of every offset (of bytes: any
    /// offset is a start).
    #[test]
    fn searches_find_what_a_plain_scan_finds() {
        let plain = |h: &str, n: &str, from: usize| {
            let (h, n) = (h.as_bytes(), n.as_bytes());
            (from..=h.len().checked_sub(n.len())?)
                .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
        };
        let plain_last = |h: &str, n: &str| {
            (0..=h.len().checked_sub(n.len())?)
                .rev()
                .find(|&i| h.as_bytes()[i..i + n.len()].eq_ignore_ascii_case(n.as_bytes()))
        };
        let hays = [
            "",
            "<",
            "<meta",
            "<META charset=x><Meta><body></BODY></body",
            "x<me<meta<<meta",
            "é<mEta>ü</bodY>",
            "</body",
            "abc",
        ];
        for h in hays {
            for n in ["<meta", "</body", "<", "abc", "b"] {
                assert_eq!(
                    rfind_ascii_ci(h.as_bytes(), n.as_bytes()),
                    plain_last(h, n),
                    "{h:?} {n:?}"
                );
                for from in 0..=h.len() + 1 {
                    let found = find_ascii_ci(h.as_bytes(), n.as_bytes(), from);
                    assert_eq!(found, plain(h, n, from), "{h:?} {n:?} {from}");
                }
            }
        }
    }

    #[test]
    fn csp_gains_connect_src_only() {
        let base = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'";
        assert_eq!(
            relax_csp(base, false),
            format!("{base}; connect-src 'self'")
        );
        assert_eq!(
            relax_csp("default-src 'self'", false),
            "default-src 'self'",
            "already allowed"
        );
        assert_eq!(
            relax_csp("script-src 'none'; connect-src https://x", false),
            "script-src 'self'; connect-src https://x 'self'"
        );
        assert_eq!(relax_csp("img-src 'self'", false), "img-src 'self'");
    }

    #[test]
    fn injects_script_and_csp() {
        let page = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(page.into(), "ab-1", "", None).concat()).unwrap();
        assert!(
            out.contains("content=\"default-src 'none'; script-src 'self'; connect-src 'self'\"")
        );
        assert!(out.contains(
            "<p>x</p><script src=\"/__dossier/reload.js\" data-build=\"ab-1\"></script>\n</body>"
        ));
        let described = "<meta name=\"description\" content=\"a; Content-Security-Policy; b\">\n<META HTTP-EQUIV=content-security-policy CONTENT=\"default-src 'none'\">";
        let out = String::from_utf8(inject(described.into(), "1", "", None).concat()).unwrap();
        assert!(
            out.starts_with(
                "<meta name=\"description\" content=\"a; Content-Security-Policy; b\">\n<META HTTP-EQUIV=content-security-policy CONTENT=\"default-src 'none'; script-src 'self'; connect-src 'self'\">"
            ),
            "{out}"
        );
        let bare =
            String::from_utf8(inject(Bytes::from_static(b"<p>no body"), "1", "", None).concat())
                .unwrap();
        assert!(bare.ends_with("</script>\n"));
        // A page that is not all UTF-8 gets the script all the same.
        let latin = inject(Bytes::from_static(b"<p>caf\xe9</p></body>"), "1", "", None).concat();
        assert!(
            latin.starts_with(b"<p>caf\xe9</p><script src="),
            "{latin:?}"
        );
        assert!(latin.ends_with(b"</script>\n</body>"));
        // A policy in the body is not obeyed: left as it is, the page's
        // bytes after its head sent as they were; the length is known.
        let late = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\"></head><body><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\"><p>x</p></body></html>";
        let pieces = inject(late.into(), "1", "", None);
        let out = String::from_utf8(pieces.concat()).unwrap();
        assert_eq!(
            out.matches("content=\"script-src 'self'\"").count(),
            1,
            "{out}"
        );
        assert!(out.contains("<body><meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'\"><p>x</p><script"));
        assert_eq!(pieces.size_hint().exact(), Some(out.len() as u64));
    }

    #[test]
    fn panel_only_when_asked() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body><p>x</p></body></html>";
        let panel = Panel {
            token: "00ff\"><x",
            article: "a-1",
            strings: "{\"k\":\"v\"}",
        };
        let out = String::from_utf8(inject(page.into(), "1", "", Some(&panel)).concat()).unwrap();
        assert!(out.contains(
            "content=\"default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'\""
        ), "{out}");
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/__dossier/annotate.css\">"));
        assert!(out.contains("<script type=\"application/json\" id=\"dossier-annotate-strings\">{\"k\":\"v\"}</script>"));
        assert!(out.contains(
            "<script src=\"/__dossier/annotate.js\" data-token=\"00ffx\" data-article=\"a-1\"></script>\n</body>"
        ), "attributes keep only safe characters: {out}");
        let plain = String::from_utf8(inject(page.into(), "1", "", None).concat()).unwrap();
        assert!(!plain.contains("annotate") && !plain.contains("style-src"));
        assert_eq!(
            relax_csp("default-src 'none'; style-src 'none'", true),
            "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'"
        );
    }
}
