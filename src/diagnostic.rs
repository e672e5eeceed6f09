//! Content problems as values: a [`Diagnostic`] names a file and a byte span,
//! says what is wrong, labels the spot and gives a hint. Stages push them into
//! a [`Diagnostics`] collector and carry on, so one run reports everything.
//! [`Diagnostics::render`] prints them rustc-style, sorted by path and line;
//! [`Diagnostics::render_capped`] prints every error but only the first
//! warnings of a long list, then a count of the rest by kind.

use crate::source::{FileId, Sources, Span};
use std::fmt::Write as _;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; the build goes on (an error under `check --strict`).
    Warning,
}

/// A secondary location, e.g. "first defined here".
#[derive(Debug, Clone)]
pub struct Related {
    /// File of the related spot.
    pub file: FileId,
    /// Span in that file.
    pub span: Span,
    /// What it is.
    pub label: String,
}

/// One problem in the content.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// One-line description.
    pub message: String,
    /// Where it is (file and byte span), if it has a place.
    pub location: Option<(FileId, Span)>,
    /// For a problem with a path but no text to point into (an unreadable
    /// file, a symbolic link loop, an empty folder): that path, relative
    /// to the dossier root. Ignored when `location` is set.
    pub path: Option<String>,
    /// Text printed under the carets.
    pub label: String,
    /// `= help:` line.
    pub help: Option<String>,
    /// Other places involved.
    pub related: Vec<Related>,
    /// What kind of problem this is, in words that fit a count ("claims
    /// graded credibility 1 with a single origin"): how warnings past the
    /// first are summed up.
    pub kind: Option<&'static str>,
}

impl Diagnostic {
    /// An error at a span.
    pub fn error(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: Some((file, span)),
            path: None,
            label: String::new(),
            help: None,
            related: Vec::new(),
            kind: None,
        }
    }

    /// A warning at a span.
    pub fn warning(file: FileId, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Self::error(file, span, message)
        }
    }

    /// An error with no place in a file (e.g. an empty content folder).
    pub fn global(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            path: None,
            label: String::new(),
            help: None,
            related: Vec::new(),
            kind: None,
        }
    }

    /// An error about a path that has no line to show (an unreadable file,
    /// a symbolic link loop, an empty folder); printed as `--> path`.
    pub fn at_path(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: Some(path.into()),
            ..Self::global(message)
        }
    }

    /// The same problem as a warning.
    #[must_use]
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Sets the caret label.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Sets the hint.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the kind, in words that fit a count.
    #[must_use]
    pub fn kind(mut self, kind: &'static str) -> Self {
        self.kind = Some(kind);
        self
    }

    /// Adds a related location.
    #[must_use]
    pub fn related(mut self, file: FileId, span: Span, label: impl Into<String>) -> Self {
        self.related.push(Related {
            file,
            span,
            label: label.into(),
        });
        self
    }
}

/// Collects diagnostics from every stage.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    /// `check --strict`: warnings count, and are printed, as errors.
    strict: bool,
    /// Entries read with some fields taken out: see [`Mask`].
    masks: Vec<Mask>,
}

/// An entry (a list item, a front matter) that was read with the fields
/// of the wrong type taken out, so that its other fields are checked in
/// the same run. A problem found in it later is kept only when it is in
/// one of the fields left in: one elsewhere in the entry (a field taken
/// out now "missing", the entry as a whole) could be caused by the taking
/// out, and the entry's type errors are already told.
#[derive(Debug, Clone)]
pub struct Mask {
    /// The file of the entry.
    pub file: FileId,
    /// The entry's text.
    pub within: Span,
    /// The fields left in, key and value.
    pub keep: Vec<Span>,
}

impl Mask {
    /// Whether `d` is a problem this mask leaves out.
    fn hides(&self, d: &Diagnostic) -> bool {
        let Some((file, span)) = &d.location else {
            return false;
        };
        *file == self.file
            && self.within.contains(&span.start)
            && !self.keep.iter().any(|k| k.contains(&span.start))
    }
}

