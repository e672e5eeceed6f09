//! The analyst's own Markdown (topic overviews, the front page, analyst
//! notes, entity descriptions), rendered for the page it is shown on,
//! with what scholarly Markdown gives a writer:
//!
//! - citations, `[@claim-id]` or `[@a; @b]` ([`crate::citation`]), become
//!   numbered markers that link to the claims, numbered in order of first
//!   citation on the page ([`Prose::cited`]; rendering lists them at the
//!   end of the section, as Wikipedia does);
//! - typed links, `[text](claim:id)`, `article:slug`, `topic:id`,
//!   `entity:id`, `source:id` (each but `source:` may end in
//!   `#fragment`), become relative links to those pages;
//! - relative links (`../claims/a.html#evidence-2`) are kept, and noted
//!   for [`super::links`] to check once every page is known;
//! - links the pages drop (another scheme, an http(s) URL that is no
//!   address, see [`markdown::link_problem`]) are a warning at the link;
//! - headings are nested under the page's own ([`markdown::nest_headings`],
//!   from [`Text::top`]).
//!
//! An unknown id is an error at its place in the file: the offset inside
//! a Markdown body, or inside a YAML value. One event pass before the
//! events are made safe rewrites links; one after finds citations in runs
//! of text (never in code, links or escaped brackets).

use super::ids::{Known, resolve};
use crate::citation;
use crate::claim_page;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{self, escape_into};
use crate::model::{Article, Claim, Prose};
use crate::source::{FileId, SourceFile, Span};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::ops::Range;

/// Where a Markdown text sits in its file, to point at its problems.
#[derive(Clone, Copy)]
pub enum Within<'s> {
    /// A Markdown body, from this byte of the file.
    Body(usize),
    /// A YAML value, whose span is found when a problem needs it.
    Field(&'s (dyn Fn() -> Span + Sync)),
}

/// A link an author wrote to a page of the site (or to a place on one),
/// checked by [`super::links`] once every page is known.
#[derive(Debug, Clone)]
pub struct AuthorLink {
    /// Where it is written.
    pub file: FileId,
    /// Its target in the file.
    pub span: Span,
    /// The path it names, from the site's root (`claims/a.html`).
    pub path: String,
    /// The fragment, if any (`evidence-2`).
    pub fragment: Option<String>,
    /// For a link to a claim, which goes to its claims page
    /// (`claims/<article>.html#<claim>.evidence-2`): the claim's id, so
    /// that problems are told as the author wrote the link
    /// (`claims/<claim>.html#evidence-2`).
    pub claim: Option<String>,
}

/// What a text may refer to, and where it is shown.
pub struct Context<'a> {
    /// Every id table.
    pub ids: &'a Known,
    /// The claims (their statements title the markers).
    pub claims: &'a [std::sync::Arc<Claim>],
    /// The articles (a claim is shown on its first article's group page).
    pub articles: &'a [Article],
    /// The page the text is shown on, from the site's root
    /// (`topics/demining.html`).
    pub page: &'a str,
}

/// One Markdown text to render.
pub struct Text<'s> {
    /// The Markdown.
    pub md: &'s str,
    /// Its file.
    pub file: FileId,
    /// The file's source.
    pub src: &'s SourceFile,
    /// Where it is in the file.
    pub within: Within<'s>,
    /// The level its headings start at: one below the page's own around
    /// it (3 in a topic's overview, under the page's `h1` and `h2`).
    pub top: u8,
}

/// What rendering found besides the HTML.
#[derive(Default)]
pub struct Found {
    /// Errors (unknown ids) and warnings (links outside the site).
    pub diags: Diagnostics,
    /// Links to check against the site's pages.
    pub links: Vec<AuthorLink>,
}

