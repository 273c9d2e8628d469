//! Issue 16: every writer accepts any text a bid or a grid can hold. A session whose supplier
//! names, appraisals, criteria and procedure record carry control characters, U+FFFE, a literal
//! `_x000B_`, a 40 000-character name and a CSS-breaking record field is written in every format
//! Jauge writes; each output must be well-formed, show the cut note where a format limits a
//! cell, and keep the HTML report's CSS and Content-Security-Policy intact.

use std::io::Read;

use jauge_engine::Lang;
use jauge_engine::session::Session;
use jauge_sheets::FormKind;
use serde_json::Value;

use crate::root;

/// Every C0 control but tab and newline (carriage return included: XML keeps it but normalises
/// it away), U+FFFE, and the literal text a spreadsheet reader decodes into a control.
fn controls() -> String {
    let mut s: String = (0u32..0x20).filter(|c| ![0x09, 0x0A].contains(c)).filter_map(char::from_u32).collect();
    s.push('\u{FFFE}');
    s.push('\u{FFFF}');
    s.push_str(" _x000B_ fin");
    s
}

const CSS_BREAK: &str =
    "\"; } body { background: url(https://evil.example/x) } :root { --a: \"\n</style><script>alert(1)</script>\\";

fn long() -> String {
    "Société ".repeat(5_000)
}

fn hostile_grid(grid: &str) -> String {
    let mut g: Value = serde_json::from_str(grid).expect("grid JSON");
    let c = &mut g["families"][0]["criteria"][0];
    c["label"]["fr"] = Value::from(format!("Formats{}", controls()));
    c["question"]["fr"] = Value::from(long());
    c["help"]["fr"] = Value::from(format!("Aide{}", controls()));
    g["families"][0]["label"]["fr"] = Value::from(format!("Interop{}", controls()));
    serde_json::to_string_pretty(&g).expect("grid")
}

fn hostile_session() -> Session {
    let path = root().join("samples/portail-citoyen/commission/session.json");
    let mut s: Value = serde_json::from_str(&std::fs::read_to_string(path).expect("sample")).expect("JSON");
    s["grid"] = Value::from(hostile_grid(s["grid"].as_str().expect("grid text")));
    s["offers"][0]["supplier"]["name"] = Value::from(format!("Armor{}", controls()));
    s["offers"][1]["supplier"]["name"] = Value::from(long());
    for offer in s["offers"].as_array_mut().expect("offers") {
        offer["marks"]["INT-05"]["appraisal"] = Value::from(format!("Appréciation{}", controls()));
    }
    s["offers"][2]["marks"]["INT-05"]["appraisal"] = Value::from(long());
    s["procedure"]["reference"] = Value::from(format!("2026-PC-014{CSS_BREAK}"));
    s["procedure"]["tender"] = Value::from(format!("Portail{CSS_BREAK}{}", controls()));
    s["procedure"]["observations"] = Value::from(format!("Observations{CSS_BREAK}{}", controls()));
    Session::from_json("hostile.json", &s.to_string()).expect("a session")
}

fn analysis() -> jauge_analysis::Analysis {
    jauge_analysis::Analysis::new(
        &hostile_session(),
        "hostile.json",
        "2026-11-22T10:00:00Z",
        jauge_analysis::Annex::AgreedMarksOnly,
    )
    .expect("the analysis")
}

/// A character XML 1.0 does not allow.
fn forbidden(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The XML is well-formed (quick-xml reads it to the end) and holds no character XML 1.0
/// forbids, neither written nor as a character reference.
fn well_formed(name: &str, xml: &str) {
    if let Some(c) = xml.chars().find(|c| forbidden(*c)) {
        panic!("{name}: the character U+{:04X} XML forbids", c as u32);
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    assert!(!forbidden(c), "{name}: the reference to U+{:04X}", c as u32);
                }
            }
            Ok(_) => {}
            Err(e) => panic!("{name}: not well-formed at {}: {e}", reader.error_position()),
        }
    }
}

/// Every XML part of a zip (xlsx, ods, docx) is well-formed; returns the parts' text.
fn zip_parts(name: &str, bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).expect("entry");
        let part = file.name().expect("entry name").to_string();
        if part.ends_with(".xml") || part.ends_with(".rels") {
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap_or_else(|e| panic!("{name} {part}: {e}"));
            well_formed(&format!("{name} {part}"), &text);
            all.push_str(&text);
        }
    }
    all
}

