//! Front matter: the `---` block of YAML that opens every Markdown file
//! (articles, topics, the front page), split from the body and read into
//! the raw struct of its kind. Problems are reported at the line of the
//! YAML they concern; the span table is built only when one is.

use super::yaml::{self, quick, typed};
use crate::diagnostic::{Diagnostic, Diagnostics, Mask};
use crate::source::yaml_spans::SpanMap;
use crate::source::{FileId, SourceFile, span_map};

/// Splits `---` front matter. Returns (yaml start, yaml end, body start).
pub fn split_front_matter(text: &str) -> Result<(usize, usize, usize), &'static str> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err("missing front matter");
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut pos = start;
    for line in text[start..].split_inclusive('\n') {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return Ok((start, pos, pos + line.len()));
        }
        pos += line.len();
    }
    Err("front matter not closed")
}

/// A Markdown file's front matter, read into `T`.
pub struct Front<T> {
    /// The file.
    pub file: FileId,
    /// The fields.
    pub raw: T,
    /// Where they are.
    pub spans: FrontSpans,
    /// Where the body starts (after the closing `---` line).
    pub body_start: usize,
}

impl<T: Clone> Front<T> {
    /// The same front matter, of file `file` (the same text, registered
    /// anew), its span table not built.
    pub fn clone_for(&self, file: FileId) -> Front<T> {
        Front {
            file,
            raw: self.raw.clone(),
            spans: FrontSpans {
                map: std::sync::OnceLock::new(),
                base: self.spans.base,
                end: self.spans.end,
            },
            body_start: self.body_start,
        }
    }
}

/// The span table of a front matter, built when first needed: a valid
/// article never needs it.
pub struct FrontSpans {
    map: std::sync::OnceLock<SpanMap>,
    base: usize,
    end: usize,
}

impl FrontSpans {
    /// The table (`src` is the front matter's file).
    pub fn get(&self, src: &SourceFile) -> &SpanMap {
        self.map.get_or_init(|| span_map(src, self.base, self.end))
    }
}

/// Parses a Markdown file's front matter into `T` (`what` the file is,
/// `fields` its fields, for the messages).
pub fn front<T: serde::de::DeserializeOwned>(
    file: FileId,
    src: &SourceFile,
    what: &str,
    fields: &[&str],
) -> Result<Front<T>, Box<Rejected<T>>> {
    let (base, end, body_start) = split_front_matter(&src.text).map_err(|e| {
        let label = if e == "front matter not closed" {
            "opened here; no `---` line closes it"
        } else {
            "expected `---` here"
        };
        Rejected::one(Diagnostic::error(file, 0..src.text.len().min(3), format!("{e} in {what}"))
            .label(label)
            .help(format!(
                "start the file with a `---` line, the {what}'s fields (`title: …`), and another `---` line, then the text"
            )))
    })?;
    let spans = FrontSpans {
        map: std::sync::OnceLock::new(),
        base,
        end,
    };
    let yaml = &src.text[base..end];
    // The plain YAML of most front matters is read quickly (and is never
    // nested too deeply); the rest is checked for depth, then read by
    // serde_yaml.
    let value = match quick::parse(yaml) {
        Some(v) => v,
        None => {
            if let Some(at) = spans.get(src).too_deep() {
                return Err(Rejected::one(yaml::too_deep_error(file, at)));
            }
            serde_yaml::from_str::<serde_yaml::Value>(yaml)
                .map_err(|e| Rejected::one(yaml::syntax_error(file, src, base, &e)))?
        }
    };
    let value = if value.is_null() {
        serde_yaml::Value::Mapping(Default::default())
    } else {
        value
    };
    let raw = yaml::untraced::<T>(value).or_else(|_| {
        // Read again (the first was used up) for where it fails, and its
        // other failures.
        let value = quick::parse(yaml)
            .or_else(|| serde_yaml::from_str(yaml).ok())
            .filter(|v| !v.is_null())
            .unwrap_or_else(|| serde_yaml::Value::Mapping(Default::default()));
        typed::<T>(value.clone()).map_err(|e| (value, e))
    });
    let raw = match raw {
        Ok(raw) => raw,
        Err((value, e)) => {
            let (errors, recovered) =
                yaml::recover::<T>(file, spans.get(src), &[], (what, fields), &value, &e);
            let recovered = recovered.map(|(raw, mask)| {
                let front = Front {
                    file,
                    raw,
                    spans,
                    body_start,
                };
                (front, mask)
            });
            return Err(Box::new(Rejected { errors, recovered }));
        }
    };
    Ok(Front {
        file,
        raw,
        spans,
        body_start,
    })
}

/// A front matter with problems: every one of them, and the fields read
/// once those of the wrong type were taken out, when the rest can be.
pub struct Rejected<T> {
    /// The problems.
    pub errors: Vec<Diagnostic>,
    /// The front matter without the fields that failed, with the mask
    /// that hides the problems their absence could cause.
    pub recovered: Option<(Front<T>, Option<Mask>)>,
}

impl<T> Rejected<T> {
    /// One problem that leaves nothing to read.
    fn one(d: Diagnostic) -> Box<Self> {
        Box::new(Rejected {
            errors: vec![d],
            recovered: None,
        })
    }

    /// Reports the problems into `diags`, and gives back what could be
    /// read, so that its other problems are told in the same run.
    pub fn report(self, diags: &mut Diagnostics) -> Option<Front<T>> {
        diags.extend(self.errors);
        let (front, mask) = self.recovered?;
        if let Some(mask) = mask {
            diags.mask(mask);
        }
        Some(front)
    }
}
