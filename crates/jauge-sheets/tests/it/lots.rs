//! A response form for a grid with lots read back: the lots bid for are the ones the cover says
//! (else the ones answered), one offer each; answers to a lot not bid for are reported with their
//! place and not scored; a form that names and answers no lot gives one offer for no lot.

use jauge_engine::{CheckedGrid, Offer};
use jauge_sheets::{FormKind, Limits, read_offer, read_offers, write_form};

use crate::root;

fn grid() -> CheckedGrid {
    let text = std::fs::read_to_string(root().join("tests/cases/lots/grid.json")).expect("the sample grid");
    CheckedGrid::from_json(&text).expect("valid")
}

/// The csv form, with the bids said on the cover and some prices given.
fn filled(bids: &[(&str, &str)], prices: &[(&str, &str)]) -> Vec<u8> {
    let form = String::from_utf8(write_form(&grid(), FormKind::Csv).expect("form")).expect("utf-8");
    let mut text = form.replace("Nom du candidat;", "Nom du candidat;Lanvallay SAS");
    for (lot, answer) in bids {
        let label = if *lot == "1" { "Hébergement" } else { "Tierce maintenance applicative" };
        let line = format!("Candidat au lot {lot} — {label} (Oui / Non);");
        text = text.replace(&line, &format!("{line}{answer}"));
    }
    for (criterion, price) in prices {
        let lot = &criterion[criterion.len() - 1..];
        let start = text.find(&format!("\r\n{lot};{criterion};")).expect("the price row") + 2;
        let end = start + text[start..].find("\r\n").expect("end of row");
        let mut cells: Vec<String> = text[start..end].split(';').map(str::to_string).collect();
        cells[6] = (*price).to_string();
        text.replace_range(start..end, &cells.join(";"));
    }
    text.into_bytes()
}

fn read(bytes: &[u8]) -> Vec<Offer> {
    read_offers("lanvallay.csv", bytes, &grid(), &Limits::default()).expect("readable")
}

fn codes(offer: &Offer) -> Vec<&str> {
    offer.diagnostics.iter().map(|d| d.code.as_str()).filter(|c| *c != "csv" && *c != "missing_row").collect()
}

#[test]
fn a_form_answering_two_lots_gives_two_offers_from_one_file() {
    let bytes = filled(&[("1", "Oui"), ("2", "Oui")], &[("PRIX-1", "100000"), ("PRIX-2", "70000")]);
    let offers = read(&bytes);
    assert_eq!(offers.iter().map(|o| o.lot.as_deref()).collect::<Vec<_>>(), [Some("1"), Some("2")]);
    let sha = jauge_engine::sha256_hex(&bytes);
    assert!(offers.iter().all(|o| o.sha256.as_deref() == Some(sha.as_str())));
    assert_eq!(offers[0].id.as_str(), format!("{sha}:1"));
    assert_eq!(offers[1].id.as_str(), format!("{sha}:2"));
    assert!(offers.iter().all(|o| o.supplier.name == "Lanvallay SAS"));
    // Each offer holds its lot's criteria only, read on its lot's rows.
    assert!(offers[0].responses.contains_key("HEB-01") && !offers[0].responses.contains_key("TMA-01"));
    assert_eq!(offers[1].responses["PRIX-2"].location.as_deref(), Some("lanvallay.csv!G25"));
    assert!(offers.iter().all(|o| codes(o).is_empty()), "{:?}", offers.iter().map(codes).collect::<Vec<_>>());
}

#[test]
fn without_a_declaration_an_answered_lot_is_a_lot_bid_for() {
    let offers = read(&filled(&[], &[("PRIX-2", "70000")]));
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].lot.as_deref(), Some("2"));
}

