//! Workbooks (xlsx, xlsm, xlsb, xls, ods) read into [`Table`]s: xls and xlsb with calamine, xlsx and
//! ods by our own one-pass readers (`xlsx.rs`, `ods.rs`); cached values of formulas, formulas
//! without a value, merged cells, dates in both date systems, percent formats. The cell conversion,
//! the memory-bounded [`Builder`] and the merged-cell filling are shared by the readers. xls and
//! xlsb are read only with the feature `legacy` (on by default): the web app's reader module is
//! built without it, and leaves those files to a module of its own, fetched when one is read.

#[cfg(feature = "legacy")]
use std::io::Cursor;

use calamine::Data;
#[cfg(feature = "legacy")]
use calamine::{Range, Reader, Xls, Xlsb, open_workbook_from_rs};
use jauge_engine::value::Date;

use crate::detect::Format;
use crate::error::Error;
use crate::guard::Limits;
use crate::table::{Cell, Table};

/// Reads every sheet of a workbook.
///
/// calamine can panic on some malformed files (fuzzing found a slice index out of range in its
/// OLE reader); natively the panic is caught and reported as a damaged file, so that one bad file
/// never stops the others. (In the browser, panics abort: files are read in a worker there.)
pub fn read(file: &str, bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<Table>, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| parse(file, bytes, format, limits))).unwrap_or_else(|_| {
        Err(Error::Damaged {
            file: file.to_string(),
            format: format.name().into(),
            detail: "incoherent internal structure".to_string(),
        })
    })
}

fn parse(file: &str, bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<Table>, Error> {
    let password = || Error::Password { file: file.to_string() };
    match format {
        // Read in one pass per sheet by a reader of our own (`xlsx.rs`), with its formulas,
        // merged cells and percent formats.
        Format::Xlsx => crate::xlsx::read(file, bytes, limits),
        #[cfg(feature = "legacy")]
        Format::Xlsb | Format::Xls => legacy(file, bytes, format, limits),
        // A build without the legacy readers (the web app's reader module, whose caller sends
        // these files to the module that has them) does not know these formats.
        #[cfg(not(feature = "legacy"))]
        Format::Xlsb | Format::Xls => Err(Error::UnknownFormat { file: file.to_string() }),
        // Read in one pass of its content by a reader of our own (`ods.rs`), with its formulas,
        // percentages and the extent of its sheets.
        Format::Ods => crate::ods::read(file, bytes, limits),
        Format::EncryptedOoxml => Err(password()),
        Format::Csv | Format::Json => Err(Error::UnknownFormat { file: file.to_string() }),
    }
}

/// An xls or xlsb workbook, read with calamine (feature `legacy`).
#[cfg(feature = "legacy")]
fn legacy(file: &str, bytes: &[u8], format: Format, limits: &Limits) -> Result<Vec<Table>, Error> {
    let damaged = |detail: String| Error::Damaged { file: file.to_string(), format: format.name().into(), detail };
    let password = || Error::Password { file: file.to_string() };
    let cursor = Cursor::new(bytes);
    match format {
        Format::Xlsb => {
            let mut wb: Xlsb<_> = open_workbook_from_rs(cursor).map_err(|e| match e {
                calamine::XlsbError::Password => password(),
                e => damaged(e.to_string()),
            })?;
            xlsb_sheets(file, &mut wb, limits)
        }
        Format::Xls => {
            crate::guard::check_xls(file, bytes, limits)?;
            let mut wb: Xls<_> = open_workbook_from_rs(cursor).map_err(|e| match e {
                calamine::XlsError::Password => password(),
                e => damaged(e.to_string()),
            })?;
            sheets(file, &mut wb, format, limits)
        }
        _ => Err(Error::UnknownFormat { file: file.to_string() }),
    }
}

/// A table built cell by cell as a reader streams them, whose memory is bounded by the cells
/// actually in the file: a cell far from the others costs its row, never the rows × columns between
/// (the extent a sheet declares, or its cells' references, cannot make the reader allocate).
pub(crate) struct Builder<'f> {
    file: &'f str,
    pub(crate) table: Table,
    /// Cells allocated so far (empty ones between used ones included), against the limit.
    allocated: u64,
    limit: u64,
    /// Whether a cell of the sheet's top rows could head an answer table's column: decided when
    /// a reader first asks about a row below the top (a sheet that has none, a small form, never
    /// looks at its cells for it), kept up to date by the cells put in the top rows after that.
    headed: std::cell::Cell<Option<bool>>,
}

