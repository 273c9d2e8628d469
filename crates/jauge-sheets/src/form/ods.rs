//! The response form as an OpenDocument spreadsheet (spreadsheet-ods), the format the RGI
//! recommends: the same sheets and validations as the xlsx form.

use spreadsheet_ods::color::Rgb;
use spreadsheet_ods::condition::Condition;
use spreadsheet_ods::style::units::WrapOption;
use spreadsheet_ods::validation::Validation;
use spreadsheet_ods::{CellStyle, Length, Sheet, WorkBook};

use super::{ANSWER, COMMENT, Form, HEADERS, Input, WEIGHT};
use crate::error::Error;

const WIDTHS_CM: [f64; 10] = [2.2, 4.0, 8.0, 5.0, 2.0, 6.0, 6.5, 4.5, 1.5, 3.5];

pub(crate) fn write(form: &Form) -> Result<Vec<u8>, Error> {
    let mut book = WorkBook::new_empty();
    let mut bold = CellStyle::new_empty();
    bold.set_font_bold();
    let bold = book.add_cellstyle(bold);
    let mut wrap = CellStyle::new_empty();
    wrap.set_wrap_option(WrapOption::Wrap);
    let wrap = book.add_cellstyle(wrap);
    let mut input = CellStyle::new_empty();
    input.set_wrap_option(WrapOption::Wrap);
    input.set_background_color(Rgb::new(0xFF, 0xF4, 0xCC));
    let input = book.add_cellstyle(input);
    let mut header = CellStyle::new_empty();
    header.set_font_bold();
    header.set_wrap_option(WrapOption::Wrap);
    header.set_background_color(Rgb::new(0xDD, 0xE6, 0xF0));
    let header = book.add_cellstyle(header);

    let mut cover = Sheet::new("Candidat");
    cover.set_col_width(0, Length::Cm(7.0));
    cover.set_col_width(1, Length::Cm(14.0));
    cover.set_styled_value(0, 0, form.title.as_str(), &bold);
    let mut r = 2;
    for line in &form.instructions {
        cover.set_styled_value(r, 0, line.as_str(), &wrap);
        r += 1;
    }
    r += 1;
    for &label in &form.identity {
        cover.set_styled_value(r, 0, label, &bold);
        cover.set_styled_value(r, 1, "", &input);
        r += 1;
    }
    if !form.bids.is_empty() {
        r += 1;
        let mut yes_no = Validation::new();
        yes_no.set_condition(Condition::content_is_in_list(&["Oui".to_string(), "Non".to_string()]));
        yes_no.set_allow_empty(true);
        let yes_no = book.add_validation(yes_no);
        for label in &form.bids {
            cover.set_styled_value(r, 0, label.as_str(), &bold);
            cover.set_styled_value(r, 1, "", &input);
            cover.set_validation(r, 1, &yes_no);
            r += 1;
        }
    }
    r += 1;
    for (label, value) in &form.cover {
        cover.set_styled_value(r, 0, label.as_str(), &bold);
        cover.set_value(r, 1, value.as_str());
        r += 1;
    }
    book.push_sheet(cover);

    for answers in &form.sheets {
        let mut sheet = Sheet::new(answers.name.as_str());
        for (c, (name, width)) in HEADERS.iter().zip(WIDTHS_CM).enumerate() {
            sheet.set_styled_value(0, c as u32, *name, &header);
            sheet.set_col_width(c as u32, Length::Cm(width));
        }
        sheet.split_row_header(0);
        for (i, row) in answers.rows.iter().enumerate() {
            let r = i as u32 + 1;
            for (c, text) in row.cells.iter().enumerate() {
                match c as u16 {
                    ANSWER | COMMENT => {}
                    WEIGHT => {
                        if let Some(w) = row.weight {
                            sheet.set_styled_value(r, u32::from(WEIGHT), w, &wrap);
                        }
                    }
                    _ => sheet.set_styled_value(r, c as u32, text.as_str(), &wrap),
                }
            }
            sheet.set_styled_value(r, u32::from(ANSWER), "", &input);
            sheet.set_styled_value(r, u32::from(COMMENT), "", &input);
            if let Some(condition) = condition(&row.input) {
                let mut v = Validation::new();
                v.set_condition(condition);
                v.set_allow_empty(true);
                let v = book.add_validation(v);
                sheet.set_validation(r, u32::from(ANSWER), &v);
            }
        }
        book.push_sheet(sheet);
    }
    spreadsheet_ods::write_ods_buf(&mut book, Vec::new()).map_err(|e| Error::Write(e.to_string()))
}

fn condition(input: &Input) -> Option<Condition> {
    Some(match input {
        Input::List(items) => Condition::content_is_in_list(items),
        Input::Number { min, max } => match (min, max) {
            // The writer offers one comparison per condition: the lower bound is the one that
            // catches a percentage typed as a fraction or a negative duration.
            (Some(a), _) => Condition::content_is_decimal_number_and(Condition::content_ge(*a)),
            (None, Some(b)) => Condition::content_is_decimal_number_and(Condition::content_le(*b)),
            (None, None) => return None,
        },
        Input::Date | Input::Text => return None,
    })
}
