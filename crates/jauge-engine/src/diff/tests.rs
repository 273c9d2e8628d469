//! The typed differences between two grids: one case per kind of change, whether it can change
//! marks, the version step it calls for, and the words in both languages.

use expect_test::{Expect, expect};

use super::*;
use crate::grid::{Band, ChoiceOption, Family, Lot, PriceMethod};
use crate::text::Text;

const BASE: &str = r#"{
  "format": "jauge-grid/1", "id": "base", "version": "1.2.0",
  "title": {"fr": "Base", "en": "Base"}, "publisher": "Centrale", "scale": 100,
  "families": [
    {"id": "env", "label": {"fr": "Environnement"}, "criteria": [
      {"id": "A", "label": {"fr": "Délai"}, "question": {"fr": "Délai ?"},
       "answer": {"type": "number", "unit": "day", "min": 0},
       "rule": {"kind": "linear", "best": 15, "worst": 90}, "weight": 30,
       "eliminatory": {"max": 180}, "tags": ["environment"]},
      {"id": "B", "label": {"fr": "Format"}, "question": {"fr": "Format ?"},
       "answer": {"type": "choice", "options": [
         {"id": "odf", "label": {"fr": "ODF"}}, {"id": "ooxml", "label": {"fr": "OOXML"}}]},
       "rule": {"kind": "choice", "points": {"odf": 1, "ooxml": 0.5}}, "weight": 20},
      {"id": "C", "label": {"fr": "Label"}, "question": {"fr": "Labellisé ?"},
       "answer": {"type": "yes_no"}, "rule": {"kind": "yes_no"}, "weight": 10}
    ]},
    {"id": "prix", "label": {"fr": "Prix"}, "criteria": [
      {"id": "P", "label": {"fr": "Prix"}, "question": {"fr": "Prix ?"},
       "answer": {"type": "price"}, "rule": {"kind": "price", "method": "proportional"}, "weight": 40}
    ]}
  ]
}"#;

fn base() -> Grid {
    serde_json::from_str(BASE).expect("the base grid reads")
}

fn criterion<'a>(grid: &'a mut Grid, id: &str) -> &'a mut Criterion {
    grid.families.iter_mut().flat_map(|f| f.criteria.iter_mut()).find(|c| c.id == id).expect("criterion")
}

/// The changes of `edit` applied to the base grid, each with whether it can change marks and its
/// step, in both languages; then the summary and the suggested version.
fn shown(edit: impl FnOnce(&mut Grid)) -> String {
    let from = base();
    let mut to = base();
    edit(&mut to);
    let d = diff(&from, &to);
    let mut out = String::new();
    let mark = |b: bool| if b { "marks" } else { "no marks" };
    for g in &d.grid {
        out += &format!(
            "grid [{}, {:?}] {} | {}\n",
            mark(g.can_change_marks()),
            g.bump(),
            g.describe(Lang::Fr),
            g.describe(Lang::En)
        );
    }
    for c in &d.criteria {
        for ch in &c.changes {
            out += &format!(
                "{} [{}, {:?}] {} | {}\n",
                c.id,
                mark(ch.can_change_marks()),
                ch.bump(),
                ch.describe(Lang::Fr),
                ch.describe(Lang::En)
            );
        }
    }
    out += &format!("summary: {} | {}\n", d.summary().describe(Lang::Fr), d.summary().describe(Lang::En));
    out += &format!("next: {:?} {}", d.bump(), d.next_version().unwrap_or_default());
    out
}

fn check(edit: impl FnOnce(&mut Grid), expected: Expect) {
    expected.assert_eq(&shown(edit));
}

