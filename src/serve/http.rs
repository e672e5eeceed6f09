//! The HTTP side of `dossier serve`: a small HTTP/1.1 server on
//! `std::net` (one thread per connection; GET and HEAD only) that serves
//! the output folder, the live-reload script and a Server-Sent Events
//! stream.
//!
//! - Files come from disk, so what is served is what `build` would publish;
//!   the reload script is injected into HTML responses only, never into the
//!   files.
//! - A request path is percent-decoded and split into segments; `.` and
//!   `..` segments are refused (403), hidden names (`.nojekyll`, temporary
//!   files) are not found, and the resolved file must stay inside the
//!   output folder after symbolic links are followed (403 otherwise).
//! - A folder URL serves its `index.html` (a folder URL without the
//!   trailing slash is redirected, so relative links keep working); a miss
//!   serves `404.html` with status 404.

use std::fs;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// URL of the reload script.
pub const SCRIPT_URL: &str = "/__dossier/reload.js";
/// URL of the event stream.
pub const EVENTS_URL: &str = "/__dossier/events";

const SCRIPT: &str = include_str!("reload.js");
const MAX_HEAD: u64 = 16 * 1024;
const IDLE: Duration = Duration::from_secs(15);
const PING: Duration = Duration::from_secs(15);

/// The open event streams and the state a new one is told about.
pub struct Hub {
    inner: Mutex<HubState>,
    nonce: u64,
}

struct HubState {
    clients: Vec<TcpStream>,
    generation: u64,
    error: Option<String>,
    /// The error overlay's words in the dossier's language (JSON), from
    /// the last build that got as far as rendering.
    words: String,
}

impl Hub {
    /// A hub with no clients.
    pub fn new() -> Arc<Hub> {
        let nonce = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64)
            ^ u64::from(std::process::id());
        Arc::new(Hub {
            inner: Mutex::new(HubState {
                clients: Vec::new(),
                generation: 0,
                error: None,
                words: String::new(),
            }),
            nonce,
        })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HubState> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn id(&self, generation: u64) -> String {
        format!("{:x}-{generation}", self.nonce)
    }

    /// Identifies the site on disk; changes with every good build and with
    /// every start of the server.
    pub fn build_id(&self) -> String {
        let generation = self.lock().generation;
        self.id(generation)
    }

    /// The error overlay's words (JSON; empty: English).
    pub fn words(&self) -> String {
        self.lock().words.clone()
    }

    /// Keeps the error overlay's words of a build (`words` of its report),
    /// unless it has none (it stopped before rendering).
    pub fn set_words(&self, words: &str) {
        if !words.is_empty() {
            self.lock().words = words.to_string();
        }
    }

    /// Number of open event streams.
    pub fn clients(&self) -> usize {
        self.lock().clients.len()
    }

    /// A good build was written: clears the error and tells every page to
    /// reload.
    pub fn reload(&self) {
        let mut state = self.lock();
        state.generation += 1;
        state.error = None;
        let msg = event("reload", &self.id(state.generation));
        broadcast(&mut state.clients, msg.as_bytes());
    }

    /// A build failed: every page shows `text` over the last good site.
    pub fn error(&self, text: &str) {
        let mut state = self.lock();
        state.error = Some(text.to_string());
        let msg = event("error", text);
        broadcast(&mut state.clients, msg.as_bytes());
    }

    fn subscribe(&self, mut stream: TcpStream) {
        let mut state = self.lock();
        let mut hello = String::from("retry: 1000\n\n");
        hello.push_str(&event("hello", &self.id(state.generation)));
        if let Some(text) = &state.error {
            hello.push_str(&event("error", text));
        }
        if stream.write_all(hello.as_bytes()).is_ok() && stream.flush().is_ok() {
            state.clients.push(stream);
        }
    }

    fn ping(&self) {
        broadcast(&mut self.lock().clients, b": ping\n\n");
    }
}

/// One SSE event; `data` may span lines.
fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push('\n');
    }
    out.push('\n');
    out
}

fn broadcast(clients: &mut Vec<TcpStream>, msg: &[u8]) {
    clients.retain_mut(|c| c.write_all(msg).is_ok() && c.flush().is_ok());
}

/// Serves `out` on `listener` from background threads.
pub fn spawn(listener: TcpListener, out: PathBuf, hub: Arc<Hub>) {
    let pinged = Arc::clone(&hub);
    thread::spawn(move || {
        loop {
            thread::sleep(PING);
            pinged.ping();
        }
    });
    let out = Arc::new(out);
    thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else {
                // Out of file descriptors, say: do not spin.
                thread::sleep(Duration::from_millis(50));
                continue;
            };
            let out = Arc::clone(&out);
            let hub = Arc::clone(&hub);
            let _ = thread::Builder::new()
                .name("dossier-http".into())
                .spawn(move || {
                    let _ = connection(stream, &out, &hub);
                });
        }
    });
}