impl Text<'_> {
    /// The file span of `needle`, found at `at` in the Markdown.
    fn span(&self, at: Range<usize>, needle: &str) -> Span {
        match self.within {
            Within::Body(start) => start + at.start..start + at.end,
            Within::Field(value) => {
                let value = value();
                // A YAML value is not the text as read (quotes, escapes,
                // folded lines): find the needle in what is written.
                let written = self.src.text.get(value.clone()).unwrap_or_default();
                match written.find(needle) {
                    Some(k) if !needle.is_empty() => {
                        value.start + k..value.start + k + needle.len()
                    }
                    _ => value,
                }
            }
        }
    }
}

/// Renders `text` for `cx.page`, numbering its citations after those in
/// `cited` (the front page's summary and body share their numbers).
pub fn render(
    text: &Text<'_>,
    cx: &Context<'_>,
    cited: &mut Vec<(usize, usize)>,
    found: &mut Found,
) -> String {
    let events = links(text, cx, found);
    let events = markdown::safe_events(events.into_iter());
    let mut events = citations(text, cx, events, cited, &mut found.diags);
    markdown::nest_headings(&mut events, text.top);
    let mut html = String::with_capacity(text.md.len() * 3 / 2);
    markdown::push_html(&mut html, events.into_iter());
    html
}

/// [`render`] of a text alone on its page.
pub fn render_prose(text: &Text<'_>, cx: &Context<'_>, found: &mut Found) -> Prose {
    let mut cited = Vec::new();
    let html = render(text, cx, &mut cited, found);
    Prose { html, cited }
}

/// `../` as many times as `page` is deep.
fn up(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The kind of typed link `kind` (`claim`, `article`…): its id table, what
/// it names and its folder (for the error's label).
fn typed<'k>(
    kind: &str,
    ids: &'k Known,
) -> Option<(&'k super::ids::Ids, &'static str, Option<&'static str>)> {
    Some(match kind {
        "claim" => (&ids.claims, "claim", None),
        "article" => (&ids.articles, "article", Some("articles")),
        "topic" => (&ids.topics, "topic", Some("topics")),
        "entity" => (&ids.entities, "entity", None),
        "source" => (&ids.sources, "source", None),
        _ => return None,
    })
}

/// The page of id `id` of a typed link's kind, from the root.
fn page_of(kind: &str, id: &str) -> String {
    match kind {
        "source" => format!("sources.html#source-{id}"),
        "entity" => format!("entities/{id}.html"),
        _ => format!("{kind}s/{id}.html"),
    }
}

/// Where a link to claim `id` goes, and to which `fragment` of the
/// claim's page as it was (`evidence-2`): its group's page, and the
/// claim's place there (`<id>.evidence-2`, or `<id>`). `None` if no claim
/// has this id.
fn claim_place(cx: &Context<'_>, id: &str, fragment: Option<&str>) -> Option<(String, String)> {
    let c = cx.claims.binary_search_by(|c| c.id.as_str().cmp(id)).ok()?;
    let page = claim_page::page(claim_page::group(&cx.claims[c], cx.articles));
    let place = match fragment.filter(|f| !f.is_empty()) {
        Some(f) => claim_page::anchor(id, f),
        None => id.to_string(),
    };
    Some((page, place))
}

/// [`claim_place`] of a link to `path` (from the root) when it names the
/// page a claim had before claims were grouped (`claims/<claim-id>.html`).
/// An id that is both a claim's and an article's is the claim's.
fn old_claim_page<'p>(
    cx: &Context<'_>,
    path: &'p str,
    fragment: Option<&str>,
) -> Option<(String, String, &'p str)> {
    let id = path.strip_prefix("claims/")?.strip_suffix(".html")?;
    let (page, place) = claim_place(cx, id, fragment)?;
    Some((page, place, id))
}

