//! Limits on what a file may cost to read: file size and zip bombs (declared and actual
//! uncompressed sizes), checked before any parser sees the file — except the actual size of the
//! parts the xlsx and ods readers parse, which they inflate once, through [`Checked`], as they read
//! them, with the same check. What a sheet may cost in cells is bounded while it is read, from the
//! parser's own view of each cell (`workbook.rs`, `ods.rs`), not guessed from its text.

use std::io::{Cursor, Read};

use crate::detect::Format;
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
pub fn check_zip(file: &str, bytes: &[u8], format: Format, limits: &Limits) -> Result<(), Error> {
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
        // The workbook readers inflate these parts themselves, once, checking them as here
        // ([`Checked`]): they are not inflated twice.
        if inflated_by_reader(format, &name) {
            actual_total += declared;
            continue;
        }
        let budget = limits.max_expanded_bytes - actual_total;
        let read = std::io::copy(&mut (&mut entry).take(declared.min(budget) + 1), &mut std::io::sink())
            .map_err(|e| damaged(format!("{name} : {e}")))?;
        if read > declared {
            return Err(oversized(file, &name, declared));
        }
        actual_total += read;
    }
    Ok(())
}

/// The parts of an xlsx or ods archive that the workbook readers inflate themselves, through
/// [`Checked`], as they parse them: the sheets, the shared strings and an ods's content, and the
/// small parts every reading opens (an xlsx's relationships, workbook and styles; an ods's
/// media type and manifest), which were inflated twice. Any other part is checked by
/// [`check_zip`]; a reader that inflates a part never skips the check. (An xlsb's parts are
/// read by calamine, unchecked: none is left to it.)
fn inflated_by_reader(format: Format, name: &str) -> bool {
    match format {
        Format::Xlsx => {
            matches!(
                name,
                "xl/sharedStrings.xml"
                    | "_rels/.rels"
                    | "xl/workbook.xml"
                    | "xl/_rels/workbook.xml.rels"
                    | "xl/styles.xml"
            ) || name.strip_prefix("xl/worksheets/").is_some_and(|s| s.ends_with(".xml") && !s.contains('/'))
        }
        Format::Ods => matches!(name, "content.xml" | "mimetype" | "META-INF/manifest.xml"),
        _ => false,
    }
}

/// The refusal of an entry that inflates to more than it declares.
fn oversized(file: &str, name: &str, declared: u64) -> Error {
    Error::Bomb {
        file: file.to_string(),
        detail: jauge_engine::Text::new(
            format!("l'entrée {name} dépasse sa taille déclarée ({declared} octets)"),
            format!("entry {name} exceeds its declared size ({declared} bytes)"),
        ),
    }
}

/// An archive entry inflated as it is read, with the check [`check_zip`] makes: never more than
/// its declared size plus one byte is inflated, and [`Checked::finish`] refuses it as a bomb when
/// it gave more than it declares. The declared sizes were checked against the limit before.
pub(crate) struct Checked<'a, 'b> {
    entry: std::io::Take<zip::read::ZipFile<'a, Cursor<&'b [u8]>>>,
    file: String,
    name: String,
    declared: u64,
    read: u64,
}

impl<'a, 'b> Checked<'a, 'b> {
    /// Opens the entry `name` (as the archive spells it).
    pub(crate) fn open(
        file: &str,
        archive: &'a mut zip::ZipArchive<Cursor<&'b [u8]>>,
        name: &str,
        limits: &Limits,
    ) -> Result<Checked<'a, 'b>, Error> {
        let damaged = |detail: String| Error::Damaged { file: file.to_string(), format: "zip".into(), detail };
        let entry = archive.by_name(name).map_err(|e| damaged(format!("{name} : {e}")))?;
        let declared = entry.size();
        if declared > limits.max_expanded_bytes {
            return Err(Error::Bomb {
                file: file.to_string(),
                detail: jauge_engine::Text::new(
                    format!("{declared} octets une fois décompressée, limite {} octets", limits.max_expanded_bytes),
                    format!("{declared} bytes once uncompressed, limit {} bytes", limits.max_expanded_bytes),
                ),
            });
        }
        Ok(Checked {
            entry: entry.take(declared + 1),
            file: file.to_string(),
            name: name.to_string(),
            declared,
            read: 0,
        })
    }

    /// The entry's declared uncompressed size (within the limit).
    pub(crate) fn declared(&self) -> u64 {
        self.declared
    }

    /// Inflates what is left of the entry (keeping nothing) and refuses it when it gave more
    /// than it declares.
    pub(crate) fn finish(mut self) -> Result<(), Error> {
        let damaged = |detail: String| Error::Damaged { file: self.file.clone(), format: "zip".into(), detail };
        let rest = std::io::copy(&mut self.entry, &mut std::io::sink());
        if self.read + rest.as_ref().copied().unwrap_or(0) > self.declared {
            return Err(oversized(&self.file, &self.name, self.declared));
        }
        rest.map_err(|e| damaged(format!("{} : {e}", self.name)))?;
        Ok(())
    }
}

impl Read for Checked<'_, '_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.entry.read(buf)?;
        self.read += n as u64;
        if self.read > self.declared {
            // Stops the parser; `finish` words the refusal.
            return Err(std::io::Error::other("entry exceeds its declared size"));
        }
        Ok(n)
    }
}

