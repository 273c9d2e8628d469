//! The letters of the samples (`jauge_analysis::letters`), as text goldens. The sample tender: one
//! regular offer rejected, one irregular (in French and English), the winner's draft, and a
//! formalised procedure's letter with the date from which the contract may be signed. The
//! framework agreement's lot 2: a variant rejected while its bidder's base offer is a holder, a
//! price line filled in, a line total corrected, a holder's draft; and no letter while its rounds
//! are not recorded as a negotiation.

#![allow(clippy::unwrap_used)]

use jauge_analysis::letters::{Letter, LetterKind, html, letters};
use jauge_analysis::{Analysis, Annex, Pending};
use jauge_document::{Block, Cell, Document};
use jauge_engine::Lang;
use jauge_engine::session::{ProcedureKind, Session};

fn sample() -> Session {
    read("samples/portail-citoyen/commission/session.json")
}

fn read(path: &str) -> Session {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join(path)).unwrap();
    Session::from_json("session.json", &text).unwrap()
}

/// A document as plain text, block by block: what the golden files compare.
fn text(d: &Document) -> String {
    let mut out = format!("# {}\n{}\n", d.title, d.subtitle);
    for b in &d.blocks {
        match b {
            Block::Heading(h) => out += &format!("\n## {h}\n"),
            Block::Subheading(h) => out += &format!("\n### {h}\n"),
            Block::Para(p) | Block::Muted(p) => out += &format!("{p}\n"),
            Block::Notice { title, items } => out += &format!("[{title}] {}\n", items.join(" | ")),
            Block::Record(items) => {
                for (k, v) in items {
                    out += &format!("{k} : {}\n", v.shown());
                }
            }
            Block::Table(t) => {
                out += &format!("| {} |\n", t.header.iter().map(|c| c.title.as_str()).collect::<Vec<_>>().join(" | "));
                for r in &t.rows {
                    out += &format!("| {} |\n", r.iter().map(Cell::shown).collect::<Vec<_>>().join(" | "));
                }
            }
            Block::Winner(h, r) => out += &format!("** {h}\n{r}\n"),
            Block::Signatures(s) => {
                out += &format!(
                    "[signatures] {}\n",
                    s.iter().map(|(n, r)| format!("{n} ({r})")).collect::<Vec<_>>().join(", ")
                )
            }
        }
    }
    out
}

fn letter<'a>(all: &'a [Letter], supplier: &str) -> &'a Letter {
    all.iter().find(|l| l.supplier == supplier).unwrap()
}

