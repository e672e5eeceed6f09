//! Writes a synthetic but valid dossier for benchmarks:
//!
//!     gen-corpus --out DIR --articles N --claims M [--seed S] [--entities E] [--hugo DIR]
//!
//! N articles of about 800 words of accented French-like text (headings,
//! lists, emphasis, links, a code block every fifth article), 4 topics,
//! 24 sources, 8 metrics, and M claims whose quotes are cut from the
//! articles. With `--entities E` it also writes an `entities.yaml` of E
//! entities (a few named by words of the text, in French, English and
//! Russian, the others by names the text never uses), for measuring the
//! mention pass. With `--hugo DIR` it also writes the same articles as a Hugo
//! site with minimal equivalent templates (one page per article, one list
//! page per topic, highlighting on), for a side-by-side benchmark.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const WORDS: &[&str] = &[
    "la",
    "coopération",
    "militaire",
    "entre",
    "Moscou",
    "et",
    "Pyongyang",
    "s'est",
    "renforcée",
    "depuis",
    "l'été",
    "selon",
    "les",
    "services",
    "de",
    "renseignement",
    "sud-coréens",
    "qui",
    "estiment",
    "que",
    "des",
    "milliers",
    "d'ouvriers",
    "ont",
    "été",
    "envoyés",
    "vers",
    "chantiers",
    "russes",
    "où",
    "ils",
    "travaillent",
    "dans",
    "conditions",
    "difficiles",
    "pour",
    "un",
    "salaire",
    "versé",
    "à",
    "l'État",
    "nord-coréen",
    "démineurs",
    "région",
    "Koursk",
    "frontière",
    "ukrainienne",
    "sanctions",
    "internationales",
    "Conseil",
    "sécurité",
    "résolution",
    "violée",
    "pertes",
    "soldats",
    "blessés",
    "tués",
    "combats",
    "officiels",
    "ukrainiens",
    "affirment",
    "rapport",
    "publié",
    "lundi",
    "mardi",
    "semaine",
    "dernière",
    "agence",
    "presse",
    "gouvernement",
    "ministère",
    "défense",
    "accord",
    "signé",
    "juin",
    "traité",
    "partenariat",
    "stratégique",
    "global",
    "assistance",
    "mutuelle",
    "cas",
    "d'agression",
    "armée",
    "troupes",
    "déployées",
    "bataillons",
    "ingénieurs",
    "construction",
    "reconstruction",
    "infrastructures",
    "routes",
    "ponts",
    "écoles",
    "hôpitaux",
    "main-d'œuvre",
    "qualifiée",
    "pénurie",
    "économie",
    "devises",
    "étrangères",
    "transferts",
    "financiers",
    "pétrole",
    "raffiné",
    "livraisons",
    "munitions",
    "obus",
    "missiles",
    "balistiques",
    "experts",
    "analystes",
    "doutent",
    "chiffres",
    "avancés",
    "estimation",
    "prudente",
    "hausse",
    "baisse",
    "nombre",
    "total",
    "environ",
    "près",
    "plus",
    "moins",
    "jusqu'à",
    "mille",
    "centaines",
    "dizaines",
    "déclaration",
    "conférence",
    "sommet",
    "rencontre",
    "dirigeant",
    "président",
    "secrétaire",
    "conseil",
    "porte-parole",
    "diplomatie",
    "négociations",
    "cessez-le-feu",
    "observateurs",
    "témoins",
    "images",
    "satellite",
    "vidéos",
    "réseaux",
    "sociaux",
    "vérifiées",
    "indépendamment",
    "source",
    "proche",
    "dossier",
    "condition",
    "d'anonymat",
    "élevé",
    "faible",
    "très",
    "également",
    "notamment",
    "cependant",
    "toutefois",
    "ainsi",
    "alors",
    "encore",
    "déjà",
    "bientôt",
    "récemment",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn word(&mut self) -> &'static str {
        WORDS[self.below(WORDS.len())]
    }
}

