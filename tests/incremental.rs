//! Issue 7 item 4 and issue 20 item 3: `dossier serve` redoes only the
//! changed articles' pages when just their bodies changed
//! (`src/serve/incremental.rs`), only the pages a claims or front-matter
//! edit reaches (`src/serve/reload.rs`), and the site it leaves is, byte
//! for byte, the one a full build of the same files makes.
//!
//! Each test drives a [`Session`] through a series of edits, as the file
//! watcher would, and after every one compares the output folder with a
//! fresh build in memory (same base URL); after a bad edit, with the last
//! good build. It also checks which path was taken: body, claims and
//! front-matter edits must not cost a full build.

#[allow(
    dead_code,
    reason = "shared with tests/cli.rs; not every helper is used here"
)]
mod support;

use dossier::serve::Session;
use dossier::{Mode, build_in_memory};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

const BASE: &str = "http://127.0.0.1:9/";

/// The files of `after` that `before` lacks or holds otherwise.
fn differing<'a>(
    before: &BTreeMap<String, Vec<u8>>,
    after: &'a BTreeMap<String, Vec<u8>>,
) -> Vec<&'a String> {
    after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect()
}

/// Every file under `out`, by relative path.
fn tree(out: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(out).unwrap();
            files.insert(
                rel.to_string_lossy().replace('\\', "/"),
                fs::read(entry.path()).unwrap(),
            );
        }
    }
    files
}

/// The site a full build of `root` makes now, as a new `serve` session
/// writes it; checked to be what `dossier build` makes, but for the
/// `<base href>` of `404.html`.
fn full_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("public");
    let mut session = Session::new(root.to_path_buf(), out.clone(), BASE.to_string());
    let first = session.update().unwrap();
    assert_eq!(first.report.errors, 0, "{}", first.report.diagnostics);
    let served = tree(&out);
    let (report, built) = build_in_memory(root, None, &Mode::Render).unwrap();
    assert_eq!(report.errors, 0, "{}", report.diagnostics);
    let built: BTreeMap<String, Vec<u8>> =
        built.pages.into_iter().map(|p| (p.path, p.bytes)).collect();
    let differ: Vec<&String> = served
        .keys()
        .chain(built.keys())
        .filter(|k| served.get(*k) != built.get(*k))
        .collect();
    assert_eq!(
        differ,
        vec!["404.html", "404.html"],
        "serve and build differ"
    );
    let not_found = String::from_utf8_lossy(&served["404.html"]).into_owned();
    assert!(not_found.contains(&format!("<base href=\"{BASE}\">")));
    served
}

fn assert_same(out: &Path, expected: &BTreeMap<String, Vec<u8>>, what: &str) {
    let got = tree(out);
    let differ: Vec<&String> = expected
        .keys()
        .chain(got.keys())
        .filter(|k| expected.get(*k) != got.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: files differ: {differ:?}");
}

struct Run {
    root: PathBuf,
    out: PathBuf,
    session: Session,
}

impl Run {
    fn start(root: PathBuf) -> Run {
        let out = root.join("public");
        let mut session = Session::new(root.clone(), out.clone(), BASE.to_string());
        let first = session.update().unwrap();
        assert_eq!(first.report.errors, 0, "{}", first.report.diagnostics);
        assert_same(&out, &full_build(&root), "first build");
        Run { root, out, session }
    }

    /// Writes `text` to `rel` and updates as the watcher would. Returns
    /// (errors, whether only article pages were made, files written: the
    /// pages that changed, and `sw.js`, whose list names them by content).
    fn edit(&mut self, rel: &str, text: &str) -> (usize, bool, usize) {
        let path = self.root.join(rel);
        fs::write(&path, text).unwrap();
        let u = self.session.update_after(Some(&[path])).unwrap();
        (u.report.errors, u.partial, u.written)
    }

    /// Updates after the files at `rels` were added, removed or renamed
    /// (as the watcher reports them), and checks the site against a full
    /// build.
    fn saved(&mut self, rels: &[&str], partial: bool, what: &str) {
        let paths: Vec<PathBuf> = rels.iter().map(|r| self.root.join(r)).collect();
        let u = self.session.update_after(Some(&paths)).unwrap();
        assert_eq!(u.report.errors, 0, "{what}: {}", u.report.diagnostics);
        assert_eq!(u.partial, partial, "{what}: partial update");
        assert_same(&self.out, &full_build(&self.root), what);
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }

    fn read_out(&self, rel: &str) -> String {
        fs::read_to_string(self.out.join(rel)).unwrap()
    }
}

#[test]
fn body_edits_redo_one_page_and_match_a_full_build() {
    let sandbox = support::Sandbox::new("good/basic");
    let mut run = Run::start(sandbox.root.clone());
    let dam = "content/articles/valley-times-dam.md";
    let original = run.read(dam);

    // A sentence added: one page (and the worker), the same site as a
    // full build.
    let added = format!("{original}\nThe spillway gates were opened at dawn.\n");
    assert_eq!(run.edit(dam, &added), (0, true, 2));
    let good = full_build(&run.root);
    assert!(
        String::from_utf8_lossy(&good["articles/valley-times-dam.html"]).contains("spillway gates")
    );
    assert_same(&run.out, &good, "after a body edit");

    // Saved again unchanged: nothing written.
    assert_eq!(run.edit(dam, &added), (0, true, 0));

    // A quoted sentence removed: a quote error, nothing written.
    let quoted = "Inspectors from the water agency found *three new cracks*";
    assert!(original.contains(quoted));
    let broken = added.replace(quoted, "Inspectors found cracks");
    let (errors, partial, written) = run.edit(dam, &broken);
    assert!(errors > 0 && partial && written == 0);
    assert_same(&run.out, &good, "a bad edit keeps the last good site");

    // Another article edited while the first is still broken: still an
    // error (a full build would report it), still nothing written.
    let other = "content/articles/agency-bulletin.md";
    let other_text = format!("{}\nA later note.\n", run.read(other));
    let (errors, _, written) = run.edit(other, &other_text);
    assert!(
        errors > 0 && written == 0,
        "the first article is still broken"
    );
    let u = run
        .session
        .update_after(Some(&[run.root.join(dam)]))
        .unwrap();
    assert!(
        u.report.diagnostics.contains("content/claims/"),
        "quote errors point at the claims:\n{}",
        u.report.diagnostics
    );

    // Fixed: the page of the article edited meanwhile is written (the
    // fixed one is as before the error), and the site is a full build's.
    assert_eq!(run.edit(dam, &added), (0, true, 2));
    assert_same(&run.out, &full_build(&run.root), "after the fix");

    // A title change reaches topic lists, claim pages and the search
    // index: those pages, not the whole site.
    let retitled = added.replace("Cracks found in the Orvenne dam", "Orvenne dam cracks");
    assert_ne!(retitled, added);
    let (errors, partial, written) = run.edit(dam, &retitled);
    assert!(errors == 0 && partial && written > 1);
    assert_same(&run.out, &full_build(&run.root), "after a title change");

    // A claims file change that changes no claim: nothing made again;
    // then body edits are fast still.
    let claims = "content/claims/dam.yaml";
    let c = run.read(claims);
    assert_eq!(
        run.edit(claims, &format!("{c}\n# a comment\n")),
        (0, true, 0)
    );
    assert!(run.edit(dam, &retitled.replace("at dawn", "at noon")).1);
    assert_same(&run.out, &full_build(&run.root), "after a later body edit");

    // A deleted article: a full build, which reports the broken references.
    fs::remove_file(run.root.join(other)).unwrap();
    let u = run
        .session
        .update_after(Some(&[run.root.join(other)]))
        .unwrap();
    assert!(!u.partial && u.report.errors > 0);
}

#[test]
fn generated_corpus_body_edits_match_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    support::gen_corpus(40, 400, 7, &root);
    let mut run = Run::start(root);
    let mut articles: Vec<String> = fs::read_dir(run.root.join("content/articles"))
        .unwrap()
        .map(|e| {
            format!(
                "content/articles/{}",
                e.unwrap().file_name().to_string_lossy()
            )
        })
        .collect();
    articles.sort();
    // Two articles saved in one burst, each with a new paragraph before
    // its text (every quote moves) and one after.
    let paths: Vec<PathBuf> = articles[..2].iter().map(|a| run.root.join(a)).collect();
    for a in &articles[..2] {
        let text = run.read(a);
        let (front, body) = text.split_at(text.find("\n---\n").unwrap() + 5);
        fs::write(
            run.root.join(a),
            format!(
                "{front}Un paragraphe ajouté *en tête*.\n\n{body}\n\n## Suite\n\nEt une fin.\n"
            ),
        )
        .unwrap();
    }
    let u = run.session.update_after(Some(&paths)).unwrap();
    assert_eq!((u.report.errors, u.partial, u.written), (0, true, 3));
    assert_same(
        &run.out,
        &full_build(&run.root),
        "two articles in one burst",
    );
}

