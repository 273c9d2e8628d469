//! Which cells show their number with a percent format. Spreadsheet readers return the fraction
//! (0.999 for a cell showing 99,9 %); knowing the format turns an ambiguous number into a sure one.
//! Read from the files' XML with quick-xml (already used by calamine); a damaged part yields nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Percent-formatted cells by sheet name, as 0-based (row, column).
pub type PercentCells = BTreeMap<String, BTreeSet<(usize, usize)>>;

/// Reading stops at this many percent cells per file: more would only come from a hostile file.
const MAX_CELLS: usize = 100_000;

/// What a walk through an ods workbook's content finds before calamine reads it.
#[derive(Debug, Default)]
pub struct OdsScan {
    /// The percentage cells (`office:value-type="percentage"`).
    pub percents: PercentCells,
    /// The largest extent, rows × columns, that the cells holding a value span in one sheet once
    /// repeats are expanded: what a reader expanding `number-columns-repeated` would allocate.
    pub largest_extent: u64,
}

/// Walks an ods workbook's `content.xml` for percentage cells and the extent of its sheets.
pub fn ods(bytes: &[u8]) -> OdsScan {
    let mut scan = OdsScan::default();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return scan };
    let mut content = Vec::new();
    if zip.by_name("content.xml").ok().and_then(|mut f| f.read_to_end(&mut content).ok()).is_none() {
        return scan;
    }
    let out = &mut scan.percents;
    let (mut max_row, mut max_col) = (0u64, 0u64);
    let mut reader = Reader::from_reader(content.as_slice());
    let mut buf = Vec::new();
    let (mut sheet, mut row, mut col, mut total) = (None::<String>, 0usize, 0usize, 0usize);
    let mut row_repeat = 1usize;
    loop {
        let event = reader.read_event_into(&mut buf);
        let (e, empty) = match &event {
            Ok(Event::Start(e)) => (Some(e.clone()), false),
            Ok(Event::Empty(e)) => (Some(e.clone()), true),
            Ok(Event::End(e)) => {
                match e.name().as_ref() {
                    "table:table-row" => row += row_repeat,
                    "table:table" => sheet = None,
                    _ => {}
                }
                (None, false)
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => (None, false),
        };
        if let Some(e) = e {
            let attrs = attributes(&e);
            let repeat = |key: &str| attrs.get(key).and_then(|n| n.parse::<usize>().ok()).unwrap_or(1).max(1);
            match e.name().as_ref() {
                "table:table" => {
                    scan.largest_extent = scan.largest_extent.max(max_row.saturating_mul(max_col));
                    (max_row, max_col) = (0, 0);
                    sheet = attrs.get("table:name").cloned();
                    (row, col) = (0, 0);
                }
                "table:table-row" => {
                    col = 0;
                    row_repeat = repeat("table:number-rows-repeated");
                    if empty {
                        row += row_repeat;
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = repeat("table:number-columns-repeated");
                    if attrs.contains_key("office:value-type") || !empty {
                        max_row = max_row.max((row + row_repeat) as u64);
                        max_col = max_col.max(col.saturating_add(n) as u64);
                    }
                    if let Some(s) = &sheet
                        && attrs.get("office:value-type").is_some_and(|t| t == "percentage")
                    {
                        let cells = out.entry(s.clone()).or_default();
                        for r in row..row + row_repeat.min(64) {
                            for c in col..col + n.min(64) {
                                cells.insert((r, c));
                                total += 1;
                            }
                        }
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            }
        }
        if total >= MAX_CELLS {
            break;
        }
        buf.clear();
    }
    scan.largest_extent = scan.largest_extent.max(max_row.saturating_mul(max_col));
    scan
}

/// An element's attributes as the XML parser reads them: entities and character references
/// (`&#54;000` is 6000) decoded, as calamine decodes them, so that a repeat count or a reference
/// cannot read one way here and another way there.
fn attributes(e: &BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .flatten()
        .map(|a| {
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned());
            (a.key.as_ref().to_string(), value.unwrap_or_else(|_| a.value.to_string()))
        })
        .collect()
}
