//! Terms and postings of the search index. In: its documents, each made
//! now (kind, title, url, snippet, weighted texts) or, in `serve`, a
//! claim's document as the last index made it. Out: the index's JSON
//! ([`super::json`]).
//!
//! A build analyses each document's texts in parallel, a batch at a time,
//! and merges their terms in document order into each term's postings.
//! `serve` keeps, from one index to the next ([`Interned`]): each
//! document's terms and entry, the claims their documents were made of,
//! each term's postings and their JSON. An edit then analyses only the
//! documents whose texts changed; when no document was added or removed
//! and few changed, it patches the postings of the terms those documents
//! had or have, and writes the rest of the index from the pieces kept.

use super::json::{self, Parts};
use super::{Analyzer, Doc, Entry};
use crate::model::{Claim, Dossier};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A document's distinct terms (id, summed weight), and its length in
/// terms.
pub(super) type DocTerms = (Vec<(u32, u32)>, u32);

/// A term's documents (position, weight), in order.
type Posted = Vec<(u32, u32)>;

/// A document's terms as analysed, before they are given ids: its
/// distinct terms written one after another in `text`, each as (its hash,
/// where it starts and ends in `text`, its summed weight), and its length
/// in terms. One string per document, not one per word.
pub(super) struct Analysed {
    text: String,
    terms: Vec<(u64, u32, u32, u32)>,
    len: u32,
}

impl Analysed {
    /// Its terms (text, hash, weight).
    fn terms(&self) -> impl Iterator<Item = (&str, u64, u32)> {
        self.terms
            .iter()
            .map(|&(hash, start, end, w)| (&self.text[start as usize..end as usize], hash, w))
    }
}

/// What one index keeps for the next (`serve`).
#[derive(Default)]
pub(super) struct Interned {
    /// The analyzer of the last index: another one starts afresh.
    analyzer: Option<Analyzer>,
    /// Each term seen, once (an edit adds the few terms it brings; terms
    /// no document has any more are left out of the index).
    terms: Vec<String>,
    /// A term's id by its hash (xxh3), and by its text the terms whose
    /// hash another term had first (none is known; they are still told
    /// apart).
    ids: HashMap<u64, u32, HashedBy>,
    colliding: HashMap<String, u32>,
    /// The documents of the last index, in order.
    docs: Vec<KeptDoc>,
    /// The claims of the last index, in order, with the names of the
    /// sources and the slugs of the articles then: a claim's document is
    /// its own fields, its origin's name and its page (its first
    /// evidence's article).
    claims: Vec<Arc<Claim>>,
    sources: Vec<String>,
    slugs: Vec<String>,
    /// The position of the first claim's document (after the topics').
    first_claim: usize,
    /// The articles of the last index, and the position of the first
    /// one's document (after the claims').
    articles: ArticleKeys,
    first_article: usize,
    /// Per term id: its documents (position, weight) in the last index,
    /// and them as JSON.
    postings: Vec<(Posted, Vec<u8>)>,
    /// What the last index did, for the tests: documents analysed anew,
    /// and whether postings were patched.
    pub(super) made: usize,
    pub(super) patched: bool,
}

/// A document of the last index: a hash of its texts ([`doc_key`]), its
/// terms, and its entry in `docs` as JSON.
struct KeptDoc {
    key: u128,
    terms: Arc<DocTerms>,
    json: Arc<[u8]>,
}

/// What an article's document is made of, article by article: a hash of
/// its own fields ([`article_key`]) and the evidence quoting it, in
/// claim order, as (the address of the claim's `Arc`, the item).
#[derive(Default)]
pub(super) struct ArticleKeys {
    pub(super) fields: Vec<u128>,
    pub(super) cites: Vec<Vec<(usize, u32)>>,
}

