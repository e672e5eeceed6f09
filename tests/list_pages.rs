//! Long lists over several pages: a topic of more than 1,000 claims lists
//! them over `topics/<id>.html` and `topics/<id>/page-<n>.html`, the
//! timeline over `timeline.html` and `timeline/page-<n>.html`. Every claim
//! is on exactly one page of each list, every link (pager, year index,
//! quantity tables) lands, and each page stays small.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::collections::BTreeMap;
use std::path::Path;

/// The rows of claim `id` in a topic's list on a page: `<li><p><a
/// href="…#id">`, with `id="c-<id>"` on the `<li>` when the topic's claims
/// are on one page.
fn rows_of(html: &str, id: &str) -> usize {
    html.match_indices(&format!("#{id}\">"))
        .filter(|&(at, _)| {
            html[..at].rfind("<li").is_some_and(|li| {
                let row = &html[li..at];
                let link = row.find("<p><a href=\"");
                link.is_some_and(|k| {
                    (&row[..k] == "<li>" || row[..k] == format!("<li id=\"c-{id}\">"))
                        && !row[k + 12..].contains('>')
                })
            })
        })
        .count()
}

/// Every page of a list, by page: its path and its HTML.
fn pages(out: &Path, first: &str) -> Vec<(String, String)> {
    let stem = first.strip_suffix(".html").unwrap();
    let mut list = vec![(first.to_string(), support::read(out, first))];
    for n in 2.. {
        let path = format!("{stem}/page-{n}.html");
        if !out.join(&path).is_file() {
            break;
        }
        list.push((path.clone(), support::read(out, &path)));
    }
    list
}

#[test]
fn long_lists_are_split_with_every_item_once_and_working_links() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    support::gen_corpus(30, 4400, 5, &corpus);
    let out = dir.path().join("out");
    support::build(&corpus, &out).assert_code(0);
    let json: serde_json::Value =
        serde_json::from_str(&support::read(&out, "data/claims.json")).unwrap();
    let claims = json["claims"].as_array().unwrap();

    // Each topic's claims, each on one page of the topic, none twice.
    let mut by_topic: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for c in claims {
        for t in c["topics"].as_array().unwrap() {
            by_topic
                .entry(t.as_str().unwrap())
                .or_default()
                .push(c["id"].as_str().unwrap());
        }
    }
    let mut split = 0;
    for (topic, ids) in &by_topic {
        let list = pages(&out, &format!("topics/{topic}.html"));
        if ids.len() > 1000 {
            split += 1;
            assert_eq!(list.len(), ids.len().div_ceil(1000), "{topic}: pages");
            // The first page leaves the timeline to the timeline page.
            assert!(list[0].1.contains("are on the timeline"), "{topic}");
        }
        for id in ids {
            let on: Vec<&str> = list
                .iter()
                .flat_map(|(p, html)| vec![p.as_str(); rows_of(html, id)])
                .collect();
            assert_eq!(on.len(), 1, "{topic}: claim {id} is on {on:?}");
            // A row is a place a link can name only on a topic of one page.
            let anchored = list
                .iter()
                .any(|(_, html)| html.contains(&format!("<li id=\"c-{id}\">")));
            assert_eq!(anchored, ids.len() <= 1000, "{topic}: claim {id}'s row");
        }
        for (path, html) in &list[1..] {
            // Later pages have the claims only, and a way back.
            assert!(!html.contains("id=\"articles\""), "{path}");
            assert!(html.contains("rel=\"prev\""), "{path}");
        }
    }
    assert!(split > 0, "no topic is long enough to be split");

    // The timeline: every dated claim once, years and months indexed.
    let timeline = pages(&out, "timeline.html");
    assert_eq!(timeline.len(), claims.len().div_ceil(1000));
    for c in claims {
        let link = format!("#{}\"", c["id"].as_str().unwrap());
        let n = timeline
            .iter()
            .map(|(_, html)| html.matches(&link).count())
            .sum::<usize>();
        assert_eq!(n, 1, "{} is on the timeline {n} times", c["id"]);
    }
    assert!(timeline[0].1.contains("aria-label=\"Years\""));
    for (path, html) in &timeline {
        assert!(html.len() < 600_000, "{path} is {} bytes", html.len());
        assert!(html.contains("class=\"pager\""), "{path}: no pager");
    }

    // Big quantities' tables are on the figures page only.
    let figures = support::read(&out, "figures.html");
    let topics_html: String = by_topic
        .keys()
        .map(|t| support::read(&out, &format!("topics/{t}.html")))
        .collect();
    assert!(topics_html.contains("in a table on the figures page"));
    assert!(figures.contains("<tbody>"));

    let broken = support::check_links(&out);
    assert!(broken.is_empty(), "{broken:#?}");
}

/// The links of a page's site navigation: (href, text), in order.
fn nav_links(html: &str) -> Vec<(String, String)> {
    let start = html
        .find("<nav class=\"site-nav\"")
        .expect("a site navigation");
    let nav = &html[start..start + html[start..].find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|a| {
            let (href, rest) = a.split_once('"').unwrap();
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</a>").unwrap()];
            (href.to_string(), text.to_string())
        })
        .collect()
}

#[test]
fn many_topics_are_one_link_in_the_site_navigation() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("d");
    support::dossier(["init".as_ref(), root.as_os_str()]).assert_code(0);
    let out = dir.path().join("out");

    // The starter's two topics: each is in the navigation.
    support::build(&root, &out).assert_code(0);
    let links = nav_links(&support::read(&out, "articles/river-watch-report.html"));
    assert!(links.contains(&("../topics/pollution.html".into(), "Pollution".into())));
    assert!(links.contains(&("../topics/wildlife.html".into(), "Wildlife".into())));

    // Seven topics: one "Topics" link to the overview's list of them, on
    // every kind of page, and the overview lists each.
    for n in 1..=5 {
        std::fs::write(
            root.join(format!("content/topics/extra-{n}.md")),
            format!("---\ntitle: Extra {n}\norder: {}\n---\nTopic {n}.\n", n + 2),
        )
        .unwrap();
    }
    support::build(&root, &out).assert_code(0);
    for (page, depth) in [
        ("index.html", ""),
        ("topics/extra-3.html", "../"),
        ("articles/river-watch-report.html", "../"),
        ("figures.html", ""),
    ] {
        let links = nav_links(&support::read(&out, page));
        assert!(
            links.contains(&(format!("{depth}index.html#topics"), "Topics".into())),
            "{page}: {links:?}"
        );
        assert!(
            !links.iter().any(|(href, _)| href.contains("topics/")),
            "{page}: {links:?}"
        );
    }
    let index = support::read(&out, "index.html");
    assert!(index.contains("id=\"topics\""));
    for n in 1..=5 {
        assert!(
            index.contains(&format!("href=\"topics/extra-{n}.html\"")),
            "extra-{n}"
        );
    }
}
