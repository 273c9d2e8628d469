//! The round trip a tender goes through: `jauge template` writes the response forms, LibreOffice
//! (headless, scripted, fr-FR locale) fills them as suppliers type, `jauge evaluate` reads them
//! back, and the results equal those of the same answers given as JSON offers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use jauge_engine::grid::Answer;
use serde_json::{Value, json};

use crate::{jauge, root, samples};

const FORMATS: [&str; 3] = ["xlsx", "ods", "csv"];

fn require_libreoffice() {
    let soffice = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    let uno = Command::new("/usr/bin/python3").args(["-c", "import uno"]).status().is_ok_and(|s| s.success());
    assert!(
        soffice && uno,
        "the round trip needs LibreOffice Calc and its Python bridge: apt-get install libreoffice-calc-nogui python3-uno (cargo xtask test and .ci/run install them)"
    );
}

/// How a French supplier types an interpreted value into the form's answer cell, whose
/// validation asks for the criterion's unit.
fn typed(answer: &Answer, value: &Value) -> Option<String> {
    let decimal = |v: f64| format!("{v}").replace('.', ",");
    let label = |id: &str| answer.options().iter().find(|o| o.id == id).map(|o| o.label.fr.clone());
    Some(match (answer, value) {
        (_, Value::Null) => return None,
        (Answer::YesNo, Value::Bool(b)) => if *b { "Oui" } else { "Non" }.to_string(),
        (Answer::Percentage, Value::Number(n)) => format!("{} %", decimal(n.as_f64()?)),
        (Answer::Number { .. } | Answer::Duration { .. } | Answer::Price { .. }, Value::Number(n)) => {
            decimal(n.as_f64()?)
        }
        (Answer::Choice { .. }, Value::String(id)) => label(id)?,
        (Answer::MultiChoice { .. }, Value::Array(ids)) => {
            ids.iter().filter_map(|id| id.as_str().and_then(label)).collect::<Vec<_>>().join(", ")
        }
        (Answer::Date, Value::String(iso)) => {
            let parts: Vec<&str> = iso.split('-').collect();
            format!("{}/{}/{}", parts[2], parts[1], parts[0])
        }
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    })
}

fn evaluate_json(files: &[PathBuf]) -> Value {
    let mut args = vec![
        "evaluate".to_string(),
        "--format".into(),
        "json".into(),
        "--grid".into(),
        "criteria/numerique-responsable.json".into(),
    ];
    args.extend(files.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (status, stdout, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    serde_json::from_str(&stdout).expect("JSON report")
}

/// What must not change between the JSON offers and the filled spreadsheets, by supplier.
fn essentials(report: &Value) -> BTreeMap<String, Value> {
    report["offers"]
        .as_array()
        .expect("offers")
        .iter()
        .map(|o| {
            let criteria: Vec<Value> = o["criteria"].as_array().expect("criteria").iter().map(|c| json!([c["id"], c["value"], c["points"]])).collect();
            // The form is filled with the interpreted values: words the grid's options did not match
            // in the JSON offer (left to the evaluators) cannot be typed into it.
            let reasons: Vec<Value> = o["reasons"]
                .as_array()
                .expect("reasons")
                .iter()
                .filter(|r| r["code"] != "unsettled_answer")
                .map(|r| json!([r["code"], r["criterion"]]))
                .collect();
            let supplier = o["supplier"].as_str().expect("supplier").to_string();
            (supplier, json!({"status": o["status"], "total": o["total"], "rank": o["rank"], "flags": o["flags"], "reasons": reasons, "criteria": criteria}))
        })
        .collect()
}

#[test]
fn libreoffice_fills_the_forms_and_jauge_reads_them_back() {
    require_libreoffice();
    let dir = root().join("target/roundtrip");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("work directory");
    let grid_path = root().join("criteria/numerique-responsable.json");
    let grid =
        jauge_engine::CheckedGrid::from_json(&std::fs::read_to_string(&grid_path).expect("grid")).expect("valid grid");

    for ext in FORMATS {
        let out = dir.join(format!("form.{ext}"));
        let (status, _, stderr) =
            jauge(&["template", "--grid", "criteria/numerique-responsable.json", "-o", &out.display().to_string()]);
        assert_eq!(status, 0, "{stderr}");
    }

    // The reference: the sample offers as JSON, without the evaluators' marks (a form carries none).
    let mut plain = Vec::new();
    let mut offers = BTreeMap::new();
    for sample in samples() {
        let mut offer: Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(&sample)).expect("offer")).expect("JSON");
        offer.as_object_mut().expect("object").remove("marks");
        let name = Path::new(&sample).file_stem().expect("stem").to_string_lossy().into_owned();
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(&offer).expect("JSON")).expect("write");
        plain.push(path);
        offers.insert(name, offer);
    }
    let reference = evaluate_json(&plain);

    // What each supplier types, read off the reference report.
    let answers = |supplier: &str| -> BTreeMap<String, String> {
        let o =
            reference["offers"].as_array().expect("offers").iter().find(|o| o["supplier"] == supplier).expect("offer");
        o["criteria"]
            .as_array()
            .expect("criteria")
            .iter()
            .filter_map(|c| {
                let id = c["id"].as_str()?;
                let criterion = grid.grid().criterion(id)?;
                // An answer Jauge could not read is typed as the supplier wrote it.
                let written = || c["raw"].as_str().filter(|_| c["value"].is_null()).map(str::to_string);
                Some((id.to_string(), typed(&criterion.answer, &c["value"]).or_else(written)?))
            })
            .collect()
    };
    let mut jobs = Vec::new();
    for (name, offer) in &offers {
        for ext in FORMATS {
            jobs.push(json!({
                "form": dir.join(format!("form.{ext}")),
                "out": dir.join(ext).join(format!("{name}.{ext}")),
                "supplier": offer["supplier"],
                "answers": answers(offer["supplier"]["name"].as_str().expect("name")),
                "comments": offer.get("comments").cloned().unwrap_or(json!({})),
            }));
        }
    }
    for ext in FORMATS {
        std::fs::create_dir_all(dir.join(ext)).expect("directory");
    }
    let jobs_path = dir.join("jobs.json");
    std::fs::write(&jobs_path, serde_json::to_string_pretty(&jobs).expect("JSON")).expect("write jobs");
    let status = Command::new("/usr/bin/python3")
        .arg(root().join("tests/roundtrip/fill.py"))
        .arg(&jobs_path)
        .status()
        .expect("LibreOffice script runs");
    assert!(status.success(), "filling the forms in LibreOffice failed");

    let expected = essentials(&reference);
    for ext in FORMATS {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(dir.join(ext)).expect("filled forms").map(|e| e.expect("entry").path()).collect();
        files.sort();
        assert_eq!(files.len(), offers.len(), "{ext}: every form was filled");
        let got = essentials(&evaluate_json(&files));
        assert_eq!(got.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>(), "{ext}: the same suppliers");
        for (supplier, want) in &expected {
            assert_eq!(&got[supplier], want, "{ext}: {supplier} differs from its JSON offer");
        }
    }
}

