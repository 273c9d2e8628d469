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

#[test]
fn answers_to_criteria_the_grid_lacks_are_named_twenty_at_most_and_the_rest_counted() {
    let grid = CheckedGrid::from_json(&read(&root().join("criteria/numerique-responsable.json"))).expect("grid");
    let mut file: serde_json::Value =
        serde_json::from_str(&read(&root().join("samples/portail-citoyen/offre-cite-connect.json"))).expect("JSON");
    // Under the cap on answers, with the offer's own 30.
    for i in 0..19_000 {
        file["answers"][format!("X-{i:05}")] = "Oui".into();
    }
    let offer = Offer::from_json("offre-gonflee.json", &file.to_string()).expect("offer");
    let report = evaluate(&grid, &[offer]);
    let notes = &report.offers[0].notes;
    let unknown: Vec<&str> =
        notes.iter().filter(|d| d.code.starts_with("unknown_criteri")).map(|d| d.code.as_str()).collect();
    assert_eq!(unknown.len(), 21, "twenty named, one count");
    let last = notes.iter().find(|d| d.code == "unknown_criteria_more").expect("the count");
    assert_eq!(
        last.message.get(Lang::Fr),
        "et 18\u{202f}980 autres réponses à des critères absents de la grille : ignorées"
    );
    assert_eq!(last.message.get(Lang::En), "and 18,980 more answers to criteria not in the grid: ignored");
    // The offer's own answers are still scored.
    assert_eq!(report.offers[0].status, jauge_engine::Status::Incomplete, "INT-05 waits for its mark");
    // Over the cap, the file is refused before its answers are kept, in a few words.
    for i in 19_000..20_000 {
        file["answers"][format!("X-{i:05}")] = "Oui".into();
    }
    let e = Offer::from_json("offre-gonflee.json", &file.to_string()).expect_err("over the cap");
    assert_eq!(
        e.describe(Lang::Fr),
        "20\u{202f}030 réponses et commentaires, au-delà de la limite de 20\u{202f}000 ; offre refusée"
    );
}

#[test]
fn a_mark_that_counts_for_nothing_is_said() {
    let grid = CheckedGrid::from_json(&read(&root().join("criteria/numerique-responsable.json"))).expect("grid");
    let text = read(&root().join("samples/portail-citoyen/offre-cite-connect.json"));
    let mut offer = Offer::from_json("offre-cite-connect.json", &text).expect("offer");
    let mark = |m: f64| jauge_engine::ManualMark { mark: m, appraisal: "Vu.".into() };
    // The manual criterion, a criterion the grid lacks, and one scored from the answer read.
    offer.marks.insert("INT-05".into(), mark(3.0));
    offer.marks.insert("GHOST-1".into(), mark(1.0));
    offer.marks.insert("SOB-01".into(), mark(0.0));
    let report = evaluate(&grid, &[offer]);
    let ignored: Vec<&str> =
        report.offers[0].notes.iter().filter(|d| d.code == "mark_ignored").map(|d| d.message.get(Lang::Fr)).collect();
    expect_test::expect![[r#"
        [
            "note donnée pour un critère « GHOST-1 » absent de la grille : ignorée",
            "note donnée pour le critère SOB-01, noté d'après la réponse lue : ignorée (seules les réponses à lire par un évaluateur se notent)",
        ]
    "#]].assert_debug_eq(&ignored);
    assert_eq!(report.offers[0].status, jauge_engine::Status::Ranked, "INT-05's mark counts");
}
