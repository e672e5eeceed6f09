//! `dossier import`: a web page (a saved `.html` file or an http(s) URL)
//! → `content/articles/<slug>.md`.
//!
//! In: the page's bytes ([`fetch`] for a URL, the file otherwise), decoded
//! ([`charset`]), recognised as HTML ([`sniff`]) and parsed once (after
//! [`nesting`] has cut hostile nesting). Out:
//! one new article whose front matter comes from the page's metadata
//! ([`metadata`], [`jsonld`], [`dates`]) and whose body is the story's text
//! as Markdown (page chrome removed by [`clean`], the story found by
//! [`extract`], written by [`to_markdown`]), under a slug from the title
//! ([`slug`]), written by [`mod@write`]; and an [`Imported`] report of what the
//! page did not say. [`convert`] does all but the reading and the writing,
//! in memory. Nothing is written unless every stage succeeded, and nothing
//! but that one file; the rest of the dossier is never read but
//! `dossier.toml` (for its language).

pub mod charset;
pub mod clean;
pub mod dates;
pub mod extract;
pub mod fetch;
pub mod jsonld;
pub mod metadata;
pub mod nesting;
pub mod slug;
pub mod sniff;
pub mod to_markdown;
pub mod write;

use crate::load::is_language_tag;
use crate::model::is_id;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Largest page read, from a file or a URL (32 MiB). A news page is rarely
/// over 2 MiB; one saved with its images inlined can be much more.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// What `dossier import` was asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    /// A saved page (path) or an `http://` / `https://` URL.
    pub source: OsString,
    /// Slug to write under, instead of one made from the title.
    pub slug: Option<String>,
    /// Language of the article, instead of the page's.
    pub language: Option<String>,
    /// Overwrite an article of the same slug.
    pub force: bool,
    /// The dossier folder.
    pub root: PathBuf,
    /// How long a URL may take, connection and body together.
    pub timeout: Duration,
}

/// Why an import failed. Every variant names the file or URL at fault.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {name}: {source}")]
    Read {
        /// The file, as given.
        name: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The page is over [`MAX_BYTES`].
    #[error("{name} is larger than the {} MiB limit", MAX_BYTES / 1024 / 1024)]
    TooLarge {
        /// The file or URL.
        name: String,
    },
    /// The page has no bytes (or only white space).
    #[error("{name} is empty")]
    Empty {
        /// The file or URL.
        name: String,
    },
    /// The bytes are not an HTML page.
    #[error("{name} is not an HTML page: {why}")]
    NotHtml {
        /// The file or URL.
        name: String,
        /// What it is instead.
        why: sniff::NotHtml,
    },
    /// The server said the body is not HTML.
    #[error("{name} is not an HTML page: the server sent it as `{content_type}`")]
    ContentType {
        /// The URL.
        name: String,
        /// The Content-Type header.
        content_type: String,
    },
    /// The URL could not be fetched.
    #[error("cannot fetch {name}: {why}")]
    Fetch {
        /// The URL.
        name: String,
        /// What went wrong, in one line.
        why: String,
    },
    /// The page is HTML but holds no text.
    #[error("{name} has no text to import")]
    NoText {
        /// The file or URL.
        name: String,
    },
    /// `--slug` is not an id.
    #[error(
        "--slug `{slug}` is not a valid slug: use a-z, 0-9 and hyphens, starting with a letter or digit (e.g. `{suggestion}`)"
    )]
    BadSlug {
        /// As given.
        slug: String,
        /// A valid one made from it.
        suggestion: String,
    },
    /// `--language` is not a BCP 47 tag.
    #[error("--language `{0}` is not a BCP 47 language tag (e.g. `fr`, `en`, `pt-BR`)")]
    BadLanguage(String),
    /// ROOT holds no `dossier.toml`, or one that is not TOML.
    #[error("{path}: {why}")]
    Dossier {
        /// `ROOT/dossier.toml`.
        path: String,
        /// What is wrong.
        why: String,
    },
    /// The article exists and `--force` was not given.
    #[error(
        "{path} already exists: pass --force to overwrite it, or --slug to choose another name"
    )]
    Exists {
        /// The article file.
        path: String,
    },
    /// The article could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The article file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
}

