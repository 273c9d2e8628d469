//! Variants: an offer of its own, linked to its bidder's base offer; irregular when the tender
//! documents allow none, or when they require a base offer and the bidder sent none.

use jauge_engine::offer::{Found, base_of, find, labels, same_bidder};
use jauge_engine::{CheckedGrid, Offer, Status, evaluate};
use serde_json::json;

use crate::{read, root};

fn grid(variants: serde_json::Value) -> CheckedGrid {
    let mut grid: serde_json::Value =
        serde_json::from_str(&read(&root().join("criteria/hebergement.json"))).expect("grid");
    if !variants.is_null() {
        grid["variants"] = variants;
    }
    CheckedGrid::from_json(&grid.to_string()).expect("valid")
}

/// Offer `a.json` of the hosting case, as `name`, from `supplier`, as the variant `variant`.
fn offer(name: &str, supplier: &str, variant: Option<&str>, price: &str) -> Offer {
    let mut file: serde_json::Value =
        serde_json::from_str(&read(&root().join("tests/cases/hebergement/offers/a.json"))).expect("offer");
    file["supplier"] = json!({"name": supplier});
    file["answers"]["PRIX"] = json!(price);
    // The evaluators' mark on the manual criterion, as a session holds it.
    file["marks"] = json!({"SEC-04": {"mark": 8, "appraisal": "Plan de migration détaillé."}});
    if let Some(v) = variant {
        file["variant"] = json!(v);
    }
    Offer::from_json(name, &file.to_string()).expect("an offer")
}

fn status(report: &jauge_engine::Report, name: &str) -> (Status, Vec<String>) {
    let o = report.offers.iter().find(|o| o.source == name).expect("evaluated");
    (o.status, o.reasons.iter().map(|r| r.code.clone()).collect())
}

#[test]
fn a_variant_is_irregular_when_the_tender_documents_allow_none() {
    let offers = [
        offer("base.json", "Breizh", None, "60 000 € HT"),
        offer("v.json", "Breizh", Some("mutualisé"), "50 000 € HT"),
    ];
    // The grid does not say: evaluated, with a warning to check the tender documents.
    let silent = evaluate(&grid(serde_json::Value::Null), &offers);
    assert_eq!(status(&silent, "v.json").0, Status::Ranked);
    let v = silent.offers.iter().find(|o| o.source == "v.json").expect("variant");
    assert!(v.notes.iter().any(|n| n.code == "variants_unannounced"));
    let report = evaluate(&grid(json!({"allowed": false})), &offers);
    assert_eq!(status(&report, "v.json"), (Status::Irregular, vec!["variant_not_allowed".into()]));
    assert_eq!(status(&report, "base.json").0, Status::Ranked);
    // Its price is not compared: the base offer alone has the lowest price.
    assert_eq!(report.price[0].count, 1);
}