impl Diagnostics {
    /// Records a problem (unless a [`Mask`] hides it).
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.masks.iter().any(|m| m.hides(&diagnostic)) {
            return;
        }
        self.items.push(diagnostic);
    }

    /// Takes all diagnostics of another collector.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        for d in other {
            self.push(d);
        }
    }

    /// Takes all diagnostics of another collector (its masks applied
    /// already), and its masks.
    pub fn append(&mut self, other: Diagnostics) {
        self.extend(other.items);
        self.masks.extend(other.masks);
    }

    /// Keeps only the diagnostics for which `keep` is true.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// From now on, leaves out the problems `mask` hides (see [`Mask`]).
    pub fn mask(&mut self, mask: Mask) {
        self.masks.push(mask);
    }

    /// Number of errors (warnings too, under `check --strict`).
    pub fn errors(&self) -> usize {
        if self.strict {
            return self.items.len();
        }
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings (none under `check --strict`).
    pub fn warnings(&self) -> usize {
        self.items.len() - self.errors()
    }

    /// Counts and prints every warning as an error (`check --strict`).
    /// A long list of them is still capped by [`Diagnostics::render_capped`]
    /// like warnings are: they are the same problems.
    pub fn promote_warnings(&mut self) {
        self.strict = true;
    }

    /// The diagnostics, in report order (path, line, column, message).
    pub fn sorted(&self, sources: &Sources) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        items.sort_by_cached_key(|d| match &d.location {
            None => (d.path.clone().unwrap_or_default(), 0, 0, d.message.clone()),
            // Byte offsets sort like (line, column) and cost nothing to
            // compute, even for thousands of problems on one long line.
            Some((file, span)) => (
                sources.get(*file).display.clone(),
                span.start,
                0,
                d.message.clone(),
            ),
        });
        items.dedup_by(|a, b| {
            a.message == b.message
                && a.path == b.path
                && a.location.as_ref().map(|l| (l.0, l.1.start))
                    == b.location.as_ref().map(|l| (l.0, l.1.start))
        });
        items
    }

    /// All diagnostics as text, rustc-style, in report order.
    pub fn render(&self, sources: &Sources) -> String {
        let mut out = String::new();
        for d in self.sorted(sources) {
            render_one(&mut out, d, sources, self.strict);
            out.push('\n');
        }
        out
    }

    /// Like [`Diagnostics::render`], except that past [`WARNINGS_CAP`]
    /// warnings only the first [`WARNINGS_IN_FULL`] are printed, followed by
    /// a count of the others by kind; every error is printed. Returns the
    /// text, and whether warnings were left out.
    pub fn render_capped(&self, sources: &Sources) -> (String, bool) {
        let total = self
            .items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        if total <= WARNINGS_CAP {
            return (self.render(sources), false);
        }
        let mut out = String::new();
        let mut shown = 0;
        let mut left: Vec<(&str, usize)> = Vec::new();
        for d in self.sorted(sources) {
            if d.severity == Severity::Warning {
                if shown == WARNINGS_IN_FULL {
                    let kind = d.kind.unwrap_or("other warnings");
                    match left.iter_mut().find(|(k, _)| *k == kind) {
                        Some((_, n)) => *n += 1,
                        None => left.push((kind, 1)),
                    }
                    continue;
                }
                shown += 1;
            }
            render_one(&mut out, d, sources, self.strict);
            out.push('\n');
        }
        let hidden: usize = left.iter().map(|(_, n)| n).sum();
        left.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let what = if self.strict { "error" } else { "warning" };
        let _ = writeln!(
            out,
            "{what}: {} more {what}{} not shown (`--all-warnings` prints every one):",
            group_thousands(hidden),
            if hidden == 1 { "" } else { "s" }
        );
        let width = group_thousands(left[0].1).len();
        for (kind, n) in &left {
            let _ = writeln!(out, "  {:>width$}  {kind}", group_thousands(*n));
        }
        out.push('\n');
        (out, true)
    }

    /// The raw list (for tests).
    pub fn items(&self) -> &[Diagnostic] {
        &self.items
    }
}

