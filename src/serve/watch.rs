//! Watching the inputs: `content/`, `themes/`, `editions/` and `dossier.toml` with
//! `notify`, a burst of events collected until it has been quiet for
//! [`QUIET`], then one update of the session, its result printed and sent
//! to the open pages.

use super::http;
use super::{Session, report_failure};
use crate::{Error, plural};
use notify::{RecursiveMode, Watcher};
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

/// A burst of file events ends after this long without one.
pub const QUIET: Duration = Duration::from_millis(30);

/// … or after this long once every file it touched is complete (closed
/// after writing, renamed into place or removed): an editor's save ends
/// so, and most of `QUIET` would be waiting for nothing.
pub const SETTLED: Duration = Duration::from_millis(4);

/// A rebuild starts at the latest this long after the first event of a burst.
pub const LONGEST: Duration = Duration::from_millis(500);

/// Whether a change to `path` can change the site: files under `content/`,
/// `themes/` and `editions/` and `dossier.toml`, except hidden and editor backup files
/// (which the build does not read).
fn watched(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    let Some(Component::Normal(first)) = parts.next() else {
        return false;
    };
    let input = first == "content"
        || first == "themes"
        || first == "editions"
        || (first == "dossier.toml" && parts.next().is_none());
    if !input {
        return false;
    }
    !rel.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || name.ends_with('~') || name == "4913"
    })
}

fn relevant(root: &Path, event: &notify::Event) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match event.kind {
        // Saved (closed after writing) counts; opening and reading (the
        // build itself reads every file) does not.
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return false,
        _ => {}
    }
    event.paths.is_empty() || event.paths.iter().any(|p| watched(root, p))
}

/// Notes what `event` (a relevant one) leaves of the files of a burst:
/// those still being written are `open` until an event completes them
/// (closed after writing, renamed into place, removed). Any other event
/// (created, written, a folder made) leaves its paths open.
fn track(open: &mut std::collections::HashSet<PathBuf>, event: &notify::Event) {
    use notify::event::{AccessKind, AccessMode, EventKind, ModifyKind, RenameMode};
    let completes = matches!(
        event.kind,
        EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
            | EventKind::Remove(_)
    );
    for path in &event.paths {
        if completes {
            open.remove(path);
        } else {
            open.insert(path.clone());
        }
    }
}

/// How long a burst must be quiet to end: [`SETTLED`] once every file it
/// names is complete, else [`QUIET`] (also when an event named no file).
fn quiet_for(open: &std::collections::HashSet<PathBuf>, named: bool) -> Duration {
    if named && open.is_empty() {
        SETTLED
    } else {
        QUIET
    }
}

type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// Watches `root` (for `dossier.toml` and the creation of `content/`,
/// `themes/` or `editions/`) and, recursively, those folders.
pub(super) fn start_watching(root: &Path) -> Result<(notify::RecommendedWatcher, Events), String> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    })
    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    watch_inputs(root, &mut watcher);
    Ok((watcher, rx))
}

fn input_dirs(root: &Path) -> [PathBuf; 3] {
    [
        root.join("content"),
        root.join("themes"),
        root.join(crate::edition::FOLDER),
    ]
}

fn watch_inputs(root: &Path, watcher: &mut notify::RecommendedWatcher) {
    for dir in input_dirs(root) {
        if dir.is_dir() {
            let _ = watcher.watch(&dir, RecursiveMode::Recursive);
        }
    }
}

/// Where rebuilds are reported, and how much of a long list of warnings.
pub(super) struct Terminal<'a> {
    /// The terminal.
    pub stderr: &'a mut dyn Write,
    /// `--all-warnings`.
    pub all_warnings: bool,
}

