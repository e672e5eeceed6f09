//! The keys of a build's inputs: in, the dossier as loaded with its
//! texts, the theme, the running binary; out, a hash of what every page
//! reads, one of the same without the claims and article files, each
//! article's text and front matter.

use crate::load::Loaded;
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::HashMap;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// The record's first line, also hashed into every key: its number
/// changes with the record's format or the meaning of its keys.
pub(super) const HEADER: &str = "dossier record 5";

/// The keys of a build's inputs.
#[derive(Debug)]
pub struct Keys {
    /// What every page reads.
    pub(super) base: u128,
    /// What every page reads but the claims and the articles' files:
    /// a claims page reads of the articles the front matters of those its
    /// claims quote or are carried by.
    pub(super) shared: u128,
    /// The same for an article page, which reads of the claims those that
    /// quote it, and of the articles its own file; with the default
    /// article template, not `sources.yaml` and `metrics.yaml` either (it
    /// shows a claim's statement, status and place, never its origin,
    /// grade or figures; a change of status is in the claim's fingerprint).
    pub(super) shared_articles: u128,
    /// The hash of each article's whole text.
    pub(super) texts: Vec<u128>,
    /// The hash of each article's front matter.
    pub(super) fronts: Vec<u128>,
    /// Each article's page ([`Keys::article`]; `Reuse::with_claims`).
    pub(super) articles: Vec<u128>,
    /// Each claims page, with its path ([`Keys::group`]).
    pub(super) groups: Vec<(String, u128)>,
}

impl Keys {
    /// The keys of `loaded` rendered with `theme` by this binary, but the
    /// articles' (`Reuse::with_claims`); `None` when the binary cannot be
    /// read (nothing is then taken back).
    pub fn of(loaded: &Loaded, theme: &Theme) -> Option<Keys> {
        let (binary, files) = rayon::join(binary_hash, || file_hashes(loaded));
        let mut common = Xxh3::new();
        common.update(HEADER.as_bytes());
        common.update(&binary?.to_le_bytes());
        let fast = std::env::var_os("DOSSIER_NO_FAST_PAGES").is_none();
        common.update(&[u8::from(fast)]);
        for url in [&loaded.config.base_url, &loaded.config.served_at] {
            match url {
                Some(u) => common.update(format!("{}:{u}", u.len()).as_bytes()),
                None => common.update(b"-"),
            }
        }
        common.update(&theme.fingerprint().to_le_bytes());
        // Every page's footer links to the zip, or to the page making it in
        // the browser: which one follows the dossier's size, not its files.
        let download = crate::render::offline::download(&loaded.config, &loaded.dossier);
        common.update(format!("{download:?}").as_bytes());
        let apart: std::collections::HashSet<u32> = (loaded.dossier.claims.iter())
            .map(|c| c.at.0.0)
            .chain(loaded.dossier.articles.iter().map(|a| a.file.0))
            .collect();
        let plain = crate::render::article_rows_plain(theme);
        let (mut base, mut shared) = (common.clone(), common.clone());
        let mut shared_articles = common;
        for (i, f) in files.iter().enumerate() {
            let named = format!("{}:{}", f.display.len(), f.display);
            base.update(named.as_bytes());
            base.update(&f.read.to_le_bytes());
            if !apart.contains(&(i as u32)) {
                shared.update(named.as_bytes());
                shared.update(&f.elsewhere.to_le_bytes());
                if !(plain && crate::load::is_sources_or_metrics(&f.display)) {
                    shared_articles.update(named.as_bytes());
                    shared_articles.update(&f.elsewhere.to_le_bytes());
                }
            }
        }
        let by_file: HashMap<u32, (u128, u128)> = files
            .iter()
            .enumerate()
            .filter_map(|(i, f)| f.whole.map(|w| (i as u32, (f.read, w))))
            .collect();
        let (fronts, texts) = loaded
            .dossier
            .articles
            .iter()
            .map(|a| by_file.get(&a.file.0).copied().unwrap_or_default())
            .unzip();
        Some(Keys {
            base: base.digest128(),
            shared: shared.digest128(),
            shared_articles: shared_articles.digest128(),
            texts,
            fronts,
            articles: Vec::new(),
            groups: Vec::new(),
        })
    }

    /// The key of article `i`'s page, `fingerprint` giving each claim's:
    /// what every article page reads (`shared_articles`), the article's
    /// text (its front matter with it), and the
    /// fingerprints of the claims quoting it (`cites`, in order: what the
    /// page shows of them, their status and change included), so that a
    /// claims edit makes again the pages of the articles its claims quote.
    pub fn article(
        &self,
        i: usize,
        cites: &[(usize, usize)],
        fingerprint: impl Fn(usize) -> u128,
    ) -> u128 {
        let mut h = Xxh3::new();
        h.update(&self.shared_articles.to_le_bytes());
        h.update(&self.texts[i].to_le_bytes());
        for &(c, e) in cites {
            h.update(&fingerprint(c).to_le_bytes());
            h.update(&(e as u64).to_le_bytes());
        }
        h.digest128()
    }

