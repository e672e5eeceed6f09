//! A title → an article slug (`^[a-z0-9][a-z0-9-]*$`): transliterated to
//! ASCII by deunicode (`Corée` → `coree`, `Сеул` → `seul`, `북한` →
//! `bughan`), then made an id by the loader's own `slugify`, and cut at a
//! word boundary to [`MAX_LEN`] characters.

use crate::load::slugify;

/// Longest slug made from a title.
pub const MAX_LEN: usize = 60;

/// The slug for an article titled `title`.
pub fn from_title(title: &str) -> String {
    let ascii = deunicode::deunicode(title);
    if !ascii.chars().any(|c| c.is_ascii_alphanumeric()) {
        return "article".into();
    }
    let slug = slugify(&ascii);
    if slug.len() <= MAX_LEN {
        return slug;
    }
    let cut = &slug[..MAX_LEN];
    match cut.rfind('-') {
        Some(at) if at > MAX_LEN / 2 => cut[..at].to_string(),
        _ => cut.trim_end_matches('-').to_string(),
    }
}

/// `base`, or `base-2`, `base-3`… : the first for which `taken` is false.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken(s))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::is_id;

    #[test]
    fn slugs_from_titles() {
        for (title, slug) in [
            (
                "La Corée du Nord enverra des démineurs à Koursk",
                "la-coree-du-nord-enverra-des-demineurs-a-koursk",
            ),
            (
                "Pyongyang et Moscou : l’accord",
                "pyongyang-et-moscou-l-accord",
            ),
            ("Шойгу в Пхеньяне", "shoigu-v-pkhen-iane"),
            ("Сеул", "seul"),
            ("북한", "bughan"),
            ("  2025: the year  ", "2025-the-year"),
            ("«  »", "article"),
            ("", "article"),
        ] {
            assert_eq!(from_title(title), slug, "{title}");
            assert!(is_id(&from_title(title)));
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let slug = from_title(
            "Russia and North Korea open a rail bridge over the Tumen river after eighteen months of works",
        );
        assert_eq!(
            slug,
            "russia-and-north-korea-open-a-rail-bridge-over-the-tumen"
        );
        assert!(slug.len() <= MAX_LEN);
        let one_word = from_title(&"a".repeat(100));
        assert_eq!(one_word.len(), MAX_LEN);
    }

    #[test]
    fn unique_slugs() {
        let taken = ["a", "a-2"];
        assert_eq!(unique("a", |s| taken.contains(&s)), "a-3");
        assert_eq!(unique("b", |s| taken.contains(&s)), "b");
    }
}
