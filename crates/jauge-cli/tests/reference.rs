//! The reference grids of `criteria/reference/`: their generator and its checks.
//!
//! The RGESN grid is made from the referential's data as DINUM's MiNumEco site publishes it
//! (`criteria/reference/sources/rgesn/`, vendored untouched, provenance beside it): one family per
//! theme, one criterion per RGESN criterion, weights following the priority levels. The committed
//! grid must be what [`rgesn_grid`] gives (`UPDATE_EXPECT=1 cargo test -p jauge-cli --test
//! reference` writes it again), every source criterion must be in it with its number, theme and
//! text, no artefact of the source may survive, the engine must accept it, the CLI must write its
//! response form and read back a form filled by openpyxl, and the catalogue must be the one
//! `jauge catalogue build` makes.

use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::{expect, expect_file};
use jauge_engine::{CheckedGrid, Grid};
use serde_json::{Map, Value, json};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// The vendored source, as published (with its artefact).
const SOURCE: &str = "criteria/reference/sources/rgesn/referentiel-ecoconception-v2.json";
/// The catalogue folder a structure copies.
const CATALOGUE: &str = "criteria/reference/catalogue";
/// The RGESN grid in it.
const RGESN: &str = "criteria/reference/catalogue/rgesn-2024/1.0.0-draft.json";
/// The publisher named in the grids and the catalogue.
const PUBLISHER: &str = "Jauge — grilles de référence";
/// The referential's page.
const RGESN_PAGE: &str = "https://ecoresponsable.numerique.gouv.fr/publications/referentiel-general-ecoconception/";

/// Points per priority level: Prioritaire 3 : Recommandé 2 : Modéré 1 units of 0.36 point, so that
/// the 167 units of the 78 criteria make 60.12 points and the weights keep exact ratios with two
/// decimals; the price takes the rest of the scale of 100.
/// Each level's tag, in ASCII.
const WEIGHTS: [(&str, f64, &str); 3] = [
    ("Prioritaire", 1.08, "rgesn-prioritaire"),
    ("Recommandé", 0.72, "rgesn-recommande"),
    ("Modéré", 0.36, "rgesn-modere"),
];
const PRICE_WEIGHT: f64 = 39.88;

/// The nine themes in the referential's order: (name as published, family id, English name).
const THEMES: [(&str, &str, &str); 9] = [
    ("Stratégie", "strategie", "Strategy"),
    ("Spécifications", "specifications", "Specifications"),
    ("Architecture", "architecture", "Architecture"),
    ("UX/UI", "ux-ui", "UX/UI"),
    ("Contenus", "contenus", "Content"),
    ("Frontend", "frontend", "Frontend"),
    ("Backend", "backend", "Backend"),
    ("Hébergement", "hebergement", "Hosting"),
    ("Algorithmie", "algorithmie", "Algorithms"),
];

/// One criterion of the referential, its texts repaired.
#[derive(Debug)]
struct Source {
    number: String,
    theme: String,
    question: String,
    priority: String,
    difficulty: String,
    target: String,
    check: String,
}

/// The source's search-and-replace artefact undone: « id » had become « numero » inside words
/// (« valnumeroé », « numeroentifié »). No French word of the texts is spelt « numero ».
fn repair(text: &str) -> String {
    text.replace("numero", "id")
}

/// The source's criteria, in its order, with every field it has (an unknown key fails).
fn sources() -> Vec<Source> {
    let text = std::fs::read_to_string(root().join(SOURCE)).expect("vendored source");
    let entries: Vec<Map<String, Value>> = serde_json::from_str(&text).expect("a list of criteria");
    entries
        .iter()
        .map(|e| {
            for key in e.keys() {
                assert!(
                    ["numero", "thematique", "Thématique", "critere", "priorite", "difficulte", "cible", "controle"]
                        .contains(&key.as_str()),
                    "unknown key {key} in {e:?}"
                );
            }
            let field = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_else(|| panic!("{k} in {e:?}"));
            let theme = e.get("thematique").or_else(|| e.get("Thématique")).and_then(Value::as_str);
            Source {
                number: field("numero").to_string(),
                theme: theme.unwrap_or_else(|| panic!("theme in {e:?}")).to_string(),
                question: repair(field("critere")),
                priority: field("priorite").to_string(),
                difficulty: field("difficulte").to_string(),
                target: repair(field("cible")),
                check: repair(field("controle")),
            }
        })
        .collect()
}

