//! Workbooks in Office Open XML (xlsx, xlsm) read in one pass per sheet with quick-xml: each
//! sheet is inflated once, as it is parsed (through the guard's check of its declared size), and
//! its values, formulas without a cached value, merged regions and percent formats are all taken
//! in that pass. Memory follows the cells kept (see `workbook::Builder`), never the sheet's size.
//!
//! The values are read as calamine reads them (this reader replaced calamine's for speed, and the
//! differential test `tests/differential.rs` pins that both give the same offers): shared and
//! inline strings (rich text joined, phonetic runs left out, ASCII spaces around a run trimmed
//! unless preserved, `_xHHHH_` escapes decoded), numbers turned into dates by their format in
//! either date system, booleans, errors, ISO dates and formula strings.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::{BufRead, BufReader, Cursor, Read};

use calamine::{CellErrorType, Data, ExcelDateTime, ExcelDateTimeType};
use quick_xml::Reader;
use quick_xml::events::{BytesRef, BytesStart, Event};

use crate::detect::Format;
use crate::error::Error;
use crate::guard::{self, Limits};
use crate::scan::{Peek, Ways, past_tag, plain};
use crate::table::{Cell, Table};
use crate::workbook::{Builder, cell, fill_merged, mark_percents};

type Archive<'b> = zip::ZipArchive<Cursor<&'b [u8]>>;

/// Percent-formatted cells kept per sheet at most: more would only come from a hostile file.
const MAX_PERCENT_CELLS: usize = 100_000;

/// How a cell format shows a number (calamine's categories, and whether it is a percentage).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Shown {
    kind: Kind,
    percent: bool,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Other,
    DateTime,
    TimeDelta,
}

/// What the workbook parts give before any sheet is read.
struct Book {
    strings: Strings,
    /// Cell formats (`cellXfs`) by index.
    formats: Vec<Shown>,
    is_1904: bool,
    /// Sheets in workbook order: name and the path of its part.
    sheets: Vec<(String, String)>,
    /// Whether the shared strings of cells no reading looks at are left unbuilt (see `settle`).
    skip: bool,
    /// Whether plain values and strings are taken from the bytes, without quick-xml (`plain`).
    scan: bool,
}

/// Shared strings parts larger than this, inflated, are read after the sheets, keeping only the
/// strings their kept cells use (an annex's hundreds of thousands of strings are never kept); a
/// smaller one is read first, whole, and its strings put in the cells as they are met.
pub(crate) const LAZY_STRINGS_BYTES: u64 = 8 << 20;

/// Reads every worksheet of an xlsx workbook.
pub fn read(file: &str, bytes: &[u8], limits: &Limits) -> Result<Vec<Table>, Error> {
    read_with(file, bytes, limits, LAZY_STRINGS_BYTES, Ways::FAST)
}

/// [`read`], the shared strings read after the sheets when their part is larger than `lazy_above`,
/// and the shortcuts `ways`.
pub(crate) fn read_with(
    file: &str,
    bytes: &[u8],
    limits: &Limits,
    lazy_above: u64,
    ways: Ways,
) -> Result<Vec<Table>, Error> {
    let damaged =
        |detail: String| Error::Damaged { file: file.to_string(), format: Format::Xlsx.name().into(), detail };
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let names: HashMap<String, String> =
        archive.file_names().flatten().map(|n| (n.replace('\\', "/").to_ascii_lowercase(), n.to_string())).collect();
    let (mut book, lazy) = book(file, &mut archive, &names, limits, lazy_above, ways.scan)?;
    book.skip = ways.skip;
    let Some(strings) = lazy else {
        let mut out = Vec::new();
        for (name, path) in &book.sheets {
            if let Some(sheet) = open_sheet(file, &mut archive, &names, (name, path), &book, limits, Mode::Eager)? {
                out.push(sheet.finished());
            }
        }
        return Ok(out);
    };
    // The shared strings are many: first the top of each sheet, with the strings it uses, tells
    // which sheets may hold an answer table (as `Builder::past_use` tells it); then the sheets,
    // their strings pending, and only the strings their kept cells use.
    let mut tops = Vec::new();
    for (name, path) in &book.sheets {
        tops.push(open_sheet(file, &mut archive, &names, (name, path), &book, limits, Mode::Top)?);
    }
    let kept = Kept::read(file, &mut archive, (&strings, ways.scan), limits, tops.iter().flatten(), false)?;
    let mut headed = Vec::new();
    for top in tops {
        headed.push(match top {
            Some(top) => top
                .resolved(&kept)
                .map_err(&damaged)?
                .table
                .rows
                .iter()
                .take(crate::layout::HEADER_SEARCH_ROWS)
                .flatten()
                .any(crate::layout::may_head),
            None => false,
        });
    }
    let mut sheets = Vec::new();
    for ((name, path), headed) in book.sheets.iter().zip(headed) {
        sheets.extend(open_sheet(file, &mut archive, &names, (name, path), &book, limits, Mode::Known(headed))?);
    }
    let kept = Kept::read(file, &mut archive, (&strings, ways.scan), limits, sheets.iter(), true)?;
    sheets.into_iter().map(|s| Ok(s.resolved(&kept).map_err(&damaged)?.finished())).collect()
}

/// How far a sheet is read, and whether its top rows decide that it may hold an answer table.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Whole, its shared strings put in as they are met; its top rows decide.
    Eager,
    /// Its cells before its first row past the top, their shared strings pending.
    Top,
    /// Whole (or its top only when it cannot hold an answer table), its shared strings pending.
    Known(bool),
}

/// Opens a sheet's part and reads it.
fn open_sheet(
    file: &str,
    archive: &mut Archive,
    names: &HashMap<String, String>,
    (name, path): (&str, &str),
    book: &Book,
    limits: &Limits,
    mode: Mode,
) -> Result<Option<Sheet>, Error> {
    let damaged =
        |detail: String| Error::Damaged { file: file.to_string(), format: Format::Xlsx.name().into(), detail };
    let Some(entry) = names.get(&path.to_ascii_lowercase()) else {
        return Err(damaged(format!("{name} : part {path} is missing")));
    };
    let mut part = guard::Checked::open(file, archive, entry, limits)?;
    let sheet = {
        let mut xml = Reader::from_reader(BufReader::with_capacity(crate::scan::capacity(part.declared()), &mut part));
        self::sheet(file, name, &mut xml, book, limits, mode)
    };
    // A part longer than it declares is refused as a bomb, whatever its XML held (a sheet's top
    // alone is read without inflating the rest: it is read whole after).
    if mode != Mode::Top {
        part.finish()?;
    }
    match sheet {
        Ok(sheet) => Ok(sheet),
        Err(Problem::Refused(e)) => Err(e),
        Err(Problem::Damaged(detail)) => Err(damaged(format!("{name} : {detail}"))),
    }
}

