//! A member opening catalogues: pinning, the committed fixtures (signed, tampered), addresses,
//! the newer-version rule.

use expect_test::expect;

use super::member::*;
use super::*;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/catalogue");

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{path}")).expect("fixture")
}

fn reason<T: std::fmt::Debug>(r: Result<T, Refusal>) -> String {
    match r {
        Ok(v) => format!("accepted: {v:?}"),
        Err(e) => format!("{} | {}", e.describe(Lang::Fr), e.describe(Lang::En)),
    }
}

#[test]
fn the_first_opening_asks_to_pin_then_the_pinned_key_verifies() {
    let (catalogue, signature) = (fixture("signe/catalogue.json"), fixture("signe/catalogue.json.minisig"));
    let opened = open(catalogue.as_bytes(), Some(&signature), &[]).expect("opened");
    assert_eq!(
        opened,
        Opening::Unpinned { publisher: "GIP Mutualisation Exemple".into(), key_id: "26EB2E1FDC1DA597".into() }
    );
    let (pin, signed) = pin(catalogue.as_bytes(), &signature, &fixture("signe/structure.pub")).expect("pinned");
    assert_eq!((pin.publisher.as_str(), pin.key_id.as_str()), ("GIP Mutualisation Exemple", "26EB2E1FDC1DA597"));
    assert_eq!(signed.trusted_comment, "Catalogue de test de Jauge, 2026-11-30");
    let pins = pinned(&[], pin.clone());
    let Ok(Opening::Verified(again)) = open(catalogue.as_bytes(), Some(&signature), &pins) else {
        panic!("the pinned key verifies the catalogue")
    };
    assert_eq!(again, signed);
    // Pinning the same key again replaces it.
    assert_eq!(pinned(&pins, pin), pins);
}

#[test]
fn a_key_pinned_for_another_publisher_does_not_vouch_for_this_one() {
    let (catalogue, signature) = (fixture("signe/catalogue.json"), fixture("signe/catalogue.json.minisig"));
    // The very key that signed the catalogue, pinned under another structure's name.
    let (mut other, _) = pin(catalogue.as_bytes(), &signature, &fixture("signe/structure.pub")).expect("pinned");
    other.publisher = "Autre structure".into();
    assert_eq!(
        open(catalogue.as_bytes(), Some(&signature), &[other]).expect("opened"),
        Opening::Unpinned { publisher: "GIP Mutualisation Exemple".into(), key_id: "26EB2E1FDC1DA597".into() }
    );
}