fn level(priority: &str) -> (f64, &'static str) {
    let (_, weight, tag) =
        WEIGHTS.iter().find(|(p, _, _)| *p == priority).unwrap_or_else(|| panic!("priority {priority}"));
    (*weight, tag)
}

fn weight(priority: &str) -> f64 {
    level(priority).0
}

/// A number as the French write it (`1,08`).
fn fr(n: f64) -> String {
    format!("{n}").replace('.', ",")
}

/// « N/A si … »: the referential allows the criterion not to apply, on that condition.
fn may_not_apply(target: &str) -> bool {
    target.starts_with("N/A")
}

fn criterion(s: &Source) -> Value {
    let w = weight(&s.priority);
    let mut options = vec![
        json!({"id": "conforme", "label": {"fr": "Conforme", "en": "Compliant"}}),
        json!({"id": "non_conforme", "label": {"fr": "Non conforme", "en": "Not compliant"}}),
    ];
    let mut points = json!({"conforme": 1, "non_conforme": 0});
    if may_not_apply(&s.target) {
        // « Non applicable » alone is a non-answer for the engine (like « N/A »): the option's
        // label says more, so that the form's list gives an answer that is read.
        options.push(json!({"id": "non_applicable", "label": {"fr": "Non applicable (justifié)", "en": "Not applicable (justified)"}}));
        points["non_applicable"] = json!(1);
    }
    let applies = if may_not_apply(&s.target) {
        format!(
            "Applicabilité : {} ; une réponse « non applicable » doit en être justifiée, elle rapporte les points du critère.",
            s.target
        )
    } else {
        format!("Applicabilité : {}.", s.target)
    };
    let help = format!(
        "Contrôle : {}\n{applies}\nPriorité : {} ({} point{}) ; difficulté : {}.\nSource : RGESN, version 2 (mai 2024), critère {}, {RGESN_PAGE} (Licence Ouverte 2.0).",
        s.check.trim(),
        s.priority,
        fr(w),
        if w >= 2.0 { "s" } else { "" },
        s.difficulty,
        s.number,
    );
    json!({
        "id": format!("RGESN-{}", s.number),
        // The referential names a criterion by its question: its label too (French only, as
        // published; the app shows French where a text has no English).
        "label": {"fr": s.question},
        "question": {"fr": s.question},
        "help": {"fr": help},
        "answer": {"type": "choice", "options": options},
        "rule": {"kind": "choice", "points": points},
        "weight": w,
        "evidence": {"kind": "document", "label": {
            "fr": "Justification de la réponse (déclaration d'écoconception du service ou autre document)",
            "en": "Justification of the answer (the service's ecodesign statement or another document)"
        }},
        "tags": ["environment", "rgesn", level(&s.priority).1]
    })
}

