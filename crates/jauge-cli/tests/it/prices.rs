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
