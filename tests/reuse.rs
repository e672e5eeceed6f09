//! Issue 20 item 1: `dossier build` over its last output takes back the
//! pages whose inputs are the ones they were made from (`src/reuse.rs`),
//! and what it leaves is, byte for byte, what a build into an empty
//! folder makes. Each test builds, edits, builds again, and compares the
//! output with a fresh build of the same files; `DOSSIER_TIMINGS` says
//! how many pages were taken back, so a test also fails when nothing is.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A dossier built again and again into the same output.
struct Rebuilds {
    sandbox: support::Sandbox,
    out: PathBuf,
}

/// What one build took back from the last: article pages, and whether
/// the other pages were.
#[derive(Debug, PartialEq, Eq)]
struct Taken {
    articles: usize,
    of: usize,
    /// Claims pages taken back.
    groups: usize,
    /// Later pages of the paged lists taken back, of those there are.
    paged: (usize, usize),
    /// Pieces of `data/claims.json` read from the last file, of its
    /// pieces (none when the file was not made).
    pieces: (usize, usize),
    lists: bool,
}

impl Rebuilds {
    fn start(fixture: &str) -> Rebuilds {
        Rebuilds::of(support::Sandbox::new(fixture))
    }

    /// Built once: `sandbox`'s dossier.
    fn of(sandbox: support::Sandbox) -> Rebuilds {
        let out = sandbox.outside("public");
        let r = Rebuilds { sandbox, out };
        let first = r.build();
        assert_eq!(first.articles, 0, "nothing to take back from");
        r.assert_fresh("first build");
        r
    }

    fn root(&self) -> &Path {
        &self.sandbox.root
    }