#[test]
fn a_body_edit_that_changes_an_articles_mentions_rebuilds_entity_pages() {
    let sandbox = support::Sandbox::new("good/entities");
    let mut run = Run::start(sandbox.root.clone());
    let herald = "content/articles/herald-bridge.md";
    let text = run.read(herald);

    // A sentence that names no entity: the article's page alone (and the
    // worker).
    let plain = format!("{text}\nTraffic was diverted through the valley.\n");
    assert_eq!(run.edit(herald, &plain), (0, true, 2));
    assert_same(&run.out, &full_build(&run.root), "no new mention");

    // The mayor's name removed: her page no longer lists the article, so
    // the whole site is built again.
    let unnamed = plain.replace("Mayor Anais Kovac said", "The mayor said");
    let (errors, partial, _) = run.edit(herald, &unnamed);
    assert_eq!((errors, partial), (0, false));
    let good = full_build(&run.root);
    assert!(
        !String::from_utf8_lossy(&good["entities/anais-kovac.html"]).contains("herald-bridge"),
        "the entity page drops the article"
    );
    assert_same(&run.out, &good, "a mention removed");
}

impl Run {
    /// Replaces `from` by `to` in `rel` (which must hold it), updates,
    /// checks the site against a full build and, when `partial` is given,
    /// whether the update made less than the whole site.
    fn change(&mut self, rel: &str, from: &str, to: &str, partial: Option<bool>, what: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} holds {from:?}");
        let (errors, was_partial, _) = self.edit(rel, &text.replacen(from, to, 1));
        assert_eq!(errors, 0, "{what}");
        if let Some(p) = partial {
            assert_eq!(was_partial, p, "{what}: partial update");
        }
        assert_same(&self.out, &full_build(&self.root), what);
    }
}

