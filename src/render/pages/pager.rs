//! Long lists split over pages a browser opens quickly (a topic's claims,
//! the timeline): how many items a page holds, the path of each page and
//! the navigation between them (previous, next, and the numbers of the
//! first, last and nearby pages), as the templates' `m::pager` shows it.
//!
//! Page 1 keeps the list's own path (`timeline.html`, `topics/x.html`),
//! so links to it stay right; page `n` is `<path without .html>/page-<n>.html`
//! (`timeline/page-2.html`), one folder deeper, like Hugo's `page/2/`.

use crate::render::view::href;
use serde::Serialize;
use std::collections::BTreeSet;

/// The items of a list page: about 300 KB of rows, which a phone opens.
pub(in crate::render) const PER_PAGE: usize = 1000;

/// How many pages `items` rows make (at least one, which may be empty).
pub(in crate::render) fn count(items: usize) -> usize {
    items.div_ceil(PER_PAGE).max(1)
}

/// The path, from the site's root, of page `n` (from 1) of the list whose
/// first page is `first`.
pub(in crate::render) fn path(first: &str, n: usize) -> String {
    if n <= 1 {
        return first.to_string();
    }
    let stem = first.strip_suffix(".html").unwrap_or(first);
    format!("{stem}/page-{n}.html")
}

/// Whether `path` is a later page (2, 3, …) of the list whose first page
/// is `first`, as [`path`] names them.
pub(in crate::render) fn is_later_page(first: &str, path: &str) -> bool {
    let Some(stem) = first.strip_suffix(".html") else {
        return false;
    };
    path.strip_prefix(stem)
        .and_then(|rest| rest.strip_prefix("/page-"))
        .and_then(|rest| rest.strip_suffix(".html"))
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n > 1 && self::path(first, n) == path)
}

/// How deep page `n` of the list at `first` is (how many `../` lead to
/// the root).
pub(in crate::render) fn depth(first: &str, n: usize) -> usize {
    first.matches('/').count() + usize::from(n > 1)
}

/// The pages of a list an edit makes again, when it left every item at
/// its place (`serve`): the first (which may show more than its items)
/// and those holding an item whose row may have changed. The others are
/// as they were.
#[derive(Debug, Default)]
pub struct Part {
    /// Page numbers, from 1.
    make: BTreeSet<usize>,
    /// The paths of the pages not made again.
    pub kept: Vec<String>,
}

impl Part {
    /// The part of the list at `first` an edit makes again: `before` and
    /// `after` its items (a group, such as a status, and a claim), in
    /// order; `old_of` each new claim's index before, `changed` the claims
    /// whose rows may differ. `None` when an item moved (was added,
    /// removed, or changed group or place).
    pub(in crate::render) fn of(
        first: &str,
        before: &[(usize, usize)],
        after: &[(usize, usize)],
        old_of: &[Option<usize>],
        changed: &[usize],
    ) -> Option<Part> {
        let unmoved = before.len() == after.len()
            && after
                .iter()
                .zip(before)
                .all(|(&(g, n), &(h, o))| g == h && old_of.get(n).copied().flatten() == Some(o));
        if !unmoved {
            return None;
        }
        let mut page_of = vec![0; after.iter().map(|&(_, c)| c + 1).max().unwrap_or(0)];
        for (k, &(_, c)) in after.iter().enumerate() {
            page_of[c] = k / PER_PAGE + 1;
        }
        // Claims not in the list are on page 0, which is not made.
        let mut make: BTreeSet<usize> = changed
            .iter()
            .filter_map(|&c| page_of.get(c).copied())
            .collect();
        make.remove(&0);
        make.insert(1);
        let kept = (1..=count(after.len()))
            .filter(|n| !make.contains(n))
            .map(|n| path(first, n))
            .collect();
        Some(Part { make, kept })
    }

    /// Of the list at `first`, of `items` items, the first page alone
    /// (an edit left every item's row as it was).
    pub(in crate::render) fn first(first: &str, items: usize) -> Part {
        Part {
            make: BTreeSet::from([1]),
            kept: (2..=count(items)).map(|n| path(first, n)).collect(),
        }
    }

