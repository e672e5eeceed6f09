//! `dossier serve`: build, serve the output folder on 127.0.0.1, rebuild on
//! change and reload open pages.
//!
//! - The first build is written like `build` does (same target check, the
//!   staging folder swapped in). Later builds write only the files whose
//!   bytes changed and delete the ones that are gone, each file atomically
//!   (temporary file, then rename), so the server never reads half a page.
//! - `content/`, `themes/` and `dossier.toml` are watched with `notify`; a
//!   burst of events is collected until it has been quiet for [`QUIET`].
//! - When every changed file is an article whose front matter is the same,
//!   only those articles are anchored again and only their pages made
//!   ([`crate::incremental`]: nothing else depends on an article's body);
//!   any other change builds the whole site.
//! - A build with errors prints its diagnostics, writes nothing (the last
//!   good site stays served) and sends them to open pages, which show them
//!   over the page until the next good build reloads it.
//! - Pages are built as `dossier build` makes them (canonical links and
//!   feed name the published site, if `base_url` is set), so `serve` and
//!   `build` share the kept output and neither rewrites what the other
//!   wrote. Only `404.html`, served at any depth, gets the server's address
//!   as its `<base href>`.
//!
//! The pipeline is reached through [`Session::rebuild`] alone.

pub mod http;

use crate::incremental::{Model, Outcome};
use crate::output::{self, OutputError, Page};
use crate::progress::Progress;
use crate::{Error, Report, build_keeping, plural};
use notify::{RecursiveMode, Watcher};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant, SystemTime};

/// A burst of file events ends after this long without one.
pub const QUIET: Duration = Duration::from_millis(30);
/// A rebuild starts at the latest this long after the first event of a burst.
pub const LONGEST: Duration = Duration::from_millis(500);

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The dossier folder.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
}

/// The served site and what it was built from.
pub struct Session {
    root: PathBuf,
    out: PathBuf,
    base_url: String,
    /// The last good site as written to `out`: a hash of every file
    /// (`None` before the first build). Pages are compared by hash, so a
    /// rebuild keeps in memory only the pages that changed.
    site: Option<HashMap<String, u128>>,
    /// What the last good build loaded, while the inputs still match it
    /// (dropped by a failed full build).
    model: Option<Model>,
}

/// What one update did.
#[derive(Debug)]
pub struct Update {
    /// The build's report; with errors, nothing was written.
    pub report: Report,
    /// Files written.
    pub written: usize,
    /// Files removed.
    pub removed: usize,
    /// Time spent building in memory.
    pub build: Duration,
    /// Time spent writing.
    pub write: Duration,
    /// Only the changed articles' pages were made ([`Model::update`]).
    pub partial: bool,
}

impl Session {
    /// A session that builds `root` into `out` for a site served at
    /// `base_url`.
    pub fn new(root: PathBuf, out: PathBuf, base_url: String) -> Session {
        Session {
            root,
            out,
            base_url,
            site: None,
            model: None,
        }
    }

    /// Rebuilds; if the build is good, brings the output folder up to date.
    /// The first build writes the whole site as `dossier build` does
    /// (streamed into a working folder, swapped in); later ones keep the
    /// changed pages in memory until the build is known to be good, then
    /// replace just those files.
    pub fn update(&mut self) -> Result<Update, Error> {
        self.update_after(None)
    }