#[test]
fn every_kind_of_edit_leaves_the_site_a_full_build_makes() {
    let sandbox = support::Sandbox::new("good/basic");
    let mut run = Run::start(sandbox.root.clone());
    let dam = "content/claims/dam.yaml";
    let evac = "content/claims/evacuation.yaml";

    // Claims edits that keep the claim ids: only the pages they reach.
    run.change(
        dam,
        "# Claims about",
        "# Claims, about",
        Some(true),
        "comment",
    );
    run.change(
        dam,
        "Inspectors found three new cracks",
        "Inspectors reported three new cracks",
        Some(true),
        "claim statement",
    );
    run.change(
        dam,
        "value: 40, precision: at-most",
        "value: 45, precision: at-most",
        Some(true),
        "claim figure",
    );
    run.change(
        dam,
        "  corroborates: [three-cracks]\n",
        "  contradicts: [three-cracks]\n",
        Some(true),
        "status-changing edit (a contradiction)",
    );
    run.change(
        dam,
        "credibility: 2\n",
        "credibility: 4\n",
        Some(true),
        "grade",
    );
    run.change(
        dam,
        "    - article: agency-bulletin\n      quote: \"recorded three new cracks\"\n",
        "",
        Some(true),
        "evidence removed",
    );
    // Its first evidence from another article: the claim moves to that
    // article's claims page, which the whole build makes.
    run.change(
        dam,
        "    - article: valley-times-dam\n      quote: \"found three new cracks in the eastern wall\"\n",
        "",
        Some(false),
        "claim moved to another claims page",
    );

    // A figure on a metric of another topic than the claim's: that
    // topic's page shows it.
    run.change(
        evac,
        "    - { metric: evacuees, value: 800, status: planned }\n",
        "    - { metric: evacuees, value: 800, status: planned }\n    - { metric: crack-length, value: 30 }\n",
        Some(true),
        "figure on another topic's metric",
    );
    // A claim that no longer gives a figure leaves the figures page and
    // claims.csv: they are made again.
    run.change(
        evac,
        "    - { metric: crack-length, value: 30 }\n",
        "",
        Some(true),
        "figure removed",
    );
    run.change(
        evac,
        "    - { metric: evacuees, value: 800, status: planned }\n",
        "",
        Some(true),
        "the claim's last figure removed",
    );

    // A new claim and a deleted one; then one whose id sorts first, which
    // moves every other claim's index (claims that name others among
    // them), and goes again.
    let text = run.read(evac);
    for (id, names, what) in [
        ("zz-new-claim", "", "a claim added last"),
        (
            "aa-new-claim",
            "  contradicts: [three-cracks]\n",
            "a claim added first",
        ),
    ] {
        let (errors, partial, _) = run.edit(
            evac,
            &format!(
                "{text}\n- id: {id}\n  statement: \"A new claim.\"\n  topics: [evacuation]\n  origin: town-hall\n{names}  evidence:\n    - article: valley-times-dam\n      quote: \"held 14 million cubic metres of water\"\n"
            ),
        );
        assert_eq!((errors, partial), (0, true), "{what}");
        assert_same(&run.out, &full_build(&run.root), what);
        let (errors, partial, _) = run.edit(evac, &text);
        assert_eq!((errors, partial), (0, true), "{what}, then deleted");
        assert_same(
            &run.out,
            &full_build(&run.root),
            &format!("{what}, then deleted"),
        );
    }

    // Everything else.
    run.change(
        "content/articles/valley-times-dam.md",
        "Cracks found in the Orvenne dam",
        "Orvenne dam cracks",
        Some(true),
        "article front matter",
    );
    // A topic's overview: its pages and the search index alone.
    run.change(
        "content/topics/evacuation.md",
        "How many residents will leave",
        "How many of the residents will leave",
        Some(true),
        "topic overview",
    );
    run.change(
        "content/topics/evacuation.md",
        "title: Evacuation",
        "title: Leaving the valley",
        None,
        "topic",
    );
    run.change(
        "content/_index.md",
        "began to plan an evacuation",
        "began to plan the evacuation",
        Some(true),
        "_index.md",
    );
    // sources.yaml and metrics.yaml with the same ids: the pages of the
    // claims naming what changed, and the lists.
    run.change(
        "content/sources.yaml",
        "Orvenne Water Agency",
        "Orvenne Water Board",
        Some(true),
        "sources.yaml: a name",
    );
    run.change(
        "content/sources.yaml",
        "  reliability: C\n",
        "  reliability: A\n",
        Some(true),
        "sources.yaml: a reliability (the analysis weighs it)",
    );
    run.change(
        "content/metrics.yaml",
        "Total length of the cracks",
        "Length of the cracks",
        Some(true),
        "metrics.yaml: a label",
    );
    run.change(
        "content/metrics.yaml",
        "unit: people\n  topic: evacuation",
        "unit: residents\n  topic: evacuation",
        Some(true),
        "metrics.yaml: a unit",
    );
    run.change(
        "content/metrics.yaml",
        "unit: cubic metres\n  topic: dam-safety",
        "unit: cubic metres\n  topic: evacuation",
        Some(true),
        "metrics.yaml: a metric moved to another topic",
    );
    // A source added (a new id): the whole site.
    let text = run.read("content/sources.yaml");
    run.change(
        "content/sources.yaml",
        &text,
        &format!("{text}- id: zz-radio\n  name: \"Valley radio\"\n  kind: media\n"),
        None,
        "sources.yaml: a source added",
    );
    run.change(
        "content/metrics.yaml",
        "Water held in the reservoir",
        "Water in the reservoir",
        Some(true),
        "metrics.yaml: after a full build",
    );
}

/// `serve` keeps the figures page's rows for an edit of quantities'
/// labels or units alone: rows that another edit changed since are not
/// taken again.
#[test]
fn figures_rows_kept_for_a_label_follow_the_edits_between() {
    let sandbox = support::Sandbox::new("good/basic");
    let mut run = Run::start(sandbox.root.clone());
    let (metrics, dam) = ("content/metrics.yaml", "content/claims/dam.yaml");
    let rows = |run: &Run| {
        let page = run.read_out("figures.html");
        page.matches("<tr").count()
    };
    let before = rows(&run);
    run.change(metrics, "Total length", "Length", Some(true), "a label");
    run.change(
        dam,
        "value: 40, precision: at-most",
        "value: 45, precision: at-most",
        Some(true),
        "a figure, between two labels",
    );
    run.change(
        metrics,
        "Length",
        "Total length",
        Some(true),
        "a label again",
    );
    run.change(
        "content/sources.yaml",
        "Orvenne Water Agency",
        "Orvenne Water Board",
        Some(true),
        "a source's name, between two labels",
    );
    run.change(
        metrics,
        "Total length",
        "Length",
        Some(true),
        "a label, third",
    );
    // A source's name and a label saved together: the rows show the name.
    for (rel, from, to) in [
        (
            "content/sources.yaml",
            "Orvenne Water Board",
            "Orvenne Water Office",
        ),
        (metrics, "Length", "Total length"),
    ] {
        let text = run.read(rel);
        fs::write(run.root.join(rel), text.replacen(from, to, 1)).unwrap();
    }
    run.saved(
        &["content/sources.yaml", metrics],
        true,
        "a source's name and a label at once",
    );
    assert_eq!(rows(&run), before);
}

