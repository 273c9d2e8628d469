//! The response form's price sheet (« Bordereau de prix ») filled with the bpu-dqe case's
//! answers in each format and read back: the same compared prices and findings as the case's
//! JSON offers, each finding located at its cell.

use std::collections::BTreeMap;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use jauge_engine::{CheckedGrid, Offer, Raw, Report};
use jauge_sheets::{FormKind, Limits, read_offer, write_form};

use crate::root;

fn case(path: &str) -> std::path::PathBuf {
    root().join("tests/cases/bpu-dqe").join(path)
}

fn grid() -> CheckedGrid {
    let text = std::fs::read_to_string(case("grid.json")).expect("grid");
    let quantities = std::fs::read_to_string(case("quantities.json")).expect("quantities");
    CheckedGrid::from_json(&text)
        .expect("valid")
        .with_quantities(&quantities)
        .expect("quantities")
        .keeping(&["pse-formation".to_string()])
}

fn json_offers() -> Vec<Offer> {
    ["a", "b", "c", "d", "e"]
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(case(&format!("offers/{n}.json"))).expect("offer");
            Offer::from_json(&format!("{n}.json"), &text).expect("offer")
        })
        .collect()
}

/// The answers of an offer as the cells a bidder types, by row id.
fn answers(o: &Offer) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = o
        .responses
        .iter()
        .filter_map(|(k, r)| match &r.raw {
            Some(Raw::Text(t)) => Some((k.clone(), t.clone())),
            _ => None,
        })
        .collect();
    out.insert("Nom du candidat".into(), o.supplier.name.clone());
    out
}

/// The csv form with the answers typed in the answer column, the name on the cover.
fn csv(o: &Offer) -> Vec<u8> {
    let form = write_form(&grid(), FormKind::Csv).expect("form");
    let a = answers(o);
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').flexible(true).has_headers(false).from_reader(&form[..]);
    let mut writer = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(Vec::new());
    for record in reader.records() {
        let mut cells: Vec<String> = record.expect("record").iter().map(str::to_string).collect();
        if let Some(v) = cells.first().and_then(|id| a.get(id)) {
            if cells.len() > 5 {
                cells[5] = v.clone();
            } else if cells.len() == 2 {
                cells[1] = v.clone();
            }
        }
        writer.write_record(&cells).expect("written");
    }
    writer.into_inner().expect("csv")
}

/// The ods form, read and written back by spreadsheet-ods with the answers in place.
fn ods(o: &Offer) -> Vec<u8> {
    let bytes = write_form(&grid(), FormKind::Ods).expect("form");
    let mut book = spreadsheet_ods::read_ods_buf(&bytes).expect("ods");
    let a = answers(o);
    for i in 0..book.num_sheets() {
        let sheet = book.sheet_mut(i);
        let (rows, _) = sheet.used_grid_size();
        for r in 0..rows {
            let Some(id) = sheet.value(r, 0).as_str_opt().map(str::to_string) else { continue };
            let Some(v) = a.get(&id) else { continue };
            let col = if sheet.name() == "Candidat" { 1 } else { 5 };
            sheet.set_value(r, col, v.as_str());
        }
    }
    spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).expect("written")
}

/// The xlsx form's cells read by calamine and written again with the answers in place.
fn xlsx(o: &Offer) -> Vec<u8> {
    let bytes = write_form(&grid(), FormKind::Xlsx).expect("form");
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    let a = answers(o);
    let mut out = rust_xlsxwriter::Workbook::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        let sheet = out.add_worksheet();
        sheet.set_name(&name).expect("name");
        for (r, row) in range.rows().enumerate() {
            let id = row.first().map(|c| c.to_string()).unwrap_or_default();
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Data::String(s) => sheet.write_string(r, c, s).map(|_| ()),
                    Data::Float(f) => sheet.write_number(r, c, *f).map(|_| ()),
                    _ => Ok(()),
                }
                .expect("cell");
            }
            if let Some(v) = a.get(&id) {
                let col = if name == "Candidat" { 1 } else { 5 };
                sheet.write_string(r as u32, col, v).expect("answer");
            }
        }
    }
    out.save_to_buffer().expect("xlsx")
}

