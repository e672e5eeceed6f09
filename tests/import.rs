//! `dossier import`, end to end, with the real binary.
//!
//! `tests/fixtures/import/<case>/` holds one saved page (`page.html`, or
//! another name for a file that is not one), optionally `args.txt` (more
//! arguments), and the goldens: `expected.md` (the article written) and
//! `expected.txt` (what the command printed) for a page that imports, or
//! `expected.txt` alone (the error) for one that must be refused with exit
//! status 1. Each case is imported into a copy of
//! `tests/fixtures/good/basic`, which must then pass `dossier check`.
//! Today's date is written `[TODAY]` in goldens, the test server's address
//! `[SERVER]`. `DOSSIER_BLESS=1 cargo test --test import` rewrites them.
//!
//! The URL route runs against a server on 127.0.0.1 started here: a good
//! page, a redirect, a 404, an oversized body (announced, and streamed),
//! one that never answers, and one that is not HTML.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const GOLDEN_NAMES: &[&str] = &["expected.md", "expected.txt", "args.txt"];

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("DOSSIER_BLESS").is_some()
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary folder holding `dossier/`, a copy of the `basic` fixture.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(
            &repo().join("tests/fixtures/good/basic"),
            &dir.path().join("dossier"),
        );
        Sandbox { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("dossier")
    }

    fn articles(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(self.root().join("content/articles"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    /// Runs `dossier ARGS` in the temporary folder.
    fn run<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("DOSSIER_TIMINGS")
            .output()
            .unwrap();
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn check(&self) {
        let run = self.run(&["check", "--root", "dossier"]);
        assert_eq!(run.code, Some(0), "dossier check failed:\n{}", run.stderr);
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn expect(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "exit status\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        assert!(!self.stderr.contains("panicked"), "{}", self.stderr);
        self
    }
}

/// `text` with today's date and the server's address made stable.
fn redact(text: &str) -> String {
    let mut text = text.replace(&dossier::import::dates::today().iso(), "[TODAY]");
    if let Some(server) = SERVER.get() {
        text = text.replace(&server.base, "[SERVER]");
    }
    text
}

/// Compares `actual` with the golden `path`, or writes it when blessing.
fn golden(path: &Path, actual: &str) {
    let actual = redact(actual);
    if bless() {
        fs::write(path, &actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e} (DOSSIER_BLESS=1 writes it)", path.display()));
    assert!(
        expected == actual,
        "{} differs (DOSSIER_BLESS=1 rewrites it)\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

/// Imports `source` (with `extra` arguments) into a fresh sandbox and
/// checks the article and the report against `case`'s goldens.
fn import_case(case: &Path, source: &str, extra: &[String], sandbox: &Sandbox) {
    let before = sandbox.articles();
    let mut args = vec![
        "import".to_string(),
        source.to_string(),
        "--root".into(),
        "dossier".into(),
    ];
    args.extend(extra.iter().cloned());
    let run = sandbox.run(&args);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    let imports = if bless() {
        run.code == Some(0)
    } else {
        case.join("expected.md").exists()
    };
    if !imports {
        run.expect(1);
        assert_eq!(run.stderr.lines().count(), 1, "one line:\n{}", run.stderr);
        golden(&case.join("expected.txt"), &run.stderr);
        assert_eq!(sandbox.articles(), before, "nothing is written");
        return;
    }
    run.expect(0);
    let after = sandbox.articles();
    let new: Vec<&String> = after.iter().filter(|a| !before.contains(a)).collect();
    assert_eq!(new.len(), 1, "one new article: {new:?}");
    let article = fs::read_to_string(sandbox.root().join("content/articles").join(new[0])).unwrap();
    golden(&case.join("expected.md"), &article);
    golden(&case.join("expected.txt"), &run.stderr);
    sandbox.check();
}

#[test]
fn saved_pages_against_goldens() {
    let dir = repo().join("tests/fixtures/import");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 8, "{cases:?}");
    for case in cases {
        let files: Vec<String> = fs::read_dir(&case)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let inputs: Vec<&String> = files
            .iter()
            .filter(|f| !GOLDEN_NAMES.contains(&f.as_str()))
            .collect();
        assert_eq!(
            inputs.len(),
            1,
            "{}: one page per case, found {inputs:?}",
            case.display()
        );
        if !bless() {
            assert!(
                case.join("expected.txt").exists(),
                "{}: no expected.txt",
                case.display()
            );
        }
        let extra: Vec<String> = fs::read_to_string(case.join("args.txt"))
            .map(|a| a.split_whitespace().map(String::from).collect())
            .unwrap_or_default();
        let sandbox = Sandbox::new();
        fs::copy(case.join(inputs[0]), sandbox.dir.path().join(inputs[0])).unwrap();
        import_case(&case, inputs[0], &extra, &sandbox);
    }
}

/// The goldens hold the story and none of the page chrome around it (so
/// that a golden blessed by mistake does not pass unnoticed).
#[test]
fn goldens_hold_no_chrome() {
    let chrome = [
        "cookie",
        "Accepter",
        "casino",
        "Sponsoris",
        "sponsoris",
        "newsletter",
        "Recevez",
        "Partager",
        "Share",
        "Lire aussi",
        "lire aussi",
        "Comments",
        "Réactions",
        "Related",
        "Advertisement",
        "Publicité",
        "Sign up",
        "Leave a Reply",
        "Previous:",
        "Recent Posts",
        "Mots-clés",
        "©",
        "Skip to content",
        "Posted on",
        "Publié le",
        "Menu",
        "Accueil",
    ];
    let story = [
        (
            "news-jsonld",
            "the first **road bridge** across the Tumen river",
        ),
        (
            "blog-opengraph",
            "Between January and February I counted 27 calls",
        ),
        (
            "fr-cookie-spam",
            "Les salaires, entre 800 et 1\u{a0}000 dollars par mois",
        ),
        (
            "fr-news",
            "Le ministère sud-coréen de l’unification a dénoncé",
        ),
        ("windows-1252", "environ 2\u{a0}000\u{a0}€ par mois"),
        ("no-metadata", "On the way back we passed a convoy of buses"),
        // No space where the page's source broke a Japanese line.
        (
            "ja-wrapped",
            "山間部の３地区で、電話回線も一部で不通となっている。",
        ),
    ];
    for (case, sentence) in story {
        let path = repo()
            .join("tests/fixtures/import")
            .join(case)
            .join("expected.md");
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(sentence), "{case}: no {sentence:?}");
        for word in chrome {
            assert!(!text.contains(word), "{case}: {word:?} in\n{text}");
        }
    }
}

#[test]
fn imported_french_news_text_is_quotable() {
    let sandbox = Sandbox::new();
    let page = repo().join("tests/fixtures/import/fr-news/page.html");
    let run = sandbox.run(&[
        "import".as_ref(),
        page.as_os_str(),
        "--root".as_ref(),
        "dossier".as_ref(),
        "--slug".as_ref(),
        "matin-koursk".as_ref(),
    ]);
    run.expect(0);
    let root = sandbox.root();
    let mut sources = fs::read_to_string(root.join("content/sources.yaml")).unwrap();
    sources.push_str(
        "- id: shoigu\n  name: \"Sergei Shoigu, Security Council of Russia\"\n  kind: government\n  country: RU\n  reliability: C\n",
    );
    fs::write(root.join("content/sources.yaml"), sources).unwrap();
    fs::write(
        root.join("content/topics/demining.md"),
        "---\ntitle: Demining\n---\nNorth Korean deminers for Kursk.\n",
    )
    .unwrap();
    // Typed as an analyst types them: straight apostrophes, plain spaces
    // where the page has typographic ones and no-break spaces, across the
    // emphasis of *RIA Novosti*.
    let claims = "- id: deminers-pledge\n\
        \x20 statement: \"North Korea pledged 1,000 deminers and 5,000 military builders for Kursk.\"\n\
        \x20 topics: [demining]\n\
        \x20 origin: shoigu\n\
        \x20 evidence:\n\
        \x20   - article: matin-koursk\n\
        \x20     quote: \"la Corée du Nord s'était engagée à envoyer 1 000 démineurs et 5 000 bâtisseurs militaires dans la région russe de Koursk\"\n\
        \x20   - article: matin-koursk\n\
        \x20     quote: \"a déclaré M. Choïgou, cité par l'agence de presse russe RIA Novosti\"\n\
        - id: troops-kursk\n\
        \x20 statement: \"About 15,000 North Korean soldiers were deployed in Kursk.\"\n\
        \x20 topics: [demining]\n\
        \x20 origin: shoigu\n\
        \x20 evidence:\n\
        \x20   - article: matin-koursk\n\
        \x20     quote: \"environ 15 000 soldats nord-coréens ont été déployés dans la région de Koursk depuis l'automne 2024\"\n";
    fs::write(root.join("content/claims/import.yaml"), claims).unwrap();
    sandbox.check();

    // What the import dropped cannot be quoted: a "Lire aussi" link, a
    // reader's comment, the cookie banner.
    for chrome in [
        "Les soldats nord-coréens à Koursk, une présence longtemps niée",
        "Encore une violation des sanctions",
        "utilisent des cookies pour mesurer",
    ] {
        let bad = format!(
            "{claims}- id: chrome\n  statement: \"x\"\n  topics: [demining]\n  origin: shoigu\n  evidence:\n    - article: matin-koursk\n      quote: \"{chrome}\"\n"
        );
        fs::write(root.join("content/claims/import.yaml"), bad).unwrap();
        let run = sandbox.run(&["check", "--root", "dossier"]);
        run.expect(1);
        assert!(
            run.stderr
                .contains("error: quote not found in article `matin-koursk`"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn slugs_are_unique_and_never_overwritten() {
    let sandbox = Sandbox::new();
    let page = repo().join("tests/fixtures/import/no-metadata/page.html");
    let import = |extra: &[&str]| {
        let mut args = vec!["import", page.to_str().unwrap(), "--root", "dossier"];
        args.extend_from_slice(extra);
        sandbox.run(&args)
    };
    import(&[]).expect(0);
    import(&[]).expect(0);
    let slug = "notes-from-a-visit-to-the-khasan-border-station";
    let path = sandbox.root().join(format!("content/articles/{slug}.md"));
    assert!(
        sandbox
            .root()
            .join(format!("content/articles/{slug}-2.md"))
            .exists()
    );
    fs::write(&path, "edited by hand").unwrap();
    let run = import(&["--slug", slug]);
    run.expect(1);
    assert_eq!(
        run.stderr,
        format!(
            "error: dossier/content/articles/{slug}.md already exists: pass --force to overwrite it, or --slug to choose another name\n"
        )
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "edited by hand");
    import(&["--slug", slug, "--force"]).expect(0);
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .starts_with("---\ntitle: Notes from a visit")
    );
    // Nothing left beside it.
    assert!(
        sandbox
            .articles()
            .iter()
            .all(|a| a.ends_with(".md") && !a.starts_with('.'))
    );
    sandbox.check();
}

#[test]
fn bad_options_and_missing_inputs() {
    let sandbox = Sandbox::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["import", "missing.html", "--root", "dossier"],
            "error: cannot read missing.html: No such file or directory (os error 2)\n",
        ),
        (
            &["import", "dossier", "--root", "dossier"],
            "error: cannot read dossier: it is a folder, not a saved page\n",
        ),
        (
            &["import", "x.html", "--root", "nowhere"],
            "error: nowhere/dossier.toml: no such file: pass the dossier's folder with --root, or create one with `dossier init`\n",
        ),
        (
            &[
                "import", "x.html", "--root", "dossier", "--slug", "Bad_Slug",
            ],
            "error: --slug `Bad_Slug` is not a valid slug: use a-z, 0-9 and hyphens, starting with a letter or digit (e.g. `bad-slug`)\n",
        ),
        (
            &[
                "import",
                "x.html",
                "--root",
                "dossier",
                "--language",
                "fr FR",
            ],
            "error: --language `fr FR` is not a BCP 47 language tag (e.g. `fr`, `en`, `pt-BR`)\n",
        ),
    ];
    for (args, expected) in cases {
        let run = sandbox.run(args);
        run.expect(1);
        assert_eq!(&run.stderr, expected, "{args:?}");
    }
    assert_eq!(sandbox.articles().len(), 3);
}

/// Writes `name` into the sandbox and imports it; returns the run.
fn import_bytes(sandbox: &Sandbox, name: &str, bytes: &[u8]) -> Run {
    fs::write(sandbox.dir.path().join(name), bytes).unwrap();
    sandbox.run(&["import", name, "--root", "dossier"])
}

#[test]
fn a_very_large_page() {
    let sandbox = Sandbox::new();
    let n = 20_000;
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Large</title>\
         <meta property=\"article:published_time\" content=\"2025-01-31\"></head><body>\
         <nav><a href=\"/\">Home</a></nav><article><h1>The whole record</h1>",
    );
    for i in 0..n {
        page.push_str(&format!(
            "<p>Entry {i}: a worker arrived at the border station, according to the register, \
             which lists his name, his date of birth and the <em>unit</em> he joined.</p>\n"
        ));
    }
    page.push_str("<aside class=\"related\">Related: other records</aside></article><footer>Footer</footer></body></html>");
    assert!(page.len() > 3_000_000);
    let start = Instant::now();
    let run = import_bytes(&sandbox, "large.html", page.as_bytes());
    run.expect(0);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
    assert!(
        run.stderr.starts_with(&format!(
            "Imported large.html into dossier/content/articles/the-whole-record.md: {n} blocks of text,"
        )),
        "{}",
        run.stderr
    );
    let text =
        fs::read_to_string(sandbox.root().join("content/articles/the-whole-record.md")).unwrap();
    assert!(text.starts_with(
        "---\ntitle: The whole record\npublished: 2025-01-31\nlanguage: en\n---\nEntry 0: a worker"
    ));
    assert!(text.ends_with(&format!("Entry {}: a worker arrived at the border station, according to the register, which lists his name, his date of birth and the *unit* he joined.\n", n - 1)));
    assert_eq!(text.matches("\n\nEntry ").count(), n - 1);
    assert!(!text.contains("Home") && !text.contains("Related") && !text.contains("Footer"));
    sandbox.check();
}

#[test]
fn hostile_pages_do_not_hang_or_panic() {
    let sandbox = Sandbox::new();
    let deep = 100_000;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "deep-blocks.html",
            format!(
                "<html><body>{}<p>Deep text, a sentence long enough to be kept.</p>{}</body></html>",
                "<div>".repeat(deep),
                "</div>".repeat(deep)
            )
            .into_bytes(),
            "Deep text, a sentence long enough to be kept.",
        ),
        (
            "deep-inline.html",
            format!("<html><body><p>{}Bold text.{}</p></body></html>", "<b>".repeat(deep), "</b>".repeat(deep))
                .into_bytes(),
            "Bold text.",
        ),
        (
            "huge-attribute.html",
            format!(
                "<html><body><p class=\"{}\" title='{}'>Text with huge attributes.</p></body></html>",
                "a ".repeat(1_000_000),
                "&quot;>".repeat(100_000)
            )
            .into_bytes(),
            "Text with huge attributes.",
        ),
        (
            "broken-utf8.html",
            b"<html><head><meta charset=utf-8></head><body><p>Caf\xE9 \xFF\xFE and more text.</p></body></html>".to_vec(),
            "Caf\u{FFFD} \u{FFFD}\u{FFFD} and more text.",
        ),
        (
            "unclosed.html",
            b"<html><body><p>Unclosed <b>bold <i>and <a href='https://x.example/".to_vec(),
            "Unclosed",
        ),
    ];
    for (name, bytes, text) in cases {
        let start = Instant::now();
        let run = import_bytes(&sandbox, name, &bytes);
        run.expect(0);
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{name}: {:?}",
            start.elapsed()
        );
        let slug = run
            .stderr
            .split("content/articles/")
            .nth(1)
            .unwrap()
            .split(".md")
            .next()
            .unwrap();
        let article =
            fs::read_to_string(sandbox.root().join(format!("content/articles/{slug}.md"))).unwrap();
        assert!(article.contains(text), "{name}:\n{article}");
    }
    let run = sandbox.run(&["import", "broken-utf8.html", "--root", "dossier"]);
    assert!(
        run.stderr.contains("warning: some bytes are not valid UTF-8 (the page's encoding, declared in a <meta> element); they are shown as �"),
        "{}",
        run.stderr
    );
    sandbox.check();
}

// ---------------------------------------------------------------- URLs

struct Server {
    base: String,
}

static SERVER: OnceLock<Server> = OnceLock::new();

/// Bytes over the import limit (32 MiB).
const OVER_LIMIT: usize = 33 * 1024 * 1024;

fn server() -> &'static Server {
    SERVER.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                std::thread::spawn(move || serve(stream));
            }
        });
        Server { base }
    })
}

