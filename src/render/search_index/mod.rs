//! The offline search index, built at build time and shipped as a script
//! (`assets/search-index.js`) so that search works from `file://`, where
//! `fetch` is not allowed. Terms are folded (lower case, accents removed,
//! ligatures split) so "demineurs" finds "démineurs" and "koursk" finds
//! "Koursk"; the browser folds queries the same way
//! (`assets/search-terms.js`). A French dossier's terms are also stemmed
//! and its French stop words dropped ([`super::french`]), so "demineur"
//! finds "démineurs" and "armee" finds "l'armée". Documents are claims
//! (statement, quotes, translations, note), articles (title, summary and
//! the passages quoted from them), topics, sources and entities (name,
//! every alias, description: the result's kind is the entity's, `person`,
//! `place`…); full article texts
//! are not indexed, which keeps the index small at any size.

pub use crate::fold::STOP;
use crate::fold::{self, is_stop};
use crate::i18n::Messages;
use crate::model::Dossier;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

mod json;

/// How a dossier's language makes terms of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyzer {
    /// Folded; the stop words of [`STOP`] dropped (English, and any
    /// language without rules of its own).
    Plain,
    /// Folded, French stop words dropped, stemmed.
    French,
}

impl Analyzer {
    /// The analyzer of a BCP 47 language tag.
    pub fn of(language: &str) -> Analyzer {
        let primary = language.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Analyzer::French
        } else {
            Analyzer::Plain
        }
    }

    /// The search terms of `text`.
    pub fn terms(self, text: &str) -> Vec<String> {
        match self {
            Analyzer::Plain => terms(text),
            Analyzer::French => {
                // Folded with the short list (its words are French stop
                // words too), then the longer French list and the stems.
                let mut out = terms(text);
                out.retain(|t| !super::french::is_stop(t));
                for t in &mut out {
                    *t = super::french::stem(t);
                }
                out
            }
        }
    }
}

/// Folds text to search terms: its folded words ([`fold::each_word`]),
/// stop words left out.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    fold::each_word(text, |w| {
        if !is_stop(w) {
            out.push(std::mem::take(w));
        }
    });
    out
}

/// The index the browser reads, written by [`json::index`] (`serde`
/// writes the same bytes in its tests).
#[cfg_attr(test, derive(serde::Serialize))]
struct Index<'a> {
    /// [kind, title, url from the site root, snippet]
    docs: Vec<[&'a str; 4]>,
    /// Sorted terms.
    terms: Vec<String>,
    /// Per term, its documents in order, each as the gap from the one
    /// before (the first from -1), followed by its weight only when that
    /// is not 1, the gap then written negative: [3, -2, 5, 1] is document
    /// 2 with weight 1 and document 4 with weight 5 (see [`Postings`]).
    postings: Vec<Vec<i32>>,
    /// Per doc: its length in terms.
    lengths: Vec<u32>,
    /// Words left out of the index (the browser drops them from queries).
    stop: &'static [&'static str],
    /// The stemmer the browser applies to queries (`fr`), if any.
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    stem: Option<&'static str>,
}

/// A term's documents, written as they come (in document order) in the
/// compact form of [`Index::postings`]: about half the size of
/// `[doc, weight]` pairs, since most weights are 1 and gaps are short.
#[derive(Debug, Default)]
struct Postings {
    /// The last document plus one (0: none yet).
    next: u32,
    list: Vec<i32>,
}

impl Postings {
    fn push(&mut self, doc: u32, weight: u32) {
        let gap = (doc + 1 - self.next) as i32;
        self.next = doc + 1;
        if weight == 1 {
            self.list.push(gap);
        } else {
            self.list.extend([-gap, weight as i32]);
        }
    }
}

/// A document before indexing: kind, title, url, snippet, weighted texts.
type Doc<'a> = (
    &'static str,
    Cow<'a, str>,
    String,
    Cow<'a, str>,
    Vec<(Cow<'a, str>, u32)>,
);

/// Borrowed text (the dossier outlives the index).
fn b(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s)
}

/// Builds `assets/search-index.js`; its snippets (dates, kinds of
/// sources) are in the dossier's language.
pub fn index_js(d: &Dossier, m: &Messages) -> Vec<u8> {
    index_js_kept(d, m, None)
}

