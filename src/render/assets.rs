//! Files the renderer makes that are neither pages nor data: the
//! stylesheet of highlighted code (from syntect's themes), and where the
//! stylesheet of "What changed" goes. The theme's own
//! static files are copied by the pipeline, not here.

use crate::markdown::CLASS_STYLE;

/// Stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub fn syntax_css() -> String {
    let themes = syntect::highlighting::ThemeSet::load_defaults();
    let light = syntect::html::css_for_theme_with_class_style(
        &themes.themes["InspiredGitHub"],
        CLASS_STYLE,
    )
    .unwrap_or_default();
    let dark = syntect::html::css_for_theme_with_class_style(
        &themes.themes["base16-ocean.dark"],
        CLASS_STYLE,
    )
    .unwrap_or_default();
    format!(
        "/* Code highlighting (syntect). */\n{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n"
    )
}

/// Where the stylesheet of "What changed" and of the change tags is
/// (written only when the dossier has editions).
pub const CHANGES_STYLESHEET: &str = "assets/changes.css";
