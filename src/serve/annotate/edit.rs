//! The new text of a claims file: a claim appended at its end, or an
//! evidence entry added at the end of one claim's `evidence:` list. Every
//! byte of the old text is kept (its comments, blank lines, quoting,
//! line endings and byte-order mark); the new lines follow the file's
//! line endings and indentation.
//!
//! The list to extend is found with the span table the loader builds for
//! its diagnostics ([`SourceFile::yaml_spans`]). Whatever the layout,
//! the result is checked: the new text must read as the old data with
//! exactly the new claim or entry added ([`yaml::same`]), or nothing is
//! written. A file that cannot be edited that way (a list in flow style,
//! `[…]`; lone carriage returns; a text that is not a list of claims) is
//! refused with a message saying so.

use super::yaml::{self, Map};
use crate::source::{SourceFile, ypath};
use serde_yaml::Value;

/// The line ending of `text`, or why it cannot be edited line by line.
fn line_ending(text: &str, file: &str) -> Result<&'static str, String> {
    if text.replace("\r\n", "").contains('\r') {
        return Err(format!(
            "{file} has carriage returns that do not end lines; it cannot be edited safely"
        ));
    }
    Ok(if text.contains("\r\n") { "\r\n" } else { "\n" })
}

/// The claims of `text` (a file holding nothing but comments has none),
/// read as the loader reads them (after any byte-order mark).
fn claims_of(text: &str, file: &str) -> Result<Vec<Value>, String> {
    match read(text) {
        Ok(Value::Sequence(items)) => Ok(items),
        Ok(Value::Null) => Ok(Vec::new()),
        Ok(_) => Err(format!("{file} is not a list of claims; fix it first")),
        Err(e) => Err(format!("{file} cannot be read as YAML ({e}); fix it first")),
    }
}

fn read(text: &str) -> Result<Value, serde_yaml::Error> {
    serde_yaml::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Checks that `new` reads as `expected`.
fn check(new: &str, expected: Vec<Value>, file: &str, what: &str) -> Result<(), String> {
    let ok = read(new).is_ok_and(|v| yaml::same(&v, &Value::Sequence(expected)));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "cannot add {what} to {file} safely: the file is laid out in a way this editor does not handle; add it by hand"
        ))
    }
}

/// Leading spaces of `line`.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `old` (the text of `file`, empty if it does not exist) with `claim`
/// appended.
pub fn append_claim(old: &str, file: &str, claim: &Map) -> Result<String, String> {
    let nl = line_ending(old, file)?;
    let mut expected = claims_of(old, file)?;
    let body = old.strip_prefix('\u{feff}').unwrap_or(old);
    // The column of the file's items, and whether blank lines part them.
    let dash = body
        .lines()
        .find(|l| l.trim_start().starts_with('-'))
        .map_or(0, indent);
    let spaced = body.contains(&format!("{nl}{nl}{}-", " ".repeat(dash)));
    let mut new = old.to_string();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push_str(nl);
    }
    if spaced && !expected.is_empty() && !new.ends_with(&format!("{nl}{nl}")) {
        new.push_str(nl);
    }
    new.push_str(&yaml::item(claim, dash, 2, nl));
    expected.push(yaml::to_value(claim));
    check(&new, expected, file, "the claim")?;
    Ok(new)
}

