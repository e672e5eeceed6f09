//! The offline search index, built at build time and shipped as a script
//! (`assets/search-index.js`) so that search works from `file://`, where
//! `fetch` is not allowed. Terms are folded (lower case, accents removed,
//! ligatures split) so "demineurs" finds "démineurs" and "koursk" finds
//! "Koursk"; the browser folds queries the same way. Documents are claims
//! (statement, quotes, translations, note), articles (title, summary and
//! the passages quoted from them), topics and sources; full article texts
//! are not indexed, which keeps the index small at any size.

use crate::model::Dossier;
use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words too common to help (French and English).
const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "au", "aux", "be", "by", "ce", "ces", "d", "dans", "de",
    "des", "du", "elle", "en", "est", "et", "for", "from", "has", "have", "il", "in", "is", "it",
    "l", "la", "le", "les", "leur", "n", "ne", "of", "on", "or", "ou", "par", "pas", "pour", "qu",
    "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "that", "the", "this", "to", "un",
    "une", "was", "were", "with",
];

/// Folds text to search terms.
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                match l {
                    'œ' => cur.push_str("oe"),
                    'æ' => cur.push_str("ae"),
                    'ß' => cur.push_str("ss"),
                    l => cur.push(l),
                }
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out.retain(|t| !STOP.contains(&t.as_str()));
    out
}

#[derive(Serialize)]
struct Index<'a> {
    /// [kind, title, url from the site root, snippet]
    docs: Vec<[&'a str; 4]>,
    /// Sorted terms.
    terms: Vec<&'a str>,
    /// Per term: flat [doc, weight, doc, weight, …].
    postings: Vec<Vec<u32>>,
    /// Per doc: its length in terms.
    lengths: Vec<u32>,
    /// Words left out of the index (the browser drops them from queries).
    stop: &'static [&'static str],
}

/// A document before indexing: kind, title, url, snippet, weighted texts.
type Doc = (&'static str, String, String, String, Vec<(String, u32)>);

/// Builds `assets/search-index.js`.
pub fn index_js(d: &Dossier) -> Vec<u8> {
    let mut docs: Vec<Doc> = Vec::new();
    for t in &d.topics {
        docs.push((
            "topic",
            t.title.clone(),
            format!("topics/{}.html", t.id),
            t.summary.clone().unwrap_or_default(),
            vec![
                (t.title.clone(), 3),
                (t.summary.clone().unwrap_or_default(), 2),
                (strip_tags(&t.body_html), 1),
            ],
        ));
    }
    let mut quoted: Vec<String> = vec![String::new(); d.articles.len()];
    for c in &d.claims {
        let mut texts = vec![(c.statement.clone(), 3)];
        for e in &c.evidence {
            texts.push((e.quote.clone(), 1));
            if let Some(t) = &e.translation {
                texts.push((t.clone(), 1));
            }
            quoted[e.article].push_str(&e.quote);
            quoted[e.article].push(' ');
        }
        if let Some(n) = &c.note_html {
            texts.push((strip_tags(n), 1));
        }
        texts.push((d.sources[c.origin].name.clone(), 1));
        docs.push((
            "claim",
            c.statement.clone(),
            format!("claims/{}.html", c.id),
            d.sources[c.origin].name.clone(),
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
            a.title.clone(),
            format!("articles/{}.html", a.slug),
            format!(
                "{}{}",
                a.published.human(),
                a.outlet
                    .as_ref()
                    .map(|o| format!(", {o}"))
                    .unwrap_or_default()
            ),
            vec![
                (a.title.clone(), 3),
                (summary, 2),
                (a.outlet.clone().unwrap_or_default(), 1),
                (std::mem::take(&mut quoted[i]), 1),
            ],
        ));
    }
    for s in &d.sources {
        docs.push((
            "source",
            s.name.clone(),
            format!("sources.html#source-{}", s.id),
            s.kind.words().to_string(),
            vec![
                (s.name.clone(), 3),
                (s.note.clone().unwrap_or_default(), 1),
                (s.id.clone(), 2),
            ],
        ));
    }
    // Terms of each document in parallel, then one sort of every
    // (term, document) pair: the same postings as a sorted map, on all
    // cores.
    // (term, document, weight) of one document, and its length in terms.
    type Postings = (Vec<(String, u32, u32)>, usize);
    let per_doc: Vec<Postings> = docs
        .par_iter()
        .enumerate()
        .map(|(n, doc)| {
            let mut pairs: Vec<(String, u32, u32)> = Vec::new();
            for (text, weight) in &doc.4 {
                for term in terms(text) {
                    pairs.push((term, n as u32, *weight));
                }
            }
            let len = pairs.len();
            pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            pairs.dedup_by(|later, kept| {
                let same = later.0 == kept.0;
                if same {
                    kept.2 += later.2;
                }
                same
            });
            (pairs, len)
        })
        .collect();
    let lengths: Vec<u32> = per_doc.iter().map(|(_, len)| *len as u32).collect();
    let mut pairs: Vec<(String, u32, u32)> = per_doc.into_iter().flat_map(|(p, _)| p).collect();
    pairs.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut terms_list: Vec<&str> = Vec::new();
    let mut postings: Vec<Vec<u32>> = Vec::new();
    for (term, doc, weight) in &pairs {
        if terms_list.last() != Some(&term.as_str()) {
            terms_list.push(term);
            postings.push(Vec::new());
        }
        if let Some(p) = postings.last_mut() {
            p.extend([*doc, *weight]);
        }
    }
    let index = Index {
        docs: docs
            .iter()
            .map(|d| [d.0, d.1.as_str(), d.2.as_str(), d.3.as_str()])
            .collect(),
        terms: terms_list,
        postings,
        lengths,
        stop: STOP,
    };
    let json = crate::data::script_safe_json(&index);
    format!("// Search index of this dossier, generated by `dossier build`.\nwindow.DOSSIER_SEARCH = {json};\n").into_bytes()
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
    fn folding_removes_accents_case_and_stop_words() {
        assert_eq!(terms("Les démineurs à Koursk"), vec!["demineurs", "koursk"]);
        assert_eq!(terms("main-d’œuvre"), vec!["main", "oeuvre"]);
        assert_eq!(terms("10 000 DÉMINEURS"), vec!["10", "000", "demineurs"]);
    }
}
