//! A page's bytes: fetched from an `http://` or `https://` URL (ureq, with
//! rustls and the Mozilla root certificates), or read from a file; never
//! more than a limit, never waiting longer than a timeout.
//!
//! A fetch follows up to ten redirects and fails, with one line saying
//! why, on a connection error, a timeout, a status other than 2xx, a
//! Content-Type other than `text/html` or `application/xhtml+xml`, or a
//! body over the limit (announced by Content-Length or counted as read).

use super::ImportError;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

/// What a server sent.
#[derive(Debug)]
pub struct Fetched {
    /// The body.
    pub bytes: Vec<u8>,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    /// The address the body came from, after redirects.
    pub url: String,
}

/// Whether `source` is to be fetched rather than read: it starts with
/// `http://` or `https://` (in any case).
pub fn is_url(source: &str) -> bool {
    let lower = source.get(..8).unwrap_or(source).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Reads the file `path` (`name` in messages), refusing one over `limit`
/// bytes.
pub fn read_file(path: &Path, name: &str, limit: u64) -> Result<Vec<u8>, ImportError> {
    let read_err = |source| ImportError::Read {
        name: name.to_string(),
        source,
    };
    // Looked at before opening: opening a FIFO waits for a writer.
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(read_err(std::io::Error::other(
            "it is a folder, not a saved page",
        )));
    }
    if !meta.is_file() {
        return Err(read_err(std::io::Error::other(
            "it is not a regular file (a pipe, socket or device), not a saved page",
        )));
    }
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > limit {
        return Err(ImportError::TooLarge {
            name: name.to_string(),
        });
    }
    Ok(bytes)
}

/// Fetches `url`, giving up after `timeout` and past `limit` bytes.
pub fn fetch(url: &str, timeout: Duration, limit: u64) -> Result<Fetched, ImportError> {
    let fail = |why: String| ImportError::Fetch {
        name: url.to_string(),
        why,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(10)
        .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION"), " (import)"))
        .build()
        .into();
    let response = agent
        .get(url)
        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
        .call()
        .map_err(|e| fail(describe(&e, timeout)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(
            format!(
                "the server answered {} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        ));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string());
    if let Some(ct) = &content_type
        && !is_html_type(ct)
    {
        return Err(ImportError::ContentType {
            name: url.to_string(),
            content_type: ct.clone(),
        });
    }
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let mut body = response.into_body();
    if body.content_length().is_some_and(|len| len > limit) {
        return Err(ImportError::TooLarge {
            name: url.to_string(),
        });
    }
    let bytes = body
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => ImportError::TooLarge {
                name: url.to_string(),
            },
            e => fail(describe(&e, timeout)),
        })?;
    Ok(Fetched {
        bytes,
        content_type,
        url: final_url,
    })
}

/// Whether a Content-Type names an HTML page.
pub fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
}

/// One line for a failed request.
fn describe(e: &ureq::Error, timeout: Duration) -> String {
    match e {
        ureq::Error::Timeout(_) => format!("no answer within {} s (--timeout)", timeout.as_secs()),
        ureq::Error::HostNotFound => {
            "host not found (is this machine offline, or the address misspelt?)".into()
        }
        ureq::Error::ConnectionFailed => "could not connect (is this machine offline?)".into(),
        ureq::Error::TooManyRedirects => "too many redirects".into(),
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
            std::io::ErrorKind::TimedOut => {
                format!("no answer within {} s (--timeout)", timeout.as_secs())
            }
            // What the system's resolver says when it cannot resolve.
            _ if io.to_string().contains("lookup address") => {
                "host not found (is this machine offline, or the address misspelt?)".into()
            }
            _ => io.to_string(),
        },
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pipe is refused before it is opened (opening it would wait for a
    /// writer).
    #[cfg(unix)]
    #[test]
    fn a_pipe_is_not_a_saved_page() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("page.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let err = read_file(&fifo, "page.html", 1024).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }

    #[test]
    fn urls_and_paths() {
        assert!(is_url("https://example.org/a"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("page.html"));
        assert!(!is_url("http:/x"));
        assert!(!is_url("ftp://example.org/a.html"));
        assert!(!is_url("é"));
    }

    #[test]
    fn html_types() {
        assert!(is_html_type("text/html"));
        assert!(is_html_type("Text/HTML; charset=utf-8"));
        assert!(is_html_type("application/xhtml+xml"));
        assert!(!is_html_type("application/pdf"));
        assert!(!is_html_type("text/plain; charset=utf-8"));
        assert!(!is_html_type(""));
    }
}
