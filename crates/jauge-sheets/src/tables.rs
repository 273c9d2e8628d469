//! Plain tables written as a workbook (xlsx, ods) or CSV: the results exported for the buyer, and
//! every document's sheets. One description of the sheets, three writers, so the formats never
//! drift apart.

use jauge_document::safe;
use jauge_engine::Lang;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use spreadsheet_ods::{CellStyle, ValueFormatNumber, WorkBook};

use crate::error::Error;
use crate::form::FormKind;

/// A cell of an exported table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// Text in bold: a heading inside a sheet.
    Strong(String),
    /// A number, shown with two decimals.
    Number(f64),
    /// A whole number (a rank, a count).
    Integer(i64),
    /// Nothing.
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Number(x)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(x: Option<T>) -> Cell {
        x.map_or(Cell::Empty, Into::into)
    }
}

/// One sheet: a name, a header row and rows.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Table {
    /// Sheet name (at most 31 characters, as spreadsheets allow).
    pub name: String,
    /// Column names.
    pub header: Vec<String>,
    /// Rows, each as long as the header or shorter.
    pub rows: Vec<Vec<Cell>>,
}

/// Writes the tables as a workbook with one sheet each (xlsx, ods), or the first table as CSV
/// (`;` and decimal comma in French, else `,` and decimal point; UTF-8 with a BOM so that
/// spreadsheet programs recognise the encoding). Every text is made a cell's ([`safe::cell`]):
/// characters XML forbids shown as U+FFFD, overlong text cut with a note in `lang`.
pub fn write_tables(tables: &[Table], kind: FormKind, lang: Lang) -> Result<Vec<u8>, Error> {
    match kind {
        FormKind::Xlsx => xlsx(tables, lang).map_err(|e| Error::Write(e.to_string())),
        FormKind::Ods => ods(tables, lang),
        FormKind::Csv => {
            let mut out = "\u{feff}".as_bytes().to_vec();
            out.extend(csv(tables.first().unwrap_or(&Table::default()), lang)?.into_bytes());
            Ok(out)
        }
    }
}

/// Text for a CSV cell that no spreadsheet program turns into a formula: a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice for CSV
/// injection), unless it is a plain number such as `-12,5`, which stays a number.
pub fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number = text.len() > 1
        && text.starts_with(['-', '+'])
        && text[1..].chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}'))
        && text[1..].chars().any(|c| c.is_ascii_digit());
    if risky && !number { std::borrow::Cow::Owned(format!("'{text}")) } else { std::borrow::Cow::Borrowed(text) }
}

/// The table as CSV text (no BOM): `;` and decimal comma in French, else `,` and point. Text
/// cells are [`safe::cell`]s, [`defuse`]d. Rows may be shorter than the header.
pub fn csv(table: &Table, lang: Lang) -> Result<String, Error> {
    let write = |e: csv::Error| Error::Write(e.to_string());
    let french = lang == Lang::Fr;
    let mut w =
        csv::WriterBuilder::new().delimiter(if french { b';' } else { b',' }).flexible(true).from_writer(Vec::new());
    let text = |s: &str| defuse(&safe::cell(s, lang)).into_owned();
    w.write_record(table.header.iter().map(|h| text(h))).map_err(write)?;
    for row in &table.rows {
        let record = row.iter().map(|c| match c {
            Cell::Text(s) | Cell::Strong(s) => text(s),
            Cell::Number(x) => plain(*x, french),
            Cell::Integer(n) => n.to_string(),
            Cell::Empty => String::new(),
        });
        w.write_record(record).map_err(write)?;
    }
    let bytes = w.into_inner().map_err(|e| Error::Write(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Write(e.to_string()))
}

/// A number as spreadsheets read it in the locale: no thousands separator, 4 decimals at most.
fn plain(x: f64, french: bool) -> String {
    let s = format!("{}", (x * 10_000.0).round() / 10_000.0);
    if french { s.replace('.', ",") } else { s }
}

fn xlsx(tables: &[Table], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let text = |s: &str| safe::cell(s, lang).into_owned();
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_background_color(0xDDE6F0).set_text_wrap();
    let strong = Format::new().set_bold();
    let number = Format::new().set_num_format("0.00");
    for (table, name) in tables.iter().zip(sheet_names(tables)) {
        let sheet = book.add_worksheet();
        sheet.set_name(name)?;
        for (c, name) in table.header.iter().enumerate() {
            sheet.write_string_with_format(0, col(c), text(name), &bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) => sheet.write_string(r, col(c), text(s))?,
                    Cell::Strong(s) => sheet.write_string_with_format(r, col(c), text(s), &strong)?,
                    Cell::Number(x) => sheet.write_number_with_format(r, col(c), *x, &number)?,
                    Cell::Integer(n) => sheet.write_number(r, col(c), *n as f64)?,
                    Cell::Empty => sheet,
                };
            }
        }
        sheet.set_autofit_max_width(480);
        sheet.autofit();
    }
    book.save_to_buffer()
}

