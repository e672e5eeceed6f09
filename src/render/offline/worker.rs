//! The service worker (`sw.js`): what it precaches, in which order, and
//! its text. In: every file of the build with its size and hash, and the
//! budget. Out: the script, with the list of precached files (each a path
//! relative to the site's root and a revision, the first 16 hex digits of
//! its hash) and a version that changes with any file of the site.

use super::Recorded;

/// The worker's code; `@VERSION@` and `@PRECACHE@` are filled in.
const SCRIPT: &str = include_str!("sw.js");

/// Where a file goes in the precache.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Rank {
    /// Always: styles, scripts, icons, the search page and index, the
    /// front page, topic and list pages, 404, the web app manifest.
    Shell,
    /// Up to the budget, first.
    Claim,
    /// Up to the budget, after the claims (people, organisations, places:
    /// fewer and smaller pages than articles).
    Entity,
    /// Up to the budget, after the entities.
    Article,
    /// Never (data files, the feed, the archive or the list of files the
    /// browser zips, the worker itself):
    /// fetched from the network when asked for.
    Left,
}

fn rank(path: &str) -> Rank {
    let top = !path.contains('/');
    if path.starts_with("claims/") && path.ends_with(".html") {
        Rank::Claim
    } else if path.starts_with("entities/") && path.ends_with(".html") {
        Rank::Entity
    } else if path.starts_with("articles/") && path.ends_with(".html") {
        Rank::Article
    } else if (top && path.ends_with(".html"))
        || (path.starts_with("topics/") && path.ends_with(".html"))
        || path == super::WEB_MANIFEST
        || (path.starts_with("assets/") && !path.ends_with(".zip") && path != super::FILE_LIST)
    {
        Rank::Shell
    } else {
        Rank::Left
    }
}

/// The files to precache, in order: the shell whatever its size, then
/// claim, entity and article pages (each kind by path) while their sizes add
/// up to at most `budget` bytes; the first page that does not fit ends the
/// list, so the choice is a prefix of one stable order.
pub(super) fn precached(files: &[Recorded], budget: u64) -> Vec<&Recorded> {
    let mut ranked: Vec<(Rank, &Recorded)> = files
        .iter()
        .map(|f| (rank(&f.path), f))
        .filter(|(r, _)| *r != Rank::Left)
        .collect();
    ranked.sort_by(|a, b| (a.0, &a.1.path).cmp(&(b.0, &b.1.path)));
    let mut spent = 0u64;
    let mut out = Vec::with_capacity(ranked.len());
    for (rank, file) in ranked {
        if rank != Rank::Shell {
            spent = spent.saturating_add(file.len);
            if spent > budget {
                break;
            }
        }
        out.push(file);
    }
    out
}

/// A file's revision: the first 16 hex digits of its hash.
fn revision(hash: u128) -> String {
    format!("{:016x}", (hash >> 64) as u64)
}

/// `sw.js` for a build whose files are `files` (all of them: the version
/// changes with any, so that a page cached as it was read is never kept
/// past a rebuild that changed it).
pub(super) fn script(files: &[Recorded], budget: u64) -> String {
    let mut all: Vec<&Recorded> = files.iter().collect();
    all.sort_by(|a, b| a.path.cmp(&b.path));
    let mut listing = Vec::with_capacity(all.len() * 48);
    for f in &all {
        listing.extend_from_slice(f.path.as_bytes());
        listing.push(0);
        listing.extend_from_slice(&f.hash.to_le_bytes());
    }
    let version = revision(xxhash_rust::xxh3::xxh3_128(&listing));
    let list: Vec<(&str, String)> = precached(files, budget)
        .into_iter()
        .map(|f| (f.path.as_str(), revision(f.hash)))
        .collect();
    let mut precache = String::with_capacity(list.len() * 60 + 4);
    precache.push_str("[\n");
    for (n, (path, rev)) in list.iter().enumerate() {
        precache.push_str("  ");
        precache.push_str(&serde_json::json!([path, rev]).to_string());
        precache.push_str(if n + 1 < list.len() { ",\n" } else { "\n" });
    }
    precache.push(']');
    SCRIPT
        .replacen("@VERSION@", &version, 1)
        .replacen("@PRECACHE@", &precache, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, len: u64) -> Recorded {
        Recorded {
            path: path.into(),
            len,
            hash: xxhash_rust::xxh3::xxh3_128(path.as_bytes()),
        }
    }

    fn site() -> Vec<Recorded> {
        vec![
            file("index.html", 5_000),
            file("search.html", 2_000),
            file("assets/search-index.js", 90_000),
            file("assets/style.css", 20_000),
            file("topics/a.html", 9_000),
            file("claims/b.html", 4_000),
            file("claims/a.html", 4_000),
            file("articles/x.html", 30_000),
            file("articles/w.html", 30_000),
            file("entities/e.html", 3_000),
            file("entities.html", 3_000),
            file("data/claims.json", 50_000),
            file("feed.xml", 5_000),
            file(".nojekyll", 0),
            file("site.zip", 400_000),
            file("assets/files.json", 700),
            file("manifest.webmanifest", 500),
            file("404.html", 2_000),
        ]
    }

    fn paths(files: Vec<&Recorded>) -> Vec<&str> {
        files.iter().map(|f| f.path.as_str()).collect()
    }

    #[test]
    fn the_shell_always_then_claims_then_articles_up_to_the_budget() {
        let files = site();
        let shell = [
            "404.html",
            "assets/search-index.js",
            "assets/style.css",
            "entities.html",
            "index.html",
            "manifest.webmanifest",
            "search.html",
            "topics/a.html",
        ];
        assert_eq!(paths(precached(&files, 0)), shell);
        let with = |more: &[&'static str]| -> Vec<&'static str> {
            shell.iter().chain(more).copied().collect()
        };
        assert_eq!(
            paths(precached(&files, 8_000)),
            with(&["claims/a.html", "claims/b.html"])
        );
        // The first page that does not fit ends the list.
        assert_eq!(
            paths(precached(&files, 43_000)),
            with(&[
                "claims/a.html",
                "claims/b.html",
                "entities/e.html",
                "articles/w.html"
            ])
        );
        assert_eq!(
            paths(precached(&files, u64::MAX)),
            with(&[
                "claims/a.html",
                "claims/b.html",
                "entities/e.html",
                "articles/w.html",
                "articles/x.html"
            ])
        );
    }

    #[test]
    fn the_version_follows_every_file_and_the_list_only_the_precached() {
        let files = site();
        let a = script(&files, 0);
        assert!(!a.contains("[\"claims/a.html\""));
        assert!(a.contains("\n  [\"index.html\",\""), "{a}");
        assert!(!a.contains("@VERSION@") && !a.contains("@PRECACHE@"));
        // Same files in another order: the same bytes.
        let mut reversed = site();
        reversed.reverse();
        assert_eq!(script(&reversed, 0), a);
        // A change to a file that is not precached still changes the version.
        let mut changed = site();
        let data = changed
            .iter_mut()
            .find(|f| f.path == "data/claims.json")
            .unwrap();
        data.hash ^= 1 << 100;
        let b = script(&changed, 0);
        assert_ne!(a, b);
        let list = |s: &str| s[s.find("const PRECACHE").unwrap()..].to_string();
        assert_eq!(list(&a), list(&b));
    }
}
