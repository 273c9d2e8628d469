//! Reading throughput on a large filled form (10 000 rows, several MB), in xlsx and ods (each with
//! and without one percent-formatted cell) and csv: Jauge's whole reading (guards, percent formats,
//! layout, interpretation) beside calamine's bare parse of the same bytes and the physical floor
//! (inflate the parts the reading needs — the sheet, and for xlsx its shared strings — and scan
//! their XML with quick-xml, building no cell), measured in one run.
//!
//! `cargo bench -p jauge-sheets` runs criterion (MB/s), then prints a table of medians with the
//! ratios Jauge / floor and Jauge / calamine (the cost of everything Jauge adds), and Jauge's parse
//! alone (guards and tables, before the layout and the interpretation) over the floor, and that
//! parse without the byte scan (`no scan`: every element parsed by quick-xml, as before it).
//! `cargo bench -p jauge-sheets -- --summary` prints only the table; `JAUGE_BENCH_ONLY=ods` keeps
//! only the forms whose name starts so.

#![allow(missing_docs)] // criterion's macros and this harness have undocumented items.

use std::hint::black_box;
use std::io::{Cursor, Read};
use std::time::{Duration, Instant};

use calamine::{Reader, open_workbook_auto_from_rs};
use criterion::{Criterion, Throughput};
use jauge_engine::CheckedGrid;
use jauge_sheets::{HEADERS, Limits, read_offer};

const ROWS: usize = 10_000;

/// A grid of `ROWS` criteria of every common type, so that every row is matched and interpreted,
/// and the price criterion every grid has (left unanswered).
fn grid_json() -> String {
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
        .chain(std::iter::once(
            r#"{"id": "PRIX", "label": {"fr": "Prix"}, "question": {"fr": "Prix ?"}, "answer": {"type": "price"}, "rule": {"kind": "price", "method": "proportional"}, "weight": 1}"#.to_string(),
        ))
        .collect();
    format!(
        r#"{{"format": "jauge-grid/1", "id": "banc", "version": "1.0.0", "title": {{"fr": "Banc d'essai"}}, "publisher": "bench", "scale": {}, "families": [{{"id": "f", "label": {{"fr": "F"}}, "criteria": [{}]}}]}}"#,
        ROWS + 1,
        criteria.join(",")
    )
}

fn grid() -> CheckedGrid {
    CheckedGrid::from_json(&grid_json()).expect("valid bench grid")
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

/// The bench form as xlsx; with `percent`, the answer of row 2 (criterion C-1) is the number
/// 0.999 shown as `99.9%`, as a bidder's spreadsheet would have it.
fn xlsx(percent: bool) -> Vec<u8> {
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
    if percent {
        let format = rust_xlsxwriter::Format::new().set_num_format("0.0%");
        sheet.write_number_with_format(2, 5, 0.999, &format).expect("percent");
    }
    book.save_to_buffer().expect("xlsx")
}

/// The bench form as ods; with `percent`, C-1's answer is the percentage 0.999.
fn ods(percent: bool) -> Vec<u8> {
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
    if percent {
        sheet.set_value(2, 5, spreadsheet_ods::Value::Percentage(0.999));
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

/// calamine's bare parse of the answer sheet, or the csv crate's.
fn bare(name: &str, bytes: &[u8]) -> usize {
    if name == "csv" {
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(bytes);
        reader.records().count()
    } else {
        let mut wb = open_workbook_auto_from_rs(Cursor::new(bytes)).expect("workbook");
        let range = wb.worksheet_range("Réponse").expect("sheet");
        range.height()
    }
}

/// The physical floor: inflate the parts a reading cannot do without and scan their XML events,
/// building nothing. (For csv, a pass over the bytes counting lines.)
fn floor(name: &str, bytes: &[u8]) -> usize {
    let parts: &[&str] = match name {
        "csv" => return bytes.iter().filter(|&&b| b == b'\n').count(),
        n if n.starts_with("ods") => &["content.xml"],
        _ => &["xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"],
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    parts.iter().map(|part| scanned(&mut zip, part)).sum()
}

/// One part of a zip inflated and its XML events counted, building nothing: the floor's unit.
fn scanned(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, part: &str) -> usize {
    let mut xml = Vec::new();
    zip.by_name(part).expect("part").read_to_end(&mut xml).expect("inflate");
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut events = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            Ok(_) => events += 1,
        }
        buf.clear();
    }
    events
}

/// calamine's reading of a workbook's every sheet into cells (the peer for a small form, whose
/// answers may be on any sheet): the count of rows (0 for a file calamine cannot open).
fn every_sheet(bytes: &[u8]) -> usize {
    let Ok(mut wb) = open_workbook_auto_from_rs(Cursor::new(bytes)) else { return 0 };
    wb.sheet_names().into_iter().map(|name| wb.worksheet_range(&name).map_or(0, |r| r.height())).sum()
}

/// The floor of a small form: every worksheet part of an xlsx (and its shared strings) or an ods'
/// content inflated and its XML events scanned, building nothing (0 for a file that is no zip).
fn every_sheet_floor(bytes: &[u8]) -> usize {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return 0 };
    let parts: Vec<String> = zip
        .file_names()
        .flatten()
        .filter(|n| n.starts_with("xl/worksheets/sheet") || *n == "xl/sharedStrings.xml" || *n == "content.xml")
        .map(|n| n.to_string())
        .collect();
    parts.iter().map(|part| scanned(&mut zip, part)).sum()
}

fn forms() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("xlsx", xlsx(false)),
        ("xlsx percent", xlsx(true)),
        ("ods", ods(false)),
        ("ods percent", ods(true)),
        ("csv", csv()),
    ]
}