#[test]
fn letters_of_the_sample_tender() {
    let s = sample();
    let a = Analysis::new(&s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let all = letters(&a, Lang::Fr).unwrap();
    let kinds: Vec<(LetterKind, &str)> = all.iter().map(|l| (l.kind, l.name.as_str())).collect();
    expect_test::expect![[r#"
        [
            (
                Ranked,
                "courrier-1-ker-developpement",
            ),
            (
                Ranked,
                "courrier-2-armor-numerique-scop",
            ),
            (
                Ranked,
                "courrier-3-cite-connect-sas",
            ),
            (
                Ranked,
                "courrier-4-portail-plus",
            ),
            (
                SetAside,
                "courrier-5-nuage-global-ltd",
            ),
            (
                Notification,
                "courrier-6-eco-portail-express",
            ),
        ]
    "#]]
    .assert_debug_eq(&kinds);
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/ranked.txt"]
        .assert_eq(&text(&letter(&all, "Armor Numérique SCOP").document));
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/irregular.txt"]
        .assert_eq(&text(&letter(&all, "Nuage Global Ltd").document));
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/notification.txt"]
        .assert_eq(&text(&letter(&all, "Éco Portail Express").document));
    // In English: quotation marks, the answer quoted with how it was read.
    let en = letters(&a, Lang::En).unwrap();
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/irregular-en.txt"]
        .assert_eq(&text(&letter(&en, "Nuage Global Ltd").document));
    // Formalised: the date from which the contract may be signed, from the sending date.
    let mut f = s.clone();
    f.procedure.kind = ProcedureKind::Formalised;
    f.procedure.letters_sent = "2026-11-23".into();
    f.procedure.letters_electronic = Some(true);
    let a = Analysis::new(&f, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let all = letters(&a, Lang::Fr).unwrap();
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/ranked-formalised.txt"]
        .assert_eq(&text(&letter(&all, "Armor Numérique SCOP").document));
    // Rendered by the report's renderers.
    let page = html(letter(&all, "Nuage Global Ltd"));
    assert!(page.starts_with("<!doctype html>") && page.contains("Nuage Global Ltd"));
}

#[test]
fn a_bidder_tied_with_the_winner_is_told_how_the_tie_was_broken() {
    // The two offers of equal totals, left with the irregular one: a tie for first place, which
    // the sample's recorded tie-break settles.
    let mut s = sample();
    s.offers.retain(|o| ["Cité Connect SAS", "Portail Plus", "Nuage Global Ltd"].contains(&o.supplier.name.as_str()));
    let kept: Vec<_> = s.offers.iter().map(|o| o.id.clone()).collect();
    s.decisions.retain(|d| kept.contains(&d.offer));
    let a = Analysis::new(&s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let all = letters(&a, Lang::Fr).unwrap();
    let tied = text(&letter(&all, "Portail Plus").document);
    let said: Vec<&str> = tied.lines().filter(|l| l.contains("égalité") || l.starts_with("** ")).collect();
    expect_test::expect![[r#"
        [
            "Votre offre est classée au 1er rang sur 2, à égalité de points avec l'offre retenue : l'égalité a été départagée en faveur de celle-ci. Départage d'offres ex aequo : Égalité au rang 4 entre Cité Connect SAS et Portail Plus (67,80 points chacune) : départage par la meilleure note de la famille la plus pondérée après le prix, Interopérabilité (11,40 contre 9,40). — départage en faveur de cette offre (décision du 30/10/2026, Commission d'évaluation).",
            "** Attributaire : Cité Connect SAS",
        ]
    "#]].assert_debug_eq(&said);
    // Without the decision, no letter: the tie stands.
    s.decisions.retain(|d| d.kind != jauge_engine::session::DecisionKind::TieBreak);
    let a = Analysis::new(&s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    assert!(letters(&a, Lang::Fr).unwrap_err().iter().any(|p| matches!(p, Pending::TieForFirst)));
}

#[test]
fn no_letter_while_the_analysis_is_incomplete() {
    let mut s = sample();
    for o in &mut s.offers {
        o.marks.clear();
    }
    let a = Analysis::new(&s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let pending = letters(&a, Lang::Fr).unwrap_err();
    assert!(pending.iter().any(|p| matches!(p, Pending::Marks { .. })));
}

#[test]
fn letters_of_the_framework_agreement() {
    let s = read("samples/accord-cadre/session.json");
    let a = Analysis::new(&s, "session.json", "2027-03-20T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let all = jauge_export::letters(&a, Lang::Fr);
    assert!(all.refused.is_empty(), "{:?}", all.refused);
    let names: Vec<(LetterKind, &str)> = all.letters.iter().map(|l| (l.kind, l.name.as_str())).collect();
    expect_test::expect![[r#"
        [
            (
                Ranked,
                "lot-1-courrier-1-dinan-infogerance",
            ),
            (
                Ranked,
                "lot-1-courrier-2-lorient-data",
            ),
            (
                Notification,
                "lot-1-courrier-3-armor-cloud",
            ),
            (
                Notification,
                "lot-1-courrier-4-breizh-hosting",
            ),
            (
                Notification,
                "lot-1-courrier-5-kerlann-numerique",
            ),
            (
                Ranked,
                "lot-2-courrier-1-vannes-logiciels-variante-centre-de-serv",
            ),
            (
                Ranked,
                "lot-2-courrier-2-rance-applications",
            ),
            (
                Ranked,
                "lot-2-courrier-3-quimper-services",
            ),
            (
                Notification,
                "lot-2-courrier-4-kerlann-numerique",
            ),
            (
                Notification,
                "lot-2-courrier-5-vannes-logiciels",
            ),
            (
                Notification,
                "lot-2-courrier-6-armor-cloud",
            ),
        ]
    "#]]
    .assert_debug_eq(&names);
    let named = |name: &str| text(&all.letters.iter().find(|l| l.name == name).unwrap().document);
    // A variant named as one, its bidder told its base offer is retained; the last holder's price
    // withheld, its points given.
    expect_test::expect_file!["../../../tests/exports/accord-cadre/letters/variant.txt"]
        .assert_eq(&named("lot-2-courrier-1-vannes-logiciels-variante-centre-de-serv"));
    // A missing price line counted at the highest of the others'.
    expect_test::expect_file!["../../../tests/exports/accord-cadre/letters/price-filled-in.txt"]
        .assert_eq(&named("lot-2-courrier-2-rance-applications"));
    // A line total corrected by the unit price.
    expect_test::expect_file!["../../../tests/exports/accord-cadre/letters/price-corrected.txt"]
        .assert_eq(&named("lot-2-courrier-3-quimper-services"));
    // A holder's draft: what the buyer intends, not a contract concluded.
    expect_test::expect_file!["../../../tests/exports/accord-cadre/letters/holder.txt"]
        .assert_eq(&named("lot-2-courrier-5-vannes-logiciels"));
    let en = jauge_export::letters(&a, Lang::En);
    let holder = en.letters.iter().find(|l| l.name == "lot-2-letter-5-vannes-logiciels").unwrap();
    expect_test::expect_file!["../../../tests/exports/accord-cadre/letters/holder-en.txt"]
        .assert_eq(&text(&holder.document));
}

#[test]
fn no_letter_while_rounds_are_not_recorded_as_a_negotiation() {
    let mut s = read("samples/accord-cadre/session.json");
    s.procedure.kind = ProcedureKind::Formalised;
    s.procedure.negotiated = false;
    let a = Analysis::new(&s, "session.json", "2027-03-20T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let all = jauge_export::letters(&a, Lang::Fr);
    assert!(all.letters.is_empty());
    let refused: Vec<(Option<String>, Vec<String>)> = all
        .refused
        .iter()
        .map(|(lot, pending)| (lot.clone(), pending.iter().map(|p| p.describe(Lang::Fr)).collect()))
        .collect();
    expect_test::expect![[r#"
        [
            (
                Some(
                    "1",
                ),
                [
                    "Des offres ont été remises en plusieurs tours : indiquer dans le dossier que la procédure comporte une négociation, ou pourquoi plusieurs tours",
                ],
            ),
            (
                Some(
                    "2",
                ),
                [
                    "Des offres ont été remises en plusieurs tours : indiquer dans le dossier que la procédure comporte une négociation, ou pourquoi plusieurs tours",
                ],
            ),
        ]
    "#]]
    .assert_debug_eq(&refused);
    // A point the report alone owes does not hold the letters back.
    assert!(!jauge_analysis::letters::blocks_letters(&Pending::CandidatesSelected));
}

#[test]
fn formalised_letters_wait_for_the_sending_date_and_means() {
    // The rejection letters of a formalised procedure give the date from which the contract may be
    // signed: without the sending date or the means, none is written; with both, each has it.
    let refused = |s: &jauge_engine::session::Session| {
        let a = Analysis::new(s, "session.json", "2026-10-20T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
        let all = jauge_export::letters(&a, Lang::En);
        let out: Vec<String> =
            all.refused.iter().flat_map(|(_, pending)| pending.iter().map(|p| p.describe(Lang::En))).collect();
        (all.letters.len(), out)
    };
    let dated = read("samples/accord-cadre/session.json");
    assert_eq!(refused(&dated), (11, Vec::new()));
    let mut undated = dated.clone();
    undated.procedure.letters_sent.clear();
    let mut means_unknown = dated.clone();
    means_unknown.procedure.letters_electronic = None;
    for s in [undated, means_unknown] {
        expect_test::expect![[r#"
            (
                0,
                [
                    "Record in the procedure record the date the letters are sent and whether electronically: in a formalised procedure, each rejection letter gives the date from which the contract may be signed, which depends on them (art. R2181-1 to R2181-4 and R2182-1)",
                    "Record in the procedure record the date the letters are sent and whether electronically: in a formalised procedure, each rejection letter gives the date from which the contract may be signed, which depends on them (art. R2181-1 to R2181-4 and R2182-1)",
                ],
            )
        "#]]
        .assert_debug_eq(&refused(&s));
    }
    // An adapted procedure owes the date to no one: its letters are written without it.
    let mut adapted = read("samples/accord-cadre/session.json");
    adapted.procedure.kind = ProcedureKind::Adapted;
    adapted.procedure.letters_sent.clear();
    assert_eq!(refused(&adapted).1, Vec::<String>::new());
}

#[test]
fn no_letter_quotes_a_decision_naming_another_rejected_bidder() {
    use jauge_engine::session::{Decision, DecisionKind, Outcome};
    // The buyer refuses to regularise Nuage Global's irregular offer, with a text quoted in its letter.
    let rejecting = |detail: &str| {
        let mut s = sample();
        let nuage = s.offers.iter().find(|o| o.supplier.name == "Nuage Global Ltd").unwrap().id.clone();
        s.decisions.push(Decision {
            kind: DecisionKind::Regularisation,
            offer: nuage,
            date: "2026-10-30".into(),
            author: "Commission".into(),
            detail: detail.into(),
            outcome: Outcome::Rejected,
            ground: None,
            lot: None,
            regularisation: None,
        });
        s
    };
    let pending = |s: &Session| {
        let a = Analysis::new(s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
        match letters(&a, Lang::Fr) {
            Ok(all) => format!("{} letters", all.len()),
            Err(p) => p.iter().map(|p| p.describe(Lang::Fr)).collect::<Vec<_>>().join("\n"),
        }
    };
    // Naming another rejected bidder (without its legal form, in other letter case): no letter.
    expect_test::expect!["Reformuler le motif de la décision « demande de régularisation » (Nuage Global Ltd) : il cite « Cité Connect SAS », un autre soumissionnaire, et serait communiqué à Nuage Global Ltd dans son courrier"].assert_eq(&pending(&rejecting("Réponse manquante, comme CITÉ CONNECT l'avait fait")));
    // Naming the winner, whose name every letter gives, or the bidder itself: the letters are written.
    expect_test::expect!["6 letters"].assert_eq(&pending(&rejecting(
        "Nuage Global n'a pas donné sa disponibilité ; l'offre d'Éco Portail Express n'est pas en cause",
    )));
    // A word that is only part of a name is not the name (« Portail » alone, « Plus » alone).
    expect_test::expect!["6 letters"].assert_eq(&pending(&rejecting("Le portail proposé n'est plus conforme")));
}

/// An offer that names no lot withholds every lot's letters (it may answer any of them and change
/// its outcome) until a decision says which lot it answers; then that lot's letters include it.
#[test]
fn no_letter_while_an_offer_s_lot_is_undecided() {
    use jauge_engine::session::{Decision, DecisionKind, Outcome};
    let case = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/lots");
    let mut s = Session::new(std::fs::read_to_string(case.join("grid.json")).unwrap());
    for name in ["armor-lot1", "armor-lot2", "breizh-lot2", "celtic-lot1", "dinan-lot1", "dinan-lot2", "sans-lot"] {
        let text = std::fs::read_to_string(case.join(format!("offers/{name}.json"))).unwrap();
        s.offers.push(jauge_engine::Offer::from_json(&format!("{name}.json"), &text).unwrap());
    }
    s.procedure.kind = ProcedureKind::Adapted;
    let decide = |s: &mut Session, supplier: &str, lot: Option<&str>, kind: DecisionKind| {
        let offer =
            s.offers.iter().find(|o| o.supplier.name == supplier && o.lot.as_deref() == lot).unwrap().id.clone();
        s.decisions.push(Decision {
            kind,
            offer,
            date: "2026-10-20".into(),
            author: "Commission".into(),
            detail: "Précisions reçues ; acte d'engagement lu.".into(),
            outcome: Outcome::Accepted,
            lot: (kind == DecisionKind::Lot).then(|| "2".to_string()),
            ..Decision::default()
        });
    };
    // Every lot ready but for the offer without a lot (its explanations asked of Dinan, accepted).
    decide(&mut s, "Dinan Infogérance", Some("1"), DecisionKind::Explanations);
    decide(&mut s, "Dinan Infogérance", Some("2"), DecisionKind::Explanations);
    let all = |s: &Session| {
        let a = Analysis::new(s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
        jauge_export::letters(&a, Lang::Fr)
    };
    let withheld = all(&s);
    assert!(withheld.letters.is_empty(), "{:?}", withheld.letters.iter().map(|l| &l.name).collect::<Vec<_>>());
    assert_eq!(withheld.refused.len(), 2);
    for (_, why) in &withheld.refused {
        assert!(why.iter().any(|p| matches!(p, Pending::Unassigned { .. })), "{why:?}");
    }
    assert!(withheld.unwritten.is_empty());
    // Set aside instead (no lot can be told): every lot's letters are written, none is Erquy's,
    // and its letter is said to be the buyer's to write, with the decision's date.
    let mut aside = s.clone();
    let erquy = aside.offers.iter().find(|o| o.supplier.name == "Erquy Services").unwrap().id.clone();
    aside.decisions.push(Decision {
        kind: DecisionKind::Lot,
        offer: erquy.clone(),
        date: "2026-10-21".into(),
        author: "Commission".into(),
        detail: "L'acte d'engagement ne désigne aucun lot.".into(),
        outcome: Outcome::Rejected,
        ..Decision::default()
    });
    let set_aside = all(&aside);
    assert!(set_aside.refused.is_empty(), "{:?}", set_aside.refused);
    assert!(!set_aside.letters.is_empty() && set_aside.letters.iter().all(|l| l.supplier != "Erquy Services"));
    assert_eq!(
        set_aside.unwritten,
        vec![jauge_export::Unwritten { offer: erquy, supplier: "Erquy Services".into(), date: "2026-10-21".into() }]
    );
    expect_test::expect![[r#"
        Offre de « Erquy Services » écartée faute de lot identifié (décision du 21/10/2026) : aucun lot ne l'a analysée, Jauge n'en rédige pas le courrier ; la lettre de rejet est à rédiger par l'acheteur (art. R2181-1 à R2181-4).
        Offer of "Erquy Services" set aside, no lot identified (decision of 21/10/2026): no lot analysed it, so Jauge writes no letter for it; the rejection letter is for the buyer to write (art. R2181-1 to R2181-4)."#]]
    .assert_eq(&[Lang::Fr, Lang::En].map(|l| set_aside.unwritten[0].describe(l)).join("\n"));
    // Erquy Services answers lot 2, as its signed commitment says: the letters are written, lot 2's
    // including Erquy's.
    decide(&mut s, "Erquy Services", None, DecisionKind::Lot);
    let written = all(&s);
    let why: Vec<String> = written.refused.iter().flat_map(|(_, w)| w.iter().map(|p| p.describe(Lang::Fr))).collect();
    assert!(written.refused.is_empty(), "{why:?}");
    assert!(written.letters.iter().any(|l| l.supplier == "Erquy Services" && l.name.starts_with("lot-2-")));
    assert!(written.unwritten.is_empty());
}
