//! JSON documents read with the place of their first error: a document is parsed with plain
//! serde_json and, only when that fails, the path of the value at the error's line and column is
//! found by scanning the text (`criteria[3].weight`, `.` for the document itself).
//!
//! This replaced `serde_path_to_error`, which wrapped every deserialiser to track the path as it
//! went: a second copy of every document type's deserialising code in each wasm module (≈ 400 KB
//! raw in the page, issue 17) for a path only an error needs. serde_json places an error on the
//! last byte it read, which is the end of the value at fault (a wrong type, a number out of range,
//! a text no variant names), the closing quote of an unknown key, the closing brace of an object a
//! field is missing from, or the byte a syntax error is found at; the scan names the value that
//! byte belongs to. `tests/it/located.rs` compares it with `serde_path_to_error` on every repository
//! document broken in many ways.

use serde::de::DeserializeOwned;

use crate::error::JsonProblem;

/// A document's first error, with the path of the value at fault.
#[derive(Debug)]
pub struct Located {
    /// `criteria[3].weight`; `.` for the document itself.
    pub path: String,
    /// The line of the byte at fault (1-based).
    pub line: usize,
    /// Its column, in bytes (1-based).
    pub column: usize,
    /// What is wrong there.
    pub problem: JsonProblem,
}

/// Reads a document from its text. A key given twice in one object is refused: serde keeps a
/// map's last value without a word (an evaluator's mark, a bidder's answer, a grid's wording given
/// twice), and which one the author meant is theirs to say.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Located> {
    // serde_json's reader of texts (not of bytes): the one the page's other documents are read
    // with, so that each document type's reading is in a wasm module once (≈ 6 KB of the page).
    let bytes = text.as_bytes();
    let document = serde_json::from_str(text).map_err(|error| {
        let problem = JsonProblem::of(&error);
        locate(bytes, error.line(), error.column(), (error.is_data(), !error.is_syntax()), problem)
    })?;
    if let Some((at, field)) = duplicate_key(bytes) {
        // Placed as serde places a struct's field given twice: on the key's closing quote.
        let (line, column) = line_column(bytes, at);
        return Err(locate(bytes, line, column, (true, true), JsonProblem::DuplicateField { field }));
    }
    Ok(document)
}

/// Reads a document from its bytes: bytes that are not UTF-8 are placed on the first of them.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Located> {
    match std::str::from_utf8(bytes) {
        Ok(text) => from_str(text),
        Err(e) => {
            let (line, column) = line_column(bytes, e.valid_up_to());
            Err(locate(bytes, line, column, (false, false), JsonProblem::NotUtf8))
        }
    }
}

/// The line and column (1-based, in bytes, as serde_json counts them) of the byte at `at`.
fn line_column(text: &[u8], at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    (line, at - before.iter().rposition(|&b| b == b'\n').map_or(0, |newline| newline + 1) + 1)
}