struct Request {
    method: String,
    target: String,
    close: bool,
}

/// Reads one request head; `None` at end of stream.
fn read_request(reader: &mut BufReader<TcpStream>) -> io::Result<Option<Request>> {
    let mut budget = reader.by_ref().take(MAX_HEAD);
    let mut line = String::new();
    // Tolerate empty lines before a request (RFC 9112 §2.2).
    loop {
        line.clear();
        if budget.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        if !line.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_ascii_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "bad request line",
        ));
    };
    let mut request = Request {
        method: method.to_string(),
        target: target.to_string(),
        close: version != "HTTP/1.1",
    };
    let mut has_body = false;
    loop {
        line.clear();
        if budget.read_line(&mut line)? == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "head too long"));
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "connection" => {
                if value.split(',').any(|v| v.trim() == "close") {
                    request.close = true;
                } else if value.split(',').any(|v| v.trim() == "keep-alive") {
                    request.close = false;
                }
            }
            "content-length" => has_body |= value != "0",
            "transfer-encoding" => has_body = true,
            _ => {}
        }
    }
    // No request here carries a body; rather than skip one, close after
    // answering.
    request.close |= has_body;
    Ok(Some(request))
}

fn connection(stream: TcpStream, out: &Path, hub: &Arc<Hub>) -> io::Result<()> {
    stream.set_read_timeout(Some(IDLE))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    loop {
        let request = match read_request(&mut reader) {
            Ok(Some(r)) => r,
            Ok(None) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                let r = Response::text(400, "Bad Request", "bad request\n");
                return r.send(&mut writer, false, true);
            }
            Err(e) => return Err(e),
        };
        let head = request.method == "HEAD";
        if request.method != "GET" && !head {
            let mut r = Response::text(405, "Method Not Allowed", "only GET and HEAD\n");
            r.headers.push(("Allow", "GET, HEAD".into()));
            return r.send(&mut writer, false, true);
        }
        let path = request.target.split(['?', '#']).next().unwrap_or("");
        if path == EVENTS_URL {
            let headers = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: keep-alive\r\n\r\n";
            writer.write_all(headers.as_bytes())?;
            if !head {
                writer.set_write_timeout(Some(Duration::from_secs(2)))?;
                hub.subscribe(writer);
            }
            return Ok(());
        }
        let response = if path == SCRIPT_URL {
            Response::ok("text/javascript; charset=utf-8", SCRIPT.as_bytes().to_vec())
        } else {
            respond(out, &request.target, hub)
        };
        response.send(&mut writer, head, request.close)?;
        if request.close {
            return Ok(());
        }
    }
}

struct Response {
    status: u16,
    reason: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn ok(content_type: &str, body: Vec<u8>) -> Response {
        Response {
            status: 200,
            reason: "OK",
            headers: vec![("Content-Type", content_type.to_string())],
            body,
        }
    }

    fn text(status: u16, reason: &'static str, body: &str) -> Response {
        Response {
            status,
            reason,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn send(&self, w: &mut TcpStream, head_only: bool, close: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: {}\r\n\r\n",
            self.body.len(),
            if close { "close" } else { "keep-alive" }
        ));
        let mut bytes = head.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        w.write_all(&bytes)?;
        w.flush()
    }
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file inside the output folder.
    File(PathBuf),
    /// A folder named without its trailing slash: redirect here.
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// Outside the output folder, or a `.`/`..` segment.
    Forbidden,
    /// Not a path.
    BadRequest,
}

