//! The session file, the consolidation of evaluators' sessions and the decisions that set offers aside.

use super::*;
use crate::offer::{Integrity, Response};
use crate::report::Status;

const GRID: &str = include_str!("../../../../criteria/numerique-responsable.json");
const OFFERS: [(&str, &str); 6] = [
    ("offre-armor-numerique.json", include_str!("../../../../samples/portail-citoyen/offre-armor-numerique.json")),
    ("offre-cite-connect.json", include_str!("../../../../samples/portail-citoyen/offre-cite-connect.json")),
    (
        "offre-eco-portail-express.json",
        include_str!("../../../../samples/portail-citoyen/offre-eco-portail-express.json"),
    ),
    ("offre-ker-developpement.json", include_str!("../../../../samples/portail-citoyen/offre-ker-developpement.json")),
    ("offre-nuage-global.json", include_str!("../../../../samples/portail-citoyen/offre-nuage-global.json")),
    ("offre-portail-plus.json", include_str!("../../../../samples/portail-citoyen/offre-portail-plus.json")),
];

/// The identity of a sample offer read from its file.
fn id(name: &str) -> OfferId {
    OFFERS.iter().find(|(n, _)| *n == name).map(|(_, text)| OfferId::of_file(text.as_bytes())).expect("a sample offer")
}

/// An evaluator's session on the sample tender: `marks` gives INT-05 for each offer in order.
fn session(evaluator: &str, marks: [Option<f64>; 6]) -> Session {
    let mut s = Session::new(GRID);
    s.evaluator = evaluator.to_string();
    for ((name, text), mark) in OFFERS.iter().zip(marks) {
        let mut offer = Offer::from_json(name, text).expect("sample offer");
        offer.sha256 = Some(sha256_hex(text.as_bytes()));
        offer.marks.clear();
        if let Some(mark) = mark {
            // Evaluators who give the same mark write the same appraisal here; tests vary it.
            offer.marks.insert("INT-05".into(), ManualMark { mark, appraisal: format!("Note {mark}") });
        }
        s.offers.push(offer);
    }
    s
}

fn three() -> Vec<(String, Session)> {
    vec![
        ("alice.json".into(), session("Alice", [Some(4.0), Some(3.0), Some(2.0), Some(3.0), Some(1.0), Some(3.0)])),
        ("bruno.json".into(), session("Bruno", [Some(4.0), Some(5.0), Some(2.0), Some(3.5), Some(1.0), None])),
        ("chloe.json".into(), session("Chloé", [Some(4.0), Some(1.0), Some(2.0), Some(3.0), Some(1.0), Some(3.0)])),
    ]
}

#[test]
fn consolidation_keeps_every_evaluator_and_agrees_only_where_all_marks_are_equal() {
    let mut sessions = three();
    // Éco Portail Express: the same mark from all three, but Chloé words it her own way.
    sessions[2].1.offers[2]
        .marks
        .insert("INT-05".into(), ManualMark { mark: 2.0, appraisal: "Démarche générique".into() });
    let merged = consolidate(&sessions).expect("same grid");
    assert_eq!(merged.individual.iter().map(|e| e.evaluator.as_str()).collect::<Vec<_>>(), ["Alice", "Bruno", "Chloé"]);
    assert_eq!(merged.offers.len(), 6);
    let grid = merged.checked_grid("merged").expect("grid");
    let rows = merged.comparison(grid.grid(), 0.2);
    // One manual criterion (INT-05, out of 5) per offer.
    assert_eq!(rows.len(), 6);
    let spreads: Vec<f64> = rows.iter().map(|r| r.spread).collect();
    assert_eq!(spreads, [0.0, 4.0, 0.0, 0.5, 0.0, 0.0]);
    // 20 % of 5 is 1 point: Cité Connect (1 to 5) is a disagreement, Ker (3 to 3.5) is not.
    assert_eq!(rows.iter().map(|r| r.disagreement).collect::<Vec<_>>(), [false, true, false, false, false, false]);
    // Portail Plus: Bruno gave no mark, so nothing is agreed even though the two marks given match.
    assert!(rows[5].missing && rows[5].agreed.is_none());
    assert_eq!(rows[0].agreed.as_ref().map(|m| m.mark), Some(4.0));
    assert_eq!(rows[0].agreed.as_ref().map(|m| m.appraisal.as_str()), Some("Note 4"), "one text, as written by all");
    assert!(rows[2].agreed.is_none(), "the same mark with different appraisals: the committee adopts one text");
    assert!(rows[1].agreed.is_none() && rows[3].agreed.is_none());
    // Until the committee agrees, the offers without an agreed mark cannot be ranked.
    let report = merged.evaluate(&grid);
    let incomplete = report.offers.iter().filter(|o| o.status == Status::Incomplete).count();
    assert_eq!(incomplete, 4);
}