/// A merged region: its first and last cells, 0-based.
type Region = ((u32, u32), (u32, u32));

/// A sheet as read, before its merged regions are filled and its percentages marked.
struct Sheet {
    table: Table,
    merged: Vec<Region>,
    percents: BTreeSet<(usize, usize)>,
    /// Cells whose shared string is still to be put in.
    pending: Vec<Pending>,
}

/// A cell whose shared string is still to be put in: its place, the string's index and the
/// formula that computed it (a formula whose cached string is blank is kept as a formula).
struct Pending {
    pos: (u32, u32),
    index: usize,
    formula: Option<String>,
}

impl Sheet {
    /// Puts the pending shared strings into their cells; the damage when one is not in the table.
    fn resolved(mut self, kept: &Kept) -> Result<Sheet, String> {
        for p in std::mem::take(&mut self.pending) {
            let text = kept.get(p.index).ok_or_else(|| format!("{} : {MISSING_STRING}", self.table.sheet))?;
            p.put(&mut self.table, text);
        }
        Ok(self)
    }

    /// The table, its merged regions filled and its percentages marked.
    fn finished(self) -> Table {
        let mut table = self.table;
        for (start, end) in self.merged {
            fill_merged(&mut table, start, end);
        }
        mark_percents(&mut table, Some(&self.percents));
        table
    }
}

impl Pending {
    /// Puts the string into the cell left blank for it (a formula whose cached string is blank
    /// is kept as a formula).
    fn put(self, table: &mut Table, text: &str) {
        let cell = match self.formula {
            Some(f) if text.trim().is_empty() && !f.trim().is_empty() => Cell::Formula(f),
            _ => Cell::Text(text.to_string()),
        };
        let (row, col) = (self.pos.0 as usize, self.pos.1 as usize);
        // A cell written again later in the part is what the sheet holds.
        if matches!(table.get(row, col), Cell::Text(t) if t.is_empty()) {
            crate::workbook::set(table, row, col, cell);
        }
    }
}

/// Puts in the strings left unbuilt below a sheet's top (`deferred`, their cells blank) that a
/// reading may need: those that start a merged region (`fill_merged` copies them into cells that
/// may be read), and every one when the top rows, their merged regions filled, head other
/// columns than `assumed`, the columns taken for read when the first cell below the top was met
/// (a merged header, or top rows written after lower ones). The table is then, in every column
/// a reading looks at below the top, the one built whole.
fn settle(
    table: &mut Table,
    deferred: Vec<Pending>,
    assumed: Option<&[usize]>,
    merged: &[Region],
    strings: &Strings,
) -> Result<(), Problem> {
    use crate::layout::{HEADER_SEARCH_ROWS, read_below_top};
    let heads = if merged.iter().any(|(start, _)| (start.0 as usize) < HEADER_SEARCH_ROWS) {
        let mut top =
            Table { sheet: String::new(), rows: table.rows.iter().take(HEADER_SEARCH_ROWS).cloned().collect() };
        for &(start, end) in merged {
            fill_merged(&mut top, start, end);
        }
        read_below_top(&top.rows)
    } else {
        read_below_top(&table.rows)
    };
    let all = assumed != Some(heads.as_slice());
    let origins: HashSet<(u32, u32)> = merged.iter().map(|(start, _)| *start).collect();
    for p in deferred.into_iter().filter(|p| all || origins.contains(&p.pos)) {
        let text = strings.get(p.index).ok_or_else(|| Problem::Damaged(MISSING_STRING.into()))?;
        p.put(table, text);
    }
    Ok(())
}

/// The damage when a cell names a shared string the table does not have.
const MISSING_STRING: &str = "Cell string index not found in shared strings table";

/// The shared strings some cells use, kept from a table read after the sheets.
struct Kept {
    /// The indices kept, in order.
    indices: Vec<usize>,
    strings: Strings,
}

impl Kept {
    /// Reads the shared strings `sheets` use from the part `entry` (`whole`: the part is checked
    /// to its end; `scan`: plain strings taken from the bytes).
    fn read<'s>(
        file: &str,
        archive: &mut Archive,
        (entry, scan): (&str, bool),
        limits: &Limits,
        sheets: impl Iterator<Item = &'s Sheet>,
        whole: bool,
    ) -> Result<Kept, Error> {
        let mut indices: Vec<usize> = sheets.flat_map(|s| s.pending.iter().map(|p| p.index)).collect();
        indices.sort_unstable();
        indices.dedup();
        let mut part = guard::Checked::open(file, archive, entry, limits)?;
        let strings = shared_strings(
            &mut Reader::from_reader(BufReader::with_capacity(crate::scan::capacity(part.declared()), &mut part)),
            Some(&indices),
            scan,
        );
        if whole {
            part.finish()?;
        }
        let strings = strings.map_err(|e| Error::Damaged {
            file: file.to_string(),
            format: Format::Xlsx.name().into(),
            detail: format!("sharedStrings.xml : {e}"),
        })?;
        Ok(Kept { indices, strings })
    }

    fn get(&self, index: usize) -> Option<&str> {
        self.strings.get(self.indices.binary_search(&index).ok()?)
    }
}

/// Buffers reused from cell to cell, and whether shared strings are left pending.
#[derive(Default)]
struct Scratch {
    lazy: bool,
    cell: Vec<u8>,
    inner: Vec<u8>,
    text: String,
    rich: Rich,
}

/// Buffers reused from string to string, and whether plain runs are taken from the bytes.
#[derive(Default)]
struct Rich {
    scan: bool,
    buf: Vec<u8>,
    inner: Vec<u8>,
    text: String,
}

/// Why a sheet could not be read: a refusal already worded, or damage to describe.
enum Problem {
    Refused(Error),
    Damaged(String),
}

impl From<quick_xml::Error> for Problem {
    fn from(e: quick_xml::Error) -> Problem {
        Problem::Damaged(e.to_string())
    }
}

/// The shared strings table, every string's text end to end and where each ends: two
/// allocations for the whole table, however many strings it holds (an annex's cells are often
/// hundreds of thousands of strings no answer reads).
#[derive(Default)]
struct Strings {
    text: String,
    ends: Vec<usize>,
}

impl Strings {
    fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }
}

