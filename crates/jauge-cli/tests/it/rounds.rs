//! A procedure in rounds from the command line: the initial offers in a session, then a round of
//! negotiated offers added; only the last round is ranked, the earlier one reported for
//! information, and an offer irregular in the first round and regular in the last is named.

use crate::{jauge, root, temp};

#[test]
fn only_the_last_round_is_ranked_and_earlier_rounds_are_reported_for_information() {
    let offers = |n: &str| root().join(format!("tests/cases/hebergement/offers/{n}.json")).display().to_string();
    // Round 1: b.json sent without a price (irregular); round 2: every bidder's new offer, b's priced.
    let unpriced = temp("b-tour1.json");
    let mut b: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(offers("b")).expect("b")).expect("json");
    b["answers"]["PRIX"] = serde_json::Value::Null;
    std::fs::write(&unpriced, b.to_string()).expect("written");
    let second: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|n| {
            let path = temp(&format!("{n}-tour2.json"));
            let mut o: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(offers(n)).expect("offer")).expect("json");
            // Each bidder lowers its price by a tenth in the negotiation.
            o["answers"]["PRIX"] = serde_json::json!(match *n {
                "a" => "54 000 € HT",
                "b" => "63 000 € HT",
                _ => "58 000 € HT",
            });
            std::fs::write(&path, o.to_string()).expect("written");
            path.display().to_string()
        })
        .collect();
    // The evaluators' marks on the manual criterion, round by round (an offer file carries none).
    let marks = |name: &str, files: &[&str]| {
        let offers: serde_json::Map<String, serde_json::Value> = files
            .iter()
            .map(|f| (f.to_string(), serde_json::json!({"SEC-04": {"mark": 7, "appraisal": "Plan de migration."}})))
            .collect();
        let path = temp(name);
        std::fs::write(&path, serde_json::json!({"format": "jauge-marks/1", "offers": offers}).to_string())
            .expect("written");
        path.display().to_string()
    };
    let (first_marks, second_marks) = (
        marks("notes-tour1.json", &["a.json", "b-tour1.json", "c.json"]),
        marks("notes-tour2.json", &["a-tour2.json", "b-tour2.json", "c-tour2.json"]),
    );
    let session = temp("tours-1.json").display().to_string();
    // The record says the procedure is negotiated (else several rounds are a point to settle).
    let record = temp("dossier-tours.json");
    std::fs::write(&record, r#"{"procedure": {"negotiated": true}, "decisions": []}"#).expect("written");
    let record = record.display().to_string();
    let (status, _, stderr) = jauge(&[
        "session",
        "--grid",
        "criteria/hebergement.json",
        "--record",
        &record,
        "--marks",
        &first_marks,
        "-o",
        &session,
        &offers("a"),
        &unpriced.display().to_string(),
        &offers("c"),
    ]);
    assert_eq!(status, 0, "{stderr}");
    let both = temp("tours-2.json").display().to_string();
    let mut args = vec![
        "round",
        "--session",
        &session,
        "--kind",
        "final",
        "--date",
        "2026-11-20",
        "--marks",
        &second_marks,
        "-o",
        &both,
    ];
    args.extend(second.iter().map(String::as_str));
    let (status, stdout, stderr) = jauge(&args);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.ends_with("session écrite, tour 2 ajouté (3 offres)\n"), "{stdout}");
    // An initial round cannot be added after the first; an unknown kind is named.
    let (status, _, stderr) = jauge(&["round", "--session", &session, "--kind", "initial", "-o", &both, &offers("d")]);
    assert_eq!(
        (status, stderr.trim_end()),
        (
            1,
            "erreur : tour « initial » inconnu ; attendu negotiated (offres après négociation) ou final (offres finales)"
        )
    );
    let out = temp("rapport-tours.html").display().to_string();
    let (status, _, stderr) = jauge(&["report", "--session", &both, "--date", "2026-11-30T10:00:00Z", "-o", &out]);
    assert_eq!(status, 0, "{stderr}");
    let html = std::fs::read_to_string(&out).expect("written");
    let text: String = html.split('<').map(|p| p.split_once('>').map_or(p, |(_, t)| t)).collect::<Vec<_>>().join(" ");
    assert!(text.contains("4 bis. Tours de la procédure"), "{text}");
    assert!(text.contains("La procédure a compté 2 tours. Seules les offres du dernier tour — Tour 2 (offres finales, reçues le 20/11/2026) — sont classées"));
    assert!(text.contains("Tour 1 (offres initiales)"));
    assert!(text.contains("b-tour1.json"), "the first round's files are listed");
    assert!(
        text.contains(
            "irrégulière à un tour précédent, est régulière au dernier tour : dans une procédure avec négociation"
        ),
        "b, irregular without a price, is regular in round 2: {text}"
    );
    assert!(text.contains("art. R2152-1"));
    // Ranked: the last round's files only.
    let ranking =
        text.split("7. Classement des offres").nth(1).expect("a ranking").split("8. ").next().expect("section");
    assert!(ranking.contains("Hébergeur Breizh"));
    assert!(!ranking.contains("b-tour1.json"));
    let received = text.split("4. Offres reçues").nth(1).expect("received").split("4 bis.").next().expect("section");
    assert!(received.contains("a-tour2.json") && !received.contains("b-tour1.json"), "{received}");
}

