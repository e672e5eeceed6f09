//! Each pattern of a schema against the rule the loader checks, each
//! vocabulary against its constant, each field list against the one
//! the loader's hints name. The patterns are compiled by the
//! `jsonschema` crate, as a validator reads them.

use super::*;
use crate::load::fields::LANGUAGE_PATTERN;
use crate::load::fields::is_language_tag;
use crate::load::markers::{WIKIDATA_PATTERN, http_url, not_blank, quotable};
use crate::model::{
    Confidence, Credibility, EntityKind, FigureStatus, ID_PATTERN, Likelihood, PartialDate,
    Precision, Reliability, SourceKind, is_id,
};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Whether the pattern accepts `s`, as a validator compiles it.
fn matcher(pattern: &str) -> impl Fn(&str) -> bool + use<> {
    let v = jsonschema::draft7::new(&json!({ "type": "string", "pattern": pattern })).unwrap();
    move |s: &str| v.is_valid(&json!(s))
}

/// Every string of up to `len` characters of `alphabet`.
fn strings(alphabet: &[char], len: usize) -> Vec<String> {
    let mut all = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..len {
        last = last
            .iter()
            .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
            .collect();
        all.extend(last.iter().cloned());
    }
    all
}

fn schema(name: &str) -> Value {
    let file = FILES.iter().find(|f| f.name == name).unwrap();
    serde_json::from_str(&file.json()).unwrap()
}

#[test]
fn the_id_pattern_is_is_id() {
    let matches = matcher(ID_PATTERN);
    let mut tried = strings(&['a', 'z', '0', '9', '-', 'A', '_', ' ', 'é'], 4);
    tried.extend(["north-korea-2025", "2025", "-a", "a-", "a--b", "a\n"].map(String::from));
    tried.extend([
        "a".repeat(200),
        "a".repeat(201),
        format!("9{}", "-".repeat(199)),
    ]);
    for s in tried {
        assert_eq!(matches(&s), is_id(&s), "{s:?}");
    }
}

#[test]
fn the_wikidata_pattern_is_is_wikidata_item() {
    use crate::load::entities::is_wikidata_item;
    let matches = matcher(WIKIDATA_PATTERN);
    let mut tried = strings(&['Q', 'q', '0', '1', '9', 'P', ' ', '-'], 4);
    tried.extend(
        [
            "Q7747", "Q42", "Q0", "Q07", "Q", "Q1 ", "Q1\n", "P31", "Q١٢",
        ]
        .map(String::from),
    );
    for s in tried {
        assert_eq!(matches(&s), is_wikidata_item(&s), "{s:?}");
    }
}

#[test]
fn the_date_pattern_is_partial_date_parse_on_every_day_of_centuries() {
    let matches = matcher(PartialDate::PATTERN);
    let mut years: Vec<u16> = (1890..=2110).collect();
    years.extend([
        0, 4, 100, 400, 1000, 1600, 1700, 1800, 2400, 2500, 9996, 9999,
    ]);
    let mut tried = 0;
    for y in years {
        let year = format!("{y:04}");
        let mut dates = vec![year.clone()];
        for m in 0..=13 {
            dates.push(format!("{year}-{m:02}"));
            dates.extend((0..=32).map(|d| format!("{year}-{m:02}-{d:02}")));
        }
        for s in dates {
            assert_eq!(matches(&s), PartialDate::parse(&s).is_ok(), "{s}");
            tried += 1;
        }
    }
    for s in [
        "",
        "25",
        "202",
        "20250",
        "2025-6",
        "2025-06-1",
        "2025-006",
        "2025/06",
        "2025-06-17-01",
        "2025-06-17T10:00",
        "2025-",
        "-2025",
        "a025",
        "2025-0a",
        "２０２５",
    ] {
        assert_eq!(matches(s), PartialDate::parse(s).is_ok(), "{s:?}");
    }
    assert!(tried > 100_000);
}