impl<'f> Builder<'f> {
    pub(crate) fn new(file: &'f str, sheet: String, limits: &Limits) -> Builder<'f> {
        Builder {
            file,
            table: Table { sheet, rows: Vec::new() },
            allocated: 0,
            limit: limits.max_sheet_cells,
            headed: std::cell::Cell::new(None),
        }
    }

    /// Sets whether the sheet's top rows may head an answer table, when a first reading of them
    /// told it (their cells are then put before their text is known).
    pub(crate) fn known_head(&mut self, headed: bool) {
        self.headed.set(Some(headed));
    }

    /// Whether the cells from this 0-based row on can never be read: the sheet's top rows hold no
    /// answer table's header (`layout::may_head`), and only its top is read for labels.
    pub(crate) fn past_use(&self, row: u32) -> bool {
        if (row as usize) < crate::layout::HEADER_SEARCH_ROWS {
            return false;
        }
        let headed = self.headed.get().unwrap_or_else(|| {
            let rows = self.table.rows.iter().take(crate::layout::HEADER_SEARCH_ROWS);
            rows.flatten().any(crate::layout::may_head)
        });
        self.headed.set(Some(headed));
        !headed
    }

    /// Puts a cell at a 0-based position, refusing the sheet once it would cost more cells than
    /// the limit.
    pub(crate) fn put(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Error> {
        if cell.is_empty() && !matches!(cell, Cell::Text(_)) {
            return Ok(());
        }
        let (row, col) = (row as usize, col as usize);
        if self.headed.get() == Some(false) && row < crate::layout::HEADER_SEARCH_ROWS {
            self.headed.set(Some(crate::layout::may_head(&cell)));
        }
        let new_rows = (row + 1).saturating_sub(self.table.rows.len()) as u64;
        let width = self.table.rows.get(row).map_or(0, Vec::len);
        let new_cells = (col + 1).saturating_sub(width) as u64;
        self.allocated = self.allocated.saturating_add(new_rows).saturating_add(new_cells);
        if self.allocated > self.limit {
            return Err(Error::Bomb {
                file: self.file.to_string(),
                detail: jauge_engine::Text::new(
                    format!(
                        "la feuille {} s'étend au-delà de {} cellules (cellule {}{})",
                        self.table.sheet,
                        self.limit,
                        column_name(col),
                        row + 1
                    ),
                    format!(
                        "sheet {} spans more than {} cells (cell {}{})",
                        self.table.sheet,
                        self.limit,
                        column_name(col),
                        row + 1
                    ),
                ),
            });
        }
        set(&mut self.table, row, col, cell);
        Ok(())
    }
}

/// A column's letters (0 → A, 26 → AA).
fn column_name(mut col: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// Every sheet of an xlsb workbook, its cells then its formulas streamed, as for xlsx.
#[cfg(feature = "legacy")]
fn xlsb_sheets(file: &str, wb: &mut Xlsb<Cursor<&[u8]>>, limits: &Limits) -> Result<Vec<Table>, Error> {
    let damaged = |sheet: &str, e: calamine::XlsbError| Error::Damaged {
        file: file.to_string(),
        format: Format::Xlsb.name().into(),
        detail: format!("{sheet} : {e}"),
    };
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let mut builder = Builder::new(file, name.clone(), limits);
        {
            let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| damaged(&name, e))?;
            while let Some(c) = reader.next_cell().map_err(|e| damaged(&name, e))? {
                let (row, col) = c.get_position();
                builder.put(row, col, cell(&Data::from(c.get_value().clone())))?;
            }
        }
        // Formulas without a value: read in a second stream, only where no value was.
        if let Ok(mut reader) = wb.worksheet_cells_reader(&name) {
            while let Ok(Some(f)) = reader.next_formula() {
                let (row, col) = f.get_position();
                if !f.get_value().trim().is_empty() && builder.table.get(row as usize, col as usize).is_empty() {
                    builder.put(row, col, Cell::Formula(f.get_value().clone()))?;
                }
            }
        }
        out.push(builder.table);
    }
    Ok(out)
}

#[cfg(feature = "legacy")]
fn sheets<'a, R>(file: &str, wb: &mut R, format: Format, limits: &Limits) -> Result<Vec<Table>, Error>
where
    R: Reader<Cursor<&'a [u8]>>,
    R::Error: std::fmt::Display,
{
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).map_err(|e| Error::Damaged {
            file: file.to_string(),
            format: format.name().into(),
            detail: format!("{name} : {e}"),
        })?;
        if let Some((rows, cols)) = range.end() {
            let cells = (u64::from(rows) + 1) * (u64::from(cols) + 1);
            if cells > limits.max_sheet_cells {
                return Err(Error::Bomb {
                    file: file.to_string(),
                    detail: jauge_engine::Text::new(
                        format!("la feuille {name} s'étend sur {cells} cellules, limite {}", limits.max_sheet_cells),
                        format!("sheet {name} spans {cells} cells, limit {}", limits.max_sheet_cells),
                    ),
                });
            }
        }
        // Formulas are read to tell a formula without a cached value from an empty cell; a format
        // that does not give them leaves that check out.
        let formulas = wb.worksheet_formula(&name).ok();
        out.push(table(name, &range, formulas.as_ref()));
    }
    Ok(out)
}

