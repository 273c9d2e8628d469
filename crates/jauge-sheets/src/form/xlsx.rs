//! The response form as an xlsx workbook (rust_xlsxwriter): a cover sheet, a `Réponse` sheet with
//! drop-down lists and numeric validation, a frozen header, and only the answer cells editable.
//! Rows of wrapped text get a height (xlsx keeps none of its own: LibreOffice would draw the
//! lines over one another), and both sheets print on A4, one page wide, the header repeated.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

use super::{ANSWER, AnswerSheet, COMMENT, Form, HEADERS, Input, WEIGHT};
use crate::error::Error;

/// Column widths in characters, in the order of [`HEADERS`]: the answer and its proof wide,
/// beside the question.
const WIDTHS: [f64; 10] = [10.0, 20.0, 42.0, 24.0, 9.0, 30.0, 32.0, 20.0, 7.0, 16.0];
/// The cover's two columns.
const COVER_WIDTHS: [f64; 2] = [36.0, 70.0];
const INPUT_FILL: u32 = 0xFFF4CC;
/// The height of a line of text in the default type (Calibri 11, Carlito in LibreOffice), in points.
const LINE: f64 = 15.0;
/// A4 in Excel's paper sizes.
const A4: u8 = 9;

pub(crate) fn write(form: &Form) -> Result<Vec<u8>, Error> {
    build(form).map_err(|e| Error::Write(e.to_string()))
}

fn build(form: &Form) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let input = Format::new()
        .set_unlocked()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(INPUT_FILL))
        .set_border(FormatBorder::Thin);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin);

    let cover = book.add_worksheet();
    cover.set_name("Candidat")?;
    cover.set_column_width(0, COVER_WIDTHS[0])?;
    cover.set_column_width(1, COVER_WIDTHS[1])?;
    cover.merge_range(0, 0, 0, 1, &form.title, &title.clone().set_text_wrap())?;
    cover.set_row_height(0, height(&[(&form.title, (COVER_WIDTHS[0] + COVER_WIDTHS[1]) / 1.3)]))?;
    let mut r = 2;
    for line in &form.instructions {
        cover.merge_range(r, 0, r, 1, line, &wrap)?;
        cover.set_row_height(r, height(&[(line, COVER_WIDTHS[0] + COVER_WIDTHS[1])]))?;
        r += 1;
    }
    r += 1;
    for &label in &form.identity {
        cover.write_string_with_format(r, 0, label, &bold)?;
        cover.write_blank(r, 1, &input)?;
        cover.set_row_height(r, height(&[(label, COVER_WIDTHS[0])]))?;
        r += 1;
    }
    if !form.bids.is_empty() {
        r += 1;
        let yes_no = DataValidation::new()
            .allow_list_strings(&["Oui", "Non"])?
            .set_error_title("Valeur non proposée")?
            .set_error_message("Choisissez Oui ou Non.")?;
        for label in &form.bids {
            cover.write_string_with_format(r, 0, label, &bold)?;
            cover.write_blank(r, 1, &input)?;
            cover.add_data_validation(r, 1, r, 1, &yes_no)?;
            cover.set_row_height(r, height(&[(label, COVER_WIDTHS[0])]))?;
            r += 1;
        }
    }
    r += 1;
    for (label, value) in &form.cover {
        cover.write_string_with_format(r, 0, label, &bold)?;
        cover.write_string_with_format(r, 1, value, &wrap)?;
        cover.set_row_height(r, height(&[(label, COVER_WIDTHS[0]), (value, COVER_WIDTHS[1])]))?;
        r += 1;
    }
    print_setup(cover, r.saturating_sub(1), 1, false)?;
    protect(cover);

    // The lists a rule cannot hold inline go on a hidden sheet of their own, one per column.
    let mut lists: Vec<&[String]> = Vec::new();
    for row in form.sheets.iter().flat_map(|s| &s.rows) {
        if let Input::List(items) = &row.input
            && !inline(items)
            && !lists.contains(&items.as_slice())
        {
            lists.push(items);
        }
    }
    for (i, answers) in form.sheets.iter().enumerate() {
        let sheet = book.add_worksheet();
        answer_sheet(sheet, answers, &Formats { header: &header, wrap: &wrap, input: &input }, &lists)?;
        if i == 0 {
            sheet.set_active(true);
        }
    }
    if !lists.is_empty() {
        let sheet = book.add_worksheet();
        sheet.set_name(LISTS)?;
        for (c, items) in lists.iter().enumerate() {
            for (r, item) in items.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, item)?;
            }
        }
        sheet.set_hidden(true);
        protect(sheet);
    }
    book.save_to_buffer()
}

/// The hidden sheet of the lists too long for a rule, or holding a comma (which splits an item
/// in a rule's list) or a double quote.
const LISTS: &str = "Listes";

/// Whether a list can be written in its rule: at most 255 characters (Excel's limit), no item
/// holding a comma or a double quote.
fn inline(items: &[String]) -> bool {
    items.iter().map(|s| s.encode_utf16().count() + 1).sum::<usize>() <= 255
        && items.iter().all(|s| !s.contains([',', '"']))
}

/// The formats of an answer sheet.
struct Formats<'a> {
    header: &'a Format,
    wrap: &'a Format,
    input: &'a Format,
}

