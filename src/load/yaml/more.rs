//! The other type errors of an item that failed to deserialise.
//!
//! serde stops at an item's first bad field, so a claim with a misspelt
//! field and a wrong date showed the first alone, and the second only once
//! the first was fixed. In: the item (as parsed again) and its first
//! failure. Out: the failures after it, found by taking out the field that
//! failed (or the unknown one) and deserialising again, until the item
//! deserialises, a field it needs is missing, or a failure cannot be taken
//! out (the item itself, or an element of a list, is of the wrong kind:
//! taking an element out would move the ones after it).
//! Only type errors are told, never one the taking out would cause; the
//! item is left out unless all that failed were unknown fields.

use serde::de::DeserializeOwned;
use serde_path_to_error::{Error, Segment};
use serde_yaml::Value;

/// At most this many more failures per item.
const MAX: usize = 32;

/// The failures of `item` after `first` (see the module's documentation),
/// and the item itself when all that failed were unknown fields: taken
/// out, it is what the writer meant, and its other problems (an unknown
/// topic, a quote not found) can be told in the same run.
pub(super) fn failures<T: DeserializeOwned>(
    mut item: Value,
    first: &Error<serde_yaml::Error>,
) -> (Vec<Error<serde_yaml::Error>>, Option<T>) {
    let mut out = Vec::new();
    let mut removed: Vec<Vec<Step>> = Vec::new();
    let mut only_unknown = true;
    let mut last = clone_error(first);
    while out.len() < MAX {
        only_unknown &= message(&last).starts_with("unknown field `");
        let Some(path) = take_out(&mut item, &last) else {
            break;
        };
        removed.push(path);
        let e = match super::typed::<T>(item.clone()) {
            Ok(item) => return (out, only_unknown.then_some(item)),
            Err(e) => e,
        };
        if let Some(missing) = missing_field(&e) {
            // One we took out, or one an unknown field taken out was
            // misspelt for ("did you mean" names it), is no news; another
            // is the last.
            if !removed.iter().any(|r| same_or_misspelt(r, &missing)) {
                out.push(e);
            }
            break;
        }
        out.push(clone_error(&e));
        last = e;
    }
    (out, None)
}

/// A step of the path to a failure.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// The path to a failure, `None` through an enum.
fn steps(e: &Error<serde_yaml::Error>) -> Option<Vec<Step>> {
    e.path()
        .iter()
        .map(|seg| match seg {
            Segment::Map { key } => Some(Step::Key(key.clone())),
            Segment::Seq { index } => Some(Step::Index(*index)),
            _ => None,
        })
        .collect()
}

/// Whether the field taken out at `removed` is the `missing` one, or one
/// of its siblings close enough to be a misspelling of it.
fn same_or_misspelt(removed: &[Step], missing: &[Step]) -> bool {
    match (removed.split_last(), missing.split_last()) {
        (Some((Step::Key(r), rp)), Some((Step::Key(m), mp))) if rp == mp => {
            r == m || crate::diagnostic::suggest(r, std::iter::once(m.as_str())).is_some()
        }
        _ => removed == missing,
    }
}

/// The message of a failure, without serde_yaml's position.
fn message(e: &Error<serde_yaml::Error>) -> String {
    let inner = e.inner().to_string();
    inner
        .split(" at line ")
        .next()
        .unwrap_or(&inner)
        .to_string()
}

/// The path of the field a "missing field" failure names.
fn missing_field(e: &Error<serde_yaml::Error>) -> Option<Vec<Step>> {
    let message = message(e);
    let name = message.strip_prefix("missing field `")?.split('`').next()?;
    let mut path = steps(e)?;
    path.push(Step::Key(name.to_string()));
    Some(path)
}

/// Takes the field of failure `e` out of `item`; the path taken out. Only
/// a field of a mapping is taken out: an element taken out of a list
/// would move the ones after it.
fn take_out(item: &mut Value, e: &Error<serde_yaml::Error>) -> Option<Vec<Step>> {
    let message = message(e);
    let mut path = steps(e)?;
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = Step::Key(rest.split('`').next()?.to_string());
        if path.last() != Some(&name) {
            path.push(name);
        }
    } else if message.starts_with("missing field `") {
        return None;
    }
    let (Step::Key(last), parents) = path.split_last()? else {
        return None;
    };
    let mut at = &mut *item;
    for step in parents {
        at = match step {
            Step::Key(key) => at.as_mapping_mut()?.get_mut(key.as_str())?,
            Step::Index(i) => at.as_sequence_mut()?.get_mut(*i)?,
        };
    }
    at.as_mapping_mut()?.remove(last.as_str())?;
    Some(path)
}

/// A failure again, to keep while the next is looked for (the error type
/// is not `Clone`).
fn clone_error(e: &Error<serde_yaml::Error>) -> Error<serde_yaml::Error> {
    Error::new(
        e.path().clone(),
        <serde_yaml::Error as serde::de::Error>::custom(e.inner().to_string()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialised")]
    struct Item {
        name: String,
        count: Option<u32>,
        parts: Option<Vec<Part>>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "only deserialised")]
    struct Part {
        size: u32,
    }

    /// Every failure of `yaml` read as an [`Item`], and whether it is kept.
    fn all(yaml: &str) -> (Vec<String>, bool) {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        let first = super::super::typed::<Item>(value.clone()).unwrap_err();
        let (more, item) = failures::<Item>(value, &first);
        let text = |e: &Error<serde_yaml::Error>| format!("{}: {}", e.path(), message(e));
        let mut out = vec![text(&first)];
        out.extend(more.iter().map(text));
        (out, item.is_some())
    }

    #[test]
    fn every_type_error_of_an_item_is_found() {
        // Unknown fields alone: all told, and the item kept.
        let (errors, kept) = all("{nmae: a, name: b, parts: [{size: 1, colour: red}]}");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("unknown field `nmae`"), "{errors:?}");
        assert!(errors[1].contains("colour"), "{errors:?}");
        assert!(kept);
        // A wrong value: told, and the next one; the item left out.
        let (errors, kept) = all("{name: b, count: many, parts: [{size: big}]}");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("count:") && errors[1].starts_with("parts[0].size:"));
        assert!(!kept);
        // A required field of the wrong kind, taken out, is not then
        // "missing"; nor is the field a misspelt one was meant for.
        let (errors, _) = all("{name: [x], count: many}");
        assert_eq!(errors.len(), 2, "{errors:?}");
        let (errors, _) = all("{nmae: x}");
        assert_eq!(errors.len(), 1, "{errors:?}");
        // A field that is really missing is told, last.
        let (errors, _) = all("{count: many}");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[1].contains("missing field `name`"), "{errors:?}");
        // An element of a list of the wrong kind stops the search (taking
        // it out would move the others).
        let (errors, _) = all("{name: b, parts: [3, {size: x}]}");
        assert_eq!(errors.len(), 1, "{errors:?}");
    }
}
