//! Property tests of the evaluation's invariants, on the shipped grids and random offers.

use std::collections::BTreeMap;

use jauge_engine::grid::{Answer, Band, PriceMethod, Rule, normalise_id};
use jauge_engine::report::Status;
use jauge_engine::{CheckedGrid, ManualMark, Offer, Options, Raw, Report, Response, Supplier, evaluate_with};
use proptest::prelude::*;
use proptest::sample::select;

use crate::{grid, root};

fn grids() -> Vec<CheckedGrid> {
    let mut out: Vec<CheckedGrid> = crate::shipped_grids().iter().map(|p| grid(p)).collect();
    out.push(grid(&root().join("tests/cases/every-rule/grid.json")));
    out
}

/// Candidate raw answers for an answer type: good, bad, empty and garbage.
fn candidates(answer: &Answer) -> Vec<Option<Raw>> {
    let t = |s: &str| Some(Raw::Text(s.to_string()));
    let mut out = vec![
        None,
        t(""),
        t("N/A"),
        t("cf. mémoire"),
        t("n'importe quoi"),
        Some(Raw::Number(-1.0)),
        Some(Raw::Bool(true)),
    ];
    match answer {
        Answer::YesNo => out.extend([t("Oui"), t("non"), t("X"), Some(Raw::Bool(false))]),
        Answer::Number { .. } | Answer::Duration { .. } | Answer::Percentage => {
            out.extend(
                [0.0, 0.5, 1.0, 1.3, 2.0, 4.0, 7.5, 15.0, 30.0, 50.0, 75.0, 99.0, 99.9, 100.0, 180.0, 1e9]
                    .map(|n| Some(Raw::Number(n))),
            );
            out.extend([t("4 h"), t("2 j ouvrés"), t("99,9 %"), t("0,8 Wh"), t("1 kWh"), t("6 mois"), t("3 ans")]);
        }
        Answer::Choice { options } | Answer::MultiChoice { options } => {
            out.extend(options.iter().map(|o| t(&o.label.fr)));
            out.push(Some(Raw::List(options.iter().map(|o| o.id.clone()).collect())));
            out.push(t(&options.iter().map(|o| o.label.fr.clone()).collect::<Vec<_>>().join(", ")));
        }
        Answer::Date => out.extend([t("21/11/2026"), t("2026-02-30")]),
        Answer::Url => out.extend([t("https://exemple.fr"), t("exemple")]),
        Answer::Text => out.extend([t("Un texte")]),
        Answer::Price { .. } => out.extend([t("1 000 € HT"), t("0 €")]),
    }
    out
}

/// A random offer for `grid`: random answers, a price, and marks that are sometimes missing.
fn offer(grid: &CheckedGrid, index: usize) -> impl Strategy<Value = Offer> + use<> {
    let criteria: Vec<_> = grid.grid().criteria().map(|(_, c)| c.clone()).collect();
    let answers: Vec<_> = criteria
        .iter()
        .map(|c| match &c.answer {
            Answer::Price { .. } => (1_000u32..200_000).prop_map(|p| Some(Raw::Number(f64::from(p)))).boxed(),
            a => select(candidates(a)).boxed(),
        })
        .collect();
    let marks: Vec<_> = criteria
        .iter()
        .map(|c| {
            let out_of = match c.rule {
                Rule::Manual { out_of, .. } => out_of.unwrap_or(c.weight),
                _ => 1.0,
            };
            prop_oneof![9 => (0.0..=out_of).prop_map(Some), 1 => Just(None)]
        })
        .collect();
    (answers, marks).prop_map(move |(answers, marks)| {
        let mut o = Offer {
            source: format!("offre-{index}.json"),
            supplier: Supplier { name: format!("Candidat {index}"), siret: None, contact: None },
            ..Offer::default()
        };
        for ((c, raw), mark) in criteria.iter().zip(answers).zip(marks) {
            o.responses.insert(c.id.clone(), Response { raw, ..Response::default() });
            if let (Rule::Manual { .. }, Some(mark)) = (&c.rule, mark) {
                o.marks.insert(c.id.clone(), ManualMark { mark, appraisal: "Appréciation.".into() });
            }
        }
        o
    })
}

fn offers(grid: &CheckedGrid) -> impl Strategy<Value = Vec<Offer>> + use<> {
    (1usize..7).prop_flat_map({
        let grid = grid.clone();
        move |n| (0..n).map(|i| offer(&grid, i)).collect::<Vec<_>>()
    })
}

pub(crate) fn scenario() -> impl Strategy<Value = (CheckedGrid, Vec<Offer>)> {
    select(grids()).prop_flat_map(|g| (Just(g.clone()), offers(&g)))
}

fn method() -> impl Strategy<Value = PriceMethod> {
    select(PriceMethod::ALL.to_vec())
}