/// The price sheet too: the first sample's forms for the town's schedule (`samples/portail-citoyen/bpu/`)
/// filled again in LibreOffice by their fabrication script read back as the committed ones: the same
/// unit prices, line totals and VAT rates, the same findings, marks and ranking.
#[test]
fn libreoffice_fills_the_price_sheet_and_jauge_reads_it_back() {
    require_libreoffice();
    let dir = root().join("target/roundtrip-bpu");
    let _ = std::fs::remove_dir_all(&dir);
    let status = Command::new("/usr/bin/python3")
        .arg(root().join("samples/portail-citoyen/bpu/fabrication.py"))
        .arg("--out")
        .arg(&dir)
        .current_dir(root())
        .status()
        .expect("the fabrication script runs");
    assert!(status.success(), "filling the forms in LibreOffice failed");
    let evaluate = |dir: &Path| -> Value {
        let mut files: Vec<String> =
            std::fs::read_dir(dir).expect("forms").map(|e| e.expect("entry").path().display().to_string()).collect();
        files.sort();
        assert_eq!(files.len(), 6, "six forms in {}", dir.display());
        let mut args = vec![
            "evaluate",
            "--format",
            "json",
            "--grid",
            "samples/portail-citoyen/bpu/grille-kerbrat.json",
            "--quantities",
            "samples/portail-citoyen/bpu/quantites.json",
        ];
        args.extend(files.iter().map(String::as_str));
        let (status, stdout, stderr) = jauge(&args);
        assert_eq!(status, 0, "{stderr}");
        serde_json::from_str(&stdout).expect("JSON report")
    };
    let filled = evaluate(&dir);
    let committed = evaluate(&root().join("samples/portail-citoyen/bpu/offres"));
    // Where each price was read and what was found there, offer by offer.
    let prices = |report: &Value| -> BTreeMap<String, Value> {
        report["offers"]
            .as_array()
            .expect("offers")
            .iter()
            .map(|o| {
                let notes: Vec<Value> = o["notes"]
                    .as_array()
                    .expect("notes")
                    .iter()
                    .filter(|n| n["criterion"] == "PRIX")
                    .map(|n| json!([n["code"], n["message"]["fr"]]))
                    .collect();
                (o["supplier"].as_str().expect("supplier").to_string(), json!(notes))
            })
            .collect()
    };
    assert_eq!(essentials(&filled), essentials(&committed));
    assert_eq!(prices(&filled), prices(&committed));
    assert!(prices(&committed).values().filter(|n| n.as_array().is_some_and(|a| !a.is_empty())).count() >= 3);
}
