//! Fenced code, highlighted. In: the code and its language. Out:
//! `<pre class="code">` with one `<span>` per run of text drawn alike, and
//! `assets/syntax.css`, which gives the spans their colours in the light
//! and the dark scheme.
//!
//! syntect parses the code; each piece of text is then looked up in the
//! two themes (made readable on the pages' code background, see
//! `readable`), and classed by what it looks like there, not by its
//! grammar's scopes: `a<n>`, `b<n>` and `c<n>` are the colour, background
//! and font of the light scheme, `d<n>`, `e<n>` and `f<n>` those of the
//! dark one, `<n>` numbering each theme's distinct values in the theme's
//! order (so the classes never depend on the code). Text in the page's
//! code colour in both schemes has no span; neighbours drawn alike share
//! one; blank text joins its neighbour unless it shows a background or a
//! line. Used by the Markdown pass, below every other module; imports only the
//! HTML escape (`crate::escape`).

mod readable;

pub use readable::{
    CODE_BACKGROUND_DARK, CODE_BACKGROUND_LIGHT, contrast, luminance, parse_hex, raise_contrast,
};

use crate::escape::escape_into;
use std::fmt::Write as _;
use std::sync::LazyLock;
use syntect::highlighting::{
    Color, FontStyle, HighlightState, Highlighter, RangedHighlightIterator, Style, Theme,
};
use syntect::parsing::{ParseState, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// What a theme's unset colour is replaced with, to tell "not coloured by
/// the theme" (the page's code colour then shows) from any real colour: a
/// transparent one, which no readable theme has.
const UNSET: Color = Color {
    r: 0,
    g: 0,
    b: 0,
    a: 0,
};

/// One colour scheme: its readable theme and the distinct values its
/// rules give text, which number the classes.
struct Scheme {
    theme: Theme,
    /// The media query the scheme's rules sit in.
    media: &'static str,
    /// The class letters of colour, background and font.
    letters: [char; 3],
    foregrounds: Vec<Color>,
    backgrounds: Vec<Color>,
    fonts: Vec<FontStyle>,
}

impl Scheme {
    fn new(
        name: &str,
        background: [u8; 3],
        towards: [u8; 3],
        media: &'static str,
        letters: [char; 3],
    ) -> Scheme {
        let themes = syntect::highlighting::ThemeSet::load_defaults();
        let mut theme = readable::readable(&themes.themes[name], background, towards);
        theme.settings.foreground = Some(UNSET);
        theme.settings.background = Some(UNSET);
        let mut scheme = Scheme {
            theme,
            media,
            letters,
            foregrounds: Vec::new(),
            backgrounds: Vec::new(),
            fonts: Vec::new(),
        };
        fn add<T: PartialEq>(list: &mut Vec<T>, v: Option<T>) {
            if let Some(v) = v.filter(|v| !list.contains(v)) {
                list.push(v);
            }
        }
        for item in &scheme.theme.scopes {
            let s = item.style;
            add(&mut scheme.foregrounds, s.foreground);
            add(&mut scheme.backgrounds, s.background);
            add(&mut scheme.fonts, s.font_style.filter(|f| !f.is_empty()));
        }
        scheme
    }

    /// The classes of text drawn in `style` (pushed to `out`, each after a
    /// space).
    fn classes(&self, style: Style, out: &mut String) {
        // The style of text outside every scope: nothing set.
        if style == Style::default() {
            return;
        }
        let mut class = |letter: char, n: Option<usize>| {
            if let Some(n) = n {
                let _ = write!(out, " {letter}{n}");
            }
        };
        let [fg, bg, font] = self.letters;
        class(
            fg,
            self.foregrounds.iter().position(|&c| c == style.foreground),
        );
        class(
            bg,
            self.backgrounds.iter().position(|&c| c == style.background),
        );
        class(font, self.fonts.iter().position(|&f| f == style.font_style));
    }

    /// Whether blank text in `style` shows anything: a background or a
    /// line under it.
    fn shows_on_blank(&self, style: Style) -> bool {
        style != Style::default()
            && (self.backgrounds.contains(&style.background)
                || style.font_style.contains(FontStyle::UNDERLINE))
    }

    /// The scheme's rules: one per class.
    fn css(&self, out: &mut String) {
        let _ = writeln!(out, "@media {} {{", self.media);
        let hex = |c: Color| format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b);
        let [fg, bg, font] = self.letters;
        for (n, &c) in self.foregrounds.iter().enumerate() {
            let _ = writeln!(out, ".code .{fg}{n} {{ color: {}; }}", hex(c));
        }
        for (n, &c) in self.backgrounds.iter().enumerate() {
            let _ = writeln!(out, ".code .{bg}{n} {{ background-color: {}; }}", hex(c));
        }
        for (n, f) in self.fonts.iter().enumerate() {
            let mut decls = String::new();
            if f.contains(FontStyle::BOLD) {
                decls.push_str(" font-weight: bold;");
            }
            if f.contains(FontStyle::ITALIC) {
                decls.push_str(" font-style: italic;");
            }
            if f.contains(FontStyle::UNDERLINE) {
                decls.push_str(" text-decoration: underline;");
            }
            let _ = writeln!(out, ".code .{font}{n} {{{decls} }}");
        }
        out.push_str("}\n");
    }
}

