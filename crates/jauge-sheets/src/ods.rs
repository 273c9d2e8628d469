//! OpenDocument spreadsheets (ods) read in one pass of their `content.xml` with quick-xml: the
//! part is inflated once, as it is parsed (through the guard's check of its declared size), and
//! its values, formulas without a value, percentages and the extent of its sheets are all taken
//! in that pass. Memory follows the cells kept: repeated empty cells and rows cost nothing, and a
//! sheet whose repeats would span more than the limit is refused, its extent measured to the end.
//!
//! The values are read as calamine reads them (this reader replaced calamine's for speed; the
//! differential test `tests/differential.rs` pins that both give the same offers): numbers,
//! percentages and currencies from `office:value`, dates and times in ISO form, booleans, strings
//! from `office:string-value` or from the paragraphs (joined by line breaks, `text:s` spaces,
//! tabs and line breaks kept, annotations left out), and LibreOffice's error cells.

use std::io::{BufRead, BufReader, Cursor, Read};

use calamine::Data;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::detect::Format;
use crate::error::Error;
use crate::guard::{self, Limits};
use crate::scan::{Peek, Ways, past_tag};
use crate::table::{Cell, Table};
use crate::workbook::{cell, mark_percents, set};

/// The media type an ods archive names in its `mimetype` entry (its first 46 bytes).
const MIMETYPE: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";

/// Most columns a row is read over, as calamine caps them.
const MAX_COLUMNS: usize = 16_384;

/// Repeats of a percentage cell marked as such, per direction, and percentage cells per file.
const PERCENT_REPEATS: usize = 64;
const MAX_PERCENT_CELLS: usize = 100_000;