/// Reads the workbook's small parts: its sheets, shared strings and cell formats; a shared
/// strings part larger than `lazy_above` is left to be read after the sheets (its entry's name).
fn book(
    file: &str,
    archive: &mut Archive,
    names: &HashMap<String, String>,
    limits: &Limits,
    lazy_above: u64,
    scan: bool,
) -> Result<(Book, Option<String>), Error> {
    let damaged =
        |detail: String| Error::Damaged { file: file.to_string(), format: Format::Xlsx.name().into(), detail };
    let part = |archive: &mut Archive, path: &str| -> Result<Option<Vec<u8>>, Error> {
        let Some(entry) = names.get(&path.to_ascii_lowercase()) else { return Ok(None) };
        let mut part = guard::Checked::open(file, archive, entry, limits)?;
        let mut buf = Vec::new();
        let read = part.read_to_end(&mut buf);
        part.finish()?;
        read.map_err(|e| damaged(format!("{path} : {e}")))?;
        Ok(Some(buf))
    };
    // Where the workbook part is: the package's relationships name it.
    let package = part(archive, "_rels/.rels")?.ok_or_else(|| damaged("_rels/.rels is missing".into()))?;
    let mut target = None;
    for rel in elements(&package, "Relationship") {
        if rel.get("Type").is_some_and(|t| t.ends_with("/relationships/officeDocument"))
            && let Some(t) = rel.get("Target")
        {
            target = Some(t.clone());
        }
    }
    let (mut dir, mut workbook) = ("xl/".to_string(), "workbook.xml".to_string());
    if let Some(target) = target {
        let (d, n) = target.rsplit_once('/').map_or(("", target.as_str()), |(d, n)| (d, n));
        dir = if d.is_empty() { String::new() } else { format!("{}/", d.strip_prefix('/').unwrap_or(d)) };
        if !n.is_empty() {
            workbook = n.to_string();
        }
    }
    // The shared strings, parsed as they are inflated (never held as XML).
    let (mut strings, mut lazy) = (Strings::default(), None);
    if let Some(entry) = names.get(&format!("{dir}sharedStrings.xml").to_ascii_lowercase()) {
        let mut part = guard::Checked::open(file, archive, entry, limits)?;
        if part.declared() > lazy_above {
            lazy = Some(entry.clone());
        } else {
            let read = shared_strings(
                &mut Reader::from_reader(BufReader::with_capacity(crate::scan::capacity(part.declared()), &mut part)),
                None,
                scan,
            );
            part.finish()?;
            strings = read.map_err(|e| damaged(format!("sharedStrings.xml : {e}")))?;
        }
    }
    let formats = part(archive, &format!("{dir}styles.xml"))?.map(|xml| formats(&xml)).unwrap_or_default();
    let rels_path = format!("{dir}_rels/{workbook}.rels");
    let rels = part(archive, &rels_path)?.ok_or_else(|| damaged(format!("{rels_path} is missing")))?;
    let targets: HashMap<String, (String, String)> = elements(&rels, "Relationship")
        .into_iter()
        .filter_map(|mut a| {
            let id = a.remove("Id")?;
            Some((id, (a.remove("Target").unwrap_or_default(), a.remove("Type").unwrap_or_default())))
        })
        .collect();
    let xml = part(archive, &format!("{dir}{workbook}"))?.unwrap_or_default();
    let mut reader = Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let (mut sheets, mut is_1904) = (Vec::new(), false);
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sheet" => {
                let attrs = attributes(&e);
                let name = attrs.get("name").cloned().unwrap_or_default();
                let id = attrs.iter().find(|(k, _)| *k == "id" || k.ends_with(":id")).map(|(_, v)| v.clone());
                let (target, kind) =
                    id.and_then(|id| targets.get(&id)).ok_or_else(|| damaged("relationship not found".into()))?;
                // Chart and dialog sheets hold no cells to read.
                if !kind.ends_with("/worksheet") {
                    continue;
                }
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("{dir}{target}"),
                };
                sheets.push((name, path));
            }
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "workbookPr" => {
                if let Some(v) = attributes(&e).get("date1904") {
                    is_1904 = v == "1" || v == "true";
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(damaged(format!("{workbook} : {e}"))),
            _ => {}
        }
        buf.clear();
    }
    Ok((Book { strings, formats, is_1904, sheets, skip: false, scan }, lazy))
}