const CUT_FR: &str = "[texte coupé : ";

#[test]
fn the_analysis_report_in_every_format_survives_hostile_text() {
    let a = analysis();
    for (name, page) in
        [("report", jauge_analysis::html(&a, Lang::Fr)), ("internal", jauge_analysis::internal_html(&a, Lang::Fr))]
    {
        html_is_safe(name, &page);
    }
    for (name, bytes) in [
        ("report.docx", jauge_analysis::docx(&a, Lang::Fr).expect("docx")),
        ("internal.docx", jauge_analysis::internal_docx(&a, Lang::Fr).expect("internal docx")),
    ] {
        let text = zip_parts(name, &bytes);
        assert!(text.contains("Armor\u{FFFD}"), "{name}: the controls shown as U+FFFD");
        assert!(text.contains(" _x000B_ fin"), "{name}: literal text kept");
    }
    let document = jauge_analysis::document::document(&a, Lang::Fr);
    spreadsheets("report", |kind| jauge_sheets::write_document(&document, kind), CUT_FR);
}

/// The xlsx, ods and csv a writer gives are well-formed, free of controls and cut with `note`.
fn spreadsheets(what: &str, write: impl Fn(FormKind) -> Result<Vec<u8>, jauge_engine::Error>, note: &str) {
    for (kind, ext) in [(FormKind::Xlsx, "xlsx"), (FormKind::Ods, "ods")] {
        let name = format!("{what}.{ext}");
        let text = zip_parts(&name, &write(kind).unwrap_or_else(|e| panic!("{name}: {e}")));
        assert!(text.contains(note), "{name}: the 40 000-character text is cut with a note");
    }
    let csv = String::from_utf8(write(FormKind::Csv).expect("csv")).expect("utf-8");
    assert!(!csv.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')), "{what}.csv: a control");
    assert!(csv.contains(note), "{what}.csv: cut note");
}

fn html_is_safe(name: &str, page: &str) {
    assert!(
        page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"),
        "{name}: the CSP"
    );
    assert!(!page.chars().any(forbidden), "{name}: a character XML and HTML forbid");
    let start = page.find("<style>").expect("style") + "<style>".len();
    let style = &page[start..start + page[start..].find("</style>").expect("style end")];
    // The footer's CSS string: from its opening quote to the first quote no backslash escapes.
    let open = style.find("--footer: \"").expect("footer") + "--footer: \"".len();
    let mut chars = style[open..].char_indices();
    let end = loop {
        match chars.next().expect("the string is closed") {
            (_, '\\') => {
                chars.next();
            }
            (i, '"') => break open + i,
            (_, '\n') => panic!("{name}: a newline inside the CSS string"),
            _ => {}
        }
    };
    let footer = &style[open..end];
    if name == "report" {
        assert!(
            footer.starts_with("2026-PC-014\\22 ; } body { background: url(https://evil.example/x) } :root { --a: \\22 \\A \\3C /style\\3E \\3C script\\3E alert(1)\\3C /script\\3E \\5C  — session "),
            "{name}: the hostile text stays inside the string, escaped: {footer}"
        );
    }
    assert!(
        style[end..].starts_with("\"; }"),
        "{name}: the string ends where Jauge ends it: {}",
        &style[end..end + 40]
    );
    assert!(!footer.contains('<'), "{name}: no '<' in the CSS: {footer}");
    assert_eq!(page.matches("</style>").count(), 1, "{name}: one style element");
    assert!(!page.contains("<script"), "{name}: no script");
}

#[test]
fn the_results_export_survives_hostile_text() {
    let a = analysis();
    spreadsheets("results", |kind| jauge_sheets::write_results(&a.report, kind, Lang::En), "[text cut: ");
}

#[test]
fn the_response_form_of_a_hostile_grid_is_well_formed() {
    let grid = hostile_session().checked_grid("hostile.json").expect("the grid");
    spreadsheets("form", |kind| jauge_sheets::write_form(&grid, kind), CUT_FR);
}
