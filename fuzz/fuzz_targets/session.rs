//! Fuzz target: any text, read as a session, must give a session or an error; a session that opens
//! is evaluated and, when its grid is valid, analysed and rendered (the report's document and HTML,
//! the pending items), never panicking. Run with `cargo xtask fuzz session`.
#![no_main]

use jauge_analysis::{Analysis, Annex};
use jauge_engine::Lang;
use jauge_engine::session::Session;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(session) = Session::from_json("fuzz", text) else { return };
    let _ = session.fingerprint();
    let Ok(grid) = session.checked_grid("fuzz") else { return };
    let _ = session.evaluate(&grid);
    let _ = session.comparison(grid.grid(), 1.0);
    let Ok(analysis) = Analysis::new(&session, "fuzz", "2026-11-22T10:00:00Z", Annex::each_evaluator(true)) else {
        return;
    };
    let _ = analysis.to_settle();
    let _ = analysis.to_decide();
    for lang in [Lang::Fr, Lang::En] {
        let _ = jauge_analysis::document::document(&analysis, lang);
        let _ = jauge_analysis::document::internal(&analysis, lang);
        let _ = jauge_analysis::html(&analysis, lang);
        let _ = jauge_analysis::internal_html(&analysis, lang);
    }
});