/// Reads every sheet of an ods workbook.
pub fn read(file: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Table>, Error> {
    read_with(file, bytes, limits, Ways::FAST)
}

/// [`read`], with the shortcuts `ways`: the text of the cells no reading looks at left unbuilt
/// (`skip`), plain cells read from the bytes (`scan`).
pub(crate) fn read_with(file: &str, bytes: &[u8], limits: &Limits, ways: Ways) -> Result<Vec<Table>, Error> {
    let damaged = |detail: String| Error::Damaged { file: file.to_string(), format: Format::Ods.name().into(), detail };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    {
        let mut mimetype = guard::Checked::open(file, &mut archive, "mimetype", limits)?;
        let mut head = [0u8; 46];
        let read = mimetype.read_exact(&mut head);
        mimetype.finish()?;
        read.map_err(|e| damaged(e.to_string()))?;
        if head != MIMETYPE {
            return Err(damaged(format!("Invalid MIME type: {}", String::from_utf8_lossy(&head))));
        }
    }
    if encrypted(file, &mut archive, limits)? {
        return Err(Error::Password { file: file.to_string() });
    }
    let mut part = guard::Checked::open(file, &mut archive, "content.xml", limits)?;
    let read = {
        let mut xml = Reader::from_reader(BufReader::with_capacity(1 << 16, &mut part));
        content(&mut xml, limits, ways)
    };
    // A part longer than it declares is refused, whatever its XML held.
    part.finish()?;
    match read {
        Ok(Content { tables, largest_extent, .. }) if largest_extent > limits.max_sheet_cells => {
            drop(tables);
            Err(Error::Bomb {
                file: file.to_string(),
                detail: jauge_engine::Text::new(
                    format!("une feuille s'étend sur {largest_extent} cellules, limite {}", limits.max_sheet_cells),
                    format!("a sheet spans {largest_extent} cells, limit {}", limits.max_sheet_cells),
                ),
            })
        }
        Ok(content) => {
            // The check calamine's extent had: the cells holding a value, from the first row and column.
            for (t, end) in &content.tables {
                let Some(end) = end else { continue };
                let cells = (u64::from(end.0) + 1) * (u64::from(end.1) + 1);
                if cells > limits.max_sheet_cells {
                    return Err(Error::Bomb {
                        file: file.to_string(),
                        detail: jauge_engine::Text::new(
                            format!(
                                "la feuille {} s'étend sur {cells} cellules, limite {}",
                                t.sheet, limits.max_sheet_cells
                            ),
                            format!("sheet {} spans {cells} cells, limit {}", t.sheet, limits.max_sheet_cells),
                        ),
                    });
                }
            }
            Ok(content.tables.into_iter().map(|(t, _)| t).collect())
        }
        Err(detail) => Err(damaged(detail)),
    }
}

/// Whether the archive's manifest lists encryption data (a file saved with a password).
fn encrypted(file: &str, archive: &mut zip::ZipArchive<Cursor<&[u8]>>, limits: &Limits) -> Result<bool, Error> {
    let damaged = |detail: String| Error::Damaged { file: file.to_string(), format: Format::Ods.name().into(), detail };
    if archive.index_for_name("META-INF/manifest.xml").is_none() {
        return Err(damaged("META-INF/manifest.xml is missing".into()));
    }
    let mut part = guard::Checked::open(file, archive, "META-INF/manifest.xml", limits)?;
    let mut found = false;
    {
        let mut xml = Reader::from_reader(BufReader::new(&mut part));
        let mut buf = Vec::new();
        loop {
            match xml.read_event_into(&mut buf) {
                Ok(Event::Start(e) | Event::Empty(e)) if e.name().as_ref() == "manifest:encryption-data" => {
                    found = true;
                    break;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
            buf.clear();
        }
    }
    part.finish()?;
    Ok(found)
}

/// What the content part gives: each sheet with the 0-based end of its cells, and the largest
/// extent (rows × columns) that the cells holding something span in one sheet once repeats are
/// expanded.
struct Content {
    tables: Vec<(Table, Option<(u32, u32)>)>,
    largest_extent: u64,
}

/// One sheet as it is read.
struct Sheet {
    table: Table,
    /// The 0-based end of the cells holding a value or a formula.
    end: Option<(u32, u32)>,
    /// The extent of the cells holding something, rows × columns, repeats expanded.
    rows: u64,
    cols: u64,
}

/// Reads the content part.
fn content<R: Peek>(xml: &mut Reader<R>, limits: &Limits, ways: Ways) -> Result<Content, String> {
    let mut out = Content { tables: Vec::new(), largest_extent: 0 };
    let mut percents = 0usize;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) if e.name().as_ref() == "table:table" => {
                let name = attribute(&e, "table:name")?;
                let sheet = table(xml, name.clone().unwrap_or_default(), limits, &mut out, &mut percents, ways)?;
                out.largest_extent = out.largest_extent.max(sheet.rows.saturating_mul(sheet.cols));
                // A sheet without a name is read (its extent counts) but not kept, as calamine does.
                if name.is_some() {
                    out.tables.push((sheet.table, sheet.end));
                }
            }
            Event::Empty(e) if e.name().as_ref() == "table:table" => {
                if let Some(name) = attribute(&e, "table:name")? {
                    out.tables.push((Table { sheet: name, rows: Vec::new() }, None));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// Reads one `table:table` up to its end.
fn table<R: Peek>(
    xml: &mut Reader<R>,
    name: String,
    limits: &Limits,
    content: &mut Content,
    percents: &mut usize,
    Ways { skip, scan }: Ways,
) -> Result<Sheet, String> {
    let mut sheet = Sheet { table: Table { sheet: name, rows: Vec::new() }, end: None, rows: 0, cols: 0 };
    let mut percent_cells = std::collections::BTreeSet::new();
    let (mut buf, mut inner) = (Vec::new(), Vec::new());
    let mut row = 0usize;
    let mut text = String::new();
    // Whether a cell of the top rows could head an answer table (see `layout::may_head`): below
    // them, the rows of a sheet that cannot hold one are neither kept nor measured.
    let mut headed = false;
    // Below the top rows, the columns whose cells a reading may look at (`layout::read_below_top`,
    // from the top rows, all read by then: an ods has no merged region to fill); the text of the
    // other cells is left unbuilt, their cells blank but kept, so that every count is the same.
    let mut read_cols: Option<Vec<usize>> = None;
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                // A sheet that cannot hold the answer table: its other rows are skipped unbuilt.
                if !headed && row >= crate::layout::HEADER_SEARCH_ROWS {
                    xml.read_to_end_into(quick_xml::name::QName("table:table"), &mut inner)
                        .map_err(|e| e.to_string())?;
                    break;
                }
                let repeat = repeats(&e, "table:number-rows-repeated")?;
                let (first, kept) = (row, sheet.table.rows.len());
                let mut col = 0usize;
                let below = skip && row >= crate::layout::HEADER_SEARCH_ROWS;
                if below && read_cols.is_none() {
                    read_cols = Some(crate::layout::read_below_top(&sheet.table.rows));
                }
                // Whether the reader is just past a tag (where `plain_cell` may look ahead).
                let mut between = true;
                loop {
                    // A cell whose content is at most one plain paragraph, read as below without
                    // quick-xml's events.
                    let fast = match between && scan {
                        true => plain_cell(xml.get_ref().buffered()),
                        false => None,
                    };
                    let (n, closed, (value, formula, has_type, percentage)) = if let Some(plain) = fast {
                        let c = BytesStart::from_content(plain.tag, plain.name_len);
                        let n = repeats(&c, "table:number-columns-repeated")?;
                        let unread = below && unread_span(read_cols.as_deref(), col, n);
                        let read = attributes(&c).map_err(|e| e.to_string())?;
                        let cell = read.plain(plain.closed, (!unread).then_some(plain.text).flatten(), &mut text);
                        let (len, closed) = (plain.len, plain.closed);
                        xml.get_mut().consume(len);
                        (n, closed, cell)
                    } else {
                        inner.clear();
                        let event = xml.read_event_into(&mut inner).map_err(|e| e.to_string())?;
                        between = past_tag(&event);
                        let (c, closed) = match event {
                            Event::Start(c) => (c, false),
                            Event::Empty(c) => (c, true),
                            Event::End(e) if e.name().as_ref() == "table:table-row" => break,
                            Event::Eof => return Err("unexpected end of a row".into()),
                            _ => continue,
                        };
                        if !matches!(c.name().as_ref(), "table:table-cell" | "table:covered-table-cell") {
                            if !closed {
                                let end = c.name().as_ref().to_string();
                                xml.read_to_end_into(quick_xml::name::QName(&end), &mut buf)
                                    .map_err(|e| e.to_string())?;
                            }
                            continue;
                        }
                        let n = repeats(&c, "table:number-columns-repeated")?;
                        // A cell spanning columns some of which are read is built.
                        let unread = below && unread_span(read_cols.as_deref(), col, n);
                        let cell =
                            cell_value(xml, &c, closed, unread, &mut text, &mut buf).map_err(|e| e.to_string())?;
                        between = true;
                        (n, closed, cell)
                    };
                    let value = match (value, formula) {
                        (v, Some(f)) if v.is_empty() && !f.trim().is_empty() => Cell::Formula(f),
                        (Cell::Empty, _) => Cell::Empty,
                        (v, _) => v,
                    };
                    // The extent the cells holding something span, repeats expanded (a
                    // cell kept counts even without a value type, so that no cell is kept
                    // beyond the limit).
                    if has_type || !closed || !matches!(value, Cell::Empty) {
                        sheet.rows = sheet.rows.max(row.saturating_add(repeat) as u64);
                        sheet.cols = sheet.cols.max(col.saturating_add(n) as u64);
                    }
                    let over = sheet.rows.saturating_mul(sheet.cols) > limits.max_sheet_cells
                        || content.largest_extent > limits.max_sheet_cells;
                    if !headed && row < crate::layout::HEADER_SEARCH_ROWS {
                        headed = crate::layout::may_head(&value);
                    }
                    if percentage && *percents < MAX_PERCENT_CELLS && !over {
                        for r in row..row.saturating_add(repeat.min(PERCENT_REPEATS)) {
                            for c in col..col.saturating_add(n.min(PERCENT_REPEATS)) {
                                percent_cells.insert((r, c));
                                *percents += 1;
                            }
                        }
                    }
                    // Cells are kept only while the sheet is within the limit: past it, the
                    // walk goes on only to measure the extent the refusal names.
                    if !matches!(value, Cell::Empty) && !over {
                        let last = col.saturating_add(n).min(MAX_COLUMNS);
                        for c in col.saturating_add(1)..last {
                            set(&mut sheet.table, row, c, value.clone());
                        }
                        if col < last {
                            set(&mut sheet.table, row, col, value);
                        }
                        if last > col {
                            let end =
                                (u32::try_from(row.saturating_add(repeat - 1)).unwrap_or(u32::MAX), (last - 1) as u32);
                            let (r0, c0) = sheet.end.unwrap_or((0, 0));
                            sheet.end = Some((r0.max(end.0), c0.max(end.1)));
                        }
                    }
                    col = col.saturating_add(n);
                }
                // A repeated row with cells: its cells again in each of the rows it stands for.
                let over = sheet.rows.saturating_mul(sheet.cols) > limits.max_sheet_cells;
                if repeat > 1 && !over && sheet.table.rows.len() > kept {
                    let cells = sheet.table.rows.get(first).cloned().unwrap_or_default();
                    for r in first.saturating_add(1)..first.saturating_add(repeat) {
                        for (c, value) in cells.iter().enumerate() {
                            if !matches!(value, Cell::Empty) {
                                set(&mut sheet.table, r, c, value.clone());
                            }
                        }
                    }
                }
                row = row.saturating_add(repeat);
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(repeats(&e, "table:number-rows-repeated")?);
            }
            Event::End(e) if e.name().as_ref() == "table:table" => break,
            Event::Eof => return Err("unexpected end of a sheet".into()),
            _ => {}
        }
    }
    mark_percents(&mut sheet.table, Some(&percent_cells));
    Ok(sheet)
}

/// A cell's value and formula as calamine reads them, whether it declares a value type, and
/// whether it is a percentage. Reads the cell's content up to its end unless it is `closed`.
fn cell_value<R: BufRead>(
    xml: &mut Reader<R>,
    e: &BytesStart,
    closed: bool,
    unread: bool,
    text: &mut String,
    buf: &mut Vec<u8>,
) -> Result<CellRead, quick_xml::Error> {
    let read = attributes(e)?;
    if closed {
        return Ok(read.plain(true, None, text));
    }
    let Attributes { value, formula, has_type, percentage, from_text } = read;
    // The content: paragraphs for a string, skipped otherwise.
    text.clear();
    let (mut first, mut depth, mut annotation) = (true, 0usize, 0usize);
    loop {
        buf.clear();
        let event = xml.read_event_into(buf)?;
        let (start, empty) = match &event {
            Event::Start(s) => (Some(Element::of(s)), false),
            Event::Empty(s) => (Some(Element::of(s)), true),
            _ => (None, false),
        };
        match &event {
            Event::End(_) if depth == 0 => break,
            Event::End(e) => {
                depth -= 1;
                if e.name().as_ref() == "office:annotation" {
                    annotation = annotation.saturating_sub(1);
                }
                continue;
            }
            Event::Eof => {
                return Err(quick_xml::Error::Io(std::sync::Arc::new(std::io::Error::other(
                    "unexpected end of a cell",
                ))));
            }
            _ => {}
        }
        if let Some(element) = start
            && !empty
        {
            depth += 1;
            if element == Element::Annotation {
                annotation += 1;
            }
        }
        if !from_text || unread || annotation > 0 || start == Some(Element::Annotation) {
            continue;
        }
        match (&event, start) {
            (Event::Text(t), _) => text.push_str(&t.xml10_content()),
            (Event::GeneralRef(r), _) => entity(r, text),
            (_, Some(Element::Paragraph)) => {
                if first {
                    first = false;
                } else {
                    text.push('\n');
                }
            }
            (Event::Start(s) | Event::Empty(s), Some(Element::Space)) => {
                let count = s
                    .attributes()
                    .with_checks(false)
                    .flatten()
                    .find(|a| a.key.as_ref() == "text:c")
                    .and_then(|a| unescape(&a.value).trim().parse::<usize>().ok())
                    .unwrap_or(1);
                text.extend(std::iter::repeat_n(' ', count.min(1024)));
            }
            (_, Some(Element::Tab)) => text.push('\t'),
            (_, Some(Element::LineBreak)) => text.push('\n'),
            _ => {}
        }
    }
    // A string is moved into its cell, never copied.
    let value = match from_text {
        true => Cell::Text(std::mem::take(text)),
        false => cell(&value),
    };
    Ok((value, formula.filter(|f| !f.is_empty()), has_type, percentage))
}

/// A cell as read: its value, its formula, whether it declares a value type, and whether it is
/// a percentage.
type CellRead = (Cell, Option<String>, bool, bool);

/// What a cell's attributes say (`cell_value`).
struct Attributes {
    value: Data,
    formula: Option<String>,
    has_type: bool,
    percentage: bool,
    /// Whether its value is the text of its paragraphs.
    from_text: bool,
}

impl Attributes {
    /// The cell read from these attributes when it is `closed` (no content) or holds at most
    /// one plain paragraph whose text is `paragraph` (`None`: none, or one left unread).
    fn plain(self, closed: bool, paragraph: Option<&str>, text: &mut String) -> CellRead {
        let Attributes { value, formula, has_type, percentage, from_text } = self;
        let value = match (from_text, closed) {
            (true, true) => cell(&Data::String(String::new())),
            (true, false) => {
                text.clear();
                text.push_str(paragraph.unwrap_or_default());
                Cell::Text(std::mem::take(text))
            }
            (false, _) => cell(&value),
        };
        (value, formula.filter(|f| !f.is_empty()), has_type, percentage)
    }
}

/// Whether the columns `col` to `col + n` are all outside those read (`None`: every column read).
fn unread_span(read: Option<&[usize]>, col: usize, n: usize) -> bool {
    read.is_some_and(|cols| {
        let last = col.saturating_add(n);
        cols.iter().all(|&c| c < col || c >= last)
    })
}

/// A cell whose bytes are a `table:table-cell` tag (attributes in double quotes) and either
/// nothing more (`closed`), its end, or one paragraph `<text:p>` of plain text (`scan::plain`'s
/// rule) and its end: the tag's content as quick-xml gives it, the paragraph's text, and the
/// length of the cell's bytes. `None` when the cell is written otherwise (then quick-xml reads it).
struct PlainCell<'a> {
    tag: &'a str,
    name_len: usize,
    closed: bool,
    text: Option<&'a str>,
    len: usize,
}

/// Reads a plain cell (`PlainCell`) at the start of `ahead`, the reader's buffered bytes.
fn plain_cell(ahead: &[u8]) -> Option<PlainCell<'_>> {
    const NAME: &[u8] = b"table:table-cell";
    const END: &[u8] = b"</table:table-cell>";
    const PARAGRAPH: (&[u8], &[u8]) = (b"<text:p>", b"</text:p>");
    let after = ahead.strip_prefix(b"<")?.strip_prefix(NAME)?;
    if !matches!(after.first(), Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
        return None;
    }
    // The tag's end: its first `>` when an even number of double quotes stand before it (a `>`
    // inside a value, a single quote or a `<` in the tag: left to quick-xml).
    let close = memchr::memchr(b'>', after)?;
    let before = after.get(..close)?;
    if memchr::memchr2(b'\'', b'<', before).is_some() || !memchr::memchr_iter(b'"', before).count().is_multiple_of(2) {
        return None;
    }
    let inside = after.get(..close)?;
    let (inside, closed) = match inside.strip_suffix(b"/") {
        Some(inside) => (inside, true),
        None => (inside, false),
    };
    let tag = std::str::from_utf8(ahead.get(1..1 + NAME.len() + inside.len())?).ok()?;
    let mut len = 1 + NAME.len() + close + 1;
    if closed {
        return Some(PlainCell { tag, name_len: NAME.len(), closed, text: None, len });
    }
    let rest = after.get(close + 1..)?;
    let (text, used) = if rest.starts_with(END) {
        (None, 0)
    } else {
        let inner = rest.strip_prefix(PARAGRAPH.0)?;
        let end = memchr::memchr3(b'<', b'&', b'\r', inner)?;
        if !inner.get(end..)?.starts_with(PARAGRAPH.1) || !inner.get(end + PARAGRAPH.1.len()..)?.starts_with(END) {
            return None;
        }
        let text = std::str::from_utf8(inner.get(..end)?).ok()?;
        (Some(text), PARAGRAPH.0.len() + end + PARAGRAPH.1.len())
    };
    len += used + END.len();
    Some(PlainCell { tag, name_len: NAME.len(), closed, text, len })
}