#[test]
fn unsigned_tampered_and_foreign_catalogues_are_refused() {
    let catalogue = fixture("signe/catalogue.json");
    let signature = fixture("signe/catalogue.json.minisig");
    let (pin, _) = pin(catalogue.as_bytes(), &signature, &fixture("signe/structure.pub")).expect("pinned");
    let pins = [pin];
    let tampered = fixture("altere/catalogue.json");
    let foreign = {
        let keys = sign::keygen(None).expect("keys");
        sign::sign(catalogue.as_bytes(), &keys.secret, None, None).expect("signed")
    };
    let other_key = sign::keygen(None).expect("keys").public;
    let found = [
        reason(open(catalogue.as_bytes(), None, &pins)),
        reason(open(catalogue.as_bytes(), Some("  "), &pins)),
        reason(open(tampered.as_bytes(), Some(&signature), &pins)),
        reason(open(catalogue.as_bytes(), Some("pas une signature"), &pins)),
        reason(open(b"{", Some(&signature), &pins)),
        // Signed by another key than the one pinned for this publisher: found by the publisher
        // it claims, refused.
        reason(open(catalogue.as_bytes(), Some(&foreign), &pins).map(|_| ()))
            .replace(&signer(&foreign).unwrap_or_default(), "XXXX"),
        // Pinning a key that does not verify the catalogue.
        reason(super::member::pin(catalogue.as_bytes(), &signature, &other_key).map(|_| ()))
            .replace(&PublicKey::parse(&other_key).map(|k| k.id().to_string()).unwrap_or_default(), "YYYY"),
        reason(super::member::pin(catalogue.as_bytes(), &signature, "RWQ=").map(|_| ())),
    ];
    expect![[r#"
        le catalogue n'est pas signé : le fichier de signature catalogue.json.minisig est absent | the catalogue is not signed: the signature file catalogue.json.minisig is missing
        le catalogue n'est pas signé : le fichier de signature catalogue.json.minisig est absent | the catalogue is not signed: the signature file catalogue.json.minisig is missing
        la signature ne correspond pas au catalogue : il a été modifié après avoir été signé | the signature does not match the catalogue: it was changed after being signed
        la signature n'est pas une signature minisign lisible | the signature is not a readable minisign signature
        le catalogue n'est pas un fichier jauge-catalogue/1 lisible : ligne 1, colonne 1 | the catalogue is not a readable jauge-catalogue/1 file: line 1, column 1
        catalogue signé par une autre clé (XXXX) que celle de la structure (26EB2E1FDC1DA597) : il ne vient pas d'elle | catalogue signed by another key (XXXX) than the structure's (26EB2E1FDC1DA597): it does not come from it
        catalogue signé par une autre clé (26EB2E1FDC1DA597) que celle de la structure (YYYY) : il ne vient pas d'elle | catalogue signed by another key (26EB2E1FDC1DA597) than the structure's (YYYY): it does not come from it
        la clé publique n'est pas une clé minisign (Ed25519) | the public key is not a minisign (Ed25519) key"#]]
    .assert_eq(&found.join("\n"));
}

#[test]
fn the_fixtures_grids_match_or_are_refused() {
    let signed = read(fixture("signe/catalogue.json").as_bytes()).expect("catalogue");
    let checked = |dir: &str| {
        check_grids(&signed, |file| std::fs::read_to_string(format!("{FIXTURES}/{dir}/{file}")).ok())
            .into_iter()
            .map(|c| format!("{} {}: {}", c.id, c.version, reason(c.outcome)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    expect![[r#"
        hebergement 2.0.0: accepted: ()
        numerique-responsable 2.0.0: accepted: ()"#]]
    .assert_eq(&checked("signe"));
    expect![[r#"
        hebergement 2.0.0: grilles/hebergement.json : empreinte 84053c12f106b152… au lieu de e80121cd5c176643… inscrite au catalogue : la grille a été modifiée après publication | grilles/hebergement.json: fingerprint 84053c12f106b152… instead of e80121cd5c176643… recorded in the catalogue: the grid was changed after publication
        numerique-responsable 2.0.0: accepted: ()"#]]
    .assert_eq(&checked("grille-alteree"));
}

#[test]
fn grid_files_are_found_beside_the_catalogue() {
    let cases = [
        ("https://gip.example/grilles/catalogue.json", "v1/a.json"),
        ("https://gip.example/catalogue.json?v=2#top", "a.json"),
        ("https://gip.example/", "a.json"),
        ("catalogue.json", "a.json"),
    ];
    let found: Vec<String> = cases.iter().map(|(c, f)| address(c, f)).collect();
    assert_eq!(
        found,
        ["https://gip.example/grilles/v1/a.json", "https://gip.example/a.json", "https://gip.example/a.json", "a.json"]
    );
    assert_eq!((file_name("grilles/a.json"), file_name("a.json")), ("a.json", "a.json"));
}

#[test]
fn a_newer_published_version_is_the_highest_above_the_one_in_use() {
    let release = |version: &str, status: Status| Release {
        version: version.into(),
        status,
        file: format!("{version}.json"),
        fingerprint: String::new(),
        license: None,
        date: None,
        parent: None,
        notes: None,
    };
    let entry =
        |id: &str, versions: Vec<Release>| Entry { id: id.into(), title: jauge_engine::Text::default(), versions };
    let catalogue = Catalogue {
        format: FORMAT.into(),
        publisher: "GIP".into(),
        grids: vec![
            entry(
                "a",
                vec![
                    release("1.0.0", Status::Published),
                    release("1.2.0", Status::Published),
                    release("1.10.0", Status::Published),
                    release("2.0.0-draft", Status::Draft),
                    release("3.0.0", Status::Withdrawn),
                ],
            ),
            entry("b", vec![release("9.0.0", Status::Published)]),
        ],
    };
    let newest = |id: &str, v: &str| newer(&catalogue, id, v).map(|r| r.version.clone());
    // Semantic order (1.10 after 1.2), published only, same id only.
    assert_eq!(newest("a", "1.0.0").as_deref(), Some("1.10.0"));
    assert_eq!(newest("a", "1.10.0"), None, "drafts and withdrawn versions are not offered");
    assert_eq!(newest("a", "1.10.0-rc.1").as_deref(), Some("1.10.0"));
    assert_eq!(newest("b", "1.0.0").as_deref(), Some("9.0.0"));
    assert_eq!(newest("c", "1.0.0"), None);
    assert_eq!(newest("a", "pas une version"), None);
}
