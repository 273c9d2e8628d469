//! Prices compared excluding taxes while the bidders compared are not liable to VAT alike (the
//! `unequal-vat` case): a point to settle naming who states what; none once the statuses agree.

use expect_test::expect;
use jauge_engine::Lang;
use jauge_engine::session::Session;

fn session(offers: &[(&str, &str)]) -> Session {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut s = Session::new(std::fs::read_to_string(root.join("criteria/hebergement.json")).expect("grid"));
    for (file, price) in offers {
        let text = std::fs::read_to_string(root.join("tests/cases/unequal-vat/offers").join(file)).expect("offer");
        let mut o = jauge_engine::Offer::from_json(file, &text).expect("offer");
        if !price.is_empty() {
            o.responses.get_mut("PRIX").expect("a price").raw = Some(jauge_engine::Raw::Text((*price).into()));
        }
        s.offers.push(o);
    }
    s
}

fn points(s: &Session, lang: Lang) -> String {
    vat_points(s, lang, |p| matches!(p, jauge_analysis::Pending::UnequalVat { .. }))
}

/// The points to settle of one kind, described, one per line.
fn vat_points(s: &Session, lang: Lang, kind: fn(&jauge_analysis::Pending) -> bool) -> String {
    let a = jauge_analysis::Analysis::new(s, "s", "", jauge_analysis::Annex::AgreedMarksOnly).expect("valid");
    let mut out: Vec<String> = a.to_settle().iter().filter(|p| kind(p)).map(|p| p.describe(lang)).collect();
    out.push(String::new());
    out.join("\n")
}

#[test]
fn unequal_vat_statuses_are_a_point_to_settle_naming_each_bidder() {
    let s = session(&[("a.json", ""), ("b.json", ""), ("c.json", ""), ("d.json", ""), ("e.json", "")]);
    expect![[r#"
        Régler la comparaison des prix du critère PRIX : ils sont comparés hors taxes alors que les soumissionnaires ne sont pas soumis à la TVA de la même façon (non assujetti à la TVA : « Infogérance Locale » ; 10 % : « Scop Numérique Ouest » ; 20 % : « Hébergeur Breizh ») ; hors taxes, ils ne sont pas ce que l'acheteur paiera : les comparer toutes taxes comprises, tels que chaque soumissionnaire les présente (hors TVA pour un soumissionnaire non assujetti)
    "#]]
    .assert_eq(&points(&s, Lang::Fr));
    expect![[r#"
        Settle how the prices of criterion PRIX are compared: they are compared excluding taxes while the bidders are not liable to VAT alike (not liable to VAT: "Infogérance Locale"; 10%: "Scop Numérique Ouest"; 20%: "Hébergeur Breizh"); excluding taxes, they are not what the buyer will pay: compare them including taxes, as each bidder presents them (without VAT for a bidder not liable)
    "#]]
    .assert_eq(&points(&s, Lang::En));
}

#[test]
fn one_rate_stated_or_none_is_no_point_to_settle() {
    let alike = session(&[("a.json", ""), ("e.json", "75 000 € HT, TVA 20 %"), ("d.json", "130 000 € HT")]);
    assert_eq!(points(&alike, Lang::Fr), "");
    // The same offers with a bidder not liable: the point appears (the test above can fail).
    let exempt = session(&[("a.json", ""), ("e.json", "75 000 € HT, TVA 20 %"), ("d.json", "")]);
    assert_ne!(points(&exempt, Lang::Fr), "");
}

/// Prices compared excluding taxes with bidders stating no VAT status: a point to check naming
/// them; none when every bidder compared states one, or prices are compared with one offer alone.
#[test]
fn a_vat_status_not_stated_is_a_point_to_check_naming_who() {
    let unstated =
        |s: &Session, lang| vat_points(s, lang, |p| matches!(p, jauge_analysis::Pending::VatUnstated { .. }));
    let s = session(&[("a.json", ""), ("e.json", "75 000 € HT, TVA 20 %"), ("d.json", "130 000 € HT"), ("c.json", "")]);
    expect![[r#"
        Vérifier le régime de TVA des soumissionnaires dont le prix du critère PRIX est comparé hors taxes sans taux de TVA ni mention d'exonération (« Infogérance Locale »), puis consigner ce qui a été constaté dans le dossier de la procédure (« Vérification du régime de TVA ») : hors taxes, les prix ne sont ce que l'acheteur paiera que si tous les soumissionnaires comparés sont assujettis au même taux
    "#]].assert_eq(&unstated(&s, Lang::Fr));
    expect![[r#"
        Check the VAT status of the bidders whose price for criterion PRIX is compared excluding taxes with neither a VAT rate nor an exemption stated ("Infogérance Locale"), then record what was found in the procedure record ("Check of the VAT status"): excluding taxes, the prices are what the buyer will pay only if every bidder compared is liable at one rate
    "#]].assert_eq(&unstated(&s, Lang::En));
    // Recorded once checked: the point is settled, the report says how.
    let mut checked = s.clone();
    checked.procedure.vat_review =
        "Les quatre soumissionnaires sont assujettis au taux de 20 % (attestations du 12/10/2026)".into();
    assert_eq!(unstated(&checked, Lang::Fr), "");
    let a = jauge_analysis::Analysis::new(&checked, "s", "", jauge_analysis::Annex::AgreedMarksOnly).expect("valid");
    let text = jauge_analysis::html(&a, Lang::Fr);
    assert!(text.contains("Vérification du régime de TVA : Les quatre soumissionnaires sont assujettis au taux de 20 % (attestations du 12/10/2026)."), "{text}");
    let a = jauge_analysis::Analysis::new(&s, "s", "", jauge_analysis::Annex::AgreedMarksOnly).expect("valid");
    let text = jauge_analysis::html(&a, Lang::Fr);
    assert!(text.contains("Vérification du régime de TVA : à consigner."), "{text}");
    // Statuses that differ are not settled by a statement: the prices must be compared otherwise.
    let mut differ = session(&[("a.json", ""), ("b.json", ""), ("c.json", ""), ("d.json", ""), ("e.json", "")]);
    differ.procedure.vat_review = "Vérifié".into();
    assert_ne!(points(&differ, Lang::Fr), "");
    let stated = session(&[("a.json", ""), ("e.json", "75 000 € HT, TVA 20 %")]);
    assert_eq!(unstated(&stated, Lang::Fr), "");
    let alone = session(&[("d.json", "130 000 € HT")]);
    assert_eq!(unstated(&alone, Lang::Fr), "");
}