/// What one index keeps for the next (`serve`): the terms of each
/// document, by a hash of the texts they were made of, so the next index
/// finds the terms of the documents an edit changed alone. The bytes are
/// those [`index_js`] makes.
#[derive(Default)]
pub struct Kept(Mutex<Interned>);

/// Terms by id, and the terms of the documents of the last index.
#[derive(Default)]
struct Interned {
    /// Each term seen, once (an edit adds the few terms it brings; terms
    /// no document has any more are left out of the index).
    terms: Vec<String>,
    ids: HashMap<Term, u32, HashedBy>,
    /// Each document's terms (id, weight) and length, with its
    /// [`doc_key`], in the order of the last index: a document is looked
    /// for at its own position first, and by key only when documents
    /// before it were added or removed.
    docs: Vec<(u128, Arc<DocTerms>)>,
}

/// A document's distinct terms with their summed weights, and its length
/// in terms.
type DocTerms = (Vec<(u32, u32)>, u32);

/// A document's terms as analysed, before they are given ids.
type Analysed = (Vec<(Term, u32)>, u32);

impl Interned {
    fn intern(&mut self, term: Term) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.text.clone());
        self.ids.insert(term, id);
        id
    }
}

/// [`index_js`], with the terms of the documents seen by the last index
/// taken from `kept` (and those of this one kept there).
pub fn index_js_kept(d: &Dossier, m: &Messages, kept: Option<&Kept>) -> Vec<u8> {
    let analyzer = Analyzer::of(m.language());
    let mut docs: Vec<Doc<'_>> = Vec::new();
    for t in &d.topics {
        docs.push((
            "topic",
            b(&t.title),
            format!("topics/{}.html", t.id),
            b(t.summary.as_deref().unwrap_or_default()),
            vec![
                (b(&t.title), 3),
                (b(t.summary.as_deref().unwrap_or_default()), 2),
                (
                    Cow::Owned(strip_tags(&without_markers(&t.overview.html))),
                    1,
                ),
            ],
        ));
    }
    let mut quoted: Vec<String> = vec![String::new(); d.articles.len()];
    for c in &d.claims {
        let mut texts = vec![(b(&c.statement), 3)];
        for e in &c.evidence {
            texts.push((b(&e.quote), 1));
            if let Some(t) = &e.translation {
                texts.push((b(t), 1));
            }
            quoted[e.article].push_str(&e.quote);
            quoted[e.article].push(' ');
        }
        if let Some(n) = &c.note {
            texts.push((Cow::Owned(strip_tags(&without_markers(&n.html))), 1));
        }
        texts.push((b(&d.sources[c.origin].name), 1));
        docs.push((
            "claim",
            b(&c.statement),
            crate::claim_page::href(c, &d.articles),
            b(&d.sources[c.origin].name),
            texts,
        ));
    }
    for (i, a) in d.articles.iter().enumerate() {
        let summary = a
            .summary_html
            .as_deref()
            .map(strip_tags)
            .unwrap_or_default();
        docs.push((
            "article",
            b(&a.title),
            format!("articles/{}.html", a.slug),
            Cow::Owned(format!(
                "{}{}",
                m.date(&a.published),
                a.outlet
                    .as_ref()
                    .map(|o| format!(", {o}"))
                    .unwrap_or_default()
            )),
            vec![
                (b(&a.title), 3),
                (Cow::Owned(summary), 2),
                (b(a.outlet.as_deref().unwrap_or_default()), 1),
                (Cow::Owned(std::mem::take(&mut quoted[i])), 1),
            ],
        ));
    }
    for s in &d.sources {
        docs.push((
            "source",
            b(&s.name),
            format!("sources.html#source-{}", s.id),
            b(m.source_kind(s.kind)),
            vec![
                (b(&s.name), 3),
                (b(s.note.as_deref().unwrap_or_default()), 1),
                (b(&s.id), 2),
            ],
        ));
    }
    docs.extend(entity_docs(d));
    let (terms_list, postings, lengths) = match kept {
        Some(kept) => {
            let mut interned = kept.0.lock().unwrap_or_else(PoisonError::into_inner);
            postings_of(&docs, analyzer, &mut interned, true)
        }
        None => postings_of(&docs, analyzer, &mut Interned::default(), false),
    };
    let index = Index {
        docs: docs
            .iter()
            .map(|d| [d.0, d.1.as_ref(), d.2.as_str(), d.3.as_ref()])
            .collect(),
        terms: terms_list,
        postings,
        lengths,
        stop: match analyzer {
            Analyzer::Plain => STOP,
            Analyzer::French => super::french::STOP,
        },
        stem: (analyzer == Analyzer::French).then_some("fr"),
    };
    let mut out =
        b"// Search index of this dossier, generated by `dossier build`.\nwindow.DOSSIER_SEARCH = "
            .to_vec();
    json::index(&mut out, &index);
    out.extend_from_slice(b";\n");
    out
}

