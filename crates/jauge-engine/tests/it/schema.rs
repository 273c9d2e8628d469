//! The JSON Schemas in `criteria/schema/` are generated from the types, and every shipped grid,
//! sample offer and golden report follows them.

use std::path::Path;

use expect_test::expect_file;
use serde_json::Value;

use crate::{files, read, root};

fn validate_all(schema: &Value, paths: &[std::path::PathBuf]) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    assert!(!paths.is_empty());
    for path in paths {
        let instance: Value = serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let errors: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{} breaks its schema:\n{}", path.display(), errors.join("\n"));
    }
}

/// Every file under `dir`, recursively.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn case_files(name: &str) -> Vec<std::path::PathBuf> {
    let cases = root().join("tests/cases");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&cases).expect("cases") {
        let dir = entry.expect("entry").path();
        let candidate = dir.join(name);
        if candidate.is_file() {
            out.push(candidate);
        }
        if name == "offers" && dir.join("offers").is_dir() {
            out.extend(files(&dir.join("offers"), "json"));
        }
    }
    out
}

fn check(schema: Value, file: &str) -> Value {
    let text = serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n";
    expect_file![root().join("criteria/schema").join(file)].assert_eq(&text);
    schema
}

#[test]
fn grid_schema_is_current_and_followed() {
    let schema = check(jauge_engine::grid_schema(), "jauge-grid-2.schema.json");
    let mut grids = files(&root().join("criteria"), "json");
    grids.extend(case_files("grid.json"));
    validate_all(&schema, &grids);
    // The schema refuses what the format refuses at the shape level.
    let wrong = files(Path::new(&root().join("tests/grids/invalid")), "json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let shape = wrong.iter().find(|p| p.ends_with("wrong-shape.json")).expect("wrong-shape.json");
    let instance: Value = serde_json::from_str(&read(shape)).expect("json");
    assert!(!validator.is_valid(&instance));
}

#[test]
fn quantities_schema_is_current_and_followed() {
    let schema = check(jauge_engine::quantities_schema(), "jauge-quantities-1.schema.json");
    validate_all(&schema, &case_files("quantities.json"));
}

#[test]
fn offer_schema_is_current_and_followed() {
    let schema = check(jauge_engine::offer_schema(), "jauge-offer-1.schema.json");
    let mut offers = files(&root().join("samples/portail-citoyen"), "json");
    offers.extend(case_files("offers"));
    validate_all(&schema, &offers);
}

#[test]
fn report_schema_is_current_and_followed() {
    let schema = check(jauge_engine::report_schema(), "jauge-report-1.schema.json");
    validate_all(&schema, &case_files("report.json"));
    // Each lot's report follows it too.
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let lots = case_files("lots.json");
    assert!(!lots.is_empty(), "a golden case with lots");
    for path in lots {
        let value: Value = serde_json::from_str(&read(&path)).expect("lots.json");
        for lot in value["lots"].as_array().expect("lots") {
            assert!(
                validator.is_valid(&lot["report"]),
                "{}: lot {} breaks the report schema",
                path.display(),
                lot["lot"]["id"]
            );
        }
    }
}

#[test]
fn marks_schema_is_current_and_followed() {
    let schema = check(jauge_engine::marks_schema(), "jauge-marks-1.schema.json");
    validate_all(&schema, &[root().join("samples/portail-citoyen/tableurs/notes-evaluateurs.json")]);
}

#[test]
fn session_schema_is_current_and_followed() {
    let schema = check(jauge_engine::session_schema(), "jauge-session-3.schema.json");
    // Every session the repository holds: the samples' and the tests' (earlier formats included:
    // the schema describes the fields, the format string says which version).
    let mut sessions: Vec<std::path::PathBuf> = Vec::new();
    for dir in ["samples", "tests"] {
        sessions.extend(walk(&root().join(dir)).into_iter().filter(|p| {
            p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("session"))
                && p.extension().is_some_and(|e| e == "json")
        }));
    }
    assert!(sessions.len() >= 3, "{sessions:?}");
    validate_all(&schema, &sessions);
}

#[test]
fn record_schema_is_current_and_followed() {
    let schema = check(jauge_engine::record_schema(), "jauge-record-1.schema.json");
    validate_all(&schema, &[root().join("samples/portail-citoyen/commission/dossier.json")]);
    // The committee's marks files are marks files.
    let marks = check(jauge_engine::marks_schema(), "jauge-marks-1.schema.json");
    validate_all(
        &marks,
        &files(&root().join("samples/portail-citoyen/commission"), "json")
            .into_iter()
            .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("notes-")))
            .collect::<Vec<_>>(),
    );
}
