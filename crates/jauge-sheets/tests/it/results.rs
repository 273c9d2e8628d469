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

/// The bpu-dqe case evaluated as its golden report was (hidden quantities, PSE 1 kept), with its
/// schedules' line-by-line comparison; `edit` may change an offer's JSON text first.
fn priced_case(
    edit: impl Fn(&str, String) -> String,
) -> (CheckedGrid, Report, Vec<jauge_engine::schedule::Comparison>) {
    let dir = root().join("tests/cases/bpu-dqe");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("case file");
    let grid = CheckedGrid::from_json(&read("grid.json"))
        .expect("valid grid")
        .with_quantities(&read("quantities.json"))
        .expect("quantities fit")
        .keeping(&["pse-formation".to_string()]);
    let offers: Vec<jauge_engine::Offer> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|n| {
            let name = format!("{n}.json");
            let text = edit(&name, read(&format!("offers/{name}")));
            read_offer(&name, text.as_bytes(), &grid, &Limits::default()).expect("readable offer")
        })
        .collect();
    let report = jauge_engine::evaluate(&grid, &offers);
    let comparisons = jauge_engine::schedule::comparisons(&grid, &offers, &report);
    (grid, report, comparisons)
}

#[test]
fn the_price_lines_compare_every_offer_line_by_line_the_cheapest_and_low_lines_marked() {
    use jauge_sheets::{schedule_lines, write_priced_results, write_tables};
    let (grid, report, comparisons) = priced_case(|_, text| text);
    let csv = String::from_utf8(
        write_tables(&[schedule_lines(grid.grid(), &comparisons, &report, Lang::Fr)], FormKind::Csv, Lang::Fr)
            .expect("csv"),
    )
    .expect("UTF-8");
    // Every line of every offer: C's line total corrected, D's missing price counted at the
    // highest of the others', E's line 2.3 far below the median, the cheapest of each line marked.
    expect_test::expect_file!["../../../../tests/cases/bpu-dqe/lignes-de-prix.csv"].assert_eq(&csv);
    let english = String::from_utf8(
        write_tables(&[schedule_lines(grid.grid(), &comparisons, &report, Lang::En)], FormKind::Csv, Lang::En)
            .expect("csv"),
    )
    .expect("UTF-8");
    assert!(english.starts_with("\u{feff}Criterion,Line,Designation,Unit,Quantity,Counted,Bidder,"), "{english}");
    // In the workbooks, a sheet after the price analysis, amounts as numbers.
    for kind in [FormKind::Xlsx, FormKind::Ods] {
        let bytes = write_priced_results(&report, grid.grid(), &comparisons, kind, Lang::Fr).expect("written");
        let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("a workbook calamine opens");
        assert_eq!(book.sheet_names(), ["Classement", "Détail", "Prix", "Lignes de prix", "Grille"]);
        let lines = book.worksheet_range("Lignes de prix").expect("lines sheet");
        let lines_of_schedule = comparisons[0].lines.len();
        assert_eq!(lines.height(), 1 + lines_of_schedule * report.offers.len());
        assert!(matches!(lines.get((1, 10)), Some(Data::Float(_))), "{:?}", lines.get((1, 10)));
    }
    // Without a schedule, the workbook is the plain results'.
    let plain = write_priced_results(&report, grid.grid(), &[], FormKind::Xlsx, Lang::Fr).expect("written");
    let book = open_workbook_auto_from_rs(std::io::Cursor::new(plain)).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Classement", "Détail", "Prix", "Grille"]);
}

#[test]
fn a_bidder_s_text_in_a_price_cell_stays_text_in_the_price_lines() {
    use jauge_sheets::{schedule_lines, write_tables};
    let formula = "=HYPERLINK(\"http://exemple.invalid\";\"prix\")";
    let (grid, report, comparisons) = priced_case(|name, text| match name {
        "c.json" => text.replace("\"PRIX/3.1\": \"5 000\"", &format!("\"PRIX/3.1\": {}", serde_json::json!(formula))),
        _ => text,
    });
    let csv = String::from_utf8(
        write_tables(&[schedule_lines(grid.grid(), &comparisons, &report, Lang::Fr)], FormKind::Csv, Lang::Fr)
            .expect("csv"),
    )
    .expect("UTF-8");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://exemple.invalid\"\";\"\"prix\"\")\""), "{csv}");
    let bytes = write_tables(&[schedule_lines(grid.grid(), &comparisons, &report, Lang::Fr)], FormKind::Xlsx, Lang::Fr)
        .expect("xlsx");
    let sheet = xlsx_part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formula in the sheet");
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("a workbook");
    let lines = book.worksheet_range("Lignes de prix").expect("lines sheet");
    assert!(lines.rows().any(|r| r.get(8).is_some_and(|c| *c == Data::String(formula.to_string()))));
}
