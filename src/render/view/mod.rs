//! The view pieces every page shares, as the templates are given them:
//! links ([`href`]), dates, grades, status and support words, a claim's
//! row in a list, source and article rows, the legend, judgments, and the
//! navigation and page frame (`common`, which `base.html` reads), the
//! analyst's cited text with its markers named ([`cite`]). [`html`]
//! writes the same pieces by hand, as `base.html` and `macros.html` do, for
//! the hand-compiled pages. Takes the model and the analysis; gives small
//! serialisable values that borrow from them. Never renders a page.

use super::Site;
use super::slots::Slots;
use crate::analyse::{Status, support_of};
use crate::claim_page;
use crate::i18n::{Messages, Msg};
use crate::model::*;
use serde::Serialize;
use std::borrow::Cow;

pub mod cite;
pub mod html;

/// The most topics the site navigation lists one by one.
pub const NAV_TOPICS: usize = 6;

/// Link from a page at `depth` folders below the root to `target` (a path
/// from the root, naming a file, optionally with `#fragment`).
pub fn href(depth: usize, target: &str) -> String {
    let mut s = "../".repeat(depth);
    s.push_str(target);
    s
}

/// A link, as the templates' `<a href="{{ href }}">{{ text }}</a>`.
#[derive(Serialize)]
pub(super) struct Link {
    pub(super) href: String,
    pub(super) text: String,
}

/// A date: machine-readable (`datetime`) and in words, at its precision.
#[derive(Serialize)]
pub(super) struct DateView {
    pub(super) iso: String,
    pub(super) human: String,
}

/// A grade chip: `B2`, with the words of both letters as its title.
#[derive(Serialize, Clone)]
pub(super) struct Grade {
    pub(super) code: String,
    pub(super) title: String,
}

/// Every grade of the Admiralty scale (A–F × 1–6), in the dossier's
/// language: made once per build.
pub(super) fn grade_table(m: &Messages) -> Vec<Grade> {
    (b'A'..=b'F')
        .flat_map(|r| (1..=6).map(move |c| grade(m, Reliability(r), Credibility(c))))
        .collect()
}

fn grade(m: &Messages, r: Reliability, c: Credibility) -> Grade {
    Grade {
        code: format!("{}{}", r.letter(), c.0),
        title: m.fill(
            Msg::GradeTitle,
            &[
                ("letter", r.letter().encode_utf8(&mut [0; 4])),
                ("reliability", m.reliability(r)),
                ("number", &c.0.to_string()),
                ("credibility", m.credibility(c)),
            ],
        ),
    }
}

/// The message of a status's tag.
pub(super) fn status_msg(s: Status) -> Msg {
    match s {
        Status::Contested => Msg::StatusContested,
        Status::Corroborated => Msg::StatusCorroborated,
        Status::SingleSource => Msg::StatusSingleSource,
    }
}

/// A claim in a list: borrowed from the model where it can be (a big
/// dossier lists each claim on several pages).
#[derive(Serialize, Clone)]
pub(super) struct ClaimRow<'a> {
    pub(super) id: &'a str,
    pub(super) href: String,
    pub(super) statement: &'a str,
    pub(super) status: &'static str,
    pub(super) status_words: &'a str,
    pub(super) grade: std::borrow::Cow<'a, Grade>,
    pub(super) support: &'a str,
    pub(super) origin: &'a str,
    pub(super) date: Option<&'a DateView>,
    pub(super) change: Option<&'a ChangeView>,
}

/// A claim's change since the baseline edition, as its tag says it: "new"
/// or "revised" (`kind`, and in words), and since which edition (its name,
/// and "since edition NAME" for screen readers).
#[derive(Serialize)]
pub(super) struct ChangeView {
    pub(super) kind: &'static str,
    pub(super) words: String,
    pub(super) since: String,
    pub(super) since_words: String,
}

/// One reference of a text's list of references: the claim cited, its
/// status and grade, and a link back to each place citing it.
#[derive(Serialize)]
pub(super) struct RefView<'a> {
    pub(super) number: usize,
    pub(super) href: String,
    pub(super) statement: &'a str,
    pub(super) status: &'static str,
    pub(super) status_words: &'a str,
    pub(super) grade: std::borrow::Cow<'a, Grade>,
    /// How many places cite it.
    pub(super) times: usize,
    /// Each place: its number (in the marker's id) and its letter.
    pub(super) backlinks: Vec<(usize, String)>,
}

