//! What `serve` adds to the HTML pages it serves (never to the files):
//! the live-reload script. The page's Content Security Policy, if any, is
//! widened just enough for it: same-origin scripts and connections.

use super::SCRIPT_URL;

/// Adds the reload script to an HTML page and lets its Content Security
/// Policy (if any) load a same-origin script and open the event stream.
pub fn inject(html: &[u8], build_id: &str) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(html) else {
        return html.to_vec();
    };
    let mut page = allow_reload_in_csp(text);
    let tag = format!(
        "<script src=\"{SCRIPT_URL}\" data-build=\"{}\"></script>\n",
        build_id.replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "")
    );
    match rfind_ascii_ci(&page, "</body") {
        Some(at) => page.insert_str(at, &tag),
        None => page.push_str(&tag),
    }
    page.into_bytes()
}

fn rfind_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (0..=h.len().checked_sub(n.len())?)
        .rev()
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

fn find_ascii_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    (from..=h.len().checked_sub(n.len())?).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Rewrites the `content` of every `<meta http-equiv="Content-Security-Policy">`.
fn allow_reload_in_csp(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut done = 0;
    let mut from = 0;
    while let Some(at) = find_ascii_ci(html, "<meta", from) {
        let (attrs, end) = scan_attrs(html, at + "<meta".len());
        from = end.max(at + 1);
        let is_csp = attrs.iter().any(|(name, range)| {
            name.eq_ignore_ascii_case("http-equiv")
                && html[range.clone()]
                    .trim()
                    .eq_ignore_ascii_case("content-security-policy")
        });
        let content = attrs
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("content"));
        if let (true, Some((_, range))) = (is_csp, content) {
            out.push_str(&html[done..range.start]);
            out.push_str(&relax_csp(&html[range.clone()]));
            done = range.end;
        }
    }
    out.push_str(&html[done..]);
    out
}

/// The attributes of a start tag from `i` (just after its name): names and
/// the byte ranges of their values; and the offset after the tag's `>`.
fn scan_attrs(html: &str, mut i: usize) -> (Vec<(&str, std::ops::Range<usize>)>, usize) {
    let b = html.as_bytes();
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
        let name = &html[name_start..i];
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
/// reload script and its event stream); everything else is kept.
pub fn relax_csp(policy: &str) -> String {
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
    for name in ["script-src-elem", "script-src", "connect-src"] {
        match directives
            .iter_mut()
            .find(|d| d[0].eq_ignore_ascii_case(name))
        {
            Some(d) if !allows_self(d) => {
                d.retain(|t| !t.eq_ignore_ascii_case("'none'"));
                d.push("'self'".into());
            }
            Some(_) => {}
            None if default_denies && name != "script-src-elem" => {
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

    #[test]
    fn csp_gains_connect_src_only() {
        let base = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'self'; form-action 'self'";
        assert_eq!(relax_csp(base), format!("{base}; connect-src 'self'"));
        assert_eq!(
            relax_csp("default-src 'self'"),
            "default-src 'self'",
            "already allowed"
        );
        assert_eq!(
            relax_csp("script-src 'none'; connect-src https://x"),
            "script-src 'self'; connect-src https://x 'self'"
        );
        assert_eq!(relax_csp("img-src 'self'"), "img-src 'self'");
    }

    #[test]
    fn injects_script_and_csp() {
        let page = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'\"></head><body><p>x</p></body></html>";
        let out = String::from_utf8(inject(page.as_bytes(), "ab-1")).unwrap();
        assert!(
            out.contains("content=\"default-src 'none'; script-src 'self'; connect-src 'self'\"")
        );
        assert!(out.contains(
            "<p>x</p><script src=\"/__dossier/reload.js\" data-build=\"ab-1\"></script>\n</body>"
        ));
        let described = "<meta name=\"description\" content=\"a; Content-Security-Policy; b\">\n<META HTTP-EQUIV=content-security-policy CONTENT=\"default-src 'none'\">";
        let out = String::from_utf8(inject(described.as_bytes(), "1")).unwrap();
        assert!(
            out.starts_with(
                "<meta name=\"description\" content=\"a; Content-Security-Policy; b\">\n<META HTTP-EQUIV=content-security-policy CONTENT=\"default-src 'none'; script-src 'self'; connect-src 'self'\">"
            ),
            "{out}"
        );
        let bare = String::from_utf8(inject(b"<p>no body", "1")).unwrap();
        assert!(bare.ends_with("</script>\n"));
    }
}