/// The first pass: typed links resolved, relative and in-page links noted.
fn links<'m>(
    text: &Text<'m>,
    cx: &Context<'_>,
    found: &mut Found,
) -> Vec<(Event<'m>, Range<usize>)> {
    let mut events = markdown::offset_events(text.md);
    for (event, range) in &mut events {
        let dest_url = match event {
            Event::Start(Tag::Link { dest_url, .. }) => dest_url,
            Event::Start(Tag::Image { dest_url, .. }) => {
                // Images become links to the image, if the address is one.
                if let Some(why) = markdown::link_problem(dest_url) {
                    let dest = dest_url.to_string();
                    let at = written_at(text.md, range, &dest);
                    found.diags.push(super::dropped::warning(
                        text.file,
                        text.span(at, &dest),
                        &dest,
                        why,
                    ));
                }
                continue;
            }
            _ => continue,
        };
        let dest = dest_url.to_string();
        let at = written_at(text.md, range, &dest);
        if let Some((kind, rest)) = dest.split_once(':')
            && let Some((ids, what, folder)) = typed(kind, cx.ids)
        {
            let (id, fragment) = match rest.split_once('#') {
                Some((id, f)) => (id, Some(f)),
                None => (rest, None),
            };
            let span = || text.span(at.clone(), &dest);
            if resolve(ids, what, folder, id, text.file, span, &mut found.diags).is_some() {
                if kind == "claim"
                    && let Some((page, place)) = claim_place(cx, id, fragment)
                {
                    *dest_url = CowStr::from([&up(cx.page), &page, "#", &place].concat());
                    note_claim(found, text, span(), page, &place, id);
                    continue;
                }
                let target = page_of(kind, id);
                let mut href = up(cx.page);
                href.push_str(&target);
                match fragment {
                    // A source's link already names its place on its page
                    // (`sources.html#source-id`): a second fragment would
                    // make a broken address, so it is left out, and said.
                    Some(f) if target.contains('#') => found.diags.push(
                        Diagnostic::warning(
                            text.file,
                            span(),
                            format!("`#{f}` is left out of the link to source `{id}`"),
                        )
                        .label("a source's link goes to its entry on sources.html")
                        .help(format!("write `{kind}:{id}`")),
                    ),
                    Some(f) => {
                        href.push('#');
                        href.push_str(f);
                        note(found, text, span(), target.clone(), Some(f));
                    }
                    None => {}
                }
                *dest_url = CowStr::from(href);
            }
        } else if let Some(fragment) = dest.strip_prefix('#') {
            note(
                found,
                text,
                text.span(at, &dest),
                cx.page.to_string(),
                Some(fragment),
            );
        } else if markdown::relative_url(&dest) {
            let span = text.span(at, &dest);
            let (path, fragment) = match dest.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (dest.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or_default();
            match join(cx.page, path) {
                // A link to a claim's page as it was (`claims/<id>.html`)
                // goes to the claim on its group's page.
                Some(path) => match old_claim_page(cx, &path, fragment) {
                    Some((page, place, id)) => {
                        *dest_url = CowStr::from([&up(cx.page), &page, "#", &place].concat());
                        note_claim(found, text, span, page, &place, id);
                    }
                    None => note(found, text, span, path, fragment),
                },
                None => found.diags.push(
                    Diagnostic::warning(
                        text.file,
                        span,
                        format!("link `{dest}` points outside the site"),
                    )
                    .label("above the site's root folder")
                    .help(format!(
                        "links are relative to the page this text is shown on, {}",
                        cx.page
                    )),
                ),
            }
        } else if let Some(why) = markdown::link_problem(&dest) {
            let span = text.span(at, &dest);
            found
                .diags
                .push(super::dropped::warning(text.file, span, &dest, why));
        }
    }
    events
}

/// Where a link's target is written inside the link's range (the whole
/// link when it is not written as it is, as in a reference link).
fn written_at(md: &str, range: &Range<usize>, dest: &str) -> Range<usize> {
    (!dest.is_empty())
        .then(|| md[range.clone()].rfind(dest))
        .flatten()
        .map_or(range.clone(), |k| {
            range.start + k..range.start + k + dest.len()
        })
}

/// Notes a link to check.
fn note(found: &mut Found, text: &Text<'_>, span: Span, path: String, fragment: Option<&str>) {
    found.links.push(AuthorLink {
        file: text.file,
        span,
        path,
        fragment: fragment.filter(|f| !f.is_empty()).map(str::to_string),
        claim: None,
    });
}

/// Notes a link to claim `id`, at `place` on claims page `page`.
fn note_claim(found: &mut Found, text: &Text<'_>, span: Span, page: String, place: &str, id: &str) {
    note(found, text, span, page, Some(place));
    if let Some(link) = found.links.last_mut() {
        link.claim = Some(id.to_string());
    }
}

/// The path `rel` names from `page`, from the root; `None` if it climbs
/// above the root. An empty path is the page itself.
fn join(page: &str, rel: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    if rel.is_empty() {
        return Some(page.to_string());
    }
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if rel.ends_with('/') {
        path.push('/');
    }
    Some(path)
}

/// A run of inline text: its events' text, and for each event where its
/// text starts in the run and (when written as it is) in the Markdown.
#[derive(Default)]
struct Run {
    text: String,
    pieces: Vec<Piece>,
    /// Index of the run's first event.
    first: usize,
}

/// One event of a run.
#[derive(Clone, Copy)]
struct Piece {
    /// Where its text starts in the run's text.
    start: usize,
    /// Where it starts in the Markdown, when written as it is.
    source: Option<usize>,
    /// A soft line break (its text is `\n`).
    soft_break: bool,
}

/// The second pass: citation groups in runs of text become markers.
fn citations<'m>(
    text: &Text<'m>,
    cx: &Context<'_>,
    events: Vec<(Event<'m>, Range<usize>)>,
    cited: &mut Vec<(usize, usize)>,
    diags: &mut Diagnostics,
) -> Vec<Event<'m>> {
    let mut out: Vec<Event<'m>> = Vec::with_capacity(events.len());
    let mut run = Run::default();
    let mut in_link = 0usize;
    let n = events.len();
    let mut events = events.into_iter().map(Some).collect::<Vec<_>>();
    let mut i = 0;
    while i < n {
        let is_text = matches!(&events[i], Some((Event::Text(_) | Event::SoftBreak, _)));
        if is_text && in_link == 0 {
            if run.pieces.is_empty() {
                run = Run {
                    first: i,
                    ..Run::default()
                };
            }
            let (event, range) = events[i].as_ref().expect("not taken yet");
            let start = run.text.len();
            let piece = match event {
                Event::Text(t) => {
                    let literal = text.md.get(range.clone()) == Some(t.as_ref());
                    run.text.push_str(t);
                    Piece {
                        start,
                        source: literal.then_some(range.start),
                        soft_break: false,
                    }
                }
                _ => {
                    run.text.push('\n');
                    Piece {
                        start,
                        source: None,
                        soft_break: true,
                    }
                }
            };
            run.pieces.push(piece);
            i += 1;
            continue;
        }
        if !run.pieces.is_empty() {
            flush(text, cx, &mut run, &mut events, &mut out, cited, diags);
        }
        let (event, _) = events[i].take().expect("not taken yet");
        match &event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            _ => {}
        }
        out.push(event);
        i += 1;
    }
    if !run.pieces.is_empty() {
        flush(text, cx, &mut run, &mut events, &mut out, cited, diags);
    }
    out
}

