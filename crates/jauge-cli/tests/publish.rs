//! `jauge export`, `jauge letters` and `jauge archive` on the sample tender: the exports are the
//! goldens of `jauge-export`, and a tampered bundle makes `archive verify` fail naming the file.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn jauge(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jauge")).args(args).current_dir(root()).output().unwrap()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("jauge-publish-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The sample session with the record's publication fields, written to `dir`.
fn session(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(root().join("samples/portail-citoyen/commission/session.json")).unwrap();
    let mut s: serde_json::Value = serde_json::from_str(&text).unwrap();
    let extra: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join("tests/exports/procedure.json")).unwrap()).unwrap();
    for (k, v) in extra.as_object().unwrap() {
        s["procedure"][k] = v.clone();
    }
    let path = dir.join("session.json");
    std::fs::write(&path, serde_json::to_string_pretty(&s).unwrap()).unwrap();
    path
}

#[test]
fn export_writes_the_goldens_and_lists_what_is_missing() {
    let dir = temp("export");
    let s = session(&dir);
    for (to, golden) in
        [("eforms-cn", "eforms-cn.xml"), ("eforms-can", "eforms-can.xml"), ("ocds", "ocds.json"), ("decp", "decp.json")]
    {
        let out = dir.join(golden);
        let run = jauge(&[
            "export",
            "--session",
            s.to_str().unwrap(),
            "--to",
            to,
            "-o",
            out.to_str().unwrap(),
            "--date",
            "2026-11-22T10:00:00Z",
        ]);
        assert!(run.status.success(), "{to}: {}", String::from_utf8_lossy(&run.stderr));
        let expected = std::fs::read_to_string(root().join("tests/exports/portail-citoyen").join(golden)).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), expected, "{to}");
        assert!(!String::from_utf8_lossy(&run.stdout).contains("[manquant]"), "{to}: nothing missing");
    }
    // The session alone: the DECP draft names what it lacks.
    let out = dir.join("decp-bare.json");
    let run = jauge(&[
        "export",
        "--session",
        "samples/portail-citoyen/commission/session.json",
        "--to",
        "decp",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("[manquant] données essentielles (DECP 2.0.3) — codeCPV"), "{stdout}");
}

#[test]
fn letters_are_written_one_per_bidder_and_zipped() {
    let dir = temp("letters");
    let run = jauge(&[
        "letters",
        "--session",
        "samples/portail-citoyen/commission/session.json",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names.len(), 6 * 2 + 1, "{names:?}");
    assert!(names.contains(&"courrier-5-nuage-global-ltd.docx".to_string()));
    assert!(names.contains(&"courriers.zip".to_string()));
}

#[test]
fn a_tampered_archive_fails_verify_with_the_file_named() {
    let dir = temp("archive");
    let bundle = dir.join("archive.zip");
    let offers: Vec<String> = std::fs::read_dir(root().join("samples/portail-citoyen"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("offre-"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let mut args =
        vec!["archive", "--session", "samples/portail-citoyen/commission/session.json", "-o", bundle.to_str().unwrap()];
    args.extend(offers.iter().map(String::as_str));
    let run = jauge(&args);
    assert!(run.status.success(), "{}{}", String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(jauge(&["archive", "verify", bundle.to_str().unwrap()]).status.success());
    // The same bundle without one offer file: the session's link to it is broken.
    let mut short = vec!["archive", "--session", "samples/portail-citoyen/commission/session.json", "-o"];
    let partial = dir.join("partial.zip");
    short.push(partial.to_str().unwrap());
    short.extend(offers.iter().filter(|o| !o.ends_with("offre-portail-plus.json")).map(String::as_str));
    let run = jauge(&short);
    assert!(!run.status.success());
    let run = jauge(&["archive", "verify", partial.to_str().unwrap()]);
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stdout).contains("Portail Plus (offre-portail-plus.json)"));
}