#[test]
fn a_variant_is_ranked_as_an_offer_of_its_own_beside_its_base_offer() {
    let offers = [
        offer("base.json", "Hébergeur Breizh SAS", None, "60 000 € HT"),
        offer("v.json", "HEBERGEUR BREIZH, SAS", Some("mutualisé"), "50 000 € HT"),
        offer("seule.json", "Armor Cloud", Some("souverain"), "55 000 € HT"),
    ];
    // Allowed, base offer not required: every one is ranked.
    let report = evaluate(&grid(json!({})), &offers);
    assert!(["base.json", "v.json", "seule.json"].iter().all(|n| status(&report, n).0 == Status::Ranked));
    let v = report.offers.iter().find(|o| o.source == "v.json").expect("variant");
    assert_eq!(v.bidder(jauge_engine::Lang::Fr), "HEBERGEUR BREIZH, SAS — variante « mutualisé »");
    // Required: the variant without a base offer is irregular; the one with its base is ranked.
    let report = evaluate(&grid(json!({"base_required": true})), &offers);
    assert_eq!(status(&report, "seule.json"), (Status::Irregular, vec!["variant_without_base".into()]));
    assert_eq!(status(&report, "v.json").0, Status::Ranked);
    assert_eq!(base_of(&offers, &offers[1]).map(|o| o.source.as_str()), Some("base.json"));
    assert!(base_of(&offers, &offers[0]).is_none(), "a base offer has no base");
    // A base offer and its variant are not two offers of one bidder to choose between; two
    // files of the same variant are.
    assert!(same_bidder(&offers).is_empty());
    let again = offer("v-bis.json", "Hébergeur Breizh SAS", Some("Mutualisé"), "49 000 € HT");
    let with: Vec<Offer> = offers.iter().cloned().chain([again]).collect();
    let groups: Vec<Vec<&str>> =
        same_bidder(&with).iter().map(|g| g.iter().map(|o| o.source.as_str()).collect()).collect();
    assert_eq!(groups, [["v.json", "v-bis.json"]]);
    // People designate a variant as the app and the report name it.
    for (id, label) in labels(&offers) {
        assert_eq!(find(&offers, &label), Found::One(id.clone()), "{label}");
    }
    assert_eq!(labels(&offers)[&offers[1].id], "v.json [variante mutualisé]");
    // In English, worded so, and designating the same offer.
    let english = jauge_engine::offer::labels_in(&offers, jauge_engine::Lang::En);
    assert_eq!(english[&offers[1].id], "v.json [variant mutualisé]");
    assert_eq!(find(&offers, &english[&offers[1].id]), Found::One(offers[1].id.clone()));
}

#[test]
fn a_variant_s_name_is_part_of_what_was_read() {
    let base = offer("o.json", "Breizh", None, "60 000 € HT");
    let mut edited = offer("o.json", "Breizh", Some("mutualisé"), "60 000 € HT");
    assert_ne!(base.content_fingerprint(), edited.content_fingerprint());
    // An offer read before variants existed keeps its fingerprint.
    edited.variant = None;
    assert_eq!(base.content_fingerprint(), edited.content_fingerprint());
}

#[test]
fn a_follow_on_contract_admits_the_framework_agreement_s_holders_only() {
    let mut value: serde_json::Value =
        serde_json::from_str(&read(&root().join("criteria/hebergement.json"))).expect("grid");
    value["format"] = json!("jauge-grid/2");
    value["follow_on"] = json!({
        "framework": "GIPNA-2027-03 lot 1",
        "grid": {"id": "accord-cadre-hebergement-tma", "version": "1.0.0", "fingerprint": "b".repeat(64)},
        "holders": [{"name": "Armor Cloud"}, {"name": "Breizh Hosting", "siret": "51203400100010"}]
    });
    let grid = CheckedGrid::from_json(&value.to_string()).expect("valid");
    let mut by_siret = offer("breizh.json", "Breizh Hosting SAS (agence de Brest)", None, "60 000 € HT");
    by_siret.supplier.siret = Some("51203400100028".into());
    let offers = [
        offer("armor.json", "ARMOR CLOUD", None, "61 000 € HT"),
        by_siret,
        offer("autre.json", "Dinan Infogérance", None, "50 000 € HT"),
    ];
    let report = evaluate(&grid, &offers);
    assert_eq!(status(&report, "armor.json").0, Status::Ranked, "a holder by its name");
    assert_eq!(status(&report, "breizh.json").0, Status::Ranked, "a holder by its SIREN, another establishment");
    assert_eq!(status(&report, "autre.json"), (Status::Irregular, vec!["not_a_holder".into()]));
    // Its price is not compared with the holders'.
    assert_eq!(report.price[0].count, 2);
    // A follow-on contract names at least one holder.
    value["follow_on"]["holders"] = json!([]);
    let Err(jauge_engine::Error::InvalidGrid { problems }) = CheckedGrid::from_json(&value.to_string()) else {
        panic!("refused")
    };
    assert_eq!(problems.iter().map(|p| p.code.as_str()).collect::<Vec<_>>(), ["follow_on_holders"]);
}