fn serve(mut stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let fixture = |case: &str| {
        fs::read(
            repo()
                .join("tests/fixtures/import")
                .join(case)
                .join("page.html"),
        )
        .unwrap()
    };
    let respond = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\n{headers}Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/news" => respond(&mut stream, "200 OK", "Content-Type: text/html; charset=utf-8\r\n", &fixture("news-jsonld")),
        "/moved" => respond(&mut stream, "301 Moved Permanently", "Location: /notes\r\n", b""),
        "/notes" => respond(&mut stream, "200 OK", "Content-Type: text/html\r\n", &fixture("no-metadata")),
        // windows-1252 bytes, declared only by the server.
        "/latin" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: text/html; charset=windows-1252\r\n",
            b"<html><body><h1>Coop\xE9ration</h1><p>L\x92accord pr\xE9voit 2\xA0000 \x80 par mois.</p></body></html>",
        ),
        "/pdf" => respond(&mut stream, "200 OK", "Content-Type: application/pdf\r\n", b"%PDF-1.7\n"),
        "/announced-big" => {
            let _ = stream.write_all(
                format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {OVER_LIMIT}\r\n\r\n<html>").as_bytes(),
            );
        }
        "/streamed-big" => {
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n");
            let chunk = "<p>filler</p>".repeat(5000);
            let mut sent = 0;
            while sent <= OVER_LIMIT {
                if stream.write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes()).is_err() {
                    return;
                }
                sent += chunk.len();
            }
            let _ = stream.write_all(b"0\r\n\r\n");
        }
        "/slow" => std::thread::sleep(Duration::from_secs(20)),
        _ => respond(&mut stream, "404 Not Found", "Content-Type: text/html\r\n", b"<html><body>Not found</body></html>"),
    }
}