/// The letter of the `k`th place citing a reference (from 1): a, b, …,
/// z, then aa, ab, …
pub(super) fn backlink_letter(k: usize) -> String {
    let mut n = k;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A key judgment, its likelihood and confidence in words and the claims
/// it rests on.
#[derive(Serialize)]
pub(super) struct JudgmentView<'a> {
    pub(super) text: String,
    pub(super) likelihood: Option<&'a str>,
    pub(super) likelihood_band: Option<&'a str>,
    pub(super) confidence: &'static str,
    pub(super) confidence_words: &'a str,
    pub(super) support: String,
    pub(super) claims: Vec<Link>,
}

/// An entry of the site navigation.
#[derive(Serialize, Clone)]
pub(super) struct Nav {
    pub(super) href: String,
    pub(super) text: String,
    pub(super) current: bool,
}

/// What `base.html` reads on every page: titles, language, the links of
/// the page frame (relative to the page), navigation, canonical URL.
#[derive(Serialize)]
pub(super) struct Common<'a> {
    pub(super) site_title: &'a str,
    pub(super) language: &'a str,
    pub(super) title: Cow<'a, str>,
    pub(super) description: Cow<'a, str>,
    pub(super) kind: &'static str,
    pub(super) home: String,
    pub(super) style: String,
    /// The stylesheet of highlighted code, linked only on the pages that
    /// can show Markdown prose.
    pub(super) syntax: Option<String>,
    pub(super) nav: Cow<'a, [Nav]>,
    pub(super) canonical: Option<String>,
    pub(super) feed: Option<String>,
    pub(super) root: String,
    pub(super) search: String,
    pub(super) base_href: Option<String>,
    pub(super) footer: Option<&'a str>,
    /// The web app manifest, the script that registers the service worker
    /// and the site's archive: its link, when the build makes it, or its
    /// name, when the browser does (`zipped`: a button, and the pages may
    /// fetch from their own site, `connect-src 'self'`).
    pub(super) manifest: String,
    pub(super) offline: String,
    pub(super) download: Option<String>,
    pub(super) zipped: Option<&'a str>,
    /// The stylesheet of the "What changed" page and the change tags,
    /// linked only when the dossier has editions.
    pub(super) changes_css: Option<String>,
    /// The interface's words, for the hand-compiled pages.
    #[serde(skip)]
    pub(super) m: &'a Messages,
}

/// An originating source, linked to its entry on the sources page.
#[derive(Serialize)]
pub(super) struct SourceRef<'a> {
    pub(super) href: String,
    pub(super) name: String,
    pub(super) reliability: char,
    pub(super) reliability_words: &'a str,
    pub(super) kind: &'a str,
}

/// A source article in a list.
#[derive(Serialize)]
pub(super) struct ArticleRow {
    pub(super) href: String,
    pub(super) title: String,
    pub(super) language: String,
    pub(super) published: DateView,
    pub(super) outlet: Option<String>,
    pub(super) claims: usize,
}

