//! `dossier.toml`: site settings. Unknown keys are rejected with a hint.

use crate::diagnostic::{Diagnostic, Diagnostics, suggest};
use crate::source::{FileId, SourceFile};
use schemars::JsonSchema;
use serde::Deserialize;

/// Settings of one dossier. Its JSON Schema (`dossier schema`) is derived
/// from this struct: the doc comments of the fields are what editors show.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title, shown in every page header.
    pub title: String,
    /// BCP 47 language of the dossier (its own text: summaries, statements).
    #[serde(default = "default_language")]
    pub language: String,
    /// Absolute URL the site is published at; used for sitemap, canonical
    /// links, the feed and `404.html`'s `<base>`.
    #[serde(default)]
    #[schemars(regex(pattern = "^https?://"))]
    pub base_url: Option<String>,
    /// Theme folder under `themes/`; `default` is embedded in the binary.
    #[serde(default = "default_theme")]
    #[schemars(regex(pattern = crate::model::ID_PATTERN))]
    pub theme: String,
    /// Relative difference beyond which two origins' figures for one metric
    /// disagree (0.10 = 10 %).
    #[serde(default = "default_tolerance")]
    #[schemars(range(min = 0, max = 1))]
    pub tolerance: f64,
    /// Short description for the page footer.
    #[serde(default)]
    pub description: Option<String>,
    /// Reading offline: what the service worker stores on a reader's first
    /// visit, and whether the build writes the site as a `.zip`.
    #[serde(default)]
    pub offline: Offline,
    /// The edition (`editions/NAME.yaml`) the "What changed" page compares
    /// the dossier with; by default the latest.
    #[serde(default)]
    #[schemars(regex(pattern = crate::model::ID_PATTERN))]
    pub compare_with: Option<String>,
    /// Where `dossier serve` serves the site (not a setting): only the
    /// `<base href>` of `404.html` uses it, which must name the server to
    /// work at any depth. Every other page is as `dossier build` makes it.
    #[serde(skip)]
    pub served_at: Option<String>,
}

pub(crate) const FIELDS: &[&str] = &[
    "title",
    "language",
    "base_url",
    "theme",
    "tolerance",
    "description",
    "offline",
    "compare_with",
];

/// The `[offline]` table: how much the service worker stores on a
/// reader's first visit, and whether the build writes the archive.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Offline {
    /// How much of the claim, entity and article pages the service worker
    /// stores on a reader's first visit, after the site's shell: a size
    /// such as `"25 MB"` (B, KB, MB, GB, or KiB, MiB, GiB); `"0 MB"` stores the
    /// shell alone. Other pages are stored as they are read.
    #[serde(default = "default_budget")]
    #[schemars(regex(pattern = SIZE_PATTERN))]
    pub precache_budget: String,
    /// The same in bytes (set by [`Config::parse`]).
    #[serde(skip, default = "default_budget_bytes")]
    pub budget_bytes: u64,
    /// The whole site as one `.zip` to download (every page's footer
    /// offers it): `"auto"` (the default: written by the build for a
    /// dossier of at most 2,000 articles and 20,000 claims, made by the
    /// reader's browser for a larger one), `"build"` or `true` (always
    /// written by the build), `"browser"` (always made by the browser, from
    /// the site as served), `false` (none).
    #[serde(default)]
    #[schemars(with = "ArchiveSchema", extend("default" = "auto"))]
    pub archive: Archiving,
}

/// `archive` as the JSON Schema gives it.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code, reason = "only described, never made")]
enum ArchiveSchema {
    Switch(bool),
    Word(ArchiveWord),
}

#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code, reason = "only described, never made")]
enum ArchiveWord {
    Auto,
    Build,
    Browser,
}

/// Who makes the site's `.zip`: see [`Offline::archive`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Archiving {
    /// The build for a dossier of at most [`Archiving::AUTO_ARTICLES`]
    /// articles and [`Archiving::AUTO_CLAIMS`] claims, else the browser.
    #[default]
    Auto,
    /// The build, always.
    Build,
    /// The reader's browser, always.
    Browser,
    /// Nobody: no download is offered.
    Off,
}

impl Archiving {
    /// The most articles of a dossier whose zip `auto` has the build write.
    pub const AUTO_ARTICLES: usize = 2_000;
    /// The most claims of a dossier whose zip `auto` has the build write.
    pub const AUTO_CLAIMS: usize = 20_000;

    /// Who makes the zip of a dossier of `articles` articles and `claims`
    /// claims: [`Archiving::Build`], [`Archiving::Browser`] or
    /// [`Archiving::Off`], never `Auto`.
    pub fn resolve(self, articles: usize, claims: usize) -> Archiving {
        match self {
            Archiving::Auto if articles <= Self::AUTO_ARTICLES && claims <= Self::AUTO_CLAIMS => {
                Archiving::Build
            }
            Archiving::Auto => Archiving::Browser,
            other => other,
        }
    }
}