/// The light scheme (syntect's InspiredGitHub) and the dark one
/// (base16-ocean.dark), each held to its media query, since the two do
/// not style the same text: a light colour the dark theme does not
/// override would otherwise show on the dark background.
static SCHEMES: LazyLock<[Scheme; 2]> = LazyLock::new(|| {
    [
        Scheme::new(
            "InspiredGitHub",
            CODE_BACKGROUND_LIGHT,
            [0, 0, 0],
            "(prefers-color-scheme: light)",
            ['a', 'b', 'c'],
        ),
        Scheme::new(
            "base16-ocean.dark",
            CODE_BACKGROUND_DARK,
            [255; 3],
            "(prefers-color-scheme: dark)",
            ['d', 'e', 'f'],
        ),
    ]
});

/// The stylesheet of highlighted code: the classes of both schemes.
#[must_use]
pub fn syntax_css() -> String {
    let mut out = String::from(
        "/* Code highlighting (syntect): a, b, c colour, background and font in the light scheme; d, e, f in the dark. */\n",
    );
    for scheme in SCHEMES.iter() {
        scheme.css(&mut out);
    }
    out
}

/// Highlights a code block into `<pre class="code">` (with `data-lang`
/// when a language is given); unknown languages and code syntect cannot
/// parse are written plain.
#[must_use]
pub fn highlight(code: &str, lang: &str) -> String {
    let lang = lang.split([',', ' ']).next().unwrap_or("").trim();
    let syntax = (!lang.is_empty() && within_budget(code))
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    let mut out = String::from("<pre class=\"code\"");
    if !lang.is_empty() {
        out.push_str(" data-lang=\"");
        escape_into(&mut out, lang);
        out.push('"');
    }
    out.push_str("><code>");
    match syntax.and_then(|s| runs(code, s)) {
        Some(runs) => {
            let mut start = 0;
            for (class, end) in runs {
                let text = &code[start..end];
                start = end;
                if class.is_empty() {
                    escape_into(&mut out, text);
                } else {
                    out.push_str("<span class=\"");
                    out.push_str(&class);
                    out.push_str("\">");
                    escape_into(&mut out, text);
                    out.push_str("</span>");
                }
            }
        }
        None => escape_into(&mut out, code),
    }
    out.push_str("</code></pre>\n");
    out
}

/// The most a block's lines may weigh, summed (each line's length in
/// bytes, squared), for it to be highlighted.
const BUDGET: u64 = 25_000_000;

/// Whether `code` is highlighted at all. Some grammars take time
/// quadratic in a line's length on hostile lines (Bash on a line of
/// 20,000 `(` takes most of a second, 80,000 ten seconds), so a block
/// whose lines are long is written plain: one line of 5,000 bytes, or
/// 4,000 lines of 80, is the most that is highlighted (a few tens of
/// milliseconds at worst), and ordinary code is far below.
fn within_budget(code: &str) -> bool {
    let mut weight: u64 = 0;
    for line in code.split('\n') {
        let n = line.len() as u64;
        weight = weight.saturating_add(n * n);
        if weight > BUDGET {
            return false;
        }
    }
    true
}