/// The grading scale in words (A–F, 1–6), and an example grade (B2) as
/// HTML, for the text that explains it.
#[derive(Serialize)]
pub(super) struct Legend<'a> {
    pub(super) reliability: Vec<(char, &'a str)>,
    pub(super) credibility: Vec<(u8, &'a str)>,
    pub(super) example_html: String,
}

impl Site<'_> {
    /// The legend of the grading scale.
    pub(super) fn legend(&self) -> Legend<'_> {
        let m = &*self.messages;
        let mut example_html = String::new();
        html::grade_example(
            &mut example_html,
            &self.grade(Reliability(b'B'), Credibility(2)),
        );
        Legend {
            reliability: (b'A'..=b'F')
                .map(|r| (char::from(r), m.reliability(Reliability(r))))
                .collect(),
            credibility: (1..=6)
                .map(|c| (c, m.credibility(Credibility(c))))
                .collect(),
            example_html,
        }
    }

    /// A date as the pages show it.
    pub(super) fn date(&self, d: &PartialDate) -> DateView {
        DateView {
            iso: d.iso(),
            human: self.messages.date(d).to_string(),
        }
    }

    /// The grade of a source and a claim, from the table when it is on the
    /// scale (as every loaded one is).
    pub(super) fn grade(&self, r: Reliability, c: Credibility) -> Cow<'_, Grade> {
        if (b'A'..=b'F').contains(&r.0) && (1..=6).contains(&c.0) {
            Cow::Borrowed(&self.grades[usize::from(r.0 - b'A') * 6 + usize::from(c.0 - 1)])
        } else {
            Cow::Owned(grade(&self.messages, r, c))
        }
    }

    /// "3 independent origins · 5 articles".
    pub(super) fn support(&self, origins: usize, articles: usize) -> std::sync::Arc<str> {
        self.messages.count(
            Msg::Support,
            &[("origins", origins as i64), ("articles", articles as i64)],
        )
    }

    /// A status's tag in words ("contested").
    pub(super) fn status_words(&self, s: Status) -> &str {
        self.messages.text(status_msg(s))
    }

    /// The site navigation at `depth` (each topic in it up to
    /// [`NAV_TOPICS`] topics, one "Topics" link past that), marking the page of `kind` at
    /// `path` as the current one.
    pub(super) fn nav(&self, depth: usize, kind: &str, path: &str) -> Vec<Nav> {
        let m = &*self.messages;
        let mut nav = vec![Nav {
            href: href(depth, "index.html"),
            text: m.text(Msg::NavOverview).into(),
            current: kind == "index",
        }];
        if self.dossier.topics.len() > NAV_TOPICS {
            // Many topics: one link to the overview's list of them, so the
            // header stays a line or two on a phone.
            nav.push(Nav {
                href: href(depth, "index.html#topics"),
                text: m.text(Msg::NavTopics).into(),
                current: false,
            });
        } else {
            for t in &self.dossier.topics {
                let target = format!("topics/{}.html", t.id);
                nav.push(Nav {
                    href: href(depth, &target),
                    current: path == target,
                    text: t.title.clone(),
                });
            }
        }
        let entities = !self.dossier.entities.is_empty();
        for (target, text, k) in [
            ("figures.html", Msg::NavFigures, "figures"),
            ("timeline.html", Msg::NavTimeline, "timeline"),
            ("entities.html", Msg::NavEntities, "entities"),
            ("sources.html", Msg::NavSources, "sources"),
            ("changes.html", Msg::NavChanges, "changes"),
        ] {
            if (k == "changes" && self.changes.is_none()) || (k == "entities" && !entities) {
                continue;
            }
            nav.push(Nav {
                href: href(depth, target),
                text: m.text(text).into(),
                current: kind == k,
            });
        }
        nav
    }

    /// The page frame of a page at `depth` (its links relative to it), of
    /// `kind`, at `path` (from the root).
    pub(super) fn common<'s>(
        &'s self,
        depth: usize,
        title: impl Into<Cow<'s, str>>,
        description: impl Into<Cow<'s, str>>,
        kind: &'static str,
        path: &str,
    ) -> Common<'s> {
        let d = self.dossier;
        // A page that is not in the navigation (a claim, an article) at a
        // usual depth shares one list.
        let listed = matches!(
            kind,
            "index" | "figures" | "timeline" | "sources" | "changes" | "entities"
        ) || path.starts_with("topics/");
        let nav = match self.plain_nav.get(depth) {
            Some(nav) if !listed => Cow::Borrowed(nav.as_slice()),
            _ => Cow::Owned(self.nav(depth, kind, path)),
        };
        let title = title.into();
        Common {
            site_title: &d.front.title,
            language: &self.config.language,
            description: {
                // A description equal to the title says nothing more; one
                // written over several lines is one line in a meta tag.
                let description = one_line(description.into());
                if description == title {
                    Cow::Borrowed("")
                } else {
                    description
                }
            },
            title,
            kind,
            home: href(depth, "index.html"),
            style: href(depth, "assets/style.css"),
            syntax: (!matches!(kind, "claim" | "figures" | "timeline" | "search" | "404"))
                .then(|| href(depth, "assets/syntax.css")),
            nav,
            canonical: self.config.base_url.as_ref().map(|b| format!("{b}{path}")),
            feed: self
                .config
                .base_url
                .as_ref()
                .map(|b| format!("{b}feed.xml")),
            root: href(depth, ""),
            search: href(depth, "search.html"),
            base_href: None,
            footer: self.config.description.as_deref(),
            manifest: href(depth, super::offline::WEB_MANIFEST),
            offline: href(depth, "assets/offline.js"),
            download: match &self.download {
                Some(super::offline::Download::Built(a)) => Some(href(depth, a)),
                _ => None,
            },
            zipped: match &self.download {
                Some(super::offline::Download::Browser(a)) => Some(a),
                _ => None,
            },
            changes_css: self
                .changes
                .map(|_| href(depth, super::assets::CHANGES_STYLESHEET)),
            m: &self.messages,
        }
    }

    /// The tag of claim `i` since the baseline edition, if it has one.
    pub(super) fn change_of(&self, i: usize) -> Option<&ChangeView> {
        let views = self.change_views.as_ref()?;
        match self.changes?.tag(i)? {
            crate::edition::Tag::New => Some(&views[0]),
            crate::edition::Tag::Revised => Some(&views[1]),
        }
    }

    /// Claim `i` as a row of a list on a page at `depth`.
    pub(super) fn claim_row(&self, depth: usize, i: usize) -> ClaimRow<'_> {
        let c = &self.dossier.claims[i];
        let f = &self.analysis.claims[i];
        let origin = &self.dossier.sources[c.origin];
        ClaimRow {
            id: &c.id,
            href: href(depth, &claim_page::href(c, &self.dossier.articles)),
            statement: &c.statement,
            status: f.status.slug(),
            status_words: self.status_words(f.status),
            grade: self.grade(origin.reliability, c.credibility),
            support: self.claim_support[i]
                .get_or_init(|| self.support(f.origins.len(), f.articles.len())),
            origin: &origin.name,
            date: self.claim_dates[i]
                .get_or_init(|| c.date.as_ref().map(|d| self.date(d)))
                .as_ref(),
            change: self.change_of(i),
        }
    }

    /// The references of `prose` (on a page at `depth`), in order.
    pub(super) fn references(&self, depth: usize, prose: &Prose) -> Vec<RefView<'_>> {
        prose
            .cited
            .iter()
            .enumerate()
            .map(|(n, &(c, times))| {
                let row = self.claim_row(depth, c);
                RefView {
                    number: n + 1,
                    href: row.href,
                    statement: row.statement,
                    status: row.status,
                    status_words: row.status_words,
                    grade: row.grade,
                    times,
                    backlinks: (1..=times).map(|k| (k, backlink_letter(k))).collect(),
                }
            })
            .collect()
    }

    /// `html`, rendered from the analyst's Markdown, with its citation
    /// markers named in the page's language ("Reference 1: statement");
    /// `cited` are the claims it cites, in the order of their numbers
    /// ([`Prose::cited`]; the front page's summary shares its body's).
    pub(super) fn cited<'h>(&self, html: &'h str, cited: &[(usize, usize)]) -> Cow<'h, str> {
        cite::labelled(html, |n| {
            let &(c, _) = cited.get(n.checked_sub(1)?)?;
            let statement = &self.dossier.claims.get(c)?.statement;
            Some(self.messages.fill(
                Msg::CiteLabel,
                &[("number", &n.to_string()), ("statement", statement)],
            ))
        })
    }

    /// An article's anchored `html` with the markers after its passages
    /// named in the page's language ("Claim 1"); `claims` are
    /// the claims citing it, in the order of their numbers.
    pub(super) fn passages<'h>(
        &self,
        html: &'h str,
        claims: &[(usize, Vec<usize>)],
    ) -> Cow<'h, str> {
        cite::passages_labelled(html, |n| {
            let (c, _) = claims.get(n.checked_sub(1)?)?;
            let statement = &self.dossier.claims.get(*c)?.statement;
            Some(self.messages.fill(
                Msg::PassageLabel,
                &[
                    ("number", &n.to_string()),
                    (
                        "statement",
                        &crate::anchor::locate::ellipsize(statement, 160),
                    ),
                ],
            ))
        })
    }

    /// Links to `entities` from a page at `depth`.
    pub(super) fn entity_links(&self, depth: usize, entities: &[usize]) -> Vec<Link> {
        entities
            .iter()
            .map(|&e| {
                let e = &self.dossier.entities[e];
                Link {
                    href: href(depth, &format!("entities/{}.html", e.id)),
                    text: e.name.clone(),
                }
            })
            .collect()
    }

    /// The claim rows as `m::claim_item` would write them, one after the
    /// other, when the theme's macros are the default ones.
    pub(super) fn rows_html(&self, rows: &[ClaimRow<'_>]) -> Option<String> {
        self.rows_html_as(rows, html::RowStyle::default())
    }

    /// [`Site::rows_html`] in another style.
    pub(super) fn rows_html_as(
        &self,
        rows: &[ClaimRow<'_>],
        style: html::RowStyle,
    ) -> Option<String> {
        self.fast_rows.then(|| {
            let mut html = String::with_capacity(rows.len() * 600);
            for row in rows {
                html::claim_item(&mut html, row, style);
            }
            html
        })
    }

    /// A key judgment and the support of the claims it rests on.
    pub(super) fn judgment(&self, depth: usize, j: &Judgment) -> JudgmentView<'_> {
        let (origins, articles) = support_of(&j.based_on, &self.analysis.claims);
        let m = &*self.messages;
        let likelihood = j.likelihood.map(|l| m.likelihood(l));
        JudgmentView {
            text: j.text.clone(),
            likelihood: likelihood.map(|l| l.0),
            likelihood_band: likelihood.map(|l| l.1),
            confidence: j.confidence.as_str(),
            confidence_words: m.confidence(j.confidence),
            support: self.support(origins, articles).to_string(),
            claims: j
                .based_on
                .iter()
                .map(|&c| Link {
                    href: href(
                        depth,
                        &claim_page::href(&self.dossier.claims[c], &self.dossier.articles),
                    ),
                    text: self.dossier.claims[c].statement.clone(),
                })
                .collect(),
        }
    }

    /// Source `s`, linked from a page at `depth`.
    pub(super) fn source_ref(&self, depth: usize, s: usize) -> SourceRef<'_> {
        let s = &self.dossier.sources[s];
        SourceRef {
            href: href(depth, &format!("sources.html#source-{}", s.id)),
            name: s.name.clone(),
            reliability: s.reliability.letter(),
            reliability_words: self.messages.reliability(s.reliability),
            kind: self.messages.source_kind(s.kind),
        }
    }

    /// Article `a` as a row of a list on a page at `depth`.
    pub(super) fn article_row(&self, depth: usize, a: usize) -> ArticleRow {
        let art = &self.dossier.articles[a];
        ArticleRow {
            href: href(depth, &format!("articles/{}.html", art.slug)),
            title: art.title.clone(),
            language: art.language.clone(),
            published: self.date(&art.published),
            outlet: art.outlet.clone(),
            claims: self.analysis.article_claims[a].len(),
        }
    }

    /// The rows of a list of articles: as HTML written by `write` (through
    /// `slots`) when `fast`, else as rows for the template.
    pub(super) fn article_rows(
        &self,
        depth: usize,
        articles: &[usize],
        fast: bool,
        slots: &Slots,
        write: impl Fn(&mut String, &ArticleRow),
    ) -> (Vec<ArticleRow>, Option<String>) {
        if !fast {
            let rows = articles.iter().map(|&a| self.article_row(depth, a));
            return (rows.collect(), None);
        }
        let mut html = String::with_capacity(articles.len() * 250);
        for &a in articles {
            write(&mut html, &self.article_row(depth, a));
        }
        (Vec::new(), slots.put_opt(Some(html)))
    }
}

