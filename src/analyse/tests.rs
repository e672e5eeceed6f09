//! Tests of the analysis: support and statuses, figure conflicts (the
//! indexed search against every pair), metrics, the timeline, warnings,
//! and the analysis after figures edited (against a full one).

use super::*;
use crate::model::*;
use crate::source::{FileId, Sources};

fn source(id: &str) -> Source {
    Source {
        id: id.into(),
        name: id.into(),
        kind: SourceKind::Media,
        country: None,
        reliability: Reliability(b'C'),
        note: None,
    }
}

fn claim(id: &str, origin: usize, articles: &[usize]) -> Claim {
    Claim {
        id: id.into(),
        statement: id.into(),
        topics: vec![0],
        origin,
        via: vec![],
        date: None,
        credibility: Credibility(3),
        credibility_given: true,
        figures: vec![],
        evidence: articles
            .iter()
            .map(|&a| Evidence {
                article: a,
                quote: "q".into(),
                prefix: None,
                suffix: None,
                translation: None,
                translation_language: None,
                at: (FileId(0), crate::source::Place::Span(0..0)),
                number: 1,
                anchor: String::new(),
            })
            .collect(),
        corroborates: vec![],
        contradicts: vec![],
        entities: vec![],
        note: None,
        at: (FileId(0), crate::source::Place::Span(0..0)),
    }
}

fn fig(value: f64, precision: Precision) -> Figure {
    Figure {
        metric: 0,
        low: value,
        high: value,
        value: Some(value),
        precision,
        status: FigureStatus::Reported,
        as_of: None,
    }
}

fn dossier(claims: Vec<Claim>) -> Dossier {
    Dossier {
        sources: vec![source("a"), source("b")],
        metrics: vec![Metric {
            id: "m".into(),
            label: "m".into(),
            unit: String::new(),
            topic: 0,
        }],
        articles: (0..5)
            .map(|i| Article {
                slug: format!("a{i}"),
                title: String::new(),
                published: PartialDate::parse("2025").unwrap(),
                language: "fr".into(),
                outlet: None,
                author: None,
                url: None,
                reliability: None,
                summary_html: None,
                summary_language: None,
                file: FileId(0),
                body_start: 0,
            })
            .collect(),
        topics: vec![Topic {
            id: "t".into(),
            title: "t".into(),
            order: 0,
            summary: None,
            judgments: vec![],
            overview: Prose::default(),
        }],
        claims: claims.into_iter().map(std::sync::Arc::new).collect(),
        ..Dossier::default()
    }
}

/// The indexed search finds exactly the pairs a comparison of every
/// pair finds, on random figures with every precision, planned or not,
/// and dates at every granularity.
#[test]
fn indexed_figure_conflicts_match_every_pair() {
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let dates = [
        None,
        Some("2025"),
        Some("2025-06"),
        Some("2025-06-17"),
        Some("2025-07"),
        Some("2024"),
    ];
    let precisions = [
        Precision::Exact,
        Precision::Approx,
        Precision::AtLeast,
        Precision::AtMost,
        Precision::Range,
    ];
    let mut claims = Vec::new();
    for i in 0..400 {
        let mut c = claim(&format!("c{i}"), next(4) as usize, &[0]);
        for _ in 0..1 + next(2) {
            c.figures
                .push(random_figure(&mut next, 2, &dates, &precisions));
        }
        claims.push(c);
    }
    let mut d = dossier(claims);
    d.sources = (0..4).map(|i| source(&format!("s{i}"))).collect();
    let mut second = d.metrics[0].clone();
    second.id = "m2".into();
    d.metrics.push(second);
    let found = conflicts::figure_conflicts(&d, 0.1, 3);
    for (i, a) in d.claims.iter().enumerate() {
        let mut total = 0;
        let mut contested = Vec::new();
        for (k, fa) in a.figures.iter().enumerate() {
            let mut here = 0;
            for b in &d.claims {
                for fb in &b.figures {
                    if a.origin != b.origin && disagree(fa, fb, 0.1) {
                        here += 1;
                    }
                }
            }
            if here > 0 {
                contested.push(k);
            }
            total += here;
        }
        assert_eq!(found.totals[i], total, "claim {i}");
        assert_eq!(found.contested[i], contested, "claim {i}");
        for x in &found.examples[i] {
            let Conflict::Figure {
                figure,
                other,
                other_figure,
            } = *x
            else {
                panic!("not a figure conflict");
            };
            assert_ne!(d.claims[other].origin, a.origin);
            assert!(disagree(
                &a.figures[figure],
                &d.claims[other].figures[other_figure],
                0.1
            ));
        }
    }
    assert!(
        found.totals.iter().sum::<usize>() > 100,
        "the sample has conflicts"
    );
}

