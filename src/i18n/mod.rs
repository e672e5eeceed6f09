//! The interface's language: every word the theme and the generator put
//! in pages comes from a message catalogue (Mozilla's Fluent, with CLDR
//! plural rules), and dates and numbers are written from CLDR data
//! ([`cldr`], ICU4X).
//!
//! In: the theme (its built-in catalogues and its own, [`catalogue`]) and
//! the dossier's language tag. Out: [`Messages`], which answers for a
//! message ([`Msg`], or an id from a template) in that language, or in
//! English, with a warning once per message, when the language's
//! catalogue lacks it. Every message without variables is resolved once
//! per build; one with only numbers is kept per distinct value; one with
//! only text is split once around its variables. So a page of a dossier
//! of 100,000 claims asks Fluent for nothing in the usual case.
//!
//! Machine-readable outputs use [`Messages::neutral`], built-in English
//! whatever the dossier's language.

pub mod catalogue;
pub mod cldr;
mod keys;
mod vocab;

pub use keys::Msg;

use crate::diagnostic::Diagnostic;
use crate::source::Sources;
use crate::theme::Theme;
use catalogue::Bundle;
use fluent_bundle::{FluentArgs, FluentValue};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

/// A message split around its text variables: literal text and the
/// position of the variable to put in its place.
#[derive(Debug)]
enum Piece {
    Text(String),
    Arg(usize),
}

/// A message with only numeric variables, and their values (unused ones
/// `i64::MIN`).
type Counted = (Msg, [i64; 4]);

/// The messages of one language, ready for a build.
pub struct Messages {
    /// The dossier's language tag.
    language: String,
    /// Dates and numbers.
    cldr: cldr::Cldr,
    /// The language's messages (the English ones when it has no catalogue).
    bundle: Bundle,
    /// English, for what the language's catalogue lacks.
    english: Option<Bundle>,
    /// Every [`Msg`] resolved without variables.
    texts: Vec<Box<str>>,
    /// [`Msg`] by id.
    ids: HashMap<&'static str, Msg>,
    /// Messages with only numeric variables, by message and values.
    counted: RwLock<HashMap<Counted, Arc<str>>>,
    /// Messages with only text variables, split once.
    split: Vec<OnceLock<Option<Vec<Piece>>>>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("language", &self.language)
            .finish_non_exhaustive()
    }
}

/// A value given to a message.
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// Text (escaped in an HTML message unless its name ends in `_html`).
    Text(&'a str),
    /// A number: chooses plural forms, written the language's way.
    Number(f64),
}

impl Messages {
    /// The messages of `language` for `theme`. Problems in the theme's
    /// catalogues (syntax errors, messages missing from the language's)
    /// are returned as diagnostics; the files with errors are added to
    /// `sources`.
    pub fn load(
        theme: &Theme,
        language: &str,
        sources: &mut Sources,
    ) -> (Messages, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let (english, _) = catalogue::load(theme, "en", sources, &mut diags);
        let primary = language.split(['-', '_']).next().unwrap_or("");
        let bundle = if primary.eq_ignore_ascii_case("en") {
            if language.eq_ignore_ascii_case("en") {
                None
            } else {
                let (b, _) = catalogue::load(theme, language, sources, &mut diags);
                Some(b)
            }
        } else {
            let (b, found) = catalogue::load(theme, language, sources, &mut diags);
            if found {
                Some(b)
            } else {
                diags.push(
                    Diagnostic::at_path(
                        "dossier.toml",
                        format!("no message catalogue for language `{language}`: the interface is in English"),
                    )
                    .help(format!("translate themes/default/i18n/en.ftl into themes/<theme>/i18n/{primary}.ftl (see Languages in the README)"))
                    .as_warning(),
                );
                None
            }
        };
        let (bundle, english) = match bundle {
            Some(b) => {
                missing(&b, &english, language, theme, &mut diags);
                (b, Some(english))
            }
            None => (english, None),
        };
        let mut m = Messages {
            language: language.to_string(),
            cldr: cldr::Cldr::new(language),
            bundle,
            english,
            texts: Vec::new(),
            ids: Msg::ALL.iter().map(|&k| (k.id(), k)).collect(),
            counted: RwLock::new(HashMap::new()),
            split: Msg::ALL.iter().map(|_| OnceLock::new()).collect(),
        };
        m.texts = Msg::ALL
            .iter()
            .map(|&k| m.format_id(k.id(), None).unwrap_or_default().into())
            .collect();
        (m, diags)
    }

