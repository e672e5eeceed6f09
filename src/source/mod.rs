//! Source files as read from disk: path, text (BOM removed, CRLF folded to LF)
//! and a line index that turns byte offsets into 1-based line and column.
//!
//! Every position in the program is a byte offset into one of these texts;
//! only diagnostics turn it into line:column (columns counted in characters).
//! A YAML file also gets, on first need, the table of where each of its
//! nodes sits ([`yaml_spans`]), so a check can point at `evidence[2].quote`
//! of item 7 ([`Place`]).
//!
//! The bottom of the crate: it imports no other module of it.

mod lines;
pub mod yaml_spans;

pub(crate) use yaml_spans::ypath;

use lines::Lines;
use std::ops::Range;
use std::path::PathBuf;
use yaml_spans::SpanMap;

/// Index of a file in [`Sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in a source file.
pub type Span = Range<usize>;

/// One file of the dossier.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the dossier root, with `/` separators (for messages).
    pub display: String,
    /// Absolute or root-joined path on disk.
    pub path: PathBuf,
    /// Text with any BOM removed and CRLF turned into LF.
    pub text: std::sync::Arc<String>,
    /// Where each line starts, built the first time a position is asked
    /// for: most files never need one (on a big dossier, tens of
    /// megabytes and a pass over every text saved).
    line_starts: std::sync::OnceLock<Vec<usize>>,
    /// Span table of the whole text read as YAML, built on first use
    /// ([`SourceFile::yaml_spans`]).
    yaml: std::sync::OnceLock<SpanMap>,
}

impl SourceFile {
    /// Wraps text that has already been decoded; folds CRLF and strips a BOM.
    pub fn new(display: String, path: PathBuf, text: String) -> Self {
        Self::shared(display, path, std::sync::Arc::new(text))
    }

    /// [`SourceFile::new`] with a text shared with others (`serve` keeps
    /// the texts read from one load to the next): not copied unless it
    /// has a byte order mark or carriage returns to take out.
    pub fn shared(display: String, path: PathBuf, text: std::sync::Arc<String>) -> Self {
        let text = if text.starts_with('\u{feff}') || text.contains('\r') {
            std::sync::Arc::new(normalize_newlines(String::clone(&text)))
        } else {
            text
        };
        SourceFile {
            display,
            path,
            text,
            line_starts: std::sync::OnceLock::new(),
            yaml: std::sync::OnceLock::new(),
        }
    }

    /// Where every node of the text, read as one YAML document, sits:
    /// built the first time a diagnostic needs a position, then kept.
    pub fn yaml_spans(&self) -> &SpanMap {
        self.yaml.get_or_init(|| span_map(self, 0, self.text.len()))
    }

    /// The text with its line table.
    fn lines(&self) -> Lines<'_> {
        Lines {
            text: &self.text,
            starts: self
                .line_starts
                .get_or_init(|| lines::line_starts(&self.text)),
        }
    }

    /// 0-based line index containing `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.lines().line_index(offset)
    }

    /// 1-based (line, column); column counted in characters.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines().line_col(offset)
    }

    /// Text of the 0-based line, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        self.lines().line_text(line)
    }

    /// Byte offset of a 1-based line and character column (clamped to the line).
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        self.lines().offset_of(line, col)
    }

    /// Clamps an offset into the text, onto a character boundary.
    pub fn clamp(&self, offset: usize) -> usize {
        self.lines().clamp(offset)
    }
}

/// Builds the span table of `file.text[base..end]` (a whole YAML file, or
/// the front matter of a Markdown one). Aliases are not expanded.
pub fn span_map(file: &SourceFile, base: usize, end: usize) -> SpanMap {
    yaml_spans::build(file.lines(), base, end)
}

fn normalize_newlines(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    text
}

