//! Limits on what a file may cost to read, checked before any parser sees it: file size, zip
//! bombs (declared and actual uncompressed sizes), and sheet extents that would exhaust memory.

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
    /// Most cells a sheet's extent may span, rows × columns (default 20 million).
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
            max_sheet_cells: 20_000_000,
            max_cell_chars: 32_767,
        }
    }
}

/// Refuses a file over the size cap.
pub fn check_size(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    jauge_engine::limits::check(file, bytes.len() as u64, limits.max_file_bytes)
}

/// Checks a zip archive before parsing: entry count, declared sizes against the cap, actual sizes
/// against the declared ones (decompressing with a bound, so a lying header cannot run away), and
/// the extent of xlsx worksheets.
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
        let is_sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let mut buf = Vec::new();
        let read = if is_sheet {
            (&mut entry).take(declared.min(budget) + 1).read_to_end(&mut buf).map(|n| n as u64)
        } else {
            std::io::copy(&mut (&mut entry).take(declared.min(budget) + 1), &mut std::io::sink())
        }
        .map_err(|e| damaged(format!("{name} : {e}")))?;
        if read > declared {
            return Err(bomb(
                format!("l'entrée {name} dépasse sa taille déclarée ({declared} octets)"),
                format!("entry {name} exceeds its declared size ({declared} bytes)"),
            ));
        }
        actual_total += read;
        if is_sheet {
            let (rows, cols) = extent(&buf);
            if rows.saturating_mul(cols) > limits.max_sheet_cells {
                return Err(bomb(
                    format!(
                        "la feuille {name} s'étend sur {rows} lignes × {cols} colonnes, limite {} cellules",
                        limits.max_sheet_cells
                    ),
                    format!("sheet {name} spans {rows} rows × {cols} columns, limit {} cells", limits.max_sheet_cells),
                ));
            }
        }
    }
    Ok(())
}

/// The largest row and column of the cells (`<c r="XFD1048576"`) of an xlsx worksheet.
fn extent(xml: &[u8]) -> (u64, u64) {
    let (mut rows, mut cols) = (0u64, 0u64);
    let pattern = b"<c r=\"";
    let mut i = 0;
    while let Some(pos) = xml[i..].windows(pattern.len()).position(|w| w == pattern) {
        let start = i + pos + pattern.len();
        let end = xml[start..].iter().position(|b| *b == b'"').map_or(xml.len(), |e| start + e);
        let reference = &xml[start..end];
        let letters = reference.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let col =
            reference[..letters].iter().fold(0u64, |acc, b| acc * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1));
        let row = std::str::from_utf8(&reference[letters..]).ok().and_then(|r| r.parse::<u64>().ok()).unwrap_or(0);
        rows = rows.max(row);
        cols = cols.max(col);
        i = end;
    }
    (rows, cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_the_extent_of_a_worksheet() {
        let xml = br#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C7"/></row><c r="XFD1048576"><v>1</v></c>"#;
        assert_eq!(extent(xml), (1_048_576, 16_384));
        assert_eq!(extent(b"<sheetData/>"), (0, 0));
    }
}
