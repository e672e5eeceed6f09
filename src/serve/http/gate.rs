//! Requests for files an update is still making wait for them.
//!
//! A claims edit in `serve` writes first the pages that show the edited
//! claims (their claims pages, the articles quoting them), sends the
//! reload, and only then makes the lists and data files (topics, figures,
//! timeline, sources, search index, `claims.json`…), which at 10,000
//! articles take several times longer. Meanwhile the gate is held: a
//! request for any file but those already written (and the theme's
//! assets, which no update of `content/` changes) waits until the lists
//! are written, so no page is ever served older than the edit it was
//! reloaded for. In: the paths written first ([`Gate::hold`]) and the end
//! of the update ([`Gate::release`]). Out: [`Gate::wait`] returns once the
//! file asked for is up to date.

use std::collections::HashSet;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The longest a request waits; past it, the file is served as it is.
const LONGEST: Duration = Duration::from_secs(60);

/// The search index, a list made with the others although under `assets/`.
const SEARCH_INDEX: &str = "assets/search-index.js";

/// Whether an update is still making files, and which it wrote first.
#[derive(Default)]
pub struct Gate {
    /// The paths (relative to the output folder) written first, while
    /// the rest is being made.
    held: Mutex<Option<HashSet<String>>>,
    released: Condvar,
}

impl Gate {
    /// Holds requests for every file but `written` (and the theme's
    /// assets) until [`Gate::release`].
    pub fn hold(&self, written: HashSet<String>) {
        *self.lock() = Some(written);
    }

    /// Lets every request through.
    pub fn release(&self) {
        *self.lock() = None;
        self.released.notify_all();
    }

    /// Whether requests may wait.
    #[must_use]
    pub fn is_held(&self) -> bool {
        self.lock().is_some()
    }

    /// Waits while the file at `rel` (relative to the output folder, `/`
    /// separated; a folder's index is `<folder>/index.html`) may still be
    /// made again, at most a minute.
    pub fn wait(&self, rel: &str) {
        let start = Instant::now();
        let mut held = self.lock();
        while held.as_ref().is_some_and(|written| stale(written, rel)) {
            let Some(left) = LONGEST.checked_sub(start.elapsed()) else {
                return;
            };
            held = self
                .released
                .wait_timeout(held, left)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<HashSet<String>>> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Whether `rel` may be made again while `written` are the files written
/// first.
fn stale(written: &HashSet<String>, rel: &str) -> bool {
    if written.contains(rel) {
        return false;
    }
    !(rel.starts_with("assets/") && rel != SEARCH_INDEX)
}

/// The file a request path (percent-decoded, from `/`) names, relative to
/// the output folder: `/` and `/topics/` name their `index.html`.
#[must_use]
pub fn file_of(decoded: &str) -> String {
    let rel = decoded.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        [rel, "index.html"].concat()
    } else {
        rel.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn files_written_first_and_assets_pass_the_rest_wait_for_the_release() {
        let gate = Arc::new(Gate::default());
        gate.wait("figures.html");
        gate.hold(HashSet::from(["claims/a.html".to_string()]));
        assert!(gate.is_held());
        let start = Instant::now();
        gate.wait("claims/a.html");
        gate.wait("assets/style.css");
        assert!(start.elapsed() < Duration::from_millis(500));
        let waiting: Vec<_> = ["figures.html", SEARCH_INDEX, "index.html"]
            .into_iter()
            .map(|rel| {
                let gate = Arc::clone(&gate);
                std::thread::spawn(move || {
                    gate.wait(rel);
                    Instant::now()
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(200));
        let released = Instant::now();
        gate.release();
        assert!(!gate.is_held());
        for t in waiting {
            assert!(t.join().unwrap() >= released);
        }
    }

    #[test]
    fn request_paths_name_files() {
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/topics/"), "topics/index.html");
        assert_eq!(file_of("/claims/a.html"), "claims/a.html");
    }
}