#[test]
fn the_same_grid_has_no_change() {
    check(
        |_| {},
        expect![[r#"
            summary: aucune modification | no change
            next: None 1.2.0"#]],
    );
}

#[test]
fn a_criterion_added_and_one_removed_change_marks() {
    check(
        |g| {
            let mut new = criterion(g, "C").clone();
            new.id = "D".into();
            if let Some(f) = g.families.first_mut() {
                f.criteria.retain(|c| c.id != "C");
                f.criteria.push(new);
            }
        },
        expect![[r#"
            D [marks, Major] critère ajouté (poids 10) | criterion added (weight 10)
            C [marks, Major] critère retiré (poids 10) | criterion removed (weight 10)
            summary: 1 critère ajouté, 1 critère retiré ; 2 critères dont les notes peuvent changer | 1 criterion added, 1 criterion removed; 2 criteria whose marks can change
            next: Major 2.0.0"#]],
    );
}

#[test]
fn rewording_a_label_is_a_patch_and_a_question_a_minor_step() {
    check(
        |g| {
            criterion(g, "A").label = Text::new("Délai de restitution", "Hand-back delay");
            criterion(g, "A").help = Some(Text::new("En jours", "In days"));
        },
        expect![[r#"
            A [no marks, Patch] reformulé : libellé, aide | reworded: label, help
            summary: 1 critère reformulé ; aucune ne peut changer les notes | 1 criterion reworded; none can change marks
            next: Patch 1.2.1"#]],
    );
    check(
        |g| criterion(g, "A").question = Text::new("Sous combien de jours ?", "Within how many days?"),
        expect![[r#"
            A [no marks, Minor] reformulé : question | reworded: question
            summary: 1 critère reformulé ; aucune ne peut changer les notes | 1 criterion reworded; none can change marks
            next: Minor 1.3.0"#]],
    );
}

#[test]
fn a_weight_change_is_not_a_patch() {
    check(
        |g| {
            criterion(g, "A").weight = 25.0;
            criterion(g, "C").weight = 15.0;
        },
        expect![[r#"
            A [marks, Major] poids 30 → 25 | weight 30 → 25
            C [marks, Major] poids 10 → 15 | weight 10 → 15
            summary: 2 poids modifiés ; 2 critères dont les notes peuvent changer | 2 weights changed; 2 criteria whose marks can change
            next: Major 2.0.0"#]],
    );
}

#[test]
fn thresholds_and_rules_change_marks() {
    check(
        |g| criterion(g, "A").rule = Rule::Linear { best: 10.0, worst: 90.0 },
        expect![[r#"
            A [marks, Major] seuils de la règle : linéaire, meilleur 15, pire 90 → linéaire, meilleur 10, pire 90 | rule thresholds: linear, best 15, worst 90 → linear, best 10, worst 90
            summary: 1 règle ou seuil modifié ; 1 critère dont les notes peuvent changer | 1 rule or threshold changed; 1 criterion whose marks can change
            next: Major 2.0.0"#]],
    );
    check(
        |g| {
            criterion(g, "A").rule =
                Rule::Bands { bands: vec![Band { at_least: None, at_most: Some(30.0), fraction: 1.0 }], otherwise: 0.0 }
        },
        expect![[r#"
            A [marks, Major] règle : linéaire, meilleur 15, pire 90 → paliers (≤ 30 → 1 ; sinon 0) | rule: linear, best 15, worst 90 → bands (≤ 30 → 1; otherwise 0)
            summary: 1 règle ou seuil modifié ; 1 critère dont les notes peuvent changer | 1 rule or threshold changed; 1 criterion whose marks can change
            next: Major 2.0.0"#]],
    );
    check(
        |g| criterion(g, "P").rule = Rule::Price { method: PriceMethod::Scale, n: Some(3.0) },
        expect![[r#"
            P [marks, Major] seuils de la règle : prix, méthode proportionnelle → prix, méthode barème, n = 3 | rule thresholds: price, proportional method → price, scale method, n = 3
            summary: 1 règle ou seuil modifié ; 1 critère dont les notes peuvent changer | 1 rule or threshold changed; 1 criterion whose marks can change
            next: Major 2.0.0"#]],
    );
}

#[test]
fn the_expected_answer_changes_marks() {
    check(
        |g| criterion(g, "A").answer = Answer::Duration { unit: crate::units::Unit::Hour },
        expect![[r#"
            A [marks, Major] réponse attendue : nombre (j, min. 0) → durée (h) | expected answer: number (d, min 0) → duration (h)
            summary: 1 règle ou seuil modifié ; 1 critère dont les notes peuvent changer | 1 rule or threshold changed; 1 criterion whose marks can change
            next: Major 2.0.0"#]],
    );
}

#[test]
fn requirements_added_removed_and_changed() {
    check(
        |g| {
            criterion(g, "A").eliminatory =
                Some(Eliminatory { max: Some(120.0), required: true, ..Default::default() });
            criterion(g, "C").eliminatory = Some(Eliminatory { yes: true, ..Default::default() });
        },
        expect![[r#"
            A [marks, Major] exigence minimale ajoutée : réponse obligatoire | minimum requirement added: answer required
            A [marks, Major] exigence minimale : au plus 180 → au plus 120 | minimum requirement: at most 180 → at most 120
            C [marks, Major] exigence minimale ajoutée : réponse « oui » exigée | minimum requirement added: answer "yes" required
            summary: 3 exigences minimales modifiées ; 2 critères dont les notes peuvent changer | 3 minimum requirements changed; 2 criteria whose marks can change
            next: Major 2.0.0"#]],
    );
    check(
        |g| {
            criterion(g, "A").eliminatory = None;
            criterion(g, "B").eliminatory = Some(Eliminatory { one_of: vec!["odf".into()], ..Default::default() });
        },
        expect![[r#"
            A [marks, Major] exigence minimale retirée : au plus 180 | minimum requirement removed: at most 180
            B [marks, Major] exigence minimale ajoutée : une des options « odf » | minimum requirement added: one of the options "odf"
            summary: 2 exigences minimales modifiées ; 2 critères dont les notes peuvent changer | 2 minimum requirements changed; 2 criteria whose marks can change
            next: Major 2.0.0"#]],
    );
}

#[test]
fn options_added_removed_and_renamed() {
    check(
        |g| {
            let c = criterion(g, "B");
            c.answer = Answer::Choice {
                options: vec![
                    ChoiceOption {
                        id: "odf".into(),
                        label: Text::new("ODF", "ODF"),
                        synonyms: vec!["OpenDocument".into()],
                    },
                    ChoiceOption { id: "pdf".into(), label: Text::new("PDF/A", "PDF/A"), synonyms: vec![] },
                ],
            };
        },
        expect![[r#"
            B [marks, Major] option « odf » renommée (libellé ou synonymes) | option "odf" renamed (label or synonyms)
            B [marks, Major] option « pdf » ajoutée | option "pdf" added
            B [marks, Major] option « ooxml » retirée | option "ooxml" removed
            summary: 3 options modifiées ; 1 critère dont les notes peuvent changer | 3 options changed; 1 criterion whose marks can change
            next: Major 2.0.0"#]],
    );
}

#[test]
fn announced_weight_family_evidence_and_tags_do_not_change_marks() {
    check(
        |g| {
            let moved = criterion(g, "C").clone();
            g.families.iter_mut().for_each(|f| f.criteria.retain(|c| c.id != "C"));
            g.families.push(Family {
                id: "social".into(),
                label: Text::new("Social", "Social"),
                description: None,
                criteria: vec![Criterion { published: false, tags: vec!["social".into()], ..moved }],
            });
            criterion(g, "A").evidence = Some(crate::grid::Evidence {
                kind: crate::grid::EvidenceKind::Document,
                label: Text::new("Attestation", "Certificate"),
            });
        },
        expect![[r#"
            grid [no marks, Minor] famille « social » ajoutée | family "social" added
            A [no marks, Minor] justificatif attendu : aucun → « Attestation » | evidence expected: none → "Certificate"
            C [no marks, Minor] poids annoncé aux candidats : oui → non | weight announced to suppliers: yes → no
            C [no marks, Minor] étiquettes : + « social » | tags: + "social"
            C [no marks, Minor] déplacé de la famille « env » vers « social » | moved from family "env" to "social"
            summary: 4 autres modifications, 1 modification de la grille entière ; aucune ne peut changer les notes | 4 other changes, 1 change to the whole grid; none can change marks
            next: Minor 1.3.0"#]],
    );
}

#[test]
fn changes_to_the_whole_grid() {
    check(
        |g| {
            g.title = Text::new("Base locale", "Local base");
            g.scale = 20.0;
            g.price_basis = PriceBasis::Ht;
            g.vat_rate = Some(20.0);
            g.working_day_hours = 7.0;
            g.lots.push(Lot {
                id: "1".into(),
                title: Text::new("Lot 1", "Lot 1"),
                estimate: None,
                criteria: None,
                weights: Default::default(),
                framework: None,
            });
            g.framework = Some(crate::grid::Framework { holders: 3, cascade: false });
            g.variants = Some(crate::grid::Variants { allowed: true, base_required: true });
        },
        expect![[r#"
            grid [no marks, Patch] titre modifié | title changed
            grid [marks, Major] barème 100 → 20 | scale 100 → 20
            grid [marks, Major] prix comparés TTC → HT | prices compared TTC → HT
            grid [marks, Major] taux de TVA aucun → 20 % | VAT rate none → 20%
            grid [marks, Major] heures par jour ouvré 8 → 7 | hours per working day 8 → 7
            grid [marks, Major] accord-cadre modifié (nombre de titulaires ou cascade) | framework agreement changed (holders or cascade)
            grid [marks, Major] règle des variantes modifiée | rule on variants changed
            grid [marks, Major] lot « 1 » ajouté | lot "1" added
            summary: 8 modifications de la grille entière ; des règles de la grille entière peuvent changer les notes | 8 changes to the whole grid; rules of the whole grid can change marks
            next: Major 2.0.0"#]],
    );
}

#[test]
fn ids_match_as_offers_match_them() {
    // `a` is `A` written differently: the same criterion, not one removed and one added.
    check(
        |g| criterion(g, "A").id = "a".into(),
        expect![[r#"
            summary: aucune modification | no change
            next: None 1.2.0"#]],
    );
}

#[test]
fn a_local_adaptation_names_its_parent() {
    let from = CheckedGrid::from_grid(base()).expect("valid");
    let parent = Parent { id: "base".into(), version: "1.2.0".into(), fingerprint: from.fingerprint().to_string() };
    let mut adapted = base();
    adapted.id = "base-ville".into();
    adapted.version = "1.2.0-ville.1".into();
    adapted.parent = Some(parent.clone());
    criterion(&mut adapted, "A").weight = 35.0;
    criterion(&mut adapted, "C").weight = 5.0;
    let to = CheckedGrid::from_grid(adapted.clone()).expect("valid");
    let d = diff_checked(&from, &to);
    assert_eq!(d.lineage, Lineage::Adapts);
    expect![[r#"adaptation locale de base 1.2.0, même empreinte que le fichier comparé"#]]
        .assert_eq(&d.lineage.describe(&d.from, Lang::Fr).unwrap_or_default());
    assert!(d.can_change_marks());
    // The parent names another file: said, with the first digits of the fingerprint declared.
    adapted.parent = Some(Parent { fingerprint: "0".repeat(64), ..parent });
    let d = diff_checked(&from, &CheckedGrid::from_grid(adapted).expect("valid"));
    expect![[
        r#"adaptation of base 1.2.0, but of another file (declared fingerprint 000000000000…) than the one compared"#
    ]]
    .assert_eq(&d.lineage.describe(&d.from, Lang::En).unwrap_or_default());
    // A plain next version names no parent.
    let d = diff_checked(&from, &from);
    assert_eq!(d.lineage, Lineage::None);
    assert!(d.is_empty() && !d.can_change_marks());
}

#[test]
fn next_versions_follow_semantic_versioning() {
    let cases = [
        ("1.2.3", Bump::Patch, "1.2.4"),
        ("1.2.3", Bump::Minor, "1.3.0"),
        ("1.2.3", Bump::Major, "2.0.0"),
        ("0.3.1", Bump::Major, "1.0.0"),
        ("1.2.3", Bump::None, "1.2.3"),
        // A pre-release is released as itself when the step is already counted in it.
        ("2.0.0-draft.1", Bump::Major, "2.0.0"),
        ("1.1.0-draft", Bump::Minor, "1.1.0"),
        ("1.1.0-draft", Bump::Major, "2.0.0"),
        ("1.1.1-rc.1", Bump::Minor, "1.2.0"),
        ("1.1.1-rc.1", Bump::Patch, "1.1.1"),
    ];
    for (current, bump, next) in cases {
        assert_eq!(next_version(current, bump).as_deref(), Some(next), "{current} {bump:?}");
    }
    assert_eq!(next_version("1.0", Bump::Patch), None);
    assert!(Bump::Major > Bump::Minor && Bump::Minor > Bump::Patch && Bump::Patch > Bump::None);
}

#[test]
fn changes_serialise_as_tagged_data() {
    let mut to = base();
    criterion(&mut to, "A").weight = 25.0;
    criterion(&mut to, "C").weight = 15.0;
    criterion(&mut to, "A").eliminatory = Some(Eliminatory { min: Some(1.0), max: Some(180.0), ..Default::default() });
    let d = diff(&base(), &to);
    let json = serde_json::to_string(&d.criteria).expect("serialises");
    expect![[r#"[{"id":"A","family":"env","changes":[{"change":"weight","from":30.0,"to":25.0},{"change":"requirement_added","requirement":{"kind":"min","value":1.0}}]},{"id":"C","family":"env","changes":[{"change":"weight","from":10.0,"to":15.0}]}]"#]]
        .assert_eq(&json);
    let back: Vec<CriterionChanges> = serde_json::from_str(&json).expect("reads back");
    assert_eq!(back, d.criteria);
}

#[test]
fn shipped_grids_compared_with_themselves_and_each_other() {
    let grids = [
        include_str!("../../../../criteria/numerique-responsable.json"),
        include_str!("../../../../criteria/hebergement.json"),
    ]
    .map(|text| CheckedGrid::from_json(text).expect("a shipped grid is valid"));
    for g in &grids {
        let d = diff_checked(g, g);
        assert!(d.is_empty(), "{}: {d:?}", g.grid().id);
        assert_eq!((d.bump(), d.summary().describe(Lang::Fr).as_str()), (Bump::None, "aucune modification"));
    }
    let [a, b] = &grids;
    let d = diff_checked(a, b);
    // Different grids: every criterion of one is removed, every one of the other added.
    let added = d.criteria.iter().filter(|c| matches!(c.changes.as_slice(), [Change::Added { .. }])).count();
    let removed = d.criteria.iter().filter(|c| matches!(c.changes.as_slice(), [Change::Removed { .. }])).count();
    assert!(added > 0 && removed > 0, "{added} added, {removed} removed");
    assert!(d.can_change_marks() && d.bump() == Bump::Major);
}

#[test]
fn a_manual_rule_guidance_is_wording_its_scale_is_the_rule() {
    let manual = |out_of: f64, guidance: &str| Rule::Manual {
        out_of: Some(out_of),
        guidance: Some(Text::new(guidance, guidance)),
    };
    let mut from = base();
    criterion(&mut from, "B").answer = Answer::Text;
    criterion(&mut from, "B").rule = manual(5.0, "5 : complet");
    let mut to = from.clone();
    criterion(&mut to, "B").rule = manual(5.0, "5 : complet et étayé");
    let d = diff(&from, &to);
    let words: Vec<String> = d.criteria.iter().flat_map(|c| &c.changes).map(|c| c.describe(Lang::Fr)).collect();
    assert_eq!(words, ["reformulé : consignes de notation"]);
    assert_eq!((d.bump(), d.can_change_marks()), (Bump::Minor, false));
    criterion(&mut to, "B").rule = manual(10.0, "5 : complet et étayé");
    let d = diff(&from, &to);
    assert_eq!(d.bump(), Bump::Major);
    assert!(d.criteria.iter().flat_map(|c| &c.changes).any(|c| matches!(c, Change::Rule { .. })));
}

/// A price schedule for the base grid's price criterion: two lines (one quantity kept from
/// bidders) and an optional service.
fn schedule() -> crate::grid::Schedule {
    serde_json::from_value(serde_json::json!({
        "groups": [{"id": "pse", "label": {"fr": "Formation"}, "optional": true}],
        "lines": [
            {"id": "1", "designation": {"fr": "Mise en service"}, "unit": "forfait", "quantity": 1},
            {"id": "2", "designation": {"fr": "Jour d'assistance"}, "unit": "jour"},
            {"id": "3", "designation": {"fr": "Formation"}, "unit": "jour", "quantity": 2, "group": "pse"}
        ]
    }))
    .expect("the schedule reads")
}

#[test]
fn a_schedule_added_or_removed_changes_marks() {
    check(
        |g| criterion(g, "P").schedule = Some(schedule()),
        expect![[r#"
            P [marks, Major] bordereau de prix ajouté (3 lignes) : le prix comparé est celui du détail quantitatif estimatif | price schedule added (3 lines): the compared price is the quantity estimate's
            summary: 1 règle ou seuil modifié ; 1 critère dont les notes peuvent changer | 1 rule or threshold changed; 1 criterion whose marks can change
            next: Major 2.0.0"#]],
    );
}

#[test]
fn a_schedule_s_lines_quantities_services_rules_and_budget() {
    let from = {
        let mut g = base();
        criterion(&mut g, "P").schedule = Some(schedule());
        g
    };
    let mut to = from.clone();
    let p = criterion(&mut to, "P");
    let s = p.schedule.as_mut().expect("schedule");
    s.lines.retain(|l| l.id != "1");
    s.lines[0].quantity = Some(12.0);
    s.lines[0].unit = "demi-journée".into();
    s.lines.push(
        serde_json::from_value(
            serde_json::json!({"id": "4", "designation": {"fr": "Hébergement"}, "unit": "mois", "quantity": 36}),
        )
        .expect("line"),
    );
    s.groups[0].optional = false;
    s.missing = crate::grid::MissingPrice::HighestOfOthers;
    s.prevails = crate::grid::Prevails::Total;
    s.low_line = 0.3;
    p.budget = Some(crate::grid::Budget { estimate: Some(90_000.0), ceiling: None, eu_threshold: Some(216_000.0) });
    let d = diff(&from, &to);
    let lines: Vec<String> = d
        .criteria
        .iter()
        .flat_map(|c| &c.changes)
        .map(|ch| {
            format!(
                "[{}] {} | {}",
                if ch.can_change_marks() { "marks" } else { "no marks" },
                ch.describe(Lang::Fr),
                ch.describe(Lang::En)
            )
        })
        .collect();
    expect![[r#"
        [marks] lignes du bordereau : ajoutées « 4 » ; retirées « 1 » | schedule lines: added "4"; removed "1"
        [marks] quantité estimée de la ligne « 2 » : non communiquée → 12 | estimated quantity of line "2": not disclosed → 12
        [no marks] désignation ou unité réécrite au bordereau : « 2 » | designation or unit rewritten in the schedule: "2"
        [marks] prestations supplémentaires éventuelles (PSE) : « pse » → aucune | optional services: "pse" → none
        [marks] prix unitaire absent : l'offre est incomplète → la ligne est comptée au prix unitaire le plus élevé des autres offres | missing unit price: the offer is incomplete → the line is counted at the highest unit price of the other offers
        [marks] montant de ligne qui ne correspond pas : le prix unitaire prévaut et le montant de la ligne est recalculé → le montant de la ligne prévaut et le prix unitaire en est déduit | line total that does not add up: the unit price prevails and the line total is recomputed → the line total prevails and the unit price is derived from it
        [no marks] ligne à examiner sous 50 % de la médiane → 30 % | line to examine below 50% of the median → 30%
        [no marks] budget : aucun → estimation 90 000 €, seuil européen 216 000 € | budget: none → estimate €90,000, EU threshold €216,000"#]]
    .assert_eq(&lines.join("\n"));
    // A ceiling makes an offer above it unacceptable: that changes marks.
    let mut capped = to.clone();
    criterion(&mut capped, "P").budget =
        Some(crate::grid::Budget { estimate: Some(90_000.0), ceiling: Some(100_000.0), eu_threshold: Some(216_000.0) });
    let d = diff(&to, &capped);
    assert!(
        d.criteria.iter().flat_map(|c| &c.changes).all(|c| matches!(c, Change::Budget { .. }) && c.can_change_marks()),
        "{d:?}"
    );
}
