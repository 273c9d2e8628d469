//! For the reading benchmark (`benches/read.rs`) and the reader's tests only: a workbook's bytes read into tables, as
//! [`crate::read_offer`] reads them before it finds the layout and interprets the answers, so that
//! the benchmark shows what the parse costs apart from the rest. Not part of the API.

use crate::detect::{Format, detect};
use crate::error::Error;
use crate::guard::{self, Limits};
use crate::scan::Ways;

/// Reads a workbook (xlsx, xlsb, ods, xls) into tables with the guards, and counts their rows.
pub fn tables(file: &str, bytes: &[u8], limits: &Limits) -> Result<usize, Error> {
    guard::check_size(file, bytes, limits)?;
    let format = detect(bytes).ok_or_else(|| Error::UnknownFormat { file: file.to_string() })?;
    if matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
        guard::check_zip(file, bytes, format, limits)?;
    }
    Ok(crate::workbook::read(file, bytes, format, limits)?.iter().map(|t| t.rows.len()).sum())
}

/// [`tables`], an xlsx or ods workbook read without the byte scan (every element parsed by
/// quick-xml, as the readers read before it): the benchmark's before and after in one run.
pub fn tables_unscanned(file: &str, bytes: &[u8], limits: &Limits) -> Result<usize, Error> {
    guard::check_size(file, bytes, limits)?;
    let format = detect(bytes).ok_or_else(|| Error::UnknownFormat { file: file.to_string() })?;
    guard::check_zip(file, bytes, format, limits)?;
    let ways = Ways { skip: true, scan: false };
    let tables = match format {
        Format::Xlsx => crate::xlsx::read_with(file, bytes, limits, crate::xlsx::LAZY_STRINGS_BYTES, ways)?,
        Format::Ods => crate::ods::read_with(file, bytes, limits, ways)?,
        _ => crate::workbook::read(file, bytes, format, limits)?,
    };
    Ok(tables.iter().map(|t| t.rows.len()).sum())
}

/// A file read into an offer as [`crate::read_offer`] reads it, but neither identified nor sealed
/// (no SHA-256 of the file, no content fingerprint), so that the benchmark shows those apart.
pub fn unsealed(
    file: &str,
    bytes: &[u8],
    grid: &jauge_engine::CheckedGrid,
    limits: &Limits,
) -> Result<jauge_engine::Offer, Error> {
    crate::read(file, bytes, grid, limits)
}

/// An xlsx workbook's tables (their debug text, or the refusal's) read with its shared strings
/// read before the sheets and after them, for the test that both ways read the same.
pub fn xlsx_both_ways(bytes: &[u8]) -> (String, String) {
    let limits = Limits::default();
    let first = crate::xlsx::read_with("f.xlsx", bytes, &limits, u64::MAX, Ways::FAST);
    let after = crate::xlsx::read_with("f.xlsx", bytes, &limits, 0, Ways::FAST);
    (format!("{first:?}"), format!("{after:?}"))
}

/// An xlsx or ods workbook read into offers as [`crate::read_offers`] reads them (unsealed), with
/// the strings of the cells no reading looks at left unbuilt (`skip`) or every cell built, and the
/// count of the text cells built: for the test that both give the same offers.
pub fn offers_skipping(file: &str, bytes: &[u8], grid: &jauge_engine::CheckedGrid, skip: bool) -> (String, usize) {
    offers_with(file, bytes, grid, skip, true)
}

/// [`offers_skipping`], and with `scan` plain values and strings taken from the bytes without
/// quick-xml (as the reader reads), or every element parsed: for the test that both read the same.
pub fn offers_with(
    file: &str,
    bytes: &[u8],
    grid: &jauge_engine::CheckedGrid,
    skip: bool,
    scan: bool,
) -> (String, usize) {
    let limits = Limits::default();
    let tables = match detect(bytes) {
        Some(Format::Xlsx) => {
            crate::xlsx::read_with(file, bytes, &limits, crate::xlsx::LAZY_STRINGS_BYTES, Ways { skip, scan })
        }
        Some(Format::Ods) => crate::ods::read_with(file, bytes, &limits, Ways { skip, scan }),
        _ => return ("neither xlsx nor ods".into(), 0),
    };
    let tables = match tables {
        Ok(tables) => tables,
        Err(e) => return (format!("{e:?}"), 0),
    };
    let built = tables.iter().flat_map(|t| t.rows.iter().flatten()).filter(|c| !c.is_empty()).count();
    let offers = match grid.grid().lots.is_empty() {
        true => crate::layout::offer(file, &tables, grid, &limits).map(|o| vec![o]),
        false => crate::lots::offers(file, &tables, grid, &limits),
    };
    (format!("{offers:#?}"), built)
}
