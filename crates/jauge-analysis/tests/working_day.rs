//! The award proposed resting on the working day's length the grid converts answers with (the
//! sample tender: « 2 j ouvrés » read as 16 h decides between two bidders): a point to check,
//! naming the answers converted and the award with another length; settled once the record says
//! how the length was announced; none when no answer depends on it or the award does not.

use expect_test::expect;
use jauge_analysis::{Analysis, Annex, Pending};
use jauge_engine::Lang;
use jauge_engine::session::Session;

/// The sample tender's committee session, without the record's statement of the check (the
/// sample records it: its report is ready to sign).
fn sample() -> Session {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("samples/portail-citoyen/commission/session.json")).expect("sample");
    let mut s = Session::from_json("session.json", &text).expect("a session");
    assert!(!s.procedure.working_day_review.is_empty(), "the sample records the check");
    s.procedure.working_day_review.clear();
    s
}

/// The working-day points of a session, described in `lang`, one per line.
fn points(s: &Session, lang: Lang) -> String {
    let a = Analysis::new(s, "s", "", Annex::AgreedMarksOnly).expect("valid");
    let mut out: Vec<String> = a
        .to_settle()
        .iter()
        .filter(|p| matches!(p, Pending::WorkingDayDecides { .. }))
        .map(|p| p.describe(lang))
        .collect();
    out.push(String::new());
    out.join("\n")
}

/// The session with every answer that names working days written in hours instead.
fn in_hours(mut s: Session) -> Session {
    for o in &mut s.offers {
        for r in o.responses.values_mut() {
            if r.raw.as_ref().is_some_and(|raw| raw.display(Lang::Fr).contains("ouvr")) {
                r.raw = Some(jauge_engine::Raw::Text("16 h".into()));
            }
        }
    }
    s
}

#[test]
fn an_award_resting_on_the_working_day_is_a_point_to_check_naming_the_answers() {
    let s = sample();
    expect![[r#"
        Vérifier que la durée du jour ouvré fixée par la grille (8 h) était annoncée aux soumissionnaires, puis consigner ce qui a été constaté dans le dossier de la procédure (« Durée du jour ouvré ») : la proposition d'attribution en dépend. Réponses converties avec cette durée : « Armor Numérique SCOP » : SUP-03 « 1 j ouvré » ; « Éco Portail Express » : SUP-03 « 2 j ouvrés » ; « Nuage Global Ltd » : SUP-02 « 1 j ouvré » ; « Nuage Global Ltd » : SUP-03 « 3 jours ouvrés » ; « Portail Plus » : SUP-03 « 1 j ouvré » ; avec 1 j ouvré = 24 h, la proposition d'attribution serait « Ker Développement » au lieu de « Éco Portail Express »
    "#]]
    .assert_eq(&points(&s, Lang::Fr));
    expect![[r#"
        Check that the working day's length the grid sets (8 h) was announced to the bidders, then record what was found in the procedure record ("Length of the working day"): the award proposed depends on it. Answers converted with it: "Armor Numérique SCOP": SUP-03 "1 j ouvré"; "Éco Portail Express": SUP-03 "2 j ouvrés"; "Nuage Global Ltd": SUP-02 "1 j ouvré"; "Nuage Global Ltd": SUP-03 "3 jours ouvrés"; "Portail Plus": SUP-03 "1 j ouvré"; with 1 working day = 24 h, the award proposed would be "Ker Développement" instead of "Éco Portail Express"
    "#]]
    .assert_eq(&points(&s, Lang::En));
}

#[test]
fn the_record_settles_it_and_the_method_states_the_check() {
    let mut s = sample();
    s.procedure.working_day_review =
        "8 h par jour ouvré, annoncées par le cadre de réponse et le règlement de la consultation (art. 6)".into();
    assert_eq!(points(&s, Lang::Fr), "");
    let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
    let html = jauge_analysis::html(&a, Lang::Fr);
    assert!(
        html.contains("Annonce de la durée du jour ouvré : 8 h par jour ouvré, annoncées par le cadre de réponse et le règlement de la consultation (art. 6)."),
        "{html}"
    );
    // Without it, the method says nothing of a check (the point to settle asks for it).
    let html =
        jauge_analysis::html(&Analysis::new(&sample(), "s", "", Annex::AgreedMarksOnly).expect("valid"), Lang::Fr);
    assert!(!html.contains("Annonce de la durée du jour ouvré"), "{html}");
}

#[test]
fn no_point_when_no_answer_depends_on_the_length_or_the_award_does_not() {
    // The same answers written in hours: nothing is converted.
    assert_eq!(points(&in_hours(sample()), Lang::Fr), "");
    // A converted answer that does not decide: a losing bidder's alone counts in working days.
    let mut s = in_hours(sample());
    let nuage = s.offers.iter().position(|o| o.supplier.name == "Nuage Global Ltd").expect("an offer");
    s.offers[nuage].responses.get_mut("SUP-03").expect("an answer").raw =
        Some(jauge_engine::Raw::Text("3 j ouvrés".into()));
    assert_eq!(points(&s, Lang::Fr), "");
    // The test can fail: the winner's answer in working days again decides.
    let mut s = in_hours(sample());
    let eco = s.offers.iter().position(|o| o.supplier.name == "Éco Portail Express").expect("an offer");
    s.offers[eco].responses.get_mut("SUP-03").expect("an answer").raw =
        Some(jauge_engine::Raw::Text("2 j ouvrés".into()));
    assert_ne!(points(&s, Lang::Fr), "");
}
