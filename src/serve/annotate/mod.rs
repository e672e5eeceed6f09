//! Annotating in the browser while `dossier serve` runs. On an article
//! page the server serves, a panel (`panel.js`, `panel.css`) turns a
//! selection into a quote and saves it as a new claim, or as evidence for
//! an existing one, into a claims file; the watcher's rebuild then shows
//! it. None of this is in the built files: the server adds it to the
//! pages it serves.
//!
//! In: JSON requests to `/__dossier/api/ENDPOINT`, admitted by
//! `guard.rs` (the server's own pages only). Out: JSON answers, and at
//! most one claims file rewritten per request (appended to, or one list
//! extended), never anything else:
//!
//! - `context` — what the panel offers (`context.rs`);
//! - `quote` — the selection as the build will match it (`quote.rs`);
//! - `claims` — claims whose id or statement holds some words;
//! - `id` — a free id for a statement;
//! - `claim`, `evidence` — save: the request read (`form.rs`), the text
//!   spliced (`edit.rs`, `yaml.rs`), the dossier checked with the file as
//!   it would be (`check.rs`), and only then written (`store.rs`), one
//!   save at a time. A claim that would not build is refused with the
//!   build's diagnostics, and the file is left as it was.
//!
//! The panel's strings are one table of catalogue messages (`strings.rs`).

mod check;
mod context;
mod edit;
mod form;
mod guard;
mod quote;
mod store;
mod strings;
mod yaml;

pub use guard::{Head, MAX_BODY, body_error};
pub use strings::json as panel_strings;

use context::Snapshot;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// The panel's script.
pub const PANEL_JS: &str = include_str!("panel.js");
/// The panel's stylesheet.
pub const PANEL_CSS: &str = include_str!("panel.css");
/// The header that carries the session token.
pub const TOKEN_HEADER: &str = "x-dossier-token";
/// Where a new claim goes unless the panel says otherwise.
pub const DEFAULT_FILE: &str = "content/claims/inbox.yaml";

/// An answer to an annotation request: an HTTP status and a JSON body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// JSON.
    pub body: String,
}

impl Answer {
    fn ok(value: &Value) -> Answer {
        Answer {
            status: 200,
            body: value.to_string(),
        }
    }

    /// A refusal: `{"error": message}`.
    pub fn refused(status: u16, message: &str) -> Answer {
        Answer {
            status,
            body: json!({ "error": message }).to_string(),
        }
    }

    /// A claim that would not build: the build's diagnostics too.
    fn not_built(diagnostics: &str) -> Answer {
        Answer {
            status: 422,
            body: json!({
                "error": "not saved: with it, the dossier would not build",
                "diagnostics": diagnostics,
            })
            .to_string(),
        }
    }

    /// The work could not be done (a thread failed).
    pub fn failed() -> Answer {
        Answer::refused(500, "the request failed")
    }
}

