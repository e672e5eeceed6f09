//! The validated dossier: the single input of analysis and rendering.
//! Cross-references are indices into the `Dossier` vectors, resolved once by
//! validation, so later stages never look anything up by name or fail.

use crate::source::FileId;
use std::fmt;

/// The longest id or slug, in characters: ids name files
/// (`articles/<slug>.html`, `topics/<id>/page-2.html`), and a file name
/// of more than 255 bytes cannot be written on most file systems.
pub const MAX_ID_LEN: usize = 200;

/// The rule of [`is_id`] as a regular expression, for the JSON Schemas of
/// the content files (the tests of `load::schema` check that both agree).
pub const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]{0,199}$";

/// Whether `s` is a valid slug or id: `^[a-z0-9][a-z0-9-]*$`, at most
/// [`MAX_ID_LEN`] characters.
pub fn is_id(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_ID_LEN
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

/// A date with the precision it was given: `2025`, `2025-06` or `2025-06-17`.
/// Orders by year, then month, then day, a missing part first, so
/// `2025-06` sorts before `2025-06-17`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year.
    pub year: u16,
    /// Month 1–12, if given.
    pub month: Option<u8>,
    /// Day of month, if given.
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// What [`PartialDate::parse`] accepts (without surrounding white
    /// space), as a regular expression: `YYYY`, `YYYY-MM` with a month 01–12,
    /// or `YYYY-MM-DD` with a day the month has (29 February in leap years
    /// only). For the JSON Schemas of the content files; the tests of
    /// `load::schema` check that both agree on every date of two centuries.
    pub const PATTERN: &str = concat!(
        "^[0-9]{4}(-(0[1-9]|1[0-2]))?$",
        "|^[0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])",
        "|(0[469]|11)-(0[1-9]|[12][0-9]|30)",
        "|02-(0[1-9]|1[0-9]|2[0-8]))$",
        "|^([0-9]{2}(0[48]|[2468][048]|[13579][26])|([02468][048]|[13579][26])00)-02-29$",
    );

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(s: &str) -> Result<Self, String> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize, what: &str| -> Result<u16, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u16>().map_err(|_| format!("bad {what}"))
            } else {
                Err(format!("the {what} must have {len} digits"))
            }
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err("expected YYYY, YYYY-MM or YYYY-MM-DD".into());
        }
        let year = num(parts[0], 4, "year")?;
        let month = match parts.get(1) {
            Some(m) => {
                let m = num(m, 2, "month")?;
                if !(1..=12).contains(&m) {
                    return Err(format!("there is no month {m}"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match parts.get(2) {
            Some(d) => {
                let d = num(d, 2, "day")?;
                let max = days_in_month(year, month.unwrap_or(1));
                if d == 0 || d > u16::from(max) {
                    return Err(format!(
                        "{} {year} has {max} days",
                        MONTHS[usize::from(month.unwrap_or(1)) - 1]
                    ));
                }
                Some(d as u8)
            }
            None => None,
        };
        Ok(PartialDate { year, month, day })
    }

    /// ISO form with the precision kept (`2025-06`), for `datetime=`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// A closed vocabulary (declared with `vocabulary!`): its spellings, which
/// the JSON Schemas of the content files offer as completions.
pub trait Vocabulary {
    /// Every spelling, in order.
    const ALL: &'static [&'static str];
}

/// Declares a closed vocabulary parsed from its kebab-case spelling.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $($(#[$vdoc])* $variant),+ }
        impl $name {
            /// Every spelling, in order.
            pub const ALL: &'static [&'static str] = &[$($text),+];
            /// Parses the written form.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some(Self::$variant),)+ _ => None }
            }
            /// The written form.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }
        impl Vocabulary for $name {
            const ALL: &'static [&'static str] = &[$($text),+];
        }
    };
}

vocabulary!(
    /// ICD 203 likelihood words.
    Likelihood {
        /// 1–5 %
        AlmostNoChance = "almost-no-chance",
        /// 5–20 %
        VeryUnlikely = "very-unlikely",
        /// 20–45 %
        Unlikely = "unlikely",
        /// 45–55 %
        RoughlyEvenChance = "roughly-even-chance",
        /// 55–80 %
        Likely = "likely",
        /// 80–95 %
        VeryLikely = "very-likely",
        /// 95–99 %
        AlmostCertain = "almost-certain",
    }
);

vocabulary!(
    /// Analytic confidence.
    Confidence { Low = "low", Moderate = "moderate", High = "high" }
);

