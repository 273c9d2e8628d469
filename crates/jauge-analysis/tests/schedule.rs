//! The analysis report's price sections for a tender priced through a schedule (the bpu-dqe
//! case, the buyer's hidden quantities carried by the session): the decision on optional services, the line-by-line comparison and each offer's bill of
//! quantities, in French and English.

use expect_test::expect_file;
use jauge_document::{Block, Document};
use jauge_engine::Lang;
use jauge_engine::session::{OptionalServices, Session};

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn session(decided: bool) -> Session {
    let case = root().join("tests/cases/bpu-dqe");
    let mut s = Session::new(std::fs::read_to_string(case.join("grid.json")).expect("grid"));
    // The buyer's hidden quantity (line 2.3, 40 days), carried by the session.
    s.quantities = Some(
        jauge_engine::schedule::read_quantities(&std::fs::read_to_string(case.join("quantities.json")).expect("file"))
            .expect("quantities"),
    );
    for n in ["a", "b", "c", "d", "e"] {
        let text = std::fs::read_to_string(case.join(format!("offers/{n}.json"))).expect("offer");
        s.offers.push(jauge_engine::Offer::from_json(&format!("{n}.json"), &text).expect("offer"));
    }
    if decided {
        s.optional_services = Some(OptionalServices {
            kept: vec!["pse-formation".into()],
            date: "2026-11-30".into(),
            author: "Mme Le Goff, directrice de la commande publique".into(),
            detail: "la formation sur site entre dans le budget".into(),
        });
    }
    s
}

