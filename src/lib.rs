//! `dossier`: a static-site generator for briefing dossiers.
//!
//! The pipeline, one stage per module:
//! load ([`load`]: read, parse, validate into a [`model::Dossier`]) →
//! anchor ([`anchor`]: locate every quote, mark passages) →
//! analyse ([`analysis`]: corroboration, status, figure conflicts) →
//! render ([`render`]: Tera templates, pages in memory) →
//! write ([`output`]: staging folder swapped in atomically).
//! Content problems are collected as [`diagnostic::Diagnostic`]s through
//! every stage; nothing is written if there is an error.

pub mod analysis;
pub mod anchor;
pub mod chart;
pub mod cli;
pub mod config;
pub mod conflicts;
pub mod data;
pub mod diagnostic;
pub mod import;
pub mod incremental;
pub mod init;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod progress;
pub mod quick_yaml;
pub mod quote;
pub mod render;
pub mod search;
pub mod serve;
pub mod source;
pub mod theme;
pub mod yaml;

use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Failures that are not content problems.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The theme could not be read.
    #[error(transparent)]
    Theme(#[from] theme::ThemeError),
    /// A template failed.
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// The output could not be written.
    #[error(transparent)]
    Output(#[from] output::OutputError),
    /// Scaffolding failed.
    #[error(transparent)]
    Init(#[from] init::InitError),
}

/// Result of a build or check.
#[derive(Debug)]
pub struct Report {
    /// Rendered diagnostics (empty when clean).
    pub diagnostics: String,
    /// Errors found.
    pub errors: usize,
    /// Warnings found.
    pub warnings: usize,
    /// Pages written (0 for check or failure).
    pub pages: usize,
    /// Claims.
    pub claims: usize,
    /// Articles.
    pub articles: usize,
}

/// What to do after validation.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Validate only.
    Check {
        /// Warnings count as errors.
        strict: bool,
    },
    /// Render into memory.
    Render,
}

/// The site, rendered in memory.
#[derive(Debug, Default)]
pub struct Built {
    /// Pages and static files.
    pub pages: Vec<output::Page>,
}

/// Loads, checks and (in `Render` mode) renders the dossier at `root`
/// into memory, pages sorted by path.
pub fn build_in_memory(
    root: &Path,
    base_url: Option<&str>,
    mode: &Mode,
) -> Result<(Report, Built), Error> {
    let pages = std::sync::Mutex::new(Vec::new());
    let report = build_into(root, base_url, mode, &|page| {
        pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(page);
        Ok(())
    })?;
    let mut pages = pages
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((report, Built { pages }))
}

/// Loads, checks and (in `Render` mode, when there is no error) renders the
/// dossier at `root`, handing every page and static file to `sink` as it
/// is made (from several threads, in no particular order).
pub fn build_into(
    root: &Path,
    base_url: Option<&str>,
    mode: &Mode,
    sink: &(dyn Fn(output::Page) -> Result<(), output::OutputError> + Sync),
) -> Result<Report, Error> {
    pipeline(root, base_url, mode, sink, false).map(|(report, _)| report)
}

/// [`build_into`] in `Render` mode that also keeps, after a good build,
/// what [`incremental::Model`] needs to redo one article's page alone.
/// `served_at` is where `serve` serves the site: only `404.html` names it
/// (its `<base href>`); the other pages are those `build` makes.
pub fn build_keeping(
    root: &Path,
    served_at: Option<&str>,
    sink: &(dyn Fn(output::Page) -> Result<(), output::OutputError> + Sync),
) -> Result<(Report, Option<incremental::Model>), Error> {
    pipeline(root, served_at, &Mode::Render, sink, true)
}

fn pipeline(
    root: &Path,
    base_url: Option<&str>,
    mode: &Mode,
    sink: &(dyn Fn(output::Page) -> Result<(), output::OutputError> + Sync),
    keep: bool,
) -> Result<(Report, Option<incremental::Model>), Error> {
    let timer = Timer::new();
    let mut loaded = load::load(root);
    timer.lap("load");
    if let Some(url) = base_url {
        let url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        // `serve` (which keeps the model) gives the server's address: the
        // pages stay as `build` makes them, so the two share the kept
        // output and neither rewrites what the other wrote.
        if keep {
            loaded.config.served_at = Some(url);
        } else {
            loaded.config.base_url = Some(url);
        }
    }
    let render = matches!(mode, Mode::Render);
    let mut pages = 0;
    let mut rendered: Option<String> = None;
    let mut kept = None;
    let theme = if render {
        Some(theme::Theme::load(root, &loaded.config.theme)?)
    } else {
        None
    };
    if let (Some(theme), true) = (&theme, loaded.diagnostics.errors() == 0) {
        // Analysis needs only the model, so it comes first; each article
        // page is then made as soon as the article is anchored, and its
        // marked-up text freed (all of them would be hundreds of megabytes
        // on a big dossier). A quote error stops the pages: the caller
        // discards what was handed to `sink`.
        let (analysis, warnings) =
            analysis::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance);
        timer.lap("analyse");
        let site = match render::Site::new(&loaded.config, &loaded.dossier, &analysis, theme) {
            Ok(site) => site,
            Err(e) => {
                // Content errors first: they are what the user can fix.
                let (_, quote_diags) = anchor::anchor(&loaded.dossier, &loaded.sources, false);
                if quote_diags.is_empty() {
                    return Err(e.into());
                }
                loaded.diagnostics.extend(quote_diags);
                return Ok((report_of(&loaded, None, 0), None));
            }
        };
        let cites = anchor::cites(&loaded.dossier);
        let failed = std::sync::atomic::AtomicBool::new(false);
        let done = (0..loaded.dossier.articles.len())
            .into_par_iter()
            .map(|i| -> Result<_, Error> {
                let going = !failed.load(std::sync::atomic::Ordering::Relaxed);
                let (article, diags) =
                    anchor::anchor_one(&loaded.dossier, &loaded.sources, i, &cites[i], going);
                if !diags.is_empty() {
                    failed.store(true, std::sync::atomic::Ordering::Relaxed);
                }
                if !going || !diags.is_empty() {
                    return Ok((diags, None));
                }
                let page = site.article(i, &article)?;
                drop(article);
                let path = page.path.clone();
                sink(page)?;
                Ok((diags, Some(path)))
            })
            .collect::<Result<Vec<_>, Error>>()?;
        let mut articles = Vec::with_capacity(done.len());
        for (diags, path) in done {
            loaded.diagnostics.extend(diags);
            articles.extend(path);
        }
        timer.lap("anchor+articles");
        if loaded.diagnostics.errors() == 0 {
            loaded.diagnostics.extend(warnings);
            // Every diagnostic is known now: render them, and free the
            // source texts before the other pages are made.
            rendered = Some(loaded.diagnostics.render(&loaded.sources));
            if !keep {
                loaded.sources.release_texts();
            }
            let emitted = site.emit(sink, articles)?;
            for (path, bytes) in theme.statics() {
                if emitted.binary_search_by(|p| p.as_str().cmp(path)).is_err() {
                    sink(output::Page {
                        path: path.to_string(),
                        bytes: bytes.to_vec(),
                    })?;
                }
            }
            pages = emitted.iter().filter(|p| p.ends_with(".html")).count();
            timer.lap("render+write");
            drop(site);
            if keep {
                kept = Some(analysis);
            } else {
                drop_later(analysis);
            }
        }
    } else {
        let (_, quote_diags) = anchor::anchor(&loaded.dossier, &loaded.sources, false);
        loaded.diagnostics.extend(quote_diags);
        timer.lap("anchor");
        if loaded.diagnostics.errors() == 0 {
            let (_, warnings) =
                analysis::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance);
            timer.lap("analyse");
            loaded.diagnostics.extend(warnings);
        }
        if let Mode::Check { strict: true } = mode {
            loaded.diagnostics.promote_warnings();
        }
    }
    let report = report_of(&loaded, rendered, pages);
    let model = match (kept, theme) {
        (Some(analysis), Some(theme)) if report.errors == 0 => Some(incremental::Model::new(
            root, loaded, analysis, theme, &report,
        )),
        _ => {
            drop_later(loaded);
            None
        }
    };
    Ok((report, model))
}

