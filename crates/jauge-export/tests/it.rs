//! The exports of the sample tender: goldens, validation against the official schemas (the eForms
//! XSDs through xmllint, the code lists, OCDS and DECP through JSON Schema), and the archive's
//! tamper checks.

#![allow(clippy::unwrap_used)]

use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use expect_test::expect_file;
use jauge_analysis::{Analysis, Annex};
use jauge_engine::Lang;
use jauge_engine::session::Session;
use jauge_export::archive::{self, File, Problem, Role};
use jauge_export::{Standard, export};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn standards() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("standards")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const DATE: &str = "2026-11-22T10:00:00Z";

/// The sample committee session, without the publication fields.
fn bare_session() -> Session {
    let path = root().join("samples/portail-citoyen/commission/session.json");
    Session::from_json("session.json", &read(&path)).unwrap()
}

/// The sample session with the record's publication fields (`tests/exports/procedure.json`).
fn session() -> Session {
    with_publication_fields(bare_session())
}

/// A session with the record's publication fields (`tests/exports/procedure.json`) added.
fn with_publication_fields(mut s: Session) -> Session {
    let mut procedure = serde_json::to_value(&s.procedure).unwrap();
    let extra: Value = serde_json::from_str(&read(&root().join("tests/exports/procedure.json"))).unwrap();
    for (k, v) in extra.as_object().unwrap() {
        procedure[k] = v.clone();
    }
    s.procedure = serde_json::from_value(procedure).unwrap();
    s
}

fn analysis(s: &Session) -> Analysis {
    Analysis::new(s, "session.json", DATE, Annex::AgreedMarksOnly).unwrap()
}

#[test]
fn goldens_of_the_sample_tender() {
    let a = analysis(&session());
    let files = [
        (Standard::EformsCn, expect_file!["../../../tests/exports/portail-citoyen/eforms-cn.xml"]),
        (Standard::EformsCan, expect_file!["../../../tests/exports/portail-citoyen/eforms-can.xml"]),
        (Standard::Ocds, expect_file!["../../../tests/exports/portail-citoyen/ocds.json"]),
        (Standard::Decp, expect_file!["../../../tests/exports/portail-citoyen/decp.json"]),
    ];
    for (standard, golden) in files {
        let e = export(&a, standard, Lang::Fr);
        // Filled in, the record leaves only what the tool cannot know: amounts excluding VAT
        // derived at the grid's rate, the winner's SIRET whose control key fails (the sample's
        // trap), and the DECP's social and environmental criteria taken from the grid's tags,
        // each to check.
        assert!(e.missing.iter().all(|m| m.is_check()), "{}: {:?}", standard.code(), e.missing);
        let left: Vec<&jauge_export::Asked> = e.missing.iter().map(|m| &m.asked).collect();
        let checks = |a: &&jauge_export::Asked| {
            matches!(a, jauge_export::Asked::DerivedHt(r) if r == "20")
                || matches!(a, jauge_export::Asked::WinnerSiretInvalid(s) if s == "48151623400018")
                || matches!(a, jauge_export::Asked::FromTags { tag, criteria, .. }
                    if (tag == "social" || tag == "environment") && criteria.len() == 5)
        };
        assert!(
            left.iter().all(checks),
            "{}: nothing else missing with the record filled in: {left:?}",
            standard.code()
        );
        golden.assert_eq(&e.text);
    }
}

#[test]
fn what_the_session_alone_lacks_is_named() {
    let a = analysis(&bare_session());
    let mut out = String::new();
    for standard in Standard::ALL {
        for m in export(&a, standard, Lang::Fr).missing {
            out += &m.describe(Lang::Fr);
            out.push('\n');
        }
    }
    expect_file!["../../../tests/exports/portail-citoyen/missing.txt"].assert_eq(&out);
}

