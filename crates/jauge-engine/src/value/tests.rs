//! Interpretation of raw answers: one snapshot table of inputs and readings (TRAPS 1–4, 8, 9, 12).

use expect_test::{Expect, expect};

use super::*;
use crate::grid::ChoiceOption;

const CTX: Context =
    Context { conversions: Conversions { working_day_hours: 8.0 }, price_basis: PriceBasis::Ttc, vat_rate: Some(20.0) };

fn options(ids: &[(&str, &str)]) -> Vec<ChoiceOption> {
    ids.iter()
        .map(|(id, fr)| ChoiceOption {
            id: id.to_string(),
            label: Text { fr: fr.to_string(), en: None },
            synonyms: Vec::new(),
        })
        .collect()
}

/// The one place that calls `interpret`: prints each case as `input => reading`.
fn check(answer: &Answer, cases: &[Raw], expect: Expect) {
    let mut out = String::new();
    for raw in cases {
        let r = interpret(Some(raw), answer, &CTX);
        let value = match &r.value {
            Some(v) => format!("{v:?}"),
            None => "none".to_string(),
        };
        out.push_str(&format!("{:?} => {value}", raw));
        for n in &r.notes {
            out.push_str(&format!(" [note: {}]", n.fr));
        }
        if let Some(p) = &r.problem {
            out.push_str(&format!(" [problem: {}]", p.fr));
        }
        out.push('\n');
    }
    expect.assert_eq(&out);
}

fn texts(items: &[&str]) -> Vec<Raw> {
    items.iter().map(|s| Raw::Text(s.to_string())).collect()
}

