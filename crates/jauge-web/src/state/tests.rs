//! The reducer, natively: offers added, read again and removed, marks, decisions, sessions
//! imported and the simulation, each keyed by the offer's identity.

use super::*;
use jauge_engine::session::{DecisionKind, SESSION_FORMAT};

const ARMOR: &str = include_str!("../../../../samples/portail-citoyen/offre-armor-numerique.json");
const KER: &str = include_str!("../../../../samples/portail-citoyen/offre-ker-developpement.json");
const V1: &str = include_str!("../../../../tests/sessions/portail-citoyen-v1.json");

fn start() -> Rc<State> {
    Rc::new(State::restore(None))
}

fn read(state: Rc<State>, name: &str, text: &str) -> Rc<State> {
    state.reduce(Action::OfferRead(Offer::from_json(name, text).expect("a sample offer")))
}

/// The session's analysis as the report module computes it from what the page tells it (the
/// session as saved, the page's language).
fn closing(s: &State) -> report::Closing {
    report::Closing::of(&s.saved().session, s.lang, &[]).expect("analysed")
}

/// The page once the report module has told it what it found (as JSON, on a window event).
fn told(s: Rc<State>) -> Rc<State> {
    let news = closing(&s).news(s.lang);
    let text = serde_json::to_string(&news).expect("JSON");
    assert_eq!(serde_json::from_str::<ReportNews>(&text).ok().as_ref(), Some(&news), "{text}");
    s.reduce(Action::ReportNews(news))
}

fn mark(state: Rc<State>, offer: &OfferId, mark: f64) -> Rc<State> {
    state.reduce(Action::SetMark {
        offer: offer.clone(),
        criterion: "INT-05".into(),
        mark: Some(mark),
        appraisal: format!("note {mark}"),
    })
}

#[test]
fn two_files_with_one_name_are_two_offers_told_apart_each_with_its_own_marks() {
    let s = read(read(start(), "cadre-de-reponse.json", ARMOR), "cadre-de-reponse.json", KER);
    assert_eq!(s.session.offers.len(), 2, "the second bid must not replace the first");
    let (a, k) = (s.session.offers[0].id.clone(), s.session.offers[1].id.clone());
    assert_ne!(a, k);
    let before = s.session.offer(&a).expect("first").marks.clone();
    let s = mark(s, &k, 4.5);
    assert_eq!(s.session.offer(&a).expect("first").marks, before, "marks stay with their offer");
    assert_eq!(s.session.offer(&k).expect("second").marks["INT-05"].mark, 4.5);
    let (la, lk) = (label(&s.labels, &a), label(&s.labels, &k));
    assert_ne!(la, lk);
    assert!(la.starts_with("cadre-de-reponse.json #") && lk.starts_with("cadre-de-reponse.json #"), "{la} / {lk}");
    let report = s.report.clone().expect("evaluated");
    assert_eq!(report.offers.len(), 2);
    // Removing one leaves the other, with its marks.
    let s = s.reduce(Action::Remove(a.clone()));
    assert_eq!(s.session.offers.iter().map(|o| &o.id).collect::<Vec<_>>(), [&k]);
    assert_eq!(label(&s.labels, &k), "cadre-de-reponse.json", "alone again, the file name suffices");
}

#[test]
fn the_same_file_read_again_is_the_same_offer_and_keeps_its_marks() {
    let s = read(start(), "armor.json", ARMOR);
    let id = s.session.offers[0].id.clone();
    let s = mark(s, &id, 3.0);
    // Read again, even under another name: same bytes, same offer.
    let s = read(s, "armor-copie.json", ARMOR);
    assert_eq!(s.session.offers.len(), 1);
    assert_eq!(s.session.offers[0].source, "armor-copie.json");
    assert_eq!(s.session.offers[0].marks["INT-05"].mark, 3.0);
    assert_eq!(s.progress.done, 2);
}

