//! A serve session: the last good site (a hash of every file written) and
//! the model kept from its build. Each update builds again, only the pages
//! the change reaches when it can ([`Model::update`]), and writes only the
//! files whose bytes changed; a build with errors writes nothing. An edit
//! whose lists come after its pages is written in two steps
//! ([`Session::update_first`], then [`Session::finish_lists`], with the
//! server's gate held between); [`Session::update_after`] does both.

use super::http::gate::Gate;
use super::incremental::{Model, Outcome};
use super::write::{remove_files, write_atomic, write_changes};
use crate::output::{self, Page};
use crate::{Error, Report, build_keeping};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

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
    /// The pages a claims edit wrote first, until its lists are made
    /// ([`Session::finish_lists`]).
    shown: Option<Vec<Page>>,
    /// Held while those lists are made (`None`: no server asks).
    gate: Option<Arc<Gate>>,
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
    /// Time spent making and writing the lists after the pages shown
    /// first ([`Session::finish_lists`]).
    pub lists: Duration,
    /// Only the pages the change reaches were made ([`Model::update`]).
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
            shown: None,
            gate: None,
        }
    }

    /// The session, holding `gate` while it makes the lists of an edit
    /// after the pages it shows first.
    #[must_use]
    pub fn gated(mut self, gate: Arc<Gate>) -> Session {
        self.gate = Some(gate);
        self
    }

    /// The output folder.
    pub(super) fn out(&self) -> &Path {
        &self.out
    }

    /// Whether a good site was built (and is served).
    pub(super) fn has_site(&self) -> bool {
        self.site.is_some()
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
    /// files not known (`None`). When they are article bodies, claims
    /// files or front matters (and the like, see [`Model::update`]), only
    /// the pages they reach are made again; otherwise the whole site is
    /// built.
    pub fn update_after(&mut self, changed: Option<&[PathBuf]>) -> Result<Update, Error> {
        let mut update = self.update_first(changed)?;
        self.finish_lists(&mut update)?;
        Ok(update)
    }

    /// [`Session::update_after`], but of a claims edit only the pages
    /// that show the claims are made and written, of a topic's or an
    /// entity's text its pages, and of a topic's or the front page's
    /// front matter their pages (the lists, the search index or the rest
    /// of the site are held by the gate): [`Session::finish_lists`] makes
    /// the rest.
    pub fn update_first(&mut self, changed: Option<&[PathBuf]>) -> Result<Update, Error> {
        let start = Instant::now();
        if let Some(shown) = self.shown.take() {
            // The lists of the last edit were never made.
            drop(shown);
            self.release();
            self.model = None;
        }
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
                Ok(Outcome::Updated(report, pages, removed)) => {
                    let lists = model.has_lists();
                    if let (true, Some(gate)) = (lists, &self.gate) {
                        gate.hold(pages.iter().map(|p| p.path.clone()).collect());
                    }
                    let build = start.elapsed();
                    let start = Instant::now();
                    let written = write_pages(&self.out, site, &pages, &removed);
                    let (written, removed) = match written {
                        Ok(counts) => counts,
                        Err(e) => {
                            self.release();
                            self.model = None;
                            return Err(e);
                        }
                    };
                    if lists {
                        self.shown = Some(pages);
                    }
                    return Ok(Update {
                        report,
                        written,
                        removed,
                        build,
                        write: start.elapsed(),
                        lists: Duration::ZERO,
                        partial: true,
                    });
                }
            }
        }
        self.model = None;
        match self.site.take() {
            Some(old) if self.out.is_dir() => self.rebuild(old, start),
            _ => self.build_whole(start),
        }
    }

    /// Makes and writes the lists of the edit [`Session::update_first`]
    /// wrote the first pages of, or the whole site after a front matter
    /// (nothing otherwise), adds them to `update` and releases the gate.
    pub fn finish_lists(&mut self, update: &mut Update) -> Result<(), Error> {
        let Some(shown) = self.shown.take() else {
            return Ok(());
        };
        let start = Instant::now();
        if self.model.as_ref().is_some_and(Model::builds_after) {
            drop(shown);
            return self.build_after(update, start);
        }
        let done = match (self.model.as_mut(), self.site.as_mut()) {
            (Some(model), Some(site)) => {
                model.finish(&shown).and_then(|(pages, removed, report)| {
                    Ok((write_pages(&self.out, site, &pages, &removed)?, report))
                })
            }
            _ => Ok(((0, 0), None)),
        };
        self.release();
        let ((written, removed), report) = done.inspect_err(|_| self.model = None)?;
        if let Some(report) = report {
            update.report = report;
        }
        update.written += written;
        update.removed += removed;
        update.lists = start.elapsed();
        Ok(())
    }

    /// The whole site built again after the pages an edit showed first
    /// (a topic's or the front page's front matter: every page shows the
    /// titles), added to `update`; the gate is released once it is written.
    fn build_after(&mut self, update: &mut Update, start: Instant) -> Result<(), Error> {
        self.model = None;
        let whole = match self.site.take() {
            Some(old) if self.out.is_dir() => self.rebuild(old, start),
            _ => self.build_whole(start),
        };
        self.release();
        let whole = whole?;
        update.report = whole.report;
        update.written += whole.written;
        update.removed += whole.removed;
        update.lists = start.elapsed();
        update.partial = false;
        Ok(())
    }

    fn release(&self) {
        if let Some(gate) = &self.gate {
            gate.release();
        }
    }

    /// A full build after a good one: the pages whose hash differs from
    /// `old` (the last good site) are kept in memory and, if the build is
    /// good, written in place; files that are gone are removed.
    fn rebuild(&mut self, old: HashMap<String, u128>, start: Instant) -> Result<Update, Error> {
        let hashes = Hashes::default();
        let mut update = Update::nothing();
        let changed = std::sync::Mutex::new(Vec::new());
        let built = build_keeping(&self.root, Some(&self.base_url), &|page| {
            let h = hashes.record(&page);
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
        let new = hashes.into_map();
        let (written, removed) = write_changes(&self.out, &old, &new, &changed)?;
        update.written = written;
        update.removed = removed;
        update.write = start.elapsed();
        self.site = Some(new);
        self.model = model.map(|kept| Model::new(&self.root, kept, &update.report));
        Ok(update)
    }

    /// The first build (or one after the output folder went away): the
    /// whole site streamed into a working folder and swapped in, as
    /// `dossier build` does.
    fn build_whole(&mut self, start: Instant) -> Result<Update, Error> {
        let hashes = Hashes::default();
        let mut update = Update::nothing();
        let writer = output::LazyWriter::new(&self.out);
        let built = build_keeping(&self.root, Some(&self.base_url), &|page| {
            hashes.record(&page);
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
        self.site = Some(hashes.into_map());
        self.model = model.map(|kept| Model::new(&self.root, kept, &update.report));
        Ok(update)
    }
}

impl Update {
    /// An update that has done nothing yet.
    fn nothing() -> Update {
        Update {
            report: Report {
                diagnostics: String::new(),
                all_diagnostics: None,
                errors: 0,
                warnings: 0,
                pages: 0,
                claims: 0,
                articles: 0,
                messages: None,
            },
            written: 0,
            removed: 0,
            build: Duration::ZERO,
            write: Duration::ZERO,
            lists: Duration::ZERO,
            partial: false,
        }
    }
}

/// The hash of every page of a build, recorded from the rendering threads.
#[derive(Default)]
struct Hashes(std::sync::Mutex<HashMap<String, u128>>);

impl Hashes {
    /// Records `page`'s hash and returns it.
    fn record(&self, page: &Page) -> u128 {
        let h = xxhash_rust::xxh3::xxh3_128(&page.bytes);
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .insert(page.path.clone(), h);
        h
    }

    fn into_map(self) -> HashMap<String, u128> {
        self.0
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Writes the pages made again ([`Model::update`]) whose bytes differ
/// from the served site's, removes the files no longer made, and records
/// their hashes. Returns how many files were written and removed.
fn write_pages(
    out: &Path,
    site: &mut HashMap<String, u128>,
    pages: &[Page],
    removed: &[String],
) -> Result<(usize, usize), Error> {
    let changed: Vec<(&Page, u128)> = pages
        .par_iter()
        .map(|p| (p, xxhash_rust::xxh3::xxh3_128(&p.bytes)))
        .filter(|(p, h)| site.get(&p.path) != Some(h))
        .collect();
    changed
        .par_iter()
        .try_for_each(|(p, _)| write_atomic(out, &p.path, &p.bytes))?;
    let written = changed.len();
    for (p, h) in changed {
        site.insert(p.path.clone(), h);
    }
    for path in removed {
        site.remove(path);
    }
    Ok((written, remove_files(out, removed)?))
}
