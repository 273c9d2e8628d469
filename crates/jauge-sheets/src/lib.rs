//! Jauge's spreadsheet side. Reads a supplier's filled response form from bytes, whatever the
//! producer (xlsx, xlsm, xlsb, xls, ods through calamine; CSV through the csv crate; JSON offers),
//! into the engine's [`Offer`] with located diagnostics; and writes the response form for a grid,
//! the results of an evaluation and any [`jauge_document::Document`] (xlsx, ods, csv).
//! It never opens a path: the CLI reads files, the web app reads browser files.

mod csvfile;
mod detect;
pub mod document;
mod error;
mod finding;
mod form;
mod guard;
mod layout;
mod percent;
pub mod results;
mod table;
pub mod tables;
mod workbook;

use jauge_engine::text::both;
use jauge_engine::{CheckedGrid, Diagnostic, Offer, Severity};

pub use detect::{Format, detect};
pub use document::write_document;
pub use error::Error;
pub use form::{FormKind, HEADERS, write_form};
pub use guard::Limits;
pub use results::write_results;
pub use tables::{Cell, Table, write_tables};

/// Reads one offer file. Errors are for files that cannot be read at all; problems in cells come
/// back as the offer's diagnostics, each naming the file, sheet, cell and criterion.
/// The offer carries the SHA-256 of the bytes it was read from, which is also its identity.
pub fn read_offer(file: &str, bytes: &[u8], grid: &CheckedGrid, limits: &Limits) -> Result<Offer, Error> {
    let mut offer = read(file, bytes, grid, limits)?;
    offer.id = jauge_engine::OfferId::of_file(bytes);
    offer.sha256 = Some(offer.id.as_str().to_string());
    offer.seal();
    Ok(offer)
}

fn read(file: &str, bytes: &[u8], grid: &CheckedGrid, limits: &Limits) -> Result<Offer, Error> {
    guard::check_size(file, bytes, limits)?;
    let format = detect(bytes).ok_or_else(|| Error::UnknownFormat { file: file.to_string() })?;
    let tables = match format {
        Format::Json => {
            let text = csvfile::decode(bytes).0;
            return Offer::from_json(file, &text)
                .map_err(|source| Error::Json { file: file.to_string(), source: Box::new(source) });
        }
        Format::Csv => {
            let (table, encoding, delimiter) = csvfile::read(file, bytes);
            let mut offer = layout::offer(file, std::slice::from_ref(&table), grid, limits)
                .ok_or_else(|| Error::NoAnswerTable { file: file.to_string() })?;
            let name = match delimiter {
                b';' => "« ; »",
                b',' => "« , »",
                _ => "tabulation",
            };
            offer.diagnostics.insert(
                0,
                Diagnostic::new(
                    "csv",
                    Severity::Info,
                    both(|l| {
                        l.pick(
                            format!("CSV lu avec le séparateur {name}, encodage {encoding:?}"),
                            format!("CSV read with separator {name}, encoding {encoding:?}"),
                        )
                    }),
                )
                .file(file),
            );
            return Ok(offer);
        }
        Format::Xlsx | Format::Xlsb | Format::Ods => {
            guard::check_zip(file, bytes, limits)?;
            workbook::read(file, bytes, format, limits)?
        }
        Format::Xls | Format::EncryptedOoxml => workbook::read(file, bytes, format, limits)?,
    };
    layout::offer(file, &tables, grid, limits).ok_or_else(|| Error::NoAnswerTable { file: file.to_string() })
}
