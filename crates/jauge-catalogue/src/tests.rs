//! Building, signing and verifying catalogues; each tampering refused with its reason.

use expect_test::{Expect, expect};

use super::*;

const HOSTING: &str = include_str!("../../../criteria/hebergement.json");

/// The hosting grid at another version, with one weight moved from its first criterion to its
/// second (marks can change).
fn reweighted(version: &str) -> String {
    let mut grid: jauge_engine::Grid = serde_json::from_str(HOSTING).expect("grid");
    grid.version = version.to_string();
    let mut criteria = grid.families.iter_mut().flat_map(|f| f.criteria.iter_mut());
    if let (Some(a), Some(b)) = (criteria.next(), criteria.next()) {
        a.weight -= 1.0;
        b.weight += 1.0;
    }
    serde_json::to_string_pretty(&grid).expect("serialises")
}

fn sources(files: &[(&str, String)]) -> Vec<Source> {
    files.iter().map(|(f, t)| Source { file: f.to_string(), text: t.clone() }).collect()
}

fn options() -> Options {
    Options { publisher: Some("Centrale d'achat".into()), ..Options::default() }
}

fn refused(result: Result<Built, Vec<Refusal>>, expected: Expect) {
    let refusals = result.expect_err("refused");
    let text: Vec<String> =
        refusals.iter().map(|r| format!("{} | {}", r.describe(Lang::Fr), r.describe(Lang::En))).collect();
    expected.assert_eq(&text.join("\n"));
}

fn version(grid: &str) -> String {
    let g: jauge_engine::Grid = serde_json::from_str(grid).expect("grid");
    g.version
}

