//! The values of the "What changed" page: a field of a claim or a
//! judgment before and after, as items (a figure, a quote; a statement is
//! one item) made of parts, the parts that changed marked (struck in the
//! value before, marked in the value after). A statement is compared word
//! by word with `similar` (Myers' diff), lists as sets.

use crate::i18n::{Messages, Msg};
use serde::Serialize;

/// A piece of a value: marked when it is what changed (struck in the
/// value before, marked in the value after).
#[derive(Serialize)]
pub(super) struct Part {
    pub(super) text: String,
    pub(super) marked: bool,
}

/// One item of a value (a figure, a quote; a statement is one item).
#[derive(Serialize)]
pub(super) struct Item {
    pub(super) parts: Vec<Part>,
    pub(super) lang: Option<String>,
}

impl Item {
    pub(super) fn whole(text: String, marked: bool) -> Item {
        Item {
            parts: vec![Part { text, marked }],
            lang: None,
        }
    }
}

/// A field that changed: its items before and after ("Before:",
/// "After:"), or for a list of references, those removed and those added
/// ("Removed:", "Added:"; a side with none is left out), labelled in the
/// dossier's language.
#[derive(Serialize)]
pub(super) struct FieldView {
    name: String,
    before_label: String,
    after_label: String,
    before: Vec<Item>,
    after: Vec<Item>,
}

impl FieldView {
    /// The field's whole value before and after.
    pub(super) fn sides(
        m: &Messages,
        name: &str,
        (before, after): (Vec<Item>, Vec<Item>),
    ) -> FieldView {
        FieldView {
            name: name.to_string(),
            before_label: m.text(Msg::ChangesBefore).to_string(),
            after_label: m.text(Msg::ChangesAfter).to_string(),
            before,
            after,
        }
    }

    /// The references removed from a list and those added to it.
    pub(super) fn edits(
        m: &Messages,
        name: &str,
        (before, after): (Vec<Item>, Vec<Item>),
    ) -> FieldView {
        let marked = |i: &Item| i.parts.iter().any(|p| p.marked);
        if !before.iter().chain(&after).any(marked) {
            // The same references, one of them given twice: the lists.
            return FieldView::sides(m, name, (before, after));
        }
        let changed =
            |items: Vec<Item>| -> Vec<Item> { items.into_iter().filter(marked).collect() };
        FieldView {
            name: name.to_string(),
            before_label: m.text(Msg::ChangesListRemoved).to_string(),
            after_label: m.text(Msg::ChangesListAdded).to_string(),
            before: changed(before),
            after: changed(after),
        }
    }
}

/// A value that changed as a whole.
pub(super) fn scalar(before: String, after: String) -> (Vec<Item>, Vec<Item>) {
    (
        vec![Item::whole(before, true)],
        vec![Item::whole(after, true)],
    )
}

/// A value that may be absent on one side (a judgment made or withdrawn).
pub(super) fn scalar_opt(before: Option<String>, after: Option<String>) -> (Vec<Item>, Vec<Item>) {
    (
        before.map(|b| Item::whole(b, true)).into_iter().collect(),
        after.map(|a| Item::whole(a, true)).into_iter().collect(),
    )
}

/// Two lists, each item marked unless the other list has it too.
pub(super) fn set_diff<T: PartialEq>(
    before: &[T],
    after: &[T],
    text: impl Fn(&T) -> String,
) -> (Vec<Item>, Vec<Item>) {
    let side = |list: &[T], other: &[T]| {
        list.iter()
            .map(|x| Item::whole(text(x), !other.contains(x)))
            .collect()
    };
    (side(before, after), side(after, before))
}

/// Two texts word by word: the words only the first has are marked in
/// it, those only the second has in it.
pub(super) fn word_diff(before: &str, after: &str) -> (Vec<Item>, Vec<Item>) {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(before, after);
    let mut b: Vec<Part> = Vec::new();
    let mut a: Vec<Part> = Vec::new();
    let push = |parts: &mut Vec<Part>, text: &str, marked: bool| match parts.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => parts.push(Part {
            text: text.to_string(),
            marked,
        }),
    };
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut b, text, false);
                push(&mut a, text, false);
            }
            ChangeTag::Delete => push(&mut b, text, true),
            ChangeTag::Insert => push(&mut a, text, true),
        }
    }
    let one = |parts| {
        vec![Item {
            parts: join_marked(parts),
            lang: None,
        }]
    };
    (one(b), one(a))
}

/// Marked runs separated only by white space made one: `<del>a metre</del>`
/// rather than `<del>a</del> <del>metre</del>`.
fn join_marked(parts: Vec<Part>) -> Vec<Part> {
    let mut out: Vec<Part> = Vec::with_capacity(parts.len());
    let mut parts = parts.into_iter().peekable();
    while let Some(p) = parts.next() {
        let between = !p.marked
            && p.text.chars().all(char::is_whitespace)
            && out.last().is_some_and(|l| l.marked)
            && parts.peek().is_some_and(|n| n.marked);
        match out.last_mut() {
            Some(last) if between || (last.marked && p.marked) => last.text.push_str(&p.text),
            _ => out.push(p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(items: &[Item]) -> Vec<(String, bool)> {
        items
            .iter()
            .flat_map(|i| i.parts.iter().map(|p| (p.text.clone(), p.marked)))
            .collect()
    }

    #[test]
    fn a_word_diff_marks_only_the_words_that_changed() {
        let (b, a) = word_diff(
            "about 10,000 troops in Kursk",
            "about 12,000 troops in Kursk region",
        );
        assert_eq!(
            marked(&b),
            [
                ("about ".to_string(), false),
                ("10,000".to_string(), true),
                (" troops in Kursk".to_string(), false)
            ]
        );
        assert_eq!(
            marked(&a),
            [
                ("about ".to_string(), false),
                ("12,000".to_string(), true),
                (" troops in Kursk".to_string(), false),
                (" region".to_string(), true)
            ]
        );
        let (b, a) = word_diff("rose a metre in", "rose two metres in");
        assert_eq!(marked(&b)[1], ("a metre".to_string(), true));
        assert_eq!(marked(&a)[1], ("two metres".to_string(), true));
    }

    #[test]
    fn list_items_are_marked_unless_kept() {
        let (b, a) = set_diff(&["x", "y"], &["y", "z"], |s| s.to_string());
        assert_eq!(
            marked(&b),
            [("x".to_string(), true), ("y".to_string(), false)]
        );
        assert_eq!(
            marked(&a),
            [("y".to_string(), false), ("z".to_string(), true)]
        );
    }
}
