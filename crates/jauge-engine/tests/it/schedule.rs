//! Price schedules (BPU/DQE): reading unit prices, the announced rules, the PSE decision, and the
//! properties of the price compared through a schedule.

use std::collections::BTreeMap;

use expect_test::expect;
use jauge_engine::schedule::{Cell, cell, comparisons};
use jauge_engine::{CheckedGrid, Offer, Raw, Report, Response, Supplier, evaluate};
use proptest::prelude::*;
use serde_json::json;

/// A grid whose only criterion is a price through a schedule of `lines` (id, quantity, group),
/// with `extra` merged into the schedule.
fn grid_with(lines: &[(&str, Option<f64>, Option<&str>)], extra: serde_json::Value) -> serde_json::Value {
    let lines: Vec<_> = lines
        .iter()
        .map(|(id, q, g)| {
            let mut l = json!({"id": id, "designation": {"fr": id, "en": id}, "unit": "u"});
            if let Some(q) = q {
                l["quantity"] = json!(q);
            }
            if let Some(g) = g {
                l["group"] = json!(g);
            }
            l
        })
        .collect();
    let mut schedule = json!({"lines": lines});
    if lines.iter().any(|l| l.get("group").is_some()) {
        schedule["groups"] = json!([
            {"id": "base", "label": {"fr": "Base", "en": "Base"}},
            {"id": "pse", "label": {"fr": "PSE", "en": "PSE"}, "optional": true}
        ]);
    }
    if let (Some(s), Some(e)) = (schedule.as_object_mut(), extra.as_object()) {
        s.extend(e.clone());
    }
    json!({
        "format": "jauge-grid/1", "id": "bpu", "version": "1.0.0",
        "title": {"fr": "BPU", "en": "BPU"}, "publisher": "test", "scale": 100, "price_basis": "HT",
        "families": [{"id": "prix", "label": {"fr": "Prix", "en": "Price"}, "criteria": [{
            "id": "PRIX", "label": {"fr": "Prix", "en": "Price"}, "question": {"fr": "Prix", "en": "Price"},
            "answer": {"type": "price"}, "rule": {"kind": "price", "method": "proportional"}, "weight": 100,
            "tags": ["environment"], "schedule": schedule
        }]}]
    })
}

fn checked(v: &serde_json::Value) -> CheckedGrid {
    CheckedGrid::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{e}"))
}

/// An offer giving these cells (key after `PRIX/`, written value).
fn offer(name: &str, cells: &[(&str, Raw)]) -> Offer {
    let responses: BTreeMap<String, Response> = cells
        .iter()
        .map(|(k, v)| (format!("PRIX/{k}"), Response { raw: Some(v.clone()), comment: None, location: None }))
        .collect();
    let mut o = Offer {
        id: Default::default(),
        source: format!("{name}.json"),
        supplier: Supplier { name: name.to_string(), ..Default::default() },
        lot: None,
        round: None,
        variant: None,
        responses,
        marks: BTreeMap::new(),
        grid: None,
        diagnostics: Vec::new(),
        sha256: None,
        content_sha256: None,
    };
    o.id = jauge_engine::OfferId::of_name(name);
    o
}

fn t(s: &str) -> Raw {
    Raw::Text(s.to_string())
}

/// Each offer's status, price and codes of its reasons and notes.
fn summary(report: &Report) -> String {
    let mut out = String::new();
    for w in &report.warnings {
        out.push_str(&format!("warning {}: {}\n", w.code, w.message.fr));
    }
    for o in &report.offers {
        let price = o.criteria.iter().find(|c| c.id == "PRIX").map(|c| c.value.clone());
        out.push_str(&format!("{} {:?} {:?} {}\n", o.supplier, o.status, price, o.total));
        for d in o.reasons.iter().chain(&o.notes) {
            out.push_str(&format!("  {} [{}]: {}\n", d.code, d.location(jauge_engine::Lang::Fr), d.message.fr));
        }
    }
    out
}