/// `old` (the text of `file`) with `entry` added at the end of the
/// evidence list of the claim `id`.
pub fn insert_evidence(old: &str, file: &str, id: &str, entry: &Map) -> Result<String, String> {
    let nl = line_ending(old, file)?;
    let mut expected = claims_of(old, file)?;
    let named = |v: &Value| match &v["id"] {
        Value::String(s) => s == id,
        Value::Number(n) => n.to_string() == id,
        _ => false,
    };
    let found: Vec<usize> = (0..expected.len())
        .filter(|&i| named(&expected[i]))
        .collect();
    let [i] = found[..] else {
        return Err(format!(
            "claim `{id}` is not in {file} (or is there more than once); was the file changed?"
        ));
    };
    let Some(Value::Sequence(list)) = expected[i].get_mut("evidence") else {
        return Err(format!(
            "claim `{id}` in {file} has no evidence list to add to"
        ));
    };
    list.push(yaml::to_value(entry));

    // Where the list is: the span table of the text as the loader reads it
    // (byte-order mark dropped, CRLF folded; lines are the same).
    let src = SourceFile::new(String::new(), file.into(), old.to_string());
    let spans = src.yaml_spans();
    let path = ypath![i, "evidence"];
    if spans.too_deep().is_some() || !spans.has(path) {
        return Err(format!(
            "claim `{id}` in {file} has no evidence list to add to"
        ));
    }
    let start = spans.value(path).start;
    if src.text[start..].starts_with('[') {
        return Err(format!(
            "the evidence of claim `{id}` in {file} is written in flow style (`[…]`); add the entry by hand"
        ));
    }
    // The list starts at its first dash, or (a list at its key's column)
    // at what follows it: either way a dash after nothing but spaces.
    let line_start = src.text[..start].rfind('\n').map_or(0, |i| i + 1);
    let lead = &src.text[line_start..start];
    let dash = if src.text[start..].starts_with('-') {
        Some(lead.len()).filter(|_| lead.bytes().all(|b| b == b' '))
    } else {
        let before = lead.trim_end_matches(' ');
        before
            .strip_suffix('-')
            .filter(|spaces| spaces.bytes().all(|b| b == b' '))
            .map(str::len)
    };
    let lines: Vec<&str> = old.split_inclusive('\n').collect();
    let first = src.line_index(start);
    let dash_line = lines[first].trim_start_matches('\u{feff}');
    let Some(dash) = dash.filter(|&d| dash_line.as_bytes().get(d) == Some(&b'-')) else {
        return Err(format!(
            "the evidence list of claim `{id}` in {file} does not start on a line of its own; add the entry by hand"
        ));
    };
    // Keys after the dash as in the list's first entry (`- article:` or
    // `-   article:`), two columns in if it has nothing on the dash's line.
    let after = dash_line[dash + 1..].trim_end_matches(['\r', '\n']);
    let gap = if after.trim().is_empty() || after.trim_start().starts_with('#') {
        2
    } else {
        1 + indent(after)
    };
    let last = list_end(&lines, first, dash);
    let at: usize = lines[..=last].iter().map(|l| l.len()).sum();
    let mut insert = String::new();
    if !lines[last].ends_with('\n') {
        insert.push_str(nl);
    }
    insert.push_str(&yaml::item(entry, dash, gap, nl));
    let new = format!("{}{insert}{}", &old[..at], &old[at..]);
    check(&new, expected, file, "the evidence entry")?;
    Ok(new)
}

