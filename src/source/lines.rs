//! The line table of a text: byte offsets ↔ 1-based line and column
//! (columns counted in characters). It sits below the rest of `source`:
//! [`SourceFile`](super::SourceFile) answers with it, and the YAML span
//! table turns parser positions into offsets with it.

/// A text with the byte offset where each of its lines starts.
#[derive(Debug, Clone, Copy)]
pub struct Lines<'a> {
    /// The text.
    pub text: &'a str,
    /// Byte offset of the start of every line (the first is 0).
    pub starts: &'a [usize],
}

/// The start of every line of `text`.
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
    starts
}

impl<'a> Lines<'a> {
    /// 0-based line index containing `offset`.
    pub fn line_index(self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based (line, column); column counted in characters.
    pub fn line_col(self, offset: usize) -> (usize, usize) {
        let offset = self.clamp(offset);
        let line = self.line_index(offset);
        let start = self.starts[line];
        (line + 1, self.text[start..offset].chars().count() + 1)
    }

    /// Text of the 0-based line, without its newline.
    pub fn line_text(self, line: usize) -> &'a str {
        let start = self.starts[line];
        let end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&e| e - 1);
        &self.text[start..end.max(start)]
    }

    /// Byte offset of a 1-based line and character column (clamped to the line).
    pub fn offset_of(self, line: usize, col: usize) -> usize {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let text = self.line_text(line.saturating_sub(1));
        let within = text
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        start + within
    }

    /// Clamps an offset into the text, onto a character boundary.
    pub fn clamp(self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }
}
