//! Text made safe for the formats Jauge writes. Bids and grids come from people who control every
//! byte of their files, and their texts reach every writer (the report's HTML page and Word
//! document, the workbooks, the results export, the response form): each concern has one function
//! here, and every writer goes through it rather than mending the text its own way.
//!
//! - [`xml`]: characters XML 1.0 forbids (the C0 controls but tab, line feed and carriage return;
//!   U+FFFE and U+FFFF) become U+FFFD, the replacement character. Shown rather than removed: a
//!   supplier whose name carries hidden bytes must not look like another whose name does not, and
//!   U+FFFD is what browsers and decoders already show for a character they cannot use.
//!   The characters that change how a text reads without being seen (bidirectional overrides,
//!   embeddings and isolates, zero-width spaces and joiners, the word joiner, the byte order mark,
//!   the soft hyphen: [`invisible`]) are shown the same way, so that « Portail Plus » written
//!   with a hidden character, or a name whose end is drawn reversed, cannot pass for another.
//! - [`cut`] and [`cell`]: text over a format's limit (a spreadsheet cell holds 32 767 UTF-16
//!   units) is cut, with a note that says so in the document's language, so one overlong text
//!   never makes a whole document fail.
//! - [`css_string`]: text as a quoted CSS string that nothing in it can end early.

use std::borrow::Cow;

use jauge_engine::Lang;
use jauge_engine::text::number;

/// The most a spreadsheet cell holds, in UTF-16 code units (Excel's limit; LibreOffice opens what
/// Excel writes, so the OpenDocument and CSV writers keep to it too).
pub const CELL_LIMIT: usize = 32_767;

/// Whether XML 1.0 allows the character in a document (its `Char` production).
pub fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Whether a character changes how a text reads without being seen: the bidirectional controls
/// (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), zero-width and invisible characters
/// (U+00AD, U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF).
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{61C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whether a character is written as it is: XML 1.0 allows it and it is not [`invisible`].
fn kept(c: char) -> bool {
    xml_allows(c) && !invisible(c)
}

/// The text with each character XML 1.0 forbids, and each [`invisible`] one, replaced by U+FFFD.
pub fn xml(text: &str) -> Cow<'_, str> {
    if text.chars().all(kept) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(|c| if kept(c) { c } else { '\u{FFFD}' }).collect())
    }
}

/// Whether [`escape_into`] escapes quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quotes {
    /// Both quotes escaped: text that may go in a quoted attribute (the HTML page).
    Escaped,
    /// Quotes written as they are: character data only (the Word document's texts, which a
    /// reader of its XML finds word for word).
    Kept,
}

/// Appends `text` to `out` as markup's character data: [`xml`], then `&`, `<`, `>` escaped, and
/// both quotes when `quotes` says so. The report's HTML page and Word document write every text
/// through here.
pub fn escape_into(text: &str, out: &mut String, quotes: Quotes) {
    for c in xml(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes == Quotes::Escaped => out.push_str("&quot;"),
            '\'' if quotes == Quotes::Escaped => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The note that ends a text cut after `n` characters were left out, in `lang`.
fn note(n: usize, lang: Lang) -> String {
    let n = number(n as f64, 0, lang);
    lang.pick(format!("… [texte coupé : {n} caractères]"), format!("… [text cut: {n} characters]"))
}

/// The text if it fits in `limit` UTF-16 code units, else its beginning followed by a note giving
/// the number of characters left out (« … [texte coupé : 7 233 caractères] »), the whole within
/// `limit`.
pub fn cut(text: &str, limit: usize, lang: Lang) -> Cow<'_, str> {
    if text.encode_utf16().count() <= limit {
        return Cow::Borrowed(text);
    }
    let total = text.chars().count();
    // The note is longest when the most is left out: keep room for that one.
    let room = limit.saturating_sub(note(total, lang).encode_utf16().count());
    let mut used = 0;
    let mut kept = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        kept += 1;
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}{}", &text[..end], note(total - kept, lang)))
}