vocabulary!(
    /// Kind of originating source.
    SourceKind {
        Government = "government",
        Intelligence = "intelligence",
        StateMedia = "state-media",
        Media = "media",
        Ngo = "ngo",
        Other = "other",
    }
);

vocabulary!(
    /// Kind of entity.
    EntityKind { Person = "person", Organisation = "organisation", Place = "place", Other = "other" }
);

vocabulary!(
    /// How a figure's number is bounded.
    Precision { Exact = "exact", Approx = "approx", AtLeast = "at-least", AtMost = "at-most", Range = "range" }
);

vocabulary!(
    /// What a figure counts.
    FigureStatus { Reported = "reported", Announced = "announced", Planned = "planned", Estimated = "estimated" }
);

/// Admiralty source reliability `A`–`F`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reliability(pub u8);

impl Reliability {
    /// Every grade, best first.
    pub const ALL: &'static [&'static str] = &["A", "B", "C", "D", "E", "F"];

    /// Parses `A`–`F`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.contains(&s).then(|| Reliability(s.as_bytes()[0]))
    }
    /// The letter.
    pub fn letter(self) -> char {
        char::from(self.0)
    }
}

/// Admiralty information credibility `1`–`6`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Credibility(pub u8);

impl Credibility {
    /// Every grade, best first.
    pub const ALL: std::ops::RangeInclusive<u8> = 1..=6;
}

/// A key judgment (ICD 203).
#[derive(Debug, Clone)]
pub struct Judgment {
    /// The judgment, in the dossier's language.
    pub text: String,
    /// Likelihood words, if given.
    pub likelihood: Option<Likelihood>,
    /// Analytic confidence.
    pub confidence: Confidence,
    /// Claims it rests on.
    pub based_on: Vec<usize>,
}

/// Markdown an analyst wrote (an overview, a note), rendered for the page
/// it is shown on: citations (`[@claim-id]`) are numbered markers that
/// link to the claims, typed links (`claim:id`) name files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prose {
    /// The HTML, its links relative to the page.
    pub html: String,
    /// The claims cited, in the order of their numbers (first citation
    /// first): each claim index with the number of places citing it.
    /// Marker `k` (from 1) of reference `n` has the id `cite-n-k`.
    pub cited: Vec<(usize, usize)>,
}

/// `_index.md`.
#[derive(Debug, Clone, Default)]
pub struct FrontPage {
    /// Dossier title.
    pub title: String,
    /// One-paragraph summary (Markdown), its citations left out (for the
    /// page's description).
    pub summary: Option<String>,
    /// The summary, rendered without its paragraph; its citations are
    /// numbered first among the body's.
    pub summary_html: Option<String>,
    /// Top judgments.
    pub judgments: Vec<Judgment>,
    /// Body, rendered; `cited` holds the summary's citations too.
    pub body: Prose,
}

/// A topic.
#[derive(Debug, Clone)]
pub struct Topic {
    /// Id (file stem).
    pub id: String,
    /// Title.
    pub title: String,
    /// Sort key.
    pub order: i64,
    /// One line.
    pub summary: Option<String>,
    /// Key judgments.
    pub judgments: Vec<Judgment>,
    /// Overview, rendered.
    pub overview: Prose,
}

/// An originating source.
#[derive(Debug, Clone)]
pub struct Source {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: SourceKind,
    /// Country code.
    pub country: Option<String>,
    /// Reliability (F when not given).
    pub reliability: Reliability,
    /// Justification.
    pub note: Option<String>,
}

/// A measurable quantity.
#[derive(Debug, Clone)]
pub struct Metric {
    /// Id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Unit (`people`).
    pub unit: String,
    /// Topic index.
    pub topic: usize,
}

/// A number a claim gives for a metric.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Metric index.
    pub metric: usize,
    /// Lower bound (equal to `high` for an exact value).
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// The single value given, if any.
    pub value: Option<f64>,
    /// Precision.
    pub precision: Precision,
    /// Status.
    pub status: FigureStatus,
    /// Date the number refers to.
    pub as_of: Option<PartialDate>,
}

/// One quote backing a claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// Article index.
    pub article: usize,
    /// Quote as written.
    pub quote: String,
    /// Text just before, to single out an occurrence.
    pub prefix: Option<String>,
    /// Text just after.
    pub suffix: Option<String>,
    /// Translation into the dossier's language.
    pub translation: Option<String>,
    /// The language of the translation when it is not the dossier's
    /// (`translation_language`), for its `lang` attribute.
    pub translation_language: Option<String>,
    /// Where the quote is in the claim file (for quote errors).
    pub at: (FileId, crate::source::Place),
    /// 1-based position of this entry in the claim's evidence list.
    pub number: usize,
    /// Anchor id of the highlighted passage in the article page.
    pub anchor: String,
}

