//! Integration tests of the `jauge` command line: each command's output and exit code, as golden files.

use std::path::{Path, PathBuf};
use std::process::Command;

mod caps;
mod hostile;
mod lots;
mod prices;
mod rounds;
mod roundtrip;

use expect_test::expect_file;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn samples() -> Vec<String> {
    let dir = root().join("samples/portail-citoyen");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .expect("samples")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| p.strip_prefix(root()).expect("inside the repository").display().to_string())
        .collect();
    out.sort();
    out
}

/// The one place that runs the binary: exit code, standard output and standard error.
fn jauge(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_jauge")).args(args).current_dir(root()).output().expect("jauge runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("utf-8 output"),
        String::from_utf8(out.stderr).expect("utf-8 errors"),
    )
}

/// Runs `jauge` with `args` and compares what it prints with the golden file `expected/NAME.txt`.
pub(crate) fn check(name: &str, args: &[&str], code: i32) {
    let (status, stdout, stderr) = jauge(args);
    let shown = format!("$ jauge {}\nexit {status}\n--- stdout\n{stdout}--- stderr\n{stderr}", args.join(" "));
    expect_file![format!("expected/{name}.txt")].assert_eq(&shown);
    assert_eq!(status, code, "{name}: {stderr}");
}

#[test]
fn check_grid_accepts_shipped_grids() {
    check("check-grid-default", &["check-grid", "criteria/numerique-responsable.json"], 0);
    check("check-grid-hosting", &["--lang", "en", "check-grid", "criteria/hebergement.json"], 0);
}

#[test]
fn check_grid_refuses_a_broken_grid_listing_every_problem() {
    check("check-grid-broken", &["check-grid", "tests/grids/invalid/many-problems.json"], 1);
    check("check-grid-not-json", &["check-grid", "tests/grids/invalid/not-json.json"], 1);
}

#[test]
fn evaluate_prints_the_ranking_with_explanations() {
    let offers = samples();
    let mut args = vec!["evaluate", "--grid", "criteria/numerique-responsable.json", "--marks", MARKS];
    args.extend(offers.iter().map(String::as_str));
    check("evaluate-table", &args, 0);
    let mut english = vec![
        "--lang",
        "en",
        "evaluate",
        "--summary",
        "--grid",
        "criteria/numerique-responsable.json",
        "--marks",
        MARKS,
    ];
    english.extend(offers.iter().map(String::as_str));
    check("evaluate-summary-en", &english, 0);
    let mut robust = vec![
        "evaluate",
        "--summary",
        "--robustness",
        "--grid",
        "criteria/numerique-responsable.json",
        "--marks",
        MARKS,
    ];
    robust.extend(offers.iter().map(String::as_str));
    check("evaluate-robustness", &robust, 0);
    let mut csv =
        vec!["evaluate", "--format", "csv", "--grid", "criteria/numerique-responsable.json", "--marks", MARKS];
    csv.extend(offers.iter().map(String::as_str));
    check("evaluate-csv", &csv, 0);
}

