//! The xlsx response form as a supplier opens and prints it: every row of wrapped text has a
//! height (LibreOffice draws the lines over one another otherwise), the answer column is wide and
//! beside the question, each sheet prints on A4 one page wide with its header repeated; what
//! the form writes reads back; and, when LibreOffice is installed, the printed form is counted in
//! pages.

use std::io::Read as _;
use std::process::Command;

use jauge_engine::CheckedGrid;
use jauge_sheets::{FormKind, HEADERS, Limits, read_offer, write_form};

use super::root;

fn default_grid() -> CheckedGrid {
    let text = std::fs::read_to_string(root().join("criteria/numerique-responsable.json")).expect("grid");
    CheckedGrid::from_json(&text).expect("valid grid")
}

/// The parts of a zip, by name.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name).expect("the part").read_to_string(&mut text).expect("UTF-8");
    text
}

/// The value of `attribute` in an XML tag's text, if there.
fn attribute<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    tag.split(&format!(" {attribute}=\"")).nth(1).and_then(|v| v.split('"').next())
}

#[test]
fn the_xlsx_form_gives_wrapped_rows_a_height_and_prints_one_page_wide() {
    let grid = default_grid();
    let bytes = write_form(&grid, FormKind::Xlsx).expect("form");
    let answer = HEADERS.iter().position(|h| *h == "Réponse").expect("answer column");
    let question = HEADERS.iter().position(|h| *h == "Question").expect("question column");
    assert!(answer <= question + 3, "the answer is close to the question: {HEADERS:?}");
    for (sheet, name) in [(1, "Candidat"), (2, "Réponse")] {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
        // Every row holding text has its own height, taller for longer text.
        let rows: Vec<&str> = xml.split("<row ").skip(1).map(|r| r.split('>').next().unwrap_or_default()).collect();
        assert!(rows.len() > 5, "{name}: rows");
        for row in &rows {
            let height: f64 = attribute(row, "ht")
                .unwrap_or_else(|| panic!("{name}: a row without height: {row}"))
                .parse()
                .expect("ht");
            assert!(height >= 15.0, "{name}: {row}");
            assert_eq!(attribute(row, "customHeight"), Some("1"), "{name}: {row}");
        }
        // A4, one page wide, any number of pages down.
        let setup = xml.split("<pageSetup").nth(1).expect("page setup").split("/>").next().unwrap_or_default();
        assert_eq!(attribute(setup, "paperSize"), Some("9"), "{name}: A4");
        assert_eq!(attribute(setup, "fitToWidth"), None, "{name}: one page wide (the default)");
        assert_eq!(attribute(setup, "fitToHeight"), Some("0"), "{name}: as many pages down as needed");
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{name}: fit to page");
        // The answer cells stay the only ones open, with their validation.
        assert!(xml.contains("<sheetProtection"), "{name}: protected");
    }
    let response = part(&bytes, "xl/worksheets/sheet2.xml");
    assert!(response.contains("orientation=\"landscape\""), "the answers print in landscape");
    assert!(response.contains("<dataValidations"), "validation kept");
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "the header row repeats on every page");
    assert!(workbook.contains("_xlnm.Print_Area"), "a print area");
    // The answer column is among the widest.
    let widths: Vec<f64> =
        response.split("<col ").skip(1).filter_map(|c| attribute(c, "width")?.parse().ok()).collect();
    let widest = widths.iter().cloned().fold(0.0, f64::max);
    assert!(widths.get(answer).is_some_and(|w| *w >= widest * 0.6), "answer column width among {widths:?}");
    // The form reads back: an empty offer, every criterion found.
    let offer = read_offer("cadre.xlsx", &bytes, &grid, &Limits::default()).expect("the form reads back");
    assert!(offer.responses.values().all(|r| r.raw.is_none()), "an empty form has no answer");
}

#[test]
fn the_printed_xlsx_form_takes_few_pages_in_libreoffice() {
    if !Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success()) {
        println!("skipped: LibreOffice (soffice) is not installed, the page count is not checked");
        return;
    }
    let dir = std::env::temp_dir().join(format!("jauge-form-pages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let form = dir.join("cadre.xlsx");
    std::fs::write(&form, write_form(&default_grid(), FormKind::Xlsx).expect("form")).expect("written");
    let profile = format!("-env:UserInstallation=file://{}", dir.join("profile").display());
    let status = Command::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&form)
        .output()
        .expect("soffice runs");
    let pdf = dir.join("cadre.pdf");
    if !pdf.exists() {
        println!(
            "skipped: LibreOffice could not convert the form ({})",
            String::from_utf8_lossy(&status.stderr).trim()
        );
        return;
    }
    let bytes = std::fs::read(&pdf).expect("pdf");
    // Each page of a PDF is an object of type /Page.
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    let pages =
        if pages == 0 { text.matches("/Type/Page").count() - text.matches("/Type/Pages").count() } else { pages };
    // The cover on one page, thirty criteria on a few landscape pages one page wide: not seven.
    assert!((2..=5).contains(&pages), "{pages} pages");
    let _ = std::fs::remove_dir_all(&dir);
}
