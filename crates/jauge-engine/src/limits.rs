//! How large each kind of file Jauge reads may be. Front ends check a file's size against its cap
//! before reading a byte of it (the CLI from the file's metadata and through a bounded reader, the
//! web app from `File.size()`), so a hostile or mistaken file (several gigabytes, a device that
//! never ends) is refused at once rather than exhausting memory. The caps live here, in the engine
//! every front end depends on, rather than in `jauge-sheets`: the web app's interface module reads
//! grids and sessions without the spreadsheet reader, which it must not pull in.
//!
//! Measured on the sample tender (`samples/portail-citoyen/commission/session.json`): a session of
//! 6 offers on the 43 KB default grid weighs 75 KB. Built with `jauge session` from 50 offers on
//! that grid, a session weighs 300 KB with answers of a few lines and 1.5 MB with every free-text
//! answer a page long (its report takes 1.5 s and 60 MB in a debug build); evaluators' marks and
//! appraisals add a few hundred kilobytes each. The issue that set these caps measured 20 s and
//! 3.5 GB to report a 32 MB session. Caps stay a few times above what real files weigh.

use crate::error::Error;

/// One mebibyte.
pub const MB: u64 = 1024 * 1024;

/// Largest offer file (a filled response form or a JSON offer): 20 MB. Filled forms weigh tens of
/// kilobytes; a workbook with embedded images or long pasted answers stays well below. Archives
/// are also checked once opened (`jauge_sheets::Limits`).
pub const OFFER_BYTES: u64 = 20 * MB;

/// Largest grid file: 1 MB. The shipped grids weigh 14 and 43 KB; a grid of several hundred
/// criteria with long explanations stays under 500 KB.
pub const GRID_BYTES: u64 = MB;

/// Largest session file: 10 MB. A session of 50 offers with long answers and several evaluators'
/// marks weighs a few megabytes (see above); reporting one costs up to about 100 times its size in
/// memory, so 10 MB keeps the worst case around 1 GB and a few seconds. The web app keeps its
/// session in the browser's local storage, which holds about 5 MB anyway.
pub const SESSION_BYTES: u64 = 10 * MB;

/// Largest marks file (`jauge-marks/1`): 4 MB. Marks with an appraisal of a few hundred characters
/// for 50 offers and 40 manual criteria weigh under 1 MB.
pub const MARKS_BYTES: u64 = 4 * MB;

/// Largest procedure record file (`jauge session --record`): 1 MB. The record and decisions are a
/// few pages of text, tens of kilobytes.
pub const RECORD_BYTES: u64 = MB;

/// Most answers and comments an offer file may give: 20 000. The shipped grids have 43 criteria at
/// most and the reader's benchmark grid 10 000; a file that gives hundreds of thousands of answers
/// (4.7 MB of them took 400 MB to evaluate) is refused before they are kept: past the limit, an
/// offer file's answers are counted as they are read, never kept (`offer::capped`; a million
/// answers, 13 MB of JSON, took 141 MB to refuse after reading them all, and now less than the
/// text).
pub const OFFER_ANSWERS: usize = 20_000;

/// How many notes of one kind about a file's ignored parts (answers to criteria the grid does not
/// have, rows read twice…) are given one by one; the others are counted in one note
/// ([`crate::diagnostic::Named`]): 100 000 ignored rows are one count, not 100 000 notes.
pub const NAMED_NOTES: usize = 20;

/// Refuses a file of `size` bytes over `limit`, naming it.
pub fn check(file: &str, size: u64, limit: u64) -> Result<(), Error> {
    if size > limit {
        return Err(Error::TooLarge { file: file.to_string(), size: Some(size), limit });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_at_its_cap_is_read_and_one_byte_more_is_refused() {
        assert!(check("a.json", GRID_BYTES, GRID_BYTES).is_ok());
        assert_eq!(
            check("a.json", GRID_BYTES + 1, GRID_BYTES),
            Err(Error::TooLarge { file: "a.json".into(), size: Some(GRID_BYTES + 1), limit: GRID_BYTES })
        );
    }
}