#[test]
fn files_added_removed_and_renamed_leave_the_site_a_full_build_makes() {
    let sandbox = support::Sandbox::new("good/basic");
    // With a base URL: the sitemap lists the claims' pages; and the zip
    // made by the browser: the list of files it reads follows them.
    let toml = sandbox.root.join("dossier.toml");
    let settings = fs::read_to_string(&toml).unwrap();
    fs::write(
        &toml,
        format!(
            "base_url = \"https://example.org/dam/\"\n{settings}\n[offline]\narchive = \"browser\"\n"
        ),
    )
    .unwrap();
    let mut run = Run::start(sandbox.root.clone());
    assert!(run.out.join("sitemap.xml").is_file());
    assert!(run.out.join("assets/files.json").is_file());
    let claims = run.root.join("content/claims");
    let new_file = "- id: zz-added\n  statement: \"A claim in a new file.\"\n  topics: [dam-safety]\n  origin: town-hall\n  evidence:\n    - article: valley-times-dam\n      quote: \"held 14 million cubic metres of water\"\n";

    // A claims file added, renamed, then deleted.
    fs::write(claims.join("added.yaml"), new_file).unwrap();
    run.saved(&["content/claims/added.yaml"], true, "claims file added");
    fs::rename(claims.join("added.yaml"), claims.join("moved.yaml")).unwrap();
    run.saved(
        &["content/claims/added.yaml", "content/claims/moved.yaml"],
        true,
        "claims file renamed",
    );
    fs::remove_file(claims.join("moved.yaml")).unwrap();
    run.saved(&["content/claims/moved.yaml"], true, "claims file deleted");

    // A claim drawn first from an article no claim quoted, in a file
    // saved with it (checked alone): the article's claims page comes, then
    // goes with the claim; the list the browser zips follows both.
    let evacuation = fs::read_to_string(claims.join("evacuation.yaml")).unwrap();
    fs::write(
        claims.join("evacuation.yaml"),
        format!("{evacuation}- id: zz-cracks\n  statement: \"Three new cracks in the eastern wall.\"\n  topics: [dam-safety]\n  origin: town-hall\n  evidence:\n    - article: agency-bulletin\n      quote: \"three new cracks in the eastern wall\"\n"),
    )
    .unwrap();
    run.saved(
        &["content/claims/evacuation.yaml"],
        true,
        "claims page added",
    );
    assert!(
        run.read_out("assets/files.json")
            .contains("\"claims/agency-bulletin.html\"")
    );
    fs::write(claims.join("evacuation.yaml"), &evacuation).unwrap();
    run.saved(
        &["content/claims/evacuation.yaml"],
        true,
        "claims page removed",
    );
    assert!(
        !run.read_out("assets/files.json")
            .contains("claims/agency-bulletin")
    );

    // A claims file whose claims move to another file, in one save.
    let dam = fs::read_to_string(claims.join("dam.yaml")).unwrap();
    fs::remove_file(claims.join("dam.yaml")).unwrap();
    fs::write(claims.join("zz-dam.yaml"), &dam).unwrap();
    run.saved(
        &["content/claims/dam.yaml", "content/claims/zz-dam.yaml"],
        true,
        "claims moved to another file",
    );

    // An article added, then deleted.
    let articles = run.root.join("content/articles");
    fs::write(
        articles.join("zz-late-news.md"),
        "---\ntitle: \"Late news\"\npublished: 2030-04-12\nlanguage: en\n---\nNothing new at the dam.\n",
    )
    .unwrap();
    run.saved(
        &["content/articles/zz-late-news.md"],
        false,
        "article added",
    );
    fs::remove_file(articles.join("zz-late-news.md")).unwrap();
    run.saved(
        &["content/articles/zz-late-news.md"],
        false,
        "article deleted",
    );

    // A topic's text, then the front page's title.
    run.change(
        "content/topics/dam-safety.md",
        "title:",
        "title: The",
        None,
        "topic title",
    );
    run.change(
        "content/_index.md",
        "title: \"The Orvenne dam, 2030\"",
        "title: \"The Orvenne dam in 2030\"",
        None,
        "front page title",
    );
}

/// After a load that found no problem, a claims edit that keeps the ids
/// checks the claims of the file saved alone (`load::claims_edited`):
/// still, the texts citing a claim show its new statement, and a link
/// elsewhere that the edit breaks is an error, as in a full build.
#[test]
fn claims_checked_alone_reach_the_texts_citing_them_and_the_links() {
    let sandbox = support::Sandbox::new("good/entities");
    let mut run = Run::start(sandbox.root.clone());
    let bridge = "content/claims/bridge.yaml";
    let topic = "content/topics/bridge.md";
    run.change(
        topic,
        "#q-bridge-closed-1).",
        "#q-bridge-closed-1); the mayor's second is\n[there](../articles/herald-bridge.html#q-mayor-doubts-2).",
        Some(true),
        "a topic linking to a claim's second passage",
    );
    // A load (the topic edit leaves the model as no load made it); then
    // claims checked alone.
    run.change(
        bridge,
        "Inspectors found cracks",
        "Inspectors reported cracks",
        Some(true),
        "a statement, loaded",
    );
    // Cited by the front page, the topic, an entity and another claim's
    // note: each shows the new statement.
    run.change(
        bridge,
        "The mayor doubts the repairs",
        "The mayor questions whether the repairs",
        Some(true),
        "a statement cited by other texts",
    );
    let index = run.read_out("index.html");
    assert!(index.contains("The mayor questions whether the repairs"));
    run.change(
        bridge,
        "value: 6, status",
        "value: 7, status",
        Some(true),
        "a figure",
    );
    // The second passage gone: the topic's link to it is broken, which
    // a load reports (a warning).
    let text = run.read(bridge);
    let second =
        "    - article: herald-bridge\n      quote: \"the town could not wait that long\"\n";
    assert!(text.contains(second));
    fs::write(run.root.join(bridge), text.replacen(second, "", 1)).unwrap();
    let u = run
        .session
        .update_after(Some(&[run.root.join(bridge)]))
        .unwrap();
    assert_eq!((u.report.errors, u.report.warnings), (0, 1));
    assert!(
        u.report
            .diagnostics
            .contains("`#q-mayor-doubts-2` is not a place on articles/herald-bridge.html"),
        "{}",
        u.report.diagnostics
    );
    assert_same(&run.out, &full_build(&run.root), "a link broken");
    // The warning stands: the next edit is loaded again.
    run.change(
        bridge,
        "Inspectors reported cracks",
        "Inspectors saw cracks",
        Some(true),
        "a statement, with a warning standing",
    );
}

