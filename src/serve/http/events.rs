//! Live reload: the open event streams (Server-Sent Events, one per open
//! page) and what they are told. The watcher calls [`Hub::reload`] after
//! a good build and [`Hub::error`] after a failed one, from its own
//! thread; each stream is a bounded channel drained by its response body,
//! so a page that stops reading is dropped (its `EventSource` reconnects)
//! instead of holding up the others.
//!
//! Streams never end by themselves, so they are capped
//! ([`MAX_STREAMS`]), far below the server's connections: open streams
//! can never leave pages without one. Past the cap a new stream ends the
//! oldest rather than being refused, as a user of a dev server such as
//! Vite's or Hugo's expects live reload where they look: the tab just
//! opened or reloaded always gets it, and an ended stream costs nothing,
//! since `EventSource` reopens it after `retry` (1 s) and its `hello`
//! reloads the page if a build came in between. A refusal (503) would be
//! for good instead, as `EventSource` never retries after an answer other
//! than 200 (HTML standard), and whoever held every stream first (a
//! forgotten script, a hostile program) would keep every new tab out.

use hyper::body::{Body, Bytes, Frame};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use tokio::sync::mpsc;

/// Events queued for one page before it counts as gone.
const QUEUE: usize = 32;

/// Event streams open at once. A browser opens at most six HTTP/1.1
/// connections to a host, so a few browsers, each on `127.0.0.1` and
/// `localhost`, stay below it.
pub const MAX_STREAMS: usize = 64;

/// The open event streams and the state a new one is told about.
pub struct Hub {
    inner: Mutex<HubState>,
    nonce: u64,
}

struct HubState {
    clients: Vec<mpsc::Sender<Bytes>>,
    generation: u64,
    /// Counts every update, good or failed.
    updates: u64,
    error: Option<String>,
    /// The words of `serve` in the dossier's language, from the last
    /// build that got as far as rendering (English until then).
    words: crate::serve::Words,
}

impl Hub {
    /// A hub with no clients; `nonce` tells this run's builds from the
    /// last run's (a page left open across a restart reloads).
    pub fn new(nonce: u64) -> Arc<Hub> {
        Arc::new(Hub {
            inner: Mutex::new(HubState {
                clients: Vec::new(),
                generation: 0,
                updates: 0,
                error: None,
                words: crate::serve::words(crate::i18n::Messages::neutral()),
            }),
            nonce,
        })
    }

    fn lock(&self) -> MutexGuard<'_, HubState> {
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

    /// Changes with every update, good or failed: what was read from the
    /// dossier before it may be out of date.
    pub fn updates(&self) -> u64 {
        self.lock().updates
    }

    /// The words of `serve`'s additions to pages.
    pub fn words(&self) -> crate::serve::Words {
        self.lock().words.clone()
    }

