//! The HTTP side of `dossier serve`: hyper (HTTP/1.1) on a current-thread
//! tokio runtime of its own thread. It serves the output folder, the
//! live-reload script and its event stream (Server-Sent Events), and the
//! annotation panel with its endpoints (`/__dossier/api/…`, see
//! [`super::annotate`]).
//!
//! - Files come from disk, so what is served is what `build` would publish;
//!   the scripts are injected into HTML responses only ([`inject`]), never
//!   into the files; paths are resolved inside the output folder alone
//!   ([`files`]); a miss serves `404.html` with status 404.
//! - While an update is still making the lists after the pages it showed
//!   first, a request for any other file waits for them ([`gate`]).
//! - A service worker script (`sw.js` at any depth) is not found: one
//!   installed by a served page would answer from its cache, and live
//!   reload would show stale pages.
//! - Request heads are limited (16 KiB, read within 15 s); hyper refuses
//!   malformed requests. Only GET and HEAD are served, except POST to the
//!   annotation endpoints, whose guard checks the rest.
//! - File reads and annotation work run on tokio's blocking threads; the
//!   event streams are tasks, not threads.
//! - Connections are capped (`MAX_CONNECTIONS`, 512), and event streams,
//!   which never end by themselves, far lower ([`events::MAX_STREAMS`]: a
//!   new one ends the oldest); a stream's connection closes when the
//!   stream ends, so that open pages never take the connections other
//!   requests need.

pub mod events;
pub mod files;
pub mod gate;
pub mod inject;

pub use events::Hub;

use super::annotate::{self, Annotator};
use files::{Resolved, article_slug, content_type, is_service_worker, not_found_page, resolve};
use http_body_util::{BodyExt, Full, Limited, combinators::BoxBody};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// URL of the reload script.
pub const SCRIPT_URL: &str = "/__dossier/reload.js";
/// URL of the event stream.
pub const EVENTS_URL: &str = "/__dossier/events";
/// URL of the annotation panel's script.
pub const PANEL_JS_URL: &str = "/__dossier/annotate.js";
/// URL of the annotation panel's stylesheet.
pub const PANEL_CSS_URL: &str = "/__dossier/annotate.css";
/// Prefix of the annotation endpoints.
pub const API_PREFIX: &str = "/__dossier/api/";

const SCRIPT: &str = include_str!("reload.js");
/// Longest request head (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// A request head must arrive within this long.
const HEAD_TIMEOUT: Duration = Duration::from_secs(15);
/// A comment is sent on every event stream this often, so that closed
/// pages are noticed.
const PING: Duration = Duration::from_secs(15);
/// Connections served at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 512;
// Event streams hold their connections: most must stay for the rest.
const _: () = assert!(events::MAX_STREAMS * 4 <= MAX_CONNECTIONS);

/// What the server serves.
pub struct Site {
    /// The output folder.
    pub out: PathBuf,
    /// The open pages' event streams.
    pub hub: Arc<Hub>,
    /// The annotation endpoints and panel (`None`: not offered).
    pub annotate: Option<Arc<Annotator>>,
    /// Held while an update is still making lists ([`gate`]).
    pub gate: Arc<gate::Gate>,
}

type Body = BoxBody<Bytes, Infallible>;

/// Serves `site` on `listener` from a thread of its own.
pub fn spawn(listener: std::net::TcpListener, site: Site) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .max_blocking_threads(16)
        .thread_name("dossier-http")
        .build()?;
    std::thread::Builder::new()
        .name("dossier-http".into())
        .spawn(move || runtime.block_on(accept(listener, Arc::new(site))))?;
    Ok(())
}

