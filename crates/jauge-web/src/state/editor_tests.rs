//! The grid editor's reducer, natively: a grid built from scratch, a weight problem at its field
//! and fixed, an adaptation with its differences and suggested version, undo and redo, the
//! draft kept, the form's rows read back.

use super::*;
use crate::state::GRIDS;
use jauge_engine::diff::{Bump, Change};

fn set(e: &Editor, scope: Scope, field: Field, value: &str) -> Editor {
    e.apply(Edit::Set(scope, field, value.into()))
}

fn codes_at(e: &Editor, anchor: &str) -> Vec<String> {
    e.at(anchor).iter().map(|p| p.diagnostic.code.clone()).collect()
}

fn chosen() -> Rc<CheckedGrid> {
    Rc::new(CheckedGrid::from_json(GRIDS[0].1).expect("the bundled grid"))
}

#[test]
fn the_skeleton_is_a_valid_grid_with_the_price_criterion() {
    let e = Editor::default().apply(Edit::New);
    assert!(e.valid(), "{:#?}", e.placed);
    assert!(e.placed.iter().all(|p| p.diagnostic.severity != Severity::Error));
    assert_eq!(e.weights, Weights { families: vec![100.0], total: 100.0, missing: 0.0 });
    assert_eq!(e.grid.criteria().count(), 1);
    assert!(e.diff.is_none(), "nothing to compare a new grid with");
    assert!(e.json.starts_with("{\n  \"format\": \"jauge-grid/2\",\n  \"id\": \"nouvelle-grille\""), "{}", e.json);
    assert!(e.json.ends_with("}\n"));
    CheckedGrid::from_json(&e.json).expect("the file downloaded is read back");
}

#[test]
fn a_criterion_added_shows_the_weights_problem_at_the_scale_until_the_weights_add_up() {
    let e = Editor::default().apply(Edit::New).apply(Edit::AddFamily);
    assert_eq!(codes_at(&e, &anchor(Scope::Family(1), "criteria")), ["empty_family"]);
    assert_eq!(codes_at(&e, &anchor(Scope::Family(1), "label.fr")), ["small_family"], "a warning without field");
    let e = e.apply(Edit::AddCriterion(1));
    assert_eq!(e.grid.families[1].criteria[0].id, "C-01");
    let at_scale = anchor(Scope::Grid, "scale");
    assert_eq!(at_scale, "ed-g-scale");
    assert_eq!(codes_at(&e, &at_scale), ["weights_sum"]);
    assert!(!e.valid());
    assert_eq!(e.weights, Weights { families: vec![100.0, 1.0], total: 101.0, missing: -1.0 });
    // A weight of 0 is a problem of that criterion's weight.
    let w = anchor(Scope::Criterion(1, 0), "weight");
    let e = set(&e, Scope::Criterion(1, 0), Field::Weight, "0");
    assert_eq!(codes_at(&e, &w), ["invalid_range"], "{:#?}", e.placed);
    assert_eq!(e.problems_in(Scope::Criterion(1, 0)), 1);
    assert_eq!(e.problems_in(Scope::Criterion(0, 0)), 0, "the weights' sum is the scale's problem");
    let e = set(&e, Scope::Criterion(1, 0), Field::Weight, "10");
    let e = set(&e, Scope::Criterion(0, 0), Field::Weight, "90");
    assert!(e.valid(), "{:#?}", e.placed);
    assert_eq!(e.weights.families, [90.0, 10.0]);
    assert!(e.at(&at_scale).is_empty());
}

#[test]
fn a_number_that_cannot_be_read_is_kept_as_typed_and_changes_nothing() {
    let e = Editor::default().apply(Edit::New);
    let typo = set(&e, Scope::Criterion(0, 0), Field::Weight, "cent");
    assert_eq!(typo.grid, e.grid);
    assert_eq!(typo.unreadable.get(&anchor(Scope::Criterion(0, 0), "weight")).map(String::as_str), Some("cent"));
    assert_eq!(typo.can(), (false, false), "nothing to undo");
    let fixed = set(&typo, Scope::Criterion(0, 0), Field::Weight, "100,0");
    assert!(fixed.unreadable.is_empty());
}

#[test]
fn an_adaptation_names_its_parent_and_suggests_the_version_its_changes_call_for() {
    let chosen = chosen();
    let e = Editor::default().apply(Edit::Adapt(chosen.clone()));
    let parent = e.grid.parent.clone().expect("a parent");
    assert_eq!((parent.id.as_str(), parent.version.as_str()), ("numerique-responsable", "2.0.0"));
    assert_eq!(parent.fingerprint, chosen.fingerprint());
    assert_eq!(e.grid.version, "2.0.1", "naming a parent is a patch");
    assert!(e.valid(), "{:#?}", e.placed);
    // A weight moved between two criteria and a threshold changed: marks can change.
    let e = set(&e, Scope::Criterion(0, 0), Field::Weight, "5");
    let e = set(&e, Scope::Criterion(0, 1), Field::Weight, "2");
    let e = set(&e, Scope::Criterion(1, 3), Field::BandThreshold(0), "5");
    assert!(e.valid(), "{:#?}", e.placed);
    let d = e.diff.clone().expect("compared with the parent");
    let ids: Vec<&str> = d.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["INT-01", "INT-02", "REV-05"]);
    assert_eq!(d.criteria[0].changes, [Change::Weight { from: 4.0, to: 5.0 }]);
    assert!(matches!(d.criteria[2].changes[..], [Change::Rule { .. }]), "{:?}", d.criteria[2]);
    assert!(d.criteria.iter().all(|c| c.changes.iter().all(Change::can_change_marks)));
    assert_eq!(d.bump(), Bump::Major);
    assert_eq!(e.suggested().as_deref(), Some("3.0.0"));
    let e = e.apply(Edit::ApplyVersion);
    assert_eq!(e.grid.version, "3.0.0");
    assert_eq!(e.suggested(), None);
}

