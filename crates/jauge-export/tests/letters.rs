//! The letters of the sample tender (`jauge_analysis::letters`), as text goldens: one regular
//! offer rejected, one irregular, the winner's notification draft, and a formalised procedure's
//! letter with the date from which the contract may be signed.

#![allow(clippy::unwrap_used)]

use jauge_analysis::letters::{Letter, LetterKind, html, letters};
use jauge_analysis::{Analysis, Annex, Pending};
use jauge_document::{Block, Cell, Document};
use jauge_engine::Lang;
use jauge_engine::session::{ProcedureKind, Session};

fn sample() -> Session {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("samples/portail-citoyen/commission/session.json")).unwrap();
    Session::from_json("session.json", &text).unwrap()
}

/// A document as plain text, block by block: what the golden files compare.
fn text(d: &Document) -> String {
    let mut out = format!("# {}\n{}\n", d.title, d.subtitle);
    for b in &d.blocks {
        match b {
            Block::Heading(h) => out += &format!("\n## {h}\n"),
            Block::Para(p) | Block::Muted(p) => out += &format!("{p}\n"),
            Block::Notice { title, items } => out += &format!("[{title}] {}\n", items.join(" | ")),
            Block::Record(items) => {
                for (k, v) in items {
                    out += &format!("{k} : {}\n", v.shown());
                }
            }
            Block::Table(t) => {
                out += &format!("| {} |\n", t.header.iter().map(|c| c.title.as_str()).collect::<Vec<_>>().join(" | "));
                for r in &t.rows {
                    out += &format!("| {} |\n", r.iter().map(Cell::shown).collect::<Vec<_>>().join(" | "));
                }
            }
            Block::Winner(h, r) => out += &format!("** {h}\n{r}\n"),
            Block::Signatures(s) => {
                out += &format!(
                    "[signatures] {}\n",
                    s.iter().map(|(n, r)| format!("{n} ({r})")).collect::<Vec<_>>().join(", ")
                )
            }
        }
    }
    out
}

fn letter<'a>(all: &'a [Letter], supplier: &str) -> &'a Letter {
    all.iter().find(|l| l.supplier == supplier).unwrap()
}

#[test]
fn letters_of_the_sample_tender() {
    let s = sample();
    let a = Analysis::new(&s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let all = letters(&a, Lang::Fr).unwrap();
    let kinds: Vec<(LetterKind, &str)> = all.iter().map(|l| (l.kind, l.name.as_str())).collect();
    expect_test::expect![[r#"
        [
            (
                Ranked,
                "courrier-1-ker-developpement",
            ),
            (
                Ranked,
                "courrier-2-armor-numerique-scop",
            ),
            (
                Ranked,
                "courrier-3-cite-connect-sas",
            ),
            (
                Ranked,
                "courrier-4-portail-plus",
            ),
            (
                SetAside,
                "courrier-5-nuage-global-ltd",
            ),
            (
                Notification,
                "courrier-6-eco-portail-express",
            ),
        ]
    "#]]
    .assert_debug_eq(&kinds);
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/ranked.txt"]
        .assert_eq(&text(&letter(&all, "Armor Numérique SCOP").document));
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/irregular.txt"]
        .assert_eq(&text(&letter(&all, "Nuage Global Ltd").document));
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/notification.txt"]
        .assert_eq(&text(&letter(&all, "Éco Portail Express").document));
    // Formalised: the date from which the contract may be signed, from the sending date.
    let mut f = s.clone();
    f.procedure.kind = ProcedureKind::Formalised;
    f.procedure.letters_sent = "2026-11-23".into();
    f.procedure.letters_electronic = Some(true);
    let a = Analysis::new(&f, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let all = letters(&a, Lang::Fr).unwrap();
    expect_test::expect_file!["../../../tests/exports/portail-citoyen/letters/ranked-formalised.txt"]
        .assert_eq(&text(&letter(&all, "Armor Numérique SCOP").document));
    // Rendered by the report's renderers.
    let page = html(letter(&all, "Nuage Global Ltd"));
    assert!(page.starts_with("<!doctype html>") && page.contains("Nuage Global Ltd"));
}

#[test]
fn no_letter_while_the_analysis_is_incomplete() {
    let mut s = sample();
    for o in &mut s.offers {
        o.marks.clear();
    }
    let a = Analysis::new(&s, "session.json", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).unwrap();
    let pending = letters(&a, Lang::Fr).unwrap_err();
    assert!(pending.iter().any(|p| matches!(p, Pending::Marks { .. })));
}