/// Rebuilds after every burst of changes, forever.
pub(super) fn watch(
    root: &Path,
    (mut watcher, rx): (notify::RecommendedWatcher, Events),
    session: &mut Session,
    hub: &http::Hub,
    terminal: Terminal<'_>,
    mut built_at: SystemTime,
) -> Result<i32, Error> {
    let Terminal {
        stderr,
        all_warnings,
    } = terminal;
    let dirs = input_dirs(root);
    let timings = std::env::var_os("DOSSIER_TIMINGS").is_some();
    let mut failing = !session.has_site();
    let mut overflows = 0;
    loop {
        let Some(Burst {
            first,
            mut paths,
            rewatch,
        }) = next_burst(root, &dirs, &rx, built_at, &mut overflows, stderr)
        else {
            return Ok(2);
        };
        if rewatch {
            // content/ or themes/ was created or replaced.
            watch_inputs(root, &mut watcher);
        }
        let Some(t0) = first else { continue };
        let debounce = t0.elapsed();
        built_at = SystemTime::now();
        if rewatch {
            paths = None;
        }
        if let Some(list) = &mut paths {
            list.sort();
            list.dedup();
        }
        let mut result = session.update_first(paths.as_deref());
        let mut ok = report_failure(&result, hub, session.out(), all_warnings, stderr);
        let mut reloaded = false;
        let mut shown = Duration::ZERO;
        if let Ok(u) = &mut result {
            // The pages of an edit first, its lists after (held back from
            // the server until made).
            if ok && (u.written > 0 || u.removed > 0 || failing) {
                hub.reload();
                reloaded = true;
            }
            shown = t0.elapsed();
            // The whole site built after a front matter's pages may find
            // problems the edit did not have (another file saved since).
            let had = u.report.errors;
            if let Err(e) = session.finish_lists(u) {
                result = Err(e);
                ok = report_failure(&result, hub, session.out(), all_warnings, stderr);
            } else if u.report.errors > had {
                ok = report_failure(&result, hub, session.out(), all_warnings, stderr);
            }
        }
        if let (true, Ok(u)) = (ok, &result) {
            let changed = u.written > 0 || u.removed > 0;
            if changed && !reloaded {
                hub.reload();
            }
            let _ = write!(stderr, "{}", u.report.shown(all_warnings));
            let _ = writeln!(
                stderr,
                "Rebuilt in {} ms{}: {} ({} claims, {} articles, {} warning{})",
                t0.elapsed().as_millis(),
                match (u.partial, u.lists.is_zero()) {
                    (true, true) => " (changed pages only)".to_string(),
                    (true, false) => format!(
                        " (changed pages only: shown in {} ms, then the lists)",
                        shown.as_millis()
                    ),
                    (false, false) => format!(
                        " (changed pages shown in {} ms, then the whole site)",
                        shown.as_millis()
                    ),
                    (false, true) => String::new(),
                },
                if changed {
                    format!(
                        "{} file{} written, {} removed",
                        u.written,
                        plural(u.written),
                        u.removed
                    )
                } else {
                    "no file changed".to_string()
                },
                u.report.claims,
                u.report.articles,
                u.report.warnings,
                plural(u.report.warnings)
            );
        } else {
            let _ = writeln!(
                stderr,
                "Still serving the last good build (failed in {} ms); fix the problem and save to rebuild",
                t0.elapsed().as_millis()
            );
        }
        if timings {
            let (build, write, lists) = result
                .as_ref()
                .map_or((0.0, 0.0, 0.0), |u| (ms(u.build), ms(u.write), ms(u.lists)));
            let _ = writeln!(
                stderr,
                "timing: serve    debounce {:.1} ms, build {build:.1} ms, write {write:.1} ms, save to event {:.1} ms, lists {lists:.1} ms, all written {:.1} ms ({} event stream{}, {overflows} queue overflow{})",
                ms(debounce),
                ms(shown),
                ms(t0.elapsed()),
                hub.clients(),
                plural(hub.clients()),
                plural(overflows)
            );
        }
        overflows = 0;
        failing = !ok;
        let _ = stderr.flush();
    }
}

/// A burst of changes to the inputs.
struct Burst {
    /// When its first relevant event came.
    first: Option<Instant>,
    /// The files changed, while every event names them.
    paths: Option<Vec<PathBuf>>,
    /// `content/` or `themes/` was created, removed or renamed.
    rewatch: bool,
}

/// Waits for a relevant event, then for the burst to end ([`QUIET`], or
/// [`SETTLED`] once its files are complete; at most [`LONGEST`]). `None`
/// when the watcher is gone.
fn next_burst(
    root: &Path,
    dirs: &[PathBuf; 3],
    rx: &Events,
    built_at: SystemTime,
    overflows: &mut usize,
    stderr: &mut dyn Write,
) -> Option<Burst> {
    // Wait for a relevant event, then for the burst to end.
    let mut first: Option<Instant> = None;
    let mut last = Instant::now();
    let mut rewatch = false;
    // The files changed, while every event names them.
    let mut paths: Option<Vec<PathBuf>> = Some(Vec::new());
    // Its files still being written.
    let mut open = std::collections::HashSet::new();
    loop {
        let event = match first {
            None => match rx.recv() {
                Ok(e) => e,
                Err(_) => return None,
            },
            Some(t0) => {
                let quiet = quiet_for(&open, paths.is_some());
                let deadline = (last + quiet).min(t0 + LONGEST);
                let left = deadline.saturating_duration_since(Instant::now());
                if left.is_zero() {
                    break;
                }
                match rx.recv_timeout(left) {
                    Ok(e) => e,
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => return None,
                }
            }
        };
        let event = match event {
            Ok(e) => e,
            Err(e) => {
                let _ = writeln!(stderr, "warning: watching files: {e}");
                continue;
            }
        };
        // content/ or themes/ created, removed or renamed (not just
        // opened, as every build does).
        if !matches!(event.kind, notify::EventKind::Access(_))
            && event.paths.iter().any(|p| dirs.contains(p))
        {
            rewatch = true;
        }
        let relevant = if event.need_rescan() {
            *overflows += 1;
            // The event queue overflowed (the build itself opens every
            // input): look for a change the lost events may have held.
            paths = None;
            changed_since(root, built_at)
        } else {
            relevant(root, &event)
        };
        if relevant {
            track(&mut open, &event);
            match (&mut paths, event.paths.is_empty()) {
                (Some(list), false) => {
                    list.extend(event.paths.into_iter().filter(|p| watched(root, p)));
                }
                _ => paths = None,
            }
            let now = Instant::now();
            first.get_or_insert(now);
            last = now;
        }
    }
    Some(Burst {
        first,
        paths,
        rewatch,
    })
}