fn import_url(sandbox: &Sandbox, path: &str, extra: &[&str]) -> Run {
    let url = format!("{}{path}", server().base);
    let mut args = vec!["import", url.as_str(), "--root", "dossier"];
    args.extend_from_slice(extra);
    sandbox.run(&args)
}

#[test]
fn urls_that_import() {
    let sandbox = Sandbox::new();
    // The same page as the saved one gives the same article.
    import_url(&sandbox, "/news", &[]).expect(0);
    let slug = "russia-and-north-korea-open-a-rail-bridge-over-the-tumen.md";
    let fetched = fs::read_to_string(sandbox.root().join("content/articles").join(slug)).unwrap();
    let saved =
        fs::read_to_string(repo().join("tests/fixtures/import/news-jsonld/expected.md")).unwrap();
    assert_eq!(fetched, saved);

    // A page without a canonical address gets the one it came from, after
    // the redirect.
    let run = import_url(&sandbox, "/moved", &["--slug", "khasan"]);
    run.expect(0);
    assert!(
        redact(&run.stderr).contains("  url:       [SERVER]/notes  (from the fetched address)\n"),
        "{}",
        run.stderr
    );
    let text = fs::read_to_string(sandbox.root().join("content/articles/khasan.md")).unwrap();
    assert!(redact(&text).contains("\nurl: [SERVER]/notes\n"), "{text}");

    // The charset of the Content-Type decodes the page.
    import_url(&sandbox, "/latin", &["--slug", "latin"]).expect(0);
    let text = fs::read_to_string(sandbox.root().join("content/articles/latin.md")).unwrap();
    assert!(
        text.contains("title: Coopération\n")
            && text.contains("L’accord prévoit 2\u{a0}000 € par mois."),
        "{text}"
    );
    sandbox.check();
}

