//! Command-line interface (clap).

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Static-site generator for briefing dossiers.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the dossier into static HTML.
    Build {
        /// Dossier folder (holds dossier.toml and content/).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Output folder [default: ROOT/public].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Absolute URL the site is published at (overrides base_url).
        #[arg(long, value_name = "URL", value_parser = parse_base_url)]
        base_url: Option<String>,
        /// Print every warning (by default a long list is cut after the
        /// first 20, followed by a count of the rest by kind).
        #[arg(long)]
        all_warnings: bool,
    },
    /// Export the dossier as one self-contained HTML file, to send or print.
    Export {
        /// The file to write (replaced whole, or left as it was).
        #[arg(long, value_name = "FILE.html")]
        single_file: PathBuf,
        /// Dossier folder (holds dossier.toml and content/).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
    /// Create a new dossier with a small working example.
    Init {
        /// Folder to create (new or empty; a `.git` alone is fine).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// Also copy the built-in theme into DIR/themes/default to customise it.
        #[arg(long)]
        theme: bool,
        /// Write into a folder that is not empty: files of the same name
        /// are replaced, every other file is left as it is.
        #[arg(long)]
        force: bool,
        /// The dossier's language (BCP 47): `fr` writes the example in
        /// French; any other tag, the English example set to that language.
        #[arg(long, value_name = "L", default_value = "en")]
        language: String,
    },
    /// Validate the dossier; write nothing.
    Check {
        /// Dossier folder.
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
        /// Print every warning (by default a long list is cut after the
        /// first 20, followed by a count of the rest by kind).
        #[arg(long)]
        all_warnings: bool,
    },
    /// Build, serve the output on 127.0.0.1, rebuild on change and reload
    /// open pages.
    Serve {
        /// Dossier folder (holds dossier.toml and content/).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Port on 127.0.0.1 (0 picks a free one).
        #[arg(long, value_name = "N", default_value_t = 1111)]
        port: u16,
        /// Output folder [default: ROOT/public].
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Print every warning (by default a long list is cut after the
        /// first 20, followed by a count of the rest by kind).
        #[arg(long)]
        all_warnings: bool,
    },
    /// Record the dossier's claims and key judgments as an edition:
    /// editions/NAME.yaml, which the build compares the dossier with.
    Edition {
        /// The edition's name: an id, or a date (2025-08-15), which is then
        /// its date (else today's is recorded).
        #[arg(value_name = "NAME")]
        name: String,
        /// Dossier folder (holds dossier.toml and content/).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Replace an edition of the same name.
        #[arg(long)]
        force: bool,
    },
    /// Import a web page (a saved .html file or an http(s) URL) as an
    /// article of content/articles/.
    #[command(
        about = "Import a web page (a saved .html file or an http(s) URL) as an article: content/articles/<slug>.md",
        long_about = IMPORT_ABOUT,
        after_help = IMPORT_AFTER
    )]
    Import {
        /// A saved web page (.html, any charset) or an http:// or https:// URL.
        #[arg(value_name = "SOURCE")]
        source: std::ffi::OsString,
        /// Slug of the article (its file name) [default: from the title].
        #[arg(long, value_name = "S")]
        slug: Option<String>,
        /// BCP 47 language of the article [default: the page's].
        #[arg(long, value_name = "L")]
        language: Option<String>,
        /// Overwrite an article of the same slug.
        #[arg(long, help = "Overwrite content/articles/<slug>.md if it exists")]
        force: bool,
        /// Dossier folder (holds dossier.toml and content/).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Seconds a URL may take to answer and send the page.
        #[arg(long, value_name = "SECS", default_value_t = 30,
              value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
    },
    /// Write the JSON Schemas of the content files and dossier.toml, for
    /// editors to complete and check them while they are typed.
    Schema {
        /// Folder to write them to [default: ROOT/schemas].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Dossier folder (holds dossier.toml and content/).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

const IMPORT_ABOUT: &str = "\
Import a web page (a saved .html file or an http(s) URL) as an article:
content/articles/<slug>.md, its front matter from the page's metadata and
its body the story's text as Markdown, without the page's navigation,
banners, share bars, ads, related links and comments.";

const IMPORT_AFTER: &str = "\
Front matter, first found wins:
  title      JSON-LD headline, og:title, citation_title, first <h1>, <title>
  published  JSON-LD datePublished, article:published_time, citation_date,
             a <time datetime>; written YYYY-MM-DD (or YYYY-MM, YYYY)
  language   --language, <html lang>, JSON-LD inLanguage, og:locale
  outlet     og:site_name, JSON-LD publisher
  author     JSON-LD author, <meta name=author>, citation_author
  url        <link rel=canonical>, og:url, the fetched URL
A page without a date gets today's; one without a language, the dossier's
(dossier.toml); both lines are marked in the file to be checked. The import
prints what it found where, and what it did not find.

The slug comes from the title (transliterated to ASCII), with -2, -3... if
taken; an existing article is overwritten only with --force.

Exit status 1, with one line naming the file or URL, if the page is missing,
empty, not HTML, over 32 MiB, without text, or cannot be fetched (offline,
timeout, an HTTP error, a content type other than HTML).";

/// `--base-url`, checked as `base_url` in `dossier.toml` is.
fn parse_base_url(url: &str) -> Result<String, String> {
    crate::config::base_url(url).map_err(|why| format!("the base URL {why}"))
}