/// The RGESN grid, from the vendored source: the generator.
fn rgesn_grid() -> String {
    let all = sources();
    let mut families: Vec<Value> = THEMES
        .iter()
        .map(|(name, id, en)| {
            let criteria: Vec<Value> = all.iter().filter(|s| s.theme == *name).map(criterion).collect();
            json!({"id": id, "label": {"fr": name, "en": en}, "criteria": criteria})
        })
        .collect();
    let price_help = format!(
        "Les prix sont comparés TTC, tels que le candidat les indique (le taux qui lui est applicable, ou son exonération) : aucun taux n'est présumé. Méthode proportionnelle : le prix le plus bas obtient {0} points, les autres {0} × prix le plus bas / prix. Poids à régler par l'acheteur : {0} points sont ce que laissent les 78 critères du RGESN.",
        fr(PRICE_WEIGHT)
    );
    families.push(json!({"id": "prix", "label": {"fr": "Prix", "en": "Price"}, "criteria": [{
        "id": "PRIX",
        "label": {"fr": "Prix global", "en": "Total price"},
        "question": {
            "fr": "Prix total de l'offre sur la durée du marché : montant HT, taux de TVA (ou mention de l'exonération) et montant TTC, par exemple « 82 000 € HT, TVA 20 %, soit 98 400 € TTC »",
            "en": "Total price of the offer over the contract term: amount excluding VAT, VAT rate (or the exemption) and amount including VAT, e.g. \"82 000 € HT, TVA 20 %, soit 98 400 € TTC\""
        },
        "help": {"fr": price_help, "en": format!(
            "Prices are compared including VAT, as the bidder states them (the rate that applies to it, or its exemption): no rate is presumed. Proportional method: the lowest price earns {0} points, the others {0} × lowest price / price. A weight for the buyer to set: {0} points are what the 78 RGESN criteria leave.",
            PRICE_WEIGHT
        )},
        "answer": {"type": "price", "currency": "EUR"},
        "rule": {"kind": "price", "method": "proportional"},
        "weight": PRICE_WEIGHT,
        "eliminatory": {"required": true},
        "tags": ["price"]
    }]}));
    let grid = json!({
        "format": "jauge-grid/2",
        "id": "rgesn-2024",
        "version": "1.0.0-draft",
        "title": {"fr": "Écoconception des services numériques (RGESN 2024)", "en": "Ecodesign of digital services (RGESN 2024)"},
        "publisher": PUBLISHER,
        "license": "Licence Ouverte 2.0",
        "date": "2026-11-30",
        "description": {
            "fr": format!("Grille de référence tirée du Référentiel général d'écoconception de services numériques (RGESN), version 2 (mai 2024, mise à jour par l'Arcep), publié par la DINUM (MiNumEco) sous Licence Ouverte 2.0 : {RGESN_PAGE}. Une famille par thématique, un critère par critère du référentiel, son texte tel que publié ; réponses : conforme, non conforme, ou non applicable quand le référentiel le prévoit, chacune justifiée ; poids selon la priorité (Prioritaire 3, Recommandé 2, Modéré 1 : 1,08, 0,72 et 0,36 point, 60,12 points en tout). Le poids du prix (39,88 points) est à régler par l'acheteur. Un point de départ à adapter : retirer les critères sans objet pour le service acheté, régler les poids, puis publier sa propre version."),
            "en": format!("Reference grid taken from the French general ecodesign referential for digital services (RGESN), version 2 (May 2024, updated by Arcep), published by DINUM (MiNumEco) under the Licence Ouverte 2.0: {RGESN_PAGE}. One family per theme, one criterion per criterion of the referential, its French text as published; answers: compliant, not compliant, or not applicable where the referential allows it, each justified; weights by priority (Prioritaire 3, Recommandé 2, Modéré 1: 1.08, 0.72 and 0.36 point, 60.12 points in all). The price's weight (39.88 points) is for the buyer to set. A starting point to adapt: remove the criteria that do not apply to the service bought, set the weights, then publish your own version.")
        },
        "scale": 100,
        "references": {"rgesn": "2024"},
        "families": families
    });
    // Through the engine's type: the file is written as the app's editor writes grids.
    let typed: Grid = serde_json::from_value(grid).expect("a grid");
    serde_json::to_string_pretty(&typed).expect("serialised") + "\n"
}

#[test]
fn the_committed_rgesn_grid_is_what_the_generator_gives() {
    expect_file!["../../../criteria/reference/catalogue/rgesn-2024/1.0.0-draft.json"].assert_eq(&rgesn_grid());
}

#[test]
fn every_rgesn_criterion_is_in_the_grid_with_its_number_theme_and_text() {
    let all = sources();
    assert_eq!(all.len(), 78, "the referential's 78 criteria");
    let text = std::fs::read_to_string(root().join(RGESN)).expect("committed grid");
    let checked = CheckedGrid::from_json(&text).expect("the engine accepts it");
    let g = checked.grid();
    assert_eq!(g.families.len(), 10, "9 themes and the price");
    for s in &all {
        let (_, id, _) = THEMES.iter().find(|(name, _, _)| *name == s.theme).expect("a known theme");
        let family = g.families.iter().find(|f| f.id == *id).expect("the theme's family");
        assert_eq!(family.label.fr, s.theme);
        let c = family.criteria.iter().find(|c| c.id == format!("RGESN-{}", s.number)).expect("the criterion");
        assert_eq!(c.question.fr, s.question, "{}", s.number);
        assert_eq!(c.label.fr, s.question, "{}", s.number);
        assert_eq!(c.weight, weight(&s.priority), "{}", s.number);
        let help = c.help.as_ref().expect("help").fr.clone();
        for part in [&s.check.trim().to_string(), &s.target, &s.priority, &s.difficulty] {
            assert!(help.contains(part.as_str()), "{}: {part} not in the help", s.number);
        }
        assert!(help.contains(&format!("critère {}", s.number)) && help.contains(RGESN_PAGE), "{}", s.number);
    }
    let criteria = g.families.iter().map(|f| f.criteria.len()).sum::<usize>();
    assert_eq!(criteria, 79, "78 criteria and the price");
    let total: f64 = g.families.iter().flat_map(|f| &f.criteria).map(|c| c.weight).sum();
    assert!((total - 100.0).abs() < 1e-9, "{total}");
}