#[test]
fn unit_prices_are_read_as_bidders_write_them() {
    let cases = [
        "1 250,00 €",
        "1.250,00",
        "12,5 € HT/mois",
        "700 €/jour",
        "0",
        "0,00 €",
        "offert",
        "Inclus",
        "",
        "   ",
        "voir mémoire technique",
        "-5",
        "12 € pour 3 mois",
        "N/A",
    ];
    let out: Vec<String> = cases.iter().map(|c| format!("{c:?} → {:?}", cell(Some(&t(c))))).collect();
    expect![[r#"
        "1 250,00 €" → Price(1250.0)
        "1.250,00" → Price(1250.0)
        "12,5 € HT/mois" → Price(12.5)
        "700 €/jour" → Price(700.0)
        "0" → Zero
        "0,00 €" → Zero
        "offert" → Included
        "Inclus" → Included
        "" → Blank
        "   " → Blank
        "voir mémoire technique" → Text("voir mémoire technique")
        "-5" → Text("-5")
        "12 € pour 3 mois" → Text("12 € pour 3 mois")
        "N/A" → Text("N/A")"#]]
    .assert_eq(&out.join("\n"));
    assert_eq!(cell(None), Cell::Blank);
    assert_eq!(cell(Some(&Raw::Number(3.5))), Cell::Price(3.5));
}

#[test]
fn grid_checks_of_a_schedule() {
    let bad = grid_with(
        &[("1", Some(-1.0), None), ("1", Some(1.0), Some("nowhere")), ("total", Some(1.0), None), ("a/b", None, None)],
        json!({"low_line": 2}),
    );
    let err = CheckedGrid::from_json(&bad.to_string()).expect_err("refused");
    let jauge_engine::Error::InvalidGrid { problems } = err else { panic!("not InvalidGrid") };
    let codes: Vec<String> =
        problems.iter().map(|p| format!("{} {}", p.code, p.field.clone().unwrap_or_default())).collect();
    expect![[r#"
        schedule_quantity schedule.lines[0].quantity
        schedule_line_id schedule.lines[1]
        schedule_unknown_group schedule.lines[1].group
        schedule_line_id schedule.lines[2]
        schedule_line_id schedule.lines[3]
        schedule_low_line schedule.low_line"#]]
    .assert_eq(&codes.join("\n"));
}

#[test]
fn hidden_quantities_are_checked_and_required() {
    let g = checked(&grid_with(&[("1", Some(2.0), None), ("2", None, None)], json!({})));
    assert!(g.lacks_quantities());
    let bad =
        json!({"format": "jauge-quantities/1", "grid": "other", "quantities": {"PRIX": {"1": 3, "9": 1}, "NOPE": {}}});
    let jauge_engine::Error::InvalidGrid { problems } =
        g.clone().with_quantities(&bad.to_string()).expect_err("refused")
    else {
        panic!("not InvalidGrid")
    };
    let codes: Vec<&str> = problems.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        ["quantities_grid", "quantities_criterion", "quantities_public", "quantities_line", "quantities_missing"]
    );
    // Without the buyer's quantities, no price is computed and the report says why.
    let offers = [offer("A", &[("1", t("10")), ("2", t("5"))])];
    let report = evaluate(&g, &offers);
    expect![[r#"
        warning hidden_quantities_missing: bordereau : des quantités sont cachées aux soumissionnaires et le fichier de quantités de l'acheteur n'a pas été donné : le détail quantitatif ne peut pas être calculé
        A Incomplete Some(Null) 0
          hidden_quantities_missing [critère PRIX]: bordereau : des quantités sont cachées aux soumissionnaires et le fichier de quantités de l'acheteur n'a pas été donné : le détail quantitatif ne peut pas être calculé
    "#]]
    .assert_eq(&summary(&report));
    let good = json!({"format": "jauge-quantities/1", "grid": "bpu", "quantities": {"prix": {"2": 4}}});
    let g = g.with_quantities(&good.to_string()).expect("accepted");
    assert!(!g.lacks_quantities());
    let report = evaluate(&g, &offers);
    // 2 × 10 + 4 × 5.
    assert_eq!(report.offers[0].criteria[0].value, json!(40.0));
}

#[test]
fn missing_prices_follow_the_announced_rule() {
    let lines = [("1", Some(1.0), None), ("2", Some(2.0), None)];
    let offers = [
        offer("A", &[("1", t("10")), ("2", t("5"))]),
        offer("B", &[("1", t("13")), ("2", t("4"))]),
        offer("C", &[("1", t("voir annexe")), ("2", t("6"))]),
        offer("D", &[("2", t("6"))]),
    ];
    let mut out = String::new();
    for rule in ["incomplete", "irregular", "highest_of_others"] {
        let g = checked(&grid_with(&lines, json!({"missing": rule})));
        out.push_str(&format!("— {rule}\n{}", summary(&evaluate(&g, &offers))));
    }
    expect![[r#"
        — incomplete
        warning abnormally_low_not_computed: moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas
        A Ranked Some(Number(20.0)) 100
        B Ranked Some(Number(21.0)) 95.2381
        C Incomplete Some(Null) 0
          schedule_cell_text [critère PRIX, champ answers.PRIX/1]: bordereau, ligne 1 (champ answers.PRIX/1) : « voir annexe » n'est pas un prix ; offre incomplète, comme la grille l'annonce : prix à obtenir (régularisation) ou offre à écarter par décision
        D Incomplete Some(Null) 0
          schedule_missing_price [critère PRIX]: bordereau, ligne 1 : prix unitaire absent ; offre incomplète, comme la grille l'annonce : prix à obtenir (régularisation) ou offre à écarter par décision
        — irregular
        warning abnormally_low_not_computed: moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas
        A Ranked Some(Number(20.0)) 100
        B Ranked Some(Number(21.0)) 95.2381
        C Irregular Some(Null) 0
          schedule_cell_text_irregular [critère PRIX, champ answers.PRIX/1]: bordereau, ligne 1 (champ answers.PRIX/1) : « voir annexe » n'est pas un prix ; offre irrégulière, comme la grille l'annonce
        D Irregular Some(Null) 0
          schedule_missing_price_irregular [critère PRIX]: bordereau, ligne 1 : prix unitaire absent ; offre irrégulière, comme la grille l'annonce
        — highest_of_others
        A Ranked Some(Number(20.0)) 100
        B Ranked Some(Number(21.0)) 95.2381
        D Ranked Some(Number(25.0)) 80
          schedule_line_substituted [critère PRIX]: bordereau, ligne 1 : prix unitaire absent, compté au plus haut prix unitaire des autres offres (13 €), comme la grille l'annonce
        C Incomplete Some(Null) 0
          schedule_cell_text [critère PRIX, champ answers.PRIX/1]: bordereau, ligne 1 (champ answers.PRIX/1) : « voir annexe » n'est pas un prix ; ligne non chiffrée et sans prix d'une autre offre à lui substituer : point à régler par l'acheteur
    "#]]
    .assert_eq(&out);
}

#[test]
fn line_totals_are_recomputed_and_corrected_by_the_announced_rule() {
    let lines = [("1", Some(3.0), None), ("2", Some(2.0), None)];
    let offers = [
        offer("A", &[("1", t("10")), ("1/total", t("33")), ("2", t("5")), ("2/total", t("10")), ("total", t("43"))]),
        offer("B", &[("1", t("10")), ("2", t("5")), ("total", t("41"))]),
    ];
    let mut out = String::new();
    for rule in ["unit_price", "total"] {
        let g = checked(&grid_with(&lines, json!({"prevails": rule})));
        out.push_str(&format!("— {rule}\n{}", summary(&evaluate(&g, &offers))));
    }
    expect![[r#"
        — unit_price
        warning abnormally_low_not_computed: moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas
        warning tie: égalité au rang 1 (100 points) entre A et B : aucune règle de départage n'a été annoncée ; consigner la décision de départage, sa date et son auteur
        A Ranked Some(Number(40.0)) 100
          schedule_line_total [critère PRIX, champ answers.PRIX/1/total]: bordereau, ligne 1 (champ answers.PRIX/1/total) : montant indiqué 33 € ≠ 10 € × 3 = 30 € ; le prix unitaire prévaut, comme la grille l'annonce : montant recalculé retenu
          schedule_total [critère PRIX]: bordereau : total indiqué 43 € ≠ somme des lignes 40 € ; la somme recalculée est retenue
        B Ranked Some(Number(40.0)) 100
          schedule_total [critère PRIX]: bordereau : total indiqué 41 € ≠ somme des lignes 40 € ; la somme recalculée est retenue
        — total
        warning abnormally_low_not_computed: moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas
        B Ranked Some(Number(40.0)) 100
          schedule_total [critère PRIX]: bordereau : total indiqué 41 € ≠ somme des lignes 40 € ; la somme recalculée est retenue
        A Ranked Some(Number(43.0)) 93.0233
          schedule_line_total [critère PRIX, champ answers.PRIX/1/total]: bordereau, ligne 1 (champ answers.PRIX/1/total) : montant indiqué 33 € ≠ 10 € × 3 = 30 € ; le montant de la ligne prévaut, comme la grille l'annonce : prix unitaire corrigé
    "#]]
    .assert_eq(&out);
}

#[test]
fn the_price_compared_includes_exactly_the_kept_optional_services() {
    let g = checked(&grid_with(&[("1", Some(1.0), Some("base")), ("P", Some(1.0), Some("pse"))], json!({})));
    let offers = [offer("A", &[("1", t("100")), ("P", t("50"))]), offer("B", &[("1", t("120")), ("P", t("10"))])];
    let undecided = evaluate(&g, &offers);
    let kept = evaluate(&g.clone().keeping(&["pse".to_string()]), &offers);
    let none = evaluate(&g.keeping(&[]), &offers);
    expect![[r#"
        warning pse_undecided: prestations supplémentaires éventuelles (« PSE ») : aucune décision consignée sur celles retenues ; seule la solution de base est comparée ; consigner la décision avant le classement
        warning abnormally_low_not_computed: moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas
        A Ranked Some(Number(100.0)) 100
        B Ranked Some(Number(120.0)) 83.3333
        warning pse_kept: prestations supplémentaires éventuelles retenues par décision de l'acheteur : « PSE » ; non retenues : aucune ; le prix comparé de chaque offre comprend exactement celles retenues
        warning abnormally_low_not_computed: moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas
        B Ranked Some(Number(130.0)) 100
        A Ranked Some(Number(150.0)) 86.6667
        warning pse_kept: prestations supplémentaires éventuelles retenues par décision de l'acheteur : aucune ; non retenues : « PSE » ; le prix comparé de chaque offre comprend exactement celles retenues
        warning abnormally_low_not_computed: moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas
        A Ranked Some(Number(100.0)) 100
        B Ranked Some(Number(120.0)) 83.3333
    "#]]
    .assert_eq(&[summary(&undecided), summary(&kept), summary(&none)].concat());
}

#[test]
fn taxes_included_needs_the_rate_or_the_exemption() {
    let mut v = grid_with(&[("1", Some(2.0), None)], json!({}));
    v["price_basis"] = json!("TTC");
    let g = checked(&v);
    let offers = [
        offer("A", &[("1", t("100")), ("tva", t("20 %"))]),
        offer("B", &[("1", t("110")), ("tva", t("Franchise en base de TVA (art. 293 B du CGI)"))]),
        offer("C", &[("1", t("90"))]),
        offer("D", &[("1", t("100")), ("tva", Raw::Quantity { value: 5.5, unit: jauge_engine::units::Unit::Percent })]),
    ];
    expect![[r#"
        D Ranked Some(Number(211.0)) 100
          abnormally_low [critère PRIX]: prix de 211 € sous la moyenne moins un écart type (211,55 €) : offre peut-être anormalement basse ; demander par écrit des précisions et justifications au soumissionnaire avant toute décision, sans l'écarter d'office (art. L2152-6 et R2152-3)
        B Ranked Some(Number(220.0)) 95.9091
        A Ranked Some(Number(240.0)) 87.9167
        C Incomplete Some(Null) 0
          schedule_vat_missing [critère PRIX]: bordereau : ni taux de TVA ni exonération indiqués alors que les prix sont comparés TTC ; aucun taux n'est présumé : à obtenir du soumissionnaire
    "#]]
    .assert_eq(&summary(&evaluate(&g, &offers)));
}

#[test]
fn excluding_taxes_the_vat_statuses_stated_must_agree() {
    // Prices compared HT: the schedule's VAT cell says whether every bidder is liable at one rate;
    // a bidder not liable, or two rates, make the comparison excluding taxes a point to settle.
    let g = checked(&grid_with(&[("1", Some(2.0), None)], json!({})));
    let statuses = |offers: &[Offer]| {
        let report = evaluate(&g, offers);
        let warned = report.warnings.iter().filter(|w| w.code == "unequal_vat").filter_map(|w| w.message.en.clone());
        let stated: Vec<String> = report.price[0]
            .unequal_vat
            .iter()
            .map(|s| {
                let name = offers.iter().find(|o| o.id == s.offer).map_or("?", |o| o.supplier.name.as_str());
                format!("{name} {:?}", s.vat)
            })
            .collect();
        format!("{} | {}\n", stated.join(", "), warned.collect::<Vec<_>>().join(""))
    };
    let alike = [offer("A", &[("1", t("100")), ("tva", t("20 %"))]), offer("B", &[("1", t("110")), ("tva", t("20"))])];
    let unknown = [offer("A", &[("1", t("100"))]), offer("B", &[("1", t("110"))])];
    let exempt = [
        offer("A", &[("1", t("100")), ("tva", t("20 %"))]),
        offer("B", &[("1", t("110")), ("tva", t("Non assujetti (art. 293 B du CGI)"))]),
        offer("C", &[("1", t("120"))]),
    ];
    let rates = [
        offer("A", &[("1", t("100")), ("tva", t("20 %"))]),
        offer("B", &[("1", t("110")), ("tva", Raw::Quantity { value: 5.5, unit: jauge_engine::units::Unit::Percent })]),
    ];
    // A bidder alone is compared with no one.
    let alone = [offer("B", &[("1", t("110")), ("tva", t("exonéré"))])];
    expect![[r#"
         | 
         | 
        A Rate(20.0), B Exempt | prices compared excluding taxes while the bidders compared are not liable to VAT alike (1 bidder not liable; rates stated: 20%): excluding taxes, the prices are not what the buyer will pay; compare them including taxes, as each bidder presents them (without VAT for a bidder not liable): a point to settle before the ranking
        A Rate(20.0), B Rate(5.5) | prices compared excluding taxes while the bidders compared are not liable to VAT alike (rates stated: 5.5%, 20%): excluding taxes, the prices are not what the buyer will pay; compare them including taxes, as each bidder presents them (without VAT for a bidder not liable): a point to settle before the ranking
         | 
    "#]]
    .assert_eq(&[alike.as_slice(), &unknown, &exempt, &rates, &alone].map(statuses).concat());
}

#[test]
fn the_line_comparison_highlights_the_cheapest_and_flags_lines_far_below() {
    let g = checked(&grid_with(&[("1", Some(1.0), None), ("2", Some(10.0), None)], json!({})));
    let offers = [
        offer("A", &[("1", t("100")), ("2", t("10"))]),
        offer("B", &[("1", t("90")), ("2", t("12"))]),
        offer("C", &[("1", t("30")), ("2", t("10"))]),
    ];
    let report = evaluate(&g, &offers);
    let c = comparisons(&g, &offers, &report);
    let lines: Vec<String> = c[0]
        .lines
        .iter()
        .map(|l| {
            let cheapest: Vec<&str> = l
                .cheapest
                .iter()
                .filter_map(|id| offers.iter().find(|o| &o.id == id).map(|o| o.supplier.name.as_str()))
                .collect();
            format!("{} median {:?} lowest {:?} cheapest {:?}", l.line, l.median, l.lowest, cheapest)
        })
        .collect();
    expect![[r#"
        1 median Some(90.0) lowest Some(30.0) cheapest ["C"]
        2 median Some(10.0) lowest Some(100.0) cheapest ["A", "C"]"#]]
    .assert_eq(&lines.join("\n"));
    let c = report.offers.iter().find(|o| o.supplier == "C").expect("C");
    let c_notes: Vec<&str> = c.notes.iter().map(|d| d.code.as_str()).collect();
    assert!(c_notes.contains(&"schedule_low_line"), "{c_notes:?}");
    assert_eq!(c.status, jauge_engine::Status::Ranked, "a low line is never an exclusion");
}

fn priced(prices: &[Vec<u32>], order: &[usize], k: f64) -> Report {
    let n = prices.first().map_or(0, Vec::len);
    let ids: Vec<String> = (0..n).map(|i| format!("L{i}")).collect();
    let lines: Vec<(&str, Option<f64>, Option<&str>)> =
        order.iter().map(|i| (ids[*i].as_str(), Some((*i % 7 + 1) as f64), None)).collect();
    let g = checked(&grid_with(&lines, json!({})));
    let offers: Vec<Offer> = prices
        .iter()
        .enumerate()
        .map(|(o, p)| {
            let cells: Vec<(&str, Raw)> =
                p.iter().enumerate().map(|(i, v)| (ids[i].as_str(), Raw::Number(f64::from(*v) / 100.0 * k))).collect();
            offer(&format!("O{o}"), &cells)
        })
        .collect();
    evaluate(&g, &offers)
}

fn schedules() -> impl Strategy<Value = (Vec<Vec<u32>>, Vec<usize>)> {
    (1usize..12, 2usize..6).prop_flat_map(|(lines, offers)| {
        (
            prop::collection::vec(prop::collection::vec(1u32..1_000_000, lines), offers),
            Just((0..lines).collect::<Vec<_>>()).prop_shuffle(),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_lowest_dqe_total_gets_the_full_price_mark((prices, _) in schedules()) {
        let order: Vec<usize> = (0..prices[0].len()).collect();
        let r = priced(&prices, &order, 1.0);
        let totals: Vec<f64> = r.offers.iter().filter_map(|o| o.criteria[0].value.as_f64()).collect();
        let lowest = totals.iter().copied().fold(f64::INFINITY, f64::min);
        for o in &r.offers {
            if o.criteria[0].value.as_f64() == Some(lowest) {
                prop_assert_eq!(o.criteria[0].points, 100.0);
            } else {
                prop_assert!(o.criteria[0].points < 100.0);
            }
        }
    }

    #[test]
    fn scaling_every_unit_price_keeps_proportional_marks((prices, _) in schedules(), k in prop::sample::select(vec![0.5, 2.0, 3.0, 10.0])) {
        let order: Vec<usize> = (0..prices[0].len()).collect();
        let a = priced(&prices, &order, 1.0);
        let b = priced(&prices, &order, k);
        for (x, y) in a.offers.iter().zip(&b.offers) {
            // Totals are kept to the cent: marks agree to the rounding of a cent over the lowest total.
            prop_assert!((x.criteria[0].points - y.criteria[0].points).abs() < 0.01, "{} vs {}", x.criteria[0].points, y.criteria[0].points);
        }
    }

    #[test]
    fn recomputed_totals_do_not_depend_on_the_line_order((prices, order) in schedules()) {
        let straight: Vec<usize> = (0..prices[0].len()).collect();
        let a = priced(&prices, &straight, 1.0);
        let b = priced(&prices, &order, 1.0);
        for (x, y) in a.offers.iter().zip(&b.offers) {
            prop_assert_eq!(&x.criteria[0].value, &y.criteria[0].value);
            prop_assert_eq!(x.criteria[0].points, y.criteria[0].points);
        }
    }
}

/// Each offer's compared price as the session's evaluation gives it, in ranking order.
fn session_prices(s: &jauge_engine::session::Session) -> String {
    let g = s.checked_grid("s").expect("grid");
    let r = s.evaluate(&g);
    r.offers.iter().map(|o| format!("{} {}", o.supplier, o.criteria[0].value)).collect::<Vec<_>>().join(", ")
}

#[test]
fn a_session_prices_with_its_recorded_decision_on_optional_services() {
    use jauge_engine::session::{OptionalServices, Session};
    let grid = grid_with(&[("1", Some(1.0), Some("base")), ("P", Some(1.0), Some("pse"))], json!({}));
    let mut s = Session::new(grid.to_string());
    s.offers = vec![offer("A", &[("1", t("100")), ("P", t("50"))]), offer("B", &[("1", t("120")), ("P", t("10"))])];
    assert_eq!(session_prices(&s), "A 100.0, B 120.0");
    s.optional_services = Some(OptionalServices {
        kept: vec!["pse".into()],
        date: "2026-11-30".into(),
        author: "Acheteur".into(),
        detail: "budget suffisant".into(),
    });
    assert_eq!(session_prices(&s), "B 130.0, A 150.0");
    // The decision is part of the session's file, and so of its fingerprint.
    let back: Session = serde_json::from_str(&s.to_json()).expect("reads back");
    assert_eq!(back.optional_services, s.optional_services);
}

#[test]
fn a_session_carries_the_hidden_quantities_and_prices_the_same_once_read_back() {
    use jauge_engine::session::Session;
    let grid = grid_with(&[("1", Some(2.0), None), ("2", None, None)], json!({}));
    let mut s = Session::new(grid.to_string());
    s.offers = vec![offer("A", &[("1", t("10")), ("2", t("5"))]), offer("B", &[("1", t("8")), ("2", t("9"))])];
    // Without the buyer's quantities, no price can be computed.
    assert_eq!(session_prices(&s), "A null, B null");
    let file = json!({"format": "jauge-quantities/1", "grid": "bpu", "quantities": {"PRIX": {"2": 4}}});
    s.quantities = Some(jauge_engine::schedule::read_quantities(&file.to_string()).expect("read"));
    // 2 × 10 + 4 × 5 = 40; 2 × 8 + 4 × 9 = 52.
    assert_eq!(session_prices(&s), "A 40.0, B 52.0");
    let back: Session = serde_json::from_str(&s.to_json()).expect("reads back");
    assert_eq!(back, s);
    assert_eq!(session_prices(&back), "A 40.0, B 52.0");
    // The grid's fingerprint is the grid's alone: the quantities never change it.
    assert_eq!(back.checked_grid("s").expect("grid").fingerprint(), checked(&grid).fingerprint(),);
    // A session without quantities writes no field for them (the format stays jauge-session/3).
    assert!(!Session::new(grid.to_string()).to_json().contains("quantities"));
    // Quantities that do not fit the grid are refused when the session's grid is checked.
    let mut wrong = s.clone();
    wrong.quantities = Some(
        jauge_engine::schedule::read_quantities(
            &json!({"format": "jauge-quantities/1", "grid": "bpu", "quantities": {"PRIX": {"9": 1}}}).to_string(),
        )
        .expect("read"),
    );
    assert!(matches!(wrong.checked_grid("s"), Err(jauge_engine::Error::SessionGrid { .. })));
}

#[test]
fn a_price_above_the_budget_ceiling_is_the_buyers_to_settle() {
    let mut v = grid_with(&[("1", Some(1.0), None)], json!({}));
    v["families"][0]["criteria"][0]["budget"] = json!({"estimate": 100, "ceiling": 110, "eu_threshold": 216000});
    let g = checked(&v);
    let offers = [offer("A", &[("1", t("100"))]), offer("B", &[("1", t("120"))])];
    let report = evaluate(&g, &offers);
    let b = report.offers.iter().find(|o| o.supplier == "B").expect("B");
    expect![[r#"
        B Ranked above_budget: prix de 120 € au-dessus du budget annoncé comme plafond (110 €) : point à régler par l'acheteur, qui décide si l'offre est inacceptable (art. L2152-3) ; l'outil ne l'écarte pas"#]]
    .assert_eq(&b.notes.iter().map(|d| format!("{} {:?} {}: {}", b.supplier, b.status, d.code, d.message.fr)).collect::<Vec<_>>().join("\n"));
    let bad = {
        let mut v = v.clone();
        v["families"][0]["criteria"][0]["budget"] = json!({"ceiling": -1});
        CheckedGrid::from_json(&v.to_string()).expect_err("refused")
    };
    assert!(format!("{bad:?}").contains("budget_amount"));
}

#[test]
fn a_life_cycle_cost_is_computed_from_the_stated_costs_and_marked_like_a_price() {
    let mut v = grid_with(&[("1", Some(1.0), None)], json!({}));
    let c = &mut v["families"][0]["criteria"][0];
    c.as_object_mut().expect("criterion").remove("schedule");
    c["id"] = json!("COUT");
    c["life_cycle"] =
        json!({"years": 4, "energy_price": 0.25, "components": ["acquisition", "energy", "maintenance", "exit"]});
    let g = checked(&v);
    let cost = |name: &str, a: &str, e: &str, m: &str, x: Option<&str>| {
        let mut cells = vec![("acquisition", t(a)), ("energy", t(e)), ("maintenance", t(m))];
        cells.extend(x.map(|x| ("exit", t(x))));
        let mut o = offer(name, &[]);
        o.responses = cells
            .into_iter()
            .map(|(k, v)| (format!("COUT/{k}"), Response { raw: Some(v), comment: None, location: None }))
            .collect();
        o
    };
    let offers = [
        // 10 000 + 2 000 kWh × 0,25 € × 4 + 1 000 × 4 + 500 = 16 500.
        cost("A", "10 000 €", "2 000", "1 000", Some("500")),
        // A cheaper purchase that uses more energy: 8 000 + 8 000 × 0,25 × 4 + 1 500 × 4 + 0 = 22 000.
        cost("B", "8 000", "8 000 kWh", "1 500", Some("0")),
        cost("C", "9 000", "1 000", "1 000", None),
    ];
    let report = evaluate(&g, &offers);
    let out: String = report
        .offers
        .iter()
        .map(|o| {
            let c = &o.criteria[0];
            let reasons: Vec<String> = o.reasons.iter().map(|d| format!("{}: {}", d.code, d.message.fr)).collect();
            format!("{} {:?} {} {} {reasons:?}\n", o.supplier, o.status, c.value, c.points)
        })
        .collect();
    expect![[r#"
        A Ranked 16500.0 100 []
        B Ranked 22000.0 75 []
        C Incomplete null 0 ["cost_component_missing: coût du cycle de vie : coût de sortie en fin de marché non indiqué ; le coût ne peut pas être calculé : à obtenir du soumissionnaire"]
    "#]]
    .assert_eq(&out);
}

/// A price that must be given (`eliminatory.required`) and comes from a schedule: the schedule's
/// cells are its answer, so a complete bill is not « no answer » (every offer was irregular), and
/// a missing line follows the schedule's announced rule.
#[test]
fn a_required_price_through_a_schedule_is_answered_by_its_bill() {
    let mut grid = grid_with(&[("1", Some(10.0), None), ("2", Some(2.0), None)], json!({"missing": "irregular"}));
    grid["families"][0]["criteria"][0]["eliminatory"] = json!({"required": true});
    let grid = checked(&grid);
    let a = offer("A", &[("1", t("100")), ("2", t("50"))]);
    let b = offer("B", &[("1", t("120"))]);
    let r = evaluate(&grid, &[a, b]);
    let status: Vec<(String, jauge_engine::report::Status)> =
        r.offers.iter().map(|o| (o.supplier.clone(), o.status)).collect();
    assert_eq!(
        status,
        [
            ("A".to_string(), jauge_engine::report::Status::Ranked),
            ("B".to_string(), jauge_engine::report::Status::Irregular)
        ],
        "{}",
        summary(&r)
    );
}
