//! Below a sheet's top rows, the readers leave unbuilt the strings of the columns no reading
//! looks at (`layout::read_below_top`): every workbook here, built to defeat that, gives the same
//! offers read with that skipping and with every cell built, and the skipping does leave cells
//! unbuilt (so that the comparison compares two different readings).

use jauge_engine::CheckedGrid;
use jauge_sheets::HEADERS;
use jauge_sheets::bench::offers_skipping;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

const ROWS: u32 = 300;

/// A grid of `ROWS` criteria `C-0` … answered yes or no, and in text.
fn grid() -> CheckedGrid {
    numbered_grid(ROWS as usize, true)
}

/// A grid of `rows` criteria `C-0` …, answered in text (and every other one yes or no with
/// `yes_no`), and the price criterion every grid has.
pub fn numbered_grid(rows: usize, yes_no: bool) -> CheckedGrid {
    let criteria: Vec<String> = (0..rows)
        .map(|i| {
            let (answer, rule) = match i % 2 {
                0 if yes_no => (r#"{"type": "yes_no"}"#, r#"{"kind": "yes_no"}"#),
                _ => (r#"{"type": "text"}"#, r#"{"kind": "provided"}"#),
            };
            format!(
                r#"{{"id": "C-{i}", "label": {{"fr": "Critère {i}"}}, "question": {{"fr": "Q {i} ?"}}, "answer": {answer}, "rule": {rule}, "weight": 1}}"#
            )
        })
        .chain(std::iter::once(
            r#"{"id": "PRIX", "label": {"fr": "Prix"}, "question": {"fr": "Prix ?"}, "answer": {"type": "price"}, "rule": {"kind": "price", "method": "proportional"}, "weight": 1}"#.to_string(),
        ))
        .collect();
    CheckedGrid::from_json(&format!(
        r#"{{"format": "jauge-grid/1", "id": "saut", "version": "1.0.0", "title": {{"fr": "Saut"}}, "publisher": "t", "scale": {}, "families": [{{"id": "f", "label": {{"fr": "F"}}, "criteria": [{}]}}]}}"#,
        rows + 1,
        criteria.join(",")
    ))
    .expect("grid")
}

fn answer(i: u32) -> String {
    match i % 2 {
        0 => ["Oui", "Non"][(i % 4 / 2) as usize].to_string(),
        _ => format!("Réponse {i}"),
    }
}

/// The form's header at `header` (0-based) and one row per criterion below it, every column filled.
fn rows(sheet: &mut Worksheet, header: u32) {
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(header, c as u16, *h).expect("header");
    }
    for i in 0..ROWS {
        let r = header + 1 + i;
        let cells = [
            format!("C-{i}"),
            format!("Critère {i}"),
            format!("Question {i} ?"),
            "oui ou non".into(),
            "Non".into(),
            answer(i),
            format!("Commentaire {i}"),
            "Non".into(),
            "1".into(),
            "Famille".into(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, v).expect("cell");
        }
    }
}

fn book(build: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut book = Workbook::new();
    build(&mut book);
    book.save_to_buffer().expect("xlsx")
}

/// Reads `bytes` both ways: the same offers, some cells left unbuilt, and answers read.
fn same(name: &str, bytes: &[u8], grid: &CheckedGrid) {
    same_built(name, bytes, grid, false);
}

/// [`same`]; with `all`, every cell is built all the same (the skipping undone).
fn same_built(name: &str, bytes: &[u8], grid: &CheckedGrid, all: bool) {
    let (on, built_on) = offers_skipping(name, bytes, grid, true);
    let (off, built_off) = offers_skipping(name, bytes, grid, false);
    assert_eq!(on, off, "{name}");
    assert_eq!(built_on == built_off, all, "{name}: {built_on} cells built with skipping, {built_off} without");
    assert!(on.contains("raw: Some(") && on.contains("\"C-299\": Response"), "{name}: no answers read\n{on}");
}

#[test]
fn plain_forms_read_the_same() {
    let grid = grid();
    same("plain.xlsx", &book(|b| rows(b.add_worksheet(), 0)), &grid);
    // The header in the last of the top rows, below lines of text.
    same(
        "late.xlsx",
        &book(|b| {
            let s = b.add_worksheet();
            for r in 0..99 {
                s.write_string(r, 2, format!("Texte {r}")).expect("cell");
            }
            rows(s, 99)
        }),
        &grid,
    );
}

#[test]
fn merged_regions_from_unread_columns_read_the_same() {
    let grid = grid();
    let merged = book(|b| {
        let s = b.add_worksheet();
        rows(s, 0);
        let f = Format::new();
        // Over the answer and the comment, from the question's column, below the top.
        s.merge_range(151, 2, 151, 6, "Oui", &f).expect("merge");
        // Down and right, from the expected answer's column, over three answers.
        s.merge_range(201, 3, 203, 5, "Non", &f).expect("merge");
        // Across the top's last row, from inside the top and from its last row.
        s.merge_range(98, 2, 103, 5, "Oui", &f).expect("merge");
        s.merge_range(99, 6, 101, 6, "Non", &f).expect("merge");
        // From an unread column into unread ones only.
        s.merge_range(250, 7, 260, 9, "Rien", &f).expect("merge");
    });
    same("merged.xlsx", &merged, &grid);
    // The answer header merged over two columns, answers in both: the top rows, filled, head
    // another column than they did unfilled.
    let header = book(|b| {
        let s = b.add_worksheet();
        rows(s, 0);
        s.merge_range(0, 4, 0, 5, "Réponse", &Format::new()).expect("merge");
        s.merge_range(0, 0, 1, 0, "Identifiant", &Format::new()).expect("merge");
    });
    same("merged-header.xlsx", &header, &grid);
    // A header read only once merged: « Réponse » over D1:F2 fills E2, beside the id of row 2
    // (D2 holds a text of its own): the answers are in column E, headed nowhere unfilled.
    let late = book(|b| {
        let s = b.add_worksheet();
        s.merge_range(0, 3, 1, 5, "Réponse", &Format::new()).expect("merge");
        s.write_string(1, 0, "Identifiant").expect("cell");
        s.write_string(1, 3, "Libellé").expect("cell");
        for i in 0..ROWS {
            let r = 2 + i;
            s.write_string(r, 0, format!("C-{i}")).expect("cell");
            s.write_string(r, 3, format!("Critère {i}")).expect("cell");
            // (No « Réponse … » text in the top rows: it would head the column.)
            s.write_string(r, 4, ["Oui", "Non"][(i % 2) as usize]).expect("cell");
        }
    });
    same_built("merged-late-header.xlsx", &late, &grid, true);
}

#[test]
fn several_tables_read_the_same() {
    let grid = grid();
    let bytes = book(|b| {
        // An annex first, headed like an answer table, with ids of its own.
        let annex = b.add_worksheet();
        annex.set_name("Annexe").expect("name");
        annex.write_string(0, 1, "Référence").expect("cell");
        annex.write_string(0, 3, "Valeur").expect("cell");
        for r in 1..400 {
            annex.write_string(r, 0, format!("Ligne {r}")).expect("cell");
            annex.write_string(r, 1, format!("{}-{}", ["L", "C"][usize::from(r % 50 == 0)], r / 50)).expect("cell");
            annex.write_string(r, 2, format!("Texte {r}")).expect("cell");
            annex.write_string(r, 3, "Oui").expect("cell");
        }
        let s = b.add_worksheet();
        s.set_name("Réponse").expect("name");
        rows(s, 0);
        // A second header in the top rows, over other columns.
        s.write_string(50, 1, "Code").expect("cell");
        s.write_string(50, 3, "Votre réponse").expect("cell");
    });
    same("tables.xlsx", &bytes, &grid);
}

#[test]
fn lot_columns_read_the_same() {
    let text = std::fs::read_to_string(crate::root().join("tests/cases/lots/grid.json")).expect("grid");
    let grid = CheckedGrid::from_json(&text).expect("grid");
    let ids = ["SEC-01", "ENV-01", "HEB-02", "HEB-01", "TMA-01", "TMA-02"];
    let bytes = book(|b| {
        let s = b.add_worksheet();
        s.write_string(0, 0, "Candidat au lot 1").expect("cell");
        s.write_string(0, 1, "Oui").expect("cell");
        s.write_string(1, 0, "Candidat au lot 2").expect("cell");
        s.write_string(1, 1, "Oui").expect("cell");
        for (c, h) in ["Commentaire", "Question", "Lot", "Identifiant", "Note", "Réponse"].iter().enumerate() {
            s.write_string(3, c as u16, *h).expect("header");
        }
        for r in 4..400u32 {
            let i = r as usize % ids.len();
            let lot = if r % 3 == 0 { "Lot 2" } else { "1" };
            let id = if r < 350 { format!("X-{r}") } else { ids[i].to_string() };
            let cells = [format!("Commentaire {r}"), format!("Question {r}"), lot.into(), id, "x".into(), "Oui".into()];
            for (c, v) in cells.iter().enumerate() {
                s.write_string(r, c as u16, v).expect("cell");
            }
        }
    });
    let (on, built_on) = offers_skipping("lots.xlsx", &bytes, &grid, true);
    let (off, built_off) = offers_skipping("lots.xlsx", &bytes, &grid, false);
    assert_eq!(on, off);
    assert!(built_on < built_off, "{built_on} cells built with skipping, {built_off} without");
    assert!(on.contains("\"SEC-01\": Response") && on.matches("lot: Some(").count() == 2, "{on}");
}

#[test]
fn ods_forms_read_the_same() {
    use spreadsheet_ods::{Sheet, WorkBook};
    let grid = grid();
    let write = |header: u32, annex: bool| {
        let mut book = WorkBook::new_empty();
        if annex {
            let mut a = Sheet::new("Annexe");
            a.set_value(0, 1, "Référence");
            a.set_value(0, 3, "Valeur");
            for r in 1..400u32 {
                a.set_value(r, 1, format!("{}-{}", ["L", "C"][usize::from(r % 50 == 0)], r / 50));
                a.set_value(r, 2, format!("Texte {r}"));
                a.set_value(r, 3, "Oui");
            }
            book.push_sheet(a);
        }
        let mut s = Sheet::new("Réponse");
        for r in 0..header {
            s.set_value(r, 2, format!("Texte {r}"));
        }
        for (c, h) in HEADERS.iter().enumerate() {
            s.set_value(header, c as u32, *h);
        }
        for i in 0..ROWS {
            let r = header + 1 + i;
            s.set_value(r, 0, format!("C-{i}"));
            s.set_value(r, 2, format!("Question {i} ?"));
            s.set_value(r, 5, answer(i));
            s.set_value(r, 6, format!("Commentaire {i}"));
            s.set_value(r, 9, "Famille");
        }
        // Repeated empty cells across unread and read columns, and a number.
        s.set_value(ROWS, 8, 12.5);
        book.push_sheet(s);
        spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).expect("ods")
    };
    same("plain.ods", &write(0, false), &grid);
    same("late.ods", &write(99, true), &grid);
}
