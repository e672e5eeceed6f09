//! Issue 7 item 4 and issue 18 items 2–3: `dossier serve`, through the
//! real binary on a free port.
//!
//! End-to-end tests on a copy of `tests/fixtures/good/basic`: the server
//! builds and serves the site with the reload script injected (only in the
//! response, never on disk), refuses paths outside the output folder,
//! never serves a service worker, answers hostile requests with an error,
//! redirects a folder only to a path of the site (never `//host`), and on
//! an edit rebuilds and sends `reload` over Server-Sent Events; a
//! broken claims file sends `error` with the diagnostics while the last
//! good pages stay served, and fixing it reloads again; hundreds of open
//! event streams never keep a page from being served. The annotation
//! endpoints refuse every request that does not come from the server's own
//! pages or would not build, leaving every file as it was, and append or
//! insert exactly the text expected otherwise.

#[path = "support/server.rs"]
mod server;

use server::{Headers, Server, content_files, post, sandbox};
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

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
    // A folder's redirect stays on the site: `//articles/` would lead a
    // browser to `http://articles/`.
    for target in ["/articles", "//articles", "///articles", "//articles?x=1"] {
        let r = server.get(target);
        assert_eq!(r.status, 301, "{target}");
        let to = r.header("location").unwrap_or_default();
        assert!(to.starts_with("/articles/"), "{target} redirected to {to}");
    }
    // Annotation endpoints want POST.
    let get_api = server.get("/__dossier/api/context");
    assert_eq!(get_api.status, 405);
    // Still serving.
    let index = server.get("/");
    assert_eq!(index.status, 200);
    assert!(index.body.contains(SCRIPT_TAG));
}

/// 520 open event streams (more than the server's 512 connections)
/// froze `dossier serve`: streams never end, so a page request then waited
/// for a connection forever. Now the oldest streams are ended (and their
/// connections closed) past a small cap: pages are served at once, and
/// the newest pages' streams still reload.
#[test]
fn serve_event_streams_never_starve_page_requests() {
    let (_dir, root) = sandbox("good/basic");
    let server = Server::start(&root);
    let request = format!(
        "GET /__dossier/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.host()
    );
    let flood: Vec<TcpStream> = (0..520)
        .map(|_| {
            let mut s = TcpStream::connect(("127.0.0.1", server.port)).expect("connect");
            s.write_all(request.as_bytes()).unwrap();
            s
        })
        .collect();
    let page = server.raw_within(
        format!(
            "GET /index.html HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            server.host()
        )
        .as_bytes(),
        Duration::from_secs(15),
    );
    assert_eq!(page.status, 200);
    // The oldest stream was ended and its connection closed.
    let mut oldest = &flood[0];
    oldest
        .set_read_timeout(Some(Duration::from_secs(15)))
        .unwrap();
    let mut bytes = Vec::new();
    oldest
        .read_to_end(&mut bytes)
        .expect("the oldest stream is closed");
    assert!(bytes.starts_with(b"HTTP/1.1 200"));
    // Pages opened now get live reload.
    let tabs: Vec<_> = (0..3).map(|_| server.events()).collect();
    for tab in &tabs {
        tab.expect("hello", &server);
    }
    let article = root.join("content/articles/valley-times-dam.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(&article, format!("{text}\nThe gates opened.\n")).unwrap();
    for tab in &tabs {
        tab.expect("reload", &server);
    }
}

/// A new claim quoting the first of two "mayor said 1,200 residents would
/// leave" (singled out by its prefix), with a statement YAML must quote.
const STATEMENT: &str =
    "Residents leave by Friday: \"all\" # not a comment\n--- \tthe mayor's word";

fn new_claim(file: &str, id: &str, topic: &str, quote: &str) -> String {
    serde_json::json!({
        "file": file,
        "claim": {
            "id": id, "statement": STATEMENT, "topics": [topic], "origin": "town-hall",
            "date": "2030-04-12", "credibility": 3,
            "figure": {"metric": "evacuees", "value": 1200, "precision": "approx", "status": "planned", "as_of": null},
            "evidence": {"article": "valley-times-dam", "quote": quote, "prefix": "The", "suffix": null, "translation": null}
        }
    })
    .to_string()
}

const QUOTE: &str = "mayor said 1,200 residents would leave";

/// The session token, from an article page served to the server's own
/// address.
fn token_of(server: &Server) -> String {
    let page = server.get(ARTICLE);
    page.body
        .split("data-token=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the article page carries the panel and its token")
        .to_string()
}

/// A request the server must refuse: what it sends and what it gets.
struct Refused<'a> {
    name: &'a str,
    endpoint: &'a str,
    body: String,
    headers: Headers,
    status: u16,
    says: &'a str,
}