fn ods(tables: &[Table], lang: Lang) -> Result<Vec<u8>, Error> {
    let text = |s: &str| safe::cell(s, lang).into_owned();
    let mut book = WorkBook::new_empty();
    let mut bold = CellStyle::new_empty();
    bold.set_font_bold();
    let bold = book.add_cellstyle(bold);
    let mut two = ValueFormatNumber::new_named("nombre2");
    two.part_number().decimal_places(2).min_decimal_places(2).min_integer_digits(1).build();
    let two = book.add_number_format(two);
    let number = book.add_cellstyle(CellStyle::new("nombre", &two));
    for (table, name) in tables.iter().zip(sheet_names(tables)) {
        let mut sheet = spreadsheet_ods::Sheet::new(name);
        for (c, name) in table.header.iter().enumerate() {
            sheet.set_styled_value(0, c as u32, text(name), &bold);
        }
        sheet.split_row_header(0);
        for (r, row) in table.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) => sheet.set_value(r, c as u32, text(s)),
                    Cell::Strong(s) => sheet.set_styled_value(r, c as u32, text(s), &bold),
                    Cell::Number(x) => sheet.set_styled_value(r, c as u32, *x, &number),
                    Cell::Integer(n) => sheet.set_value(r, c as u32, *n as f64),
                    Cell::Empty => {}
                }
            }
        }
        book.push_sheet(sheet);
    }
    spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).map_err(|e| Error::Write(e.to_string()))
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Sheet names spreadsheets accept, one per table: at most 31 characters (a long name is cut
/// after a word), none of `[]:*?/\`, no control, no apostrophe at either end, no two alike.
fn sheet_names(tables: &[Table]) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(tables.len());
    for table in tables {
        let base = sheet_name(&table.name);
        let mut name = base.clone();
        for n in 2.. {
            if !names.iter().any(|taken| taken.to_lowercase() == name.to_lowercase()) {
                break;
            }
            let suffix = format!(" ({n})");
            name = format!("{}{suffix}", base.chars().take(31 - suffix.chars().count()).collect::<String>());
        }
        names.push(name);
    }
    names
}

/// A sheet name spreadsheets accept: forbidden characters replaced, cut after a word at 31
/// characters.
pub(crate) fn sheet_name(name: &str) -> String {
    let clean: String = safe::xml(name)
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) || c.is_control() || c == '\u{FFFD}' { '-' } else { c })
        .collect();
    let clean = if clean.chars().count() <= 31 {
        clean
    } else {
        let cut: String = clean.chars().take(32).collect();
        match cut.rfind(' ') {
            Some(space) if space > 0 => cut[..space].trim_end().to_string(),
            _ => cut.chars().take(31).collect(),
        }
    };
    let clean = clean.trim_matches('\'');
    if clean.trim().is_empty() { "Feuille".to_string() } else { clean.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_or_repeated_names_become_sheet_names_spreadsheets_accept() {
        let table = |name: &str| Table { name: name.into(), ..Table::default() };
        let names = sheet_names(&[
            table("6. Offres paraissant anormalement basses"),
            table("Prix [HT]"),
            table("prix [ht]"),
            table("Annexe B. Notes de chaque évaluateur"),
            table("   "),
        ]);
        assert_eq!(
            names,
            ["6. Offres paraissant", "Prix -HT-", "prix -ht- (2)", "Annexe B. Notes de chaque", "Feuille"]
        );
    }

    #[test]
    fn no_csv_cell_becomes_a_formula_and_numbers_stay_numbers() {
        for hostile in [
            "=HYPERLINK(\"http://x\";\"clic\")",
            "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0",
            "@SUM(1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(defuse(hostile), format!("'{hostile}"), "{hostile:?}");
        }
        for kept in ["-12,5", "-1 250,00", "+33", "Armor Numérique", "a=b", "", "-"] {
            let expected = if kept == "-" { "'-" } else { kept };
            assert_eq!(defuse(kept), expected, "{kept:?}");
        }
        let table = Table {
            name: "t".into(),
            header: vec!["=1+1".into()],
            rows: vec![vec![Cell::Text("=HYPERLINK(\"http://x\")".into())], vec![Cell::Number(-2.5)]],
        };
        let text = csv(&table, Lang::Fr).expect("written");
        assert_eq!(text, "'=1+1\n\"'=HYPERLINK(\"\"http://x\"\")\"\n-2,5\n");
    }
}
