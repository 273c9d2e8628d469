//! Fuzz target: offers built from any bytes, evaluated against the default grid, must give a
//! report and a robustness analysis, never a panic. Run with `cargo xtask fuzz evaluate`.
//!
//! Structure-aware: the input is split on the byte 0xFF (never in UTF-8 text) into at most eight
//! offers. A part that starts with `{` is an offer file as it is (`jauge-offer/1`, what the corpus
//! is seeded with); any other part is lines, the k-th line answering the grid's k-th criterion: a
//! JSON value (`42`, `"99,9 %"`, `["CSV"]`, `{"amount": 1000, "basis": "HT"}`) or else the line as
//! text, and a line `#N` the evaluators' mark N on that criterion. Either way the offer is read by
//! `Offer::from_json`, as the CLI reads one, so nearly every input reaches the evaluation.
#![no_main]

use std::sync::OnceLock;

use jauge_engine::{CheckedGrid, Lang, Offer};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value, json};

static GRID: OnceLock<CheckedGrid> = OnceLock::new();

/// The offer file a part of the input stands for.
fn offer_text(grid: &CheckedGrid, index: usize, part: &str) -> String {
    if part.trim_start().starts_with('{') {
        return part.to_string();
    }
    let mut answers = Map::new();
    let mut marks = Map::new();
    for ((_, criterion), line) in grid.grid().criteria().zip(part.lines()) {
        if let Some(mark) = line.strip_prefix('#') {
            let mark = mark.trim().parse::<f64>().ok().and_then(serde_json::Number::from_f64);
            let mark = mark.map_or(Value::from(0), Value::Number);
            marks.insert(criterion.id.clone(), json!({"mark": mark, "appraisal": "fuzz"}));
        } else {
            let value = serde_json::from_str(line).unwrap_or_else(|_| Value::String(line.to_string()));
            answers.insert(criterion.id.clone(), value);
        }
    }
    let g = grid.grid();
    json!({
        "format": "jauge-offer/1",
        "grid": {"id": g.id, "version": g.version},
        "supplier": {"name": format!("Fournisseur {index}")},
        "answers": answers,
        "marks": marks,
    })
    .to_string()
}

fuzz_target!(|data: &[u8]| {
    let grid = GRID.get_or_init(|| {
        CheckedGrid::from_json(include_str!("../../criteria/numerique-responsable.json")).expect("valid grid")
    });
    let offers: Vec<Offer> = data
        .split(|&b| b == 0xFF)
        .take(8)
        .enumerate()
        .filter_map(|(i, part)| {
            Offer::from_json(&format!("offre-{i}.json"), &offer_text(grid, i, &String::from_utf8_lossy(part))).ok()
        })
        .collect();
    let report = jauge_engine::evaluate(grid, &offers);
    let _ = serde_json::to_string(&report);
    let robustness = jauge_engine::robustness::robustness(grid, &offers, &report);
    for family in &robustness.families {
        for lang in [Lang::Fr, Lang::En] {
            let _ = family.line(grid.grid().scale, lang);
            let _ = family.decrease(lang);
        }
    }
});