#[test]
fn a_session_on_another_grid_is_refused_with_both_names() {
    let mut sessions = three();
    sessions[2].1.grid = include_str!("../../../../criteria/hebergement.json").to_string();
    let e = consolidate(&sessions).expect_err("other grid");
    assert!(e.to_string().starts_with("chloe.json : grille "), "{}", e.to_string());
    assert!(e.to_string().contains("attendu la grille de alice.json"), "{}", e.to_string());
}

#[test]
fn the_same_evaluator_twice_is_refused() {
    let mut sessions = three();
    sessions[1].1.evaluator = "Alice".into();
    let e = consolidate(&sessions).expect_err("twice");
    assert_eq!(e.to_string(), "bruno.json : l'évaluateur « Alice » a déjà une session parmi celles importées");
}

#[test]
fn a_corrected_session_replaces_its_evaluator_and_keeps_what_the_committee_agreed() {
    let mut committee = consolidate(&three()).expect("same grid");
    // The committee agrees Cité Connect at 3 and fills in the record.
    let agreed = ManualMark { mark: 3.0, appraisal: "Accord de la commission".into() };
    committee.offers[1].marks.insert("INT-05".into(), agreed.clone());
    committee.procedure.tender = "Portail citoyen".into();
    // Bruno sends his session again, Portail Plus marked this time; David joins the committee.
    let bruno = session("Bruno", [Some(4.0), Some(5.0), Some(2.0), Some(3.5), Some(1.0), Some(3.0)]);
    let david = session("David", [Some(4.0), Some(2.0), Some(2.0), Some(3.0), Some(1.0), Some(3.0)]);
    let merged = committee
        .import_evaluators("commission.json", &[("bruno-v2.json".into(), bruno), ("david.json".into(), david)])
        .expect("same grid");
    let who: Vec<(&str, &str)> = merged.individual.iter().map(|e| (e.evaluator.as_str(), e.file.as_str())).collect();
    assert_eq!(
        who,
        [("Alice", "alice.json"), ("Bruno", "bruno-v2.json"), ("Chloé", "chloe.json"), ("David", "david.json")]
    );
    let grid = merged.checked_grid("merged").expect("grid");
    let rows = merged.comparison(grid.grid(), 0.2);
    assert_eq!(rows[1].marks.len(), 4);
    assert_eq!(rows[1].agreed, Some(agreed), "the committee's mark stays, whatever the evaluators say now");
    assert_eq!(rows[5].agreed.as_ref().map(|m| m.mark), Some(3.0), "now that all four agree, the mark is agreed");
    assert!(rows[3].agreed.is_none(), "Ker: 3, 3.5, 3, 3 is still for the committee to settle");
    assert_eq!(merged.procedure.tender, "Portail citoyen");
    // The same evaluator twice in one import, or a session on another grid, is refused by name.
    let twice = [("a.json".into(), session("Eve", [None; 6])), ("b.json".into(), session("Eve", [None; 6]))];
    let e = merged.import_evaluators("commission.json", &twice).expect_err("twice");
    assert_eq!(e.to_string(), "b.json : l'évaluateur « Eve » a déjà une session parmi celles importées");
    let mut other = session("Eve", [None; 6]);
    other.grid = include_str!("../../../../criteria/hebergement.json").to_string();
    let e = merged.import_evaluators("commission.json", &[("eve.json".into(), other)]).expect_err("other grid");
    assert!(e.to_string().contains("attendu la grille de commission.json"), "{}", e.to_string());
}

