//! The accessible names of citation markers and of the markers after
//! quoted passages, in the page's language.
//!
//! The loader renders the analyst's Markdown before the interface's
//! language is known, so each citation marker it writes holds no word:
//! `<sup class="cite" id="cite-N-K"><a href="…" title="…">N</a></sup>`.
//! Here each marker's link gets `aria-label="Reference N: statement"`
//! from the catalogue. In: rendered prose and a label per reference
//! number. Out: the HTML the page shows (borrowed when nothing cites).
//!
//! The marker's opening bytes cannot come from the author: the loader
//! turns raw HTML into text, so `<` in anything written is `&lt;`.

use crate::markdown::escape_into;
use std::borrow::Cow;

/// How every citation marker starts (the search index leaves markers out
/// by the same bytes).
pub(in crate::render) const MARKER: &str = "<sup class=\"cite\" id=\"cite-";

/// `html` with `aria-label="…"` on the link of each citation marker,
/// `label(n)` giving the words for reference `n` (from 1); a marker whose
/// label is `None` is left as it is.
pub(in crate::render) fn labelled<'h>(
    html: &'h str,
    label: impl Fn(usize) -> Option<String>,
) -> Cow<'h, str> {
    if !html.contains(MARKER) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    let mut rest = html;
    while let Some(at) = rest.find(MARKER) {
        let after = at + MARKER.len();
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        // `N-K"><a href="…" title="…">`: the number, then the link's
        // start tag, whose attributes are escaped (no `>` inside).
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let number = rest[..digits].parse::<usize>().ok();
        let Some(open) = rest.find("<a ") else {
            continue;
        };
        let Some(close) = rest[open..].find('>').map(|k| open + k) else {
            continue;
        };
        out.push_str(&rest[..close]);
        if let Some(words) = number.and_then(&label) {
            out.push_str(" aria-label=\"");
            escape_into(&mut out, &words);
            out.push('"');
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// An article's `html` as anchoring marked it, with `aria-label="…"` on
/// the link of each marker after a quoted passage (`anchor::
/// PASSAGE_MARKER`), `label(n)` giving the words for the `n`th claim
/// citing the article (from 1).
pub(in crate::render) fn passages_labelled<'h>(
    html: &'h str,
    label: impl Fn(usize) -> Option<String>,
) -> Cow<'h, str> {
    use crate::anchor::PASSAGE_MARKER;
    if !html.contains(PASSAGE_MARKER) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html;
    while let Some(at) = rest.find(PASSAGE_MARKER) {
        // `…" title="…">N</a></sup>`: the link's start tag ends at the
        // first `>` after the marker (attributes are escaped), the number
        // follows it.
        let from = at + PASSAGE_MARKER.len();
        let Some(close) = rest[from..].find('>').map(|k| from + k) else {
            break;
        };
        out.push_str(&rest[..close]);
        rest = &rest[close..];
        let digits = rest[1..].bytes().take_while(u8::is_ascii_digit).count();
        if let Some(words) = rest[1..=digits].parse::<usize>().ok().and_then(&label) {
            out.push_str(" aria-label=\"");
            escape_into(&mut out, &words);
            out.push('"');
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(n: usize, k: usize, statement: &str) -> String {
        format!(
            "<sup class=\"cite\" id=\"cite-{n}-{k}\"><a href=\"../claims/c{n}.html\" title=\"{statement}\">{n}</a></sup>"
        )
    }

    #[test]
    fn each_passage_marker_gets_the_label_of_its_claim() {
        let html = "<p><mark id=\"q-a-1\">x</mark><sup class=\"passage-ref\"><a href=\"../claims/a.html#evidence-1\" title=\"A &amp; B\">1</a></sup> \
                    and<sup class=\"passage-ref\"><a href=\"../claims/b.html#evidence-2\" title=\"C\">12</a></sup></p>";
        let out = passages_labelled(html, |n| Some(format!("Affirmation {n} : \"q\"")));
        assert_eq!(
            out,
            "<p><mark id=\"q-a-1\">x</mark><sup class=\"passage-ref\"><a href=\"../claims/a.html#evidence-1\" title=\"A &amp; B\" aria-label=\"Affirmation 1 : &quot;q&quot;\">1</a></sup> \
             and<sup class=\"passage-ref\"><a href=\"../claims/b.html#evidence-2\" title=\"C\" aria-label=\"Affirmation 12 : &quot;q&quot;\">12</a></sup></p>"
        );
        assert!(matches!(
            passages_labelled("<p>none</p>", |_| None),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn each_marker_gets_the_label_of_its_number() {
        let html = format!(
            "<p>One{}. Two{}{}.</p>\n<p>Again{}</p>\n",
            marker(1, 1, "A &amp; B"),
            marker(2, 1, "C"),
            marker(1, 2, "A &amp; B"),
            marker(12, 1, "L")
        );
        let out = labelled(&html, |n| Some(format!("Ref {n}: \"x\" & y")));
        assert_eq!(
            out,
            "<p>One<sup class=\"cite\" id=\"cite-1-1\"><a href=\"../claims/c1.html\" title=\"A &amp; B\" aria-label=\"Ref 1: &quot;x&quot; &amp; y\">1</a></sup>. \
             Two<sup class=\"cite\" id=\"cite-2-1\"><a href=\"../claims/c2.html\" title=\"C\" aria-label=\"Ref 2: &quot;x&quot; &amp; y\">2</a></sup>\
             <sup class=\"cite\" id=\"cite-1-2\"><a href=\"../claims/c1.html\" title=\"A &amp; B\" aria-label=\"Ref 1: &quot;x&quot; &amp; y\">1</a></sup>.</p>\n\
             <p>Again<sup class=\"cite\" id=\"cite-12-1\"><a href=\"../claims/c12.html\" title=\"L\" aria-label=\"Ref 12: &quot;x&quot; &amp; y\">12</a></sup></p>\n"
        );
    }

    #[test]
    fn text_without_markers_is_borrowed_and_written_markup_is_not_a_marker() {
        let html = "<p>&lt;sup class=&quot;cite&quot; id=&quot;cite-1-1&quot;&gt; [@a]</p>";
        assert!(matches!(
            labelled(html, |_| Some("x".into())),
            Cow::Borrowed(_)
        ));
        // A number without a label keeps its marker as it was.
        let html = marker(3, 1, "s");
        assert_eq!(labelled(&html, |n| (n != 3).then(String::new)), html);
    }

    #[test]
    fn a_cut_marker_is_copied_without_panicking() {
        for html in [
            "<sup class=\"cite\" id=\"cite-",
            "<sup class=\"cite\" id=\"cite-1-1\"><a href",
            "<sup class=\"cite\" id=\"cite-x-1\"><a href=\"a\">x</a></sup>",
        ] {
            let out = labelled(html, |_| Some("L".into()));
            assert!(out.starts_with(html.split("<a").next().unwrap()), "{out}");
        }
    }
}
