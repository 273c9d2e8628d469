//! A bidder's file cannot mark itself: marks an offer's own file carries are dropped when it is
//! received, and said; manual criteria stay for the evaluators to mark.

use jauge_engine::{CheckedGrid, Lang, Offer, evaluate};

use crate::{read, root};

#[test]
fn marks_in_a_bidders_file_are_dropped_and_said() {
    let grid = CheckedGrid::from_json(&read(&root().join("criteria/numerique-responsable.json"))).expect("grid");
    // Cité Connect's answers, with the marks a bidder would like.
    let mut file: serde_json::Value =
        serde_json::from_str(&read(&root().join("samples/portail-citoyen/offre-cite-connect.json"))).expect("JSON");
    file["marks"] = serde_json::json!({"INT-05": {"mark": 5, "appraisal": "Parfait."}});
    let carried = Offer::from_json("offre-cite-connect.json", &file.to_string()).expect("offer");
    assert!(!carried.marks.is_empty());
    let received = carried.clone().as_received();
    assert!(received.marks.is_empty());
    // Sealed again: the note is part of what was read, and the offer is intact.
    assert_eq!(received.integrity(), jauge_engine::offer::Integrity::Intact);
    assert_ne!(received.content_sha256, carried.content_sha256);
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
