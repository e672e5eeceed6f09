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
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
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
    },
    /// Validate the dossier; write nothing.
    Check {
        /// Dossier folder.
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        strict: bool,
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
    },
}
