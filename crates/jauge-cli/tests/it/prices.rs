//! Prices through a schedule (BPU/DQE) on the command line: the buyer's hidden quantities given
//! with `--quantities` to `evaluate`, kept by `session` in the session file, given to `report`.

use super::{check, jauge, temp};

const CASE: &str = "tests/cases/bpu-dqe";

fn offers() -> Vec<String> {
    ["a", "b", "c", "d", "e"].iter().map(|n| format!("{CASE}/offers/{n}.json")).collect()
}

#[test]
fn evaluate_prices_the_schedule_with_the_hidden_quantities() {
    let grid = format!("{CASE}/grid.json");
    let quantities = format!("{CASE}/quantities.json");
    let offers = offers();
    let mut args = vec!["evaluate", "--summary", "--grid", &grid, "--quantities", &quantities];
    args.extend(offers.iter().map(String::as_str));
    check("prices-evaluate", &args, 0);
    // Without them, no offer's price can be computed, and the ranking says why.
    let mut args = vec!["evaluate", "--summary", "--grid", &grid];
    args.extend(offers.iter().map(String::as_str));
    check("prices-evaluate-without-quantities", &args, 0);
    // Quantities for another grid are refused, naming the file.
    let wrong = temp("autre-grille.quantites.json");
    std::fs::write(&wrong, r#"{"format": "jauge-quantities/1", "grid": "autre", "quantities": {}}"#).expect("written");
    let wrong = wrong.display().to_string();
    let mut args = vec!["evaluate", "--summary", "--grid", &grid, "--quantities", &wrong];
    args.extend(offers.iter().map(String::as_str));
    let (status, _, stderr) = jauge(&args);
    assert_eq!(status, 1);
    assert!(stderr.contains("autre-grille.quantites.json"), "{stderr}");
}

#[test]
fn the_session_keeps_the_hidden_quantities_for_the_report() {
    let grid = format!("{CASE}/grid.json");
    let quantities = format!("{CASE}/quantities.json");
    let out = temp("prix.session.json");
    let out_s = out.display().to_string();
    let offers = offers();
    let mut args = vec!["session", "--grid", &grid, "--quantities", &quantities, "-o", &out_s];
    args.extend(offers.iter().map(String::as_str));
    let (status, _, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    let session: jauge_engine::session::Session =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("a session");
    let expected = jauge_engine::schedule::read_quantities(
        &std::fs::read_to_string(super::root().join(&quantities)).expect("quantities"),
    )
    .expect("read");
    assert_eq!(session.quantities, Some(expected));
    // The report of that session prices the hidden line: its annex gives each offer's bill.
    let html = temp("prix.html");
    let html_s = html.display().to_string();
    let (status, _, stderr) = jauge(&["report", "--session", &out_s, "-o", &html_s, "--date", "2026-11-30T10:00:00Z"]);
    assert_eq!(status, 0, "{stderr}");
    let with = std::fs::read_to_string(&html).expect("report");
    assert!(
        !with.contains("hidden_quantities_missing")
            && !with.contains("fichier de quantités de l'acheteur n'a pas été donné")
    );
    // A session without them, given them by `report --quantities`, reports the same.
    let bare = temp("prix-sans.session.json");
    let bare_s = bare.display().to_string();
    let mut args = vec!["session", "--grid", &grid, "-o", &bare_s];
    args.extend(offers.iter().map(String::as_str));
    assert_eq!(jauge(&args).0, 0);
    let html2 = temp("prix2.html");
    let html2_s = html2.display().to_string();
    let (status, _, stderr) = jauge(&[
        "report",
        "--session",
        &bare_s,
        "--quantities",
        &quantities,
        "-o",
        &html2_s,
        "--date",
        "2026-11-30T10:00:00Z",
    ]);
    assert_eq!(status, 0, "{stderr}");
    let given = std::fs::read_to_string(&html2).expect("report");
    // Only the session's fingerprint differs.
    let strip =
        |s: &str| s.lines().filter(|l| !l.contains("SHA-256") && !l.contains("session")).collect::<Vec<_>>().join("\n");
    assert_eq!(strip(&with), strip(&given));
}

/// `evaluate --optional-services`: the buyer's decision on the PSE, in the session's words (the
/// optional groups kept). Lot 2 of the second sample keeps PSE 1 as its committee's session does, so
/// the ranking is the session's report's (Kerlann Numérique, Vannes Logiciels, Armor Cloud at
/// 98,54 · 97,10 · 95,58); a group the schedules do not have is refused, naming those they have.
#[test]
fn evaluate_takes_the_decision_on_optional_services() {
    let files = super::rounds::sample_files(2);
    let mut base = super::rounds::EVALUATE_SAMPLE.to_vec();
    base.extend(["--lot", "2"]);
    let mut args = base.clone();
    args.extend(["--optional-services", "pse-astreinte"]);
    args.extend(files.iter().map(String::as_str));
    check("prices-evaluate-optional-services", &args, 0);
    let mut args = base.clone();
    args.extend(["--optional-services", "pse-astreinte,pse-formaton"]);
    args.extend(files.iter().map(String::as_str));
    check("prices-evaluate-optional-services-unknown", &args, 1);
}

/// The files of a folder of the repository, sorted, as paths from its root.
fn files_in(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(super::root().join(dir))
        .expect("the folder's files")
        .map(|e| format!("{dir}/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    files.sort();
    files
}

/// Status, total, rank, flags and every criterion's value and points, by supplier.
fn essentials(json: &str) -> Vec<serde_json::Value> {
    let report: serde_json::Value = serde_json::from_str(json).expect("a JSON report");
    let mut out: Vec<serde_json::Value> = report["offers"]
        .as_array()
        .expect("offers")
        .iter()
        .map(|o| {
            let criteria: Vec<serde_json::Value> = o["criteria"]
                .as_array()
                .expect("criteria")
                .iter()
                .map(|c| serde_json::json!([c["id"], c["value"], c["points"]]))
                .collect();
            serde_json::json!([o["supplier"], o["status"], o["total"], o["rank"], o["flags"], criteria])
        })
        .collect();
    out.sort_by_key(|v| v[0].to_string());
    out.push(report["price"].clone());
    out
}

/// The first sample's price as the town's schedule (`samples/portail-citoyen/bpu/`: Kerbrat's grid,
/// its hidden quantity of days, the six forms filled in LibreOffice with a price sheet): every
/// finding shown (Portail Plus's line total corrected, Ker Développement's missing reversibility
/// counted at the highest of the others', Éco Portail Express's data takeover far below the
/// median), and every offer's compared price its former price, so the ranking, every mark and the
/// abnormally-low analysis are exactly the sample's (Éco Portail Express first at 74,74).
#[test]
fn the_first_sample_priced_through_the_town_s_schedule_ranks_as_before() {
    let marks = "samples/portail-citoyen/tableurs/notes-evaluateurs.json";
    let forms = files_in("samples/portail-citoyen/bpu/offres");
    let mut args = vec![
        "evaluate",
        "--grid",
        "samples/portail-citoyen/bpu/grille-kerbrat.json",
        "--quantities",
        "samples/portail-citoyen/bpu/quantites.json",
        "--marks",
        marks,
    ];
    args.extend(forms.iter().map(String::as_str));
    check("portail-citoyen-bpu", &args, 0);
    let (_, stdout, _) = jauge(&args);
    assert!(
        !stdout.contains("différente de celle utilisée"),
        "refill the forms: python3 samples/portail-citoyen/bpu/fabrication.py"
    );
    args.extend(["--format", "json"]);
    let (status, priced, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    let before: Vec<String> =
        files_in("samples/portail-citoyen/tableurs").into_iter().filter(|f| f.contains("/offre-")).collect();
    let mut args =
        vec!["evaluate", "--format", "json", "--grid", "criteria/numerique-responsable.json", "--marks", marks];
    args.extend(before.iter().map(String::as_str));
    let (status, single, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(essentials(&priced), essentials(&single));
}

/// The committee's session on the first sample's schedule forms is what `jauge session` builds from
/// them (agreed marks, the procedure record and its decisions, the town's hidden quantities), and
/// its report — annex C compares the offers line by line, annex D gives each bill of quantities with
/// its findings — proposes Éco Portail Express at 74,74 points with nothing left to settle, as the
/// sample's own committee report does.
#[test]
fn the_first_sample_s_schedule_session_reports_the_same_award() {
    let bpu = "samples/portail-citoyen/bpu";
    let commission = "samples/portail-citoyen/commission";
    let out = temp("bpu-session.json");
    let (grid, quantities) = (format!("{bpu}/grille-kerbrat.json"), format!("{bpu}/quantites.json"));
    let (marks, record) = (format!("{commission}/notes-commission.json"), format!("{commission}/dossier.json"));
    let out_s = out.display().to_string();
    let mut args = vec![
        "session",
        "--grid",
        &grid,
        "--quantities",
        &quantities,
        "--marks",
        &marks,
        "--record",
        &record,
        "-o",
        &out_s,
    ];
    let forms = files_in(&format!("{bpu}/offres"));
    args.extend(forms.iter().map(String::as_str));
    let (status, _, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    expect_test::expect_file![super::root().join(bpu).join("session.json")]
        .assert_eq(&std::fs::read_to_string(&out).expect("written"));
    let html = temp("bpu-rapport.html");
    let session = format!("{bpu}/session.json");
    let (status, stdout, stderr) =
        jauge(&["report", "--session", &session, "--date", "2026-11-30T10:00:00Z", "-o", &html.display().to_string()]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.ends_with("rapport d'analyse écrit\n"), "nothing pending: {stdout}");
    // The proposal and the schedule's annexes (the rest is the sample's committee report's).
    let report = std::fs::read_to_string(&html).expect("written");
    let winner = report.lines().find(|l| l.starts_with("<div class=\"winner\">")).expect("a proposal");
    let annexes = report.find("<h2>Annexe C.").and_then(|c| {
        let d = c + report[c..].find("<h2>Annexe D.")?;
        let end = report[d + 1..].find("<h2").map_or(report.len(), |e| d + 1 + e);
        report.get(c..end)
    });
    let kept = format!("{winner}\n{}", annexes.expect("annexes C and D"));
    expect_test::expect_file!["expected/portail-citoyen-bpu-annexes.html"].assert_eq(&kept);
}

/// `evaluate --lines FILE`: the schedules' line-by-line comparison, the same file the results export
/// writes (the bpu-dqe case's golden csv); for a grid with lots, the lot chosen by `--lot`.
#[test]
fn evaluate_writes_the_line_by_line_comparison() {
    let out = temp("lignes.csv");
    let out_s = out.display().to_string();
    let mut args = vec![
        "evaluate",
        "--summary",
        "--grid",
        "tests/cases/bpu-dqe/grid.json",
        "--quantities",
        "tests/cases/bpu-dqe/quantities.json",
        "--optional-services",
        "pse-formation",
        "--lines",
        &out_s,
    ];
    let offers = offers();
    args.extend(offers.iter().map(String::as_str));
    let (status, _, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("comparaison ligne par ligne écrite"), "{stderr}");
    expect_test::expect_file!["../../../../tests/cases/bpu-dqe/lignes-de-prix.csv"]
        .assert_eq(&std::fs::read_to_string(&out).expect("written"));
    // Lot 2 of the second sample as a workbook; a grid with lots needs the lot.
    let book = temp("lignes-lot-2.xlsx");
    let book_s = book.display().to_string();
    let files = super::rounds::sample_files(2);
    let mut args = super::rounds::EVALUATE_SAMPLE.to_vec();
    args.extend(["--lot", "2", "--lines", &book_s]);
    args.extend(files.iter().map(String::as_str));
    assert_eq!(jauge(&args).0, 0);
    assert!(std::fs::read(&book).expect("written").starts_with(b"PK"));
    let mut args = super::rounds::EVALUATE_SAMPLE.to_vec();
    args.extend(["--lines", &book_s]);
    args.extend(files.iter().map(String::as_str));
    let (status, _, stderr) = jauge(&args);
    assert_eq!(status, 1);
    assert!(stderr.contains("--lines écrit la comparaison ligne par ligne d'un lot, choisi par --lot"), "{stderr}");
}
