//! Words the grid's options do not match are never scored 0 silently: the offer waits for an
//! evaluator, who settles the criterion with a mark out of its weight and a written appraisal.

use jauge_engine::report::Status;
use jauge_engine::{CheckedGrid, ManualMark, Offer, evaluate};

fn grid() -> CheckedGrid {
    CheckedGrid::from_json(
        r#"{"format": "jauge-grid/1", "id": "options", "version": "1.0.0", "title": {"fr": "Options"},
        "publisher": "tests", "scale": 100,
        "families": [
          {"id": "qualite", "label": {"fr": "Qualité"}, "criteria": [
            {"id": "LANG", "label": {"fr": "Langues"}, "question": {"fr": "Langues ?"},
              "answer": {"type": "multi_choice", "options": [{"id": "en", "label": {"fr": "Anglais"}}, {"id": "br", "label": {"fr": "Breton"}}]},
              "rule": {"kind": "count", "items": ["en", "br"], "cap": 2}, "weight": 30, "tags": ["environment"]},
            {"id": "LIEU", "label": {"fr": "Hébergement"}, "question": {"fr": "Où ?"},
              "answer": {"type": "choice", "options": [{"id": "ue", "label": {"fr": "Union européenne"}}, {"id": "hors", "label": {"fr": "Hors Union européenne"}}]},
              "rule": {"kind": "choice", "points": {"ue": 1, "hors": 0}}, "weight": 30, "eliminatory": {"one_of": ["ue"]}}]},
          {"id": "prix", "label": {"fr": "Prix"}, "criteria": [
            {"id": "PRIX", "label": {"fr": "Prix"}, "question": {"fr": "Prix TTC ?"}, "answer": {"type": "price"},
              "rule": {"kind": "price", "method": "proportional"}, "weight": 40}]}
        ]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn offer(languages: &str, place: &str) -> Offer {
    Offer::from_json(
        "o.json",
        &format!(
            r#"{{"format": "jauge-offer/1", "supplier": {{"name": "O"}}, "answers": {{"LANG": "{languages}", "LIEU": "{place}", "PRIX": "1000 €"}}}}"#
        ),
    )
    .expect("offer")
}

fn mark(o: &mut Offer, id: &str, mark: f64) {
    o.marks.insert(id.into(), ManualMark { mark, appraisal: "lu par la commission".into() });
}

#[test]
fn an_unmatched_item_waits_for_an_evaluator_and_keeps_what_was_recognised() {
    let g = grid();
    let mut o = offer("Anglais, Gallo", "Union européenne");
    let r = &evaluate(&g, std::slice::from_ref(&o)).offers[0];
    assert_eq!(r.status, Status::Incomplete, "not ranked, and not a silent 0");
    assert!(r.reasons.iter().any(|d| d.code == "unsettled_answer" && d.message.fr.contains("« Gallo »")));
    let lang = r.criteria.iter().find(|c| c.id == "LANG").expect("LANG");
    assert_eq!((lang.points, lang.unmatched.as_deref()), (15.0, Some("Gallo")));
    let reach = r.reachable.expect("reachable totals");
    assert_eq!((reach.lowest, reach.highest), (85.0, 100.0));
    // The evaluators read "Gallo" as a regional language worth the full points.
    mark(&mut o, "LANG", 30.0);
    let r = &evaluate(&g, &[o]).offers[0];
    assert_eq!((r.status, r.total), (Status::Ranked, 100.0));
    assert!(r.criteria[0].explanation.fr.contains("réponse lue par les évaluateurs : note 30 sur 30"));
}

#[test]
fn a_requirement_on_unmatched_words_is_checked_by_an_evaluator_not_failed() {
    let g = grid();
    let mut o = offer("Anglais", "Francfort (Allemagne)");
    let r = &evaluate(&g, std::slice::from_ref(&o)).offers[0];
    assert_eq!(r.status, Status::Incomplete, "not irregular on words the engine cannot read");
    assert!(r.reasons.iter().any(|d| d.code == "unsettled_requirement"));
    mark(&mut o, "LIEU", 0.0);
    assert_eq!(evaluate(&g, std::slice::from_ref(&o)).offers[0].status, Status::Irregular, "0: requirement not met");
    mark(&mut o, "LIEU", 30.0);
    let r = &evaluate(&g, &[o]).offers[0];
    assert_eq!(r.status, Status::Ranked, "the evaluators read an EU location");
    assert_eq!(r.criteria[1].eliminatory.as_ref().map(|e| e.passed), Some(true));
}