#[test]
fn the_language_pattern_is_is_language_tag() {
    let matches = matcher(LANGUAGE_PATTERN);
    let mut tried = strings(&['a', 'B', '1', '-', '_'], 6);
    tried.extend(
        [
            "zh-Hant-TW",
            "abcdefgh",
            "abcdefghi",
            "fr-abcdefgh",
            "fr-abcdefghi",
            "pt-BR",
            "é",
        ]
        .map(String::from),
    );
    for s in tried {
        assert_eq!(matches(&s), is_language_tag(&s), "{s:?}");
    }
}

/// Every character of the Basic Multilingual Plane, and a sample of
/// the others.
fn characters() -> impl Iterator<Item = char> {
    (0..=0xFFFF_u32)
        .chain((0x10000..=0x10FFFF).step_by(97))
        .filter_map(char::from_u32)
}

#[test]
fn text_is_blank_for_the_schema_exactly_when_trim_empties_it() {
    let matches = matcher(&not_blank());
    for c in characters() {
        let s = c.to_string();
        assert_eq!(matches(&s), !s.trim().is_empty(), "U+{:04X}", c as u32);
    }
    assert!(!matches(" \t\u{3000}\n"));
}

#[test]
fn a_quote_is_empty_for_the_schema_exactly_when_normalisation_empties_it() {
    let matches = matcher(&quotable());
    for c in characters() {
        let s = c.to_string();
        assert_eq!(
            matches(&s),
            !crate::anchor::normalise::normalize(&s).is_empty(),
            "U+{:04X}",
            c as u32
        );
    }
    assert!(!matches("  \t \u{a0}\u{200b} "));
    assert!(matches("  \t x\u{200b} "));
}

#[test]
fn the_url_pattern_is_the_articles_check() {
    let matches = matcher(&http_url());
    // The check of `articles.rs`, on a trimmed value.
    let check = |u: &str| {
        (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
    };
    for scheme in [
        "https://",
        "http://",
        "ftp://",
        "HTTPS://",
        "https:/",
        "",
        "xhttps://",
    ] {
        for rest in [
            "",
            "example.org/a?b#c",
            "a b",
            "a\u{a0}b",
            "a\u{3000}",
            "é/ü",
        ] {
            let s = format!("{scheme}{rest}");
            assert_eq!(matches(&s), check(&s), "{s:?}");
        }
    }
}

/// The words of the enum at `pointer`, without `null`.
fn words(schema: &Value, pointer: &str) -> Vec<Value> {
    let list = schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("{pointer}"));
    list.as_array()
        .unwrap()
        .iter()
        .filter(|v| !v.is_null())
        .cloned()
        .collect()
}

#[test]
fn each_vocabulary_is_its_constant_on_the_right_fields() {
    let (claims, sources) = (schema("claims.json"), schema("sources.json"));
    let figure = "/items/properties/figures/items/properties";
    let cases = [
        (
            &sources,
            "/items/properties/kind/enum".to_string(),
            json!(SourceKind::ALL),
        ),
        (
            &sources,
            "/items/properties/reliability/enum".to_string(),
            json!(Reliability::ALL),
        ),
        (
            &claims,
            format!("{figure}/precision/enum"),
            json!(Precision::ALL),
        ),
        (
            &claims,
            format!("{figure}/status/enum"),
            json!(FigureStatus::ALL),
        ),
        (
            &claims,
            "/items/properties/credibility/enum".to_string(),
            json!(Credibility::ALL.collect::<Vec<_>>()),
        ),
    ];
    for (schema, pointer, expected) in cases {
        assert_eq!(json!(words(schema, &pointer)), expected, "{pointer}");
    }
    assert_eq!(
        json!(words(
            &schema("entities.json"),
            "/items/properties/kind/enum"
        )),
        json!(EntityKind::ALL)
    );
    let article = schema("article.json");
    assert_eq!(
        json!(words(&article, "/properties/reliability/enum")),
        json!(Reliability::ALL)
    );
    for name in ["topic.json", "index.json"] {
        let judgment = "/properties/judgments/items/properties";
        let s = schema(name);
        let likelihood = words(&s, &format!("{judgment}/likelihood/enum"));
        assert_eq!(json!(likelihood), json!(Likelihood::ALL), "{name}");
        let confidence = words(&s, &format!("{judgment}/confidence/enum"));
        assert_eq!(json!(confidence), json!(Confidence::ALL), "{name}");
    }
}

