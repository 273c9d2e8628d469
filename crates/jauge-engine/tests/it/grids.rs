//! Grid validation: shipped grids are valid, broken ones are refused with every problem listed,
//! and the fingerprint ignores layout but not content.

use std::fmt::Write as _;

use expect_test::expect_file;
use jauge_engine::{CheckedGrid, Error, Lang};

use crate::{files, grid, read, root, shipped_grids};

/// Every problem of a refused grid, in both languages (the one place that renders them).
fn render(result: Result<CheckedGrid, Error>) -> String {
    let mut out = String::new();
    match result {
        Ok(_) => out.push_str("accepted\n"),
        Err(Error::InvalidGrid { problems }) => {
            let _ = writeln!(out, "refused: {} problems", problems.len());
            for p in problems {
                let _ = writeln!(out, "- [{}] {}: {}", p.code, p.location(Lang::Fr), p.message.fr);
                let _ = writeln!(out, "  {}: {}", p.location(Lang::En), p.message.get(Lang::En));
            }
        }
        Err(e) => {
            let _ = writeln!(out, "refused: {e}");
        }
    }
    out
}

#[test]
fn broken_grids_are_refused_with_every_problem() {
    let dir = root().join("tests/grids/invalid");
    let cases = files(&dir, "json");
    assert!(cases.len() >= 4);
    for path in cases {
        let out = render(CheckedGrid::from_json(&read(&path)));
        assert!(out.starts_with("refused"), "{} was accepted", path.display());
        expect_file![path.with_extension("expected.txt")].assert_eq(&out);
    }
}

#[test]
fn shipped_grids_are_valid_and_meet_the_brief() {
    let grids = shipped_grids();
    assert!(grids.len() >= 2, "a default grid and one for another purchase");
    for path in grids {
        let checked = grid(&path);
        let g = checked.grid();
        // Weights add up to the scale.
        let total: f64 = g.criteria().map(|(_, c)| c.weight).sum();
        assert!((total - g.scale).abs() < 1e-9, "{}: weights {total} ≠ scale {}", path.display(), g.scale);
        // Every question is asked in French and English; an environmental criterion exists.
        for (_, c) in g.criteria() {
            assert!(
                c.question.en.as_deref().is_some_and(|e| !e.is_empty()),
                "{}: {} has no English question",
                path.display(),
                c.id
            );
        }
        assert!(checked.warnings().is_empty(), "{}: {:?}", path.display(), checked.warnings());
    }
    // The default grid: the five checklist families and security by design, each with at least
    // four measurable criteria, plus price.
    let default = grid(&root().join("criteria/numerique-responsable.json"));
    let g = default.grid();
    let ids: Vec<&str> = g.families.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["interoperabilite", "reversibilite", "sobriete", "accessibilite", "support", "securite", "prix"]);
    for f in &g.families[..6] {
        let automatic =
            f.criteria.iter().filter(|c| !matches!(c.rule, jauge_engine::grid::Rule::Manual { .. })).count();
        assert!(automatic >= 4, "{} has {automatic} measurable criteria", f.id);
    }
    assert!(g.criteria().any(|(_, c)| c.eliminatory.is_some()));
    assert!(g.criteria().filter(|(_, c)| c.tags.iter().any(|t| t == "environment")).count() >= 4);
    // The processor agreement and support in French are minimum requirements.
    for id in ["SEC-05", "SUP-04"] {
        assert!(g.criterion(id).is_some_and(|c| c.eliminatory.is_some()), "{id} is a minimum requirement");
    }
    // No geographic preference, no contract clause the contract may not refer to, no referential
    // version that does not exist: in any text of either shipped grid.
    for path in shipped_grids() {
        let text = read(&path).to_lowercase();
        for banned in ["dans la région", "ccag", "ecoindex v5", "\"v5\"", "pénalités"] {
            assert!(!text.contains(banned), "{} mentions {banned:?}", path.display());
        }
    }
    // Hosting: every EU location scores the same, and a qualification in progress earns nothing.
    let hosting = grid(&root().join("criteria/hebergement.json"));
    let points = |id: &str| match hosting.grid().criterion(id).map(|c| &c.rule) {
        Some(jauge_engine::grid::Rule::Choice { points }) => points.clone(),
        other => panic!("{id}: {other:?}"),
    };
    assert_eq!(points("SEC-01").keys().collect::<Vec<_>>(), ["eu", "other"]);
    assert_eq!(points("SEC-02").get("in_progress"), Some(&0.0));
}

