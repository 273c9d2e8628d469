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
    assert!(text.contains("le prix unitaire prévaut et le montant est recalculé"));
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

/// The benchmark of the issue: a 2 000-line schedule (200 lines with a hidden quantity, one
/// optional group) answered by 20 bidders in xlsx, each file read and the whole priced. Run with
/// `cargo test --release -p jauge-sheets --test it -- --ignored --nocapture schedule::bench`.
#[test]
#[ignore]
fn bench_reading_and_pricing_a_2000_line_schedule_for_20_offers() {
    const LINES: usize = 2_000;
    const OFFERS: usize = 20;
    let lines: Vec<serde_json::Value> = (0..LINES)
        .map(|i| {
            let mut l =
                serde_json::json!({"id": format!("L{i}"), "designation": {"fr": format!("Ligne {i}")}, "unit": "u"});
            if i % 10 != 0 {
                l["quantity"] = serde_json::json!((i % 13 + 1) as f64);
            }
            if i >= LINES - 50 {
                l["group"] = serde_json::json!("pse");
            }
            l
        })
        .collect();
    let grid = serde_json::json!({
        "format": "jauge-grid/1", "id": "banc-bpu", "version": "1.0.0", "title": {"fr": "Banc BPU"},
        "publisher": "bench", "scale": 100, "price_basis": "HT",
        "families": [{"id": "prix", "label": {"fr": "Prix"}, "criteria": [{
            "id": "PRIX", "label": {"fr": "Prix"}, "question": {"fr": "Prix"}, "answer": {"type": "price"},
            "rule": {"kind": "price", "method": "proportional"}, "weight": 100, "tags": ["environment"],
            "schedule": {"groups": [{"id": "pse", "label": {"fr": "PSE"}, "optional": true}], "lines": lines}
        }]}]
    });
    let hidden: BTreeMap<String, f64> = (0..LINES).filter(|i| i % 10 == 0).map(|i| (format!("L{i}"), 5.0)).collect();
    let quantities =
        serde_json::json!({"format": "jauge-quantities/1", "grid": "banc-bpu", "quantities": {"PRIX": hidden}});
    let grid = CheckedGrid::from_json(&grid.to_string())
        .expect("grid")
        .with_quantities(&quantities.to_string())
        .expect("quantities")
        .keeping(&["pse".to_string()]);
    let files: Vec<Vec<u8>> = (0..OFFERS)
        .map(|o| {
            let mut book = rust_xlsxwriter::Workbook::new();
            let cover = book.add_worksheet();
            cover.set_name("Candidat").expect("name");
            cover.write_string(0, 0, "Nom du candidat").expect("cell");
            cover.write_string(0, 1, format!("Candidat {o}")).expect("cell");
            let sheet = book.add_worksheet();
            sheet.set_name("Bordereau de prix").expect("name");
            for (c, h) in jauge_sheets::HEADERS.iter().enumerate() {
                sheet.write_string(0, c as u16, *h).expect("header");
            }
            let mut r = 1u32;
            for i in 0..LINES {
                let price = 10.0 + ((i * 7 + o * 13) % 500) as f64 + o as f64 / 10.0;
                sheet.write_string(r, 0, format!("PRIX/L{i}")).expect("id");
                sheet.write_string(r, 5, format!("{} €", price.to_string().replace('.', ","))).expect("price");
                r += 1;
                if i % 10 != 0 {
                    sheet.write_string(r, 0, format!("PRIX/L{i}/total")).expect("id");
                    sheet.write_number(r, 5, price * (i % 13 + 1) as f64).expect("total");
                    r += 1;
                }
            }
            book.save_to_buffer().expect("xlsx")
        })
        .collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let start = std::time::Instant::now();
    let offers: Vec<Offer> = files
        .iter()
        .enumerate()
        .map(|(i, f)| read_offer(&format!("o{i}.xlsx"), f, &grid, &Limits::default()).expect("read"))
        .collect();
    let read = start.elapsed();
    let start = std::time::Instant::now();
    let report = jauge_engine::evaluate(&grid, &offers);
    let priced = start.elapsed();
    let start = std::time::Instant::now();
    let comparisons = jauge_engine::schedule::comparisons(&grid, &offers, &report);
    let compared = start.elapsed();
    assert_eq!(comparisons[0].lines.len(), LINES);
    assert!(report.offers.iter().all(|o| o.status == jauge_engine::Status::Ranked));
    println!(
        "{OFFERS} offers × {LINES} lines ({} KB of xlsx): reading {:.0} ms, evaluation with pricing {:.0} ms, line comparison {:.0} ms",
        bytes / 1024,
        read.as_secs_f64() * 1000.0,
        priced.as_secs_f64() * 1000.0,
        compared.as_secs_f64() * 1000.0
    );
}
