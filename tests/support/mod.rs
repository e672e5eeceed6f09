//! Harness for the integration tests in `tests/cli.rs`: copies a fixture
//! dossier into a temporary folder, runs the real `dossier` binary on it and
//! captures what it printed, snapshots folders byte for byte, and checks the
//! links of a built site the way a browser opening it from `file://` would.
//!
//! The link checker is deliberately small (string scanning, not a full HTML
//! parser): it reads start tags, their `href`, `src` and `id` attributes, and
//! skips comments and the raw text of `<script>` and `<style>`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// The fixture folder `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A fixture copied into a fresh temporary folder, so a test may change it
/// and build into it without touching the repository.
pub struct Sandbox {
    /// Keeps the folder alive; deleted on drop.
    pub dir: tempfile::TempDir,
    /// The copied dossier (pass it as `--root`).
    pub root: PathBuf,
}

impl Sandbox {
    /// Copies `tests/fixtures/<rel>` (all but `expected.txt`) to `<tmp>/dossier`.
    pub fn new(rel: &str) -> Sandbox {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("dossier");
        copy_tree(&fixture(rel), &root);
        Sandbox { dir, root }
    }

    /// A path inside the temporary folder but outside the dossier.
    pub fn outside(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

fn copy_tree(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    let mut entries: Vec<_> = fs::read_dir(from)
        .unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        if name == "expected.txt" {
            continue;
        }
        let path = entry.path();
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&path, &to.join(&name));
        } else {
            fs::copy(&path, to.join(&name)).unwrap();
        }
    }
}

/// What one run of the binary did.
pub struct Run {
    /// Exit code (`None` if killed by a signal).
    pub code: Option<i32>,
    /// Standard output, lossily decoded.
    pub stdout: String,
    /// Standard error, lossily decoded.
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the exit code is `code`.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Panics if the run looks like a panic or a crash.
    pub fn assert_no_panic(&self) -> &Self {
        for needle in ["panicked", "RUST_BACKTRACE", "stack backtrace"] {
            assert!(
                !self.stderr.contains(needle) && !self.stdout.contains(needle),
                "the binary panicked:\n{}",
                self.stderr
            );
        }
        assert!(
            self.code.is_some_and(|c| c == 0 || c == 1),
            "unexpected exit status {:?}\n{}",
            self.code,
            self.stderr
        );
        self
    }

    /// The `path:line:column` of every `--> ` line of stderr, in order.
    pub fn locations(&self) -> Vec<Location> {
        self.stderr
            .lines()
            .filter_map(|l| l.trim_start().strip_prefix("--> "))
            .filter_map(Location::parse)
            .collect()
    }

    /// The diagnostic headlines (`error: …` lines), without the final
    /// summary line.
    pub fn errors(&self) -> Vec<&str> {
        let mut errors: Vec<&str> = self
            .stderr
            .lines()
            .filter(|l| l.starts_with("error"))
            .collect();
        errors.pop();
        errors
    }
}

/// A `path:line:column` printed in a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Path relative to the dossier root, with forward slashes.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Location {
    /// Parses `path:line:column`.
    pub fn parse(s: &str) -> Option<Location> {
        let mut parts = s.trim().rsplitn(3, ':');
        let column = parts.next()?.parse().ok()?;
        let line = parts.next()?.parse().ok()?;
        let path = parts.next()?.to_string();
        Some(Location { path, line, column })
    }
}