#[test]
fn evaluate_json_is_the_report_contract() {
    let mut args =
        vec!["evaluate", "--format", "json", "--grid", "criteria/numerique-responsable.json", "--marks", MARKS];
    let offers = samples();
    args.extend(offers.iter().map(String::as_str));
    let (status, stdout, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    // The same report as the engine's golden file for the sample tender, plus the SHA-256 of each
    // file the CLI read.
    let golden =
        std::fs::read_to_string(root().join("tests/cases/portail-citoyen/report.json")).expect("golden report");
    let mut report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    for (offer, file) in report["offers"].as_array_mut().expect("offers").iter_mut().zip(0..) {
        let sha = offer.as_object_mut().and_then(|o| o.remove("sha256")).expect("each offer has its file's SHA-256");
        let source = offer["source"].as_str().unwrap_or_default().to_string();
        let bytes = std::fs::read(root().join("samples/portail-citoyen").join(&source)).expect("sample offer");
        assert_eq!(sha, jauge_engine::sha256_hex(&bytes), "offer {file}: {source}");
    }
    assert_eq!(report, serde_json::from_str::<serde_json::Value>(&golden).expect("golden JSON"));
    for key in ["id", "version", "fingerprint"] {
        assert!(report["grid"][key].is_string(), "grid.{key}");
    }
    assert!(report["warnings"].is_array());
    for offer in report["offers"].as_array().expect("offers") {
        for key in ["supplier", "source", "status", "total", "rank", "reasons", "flags", "criteria"] {
            assert!(offer.get(key).is_some(), "offer.{key}");
        }
        assert_eq!(offer["rank"].is_null(), offer["status"] != "ranked");
        for c in offer["criteria"].as_array().expect("criteria") {
            for key in ["id", "value", "points", "max", "explanation"] {
                assert!(c.get(key).is_some(), "criterion.{key}");
            }
        }
    }
}

#[test]
fn evaluate_reads_filled_spreadsheets_with_the_evaluators_marks() {
    let dir = root().join("samples/portail-citoyen/tableurs");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("filled forms")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x != "json"))
        .map(|p| p.strip_prefix(root()).expect("inside").display().to_string())
        .collect();
    files.sort();
    assert_eq!(files.len(), 6, "the six sample offers as xlsx, ods and csv");
    let mut args = vec!["evaluate", "--summary", "--marks", MARKS, "--grid", "criteria/numerique-responsable.json"];
    args.extend(files.iter().map(String::as_str));
    check("evaluate-spreadsheets", &args, 0);
    // The sample's forms were filled from the shipped grid's own form: no "other grid" warning.
    let (_, stdout, _) = jauge(&args);
    assert!(!stdout.contains("différente de celle utilisée"), "refill the sample spreadsheets from the current form");
}

#[test]
fn template_writes_every_form_format() {
    let dir = root().join("target/cli-template");
    std::fs::create_dir_all(&dir).expect("directory");
    for ext in ["xlsx", "ods", "csv"] {
        let out = dir.join(format!("cadre.{ext}"));
        let (status, stdout, stderr) =
            jauge(&["template", "--grid", "criteria/hebergement.json", "-o", &out.display().to_string()]);
        assert_eq!(status, 0, "{stderr}");
        assert!(stdout.contains("cadre de réponse écrit"));
        let bytes = std::fs::read(&out).expect("form written");
        let detected = jauge_sheets::detect(&bytes).expect("a format Jauge reads");
        assert_eq!(detected.name(), ext);
    }
    let (status, _, stderr) = jauge(&["template", "--grid", "criteria/hebergement.json", "-o", "cadre.pdf"]);
    assert_eq!(status, 1);
    assert!(stderr.contains("extension inconnue"), "{stderr}");
}

#[test]
fn a_bad_offer_file_does_not_block_the_others() {
    check(
        "evaluate-bad-file",
        &[
            "evaluate",
            "--summary",
            "--grid",
            "criteria/numerique-responsable.json",
            "samples/portail-citoyen/offre-armor-numerique.json",
            "tests/grids/invalid/not-json.json",
            "samples/portail-citoyen/offre-ker-developpement.json",
        ],
        1,
    );
}

const COMMISSION: &str = "samples/portail-citoyen/commission";

/// The evaluators' marks on the sample tender (offer files never carry marks).
const MARKS: &str = "samples/portail-citoyen/tableurs/notes-evaluateurs.json";