fn bench(c: &mut Criterion, forms: &[(&'static str, Vec<u8>)], grid: &CheckedGrid) {
    let limits = Limits::default();
    for (name, bytes) in forms {
        let mut group = c.benchmark_group(*name);
        group.sample_size(10);
        group.measurement_time(Duration::from_secs(3));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function("jauge read_offer", |b| {
            b.iter(|| read_offer(black_box("banc"), black_box(bytes), grid, &limits).expect("readable"))
        });
        group.bench_function("bare parse (peer)", |b| b.iter(|| bare(name, black_box(bytes))));
        group.bench_function("floor", |b| b.iter(|| floor(name, black_box(bytes))));
        group.finish();
    }
}

/// The time this thread has spent on a processor, in nanoseconds, so that other processes sharing
/// the machine's cores do not lengthen the figures; `None` where the system does not tell it.
fn cpu_ns() -> Option<u64> {
    let t = cpu_time::ThreadTime::try_now().ok()?.as_duration();
    u64::try_from(t.as_nanos()).ok()
}

/// The median time of `f` over `runs` runs, in milliseconds: processor time where the system
/// gives it, wall-clock time otherwise.
fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let (start, cpu) = (Instant::now(), cpu_ns());
            f();
            match (cpu, cpu_ns()) {
                (Some(a), Some(b)) => (b - a) as f64 / 1e6,
                _ => start.elapsed().as_secs_f64() * 1000.0,
            }
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// The table of medians and ratios, measured here in one run (criterion's own figures are above),
/// in processor time of the measuring thread.
fn summary(forms: &[(&'static str, Vec<u8>)], grid: &CheckedGrid) {
    let limits = Limits::default();
    println!(
        "\n{:<14} {:>9} {:>9} {:>9} {:>9} {:>12} {:>12} {:>15} {:>11}",
        "form (ms)", "jauge", "parse", "calamine", "floor", "jauge/floor", "parse/floor", "jauge/calamine", "no scan"
    );
    // `JAUGE_BENCH_ONLY=xlsx` measures only the forms whose name starts so (for a profiler).
    let only = std::env::var("JAUGE_BENCH_ONLY").unwrap_or_default();
    let mut phases = Vec::new();
    for (name, bytes) in forms.iter().filter(|(name, _)| name.starts_with(only.as_str())) {
        let runs = 11;
        let jauge = median(runs, || {
            black_box(read_offer("banc", black_box(bytes), grid, &limits).expect("readable"));
        });
        // Jauge's parse alone (guards and tables, before the layout and the interpretation).
        let parse = if *name == "csv" {
            f64::NAN
        } else {
            median(runs, || {
                black_box(jauge_sheets::bench::tables("banc", black_box(bytes), &limits).expect("readable"));
            })
        };
        // The parse without the byte scan (every element parsed by quick-xml), as before it.
        let unscanned = if *name == "csv" {
            f64::NAN
        } else {
            median(runs, || {
                black_box(jauge_sheets::bench::tables_unscanned("banc", black_box(bytes), &limits).expect("readable"));
            })
        };
        let calamine = median(runs, || {
            black_box(bare(name, black_box(bytes)));
        });
        let floor = median(runs, || {
            black_box(floor(name, black_box(bytes)));
        });
        println!(
            "{name:<14} {jauge:>9.1} {parse:>9.1} {calamine:>9.1} {floor:>9.1} {:>12.2} {:>12.2} {:>15.2} {unscanned:>11.1}",
            jauge / floor,
            parse / floor,
            jauge / calamine
        );
        phases.push((name, parse, bytes));
    }
    // Where Jauge's time goes beyond the parse: the layout and the interpretation (the offer read,
    // not identified), the file's SHA-256 (its identity) and the seal (the content fingerprint).
    println!("\n{:<14} {:>9} {:>9} {:>9} {:>9}", "phase (ms)", "parse", "layout", "sha-256", "seal");
    for (name, parse, bytes) in phases {
        let unsealed = median(11, || {
            black_box(jauge_sheets::bench::unsealed("banc", black_box(bytes), grid, &limits).expect("readable"));
        });
        let offer = jauge_sheets::bench::unsealed("banc", bytes, grid, &limits).expect("readable");
        let sha = median(11, || {
            black_box(jauge_engine::OfferId::of_file(black_box(bytes)));
        });
        let seal = median(11, || {
            black_box(offer.content_fingerprint());
        });
        let parse = if parse.is_nan() { 0.0 } else { parse };
        println!("{name:<14} {parse:>9.1} {:>9.1} {sha:>9.1} {seal:>9.1}", unsealed - parse);
    }
}

/// A large workbook (about 20 MB, the most a file may weigh): the bench form and an annex sheet of
/// `rows` rows of varied text, as a bidder's bulky annex would be.
fn large(rows: u32) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Réponse").expect("name");
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for (r, row) in self::rows().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, v).expect("cell");
        }
    }
    let annex = book.add_worksheet();
    annex.set_name("Annexe").expect("name");
    for r in 0..rows {
        annex.write_number(r, 0, f64::from(r)).expect("cell");
        annex
            .write_string(r, 1, format!("Ligne d'annexe {r} : {:x}", u64::from(r).wrapping_mul(0x9E37_79B9_7F4A_7C15)))
            .expect("cell");
        annex.write_number(r, 2, f64::from(r) * 1.5).expect("cell");
        annex
            .write_string(r, 3, format!("Référence {:x}", u64::from(r).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)))
            .expect("cell");
    }
    book.save_to_buffer().expect("xlsx")
}