#[test]
fn grid_warnings_cite_the_law() {
    let mut g = grid(&root().join("tests/cases/every-rule/grid.json")).grid().clone();
    // No environment tag, no price criterion, and a family under 5 % of the scale.
    for f in &mut g.families {
        for c in &mut f.criteria {
            c.tags.clear();
        }
    }
    g.families[1].criteria[1].published = false;
    // A grid without a price or cost criterion is refused, not merely warned.
    let mut priceless = g.clone();
    let price = priceless.families[1].criteria.pop().expect("price criterion");
    priceless.families[1].criteria[0].weight += price.weight;
    let refused = render(CheckedGrid::from_grid(priceless));
    assert!(refused.contains("[no_price_criterion]") && refused.contains("(art. R2152-7)"), "{refused}");
    let mut moved = g.families[0].criteria.remove(0);
    moved.weight = 0.5;
    g.families[0].criteria[0].weight += 0.5;
    g.families.push(jauge_engine::grid::Family {
        id: "petite".into(),
        label: jauge_engine::Text::new("Petite", "Small"),
        description: None,
        criteria: vec![moved],
    });
    let checked = CheckedGrid::from_grid(g).expect("still valid");
    let mut out = String::new();
    for w in checked.warnings() {
        let _ = writeln!(out, "[{:?}] {}: {}", w.severity, w.location(Lang::Fr), w.message.fr);
    }
    expect_test::expect![[r#"
        [Blocking] : aucun critère n'est marqué « environment » : pour les consultations engagées à compter d'une date fixée par décret, et au plus tard le 22 août 2026, au moins un critère d'attribution prend en compte les caractéristiques environnementales de l'offre (loi n° 2021-1104, art. 35)
        [Warning] famille petite: la famille pèse 0,5 sur 20 (moins de 5 %) : son poids risque de ne pas compter dans le classement
        [Warning] critère MAN5: le poids de ce critère n'est pas annoncé : les sous-critères doivent l'être dès qu'ils peuvent influencer la préparation des offres (CE 18 juin 2010 n°337377)
    "#]]
    .assert_eq(&out);
}

#[test]
fn fingerprint_ignores_layout_but_not_content() {
    let path = root().join("criteria/numerique-responsable.json");
    let text = read(&path);
    let original = grid(&path);
    // Same content, other layout: compact, keys in another order, 100 written 100.0.
    let value: serde_json::Value = serde_json::from_str(&text).expect("json");
    let compact = serde_json::to_string(&value).expect("json").replacen("\"scale\":100", "\"scale\":100.0", 1);
    let reordered = {
        let serde_json::Value::Object(map) = value.clone() else { panic!("object") };
        let mut pairs: Vec<_> = map.into_iter().collect();
        pairs.reverse();
        let body: Vec<String> =
            pairs.iter().map(|(k, v)| format!("{}: {}", serde_json::to_string(k).expect("key"), v)).collect();
        format!("{{\n{}\n}}", body.join(",\n"))
    };
    for other in [compact, reordered] {
        assert_eq!(CheckedGrid::from_json(&other).expect("valid").fingerprint(), original.fingerprint());
    }
    let changed = text.replacen("\"weight\": 4", "\"weight\": 5", 1).replacen("\"weight\": 3", "\"weight\": 2", 1);
    assert_ne!(CheckedGrid::from_json(&changed).expect("valid").fingerprint(), original.fingerprint());
    assert_eq!(original.fingerprint().len(), 64);
}

/// The first sample's schedule version (its price a BPU/DQE) differs from the grid it adapts by
/// a schedule added to the price, which can change marks.
#[test]
fn the_first_sample_s_schedule_version_names_its_schedule() {
    use jauge_engine::diff::{Change, diff};
    let read = |p: &str| jauge_engine::validate::read_grid(&crate::read(&crate::root().join(p))).expect("grid reads");
    let d =
        diff(&read("criteria/numerique-responsable.json"), &read("samples/portail-citoyen/bpu/grille-kerbrat.json"));
    let price: Vec<&Change> =
        d.criteria.iter().flat_map(|c| &c.changes).filter(|c| matches!(c, Change::Schedule { .. })).collect();
    assert!(matches!(price.as_slice(), [Change::Schedule { from: None, to: Some(6) }]), "{price:?}");
    assert!(price[0].can_change_marks());
}

#[test]
fn criteria_that_prefer_a_place_are_warned_about() {
    // Hosting's SEC-01 (every place of the Union alike, outside it lower) is the lawful form; the
    // same criterion rewritten to prefer France, to require it, to measure distance or presence in
    // the region, is warned about with its law.
    let hosting = grid(&root().join("criteria/hebergement.json")).grid().clone();
    let mut g = hosting.clone();
    fn sec(g: &mut jauge_engine::grid::Grid) -> &mut jauge_engine::grid::Criterion {
        g.families.iter_mut().flat_map(|f| f.criteria.iter_mut()).find(|c| c.id == "SEC-01").expect("SEC-01")
    }
    let option = |id: &str, fr: &str| jauge_engine::grid::ChoiceOption {
        id: id.into(),
        label: jauge_engine::Text::new(fr, fr),
        synonyms: Vec::new(),
    };
    // France above the rest of the Union.
    let c = sec(&mut g);
    c.answer = jauge_engine::grid::Answer::Choice {
        options: vec![
            option("fr", "En France"),
            option("eu", "Ailleurs dans l'Union européenne"),
            option("other", "Hors de l'Union européenne"),
        ],
    };
    c.rule = jauge_engine::grid::Rule::Choice {
        points: [("fr".to_string(), 1.0), ("eu".to_string(), 0.5), ("other".to_string(), 0.0)].into(),
    };
    c.eliminatory = None;
    let mut required = hosting.clone();
    // France required, anywhere else refused.
    let c = sec(&mut required);
    c.answer = jauge_engine::grid::Answer::Choice {
        options: vec![option("fr", "Sur le territoire national"), option("ailleurs", "Hors de France")],
    };
    c.rule = jauge_engine::grid::Rule::Choice { points: [("fr".to_string(), 1.0)].into() };
    c.eliminatory = Some(jauge_engine::grid::Eliminatory { one_of: vec!["fr".into()], ..Default::default() });
    // Nearness: a support agency at a distance, in the region.
    let mut near = hosting.clone();
    let c = sec(&mut near);
    c.label = jauge_engine::Text::new("Agence de proximité", "Local agency");
    c.question = jauge_engine::Text::new("À quelle distance (km) se trouve votre agence ?", "How far is your agency?");
    let mut out = String::new();
    for g in [hosting, g, required, near] {
        let checked = CheckedGrid::from_grid(g).expect("valid");
        let warned: Vec<String> = checked
            .warnings()
            .iter()
            .filter(|w| matches!(w.code.as_str(), "local_preference" | "data_localisation"))
            .map(|w| format!("[{}] {}: {}", w.code, w.location(Lang::Fr), w.message.fr))
            .collect();
        let _ = writeln!(out, "{}", if warned.is_empty() { "—".to_string() } else { warned.join("\n") });
    }
    expect_test::expect![[r#"
        —
        [data_localisation] critère SEC-01: ce critère note « En France » au-dessus d'autres lieux de l'Union européenne (« Ailleurs dans l'Union européenne ») : exiger ou favoriser la localisation des données dans un État membre est interdit, y compris en matière de marchés publics, sauf motif de sécurité publique proportionné (règlement (UE) 2018/1807, art. 3 et 4) ; noter de même tout lieu de l'Union et, pour des données sensibles, demander la qualification SecNumCloud ou une protection équivalente contre les lois extra-européennes
        [data_localisation] critère SEC-01: ce critère note « Sur le territoire national » au-dessus d'autres lieux de l'Union européenne (« Hors de France ») : exiger ou favoriser la localisation des données dans un État membre est interdit, y compris en matière de marchés publics, sauf motif de sécurité publique proportionné (règlement (UE) 2018/1807, art. 3 et 4) ; noter de même tout lieu de l'Union et, pour des données sensibles, demander la qualification SecNumCloud ou une protection équivalente contre les lois extra-européennes
        [local_preference] critère SEC-01: ce critère semble favoriser les candidats proches (« proximité ») : un critère de proximité géographique méconnaît l'égalité de traitement (CE 12 sept. 2018 n°420585) ; demander plutôt un résultat (délai d'intervention sur site quand un travail sur site est nécessaire, assistance en français à des horaires fixés)
    "#]].assert_eq(&out);
}