/// A list of more warnings than this is capped (see
/// [`Diagnostics::render_capped`]).
pub const WARNINGS_CAP: usize = 50;
/// How many warnings of a capped list are printed in full.
pub const WARNINGS_IN_FULL: usize = 20;

/// `12345` as `12,345`, for counts in the terminal.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &Sources, strict: bool) {
    let kind = match d.severity {
        Severity::Warning if !strict => "warning",
        _ => "error",
    };
    let _ = writeln!(out, "{kind}: {}", printable(&d.message));
    let mut gutter = 0;
    if let Some((file, span)) = &d.location {
        let f = sources.get(*file);
        let (line, _) = f.line_col(span.start);
        gutter = line.to_string().len().max(
            d.related
                .iter()
                .map(|r| {
                    sources
                        .get(r.file)
                        .line_col(r.span.start)
                        .0
                        .to_string()
                        .len()
                })
                .max()
                .unwrap_or(0),
        );
        snippet(out, sources, *file, span, &d.label, gutter);
    } else if let Some(path) = &d.path {
        let _ = writeln!(out, " --> {}", printable(path));
        if !d.label.is_empty() {
            let _ = writeln!(out, "  = note: {}", printable(&d.label));
        }
    }
    for r in &d.related {
        snippet(out, sources, r.file, &r.span, &r.label, gutter);
    }
    if let Some(help) = &d.help {
        let pad = " ".repeat(gutter);
        if d.location.is_some() {
            let _ = writeln!(out, "{pad} |");
        }
        for (i, line) in printable(help).lines().enumerate() {
            if i == 0 {
                let _ = writeln!(out, "{pad} = help: {line}");
            } else {
                let _ = writeln!(out, "{pad}         {line}");
            }
        }
    }
}

/// Lines longer than this many characters (minified YAML, a paragraph on
/// one line) are shown as a window of this width around the caret, so a
/// thousand problems on a megabyte line do not print a gigabyte.
const LONG_LINE: usize = 160;
/// Characters shown before the caret in such a window.
const LONG_LINE_BEFORE: usize = 40;

fn snippet(
    out: &mut String,
    sources: &Sources,
    file: FileId,
    span: &Span,
    label: &str,
    gutter: usize,
) {
    let f = sources.get(file);
    let (line, col) = f.line_col(span.start);
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}--> {}:{line}:{col}", f.display);
    let text = f.line_text(line - 1);
    let _ = writeln!(out, "{pad} |");
    let line_chars = text.chars().count();
    let end = f.clamp(span.end.max(span.start));
    let (end_line, end_col) = f.line_col(end);
    let width = if end_line == line && end_col > col {
        end_col - col
    } else {
        line_chars.saturating_sub(col - 1).max(1)
    };
    let width = width.clamp(1, (line_chars + 1).saturating_sub(col - 1).max(1));
    // The characters shown: all, or a window around the caret.
    let first = if line_chars > LONG_LINE {
        (col - 1).saturating_sub(LONG_LINE_BEFORE)
    } else {
        0
    };
    let last = (first + LONG_LINE).min(line_chars);
    let mut shown: Vec<char> = text
        .chars()
        .skip(first)
        .take(last - first)
        .map(|c| if c == '\t' { ' ' } else { shown_char(c) })
        .collect();
    if first > 0 {
        shown.insert(0, '…');
    }
    if last < line_chars {
        shown.push('…');
    }
    let caret = (col - 1 - first + usize::from(first > 0)).min(shown.len());
    let width = width.min((last + 1).saturating_sub(col - 1).max(1));
    let under = &shown[caret..(caret + width).min(shown.len())];
    // In terminal columns: a Chinese character takes two.
    let space = " ".repeat(columns(&shown[..caret]));
    let carets = "^".repeat(columns(under).max(1));
    let shown: String = shown.into_iter().collect();
    let _ = writeln!(out, "{line:>gutter$} | {shown}");
    if label.is_empty() {
        let _ = writeln!(out, "{pad} | {space}{carets}");
    } else {
        let _ = writeln!(out, "{pad} | {space}{carets} {}", printable(label));
    }
}