/// The non-empty lines of `tests/fixtures/bad/<case>/expected.txt`: what
/// the diagnostics of that case must contain.
#[allow(dead_code)]
pub fn expected_lines(case: &str) -> Vec<String> {
    let path = fixture(&format!("bad/{case}/expected.txt"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect()
}

/// Runs `dossier` with `args` (no colour, no terminal).
pub fn dossier<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("DOSSIER_TIMINGS")
        .output()
        .expect("run the dossier binary");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Writes a generated dossier of `articles` articles and `claims` claims
/// to `out` with the `gen-corpus` binary.
#[allow(
    dead_code,
    reason = "used by tests/atomic.rs and tests/fast_pages.rs only"
)]
pub fn gen_corpus(articles: usize, claims: usize, seed: u64, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_gen-corpus"))
        .args(["--articles", &articles.to_string()])
        .args(["--claims", &claims.to_string()])
        .args(["--seed", &seed.to_string()])
        .arg("--out")
        .arg(out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .expect("run gen-corpus");
    assert!(status.success(), "gen-corpus failed");
}

/// `dossier build --root ROOT --output OUT`.
pub fn build(root: &Path, out: &Path) -> Run {
    dossier([
        "build".as_ref(),
        "--root".as_ref(),
        root.as_os_str(),
        "--output".as_ref(),
        out.as_os_str(),
    ])
}

/// `dossier build --root ROOT` (default output `ROOT/public`).
pub fn build_default(root: &Path) -> Run {
    dossier(["build".as_ref(), "--root".as_ref(), root.as_os_str()])
}

/// `dossier check --root ROOT`.
pub fn check(root: &Path) -> Run {
    dossier(["check".as_ref(), "--root".as_ref(), root.as_os_str()])
}

/// Every file and folder under `dir` (relative, forward slashes) with the
/// bytes of each file (`None` for folders). Symlinks are listed, not followed.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut map = BTreeMap::new();
    snapshot_into(dir, dir, &mut map);
    map
}

fn snapshot_into(base: &Path, dir: &Path, map: &mut BTreeMap<String, Option<Vec<u8>>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = rel_string(base, &path);
        let kind = entry.file_type().unwrap();
        if kind.is_dir() {
            map.insert(format!("{rel}/"), None);
            snapshot_into(base, &path, map);
        } else if kind.is_symlink() {
            let target = fs::read_link(&path).unwrap();
            map.insert(rel, Some(target.to_string_lossy().as_bytes().to_vec()));
        } else {
            map.insert(rel, Some(fs::read(&path).unwrap()));
        }
    }
}

fn rel_string(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap()
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Panics with the first differing paths unless the snapshots are equal.
pub fn assert_same_tree(
    before: &BTreeMap<String, Option<Vec<u8>>>,
    after: &BTreeMap<String, Option<Vec<u8>>>,
    what: &str,
) {
    let mut diffs = Vec::new();
    for (path, bytes) in before {
        match after.get(path) {
            None => diffs.push(format!("removed: {path}")),
            Some(b) if b != bytes => diffs.push(format!("changed: {path}")),
            Some(_) => {}
        }
    }
    for path in after.keys() {
        if !before.contains_key(path) {
            diffs.push(format!("added: {path}"));
        }
    }
    assert!(diffs.is_empty(), "{what}:\n{}", diffs.join("\n"));
}

/// Reads `out/<rel>` as UTF-8.
pub fn read(out: &Path, rel: &str) -> String {
    let path = out.join(rel);
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    String::from_utf8(bytes).unwrap_or_else(|e| panic!("{} is not UTF-8: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// HTML scanning

/// A start tag: its name (lower case) and attributes (names lower case,
/// values with character references decoded), and its byte offset.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Element name, lower case.
    pub name: String,
    /// Attributes in source order.
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the `<` in the page.
    pub offset: usize,
}

impl Tag {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the `class` attribute lists `class`.
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|c| c == class))
    }
}

/// Start tags of an HTML page, in order. Skips comments, doctype, end tags
/// and the content of `script`, `style`, `textarea` and `title`.
pub fn start_tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(rel) = html[i..].find('<') {
        let at = i + rel;
        let rest = &html[at..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| at + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(html.len(), |e| at + e + 1);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len() - 1);
        if name_len == 0 || !bytes[at + 1].is_ascii_alphabetic() {
            i = at + 1; // a stray `<` in text
            continue;
        }
        let name = rest[1..=name_len].to_ascii_lowercase();
        let (attrs, end) = parse_attrs(html, at + 1 + name_len);
        tags.push(Tag {
            name: name.clone(),
            attrs,
            offset: at,
        });
        i = end;
        if matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| i + e);
        }
    }
    tags
}

