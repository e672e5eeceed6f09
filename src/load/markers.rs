//! The schemas of single fields, for the raw structs' `#[schemars(with =
//! "markers::Date")]`: marker types that narrow what serde reads as any
//! scalar to what the loader accepts, each built from the constant or
//! rule its check uses (see the `schema` module, which assembles the
//! schemas of whole files from the raw structs).

use super::fields::{LANGUAGE_PATTERN, Scalar};
use crate::model::{Credibility, ID_PATTERN, PartialDate, Reliability, Vocabulary};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use std::borrow::Cow;
use std::marker::PhantomData;

/// A Wikidata item id, `Q` and a number without leading zero, as
/// `entities::is_wikidata_item` checks it.
pub const WIKIDATA_PATTERN: &str = "^Q[1-9][0-9]*$";

macro_rules! marker {
    ($(#[$doc:meta])* $name:ident => $schema:expr) => {
        $(#[$doc])*
        pub struct $name;
        impl JsonSchema for $name {
            fn inline_schema() -> bool {
                true
            }
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                $schema
            }
        }
    };
}

/// The characters `char::is_whitespace` (and so `str::trim`) takes for
/// white space, as the inside of a regular-expression class.
const WHITE_SPACE: &str =
    r"\u0009-\u000d\u0020\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000";

/// The characters quote normalisation drops (zero-width ones, the soft
/// hyphen), as the inside of a regular-expression class.
const DROPPED: &str = r"\u00ad\u200b-\u200d\u2060\ufeff";

/// Text that is not only white space: a character outside the class.
pub fn not_blank() -> String {
    format!("[^{WHITE_SPACE}]")
}

/// A quote that normalisation leaves with something to look for.
pub fn quotable() -> String {
    format!("[^{WHITE_SPACE}{DROPPED}]")
}

/// An absolute http(s) URL without white space.
pub fn http_url() -> String {
    format!("^https?://[^{WHITE_SPACE}]*$")
}

/// Any scalar, read as text (`title: 1984` is the text `1984`).
impl JsonSchema for Scalar {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

marker!(
    /// Text that must not be empty (a title, a statement, a name).
    Words => json_schema!({
        "type": ["string", "number", "boolean"],
        "pattern": not_blank(),
        "patternErrorMessage": "must not be empty",
    })
);

marker!(
    /// The words of a quote: empty once normalised, there is nothing to find.
    Quote => json_schema!({
        "type": ["string", "number", "boolean"],
        "pattern": quotable(),
        "patternErrorMessage": "empty quote: copy the exact words of the article",
    })
);

marker!(
    /// An id, or a reference to one: `^[a-z0-9][a-z0-9-]*$`.
    Id => json_schema!({
        "type": ["string", "integer"],
        "pattern": ID_PATTERN,
        "minimum": 0,
        "patternErrorMessage": "ids use a-z, 0-9 and hyphens, starting with a letter or digit, at most 200 characters",
    })
);

marker!(
    /// A date that keeps its precision: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date => json_schema!({
        "type": ["string", "integer"],
        "pattern": PartialDate::PATTERN,
        "minimum": 1000,
        "maximum": 9999,
        "patternErrorMessage": "write YYYY, YYYY-MM or YYYY-MM-DD (a month 01-12, a day the month has), e.g. 2025-06 or 2025-06-17",
    })
);

marker!(
    /// A BCP 47 language tag: `fr`, `pt-BR`.
    Language => json_schema!({
        "type": "string",
        "pattern": LANGUAGE_PATTERN,
        "patternErrorMessage": "use a BCP 47 tag such as `fr`, `en`, `uk`, `pt-BR`",
    })
);

marker!(
    /// The address of a page: an absolute http(s) URL.
    HttpUrl => json_schema!({
        "type": "string",
        "pattern": http_url(),
        "patternErrorMessage": "must be an absolute http(s) URL, e.g. `https://www.example.org/article`",
    })
);

marker!(
    /// A Wikidata item id: `Q7747`.
    WikidataItem => json_schema!({
        "type": "string",
        "pattern": WIKIDATA_PATTERN,
        "patternErrorMessage": "write the item's id as in its address: `Q7747` for https://www.wikidata.org/wiki/Q7747",
    })
);

marker!(
    /// An Admiralty reliability grade, `A` to `F`.
    ReliabilityGrade => json_schema!({ "type": "string", "enum": Reliability::ALL })
);

marker!(
    /// An Admiralty credibility grade, 1 to 6.
    CredibilityGrade => json_schema!({
        "type": "integer",
        "enum": Credibility::ALL.collect::<Vec<u8>>(),
    })
);

/// A word of the vocabulary `T`.
pub struct OneOf<T>(PhantomData<T>);

impl<T: Vocabulary> JsonSchema for OneOf<T> {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        format!("OneOf_{}", std::any::type_name::<T>()).into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "enum": T::ALL })
    }
}
