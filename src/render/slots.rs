//! Big pre-rendered HTML kept out of Tera. A topic page of a big dossier
//! holds tens of megabytes of claim lists that are already HTML; handed to
//! Tera they are copied into its context, copied again as it writes them,
//! and checked as UTF-8 once more at the end. Instead the page is rendered
//! with a short marker in place of each list, and the lists are spliced in
//! where the markers came out.
//!
//! Only the default templates get markers (they print each list whole,
//! once, with `| safe`, and do nothing else with it). A rendered page is
//! spliced only if every marker comes out exactly once and nothing else
//! looks like one; otherwise the caller renders the page again the plain
//! way. Content cannot forge a marker: text is escaped (`<` becomes
//! `&lt;`) and Markdown's raw HTML is turned into text, so `<!--` never
//! comes from a dossier.

use std::sync::{Arc, Mutex, PoisonError};

/// What a marker starts with; the slot's number and `-->` follow.
const OPEN: &str = "<!--dossier-slot-";
const CLOSE: &str = "-->";
/// Shorter HTML is cheaper to give Tera than to splice.
const MIN_LEN: usize = 16 * 1024;

/// The slots of one page being rendered.
#[derive(Debug, Default)]
pub(super) struct Slots {
    on: bool,
    /// Shared by the threads that render a page's parts side by side.
    items: Mutex<Vec<Html>>,
}

/// HTML put aside: made for this page, or kept from an earlier one
/// (`serve` keeps the figures page's tables).
#[derive(Debug)]
enum Html {
    Owned(String),
    Shared(Arc<str>),
}

impl std::ops::Deref for Html {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Html::Owned(s) => s,
            Html::Shared(s) => s,
        }
    }
}

impl Slots {
    /// Slots that take HTML (`on`) or give it straight back.
    pub(super) fn new(on: bool) -> Self {
        Slots {
            on,
            items: Mutex::new(Vec::new()),
        }
    }

    /// The text to put in the template's context for `html`: a marker
    /// when slots are on and the HTML is big, else the HTML itself.
    pub(super) fn put(&self, html: String) -> String {
        if !self.on || html.len() < MIN_LEN {
            return html;
        }
        self.aside(Html::Owned(html))
    }

    /// [`Slots::put`] for HTML that is shared, not copied when put aside.
    pub(super) fn put_shared(&self, html: &Arc<str>) -> String {
        if !self.on || html.len() < MIN_LEN {
            return html.to_string();
        }
        self.aside(Html::Shared(Arc::clone(html)))
    }

    /// Puts `html` aside: the marker to render in its place.
    fn aside(&self, html: Html) -> String {
        let mut items = self.items.lock().unwrap_or_else(PoisonError::into_inner);
        let marker = format!("{OPEN}{}{CLOSE}", items.len());
        items.push(html);
        marker
    }

    /// [`Slots::put`] on an optional list.
    pub(super) fn put_opt(&self, html: Option<String>) -> Option<String> {
        html.map(|h| self.put(h))
    }

    /// Whether any HTML was put aside.
    pub(super) fn used(&self) -> bool {
        !self
            .items
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_empty()
    }

    /// `page` with every marker replaced by its HTML, or `None` when the
    /// markers did not come out exactly once each (then the page must be
    /// rendered without slots).
    pub(super) fn splice(self, page: &str) -> Option<String> {
        let items = self
            .items
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        if items.is_empty() {
            return Some(page.to_string());
        }
        let mut seen = vec![false; items.len()];
        let total = page.len() + items.iter().map(|h| h.len()).sum::<usize>();
        let mut out = String::with_capacity(total);
        let mut last = 0;
        for at in memchr::memmem::find_iter(page.as_bytes(), OPEN) {
            if at < last {
                return None;
            }
            let rest = &page[at + OPEN.len()..];
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            let n: usize = rest[..digits].parse().ok()?;
            if !rest[digits..].starts_with(CLOSE) || n >= items.len() || seen[n] {
                return None;
            }
            seen[n] = true;
            out.push_str(&page[last..at]);
            out.push_str(&items[n]);
            last = at + OPEN.len() + digits + CLOSE.len();
        }
        if seen.contains(&false) {
            return None;
        }
        out.push_str(&page[last..]);
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(c: char) -> String {
        std::iter::repeat_n(c, MIN_LEN).collect()
    }

    #[test]
    fn markers_are_replaced_by_their_html() {
        let slots = Slots::new(true);
        let a = slots.put(big('a'));
        let b = slots.put_shared(&Arc::from(big('b')));
        assert_eq!(slots.put("small".into()), "small");
        assert_eq!(slots.put_shared(&Arc::from("small")), "small");
        assert!(slots.used());
        let page = format!("<p>{b}</p>{a}!");
        assert_eq!(
            slots.splice(&page).unwrap(),
            format!("<p>{}</p>{}!", big('b'), big('a'))
        );
    }

    #[test]
    fn off_gives_the_html_back() {
        let slots = Slots::new(false);
        assert_eq!(slots.put(big('a')), big('a'));
        assert_eq!(slots.put_shared(&Arc::from(big('b'))), big('b'));
        assert!(!slots.used());
        assert_eq!(slots.splice("x").unwrap(), "x");
    }

    #[test]
    fn a_marker_missing_repeated_or_forged_refuses_the_splice() {
        let make = || {
            let slots = Slots::new(true);
            let a = slots.put(big('a'));
            (slots, a)
        };
        let (slots, _) = make();
        assert_eq!(slots.splice("nothing"), None);
        let (slots, a) = make();
        assert_eq!(slots.splice(&format!("{a}{a}")), None);
        let (slots, a) = make();
        assert_eq!(slots.splice(&format!("{a}<!--dossier-slot-7-->")), None);
        let (slots, a) = make();
        assert_eq!(slots.splice(&format!("{a}<!--dossier-slot-x")), None);
        let (slots, a) = make();
        assert_eq!(slots.splice(&format!("<!--dossier-slot-{a}")), None);
    }
}