    /// Built-in English, for the outputs that stay the same whatever the
    /// dossier's language (`claims.json`): made once.
    pub fn neutral() -> &'static Messages {
        static NEUTRAL: OnceLock<Messages> = OnceLock::new();
        NEUTRAL.get_or_init(|| {
            let (m, _) = Messages::load(&Theme::default(), "en", &mut Sources::default());
            m
        })
    }

    /// The dossier's language tag.
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Dates and numbers in the language.
    pub fn cldr(&self) -> &cldr::Cldr {
        &self.cldr
    }

    /// A number the language's way (`15 000`).
    pub fn number(&self, v: f64) -> String {
        self.cldr.number(v)
    }

    /// A message without variables.
    pub fn text(&self, m: Msg) -> &str {
        &self.texts[m as usize]
    }

    /// A message without variables, by its id: `None` when it is not one
    /// of [`Msg`] (a theme's own message).
    pub fn text_by_id(&self, id: &str) -> Option<&str> {
        self.ids.get(id).map(|&m| self.text(m))
    }

    /// Message `id` with its variables (no cache); `None` when no
    /// catalogue has it.
    pub fn format_str(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        self.format_id(id, Some(&fluent_args(args)))
    }

    /// A message whose variables are numbers (`counts`, by name), kept
    /// for each distinct set of values.
    pub fn count(&self, m: Msg, counts: &[(&str, i64)]) -> Arc<str> {
        let mut key = [i64::MIN; 4];
        for (k, (_, v)) in key.iter_mut().zip(counts) {
            *k = *v;
        }
        if counts.len() <= 4
            && let Some(s) = self
                .counted
                .read()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .get(&(m, key))
        {
            return s.clone();
        }
        let args: Vec<(&str, Arg)> = counts
            .iter()
            .map(|&(n, v)| (n, Arg::Number(v as f64)))
            .collect();
        let text: Arc<str> = self.format(m, &args).into();
        if counts.len() <= 4 {
            self.counted
                .write()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .insert((m, key), text.clone());
        }
        text
    }

    /// A message whose variables are text, appended to `out`: the message
    /// is split around them the first time, then only its pieces are
    /// joined. (A message that chooses a form by one of them is formatted
    /// each time.)
    pub fn fill_into(&self, out: &mut String, m: Msg, args: &[(&str, &str)]) {
        let pieces = self.split[m as usize].get_or_init(|| self.split_message(m, args));
        match pieces {
            Some(pieces) => {
                for p in pieces {
                    match p {
                        Piece::Text(t) => out.push_str(t),
                        Piece::Arg(i) => out.push_str(args.get(*i).map_or("", |a| a.1)),
                    }
                }
            }
            None => {
                let args: Vec<(&str, Arg)> = args.iter().map(|&(n, v)| (n, Arg::Text(v))).collect();
                out.push_str(&self.format(m, &args));
            }
        }
    }

    /// [`Messages::fill_into`], as a new string.
    pub fn fill(&self, m: Msg, args: &[(&str, &str)]) -> String {
        let mut out = String::new();
        self.fill_into(&mut out, m, args);
        out
    }

    /// `m` formatted with private-use characters standing for its
    /// variables, cut at them; `None` when a variable selects a form.
    fn split_message(&self, m: Msg, args: &[(&str, &str)]) -> Option<Vec<Piece>> {
        let (bundle, _) = self.bundle_of(m.id())?;
        let message = bundle.get_message(m.id())?;
        let (_, selectors) = catalogue::variables(message.value()?);
        if args.iter().any(|(n, _)| selectors.iter().any(|s| s == n)) || args.len() > 32 {
            return None;
        }
        let marks: Vec<String> = (0..args.len())
            .map(|i| {
                char::from_u32(0xE000 + i as u32)
                    .unwrap_or('\u{E000}')
                    .to_string()
            })
            .collect();
        let with: Vec<(&str, Arg)> = args
            .iter()
            .zip(&marks)
            .map(|(&(n, _), mark)| (n, Arg::Text(mark)))
            .collect();
        let text = self.format(m, &with);
        let mut pieces = Vec::new();
        let mut cur = String::new();
        for c in text.chars() {
            match u32::from(c) {
                v @ 0xE000..0xE020 if (v as usize - 0xE000) < args.len() => {
                    if !cur.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut cur)));
                    }
                    pieces.push(Piece::Arg(v as usize - 0xE000));
                }
                _ => cur.push(c),
            }
        }
        if !cur.is_empty() {
            pieces.push(Piece::Text(cur));
        }
        Some(pieces)
    }

    /// A message with its variables, formatted (no cache).
    pub fn format(&self, m: Msg, args: &[(&str, Arg)]) -> String {
        self.format_id(m.id(), Some(&fluent_args(args)))
            .unwrap_or_default()
    }

    /// The bundle that has message `id`: the language's, else English's.
    /// The flag says whether it is the English fallback.
    fn bundle_of(&self, id: &str) -> Option<(&Bundle, bool)> {
        if self.bundle.has_message(id) {
            return Some((&self.bundle, false));
        }
        self.english
            .as_ref()
            .filter(|e| e.has_message(id))
            .map(|e| (e, true))
    }

    /// Message `id` (of the catalogues, including a theme's own messages)
    /// formatted with `args`; `None` when no catalogue has it.
    pub fn format_id(&self, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let (bundle, _) = self.bundle_of(id)?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// An HTML message (id ending in `-html`) with its variables: text
    /// variables escaped, those whose name ends in `_html` as they are.
    pub fn html(&self, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let escaped: Vec<(&str, String)> = args
            .iter()
            .filter_map(|&(n, a)| match a {
                Arg::Text(t) if !n.ends_with("_html") => Some((n, crate::markdown::escape(t))),
                _ => None,
            })
            .collect();
        let mut fargs = fluent_args(args);
        for (n, e) in escaped {
            fargs.set(n.to_string(), FluentValue::from(e));
        }
        self.format_id(id, Some(&fargs))
    }
}