#[test]
fn builds_from_grids_with_status_notes_and_notices() {
    let v1 = version(HOSTING);
    let built = build(
        &sources(&[
            ("hebergement.json", HOSTING.to_string()),
            ("v2/hebergement.json", reweighted("2.0.1")),
            ("v3/hebergement.json", reweighted("3.0.0-draft")),
        ]),
        &options(),
    )
    .expect("built");
    let c = &built.catalogue;
    assert_eq!(c.format, FORMAT);
    let versions: Vec<(&str, Status)> = c.releases().map(|(_, r)| (r.version.as_str(), r.status)).collect();
    assert_eq!(
        versions,
        [(v1.as_str(), Status::Published), ("2.0.1", Status::Published), ("3.0.0-draft", Status::Draft)]
    );
    let notes: Vec<String> =
        c.releases().map(|(_, r)| r.notes.as_ref().map(|n| n.fr.clone()).unwrap_or_default()).collect();
    expect![[r#"
        [
            "",
            "Depuis la version 2.0.0 : 2 poids modifiés ; 2 critères dont les notes peuvent changer.",
            "Depuis la version 2.0.1 : aucune modification.",
        ]
    "#]]
    .assert_debug_eq(&notes);
    // A weight change published as a patch: noticed, with the number it should have had.
    let notices: Vec<String> = built.notices.iter().map(|n| n.describe(Lang::En)).collect();
    expect![[r#"
        [
            "hebergement 2.0.1: since 2.0.0, the changes call for a new version of kind major (marks can change); suggested number 3.0.0",
        ]
    "#]]
    .assert_debug_eq(&notices);
    // Rebuilt, the catalogue is the same; a version withdrawn says so.
    let again = build(
        &sources(&[("hebergement.json", HOSTING.to_string()), ("v2/hebergement.json", reweighted("2.0.1"))]),
        &Options { publisher: None, previous: Some(c.clone()), withdraw: vec!["hebergement@2.0.1".into()] },
    )
    .expect("rebuilt");
    assert_eq!(again.catalogue.publisher, c.publisher);
    assert_eq!(again.catalogue.release("hebergement", "2.0.1").map(|r| r.status), Some(Status::Withdrawn));
    // The draft 3.0.0-draft left the folder: nothing to say; a published version would be noticed.
    assert!(again.notices.iter().all(|n| !matches!(n, Notice::Dropped { .. })), "{:?}", again.notices);
    let dropped = build(
        &sources(&[("hebergement.json", HOSTING.to_string())]),
        &Options { publisher: None, previous: Some(c.clone()), withdraw: Vec::new() },
    )
    .expect("rebuilt");
    let words: Vec<String> = dropped.notices.iter().map(|n| n.describe(Lang::Fr)).collect();
    expect![[r#"
        [
            "hebergement 2.0.1 (publiée) n'est plus dans le dossier : enlevée du catalogue, les membres qui l'utilisent ne peuvent plus la vérifier ; gardez le fichier et marquez-la retirée (--withdraw) plutôt",
        ]
    "#]]
    .assert_debug_eq(&words);
    // The file reads back as it was written.
    assert_eq!(read(c.to_json().as_bytes()).as_ref(), Ok(c));
}

#[test]
fn building_refuses_every_problem_at_once() {
    let mut previous = build(&sources(&[("a.json", reweighted("2.0.1"))]), &options()).expect("built").catalogue;
    // The published 1.0.1 is now another file.
    let changed = reweighted("2.0.1").replace("Licence Ouverte 2.0", "CC-BY 4.0");
    previous.publisher = String::new();
    refused(
        build(
            &sources(&[
                ("a.json", changed),
                ("b.json", HOSTING.to_string()),
                ("c.json", HOSTING.to_string()),
                ("../d.json", HOSTING.to_string()),
                ("e.json", "{\"format\": \"jauge-grid/1\"}".to_string()),
            ]),
            &Options { publisher: None, previous: Some(previous), withdraw: vec!["hebergement@9.9.9".into()] },
        ),
        expect![[r#"
            éditeur du catalogue inconnu : donnez --publisher (la structure qui publie) | unknown catalogue publisher: give --publisher (the structure publishing)
            l'adresse « ../d.json » sort du dossier du catalogue : attendu un chemin relatif, sans « .. » | the address "../d.json" leaves the catalogue's folder: expected a relative path, without ".."
            hebergement 2.0.0 figure deux fois : b.json et c.json | hebergement 2.0.0 appears twice: b.json and c.json
            e.json : grille illisible (ligne 1, colonne 26) : champ « id » manquant | e.json: unreadable grid (line 1, column 26): field "id" missing
            hebergement 2.0.1 a été publiée avec l'empreinte 7a1593aa9a4d7d17… ; le fichier a maintenant l'empreinte 51df8d29f50cc34b… : une version publiée ne change plus, publiez une nouvelle version | hebergement 2.0.1 was published with fingerprint 7a1593aa9a4d7d17…; the file now has fingerprint 51df8d29f50cc34b…: a published version does not change, publish a new version
            « hebergement@9.9.9 » : aucune grille de ce numéro de version dans le dossier (attendu id@version) | "hebergement@9.9.9": no grid with this version in the folder (expected id@version)"#]],
    );
}

/// A catalogue of the hosting grid, signed with a new key: (catalogue bytes, signature, public key).
fn signed() -> (Vec<u8>, String, PublicKey, sign::Keys) {
    let built = build(&sources(&[("grilles/hebergement.json", HOSTING.to_string())]), &options()).expect("built");
    let bytes = built.catalogue.to_json().into_bytes();
    let keys = sign::keygen(None).expect("keys");
    let signature = sign::sign(&bytes, &keys.secret, None, Some("file:catalogue.json")).expect("signed");
    let key = PublicKey::parse(&keys.public).expect("public key");
    (bytes, signature, key, keys)
}

fn reason(r: Result<impl std::fmt::Debug, Refusal>) -> String {
    match r {
        Ok(v) => format!("accepted: {v:?}"),
        Err(e) => format!("{} | {}", e.describe(Lang::Fr), e.describe(Lang::En)),
    }
}

#[test]
fn a_signed_catalogue_verifies_and_its_grids_match() {
    let (bytes, signature, key, keys) = signed();
    assert_eq!(key.id(), keys.id);
    assert_eq!(key.id().len(), 16);
    let verified = verify(&bytes, &signature, &key).expect("verified");
    assert_eq!(verified.key_id, key.id());
    assert_eq!(verified.trusted_comment, "file:catalogue.json");
    let (entry, release) = verified.catalogue.releases().next().expect("one release");
    let grid = check_grid(&entry.id, release, HOSTING).expect("the grid matches");
    assert_eq!(grid.fingerprint(), release.fingerprint);
    // The bare base64 line is a public key too.
    let line = keys.public.lines().nth(1).unwrap_or_default();
    assert!(verify(&bytes, &signature, &PublicKey::parse(line).expect("key")).is_ok());
}

#[test]
fn a_tampered_catalogue_is_refused_with_its_reason() {
    let (bytes, signature, key, _) = signed();
    // One character of the catalogue changed after signing.
    let tampered = String::from_utf8(bytes.clone()).expect("utf-8").replace("Centrale", "Centrals").into_bytes();
    expect![[r#"la signature ne correspond pas au catalogue : il a été modifié après avoir été signé | the signature does not match the catalogue: it was changed after being signed"#]]
        .assert_eq(&reason(verify(&tampered, &signature, &key)));
    // Signed by another key than the one pinned.
    let (_, _, other, _) = signed();
    let r = verify(&bytes, &signature, &other);
    assert!(
        matches!(&r, Err(Refusal::OtherKey { expected, found }) if *expected == other.id() && *found == key.id()),
        "{r:?}"
    );
    // A signature that is not one, a key that is not one.
    expect![[
        r#"la signature n'est pas une signature minisign lisible | the signature is not a readable minisign signature"#
    ]]
    .assert_eq(&reason(verify(&bytes, "untrusted comment: x\nAAAA\n", &key)));
    expect![[
        r#"la clé publique n'est pas une clé minisign (Ed25519) | the public key is not a minisign (Ed25519) key"#
    ]]
    .assert_eq(&reason(PublicKey::parse("RWQ not a key")));
    // The trusted comment is signed too.
    let forged = signature.replace("file:catalogue.json", "file:autre.json");
    assert_eq!(verify(&bytes, &forged, &key).err(), Some(Refusal::BadSignature));
}

#[test]
fn a_tampered_grid_is_refused_with_its_reason() {
    let (bytes, signature, key, _) = signed();
    let verified = verify(&bytes, &signature, &key).expect("verified");
    let (entry, release) = verified.catalogue.releases().next().expect("one release");
    // A weight moved: the fingerprint differs.
    let changed = reweighted(&release.version);
    let r = check_grid(&entry.id, release, &changed);
    assert!(
        matches!(&r, Err(Refusal::Fingerprint { file, expected, .. }) if file == "grilles/hebergement.json" && *expected == release.fingerprint),
        "{r:?}"
    );
    let text = reason(r);
    assert!(text.contains("la grille a été modifiée après publication"), "{text}");
    assert!(text.contains("the grid was changed after publication"), "{text}");
    // Layout only (indentation, key order): the same canonical form, accepted.
    let value: serde_json::Value = serde_json::from_str(HOSTING).expect("json");
    let compact = serde_json::to_string(&value).expect("json");
    assert!(check_grid(&entry.id, release, &compact).is_ok());
    // Not a grid.
    expect!["grilles/hebergement.json : grille illisible (ligne 1, colonne 1) : le fichier s'arrête avant sa fin (tronqué ?) | grilles/hebergement.json: unreadable grid (line 1, column 1): the file stops before its end (cut short?)"]
        .assert_eq(&reason(check_grid(&entry.id, release, "{")));
}

#[test]
fn catalogue_files_are_read_strictly() {
    expect![[r#"format « jauge-grid/1 » inconnu : un catalogue est au format jauge-catalogue/1 | unknown format "jauge-grid/1": a catalogue is in the jauge-catalogue/1 format"#]]
        .assert_eq(&reason(read(HOSTING.as_bytes())));
    expect!["le catalogue n'est pas un fichier jauge-catalogue/1 lisible : ligne 1, colonne 42 (grids) | the catalogue is not a readable jauge-catalogue/1 file: line 1, column 42 (grids)"]
        .assert_eq(&reason(read(br#"{"format": "jauge-catalogue/1", "grids": 3}"#)));
    let escape = r#"{"format": "jauge-catalogue/1", "publisher": "P", "grids": [{"id": "a", "title": {"fr": "A"},
        "versions": [{"version": "1.0.0", "status": "published", "file": "https://ailleurs.example/a.json",
        "fingerprint": "00"}]}]}"#;
    expect![[r#"l'adresse « https://ailleurs.example/a.json » sort du dossier du catalogue : attendu un chemin relatif, sans « .. » | the address "https://ailleurs.example/a.json" leaves the catalogue's folder: expected a relative path, without "..""#]]
        .assert_eq(&reason(read(escape.as_bytes())));
    for bad in ["", "/etc/passwd", "a/../../b.json", "a\\b.json", "./a.json", "a//b.json", "C:/a.json"] {
        assert!(safe_path(bad).is_err(), "{bad}");
    }
    assert!(safe_path("grilles/rgesn-1.0.0.json").is_ok());
}

#[test]
fn refusals_serialise_as_codes_and_data() {
    let r = Refusal::Fingerprint { file: "a.json".into(), expected: "e".into(), found: "f".into() };
    expect![[r#"{"code":"fingerprint","data":{"file":"a.json","expected":"e","found":"f"}}"#]]
        .assert_eq(&serde_json::to_string(&r).expect("json"));
}

#[test]
fn every_grid_is_checked_against_its_file() {
    let (bytes, signature, key, _) = signed();
    let catalogue = verify(&bytes, &signature, &key).expect("verified").catalogue;
    let found = check_grids(&catalogue, |file| (file == "grilles/hebergement.json").then(|| HOSTING.to_string()));
    assert_eq!(found.len(), 1);
    assert_eq!(found.first().map(|c| &c.outcome), Some(&Ok(())));
    let missing = check_grids(&catalogue, |_| None);
    assert_eq!(
        missing.first().map(|c| &c.outcome),
        Some(&Err(Refusal::MissingFile { file: "grilles/hebergement.json".into() }))
    );
}

#[test]
fn the_schema_is_current_and_followed() {
    let schema = schema();
    let text = serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n";
    expect_test::expect_file!["../../../criteria/schema/jauge-catalogue-1.schema.json"].assert_eq(&text);
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    // The catalogue the CLI's tests build.
    let sample: serde_json::Value =
        serde_json::from_str(include_str!("../../jauge-cli/tests/pooling/expected/catalogue.json")).expect("json");
    let errors: Vec<String> = validator.iter_errors(&sample).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let wrong = serde_json::json!({"format": FORMAT, "publisher": "P", "grids": [{"id": "a"}]});
    assert!(!validator.is_valid(&wrong));
}

#[test]
fn a_signature_made_by_the_minisign_tool_is_understood() {
    // The test vector of minisign-verify's documentation: the minisign tool's signature of the
    // four bytes `test`, trusted comment included.
    let key = PublicKey::parse("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3").expect("key");
    let signature = "untrusted comment: signature from minisign secret key\n\
        RUQf6LRCGA9i559r3g7V1qNyJDApGip8MfqcadIgT9CuhV3EMhHoN1mGTkUidF/z7SrlQgXdy8ofjb7bNJJylDOocrCo8KLzZwo=\n\
        trusted comment: timestamp:1633700835\tfile:test\tprehashed\n\
        wLMDjy9FLAuxZ3q4NlEvkgtyhrr0gtTu6KC4KBJdITbbOeAi1zBIYo0v4iTgt8jJpIidRJnp94ABQkJAgAooBQ==\n";
    // The signature holds (then `test` is refused as a catalogue: it is not one).
    assert!(matches!(verify(b"test", signature, &key), Err(Refusal::Syntax { .. })));
    assert_eq!(verify(b"Test", signature, &key).err(), Some(Refusal::BadSignature));
    assert_eq!(key.id(), "E7620F1842B4E81F");
}

#[test]
fn a_local_adaptation_is_summarised_against_its_parent() {
    let adaptation = include_str!("../../jauge-cli/tests/pooling/hebergement-ville.json");
    let built = build(
        &sources(&[
            ("hebergement.json", HOSTING.to_string()),
            ("ville/hebergement-ville.json", adaptation.to_string()),
        ]),
        &options(),
    )
    .expect("built");
    let release = built.catalogue.release("hebergement-ville", "1.0.0").expect("listed");
    assert_eq!(release.parent.as_ref().map(|p| p.id.as_str()), Some("hebergement"));
    expect![""].assert_eq(release.notes.as_ref().map(|n| n.get(Lang::En)).unwrap_or_default());
    // An adaptation numbers its own versions: no notice against its parent's number.
    assert!(built.notices.is_empty(), "{:?}", built.notices);
}

proptest::proptest! {
    /// Whatever bytes arrive as a catalogue, a signature or a key, nothing panics: a typed refusal.
    #[test]
    fn hostile_input_is_refused_never_a_panic(
        bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400),
        text in "\\PC{0,200}",
    ) {
        let _ = read(&bytes);
        let _ = PublicKey::parse(&text);
        let _ = safe_path(&text);
        let key = PublicKey::parse("RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3").expect("key");
        let signature = format!("untrusted comment: x\n{text}\ntrusted comment: y\n{text}\n");
        proptest::prop_assert!(verify(&bytes, &signature, &key).is_err());
        let release = Release {
            version: "1.0.0".into(),
            status: Status::Published,
            file: "a.json".into(),
            fingerprint: String::new(),
            license: None,
            date: None,
            parent: None,
            notes: None,
        };
        proptest::prop_assert!(check_grid("a", &release, &text).is_err());
    }
}

#[test]
fn signing_stays_out_of_what_the_app_builds() {
    // The app verifies only: minisign (scrypt, getrandom, a password prompt) must stay optional.
    let manifest = include_str!("../Cargo.toml");
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap_or_default();
    let dependencies = dependencies.split("\n[").next().unwrap_or_default();
    let minisign: Vec<&str> = dependencies.lines().filter(|l| l.starts_with("minisign ")).collect();
    assert_eq!(minisign, ["minisign = { workspace = true, optional = true }"]);
    assert!(manifest.contains("sign = [\"dep:minisign\"]"));
    assert!(!manifest.contains("default = "), "no default feature: the app gets verification only");
}

#[test]
fn secret_keys_are_recognised_by_their_content() {
    let plain = sign::keygen(None).expect("keys");
    assert!(is_secret_key(&plain.secret));
    assert!(!is_secret_key(&plain.public), "a public key is not secret");
    let (_, signature, _, _) = signed();
    assert!(!is_secret_key(&signature));
    assert!(!is_secret_key(HOSTING));
    assert!(!is_secret_key(""));
}
