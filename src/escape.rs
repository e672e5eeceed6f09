//! Text escaped for HTML content and attribute values (`&`, `<`, `>`,
//! `"`, `'`), fast: runs without a special character are copied whole,
//! text scanned eight bytes at a time. Control characters other than tab,
//! line feed and carriage return (which HTML does not allow in a page:
//! `\0`, the escape of a terminal colour) become `�`, wherever the user's
//! text came from. Plain text in, HTML text out; it
//! imports nothing from the crate, so the Markdown pass, the highlighter
//! and the renderers all call it (`markdown` re-exports it).

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into(&mut out, s);
    out
}

/// The entity for a byte that must be escaped, or the replacement
/// character for a control character HTML does not allow.
fn entity(b: u8) -> Option<&'static str> {
    Some(match b {
        b'&' => "&amp;",
        b'<' => "&lt;",
        b'>' => "&gt;",
        b'"' => "&quot;",
        b'\'' => "&#39;",
        b'\t' | b'\n' | b'\r' => return None,
        0..=0x1F | 0x7F => "\u{FFFD}",
        _ => return None,
    })
}

/// Whether any of the eight bytes of `w` must be escaped. `&` (0x26) and
/// `'` (0x27) differ in bit 0 only, `<` (0x3C) and `>` (0x3E) in bit 1
/// only, so three comparisons cover the five.
fn has_special(w: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Non-zero exactly when some byte of `v` is zero.
    let zero_byte = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let amp_apos = (w & (LO * 0xFE)) ^ (LO * 0x26);
    let lt_gt = (w & (LO * 0xFD)) ^ (LO * 0x3C);
    let quot = w ^ (LO * 0x22);
    // Bytes below 0x20 (tab and line feeds among them: looked at one by
    // one, and kept) and DEL.
    let control = w.wrapping_sub(LO * 0x20) & !w & HI;
    let del = w ^ (LO * 0x7F);
    zero_byte(amp_apos) | zero_byte(lt_gt) | zero_byte(quot) | control | zero_byte(del) != 0
}

/// Appends escaped text.
pub fn escape_into(out: &mut String, s: &str) {
    // Runs without a special character are copied whole (the five are
    // ASCII, so every cut is at a character boundary). Text is scanned
    // eight bytes at a time; a word with a special byte is looked at byte
    // by byte.
    let bytes = s.as_bytes();
    out.reserve(s.len());
    let mut last = 0;
    let mut escape_from = |out: &mut String, from: usize, chunk: &[u8]| {
        for (k, &b) in chunk.iter().enumerate() {
            if let Some(entity) = entity(b) {
                let at = from + k;
                out.push_str(&s[last..at]);
                out.push_str(entity);
                last = at + 1;
            }
        }
    };
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (n, word) in words.enumerate() {
        let mut w = [0u8; 8];
        w.copy_from_slice(word);
        if has_special(u64::from_le_bytes(w)) {
            escape_from(out, n * 8, word);
        }
    }
    escape_from(out, bytes.len() - tail.len(), tail);
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain byte-by-byte escape the fast one must match.
    fn escape_slowly(s: &str) -> String {
        let mut out = String::new();
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                '\t' | '\n' | '\r' => out.push(c),
                '\0'..='\x1f' | '\x7f' => out.push('\u{FFFD}'),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_eight_bytes_at_a_time_matches_the_plain_escape() {
        // Every byte value next to each special, at every offset in a word.
        for offset in 0..17 {
            for b in 0u8..128 {
                for special in ['&', '<', '>', '"', '\'', '%', '=', '$', 'a'] {
                    let mut s = "x".repeat(offset);
                    s.push(b as char);
                    s.push(special);
                    s.push_str("é 漢 yz");
                    assert_eq!(escape(&s), escape_slowly(&s), "{s:?}");
                }
            }
        }
        proptest::proptest!(|(s in "[&<>\"'=$%;:a-zé\\x00-\\x7f]{0,40}")| {
            proptest::prop_assert_eq!(escape(&s), escape_slowly(&s));
        });
    }
}