/// Where a front matter value came from, or why it is a stand-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Read from the page, at this place (`og:title`, `<html lang>`, …).
    Page(&'static str),
    /// Given on the command line.
    Option,
    /// Not in the page: a stand-in, written with a comment to check it.
    StandIn(&'static str),
}

/// One front matter field as written, with its origin.
#[derive(Debug, Clone)]
pub struct Field {
    /// Field name.
    pub name: &'static str,
    /// Value written (`None`: left out).
    pub value: Option<String>,
    /// Where it came from (`None` when left out).
    pub origin: Option<Origin>,
}

/// What an import wrote and what the page did not say.
#[derive(Debug)]
pub struct Imported {
    /// The article written (under ROOT, as given).
    pub path: PathBuf,
    /// The page, as given (file name or URL).
    pub source: String,
    /// Front matter fields, in the order written.
    pub fields: Vec<Field>,
    /// Blocks of text (paragraphs, headings, list items…) in the body.
    pub blocks: usize,
    /// Words in the body.
    pub words: usize,
    /// Things worth knowing that are not missing fields (an encoding
    /// error, an ignored language tag…).
    pub warnings: Vec<String>,
}

/// Runs `dossier import`, prints its report or its error on `out`, and
/// returns the exit status (0, or 1 for any failure).
pub fn run(opts: &Options, out: &mut dyn std::io::Write) -> i32 {
    match import(opts) {
        Ok(imported) => {
            let _ = write!(out, "{}", report(&imported));
            0
        }
        Err(e) => {
            let _ = writeln!(out, "error: {e}");
            1
        }
    }
}

/// A page read from its source.
#[derive(Debug, Clone)]
pub struct Page {
    /// The file or URL, as given (for messages).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The Content-Type the server sent, if fetched.
    pub content_type: Option<String>,
    /// The address it came from (after redirects), if fetched.
    pub url: Option<String>,
}

/// A page made into an article, not yet written.
#[derive(Debug)]
pub struct Converted {
    /// Front matter fields, in the order written.
    pub fields: Vec<Field>,
    /// The Markdown body.
    pub body: String,
    /// See [`Imported::warnings`].
    pub warnings: Vec<String>,
}

impl Converted {
    /// The article file's text.
    pub fn text(&self) -> String {
        write::render(&self.fields, &self.body)
    }
}

/// Imports the page `opts.source` into the dossier at `opts.root`.
pub fn import(opts: &Options) -> Result<Imported, ImportError> {
    if let Some(slug) = &opts.slug
        && !is_id(slug)
    {
        return Err(ImportError::BadSlug {
            slug: slug.clone(),
            suggestion: crate::load::slugify(slug),
        });
    }
    if let Some(lang) = &opts.language
        && !is_language_tag(lang)
    {
        return Err(ImportError::BadLanguage(lang.clone()));
    }
    let dossier_language = dossier_language(&opts.root)?;
    let page = read_page(opts)?;
    let source = page.name.clone();
    let converted = convert(page, opts.language.as_deref(), &dossier_language)?;
    let slug = match &opts.slug {
        Some(s) => s.clone(),
        None => slug::from_title(converted.fields[0].value.as_deref().unwrap_or("")),
    };
    let path = write::write(
        &opts.root,
        &slug,
        opts.slug.is_some(),
        opts.force,
        &converted.text(),
    )?;
    Ok(Imported {
        path: write::shown(&opts.root, &path),
        source,
        blocks: to_markdown::blocks(&converted.body),
        words: word_count(&converted.body),
        fields: converted.fields,
        warnings: converted.warnings,
    })
}

/// Makes `page` an article, in memory: decode, check it is HTML, parse,
/// read the metadata, clean, extract, write Markdown, fill the front
/// matter (`language` given, else the page's, else `dossier_language`).
pub fn convert(
    page: Page,
    language: Option<&str>,
    dossier_language: &str,
) -> Result<Converted, ImportError> {
    let decoded = charset::decode(&page.bytes, page.content_type.as_deref());
    sniff::check(&page.bytes, &decoded.text).map_err(|why| match why {
        sniff::NotHtml::Empty => ImportError::Empty {
            name: page.name.clone(),
        },
        why => ImportError::NotHtml {
            name: page.name.clone(),
            why,
        },
    })?;
    let mut warnings = Vec::new();
    if decoded.malformed {
        warnings.push(format!(
            "some bytes are not valid {} (the page's encoding, {}); they are shown as �",
            decoded.encoding.name(),
            decoded.declared_by
        ));
    }
    drop(page.bytes);
    let lap = Lap::new();
    let doc = dom_query::Document::from(nesting::limit(&decoded.text).as_ref());
    drop(decoded.text);
    lap.lap("parse");
    let meta = metadata::read(&doc, page.url.as_deref());
    warnings.extend(meta.ignored.iter().cloned());
    let base = meta.url.as_ref().map(|f| f.value.clone());
    lap.lap("metadata");
    clean::clean(&doc, base.is_some());
    lap.lap("clean");
    let html = extract::extract(doc, base.as_deref());
    lap.lap("extract");
    let title = meta.title.as_ref().map_or("", |t| t.value.as_str());
    let story = to_markdown::to_markdown(&html, title);
    lap.lap("markdown");
    if !to_markdown::has_text(&story.text) {
        return Err(ImportError::NoText { name: page.name });
    }
    Ok(Converted {
        fields: fields(language, meta, dossier_language, first_words(&story.text)),
        body: story.markdown,
        warnings,
    })
}

/// The language of the dossier (`language` in `ROOT/dossier.toml`, `en` if
/// not set). Only that key is read, so that an import does not depend on
/// the rest of the file being valid.
fn dossier_language(root: &Path) -> Result<String, ImportError> {
    let path = root.join("dossier.toml");
    let err = |why: String| ImportError::Dossier {
        path: path.display().to_string(),
        why,
    };
    let text = std::fs::read_to_string(&path).map_err(|e| {
        err(if e.kind() == std::io::ErrorKind::NotFound {
            "no such file: pass the dossier's folder with --root, or create one with `dossier init`"
                .into()
        } else {
            e.to_string()
        })
    })?;
    let table: toml::Table = toml::from_str(&text).map_err(|e| {
        err(format!(
            "not valid TOML ({}): run `dossier check`",
            e.message()
        ))
    })?;
    Ok(match table.get("language").and_then(|v| v.as_str()) {
        Some(lang) => lang.trim().to_string(),
        None => crate::config::Config::fallback().language,
    })
}

fn read_page(opts: &Options) -> Result<Page, ImportError> {
    if let Some(url) = opts.source.to_str().filter(|s| fetch::is_url(s)) {
        let fetched = fetch::fetch(url, opts.timeout, MAX_BYTES)?;
        return Ok(Page {
            name: url.to_string(),
            bytes: fetched.bytes,
            content_type: fetched.content_type,
            url: Some(fetched.url),
        });
    }
    let path = Path::new(&opts.source);
    let name = path.display().to_string();
    Ok(Page {
        bytes: fetch::read_file(path, &name, MAX_BYTES)?,
        name,
        content_type: None,
        url: None,
    })
}

/// The front matter: the page's metadata, the options, and the stand-ins
/// the dossier needs (`published`, `language`) where the page is silent.
fn fields(
    option: Option<&str>,
    meta: metadata::Metadata,
    dossier_language: &str,
    first_words: String,
) -> Vec<Field> {
    let page = |name: &'static str, found: Option<metadata::Found<String>>| Field {
        name,
        origin: found.as_ref().map(|f| Origin::Page(f.from)),
        value: found.map(|f| f.value),
    };
    let published = match meta.published {
        Some(found) => Field {
            name: "published",
            value: Some(found.value.iso()),
            origin: Some(Origin::Page(found.from)),
        },
        None => Field {
            name: "published",
            value: Some(dates::today().iso()),
            origin: Some(Origin::StandIn("today's date")),
        },
    };
    let language = match (option, meta.language) {
        (Some(lang), _) => Field {
            name: "language",
            value: Some(lang.to_string()),
            origin: Some(Origin::Option),
        },
        (None, Some(found)) => page("language", Some(found)),
        (None, None) => Field {
            name: "language",
            value: Some(dossier_language.to_string()),
            origin: Some(Origin::StandIn("the dossier's language")),
        },
    };
    let title = match meta.title {
        Some(found) => page("title", Some(found)),
        None => Field {
            name: "title",
            value: Some(first_words),
            origin: Some(Origin::StandIn("the first words of the text")),
        },
    };
    vec![
        title,
        published,
        language,
        page("outlet", meta.outlet),
        page("author", meta.author),
        page("url", meta.url),
    ]
}