/// Writes a run's events, its citation groups replaced by markers.
fn flush<'m>(
    text: &Text<'m>,
    cx: &Context<'_>,
    run: &mut Run,
    events: &mut [Option<(Event<'m>, Range<usize>)>],
    out: &mut Vec<Event<'m>>,
    cited: &mut Vec<(usize, usize)>,
    diags: &mut Diagnostics,
) {
    let run = std::mem::take(run);
    // Where byte `i` of the run is in the Markdown, if written as it is.
    let source = |i: usize| -> Option<usize> {
        let p = &run.pieces[run.pieces.partition_point(|p| p.start <= i) - 1];
        p.source.map(|s| s + i - p.start)
    };
    let md = text.md.as_bytes();
    // Written as it is, and not after an odd number of backslashes.
    let literal = |i: usize| {
        source(i)
            .is_some_and(|s| md[..s].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 0)
    };
    let groups = if run.text.contains('[') && run.text.contains('@') {
        citation::groups(&run.text, literal)
    } else {
        Vec::new()
    };
    let taken = run.first..run.first + run.pieces.len();
    if groups.is_empty() {
        out.extend(
            events[taken]
                .iter_mut()
                .map(|e| e.take().expect("not taken yet").0),
        );
        return;
    }
    // The run's text between groups goes out as text; each event's kind
    // (text or soft break) is kept.
    let mut cut = 0;
    let emit_text = |out: &mut Vec<Event<'m>>, to: usize, from: usize| {
        for (k, piece) in run.pieces.iter().enumerate() {
            let end = run.pieces.get(k + 1).map_or(run.text.len(), |p| p.start);
            let (a, b) = (piece.start.max(from), end.min(to));
            if a >= b {
                continue;
            }
            if piece.soft_break {
                out.push(Event::SoftBreak);
            } else {
                out.push(Event::Text(CowStr::from(run.text[a..b].to_string())));
            }
        }
    };
    for g in &groups {
        // A marker follows the word it cites, as a note does: the spaces
        // or line break before the group go.
        let mut end = g.range.start;
        while end > cut && matches!(run.text.as_bytes()[end - 1], b' ' | b'\t' | b'\n') {
            end -= 1;
        }
        emit_text(out, end, cut);
        let mut html = String::new();
        for key in &g.keys {
            let id = &run.text[key.clone()];
            let at = source(key.start).unwrap_or(0);
            let span = || text.span(at.saturating_sub(1)..at + id.len(), &format!("@{id}"));
            let Some(c) = resolve(&cx.ids.claims, "claim", None, id, text.file, span, diags) else {
                continue;
            };
            marker(&mut html, cx, c, cited);
        }
        out.push(Event::Html(CowStr::from(html)));
        cut = g.range.end;
    }
    emit_text(out, run.text.len(), cut);
    for e in &mut events[taken] {
        e.take();
    }
}