#[test]
fn offers_are_matched_by_fingerprint_even_when_renamed() {
    let mut sessions = three();
    sessions[1].1.offers[1].source = "renamed.json".into();
    let merged = consolidate(&sessions).expect("same grid");
    assert_eq!(merged.offers.len(), 6);
    let grid = merged.checked_grid("merged").expect("grid");
    assert_eq!(merged.comparison(grid.grid(), 0.2)[1].marks[1].1.as_ref().map(|m| m.mark), Some(5.0));
}

#[test]
fn an_offer_rejected_as_abnormally_low_is_neither_ranked_nor_compared_on_price() {
    let mut s = session("Alice", [Some(4.0), Some(3.0), Some(2.0), Some(3.0), Some(1.0), Some(3.0)]);
    let grid = s.checked_grid("s").expect("grid");
    let before = s.evaluate(&grid);
    assert_eq!(before.offers.len(), 6);
    s.decisions.push(Decision {
        kind: DecisionKind::Explanations,
        offer: id("offre-eco-portail-express.json"),
        date: "2026-11-20".into(),
        author: "Alice".into(),
        detail: "Prix non justifié".into(),
        outcome: Outcome::Pending,
        ground: None,
        lot: None,
        regularisation: None,
    });
    assert_eq!(s.evaluate(&grid), before, "a pending request changes nothing");
    s.decisions[0].outcome = Outcome::Rejected;
    let after = s.evaluate(&grid);
    assert_eq!(after.offers.len(), 5);
    assert!(after.offers.iter().all(|o| o.source != "offre-eco-portail-express.json"));
    assert_ne!(after.price[0].lowest, before.price[0].lowest, "its price no longer sets the lowest");
    assert_eq!(s.rejected().len(), 1);
    // A later decision about the same offer (explanations finally accepted) brings it back.
    let mut later = s.decisions[0].clone();
    later.outcome = Outcome::Accepted;
    s.decisions.push(later);
    assert!(s.rejected().is_empty());
    assert_eq!(s.evaluate(&grid), before);
}