/// Parses attributes from `start` up to the closing `>`; returns them and
/// the offset just after `>`.
fn parse_attrs(html: &str, start: usize) -> (Vec<(String, String)>, usize) {
    let b = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = start;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (attrs, b.len());
        }
        if b[i] == b'>' {
            return (attrs, i + 1);
        }
        let name_start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let v_start = i + 1;
                let v_end = html[v_start..]
                    .bytes()
                    .position(|c| c == q)
                    .map_or(b.len(), |p| v_start + p);
                value = decode_entities(&html[v_start..v_end]);
                i = (v_end + 1).min(b.len());
            } else {
                let v_start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = decode_entities(&html[v_start..i]);
            }
        }
        attrs.push((name, value));
    }
}

/// Decodes the character references that appear in attribute values.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail[..tail.len().min(12)].find(';') else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes `%XX` escapes of a URL path or fragment.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The ids defined in a page (`id` on any element, `name` on `a`).
pub fn ids(html: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for tag in start_tags(html) {
        if let Some(id) = tag.attr("id") {
            ids.insert(id.to_string());
        }
        if tag.name == "a"
            && let Some(name) = tag.attr("name")
        {
            ids.insert(name.to_string());
        }
    }
    ids
}

/// Every `href` and `src` of a page, with the tag that carries it.
pub fn links(html: &str) -> Vec<(Tag, String)> {
    let mut links = Vec::new();
    for tag in start_tags(html) {
        for attr in ["href", "src"] {
            if let Some(v) = tag.attr(attr) {
                links.push((tag.clone(), v.to_string()));
            }
        }
    }
    links
}

/// Whether `url` has a scheme (`https:`, `mailto:`…) or is protocol-relative.
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let end = url.find([':', '/', '?', '#']).unwrap_or(url.len());
    url[end..].starts_with(':')
        && end > 0
        && url[..end]
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Checks every internal link of every `.html` page under `out`, the way a
/// browser on `file://` (or GitHub Pages under a project path) resolves them:
/// each relative `href`/`src` must name an existing file inside `out`, each
/// `#fragment` an id of its target page; root-absolute links and links to
/// folders are problems; nothing may be loaded from another host. Returns
/// one line per problem (empty when all is well).
pub fn check_links(out: &Path) -> Vec<String> {
    let root = fs::canonicalize(out).unwrap();
    let mut pages = Vec::new();
    collect_html(&root, &mut pages);
    pages.sort();
    let mut id_cache: BTreeMap<PathBuf, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        let here = rel_string(&root, page);
        for (tag, value) in links(&html) {
            let value = value.trim();
            let rel = tag.attr("rel").unwrap_or("").to_ascii_lowercase();
            let shown = format!("{here}: <{} {}>", tag.name, value);
            if is_external(value) {
                let loads = matches!(
                    (tag.name.as_str(), tag.attr("src").is_some()),
                    (
                        "script" | "img" | "iframe" | "source" | "video" | "audio" | "embed",
                        true
                    )
                ) || (tag.name == "link"
                    && !matches!(rel.as_str(), "canonical" | "alternate"));
                let scheme = value.split(':').next().unwrap_or("").to_ascii_lowercase();
                if loads && !matches!(scheme.as_str(), "data") {
                    problems.push(format!("{shown} loads from another host"));
                }
                continue;
            }
            if tag.name == "link" && matches!(rel.as_str(), "canonical" | "alternate") {
                continue;
            }
            let (path_part, fragment) = match value.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (value, None),
            };
            let path_part = path_part.split('?').next().unwrap_or("");
            if path_part.starts_with('/') {
                problems.push(format!("{shown} is root-absolute"));
                continue;
            }
            if path_part.ends_with('/') {
                problems.push(format!("{shown} names a folder"));
                continue;
            }
            let target = if path_part.is_empty() {
                page.clone()
            } else {
                match resolve(page.parent().unwrap(), &percent_decode(path_part), &root) {
                    Some(t) => t,
                    None => {
                        problems.push(format!("{shown} points outside the site"));
                        continue;
                    }
                }
            };
            if target.is_dir() {
                problems.push(format!("{shown} names a folder"));
                continue;
            }
            if !target.is_file() {
                problems.push(format!("{shown} target does not exist"));
                continue;
            }
            let Some(fragment) = fragment else { continue };
            if fragment.is_empty() || fragment == "top" || !has_ext(&target, "html") {
                continue;
            }
            let ids = id_cache
                .entry(target.clone())
                .or_insert_with(|| ids(&fs::read_to_string(&target).unwrap()));
            let fragment = percent_decode(fragment);
            if !ids.contains(&fragment) {
                problems.push(format!(
                    "{shown} fragment #{fragment} not found in {}",
                    rel_string(&root, &target)
                ));
            }
        }
    }
    problems
}

