//! The readers' byte scan: where quick-xml stands just past a tag, an element written plainly
//! (a cell's value, a string's run, a whole cell) is taken from the inflated bytes still in the
//! reader's buffer, without quick-xml's events, and read as those events would read it; anything
//! else is left to quick-xml, so that the reading is the same (`tests/differential.rs` reads every
//! workbook with and without the scan, `tests/it/scanning.rs` a workbook written to mislead it).

use std::io::{BufRead, BufReader, Read};

use quick_xml::Reader;
use quick_xml::events::Event;

/// Which of the reader's shortcuts are taken (each reads the same as without it:
/// `tests/differential.rs` reads every workbook each way).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ways {
    /// The shared strings of the cells no reading looks at left unbuilt (see `settle`).
    pub skip: bool,
    /// Plain values and strings taken from the inflated bytes without quick-xml (see `plain`).
    pub scan: bool,
}

impl Ways {
    /// Every shortcut, as the reader reads.
    pub const FAST: Ways = Ways { skip: true, scan: true };
}

/// A source whose bytes read ahead but not yet parsed can be looked at (a `BufReader`'s buffer).
pub(crate) trait Peek: BufRead {
    /// The bytes in the buffer, without reading more.
    fn buffered(&self) -> &[u8];
}

impl<R: Read> Peek for BufReader<R> {
    fn buffered(&self) -> &[u8] {
        self.buffer()
    }
}

/// Whether quick-xml, having read `event`, is just past a tag's `>`, between two tags (after a
/// text or a reference it has already read the next `<` or is inside a reference).
pub(crate) fn past_tag(event: &Event) -> bool {
    !matches!(event, Event::Text(_) | Event::GeneralRef(_))
}

/// Takes an element written exactly `open`, text, `close` when the reader's next bytes, already
/// in its buffer, are one, and its text is plain (UTF-8 without `<`, `&` or a carriage return:
/// no markup, reference, comment, CDATA or line end that quick-xml would decode or normalise);
/// its text is then in `text`, as quick-xml's events would give it, and the reader is past the
/// element, in the state its events would have left it (between two tags, the element's start
/// and end balanced). Otherwise nothing is consumed and quick-xml reads on: the same reading.
/// Called only where quick-xml is just past a tag (`past_tag`), never after a text.
pub(crate) fn plain<R: Peek>(xml: &mut Reader<R>, open: &[u8], close: &[u8], text: &mut String) -> bool {
    let source = xml.get_mut();
    let ahead = source.buffered();
    let Some(rest) = ahead.strip_prefix(open) else { return false };
    let Some(end) = memchr::memchr3(b'<', b'&', b'\r', rest) else { return false };
    let (Some(value), Some(after)) = (rest.get(..end), rest.get(end..)) else { return false };
    if !after.starts_with(close) {
        return false;
    }
    let Ok(value) = std::str::from_utf8(value) else { return false };
    text.clear();
    text.push_str(value);
    let taken = open.len() + end + close.len();
    source.consume(taken);
    true
}
