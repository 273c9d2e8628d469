//! Parts that the workbook readers inflate themselves (an xlsx's sheets and shared strings) are
//! checked as the guard checks every other part: one that inflates to more than its archive
//! declares is refused (the zip reader stops it as damaged, as the guard's check does for the
//! other parts), never read past its declared size.

use std::path::Path;

use jauge_engine::CheckedGrid;
use jauge_sheets::{Error, Limits, read_offer};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)).expect("workbook")
}

fn grid() -> CheckedGrid {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/grille-pieges.json");
    CheckedGrid::from_json(&std::fs::read_to_string(path).expect("grid")).expect("valid grid")
}

/// The archive with the uncompressed size of entry `name` declared as `size`, in its local header
/// and in the central directory.
fn declare(mut zip: Vec<u8>, name: &str, size: u32) -> Vec<u8> {
    let le32 = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let le16 = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
    let mut patched = 0;
    let mut i = 0;
    while i + 46 <= zip.len() {
        if zip[i..i + 4] == *b"PK\x01\x02" {
            let len = le16(&zip, i + 28);
            if zip.get(i + 46..i + 46 + len) == Some(name.as_bytes()) {
                zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
                let local = le32(&zip, i + 42);
                zip[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
        }
        i += 1;
    }
    assert_eq!(patched, 1, "{name} not found");
    zip
}

#[test]
fn a_sheet_or_shared_strings_larger_than_declared_are_refused() {
    for part in ["xl/worksheets/sheet3.xml", "xl/sharedStrings.xml"] {
        let bytes = declare(fixture("extra-rust-xlsxwriter.xlsx"), part, 100);
        let err = read_offer("ment.xlsx", &bytes, &grid(), &Limits::default()).expect_err("a lying size");
        assert!(matches!(&err, Error::Damaged { format, .. } if format == "zip"), "{part}: {err}");
        let said = err.describe(jauge_engine::Lang::En);
        assert!(said.contains(&format!("{part} : File is larger than its declared uncompressed size")), "{said}");
    }
}

/// The small parts every reading opens, which the readers inflate once through the guard's
/// check (no longer the guard first, then the reader), are refused as they were, naming the part.
#[test]
fn the_small_parts_larger_than_declared_are_refused() {
    let xlsx = ["_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/theme/theme1.xml"];
    let ods = ["mimetype", "META-INF/manifest.xml", "styles.xml", "content.xml"];
    let cases = xlsx
        .iter()
        .map(|p| ("extra-rust-xlsxwriter.xlsx", *p))
        .chain(ods.iter().map(|p| ("extra-spreadsheet-ods.ods", *p)));
    for (file, part) in cases {
        let bytes = declare(fixture(file), part, 10);
        let err = read_offer(file, &bytes, &grid(), &Limits::default()).expect_err("a lying size");
        assert!(matches!(&err, Error::Damaged { format, .. } if format == "zip"), "{part}: {err}");
        let said = err.describe(jauge_engine::Lang::En);
        assert!(said.contains(&format!("{part} : File is larger than its declared uncompressed size")), "{said}");
    }
}
