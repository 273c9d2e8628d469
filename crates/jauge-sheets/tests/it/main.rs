//! Integration tests of spreadsheet reading: every fixture of `tests/fixtures` (the traps of real
//! files) read against the traps grid, with its expected reading beside it; hostile inputs; the
//! forms read back unchanged.

mod form;
mod hostile;
mod lots;
mod results;
mod scanning;
mod schedule;
mod skipping;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use expect_test::expect_file;
use jauge_engine::{CheckedGrid, Lang};
use jauge_sheets::{Limits, read_offer};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// The spreadsheet fixtures.
pub fn fixtures() -> PathBuf {
    root().join("tests/fixtures")
}

/// The grid the fixtures answer.
pub fn traps_grid() -> CheckedGrid {
    let text = std::fs::read_to_string(fixtures().join("grille-pieges.json")).expect("traps grid");
    CheckedGrid::from_json(&text).expect("valid grid")
}

/// The one place that reads a fixture: the offer as read and interpreted, or the error, as text.
pub fn reading(name: &str, bytes: &[u8], grid: &CheckedGrid, limits: &Limits) -> String {
    let mut out = String::new();
    let offer = match read_offer(name, bytes, grid, limits) {
        Ok(offer) => offer,
        Err(e) => {
            let _ = writeln!(out, "error: {e}\n       {}", e.describe(jauge_engine::Lang::En));
            return out;
        }
    };
    let s = &offer.supplier;
    let _ = writeln!(out, "supplier: {} | siret: {:?} | contact: {:?}", s.name, s.siret, s.contact);
    if let Some(g) = &offer.grid {
        let _ = writeln!(out, "grid: {} {}", g.id, g.version);
    }
    let _ = writeln!(out, "diagnostics:");
    for d in &offer.diagnostics {
        let _ = writeln!(out, "  [{:?}] {} — {}: {}", d.severity, d.code, d.location(Lang::Fr), d.message.fr);
    }
    let report = jauge_engine::evaluate(grid, std::slice::from_ref(&offer));
    let _ = writeln!(out, "answers:");
    for c in &report.offers[0].criteria {
        let Some(raw) = &c.raw else { continue };
        let raw: String = raw.chars().take(40).collect();
        let read = match (&c.value_text, &c.problem) {
            (Some(v), _) => format!("→ {}", v.fr.chars().take(40).collect::<String>()),
            (None, Some(p)) => format!("✗ {}", p.fr),
            (None, None) => "→ pas de réponse".to_string(),
        };
        let _ = writeln!(out, "  {:<10} {:<14} {:?} {read}", c.id, c.location.as_deref().unwrap_or("-"), raw);
        for n in &c.notes {
            let _ = writeln!(out, "  {:<10} {:<14} note: {}", "", "", n.fr);
        }
    }
    out
}

#[test]
fn every_fixture_reads_as_expected() {
    let grid = traps_grid();
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.is_file() && !matches!(p.extension().and_then(|e| e.to_str()), Some("json" | "py" | "md" | "txt"))
        })
        .collect();
    files.sort();
    assert!(files.len() >= 18, "fixtures are missing");
    for path in files {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).expect("fixture");
        let out = reading(&name, &bytes, &grid, &Limits::default());
        expect_file![fixtures().join("expected").join(format!("{name}.txt"))].assert_eq(&out);
    }
}

/// Every trap of brief/TRAPS.md has a fixture listed in tests/fixtures/README.md, and every file
/// listed there exists.
#[test]
fn every_trap_has_a_fixture() {
    let readme = std::fs::read_to_string(fixtures().join("README.md")).expect("fixtures README");
    for trap in 1..=12 {
        let line = readme
            .lines()
            .find(|l| l.starts_with(&format!("| {trap} |")))
            .unwrap_or_else(|| panic!("trap {trap} is not listed"));
        let column = line.trim_end_matches('|').rsplit('|').next().unwrap_or_default();
        let files: Vec<&str> = column.split('`').skip(1).step_by(2).collect();
        assert!(!files.is_empty(), "trap {trap} names no fixture");
        for f in files {
            let exists = fixtures().join(f).exists() || root().join(f).exists();
            assert!(exists, "trap {trap}: {f} does not exist");
        }
    }
}

/// Every offer read from a fixture records the fingerprint of its content, and saved in a session
/// then opened again (numbers, dates, locations and diagnostics through JSON) it is still intact.
#[test]
fn every_offer_read_is_sealed_and_intact_after_a_session_round_trip() {
    use jauge_engine::Integrity;
    use jauge_engine::session::Session;
    let grid = traps_grid();
    let mut session = Session::new(std::fs::read_to_string(fixtures().join("grille-pieges.json")).expect("grid"));
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(fixtures()).expect("fixtures").map(|e| e.expect("entry").path()).collect();
    files.sort();
    for path in files.iter().filter(|p| p.is_file()) {
        let name = path.file_name().expect("name").to_string_lossy().into_owned();
        let Ok(offer) = read_offer(&name, &std::fs::read(path).expect("fixture"), &grid, &Limits::default()) else {
            continue;
        };
        assert_eq!(offer.integrity(), Integrity::Intact, "{name}");
        session.offers.push(offer);
    }
    assert!(session.offers.len() >= 10, "too few fixtures read: {}", session.offers.len());
    let opened = Session::from_json("session.json", &session.to_json()).expect("a session");
    for (offer, integrity) in opened.integrity() {
        assert_eq!(integrity, Integrity::Intact, "{}", offer.source);
    }
}