/// Reads one sheet: `None` when its part holds no cells (a chart or a macro sheet).
fn sheet<R: Peek>(
    file: &str,
    name: &str,
    xml: &mut Reader<R>,
    book: &Book,
    limits: &Limits,
    mode: Mode,
) -> Result<Option<Sheet>, Problem> {
    let mut buf = Vec::new();
    // Up to the cells.
    loop {
        match xml.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().as_ref() == "sheetData" => break,
            Event::Empty(e) if e.local_name().as_ref() == "sheetData" => {
                let table = Table { sheet: name.to_string(), rows: Vec::new() };
                return Ok(Some(Sheet { table, merged: Vec::new(), percents: BTreeSet::new(), pending: Vec::new() }));
            }
            Event::Eof => return Ok(None),
            _ => {}
        }
        buf.clear();
    }
    let mut builder = Builder::new(file, name.to_string(), limits);
    if let Mode::Known(headed) = mode {
        builder.known_head(headed);
    }
    // Whether the cells from this row on are not read (and the sheet's other cells skipped).
    let past = |builder: &Builder, row: u32| {
        builder.past_use(row) || (mode == Mode::Top && row as usize >= crate::layout::HEADER_SEARCH_ROWS)
    };
    let mut pending = Vec::new();
    let mut percents = BTreeSet::new();
    let mut shared = Shared::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut scratch = Scratch { lazy: mode != Mode::Eager, ..Scratch::default() };
    scratch.rich.scan = book.scan;
    let mut ended = false;
    // Below the top rows, the shared strings of the columns no reading looks at are left unbuilt
    // (`deferred`, their cells blank but counted) until the merged regions are known (`settle`).
    let defer = book.skip && mode == Mode::Eager;
    let mut assumed: Option<Vec<usize>> = None;
    let mut deferred = Vec::new();
    // Whether the reader is just past a tag (where `plain_cell` may look ahead).
    let mut between = true;
    // A plain cell's text: one buffer for every cell (a number or a shared string's index is
    // read from it; a formula's string copied out of it).
    let mut plain = String::new();
    // A row's start and end may be taken by the scan below and the other by quick-xml: its check
    // that each end tag closes the element opened last is left off for the cells, with or without
    // the scan (as calamine leaves it off), so that both read the same.
    xml.config_mut().check_end_names = false;
    loop {
        // A row's start `<row r="2" spans="1:10">` and end `</row>`, read as quick-xml reads them
        // (below) without its events.
        if between && book.scan {
            let ahead = xml.get_ref().buffered();
            if ahead.starts_with(b"</row>") {
                xml.get_mut().consume(6);
                row += 1;
                col = 0;
                continue;
            }
            if let Some((number, empty, len)) = plain_row(ahead) {
                xml.get_mut().consume(len);
                row = number.unwrap_or(row);
                if empty {
                    row += 1;
                    col = 0;
                } else if past(&builder, row) {
                    break;
                }
                continue;
            }
        }
        // A cell `<c r="B2" t="s"><v>12</v></c>`, the common one, read as quick-xml reads it
        // (below) without its events; left to quick-xml when it is past the rows read.
        let fast = match between && book.scan {
            true => plain_cell(xml.get_ref().buffered(), row, col, &mut plain).filter(|c| !past(&builder, c.pos.0)),
            false => None,
        };
        let (pos, style, typ, content) = match fast {
            Some(cell) => (cell.pos, cell.style, cell.typ.map(Cow::Borrowed), Content::Plain(cell.len)),
            None => {
                buf.clear();
                let event = xml.read_event_into(&mut buf)?;
                between = past_tag(&event);
                match event {
                    Event::Start(e) if e.local_name().as_ref() == "row" => {
                        if let Some(r) = raw(&e, "r") {
                            row = row_of(&r)?;
                        }
                        // A sheet that cannot hold the answer table: its other rows are skipped unbuilt.
                        if past(&builder, row) {
                            break;
                        }
                        continue;
                    }
                    Event::Empty(e) if e.local_name().as_ref() == "row" => {
                        if let Some(r) = raw(&e, "r") {
                            row = row_of(&r)?;
                        }
                        row += 1;
                        col = 0;
                        continue;
                    }
                    Event::End(e) if e.local_name().as_ref() == "row" => {
                        row += 1;
                        col = 0;
                        continue;
                    }
                    Event::Start(e) if e.local_name().as_ref() == "c" => {
                        let (pos, style, typ) = cell_attributes(&e, row, &mut col)?;
                        if past(&builder, pos.0) {
                            break;
                        }
                        (pos, style, typ.map(|t| cell_type(&t)), Content::Elements)
                    }
                    Event::Empty(e) if e.local_name().as_ref() == "c" => {
                        let (pos, style, _) = cell_attributes(&e, row, &mut col)?;
                        note_percent(book, style, pos, &mut percents);
                        col += 1;
                        continue;
                    }
                    Event::End(e) if e.local_name().as_ref() == "sheetData" => {
                        ended = true;
                        break;
                    }
                    Event::Eof => return Err(Problem::Damaged("unexpected end of sheetData".into())),
                    _ => continue,
                }
            }
        };
        let typ = typ.as_deref();
        let deferring = defer
            && typ == Some("s")
            && pos.0 as usize >= crate::layout::HEADER_SEARCH_ROWS
            && assumed
                .get_or_insert_with(|| crate::layout::read_below_top(&builder.table.rows))
                .binary_search(&(pos.1 as usize))
                .is_err();
        scratch.lazy = mode != Mode::Eager || deferring;
        let (value, index, formula) = match content {
            Content::Elements => cell_content(xml, style, typ, book, pos, &mut shared, &mut scratch)?,
            Content::Plain(len) => {
                let (value, index) = match typ {
                    // A formula's string without `_xHHHH_` escapes: its text as read, copied at
                    // its length (the buffer, kept for the next cell, may be longer).
                    Some("str")
                        if !memchr::memchr_iter(b'_', plain.as_bytes())
                            .any(|at| plain.as_bytes().get(at + 1) == Some(&b'x')) =>
                    {
                        (Cell::Text(plain.clone()), None)
                    }
                    _ => plain_value(&plain, style, typ, scratch.lazy, book)?,
                };
                xml.get_mut().consume(len);
                col = pos.1;
                between = true;
                (value, index, None)
            }
        };
        note_percent(book, style, pos, &mut percents);
        let value = match (value, index, formula) {
            // Left unbuilt: refused now as when built, if the table lacks it.
            (_, Some(index), formula) if deferring => {
                if book.strings.get(index).is_none() {
                    return Err(Problem::Damaged(MISSING_STRING.into()));
                }
                deferred.push(Pending { pos, index, formula });
                Cell::Text(String::new())
            }
            // Its text is put in once the strings the sheets use are read.
            (_, Some(index), formula) => {
                pending.push(Pending { pos, index, formula });
                Cell::Text(String::new())
            }
            (v, None, Some(f)) if v.is_empty() && !f.trim().is_empty() => Cell::Formula(f),
            (v, ..) => v,
        };
        builder.put(pos.0, pos.1, value).map_err(Problem::Refused)?;
        col += 1;
    }
    let mut merged = Vec::new();
    if mode == Mode::Top {
        return Ok(Some(Sheet { table: builder.table, merged, percents, pending }));
    }
    if !ended {
        skip_to_merges(xml)?;
    }
    // After the cells: the merged regions.
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "mergeCell" => {
                if let Some(region) = raw(&e, "ref").and_then(|r| region(&r)) {
                    merged.push(region);
                }
            }
            // Merged regions are an optional refinement: a sheet whose list is damaged is still read.
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut table = builder.table;
    if !deferred.is_empty() {
        settle(&mut table, deferred, assumed.as_deref(), &merged, &book.strings)?;
    }
    Ok(Some(Sheet { table, merged, percents, pending }))
}

/// Skips the rest of a sheet's cells unparsed: a byte search for its merged regions
/// (`mergeCells`), or its end. The reader then reads on from there, every `mergeCell` it meets
/// taken as before (unbalanced end tags no longer refused: the cells' tags were skipped).
fn skip_to_merges<R: BufRead>(xml: &mut Reader<R>) -> Result<(), Problem> {
    const MARK: &[u8] = b"mergeCells";
    let finder = memchr::memmem::Finder::new(MARK);
    xml.config_mut().check_end_names = false;
    let source = xml.get_mut();
    // The end of the previous chunk, for a mark cut between two chunks.
    let mut tail: Vec<u8> = Vec::with_capacity(2 * MARK.len());
    loop {
        let chunk = source.fill_buf().map_err(|e| Problem::Damaged(e.to_string()))?;
        if chunk.is_empty() {
            return Ok(());
        }
        if let Some(at) = finder.find(chunk) {
            source.consume(at);
            return Ok(());
        }
        tail.extend_from_slice(chunk.get(..MARK.len()).unwrap_or(chunk));
        if finder.find(&tail).is_some() {
            // Read on from this chunk's start: the mark's end is text, its elements follow.
            return Ok(());
        }
        tail.clear();
        tail.extend_from_slice(chunk.get(chunk.len().saturating_sub(MARK.len())..).unwrap_or_default());
        let n = chunk.len();
        source.consume(n);
    }
}

/// How a cell's content is read: its elements by quick-xml, or its plain value (`plain_cell`,
/// its text in the caller's buffer) and the length of the cell's bytes, consumed once the value
/// is read.
enum Content {
    Elements,
    Plain(usize),
}

