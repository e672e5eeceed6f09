//! The view pieces every page shares, as the templates are given them:
//! links ([`href`]), dates, grades, status and support words, a claim's
//! row in a list, source and article rows, the legend, judgments, and the
//! navigation and page frame (`common`, which `base.html` reads). [`html`]
//! writes the same pieces by hand, as `base.html` and `macros.html` do, for
//! the hand-compiled pages. Takes the model and the analysis; gives small
//! serialisable values that borrow from them. Never renders a page.

use super::Site;
use super::slots::Slots;
use crate::analyse::{Status, support_of};
use crate::i18n::{Messages, Msg};
use crate::model::*;
use serde::Serialize;
use std::borrow::Cow;

pub mod html;

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
#[derive(Serialize)]
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
    pub(super) syntax: String,
    pub(super) nav: Cow<'a, [Nav]>,
    pub(super) canonical: Option<String>,
    pub(super) feed: Option<String>,
    pub(super) root: String,
    pub(super) search: String,
    pub(super) base_href: Option<String>,
    pub(super) footer: Option<&'a str>,
    /// The web app manifest, the script that registers the service worker
    /// and the site's archive (when the build makes one).
    pub(super) manifest: String,
    pub(super) offline: String,
    pub(super) download: Option<String>,
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

    /// The site navigation at `depth`, marking the page of `kind` at
    /// `path` as the current one.
    pub(super) fn nav(&self, depth: usize, kind: &str, path: &str) -> Vec<Nav> {
        let m = &*self.messages;
        let mut nav = vec![Nav {
            href: href(depth, "index.html"),
            text: m.text(Msg::NavOverview).into(),
            current: kind == "index",
        }];
        for t in &self.dossier.topics {
            let target = format!("topics/{}.html", t.id);
            nav.push(Nav {
                href: href(depth, &target),
                current: path == target,
                text: t.title.clone(),
            });
        }
        for (target, text, k) in [
            ("figures.html", Msg::NavFigures, "figures"),
            ("timeline.html", Msg::NavTimeline, "timeline"),
            ("sources.html", Msg::NavSources, "sources"),
        ] {
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
        let listed = matches!(kind, "index" | "figures" | "timeline" | "sources")
            || path.starts_with("topics/");
        let nav = match self.plain_nav.get(depth) {
            Some(nav) if !listed => Cow::Borrowed(nav.as_slice()),
            _ => Cow::Owned(self.nav(depth, kind, path)),
        };
        Common {
            site_title: &d.front.title,
            language: &self.config.language,
            title: title.into(),
            description: description.into(),
            kind,
            home: href(depth, "index.html"),
            style: href(depth, "assets/style.css"),
            syntax: href(depth, "assets/syntax.css"),
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
            download: self.archive.as_deref().map(|a| href(depth, a)),
            m: &self.messages,
        }
    }

    /// Claim `i` as a row of a list on a page at `depth`.
    pub(super) fn claim_row(&self, depth: usize, i: usize) -> ClaimRow<'_> {
        let c = &self.dossier.claims[i];
        let f = &self.analysis.claims[i];
        let origin = &self.dossier.sources[c.origin];
        ClaimRow {
            id: &c.id,
            href: href(depth, &["claims/", &c.id, ".html"].concat()),
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
        }
    }

    /// The claim rows as `m::claim_item` would write them, one after the
    /// other, when the theme's macros are the default ones.
    pub(super) fn rows_html(&self, rows: &[ClaimRow<'_>]) -> Option<String> {
        self.fast_rows.then(|| {
            let mut html = String::with_capacity(rows.len() * 600);
            for row in rows {
                html::claim_item(&mut html, row);
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
                    href: href(depth, &format!("claims/{}.html", self.dossier.claims[c].id)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_and_name_files() {
        assert_eq!(href(0, "topics/a.html"), "topics/a.html");
        assert_eq!(href(1, "articles/b.html#q-c-1"), "../articles/b.html#q-c-1");
    }
}