/// Reads a cell's attributes, as calamine reads them.
fn attributes(e: &BytesStart) -> Result<Attributes, quick_xml::Error> {
    let (mut is_string, mut is_error, mut set, mut has_type, mut percentage) = (false, false, false, false, false);
    let mut value = Data::Empty;
    let mut formula = None;
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key.as_ref();
        match key {
            "office:value" if !set => {
                let v = a.value.as_ref();
                value = Data::Float(fast_float2::parse::<f64, _>(v.as_bytes()).map_err(|_| {
                    quick_xml::Error::Io(std::sync::Arc::new(std::io::Error::other(format!("bad number {v}"))))
                })?);
                set = true;
            }
            "office:string-value" | "office:date-value" | "office:time-value" if !set => {
                let v = unescape(&a.value);
                value = match key {
                    "office:date-value" => Data::DateTimeIso(v),
                    "office:time-value" => Data::DurationIso(v),
                    _ => Data::String(v),
                };
                set = true;
            }
            "office:boolean-value" if !set => {
                value = Data::Bool(matches!(a.value.as_ref(), "TRUE" | "true"));
                set = true;
            }
            "office:value-type" => {
                has_type = true;
                percentage = a.value.as_ref() == "percentage";
                if !set {
                    is_string = a.value.as_ref() == "string";
                }
            }
            "calcext:value-type" => is_error = a.value.as_ref() == "error",
            "table:formula" => formula = Some(unescape(&a.value)),
            _ => {}
        }
    }
    let from_text = (!set && is_string) || (is_error && matches!(&value, Data::String(s) if s.is_empty()));
    Ok(Attributes { value, formula, has_type, percentage, from_text })
}