#[test]
fn a_decision_refers_to_the_offer_by_identity_and_sets_that_offer_aside_only() {
    let s = read(read(start(), "cadre-de-reponse.json", ARMOR), "cadre-de-reponse.json", KER);
    let k = s.session.offers[1].id.clone();
    let s = s.reduce(Action::AddDecision(Decision {
        kind: DecisionKind::Explanations,
        offer: k.clone(),
        date: "2026-11-20".into(),
        detail: "prix non justifié".into(),
        outcome: Outcome::Rejected,
        ..Decision::default()
    }));
    let report = s.report.clone().expect("evaluated");
    assert_eq!(report.offers.len(), 1);
    assert_ne!(report.offers[0].id, k);
    let s = s.reduce(Action::SetOutcome(0, Outcome::Accepted));
    assert_eq!(s.report.as_ref().expect("evaluated").offers.len(), 2);
    let s = s.reduce(Action::RemoveDecision(0));
    assert!(s.session.decisions.is_empty());
}

#[test]
fn a_version_1_session_opens_with_its_decisions_and_marks_on_the_right_offers() {
    let saved = Saved::from_json("session.json", V1).expect("a version 1 session opens");
    assert_eq!(saved.session.format, SESSION_FORMAT);
    let s = start().reduce(Action::Restore(Box::new(saved)));
    assert_eq!(s.session.offers.len(), 6);
    for d in &s.session.decisions {
        assert!(s.session.offer(&d.offer).is_some(), "decision about {} lost its offer", d.offer);
    }
    for e in &s.session.individual {
        for id in e.marks.keys() {
            assert!(s.session.offer(id).is_some(), "{}'s marks on {id} lost their offer", e.evaluator);
        }
    }
    // The same analysis as the version 2 sample the CLI builds from the same files.
    let v2 =
        Saved::from_json("session.json", include_str!("../../../../samples/portail-citoyen/commission/session.json"))
            .expect("the sample");
    let v2 = start().reduce(Action::Restore(Box::new(v2)));
    // The sample's offer files were written again since (without marks in them): the same
    // analysis, the offers' identities and fingerprints apart.
    let anonymous = |report: &Option<std::rc::Rc<jauge_engine::Report>>| {
        let mut r = jauge_engine::Report::clone(report.as_ref().expect("a report"));
        for o in &mut r.offers {
            o.id = jauge_engine::OfferId::default();
            o.sha256 = None;
        }
        r
    };
    assert_eq!(anonymous(&s.report), anonymous(&v2.report));
    // What the browser keeps opens again as it was.
    let kept = Saved::from_json("", &s.saved().to_json()).expect("kept");
    assert_eq!(kept.session, s.saved().session);
}

