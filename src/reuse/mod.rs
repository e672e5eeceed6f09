//! What a build takes back from the last one instead of making it again.
//!
//! Each page is made from inputs the build can name before making it.
//! "What every page reads" is the binary itself, the options, the theme,
//! and every file of the dossier but the articles' Markdown bodies (their
//! front matters are in). An article's page reads that, but of the claims
//! files only the claims that quote the article, and of the articles its
//! own file (with the default article template, which shows no origin,
//! grade or figure, not `sources.yaml` and `metrics.yaml` either); it is
//! keyed on their fingerprints (`render::claim_fingerprint`:
//! every field a page can show, the claim's analysis and change included).
//! A claims page is keyed the same way on the claims it shows, and on the
//! front matters of the articles they quote or are carried by. Neither
//! reads the text of a topic or of `_index.md` (only their front matters:
//! titles, summaries, judgments). A later page (2, 3, …) of the timeline
//! or of a topic is keyed on the fingerprints of the claims it lists,
//! its number, the number of pages and its groups (`Reuse::paged`): a
//! claims edit makes again the pages listing what it changed, and those
//! whose claims moved. Every other
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
//! output. Out: which pages to keep (and which pieces of `claims.json`),
//! and the record of this build.
//!
//! - `keys.rs`: the keys of a build's inputs;
//! - `record.rs`: the record, as written beside the output and read back;
//! - `json.rs`: `data/claims.json`'s pieces, found and read in the last
//!   file, and this build's for its record.

