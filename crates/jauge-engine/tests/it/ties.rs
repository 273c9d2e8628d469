//! Ties: totals are compared exactly, or under the rounding the grid announces; the tie-break
//! rules the grid announces are applied; only a tie no rule separates needs a recorded decision.

use jauge_engine::report::Flag;
use jauge_engine::{CheckedGrid, ManualMark, Offer, evaluate};

/// A grid of one manual criterion (marked in points out of 60) and a price out of 40, with `ties`.
fn grid(ties: &str) -> CheckedGrid {
    let text = format!(
        r#"{{"format": "jauge-grid/1", "id": "egalites", "version": "1.0.0", "title": {{"fr": "Égalités"}},
        "publisher": "tests", "scale": 100, {ties}
        "families": [
          {{"id": "qualite", "label": {{"fr": "Qualité"}}, "criteria": [
            {{"id": "MEM", "label": {{"fr": "Mémoire"}}, "question": {{"fr": "Votre mémoire ?"}}, "answer": {{"type": "text"}},
              "rule": {{"kind": "manual", "out_of": 60}}, "weight": 60, "tags": ["environment"]}}]}},
          {{"id": "prix", "label": {{"fr": "Prix"}}, "criteria": [
            {{"id": "PRIX", "label": {{"fr": "Prix"}}, "question": {{"fr": "Prix TTC ?"}}, "answer": {{"type": "price"}},
              "rule": {{"kind": "price", "method": "proportional"}}, "weight": 40}}]}}
        ]}}"#
    );
    CheckedGrid::from_json(&text).unwrap_or_else(|e| panic!("{e}"))
}

fn offer(name: &str, mark: f64, price: &str) -> Offer {
    let mut o = Offer::from_json(
        &format!("{name}.json"),
        &format!(
            r#"{{"format": "jauge-offer/1", "supplier": {{"name": "{name}"}}, "answers": {{"PRIX": "{price}"}}}}"#
        ),
    )
    .expect("offer");
    o.marks.insert("MEM".into(), ManualMark { mark, appraisal: "motivé".into() });
    o
}

/// (supplier, rank, tie flag) in report order.
fn ranks(grid: &CheckedGrid, offers: &[Offer]) -> Vec<(String, Option<u32>, bool)> {
    evaluate(grid, offers).offers.into_iter().map(|o| (o.supplier, o.rank, o.flags.contains(&Flag::Tie))).collect()
}

#[test]
fn totals_equal_at_two_decimals_are_not_a_tie() {
    // 68,6444 and 68,6401 both show as 68,64: they are not equal.
    let offers = [offer("A", 28.6444, "100 000 €"), offer("B", 28.6401, "100 000 €")];
    assert_eq!(ranks(&grid(""), &offers), [("A".into(), Some(1), false), ("B".into(), Some(2), false)]);
}

#[test]
fn an_announced_rounding_makes_them_equal_and_an_announced_rule_separates_them() {
    let rounded = grid(r#""ties": {"decimals": 2},"#);
    let same_price = [offer("A", 28.6444, "100 000 €"), offer("B", 28.6401, "100 000 €")];
    assert_eq!(ranks(&rounded, &same_price), [("A".into(), Some(1), true), ("B".into(), Some(1), true)]);
    let report = evaluate(&rounded, &same_price);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == "tie" && w.message.fr.contains("aucune règle de départage n'a été annoncée"))
    );
    // The announced rule, the higher mark in the family, separates them without a decision.
    let ruled = grid(r#""ties": {"decimals": 2, "break_by": [{"family": "qualite"}, "price"]},"#);
    assert_eq!(ranks(&ruled, &same_price), [("A".into(), Some(1), false), ("B".into(), Some(2), false)]);
    let report = evaluate(&ruled, &same_price);
    assert!(report.offers[0].notes.iter().any(|n| n.code == "tie_broken"
        && n.message.fr.contains("départagé par la règle annoncée : la meilleure note dans la famille « Qualité »")));
    // The price rule comes second: it decides when the first leaves them equal.
    let price_first = grid(r#""ties": {"break_by": ["price", {"criterion": "MEM"}]},"#);
    let equal = [offer("A", 30.0, "100 000 €"), offer("B", 30.0, "100 000 €")];
    assert_eq!(ranks(&price_first, &equal), [("A".into(), Some(1), true), ("B".into(), Some(1), true)]);
    let report = evaluate(&price_first, &equal);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.code == "tie" && w.message.fr.contains("les règles de départage annoncées ne les séparent pas"))
    );
}

#[test]
fn the_sample_tie_is_exact_and_an_announced_family_rule_breaks_it() {
    let root = crate::root();
    let text = crate::read(&root.join("criteria/numerique-responsable.json"));
    let mut offers: Vec<Offer> = crate::files(&root.join("samples/portail-citoyen"), "json")
        .iter()
        .map(|p| {
            Offer::from_json(&p.file_name().unwrap_or_default().to_string_lossy(), &crate::read(p)).expect("offer")
        })
        .collect();
    let marks = crate::read(&root.join("samples/portail-citoyen/tableurs/notes-evaluateurs.json"));
    jauge_engine::offer::MarksFile::from_json(&marks).expect("the evaluators' marks").apply(&mut offers);
    let plain = CheckedGrid::from_json(&text).expect("grid");
    let tied: Vec<_> = ranks(&plain, &offers).into_iter().filter(|(_, _, tie)| *tie).collect();
    assert_eq!(tied, [("Cité Connect SAS".into(), Some(3), true), ("Portail Plus".into(), Some(3), true)]);
    let mut g: serde_json::Value = serde_json::from_str(&text).expect("json");
    g["ties"] = serde_json::json!({"break_by": [{"family": "accessibilite"}]});
    let ruled = CheckedGrid::from_json(&g.to_string()).expect("grid with a tie rule");
    let after = ranks(&ruled, &offers);
    assert!(after.contains(&("Portail Plus".into(), Some(3), false)), "{after:?}");
    assert!(after.contains(&("Cité Connect SAS".into(), Some(4), false)), "{after:?}");
}
