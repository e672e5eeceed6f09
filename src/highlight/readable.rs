//! Token colours readable on the pages' code background. syntect's themes
//! were made for editors with their own backgrounds; on the code
//! background of the pages (`--surface` in `style.css`) several of their
//! colours fall short of WCAG AA. Every colour a theme gives text is
//! therefore moved towards black (light scheme) or white (dark scheme), in
//! small steps keeping its hue, until it reaches 4.5:1 against the
//! background it is drawn on; colours that already do are left as they are.
//! In: a theme and a background. Out: the theme, readable.

use syntect::highlighting::{Color, Theme};

/// The background of code blocks in the light scheme (`--surface` of the
/// default theme's `style.css`; a test checks the two agree).
pub const CODE_BACKGROUND_LIGHT: [u8; 3] = [0xf4, 0xf3, 0xf0];
/// The background of code blocks in the dark scheme.
pub const CODE_BACKGROUND_DARK: [u8; 3] = [0x1f, 0x22, 0x26];

/// The contrast every token colour reaches (WCAG 2 AA for body text).
const MINIMUM_CONTRAST: f64 = 4.5;

/// `theme` with its background set to the page's code background and every
/// text colour moved towards `towards` until it is readable on the
/// background it is drawn on. A rule that sets a background but no colour
/// gets the theme's text colour, so that every rule names both.
pub(super) fn readable(theme: &Theme, background: [u8; 3], towards: [u8; 3]) -> Theme {
    let mut theme = theme.clone();
    let opaque = |c: [u8; 3]| Color {
        r: c[0],
        g: c[1],
        b: c[2],
        a: 0xff,
    };
    theme.settings.background = Some(opaque(background));
    let text = theme
        .settings
        .foreground
        .map_or([0x32; 3], |c| blend(c, background));
    let text = raise_contrast(text, background, towards);
    theme.settings.foreground = Some(opaque(text));
    for item in &mut theme.scopes {
        let style = &mut item.style;
        let under = style
            .background
            .map_or(background, |c| blend(c, background));
        if style.background.is_some() {
            style.background = Some(opaque(under));
        }
        let fg = match style.foreground {
            Some(c) => blend(c, under),
            None if style.background.is_some() => text,
            None => continue,
        };
        style.foreground = Some(opaque(raise_contrast(fg, under, towards)));
    }
    theme
}

/// `c` drawn over `under` (its alpha applied).
fn blend(c: Color, under: [u8; 3]) -> [u8; 3] {
    let a = f64::from(c.a) / 255.0;
    let mix = |x: u8, y: u8| (f64::from(x) * a + f64::from(y) * (1.0 - a)).round() as u8;
    [mix(c.r, under[0]), mix(c.g, under[1]), mix(c.b, under[2])]
}

/// `fg`, or the first of its mixes with `towards` (in steps of 1 %) that
/// reaches `MINIMUM_CONTRAST` on `bg`; if even `towards` does not (a
/// mid-tone background), the first such mix with the opposite extreme.
pub fn raise_contrast(fg: [u8; 3], bg: [u8; 3], towards: [u8; 3]) -> [u8; 3] {
    let opposite = towards.map(|v| 255 - v);
    for end in [towards, opposite] {
        for step in 0..=100 {
            let t = f64::from(step) / 100.0;
            let mix =
                |i: usize| (f64::from(fg[i]) * (1.0 - t) + f64::from(end[i]) * t).round() as u8;
            let c = [mix(0), mix(1), mix(2)];
            if contrast(c, bg) >= MINIMUM_CONTRAST {
                return c;
            }
        }
    }
    towards
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance(c: [u8; 3]) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
}

/// WCAG 2 contrast ratio of two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    let (hi, lo) = if x > y { (x, y) } else { (y, x) };
    (hi + 0.05) / (lo + 0.05)
}

/// `#rrggbb` or `#rgb` as a colour.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    let h = s.trim().strip_prefix('#')?;
    let digit = |i: usize, n: usize| u8::from_str_radix(h.get(i..i + n)?, 16).ok();
    match h.len() {
        6 | 8 => Some([digit(0, 2)?, digit(2, 2)?, digit(4, 2)?]),
        3 => Some([digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--surface` in the light palette and in the dark one.
    fn surfaces(style: &str) -> (Option<[u8; 3]>, Option<[u8; 3]>) {
        let value = |s: &str| {
            let at = s.find("--surface:")?;
            parse_hex(s[at + "--surface:".len()..].split(';').next()?)
        };
        let dark = style.find("@media (prefers-color-scheme: dark)");
        (value(style), dark.and_then(|d| value(&style[d..])))
    }

    #[test]
    fn the_code_backgrounds_are_the_themes_surface() {
        let style = include_str!("../../themes/default/static/assets/style.css");
        let (light, dark) = surfaces(style);
        assert_eq!(light, Some(CODE_BACKGROUND_LIGHT));
        assert_eq!(dark, Some(CODE_BACKGROUND_DARK));
    }

    #[test]
    fn contrast_matches_known_pairs() {
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((contrast([0x76; 3], [255; 3]) - 4.54).abs() < 0.01);
        // The reported failure: comments (#969896) on the code background.
        assert!(contrast([0x96, 0x98, 0x96], CODE_BACKGROUND_LIGHT) < 4.5);
        let fixed = raise_contrast([0x96, 0x98, 0x96], CODE_BACKGROUND_LIGHT, [0; 3]);
        assert!(contrast(fixed, CODE_BACKGROUND_LIGHT) >= 4.5);
        // Already readable: unchanged.
        assert_eq!(
            raise_contrast([0x18, 0x36, 0x91], [255; 3], [0; 3]),
            [0x18, 0x36, 0x91]
        );
    }
}