    /// Keeps the words of a build (`words` of its report), unless it has
    /// none (it stopped before rendering).
    pub fn set_words(&self, words: &crate::serve::Words) {
        if !words.overlay.is_empty() {
            self.lock().words = words.clone();
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
        state.updates += 1;
        state.error = None;
        let msg = event("reload", &self.id(state.generation));
        broadcast(&mut state.clients, msg);
    }

    /// A build failed: every page shows `text` over the last good site.
    pub fn error(&self, text: &str) {
        let mut state = self.lock();
        state.updates += 1;
        state.error = Some(text.to_string());
        let msg = event("error", text);
        broadcast(&mut state.clients, msg);
    }

    /// Opens a stream for one page: it is told the build id (and the
    /// error, if the last build failed) at once. Past [`MAX_STREAMS`],
    /// the oldest stream is ended.
    pub fn subscribe(&self) -> EventBody {
        let (tx, rx) = mpsc::channel(QUEUE);
        let mut state = self.lock();
        let mut hello = String::from("retry: 1000\n\n");
        hello.push_str(&event("hello", &self.id(state.generation)));
        if let Some(text) = &state.error {
            hello.push_str(&event("error", text));
        }
        if tx.try_send(Bytes::from(hello)).is_ok() {
            make_room(&mut state.clients);
            state.clients.push(tx);
        }
        EventBody(rx)
    }

    /// A comment line to every stream, so that a closed page is noticed.
    pub fn ping(&self) {
        broadcast(&mut self.lock().clients, ": ping\n\n".to_string());
    }
}

/// One SSE event; `data` may span lines.
pub fn event(name: &str, data: &str) -> String {
    let mut out = format!("event: {name}\n");
    for line in data.split('\n') {
        out.push_str("data: ");
        out.push_str(line.strip_suffix('\r').unwrap_or(line));
        out.push('\n');
    }
    out.push('\n');
    out
}

/// Queues `msg` for every stream; drops those that are gone or full.
fn broadcast(clients: &mut Vec<mpsc::Sender<Bytes>>, msg: String) {
    let msg = Bytes::from(msg);
    clients.retain(|c| c.try_send(msg.clone()).is_ok());
}

/// Forgets the streams whose page is gone, then ends the oldest ones
/// until one more fits under [`MAX_STREAMS`].
fn make_room(clients: &mut Vec<mpsc::Sender<Bytes>>) {
    clients.retain(|c| !c.is_closed());
    let over = (clients.len() + 1).saturating_sub(MAX_STREAMS);
    clients.drain(..over);
}

/// The body of an event-stream response: the events of one page, as they
/// come; it ends when the hub drops the page.
pub struct EventBody(mpsc::Receiver<Bytes>);

impl Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|m| m.map(|b| Ok(Frame::data(b))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mpsc::error::TryRecvError;

    #[test]
    fn event_lines() {
        assert_eq!(
            event("error", "a\r\nb"),
            "event: error\ndata: a\ndata: b\n\n"
        );
    }

    #[test]
    fn streams_get_hello_then_events_and_slow_ones_are_dropped() {
        let hub = Hub::new(0xab);
        let mut body = hub.subscribe();
        let first = body.0.try_recv().unwrap();
        assert_eq!(first, "retry: 1000\n\nevent: hello\ndata: ab-0\n\n");
        hub.reload();
        assert_eq!(body.0.try_recv().unwrap(), "event: reload\ndata: ab-1\n\n");
        hub.error("bad");
        let late = hub.subscribe();
        assert_eq!(hub.clients(), 2);
        assert_eq!(hub.updates(), 2);
        drop(late);
        hub.ping();
        assert_eq!(hub.clients(), 1, "a closed stream is dropped");
        for _ in 0..QUEUE {
            hub.ping();
        }
        assert_eq!(hub.clients(), 0, "a stream that does not read is dropped");
        assert_eq!(hub.build_id(), "ab-1");
    }

    /// 520 event streams, which never end, held every connection of the
    /// server: past [`MAX_STREAMS`] the oldest is ended.
    #[test]
    fn streams_past_the_cap_end_the_oldest() {
        let hub = Hub::new(1);
        let mut bodies: Vec<_> = (0..MAX_STREAMS + 2).map(|_| hub.subscribe()).collect();
        assert_eq!(hub.clients(), MAX_STREAMS);
        hub.reload();
        for (i, body) in bodies.iter_mut().enumerate() {
            assert!(body.0.try_recv().unwrap().starts_with(b"retry:"));
            let next = body.0.try_recv();
            if i < 2 {
                assert_eq!(next, Err(TryRecvError::Disconnected), "{i}");
            } else {
                assert_eq!(next.unwrap(), "event: reload\ndata: 1-1\n\n", "{i}");
            }
        }
        drop(bodies.pop());
        let _late = hub.subscribe();
        assert_eq!(hub.clients(), MAX_STREAMS, "a closed stream made room");
        assert_eq!(bodies[2].0.try_recv(), Err(TryRecvError::Empty));
    }
}
