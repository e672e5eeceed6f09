//! Field parsers shared by every kind of content file: any scalar read as
//! text, where a problem is reported ([`At`]), and the checks of dates,
//! words of a fixed vocabulary, reliability grades, required text and
//! language tags. Each reports its problem as a diagnostic and returns
//! what it could read.

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::model::{PartialDate, Reliability};
use crate::source::{FileId, Span};
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::fmt;

/// Any YAML scalar read as text (so `title: 1984` or `id: 2025` work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar(pub String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Scalar {
    /// The text without surrounding white space.
    pub fn trimmed(&self) -> &str {
        self.0.trim()
    }
}

/// Where a problem is reported: a span, or a closure that finds it, so that
/// the spans of a claims file are looked up only when a diagnostic needs
/// one (a valid file is then parsed once, not twice).
pub trait At {
    /// The span.
    fn span(self) -> Span;
}

impl At for Span {
    fn span(self) -> Span {
        self
    }
}

impl<F: FnOnce() -> Span> At for F {
    fn span(self) -> Span {
        self()
    }
}

/// A date field: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_date(
    s: &Scalar,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> Option<PartialDate> {
    match PartialDate::parse(s.trimmed()) {
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    file,
                    span.span(),
                    format!("invalid date `{}`: {why}", s.trimmed()),
                )
                .label("not a date")
                .help("write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2025-06 or 2025-06-17"),
            );
            None
        }
    }
}

/// A field whose value is one word of a fixed list (`all`), read by `parse`.
pub fn parse_vocab<T>(
    s: &str,
    parse: fn(&str) -> Option<T>,
    all: &[&str],
    what: &str,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> Option<T> {
    let v = parse(s.trim());
    if v.is_none() {
        let mut d = Diagnostic::error(file, span.span(), format!("invalid {what} `{}`", s.trim()))
            .label(format!("not a {what}"));
        d = match suggest(s.trim(), all.iter().copied()) {
            Some(x) => d.help(format!("did you mean `{x}`? ({})", all.join(", "))),
            None => d.help(format!("expected one of: {}", all.join(", "))),
        };
        diags.push(d);
    }
    v
}

/// An Admiralty reliability grade, A to F.
pub fn parse_reliability(
    s: &Scalar,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> Option<Reliability> {
    let r = Reliability::parse(s.trimmed());
    if r.is_none() {
        diags.push(
            Diagnostic::error(file, span.span(), format!("invalid reliability `{}`", s.trimmed()))
                .label("not an Admiralty reliability grade")
                .help("use a letter A–F: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable, F cannot be judged"),
        );
    }
    r
}

/// A text field that must not be empty (reported if it is; the text is
/// returned either way).
pub fn non_empty(
    s: &Scalar,
    what: &str,
    file: FileId,
    span: impl At,
    diags: &mut Diagnostics,
) -> String {
    let t = s.trimmed();
    if t.is_empty() {
        diags.push(
            Diagnostic::error(file, span.span(), format!("{what} is empty"))
                .label("empty")
                .help(format!("write the {what}")),
        );
    } else if let Some(c) = t.chars().find(|&c| is_unshowable(c)) {
        diags.push(
            Diagnostic::error(
                file,
                span.span(),
                format!(
                    "{what} holds a control character (U+{:04X}), which a page cannot show",
                    u32::from(c)
                ),
            )
            .label("in this text")
            .help("remove it: in a double-quoted YAML string, escapes such as `\\e`, `\\0` and `\\a` write control characters"),
        );
    }
    t.to_string()
}

/// A control character HTML does not allow in a page (tab and line
/// breaks are white space).
fn is_unshowable(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The rule of [`is_language_tag`] as a regular expression, for the JSON
/// Schemas of the content files (the tests of `load::schema` check that both agree).
pub const LANGUAGE_PATTERN: &str = "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$";

/// A loose BCP 47 check: `fr`, `pt-BR`, `zh-Hant-TW`.
pub fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=8).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}
