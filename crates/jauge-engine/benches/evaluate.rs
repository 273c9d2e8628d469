//! The evaluation at the scale of a large procedure: 1 000 offers × 251 criteria (every kind of
//! rule of `tests/cases/every-rule`, repeated, and the price), and 250 offers for linearity.
//!
//! `cargo bench -p jauge-engine` prints, per scale, the median processor time of `evaluate` in µs
//! per offer × criterion, the bytes it allocates and the peak it holds beyond what was held
//! before (a counting allocator), then the robustness analysis (`robustness`) over the evaluation
//! it analyses, and the ratio of 1 000 to 250 offers per offer × criterion (1 when linear).

#![allow(missing_docs)] // a bench harness.

use std::alloc::System;
use std::hint::black_box;

use cap::Cap;
use jauge_engine::{CheckedGrid, Offer, evaluate, robustness::robustness};

/// Counts what is allocated: the bytes ever asked for, those held now, and the most held at once.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

#[path = "scale/mod.rs"]
mod scale;

const CRITERIA: usize = 251;

/// The bench grid, checked, and how many criteria it repeats.
fn grid() -> (CheckedGrid, usize) {
    let (text, others) = scale::grid(CRITERIA);
    (CheckedGrid::from_json(&text).expect("valid bench grid"), others)
}

fn offers(n: usize, others: usize) -> Vec<Offer> {
    scale::offers(n, others, CRITERIA)
}

/// Bytes allocated by `f`, the bytes its result holds, and the most held at once beyond.
fn memory<T>(f: impl FnOnce() -> T) -> (usize, usize, usize, T) {
    scale::memory(&ALLOCATOR, f)
}

fn main() {
    let (grid, others) = grid();
    let cells = |n: usize| (n * CRITERIA) as f64;
    let mib = |b: usize| b as f64 / 1_048_576.0;
    println!(
        "\n{:<18} {:>9} {:>14} {:>14} {:>10} {:>10}",
        "× 251 criteria", "ms", "µs/offer×crit", "allocated MiB", "kept MiB", "peak MiB"
    );
    let mut per_cell = Vec::new();
    for n in [250, 1_000] {
        let offers = offers(n, others);
        let us = scale::median_us(if n > 500 { 5 } else { 9 }, || {
            black_box(evaluate(&grid, black_box(&offers)));
        });
        let (total, kept, peak, report) = memory(|| evaluate(&grid, &offers));
        per_cell.push(us / cells(n));
        println!(
            "{:<18} {:>9.1} {:>14.2} {:>14.1} {:>10.1} {:>10.1}",
            format!("evaluate {n}"),
            us / 1e3,
            us / cells(n),
            mib(total),
            mib(kept),
            mib(peak)
        );
        if n == 1_000 {
            println!("allocated per offer × criterion: {:.0} bytes", total as f64 / cells(n));
            let robust = scale::median_us(5, || {
                black_box(robustness(&grid, black_box(&offers), &report));
            });
            let (total, kept, _, _) = memory(|| robustness(&grid, &offers, &report));
            println!(
                "{:<18} {:>9.1} {:>14.2} {:>14.1} {:>10.1}",
                "robustness 1000",
                robust / 1e3,
                robust / cells(n),
                mib(total),
                mib(kept)
            );
            println!("robustness / evaluate: {:.2}", robust / us);
        }
    }
    // Reading a document (here 1 000 offers as a session holds them): `located` refuses a key
    // given twice, a second pass over the text; against serde_json's parse alone.
    let text = serde_json::to_string(&offers(1_000, others)).expect("JSON");
    let bare = scale::median_us(5, || {
        black_box(serde_json::from_str::<Vec<Offer>>(black_box(&text)).expect("offers"));
    });
    let checked = scale::median_us(5, || {
        black_box(jauge_engine::located::from_str::<Vec<Offer>>(black_box(&text)).expect("offers"));
    });
    println!(
        "read 1000 offers ({:.1} MiB of JSON): {:.1} ms, serde_json alone {:.1} ms, ratio {:.2}",
        mib(text.len()),
        checked / 1e3,
        bare / 1e3,
        checked / bare
    );
    if let [small, large] = per_cell[..] {
        println!("linearity (µs per offer × criterion, 1 000 offers / 250): {:.2}", large / small);
    }
}