impl<'de> Deserialize<'de> for Archiving {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Switch(bool),
            Word(String),
        }
        match Raw::deserialize(d).map_err(|_| serde::de::Error::custom(ARCHIVE_VALUES))? {
            Raw::Switch(true) => Ok(Archiving::Build),
            Raw::Switch(false) => Ok(Archiving::Off),
            Raw::Word(w) => match w.as_str() {
                "auto" => Ok(Archiving::Auto),
                "build" => Ok(Archiving::Build),
                "browser" => Ok(Archiving::Browser),
                _ => Err(serde::de::Error::custom(format!(
                    "{ARCHIVE_VALUES}, not `{w}`"
                ))),
            },
        }
    }
}

/// What `archive` may be, as an error says it.
const ARCHIVE_VALUES: &str = "`archive` must be \"auto\", \"build\", \"browser\", true or false";

/// What [`parse_size`] reads, for the JSON Schema.
pub(crate) const SIZE_PATTERN: &str =
    r"^\s*[0-9]+(\.[0-9]+)?\s*(B|b|KB|kB|kb|MB|mb|GB|gb|KiB|kib|MiB|mib|GiB|gib)\s*$";

const OFFLINE_FIELDS: &[&str] = &["precache_budget", "archive"];

/// The default precache budget. The shell (styles, scripts, search page
/// and index, front page, topic and list pages, 404) is always precached;
/// claim, entity and article pages follow until their sizes add up to this. 25 MB
/// of HTML (about 5 MB over the wire, compressed as GitHub Pages serves
/// it) holds every page of a dossier of a few hundred articles and a few
/// thousand claims, so most dossiers are whole offline after one visit,
/// while a reader of a 10,000-article dossier on a phone is not made to
/// download hundreds of megabytes: the rest is cached as it is read.
const DEFAULT_BUDGET: &str = "25 MB";

fn default_budget() -> String {
    DEFAULT_BUDGET.into()
}
fn default_budget_bytes() -> u64 {
    parse_size(DEFAULT_BUDGET).unwrap_or(25_000_000)
}
impl Default for Offline {
    fn default() -> Self {
        Offline {
            precache_budget: default_budget(),
            budget_bytes: default_budget_bytes(),
            archive: Archiving::default(),
        }
    }
}

/// A size as written in `dossier.toml`: a number (decimals allowed) and a
/// unit, `B`, `KB`, `MB`, `GB` (powers of 1,000) or `KiB`, `MiB`, `GiB`
/// (powers of 1,024), with or without a space: `"25 MB"`, `"1.5GiB"`,
/// `"0 B"`. Cased as written here, or all in lower case.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = (&s[..split], s[split..].trim());
    if number.is_empty() || number.starts_with('.') || number.ends_with('.') {
        return None;
    }
    let number: f64 = number.parse().ok()?;
    let scale: f64 = match unit {
        "B" | "b" => 1.0,
        "KB" | "kB" | "kb" => 1e3,
        "MB" | "mb" => 1e6,
        "GB" | "gb" => 1e9,
        "KiB" | "kib" => 1024.0,
        "MiB" | "mib" => 1024.0 * 1024.0,
        "GiB" | "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let bytes = (number * scale).round();
    (bytes.is_finite() && bytes < 1e15).then_some(bytes as u64)
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_tolerance() -> f64 {
    0.10
}

impl Config {
    /// A configuration for a dossier without `dossier.toml` problems.
    pub fn fallback() -> Self {
        Config {
            title: "Dossier".into(),
            language: default_language(),
            base_url: None,
            served_at: None,
            theme: default_theme(),
            tolerance: default_tolerance(),
            description: None,
            offline: Offline::default(),
            compare_with: None,
        }
    }

    /// Parses and checks `dossier.toml`.
    pub fn parse(file: FileId, src: &SourceFile, diags: &mut Diagnostics) -> Option<Config> {
        let mut config: Config = match toml::from_str(&src.text) {
            Ok(c) => c,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().to_string();
                let table = span.start;
                let mut d = Diagnostic::error(
                    file,
                    span,
                    format!("invalid dossier.toml: {}", msg.lines().next().unwrap_or("")),
                );
                if let Some(rest) = msg.strip_prefix("unknown field `") {
                    let name = rest.split('`').next().unwrap_or("");
                    // In `[offline]` (the table before the key), its keys.
                    let in_offline = src.text[..table.min(src.text.len())]
                        .rfind('[')
                        .is_some_and(|at| src.text[at + 1..].starts_with("offline]"));
                    let (known, list) = if in_offline {
                        (OFFLINE_FIELDS, "known settings of [offline]")
                    } else {
                        (FIELDS, "known settings")
                    };
                    d = match suggest(name, known.iter().copied()) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.help(format!("{list}: {}", known.join(", "))),
                    };
                } else {
                    d = d.help("see the `dossier.toml` section of the README");
                }
                diags.push(d.label("here"));
                return None;
            }
        };
        let find = |key: &str| {
            src.text
                .find(&format!("{key} "))
                .or_else(|| src.text.find(&format!("{key}=")))
                .map_or(0..0, |s| s..s + key.len())
        };
        if let Some(url) = &config.base_url {
            match base_url(url) {
                Err(why) => diags.push(
                    Diagnostic::error(file, find("base_url"), format!("`base_url` {why}"))
                        .help("for example `base_url = \"https://user.github.io/repo/\"`"),
                ),
                Ok(url) => config.base_url = Some(url),
            }
        }
        if !(0.0..=1.0).contains(&config.tolerance) || config.tolerance.is_nan() {
            diags.push(
                Diagnostic::error(
                    file,
                    find("tolerance"),
                    "`tolerance` must be between 0 and 1",
                )
                .help("0.10 means figures within 10 % of each other agree"),
            );
        }
        match parse_size(&config.offline.precache_budget) {
            Some(bytes) => config.offline.budget_bytes = bytes,
            None => diags.push(
                Diagnostic::error(
                    file,
                    find("precache_budget"),
                    format!(
                        "`precache_budget` must be a size, not `{}`",
                        config.offline.precache_budget
                    ),
                )
                .help("for example `precache_budget = \"25 MB\"` (B, KB, MB, GB, KiB, MiB, GiB; \"0 MB\" precaches the shell alone)"),
            ),
        }
        if !crate::model::is_id(&config.theme) {
            diags.push(
                Diagnostic::error(
                    file,
                    find("theme"),
                    format!("theme name `{}` is not a valid folder name", config.theme),
                )
                .help("use lower-case letters, digits and hyphens"),
            );
            config.theme = default_theme();
        }
        Some(config)
    }
}