/// Fluent's arguments from ours.
fn fluent_args<'a>(args: &[(&str, Arg<'a>)]) -> FluentArgs<'a> {
    let mut out = FluentArgs::with_capacity(args.len());
    for &(n, a) in args {
        match a {
            Arg::Text(t) => out.set(n.to_string(), FluentValue::from(t)),
            Arg::Number(v) => out.set(n.to_string(), FluentValue::from(v)),
        }
    }
    out
}

/// A warning for each English message that the language's catalogues
/// lack (so that English stands in for it), at the theme's catalogue of
/// that language when it has one.
fn missing(
    bundle: &Bundle,
    english: &Bundle,
    language: &str,
    theme: &Theme,
    diags: &mut Vec<Diagnostic>,
) {
    let mut ids: Vec<String> = catalogue::ids(catalogue::builtin("en").unwrap_or(""));
    if let Some((_, bytes)) = theme.own_catalogue("en") {
        ids.extend(catalogue::ids(&String::from_utf8_lossy(bytes)));
    }
    ids.sort();
    ids.dedup();
    let place = catalogue::chain(language)
        .iter()
        .rev()
        .find_map(|t| theme.own_catalogue(t).map(|(d, _)| d))
        .unwrap_or_else(|| format!("{}/i18n/{language}.ftl", theme.dir()));
    for id in ids {
        if english.has_message(&id) && !bundle.has_message(&id) {
            diags.push(
                Diagnostic::at_path(
                    place.clone(),
                    format!(
                        "message `{id}` is missing from the `{language}` catalogue: English is used"
                    ),
                )
                .help(format!("add `{id} = …` to {place}"))
                .as_warning(),
            );
        }
    }
}

#[cfg(test)]
mod tests;
