//! Jauge's spreadsheet side. Reads a supplier's filled response form from bytes, whatever the
//! producer (xlsx, xlsm, xlsb, xls, ods through calamine; CSV through the csv crate; JSON offers),
//! into the engine's [`Offer`] with located diagnostics; and writes the response form for a grid,
//! the results of an evaluation and any [`jauge_document::Document`] (xlsx, ods, csv).
//! It never opens a path: the CLI reads files, the web app reads browser files.

#[doc(hidden)]
pub mod bench;
mod csvfile;
mod detect;
pub mod document;
mod error;
mod finding;
mod form;
mod guard;
mod layout;
mod lots;
mod ods;
pub mod results;
mod scan;
mod table;
pub mod tables;
mod workbook;
mod xlsx;

use jauge_engine::text::both;
use jauge_engine::{CheckedGrid, Diagnostic, Offer, OfferId, Severity};

pub use detect::{Format, detect};
pub use document::write_document;
pub use error::Error;
pub use form::{FormKind, HEADERS, write_form};
pub use guard::Limits;
pub use results::{schedule_lines, write_priced_results, write_results};
pub use tables::{Cell, Table, write_tables};

/// Reads one offer file. Errors are for files that cannot be read at all; problems in cells come
/// back as the offer's diagnostics, each naming the file, sheet, cell and criterion.
/// The offer carries the SHA-256 of the bytes it was read from, which is also its identity.
pub fn read_offer(file: &str, bytes: &[u8], grid: &CheckedGrid, limits: &Limits) -> Result<Offer, Error> {
    let mut offer = read(file, bytes, grid, limits)?;
    identify(&mut offer, &identity(bytes, None));
    Ok(offer)
}

/// Reads one offer file for a grid that may have lots: one offer per lot the bidder bids for
/// (a form covering several lots gives several offers, each identified by the file's SHA-256 and
/// its lot), with the answers to lots it does not bid for reported and not scored. For a grid
/// without lots, the one offer [`read_offer`] reads.
pub fn read_offers(file: &str, bytes: &[u8], grid: &CheckedGrid, limits: &Limits) -> Result<Vec<Offer>, Error> {
    read_offers_hashed(file, bytes, None, grid, limits)
}

/// [`read_offers`] of a file whose SHA-256 the caller has computed from the same bytes (64
/// lower-case hexadecimal digits; anything else is ignored and the SHA-256 computed here): in the
/// browser, the reader worker has it from the browser's own SHA-256 (WebCrypto), several times
/// faster than this crate's compiled to WebAssembly.
pub fn read_offers_hashed(
    file: &str,
    bytes: &[u8],
    sha256: Option<&str>,
    grid: &CheckedGrid,
    limits: &Limits,
) -> Result<Vec<Offer>, Error> {
    if grid.grid().lots.is_empty() {
        let mut offer = read(file, bytes, grid, limits)?;
        identify(&mut offer, &identity(bytes, sha256));
        return Ok(vec![offer]);
    }
    let mut offers = match parse(file, bytes, limits)? {
        Parsed::Json(offer) => vec![*offer],
        Parsed::Tables(tables, note) => {
            let mut offers = lots::offers(file, &tables, grid, limits)
                .ok_or_else(|| Error::NoAnswerTable { file: file.to_string() })?;
            for offer in &mut offers {
                offer.diagnostics.splice(0..0, note.clone());
            }
            offers
        }
    };
    let file = identity(bytes, sha256);
    for offer in &mut offers {
        identify(offer, &file);
    }
    Ok(offers)
}

/// A file's identity, its SHA-256: the one a caller computed from the same bytes when it gives
/// one (64 lower-case hexadecimal digits), or computed here.
fn identity(bytes: &[u8], given: Option<&str>) -> OfferId {
    match given.filter(|h| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))) {
        Some(hex) => OfferId(hex.to_string()),
        None => OfferId::of_file(bytes),
    }
}

/// The offer's identity from its file's (and its lot), the file's SHA-256, and the seal of what
/// was read.
fn identify(offer: &mut Offer, file: &OfferId) {
    offer.sha256 = Some(file.as_str().to_string());
    offer.id = match &offer.lot {
        Some(lot) => file.for_lot(lot),
        None => file.clone(),
    };
    offer.seal();
}

/// A file as read: a JSON offer, or tables (with the note on how a csv was read).
enum Parsed {
    Json(Box<Offer>),
    Tables(Vec<table::Table>, Vec<Diagnostic>),
}

fn read(file: &str, bytes: &[u8], grid: &CheckedGrid, limits: &Limits) -> Result<Offer, Error> {
    match parse(file, bytes, limits)? {
        Parsed::Json(offer) => Ok(*offer),
        Parsed::Tables(tables, note) => {
            let mut offer = layout::offer(file, &tables, grid, limits)
                .ok_or_else(|| Error::NoAnswerTable { file: file.to_string() })?;
            offer.diagnostics.splice(0..0, note);
            Ok(offer)
        }
    }
}

fn parse(file: &str, bytes: &[u8], limits: &Limits) -> Result<Parsed, Error> {
    guard::check_size(file, bytes, limits)?;
    let format = detect(bytes).ok_or_else(|| Error::UnknownFormat { file: file.to_string() })?;
    let tables = match format {
        Format::Json => {
            let text = csvfile::decode(bytes).0;
            // A bidder's file: marks it carries are not the evaluators' (`Offer::as_received`).
            return Offer::from_json(file, &text)
                .map(|o| Parsed::Json(Box::new(o.as_received())))
                .map_err(|source| Error::Json { file: file.to_string(), source: Box::new(source) });
        }
        Format::Csv => {
            let (table, encoding, delimiter) = csvfile::read(file, bytes);
            let name = match delimiter {
                b';' => "« ; »",
                b',' => "« , »",
                _ => "tabulation",
            };
            let note = Diagnostic::new(
                "csv",
                Severity::Info,
                both(|l| {
                    l.pick(
                        format!("CSV lu avec le séparateur {name}, encodage {encoding:?}"),
                        format!("CSV read with separator {name}, encoding {encoding:?}"),
                    )
                }),
            )
            .file(file);
            return Ok(Parsed::Tables(vec![table], vec![note]));
        }
        Format::Xlsx | Format::Xlsb | Format::Ods => {
            guard::check_zip(file, bytes, format, limits)?;
            workbook::read(file, bytes, format, limits)?
        }
        Format::Xls | Format::EncryptedOoxml => workbook::read(file, bytes, format, limits)?,
    };
    Ok(Parsed::Tables(tables, Vec::new()))
}
