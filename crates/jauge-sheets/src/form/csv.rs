//! The response form as semicolon-separated UTF-8 text with a BOM, which French Excel and
//! LibreOffice open directly.

use super::{Form, HEADERS, LOT, WEIGHT};
use crate::error::Error;
use crate::tables::defuse;

pub(crate) fn write(form: &Form) -> Result<Vec<u8>, Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| Error::Write(e.to_string());
    // A grid's texts come from anyone who writes one: none may become a formula.
    w.write_record([defuse(&form.title).as_ref()]).map_err(err)?;
    for &label in &form.identity {
        w.write_record([label, ""]).map_err(err)?;
    }
    for label in &form.bids {
        w.write_record([defuse(label).as_ref(), ""]).map_err(err)?;
    }
    for (label, value) in &form.cover {
        w.write_record([defuse(label).as_ref(), defuse(value).as_ref()]).map_err(err)?;
    }
    w.write_record([""]).map_err(err)?;
    // With lots, one table: a `Lot` column first, each lot's rows with its weights.
    let lots = form.sheets.iter().any(|s| s.lot.is_some());
    let lot_column = lots.then_some(LOT);
    w.write_record(lot_column.into_iter().chain(HEADERS)).map_err(err)?;
    for sheet in &form.sheets {
        for row in &sheet.rows {
            let weight = row.weight.map(|w| format!("{w}").replace('.', ",")).unwrap_or_default();
            let mut record: Vec<std::borrow::Cow<'_, str>> = row.cells.iter().map(|c| defuse(c)).collect();
            record[usize::from(WEIGHT)] = weight.as_str().into();
            if lots {
                // The price sheet belongs to no lot: its `Lot` cell stays empty.
                record.insert(0, defuse(sheet.lot.as_deref().unwrap_or_default()));
            }
            w.write_record(record.iter().map(|c| c.as_bytes())).map_err(err)?;
        }
    }
    w.into_inner().map_err(|e| Error::Write(e.to_string()))
}
