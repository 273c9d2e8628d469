//! Hostile inputs met before reading: every file the CLI reads has a size cap, checked before it is
//! read (a file of gigabytes, a device that never ends), and no command writes its output onto one
//! of the files it reads.

use std::path::Path;
use std::time::{Duration, Instant};

use jauge_engine::limits::{GRID_BYTES, MARKS_BYTES, OFFER_BYTES, RECORD_BYTES, SESSION_BYTES};

use crate::{jauge, temp};

const GRID: &str = "criteria/numerique-responsable.json";
const OFFER: &str = "samples/portail-citoyen/offre-armor-numerique.json";
const SESSION: &str = "samples/portail-citoyen/commission/session.json";

/// Runs the command, which must be refused within a second; its standard error.
fn refused_quickly(args: &[&str]) -> String {
    let start = Instant::now();
    let (status, _, stderr) = jauge(args);
    let took = start.elapsed();
    assert_eq!(status, 1, "{args:?}: {stderr}");
    assert!(took < Duration::from_secs(1), "{args:?} took {took:?}");
    stderr
}

#[cfg(unix)]
#[test]
fn a_device_that_never_ends_is_read_only_up_to_the_cap_of_its_kind() {
    let out = temp("zero-out.json").display().to_string();
    let cases: [(&[&str], u64); 5] = [
        (&["evaluate", "--grid", GRID, "/dev/zero"], OFFER_BYTES),
        (&["check-grid", "/dev/zero"], GRID_BYTES),
        (&["report", "--session", "/dev/zero", "-o", &out], SESSION_BYTES),
        (&["evaluate", "--grid", GRID, "--marks", "/dev/zero", OFFER], MARKS_BYTES),
        (&["session", "--grid", GRID, "--record", "/dev/zero", "-o", &out, OFFER], RECORD_BYTES),
    ];
    for (args, limit) in cases {
        for (lang, words) in [
            ("fr", format!("/dev/zero : plus de {limit} octets")),
            ("en", format!("/dev/zero: more than {limit} bytes")),
        ] {
            let stderr = refused_quickly(&[&["--lang", lang], args].concat());
            assert!(stderr.contains(&words), "{args:?}: {stderr}");
        }
    }
    assert!(!Path::new(&out).exists(), "nothing written");
}

#[test]
fn a_sparse_file_of_five_gibibytes_is_refused_without_being_read() {
    let huge = temp("enorme.json");
    std::fs::File::create(&huge).and_then(|f| f.set_len(5 << 30)).expect("sparse file");
    let path = huge.display().to_string();
    let out = temp("enorme-out.html").display().to_string();
    for (args, limit) in [
        (vec!["evaluate", "--grid", GRID, &path], OFFER_BYTES),
        (vec!["check-grid", &path], GRID_BYTES),
        (vec!["report", "--session", &path, "-o", &out], SESSION_BYTES),
    ] {
        let stderr = refused_quickly(&[&["--lang", "en"], args.as_slice()].concat());
        assert!(stderr.contains(&format!("file of 5368709120 bytes, over the limit of {limit} bytes")), "{stderr}");
        let stderr = refused_quickly(&args);
        assert!(
            stderr.contains(&format!("fichier de 5368709120 octets, au-delà de la limite de {limit} octets")),
            "{stderr}"
        );
    }
    std::fs::remove_file(&huge).expect("removed");
}

#[test]
fn a_session_at_its_cap_is_read_and_one_byte_more_is_refused() {
    let text = std::fs::read_to_string(crate::root().join(SESSION)).expect("sample session");
    // The sample session padded with spaces after its closing brace, which JSON allows.
    let padded = |size: u64| text.clone() + &" ".repeat(usize::try_from(size).expect("size") - text.len());
    let (at, over) = (temp("session-au-plafond.json"), temp("session-trop-grande.json"));
    std::fs::write(&at, padded(SESSION_BYTES)).expect("written");
    std::fs::write(&over, padded(SESSION_BYTES + 1)).expect("written");
    let out = temp("rapport-plafond.html");
    let stderr =
        refused_quickly(&["report", "--session", &over.display().to_string(), "-o", &out.display().to_string()]);
    assert!(stderr.contains(&format!("au-delà de la limite de {SESSION_BYTES} octets")), "{stderr}");
    assert!(!out.exists(), "nothing written");
    let (status, _, stderr) = jauge(&[
        "report",
        "--session",
        &at.display().to_string(),
        "--date",
        "2026-11-22T10:00:00Z",
        "-o",
        &out.display().to_string(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert!(out.exists());
}

/// Runs a command whose output is one of its inputs: refused, naming both, the input unchanged.
fn not_overwritten(args: &[&str], output: &Path, input: &Path) {
    let before = std::fs::read(input).expect("input");
    let stderr = refused_quickly(args);
    assert!(stderr.contains(&output.display().to_string()), "{stderr}");
    assert!(stderr.contains("rien n'est écrit"), "{stderr}");
    assert_eq!(std::fs::read(input).expect("input"), before, "{args:?}: the input is unchanged");
}

#[test]
fn no_command_writes_its_output_onto_a_file_it_reads() {
    let session = temp("session-lue.json");
    std::fs::copy(crate::root().join(SESSION), &session).expect("copied");
    let s = session.display().to_string();
    let regularise = |out: &str| {
        vec!["regularise", "--session", &s, "--offer", "x", "--received", "2026-10-30", "-o", out, OFFER]
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    let run = |args: Vec<String>, output: &Path, input: &Path| {
        not_overwritten(&args.iter().map(String::as_str).collect::<Vec<_>>(), output, input)
    };
    // The session read, by its own path, through another path, and through a hard link.
    run(regularise(&s), &session, &session);
    let other_path = session.parent().expect("folder").join(".").join("session-lue.json");
    run(regularise(&other_path.display().to_string()), &other_path, &session);
    let link = temp("lien-dur.json");
    let _ = std::fs::remove_file(&link);
    std::fs::hard_link(&session, &link).expect("hard link");
    run(regularise(&link.display().to_string()), &link, &session);
    // The committee session imported into, and an evaluator's session.
    let l = link.display().to_string();
    run(["consolidate", "--into", &s, "-o", &s, SESSION].map(String::from).to_vec(), &session, &session);
    run(["consolidate", "-o", &l, &s].map(String::from).to_vec(), &link, &session);
    // The session a report is made from.
    run(["report", "--session", &s, "-o", &l].map(String::from).to_vec(), &link, &session);
    // A bid, through a symbolic link, and the grid of a form.
    let bid = temp("offre-lue.json");
    std::fs::copy(crate::root().join(OFFER), &bid).expect("copied");
    #[cfg(unix)]
    {
        let symlink = temp("lien-symbolique.json");
        let _ = std::fs::remove_file(&symlink);
        std::os::unix::fs::symlink(&bid, &symlink).expect("symbolic link");
        let (b, y) = (bid.display().to_string(), symlink.display().to_string());
        run(["session", "--grid", GRID, "-o", &y, &b].map(String::from).to_vec(), &symlink, &bid);
    }
    let grid = temp("grille-lue.json");
    std::fs::copy(crate::root().join(GRID), &grid).expect("copied");
    let g = grid.display().to_string();
    run(["template", "--grid", &g, "-o", &g].map(String::from).to_vec(), &grid, &grid);
    // Worded in English when asked.
    let (_, _, stderr) = jauge(&["--lang", "en", "report", "--session", &s, "-o", &s]);
    assert!(
        stderr.contains(&format!("{s}: it is the file {s}, which this command reads; nothing is written")),
        "{stderr}"
    );
}
