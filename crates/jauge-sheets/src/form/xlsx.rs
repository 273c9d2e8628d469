//! The response form as an xlsx workbook (rust_xlsxwriter): a cover sheet, a `Réponse` sheet with
//! drop-down lists and numeric validation, a frozen header, and only the answer cells editable.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, ProtectionOptions,
    Workbook, Worksheet, XlsxError,
};

use super::{ANSWER, COMMENT, Form, HEADERS, Input};
use crate::error::Error;

const WIDTHS: [f64; 10] = [10.0, 18.0, 28.0, 50.0, 30.0, 10.0, 7.0, 24.0, 24.0, 36.0];
const INPUT_FILL: u32 = 0xFFF4CC;

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
        .set_background_color(Color::RGB(0xDDE6F0))
        .set_border(FormatBorder::Thin);

    let cover = book.add_worksheet();
    cover.set_name("Candidat")?;
    cover.set_column_width(0, 36)?;
    cover.set_column_width(1, 70)?;
    cover.write_string_with_format(0, 0, &form.title, &title)?;
    let mut r = 2;
    for line in &form.instructions {
        cover.merge_range(r, 0, r, 1, line, &wrap)?;
        cover.set_row_height(r, 30)?;
        r += 1;
    }
    r += 1;
    for label in form.identity {
        cover.write_string_with_format(r, 0, label, &bold)?;
        cover.write_blank(r, 1, &input)?;
        r += 1;
    }
    r += 1;
    for (label, value) in &form.cover {
        cover.write_string_with_format(r, 0, label, &bold)?;
        cover.write_string(r, 1, value)?;
        r += 1;
    }
    protect(cover);

    let sheet = book.add_worksheet();
    sheet.set_name("Réponse")?;
    for (c, (name, width)) in HEADERS.iter().zip(WIDTHS).enumerate() {
        sheet.write_string_with_format(0, c as u16, *name, &header)?;
        sheet.set_column_width(c as u16, width)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    for (i, row) in form.rows.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, text) in row.cells.iter().enumerate() {
            if c == 6 {
                if let Some(w) = row.weight {
                    sheet.write_number_with_format(r, 6, w, &wrap)?;
                }
            } else {
                sheet.write_string_with_format(r, c as u16, text, &wrap)?;
            }
        }
        sheet.write_blank(r, ANSWER, &input)?;
        sheet.write_blank(r, COMMENT, &input)?;
        if let Some(v) = validation(&row.input, &row.help)? {
            sheet.add_data_validation(r, ANSWER, r, ANSWER, &v)?;
        }
    }
    protect(sheet);
    sheet.set_active(true);
    book.save_to_buffer()
}

/// Protects a sheet without a password, leaving the unlocked answer cells editable and columns
/// resizable: the protection guards against slips, not against the supplier.
fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions { format_columns: true, format_rows: true, ..ProtectionOptions::default() };
    sheet.protect_with_options(&options);
}

fn validation(input: &Input, help: &str) -> Result<Option<DataValidation>, XlsxError> {
    let v = match input {
        Input::List(items) => {
            // Excel limits a list written in the rule to 255 characters; longer lists stay free text.
            if items.iter().map(|s| s.encode_utf16().count() + 1).sum::<usize>() > 255 {
                return Ok(None);
            }
            DataValidation::new()
                .allow_list_strings(items)?
                .set_error_title("Valeur non proposée")?
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