/// Text for a spreadsheet cell: [`xml`]-safe and [`cut`] at [`CELL_LIMIT`].
pub fn cell(text: &str, lang: Lang) -> Cow<'_, str> {
    match xml(text) {
        Cow::Borrowed(t) => cut(t, CELL_LIMIT, lang),
        Cow::Owned(t) => Cow::Owned(cut(&t, CELL_LIMIT, lang).into_owned()),
    }
}

/// The text as a quoted CSS string (`"…"`): quotes, backslashes, line breaks and every other
/// control are written as CSS escapes (`\22 `, `\5C `, `\A `), and `<` and `>` too, so that the
/// text can neither end the string nor, in a page's `<style>` element, the element; characters
/// XML forbids are first replaced as by [`xml`] (CSS turns U+0000 into U+FFFD anyway).
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in xml(text).chars() {
        if c.is_control() || matches!(c, '"' | '\\' | '<' | '>' | '\u{2028}' | '\u{2029}') {
            // The space ends the escape, so that a hexadecimal digit after it stays text.
            out.push_str(&format!("\\{:X} ", c as u32));
        } else {
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_forbids_are_shown_as_replacement_characters() {
        let controls: String = (0u8..0x20).map(char::from).collect();
        let text = format!("A{controls}\u{FFFE}\u{FFFF}_x000B_é");
        let expected: String = std::iter::once('A')
            .chain(controls.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { c } else { '\u{FFFD}' }))
            .chain("\u{FFFD}\u{FFFD}_x000B_é".chars())
            .collect();
        assert_eq!(xml(&text), expected);
        assert!(matches!(xml("Armor Numérique, 1 place de l'Église\n\t😀"), Cow::Borrowed(_)));
    }

    #[test]
    fn characters_that_change_a_reading_unseen_are_shown_too() {
        // A name whose end a right-to-left override draws reversed, one with a zero-width space:
        // each shows where its hidden character is.
        assert_eq!(xml("Portail\u{200B} Plus"), "Portail\u{FFFD} Plus");
        assert_eq!(xml("SARL \u{202E}exe.TXT"), "SARL \u{FFFD}exe.TXT");
        for c in
            ['\u{AD}', '\u{61C}', '\u{200D}', '\u{200F}', '\u{202A}', '\u{2066}', '\u{2069}', '\u{2060}', '\u{FEFF}']
        {
            assert_eq!(xml(&format!("a{c}b")), "a\u{FFFD}b", "U+{:04X}", c as u32);
        }
        // Visible text of other scripts stays as it is.
        assert!(matches!(xml("Société Générale — שלום — مرحبا — 東京"), Cow::Borrowed(_)));
    }

    #[test]
    fn overlong_text_is_cut_within_the_limit_with_a_note() {
        assert!(matches!(cut("court", 5, Lang::Fr), Cow::Borrowed("court")));
        let long = "é".repeat(40_000);
        let fr = cell(&long, Lang::Fr);
        assert!(fr.encode_utf16().count() <= CELL_LIMIT);
        let kept = fr.chars().take_while(|c| *c == 'é').count();
        assert_eq!(
            fr[kept * 2..],
            format!("… [texte coupé : {} caractères]", number((40_000 - kept) as f64, 0, Lang::Fr))
        );
        assert!(kept > 32_700, "{kept}");
        // Counted as spreadsheets count: a character beyond the basic plane takes two units.
        let emoji = "😀".repeat(20);
        assert_eq!(cut(&emoji, 34, Lang::En), "😀😀😀… [text cut: 17 characters]");
        assert_eq!(cut("abcdefghijklmnopqrstuvwxyz0123456789", 30, Lang::En), "abc… [text cut: 33 characters]");
    }

    #[test]
    fn no_text_ends_a_css_string_or_the_style_element() {
        let hostile = "R\"; } body { background: url(https://evil.example/x) } :root { --a: \"\n</style>\\A\u{0}";
        assert_eq!(
            css_string(hostile),
            "\"R\\22 ; } body { background: url(https://evil.example/x) } :root { --a: \\22 \\A \\3C /style\\3E \\5C A\u{FFFD}\""
        );
        assert_eq!(css_string("2026-PC-014 — session 5bdbdf33…"), "\"2026-PC-014 — session 5bdbdf33…\"");
    }
}