/// Runs `jauge session` for one marks file (in the committee's sample unless a path) into `out`.
fn session(marks: &str, evaluator: Option<&str>, out: &Path) {
    let offers = samples();
    let marks = if Path::new(marks).is_absolute() { marks.to_string() } else { format!("{COMMISSION}/{marks}") };
    let record = format!("{COMMISSION}/dossier.json");
    let out = out.display().to_string();
    let mut args = vec![
        "session",
        "--grid",
        "criteria/numerique-responsable.json",
        "--marks",
        &marks,
        "--record",
        &record,
        "-o",
        &out,
    ];
    if let Some(e) = evaluator {
        args.extend(["--evaluator", e]);
    }
    args.extend(offers.iter().map(String::as_str));
    let (status, _, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
}

fn temp(name: &str) -> PathBuf {
    static DIR: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        // Named by the process, and emptied on first use: a process id is reused, and what an
        // earlier run left there (a report a test says must not be written) must not count.
        let dir = std::env::temp_dir().join(format!("jauge-cli-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    });
    std::fs::create_dir_all(dir).expect("temporary folder");
    dir.join(name)
}

#[test]
fn the_sample_session_is_what_jauge_session_builds() {
    let out = temp("session.json");
    session("notes-commission.json", None, &out);
    let built = std::fs::read_to_string(&out).expect("written");
    expect_file![root().join(COMMISSION).join("session.json")].assert_eq(&built);
}

#[test]
fn report_of_the_sample_tender_is_stable_apart_from_the_injected_date() {
    let session = format!("{COMMISSION}/session.json");
    let out = temp("rapport.html");
    let (status, stdout, stderr) =
        jauge(&["report", "--session", &session, "--date", "2026-11-22T10:00:00Z", "-o", &out.display().to_string()]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.ends_with("rapport d'analyse écrit\n"), "nothing pending in the sample: {stdout}");
    expect_file!["expected/rapport.html"].assert_eq(&std::fs::read_to_string(&out).expect("written"));
    let (status, _, stderr) = jauge(&[
        "--lang",
        "en",
        "report",
        "--session",
        &session,
        "--date",
        "2026-11-22T10:00:00Z",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    expect_file!["expected/rapport-en.html"].assert_eq(&std::fs::read_to_string(&out).expect("written"));
    // The Word document: the same sections, in a docx that LibreOffice Writer and Word open.
    let docx = temp("rapport.docx");
    let (status, _, stderr) =
        jauge(&["report", "--session", &session, "--date", "2026-11-22T10:00:00Z", "-o", &docx.display().to_string()]);
    assert_eq!(status, 0, "{stderr}");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).expect("written")).expect("a docx is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("the document part"), &mut xml)
        .expect("utf-8");
    for text in [
        "Analyse des offres",
        "11. Signatures",
        "Attributaire proposé : Éco Portail Express",
        "2026-PC-014",
        "Alice Martin",
        "Textes cités",
    ] {
        assert!(xml.contains(text), "{text} missing from the docx");
    }
    // The internal worksheet holds what the signed report must not: robustness and what-ifs.
    let internal = temp("interne.html");
    let (status, stdout, stderr) = jauge(&[
        "report",
        "--session",
        &session,
        "--internal",
        "--date",
        "2026-11-22T10:00:00Z",
        "-o",
        &internal.display().to_string(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("document de travail interne écrit (hors du rapport signé)"), "{stdout}");
    let page = std::fs::read_to_string(&internal).expect("written");
    assert!(
        page.contains("Document de travail interne — hors du rapport signé")
            && page.contains("Robustesse du classement")
    );
    assert!(!std::fs::read_to_string(&out).expect("report").contains("Robustesse"), "not in the signed report");
    check("report-bad-extension", &["report", "--session", &session, "-o", "rapport.csv"], 1);
    check("report-bad-extension-en", &["--lang", "en", "report", "--session", &session, "-o", "report.pdf"], 1);
    check(
        "report-not-a-session",
        &["report", "--session", "samples/portail-citoyen/offre-portail-plus.json", "-o", "r.html"],
        1,
    );
}

#[test]
fn consolidation_of_three_evaluators_who_disagree() {
    let names = [("alice", "Alice Martin"), ("bruno", "Bruno Le Gall"), ("chloe", "Chloé Diallo")];
    let mut paths = Vec::new();
    for (file, name) in names {
        let path = temp(&format!("session-{file}.json"));
        session(&format!("notes-{file}.json"), Some(name), &path);
        paths.push(path.display().to_string());
    }
    let merged = temp("commission.json").display().to_string();
    let (status, stdout, stderr) =
        jauge(&["consolidate", "-o", &merged].into_iter().chain(paths.iter().map(String::as_str)).collect::<Vec<_>>());
    assert_eq!(status, 0, "{stderr}");
    expect_file!["expected/consolidate.txt"].assert_eq(&stdout);
    // The committee's report annexes every evaluator's marks and lists what remains to agree.
    let out = temp("rapport-commission.html");
    let (status, stdout, _) = jauge(&[
        "report",
        "--session",
        &merged,
        "--annex-individual",
        "--date",
        "2026-11-22T10:00:00Z",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(status, 0);
    let stdout = stdout.replace(&out.display().to_string(), "rapport-commission.html");
    expect_file!["expected/report-commission-stdout.txt"].assert_eq(&stdout);
    expect_file!["expected/rapport-commission.html"].assert_eq(&std::fs::read_to_string(&out).expect("written"));
    // The committee agrees Cité Connect's mark; then Chloé sends her session again, Ker marked this
    // time: imported into the committee's session, it replaces her column and keeps the agreed mark.
    let mut committee: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&merged).expect("written")).expect("json");
    let cite = committee["offers"]
        .as_array_mut()
        .and_then(|offers| offers.iter_mut().find(|o| o["supplier"]["name"] == "Cité Connect SAS"))
        .expect("Cité Connect in the committee's session");
    cite["marks"]["INT-05"] = serde_json::json!({ "mark": 3, "appraisal": "Arrêtée par la commission." });
    std::fs::write(&merged, serde_json::to_string_pretty(&committee).expect("json")).expect("written");
    let mut notes: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join(COMMISSION).join("notes-chloe.json")).expect("notes"),
    )
    .expect("json");
    notes["offers"]["Ker Développement"] =
        serde_json::json!({ "INT-05": { "mark": 3.5, "appraisal": "API documentée, un connecteur démontré." } });
    let notes_v2 = temp("notes-chloe-v2.json");
    std::fs::write(&notes_v2, notes.to_string()).expect("written");
    let chloe_v2 = temp("session-chloe-v2.json");
    session(&notes_v2.display().to_string(), Some("Chloé Diallo"), &chloe_v2);
    let merged_v2 = temp("commission-v2.json").display().to_string();
    let (status, stdout, stderr) =
        jauge(&["consolidate", "--into", &merged, "-o", &merged_v2, &chloe_v2.display().to_string()]);
    assert_eq!(status, 0, "{stderr}");
    expect_file!["expected/consolidate-into.txt"].assert_eq(&stdout);
    // A session on another grid is refused, naming both files.
    let other = temp("other.json");
    let (status, _, _) = jauge(&[
        "session",
        "--grid",
        "criteria/hebergement.json",
        "-o",
        &other.display().to_string(),
        "tests/cases/hebergement/offers/a.json",
    ]);
    assert_eq!(status, 0);
    let (status, _, stderr) = jauge(&["consolidate", "-o", &merged, &paths[0], &other.display().to_string()]);
    assert_eq!(status, 1);
    assert!(stderr.starts_with("erreur : other.json : grille hebergement"), "{stderr}");
    assert!(stderr.contains("attendu la grille de session-alice.json"), "{stderr}");
}

#[test]
fn regularise_fills_only_what_was_missing_and_refuses_a_changed_answer() {
    // Armor's offer without its answer on REV-03, a minimum requirement: irregular as received.
    let full =
        std::fs::read_to_string(root().join("samples/portail-citoyen/offre-armor-numerique.json")).expect("sample");
    let mut offer: serde_json::Value = serde_json::from_str(&full).expect("JSON");
    offer["answers"].as_object_mut().expect("answers").remove("REV-03");
    let partial = temp("offre-armor-incomplete.json");
    std::fs::write(&partial, offer.to_string()).expect("written");
    let session = temp("session-regularisation.json");
    let (status, _, stderr) = jauge(&[
        "session",
        "--grid",
        "criteria/numerique-responsable.json",
        "-o",
        &session.display().to_string(),
        &partial.display().to_string(),
        "samples/portail-citoyen/offre-cite-connect.json",
    ]);
    assert_eq!(status, 0, "{stderr}");
    let out = temp("session-regularisee.json");
    let args = |file: &str| {
        vec![
            "regularise".to_string(),
            "--session".into(),
            session.display().to_string(),
            "--offer".into(),
            "offre-armor-incomplete.json".into(),
            "--received".into(),
            "2026-10-30".into(),
            "-o".into(),
            out.display().to_string(),
            file.into(),
        ]
    };
    // Cité Connect's answers differ on given answers: a substantial change, nothing written.
    let refused: Vec<String> = args("samples/portail-citoyen/offre-cite-connect.json");
    let (status, _, stderr) = jauge(&refused.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(status, 1);
    assert!(stderr.contains("modifierait des réponses données"), "{stderr}");
    assert!(!out.exists(), "nothing written on a refusal");
    let accepted: Vec<String> = args("samples/portail-citoyen/offre-armor-numerique.json");
    let (status, stdout, stderr) = jauge(&accepted.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("régularisation enregistrée (REV-03)"), "{stdout}");
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    let r = &written["decisions"][0]["regularisation"];
    assert_eq!(r["file"], "offre-armor-numerique.json");
    assert_eq!(r["sha256"], jauge_engine::sha256_hex(full.as_bytes()));
    assert_eq!(
        r["answers"].as_object().map(|a| a.keys().cloned().collect::<Vec<_>>()),
        Some(vec!["REV-03".to_string()])
    );
}

#[test]
fn a_hostile_supplier_name_reaches_neither_the_terminal_nor_a_spreadsheet_as_code() {
    let offer = temp("offre-hostile.json");
    let name = "=HYPERLINK(\"http://x\")\u{1b}]0;pwn\u{7}\u{1b}[2J\rSARL";
    let json =
        serde_json::json!({"format": "jauge-offer/1", "supplier": {"name": name}, "answers": {"PRIX": "90 000 € TTC"}});
    std::fs::write(&offer, json.to_string()).expect("written");
    let path = offer.display().to_string();
    let (_, stdout, _) = jauge(&["evaluate", "--summary", "--grid", "criteria/numerique-responsable.json", &path]);
    assert!(!stdout.contains('\u{1b}') && !stdout.contains('\r') && !stdout.contains('\u{7}'), "{stdout:?}");
    let (_, csv, _) = jauge(&["evaluate", "--format", "csv", "--grid", "criteria/numerique-responsable.json", &path]);
    let row = csv.lines().nth(1).expect("a row");
    assert!(row.contains(";\"'=HYPERLINK(") || row.contains(";'=HYPERLINK("), "{row}");
}

#[test]
fn a_bidders_file_cannot_mark_itself() {
    // Armor's answers, with the marks a bidder would like on the manual criterion.
    let full =
        std::fs::read_to_string(root().join("samples/portail-citoyen/offre-armor-numerique.json")).expect("sample");
    let mut offer: serde_json::Value = serde_json::from_str(&full).expect("JSON");
    offer["marks"] = serde_json::json!({"INT-05": {"mark": 5, "appraisal": "Parfait."}});
    let path = temp("offre-auto-notee.json");
    std::fs::write(&path, offer.to_string()).expect("written");
    let path = path.display().to_string();
    let (status, stdout, stderr) =
        jauge(&["evaluate", "--format", "json", "--grid", "criteria/numerique-responsable.json", &path]);
    assert_eq!(status, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let armor = &report["offers"][0];
    assert_eq!(armor["status"], "incomplete", "INT-05 waits for the evaluators: {armor}");
    let notes = armor["notes"].to_string();
    assert!(notes.contains("porte des notes (INT-05) : ignorées"), "{notes}");
    // The evaluators' marks file gives the mark: the offer is ranked on it, not on its own.
    let marks = temp("notes-armor.json");
    std::fs::write(
        &marks,
        r#"{"format": "jauge-marks/1", "offers": {"Armor Numérique SCOP": {"INT-05": {"mark": 4.5, "appraisal": "Connecteurs existants."}}}}"#,
    )
    .expect("marks");
    let marks = marks.display().to_string();
    let (status, stdout, stderr) = jauge(&[
        "evaluate",
        "--format",
        "json",
        "--grid",
        "criteria/numerique-responsable.json",
        "--marks",
        &marks,
        &path,
    ]);
    assert_eq!(status, 0, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let armor = &report["offers"][0];
    assert_eq!(armor["status"], "ranked", "{armor}");
    let int05 = armor["criteria"].as_array().expect("criteria").iter().find(|c| c["id"] == "INT-05").cloned();
    assert_eq!(
        int05.map(|c| (c["points"].clone(), c["max"].clone())),
        Some((1.8.into(), 2.0.into())),
        "4,5 / 5, not 5 / 5"
    );
    // A session built from it keeps no mark the file carried.
    let out = temp("session-auto-notee.json");
    let (status, _, stderr) =
        jauge(&["session", "--grid", "criteria/numerique-responsable.json", "-o", &out.display().to_string(), &path]);
    assert_eq!(status, 0, "{stderr}");
    let session: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("JSON");
    assert_eq!(session["offers"][0]["marks"], serde_json::json!({}), "{}", session["offers"][0]);
}

#[test]
fn the_same_file_twice_is_one_offer_and_two_files_with_one_name_are_two() {
    // A copy under another name: the same bytes, the same offer, counted once and said so.
    let copy = temp("copie-armor.json");
    std::fs::copy(root().join("samples/portail-citoyen/offre-armor-numerique.json"), &copy).expect("copy");
    let copy = copy.display().to_string();
    let args = ["evaluate", "--format", "json", "--grid", "criteria/numerique-responsable.json"];
    let mut twice = args.to_vec();
    twice.extend(["samples/portail-citoyen/offre-armor-numerique.json", &copy]);
    let (status, stdout, stderr) = jauge(&twice);
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("copie-armor.json : même contenu que offre-armor-numerique.json"), "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["offers"].as_array().map(Vec::len), Some(1));
    // Two different bids in files of the same name (two folders): two offers, and a marks entry
    // under that name designates neither, in the language asked.
    let (a, b) = (temp("a"), temp("b"));
    for (dir, sample) in [(&a, "offre-armor-numerique.json"), (&b, "offre-ker-developpement.json")] {
        std::fs::create_dir_all(dir).expect("folder");
        std::fs::copy(root().join("samples/portail-citoyen").join(sample), dir.join("cadre-de-reponse.json"))
            .expect("copy");
    }
    let marks = temp("notes-ambigues.json");
    std::fs::write(
        &marks,
        r#"{"format": "jauge-marks/1", "offers": {"cadre-de-reponse.json": {"INT-05": {"mark": 1, "appraisal": "x"}}}}"#,
    )
    .expect("marks");
    let (fa, fb, fm) = (
        a.join("cadre-de-reponse.json").display().to_string(),
        b.join("cadre-de-reponse.json").display().to_string(),
        marks.display().to_string(),
    );
    let mut two = vec!["--lang", "en"];
    two.extend(args);
    two.extend(["--marks", &fm, &fa, &fb]);
    let (status, stdout, stderr) = jauge(&two);
    assert_eq!(status, 1, "an entry not applied is a failure");
    assert!(
        stderr.contains("\"cadre-de-reponse.json\" designates several offers (cadre-de-reponse.json #"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(report["offers"].as_array().map(Vec::len), Some(2));
}

#[test]
fn every_refusal_is_worded_in_the_language_asked() {
    let files = [
        "tests/fixtures/tronque.xlsx",
        "tests/fixtures/pas-un-tableur.png",
        "tests/fixtures/bombe.xlsx",
        "tests/fixtures/chiffre-msoffcrypto.xlsx",
        "tests/grids/invalid/not-json.json",
    ];
    let mut words = String::new();
    for lang in ["fr", "en"] {
        let mut args = vec!["--lang", lang, "evaluate", "--grid", "criteria/numerique-responsable.json"];
        args.extend(files);
        let (status, _, stderr) = jauge(&args);
        assert_eq!(status, 1);
        words += &format!("--lang {lang}\n{stderr}");
        // A session that is not one.
        let (status, _, stderr) =
            jauge(&["--lang", lang, "report", "--session", "tests/grids/invalid/not-json.json", "-o", "x.html"]);
        assert_eq!(status, 1);
        words += &stderr;
        // Files the system will not give: absent, a folder, bytes that are not text.
        for grid in ["tests/absent.json", "tests", "tests/fixtures/pas-un-tableur.png"] {
            let (status, _, stderr) = jauge(&["--lang", lang, "check-grid", grid]);
            assert_eq!(status, 1);
            words += &stderr;
        }
    }
    expect_file!["expected/refusals.txt"].assert_eq(&words);
}

/// `jauge verify`: the committee's sample session against the files received (all verified), then
/// against one of them and a file of another bid (missing offers, a file not in the session).
#[test]
fn verify_compares_a_session_with_the_files_received() {
    let session = "samples/portail-citoyen/commission/session.json";
    let all: Vec<String> = [
        "offre-armor-numerique.json",
        "offre-cite-connect.json",
        "offre-eco-portail-express.json",
        "offre-ker-developpement.json",
        "offre-nuage-global.json",
        "offre-portail-plus.json",
    ]
    .iter()
    .map(|f| format!("samples/portail-citoyen/{f}"))
    .collect();
    let mut args = vec!["verify", "--session", session];
    args.extend(all.iter().map(String::as_str));
    check("verify-all", &args, 0);
    check(
        "verify-missing-en",
        &[
            "--lang",
            "en",
            "verify",
            "--session",
            session,
            "samples/portail-citoyen/offre-armor-numerique.json",
            "samples/portail-citoyen/tableurs/offre-nuage-global.csv",
        ],
        1,
    );
}
