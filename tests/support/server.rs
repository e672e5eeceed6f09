//! A running `dossier serve` for the integration tests (`tests/serve.rs`,
//! `tests/annotate_browser.rs`): the real binary on a free port, on a copy
//! of a fixture dossier; raw HTTP/1.1 requests to it, sent byte for byte
//! as written (no normalisation of `..`, any header or none); and its
//! event stream read as a browser reads it (chunked transfer decoded,
//! Server-Sent Events split into events); requests to the annotation
//! endpoints with any headers; every file under `content/`, to compare.
//! The server is killed when the guard drops, also when an assertion
//! fails.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// Generous: a debug build on a loaded 2-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(60);

pub fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&path, &to.join(entry.file_name()));
        } else if entry.file_name() != "expected.txt" {
            fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

/// `tests/fixtures/<rel>` copied into a temporary folder: (the folder,
/// the dossier in it).
pub fn sandbox(rel: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dossier");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(rel),
        &root,
    );
    (dir, root)
}

/// A running `dossier serve`; killed on drop.
pub struct Server {
    child: Child,
    pub port: u16,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: status, headers (names in lower case) and body.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The first header called `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> &str {
        self.header("content-type").unwrap_or_default()
    }
}

impl Server {
    /// Starts `dossier serve --port 0 --root ROOT` and waits for its URL.
    pub fn start(root: &Path) -> Server {
        let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("serve")
            .arg("--port")
            .arg("0")
            .arg("--root")
            .arg(root)
            .env("NO_COLOR", "1")
            .env_remove("DOSSIER_TIMINGS")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start dossier serve");
        let mut server = Server {
            child,
            port: 0,
            log: Arc::new(Mutex::new(String::new())),
        };
        let stderr = server.child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel::<String>();
        let log = Arc::clone(&server.log);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                log.lock().unwrap().push_str(&format!("{line}\n"));
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = rx
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no URL printed by dossier serve:\n{}", server.log()));
            if let Some(at) = line.find("http://127.0.0.1:") {
                let rest = &line[at + "http://127.0.0.1:".len()..];
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                server.port = digits.parse().expect("port in the URL");
                assert!(rest[digits.len()..].starts_with('/'), "URL: {line}");
                break;
            }
        }
        assert_ne!(server.port, 0);
        server
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    /// Sends `raw` as it is and reads the response until the server closes
    /// the connection (send `Connection: close`).
    pub fn raw(&self, raw: &[u8]) -> Response {
        self.raw_within(raw, TIMEOUT)
    }

    /// [`Server::raw`], failing if the server sends nothing for `limit`
    /// (a server that does not answer).
    pub fn raw_within(&self, raw: &[u8], limit: Duration) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(limit)).unwrap();
        stream.write_all(raw).unwrap();
        let mut bytes = Vec::new();
        // A server may close while a refused body is still being sent.
        let _ = stream.read_to_end(&mut bytes);
        assert!(!bytes.is_empty(), "no answer within {limit:?}");
        parse_response(&bytes)
    }

    /// Sends `GET target` exactly as given (no normalisation of `..`).
    pub fn get(&self, target: &str) -> Response {
        self.raw(
            format!(
                "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                self.host()
            )
            .as_bytes(),
        )
    }

    /// Opens the event stream; events arrive on the receiver as
    /// (name, data).
    pub fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET /__dossier/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.host()
        )
        .unwrap();
        let reader = BufReader::new(stream.try_clone().unwrap());
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || read_events(reader, &tx));
        Events {
            rx,
            _stream: stream,
        }
    }
}

/// Splits a whole response into status, headers and body (a chunked
/// body decoded).
pub fn parse_response(raw: &[u8]) -> Response {
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no end of head in {:?}", String::from_utf8_lossy(raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line: {head}"));
    let headers: Vec<(String, String)> = head
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (k, v) = l.split_once(':')?;
            Some((k.trim().to_ascii_lowercase(), v.trim().to_string()))
        })
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        let mut reader = BufReader::new(&body[..]);
        let mut out = Vec::new();
        while let Some(chunk) = read_chunk(&mut reader) {
            out.extend(chunk);
        }
        body = out;
    }
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// One chunk of a chunked body; `None` at its end.
fn read_chunk(reader: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let size = usize::from_str_radix(line.trim().split(';').next()?, 16).ok()?;
    if size == 0 {
        return None;
    }
    let mut chunk = vec![0; size + 2];
    reader.read_exact(&mut chunk).ok()?;
    chunk.truncate(size);
    Some(chunk)
}

fn read_events(mut reader: BufReader<TcpStream>, tx: &mpsc::Sender<(String, String)>) {
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        if line.trim().is_empty() {
            break;
        }
        head.push_str(&line);
    }
    let lower = head.to_ascii_lowercase();
    if !head.starts_with("HTTP/1.1 200") || !lower.contains("text/event-stream") {
        let _ = tx.send(("bad-head".to_string(), head));
        return;
    }
    let chunked = lower.contains("transfer-encoding: chunked");
    let (mut name, mut data, mut pending) = (String::new(), Vec::<String>::new(), String::new());
    loop {
        let bytes = if chunked {
            match read_chunk(&mut reader) {
                Some(b) => b,
                None => return,
            }
        } else {
            let mut b = vec![0; 4096];
            match reader.read(&mut b) {
                Ok(0) | Err(_) => return,
                Ok(n) => b[..n].to_vec(),
            }
        };
        pending.push_str(&String::from_utf8_lossy(&bytes));
        while let Some(at) = pending.find('\n') {
            let line: String = pending.drain(..=at).collect();
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !data.is_empty() || !name.is_empty() {
                    let event = if name.is_empty() { "message" } else { &name };
                    if tx.send((event.to_string(), data.join("\n"))).is_err() {
                        return;
                    }
                }
                name.clear();
                data.clear();
            } else if let Some(v) = line.strip_prefix("event:") {
                name = v.trim_start().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                data.push(v.strip_prefix(' ').unwrap_or(v).to_string());
            }
        }
    }
}

pub struct Events {
    rx: Receiver<(String, String)>,
    _stream: TcpStream,
}

impl Events {
    /// Waits for the next event called `name` (skipping others); panics
    /// with the server log after [`TIMEOUT`].
    pub fn expect(&self, name: &str, server: &Server) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok((event, data)) if event == name => return data,
                Ok((event, data)) => {
                    assert_ne!(event, "bad-head", "event stream refused: {data}");
                    if name != "error" {
                        assert_ne!(
                            event, "error",
                            "got an error event while waiting for {name}:\n{data}"
                        );
                    }
                }
                Err(_) => panic!(
                    "no `{name}` event within {TIMEOUT:?}; server log:\n{}",
                    server.log()
                ),
            }
        }
    }
}

/// Every file under `content/`, by path: what must not change when a
/// request is refused.
pub fn content_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut dirs = vec![root.join("content")];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                files.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    files
}

/// The headers of an annotation request; `None` leaves one out.
#[derive(Clone)]
pub struct Headers {
    pub host: Option<String>,
    pub origin: Option<String>,
    pub token: Option<String>,
    pub content_type: Option<String>,
}

impl Headers {
    /// What the panel of a served page sends.
    pub fn own(server: &Server, token: &str) -> Headers {
        Headers {
            host: Some(server.host()),
            origin: Some(format!("http://{}", server.host())),
            token: Some(token.to_string()),
            content_type: Some("application/json".into()),
        }
    }
}

/// `POST /__dossier/api/ENDPOINT` with `body`; the JSON answer.
pub fn post(server: &Server, endpoint: &str, body: &str, h: &Headers) -> (u16, serde_json::Value) {
    let mut raw = format!("POST /__dossier/api/{endpoint} HTTP/1.1\r\n");
    for (name, value) in [
        ("Host", &h.host),
        ("Origin", &h.origin),
        ("X-Dossier-Token", &h.token),
        ("Content-Type", &h.content_type),
    ] {
        if let Some(v) = value {
            raw.push_str(&format!("{name}: {v}\r\n"));
        }
    }
    raw.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    let r = server.raw(raw.as_bytes());
    let json =
        serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{endpoint}: {e}: {}", r.body));
    (r.status, json)
}
