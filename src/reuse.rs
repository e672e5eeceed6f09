//! What a build takes back from the last one instead of making it again.
//!
//! Each page is made from inputs the build can name before making it: an
//! article's page from its own file and what every page reads; every
//! other page from what every page reads and the entities each article
//! mentions. "What every page reads" is the binary itself, the options,
//! the theme, and every file of the dossier but the articles' Markdown
//! bodies (their front matters are in). No page reads another article's
//! body: `serve` relies on the same fact (`serve::incremental`), and its
//! tests check it against full builds.
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

use crate::load::Loaded;
use crate::page::{OutputError, Previous};
use crate::render::offline::Recorded;
use crate::theme::Theme;
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;
use xxhash_rust::xxh3::{Xxh3, xxh3_128};

/// The record's first line; its number changes with its format.
const HEADER: &str = "dossier record 1";

/// The keys of a build's inputs.
#[derive(Debug)]
pub struct Keys {
    /// What every page reads.
    base: u128,
    /// Each article's page: `base` and the article's file.
    articles: Vec<u128>,
}

impl Keys {
    /// The keys of `loaded` rendered with `theme` by this binary; `None`
    /// when the binary cannot be read (nothing is then taken back).
    pub fn of(loaded: &Loaded, theme: &Theme) -> Option<Keys> {
        let (binary, files) = rayon::join(binary_hash, || file_hashes(loaded));
        let mut base = Xxh3::new();
        base.update(HEADER.as_bytes());
        base.update(&binary?.to_le_bytes());
        let fast = std::env::var_os("DOSSIER_NO_FAST_PAGES").is_none();
        base.update(&[u8::from(fast)]);
        for url in [&loaded.config.base_url, &loaded.config.served_at] {
            match url {
                Some(u) => base.update(format!("{}:{u}", u.len()).as_bytes()),
                None => base.update(b"-"),
            }
        }
        base.update(&theme.fingerprint().to_le_bytes());
        for (display, front, _) in &files {
            base.update(format!("{}:{display}", display.len()).as_bytes());
            base.update(&front.to_le_bytes());
        }
        let base = base.digest128();
        let by_file: HashMap<u32, u128> = files
            .iter()
            .enumerate()
            .filter_map(|(i, (_, _, whole))| whole.map(|w| (i as u32, w)))
            .collect();
        let articles = loaded
            .dossier
            .articles
            .iter()
            .map(|a| {
                let whole = by_file.get(&a.file.0).copied().unwrap_or_default();
                pair(base, whole)
            })
            .collect();
        Some(Keys { base, articles })
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

fn pair(a: u128, b: u128) -> u128 {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(&a.to_le_bytes());
    bytes[16..].copy_from_slice(&b.to_le_bytes());
    xxh3_128(&bytes)
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

/// Each file of the dossier: its path, the hash of what every page reads
/// of it (an article's front matter, any other file whole), and for an
/// article the hash of its whole text.
fn file_hashes(loaded: &Loaded) -> Vec<(String, u128, Option<u128>)> {
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
            match bodies.get(&(i as u32)) {
                Some(&start) => {
                    let front = &text[..start.min(text.len())];
                    (f.display.clone(), xxh3_128(front), Some(xxh3_128(text)))
                }
                None => (f.display.clone(), xxh3_128(text), None),
            }
        })
        .collect()
}

/// A page the last build made: its key (articles), its record for the
/// service worker, and the entities the article mentions.
#[derive(Debug, Clone)]
struct Made {
    key: u128,
    len: u64,
    hash: u128,
    mentions: Vec<usize>,
}

/// What a build made and from which keys, left with its output for the
/// next.
#[derive(Debug, Default)]
pub struct Record {
    /// The key of the pages other than articles'.
    site: u128,
    /// Article pages, by path.
    articles: HashMap<String, Made>,
    /// The other pages `render::Site::emit` made, in its order.
    lists: Vec<(String, u64, u128)>,
}

impl Record {
    /// Reads a record as [`Record::write`] wrote it; `None` if it is not
    /// one.
    pub fn parse(text: &str) -> Option<Record> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }
        let site = hex(lines.next()?.strip_prefix("site\t")?)?;
        let mut record = Record {
            site,
            ..Record::default()
        };
        for line in lines {
            let mut f = line.split('\t');
            match f.next()? {
                "a" => {
                    let key = hex(f.next()?)?;
                    let len = f.next()?.parse().ok()?;
                    let hash = hex(f.next()?)?;
                    let mentions = match f.next()? {
                        "-" => Vec::new(),
                        m => m
                            .split(',')
                            .map(|e| e.parse().ok())
                            .collect::<Option<_>>()?,
                    };
                    let path = f.next()?.to_string();
                    let made = Made {
                        key,
                        len,
                        hash,
                        mentions,
                    };
                    record.articles.insert(path, made);
                }
                "p" => {
                    let len = f.next()?.parse().ok()?;
                    let hash = hex(f.next()?)?;
                    record.lists.push((f.next()?.to_string(), len, hash));
                }
                _ => return None,
            }
            if f.next().is_some() {
                return None;
            }
        }
        Some(record)
    }
}

