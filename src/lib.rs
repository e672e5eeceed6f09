//! `dossier`: a static-site generator for briefing dossiers.
//!
//! The pipeline (`pipeline.rs`), one stage per folder:
//! load ([`load`]: read, parse, validate into a [`model::Dossier`]) →
//! analyse ([`analyse`]: corroboration, status, figure conflicts) and
//! anchor ([`anchor`]: locate every quote, mark passages) →
//! render ([`render`]: pages made in parallel, handed to a [`page::Sink`]) →
//! write ([`output`]: staging folder swapped in atomically).
//! A build takes back from its last output the pages whose inputs are
//! the same ([`reuse`]).
//! Between analysis and rendering, [`edition`] compares the dossier with
//! its latest recorded edition (`editions/*.yaml`).
//! Content problems are collected as [`diagnostic::Diagnostic`]s through
//! every stage; nothing is written if there is an error. The commands
//! (`cmd.rs`) call the pipeline; [`serve`] runs it on every save.

pub mod analyse;
pub mod anchor;
pub mod citation;
pub mod claim_page;
pub mod cli;
mod cmd;
pub mod config;
pub mod diagnostic;
pub mod edition;
pub mod escape;
pub mod export;
pub mod fold;
pub mod format;
pub mod highlight;
pub mod i18n;
pub mod import;
pub mod init;
pub mod line_break;
pub mod load;
pub mod markdown;
pub mod memory;
pub mod mention;
pub mod model;
pub mod output;
pub mod page;
mod pipeline;
pub mod progress;
pub mod render;
pub mod reuse;
pub mod schemas;
pub mod serve;
pub mod source;
pub mod theme;
mod timing;

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
    /// The single file could not be made.
    #[error("cannot export: {0}")]
    Export(String),
}

pub use cmd::run;
pub(crate) use pipeline::drop_later;
pub use pipeline::{Built, Mode, Report, build_in_memory, build_into, build_keeping, build_site};

/// The plural ending of a count in an English summary line.
pub(crate) fn plural(n: usize) -> &'static str {
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
                crate::analyse::analyse(&loaded.dossier, &loaded.sources, loaded.config.tolerance);
            loaded.diagnostics.extend(warnings);
        }
        loaded.diagnostics.render(&loaded.sources)
    }
}