/// A cell's type (`t`) as the readers take it (an empty one is a shared string's, `s`): the types
/// the format defines without an allocation, any other as written.
fn cell_type(t: &str) -> std::borrow::Cow<'static, str> {
    const TYPES: [&str; 7] = ["s", "n", "str", "b", "e", "d", "inlineStr"];
    match t {
        "" => "s".into(),
        t => TYPES.iter().find(|known| **known == t).map_or_else(|| t.to_string().into(), |known| (*known).into()),
    }
}

/// A cell whose bytes are `<c` and attributes `r`, `s`, `t` (any other ignored, as
/// `cell_attributes` ignores them), then `><v>`, plain text, `</v></c>`: its position (after
/// `row` and `col` when it has no reference), style, type and length in bytes (its value is in
/// the buffer `plain_cell` was given).
struct PlainCell {
    pos: (u32, u32),
    style: Option<usize>,
    typ: Option<&'static str>,
    len: usize,
}

/// Reads a plain cell (`PlainCell`) at the start of `ahead`, the reader's buffered bytes, as
/// quick-xml and `cell_attributes` would read it, or `None` when its bytes are anything else
/// (then quick-xml reads it: an attribute with a reference or odd spacing, a bad reference, text
/// that is not plain, a cell cut by the buffer's end, a prefixed name, an empty cell). Its value is
/// written in `text` (cleared first; left partly written when the cell is not plain).
fn plain_cell(ahead: &[u8], row: u32, col: u32, text: &mut String) -> Option<PlainCell> {
    let tag = ahead.strip_prefix(b"<c ")?;
    let close = memchr::memchr(b'>', tag)?;
    let (attributes, rest) = (tag.get(..close)?, tag.get(close + 1..)?);
    let rest = rest.strip_prefix(b"<v>")?;
    text.clear();
    let end = crate::scan::plain_text(rest, text)?;
    if !rest.get(end..)?.starts_with(b"</v></c>") {
        return None;
    }
    let (mut pos, mut style, mut typ) = ((row, col), None, None);
    plain_attributes(attributes, |key, value| {
        match key {
            b"r" => pos = plain_reference(value)?,
            b"s" => style = Some(plain_number(value)? as usize),
            b"t" => typ = Some(plain_type(value)?),
            _ => {}
        }
        Some(())
    })?;
    let len = 3 + close + 1 + 3 + end + 8;
    Some(PlainCell { pos, style, typ, len })
}

/// Walks attributes written plainly, `key="value"` separated by spaces, in ASCII, no value
/// holding `<` or `&`, giving each key and value to `each` in order; `None` when they are written
/// otherwise (then quick-xml reads them) or when `each` refuses one.
fn plain_attributes<'a>(attributes: &'a [u8], mut each: impl FnMut(&'a [u8], &'a [u8]) -> Option<()>) -> Option<()> {
    if !attributes.is_ascii() {
        return None;
    }
    // Byte searches for `="` and `"` (a key is refused with a `=` in it: its first `=` must
    // start `="`), spaces skipped byte by byte.
    let mut left = spaced(attributes);
    while !left.is_empty() {
        let eq = memchr::memchr(b'=', left)?;
        if left.get(eq + 1) != Some(&b'"') {
            return None;
        }
        let (key, after) = (&left[..eq], &left[eq + 2..]);
        let quote = memchr::memchr(b'"', after)?;
        let (value, after) = (&after[..quote], &after[quote + 1..]);
        if key.is_empty() || key.iter().any(|b| b.is_ascii_whitespace() || b"<>&'\"/=".contains(b)) {
            return None;
        }
        if value.iter().any(|&b| b == b'<' || b == b'&') {
            return None;
        }
        each(key, value)?;
        let trimmed = spaced(after);
        if trimmed.len() == after.len() && !after.is_empty() {
            return None;
        }
        left = trimmed;
    }
    Some(())
}

/// Bytes without their leading spaces.
fn spaced(s: &[u8]) -> &[u8] {
    &s[s.iter().take_while(|&&b| b == b' ').count()..]
}

/// A number written in ASCII digits alone (at most nine, so that it fits), `None` for any other
/// (read then by quick-xml and `str::parse`).
fn plain_number(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    digits.iter().try_fold(0u32, |n, &b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
}

/// An A1 reference written as one to seven letters and digits alone, as [`reference`] reads it;
/// `None` for any other, which [`reference`] then reads (or refuses).
fn plain_reference(r: &[u8]) -> Option<(u32, u32)> {
    let (col, letters) = reference_column(r)?;
    let row = plain_number(&r[letters..])?;
    Some((row.checked_sub(1)?, col))
}

/// A cell's type as `cell_type` takes it, for the types the format defines (an inline string
/// excepted: its value is not a `<v>`); `None` for any other.
fn plain_type(t: &[u8]) -> Option<&'static str> {
    Some(match t {
        b"" | b"s" => "s",
        b"n" => "n",
        b"str" => "str",
        b"b" => "b",
        b"e" => "e",
        b"d" => "d",
        _ => return None,
    })
}

/// A row's start tag `<row` with plain attributes (`plain_attributes`) at the start of `ahead`:
/// its number (0-based) when it has a plain `r`, whether it is empty (`<row …/>`) and its length
/// in bytes; `None` for anything else (then quick-xml reads it).
fn plain_row(ahead: &[u8]) -> Option<(Option<u32>, bool, usize)> {
    let tag = ahead.strip_prefix(b"<row")?;
    let close = memchr::memchr(b'>', tag)?;
    let inside = &tag[..close];
    let (attributes, empty) = match inside.strip_suffix(b"/") {
        Some(a) => (a, true),
        None => (inside, false),
    };
    if !attributes.is_empty() && !attributes.starts_with(b" ") {
        return None;
    }
    let mut number = None;
    plain_attributes(attributes, |key, value| {
        if key == b"r" && number.is_none() {
            number = Some(plain_number(value)?.checked_sub(1)?);
        }
        Some(())
    })?;
    Some((number, empty, 4 + close + 1))
}

/// A plain `<v>` value by the cell's type and format, as `cell_content` reads it: a shared
/// string's index when `lazy`, its cell left empty.
fn plain_value(
    v: &str,
    style: Option<usize>,
    typ: Option<&str>,
    lazy: bool,
    book: &Book,
) -> Result<(Cell, Option<usize>), Problem> {
    Ok(match typ {
        Some("s") if lazy => (Cell::Empty, (!v.is_empty()).then(|| v.parse().unwrap_or(0))),
        _ => (self::value(v, style, typ, book)?, None),
    })
}

/// Keeps the position of a cell whose format shows a percentage.
fn note_percent(book: &Book, style: Option<usize>, pos: (u32, u32), percents: &mut BTreeSet<(usize, usize)>) {
    if percents.len() < MAX_PERCENT_CELLS && style.and_then(|s| book.formats.get(s)).is_some_and(|f| f.percent) {
        percents.insert((pos.0 as usize, pos.1 as usize));
    }
}