/// The peak resident memory of this process so far, in MiB (Linux), or 0.
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<u64>().ok()))
        .map_or(0.0, |kb| kb as f64 / 1024.0)
}

fn main() {
    // `--write-large FILE` writes the large workbook; `--read FILE` reads a file once and prints
    // the time and the process's peak memory (run in a process of its own).
    let args: Vec<String> = std::env::args().collect();
    // `--write-grid FILE` writes the bench grid (for `web/bench/large.mjs`).
    if let Some(i) = args.iter().position(|a| a == "--write-grid") {
        std::fs::write(&args[i + 1], grid_json()).expect("write");
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--write-large") {
        let bytes = large(400_000);
        std::fs::write(&args[i + 1], &bytes).expect("write");
        eprintln!("{}: {} bytes", args[i + 1], bytes.len());
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--read") {
        let bytes = std::fs::read(&args[i + 1]).expect("read");
        let grid = grid();
        let before = peak_mib();
        let start = Instant::now();
        let offer = read_offer("grand", &bytes, &grid, &Limits::default()).expect("readable");
        println!(
            "{}: {} bytes read in {:.0} ms, {} answers; peak memory {before:.0} MiB before reading, {:.0} MiB after",
            args[i + 1],
            bytes.len(),
            start.elapsed().as_secs_f64() * 1000.0,
            offer.responses.len(),
            peak_mib()
        );
        return;
    }
    // `--profile-file FILE GRID` reads one file (sealed, as the app reads it) over and over for
    // ten seconds, for a profiler, then prints the median time of a read: a small form's fixed costs.
    // `--time-file FILE GRID` prints that median only.
    if let Some(i) = args.iter().position(|a| a == "--profile-file" || a == "--time-file") {
        let bytes = std::fs::read(&args[i + 1]).expect("file");
        let grid = CheckedGrid::from_json(&std::fs::read_to_string(&args[i + 2]).expect("grid")).expect("grid");
        let read = || black_box(read_offer("offre.xlsx", black_box(&bytes), &grid, &Limits::default()));
        let start = Instant::now();
        while args[i] == "--profile-file" && start.elapsed() < Duration::from_secs(10) {
            read().expect("readable");
        }
        // The median processor time of a read (other processes sharing the cores left out).
        let us = median(1001, || {
            let _ = read();
        }) * 1000.0;
        println!("{}: {us:.0} µs per read (median processor time)", args[i + 1]);
        // Where a read's time goes: the tables alone (guards and parse), the offer unsealed
        // (plus the layout and the interpretation), and the file's SHA-256 (which the browser
        // computes with WebCrypto); beside them, calamine's reading of every sheet (a peer) and
        // the floor.
        let limits = Limits::default();
        let phases = [
            (
                "tables (guards, parse)",
                median(1001, || drop(black_box(jauge_sheets::bench::tables("offre.xlsx", &bytes, &limits)))),
            ),
            (
                "offer unsealed (+ layout, interpretation)",
                median(1001, || drop(black_box(jauge_sheets::bench::unsealed("offre.xlsx", &bytes, &grid, &limits)))),
            ),
            ("the file's SHA-256", median(1001, || drop(black_box(jauge_engine::OfferId::of_file(black_box(&bytes)))))),
            (
                "calamine: every sheet's cells (peer)",
                median(1001, || {
                    black_box(every_sheet(&bytes));
                }),
            ),
            (
                "floor: every sheet inflated and scanned",
                median(1001, || {
                    black_box(every_sheet_floor(&bytes));
                }),
            ),
        ];
        for (what, ms) in phases {
            println!("  {what:<44} {:>6.0} µs", ms * 1000.0);
        }
        return;
    }
    let grid = grid();
    let forms = forms();
    // `--profile FORM` reads that form (unsealed) over and over for ten seconds, for a profiler.
    if let Some(i) = args.iter().position(|a| a == "--profile") {
        let limits = Limits::default();
        let bytes = &forms.iter().find(|(n, _)| Some(*n) == args.get(i + 1).map(String::as_str)).expect("form").1;
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            black_box(jauge_sheets::bench::unsealed("banc", black_box(bytes), &grid, &limits).expect("readable"));
        }
        return;
    }
    for (name, bytes) in &forms {
        eprintln!("{name}: {} bytes, {ROWS} rows", bytes.len());
    }
    // `cargo test --benches` runs each benchmark once, as a test: no table then.
    let testing = std::env::args().any(|a| a == "--test");
    let summary_only = std::env::args().any(|a| a == "--summary");
    if !summary_only {
        let mut c = Criterion::default().configure_from_args();
        bench(&mut c, &forms, &grid);
        c.final_summary();
    }
    if !testing {
        summary(&forms, &grid);
    }
}