/// `value` with each run of spaces, tabs and line breaks (the lines of a
/// summary written over several, say) as one space, and none at either
/// end. No-break spaces stay (French puts one before a colon).
fn one_line(value: Cow<'_, str>) -> Cow<'_, str> {
    let breaking =
        |c: char| c.is_ascii_whitespace() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}');
    let plain = !value.starts_with(breaking)
        && !value.ends_with(breaking)
        && !value.contains("  ")
        && !value.contains(|c: char| breaking(c) && c != ' ');
    if plain {
        return value;
    }
    let words: Vec<&str> = value.split(breaking).filter(|w| !w.is_empty()).collect();
    Cow::Owned(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_over_several_lines_is_one_line() {
        assert_eq!(one_line("a\n  b\tc ".into()), "a b c");
        assert_eq!(
            one_line("Personne\u{a0}: x\ny".into()),
            "Personne\u{a0}: x y"
        );
        assert!(matches!(one_line("a b".into()), Cow::Borrowed(_)));
    }

    #[test]
    fn backlinks_are_lettered_like_wikipedia() {
        let letters: Vec<String> = [1, 2, 26, 27, 28, 52, 53].map(backlink_letter).to_vec();
        assert_eq!(letters, ["a", "b", "z", "aa", "ab", "az", "ba"]);
    }

    #[test]
    fn links_are_relative_and_name_files() {
        assert_eq!(href(0, "topics/a.html"), "topics/a.html");
        assert_eq!(href(1, "articles/b.html#q-c-1"), "../articles/b.html#q-c-1");
    }
}