/// A xorshift generator from `seed`: `next(n)` is below `n`.
fn xorshift(mut seed: u64) -> impl FnMut(u64) -> u64 {
    move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    }
}

/// The dossier of the random-edit tests around `claims`: four sources,
/// three metrics.
fn around(claims: Vec<Arc<Claim>>) -> Dossier {
    let mut d = dossier(Vec::new());
    d.claims = claims;
    d.sources = (0..4).map(|i| source(&format!("s{i}"))).collect();
    for id in ["m2", "m3"] {
        let mut m = d.metrics[0].clone();
        m.id = id.into();
        d.metrics.push(m);
    }
    d
}

/// A random figure: one of a few values, one of `precisions`, of a
/// metric under `metrics`, planned or not, one of `dates`.
fn random_figure(
    next: &mut impl FnMut(u64) -> u64,
    metrics: u64,
    dates: &[Option<&str>],
    precisions: &[Precision],
) -> Figure {
    let v = [100.0, 104.0, 112.0, 130.0, 250.0, 90.0][next(6) as usize];
    let mut f = fig(v, precisions[next(precisions.len() as u64) as usize]);
    f.metric = next(metrics) as usize;
    if f.precision == Precision::Range {
        f.high = v * 1.2;
        f.value = None;
    }
    if next(5) == 0 {
        f.status = FigureStatus::Planned;
    }
    f.as_of = dates[next(dates.len() as u64) as usize].map(|d| PartialDate::parse(d).unwrap());
    f
}

/// Figures edited, added, moved to another metric or removed in a
/// few claims at a time: the analysis made from the one before is
/// the analysis made from scratch, round after round; a link edited
/// is not taken that way.
#[test]
fn figures_edited_alone_match_a_full_analysis() {
    let dates = [None, Some("2025"), Some("2025-06"), Some("2025-06-17")];
    let precisions = [Precision::Exact, Precision::Approx, Precision::Range];
    let figure =
        |next: &mut dyn FnMut(u64) -> u64| random_figure(&mut |n| next(n), 3, &dates, &precisions);
    let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
    let mut claims = Vec::new();
    for i in 0..300 {
        let mut c = claim(&format!("c{i:03}"), next(4) as usize, &[next(5) as usize]);
        for _ in 0..next(3) {
            c.figures.push(figure(&mut next));
        }
        if i > 0 && next(4) == 0 {
            c.corroborates.push(next(i) as usize);
        }
        if i > 0 && next(9) == 0 {
            c.contradicts.push(next(i) as usize);
        }
        claims.push(c);
    }
    let with = |claims: &[Arc<Claim>]| around(claims.to_vec());
    let mut d = with(&claims.into_iter().map(Arc::new).collect::<Vec<_>>());
    let (mut analysis, _) = analyse(&d, &Sources::default(), 0.1);
    for round in 0..40 {
        let old = with(&d.claims);
        for _ in 0..1 + next(3) {
            let i = next(300) as usize;
            let mut c = (*d.claims[i]).clone();
            match next(4) {
                0 => c.figures.clear(),
                1 => c.figures.push(figure(&mut next)),
                _ if c.figures.is_empty() => c.statement.push('!'),
                _ => {
                    let k = next(c.figures.len() as u64) as usize;
                    c.figures[k] = figure(&mut next);
                }
            }
            d.claims[i] = Arc::new(c);
        }
        let fast = after::figures_edited(&d, 0.1, (&old, &analysis));
        let fast = fast.expect("only figures and words changed");
        let (full, _) = analyse(&d, &Sources::default(), 0.1);
        assert_eq!(format!("{fast:?}"), format!("{full:?}"), "round {round}");
        analysis = full;
    }
    let contested = analysis.claims.iter();
    assert!(
        contested
            .filter(|f| !f.contested_figures.is_empty())
            .count()
            > 20
    );
    let old = with(&d.claims);
    let mut c = (*d.claims[5]).clone();
    c.corroborates.push(1);
    d.claims[5] = Arc::new(c);
    assert!(after::figures_edited(&d, 0.1, (&old, &analysis)).is_none());
}