#[test]
fn answers_to_a_lot_not_bid_for_are_reported_not_scored() {
    let offers = read(&filled(&[("1", "Non"), ("2", "Oui")], &[("PRIX-1", "100000"), ("PRIX-2", "70000")]));
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].lot.as_deref(), Some("2"));
    let d = offers[0].diagnostics.iter().find(|d| d.code == "not_bid_lot").expect("reported");
    assert_eq!((d.sheet.as_deref(), d.cell.as_deref()), (Some("lanvallay.csv"), Some("G20")));
    assert!(d.message.fr.contains("lot « 1 »"));
    // A lot declared and left empty is still an offer, without answers.
    let offers = read(&filled(&[("1", "Oui"), ("2", "Non")], &[("PRIX-2", "70000")]));
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].lot.as_deref(), Some("1"));
    assert!(offers[0].responses.values().all(|r| r.raw.is_none()));
    assert!(codes(&offers[0]).contains(&"not_bid_lot"));
}

#[test]
fn a_form_that_names_and_answers_no_lot_gives_one_offer_for_no_lot() {
    let offers = read(&filled(&[], &[]));
    assert_eq!(offers.len(), 1);
    assert_eq!(offers[0].lot, None);
    assert!(codes(&offers[0]).contains(&"no_lot"));
}

#[test]
fn without_lots_read_offers_is_read_offer() {
    let text = std::fs::read_to_string(root().join("criteria/hebergement.json")).expect("grid");
    let grid = CheckedGrid::from_json(&text).expect("valid");
    let bytes = std::fs::read(root().join("tests/cases/hebergement/offers/a.json")).expect("offer");
    let one = read_offer("a.json", &bytes, &grid, &Limits::default()).expect("read");
    assert_eq!(read_offers("a.json", &bytes, &grid, &Limits::default()).expect("read"), vec![one]);
    // A JSON offer for a lot: identified by its file and its lot.
    let json = br#"{"format": "jauge-offer/1", "supplier": {"name": "X"}, "lot": "2", "answers": {"PRIX-2": 1000}}"#;
    let offers = read_offers("x.json", json, &self::grid(), &Limits::default()).expect("read");
    assert_eq!(offers[0].id.as_str(), format!("{}:2", jauge_engine::sha256_hex(json)));
    assert_eq!(offers[0].sha256.as_deref(), Some(jauge_engine::sha256_hex(json).as_str()));
}

/// The sample grid with lots, variants allowed.
fn with_variants() -> CheckedGrid {
    let mut value = serde_json::to_value(grid().grid()).expect("json");
    value["variants"] = serde_json::json!({"base_required": true});
    CheckedGrid::from_json(&value.to_string()).expect("valid")
}

#[test]
fn a_form_for_a_grid_that_allows_variants_asks_for_the_variant_s_name_and_reads_it() {
    let grid = with_variants();
    for kind in [FormKind::Csv, FormKind::Xlsx, FormKind::Ods] {
        let form = write_form(&grid, kind).expect("form");
        // The blank form is a base offer: no variant.
        let blank = read_offers(&format!("cadre.{kind:?}"), &form, &grid, &Limits::default()).expect("readable");
        assert!(blank.iter().all(|o| o.variant.is_none()), "{kind:?}");
    }
    let csv = String::from_utf8(write_form(&grid, FormKind::Csv).expect("form")).expect("utf-8");
    let label = "Variante (son nom, vide pour l'offre de base);";
    assert!(csv.contains(label));
    let filled = csv
        .replace("Nom du candidat;", "Nom du candidat;Lanvallay SAS")
        .replace(label, &format!("{label}Hébergement mutualisé"));
    let offers = read_offers("variante.csv", filled.as_bytes(), &grid, &Limits::default()).expect("readable");
    assert!(!offers.is_empty());
    assert!(offers.iter().all(|o| o.variant.as_deref() == Some("Hébergement mutualisé")));
    // A grid without variants asks nothing of the kind.
    let plain = String::from_utf8(write_form(&self::grid(), FormKind::Csv).expect("form")).expect("utf-8");
    assert!(!plain.contains("Variante"));
}
