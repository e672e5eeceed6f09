//! The quick YAML reader must give exactly what serde_yaml gives, or give
//! up: on fixed tricky documents, on every YAML file of the repository
//! (which it must also read, so that the fast path is really taken), and
//! on generated documents with random damage.

use dossier::load::yaml::quick::parse;
use proptest::prelude::*;
use std::path::Path;

/// Same value as serde_yaml, or `None`; `Debug` compares NaN with NaN.
fn agrees(doc: &str) -> Result<bool, String> {
    let Some(quick) = parse(doc) else {
        return Ok(false);
    };
    match serde_yaml::from_str::<serde_yaml::Value>(doc) {
        Ok(v) if format!("{v:?}") == format!("{quick:?}") => Ok(true),
        Ok(v) => Err(format!("{doc:?}\nserde_yaml: {v:?}\nquick:      {quick:?}")),
        Err(e) => Err(format!(
            "{doc:?}\nserde_yaml failed ({e}), quick read {quick:?}"
        )),
    }
}

#[test]
fn tricky_documents_agree_or_are_left_to_serde_yaml() {
    let read = [
        "",
        "# only a comment\n",
        "- a\n- b\n",
        "- id: x\n  n: 600\n  f: 0.5\n  neg: -3\n  hex: 0x1F\n  oct: 0o17\n  bin: 0b101\n  plus: +7\n  date: 2025-04-30\n  year: 2025\n  month: 2025-04\n",
        "- id: x\n  t: [a, b, \"c, d\", 'e''f', 12, -1.5, ~, null, true]\n  e: []\n  m: {}\n",
        "- { metric: troops-killed, value: 600, precision: approx, as_of: 2025-04 }\n",
        "- id: x\n  figures:\n    - { metric: m, value: 1.5e3 }\n",
        "- id: x\n  evidence:\n  - article: a\n    quote: \"l’armée\"\n  - article: b\n    quote: plain text, with commas; no\n",
        "- id: x\n  note: |\n    line one\n    line two\n\n    para\n\n\n  other: y\n",
        "- id: x\n  note: |-\n    kept\n    # not a comment\n",
        "- id: x\n  note: >\n    folded\n    lines\n\n    para\n",
        "- id: x\n  note: >-\n    a\n    b",
        "- id: x\n  note: |\n    no newline at the end",
        "- id: x\n  s: \"\\u00e9\\t\\x41\\\\ \\\" \\/ \\N\\_\\L\\P\\e\\0 \\U0001F600\"\n",
        "- id: x\n  a: b # comment\n  c: 'q' # comment\n  d: \"q\"   # comment\n  e: a#b\n",
        "- id: x\n  v: yes\n  w: No\n  x: on\n  y: .inf\n  z: -.Inf\n  n: .nan\n  q: +.5\n  r: 1.\n  s: -0\n  t: 0\n",
        "- id: x\n  w: 0x\n  x: 1_000\n",
        "- id: x\n  nested:\n    a: 1\n    b:\n      - c\n",
        "title: T\npublished: 2025-06\nlanguage: fr\nsummary: >\n  A summary\n  on two lines.\n",
        "- id: x\n  key:\n  next: 1\n",
        "- id: \"x\"\n  statement: \"Kim’s \\\"100%\\\" — 10 000\"\n",
        "- id: x\n  t: [a,b]\n  u: {k: v}\n",
        // Quotes closed or escaped right after a character of several bytes.
        "- id: x\n  s: \"outlet «La Corée»\"\n  t: \"é\\\"x\"\n  u: [\"«a»\", \"漢\\t\"]\n",
        // Keys that are words of the YAML schema stay keys only as strings.
        "- id: x\n  nulls: 1\n  truely: 2\n  False_: 3\n",
    ];
    let left = [
        "- &a x\n- *a\n",
        "- !tag x\n",
        "- id: x\n  id: y\n",
        "- id: x\n  s: \"multi\n    line\"\n",
        "- id: x\n  s: plain\n    continued\n",
        "- id: x\n\tt: 1\n",
        "--- \n- a\n",
        "- id: x\n  a: b: c\n",
        "- id: x\n  t: [a, [b]]\n",
        "- - a\n",
        "-\n  a: 1\n",
        "- id: x\n  note: |2\n     x\n",
        "- id: x\n  note: |+\n    x\n\n",
        "? a\n: b\n",
        "- a\nb: 1\n",
        "- id: x\n  t: [a,]\n",
        "- id: x\n  v: 007\n",
        "- id: x\n  y: 99999999999999999999999\n",
        "- id: x\n  z: -99999999999999999999\n",
        "- id: x\n  a: 12abc\n",
    ];
    // Nested deeper than the content format needs: left to serde_yaml,
    // without recursing thousands of levels.
    let deep: String = (0..3000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    assert!(parse(&deep).is_none());
    let mut taken = 0;
    for doc in read.iter().chain(&left) {
        if agrees(doc).unwrap_or_else(|e| panic!("{e}")) {
            taken += 1;
        }
    }
    for doc in read {
        assert!(parse(doc).is_some(), "should be read quickly: {doc:?}");
    }
    for doc in left {
        assert!(
            parse(doc).is_none(),
            "should be left to serde_yaml: {doc:?}"
        );
    }
    assert_eq!(taken, read.len());
}

fn yaml_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml") {
            out.push(p);
        }
    }
}