/// The runs of `code` drawn alike: (classes, end offset), covering it
/// all; `None` when syntect fails on it.
fn runs(code: &str, syntax: &SyntaxReference) -> Option<Vec<(String, usize)>> {
    let [light, dark] = &*SCHEMES;
    let highlighters = [
        Highlighter::new(&light.theme),
        Highlighter::new(&dark.theme),
    ];
    let mut states = highlighters
        .each_ref()
        .map(|h| HighlightState::new(h, ScopeStack::new()));
    let mut parser = ParseState::new(syntax);
    let mut runs: Vec<(String, usize)> = Vec::new();
    let mut offset = 0;
    let mut class = String::new();
    for line in LinesWithEndings::from(code) {
        let ops = parser.parse_line(line, &SYNTAXES).ok()?;
        let [l, d] = &mut states;
        let lights = RangedHighlightIterator::new(l, &ops, line, &highlighters[0]);
        let darks: Vec<_> = RangedHighlightIterator::new(d, &ops, line, &highlighters[1]).collect();
        let mut covered = 0;
        for ((ls, text, range), (ds, _, other)) in lights.zip(darks) {
            if range != other || range.start != covered {
                return None;
            }
            covered = range.end;
            let end = offset + range.end;
            let blank =
                text.trim().is_empty() && !light.shows_on_blank(ls) && !dark.shows_on_blank(ds);
            class.clear();
            light.classes(ls, &mut class);
            dark.classes(ds, &mut class);
            let class = class.trim_start();
            match runs.last_mut() {
                Some(last) if blank || last.0 == class => last.1 = end,
                _ if blank => runs.push((String::new(), end)),
                _ => runs.push((class.to_string(), end)),
            }
        }
        if covered != line.len() {
            return None;
        }
        offset += line.len();
    }
    Some(runs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use syntect::easy::HighlightLines;

    const RUST: &str = "fn main() {\n    // A comment.\n    let total: u32 = (1..=10).sum();\n    println!(\"{total}\");\n}\n";

    /// The colour `syntax.css` gives `class` in `scheme`, if any.
    fn colour(css: &str, scheme: &Scheme, class: &str) -> Option<[u8; 3]> {
        let part = &css[css.find(scheme.media)?..];
        let part = &part[..part.find("\n}\n")?];
        let rule = format!(".code .{class} {{ color: ");
        let at = part.find(&rule)? + rule.len();
        parse_hex(&part[at..at + 7])
    }

    fn rgb(c: Color) -> [u8; 3] {
        [c.r, c.g, c.b]
    }

    #[test]
    fn code_is_one_short_span_per_run_of_text_drawn_alike() {
        let html = highlight(RUST, "rust");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\"><code>"),
            "{html}"
        );
        // No nesting, no empty span, no two neighbours alike.
        let code = &html[html.find("<code>").unwrap() + 6..html.find("</code>").unwrap()];
        let mut last = "";
        let mut rest = code;
        while let Some(at) = rest.find("<span class=\"") {
            let (class, after) = rest[at + 13..].split_once("\">").unwrap();
            let (inner, tail) = after.split_once("</span>").unwrap();
            assert!(!inner.is_empty() && !inner.contains('<'), "{html}");
            assert!(class.split(' ').all(|c| c.len() <= 3), "long class {class}");
            assert!(at > 0 || class != last, "{class} twice in a row: {html}");
            last = class;
            rest = tail;
        }
        // The text is all there, escaped once.
        let bare = code
            .split("<span class=\"")
            .map(|p| p.split_once("\">").map_or(p, |(_, t)| t))
            .collect::<String>()
            .replace("</span>", "")
            .replace("&quot;", "\"");
        assert_eq!(bare, RUST);
        // Far smaller than syntect's nested spans of scope classes.
        let mut scoped = syntect::html::ClassedHTMLGenerator::new_with_class_style(
            SYNTAXES.find_syntax_by_token("rust").unwrap(),
            &SYNTAXES,
            syntect::html::ClassStyle::SpacedPrefixed { prefix: "hl-" },
        );
        for line in LinesWithEndings::from(RUST) {
            scoped
                .parse_html_for_line_which_includes_newline(line)
                .unwrap();
        }
        let scoped = scoped.finalize();
        assert!(
            html.len() * 3 < scoped.len(),
            "{} bytes against {}: {html}",
            html.len(),
            scoped.len()
        );
        // The same every time.
        assert_eq!(highlight(RUST, "rust"), html);
    }

    /// Each character of a snippet gets, in both schemes, the colour
    /// syntect's own highlighter gives it with the same theme (blank text
    /// aside: it shows no colour).
    #[test]
    fn every_character_keeps_its_themes_colour_in_both_schemes() {
        let css = syntax_css();
        let syntax = SYNTAXES.find_syntax_by_token("rust").unwrap();
        let runs = runs(RUST, syntax).unwrap();
        let schemes: &[Scheme; 2] = &SCHEMES;
        let mut checked = 0;
        for (k, scheme) in schemes.iter().enumerate() {
            let mut lines = HighlightLines::new(syntax, &scheme.theme);
            let mut at = 0;
            let mut expected = Vec::new();
            for line in LinesWithEndings::from(RUST) {
                for (style, text) in lines.highlight_line(line, &SYNTAXES).unwrap() {
                    for (i, c) in text.char_indices() {
                        expected.push((at + i, c, style.foreground));
                    }
                    at += text.len();
                }
            }
            for (offset, c, want) in expected {
                if c.is_whitespace() {
                    continue;
                }
                let (class, _) = runs.iter().find(|(_, end)| offset < *end).unwrap();
                let letter = scheme.letters[0];
                let got = class
                    .split(' ')
                    .find(|c| c.starts_with(letter))
                    .and_then(|c| colour(&css, scheme, c));
                match got {
                    Some(got) => assert_eq!(got, rgb(want), "{c:?} at {offset}, scheme {k}"),
                    None => assert_eq!(want, UNSET, "{c:?} at {offset}, scheme {k}"),
                }
                checked += 1;
            }
        }
        assert!(checked > 100, "{checked}");
    }

    #[test]
    fn every_styled_token_reaches_aa_in_both_schemes() {
        let css = syntax_css();
        let light = css.find("@media (prefers-color-scheme: light) {").unwrap();
        let dark = css.find("@media (prefers-color-scheme: dark) {").unwrap();
        assert!(!css[..light].contains('{'), "rules outside both schemes");
        let mut checked = 0;
        for (scheme, bg) in SCHEMES
            .iter()
            .zip([CODE_BACKGROUND_LIGHT, CODE_BACKGROUND_DARK])
        {
            for item in &scheme.theme.scopes {
                let Some(fg) = item.style.foreground else {
                    continue;
                };
                let under = item.style.background.map_or(bg, rgb);
                let ratio = contrast(rgb(fg), under);
                assert!(ratio >= 4.5, "{:?}: {fg:?} on {under:?}", item.scope);
                let n = scheme.foregrounds.iter().position(|&c| c == fg).unwrap();
                let class = format!("{}{n}", scheme.letters[0]);
                assert_eq!(colour(&css, scheme, &class), Some(rgb(fg)), "{class}");
                checked += 1;
            }
        }
        // Both themes style dozens of scopes; each scheme's rules in its own block.
        assert!(checked > 60, "{checked}");
        assert!(css[light..dark].contains(".code .a0 {"));
        assert!(css[dark..].contains(".code .d0 {"));
    }

    /// Bash takes time quadratic in a line's length on a line of `(`
    /// (this one would take over a minute): such a block is written
    /// plain, and still escaped.
    #[test]
    fn blocks_of_long_lines_are_written_plain() {
        let line = "(".repeat(200_000);
        let html = highlight(&format!("{line}<\n"), "bash");
        assert_eq!(
            html,
            format!("<pre class=\"code\" data-lang=\"bash\"><code>{line}&lt;\n</code></pre>\n")
        );
        assert!(!within_budget(&"a".repeat(5_001)));
        assert!(within_budget(
            &format!("{}\n", "x".repeat(80)).repeat(3_000)
        ));
        // Ordinary code is highlighted.
        assert!(highlight("echo \"$HOME\"\n", "bash").contains("<span"));
    }

    #[test]
    fn unknown_languages_and_no_language_are_plain() {
        assert_eq!(
            highlight("a < b\n", "no-such-language"),
            "<pre class=\"code\" data-lang=\"no-such-language\"><code>a &lt; b\n</code></pre>\n"
        );
        assert_eq!(
            highlight("x\n", ""),
            "<pre class=\"code\"><code>x\n</code></pre>\n"
        );
    }
}