#[test]
fn numbers_in_statements_but_not_dates() {
    assert!(states_a_number("About 600 soldiers were killed."));
    assert!(states_a_number("6,000 North Koreans deployed"));
    assert!(states_a_number("1 000 démineurs"));
    assert!(!states_a_number("Confirmed in April 2025."));
    assert!(!states_a_number("On 19 June 2025 the ministry said so."));
    assert!(!states_a_number("le 15 août 2025"));
    assert!(!states_a_number("No number here."));
    assert!(states_a_number("3 divisions arrived on 4 May"));
}

#[test]
fn circular_reporting_counts_one_origin() {
    // Two claims of the same origin corroborating each other, five articles.
    let mut a = claim("a", 0, &[0, 1, 2, 3, 4]);
    a.corroborates = vec![1];
    let b = claim("b", 0, &[0]);
    let (an, _) = analyse(&dossier(vec![a, b]), &Sources::default(), 0.1);
    assert_eq!(an.claims[0].origins, vec![0]);
    assert_eq!(an.claims[0].articles.len(), 5);
    assert_eq!(an.claims[0].status, Status::SingleSource);
    assert_eq!(an.claims[1].status, Status::SingleSource);
}

#[test]
fn corroboration_across_origins_counts_both_ways() {
    let mut a = claim("a", 0, &[0]);
    a.corroborates = vec![1];
    let d = dossier(vec![a, claim("b", 1, &[1])]);
    let (an, _) = analyse(&d, &Sources::default(), 0.1);
    assert_eq!(an.claims[0].origins, vec![0, 1]);
    assert_eq!(an.claims[1].origins, vec![0, 1]);
    assert_eq!(an.claims[1].status, Status::Corroborated);
}

#[test]
fn contradiction_makes_both_contested() {
    let mut a = claim("a", 0, &[0]);
    a.contradicts = vec![1];
    let d = dossier(vec![a, claim("b", 1, &[0])]);
    let (an, _) = analyse(&d, &Sources::default(), 0.1);
    assert_eq!(an.claims[1].status, Status::Contested);
    assert_eq!(
        an.claims[1].conflicts,
        vec![Conflict::Contradiction { other: 0 }]
    );
}

#[test]
fn figures_disagree_beyond_tolerance_only_across_origins() {
    let mut a = claim("a", 0, &[0]);
    a.figures = vec![fig(10_000.0, Precision::Exact)];
    let mut b = claim("b", 1, &[0]);
    b.figures = vec![fig(18_000.0, Precision::Approx)];
    let mut c = claim("c", 0, &[0]);
    c.figures = vec![fig(30_000.0, Precision::Exact)];
    let (an, _) = analyse(&dossier(vec![a, b, c]), &Sources::default(), 0.1);
    assert_eq!(an.claims[0].status, Status::Contested);
    // a and c share an origin: no conflict between them.
    assert!(
        an.claims[0]
            .conflicts
            .iter()
            .all(|x| matches!(x, Conflict::Figure { other: 1, .. }))
    );
}

#[test]
fn metric_spread_and_contested_flag() {
    let mut a = claim("a", 0, &[0]);
    a.figures = vec![fig(10_000.0, Precision::Exact)];
    let mut b = claim("b", 1, &[0]);
    b.figures = vec![fig(18_000.0, Precision::Approx)];
    let (an, _) = analyse(&dossier(vec![a, b]), &Sources::default(), 0.1);
    assert_eq!(an.metrics[0].spread, Some((10_000.0, 18_000.0)));
    assert!(an.metrics[0].contested);
    assert_eq!(
        bounds(&fig(600.0, Precision::Approx), 0.1),
        (Some(540.0), 600.0, Some(660.0))
    );
    assert_eq!(
        bounds(&fig(10_000.0, Precision::AtLeast), 0.1),
        (Some(10_000.0), 10_000.0, None)
    );
    // 3030 × 1.1 is 3333.0000000000005 in binary; data files say 3333.
    assert_eq!(
        bounds(&fig(3_030.0, Precision::Approx), 0.1),
        (Some(2_727.0), 3_030.0, Some(3_333.0))
    );
    assert_eq!(
        bounds(&fig(0.7, Precision::Approx), 0.1),
        (Some(0.63), 0.7, Some(0.77))
    );
}

