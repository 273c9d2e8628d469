//! CSV as French Excel and LibreOffice write it: `;`, `,` or tab, UTF-8 with or without BOM,
//! UTF-16 (Excel's "Unicode text"), or Windows-1252; CRLF; quoted fields with embedded newlines.
//!
//! The two legacy encodings are decoded here, as the WHATWG Encoding Standard decodes them (a test
//! compares every byte with `encoding_rs`): the standard library decodes UTF-16, and Windows-1252
//! differs from Latin-1 in 32 characters. `encoding_rs` would bring every web encoding's tables
//! (≈ 100 KB of the reader module, issue 17) for these two.

use std::borrow::Cow;

use crate::table::{Cell, Table};

/// The encoding a CSV file was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 with a byte-order mark.
    Utf16,
    /// Windows-1252 (French Excel's "CSV (séparateur : point-virgule)").
    Windows1252,
}

/// Decodes the text and splits it into one table, finding the delimiter and the encoding.
pub fn read(sheet: &str, bytes: &[u8]) -> (Table, Encoding, u8) {
    let (text, encoding) = decode(bytes);
    let delimiter = delimiter(&text);
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // One record's buffers for every row: each field is copied once, into its cell.
    let mut record = csv::StringRecord::new();
    // The csv crate only fails on I/O or invalid UTF-8, neither possible on a decoded string;
    // a record it cannot read ends the table rather than the whole reading.
    while let Ok(true) = reader.read_record(&mut record) {
        rows.push(record.iter().map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) }).collect());
    }
    (Table { sheet: sheet.to_string(), rows }, encoding, delimiter)
}

/// Decodes bytes: a BOM decides; otherwise valid UTF-8 is UTF-8 (borrowed, not copied) and
/// anything else Windows-1252.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest), Encoding::Utf8);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return (Cow::Owned(utf16(rest, u16::from_le_bytes)), Encoding::Utf16);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return (Cow::Owned(utf16(rest, u16::from_be_bytes)), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Encoding::Utf8),
        Err(_) => (Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()), Encoding::Windows1252),
    }
}

/// UTF-16 code units in the order `unit` reads them; an unpaired surrogate is U+FFFD, and so is an
/// odd last byte (one U+FFFD with a high surrogate before it, as the Encoding Standard ends).
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let pairs = bytes.chunks_exact(2);
    let odd = !pairs.remainder().is_empty();
    let mut units: Vec<u16> =
        pairs.map(|p| unit([p.first().copied().unwrap_or(0), p.get(1).copied().unwrap_or(0)])).collect();
    if odd && units.last().is_some_and(|u| (0xD800..0xDC00).contains(u)) {
        units.pop();
    }
    let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// Windows-1252's characters for bytes 0x80 to 0x9F (the five it leaves undefined are the C1
/// controls, as the Encoding Standard maps them); every other byte is the code point of its value.
const WINDOWS_1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn windows_1252(byte: u8) -> char {
    match byte {
        0x80..=0x9F => WINDOWS_1252_HIGH.get(usize::from(byte - 0x80)).copied().unwrap_or(char::REPLACEMENT_CHARACTER),
        _ => char::from(byte),
    }
}

/// The delimiter that splits the most records into the same number of fields (at least two):
/// French decimal commas inside a `;` file give ragged rows when split on `,`, so `;` wins.
fn delimiter(text: &str) -> u8 {
    // The first 64 Ki characters, borrowed.
    let sample = text.char_indices().nth(64 * 1024).map_or(text, |(at, _)| &text[..at]);
    let mut best = (b';', 0usize);
    for d in [b';', b',', b'\t'] {
        let mut reader =
            csv::ReaderBuilder::new().delimiter(d).has_headers(false).flexible(true).from_reader(sample.as_bytes());
        let mut counts = std::collections::BTreeMap::<usize, usize>::new();
        for record in reader.records().take(200).flatten() {
            if record.len() >= 2 {
                *counts.entry(record.len()).or_default() += 1;
            }
        }
        let score = counts.values().copied().max().unwrap_or(0);
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_delimiter_and_encoding() {
        let (t, enc, d) =
            read("f.csv", b"Identifiant;R\xE9ponse;Commentaire\r\nSUP-01;99,9 %;\r\nSUP-02;4 h;\"deux\r\nlignes\"\r\n");
        assert_eq!((enc, d), (Encoding::Windows1252, b';'));
        assert_eq!(t.rows[0][1], Cell::Text("Réponse".into()));
        assert_eq!(t.rows[2][2], Cell::Text("deux\r\nlignes".into()));
        let (t, enc, d) = read("f.csv", "\u{FEFF}id,answer\nA,\"1,5\"\nB,2\n".as_bytes());
        assert_eq!((enc, d), (Encoding::Utf8, b','));
        assert_eq!(t.rows[1][1], Cell::Text("1,5".into()));
        let (_, _, d) = read("f.csv", b"id\tanswer\nA\t1,5\n");
        assert_eq!(d, b'\t');
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("id\tr\u{E9}ponse\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let (t, enc, _) = read("f.csv", &utf16);
        assert_eq!(enc, Encoding::Utf16);
        assert_eq!(t.rows[0][1], Cell::Text("réponse".into()));
    }

    /// Windows-1252 and UTF-16 decode as `encoding_rs` (the WHATWG decoders) decodes them: every
    /// byte, and UTF-16 text with unpaired surrogates, cut pairs and an odd last byte.
    #[test]
    fn legacy_encodings_decode_as_the_encoding_standard() {
        use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
        for byte in 0..=255u8 {
            let theirs = WINDOWS_1252.decode_without_bom_handling(&[byte]).0.into_owned();
            assert_eq!(windows_1252(byte).to_string(), theirs, "byte {byte:#04x}");
        }
        let all: Vec<u8> = (0..=255u8).rev().chain(0..=255).collect();
        let theirs = WINDOWS_1252.decode_without_bom_handling(&all).0.into_owned();
        assert_eq!(all.iter().map(|&b| windows_1252(b)).collect::<String>(), theirs);
        // Pseudo-random UTF-16 byte strings (a fixed linear congruential sequence), surrogates
        // over-represented, of every length up to 64 (odd ones included).
        let mut seed: u32 = 0x2545_F491;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 24) as u8
        };
        for len in 0..=64usize {
            for _ in 0..50 {
                let body: Vec<u8> =
                    (0..len).map(|i| if i % 2 == 1 && next() < 96 { 0xD8 | (next() & 0x07) } else { next() }).collect();
                for (bom, theirs, unit) in [
                    (&b"\xFF\xFE"[..], UTF_16LE, u16::from_le_bytes as fn([u8; 2]) -> u16),
                    (&b"\xFE\xFF"[..], UTF_16BE, u16::from_be_bytes as fn([u8; 2]) -> u16),
                ] {
                    let bytes = [bom, &body].concat();
                    let expected = theirs.decode_with_bom_removal(&bytes).0.into_owned();
                    assert_eq!(utf16(&body, unit), expected, "{bytes:02x?}");
                    assert_eq!(decode(&bytes), (Cow::Owned(expected), Encoding::Utf16));
                }
            }
        }
    }
}