/// Builds a table holding only the used cells, so that memory follows the content, not the extent.
#[cfg(feature = "legacy")]
fn table(sheet: String, range: &Range<Data>, formulas: Option<&Range<String>>) -> Table {
    let mut t = Table { sheet, rows: Vec::new() };
    let (r0, c0) = range.start().unwrap_or((0, 0));
    for (r, c, data) in range.used_cells() {
        set(&mut t, r0 as usize + r, c0 as usize + c, cell(data));
    }
    if let Some(formulas) = formulas {
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            let (row, col) = (r0 as usize + r, c0 as usize + c);
            if !f.trim().is_empty() && t.get(row, col).is_empty() {
                set(&mut t, row, col, Cell::Formula(f.clone()));
            }
        }
    }
    t
}

pub(crate) fn set(t: &mut Table, row: usize, col: usize, cell: Cell) {
    if t.rows.len() <= row {
        t.rows.resize_with(row + 1, Vec::new);
    }
    // A row's first cell: room for as many as the row above holds (a table's rows are alike),
    // rather than growing it cell by cell; at most 256, so that a wide row above sparse ones
    // (whose extent the guard bounds) does not widen each of them.
    let above = row.checked_sub(1).map_or(0, |a| t.rows[a].len().min(256));
    let r = &mut t.rows[row];
    if r.capacity() == 0 {
        r.reserve_exact(above.max(col + 1));
    }
    // Cells come in order, most next to the one before: pushed, without filling a gap.
    if r.len() < col {
        r.resize(col, Cell::Empty);
    }
    if r.len() == col {
        r.push(cell);
    } else {
        r[col] = cell;
    }
}

pub(crate) fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            // calamine applies the workbook's date system (1900 or 1904).
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Date::new(i32::from(y), u32::from(m), u32::from(d)).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => s.get(..10).and_then(Date::parse_iso).map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// Turns the numbers of percent-formatted cells into [`Cell::Percent`].
pub(crate) fn mark_percents(t: &mut Table, cells: Option<&std::collections::BTreeSet<(usize, usize)>>) {
    let Some(cells) = cells else { return };
    for &(row, col) in cells {
        if let Some(c) = t.rows.get_mut(row).and_then(|r| r.get_mut(col))
            && let Cell::Number(n) = *c
        {
            *c = Cell::Percent(n);
        }
    }
}

/// Copies the top-left value of a merged region into its other cells, so that a row reads the
/// value its merged cell shows.
pub(crate) fn fill_merged(t: &mut Table, start: (u32, u32), end: (u32, u32)) {
    let value = t.get(start.0 as usize, start.1 as usize).clone();
    if value.is_empty() {
        return;
    }
    // A hostile region cannot make this loop long: it only touches rows and columns the table has.
    let last_row = (end.0 as usize).min(t.rows.len().saturating_sub(1));
    for row in start.0 as usize..=last_row {
        let width = t.rows.get(row).map_or(0, Vec::len).max(start.1 as usize + 1);
        for col in start.1 as usize..=(end.1 as usize).min(width.max(end.1 as usize).min(start.1 as usize + 64)) {
            if (row, col) != (start.0 as usize, start.1 as usize) && t.get(row, col).is_empty() {
                set(t, row, col, value.clone());
            }
        }
    }
}