#[test]
fn urls_that_fail() {
    let sandbox = Sandbox::new();
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "/missing",
            &[],
            "error: cannot fetch [SERVER]/missing: the server answered 404 Not Found\n",
        ),
        (
            "/pdf",
            &[],
            "error: [SERVER]/pdf is not an HTML page: the server sent it as `application/pdf`\n",
        ),
        (
            "/announced-big",
            &[],
            "error: [SERVER]/announced-big is larger than the 32 MiB limit\n",
        ),
        (
            "/streamed-big",
            &[],
            "error: [SERVER]/streamed-big is larger than the 32 MiB limit\n",
        ),
        (
            "/slow",
            &["--timeout", "1"],
            "error: cannot fetch [SERVER]/slow: no answer within 1 s (--timeout)\n",
        ),
    ];
    for (path, extra, expected) in cases {
        let start = Instant::now();
        let run = import_url(&sandbox, path, extra);
        run.expect(1);
        assert_eq!(redact(&run.stderr), *expected, "{path}");
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{path}: {:?}",
            start.elapsed()
        );
    }
    // Nothing listens on a port just freed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/page");
    let run = sandbox.run(&["import", url.as_str(), "--root", "dossier"]);
    run.expect(1);
    assert_eq!(
        run.stderr,
        format!("error: cannot fetch {url}: connection refused\n")
    );
    assert_eq!(sandbox.articles().len(), 3);
}