/// Each distinct term (sorted), its postings, and each document's length.
/// Terms of each document in parallel (weights summed), a batch of
/// documents at a time, merged in document order into each term's
/// postings (so they come out sorted by document); only the distinct
/// terms are sorted. Batches keep the terms of a few thousand documents
/// in memory, not those of the whole dossier, unless they are `keep`
/// (in `interned`, for the next index, whose documents not changed since
/// are not analysed again).
fn postings_of(
    docs: &[Doc<'_>],
    analyzer: Analyzer,
    interned: &mut Interned,
    keep: bool,
) -> (Vec<String>, Vec<Vec<i32>>, Vec<u32>) {
    let keys: Vec<u128> = if keep {
        docs.par_iter()
            .map(|doc| doc_key(analyzer, &doc.4))
            .collect()
    } else {
        Vec::new()
    };
    let last = std::mem::take(&mut interned.docs);
    let mut by_key: Option<HashMap<u128, usize>> = None;
    let mut found_at = |n: usize, key: u128| -> Option<Arc<DocTerms>> {
        let n = match last.get(n) {
            Some((k, _)) if *k == key => n,
            _ if last.is_empty() => return None,
            _ => *by_key
                .get_or_insert_with(|| last.iter().enumerate().map(|(n, d)| (d.0, n)).collect())
                .get(&key)?,
        };
        Some(Arc::clone(&last[n].1))
    };
    let mut postings: Vec<Postings> = Vec::new();
    let mut lengths: Vec<u32> = Vec::with_capacity(docs.len());
    for (b, batch) in docs.chunks(4096).enumerate() {
        let keys = keys.get(b * 4096..).unwrap_or_default();
        let found: Vec<Option<Arc<DocTerms>>> = (0..batch.len())
            .map(|i| keys.get(i).and_then(|&k| found_at(b * 4096 + i, k)))
            .collect();
        let made: Vec<Option<Analysed>> = batch
            .par_iter()
            .zip(&found)
            .map(|(doc, found)| found.is_none().then(|| doc_terms(analyzer, &doc.4)))
            .collect();
        for (i, (found, made)) in found.into_iter().zip(made).enumerate() {
            let terms = match (found, made) {
                (Some(terms), _) => terms,
                (None, Some((pairs, len))) => {
                    let ids = pairs
                        .into_iter()
                        .map(|(t, w)| (interned.intern(t), w))
                        .collect();
                    Arc::new((ids, len))
                }
                (None, None) => Arc::new((Vec::new(), 0)),
            };
            let n = lengths.len() as u32;
            lengths.push(terms.1);
            for &(id, weight) in &terms.0 {
                let id = id as usize;
                if postings.len() <= id {
                    postings.resize_with(id + 1, Postings::default);
                }
                postings[id].push(n, weight);
            }
            if let Some(&key) = keys.get(i) {
                interned.docs.push((key, terms));
            }
        }
    }
    drop(last);
    let mut entries: Vec<(String, Vec<i32>)> = postings
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.list.is_empty())
        .map(|(id, p)| (interned.terms[id].clone(), p.list))
        .collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let (terms, postings) = entries.into_iter().unzip();
    (terms, postings, lengths)
}

