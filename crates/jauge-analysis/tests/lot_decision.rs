//! An offer that names no lot (Erquy Services answers lot 2's criteria without saying so): a
//! decision to record. Accepted with a lot, the offer is judged in that lot as if it had named
//! it; rejected, it is set aside and the point is settled; pending, it stays to decide.

use jauge_analysis::{Analysis, Annex, Pending};
use jauge_engine::session::{Decision, DecisionKind, Outcome, Session};
use jauge_engine::{Lang, Offer, OfferId};

fn session() -> Session {
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/lots");
    let mut s = Session::new(std::fs::read_to_string(case.join("grid.json")).expect("grid"));
    for name in ["armor-lot1", "armor-lot2", "breizh-lot2", "dinan-lot1", "dinan-lot2", "sans-lot"] {
        let text = std::fs::read_to_string(case.join(format!("offers/{name}.json"))).expect("offer");
        s.offers.push(Offer::from_json(&format!("{name}.json"), &text).expect("an offer"));
    }
    s.procedure.opened = "2026-10-15".into();
    s
}

fn erquy(s: &Session) -> OfferId {
    s.offers.iter().find(|o| o.supplier.name == "Erquy Services").expect("the offer").id.clone()
}

fn decide(s: &mut Session, outcome: Outcome, lot: Option<&str>) {
    let offer = erquy(s);
    s.decisions.push(Decision {
        kind: DecisionKind::Lot,
        offer,
        date: "2026-10-20".into(),
        author: "Commission".into(),
        detail: "Acte d'engagement signé pour le lot 2.".into(),
        outcome,
        lot: lot.map(String::from),
        ..Decision::default()
    });
}

/// The points about the offer without a lot, and the suppliers each lot ranks.
fn outcome(s: &Session) -> (Vec<String>, Vec<(String, Vec<String>)>) {
    let a = Analysis::new(s, "s", "", Annex::AgreedMarksOnly).expect("valid");
    let points = a
        .to_settle()
        .iter()
        .filter(|p| match p {
            Pending::Unassigned { .. } => true,
            Pending::Decision { kind, .. } => *kind == DecisionKind::Lot,
            _ => false,
        })
        .map(|p| p.describe(Lang::Fr))
        .collect();
    let lots = a
        .lots
        .iter()
        .map(|l| {
            let id = l.lot.as_ref().map(|l| l.id.clone()).unwrap_or_default();
            (id, l.report.offers.iter().map(|o| o.supplier.clone()).collect())
        })
        .collect();
    (points, lots)
}

#[test]
fn an_offer_without_a_lot_is_a_decision_to_record() {
    let s = session();
    let (points, lots) = outcome(&s);
    assert_eq!(
        points,
        [
            "L'offre « Erquy Services » n'indique pas de lot : déterminer d'après son acte d'engagement à quel lot elle répond, ou l'écarter en motivant la décision ; les offres sont jugées lot par lot (art. L2113-10) (décision : lot auquel répond une offre qui n'en indique pas)"
        ]
    );
    assert!(lots.iter().all(|(_, suppliers)| !suppliers.iter().any(|n| n == "Erquy Services")), "{lots:?}");
    let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
    assert!(
        a.to_decide().iter().any(|p| matches!(p, Pending::Unassigned { .. })),
        "the app lists it among the decisions"
    );
}

#[test]
fn accepted_with_a_lot_the_offer_is_judged_there() {
    let mut s = session();
    decide(&mut s, Outcome::Accepted, Some("2"));
    let (points, lots) = outcome(&s);
    assert_eq!(points, Vec::<String>::new());
    // Its content is still what was read: the decision does not edit the offer.
    let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
    let all: Vec<String> = a.to_settle().iter().map(|p| p.describe(Lang::Fr)).collect();
    assert!(!all.iter().any(|p| p.contains("contenu modifié après lecture")), "{all:?}");
    let lot2 = &lots.iter().find(|(id, _)| id == "2").expect("lot 2").1;
    assert!(lot2.iter().any(|n| n == "Erquy Services"), "{lots:?}");
    let lot1 = &lots.iter().find(|(id, _)| id == "1").expect("lot 1").1;
    assert!(!lot1.iter().any(|n| n == "Erquy Services"), "{lots:?}");
    // Judged exactly as the same offer naming lot 2 would be.
    let mut named = session();
    let id = erquy(&named);
    named.offers.iter_mut().find(|o| o.id == id).expect("the offer").lot = Some("2".into());
    let totals = |s: &Session| {
        let a = Analysis::new(s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let lot2 = a.lots.iter().find(|l| l.lot.as_ref().is_some_and(|l| l.id == "2")).expect("lot 2");
        lot2.report.offers.iter().map(|o| (o.supplier.clone(), o.total, o.rank)).collect::<Vec<_>>()
    };
    assert_eq!(totals(&s), totals(&named));
    // The report says which lot, and no longer lists the offer among those without one.
    let html = jauge_analysis::html(&Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid"), Lang::Fr);
    assert!(html.contains("offre jugée dans le lot indiqué (lot 2)"), "{html}");
    assert!(!html.contains("Offres sans lot identifié"), "{html}");
    // The app's view of the session agrees: no offer left without a lot.
    assert!(s.unassigned(&jauge_engine::CheckedGrid::from_json(&s.grid).expect("grid").grid().clone()).is_empty());
}

#[test]
fn rejected_the_offer_is_set_aside_and_pending_it_stays_to_decide() {
    let mut rejected = session();
    decide(&mut rejected, Outcome::Rejected, None);
    let (points, lots) = outcome(&rejected);
    assert_eq!(points, Vec::<String>::new());
    assert!(lots.iter().all(|(_, suppliers)| !suppliers.iter().any(|n| n == "Erquy Services")));
    let html =
        jauge_analysis::html(&Analysis::new(&rejected, "s", "", Annex::AgreedMarksOnly).expect("valid"), Lang::Fr);
    assert!(html.contains("offre écartée : son lot ne peut être déterminé"), "{html}");
    let mut pending = session();
    decide(&mut pending, Outcome::Pending, None);
    let (points, _) = outcome(&pending);
    assert_eq!(points.len(), 1, "the offer still without a lot: {points:?}");
    assert!(points[0].starts_with("L'offre « Erquy Services » n'indique pas de lot"), "{points:?}");
    // Accepted with a lot the grid does not have: still without a lot, still to settle.
    let mut unknown = session();
    decide(&mut unknown, Outcome::Accepted, Some("9"));
    let (points, _) = outcome(&unknown);
    assert!(points.iter().any(|p| p.contains("répond au lot « 9 », que la grille n'a pas")), "{points:?}");
}