#[test]
fn numbers_in_french_and_english_writing() {
    let answer = Answer::Number { unit: None, min: None, max: None };
    let mut cases = texts(&[
        "1234,56",
        "1 234,56",
        "1\u{A0}234,56",
        "1\u{202F}234,56",
        "1.234,56",
        "1,234.56",
        "1.234.567",
        "-3,5",
        ",5",
        "1,234",
        "douze",
    ]);
    cases.push(Raw::Number(42.0));
    check(
        &answer,
        &cases,
        expect![[r#"
        Text("1234,56") => Number(1234.56)
        Text("1 234,56") => Number(1234.56)
        Text("1\u{a0}234,56") => Number(1234.56)
        Text("1\u{202f}234,56") => Number(1234.56)
        Text("1.234,56") => Number(1234.56)
        Text("1,234.56") => Number(1234.56)
        Text("1.234.567") => Number(1234567.0)
        Text("-3,5") => Number(-3.5)
        Text(",5") => Number(0.5)
        Text("1,234") => Number(1.234) [note: « 1,234 » lu comme nombre décimal ; si c'était un séparateur de milliers, corriger la réponse]
        Text("douze") => none [problem: « douze » n'est pas compris ; attendu un nombre]
        Number(42.0) => Number(42.0)
    "#]],
    );
}

#[test]
fn percentages_every_way() {
    let mut cases = texts(&["99,9 %", "99.9%", "99,9", "99,95 %/mois", "0,999", "150 %", "99,9 pourcent"]);
    cases.extend([
        Raw::Number(0.999),
        Raw::Number(99.9),
        Raw::Quantity { value: 99.9, unit: Unit::Percent },
        Raw::Number(0.0),
    ]);
    check(
        &Answer::Percentage,
        &cases,
        expect![[r#"
        Text("99,9 %") => Number(99.9)
        Text("99.9%") => Number(99.9)
        Text("99,9") => Number(99.9)
        Text("99,95 %/mois") => Number(99.95) [note: valeur mesurée par mois : la disponibilité annuelle peut être plus basse ; vérifier la période demandée]
        Text("0,999") => none [problem: « 0,999 » est ambigu : 99,9 % ou 0,999 % ? Écrire le pourcentage avec le signe %]
        Text("150 %") => none [problem: 150 % est hors des valeurs plausibles ; attendu 0 – 100 %]
        Text("99,9 pourcent") => Number(99.9)
        Number(0.999) => none [problem: « 0,999 » est ambigu : 99,9 % ou 0,999 % ? Écrire le pourcentage avec le signe %]
        Number(99.9) => Number(99.9)
        Quantity { value: 99.9, unit: Percent } => Number(99.9)
        Number(0.0) => Number(0.0)
    "#]],
    );
}

#[test]
fn booleans_in_french_and_english() {
    let mut cases = texts(&[
        "Oui",
        "oui",
        "OUI",
        "Non",
        "X",
        "✓",
        "Yes",
        "No",
        "1",
        "0",
        "Vrai",
        "Faux",
        "Oui, cf. annexe 4",
        "Peut-être",
    ]);
    cases.extend([Raw::Bool(true), Raw::Bool(false), Raw::Number(1.0), Raw::Number(2.0)]);
    check(
        &Answer::YesNo,
        &cases,
        expect![[r#"
        Text("Oui") => Bool(true)
        Text("oui") => Bool(true)
        Text("OUI") => Bool(true)
        Text("Non") => Bool(false)
        Text("X") => Bool(true)
        Text("✓") => Bool(true)
        Text("Yes") => Bool(true)
        Text("No") => Bool(false)
        Text("1") => Bool(true)
        Text("0") => Bool(false)
        Text("Vrai") => Bool(true)
        Text("Faux") => Bool(false)
        Text("Oui, cf. annexe 4") => Bool(true) [note: lu « oui » dans « Oui, cf. annexe 4 »]
        Text("Peut-être") => none [problem: « Peut-être » n'est pas compris ; attendu oui ou non]
        Bool(true) => Bool(true)
        Bool(false) => Bool(false)
        Number(1.0) => Bool(true)
        Number(2.0) => none [problem: « 2 » n'est pas compris ; attendu oui ou non]
    "#]],
    );
}

#[test]
fn non_answers() {
    let cases =
        texts(&["", "  ", "N/A", "NA", "NC", "-", "?", "Sans objet", "cf. mémoire technique p.12", "Voir annexe"]);
    check(
        &Answer::Number { unit: Some(Unit::Hour), min: None, max: None },
        &cases,
        expect![[r#"
        Text("") => none
        Text("  ") => none
        Text("N/A") => none
        Text("NA") => none
        Text("NC") => none
        Text("-") => none
        Text("?") => none
        Text("Sans objet") => none
        Text("cf. mémoire technique p.12") => none [problem: « cf. mémoire technique p.12 » renvoie à un document au lieu de répondre ; attendu un nombre en h]
        Text("Voir annexe") => none [problem: « Voir annexe » renvoie à un document au lieu de répondre ; attendu un nombre en h]
    "#]],
    );
}

#[test]
fn a_free_text_may_point_to_the_technical_proposal() {
    // Evaluators read a free text's answer where the bidder points them (the question often asks
    // for it in the technical proposal); empty words are still no answer.
    let cases = texts(&["Voir mémoire", "cf. mémoire technique p.12", "N/A", ""]);
    check(
        &Answer::Text,
        &cases,
        expect![[r#"
            Text("Voir mémoire") => Text("Voir mémoire")
            Text("cf. mémoire technique p.12") => Text("cf. mémoire technique p.12")
            Text("N/A") => none
            Text("") => none
        "#]],
    );
}

#[test]
fn durations_and_units_are_converted() {
    let cases = texts(&["4 h", "4h", "4 heures", "2 j ouvrés", "90 min", "1 jour", "3 kWh", "4 h 30"]);
    check(
        &Answer::Duration { unit: Unit::Hour },
        &cases,
        expect![[r#"
        Text("4 h") => Number(4.0)
        Text("4h") => Number(4.0)
        Text("4 heures") => Number(4.0)
        Text("2 j ouvrés") => Number(16.0) [note: converti : 2 j ouvrés → 16 h (1 j ouvré = 8 h)]
        Text("90 min") => Number(1.5) [note: converti : 90 min → 1,5 h]
        Text("1 jour") => Number(24.0) [note: converti : 1 j → 24 h]
        Text("3 kWh") => none [problem: « 3 kWh » ne se convertit pas en h ; attendu un nombre en h]
        Text("4 h 30") => none [problem: unité « h 30 » non reconnue dans « 4 h 30 » ; attendu un nombre en h]
    "#]],
    );
    // Working days against calendar days: never refused, read with the stated bound.
    check(
        &Answer::Duration { unit: Unit::Day },
        &texts(&["10 jours ouvrés", "5 j ouvrés", "2 mois"]),
        expect![[r#"
            Text("10 jours ouvrés") => Number(14.0) [note: 10 j ouvrés lus comme au plus 14 j : un délai en jours ouvrés s'achève au plus tard ce nombre de jours plus deux par tranche de cinq, week-ends comptés (jours fériés non comptés, à vérifier s'il y en a)]
            Text("5 j ouvrés") => Number(7.0) [note: 5 j ouvrés lus comme au plus 7 j : un délai en jours ouvrés s'achève au plus tard ce nombre de jours plus deux par tranche de cinq, week-ends comptés (jours fériés non comptés, à vérifier s'il y en a)]
            Text("2 mois") => Number(60.0) [note: converti : 2 mois → 60 j]
        "#]],
    );
    check(
        &Answer::Duration { unit: Unit::WorkingDay },
        &texts(&["14 jours", "10 j"]),
        expect![[r#"
        Text("14 jours") => Number(10.0) [note: 14 j lus comme au plus 10 j ouvrés : une durée en jours calendaires contient au plus ce nombre moins deux jours par semaine entière (jours fériés non comptés, à vérifier s'il y en a)]
        Text("10 j") => Number(8.0) [note: 10 j lus comme au plus 8 j ouvrés : une durée en jours calendaires contient au plus ce nombre moins deux jours par semaine entière (jours fériés non comptés, à vérifier s'il y en a)]
    "#]],
    );
    let energy = Answer::Number { unit: Some(Unit::Wh), min: Some(0.0), max: None };
    check(
        &energy,
        &texts(&["0,8 Wh", "0,0012 kWh", "1,2 kWh/transaction", "-1 Wh"]),
        expect![[r#"
        Text("0,8 Wh") => Number(0.8)
        Text("0,0012 kWh") => Number(1.2) [note: converti : 0,0012 kWh → 1,2 Wh]
        Text("1,2 kWh/transaction") => Number(1200.0) [note: converti : 1,2 kWh → 1 200 Wh]
        Text("-1 Wh") => none [problem: -1 Wh est hors des valeurs plausibles ; attendu ≥ 0 Wh]
    "#]],
    );
    let carbon = Answer::Number { unit: Some(Unit::KgCo2e), min: Some(0.0), max: None };
    check(
        &carbon,
        &texts(&["0,03 t", "0,03 t CO2e", "30 kg", "30000 g CO2e", "2 tonnes"]),
        expect![[r#"
            Text("0,03 t") => Number(30.0) [note: converti : 0,03 t CO2e → 30 kg CO2e]
            Text("0,03 t CO2e") => Number(30.0) [note: converti : 0,03 t CO2e → 30 kg CO2e]
            Text("30 kg") => Number(30.0)
            Text("30000 g CO2e") => Number(30.0) [note: converti : 30 000 g CO2e → 30 kg CO2e]
            Text("2 tonnes") => Number(2000.0) [note: converti : 2 t CO2e → 2 000 kg CO2e]
        "#]],
    );
    let pue = Answer::Number { unit: Some(Unit::Ratio), min: Some(1.0), max: Some(5.0) };
    check(
        &pue,
        &texts(&["1,3", "PUE 1,3", "1,3 (PUE annuel)"]),
        expect![[r#"
        Text("1,3") => Number(1.3)
        Text("PUE 1,3") => none [problem: « PUE 1,3 » n'est pas compris ; attendu un nombre]
        Text("1,3 (PUE annuel)") => Number(1.3)
    "#]],
    );
}

#[test]
fn dates_in_every_writing() {
    let cases = texts(&[
        "21/11/2026",
        "2026-11-21",
        "21.11.2026",
        "21 novembre 2026",
        "1er janvier 2027",
        "November 21, 2026",
        "31/02/2026",
        "bientôt",
    ]);
    check(
        &Answer::Date,
        &cases,
        expect![[r#"
        Text("21/11/2026") => Date(Date { year: 2026, month: 11, day: 21 })
        Text("2026-11-21") => Date(Date { year: 2026, month: 11, day: 21 })
        Text("21.11.2026") => Date(Date { year: 2026, month: 11, day: 21 })
        Text("21 novembre 2026") => Date(Date { year: 2026, month: 11, day: 21 })
        Text("1er janvier 2027") => Date(Date { year: 2027, month: 1, day: 1 })
        Text("November 21, 2026") => Date(Date { year: 2026, month: 11, day: 21 })
        Text("31/02/2026") => none [problem: « 31/02/2026 » n'est pas compris ; attendu une date (JJ/MM/AAAA)]
        Text("bientôt") => none [problem: « bientôt » n'est pas compris ; attendu une date (JJ/MM/AAAA)]
    "#]],
    );
}

#[test]
fn serial_dates_in_both_systems() {
    assert_eq!(Date::from_serial(46_347.0, false), Date::new(2026, 11, 21));
    assert_eq!(Date::from_serial(44_885.0, true), Date::new(2026, 11, 21));
    assert_eq!(Date::from_serial(-1.0, false), None);
}

#[test]
fn choices_ignore_case_accents_and_spacing() {
    let answer = Answer::Choice { options: options(&[("region", "Dans la région"), ("france", "En France")]) };
    check(
        &answer,
        // The second written decomposed (NFD: each accent apart from its letter, as some systems
        // save text).
        &texts(&["dans la region", "  DANS  LA RE\u{301}GION ", "france", "En France.", "Ailleurs"]),
        expect![[r#"
            Text("dans la region") => Choice("region")
            Text("  DANS  LA RE\u{301}GION ") => Choice("region")
            Text("france") => Choice("france")
            Text("En France.") => Choice("france")
            Text("Ailleurs") => none [problem: « Ailleurs » n'est pas compris ; attendu l'une des options « Dans la région », « En France »]
        "#]],
    );
    let multi =
        Answer::MultiChoice { options: options(&[("csv", "CSV"), ("json", "JSON"), ("odf", "ODF (OpenDocument)")]) };
    let mut cases = texts(&["CSV, JSON", "json; csv", "CSV et ODF (OpenDocument)", "CSV, XLSX", "XLSX"]);
    cases.push(Raw::List(vec!["odf".into(), "CSV".into()]));
    check(
        &multi,
        &cases,
        expect![[r#"
            Text("CSV, JSON") => Choices(["csv", "json"])
            Text("json; csv") => Choices(["csv", "json"])
            Text("CSV et ODF (OpenDocument)") => Choices(["csv", "odf"])
            Text("CSV, XLSX") => Choices(["csv"]) [note: éléments non reconnus parmi les options de la grille : XLSX]
            Text("XLSX") => none [problem: « XLSX » n'est pas compris ; attendu une liste parmi « CSV », « JSON », « ODF (OpenDocument) »]
            List(["odf", "CSV"]) => Choices(["csv", "odf"])
        "#]],
    );
}

#[test]
fn prices_and_their_tax_basis() {
    let answer = Answer::Price { currency: "EUR".into() };
    let mut cases = texts(&["118 800 € TTC", "99 000 € HT", "96 000,00 €", "120 k€ TTC", "gratuit", "0 €"]);
    cases.push(Raw::Price { amount: 1000.0, basis: PriceBasis::Ht });
    check(
        &answer,
        &cases,
        expect![[r#"
            Text("118 800 € TTC") => Price(118800.0)
            Text("99 000 € HT") => none [note: prix donné HT seulement (99 000 €) alors que les prix sont comparés TTC : aucun taux de TVA n'est présumé]
            Text("96 000,00 €") => Price(96000.0) [note: prix lu TTC comme le demande le cadre de réponse]
            Text("120 k€ TTC") => Price(120000.0)
            Text("gratuit") => none [problem: « gratuit » n'est pas compris ; attendu un prix en EUR]
            Text("0 €") => none [problem: prix 0 : un prix doit être positif]
            Price { amount: 1000.0, basis: Ht } => none [note: prix donné HT seulement (1 000 €) alors que les prix sont comparés TTC : aucun taux de TVA n'est présumé]
        "#]],
    );
    // With or without a VAT rate in the grid, a price on the other basis is never converted.
    for vat_rate in [Some(20.0), None] {
        let r = interpret(Some(&Raw::Text("99 000 € HT".into())), &answer, &Context { vat_rate, ..CTX });
        assert_eq!((r.value, r.other_basis), (None, Some(PriceBasis::Ht)), "HT and TTC are never mixed");
    }
}

#[test]
fn urls() {
    check(
        &Answer::Url,
        &texts(&["https://exemple.fr/accessibilite", "www.exemple.fr/a11y", "exemple", "https://", "http://a b.fr"]),
        expect![[r#"
        Text("https://exemple.fr/accessibilite") => Url("https://exemple.fr/accessibilite")
        Text("www.exemple.fr/a11y") => Url("https://www.exemple.fr/a11y") [note: « https:// » ajouté devant l'adresse]
        Text("exemple") => none [problem: « exemple » n'est pas compris ; attendu une adresse web (https://…)]
        Text("https://") => none [problem: « https:// » n'est pas compris ; attendu une adresse web (https://…)]
        Text("http://a b.fr") => none [problem: « http://a b.fr » n'est pas compris ; attendu une adresse web (https://…)]
    "#]],
    );
}

#[test]
fn days_and_dates_convert_both_ways() {
    for days in (-800_000..3_000_000).step_by(997) {
        assert_eq!(Date::from_days(days).days(), days);
    }
    assert_eq!(Date::from_days(0), Date { year: 1970, month: 1, day: 1 });
    assert_eq!(Date { year: 2026, month: 11, day: 29 }.days(), 20_786);
}

#[test]
fn paris_time_follows_the_summer_time_rule_and_refuses_what_is_not_a_time() {
    let at = |s: &str| paris_time(s).map(|(d, h, m)| format!("{} {h:02}:{m:02}", d.iso()));
    assert_eq!(at("2026-11-29T19:07:34Z").as_deref(), Some("2026-11-29 20:07"));
    assert_eq!(at("2026-03-29T01:00:00Z").as_deref(), Some("2026-03-29 03:00"));
    assert_eq!(at("2027-10-31T00:30:00Z").as_deref(), Some("2027-10-31 02:30"));
    assert_eq!(at("2027-10-31T01:30:00Z").as_deref(), Some("2027-10-31 02:30"));
    for bad in ["2026-11-29", "2026-11-29T25:00Z", "2026-11-29 10:00", "2026-02-30T10:00Z", "x"] {
        assert_eq!(at(bad), None, "{bad}");
    }
}

#[test]
fn options_match_acronyms_and_synonyms_and_leave_other_words_to_an_evaluator() {
    let mut opts =
        options(&[("fala", "FALC (facile à lire et à comprendre)"), ("en", "Anglais"), ("br", "Breton (brezhoneg)")]);
    opts[1].synonyms = vec!["English".into(), "EN".into()];
    let multi = Answer::MultiChoice { options: opts };
    let read = |t: &str| interpret(Some(&Raw::Text(t.into())), &multi, &CTX);
    let ids = |v: &[&str]| Some(Value::Choices(v.iter().map(|s| s.to_string()).collect()));
    assert_eq!(read("FALC, english").value, ids(&["fala", "en"]));
    assert_eq!(read("facile à lire et à comprendre").value, ids(&["fala"]));
    assert_eq!(read("brezhoneg").value, ids(&["br"]));
    assert_eq!(read("FALC").unmatched, None);
    let partly = read("Anglais, Klingon");
    assert_eq!((partly.value, partly.unmatched.as_deref()), (ids(&["en"]), Some("Klingon")));
    let none = read("Klingon");
    assert_eq!((none.value, none.unmatched.as_deref()), (None, Some("Klingon")));
    // A part shared by two labels matches neither: the evaluator reads it.
    let ambiguous = Answer::Choice { options: options(&[("pub", "Cloud (public)"), ("priv", "Cloud (privé)")]) };
    let r = interpret(Some(&Raw::Text("Cloud".into())), &ambiguous, &CTX);
    assert_eq!((r.value, r.unmatched.as_deref()), (None, Some("Cloud")));
    assert_eq!(interpret(Some(&Raw::Text("privé".into())), &ambiguous, &CTX).value, Some(Value::Choice("priv".into())));
}

/// A choice's words are kept between readings (`KEPT_WORDS`): a choice changed in any way (a
/// synonym, an English label, a part, one option more), or the same options again, reads as
/// it would be read first.
#[test]
fn a_choice_changed_is_never_read_with_the_words_kept_for_another() {
    let base = options(&[("pub", "Cloud (public)"), ("priv", "Hébergement privé"), ("na", "Non applicable")]);
    let mut synonym = base.clone();
    synonym[1].synonyms = vec!["On premise".into()];
    let mut english = base.clone();
    english[0].label.en = Some("Public cloud".into());
    let mut part = base.clone();
    part[0].label.fr = "Cloud (souverain)".into();
    let mut more = base.clone();
    more.extend(options(&[("autre", "Sans objet")]));
    let texts = ["On premise", "Public cloud", "public", "souverain", "Cloud", "N/A", "sans objet", "privé", "pub"];
    // Each choice's readings, first of all (the words kept emptied) then once others were read.
    let readings = |opts: &[ChoiceOption]| -> Vec<Reading> {
        let answer = Answer::Choice { options: opts.to_vec() };
        texts.iter().map(|t| interpret(Some(&Raw::Text((*t).into())), &answer, &CTX)).collect()
    };
    let choices = [&base, &synonym, &english, &part, &more];
    let first: Vec<Vec<Reading>> = choices
        .iter()
        .map(|opts| {
            super::KEPT_WORDS.with(|kept| kept.borrow_mut().clear());
            readings(opts)
        })
        .collect();
    for _ in 0..2 {
        for (opts, first) in choices.iter().zip(&first) {
            assert_eq!(&readings(opts), first, "{opts:?}");
        }
    }
    // The readings differ where the choices do: each change is seen.
    assert_eq!(first[1][0].value, Some(Value::Choice("priv".into())));
    assert_eq!(first[0][0].value, None);
    assert_eq!(first[2][1].value, Some(Value::Choice("pub".into())));
    assert_eq!(first[3][3].value, Some(Value::Choice("pub".into())));
    assert_eq!(first[0][3].value, None);
    // « N/A » names the one option « not applicable »: none when two are.
    assert_eq!(first[0][5].value, Some(Value::Choice("na".into())));
    assert_eq!(first[4][5].value, None);
}

#[test]
fn a_label_holding_a_list_separator_is_read_whole() {
    let multi =
        Answer::MultiChoice { options: options(&[("csv", "CSV"), ("ooxml", "OOXML (xlsx, docx)"), ("odf", "ODF")]) };
    let read = |t: &str| interpret(Some(&Raw::Text(t.into())), &multi, &CTX);
    let ids = |v: &[&str]| Some(Value::Choices(v.iter().map(|s| s.to_string()).collect()));
    let r = read("CSV, OOXML (xlsx, docx)");
    assert_eq!((r.value, r.unmatched), (ids(&["csv", "ooxml"]), None));
    assert_eq!(read("ooxml (XLSX, DOCX); odf").value, ids(&["ooxml", "odf"]));
    // Hostile text around it changes nothing and never panics.
    let r = read("İİİ, OOXML (xlsx, docx), ǅ");
    assert_eq!(r.value, ids(&["ooxml"]));
    assert_eq!(r.unmatched.as_deref(), Some("İİİ, ǅ"));
}

#[test]
fn a_price_stated_in_full_is_checked_and_taken_as_stated() {
    let answer = Answer::Price { currency: "EUR".into() };
    let read = |t: &str| interpret(Some(&Raw::Text(t.into())), &answer, &CTX);
    let r = read("82 000 € HT, TVA 20 %, soit 98 400 € TTC");
    assert_eq!((r.value, r.notes.len()), (Some(Value::Price(98_400.0)), 0), "consistent: nothing to say");
    let r = read("82 000 € HT ; TVA 20 % ; 98 000 € TTC");
    assert_eq!(r.value, Some(Value::Price(98_000.0)), "the TTC stated is what the buyer will pay");
    assert!(
        r.notes[0].fr.starts_with("incohérence à vérifier : 82\u{202f}000 € HT × (1 + 20 %) = 98\u{202f}400 €"),
        "{:?}",
        r.notes
    );
    // The bidder's own rate is the one checked, not the grid's.
    let r = read("82 000 € HT, TVA 10 %, soit 90 200 € TTC");
    assert_eq!((r.value, r.notes.len()), (Some(Value::Price(90_200.0)), 0), "{:?}", r.notes);
    // Decimal commas are amounts, not separators.
    assert_eq!(read("82 000,50 € HT, TVA 20 %, soit 98 400,60 € TTC").value, Some(Value::Price(98_400.6)));
    // An exempt bidder pays the price without VAT, whatever the grid's rate.
    let r = read("50 000 € HT, TVA non applicable (franchise en base)");
    assert_eq!(r.value, Some(Value::Price(50_000.0)));
    assert!(r.notes[0].fr.starts_with("exonération de TVA déclarée par le candidat"));
    // HT and a rate without the TTC: still to be obtained, never computed.
    let r = read("82 000 € HT, TVA 20 %");
    assert_eq!((r.value, r.other_basis), (None, Some(PriceBasis::Ht)));
    // Compared HT, the HT stated is used.
    let ht = Context { price_basis: PriceBasis::Ht, ..CTX };
    let r = interpret(Some(&Raw::Text("82 000 € HT, TVA 20 %, soit 98 400 € TTC".into())), &answer, &ht);
    assert_eq!(r.value, Some(Value::Price(82_000.0)));
}

#[test]
fn words_an_option_names_are_that_option_not_a_non_answer() {
    let mut opts = options(&[("c", "Conforme"), ("nc", "Non conforme"), ("na", "Non applicable (justifié)")]);
    opts[2].synonyms.push("Sans objet".into());
    // « Non applicable » is the option « Non applicable (justifié) », « Sans objet » its synonym,
    // and the ways people write « not applicable » (« N/A », « n.a. », « S.O. ») mean it too.
    check(
        &Answer::Choice { options: opts.clone() },
        &texts(&["Non applicable", "non applicable", "Sans objet", "N/A", "n.a.", "S.O.", "Conforme"]),
        expect![[r#"
            Text("Non applicable") => Choice("na")
            Text("non applicable") => Choice("na")
            Text("Sans objet") => Choice("na")
            Text("N/A") => Choice("na")
            Text("n.a.") => Choice("na")
            Text("S.O.") => Choice("na")
            Text("Conforme") => Choice("c")
        "#]],
    );
    // Without an option so named, they are a non-answer (the option ids are not « na » here).
    let plain = options(&[("oui", "Conforme"), ("non", "Non conforme")]);
    check(
        &Answer::Choice { options: plain },
        &texts(&["N/A", "Sans objet"]),
        expect![[r#"
            Text("N/A") => none
            Text("Sans objet") => none
        "#]],
    );
    // Two options so named: « N/A » names neither.
    let two = options(&[("c", "Conforme"), ("na1", "Non applicable (site)"), ("na2", "Sans objet")]);
    check(
        &Answer::Choice { options: two },
        &texts(&["N/A"]),
        expect![[r#"
            Text("N/A") => none
        "#]],
    );
}

/// `normalise` as it was written before its ASCII path: the reference the faster one must equal.
fn normalise_reference(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        fold(c, &mut out);
    }
    out.trim_end().to_string()
}

proptest::proptest! {
    #[test]
    fn normalise_equals_its_reference(s in "[ \t\r\n\u{b}\u{c}\u{a0}\u{202f}a-zA-Z0-9éÉÈàÇŒœÆ’İK\u{212a}ß.,;:%*-]{0,24}") {
        proptest::prop_assert_eq!(normalise(&s), normalise_reference(&s));
    }
}

#[test]
fn normalise_folds_and_collapses() {
    expect![[r#""oeuvre a l'ete : 99,9 % k i""#]]
        .assert_eq(&format!("{:?}", normalise("  ŒUVRE À\u{a0}L’ÉTÉ :\t 99,9\u{202f}%  \u{212a} İ \n")));
}

/// The ASCII path of `normalise` gives what the general one gives: every text of two ASCII
/// characters, alone and between white space, control characters and letters, and sentences with
/// runs of every kind of white space.
#[test]
fn ascii_texts_normalise_as_any_text() {
    let chars: Vec<char> = (0u8..128).map(char::from).collect();
    let mut texts: Vec<String> = Vec::new();
    for a in &chars {
        for b in &chars {
            texts.push([*a, *b].iter().collect());
            for c in [' ', '\t', 'A', '\x0b', '\x1c', 'z'] {
                texts.push([c, *a, *b, c].iter().collect());
            }
        }
    }
    texts.push(" Identifiant  du \t\r\n CRITERE : \x0c".into());
    texts.push("\x0b\x0c Reponse \x1f".into());
    for t in &texts {
        assert!(t.is_ascii());
        let (mut ascii, mut chars, mut folded) = (String::new(), String::new(), String::new());
        super::normalise_ascii(t, &mut ascii);
        super::normalise_chars(t, &mut chars);
        // The general case, character by character through `fold`.
        t.chars().for_each(|c| super::fold(c.to_ascii_lowercase(), &mut folded));
        assert_eq!(ascii, folded, "{t:?}");
        assert_eq!(chars, folded, "{t:?}");
    }
}

/// Every Latin letter with marks (`LATIN`, `LATIN_ADDITIONAL`) normalises as its canonical
/// decomposition (NFD: the letter, then its marks) does, upper- and lower-case: one table entry
/// wrong, or a mark kept, and the texts differ.
#[test]
fn latin_letters_are_their_decompositions_letter() {
    use unicode_normalization::UnicodeNormalization;
    let latin = (0xc0..=0x24f).chain(0x1e00..=0x1eff).filter_map(char::from_u32);
    let mut decomposed = 0;
    for c in latin {
        let nfd: String = c.to_string().nfd().collect();
        decomposed += usize::from(nfd.chars().count() > 1);
        assert_eq!(normalise(&c.to_string()), normalise(&nfd), "{c} (U+{:04X}) against {nfd:?}", u32::from(c));
    }
    // Most of these blocks' letters carry marks: the comparison is not vacuous.
    assert!(decomposed > 400, "{decomposed}");
}

proptest::proptest! {
    /// A text of Latin letters, French or not, with and without marks, reads the same written
    /// precomposed (NFC) or decomposed (NFD).
    #[test]
    fn precomposed_and_decomposed_texts_normalise_alike(s in "[ a-zA-Z0-9\u{a0}\u{c0}-\u{24f}\u{1e00}-\u{1eff}’'.,-]{0,24}") {
        use unicode_normalization::UnicodeNormalization;
        let (nfc, nfd): (String, String) = (s.nfc().collect(), s.nfd().collect());
        proptest::prop_assert_eq!(normalise(&nfc), normalise(&nfd));
    }
}