/// A hash of what an article's document shows of the article itself: its
/// title, page, summary and `snippet` (date and outlet).
pub(super) fn article_key(a: &crate::model::Article, snippet: &str) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for part in [
        a.title.as_str(),
        a.slug.as_str(),
        a.summary_html.as_deref().unwrap_or("\u{0}none"),
        snippet,
        a.outlet.as_deref().unwrap_or("\u{0}none"),
    ] {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part.as_bytes());
    }
    h.digest128()
}

/// Documents changed in place beyond which postings are made whole again
/// rather than patched.
const PATCH_MAX: usize = 4096;

impl Interned {
    /// The id of the term `text`, whose hash is `hash`, given it if new.
    fn intern(&mut self, text: &str, hash: u64) -> u32 {
        let next = self.terms.len() as u32;
        match self.ids.entry(hash) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let id = *e.get();
                if self.terms[id as usize] == text {
                    return id;
                }
                if let Some(&id) = self.colliding.get(text) {
                    return id;
                }
                self.colliding.insert(text.to_string(), next);
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(next);
            }
        }
        self.terms.push(text.to_string());
        next
    }

    /// Starts afresh when the analyzer is not the last index's.
    pub(super) fn prepare(&mut self, analyzer: Analyzer) {
        if self.analyzer != Some(analyzer) {
            *self = Interned {
                analyzer: Some(analyzer),
                ..Interned::default()
            };
        }
    }

    /// Finds claim `i`'s document in the last index: the same claim (the
    /// same `Arc`, at its own place or, when claims moved, anywhere), with
    /// the same origin name and page. Returns its position there.
    pub(super) fn finder<'a>(&'a self, d: &'a Dossier) -> impl FnMut(usize) -> Option<usize> + 'a {
        let mut by_ptr: Option<HashMap<*const Claim, usize>> = None;
        move |i| {
            let c = &d.claims[i];
            let j = match self.claims.get(i) {
                Some(k) if Arc::ptr_eq(k, c) => i,
                _ if self.claims.is_empty() => return None,
                _ => *by_ptr
                    .get_or_insert_with(|| {
                        self.claims
                            .iter()
                            .enumerate()
                            .map(|(j, k)| (Arc::as_ptr(k), j))
                            .collect()
                    })
                    .get(&Arc::as_ptr(c))?,
            };
            let same_name = self.sources.get(c.origin).map(String::as_str)
                == d.sources.get(c.origin).map(|s| s.name.as_str());
            let same_page = c.evidence.first().is_none_or(|e| {
                let old = self.slugs.get(e.article).map(String::as_str);
                old.is_some() && old == d.articles.get(e.article).map(|a| a.slug.as_str())
            });
            let at = self.first_claim + j;
            (same_name && same_page && at < self.docs.len()).then_some(at)
        }
    }

    /// Finds article `a`'s document in the last index: the same fields
    /// (`fields`, [`article_key`]) and the same evidence quoting it
    /// (`cites`), with as many articles as then. Returns its position.
    pub(super) fn article_finder<'a>(
        &'a self,
        d: &'a Dossier,
    ) -> impl Fn(usize, u128, &[(usize, u32)]) -> Option<usize> + 'a {
        let same_count = self.articles.fields.len() == d.articles.len();
        move |a, fields, cites| {
            let same =
                same_count && self.articles.fields[a] == fields && self.articles.cites[a] == cites;
            let at = self.first_article + a;
            (same && at < self.docs.len()).then_some(at)
        }
    }

    /// Writes the index of `entries` into `out`, taking what the last
    /// index kept, and keeps this one's.
    pub(super) fn write(
        &mut self,
        out: &mut Vec<u8>,
        d: &Dossier,
        entries: &[Entry<'_>],
        analyzer: Analyzer,
        articles: Option<ArticleKeys>,
    ) {
        let last = std::mem::take(&mut self.docs);
        let terms = self.terms_of(entries, &last, analyzer);
        let docs: Vec<KeptDoc> = entries
            .par_iter()
            .zip(terms)
            .map(|(entry, (key, terms))| {
                let json = match entry {
                    Entry::Same(n) => Arc::clone(&last[*n].json),
                    Entry::Made(doc) => {
                        let mut piece = Vec::with_capacity(160);
                        json::doc(&mut piece, fields(doc));
                        piece.into()
                    }
                };
                KeptDoc { key, terms, json }
            })
            .collect();
        let changed: Vec<usize> = (0..docs.len())
            .filter(|&n| {
                last.get(n)
                    .is_none_or(|l| !Arc::ptr_eq(&l.terms, &docs[n].terms))
            })
            .collect();
        self.patched = last.len() == docs.len() && changed.len() <= PATCH_MAX;
        if self.patched {
            self.patch(&last, &docs, &changed);
        } else {
            self.make_postings(&docs);
        }
        drop(last);
        let order = self.sorted_terms();
        let names: Vec<&str> = order.iter().map(|&t| self.terms[t].as_str()).collect();
        let lengths: Vec<u32> = docs.iter().map(|doc| doc.terms.1).collect();
        out.reserve(
            docs.iter().map(|doc| doc.json.len() + 1).sum::<usize>()
                + order
                    .iter()
                    .map(|&t| self.postings[t].1.len() + 1)
                    .sum::<usize>()
                + lengths.len() * 4,
        );
        json::index(
            out,
            Parts {
                docs: docs.len(),
                doc: |out: &mut Vec<u8>, n: usize| out.extend_from_slice(&docs[n].json),
                terms: &names,
                postings: |out: &mut Vec<u8>, t: usize| {
                    out.extend_from_slice(&self.postings[order[t]].1);
                },
                lengths: &lengths,
                stop: analyzer.stop(),
                stem: analyzer.stem(),
            },
        );
        drop(names);
        self.docs = docs;
        self.claims = d.claims.clone();
        self.sources = d.sources.iter().map(|s| s.name.clone()).collect();
        self.slugs = d.articles.iter().map(|a| a.slug.clone()).collect();
        self.first_claim = d.topics.len();
        self.articles = articles.unwrap_or_default();
        self.first_article = d.topics.len() + d.claims.len();
    }

    /// Each entry's key and terms: a claim's kept document's; a made
    /// document's found by its key in the last index (at its own place
    /// first), or analysed now (in parallel) and given ids.
    fn terms_of(
        &mut self,
        entries: &[Entry<'_>],
        last: &[KeptDoc],
        analyzer: Analyzer,
    ) -> Vec<(u128, Arc<DocTerms>)> {
        let keys: Vec<u128> = entries
            .par_iter()
            .map(|entry| match entry {
                Entry::Same(n) => last[*n].key,
                Entry::Made(doc) => doc_key(analyzer, &doc.4),
            })
            .collect();
        let mut by_key: Option<HashMap<u128, usize>> = None;
        let found: Vec<Option<Arc<DocTerms>>> = entries
            .iter()
            .zip(&keys)
            .enumerate()
            .map(|(n, (entry, &key))| {
                let at = match (entry, last.get(n)) {
                    (Entry::Same(m), _) => *m,
                    (_, Some(doc)) if doc.key == key => n,
                    _ if last.is_empty() => return None,
                    _ => *by_key
                        .get_or_insert_with(|| {
                            last.iter().enumerate().map(|(n, d)| (d.key, n)).collect()
                        })
                        .get(&key)?,
                };
                Some(Arc::clone(&last[at].terms))
            })
            .collect();
        let made: Vec<Option<Analysed>> = entries
            .par_iter()
            .zip(&found)
            .map(|(entry, found)| match (entry, found) {
                (Entry::Made(doc), None) => Some(doc_terms(analyzer, &doc.4)),
                _ => None,
            })
            .collect();
        self.made = made.iter().flatten().count();
        keys.into_iter()
            .zip(found.into_iter().zip(made))
            .map(|(key, (found, made))| {
                let terms = match (found, made) {
                    (Some(terms), _) => terms,
                    (None, Some(analysed)) => {
                        let ids = analysed
                            .terms()
                            .map(|(t, hash, w)| (self.intern(t, hash), w))
                            .collect();
                        Arc::new((ids, analysed.len))
                    }
                    (None, None) => Arc::new((Vec::new(), 0)),
                };
                (key, terms)
            })
            .collect()
    }

    /// Every term's postings made again from the documents, in order.
    fn make_postings(&mut self, docs: &[KeptDoc]) {
        let mut lists: Vec<Posted> = vec![Vec::new(); self.terms.len()];
        for (n, doc) in docs.iter().enumerate() {
            for &(t, w) in &doc.terms.0 {
                lists[t as usize].push((n as u32, w));
            }
        }
        self.postings = lists
            .into_par_iter()
            .map(|list| {
                let mut piece = Vec::new();
                if !list.is_empty() {
                    json::postings(&mut piece, &list);
                }
                (list, piece)
            })
            .collect();
    }

    /// The postings of the terms the `changed` documents had in `last` or
    /// have in `docs`, patched (the others are as they were).
    fn patch(&mut self, last: &[KeptDoc], docs: &[KeptDoc], changed: &[usize]) {
        self.postings
            .resize_with(self.terms.len(), Default::default);
        let mut touched = Vec::new();
        for &n in changed {
            let at = n as u32;
            for &(t, _) in &last[n].terms.0 {
                let list = &mut self.postings[t as usize].0;
                if let Ok(i) = list.binary_search_by_key(&at, |p| p.0) {
                    list.remove(i);
                }
                touched.push(t);
            }
            for &(t, w) in &docs[n].terms.0 {
                let list = &mut self.postings[t as usize].0;
                match list.binary_search_by_key(&at, |p| p.0) {
                    Ok(i) => list[i].1 = w,
                    Err(i) => list.insert(i, (at, w)),
                }
                touched.push(t);
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for t in touched {
            let (list, piece) = &mut self.postings[t as usize];
            piece.clear();
            if !list.is_empty() {
                json::postings(piece, list);
            }
        }
    }

    /// The ids of the terms some document has, in the order of their text.
    fn sorted_terms(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.postings.len())
            .filter(|&t| !self.postings[t].0.is_empty())
            .collect();
        order.par_sort_unstable_by(|&a, &b| self.terms[a].cmp(&self.terms[b]));
        order
    }
}

/// A made document's entry fields.
fn fields<'a>(doc: &'a Doc<'_>) -> [&'a str; 4] {
    [doc.0, doc.1.as_ref(), doc.2.as_str(), doc.3.as_ref()]
}

/// Writes the index of `docs` (all made now) into `out`, nothing kept:
/// a build's. Terms of a batch of documents at a time, so that only a
/// few thousand documents' terms are in memory at once.
pub(super) fn write_fresh(out: &mut Vec<u8>, docs: &[Doc<'_>], analyzer: Analyzer) {
    let mut interned = Interned::default();
    let mut lists: Vec<Posted> = Vec::new();
    let mut lengths: Vec<u32> = Vec::with_capacity(docs.len());
    for batch in docs.chunks(4096) {
        let made: Vec<Analysed> = batch
            .par_iter()
            .map(|doc| doc_terms(analyzer, &doc.4))
            .collect();
        for analysed in made {
            let n = lengths.len() as u32;
            lengths.push(analysed.len);
            for (term, hash, w) in analysed.terms() {
                let t = interned.intern(term, hash) as usize;
                if lists.len() <= t {
                    lists.resize_with(t + 1, Vec::new);
                }
                lists[t].push((n, w));
            }
        }
    }
    let mut order: Vec<usize> = (0..lists.len()).collect();
    order.par_sort_unstable_by(|&a, &b| interned.terms[a].cmp(&interned.terms[b]));
    let names: Vec<&str> = order.iter().map(|&t| interned.terms[t].as_str()).collect();
    out.reserve(docs.len() * 160 + lists.iter().map(Vec::len).sum::<usize>() * 3);
    json::index(
        out,
        Parts {
            docs: docs.len(),
            doc: |out: &mut Vec<u8>, n: usize| json::doc(out, fields(&docs[n])),
            terms: &names,
            postings: |out: &mut Vec<u8>, t: usize| json::postings(out, &lists[order[t]]),
            lengths: &lengths,
            stop: analyzer.stop(),
            stem: analyzer.stem(),
        },
    );
}

/// A document's distinct terms, with their weights summed, and its length
/// in terms.
fn doc_terms(analyzer: Analyzer, texts: &[(std::borrow::Cow<'_, str>, u32)]) -> Analysed {
    let mut doc = Analysed {
        text: String::new(),
        terms: Vec::new(),
        len: 0,
    };
    for (text, weight) in texts {
        analyzer.each_term(text, |term| {
            let start = doc.text.len() as u32;
            doc.text.push_str(term);
            let hash = xxhash_rust::xxh3::xxh3_64(term.as_bytes());
            doc.terms
                .push((hash, start, doc.text.len() as u32, *weight));
        });
    }
    doc.len = doc.terms.len() as u32;
    // Equal terms next to each other (the order is the hash's).
    let word = |&(_, start, end, _): &(u64, u32, u32, u32)| &doc.text[start as usize..end as usize];
    let mut terms = std::mem::take(&mut doc.terms);
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| word(a).cmp(word(b))));
    terms.dedup_by(|later, kept| {
        let same = later.0 == kept.0 && word(later) == word(kept);
        if same {
            kept.3 += later.3;
        }
        same
    });
    doc.terms = terms;
    doc
}

/// A hash of what a document's terms are made of: the analyzer, and its
/// texts with their weights.
fn doc_key(analyzer: Analyzer, texts: &[(std::borrow::Cow<'_, str>, u32)]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&[analyzer as u8]);
    for (text, weight) in texts {
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
        h.update(&weight.to_le_bytes());
    }
    h.digest128()
}

/// Hashes a term's hash (xxh3) as it is.
#[derive(Default)]
struct TermHasher(u64);

impl std::hash::Hasher for TermHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; anything else still hashes.
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type HashedBy = std::hash::BuildHasherDefault<TermHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_of_one_hash_are_still_told_apart() {
        let mut interned = Interned::default();
        let a = interned.intern("armee", 7);
        // Another term with the same hash (none is known for xxh3; made
        // up here): a new id, the same one each time.
        let b = interned.intern("kursk", 7);
        let c = interned.intern("pyongyang", 7);
        assert_eq!([a, b, c], [0, 1, 2]);
        assert_eq!(interned.intern("kursk", 7), b);
        assert_eq!(interned.intern("pyongyang", 7), c);
        assert_eq!(interned.intern("armee", 7), a);
        assert_eq!(interned.intern("armee", 8), 3, "another hash, another term");
        assert_eq!(interned.terms, ["armee", "kursk", "pyongyang", "armee"]);
    }

    #[test]
    fn a_document_holds_each_term_once_with_its_weights_summed() {
        let texts = [
            (std::borrow::Cow::Borrowed("Kursk and the Kursk region"), 3),
            (std::borrow::Cow::Borrowed("région de Koursk, Kursk"), 1),
        ];
        let doc = doc_terms(Analyzer::Plain, &texts);
        let mut terms: Vec<(&str, u32)> = doc.terms().map(|(t, _, w)| (t, w)).collect();
        terms.sort_unstable();
        assert_eq!(
            terms,
            [("koursk", 1), ("kursk", 7), ("region", 4)],
            "the stop words left out"
        );
        assert_eq!(doc.len, 6, "kursk, kursk, region, region, koursk, kursk");
        for (t, hash, _) in doc.terms() {
            assert_eq!(hash, xxhash_rust::xxh3::xxh3_64(t.as_bytes()));
        }
    }
}
