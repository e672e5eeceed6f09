//! Issue 7 item 4: `dossier serve`, through the real binary on a free port.
//!
//! One end-to-end test on a copy of `tests/fixtures/good/basic`: the server
//! builds and serves the site with the reload script injected (only in the
//! response, never on disk), refuses paths outside the output folder, and
//! on an edit rebuilds and sends `reload` over Server-Sent Events; a broken
//! claims file sends `error` with the diagnostics while the last good pages
//! stay served, and fixing it reloads again. The server is killed when the
//! guard drops, also when an assertion fails.

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
const TIMEOUT: Duration = Duration::from_secs(60);

fn copy_tree(from: &Path, to: &Path) {
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

/// A running `dossier serve`; killed on drop.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `dossier serve --port 0 --root ROOT` and waits for its URL.
    fn start(root: &Path) -> Server {
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

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends `GET target` exactly as given (no normalisation of `..`).
    fn get(&self, target: &str) -> Response {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n\r\n",
            self.port
        )
        .unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the response");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no end of head in {:?}", String::from_utf8_lossy(&raw)));
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let body = String::from_utf8_lossy(&raw[split + 4..]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("bad status line: {head}"));
        let header = |name: &str| {
            head.lines().skip(1).find_map(|l| {
                let (k, v) = l.split_once(':')?;
                k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        Response {
            status,
            content_type: header("content-type").unwrap_or_default(),
            length: header("content-length").and_then(|v| v.parse().ok()),
            body,
        }
    }

    /// Opens the event stream; events arrive on the receiver as
    /// (name, data).
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "GET /__dossier/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        )
        .unwrap();
        let reader = BufReader::new(stream.try_clone().unwrap());
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = reader.lines();
            let mut head = String::new();
            for line in lines.by_ref() {
                let Ok(line) = line else { return };
                if line.is_empty() {
                    break;
                }
                head.push_str(&line);
                head.push('\n');
            }
            if !head.starts_with("HTTP/1.1 200")
                || !head.to_ascii_lowercase().contains("text/event-stream")
            {
                let _ = tx.send(("bad-head".to_string(), head));
                return;
            }
            let (mut name, mut data) = (String::new(), Vec::<String>::new());
            for line in lines {
                let Ok(line) = line else { return };
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
        });
        Events {
            rx,
            _stream: stream,
        }
    }
}

struct Response {
    status: u16,
    content_type: String,
    length: Option<usize>,
    body: String,
}

struct Events {
    rx: Receiver<(String, String)>,
    _stream: TcpStream,
}

impl Events {
    /// Waits for the next event called `name` (skipping others); panics
    /// with the server log after [`TIMEOUT`].
    fn expect(&self, name: &str, server: &Server) -> String {
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

fn sandbox() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("dossier");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/basic"),
        &root,
    );
    (dir, root)
}

const SCRIPT_TAG: &str = "<script src=\"/__dossier/reload.js\"";
const ARTICLE: &str = "/articles/valley-times-dam.html";

