//! Limits on what a file may cost to read, checked before any parser sees it: file size and zip
//! bombs (declared and actual uncompressed sizes). What a sheet may cost in cells is bounded while
//! it is read, from the parser's own view of each cell (`workbook.rs`), not guessed from its text.

use std::io::{Cursor, Read};

use crate::error::Error;

/// What reading one file may cost. The defaults suit tender responses with room to spare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes (default [`jauge_engine::limits::OFFER_BYTES`], 20 MB).
    pub max_file_bytes: u64,
    /// Largest total uncompressed size of an archive, in bytes (default 400 MB).
    pub max_expanded_bytes: u64,
    /// Most entries in an archive (default 10 000).
    pub max_entries: usize,
    /// Most cells a sheet may cost once read: its cells and the empty ones between them in each
    /// row, and one per row (default 5 million, 25 times the largest form we have seen).
    pub max_sheet_cells: u64,
    /// Characters of a cell kept for reading; longer cells are cut with a diagnostic (default 32 767,
    /// the most a spreadsheet cell holds).
    pub max_cell_chars: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: jauge_engine::limits::OFFER_BYTES,
            max_expanded_bytes: 400 * 1024 * 1024,
            max_entries: 10_000,
            max_sheet_cells: 5_000_000,
            max_cell_chars: 32_767,
        }
    }
}

/// Refuses a file over the size cap.
pub fn check_size(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    jauge_engine::limits::check(file, bytes.len() as u64, limits.max_file_bytes)
}

/// Checks a zip archive before parsing: entry count, declared sizes against the cap, and actual
/// sizes against the declared ones (decompressing with a bound and keeping nothing, so a lying
/// header cannot run away).
pub fn check_zip(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    let bomb = |fr: String, en: String| Error::Bomb { file: file.to_string(), detail: jauge_engine::Text::new(fr, en) };
    let damaged = |detail: String| Error::Damaged { file: file.to_string(), format: "zip".into(), detail };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    if archive.len() > limits.max_entries {
        return Err(bomb(
            format!("{} entrées, limite {}", archive.len(), limits.max_entries),
            format!("{} entries, limit {}", archive.len(), limits.max_entries),
        ));
    }
    let mut declared_total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| damaged(e.to_string()))?;
        declared_total = declared_total.saturating_add(entry.size());
    }
    if declared_total > limits.max_expanded_bytes {
        return Err(bomb(
            format!("{declared_total} octets une fois décompressée, limite {} octets", limits.max_expanded_bytes),
            format!("{declared_total} bytes once uncompressed, limit {} bytes", limits.max_expanded_bytes),
        ));
    }
    let mut actual_total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| damaged(e.to_string()))?;
        let name = entry.name().map(|n| n.to_string()).unwrap_or_default();
        let declared = entry.size();
        let budget = limits.max_expanded_bytes - actual_total;
        let read = std::io::copy(&mut (&mut entry).take(declared.min(budget) + 1), &mut std::io::sink())
            .map_err(|e| damaged(format!("{name} : {e}")))?;
        if read > declared {
            return Err(bomb(
                format!("l'entrée {name} dépasse sa taille déclarée ({declared} octets)"),
                format!("entry {name} exceeds its declared size ({declared} bytes)"),
            ));
        }
        actual_total += read;
    }
    Ok(())
}