/// Sends every case and checks its refusal, and that no file under
/// `content/` changed.
fn all_refused(server: &Server, root: &Path, cases: Vec<Refused<'_>>) {
    let before = content_files(root);
    for case in cases {
        let (status, json) = post(server, case.endpoint, &case.body, &case.headers);
        let name = case.name;
        assert_eq!(status, case.status, "{name}: {json}");
        let text = json.to_string();
        assert!(
            text.contains(case.says),
            "{name}: expected {:?} in {text}",
            case.says
        );
        assert_eq!(content_files(root), before, "{name}: files changed");
    }
}

#[test]
fn annotation_panel_is_in_served_article_pages_only() {
    let (_dir, root) = sandbox("good/basic");
    let server = Server::start(&root);
    let page = server.get(ARTICLE);
    let token = token_of(&server);
    assert_eq!(token.len(), 64);
    assert!(token.bytes().all(|b| b.is_ascii_hexdigit()));
    assert!(page.body.contains("<script src=\"/__dossier/annotate.js\""));
    assert!(
        page.body
            .contains("<link rel=\"stylesheet\" href=\"/__dossier/annotate.css\">")
    );
    assert!(page.body.contains("id=\"dossier-annotate-strings\""));
    assert!(
        !server.get("/").body.contains("annotate.js"),
        "article pages only"
    );
    let foreign = server.raw(
        format!(
            "GET {ARTICLE} HTTP/1.1\r\nHost: evil.example:{}\r\nConnection: close\r\n\r\n",
            server.port
        )
        .as_bytes(),
    );
    assert_eq!(foreign.status, 200);
    assert!(
        !foreign.body.contains(&token) && !foreign.body.contains("annotate.js"),
        "no token in a page asked for under another name"
    );
    let script = server.get("/__dossier/annotate.js");
    assert!(script.content_type().starts_with("text/javascript"));
    assert!(script.body.contains("X-Dossier-Token") && !script.body.contains("innerHTML"));
    let on_disk = fs::read_to_string(root.join("public").join(&ARTICLE[1..])).unwrap();
    assert!(!on_disk.contains("__dossier"), "nothing of it in the files");
    let other = Server::start(&root);
    assert_ne!(token_of(&other), token, "a token per session");
}

#[test]
fn annotation_refuses_requests_not_from_its_pages() {
    let (_dir, root) = sandbox("good/basic");
    let server = Server::start(&root);
    let good = Headers::own(&server, &token_of(&server));
    // A claim that is saved when nothing else is wrong (the last test).
    let claim = new_claim("content/claims/inbox.yaml", "friday", "evacuation", QUOTE);
    let with = |f: &dyn Fn(&mut Headers)| {
        let mut h = good.clone();
        f(&mut h);
        h
    };
    let port = server.port;
    let case = |name, headers, status, says| Refused {
        name,
        endpoint: "claim",
        body: claim.clone(),
        headers,
        status,
        says,
    };
    let huge = new_claim(
        "content/claims/inbox.yaml",
        "friday",
        "evacuation",
        &"x".repeat(70 * 1024),
    );
    all_refused(
        &server,
        &root,
        vec![
            case(
                "wrong Origin",
                with(&|h| h.origin = Some("http://evil.example".into())),
                403,
                "Origin",
            ),
            case(
                "missing Origin",
                with(&|h| h.origin = None),
                403,
                "no Origin",
            ),
            case(
                "wrong Host",
                with(&|h| {
                    h.host = Some(format!("evil.example:{port}"));
                    h.origin = Some(format!("http://evil.example:{port}"));
                }),
                403,
                "Host",
            ),
            case("missing Host", with(&|h| h.host = None), 403, "Host"),
            case(
                "Origin of the other name",
                with(&|h| h.origin = Some(format!("http://localhost:{port}"))),
                403,
                "Origin",
            ),
            case("missing token", with(&|h| h.token = None), 403, "token"),
            case(
                "wrong token",
                with(&|h| h.token = Some("0".repeat(64))),
                403,
                "token",
            ),
            case(
                "not JSON",
                with(&|h| h.content_type = Some("text/plain".into())),
                415,
                "JSON",
            ),
            Refused {
                body: huge.clone(),
                ..case("oversized body", good.clone(), 413, "64 KiB")
            },
            Refused {
                body: "{\"file\": ".into(),
                ..case("malformed JSON", good.clone(), 400, "not valid")
            },
            Refused {
                body: claim.replacen("\"claim\"", "\"extra\":1,\"claim\"", 1),
                ..case("unknown field", good.clone(), 400, "unknown field")
            },
        ],
    );
    let chunked = server.raw(
        format!(
            "POST /__dossier/api/claim HTTP/1.1\r\nHost: {0}\r\nOrigin: http://{0}\r\nX-Dossier-Token: {1}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{2:x}\r\n{3}\r\n0\r\n\r\n",
            server.host(),
            good.token.as_deref().unwrap(),
            huge.len(),
            huge
        )
        .as_bytes(),
    );
    assert_eq!(
        chunked.status, 413,
        "a chunked body over the limit: {}",
        chunked.body
    );
    assert!(!root.join("content/claims/inbox.yaml").exists());
}

