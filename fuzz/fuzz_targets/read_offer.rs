//! Fuzz target: any bytes, read as an offer file against the traps grid, must give an offer or an
//! error, never a panic, a hang or an unbounded allocation. Run with `cargo xtask fuzz`.
#![no_main]

use std::sync::OnceLock;

use jauge_engine::CheckedGrid;
use jauge_sheets::{Limits, read_offer};
use libfuzzer_sys::fuzz_target;

static GRID: OnceLock<CheckedGrid> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let grid = GRID.get_or_init(|| {
        // libfuzzer-sys's panic hook aborts even on panics the reader catches on purpose (calamine
        // panics on some malformed workbooks, and the reader reports a damaged file). Without the
        // hook, caught panics pass, and an uncaught one still aborts through libfuzzer-sys's own
        // catch_unwind: the target keeps finding real panics.
        std::panic::set_hook(Box::new(|_| {}));
        CheckedGrid::from_json(include_str!("../../tests/fixtures/grille-pieges.json")).expect("valid grid")
    });
    // Smaller caps than the defaults keep each run fast; the checks are the same.
    let limits = Limits { max_expanded_bytes: 64 * 1024 * 1024, max_sheet_cells: 1_000_000, ..Limits::default() };
    if let Ok(offer) = read_offer("fuzz", data, grid, &limits) {
        let _ = jauge_engine::evaluate(grid, std::slice::from_ref(&offer));
    }
});