    /// `dossier build` into the output, with what it took back.
    fn build(&self) -> Taken {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--root"])
            .arg(self.root())
            .arg("--output")
            .arg(&self.out)
            .env("NO_COLOR", "1")
            .env("DOSSIER_TIMINGS", "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "build failed:\n{stderr}");
        let line = stderr
            .lines()
            .find_map(|l| l.strip_prefix("timing: taken from the last build: "))
            .unwrap_or_else(|| panic!("no reuse line in:\n{stderr}"));
        // "N of M article pages, G of H claims pages, P of Q later list
        // pages, J of K pieces of claims.json, the other pages: yes|no"
        let words: Vec<&str> = line.split_whitespace().collect();
        Taken {
            articles: words[0].parse().unwrap(),
            of: words[2].parse().unwrap(),
            groups: words[5].parse().unwrap(),
            paged: (words[10].parse().unwrap(), words[12].parse().unwrap()),
            pieces: (words[16].parse().unwrap(), words[18].parse().unwrap()),
            lists: words.last() == Some(&"yes"),
        }
    }

    /// Panics unless the output is what a build into an empty folder makes.
    fn assert_fresh(&self, what: &str) {
        let fresh = tempfile::tempdir().unwrap();
        let fresh_out = fresh.path().join("public");
        support::build(self.root(), &fresh_out).assert_code(0);
        support::assert_same_tree(
            &support::snapshot(&fresh_out),
            &support::snapshot(&self.out),
            what,
        );
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Replaces `from` by `to` in `rel`, builds, checks the output, and
    /// gives what the build took back.
    fn change(&self, rel: &str, from: &str, to: &str, what: &str) -> Taken {
        let text = self.read(rel);
        assert!(text.contains(from), "{what}: {from:?} not in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
        let taken = self.build();
        self.assert_fresh(what);
        taken
    }
}

#[test]
fn a_rebuild_of_the_same_files_takes_every_page_back() {
    let r = Rebuilds::start("good/basic");
    let taken = r.build();
    assert_eq!(
        taken,
        Taken {
            articles: 3,
            of: 3,
            groups: 2,
            paged: (0, 0),
            pieces: (0, 0),
            lists: true
        }
    );
    r.assert_fresh("rebuild");
    // And again, now that the tree written into is the same too.
    assert_eq!(r.build().articles, 3);
    r.assert_fresh("third build");
}

#[test]
fn every_kind_of_edit_between_builds_leaves_what_a_fresh_build_makes() {
    let r = Rebuilds::start("good/basic");
    let valley = "content/articles/valley-times-dam.md";
    let dam = "content/claims/dam.yaml";

    // An article's body: its page alone is made again.
    let taken = r.change(
        valley,
        "\n---\n",
        "\n---\nA sentence added at the top of the text.\n\n",
        "article body",
    );
    assert_eq!((taken.articles, taken.lists), (2, true), "article body");
    // An article's front matter: its own page; a claims edit: the pages
    // of the articles quoting the claims it changed (a claim quoted by
    // all three; one quoted by one); sources and metrics: no article page
    // (they show no origin, grade or figure); the front page's text: its
    // page and the lists; anything else reaches every page.
    for (rel, from, to, kept, what) in [
        (
            valley,
            "Cracks found in the Orvenne dam",
            "Orvenne dam cracks",
            2,
            "article front matter",
        ),
        (
            dam,
            "Inspectors found three new cracks",
            "Inspectors reported three new cracks",
            0,
            "a statement of a claim the three articles quote",
        ),
        (
            dam,
            "value: 40, precision: at-most",
            "value: 45, precision: at-most",
            2,
            "a figure of a claim one article quotes",
        ),
        (
            "content/sources.yaml",
            "Orvenne Water Agency",
            "Orvenne Water Board",
            3,
            "a source's name",
        ),
        (
            "content/metrics.yaml",
            "Total length of the cracks",
            "Length of the cracks",
            3,
            "a metric's label",
        ),
        (
            "content/topics/evacuation.md",
            "title: Evacuation",
            "title: Leaving the valley",
            0,
            "a topic's title",
        ),
        (
            "content/_index.md",
            "began to plan an evacuation",
            "began to plan the evacuation",
            3,
            "the front page's text",
        ),
        (
            "dossier.toml",
            "The Orvenne dam, 2030",
            "The Orvenne dam in 2030",
            0,
            "dossier.toml",
        ),
    ] {
        let taken = r.change(rel, from, to, what);
        assert_eq!((taken.articles, taken.lists), (kept, false), "{what}");
    }
    // A claim added that quotes one article, then deleted.
    let evac = "content/claims/evacuation.yaml";
    let text = r.read(evac);
    r.write(
        evac,
        &format!(
            "{text}\n- id: zz-new-claim\n  statement: \"A new claim.\"\n  topics: [evacuation]\n  origin: town-hall\n  evidence:\n    - article: valley-times-dam\n      quote: \"held 14 million cubic metres of water\"\n"
        ),
    );
    let taken = r.build();
    r.assert_fresh("a claim added");
    assert_eq!((taken.articles, taken.lists), (2, false), "a claim added");
    r.write(evac, &text);
    let taken = r.build();
    r.assert_fresh("a claim deleted");
    assert_eq!((taken.articles, taken.lists), (2, false), "a claim deleted");

    // A theme's template: every page that uses it.
    let base = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/base.html"
    );
    let base = fs::read_to_string(base).unwrap();
    r.write(
        "themes/own/templates/base.html",
        &format!("{base}<!-- our own theme -->\n"),
    );
    let taken = r.change(
        "dossier.toml",
        "language = \"en\"",
        "language = \"en\"\ntheme = \"own\"",
        "a theme",
    );
    assert_eq!((taken.articles, taken.lists), (0, false), "a theme");
    // An article added, then removed.
    let text = r.read(valley);
    r.write("content/articles/zz-new.md", &text);
    r.build();
    r.assert_fresh("an article added");
    fs::remove_file(r.root().join("content/articles/zz-new.md")).unwrap();
    r.build();
    r.assert_fresh("an article removed");
    // Nothing changed: every page taken back.
    assert_eq!(
        r.build(),
        Taken {
            articles: 3,
            of: 3,
            groups: 2,
            paged: (0, 0),
            pieces: (0, 0),
            lists: true
        }
    );
    r.assert_fresh("nothing changed");
}

#[test]
fn a_body_edit_that_changes_the_mentions_makes_the_entity_pages_again() {
    let r = Rebuilds::start("good/entities");
    let herald = "content/articles/herald-bridge.md";
    let taken = r.change(
        herald,
        "Mayor Anais Kovac said",
        "The mayor said",
        "a mention removed",
    );
    assert_eq!((taken.articles, taken.lists), (1, false));
    let taken = r.change(
        herald,
        "The mayor said",
        "The mayor said again",
        "a body edit keeping the mentions",
    );
    assert_eq!((taken.articles, taken.lists), (1, true));
}

#[test]
fn a_page_changed_in_the_output_by_hand_is_made_again() {
    let r = Rebuilds::start("good/basic");
    let page = r.out.join("articles/agency-bulletin.html");
    let index = r.out.join("index.html");
    for path in [&page, &index] {
        let mut text = fs::read_to_string(path).unwrap();
        text.push_str("<!-- edited by hand -->\n");
        fs::write(path, text).unwrap();
    }
    let taken = r.build();
    assert_eq!((taken.articles, taken.lists), (2, false));
    r.assert_fresh("pages edited by hand");
    // A page deleted by hand.
    fs::remove_file(&page).unwrap();
    assert_eq!(r.build().articles, 2);
    r.assert_fresh("a page deleted by hand");
}

#[test]
fn an_article_renamed_makes_the_pages_linking_to_it_again() {
    // `courrier-barrage.md` renamed keeps its place among the articles
    // (between `agency-bulletin` and `valley-times-dam`), its front
    // matter and its text: only its name changed, and with it the links
    // to its page on the claims page of `valley-times-dam`, whose claims
    // it also quotes.
    let r = Rebuilds::start("good/basic");
    let (old, new) = (
        "content/articles/courrier-barrage.md",
        "content/articles/courrier-barrage-2.md",
    );
    fs::rename(r.root().join(old), r.root().join(new)).unwrap();
    for claims in ["content/claims/dam.yaml", "content/claims/evacuation.yaml"] {
        let text = r.read(claims);
        assert!(text.contains("article: courrier-barrage\n"), "{claims}");
        r.write(
            claims,
            &text.replace(
                "article: courrier-barrage\n",
                "article: courrier-barrage-2\n",
            ),
        );
    }
    let taken = r.build();
    r.assert_fresh("an article renamed");
    // Every article shares a claim with it here; the lists name it.
    assert_eq!((taken.articles, taken.groups, taken.lists), (0, 0, false));
}

#[test]
fn a_failed_build_between_two_good_ones_changes_nothing_taken_back() {
    let r = Rebuilds::start("good/basic");
    let dam = "content/claims/dam.yaml";
    let good = r.read(dam);
    r.write(dam, &good.replace("credibility: 2\n", "credibility: 9\n"));
    let failed = support::build(r.root(), &r.out);
    failed.assert_code(1);
    r.write(dam, &good);
    assert_eq!(r.build().articles, 3);
    r.assert_fresh("after a failed build");
    // A manifest that cannot be read: nothing is taken back, all is right.
    for entry in fs::read_dir(r.sandbox.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with(".public.manifest-") {
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, text.replace("dossier record ", "dossier record ?")).unwrap();
        }
    }
    assert_eq!(r.build().articles, 0);
    r.assert_fresh("a record that does not read");
}

#[test]
fn a_claim_revised_since_the_edition_makes_the_pages_quoting_it_again() {
    // Article pages tag the claims they quote "new" or "revised" since
    // the baseline edition: a statement edited becomes "revised", and
    // edited back is as in the edition again.
    let r = Rebuilds::start("good/editions");
    let flood = "content/claims/flood.yaml";
    let (from, to) = (
        "The water rose two metres in an hour.",
        "The water rose by two metres in one hour.",
    );
    let taken = r.change(flood, from, to, "a statement revised");
    assert!(taken.articles < taken.of && !taken.lists, "{taken:?}");
    let taken = r.change(flood, to, from, "the statement as in the edition");
    assert!(taken.articles < taken.of && !taken.lists, "{taken:?}");
    assert_eq!(r.build().articles, taken.of, "nothing changed");
}

#[test]
fn a_claims_page_follows_the_claims_it_shows_from_other_pages() {
    // three-cracks (on valley-times-dam's claims page) made to corroborate
    // evacuation-800 (on courrier-barrage's): the latter's page shows it
    // among its support, so a statement edit of three-cracks reaches it.
    let r = Rebuilds::start("good/basic");
    let dam = "content/claims/dam.yaml";
    r.change(
        dam,
        "  date: 2030-04-09\n  credibility: 2\n",
        "  date: 2030-04-09\n  credibility: 2\n  corroborates: [evacuation-800]\n",
        "a relation across claims pages",
    );
    let courrier = support::read(&r.out, "claims/courrier-barrage.html");
    assert!(courrier.contains("Inspectors found three new cracks"));
    let taken = r.change(
        dam,
        "Inspectors found three new cracks",
        "Inspectors reported three new cracks",
        "a statement shown on another claims page",
    );
    assert_eq!(taken.groups, 0, "{taken:?}");
    // A claim that names no other: the other page is taken back.
    let taken = r.change(
        dam,
        "value: 40, precision: at-most",
        "value: 45, precision: at-most",
        "a figure shown on its own page alone",
    );
    assert_eq!(taken.groups, 1, "{taken:?}");
}

#[test]
fn an_article_front_matter_edit_makes_the_pages_showing_it_again() {
    // courrier-barrage is quoted on both claims pages (three-cracks, on
    // valley-times-dam's, quotes it too); courrier-barrage's claims page
    // shows nothing of valley-times-dam.
    let r = Rebuilds::start("good/basic");
    let page = support::read(&r.out, "claims/courrier-barrage.html");
    for absent in ["valley-times-dam", "Cracks found", "Valley Times"] {
        assert!(!page.contains(absent), "the test's premise: {absent}");
    }
    let courrier = "content/articles/courrier-barrage.md";
    for (from, to, what) in [
        (
            "la vallée se prépare",
            "la vallée s’organise",
            "an article's title",
        ),
        ("published: 2030-04", "published: 2030-04-10", "its date"),
        (
            "Le Courrier de l’Orvenne",
            "Courrier de l’Orvenne",
            "its outlet",
        ),
        ("reliability: C", "reliability: B", "its reliability"),
        (
            "outlet:",
            "url: https://example.org/courrier\noutlet:",
            "an address added",
        ),
    ] {
        let taken = r.change(courrier, from, to, what);
        let got = (taken.articles, taken.of, taken.groups, taken.lists);
        assert_eq!(got, (2, 3, 0, false), "{what}");
    }
    let valley = "content/articles/valley-times-dam.md";
    for (from, to, what) in [
        (
            "published: 2030-04-12",
            "published: 2030-04-13",
            "the date of an article one claims page shows",
        ),
        ("The Valley Times", "Valley Times", "its outlet"),
    ] {
        let taken = r.change(valley, from, to, what);
        let got = (taken.articles, taken.groups, taken.lists);
        assert_eq!(got, (2, 1, false), "{what}");
    }
}

#[test]
fn an_article_template_showing_more_makes_its_pages_again_after_a_source_edit() {
    // A theme's article.html may show what the default one does not (here
    // each claim's grade, from the source's reliability): a source edit
    // then reaches every article page.
    let r = Rebuilds::start("good/basic");
    let article = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/article.html"
    );
    let article = fs::read_to_string(article).unwrap();
    let row = "{{ c.claim.statement }}</a>";
    assert!(article.contains(row), "the test's premise");
    r.write(
        "themes/own/templates/article.html",
        &article.replacen(
            row,
            "{{ c.claim.statement }}</a> {{ c.claim.grade.code }}",
            1,
        ),
    );
    r.change(
        "dossier.toml",
        "language = \"en\"",
        "language = \"en\"\ntheme = \"own\"",
        "a theme",
    );
    let taken = r.change(
        "content/sources.yaml",
        "reliability: B",
        "reliability: D",
        "a source's reliability, shown on the theme's article pages",
    );
    assert_eq!((taken.articles, taken.lists), (0, false), "{taken:?}");
}