/// Drops `value` on a thread of its own: freeing the model of a big
/// dossier (hundreds of thousands of strings) takes a tenth of a second
/// that the build need not wait for. If no thread can be started it is
/// dropped here.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}

/// The report of a run, from what was loaded (and the diagnostics, if
/// already rendered).
fn report_of(loaded: &load::Loaded, rendered: Option<String>, pages: usize) -> Report {
    Report {
        diagnostics: rendered.unwrap_or_else(|| loaded.diagnostics.render(&loaded.sources)),
        errors: loaded.diagnostics.errors(),
        warnings: loaded.diagnostics.warnings(),
        pages,
        claims: loaded.dossier.claims.len(),
        articles: loaded.dossier.articles.len(),
    }
}

/// Stage timings on stderr when `DOSSIER_TIMINGS` is set (for profiling):
/// wall time, and CPU time of the process where Linux reports it.
struct Timer(Option<std::cell::Cell<(Instant, f64)>>);

impl Timer {
    fn new() -> Self {
        Timer(
            std::env::var_os("DOSSIER_TIMINGS")
                .map(|_| std::cell::Cell::new((Instant::now(), cpu_seconds()))),
        )
    }
    fn lap(&self, stage: &str) {
        if let Some(t) = &self.0 {
            let (start, cpu) = t.get();
            let now = cpu_seconds();
            eprintln!(
                "timing: {stage:<8} {:>8.1} ms (cpu {:>6.0} ms)",
                start.elapsed().as_secs_f64() * 1000.0,
                (now - cpu) * 1000.0
            );
            t.set((Instant::now(), now));
        }
    }
}

