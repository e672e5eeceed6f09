//! Issue 7 item 4 and issue 18 item 3: `dossier serve`, through the real
//! binary on a free port.
//!
//! End-to-end tests on a copy of `tests/fixtures/good/basic`: the server
//! builds and serves the site with the reload script injected (only in the
//! response, never on disk), refuses paths outside the output folder,
//! never serves a service worker, answers hostile requests with an error,
//! and on an edit rebuilds and sends `reload` over Server-Sent Events; a
//! broken claims file sends `error` with the diagnostics while the last
//! good pages stay served, and fixing it reloads again.

#[path = "support/server.rs"]
mod server;

use server::{Server, sandbox};
use std::fs;
use std::process::{Command, Stdio};

const SCRIPT_TAG: &str = "<script src=\"/__dossier/reload.js\"";
const ARTICLE: &str = "/articles/valley-times-dam.html";

#[test]
fn serve_rebuilds_reloads_and_keeps_the_last_good_site() {
    let (_dir, root) = sandbox("good/basic");
    let server = Server::start(&root);
    let public = root.join("public");

    // Served, with the reload script in the response only.
    let index = server.get("/");
    assert_eq!(index.status, 200, "{}", index.body);
    assert_eq!(index.content_type(), "text/html; charset=utf-8");
    assert!(index.body.contains(SCRIPT_TAG), "no reload script in /");
    assert!(
        index.body.contains("connect-src 'self'"),
        "the page's CSP must allow the event stream"
    );
    assert_eq!(
        index.header("content-length"),
        Some(index.body.len().to_string().as_str())
    );
    assert_eq!(server.get("/index.html").body, index.body);
    let on_disk = fs::read_to_string(public.join("index.html")).unwrap();
    assert!(on_disk.contains("<main"), "index.html was built on disk");
    assert!(
        !on_disk.contains("__dossier"),
        "the reload script must not be written into the site"
    );
    let css = server.get("/assets/style.css");
    assert_eq!(
        (css.status, css.content_type()),
        (200, "text/css; charset=utf-8")
    );
    assert!(!css.body.contains("__dossier"));
    let js = server.get("/__dossier/reload.js");
    assert_eq!(js.status, 200);
    assert!(
        js.content_type().starts_with("text/javascript"),
        "{}",
        js.content_type()
    );
    assert!(js.body.contains("EventSource") && !js.body.contains("innerHTML"));
    let json = server.get("/data/claims.json");
    assert_eq!(
        (json.status, json.content_type()),
        (200, "application/json")
    );

    // Misses and paths outside the output folder.
    let missing = server.get("/no-such-page.html");
    assert_eq!(missing.status, 404);
    assert!(missing.content_type().starts_with("text/html"));
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
    let (_dir, root) = sandbox("good/basic");
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
    let (dir, root) = sandbox("good/basic");
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

#[test]
fn serve_answers_hostile_requests_and_never_a_service_worker() {
    let (_dir, root) = sandbox("good/basic");
    let server = Server::start(&root);
    let public = root.join("public");
    // The offline reading's service worker, at the root and deeper: never
    // served, so that it never installs under `serve`.
    fs::write(
        public.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    fs::write(public.join("articles/sw.js"), "// worker").unwrap();
    for target in [
        "/sw.js",
        "/articles/sw.js",
        "/a/b/sw.js",
        "/%73w.js",
        "/sw.js?v=2",
    ] {
        let r = server.get(target);
        assert_eq!(r.status, 404, "{target}");
        assert!(
            r.content_type().starts_with("text/html"),
            "{target}: the 404 page"
        );
        assert!(!r.body.contains("addEventListener('fetch'"));
    }
    assert_eq!(server.get("/assets/style.css").status, 200);

    let host = server.host();
    let head = server
        .raw(format!("HEAD / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes());
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
    assert!(head.header("content-length").is_some_and(|n| n != "0"));
    let post = server.raw(
        format!(
            "POST / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"
        )
        .as_bytes(),
    );
    assert_eq!(
        (post.status, post.header("allow")),
        (405, Some("GET, HEAD"))
    );
    let long = "x".repeat(20 * 1024);
    let big_head = server.raw(
        format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Long: {long}\r\nConnection: close\r\n\r\n")
            .as_bytes(),
    );
    assert_eq!(big_head.status, 431, "a request head over 16 KiB");
    let many: String = (0..200).map(|i| format!("X-{i}: 1\r\n")).collect();
    let many = server.raw(
        format!("GET / HTTP/1.1\r\nHost: {host}\r\n{many}Connection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(many.status, 431, "too many headers");
    for raw in [
        "HELLO\r\n\r\n".to_string(),
        "GET /\0 HTTP/1.1\r\n\r\n".to_string(),
        format!("GET http://evil.example/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        format!("GET /%zz HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        format!(
            "GET / HTTP/1.1\r\nHost: {host}\r\nContent-Length: 1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"
        ),
    ] {
        let r = server.raw(raw.as_bytes());
        assert_eq!(r.status, 400, "{raw:?}");
    }
    // Still serving.
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains(SCRIPT_TAG));
}