/// Whether an input (anything under `content/` or `themes/`, or
/// `dossier.toml`) or one of their folders was modified at or after `since`
/// (a changed folder means an entry was added, removed or renamed). A
/// `dossier.toml` deleted or replaced by a rename is not seen here; the
/// next event is.
fn changed_since(root: &Path, since: SystemTime) -> bool {
    let newer = |m: &fs::Metadata| m.modified().is_ok_and(|t| t >= since);
    if fs::metadata(root.join("dossier.toml")).is_ok_and(|m| newer(&m)) {
        return true;
    }
    ["content", "themes", crate::edition::FOLDER]
        .iter()
        .any(|dir| {
            walkdir::WalkDir::new(root.join(dir))
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .any(|e| e.metadata().is_ok_and(|m| newer(&m)))
        })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watches_only_inputs() {
        let root = Path::new("/d");
        assert!(watched(root, Path::new("/d/content/articles/a.md")));
        assert!(watched(root, Path::new("/d/content")));
        assert!(watched(root, Path::new("/d/themes/x/templates/base.html")));
        assert!(watched(root, Path::new("/d/dossier.toml")));
        assert!(watched(root, Path::new("/d/editions/2025-08-15.yaml")));
        assert!(!watched(
            root,
            Path::new("/d/editions/.2025-08-15.yaml.new")
        ));
        assert!(!watched(root, Path::new("/d/public/index.html")));
        assert!(!watched(root, Path::new("/d/.public.tmp-1")));
        assert!(!watched(root, Path::new("/d/dossier.toml/x")));
        assert!(!watched(root, Path::new("/d/content/articles/.a.md.swp")));
        assert!(!watched(root, Path::new("/d/content/articles/a.md~")));
        assert!(!watched(root, Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn a_burst_settles_once_its_files_are_complete() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, EventKind, ModifyKind, RemoveKind,
            RenameMode,
        };
        let event = |kind, paths: &[&str]| {
            let mut e = notify::Event::new(kind);
            for p in paths {
                e = e.add_path(PathBuf::from(p));
            }
            e
        };
        let written = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        let closed = EventKind::Access(AccessKind::Close(AccessMode::Write));
        let mut open = std::collections::HashSet::new();
        // Written in place: open until closed.
        track(&mut open, &event(written, &["/d/content/a.md"]));
        assert_eq!(quiet_for(&open, true), QUIET);
        track(&mut open, &event(closed, &["/d/content/a.md"]));
        assert_eq!(quiet_for(&open, true), SETTLED);
        // A second file, created and not yet closed, keeps the burst open.
        track(
            &mut open,
            &event(EventKind::Create(CreateKind::File), &["/d/content/b.md"]),
        );
        assert_eq!(quiet_for(&open, true), QUIET);
        // Saved by a rename into place (from a hidden file the build does
        // not read), or removed: complete.
        track(&mut open, &event(written, &["/d/content/c.md"]));
        track(
            &mut open,
            &event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/d/content/.b.md.tmp", "/d/content/b.md"],
            ),
        );
        track(
            &mut open,
            &event(EventKind::Remove(RemoveKind::File), &["/d/content/c.md"]),
        );
        assert_eq!(quiet_for(&open, true), SETTLED);
        // A folder made, or an event that names no file: the full wait.
        track(
            &mut open,
            &event(EventKind::Create(CreateKind::Folder), &["/d/content/x"]),
        );
        assert_eq!(quiet_for(&open, true), QUIET);
        assert_eq!(quiet_for(&std::collections::HashSet::new(), false), QUIET);
    }

    #[test]
    fn finds_changes_after_an_overflow() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("content/articles")).unwrap();
        fs::write(root.join("content/articles/a.md"), "a").unwrap();
        let since = SystemTime::now() + Duration::from_secs(3600);
        assert!(!changed_since(root, since));
        assert!(changed_since(root, SystemTime::UNIX_EPOCH));
    }
}