    /// The key of a claims page (`claims/<name>.html`), `shown` giving
    /// the fingerprints of what it shows: each of its claims, and the
    /// claims each names (relations, conflicts, support, its note's
    /// citations), whose rows it shows; and `articles`, the articles
    /// whose front matter it shows (titles, dates, outlets, addresses),
    /// each once.
    pub fn group(
        &self,
        name: &str,
        shown: impl Iterator<Item = u128>,
        articles: &std::collections::BTreeSet<usize>,
    ) -> u128 {
        let mut h = Xxh3::new();
        h.update(&self.shared.to_le_bytes());
        h.update(format!("group {}:{name}", name.len()).as_bytes());
        for print in shown {
            h.update(&print.to_le_bytes());
        }
        for &a in articles {
            h.update(&(a as u64).to_le_bytes());
            h.update(
                &self
                    .fronts
                    .get(a)
                    .copied()
                    .unwrap_or_default()
                    .to_le_bytes(),
            );
        }
        h.digest128()
    }

    /// The key of a later page of a paged list at `path` (see
    /// `Reuse::paged`): what every page reads but the claims and the
    /// articles' files (`shared`), the page, what it shows besides its
    /// rows (`shows`) and the fingerprints of the claims it lists.
    pub fn paged(&self, path: &str, shows: u128, prints: impl Iterator<Item = u128>) -> u128 {
        let mut h = Xxh3::new();
        h.update(&self.shared.to_le_bytes());
        h.update(format!("paged {}:{path}", path.len()).as_bytes());
        h.update(&shows.to_le_bytes());
        for print in prints {
            h.update(&print.to_le_bytes());
        }
        h.digest128()
    }

    /// The key of a claim's piece of `data/claims.json`, given the
    /// claim's fingerprint (see `Reuse::piece_key`).
    pub fn piece(&self, print: u128) -> u128 {
        let mut h = Xxh3::new();
        h.update(&self.shared.to_le_bytes());
        h.update(b"claims.json piece");
        h.update(&print.to_le_bytes());
        h.digest128()
    }

    /// The key of the pages other than articles', given the entities each
    /// article mentions.
    pub fn site(&self, mentions: &[Vec<usize>]) -> u128 {
        let mut h = Xxh3::new();
        h.update(&self.base.to_le_bytes());
        for m in mentions {
            h.update(&(m.len() as u64).to_le_bytes());
            for e in m {
                h.update(&(*e as u64).to_le_bytes());
            }
        }
        h.digest128()
    }
}

/// The running binary's hash (on Linux read through `/proc/self/exe`,
/// which is the file that was started even if it has been replaced
/// since).
fn binary_hash() -> Option<u128> {
    let path = if cfg!(target_os = "linux") {
        std::path::PathBuf::from("/proc/self/exe")
    } else {
        std::env::current_exe().ok()?
    };
    // Read in blocks: the binary is tens of megabytes, which the build's
    // peak memory need not hold.
    let mut file = std::fs::File::open(path).ok()?;
    let mut h = Xxh3::new();
    let mut block = vec![0u8; 256 * 1024];
    loop {
        match std::io::Read::read(&mut file, &mut block) {
            Ok(0) => return Some(h.digest128()),
            Ok(n) => h.update(&block[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}

/// A file of the dossier, hashed.
struct Hashed {
    display: String,
    /// What every page reads of it (its front matter for an article:
    /// each article's own page reads its text; any other file whole).
    read: u128,
    /// What the pages but its own, the lists and the search index read
    /// of it (a topic's or `_index.md`'s front matter; see
    /// [`crate::load::read_elsewhere`]).
    elsewhere: u128,
    /// An article's whole text.
    whole: Option<u128>,
}

/// Each file of the dossier, hashed.
fn file_hashes(loaded: &Loaded) -> Vec<Hashed> {
    let bodies: HashMap<u32, usize> = loaded
        .dossier
        .articles
        .iter()
        .map(|a| (a.file.0, a.body_start))
        .collect();
    loaded
        .sources
        .files()
        .par_iter()
        .enumerate()
        .map(|(i, f)| {
            let text = f.text.as_bytes();
            let display = f.display.clone();
            match bodies.get(&(i as u32)) {
                Some(&start) => {
                    let front = xxh3_128(&text[..start.min(text.len())]);
                    let whole = Some(xxh3_128(text));
                    Hashed {
                        display,
                        read: front,
                        elsewhere: front,
                        whole,
                    }
                }
                None => {
                    let read = xxh3_128(text);
                    let part = crate::load::read_elsewhere(&f.display, &f.text);
                    let elsewhere = if part.len() == text.len() {
                        read
                    } else {
                        xxh3_128(part.as_bytes())
                    };
                    Hashed {
                        display,
                        read,
                        elsewhere,
                        whole: None,
                    }
                }
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Archiving;

    #[test]
    fn how_the_zip_is_made_is_in_every_key() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut loaded = crate::load::load(root);
        let theme = Theme::load(root, &loaded.config.theme).unwrap();
        let built = Keys::of(&loaded, &theme).unwrap();
        // A dossier grown past the size up to which the build makes the
        // zip: its files would say nothing of it.
        loaded.config.offline.archive = Archiving::Browser;
        let browser = Keys::of(&loaded, &theme).unwrap();
        assert_ne!(built.base, browser.base);
        assert_ne!(built.shared, browser.shared);
        assert_ne!(built.shared_articles, browser.shared_articles);
        assert_eq!(built.texts, browser.texts);
    }
}