mod json;
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
    /// Each claim's fingerprint ([`crate::render::claim_fingerprint`]),
    /// when what every page reads changed since the last build (else
    /// none: the pages keep their last keys).
    prints: Vec<u128>,
    /// Whether what every page reads is what the last build read.
    same: bool,
    /// The later pages of the paged lists, with their keys: those this
    /// build made or took (`true`) so far.
    paged: std::sync::Mutex<Vec<(String, u128, bool)>>,
    /// The number of claims.
    claims: usize,
    /// `data/claims.json` as pieces (`json.rs`): the last file's and this
    /// build's.
    json: json::Json<'a>,
    /// Article pages and claims pages taken back, and whether the other
    /// pages were.
    taken: (
        std::sync::atomic::AtomicUsize,
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
            prints: Vec::new(),
            same: false,
            paged: Default::default(),
            claims: 0,
            json: json::Json::new(previous),
            taken: Default::default(),
        })
    }

    /// Completes the keys of the article pages ([`Keys::article`]) and
    /// of the claims pages ([`Keys::group`]). When what every page reads
    /// is what the last build read, the claims and their analysis are
    /// those it read too: an article whose text is the same, and every
    /// claims page, keep their last keys, and the fingerprints of the
    /// claims are computed for the other articles alone (a rebuild of the
    /// same files computes none). Else every claim's fingerprint is
    /// computed once (the keys stage, these included, takes 0.11–0.13 s
    /// at 100,000 claims).
    pub fn with_claims(
        &mut self,
        d: &Dossier,
        analysis: &Analysis,
        changes: Option<&Changes>,
        cites: &[Vec<(usize, usize)>],
        groups: &[crate::claim_page::Group],
    ) {
        let same = self.last.base == self.keys.base && self.last.base != 0;
        let print = |c| crate::render::claim_fingerprint(d, analysis, changes, c);
        let prints: Vec<u128> = if same {
            Vec::new()
        } else {
            (0..d.claims.len()).into_par_iter().map(print).collect()
        };
        let fingerprint = |c: usize| prints.get(c).copied().unwrap_or_else(|| print(c));
        let (keys, last) = (&self.keys, &self.last);
        let articles = (0..d.articles.len())
            .into_par_iter()
            .map(|i| {
                let path = crate::render::article_path(&d.articles[i]);
                match last.articles.get(&path) {
                    Some(made) if same && made.text == keys.texts[i] => made.key,
                    _ => keys.article(i, &cites[i], fingerprint),
                }
            })
            .collect();
        let groups = groups
            .par_iter()
            .map(|g| {
                let path = crate::claim_page::page(&g.name);
                let key = match last.groups.get(&path) {
                    Some(&(key, _, _)) if same => key,
                    _ => {
                        let claims = || {
                            g.claims
                                .iter()
                                .flat_map(|&i| std::iter::once(i).chain(named(d, analysis, i)))
                        };
                        // The articles its claims, and the claims they
                        // name, quote or are carried by; and its own.
                        let articles = claims()
                            .flat_map(|i| {
                                let quoted = d.claims[i].evidence.iter().map(|e| e.article);
                                quoted.chain(analysis.claims[i].articles.iter().copied())
                            })
                            .chain(g.article)
                            .collect();
                        keys.group(&g.name, claims().map(fingerprint), &articles)
                    }
                };
                (path, key)
            })
            .collect();
        self.keys.articles = articles;
        self.keys.groups = groups;
        self.prints = prints;
        self.same = same;
        self.claims = d.claims.len();
    }

    /// The later page of a paged list at `path`, kept as the last build
    /// made it when its key is the same: the key is made of what every
    /// list page reads but the claims (`Keys::shared`), its path, what
    /// it shows besides its rows (`shows`, see
    /// [`crate::render::Taken`]) and the fingerprints of the claims
    /// it lists, whose rows show nothing else. Its record when kept.
    pub fn paged(
        &self,
        path: &str,
        shows: u128,
        claims: &[usize],
    ) -> Result<Option<Recorded>, OutputError> {
        let last = self.last.paged.get(path);
        let key = if self.same {
            // The same claims and analysis: the same rows.
            last.map(|&(key, _, _)| key)
        } else {
            let prints: Option<Vec<u128>> = claims
                .iter()
                .map(|&c| self.prints.get(c).copied())
                .collect();
            prints.map(|prints| self.keys.paged(path, shows, prints.into_iter()))
        };
        let Some(key) = key else {
            return Ok(None);
        };
        let kept = match last {
            Some(&(was, len, hash)) if was == key && self.previous.keep(path)? => Some(Recorded {
                path: path.to_string(),
                len,
                hash,
            }),
            _ => None,
        };
        self.paged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((path.to_string(), key, kept.is_some()));
        Ok(kept)
    }

    /// The key of claim `c`'s piece of `data/claims.json`: what every
    /// list reads but the claims (`Keys::shared`) and the claim's
    /// fingerprint, which holds all its piece shows (other claims by id,
    /// articles by slug). With what every page reads the same as the
    /// last build's, the claims are the same, in the same order: the
    /// piece has the key it had.
    pub fn piece_key(&self, c: usize) -> Option<u128> {
        if self.same {
            let (_, pieces) = self.last.json.as_ref()?;
            return (pieces.len() == self.claims).then(|| pieces.get(c).map(|p| p.0))?;
        }
        Some(self.keys.piece(*self.prints.get(c)?))
    }

    /// Where the last build's `data/claims.json` holds the piece of key
    /// `key`.
    pub fn piece(&self, key: u128) -> Option<(u64, u32)> {
        self.json.find(&self.last, key)
    }

    /// See [`crate::render::Taken::read_pieces`].
    pub fn read_pieces(&self, at: u64, len: usize, out: &mut Vec<u8>) -> Result<bool, OutputError> {
        self.json.read(at, len, out)
    }

    /// See [`crate::render::Taken::pieces_made`].
    pub fn pieces_made(&self, head: u64, pieces: Vec<(u128, u32)>, read: usize) {
        self.json.note((head, pieces), read);
    }

    /// The later pages of the paged lists taken so far.
    pub fn paged_taken(&self) -> Vec<String> {
        let paged = self
            .paged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        paged.iter().filter(|p| p.2).map(|p| p.0.clone()).collect()
    }

    /// Claims page `g` (its index among the site's groups) at `path`,
    /// kept as the last build made it when its key is the same: its
    /// record.
    pub fn group(&self, g: usize, path: &str) -> Result<Option<Recorded>, OutputError> {
        let Some(&(key, len, hash)) = self.last.groups.get(path) else {
            return Ok(None);
        };
        if self.keys.groups.get(g).is_none_or(|k| k.1 != key) || !self.previous.keep(path)? {
            return Ok(None);
        }
        self.taken
            .1
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Some(Recorded {
            path: path.to_string(),
            len,
            hash,
        }))
    }

    /// How many article pages were taken back, and whether the other
    /// pages were (for `DOSSIER_TIMINGS`).
    pub fn taken(&self) -> (usize, usize, bool) {
        use std::sync::atomic::Ordering::Relaxed;
        let t = &self.taken;
        (t.0.load(Relaxed), t.1.load(Relaxed), t.2.load(Relaxed))
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
        let paged = std::mem::take(
            &mut *self
                .paged
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        );
        if std::env::var_os("DOSSIER_TIMINGS").is_some() {
            let (kept, groups, lists) = self.taken();
            eprintln!(
                "timing: taken from the last build: {kept} of {} article pages, {groups} of {} claims pages, {} of {} later list pages, {} of {} pieces of claims.json, the other pages: {}",
                articles.len(),
                self.keys.groups.len(),
                paged.iter().filter(|p| p.2).count(),
                paged.len(),
                self.json.counts().0,
                self.json.counts().1,
                if lists { "yes" } else { "no" }
            );
        }
        if articles.len() != mentions.len() {
            return None;
        }
        let set: std::collections::HashSet<&str> = articles
            .iter()
            .map(String::as_str)
            .chain(self.keys.groups.iter().map(|g| g.0.as_str()))
            .chain(paged.iter().map(|p| p.0.as_str()))
            .collect();
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
        let paged: Vec<(String, u128)> = paged.into_iter().map(|(p, k, _)| (p, k)).collect();
        let json = self.json.made(&self.last);
        record::write(
            &self.keys,
            site,
            &articles,
            (&lists, &paged),
            json.as_ref(),
            recorded,
        )
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
    /// their records (claims pages' included).
    pub fn lists(&self, site: u128) -> Result<Option<Vec<Recorded>>, OutputError> {
        if site != self.last.site || self.last.lists.is_empty() || self.last.site == 0 {
            return Ok(None);
        }
        let groups = self.last.groups.iter().map(|(p, &(_, l, h))| (p, l, h));
        let paged = self.last.paged.iter().map(|(p, &(_, l, h))| (p, l, h));
        let all: Vec<(&String, u64, u128)> = self
            .last
            .lists
            .iter()
            .map(|(p, l, h)| (p, *l, *h))
            .chain(groups)
            .chain(paged)
            .collect();
        for (path, _, _) in &all {
            if !self.previous.intact(path)? {
                return Ok(None);
            }
        }
        let mut kept = Vec::with_capacity(all.len());
        for (path, len, hash) in all {
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
                len,
                hash,
            });
        }
        use std::sync::atomic::Ordering::Relaxed;
        self.taken.1.store(self.last.groups.len(), Relaxed);
        self.taken.2.store(true, Relaxed);
        // The later list pages keep their keys for the next build.
        let mut paged = self
            .paged
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        paged.extend(
            self.last
                .paged
                .iter()
                .map(|(p, &(k, _, _))| (p.clone(), k, true)),
        );
        self.json.kept_whole();
        Ok(Some(kept))
    }
}