#[test]
fn a_topic_or_front_page_text_edit_leaves_articles_and_claims_pages() {
    // Their texts are shown on their own pages, the lists and the search
    // index; their front matters (titles, summaries, judgments) reach
    // every page.
    let r = Rebuilds::start("good/basic");
    let topic = "content/topics/evacuation.md";
    let index = "content/_index.md";
    for (rel, from, to, kept, what) in [
        (
            topic,
            "How many residents will leave",
            "How many people will leave",
            (3, 2),
            "a topic's text",
        ),
        (
            topic,
            "Who leaves the lower valley",
            "Who leaves the valley",
            (0, 0),
            "a topic's summary",
        ),
        (
            index,
            "In April 2030 inspectors",
            "In April 2030, inspectors",
            (3, 2),
            "the front page's text",
        ),
        (
            index,
            "the reservoir is being lowered to relieve it",
            "the reservoir is being lowered",
            (0, 0),
            "a key judgment, shown on the claims it rests on",
        ),
    ] {
        let taken = r.change(rel, from, to, what);
        let got = ((taken.articles, taken.groups), taken.lists);
        assert_eq!(got, (kept, false), "{what}");
    }
}

/// The later pages (2, 3, …) of the timeline and of the topics in `out`
/// that list claim `id`.
fn later_pages_listing(out: &Path, id: &str) -> usize {
    let mut pages = 0;
    for list in [
        "timeline",
        "topics/labor-export",
        "topics/demining",
        "topics/sanctions",
        "topics/casualties",
    ] {
        for n in 2.. {
            let Ok(html) = fs::read_to_string(out.join(format!("{list}/page-{n}.html"))) else {
                break;
            };
            pages += usize::from(html.contains(&format!("#{id}\"")));
        }
    }
    pages
}