#[test]
fn a_wrong_file_is_named_and_the_fingerprint_follows_the_content() {
    let e = Session::from_json("notes.json", r#"{"format": "jauge-report/1", "grid": ""}"#).expect_err("format");
    assert_eq!(e.to_string(), "notes.json : ce fichier est un rapport d'évaluation, pas une session");
    let e = Session::from_json("notes.json", r#"{"format": "jauge-marks/1", "offers": {}}"#).expect_err("marks");
    assert_eq!(e.describe(Lang::En), "notes.json: this file is a marks file, not a session");
    let e = Session::from_json("x.json", r#"{"format": "jauge-session/9", "grid": ""}"#).expect_err("version");
    assert_eq!(e.to_string(), "x.json : format « jauge-session/9 » ; attendu « jauge-session/3 »");
    let e = Session::from_json("x.json", r#"{"format": "jauge-session/2", "grid": ""#).expect_err("syntax");
    assert!(e.to_string().ends_with(" : le fichier s'arrête avant sa fin (tronqué ?)"), "{e}");
    let e =
        Session::from_json("x.json", r#"{"format": "jauge-session/2", "grid": "", "offers": {}}"#).expect_err("shape");
    assert_eq!(
        e.to_string(),
        "x.json : session illisible, à « offers » (ligne 1, colonne 52) : attendu : une liste [ … ] ; trouvé : un objet { … }"
    );
    let mut s = session("Alice", [Some(4.0); 6]);
    let again = Session::from_json("s.json", &s.to_json()).expect("round trip");
    assert_eq!(again, s);
    assert_eq!(again.fingerprint(), s.fingerprint());
    s.offers[0].marks.insert("INT-05".into(), ManualMark { mark: 3.5, appraisal: "x".into() });
    assert_ne!(again.fingerprint(), s.fingerprint());
}

/// The sample's Armor offer without its answer on REV-03 (a minimum requirement): irregular.
fn armor_without_rev03() -> (Session, Offer) {
    let mut s = session("Alice", [Some(4.0), Some(3.0), Some(2.0), Some(3.0), Some(1.0), Some(3.0)]);
    let full = s.offers[0].clone();
    s.offers[0].responses.retain(|k, _| k != "REV-03");
    let mut sent = full;
    sent.source = "regularisation-armor.json".into();
    sent.sha256 = Some("ab".repeat(32));
    (s, sent)
}

#[test]
fn a_regularisation_fills_only_what_made_the_offer_irregular_and_is_applied() {
    let (mut s, sent) = armor_without_rev03();
    let grid = s.checked_grid("s").expect("grid");
    let before = s.evaluate(&grid);
    let armor = |r: &Report| r.offers.iter().find(|o| o.source == "offre-armor-numerique.json").map(|o| o.status);
    assert_eq!(armor(&before), Some(Status::Irregular));
    let r = s.regularise(&grid, &id("offre-armor-numerique.json"), &sent, "2026-10-30").expect("accepted");
    assert_eq!(r.answers.keys().collect::<Vec<_>>(), ["REV-03"]);
    assert_eq!((r.file.as_str(), r.received.as_str()), ("regularisation-armor.json", "2026-10-30"));
    s.decisions.push(Decision {
        kind: DecisionKind::Regularisation,
        offer: id("offre-armor-numerique.json"),
        date: "2026-10-30".into(),
        author: "Alice".into(),
        detail: "Délai de restitution demandé le 28/10/2026".into(),
        outcome: Outcome::Accepted,
        ground: None,
        lot: None,
        regularisation: Some(r),
    });
    assert_eq!(armor(&s.evaluate(&grid)), Some(Status::Ranked), "evaluated again with the completed answer");
    assert!(s.regularised_without_file().is_empty());
}

#[test]
fn a_regularisation_cannot_change_a_given_answer_nor_leave_the_offer_irregular() {
    let (s, mut sent) = armor_without_rev03();
    let grid = s.checked_grid("s").expect("grid");
    sent.responses
        .insert("SUP-01".into(), Response { raw: Some(crate::Raw::Text("99,99 %".into())), ..Response::default() });
    let e =
        s.regularise(&grid, &id("offre-armor-numerique.json"), &sent, "2026-10-30").expect_err("a substantial change");
    assert!(
        e.to_string().contains("modifierait des réponses données")
            && e.to_string().contains("(SUP-01) : « 99,9 % » devient « 99,99 % »"),
        "{}",
        e.to_string()
    );
    assert!(e.to_string().contains("art. R2152-2 et CE 21 mars 2018 n°415929"), "{}", e.to_string());
    // Nuage Global answered REV-01 "Non" and 98,5 % on SUP-01: filling REV-03 alone cures nothing.
    let mut nuage = s.offers[4].clone();
    nuage
        .responses
        .insert("REV-03".into(), Response { raw: Some(crate::Raw::Text("60 jours".into())), ..Response::default() });
    nuage.source = "nuage-bis.json".into();
    let e = s.regularise(&grid, &id("offre-nuage-global.json"), &nuage, "2026-10-30").expect_err("still irregular");
    assert!(e.to_string().contains("resterait irrégulière") && e.to_string().contains("REV-01"), "{}", e.to_string());
}

#[test]
fn only_an_irregular_offer_that_is_not_abnormally_low_can_be_regularised() {
    let s = session("Alice", [Some(4.0), Some(3.0), Some(2.0), Some(3.0), Some(1.0), Some(3.0)]);
    let grid = s.checked_grid("s").expect("grid");
    let ranked = s.offers[1].clone();
    let e = s.regularise(&grid, &id("offre-cite-connect.json"), &ranked, "2026-10-30").expect_err("not irregular");
    assert!(e.to_string().contains("n'est pas irrégulière"), "{}", e.to_string());
    // Éco Portail Express, made irregular, is still possibly abnormally low.
    let mut low = s.clone();
    let full = low.offers[2].clone();
    low.offers[2].responses.retain(|k, _| k != "REV-01");
    let e =
        low.regularise(&grid, &id("offre-eco-portail-express.json"), &full, "2026-10-30").expect_err("abnormally low");
    assert!(
        e.to_string().contains("serait peut-être anormalement basse : elle ne peut pas être régularisée"),
        "{}",
        e.to_string()
    );
}

#[test]
fn a_version_1_session_refers_to_its_offers_by_identity_once_opened() {
    let v1 = include_str!("../../../../tests/sessions/portail-citoyen-v1.json");
    assert!(v1.contains("\"format\": \"jauge-session/1\""));
    let s = Session::from_json("v1.json", v1).expect("version 1 still opens");
    assert_eq!(s.format, SESSION_FORMAT);
    assert!(!s.decisions.is_empty() && !s.individual.is_empty(), "the fixture has decisions and evaluators' marks");
    for o in &s.offers {
        assert_eq!(Some(o.id.as_str()), o.sha256.as_deref(), "{}: identified by its file", o.source);
    }
    for d in &s.decisions {
        assert!(s.offer(&d.offer).is_some(), "decision on {}", d.offer);
    }
    let marked: usize = s.individual.iter().map(|e| e.marks.keys().filter(|k| s.offer(k).is_some()).count()).sum();
    let all: usize = s.individual.iter().map(|e| e.marks.len()).sum();
    assert_eq!(marked, all, "every evaluator's marks still on an offer");
    // Written again, it is a version 2 file that opens as it was.
    assert_eq!(Session::from_json("v2.json", &s.to_json()).expect("v2"), s);
}

#[test]
fn offers_are_found_by_identity_file_or_supplier_and_never_picked_among_several() {
    use crate::offer::{Found, find, labels};
    let mut a = Offer::from_json("cadre.json", OFFERS[0].1).expect("offer");
    let mut b = Offer::from_json("cadre.json", OFFERS[1].1).expect("offer");
    a.supplier.name = "Même Nom".into();
    b.supplier.name = "Autre".into();
    let offers = [a.clone(), b.clone()];
    assert_eq!(find(&offers, a.id.as_str()), Found::One(a.id.clone()));
    assert_eq!(find(&offers, &b.id.as_str()[..10].to_uppercase()), Found::One(b.id.clone()));
    assert_eq!(find(&offers, "  même nom "), Found::One(a.id.clone()));
    assert_eq!(find(&offers, "inconnu.xlsx"), Found::None);
    let Found::Several(both) = find(&offers, "cadre.json") else { panic!("two offers share the file name") };
    assert_eq!(both.len(), 2);
    assert!(both.iter().all(|l| l.starts_with("cadre.json #")));
    assert_eq!(labels(&offers[..1])[&a.id], "cadre.json");
    // The same bid under another extension (a record written for the JSON offers, the spreadsheets
    // read): found when one offer answers to it, never picked among several.
    let c = Offer::from_json("offre-ker.ods", OFFERS[3].1).expect("offer");
    let three = [a.clone(), b.clone(), c.clone()];
    assert_eq!(find(&three, "offre-ker.json"), Found::One(c.id.clone()));
    assert!(matches!(find(&three, "cadre.xlsx"), Found::Several(both) if both.len() == 2));
    assert_eq!(find(&three, "offre.json"), Found::None);
    // Marks filed under a name two offers share go to neither.
    let mut marked = offers.to_vec();
    let file: crate::offer::MarksFile = serde_json::from_str(
        r#"{"format": "jauge-marks/1", "offers": {"cadre.json": {"INT-05": {"mark": 1, "appraisal": "x"}}}}"#,
    )
    .expect("marks");
    let other = crate::offer::MarksFile::from_json(r#"{"format": "jauge-marks/9", "offers": {}}"#);
    assert!(matches!(other, Err(Error::MarksFormat { found }) if found == "jauge-marks/9"));
    let unapplied = file.apply(&mut marked);
    assert!(matches!(unapplied.as_slice(), [(name, Found::Several(_))] if name == "cadre.json"));
    assert_eq!(marked, offers.to_vec());
    // A name in decomposed form (NFD, an accent apart from its letter) designates the offer as
    // its precomposed form does; two entries for one offer are not merged: neither is applied.
    assert_eq!(find(&offers, "Me\u{302}me nom"), Found::One(a.id.clone()));
    let twice = crate::offer::MarksFile::from_json(
        r#"{"format": "jauge-marks/1", "offers": {
            "Même Nom": {"INT-05": {"mark": 1, "appraisal": "x"}},
            "Me\u0302me nom": {"INT-05": {"mark": 5, "appraisal": "y"}, "REV-03": {"mark": 2, "appraisal": "z"}}}}"#,
    )
    .expect("marks");
    let mut marked = offers.to_vec();
    let unapplied = twice.apply(&mut marked);
    let again = |a: &str, b: &str| (a.to_string(), Found::Again(b.to_string()));
    assert_eq!(unapplied, vec![again("Me\u{302}me nom", "Même Nom"), again("Même Nom", "Me\u{302}me nom")]);
    assert_eq!(marked, offers.to_vec());
    // Entries for different offers are applied.
    let each = crate::offer::MarksFile::from_json(
        r#"{"format": "jauge-marks/1", "offers": {"Même Nom": {"INT-05": {"mark": 1, "appraisal": "x"}}, "Autre": {}}}"#,
    )
    .expect("marks");
    assert_eq!(each.apply(&mut marked), vec![]);
    assert_eq!(marked[0].marks["INT-05"].mark, 1.0);
}

#[test]
fn an_offer_read_and_saved_is_intact_and_one_edited_by_hand_is_not() {
    let session = session("Alice", [Some(4.0); 6]);
    let text = session.to_json();
    let opened = Session::from_json("alice.json", &text).expect("a session");
    assert!(opened.integrity().iter().all(|(_, i)| *i == Integrity::Intact), "saved and opened again: intact");
    // The price of Armor Numérique changed in the file, its fingerprints left as they were.
    let edited =
        text.replacen("99 000 € HT, TVA 20 %, soit 118 800 € TTC", "89 000 € HT, TVA 20 %, soit 106 800 € TTC", 1);
    assert_ne!(edited, text, "the sample's price is in the session");
    let opened = Session::from_json("alice.json", &edited).expect("an edited session still opens");
    let edited: Vec<&str> =
        opened.integrity().iter().filter(|(_, i)| *i == Integrity::Edited).map(|(o, _)| o.source.as_str()).collect();
    assert_eq!(edited, ["offre-armor-numerique.json"]);
    // Marks are the committee's, added after reading: changing them is not an edit of the offer.
    let mut marked = opened.offers[1].clone();
    marked.marks.insert("INT-05".into(), ManualMark { mark: 1.0, appraisal: "Revu".into() });
    assert_eq!(marked.integrity(), Integrity::Intact);
}

#[test]
fn a_version_1_session_opens_and_its_offers_are_not_verifiable() {
    let v1 = include_str!("../../../../tests/sessions/portail-citoyen-v1.json");
    let session = Session::from_json("v1.json", v1).expect("a version 1 session opens");
    assert!(!session.offers.is_empty());
    assert!(session.integrity().iter().all(|(_, i)| *i == Integrity::NotVerifiable));
}

#[test]
fn a_session_with_a_phantom_offer_or_an_offer_missing_is_refused_by_name() {
    let mut sessions = three();
    let phantom = Offer::from_json("offre-fantome.json", &OFFERS[0].1.replace("Armor Numérique", "Fantôme SAS"))
        .expect("an offer");
    sessions[1].1.offers.push(phantom);
    let e = consolidate(&sessions).expect_err("phantom offer");
    assert!(
        matches!(&e, Error::OtherOffers { extra, missing, .. } if extra == &["offre-fantome.json"] && missing.is_empty())
    );
    assert_eq!(
        e.to_string(),
        "bruno.json : session refusée, elle ne porte pas sur les mêmes offres que alice.json (offres absentes de alice.json : offre-fantome.json)"
    );
    // Into a committee's session: the committee's offers are the reference.
    let committee = consolidate(&three()).expect("same offers");
    let mut short = session("Eve", [None; 6]);
    short.offers.remove(4);
    let e = committee.import_evaluators("commission.json", &[("eve.json".into(), short)]).expect_err("missing");
    assert!(matches!(&e, Error::OtherOffers { missing, .. } if missing == &["offre-nuage-global.json"]), "{e}");
    assert!(e.describe(Lang::En).contains("offers of commission.json missing: offre-nuage-global.json"), "{e}");
}

#[test]
fn an_edited_copy_of_an_offer_is_refused() {
    let mut sessions = three();
    // Chloé's copy of Cité Connect has another answer, under the same identity and fingerprints.
    let copy = &mut sessions[2].1.offers[1];
    copy.responses.get_mut("PRIX").expect("a price").raw =
        Some(crate::Raw::Text("1 € HT, TVA 20 %, soit 1,20 € TTC".into()));
    let e = consolidate(&sessions).expect_err("edited copy");
    assert!(
        matches!(&e, Error::EditedCopy { file, offers, .. } if file == "chloe.json" && offers == &["offre-cite-connect.json"])
    );
    assert_eq!(e.code(), "edited_copy");
    assert!(e.to_string().contains("copie modifiée"), "{e}");
}

#[test]
fn the_same_session_file_under_two_names_is_refused() {
    let mut sessions = three();
    let mut copy = sessions[0].1.clone();
    copy.evaluator = String::new();
    sessions[0].1.evaluator = String::new();
    sessions.push(("alice-copie.json".into(), copy));
    let e = consolidate(&sessions).expect_err("same session twice");
    assert_eq!(e, Error::SessionTwice { file: "alice-copie.json".into(), evaluator: "alice.json".into() });
}

/// The sample's committee files: each evaluator's marks file becomes their session on the offers
/// read, the three are consolidated, and their names fill the record's list of evaluators.
#[test]
fn marks_files_become_evaluators_sessions_and_their_names_fill_the_record() {
    let base = session("", [None; 6]);
    let files = [
        (
            "Alice Martin",
            "notes-alice.json",
            include_str!("../../../../samples/portail-citoyen/commission/notes-alice.json"),
        ),
        (
            "Bruno Le Gall",
            "notes-bruno.json",
            include_str!("../../../../samples/portail-citoyen/commission/notes-bruno.json"),
        ),
        (
            "Chloé Diallo",
            "notes-chloe.json",
            include_str!("../../../../samples/portail-citoyen/commission/notes-chloe.json"),
        ),
    ];
    let sessions: Vec<(String, Session)> = files
        .iter()
        .map(|(who, file, text)| {
            let marks = MarksFile::from_json(text).expect("marks file");
            (file.to_string(), base.with_marks_of(who, file, &marks).expect("every entry designates an offer"))
        })
        .collect();
    assert!(sessions.iter().all(|(_, s)| s.offers.iter().any(|o| !o.marks.is_empty())));
    let merged = consolidate(&sessions).expect("the same offers");
    let named: Vec<&str> = merged.procedure.evaluators.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(named, ["Alice Martin", "Bruno Le Gall", "Chloé Diallo"]);
    assert!(merged.procedure.evaluators.iter().all(|e| !e.no_conflict), "their statements are still to give");
    // A name already in the record is not added twice.
    let again = merged.import_evaluators("commission.json", &sessions[..1]).expect("again");
    assert_eq!(again.procedure.evaluators.len(), 3);
    // No evaluator's name, or an entry that designates no offer: refused, naming the file.
    let marks = MarksFile::from_json(files[0].2).expect("marks");
    let e = base.with_marks_of(" ", "notes-alice.json", &marks).expect_err("no name");
    assert_eq!(e.to_string(), "notes-alice.json : notes non importées : indiquer d'abord le nom de l'évaluateur");
    let stranger = MarksFile::from_json(
        r#"{"format": "jauge-marks/1", "offers": {"Inconnu SA": {"INT-05": {"mark": 1, "appraisal": "x"}}}}"#,
    )
    .expect("marks");
    let e = base.with_marks_of("Alice", "n.json", &stranger).expect_err("unknown offer");
    assert!(e.to_string().starts_with("n.json : notes non importées : « Inconnu SA » ne désigne aucune"), "{e}");
}

/// The sample's procedure record, imported on the offers read: its decisions designate offers by
/// file name or supplier, and come to designate them by identity.
#[test]
fn a_record_file_is_read_and_its_decisions_designate_the_offers_read() {
    let base = session("", [None; 6]);
    let text = include_str!("../../../../samples/portail-citoyen/commission/dossier.json");
    let record = Record::from_json("dossier.json", text).expect("record").resolved("dossier.json", &base.offers);
    let record = record.expect("every decision designates an offer");
    assert_eq!(record.procedure.reference, "2026-PC-014");
    assert!(!record.decisions.is_empty());
    assert!(record.decisions.iter().all(|d| base.offers.iter().any(|o| o.id == d.offer)));
    let stranger = Record {
        decisions: vec![Decision { offer: OfferId("inconnue.xlsx".into()), ..Decision::default() }],
        ..Record::default()
    };
    let e = stranger.resolved("dossier.json", &base.offers).expect_err("unknown offer");
    assert!(e.to_string().starts_with("dossier.json : dossier non importé : la décision sur « inconnue.xlsx »"), "{e}");
    let e = Record::from_json(
        "notes.json",
        include_str!("../../../../samples/portail-citoyen/commission/notes-alice.json"),
    );
    assert_eq!(
        e.expect_err("marks").to_string(),
        "notes.json : ce fichier est un fichier de notes, pas un dossier de la procédure"
    );
}

/// A session compared with the files received: each offer comes from one of them and reads as
/// recorded; an edited offer, a file not received and a file the session lacks are each said.
#[test]
fn a_session_is_verified_against_the_files_received() {
    let mut s = session("Alice", [Some(4.0); 6]);
    let received: Vec<Offer> =
        OFFERS.iter().map(|(name, text)| Offer::from_json(&format!("recu-{name}"), text).expect("offer")).collect();
    let all = s.verify(&received);
    assert_eq!(all.len(), 6);
    assert!(all.iter().all(FileCheck::is_verified), "{all:?}");
    // The price of one offer edited in the session, one file not given, and a stranger's file.
    let edited = s.offers[2].id.clone();
    s.offers[2]
        .responses
        .insert("PRIX".into(), Response { raw: Some(crate::value::Raw::Text("1 €".into())), ..Response::default() });
    let missing = s.offers[5].id.clone();
    let stranger = Offer::from_json(
        "autre.json",
        r#"{"format": "jauge-offer/1", "supplier": {"name": "Autre"}, "answers": {"PRIX": "2 €"}}"#,
    )
    .expect("offer");
    let mut given = received[..5].to_vec();
    given.push(stranger);
    let found = s.verify(&given);
    assert!(
        found.contains(&FileCheck::ReadDifferently {
            offer: edited,
            file: "recu-offre-eco-portail-express.json".into()
        })
    );
    assert!(found.contains(&FileCheck::Missing { offer: missing }));
    assert!(found.contains(&FileCheck::NotInSession { file: "autre.json".into() }));
    assert_eq!(found.iter().filter(|v| v.is_verified()).count(), 4);
}

/// One bidder's offers for two lots are not "several offers from one bidder": each lot has its own.
#[test]
fn a_bidders_offers_for_two_lots_are_not_grouped_as_one_bidders_several_offers() {
    use crate::offer::same_bidder;
    let a = Offer::from_json("ker.json", OFFERS[3].1).expect("offer");
    let mut lot1 = a.clone();
    lot1.lot = Some("1".into());
    let mut lot2 = a.clone();
    lot2.lot = Some("2".into());
    lot2.id = OfferId(format!("{}:2", a.id.as_str()));
    assert!(same_bidder(&[lot1.clone(), lot2]).is_empty());
    let mut resend = lot1.clone();
    resend.id = OfferId("name:resend".into());
    assert_eq!(same_bidder(&[lot1, resend]).len(), 1, "two offers for lot 1 are");
}

#[test]
fn a_version_2_session_opens_as_it_is() {
    let text = include_str!("../../../../tests/sessions/portail-citoyen-v1.json");
    let v1 = Session::from_json("v1.json", text).expect("version 1 opens");
    let mut value: serde_json::Value = serde_json::from_str(&v1.to_json()).expect("json");
    assert_eq!(value["format"], SESSION_FORMAT);
    value["format"] = serde_json::json!("jauge-session/2");
    let v2 = Session::from_json("v2.json", &value.to_string()).expect("version 2 opens");
    assert_eq!(v2.offers, v1.offers);
    assert!(v2.rounds.is_empty() && v2.offers.iter().all(|o| o.round.is_none()));
    // Kept as read, so that the report's fingerprint of the session is still its file's.
    assert_eq!(v2.format, "jauge-session/2");
    assert_eq!(v2.fingerprint(), Session::from_json("v2.json", &v2.to_json()).expect("again").fingerprint());
}