#[test]
fn claims_edits_with_editions_and_entities_match_a_full_build() {
    let sandbox = support::Sandbox::new("good/editions");
    let mut run = Run::start(sandbox.root.clone());
    let flood = "content/claims/flood.yaml";
    run.change(
        flood,
        "300 homes were flooded.",
        "Three hundred homes were flooded.",
        Some(true),
        "statement of a revised claim",
    );
    run.change(
        flood,
        "value: 300, as_of",
        "value: 250, as_of",
        Some(true),
        "figure back to the edition's",
    );

    // A claim added, then deleted, with editions: What changed lists it.
    let text = run.read(flood);
    let added = format!(
        "{text}\n- id: aa-added\n  statement: \"Homes were flooded.\"\n  topics: [flood]\n  origin: agency\n  evidence:\n    - article: agency-bulletin\n      quote: \"300 homes were flooded\"\n"
    );
    run.change(
        flood,
        &text,
        &added,
        Some(true),
        "claim added, with editions",
    );
    run.change(
        flood,
        &added,
        &text,
        Some(true),
        "claim deleted, with editions",
    );

    let sandbox = support::Sandbox::new("good/entities");
    let mut run = Run::start(sandbox.root.clone());
    let bridge = "content/claims/bridge.yaml";
    // A claim naming an entity added, then deleted (its page removed).
    let text = run.read(bridge);
    let added = format!(
        "{text}\n- id: aa-mayor\n  statement: \"Anaïs Kovač doubts the timetable.\"\n  topics: [bridge]\n  origin: highways-agency\n  evidence:\n    - article: journal-pont\n      quote: \"L'Agence des routes a fermé le pont de Lerne mardi 3 mai\"\n"
    );
    run.change(
        bridge,
        &text,
        &added,
        Some(true),
        "claim naming an entity added",
    );
    run.change(
        bridge,
        &added,
        &text,
        Some(true),
        "claim naming an entity deleted",
    );
    run.change(
        bridge,
        "The Highways Agency closed the Lerne bridge",
        "The agency closed the Lerne bridge",
        Some(true),
        "statement naming an entity no more",
    );
    // A statement that now mentions an entity: the analysis is made
    // again (the entity's page lists the claim).
    run.change(
        bridge,
        "Inspectors found cracks",
        "Inspectors of the Highways Agency found cracks",
        Some(true),
        "statement mentioning an entity",
    );
    run.change(
        "content/articles/herald-bridge.md",
        "title:",
        "title: Retitled",
        Some(true),
        "front matter of an article naming entities",
    );
    run.change(
        "content/entities.yaml",
        "id:",
        "id:",
        Some(true),
        "entities.yaml saved unchanged",
    );

    // entities.yaml with the same ids, names and aliases: the entities'
    // pages, the entities index and the search index (article and claim
    // pages show an entity's name and link alone).
    run.change(
        "content/entities.yaml",
        "Mayor of Lerne, who doubts",
        "Mayor of Lerne since 2024, who doubts",
        Some(true),
        "entities.yaml: a description",
    );
    let text = run.read("content/entities.yaml");
    let (errors, partial, written) = run.edit(
        "content/entities.yaml",
        &text.replacen("kind: other", "kind: organisation", 1),
    );
    // The entity's page, entities.html, search-index.js and sw.js.
    assert_eq!((errors, partial, written), (0, true, 4), "a kind");
    assert_same(&run.out, &full_build(&run.root), "entities.yaml: a kind");
    run.change(
        "content/entities.yaml",
        "  wikidata: Q4115189\n",
        "",
        Some(true),
        "entities.yaml: a Wikidata item removed",
    );
    // A new alias may change what articles mention: the whole site.
    run.change(
        "content/entities.yaml",
        "aliases: [fonds de réparation]",
        "aliases: [fonds de réparation, repair fund]",
        None,
        "entities.yaml: an alias",
    );
}

/// A served corpus of 4,400 claims over twelve months and four topics:
/// the timeline on five pages, each topic on two (with the folder that
/// holds it).
fn paged_corpus() -> (tempfile::TempDir, Run) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    support::gen_corpus(30, 4400, 5, &corpus);
    let run = Run::start(corpus);
    (dir, run)
}

#[test]
fn paged_lists_that_grow_or_shrink_leave_no_page_behind() {
    let (_dir, mut run) = paged_corpus();
    assert!(run.out.join("topics/casualties/page-2.html").is_file());
    let files: Vec<String> = (0..16)
        .map(|i| format!("content/claims/claims-{i:04}.yaml"))
        .collect();
    let originals: Vec<String> = files.iter().map(|f| run.read(f)).collect();
    // Most claims moved to one topic: it takes four pages, the others one.
    for (file, text) in files.iter().zip(&originals) {
        let moved = ["casualties", "demining", "labor-export"]
            .iter()
            .fold(text.clone(), |t, topic| {
                t.replace(&format!("topics: [{topic}]"), "topics: [sanctions]")
            });
        fs::write(run.root.join(file), moved).unwrap();
    }
    let rels: Vec<&str> = files.iter().map(String::as_str).collect();
    run.saved(&rels, true, "claims moved to one topic");
    assert!(!run.out.join("topics/casualties/page-2.html").exists());
    assert!(run.out.join("topics/sanctions/page-3.html").is_file());
    // And back.
    for (file, text) in files.iter().zip(&originals) {
        fs::write(run.root.join(file), text).unwrap();
    }
    run.saved(&rels, true, "claims moved back");
    assert!(run.out.join("topics/casualties/page-2.html").is_file());
    assert!(!run.out.join("topics/sanctions/page-3.html").exists());
}

/// The claim of `text` (a claims file of `gen-corpus`) dated `date`: its
/// whole entry, from `- id:` to the next.
fn entry_dated(text: &str, date: &str) -> String {
    let entry = text
        .split("\n- id: ")
        .skip(1)
        .find(|e| e.contains(&format!("\n  date: {date}\n")))
        .unwrap_or_else(|| panic!("a claim dated {date}"));
    format!("\n- id: {entry}")
}

#[test]
fn list_pages_an_edit_leaves_alone_stay_and_the_others_follow() {
    let (_dir, mut run) = paged_corpus();
    assert!(run.out.join("timeline/page-5.html").is_file());
    assert!(run.out.join("topics/demining/page-2.html").is_file());
    let file = "content/claims/claims-0003.yaml";
    for (date, what) in [
        ("2025-12", "a statement on a later page"),
        ("2025-01", "a statement on the first page"),
    ] {
        let entry = entry_dated(&run.read(file), date);
        let edited = entry.replace("Synthetic claim: ", "Synthetic claim, edited: ");
        run.change(file, &entry, &edited, Some(true), what);
    }
    // A claim dated anew moves along the timeline: every page after it
    // until its new place changes.
    let entry = entry_dated(&run.read(file), "2025-03");
    let moved = entry.replace("date: 2025-03", "date: 2025-10");
    run.change(file, &entry, &moved, Some(true), "a claim dated anew");
    // And its statement edited where it is now.
    let edited = moved.replace("Synthetic claim: ", "Synthetic claim, moved: ");
    run.change(file, &moved, &edited, Some(true), "the moved claim edited");
    // A claim moved to another topic: both topics' lists change.
    let entry = entry_dated(&run.read(file), "2025-06");
    let topic = ["casualties", "demining", "labor-export", "sanctions"]
        .into_iter()
        .find(|t| entry.contains(&format!("topics: [{t}]")))
        .unwrap();
    let other = if topic == "sanctions" {
        "demining"
    } else {
        "sanctions"
    };
    let retopiced = entry.replace(&format!("topics: [{topic}]"), &format!("topics: [{other}]"));
    run.change(
        file,
        &entry,
        &retopiced,
        Some(true),
        "a claim moved to another topic",
    );
}