/// Resolves the request target `target` against the output folder `out`.
pub fn resolve(out: &Path, target: &str) -> Resolved {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Resolved::BadRequest;
    }
    let Some(decoded) = percent_decode(raw) else {
        return Resolved::BadRequest;
    };
    let Ok(decoded) = String::from_utf8(decoded) else {
        return Resolved::BadRequest;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::Forbidden;
    }
    let Ok(base) = fs::canonicalize(out) else {
        return Resolved::NotFound;
    };
    let mut path = base.clone();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == "." || segment == ".." || (cfg!(windows) && segment.contains(':')) {
            return Resolved::Forbidden;
        }
        if segment.starts_with('.') {
            return Resolved::NotFound;
        }
        path.push(segment);
    }
    let Ok(real) = fs::canonicalize(&path) else {
        return Resolved::NotFound;
    };
    if !real.starts_with(&base) {
        return Resolved::Forbidden;
    }
    if real.is_dir() {
        if !raw.ends_with('/') {
            let query = target.find('?').map_or("", |i| &target[i..]);
            return Resolved::Redirect(format!("{raw}/{query}"));
        }
        let Ok(index) = fs::canonicalize(real.join("index.html")) else {
            return Resolved::NotFound;
        };
        if !index.starts_with(&base) {
            return Resolved::Forbidden;
        }
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if real.is_file() {
        Resolved::File(real)
    } else {
        Resolved::NotFound
    }
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

fn respond(out: &Path, target: &str, hub: &Hub) -> Response {
    // Read the build id before the file: a page read during a rebuild is
    // then at least as new as its id, so its script reloads it if needed.
    let id = hub.build_id();
    let words = hub.words();
    let inject = |bytes: &[u8], id: &str| inject_with(bytes, id, &words);
    match resolve(out, target) {
        Resolved::File(path) => match fs::read(&path) {
            Ok(bytes) => {
                let ty = content_type(&path);
                let body = if ty.starts_with("text/html") {
                    inject(&bytes, &id)
                } else {
                    bytes
                };
                Response::ok(ty, body)
            }
            Err(_) => not_found(out, &id, &words),
        },
        Resolved::Redirect(to) => {
            let mut r = Response::text(301, "Moved Permanently", "moved\n");
            r.headers.push(("Location", to));
            r
        }
        Resolved::NotFound => not_found(out, &id, &words),
        Resolved::Forbidden => Response::text(403, "Forbidden", "forbidden: outside the site\n"),
        Resolved::BadRequest => Response::text(400, "Bad Request", "bad request\n"),
    }
}

fn not_found(out: &Path, id: &str, words: &str) -> Response {
    let page = fs::read(out.join("404.html")).unwrap_or_else(|_| {
        b"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title></head>\n<body><h1>Not found</h1><p>No page here (yet): dossier serve has no good build of this dossier so far.</p></body></html>\n".to_vec()
    });
    Response {
        status: 404,
        reason: "Not Found",
        headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
        body: inject_with(&page, id, words),
    }
}

/// `Content-Type` for a file, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page and lets its Content Security
/// Policy (if any) load a same-origin script and open the event stream.
pub fn inject(html: &[u8], build_id: &str) -> Vec<u8> {
    inject_with(html, build_id, "")
}

/// [`inject`], giving the script the error overlay's `words` (JSON, in
/// its `data-l10n`) when there are any.
pub fn inject_with(html: &[u8], build_id: &str, words: &str) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(html) else {
        return html.to_vec();
    };
    let mut page = allow_reload_in_csp(text);
    let l10n = if words.is_empty() {
        String::new()
    } else {
        format!(" data-l10n=\"{}\"", crate::markdown::escape(words))
    };
    let tag = format!(
        "<script src=\"{SCRIPT_URL}\" data-build=\"{}\"{l10n}></script>\n",
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

    #[test]
    fn resolves_inside_only() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir_all(out.join("claims")).unwrap();
        fs::write(out.join("index.html"), "i").unwrap();
        fs::write(out.join("claims/a.html"), "a").unwrap();
        fs::write(out.join(".nojekyll"), "").unwrap();
        fs::write(dir.path().join("secret"), "s").unwrap();
        let base = fs::canonicalize(&out).unwrap();
        assert_eq!(resolve(&out, "/"), Resolved::File(base.join("index.html")));
        assert_eq!(
            resolve(&out, "/claims/a.html?x#y"),
            Resolved::File(base.join("claims/a.html"))
        );
        assert_eq!(
            resolve(&out, "/%63laims/a.html"),
            Resolved::File(base.join("claims/a.html"))
        );
        assert_eq!(
            resolve(&out, "/claims"),
            Resolved::Redirect("/claims/".into())
        );
        assert_eq!(resolve(&out, "/claims/"), Resolved::NotFound);
        assert_eq!(resolve(&out, "/../secret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/claims/../../secret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/%2e%2e/secret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/%2E%2E%2fsecret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/..%5csecret"), Resolved::Forbidden);
        assert_eq!(resolve(&out, "/.nojekyll"), Resolved::NotFound);
        assert_eq!(resolve(&out, "//etc/passwd"), Resolved::NotFound);
        assert_eq!(resolve(&out, "http://x/etc/passwd"), Resolved::BadRequest);
        assert_eq!(resolve(&out, "/%zz"), Resolved::BadRequest);
        assert_eq!(resolve(&out, "/a%00"), Resolved::Forbidden);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret"), out.join("link.html")).unwrap();
            std::os::unix::fs::symlink(dir.path(), out.join("up")).unwrap();
            assert_eq!(resolve(&out, "/link.html"), Resolved::Forbidden);
            assert_eq!(resolve(&out, "/up/secret"), Resolved::Forbidden);
        }
    }

    #[test]
    fn event_lines() {
        assert_eq!(
            event("error", "a\r\nb"),
            "event: error\ndata: a\ndata: b\n\n"
        );
    }
}