fn price_points(report: &Report) -> BTreeMap<String, Vec<f64>> {
    let price_ids: Vec<&str> = report.price.iter().map(|p| p.criterion.as_str()).collect();
    report
        .offers
        .iter()
        .map(|o| {
            (
                o.source.clone(),
                o.criteria.iter().filter(|c| price_ids.contains(&c.id.as_str())).map(|c| c.points).collect(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// The content fingerprint written straight into the hash is the fingerprint of the offer's
    /// content as a JSON value (RFC 8785), whatever the answers: sessions sealed before stay intact.
    #[test]
    fn the_streamed_fingerprint_is_the_canonical_one((_grid, offers) in scenario()) {
        for o in &offers {
            let mut content = serde_json::json!({
                "supplier": o.supplier, "responses": o.responses, "grid": o.grid, "diagnostics": o.diagnostics,
            });
            // The lot and the variant count only when the offer has them.
            for (key, value) in [("lot", &o.lot), ("variant", &o.variant)] {
                if let Some(v) = value {
                    content[key] = serde_json::json!(v);
                }
            }
            prop_assert_eq!(o.content_fingerprint(), jauge_engine::validate::fingerprint(&content));
        }
    }

    #[test]
    fn fractions_points_and_totals_stay_in_bounds((grid, offers) in scenario(), method in method()) {
        let report = evaluate_with(&grid, &offers, Options { price_method: Some(method) });
        prop_assert_eq!(report.offers.len(), offers.len());
        for o in &report.offers {
            let mut sum = 0.0;
            for c in &o.criteria {
                prop_assert!((0.0..=1.0).contains(&c.fraction), "{} fraction {}", c.id, c.fraction);
                prop_assert!(c.points >= 0.0 && c.points <= c.max + 1e-9);
                sum += c.points;
            }
            prop_assert!(o.total <= grid.grid().scale + 1e-6);
            prop_assert!((o.total - sum).abs() < 1e-3);
            // Weights add up: the maxima of an offer's criteria make the scale.
            let max: f64 = o.criteria.iter().map(|c| c.max).sum();
            prop_assert!((max - grid.grid().scale).abs() < 1e-9);
            prop_assert_eq!(o.rank.is_some(), o.status == Status::Ranked);
        }
    }

    #[test]
    fn the_lowest_price_gets_full_price_points((grid, offers) in scenario(), method in method()) {
        let report = evaluate_with(&grid, &offers, Options { price_method: Some(method) });
        for analysis in &report.price {
            let Some(lowest) = analysis.lowest else { continue };
            for o in report.offers.iter().filter(|o| o.status != Status::Irregular) {
                let c = o.criteria.iter().find(|c| c.id == analysis.criterion).expect("price criterion");
                if c.value.as_f64() == Some(lowest) {
                    prop_assert!((c.points - c.max).abs() < 1e-9, "{:?}: {} < {}", method, c.points, c.max);
                }
            }
        }
    }

    #[test]
    fn reordering_the_offers_changes_nothing((grid, offers) in scenario(), seed in any::<u64>()) {
        let mut shuffled = offers.clone();
        // A deterministic shuffle from the seed.
        let n = shuffled.len();
        for i in (1..n).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        let a = jauge_engine::evaluate(&grid, &offers);
        let b = jauge_engine::evaluate(&grid, &shuffled);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn scaling_every_price_keeps_proportional_and_scale_marks(
        (grid, offers) in scenario(),
        k in prop_oneof![Just(0.5), Just(1.2), Just(3.0), 0.1f64..10.0],
        method in select(vec![PriceMethod::Proportional, PriceMethod::Scale]),
    ) {
        let scaled: Vec<Offer> = offers
            .iter()
            .map(|o| {
                let mut o = o.clone();
                for r in o.responses.values_mut() {
                    if let Some(Raw::Number(p)) = &mut r.raw && *p >= 1_000.0 && p.fract() == 0.0 {
                        *p *= k;
                    }
                }
                o
            })
            .collect();
        let options = Options { price_method: Some(method) };
        let a = price_points(&evaluate_with(&grid, &offers, options));
        let b = price_points(&evaluate_with(&grid, &scaled, options));
        for (source, points) in &a {
            for (x, y) in points.iter().zip(&b[source]) {
                prop_assert!((x - y).abs() < 1e-3, "{}: {} vs {}", source, x, y);
            }
        }
    }

    #[test]
    fn a_better_value_never_lowers_the_fraction(
        best in -100.0f64..100.0,
        worst in -100.0f64..100.0,
        thresholds in proptest::collection::vec((-100.0f64..100.0, 0.0f64..=1.0), 1..5),
        higher_is_better in any::<bool>(),
        a in -200.0f64..200.0,
        b in -200.0f64..200.0,
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let value = |v: f64| jauge_engine::value::Value::Number(v);
        // Linear, either direction.
        if best != worst {
            let rule = Rule::Linear { best, worst };
            let f = |v| jauge_engine::rules::fraction(&rule, Some(&value(v))).expect("automatic");
            let (worse, better) = if best > worst { (lo, hi) } else { (hi, lo) };
            prop_assert!(f(better) >= f(worse));
        }
        // Bands, made valid: thresholds best first, fractions not increasing.
        let mut t = thresholds.clone();
        t.sort_by(|x, y| if higher_is_better { y.0.total_cmp(&x.0) } else { x.0.total_cmp(&y.0) });
        t.dedup_by(|x, y| x.0 == y.0);
        let mut fractions: Vec<f64> = t.iter().map(|x| x.1).collect();
        fractions.sort_by(|x, y| y.total_cmp(x));
        let bands: Vec<Band> = t
            .iter()
            .zip(&fractions)
            .map(|((th, _), f)| Band { at_least: higher_is_better.then_some(*th), at_most: (!higher_is_better).then_some(*th), fraction: *f })
            .collect();
        let rule = Rule::Bands { bands, otherwise: 0.0 };
        let f = |v| jauge_engine::rules::fraction(&rule, Some(&value(v))).expect("automatic");
        let (worse, better) = if higher_is_better { (lo, hi) } else { (hi, lo) };
        prop_assert!(f(better) >= f(worse));
    }

    #[test]
    fn a_lower_price_never_lowers_its_mark((grid, offers) in scenario(), cut in 0.05f64..0.95, method in method()) {
        let options = Options { price_method: Some(method) };
        let before = evaluate_with(&grid, &offers, options);
        let mut cheaper = offers.clone();
        let target = &mut cheaper[0];
        for r in target.responses.values_mut() {
            if let Some(Raw::Number(p)) = &mut r.raw && *p >= 1_000.0 && p.fract() == 0.0 {
                *p *= cut;
            }
        }
        let after = evaluate_with(&grid, &cheaper, options);
        let a = &price_points(&before)[&offers[0].source];
        let b = &price_points(&after)[&offers[0].source];
        for (x, y) in a.iter().zip(b) {
            prop_assert!(y + 1e-9 >= *x, "{:?}: {} then {}", method, x, y);
        }
    }

    #[test]
    fn each_price_method_ranks_from_the_marks_as_a_full_evaluation_does((grid, offers) in scenario()) {
        let report = jauge_engine::evaluate(&grid, &offers);
        for method in PriceMethod::ALL {
            let quick = jauge_engine::evaluate::ranking_under(&grid, &report, method);
            let full = evaluate_with(&grid, &offers, Options { price_method: Some(method) });
            let full: Vec<_> = full.offers.iter().map(|o| (o.supplier.clone(), o.rank, o.total)).collect();
            prop_assert_eq!(quick, Some(full));
        }
    }
}

/// Ids as people write them: letters of several cases and scripts, separators, digits.
fn written_id() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        select(vec!["a", "A", "é", "É", "ß", "ǅ", "-", "_", " ", "0", "3", "rev", "REV", "ﬁ", "\u{301}"]),
        0..6,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Two ids compared without building them are the same exactly when their normalised forms are.
    #[test]
    fn ids_compare_as_their_normalised_forms(a in written_id(), b in written_id()) {
        prop_assert_eq!(jauge_engine::grid::same_id(&a, &b), normalise_id(&a) == normalise_id(&b));
    }

    /// An id reads the same in Unicode's composed and decomposed forms, and without its accents.
    #[test]
    fn an_id_is_the_same_composed_decomposed_or_unaccented(a in written_id()) {
        use unicode_normalization::UnicodeNormalization;
        let id = normalise_id(&a);
        prop_assert_eq!(&normalise_id(&a.nfc().collect::<String>()), &id);
        prop_assert_eq!(&normalise_id(&a.nfd().collect::<String>()), &id);
        let bare: String = a.nfd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect();
        prop_assert_eq!(&normalise_id(&bare), &id);
    }

    /// A criterion looked up by any way of writing its id is the one whose normalised id matches,
    /// on every shipped grid.
    #[test]
    fn a_criterion_is_found_by_its_id_however_written(g in select(grids()), pick in any::<prop::sample::Index>(), case in 0..3usize) {
        let ids: Vec<String> = g.grid().criteria().map(|(_, c)| c.id.clone()).collect();
        let id = pick.get(&ids);
        let written = match case {
            0 => id.clone(),
            1 => id.to_lowercase().replace('-', " "),
            _ => format!("_{}_", id.replace('-', "")),
        };
        let expected = g.grid().criteria().map(|(_, c)| c).find(|c| normalise_id(&c.id) == normalise_id(&written));
        prop_assert_eq!(g.grid().criterion(&written).map(|c| &c.id), expected.map(|c| &c.id));
        prop_assert_eq!(g.grid().criterion(&format!("{written}x")).is_some(), ids.iter().any(|i| normalise_id(i) == normalise_id(&format!("{written}x"))));
    }
}