/// One answer sheet: the header, a row per criterion with its validation, printed landscape.
fn answer_sheet(
    sheet: &mut Worksheet,
    answers: &AnswerSheet,
    f: &Formats,
    lists: &[&[String]],
) -> Result<(), XlsxError> {
    let (header, wrap, input) = (f.header, f.wrap, f.input);
    sheet.set_name(&answers.name)?;
    for (c, (name, width)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, header)?;
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_row_height(0, height(&HEADERS.iter().zip(WIDTHS).map(|(h, w)| (*h, w)).collect::<Vec<_>>()))?;
    sheet.set_freeze_panes(1, 1)?;
    for (i, row) in answers.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, text) in row.cells.iter().enumerate() {
            match c as u16 {
                ANSWER | COMMENT => {}
                WEIGHT => {
                    if let Some(w) = row.weight {
                        sheet.write_number_with_format(r, WEIGHT, w, wrap)?;
                    }
                }
                c => {
                    sheet.write_string_with_format(r, c, text, wrap)?;
                }
            }
        }
        let texts: Vec<(&str, f64)> = row.cells.iter().map(String::as_str).zip(WIDTHS).collect();
        sheet.set_row_height(r, height(&texts))?;
        sheet.write_blank(r, ANSWER, input)?;
        sheet.write_blank(r, COMMENT, input)?;
        if let Some(v) = validation(&row.input, &row.help, lists)? {
            sheet.add_data_validation(r, ANSWER, r, ANSWER, &v)?;
        }
    }
    print_setup(sheet, answers.rows.len() as u32, HEADERS.len() as u16 - 1, true)?;
    protect(sheet);
    Ok(())
}

/// A row's height in points: enough lines for the longest of its texts, each wrapped in its
/// column (`width` in characters). Excel and LibreOffice size a row from its height alone when
/// the file gives one, and rust_xlsxwriter can give no other.
fn height(texts: &[(&str, f64)]) -> f64 {
    let lines = texts.iter().map(|(text, width)| lines(text, *width)).max().unwrap_or(1);
    lines as f64 * LINE + 3.0
}

/// How many lines `text` takes wrapped at word boundaries in a column `width` characters wide.
fn lines(text: &str, width: f64) -> usize {
    // A column holds about its width in average characters, less a margin on each side.
    let room = (width - 1.0).max(1.0) as usize;
    text.split('\n')
        .map(|paragraph| {
            let (mut lines, mut used) = (1, 0);
            for word in paragraph.split_whitespace() {
                let n = word.chars().count().max(1);
                if used > 0 && used + 1 + n <= room {
                    used += 1 + n;
                    continue;
                }
                if used > 0 {
                    lines += 1;
                }
                // A word longer than the column breaks over several lines.
                lines += (n - 1) / room;
                used = (n - 1) % room + 1;
            }
            lines
        })
        .sum::<usize>()
        .max(1)
}

/// Prints a sheet on A4 (landscape when `wide`), one page wide, as many pages down as needed,
/// the header row repeated on each page of a table, and only the filled cells.
fn print_setup(sheet: &mut Worksheet, last_row: u32, last_col: u16, wide: bool) -> Result<(), XlsxError> {
    sheet.set_paper_size(A4);
    if wide {
        sheet.set_landscape();
        sheet.set_repeat_rows(0, 0)?;
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3);
    sheet.set_footer("&L&8&A&R&8Page &P / &N");
    sheet.set_print_area(0, 0, last_row, last_col)?;
    Ok(())
}

/// Protects a sheet without a password, leaving the unlocked answer cells editable and columns
/// resizable: the protection guards against slips, not against the supplier.
fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() };
    sheet.protect_with_options(&options);
}

/// The rule of an answer cell; a list that cannot be written in its rule ([`inline`]) refers to its
/// column of the hidden sheet (`lists`, in order).
fn validation(input: &Input, help: &str, lists: &[&[String]]) -> Result<Option<DataValidation>, XlsxError> {
    let v = match input {
        Input::List(items) => {
            let rule = match lists.iter().position(|l| *l == items.as_slice()) {
                Some(c) => {
                    let column = rust_xlsxwriter::column_number_to_name(c as u16);
                    DataValidation::new()
                        .allow_list_formula(Formula::new(format!("={LISTS}!${column}$1:${column}${}", items.len())))
                }
                None => DataValidation::new().allow_list_strings(items)?,
            };
            rule.set_error_title("Valeur non proposée")?
                .set_error_message("Choisissez l'une des valeurs de la liste.")?
        }
        Input::Number { min, max } => {
            let rule = match (min, max) {
                (Some(a), Some(b)) => DataValidationRule::Between(*a, *b),
                (Some(a), None) => DataValidationRule::GreaterThanOrEqualTo(*a),
                (None, Some(b)) => DataValidationRule::LessThanOrEqualTo(*b),
                (None, None) => DataValidationRule::Between(-1e300, 1e300),
            };
            DataValidation::new()
                .allow_decimal_number(rule)
                .set_error_title("Nombre attendu")?
                .set_error_message("Saisissez un nombre dans l'unité indiquée, sans texte ni signe %.")?
        }
        Input::Date => DataValidation::new()
            .allow_date(DataValidationRule::GreaterThan(ExcelDateTime::from_ymd(1990, 1, 1)?))
            .set_error_title("Date attendue")?
            .set_error_message("Saisissez une date, par exemple 21/11/2026.")?,
        Input::Text => return Ok(None),
    };
    // Excel limits the message to 255 characters (UTF-16 units): a longer help is cut with a note.
    let message = jauge_document::safe::cut(help, 255, jauge_engine::Lang::Fr);
    Ok(Some(if message.is_empty() { v } else { v.set_input_message(message)? }))
}