/// With the default templates an article page shows of each claim drawn
/// from it its statement and status, not its origin, so a source edited
/// leaves article pages alone; a theme whose article page shows the
/// origin gets them made again.
#[test]
fn a_source_renamed_reaches_article_pages_that_show_origins() {
    let sandbox = support::Sandbox::new("good/basic");
    let toml = sandbox.root.join("dossier.toml");
    let settings = fs::read_to_string(&toml).unwrap();
    fs::write(&toml, format!("{settings}theme = \"maison\"\n")).unwrap();
    let article = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/article.html"),
    )
    .unwrap();
    let shown = "{{ c.claim.statement }}</a>";
    assert!(article.contains(shown));
    let templates = sandbox.root.join("themes/maison/templates");
    fs::create_dir_all(&templates).unwrap();
    fs::write(
        templates.join("article.html"),
        article.replace(shown, "{{ c.claim.statement }}</a> ({{ c.claim.origin }})"),
    )
    .unwrap();
    let mut run = Run::start(sandbox.root.clone());
    assert!(
        run.read_out("articles/agency-bulletin.html")
            .contains("(Orvenne Water Agency)")
    );
    run.change(
        "content/sources.yaml",
        "name: \"Orvenne Water Agency\"",
        "name: \"Orvenne Water Board\"",
        Some(true),
        "sources.yaml: a name shown on article pages",
    );
    assert!(
        run.read_out("articles/agency-bulletin.html")
            .contains("(Orvenne Water Board)")
    );
}

/// An edit of the front page's or a topic's text, or of what the analysis
/// does not read of a claim (its statement's words, a line above it),
/// leaves the analysis as it was: the analysis kept is used, and its
/// warnings, kept or made again, must be those a full build gives (at
/// the lines where the claims are now).
#[test]
fn edits_the_analysis_does_not_read_keep_it_and_its_warnings() {
    let sandbox = support::Sandbox::new("good/analysis");
    let mut run = Run::start(sandbox.root.clone());
    let (report, _) = build_in_memory(&run.root, None, &Mode::Render).unwrap();
    assert_eq!(report.warnings, 1, "{}", report.diagnostics);
    for (rel, from, to) in [
        (
            "content/topics/strike.md",
            "The figures disagree.",
            "The figures differ.",
        ),
        (
            "content/_index.md",
            "\n---\n",
            "\n---\nA new first sentence.\n",
        ),
        (
            "content/claims/strike.yaml",
            "- id: union-strikers\n",
            "# The union's count.\n- id: union-strikers\n",
        ),
        (
            "content/claims/strike.yaml",
            "18,000 dockers are on strike.",
            "18,000 dockers stopped work.",
        ),
    ] {
        let text = run.read(rel);
        assert!(text.contains(from), "{rel} holds {from:?}");
        let path = run.root.join(rel);
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let u = run.session.update_after(Some(&[path])).unwrap();
        assert!(u.partial, "{rel}");
        let (full, _) = build_in_memory(&run.root, None, &Mode::Render).unwrap();
        assert_eq!(
            (u.report.warnings, &u.report.diagnostics),
            (full.warnings, &full.diagnostics),
            "{rel}"
        );
        assert_same(&run.out, &full_build(&run.root), rel);
    }
}

/// A topic's or the front page's text edited alone (`src/serve/texts.rs`):
/// a link to a page the site does not make is a warning at the link, as a
/// full build reports it; a citation of no claim is an error (the full
/// build reports it, the last good site stays); fixed, the site is a full
/// build's; a citation added (the markers links may name) takes the
/// reload's path.
#[test]
fn text_edits_alone_report_and_recover_as_a_full_build_does() {
    let sandbox = support::Sandbox::new("good/basic");
    let mut run = Run::start(sandbox.root.clone());
    let topic = "content/topics/evacuation.md";
    let original = run.read(topic);
    let linked = original.replace("from when.", "from when ([list](../nowhere.html)).");
    assert_eq!(run.edit(topic, &linked).0, 0);
    let (full, _) = build_in_memory(&run.root, None, &Mode::Render).unwrap();
    let u = run
        .session
        .update_after(Some(&[run.root.join(topic)]))
        .unwrap();
    assert!(u.partial);
    assert_eq!(
        (u.report.warnings, &u.report.diagnostics),
        (full.warnings, &full.diagnostics)
    );
    assert!(
        full.diagnostics.contains("nowhere.html"),
        "{}",
        full.diagnostics
    );
    let good = full_build(&run.root);
    assert_same(&run.out, &good, "a link to no page");

    let index = "content/_index.md";
    let front = run.read(index);
    let unknown = front.replace("lower valley.", "lower valley [@no-such-claim].");
    let (errors, _, written) = run.edit(index, &unknown);
    assert!(errors > 0 && written == 0);
    assert_same(
        &run.out,
        &good,
        "an unknown citation keeps the last good site",
    );
    assert_eq!(run.edit(index, &front).0, 0);
    assert_same(&run.out, &full_build(&run.root), "fixed");
    // A title left empty: reported, the site kept; then a good one.
    let text = run.read(topic);
    let good = tree(&run.out);
    let (errors, _, written) = run.edit(topic, &text.replace("title: Evacuation", "title: \"\""));
    assert!(errors > 0 && written == 0, "an empty title");
    assert_same(&run.out, &good, "an empty title keeps the last good site");
    run.change(
        topic,
        "title: \"\"",
        "title: Leaving",
        Some(false),
        "a title again (the whole site)",
    );

    run.change(
        topic,
        "from when",
        "from when [@evacuation-800]",
        Some(true),
        "a citation",
    );
    run.change(
        topic,
        "How many",
        "How very many",
        Some(true),
        "words, cited",
    );
}

