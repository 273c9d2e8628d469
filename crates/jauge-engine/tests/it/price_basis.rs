//! Prices are compared on what the buyer will pay as the bidder states it: a price given on the
//! other tax basis is never converted with a presumed VAT rate; it is a point to settle, and the
//! amount the bidder then states fills it.

use jauge_engine::report::Status;
use jauge_engine::session::Session;
use jauge_engine::{CheckedGrid, Offer, evaluate};

const GRID: &str = r#"{"format": "jauge-grid/1", "id": "prix-ttc", "version": "1.0.0", "title": {"fr": "Prix TTC"},
    "publisher": "tests", "scale": 100, "price_basis": "TTC", "vat_rate": 20,
    "families": [
      {"id": "qualite", "label": {"fr": "Qualité"}, "criteria": [
        {"id": "OUI", "label": {"fr": "Oui"}, "question": {"fr": "Oui ?"}, "answer": {"type": "yes_no"},
          "rule": {"kind": "yes_no"}, "weight": 60, "tags": ["environment"]}]},
      {"id": "prix", "label": {"fr": "Prix"}, "criteria": [
        {"id": "PRIX", "label": {"fr": "Prix"}, "question": {"fr": "Prix TTC ?"}, "answer": {"type": "price"},
          "rule": {"kind": "price", "method": "proportional"}, "weight": 40, "eliminatory": {"required": true}}]}
    ]}"#;

fn offer(name: &str, price: &str) -> Offer {
    let mut o = Offer::from_json(
        &format!("{name}.json"),
        &format!(r#"{{"format": "jauge-offer/1", "supplier": {{"name": "{name}"}}, "answers": {{"OUI": "oui", "PRIX": "{price}"}}}}"#),
    )
    .expect("offer");
    o.sha256 = Some(format!("{name:0>64}"));
    o
}

#[test]
fn a_price_given_ht_only_is_a_point_to_settle_never_converted() {
    let grid = CheckedGrid::from_json(GRID).expect("grid");
    let offers = [offer("A", "100 000 € TTC"), offer("B", "80 000 € HT"), offer("C", "120 000 € TTC")];
    let report = evaluate(&grid, &offers);
    let b = report.offers.iter().find(|o| o.supplier == "B").expect("B");
    assert_eq!(b.status, Status::Incomplete, "neither irregular nor converted at 20 %");
    assert!(
        b.reasons
            .iter()
            .any(|d| d.code == "price_basis_to_settle" && d.message.fr.contains("aucun taux n'est présumé"))
    );
    let price = b.criteria.iter().find(|c| c.id == "PRIX").expect("PRIX");
    assert_eq!((price.value.clone(), price.points), (serde_json::Value::Null, 0.0));
    assert_eq!(report.price[0].count, 2, "its price takes no part in the comparison until stated TTC");
    assert_eq!(b.reachable.map(|r| (r.lowest, r.highest)), Some((60.0, 100.0)));
    // The bidder states its TTC amount: the session takes it, and the offer is compared.
    let mut s = Session::new(GRID);
    s.offers = offers.to_vec();
    let sent = offer("B-ttc", "96 000 € TTC");
    let b_id = offers[1].id.clone();
    let r = s.regularise(&grid, &b_id, &sent, "2026-11-20").expect("the missing TTC is filled");
    assert_eq!(r.answers.keys().collect::<Vec<_>>(), ["PRIX"]);
    s.decisions.push(jauge_engine::session::Decision {
        kind: jauge_engine::session::DecisionKind::Regularisation,
        offer: b_id,
        date: "2026-11-20".into(),
        outcome: jauge_engine::session::Outcome::Accepted,
        lot: None,
        regularisation: Some(r),
        ..Default::default()
    });
    let after = s.evaluate(&grid);
    let b = after.offers.iter().find(|o| o.supplier == "B").expect("B");
    assert_eq!((b.status, b.rank), (Status::Ranked, Some(1)));
}