/// A cell's 0-based position, its style's index and its type.
type CellAttributes = ((u32, u32), Option<usize>, Option<String>);

/// A cell's position (from its reference, or following the previous cell), style and type.
fn cell_attributes(e: &BytesStart, row: u32, col: &mut u32) -> Result<CellAttributes, Problem> {
    let (mut pos, mut style, mut typ) = ((row, *col), None, None);
    for a in e.attributes().with_checks(false).flatten() {
        match a.key.as_ref() {
            "r" => {
                let r: &str = &a.value;
                pos = reference(r).ok_or_else(|| Problem::Damaged(format!("bad cell reference {r}")))?;
                *col = pos.1;
            }
            "s" => style = Some(a.value.parse().unwrap_or(0)),
            // Shared strings, the most common type, without an allocation.
            "t" if a.value.as_ref() == "s" => typ = Some(String::new()),
            "t" => typ = Some(a.value.to_string()),
            _ => {}
        }
    }
    Ok((pos, style, typ))
}

/// Reads a cell's children up to its end: its value and its formula.
fn cell_content<R: Peek>(
    xml: &mut Reader<R>,
    style: Option<usize>,
    typ: Option<&str>,
    book: &Book,
    pos: (u32, u32),
    shared: &mut Shared,
    scratch: &mut Scratch,
) -> Result<(Cell, Option<usize>, Option<String>), Problem> {
    let (mut value, mut index, mut formula) = (Cell::Empty, None, None);
    let inline = matches!(typ, Some("inlineStr" | "is"));
    // Whether the reader is just past a tag (where `plain` may look ahead): after the cell's start.
    let mut between = true;
    loop {
        // `<v>12</v>`, the common value, read as quick-xml reads it (below) without its events.
        if between && scratch.rich.scan && !inline && plain(xml, b"<v>", b"</v>", &mut scratch.text) {
            (value, index) = plain_value(&scratch.text, style, typ, scratch.lazy, book)?;
            continue;
        }
        scratch.cell.clear();
        let event = xml.read_event_into(&mut scratch.cell)?;
        between = past_tag(&event);
        match event {
            Event::Start(e) => match e.local_name().as_ref() {
                "f" => {
                    let attrs = attributes(&e);
                    let f = element_text(xml, &mut scratch.inner, &mut scratch.text)?.to_string();
                    formula = shared_formula(&attrs, f, pos, shared);
                }
                "is" => {
                    let mut text = String::new();
                    rich_text(xml, e.name().as_ref(), &mut scratch.rich, &mut text)?;
                    (value, index) = (Cell::Text(text), None);
                }
                "v" if inline => {
                    let end = e.name().as_ref().to_string();
                    xml.read_to_end_into(quick_xml::name::QName(&end), &mut scratch.inner)?;
                }
                // A shared string, its text put in later: its index, read as `value` reads it.
                "v" if scratch.lazy && typ == Some("s") => {
                    let v = element_text(xml, &mut scratch.inner, &mut scratch.text)?;
                    (value, index) = (Cell::Empty, (!v.is_empty()).then(|| v.parse().unwrap_or(0)));
                }
                "v" => {
                    let v = element_text(xml, &mut scratch.inner, &mut scratch.text)?;
                    (value, index) = (self::value(v, style, typ, book)?, None);
                }
                _ => return Err(Problem::Damaged("unexpected node: expected v, f, or is".into())),
            },
            // `<f t="shared" si="0"/>`: a cell of a shared formula.
            Event::Empty(e) if e.local_name().as_ref() == "f" => {
                formula = shared_formula(&attributes(&e), String::new(), pos, shared);
            }
            Event::End(e) if e.local_name().as_ref() == "c" => break,
            Event::Eof => return Err(Problem::Damaged("unexpected end of a cell".into())),
            _ => {}
        }
    }
    Ok((value, index, formula))
}

/// The shared formulas of a sheet met so far: their text and first cell, by index.
type Shared = HashMap<String, (String, (u32, u32))>;

/// A cell's formula text. A shared formula is written once, in the cell naming its range; the
/// other cells name only its index, and show its text with their relative references shifted,
/// as calamine shows them.
fn shared_formula(attrs: &BTreeMap<String, String>, f: String, pos: (u32, u32), shared: &mut Shared) -> Option<String> {
    if attrs.get("t").map(String::as_str) != Some("shared") {
        return Some(f);
    }
    let si = attrs.get("si")?;
    match attrs.get("ref") {
        Some(range) => {
            let start = region(range).map_or(pos, |(start, _)| start);
            shared.insert(si.clone(), (f.clone(), start));
            Some(f)
        }
        None => shared.get(si).and_then(|(f, start)| calamine::expand_shared_formula(f, *start, pos).ok()),
    }
}

/// A `<v>` value by the cell's type and format, as calamine reads it.
fn value(v: &str, style: Option<usize>, typ: Option<&str>, book: &Book) -> Result<Cell, Problem> {
    let data = match typ {
        Some("s") => {
            if v.is_empty() {
                return Ok(Cell::Empty);
            }
            let index: usize = v.parse().unwrap_or(0);
            let s = book.strings.get(index).ok_or_else(|| Problem::Damaged(MISSING_STRING.into()))?;
            return Ok(Cell::Text(s.to_string()));
        }
        Some("b") => match v.trim() {
            "" => Data::Empty,
            "0" => Data::Bool(false),
            "1" => Data::Bool(true),
            t if t.eq_ignore_ascii_case("false") => Data::Bool(false),
            t if t.eq_ignore_ascii_case("true") => Data::Bool(true),
            _ => return Err(Problem::Damaged(format!("unrecognized boolean cell value: {v}"))),
        },
        Some("d") => Data::DateTimeIso(v.to_string()),
        Some("e") => {
            Data::Error(v.parse::<CellErrorType>().map_err(|e| Problem::Damaged(format!("cell error {v}: {e}")))?)
        }
        Some("str") => return Ok(Cell::Text(unescape_xml(v))),
        Some("n") | None => {
            if v.is_empty() {
                return Ok(Cell::Empty);
            }
            let shown = match style {
                Some(s) => book.formats.get(s).copied(),
                None => Some(Shown::default()),
            };
            match (fast_float2::parse::<f64, _>(v.as_bytes()), typ) {
                (Ok(n), _) => match shown.map(|s| s.kind) {
                    Some(Kind::DateTime) => {
                        Data::DateTime(ExcelDateTime::new(n, ExcelDateTimeType::DateTime, book.is_1904))
                    }
                    Some(Kind::TimeDelta) => {
                        Data::DateTime(ExcelDateTime::new(n, ExcelDateTimeType::TimeDelta, book.is_1904))
                    }
                    _ => Data::Float(n),
                },
                (Err(_), None) => Data::String(v.to_string()),
                (Err(e), _) => return Err(Problem::Damaged(e.to_string())),
            }
        }
        Some(t) => return Err(Problem::Damaged(format!("unknown cell type {t}"))),
    };
    Ok(cell(&data))
}