/// All files read in a run, addressed by [`FileId`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn add(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(u32::try_from(self.files.len() - 1).expect("fewer than 4 billion files"))
    }

    /// Frees the texts and line tables once nothing will quote them (after
    /// the diagnostics are rendered): on a big dossier they are hundreds of
    /// megabytes that rendering does not need. Paths are kept.
    pub fn release_texts(&mut self) {
        for f in &mut self.files {
            f.text = std::sync::Arc::default();
            f.line_starts = std::sync::OnceLock::new();
            f.yaml = std::sync::OnceLock::new();
        }
    }

    /// The first `n` files, their texts shared (not copied) and their
    /// line and span tables left to be built again.
    #[must_use]
    pub fn first(&self, n: usize) -> Sources {
        let files = self.files[..n.min(self.files.len())]
            .iter()
            .map(|f| SourceFile {
                display: f.display.clone(),
                path: f.path.clone(),
                text: std::sync::Arc::clone(&f.text),
                line_starts: std::sync::OnceLock::new(),
                yaml: std::sync::OnceLock::new(),
            })
            .collect();
        Sources { files }
    }

    /// The number of files.
    #[must_use]
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there is no file.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The first file read from `path` on disk, if any.
    #[must_use]
    pub fn find_path(&self, path: &std::path::Path) -> Option<FileId> {
        let i = self.files.iter().position(|f| f.path == path)?;
        u32::try_from(i).ok().map(FileId)
    }

    /// Replaces the text of a file (read again after a change), with its
    /// line table.
    pub fn replace_text(&mut self, id: FileId, text: std::sync::Arc<String>) {
        let f = &mut self.files[id.0 as usize];
        *f = SourceFile::shared(
            std::mem::take(&mut f.display),
            std::mem::take(&mut f.path),
            text,
        );
    }

    /// The first file shown as `display` (`dossier.toml`), if read.
    pub fn find(&self, display: &str) -> Option<FileId> {
        let i = self.files.iter().position(|f| f.display == display)?;
        u32::try_from(i).ok().map(FileId)
    }

    /// Every file, in the order read ([`FileId`] order).
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
}

/// Where a problem in a YAML file is, kept as the node it concerns and
/// turned into a span only when a diagnostic is shown: finding spans
/// means a second parse of the file, which a valid dossier never needs.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// A span already known.
    Span(Span),
    /// List item `i` of a whole-file YAML list.
    Item(usize),
    /// Field `key` of item `i`.
    Field(usize, &'static str),
    /// Field `key` of entry `k` of the list `list` of item `i`
    /// (`evidence[k].quote`).
    Entry(usize, &'static str, usize, &'static str),
}

impl Place {
    /// The span of the place in file `file` of `sources`.
    pub fn span_in(&self, sources: &Sources, file: FileId) -> Span {
        match self {
            Place::Span(s) => s.clone(),
            _ => self.span(sources.get(file)),
        }
    }

    /// The span of the place within `src` (whose span table is built on
    /// first use).
    pub fn span(&self, src: &SourceFile) -> Span {
        match self {
            Place::Span(s) => s.clone(),
            Place::Item(i) => src.yaml_spans().value(ypath![*i]),
            Place::Field(i, key) => src.yaml_spans().value(ypath![*i, *key]),
            Place::Entry(i, list, k, key) => src.yaml_spans().value(ypath![*i, *list, *k, *key]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("t".into(), "t".into(), text.into())
    }

    #[test]
    fn line_col_counts_characters_from_one() {
        let f = file("ab\nécrit: x\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        let x = f.text.find('x').unwrap();
        assert_eq!(f.line_col(x), (2, 8));
        assert_eq!(f.line_text(1), "écrit: x");
        assert_eq!(f.offset_of(2, 8), x);
    }

    #[test]
    fn crlf_and_bom_are_folded() {
        let f = file("\u{feff}a\r\nb\r\n");
        assert_eq!(f.text.as_str(), "a\nb\n");
        assert_eq!(f.line_col(2), (2, 1));
    }
}