/// The annotation side of one serve session.
pub struct Annotator {
    root: PathBuf,
    port: u16,
    token: String,
    /// Counts the rebuilds: a snapshot taken before the last one is stale.
    updates: Box<dyn Fn() -> u64 + Send + Sync>,
    snapshot: Mutex<Option<(u64, Arc<Snapshot>)>>,
    /// Held while a file is read, checked and written.
    writing: Mutex<()>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleRequest {
    article: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchRequest {
    q: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IdRequest {
    statement: String,
}

impl Annotator {
    /// The annotation side of a server on 127.0.0.1:`port` serving the
    /// dossier at `root`, with a fresh random token; `updates` counts the
    /// rebuilds. `None` if the system has no random numbers to give.
    pub fn new(
        root: PathBuf,
        port: u16,
        updates: Box<dyn Fn() -> u64 + Send + Sync>,
    ) -> Option<Annotator> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).ok()?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Some(Annotator {
            root,
            port,
            token,
            updates,
            snapshot: Mutex::new(None),
            writing: Mutex::new(()),
        })
    }

    /// The session token (for the served pages).
    pub fn token(&self) -> &str {
        &self.token
    }

    /// Whether a `Host` header names this server.
    pub fn is_own_host(&self, host: Option<&str>) -> bool {
        guard::is_own_host(host, self.port)
    }

    /// Admits a request, or says why not (`guard.rs`).
    pub fn admit(&self, head: &Head<'_>) -> Result<(), Answer> {
        guard::admit(head, self.port, &self.token)
    }

    /// Answers an admitted request to `endpoint` with body `body`.
    pub fn handle(&self, endpoint: &str, body: &[u8]) -> Answer {
        match endpoint {
            "context" => self.with(body, |r: ArticleRequest| {
                let snapshot = self.snapshot(false);
                match snapshot.context(&self.root, &r.article, DEFAULT_FILE) {
                    Some(v) => Answer::ok(&v),
                    None => Answer::refused(404, &format!("no article `{}`", r.article)),
                }
            }),
            "quote" => self.with(body, |sel: quote::Selection| {
                match quote::article_body(&self.root, &sel.article) {
                    Ok(text) => Answer::ok(&json!(quote::quote_of(&text, &sel))),
                    Err(e) => Answer::refused(404, &e),
                }
            }),
            "claims" => self.with(body, |r: SearchRequest| {
                Answer::ok(&json!(self.snapshot(false).search(&r.q)))
            }),
            "id" => self.with(body, |r: IdRequest| {
                Answer::ok(&json!({ "id": self.snapshot(false).suggest_id(&r.statement) }))
            }),
            "claim" => self.with(body, |r: form::ClaimRequest| self.save_claim(&r)),
            "evidence" => self.with(body, |r: form::EvidenceRequest| self.save_evidence(&r)),
            _ => Answer::refused(404, &format!("no endpoint `{endpoint}`")),
        }
    }

    /// Reads `body` as `T` and answers with `f`; a body that is not such a
    /// JSON object is refused.
    fn with<T: DeserializeOwned>(&self, body: &[u8], f: impl FnOnce(T) -> Answer) -> Answer {
        match serde_json::from_slice::<T>(body) {
            Ok(request) => f(request),
            Err(e) => Answer::refused(400, &format!("refused: the request is not valid: {e}")),
        }
    }

    /// What the panel offers, loaded again if the dossier was rebuilt
    /// since (or `fresh` is asked for).
    fn snapshot(&self, fresh: bool) -> Arc<Snapshot> {
        let now = (self.updates)();
        let mut kept = self.snapshot.lock().unwrap_or_else(PoisonError::into_inner);
        match &*kept {
            Some((at, snap)) if *at == now && !fresh => Arc::clone(snap),
            _ => {
                let snap = Arc::new(Snapshot::of(&crate::load::load(&self.root), &self.root));
                *kept = Some((now, Arc::clone(&snap)));
                snap
            }
        }
    }

    /// Appends a new claim to the claims file the panel chose.
    fn save_claim(&self, r: &form::ClaimRequest) -> Answer {
        let target = match store::claims_file(&self.root, &r.file) {
            Ok(t) => t,
            Err(e) => return Answer::refused(403, &e),
        };
        let claim = match r.claim.map() {
            Ok(c) => c,
            Err(e) => return Answer::refused(400, &format!("refused: {e}")),
        };
        let id = r.claim.id.trim().to_string();
        self.save(&target, &id, |old| {
            edit::append_claim(old, &target.rel, &claim)
        })
    }

    /// Adds an evidence entry to an existing claim, in its own file.
    fn save_evidence(&self, r: &form::EvidenceRequest) -> Answer {
        let file = match self.snapshot(false).file_of(&r.claim) {
            Some(f) => Some(f.to_string()),
            // Saved since the snapshot was taken, maybe.
            None => self.snapshot(true).file_of(&r.claim).map(str::to_string),
        };
        let Some(file) = file else {
            return Answer::refused(404, &format!("refused: there is no claim `{}`", r.claim));
        };
        let target = match store::claims_file(&self.root, &file) {
            Ok(t) => t,
            Err(e) => return Answer::refused(403, &e),
        };
        let entry = r.evidence.map();
        self.save(&target, &r.claim, |old| {
            edit::insert_evidence(old, &target.rel, &r.claim, &entry)
        })
    }

    /// Reads `target`, makes its new text with `edit`, checks the dossier
    /// with it and writes it; one save at a time.
    fn save(
        &self,
        target: &store::Target,
        id: &str,
        edit: impl FnOnce(&str) -> Result<String, String>,
    ) -> Answer {
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let old = match store::read(target) {
            Ok(old) => old,
            Err(e) => return Answer::refused(409, &e),
        };
        let new = match edit(old.as_deref().unwrap_or("")) {
            Ok(new) => new,
            Err(e) => return Answer::refused(409, &format!("not saved: {e}")),
        };
        if let Err(diagnostics) = check::check_with(&self.root, &target.rel, &new) {
            return Answer::not_built(&diagnostics);
        }
        if let Err(e) = store::write(&self.root, target, old.as_deref(), &new) {
            return Answer::refused(409, &e);
        }
        *self.snapshot.lock().unwrap_or_else(PoisonError::into_inner) = None;
        Answer::ok(&json!({ "saved": target.rel, "claim": id }))
    }
}