/// The last line of the block sequence whose first item starts on line
/// `first` at column `dash`: the lines after it belong to it while they
/// are indented deeper or start another item at its column; blank lines
/// and comments no deeper than the dash go with what follows.
fn list_end(lines: &[&str], first: usize, dash: usize) -> usize {
    let mut last = first;
    for (k, line) in lines.iter().enumerate().skip(first + 1) {
        let body = line.trim_end_matches(['\r', '\n']);
        let text = body.trim_start_matches(' ');
        let n = indent(body);
        if text.trim().is_empty() {
            continue;
        }
        if text.starts_with('#') {
            if n > dash {
                last = k;
            }
            continue;
        }
        if n > dash || (n == dash && (text == "-" || text.starts_with("- "))) {
            last = k;
            continue;
        }
        break;
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::annotate::yaml::Node;

    fn entry() -> Map {
        vec![
            ("article", Node::Word("a".into())),
            ("quote", Node::Text("new: quote".into())),
        ]
    }

    fn claim() -> Map {
        vec![
            ("id", Node::Word("new".into())),
            ("statement", Node::Text("S".into())),
            ("topics", Node::Flow(vec![Node::Word("t".into())])),
            ("origin", Node::Word("o".into())),
            ("evidence", Node::Items(vec![entry()])),
        ]
    }

    const NEW_CLAIM: &str = "- id: new\n  statement: \"S\"\n  topics: [t]\n  origin: o\n  evidence:\n    - article: a\n      quote: \"new: quote\"\n";

    #[test]
    fn claims_are_appended_keeping_every_byte() {
        let f = "c.yaml";
        assert_eq!(append_claim("", f, &claim()).unwrap(), NEW_CLAIM);
        assert_eq!(
            append_claim("# only a comment", f, &claim()).unwrap(),
            format!("# only a comment\n{NEW_CLAIM}")
        );
        let old = "\u{feff}# head\n- id: x # note\n  statement: s\n\n# between\n\n- id: y\n  statement: s\n# tail";
        let new = append_claim(old, f, &claim()).unwrap();
        assert_eq!(
            new,
            format!("{old}\n\n{NEW_CLAIM}"),
            "blank lines part the items here"
        );
        let crlf = "- id: x\r\n  statement: s\r\n";
        let new = append_claim(crlf, f, &claim()).unwrap();
        assert_eq!(new, format!("{crlf}{}", NEW_CLAIM.replace('\n', "\r\n")));
        let indented = "  - id: x\n    statement: s\n";
        assert!(
            append_claim(indented, f, &claim())
                .unwrap()
                .starts_with("  - id: x\n    statement: s\n  - id: new\n    statement: \"S\"\n")
        );
    }

    #[test]
    fn appending_refuses_what_it_cannot_keep() {
        let f = "c.yaml";
        for (old, why) in [
            ("[{id: x}]", "cannot add the claim"),
            ("- id: x\n...\n", "cannot add the claim"),
            ("id: x\n", "not a list of claims"),
            ("- [", "cannot be read as YAML"),
            ("- id: x\r- id: y\n", "carriage returns"),
        ] {
            let e = append_claim(old, f, &claim()).unwrap_err();
            assert!(e.contains(why), "{old:?}: {e}");
        }
    }

    const FILE: &str = "# Claims.\n\n- id: first\n  evidence:\n    - article: a\n      quote: \"q1\"\n      # about q1\n    - { article: b, quote: q2 }\n  # the note\n  note: |\n    Text.\n\n    More.\n\n- id: second # trailing\n  evidence:\n  - article: a\n    quote: >-\n      folded\n      text\n\n  # last comment\n";

    #[test]
    fn evidence_is_inserted_at_the_end_of_the_list() {
        let f = "c.yaml";
        let new = insert_evidence(FILE, f, "first", &entry()).unwrap();
        assert_eq!(
            new,
            FILE.replacen(
                "    - { article: b, quote: q2 }\n",
                "    - { article: b, quote: q2 }\n    - article: a\n      quote: \"new: quote\"\n",
                1
            )
        );
        let new = insert_evidence(FILE, f, "second", &entry()).unwrap();
        assert_eq!(
            new,
            FILE.replacen(
                "      text\n",
                "      text\n  - article: a\n    quote: \"new: quote\"\n",
                1
            ),
            "an indentless list; the blank line and comment after it stay after it"
        );
        let wide = "- id: w\n  evidence:\n    -   article: a\n        quote: q\n";
        assert_eq!(
            insert_evidence(wide, f, "w", &entry()).unwrap(),
            format!("{wide}    -   article: a\n        quote: \"new: quote\"\n")
        );
        let bom_crlf_no_end =
            "\u{feff}- id: c\r\n  evidence:\r\n    - article: a\r\n      quote: q";
        assert_eq!(
            insert_evidence(bom_crlf_no_end, f, "c", &entry()).unwrap(),
            format!("{bom_crlf_no_end}\r\n    - article: a\r\n      quote: \"new: quote\"\r\n")
        );
    }

    #[test]
    fn evidence_refuses_what_it_cannot_edit() {
        let f = "c.yaml";
        for (old, id, why) in [
            (
                "- id: c\n  evidence: [{article: a, quote: q}]\n",
                "c",
                "flow style",
            ),
            (
                "[{id: c, evidence: [{article: a, quote: q}]}]\n",
                "c",
                "flow style",
            ),
            ("- id: c\n  evidence: []\n", "c", "flow style"),
            ("- id: c\n", "c", "no evidence list"),
            ("- id: c\n  evidence: x\n", "c", "no evidence list"),
            (
                "- id: c\n  evidence:\n    - article: a\n",
                "d",
                "not in c.yaml",
            ),
            ("- id: c\n- id: c\n", "c", "more than once"),
            // A kept trailing blank line belongs to the block scalar: adding
            // after the last text line would change it.
            (
                "- id: c\n  evidence:\n    - article: a\n      quote: |+\n        q\n\n",
                "c",
                "cannot add the evidence entry",
            ),
        ] {
            let e = insert_evidence(old, f, id, &entry()).unwrap_err();
            assert!(e.contains(why), "{old:?}: {e}");
        }
    }
}