#[test]
fn no_winner_no_result_and_a_bad_value_is_named_not_used() {
    let mut s = session();
    // Ker Développement's mark withdrawn: the analysis is incomplete, no winner is proposed.
    for o in &mut s.offers {
        o.marks.clear();
    }
    s.procedure.ccag = "CCAG-TIC".into();
    s.procedure.cpv = "7200".into();
    let a = analysis(&s);
    let words: Vec<String> = [Standard::EformsCan, Standard::Decp]
        .into_iter()
        .flat_map(|st| export(&a, st, Lang::En).missing)
        .map(|m| m.describe(Lang::En))
        .collect();
    expect_test::expect![[r#"
        [
            "eForms contract award notice — BT-710, BT-711, BT-720: amounts excluding VAT derived from the prices including VAT at the grid's VAT rate (20%): to check for each bidder, one not liable to VAT having none to take off",
            "eForms contract award notice — BT-142 (LOT-0001): no proposed winner: the analysis is not complete",
            "essential data (DECP 2.0.3) — codeCPV: “7200” is not an allowed value; to fill in the procedure record (cpv)",
            "essential data (DECP 2.0.3) — ccag: “CCAG-TIC” is not an allowed value; to fill in the procedure record (ccag)",
            "essential data (DECP 2.0.3) — considerationsSociales: “Critère social” derived from the criteria the grid tags “social” (ACC-01, ACC-02, ACC-03, ACC-04 and ACC-05): to confirm before publication, or to replace in the record's publication data (considerationsSociales)",
            "essential data (DECP 2.0.3) — considerationsEnvironnementales: “Critère environnemental” derived from the criteria the grid tags “environment” (SOB-01, SOB-02, SOB-03, SOB-04 and SOB-05): to confirm before publication, or to replace in the record's publication data (considerationsEnvironnementales)",
            "essential data (DECP 2.0.3) — titulaires (LOT-0001): no proposed winner: the analysis is not complete",
        ]
    "#]]
    .assert_debug_eq(&words);
    let can = export(&a, Standard::EformsCan, Lang::En);
    assert!(!can.text.contains("LotResult"), "no result without a winner");
}

#[test]
fn bidder_text_is_escaped_in_xml() {
    let mut s = session();
    let mut grid: Value = serde_json::from_str(&s.grid).unwrap();
    grid["families"][0]["criteria"][0]["label"]["fr"] = Value::from("A <b>&</b> \u{1} ]]>");
    s.grid = grid.to_string();
    let a = analysis(&s);
    let text = export(&a, Standard::EformsCn, Lang::Fr).text;
    assert!(text.contains("A &lt;b&gt;&amp;&lt;/b&gt; \u{fffd} ]]&gt;"), "{}", &text[..600.min(text.len())]);
}

// ---- Validation against the official schemas ----

/// Runs xmllint on a notice with the XSD `root` (under `schemas/maindoc/`); `None` when xmllint
/// is not installed and the caller did not require it.
fn xmllint(notice: &str, root_xsd: &str, name: &str) -> Option<()> {
    let dir = std::env::temp_dir().join(format!("jauge-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(name);
    std::fs::write(&file, notice).unwrap();
    let xsd = standards().join("eforms/schemas/maindoc").join(root_xsd);
    let out = match Command::new("xmllint").arg("--noout").arg("--schema").arg(&xsd).arg(&file).output() {
        Ok(out) => out,
        Err(e) => {
            assert!(
                std::env::var_os("JAUGE_REQUIRE_XMLLINT").is_none(),
                "xmllint is required (JAUGE_REQUIRE_XMLLINT) but cannot run: {e}"
            );
            eprintln!(
                "\n*** SKIPPED: the eForms XSD validation needs xmllint (Debian libxml2-utils), not installed: {e} ***\n"
            );
            return None;
        }
    };
    assert!(out.status.success(), "{name} is not valid against {root_xsd}:\n{}", String::from_utf8_lossy(&out.stderr));
    Some(())
}

/// Every `listName="list">code<` of a block, checked against the list's `.gc` file.
fn codes_are_in_their_lists(xml: &str) -> usize {
    let mut checked = 0;
    for (i, _) in xml.match_indices("listName=\"") {
        let rest = &xml[i + 10..];
        let (list, rest) = rest.split_once('"').unwrap();
        let code = rest.trim_start_matches('>').split('<').next().unwrap();
        let gc = read(&standards().join(format!("eforms/codelists/{list}.gc")));
        let listed = gc.split("<Row>").skip(1).any(|row| {
            row.split("ColumnRef=\"code\">")
                .nth(1)
                .and_then(|v| v.split("<SimpleValue>").nth(1))
                .and_then(|v| v.split('<').next())
                == Some(code)
        });
        assert!(listed, "code {code} is not in the list {list}");
        checked += 1;
    }
    checked
}

#[test]
fn the_contract_notice_block_is_valid_in_the_sdk_example() {
    let a = analysis(&session());
    let blocks = jauge_export::eforms::award_criteria(&a, Lang::Fr);
    let block = blocks[0].xml();
    let example = read(&standards().join("eforms/examples/cn_24_minimal.xml"));
    // The block goes after the lot's execution requirements, as the XSD's sequence orders them.
    let at =
        example.rfind("</cac:ContractExecutionRequirement>").unwrap() + "</cac:ContractExecutionRequirement>".len();
    let notice = format!("{}\n{block}{}", &example[..at], &example[at..]);
    assert_eq!(codes_are_in_their_lists(&block), 2 * 30, "a type and a weight kind per criterion");
    xmllint(&notice, "UBL-ContractNotice-2.3.xsd", "cn.xml");
    // A block without weights (one unpublished) carries the method instead, still valid.
    let mut s = session();
    let mut grid: Value = serde_json::from_str(&s.grid).unwrap();
    grid["families"][0]["criteria"][0]["published"] = Value::from(false);
    s.grid = grid.to_string();
    let blocks = jauge_export::eforms::award_criteria(&analysis(&s), Lang::Fr);
    assert!(blocks[0].calculation.is_some());
    let notice = format!("{}\n{}{}", &example[..at], blocks[0].xml(), &example[at..]);
    xmllint(&notice, "UBL-ContractNotice-2.3.xsd", "cn-complex.xml");
}

#[test]
fn the_award_notice_block_is_valid_in_the_sdk_example() {
    let a = analysis(&session());
    let block = export(&a, Standard::EformsCan, Lang::Fr).text;
    let example = read(&standards().join("eforms/examples/can_24_minimal.xml"));
    let start = example.find("<efac:NoticeResult>").unwrap();
    let end = example.find("</efac:NoticeResult>").unwrap() + "</efac:NoticeResult>".len();
    let notice = format!("{}{}{}", &example[..start], block.trim_end(), &example[end..]);
    assert_eq!(codes_are_in_their_lists(&block), 1 + 3, "the winner chosen and three counts");
    xmllint(&notice, "UBL-ContractAwardNotice-2.3.xsd", "can.xml");
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn the_ocds_release_follows_the_release_schema_and_the_breakdown_extension() {
    let a = analysis(&session());
    let release: Value = serde_json::from_str(&export(&a, Standard::Ocds, Lang::Fr).text).unwrap();
    // The core schema, with the extension's definitions and the lots it breaks criteria down in.
    let mut schema = json(&standards().join("ocds/core/release-schema.json"));
    let extension = json(&standards().join("ocds/awardCriteriaBreakdown/release-schema.json"));
    for (name, def) in extension["definitions"].as_object().unwrap() {
        schema["definitions"][name] = def.clone();
    }
    schema["definitions"]["Lot"]["type"] = Value::from("object");
    schema["definitions"]["Tender"]["properties"]["lots"] =
        serde_json::json!({"type": "array", "items": {"$ref": "#/definitions/Lot"}});
    assert_eq!(errors(&schema, &release), Vec::<String>::new());
    // The bids extension's `statistic` code list (open-contracting-extensions/ocds_bid_extension,
    // codelists/statistic.csv): the measures used are among its codes.
    let measures = ["bids", "validBids", "tendersAbnormallyLow", "lowestValidBidValue", "highestValidBidValue"];
    for s in release["bids"]["statistics"].as_array().unwrap() {
        assert!(measures.contains(&s["measure"].as_str().unwrap()), "{s}");
    }
    // The core code list: the criteria are rated.
    let codes = read(&standards().join("ocds/core/awardCriteria.csv"));
    let code = release["tender"]["awardCriteria"].as_str().unwrap();
    assert!(codes.lines().any(|l| l.starts_with(&format!("{code},"))), "{code}");
    // A release that breaks the extension is caught (the test can fail).
    let mut wrong = release.clone();
    wrong["tender"]["lots"][0]["awardCriteria"]["criteria"][0]["numbers"][0]["weight"] = Value::from("heavy");
    assert!(!errors(&schema, &wrong).is_empty());
}

#[test]
fn the_decp_record_follows_the_decp_schema() {
    let a = analysis(&session());
    let decp: Value = serde_json::from_str(&export(&a, Standard::Decp, Lang::Fr).text).unwrap();
    let schema = json(&standards().join("decp/schema_decp_v2.0.3.json"));
    assert_eq!(errors(&schema, &decp), Vec::<String>::new());
    // The draft of the session alone lacks required fields: the schema says so too.
    let bare: Value = serde_json::from_str(&export(&analysis(&bare_session()), Standard::Decp, Lang::Fr).text).unwrap();
    assert!(!errors(&schema, &bare).is_empty());
}

// ---- The archive ----

fn offer_files() -> Vec<File> {
    let dir = root().join("samples/portail-citoyen");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("offre-") && n.ends_with(".json"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|n| File { path: format!("offres/{n}"), role: Role::Offer, bytes: std::fs::read(dir.join(&n)).unwrap() })
        .collect()
}

fn sample_bundle() -> (archive::Manifest, Vec<u8>) {
    let s = session();
    let a = analysis(&s);
    let mut files = vec![
        File { path: archive::SESSION.into(), role: Role::Session, bytes: s.to_json().into_bytes() },
        File { path: "grille.json".into(), role: Role::Grid, bytes: s.grid.clone().into_bytes() },
    ];
    files.extend(offer_files());
    // The report is left out: its fingerprint would change with every change of its layout, which
    // is not what this golden watches (the CLI's bundle holds it in every format).
    for st in Standard::ALL {
        let ext = if matches!(st, Standard::EformsCn | Standard::EformsCan) { "xml" } else { "json" };
        files.push(File {
            path: format!("exports/{}.{ext}", st.code()),
            role: Role::Export,
            bytes: export(&a, st, Lang::Fr).text.into_bytes(),
        });
    }
    archive::bundle(&s, DATE, &files).unwrap()
}

/// The bundle with its entries changed by `edit` (name, bytes) → `None` to drop one.
fn rewritten(bytes: &[u8], edit: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut content = Vec::new();
        f.read_to_end(&mut content).unwrap();
        if let Some(content) = edit(&name, content) {
            out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&content).unwrap();
        }
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn the_manifest_lists_every_file_with_its_fingerprint_and_the_retention() {
    let (manifest, bytes) = sample_bundle();
    let text = serde_json::to_string_pretty(&manifest).unwrap() + "\n";
    expect_file!["../../../tests/exports/portail-citoyen/manifest.json"].assert_eq(&text);
    let checked = archive::verify(&bytes);
    assert_eq!(checked.problems, []);
    assert_eq!(checked.intact, manifest.files.len());
}

#[test]
fn a_tampered_bundle_is_caught_with_the_file_named() {
    let (_, bytes) = sample_bundle();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "altered offer",
            rewritten(&bytes, |name, mut b| {
                if name == "offres/offre-nuage-global.json" {
                    b.extend_from_slice(b" ");
                }
                Some(b)
            }),
        ),
        ("missing file", rewritten(&bytes, |name, b| (name != "offres/offre-armor-numerique.json").then_some(b))),
        (
            "altered session",
            rewritten(&bytes, |name, b| {
                Some(if name == archive::SESSION {
                    String::from_utf8(b).unwrap().replace("Éco Portail Express", "Eco Portail Express").into_bytes()
                } else {
                    b
                })
            }),
        ),
        ("added file", rewritten(&bytes, |_, b| Some(b)).into_iter().collect::<Vec<u8>>()),
        ("not a zip", b"PK not really".to_vec()),
    ];
    let mut out = String::new();
    for (what, tampered) in cases {
        let tampered = if what == "added file" {
            let mut zip = zip::ZipWriter::new_append(Cursor::new(tampered)).unwrap();
            zip.start_file("offres/offre-en-plus.json", zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(b"{}").unwrap();
            zip.finish().unwrap().into_inner()
        } else {
            tampered
        };
        let checked = archive::verify(&tampered);
        assert!(!checked.problems.is_empty(), "{what}: caught");
        out += &format!("{what}:\n");
        for p in &checked.problems {
            out += &format!("  {}\n", p.describe(Lang::Fr));
        }
    }
    expect_test::expect![[r#"
        altered offer:
          offres/offre-nuage-global.json (offre telle que reçue) : modifié : son empreinte SHA-256 n'est plus celle du manifeste
          Nuage Global Ltd (offre-nuage-global.json) : aucun fichier de l'archive n'a l'empreinte de cette offre
        missing file:
          offres/offre-armor-numerique.json (offre telle que reçue) : absent de l'archive
          Armor Numérique SCOP (offre-armor-numerique.json) : aucun fichier de l'archive n'a l'empreinte de cette offre
        altered session:
          session.json (session) : modifié : son empreinte SHA-256 n'est plus celle du manifeste
        added file:
          offres/offre-en-plus.json : fichier ajouté, absent du manifeste
        not a zip:
          archive illisible : invalid Zip archive: Could not find EOCD
    "#]]
    .assert_eq(&out);
    assert!(matches!(archive::verify(b"").problems[0], Problem::NotAnArchive(_)));
}

#[test]
fn an_offer_rejected_as_abnormally_low_is_counted_as_its_own_type() {
    let mut s = session();
    let eco = s.offers.iter().find(|o| o.supplier.name == "Éco Portail Express").unwrap().id.clone();
    let d = s.decisions.iter_mut().find(|d| d.offer == eco).unwrap();
    d.outcome = jauge_engine::session::Outcome::Rejected;
    d.ground = Some(jauge_engine::session::RejectionGround::NotJustified);
    let a = analysis(&s);
    let o = &jauge_export::outcomes(&a)[0];
    assert_eq!((o.received, o.irregular, o.abnormally_low, o.ranked.len()), (6, 1, 1, 4));
    assert_eq!(
        o.winners.iter().filter_map(|w| o.ranked.get(*w)).map(|t| t.supplier.as_str()).collect::<Vec<_>>(),
        ["Ker Développement"]
    );
    let can = export(&a, Standard::EformsCan, Lang::Fr).text;
    assert!(can.contains("t-verif-inad-low</efbc:StatisticsCode>\n\t\t\t<efbc:StatisticsNumeric>1<"), "{can}");
    let decp: Value = serde_json::from_str(&export(&a, Standard::Decp, Lang::Fr).text).unwrap();
    assert_eq!(decp["marches"]["marche"][0]["offresRecues"], 6, "every offer received counts");
}

#[test]
fn a_bundle_zipped_again_with_folder_entries_is_still_intact() {
    let (_, bytes) = sample_bundle();
    let mut zip = zip::ZipWriter::new_append(Cursor::new(bytes)).unwrap();
    zip.add_directory("offres/", zip::write::SimpleFileOptions::default()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert_eq!(archive::verify(&bytes).problems, []);
}

#[test]
fn paths_in_a_zip_never_climb_out_of_it() {
    let files = [
        File { path: "../../etc/passwd".into(), role: Role::Letter, bytes: b"a".to_vec() },
        File { path: "/abs\\olu/te.html".into(), role: Role::Letter, bytes: b"b".to_vec() },
        File { path: "etc/passwd".into(), role: Role::Letter, bytes: b"c".to_vec() },
    ];
    let bytes = archive::zip(&files).unwrap();
    let zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    names.sort();
    assert_eq!(names, ["abs/olu/te.html", "etc/passwd"]);
}

#[test]
fn prices_are_given_excluding_vat_or_named_missing() {
    let a = analysis(&session());
    // The sample grid compares prices TTC at 20 %: 52 000 € TTC is 43 333,33 € HT.
    assert!(export(&a, Standard::EformsCan, Lang::Fr).text.contains(">43333.33</cbc:PayableAmount>"));
    let mut s = session();
    let mut grid: Value = serde_json::from_str(&s.grid).unwrap();
    grid.as_object_mut().unwrap().remove("vat_rate");
    s.grid = grid.to_string();
    let a = analysis(&s);
    let can = export(&a, Standard::EformsCan, Lang::Fr);
    assert!(!can.text.contains("PayableAmount") && !can.text.contains("LowerTenderAmount"));
    assert_eq!(can.missing.iter().map(|m| m.field.as_str()).collect::<Vec<_>>(), ["BT-710, BT-711, BT-720"]);
}

/// The tender in lots of `tests/cases/lots`: its grid and JSON offers, in a session.
fn lots_session() -> Session {
    let dir = root().join("tests/cases/lots");
    let mut s = Session::new(read(&dir.join("grid.json")));
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir.join("offers")).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        s.offers.push(jauge_engine::Offer::from_json(&name, &read(&path)).unwrap());
    }
    s
}

#[test]
fn a_tender_in_lots_gives_each_lot_its_criteria_and_its_result() {
    let a = analysis(&lots_session());
    let blocks = jauge_export::eforms::award_criteria(&a, Lang::Fr);
    type Weights = Vec<(String, Option<f64>)>;
    let summary: Vec<(String, Weights)> = blocks
        .iter()
        .map(|l| (l.lot.clone(), l.criteria.iter().map(|c| (c.name.clone(), c.weight)).collect()))
        .collect();
    expect_test::expect![[r#"
        [
            (
                "LOT-0001",
                [
                    (
                        "SEC-01 Localisation des données",
                        Some(
                            15.0,
                        ),
                    ),
                    (
                        "ENV-01 Plan de sobriété numérique",
                        Some(
                            10.0,
                        ),
                    ),
                    (
                        "HEB-02 Efficacité énergétique du centre de données (PUE)",
                        Some(
                            10.0,
                        ),
                    ),
                    (
                        "HEB-01 Disponibilité garantie",
                        Some(
                            25.0,
                        ),
                    ),
                    (
                        "PRIX-1 Prix de l'hébergement",
                        Some(
                            40.0,
                        ),
                    ),
                ],
            ),
            (
                "LOT-0002",
                [
                    (
                        "SEC-01 Localisation des données",
                        Some(
                            10.0,
                        ),
                    ),
                    (
                        "ENV-01 Plan de sobriété numérique",
                        Some(
                            10.0,
                        ),
                    ),
                    (
                        "TMA-01 Délai de correction d'une anomalie bloquante",
                        Some(
                            20.0,
                        ),
                    ),
                    (
                        "TMA-02 Code source remis à chaque version",
                        Some(
                            20.0,
                        ),
                    ),
                    (
                        "PRIX-2 Prix de la maintenance",
                        Some(
                            40.0,
                        ),
                    ),
                ],
            ),
        ]
    "#]]
    .assert_debug_eq(&summary);
    let outcomes: Vec<(String, usize, usize, Option<String>)> = jauge_export::outcomes(&a)
        .into_iter()
        .map(|o| {
            let winner = o.winners.first().and_then(|w| o.ranked.get(*w)).map(|t| t.supplier.clone());
            (o.lot, o.received, o.ranked.len(), winner)
        })
        .collect();
    expect_test::expect![[r#"
        [
            (
                "LOT-0001",
                3,
                3,
                None,
            ),
            (
                "LOT-0002",
                3,
                3,
                None,
            ),
        ]
    "#]]
    .assert_debug_eq(&outcomes);
    // Each lot's block is valid in a notice, weighted on the lot's own scale.
    let example = read(&standards().join("eforms/examples/cn_24_minimal.xml"));
    let at =
        example.rfind("</cac:ContractExecutionRequirement>").unwrap() + "</cac:ContractExecutionRequirement>".len();
    for l in &blocks {
        let notice = format!("{}\n{}{}", &example[..at], l.xml(), &example[at..]);
        xmllint(&notice, "UBL-ContractNotice-2.3.xsd", &format!("cn-{}.xml", l.lot));
    }
    let release: Value = serde_json::from_str(&export(&a, Standard::Ocds, Lang::Fr).text).unwrap();
    assert_eq!(release["tender"]["lots"].as_array().unwrap().len(), 2);
}

#[test]
fn each_lot_once_decided_has_its_winner_and_its_letters() {
    let mut s = lots_session();
    for o in s.offers.iter().filter(|o| o.supplier.name.starts_with("Dinan")) {
        s.decisions.push(jauge_engine::session::Decision {
            kind: jauge_engine::session::DecisionKind::Explanations,
            offer: o.id.clone(),
            date: "2026-11-20".into(),
            outcome: jauge_engine::session::Outcome::Accepted,
            ..Default::default()
        });
    }
    let a = analysis(&s);
    let mut out = String::new();
    for lot in jauge_export::lots(&a) {
        let letters = jauge_analysis::letters::letters(&lot.analysis, Lang::Fr).unwrap();
        out += &format!("{} ({:?}): {}\n", lot.lot, lot.grid_lot, lot.analysis.session.procedure.lot);
        for l in letters {
            out += &format!("  {:?} {}\n", l.kind, l.supplier);
        }
    }
    expect_test::expect![[r#"
        LOT-0001 (Some("1")): 1 Hébergement
          Ranked Armor Cloud
          Ranked Celtic Datacenter
          Notification Dinan Infogérance
        LOT-0002 (Some("2")): 2 Tierce maintenance applicative
          Ranked Breizh Logiciels
          Ranked Dinan Infogérance
          Notification Armor Cloud
    "#]]
    .assert_eq(&out);
}

#[test]
fn the_files_given_again_are_matched_to_the_session_by_their_fingerprint() {
    let s = session();
    let mut given: Vec<String> = offer_files().iter().map(|f| jauge_engine::sha256_hex(&f.bytes)).collect();
    given.remove(0);
    given.push(jauge_engine::sha256_hex(b"not a bid"));
    let m = archive::matching(&s, &given);
    let line = |e: &archive::Expected| format!("{:?} {} {:?}", e.role, e.file, e.suppliers);
    let mut out = String::new();
    for (e, i) in &m.given {
        out += &format!("given #{i}: {}\n", line(e));
    }
    for e in &m.missing {
        out += &format!("missing: {}\n", line(e));
    }
    out += &format!("unknown: {:?}\ncomplete: {}\n", m.unknown, m.complete());
    expect_test::expect![[r#"
        given #0: Offer offre-cite-connect.json ["Cité Connect SAS"]
        given #1: Offer offre-eco-portail-express.json ["Éco Portail Express"]
        given #2: Offer offre-ker-developpement.json ["Ker Développement"]
        given #3: Offer offre-nuage-global.json ["Nuage Global Ltd"]
        given #4: Offer offre-portail-plus.json ["Portail Plus"]
        missing: Offer offre-armor-numerique.json ["Armor Numérique SCOP"]
        unknown: [5]
        complete: false
    "#]]
    .assert_eq(&out);
    let all: Vec<String> = offer_files().iter().map(|f| jauge_engine::sha256_hex(&f.bytes)).collect();
    assert!(archive::matching(&s, &all).complete());
}

#[test]
fn two_bids_with_one_file_name_both_go_in_the_bundle() {
    let s = session();
    let mut b = archive::Bundler::new();
    for bytes in [b"first".as_slice(), b"second", b"first"] {
        b.add("offres/cadre-de-reponse.xlsx", Role::Offer, bytes).unwrap();
    }
    let (manifest, _) = b.finish(&s, DATE).unwrap();
    let paths: Vec<&str> = manifest.files.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(paths, ["offres/cadre-de-reponse.xlsx", "offres/cadre-de-reponse-2.xlsx"]);
}

/// The framework-agreement sample with the record's publication fields.
fn framework_session() -> Session {
    let path = root().join("samples/accord-cadre/session.json");
    with_publication_fields(Session::from_json("session.json", &read(&path)).unwrap())
}

#[test]
fn a_framework_agreement_publishes_every_holder_of_each_lot() {
    let a =
        Analysis::new(&framework_session(), "session.json", "2026-10-20T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    // Three holders proposed in each lot, in their order.
    let holders: Vec<Vec<String>> = jauge_export::outcomes(&a)
        .iter()
        .map(|o| o.winners.iter().filter_map(|w| o.ranked.get(*w)).map(|t| t.supplier.clone()).collect())
        .collect();
    assert_eq!(
        holders,
        [
            ["Armor Cloud", "Breizh Hosting", "Kerlann Numérique"],
            ["Kerlann Numérique", "Vannes Logiciels", "Armor Cloud"]
        ]
    );
    // DECP: a record per lot, each naming its three holders, and the schema holds.
    let decp: Value = serde_json::from_str(&export(&a, Standard::Decp, Lang::Fr).text).unwrap();
    let per_lot: Vec<usize> = decp["marches"]["marche"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["titulaires"].as_array().map_or(0, Vec::len))
        .collect();
    assert_eq!(per_lot, [3, 3]);
    // « Objet du marché ou du lot »: each record names its lot after the tender.
    let objets: Vec<&str> =
        decp["marches"]["marche"].as_array().unwrap().iter().map(|m| m["objet"].as_str().unwrap_or("")).collect();
    expect_test::expect![[r#"
        [
            "Accord-cadre mutualisé d'hébergement et de tierce maintenance applicative pour les membres du GIP, 2027-2030 — lot 1 Hébergement",
            "Accord-cadre mutualisé d'hébergement et de tierce maintenance applicative pour les membres du GIP, 2027-2030 — lot 2 Tierce maintenance applicative",
        ]
    "#]].assert_debug_eq(&objets);
    // The schema holds but for the social considerations this grid does not have (named missing).
    let wrong = errors(&json(&standards().join("decp/schema_decp_v2.0.3.json")), &decp);
    assert!(wrong.iter().all(|e| e.contains("considerationsSociales")), "{wrong:?}");
    // OCDS: an award per holder.
    let release: Value = serde_json::from_str(&export(&a, Standard::Ocds, Lang::Fr).text).unwrap();
    let awards: Vec<&str> = release["awards"].as_array().unwrap().iter().map(|w| w["id"].as_str().unwrap()).collect();
    assert_eq!(awards.len(), 6, "{awards:?}");
    assert!(awards.contains(&"LOT-0002-award-3"), "{awards:?}");
    // eForms: each lot's contract is a framework agreement that names its three holders' tenders,
    // and the block is valid in the SDK's example.
    let block = export(&a, Standard::EformsCan, Lang::Fr).text;
    let settled: Vec<&str> = block.split("\n\t<efac:SettledContract>\n").skip(1).collect();
    assert_eq!(settled.len(), 2);
    for contract in settled {
        assert!(contract.contains("<efbc:ContractFrameworkIndicator>true</efbc:ContractFrameworkIndicator>"));
        assert_eq!(
            contract.split("</efac:SettledContract>").next().unwrap().matches("schemeName=\"tender\"").count(),
            3
        );
    }
    let example = read(&standards().join("eforms/examples/can_24_minimal.xml"));
    let start = example.find("<efac:NoticeResult>").unwrap();
    let end = example.find("</efac:NoticeResult>").unwrap() + "</efac:NoticeResult>".len();
    let notice = format!("{}{}{}", &example[..start], block.trim_end(), &example[end..]);
    xmllint(&notice, "UBL-ContractAwardNotice-2.3.xsd", "can-framework.xml");
}

/// The DECP's considerations: what the buyer records replaces what the grid's tags suggest, and
/// nothing is left to confirm; without a record, the tags' values are exported but to confirm.
#[test]
fn the_buyers_considerations_replace_those_the_grid_tags_suggest() {
    let decp = |s: &Session| {
        let e = export(&analysis(s), Standard::Decp, Lang::Fr);
        let v: Value = serde_json::from_str(&e.text).unwrap();
        let m = &v["marches"]["marche"][0];
        let list = |k: &str, item: &str| -> Vec<String> {
            m[k][item]
                .as_array()
                .map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect())
                .unwrap_or_default()
        };
        let to_confirm: Vec<String> = e
            .missing
            .iter()
            .filter_map(|m| match &m.asked {
                jauge_export::Asked::FromTags { entry, .. } => Some(entry.clone()),
                _ => None,
            })
            .collect();
        (
            list("considerationsSociales", "considerationSociale"),
            list("considerationsEnvironnementales", "considerationEnvironnementale"),
            to_confirm,
        )
    };
    let (social, environment, to_confirm) = decp(&session());
    assert_eq!(social, ["Critère social"]);
    assert_eq!(environment, ["Clause environnementale", "Critère environnemental"]);
    assert_eq!(to_confirm, ["considerationsSociales", "considerationsEnvironnementales"]);

    let mut recorded = session();
    recorded.procedure.open_data.insert(
        "considerationsSociales".into(),
        serde_json::json!({ "considerationSociale": ["Pas de considération sociale"] }),
    );
    recorded.procedure.open_data.insert(
        "considerationsEnvironnementales".into(),
        serde_json::json!({ "considerationEnvironnementale": ["Critère environnemental", "Clause environnementale"] }),
    );
    let (social, environment, to_confirm) = decp(&recorded);
    assert_eq!(social, ["Pas de considération sociale"]);
    assert_eq!(environment, ["Critère environnemental", "Clause environnementale"]);
    assert!(to_confirm.is_empty(), "{to_confirm:?}");
    // A value the schema does not allow is named, not exported.
    recorded
        .procedure
        .open_data
        .insert("considerationsSociales".into(), serde_json::json!(["Critère social", "Accessibilité"]));
    let e = export(&analysis(&recorded), Standard::Decp, Lang::Fr);
    let named: Vec<String> =
        e.missing.iter().filter(|m| m.field == "considerationsSociales").map(|m| m.describe(Lang::Fr)).collect();
    expect_test::expect![[r#"
        [
            "données essentielles (DECP 2.0.3) — considerationsSociales : « Accessibilité » n'est pas une valeur admise ; à renseigner dans les données de publication du dossier (considerationsSociales)",
        ]
    "#]]
    .assert_debug_eq(&named);
    assert_eq!(decp(&recorded).0, ["Critère social"]);
    // As typed in the record's form: one value, or a list.
    recorded.procedure.open_data.insert("considerationsSociales".into(), serde_json::json!("Critère social"));
    recorded
        .procedure
        .open_data
        .insert("considerationsEnvironnementales".into(), serde_json::json!(["Critère environnemental"]));
    let (social, environment, to_confirm) = decp(&recorded);
    assert_eq!(social, ["Critère social"]);
    assert_eq!(environment, ["Critère environnemental"]);
    assert!(to_confirm.is_empty(), "{to_confirm:?}");
}

/// Each lot's considerations come from its own criteria: a criterion tagged `social` in one lot
/// only makes that lot's record a « Critère social », and the other's is named missing.
#[test]
fn each_lots_considerations_come_from_its_own_criteria() {
    let mut file: Value = serde_json::from_str(&read(&root().join("samples/accord-cadre/session.json"))).unwrap();
    let mut grid: Value = serde_json::from_str(file["grid"].as_str().unwrap()).unwrap();
    for family in grid["families"].as_array_mut().unwrap() {
        for c in family["criteria"].as_array_mut().unwrap() {
            if c["id"] == "TMA-01" {
                c["tags"] = serde_json::json!(["social"]);
            }
        }
    }
    file["grid"] = Value::String(grid.to_string());
    let s = with_publication_fields(Session::from_json("session.json", &file.to_string()).unwrap());
    let a = Analysis::new(&s, "session.json", "2026-10-20T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let e = export(&a, Standard::Decp, Lang::Fr);
    let decp: Value = serde_json::from_str(&e.text).unwrap();
    let lists: Vec<(Value, Value)> = decp["marches"]["marche"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["considerationsSociales"].clone(), m["considerationsEnvironnementales"].clone()))
        .collect();
    let named: Vec<String> =
        e.missing.iter().filter(|m| m.field.starts_with("considerations")).map(|m| m.describe(Lang::Fr)).collect();
    expect_test::expect![[r#"
        (
            [
                (
                    Null,
                    Object {
                        "considerationEnvironnementale": Array [
                            String("Clause environnementale"),
                            String("Critère environnemental"),
                        ],
                    },
                ),
                (
                    Object {
                        "considerationSociale": Array [
                            String("Critère social"),
                        ],
                    },
                    Object {
                        "considerationEnvironnementale": Array [
                            String("Clause environnementale"),
                            String("Critère environnemental"),
                        ],
                    },
                ),
            ],
            [
                "données essentielles (DECP 2.0.3) — considerationsSociales (LOT-0001) : à renseigner dans les données de publication du dossier (considerationsSociales)",
                "données essentielles (DECP 2.0.3) — considerationsEnvironnementales (LOT-0001) : « Critère environnemental » déduit des critères que la grille étiquette « environment » (ENV-01 et HEB-02) : à confirmer avant publication, ou à remplacer dans les données de publication du dossier (considerationsEnvironnementales)",
                "données essentielles (DECP 2.0.3) — considerationsSociales (LOT-0002) : « Critère social » déduit des critères que la grille étiquette « social » (TMA-01) : à confirmer avant publication, ou à remplacer dans les données de publication du dossier (considerationsSociales)",
                "données essentielles (DECP 2.0.3) — considerationsEnvironnementales (LOT-0002) : « Critère environnemental » déduit des critères que la grille étiquette « environment » (ENV-01) : à confirmer avant publication, ou à remplacer dans les données de publication du dossier (considerationsEnvironnementales)",
            ],
        )
    "#]].assert_debug_eq(&(lists, named));
}