#[test]
fn help_describes_import() {
    let sandbox = Sandbox::new();
    let run = sandbox.run(&["import", "--help"]);
    run.expect(0);
    for needle in [
        "--slug <S>",
        "--language <L>",
        "--force",
        "--root <DIR>",
        "--timeout <SECS>",
        "JSON-LD datePublished",
        "32 MiB",
    ] {
        assert!(run.stdout.contains(needle), "{needle}:\n{}", run.stdout);
    }
}

// ---------------------------------------------------------- properties

mod properties {
    use dossier::import::{Page, convert};
    use proptest::prelude::*;

    /// Pieces of hostile, broken or tricky HTML.
    fn soup() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            Just("<div>"),
            Just("</div>"),
            Just("<p>"),
            Just("</p>"),
            Just("<b>"),
            Just("</b>"),
            Just("<em>"),
            Just("<a href='https://x.example/a(b)'>"),
            Just("<a href='/rel'>"),
            Just("<a href='javascript:x()'>"),
            Just("</a>"),
            Just("<ul><li>"),
            Just("</li></ul>"),
            Just("<ol start=7><li>"),
            Just("<h1>"),
            Just("</h1>"),
            Just("<h2>"),
            Just("<blockquote>"),
            Just("<pre><code>"),
            Just("</code></pre>"),
            Just("<table><tr><td>"),
            Just("<script>"),
            Just("</script>"),
            Just("<nav class=menu>"),
            Just("</nav>"),
            Just("<div class='share-bar'>"),
            Just("<div style='display:none'>"),
            Just("<!--"),
            Just("-->"),
            Just("<meta charset=windows-1252>"),
            Just("<meta property='og:title' content='T: \"x\" # y'>"),
            Just("<meta property='og:site_name' content='- [a]'>"),
            Just("<html lang=fr>"),
            Just("<html lang='x y'>"),
            Just("<title>"),
            Just("</title>"),
            Just("<time datetime='2025-02-30'>"),
            Just("<time datetime='2024-02-29T23:00:00-05:00'>"),
            Just(
                "<script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"H\\n---\",\"datePublished\":\"2024\",\"author\":{\"@id\":\"#a\"}}</script>"
            ),
            Just("text"),
            Just("Words, with commas, "),
            Just(" "),
            Just("\n"),
            Just("---\n"),
            Just("&amp;amp;"),
            Just("&lt;b&gt;"),
            Just("*"),
            Just("_"),
            Just("`"),
            Just("#"),
            Just("["),
            Just("]("),
            Just("|"),
            Just("é"),
            Just("\u{a0}"),
            Just("\u{2028}"),
            Just("\u{FEFF}"),
            Just("\\"),
        ];
        let words = prop_oneof![Just("Words, with commas, "), Just("a sentence. ")];
        let piece = prop_oneof![3 => piece, 1 => words];
        prop::collection::vec(piece, 0..150)
            .prop_map(|pieces| format!("<!DOCTYPE html>{}", pieces.concat()).into_bytes())
    }

    /// Any bytes but control characters (which make a file binary), after
    /// the start of a page: broken encodings, stray `<` and `&`.
    fn bytes() -> impl Strategy<Value = Vec<u8>> {
        prop::collection::vec(any::<u8>(), 0..300).prop_map(|b| {
            let mut page = b"<html><body><p>".to_vec();
            page.extend(b.into_iter().map(|c| if c < 0x20 { b' ' } else { c }));
            page
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Any page either is refused with an error, or becomes an article
        /// that the loader reads without an error.
        #[test]
        fn every_import_loads_cleanly(page in prop_oneof![soup(), bytes()]) {
            let page = Page {
                name: "page.html".into(),
                bytes: page,
                content_type: None,
                url: None,
            };
            if let Ok(converted) = convert(page, None, "en") {
                let text = converted.text();
                let diagnostics = dossier::fuzzing::check(&[
                    ("sources.yaml", b"[]"),
                    ("articles/page.md", text.as_bytes()),
                ]);
                prop_assert!(
                    !diagnostics.lines().any(|l| l.starts_with("error")),
                    "{text}\n{diagnostics}"
                );
            }
        }
    }
}
