//! Golden reports: each directory of `tests/cases/` holds a `case.json` naming a grid and offers,
//! and the expected `report.json` beside it (`UPDATE_EXPECT=1` accepts a change).

use std::path::Path;

use expect_test::expect_file;
use serde::Deserialize;

use crate::{files, grid, offer, read, root};

#[derive(Deserialize)]
struct Case {
    #[allow(dead_code)]
    description: String,
    grid: String,
    offers: Vec<String>,
    /// The evaluators' marks file (`jauge-marks/1`): offer files never carry marks.
    #[serde(default)]
    marks: Option<String>,
    /// The buyer's hidden quantities file (`jauge-quantities/1`), for a grid with a schedule.
    #[serde(default)]
    quantities: Option<String>,
    /// The optional services (PSE) the buyer decided to keep.
    #[serde(default)]
    kept: Option<Vec<String>>,
}

/// The one place that evaluates a case.
fn check(dir: &Path) {
    let case: Case = serde_json::from_str(&read(&dir.join("case.json"))).expect("case.json");
    let mut grid = grid(&dir.join(&case.grid));
    if let Some(q) = &case.quantities {
        grid = grid.with_quantities(&read(&dir.join(q))).expect("the case's quantities");
    }
    if let Some(kept) = &case.kept {
        grid = grid.keeping(kept);
    }
    let mut offers = Vec::new();
    for entry in &case.offers {
        let path = dir.join(entry);
        if path.is_dir() {
            offers.extend(files(&path, "json").iter().map(|p| offer(p)));
        } else {
            offers.push(offer(&path));
        }
    }
    assert!(!offers.is_empty(), "{}: no offer", dir.display());
    if let Some(marks) = &case.marks {
        let marks = jauge_engine::offer::MarksFile::from_json(&read(&dir.join(marks))).expect("the case's marks");
        assert_eq!(marks.apply(&mut offers), vec![], "{}: marks for no offer", dir.display());
    }
    // A grid with lots gives one report per lot (`lots.json`), never one report for them all.
    if grid.grid().lots.is_empty() {
        let report = jauge_engine::evaluate(&grid, &offers);
        let json = serde_json::to_string_pretty(&report).expect("report serialises") + "\n";
        expect_file![dir.join("report.json")].assert_eq(&json);
        // The rankings under the other price methods (robustness) are read from the report's marks:
        // the same as evaluating again.
        for method in jauge_engine::grid::PriceMethod::ALL {
            let full =
                jauge_engine::evaluate_with(&grid, &offers, jauge_engine::Options { price_method: Some(method) });
            let full: Vec<_> = full.offers.iter().map(|o| (o.supplier.clone(), o.rank, o.total)).collect();
            let quick = jauge_engine::evaluate::ranking_under(&grid, &report, method);
            assert_eq!(quick, Some(full), "{}: {method:?}", dir.display());
        }
        // A grid with price schedules: the DQE line by line per offer and the line comparison.
        let schedules = jauge_engine::schedule::comparisons(&grid, &offers, &report);
        if !schedules.is_empty() {
            let json = serde_json::to_string_pretty(&schedules).expect("schedules serialise") + "\n";
            expect_file![dir.join("schedule.json")].assert_eq(&json);
        }
    } else {
        let report = jauge_engine::evaluate_lots(&grid, &offers);
        let json = serde_json::to_string_pretty(&report).expect("report serialises") + "\n";
        expect_file![dir.join("lots.json")].assert_eq(&json);
    }
}

#[test]
fn every_case_gives_its_expected_report() {
    let cases = root().join("tests/cases");
    let mut dirs: Vec<_> = std::fs::read_dir(&cases)
        .expect("tests/cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 4, "the golden cases are missing");
    for dir in dirs {
        check(&dir);
    }
}
