//! The results export read back by calamine, as a buyer's spreadsheet program would: every offer
//! of the sample tender with its status, total and rank, in xlsx, ods and csv.

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use jauge_engine::{CheckedGrid, Lang, Report};
use jauge_sheets::{FormKind, Limits, read_offer, write_results};

use super::root;

fn sample_report() -> Report {
    let grid = std::fs::read_to_string(root().join("criteria/numerique-responsable.json")).expect("grid");
    let grid = CheckedGrid::from_json(&grid).expect("valid grid");
    let dir = root().join("samples/portail-citoyen/tableurs");
    let mut offers = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("samples").filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("offre-") {
            let bytes = std::fs::read(entry.path()).expect("sample file");
            offers.push(read_offer(&name, &bytes, &grid, &Limits::default()).expect("readable sample"));
        }
    }
    jauge_engine::evaluate(&grid, &offers)
}

fn text(d: &Data) -> String {
    match d {
        Data::Float(x) => format!("{x:.4}"),
        Data::Int(n) => n.to_string(),
        other => other.to_string(),
    }
}

#[test]
fn the_results_workbook_holds_every_offer_as_the_report_says() {
    let report = sample_report();
    assert_eq!(report.offers.len(), 6);
    for (kind, ext) in [(FormKind::Xlsx, "xlsx"), (FormKind::Ods, "ods")] {
        let bytes = write_results(&report, kind, Lang::Fr).expect("written");
        let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("a workbook calamine opens");
        assert_eq!(book.sheet_names(), ["Classement", "Détail", "Prix", "Grille"], "{ext}");
        let ranking = book.worksheet_range("Classement").expect("ranking sheet");
        let rows: Vec<Vec<String>> = ranking.rows().map(|r| r.iter().map(text).collect()).collect();
        assert_eq!(
            rows[0][..7],
            ["Rang", "Soumissionnaire", "SIRET", "Fichier", "SHA-256 du fichier", "Statut", "Total /100"]
        );
        assert_eq!(rows.len(), 1 + report.offers.len(), "{ext}");
        for (row, offer) in rows[1..].iter().zip(&report.offers) {
            assert_eq!(row[0], offer.rank.map_or("—".to_string(), |r| r.to_string()), "{ext} rank");
            assert_eq!(row[1], offer.supplier, "{ext}");
            assert_eq!(row[3], offer.source, "{ext}");
            assert_eq!(Some(&row[4]), offer.sha256.as_ref(), "{ext}");
            assert_eq!(row[5], offer.status.label(Lang::Fr), "{ext}");
            assert_eq!(row[6], format!("{:.4}", offer.total), "{ext} total");
        }
        let detail = book.worksheet_range("Détail").expect("detail sheet");
        let criteria: usize = report.offers.iter().map(|o| o.criteria.len()).sum();
        assert_eq!(detail.height(), 1 + criteria, "{ext}: one row per offer and criterion");
        let cells: Vec<String> = detail.rows().nth(1).expect("a row").iter().map(text).collect();
        assert!(cells[5].starts_with("Réponse!"), "{ext}: the cell of the answer, got {:?}", cells[5]);
    }
    let csv = String::from_utf8(write_results(&report, FormKind::Csv, Lang::Fr).expect("csv")).expect("UTF-8");
    assert!(
        csv.starts_with("\u{feff}Rang;Soumissionnaire;SIRET;Fichier;SHA-256 du fichier;Statut;Total /100;"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + report.offers.len());
    let english = String::from_utf8(write_results(&report, FormKind::Csv, Lang::En).expect("csv")).expect("UTF-8");
    assert!(english.starts_with("\u{feff}Rank,Bidder,"), "{english}");
}

/// The text of one part of an xlsx (a zip of XML files).
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut part = String::new();
    zip.by_name(name).expect("the part").read_to_string(&mut part).expect("UTF-8");
    part
}

#[test]
fn the_results_speak_french_and_show_numbers_with_two_decimals() {
    let report = sample_report();
    let bytes = write_results(&report, FormKind::Xlsx, Lang::Fr).expect("written");
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes.clone())).expect("a workbook");
    // The price method and the families in words, not as the grid's ids or the code's names.
    let price = book.worksheet_range("Prix").expect("price sheet");
    assert_eq!(price.get((1, 1)).map(text).as_deref(), Some("proportionnelle"));
    let detail = book.worksheet_range("Détail").expect("detail sheet");
    let families: std::collections::BTreeSet<String> = detail.rows().skip(1).map(|r| text(&r[3])).collect();
    assert!(families.contains("Interopérabilité") && families.contains("Prix"), "{families:?}");
    // Every number that is not whole is shown with a format: no 71107.81694504543 on screen.
    let styles = xlsx_part(&bytes, "xl/styles.xml");
    assert!(styles.contains("formatCode=\"0.00\""), "{styles}");
    for sheet in 1..=3 {
        let xml = xlsx_part(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
        for cell in xml.split("<c ").skip(1) {
            let tag = cell.split('>').next().unwrap_or_default();
            let value = cell.split("<v>").nth(1).and_then(|v| v.split("</v>").next()).unwrap_or_default();
            if !tag.contains(" t=") && value.contains('.') {
                assert!(tag.contains(" s=\""), "sheet{sheet}: {cell:.80}");
            }
        }
    }
}