/// The report printed after an import: what was written, where each value
/// came from, and what the author must fill in or check.
pub fn report(imported: &Imported) -> String {
    let mut out = format!(
        "Imported {} into {}: {} block{} of text, {} word{}.\n",
        imported.source,
        imported.path.display(),
        imported.blocks,
        if imported.blocks == 1 { "" } else { "s" },
        imported.words,
        if imported.words == 1 { "" } else { "s" },
    );
    let mut missing = String::new();
    for field in &imported.fields {
        let value = field.value.as_deref().unwrap_or("");
        match &field.origin {
            Some(Origin::Page(from)) => {
                out += &format!(
                    "  {:<10} {value}  (from {from})\n",
                    format!("{}:", field.name)
                );
            }
            Some(Origin::Option) => {
                out += &format!(
                    "  {:<10} {value}  (from --{})\n",
                    format!("{}:", field.name),
                    field.name
                );
            }
            Some(Origin::StandIn(what)) => {
                missing += &format!(
                    "  {:<10} written as `{value}`, {what}: check it (the line is marked in the file)\n",
                    format!("{}:", field.name)
                );
            }
            None => missing += &format!("  {:<10} left out\n", format!("{}:", field.name)),
        }
    }
    if !missing.is_empty() {
        out += "Not found in the page; fill in or check:\n";
        out += &missing;
    }
    for warning in &imported.warnings {
        out += &format!("warning: {warning}\n");
    }
    out
}

