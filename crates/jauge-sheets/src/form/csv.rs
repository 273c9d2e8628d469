//! The response form as semicolon-separated UTF-8 text with a BOM, which French Excel and
//! LibreOffice open directly.

use super::{Form, HEADERS};
use crate::error::Error;

pub(crate) fn write(form: &Form) -> Result<Vec<u8>, Error> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .flexible(true)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let err = |e: csv::Error| Error::Write(e.to_string());
    w.write_record([form.title.as_str()]).map_err(err)?;
    for label in form.identity {
        w.write_record([label, ""]).map_err(err)?;
    }
    for (label, value) in &form.cover {
        w.write_record([label.as_str(), value.as_str()]).map_err(err)?;
    }
    w.write_record([""]).map_err(err)?;
    w.write_record(HEADERS).map_err(err)?;
    for row in &form.rows {
        let weight = row.weight.map(|w| format!("{w}").replace('.', ",")).unwrap_or_default();
        let mut record: Vec<&str> = row.cells.iter().map(String::as_str).collect();
        record[6] = weight.as_str();
        record.extend(["", ""]);
        w.write_record(&record).map_err(err)?;
    }
    w.into_inner().map_err(|e| Error::Write(e.to_string()))
}
