//! A file of the site and the contract between the stages that make files
//! and the one that writes them. Rendering hands each [`Page`] to a sink
//! as soon as it is made; the sink (the writer of [`crate::output`], or a
//! vector in memory) answers with an [`OutputError`] when it cannot take
//! it. It sits below both, so that rendering never imports the writer.

use std::io;
use std::path::PathBuf;

/// One output file.
#[derive(Debug)]
pub struct Page {
    /// Path relative to the output folder, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// The archive of the site that the writer makes once every file is
/// written (`[offline] archive`), as rendering planned it: the pages link
/// to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    /// Its path from the site's root (`<site>.zip`).
    pub path: String,
    /// The folder its files are in, inside it.
    pub folder: String,
}

/// Problems writing the output.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output folder would hold or replace the dossier itself.
    #[error(
        "refusing to write output to {0}: it contains the dossier (choose a folder such as `public`)"
    )]
    ContainsRoot(PathBuf),
    /// The single file of `export` would replace one of the dossier's own
    /// files, or is not named as an HTML file.
    #[error(
        "refusing to write the export to {0}: {1} (choose a file such as `dossier.html` outside content/)"
    )]
    NotAnExport(PathBuf, &'static str),
    /// The output folder is a symbolic link.
    #[error(
        "refusing to write output to {0}: it is a symbolic link (builds replace the folder whole); give the folder it points to as --output"
    )]
    Link(PathBuf),
    /// The output folder exists and is not a dossier build.
    #[error(
        "refusing to replace {0}: it exists and is not a previous dossier build (no .nojekyll); remove it or choose another --output"
    )]
    NotOurs(PathBuf),
    /// A page path escapes the output folder (a bug).
    #[error("page path {0:?} is not inside the output folder")]
    BadPath(String),
    /// I/O.
    #[error("cannot write {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Where rendering hands each page as it is made, from any thread.
pub type Sink<'a> = dyn Fn(Page) -> Result<(), OutputError> + Sync + 'a;

/// What the last build left in the output, which a build may take back
/// instead of making a file again (`crate::reuse` decides which; the
/// writer of [`crate::output`] gives it). Callable from many threads.
pub trait Previous: Sync {
    /// The record the last build left with the output (once; `None`
    /// when there is none, or the output is not the tree it was left
    /// with).
    fn take_record(&self) -> Result<Option<String>, OutputError>;
    /// Whether the output's file at `path` is as the last build wrote it.
    fn intact(&self, path: &str) -> Result<bool, OutputError>;
    /// Puts the output's file at `path` into the new site as it is, and
    /// says so; `false` (nothing put) when the file is not as the last
    /// build wrote it.
    fn keep(&self, path: &str) -> Result<bool, OutputError>;
    /// The output's file at `path`, opened for reading, when it is as the
    /// last build wrote it (a build takes pieces of it: `crate::reuse`).
    fn open(&self, path: &str) -> Result<Option<std::fs::File>, OutputError>;
}