/// The second sample tender's files, round by round.
/// `jauge evaluate` on the second sample, with the buyer's hidden quantities (offers to add).
pub(crate) const EVALUATE_SAMPLE: [&str; 6] = [
    "evaluate",
    "--summary",
    "--grid",
    "samples/accord-cadre/grille.json",
    "--quantities",
    "samples/accord-cadre/quantites.json",
];

/// The second sample's files of a round, sorted.
pub(crate) fn sample_files(round: u32) -> Vec<String> {
    let dir = format!("samples/accord-cadre/tour-{round}");
    let mut files: Vec<String> = std::fs::read_dir(root().join(&dir))
        .expect("the sample's files")
        .map(|e| format!("{dir}/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    files.sort();
    files
}

#[test]
fn the_framework_agreement_sample_gives_each_lot_s_holders_after_a_round_of_negotiation() {
    // The committed session is the files' (every offer matches its file, read again).
    let mut args = vec!["verify", "--session", "samples/accord-cadre/session.json"];
    let files: Vec<String> = [sample_files(1), sample_files(2)].concat();
    args.extend(files.iter().map(String::as_str));
    crate::check("accord-cadre-verify", &args, 0);
    // The final offers, lot by lot.
    let mut args = EVALUATE_SAMPLE.to_vec();
    let last = sample_files(2);
    args.extend(last.iter().map(String::as_str));
    crate::check("accord-cadre-evaluate", &args, 0);
    // The report: three holders per lot, the rounds, the variant; nothing left to settle: no
    // bidder of the sample states a VAT status with its price excluding taxes, and the record says
    // how the buyer checked it (without it, one point per lot: `jauge-analysis`'s `vat.rs`).
    let out = temp("accord-cadre.html").display().to_string();
    let (status, stdout, stderr) = jauge(&[
        "report",
        "--session",
        "samples/accord-cadre/session.json",
        "--date",
        "2026-10-20T10:00:00Z",
        "-o",
        &out,
    ]);
    assert_eq!(status, 0, "{stderr}");
    let pending: Vec<&str> = stdout.lines().filter(|l| l.contains("[en suspens]")).collect();
    assert_eq!(pending, Vec::<&str>::new(), "{stdout}");
    let report = std::fs::read_to_string(&out).expect("written");
    assert!(!report.contains("Document provisoire"), "{report}");
    assert_eq!(report.matches("Vérification du régime de TVA : Vérifié le 12/10/2026").count(), 2);
    expect_test::expect_file!["expected/accord-cadre.html"].assert_eq(&report);
    // The letters: in each lot a notification draft per holder, a letter to every other bidder
    // comparing its offer with the last holder's.
    let dir = temp("courriers-accord-cadre");
    let (status, stdout, stderr) =
        jauge(&["letters", "--session", "samples/accord-cadre/session.json", "-o", &dir.display().to_string()]);
    assert_eq!(status, 0, "{stderr}");
    let count = |needle: &str| stdout.lines().filter(|l| l.starts_with(needle)).count();
    assert_eq!((count("lot-1-"), count("lot-2-")), (5, 6), "{stdout}");
    let html = |name: &str| std::fs::read_to_string(dir.join(name)).expect("a letter");
    let dinan = html("lot-1-courrier-1-dinan-infogerance.html");
    assert!(dinan.contains("l&#39;accord-cadre compte au plus 3 titulaires"), "{dinan}");
    assert!(dinan.contains(
        "Titulaires de l&#39;accord-cadre : Armor Cloud (96,66 points), Breizh Hosting (95,99 points), Kerlann Numérique (90,94 points)"
    ));
    let breizh = html("lot-1-courrier-4-breizh-hosting.html");
    assert!(
        breizh.contains(
            "votre offre est retenue parmi celles des titulaires de l&#39;accord-cadre : elle est classée au 2e rang"
        ),
        "{breizh}"
    );
    // A formalised procedure: the standstill before the agreement is signed, from the sending
    // date and means the record gives (20/10/2026, electronically: eleven days).
    assert!(breizh.contains("art. R2182-1"), "{breizh}");
    assert!(
        dinan.contains(
            "l&#39;accord-cadre ne pourra pas être signé avant le 31/10/2026 (onze jours après un envoi électronique"
        ),
        "{dinan}"
    );
}