/// Each offer's compared price, status and finding codes on the price.
fn summary(report: &Report) -> Vec<String> {
    let mut out: Vec<String> = report
        .offers
        .iter()
        .map(|o| {
            let price = o.criteria.iter().find(|c| c.id == "PRIX").map(|c| c.value.to_string()).unwrap_or_default();
            let codes: Vec<&str> = o
                .reasons
                .iter()
                .chain(&o.notes)
                .filter(|d| d.code.starts_with("schedule") || d.code == "abnormally_low")
                .map(|d| d.code.as_str())
                .collect();
            format!("{} {:?} {price} {codes:?}", o.supplier, o.status)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn the_price_sheet_read_back_gives_the_same_prices_and_findings_in_every_format() {
    let grid = grid();
    let offers = json_offers();
    let expected = summary(&jauge_engine::evaluate(&grid, &offers));
    type Fill = fn(&Offer) -> Vec<u8>;
    for (ext, fill) in [("csv", csv as Fill), ("ods", ods as Fill), ("xlsx", xlsx as Fill)] {
        let read: Vec<Offer> = offers
            .iter()
            .map(|o| {
                let name = o.source.replace(".json", &format!(".{ext}"));
                read_offer(&name, &fill(o), &grid, &Limits::default()).unwrap_or_else(|e| panic!("{ext}: {e}"))
            })
            .collect();
        for o in &read {
            let unknown: Vec<_> =
                o.diagnostics.iter().filter(|d| d.code == "unknown_criterion" || d.code == "missing_row").collect();
            assert!(unknown.is_empty(), "{ext}: {unknown:?}");
        }
        let report = jauge_engine::evaluate(&grid, &read);
        assert_eq!(summary(&report), expected, "{ext}");
        // Findings point at the cell of the price sheet.
        let gamma = report.offers.iter().find(|o| o.supplier == "Gamma Conseil").expect("C");
        let total = gamma.notes.iter().find(|d| d.code == "schedule_line_total").expect("line total");
        if ext != "csv" {
            assert_eq!(total.sheet.as_deref(), Some("Bordereau de prix"), "{ext}");
        }
        assert!(total.cell.is_some(), "{ext}: {total:?}");
    }
}

#[test]
fn the_form_announces_the_schedule_rules_and_hides_hidden_quantities() {
    let bytes = write_form(&grid(), FormKind::Xlsx).expect("form");
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    let cover = book.worksheet_range("Candidat").expect("cover");
    let text: Vec<String> = cover.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    let text = text.join("\n");
    assert!(
        text.contains("Prix unitaire absent : la ligne est comptée au prix unitaire le plus élevé des autres offres")
    );
    assert!(text.contains("le prix unitaire prévaut et le montant de la ligne est recalculé"));
    assert!(text.contains("Budget annoncé comme plafond (PRIX)\n72\u{202f}000 € TTC"), "{text}");
    assert!(book.sheet_names().contains(&"Bordereau de prix".to_string()));
    let form = String::from_utf8(write_form(&grid(), FormKind::Csv).expect("form")).expect("utf-8");
    assert!(form.contains(
        "PRIX/2.3;Journée de développement;\"Exploitation (3 ans) — prix unitaire HT ; quantité non communiquée\""
    ));
    // A hidden quantity is never in the form, nor is the line's amount asked.
    assert!(!form.contains("PRIX/2.3/total"));
    assert!(!form.contains("quantité estimée : 40"));
    assert!(form.contains("PRIX/tva;TVA;"));
    // No row for the price criterion itself: it is answered line by line.
    assert!(!form.contains("\r\nPRIX;"));
}

#[test]
fn a_life_cycle_cost_is_asked_in_the_price_sheet_and_read_back() {
    let grid = serde_json::json!({
        "format": "jauge-grid/1", "id": "lcc", "version": "1.0.0", "title": {"fr": "Postes de travail"},
        "publisher": "test", "scale": 100, "price_basis": "HT",
        "families": [{"id": "cout", "label": {"fr": "Coût"}, "criteria": [{
            "id": "COUT", "label": {"fr": "Coût du cycle de vie"}, "question": {"fr": "Coûts du parc de postes"},
            "answer": {"type": "price"}, "rule": {"kind": "price", "method": "proportional"}, "weight": 100,
            "tags": ["environment"],
            "life_cycle": {"years": 5, "energy_price": 0.2, "components": ["acquisition", "energy", "maintenance"]}
        }]}]
    });
    let grid = CheckedGrid::from_json(&grid.to_string()).expect("valid");
    let mut o = Offer::default();
    o.supplier.name = "Zeta".into();
    for (k, v) in [("COUT/acquisition", "50 000 €"), ("COUT/energy", "12 000 kWh"), ("COUT/maintenance", "2 000")] {
        o.responses
            .insert(k.into(), jauge_engine::Response { raw: Some(Raw::Text(v.into())), comment: None, location: None });
    }
    let form = String::from_utf8(write_form(&grid, FormKind::Csv).expect("form")).expect("utf-8");
    assert!(form.contains("COUT/energy;consommation d'énergie (kWh par an)"), "{form}");
    let xlsx = write_form(&grid, FormKind::Xlsx).expect("form");
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(xlsx)).expect("xlsx");
    let cover = book.worksheet_range("Candidat").expect("cover");
    let text: Vec<String> = cover.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(
        text.iter().any(|t| t
            .contains("coût = coût d'acquisition + kWh par an × 0,2 € par kWh × 5 ans + maintenance par an × 5 ans")),
        "{text:?}"
    );
    let filled = {
        let form = write_form(&grid, FormKind::Csv).expect("form");
        let a = answers(&o);
        let mut reader =
            csv::ReaderBuilder::new().delimiter(b';').flexible(true).has_headers(false).from_reader(&form[..]);
        let mut writer = csv::WriterBuilder::new().delimiter(b';').flexible(true).from_writer(Vec::new());
        for record in reader.records() {
            let mut cells: Vec<String> = record.expect("record").iter().map(str::to_string).collect();
            if let Some(v) = cells.first().and_then(|id| a.get(id)).cloned() {
                let col = if cells.len() > 5 { 5 } else { 1 };
                cells[col] = v;
            }
            writer.write_record(&cells).expect("written");
        }
        writer.into_inner().expect("csv")
    };
    let read = read_offer("zeta.csv", &filled, &grid, &Limits::default()).expect("read");
    let report = jauge_engine::evaluate(&grid, &[read]);
    // 50 000 + 12 000 × 0,2 × 5 + 2 000 × 5 = 72 000.
    assert_eq!(report.offers[0].criteria[0].value, serde_json::json!(72000.0));
    assert_eq!(report.offers[0].status, jauge_engine::Status::Ranked);
}

/// Forms filled in LibreOffice Calc (fr-FR, `tests/roundtrip/fill.py`) by Gamma (line totals that
/// do not add up) and Epsilon (a line far below the others'): read among the other JSON offers,
/// the same prices and findings as from their JSON offers.
#[test]
fn forms_filled_in_libreoffice_read_back_as_the_json_offers() {
    let grid = grid();
    let mut offers = json_offers();
    let expected = summary(&jauge_engine::evaluate(&grid, &offers));
    for (index, file) in [(2, "c-libreoffice.xlsx"), (4, "e-libreoffice.xlsx")] {
        let bytes = std::fs::read(case(&format!("forms/{file}"))).expect("fixture");
        let read = read_offer(file, &bytes, &grid, &Limits::default()).expect("read");
        let unread: Vec<_> =
            read.diagnostics.iter().filter(|d| d.code != "no_siret").map(|d| d.code.as_str()).collect();
        assert!(!unread.contains(&"unknown_criterion") && !unread.contains(&"missing_row"), "{file}: {unread:?}");
        if let Some(o) = offers.get_mut(index) {
            *o = read;
        }
    }
    assert_eq!(summary(&jauge_engine::evaluate(&grid, &offers)), expected);
}