/// How many words `text` has, as the report says: words between spaces,
/// and in Chinese and Japanese (written without spaces) each character a
/// word, as their word counts go.
fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| {
            let cjk = w.chars().filter(|&c| crate::fold::is_cjk(c)).count();
            let other = w
                .chars()
                .any(|c| c.is_alphanumeric() && !crate::fold::is_cjk(c));
            cjk + usize::from(other)
        })
        .sum()
}

/// The first words (at most ten) of a text, for a page that has no title.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().take(10).collect();
    let words = metadata::clean_value(&words.join(" "));
    if words.is_empty() {
        "Untitled page".into()
    } else {
        words
    }
}

/// Stage timings on stderr when `DOSSIER_TIMINGS` is set, as `build` has.
struct Lap(Option<std::cell::Cell<std::time::Instant>>);

impl Lap {
    fn new() -> Self {
        Lap(std::env::var_os("DOSSIER_TIMINGS")
            .map(|_| std::cell::Cell::new(std::time::Instant::now())))
    }
    fn lap(&self, stage: &str) {
        if let Some(t) = &self.0 {
            eprintln!(
                "timing: {stage:<8} {:>8.1} ms",
                t.get().elapsed().as_secs_f64() * 1000.0
            );
            t.set(std::time::Instant::now());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::word_count;

    #[test]
    fn words_are_counted_between_spaces_and_by_character_in_chinese_and_japanese() {
        assert_eq!(word_count("The Vernay plant — admitted it."), 5);
        assert_eq!(word_count("霧島市で土砂崩れ相次ぐ"), 11);
        // 約 人 が 孤 立 and ４００; 九 州 and JR.
        assert_eq!(word_count("約４００人が孤立 JR九州"), 6 + 3);
        assert_eq!(word_count(""), 0);
    }
}