/// A request for `path` (under `out`) as the server makes it, waiting
/// for the gate, in a thread of its own; given 200 ms to wait first.
fn request(
    gate: &std::sync::Arc<dossier::serve::http::gate::Gate>,
    out: &Path,
    path: &'static str,
) -> std::thread::JoinHandle<Vec<u8>> {
    let (gate, out) = (std::sync::Arc::clone(gate), out.to_path_buf());
    let waiting = std::thread::spawn(move || {
        gate.wait(path);
        fs::read(out.join(path)).unwrap()
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    waiting
}

/// A copy of the fixture `name` and a session over it whose server gate
/// is `gate`, after its first build.
fn gated(
    name: &str,
) -> (
    support::Sandbox,
    std::sync::Arc<dossier::serve::http::gate::Gate>,
    Session,
) {
    let sandbox = support::Sandbox::new(name);
    let root = sandbox.root.clone();
    let gate = std::sync::Arc::new(dossier::serve::http::gate::Gate::default());
    let mut session = Session::new(root.clone(), root.join("public"), BASE.to_string())
        .gated(std::sync::Arc::clone(&gate));
    session.update().unwrap();
    (sandbox, gate, session)
}

/// A claim added: the claims page holding it is written first (a new
/// page here), the pages listing it (the claim it contradicts, on
/// another article's page) with the lists; deleted, its page is removed
/// first and the page of the claim it contradicted follows the same way.
#[test]
fn a_claim_added_or_deleted_shows_its_page_first_and_the_pages_listing_it_after() {
    let (sandbox, gate, mut session) = gated("good/basic");
    let (root, out) = (sandbox.root.clone(), sandbox.root.join("public"));
    let dam = root.join("content/claims/dam.yaml");
    let text = fs::read_to_string(&dam).unwrap();
    let added = format!(
        "{text}- id: cracks-recorded\n  statement: \"The agency recorded three new cracks.\"\n  \
         topics: [dam-safety]\n  origin: water-agency\n  contradicts: [evacuation-800]\n  \
         evidence:\n    - article: agency-bulletin\n      quote: \"recorded three new cracks\"\n"
    );
    let (new_page, listing) = (
        "claims/agency-bulletin.html",
        "claims/courrier-barrage.html",
    );
    for (edit, what) in [(added, "added"), (text, "deleted")] {
        fs::write(&dam, edit).unwrap();
        let before = tree(&out);
        let mut update = session
            .update_first(Some(std::slice::from_ref(&dam)))
            .unwrap();
        assert!(update.partial, "{what}");
        assert!(gate.is_held(), "{what}: the rest is held until made");
        let expected = full_build(&root);
        let first = tree(&out);
        // The page of the claim, as a full build makes it (or gone).
        assert_eq!(first.get(new_page), expected.get(new_page), "{what}");
        assert_ne!(before.get(new_page), first.get(new_page), "{what}");
        // The page listing it, not yet: held until made.
        assert_eq!(
            first[listing], before[listing],
            "{what}: made with the lists"
        );
        assert_ne!(first[listing], expected[listing], "{what}");
        let waiting = request(&gate, &out, listing);
        assert!(!waiting.is_finished(), "{what}: the page listing it waits");
        session.finish_lists(&mut update).unwrap();
        assert!(!gate.is_held());
        assert_eq!(waiting.join().unwrap(), expected[listing], "{what}");
        assert_same(&out, &expected, what);
    }
}

/// A claims edit writes its claims and article pages first and holds the
/// lists until made; a source edited, the sources page first and its
/// claims pages after; a topic's text, its page first and the search
/// index after.
#[test]
fn a_claims_edit_writes_its_pages_first_and_holds_the_lists_until_made() {
    let (sandbox, gate, mut session) = gated("good/basic");
    let (root, out) = (sandbox.root.clone(), sandbox.root.join("public"));
    let dam = root.join("content/claims/dam.yaml");
    let text = fs::read_to_string(&dam).unwrap();
    let edited = text.replacen(
        "statement: \"Inspectors found three new cracks",
        "statement: \"Inspectors reported three new cracks",
        1,
    );
    assert_ne!(text, edited);
    fs::write(&dam, edited).unwrap();
    let before = tree(&out);

    let mut update = session.update_first(Some(&[dam])).unwrap();
    assert!(update.partial);
    assert!(gate.is_held(), "the lists are held until made");
    let expected = full_build(&root);
    let first = tree(&out);
    // Written first: the claims page and the articles showing the claim,
    // as a full build makes them.
    let shown = differing(&before, &first);
    assert!(
        shown.iter().any(|k| k.starts_with("claims/")),
        "the claims page first: {shown:?}"
    );
    for path in &shown {
        assert!(path.starts_with("claims/") || path.starts_with("articles/"));
        assert_eq!(first.get(*path), expected.get(*path), "{path}");
    }
    // Not yet: the lists showing the statement.
    let lists = differing(&first, &expected);
    assert!(
        lists.iter().any(|k| *k == "timeline.html"),
        "lists still to make: {lists:?}"
    );
    // A page written first is served at once; a list once made.
    gate.wait(shown[0]);
    let waiting = request(&gate, &out, "timeline.html");
    assert!(!waiting.is_finished(), "a list waits for the lists");
    session.finish_lists(&mut update).unwrap();
    assert!(!gate.is_held());
    assert_eq!(waiting.join().unwrap(), expected["timeline.html"]);
    assert!(update.written > shown.len());
    assert_same(&out, &expected, "after the lists");

    // A source's name: the sources page first, the claims pages naming
    // the source after it, held like the lists.
    let sources = root.join("content/sources.yaml");
    let text = fs::read_to_string(&sources).unwrap();
    let renamed = text.replacen("Orvenne Water Agency", "Orvenne Water Board", 1);
    assert_ne!(text, renamed);
    fs::write(&sources, renamed).unwrap();
    let before = tree(&out);
    let mut update = session.update_first(Some(&[sources])).unwrap();
    assert!(update.partial);
    assert!(gate.is_held(), "the claims pages are held until made");
    let expected = full_build(&root);
    let first = tree(&out);
    let shown = differing(&before, &first);
    assert_eq!(shown, ["sources.html"]);
    assert_eq!(first["sources.html"], expected["sources.html"]);
    let later = differing(&first, &expected);
    assert!(
        later.iter().any(|k| k.starts_with("claims/")),
        "claims pages still to make: {later:?}"
    );
    session.finish_lists(&mut update).unwrap();
    assert!(!gate.is_held());
    assert_same(&out, &expected, "after the claims pages naming the source");

    // A topic's text: its page first, the search index (which holds its
    // words) after.
    let topic = root.join("content/topics/dam-safety.md");
    let text = fs::read_to_string(&topic).unwrap();
    fs::write(
        &topic,
        text.replacen("What the inspectors found", "What inspectors found", 1),
    )
    .unwrap();
    let mut update = session.update_first(Some(&[topic])).unwrap();
    assert!(gate.is_held(), "the search index is held until made");
    let expected = full_build(&root);
    let first = tree(&out);
    assert!(first["topics/dam-safety.html"] == expected["topics/dam-safety.html"]);
    session.finish_lists(&mut update).unwrap();
    assert!(!gate.is_held());
    assert_same(&out, &expected, "after the search index");

    // A topic's title and place, then the dossier's title: every page
    // shows them. The page of the file edited first, as a full build
    // makes it; the rest of the site, held, after it.
    for (rel, from, to, page) in [
        (
            "content/topics/dam-safety.md",
            "title: Dam safety",
            "title: Safety of the dam",
            "topics/dam-safety.html",
        ),
        // Its place among the topics: every page lists them in order.
        (
            "content/topics/dam-safety.md",
            "order: 1",
            "order: 3",
            "topics/dam-safety.html",
        ),
        (
            "content/_index.md",
            "title: \"The Orvenne dam, 2030\"",
            "title: \"The Orvenne dam in 2030\"",
            "index.html",
        ),
    ] {
        let path = root.join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        let before = tree(&out);
        let mut update = session.update_first(Some(&[path])).unwrap();
        assert!(gate.is_held(), "{rel}: the rest of the site is held");
        let expected = full_build(&root);
        let first = tree(&out);
        assert_eq!(differing(&before, &first), [page], "{rel}: shown first");
        assert!(first[page] == expected[page], "{rel}: {page} as built");
        let later = differing(&first, &expected);
        assert!(later.len() > 10, "{rel}: every other page after: {later:?}");
        gate.wait(page);
        let waiting = request(&gate, &out, "figures.html");
        assert!(!waiting.is_finished(), "{rel}: another page waits");
        session.finish_lists(&mut update).unwrap();
        assert!(!gate.is_held());
        assert!(!update.partial, "{rel}: the whole site");
        assert!(waiting.join().unwrap() == expected["figures.html"]);
        assert_same(&out, &expected, &format!("{rel}: after the whole site"));
    }

    // Saved as `sed -i` and some editors save: a temporary file beside
    // it, renamed into place; the watcher names both. The temporary file,
    // gone, is no input: the title's page is still shown first.
    let topic = root.join("content/topics/dam-safety.md");
    let temp = root.join("content/topics/sedX1b2c3");
    let text = fs::read_to_string(&topic).unwrap();
    fs::write(
        &temp,
        text.replacen("title: Safety of the dam", "title: Dam safety", 1),
    )
    .unwrap();
    fs::rename(&temp, &topic).unwrap();
    let before = tree(&out);
    let mut update = session.update_first(Some(&[temp, topic])).unwrap();
    assert!(
        gate.is_held(),
        "a temporary file: the rest of the site held"
    );
    let expected = full_build(&root);
    let first = tree(&out);
    let page = "topics/dam-safety.html";
    assert_eq!(differing(&before, &first), [page], "a temporary file");
    assert!(first[page] == expected[page]);
    session.finish_lists(&mut update).unwrap();
    assert_same(&out, &expected, "a temporary file: after the whole site");
}

/// After a load that found no problem, an article saved with another
/// front matter has that front matter checked again alone
/// (`load::articles_edited`); the site is still the one a full build
/// makes, and a front matter with a problem is reported as a load
/// reports it.
#[test]
fn front_matters_checked_alone_match_a_full_build() {
    let sandbox = support::Sandbox::new("good/entities");
    let mut run = Run::start(sandbox.root.clone());
    let bridge = "content/claims/bridge.yaml";
    let herald = "content/articles/herald-bridge.md";
    // A claims edit leaves the model as a clean load made it.
    run.change(
        bridge,
        "Inspectors found cracks",
        "Inspectors reported cracks",
        Some(true),
        "a statement",
    );
    run.change(
        herald,
        "title: \"Lerne bridge shut for repairs\"",
        "title: \"Lerne bridge closed for repairs\"",
        Some(true),
        "an article's title",
    );
    assert!(
        run.read_out("articles/herald-bridge.html")
            .contains("Lerne bridge closed for repairs")
    );
    run.change(
        herald,
        "outlet: \"The Lerne Herald\"",
        "outlet: \"The Lerne Herald\"\nauthor: \"Ana Petrova\"",
        Some(true),
        "an author added",
    );
    run.change(
        herald,
        "published: 2032-05-05",
        "published: 2032-05-06",
        Some(true),
        "a date",
    );
    // A bad date: the error a load reports, nothing written.
    let text = run.read(herald);
    let (errors, _, written) = run.edit(herald, &text.replacen("2032-05-06", "2032-13-06", 1));
    assert!(errors > 0);
    assert_eq!(written, 0);
    run.change(
        herald,
        "published: 2032-13-06",
        "published: 2032-05-07",
        None,
        "the date fixed",
    );
}

/// `[offline] archive = "auto"` has the build write the zip up to 20,000
/// claims and the browser make it past that; every page's footer shows
/// which. A claim added to a corpus of exactly 20,000 claims crosses the
/// bound (the whole site changes), and deleted, crosses it back.
#[test]
fn claims_crossing_the_bound_of_the_zip_change_every_footer() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    support::gen_corpus(40, dossier::config::Archiving::AUTO_CLAIMS, 3, &corpus);
    let mut run = Run::start(corpus);
    let zip_link = "benchmark-corpus.zip\" download>";
    assert!(run.read_out("index.html").contains(zip_link));
    let rel = "content/claims/claims-0000.yaml";
    let text = run.read(rel);
    let first = &text[..text[2..].find("\n- id: ").map_or(text.len(), |at| at + 3)];
    let copy = first.replacen("- id: claim-0\n", "- id: zz-one-more\n", 1);
    fs::write(run.root.join(rel), format!("{text}{copy}")).unwrap();
    run.saved(&[rel], false, "claim 20,001 added");
    assert!(!run.read_out("index.html").contains(zip_link));
    assert!(run.out.join("assets/files.json").is_file());
    fs::write(run.root.join(rel), &text).unwrap();
    run.saved(&[rel], false, "claim 20,001 deleted");
    assert!(run.read_out("index.html").contains(zip_link));
}
