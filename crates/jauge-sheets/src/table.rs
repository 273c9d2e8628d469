//! The crate's own model of a sheet: rows of typed cells, whatever format they came from.
//! Library types (calamine's `Data`) stop at the readers and never reach the layout code.

use std::borrow::Cow;

use jauge_engine::value::Date;

/// One sheet: a name and its rows, the first row being the sheet's row 1.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    /// Sheet name (the file name for CSV).
    pub sheet: String,
    /// Rows of cells; rows may be shorter than others.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell's content as the spreadsheet holds it.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Cell {
    /// Nothing.
    #[default]
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A number shown with a percent format: 0.999 displayed as 99,9 %.
    Percent(f64),
    /// A boolean (`TRUE`/`FALSE`).
    Bool(bool),
    /// A date (from a date-formatted serial number, in either date system, or an ODS date).
    Date(Date),
    /// A spreadsheet error such as `#DIV/0!`.
    Error(String),
    /// A formula whose value was never computed (files written by generators): never read as 0.
    Formula(String),
}

impl Cell {
    /// The cell as text for headers and labels (numbers written without decimals when whole).
    pub fn text(&self) -> Option<String> {
        self.as_text().map(Cow::into_owned)
    }

    /// [`Cell::text`], borrowed from a text cell: what the layout reads row by row.
    pub fn as_text(&self) -> Option<Cow<'_, str>> {
        match self {
            Cell::Text(s) => Some(Cow::Borrowed(s)),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(Cow::Owned(format!("{}", *n as i64))),
            Cell::Number(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }
    }

    /// Whether the cell holds nothing (or only spaces).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

impl Table {
    /// The cell at a 0-based position, `Empty` when outside the rows.
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        const EMPTY: Cell = Cell::Empty;
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }
}

/// The A1 name of a 0-based cell position: (13, 4) is `E14`.
pub fn cell_name(row: usize, col: usize) -> String {
    let mut name = String::with_capacity(12);
    push_cell_name(&mut name, row, col);
    name
}

/// A cell's place as a location names it, `sheet!E14`.
pub fn place(sheet: &str, row: usize, col: usize) -> String {
    let mut place = String::with_capacity(sheet.len() + 12);
    place.push_str(sheet);
    place.push('!');
    push_cell_name(&mut place, row, col);
    place
}

/// Appends [`cell_name`] to `out`, with no allocation of its own.
fn push_cell_name(out: &mut String, row: usize, col: usize) {
    // At most 13 letters for a usize column, written from the last.
    let mut letters = [0u8; 13];
    let mut at = letters.len();
    let mut c = col + 1;
    while c > 0 && at > 0 {
        at -= 1;
        letters[at] = b'A' + ((c - 1) % 26) as u8;
        c = (c - 1) / 26;
    }
    letters[at..].iter().for_each(|&b| out.push(char::from(b)));
    let _ = std::fmt::Write::write_fmt(out, format_args!("{}", row + 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cells() {
        assert_eq!(cell_name(13, 4), "E14");
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(9, 16_383), "XFD10");
        assert_eq!(cell_name(0, 18_277), "ZZZ1");
        assert_eq!(cell_name(0, 18_278), "AAAA1");
        assert_eq!(place("Réponse", 13, 4), "Réponse!E14");
    }
}
