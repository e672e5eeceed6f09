//! The record a build leaves beside its output (after the manifest) for
//! the next: the keys its pages were made from, each page's length and
//! hash as the service worker lists them, and the entities each article
//! mentions. In: what the build made; out: text, and that text read back
//! (or nothing, if it is not a record this version wrote).
//!
//! ```text
//! dossier record 5
//! site <key of the pages other than articles'>
//! base <key of what every page reads>
//! a <key> <text hash> <length> <hash> <mentions, or -> <path>   (each article page)
//! g <key> <length> <hash> <path>                                (each claims page)
//! l <key> <length> <hash> <path>                                (each later page of a paged list)
//! p <length> <hash> <path>                                      (each other page)
//! j <length before the pieces>                                  (data/claims.json, if made)
//! c <key> <length>                                              (each of its pieces, in order)
//! ```

use super::keys::{HEADER, Keys};
use crate::render::offline::Recorded;
use std::collections::HashMap;
use std::fmt::Write as _;

/// An article page the last build made: its key and the hash of the
/// article's text, its record for the service worker, and the entities
/// the article mentions.
#[derive(Debug, Clone)]
pub(super) struct Made {
    pub(super) key: u128,
    pub(super) text: u128,
    pub(super) len: u64,
    pub(super) hash: u128,
    pub(super) mentions: Vec<usize>,
}

/// What a build made and from which keys.
#[derive(Debug, Default)]
pub struct Record {
    /// The key of the pages other than articles'.
    pub(super) site: u128,
    /// The key of what every page reads.
    pub(super) base: u128,
    /// Article pages, by path.
    pub(super) articles: HashMap<String, Made>,
    /// Claims pages, by path: key, length and hash.
    pub(super) groups: HashMap<String, (u128, u64, u128)>,
    /// The later pages of the paged lists (timeline, topics), the same
    /// way.
    pub(super) paged: HashMap<String, (u128, u64, u128)>,
    /// The other pages `render::Site::emit` made, in its order.
    pub(super) lists: Vec<(String, u64, u128)>,
    /// `data/claims.json`'s pieces: the length of what comes before
    /// them, each one's key and length, in order.
    pub(super) json: Option<Pieces>,
}

/// The pieces of `data/claims.json`: the length of what comes before
/// them, and each one's key and length, in order.
pub type Pieces = (u64, Vec<(u128, u32)>);