#[test]
fn annotation_refuses_other_files_and_claims_that_would_not_build() {
    let (_dir, root) = sandbox("good/basic");
    let flow = "- id: flow-claim\n  statement: \"Flow.\"\n  topics: [evacuation]\n  origin: town-hall\n  evidence: [{article: courrier-barrage, quote: \"l'évacuation de 800 habitants\"}]\n";
    fs::write(root.join("content/claims/flow.yaml"), flow).unwrap();
    let server = Server::start(&root);
    let good = Headers::own(&server, &token_of(&server));
    let inbox = "content/claims/inbox.yaml";
    let claim = |name, file: &str, id: &str, topic: &str, quote: &str, status, says| Refused {
        name,
        endpoint: "claim",
        body: new_claim(file, id, topic, quote),
        headers: good.clone(),
        status,
        says,
    };
    let evidence = |name, id: &str, quote: &str, status, says| {
        Refused {
        name,
        endpoint: "evidence",
        body: serde_json::json!({"claim": id, "evidence": {"article": "valley-times-dam", "quote": quote}})
            .to_string(),
        headers: good.clone(),
        status,
        says,
    }
    };
    let absolute = root
        .join("content/claims/x.yaml")
        .to_string_lossy()
        .into_owned();
    let cannot = "refused: cannot write";
    let mut cases: Vec<Refused<'_>> = [
        "../dossier.toml",
        "content/claims/../../dossier.toml",
        &absolute,
        "content/claims/.hidden.yaml",
        "content/claims/x.txt",
        "content/articles/x.yaml",
    ]
    .into_iter()
    .map(|file| {
        claim(
            "a file that is not a claims file",
            file,
            "friday",
            "evacuation",
            QUOTE,
            403,
            cannot,
        )
    })
    .collect();
    cases.extend([
        claim(
            "unknown topic",
            inbox,
            "friday",
            "evacuations",
            QUOTE,
            422,
            "unknown topic `evacuations`",
        ),
        claim(
            "quote not in the article",
            inbox,
            "friday",
            "evacuation",
            "the mayor said 2,000",
            422,
            "quote not found in article `valley-times-dam`",
        ),
        claim(
            "duplicate id",
            "content/claims/dam.yaml",
            "three-cracks",
            "evacuation",
            QUOTE,
            422,
            "duplicate claim id",
        ),
        evidence(
            "evidence in flow style",
            "flow-claim",
            "three new cracks",
            409,
            "flow style",
        ),
        evidence(
            "evidence for no claim",
            "no-such-claim",
            "three new cracks",
            404,
            "no claim `no-such-claim`",
        ),
        evidence(
            "an ambiguous quote",
            "three-cracks",
            QUOTE,
            422,
            "ambiguous quote",
        ),
    ]);
    all_refused(&server, &root, cases);
    // The build's own diagnostic, path:line:column and all.
    let (_, json) = post(
        &server,
        "claim",
        &new_claim(inbox, "friday", "evacuations", QUOTE),
        &good,
    );
    let diagnostics = json["diagnostics"].as_str().unwrap();
    assert!(
        diagnostics.starts_with("error: unknown topic `evacuations`"),
        "{diagnostics}"
    );
    assert!(
        diagnostics.contains("--> content/claims/inbox.yaml:3:12"),
        "{diagnostics}"
    );
    let names: Vec<String> = fs::read_dir(root.join("content/claims"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with('.')),
        "no temporary file left: {names:?}"
    );
}