struct Args {
    out: PathBuf,
    articles: usize,
    claims: usize,
    seed: u64,
    entities: usize,
    hugo: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        out: PathBuf::from("corpus"),
        articles: 1000,
        claims: 10_000,
        seed: 1,
        entities: 0,
        hugo: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--out" => a.out = PathBuf::from(val()?),
            "--articles" => a.articles = val()?.parse().map_err(|e| format!("--articles: {e}"))?,
            "--claims" => a.claims = val()?.parse().map_err(|e| format!("--claims: {e}"))?,
            "--seed" => a.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--entities" => a.entities = val()?.parse().map_err(|e| format!("--entities: {e}"))?,
            "--hugo" => a.hugo = Some(PathBuf::from(val()?)),
            "-h" | "--help" => {
                return Err(
                    "usage: gen-corpus --out DIR --articles N --claims M [--seed S] [--entities E] [--hugo DIR]"
                        .into(),
                );
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if a.articles == 0 {
        return Err("--articles must be at least 1".into());
    }
    Ok(a)
}

const TOPICS: [&str; 4] = ["labor-export", "demining", "sanctions", "casualties"];

/// One article: its Markdown body and the plain sentences quotes are cut from.
fn article(rng: &mut Rng, n: usize) -> (String, Vec<String>) {
    let mut body = String::new();
    let mut sentences = Vec::new();
    let mut words = 0;
    let mut section = 0;
    while words < 800 {
        if words > 0 && words % 200 < 40 && section < words / 200 {
            section = words / 200;
            let _ = writeln!(body, "## {} {}\n", capital(rng.word()), rng.word());
        }
        let mut para = String::new();
        for s in 0..(3 + rng.below(3)) {
            let len = 12 + rng.below(14);
            let mut sentence: Vec<String> = (0..len).map(|_| rng.word().to_string()).collect();
            sentence[0] = capital(&sentence[0]);
            let plain = sentence.join(" ");
            words += len;
            // Decorate some words with emphasis or a link (markup the quotes must span).
            let decorated = if s == 1 {
                let i = 2 + rng.below(len - 4);
                sentence[i] = format!("*{}*", sentence[i]);
                sentence.join(" ")
            } else if s == 2 {
                let i = 2 + rng.below(len - 4);
                sentence[i] = format!("[{}](https://example.org/{n}/{i})", sentence[i]);
                sentence.join(" ")
            } else {
                plain.clone()
            };
            sentences.push(plain);
            let _ = write!(para, "{decorated}. ");
        }
        let _ = writeln!(body, "{}\n", para.trim_end());
        if rng.below(6) == 0 {
            for _ in 0..3 {
                let _ = writeln!(body, "- {} {} {}", rng.word(), rng.word(), rng.word());
            }
            body.push('\n');
        }
    }
    if n.is_multiple_of(5) {
        body.push_str("```rust\nfn main() {\n    let total: u32 = (1..=10).sum();\n    println!(\"{total}\");\n}\n```\n");
    }
    (body, sentences)
}

/// `n` entities: the first named by words and phrases of the text (so the
/// mention pass finds them), the others by names the text never uses.
fn entities(n: usize) -> String {
    const NAMED: &[(&str, &str, &[&str])] = &[
        ("moscow", "place", &["Moscou", "Москва"]),
        ("pyongyang", "place", &["평양"]),
        ("kursk", "place", &["Koursk", "Курск"]),
        (
            "security-council",
            "organisation",
            &["Conseil sécurité", "Security Council"],
        ),
        (
            "intelligence",
            "organisation",
            &["services de renseignement", "renseignement sud-coréens"],
        ),
        (
            "defence-ministry",
            "organisation",
            &["ministère défense", "Минобороны"],
        ),
        (
            "north-korean-state",
            "organisation",
            &["l'État nord-coréen"],
        ),
        ("ukrainian-officials", "other", &["officiels ukrainiens"]),
    ];
    let mut out = String::new();
    for k in 0..n {
        let (id, kind, aliases): (String, &str, Vec<String>) = match NAMED.get(k) {
            Some((id, kind, aliases)) => (
                (*id).into(),
                kind,
                aliases.iter().map(|a| (*a).to_string()).collect(),
            ),
            None => (
                format!("entity-{k}"),
                ["person", "organisation", "place", "other"][k % 4],
                vec![
                    format!("Zentity {k}"),
                    format!("Зентити {k}"),
                    format!("Xénon-{k}"),
                ],
            ),
        };
        let _ = writeln!(
            out,
            "- id: {id}\n  name: \"{}\"\n  kind: {kind}\n  aliases:",
            capital(&id.replace('-', " "))
        );
        for alias in aliases {
            let _ = writeln!(out, "    - \"{alias}\"");
        }
    }
    out
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = generate(&args) {
        eprintln!("gen-corpus: {e}");
        std::process::exit(1);
    }
}

fn generate(a: &Args) -> std::io::Result<()> {
    let content = a.out.join("content");
    for dir in ["articles", "topics", "claims"] {
        fs::create_dir_all(content.join(dir))?;
    }
    fs::write(
        a.out.join("dossier.toml"),
        format!(
            "title = \"Benchmark corpus: {} articles\"\nlanguage = \"en\"\n",
            a.articles
        ),
    )?;
    fs::write(
        content.join("_index.md"),
        "---\ntitle: \"Benchmark corpus\"\nsummary: \"Synthetic dossier for benchmarks.\"\n---\nGenerated by gen-corpus.\n",
    )?;
    for (i, t) in TOPICS.iter().enumerate() {
        fs::write(
            content.join(format!("topics/{t}.md")),
            format!(
                "---\ntitle: \"{}\"\norder: {}\nsummary: \"Topic {t}.\"\n---\nOverview of {t}.\n",
                capital(&t.replace('-', " ")),
                i + 1
            ),
        )?;
    }
    let mut sources = String::new();
    for s in 0..24 {
        let kind = [
            "government",
            "intelligence",
            "state-media",
            "media",
            "ngo",
            "other",
        ][s % 6];
        let _ = writeln!(
            sources,
            "- id: source-{s}\n  name: \"Source {s}\"\n  kind: {kind}\n  reliability: {}",
            ["A", "B", "C", "D", "E", "F"][s % 6]
        );
    }
    fs::write(content.join("sources.yaml"), sources)?;
    let mut metrics = String::new();
    for m in 0..8 {
        let _ = writeln!(
            metrics,
            "- id: metric-{m}\n  label: \"Quantity {m}\"\n  unit: people\n  topic: {}",
            TOPICS[m % 4]
        );
    }
    fs::write(content.join("metrics.yaml"), metrics)?;
    if a.entities > 0 {
        fs::write(content.join("entities.yaml"), entities(a.entities))?;
    }

    let mut rng = Rng(a.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut all_sentences: Vec<Vec<String>> = Vec::with_capacity(a.articles);
    let hugo = a.hugo.as_deref();
    if let Some(h) = hugo {
        hugo_skeleton(h)?;
    }
    for n in 0..a.articles {
        let (body, sentences) = article(&mut rng, n);
        let t1 = TOPICS[n % 4];
        let t2 = TOPICS[(n / 4 + 1) % 4];
        let month = 1 + n % 12;
        let fm = format!(
            "---\ntitle: \"Article {n} : {} {}\"\npublished: 2025-{month:02}\nlanguage: fr\nurl: https://example.org/articles/{n}\nsummary: \"Synthetic article {n}.\"\n---\n",
            rng.word(),
            rng.word()
        );
        fs::write(
            content.join(format!("articles/article-{n}.md")),
            format!("{fm}{body}"),
        )?;
        if let Some(h) = hugo {
            let t3 = TOPICS[(n / 16 + 2) % 4];
            fs::write(
                h.join(format!("content/articles/article-{n}.md")),
                format!(
                    "---\ntitle: \"Article {n}\"\ndate: 2025-{month:02}-01\ntopics: [\"{t1}\", \"{t2}\", \"{t3}\"]\n---\n{body}"
                ),
            )?;
        }
        all_sentences.push(sentences);
    }
    // Claims: 200 per file; quotes of 10 words cut from one sentence.
    let mut file = String::new();
    let mut file_no = 0;
    for c in 0..a.claims {
        let art = rng.below(a.articles);
        let sentences = &all_sentences[art];
        let s = &sentences[rng.below(sentences.len())];
        let words: Vec<&str> = s.split(' ').collect();
        let len = 10.min(words.len());
        let start = rng.below(words.len() - len + 1);
        let quote = words[start..start + len].join(" ").replace('"', "\\\"");
        let topic = TOPICS[c % 4];
        let origin = rng.below(24);
        // A statement of words (no digits: a number in a statement without
        // a figure is a `check --strict` warning), fixed by the claim index.
        let statement: Vec<&str> = (0..8)
            .map(|k| WORDS[(c * 7919 + k * 104_729) % WORDS.len()])
            .collect();
        let statement = statement.join(" ");
        let _ = writeln!(
            file,
            "- id: claim-{c}\n  statement: \"Synthetic claim: {statement}.\"\n  topics: [{topic}]\n  origin: source-{origin}\n  date: 2025-{:02}\n  credibility: {}",
            1 + c % 12,
            2 + c % 4
        );
        if c % 3 == 0 {
            // Sources mostly agree (within 4 % of the metric's value); one
            // figure in a hundred is an outlier that others contest.
            let base = 1000 * (1 + c % 8);
            let value = if rng.below(100) == 0 {
                base * 3
            } else {
                base * (96 + rng.below(9)) / 100
            };
            let _ = writeln!(
                file,
                "  figures:\n    - {{ metric: metric-{}, value: {value}, precision: approx }}",
                c % 8
            );
        }
        if c % 7 == 0 && c > 0 {
            let _ = writeln!(file, "  corroborates: [claim-{}]", rng.below(c));
        }
        let _ = writeln!(
            file,
            "  evidence:\n    - article: article-{art}\n      quote: \"{quote}\""
        );
        if (c + 1) % 200 == 0 || c + 1 == a.claims {
            fs::write(
                content.join(format!("claims/claims-{file_no:04}.yaml")),
                std::mem::take(&mut file),
            )?;
            file_no += 1;
        }
    }
    eprintln!(
        "gen-corpus: wrote {} articles and {} claims to {}",
        a.articles,
        a.claims,
        a.out.display()
    );
    Ok(())
}

/// A Hugo site with templates equivalent to ours in scope: one page per
/// article, a list page per topic (taxonomy), highlighting on.
fn hugo_skeleton(h: &Path) -> std::io::Result<()> {
    fs::create_dir_all(h.join("content/articles"))?;
    fs::create_dir_all(h.join("layouts/_default"))?;
    fs::write(
        h.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\ntitle = \"Benchmark corpus\"\ndisableKinds = [\"RSS\", \"sitemap\"]\n[taxonomies]\ntopic = \"topics\"\n[markup.highlight]\nnoClasses = false\n",
    )?;
    fs::write(
        h.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    )?;
    fs::write(
        h.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><p>{{ .Date.Format \"2006-01\" }}</p>{{ .Content }}<ul>{{ range .GetTerms \"topics\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}\n",
    )?;
    fs::write(
        h.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    )?;
    Ok(())
}