async fn accept(listener: std::net::TcpListener, site: Arc<Site>) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: cannot serve: {e}");
            return;
        }
    };
    let hub = Arc::clone(&site.hub);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PING);
        loop {
            every.tick().await;
            hub.ping();
        }
    });
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, say: do not spin.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let site = Arc::clone(&site);
        tokio::spawn(async move {
            let service = service_fn(move |req| {
                let site = Arc::clone(&site);
                async move { Ok::<_, Infallible>(route(req, site).await) }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_header_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

async fn route(req: Request<Incoming>, site: Arc<Site>) -> Response<Body> {
    // Absolute-form targets (`GET http://host/path`) are for proxies.
    if req.uri().scheme().is_some() || req.uri().authority().is_some() {
        return text(StatusCode::BAD_REQUEST, "bad request\n");
    }
    let path = req.uri().path().to_string();
    if let Some(endpoint) = path.strip_prefix(API_PREFIX) {
        return match &site.annotate {
            Some(a) => api(req, Arc::clone(a), endpoint).await,
            None => text(StatusCode::NOT_FOUND, "annotation is off\n"),
        };
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let panel = site.annotate.is_some();
    match path.as_str() {
        SCRIPT_URL => asset("text/javascript; charset=utf-8", SCRIPT),
        PANEL_JS_URL if panel => asset("text/javascript; charset=utf-8", annotate::PANEL_JS),
        PANEL_CSS_URL if panel => asset("text/css; charset=utf-8", annotate::PANEL_CSS),
        EVENTS_URL => event_stream(&req, &site.hub),
        _ => {
            let target = req
                .uri()
                .path_and_query()
                .map_or("/", |pq| pq.as_str())
                .to_string();
            let own_host = site
                .annotate
                .as_ref()
                .is_some_and(|a| a.is_own_host(header_str(req.headers(), header::HOST)));
            tokio::task::spawn_blocking(move || serve_file(&site, &target, own_host))
                .await
                .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "failed\n"))
        }
    }
}

/// A page's event stream (none for HEAD). Its connection closes when the
/// stream ends (the hub ended the oldest): an idle connection kept alive
/// would hold a slot until the head timeout, and `EventSource` opens a
/// new one anyway.
fn event_stream(req: &Request<Incoming>, hub: &Hub) -> Response<Body> {
    let body = if req.method() == Method::HEAD {
        full(Vec::new())
    } else {
        hub.subscribe().boxed()
    };
    let mut r = respond_with(StatusCode::OK, "text/event-stream; charset=utf-8", body);
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    r
}

/// A file of the output folder, HTML pages with the scripts injected (the
/// annotation panel only on article pages asked for by the server's own
/// address, `own_host`).
fn serve_file(site: &Site, target: &str, own_host: bool) -> Response<Body> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    // A file the update in course may still make again is served once
    // it is made.
    if site.gate.is_held()
        && let Some(decoded) = files::decode_path(path)
    {
        site.gate.wait(&gate::file_of(&decoded));
    }
    // Read the build id before the file: a page read during a rebuild is
    // then at least as new as its id, so its script reloads it if needed.
    let id = site.hub.build_id();
    if is_service_worker(path) {
        return not_found(site, &id);
    }
    match resolve(&site.out, target) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(bytes) => {
                let ty = content_type(&file);
                if !ty.starts_with("text/html") {
                    return respond_with(StatusCode::OK, ty, full(bytes));
                }
                let slug = site
                    .annotate
                    .as_ref()
                    .filter(|_| own_host)
                    .zip(std::fs::canonicalize(&site.out).ok())
                    .and_then(|(a, base)| Some((a, article_slug(&base, &file)?)));
                let words = site.hub.words();
                let panel = slug.as_ref().map(|(a, slug)| inject::Panel {
                    token: a.token(),
                    article: slug,
                    strings: &words.panel,
                });
                let page = inject::inject(bytes.into(), &id, &words.overlay, panel.as_ref());
                respond_with(StatusCode::OK, ty, page.boxed())
            }
            Err(_) => not_found(site, &id),
        },
        Resolved::Redirect(to) => {
            let mut r = text(StatusCode::MOVED_PERMANENTLY, "moved\n");
            if let Ok(v) = HeaderValue::from_str(&to) {
                r.headers_mut().insert(header::LOCATION, v);
            }
            r
        }
        Resolved::NotFound => not_found(site, &id),
        Resolved::Forbidden => text(StatusCode::FORBIDDEN, "forbidden: outside the site\n"),
        Resolved::BadRequest => text(StatusCode::BAD_REQUEST, "bad request\n"),
    }
}

fn not_found(site: &Site, id: &str) -> Response<Body> {
    let page = inject::inject(
        not_found_page(&site.out).into(),
        id,
        &site.hub.words().overlay,
        None,
    );
    respond_with(
        StatusCode::NOT_FOUND,
        "text/html; charset=utf-8",
        page.boxed(),
    )
}

/// An annotation endpoint: the request's headers are checked before its
/// body is read (under the size limit), then the work is done on a
/// blocking thread.
async fn api(req: Request<Incoming>, annotator: Arc<Annotator>, endpoint: &str) -> Response<Body> {
    let headers = req.headers();
    let head = annotate::Head {
        method: req.method().as_str(),
        host: header_str(headers, header::HOST),
        origin: header_str(headers, header::ORIGIN),
        token: header_str(headers, annotate::TOKEN_HEADER),
        content_type: header_str(headers, header::CONTENT_TYPE),
        content_length: header_str(headers, header::CONTENT_LENGTH),
    };
    if let Err(refused) = annotator.admit(&head) {
        return json(refused);
    }
    let body = match Limited::new(req.into_body(), annotate::MAX_BODY)
        .collect()
        .await
    {
        Ok(b) => b.to_bytes(),
        Err(e) => {
            return json(annotate::body_error(
                e.is::<http_body_util::LengthLimitError>(),
            ));
        }
    };
    let endpoint = endpoint.to_string();
    let answer = tokio::task::spawn_blocking(move || annotator.handle(&endpoint, &body)).await;
    json(answer.unwrap_or_else(|_| annotate::Answer::failed()))
}

fn header_str(headers: &HeaderMap, name: impl header::AsHeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into()).boxed()
}

fn respond_with(status: StatusCode, content_type: &'static str, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

fn text(status: StatusCode, body: &'static str) -> Response<Body> {
    respond_with(status, "text/plain; charset=utf-8", full(body))
}

fn asset(content_type: &'static str, body: &'static str) -> Response<Body> {
    respond_with(StatusCode::OK, content_type, full(body))
}

fn json(answer: annotate::Answer) -> Response<Body> {
    let status = StatusCode::from_u16(answer.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    respond_with(status, "application/json", full(answer.body))
}