/// The elements of a cell's content that make its text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Element {
    Paragraph,
    Space,
    Tab,
    LineBreak,
    Annotation,
    Other,
}

impl Element {
    fn of(e: &BytesStart) -> Element {
        match e.name().as_ref() {
            "text:p" => Element::Paragraph,
            "text:s" => Element::Space,
            "text:tab" => Element::Tab,
            "text:line-break" => Element::LineBreak,
            "office:annotation" => Element::Annotation,
            _ => Element::Other,
        }
    }
}

/// Appends what an entity or a character reference stands for.
fn entity(r: &quick_xml::events::BytesRef, out: &mut String) {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        out.push(c);
        return;
    }
    match r.as_ref() {
        "amp" => out.push('&'),
        "lt" => out.push('<'),
        "gt" => out.push('>'),
        "quot" => out.push('"'),
        "apos" => out.push('\''),
        other => {
            out.push('&');
            out.push_str(other);
            out.push(';');
        }
    }
}

/// An attribute value with its entities and character references decoded.
fn unescape(v: &str) -> String {
    quick_xml::escape::unescape(v).map_or_else(|_| v.to_string(), |v| v.into_owned())
}

/// An attribute of an element, decoded.
fn attribute(e: &BytesStart, key: &str) -> Result<Option<String>, String> {
    Ok(e.attributes().with_checks(false).flatten().find(|a| a.key.as_ref() == key).map(|a| unescape(&a.value)))
}