/// A claim annotation.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// Id.
    pub id: String,
    /// Statement (plain text).
    pub statement: String,
    /// Topic indices.
    pub topics: Vec<usize>,
    /// Originating source index.
    pub origin: usize,
    /// Relaying sources.
    pub via: Vec<usize>,
    /// Date of the event.
    pub date: Option<PartialDate>,
    /// Credibility (6 when not given).
    pub credibility: Credibility,
    /// Whether credibility was given.
    pub credibility_given: bool,
    /// Figures.
    pub figures: Vec<Figure>,
    /// Evidence quotes.
    pub evidence: Vec<Evidence>,
    /// Claims this one corroborates.
    pub corroborates: Vec<usize>,
    /// Claims this one contradicts.
    pub contradicts: Vec<usize>,
    /// Entities the claim names explicitly (`entities:`), in index order;
    /// those its text mentions are found by analysis.
    pub entities: Vec<usize>,
    /// Analyst note, rendered.
    pub note: Option<Prose>,
    /// Where the claim is defined.
    pub at: (FileId, crate::source::Place),
}

/// A source article.
#[derive(Debug, Clone)]
pub struct Article {
    /// Slug (file stem).
    pub slug: String,
    /// Title in the original language.
    pub title: String,
    /// Publication date.
    pub published: PartialDate,
    /// BCP 47 tag.
    pub language: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Original URL.
    pub url: Option<String>,
    /// Outlet reliability.
    pub reliability: Option<Reliability>,
    /// Summary in the dossier's language, rendered.
    pub summary_html: Option<String>,
    /// The language of the summary when it is not the dossier's
    /// (`summary_language`), for its `lang` attribute.
    pub summary_language: Option<String>,
    /// File.
    pub file: FileId,
    /// Byte offset of the Markdown body in the file.
    pub body_start: usize,
}

/// A person, organisation or place the dossier's texts name, under any
/// of its aliases.
#[derive(Debug, Clone)]
pub struct Entity {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: EntityKind,
    /// Other spellings, as written (the name left out), in file order.
    pub aliases: Vec<String>,
    /// Description, rendered.
    pub description: Option<Prose>,
    /// Wikidata item (`Q123`).
    pub wikidata: Option<String>,
}

/// The whole validated dossier.
#[derive(Clone, Debug, Default)]
pub struct Dossier {
    /// Front page.
    pub front: FrontPage,
    /// Articles, sorted by slug.
    pub articles: Vec<Article>,
    /// Topics, sorted by order then id.
    pub topics: Vec<Topic>,
    /// Sources, sorted by id.
    pub sources: Vec<Source>,
    /// Metrics, in file order.
    pub metrics: Vec<Metric>,
    /// Claims, sorted by id. Shared: `serve` keeps each claim as checked
    /// and takes it again, without a copy, when nothing its check reads
    /// changed (`load/claims/kept.rs`).
    pub claims: Vec<std::sync::Arc<Claim>>,
    /// Entities, sorted by name (case and accents folded), then id.
    pub entities: Vec<Entity>,
    /// Finds the entities a text mentions (when there are entities).
    pub mentions: Option<crate::mention::Matcher>,
}

impl Dossier {
    /// The analyst's texts but the claims' notes: the front page's, each
    /// topic's overview and each entity's description (texts that may
    /// cite claims).
    pub fn texts(&self) -> impl Iterator<Item = &Prose> {
        std::iter::once(&self.front.body)
            .chain(self.topics.iter().map(|t| &t.overview))
            .chain(self.entities.iter().filter_map(|e| e.description.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_id("a-1"));
        assert!(is_id("2025-x"));
        assert!(!is_id("-a"));
        assert!(!is_id("Bad_Name"));
        assert!(!is_id(""));
    }

    #[test]
    fn partial_dates_keep_precision_and_order() {
        let m = PartialDate::parse("2025-06").unwrap();
        let d = PartialDate::parse("2025-06-17").unwrap();
        let y = PartialDate::parse("2025").unwrap();
        assert!(y < m && m < d);
        assert_eq!(m.iso(), "2025-06");
        assert!(PartialDate::parse("2025-13-40").is_err());
        assert!(PartialDate::parse("2025-02-29").is_err());
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("25-06").is_err());
        assert!(PartialDate::parse("2025-6").is_err());
    }
}
