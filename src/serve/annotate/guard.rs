//! Who may call the annotation endpoints: only the server's own pages.
//! A request is admitted when it is a POST whose `Host` is the server's
//! own address (`127.0.0.1:PORT` or `localhost:PORT`: a page of another
//! site whose name resolves to 127.0.0.1 sends its own name), whose
//! `Origin` is present and is that same address (a page of another site
//! sends its own origin; a form posted from elsewhere too), which carries
//! the session token (put in the served pages only, so a page that cannot
//! read ours cannot send it), and whose body is JSON within
//! [`MAX_BODY`]. Everything is checked before the body is read.

use super::Answer;

/// Largest request body.
pub const MAX_BODY: usize = 64 * 1024;

/// The parts of a request head the guard looks at (`None`: absent, or not
/// visible ASCII).
#[derive(Debug, Clone, Copy, Default)]
pub struct Head<'a> {
    /// Method.
    pub method: &'a str,
    /// `Host`.
    pub host: Option<&'a str>,
    /// `Origin`.
    pub origin: Option<&'a str>,
    /// The token header.
    pub token: Option<&'a str>,
    /// `Content-Type`.
    pub content_type: Option<&'a str>,
    /// `Content-Length`.
    pub content_length: Option<&'a str>,
}

/// Whether `host` (a `Host` header) names this server on `port`.
pub fn is_own_host(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else { return false };
    let Some((name, p)) = host.rsplit_once(':') else {
        return false;
    };
    p == port.to_string() && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost"))
}

/// Admits a request to an annotation endpoint of the server on `port`
/// whose session token is `token`, or says why not.
pub fn admit(head: &Head<'_>, port: u16, token: &str) -> Result<(), Answer> {
    if head.method != "POST" {
        return Err(Answer::refused(405, "annotation requests are POST"));
    }
    if !is_own_host(head.host, port) {
        return Err(Answer::refused(
            403,
            &format!("refused: the Host header must be 127.0.0.1:{port} or localhost:{port}"),
        ));
    }
    let own_origin = format!("http://{}", head.host.unwrap_or_default());
    match head.origin {
        Some(o) if o.eq_ignore_ascii_case(&own_origin) => {}
        Some(_) => {
            return Err(Answer::refused(
                403,
                "refused: the request comes from another site's page (Origin)",
            ));
        }
        None => {
            return Err(Answer::refused(
                403,
                "refused: no Origin header (requests come from the served pages)",
            ));
        }
    }
    if !head
        .token
        .is_some_and(|t| same_secret(t.as_bytes(), token.as_bytes()))
    {
        return Err(Answer::refused(
            403,
            "refused: missing or wrong session token; reload the page (the server may have restarted)",
        ));
    }
    let json = head.content_type.is_some_and(|t| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
    });
    if !json {
        return Err(Answer::refused(
            415,
            "refused: the body must be JSON (Content-Type: application/json)",
        ));
    }
    if let Some(length) = head.content_length
        && length
            .trim()
            .parse::<u64>()
            .is_ok_and(|n| n > MAX_BODY as u64)
    {
        return Err(too_large());
    }
    Ok(())
}

/// The answer to a body that could not be read whole: over [`MAX_BODY`]
/// (`too_large`), or cut off.
pub fn body_error(too_large_body: bool) -> Answer {
    if too_large_body {
        too_large()
    } else {
        Answer::refused(400, "refused: the request body could not be read")
    }
}

fn too_large() -> Answer {
    Answer::refused(
        413,
        &format!("refused: the body is over {} KiB", MAX_BODY / 1024),
    )
}

/// Compares two secrets in time that depends on their lengths only.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123abcd";

    fn good() -> Head<'static> {
        Head {
            method: "POST",
            host: Some("127.0.0.1:8080"),
            origin: Some("http://127.0.0.1:8080"),
            token: Some(TOKEN),
            content_type: Some("application/json; charset=utf-8"),
            content_length: Some("20"),
        }
    }

    fn status(head: Head<'_>) -> u16 {
        match admit(&head, 8080, TOKEN) {
            Ok(()) => 200,
            Err(a) => a.status,
        }
    }

    #[test]
    fn admits_only_own_pages() {
        assert_eq!(status(good()), 200);
        let local = Head {
            host: Some("localhost:8080"),
            origin: Some("http://localhost:8080"),
            ..good()
        };
        assert_eq!(status(local), 200);
        for (head, expected) in [
            (
                Head {
                    method: "GET",
                    ..good()
                },
                405,
            ),
            (
                Head {
                    host: Some("evil.example:8080"),
                    origin: Some("http://evil.example:8080"),
                    ..good()
                },
                403,
            ),
            (
                Head {
                    host: Some("127.0.0.1:8081"),
                    ..good()
                },
                403,
            ),
            (
                Head {
                    host: None,
                    ..good()
                },
                403,
            ),
            (
                Head {
                    origin: Some("http://evil.example"),
                    ..good()
                },
                403,
            ),
            (
                Head {
                    origin: Some("http://localhost:8080"),
                    ..good()
                },
                403,
            ),
            (
                Head {
                    origin: Some("null"),
                    ..good()
                },
                403,
            ),
            (
                Head {
                    origin: None,
                    ..good()
                },
                403,
            ),
            (
                Head {
                    token: None,
                    ..good()
                },
                403,
            ),
            (
                Head {
                    token: Some("0123abce"),
                    ..good()
                },
                403,
            ),
            (
                Head {
                    token: Some("0123abcd0"),
                    ..good()
                },
                403,
            ),
            (
                Head {
                    content_type: Some("text/plain"),
                    ..good()
                },
                415,
            ),
            (
                Head {
                    content_type: None,
                    ..good()
                },
                415,
            ),
            (
                Head {
                    content_type: Some("application/x-www-form-urlencoded"),
                    ..good()
                },
                415,
            ),
            (
                Head {
                    content_length: Some("65537"),
                    ..good()
                },
                413,
            ),
        ] {
            assert_eq!(status(head), expected, "{head:?}");
        }
    }

    #[test]
    fn hosts() {
        assert!(is_own_host(Some("127.0.0.1:1111"), 1111));
        assert!(is_own_host(Some("LocalHost:1111"), 1111));
        assert!(!is_own_host(Some("127.0.0.1"), 1111));
        assert!(!is_own_host(Some("127.0.0.2:1111"), 1111));
        assert!(!is_own_host(Some("localhost.evil:1111"), 1111));
        assert!(!is_own_host(Some(":1111"), 1111));
    }
}