/// Checks an xls workbook before calamine reads it: calamine builds each sheet as a dense range
/// from its cells, and reserves the room a DIMENSIONS record declares, at once when the workbook is
/// opened. So the BIFF records of the workbook stream are scanned first, as calamine reads them:
/// a declared extent that is incoherent or over the limit, or cells spread over more than the
/// limit, refuse the file before any of that memory is asked for; so does a container this check
/// cannot read (found by fuzzing: calamine read one that `cfb` refuses, unchecked).
#[cfg(feature = "legacy")]
pub fn check_xls(file: &str, bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    // A container this check cannot read is not left to calamine, whose reader is more lenient:
    // what it would read unchecked could make it reserve memory the process cannot have.
    let damaged = |detail: String| Error::Damaged { file: file.to_string(), format: "xls".into(), detail };
    let mut container = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let Some(stream) = ["/Workbook", "/Book"].iter().find_map(|p| container.open_stream(p).ok()) else {
        return Err(damaged("no Workbook stream".into()));
    };
    let mut data = Vec::new();
    stream.take(limits.max_expanded_bytes).read_to_end(&mut data).map_err(|e| damaged(e.to_string()))?;
    // calamine reads the workbook globals from the start of the stream, then each sheet from the
    // position its BOUNDSHEET record gives, which may fall anywhere (inside another record, say):
    // every sheet is scanned from there, as calamine will read it.
    let mut starts = vec![0usize];
    let mut pos = 0;
    while pos + 4 <= data.len() {
        let (typ, len) = (u16_at(&data, pos), u16_at(&data, pos + 2) as usize);
        if typ == 0x0085 {
            starts.push(u32_at(&data, pos + 4) as usize);
        }
        pos += 4 + len;
    }
    for start in starts {
        scan_xls(file, &data, start, limits)?;
    }
    Ok(())
}

/// Scans the BIFF records of an xls workbook stream from `start` to the end of its sheet (the
/// first EOF record after a position other than the stream's start): declared extents and cells,
/// as calamine reads them.
#[cfg(feature = "legacy")]
fn scan_xls(file: &str, data: &[u8], start: usize, limits: &Limits) -> Result<(), Error> {
    let refuse =
        |fr: String, en: String| Error::Bomb { file: file.to_string(), detail: jauge_engine::Text::new(fr, en) };
    // The extent of the cells of the sheet being scanned, 0-based (rows, columns).
    let (mut rows, mut cols) = (0u64, 0u64);
    let over = |rows: u64, cols: u64| (rows + 1).saturating_mul(cols + 1) > limits.max_sheet_cells;
    let mut pos = start;
    while pos + 4 <= data.len() {
        let typ = u16_at(data, pos);
        let len = u16_at(data, pos + 2) as usize;
        let record = &data[pos + 4..(pos + 4 + len).min(data.len())];
        pos += 4 + len;
        match typ {
            // BOF: a new sheet (or the workbook globals) starts.
            0x0809 => (rows, cols) = (0, 0),
            // EOF: a sheet scanned from its own position ends here.
            0x000A if start > 0 => return Ok(()),
            // DIMENSIONS, read as calamine reads it (BIFF5: 16-bit rows, BIFF8: 32-bit rows).
            0x0200 => {
                let (first_row, last_row, mut first_col, last_col) = match record.len() {
                    10 => (u16_at(record, 0), u16_at(record, 2), u16_at(record, 4), u16_at(record, 6)),
                    14 | 16 => (u32_at(record, 0), u32_at(record, 4), u16_at(record, 8), u16_at(record, 10)),
                    _ => continue,
                };
                if first_col > 0xFF || last_col < first_col {
                    first_col = 0;
                }
                // calamine takes rows first_row..last_row − 1 and columns first_col..last_col − 1
                // when both ends are at least 1, and subtracts without checking.
                let declared = last_row >= 1 && last_col >= 1;
                let incoherent = declared && (last_row - 1 < first_row || last_col - 1 < first_col);
                if incoherent
                    || declared && over(last_row - first_row.min(last_row) - 1, last_col - first_col.min(last_col) - 1)
                {
                    return Err(refuse(
                        format!(
                            "une feuille déclare les lignes {first_row} à {last_row} et les colonnes {first_col} à {last_col}, au-delà de {} cellules",
                            limits.max_sheet_cells
                        ),
                        format!(
                            "a sheet declares rows {first_row} to {last_row} and columns {first_col} to {last_col}, over {} cells",
                            limits.max_sheet_cells
                        ),
                    ));
                }
            }
            // Cells: NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST, FORMULA; MULRK spans columns.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 | 0x00BD => {
                let last =
                    if typ == 0x00BD { u16_at(record, record.len().saturating_sub(2)) } else { u16_at(record, 2) };
                rows = rows.max(u16_at(record, 0));
                cols = cols.max(last);
                if over(rows, cols) {
                    return Err(refuse(
                        format!(
                            "une feuille a des cellules sur {} lignes × {} colonnes, au-delà de {} cellules",
                            rows + 1,
                            cols + 1,
                            limits.max_sheet_cells
                        ),
                        format!(
                            "a sheet has cells over {} rows × {} columns, over {} cells",
                            rows + 1,
                            cols + 1,
                            limits.max_sheet_cells
                        ),
                    ));
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The little-endian 16-bit number at `i` in a BIFF record (0 past its end).
#[cfg(feature = "legacy")]
fn u16_at(r: &[u8], i: usize) -> u64 {
    r.get(i..i + 2).map_or(0, |b| u64::from(u16::from_le_bytes([b[0], b[1]])))
}

/// The little-endian 32-bit number at `i` in a BIFF record (0 past its end).
#[cfg(feature = "legacy")]
fn u32_at(r: &[u8], i: usize) -> u64 {
    r.get(i..i + 4).map_or(0, |b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
}
