//! Lots: a grid's lots checked with every problem listed, each lot evaluated on its own offers
//! with its criteria and weights, and a lot that is the whole grid evaluated as the grid.

use expect_test::expect;
use jauge_engine::{CheckedGrid, Error, Lang, evaluate, evaluate_lots};
use proptest::prelude::*;
use serde_json::json;

use crate::{files, offer, read, root};

fn sample() -> serde_json::Value {
    serde_json::from_str(&read(&root().join("tests/cases/lots/grid.json"))).expect("the sample grid")
}

fn problems(grid: serde_json::Value) -> String {
    match CheckedGrid::from_json(&grid.to_string()) {
        Ok(_) => "accepted".into(),
        Err(Error::InvalidGrid { problems }) => problems
            .iter()
            .map(|p| format!("[{}] {}: {}\n", p.code, p.location(Lang::En), p.message.get(Lang::En)))
            .collect(),
        Err(e) => format!("{e}"),
    }
}

#[test]
fn the_sample_grid_with_lots_is_accepted_without_its_top_level_weights_adding_up() {
    let grid = CheckedGrid::from_json(&sample().to_string()).expect("accepted");
    let total: f64 = grid.grid().criteria().map(|(_, c)| c.weight).sum();
    assert_eq!(total, 175.0, "the criteria's own weights are the lots' defaults, not a 100-point grid");
    let one = grid.lot("1").expect("lot 1");
    assert_eq!(one.lot_id(), Some("1"));
    assert_eq!(one.fingerprint(), grid.fingerprint(), "a lot is shown with the published file's fingerprint");
    let ids: Vec<(&str, f64)> = one.grid().criteria().map(|(_, c)| (c.id.as_str(), c.weight)).collect();
    assert_eq!(ids, [("SEC-01", 15.0), ("ENV-01", 10.0), ("HEB-02", 10.0), ("HEB-01", 25.0), ("PRIX-1", 40.0)]);
    assert!(one.grid().lots.is_empty());
    assert!(grid.lot("3").is_none());
    // Without lots, the grid's own rules hold again: 175 points are not a scale of 100.
    let mut flat = sample();
    flat.as_object_mut().expect("object").remove("lots");
    expect![[r#"
        [weights_sum] field scale: the weights add up to 175; they must equal the scale (100)
    "#]]
    .assert_eq(&problems(flat));
}

#[test]
fn every_problem_of_the_lots_is_listed_at_once() {
    let mut g = sample();
    g["lots"] = json!([
        {"id": "1", "title": {"fr": ""}, "estimate": -5, "criteria": ["SEC-01", "ENV-01", "HEB-01", "PRIX-1", "NOPE"],
         "weights": {"SEC-01": 15, "TMA-01": 5, "GHOST": 3}},
        {"id": "1", "title": {"fr": "Doublon"}, "criteria": ["SEC-01", "ENV-01", "TMA-01", "TMA-02"]},
        {"id": "lot 3", "title": {"fr": "Vide"}, "criteria": []}
    ]);
    g["ties"] = json!({"break_by": [{"criterion": "TMA-01"}]});
    expect![[r#"
        [missing_french] field lots[0].title.fr: lot "1": the French title is missing or empty
        [lot_estimate] field lots[0].estimate: lot "1": the estimate must be a positive amount
        [lot_unknown_criterion] field lots[0].criteria: lot "1": criterion "NOPE" is not in the grid
        [lot_unknown_criterion] field lots[0].weights.GHOST: lot "1": criterion "GHOST" is not in the grid
        [lot_weight_unused] field lots[0].weights.TMA-01: lot "1": a weight is given to criterion "TMA-01", which the lot does not use
        [tie_break_unknown] field ties.break_by: lot "1": the tie-break rule names "TMA-01", which is not in the grid
        [weights_sum] field lots[0].weights: lot "1": the weights add up to 90; they must equal the scale (100)
        [duplicate_lot] field lots[1].id: duplicate lot "1"
        [no_price_criterion] field lots[1].criteria: lot "1": the grid has no price criterion: the most economically advantageous offer is judged on price or cost, alone or among other criteria (art. R2152-7); add a price criterion
        [weights_sum] field lots[1].weights: lot "1": the weights add up to 60; they must equal the scale (100)
        [invalid_identifier] field lots[2].id: invalid lot identifier "lot 3": letters, digits, "-", "_" and "." only
        [lot_no_criterion] field lots[2].criteria: lot "lot 3": the lot uses no criterion
        [tie_break_unknown] field ties.break_by: lot "lot 3": the tie-break rule names "TMA-01", which is not in the grid
        [weights_sum] field lots[2].weights: lot "lot 3": the weights add up to 0; they must equal the scale (100)
    "#]]
    .assert_eq(&problems(g));
}

#[test]
fn each_lot_ranks_its_own_offers_and_marks_are_never_combined() {
    let grid = CheckedGrid::from_json(&sample().to_string()).expect("accepted");
    let offers: Vec<_> = files(&root().join("tests/cases/lots/offers"), "json").iter().map(|p| offer(p)).collect();
    let report = evaluate_lots(&grid, &offers);
    assert_eq!(report.lots.len(), 2);
    for lot in &report.lots {
        for o in &lot.report.offers {
            let source = offers.iter().find(|p| p.id == o.id).expect("an offer of the lot");
            assert_eq!(source.lot.as_deref(), Some(lot.lot.id.as_str()), "{} scored in lot {}", o.source, lot.lot.id);
            assert!(o.total <= 100.0);
        }
        assert_eq!(lot.report.grid.fingerprint, grid.fingerprint());
    }
    // One bidder's two lots are two offers, told apart by their lot.
    let armor: Vec<_> = offers.iter().filter(|o| o.supplier.name == "Armor Cloud").collect();
    assert_eq!(armor.len(), 2);
    assert!(armor.iter().all(|o| o.id.as_str().ends_with(&format!(":{}", o.lot.as_deref().unwrap_or_default()))));
    // The offer that names no lot is reported, not scored.
    assert_eq!(report.unassigned.len(), 1);
    assert_eq!(report.unassigned[0].source, "sans-lot.json");
    // Each lot's prices only: lot 1's abnormally-low detection knows nothing of lot 2's prices.
    assert_eq!(report.lots[0].report.price.len(), 1);
    assert_eq!(report.lots[0].report.price[0].criterion, "PRIX-1");
    assert_eq!(report.lots[0].report.price[0].count, 3);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// A lot that uses every criterion with the grid's own weights evaluates exactly as the grid.
    #[test]
    fn a_lot_that_is_the_whole_grid_evaluates_as_the_grid((grid, offers) in crate::props::scenario()) {
        let mut value = serde_json::to_value(grid.grid()).expect("grid");
        value["lots"] = json!([{"id": "1", "title": {"fr": "Lot unique"}}]);
        let with_lot = CheckedGrid::from_json(&value.to_string()).expect("a whole-grid lot is valid");
        let lot = with_lot.lot("1").expect("lot 1");
        let mut expected = evaluate(&grid, &offers);
        let mut got = evaluate(&lot, &offers);
        expected.grid.fingerprint = String::new();
        got.grid.fingerprint = String::new();
        prop_assert_eq!(&got, &expected);
        let mut theirs: Vec<_> = offers.clone();
        theirs.iter_mut().for_each(|o| o.lot = Some("1".into()));
        let mut by_lots = evaluate_lots(&with_lot, &theirs).lots.remove(0).report;
        by_lots.grid.fingerprint = String::new();
        prop_assert_eq!(&by_lots, &expected);
    }
}

#[test]
fn evaluating_a_grid_with_lots_as_a_whole_is_flagged_as_no_lot_s_ranking() {
    let grid = CheckedGrid::from_json(&sample().to_string()).expect("accepted");
    let report = evaluate(&grid, &[]);
    assert_eq!(report.warnings[0].code, "lots_combined");
    assert_eq!(report.warnings[0].severity, jauge_engine::Severity::Blocking);
    let lot = grid.lot("2").expect("lot 2");
    assert!(evaluate(&lot, &[]).warnings.iter().all(|w| w.code != "lots_combined"));
}

#[test]
fn an_offer_of_one_lot_is_designated_by_its_name_and_lot_as_the_reports_name_it() {
    use jauge_engine::offer::{Found, find, labels};
    let offers: Vec<_> = files(&root().join("tests/cases/lots/offers"), "json").iter().map(|p| offer(p)).collect();
    // A bidder answering two lots: its name alone designates two offers, and is refused.
    assert!(matches!(find(&offers, "Armor Cloud"), Found::Several(list) if list.len() == 2));
    for lot in ["1", "2"] {
        let Found::One(id) = find(&offers, &format!("Armor Cloud (lot {lot})")) else { panic!("lot {lot}") };
        let found = offers.iter().find(|o| o.id == id).expect("an offer");
        assert_eq!((found.supplier.name.as_str(), found.lot.as_deref()), ("Armor Cloud", Some(lot)));
    }
    // Every label the app and the report print designates its own offer.
    for (id, label) in labels(&offers) {
        assert_eq!(find(&offers, &label), Found::One(id.clone()), "{label}");
    }
    // A lot no offer answers is not a way round the refusal; nor is a name no offer has.
    assert!(matches!(find(&offers, "Armor Cloud (lot 9)"), Found::None | Found::Several(_)));
    assert_eq!(find(&offers, "Personne (lot 1)"), Found::None);
}

#[test]
fn a_session_s_part_about_one_lot_holds_its_offers_decisions_and_marks_only() {
    use jauge_engine::session::{Decision, DecisionKind, EvaluatorMarks, Outcome, Session};
    let offers: Vec<_> = files(&root().join("tests/cases/lots/offers"), "json").iter().map(|p| offer(p)).collect();
    let mut session = Session::new(sample().to_string());
    session.offers = offers.clone();
    let decision = |o: &jauge_engine::Offer| Decision {
        kind: DecisionKind::Explanations,
        offer: o.id.clone(),
        date: "2026-11-30".into(),
        author: "A".into(),
        detail: "d".into(),
        outcome: Outcome::Accepted,
        ground: None,
        lot: None,
        regularisation: None,
    };
    session.decisions = offers.iter().map(decision).collect();
    session.individual = vec![EvaluatorMarks {
        evaluator: "E".into(),
        file: "e.json".into(),
        fingerprint: "f".into(),
        marks: offers.iter().map(|o| (o.id.clone(), Default::default())).collect(),
    }];
    for lot in ["1", "2"] {
        let part = session.lot(lot);
        assert!(!part.offers.is_empty());
        assert!(part.offers.iter().all(|o| o.lot.as_deref() == Some(lot)));
        let ids: Vec<_> = part.offers.iter().map(|o| &o.id).collect();
        assert_eq!(part.decisions.len(), part.offers.len());
        assert!(part.decisions.iter().all(|d| ids.contains(&&d.offer)));
        assert!(part.individual[0].marks.keys().all(|k| ids.contains(&k)));
        assert_eq!(part.individual[0].marks.len(), part.offers.len());
        assert_eq!((&part.grid, &part.procedure), (&session.grid, &session.procedure));
    }
    assert!(session.lot("9").offers.is_empty());
}

/// A decision on the lot of an offer that names none: accepted, the offer is in that lot's part
/// of the session, kept with the lot, and no longer without a lot; it never decides whether the
/// offer is rejected (a later acceptance of its lot does not undo an earlier rejection).
#[test]
fn a_decision_on_an_offer_s_lot_puts_it_in_that_lot() {
    use jauge_engine::session::{Decision, DecisionKind, Outcome, Session};
    let offers: Vec<_> = files(&root().join("tests/cases/lots/offers"), "json").iter().map(|p| offer(p)).collect();
    let mut session = Session::new(sample().to_string());
    session.offers = offers;
    let grid = CheckedGrid::from_json(&session.grid).expect("grid");
    let lost = session.offers.iter().find(|o| o.lot.is_none()).expect("an offer without a lot").clone();
    assert_eq!(session.unassigned(grid.grid()).len(), 1);
    let decision = |kind, outcome, lot: Option<&str>| Decision {
        kind,
        offer: lost.id.clone(),
        date: "2026-11-30".into(),
        author: "A".into(),
        detail: "d".into(),
        outcome,
        lot: lot.map(String::from),
        ..Decision::default()
    };
    // Pending, or accepted without a lot: nothing changes.
    session.decisions = vec![decision(DecisionKind::Lot, Outcome::Pending, Some("2"))];
    assert_eq!(session.lot_of(&lost), None);
    session.decisions.push(decision(DecisionKind::Lot, Outcome::Accepted, None));
    assert_eq!(session.lot_of(&lost), None);
    session.decisions.push(decision(DecisionKind::Lot, Outcome::Accepted, Some("2")));
    assert_eq!(session.lot_of(&lost), Some("2"));
    assert!(session.unassigned(grid.grid()).is_empty());
    let part = session.lot("2");
    let found = part.offers.iter().find(|o| o.id == lost.id).expect("in lot 2");
    assert!(part.decisions.iter().any(|d| d.offer == lost.id));
    assert!(!session.lot("1").offers.iter().any(|o| o.id == lost.id));
    // The offer is unchanged, its content still what was read: its own lot stays unknown.
    assert_eq!(found.lot.as_deref(), None);
    assert_eq!(found.integrity(), jauge_engine::Integrity::Intact);
    assert_eq!(
        session.kept().iter().find(|o| o.id == lost.id).map(|o| o.integrity()),
        Some(jauge_engine::Integrity::Intact)
    );
    // A rejection on other grounds stands whatever is decided of its lot afterwards.
    session.decisions.insert(0, decision(DecisionKind::Explanations, Outcome::Rejected, None));
    assert!(session.rejected().iter().any(|(o, _)| o.id == lost.id));
    assert!(!session.kept().iter().any(|o| o.id == lost.id));
}

#[test]
fn a_framework_agreement_has_at_least_one_holder_and_a_lot_may_announce_its_own() {
    let mut grid = sample();
    grid["framework"] = json!({"holders": 0});
    grid["lots"][1]["framework"] = json!({"holders": 0, "cascade": true});
    expect![[r#"
        [framework_holders] field framework.holders: a framework agreement has at least one holder: give the most holders the tender documents announce
        [framework_holders] field lots[1].framework.holders: lot "2": a framework agreement has at least one holder: give the most holders the tender documents announce
    "#]]
    .assert_eq(&problems(grid.clone()));
    grid["framework"] = json!({"holders": 3});
    grid["lots"][1]["framework"] = json!({"holders": 2, "cascade": true});
    let checked = CheckedGrid::from_json(&grid.to_string()).expect("accepted");
    let framework = |lot: &str| checked.lot(lot).and_then(|g| g.grid().framework).map(|f| (f.holders, f.cascade));
    assert_eq!(framework("1"), Some((3, false)), "the grid's, for a lot that sets none");
    assert_eq!(framework("2"), Some((2, true)), "the lot's own");
    grid["framework"] = json!({"holders": 3, "ranked": true});
    assert!(problems(grid).contains("ranked"), "an unknown field is named");
}