impl Record {
    /// Reads a record as [`write`] wrote it; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Record> {
        let mut lines = text.lines();
        if lines.next() != Some(HEADER) {
            return None;
        }
        let site = hex(lines.next()?.strip_prefix("site\t")?)?;
        let base = hex(lines.next()?.strip_prefix("base\t")?)?;
        let mut record = Record {
            site,
            base,
            ..Record::default()
        };
        for line in lines {
            let mut f = line.split('\t');
            match f.next()? {
                "a" => {
                    let made = Made {
                        key: hex(f.next()?)?,
                        text: hex(f.next()?)?,
                        len: f.next()?.parse().ok()?,
                        hash: hex(f.next()?)?,
                        mentions: match f.next()? {
                            "-" => Vec::new(),
                            m => m
                                .split(',')
                                .map(|e| e.parse().ok())
                                .collect::<Option<_>>()?,
                        },
                    };
                    record.articles.insert(f.next()?.to_string(), made);
                }
                kind @ ("g" | "l") => {
                    let key = hex(f.next()?)?;
                    let len = f.next()?.parse().ok()?;
                    let hash = hex(f.next()?)?;
                    let table = match kind {
                        "g" => &mut record.groups,
                        _ => &mut record.paged,
                    };
                    table.insert(f.next()?.to_string(), (key, len, hash));
                }
                "p" => {
                    let len = f.next()?.parse().ok()?;
                    let hash = hex(f.next()?)?;
                    record.lists.push((f.next()?.to_string(), len, hash));
                }
                "j" => record.json = Some((f.next()?.parse().ok()?, Vec::new())),
                "c" => {
                    let piece = (hex(f.next()?)?, f.next()?.parse().ok()?);
                    record.json.as_mut()?.1.push(piece);
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

/// The record of a build whose keys are `keys`: `articles` (each page's
/// path with the entities it mentions, in article order), the claims
/// pages (`keys.groups`), the other pages (`lists`: those without a key,
/// and the later pages of the paged lists with theirs), and what the
/// service worker recorded of every file.
/// `None` when a path could not be read back (a tab or line break in it).
pub fn write(
    keys: &Keys,
    site: u128,
    articles: &[(String, Vec<usize>)],
    (lists, paged): (&[String], &[(String, u128)]),
    json: Option<&Pieces>,
    recorded: &[Recorded],
) -> Option<String> {
    let readable = articles
        .iter()
        .map(|a| &a.0)
        .chain(keys.groups.iter().map(|g| &g.0))
        .chain(paged.iter().map(|p| &p.0))
        .chain(lists)
        .all(|p| !p.contains(['\t', '\n', '\r']));
    if !readable || articles.len() != keys.articles.len() {
        return None;
    }
    let of: HashMap<&str, &Recorded> = recorded.iter().map(|r| (r.path.as_str(), r)).collect();
    let mut text = String::with_capacity(128 + (articles.len() + lists.len()) * 128);
    let _ = writeln!(
        text,
        "{HEADER}\nsite\t{site:032x}\nbase\t{:032x}",
        keys.base
    );
    for (i, (path, mentions)) in articles.iter().enumerate() {
        let r = of.get(path.as_str())?;
        let mentions = if mentions.is_empty() {
            "-".to_string()
        } else {
            let m: Vec<String> = mentions.iter().map(usize::to_string).collect();
            m.join(",")
        };
        let (key, hash) = (keys.articles[i], keys.texts[i]);
        let _ = writeln!(
            text,
            "a\t{key:032x}\t{hash:032x}\t{}\t{:032x}\t{mentions}\t{path}",
            r.len, r.hash
        );
    }
    for (path, key) in &keys.groups {
        let r = of.get(path.as_str())?;
        let _ = writeln!(text, "g\t{key:032x}\t{}\t{:032x}\t{path}", r.len, r.hash);
    }
    for (path, key) in paged {
        let r = of.get(path.as_str())?;
        let _ = writeln!(text, "l\t{key:032x}\t{}\t{:032x}\t{path}", r.len, r.hash);
    }
    for path in lists {
        let r = of.get(path.as_str())?;
        let _ = writeln!(text, "p\t{}\t{:032x}\t{path}", r.len, r.hash);
    }
    if let Some((head, pieces)) = json {
        text.reserve(pieces.len() * 44);
        let _ = writeln!(text, "j\t{head}");
        for (key, len) in pieces {
            let _ = writeln!(text, "c\t{key:032x}\t{len}");
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written() {
        let keys = Keys {
            base: 1,
            shared: 2,
            shared_articles: 3,
            texts: vec![3, 4],
            fronts: vec![5, 6],
            articles: vec![7, 8],
            groups: vec![("claims/a.html".into(), 9)],
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
            rec("claims/a.html", 13, 6),
            rec("timeline/page-2.html", 15, 7),
        ];
        let articles = [
            ("articles/a.html".to_string(), vec![]),
            ("articles/b.html".to_string(), vec![0, 3]),
        ];
        let paged = [("timeline/page-2.html".to_string(), 14)];
        let lists = ["index.html".to_string()];
        let json = (40, vec![(0xaa, 12), (0xbb, 7)]);
        let text = write(
            &keys,
            99,
            &articles,
            (&lists, &paged),
            Some(&json),
            &recorded,
        )
        .unwrap();
        let back = Record::parse(&text).unwrap();
        assert_eq!((back.site, back.base), (99, 1));
        let b = &back.articles["articles/b.html"];
        assert_eq!((b.key, b.text, b.len, b.hash), (8, 4, 11, 0xdef));
        assert_eq!(b.mentions, [0, 3]);
        assert_eq!(back.articles["articles/a.html"].hash, 0xabc);
        assert_eq!(back.lists, [("index.html".to_string(), 12, 5)]);
        assert_eq!(back.groups["claims/a.html"], (9, 13, 6));
        assert_eq!(back.paged["timeline/page-2.html"], (14, 15, 7));
        assert_eq!(back.json, Some(json));
        // A piece without the line before them is no record.
        let pieces = text.find("\nj\t").unwrap();
        let no_head = format!(
            "{}{}",
            &text[..=pieces],
            &text[pieces + "\nj\t40\n".len()..]
        );
        assert!(no_head.contains("\nc\t") && Record::parse(&no_head).is_none());
        // Anything else is no record at all.
        assert!(Record::parse(&text.replace("p\t12", "q\t12")).is_none());
        assert!(Record::parse(&text.replace(HEADER, "dossier record 0")).is_none());
        assert!(Record::parse(&format!("{text}a\t1\n")).is_none());
        assert!(Record::parse(&text.replace("\nbase\t", "\nbasis\t")).is_none());
        // A path that would not read back leaves no record.
        let odd = [("articles/a\tb.html".to_string(), vec![])];
        let recorded = [rec("articles/a\tb.html", 1, 1)];
        let keys = Keys {
            articles: vec![1],
            texts: vec![1],
            groups: Vec::new(),
            ..keys
        };
        assert!(write(&keys, 1, &odd, (&[], &[]), None, &recorded).is_none());
    }
}