#[test]
fn a_session_file_that_is_not_one_is_refused_and_nothing_is_replaced() {
    let s = read(start(), "armor.json", ARMOR);
    let e = Saved::from_json("notes.json", r#"{"format": "jauge-marks/1", "offers": {}}"#).expect_err("not a session");
    let words = e.describe(Lang::Fr);
    assert!(words.starts_with("notes.json : "), "{words}");
    assert!(e.describe(Lang::En).starts_with("notes.json: "));
    assert_eq!(s.session.offers.len(), 1);
}

#[test]
fn the_simulation_keys_hypotheses_by_identity_and_evaluates_once_per_change() {
    let s = start().reduce(Action::SetMode(Mode::Simulation));
    assert_eq!(s.simulation.len(), 2, "two hypotheses to start with");
    let (a, b) = (s.simulation[0].id.clone(), s.simulation[1].id.clone());
    let name = s.simulation[0].name.clone();
    let s = s.reduce(Action::RenameHypothesis(b.clone(), name));
    let s =
        s.reduce(Action::SetHypothesis { offer: a.clone(), criterion: "PRIX".into(), text: "50 000 € TTC".into() });
    let s =
        s.reduce(Action::SetHypothesis { offer: b.clone(), criterion: "PRIX".into(), text: "60 000 € TTC".into() });
    let simulated = s.simulated.clone().expect("evaluated in the reducer");
    let points = |id: &OfferId| {
        let o = simulated.report.offers.iter().find(|o| o.id == *id).expect("evaluated");
        o.criteria.iter().find(|c| c.id == "PRIX").map(|c| c.points).unwrap_or_default()
    };
    assert!(points(&a) > points(&b), "two hypotheses with one name are still two offers");
    let s = s.reduce(Action::AddHypothesis).reduce(Action::RemoveHypothesis(a.clone()));
    assert_eq!(s.simulation.len(), 2);
    assert!(s.simulation.iter().all(|h| h.id != a));
    let ids: Vec<&OfferId> = s.simulation.iter().map(|h| &h.id).collect();
    assert_ne!(ids[0], ids[1], "a new hypothesis never takes an identity already given");
}

#[test]
fn evaluators_sessions_are_consolidated_in_the_reducer_and_compared_at_the_threshold() {
    let evaluator = |name: &str, given: f64| {
        let s = mark(read(start(), "armor.json", ARMOR), &OfferId::of_file(ARMOR.as_bytes()), given);
        let mut session = s.saved().session;
        session.evaluator = name.to_string();
        (format!("{name}.json"), session)
    };
    let s = start().reduce(Action::ImportEvaluators(vec![evaluator("alice", 4.0), evaluator("bruno", 2.0)]));
    assert_eq!(s.session.individual.len(), 2);
    let row = s.comparison.iter().find(|r| r.criterion == "INT-05").expect("compared");
    assert!(row.disagreement, "a spread of 2 out of 5 is beyond 20 %");
    let s = s.reduce(Action::SetThreshold(0.5));
    assert!(!s.comparison.iter().any(|r| r.disagreement), "and within 50 %");
    // A session on another grid is refused with its reason; the committee's session stays.
    let mut other = evaluator("chloe", 4.0);
    other.1.grid = GRIDS[1].1.to_string();
    let s = s.reduce(Action::ImportEvaluators(vec![other]));
    let refused = &s.committee.error;
    assert!(
        matches!(refused, Some(Failure::Jauge(jauge_engine::Error::OtherGrid(_)))),
        "beside the import: {refused:?}"
    );
    assert_eq!(s.session.individual.len(), 2);
}

/// The committee's files in the app: a marks file becomes the named evaluator's session on the
/// offers read; the question whether to replace the analysis comes after the files are checked;
/// a file of another kind is refused beside the import, saying what it is.
#[test]
fn marks_files_are_checked_before_the_buyer_is_asked_to_replace_the_analysis() {
    let s = read(start(), "armor.json", ARMOR);
    let marks = |mark: f64| {
        format!(
            r#"{{"format": "jauge-marks/1", "offers": {{"armor.json": {{"INT-05": {{"mark": {mark}, "appraisal": "Lu."}}}}}}}}"#
        )
    };
    // A marks file without the evaluator's name: refused before any question.
    let refused = s
        .clone()
        .reduce(Action::ImportCommitteeFiles { evaluator: " ".into(), files: vec![("n.json".into(), marks(4.0))] });
    assert!(matches!(refused.committee.error, Some(Failure::Jauge(jauge_engine::Error::NoEvaluator { .. }))));
    assert!(refused.committee.waiting.is_none(), "nothing to confirm");
    // A grid given as a committee file: named as what it is.
    let grid = s.clone().reduce(Action::ImportCommitteeFiles {
        evaluator: "Alice".into(),
        files: vec![("g.json".into(), GRIDS[0].1.into())],
    });
    let said = grid.committee.error.as_ref().map(|f| f.describe(Lang::Fr)).unwrap_or_default();
    assert!(
        said.starts_with("g.json : ce fichier est une grille, pas une session ; à choisir dans la section 1"),
        "{said}"
    );
    // Two evaluators' marks files: checked, then the question; cancelling keeps the analysis.
    let files = |who: &str, mark: f64| Action::ImportCommitteeFiles {
        evaluator: who.into(),
        files: vec![(format!("{who}.json"), marks(mark))],
    };
    let asked = s.clone().reduce(files("Alice", 4.0));
    assert_eq!(asked.committee.waiting.as_ref().map(|w| w.len()), Some(1));
    assert!(asked.session.individual.is_empty(), "nothing replaced before the answer");
    let kept = asked.clone().reduce(Action::ConfirmImport(false));
    assert!(kept.committee.waiting.is_none() && kept.session.individual.is_empty());
    let committee = asked.reduce(Action::ConfirmImport(true));
    assert_eq!(committee.session.individual.len(), 1);
    // Into a committee's session, no question: Bruno's marks are added, and both fill the record.
    let committee = committee.reduce(files("Bruno", 2.0));
    assert!(committee.committee.waiting.is_none());
    let names: Vec<&str> = committee.session.procedure.evaluators.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Alice", "Bruno"]);
    assert!(committee.comparison.iter().any(|r| r.criterion == "INT-05" && r.disagreement));
}

#[test]
fn a_record_file_fills_the_record_and_the_decisions_or_is_refused_beside_its_field() {
    let s = read(start(), "armor.json", ARMOR);
    let record = r#"{"procedure": {"tender": "Portail", "reference": "R-1"},
        "decisions": [{"kind": "same_bidder", "offer": "armor.json", "date": "2026-11-30", "author": "A", "detail": "x", "outcome": "accepted"}]}"#;
    let s = s.reduce(Action::ImportRecord("dossier.json".into(), record.into()));
    assert_eq!((s.session.procedure.reference.as_str(), s.session.decisions.len()), ("R-1", 1));
    assert_eq!(s.session.decisions[0].offer, OfferId::of_file(ARMOR.as_bytes()), "designated by identity");
    let s = s.reduce(Action::ImportRecord("d.json".into(), r#"{"procedure": {"tender": 3}}"#.into()));
    let said = s.record_error.as_ref().map(|f| f.describe(Lang::Fr)).unwrap_or_default();
    assert_eq!(
        said,
        "d.json : dossier de la procédure illisible, à « procedure.tender » (ligne 1, colonne 26) : attendu : un texte entre guillemets ; trouvé : un nombre"
    );
    assert_eq!(s.session.procedure.reference, "R-1", "the record shown is kept");
}

#[test]
fn the_self_check_prices_the_offer_against_the_lowest_price_typed() {
    let s = read(start().reduce(Action::SetMode(Mode::Supplier)), "armor.json", ARMOR);
    let check = s.price_check.clone().expect("a price criterion");
    assert_eq!(check.rows.len(), 4, "30, 20 and 10 % below, and equal");
    let own = check.own.expect("a price read");
    assert_eq!(check.rows[3], (own, check.max), "the lowest price gets every point");
    let s = s.reduce(Action::SetLowest(format!("{} €", own / 2.0).replace('.', ",")));
    let check = s.price_check.clone().expect("checked");
    assert_eq!(check.rows.len(), 5);
    assert!(check.rows[4].1 < check.rows[0].1, "half the price below costs more points than 30 %");
    let s = s.reduce(Action::SetLowest("n'importe quoi".into()));
    assert_eq!((s.lowest, s.price_check.as_ref().map(|c| c.rows.len())), (None, Some(4)));
}

#[test]
fn the_analysis_is_of_the_session_as_exported_so_the_word_module_and_the_cli_read_it() {
    let s = read(start(), "armor.json", ARMOR);
    let analysis = closing(&s).analysis;
    // What the Word module and the CLI receive is the analysis's session: a session file.
    let again = Session::from_json("session.json", &analysis.session.to_json()).expect("a session file");
    assert_eq!(again, s.saved().session);
    assert_eq!(analysis.fingerprint, s.saved().session.fingerprint());
    let s = s.reduce(Action::SetLang(Lang::En));
    assert_eq!(closing(&s).analysis.fingerprint, s.saved().session.fingerprint());
    // The same session given again: the report module has nothing new to tell, its last news stays.
    let s = told(s);
    let again = s.clone().reduce(Action::Restore(Box::new(s.saved())));
    assert!(again.closing.is_some() && again.closing == s.closing);
}

#[test]
fn a_refused_grid_is_kept_as_data_and_worded_in_the_language_shown() {
    let s = start().reduce(Action::ChooseGrid("{".into()));
    let error = s.grid_error.clone().expect("refused");
    assert!(error.describe(Lang::Fr).starts_with("grille illisible"), "{}", error.describe(Lang::Fr));
    let s = s.reduce(Action::SetLang(Lang::En));
    assert!(s.grid_error.as_ref().expect("still refused").describe(s.lang).starts_with("unreadable grid"));
    assert!(s.grid.is_some(), "the grid in use stays");
}

#[test]
fn the_marks_owed_are_listed_and_going_to_one_opens_its_offer_with_the_field_focused() {
    // The offer as read, without the mark its file carries.
    let mut offer = Offer::from_json("armor.json", ARMOR).expect("a sample offer");
    offer.marks.clear();
    let id = offer.id.clone();
    let s = start().reduce(Action::OfferRead(offer));
    let owed: Vec<(&OfferId, &str)> = s.to_mark.iter().map(|m| (&m.offer, m.criterion.as_str())).collect();
    assert_eq!(owed, [(&id, "INT-05")]);
    let s = s.reduce(Action::GoToMark(id.clone(), "INT-05".into()));
    assert_eq!((s.selected.as_ref(), s.focus.as_deref()), (Some(&id), Some("INT-05")));
    let s = mark(s, &id, 4.0);
    assert!(s.to_mark.is_empty(), "given with its appraisal");
    let s = s.reduce(Action::Select(Some(id)));
    assert_eq!(s.focus, None, "opening a detail focuses its heading");
}

const LOTS_GRID: &str = include_str!("../../../../tests/cases/lots/grid.json");
const ARMOR_LOT1: &str = include_str!("../../../../tests/cases/lots/offers/armor-lot1.json");
const ARMOR_LOT2: &str = include_str!("../../../../tests/cases/lots/offers/armor-lot2.json");
const BREIZH_LOT2: &str = include_str!("../../../../tests/cases/lots/offers/breizh-lot2.json");
const NO_LOT: &str = include_str!("../../../../tests/cases/lots/offers/sans-lot.json");

#[test]
fn a_grid_with_lots_shows_one_lot_at_a_time_each_ranked_on_its_own_offers() {
    let s = start().reduce(Action::ChooseGrid(LOTS_GRID.into()));
    let s = read(
        read(
            read(read(s, "armor-lot1.json", ARMOR_LOT1), "armor-lot2.json", ARMOR_LOT2),
            "breizh-lot2.json",
            BREIZH_LOT2,
        ),
        "sans-lot.json",
        NO_LOT,
    );
    assert_eq!(s.lot.as_deref(), Some("1"), "the first lot to start with");
    let lots = s.lots();
    assert_eq!(lots.iter().map(|l| (l.id.as_str(), l.offers)).collect::<Vec<_>>(), [("1", 1), ("2", 2)]);
    let suppliers =
        |s: &State| s.report.as_ref().expect("evaluated").offers.iter().map(|o| o.id.clone()).collect::<Vec<_>>();
    let lot_of = |s: &State, id: &OfferId| s.session.offer(id).and_then(|o| o.lot.clone());
    assert!(suppliers(&s).iter().all(|id| lot_of(&s, id).as_deref() == Some("1")));
    // The lot's own grid: its criteria and weights, and no warning that lots were combined.
    let report = s.report.clone().expect("evaluated");
    assert!(report.warnings.iter().all(|w| w.code != "lots_combined"));
    assert_eq!(
        s.shown_grid.as_ref().map(|g| g.fingerprint().to_string()),
        s.grid.as_ref().map(|g| g.fingerprint().to_string())
    );
    let s = s.reduce(Action::ShowLot("2".into()));
    assert_eq!(suppliers(&s).len(), 2);
    assert!(suppliers(&s).iter().all(|id| lot_of(&s, id).as_deref() == Some("2")));
    // The offer that names no lot is listed, and scored in none.
    assert_eq!(s.unassigned.len(), 1);
    // A lot the grid does not have falls back to the first.
    let s = s.reduce(Action::ShowLot("9".into()));
    assert_eq!(s.lot.as_deref(), Some("1"));
    // The analysis reports each lot on its own.
    assert_eq!(closing(&s).analysis.lots.len(), 2);
}

#[test]
fn a_later_round_is_ranked_alone_and_a_file_already_read_stays_in_its_round() {
    let s = read(read(start(), "armor.json", ARMOR), "ker.json", KER);
    assert_eq!((s.next_round, s.rounds.len(), s.ranked_round.clone()), (2, 0, None), "one round: nothing said");
    let s = s.reduce(Action::AddRound { kind: RoundKind::Final, date: "2026-11-20".into() });
    let round = |mut o: Offer| {
        o.round = Some(s.next_round);
        Action::OfferRead(o)
    };
    // Armor's new offer (other bytes: another supplier name) and Ker's file given again.
    let armor2 =
        Offer::from_json("armor-tour2.json", &ARMOR.replacen("Armor Numérique", "Armor Numérique (tour 2)", 1))
            .expect("an offer");
    let same_ker = Offer::from_json("ker-encore.json", KER).expect("an offer");
    let s = s.clone().reduce(round(armor2)).reduce(round(same_ker));
    assert_eq!(s.session.offers.len(), 3);
    let rounds: Vec<(String, Option<u32>)> = s.session.offers.iter().map(|o| (o.source.clone(), o.round)).collect();
    assert_eq!(
        rounds,
        [("armor.json".into(), None), ("ker-encore.json".into(), None), ("armor-tour2.json".into(), Some(2))]
    );
    let numbers: Vec<(u32, RoundKind, &str)> = s.rounds.iter().map(|r| (r.number, r.kind, r.date.as_str())).collect();
    assert_eq!(numbers, [(1, RoundKind::Initial, ""), (2, RoundKind::Final, "2026-11-20")]);
    assert_eq!(s.ranked_round.as_ref().map(|r| r.number), Some(2));
    assert_eq!(s.next_round, 3);
    let ranked: Vec<String> = s.report.as_ref().expect("a report").offers.iter().map(|o| o.source.clone()).collect();
    assert_eq!(ranked, ["armor-tour2.json"], "only the last round is ranked");
    // The analysis reports the earlier round for information.
    assert_eq!(closing(&s).analysis.rounds.len(), 1);
    // A round recorded whose files all failed is replaced by the next one recorded.
    let s = s.reduce(Action::AddRound { kind: RoundKind::Negotiated, date: String::new() });
    let s = s.reduce(Action::AddRound { kind: RoundKind::Final, date: "2026-11-27".into() });
    let numbers: Vec<(u32, RoundKind)> = s.session.rounds.iter().map(|r| (r.number, r.kind)).collect();
    assert_eq!(numbers, [(1, RoundKind::Initial), (2, RoundKind::Final), (3, RoundKind::Final)]);
}

#[test]
fn the_end_of_the_procedure_names_what_each_export_lacks_and_writes_letters_once_complete() {
    const COMMITTEE: &str = include_str!("../../../../samples/portail-citoyen/commission/session.json");
    let s = start().reduce(Action::Restore(Box::new(Saved::from_json("session.json", COMMITTEE).expect("a session"))));
    let p = closing(&s).publication;
    let missing: Vec<String> = p
        .exports
        .iter()
        .flat_map(|(_, m)| m.iter().filter(|m| !m.is_check()).map(|m| m.describe(Lang::Fr)))
        .take(3)
        .collect();
    assert_eq!(
        missing,
        [
            "avis d'attribution eForms — BT-1451 : à renseigner dans le dossier de la procédure (award_date)",
            "OCDS — ocid : à renseigner dans les données de publication du dossier (ocid)",
            "données essentielles (DECP 2.0.3) — acheteur.id : à renseigner dans le dossier de la procédure (buyer_siret)",
        ]
    );
    let names: Vec<&str> = p.letters.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names.contains(&"courrier-2-armor-numerique-scop"), "{names:?}");
    assert!(p.refused.is_empty());
    // A formalised procedure: the letters' date and means are still to give.
    let mut procedure = s.session.procedure.clone();
    procedure.kind = jauge_engine::session::ProcedureKind::Formalised;
    let s = s.reduce(Action::SetProcedure(Box::new(procedure.clone())));
    // No letter until then: the date from which the contract may be signed depends on them.
    let refused = closing(&s).publication.refused.clone();
    assert!(
        matches!(refused.as_slice(), [(None, pending)] if pending.contains(&jauge_analysis::Pending::LettersSending)),
        "{refused:?}"
    );
    // Recorded in the form, a field leaves the list.
    procedure.award_date = "2026-11-25".into();
    procedure.letters_sent = "2026-11-26".into();
    procedure.letters_electronic = Some(true);
    procedure.open_data = open_data_from_text("ocid = ocds-abc-2026-PC-014\nmontant = 180000\n = orphan\nnature =");
    assert_eq!(open_data_text(&procedure.open_data), "montant = 180000\nocid = ocds-abc-2026-PC-014");
    let s = s.reduce(Action::SetProcedure(Box::new(procedure)));
    let p = closing(&s).publication;
    let fields: Vec<&str> = p.exports.iter().flat_map(|(_, m)| m.iter().map(|m| m.field.as_str())).collect();
    assert!(!fields.contains(&"BT-1451") && !fields.contains(&"ocid") && !fields.contains(&"montant"), "{fields:?}");
    assert!(p.refused.is_empty() && !p.letters.is_empty(), "{:?}", p.refused);
    // An analysis still incomplete writes no letter, and says why.
    let s = read(read(start(), "armor.json", ARMOR), "ker.json", KER);
    let p = closing(&s).publication;
    assert!(p.letters.is_empty());
    let why: Vec<String> = p.refused.iter().flat_map(|(_, w)| w.iter().map(|p| p.describe(Lang::Fr))).collect();
    assert!(!why.is_empty());
}

#[test]
fn a_framework_agreement_names_its_proposed_holders_and_a_variant_is_ranked_as_an_offer_of_its_own() {
    const GRID: &str = include_str!("../../../../criteria/hebergement.json");
    // Each offer with the evaluators' marks on it, as the page holds it once they are entered.
    let marks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("../../tests/cases/hebergement/marks.json").expect("marks"))
            .expect("json");
    let offer = |n: &str| {
        let text = std::fs::read_to_string(format!("../../tests/cases/hebergement/offers/{n}.json")).expect("an offer");
        let mut offer: serde_json::Value = serde_json::from_str(&text).expect("json");
        offer["marks"] = marks["offers"][format!("{n}.json")].clone();
        offer.to_string()
    };
    let mut grid: serde_json::Value = serde_json::from_str(GRID).expect("json");
    grid["framework"] = serde_json::json!({"holders": 2, "cascade": true});
    grid["variants"] = serde_json::json!({});
    let mut variant: serde_json::Value = serde_json::from_str(&offer("a")).expect("json");
    variant["variant"] = "hébergement mutualisé".into();
    variant["answers"]["PRIX"] = "59 000 € HT".into();
    let s = start().reduce(Action::ChooseGrid(grid.to_string()));
    assert_eq!(s.framework.as_ref().map(|f| (f.holders, f.cascade)), Some((2, true)));
    let s = read(read(read(s, "a.json", &offer("a")), "e.json", &offer("e")), "a-variante.json", &variant.to_string());
    // Until the report module says, no holder is proposed.
    assert_eq!(s.framework.as_ref().map(|f| f.proposed.clone()), Some(None));
    let s = told(s);
    let report = s.report.clone().expect("evaluated");
    let ranked: Vec<(Option<u32>, String)> = report.offers.iter().map(|o| (o.rank, o.bidder(Lang::Fr))).collect();
    assert_eq!(
        ranked,
        [
            (Some(1), "Hébergeur Breizh — variante « hébergement mutualisé »".to_string()),
            (Some(2), "Hébergeur Breizh".to_string()),
            (Some(3), "Scop Numérique Ouest".to_string()),
        ]
    );
    let proposed = s.framework.as_ref().and_then(|f| f.proposed.clone());
    let holders: Vec<String> = match proposed {
        Some(Ok(ids)) => ids.iter().map(|id| label(&s.labels, id)).collect(),
        other => panic!(
            "holders expected: {other:?} {:?}",
            closing(&s).to_settle.iter().map(|p| p.describe(Lang::Fr)).collect::<Vec<_>>()
        ),
    };
    // A bidder is a holder once, by its best offer: the variant, then the next bidder.
    assert_eq!(holders, ["a-variante.json [variante hébergement mutualisé]", "e.json"]);
    // Without the framework agreement, nothing is said of holders.
    let s = s.reduce(Action::ChooseGrid(GRID.to_string()));
    assert_eq!(s.framework, None);
}

