//! The icons of the web app manifest, drawn at build time: a page of text
//! with one highlighted passage (what every claim of a dossier links to),
//! in the default theme's colours, on a full square so that the same
//! picture serves as a plain and as a maskable icon (everything drawn lies
//! inside the central circle a mask keeps). No font, no randomness: the
//! same bytes every build.
//!
//! In: a size in pixels. Out: a PNG.

/// `--link` of the default theme: the background.
pub(super) const BACKGROUND: [u8; 3] = [0x1a, 0x5f, 0xa8];
/// `--paper`: the page.
pub(super) const PAPER: [u8; 3] = [0xff, 0xff, 0xff];
/// `--ink`: the lines of text.
pub(super) const INK: [u8; 3] = [0x0b, 0x0c, 0x0c];
/// `--mark-strong`: the highlighted passage.
pub(super) const MARK: [u8; 3] = [0xff, 0xe0, 0x66];

/// A rectangle in fractions of the side, and its colour.
type Shape = ([f64; 4], [u8; 3]);

/// What is drawn, back to front: the page, a passage highlighted across
/// two lines, and five lines of text.
const SHAPES: &[Shape] = &[
    ([0.29, 0.20, 0.71, 0.80], PAPER),
    ([0.43, 0.435, 0.64, 0.505], MARK),
    ([0.34, 0.525, 0.52, 0.595], MARK),
    ([0.34, 0.29, 0.66, 0.325], INK),
    ([0.34, 0.37, 0.62, 0.405], INK),
    ([0.34, 0.45, 0.64, 0.485], INK),
    ([0.34, 0.54, 0.66, 0.575], INK),
    ([0.34, 0.62, 0.58, 0.655], INK),
];

/// The icon as RGB pixels, `size` × `size`. Each shape covers a pixel by
/// the area it overlaps, so edges that fall between pixels are blended.
fn pixels(size: u32) -> Vec<u8> {
    let n = size as usize;
    let side = f64::from(size);
    let mut px: Vec<[f64; 3]> = vec![BACKGROUND.map(f64::from); n * n];
    for &([x0, y0, x1, y1], colour) in SHAPES {
        let (x0, y0, x1, y1) = (x0 * side, y0 * side, x1 * side, y1 * side);
        let colour = colour.map(f64::from);
        let cover = |lo: f64, hi: f64, at: usize| {
            let (a, b) = (at as f64, at as f64 + 1.0);
            (hi.min(b) - lo.max(a)).max(0.0)
        };
        for y in (y0.floor() as usize)..(y1.ceil() as usize).min(n) {
            let cy = cover(y0, y1, y);
            for x in (x0.floor() as usize)..(x1.ceil() as usize).min(n) {
                let a = cy * cover(x0, x1, x);
                let p = &mut px[y * n + x];
                for c in 0..3 {
                    p[c] = p[c] * (1.0 - a) + colour[c] * a;
                }
            }
        }
    }
    px.iter()
        .flat_map(|p| p.map(|v| v.round().clamp(0.0, 255.0) as u8))
        .collect()
}

/// The icon as a PNG of `size` × `size` pixels.
pub(super) fn png(size: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, size, size);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let written = encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&pixels(size)));
    // Writing into memory a picture of the size declared cannot fail.
    debug_assert!(written.is_ok(), "{written:?}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_colours_are_the_themes() {
        let style = include_str!("../../../themes/default/static/assets/style.css");
        for (var, c) in [
            ("--link", BACKGROUND),
            ("--paper", PAPER),
            ("--ink", INK),
            ("--mark-strong", MARK),
        ] {
            let hex = format!("{var}: #{:02x}{:02x}{:02x};", c[0], c[1], c[2]);
            assert!(style.contains(&hex), "{hex}");
        }
    }

    #[test]
    fn icons_decode_to_the_picture_and_are_the_same_every_time() {
        for size in [192, 512] {
            let bytes = png(size);
            assert_eq!(bytes, png(size));
            let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
            let mut reader = decoder.read_info().unwrap();
            let mut buf = vec![0; reader.output_buffer_size().unwrap()];
            let info = reader.next_frame(&mut buf).unwrap();
            assert_eq!((info.width, info.height), (size, size));
            let at = |x: f64, y: f64| {
                let (x, y) = (
                    (x * f64::from(size)) as usize,
                    (y * f64::from(size)) as usize,
                );
                let i = (y * size as usize + x) * 3;
                [buf[i], buf[i + 1], buf[i + 2]]
            };
            assert_eq!(at(0.05, 0.05), BACKGROUND);
            assert_eq!(at(0.31, 0.25), PAPER);
            assert_eq!(at(0.50, 0.30), INK);
            assert_eq!(at(0.60, 0.44), MARK);
        }
        // Everything drawn is inside the circle a maskable icon keeps
        // (radius 40 % of the side).
        for &([x0, y0, x1, y1], _) in SHAPES {
            for (x, y) in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] {
                assert!(((x - 0.5f64).powi(2) + (y - 0.5f64).powi(2)).sqrt() <= 0.4);
            }
        }
    }
}