#[test]
fn serve_rebuilds_reloads_and_keeps_the_last_good_site() {
    let (_dir, root) = sandbox();
    let server = Server::start(&root);
    let public = root.join("public");

    // Served, with the reload script in the response only.
    let index = server.get("/");
    assert_eq!(index.status, 200, "{}", index.body);
    assert_eq!(index.content_type, "text/html; charset=utf-8");
    assert!(index.body.contains(SCRIPT_TAG), "no reload script in /");
    assert!(
        index.body.contains("connect-src 'self'"),
        "the page's CSP must allow the event stream"
    );
    assert_eq!(index.length, Some(index.body.len()));
    assert_eq!(server.get("/index.html").body, index.body);
    let on_disk = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(on_disk.contains("<main"), "index.html was built on disk");
    assert!(
        !on_disk.contains("__dossier"),
        "the reload script must not be written into the site"
    );
    let css = server.get("/assets/style.css");
    assert_eq!(
        (css.status, css.content_type.as_str()),
        (200, "text/css; charset=utf-8")
    );
    assert!(!css.body.contains("__dossier"));
    let js = server.get("/__dossier/reload.js");
    assert_eq!(js.status, 200);
    assert!(
        js.content_type.starts_with("text/javascript"),
        "{}",
        js.content_type
    );
    assert!(js.body.contains("EventSource") && !js.body.contains("innerHTML"));
    let json = server.get("/data/claims.json");
    assert_eq!(
        (json.status, json.content_type.as_str()),
        (200, "application/json")
    );

    // Misses and paths outside the output folder.
    let missing = server.get("/no-such-page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.content_type.starts_with("text/html"));
    assert!(
        missing.body.contains(SCRIPT_TAG),
        "404 page gets the script too"
    );
    fs::write(root.parent().unwrap().join("secret.txt"), "secret").unwrap();
    for target in [
        "/../dossier.toml",
        "/../../secret.txt",
        "/articles/../../dossier.toml",
        "/%2e%2e/dossier.toml",
        "/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/..%2f..%2fsecret.txt",
    ] {
        let r = server.get(target);
        assert!(
            r.status == 403 || r.status == 404,
            "{target} answered {}",
            r.status
        );
        assert!(!r.body.contains("secret") && !r.body.contains("title = "));
    }
    assert_eq!(server.get("/../dossier.toml").status, 403);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            root.parent().unwrap().join("secret.txt"),
            public.join("s.txt"),
        )
        .unwrap();
        assert_eq!(server.get("/s.txt").status, 403, "symlink out of the site");
        fs::remove_file(public.join("s.txt")).unwrap();
    }

    // An edit: rebuilt, reload event, new text served.
    let events = server.events();
    events.expect("hello", &server);
    let article = root.join("content/articles/valley-times-dam.md");
    let original = fs::read_to_string(&article).unwrap();
    assert!(!server.get(ARTICLE).body.contains("spillway gates"));
    fs::write(
        &article,
        format!("{original}\nThe spillway gates were opened at dawn.\n"),
    )
    .unwrap();
    events.expect("reload", &server);
    let edited = server.get(ARTICLE);
    assert_eq!(edited.status, 200);
    assert!(
        edited
            .body
            .contains("The spillway gates were opened at dawn."),
        "the rebuilt article is served"
    );
    assert!(edited.body.contains(SCRIPT_TAG));
    assert!(
        fs::read_to_string(public.join(ARTICLE.trim_start_matches('/')))
            .unwrap()
            .contains("spillway gates"),
        "the page was written to disk"
    );

    // A broken claims file: error event with path:line; last good site kept.
    let claims = root.join("content/claims/evacuation.yaml");
    let good_claims = fs::read_to_string(&claims).unwrap();
    let broken = good_claims.replacen("article: valley-times-dam", "article: valley-times-dan", 1);
    assert_ne!(broken, good_claims);
    let index_before = server.get("/").body;
    fs::write(&claims, &broken).unwrap();
    let error = events.expect("error", &server);
    let at = error
        .find("content/claims/evacuation.yaml:")
        .unwrap_or_else(|| panic!("no path:line in the error event:\n{error}"));
    let after = &error[at + "content/claims/evacuation.yaml:".len()..];
    assert!(
        after.starts_with(|c: char| c.is_ascii_digit()),
        "no line number: {error}"
    );
    assert!(error.contains("valley-times-dan"), "{error}");
    let kept = server.get(ARTICLE);
    assert_eq!(kept.status, 200);
    assert_eq!(kept.body, edited.body, "the last good page stays served");
    assert_eq!(server.get("/").body, index_before);
    let late = server.events();
    assert!(
        late.expect("error", &server).contains("evacuation.yaml"),
        "a page opened while the build is broken is told at once"
    );
    let log = server.log();
    assert!(
        log.contains("--> content/claims/evacuation.yaml:"),
        "diagnostics in the terminal:\n{log}"
    );

    // Fixed: reload again, the site is good.
    fs::write(&claims, &good_claims).unwrap();
    events.expect("reload", &server);
    late.expect("reload", &server);
    let fixed = server.get(ARTICLE);
    assert_eq!(fixed.status, 200);
    assert!(fixed.body.contains("spillway gates"));
    assert!(
        server.log().contains("Rebuilt in "),
        "per-rebuild timing line:\n{}",
        server.log()
    );
}

#[test]
fn serve_starts_on_a_broken_dossier_and_recovers() {
    let (_dir, root) = sandbox();
    let claims = root.join("content/claims/dam.yaml");
    let good = fs::read_to_string(&claims).unwrap();
    fs::write(
        &claims,
        good.replace("origin: water-agency", "origin: water-agencyy"),
    )
    .unwrap();
    let server = Server::start(&root);
    assert!(
        server.log().contains("error: could not build"),
        "{}",
        server.log()
    );
    let nothing = server.get("/");
    assert_eq!(nothing.status, 404, "no good build yet");
    assert!(nothing.body.contains(SCRIPT_TAG), "the page still listens");
    let events = server.events();
    let error = events.expect("error", &server);
    assert!(error.contains("content/claims/dam.yaml:"), "{error}");
    fs::write(&claims, &good).unwrap();
    events.expect("reload", &server);
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains(SCRIPT_TAG));
}

#[test]
fn serve_refuses_an_output_folder_that_is_not_a_build() {
    let (dir, root) = sandbox();
    let out = dir.path().join("mine");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("notes.txt"), "keep me").unwrap();
    let run = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("serve")
        .arg("--port")
        .arg("0")
        .arg("--root")
        .arg(&root)
        .arg("--output")
        .arg(&out)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("refusing to replace"), "{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
}