/// The claims whose rows claim `i`'s section shows: those it supports
/// or is supported by, those it conflicts with, those its note cites.
fn named(d: &Dossier, analysis: &Analysis, i: usize) -> impl Iterator<Item = usize> {
    let c = &d.claims[i];
    let facts = &analysis.claims[i];
    let conflicts = facts.conflicts.iter().map(|x| match x {
        crate::analyse::Conflict::Contradiction { other } => *other,
        crate::analyse::Conflict::Figure { other, .. } => *other,
    });
    let cited = c.note.iter().flat_map(|n| n.cited.iter().map(|&(j, _)| j));
    facts
        .support
        .iter()
        .copied()
        .chain(conflicts)
        .chain(c.corroborates.iter().copied())
        .chain(c.contradicts.iter().copied())
        .chain(cited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_key_follows_the_mentions() {
        let keys = Keys {
            base: 1,
            shared: 2,
            shared_articles: 3,
            texts: vec![],
            fronts: vec![],
            articles: vec![],
            groups: vec![],
        };
        let a = keys.site(&[vec![1], vec![]]);
        assert_ne!(a, keys.site(&[vec![], vec![1]]));
        assert_ne!(a, keys.site(&[vec![1, 0]]));
        assert_eq!(a, keys.site(&[vec![1], vec![]]));
    }
}