fn has_ext(path: &Path, ext: &str) -> bool {
    path.extension().is_some_and(|e| e == ext)
}

fn collect_html(dir: &Path, pages: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_html(&path, pages);
        } else if has_ext(&path, "html") {
            pages.push(path);
        }
    }
}

/// Joins a relative URL path onto `dir` lexically; `None` if it leaves `root`.
fn resolve(dir: &Path, rel: &str, root: &Path) -> Option<PathBuf> {
    let mut path = dir.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if !path.pop() {
                    return None;
                }
            }
            p => path.push(p),
        }
    }
    let inside = path.starts_with(root)
        && path
            .components()
            .all(|c| !matches!(c, Component::ParentDir));
    inside.then_some(path)
}

/// The text inside `<mark>` elements (passages) between byte offsets
/// `from` and `to` of `html`, and the text outside them, both with tags
/// removed and character references decoded.
pub fn marked_text(html: &str, from: usize, to: usize) -> (String, String) {
    let seg = &html[from..to];
    let mut inside = String::new();
    let mut outside = String::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < seg.len() {
        if seg[i..].starts_with('<') {
            let end = seg[i..].find('>').map_or(seg.len(), |e| i + e + 1);
            let tag = &seg[i..end];
            if tag.starts_with("<mark") {
                depth += 1;
            } else if tag.starts_with("</mark") {
                depth = depth.saturating_sub(1);
            }
            i = end;
        } else {
            let end = seg[i..].find('<').map_or(seg.len(), |e| i + e);
            let text = decode_entities(&seg[i..end]);
            if depth > 0 {
                inside.push_str(&text);
            } else {
                outside.push_str(&text);
            }
            i = end;
        }
    }
    (inside, outside)
}

/// Collapses runs of white space (including no-break spaces) to one space
/// and trims.
pub fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\u{202f}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where claim `id` is shown in the site at `out`, as `data/claims.json`
/// says: `claims/<article>.html#<id>` (claims are grouped by the article
/// they are drawn from first).
#[allow(dead_code, reason = "not every test file looks at claims pages")]
pub fn claim_href(out: &Path, id: &str) -> String {
    let json: serde_json::Value = serde_json::from_str(&read(out, "data/claims.json")).unwrap();
    json["claims"]
        .as_array()
        .expect("claims.json lists claims")
        .iter()
        .find(|c| c["id"] == id)
        .and_then(|c| c["page"].as_str())
        .unwrap_or_else(|| panic!("no claim `{id}` in claims.json"))
        .to_string()
}

/// The claims page showing claim `id` (`claims/<article>.html`).
#[allow(dead_code, reason = "not every test file looks at claims pages")]
pub fn claim_page(out: &Path, id: &str) -> String {
    let href = claim_href(out, id);
    href.split('#').next().unwrap_or_default().to_string()
}

/// The section of claim `id` on its claims page, as HTML: from its
/// `<section id="<id>"` to the next claim's or the
/// page's JSON-LD.
#[allow(dead_code, reason = "not every test file looks at claims pages")]
pub fn claim_section(out: &Path, id: &str) -> String {
    let page = read(out, &claim_page(out, id));
    let start = page
        .find(&format!("<section id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section of claim `{id}`"));
    let rest = &page[start..];
    let end = rest[1..]
        .find("<section id=\"")
        .map(|k| k + 1)
        .or_else(|| rest.find("<script type=\"application/ld+json\">"))
        .unwrap_or(rest.len());
    rest[..end].to_string()
}
