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

/// The percent-formatted cells of an xlsx workbook.
pub fn xlsx(bytes: &[u8]) -> PercentCells {
    let mut out = PercentCells::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return out };
    let mut part = |name: &str| -> Option<Vec<u8>> {
        let mut buf = Vec::new();
        zip.by_name(name).ok()?.read_to_end(&mut buf).ok()?;
        Some(buf)
    };
    let Some(styles) = part("xl/styles.xml") else { return out };
    let percent_styles = percent_xfs(&styles);
    if percent_styles.is_empty() {
        return out;
    }
    let (Some(workbook), Some(rels)) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels")) else {
        return out;
    };
    let targets: BTreeMap<String, String> = elements(&rels, "Relationship")
        .into_iter()
        .filter_map(|a| Some((a.get("Id")?.clone(), a.get("Target")?.clone())))
        .collect();
    for sheet in elements(&workbook, "sheet") {
        let (Some(name), Some(target)) = (sheet.get("name"), sheet.get("r:id").and_then(|id| targets.get(id))) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(xml) = part(&path) else { continue };
        let mut cells = BTreeSet::new();
        for c in elements(&xml, "c") {
            let styled = c.get("s").and_then(|s| s.parse::<usize>().ok()).is_some_and(|s| percent_styles.contains(&s));
            if let (true, Some(pos)) = (styled, c.get("r").and_then(|r| position(r))) {
                cells.insert(pos);
                if cells.len() >= MAX_CELLS {
                    break;
                }
            }
        }
        out.insert(name.clone(), cells);
    }
    out
}

/// The indices of the cell formats (`cellXfs`) whose number format shows a percentage.
fn percent_xfs(styles: &[u8]) -> BTreeSet<usize> {
    let mut percent_formats: BTreeSet<String> = ["9", "10"].map(String::from).into(); // built-in 0% and 0.00%
    for f in elements(styles, "numFmt") {
        if let (Some(id), Some(code)) = (f.get("numFmtId"), f.get("formatCode"))
            && shows_percent(code)
        {
            percent_formats.insert(id.clone());
        }
    }
    let mut out = BTreeSet::new();
    let mut reader = Reader::from_reader(styles);
    let mut buf = Vec::new();
    let (mut in_cell_xfs, mut index) = (false, 0usize);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.name().as_ref() == "cellXfs" => in_cell_xfs = true,
            Ok(Event::End(e)) if e.name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Start(e) | Event::Empty(e)) if in_cell_xfs && e.name().as_ref() == "xf" => {
                if attributes(&e).get("numFmtId").is_some_and(|id| percent_formats.contains(id)) {
                    out.insert(index);
                }
                index += 1;
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Whether a number format code shows a percentage: a `%` outside quotes and escapes.
fn shows_percent(code: &str) -> bool {
    let (mut quoted, mut escaped) = (false, false);
    for c in code.split(';').next().unwrap_or_default().chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

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

/// The attributes of every element named `name`.
fn elements(xml: &[u8], name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == name => out.push(attributes(&e)),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
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

/// The 0-based position of an A1 reference.
fn position(reference: &str) -> Option<(usize, usize)> {
    let letters = reference.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 {
        return None;
    }
    let col =
        reference[..letters].bytes().fold(0usize, |acc, b| acc * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1));
    let row: usize = reference[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, col - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_percent_formats() {
        assert!(shows_percent("0.0%"));
        assert!(shows_percent("0,00 %"));
        assert!(!shows_percent("0.00\\%"));
        assert!(!shows_percent("0\" %\""));
        assert!(!shows_percent("#,##0.00"));
        assert_eq!(position("E14"), Some((13, 4)));
        assert_eq!(position("AA1"), Some((0, 26)));
    }
}