/// The text of an element up to its end, entities decoded.
fn element_text<'t, R: BufRead>(
    xml: &mut Reader<R>,
    buf: &mut Vec<u8>,
    text: &'t mut String,
) -> Result<&'t str, Problem> {
    text.clear();
    let mut depth = 0usize;
    loop {
        buf.clear();
        match xml.read_event_into(buf)? {
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => entity(&r, text),
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Eof => return Err(Problem::Damaged("unexpected end of a value".into())),
            _ => {}
        }
    }
    Ok(text.as_str())
}

/// Appends what an entity or a character reference stands for.
fn entity(r: &BytesRef, out: &mut String) {
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

/// How a plain run is written: its start when trimmed, its start when its spaces are preserved,
/// and its end.
type Run = (&'static [u8], &'static [u8], &'static [u8]);

/// A plain run (`plain`) written as `run` says, read as `rich_text` reads a `<t>` (trimmed of
/// ASCII white space unless preserved, `_xHHHH_` escapes decoded) and appended to `out`.
fn plain_run<R: Peek>(
    xml: &mut Reader<R>,
    (trimmed, preserved, end): Run,
    text: &mut String,
    out: &mut String,
) -> bool {
    if plain(xml, trimmed, end, text) {
        unescape_into(text.trim_matches([' ', '\t', '\r', '\n']), out);
        return true;
    }
    if plain(xml, preserved, end, text) {
        unescape_into(text, out);
        return true;
    }
    false
}

/// A shared or inline string (`<si>`, `<is>`) up to its end, appended to `out`: its runs joined,
/// phonetic runs left out, ASCII spaces around a run trimmed unless preserved.
fn rich_text<R: Peek>(xml: &mut Reader<R>, closing: &str, scratch: &mut Rich, out: &mut String) -> Result<(), Problem> {
    let Rich { scan, buf, inner, text } = scratch;
    let mut phonetic = false;
    // Whether the reader is just past a tag (where `plain` may look ahead): after the string's start.
    let mut between = true;
    loop {
        // A plain run, read as below without its events: trimmed, or kept as it is when preserved.
        if *scan && between && !phonetic && plain_run(xml, (b"<t>", b"<t xml:space=\"preserve\">", b"</t>"), text, out)
        {
            continue;
        }
        buf.clear();
        let event = xml.read_event_into(buf)?;
        between = past_tag(&event);
        match event {
            Event::Start(e) if e.local_name().as_ref() == "rPh" => phonetic = true,
            Event::End(e) if e.local_name().as_ref() == "rPh" => phonetic = false,
            Event::End(e) if e.name().as_ref() == closing => return Ok(()),
            Event::Start(e) if e.local_name().as_ref() == "t" && !phonetic => {
                let preserve = raw(&e, "xml:space").is_some_and(|v| v == "preserve");
                let value = element_text(xml, inner, text)?;
                let value = if preserve { value } else { value.trim_matches([' ', '\t', '\r', '\n']) };
                unescape_into(value, out);
            }
            Event::Eof => return Err(Problem::Damaged("unexpected end of a string".into())),
            _ => {}
        }
    }
}

/// The shared strings table; with `keep`, only the strings of those indices (in order), read no
/// further than the last of them.
fn shared_strings<R: Peek>(reader: &mut Reader<R>, keep: Option<&[usize]>, scan: bool) -> Result<Strings, String> {
    let mut buf = Vec::new();
    let mut out = Strings::default();
    let mut rich = Rich { scan, ..Rich::default() };
    // The index of the next string, and how many of those to keep are behind.
    let (mut index, mut kept) = (0usize, 0usize);
    let mut skipped = String::new();
    // Whether the reader is just past a tag (where `plain` may look ahead), and a plain string.
    let (mut between, mut text) = (true, String::new());
    loop {
        buf.clear();
        let wanted = keep.is_none_or(|k| k.get(kept) == Some(&index));
        if keep.is_some_and(|k| kept == k.len()) {
            break;
        }
        // `<si><t>Oui</t></si>`, the common string, read as `rich_text` reads it without its events.
        if scan && between {
            const STRING: Run = (b"<si><t>", b"<si><t xml:space=\"preserve\">", b"</t></si>");
            skipped.clear();
            if plain_run(reader, STRING, &mut text, if wanted { &mut out.text } else { &mut skipped }) {
                if wanted {
                    out.ends.push(out.text.len());
                    kept += 1;
                }
                index += 1;
                continue;
            }
        }
        let event = reader.read_event_into(&mut buf);
        between = event.as_ref().is_ok_and(past_tag);
        match event {
            Ok(Event::Start(e)) if e.local_name().as_ref() == "si" => {
                skipped.clear();
                let into = if wanted { &mut out.text } else { &mut skipped };
                match rich_text(reader, e.name().as_ref(), &mut rich, into) {
                    Ok(()) if wanted => {
                        out.ends.push(out.text.len());
                        kept += 1;
                    }
                    Ok(()) => {}
                    Err(Problem::Damaged(d)) => return Err(d),
                    Err(Problem::Refused(e)) => return Err(e.to_string()),
                }
                between = true;
                index += 1;
            }
            Ok(Event::Empty(e)) if e.local_name().as_ref() == "si" => {
                if wanted {
                    out.ends.push(out.text.len());
                    kept += 1;
                }
                index += 1;
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(e.to_string()),
            _ => {}
        }
    }
    Ok(out)
}

/// How each cell format (`cellXfs`) shows a number: date, duration, percentage or other.
fn formats(styles: &[u8]) -> Vec<Shown> {
    let mut codes: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    let mut reader = Reader::from_reader(styles);
    let mut buf = Vec::new();
    let mut in_cell_xfs = false;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "numFmt" => {
                let attrs = attributes(&e);
                if let (Some(id), Some(code)) = (attrs.get("numFmtId"), attrs.get("formatCode")) {
                    codes.insert(id.clone(), code.clone());
                }
            }
            Ok(Event::Start(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = true,
            Ok(Event::End(e)) if e.local_name().as_ref() == "cellXfs" => in_cell_xfs = false,
            Ok(Event::Start(e) | Event::Empty(e)) if in_cell_xfs && e.local_name().as_ref() == "xf" => {
                let id = attributes(&e).remove("numFmtId").unwrap_or_else(|| "0".to_string());
                let shown = match codes.get(&id) {
                    Some(code) => Shown { kind: custom_kind(code), percent: shows_percent(code) },
                    None => Shown { kind: builtin_kind(&id), percent: id == "9" || id == "10" },
                };
                out.push(shown);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// Whether a number format code shows a percentage: a `%` outside quotes and escapes.
pub(crate) fn shows_percent(code: &str) -> bool {
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

/// The category of a built-in number format, as calamine tells it.
fn builtin_kind(id: &str) -> Kind {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" => Kind::DateTime,
        "27" | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51" | "52" | "53" | "54"
        | "55" | "56" | "57" | "58" => Kind::DateTime,
        "46" => Kind::TimeDelta,
        _ => Kind::Other,
    }
}

/// The category of a custom number format, as calamine tells it (its `detect_custom_number_format`,
/// MIT licence, Johann Tuffe): a date or time letter outside quotes, escapes and brackets makes a
/// date; `[h]`, `[m]`, `[s]` a duration; only the first section counts.
fn custom_kind(format: &str) -> Kind {
    let (mut escaped, mut is_quote, mut brackets, mut prev, mut hms, mut ap) = (false, false, 0u8, ' ', false, false);
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return Kind::Other,
            ('[', ..) => brackets += 1,
            (']', .., 1) if hms => return Kind::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Kind::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => return Kind::DateTime,
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Kind::Other
}

/// Decodes Excel's `_xHHHH_` escapes (a UTF-16 unit each, `_x005F_` escaping an underscore), as
/// calamine does: an unpaired surrogate becomes U+FFFD.
fn unescape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    unescape_into(s, &mut out);
    out
}

/// [`unescape_xml`], appended to `out`.
fn unescape_into(s: &str, out: &mut String) {
    if !s.contains("_x") {
        out.push_str(s);
        return;
    }
    let unit = |i: usize| -> Option<u16> {
        let b = s.as_bytes().get(i..i + 7)?;
        if b[0] != b'_' || b[1] != b'x' || b[6] != b'_' {
            return None;
        }
        let hex = std::str::from_utf8(&b[2..6]).ok()?;
        if !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u16::from_str_radix(hex, 16).ok()
    };
    let mut i = 0;
    while i < s.len() {
        match unit(i) {
            Some(high @ 0xD800..=0xDBFF) => {
                i += 7;
                match unit(i) {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        let code = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                        out.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                        i += 7;
                    }
                    _ => out.push(char::REPLACEMENT_CHARACTER),
                }
            }
            Some(u) => {
                out.push(char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER));
                i += 7;
            }
            None => {
                let c = s[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
                out.push(c);
                i += c.len_utf8().max(1);
            }
        }
    }
}

/// An attribute's raw value (no entity decoding: references and numbers have none).
fn raw<'a>(e: &'a BytesStart, key: &str) -> Option<Cow<'a, str>> {
    e.attributes().with_checks(false).flatten().find(|a| a.key.as_ref() == key).map(|a| a.value)
}

/// An element's attributes, entities decoded.
fn attributes(e: &BytesStart) -> BTreeMap<String, String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let key = a.key.as_ref().to_string();
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (key, value)
        })
        .collect()
}

