//! Writing the site. Pages are handed to a [`Writer`] as they are
//! rendered; it puts them into a working tree beside the output and swaps
//! that in only when everything is written, so a failed or interrupted
//! build leaves the previous output as it was. Paths are checked to stay
//! inside the working tree.
//!
//! The working tree is the output of the build before last (kept as
//! `.<name>.prev`), so that a rebuild only writes the files that changed.
//! The swap is one atomic exchange of the two folders on Linux
//! (`renameat2(RENAME_EXCHANGE)`), so a build killed at any moment leaves
//! either the old or the new output in place, never neither. Elsewhere (or
//! on a file system without the exchange) the old output is renamed aside
//! first and the working tree renamed in; a build killed between the two
//! renames leaves `.<name>.old-<pid>` and no output, and the next build
//! puts it back before anything else.
//!
//! In: pages and static files ([`Page`]), from any thread, in any order.
//! Out: the output folder, replaced whole or not at all, and the previous
//! build kept beside it (`.<name>.prev`, with its manifest) for the next.
//! Never writes outside the working tree beside the output, and never
//! writes the live output in place.
//!
//! - `target.rs`: may this folder be written, and does a page's path stay
//!   inside it;
//! - `writer.rs`: the working tree filled page by page, unchanged files
//!   kept, then swapped in ([`Writer`]); `lazy.rs`: one started on the
//!   first file ([`LazyWriter`]);
//! - `manifest.rs`: what each kept tree holds, so unchanged files are known
//!   without reading them;
//! - `tree.rs`: listing and pruning the reused tree, the atomic swap, and
//!   cleaning up after killed builds;
//! - `previous.rs`: files of the output a build takes back as they are
//!   (`crate::reuse` says which), copied into the working tree;
//! - `archive.rs`: the site as one `.zip`, made in the working tree once
//!   every file is there, entries of unchanged files copied compressed
//!   from the archive the tree already holds.

use std::io;
use std::path::Path;

mod archive;
mod lazy;
mod manifest;
mod previous;
mod target;
mod tree;
mod writer;

pub use crate::page::{OutputError, Page, Previous};
pub use archive::ArchiveStats;
pub use lazy::LazyWriter;
pub(crate) use target::safe_relative;
pub use target::{check_export_target, check_target};
pub use writer::{WriteStats, Writer, write_site};

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.to_path_buf(),
        source,
    }
}
