//! The analysis report at the scale of a large procedure: a session of every kind of rule of
//! `tests/cases/every-rule` repeated (the engine's benchmark's procedure, `benches/scale`), at
//! 60 criteria × 10 offers, 60 × 40 and 240 × 40.
//!
//! `cargo bench -p jauge-analysis` prints, per scale, the median processor time of the analysis
//! (`Analysis::new`, the evaluation included), of the HTML page and of the Word document, in µs
//! per offer × criterion, the Word document's peak memory (a counting allocator) and size, then
//! how each grows with the offers (60 × 40 against 60 × 10) and with the criteria (240 × 40
//! against 60 × 40), per offer × criterion: 1 when linear.

#![allow(missing_docs)] // a bench harness.

use std::alloc::System;
use std::hint::black_box;

use cap::Cap;
use jauge_analysis::{Analysis, Annex, docx, html};
use jauge_engine::Lang;
use jauge_engine::session::Session;

#[path = "../../jauge-engine/benches/scale/mod.rs"]
mod scale;

/// Counts what is allocated: the bytes ever asked for, those held now, and the most held at once.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const DATE: &str = "2026-11-22T10:00:00Z";

/// The session of `offers` offers on a grid of `criteria` criteria.
fn session(criteria: usize, offers: usize) -> Session {
    let (grid, others) = scale::grid(criteria);
    let mut session = Session::new(grid);
    session.offers = scale::offers(offers, others, criteria);
    session
}

fn main() {
    let mib = |b: usize| b as f64 / 1_048_576.0;
    println!(
        "\n{:<15} {:>14} {:>14} {:>14} {:>12} {:>12}",
        "criteria×offers", "analysis µs", "HTML µs", "Word µs", "Word peak", "Word size"
    );
    println!(
        "{:<15} {:>14} {:>14} {:>14} {:>12} {:>12}",
        "", "/offer×crit", "/offer×crit", "/offer×crit", "KiB/o×c", "KiB/o×c"
    );
    // Increasing sizes: the allocator keeps one maximum, so each peak is the largest yet.
    let mut per_cell = Vec::new();
    for (criteria, offers) in [(60, 10), (60, 40), (240, 40)] {
        let s = session(criteria, offers);
        let cells = (criteria * offers) as f64;
        let runs = if criteria * offers > 5_000 { 3 } else { 5 };
        let analysis = || Analysis::new(&s, "session", DATE, Annex::AgreedMarksOnly).expect("valid bench session");
        let analysed = scale::median_us(runs, || {
            black_box(analysis());
        });
        let a = analysis();
        let page = scale::median_us(runs, || {
            black_box(html(black_box(&a), Lang::Fr));
        });
        let word = scale::median_us(runs, || {
            black_box(docx(black_box(&a), Lang::Fr).expect("docx"));
        });
        let (_, _, peak, bytes) = scale::memory(&ALLOCATOR, || docx(&a, Lang::Fr).expect("docx"));
        let row = [analysed / cells, page / cells, word / cells];
        println!(
            "{:<15} {:>14.1} {:>14.1} {:>14.1} {:>12.1} {:>12.2}",
            format!("{criteria} × {offers}"),
            row[0],
            row[1],
            row[2],
            mib(peak) * 1024.0 / cells,
            mib(bytes.len()) * 1024.0 / cells
        );
        per_cell.push(row);
    }
    if let [small, more_offers, more_criteria] = &per_cell[..] {
        for (i, what) in ["analysis", "HTML", "Word"].iter().enumerate() {
            println!(
                "linearity of {what} (µs per offer × criterion): 4× the offers {:.2}, 4× the criteria {:.2}",
                more_offers[i] / small[i],
                more_criteria[i] / more_offers[i]
            );
        }
    }
}
