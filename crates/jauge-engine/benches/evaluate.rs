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
use std::time::Instant;

use cap::Cap;
use jauge_engine::{CheckedGrid, Offer, evaluate, robustness::robustness};

/// Counts what is allocated: the bytes ever asked for, those held now, and the most held at once.
#[global_allocator]
static ALLOCATOR: Cap<System> = Cap::new(System, usize::MAX);

const GRID: &str = include_str!("../../../tests/cases/every-rule/grid.json");
const OFFERS: [(&str, &str); 3] = [
    ("best.json", include_str!("../../../tests/cases/every-rule/offers/best.json")),
    ("middle.json", include_str!("../../../tests/cases/every-rule/offers/middle.json")),
    ("empty.json", include_str!("../../../tests/cases/every-rule/offers/empty.json")),
];
/// The evaluators' marks on those offers (`jauge-marks/1`, by file name).
const MARKS: &str = include_str!("../../../tests/cases/every-rule/marks.json");
const CRITERIA: usize = 251;

/// The every-rule grid's criteria repeated (ids suffixed `-1`, `-2`…) up to `CRITERIA` with its
/// one price criterion, the scale their total weight; and how many criteria are repeated.
fn grid() -> (CheckedGrid, usize) {
    let mut g: serde_json::Value = serde_json::from_str(GRID).expect("grid json");
    let families = g["families"].as_array_mut().expect("families");
    let all: Vec<serde_json::Value> =
        families.iter().flat_map(|f| f["criteria"].as_array().cloned().unwrap_or_default()).collect();
    let (price, others): (Vec<_>, Vec<_>) = all.into_iter().partition(|c| c["rule"]["kind"] == "price");
    let mut criteria = Vec::new();
    let mut scale = 0.0;
    for i in 0..CRITERIA - 1 {
        let mut c = others[i % others.len()].clone();
        c["id"] = format!("{}-{}", c["id"].as_str().unwrap_or("C"), i / others.len()).into();
        scale += c["weight"].as_f64().unwrap_or(0.0);
        criteria.push(c);
    }
    for p in price {
        scale += p["weight"].as_f64().unwrap_or(0.0);
        criteria.push(p);
    }
    g["families"] = serde_json::json!([{"id": "a", "label": {"fr": "A"}, "criteria": criteria}]);
    g["scale"] = scale.into();
    g.as_object_mut().expect("object").remove("ties");
    (CheckedGrid::from_json(&g.to_string()).expect("valid bench grid"), others.len())
}

/// `n` offers, each one of the every-rule offers with its answers and marks spread over the
/// repeated criteria and a price of its own.
fn offers(n: usize, others: usize) -> Vec<Offer> {
    let marks: serde_json::Value = serde_json::from_str(MARKS).expect("marks");
    let templates: Vec<serde_json::Value> = OFFERS
        .iter()
        .map(|(name, text)| {
            let mut offer: serde_json::Value = serde_json::from_str(text).expect("offer");
            offer["marks"] = marks["offers"][name].clone();
            offer
        })
        .collect();
    (0..n)
        .map(|i| {
            let t = &templates[i % 3];
            let mut o = t.clone();
            for field in ["answers", "marks"] {
                let Some(map) = t[field].as_object() else { continue };
                let mut spread = serde_json::Map::new();
                for (k, v) in map {
                    if k == "PRICE" {
                        spread.insert(k.clone(), format!("{} € HT", 9_000 + (i * 37) % 2_000).into());
                        continue;
                    }
                    for copy in 0..CRITERIA.div_ceil(others.max(1)) {
                        spread.insert(format!("{k}-{copy}"), v.clone());
                    }
                }
                o[field] = spread.into();
            }
            o["supplier"]["name"] = format!("Soumissionnaire {i}").into();
            Offer::from_json(&format!("offre-{i}.json"), &o.to_string()).expect("offer")
        })
        .collect()
}

/// The time this thread has spent on a processor, in microseconds (wall-clock where not told).
fn median_us(runs: usize, mut f: impl FnMut()) -> f64 {
    let cpu = || cpu_time::ThreadTime::try_now().ok().map(|t| t.as_duration().as_secs_f64() * 1e6);
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let (start, a) = (Instant::now(), cpu());
            f();
            match (a, cpu()) {
                (Some(a), Some(b)) => b - a,
                _ => start.elapsed().as_secs_f64() * 1e6,
            }
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[runs / 2]
}

/// Bytes allocated by `f`, the bytes its result holds, and the most held at once beyond what was
/// held before (meaningful only when nothing before held more: the allocator keeps one maximum).
fn memory<T>(f: impl FnOnce() -> T) -> (usize, usize, usize, T) {
    let (total, held) = (ALLOCATOR.total_allocated(), ALLOCATOR.allocated());
    let out = f();
    let kept = ALLOCATOR.allocated().saturating_sub(held);
    (ALLOCATOR.total_allocated() - total, kept, ALLOCATOR.max_allocated().saturating_sub(held), out)
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
        let us = median_us(if n > 500 { 5 } else { 9 }, || {
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
            let robust = median_us(5, || {
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
    let bare = median_us(5, || {
        black_box(serde_json::from_str::<Vec<Offer>>(black_box(&text)).expect("offers"));
    });
    let checked = median_us(5, || {
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
