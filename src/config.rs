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
];

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
        }
    }

    /// Parses and checks `dossier.toml`.
    pub fn parse(file: FileId, src: &SourceFile, diags: &mut Diagnostics) -> Option<Config> {
        let mut config: Config = match toml::from_str(&src.text) {
            Ok(c) => c,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = e.message().to_string();
                let mut d = Diagnostic::error(
                    file,
                    span,
                    format!("invalid dossier.toml: {}", msg.lines().next().unwrap_or("")),
                );
                if let Some(rest) = msg.strip_prefix("unknown field `") {
                    let name = rest.split('`').next().unwrap_or("");
                    d = match suggest(name, FIELDS.iter().copied()) {
                        Some(s) => d.help(format!("did you mean `{s}`?")),
                        None => d.help(format!("known settings: {}", FIELDS.join(", "))),
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
            if !(url.starts_with("https://") || url.starts_with("http://")) {
                diags.push(
                    Diagnostic::error(
                        file,
                        find("base_url"),
                        "`base_url` must be an absolute http(s) URL",
                    )
                    .help("for example `base_url = \"https://user.github.io/repo/\"`"),
                );
            } else if !url.ends_with('/') {
                config.base_url = Some(format!("{url}/"));
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