#[test]
fn the_hidden_quantities_are_kept_in_the_session_and_price_every_offer_line_by_line() {
    let case =
        |f: &str| std::fs::read_to_string(format!("{}/../../tests/cases/bpu-dqe/{f}", env!("CARGO_MANIFEST_DIR")));
    let s = start().reduce(Action::ChooseGrid(case("grid.json").expect("grid")));
    let s = ["a", "b", "c", "d", "e"]
        .iter()
        .fold(s, |s, n| read(s, &format!("{n}.json"), &case(&format!("offers/{n}.json")).expect("offer")));
    // Without the buyer's quantities, nothing is priced and the field asks for them.
    assert!(s.lacks_quantities);
    let report = s.report.clone().expect("evaluated");
    assert!(report.offers.iter().all(|o| o.status == jauge_engine::Status::Incomplete));
    // Quantities for another grid are refused beside the results, and nothing is kept.
    let other = r#"{"format": "jauge-quantities/1", "grid": "autre", "quantities": {}}"#;
    let refused = s.clone().reduce(Action::SetQuantities("autre.json".into(), other.into()));
    assert!(refused.session.quantities.is_none());
    assert!(refused.notice_at(Place::Results).is_some_and(|f| f.describe(Lang::Fr).contains("autre.json")));
    let s = s.reduce(Action::SetQuantities("quantites.json".into(), case("quantities.json").expect("quantities")));
    assert!(!s.lacks_quantities && s.session.quantities.is_some());
    let report = s.report.clone().expect("evaluated");
    assert!(report.offers.iter().all(|o| o.status == jauge_engine::Status::Ranked));
    let prices = |s: &State| -> Vec<Option<f64>> {
        s.schedules.first().map(|c| c.offers.iter().map(|o| o.compared_price).collect()).unwrap_or_default()
    };
    let priced = prices(&s);
    assert!(priced.iter().all(Option::is_some), "{priced:?}");
    // The line comparison and the bills come from the engine: the hidden line counts 40 days.
    let c = s.schedules.first().expect("a schedule");
    assert_eq!(c.lines.iter().find(|l| l.line == "2.3").map(|l| l.quantity), Some(40.0));
    // Kept in the browser and in the exported session: opened again, the same prices.
    let back = State::restore(Some(Saved::from_json("session", &s.saved().to_json()).expect("reads back")));
    assert_eq!(prices(&back), priced);
    assert!(!back.lacks_quantities);
}
