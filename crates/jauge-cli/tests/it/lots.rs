//! Lots from the command line: each lot's ranking in turn, one lot with `--lot`, the JSON shape,
//! and the per-lot response form read back (one file answering two lots, one answering lot 2
//! only, one answering a lot it does not bid for).

use crate::{check, jauge, root};

const GRID: &str = "tests/cases/lots/grid.json";

fn offers() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (dir, ext, prefix) in [("tests/cases/lots/offers", "json", ""), ("tests/cases/lots/forms", "xlsx", "lots-")] {
        let mut files: Vec<String> = std::fs::read_dir(root().join(dir))
            .expect("offers")
            .map(|e| e.expect("entry").file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(ext) && n.starts_with(prefix))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

fn args<'a>(first: &[&'a str], offers: &'a [String]) -> Vec<&'a str> {
    first.iter().copied().chain(offers.iter().map(String::as_str)).collect()
}

#[test]
fn each_lot_is_ranked_in_turn_on_its_own_offers() {
    let offers = offers();
    assert_eq!(offers.len(), 10, "seven JSON offers and three filled forms");
    check("lots-summary", &args(&["evaluate", "--summary", "--grid", GRID], &offers), 0);
    check("lots-lot2-en", &args(&["--lang", "en", "evaluate", "--summary", "--lot", "2", "--grid", GRID], &offers), 0);
    check("lots-unknown", &args(&["evaluate", "--lot", "3", "--grid", GRID], &offers), 1);
    check("lots-csv-needs-a-lot", &args(&["evaluate", "--format", "csv", "--grid", GRID], &offers), 1);
    check("lots-check-grid", &["check-grid", GRID], 0);
    check(
        "lots-no-lots",
        &["evaluate", "--lot", "1", "--grid", "criteria/hebergement.json", "tests/cases/hebergement/offers/a.json"],
        1,
    );
}