/// A base URL as pages use it (with a final `/`), or why it is not one:
/// an absolute `http(s)` URL with a host, and none of the characters a URL
/// never holds as they are (spaces, control characters, `"<>\\^`{|}`),
/// which would otherwise reach `<base href>`, canonical links, the feed
/// and the sitemap. Used for `dossier.toml` and for `--base-url`.
pub fn base_url(url: &str) -> Result<String, &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("must be an absolute http(s) URL")?;
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        return Err("must name a host after http(s)://");
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"<>\\^`{|}".contains(c))
    {
        return Err("must not hold spaces, control characters or any of \" < > \\ ^ ` { | }");
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_http_urls_with_a_host_and_nothing_unsafe() {
        assert_eq!(
            base_url("https://user.github.io/repo").as_deref(),
            Ok("https://user.github.io/repo/")
        );
        assert_eq!(
            base_url("http://127.0.0.1:8080/").as_deref(),
            Ok("http://127.0.0.1:8080/")
        );
        for bad in [
            "javascript:alert(1)//",
            "//example.org/",
            "https://",
            "https:///path",
            "https://example.org/a b",
            "https://example.org/\n<script>",
            "https://example.org/\"onmouseover=x",
            "https://example.org/\u{1b}[2J",
        ] {
            assert!(base_url(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_archive_setting_and_who_makes_the_zip() {
        let read = |line: &str| -> Result<Archiving, String> {
            toml::from_str::<Offline>(line)
                .map(|o| o.archive)
                .map_err(|e| e.message().to_string())
        };
        assert_eq!(read(""), Ok(Archiving::Auto));
        assert_eq!(read("archive = true"), Ok(Archiving::Build));
        assert_eq!(read("archive = false"), Ok(Archiving::Off));
        assert_eq!(read("archive = \"build\""), Ok(Archiving::Build));
        assert_eq!(read("archive = \"browser\""), Ok(Archiving::Browser));
        assert_eq!(read("archive = \"auto\""), Ok(Archiving::Auto));
        assert!(
            read("archive = \"zip\"")
                .unwrap_err()
                .ends_with("not `zip`")
        );
        assert!(
            read("archive = 1")
                .unwrap_err()
                .starts_with("`archive` must be")
        );
        let (a, c) = (Archiving::AUTO_ARTICLES, Archiving::AUTO_CLAIMS);
        assert_eq!(Archiving::Auto.resolve(a, c), Archiving::Build);
        assert_eq!(Archiving::Auto.resolve(a + 1, 10), Archiving::Browser);
        assert_eq!(Archiving::Auto.resolve(10, c + 1), Archiving::Browser);
        for set in [Archiving::Build, Archiving::Browser, Archiving::Off] {
            assert_eq!(set.resolve(0, 0), set);
            assert_eq!(set.resolve(a + 1, c + 1), set);
        }
    }

    #[test]
    fn sizes_parse_in_both_kinds_of_unit() {
        assert_eq!(parse_size("25 MB"), Some(25_000_000));
        assert_eq!(parse_size("25MB"), Some(25_000_000));
        assert_eq!(parse_size("1.5 GiB"), Some(1_610_612_736));
        assert_eq!(parse_size("0 B"), Some(0));
        assert_eq!(parse_size("512 KiB"), Some(524_288));
        assert_eq!(parse_size("10 kb"), Some(10_000));
        for bad in [
            "", "MB", "25", "25 M", "-1 MB", "1e3 MB", ". MB", "1. MB", "25 mB", "9e99 GB",
        ] {
            assert_eq!(parse_size(bad), None, "{bad}");
        }
    }
}