#[test]
fn a_claims_edit_makes_again_only_the_later_list_pages_showing_what_changed() {
    // 4,400 claims: the timeline over 5 pages, each of the 4 topics over 2.
    let sandbox = support::Sandbox::new("good/basic");
    fs::remove_dir_all(&sandbox.root).unwrap();
    support::gen_corpus(30, 4400, 5, &sandbox.root);
    let r = Rebuilds::of(sandbox);
    let again = r.build();
    assert_eq!((again.paged, again.lists), ((8, 8), true), "{again:?}");
    r.assert_fresh("rebuild");

    // A statement: the pages listing the claim alone are made again (a
    // claim listed on later pages of both the timeline and its topic).
    let file = "content/claims/claims-0003.yaml";
    let text = r.read(file);
    let ids: Vec<String> = text
        .split("- id: ")
        .skip(1)
        .filter_map(|rest| rest.split_whitespace().next().map(str::to_string))
        .collect();
    let id = ids
        .iter()
        .find(|id| later_pages_listing(&r.out, id) == 2)
        .expect("a claim on later pages of two lists")
        .clone();
    let at = format!("- id: {id}\n  statement: \"Synthetic claim: ");
    let edited = format!("- id: {id}\n  statement: \"Edited: ");
    let taken = r.change(file, &at, &edited, "a statement");
    assert!(!taken.lists, "{taken:?}");
    assert_eq!(taken.paged, (6, 8), "{taken:?}");
    assert_eq!(taken.pieces, (4399, 4400), "{taken:?}");
    assert_eq!(later_pages_listing(&r.out, &id), 2);

    // A date moves the claim to the timeline's first page: the later
    // pages before its old place hold other claims now.
    let text = r.read(file);
    let at = text.find(&edited).unwrap();
    let date = at + text[at..].find("date: 2025-").unwrap();
    r.write(
        file,
        &format!("{}date: 2019-{}", &text[..date], &text[date + 11..]),
    );
    let taken = r.build();
    r.assert_fresh("a date");
    assert!(taken.paged.0 < 7, "{taken:?}");
    assert_eq!(taken.pieces, (4399, 4400), "{taken:?}");
    assert_eq!(later_pages_listing(&r.out, &id), 1);

    // A claim deleted moves every claim after it on its lists.
    let text = r.read(file);
    let first = text.find("- id: ").unwrap();
    let second = first + 1 + text[first + 1..].find("- id: ").unwrap();
    r.write(file, &format!("{}{}", &text[..first], &text[second..]));
    let taken = r.build();
    r.assert_fresh("a claim deleted");
    assert!(taken.paged.0 < 8, "{taken:?}");
    // The claims it supported or conflicted with changed too.
    assert!(taken.pieces.1 == 4399 && taken.pieces.0 > 4390, "{taken:?}");

    // The same files again: every later page is taken.
    let taken = r.build();
    assert_eq!(
        (taken.paged.0, taken.lists),
        (taken.paged.1, true),
        "{taken:?}"
    );
    r.assert_fresh("rebuild after edits");

    // `claims.json` changed in the output by hand (the same length): no
    // piece is read from it.
    let json = r.out.join("data/claims.json");
    let text = fs::read_to_string(&json).unwrap();
    fs::write(&json, text.replace("Synthetic claim", "synthetic claim")).unwrap();
    let taken = r.change(
        &file_of(&r, &id),
        "Edited: ",
        "Edited again: ",
        "a statement",
    );
    assert_eq!(taken.pieces, (0, 4399), "{taken:?}");
}

/// The claims file of the generated dossier holding claim `id`.
fn file_of(r: &Rebuilds, id: &str) -> String {
    let claims = r.root().join("content/claims");
    let mut names: Vec<String> = fs::read_dir(&claims)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| format!("content/claims/{n}"))
        .find(|rel| r.read(rel).contains(&format!("- id: {id}\n")))
        .unwrap()
}
