//! Reading throughput on a large filled form (10 000 rows, several MB), in xlsx, ods and csv:
//! Jauge's whole reading (guards, percent formats, layout, interpretation) against the bare parse
//! of the same bytes by the library underneath (calamine, or the csv crate), measured in one run.
//!
//! `cargo bench -p jauge-sheets` prints MB/s and rows/s; the ratio Jauge / bare parse is the cost
//! of everything Jauge adds.

#![allow(missing_docs)] // criterion_group! generates undocumented items.

use std::hint::black_box;
use std::io::Cursor;

use calamine::{Reader, open_workbook_auto_from_rs};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jauge_engine::CheckedGrid;
use jauge_sheets::{HEADERS, Limits, read_offer};

const ROWS: usize = 10_000;

/// A grid of `ROWS` criteria of every common type, so that every row is matched and interpreted.
fn grid() -> CheckedGrid {
    let kinds = [
        (r#"{"type": "yes_no"}"#, r#"{"kind": "yes_no"}"#),
        (r#"{"type": "percentage"}"#, r#"{"kind": "linear", "best": 100, "worst": 90}"#),
        (r#"{"type": "duration", "unit": "hour"}"#, r#"{"kind": "linear", "best": 1, "worst": 48}"#),
        (r#"{"type": "text"}"#, r#"{"kind": "provided"}"#),
    ];
    let criteria: Vec<String> = (0..ROWS)
        .map(|i| {
            let (answer, rule) = kinds[i % kinds.len()];
            format!(
                r#"{{"id": "C-{i}", "label": {{"fr": "Critère {i}"}}, "question": {{"fr": "Question {i} ?"}}, "answer": {answer}, "rule": {rule}, "weight": 1, "tags": ["environment"]}}"#
            )
        })
        .collect();
    let json = format!(
        r#"{{"format": "jauge-grid/1", "id": "banc", "version": "1.0.0", "title": {{"fr": "Banc d'essai"}}, "publisher": "bench", "scale": {ROWS}, "families": [{{"id": "f", "label": {{"fr": "F"}}, "criteria": [{}]}}]}}"#,
        criteria.join(",")
    );
    CheckedGrid::from_json(&json).expect("valid bench grid")
}

fn answer(i: usize) -> String {
    match i % 4 {
        0 => "Oui".into(),
        1 => "99,9 %".into(),
        2 => "4 h".into(),
        _ => format!("Réponse détaillée du candidat pour le critère {i}, avec un justificatif en annexe {}", i % 17),
    }
}

fn rows() -> impl Iterator<Item = [String; 10]> {
    (0..ROWS).map(|i| {
        [
            format!("C-{i}"),
            format!("Critère {i}"),
            format!(
                "Question {i} : décrivez précisément votre engagement sur ce point, les moyens que vous y consacrez, les indicateurs que vous suivez, la fréquence des mesures, la manière dont l'acheteur peut les vérifier et les pénalités que vous acceptez (variante {}) ?",
                i * 7919 % 10_007
            ),
            "oui ou non".into(),
            String::new(),
            answer(i),
            format!("Commentaire {i}"),
            "Non".into(),
            "1".into(),
            "Famille".into(),
        ]
    })
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Réponse").expect("name");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (r, row) in rows().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn ods() -> Vec<u8> {
    let mut book = spreadsheet_ods::WorkBook::new_empty();
    let mut sheet = spreadsheet_ods::Sheet::new("Réponse");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.set_value(0, c as u32, *h);
    }
    for (r, row) in rows().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.set_value(r as u32 + 1, c as u32, v.as_str());
        }
    }
    book.push_sheet(sheet);
    spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).expect("ods")
}

fn csv() -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    w.write_record(HEADERS).expect("header");
    for row in rows() {
        w.write_record(&row).expect("row");
    }
    w.into_inner().expect("csv")
}

fn bench(c: &mut Criterion) {
    let grid = grid();
    let limits = Limits::default();
    for (name, bytes) in [("xlsx", xlsx()), ("ods", ods()), ("csv", csv())] {
        eprintln!("{name}: {} bytes, {ROWS} rows", bytes.len());
        for (unit, throughput) in
            [("bytes", Throughput::Bytes(bytes.len() as u64)), ("rows", Throughput::Elements(ROWS as u64))]
        {
            let mut group = c.benchmark_group(format!("{name}/{unit}"));
            group.sample_size(10);
            group.throughput(throughput);
            group.bench_function("jauge read_offer", |b| {
                b.iter(|| read_offer(black_box("banc"), black_box(&bytes), &grid, &limits).expect("readable"))
            });
            group.bench_function("bare parse (peer)", |b| {
                b.iter(|| {
                    if name == "csv" {
                        let mut reader =
                            csv::ReaderBuilder::new().delimiter(b';').from_reader(black_box(bytes.as_slice()));
                        reader.records().count()
                    } else {
                        let mut wb =
                            open_workbook_auto_from_rs(Cursor::new(black_box(bytes.as_slice()))).expect("workbook");
                        let range = wb.worksheet_range("Réponse").expect("sheet");
                        range.height()
                    }
                })
            });
            group.finish();
        }
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
