//! The file format, found from the content (magic bytes), never from the extension.

use std::io::Cursor;

/// A format Jauge reads offers from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML workbook (xlsx, xlsm).
    Xlsx,
    /// Excel binary workbook.
    Xlsb,
    /// Excel 97–2003 workbook.
    Xls,
    /// OpenDocument spreadsheet.
    Ods,
    /// An OOXML workbook encrypted with a password (an OLE container holding `EncryptedPackage`).
    EncryptedOoxml,
    /// Comma-, semicolon- or tab-separated text.
    Csv,
    /// A `jauge-offer/1` JSON file.
    Json,
}

impl Format {
    /// Short name for messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::EncryptedOoxml => "xlsx chiffré",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Finds the format of `bytes`, or `None` when it is none Jauge reads (binary of another kind).
pub fn detect(bytes: &[u8]) -> Option<Format> {
    if bytes.starts_with(ZIP) {
        return Some(zip_kind(bytes));
    }
    if bytes.starts_with(OLE) {
        // Encrypted OOXML workbooks are OLE containers with an `EncryptedPackage` stream, whose
        // name is stored in UTF-16LE in the directory.
        let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let encrypted = bytes.windows(needle.len()).any(|w| w == needle.as_slice());
        return Some(if encrypted { Format::EncryptedOoxml } else { Format::Xls });
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Some(Format::Csv); // UTF-16 text, as Excel's "Unicode text" export writes it
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).map(|i| text[i]);
    if start == Some(b'{') {
        return Some(Format::Json);
    }
    looks_like_text(text).then_some(Format::Csv)
}

/// Tells xlsx, xlsb and ods apart by the entries of the archive. A damaged archive is called
/// xlsx, so that the reader reports the damage.
fn zip_kind(bytes: &[u8]) -> Format {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Format::Xlsx };
    if let Ok(mut mimetype) = archive.by_name("mimetype") {
        let mut buf = String::new();
        if std::io::Read::read_to_string(&mut std::io::Read::take(&mut mimetype, 200), &mut buf).is_ok()
            && buf.contains("opendocument.spreadsheet")
        {
            return Format::Ods;
        }
    }
    if archive.index_for_name("xl/workbook.bin").is_some() { Format::Xlsb } else { Format::Xlsx }
}

/// Text in any of the encodings CSV files come in: no NUL byte and few control characters.
fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    !sample.is_empty()
        && !sample.contains(&0)
        && sample.iter().filter(|b| b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t')).count() * 100
            <= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_format_from_the_content() {
        assert_eq!(detect(b"{\"format\": \"jauge-offer/1\"}"), Some(Format::Json));
        assert_eq!(detect(b"\xEF\xBB\xBFIdentifiant;R\xC3\xA9ponse\r\n"), Some(Format::Csv));
        assert_eq!(detect(b"Identifiant;R\xE9ponse\r\n"), Some(Format::Csv));
        assert_eq!(detect(&[0x89, b'P', b'N', b'G', 0, 0, 0, 0]), None);
        assert_eq!(detect(b""), None);
        let mut ole = OLE.to_vec();
        ole.extend([0u8; 100]);
        assert_eq!(detect(&ole), Some(Format::Xls));
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(detect(&ole), Some(Format::EncryptedOoxml));
    }
}