/// The terminal columns `chars` take (East Asian wide characters two).
fn columns(chars: &[char]) -> usize {
    chars
        .iter()
        .map(|&c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(1))
        .sum()
}

/// A character of the user's text as the terminal is given it: control
/// characters (an escape sequence could clear the screen, retitle the
/// window or fake a line of output) and the marks that reorder text
/// (bidirectional overrides and isolates) shown as `�`.
fn shown_char(c: char) -> char {
    let reorders = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    if (c.is_control() && c != '\n') || reorders {
        '\u{FFFD}'
    } else {
        c
    }
}

/// Text of a diagnostic (which may quote the user's ids and values) with
/// [`shown_char`] applied.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().all(|c| shown_char(c) == c) {
        text.into()
    } else {
        text.chars().map(shown_char).collect::<String>().into()
    }
}

/// The closest candidate to `word` by edit distance, if close enough to be
/// a likely misspelling ("did you mean").
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (word.chars().count().max(c.chars().count()) / 3).max(1))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    #[test]
    fn renders_rustc_style_with_caret_under_span() {
        let mut sources = Sources::default();
        let text = "- id: a\n  evidence:\n    - article: rfi-2024-11\n";
        let id = sources.add(SourceFile::new(
            "content/claims/d.yaml".into(),
            "x".into(),
            text.into(),
        ));
        let start = text.find("rfi").unwrap();
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(id, start..start + 11, "unknown article `rfi-2024-11`")
                .label("no such article")
                .help("did you mean `rfi-2024-10`?"),
        );
        let shown = diags.render(&sources);
        assert_eq!(
            shown,
            "error: unknown article `rfi-2024-11`\n --> content/claims/d.yaml:3:16\n  |\n3 |     - article: rfi-2024-11\n  |                ^^^^^^^^^^^ no such article\n  |\n  = help: did you mean `rfi-2024-10`?\n\n"
        );
    }

    /// A diagnostic quoting the user's text never writes an escape
    /// sequence or a reordering mark to the terminal, and its carets
    /// stand under wide characters in terminal columns.
    #[test]
    fn terminal_text_is_inert_and_carets_fit_wide_characters() {
        let mut sources = Sources::default();
        let text = "- id: \"x\u{1b}[2J\u{7}\u{202e}\"\n  quote: \"午前９時の時点\"\n";
        let id = sources.add(SourceFile::new("c.yaml".into(), "x".into(), text.into()));
        let bad = text.find('x').unwrap();
        let quote = text.find('午').unwrap();
        let mut diags = Diagnostics::default();
        diags.push(
            Diagnostic::error(id, bad..bad + 1, "`x\u{1b}[2J` is not a valid id")
                .help("no \u{1b}]0;title\u{7} here"),
        );
        diags.push(Diagnostic::error(
            id,
            quote..quote + "午前９時の時点".len(),
            "not found",
        ));
        let shown = diags.render(&sources);
        assert!(
            !shown
                .chars()
                .any(|c| c != '\n' && (c.is_control() || c == '\u{202e}')),
            "{shown:?}"
        );
        assert!(
            shown.contains("error: `x\u{fffd}[2J` is not a valid id"),
            "{shown}"
        );
        // Seven wide characters: fourteen columns of carets, under them.
        assert!(
            shown.contains("2 |   quote: \"午前９時の時点\"\n  |           ^^^^^^^^^^^^^^\n"),
            "{shown}"
        );
    }

    #[test]
    fn counts_group_thousands() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (16000, "16,000"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(group_thousands(n), text);
        }
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            suggest("statment", ["statement", "status"]),
            Some("statement")
        );
        assert_eq!(suggest("zzz", ["statement", "status"]), None);
    }
}
