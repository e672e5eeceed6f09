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
//!   ([`incremental`]: nothing else depends on an article's body); claims
//!   files, front matters and the fields of sources, metrics and entities
//!   redo the pages they reach (`reload.rs`): the claims and article pages
//!   (of sources' or metrics' fields alone, the sources or figures page)
//!   first, written and reloaded at once, then the lists (`lists.rs`),
//!   which the server holds requests for until they are written
//!   ([`http::gate`]); a topic's or the front page's front matter shows
//!   its own page first, then builds the whole site, held the same way
//!   (`texts.rs`: every page shows the titles); any other change builds
//!   the whole site.
//! - A build with errors prints its diagnostics, writes nothing (the last
//!   good site stays served) and sends them to open pages, which show them
//!   over the page until the next good build reloads it.
//! - Pages are built as `dossier build` makes them (canonical links and
//!   feed name the published site, if `base_url` is set), so `serve` and
//!   `build` share the kept output and neither rewrites what the other
//!   wrote. Only `404.html`, served at any depth, gets the server's address
//!   as its `<base href>`.
//!
//! In: the dossier folder and the output folder. Out: the output folder
//! kept up to date and the site on HTTP at 127.0.0.1. Never writes a build
//! with errors, never writes the reload script or the annotation panel
//! into a file (they are added to responses), never serves a file from
//! outside the output folder, and writes into `content/claims/` only what
//! the panel of its own pages asks for, once the build accepts it.
//! The pipeline is reached through [`Session::update_after`] alone.
//!
//! - `session.rs`: the last good site and its kept model; one update;
//! - `reload.rs`: an edit of claims files, the pages it can change alone;
//! - `affected.rs`: what such an edit changed besides the claims, and the
//!   pages it reaches;
//! - `lists.rs`: the lists such an edit makes after the pages it shows;
//! - [`incremental`]: the kept model, which redoes changed articles alone;
//! - `write.rs`: changed files replaced in place, one atomic rename each;
//! - `watch.rs`: the inputs watched, bursts of events, the rebuild loop;
//! - [`http`]: the server (hyper), the reload script and the event stream;
//! - [`annotate`]: the annotation panel of article pages and its
//!   endpoints, the one way `serve` writes into `content/` (claims files
//!   only, and only for its own pages).

mod affected;
pub mod annotate;
pub mod http;
pub mod incremental;
mod lists;
mod redrawn;
mod reload;
mod session;
mod texts;
mod watch;
mod write;

pub use session::{Session, Update};
pub use watch::{LONGEST, QUIET};

use crate::output;
use crate::progress::Progress;
use crate::{Error, plural};
use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

/// What `dossier serve` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// The dossier folder.
    pub root: PathBuf,
    /// The output folder.
    pub out: PathBuf,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Print every warning in the terminal, not the first ones and a count.
    pub all_warnings: bool,
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
    let nonce = SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
        ^ u64::from(std::process::id());
    let hub = http::Hub::new(nonce);
    let gate = std::sync::Arc::new(http::gate::Gate::default());
    let mut session =
        Session::new(root.clone(), out.clone(), url.clone()).gated(std::sync::Arc::clone(&gate));

    // Watch first: a change saved during the first build starts a rebuild.
    let watching = match watch::start_watching(&root) {
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
    if report_failure(&first, &hub, &out, options.all_warnings, stderr)
        && let Ok(u) = &first
    {
        let _ = write!(stderr, "{}", u.report.shown(options.all_warnings));
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

    let counted = std::sync::Arc::clone(&hub);
    let annotator =
        annotate::Annotator::new(root.clone(), port, Box::new(move || counted.updates()));
    if annotator.is_none() {
        let _ = writeln!(
            stderr,
            "warning: no random numbers for the annotation token; the annotation panel is off"
        );
    }
    let site = http::Site {
        out: out.clone(),
        hub: std::sync::Arc::clone(&hub),
        annotate: annotator.map(std::sync::Arc::new),
        gate,
    };
    if let Err(e) = http::spawn(listener, site) {
        let _ = writeln!(stderr, "error: cannot serve: {e}");
        return Ok(2);
    }
    let _ = writeln!(
        stderr,
        "Serving {} at {url} (rebuilds on changes to content/, themes/ and dossier.toml; Ctrl+C to stop)",
        out.display()
    );
    let _ = stderr.flush();
    let terminal = watch::Terminal {
        stderr,
        all_warnings: options.all_warnings,
    };
    watch::watch(&root, watching, &mut session, &hub, terminal, built_at)
}

/// Prints a failed update (diagnostics, or the pipeline's error) and sends
/// it to the open pages. Returns whether the update was good.
fn report_failure(
    result: &Result<Update, Error>,
    hub: &http::Hub,
    out: &Path,
    all_warnings: bool,
    stderr: &mut dyn Write,
) -> bool {
    if let Ok(u) = result
        && let Some(m) = &u.report.messages
    {
        hub.set_words(&words(m));
    }
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
            (format!("{}{summary}", u.report.shown(all_warnings)), shown)
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

/// The words `serve` adds to pages, in the dossier's language.
#[derive(Debug, Clone, Default)]
pub struct Words {
    /// The error overlay's, as `reload.js` reads them (JSON; empty:
    /// English).
    pub overlay: String,
    /// The annotation panel's, as JSON safe in `<script>`.
    pub panel: String,
}

/// The words of `serve` in the language of `m`.
pub fn words(m: &crate::i18n::Messages) -> Words {
    Words {
        overlay: overlay_words(m),
        panel: annotate::panel_strings(m),
    }
}

/// The error overlay's words in the dossier's language, as `reload.js`
/// reads them (JSON).
pub fn overlay_words(m: &crate::i18n::Messages) -> String {
    use crate::i18n::Msg;
    serde_json::json!({
        "label": m.text(Msg::ServeErrorLabel),
        "title": m.text(Msg::ServeErrorTitle),
        "dismiss": m.text(Msg::ServeErrorDismiss),
    })
    .to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_words_are_the_dossiers_language_and_given_to_the_script() {
        let theme = crate::theme::Theme::default();
        let (fr, _) =
            crate::i18n::Messages::load(&theme, "fr", &mut crate::source::Sources::default());
        let words = overlay_words(&fr);
        assert!(
            words.contains("\"label\":\"Erreur de construction\""),
            "{words}"
        );
        let html = hyper::body::Bytes::from_static(b"<body><p>x</p></body>");
        let page = http::inject::inject(html, "ab-1", &words, None).concat();
        let panel = annotate::panel_strings(&fr);
        assert!(
            panel.contains("\"title\":\"Annoter ce passage\""),
            "{panel}"
        );
        assert!(panel.contains("Trouvée {count} fois"), "{panel}");
        let page = String::from_utf8(page).unwrap();
        assert!(
            page.contains("data-l10n=\"{&quot;dismiss&quot;:&quot;Fermer&quot;"),
            "{page}"
        );
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
}