#[test]
fn a_bundled_grid_opened_is_compared_with_itself_as_opened() {
    let e = Editor::default().apply(Edit::Open(GRIDS[1].1.into()));
    assert_eq!(e.grid.id, "hebergement");
    assert!(e.diff.as_ref().is_some_and(|d| d.is_empty()));
    assert!(e.grid.parent.is_none());
    let e = set(&e, Scope::Criterion(0, 0), Field::LabelFr, "Nouveau libellé");
    assert_eq!(e.diff.as_ref().map(|d| d.bump()), Some(Bump::Patch));
}

#[test]
fn undo_and_redo_walk_the_snapshots_and_keep_at_most_the_depth() {
    let e = Editor::default().apply(Edit::New);
    let one = set(&e, Scope::Grid, Field::TitleFr, "Un");
    let two = set(&one, Scope::Grid, Field::TitleFr, "Deux");
    let back = two.apply(Edit::Undo);
    assert_eq!(back.grid.title.fr, "Un");
    assert_eq!(back.can(), (true, true));
    assert_eq!(back.apply(Edit::Redo).grid.title.fr, "Deux");
    // A new edit after an undo forgets the redo.
    let other = set(&back, Scope::Grid, Field::TitleFr, "Autre");
    assert_eq!(other.can(), (true, false));
    assert_eq!(other.apply(Edit::Redo).grid.title.fr, "Autre");
    let mut many = e.clone();
    for i in 0..UNDO_DEPTH + 10 {
        many = set(&many, Scope::Grid, Field::TitleFr, &format!("titre {i}"));
    }
    for _ in 0..UNDO_DEPTH + 10 {
        many = many.apply(Edit::Undo);
    }
    assert_eq!(many.grid.title.fr, "titre 9", "the oldest snapshots are dropped");
}

#[test]
fn the_draft_is_restored_with_its_base() {
    let e = Editor::default().apply(Edit::Adapt(chosen()));
    let e = set(&e, Scope::Criterion(0, 0), Field::Weight, "5");
    let again = Editor::restore(&e.draft()).expect("a draft");
    assert_eq!(again.grid, e.grid);
    assert_eq!(again.base, e.base);
    assert_eq!(again.diff, e.diff);
    assert!(Editor::restore("pas un brouillon").is_none());
}

#[test]
fn rules_change_with_the_answer_type_and_options_carry_their_points() {
    let e = Editor::default().apply(Edit::New).apply(Edit::AddCriterion(0));
    let c = Scope::Criterion(0, 1);
    let e = set(&e, c, Field::AnswerType, "choice");
    let crit = &e.grid.families[0].criteria[1];
    assert_eq!(rule_kind(&crit.rule), "choice", "a yes/no rule does not fit a choice");
    assert_eq!(crit.answer.options().len(), 2);
    let e = set(&e, c, Field::OptionId(0), "ouvert");
    let e = set(&e, c, Field::AtLeast, "");
    match &e.grid.families[0].criteria[1].rule {
        Rule::Choice { points } => assert_eq!(points.get("ouvert"), Some(&1.0)),
        other => panic!("{other:?}"),
    }
    let e = set(&e, c, Field::OneOf("ouvert".into()), "true");
    let e = e.apply(Edit::RemoveOption(0, 1, 0));
    let crit = &e.grid.families[0].criteria[1];
    assert!(matches!(&crit.rule, Rule::Choice { points } if points.is_empty()));
    assert!(crit.eliminatory.is_none(), "the requirement named the option removed");
    // A number: linear; its bands problem is placed at the band.
    let e = set(&e, c, Field::AnswerType, "number");
    let e = set(&e, c, Field::RuleKind, "bands");
    let e = e.apply(Edit::AddBand(0, 1));
    let e = set(&e, c, Field::BandThreshold(1), "200");
    assert_eq!(codes_at(&e, &anchor(c, "rule.bands[1]")), ["bands_order"]);
}

#[test]
fn the_form_rows_are_read_as_the_csv_form_writes_them() {
    let csv = "\u{FEFF}Cadre;\r\n\"Identifiant\";\"Question ; avec \"\"guillemets\"\"\"\r\nREV-03;\"deux\nlignes\"\r\n";
    assert_eq!(
        form_rows(csv.as_bytes()),
        vec![
            vec!["Cadre".to_string(), String::new()],
            vec!["Identifiant".into(), "Question ; avec \"guillemets\"".into()],
            vec!["REV-03".into(), "deux\nlignes".into()],
        ]
    );
}