#[test]
fn timeline_orders_partial_dates_coarse_first() {
    let mut a = claim("a", 0, &[0]);
    a.date = Some(PartialDate::parse("2025-06-17").unwrap());
    let mut b = claim("b", 0, &[0]);
    b.date = Some(PartialDate::parse("2025-06").unwrap());
    let mut c = claim("c", 0, &[0]);
    c.date = Some(PartialDate::parse("2024").unwrap());
    let d = claim("d", 0, &[0]);
    let (an, _) = analyse(&dossier(vec![a, b, c, d]), &Sources::default(), 0.1);
    assert_eq!(an.timeline, vec![2, 1, 0]);
    // One date: by id, whether or not the claims come in id order.
    for ids in [["a", "b", "c"], ["c", "a", "b"]] {
        let claims = ids.map(|id| {
            let mut c = claim(id, 0, &[0]);
            c.date = Some(PartialDate::parse("2025-06").unwrap());
            c
        });
        let (an, _) = analyse(&dossier(claims.to_vec()), &Sources::default(), 0.1);
        let order: Vec<&str> = an.timeline.iter().map(|&i| ids[i]).collect();
        assert_eq!(order, ["a", "b", "c"], "{ids:?}");
    }
}

#[test]
fn tolerance_and_precision_bound_disagreement() {
    assert!(!disagree(
        &fig(10_000.0, Precision::Exact),
        &fig(10_900.0, Precision::Exact),
        0.1
    ));
    assert!(disagree(
        &fig(10_000.0, Precision::Exact),
        &fig(12_000.0, Precision::Exact),
        0.1
    ));
    assert!(!disagree(
        &fig(10_000.0, Precision::AtLeast),
        &fig(50_000.0, Precision::Exact),
        0.1
    ));
    assert!(disagree(
        &fig(10_000.0, Precision::AtMost),
        &fig(50_000.0, Precision::Exact),
        0.1
    ));
    let range = Figure {
        low: 10_000.0,
        high: 12_000.0,
        value: None,
        precision: Precision::Range,
        ..fig(0.0, Precision::Range)
    };
    assert!(!disagree(&range, &fig(10_000.0, Precision::Exact), 0.1));
    assert!(disagree(&range, &fig(18_000.0, Precision::Approx), 0.1));
    let mut later = fig(20_000.0, Precision::Exact);
    later.as_of = Some(PartialDate::parse("2025").unwrap());
    let mut earlier = fig(10_000.0, Precision::Exact);
    earlier.as_of = Some(PartialDate::parse("2024-11").unwrap());
    assert!(
        !disagree(&later, &earlier, 0.1),
        "different dates are not compared"
    );
}

#[test]
fn credibility_one_with_single_origin_warns() {
    let mut a = claim("a", 0, &[0]);
    a.credibility = Credibility(1);
    let (_, warnings) = analyse(&dossier(vec![a]), &Sources::default(), 0.1);
    let credibility: Vec<_> = warnings
        .iter()
        .filter(|w| w.message.contains("credibility 1"))
        .collect();
    assert_eq!(credibility.len(), 1);
    // Articles a1–a4 are quoted by no claim: one warning each.
    assert_eq!(warnings.len(), 5);
}

