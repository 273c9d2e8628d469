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
/// in its buffer, are one, and its text is plain (`plain_text`: UTF-8 without markup, comment,
/// CDATA, line end or reference other than to the five predefined entities, which are decoded as
/// quick-xml's events and the readers decode them); its text is then in `text`, as the events
/// would give it (`text` is cleared, and may be left partly written when the element is not
/// plain), and the reader is past the
/// element, in the state its events would have left it (between two tags, the element's start
/// and end balanced). Otherwise nothing is consumed and quick-xml reads on: the same reading.
/// Called only where quick-xml is just past a tag (`past_tag`), never after a text.
pub(crate) fn plain<R: Peek>(xml: &mut Reader<R>, open: &[u8], close: &[u8], text: &mut String) -> bool {
    let source = xml.get_mut();
    let ahead = source.buffered();
    let Some(rest) = ahead.strip_prefix(open) else { return false };
    text.clear();
    let Some(end) = plain_text(rest, text) else { return false };
    if !rest.get(end..).is_some_and(|after| after.starts_with(close)) {
        return false;
    }
    let taken = open.len() + end + close.len();
    source.consume(taken);
    true
}

/// Appends to `text` the plain text at the start of `bytes`, up to the first `<`, and gives where
/// that `<` is: UTF-8 without a carriage return, its references to the five entities XML
/// predefines (`&apos;`, `&amp;`…) put as the characters they stand for, as quick-xml's events and
/// the readers' `entity` give them; `None` (with `text` partly written) for any other text (a
/// character reference, a line end, no `<` in the bytes).
pub(crate) fn plain_text(bytes: &[u8], text: &mut String) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + memchr::memchr3(b'<', b'&', b'\r', bytes.get(from..)?)?;
        text.push_str(std::str::from_utf8(bytes.get(from..at)?).ok()?);
        if bytes[at] != b'&' {
            return (bytes[at] == b'<').then_some(at);
        }
        let after = bytes.get(at + 1..)?;
        let (c, len) = [("amp;", '&'), ("lt;", '<'), ("gt;", '>'), ("quot;", '"'), ("apos;", '\'')]
            .into_iter()
            .find(|(name, _)| after.starts_with(name.as_bytes()))
            .map(|(name, c)| (c, name.len()))?;
        text.push(c);
        from = at + 1 + len;
    }
}

/// The capacity of the buffer a part of `declared` bytes is read through: the whole part when it
/// is small (a form's parts are: no 64 KiB buffer made ready for each), 64 KiB at most.
pub(crate) fn capacity(declared: u64) -> usize {
    usize::try_from(declared.saturating_add(1)).unwrap_or(usize::MAX).min(1 << 16)
}
