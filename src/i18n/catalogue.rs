//! The catalogues of a language, layered into one Fluent bundle: the
//! built-in `themes/default/i18n/<lang>.ftl`, then the dossier theme's own
//! file of that name, message by message (a theme's message replaces the
//! built-in one; the messages it lacks stay built-in). A tag is tried from
//! the most general to the most precise (`fr`, then `fr-CA`), each layer
//! over the one before. Syntax errors in a theme's catalogue are
//! diagnostics at their line and column. Takes the theme and a tag; gives
//! a bundle, whether any catalogue was found, and the diagnostics.

use crate::diagnostic::Diagnostic;
use crate::source::{SourceFile, Sources};
use crate::theme::Theme;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};
use fluent_syntax::ast;

/// A language's messages, as Fluent holds them.
pub type Bundle = FluentBundle<FluentResource>;

/// The tags tried for `tag`, most general first: `fr-CA` → `fr`, `fr-CA`;
/// `zh-Hant-TW` → `zh`, `zh-Hant`, `zh-Hant-TW`.
pub fn chain(tag: &str) -> Vec<String> {
    let parts: Vec<&str> = tag.split(['-', '_']).filter(|p| !p.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    for n in 1..=parts.len() {
        let t = parts[..n].join("-");
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
            out.push(t);
        }
    }
    out
}

/// The built-in catalogue of `tag` (exactly that file name), if any.
pub fn builtin(tag: &str) -> Option<&'static str> {
    let path = format!("i18n/{tag}.ftl");
    crate::theme::default_files()
        .iter()
        .find(|(p, _)| p.eq_ignore_ascii_case(&path))
        .and_then(|(_, b)| std::str::from_utf8(b).ok())
}

/// A new bundle for `tag`: no Unicode isolation marks around variables
/// (pages mark directions themselves), numbers written by [`super::cldr`].
pub fn empty(tag: &str) -> Bundle {
    let id: unic_langid::LanguageIdentifier = tag
        .parse()
        .or_else(|_| tag.split(['-', '_']).next().unwrap_or("en").parse())
        .unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(format_value));
    bundle
}

/// Numbers as the bundle's language writes them; other values as Fluent
/// does.
fn format_value(
    value: &FluentValue,
    memo: &intl_memoizer::concurrent::IntlLangMemoizer,
) -> Option<String> {
    match value {
        FluentValue::Number(n) => memo
            .with_try_get::<Numbers, _, _>((), |f| f.0.number(n.value))
            .ok(),
        _ => None,
    }
}

/// The number formatter of a bundle's language, made once per bundle.
struct Numbers(super::cldr::Cldr);

impl intl_memoizer::Memoizable for Numbers {
    type Args = ();
    type Error = std::convert::Infallible;
    fn construct(lang: unic_langid::LanguageIdentifier, _: ()) -> Result<Self, Self::Error> {
        Ok(Numbers(super::cldr::Cldr::new(&lang.to_string())))
    }
}

/// Adds the catalogue `text` (shown as `display` in diagnostics) over
/// what `bundle` holds. A file with syntax errors adds the messages it
/// could read, and each error becomes a diagnostic at its place.
pub fn layer(
    bundle: &mut Bundle,
    display: &str,
    text: &str,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) {
    let file = SourceFile::new(display.to_string(), display.into(), text.to_string());
    let normalised = String::clone(&file.text);
    let resource = match FluentResource::try_new(normalised) {
        Ok(r) => r,
        Err((r, errors)) => {
            let id = sources.add(file);
            for e in errors {
                let span = e.slice.clone().unwrap_or(e.pos.clone());
                diags.push(
                    Diagnostic::error(id, span, format!("invalid message catalogue: {}", e.kind))
                        .label("here")
                        .help("see https://projectfluent.org/fluent/guide/ for the syntax of .ftl files"),
                );
            }
            r
        }
    };
    bundle.add_resource_overriding(resource);
}

/// The ids of the messages of a catalogue's text, in order.
pub fn ids(text: &str) -> Vec<String> {
    let resource = match FluentResource::try_new(text.to_string()) {
        Ok(r) | Err((r, _)) => r,
    };
    resource
        .entries()
        .filter_map(|e| match e {
            ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The variables a message's value uses (`$count`), sorted, and whether
/// any of them is the selector of a choice (`{ $kind -> … }`).
pub fn variables(pattern: &ast::Pattern<&str>) -> (Vec<String>, Vec<String>) {
    fn walk_pattern(p: &ast::Pattern<&str>, vars: &mut Vec<String>, sel: &mut Vec<String>) {
        for el in &p.elements {
            if let ast::PatternElement::Placeable { expression } = el {
                walk_expr(expression, vars, sel);
            }
        }
    }
    fn walk_expr(e: &ast::Expression<&str>, vars: &mut Vec<String>, sel: &mut Vec<String>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                if let ast::InlineExpression::VariableReference { id } = selector {
                    sel.push(id.name.to_string());
                }
                walk_inline(selector, vars, sel);
                for v in variants {
                    walk_pattern(&v.value, vars, sel);
                }
            }
            ast::Expression::Inline(i) => walk_inline(i, vars, sel),
        }
    }
    fn walk_inline(i: &ast::InlineExpression<&str>, vars: &mut Vec<String>, sel: &mut Vec<String>) {
        match i {
            ast::InlineExpression::VariableReference { id } => vars.push(id.name.to_string()),
            ast::InlineExpression::Placeable { expression } => walk_expr(expression, vars, sel),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    walk_inline(a, vars, sel);
                }
                for a in &arguments.named {
                    walk_inline(&a.value, vars, sel);
                }
            }
            _ => {}
        }
    }
    let (mut vars, mut sel) = (Vec::new(), Vec::new());
    walk_pattern(pattern, &mut vars, &mut sel);
    vars.sort();
    vars.dedup();
    sel.sort();
    sel.dedup();
    (vars, sel)
}

/// The bundle of `tag`, from the built-in catalogues and the theme's,
/// and whether any catalogue of that language was found.
pub fn load(
    theme: &Theme,
    tag: &str,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) -> (Bundle, bool) {
    let mut bundle = empty(tag);
    let mut found = false;
    for t in chain(tag) {
        if let Some(text) = builtin(&t) {
            layer(
                &mut bundle,
                &format!("(built-in theme)/i18n/{t}.ftl"),
                text,
                sources,
                diags,
            );
            found = true;
        }
        if let Some((display, bytes)) = theme.own_catalogue(&t) {
            match std::str::from_utf8(bytes) {
                Ok(text) => layer(&mut bundle, &display, text, sources, diags),
                Err(_) => diags.push(Diagnostic::at_path(
                    display.clone(),
                    format!("message catalogue {display} is not UTF-8"),
                )),
            }
            found = true;
        }
    }
    (bundle, found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_tried_from_the_most_general() {
        assert_eq!(chain("fr-CA"), ["fr", "fr-CA"]);
        assert_eq!(chain("zh-Hant-TW"), ["zh", "zh-Hant", "zh-Hant-TW"]);
        assert_eq!(chain("en"), ["en"]);
    }
}