/// The marker of a citation of claim `c`: its number (the claim's place
/// among those cited) links to the claim, whose statement is its tooltip.
/// It holds no word of the interface: rendering gives it its accessible
/// name in the page's language (`crate::render::view::cite`).
fn marker(html: &mut String, cx: &Context<'_>, c: usize, cited: &mut Vec<(usize, usize)>) {
    let n = match cited.iter().position(|(x, _)| *x == c) {
        Some(p) => p,
        None => {
            cited.push((c, 0));
            cited.len() - 1
        }
    };
    cited[n].1 += 1;
    let (number, k) = (n + 1, cited[n].1);
    // Claims left out for an error shift the others: the build stops.
    let Some(claim) = cx.claims.get(c) else {
        return;
    };
    html.push_str("<sup class=\"cite\" id=\"cite-");
    html.push_str(&format!("{number}-{k}\"><a href=\""));
    escape_into(html, &up(cx.page));
    escape_into(html, &claim_page::href(claim, cx.articles));
    html.push_str("\" title=\"");
    escape_into(html, &claim.statement);
    html.push_str(&format!("\">{number}</a></sup>"));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Loaded, load_files};

    const SOURCES: &str = "- id: s\n  name: S\n  kind: media\n";
    const ARTICLE: &str = "---\ntitle: R\npublished: 2030\nlanguage: en\n---\nAlpha said one thing. Beta said another.\n";
    const CLAIMS: &str = "- id: alpha\n  statement: Alpha said it.\n  topics: [t]\n  origin: s\n  evidence:\n    - { article: r, quote: Alpha said one thing }\n- id: beta\n  statement: Beta said it.\n  topics: [t]\n  origin: s\n  evidence:\n    - { article: r, quote: Beta said another }\n";

    /// A dossier whose one topic has `overview` as its body.
    fn with_overview(overview: &str) -> (Loaded, String) {
        let topic = format!("---\ntitle: T\n---\n{overview}");
        let loaded = load_files(&[
            ("sources.yaml", SOURCES.as_bytes()),
            ("articles/r.md", ARTICLE.as_bytes()),
            ("claims/c.yaml", CLAIMS.as_bytes()),
            ("topics/t.md", topic.as_bytes()),
        ]);
        let diags = loaded.diagnostics.render(&loaded.sources);
        (loaded, diags)
    }

    #[test]
    fn citations_are_numbered_by_first_citation_with_a_marker_each() {
        let (loaded, diags) = with_overview("One [@beta]. Two [@alpha; @beta].\nThree [@beta].\n");
        assert_eq!(diags, "");
        let prose = &loaded.dossier.topics[0].overview;
        // beta is claim 1, alpha claim 0 (claims are sorted by id).
        assert_eq!(prose.cited, [(1, 3), (0, 1)]);
        let html = &prose.html;
        for id in ["cite-1-1", "cite-2-1", "cite-1-2", "cite-1-3"] {
            assert!(html.contains(&format!("id=\"{id}\"")), "{id} in {html}");
        }
        // No words: rendering names the marker in the page's language.
        assert!(
            html.contains("<a href=\"../claims/r.html#beta\" title=\"Beta said it.\">1</a></sup>"),
            "{html}"
        );
        assert!(!html.contains("[@"), "{html}");
        // The space before a citation goes: the marker follows the word.
        assert!(html.starts_with("<p>One<sup"), "{html}");
        assert!(html.contains("</sup>.\nThree<sup"), "{html}");
    }

    #[test]
    fn code_escapes_and_link_text_are_not_citations() {
        let (loaded, diags) = with_overview(
            "`[@alpha]` and \\[@alpha] and [@alpha](https://e.org) and \\\\[@alpha]\n",
        );
        assert_eq!(diags, "");
        let prose = &loaded.dossier.topics[0].overview;
        // Only the last, after an escaped backslash, is a citation.
        assert_eq!(prose.cited, [(0, 1)], "{}", prose.html);
        assert!(
            prose.html.contains("<code>[@alpha]</code>"),
            "{}",
            prose.html
        );
        assert!(prose.html.contains(" and [@alpha] and "), "{}", prose.html);
        assert!(
            prose.html.contains("<a href=\"https://e.org\">@alpha</a>"),
            "{}",
            prose.html
        );
    }

    #[test]
    fn a_citation_may_run_over_a_line_break() {
        let (loaded, diags) = with_overview("Both [@alpha;\n@beta] agree.\n");
        assert_eq!(diags, "");
        assert_eq!(loaded.dossier.topics[0].overview.cited, [(0, 1), (1, 1)]);
    }

    #[test]
    fn an_unknown_claim_is_an_error_at_its_place_in_the_file() {
        let (_, diags) = with_overview("Text.\n\nSee [@alpha; @alhpa].\n");
        assert!(diags.contains("error: unknown claim `alhpa`"), "{diags}");
        // Line 6 of the topic file (3 lines of front matter), at `@alhpa`.
        assert!(diags.contains("content/topics/t.md:6:14"), "{diags}");
        assert!(diags.contains("did you mean `alpha`?"), "{diags}");
    }

    #[test]
    fn typed_links_name_files_and_unknown_ids_are_errors() {
        let (loaded, diags) =
            with_overview("[a](claim:alpha) [r](article:r#q-alpha-1) [t](topic:t) [s](source:s)\n");
        assert_eq!(diags, "");
        let html = &loaded.dossier.topics[0].overview.html;
        for href in [
            "../claims/r.html#alpha",
            "../articles/r.html#q-alpha-1",
            "../topics/t.html",
            "../sources.html#source-s",
        ] {
            assert!(
                html.contains(&format!("href=\"{href}\"")),
                "{href} in {html}"
            );
        }
        let (_, diags) = with_overview("[x](claim:gamma) [y](entity:e)\n");
        assert!(
            diags.contains("unknown claim `gamma`") && diags.contains("content/topics/t.md:4:5"),
            "{diags}"
        );
        assert!(diags.contains("unknown entity `e`"), "{diags}");
    }

    #[test]
    fn a_fragment_on_a_source_link_is_left_out_with_a_warning() {
        // A source's link names its entry already: one fragment, not two.
        let (loaded, diags) = with_overview("See [s](source:s#top).\n");
        let html = &loaded.dossier.topics[0].overview.html;
        assert!(html.contains("href=\"../sources.html#source-s\""), "{html}");
        assert!(!html.contains("#top"), "{html}");
        assert!(
            diags.contains("warning: `#top` is left out of the link to source `s`"),
            "{diags}"
        );
        assert!(diags.contains("content/topics/t.md:4:9"), "{diags}");
        assert!(diags.contains("help: write `source:s`"), "{diags}");
        assert!(!diags.contains("error"), "{diags}");
    }

    #[test]
    fn relative_links_to_missing_files_or_places_are_warnings() {
        let (loaded, diags) = with_overview(
            "[ok](../claims/alpha.html#evidence-1) [here](#overview) [p](../articles/r.html#q-beta-1)\n",
        );
        assert_eq!(diags, "");
        // A link to a claim's page as it was goes to the claim's place
        // on its claims page.
        assert!(
            loaded.dossier.topics[0]
                .overview
                .html
                .contains("href=\"../claims/r.html#alpha.evidence-1\"")
        );
        let (_, diags) = with_overview(
            "[a](../claims/alpah.html) [b](../claims/alpha.html#evidence-9) [c](#nowhere) [d](../../x.html)\n",
        );
        assert!(
            diags.contains("warning: link to `claims/alpah.html`, a file the build does not make"),
            "{diags}"
        );
        assert!(
            diags.contains("did you mean `claims/alpha.html`?"),
            "{diags}"
        );
        assert!(
            diags.contains("`#evidence-9` is not a place on claims/alpha.html"),
            "{diags}"
        );
        assert!(
            diags.contains("`#nowhere` is not a place on topics/t.html"),
            "{diags}"
        );
        assert!(
            diags.contains("link `../../x.html` points outside the site"),
            "{diags}"
        );
        assert!(!diags.contains("error"), "{diags}");
    }

    #[test]
    fn links_the_page_drops_are_warnings_and_headings_nest_under_the_page() {
        let (loaded, diags) = with_overview(
            "## Background\n\nSee [x](https://../), [y](javascript:alert(1)) and ![p](ftp://e.org/p.png).\n\n#### Detail\n",
        );
        for (url, at) in [
            ("https://../", "t.md:6:9"),
            ("javascript:alert(1)", "t.md:6:27"),
            ("ftp://e.org/p.png", "t.md:6:57"),
        ] {
            assert!(
                diags.contains(&format!("warning: link to `{url}` dropped")),
                "{url}: {diags}"
            );
            assert!(diags.contains(at), "{url} at {at}: {diags}");
        }
        assert!(!diags.contains("error"), "{diags}");
        let html = &loaded.dossier.topics[0].overview.html;
        assert!(
            !html.contains("https://..") && !html.contains("javascript"),
            "{html}"
        );
        // Under the topic page's h1 and h2: h3, then h4 (no level skipped).
        assert!(html.contains("<h3>Background</h3>"), "{html}");
        assert!(html.contains("<h4>Detail</h4>"), "{html}");
    }

    #[test]
    fn relative_paths_are_joined_from_the_page() {
        assert_eq!(
            join("topics/a.html", "../claims/b.html").as_deref(),
            Some("claims/b.html")
        );
        assert_eq!(
            join("topics/a.html", "b.html").as_deref(),
            Some("topics/b.html")
        );
        assert_eq!(
            join("index.html", "./claims/x.html").as_deref(),
            Some("claims/x.html")
        );
        assert_eq!(join("index.html", "../x.html"), None);
        assert_eq!(join("index.html", "").as_deref(), Some("index.html"));
        assert_eq!(join("index.html", "claims/").as_deref(), Some("claims/"));
    }
}