fn hex(s: &str) -> Option<u128> {
    u128::from_str_radix(s, 16).ok()
}

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

    /// The record of this build (see [`record`]): `articles` are the
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
        if articles.len() != mentions.len() || articles.len() != self.keys.articles.len() {
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
        record(&self.keys, site, &articles, &lists, recorded)
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

/// The record of a build whose keys are `keys`: `articles` (each page's
/// path with the entities it mentions, in article order), the other
/// pages (`lists`), and what the service worker recorded of every file.
/// `None` when a path could not be read back (a tab or line break in it).
pub fn record(
    keys: &Keys,
    site: u128,
    articles: &[(String, Vec<usize>)],
    lists: &[String],
    recorded: &[Recorded],
) -> Option<String> {
    let of: HashMap<&str, &Recorded> = recorded.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut text = String::with_capacity(64 + (articles.len() + lists.len()) * 96);
    let _ = writeln!(text, "{HEADER}\nsite\t{site:032x}");
    for (i, (path, mentions)) in articles.iter().enumerate() {
        let r = of.get(path.as_str())?;
        let mentions = if mentions.is_empty() {
            "-".to_string()
        } else {
            let m: Vec<String> = mentions.iter().map(usize::to_string).collect();
            m.join(",")
        };
        let key = keys.articles[i];
        let _ = writeln!(
            text,
            "a\t{key:032x}\t{}\t{:032x}\t{mentions}\t{path}",
            r.len, r.hash
        );
    }
    for path in lists {
        let r = of.get(path.as_str())?;
        let _ = writeln!(text, "p\t{}\t{:032x}\t{path}", r.len, r.hash);
    }
    let readable = articles
        .iter()
        .map(|a| &a.0)
        .chain(lists)
        .all(|p| !p.contains(['\t', '\n', '\r']));
    readable.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let keys = Keys {
            base: 1,
            articles: vec![7, 8],
        };
        let rec = |p: &str, len, hash| Recorded {
            path: p.into(),
            len,
            hash,
        };
        let recorded = [
            rec("articles/a.html", 10, 0xabc),
            rec("articles/b.html", 11, 0xdef),
            rec("index.html", 12, 5),
        ];
        let articles = [
            ("articles/a.html".to_string(), vec![]),
            ("articles/b.html".to_string(), vec![0, 3]),
        ];
        let text = record(&keys, 99, &articles, &["index.html".into()], &recorded).unwrap();
        let back = Record::parse(&text).unwrap();
        assert_eq!(back.site, 99);
        assert_eq!(back.articles["articles/b.html"].key, 8);
        assert_eq!(back.articles["articles/b.html"].mentions, [0, 3]);
        assert_eq!(back.articles["articles/a.html"].hash, 0xabc);
        assert_eq!(back.lists, [("index.html".to_string(), 12, 5)]);
        // Anything else is no record at all.
        assert!(Record::parse(&text.replace("p\t12", "q\t12")).is_none());
        assert!(Record::parse(&text.replace(HEADER, "dossier record 0")).is_none());
        assert!(Record::parse(&format!("{text}a\t1\n")).is_none());
        // A path that would not read back leaves no record.
        let odd = [("articles/a\tb.html".to_string(), vec![])];
        let recorded = [rec("articles/a\tb.html", 1, 1)];
        assert!(record(&keys, 1, &odd, &[], &recorded).is_none());
    }

    #[test]
    fn the_site_key_follows_the_mentions() {
        let keys = Keys {
            base: 1,
            articles: vec![],
        };
        let a = keys.site(&[vec![1], vec![]]);
        assert_ne!(a, keys.site(&[vec![], vec![1]]));
        assert_ne!(a, keys.site(&[vec![1, 0]]));
        assert_eq!(a, keys.site(&[vec![1], vec![]]));
    }
}
