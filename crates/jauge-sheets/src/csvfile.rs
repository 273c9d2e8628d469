//! CSV as French Excel and LibreOffice write it: `;`, `,` or tab, UTF-8 with or without BOM,
//! UTF-16 (Excel's "Unicode text"), or Windows-1252; CRLF; quoted fields with embedded newlines.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

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
    for record in reader.records() {
        // The csv crate only fails on I/O or invalid UTF-8, neither possible on a decoded string;
        // a record it cannot read ends the table rather than the whole reading.
        let Ok(record) = record else { break };
        rows.push(record.iter().map(|f| if f.is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) }).collect());
    }
    (Table { sheet: sheet.to_string(), rows }, encoding, delimiter)
}

/// Decodes bytes: a BOM decides; otherwise valid UTF-8 is UTF-8 and anything else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return (String::from_utf8_lossy(rest).into_owned(), Encoding::Utf8);
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return (UTF_16LE.decode_with_bom_removal(bytes).0.into_owned(), Encoding::Utf16);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return (UTF_16BE.decode_with_bom_removal(bytes).0.into_owned(), Encoding::Utf16);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(_) => (WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(), Encoding::Windows1252),
    }
}

/// The delimiter that splits the most records into the same number of fields (at least two):
/// French decimal commas inside a `;` file give ragged rows when split on `,`, so `;` wins.
fn delimiter(text: &str) -> u8 {
    let sample: String = text.chars().take(64 * 1024).collect();
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
}
