//! Fuzz target: any text, read as a grid, must give a checked grid or an error, never a panic, a
//! hang or an unbounded allocation; a grid that passes is also fingerprinted and worded as every
//! page shows it. Run with `cargo xtask fuzz check_grid`.
#![no_main]

use jauge_engine::{CheckedGrid, Lang};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(grid) = CheckedGrid::from_json(text) {
        let _ = grid.fingerprint();
        let _ = grid.warnings();
        for lang in [Lang::Fr, Lang::En] {
            let _ = jauge_engine::evaluate::ties_text(grid.grid(), lang);
        }
        // A grid with no offer still evaluates.
        let _ = jauge_engine::evaluate(&grid, &[]);
    }
});
