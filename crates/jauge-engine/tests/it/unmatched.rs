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

/// An answer Jauge cannot read (a reference to a document, a unit it does not know) never sets an
/// offer aside on its own: an evaluator reads it and settles the requirement with a mark.
#[test]
fn a_requirement_on_an_unreadable_answer_is_checked_by_an_evaluator_not_failed() {
    let g = delays(
        r#"{"id": "RESTIT", "label": {"fr": "Délai de restitution"}, "question": {"fr": "En combien de jours ?"},
        "answer": {"type": "duration", "unit": "day"}, "rule": {"kind": "linear", "best": 30, "worst": 180},
        "weight": 60, "eliminatory": {"max": 180}}"#,
    );
    let offer = |answer: &str| answering("RESTIT", answer);
    let mut o = offer("cf. mémoire technique p. 12");
    let r = &evaluate(&g, std::slice::from_ref(&o)).offers[0];
    assert_eq!(r.status, Status::Incomplete, "{:?}", r.reasons);
    assert!(
        r.reasons.iter().any(|d| d.code == "unreadable_requirement" && d.message.fr.contains("n'a pas pu être lue"))
    );
    // The evaluators read the memo: 90 days, within the requirement.
    mark(&mut o, "RESTIT", 30.0);
    let r = &evaluate(&g, std::slice::from_ref(&o)).offers[0];
    assert_eq!(r.status, Status::Ranked);
    let restit = r.criteria.iter().find(|c| c.id == "RESTIT").expect("RESTIT");
    assert_eq!(restit.points, 30.0, "their mark is the criterion's points");
    assert!(restit.explanation.fr.contains("n'a pas pu être lu ; réponse lue par les évaluateurs : note 30 sur 60"));
    // Or they record that it is not met: then, and only then, the offer is irregular.
    mark(&mut o, "RESTIT", 0.0);
    assert_eq!(evaluate(&g, std::slice::from_ref(&o)).offers[0].status, Status::Irregular);
    // An answer given in working days is read with its stated bound and meets the requirement.
    let r = &evaluate(&g, &[offer("100 jours ouvrés")]).offers[0];
    assert_eq!(r.status, Status::Ranked, "{:?}", r.reasons);
    // No answer at all still fails a minimum requirement.
    let r = &evaluate(&g, &[offer("")]).offers[0];
    assert_eq!(r.status, Status::Irregular);
}

/// The same holds for a criterion that is only scored: an answer Jauge cannot read is read by an
/// evaluator, not scored 0 in silence; no answer at all earns nothing, without an evaluator.
#[test]
fn a_scored_answer_that_cannot_be_read_waits_for_an_evaluator() {
    let g = delays(
        r#"{"id": "GTI", "label": {"fr": "Délai d'intervention"}, "question": {"fr": "En combien d'heures ?"},
        "answer": {"type": "duration", "unit": "hour"}, "rule": {"kind": "linear", "best": 4, "worst": 48}, "weight": 60}"#,
    );
    let offer = |answer: &str| answering("GTI", answer);
    for written in ["cf. mémoire technique p. 12", "selon contrat de maintenance", "4 parsecs"] {
        let mut o = offer(written);
        let r = &evaluate(&g, std::slice::from_ref(&o)).offers[0];
        assert_eq!(r.status, Status::Incomplete, "{written}: {:?}", r.reasons);
        assert!(r.reasons.iter().any(|d| d.code == "unreadable_answer" && d.criterion.as_deref() == Some("GTI")));
        let gti = r.criteria.iter().find(|c| c.id == "GTI").expect("GTI");
        assert_eq!((gti.points, gti.marked_out_of), (0.0, Some(60.0)), "{written}");
        assert!(gti.explanation.fr.contains("à lire et noter sur 60 par les évaluateurs"), "{}", gti.explanation.fr);
        let reach = r.reachable.expect("reachable totals");
        assert_eq!((reach.lowest, reach.highest), (40.0, 100.0), "{written}");
        let awaiting: Vec<&str> = r.awaiting_marks().map(|c| c.id.as_str()).collect();
        assert_eq!(awaiting, ["GTI"], "the mark the evaluators owe");
        mark(&mut o, "GTI", 45.0);
        let r = &evaluate(&g, &[o]).offers[0];
        assert_eq!((r.status, r.total), (Status::Ranked, 85.0), "{written}");
        assert_eq!(r.awaiting_marks().count(), 0, "given");
    }
    let r = &evaluate(&g, &[offer("")]).offers[0];
    assert_eq!((r.status, r.total), (Status::Ranked, 40.0), "no answer: no points, nothing to read");
    assert_eq!(r.criteria[0].marked_out_of, None);
}

/// A grid of one delay criterion (worth 60) and a price (worth 40).
fn delays(criterion: &str) -> CheckedGrid {
    CheckedGrid::from_json(&format!(
        r#"{{"format": "jauge-grid/1", "id": "delais", "version": "1.0.0", "title": {{"fr": "Délais"}},
        "publisher": "tests", "scale": 100,
        "families": [
          {{"id": "service", "label": {{"fr": "Service"}}, "criteria": [{criterion}]}},
          {{"id": "prix", "label": {{"fr": "Prix"}}, "criteria": [
            {{"id": "PRIX", "label": {{"fr": "Prix"}}, "question": {{"fr": "Prix TTC ?"}}, "answer": {{"type": "price"}},
              "rule": {{"kind": "price", "method": "proportional"}}, "weight": 40}}]}}
        ]}}"#
    ))
    .unwrap_or_else(|e| panic!("{e}"))
}

/// An offer answering `answer` to `criterion`, at 1 000 €.
fn answering(criterion: &str, answer: &str) -> Offer {
    Offer::from_json(
        "o.json",
        &format!(
            r#"{{"format": "jauge-offer/1", "supplier": {{"name": "O"}}, "answers": {{"{criterion}": "{answer}", "PRIX": "1000 €"}}}}"#
        ),
    )
    .expect("offer")
}