#[test]
fn each_schema_has_the_fields_the_loader_names_in_its_hints() {
    use super::super::{articles, claims, entities, index, metrics, sources, topics};
    let cases: [(&str, &str, &[&str]); 8] = [
        ("claims.json", "/items/properties", claims::CLAIM_FIELDS),
        ("sources.json", "/items/properties", sources::SOURCE_FIELDS),
        ("metrics.json", "/items/properties", metrics::METRIC_FIELDS),
        (
            "entities.json",
            "/items/properties",
            entities::ENTITY_FIELDS,
        ),
        ("article.json", "/properties", articles::ARTICLE_FIELDS),
        ("topic.json", "/properties", topics::TOPIC_FIELDS),
        ("index.json", "/properties", index::INDEX_FIELDS),
        ("dossier.toml.json", "/properties", crate::config::FIELDS),
    ];
    for (name, pointer, fields) in cases {
        let schema = schema(name);
        let properties: BTreeSet<&str> = schema
            .pointer(pointer)
            .unwrap()
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let fields: BTreeSet<&str> = fields.iter().copied().collect();
        assert_eq!(properties, fields, "{name}");
        let closed = schema.pointer(&pointer.replace("/properties", "/additionalProperties"));
        assert_eq!(
            closed,
            Some(&json!(false)),
            "{name}: unknown fields must be flagged"
        );
    }
}

#[test]
fn every_field_and_every_object_is_described() {
    fn walk(v: &Value, at: &str, missing: &mut Vec<String>) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (k, p) in props {
                let at = format!("{at}/{k}");
                if p.get("description").is_none() {
                    missing.push(at.clone());
                }
                walk(p, &at, missing);
            }
        }
        if let Some(items) = v.get("items") {
            walk(items, &format!("{at}[]"), missing);
        }
    }
    for file in FILES {
        let mut missing = Vec::new();
        walk(
            &serde_json::from_str(&file.json()).unwrap(),
            file.name,
            &mut missing,
        );
        assert!(missing.is_empty(), "no description: {missing:?}");
    }
}

#[test]
fn headers_point_from_each_file_to_the_schemas_folder() {
    let cases = [
        (
            "content/claims/a.yaml",
            Some("# yaml-language-server: $schema=../../schemas/claims.json"),
        ),
        (
            "content/claims/a.yml",
            Some("# yaml-language-server: $schema=../../schemas/claims.json"),
        ),
        (
            "content/sources.yaml",
            Some("# yaml-language-server: $schema=../schemas/sources.json"),
        ),
        (
            "content/metrics.yml",
            Some("# yaml-language-server: $schema=../schemas/metrics.json"),
        ),
        (
            "content/entities.yaml",
            Some("# yaml-language-server: $schema=../schemas/entities.json"),
        ),
        ("dossier.toml", Some("#:schema ./schemas/dossier.toml.json")),
        ("content/articles/a.md", None),
        ("content/_index.md", None),
        ("content/notes.txt", None),
        ("content/claims/deeper/a.yaml", None),
        ("README.md", None),
    ];
    for (rel, line) in cases {
        assert_eq!(header(rel, "schemas").as_deref(), line, "{rel}");
    }
    assert_eq!(
        for_path("content/topics/t.md").map(|f| f.name),
        Some("topic.json")
    );
}

#[test]
fn the_size_pattern_is_parse_size() {
    let matches = matcher(crate::config::SIZE_PATTERN);
    let mut tried = strings(&['1', '.', ' ', 'M', 'B', 'i', 'k'], 5);
    tried.extend(
        [
            "25 MB", "25MB", "1.5 GiB", "0 B", "512 KiB", "10 kb", " 3 GB ", "1e3 MB", "-1 MB",
            "25 Mb", "25 mB", "MB", "25", "1.5.2 MB", "25 MB\n",
        ]
        .map(String::from),
    );
    for s in tried {
        let parsed = crate::config::parse_size(&s).is_some();
        assert_eq!(matches(&s), parsed, "{s:?}");
    }
}
