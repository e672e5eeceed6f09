//! The commands: parse nothing (clap did), call the pipeline or a
//! command's module, print the summary line, and map the outcome to an
//! exit code (0 done, 1 content errors, 2 failure).

use crate::timing::Timer;
use crate::{
    Error, Mode, build_in_memory, build_site, cli, edition, import, init, output, plural, progress,
    schemas, serve,
};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

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
            all_warnings,
        } => build(root, output, base_url.as_deref(), all_warnings, stderr),
        cli::Command::Serve {
            root,
            port,
            output,
            all_warnings,
        } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            let out = output.unwrap_or_else(|| root.join("public"));
            serve::serve(
                serve::Options {
                    root,
                    out,
                    port,
                    all_warnings,
                },
                stderr,
            )
        }
        cli::Command::Init {
            dir,
            theme,
            force,
            language,
        } => {
            let options = init::Options {
                theme,
                force,
                language: Some(language),
            };
            init::run(&dir, options, stderr)?;
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
        cli::Command::Check {
            root,
            strict,
            all_warnings,
        } => check(root, strict, all_warnings, stderr),
        cli::Command::Export { single_file, root } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            crate::export::single_file(&root, &single_file, stderr)
        }
        cli::Command::Edition { name, root, force } => {
            let opts = edition::command::Options {
                name,
                root: root.unwrap_or_else(|| PathBuf::from(".")),
                force,
            };
            Ok(edition::command::run(&opts, stderr))
        }
        cli::Command::Schema { out, root } => {
            let root = root.unwrap_or_else(|| PathBuf::from("."));
            Ok(schemas::run(&schemas::Options { root, out }, stderr))
        }
    }
}

/// `dossier build`: the pipeline into a [`output::LazyWriter`], swapped in
/// only when there is no error.
fn build(
    root: Option<PathBuf>,
    output: Option<PathBuf>,
    base_url: Option<&str>,
    all_warnings: bool,
    stderr: &mut dyn Write,
) -> Result<i32, Error> {
    let start = Instant::now();
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let out = output.unwrap_or_else(|| root.join("public"));
    output::check_target(&root, &out)?;
    let progress = progress::Progress::start(format!("Building {}", root.display()));
    let writer = output::LazyWriter::new(&out);
    let put = |page: output::Page| writer.put(&page.path, &page.bytes);
    let built = build_site(&root, base_url, &put, Some(&writer));
    let (report, archive, record) = match built {
        Ok((report, archive, record)) if report.errors == 0 => (report, archive, record),
        other => {
            writer.abort();
            progress.finish();
            let (report, _, _) = other?;
            let _ = write!(stderr, "{}", report.shown(all_warnings));
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
    progress.set_message(match &archive {
        Some(a) => format!("Writing {} and swapping in {}", a.path, out.display()),
        None => format!("Swapping in {}", out.display()),
    });
    let timer = Timer::new();
    let stats = writer.finish_with(archive.as_ref(), record.as_deref());
    timer.lap("archive+swap");
    progress.finish();
    let _ = write!(stderr, "{}", report.shown(all_warnings));
    let stats = stats?;
    if std::env::var_os("DOSSIER_TIMINGS").is_some() {
        eprintln!(
            "timing: files: {} written, {} unchanged, {} removed",
            stats.written, stats.kept, stats.removed
        );
        if let Some(a) = stats.archive {
            eprintln!(
                "timing: archive: {} entries compressed, {} copied from the previous one",
                a.compressed, a.copied
            );
        }
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

/// `dossier check`: the pipeline without rendering.
fn check(
    root: Option<PathBuf>,
    strict: bool,
    all_warnings: bool,
    stderr: &mut dyn Write,
) -> Result<i32, Error> {
    let start = Instant::now();
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let (report, _) = build_in_memory(&root, None, &Mode::Check { strict })?;
    let _ = write!(stderr, "{}", report.shown(all_warnings));
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