/// The document's price parts as text: the paragraph on optional services and annexes C and D.
fn price_parts(d: &Document) -> String {
    let mut out = String::new();
    let mut on = false;
    for b in &d.blocks {
        match b {
            Block::Heading(h) => {
                on = h.starts_with("Annexe C")
                    || h.starts_with("Annexe D")
                    || h.starts_with("Annex C")
                    || h.starts_with("Annex D");
                if on {
                    out.push_str(&format!("\n## {h}\n"));
                }
            }
            Block::Para(p) if p.starts_with("Prestations supplémentaires") || p.starts_with("Optional services") => {
                out.push_str(&format!("{p}\n"));
            }
            Block::Para(p) if on => out.push_str(&format!("\n{p}\n")),
            Block::Muted(p) if on => out.push_str(&format!("_{p}_\n")),
            Block::Table(t) if on => {
                out.push_str(&t.header.iter().map(|c| c.title.as_str()).collect::<Vec<_>>().join(" | "));
                out.push('\n');
                for r in &t.rows {
                    let cells: Vec<String> =
                        r.iter()
                            .map(|c| {
                                if c.strong.is_empty() { c.text.clone() } else { format!("**{}**{}", c.strong, c.text) }
                            })
                            .collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn the_report_states_the_decision_on_optional_services_and_compares_the_schedules_line_by_line() {
    let a = jauge_analysis::Analysis::new(
        &session(true),
        "s",
        "2026-11-30T10:00:00Z",
        jauge_analysis::Annex::AgreedMarksOnly,
    )
    .expect("valid");
    let dir = root().join("tests/cases/bpu-dqe");
    for (lang, file) in [(Lang::Fr, "analysis-fr.md"), (Lang::En, "analysis-en.md")] {
        let d = jauge_analysis::document::document(&a, lang);
        expect_file![dir.join(file)].assert_eq(&price_parts(&d));
    }
    // The HTML page carries them too, every bidder's text escaped by the renderer.
    let html = jauge_analysis::html(&a, Lang::Fr);
    assert!(html.contains("Annexe C. Bordereau de prix : comparaison ligne par ligne"));
}

#[test]
fn without_a_decision_the_report_says_the_base_alone_is_compared() {
    let a =
        jauge_analysis::Analysis::new(&session(false), "s", "", jauge_analysis::Annex::AgreedMarksOnly).expect("valid");
    let d = jauge_analysis::document::document(&a, Lang::Fr);
    let text = price_parts(&d);
    assert!(
        text.contains("aucune décision consignée sur celles retenues ; seule la solution de base est comparée"),
        "{text}"
    );
}

#[test]
fn an_estimate_above_the_eu_threshold_in_an_adapted_procedure_is_warned_about() {
    let mut s = session(true);
    s.grid = s.grid.replace("\"estimate\": 70000", "\"estimate\": 250000");
    assert!(s.grid.contains("250000"), "the estimate is raised");
    let para = |s: &Session| {
        let a = jauge_analysis::Analysis::new(s, "s", "", jauge_analysis::Annex::AgreedMarksOnly).expect("valid");
        let d = jauge_analysis::document::document(&a, Lang::Fr);
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) if p.contains("seuil européen") || p.starts_with("Critère PRIX") => Some(p.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    // A formalised procedure: the estimate and the ceiling only.
    s.procedure.procedure_type = "appel d'offres ouvert".into();
    expect_test::expect![[r#"
        Critère PRIX : le prix comparé est celui du détail quantitatif estimatif, somme des quantités × prix unitaires des lignes comptées. Comme la grille l'annonce, un montant de ligne différent du prix unitaire × la quantité : le prix unitaire prévaut et le montant de la ligne est recalculé ; un prix unitaire absent : la ligne est comptée au prix unitaire le plus élevé des autres offres. Une ligne dont le prix unitaire est inférieur à 50 % de la médiane des autres offres est un point à examiner, jamais un motif de rejet. Quantités fixées par l'acheteur et non communiquées aux soumissionnaires, appliquées de la même façon à toutes les offres : 2.3 Journée de développement (quantité 40).
        Critère PRIX : estimation 250 000 € HT ; budget annoncé comme plafond 72 000 € TTC."#]]
        .assert_eq(&para(&s));
    s.procedure.procedure_type = "procédure adaptée".into();
    expect_test::expect![[r#"
        Critère PRIX : le prix comparé est celui du détail quantitatif estimatif, somme des quantités × prix unitaires des lignes comptées. Comme la grille l'annonce, un montant de ligne différent du prix unitaire × la quantité : le prix unitaire prévaut et le montant de la ligne est recalculé ; un prix unitaire absent : la ligne est comptée au prix unitaire le plus élevé des autres offres. Une ligne dont le prix unitaire est inférieur à 50 % de la médiane des autres offres est un point à examiner, jamais un motif de rejet. Quantités fixées par l'acheteur et non communiquées aux soumissionnaires, appliquées de la même façon à toutes les offres : 2.3 Journée de développement (quantité 40).
        Critère PRIX : estimation 250 000 € HT ; budget annoncé comme plafond 72 000 € TTC.
        ⚠ La procédure est adaptée alors que l'estimation du critère PRIX (250 000 € HT) dépasse le seuil européen indiqué par la grille (216 000 € HT) : passer en procédure formalisée, ou indiquer dans la grille le seuil qui s'applique à ce marché."#]]
    .assert_eq(&para(&s));
}

#[test]
fn the_report_states_a_life_cycle_cost_method() {
    let mut grid: serde_json::Value = serde_json::from_str(&session(true).grid).expect("json");
    let c = &mut grid["families"][1]["criteria"][0];
    c.as_object_mut().expect("criterion").remove("schedule");
    c["life_cycle"] = serde_json::json!({"years": 4, "energy_price": 0.25, "components": ["acquisition", "energy", "maintenance", "exit"]});
    let s = Session::new(grid.to_string());
    let a = jauge_analysis::Analysis::new(&s, "s", "", jauge_analysis::Annex::AgreedMarksOnly).expect("valid");
    let d = jauge_analysis::document::document(&a, Lang::Fr);
    let para = d.blocks.iter().find_map(|b| match b {
        Block::Para(p) if p.contains("cycle de vie") => Some(p.clone()),
        _ => None,
    });
    expect_test::expect![[r#"
        Some(
            "Critère PRIX : coût du cycle de vie (art. R2152-9, art. R2152-10) sur 4 ans = coût d'acquisition + consommation d'énergie (kWh par an) × 0,25 € × 4 + coût de maintenance par an × 4 + coût de sortie en fin de marché ; noté comme un prix.",
        )
    "#]]
    .assert_debug_eq(&para);
}
