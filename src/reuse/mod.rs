//! What a build takes back from the last one instead of making it again.
//!
//! Each page is made from inputs the build can name before making it.
//! "What every page reads" is the binary itself, the options, the theme,
//! and every file of the dossier but the articles' Markdown bodies (their
//! front matters are in). An article's page reads that, but of the claims
//! files only the claims that quote the article, and its own text; it is
//! keyed on their fingerprints (`render::claim_fingerprint`: every field a
//! page can show, the claim's analysis and change included). Every other
//! page is keyed on what every page reads and the entities each article
//! mentions. No page reads another article's body: `serve` relies on the
//! same fact (`serve::incremental`), and its tests check it against full
//! builds.
//!
//! A build hashes those inputs into keys ([`Keys`]), and the record the
//! last build left beside its output says which keys each of its pages
//! was made from ([`Record`]). A page whose key is the same, and whose
//! file the output's manifest vouches for (untouched since), is taken as
//! it is ([`crate::page::Previous::keep`]): an article is neither anchored
//! nor rendered, and the other pages are kept together or made together.
//! A key is made of every byte of its inputs, so an edit anywhere in what
//! a page reads makes it again; a build whose record is missing,
//! unreadable or from another binary makes every page.
//!
//! In: the dossier as loaded (with its texts), the theme, the previous
//! output. Out: which pages to keep, and the record of this build.
//!
//! - `keys.rs`: the keys of a build's inputs;
//! - `record.rs`: the record, as written beside the output and read back.

mod keys;
mod record;

use crate::analyse::Analysis;
use crate::edition::Changes;
use crate::model::Dossier;
use crate::page::{OutputError, Previous};
use crate::render::offline::Recorded;
pub use keys::Keys;
use rayon::prelude::*;
pub use record::Record;

/// One build's use of the last one's pages.
pub struct Reuse<'a> {
    previous: &'a dyn Previous,
    keys: Keys,
    /// The record the output holds (an empty one when it has none).
    last: Record,
    /// Article pages taken back, and whether the other pages were.
    taken: (
        std::sync::atomic::AtomicUsize,
        std::sync::atomic::AtomicBool,
    ),
}

impl<'a> Reuse<'a> {
    /// What `previous` can give back to a build of `keys`.
    pub fn new(previous: &'a dyn Previous, keys: Keys) -> Result<Self, OutputError> {
        let last = previous.take_record()?.and_then(|t| Record::parse(&t));
        Ok(Reuse {
            previous,
            keys,
            last: last.unwrap_or_default(),
            taken: Default::default(),
        })
    }

    /// Completes the keys of the article pages ([`Keys::article`]). When
    /// what every page reads is what the last build read, the claims and
    /// their analysis are those it read too: an article whose text is the
    /// same keeps its last key, and the fingerprints of the claims are
    /// computed for the others alone (a rebuild of the same files computes
    /// none; all of them take about 0.1 s at 100,000 claims).
    pub fn with_claims(
        &mut self,
        d: &Dossier,
        analysis: &Analysis,
        changes: Option<&Changes>,
        cites: &[Vec<(usize, usize)>],
    ) {
        let same = self.last.base == self.keys.base && self.last.base != 0;
        let (keys, last) = (&self.keys, &self.last);
        let articles = (0..d.articles.len())
            .into_par_iter()
            .map(|i| {
                let path = crate::render::article_path(&d.articles[i]);
                match last.articles.get(&path) {
                    Some(made) if same && made.text == keys.texts[i] => made.key,
                    _ => keys.article(i, &cites[i], |c| {
                        crate::render::claim_fingerprint(d, analysis, changes, c)
                    }),
                }
            })
            .collect();
        self.keys.articles = articles;
    }

    /// How many article pages were taken back, and whether the other
    /// pages were (for `DOSSIER_TIMINGS`).
    pub fn taken(&self) -> (usize, bool) {
        use std::sync::atomic::Ordering::Relaxed;
        (self.taken.0.load(Relaxed), self.taken.1.load(Relaxed))
    }

    /// The key of the pages other than articles' (see [`Keys::site`]).
    pub fn site_key(&self, mentions: &[Vec<usize>]) -> u128 {
        self.keys.site(mentions)
    }

    /// The record of this build (see `record::write`): `articles` are the
    /// article pages' paths in article order, `emitted` every page
    /// `emit` gave, articles' included.
    pub fn record(
        &self,
        site: u128,
        articles: &[String],
        mentions: &[Vec<usize>],
        emitted: &[String],
        recorded: &[Recorded],
    ) -> Option<String> {
        if std::env::var_os("DOSSIER_TIMINGS").is_some() {
            let (kept, lists) = self.taken();
            eprintln!(
                "timing: taken from the last build: {kept} of {} article pages, the other pages: {}",
                articles.len(),
                if lists { "yes" } else { "no" }
            );
        }
        if articles.len() != mentions.len() {
            return None;
        }
        let set: std::collections::HashSet<&str> = articles.iter().map(String::as_str).collect();
        let lists: Vec<String> = emitted
            .iter()
            .filter(|p| !set.contains(p.as_str()))
            .cloned()
            .collect();
        let articles: Vec<(String, Vec<usize>)> = articles
            .iter()
            .cloned()
            .zip(mentions.iter().cloned())
            .collect();
        record::write(&self.keys, site, &articles, &lists, recorded)
    }

    /// Article `i`'s page at `path`, kept as the last build made it when
    /// its key is the same: its record and the entities it mentions.
    pub fn article(
        &self,
        i: usize,
        path: &str,
    ) -> Result<Option<(Recorded, Vec<usize>)>, OutputError> {
        let Some(made) = self.last.articles.get(path) else {
            return Ok(None);
        };
        if made.key != self.keys.articles[i] || !self.previous.keep(path)? {
            return Ok(None);
        }
        let recorded = Recorded {
            path: path.to_string(),
            len: made.len,
            hash: made.hash,
        };
        self.taken
            .0
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Some((recorded, made.mentions.clone())))
    }

    /// The pages other than articles', kept as the last build made them
    /// when the key of the site is `site` and each is as it was written:
    /// their records, in the order `emit` gave them.
    pub fn lists(&self, site: u128) -> Result<Option<Vec<Recorded>>, OutputError> {
        if site != self.last.site || self.last.lists.is_empty() || self.last.site == 0 {
            return Ok(None);
        }
        for (path, _, _) in &self.last.lists {
            if !self.previous.intact(path)? {
                return Ok(None);
            }
        }
        let mut kept = Vec::with_capacity(self.last.lists.len());
        for (path, len, hash) in &self.last.lists {
            if !self.previous.keep(path)? {
                // Changed since it was found intact: made again by the
                // next build (this one fails rather than mix).
                return Err(OutputError::Io {
                    path: path.into(),
                    source: std::io::Error::other("changed while the build was reading it"),
                });
            }
            kept.push(Recorded {
                path: path.clone(),
                len: *len,
                hash: *hash,
            });
        }
        self.taken
            .1
            .store(true, std::sync::atomic::Ordering::Relaxed);
        Ok(Some(kept))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_key_follows_the_mentions() {
        let keys = Keys {
            base: 1,
            shared: 2,
            texts: vec![],
            articles: vec![],
        };
        let a = keys.site(&[vec![1], vec![]]);
        assert_ne!(a, keys.site(&[vec![], vec![1]]));
        assert_ne!(a, keys.site(&[vec![1, 0]]));
        assert_eq!(a, keys.site(&[vec![1], vec![]]));
    }
}