#[test]
fn annotation_appends_claims_and_inserts_evidence_byte_for_byte() {
    let (_dir, root) = sandbox("good/basic");
    let server = Server::start(&root);
    let page = server.get(ARTICLE).body;
    let token = page
        .split("data-token=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let good = Headers::own(&server, &token);
    let events = server.events();
    events.expect("hello", &server);

    // What the panel asks first.
    let (status, ctx) = post(
        &server,
        "context",
        r#"{"article":"valley-times-dam"}"#,
        &good,
    );
    assert_eq!(status, 200, "{ctx}");
    assert_eq!(ctx["file"], "content/claims/inbox.yaml");
    assert_eq!(ctx["topics"][1]["id"], "evacuation");
    let selection = serde_json::json!({
        "article": "valley-times-dam",
        "text": "mayor said 1,200\u{a0}residents\n would leave",
        "before": "was lowered by two metres overnight. The ",
        "after": " the lower valley by Friday. A day later",
    });
    let (status, quote) = post(&server, "quote", &selection.to_string(), &good);
    assert_eq!(status, 200);
    assert_eq!(
        quote,
        serde_json::json!({"quote": QUOTE, "status": "singled-out", "count": 2, "prefix": "The", "suffix": null, "closest": null, "case_differs": false})
    );
    let (_, id) = post(&server, "id", r#"{"statement":"Three cracks"}"#, &good);
    assert_eq!(id["id"], "three-cracks-2");
    let (_, found) = post(&server, "claims", r#"{"q":"evacuation"}"#, &good);
    assert_eq!(found[0]["id"], "evacuation-1200");

    // A new claim into a new file: created with exactly the claim.
    let (status, saved) = post(
        &server,
        "claim",
        &new_claim("content/claims/inbox.yaml", "friday", "evacuation", QUOTE),
        &good,
    );
    assert_eq!(status, 200, "{saved}");
    assert_eq!(saved["saved"], "content/claims/inbox.yaml");
    let claim_text = "- id: friday\n  statement: \"Residents leave by Friday: \\\"all\\\" # not a comment\\n--- \\tthe mayor's word\"\n  topics: [evacuation]\n  origin: town-hall\n  date: 2030-04-12\n  credibility: 3\n  figures:\n    - metric: evacuees\n      value: 1200\n      precision: approx\n      status: planned\n  evidence:\n    - article: valley-times-dam\n      quote: \"mayor said 1,200 residents would leave\"\n      prefix: \"The\"\n";
    assert_eq!(
        fs::read_to_string(root.join("content/claims/inbox.yaml")).unwrap(),
        claim_text
    );
    events.expect("reload", &server);
    // Shown on the claims page of the article it quotes.
    let claim_page = server.get("/claims/valley-times-dam.html");
    assert_eq!(claim_page.status, 200);
    assert!(
        claim_page.body.contains("the mayor&#x27;s word")
            || claim_page.body.contains("the mayor's word"),
        "the statement, read back"
    );
    let article = server.get(ARTICLE).body;
    assert!(
        article.contains("id=\"q-friday-1\""),
        "the new passage is marked"
    );

    // Appended to an existing file: its comment and claims kept byte for byte.
    let dam = root.join("content/claims/dam.yaml");
    let old = fs::read_to_string(&dam).unwrap();
    let (status, saved) = post(
        &server,
        "claim",
        &new_claim("content/claims/dam.yaml", "friday-2", "evacuation", QUOTE),
        &good,
    );
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        fs::read_to_string(&dam).unwrap(),
        format!(
            "{old}{}",
            claim_text.replace("id: friday\n", "id: friday-2\n")
        )
    );
    events.expect("reload", &server);

    // Evidence inserted into a file with a byte-order mark, after the
    // claim's last entry, before the next claim.
    let evacuation = root.join("content/claims/evacuation.yaml");
    let old = fs::read(&evacuation).unwrap();
    let body = serde_json::json!({"claim": "evacuation-1200", "evidence": {
        "article": "valley-times-dam", "quote": "if the water kept rising", "translation": "si l'eau \"monte\""}});
    let (status, saved) = post(&server, "evidence", &body.to_string(), &good);
    assert_eq!(status, 200, "{saved}");
    let anchor = b"      prefix: \"A day later, the\"\n";
    let at = old.windows(anchor.len()).position(|w| w == anchor).unwrap() + anchor.len();
    let mut expected = old[..at].to_vec();
    expected.extend_from_slice(b"    - article: valley-times-dam\n      quote: \"if the water kept rising\"\n      translation: \"si l'eau \\\"monte\\\"\"\n");
    expected.extend_from_slice(&old[at..]);
    assert_eq!(
        String::from_utf8(fs::read(&evacuation).unwrap()).unwrap(),
        String::from_utf8(expected).unwrap()
    );
    events.expect("reload", &server);
    assert!(
        server
            .get(ARTICLE)
            .body
            .contains("id=\"q-evacuation-1200-2\"")
    );
    let log = server.log();
    assert!(!log.contains("error"), "{log}");
}