#[test]
fn the_json_output_of_a_grid_with_lots_is_one_report_per_lot() {
    let offers = offers();
    let (status, stdout, stderr) = jauge(&args(&["evaluate", "--format", "json", "--grid", GRID], &offers));
    assert_eq!(status, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let lots = value["lots"].as_array().expect("lots");
    assert_eq!(lots.len(), 2);
    let suppliers = |i: usize| -> Vec<String> {
        lots[i]["report"]["offers"]
            .as_array()
            .expect("offers")
            .iter()
            .map(|o| o["supplier"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    // Kerlann answers both lots in one file: an offer in each, with the file's SHA-256 and its lot.
    assert!(suppliers(0).contains(&"Kerlann Numérique".to_string()));
    assert!(suppliers(1).contains(&"Kerlann Numérique".to_string()));
    // Rance bids for lot 2 only; Quimper's answers to lot 2, which it does not bid for, are not scored.
    assert!(!suppliers(0).contains(&"Rance Applications".to_string()));
    assert!(!suppliers(1).contains(&"Quimper Hébergement".to_string()));
    let kerlann: Vec<&serde_json::Value> = lots
        .iter()
        .flat_map(|l| l["report"]["offers"].as_array().expect("offers"))
        .filter(|o| o["supplier"] == "Kerlann Numérique")
        .collect();
    assert_eq!(kerlann[0]["sha256"], kerlann[1]["sha256"]);
    assert_ne!(kerlann[0]["id"], kerlann[1]["id"]);
    assert_eq!(value["unassigned"].as_array().expect("unassigned").len(), 1);
}

#[test]
fn the_form_of_a_grid_with_lots_has_a_sheet_per_lot_and_a_lot_column_in_csv() {
    let dir = std::env::temp_dir().join(format!("jauge-lots-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv = dir.join("cadre.csv");
    let (status, _, stderr) = jauge(&["template", "--grid", GRID, "-o", &csv.display().to_string()]);
    assert_eq!(status, 0, "{stderr}");
    let text = std::fs::read_to_string(&csv).expect("csv");
    assert!(text.contains("Candidat au lot 2 — Tierce maintenance applicative (Oui / Non);"));
    assert!(text.contains("\r\nLot;Identifiant;"));
    assert!(text.contains("\r\n1;SEC-01;") && text.contains("\r\n2;SEC-01;"));
    // Filled: lot 2 declared and answered in the csv's rows; read back as one offer for lot 2.
    let filled = text
        .replace("Nom du candidat;", "Nom du candidat;Vilaine TMA")
        .replace("(Oui / Non);\r\n", "(Oui / Non);Oui\r\n")
        .replace("Candidat au lot 1 — Hébergement (Oui / Non);Oui", "Candidat au lot 1 — Hébergement (Oui / Non);Non")
        .replace("\r\n2;PRIX-2;Prix de la maintenance;Montant total HT de la maintenance sur la durée du marché;un prix en EUR;EUR (montant);;", "\r\n2;PRIX-2;Prix de la maintenance;Montant total HT de la maintenance sur la durée du marché;un prix en EUR;EUR (montant);71 000 € HT;");
    let path = dir.join("vilaine.csv");
    std::fs::write(&path, filled).expect("write");
    let (status, stdout, stderr) =
        jauge(&["evaluate", "--format", "json", "--lot", "2", "--grid", GRID, &path.display().to_string()]);
    assert_eq!(status, 0, "{stderr}");
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let offer = &value["lots"][0]["report"]["offers"][0];
    assert_eq!(offer["supplier"], "Vilaine TMA");
    let price = offer["criteria"].as_array().expect("criteria").iter().find(|c| c["id"] == "PRIX-2").expect("price");
    assert_eq!(price["value"], 71000.0);
    assert_eq!(price["location"], "vilaine.csv!G25");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_analysis_report_of_a_tender_with_lots_has_a_part_per_lot() {
    let offers = offers();
    let session = crate::temp("lots-session.json");
    let session_arg = session.display().to_string();
    let (status, _, stderr) = jauge(&args(&["session", "--grid", GRID, "-o", &session_arg], &offers));
    assert_eq!(status, 0, "{stderr}");
    let out = crate::temp("rapport-lots.html");
    let out_arg = out.display().to_string();
    let (status, stdout, stderr) =
        jauge(&["report", "--session", &session_arg, "--date", "2026-11-30T10:00:00Z", "-o", &out_arg]);
    assert_eq!(status, 0, "{stderr}");
    let stdout = stdout.replace(&out_arg, "rapport-lots.html");
    let html = std::fs::read_to_string(&out).expect("written");
    expect_test::expect_file!["expected/lots-report.html"].assert_eq(&html);
    expect_test::expect_file!["expected/lots-report-stdout.txt"].assert_eq(&stdout);
    // Each lot ranks its own offers: Rance (lot 2 only) is never in lot 1's part.
    // The report's outline: a lot's sections one level under its heading (h3, indented here).
    let headings: Vec<String> = html
        .split("<h")
        .filter_map(|h| match h.as_bytes().first() {
            Some(b'2') => h.strip_prefix("2>")?.split("</h2>").next().map(str::to_string),
            Some(b'3') => h.strip_prefix("3>")?.split("</h3>").next().map(|t| format!("  {t}")),
            _ => None,
        })
        .collect();
    let start = html.find("<h2>Lot 1").expect("a part for lot 1");
    let end = html.find("<h2>Lot 2").expect("a part for lot 2");
    let lot1 = &html[start..end];
    assert!(!lot1.contains("Rance Applications"), "Rance bids for lot 2 only");
    assert!(lot1.contains("Kerlann Numérique"));
    expect_test::expect![[r#"
        [
            "1. Identification",
            "2. Commission d&#39;évaluation",
            "Lot 1 : Hébergement",
            "  Lot 1 · 3. Méthode d&#39;analyse",
            "  Lot 1 · 4. Offres reçues",
            "  Lot 1 · 5. Offres écartées et motifs",
            "  Lot 1 · 6. Offres paraissant anormalement basses",
            "  Lot 1 · 7. Classement des offres",
            "  Lot 1 · 8. Appréciations des évaluateurs",
            "  Lot 1 · 9. Décisions enregistrées",
            "  Lot 1 · 10. Proposition d&#39;attribution",
            "Lot 2 : Tierce maintenance applicative",
            "  Lot 2 · 3. Méthode d&#39;analyse",
            "  Lot 2 · 4. Offres reçues",
            "  Lot 2 · 5. Offres écartées et motifs",
            "  Lot 2 · 6. Offres paraissant anormalement basses",
            "  Lot 2 · 7. Classement des offres",
            "  Lot 2 · 8. Appréciations des évaluateurs",
            "  Lot 2 · 9. Décisions enregistrées",
            "  Lot 2 · 10. Proposition d&#39;attribution",
            "Offres sans lot identifié",
            "11. Signatures",
            "Lot 1 · Annexe A. Points par critère",
            "Lot 1 · Annexe E. Réponses lues et notation, offre par offre",
            "  Lot 1 · E.1 Dinan Infogérance (dinan-lot1.json)",
            "  Lot 1 · E.2 Armor Cloud (armor-lot1.json)",
            "  Lot 1 · E.3 Quimper Hébergement (lots-non-candidat.xlsx)",
            "  Lot 1 · E.4 Celtic Datacenter (celtic-lot1.json)",
            "  Lot 1 · E.5 Kerlann Numérique (lots-deux-lots.xlsx)",
            "Lot 2 · Annexe A. Points par critère",
            "Lot 2 · Annexe E. Réponses lues et notation, offre par offre",
            "  Lot 2 · E.1 Kerlann Numérique (lots-deux-lots.xlsx)",
            "  Lot 2 · E.2 Rance Applications (lots-lot2-seul.xlsx)",
            "  Lot 2 · E.3 Armor Cloud (armor-lot2.json)",
            "  Lot 2 · E.4 Breizh Logiciels (breizh-lot2.json)",
            "  Lot 2 · E.5 Dinan Infogérance (dinan-lot2.json)",
            "Textes cités",
        ]
    "#]]
    .assert_debug_eq(&headings);
}