/// A document's distinct terms, with their weights summed, and its length
/// in terms.
fn doc_terms(analyzer: Analyzer, texts: &[(Cow<'_, str>, u32)]) -> Analysed {
    let mut pairs: Vec<(Term, u32)> = Vec::new();
    for (text, weight) in texts {
        pairs.extend(
            analyzer
                .terms(text)
                .into_iter()
                .map(|t| (Term::new(t), *weight)),
        );
    }
    let len = pairs.len() as u32;
    // Equal terms next to each other (the order is the hash's).
    pairs.sort_unstable_by(|a, b| {
        a.0.hash
            .cmp(&b.0.hash)
            .then_with(|| a.0.text.cmp(&b.0.text))
    });
    pairs.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
    (pairs, len)
}

/// A hash of what a document's terms are made of: the analyzer, and its
/// texts with their weights.
fn doc_key(analyzer: Analyzer, texts: &[(Cow<'_, str>, u32)]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&[analyzer as u8]);
    for (text, weight) in texts {
        h.update(&(text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
        h.update(&weight.to_le_bytes());
    }
    h.digest128()
}

/// Entities, found by any alias; the kind of result is the entity's
/// (`person`, `place`…: the search page has their words), the snippet its
/// aliases.
fn entity_docs(d: &Dossier) -> impl Iterator<Item = Doc<'_>> {
    d.entities.iter().map(|e| {
        let description = e
            .description
            .as_ref()
            .map(|p| strip_tags(&without_markers(&p.html)))
            .unwrap_or_default();
        let aliases = e.aliases.join(", ");
        (
            e.kind.as_str(),
            b(&e.name),
            format!("entities/{}.html", e.id),
            Cow::Owned(aliases.clone()),
            vec![
                (b(&e.name), 3),
                (Cow::Owned(aliases), 3),
                (Cow::Owned(description), 1),
            ],
        )
    })
}

/// A search term with its hash (xxh3), computed once.
#[derive(Debug, PartialEq, Eq)]
struct Term {
    hash: u64,
    text: String,
}

impl Term {
    fn new(text: String) -> Self {
        Term {
            hash: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            text,
        }
    }
}

impl std::hash::Hash for Term {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// Hashes a [`Term`] by the hash it carries.
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

/// HTML without its citation markers (`<sup class="cite" …>1</sup>`),
/// whose numbers are not words of the text.
fn without_markers(html: &str) -> Cow<'_, str> {
    const OPEN: &str = super::view::cite::MARKER;
    if !html.contains(OPEN) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match rest.find("</sup>") {
            Some(end) => rest = &rest[end + "</sup>".len()..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_are_gaps_with_weights_other_than_one() {
        let mut p = Postings::default();
        for (doc, weight) in [(0, 1), (2, 1), (3, 4), (10, 1), (11, 2)] {
            p.push(doc, weight);
        }
        assert_eq!(p.list, [1, 2, -1, 4, 7, -1, 2]);
    }

    #[test]
    fn an_index_from_kept_terms_is_the_index() {
        for (fixture, language) in [("good/basic", "en"), ("good/french", "fr")] {
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(fixture);
            let mut d = crate::load::load(&root).dossier;
            let theme = crate::theme::Theme::default();
            let (m, _) = Messages::load(&theme, language, &mut crate::source::Sources::default());
            let kept = Kept::default();
            let first = index_js_kept(&d, &m, Some(&kept));
            assert_eq!(first, index_js(&d, &m), "{fixture}");
            assert_eq!(index_js_kept(&d, &m, Some(&kept)), first, "{fixture}");
            // A statement edited (new terms), a claim gone, one repeated,
            // a source renamed: the documents they change made again.
            std::sync::Arc::make_mut(&mut d.claims[0]).statement =
                "Brand-new wording about zyxwv dams".into();
            let gone = d.claims.remove(1);
            d.claims.push(gone.clone());
            d.claims.push(gone);
            d.sources[0].name = "Renamed outlet".into();
            let after = index_js_kept(&d, &m, Some(&kept));
            assert_ne!(after, first, "{fixture}");
            assert_eq!(after, index_js(&d, &m), "{fixture}: edited");
            assert!(String::from_utf8_lossy(&after).contains("zyxwv"));
        }
    }

    #[test]
    fn folding_removes_accents_case_and_stop_words() {
        assert_eq!(terms("Les démineurs à Koursk"), vec!["demineurs", "koursk"]);
        assert_eq!(terms("main-d’œuvre"), vec!["main", "oeuvre"]);
        assert_eq!(terms("10 000 DÉMINEURS"), vec!["10", "000", "demineurs"]);
    }
}