/// The first key (in the text's order) an object of `text` gives twice: the offset of its second
/// closing quote, and the key. `text` is valid JSON (it has been parsed), so a byte scan that
/// skips strings sees every bracket, and each object's keys are compared when it closes, sorted:
/// no set is built, keys without an escape are compared as they are written.
fn duplicate_key(text: &[u8]) -> Option<(usize, String)> {
    use std::borrow::Cow;
    // Keys of the objects being read (key, offset of its closing quote), each object's from the
    // index its frame holds; a list's frame holds `None`.
    let mut keys: Vec<(Cow<[u8]>, usize)> = Vec::new();
    let mut frames: Vec<Option<usize>> = Vec::new();
    let mut key_next = false;
    let mut first: Option<(usize, Cow<[u8]>)> = None;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'{' => {
                frames.push(Some(keys.len()));
                key_next = true;
            }
            b'[' => {
                frames.push(None);
                key_next = false;
            }
            b',' => key_next = matches!(frames.last(), Some(Some(_))),
            b'}' => {
                if let Some(Some(start)) = frames.pop() {
                    let object = &mut keys[start..];
                    object.sort_unstable();
                    for pair in object.windows(2) {
                        // Sorted by key then offset: the second of equal keys is given again.
                        if pair[0].0 == pair[1].0 && first.as_ref().is_none_or(|(at, _)| pair[1].1 < *at) {
                            first = Some((pair[1].1, pair[1].0.clone()));
                        }
                    }
                    keys.truncate(start);
                }
            }
            b']' => {
                frames.pop();
            }
            b'"' => {
                let end = string_end(text, i);
                if key_next {
                    let raw = &text[i + 1..end];
                    let key =
                        if raw.contains(&b'\\') { Cow::Owned(unescape(raw).into_bytes()) } else { Cow::Borrowed(raw) };
                    keys.push((key, end));
                    key_next = false;
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    first.map(|(at, key)| (at, String::from_utf8_lossy(&key).into_owned()))
}

/// `data`: the error is about a value read, not the text's syntax; `read`: the text was read
/// whole (an error about data or the text's end).
fn locate(text: &[u8], line: usize, column: usize, (data, read): (bool, bool), problem: JsonProblem) -> Located {
    // A value of the wrong shape is placed on the last byte read before it; a syntax error on the
    // byte at fault.
    let mut path = path_at(text, line, column, data);
    // `?` stands for a key a syntax error stopped the reading of; an error about data (raised by
    // serde once the value was read, placed after it) names the object.
    if read {
        if path == "?" {
            path = ".".into();
        } else if let Some(object) = path.strip_suffix(".?") {
            path = object.to_string();
        }
    }
    Located { path, line, column, problem }
}

/// One level of the path being scanned: an object (with the key of the member being read) or a
/// list (with the index of the item being read), and where in it the scan is.
struct Frame {
    list: bool,
    key: Option<String>,
    index: usize,
    at: Step,
}

/// Where the scan is in an object or list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// After `{` or `[` (`comma`: after a comma instead).
    Open { comma: bool },
    /// After an object's key, before its colon.
    Key,
    /// After a colon, before the value.
    Colon,
    /// Reading a value that is not a text nor a container (a number, `true`…).
    Scalar,
    /// After a value, before a comma or the closing bracket.
    Value,
}

/// The path of the value the byte at `line` and `column` (1-based, in bytes, as serde_json counts
/// them: column 0 is the line's end before it) belongs to, in `text` (`data`: the error is about a
/// value, not the text's syntax; on a colon, comma or bracket it is then about the value that
/// follows), as serde_path_to_error
/// tracked it: an error reading a key (or the comma before it) names the object and `?`, one
/// between a key and its colon or between an item and the next comma names the object or list.
pub fn path_at(text: &[u8], line: usize, column: usize, data: bool) -> String {
    let at = offset(text, line, column);
    let mut frames: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let byte = text[i];
        // Checked before the byte ends a scalar: an error on that byte (`tru,`, a number cut by the
        // line's end) is the scalar's.
        if i >= at {
            // serde_json places a value of the wrong shape on the last byte it read before the
            // value: with no space between, the colon, the comma or the opening bracket before it.
            if !(data && matches!(byte, b':' | b',' | b'[')) {
                return place(&frames, byte, data);
            }
            if let Some(top) = frames.last_mut() {
                match byte {
                    b':' if !top.list => top.at = Step::Colon,
                    b',' if top.list => {
                        top.index += 1;
                        top.at = Step::Open { comma: true };
                    }
                    _ => {}
                }
            }
            if byte == b'[' {
                frames.push(Frame { list: true, key: None, index: 0, at: Step::Open { comma: false } });
            }
            return place(&frames, b' ', data);
        }
        if let Some(top) = frames.last_mut()
            && top.at == Step::Scalar
            && matches!(byte, b',' | b'}' | b']' | b':' | b' ' | b'\t' | b'\n' | b'\r' | b'"' | b'{' | b'[')
        {
            top.at = Step::Value;
        }
        match byte {
            b'{' | b'[' => {
                frames.push(Frame { list: byte == b'[', key: None, index: 0, at: Step::Open { comma: false } })
            }
            b'}' | b']' => {
                frames.pop();
                if let Some(top) = frames.last_mut() {
                    top.at = Step::Value;
                }
            }
            b',' => {
                if let Some(top) = frames.last_mut() {
                    top.at = Step::Open { comma: true };
                    top.index += usize::from(top.list);
                }
            }
            b':' => {
                if let Some(top) = frames.last_mut() {
                    top.at = Step::Colon;
                }
            }
            b'"' => {
                let end = string_end(text, i);
                let key = frames.last().is_some_and(|top| !top.list && matches!(top.at, Step::Open { .. }));
                if let Some(top) = frames.last_mut() {
                    if key {
                        top.key = Some(unescape(text.get(i + 1..end).unwrap_or_default()));
                    }
                    top.at = if key { Step::Key } else { Step::Value };
                }
                if end >= at {
                    // An error inside a key (a control character, the text's end) is met before the
                    // key is known; one on its closing quote (an unknown field) names it.
                    return if key && end > at { unknown(&frames[..frames.len() - 1]) } else { render(&frames) };
                }
                i = end;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {}
            _ => {
                if let Some(top) = frames.last_mut()
                    && top.at != Step::Value
                {
                    top.at = Step::Scalar;
                }
            }
        }
        i += 1;
    }
    place(&frames, b' ', data)
}

/// The path an error on `byte` names, the scan being where `frames` say (`data`: an error about a
/// value read, not the text's syntax).
fn place(frames: &[Frame], byte: u8, data: bool) -> String {
    let Some((top, outer)) = frames.split_last() else { return ".".to_string() };
    // The bracket that closes this object or list (another is a syntax error like any byte).
    let closing = byte == if top.list { b']' } else { b'}' };
    match (top.list, top.at) {
        // The byte ending a scalar (`tru}`), unless an error about data placed on the closing
        // bracket after it (the object's or list's, read whole).
        (_, Step::Scalar) if !(data && closing) => render(frames),
        // A trailing comma in an object is met reading the next key.
        (false, Step::Open { comma: true }) if closing => unknown(outer),
        // The object or list as a whole (a missing field, a wrong length, a trailing comma in a list).
        (_, _) if closing => render(outer),
        (false, Step::Open { .. } | Step::Value) => unknown(outer),
        (false, Step::Key) => render(outer),
        (true, Step::Value) => render(outer),
        (_, Step::Open { .. } | Step::Colon | Step::Key | Step::Scalar) => render(frames),
    }
}

/// The path of `frames`' object and `?` for a key not read yet.
fn unknown(outer: &[Frame]) -> String {
    let path = render(outer);
    if path == "." { "?".to_string() } else { path + ".?" }
}

/// The byte offset serde_json's line and column name (the last byte it read).
fn offset(text: &[u8], line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match memchr_newline(text, start) {
            Some(newline) => start = newline + 1,
            None => return text.len(),
        }
    }
    (start + column).saturating_sub(1)
}

fn memchr_newline(text: &[u8], from: usize) -> Option<usize> {
    text.get(from..)?.iter().position(|&b| b == b'\n').map(|p| from + p)
}

/// The index of the quote closing the string opened at `open` (the text's end if it is not closed).
fn string_end(text: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < text.len() {
        match text[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    text.len()
}

/// A key's text: JSON escapes decoded (a broken escape is kept as written).
fn unescape(raw: &[u8]) -> String {
    let quoted = [b"\"".as_slice(), raw, b"\""].concat();
    serde_json::from_slice::<String>(&quoted).unwrap_or_else(|_| String::from_utf8_lossy(raw).into_owned())
}

/// The path down `frames`, as serde_path_to_error wrote it: `a.b[2].c`, `.` when empty.
fn render(frames: &[Frame]) -> String {
    let mut out = String::new();
    for frame in frames {
        if frame.list {
            out.push('[');
            out.push_str(&frame.index.to_string());
            out.push(']');
        } else if let Some(key) = &frame.key {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
    }
    if out.is_empty() { ".".to_string() } else { out }
}