/// The attributes of every element named `name` in a small part.
fn elements(xml: &[u8], name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == name => out.push(attributes(&e)),
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The 0-based row of a row number.
fn row_of(r: &str) -> Result<u32, Problem> {
    r.trim()
        .parse::<u32>()
        .ok()
        .and_then(|r| r.checked_sub(1))
        .ok_or_else(|| Problem::Damaged(format!("bad row number {r}")))
}

/// The 0-based (row, column) of an A1 reference (letters required, as calamine requires them).
fn reference(r: &str) -> Option<(u32, u32)> {
    let (col, letters) = reference_column(r.as_bytes())?;
    let row: u32 = r.get(letters..)?.parse().ok()?;
    Some((row.checked_sub(1)?, col))
}

/// The 0-based column of an A1 reference's letters (one to seven, as calamine requires them) and
/// how many letters there are: what [`reference`] and [`plain_reference`] share.
fn reference_column(r: &[u8]) -> Option<(u32, usize)> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 7 {
        return None;
    }
    let col = r[..letters]
        .iter()
        .try_fold(0u32, |c, b| c.checked_mul(26)?.checked_add(u32::from(b.to_ascii_uppercase() - b'A') + 1))?;
    Some((col - 1, letters))
}

/// A merged region `A1:B2` as its two corners.
fn region(r: &str) -> Option<((u32, u32), (u32, u32))> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    Some((reference(a)?, reference(b)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_references_and_formats() {
        assert_eq!(reference("E14"), Some((13, 4)));
        assert_eq!(reference("AA1"), Some((0, 26)));
        assert_eq!(reference("A0"), None);
        assert_eq!(reference("14"), None);
        assert_eq!(region("B2:C5"), Some(((1, 1), (4, 2))));
        assert!(shows_percent("0.0%"));
        assert!(shows_percent("0,00 %"));
        assert!(!shows_percent("0.00\\%"));
        assert!(!shows_percent("0\" %\""));
        assert_eq!(custom_kind("dd/mm/yyyy"), Kind::DateTime);
        assert_eq!(custom_kind("[h]:mm"), Kind::TimeDelta);
        assert_eq!(custom_kind("0.0%"), Kind::Other);
        assert_eq!(custom_kind("\"j\"0"), Kind::Other);
        assert_eq!(unescape_xml("a_x000D_b_x005F_x000D_"), "a\rb_x000D_");
        assert_eq!(unescape_xml("_xD83D__xDCF7_"), "\u{1F4F7}");
    }

    #[test]
    fn damaged_workbooks_never_panic() {
        // Cuts and flipped bytes of real files (no panic to catch: in the browser, one aborts).
        // Each read with its shared strings first, and after the sheets.
        let files: [(&[u8], usize); 3] = [
            (include_bytes!("../tests/data/handmade.xlsx"), 1),
            (include_bytes!("../tests/data/extra-rust-xlsxwriter.xlsx"), 1),
            (include_bytes!("../tests/data/strings-libreoffice.xlsx"), 80),
        ];
        for (valid, sparse) in files {
            for lazy_above in [u64::MAX, 0] {
                for cut in (0..valid.len()).step_by(41 * sparse) {
                    let _ = read_with("coupe.xlsx", &valid[..cut], &Limits::default(), lazy_above, Ways::FAST);
                }
                for i in (0..valid.len()).step_by(17 * sparse) {
                    let mut bytes = valid.to_vec();
                    bytes[i] ^= 0x55;
                    let _ = read_with("abime.xlsx", &bytes, &Limits::default(), lazy_above, Ways::FAST);
                }
            }
        }
    }
}