#[test]
fn every_yaml_file_of_the_repository_agrees() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    yaml_files(&root.join("content"), &mut files);
    yaml_files(&root.join("tests/fixtures"), &mut files);
    assert!(files.len() > 50, "{} files", files.len());
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let text = text.replace("\r\n", "\n");
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let quick = agrees(text).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        // The shipped dossier is written the plain way: it must be read
        // quickly, or the fast path is not taken where it matters.
        if f.starts_with(root.join("content")) {
            assert!(quick, "{} not read quickly", f.display());
        }
    }
}

/// Scalars that resolve to different types, or are hard to delimit.
fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "a",
            "labor-export",
            "2025-04-30",
            "2025",
            "600",
            "-3",
            "+7",
            "0.5",
            "1e3",
            "0x1F",
            "007",
            "~",
            "null",
            "Null",
            "true",
            "FALSE",
            "yes",
            ".inf",
            "-.inf",
            ".nan",
            "a:b",
            "a#b",
            "é",
            "l’armée",
            "10 000",
            "-x",
            "x y",
            "0",
            "-0",
            "+",
            ".",
            "1.",
            "0o7",
            "99999999999999999999",
            "[x]",
            "{x}",
            "a, b",
            "\"q\"",
            "'q'",
            "'it''s'",
            "\"a\\tb\\u00e9\"",
            "\"\\\"\"",
            "x # c",
            "x #c",
            "x:",
            "%x",
            "@x",
            "*x",
            "&x",
            "!x",
            "|",
            ">",
            "- x",
            "? x",
            ": x",
        ])
        .prop_map(str::to_string),
        "[a-zé0-9 :#,.'\"-]{0,12}",
    ]
}

fn value(indent: usize) -> BoxedStrategy<String> {
    let pad = " ".repeat(indent);
    let pad2 = pad.clone();
    prop_oneof![
        scalar().prop_map(|s| format!(" {s}\n")),
        prop::collection::vec(scalar(), 0..4).prop_map(|v| format!(" [{}]\n", v.join(", "))),
        prop::collection::vec(("[a-z]{1,3}", scalar()), 0..3).prop_map(|v| format!(
            " {{ {} }}\n",
            v.iter()
                .map(|(k, s)| format!("{k}: {s}"))
                .collect::<Vec<_>>()
                .join(", ")
        )),
        (
            prop::sample::select(vec!["|", "|-", ">", ">-", "| # c"]),
            prop::collection::vec(prop_oneof!["[a-z #]{0,8}", Just(String::new())], 1..5),
            0..3usize,
        )
            .prop_map(move |(h, lines, extra)| {
                let body: String = lines
                    .iter()
                    .enumerate()
                    .map(|(n, l)| {
                        let deeper = if n == 1 {
                            " ".repeat(extra)
                        } else {
                            String::new()
                        };
                        if l.is_empty() {
                            "\n".to_string()
                        } else {
                            format!("{pad}  {deeper}{l}\n")
                        }
                    })
                    .collect();
                format!(" {h}\n{body}")
            }),
        prop::collection::vec(scalar(), 1..3).prop_map(move |v| format!(
            "\n{}",
            v.iter()
                .map(|s| format!("{pad2}  - {s}\n"))
                .collect::<String>()
        )),
        Just("\n".to_string()),
    ]
    .boxed()
}

fn document() -> impl Strategy<Value = String> {
    let entry = ("[a-z]{1,3}", value(2)).prop_map(|(k, v)| format!("{k}:{v}"));
    let item = prop::collection::vec(entry, 1..5).prop_map(|entries| {
        let mut s = String::new();
        for (n, e) in entries.iter().enumerate() {
            s.push_str(if n == 0 { "- " } else { "  " });
            s.push_str(e);
        }
        s
    });
    prop::collection::vec(prop_oneof![item, Just("# comment\n".to_string())], 0..4)
        .prop_map(|items| items.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_documents_agree(doc in document()) {
        agrees(&doc).map_err(TestCaseError::fail)?;
    }

    #[test]
    fn damaged_documents_agree(doc in document(), at in any::<prop::sample::Index>(),
                               what in prop::sample::select(vec!["", " ", "  ", "\n", ":", "-", "#", "\"", "'", "[", "]", "{", "}", ",", "|", "a"])) {
        let mut doc = doc;
        if !doc.is_empty() {
            let mut i = at.index(doc.len());
            while !doc.is_char_boundary(i) {
                i -= 1;
            }
            // Insert, or replace one character.
            if what.is_empty() {
                let end = doc[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                doc.replace_range(i..end, "");
            } else {
                doc.insert_str(i, what);
            }
        }
        agrees(&doc).map_err(TestCaseError::fail)?;
    }
}

/// The generated documents exercise the quick reader, not only its giving
/// up: most of them are in its subset.
#[test]
fn generated_documents_are_mostly_read_quickly() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let read = (0..3000)
        .filter(|_| parse(&document().new_tree(&mut runner).unwrap().current()).is_some())
        .count();
    assert!(read > 1000, "{read} of 3000");
}
