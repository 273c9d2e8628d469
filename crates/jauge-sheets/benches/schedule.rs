//! The benchmark of issue 13: a 2 000-line price schedule (200 lines with a hidden quantity, 50
//! in an optional group kept) answered by 20 bidders in xlsx, each file read, the whole priced and
//! the line comparison built; the three times are printed. `cargo bench -p jauge-sheets --bench
//! schedule`; then the line-by-line comparison's exports (csv, and the results workbook with its
//! sheet). With `-- --public`, the scenario of the browser benchmark (`cargo xtask bench-web`):
//! every quantity public, no optional group; the medians of three runs of reading and of pricing are printed on one line
//! `public: read … ms, evaluation … ms` for the browser's figures to be compared with.

use std::collections::BTreeMap;

use jauge_engine::{CheckedGrid, Offer};
use jauge_sheets::{Limits, read_offer};

const LINES: usize = 2_000;
const OFFERS: usize = 20;

fn main() {
    if std::env::args().any(|a| a == "--public") {
        return public();
    }
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
    // The exports of the line-by-line comparison: one row per line and offer.
    let lang = jauge_engine::Lang::Fr;
    let start = std::time::Instant::now();
    let lines = jauge_sheets::schedule_lines(grid.grid(), &comparisons, &report, lang);
    let csv = jauge_sheets::write_tables(std::slice::from_ref(&lines), jauge_sheets::FormKind::Csv, lang).expect("csv");
    let csv_time = start.elapsed();
    let start = std::time::Instant::now();
    let xlsx =
        jauge_sheets::write_priced_results(&report, grid.grid(), &comparisons, jauge_sheets::FormKind::Xlsx, lang)
            .expect("xlsx");
    let xlsx_time = start.elapsed();
    println!(
        "price lines export ({} rows): csv {:.0} ms ({} KB), results workbook with the lines (xlsx) {:.0} ms ({} KB)",
        lines.rows.len(),
        csv_time.as_secs_f64() * 1000.0,
        csv.len() / 1024,
        xlsx_time.as_secs_f64() * 1000.0,
        xlsx.len() / 1024
    );
}

/// A unit price as bidder `o` writes it on line `i` (the browser benchmark writes the same).
fn price(i: usize, o: usize) -> f64 {
    10.0 + ((i * 7 + o * 13) % 500) as f64 + o as f64 / 10.0
}

/// The browser benchmark's scenario: every quantity public, no optional group.
fn public() {
    let lines: Vec<serde_json::Value> = (0..LINES)
        .map(|i| serde_json::json!({"id": format!("L{i}"), "designation": {"fr": format!("Ligne {i}")}, "unit": "u", "quantity": (i % 13 + 1) as f64}))
        .collect();
    let grid = serde_json::json!({
        "format": "jauge-grid/1", "id": "banc-bpu", "version": "1.0.0", "title": {"fr": "Banc BPU"},
        "publisher": "bench", "scale": 100, "price_basis": "HT",
        "families": [{"id": "prix", "label": {"fr": "Prix"}, "criteria": [{
            "id": "PRIX", "label": {"fr": "Prix"}, "question": {"fr": "Prix"}, "answer": {"type": "price"},
            "rule": {"kind": "price", "method": "proportional"}, "weight": 100, "tags": ["environment"],
            "schedule": {"lines": lines}
        }]}]
    });
    let grid = CheckedGrid::from_json(&grid.to_string()).expect("grid");
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
            for i in 0..LINES {
                let r = 1 + 2 * i as u32;
                sheet.write_string(r, 0, format!("PRIX/L{i}")).expect("id");
                sheet.write_string(r, 5, format!("{} €", price(i, o).to_string().replace('.', ","))).expect("price");
                sheet.write_string(r + 1, 0, format!("PRIX/L{i}/total")).expect("id");
                sheet.write_number(r + 1, 5, price(i, o) * (i % 13 + 1) as f64).expect("total");
            }
            book.save_to_buffer().expect("xlsx")
        })
        .collect();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or_default()
    };
    let (mut reads, mut evaluations) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        let start = std::time::Instant::now();
        let offers: Vec<Offer> = files
            .iter()
            .enumerate()
            .map(|(i, f)| read_offer(&format!("o{i}.xlsx"), f, &grid, &Limits::default()).expect("read"))
            .collect();
        reads.push(start.elapsed().as_secs_f64() * 1000.0);
        let start = std::time::Instant::now();
        let report = jauge_engine::evaluate(&grid, &offers);
        evaluations.push(start.elapsed().as_secs_f64() * 1000.0);
        assert!(report.offers.iter().all(|o| o.status == jauge_engine::Status::Ranked));
    }
    println!("public: read {:.0} ms, evaluation {:.0} ms", median(reads), median(evaluations));
}