    /// [`Session::update`] after changes to the files at `changed`, or to
    /// files not known (`None`). When they are all articles whose front
    /// matter did not change, only their pages are made again
    /// ([`Model::update`]); otherwise the whole site is built.
    pub fn update_after(&mut self, changed: Option<&[PathBuf]>) -> Result<Update, Error> {
        let start = Instant::now();
        if let (Some(paths), Some(model), Some(site)) =
            (changed, self.model.as_mut(), self.site.as_mut())
            && self.out.is_dir()
        {
            match model.update(paths) {
                Err(e) => {
                    self.model = None;
                    return Err(e);
                }
                Ok(Outcome::Rebuild) => {}
                Ok(Outcome::Updated(report, pages)) => {
                    let build = start.elapsed();
                    let start = Instant::now();
                    let changed: Vec<(Page, u128)> = pages
                        .into_iter()
                        .map(|p| {
                            let h = xxhash_rust::xxh3::xxh3_128(&p.bytes);
                            (p, h)
                        })
                        .filter(|(p, h)| site.get(&p.path) != Some(h))
                        .collect();
                    changed
                        .par_iter()
                        .try_for_each(|(p, _)| write_atomic(&self.out, &p.path, &p.bytes))?;
                    let written = changed.len();
                    for (p, h) in changed {
                        site.insert(p.path, h);
                    }
                    return Ok(Update {
                        report,
                        written,
                        removed: 0,
                        build,
                        write: start.elapsed(),
                        partial: true,
                    });
                }
            }
        }
        self.model = None;
        let hashes = std::sync::Mutex::new(HashMap::new());
        let record = |page: &Page| -> u128 {
            let h = xxhash_rust::xxh3::xxh3_128(&page.bytes);
            hashes
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert(page.path.clone(), h);
            h
        };
        let into_map = |m: std::sync::Mutex<HashMap<String, u128>>| {
            m.into_inner()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        let mut update = Update {
            report: Report {
                diagnostics: String::new(),
                errors: 0,
                warnings: 0,
                pages: 0,
                claims: 0,
                articles: 0,
            },
            written: 0,
            removed: 0,
            build: Duration::ZERO,
            write: Duration::ZERO,
            partial: false,
        };
        match self.site.take() {
            Some(old) if self.out.is_dir() => {
                let changed = std::sync::Mutex::new(Vec::new());
                let built = build_keeping(&self.root, Some(&self.base_url), &|page| {
                    let h = record(&page);
                    if old.get(&page.path) != Some(&h) {
                        changed
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .push(page);
                    }
                    Ok(())
                });
                update.build = start.elapsed();
                let (report, model) = match built {
                    Ok(built) => built,
                    Err(e) => {
                        self.site = Some(old);
                        return Err(e);
                    }
                };
                update.report = report;
                if update.report.errors > 0 {
                    self.site = Some(old);
                    return Ok(update);
                }
                let start = Instant::now();
                let changed = changed
                    .into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                let new = into_map(hashes);
                let (written, removed) = write_changes(&self.out, &old, &new, &changed)?;
                update.written = written;
                update.removed = removed;
                update.write = start.elapsed();
                self.site = Some(new);
                self.model = model;
            }
            _ => {
                let writer = output::LazyWriter::new(&self.out);
                let built = build_keeping(&self.root, Some(&self.base_url), &|page| {
                    record(&page);
                    writer.put(&page.path, &page.bytes)
                });
                update.build = start.elapsed();
                let model = match built {
                    Ok((report, model)) if report.errors == 0 => {
                        update.report = report;
                        model
                    }
                    other => {
                        writer.abort();
                        update.report = other?.0;
                        return Ok(update);
                    }
                };
                let start = Instant::now();
                let stats = writer.finish()?;
                update.written = stats.written;
                update.removed = stats.removed;
                update.write = start.elapsed();
                self.site = Some(into_map(hashes));
                self.model = model;
            }
        }
        Ok(update)
    }
}

/// Writes the `changed` pages and removes the files of `old` that are not
/// in `new` (the hashes of the whole new site). Returns (written, removed).
fn write_changes(
    out: &Path,
    old: &HashMap<String, u128>,
    new: &HashMap<String, u128>,
    changed: &[Page],
) -> Result<(usize, usize), OutputError> {
    changed
        .par_iter()
        .try_for_each(|p| write_atomic(out, &p.path, &p.bytes))?;
    let mut removed = 0;
    let mut gone: Vec<&String> = old.keys().filter(|p| !new.contains_key(*p)).collect();
    gone.sort();
    for path in gone {
        if !safe_relative(path) {
            continue;
        }
        let file = out.join(path);
        match fs::remove_file(&file) {
            Ok(()) => removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(OutputError::Io { path: file, source }),
        }
        // Drop folders left empty (`remove_dir` fails on the others).
        let mut dir = file.parent();
        while let Some(d) = dir {
            if d == out || fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok((changed.len(), removed))
}

fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Replaces `out/rel` with `bytes` through a temporary file and a rename.
fn write_atomic(out: &Path, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
    if !safe_relative(rel) {
        return Err(OutputError::BadPath(rel.to_string()));
    }
    let path = out.join(rel);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| OutputError::Io { path, source }
    };
    let dir = path.parent().unwrap_or(out);
    fs::create_dir_all(dir).map_err(io(dir))?;
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.serve-tmp-{}", std::process::id()));
    let result = fs::write(&tmp, bytes)
        .map_err(io(&tmp))
        .and_then(|()| fs::rename(&tmp, &path).map_err(io(&path)));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Runs `dossier serve` until the process is stopped. Returns an exit code
/// only when it cannot start or the watcher dies.
pub fn serve(options: Options, stderr: &mut dyn Write) -> Result<i32, Error> {
    let root = std::path::absolute(&options.root).unwrap_or(options.root.clone());
    let out = std::path::absolute(&options.out).unwrap_or(options.out.clone());
    output::check_target(&root, &out)?;
    let listener = match TcpListener::bind(("127.0.0.1", options.port)) {
        Ok(l) => l,
        Err(e) => {
            let _ = writeln!(
                stderr,
                "error: cannot listen on 127.0.0.1:{}: {e}{}",
                options.port,
                if e.kind() == std::io::ErrorKind::AddrInUse {
                    " (choose another --port, or --port 0 for any free one)"
                } else {
                    ""
                }
            );
            return Ok(2);
        }
    };
    let port = listener.local_addr().map_or(options.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}/");
    let hub = http::Hub::new();
    let mut session = Session::new(root.clone(), out.clone(), url.clone());

    // Watch first: a change saved during the first build starts a rebuild.
    let watching = match start_watching(&root) {
        Ok(w) => w,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            return Ok(2);
        }
    };
    let built_at = SystemTime::now();
    let start = Instant::now();
    let progress = Progress::start(format!("Building {}", root.display()));
    let first = session.update();
    progress.finish();
    if report_failure(&first, &hub, &out, stderr)
        && let Ok(u) = &first
    {
        let _ = write!(stderr, "{}", u.report.diagnostics);
        let _ = writeln!(
            stderr,
            "Built {} pages ({} claims, {} articles, {} warning{}) into {} in {:.2} s",
            u.report.pages,
            u.report.claims,
            u.report.articles,
            u.report.warnings,
            plural(u.report.warnings),
            out.display(),
            start.elapsed().as_secs_f64()
        );
    }

    http::spawn(listener, out.clone(), std::sync::Arc::clone(&hub));
    let _ = writeln!(
        stderr,
        "Serving {} at {url} (rebuilds on changes to content/, themes/ and dossier.toml; Ctrl+C to stop)",
        out.display()
    );
    let _ = stderr.flush();
    watch(&root, watching, &mut session, &hub, stderr, built_at)
}

/// Prints a failed update (diagnostics, or the pipeline's error) and sends
/// it to the open pages. Returns whether the update was good.
fn report_failure(
    result: &Result<Update, Error>,
    hub: &http::Hub,
    out: &Path,
    stderr: &mut dyn Write,
) -> bool {
    let (text, shown) = match result {
        Ok(u) if u.report.errors == 0 => return true,
        Ok(u) => {
            let summary = format!(
                "error: could not build: {} error{}, {} warning{}; {} left untouched\n",
                u.report.errors,
                plural(u.report.errors),
                u.report.warnings,
                plural(u.report.warnings),
                out.display()
            );
            let shown = format!("{}{summary}", overlay_text(&u.report.diagnostics));
            (format!("{}{summary}", u.report.diagnostics), shown)
        }
        Err(e) => {
            let mut text = format!("error: {e}\n");
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text.push_str(&format!("  caused by: {s}\n"));
                source = s.source();
            }
            text.push_str(&format!("{} left untouched\n", out.display()));
            (text.clone(), text)
        }
    };
    let _ = write!(stderr, "{text}");
    hub.error(&shown);
    false
}

/// Most text an error overlay shows.
const OVERLAY_MAX: usize = 64 * 1024;

/// The errors of rendered diagnostics, for the browser: warnings are left
/// to the terminal, and a long list is cut at a whole problem.
fn overlay_text(diagnostics: &str) -> String {
    let errors: Vec<&str> = diagnostics
        .split("\n\n")
        .filter(|block| block.trim_start().starts_with("error"))
        .collect();
    let mut text = String::new();
    for (i, block) in errors.iter().enumerate() {
        if text.len() + block.len() > OVERLAY_MAX && i > 0 {
            text.push_str(&format!(
                "… and {} more error{} (all are printed in the terminal)\n\n",
                errors.len() - i,
                plural(errors.len() - i)
            ));
            break;
        }
        text.push_str(block.trim_end_matches('\n'));
        text.push_str("\n\n");
    }
    text
}

/// Whether a change to `path` can change the site: files under `content/`
/// and `themes/` and `dossier.toml`, except hidden and editor backup files
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

type Events = mpsc::Receiver<notify::Result<notify::Event>>;

/// Watches `root` (for `dossier.toml` and the creation of `content/` or
/// `themes/`) and, recursively, `content/` and `themes/`.
fn start_watching(root: &Path) -> Result<(notify::RecommendedWatcher, Events), String> {
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

fn input_dirs(root: &Path) -> [PathBuf; 2] {
    [root.join("content"), root.join("themes")]
}

fn watch_inputs(root: &Path, watcher: &mut notify::RecommendedWatcher) {
    for dir in input_dirs(root) {
        if dir.is_dir() {
            let _ = watcher.watch(&dir, RecursiveMode::Recursive);
        }
    }
}

/// Rebuilds after every burst of changes, forever.
fn watch(
    root: &Path,
    (mut watcher, rx): (notify::RecommendedWatcher, Events),
    session: &mut Session,
    hub: &http::Hub,
    stderr: &mut dyn Write,
    mut built_at: SystemTime,
) -> Result<i32, Error> {
    let dirs = input_dirs(root);
    let timings = std::env::var_os("DOSSIER_TIMINGS").is_some();
    let mut failing = session.site.is_none();
    let mut overflows = 0;
    loop {
        // Wait for a relevant event, then for the burst to end.
        let mut first: Option<Instant> = None;
        let mut last = Instant::now();
        let mut rewatch = false;
        // The files changed, while every event names them.
        let mut paths: Option<Vec<PathBuf>> = Some(Vec::new());
        loop {
            let event = match first {
                None => match rx.recv() {
                    Ok(e) => e,
                    Err(_) => return Ok(2),
                },
                Some(t0) => {
                    let deadline = (last + QUIET).min(t0 + LONGEST);
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    match rx.recv_timeout(left) {
                        Ok(e) => e,
                        Err(mpsc::RecvTimeoutError::Timeout) => break,
                        Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(2),
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
                overflows += 1;
                // The event queue overflowed (the build itself opens every
                // input): look for a change the lost events may have held.
                paths = None;
                changed_since(root, built_at)
            } else {
                relevant(root, &event)
            };
            if relevant {
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
        let result = session.update_after(paths.as_deref());
        let ok = report_failure(&result, hub, &session.out, stderr);
        if let (true, Ok(u)) = (ok, &result) {
            let changed = u.written > 0 || u.removed > 0;
            if changed || failing {
                hub.reload();
            }
            let _ = write!(stderr, "{}", u.report.diagnostics);
            let _ = writeln!(
                stderr,
                "Rebuilt in {} ms{}: {} ({} claims, {} articles, {} warning{})",
                t0.elapsed().as_millis(),
                if u.partial {
                    " (changed article pages only)"
                } else {
                    ""
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
            let (build, write) = result
                .as_ref()
                .map_or((0.0, 0.0), |u| (ms(u.build), ms(u.write)));
            let _ = writeln!(
                stderr,
                "timing: serve    debounce {:.1} ms, build {build:.1} ms, write {write:.1} ms, save to event {:.1} ms ({} event stream{}, {overflows} queue overflow{})",
                ms(debounce),
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
    ["content", "themes"].iter().any(|dir| {
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
        assert!(!watched(root, Path::new("/d/public/index.html")));
        assert!(!watched(root, Path::new("/d/.public.tmp-1")));
        assert!(!watched(root, Path::new("/d/dossier.toml/x")));
        assert!(!watched(root, Path::new("/d/content/articles/.a.md.swp")));
        assert!(!watched(root, Path::new("/d/content/articles/a.md~")));
        assert!(!watched(root, Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn overlay_keeps_errors_only() {
        let diags =
            "warning: w\n --> a:1:1\n\nerror: e1\n --> b:2:3\n  |\n\nerror: e2\n --> c:4:5\n";
        assert_eq!(
            overlay_text(diags),
            "error: e1\n --> b:2:3\n  |\n\nerror: e2\n --> c:4:5\n\n"
        );
        let many = "error: x\n\n".repeat(OVERLAY_MAX);
        let text = overlay_text(&many);
        assert!(text.len() <= OVERLAY_MAX + 100, "{}", text.len());
        assert!(text.contains("more errors (all are printed in the terminal)"));
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

    #[test]
    fn writes_only_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let page = |p: &str, b: &str| Page {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        let first = vec![page("index.html", "1"), page("claims/a.html", "a")];
        output::write_site(&out, &first).unwrap();
        let hashes = |pages: &[Page]| -> HashMap<String, u128> {
            pages
                .iter()
                .map(|p| (p.path.clone(), xxhash_rust::xxh3::xxh3_128(&p.bytes)))
                .collect()
        };
        let old = hashes(&first);
        let second = vec![page("index.html", "2"), page("topics/t.html", "t")];
        let changed = vec![page("index.html", "2"), page("topics/t.html", "t")];
        assert_eq!(
            write_changes(&out, &old, &hashes(&second), &changed).unwrap(),
            (2, 1)
        );
        assert_eq!(fs::read(out.join("index.html")).unwrap(), b"2");
        assert_eq!(fs::read(out.join("topics/t.html")).unwrap(), b"t");
        assert!(!out.join("claims").exists(), "empty folder removed");
        let mut names: Vec<_> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["index.html", "topics"], "no temporary file left");
        assert!(matches!(
            write_atomic(&out, "../x", b""),
            Err(OutputError::BadPath(_))
        ));
    }
}
