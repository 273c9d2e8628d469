//! The analysis report of the sample tender's committee session as a workbook (the sheets
//! `jauge-sheets` writes from the report's document), read back as a buyer's spreadsheet program
//! would.

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use jauge_engine::Lang;
use jauge_sheets::{FormKind, write_document};

fn text(d: &Data) -> String {
    match d {
        Data::Float(x) => format!("{x}"),
        Data::Int(n) => n.to_string(),
        other => other.to_string(),
    }
}

#[test]
fn the_analysis_workbook_holds_every_section_of_the_report() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/portail-citoyen/commission/session.json");
    let session =
        jauge_engine::session::Session::from_json("session.json", &std::fs::read_to_string(path).expect("sample"))
            .expect("a session");
    let analysis = jauge_analysis::Analysis::new(
        &session,
        "session.json",
        "2026-11-22T10:00:00Z",
        jauge_analysis::Annex::AgreedMarksOnly,
    )
    .expect("valid");
    let document = jauge_analysis::document::document(&analysis, Lang::Fr);
    for (kind, ext) in [(FormKind::Xlsx, "xlsx"), (FormKind::Ods, "ods")] {
        let bytes = write_document(&document, kind).expect("written");
        let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("a workbook calamine opens");
        assert_eq!(
            book.sheet_names(),
            [
                "Analyse des offres (procédure",
                "1. Identification",
                "2. Commission d'évaluation",
                "3. Méthode d'analyse",
                "4. Offres reçues",
                "5. Offres écartées et motifs",
                "6. Offres paraissant",
                "7. Classement des offres",
                "8. Appréciations des",
                "9. Décisions enregistrées",
                "10. Proposition d'attribution",
                "11. Signatures",
                "Annexe A. Points par critère",
                "Annexe E. Réponses lues et",
                "E.1 Éco Portail Express",
                "E.2 Ker Développement",
                "E.3 Armor Numérique SCOP",
                "E.4 Cité Connect SAS",
                "E.5 Portail Plus",
                "E.6 Nuage Global Ltd",
                "Textes cités"
            ],
            "{ext}: the title's sheet, then one per heading (cut after a word at 31 characters)"
        );
        let mut sheet = |name: &str| -> Vec<Vec<String>> {
            let range = book.worksheet_range(name).expect(name);
            range.rows().map(|r| r.iter().map(text).collect()).collect()
        };
        let value = |rows: &[Vec<String>], key: &str| {
            rows.iter().find(|r| r[0] == key).map(|r| r[1].clone()).unwrap_or_default()
        };
        let record = sheet("1. Identification");
        assert_eq!(record[0][0], "1. Identification", "{ext}: the heading heads its sheet");
        assert_eq!(value(&record, "Référence"), "2026-PC-014", "{ext}");
        assert_eq!(value(&record, "Rapport établi le"), "22/11/2026 à 11:00 (heure de Paris)", "{ext}");
        assert_eq!(value(&record, "Empreinte SHA-256 de la session"), session.fingerprint(), "{ext}");
        let received = sheet("4. Offres reçues");
        assert_eq!(received[1][..2], ["Soumissionnaire", "SIRET"], "{ext}: the table's header");
        assert_eq!(received.len(), 10, "{ext}: heading, header, six offers, a blank row and what was verified");
        assert!(received[9][0].starts_with("Vérification : le contenu de chaque offre"), "{ext}: {:?}", received[9]);
        let nuage = received.iter().find(|r| r[0] == "Nuage Global Ltd").expect("listed");
        assert_eq!(nuage[4], "irrégulière", "{ext}");
        let set_aside = sheet("5. Offres écartées et motifs");
        assert!(
            set_aside.iter().any(|r| r[0] == "Nuage Global Ltd" && r[2].contains("Plan de réversibilité")),
            "{ext}"
        );
        // The ranking words flags as the signed report does: the explanations were accepted. Ranks
        // and points are numbers.
        let ranking = sheet("7. Classement des offres");
        assert_eq!(ranking[1][..2], ["Rang", "Soumissionnaire"], "{ext}");
        let eco = ranking.iter().find(|r| r[1] == "Éco Portail Express").expect("ranked");
        assert_eq!(eco[0], "1", "{ext}");
        assert!(eco.iter().any(|c| c == "explications acceptées le 28/10/2026"), "{ext}");
        let decisions = sheet("9. Décisions enregistrées");
        assert_eq!(decisions.len(), 4, "{ext}: heading, header and two decisions");
        assert_eq!(decisions[2][5], "explications admises, offre maintenue", "{ext}");
        let award = sheet("10. Proposition d'attribution");
        assert_eq!(award[1][0], "Attributaire proposé : Éco Portail Express", "{ext}");
    }
}