/// User + system CPU seconds of this process so far, from
/// `/proc/self/stat` (0 where there is no such file).
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name (which may hold spaces) in parentheses.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let mut fields = rest.split_whitespace().skip(11);
    let ticks = |f: Option<&str>| f.and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime, in clock ticks (100 per second on Linux).
    (ticks(fields.next()) + ticks(fields.next())) / 100.0
}

/// Runs the command line; returns the process exit code.
pub fn run(args: cli::Cli, stderr: &mut dyn Write) -> i32 {
    match run_inner(args, stderr) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                let _ = writeln!(stderr, "  caused by: {s}");
                source = s.source();
            }
            2
        }
    }
}

fn run_inner(args: cli::Cli, stderr: &mut dyn Write) -> Result<i32, Error> {
    match args.command {
        cli::Command::Build {
            root,
            output,
            base_url,
        } => {
            let start = Instant::now();
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let out = output.unwrap_or_else(|| root.join("public"));
            output::check_target(&root, &out)?;
            let progress = progress::Progress::start(format!("Building {}", root.display()));
            let writer = output::LazyWriter::new(&out);
            let built = build_into(&root, base_url.as_deref(), &Mode::Render, &|page| {
                writer.put(&page.path, &page.bytes)
            });
            let report = match built {
                Ok(report) if report.errors == 0 => report,
                other => {
                    writer.abort();
                    progress.finish();
                    let report = other?;
                    let _ = write!(stderr, "{}", report.diagnostics);
                    let _ = writeln!(
                        stderr,
                        "error: could not build: {} error{}, {} warning{}; {} left untouched",
                        report.errors,
                        plural(report.errors),
                        report.warnings,
                        plural(report.warnings),
                        out.display()
                    );
                    return Ok(1);
                }
            };
            progress.set_message(format!("Swapping in {}", out.display()));
            let timer = Timer::new();
            let stats = writer.finish();
            timer.lap("swap");
            progress.finish();
            let _ = write!(stderr, "{}", report.diagnostics);
            let stats = stats?;
            if std::env::var_os("DOSSIER_TIMINGS").is_some() {
                eprintln!(
                    "timing: files: {} written, {} unchanged, {} removed",
                    stats.written, stats.kept, stats.removed
                );
            }
            let _ = writeln!(
                stderr,
                "Built {} pages ({} claims, {} articles, {} warning{}) into {} in {:.2} s",
                report.pages,
                report.claims,
                report.articles,
                report.warnings,
                plural(report.warnings),
                out.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(0)
        }
        cli::Command::Serve { root, port, output } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let out = output.unwrap_or_else(|| root.join("public"));
            serve::serve(serve::Options { root, out, port }, stderr)
        }
        cli::Command::Init { dir, theme } => {
            let written = init::init(&dir, theme)?;
            let _ = writeln!(
                stderr,
                "Created a dossier in {} ({} files). Next: cd {} && dossier build, then open public/index.html",
                dir.display(),
                written.len(),
                dir.display()
            );
            Ok(0)
        }
        cli::Command::Import {
            source,
            slug,
            language,
            force,
            root,
            timeout,
        } => {
            let opts = import::Options {
                source,
                slug,
                language,
                force,
                root: root.unwrap_or_else(|| PathBuf::from(".")),
                timeout: std::time::Duration::from_secs(timeout),
            };
            Ok(import::run(&opts, stderr))
        }
        cli::Command::Check { root, strict } => {
            let start = Instant::now();
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let (report, _) = build_in_memory(&root, None, &Mode::Check { strict })?;
            let _ = write!(stderr, "{}", report.diagnostics);
            if report.errors > 0 {
                let _ = writeln!(
                    stderr,
                    "error: check failed: {} error{}, {} warning{}",
                    report.errors,
                    plural(report.errors),
                    report.warnings,
                    plural(report.warnings)
                );
                return Ok(1);
            }
            let _ = writeln!(
                stderr,
                "Checked {} claims and {} articles: no errors, {} warning{} in {:.2} s",
                report.claims,
                report.articles,
                report.warnings,
                plural(report.warnings),
                start.elapsed().as_secs_f64()
            );
            Ok(0)
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Entry points of the fuzz targets in `fuzz/` and of their regression
/// tests. Not a stable API.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::load::split_front_matter;

    /// Loads a dossier made of in-memory files (`(path under content/,
    /// bytes)`) as `dossier check` does: load, locate and mark every quote,
    /// analyse when there is no error. Returns the rendered diagnostics.
    pub fn check(files: &[(&str, &[u8])]) -> String {
        let mut loaded = crate::load::load_files(files);
        let ok = loaded.diagnostics.errors() == 0;
        let (_, quote_diags) = crate::anchor::anchor(&loaded.dossier, &loaded.sources, ok);
        loaded.diagnostics.extend(quote_diags);
        if loaded.diagnostics.errors() == 0 {
            let (_, warnings) =
                crate::analysis::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance);
            loaded.diagnostics.extend(warnings);
        }
        loaded.diagnostics.render(&loaded.sources)
    }
}