/// Claims added (with figures, dates and links to kept claims) and
/// deleted (no kept claim naming them) a few at a time: the analysis
/// moved from the one before is the analysis made from scratch, round
/// after round; a kept claim whose links changed is not taken that way.
#[test]
fn claims_added_and_deleted_match_a_full_analysis() {
    let dates = [None, Some("2025"), Some("2025-06"), Some("2025-06-17")];
    let precisions = [Precision::Exact, Precision::Approx, Precision::Range];
    let mut next = xorshift(0x2545_f491_4f6c_dd1d);
    let date = |next: &mut dyn FnMut(u64) -> u64| {
        dates[next(dates.len() as u64) as usize].map(|d| PartialDate::parse(d).unwrap())
    };
    // A claim with random figures, date and links to claims under `n`.
    let random = |next: &mut dyn FnMut(u64) -> u64, id: String, n: usize| {
        let mut c = claim(&id, next(4) as usize, &[next(5) as usize]);
        c.date = date(next);
        for _ in 0..next(3) {
            c.figures
                .push(random_figure(&mut |k| next(k), 3, &dates, &precisions));
        }
        if n > 0 && next(3) == 0 {
            c.corroborates.push(next(n as u64) as usize);
        }
        if n > 0 && next(6) == 0 {
            c.contradicts.push(next(n as u64) as usize);
        }
        c
    };
    let with = around;
    let claims: Vec<Arc<Claim>> = (0..300)
        .map(|i| Arc::new(random(&mut next, format!("c{i:03}"), i)))
        .collect();
    let mut d = with(claims);
    let (mut analysis, _) = analyse(&d, &Sources::default(), 0.1);
    let (mut added_in_all, mut deleted_in_all) = (0, 0);
    for round in 0..40 {
        let n = d.claims.len();
        // Deleted: claims no other claim names.
        let named: HashSet<usize> = d
            .claims
            .iter()
            .flat_map(|c| c.corroborates.iter().chain(&c.contradicts).copied())
            .collect();
        let mut gone = vec![false; n];
        for _ in 0..next(4) {
            let o = next(n as u64) as usize;
            gone[o] = !named.contains(&o);
        }
        // Added after some kept claims, in id order (`c012` < `c012-r3`).
        let mut old_of: Vec<Option<usize>> = Vec::new();
        let mut claims: Vec<Claim> = Vec::new();
        for (o, &gone) in gone.iter().enumerate() {
            if !gone {
                old_of.push(Some(o));
                claims.push((*d.claims[o]).clone());
            }
            if !claims.is_empty() && next(60) == 0 {
                old_of.push(None);
                claims.push(claim("", 0, &[]));
            }
        }
        let new_of: Vec<Option<usize>> = {
            let mut v = vec![None; n];
            for (i, o) in old_of.iter().enumerate() {
                if let Some(o) = o {
                    v[*o] = Some(i);
                }
            }
            v
        };
        let kept: Vec<usize> = (0..claims.len()).filter(|&i| old_of[i].is_some()).collect();
        for i in 0..claims.len() {
            match old_of[i] {
                Some(_) => {
                    let c = &mut claims[i];
                    for j in c.corroborates.iter_mut().chain(c.contradicts.iter_mut()) {
                        *j = new_of[*j].expect("a named claim is kept");
                    }
                }
                None => {
                    let before = claims[i - 1].id.clone();
                    let mut c = random(&mut next, format!("{before}-r{round}"), 0);
                    if next(2) == 0 {
                        c.corroborates.push(kept[next(kept.len() as u64) as usize]);
                    }
                    if next(4) == 0 {
                        c.contradicts.push(kept[next(kept.len() as u64) as usize]);
                    }
                    claims[i] = c;
                }
            }
        }
        added_in_all += old_of.iter().filter(|o| o.is_none()).count();
        deleted_in_all += gone.iter().filter(|&&g| g).count();
        let old = with(d.claims.clone());
        // A claim kept as it was is the same `Arc`, as a load keeps it.
        let claims = claims
            .into_iter()
            .zip(&old_of)
            .map(|(c, o)| match o {
                Some(o) if c == *old.claims[*o] => Arc::clone(&old.claims[*o]),
                _ => Arc::new(c),
            })
            .collect();
        d = with(claims);
        let fast = reshaped::reshaped(&d, 0.1, (&old, &analysis), &old_of);
        let fast = fast.expect("claims kept as they were");
        let (full, _) = analyse(&d, &Sources::default(), 0.1);
        assert_eq!(format!("{fast:?}"), format!("{full:?}"), "round {round}");
        analysis = full;
    }
    assert!(
        added_in_all > 50 && deleted_in_all > 20,
        "{added_in_all} {deleted_in_all}"
    );
    // A kept claim that now names another claim: made whole.
    let old = with(d.claims.clone());
    let mut c = (*d.claims[5]).clone();
    c.corroborates.push(1);
    d.claims[5] = Arc::new(c);
    let old_of: Vec<Option<usize>> = (0..d.claims.len()).map(Some).collect();
    assert!(reshaped::reshaped(&d, 0.1, (&old, &analysis), &old_of).is_none());
}
