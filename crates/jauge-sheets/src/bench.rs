//! For the reading benchmark (`benches/read.rs`) and the reader's tests only: a workbook's bytes read into tables, as
//! [`crate::read_offer`] reads them before it finds the layout and interprets the answers, so that
//! the benchmark shows what the parse costs apart from the rest. Not part of the API.

use crate::detect::{Format, detect};
use crate::error::Error;
use crate::guard::{self, Limits};

/// Reads a workbook (xlsx, xlsb, ods, xls) into tables with the guards, and counts their rows.
pub fn tables(file: &str, bytes: &[u8], limits: &Limits) -> Result<usize, Error> {
    guard::check_size(file, bytes, limits)?;
    let format = detect(bytes).ok_or_else(|| Error::UnknownFormat { file: file.to_string() })?;
    if matches!(format, Format::Xlsx | Format::Xlsb | Format::Ods) {
        guard::check_zip(file, bytes, limits)?;
    }
    Ok(crate::workbook::read(file, bytes, format, limits)?.iter().map(|t| t.rows.len()).sum())
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
    let first = crate::xlsx::read_with("f.xlsx", bytes, &limits, u64::MAX);
    let after = crate::xlsx::read_with("f.xlsx", bytes, &limits, 0);
    (format!("{first:?}"), format!("{after:?}"))
}
