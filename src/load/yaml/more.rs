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
//! Only type errors are told, never one the taking out would cause. The
//! item, once it deserialises, is given back with the top-level fields
//! whose values were taken out, so that its other fields are checked in
//! the same run (the caller hides the problems the taking out could
//! cause: `diagnostic::Mask`).

use serde::de::DeserializeOwned;
use serde_path_to_error::{Error, Segment};
use serde_yaml::Value;

/// At most this many more failures per item.
const MAX: usize = 32;

/// An item that deserialised once the fields that failed were taken out.
pub(super) struct Recovered<T> {
    /// The item without them.
    pub item: T,
    /// The top-level fields in which a value of the wrong type was taken
    /// out (an unknown field taken out is not counted: it is no field of
    /// the item, and nothing reads it). Empty: the item is what the
    /// writer meant.
    pub touched: Vec<String>,
}

/// The failures of `item` after `first` (see the module's documentation),
/// and the item itself when it deserialises once they are taken out.
pub(super) fn failures<T: DeserializeOwned>(
    mut item: Value,
    first: &Error<serde_yaml::Error>,
) -> (Vec<Error<serde_yaml::Error>>, Option<Recovered<T>>) {
    let mut out = Vec::new();
    let mut removed: Vec<Vec<Step>> = Vec::new();
    let mut touched: Vec<String> = Vec::new();
    // Where an empty value of the expected kind stands for one of the
    // wrong kind (a required field taken out would be "missing").
    let mut stand_ins: Vec<Vec<Step>> = Vec::new();
    let mut last = clone_error(first);
    while out.len() < MAX {
        let unknown = message(&last).starts_with("unknown field `");
        let at = steps(&last);
        let path = match at {
            // The stand-in is not what the field wants either: taken out
            // after all, its failure not told (the writer's value was).
            Some(at) if stand_ins.contains(&at) => take_out(&mut item, &last),
            _ => stand_in(&mut item, &last).inspect(|p| stand_ins.push(p.clone())),
        }
        .or_else(|| take_out(&mut item, &last));
        let Some(path) = path else {
            break;
        };
        if let (false, Some(Step::Key(key))) = (unknown, path.first())
            && !touched.contains(key)
        {
            touched.push(key.clone());
        }
        removed.push(path);
        let e = match super::typed::<T>(item.clone()) {
            Ok(item) => return (out, Some(Recovered { item, touched })),
            Err(e) => e,
        };
        if steps(&e).is_some_and(|at| stand_ins.contains(&at)) {
            last = e;
            continue;
        }
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
    parent(item, parents)?
        .as_mapping_mut()?
        .remove(last.as_str())?;
    Some(path)
}

/// Puts an empty value of the kind failure `e` expected (text, a list)
/// in place of the field's value of the wrong kind; the path of the field.
fn stand_in(item: &mut Value, e: &Error<serde_yaml::Error>) -> Option<Vec<Step>> {
    let message = message(e);
    let empty = if message.ends_with("expected a string") {
        Value::String(String::new())
    } else if message.ends_with("expected a sequence") {
        Value::Sequence(Vec::new())
    } else {
        return None;
    };
    let path = steps(e)?;
    let (Step::Key(last), parents) = path.split_last()? else {
        return None;
    };
    let slot = parent(item, parents)?
        .as_mapping_mut()?
        .get_mut(last.as_str())?;
    *slot = empty;
    Some(path)
}

/// The value at `path` in `item`.
fn parent<'a>(item: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut at = item;
    for step in path {
        at = match step {
            Step::Key(key) => at.as_mapping_mut()?.get_mut(key.as_str())?,
            Step::Index(i) => at.as_sequence_mut()?.get_mut(*i)?,
        };
    }
    Some(at)
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

    /// Every failure of `yaml` read as an [`Item`], and whether the item
    /// is given back whole (only unknown fields taken out).
    fn all(yaml: &str) -> (Vec<String>, bool) {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        let first = super::super::typed::<Item>(value.clone()).unwrap_err();
        let (more, item) = failures::<Item>(value, &first);
        let text = |e: &Error<serde_yaml::Error>| format!("{}: {}", e.path(), message(e));
        let mut out = vec![text(&first)];
        out.extend(more.iter().map(text));
        (out, item.is_some_and(|r| r.touched.is_empty()))
    }

    /// The top-level fields taken out of `yaml` for an item that then
    /// deserialised, or `None`.
    fn touched(yaml: &str) -> Option<Vec<String>> {
        let value: Value = serde_yaml::from_str(yaml).unwrap();
        let first = super::super::typed::<Item>(value.clone()).unwrap_err();
        failures::<Item>(value, &first).1.map(|r| r.touched)
    }

    #[test]
    fn an_item_with_wrong_values_is_given_back_without_them() {
        // The fields of the wrong type, by their top-level key, once
        // each; an unknown field is not one.
        assert_eq!(
            touched("{name: b, count: many, parts: [{size: 1, colour: red}]}"),
            Some(vec!["count".to_string()])
        );
        // A required field of the wrong kind with no empty stand-in (a
        // number): no item.
        assert_eq!(touched("{name: b, parts: [{size: big}]}"), None);
        assert_eq!(touched("{name: b, colour: red}"), Some(vec![]));
        // A required field of the wrong kind stands as an empty one of
        // the right kind (text, a list) and is counted.
        assert_eq!(
            touched("{name: [x], count: many}"),
            Some(vec!["name".to_string(), "count".to_string()])
        );
        // A required field missing: no item.
        assert_eq!(touched("{count: many}"), None);
    }

    #[test]
    fn every_type_error_of_an_item_is_found() {
        // Unknown fields alone: all told, and the item kept.
        let (errors, kept) = all("{nmae: a, name: b, parts: [{size: 1, colour: red}]}");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("unknown field `nmae`"), "{errors:?}");
        assert!(errors[1].contains("colour"), "{errors:?}");
        assert!(kept);
        // A wrong value: told, and the next one; the item not whole.
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
