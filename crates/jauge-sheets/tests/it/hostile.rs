//! Hostile and oversized inputs get a clear error, never a crash or a hang.

use jauge_sheets::{Error, Limits, read_offer};

use crate::traps_grid;

#[test]
fn a_file_over_the_size_cap_is_refused_before_reading() {
    let grid = traps_grid();
    let big = vec![b'a'; 21 * 1024 * 1024];
    let err = read_offer("enorme.csv", &big, &grid, &Limits::default()).expect_err("over 20 MB");
    assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    let small = Limits { max_file_bytes: 1024, ..Limits::default() };
    let err = read_offer("petit.csv", &[b'a'; 2048], &grid, &small).expect_err("over the configured cap");
    assert!(err.to_string().contains("1024 octets"), "{err}");
}

/// A « Réponse » sheet with the form's headers on its first row, and the answer column's index.
fn answer_sheet(book: &mut rust_xlsxwriter::Workbook) -> (&mut rust_xlsxwriter::Worksheet, u16) {
    let sheet = book.add_worksheet();
    sheet.set_name("Réponse").expect("name");
    for (c, h) in jauge_sheets::HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    let answer = jauge_sheets::HEADERS.iter().position(|h| *h == "Réponse").expect("an answer column") as u16;
    (sheet, answer)
}

#[test]
fn a_hundred_thousand_rows_are_read() {
    // A form with 100 000 rows under the answers: a real producer writes it, Jauge reads it whole.
    let grid = traps_grid();
    let mut book = rust_xlsxwriter::Workbook::new();
    let (sheet, answer) = answer_sheet(&mut book);
    sheet.write_string(1, 0, "PRIX").expect("id");
    sheet.write_string(1, answer, "1 000 €").expect("answer");
    for r in 2..100_002u32 {
        sheet.write_string(r, 0, format!("L{r}")).expect("row");
        sheet.write_number(r, answer, f64::from(r)).expect("row");
    }
    let bytes = book.save_to_buffer().expect("xlsx");
    let offer = read_offer("cent-mille.xlsx", &bytes, &grid, &Limits::default()).expect("readable");
    let price = offer.responses.get("PRIX").expect("price row");
    let column = char::from(b'A' + answer as u8);
    assert_eq!(price.location.as_deref(), Some(format!("Réponse!{column}2").as_str()));
    // Rows whose id is not in the grid are ignored, never read as an answer: the first twenty are
    // named, the others counted in one note placed at the first of them.
    assert_eq!(offer.responses.len(), 1);
    let named: Vec<_> = offer.diagnostics.iter().filter(|d| d.code == "unknown_criterion").collect();
    assert_eq!(named.len(), 20);
    assert_eq!(named[0].cell.as_deref(), Some("A3"));
    let more: Vec<_> = offer.diagnostics.iter().filter(|d| d.code == "unknown_criteria_more").collect();
    assert_eq!(more.len(), 1);
    assert_eq!(more[0].cell.as_deref(), Some("A23"));
    assert!(more[0].message.fr.contains("99\u{202f}980 autres lignes"), "{}", more[0].message.fr);
    let rows = offer.diagnostics.iter().filter(|d| d.code.starts_with("unknown_")).count();
    assert_eq!(rows, 21);
}

#[test]
fn a_criterion_repeated_on_many_rows_is_read_once_and_counted() {
    let grid = traps_grid();
    let mut book = rust_xlsxwriter::Workbook::new();
    let (sheet, answer) = answer_sheet(&mut book);
    for r in 1..=500u32 {
        sheet.write_string(r, 0, "PRIX").expect("id");
        sheet.write_string(r, answer, format!("{r} €")).expect("answer");
    }
    let bytes = book.save_to_buffer().expect("xlsx");
    let offer = read_offer("repetee.xlsx", &bytes, &grid, &Limits::default()).expect("readable");
    let column = char::from(b'A' + answer as u8);
    assert_eq!(offer.responses["PRIX"].location.as_deref(), Some(format!("Réponse!{column}2").as_str()));
    let named = offer.diagnostics.iter().filter(|d| d.code == "duplicate_row").count();
    assert_eq!(named, 20);
    let more: Vec<_> = offer.diagnostics.iter().filter(|d| d.code == "duplicate_rows_more").collect();
    assert_eq!(more.len(), 1);
    assert_eq!(more[0].cell, Some(format!("{column}23")));
    let en = more[0].message.get(jauge_engine::text::Lang::En);
    assert!(en.starts_with("and 479 more second rows"), "{en}");
}

#[test]
fn sheets_that_cannot_hold_the_answer_table_are_not_built() {
    // An annex of 3 000 rows and a sheet of 60 000 styled empty rows before the answers, written
    // by openpyxl and by LibreOffice: below their first hundred rows (no header there), nothing is
    // kept, so an annex far larger than a sheet may be does not refuse the form.
    let grid = traps_grid();
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    for name in ["annexes-openpyxl.xlsx", "annexes-libreoffice.ods"] {
        let bytes = std::fs::read(data.join(name)).expect("fixture");
        let rows = jauge_sheets::bench::tables(name, &bytes, &Limits::default()).expect("readable");
        assert!(rows <= 10 + 100, "{name}: {rows} rows kept");
        let small = Limits { max_sheet_cells: 2_000, ..Limits::default() };
        let offer = read_offer(name, &bytes, &grid, &small).expect("the annex is not built");
        assert_eq!(offer.responses.len(), 7, "{name}");
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    let grid = traps_grid();
    let valid = std::fs::read(crate::fixtures().join("openpyxl-valeurs.xlsx")).expect("fixture");
    // Every prefix length in steps, and single-byte corruptions: an error or an offer, never a panic.
    for cut in (0..valid.len()).step_by(97) {
        let _ = read_offer("coupe.xlsx", &valid[..cut], &grid, &Limits::default());
    }
    for i in (30..valid.len()).step_by(211) {
        let mut bytes = valid.clone();
        bytes[i] ^= 0xFF;
        let _ = read_offer("abime.xlsx", &bytes, &grid, &Limits::default());
    }
}

/// A form whose every text is written decomposed (NFD: each accent apart from its letter, as some
/// systems save text), headers, labels and answers alike, is read and scored as the same form
/// written precomposed: the same answers found, each criterion given the same points and the
/// same words (compared once both are precomposed again).
#[test]
fn a_form_written_decomposed_reads_as_written_precomposed() {
    use unicode_normalization::UnicodeNormalization;
    let grid = std::fs::read_to_string(crate::root().join("criteria/numerique-responsable.json")).expect("grid");
    let grid = jauge_engine::CheckedGrid::from_json(&grid).expect("valid grid");
    let path = crate::root().join("samples/portail-citoyen/tableurs/offre-nuage-global.csv");
    let bytes = std::fs::read(path).expect("the sample's csv offer");
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
    assert!(text.contains("Réponse") && text.contains("Interopérabilité"), "a form with accents");
    let decomposed: String = text.nfd().collect();
    assert_ne!(decomposed, text, "the form's accents are written apart");
    let criteria = |bytes: &[u8]| {
        let offer = read_offer("offre.csv", bytes, &grid, &Limits::default()).expect("read");
        let report = jauge_engine::evaluate(&grid, &[offer]);
        let offer = &report.offers[0];
        let json = serde_json::to_string(&(&offer.status, offer.total, &offer.criteria)).expect("json");
        json.nfc().collect::<String>()
    };
    let precomposed = criteria(&bytes);
    assert!(precomposed.matches("\"points\":").count() >= 30, "the sample's answers are scored: {precomposed}");
    assert_eq!(criteria(decomposed.as_bytes()), precomposed);
}
