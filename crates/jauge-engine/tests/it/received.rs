//! A bidder's file cannot mark itself: marks an offer's own file carries are dropped when it is
//! received, and said; manual criteria stay for the evaluators to mark.

use jauge_engine::{CheckedGrid, Lang, Offer, evaluate};

use crate::{read, root};

#[test]
fn marks_in_a_bidders_file_are_dropped_and_said() {
    let grid = CheckedGrid::from_json(&read(&root().join("criteria/numerique-responsable.json"))).expect("grid");
    let text = read(&root().join("samples/portail-citoyen/offre-cite-connect.json"));
    let carried = Offer::from_json("offre-cite-connect.json", &text).expect("offer");
    assert!(!carried.marks.is_empty(), "the sample file carries marks, as a hostile one would");
    let received = carried.clone().as_received();
    assert!(received.marks.is_empty());
    let said: Vec<String> = received
        .diagnostics
        .iter()
        .filter(|d| d.code == "marks_in_offer_file")
        .map(|d| d.message.get(Lang::Fr).to_string())
        .collect();
    expect_test::expect![[r#"
        [
            "le fichier de l'offre porte des notes (INT-05) : ignorées, les notes ne viennent que des évaluateurs",
        ]
    "#]]
    .assert_debug_eq(&said);
    // Evaluated, the manual criteria wait for the evaluators' marks instead.
    let report = evaluate(&grid, &[carried, received.clone()]);
    let [with, without] = [&report.offers[0], &report.offers[1]];
    assert_eq!(with.status, jauge_engine::Status::Ranked);
    assert_eq!(without.status, jauge_engine::Status::Incomplete, "{:?}", without.notes);
    // An offer without marks is received as it is.
    assert_eq!(received.clone().as_received(), received);
}