#[test]
fn no_artefact_of_the_source_survives() {
    let source = std::fs::read_to_string(root().join(SOURCE)).expect("source");
    // The artefact is there in the source, and the test knows its forms…
    for word in ["valnumeroé", "numeroentifié", "vnumeroéo", "Thématique"] {
        assert!(source.contains(word), "{word} is no longer in the source");
    }
    // …and none is left in the grid.
    let grid = rgesn_grid();
    assert!(!grid.to_lowercase().contains("numero"), "an artefact survives");
    for word in ["validé", "identifié", "vidéo"] {
        assert!(grid.contains(word), "{word} was not repaired");
    }
}

#[test]
fn the_engine_accepts_the_rgesn_grid_with_these_warnings() {
    let text = std::fs::read_to_string(root().join(RGESN)).expect("committed grid");
    let checked = CheckedGrid::from_json(&text).expect("no problem");
    let warnings: Vec<String> = checked.warnings().iter().map(|w| format!("{}: {}", w.code, w.message.fr)).collect();
    expect![[r#"
        small_family: la famille pèse 4,32 sur 100 (moins de 5 %) : son poids risque de ne pas compter dans le classement
        small_family: la famille pèse 3,96 sur 100 (moins de 5 %) : son poids risque de ne pas compter dans le classement
        small_family: la famille pèse 2,88 sur 100 (moins de 5 %) : son poids risque de ne pas compter dans le classement"#]].assert_eq(&warnings.join("\n"));
}

/// Runs `jauge` from the repository's root.
fn jauge(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jauge")).args(args).current_dir(root()).output().expect("jauge runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 output"),
        String::from_utf8(out.stderr).expect("utf-8 errors"),
    )
}

/// The command, its exit code and outputs against `reference/expected/NAME.txt`.
fn check(name: &str, args: &[&str], code: i32) {
    let (status, stdout, stderr) = jauge(args);
    let shown = format!("$ jauge {}\nexit {status}\n--- stdout\n{stdout}--- stderr\n{stderr}", args.join(" "));
    expect_file![format!("reference/expected/{name}.txt")].assert_eq(&shown);
    assert_eq!(status, code, "{name}: {stderr}");
}

#[test]
fn the_cli_checks_the_grid_writes_its_forms_and_reads_one_filled_by_openpyxl() {
    check("check-grid", &["check-grid", RGESN], 0);
    let dir = "target/cli-reference";
    let _ = std::fs::remove_dir_all(root().join(dir));
    std::fs::create_dir_all(root().join(dir)).expect("scratch folder");
    for ext in ["xlsx", "ods", "csv"] {
        let out = format!("{dir}/cadre-rgesn.{ext}");
        let (status, _, stderr) = jauge(&["template", "--grid", RGESN, "-o", &out]);
        assert_eq!(status, 0, "{ext}: {stderr}");
        // Read back unchanged: no answer anywhere, the offer is irregular for its missing price.
        let (status, stdout, stderr) = jauge(&["evaluate", "--format", "json", "--grid", RGESN, &out]);
        assert_eq!(status, 0, "{ext}: {stderr}");
        let report: Value = serde_json::from_str(&stdout).expect("a report");
        let offer = &report["offers"][0];
        assert_eq!(offer["status"], "irregular", "{ext}");
        assert_eq!(offer["criteria"].as_array().map(Vec::len), Some(79), "{ext}");
    }
    // The form written by Jauge, filled by openpyxl (`reference/fill.py`, committed).
    check(
        "evaluate-openpyxl",
        &["evaluate", "--summary", "--grid", RGESN, "crates/jauge-cli/tests/reference/rempli-openpyxl.xlsx"],
        0,
    );
    // How each kind of answer was read: the options, the not-applicable option, a bare « Non
    // applicable » (a non-answer for the engine: no points), the price.
    let filled = "crates/jauge-cli/tests/reference/rempli-openpyxl.xlsx";
    let (_, stdout, _) = jauge(&["evaluate", "--format", "json", "--grid", RGESN, filled]);
    let report: Value = serde_json::from_str(&stdout).expect("a report");
    let read: Vec<String> = report["offers"][0]["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .filter(|c| {
            ["RGESN-1.1", "RGESN-1.3", "RGESN-1.7", "RGESN-2.3", "RGESN-2.6", "PRIX"]
                .contains(&c["id"].as_str().unwrap_or(""))
        })
        .map(|c| format!("{} {} {} → {}", c["id"], c["location"], c["raw"], c["explanation"]["fr"]))
        .collect();
    expect![[r#"
        "RGESN-1.1" "Réponse!F2" "Conforme" → "réponse « Conforme » → 100 % de 1,08 point = 1,08 point"
        "RGESN-1.3" "Réponse!F4" "Non conforme" → "réponse « Non conforme » → 0 % de 0,72 point = 0 point"
        "RGESN-1.7" "Réponse!F8" "Non applicable (justifié)" → "réponse « Non applicable (justifié) » → 100 % de 0,36 point = 0,36 point"
        "RGESN-2.3" "Réponse!F14" "Non applicable" → "« Non applicable », lu comme une absence de réponse → 0 % de 0,72 point = 0 point"
        "RGESN-2.6" "Réponse!F17" "Non conforme" → "réponse « Non conforme » → 0 % de 0,72 point = 0 point"
        "PRIX" "Réponse!F80" "82 000 € HT, TVA 20 %, soit 98 400 € TTC" → "prix 98 400 € ; prix le plus bas 98 400 € ; 39,88 × 98 400 € / 98 400 € = 39,88 points""#]].assert_eq(&read.join("\n"));
}

#[test]
fn the_reference_catalogue_is_what_catalogue_build_makes() {
    let dir = "target/cli-reference-catalogue";
    let _ = std::fs::remove_dir_all(root().join(dir));
    std::fs::create_dir_all(root().join(dir).join("rgesn-2024")).expect("scratch folder");
    std::fs::copy(root().join(RGESN), root().join(dir).join("rgesn-2024/1.0.0-draft.json")).expect("copied");
    check("catalogue-build", &["catalogue", "build", "--publisher", PUBLISHER, dir], 0);
    let built = std::fs::read_to_string(root().join(dir).join("catalogue.json")).expect("built");
    let committed = std::fs::read_to_string(root().join(CATALOGUE).join("catalogue.json")).unwrap_or_default();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(root().join(CATALOGUE).join("catalogue.json"), &built).expect("written");
    } else {
        assert_eq!(committed, built, "criteria/reference/catalogue/catalogue.json is stale: UPDATE_EXPECT=1");
    }
}

/// The app offers every grid of the reference catalogue, at the address `xtask` serves it under
/// (`reference/<file>`), with its titles (`jauge_web::state::REFERENCE_GRIDS`, read as text: the
/// web crate builds for the browser).
#[test]
fn the_app_offers_every_reference_grid() {
    let app = std::fs::read_to_string(root().join("crates/jauge-web/src/state/mod.rs")).expect("the app's state");
    let catalogue = std::fs::read_to_string(root().join(CATALOGUE).join("catalogue.json")).expect("catalogue");
    let catalogue: Value = serde_json::from_str(&catalogue).expect("json");
    let grids = catalogue["grids"].as_array().expect("grids");
    assert!(!grids.is_empty());
    for grid in grids {
        for release in grid["versions"].as_array().expect("versions") {
            let file = format!("\"reference/{}\"", release["file"].as_str().expect("file"));
            assert!(app.contains(&file), "{file} is not in REFERENCE_GRIDS");
        }
        for lang in ["fr", "en"] {
            let title = format!("\"{}\"", grid["title"][lang].as_str().expect("title"));
            assert!(app.contains(&title), "{title} is not in REFERENCE_GRIDS");
        }
    }
}