/// A repeat count (1 when absent; at least 1).
fn repeats(e: &BytesStart, key: &str) -> Result<usize, String> {
    // Most cells repeat nothing: no attribute can be named so when the name is not in the tag.
    if !e.attributes_raw().contains(key) {
        return Ok(1);
    }
    match attribute(e, key)? {
        None => Ok(1),
        Some(n) => n.trim().parse::<usize>().map(|n| n.max(1)).map_err(|_| format!("bad repeat count {n}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The XML of `content.xml` replaced, the archive otherwise as written.
    fn with_content(content: &str) -> Vec<u8> {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        for (name, text) in [
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            ("META-INF/manifest.xml", "<manifest:manifest/>"),
            ("content.xml", content),
        ] {
            out.start_file(name, stored).expect("entry");
            std::io::Write::write_all(&mut out, text.as_bytes()).expect("write");
        }
        out.finish().expect("zip").into_inner()
    }

    #[test]
    fn damaged_or_hostile_content_never_panics_nor_allocates_past_the_limit() {
        // Cuts and flipped bytes of a real file (no panic to catch: in the browser, one aborts).
        let valid = include_bytes!("../tests/data/handmade.ods").to_vec();
        for cut in (0..valid.len()).step_by(37) {
            let _ = read("coupe.ods", &valid[..cut], &Limits::default());
        }
        for i in (0..valid.len()).step_by(13) {
            let mut bytes = valid.clone();
            bytes[i] ^= 0x55;
            let _ = read("abime.ods", &bytes, &Limits::default());
        }
        // Repeat counts at the edge of the integers, and a formula far below the cells.
        let huge = usize::MAX;
        let hostile = [
            format!(
                "<table:table table:name=\"a\"><table:table-row table:number-rows-repeated=\"{huge}\"><table:table-cell table:number-columns-repeated=\"{huge}\" office:value-type=\"percentage\" office:value=\"1\"/></table:table-row></table:table>"
            ),
            format!(
                "<table:table table:name=\"b\"><table:table-row table:number-rows-repeated=\"{huge}\"/><table:table-row><table:table-cell table:formula=\"of:=1\"/></table:table-row></table:table>"
            ),
            "<table:table table:name=\"c\"><table:table-row table:number-rows-repeated=\"99999999999999999999999\"/></table:table>".to_string(),
        ];
        for xml in hostile {
            match read("hostile.ods", &with_content(&xml), &Limits::default()) {
                Err(Error::Bomb { .. } | Error::Damaged { .. }) => {}
                // A sheet with no header in its top rows is read no further than them.
                Ok(tables) if tables.iter().all(|t| t.rows.len() <= crate::layout::HEADER_SEARCH_ROWS) => {}
                other => panic!("{xml}: {other:?}"),
            }
        }
    }
}
