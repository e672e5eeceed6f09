//! The theme's templates in Tera: loaded once per build with our
//! `truncate` filter, HTML escaping and the `t` function that gives a
//! message of the catalogues ([`Translate`]), and the test of whether a template
//! is still the default one (the hand-compiled pages and lists stand in for
//! a template only then). Takes the [`Theme`]; gives a [`Tera`] ready to
//! render. Never touches the model.

use super::RenderError;
use crate::i18n::{Arg, Messages};
use crate::markdown;
use crate::theme::Theme;
use std::sync::Arc;
use tera::Tera;

/// `t(key="…", name=value, …)`: message `key` in the dossier's language
/// with its variables, escaped as `{{ }}` escapes text. A message whose id
/// ends in `-html` is HTML: its text is given as it is, its text variables
/// escaped but for those whose name ends in `_html`. A message no
/// catalogue has is a template error (a language's catalogue that lacks
/// it falls back to English).
struct Translate(Arc<Messages>);

impl tera::Function for Translate {
    fn call(
        &self,
        args: &std::collections::HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(tera::Value::as_str)
            .ok_or_else(|| tera::Error::msg("function `t` needs `key`, the id of a message"))?;
        let m = &*self.0;
        if args.len() == 1
            && !key.ends_with("-html")
            && let Some(text) = m.text_by_id(key)
        {
            return Ok(tera::Value::String(markdown::escape(text)));
        }
        let mut texts: Vec<(&str, String)> = Vec::new();
        let mut numbers: Vec<(&str, f64)> = Vec::new();
        for (name, value) in args {
            if name == "key" {
                continue;
            }
            match value {
                tera::Value::Number(n) => numbers.push((name, n.as_f64().unwrap_or(0.0))),
                tera::Value::String(s) => texts.push((name, s.clone())),
                tera::Value::Null => texts.push((name, String::new())),
                other => texts.push((name, other.to_string())),
            }
        }
        let values: Vec<(&str, Arg)> = texts
            .iter()
            .map(|(n, s)| (*n, Arg::Text(s)))
            .chain(numbers.iter().map(|&(n, v)| (n, Arg::Number(v))))
            .collect();
        let text = if key.ends_with("-html") {
            m.html(key, &values)
        } else {
            m.format_str(key, &values).map(|t| markdown::escape(&t))
        };
        text.map(tera::Value::String).ok_or_else(|| {
            tera::Error::msg(format!(
                "no message `{key}` in the catalogues (themes/<theme>/i18n/en.ftl)"
            ))
        })
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A Tera error with its chain of causes, as one message.
pub(super) fn tera_err(e: tera::Error) -> RenderError {
    use std::error::Error as _;
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    RenderError::Tera(msg)
}

/// The theme's templates, with our `truncate` filter, the `t` function
/// and autoescape (with [`markdown::escape`]) for `.html` and `.xml`.
pub(super) fn load(theme: &Theme, messages: &Arc<Messages>) -> Result<Tera, RenderError> {
    let mut tera = Tera::default();
    let mut templates = Vec::new();
    for (name, bytes) in theme.templates() {
        let text = String::from_utf8(bytes.to_vec())
            .map_err(|_| RenderError::Tera(format!("template {name} is not UTF-8")))?;
        templates.push((name.to_string(), text));
    }
    tera.add_raw_templates(templates).map_err(tera_err)?;
    tera.register_filter("truncate", truncate);
    tera.register_function("t", Translate(Arc::clone(messages)));
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(markdown::escape);
    Ok(tera)
}

/// Whether the theme's template `name` is the default one, byte for byte.
pub(super) fn is_default(theme: &Theme, name: &str) -> bool {
    let path = format!("templates/{name}");
    let defaults = crate::theme::default_files();
    let default = defaults.iter().find(|(p, _)| *p == path).map(|(_, b)| *b);
    let used = theme.templates().find(|(n, _)| *n == name).map(|(_, b)| b);
    default.is_some() && default == used
}

/// Tera's `truncate` filter (`length`, default 255 graphemes; `end`,
/// default "…"), giving the same result without splitting the whole string
/// into graphemes first: titles and statements are truncated on every page.
fn truncate(
    value: &tera::Value,
    args: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("filter `truncate` expects a string"))?;
    let length = match args.get("length") {
        Some(v) => v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| tera::Error::msg("filter `truncate`: `length` must be a number"))?,
        None => 255,
    };
    let end = match args.get("end") {
        Some(v) => v
            .as_str()
            .ok_or_else(|| tera::Error::msg("filter `truncate`: `end` must be a string"))?,
        None => "…",
    };
    Ok(tera::Value::String(match grapheme_cut(text, length) {
        None => text.to_string(),
        Some(at) => format!("{}{end}", &text[..at]),
    }))
}

/// Where `truncate(length)` cuts `text`: the byte offset after its first
/// `length` grapheme clusters, or `None` when it has no more than that.
pub(super) fn grapheme_cut(text: &str, length: usize) -> Option<usize> {
    use unicode_segmentation::UnicodeSegmentation;
    // No more characters than `length`: no more graphemes either.
    if text.len() <= length || text.chars().count() <= length {
        return None;
    }
    text.grapheme_indices(true).nth(length).map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_cuts_at_graphemes_like_teras() {
        let run = |text: &str, length: Option<u64>| {
            let mut args = std::collections::HashMap::new();
            if let Some(n) = length {
                args.insert("length".to_string(), tera::Value::from(n));
            }
            truncate(&tera::Value::from(text), &args).unwrap()
        };
        assert_eq!(run("short", Some(10)), "short");
        assert_eq!(run("exactly", Some(7)), "exactly");
        assert_eq!(run("Déminage à Koursk", Some(8)), "Déminage…");
        // "é" written as e + combining accent is one grapheme.
        assert_eq!(run("cafe\u{301}s", Some(4)), "cafe\u{301}…");
        assert_eq!(
            run(&"x".repeat(300), None)
                .as_str()
                .unwrap()
                .chars()
                .count(),
            256
        );
    }
}