    /// Whether page `n` is made again.
    pub(in crate::render) fn makes(&self, n: usize) -> bool {
        self.make.contains(&n)
    }
}

/// A hash of what a later page of a list shows besides its rows, for
/// [`crate::render::Taken::page`]: the list's name, the page's number and the number of
/// pages, and `more` (a topic's groups and their counts).
pub(in crate::render) fn shows(list: &str, n: usize, total: usize, more: &[usize]) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&(list.len() as u64).to_le_bytes());
    h.update(list.as_bytes());
    for x in [n, total, more.len()]
        .into_iter()
        .chain(more.iter().copied())
    {
        h.update(&(x as u64).to_le_bytes());
    }
    h.digest128()
}

/// A numbered link of the navigation.
#[derive(Serialize)]
pub(in crate::render) struct Number {
    number: usize,
    /// None for the page shown.
    href: Option<String>,
    /// Some pages are left out before this one ("…").
    gap: bool,
}

/// The navigation of page `current` of `total`.
#[derive(Serialize)]
pub(in crate::render) struct Pager {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    numbers: Vec<Number>,
}

/// The navigation of page `current` (from 1) of `total` pages of the list
/// at `first`; None when the list has one page.
pub(in crate::render) fn pager(first: &str, current: usize, total: usize) -> Option<Pager> {
    if total <= 1 {
        return None;
    }
    let from = depth(first, current);
    let link = |n: usize| href(from, &path(first, n));
    let shown = |n: usize| n == 1 || n == total || n.abs_diff(current) <= 2;
    let mut numbers = Vec::new();
    let mut last = 0;
    for n in (1..=total).filter(|&n| shown(n)) {
        numbers.push(Number {
            number: n,
            href: (n != current).then(|| link(n)),
            gap: n > last + 1,
        });
        last = n;
    }
    Some(Pager {
        current,
        total,
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < total).then(|| link(current + 1)),
        numbers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_are_told_from_other_files_of_the_folder() {
        assert!(is_later_page("timeline.html", "timeline/page-2.html"));
        assert!(is_later_page("topics/x.html", "topics/x/page-12.html"));
        for other in [
            "timeline/page-1.html",
            "timeline/page-02.html",
            "timeline/page-2.htm",
            "timeline/notes.html",
            "topics/y/page-2.html",
        ] {
            assert!(!is_later_page("timeline.html", other), "{other}");
        }
    }

    #[test]
    fn pages_after_the_first_are_one_folder_deeper() {
        assert_eq!(path("timeline.html", 1), "timeline.html");
        assert_eq!(path("timeline.html", 3), "timeline/page-3.html");
        assert_eq!(path("topics/x.html", 2), "topics/x/page-2.html");
        assert_eq!(depth("topics/x.html", 1), 1);
        assert_eq!(depth("topics/x.html", 2), 2);
        assert_eq!(count(0), 1);
        assert_eq!(count(PER_PAGE), 1);
        assert_eq!(count(PER_PAGE + 1), 2);
    }

    #[test]
    fn the_link_check_knows_how_many_claims_a_topic_page_holds() {
        assert_eq!(crate::load::links::TOPIC_PAGE, PER_PAGE);
    }

    #[test]
    fn the_navigation_names_first_last_and_near_pages() {
        assert!(pager("timeline.html", 1, 1).is_none());
        let p = pager("topics/x.html", 5, 10).unwrap();
        let numbers: Vec<(usize, bool, bool)> = p
            .numbers
            .iter()
            .map(|n| (n.number, n.href.is_some(), n.gap))
            .collect();
        assert_eq!(
            numbers,
            [
                (1, true, false),
                (3, true, true),
                (4, true, false),
                (5, false, false),
                (6, true, false),
                (7, true, false),
                (10, true, true)
            ]
        );
        // From topics/x/page-5.html.
        assert_eq!(p.prev.as_deref(), Some("../../topics/x/page-4.html"));
        assert_eq!(p.numbers[0].href.as_deref(), Some("../../topics/x.html"));
        let first = pager("topics/x.html", 1, 2).unwrap();
        assert_eq!(first.prev, None);
        assert_eq!(first.next.as_deref(), Some("../topics/x/page-2.html"));
    }
}
